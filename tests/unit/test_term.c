/* test_term.c: wrapping as the trainee sees it: CJK counted as two columns, closing punctuation
** kept with its character, no trailing blanks, runs of spaces kept, control bytes never sent raw,
** and colour off unless asked for. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "text.h"

static char *wrap(const char *prefix, int indent, const char *text) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  FILE *in = fopen("/dev/null", "r");
  term *t = term_open(in, 0, NULL);
  term_wrap(t, out, prefix, indent, text);
  term_close(t);
  fclose(in);
  fclose(out);
  return buf;
}

/* Every line fits in COLUMNS display columns and none ends in a space. */
static void assert_fits(const char *s, int cols) {
  const char *p = s;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    assert_true(txt_width_n(p, n) <= cols);
    if (n) assert_true(p[n - 1] != ' ');
    p += n + (e != NULL);
  }
}

static void cjk_wraps_by_width(void **state) {
  (void)state;
  setenv("COLUMNS", "20", 1);
  char *s = wrap("周处长: ", 2, "辅导员每天早上挨个班统计早读签到,一个学院光这个就要占掉两三个人的上午。");
  assert_fits(s, 20);
  assert_null(strstr(s, "\n,"));        /* the comma stays with the character before it */
  assert_null(strstr(s, "\n  ,"));
  assert_non_null(strstr(s, "\n  "));     /* continuation lines are indented */
  free(s);
}

static void english_wraps_at_spaces(void **state) {
  (void)state;
  setenv("COLUMNS", "24", 1);
  char *s = wrap("You> ", 2, "Could we start a two-week trial at the Reno warehouse next Tuesday?");
  assert_fits(s, 24);
  assert_string_equal(s, "You> Could we start a\n  two-week trial at the\n  Reno warehouse next\n  Tuesday?\n");
  free(s);
}

static void keeps_columns_and_lines(void **state) {
  (void)state;
  setenv("COLUMNS", "80", 1);
  char *s = wrap("", 0, "/help     this list\n/quit     end\n");
  assert_string_equal(s, "/help     this list\n/quit     end\n");  /* no blank line for the final \n */
  free(s);
}

static void never_sends_controls(void **state) {
  (void)state;
  setenv("COLUMNS", "80", 1);
  char *s = wrap("> ", 2, "red \033[31mtext\033]0;title\007 and \x01 bell");
  assert_null(strchr(s, '\033'));
  assert_null(strchr(s, '\007'));
  assert_null(strchr(s, '\x01'));
  free(s);
}

static void colour_only_when_asked(void **state) {
  (void)state;
  FILE *in = fopen("/dev/null", "r");
  term *t = term_open(in, 0, NULL);
  assert_string_equal(term_esc(t, TERM_C_BOLD), "");
  term_close(t);
  setenv("NO_COLOR", "1", 1);
  t = term_open(in, 1, NULL);            /* asked for, but NO_COLOR wins */
  assert_string_equal(term_esc(t, TERM_C_BOLD), "");
  term_close(t);
  unsetenv("NO_COLOR");
  t = term_open(in, 1, NULL);
  assert_string_equal(term_esc(t, TERM_C_BOLD), "\033[1m");
  term_close(t);
  fclose(in);
}

/* A coloured prefix wraps as a plain one: its escapes take no column (they once took 7). */
static void escapes_take_no_column(void **state) {
  (void)state;
  setenv("COLUMNS", "24", 1);
  const char *text = "Could we start a two-week trial at the Reno warehouse next Tuesday?";
  char *plain = wrap("Dana: ", 2, text);
  char *colour = wrap("\033[36mDana:\033[0m ", 2, text);
  /* the same text with the escapes taken out */
  char *w = colour;
  for (const char *r = colour; *r;) {
    if (*r == '\033') { r = strchr(r, 'm') + 1; continue; }
    *w++ = *r++;
  }
  *w = '\0';
  assert_string_equal(colour, plain);
  free(plain);
  free(colour);
  assert_int_equal(term_text_width("\033[36mDana:\033[0m "), 6);
  assert_int_equal(term_text_width("\001\033[33m\002你>\001\033[0m\002 "), 4);
  assert_int_equal(term_text_width(""), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(cjk_wraps_by_width), cmocka_unit_test(english_wraps_at_spaces),
    cmocka_unit_test(keeps_columns_and_lines), cmocka_unit_test(never_sends_controls),
    cmocka_unit_test(colour_only_when_asked), cmocka_unit_test(escapes_take_no_column),
  };
  return cmocka_run_group_tests_name("term", tests, NULL, NULL);
}
