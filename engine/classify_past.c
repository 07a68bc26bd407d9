/*
** classify_past.c: a favour the customer already did, recalled with thanks, asks for nothing
** (cls_late_past_favour).
**
** "上次您帮忙把项目报进预算了,太感谢了。这次想问问,孙副院长那边一般看这种项目最看重哪几点?" opens
** campaign visit 2 by thanking 赵主任 for visit 1's step and asks what the vice-president values:
** 您帮 made its first clause a request, with the budget rung's keywords (报进, 预算) in it, and the
** debrief gave "-15 no time", "+10 the budget step is the most she can give" (won a visit
** before), "-15 no check first" and "-15 no summary first" for a discovery question (play-test
** 29c F2).  When every request clause of an ask the rules read (not the model) tells the past (a
** past marker, 上次, 之前, "last time", and 了 or "did", "helped" in it), the ask goes: the rest
** of the line is read as itself (the question it asks).
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when one of words (n of them) stands in t[from, to). */
static int span_has(const char *t, size_t from, size_t to, const char *const *words, size_t n) {
  for (size_t k = 0; k < n; k++) {
    size_t l = strlen(words[k]);
    for (size_t i = from; i + l <= to; i++)
      if (memcmp(t + i, words[k], l) == 0) return 1;
  }
  return 0;
}

/* See classify_int.h. */
int cls_clause_tells_done(const cls_result *r, const cl_clause *c) {
  static const char *const done[] = { "\xe4\xba\x86" /* 了 */, "\xe8\xbf\x87" /* 过 */, " did ", " helped ",
                                      " got ", " put ", " made " };
  static const char *const past_en[] = { "last time", "last week", "last visit", "the other day" };
  int past = cl_has_label(r, c, "past") || span_has(r->norm, c->start, c->end, past_en, N(past_en));
  return past && span_has(r->norm, c->start, c->end, done, N(done));
}

/* 1 when request clause c only asks her view: a what / how / which word in it, and no step, time
** or vague time named ("那接下来您看怎么推进比较好?" after the thanks asks how she would go on:
** play-test 32, read as an ask for the budget rung won a visit before, with "-15 no check" and
** "-15 no summary" beside it; "您看什么时候方便?" and "您看下周三能不能帮我约一下孙院长?" still ask). */
static int asks_her_view(const cls_result *r, const cl_clause *c) {
  if (!cl_has_label(r, c, "asking_wh") || cl_has_label(r, c, "action") || cl_has_label(r, c, "time") ||
      cl_has_label(r, c, "vague"))
    return 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->start >= c->start && m->end <= c->end && strncmp(m->label, "commitment:", 11) == 0) return 0;
  }
  return 1;
}

void cls_late_past_favour(cls_result *r) {
  const uint64_t ask = (uint64_t)1 << CLS_ASK_COMMITMENT;
  if (!r->norm || !(r->moves & ask) || (r->model_moves & ask) || (r->moves & CLS_ASK_MOVES & ~ask) || r->vague ||
      r->slots[CLS_SLOT_TIME])
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), requests = 0;
  if (ncl < 2) return;
  for (int k = 0; k < ncl; k++) {
    if (cl[k].mood != CL_MOOD_REQUEST) continue;
    if (cls_clause_tells_done(r, &cl[k])) {
      requests++;
      continue;
    }
    if (!asks_her_view(r, &cl[k])) return;   /* an ask of its own stands */
  }
  if (!requests) return;
  r->moves &= ~(ask | ((uint64_t)1 << CLS_LOWER_ASK));
  r->commitment = -1;
  r->specific = r->vague = 0;
  cls_match_push_packed(r, "ask_commitment", "rule:past_favour", "engine/classify_past.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
  /* (a thank-you beside it is still a question: "..., 太感谢了。这次想问问, ...哪几点?") */
  if (!(r->moves & ~((uint64_t)1 << CLS_THANK | (uint64_t)1 << CLS_GREET | (uint64_t)1 << CLS_PRAISE)))
    cls_read_question(r);
}
