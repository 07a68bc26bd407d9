/*
** classify_talk_later.c: "talk again some time" is a vague ask for a meeting
** (cls_late_talk_later).
**
** "就是找个时间我们再聊聊嘛，有空我再来拜访您。" asks to meet again at no time at all, the very
** ask the debrief's principle quotes as binding nobody ("找时间再聊谁也没有约束"); the rules read
** its 聊聊 after the request 我们再 as "tell me about it" (telling_no_ask: a question, no ask), so the
** line was only the seller's visit and earned no vague_ask, where "那您考虑一下，看什么时候方便再
** 给我" cost -15 (play-test 31b M3).  When the rules took a telling request for no ask and the
** clause of that telling phrase also holds a vague time (the lexicon's `vague` marker: 找个时间,
** 有空, 改天, 回头, "sometime"), the line asks for a talk another day: an ask for a commitment,
** vague.  A talk here and now ("您随便聊聊就行") holds no vague time and stays a question.  Late, so
** the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

void cls_late_talk_later(cls_result *r) {
  const uint64_t ask = (uint64_t)1 << CLS_ASK_COMMITMENT;
  if (!r->norm || (r->moves & CLS_ASK_MOVES) || !cls_has_label(r, "telling:ask")) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), later = 0;
  for (int i = 0; i < r->n_matches && !later; i++) {
    const cls_match *t = &r->matches[i];
    if (t->end <= t->start || strcmp(t->label, "telling") != 0) continue;
    int k = cl_at(cl, ncl, t->start);
    if (cl[k].mood != CL_MOOD_REQUEST) continue;
    for (int j = 0; j < r->n_matches && !later; j++) {
      const cls_match *v = &r->matches[j];
      later = v->end > v->start && strcmp(v->label, "vague") == 0 && cl_at(cl, ncl, v->start) == k;
    }
  }
  if (!later) return;
  r->moves |= ask;
  r->question = 0;
  r->vague = 1;
  r->specific = 0;
  cls_match_push_packed(r, "ask_commitment", "rule:talk_later", "engine/classify_talk_later.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
