/* Unit tests for the pieces of `salesim test` that need no customer: score bands as a report
** shows them, and the random-walk line generator (repeatable from a seed, built from the
** scenario's own vocabulary). */
#include "scncheck.h"
#include "testutil.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "scenario.h"
#include "testplan.h"
#include "util.h"
#include "walk.h"

static void band_text(void **state) {
  (void)state;
  char buf[64];
  scn_band b;
  assert_int_equal(scn_parse_band(">= 80", &b), 0);
  tp_band_text(&b, buf, sizeof buf);
  assert_true(strcmp(buf, ">= 80") == 0 || strcmp(buf, "80..100") == 0);
  assert_true(tp_band_holds(&b, 80));
  assert_true(tp_band_holds(&b, 100));
  assert_false(tp_band_holds(&b, 79.5));
  assert_int_equal(scn_parse_band("40..70", &b), 0);
  tp_band_text(&b, buf, sizeof buf);
  assert_string_equal(buf, "40..70");
  assert_true(tp_band_holds(&b, 40));
  assert_true(tp_band_holds(&b, 70));
  assert_false(tp_band_holds(&b, 70.5));
  scn_band eq = { 75, 75 };
  tp_band_text(&eq, buf, sizeof buf);
  assert_string_equal(buf, "= 75");
  scn_band upto = { -INFINITY, 40 };
  tp_band_text(&upto, buf, sizeof buf);
  assert_string_equal(buf, "<= 40");
}

static const char scenario_text[] =
  "id: walk-unit\n"
  "title: Walk unit\n"
  "language: en\n"
  "difficulty: 1\n"
  "brief: A short visit.\n"
  "customer: { name: Kim }\n"
  "needs:\n"
  "  - id: speed\n"
  "    said: Everything takes too long.\n"
  "    keywords: [zorblax delay]\n"
  "commitments:\n"
  "  - id: demo\n"
  "    level: high\n"
  "    action: Kim comes to a demo\n"
  "    keywords: [quuxdemo]\n";

/* The scenario above, loaded from memory. */
static scenario *load(void) {
  diag d;
  diag_init(&d);
  scenario *sc = scc_load_string("walk-unit.yaml", scenario_text, sizeof scenario_text - 1, &d);
  diag_print(&d, stderr);
  diag_free(&d);
  assert_non_null(sc);
  return sc;
}

static void walk_lines_repeat(void **state) {
  (void)state;
  scenario *sc = load();
  walk_vocab *v = walk_vocab_new(sc);
  assert_true(walk_vocab_size(v) >= 2);
  uint64_t a = 42, b = 42;
  int saw_need = 0, saw_commit = 0;
  for (int i = 0; i < 200; i++) {
    char *x = walk_line(v, &a, i % 3 == 0 ? -1 : i % 16);
    char *y = walk_line(v, &b, i % 3 == 0 ? -1 : i % 16);
    assert_string_equal(x, y);            /* the same seed gives the same lines */
    assert_true(strlen(x) > 1);
    if (strstr(x, "zorblax delay")) saw_need = 1;
    if (strstr(x, "quuxdemo")) saw_commit = 1;
    free(x);
    free(y);
  }
  assert_true(saw_need);                  /* the scenario's own words reach the walks */
  assert_true(saw_commit);
  walk_vocab_free(v);
  scn_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(band_text),
    cmocka_unit_test(walk_lines_repeat),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
