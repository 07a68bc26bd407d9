/*
** report_num.c: numbers to one decimal for the class report's renderers (report.h).  At a
** million sessions the report has 6,000 rows and the HTML writes about 16 such numbers a row,
** which printf's general machinery made a fifth of the whole report's instructions; this writes
** the same bytes directly and leaves the rare hard case to printf.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>

#include "report.h"

/* Below this, 10 * v is computed with an error under 1e-9 (2^-53 of 1e7), so a v whose tenfold is
** more than REP_TIE_GAP from a tie rounds as the exact value does. */
#define REP_FAST_MAX 1e6
#define REP_TIE_GAP 1e-6

/* v as printf's "%.1f" writes it, in buf: the nearest tenth of v's exact binary value.  Digits
** are written here for 0 <= v < 1e6 when 10v is not within 1e-6 of a tie (k + 0.5); anything
** else (a tie, a negative or negative zero, a large value, NaN) goes to snprintf, whose tie
** rule (the exact value, then even) is then the one applied.  Returns buf. */
const char *rep_tenths(char buf[REP_TENTHS_MAX], double v) {
  if (!signbit(v) && v < REP_FAST_MAX) {
    double t = v * 10.0, r = floor(t + 0.5), off = t - (r - 0.5);   /* off in [0, 1) */
    if (off > REP_TIE_GAP && off < 1.0 - REP_TIE_GAP) {
      long q = (long)r;
      char digits[16];
      int n = 0;
      for (long i = q / 10; ; i /= 10) {   /* the integer part, backwards */
        digits[n++] = (char)('0' + i % 10);
        if (i < 10) break;
      }
      int k = 0;
      while (n) buf[k++] = digits[--n];
      buf[k++] = '.';
      buf[k++] = (char)('0' + q % 10);
      buf[k] = '\0';
      assert(k < REP_TENTHS_MAX);
      return buf;
    }
  }
  snprintf(buf, REP_TENTHS_MAX, "%.1f", v);
  return buf;
}
