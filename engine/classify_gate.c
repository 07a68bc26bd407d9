/*
** classify_gate.c: cheap tests that a late rule's phrases may stand in a line at all
** (classify_int.h).  Every line of a walk passes each late rule; most rules' phrases are in few
** lines, and a test of a word every phrase holds answers most lines for a scan of the line
** instead of one per phrase and clause (docs/performance.md, play-test 30).  Each test is exact:
** it says 0 only where the rule's own search could find nothing.
*/
#include <string.h>

#include "classify_int.h"
#include "text.h"

/* cls_late_dropping_by's English phrases each hold "just ", "was ", "were " or "thought i"; its
** Chinese ones (路过, 看看您, 没啥事 ...) are in no ASCII line. */
int cls_may_drop_by(const char *norm) {
  return !txt_is_ascii(norm) || strstr(norm, "just ") || strstr(norm, "was ") || strstr(norm, "were ") ||
         strstr(norm, "thought i");
}

/* 1 when t starts as one of cls_number_word's words may (one, two, three, ten, four, five, six, seven,
** eight, eleven, nine, hundred, half, "a dozen", "a couple"...): its two first bytes, cheaper than
** its twenty comparisons at every word. */
static int number_lead(const char *t) {
  static const char leads[][3] = { "on", "tw", "th", "te", "fo", "fi", "si", "se", "ei", "el", "ni", "hu", "ha", "a " };
  for (size_t k = 0; k < sizeof leads / sizeof *leads; k++)
    if (t[0] == leads[k][0] && t[1] == leads[k][1]) return 1;
  return 0;
}

/* cls_late_quantity_order's counts (its count_at) start at a digit or are a number word of 2 or more
** (cls_number_word) at a word start, "a hundred" and "a dozen" included ("a " ends at a word start).
** A line with neither asks for no quantity. */
int cls_may_count(const char *norm) {
  for (size_t i = 0; norm[i]; i++) {
    unsigned char c = (unsigned char)norm[i];
    if (c >= '0' && c <= '9') return 1;
    if (c >= 'a' && c <= 'z' && (i == 0 || strchr(" ,.;:!?(\"'", norm[i - 1])) && number_lead(norm + i) &&
        cls_number_word(norm + i) >= 2)
      return 1;
  }
  return 0;
}
