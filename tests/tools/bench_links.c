/*
** bench_links: the cost of linking by meaning (link.h), per shipped scenario.
**
**   bench_links [--reps N] [--cpu] SCENARIO.yaml SET.tsv ...   (pairs; run with SALESIM_DATA=engine)
**
** --cpu times with the thread's CPU clock instead of the wall clock: on a loaded machine the
** wall clock's p99 is preemption, not the code.
**
** For each scenario: the time to build its link index (lnk_new, median of N builds), the time
** lnk_link adds to a line (p50 and p99 over N passes of its paraphrase set), and a whole reading
** with links (cls_classify, p50 and p99).  Prints one Markdown table row per scenario; with
** BENCH_SLOWEST set, the slowest line of each on stderr (to tell a slow line from preemption).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scncheck.h"
#include "classify.h"
#include "link.h"
#include "scenario.h"
#include "text.h"
#include "util.h"

static clockid_t clock_id = CLOCK_MONOTONIC;
static double now_us(void) {
  struct timespec t;
  clock_gettime(clock_id, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}
static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
static double pct(double *v, int n, double p) {
  qsort(v, (size_t)n, sizeof *v, cmp_d);
  int i = (int)(p * (n - 1) + 0.5);
  return n ? v[i] : 0;
}

int main(int argc, char **argv) {
  int reps = 50, i = 1;
  if (i + 1 < argc && strcmp(argv[i], "--reps") == 0) { reps = atoi(argv[i + 1]); i += 2; }
  if (i < argc && strcmp(argv[i], "--cpu") == 0) { clock_id = CLOCK_THREAD_CPUTIME_ID; i++; }
  if (reps < 1 || (argc - i) % 2 || argc - i == 0) {
    fprintf(stderr, "usage: bench_links [--reps N] [--cpu] SCENARIO.yaml SET.tsv ...\n");
    return 2;
  }
  printf("| scenario | texts | build index, median (µs) | links per line p50 / p99 (µs) | whole reading p50 / p99 (µs) |\n");
  printf("|---|---|---|---|---|\n");
  for (; i + 1 < argc; i += 2) {
    diag d;
    diag_init(&d);
    scenario *sc = scc_load(argv[i], &d);
    cls_classifier *c = sc ? cls_new(NULL, sc, &d) : NULL;
    if (!c || !cls_links(c)) { diag_print(&d, stderr); fprintf(stderr, "%s: no links\n", argv[i]); return 2; }
    diag_free(&d);
    int texts = 0;
    for (int k = 0; k < sc->n_needs; k++) texts += sc->needs[k].examples.n + 2;
    for (int k = 0; k < sc->n_benefits; k++) texts += sc->benefits[k].examples.n + 1;
    for (int k = 0; k < sc->n_objections; k++) texts += sc->objections[k].examples.n + 2;
    for (int k = 0; k < sc->n_commitments; k++) texts += sc->commitments[k].examples.n + 2;
    double *build = xmalloc(sizeof *build * (size_t)reps);
    for (int r = 0; r < reps; r++) {
      double t0 = now_us();
      lnk_index *x = lnk_new(sc, cls_stemmer(c));
      build[r] = now_us() - t0;
      lnk_free(x);
    }
    FILE *f = fopen(argv[i + 1], "r");
    if (!f) { perror(argv[i + 1]); return 2; }
    char buf[4096], **lines = NULL;
    int n = 0;
    while (fgets(buf, sizeof buf, f)) {
      if (buf[0] == '#' || buf[0] == '\n') continue;
      buf[strcspn(buf, "\t\r\n")] = 0;
      lines = xrealloc(lines, sizeof *lines * (size_t)(n + 1));
      lines[n++] = txt_normalize(buf, strlen(buf), NULL);
    }
    fclose(f);
    double *lk = xmalloc(sizeof *lk * (size_t)(n * reps)), *whole = xmalloc(sizeof *whole * (size_t)(n * reps));
    lnk_hit h[16];
    for (int r = 0; r < reps; r++)
      for (int k = 0; k < n; k++) {
        double t0 = now_us();
        lnk_link(cls_links(c), cls_stemmer(c), lines[k], strlen(lines[k]), 15u, h, 16);
        lk[r * n + k] = now_us() - t0;
        cls_result res;
        t0 = now_us();
        cls_classify(c, lines[k], strlen(lines[k]), &res);
        whole[r * n + k] = now_us() - t0;
        cls_result_free(&res);
      }
    if (getenv("BENCH_SLOWEST")) {   /* which line the tail is */
      int worst = 0;
      for (int k = 0; k < n * reps; k++) if (whole[k] > whole[worst]) worst = k;
      double lworst = 0;
      for (int k = 0; k < n * reps; k++) if (lk[k] > lworst) lworst = lk[k];
      fprintf(stderr, "%s: slowest reading %.0f us: %s (slowest links %.0f us)\n", sc->id, whole[worst], lines[worst % n], lworst);
    }
    printf("| %s | %d | %.0f | %.1f / %.1f | %.1f / %.1f |\n", sc->id, texts, pct(build, reps, 0.5),
           pct(lk, n * reps, 0.5), pct(lk, n * reps, 0.99), pct(whole, n * reps, 0.5), pct(whole, n * reps, 0.99));
    for (int k = 0; k < n; k++) free(lines[k]);
    free(lines); free(lk); free(whole); free(build);
    cls_free(c);
    scn_free(sc);
  }
  return 0;
}
