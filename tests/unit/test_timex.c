/* test_timex.c: every time pattern, in both languages, with the span it yields (the rows are in
** tests/data/timex/rows.tsv); the prefilter changes nothing; arbitrary bytes. */
#include "testutil.h"
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "timex.h"
#include "util.h"

static tx_set *zh, *en;

static int setup(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  zh = tx_new("zh", &d);
  en = tx_new("en", &d);
  diag_free(&d);
  return zh && en ? 0 : -1;
}
static int teardown(void **st) { (void)st; tx_free(zh); tx_free(en); return 0; }

/* "span text [pattern,pattern]; ..." for every merged span of the normalised line. */
static char *render(tx_set *t, const char *line) {
  size_t n;
  char *norm = txt_normalize(line, strlen(line), &n);
  tx_hit *h;
  int spans;
  int k = tx_find(t, norm, n, &h, &spans);
  strbuf b = {0};
  sb_append(&b, "", 0);
  for (int i = 0; i < k;) {
    int j = i;
    while (j < k && h[j].span == h[i].span) j++;
    sb_printf(&b, "%s%.*s [", b.len ? "; " : "", (int)(h[j - 1].end - h[i].start), norm + h[i].start);
    for (int m = i; m < j; m++) sb_printf(&b, "%s%s", m > i ? "," : "", h[m].name);
    sb_putc(&b, ']');
    i = j;
  }
  free(h);
  free(norm);
  return sb_take(&b);
}

/* One row of tests/data/timex/rows.tsv: language, line, the spans it must yield. */
static void check_row(void *ctx, const char *file, int line_no, char **cols) {
  (void)ctx;
  tx_set *t = strcmp(cols[0], "zh") == 0 ? zh : strcmp(cols[0], "en") == 0 ? en : NULL;
  if (!t) print_error("%s:%d: no language %s\n", file, line_no, cols[0]);
  assert_non_null(t);
  if (!t) return;
  char *got = render(t, cols[1]);
  if (strcmp(got, cols[2]) != 0) print_error("%s:%d: line: %s\n", file, line_no, cols[1]);
  assert_string_equal(got, cols[2]);
  free(got);
}

/* Every time pattern in both languages with the span it yields, and lines that hold no time
** (counted nouns, durations of another kind): the rows of the data file. */
static void test_rows(void **st) {
  (void)st;
  int rows = tu_each_row("tests/data/timex/rows.tsv", 3, check_row, NULL);
  assert_true(rows >= 61);   /* the file as written: a lost row fails */
}

static void test_names_and_bytes(void **st) {
  (void)st;
  assert_true(tx_count(zh) >= 10);
  assert_string_equal(tx_name(zh, 0), "zh.relative_day");
  assert_null(tx_name(en, 999));
  /* arbitrary bytes never crash (after normalisation, as the classifier does) */
  unsigned x = 99;
  char buf[128];
  for (int r = 0; r < 500; r++) {
    for (int i = 0; i < 127; i++) { x = x * 1103515245u + 12345u; buf[i] = (char)(x >> 16); }
    char *norm = txt_normalize(buf, (size_t)(r % 127), NULL);
    char *a = render(zh, norm), *b = render(en, norm);
    free(a); free(b); free(norm);
  }
}

/* The lines of one corpus file through both ways of finding times; returns how many. */
static int compare_file(tx_set *t, const char *path) {
  char err[200];
  size_t len;
  char *buf = util_read_file(path, 1u << 24, &len, err, sizeof err);
  if (!buf) return 0;
  int lines = 0;
  for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
    if (*line == '#') continue;
    char *tab = strchr(line, '\t');
    if (tab) *tab = 0;
    tx_prefilter(t, 1);
    char *a = render(t, line);
    tx_prefilter(t, 0);
    char *b = render(t, line);
    tx_prefilter(t, 1);
    if (strcmp(a, b) != 0) print_error("%s: line: %s\n", path, line);
    assert_string_equal(a, b);
    free(a); free(b);
    lines++;
  }
  free(buf);
  return lines;
}

/* Skipping the patterns whose needed words a line lacks finds exactly what running them all
** finds: on every line of the corpus (engine/corpus/LANG/) and the must-read lines of both
** languages. */
static void test_prefilter_changes_nothing(void **st) {
  (void)st;
  static const char *const langs[] = { "zh", "en" };
  for (int l = 0; l < 2; l++) {
    tx_set *t = l == 0 ? zh : en;
    int lines = 0;
    char *dir = xasprintf("engine/corpus/%s", langs[l]);
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    for (struct dirent *e; (e = readdir(dp));) {
      size_t n = strlen(e->d_name);
      if (n < 5 || strcmp(e->d_name + n - 4, ".tsv") != 0) continue;
      char *path = xasprintf("%s/%s", dir, e->d_name);
      lines += compare_file(t, path);
      free(path);
    }
    closedir(dp);
    free(dir);
    char *must = xasprintf("tests/data/must_read_%s.tsv", langs[l]);
    lines += compare_file(t, must);
    free(must);
    assert_true(lines > 1000);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_rows),
    cmocka_unit_test(test_names_and_bytes),
    cmocka_unit_test(test_prefilter_changes_nothing),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
