/*
** bench_sandbox: what the Lua sandbox costs, and how fast it stops a hostile script.
**
**   bench_sandbox [--reps N]
**
** Prints Markdown tables: (1) plain Lua and pattern calls in the sandbox against a stock
** lua_State without hooks; (2) the customer host on a shipped scenario: creating it (state,
** libraries, default.lua, conditions) and answering one classified line; (3) the time until a
** runaway loop, a pathological pattern and a memory bomb are stopped.  Run from the repository
** root with SALESIM_DATA=engine.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include <lualib.h>
#include "scncheck.h"
#include "classify.h"
#include "customer.h"
#include "sandbox.h"
#include "scenario.h"
#include "util.h"

typedef struct job { const char *src; int ok; } job;

static int job_cf(lua_State *L) {
  job *j = lua_touserdata(L, 1);
  sbx *s = sbx_from_lua(L);
  char *err = NULL;
  sbx_push_env(L);
  if (sbx_load(s, "bench.lua", j->src, strlen(j->src), -1, &err) == SBX_OK &&
      sbx_call(s, 0, 0, &err) == SBX_OK)
    j->ok = 1;
  free(err);
  return 0;
}

/* Seconds to run src once in the sandbox s. */
static double time_sbx(sbx *s, const char *src) {
  job j = { src, 0 };
  char *err = NULL;
  double t0 = util_monotonic();
  sbx_protect(s, job_cf, &j, &err);
  double t = util_monotonic() - t0;
  free(err);
  return t;
}

/* Seconds to run src once in a stock state with every library and no hook. */
static double time_stock(lua_State *L, const char *src) {
  double t0 = util_monotonic();
  if (luaL_dostring(L, src) != LUA_OK) fprintf(stderr, "stock: %s\n", lua_tostring(L, -1));
  return util_monotonic() - t0;
}

static double best(double a, double b) { return a < b ? a : b; }

static void compare(const char *what, const char *src, int reps) {
  sbx_limits lim;
  sbx_limits_default(&lim);
  lim.instructions = 2000000000L;
  lim.seconds = 60;
  char e[200];
  sbx *s = sbx_new(&lim, 1, e, sizeof e);
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  double ts = 1e9, tl = 1e9;
  for (int i = 0; i < reps; i++) {
    ts = best(ts, time_sbx(s, src));
    tl = best(tl, time_stock(L, src));
  }
  printf("| %s | %.1f ms | %.1f ms | %+.0f%% |\n", what, tl * 1e3, ts * 1e3, (ts / tl - 1) * 100);
  lua_close(L);
  sbx_free(s);
}

static void stop_time(const char *what, const char *src) {
  char e[200];
  sbx *s = sbx_new(NULL, 1, e, sizeof e);
  double t = time_sbx(s, src);
  printf("| %s | %.0f ms |\n", what, t * 1e3);
  sbx_free(s);
}

int main(int argc, char **argv) {
  int reps = 5;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) reps = atoi(argv[++i]);

  printf("| workload | stock Lua 5.4 | sandbox | difference |\n|---|---|---|---|\n");
  compare("loop, 5M iterations of arithmetic",
          "local n = 0 for i = 1, 5000000 do n = n + i % 7 end", reps);
  compare("function calls, 1M", "local function f(x) return x + 1 end local n = 0 "
          "for i = 1, 1000000 do n = f(n) end", reps);
  compare("table inserts, 1M", "local t = {} for i = 1, 1000000 do t[#t + 1] = i end", reps);
  compare("string.find/match/gsub on a sentence, 100k each",
          "local s = 'Could your IT head join a 30-minute demo next Wednesday at 3 in room 12?' "
          "for i = 1, 100000 do s:find('%d+') s:match('(%a+) at (%d+)') s:gsub('%s+', ' ') end", reps);
  compare("string.gmatch words, 100k sentences",
          "local s = 'we need fewer alerts and a report for the spring audit' local n = 0 "
          "for i = 1, 100000 do for w in s:gmatch('%a+') do n = n + 1 end end", reps);

  printf("\n| customer host (scenarios/campus-platform.yaml, default behaviour) | time |\n|---|---|\n");
  diag d;
  diag_init(&d);
  scenario *sc = scc_load("scenarios/campus-platform.yaml", &d);
  cls_classifier *cls = sc ? cls_new(sc->language, sc, &d) : NULL;
  if (!sc || !cls) {
    diag_print(&d, stderr);
    return 1;
  }
  double t_new = 1e9, t_turn = 0;
  int turns = 0;
  for (int r = 0; r < reps; r++) {
    for (int k = 0; k < sc->n_tests; k++) {   /* each written test is one playthrough */
      double t0 = util_monotonic();
      cust_host *h = cust_new(sc, sc->tests[k].seed, NULL, &d);
      t_new = best(t_new, util_monotonic() - t0);
      cust_events ev = {0};
      cust_start(h, &ev);
      cust_events_free(&ev);
      for (int i = 0; i < sc->tests[k].lines.n && cust_current_outcome(h) == CUST_OUTCOME_NONE; i++) {
        const char *line = sc->tests[k].lines.v[i];
        cls_result res;
        cls_classify(cls, line, strlen(line), &res);
        t0 = util_monotonic();
        cust_turn(h, &res, &ev);
        t_turn += util_monotonic() - t0;
        turns++;
        cls_result_free(&res);
        cust_events_free(&ev);
      }
      cust_free(h);
    }
  }
  printf("| cust_new: Lua state, libraries, default.lua, conditions compiled | %.2f ms |\n", t_new * 1e3);
  printf("| cust_turn: reactions + default on_turn, mean of %d lines (the scenario's tests) | %.0f µs |\n", turns,
         turns ? t_turn / turns * 1e6 : 0);
  cls_free(cls);
  scn_free(sc);
  diag_free(&d);

  printf("\n| hostile script (default limits: 0.25 s CPU, 10M steps of C work, 32 MiB) | stopped after |\n|---|---|\n");
  stop_time("`while true do end`", "while true do end");
  stop_time("`while true do pcall(function() while true do end end) end`",
            "while true do pcall(function() while true do end end) end");
  stop_time("`string.find((\"a\"):rep(1e5), \".-.-.-.-b$\")`",
            "return string.find(('a'):rep(1e5), '.-.-.-.-b$')");
  stop_time("table of tables until memory runs out", "local t = {} for i = 1, 1e9 do t[i] = { i } end");
  stop_time("`s = s .. s` doubling", "local s = 'x' while true do s = s .. s end");
  return 0;
}
