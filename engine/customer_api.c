/*
** customer_api.c: the `customer` table a behaviour script (and the default behaviour) sees.
** docs/lua-api.md documents each function.  Every function is a C closure over the host; each
** environment gets its own table (and its own copies of the scenario data), so a script that
** overwrites customer.say or customer.needs changes nothing for the default behaviour.
**
** Rule kept throughout: all Lua calls that can raise come before any C allocation that the
** raise would leak; events are owned by the host's event list as soon as they exist.
*/
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "customer_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"

/* Raises a Lua error of the API in the catalogue's words of key (name, value pairs ended by
** NULL), in the commands' language, placed as luaL_error places it; never returns. */
static int api_error(lua_State *L, const char *key, ...) __attribute__((sentinel));
static int api_error(lua_State *L, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  luaL_where(L, 1);
  lua_pushstring(L, m);
  free(m);
  lua_concat(L, 2);
  return lua_error(L);
}

static cust_host *host(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }

static const char *const kind_words[] = { "need", "benefit", "commitment", "objection" };

/* Every event the host records for a script is kept for the rest of the session (the
** transcript): its bytes count against the sandbox's cap on what the host keeps, so a loop of
** says or state changes ends with an error at the script's line instead of host memory. */
#define EVENT_BYTES 64   /* an event's own size, beside its text */
static void keep_event(lua_State *L, size_t text, const char *what) {
  sbx_keep(L, EVENT_BYTES + text, what);
}

/* The index of the id at arg among kind's entries, or a Lua error naming the id. */
int cust_find_id(lua_State *L, cust_host *h, int arg, int kind) {
  const char *id = luaL_checkstring(L, arg);
  int i = cust_id_index_lua(h, kind, id);
  return i >= 0 ? i : luaL_error(L, "unknown %s '%s'", kind_words[kind], id);
}

/* Pushes s and returns the Lua state's copy (NULL for NULL), kept in the table on top. */
static const char *anchor(lua_State *L, const char *s) {
  if (!s) return NULL;
  const char *p = lua_pushstring(L, s);
  lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
  return p;
}

/* See customer_int.h.  The strings are kept in a registry table for the host's life. */
void cust_anchor_names(lua_State *L, cust_host *h) {
  const scenario *sc = h->sc;
  const int n[4] = { sc->n_needs, sc->n_benefits, sc->n_commitments, sc->n_objections };
  lua_newtable(L);
  for (int k = 0; k < 4; k++) {
    h->lua_id[k] = xcalloc((size_t)n[k] + 1, sizeof *h->lua_id[k]);
    for (int i = 0; i < n[k]; i++) {
      const char *id = k == CUST_K_NEED ? sc->needs[i].id : k == CUST_K_BENEFIT ? sc->benefits[i].id
                     : k == CUST_K_COMMITMENT ? sc->commitments[i].id : sc->objections[i].id;
      h->lua_id[k][i] = anchor(L, id);
    }
  }
  h->lua_state = xcalloc((size_t)h->n_state + 1, sizeof *h->lua_state);
  for (int i = 0; i < h->n_state; i++) h->lua_state[i] = anchor(L, h->names[i]);
  luaL_ref(L, LUA_REGISTRYINDEX);   /* never released: the state closes with the host */
}

/* ---- speaking ---------------------------------------------------------------------------- */

/* say(key [, fallback]): the scenario's line, else the built-in one, else fallback (a text or
** a list of variants). */
static int api_say(lua_State *L) {
  cust_host *h = host(L);
  const char *key = luaL_checkstring(L, 1);
  const char *line = cust_line(L, h, key);
  if (!line) {
    int t = lua_type(L, 2);
    if (t == LUA_TSTRING) {
      line = lua_tostring(L, 2);
    } else if (t == LUA_TTABLE) {
      lua_Unsigned n = lua_rawlen(L, 2);
      if (n > 0) {
        lua_Integer k = n == 1 ? 1 : (lua_Integer)(cust_rand(h) % n) + 1;
        if (lua_rawgeti(L, 2, k) == LUA_TSTRING) line = lua_tostring(L, -1);
      }
    }
  }
  if (!line) return api_error(L, "cli.lua.no_line", "key", key, NULL);
  size_t n = strlen(line);
  if (n > SBX_MAX_HOST_STRING) {
    char len[24], max[24];
    snprintf(len, sizeof len, "%d", (int)(n > INT_MAX ? INT_MAX : n));
    snprintf(max, sizeof max, "%d", SBX_MAX_HOST_STRING);
    return api_error(L, "cli.lua.line_too_long", "length", len, "max", max, NULL);
  }
  keep_event(L, n + strlen(key), "say");
  cust_say_text(h, line, key);
  lua_pushboolean(L, 1);
  return 1;
}

/* say_text(text): says exactly text. */
static int api_say_text(lua_State *L) {
  cust_host *h = host(L);
  size_t n;
  const char *text = sbx_host_string(L, 1, "say_text", &n);
  keep_event(L, n, "say_text");
  cust_say_text(h, text, NULL);
  return 0;
}

/* has_line(key): does the scenario itself have this line key? */
static int api_has_line(lua_State *L) {
  cust_host *h = host(L);
  const char *key = luaL_checkstring(L, 1);
  int found = 0;
  for (int i = 0; i < h->sc->n_lines; i++)
    if (h->sc->lines[i].key && strcmp(h->sc->lines[i].key, key) == 0 && h->sc->lines[i].variants.n > 0)
      found = 1;
  lua_pushboolean(L, found);
  return 1;
}

/* ---- needs, value, commitments, objections ------------------------------------------------ */

static int api_reveal(lua_State *L) {
  cust_host *h = host(L);
  int i = cust_find_id(L, h, 1, CUST_K_NEED);
  const char *said = h->sc->needs[i].said;
  keep_event(L, 2 * EVENT_BYTES + (said ? strlen(said) : 0), "reveal");
  lua_pushboolean(L, cust_reveal(h, i, lua_toboolean(L, 2)));
  return 1;
}

/* confirm(need_id): the customer confirms the need. */
static int api_confirm(lua_State *L) {
  cust_host *h = host(L);
  int i = cust_find_id(L, h, 1, CUST_K_NEED);
  keep_event(L, 2 * EVENT_BYTES, "confirm");
  lua_pushboolean(L, cust_confirm(h, i));
  return 1;
}

/* Sets a known boolean variable; returns true when it changed. */
static int set_bool(lua_State *L, const char *name) {
  cust_host *h = host(L);
  int k = cust_state_index(h, name);
  keep_event(L, strlen(name), name);
  int was = h->val[k] != 0;
  cust_state_set(h, k, 1);
  lua_pushboolean(L, !was);
  return 1;
}

static int api_acknowledge_value(lua_State *L) { return set_bool(L, SCN_STATE_VALUE_ACK); }
static int api_add_to_purchase_list(lua_State *L) { return set_bool(L, SCN_STATE_ON_LIST); }

/* give(commitment_id [, quiet]). */
static int api_give(lua_State *L) {
  cust_host *h = host(L);
  int c = cust_find_id(L, h, 1, CUST_K_COMMITMENT);
  keep_event(L, EVENT_BYTES + 512, "give");   /* the event and its accept line */
  cust_give(L, h, c, lua_toboolean(L, 2));
  lua_pushboolean(L, 1);
  return 1;
}

/* recall(commitment_id): the commitment's done line (cust_recall); true when a line was said. */
static int api_recall(lua_State *L) {
  cust_host *h = host(L);
  int c = cust_find_id(L, h, 1, CUST_K_COMMITMENT);
  keep_event(L, EVENT_BYTES + 512, "recall");   /* the line said */
  lua_pushboolean(L, cust_recall(L, h, c));
  return 1;
}

/* refuse(commitment_id [, reason]). */
static int api_refuse(lua_State *L) {
  cust_host *h = host(L);
  int c = cust_find_id(L, h, 1, CUST_K_COMMITMENT);
  const char *reason = NULL;
  size_t n = 512;   /* the refuse line the scenario gives, when there is no reason */
  int quiet = lua_isboolean(L, 2) && !lua_toboolean(L, 2);   /* refuse(id, false): nothing said */
  if (!quiet && !lua_isnoneornil(L, 2)) reason = sbx_host_string(L, 2, "refuse", &n);
  keep_event(L, EVENT_BYTES + 2 * n, "refuse");   /* the event keeps the reason, and says it */
  cust_refuse(L, h, c, reason, quiet);
  lua_pushboolean(L, 1);
  return 1;
}

/* objection(objection_id [, quiet]). */
static int api_objection(lua_State *L) {
  cust_host *h = host(L);
  int o = cust_find_id(L, h, 1, CUST_K_OBJECTION);
  const char *said = h->sc->objections[o].said;
  keep_event(L, EVENT_BYTES + (said ? strlen(said) : 0), "objection");
  lua_pushboolean(L, cust_raise(L, h, o, lua_toboolean(L, 2)));
  return 1;
}

/* ease(objection_id): the trainee's line answered a worry she raised (default.lua answer_objection):
** eased() says so from now on, as after a reaction's `ease:`, and an EASE event named "answer" tells
** the scorer, whatever line she says for the turn.  Her reply is one per turn (default.lua RANK):
** "All right. I can see why they're dearer" (value_ack) outranked "That does answer the price
** question", and the answer earned nothing though the debrief listed the worry as answered
** (play-test 29a finding 7).  Once per objection: 0 when it was eased already. */
static int api_ease(lua_State *L) {
  cust_host *h = host(L);
  int o = cust_find_id(L, h, 1, CUST_K_OBJECTION);
  int fresh = !cust_flag(h, CF_EASED, o);
  if (fresh) {
    keep_event(L, 8, "ease");
    cust_set_flag(h, CF_EASED, o, 1);
    cust_event *e = cust_ev_push(h, CUST_EV_EASE);
    e->index = o;
    e->name = xstrdup("answer");
  }
  lua_pushboolean(L, fresh);
  return 1;
}

/* end_visit(outcome [, why]): settles the visit; why (goodbye, commitment, patience, trust,
** or a word of the script's) goes to the debrief. */
static int api_end_visit(lua_State *L) {
  cust_host *h = host(L);
  const char *name = luaL_checkstring(L, 1);
  const char *why = luaL_optstring(L, 2, NULL);
  int o = cust_outcome_from_name(name);
  if (o < 0) return api_error(L, "cli.lua.unknown_outcome", "outcome", name, NULL);
  if (why && strlen(why) > 64) {
    char start[24];
    snprintf(start, sizeof start, "%.20s", why);
    return api_error(L, "cli.lua.long_reason", "start", start, NULL);
  }
  keep_event(L, why ? strlen(why) : 0, "end_visit");
  lua_pushboolean(L, cust_end_visit_why(h, (cust_outcome)o, why ? why : "script"));
  return 1;
}

/* spoken(): how many lines the customer has said in this turn so far (reactions, the script,
** the default), so a later layer can stay quiet instead of stacking a second reply. */
static int api_spoken(lua_State *L) {
  cust_host *h = host(L);
  int n = 0;
  for (int i = h->said_at_turn; h->out && i < h->out->n; i++) n += h->out->v[i].kind == CUST_EV_SAY;
  lua_pushinteger(L, n);
  return 1;
}

/* Does text hold w, ASCII letters compared case-folded? */
static int holds_folded(const char *text, const char *w) {
  size_t n = strlen(w);
  if (n == 0) return 0;
  for (const char *p = text; *p; p++) {
    size_t k = 0;
    while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)w[k])) k++;
    if (k == n) return 1;
  }
  return 0;
}

/* said_need(id): do the customer's words of this turn so far name need id by one of its
** keywords?  A summary a reaction answered in words of its own ("Better coffee, no more bottles,
** and now I know what the light means.") speaks to the needs those words name, not to Lucia's
** hard water it never mentions (default.lua summary; play-test 30 F11). */
static int api_said_need(lua_State *L) {
  cust_host *h = host(L);
  int i = cust_find_id(L, h, 1, CUST_K_NEED);
  const scn_strs *kw = i >= 0 ? &h->sc->needs[i].keywords : NULL;
  int yes = 0;
  for (int e = h->said_at_turn; kw && h->out && e < h->out->n && !yes; e++) {
    const cust_event *ev = &h->out->v[e];
    if (ev->kind != CUST_EV_SAY || !ev->text) continue;
    for (int k = 0; k < kw->n && !yes; k++) yes = holds_folded(ev->text, kw->v[k]);
  }
  lua_pushboolean(L, yes);
  return 1;
}

/* speaker(name): the person whose variants this turn's lines prefer (several at one table);
** returns true when name is one of them. */
static int api_speaker(lua_State *L) {
  cust_host *h = host(L);
  const char *name = luaL_checkstring(L, 1);
  for (int i = 0; i < h->n_people; i++)
    if (strcasecmp(h->people[i], name) == 0) { h->prefer = 1u << i; lua_pushboolean(L, 1); return 1; }
  lua_pushboolean(L, 0);
  return 1;
}

/* next_visit(): moves a campaign on. */
static int api_next_visit(lua_State *L) {
  keep_event(L, 4 * EVENT_BYTES, "next_visit");
  lua_pushboolean(L, cust_next_visit(host(L)));
  return 1;
}

/* is_realistic(commitment_id): its realistic_when, now. */
static int api_is_realistic(lua_State *L) {
  cust_host *h = host(L);
  int c = cust_find_id(L, h, 1, CUST_K_COMMITMENT);
  lua_pushboolean(L, cust_is_realistic(L, h, c));
  return 1;
}

/* offered(commitment_id): on offer in this visit? */
static int api_offered(lua_State *L) {
  cust_host *h = host(L);
  int c = cust_find_id(L, h, 1, CUST_K_COMMITMENT);
  lua_pushboolean(L, cust_offered(h, c));
  return 1;
}

/* revealed / confirmed / given / refused / raised / done: upvalue 2 is the flag kind. */
static int api_flag(lua_State *L) {
  cust_host *h = host(L);
  int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
  int ek = kind <= CF_CONFIRMED || kind == CF_ANSWERED ? CUST_K_NEED : kind == CF_RAISED || kind == CF_EASED ? CUST_K_OBJECTION
                                                                                      : CUST_K_COMMITMENT;
  assert(kind != CF_FIRED);
  int i = cust_find_id(L, h, 1, ek);
  lua_pushboolean(L, cust_flag(h, kind, i));
  return 1;
}

/* mentions(word, ...) or mentions({words}): does the trainee's line (normalised) contain any
** of them?  Words are compared case-folded (ASCII).  Each word is charged to the call's budget
** by the length of the line it scans, so a list of 500,000 words stops at the cap. */

/* tolower() of every byte, read once (after main set the character type, which nothing sets
** again differently): a table read per byte of a word instead of a call. */
static unsigned char mention_fold[256];
static pthread_once_t mention_fold_once = PTHREAD_ONCE_INIT;
static void make_mention_fold(void) {
  for (int c = 0; c < 256; c++) mention_fold[c] = (unsigned char)tolower(c);
}

/* The longest word mentions() compares (a longer one is in no line: ignored). */
#define MENTION_WORD_MAX 255

/* A text searched for words: its bytes, a bit for each byte value it holds (a word whose first
** byte it lacks is not in it, and is not searched), and, for the turn's line, a bit for each
** hash of two adjacent bytes it holds (a word with a pair of bytes the line lacks is not in it:
** a Chinese word's first byte is in nearly every Chinese line, its pairs are not). */
typedef struct scanned { const char *s; size_t n; const uint32_t *in; const uint64_t *pairs; } scanned;
#define PAIR(a, b) (((unsigned)(unsigned char)(a) * 31u + (unsigned char)(b)) & 4095u)
/* in: 8 words, pairs: 64 words or NULL (none kept), filled unless fill is 0 (read before). */
static void scan_text(scanned *t, const char *s, size_t n, uint32_t *in, uint64_t *pairs, int fill) {
  t->s = s;
  t->n = s ? n : 0;
  t->in = in;
  t->pairs = pairs;
  if (!fill) return;
  memset(in, 0, 8 * sizeof *in);
  for (size_t k = 0; k < t->n; k++) in[(unsigned char)s[k] >> 5] |= 1u << (s[k] & 31);
  if (!pairs) return;
  memset(pairs, 0, 64 * sizeof *pairs);
  for (size_t k = 1; k < t->n; k++) {
    unsigned p = PAIR(s[k - 1], s[k]);
    pairs[p >> 6] |= (uint64_t)1 << (p & 63);
  }
}
static int holds_byte(const scanned *t, unsigned char c) { return t->in[c >> 5] >> (c & 31) & 1; }
static int holds_pair(const scanned *t, unsigned p) { return t->pairs[p >> 6] >> (p & 63) & 1; }

/* 0 when w[0..n) (n >= 1), its bytes through fold (NULL: as given), has a pair of adjacent bytes
** t lacks, so it is not in t; 1 when it may be (or t keeps no pairs). */
static int may_hold(const scanned *t, const char *w, size_t n, const unsigned char *fold) {
  if (!t->pairs) return 1;
  for (size_t k = 1; k < n; k++) {
    unsigned char a = (unsigned char)w[k - 1], b = (unsigned char)w[k];
    if (!holds_pair(t, fold ? PAIR(fold[a], fold[b]) : PAIR(a, b))) return 0;
  }
  return 1;
}

/* Does t hold w[0..n) as given?  (An empty word is in every text, as string.find has it.) */
static int holds(const scanned *t, const char *w, size_t n) {
  return n == 0 || (n <= t->n && holds_byte(t, (unsigned char)w[0]) && may_hold(t, w, n, NULL) &&
                    sbx_plain_find(t->s, t->n, w, n) != NULL);
}

/* Does the line t hold w[0..n), case-folded?  Not an empty word, nor one over MENTION_WORD_MAX
** bytes.  A word whose folded first byte or pair of bytes the line lacks is not folded (most
** words of a list: mentions() had spent half its time folding them). */
static int mention_one(const scanned *t, const char *w, size_t n) {
  if (!t->s || n == 0 || n > MENTION_WORD_MAX || n > t->n) return 0;
  if (!holds_byte(t, mention_fold[(unsigned char)w[0]]) || !may_hold(t, w, n, mention_fold)) return 0;
  char buf[MENTION_WORD_MAX];
  for (size_t i = 0; i < n; i++) buf[i] = (char)mention_fold[(unsigned char)w[i]];
  return sbx_plain_find(t->s, t->n, buf, n) != NULL;
}

/* The words of a list are charged this many at a time (and what is left before anything that
** can raise, and at the end): the same total, in a call per 64 words instead of one per word. */
#define MENTION_CHARGE_EVERY 64
typedef struct charges { lua_State *L; long owed; int words; } charges;
static void charge_word(charges *c, long cost) {
  c->owed += cost;
  if (++c->words % MENTION_CHARGE_EVERY == 0) { sbx_charge(c->L, c->owed); c->owed = 0; }
}
static void charge_owed(charges *c) {
  if (c->owed) sbx_charge(c->L, c->owed);
  c->owed = 0;
}

/* ---- word lists: customer.words({words}) -------------------------------------------------
** A list read once into C memory, which mentions() and contains() take in place of a table:
** each word of a table is read through the Lua API at every call (default.lua's lists of
** constant words had cost 40 such reads a turn, a tenth of the customer's C time), a word list
** is searched as it is.  The words are copied: changing the table later changes no list.  Each
** word is kept as given (contains) and case-folded up to its first zero byte (mentions). */
typedef struct wl_word {
  size_t at, len;             /* the word as given, in the pool */
  size_t fold_at, fold_len;   /* folded, up to its first zero byte */
} wl_word;
typedef struct word_list { size_t n; wl_word w[]; /* then the pool */ } word_list;
static const char *wl_pool(const word_list *wl) { return (const char *)&wl->w[wl->n]; }

static const char wl_meta_key = 0;   /* the registry's word-list metatable, at this address */

/* The word list at idx, or NULL when the value there is none (its metatable is not the one
** the host keeps, by address: the registry is not looked up at every call). */
static const word_list *to_word_list(lua_State *L, cust_host *h, int idx) {
  if (!h->words_meta || lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
  int same = lua_topointer(L, -1) == h->words_meta;
  lua_pop(L, 1);
  return same ? lua_touserdata(L, idx) : NULL;
}

/* Pushes the metatable of word lists (made at the first call in a state, kept in the registry
** and its address in the host): its type name for messages, and no way for a script to reach
** or change it. */
static void push_wl_meta(lua_State *L, cust_host *h) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &wl_meta_key) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushliteral(L, "words");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &wl_meta_key);
  }
  h->words_meta = lua_topointer(L, -1);
}

/* words({words}): a word list of the table's strings (any other value is an error).  Each word
** is charged as the copy it is (a step, and one per 16 bytes); the list's memory is the
** script's, under the sandbox's cap. */
static int api_words(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_Unsigned n = lua_rawlen(L, 1);
  if (n > (lua_Unsigned)INT_MAX) return api_error(L, "cli.lua.words_too_many", NULL);
  charges c = { L, 0, 0 };
  size_t pool = 0;
  for (lua_Unsigned i = 1; i <= n; i++) {   /* first the sizes (nothing runs between the passes) */
    int t = lua_rawgeti(L, 1, (lua_Integer)i);
    if (t != LUA_TSTRING) {
      charge_owed(&c);
      return luaL_error(L, "bad word #%d to 'words' (string expected, got %s)", (int)i, lua_typename(L, t));
    }
    size_t len;
    const char *w = lua_tolstring(L, -1, &len);
    size_t fl = strlen(w);
    lua_pop(L, 1);
    if (len > SIZE_MAX / 4 - pool) return api_error(L, "cli.lua.words_too_long", NULL);
    pool += len + (fl <= MENTION_WORD_MAX ? fl : 0);
    charge_word(&c, (long)(len / 16 + 1));
  }
  charge_owed(&c);
  size_t head = sizeof(word_list) + (size_t)n * sizeof(wl_word);
  word_list *wl = lua_newuserdatauv(L, head + pool, 0);
  wl->n = (size_t)n;
  char *p = (char *)wl_pool(wl);
  size_t at = 0;
  pthread_once(&mention_fold_once, make_mention_fold);
  for (size_t i = 0; i < wl->n; i++) {
    /* (the allocation may have run a finaliser that changed the table: checked again) */
    size_t len = 0;
    const char *w = lua_rawgeti(L, 1, (lua_Integer)i + 1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    size_t fl = w ? strlen(w) : 0;
    if (fl > MENTION_WORD_MAX) fl = 0;   /* never mentioned */
    if (!w || len + fl > pool - at) { wl->n = i; return api_error(L, "cli.lua.words_changed", NULL); }
    memcpy(p + at, w, len);
    wl->w[i].at = at; wl->w[i].len = len;
    at += len;
    for (size_t k = 0; k < fl; k++) p[at + k] = (char)mention_fold[(unsigned char)w[k]];
    wl->w[i].fold_at = at; wl->w[i].fold_len = fl;
    at += fl;
    lua_pop(L, 1);
  }
  push_wl_meta(L, host(L));
  lua_setmetatable(L, -2);
  return 1;
}

/* Is a word of wl in the line t (mentions: folded), each word charged as a table's is? */
static int mentions_list(const scanned *t, const word_list *wl, long per_word, charges *c) {
  const char *pool = wl_pool(wl);
  for (size_t i = 0; i < wl->n; i++) {
    charge_word(c, per_word);
    const wl_word *w = &wl->w[i];
    if (w->fold_len && holds(t, pool + w->fold_at, w->fold_len)) return 1;   /* (folded already) */
  }
  return 0;
}

/* mentions(word, ...) / mentions({words}) / mentions(words(...)).  The line and its length are
** taken once per call.  (A word is compared up to its first zero byte, as a C string.) */
static int api_mentions(lua_State *L) {
  cust_host *h = host(L);
  const char *norm = h->turn ? (h->turn->norm ? h->turn->norm : h->turn->text) : NULL;
  scanned line;
  scan_text(&line, norm, norm ? strlen(norm) : 0, h->line_in, h->line_pairs, !norm || h->line_at != norm);
  h->line_at = norm;
  long per_word = (long)(line.n / 16 + 1);
  charges c = { L, 0, 0 };
  int n = lua_gettop(L), hit = 0;
  pthread_once(&mention_fold_once, make_mention_fold);
  for (int a = 1; a <= n && !hit; a++) {
    const word_list *wl;
    int type = lua_type(L, a);
    if (type == LUA_TSTRING) {   /* (raises nothing: charged with the next 64 words, the same total) */
      const char *w = lua_tostring(L, a);
      charge_word(&c, per_word);
      hit = mention_one(&line, w, strlen(w));
    } else if (type == LUA_TTABLE) {
      lua_Unsigned len = lua_rawlen(L, a);
      for (lua_Unsigned i = 1; i <= len && !hit; i++) {
        if (lua_rawgeti(L, a, (lua_Integer)i) == LUA_TSTRING) {
          const char *w = lua_tostring(L, -1);
          charge_word(&c, per_word);
          hit = mention_one(&line, w, strlen(w));
        }
        lua_pop(L, 1);
      }
    } else if ((wl = to_word_list(L, h, a)) != NULL) {
      hit = mentions_list(&line, wl, per_word, &c);
    } else {
      charge_owed(&c);   /* a bad argument raises */
      const char *w = luaL_checkstring(L, a);
      c.owed += per_word;
      hit = mention_one(&line, w, strlen(w));
    }
  }
  charge_owed(&c);
  lua_pushboolean(L, hit);
  return 1;
}

/* contains(text, {words}) or contains(text, words(...)): does text hold any of the words, byte
** for byte (no case folding)?  string.find(text, w, 1, true) for each word, in one call:
** default.lua's follow-up test ran two dozen finds on a short line.  Each word is charged as
** that find is. */
static int api_contains(lua_State *L) {
  size_t ls;
  const char *s = luaL_checklstring(L, 1, &ls);
  const word_list *wl = lua_type(L, 2) == LUA_TTABLE ? NULL : to_word_list(L, host(L), 2);
  if (!wl) luaL_checktype(L, 2, LUA_TTABLE);
  long per_word = (long)(ls / 64 + 1);
  charges c = { L, 0, 0 };
  int hit = 0, top = lua_gettop(L);
  scanned text;
  uint32_t in[8];
  scan_text(&text, s, ls, in, NULL, 1);
  if (wl) {
    const char *pool = wl_pool(wl);
    for (size_t i = 0; i < wl->n && !hit; i++) {
      charge_word(&c, per_word);
      hit = holds(&text, pool + wl->w[i].at, wl->w[i].len);
    }
  }
  lua_Unsigned len = wl ? 0 : lua_rawlen(L, 2);
  for (lua_Unsigned i = 1; i <= len && !hit; i++) {
    int t = lua_rawgeti(L, 2, (lua_Integer)i);
    if (t != LUA_TSTRING && t != LUA_TNUMBER) {
      charge_owed(&c);   /* a bad word raises */
      return luaL_error(L, "bad word #%d to 'contains' (string expected, got %s)", (int)i, lua_typename(L, t));
    }
    size_t lw;
    const char *w = lua_tolstring(L, -1, &lw);
    charge_word(&c, per_word);
    if (c.words % 16 == 0) lua_settop(L, top);   /* (the stack a C function may fill: LUA_MINSTACK) */
    hit = holds(&text, w, lw);
  }
  lua_settop(L, top);
  charge_owed(&c);
  lua_pushboolean(L, hit);
  return 1;
}

/* names_need(id): does the trainee's line name need id, by one of its keywords or by meaning
** through a text of the need (an example, `said`, its keywords) it shares two words with?  Not by
** the centroid of the need's texts alone, which a line brushes with words spread over several
** ("What happens on your side when a scanner goes offline?" and a small team's examples). */
static int api_names_need(lua_State *L) {
  cust_host *h = host(L);
  int i = cust_find_id(L, h, 1, CUST_K_NEED);
  const cls_result *r = h->turn;
  int yes = 0;
  if (r && i >= 0) {
    const char *id = h->sc->needs[i].id;
    for (int k = 0; k < r->n_matches && !yes; k++) {
      const cls_match *m = &r->matches[k];
      if (strncmp(m->label, "need:", 5) != 0 || strcmp(m->label + 5, id) != 0) continue;
      const char *text = cls_link_text(m);
      yes = !text || *text;   /* a keyword, or a text it shares two words with */
    }
  }
  lua_pushboolean(L, yes);
  return 1;
}

/* names(id): does the trainee's line name the need, benefit, objection or rung id, by a keyword
** or by meaning through one of its texts the line shares two words with (as names_need)?  So a
** reaction can listen for what a line means ("the light is only the filter reminder, hold the
** button and it resets" named the light's benefit; mentions("reset button") missed it). */
static int api_names(lua_State *L) {
  cust_host *h = host(L);
  const char *id = luaL_checkstring(L, 1);
  static const char *const prefix[] = { "need:", "benefit:", "commitment:", "objection:" };
  int known = 0;
  for (int k = 0; k < 4; k++) known |= cust_id_index(h, k, id) >= 0;
  if (!known) return api_error(L, "cli.lua.unknown_item", "id", id, NULL);
  const cls_result *r = h->turn;
  int yes = 0;
  for (int k = 0; r && k < r->n_matches && !yes; k++) {
    const cls_match *m = &r->matches[k];
    for (int p = 0; p < 4 && !yes; p++) {
      size_t n = strlen(prefix[p]);
      if (strncmp(m->label, prefix[p], n) != 0 || strcmp(m->label + n, id) != 0) continue;
      if (cust_id_index(h, p, id) < 0) continue;
      const char *text = cls_link_text(m);
      yes = !text || *text;
    }
  }
  lua_pushboolean(L, yes);
  return 1;
}

/* ---- customer.state ------------------------------------------------------------------------ */

static int state_index(lua_State *L) {
  cust_host *h = host(L);
  const char *name = luaL_checkstring(L, 2);
  int k = cust_state_index_lua(h, name);
  if (k < 0) return api_error(L, "cli.lua.unknown_state", "name", name, NULL);
  if (h->is_bool[k]) lua_pushboolean(L, h->val[k] != 0);
  else lua_pushnumber(L, h->val[k]);
  return 1;
}

/* The value at arg 3 for state variable k called name: of its kind, finite; else a Lua error. */
static double state_value(lua_State *L, cust_host *h, int k, const char *name) {
  double v;
  if (h->is_bool[k]) {
    if (lua_type(L, 3) != LUA_TBOOLEAN)
      return api_error(L, "cli.lua.state_bool", "name", name, "type", luaL_typename(L, 3), NULL);
    v = lua_toboolean(L, 3);
  } else {
    if (lua_type(L, 3) != LUA_TNUMBER)
      return api_error(L, "cli.lua.state_number", "name", name, "type", luaL_typename(L, 3), NULL);
    v = lua_tonumber(L, 3);
    if (v != v) return api_error(L, "cli.lua.state_nan", "name", name, NULL);
    if (isinf(v)) return api_error(L, "cli.lua.state_infinite", "name", name, NULL);
  }
  return v;
}

/* customer.state.x = v: checks the name and the kind, then records the change. */
static int state_newindex(lua_State *L) {
  cust_host *h = host(L);
  const char *name = luaL_checkstring(L, 2);
  int k = cust_state_index_lua(h, name);
  if (k < 0) return api_error(L, "cli.lua.unknown_state_set", "name", name, NULL);
  double v = state_value(L, h, k, name);
  if (v != h->val[k]) keep_event(L, strlen(name), "state");
  cust_state_set(h, k, v);
  return 0;
}

/* ---- one person's state: customer.state(name), person(name) in conditions ----------------- */

/* The person named at arg, or a Lua error (one customer has no people). */
static int person_arg(lua_State *L, cust_host *h, int arg) {
  const char *name = luaL_checkstring(L, arg);
  int p = cust_person_index(h, name);
  return p >= 0 && h->pval ? p : api_error(L, "cli.lua.unknown_person", "name", name, NULL);
}

/* Pushes person p's value of variable k. */
static void push_person_value(lua_State *L, cust_host *h, int p, int k) {
  double v = *cust_person_val(h, p, k);
  if (h->is_bool[k]) lua_pushboolean(L, v != 0);
  else lua_pushnumber(L, v);
}

/* __index of a person's proxy: upvalue 1 the host, upvalue 2 the person. */
static int person_index(lua_State *L) {
  cust_host *h = host(L);
  int p = (int)lua_tointeger(L, lua_upvalueindex(2));
  const char *name = luaL_checkstring(L, 2);
  int k = cust_state_index_lua(h, name);
  if (k < 0) return api_error(L, "cli.lua.unknown_state", "name", name, NULL);
  push_person_value(L, h, p, k);
  return 1;
}

/* customer.state(name).x = v: that person's alone; the table's state does not move. */
static int person_newindex(lua_State *L) {
  cust_host *h = host(L);
  int p = (int)lua_tointeger(L, lua_upvalueindex(2));
  const char *name = luaL_checkstring(L, 2);
  int k = cust_state_index_lua(h, name);
  if (k < 0) return api_error(L, "cli.lua.unknown_state_set", "name", name, NULL);
  cust_person_set(h, p, k, state_value(L, h, k, name));
  return 0;
}

/* A snapshot table of the person's variables (pairs over a proxy, and person() in conditions). */
static void push_person_table(lua_State *L, cust_host *h, int p) {
  lua_createtable(L, 0, h->n_state);
  for (int i = 0; i < h->n_state; i++) {
    push_person_value(L, h, p, i);
    lua_setfield(L, -2, h->names[i]);
  }
}

static int person_pairs(lua_State *L) {
  cust_host *h = host(L);
  int p = (int)lua_tointeger(L, lua_upvalueindex(2));
  lua_getglobal(L, "next");
  push_person_table(L, h, p);
  lua_pushnil(L);
  return 3;
}

/* customer.state(name): a live proxy of that person's state, as customer.state is the table's. */
static int state_call(lua_State *L) {
  cust_host *h = host(L);
  int p = person_arg(L, h, 2);
  /* upvalue 2, in the default behaviour's customer table only: the proxies made, by person (it
  ** asks for each person's trust every turn; a proxy was a table, a metatable and three
  ** closures).  A script gets a new one each call, as before: it may keep or rawset it. */
  int cache = lua_type(L, lua_upvalueindex(2)) == LUA_TTABLE;
  if (cache && lua_rawgeti(L, lua_upvalueindex(2), p + 1) == LUA_TTABLE) return 1;
  if (cache) lua_pop(L, 1);
  lua_newtable(L);
  lua_createtable(L, 0, 4);
  static const lua_CFunction fns[] = { person_index, person_newindex, person_pairs };
  static const char *const names[] = { "__index", "__newindex", "__pairs" };
  for (int i = 0; i < 3; i++) {
    lua_pushlightuserdata(L, h);
    lua_pushinteger(L, p);
    lua_pushcclosure(L, fns[i], 2);
    lua_setfield(L, -2, names[i]);
  }
  lua_pushliteral(L, "protected");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  if (cache) {
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(2), p + 1);
  }
  return 1;
}

/* person(name) in a condition: the person's values, read only (a copy). */
static int api_person(lua_State *L) {
  cust_host *h = host(L);
  push_person_table(L, h, person_arg(L, h, 1));
  return 1;
}

/* pairs(customer.state): a snapshot table of every variable. */
static int state_pairs(lua_State *L) {
  cust_host *h = host(L);
  lua_getglobal(L, "next");   /* the real globals keep next */
  lua_createtable(L, 0, h->n_state);
  for (int i = 0; i < h->n_state; i++) {
    if (h->is_bool[i]) lua_pushboolean(L, h->val[i] != 0);
    else lua_pushnumber(L, h->val[i]);
    lua_setfield(L, -2, h->names[i]);
  }
  lua_pushnil(L);
  return 3;
}

/* The customer.state table: empty, all access through its protected metatable. */
/* own: for the default behaviour's environment (its customer.state(name) keeps the proxies it
** makes: state_call). */
static void push_state_proxy(lua_State *L, cust_host *h, int own) {
  lua_newtable(L);
  lua_createtable(L, 0, 4);
  lua_pushlightuserdata(L, h);
  lua_pushcclosure(L, state_index, 1);
  lua_setfield(L, -2, "__index");
  lua_pushlightuserdata(L, h);
  lua_pushcclosure(L, state_newindex, 1);
  lua_setfield(L, -2, "__newindex");
  lua_pushlightuserdata(L, h);
  lua_pushcclosure(L, state_pairs, 1);
  lua_setfield(L, -2, "__pairs");
  lua_pushlightuserdata(L, h);
  if (own) lua_createtable(L, h->n_people, 0);
  lua_pushcclosure(L, state_call, own ? 2 : 1);
  lua_setfield(L, -2, "__call");
  lua_pushliteral(L, "protected");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

/* ---- the scenario's data, copied per environment ------------------------------------------- */

/* The strings push_data sets -- field names and the scenario's texts, in the order it sets
** them -- are made into strings of the state once per host and kept in a list (h->data_ref):
** each later environment (the script's, made again for every walk) takes them from there
** instead of lua_pushstring hashing or copying each again and lua_setfield looking its name up
** (they were 60% of a script environment's making).  The tables are made as before: the same
** sizes, the same fields set in the same order (a raw set: the tables are new, without
** metatables), the same values. */
typedef struct dpush {
  lua_State *L;
  int cache;     /* stack index of the list */
  int k;         /* strings taken (or kept) so far */
  int record;    /* 1: making the list (the host's first environment) */
} dpush;

/* Pushes s, the next string of the sequence. */
static void dp_str(dpush *d, const char *s) {
  if (d->record) {
    lua_pushstring(d->L, s);
    lua_pushvalue(d->L, -1);
    lua_rawseti(d->L, d->cache, ++d->k);
  } else {
    lua_rawgeti(d->L, d->cache, ++d->k);
  }
}

static void push_strs(dpush *d, const scn_strs *v) {
  lua_State *L = d->L;
  lua_createtable(L, v->n, 0);
  for (int i = 0; i < v->n; i++) {
    dp_str(d, v->v[i]);
    lua_rawseti(L, -2, i + 1);
  }
}

/* t[k] = v for the table on top, when v is not NULL. */
static void set_str(dpush *d, const char *k, const char *v) {
  if (!v) return;
  dp_str(d, k);
  dp_str(d, v);
  lua_rawset(d->L, -3);
}

/* t[k] = list v for the table on top. */
static void set_strs(dpush *d, const char *k, const scn_strs *v) {
  dp_str(d, k);
  push_strs(d, v);
  lua_rawset(d->L, -3);
}

/* The table on top is set as field k of the one below it. */
static void set_below(dpush *d, const char *k) {
  dp_str(d, k);
  lua_insert(d->L, -2);
  lua_rawset(d->L, -3);
}

/* Adds the scenario's needs, benefits, commitments, objections and persona to the table on top. */
static void push_data(lua_State *L, cust_host *h) {
  const scenario *sc = h->sc;
  dpush dp = { L, 0, 0, h->data_ref == LUA_NOREF }, *d = &dp;
  if (d->record) lua_createtable(L, 64, 0);
  else lua_rawgeti(L, LUA_REGISTRYINDEX, h->data_ref);
  d->cache = lua_gettop(L);
  lua_pushvalue(L, -2);   /* the customer table on top again */
  lua_createtable(L, sc->n_needs, 0);
  for (int i = 0; i < sc->n_needs; i++) {
    const scn_need *n = &sc->needs[i];
    lua_createtable(L, 0, 6);
    set_str(d, "id", n->id);
    set_str(d, "said", n->said);
    dp_str(d, "hidden"); lua_pushboolean(L, n->hidden); lua_rawset(L, -3);
    set_strs(d, "keywords", &n->keywords);
    set_strs(d, "revealed_by", &n->revealed_by);
    set_strs(d, "more", &n->more);
    int who = cust_speaker_of(h, n->said);
    if (who >= 0) set_str(d, "voiced_by", h->people[who]);
    lua_rawseti(L, -2, i + 1);
  }
  set_below(d, "needs");
  lua_createtable(L, sc->n_benefits, 0);
  for (int i = 0; i < sc->n_benefits; i++) {
    const scn_benefit *b = &sc->benefits[i];
    lua_createtable(L, 0, 3);
    set_str(d, "id", b->id);
    set_strs(d, "answers", &b->answers);
    set_strs(d, "keywords", &b->keywords);
    lua_rawseti(L, -2, i + 1);
  }
  set_below(d, "benefits");
  lua_createtable(L, sc->n_commitments, 0);
  for (int i = 0; i < sc->n_commitments; i++) {
    const scn_commitment *c = &sc->commitments[i];
    lua_createtable(L, 0, 7);
    set_str(d, "id", c->id);
    set_str(d, "level", scn_level_name(c->level));
    set_str(d, "kind", scn_kind_name(c->kind));
    set_str(d, "action", c->action);
    set_str(d, "objection", c->objection);
    set_str(d, "realistic_when", c->realistic_when);
    set_strs(d, "keywords", &c->keywords);
    lua_rawseti(L, -2, i + 1);
  }
  set_below(d, "commitments");
  lua_createtable(L, sc->n_objections, 0);
  for (int i = 0; i < sc->n_objections; i++) {
    const scn_objection *o = &sc->objections[i];
    lua_createtable(L, 0, 4);
    set_str(d, "id", o->id);
    set_str(d, "said", o->said);
    set_strs(d, "keywords", &o->keywords);
    int who = o->said ? cust_speaker_of(h, o->said) : -1;   /* as a need's: "Martin: ..." */
    if (who >= 0) set_str(d, "voiced_by", h->people[who]);
    lua_rawseti(L, -2, i + 1);
  }
  set_below(d, "objections");
  set_str(d, "name", sc->cust_name);
  set_str(d, "role", sc->cust_role);
  set_str(d, "company", sc->cust_company);
  set_str(d, "id", sc->id);
  lua_pop(L, 1);          /* the customer table's second copy */
  if (d->record) h->data_ref = luaL_ref(L, LUA_REGISTRYINDEX);   /* whole: kept only now */
  else lua_pop(L, 1);
}

static const luaL_Reg api_fns[] = {
  { "say", api_say }, { "say_text", api_say_text }, { "has_line", api_has_line },
  { "reveal", api_reveal }, { "confirm", api_confirm },
  { "acknowledge_value", api_acknowledge_value }, { "add_to_purchase_list", api_add_to_purchase_list },
  { "give", api_give }, { "recall", api_recall }, { "refuse", api_refuse }, { "objection", api_objection },
  { "ease", api_ease },
  { "end_visit", api_end_visit }, { "next_visit", api_next_visit },
  { "is_realistic", api_is_realistic }, { "offered", api_offered }, { "mentions", api_mentions },
  { "contains", api_contains }, { "words", api_words },
  { "names_need", api_names_need }, { "names", api_names }, { "spoken", api_spoken }, { "speaker", api_speaker },
  { "said_need", api_said_need },
  { NULL, NULL }
};

/* The six need and commitment flags (customer.revealed(id) ...), as closures over the host. */
static const struct { const char *name; int kind; } flag_fns[] = {
  { "revealed", CF_REVEALED }, { "confirmed", CF_CONFIRMED }, { "given", CF_GIVEN },
  { "refused", CF_REFUSED }, { "raised", CF_RAISED }, { "done", CF_DONE }, { "eased", CF_EASED },
  { "answered", CF_ANSWERED },
};

/* Sets the flags into the table on top of the stack. */
static void set_flags(lua_State *L, cust_host *h) {
  for (size_t i = 0; i < sizeof flag_fns / sizeof *flag_fns; i++) {
    lua_pushlightuserdata(L, h);
    lua_pushinteger(L, flag_fns[i].kind);
    lua_pushcclosure(L, api_flag, 2);
    lua_setfield(L, -2, flag_fns[i].name);
  }
}

/* The customer's queries a condition may call (with the flags of flag_fns): C functions that
** read the host and write into no table (person() returns a new one). */
static const luaL_Reg cond_queries[] = {
  { "is_realistic", api_is_realistic }, { "offered", api_offered }, { "mentions", api_mentions },
  { "names", api_names }, { "person", api_person },
  { NULL, NULL }
};

/* See customer_int.h. */
int cust_is_cond_query(const char *name, size_t n) {
  for (const luaL_Reg *q = cond_queries; q->name; q++)
    if (util_is_name(q->name, name, n)) return 1;
  for (size_t i = 0; i < sizeof flag_fns / sizeof *flag_fns; i++)
    if (util_is_name(flag_fns[i].name, name, n)) return 1;
  return 0;
}

void cust_set_cond_helpers(lua_State *L, cust_host *h) {
  const luaL_Reg *queries = cond_queries;
  lua_pushlightuserdata(L, h);
  luaL_setfuncs(L, queries, 1);
  set_flags(L, h);
}

/* Pushes a new customer table (functions, state proxy, data) for one environment. */
void cust_push_api(lua_State *L, cust_host *h, int own) {
  lua_createtable(L, 0, 40);
  lua_pushlightuserdata(L, h);
  luaL_setfuncs(L, api_fns, 1);
  set_flags(L, h);
  push_state_proxy(L, h, own);
  lua_setfield(L, -2, "state");
  lua_pushstring(L, h->lang);
  lua_setfield(L, -2, "lang");
  push_data(L, h);
  lua_createtable(L, h->n_people, 0);   /* several people at one table: their names */
  for (int i = 0; i < h->n_people; i++) {
    lua_pushstring(L, h->people[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "people");
}
