/*
** bench_classify: per-line classification time as a lexicon grows.
**
**   bench_classify [--reps N] [SIZE...]        (default sizes: 100 1000 10000 100000)
**   bench_classify --latency [--reps N]        per-line p50/p99/max over the whole corpus
**
** For each size, a scenario lexicon of SIZE generated phrases (Chinese and English, 2-6
** characters or 1-3 words) is added to the shipped lexicon, and every line of the development
** sets (engine/corpus/{zh,en}/legacy.tsv) is classified N times.  Prints a Markdown table: the
** time to build the classifier and the mean time per line.  Run from the repository root with
** SALESIM_DATA=engine.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "classify.h"
#include "text.h"
#include "util.h"

typedef struct lines { char **v; int n; } lines;

/* The text column of a development set. */
static lines read_lines(const char *path) {
  lines L = {0};
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(2); }
  char *buf = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&buf, &cap, f)) >= 0) {
    if (n == 0 || buf[0] == '#' || buf[0] == '\n') continue;
    char *tab = strchr(buf, '\t');
    if (tab) *tab = 0;
    L.v = xrealloc(L.v, (size_t)(L.n + 1) * sizeof *L.v);
    L.v[L.n++] = xstrdup(buf);
  }
  free(buf);
  fclose(f);
  return L;
}

static unsigned rng = 2026;
static unsigned next(void) { rng = rng * 1103515245u + 12345u; return (rng >> 16) & 0x7fff; }

/* One generated phrase: CJK from the common block, or English-like words. */
static char *gen_phrase(int zh) {
  strbuf b = {0};
  if (zh) {
    int len = 2 + (int)(next() % 5);
    for (int i = 0; i < len; i++) {
      unsigned cp = 0x4E00 + next() % 2000;
      char u[4] = { (char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)), (char)(0x80 | (cp & 0x3F)), 0 };
      sb_puts(&b, u);
    }
  } else {
    int words = 1 + (int)(next() % 3);
    for (int w = 0; w < words; w++) {
      if (w) sb_putc(&b, ' ');
      int len = 3 + (int)(next() % 6);
      for (int i = 0; i < len; i++) sb_putc(&b, (char)('a' + next() % 26));
    }
  }
  return sb_take(&b);
}

/* A scenario holding only a lexicon entry of n generated phrases. */
static scenario *gen_scenario(int n, int zh) {
  scenario *s = xcalloc(1, sizeof *s);
  s->file = xstrdup("generated.yaml");
  s->n_lexicon = 1;
  s->lexicon = xcalloc(1, sizeof *s->lexicon);
  s->lexicon[0].name = xstrdup("present_feature");
  s->lexicon[0].phrases.n = n;
  s->lexicon[0].phrases.v = xcalloc((size_t)n, sizeof(char *));
  for (int i = 0; i < n; i++) s->lexicon[0].phrases.v[i] = gen_phrase(zh);
  return s;
}

static void free_scenario(scenario *s) {
  for (int i = 0; i < s->lexicon[0].phrases.n; i++) free(s->lexicon[0].phrases.v[i]);
  free(s->lexicon[0].phrases.v);
  free(s->lexicon[0].name);
  free(s->lexicon);
  free(s->file);
  free(s);
}

/* Mean microseconds per line over reps passes; *build_ms gets the build time. */
static double measure(const char *lang, const lines *L, int size, int reps, double *build_ms, double *hits) {
  scenario *s = gen_scenario(size, strcmp(lang, "zh") == 0);
  diag d;
  diag_init(&d);
  double t0 = util_monotonic();
  cls_classifier *c = cls_new(lang, s, &d);
  double t1 = util_monotonic();
  if (!c) { diag_print(&d, stderr); exit(2); }
  diag_free(&d);
  *build_ms = (t1 - t0) * 1000.0;
  long nm = 0;
  double t2 = util_monotonic();
  for (int r = 0; r < reps; r++)
    for (int i = 0; i < L->n; i++) {
      cls_result res;
      cls_classify(c, L->v[i], strlen(L->v[i]), &res);
      nm += res.n_matches;
      cls_result_free(&res);
    }
  double t3 = util_monotonic();
  *hits = (double)nm / ((double)reps * L->n);
  cls_free(c);
  free_scenario(s);
  return (t3 - t2) * 1e6 / ((double)reps * L->n);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* CPU time of this thread, in seconds: the figure a busy shared machine does not distort. */
static double thread_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every line of engine/corpus/LANG/ (the whole reader: front end, rules, model), one call at a
** time: p50, p99 and the slowest line, in microseconds of CPU time. */
static void latency(const char *lang, int reps) {
  char path[256];
  lines all = {0};
  static const char *const files[] = { "a_01", "a_02", "a_03", "a_04", "a_05", "a_06", "a_07", "a_08",
                                       "b_01", "b_02", "b_03", "b_04", "b_05", "b_06", "b_07", "b_08", "legacy" };
  for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
    snprintf(path, sizeof path, "engine/corpus/%s/%s.tsv", lang, files[k]);
    lines L = read_lines(path);
    all.v = xrealloc(all.v, (size_t)(all.n + L.n) * sizeof *all.v);
    memcpy(all.v + all.n, L.v, (size_t)L.n * sizeof *L.v);
    all.n += L.n;
    free(L.v);
  }
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(lang, NULL, &d);
  if (!c) { diag_print(&d, stderr); exit(2); }
  diag_free(&d);
  size_t n = (size_t)all.n * (size_t)reps, k = 0;
  double *t = xmalloc(n * sizeof *t);
  for (int r = 0; r < reps; r++)
    for (int i = 0; i < all.n; i++) {
      cls_result res;
      double t0 = thread_cpu();
      cls_classify(c, all.v[i], strlen(all.v[i]), &res);
      t[k++] = (thread_cpu() - t0) * 1e6;
      cls_result_free(&res);
    }
  qsort(t, n, sizeof *t, cmp_double);
  printf("| %s | %d | %.1f | %.1f | %.1f |\n", lang, all.n, t[n / 2], t[n * 99 / 100], t[n - 1]);
  free(t);
  cls_free(c);
  for (int i = 0; i < all.n; i++) free(all.v[i]);
  free(all.v);
}

int main(int argc, char **argv) {
  int reps = 20;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--latency") == 0) {
      for (int j = 1; j < argc; j++) if (strcmp(argv[j], "--reps") == 0 && j + 1 < argc) reps = atoi(argv[j + 1]);
      printf("| language | corpus lines | p50 (µs CPU) | p99 (µs CPU) | slowest (µs CPU) |\n|---|---:|---:|---:|---:|\n");
      latency("zh", reps);
      latency("en", reps);
      return 0;
    }
  int sizes[16], ns = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) reps = atoi(argv[++i]);
    else if (ns < 16) sizes[ns++] = atoi(argv[i]);
  }
  if (ns == 0) { sizes[0] = 100; sizes[1] = 1000; sizes[2] = 10000; sizes[3] = 100000; ns = 4; }
  lines zh = read_lines("engine/corpus/zh/legacy.tsv"), en = read_lines("engine/corpus/en/legacy.tsv");
  printf("| phrases added | zh: build (ms) | zh: µs per line | en: build (ms) | en: µs per line | matches per line (zh/en) |\n");
  printf("|---:|---:|---:|---:|---:|---:|\n");
  for (int k = 0; k < ns; k++) {
    double bz, be, hz, he;
    double uz = measure("zh", &zh, sizes[k], reps, &bz, &hz);
    double ue = measure("en", &en, sizes[k], reps, &be, &he);
    printf("| %d | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f |\n", sizes[k], bz, uz, be, ue, hz, he);
  }
  printf("\n%d Chinese and %d English development-set lines, each classified %d times per size.\n", zh.n, en.n, reps);
  for (int i = 0; i < zh.n; i++) free(zh.v[i]);
  for (int i = 0; i < en.n; i++) free(en.v[i]);
  free(zh.v);
  free(en.v);
  return 0;
}
