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

/* Whom a trainee's line is for: each person it names, anywhere and in any case; all of them for
** "both of you" / "两位"; nobody with one customer (the customer and the scorer read it alike). */
static void addressed(void **st) {
  (void)st;
  char *gm[SPK_MAX_PEOPLE], *zh[SPK_MAX_PEOPLE];
  int n = spk_people("Grace Liu and Martin Hale", gm, SPK_MAX_PEOPLE);
  assert_int_equal(spk_addressed(gm, n, "Grace, what goes wrong on the floor?"), 1u);
  assert_int_equal(spk_addressed(gm, n, "So that's the payback, martin?"), 2u);
  assert_int_equal(spk_addressed(gm, n, "Grace, what would Martin need to see?"), 3u);
  assert_int_equal(spk_addressed(gm, n, "What would each of you need?"), 3u);
  assert_int_equal(spk_addressed(gm, n, "What goes wrong on the floor?"), 0u);
  assert_int_equal(spk_addressed(gm, 1, "Grace?"), 0u);
  assert_int_equal(spk_addressed(gm, n, NULL), 0u);
  int k = spk_people("王主任和李处长", zh, SPK_MAX_PEOPLE);
  assert_int_equal(spk_addressed(zh, k, "李处长，您这边怎么看？"), 2u);
  assert_int_equal(spk_addressed(zh, k, "两位看这样行吗？"), 3u);
  for (int i = 0; i < n; i++) free(gm[i]);
  for (int i = 0; i < k; i++) free(zh[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(people), cmocka_unit_test(split),
                                      cmocka_unit_test(addressed) };
  return cmocka_run_group_tests_name("speakers", tests, NULL, NULL);
}
