/*
** classify_confirm_tail.c: a need of hers played back and closed by "对不" or "是这个吧" asks her to
** confirm it (cls_late_confirm_tail).
**
** Play-test 32b M4: "价格透明了客户就拿手机跟你砍,利润就薄了,您意思是现在最缺的是能挣钱的牌子,对不"
** read as a closed question (陈总 said the price complaint again as news, and the margin need was
** never confirmed); "家长都打到校长信箱了学生处才知道,这个确实被动,您最想解决的是这个吧?" read as
** an answer to a worry (周处长 told the story again).  The lexicon's confirmation tags (对吧, 是吧,
** 对不对, 是这几点吧 ...) lack the spoken 对不 and 是这个吧 / 就是这块吧; a lexicon phrase would retrain
** the model, and did move thirteen team lines.  A line with a need of the scenario named before its
** last clause, no ask, no benefit, whose last clause ends in such a tag, confirms the need: the
** closed question it made goes.  Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when the text t[from, to) ends (a final '?' and spaces aside) in one of the tags. */
static int ends_in_tag(const char *t, size_t from, size_t to) {
  static const char *const tags[] = {
    "\xe5\xaf\xb9\xe4\xb8\x8d" /* 对不 */, "\xe6\x98\xaf\xe8\xbf\x99\xe4\xb8\xaa\xe5\x90\xa7" /* 是这个吧 */,
    "\xe6\x98\xaf\xe8\xbf\x99\xe5\x9d\x97\xe5\x90\xa7" /* 是这块吧 */,
    "\xe6\x98\xaf\xe8\xbf\x99\xe4\xbb\xb6\xe4\xba\x8b\xe5\x90\xa7" /* 是这件事吧 */,
    "\xe6\x98\xaf\xe8\xbf\x99\xe4\xb8\xaa\xe6\x84\x8f\xe6\x80\x9d\xe5\x90\xa7" /* 是这个意思吧 */ };
  while (to > from && (t[to - 1] == ' ' || t[to - 1] == '?' || t[to - 1] == '.' || t[to - 1] == ',')) to--;
  for (size_t k = 0; k < N(tags); k++) {
    size_t n = strlen(tags[k]);
    if (to - from >= n && memcmp(t + to - n, tags[k], n) == 0) return 1;
  }
  return 0;
}

void cls_late_confirm_tail(cls_result *r) {
  const uint64_t confirm = BIT(CLS_CONFIRM_NEED);
  const uint64_t told = BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_SUMMARIZE_BENEFITS) | BIT(CLS_PRESENT_FEATURE) |
                        BIT(CLS_PROOF);
  if (!r->norm || (r->moves & (confirm | told)) || (r->moves & CLS_ASK_MOVES) || r->n_needs == 0) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  if (ncl < 2 || !ends_in_tag(r->norm, cl[ncl - 1].start, cl[ncl - 1].end)) return;
  int need_before = 0;
  for (int i = 0; i < r->n_matches && !need_before; i++)
    need_before = strncmp(r->matches[i].label, "need:", 5) == 0 && r->matches[i].end <= cl[ncl - 1].start;
  if (!need_before) return;
  r->moves = (r->moves & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION))) | confirm;
  cls_match_push_packed(r, "confirm_need", "rule:confirm_tail", "engine/classify_confirm_tail.c:" CLS_STR(__LINE__),
                        cl[ncl - 1].start, cl[ncl - 1].end);
}
