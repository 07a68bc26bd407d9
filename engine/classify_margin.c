/*
** classify_margin.c: an ask only the model read, at the edge of its threshold, in a line that asks
** nothing by its form, is no ask (cls_late_model_margin).
**
** "理解。换油前我们把系统彻底冲洗,密封件先做兼容测试,试用期间出了问题维修费我们出,写进协议。"
** answers the worry about switching oil: five statements, no question, no request, no day, no
** person, no rung.  The model read an ask from its characters (把, 议, 先, 试) at p 0.35 against a
** threshold of 0.35, and the customer refused the trial again and raised the price (play-test 31c
** M3; without 试用期间 it was a plain feature).  A commitment ask the rules did not read, given by
** the model within ASK_MARGIN of its threshold, in a line none of whose clauses is a question or a
** request, that does not end asking ("?", 吗, 吧, 好吗 ...), names no time and links no rung, goes:
** the evidence of an ask there is the model's guess alone, and a guess on the line.  Above the
** margin the model stands ("Let's get the trial going." asks by its form the model learned).
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "model.h"

#define ASK_MARGIN 0.05f   /* how far above its threshold a bare model ask still goes */

void cls_late_model_margin(const cls_classifier *c, cls_result *r) {
  const uint64_t ask = (uint64_t)1 << CLS_ASK_COMMITMENT;
  if (!r->norm || !c->model || !r->probs || !(r->model_moves & ask) || (r->moves & CLS_ASK_MOVES & ~ask) ||
      r->question || r->slots[CLS_SLOT_TIME] || r->commitment >= 0)
    return;
  int l = mdl_label(c->model, "ask");
  if (l < 0 || l >= r->n_probs || r->probs[l] >= c->model->threshold[l] + ASK_MARGIN) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  for (int k = 0; k < ncl; k++)
    if (cl[k].mood == CL_MOOD_QUESTION || cl[k].mood == CL_MOOD_REQUEST || cl_end_mark(r, &cl[k]) == '?') return;
  r->moves &= ~(ask | ((uint64_t)1 << CLS_LOWER_ASK));
  r->model_moves &= ~(ask | ((uint64_t)1 << CLS_LOWER_ASK));
  r->specific = r->vague = 0;
  cls_match_push_packed(r, "ask_commitment", "rule:model_margin", "engine/classify_margin.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
  if (!r->moves) cls_read_question(r);
}
