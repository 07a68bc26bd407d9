/*
** customer_cond.c: conditions judged from outside a turn (customer.h): one condition against
** the current state (the session's /hint, the tests), and every rung's realistic_when at once
** (the scorer).  A condition cannot act: whatever it tries goes to a sink and is dropped.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "customer_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"


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
  if (a.result < 0) {
    char *m = a.err ? NULL : msg_get(MSG_CLI_LANG, "cli.test.condition_failed", NULL);
    snprintf(err, errlen, "%s", a.err ? a.err : m);
    free(m);
  }
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
        a->err = msg_get(MSG_CLI_LANG, "cli.test.realistic_when_error", "id", h->sc->commitments[c].id,
                         "error", m ? m : "?", NULL);
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
