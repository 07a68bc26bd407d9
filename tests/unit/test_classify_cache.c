/* Unit tests for the readings kept by line (classify_cache.h): a copy reads as its original and
** is its own; a changed field is told apart; and every line of the written tests and of 120
** random walks of every shipped scenario, read both ways (afresh, and from the reading kept for
** its bytes), reads the same. */
#include "testutil.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include "classify.h"
#include "classify_cache.h"
#include "classify_int.h"   /* cls_match_push_packed */
#include "scncheck.h"
#include "testplan.h"
#include "util.h"
#include "walk.h"

/* A shipped scenario by its file name under scenarios/. */
static scenario *load(const char *name) {
  char *path = xasprintf("scenarios/%s", name);
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  diag_print(&d, stderr);
  diag_free(&d);
  free(path);
  assert_non_null(sc);
  return sc;
}

static void copy_reads_the_same(void **state) {
  (void)state;
  scenario *sc = load("payment-collection.yaml");
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(sc->language, sc, &d);
  assert_non_null(c);
  static const char *const lines[] = { "您好", "今天您先转两万四,剩下的30号前结清可以吗?", "", "\x01\xff" };
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    cls_result a, b;
    cls_classify(c, lines[i], strlen(lines[i]), &a);
    cls_result_copy(&b, &a);
    assert_true(cls_result_same(&a, &b));
    assert_true(b.text != a.text && b.clauses == NULL);
    assert_true(b.n_matches == 0 || b.matches != a.matches);
    /* a copy grows as a reading does (cls_match_push) and is freed as one */
    cls_match_push_packed(&b, "time", "rule:test", "test:1", 0, 0);
    assert_false(cls_result_same(&a, &b));
    cls_result_free(&b);
    cls_result_copy(&b, &a);
    b.moves ^= 1;
    assert_false(cls_result_same(&a, &b));
    b.moves ^= 1;
    if (b.n_matches) {
      b.matches[0].end++;
      assert_false(cls_result_same(&a, &b));
    }
    cls_result_free(&b);
    cls_result_free(&a);
  }
  cls_free(c);
  diag_free(&d);
  scn_free(sc);
}

/* The cache keeps the reading of each line's bytes: the same text with other bytes is read on
** its own, and a line read again is answered from the cache. */
static void cache_answers_by_bytes(void **state) {
  (void)state;
  scenario *sc = load("it-trial.yaml");
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(sc->language, sc, &d);
  assert_non_null(c);
  cls_cache *k = cls_cache_new(c, 0);
  assert_ptr_equal(cls_cache_classifier(k), c);
  static const char *const lines[] = { "Could we book the pilot for next Tuesday?", "hello.", "hello?",
                                       "Could we book the pilot for next Tuesday?", "hello.", "hello" };
  long hits, reads, differed;
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    cls_result kept, fresh;
    cls_cache_classify(k, lines[i], strlen(lines[i]), &kept);
    cls_classify(c, lines[i], strlen(lines[i]), &fresh);
    assert_true(cls_result_same(&kept, &fresh));
    cls_result_free(&kept);
    cls_result_free(&fresh);
  }
  /* "hello" and "hello." differ by a byte: two lines, not one */
  cls_cache_stats(k, &hits, &reads, &differed);
  assert_int_equal(reads, 6);
  assert_int_equal(hits, 2);
  assert_int_equal(differed, 0);
  cls_cache_free(k);
  cls_free(c);
  diag_free(&d);
  scn_free(sc);
}

/* Purity: with check_reader, each walked line answered from the cache is read afresh too and the
** two readings compared field by field (cls_result_same); none may differ, and the lines must
** repeat often enough that the comparison was made. */
static void walked_lines_read_the_same(void **state) {
  (void)state;
  DIR *dir = opendir("scenarios");
  assert_non_null(dir);
  struct dirent *e;
  int scenarios = 0;
  long hits = 0, reads = 0;
  while ((e = readdir(dir))) {
    size_t len = strlen(e->d_name);
    if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0) continue;
    scenario *sc = load(e->d_name);
    for (uint64_t seed = 7; seed <= 8; seed++) {
      walk_options o = { .walks = 60, .seed = seed, .check_reader = 1 };
      walk_stats st;
      diag d;
      diag_init(&d);
      assert_int_equal(walk_scenario(sc, &o, &d, &st), 0);
      diag_free(&d);
      if (st.read_differed) fprintf(stderr, "%s seed %d: %ld readings differ\n", sc->id, (int)seed, st.read_differed);
      assert_int_equal(st.read_differed, 0);
      assert_int_equal(st.reads, st.turns);
      hits += st.read_hits;
      reads += st.reads;
    }
    scenarios++;
    scn_free(sc);
  }
  closedir(dir);
  assert_true(scenarios >= 5);
  assert_true(reads > 5000 && hits > reads / 20);
}

/* The same for the written tests, which share a reader per scenario (`salesim test`): their
** opening lines come back from test to test. */
static void test_lines_read_the_same(void **state) {
  (void)state;
  DIR *dir = opendir("scenarios");
  assert_non_null(dir);
  struct dirent *e;
  long hits = 0, reads = 0;
  FILE *out = fopen("/dev/null", "w");
  assert_non_null(out);
  while ((e = readdir(dir))) {
    size_t len = strlen(e->d_name);
    if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0) continue;
    scenario *sc = load(e->d_name);
    diag d;
    diag_init(&d);
    cls_classifier *c = cls_new(sc->language, sc, &d);
    assert_non_null(c);
    cls_cache *k = cls_cache_new(c, 1);
    tp_options o = { .classifier = c, .reader = k };
    tp_counts n = {0};
    tp_run_scenario(sc, &o, out, &n);
    assert_int_equal(n.failed, 0);
    long h, r, differed;
    cls_cache_stats(k, &h, &r, &differed);
    if (differed) fprintf(stderr, "%s: %ld readings differ\n", sc->id, differed);
    assert_int_equal(differed, 0);
    hits += h;
    reads += r;
    cls_cache_free(k);
    cls_free(c);
    diag_free(&d);
    scn_free(sc);
  }
  fclose(out);
  closedir(dir);
  assert_true(reads > 500 && hits > reads / 10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(copy_reads_the_same),
    cmocka_unit_test(cache_answers_by_bytes),
    cmocka_unit_test(walked_lines_read_the_same),
    cmocka_unit_test(test_lines_read_the_same),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
