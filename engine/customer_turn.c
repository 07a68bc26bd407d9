/*
** customer_turn.c: the turn driver (customer_int.h).  Gives the hooks their tables (turn,
** ctx), runs each turn's reactions, then the script's on_turn, then the default behaviour's,
** each inside a budgeted sandbox call; a script error restores the snapshot taken before it,
** becomes a CUST_EV_ERROR event, and the default behaviour answers instead.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "customer_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"


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

/* ===== the default behaviour's tables, kept and refilled ================================== */

/* default.lua is the program's own code: it keeps neither table past its hook (its memo holds
** ids and numbers) and writes only into turn.moves (follow_up), and no script can reach the
** tables the host gives it.  So its hooks get the same tables every time, refilled in place
** with what fresh ones would hold: building seven tables for each hook was 13 K instructions a
** turn, most of it the allocations and the collector's share.  A script's hooks still get fresh
** tables (cust_push_turn, cust_push_ctx). */
enum { KEPT_TURN = 1, KEPT_MOVES, KEPT_SLOTS, KEPT_NEEDS, KEPT_BENEFITS, KEPT_OBJECTIONS,
       KEPT_ADDRESSED, KEPT_CTX, KEPT_COUNT = KEPT_CTX };
/* The field names, kept in the holder after the tables as strings of the state: a field set
** from one is a table probe, where lua_setfield first looks its C string up (and compares it). */
enum { KEY_TEXT = KEPT_COUNT + 1, KEY_NORM, KEY_MOVES, KEY_SLOTS, KEY_SPECIFIC, KEY_VAGUE,
       KEY_QUESTION, KEY_NEGATED, KEY_TACTIC, KEY_NEEDS, KEY_BENEFITS, KEY_OBJECTIONS, KEY_ADDRESSED,
       KEY_COMMITMENT, KEY_VISIT, KEY_VISITS, KEY_TURN, KEY_LANG, KEY_REASON, KEY_OUTCOME, KEY_GAIN,
       KEY_LOSS, KEY_MOVE0, KEY_SLOT0 = KEY_MOVE0 + CLS_MOVE_COUNT, KEY_END = KEY_SLOT0 + CLS_SLOT_COUNT };
static const char *const key_names[] = {
  "text", "norm", "moves", "slots", "specific", "vague", "question", "negated", "tactic", "needs",
  "benefits", "objections", "addressed", "commitment", "visit", "visits", "turn", "lang", "reason",
  "outcome", "gain", "loss",
};
_Static_assert(sizeof key_names / sizeof *key_names == KEY_MOVE0 - KEY_TEXT, "key_names and KEY_* differ");

/* Pushes the holder of the kept tables and field names (KEPT_*, KEY_*), made on first use. */
static void push_kept(lua_State *L, cust_host *h) {
  if (h->kept_ref != LUA_NOREF) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->kept_ref);
    return;
  }
  lua_createtable(L, KEY_END, 0);
  for (int k = 1; k <= KEPT_COUNT; k++) {
    lua_createtable(L, 0, k == KEPT_TURN ? 16 : k == KEPT_CTX ? 6 : 4);
    lua_rawseti(L, -2, k);
  }
  for (int k = KEY_TEXT; k < KEY_END; k++) {
    lua_pushstring(L, k < KEY_MOVE0 ? key_names[k - KEY_TEXT]
                    : k < KEY_SLOT0 ? move_names[k - KEY_MOVE0] : slot_names[k - KEY_SLOT0]);
    lua_rawseti(L, -2, k);
  }
  lua_pushvalue(L, -1);
  h->kept_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  h->kept_was.valid = h->kept_was.ctx_valid = 0;   /* new tables: every field is set */
}

/* Pushes the field name key (KEY_*) kept in the holder at index hold. */
static void kept_key(lua_State *L, int hold, int key) { lua_rawgeti(L, hold, key); }

/* Empties the table on top of the stack (the keys stay in its nodes, so refilling it with the
** same keys allocates nothing). */
static void kept_clear(lua_State *L) {
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_pushnil(L);
    lua_rawset(L, -4);   /* clearing a field during the traversal is allowed */
  }
}

/* Ends the kept list on top of the stack after n entries: clears what a longer list of an
** earlier turn left (its entries end at the first nil). */
static void kept_trim(lua_State *L, int n) {
  for (int i = n + 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_rawseti(L, -2, i);
  }
  lua_pop(L, 1);
}

/* Sets field key of the table on top to kept list k (of the holder at index hold), refilled
** with kind's ids for the indexes v[0..n) as push_ids lists them (the ids come from the strings
** cust_anchor_names kept), unless slot (0 needs, 1 benefits, 2 objections) of h->kept_was says
** the list holds them already. */
static void kept_ids(lua_State *L, cust_host *h, int hold, int k, const int *v, int n, int kind, int key,
                     int slot) {
  struct cust_kept_was *w = &h->kept_was;
  int fits = n <= (int)(sizeof w->ids[slot] / sizeof *w->ids[slot]);
  if (w->valid && fits && w->n[slot] == n && (n == 0 || memcmp(w->ids[slot], v, (size_t)n * sizeof *v) == 0))
    return;
  const scenario *sc = h->sc;
  int count = kind == CUST_K_NEED ? sc->n_needs : kind == CUST_K_BENEFIT ? sc->n_benefits : sc->n_objections;
  kept_key(L, hold, key);
  lua_rawgeti(L, hold, k);
  int m = 0;
  for (int i = 0; i < n; i++) {
    if (v[i] < 0 || v[i] >= count || !h->lua_id[kind][v[i]]) continue;
    lua_pushstring(L, h->lua_id[kind][v[i]]);
    lua_rawseti(L, -2, ++m);
  }
  kept_trim(L, m);
  lua_rawset(L, -3);
  w->n[slot] = fits ? n : -1;
  if (fits && n > 0) memcpy(w->ids[slot], v, (size_t)n * sizeof *v);
}

/* t[key] = b for the table on top. */
static void kept_bool(lua_State *L, int hold, int key, int b) {
  kept_key(L, hold, key);
  lua_pushboolean(L, b);
  lua_rawset(L, -3);
}

/* t[key] = s (nil for NULL) for the table on top. */
static void kept_str(lua_State *L, int hold, int key, const char *s) {
  kept_key(L, hold, key);
  if (s) lua_pushstring(L, s);
  else lua_pushnil(L);
  lua_rawset(L, -3);
}

/* Sets field key of the table on top to the boolean b unless *was holds it already (valid:
** the kept table was filled before), and notes it in *was. */
static void kept_bool_was(lua_State *L, int hold, int key, int b, int valid, int *was) {
  b = b != 0;
  if (valid && *was == b) return;
  kept_bool(L, hold, key, b);
  *was = b;
}

/* Pushes the kept turn table refilled for the current line: what cust_push_turn would make.
** The text, the norm, the moves and the slots are set for every hook (default.lua writes into
** moves); the other fields only when they differ from what h->kept_was says they hold: only
** default.lua sees these tables, and it writes into none of them (half the refill's cost). */
static void push_turn_kept(lua_State *L, cust_host *h) {
  const cls_result *t = h->turn;
  assert(t);   /* hooks get a turn only during one */
  struct cust_kept_was *w = &h->kept_was;
  push_kept(L, h);
  int valid = w->valid;
  w->valid = 0;   /* until this fill is done: a memory error halfway leaves the fields unknown */
  int hold = lua_gettop(L);
  lua_rawgeti(L, hold, KEPT_TURN);
  kept_str(L, hold, KEY_TEXT, t->text ? t->text : "");
  kept_str(L, hold, KEY_NORM, t->norm ? t->norm : (t->text ? t->text : ""));
  kept_key(L, hold, KEY_MOVES);
  lua_rawgeti(L, hold, KEPT_MOVES);
  kept_clear(L);
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(t, m)) kept_bool(L, hold, KEY_MOVE0 + m, 1);
  lua_rawset(L, -3);
  kept_key(L, hold, KEY_SLOTS);
  lua_rawgeti(L, hold, KEPT_SLOTS);
  kept_clear(L);
  for (int i = 0; i < CLS_SLOT_COUNT; i++)
    if (t->slots[i]) kept_str(L, hold, KEY_SLOT0 + i, t->slots[i]);
  lua_rawset(L, -3);
  kept_bool_was(L, hold, KEY_SPECIFIC, t->specific, valid, &w->specific);
  kept_bool_was(L, hold, KEY_VAGUE, t->vague, valid, &w->vague);
  kept_bool_was(L, hold, KEY_QUESTION, t->question, valid, &w->question);
  kept_bool_was(L, hold, KEY_NEGATED, t->negated, valid, &w->negated);
  if (!valid || w->tactic != (int)t->tactic) {
    kept_key(L, hold, KEY_TACTIC);
    if (t->tactic == CLS_TACTIC_GAIN) kept_key(L, hold, KEY_GAIN);
    else if (t->tactic == CLS_TACTIC_LOSS) kept_key(L, hold, KEY_LOSS);
    else lua_pushnil(L);
    lua_rawset(L, -3);
    w->tactic = (int)t->tactic;
  }
  if (!valid) w->n[0] = w->n[1] = w->n[2] = -1;
  kept_ids(L, h, hold, KEPT_NEEDS, t->needs, t->n_needs, CUST_K_NEED, KEY_NEEDS, 0);
  kept_ids(L, h, hold, KEPT_BENEFITS, t->benefits, t->n_benefits, CUST_K_BENEFIT, KEY_BENEFITS, 1);
  kept_ids(L, h, hold, KEPT_OBJECTIONS, t->objections, t->n_objections, CUST_K_OBJECTION, KEY_OBJECTIONS, 2);
  if (!valid || w->addressed != h->addressed) {
    kept_key(L, hold, KEY_ADDRESSED);
    lua_rawgeti(L, hold, KEPT_ADDRESSED);   /* the people the line names, when several sit there */
    int k = 0;
    for (int i = 0; i < h->n_people; i++) {
      if (!(h->addressed >> i & 1)) continue;
      lua_pushstring(L, h->people[i]);
      lua_rawseti(L, -2, ++k);
    }
    kept_trim(L, k);
    lua_rawset(L, -3);
    w->addressed = h->addressed;
  }
  int c = t->commitment >= 0 && t->commitment < h->sc->n_commitments ? t->commitment : -1;
  if (!valid || w->commitment != c) {
    kept_str(L, hold, KEY_COMMITMENT, c >= 0 ? h->sc->commitments[c].id : NULL);
    w->commitment = c;
  }
  lua_remove(L, hold);
  w->valid = 1;
}

/* t[key] = v for the table on top. */
static void kept_int(lua_State *L, int hold, int key, lua_Integer v) {
  kept_key(L, hold, key);
  lua_pushinteger(L, v);
  lua_rawset(L, -3);
}

/* Pushes the kept ctx table refilled: what cust_push_ctx would make (each field only when it
** differs from what h->kept_was says the table holds, as push_turn_kept does: a reason that
** was nil and is nil is not set again). */
static void push_ctx_kept(lua_State *L, cust_host *h, const char *reason) {
  struct cust_kept_was *w = &h->kept_was;
  push_kept(L, h);
  int valid = w->ctx_valid;
  w->ctx_valid = 0;
  int hold = lua_gettop(L);
  lua_rawgeti(L, hold, KEPT_CTX);
  lua_Integer visit = h->visit + 1, visits = h->sc->n_visits > 0 ? h->sc->n_visits : 1;
  if (!valid || w->visit != visit) kept_int(L, hold, KEY_VISIT, w->visit = visit);
  if (!valid || w->visits != visits) kept_int(L, hold, KEY_VISITS, w->visits = visits);
  if (!valid || w->turn_no != h->turn_no) kept_int(L, hold, KEY_TURN, w->turn_no = h->turn_no);
  if (!valid || w->lang != h->lang) kept_str(L, hold, KEY_LANG, w->lang = h->lang);
  if (!valid || reason || w->reason_set) {
    kept_str(L, hold, KEY_REASON, reason);
    w->reason_set = reason != NULL;
  }
  if (!valid || w->outcome != (int)h->outcome) {
    kept_str(L, hold, KEY_OUTCOME, h->outcome != CUST_OUTCOME_NONE ? cust_outcome_name(h->outcome) : NULL);
    w->outcome = (int)h->outcome;
  }
  lua_remove(L, hold);
  w->ctx_valid = 1;
}

/* ===== a script's tables, fresh for each hook ============================================= */

/* Pushes a fresh turn table for the current line (empty outside a turn): for a script, which
** may keep what it is given.  Its fields are set in push_turn_kept's order through the field
** names kept in the holder (a raw set with a string of the state: lua_setfield looked each C
** string up first, a third of the table's making); a new table without a metatable takes them
** as lua_setfield would, in the same order, so pairs() walks it as before. */
void cust_push_turn(lua_State *L, cust_host *h) {
  const cls_result *t = h->turn;
  push_kept(L, h);
  int hold = lua_gettop(L);
  lua_createtable(L, 0, 16);
  if (!t) { lua_remove(L, hold); return; }
  kept_str(L, hold, KEY_TEXT, t->text ? t->text : "");
  kept_str(L, hold, KEY_NORM, t->norm ? t->norm : (t->text ? t->text : ""));
  kept_key(L, hold, KEY_MOVES);
  lua_createtable(L, 0, 4);
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(t, m)) kept_bool(L, hold, KEY_MOVE0 + m, 1);
  lua_rawset(L, -3);
  kept_key(L, hold, KEY_SLOTS);
  lua_createtable(L, 0, 4);
  for (int s = 0; s < CLS_SLOT_COUNT; s++)
    if (t->slots[s]) kept_str(L, hold, KEY_SLOT0 + s, t->slots[s]);
  lua_rawset(L, -3);
  kept_bool(L, hold, KEY_SPECIFIC, t->specific);
  kept_bool(L, hold, KEY_VAGUE, t->vague);
  kept_bool(L, hold, KEY_QUESTION, t->question);
  kept_bool(L, hold, KEY_NEGATED, t->negated);
  if (t->tactic == CLS_TACTIC_GAIN || t->tactic == CLS_TACTIC_LOSS) {
    kept_key(L, hold, KEY_TACTIC);
    kept_key(L, hold, t->tactic == CLS_TACTIC_GAIN ? KEY_GAIN : KEY_LOSS);
    lua_rawset(L, -3);
  }
  kept_key(L, hold, KEY_NEEDS);
  push_ids(L, h, t->needs, t->n_needs, CUST_K_NEED);
  lua_rawset(L, -3);
  kept_key(L, hold, KEY_BENEFITS);
  push_ids(L, h, t->benefits, t->n_benefits, CUST_K_BENEFIT);
  lua_rawset(L, -3);
  kept_key(L, hold, KEY_OBJECTIONS);
  push_ids(L, h, t->objections, t->n_objections, CUST_K_OBJECTION);
  lua_rawset(L, -3);
  kept_key(L, hold, KEY_ADDRESSED);
  lua_createtable(L, h->n_people, 0);   /* the people the line names, when several sit there */
  for (int i = 0, k = 0; i < h->n_people; i++) {
    if (!(h->addressed >> i & 1)) continue;
    lua_pushstring(L, h->people[i]);
    lua_rawseti(L, -2, ++k);
  }
  lua_rawset(L, -3);
  if (t->commitment >= 0 && t->commitment < h->sc->n_commitments)
    kept_str(L, hold, KEY_COMMITMENT, h->sc->commitments[t->commitment].id);
  lua_remove(L, hold);
}

/* Pushes a fresh ctx table: visit, visits, turn, lang, reason, outcome (as cust_push_turn, the
** field names from the holder). */
void cust_push_ctx(lua_State *L, cust_host *h, const char *reason) {
  push_kept(L, h);
  int hold = lua_gettop(L);
  lua_createtable(L, 0, 6);
  kept_int(L, hold, KEY_VISIT, h->visit + 1);
  kept_int(L, hold, KEY_VISITS, h->sc->n_visits > 0 ? h->sc->n_visits : 1);
  kept_int(L, hold, KEY_TURN, h->turn_no);
  kept_str(L, hold, KEY_LANG, h->lang);
  if (reason) kept_str(L, hold, KEY_REASON, reason);
  if (h->outcome != CUST_OUTCOME_NONE) kept_str(L, hold, KEY_OUTCOME, cust_outcome_name(h->outcome));
  lua_remove(L, hold);
}

/* ===== snapshots: a failed script leaves no trace but its error ============================ */

typedef struct snap {
  double *val;
  double *pval;                /* each person's state (NULL with one customer) */
  unsigned char *flags;
  int visit, turn_no, pending_start, n_events;
  cust_outcome outcome;
  uint64_t rng;
  double val_here[32];         /* the copies of a small scenario's state and flags: no malloc */
  unsigned char flags_here[128];
} snap;

/* Copies everything a hook can change. */
static void snap_take(cust_host *h, snap *s) {
  size_t nv = (size_t)h->n_state;
  s->val = nv <= sizeof s->val_here / sizeof *s->val_here ? s->val_here : xmalloc(nv * sizeof *s->val + 1);
  memcpy(s->val, h->val, nv * sizeof *s->val);
  s->pval = NULL;
  if (h->pval) {
    size_t n = (size_t)h->n_people * (size_t)h->n_state * sizeof *h->pval;
    s->pval = xmalloc(n + 1);
    memcpy(s->pval, h->pval, n);
  }
  size_t nf = (size_t)h->n_flags;
  s->flags = nf <= sizeof s->flags_here ? s->flags_here : xmalloc(nf + 1);
  memcpy(s->flags, h->flags, nf);
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
  if (s->pval) memcpy(h->pval, s->pval, (size_t)h->n_people * (size_t)h->n_state * sizeof *h->pval);
  memcpy(h->flags, s->flags, (size_t)h->n_flags);
  h->visit = s->visit;
  h->turn_no = s->turn_no;
  h->pending_start = s->pending_start;
  h->outcome = s->outcome;
  h->rng = s->rng;
  cust_events_truncate(h->out, s->n_events);
}

/* Frees a snapshot's copies. */
static void snap_free(snap *s) {
  if (s->val != s->val_here) free(s->val);
  free(s->pval);
  if (s->flags != s->flags_here) free(s->flags);
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
  int reuse = env_ref == h->env_default && !h->kept_busy;   /* (never nested: see kept_busy) */
  if (with_turn) { if (reuse) push_turn_kept(L, h); else cust_push_turn(L, h); nargs++; }
  if (reuse) push_ctx_kept(L, h, reason);
  else cust_push_ctx(L, h, reason);
  snap s;
  snap_take(h, &s);
  size_t kept = sbx_kept(h->sbx);
  char *err = NULL;
  h->kept_busy += reuse;
  sbx_status st = sbx_call(h->sbx, nargs, 1, &err);
  h->kept_busy -= reuse;
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

/* After a hook: the next visit's opening, or the end when patience ran out (the table's, or
** one person's: that person then has the last word). */
static void after_hook(lua_State *L, cust_host *h) {
  for (int guard = 0; h->pending_start && guard < 8; guard++) run_start(L, h);
  if (h->outcome == CUST_OUTCOME_NONE) {
    int who = h->val[h->patience] <= 0 ? -1 : cust_people_out_of_patience(h);
    if (h->val[h->patience] <= 0 || who >= 0) {
      unsigned keep = h->prefer;
      if (who >= 0) h->prefer = 1u << who;
      run_layer(L, h, "on_end", 0, "patience");
      if (h->outcome == CUST_OUTCOME_NONE) cust_end_visit_why(h, CUST_OUTCOME_CONTINUATION, "patience");
      h->prefer = keep;
    }
  }
}

/* Trust gone (the table's, or one person's) once a turn is over and the visit still open: a
** reaction's `stop`, or a script that answered alone, kept the default behaviour from ending it.
** It ends now, in this turn, with on_end (ctx.reason "trust"; the one who lost it has the last
** word), not on the next line whatever that says: "ok no pressure. what would you need to see?"
** had got "I don't think this is going anywhere." after a reaction took trust to 0 on the push
** before it (play-test 30 F7). */
static void end_on_trust(lua_State *L, cust_host *h) {
  if (h->outcome != CUST_OUTCOME_NONE || h->trust < 0 || h->pending_start) return;
  int who = h->val[h->trust] <= 0 ? -1 : cust_people_spent(h, h->trust);
  if (h->val[h->trust] > 0 && who < 0) return;
  unsigned keep = h->prefer;
  if (who >= 0) h->prefer = 1u << who;
  run_layer(L, h, "on_end", 0, "trust");
  if (h->outcome == CUST_OUTCOME_NONE) cust_end_visit_why(h, CUST_OUTCOME_NO_SALE, "trust");
  h->prefer = keep;
}

/* Two turns before patience runs out the customer says so, once a visit, whatever the
** behaviour: the end must never come without a warning the trainee could see. */
static void warn_patience(lua_State *L, cust_host *h) {
  if (h->outcome != CUST_OUTCOME_NONE) return;
  if (h->n_people) { cust_people_warn(L, h); return; }   /* each person is warned, once */
  if (h->warned) return;
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

/* 1 when the events of this turn (from index from) moved the visit on: a need voiced or
** confirmed, a commitment given, or trust, interest, the value accepted or the purchase list
** going up. */
/* 1 when an event of this turn from index from raised one of the n variables named. */
static int rose(const cust_host *h, int from, const char *const *names, size_t n) {
  for (int i = from; i < h->out->n; i++) {
    const cust_event *e = &h->out->v[i];
    if (e->kind != CUST_EV_STATE || !e->name || e->after <= e->before) continue;
    for (size_t k = 0; k < n; k++)
      if (strcmp(e->name, names[k]) == 0) return 1;
  }
  return 0;
}

static int turn_moved(const cust_host *h, int from) {
  static const char *const up[] = { SCN_STATE_TRUST, SCN_STATE_INTEREST, SCN_STATE_VALUE_ACK, SCN_STATE_ON_LIST };
  for (int i = from; i < h->out->n; i++) {
    const cust_event *e = &h->out->v[i];
    if (e->kind == CUST_EV_REVEAL || e->kind == CUST_EV_CONFIRM || e->kind == CUST_EV_GIVE) return 1;
  }
  return rose(h, from, up, sizeof up / sizeof *up);
}

/* Marks the needs a benefit of this line answers that she has not voiced (customer.answered): the
** seller named and settled them first, and she does not bring them up later as news; only a need
** the line names beside the benefit, and only when the line warmed her (trust or interest up).
** After the layers, so a reaction that answered the line (`stop`) does not keep it from the
** behaviour's later turns ("Oh that orange light - that's just the filter-life reminder" got
** "that's a weight off" from a reaction, then "Anything else bugging you?" got "The little light on
** the tap keeps blinking orange. Is something wrong with it?"; play-tests 32 and 32a M7). */
static void mark_answered(cust_host *h) {
  static const char *const up[] = { SCN_STATE_TRUST, SCN_STATE_INTEREST };
  const cls_result *t = h->turn;
  const scenario *sc = h->sc;
  /* (only a benefit she welcomed, trust or interest up this turn: a feature dump before any
  ** discovery settles nothing, and her needs still come out when asked) */
  if (!t || !t->n_benefits || !rose(h, h->said_at_turn, up, sizeof up / sizeof *up)) return;
  for (int i = 0; i < t->n_benefits; i++) {
    int b = t->benefits[i];
    if (b < 0 || b >= sc->n_benefits || !sc->benefits[b].need_index) continue;
    const scn_benefit *sb = &sc->benefits[b];
    for (int k = 0; k < sb->answers.n; k++) {
      int n = sb->need_index[k], named = 0;
      for (int j = 0; j < t->n_needs && !named; j++) named = t->needs[j] == n;
      if (named && n >= 0 && n < sc->n_needs && !cust_flag(h, CF_REVEALED, n)) cust_set_flag(h, CF_ANSWERED, n, 1);
    }
  }
}

/* Host side of cust_turn (protected): patience, reactions, behaviour, then what follows.  A turn
** that moved the visit on gives its patience back: the customer gives time to a conversation
** that goes somewhere (blind trainer, round 10: a buyer at trust 10, who had just agreed with the
** summary, ended the visit for want of patience before the ask). */
static int turn_cf(lua_State *L) {
  cust_host *h = lua_touserdata(L, 1);
  int stop = 0;
  int visit = h->visit;
  h->turn_no++;
  h->addressed = h->prefer = cust_addressed(h, h->turn);
  h->said_at_turn = h->out->n;
  /* time passes for everyone at the table, whoever the line is for */
  cust_state_set_mask(h, h->patience, h->val[h->patience] - 1, cust_people_all(h));
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
  mark_answered(h);
  /* (the same visit still open; at a table of several, for the one the line was for: a buyer
  ** left out still loses patience) */
  if (h->outcome == CUST_OUTCOME_NONE && h->visit == visit && turn_moved(h, h->said_at_turn))
    cust_state_set_mask(h, h->patience, h->val[h->patience] + 1, cust_people_target(h));
  end_on_trust(L, h);
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
  h->line_at = NULL;
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
  h->line_at = NULL;
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

