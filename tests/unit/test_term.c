/* test_term.c: wrapping as the trainee sees it: CJK counted as two columns, closing punctuation
** kept with its character, no trailing blanks, runs of spaces kept, control bytes never sent raw,
** and colour off unless asked for. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <readline/history.h>

#include "term.h"
#include "text.h"
#include "util.h"

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

/* The history list as text ("base length|line|line..."), timestamps aside. */
static char *history_text(void) {
  strbuf b = {0};
  sb_printf(&b, "%d %d", history_base, history_length);
  for (int i = 0; i < history_length; i++) sb_printf(&b, "|%s", history_get(history_base + i)->line);
  return b.s ? b.s : xstrdup("");
}

/* Reads the file of n bytes with read_history and with term_history_read, each into an empty
** list stifled at max; the two lists must be alike.  Returns whether term_history_read's
** entries had no timestamp (its own reading; read_history's have one). */
static int read_both(const char *dir, const char *bytes, size_t n, int max) {
  char *path = xasprintf("%s/history", dir), err[256];
  assert_int_equal(util_write_atomic(path, bytes, n, err, sizeof err), 0);
  clear_history();
  stifle_history(max);
  read_history(path);
  char *want = history_text();
  clear_history();
  term_history_read(path);
  char *got = history_text();
  assert_string_equal(got, want);
  int own = history_length == 0 || history_get(history_base)->timestamp == NULL;
  HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
  add_history("typed");   /* the list stays readline's: it grows and drops as before */
  assert_string_equal(history_get(history_base + history_length - 1)->line, "typed");
  if (last && history_length < max) assert_ptr_equal(history_get(history_base + history_length - 2), last);
  clear_history();
  unlink(path);
  free(path); free(want); free(got);
  return own;
}

/* The history file read without read_history's per-line timestamps: the same lines (CR LF,
** empty lines, a NUL inside a line, a last line without its newline), the last max of more, and
** a file that starts like a timestamp left to read_history. */
static void history_reads_as_readline(void **state) {
  (void)state;
  char dir[] = "/tmp/salesim-hist-XXXXXX";
  assert_non_null(mkdtemp(dir));
  static const char mixed[] = "hello there\nsecond\r\n\n\r\nnul\0inside\n\0lead\n你好\nno newline";
  assert_true(read_both(dir, mixed, sizeof mixed - 1, 1000));
  static const char many[] = "1\n2\n3\n4\n5\n6\n7\n";
  assert_true(read_both(dir, many, sizeof many - 1, 3));
  assert_true(read_both(dir, many, sizeof many - 1, 7));
  assert_true(read_both(dir, "\n\n", 2, 5));
  static const char stamped[] = "#1733 first\nline\n#1734\nnext\n";
  assert_false(read_both(dir, stamped, sizeof stamped - 1, 10));
  clear_history();
  stifle_history(5);
  term_history_read("/nonexistent/history");
  assert_int_equal(history_length, 0);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(cjk_wraps_by_width), cmocka_unit_test(english_wraps_at_spaces),
    cmocka_unit_test(keeps_columns_and_lines), cmocka_unit_test(never_sends_controls),
    cmocka_unit_test(colour_only_when_asked), cmocka_unit_test(escapes_take_no_column),
    cmocka_unit_test(history_reads_as_readline),
  };
  return cmocka_run_group_tests_name("term", tests, NULL, NULL);
}
