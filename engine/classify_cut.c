/*
** classify_cut.c: a sum taken off the price is a discount (cls_late_sum_cut).
**
** "要不这样，您今天付清的话我给您少两千，四万六就行。" offers to take 2,000 yuan off a debt of
** 48,000 for paying today; the lexicon's discount words (打折, 优惠, 抹零, 少收...) name no sum cut
** by a number, so the line was read as a payment ask alone, and the debrief praised it "没有威胁
** 也没有打折" (+15 firm and fair, +15 a payment ask with a date and a sum) where a collection's
** price cut is discount_to_collect (play-test 31b H1).  A cut verb followed at once by a sum of
** money is a discount: 少 said to her (给您少, 给你少, 帮您少) or 少收 / 少算 / 少要 / 给您便宜 / 再
** 优惠 / 减 / 让 / 免 / 抹掉 / 抹去 ("比单买便宜八千" compares prices: a saving, no cut), then a
** number with a money unit (千, 百, 万, 块, 元) or of three digits or more, not a count of things
** ("让两千名学生"); in English "knock/take/shave N off".  "还少两万八" (still short of) and "少付
** 两万" (a smaller payment today) cut nothing; nor does a cut the line negates ("不能给您少两千";
** "一分都不会少" has no number after 少).  Late, so the model's features stay as trained.
*/
#include <ctype.h>
#include <string.h>

#include "classify_int.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* Bytes of a Chinese numeral at t (一 .. 十, 两, 零, 百, 千, 万, 半), or 0. */
static size_t zh_numeral(const char *t) {
  static const char *const d[] = { "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十",
                                   "零", "百", "千", "万", "半" };
  for (size_t k = 0; k < N(d); k++)
    if (strncmp(t, d[k], strlen(d[k])) == 0) return strlen(d[k]);
  return 0;
}

/* 1 when t opens with a sum of money: a numeral run holding 百, 千 or 万, or followed by 块 or
** 元; or three digits or more (commas inside). */
static int sum_at(const char *t) {
  while (*t == ' ') t++;
  if (isdigit((unsigned char)*t)) {
    int n = 0;
    for (; isdigit((unsigned char)*t) || (*t == ',' && isdigit((unsigned char)t[1])); t++) n += *t != ',';
    return n >= 3 || strncmp(t, "块", 3) == 0 || strncmp(t, "元", 3) == 0 || strncmp(t, "千", 3) == 0 ||
           strncmp(t, "万", 3) == 0 || strncmp(t, "百", 3) == 0 || *t == 'k';
  }
  static const char *const counter[] = { "名", "人", "个", "台", "套", "小时", "天", "次", "家", "所", "位",
                                         "张", "件", "平", "米", "箱", "片", "条", "盒", "份", "岁", "年",
                                         "月", "周", "分钟", "多人", "多个" };
  int big = 0;
  size_t l;
  while ((l = zh_numeral(t)) > 0) {
    big |= strncmp(t, "百", l) == 0 || strncmp(t, "千", l) == 0 || strncmp(t, "万", l) == 0;
    t += l;
  }
  for (size_t k = 0; k < N(counter); k++)   /* 让两千名学生: a count of things, no money */
    if (strncmp(t, counter[k], strlen(counter[k])) == 0) return 0;
  return big || strncmp(t, "块", 3) == 0 || strncmp(t, "元", 3) == 0;
}

/* 1 when a negation (不, 没, 别) stands in the four characters before p in t: "不能给您少两千". */
static int negated_before(const char *t, const char *p) {
  const char *from = p - t > 12 ? p - 12 : t;
  static const char *const no[] = { "不", "没", "别" };
  for (const char *q = from; q < p; q++)
    for (size_t k = 0; k < N(no); k++)
      if (strncmp(q, no[k], 3) == 0) return 1;
  return 0;
}

/* The start of the first cut of a sum in t (a cut verb then a sum), or -1. */
static long find_cut(const char *t) {
  /* 便宜 and 优惠 only as given to her: "比单买便宜八千" compares prices, a saving (a gain) */
  static const char *const zh[] = { "给您少", "给你少", "帮您少", "少收", "少算", "少要", "给您便宜", "给你便宜",
                                    "再便宜", "给您优惠", "给你优惠", "再优惠", "减", "让", "免", "抹掉", "抹去" };
  static const char *const en[] = { "knock", "take", "shave" };
  for (size_t k = 0, cue = !txt_is_ascii(t); cue && k < N(zh); k++)   /* no cue is ASCII */
    for (const char *p = strstr(t, zh[k]); p; p = strstr(p + 1, zh[k]))
      if (sum_at(p + strlen(zh[k])) && !negated_before(t, p)) return p - t;
  for (size_t k = 0, cut = strpbrk(t, "0123456789") != NULL; cut && k < N(en); k++)   /* N off */
    for (const char *p = strstr(t, en[k]); p; p = strstr(p + 1, en[k])) {
      if (p > t && isalpha((unsigned char)p[-1])) continue;
      const char *q = p + strlen(en[k]);
      while (isalpha((unsigned char)*q)) q++;   /* knocks, taking */
      while (*q == ' ') q++;
      if (*q == '$' || *q == '\xc2') q += *q == '$' ? 1 : 2;   /* $, £ */
      if (!isdigit((unsigned char)*q)) continue;
      while (isdigit((unsigned char)*q) || *q == ',' || *q == '.' || *q == 'k' || *q == '%') q++;
      while (*q == ' ') q++;
      if (strncmp(q, "off", 3) == 0 && !isalpha((unsigned char)q[3]) && !strstr(t, "not ") && !strstr(t, "n't "))
        return p - t;
    }
  return -1;
}

void cls_late_sum_cut(cls_result *r) {
  const uint64_t discount = (uint64_t)1 << CLS_DISCOUNT;
  if (!r->norm || (r->moves & discount)) return;
  long at = find_cut(r->norm);
  if (at < 0) return;
  r->moves |= discount;
  cls_match_push_packed(r, "discount", "rule:sum_cut", "engine/classify_cut.c:" CLS_STR(__LINE__), (size_t)at,
                        (size_t)at);
}
