/*
** classify_pay_when.c: a payment ask that asks her when she will pay names no day of its own
** (cls_late_pay_when).
**
** Play-test 32b H4: "那您看下周能不能给我个准话,大概啥时候能结" asks 李总 to name the day; its only
** time, 下周, is when she should tell him.  Read as specific, the debrief said "+15 你提出了有日期、
** 有金额的付款要求" while the customer answered "说具体点:要我做什么,哪天?".  A payment ask with a
** when-word (啥时候, 什么时候, 哪天, 几号, "when can you", "what day") whose every time stands in a
** clause asking to be told (给我个准话, 准信, 答复, 告诉我, "let me know", "get back to me") or is
** leaves the day to her: that time is no day of paying (the time slot goes), not specific; with
** no time at all the ask names no day already.  A day offered beside the when ("下周五还是下下
** 周一,哪天能打过来?") is the seller's proposal and stands.
*/
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

static const char *const when_words[] = {
  "\xe5\x95\xa5\xe6\x97\xb6\xe5\x80\x99" /* 啥时候 */, "\xe4\xbb\x80\xe4\xb9\x88\xe6\x97\xb6\xe5\x80\x99" /* 什么时候 */,
  "\xe5\x93\xaa\xe5\xa4\xa9" /* 哪天 */, "\xe5\x93\xaa\xe4\xb8\x80\xe5\xa4\xa9" /* 哪一天 */,
  "\xe5\x87\xa0\xe5\x8f\xb7" /* 几号 */, "\xe4\xbd\x95\xe6\x97\xb6" /* 何时 */,
  "when can you", "when could you", "when will you", "when would you", "what day", "which day", "what date" };

/* asking to be told: the time of such a clause is when she answers, not when she pays */
static const char *const telling[] = {
  "\xe5\x87\x86\xe8\xaf\x9d" /* 准话 */, "\xe5\x87\x86\xe4\xbf\xa1" /* 准信 */, "\xe7\xad\x94\xe5\xa4\x8d" /* 答复 */,
  "\xe5\x9b\x9e\xe5\xa4\x8d" /* 回复 */, "\xe5\x9b\x9e\xe8\xaf\x9d" /* 回话 */, "\xe5\x91\x8a\xe8\xaf\x89\xe6\x88\x91" /* 告诉我 */,
  "\xe8\xaf\xb4\xe4\xb8\x80\xe5\xa3\xb0" /* 说一声 */, "\xe9\x80\x9a\xe7\x9f\xa5\xe6\x88\x91" /* 通知我 */,
  "let me know", "tell me", "get back to me", "give me an answer", "give me a date" };

void cls_late_pay_when(cls_result *r) {
  if (!r->norm || !CLS_HAS(r, CLS_ASK_PAYMENT) || !r->slots[CLS_SLOT_TIME]) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), asks_when = 0, times = 0;
  for (int k = 0; k < ncl && !asks_when; k++)
    asks_when = cls_span_has_any(r->norm, cl[k].start, cl[k].end, when_words, N(when_words));
  if (!asks_when) return;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "time") != 0 || m->end <= m->start) continue;
    const cl_clause *c = &cl[cl_at(cl, ncl, m->start)];
    if (!cls_span_has_any(r->norm, c->start, c->end, telling, N(telling))) return;   /* a day of the seller's */
    times++;
  }
  if (!times) return;
  free(r->slots[CLS_SLOT_TIME]);
  r->slots[CLS_SLOT_TIME] = NULL;
  r->specific = 0;
  cls_match_push_packed(r, "time", "rule:pay_when", "engine/classify_pay_when.c:" CLS_STR(__LINE__), 0, strlen(r->norm));
}
