/*
** amount.c: sums of money in normalised text and their value (amount.h).  The classifier reads
** a payment ask's amount with it ("今天您先转两万四" asks for 24000), so an ask that names the sum
** and the day is specific whether the trainee writes digits or Chinese numerals.
*/
#include <string.h>

#include "amount.h"

/* Chinese numerals: their UTF-8 form and their value (a digit 0-9, or a unit 10, 100 ...). */
static const struct { const char *s; double v; int unit; } ZH[] = {
  { "零", 0, 0 }, { "〇", 0, 0 }, { "一", 1, 0 }, { "二", 2, 0 }, { "两", 2, 0 }, { "三", 3, 0 },
  { "四", 4, 0 }, { "五", 5, 0 }, { "六", 6, 0 }, { "七", 7, 0 }, { "八", 8, 0 }, { "九", 9, 0 },
  { "十", 10, 1 }, { "百", 100, 1 }, { "千", 1000, 1 }, { "万", 1e4, 1 }, { "亿", 1e8, 1 },
};
#define NZH (sizeof ZH / sizeof *ZH)

/* The Chinese numeral at p (index into ZH), or -1; *n its length in bytes. */
static int zh_at(const char *p, size_t left, size_t *n) {
  /* every numeral is a three-byte character: compared byte by byte, no strlen or memcmp call */
  if (left < 3 || (unsigned char)p[0] < 0xE0) return -1;
  for (size_t k = 0; k < NZH; k++)
    if (ZH[k].s[0] == p[0] && ZH[k].s[1] == p[1] && ZH[k].s[2] == p[2]) { *n = 3; return (int)k; }
  return -1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Bytes of the numeral run at t (digits, "," or "." between digits, Chinese numerals); a run
** may not start with a unit (万一, 千万 are words) nor with a separator. */
static size_t run_len(const char *t, size_t len) {
  size_t i = 0, n;
  int unit_seen = 0;
  while (i < len) {
    if (is_digit(t[i])) {
      /* after a unit only the spoken last digit belongs to the sum ("2万8" is 28000): two digits
      ** or more start the next number ("剩下2.8万30号" pays 28000 on the 30th, not 58000) */
      if (unit_seen && i + 1 < len && is_digit(t[i + 1])) break;
      i++;
      continue;
    }
    if ((t[i] == ',' || t[i] == '.') && i > 0 && is_digit(t[i - 1]) && i + 1 < len && is_digit(t[i + 1])) { i++; continue; }
    int k = zh_at(t + i, len - i, &n);
    if (k < 0 || (i == 0 && ZH[k].unit && ZH[k].v != 10)) break;
    if (ZH[k].unit && ZH[k].v >= 100) unit_seen = 1;
    i += n;
  }
  return i;
}

double amt_value(const char *t, size_t len) {
  double total = 0, section = 0, digit = -1, last_unit = 0;
  int zero = 0;   /* a 零 since the last unit: "两万零五" is 20005, not 25000 */
  size_t i = 0, n;
  if (!len) return -1;
  while (i < len) {
    if (is_digit(t[i])) {   /* digits, with "," grouping and one "." ("4.8万") */
      double v = 0, scale = 0;
      for (; i < len && (is_digit(t[i]) || t[i] == ',' || t[i] == '.'); i++) {
        if (t[i] == ',') continue;
        if (t[i] == '.') { if (scale) return -1; scale = 1; continue; }
        if (scale) { scale /= 10; v += (t[i] - '0') * scale; } else v = v * 10 + (t[i] - '0');
      }
      if (digit >= 0) return -1;
      digit = v;
      continue;
    }
    int k = zh_at(t + i, len - i, &n);
    if (k < 0) return -1;
    i += n;
    if (!ZH[k].unit) {
      if (ZH[k].v == 0) { zero = 1; continue; }
      if (digit >= 0) return -1;   /* "二四" is no numeral of money */
      digit = ZH[k].v;
      continue;
    }
    double u = ZH[k].v;
    if (u >= 1e4) {   /* 万, 亿 close a section: 一亿两千万 is (1)亿 + (2000)万 */
      section += digit >= 0 ? digit : 0;
      if (section == 0) section = 1;
      if (u >= 1e8) total = (total + section) * u;
      else total += section * u;
      section = 0;
    } else {
      section += (digit >= 0 ? digit : 1) * u;   /* "十二" is 12 */
    }
    digit = -1; last_unit = u; zero = 0;
  }
  if (digit >= 0) {   /* a last digit after a unit, no 零: the next unit down ("两万四", "三千五") */
    if (last_unit >= 100 && !zero) digit *= last_unit / 10;
    section += digit;
  }
  return total + section;
}

/* 1 when a measure word follows at p: the number counts things, it is no money. */
static int measure_after(const char *p, size_t left) {
  static const char *const mw[] = { "个", "人", "名", "位", "台", "套", "张", "件", "次", "份", "家",
                                    "所", "条", "箱", "片", "平", "米", "公里", "小时", "天", "年",
                                    "月", "周", "间", "床", "户", "辆", "吨", "斤", "多个", "多人" };
  for (size_t k = 0; k < sizeof mw / sizeof *mw; k++) {
    size_t m = strlen(mw[k]);
    if (m <= left && memcmp(p, mw[k], m) == 0) return 1;
  }
  return 0;
}

/* 1 when t[0..len) holds a Chinese character (a lead byte of U+3000 and up, in UTF-8). */
static int has_cjk_bytes(const char *t, size_t len) {
  for (size_t i = 0; i < len; i++) if ((unsigned char)t[i] >= 0xE3) return 1;
  return 0;
}

/* Length of a currency word at p (元, 块, " dollars", "k"; "w" for 万 in a Chinese line), 0 when
** none. */
static size_t unit_after(const char *p, size_t left, int ascii_before, int chinese) {
  static const char *const unit[] = { "元", "块钱", "块", "美元", "欧元", "英镑", "人民币", "rmb",
                                      " dollars", " dollar", " euros", " pounds", " yuan", " rmb",
                                      " usd", " eur", "dollars", "usd" };
  for (size_t k = 0; k < sizeof unit / sizeof *unit; k++) {
    size_t m = strlen(unit[k]);
    if (m <= left && memcmp(p, unit[k], m) == 0) return m;
  }
  /* "24k" / "24k," (a thousand), not "24kg" */
  if (ascii_before && left >= 1 && p[0] == 'k' && (left == 1 || !((p[1] >= 'a' && p[1] <= 'z') || is_digit(p[1])))) return 1;
  /* "先付1w 剩下3.8w": chat shorthand for 万 (play-test, round 11: the customer agreed to 两万);
  ** only in a Chinese line, where "1w" is no week */
  if (ascii_before && chinese && left >= 1 && p[0] == 'w' && (left == 1 || !((p[1] >= 'a' && p[1] <= 'z') || is_digit(p[1]))))
    return 1;
  return 0;
}

int amt_find(const char *t, size_t len, amt_hit *out) {
  static const char *const sym[] = { "$", "€", "£", "¥", "￥" };
  int chinese = -1;   /* found on the first run that needs it */
  for (size_t i = 0; i < len; i++) {
    /* an ASCII byte other than a digit or "$" starts neither a sign nor a run (every other sign
    ** and every Chinese numeral is a multi-byte character): the common case, skipped at once */
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80 && !is_digit((char)c) && c != '$') continue;
    /* nor does a byte inside a multi-byte character, nor the first byte of one that is no sign and
    ** no numeral: every line of Chinese went through the signs and numerals byte by byte (9% of
    ** the random walks' instructions) */
    if (c >= 0x80 && c < 0xC0) continue;
    int sign_lead = c == '$' || c == 0xC2 || c == 0xE2 || c == 0xEF;   /* $ £ ¥ € ￥ */
    size_t n0;
    if (c >= 0x80 && !sign_lead && zh_at(t + i, len - i, &n0) < 0) continue;
    size_t s = i, sign = 0;
    for (size_t k = 0; sign_lead && k < sizeof sym / sizeof *sym && !sign; k++) {
      size_t m = strlen(sym[k]);
      if (m <= len - i && memcmp(t + i, sym[k], m) == 0) sign = m;
    }
    size_t p = i + sign, n;
    if (sign && p < len && t[p] == ' ') p++;
    /* a run is read from its start only: not from inside "24000" or "两万四" */
    if (!sign && i > 0 && (is_digit(t[i - 1]) ||
                           ((t[i - 1] == '.' || t[i - 1] == ',') && i > 1 && is_digit(t[i - 2]))))
      continue;   /* a comma after a word ("定下周五,4.8万") starts a run */
    if (!sign && i >= 3 && zh_at(t + i - 3, 3, &n) >= 0) continue;
    size_t r = run_len(t + p, len - p);
    if (!r) continue;
    size_t e = p + r;
    double v = amt_value(t + p, r);
    /* a closing "一" that starts the next word is not the sum's: "四万八一次付清" pays 四万八 at
    ** once (the run read "四万八一", no numeral, and the visit's ask had no amount; found in play) */
    while (r > 3 && memcmp(t + e - 3, "一", 3) == 0 && (v < 0 || measure_after(t + e, len - e))) {
      r -= 3;
      e -= 3;
      v = amt_value(t + p, r);
    }
    if (v < 0) { i = e - 1; continue; }
    int ascii = is_digit(t[e - 1]);
    if (chinese < 0) chinese = has_cjk_bytes(t, len);
    size_t u = unit_after(t + e, len - e, ascii, chinese);
    int big = 0, chars = 0;
    for (size_t j = p; j < e; ) {
      int k = zh_at(t + j, e - j, &n);
      if (k >= 0) { chars++; if (ZH[k].v == 1e4 || ZH[k].v == 1e3 || ZH[k].v == 1e8) big = 1; j += n; }
      else { chars++; j++; }
    }
    if (!sign && e - p == 3 && memcmp(t + p, "一", 3) == 0 && u == 3 && memcmp(t + e, "块", 3) == 0) {
      i = e - 1; continue;   /* "一块" is "together"; "一块钱" is money */
    }
    if (sign || u || (big && chars >= 2 && !measure_after(t + e, len - e))) {
      if (u == 1 && t[e] == 'k') v *= 1000;
      if (u == 1 && t[e] == 'w') v *= 1e4;
      out->start = s; out->end = e + u; out->value = v;
      return 1;
    }
    i = e - 1;
  }
  return 0;
}
