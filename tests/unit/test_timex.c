/* test_timex.c: every time pattern, in both languages, with the span it yields. */
#include "testutil.h"
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "timex.h"
#include "util.h"

static tx_set *zh, *en;

static int setup(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  zh = tx_new("zh", &d);
  en = tx_new("en", &d);
  diag_free(&d);
  return zh && en ? 0 : -1;
}
static int teardown(void **st) { (void)st; tx_free(zh); tx_free(en); return 0; }

/* "span text [pattern,pattern]; ..." for every merged span of the normalised line. */
static char *render(tx_set *t, const char *line) {
  size_t n;
  char *norm = txt_normalize(line, strlen(line), &n);
  tx_hit *h;
  int spans;
  int k = tx_find(t, norm, n, &h, &spans);
  strbuf b = {0};
  sb_append(&b, "", 0);
  for (int i = 0; i < k;) {
    int j = i;
    while (j < k && h[j].span == h[i].span) j++;
    sb_printf(&b, "%s%.*s [", b.len ? "; " : "", (int)(h[j - 1].end - h[i].start), norm + h[i].start);
    for (int m = i; m < j; m++) sb_printf(&b, "%s%s", m > i ? "," : "", h[m].name);
    sb_putc(&b, ']');
    i = j;
  }
  free(h);
  free(norm);
  return sb_take(&b);
}

static void expect(tx_set *t, const char *line, const char *want) {
  char *got = render(t, line);
  if (strcmp(got, want) != 0) print_error("line: %s\n", line);
  assert_string_equal(got, want);
  free(got);
}

static void test_zh_patterns(void **st) {
  (void)st;
  expect(zh, "下周三下午三点", "下周三下午三点 [zh.weekday,zh.part_of_day,zh.clock]");
  expect(zh, "明天上午", "明天上午 [zh.relative_day,zh.part_of_day]");
  expect(zh, "15号", "15号 [zh.day_of_month]");
  expect(zh, "3月8日", "3月8日 [zh.date]");
  expect(zh, "３月８号之前", "3月8号之前 [zh.date]");
  expect(zh, "周五前", "周五前 [zh.weekday]");
  expect(zh, "下周找个时间", "下周 [zh.week]");
  expect(zh, "这周内", "这周内 [zh.week]");
  expect(zh, "本月底前", "本月底前 [zh.month]");
  expect(zh, "下个月初", "下个月初 [zh.month]");
  expect(zh, "两周内", "两周内 [zh.duration]");
  expect(zh, "三天后", "三天后 [zh.duration]");
  expect(zh, "下午3:30", "下午3:30 [zh.part_of_day,zh.clock]");
  expect(zh, "10:30开会", "10:30 [zh.clock]");
  expect(zh, "三点半", "三点半 [zh.clock]");
  expect(zh, "星期天晚上", "星期天晚上 [zh.weekday,zh.part_of_day]");
  expect(zh, "下礼拜二 上午9点", "下礼拜二上午9点 [zh.weekday,zh.part_of_day,zh.clock]");
  expect(zh, "最晚周四", "最晚周四 [zh.by,zh.weekday]");
  expect(zh, "后天下班前", "后天下班前 [zh.relative_day,zh.part_of_day]");
  expect(zh, "明天上午，或者周五", "明天上午 [zh.relative_day,zh.part_of_day]; 周五 [zh.weekday]");
}

static void test_zh_not_times(void **st) {
  (void)st;
  expect(zh, "便宜一点", "");
  expect(zh, "快一点好吗", "");
  expect(zh, "三个月的试用", "");
  expect(zh, "一个班", "");
  expect(zh, "有空再说", "");
  /* a counted noun: points, not three o'clock */
  expect(zh, "这三点", "");
  expect(zh, "以下三点", "");
  expect(zh, "三点建议", "");
  expect(zh, "第二点", "");
  expect(zh, "这两点我都同意,下午三点见", "下午三点 [zh.part_of_day,zh.clock]");
  expect(zh, "关于这三点", "");          /* "于" + "这" is no deadline either */
  expect(zh, "我们在这方面", "");
}

static void test_en_patterns(void **st) {
  (void)st;
  expect(en, "next Wednesday at 3pm", "next wednesday at 3pm [en.weekday,en.clock]");
  expect(en, "tomorrow morning", "tomorrow morning [en.part_of_day]");
  expect(en, "on the 15th", "on the 15th [en.date_ordinal]");
  expect(en, "by Friday", "by friday [en.deadline,en.weekday]");
  expect(en, "in two weeks", "in two weeks [en.duration]");
  expect(en, "within 3 business days", "within 3 business days [en.duration]");
  expect(en, "a week from today", "a week from today [en.from_now]");
  expect(en, "at 3 on Thursday", "at 3 on thursday [en.clock_at,en.weekday]");
  expect(en, "Thursday 2pm", "thursday 2pm [en.weekday,en.clock]");
  expect(en, "March 8", "march 8 [en.date_month]");
  expect(en, "the 3rd of May", "the 3rd of may [en.date_ordinal]");
  expect(en, "3/8", "3/8 [en.date_numeric]");
  expect(en, "end of the month", "end of the month [en.end_of]");
  expect(en, "at 10:30", "at 10:30 [en.clock_at]");
  expect(en, "around three o'clock", "around three o'clock [en.clock_words]");
  expect(en, "at noon.", "at noon [en.clock_words]");
  expect(en, "ten am", "ten am [en.clock_oclock]");
  expect(en, "9:45", "9:45 [en.clock_digits]");
  expect(en, "next week", "next week [en.period]");
  expect(en, "tmrw at 2pm", "tmrw at 2pm [en.relative_day,en.clock]");
  expect(en, "next wendsday at 2", "next wendsday at 2 [en.weekday,en.clock_at]");
  expect(en, "thurs 3pm", "thurs 3pm [en.weekday,en.clock]");
  expect(en, "today or tomorrow", "today [en.relative_day]; tomorrow [en.relative_day]");
}

static void test_en_not_times(void **st) {
  (void)st;
  expect(en, "30 minutes", "");
  expect(en, "at 30 percent", "");
  expect(en, "at 3 schools", "");
  expect(en, "we may do it", "");
  expect(en, "sometime", "");
  expect(en, "by the way", "");
}

static void test_names_and_bytes(void **st) {
  (void)st;
  assert_true(tx_count(zh) >= 10);
  assert_string_equal(tx_name(zh, 0), "zh.relative_day");
  assert_null(tx_name(en, 999));
  /* arbitrary bytes never crash (after normalisation, as the classifier does) */
  unsigned x = 99;
  char buf[128];
  for (int r = 0; r < 500; r++) {
    for (int i = 0; i < 127; i++) { x = x * 1103515245u + 12345u; buf[i] = (char)(x >> 16); }
    char *norm = txt_normalize(buf, (size_t)(r % 127), NULL);
    char *a = render(zh, norm), *b = render(en, norm);
    free(a); free(b); free(norm);
  }
}

/* The lines of one corpus file through both ways of finding times; returns how many. */
static int compare_file(tx_set *t, const char *path) {
  char err[200];
  size_t len;
  char *buf = util_read_file(path, 1u << 24, &len, err, sizeof err);
  if (!buf) return 0;
  int lines = 0;
  for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
    if (*line == '#') continue;
    char *tab = strchr(line, '\t');
    if (tab) *tab = 0;
    tx_prefilter(t, 1);
    char *a = render(t, line);
    tx_prefilter(t, 0);
    char *b = render(t, line);
    tx_prefilter(t, 1);
    if (strcmp(a, b) != 0) print_error("%s: line: %s\n", path, line);
    assert_string_equal(a, b);
    free(a); free(b);
    lines++;
  }
  free(buf);
  return lines;
}

/* Skipping the patterns whose needed words a line lacks finds exactly what running them all
** finds: on every line of the corpus (engine/corpus/LANG/) and the must-read lines of both
** languages. */
static void test_prefilter_changes_nothing(void **st) {
  (void)st;
  static const char *const langs[] = { "zh", "en" };
  for (int l = 0; l < 2; l++) {
    tx_set *t = l == 0 ? zh : en;
    int lines = 0;
    char *dir = xasprintf("engine/corpus/%s", langs[l]);
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    for (struct dirent *e; (e = readdir(dp));) {
      size_t n = strlen(e->d_name);
      if (n < 5 || strcmp(e->d_name + n - 4, ".tsv") != 0) continue;
      char *path = xasprintf("%s/%s", dir, e->d_name);
      lines += compare_file(t, path);
      free(path);
    }
    closedir(dp);
    free(dir);
    char *must = xasprintf("tests/data/must_read_%s.tsv", langs[l]);
    lines += compare_file(t, must);
    free(must);
    assert_true(lines > 1000);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_zh_patterns),
    cmocka_unit_test(test_zh_not_times),
    cmocka_unit_test(test_en_patterns),
    cmocka_unit_test(test_en_not_times),
    cmocka_unit_test(test_names_and_bytes),
    cmocka_unit_test(test_prefilter_changes_nothing),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
