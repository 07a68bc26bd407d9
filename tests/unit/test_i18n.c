/* test_i18n.c: translators' sheets (i18n.h): CSV that survives quotes, commas, line breaks and
** a spreadsheet's BOM; rows sorted as translated, missing, stale and extra; a catalogue written
** back from a sheet. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "msg.h"
#include "util.h"

/* Texts that break naive CSV go out and come back unchanged. */
static void csv_round_trip(void **state) {
  (void)state;
  i18n_sheet a = { 0 }, b = { 0 };
  i18n_add(&a, "msg:x", "He said \"no\", twice.\nThen left.", "他说“不”,两次。\r\n然后走了。");
  i18n_add(&a, "scn:s:lines.k.0", "", "");
  i18n_add(&a, "msg:y", "a,b", "\"\"");
  strbuf out = { 0 };
  i18n_write_csv(&a, &out);
  char err[128];
  assert_int_equal(i18n_read_csv(out.s, out.len, &b, err, sizeof err), 0);
  assert_int_equal(b.n, a.n);
  for (int i = 0; i < a.n; i++) {
    assert_string_equal(a.v[i].id, b.v[i].id);
    assert_string_equal(a.v[i].source, b.v[i].source);
    assert_string_equal(a.v[i].translation, b.v[i].translation);
  }
  sb_free(&out);
  i18n_free(&b);
  /* a BOM, unquoted fields, LF endings, a missing translation column, a blank line */
  const char *t = "\xEF\xBB\xBFid,source,translation\nmsg:a,A,\xE7\x94\xB2\n\nmsg:b,B\n";
  assert_int_equal(i18n_read_csv(t, strlen(t), &b, err, sizeof err), 0);
  assert_int_equal(b.n, 2);
  assert_string_equal(b.v[0].translation, "甲");
  assert_string_equal(b.v[1].translation, "");
  i18n_free(&b);
  /* errors name their line */
  t = "id,source,translation\nmsg:a,\"never closed\n";
  assert_int_equal(i18n_read_csv(t, strlen(t), &b, err, sizeof err), -1);
  assert_string_equal(err, "line 2: a quoted field is not closed");
  i18n_free(&b);
  t = "id,source,translation\nmsg:a,b,c,d\n";
  assert_int_equal(i18n_read_csv(t, strlen(t), &b, err, sizeof err), -1);
  assert_string_equal(err, "line 2: a row has id,source,translation (found 4 fields)");
  i18n_free(&b);
  i18n_free(&a);
}

/* Each row of a sheet against today's rows. */
static void compare(void **state) {
  (void)state;
  i18n_sheet cur = { 0 }, sheet = { 0 };
  i18n_add(&cur, "msg:a", "A", "");
  i18n_add(&cur, "msg:b", "B now", "");
  i18n_add(&cur, "msg:c", "C", "");
  i18n_add(&sheet, "msg:a", "A", "甲");
  i18n_add(&sheet, "msg:b", "B then", "乙");
  i18n_add(&sheet, "msg:gone", "G", "丁");
  i18n_status st;
  i18n_compare(&cur, &sheet, &st);
  assert_int_equal(st.translated, 1);
  assert_int_equal(st.stale, 1);
  assert_int_equal(st.missing, 1);
  assert_int_equal(st.extra, 1);
  assert_string_equal(st.report.s, "stale: msg:b (its source changed since the sheet was made)\n"
                                   "missing: msg:c\nextra: msg:gone (no such text any more)\n");
  sb_free(&st.report);
  /* the catalogue written back holds the current translation only */
  strbuf y = { 0 };
  i18n_catalogue_yaml(&cur, &sheet, "xx", "none", &y);
  assert_non_null(strstr(y.s, "language: xx\nplural: none\nmessages:\n  a: \"甲\"\n"));
  assert_null(strstr(y.s, "乙"));
  assert_null(strstr(y.s, "丁"));
  sb_free(&y);
  i18n_free(&cur);
  i18n_free(&sheet);
}

/* The Chinese catalogue's rows: one per key (Chinese has no plural forms), with its texts. */
static void catalogue_rows(void **state) {
  (void)state;
  i18n_sheet s = { 0 };
  i18n_catalogue_rows(&s, "zh", NULL);
  assert_int_equal(s.n, msg_count(msg_catalogue("en")));
  int found = 0;
  for (int i = 0; i < s.n; i++)
    if (strcmp(s.v[i].id, "msg:label.outcome") == 0) {
      assert_string_equal(s.v[i].source, "Outcome");
      assert_string_equal(s.v[i].translation, "结果");
      found = 1;
    }
  assert_true(found);
  i18n_free(&s);
  i18n_catalogue_rows(&s, "fr", "one_other");   /* a new language: nothing translated */
  for (int i = 0; i < s.n; i++) assert_string_equal(s.v[i].translation, "");
  i18n_free(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(csv_round_trip),
    cmocka_unit_test(compare),
    cmocka_unit_test(catalogue_rows),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
