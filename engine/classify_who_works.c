/*
** classify_who_works.c: "是谁在干?" asks who does the work, not who decides
** (cls_late_who_works).
**
** "换油的活儿平时是谁在干?人够用吗?" asks about the maintenance crew; 是谁在 is one of the lexicon's
** who-decides phrases (for "是谁在管这块?", "是谁在拍板?"), so the line was a decision-chain
** question and the customer would have told the purchasing chain instead of his short-handed
** crew (play-test 31c M8; the trainer switched 是谁在 off for her scenario).  When every
** who-decides phrase of the line is 是谁在 and the verb after it is none of deciding, approving,
** signing or being in charge (管, 定, 批, 拍板, 决定, 签, 审, 把关, 负责, 说了算, 拿主意, 做主), the
** line asks who does the job, unless it names the buying (招标, 采购, 参数, 预算, 方案 ...: "招标参数现在是谁
** 在起草?" asks after the chain): the who-decides move goes, and the question stays as it reads.
*/
#include <string.h>

#include "classify_int.h"

#define N(a) (sizeof (a) / sizeof *(a))

static const char *const who_at[] = { "\xe6\x98\xaf\xe8\xb0\x81\xe5\x9c\xa8" /* 是谁在 */ };
static const char *const deciding[] = {
  "\xe7\xae\xa1" /* 管 */, "\xe5\xae\x9a" /* 定 */, "\xe6\x89\xb9" /* 批 */, "\xe6\x8b\x8d\xe6\x9d\xbf" /* 拍板 */,
  "\xe5\x86\xb3" /* 决 */, "\xe7\xad\xbe" /* 签 */, "\xe5\xae\xa1" /* 审 */, "\xe6\x8a\x8a\xe5\x85\xb3" /* 把关 */,
  "\xe8\xb4\x9f\xe8\xb4\xa3" /* 负责 */, "\xe8\xaf\xb4\xe4\xba\x86\xe7\xae\x97" /* 说了算 */,
  "\xe6\x8b\xbf\xe4\xb8\xbb\xe6\x84\x8f" /* 拿主意 */, "\xe5\x81\x9a\xe4\xb8\xbb" /* 做主 */,
  "\xe4\xb8\xbb\xe5\xaf\xbc" /* 主导 */ };

/* Words of the buying itself: who drafts the tender or weighs the options takes part in the
** decision ("招标参数现在是谁在起草?" asks after the chain). */
static const char *const buying[] = {
  "\xe6\x8b\x9b\xe6\xa0\x87" /* 招标 */, "\xe9\x87\x87\xe8\xb4\xad" /* 采购 */, "\xe5\x8f\x82\xe6\x95\xb0" /* 参数 */,
  "\xe9\xa2\x84\xe7\xae\x97" /* 预算 */, "\xe5\x90\x88\xe5\x90\x8c" /* 合同 */, "\xe9\x80\x89\xe5\x9e\x8b" /* 选型 */,
  "\xe8\xaf\x84\xe4\xbc\xb0" /* 评估 */, "\xe5\xae\xa1\xe6\x89\xb9" /* 审批 */, "\xe6\x96\xb9\xe6\xa1\x88" /* 方案 */,
  "\xe4\xbe\x9b\xe5\xba\x94\xe5\x95\x86" /* 供应商 */, "\xe6\x8a\xa5\xe4\xbb\xb7" /* 报价 */ };

void cls_late_who_works(cls_result *r) {
  const uint64_t chain = (uint64_t)1 << CLS_ASK_DECISION_CHAIN;
  if (!r->norm || !(r->moves & chain) || !strstr(r->norm, who_at[0])) return;
  for (size_t k = 0; k < N(buying); k++)
    if (strstr(r->norm, buying[k])) return;
  int seen = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "ask_decision_chain") != 0) continue;
    if (strcmp(m->phrase, who_at[0]) != 0) return;   /* another who-decides phrase stands */
    const char *after = r->norm + m->end;
    for (size_t k = 0; k < N(deciding); k++)
      if (strncmp(after, deciding[k], strlen(deciding[k])) == 0) return;
    seen++;
  }
  if (!seen) return;
  r->moves &= ~chain;
  r->model_moves &= ~chain;
  cls_match_push_packed(r, "ask_decision_chain", "rule:who_works", "engine/classify_who_works.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
  if (!(r->moves & ~((uint64_t)1 << CLS_GREET | (uint64_t)1 << CLS_THANK))) cls_read_question(r);
}
