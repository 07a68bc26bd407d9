/*
** classify_history.c: scarcity told as what happened, the season's end as a date, and a need of
** hers restated are not pressure (cls_late_history_not_scarce).
**
** Play-test 31, a competent tableware visit scored 35 with three "-20 loss before value": "Two
** shops like yours took the last run; one sold all 30 in five weeks at full price" (proof that the
** sets sell: "the last" was read as scarcity), "they'd sell through well before summer ends"
** ("ends" as scarcity, with "sets" as the offer) and a recap of her needs, "stock that's gone by
** the end of the season", were each read as loss appeals; Helen answered "Every wholesaler tells
** me it's the last chance" and the debrief's advice to try was the very benefit said.  A scarcity
** or loss word is excused when it stands in a clause that tells of a run before this one, when it
** is the end of a season or period in a line that asks for nothing ("before summer ends"), or when
** its clause restates one of her needs and looks ahead to nothing (no "if", "will", "unless", "before": restated_pain's test, per clause).  When
** every such word of the line is excused and no loss phrase of the lexicon stands in it, the loss
** appeal the rules or the model read goes.  English only: the Chinese cues of tense differ.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "text.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when clause c of r tells of a run before this one: "the last" with a noun of a run or a
** period after it ("took the last run", "the last batch sold out"), not "the last of" or "the
** last 20 sets", and a past form of a verb in the clause, not after a word that makes it a state
** now ("we're down to the last batch" is now, "were sold out by March last year" names no run
** before and stays the scarcity it implies). */
static int previous_run(const cls_result *r, const cl_clause *c) {
  static const char *const runs[] = { "the last run", "the last batch", "the last season", "the last collection",
                                      "the last edition", "the last series", "the last shipment", "the last launch",
                                      "the last production", "the last range", "the last release", "the last firing",
                                      "the last order", "the last delivery", "the last time", "the last round",
                                      "the last year", "the last spring", "the last summer", "the last autumn",
                                      "the last winter", "the last christmas", "the last campaign" };
  static const char *const past[] = { "was", "were", "had", "did", "took", "sold", "went", "ran", "came",
                                      "bought", "ordered", "cleared", "moved", "flew", "got", "ago" };
  static const char *const now[] = { "are ", "is ", "re ", "be ", "been ", "'s ", "nearly ", "almost ",
                                     "practically ", "virtually ", "basically ", "get ", "getting " };
  if (!cls_span_has_any(r->norm, c->start, c->end, runs, N(runs))) return 0;
  for (size_t k = 0; k < N(past); k++)
    for (size_t at = c->start; at < c->end;) {
      const char *p = txt_find_phrase(r->norm + at, past[k]);
      if (!p || (size_t)(p - r->norm) >= c->end) break;
      int state = 0;
      for (size_t w = 0; w < N(now) && !state; w++) {
        size_t l = strlen(now[w]), off = (size_t)(p - r->norm);
        state = off >= c->start + l && memcmp(p - l, now[w], l) == 0;
      }
      if (!state) return 1;
      at = (size_t)(p - r->norm) + 1;
    }
  return 0;
}

/* 1 when the match m ("ends", "end") follows a word of a season or period: a date, not the offer
** running out. */
static int season_end(const cls_result *r, const cls_match *m) {
  static const char *const period[] = { "summer ", "spring ", "autumn ", "fall ", "winter ", "season ",
                                        "year ", "month ", "quarter ", "term ", "week ", "day ",
                                        "christmas ", "holidays " };
  const char *w = r->norm + m->start;
  if (strncmp(w, "end", 3) != 0) return 0;
  for (size_t k = 0; k < N(period); k++) {
    size_t l = strlen(period[k]);
    if (m->start >= l && memcmp(w - l, period[k], l) == 0) return 1;
  }
  return 0;
}

/* 1 when clause c of r links one of her needs and looks ahead to nothing. */
static int restates_need(const cls_result *r, const cl_clause *c) {
  static const char *const ahead[] = { "if", "unless", "otherwise", "or else", "will", "'ll", "going to",
                                       "next", "soon", "before", "don't", "dont", "won't", "wont" };
  int need = 0;
  for (int i = 0; i < r->n_matches && !need; i++)
    need = strncmp(r->matches[i].label, "need:", 5) == 0 && r->matches[i].start < c->end &&
           r->matches[i].end > c->start;
  if (!need) return 0;
  return !cls_span_has_any(r->norm, c->start, c->end, ahead, N(ahead));
}

void cls_late_history_not_scarce(cls_result *r) {
  const uint64_t loss = BIT(CLS_LOSS_APPEAL);
  if (!r->norm || !((r->moves | r->model_moves) & loss) || !txt_is_ascii(r->norm) || CLS_HAS(r, CLS_THREAT) ||
      CLS_HAS(r, CLS_DISCOUNT))
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = 0, words = 0, asks = (r->moves & CLS_ASK_MOVES) != 0;   /* "before the tax year ends" on an ask: its deadline */
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    int is_rule = strncmp(m->phrase, "rule:", 5) == 0;
    if (strcmp(m->label, "loss_appeal") == 0 && !is_rule) return;   /* a loss phrase of its own */
    if (is_rule || (strcmp(m->label, "scarcity") != 0 && strcmp(m->label, "class:loss") != 0)) continue;
    if (!ncl) ncl = cl_read(r, cl);
    const cl_clause *c = &cl[cl_at(cl, ncl, m->start)];
    if (!previous_run(r, c) && !(season_end(r, m) && !asks) && !restates_need(r, c)) return;
    words++;
  }
  if (!words) return;
  r->moves &= ~loss;
  r->model_moves &= ~loss;
  /* what is left states a benefit of hers, asking nothing: the gain it is ("...and at 40 sets
  ** they'd sell through well before summer ends") */
  if (r->n_benefits > 0 && !(r->moves & CLS_ASK_MOVES) && !CLS_HAS(r, CLS_SUMMARIZE_BENEFITS))
    r->moves |= BIT(CLS_GAIN_APPEAL);
  if (r->tactic == CLS_TACTIC_LOSS || CLS_HAS(r, CLS_GAIN_APPEAL))
    r->tactic = CLS_HAS(r, CLS_GAIN_APPEAL) ? CLS_TACTIC_GAIN : CLS_TACTIC_NONE;
  cls_match_push_packed(r, "loss_appeal", "rule:history_not_scarce",
                        "engine/classify_history.c:" CLS_STR(__LINE__), 0, strlen(r->norm));
}
