/*
** classify_answer_check.c: "这样您看行吗?" closing an answer is a check of the answer, not an ask
** (cls_late_answer_check).
**
** "另外您一开始说辅导员期末太忙、没空学新系统,这点我记着。签到用手机扫码,基本不用培训,我们可以
** 放到期末之后再上线,不占他们考试周的时间。这样您看行吗?" answers 周处长's worry that the
** counsellors have no time to learn a new system, then asks whether that answer will do.  The
** lexicon's request 您看 ... 吗 in the last clause made the whole line an ask for a commitment with
** the action 扫码 taken from a statement; the customer answered "说具体点:要我做什么,哪天?", and the
** debrief charged "-15 ...没有时间" and "-15 ...没有先总结" beside "+10 回应了客户提出的顾虑"
** (play-test 31b M1; "这样能打消您的顾虑吗?" was read as the answer it is).  When the rules' ask (the
** model read none) stands only in a last clause that is a short check of "this" (这样 / 这么 / 这个
** 安排, then 行 / 可以 / 合适 / 好 / 满意 / 放心 / 接受, ending in 吗, 吧, 呢 or a question mark),
** every clause before it is a statement, the line states a benefit or a feature or answers a
** worry, and it names no time (a dated step, "我们下周三来演示,这样您看行吗?", is the rep's
** proposal: an ask), the ask goes: the line is the answer it states, checked.  Late, so the model's
** features stay as trained.
*/
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when clause c of t is a short check of "this" (这样您看行吗?, 这么安排可以吧?). */
static int checks_this(const char *t, const cl_clause *c) {
  static const char *const this_[] = { "这样", "这么", "这个安排", "这么安排", "这个方案" };
  static const char *const ok[] = { "行", "可以", "合适", "好", "满意", "放心", "接受",
                                    /* will it pass (play-test 32b M3: "这样讲孙院长那边能过吗?") */
                                    "能过", "过得去", "通得过", "没问题" };
  static const char *const end[] = { "吗", "吧", "呢", "?" };
  size_t from = c->start, to = c->end;
  while (from < to && t[from] == ' ') from++;
  /* sixteen characters: a tag, perhaps naming whom it must pass ("这样讲孙院长那边能过吗?"), not a
  ** clause of its own */
  if (to - from > 48) return 0;
  return cls_span_has_any(t, from, to, this_, N(this_)) && cls_span_has_any(t, from, to, ok, N(ok)) &&
         cls_span_has_any(t, from, to, end, N(end));   /* (Chinese and "?": anywhere) */
}

void cls_late_answer_check(cls_result *r) {
  const uint64_t ask = BIT(CLS_ASK_COMMITMENT);
  const uint64_t stated = BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_PRESENT_FEATURE) | BIT(CLS_HANDLE_OBJECTION) |
                          BIT(CLS_SUMMARIZE_BENEFITS);
  if (!r->norm || !(r->moves & ask) || (r->model_moves & ask) || (r->moves & CLS_ASK_MOVES & ~ask) ||
      !(r->moves & stated) || r->slots[CLS_SLOT_TIME])
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  if (ncl < 2 || !checks_this(r->norm, &cl[ncl - 1])) return;
  for (int k = 0; k < ncl - 1; k++)
    if (cl[k].mood != CL_MOOD_STATEMENT) return;
  for (int i = 0; i < r->n_matches; i++)
    if (strcmp(r->matches[i].label, "time") == 0) return;
  r->moves &= ~ask;
  r->specific = r->vague = 0;
  free(r->slots[CLS_SLOT_ACTION]);
  r->slots[CLS_SLOT_ACTION] = NULL;
  cls_match_push_packed(r, "ask_commitment", "rule:answer_check", "engine/classify_answer_check.c:" CLS_STR(__LINE__),
                        0, strlen(r->norm));
}
