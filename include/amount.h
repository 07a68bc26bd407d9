/*
** amount.h: sums of money in normalised trainee text, with their value.
** "两万四" (24000), "四万八千元" (48000), "三千五" (3500), "十二万八" (128000), "4.8万" (48000),
** "24000元", "$4,800", "¥500", "24k".  Counts, times and percentages are no money: "三点",
** "一万个用户", "百分之二", "一块儿".
*/
#ifndef SALESIM_AMOUNT_H
#define SALESIM_AMOUNT_H

#include <stddef.h>

typedef struct amt_hit {
  size_t start, end;   /* byte span in the text (the currency sign or unit included) */
  double value;        /* in whole units of the currency: 两万四 -> 24000 */
} amt_hit;

/* The first sum of money in t[0..len) into *out: 1 found, 0 none.  A number is money when a
** currency sign stands before it, a currency word after it (元, 块, dollars, k), or it is a
** Chinese amount of ten thousands or thousands with more than one character ("两万四", "三千五",
** "4.8万") not followed by a measure word (个, 人, 台 ...). */
int amt_find(const char *t, size_t len, amt_hit *out);

/* The value of a numeral t[0..len) made of digits (with , and .) and Chinese numerals,
** reading the spoken shortening of the last digit ("两万四" 24000, "三千五" 3500, "一百五" 150);
** -1 when it is not one. */
double amt_value(const char *t, size_t len);

#endif
