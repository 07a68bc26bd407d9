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

/* Names are compared by code point: a CJK character is three bytes, an accented letter two
** (play-test 31: "李那" got no suggestion of "李娜"). */
static void code_points(void **st) {
  (void)st;
  assert_int_equal(sug_distance("李那", "李娜"), 1);       /* by bytes: 3 */
  assert_int_equal(sug_distance("Zoe", "Zoë"), 1);         /* by bytes: 2 */
  assert_int_equal(sug_distance("娜李", "李娜"), 1);       /* a swap of two characters */
  assert_int_equal(sug_distance("\xff", "a"), 1);          /* a stray byte is one unit */
  static const char *const names[] = { "王芳", "李娜", "Zoë Martin", "Zoë" };
  assert_string_equal(sug_nearest("李那", names, 4), "李娜");
  assert_string_equal(sug_nearest("Zoe", names, 4), "Zoë");          /* three code points: limit 1 */
  assert_string_equal(sug_nearest("Zoe Martin", names, 4), "Zoë Martin");
  assert_null(sug_nearest("张伟", names, 4));                         /* two characters apart */
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(distance), cmocka_unit_test(nearest),
                                      cmocka_unit_test(code_points) };
  return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
