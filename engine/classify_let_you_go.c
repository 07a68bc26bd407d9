/*
** classify_let_you_go.c: "您先忙" closing a line takes leave; it asks her for nothing
** (cls_late_let_you_go).
**
** Play-test 32b M1: "行,那我下周再来找您,您先忙" tells the seller's next visit and takes leave.  The
** clause reader took "您先忙" for a request of hers and the model read an ask (p 0.60): 李总 answered
** "你具体想让我做什么?什么时候?" and the debrief gave "+10 the highest rung she could give".  A line
** whose every request clause is only such a courtesy (您先忙, 您忙您的, 您忙吧, "I'll let you
** get on", "don't let me keep you") asks nothing: its ask goes, and it takes leave.  Another
** request in the line ("...您先忙,到时候把尾款结一下?") stays the ask it is.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

static const char *const go_on[] = {
  "\xe6\x82\xa8\xe5\x85\x88\xe5\xbf\x99" /* 您先忙 */, "\xe4\xbd\xa0\xe5\x85\x88\xe5\xbf\x99" /* 你先忙 */,
  "\xe6\x82\xa8\xe5\xbf\x99\xe6\x82\xa8\xe7\x9a\x84" /* 您忙您的 */, "\xe4\xbd\xa0\xe5\xbf\x99\xe4\xbd\xa0\xe7\x9a\x84" /* 你忙你的 */,
  "\xe6\x82\xa8\xe5\xbf\x99\xe5\x90\xa7" /* 您忙吧 */, "\xe4\xbd\xa0\xe5\xbf\x99\xe5\x90\xa7" /* 你忙吧 */,
  /* (不打扰您了, 不耽误您 are the lexicon's leave; "不耽误您时间,我就问两个问题" opens a visit) */
  "let you get on", "let you get back", "let you go", "don't let me keep you", "won't keep you", "not keep you" };

/* 1 when clause c of r holds a courtesy of go_on and no step asked: no action, time or money. */
static int only_courtesy(const cls_result *r, const cl_clause *c) {
  return cls_span_has_any(r->norm, c->start, c->end, go_on, N(go_on)) && !cl_has_label(r, c, "action") &&
         !cl_has_label(r, c, "time") && !cl_has_label(r, c, "ask_payment") && !cl_has_label(r, c, "ask_order");
}

void cls_late_let_you_go(cls_result *r) {
  if (!r->norm || !cls_span_has_any(r->norm, 0, strlen(r->norm), go_on, N(go_on))) return;   /* cheap first */
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), courtesy = 0;
  for (int k = 0; k < ncl; k++) {
    if (only_courtesy(r, &cl[k])) { courtesy = 1; continue; }
    if (cl[k].mood == CL_MOOD_REQUEST || cl[k].mood == CL_MOOD_QUESTION) return;   /* she is asked something */
  }
  if (!courtesy) return;
  r->moves &= ~CLS_ASK_MOVES;
  r->model_moves &= ~CLS_ASK_MOVES;
  r->commitment = -1;
  r->specific = r->vague = 0;
  r->moves |= BIT(CLS_LEAVE);
  cls_match_push_packed(r, "leave", "rule:let_you_go", "engine/classify_let_you_go.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
