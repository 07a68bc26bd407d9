/*
** classify_summary_check.c: a check for open points closing a summary stays a check, however long
** the summary before it (cls_late_summary_check).
**
** Play-test 32b H1: "我总结一下:输液监测到量自动报警到护士站,...;护理白板...;我们有现成的HIS接口
** ...不给您添乱。这样对上您关心的几点了吗?还有没说到的吗" and "...这几条跟您在意的对得上吧?还有
** 啥顾虑您尽管说" end on the check the debrief's own Try line words.  Alone, the last clause reads
** as check_concerns; after a summary of twelve clauses the model, which weighs the whole line,
** vetoed the rules' check (p 0.01) or read none, and the ask on the next turn was "-15 没有先确认
** 客户是否还有顾虑" (three of seven visits).  A line that states value (a summary, a benefit, proof,
** an answer to a worry) and asks for no step keeps check_concerns when one of its last two clauses
** holds a check phrase of the lexicon (还有别的, 还有啥, 其他顾虑...), or is a question about what is
** still unsaid (class unresolved: 没说到, 漏掉...).  Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))

void cls_late_summary_check(cls_result *r) {
  const uint64_t check = BIT(CLS_CHECK_CONCERNS);
  const uint64_t stated = BIT(CLS_SUMMARIZE_BENEFITS) | BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_PROOF) |
                          BIT(CLS_HANDLE_OBJECTION);
  if (!r->norm || (r->moves & check) || !(r->moves & stated) || (r->moves & CLS_ASK_MOVES)) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), at = -1;
  if (ncl < 3) return;   /* a short line is the model's to read whole */
  for (int k = ncl - 1; k >= ncl - 2 && at < 0; k--) {
    const cl_clause *c = &cl[k];
    if (cl_has_label(r, c, "time") || cl_has_label(r, c, "action")) continue;   /* a step proposed */
    if (cl_has_label(r, c, "ask_decision_chain")) return;   /* "...还有哪些部门要参与拍板?" asks who decides */
    /* (what is unsaid asked in a question that closes its sentence: "还有没说到的吗", not "which was
    ** the gap you described," inside a statement) */
    int asks = c->mood == CL_MOOD_QUESTION && (cl_end_mark(r, c) == '?' || (k == ncl - 1 && r->question));
    if (cl_has_label(r, c, "check_concerns") || (asks && cl_has_label(r, c, "class:unresolved")))
      at = k;
  }
  if (at < 0) return;
  r->moves = (r->moves & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION))) | check;
  r->model_vetoed &= ~check;
  cls_match_push_packed(r, "check_concerns", "rule:summary_check", "engine/classify_summary_check.c:" CLS_STR(__LINE__),
                        cl[at].start, cl[at].end);
}
