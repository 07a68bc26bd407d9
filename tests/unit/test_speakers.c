/*
** test_speakers.c: who says which part of a line at a table of several people (speakers.h):
** the names a customer answers to, and a line of two people cut into one piece each (play
** and replay show each on its own line, play-test 5 problem 20).
*/
#include "testutil.h"
#include <stdlib.h>
#include "speakers.h"

/* The pieces of text as "a|b|c". */
static char *pieces(const char *name, const char *text) {
  size_t at[SPK_MAX_PEOPLE], len[SPK_MAX_PEOPLE];
  int n = spk_split(name, text, at, len, SPK_MAX_PEOPLE);
  static char buf[512];
  buf[0] = '\0';
  for (int i = 0; i < n; i++) {
    if (i) strcat(buf, "|");
    strncat(buf, text + at[i], len[i]);
  }
  return buf;
}

static void people(void **st) {
  (void)st;
  char *out[SPK_MAX_PEOPLE];
  assert_int_equal(spk_people("Grace Liu and Martin Hale", out, SPK_MAX_PEOPLE), 2);
  assert_string_equal(out[0], "Grace");
  assert_string_equal(out[1], "Martin");
  free(out[0]);
  free(out[1]);
  assert_int_equal(spk_people("王主任和李处长", out, SPK_MAX_PEOPLE), 2);
  assert_string_equal(out[1], "李处长");
  free(out[0]);
  free(out[1]);
  assert_int_equal(spk_people("Helen Park", out, SPK_MAX_PEOPLE), 0);   /* one customer */
  assert_int_equal(spk_people(NULL, out, SPK_MAX_PEOPLE), 0);
}

static void split(void **st) {
  (void)st;
  const char *gm = "Grace Liu and Martin Hale";
  assert_string_equal(pieces(gm, "Grace: Thanks for coming. This is Martin, he looks after finance. "
                                 "Martin: Hello. I'm mostly here to listen."),
                      "Grace: Thanks for coming. This is Martin, he looks after finance.|"
                      "Martin: Hello. I'm mostly here to listen.");
  /* a name inside the words, without a colon, is no new speaker */
  assert_string_equal(pieces(gm, "Grace: Martin and I agree."), "Grace: Martin and I agree.");
  /* one person's line, and a line that names nobody first, stay whole */
  assert_string_equal(pieces(gm, "Martin: Noted."), "Martin: Noted.");
  assert_string_equal(pieces(gm, "Thanks. Martin: hi"), "Thanks. Martin: hi");
  assert_string_equal(pieces("Helen Park", "Helen: Grace: x"), "Helen: Grace: x");
  assert_string_equal(pieces("王主任和李处长", "王主任：好。李处长：我也同意。"), "王主任：好。|李处长：我也同意。");
  assert_int_equal(spk_speaker(gm, "martin: ok"), 1);
  assert_int_equal(spk_speaker(gm, "Hello"), -1);
  assert_int_equal(spk_speaker("Helen Park", "Helen: hi"), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(people), cmocka_unit_test(split) };
  return cmocka_run_group_tests_name("speakers", tests, NULL, NULL);
}
