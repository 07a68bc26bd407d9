/*
** customer.c: the customer host (customer.h).  Builds the sandbox with three environments
** (the default behaviour, the scenario's script, and the conditions of reactions), keeps the
** customer's state in C, and drives each turn: reactions, then the script's on_turn, then the
** default's.  A script error rolls the script's partial effects back, becomes a
** CUST_EV_ERROR event, and the default behaviour answers instead.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <lauxlib.h>
#include "builtin.h"
#include "customer_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "safe.h"
#include "util.h"
#include "vocab.h"

/* An error at file:line:col in the catalogue's words of key (name, value pairs ended by NULL),
** in the commands' language. */
static void say(diag *d, const char *file, int line, int col, const char *key, ...) __attribute__((sentinel));
static void say(diag *d, const char *file, int line, int col, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  diag_add(d, DIAG_ERROR, file, line, col, "%s", m);
  free(m);
}

#define CUST_MAX_SCRIPT (1u << 20)   /* a behaviour script is a few KiB */

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
static void events_truncate(cust_events *e, int n) {
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

static int cmp_name(const void *a, const void *b) {
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

/* The index of a state variable, or -1. */
int cust_state_index(const cust_host *h, const char *name) {
  if (h->state_ix) return name_find(h->state_ix, h->n_state, name);
  for (int i = 0; i < h->n_state; i++)   /* while the state is being built */
    if (strcmp(h->names[i], name) == 0) return i;
  return -1;
}

/* Sets a variable (clamped for the known ones) and records the change. */
void cust_state_set(cust_host *h, int i, double v) {
  const char *n = h->names[i];
  if (h->is_bool[i]) v = v != 0;
  else if (h->clamp[i] == 1) v = v < 0 ? 0 : v > 10 ? 10 : v;
  else if (h->clamp[i] == 2) v = v < 0 ? 0 : v;
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

/* ===== lines ============================================================================= */

/* The index of the scenario's first lines entry with key, or -1. */
int cust_line_index(const cust_host *h, const char *key) {
  return name_find(h->line_ix, h->n_line_ix, key);
}

/* The default behaviour's built-in line for key in lang (a string or a list), picked. */
static const char *builtin_line(lua_State *L, cust_host *h, const char *lang, const char *key) {
  const char *res = NULL;
  int top = lua_gettop(L);
  if (h->env_default == LUA_NOREF) return NULL;
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

/* The same with the scenario's entry found already (line, or -1). */
const char *cust_line_at(lua_State *L, cust_host *h, int line, const char *key) {
  const scn_lines *ln = line >= 0 ? &h->sc->lines[line] : NULL;
  if (ln && ln->variants.n > 0) {
    int fresh = 0;
    for (int i = 0; i < ln->variants.n && !fresh; i++) fresh = !cust_was_said(h, ln->variants.v[i]);
    if (!fresh) {   /* every variant of the scenario's said already: a built-in one not said yet */
      const char *b = builtin_line(L, h, h->lang, key);
      if (b && !cust_was_said(h, b)) return b;
    }
    return cust_pick(h, &ln->variants);
  }
  const char *t = builtin_line(L, h, h->lang, key);
  if (!t && strcmp(h->lang, "en") != 0) t = builtin_line(L, h, "en", key);
  return t;
}

/* Records a line the customer says. */
void cust_say_text(cust_host *h, const char *text, const char *key) {
  cust_note_said(h, text);             /* the template: its variants are compared, not fillings */
  char *filled = cust_fill(h, text);
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

/* ===== what the customer does ============================================================ */

int cust_reveal(cust_host *h, int need, int quiet) {
  if (cust_flag(h, CF_REVEALED, need)) return 0;
  cust_set_flag(h, CF_REVEALED, need, 1);
  cust_ev_push(h, CUST_EV_REVEAL)->index = need;
  const char *said = h->sc->needs[need].said;
  if (!quiet && said && *said) cust_say_text(h, said, NULL);
  return 1;
}

/* The customer confirms a need (revealing it quietly first); 0 when already confirmed. */
int cust_confirm(cust_host *h, int need) {
  if (cust_flag(h, CF_CONFIRMED, need)) return 0;
  cust_reveal(h, need, 1);
  cust_set_flag(h, CF_CONFIRMED, need, 1);
  cust_event *ev = cust_ev_push(h, CUST_EV_CONFIRM);
  ev->index = need;
  int who = cust_speaker_of(h, h->sc->needs[need].said);   /* credited to the one who said it */
  if (who >= 0) ev->name = xstrdup(h->people[who]);
  return 1;
}

/* The customer gives commitment c and, unless quiet, says its accept line. */
int cust_give(lua_State *L, cust_host *h, int c, int quiet) {
  const scn_commitment *cm = &h->sc->commitments[c];
  const char *line = quiet ? NULL : cust_pick(h, &cm->accept);
  const char *key = NULL;
  if (!line && !quiet) { key = "accept"; line = cust_line(L, h, key); }
  cust_set_flag(h, CF_GIVEN, c, 1);
  cust_ev_push(h, CUST_EV_GIVE)->index = c;
  if (line) cust_say_text(h, line, key);
  return 1;
}

/* The customer refuses commitment c with a reason: the one given, its refuse line, or the
** built-in "premature" line. */
int cust_refuse(lua_State *L, cust_host *h, int c, const char *reason, int quiet) {
  const scn_commitment *cm = &h->sc->commitments[c];
  const char *line = reason, *key = NULL;
  if (!line && !quiet) line = cust_pick(h, &cm->refuse);
  if (!line && !quiet) { key = "premature"; line = cust_line(L, h, key); }
  cust_set_flag(h, CF_REFUSED, c, 1);
  cust_event *ev = cust_ev_push(h, CUST_EV_REFUSE);
  ev->index = c;
  ev->text = line ? safe_text(line, strlen(line), NULL) : NULL;
  if (line && !quiet) cust_say_text(h, line, key);
  return 1;
}

/* The customer raises objection obj (an event the first time) and says it unless quiet.  Said
** already, it is not said word for word again: "objection_again" ("As I said, ...") stands in
** when the scenario or the default behaviour has that line. */
int cust_raise(lua_State *L, cust_host *h, int obj, int quiet) {
  int fresh = !cust_flag(h, CF_RAISED, obj);
  if (fresh) {
    cust_set_flag(h, CF_RAISED, obj, 1);
    cust_ev_push(h, CUST_EV_OBJECTION)->index = obj;
  }
  const char *said = h->sc->objections[obj].said;
  if (!quiet && said && *said) {
    const char *again = cust_was_said(h, said) ? cust_line(L, h, "objection_again") : NULL;
    if (again) cust_say_text(h, again, "objection_again");
    else cust_say_text(h, said, NULL);
  }
  return fresh;
}

/* Settles the visit's outcome once, with why it ended in the END event's text (the debrief
** shows it); 0 when it was already settled. */
int cust_end_visit_why(cust_host *h, cust_outcome o, const char *why) {
  if (h->outcome != CUST_OUTCOME_NONE) return 0;
  h->outcome = o;
  cust_event *ev = cust_ev_push(h, CUST_EV_END);
  ev->outcome = o;
  if (why) ev->text = xstrdup(why);
  return 1;
}

/* Applies a visit's state overrides. */
static void apply_visit_state(cust_host *h, int v) {
  if (v >= h->sc->n_visits) return;
  const scn_visit *vs = &h->sc->visits[v];
  for (int i = 0; i < vs->n_state; i++) {
    int k = cust_state_index(h, vs->state[i].name);
    if (k >= 0) cust_state_set(h, k, vs->state[i].value);
  }
}

/* Initial patience (the scenario's, or 12), restored at each visit. */
static double initial_patience(const cust_host *h) {
  const scenario *sc = h->sc;
  for (int i = 0; i < sc->n_state; i++)
    if (strcmp(sc->state[i].name, SCN_STATE_PATIENCE) == 0) return sc->state[i].value;
  return 12;
}

/* Moves a campaign to its next visit (see docs/lua-api.md); 0 on the last visit. */
int cust_next_visit(cust_host *h) {
  if (h->visit + 1 >= h->sc->n_visits) return 0;
  if (h->outcome == CUST_OUTCOME_NONE) {
    cust_event *ev = cust_ev_push(h, CUST_EV_END);
    ev->outcome = CUST_OUTCOME_ADVANCE;
    ev->text = xstrdup("commitment");
  }
  h->visit++;
  h->outcome = CUST_OUTCOME_NONE;
  h->turn_no = 0;
  h->warned = 0;
  cust_ev_push(h, CUST_EV_NEXT_VISIT)->index = h->visit;
  cust_state_set(h, h->patience, initial_patience(h));
  apply_visit_state(h, h->visit);
  memset(h->flags + h->off[CF_FIRED], 0, (size_t)h->sc->n_reactions);  /* once: per visit */
  memset(h->flags + h->off[CF_GIVEN], 0, (size_t)h->sc->n_commitments);
  memset(h->flags + h->off[CF_REFUSED], 0, (size_t)h->sc->n_commitments);
  h->pending_start = 1;
  return 1;
}

/* Runs commitment c's realistic_when inside the running call. */
int cust_is_realistic(lua_State *L, cust_host *h, int c) {
  if (c < 0 || c >= h->sc->n_commitments) return 0;
  if (h->real_ref[c] == LUA_NOREF) return 1;
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->real_ref[c]);
  lua_call(L, 0, 1);
  int r = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return r;
}

/* ===== the tables a hook receives ========================================================= */

static const char *const move_names[] = {
#define X(c, s) s,
  CLS_MOVES(X)
#undef X
};
static const char *const slot_names[] = { "action", "time", "person", "place" };

/* Pushes a list of ids for the indexes v[0..n) into kind's array of ids. */
static void push_ids(lua_State *L, cust_host *h, const int *v, int n, int kind) {
  const scenario *sc = h->sc;
  lua_createtable(L, n, 0);
  int k = 0;
  for (int i = 0; i < n; i++) {
    const char *id = NULL;
    if (kind == CUST_K_NEED && v[i] >= 0 && v[i] < sc->n_needs) id = sc->needs[v[i]].id;
    if (kind == CUST_K_BENEFIT && v[i] >= 0 && v[i] < sc->n_benefits) id = sc->benefits[v[i]].id;
    if (kind == CUST_K_OBJECTION && v[i] >= 0 && v[i] < sc->n_objections) id = sc->objections[v[i]].id;
    if (!id) continue;
    lua_pushstring(L, id);
    lua_rawseti(L, -2, ++k);
  }
}

/* Pushes a fresh turn table for the current line (empty outside a turn). */
void cust_push_turn(lua_State *L, cust_host *h) {
  const cls_result *t = h->turn;
  lua_createtable(L, 0, 16);
  if (!t) return;
  lua_pushstring(L, t->text ? t->text : "");
  lua_setfield(L, -2, "text");
  lua_pushstring(L, t->norm ? t->norm : (t->text ? t->text : ""));
  lua_setfield(L, -2, "norm");
  lua_createtable(L, 0, 4);
  for (int m = 0; m < CLS_MOVE_COUNT; m++) {
    if (!CLS_HAS(t, m)) continue;
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, move_names[m]);
  }
  lua_setfield(L, -2, "moves");
  lua_createtable(L, 0, 4);
  for (int s = 0; s < CLS_SLOT_COUNT; s++) {
    if (!t->slots[s]) continue;
    lua_pushstring(L, t->slots[s]);
    lua_setfield(L, -2, slot_names[s]);
  }
  lua_setfield(L, -2, "slots");
  lua_pushboolean(L, t->specific); lua_setfield(L, -2, "specific");
  lua_pushboolean(L, t->vague); lua_setfield(L, -2, "vague");
  lua_pushboolean(L, t->question); lua_setfield(L, -2, "question");
  lua_pushboolean(L, t->negated); lua_setfield(L, -2, "negated");
  if (t->tactic == CLS_TACTIC_GAIN) { lua_pushliteral(L, "gain"); lua_setfield(L, -2, "tactic"); }
  if (t->tactic == CLS_TACTIC_LOSS) { lua_pushliteral(L, "loss"); lua_setfield(L, -2, "tactic"); }
  push_ids(L, h, t->needs, t->n_needs, CUST_K_NEED);
  lua_setfield(L, -2, "needs");
  push_ids(L, h, t->benefits, t->n_benefits, CUST_K_BENEFIT);
  lua_setfield(L, -2, "benefits");
  push_ids(L, h, t->objections, t->n_objections, CUST_K_OBJECTION);
  lua_setfield(L, -2, "objections");
  lua_createtable(L, h->n_people, 0);   /* the people the line names, when several sit there */
  for (int i = 0, k = 0; i < h->n_people; i++) {
    if (!(h->addressed >> i & 1)) continue;
    lua_pushstring(L, h->people[i]);
    lua_rawseti(L, -2, ++k);
  }
  lua_setfield(L, -2, "addressed");
  if (t->commitment >= 0 && t->commitment < h->sc->n_commitments) {
    lua_pushstring(L, h->sc->commitments[t->commitment].id);
    lua_setfield(L, -2, "commitment");
  }
}

/* Pushes a fresh ctx table: visit, visits, turn, lang, reason, outcome. */
void cust_push_ctx(lua_State *L, cust_host *h, const char *reason) {
  lua_createtable(L, 0, 6);
  lua_pushinteger(L, h->visit + 1); lua_setfield(L, -2, "visit");
  lua_pushinteger(L, h->sc->n_visits > 0 ? h->sc->n_visits : 1); lua_setfield(L, -2, "visits");
  lua_pushinteger(L, h->turn_no); lua_setfield(L, -2, "turn");
  lua_pushstring(L, h->lang); lua_setfield(L, -2, "lang");
  if (reason) { lua_pushstring(L, reason); lua_setfield(L, -2, "reason"); }
  if (h->outcome != CUST_OUTCOME_NONE) {
    lua_pushstring(L, cust_outcome_name(h->outcome));
    lua_setfield(L, -2, "outcome");
  }
}

/* ===== snapshots: a failed script leaves no trace but its error ============================ */

typedef struct snap {
  double *val;
  unsigned char *flags;
  int visit, turn_no, pending_start, n_events;
  cust_outcome outcome;
  uint64_t rng;
} snap;

/* Copies everything a hook can change. */
static void snap_take(cust_host *h, snap *s) {
  s->val = xmalloc((size_t)h->n_state * sizeof *s->val + 1);
  memcpy(s->val, h->val, (size_t)h->n_state * sizeof *s->val);
  s->flags = xmalloc((size_t)h->n_flags + 1);
  memcpy(s->flags, h->flags, (size_t)h->n_flags);
  s->visit = h->visit;
  s->turn_no = h->turn_no;
  s->pending_start = h->pending_start;
  s->outcome = h->outcome;
  s->rng = h->rng;
  s->n_events = h->out->n;
}

/* Puts it all back and drops the events recorded since. */
static void snap_restore(cust_host *h, const snap *s) {
  memcpy(h->val, s->val, (size_t)h->n_state * sizeof *s->val);
  memcpy(h->flags, s->flags, (size_t)h->n_flags);
  h->visit = s->visit;
  h->turn_no = s->turn_no;
  h->pending_start = s->pending_start;
  h->outcome = s->outcome;
  h->rng = s->rng;
  events_truncate(h->out, s->n_events);
}

/* Frees a snapshot's copies. */
static void snap_free(snap *s) {
  free(s->val);
  free(s->flags);
}

/* ===== running hooks ===================================================================== */

/* Switches the script off after it exhausted memory: its environment is released so the
** collector can take back what it held, and the default answers from now on. */
static void script_off(lua_State *L, cust_host *h) {
  if (h->env_script == LUA_NOREF) return;
  luaL_unref(L, LUA_REGISTRYINDEX, h->env_script);
  h->env_script = LUA_NOREF;
  h->script_off = 1;
  if (h->script_chunk != LUA_NOREF) {   /* its _ENV upvalue still holds the script's data */
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->script_chunk);
    lua_pushnil(L);                     /* no allocation: memory may be exhausted here */
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    lua_pop(L, 1);                      /* cust_reset gives the chunk a new environment */
  }
  sbx_collect(h->sbx);
}

/* Calls env[hook](args...) where the args were pushed by push (turn and/or ctx).  Returns
** -1 when env has no such function, else 1 when it returned true, 0 otherwise; on error,
** rolls back, records the error event and returns -2. */
static int call_hook(lua_State *L, cust_host *h, int env_ref, const char *hook,
                     int with_turn, const char *reason) {
  if (env_ref == LUA_NOREF) return -1;
  lua_rawgeti(L, LUA_REGISTRYINDEX, env_ref);
  lua_pushstring(L, hook);
  int t = lua_rawget(L, -2);
  lua_remove(L, -2);
  if (t != LUA_TFUNCTION) {
    lua_pop(L, 1);
    return -1;
  }
  int nargs = 1;
  if (with_turn) { cust_push_turn(L, h); nargs++; }
  cust_push_ctx(L, h, reason);
  snap s;
  snap_take(h, &s);
  size_t kept = sbx_kept(h->sbx);
  char *err = NULL;
  sbx_status st = sbx_call(h->sbx, nargs, 1, &err);
  h->last_status = st;
  int res;
  if (st == SBX_OK) {
    res = lua_toboolean(L, -1) ? 1 : 0;
    lua_pop(L, 1);
  } else {
    snap_restore(h, &s);
    sbx_set_kept(h->sbx, kept);   /* what the call said is dropped: it is not kept either */
    int is_script = env_ref == h->env_script;
    char *off = st == SBX_ERR_MEMORY && is_script ? msg_get(MSG_CLI_LANG, "cli.lua.script_off", NULL) : NULL;
    char *msg = xasprintf("%s%s%s", err ? err : "?", off ? "\n" : "", off ? off : "");
    cust_ev_error(h, msg);
    free(msg);
    free(off);
    free(err);
    if (st == SBX_ERR_MEMORY && is_script) script_off(L, h);
    else sbx_collect(h->sbx);
    res = -2;
  }
  snap_free(&s);
  return res;
}

/* The script's hook, then the default's unless the script returned true (or had the
** hook and the visit is already settled). */
static void run_layer(lua_State *L, cust_host *h, const char *hook, int with_turn,
                      const char *reason) {
  int r = call_hook(L, h, h->env_script, hook, with_turn, reason);
  if (r == 1) return;
  h->last_status = SBX_OK;
  r = call_hook(L, h, h->env_default, hook, with_turn, reason);
  if (r == -2 && h->last_status == SBX_ERR_MEMORY && h->env_script != LUA_NOREF) {
    /* the script's data leaves no room for the default: the script goes, the default retries */
    char *why = msg_get(MSG_CLI_LANG, "cli.lua.script_memory", NULL);
    cust_ev_error(h, why);
    free(why);
    script_off(L, h);
    call_hook(L, h, h->env_default, hook, with_turn, reason);
  }
}

/* The opening of the current visit. */
static void run_start(lua_State *L, cust_host *h) {
  h->pending_start = 0;
  h->in_start = 1;
  run_layer(L, h, "on_start", 0, NULL);
  h->in_start = 0;
}

/* After a hook: the next visit's opening, or the end when patience ran out. */
static void after_hook(lua_State *L, cust_host *h) {
  for (int guard = 0; h->pending_start && guard < 8; guard++) run_start(L, h);
  if (h->outcome == CUST_OUTCOME_NONE) {
    if (h->val[h->patience] <= 0) {
      run_layer(L, h, "on_end", 0, "patience");
      if (h->outcome == CUST_OUTCOME_NONE) cust_end_visit_why(h, CUST_OUTCOME_CONTINUATION, "patience");
    }
  }
}

/* Two turns before patience runs out the customer says so, once a visit, whatever the
** behaviour: the end must never come without a warning the trainee could see. */
static void warn_patience(lua_State *L, cust_host *h) {
  if (h->outcome != CUST_OUTCOME_NONE || h->warned) return;
  double p = h->val[h->patience];
  if (p > 2 || p <= 0) return;
  h->warned = 1;
  cust_say_key(L, h, "patience_low");
}

/* Host side of cust_start (protected). */
static int start_cf(lua_State *L) {
  cust_host *h = lua_touserdata(L, 1);
  run_start(L, h);
  after_hook(L, h);
  return 0;
}

/* The reactions of one turn, run as one budgeted call: the conditions inside it (nested
** calls) share a single budget, so many runaway conditions cost no more than one. */
static int reactions_cf(lua_State *L) {
  cust_host *h = lua_touserdata(L, 1);
  int *stop = lua_touserdata(L, 2);
  cust_run_reactions(L, h, stop);
  return 0;
}

/* Host side of cust_turn (protected): patience, reactions, behaviour, then what follows. */
static int turn_cf(lua_State *L) {
  cust_host *h = lua_touserdata(L, 1);
  int stop = 0;
  h->turn_no++;
  h->addressed = h->prefer = cust_addressed(h, h->turn);
  h->said_at_turn = h->out->n;
  cust_state_set(h, h->patience, h->val[h->patience] - 1);
  lua_pushcfunction(L, reactions_cf);
  lua_pushlightuserdata(L, h);
  lua_pushlightuserdata(L, &stop);
  char *err = NULL;
  if (sbx_call(h->sbx, 2, 0, &err) != SBX_OK) {   /* memory in the actions, say */
    cust_ev_error(h, err);
    sbx_collect(h->sbx);
  }
  free(err);
  if (!stop && h->outcome == CUST_OUTCOME_NONE) run_layer(L, h, "on_turn", 1, NULL);
  after_hook(L, h);
  warn_patience(L, h);
  return 0;
}

/* Host side of cust_end (protected): on_end if the visit is still open, else nothing. */
static int end_cf(lua_State *L) {
  cust_host *h = lua_touserdata(L, 1);
  const char *why = h->end_why ? h->end_why : "left";
  if (h->outcome == CUST_OUTCOME_NONE) run_layer(L, h, "on_end", 0, why);
  if (h->outcome == CUST_OUTCOME_NONE) cust_end_visit_why(h, CUST_OUTCOME_CONTINUATION, why);
  return 0;
}

/* Runs f protected; a failure there (memory in host code) becomes an error event. */
static void drive(cust_host *h, lua_CFunction f, const cls_result *turn, cust_events *out) {
  h->out = out;
  h->turn = turn;
  char *err = NULL;
  if (sbx_protect(h->sbx, f, h, &err) != 0) {
    char *msg = xasprintf("customer: %s", err ? err : "?");
    cust_ev_error(h, msg);
    free(msg);
    free(err);
    lua_State *L = sbx_lua(h->sbx);
    script_off(L, h);
    sbx_collect(h->sbx);
  }
  h->turn = NULL;
  h->out = NULL;
}

void cust_start(cust_host *h, cust_events *out) { drive(h, start_cf, NULL, out); }

/* One trainee line; nothing happens once the visit is settled. */
void cust_turn(cust_host *h, const cls_result *turn, cust_events *out) {
  if (h->outcome != CUST_OUTCOME_NONE) return;   /* the visit is over */
  drive(h, turn_cf, turn, out);
}

void cust_end(cust_host *h, cust_events *out) { cust_end_for(h, NULL, out); }

/* The visit ends for a reason the session knows ("left", "time_limit"); on_end gets it as
** ctx.reason. */
void cust_end_for(cust_host *h, const char *why, cust_events *out) {
  h->end_why = why;
  drive(h, end_cf, NULL, out);
  h->end_why = NULL;
}

/* Says the line for key now, outside a turn (the session's own announcements). */
static int say_cf(lua_State *L) {
  cust_host *h = lua_touserdata(L, 1);
  cust_say_key(L, h, h->end_why);
  return 0;
}

void cust_announce(cust_host *h, const char *key, cust_events *out) {
  h->end_why = key;
  drive(h, say_cf, NULL, out);
  h->end_why = NULL;
}

/* ===== construction ====================================================================== */

static const char *basename_of(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* The line number of "name:LINE: ..." in a Lua message, or 0. */
static int msg_line(const char *msg, const char *name) {
  size_t n = strlen(name);
  if (strncmp(msg, name, n) != 0 || msg[n] != ':') return 0;
  return atoi(msg + n + 1);
}

/* Adds a script problem to d at its line, message without the "name:LINE: " prefix. */
static void diag_script(diag *d, const char *path, const char *name, const char *msg) {
  int line = msg_line(msg, name);
  const char *m = msg;
  if (line > 0) {
    m = strchr(msg + strlen(name) + 1, ':');
    m = m ? m + 1 : msg;
    while (*m == ' ') m++;
  }
  diag_add(d, DIAG_ERROR, path, line, 0, "%s", m);
}

typedef struct setup_args {
  cust_host *h;
  diag *d;
  const char *default_path;
  char *default_src; size_t default_len;
  char *script_src; size_t script_len;
  int fatal;
} setup_args;

/* Pushes a new environment with the customer API (and, for the scenario's script, the default
** behaviour's hooks as `default`). */
static void push_env(lua_State *L, cust_host *h, int with_default) {
  sbx_push_env(L);
  cust_push_api(L, h);
  lua_setfield(L, -2, "customer");
  if (with_default && h->env_default != LUA_NOREF) {   /* default.on_turn(...) and friends */
    static const char *const hooks[] = { "on_start", "on_turn", "on_end" };
    lua_createtable(L, 0, 3);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_default);
    for (int i = 0; i < 3; i++) {
      lua_pushstring(L, hooks[i]);
      lua_rawget(L, -2);
      lua_setfield(L, -3, hooks[i]);
    }
    lua_pop(L, 1);
    lua_setfield(L, -2, "default");
  }
}

/* Runs a loaded chunk (below the environment on the stack; both popped) with that environment
** as its _ENV; returns the environment's registry ref, or LUA_NOREF after reporting to d. */
static int run_chunk(lua_State *L, cust_host *h, diag *d, const char *path, const char *name) {
  lua_pushvalue(L, -1);
  if (!lua_setupvalue(L, -3, 1)) lua_pop(L, 1);   /* _ENV, the chunk's first upvalue */
  lua_insert(L, -2);                              /* env, chunk */
  char *err = NULL;
  cust_events tmp = {0};
  cust_events *saved = h->out;
  h->out = &tmp;    /* top-level code may not say anything yet; its events are dropped */
  sbx_status st = sbx_call(h->sbx, 0, 0, &err);
  h->out = saved;
  cust_events_free(&tmp);
  if (st != SBX_OK) {
    if (d) diag_script(d, path, name, err);
    free(err);
    lua_pop(L, 1);
    sbx_collect(h->sbx);
    return LUA_NOREF;
  }
  return luaL_ref(L, LUA_REGISTRYINDEX);
}

/* Makes an environment with the customer API, loads and runs a chunk in it; returns the
** registry ref of the environment, or LUA_NOREF after reporting the problem.  *chunk gets a
** reference to the loaded chunk (for cust_reset), LUA_NOREF when it did not compile. */
static int load_env(lua_State *L, setup_args *a, const char *path, const char *name,
                    const char *src, size_t len, int with_default, int *chunk) {
  cust_host *h = a->h;
  *chunk = LUA_NOREF;
  push_env(L, h, with_default);
  char *err = NULL;
  /* default.lua as compiled at build time when it is the shipped file (builtin.h); from source
  ** when it is not, or when this Lua refuses the bytecode (a shared liblua of another release) */
  const bi_entry *bc = with_default ? NULL : bi_find("lua/default.lua", src, len);
  sbx_status ls = SBX_ERR_SYNTAX;
  if (bc && bc->bytes && (ls = sbx_load_builtin(h->sbx, name, bc->bytes, bc->n_bytes, -1, &err)) != SBX_OK) {
    free(err);
    err = NULL;
  }
  if (ls != SBX_OK) ls = sbx_load(h->sbx, name, src, len, -1, &err);
  if (ls != SBX_OK) {
    diag_script(a->d, path, name, err);
    free(err);
    lua_pop(L, 1);
    return LUA_NOREF;
  }
  lua_pushvalue(L, -1);
  *chunk = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_insert(L, -2);   /* chunk, env */
  return run_chunk(L, h, a->d, path, name);
}

/* Loads the default behaviour, the condition environment and its conditions, then the
** scenario's script (protected).  Problems go into the diag. */
static int setup_cf(lua_State *L) {
  setup_args *a = lua_touserdata(L, 1);
  cust_host *h = a->h;
  const scenario *sc = h->sc;
  /* The host's own set-up (default.lua, environments, conditions) makes only what lives as long
  ** as the host, so a collection meanwhile would find nothing to free.  It runs again before
  ** the scenario's script, whose top-level code may make garbage. */
  lua_gc(L, LUA_GCSTOP);
  int chunk;
  h->env_default = load_env(L, a, a->default_path, "default.lua", a->default_src, a->default_len, 0, &chunk);
  if (h->env_default == LUA_NOREF) { a->fatal = 1; return 0; }
  luaL_unref(L, LUA_REGISTRYINDEX, chunk);   /* reuse calls its forget() instead of running it again */
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_default);
  h->mark_default = sbx_mark(h->sbx, -1);
  lua_pop(L, 1);

  cust_push_cond_env(L, h);
  h->mark_cond = sbx_mark(h->sbx, -1);            /* the environment (always empty) ... */
  lua_getmetatable(L, -1);
  lua_getfield(L, -1, "__index");
  lua_getupvalue(L, -1, 2);
  h->mark_helpers = sbx_mark(h->sbx, -1);         /* ... and what its names resolve to */
  lua_pop(L, 3);
  h->env_cond = luaL_ref(L, LUA_REGISTRYINDEX);
  /* All at once (customer_react.c); one by one only to report what does not compile. */
  int nc = sc->n_reactions + sc->n_commitments;
  const char **exprs = xcalloc((size_t)nc + 1, sizeof *exprs);
  int *lines = xcalloc((size_t)nc + 1, sizeof *lines), *refs = xcalloc((size_t)nc + 1, sizeof *refs);
  for (int i = 0; i < sc->n_reactions; i++) {
    exprs[i] = sc->reactions[i].when;
    lines[i] = sc->reactions[i].pos.line;
  }
  for (int i = 0; i < sc->n_commitments; i++) {
    exprs[sc->n_reactions + i] = sc->commitments[i].realistic_when;
    lines[sc->n_reactions + i] = sc->commitments[i].pos.line;
  }
  if (cust_compile_conds(h, nc, exprs, lines, refs) != 0) {
    for (int i = 0; i < nc; i++) {   /* one by one, to say which does not compile */
      if (!exprs[i]) continue;
      int is_when = i < sc->n_reactions;
      scn_pos pos = is_when ? sc->reactions[i].pos : sc->commitments[i - sc->n_reactions].pos;
      char *err = NULL;
      if (cust_compile_cond(h, exprs[i], lines[i], &err) == 0) {
        refs[i] = luaL_ref(L, LUA_REGISTRYINDEX);
      } else {
        diag_add(a->d, DIAG_ERROR, sc->file ? sc->file : "scenario", pos.line, pos.col, "%s: %s",
                 is_when ? "when" : "realistic_when", err);
        free(err);
      }
    }
  }
  for (int i = 0; i < sc->n_reactions; i++) h->when_ref[i] = refs[i];
  for (int i = 0; i < sc->n_commitments; i++) h->real_ref[i] = refs[sc->n_reactions + i];
  free(exprs); free(lines); free(refs);
  lua_gc(L, LUA_GCRESTART);
  if (a->script_src)
    h->env_script = load_env(L, a, sc->behaviour, h->script_name, a->script_src, a->script_len, 1,
                             &h->script_chunk);
  return 0;
}

/* Fills the state: the five known variables with their defaults, the scenario's values and
** its own variables (cust_init then applies the first visit's overrides). */
static void init_state(cust_host *h) {
  const scenario *sc = h->sc;
  static const struct { const char *name; int is_bool; double v; } known[] = {
    { SCN_STATE_INTEREST, 0, 3 }, { SCN_STATE_TRUST, 0, 3 }, { SCN_STATE_PATIENCE, 0, 12 },
    { SCN_STATE_VALUE_ACK, 1, 0 }, { SCN_STATE_ON_LIST, 1, 0 },
  };
  int cap = 5 + sc->n_state;
  h->names = xcalloc((size_t)cap, sizeof *h->names);
  h->val = xcalloc((size_t)cap, sizeof *h->val);
  h->is_bool = xcalloc((size_t)cap, 1);
  for (int i = 0; i < 5; i++) {
    h->names[i] = xstrdup(known[i].name);
    h->is_bool[i] = (unsigned char)known[i].is_bool;
    h->val[i] = known[i].v;
  }
  h->n_state = 5;
  for (int i = 0; i < sc->n_state; i++) {
    int k = cust_state_index(h, sc->state[i].name);
    if (k < 0) {
      k = h->n_state++;
      h->names[k] = xstrdup(sc->state[i].name);
      h->is_bool[k] = (unsigned char)(sc->state[i].is_bool != 0);
    }
    h->val[k] = sc->state[i].value;
  }
}

/* The index of id among n entries of size sz whose id is at offset off, or -1. */
static int id_index(const void *base, int n, size_t sz, size_t off, const char *id) {
  for (int i = 0; id && i < n; i++) {
    const char *x = *(const char *const *)((const char *)base + (size_t)i * sz + off);
    if (x && strcmp(x, id) == 0) return i;
  }
  return -1;
}

/* Resolves every name a turn would otherwise look up by scanning: state variables and line
** keys into sorted indexes, each reaction's line key, need, objection, commitment and state
** variables into indexes.  Once per host, in time n log n. */
static void resolve_names(cust_host *h) {
  const scenario *sc = h->sc;
  h->state_ix = xmalloc(((size_t)h->n_state + 1) * sizeof *h->state_ix);
  h->clamp = xcalloc((size_t)h->n_state + 1, 1);
  for (int i = 0; i < h->n_state; i++) {
    h->state_ix[i] = (cust_name){ h->names[i], i };
    const char *n = h->names[i];
    h->clamp[i] = (strcmp(n, SCN_STATE_INTEREST) == 0 || strcmp(n, SCN_STATE_TRUST) == 0) ? 1
                : strcmp(n, SCN_STATE_PATIENCE) == 0 ? 2 : 0;
  }
  qsort(h->state_ix, (size_t)h->n_state, sizeof *h->state_ix, cmp_name);
  h->patience = cust_state_index(h, SCN_STATE_PATIENCE);
  h->line_ix = xmalloc(((size_t)sc->n_lines + 1) * sizeof *h->line_ix);
  for (int i = 0; i < sc->n_lines; i++)
    if (sc->lines[i].key) h->line_ix[h->n_line_ix++] = (cust_name){ sc->lines[i].key, i };
  qsort(h->line_ix, (size_t)h->n_line_ix, sizeof *h->line_ix, cmp_name);
  for (int k = 0; k < 4; k++) {   /* ids, as the Lua API names them (CUST_K_*) */
    int n = k == CUST_K_NEED ? sc->n_needs : k == CUST_K_BENEFIT ? sc->n_benefits
          : k == CUST_K_COMMITMENT ? sc->n_commitments : sc->n_objections;
    h->id_ix[k] = xmalloc(((size_t)n + 1) * sizeof *h->id_ix[k]);
    for (int i = 0; i < n; i++) {
      const char *id = k == CUST_K_NEED ? sc->needs[i].id : k == CUST_K_BENEFIT ? sc->benefits[i].id
                     : k == CUST_K_COMMITMENT ? sc->commitments[i].id : sc->objections[i].id;
      if (id) h->id_ix[k][h->n_id_ix[k]++] = (cust_name){ id, i };
    }
    qsort(h->id_ix[k], (size_t)h->n_id_ix[k], sizeof *h->id_ix[k], cmp_name);
  }
  h->offered = xcalloc((size_t)sc->n_visits * (size_t)sc->n_commitments + 1, 1);
  for (int v = 0; v < sc->n_visits; v++) {
    const scn_strs *list = &sc->visits[v].commitments;
    for (int c = 0; c < sc->n_commitments; c++) {
      int on = list->n == 0;
      for (int i = 0; i < list->n && !on; i++) on = strcmp(list->v[i], sc->commitments[c].id) == 0;
      h->offered[(size_t)v * (size_t)sc->n_commitments + (size_t)c] = (unsigned char)on;
    }
  }
  h->rx = xcalloc((size_t)sc->n_reactions + 1, sizeof *h->rx);
  for (int i = 0; i < sc->n_reactions; i++) {
    const scn_reaction *r = &sc->reactions[i];
    cust_rx *x = &h->rx[i];
    x->say_line = r->say_key ? cust_line_index(h, r->say_key) : -1;
    x->reveal = id_index(sc->needs, sc->n_needs, sizeof *sc->needs, offsetof(scn_need, id), r->reveal);
    x->objection = id_index(sc->objections, sc->n_objections, sizeof *sc->objections,
                            offsetof(scn_objection, id), r->objection);
    x->commitment = id_index(sc->commitments, sc->n_commitments, sizeof *sc->commitments,
                             offsetof(scn_commitment, id), r->give ? r->give : r->refuse);
    x->change_var = xmalloc(((size_t)r->n_changes + 1) * sizeof *x->change_var);
    for (int k = 0; k < r->n_changes; k++) x->change_var[k] = cust_state_index(h, r->changes[k].var);
  }
}

/* Builds the host in *h (zeroed); 0, or -1 after reporting to d (then clear it).  In place, not
** returned: the Lua closures of the API hold h's address. */
static int cust_init(cust_host *h, const scenario *sc, uint64_t seed, const cust_limits *lim, diag *d) {
  h->sc = sc;
  h->rng = seed ^ 0x5A1E5C0FFEEULL;
  h->lang = (sc->language && strcmp(sc->language, "zh") == 0) ? "zh" : "en";
  h->outcome = CUST_OUTCOME_NONE;
  h->env_default = h->env_script = h->env_cond = LUA_NOREF;
  h->script_chunk = h->mark_default = h->mark_cond = h->mark_helpers = LUA_NOREF;
  if (lim) h->lim = *lim;
  else cust_limits_default(&h->lim);
  h->scn_name = xstrdup(basename_of(sc->file ? sc->file : "scenario.yaml"));
  init_state(h);
  resolve_names(h);
  cust_people_init(h);
  apply_visit_state(h, 0);
  h->val0 = xmalloc((size_t)h->n_state * sizeof *h->val0 + 1);
  memcpy(h->val0, h->val, (size_t)h->n_state * sizeof *h->val0);
  int sizes[CF_KINDS] = { sc->n_needs, sc->n_needs, sc->n_commitments, sc->n_commitments,
                          sc->n_objections, sc->n_reactions };
  for (int k = 0; k < CF_KINDS; k++) { h->off[k] = h->n_flags; h->n_flags += sizes[k]; }
  h->flags = xcalloc((size_t)h->n_flags + 1, 1);
  h->ever_fired = xcalloc((size_t)sc->n_reactions + 1, 1);
  h->when_ref = xmalloc(((size_t)sc->n_reactions + 1) * sizeof *h->when_ref);
  h->real_ref = xmalloc(((size_t)sc->n_commitments + 1) * sizeof *h->real_ref);
  for (int i = 0; i < sc->n_reactions; i++) h->when_ref[i] = LUA_NOREF;
  for (int i = 0; i < sc->n_commitments; i++) h->real_ref[i] = LUA_NOREF;

  setup_args a = { .h = h, .d = d };
  char err[256];
  sbx_limits sl;
  sbx_limits_default(&sl);
  if (lim) { sl.memory = lim->memory; sl.instructions = lim->instructions; sl.seconds = lim->seconds; }
  h->sbx = sbx_new(&sl, seed, err, sizeof err);
  char *dpath = util_data_path("lua/default.lua");
  if (!h->sbx || !dpath) {
    if (h->sbx) say(d, dpath ? dpath : "lua/default.lua", 0, 0, "cli.lua.no_default", NULL);
    else diag_add(d, DIAG_ERROR, dpath ? dpath : "lua/default.lua", 0, 0, "%s", err);
    free(dpath);
    return -1;
  }
  a.default_path = dpath;
  a.default_src = util_read_file(dpath, CUST_MAX_SCRIPT, &a.default_len, err, sizeof err);
  if (!a.default_src) {
    say(d, dpath, 0, 0, "cli.lua.default_unreadable", "error", err, NULL);
    free(dpath);
    return -1;
  }
  if (sc->behaviour) {
    h->script_name = xstrdup(basename_of(sc->behaviour));
    a.script_src = util_read_file(sc->behaviour, CUST_MAX_SCRIPT, &a.script_len, err, sizeof err);
    if (!a.script_src)
      say(d, sc->file ? sc->file : sc->behaviour, sc->behaviour_pos.line, sc->behaviour_pos.col,
          "cli.lua.script_unreadable", "path", sc->behaviour, "error", err, NULL);
  }
  cust_events sink = {0};
  h->out = &sink;
  char *perr = NULL;
  int rc = sbx_protect(h->sbx, setup_cf, &a, &perr);
  lua_gc(sbx_lua(h->sbx), LUA_GCRESTART);   /* whichever way the set-up ended */
  h->out = NULL;
  cust_events_free(&sink);
  free(a.default_src);
  free(a.script_src);
  if (rc != 0 || a.fatal) {
    if (rc != 0) say(d, dpath, 0, 0, "cli.lua.setup", "error", perr ? perr : "?", NULL);
    free(perr);
    free(dpath);
    return -1;
  }
  free(dpath);
  return 0;
}

/* Creates the customer for a session; see customer.h. */
cust_host *cust_new(const scenario *sc, uint64_t seed, const cust_limits *lim, diag *d) {
  cust_host *h = xcalloc(1, sizeof *h);
  if (cust_init(h, sc, seed, lim, d) != 0) { cust_free(h); return NULL; }
  return h;
}

/* Frees what the host holds (its Lua state and arrays), not the struct. */
static void cust_clear(cust_host *h) {
  sbx_free(h->sbx);
  for (int i = 0; i < h->n_state; i++) free(h->names[i]);
  free(h->names);
  free(h->val);
  free(h->val0);
  free(h->state_ix);
  free(h->line_ix);
  free(h->clamp);
  for (int k = 0; k < 4; k++) free(h->id_ix[k]);
  free(h->offered);
  for (int i = 0; h->rx && i < h->sc->n_reactions; i++) free(h->rx[i].change_var);
  free(h->rx);
  free(h->is_bool);
  free(h->flags);
  free(h->ever_fired);
  free(h->when_ref);
  free(h->real_ref);
  free(h->script_name);
  free(h->scn_name);
  cust_people_free(h);
  free(h->said);
}

/* Frees the host and its Lua state. */
void cust_free(cust_host *h) {
  if (!h) return;
  cust_clear(h);
  free(h);
}

/* ===== reuse ============================================================================= */

typedef struct reset_args { cust_host *h; diag *d; } reset_args;

/* The Lua side of a reset (protected): the default behaviour forgets the last visit, the
** script runs again in a new environment. */
static int reset_cf(lua_State *L) {
  reset_args *a = lua_touserdata(L, 1);
  cust_host *h = a->h;
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_default);
  lua_pushliteral(L, "forget");
  lua_rawget(L, -2);
  lua_remove(L, -2);
  char *err = NULL;
  if (sbx_call(h->sbx, 0, 0, &err) != SBX_OK) return luaL_error(L, "default.lua forget(): %s", err ? err : "?");
  if (h->env_script != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, h->env_script);
  h->env_script = LUA_NOREF;
  if (h->script_chunk != LUA_NOREF) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->script_chunk);
    push_env(L, h, 1);
    h->env_script = run_chunk(L, h, a->d, h->sc->behaviour, h->script_name);
  }
  return 0;
}

/* Can the kept environments be trusted to be as a new host's?  The default behaviour is the
** program's own code, which nothing else can reach (a script gets copies of its three hooks):
** it keeps what it remembers of a visit in one table that forget() replaces, and changes
** nothing else (test_customer checks its environment after many visits).  The conditions are
** the scenario's: their environment and what their names resolve to must be exactly as marked
** (a condition could write to a library table, say). */
static int reusable(cust_host *h) {
  if (h->mark_cond == LUA_NOREF || h->mark_helpers == LUA_NOREF) return 0;
  lua_State *L = sbx_lua(h->sbx);
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_default);
  lua_pushliteral(L, "forget");
  int ok = lua_rawget(L, -2) == LUA_TFUNCTION;
  lua_pop(L, 2);
  return ok && sbx_unchanged(h->sbx, h->mark_cond) && sbx_unchanged(h->sbx, h->mark_helpers);
}

/* Starts over as cust_new(h->sc, seed, ...) would; see customer.h. */
int cust_reset(cust_host *h, uint64_t seed, diag *d) {
  if (!reusable(h)) {   /* build it anew, in place */
    const scenario *sc = h->sc;
    cust_limits lim = h->lim;
    cust_clear(h);
    memset(h, 0, sizeof *h);
    return cust_init(h, sc, seed, &lim, d);
  }
  /* in cust_new's order: the state and the random generators first, then the Lua code */
  memcpy(h->val, h->val0, (size_t)h->n_state * sizeof *h->val);
  memset(h->flags, 0, (size_t)h->n_flags);
  memset(h->ever_fired, 0, (size_t)h->sc->n_reactions);   /* a new session: none fired yet */
  h->rng = seed ^ 0x5A1E5C0FFEEULL;
  h->visit = 0;
  h->turn_no = 0;
  h->n_said = 0;
  h->warned = 0;
  h->outcome = CUST_OUTCOME_NONE;
  h->pending_start = h->in_start = h->script_off = 0;
  h->last_status = SBX_OK;
  h->turn = NULL;
  if (sbx_reseed(h->sbx, seed) != 0) return -1;
  cust_events sink = {0};
  h->out = &sink;
  reset_args a = { h, d };
  char *perr = NULL;
  int rc = sbx_protect(h->sbx, reset_cf, &a, &perr);
  h->out = NULL;
  cust_events_free(&sink);
  if (rc != 0) {
    if (d) say(d, "lua/default.lua", 0, 0, "cli.lua.reset", "error", perr ? perr : "?", NULL);
    free(perr);
    return -1;
  }
  return 0;
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

/* ===== conditions from outside ============================================================ */

typedef struct eval_args { cust_host *h; const char *expr; int result; char *err; } eval_args;

/* Compiles and runs one condition (protected). */
static int eval_cf(lua_State *L) {
  eval_args *a = lua_touserdata(L, 1);
  cust_host *h = a->h;
  int line = 1;   /* messages point at the YAML line when the expression is the scenario's */
  for (int i = 0; i < h->sc->n_commitments; i++) {
    const scn_commitment *c = &h->sc->commitments[i];
    if (c->realistic_when && strcmp(c->realistic_when, a->expr) == 0 && c->pos.line > 0) line = c->pos.line;
  }
  for (int i = 0; i < h->sc->n_reactions; i++) {
    const scn_reaction *r = &h->sc->reactions[i];
    if (r->when && strcmp(r->when, a->expr) == 0 && r->pos.line > 0) line = r->pos.line;
  }
  if (cust_compile_cond(h, a->expr, line, &a->err) != 0) { a->result = -1; return 0; }
  char *err = NULL;
  if (sbx_call(h->sbx, 0, 1, &err) != SBX_OK) {
    a->err = err;
    a->result = -1;
    return 0;
  }
  a->result = lua_toboolean(L, -1) ? 1 : 0;
  lua_pop(L, 1);
  return 0;
}

/* Evaluates a condition against the current state; see customer.h. */
int cust_eval_condition(cust_host *h, const char *expr, char *err, size_t errlen) {
  eval_args a = { .h = h, .expr = expr, .result = -1 };
  cust_events sink = {0};
  cust_events *saved = h->out;
  h->out = &sink;   /* a condition cannot act; anything it tried is dropped */
  char *perr = NULL;
  if (sbx_protect(h->sbx, eval_cf, &a, &perr) != 0) {
    a.result = -1;
    a.err = perr;
    perr = NULL;
  }
  h->out = saved;
  cust_events_free(&sink);
  if (a.result < 0) snprintf(err, errlen, "%s", a.err ? a.err : "condition failed");
  free(a.err);
  free(perr);
  return a.result;
}

typedef struct rung_args { cust_host *h; int n; uint64_t mask, failed; char *err; } rung_args;

/* All the rungs' conditions, inside one budgeted call (started by rungs_cf): each runs
** protected, so one that fails leaves the others judged; a spent budget stops them all. */
static int rungs_body(lua_State *L) {
  rung_args *a = lua_touserdata(L, 1);
  cust_host *h = a->h;
  for (int c = 0; c < a->n; c++) {
    if (h->real_ref[c] == LUA_NOREF) {
      if (!h->sc->commitments[c].realistic_when) a->mask |= 1ULL << c;
      else a->failed |= 1ULL << c;
      continue;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->real_ref[c]);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
      a->failed |= 1ULL << c;
      if (!a->err) {
        const char *m = lua_tostring(L, -1);
        a->err = xasprintf("realistic_when of '%s': %s", h->sc->commitments[c].id, m ? m : "error");
      }
      if (sbx_spent(h->sbx)) return lua_error(L);   /* the shared budget is gone */
    } else if (lua_toboolean(L, -1)) {
      a->mask |= 1ULL << c;
    }
    lua_pop(L, 1);
  }
  return 0;
}

static int rungs_cf(lua_State *L) {
  rung_args *a = lua_touserdata(L, 1);
  lua_pushcfunction(L, rungs_body);
  lua_pushlightuserdata(L, a);
  char *err = NULL;
  if (sbx_call(a->h->sbx, 1, 0, &err) != SBX_OK) {
    a->failed |= ~a->mask;
    if (!a->err) a->err = err, err = NULL;   /* the rung's own message names it: kept */
    free(err);
  } else {
    free(err);
  }
  return 0;
}

/* Judges every rung at once; see customer.h. */
uint64_t cust_rungs_realistic(cust_host *h, cust_events *errors) {
  rung_args a = { .h = h, .n = h->sc->n_commitments < 64 ? h->sc->n_commitments : 64 };
  cust_events sink = {0};
  cust_events *saved = h->out;
  h->out = &sink;   /* a condition cannot act; anything it tried is dropped */
  char *perr = NULL;
  if (sbx_protect(h->sbx, rungs_cf, &a, &perr) != 0 && !a.err) a.err = perr, perr = NULL;
  cust_events_free(&sink);
  h->out = errors;
  if (a.err && errors) cust_ev_error(h, a.err);   /* shown like a script's errors */
  h->out = saved;
  free(a.err);
  free(perr);
  return a.mask;
}

/* Compiles a condition without running it; see customer.h. */
int cust_check_expr(const char *expr, char *err, size_t errlen) {
  return sbx_check_expr(expr, err, errlen);
}

/* Compiles a behaviour script without running it; see customer.h. */
int cust_check_script(const char *path, diag *d) {
  char err[256];
  size_t len;
  char *src = util_read_file(path, CUST_MAX_SCRIPT, &len, err, sizeof err);
  if (!src) {
    say(d, path, 0, 0, "cli.lua.check_unreadable", "error", err, NULL);
    return -1;
  }
  sbx *s = sbx_new(NULL, 0, err, sizeof err);
  if (!s) {
    free(src);
    diag_add(d, DIAG_ERROR, path, 0, 0, "%s", err);
    return -1;
  }
  const char *name = basename_of(path);
  char *msg = NULL;
  int rc = 0;
  if (sbx_load(s, name, src, len, 0, &msg) != SBX_OK) {
    diag_script(d, path, name, msg);
    rc = -1;
  } else {
    lua_pop(sbx_lua(s), 1);
  }
  free(msg);
  sbx_free(s);
  free(src);
  return rc;
}

int cust_reaction_fired(const cust_host *h, int i) {
  return i >= 0 && i < h->sc->n_reactions && h->ever_fired[i];
}
