/*
** test_suggest.c: the "did you mean" distance and choice (suggest.h).
*/
#include "testutil.h"
#include <stdlib.h>
#include "suggest.h"

static void distance(void **st) {
  (void)st;
  assert_int_equal(sug_distance("play", "play"), 0);
  assert_int_equal(sug_distance("plya", "play"), 1);       /* a swap counts one */
  assert_int_equal(sug_distance("patince", "patience"), 1);
  assert_int_equal(sug_distance("", "abc"), 3);
  assert_int_equal(sug_distance("kitten", "sitting"), 3);
}

static void nearest(void **st) {
  (void)st;
  static const char *const cmds[] = { "play", "check", "test", "classify", "report", "replay", "list" };
  assert_string_equal(sug_nearest("plya", cmds, 7), "play");
  assert_string_equal(sug_nearest("chekc", cmds, 7), "check");
  assert_string_equal(sug_nearest("repaly", cmds, 7), "replay");
  assert_null(sug_nearest("frobnicate", cmds, 7));
  assert_null(sug_nearest("play", cmds, 7));               /* the word itself is no suggestion */
  assert_null(sug_nearest("xy", cmds, 7));
  static const char *const with_null[] = { NULL, "--seed" };
  assert_string_equal(sug_nearest("--sed", with_null, 2), "--seed");
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(distance), cmocka_unit_test(nearest) };
  return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
