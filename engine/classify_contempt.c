/*
** classify_contempt.c: contempt for someone at the table is rude (cls_late_contempt).
**
** "Honestly Martin, if you're just here to listen then maybe let the grown-ups talk, bean counters
** always kill good deals." belittles the finance director sitting there: it was read as no move
** at all, Martin answered "Noted.", his trust did not move, and the debrief said nothing, though
** the rule it breaks names contempt (play-test 32a M3).  The lexicon's `rude` marker holds insults
** of the customer's business; these put down the person or the role (a child among adults, a
** clerk who only counts: "grown-ups", "bean counters", "pen pushers", "don't be stupid", "you
** finance guys", "大人说话", "你懂什么").  A line holding one is rude, and its gain words (the model's)
** are no appeal, as cls_late_rude reads the lexicon's.  Late, so the model's features stay as
** trained (a lexicon phrase would retrain it).
*/
#include <string.h>

#include "classify_int.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

void cls_late_contempt(cls_result *r) {
  static const char *const put_down[] = {
    "grown-ups talk", "grown ups talk", "grown-ups do the talking", "let the adults talk", "adults are talking",
    "bean counter", "bean-counter", "pen pusher", "pen-pusher", "penny pincher", "don't be stupid", "dont be stupid",
    "you finance guys", "you finance people", "you accountants never", "you bean", "out of your depth",
    "no idea what you're talking about", "you wouldn't understand", "you would not understand",
    "\xe5\xa4\xa7\xe4\xba\xba\xe8\xaf\xb4\xe8\xaf\x9d" /* 大人说话 */, "\xe4\xbd\xa0\xe6\x87\x82\xe4\xbb\x80\xe4\xb9\x88" /* 你懂什么 */,
    "\xe6\x82\xa8\xe6\x87\x82\xe4\xbb\x80\xe4\xb9\x88" /* 您懂什么 */,
    "\xe7\xae\x97\xe8\xb4\xa6\xe7\x9a\x84\xe6\x87\x82" /* 算账的懂 */, "\xe5\xb0\x8f\xe5\xad\xa9\xe5\xad\x90" /* 小孩子 */ };
  if (!r->norm || CLS_HAS(r, CLS_RUDE)) return;
  for (size_t k = 0; k < N(put_down); k++) {
    const char *p = strstr(r->norm, put_down[k]);
    if (!p) continue;
    const uint64_t gain = BIT(CLS_GAIN_APPEAL) | BIT(CLS_PRESENT_BENEFIT);
    r->moves = (r->moves & ~(r->model_moves & gain)) | BIT(CLS_RUDE);
    r->model_moves &= ~gain;
    if (r->tactic == CLS_TACTIC_GAIN && !(r->moves & (gain | BIT(CLS_PROOF) | BIT(CLS_SUMMARIZE_BENEFITS))))
      r->tactic = CLS_TACTIC_NONE;
    cls_match_push_packed(r, "rude", "rule:contempt", "engine/classify_contempt.c:" CLS_STR(__LINE__),
                          (size_t)(p - r->norm), (size_t)(p - r->norm) + strlen(put_down[k]));
    return;
  }
}
