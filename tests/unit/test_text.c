/* test_text.c: sanitising, normalisation and display width of typed text. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "safe.h"
#include "text.h"

/* Normalises a NUL-terminated string and compares with the expected result. */
static void expect_norm(const char *in, const char *want) {
  size_t n;
  char *out = txt_normalize(in, strlen(in), &n);
  assert_string_equal(out, want);
  assert_int_equal(n, strlen(want));
  free(out);
}

static void expect_sane(const char *in, size_t len, const char *want) {
  char *out = txt_sanitize(in, len, NULL);
  assert_string_equal(out, want);
  free(out);
}

static void test_fullwidth_and_case(void **st) {
  (void)st;
  expect_norm("ＣＯＵＬＤ ＹＯＵ？", "could you?");
  expect_norm("ＩＴ主管", "it主管");
  expect_norm("３月８号", "3月8号");
  expect_norm("Hello World", "hello world");
  expect_norm("ÉCOLE", "ecole");          /* a Latin letter's accents go: "tomas" is Tomás */
  expect_norm("Tomás, Zoë, Müller, señor", "tomas, zoe, muller, senor");
  expect_norm("Straße, Ærø", "strasse, ærø");  /* ß folds to ss; æ, ø have no plain letter: kept */
}

static void test_cjk_punctuation(void **st) {
  (void)st;
  expect_norm("您好，王处长。还有什么吗？", "您好,王处长.还有什么吗?");
  expect_norm("签到、请假；通知！", "签到,请假;通知!");
  expect_norm("“好的”", "\"好的\"");
  expect_norm("don’t", "don't");
  expect_norm("下周三：下午", "下周三:下午");
}

static void test_spaces(void **st) {
  (void)st;
  expect_norm("  could   you\t bring  ", "could you bring");
  expect_norm("下周三 下午 三点", "下周三下午三点");
  expect_norm("IT 主管", "it主管");
  expect_norm("王处长　下周", "王处长下周");        /* ideographic space */
  expect_norm("", "");
  expect_norm("   ", "");
  expect_norm("a\xe2\x80\x8b" "b", "ab");            /* zero-width space is ignorable */
}

static void test_sanitize_controls(void **st) {
  (void)st;
  expect_sane("a\tb\nc\rd", 7, "a b c d");
  expect_sane("\x1b[31mred", 8, "\xef\xbf\xbd[31mred");            /* ESC never passes */
  expect_sane("x\x7fy", 3, "x\xef\xbf\xbdy");
  expect_sane("x\xc2\x9by", 4, "x\xef\xbf\xbdy");                    /* C1 CSI */
  expect_sane("a\xe2\x80\xae" "b", 5, "a\xef\xbf\xbd" "b");         /* bidi override */
  expect_sane("a\0b", 3, "a\xef\xbf\xbd" "b");                       /* NUL inside */
}

static void test_invalid_utf8(void **st) {
  (void)st;
  expect_sane("\xff\xfe", 2, "\xef\xbf\xbd\xef\xbf\xbd");
  expect_sane("\xe4\xb8", 2, "\xef\xbf\xbd\xef\xbf\xbd");          /* truncated 中 */
  expect_sane("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd");          /* overlong / */
  expect_sane("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  /* surrogate */
  expect_sane("\xf4\x90\x80\x80", 4, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  expect_sane("中文", 6, "中文");
  expect_norm("ok\xff" "fine", "ok\xef\xbf\xbd" "fine");
  size_t adv;
  assert_int_equal(txt_decode("\xe4\xb8\xad", 3, &adv), 0x4E2D);
  assert_int_equal(adv, 3);
  assert_int_equal(txt_decode("\xe4\xb8", 2, &adv), -1);
  assert_int_equal(adv, 1);
}

/* Every byte value, and random byte strings, must come back as valid UTF-8 without crashing. */
static void test_never_crash(void **st) {
  (void)st;
  char buf[512];
  unsigned x = 12345;
  for (int round = 0; round < 2000; round++) {
    size_t len = (size_t)(round % 200);
    for (size_t i = 0; i < len; i++) { x = x * 1103515245u + 12345u; buf[i] = (char)(x >> 16); }
    size_t n;
    char *a = txt_sanitize(buf, len, &n);
    char *b = txt_normalize(buf, len, NULL);
    for (size_t i = 0; i < n;) { size_t adv; assert_true(txt_decode(a + i, n - i, &adv) >= 0); i += adv; }
    assert_true(txt_width(a) >= 0);
    free(a);
    free(b);
  }
}

static void test_width(void **st) {
  (void)st;
  assert_int_equal(txt_width("abc"), 3);
  assert_int_equal(txt_width("中文"), 4);
  assert_int_equal(txt_width("王处长: ok"), 10);
  assert_int_equal(txt_width("ＡＢ"), 4);
  assert_int_equal(txt_width("e\xcc\x81"), 1);     /* e + combining acute */
  assert_int_equal(txt_width(""), 0);
  assert_int_equal(txt_fit("中文abc", 9, 3), 3);     /* 中 fits, 文 would make 4 */
  assert_int_equal(txt_fit("中文abc", 9, 5), 7);
  assert_int_equal(txt_fit("abc", 3, 10), 3);
}

static void test_cjk(void **st) {
  (void)st;
  assert_true(txt_has_cjk("please 看一下"));
  assert_false(txt_has_cjk("could you bring your IT head?"));
  assert_true(txt_is_cjk(0x4E2D));
  assert_false(txt_is_cjk('A'));
}

/* Literal (|) prose: soft line breaks joined, paragraphs and list items kept. */
static void test_join_lines(void **st) {
  (void)st;
  char *s = txt_join_lines("First line\ngoes on.\n\n- an item\n- another\n  indented\n1. one\nend\n");
  assert_string_equal(s, "First line goes on.\n\n- an item\n- another\n  indented\n1. one end\n");
  free(s);
  s = txt_join_lines("说\"有点意思\",\n留了名片,\nand English\n中文");
  assert_string_equal(s, "说\"有点意思\",留了名片, and English中文");   /* ASCII , then a Latin word: a space */
  free(s);
  s = txt_join_lines("");
  assert_string_equal(s, "");
  free(s);
  s = txt_join_lines("one line\n");
  assert_string_equal(s, "one line\n");
  free(s);
}

/* utf8proc_map with txt_normalize's flags, for comparison with its shortcut. */
static char *utf8proc_norm(const char *s, size_t len) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                    UTF8PROC_CASEFOLD | UTF8PROC_LUMP | UTF8PROC_IGNORE);
  assert_true(n >= 0);
  return (char *)out;
}

/* txt_map_simple maps every code point it takes exactly as utf8proc does, alone and in a mixed
** line, none of them has a combining class (so none reorders or composes with a neighbour:
** every canonical composition's second half has one, or is Hangul or a vowel sign, none of
** them in the set), and it refuses everything else. */
static void test_map_simple_is_utf8proc(void **st) {
  (void)st;
  static const int32_t ranges[][2] = { { 0x20, 0x7E }, { 0x4E00, 0x9FFF }, { 0x3001, 0x3002 }, { 0xFF01, 0xFF5E } };
  int checked = 0;
  for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
    for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
      utf8proc_uint8_t in[4];
      size_t n = (size_t)utf8proc_encode_char(cp, in);
      size_t got_len = 0;
      char *got = txt_map_simple((const char *)in, n, &got_len);
      char *want = utf8proc_norm((const char *)in, n);
      assert_non_null(got);
      assert_string_equal(got, want);
      assert_int_equal(got_len, strlen(want));
      assert_int_equal(utf8proc_get_property(cp)->combining_class, 0);
      free(got);
      free(want);
      checked++;
    }
  assert_int_equal(checked, 95 + 0x5200 + 2 + 94);
  const char *mixed = "ＩＴ主管 Could you 下周三、下午？ Ok。A1";
  size_t got_len = 0;
  char *got = txt_map_simple(mixed, strlen(mixed), &got_len);
  char *want = utf8proc_norm(mixed, strlen(mixed));
  assert_non_null(got);
  assert_string_equal(got, want);
  free(got);
  free(want);
  const char *refused[] = { "tab\there", "école", "　", "“quoted”", "가", "\xe4\xb8", "a\xcc\x81" };
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
    assert_null(txt_map_simple(refused[i], strlen(refused[i]), &got_len));
}

/* safe_is_clean's fast paths for two- and three-byte sequences agree with the decoder on
** every sequence of up to three bytes that starts with a lead byte they take (and what follows
** it: a sequence cut short, a stray byte after). */
static int clean_by_decoder(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t adv;
    int32_t cp = txt_decode(s + i, len - i, &adv);
    if (cp < 0 || (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
        (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
      return 0;
    i += adv;
  }
  return 1;
}

static void test_safe_is_clean_fast_paths(void **state) {
  (void)state;
  char b[4];
  for (unsigned c0 = 0xC0; c0 <= 0xEF; c0++)
    for (unsigned c1 = 0; c1 < 256; c1++)
      for (unsigned c2 = 0; c2 < 256; c2++) {
        b[0] = (char)c0; b[1] = (char)c1; b[2] = (char)c2; b[3] = 'a';
        for (size_t len = 2; len <= 4; len++)
          if (safe_is_clean(b, len) != clean_by_decoder(b, len))
            fail_msg("%02X %02X %02X (%zu bytes): fast %d, decoder %d", c0, c1, c2, len, safe_is_clean(b, len),
                     clean_by_decoder(b, len));
      }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fullwidth_and_case),
    cmocka_unit_test(test_cjk_punctuation),
    cmocka_unit_test(test_spaces),
    cmocka_unit_test(test_sanitize_controls),
    cmocka_unit_test(test_safe_is_clean_fast_paths),
    cmocka_unit_test(test_invalid_utf8),
    cmocka_unit_test(test_never_crash),
    cmocka_unit_test(test_width),
    cmocka_unit_test(test_cjk),
    cmocka_unit_test(test_join_lines),
    cmocka_unit_test(test_map_simple_is_utf8proc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
