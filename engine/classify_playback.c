/*
** classify_playback.c: the customer's payment situation played back and checked is her need
** confirmed, not an ask for the money nor a summary of benefits (cls_late_situation_playback).
**
** "明白，工人工资肯定得先保证。也就是说您今天能先付两万，剩下的两万八要等甲方的进度款到了才好付，
** 是这样吗？" restates what 李总 said (two thousand today, the rest when his client pays) and asks
** whether that is right.  Its payment words (付两万, 两万八...付) and the lexicon's request 能 ... 吗
** (which runs from 能 to the tag's 吗) made it a payment ask, dated "今天", over the model's p 0.10;
** and the scenario's benefit word 剩下的 made it a summary of benefits over the model's p 0.01.
** The customer took it as the ask and agreed, and the debrief credited a dated payment ask, "+20
** 用客户确认的需求总结利益" and "+15 坚定地讲清了金额和日期" for a question that proposed nothing
** (play-test 31b H2).  When a restating frame (the lexicon's confirm_need or summary phrases, 也就
** 是说, 您的意思是, "so what you're saying") opens the payment words, the line ends on a
** confirmation tag (a confirm_need phrase in its last clause, which holds no payment word), the
** line names no time but now (今天, 现在; a day for the rest, "下周五付清", would be the rep's own
** terms: an ask) and the model read no payment ask, the rules' payment ask goes, and a benefit
** summary the model did not read goes with it: the line is the confirmation it says it is.  Late,
** so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when the time match x says now: 今天, 现在, 马上, today, now. */
static int time_is_now(const cls_result *r, const cls_match *x) {
  static const char *const now[] = { "今天", "现在", "马上", "today", "now", "right now" };
  size_t len = x->end - x->start;
  for (size_t k = 0; k < N(now); k++)
    if (len == strlen(now[k]) && memcmp(r->norm + x->start, now[k], len) == 0) return 1;
  return 0;
}

void cls_late_situation_playback(cls_result *r) {
  const uint64_t pay = BIT(CLS_ASK_PAYMENT), sum = BIT(CLS_SUMMARIZE_BENEFITS);
  if (!r->norm || !(r->moves & pay) || (r->model_moves & pay) || !CLS_HAS(r, CLS_CONFIRM_NEED) ||
      (r->moves & CLS_ASK_MOVES & ~pay))
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  if (ncl < 2) return;
  const cl_clause *tag = &cl[ncl - 1];
  size_t first_pay = strlen(r->norm), frame = (size_t)-1;
  int tagged = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->end <= m->start) continue;
    if (strcmp(m->label, "ask_payment") == 0) {
      if (m->start >= tag->start) return;   /* the tag itself asks for money: "...,今天能付吗?" */
      if (m->start < first_pay) first_pay = m->start;
    } else if (strcmp(m->label, "confirm_need") == 0 || strcmp(m->label, "summary") == 0) {
      if (m->start >= tag->start) tagged |= strcmp(m->label, "confirm_need") == 0;
      else if (m->start < frame) frame = m->start;
    } else if (strcmp(m->label, "time") == 0 && !time_is_now(r, m)) {
      return;   /* a day named: the rep's own terms */
    }
  }
  if (!tagged || frame == (size_t)-1 || frame > first_pay) return;
  r->moves &= ~pay;
  if (!(r->model_moves & sum)) r->moves &= ~sum;
  if (!(r->moves & CLS_ASK_MOVES)) r->specific = r->vague = 0;
  cls_match_push_packed(r, "ask_payment", "rule:situation_playback",
                        "engine/classify_playback.c:" CLS_STR(__LINE__), 0, strlen(r->norm));
}
