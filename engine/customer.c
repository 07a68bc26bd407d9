/*
** customer.c: the customer's state in C (customer.h, customer_int.h): outcome names, events,
** state variables and flags, the lines the customer says, and reading the state back.  The
** host's other parts: customer_setup.c (the sandbox and its environments), customer_turn.c
** (the turn driver), customer_act.c (what the customer does), customer_react.c (declarative
** reactions), customer_api.c (the Lua API), customer_talk.c (listening), customer_people.c
** (each person's own state), customer_cond.c (conditions judged from outside).
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "builtin.h"
#include "customer_int.h"
#include "safe.h"
#include "util.h"
#include "vocab.h"

/* cust_outcome follows vocab.h's outcome table (ORDER cust_outcome) */
_Static_assert(CUST_OUTCOME_NO_SALE + 1 == VOCAB_OUTCOME_COUNT, "cust_outcome and VOCAB_OUTCOMES differ");

/* The outcome's name in transcripts and conditions. */
const char *cust_outcome_name(cust_outcome o) {
  if (o < CUST_OUTCOME_ORDER || o > CUST_OUTCOME_NO_SALE) return "none";
  return vocab_outcome_names[o];
}

/* The outcome named, or -1. */
int cust_outcome_from_name(const char *name) { return vocab_outcome_index(name); }

/* The sandbox limits a session uses unless told otherwise. */
void cust_limits_default(cust_limits *l) {
  l->memory = 32u << 20;
  l->instructions = 10000000;
  l->seconds = 0.25;
  l->reused = 0;
}

/* Frees every event's strings and the array; leaves e empty and reusable. */
void cust_events_free(cust_events *e) {
  if (!e) return;
  for (int i = 0; i < e->n; i++) {
    free(e->v[i].key);
    free(e->v[i].text);
    free(e->v[i].name);
  }
  free(e->v);
  e->v = NULL;
  e->n = e->cap = 0;
}

/* Drops events past n (a rolled-back script's). */
void cust_events_truncate(cust_events *e, int n) {
  for (int i = n; i < e->n; i++) {
    free(e->v[i].key);
    free(e->v[i].text);
    free(e->v[i].name);
  }
  if (n < e->n) e->n = n;
}

/* ===== events, state, flags ============================================================== */

cust_event *cust_ev_push(cust_host *h, cust_event_kind k) {
  cust_events *e = h->out;
  if (e->n == e->cap) {
    e->cap = e->cap ? e->cap * 2 : 8;
    e->v = xrealloc(e->v, (size_t)e->cap * sizeof *e->v);
  }
  cust_event *ev = &e->v[e->n++];
  memset(ev, 0, sizeof *ev);
  ev->kind = k;
  ev->index = -1;
  ev->outcome = CUST_OUTCOME_NONE;
  return ev;
}

/* Records an error event (a copy of msg). */
void cust_ev_error(cust_host *h, const char *msg) {
  /* a script's message (error("\27[2J")) is shown and stored: made safe once here */
  cust_ev_push(h, CUST_EV_ERROR)->text = safe_text(msg, strlen(msg), NULL);
}

/* By name (strcmp): the order of the sorted indexes (customer_int.h). */
int cust_name_cmp(const void *a, const void *b) {
  const cust_name *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : x->i - y->i;
}

/* The index of the first entry named name in a sorted index of n, or -1. */
static int name_find(const cust_name *ix, int n, const char *name) {
  int lo = 0, hi = n;
  while (lo < hi) {   /* leftmost: equal names keep their order */
    int mid = lo + (hi - lo) / 2;
    if (strcmp(ix[mid].name, name) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && strcmp(ix[lo].name, name) == 0 ? ix[lo].i : -1;
}

/* The five known variables come first (init_state) and start with five different letters, so a
** name is one of them after a single comparison: the session reads them every turn. */
static int known_index(const cust_host *h, const char *name) {
  for (int i = 0; i < 5 && i < h->n_state; i++)
    if (h->names[i][0] == name[0]) return strcmp(h->names[i], name) == 0 ? i : -1;
  return -1;
}

/* The index of a state variable, or -1. */
int cust_state_index(const cust_host *h, const char *name) {
  int k = known_index(h, name);
  if (k >= 0) return k;
  if (h->state_ix) return name_find(h->state_ix, h->n_state, name);
  for (int i = 0; i < h->n_state; i++)   /* while the state is being built */
    if (strcmp(h->names[i], name) == 0) return i;
  return -1;
}

/* v as variable i holds it: a flag 0/1, trust and interest 0..10, patience >= 0. */
double cust_state_clamp(const cust_host *h, int i, double v) {
  if (h->is_bool[i]) return v != 0;
  if (h->clamp[i] == 1) return v < 0 ? 0 : v > 10 ? 10 : v;
  if (h->clamp[i] == 2) return v < 0 ? 0 : v;
  return v;
}

/* Sets a variable (clamped for the known ones) and records the change; the people the turn
** is about move along. */
void cust_state_set(cust_host *h, int i, double v) {
  cust_state_set_mask(h, i, v, h->n_people ? cust_people_target(h) : 0);
}

/* The same, moving the people in mask (none with one customer). */
void cust_state_set_mask(cust_host *h, int i, double v, unsigned mask) {
  const char *n = h->names[i];
  /* each person moves by the step asked for, even where the table's value is pinned */
  if (mask) cust_people_follow(h, i, h->val[i], v, mask);
  v = cust_state_clamp(h, i, v);
  if (v == h->val[i]) return;
  if (h->out) {
    cust_event *ev = cust_ev_push(h, CUST_EV_STATE);
    ev->name = xstrdup(n);
    ev->before = h->val[i];
    ev->after = v;
  }
  h->val[i] = v;
}

int cust_flag(const cust_host *h, int kind, int i) { return h->flags[h->off[kind] + i]; }
void cust_set_flag(cust_host *h, int kind, int i, int v) { h->flags[h->off[kind] + i] = (unsigned char)v; }

/* splitmix64: small, seedable, and the same on every platform. */
uint64_t cust_rand(cust_host *h) {
  uint64_t z = (h->rng += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* One of the variants, chosen by the seeded generator (no draw when there is one). */
const char *cust_pick(cust_host *h, const scn_strs *v) {
  if (!v || v->n == 0) return NULL;
  return cust_pick_among(h, (const char *const *)v->v, v->n);
}

/* Is commitment c on offer in the current visit (a visit's list, or all)?  From the table
** resolve_names made. */
int cust_offered(const cust_host *h, int c) {
  const scenario *sc = h->sc;
  if (sc->n_visits == 0 || h->visit >= sc->n_visits) return 1;
  return h->offered[(size_t)h->visit * (size_t)sc->n_commitments + (size_t)c];
}

/* The index of the entity of kind with id, or -1. */
int cust_id_index(const cust_host *h, int kind, const char *id) {
  return name_find(h->id_ix[kind], h->n_id_ix[kind], id);
}

/* The index i with v[i] == s (the pointer), or -1. */
static int ptr_index(const char *const *v, int n, const char *s) {
  for (int i = 0; v && i < n; i++)
    if (v[i] == s) return i;
  return -1;
}

/* A name a script gave (a string of the Lua state) as an index: equal short strings are one
** object in Lua, so when it is the very string cust_anchor_names kept, one pointer comparison
** per entry finds it; any other string (a long one, or no name) is looked up by its text. */
int cust_id_index_lua(const cust_host *h, int kind, const char *id) {
  int n = kind == CUST_K_NEED ? h->sc->n_needs : kind == CUST_K_BENEFIT ? h->sc->n_benefits
        : kind == CUST_K_COMMITMENT ? h->sc->n_commitments : h->sc->n_objections;
  int i = ptr_index(h->lua_id[kind], n, id);
  return i >= 0 ? i : cust_id_index(h, kind, id);
}

int cust_state_index_lua(const cust_host *h, const char *name) {
  int i = ptr_index(h->lua_state, h->n_state, name);
  return i >= 0 ? i : cust_state_index(h, name);
}

/* ===== lines ============================================================================= */

/* The index of the scenario's first lines entry with key, or -1. */
int cust_line_index(const cust_host *h, const char *key) {
  return name_find(h->line_ix, h->n_line_ix, key);
}

/* The default behaviour's built-in line for key in lang (a string or a list), picked: from the
** build's table when default.lua runs from its bytecode, else from its LINES (the same lines,
** the same picks: test_customer compares the two). */
static const char *builtin_line(lua_State *L, cust_host *h, const char *lang, const char *key) {
  const char *res = NULL;
  int top = lua_gettop(L);
  if (h->env_default == LUA_NOREF) return NULL;
  if (h->lines_image) {
    const bi_line *b = bi_find_line(lang, key);
    const char *v[16];
    int m;
    const char *text = b ? bi_line_get(b, v, 16, &m) : NULL;
    return !b ? NULL : text ? text : cust_pick_among(h, v, m);
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_default);
  lua_pushliteral(L, "LINES");
  if (lua_rawget(L, -2) == LUA_TTABLE) {
    lua_pushstring(L, lang);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
      lua_pushstring(L, key);
      int t = lua_rawget(L, -2);
      if (t == LUA_TSTRING) {
        res = lua_tostring(L, -1);
      } else if (t == LUA_TTABLE) {
        lua_Unsigned n = lua_rawlen(L, -1);
        const char *v[16];
        int m = 0;
        for (lua_Unsigned k = 1; k <= n && m < 16; k++) {
          if (lua_rawgeti(L, -1, (lua_Integer)k) == LUA_TSTRING) v[m++] = lua_tostring(L, -1);
          lua_pop(L, 1);   /* the strings stay alive: LINES holds them */
        }
        res = cust_pick_among(h, v, m);
      }
    }
  }
  lua_settop(L, top);   /* the string stays alive: LINES still holds it */
  return res;
}

/* A line for key: the scenario's, else the default behaviour's in the scenario's language,
** else its English one.  NULL when there is none. */
const char *cust_line(lua_State *L, cust_host *h, const char *key) {
  return cust_line_at(L, h, cust_line_index(h, key), key);
}

/* The hashes of line's variants (cust_text_hash), made at its first use: a line is wanted many
** times a session, and its variants were hashed each time, twice. */
static const uint64_t *line_hashes(cust_host *h, int line) {
  const scn_strs *v = &h->sc->lines[line].variants;
  if (!h->line_hash[line]) {
    uint64_t *hv = xmalloc(((size_t)v->n + 1) * sizeof *hv);
    for (int i = 0; i < v->n; i++) hv[i] = cust_text_hash(v->v[i]);
    h->line_hash[line] = hv;
  }
  return h->line_hash[line];
}

/* The same with the scenario's entry found already (line, or -1). */
const char *cust_line_at(lua_State *L, cust_host *h, int line, const char *key) {
  const scn_lines *ln = line >= 0 ? &h->sc->lines[line] : NULL;
  if (ln && ln->variants.n > 0) {
    const uint64_t *hv = line_hashes(h, line);
    int fresh = 0;
    for (int i = 0; i < ln->variants.n && !fresh; i++) fresh = !cust_hash_said(h, hv[i]);
    if (!fresh) {   /* every variant of the scenario's said already: a built-in one not said yet */
      const char *b = builtin_line(L, h, h->lang, key);
      if (b && !cust_was_said(h, b)) return b;
    }
    return cust_pick_among_hashed(h, (const char *const *)ln->variants.v, hv, ln->variants.n);
  }
  const char *t = builtin_line(L, h, h->lang, key);
  if (!t && strcmp(h->lang, "en") != 0) t = builtin_line(L, h, "en", key);
  return t;
}

/* Records a line the customer says. */
void cust_say_text(cust_host *h, const char *text, const char *key) {
  cust_note_said(h, text);             /* the template: its variants are compared, not fillings */
  char *filled = cust_fill(h, text);
  /* at a table of several, a line nobody's name opens (a built-in fallback, "More or less. Why
  ** do you ask?") is the one person's the turn prefers, not the whole table's */
  unsigned p = h->prefer;
  if (h->n_people >= 2 && p && !(p & (p - 1)) && cust_speaker_of(h, filled) < 0) {
    int who = 0;
    while (!(p >> who & 1)) who++;
    if (who < h->n_people) {
      char *named = xasprintf("%s: %s", h->people[who], filled);
      free(filled);
      filled = named;
    }
  }
  cust_event *ev = cust_ev_push(h, CUST_EV_SAY);
  ev->text = safe_text(filled, strlen(filled), NULL);   /* invalid UTF-8 would vanish from the JSON */
  free(filled);
  ev->key = key ? xstrdup(key) : NULL;
}

/* Says the line for key; 0 when no line exists. */
int cust_say_key(lua_State *L, cust_host *h, const char *key) {
  const char *t = cust_line(L, h, key);
  if (!t) return 0;
  cust_say_text(h, t, key);
  return 1;
}

/* ===== reading the state ================================================================= */

int cust_state_count(const cust_host *h) { return h->n_state; }

/* The name of state variable i, or NULL. */
const char *cust_state_name(const cust_host *h, int i) {
  return (i >= 0 && i < h->n_state) ? h->names[i] : NULL;
}

/* The value of a state variable (booleans as 0/1); *found says whether it exists. */
double cust_state_get(const cust_host *h, const char *name, int *found) {
  int i = cust_state_index(h, name);
  if (found) *found = i >= 0;
  return i >= 0 ? h->val[i] : 0;
}

/* See customer.h. */
double cust_known_state(const cust_host *h, int k) {
  assert(k >= 0 && k < 5 && k < h->n_state);
  return h->val[k];
}

/* Has the customer voiced need? */
int cust_need_revealed(const cust_host *h, int need) {
  return need >= 0 && need < h->sc->n_needs && cust_flag(h, CF_REVEALED, need);
}

/* Has the customer confirmed need? */
int cust_need_confirmed(const cust_host *h, int need) {
  return need >= 0 && need < h->sc->n_needs && cust_flag(h, CF_CONFIRMED, need);
}

int cust_visit(const cust_host *h) { return h->visit; }
int cust_speaker(const cust_host *h, const char *text) { return cust_speaker_of(h, text); }
cust_outcome cust_current_outcome(const cust_host *h) { return h->outcome; }


int cust_reaction_fired(const cust_host *h, int i) {
  return i >= 0 && i < h->sc->n_reactions && h->ever_fired[i];
}
