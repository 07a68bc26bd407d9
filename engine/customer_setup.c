/*
** customer_setup.c: the customer's sandbox set-up (customer_int.h).  Builds the sandbox with
** three environments (the default behaviour, the scenario's script, the reactions'
** conditions), resolves the scenario's names to indexes once, sets the starting state, and
** resets a host for a new session in place when nothing untrusted ran in it.  Also compiles a
** behaviour script for `salesim check` without running it.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "builtin.h"
#include "customer_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"

#define CUST_MAX_SCRIPT (1u << 20)   /* a behaviour script is a few KiB */


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
  char *default_src; size_t default_len;   /* NULL while default_bc stands for it (not read) */
  const bi_entry *default_bc;              /* default.lua's bytecode when the file is unchanged */
  char *script_src; size_t script_len;
  int fatal;
} setup_args;

/* Pushes a new environment with the customer API (and, for the scenario's script, the default
** behaviour's hooks as `default`). */
static void push_env(lua_State *L, cust_host *h, int with_default) {
  sbx_push_env(L);
  cust_push_api(L, h, !with_default);   /* only default.lua's own environment is made without */
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

/* Reads default.lua into a (once); 0, or -1 after reporting to a->d. */
static int read_default(setup_args *a) {
  char err[256];
  if (a->default_src) return 0;
  a->default_src = util_read_file(a->default_path, CUST_MAX_SCRIPT, &a->default_len, err, sizeof err);
  if (a->default_src) return 0;
  msg_diag(a->d, DIAG_ERROR, a->default_path, 0, 0, "cli.lua.default_unreadable", "error", err, NULL);
  return -1;
}

/* Makes an environment with the customer API, loads and runs a chunk in it; returns the
** registry ref of the environment, or LUA_NOREF after reporting the problem.  *chunk gets a
** reference to the loaded chunk (for cust_reset), LUA_NOREF when it did not compile.  For
** default.lua (!with_default) src is NULL while a->default_bc stands for the unread file. */
static int load_env(lua_State *L, setup_args *a, const char *path, const char *name,
                    const char *src, size_t len, int with_default, int *chunk) {
  cust_host *h = a->h;
  *chunk = LUA_NOREF;
  push_env(L, h, with_default);
  char *err = NULL;
  /* default.lua, or a shipped scenario's script, as compiled at build time when it is the shipped
  ** file (builtin.h); from source when it is not, or when this Lua refuses the bytecode (a shared
  ** liblua of another release) */
  const bi_entry *bc = with_default ? bi_find_script(name, src, len)
                     : src ? bi_find("lua/default.lua", src, len) : a->default_bc;
  sbx_status ls = SBX_ERR_SYNTAX;
  if (bc && bc->bytes && (ls = sbx_load_builtin(h->sbx, name, bc->bytes, bc->n_bytes, -1, &err)) != SBX_OK) {
    free(err);
    err = NULL;
  }
  if (!with_default) h->lines_image = ls == SBX_OK;   /* that bytecode has no LINES (builtin.h) */
  if (ls != SBX_OK && !src) {   /* the bytecode refused: default.lua from its source after all */
    if (read_default(a) != 0) { lua_pop(L, 1); return LUA_NOREF; }
    src = a->default_src;
    len = a->default_len;
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
  cust_anchor_names(L, h);
  int chunk;
  h->env_default = load_env(L, a, a->default_path, "default.lua", a->default_src, a->default_len, 0, &chunk);
  if (h->env_default == LUA_NOREF) { a->fatal = 1; return 0; }
  luaL_unref(L, LUA_REGISTRYINDEX, chunk);   /* reuse calls its forget() instead of running it again */

  cust_push_cond_env(L, h);
  if (h->lim.reused) {   /* without the marks cust_reset builds the host again (reusable()) */
    h->mark_cond = sbx_mark(h->sbx, -1);            /* the environment (always empty) ... */
    lua_getmetatable(L, -1);
    lua_getfield(L, -1, "__index");
    lua_getupvalue(L, -1, 2);
    h->mark_helpers = sbx_mark(h->sbx, -1);         /* ... and what its names resolve to */
    lua_pop(L, 3);
  }
  h->env_cond = luaL_ref(L, LUA_REGISTRYINDEX);
  /* All at once (customer_react.c); one by one only to report what does not compile. */
  const char **exprs;
  int *lines, nc = cust_scenario_conds(sc, &exprs, &lines), *refs = xcalloc((size_t)nc + 1, sizeof *refs);
  int ok = 1;
  if (cust_compile_conds(h, nc, exprs, lines, refs) != 0) {
    for (int i = 0; i < nc; i++) {   /* one by one, to say which does not compile */
      if (!exprs[i]) continue;
      int is_when = i < sc->n_reactions;
      scn_pos pos = is_when ? sc->reactions[i].pos : sc->commitments[i - sc->n_reactions].pos;
      char *err = NULL;
      if (cust_compile_cond(h, exprs[i], lines[i], &err) == 0) {
        refs[i] = luaL_ref(L, LUA_REGISTRYINDEX);
      } else {
        ok = 0;
        diag_add(a->d, DIAG_ERROR, sc->file ? sc->file : "scenario", pos.line, pos.col, "%s: %s",
                 is_when ? "when" : "realistic_when", err);
        free(err);
      }
    }
  }
  for (int i = 0; i < sc->n_reactions; i++) h->when_ref[i] = refs[i];
  for (int i = 0; i < sc->n_commitments; i++) h->real_ref[i] = refs[sc->n_reactions + i];
  h->conds_ok = ok;
  h->conds_read_only = 1;
  for (int i = 0; i < nc && h->conds_read_only; i++) h->conds_read_only = cust_cond_reads_only(h, exprs[i]);
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
  qsort(h->state_ix, (size_t)h->n_state, sizeof *h->state_ix, cust_name_cmp);
  h->patience = cust_state_index(h, SCN_STATE_PATIENCE);
  h->trust = cust_state_index(h, SCN_STATE_TRUST);
  h->line_ix = xmalloc(((size_t)sc->n_lines + 1) * sizeof *h->line_ix);
  h->line_hash = xcalloc((size_t)sc->n_lines + 1, sizeof *h->line_hash);
  if (sc->line_order) {   /* the reader's order by key (its keys are a map's: no two alike) */
    for (int k = 0; k < sc->n_lines; k++) {
      int i = sc->line_order[k];
      if (sc->lines[i].key) h->line_ix[h->n_line_ix++] = (cust_name){ sc->lines[i].key, i };
    }
  } else {
    for (int i = 0; i < sc->n_lines; i++)
      if (sc->lines[i].key) h->line_ix[h->n_line_ix++] = (cust_name){ sc->lines[i].key, i };
    qsort(h->line_ix, (size_t)h->n_line_ix, sizeof *h->line_ix, cust_name_cmp);
  }
  for (int k = 0; k < 4; k++) {   /* ids, as the Lua API names them (CUST_K_*) */
    int n = k == CUST_K_NEED ? sc->n_needs : k == CUST_K_BENEFIT ? sc->n_benefits
          : k == CUST_K_COMMITMENT ? sc->n_commitments : sc->n_objections;
    h->id_ix[k] = xmalloc(((size_t)n + 1) * sizeof *h->id_ix[k]);
    for (int i = 0; i < n; i++) {
      const char *id = k == CUST_K_NEED ? sc->needs[i].id : k == CUST_K_BENEFIT ? sc->benefits[i].id
                     : k == CUST_K_COMMITMENT ? sc->commitments[i].id : sc->objections[i].id;
      if (id) h->id_ix[k][h->n_id_ix[k]++] = (cust_name){ id, i };
    }
    qsort(h->id_ix[k], (size_t)h->n_id_ix[k], sizeof *h->id_ix[k], cust_name_cmp);
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
    x->ease = id_index(sc->objections, sc->n_objections, sizeof *sc->objections, offsetof(scn_objection, id), r->ease);
    x->commitment = id_index(sc->commitments, sc->n_commitments, sizeof *sc->commitments,
                             offsetof(scn_commitment, id), r->give ? r->give : r->refuse);
    x->change_var = xmalloc(((size_t)r->n_changes + 1) * sizeof *x->change_var);
    for (int k = 0; k < r->n_changes; k++) x->change_var[k] = cust_state_index(h, r->changes[k].var);
    x->gate = cust_cond_move_gate(h, r->when);
    cust_cond_fact_gate(h, r->when, &x->gate_visit, &x->gate_question, &x->gate_flag);
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
  h->script_chunk = h->mark_cond = h->mark_helpers = h->kept_ref = h->data_ref = LUA_NOREF;
  if (lim) h->lim = *lim;
  else cust_limits_default(&h->lim);
  h->scn_name = xstrdup(basename_of(sc->file ? sc->file : "scenario.yaml"));
  init_state(h);
  resolve_names(h);
  cust_people_init(h);
  cust_people_state_init(h);      /* each person starts where the table starts */
  cust_apply_visit_state(h, 0);
  h->val0 = xmalloc((size_t)h->n_state * sizeof *h->val0 + 1);
  memcpy(h->val0, h->val, (size_t)h->n_state * sizeof *h->val0);
  cust_people_state_mark(h);
  int sizes[CF_KINDS] = { sc->n_needs, sc->n_needs, sc->n_commitments, sc->n_commitments,
                          sc->n_objections, sc->n_reactions, sc->n_commitments, sc->n_objections, sc->n_needs };
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
    if (h->sbx) msg_diag(d, DIAG_ERROR, dpath ? dpath : "lua/default.lua", 0, 0, "cli.lua.no_default", NULL);
    else diag_add(d, DIAG_ERROR, dpath ? dpath : "lua/default.lua", 0, 0, "%s", err);
    free(dpath);
    return -1;
  }
  a.default_path = dpath;
  const bi_entry *bc = bi_named("lua/default.lua");
  if (bc && bc->bytes && bi_unchanged(bc, dpath)) a.default_bc = bc;   /* the build's own file: unread */
  else if (read_default(&a) != 0) {
    free(dpath);
    return -1;
  }
  if (sc->behaviour) {
    h->script_name = xstrdup(basename_of(sc->behaviour));
    a.script_src = util_read_file(sc->behaviour, CUST_MAX_SCRIPT, &a.script_len, err, sizeof err);
    if (!a.script_src)
      msg_diag(d, DIAG_ERROR, sc->file ? sc->file : sc->behaviour, sc->behaviour_pos.line, sc->behaviour_pos.col,
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
    if (rc != 0) msg_diag(d, DIAG_ERROR, dpath, 0, 0, "cli.lua.setup", "error", perr ? perr : "?", NULL);
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
  for (int i = 0; h->line_hash && i < h->sc->n_lines; i++) free(h->line_hash[i]);
  free(h->line_hash);
  free(h->clamp);
  for (int k = 0; k < 4; k++) free(h->id_ix[k]);
  free(h->offered);
  for (int k = 0; k < 4; k++) free(h->lua_id[k]);
  free(h->lua_state);
  for (int i = 0; h->rx && i < h->sc->n_reactions; i++) free(h->rx[i].change_var);
  free(h->rx);
  free(h->is_bool);
  free(h->flags);
  free(h->ever_fired);
  free(h->when_ref);
  free(h->real_ref);
  free(h->script_name);
  free(h->scn_name);
  cust_people_state_free(h);
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
** (a condition could write to a library table, say), unless no condition can write to any
** (cust_cond_reads_only: names of the state, moves, facts and queries only): comparing them
** was 40 K instructions a walk, 2.6% of `salesim test --walks`. */
static int reusable(cust_host *h) {
  if (h->mark_cond == LUA_NOREF || h->mark_helpers == LUA_NOREF) return 0;
  lua_State *L = sbx_lua(h->sbx);
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_default);
  lua_pushliteral(L, "forget");
  int ok = lua_rawget(L, -2) == LUA_TFUNCTION;
  lua_pop(L, 2);
  if (ok && h->conds_read_only) return 1;
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
  cust_people_state_reset(h);
  memset(h->flags, 0, (size_t)h->n_flags);
  memset(h->ever_fired, 0, (size_t)h->sc->n_reactions);   /* a new session: none fired yet */
  h->rng = seed ^ 0x5A1E5C0FFEEULL;
  h->visit = 0;
  h->turn_no = 0;
  h->n_said = 0;
  h->warned = 0;
  h->outcome = CUST_OUTCOME_NONE;
  h->pending_start = h->in_start = h->script_off = h->kept_busy = 0;
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
    if (d) msg_diag(d, DIAG_ERROR, "lua/default.lua", 0, 0, "cli.lua.reset", "error", perr ? perr : "?", NULL);
    free(perr);
    return -1;
  }
  return 0;
}

/* See customer.h. */
int cust_conds_compiled(const cust_host *h) { return h && h->conds_ok; }

/* ===== compiling for `salesim check` ===================================================== */

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
    msg_diag(d, DIAG_ERROR, path, 0, 0, "cli.lua.check_unreadable", "error", err, NULL);
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
