/*
** bench_turns: per-turn latency of a session, measured through session.h with no terminal.
** Each turn is timed around sess_say (classify, the realism check, the Lua customer, the turn
** record and, with --save, the atomic transcript save that `salesim play` does every turn);
** the classifier alone is timed on the same line afterwards, so the customer's share shows too.
** Each turn is timed twice: wall clock, and this thread's CPU time (which a busy machine does
** not inflate); the slowest turn by CPU time is named (session k, turn n) so it can be replayed.
**
**   bench_turns SCENARIO [--sessions N] [--seed S] [--lines FILE] [--walk] [--turns T]
**               [--save DIR] [--max-turns M] [--at A,B]
**   bench_turns --count-test-lines SCENARIO...   (lines in the playthrough tests, summed)
**   bench_turns --lexicon-size LEXICON.yaml      (phrases in a lexicon file)
**
** Lines: --lines FILE (one per line) for every session; --walk builds T lines per session with
** the random-walk generator (walk.h); otherwise session k plays the lines of test k mod n.
** --at A,B also reports the turns numbered A-4..A+5 and B-4..B+5 apart (at_A_*, at_B_*): how
** a turn's cost changes as the session grows (with --save, the journal append included).
** Output: one "key=value" line (times in microseconds, setup in milliseconds) for scripts,
** then a readable summary on stderr.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "scncheck.h"
#include "classify.h"
#include "diag.h"
#include "lexicon.h"
#include "scenario.h"
#include "session.h"
#include "util.h"
#include "walk.h"

typedef struct samples { double *v; size_t n, cap; } samples;

/* CPU seconds of this thread: unlike the wall clock, not inflated when another process takes
** the core, so a slow turn that is real work shows apart from a preempted one. */
static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void add(samples *s, double x) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 1024;
    s->v = xrealloc(s->v, s->cap * sizeof *s->v);
  }
  s->v[s->n++] = x;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The q-quantile (nearest rank) of sorted samples; 0 when empty. */
static double quantile(const samples *s, double q) {
  if (s->n == 0) return 0;
  size_t i = (size_t)(q * (double)(s->n - 1) + 0.5);
  return s->v[i < s->n ? i : s->n - 1];
}

static double mean(const samples *s) {
  double t = 0;
  for (size_t i = 0; i < s->n; i++) t += s->v[i];
  return s->n ? t / (double)s->n : 0;
}

/* Lines of a file, one per line, without the newline. */
static scn_strs read_lines(const char *path) {
  scn_strs l = {0};
  char err[256];
  size_t len;
  char *buf = util_read_file(path, 64u << 20, &len, err, sizeof err);
  if (!buf) { fprintf(stderr, "bench_turns: %s: %s\n", path, err); exit(2); }
  int cap = 0;
  for (char *p = buf; *p;) {
    char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n) {
      if (l.n == cap) { cap = cap ? cap * 2 : 64; l.v = xrealloc(l.v, (size_t)cap * sizeof *l.v); }
      l.v[l.n++] = xstrndup(p, n);
    }
    if (!nl) break;
    p = nl + 1;
  }
  free(buf);
  return l;
}

static void strs_free(scn_strs *l) {
  for (int i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
}

static scenario *load(const char *path) {
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  if (!sc) { diag_print(&d, stderr); exit(2); }
  diag_free(&d);
  return sc;
}

static int count_test_lines(int argc, char **argv) {
  long total = 0;
  for (int i = 0; i < argc; i++) {
    scenario *sc = load(argv[i]);
    for (int t = 0; t < sc->n_tests; t++) total += sc->tests[t].lines.n;
    scn_free(sc);
  }
  printf("%ld\n", total);
  return 0;
}

static int lexicon_size(const char *path) {
  lexicon *lx = lex_new();
  diag d;
  diag_init(&d);
  lex_load_file(lx, path, path, NULL, &d);
  diag_print(&d, stderr);
  printf("%d\n", lex_phrase_count(lx));
  diag_free(&d);
  lex_free(lx);
  return 0;
}

typedef struct opts {
  const char *scenario, *lines, *save;
  long sessions, turns, max_turns;
  uint64_t seed;
  int walk;
  long at[2];              /* --at A,B: turn numbers to report apart (0 = none) */
} opts;

static int usage(void) {
  fprintf(stderr, "usage: bench_turns SCENARIO [--sessions N] [--seed S] [--lines FILE] [--walk]"
                  " [--turns T] [--save DIR] [--max-turns M] [--at A,B]\n"
                  "       bench_turns --count-test-lines SCENARIO...\n"
                  "       bench_turns --lexicon-size LEXICON.yaml\n");
  return 2;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "--count-test-lines") == 0) return count_test_lines(argc - 2, argv + 2);
  if (argc == 3 && strcmp(argv[1], "--lexicon-size") == 0) return lexicon_size(argv[2]);
  opts o = { .sessions = 200, .turns = 12, .seed = 1 };
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (strcmp(a, "--sessions") == 0 && more) o.sessions = atol(argv[++i]);
    else if (strcmp(a, "--seed") == 0 && more) o.seed = strtoull(argv[++i], NULL, 10);
    else if (strcmp(a, "--lines") == 0 && more) o.lines = argv[++i];
    else if (strcmp(a, "--turns") == 0 && more) o.turns = atol(argv[++i]);
    else if (strcmp(a, "--save") == 0 && more) o.save = argv[++i];
    else if (strcmp(a, "--max-turns") == 0 && more) o.max_turns = atol(argv[++i]);
    else if (strcmp(a, "--walk") == 0) o.walk = 1;
    else if (strcmp(a, "--at") == 0 && more) {
      char *end;
      o.at[0] = strtol(argv[++i], &end, 10);
      o.at[1] = *end == ',' ? strtol(end + 1, NULL, 10) : 0;
    }
    else if (a[0] == '-') return usage();
    else o.scenario = a;
  }
  if (!o.scenario || o.sessions < 1) return usage();

  double t0 = util_monotonic();
  scenario *sc = load(o.scenario);
  double load_ms = (util_monotonic() - t0) * 1e3;
  scn_strs fixed = {0};
  if (o.lines) fixed = read_lines(o.lines);
  walk_vocab *wv = o.walk ? walk_vocab_new(sc) : NULL;
  if (!o.lines && !o.walk && sc->n_tests == 0) {
    fprintf(stderr, "bench_turns: %s has no tests; give --lines or --walk\n", o.scenario);
    return 2;
  }

  samples turn = {0}, turn_cpu = {0}, cls = {0}, setup = {0}, finish = {0};
  samples at[2] = {{0}}, at_cpu[2] = {{0}};   /* the turns around --at A and B */
  long slowest = -1, slowest_session = -1;
  double slowest_cpu = 0;
  long errors = 0;
  for (long k = 0; k < o.sessions; k++) {
    const scn_test *t = (!o.lines && !o.walk) ? &sc->tests[k % sc->n_tests] : NULL;
    char *path = o.save ? xasprintf("%s/bench-%ld.json", o.save, k) : NULL;
    sess_options so = { .seed = t ? t->seed : o.seed + (uint64_t)k, .transcript = path ? path : "",
                        .max_turns = (int)o.max_turns };
    diag d;
    diag_init(&d);
    double a = util_monotonic();
    session *s = sess_new(sc, &so, &d);
    if (!s) { diag_print(&d, stderr); return 1; }
    sess_start(s);
    add(&setup, (util_monotonic() - a) * 1e3);
    uint64_t rng = o.seed * 0x9e3779b97f4a7c15ull + (uint64_t)k + 1;
    long n = t ? t->lines.n : o.lines ? fixed.n : o.turns;
    for (long i = 0; i < n && !sess_over(s); i++) {
      char *gen = wv ? walk_line(wv, &rng, (int)i) : NULL;
      const char *line = gen ? gen : t ? t->lines.v[i] : fixed.v[i];
      size_t len = strlen(line);
      double bc = cpu_now(), b = util_monotonic();
      const sess_turn *tr = sess_say(s, line, len);
      double c = util_monotonic(), cc = cpu_now();
      add(&turn, (c - b) * 1e6);
      add(&turn_cpu, (cc - bc) * 1e6);
      for (int w = 0; w < 2; w++)
        if (o.at[w] > 0 && i + 1 >= o.at[w] - 4 && i + 1 <= o.at[w] + 5) {
          add(&at[w], (c - b) * 1e6);
          add(&at_cpu[w], (cc - bc) * 1e6);
        }
      if ((cc - bc) * 1e6 > slowest_cpu) { slowest_cpu = (cc - bc) * 1e6; slowest = i + 1; slowest_session = k; }
      if (tr)
        for (int e = 0; e < tr->events.n; e++) errors += tr->events.v[e].kind == CUST_EV_ERROR;
      cls_result r;
      double x = util_monotonic();
      cls_classify(s->cls, line, len, &r);
      add(&cls, (util_monotonic() - x) * 1e6);
      cls_result_free(&r);
      free(gen);
    }
    double f = util_monotonic();
    sess_finish(s, SESS_END_EOF);
    add(&finish, (util_monotonic() - f) * 1e6);
    sess_free(s);
    diag_free(&d);
    if (path) { remove(path); free(path); }
  }
  double elapsed = util_monotonic() - t0;
  double turn_mean = mean(&turn), cls_mean = mean(&cls);
  qsort(turn.v, turn.n, sizeof *turn.v, cmp_double);
  qsort(turn_cpu.v, turn_cpu.n, sizeof *turn_cpu.v, cmp_double);
  qsort(cls.v, cls.n, sizeof *cls.v, cmp_double);
  qsort(setup.v, setup.n, sizeof *setup.v, cmp_double);
  qsort(finish.v, finish.n, sizeof *finish.v, cmp_double);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("sessions=%ld turns=%zu turn_p50_us=%.1f turn_p99_us=%.1f turn_max_us=%.1f turn_mean_us=%.1f "
         "cpu_p50_us=%.1f cpu_p99_us=%.1f cpu_max_us=%.1f slowest_turn=%ld slowest_session=%ld "
         "classify_p50_us=%.1f classify_p99_us=%.1f classify_mean_us=%.1f "
         "setup_p50_ms=%.3f setup_p99_ms=%.3f finish_p50_us=%.1f load_ms=%.3f lua_errors=%ld "
         "elapsed_s=%.3f maxrss_kib=%ld\n",
         o.sessions, turn.n, quantile(&turn, 0.5), quantile(&turn, 0.99), turn.n ? turn.v[turn.n - 1] : 0,
         turn_mean, quantile(&turn_cpu, 0.5), quantile(&turn_cpu, 0.99),
         turn_cpu.n ? turn_cpu.v[turn_cpu.n - 1] : 0, slowest, slowest_session, quantile(&cls, 0.5), quantile(&cls, 0.99), cls_mean, quantile(&setup, 0.5),
         quantile(&setup, 0.99), quantile(&finish, 0.5), load_ms, errors, elapsed, ru.ru_maxrss);
  for (int w = 0; w < 2; w++) {
    if (o.at[w] <= 0) continue;
    qsort(at[w].v, at[w].n, sizeof *at[w].v, cmp_double);
    qsort(at_cpu[w].v, at_cpu[w].n, sizeof *at_cpu[w].v, cmp_double);
    printf("at_%ld_turns=%zu at_%ld_p50_us=%.1f at_%ld_mean_us=%.1f at_%ld_cpu_p50_us=%.1f at_%ld_cpu_mean_us=%.1f\n",
           o.at[w], at[w].n, o.at[w], quantile(&at[w], 0.5), o.at[w], mean(&at[w]), o.at[w],
           quantile(&at_cpu[w], 0.5), o.at[w], mean(&at_cpu[w]));
    free(at[w].v); free(at_cpu[w].v);
  }
  fprintf(stderr, "%s: %ld sessions, %zu turns; turn p50 %.1f us, p99 %.1f us (classify p50 %.1f us, "
                  "p99 %.1f us); session setup p50 %.3f ms\n",
          o.scenario, o.sessions, turn.n, quantile(&turn, 0.5), quantile(&turn, 0.99),
          quantile(&cls, 0.5), quantile(&cls, 0.99), quantile(&setup, 0.5));
  free(turn.v); free(turn_cpu.v); free(cls.v); free(setup.v); free(finish.v);
  strs_free(&fixed);
  walk_vocab_free(wv);
  scn_free(sc);
  return 0;
}
