/*
** classify_recap.c: a benefits summary told by the visit, not by its words (cls_read_recap).
**
** "ChairTime lets patients move their own bookings online, so Jade gets her mornings back, and
** the text reminders cut no-shows, so those empty hours get filled. Does that cover what you
** need?" sums up: two of the scenario's benefits, each laid against a need the customer voiced,
** right after she confirmed them.  No "to sum up" opens it, so the reader alone (rule 4,
** classify_rules.c) cannot tell it from a first pitch of two benefits; the session can, and
** asks here before the customer reacts, so the customer and the scorer see the same summary
** (play-test 9: the customer and the debrief both missed it, and a trainee who put "So to sum
** up, Ruth:" in front of the same line got the trial the other was refused).
*/
#include <assert.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "util.h"

#define BIT(m) ((uint64_t)1 << (m))

/* 1 when every question of the line comes after the last benefit it names, in clauses of
** their own: the recap is stated, then checked ("... Does that cover what you need?"). */
static int stated_then_checked(const cls_result *r) {
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  size_t last_benefit = 0;
  for (int m = 0; m < r->n_matches; m++)
    if (strncmp(r->matches[m].label, "benefit:", 8) == 0 && r->matches[m].end > last_benefit)
      last_benefit = r->matches[m].end;
  for (int k = 0; k < n; k++)
    if (cl[k].mood == CL_MOOD_QUESTION && cl[k].start < last_benefit) return 0;
  return 1;
}

int cls_read_recap(const cls_classifier *c, cls_result *r, uint64_t known, uint64_t presented,
                   int after_confirm) {
  assert(c && r);
  const scenario *sc = c->sc;
  if (!sc || !r->norm || CLS_HAS(r, CLS_SUMMARIZE_BENEFITS) || (r->moves & CLS_ASK_MOVES) ||
      r->n_benefits < 2)
    return 0;
  uint64_t answered = 0, named = 0;
  for (int i = 0; i < r->n_benefits; i++) {
    int b = r->benefits[i];
    if (b < 0 || b >= sc->n_benefits || b >= 64) continue;
    named |= BIT(b);
    const scn_benefit *bn = &sc->benefits[b];
    for (int j = 0; bn->need_index && j < bn->answers.n; j++)
      if (bn->need_index[j] >= 0 && bn->need_index[j] < 64) answered |= BIT(bn->need_index[j]);
  }
  int n = 0, restated = 0;
  uint64_t said = 0;   /* the needs the line names itself */
  for (int i = 0; i < r->n_needs; i++)
    if (r->needs[i] >= 0 && r->needs[i] < 64) said |= BIT(r->needs[i]);
  for (uint64_t m = answered & known; m; m &= m - 1) n++;
  for (uint64_t m = answered & known & said; m; m &= m - 1) restated++;
  /* answering two needs the customer voiced (one she never voiced besides is the scorer's to
  ** judge: summary_unconfirmed_needs, as after "to sum up"), laid against them right after she
  ** confirmed them or restating benefits already shown: a first pitch of two benefits later on
  ** is a presentation (play-test 8); a line that names two of her needs itself, each with the
  ** benefit that answers it, is the summary whenever it comes ("那用上学工通,签到自动就出来了,
  ** 辅导员早上能省出人来;学生连着没来系统马上报给辅导员,您就不用再等校长打电话了": play-tests,
  ** round 10, the most common complaint) */
  if (n < 2 || !(after_confirm || (named & ~presented) == 0 || restated >= 2)) return 0;
  if (r->question && !stated_then_checked(r)) return 0;
  r->moves |= BIT(CLS_SUMMARIZE_BENEFITS);
  r->moves &= ~(BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_GAIN_APPEAL) | BIT(CLS_SELLER_ACTION) |
                BIT(CLS_PRESENT_FEATURE) | BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION));
  r->model_moves &= ~(BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_GAIN_APPEAL) | BIT(CLS_SELLER_ACTION) |
                      BIT(CLS_PRESENT_FEATURE) | BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION));
  if (r->tactic == CLS_TACTIC_NONE) r->tactic = CLS_TACTIC_GAIN;   /* a summary motivates by gain */
  r->matches = xrealloc(r->matches, (size_t)(r->n_matches + 1) * sizeof *r->matches);
  r->matches[r->n_matches++] = (cls_match){ xstrdup("summarize_benefits"), xstrdup("rule:recap"),
                                            xasprintf("engine/classify_recap.c:%d", __LINE__), 0,
                                            strlen(r->norm) };
  return 1;
}
