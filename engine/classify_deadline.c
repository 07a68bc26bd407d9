/*
** classify_deadline.c: pressure of time the lexicon's phrases or the model miss in English.
**
** 1. A deal said to end at a time (cls_late_deal_ends): "We've got a promo on till the end of the
**    month so now's the time" was an order ask and nothing more, so deadline pressure before any
**    value was accepted went unjudged (play-test 29d, a trainer's own visit; play-test 29b found
**    the Chinese "我们这个月有政策,过了这个月就没了哦", cls_late_deal_runs_out).  A deal word
**    (promo, promotion, offer, deal, discount, special price, sale) and either its own end with a
**    time (till, until, ends, runs out, expires within a few words after it, and the reader's time
**    slot) or "now's the time", "won't last", "while it lasts" in the line; not a deal told as over
**    (ended, expired, was, ran, last month's), not asked about, and not where a loss or a threat is
**    read already.  "Invoice for the spring promo ... before the 12th" and "put the offer in first
**    thing" (a payment's due day, a house buyer's offer) are no deadline: the team corpus holds
**    both.
** 2. A price rise with a date (cls_late_price_rise): "honestly prices go up in april so the
**    sooner you get the trial booked the better" had the lexicon's loss phrase "prices go up" and
**    the model's veto (p 0.37 < 0.38), so a rep pressing with a price rise showed no tactic at all.
**    A loss phrase of the lexicon naming a price rise, with a time in the line, outside a question
**    clause, is the loss appeal it says.
** 3. Blame held over her (cls_late_blame_fear): "you dont want to be the one explaining that to the
**    CEO right?" and "到时候出了问题,您也不想去跟院长解释吧?" press with the fear of answering for a
**    failure, a loss appeal with no deadline; read as handling her objection and a confirmation, the
**    line that ended the visit ("I think we're done here.") had no finding (play-test 29e #5).  "you
**    don't want to be the one", "you don't want to explain/answer for/take the blame", "您也不想...
**    解释/交代/背锅/担责任" (hers: "我不想给您添麻烦" is none); not negated the other way ("you won't have to explain"), not where a loss
**    or a threat is read already.
** Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when one of words (n of them) stands in t as a whole word (cls_span_has_any). */
static int has_word(const char *t, const char *const *words, size_t n) {
  return cls_span_has_any(t, 0, strlen(t), words, n);
}

/* 1 when the line is read as pressing already, or denies it. */
static int pressing_or_denied(const cls_result *r) {
  return !r->norm || r->negated || CLS_HAS(r, CLS_LOSS_APPEAL) || CLS_HAS(r, CLS_THREAT);
}

/* Makes r a loss appeal, by rule id. */
static void make_loss(cls_result *r, const char *rule, const char *source) {
  r->moves |= BIT(CLS_LOSS_APPEAL);
  r->tactic = CLS_TACTIC_LOSS;
  cls_match_push_packed(r, "loss_appeal", rule, source, 0, strlen(r->norm));
}

/* 1 when, after a deal word of t, an end word follows within DEAL_END_BYTES ("promo on till the
** end of the month", "the offer ends friday"): the deal's own end, not the day of something else
** ("could you pay the spring promo invoice before the 12th?", "put the offer in by tonight"). */
#define DEAL_END_BYTES 24
static int deal_then_end(const char *t, const char *const *deal, size_t nd) {
  static const char *const end[] = { " till ", " until ", " ends", " ending", " runs out", " expires", " finishes",
                                     " is only on", " only runs" };
  for (size_t d = 0; d < nd; d++)
    for (const char *p = strstr(t, deal[d]); p; p = strstr(p + 1, deal[d])) {
      const char *after = p + strlen(deal[d]);
      for (size_t e = 0; e < N(end); e++) {
        const char *q = strstr(after, end[e]);
        if (q && q - after <= DEAL_END_BYTES) return 1;
      }
    }
  return 0;
}

void cls_late_deal_ends(cls_result *r) {
  static const char *const deal[] = { "promo", "promotion", "offer", "deal", "discount", "special price", "sale" };
  static const char *const now[] = { "now's the time", "now is the time", "won't last", "wont last",
                                     "while it lasts", "while they last" };
  static const char *const over[] = { "ended", "expired", "was", "were", "ran", "finished", "last month's",
                                      "last year's" };
  if (pressing_or_denied(r) || !has_word(r->norm, deal, N(deal)) || has_word(r->norm, over, N(over))) return;
  int timed = r->slots[CLS_SLOT_TIME] && deal_then_end(r->norm, deal, N(deal));
  if (!timed && !has_word(r->norm, now, N(now))) return;
  cl_clause cl[CL_MAX_CLAUSES];   /* the deal told, not asked about ("does the promo run till May?") */
  int n = cl_read(r, cl);
  for (int k = 0; k < n; k++)
    if (cl[k].mood == CL_MOOD_QUESTION) {
      const char *c = r->norm + cl[k].start;
      size_t l = cl[k].end - cl[k].start;
      for (size_t d = 0; d < N(deal); d++) {
        const char *p = strstr(c, deal[d]);
        if (p && (size_t)(p - c) < l) return;
      }
    }
  make_loss(r, "rule:deal_ends", "engine/classify_deadline.c:" CLS_STR(__LINE__));
}

void cls_late_price_rise(cls_result *r) {
  static const char *const rise[] = { "price", "涨价" };
  if (pressing_or_denied(r) || !r->slots[CLS_SLOT_TIME]) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->end <= m->start || strcmp(m->label, "loss_appeal") != 0) continue;
    int said = 0;
    for (size_t k = 0; k < N(rise) && !said; k++) {
      const char *p = strstr(r->norm + m->start, rise[k]);
      said = p && (size_t)(p - r->norm) < m->end;
    }
    if (!said || cl[cl_at(cl, n, m->start)].mood == CL_MOOD_QUESTION) continue;
    make_loss(r, "rule:price_rise", "engine/classify_deadline.c:" CLS_STR(__LINE__));
    return;
  }
}

void cls_late_blame_fear(cls_result *r) {
  static const char *const en[] = { "you don't want to be the one", "you dont want to be the one",
                                    "you do not want to be the one", "you don't want to explain",
                                    "you dont want to explain", "you don't want to answer for",
                                    "you don't want to take the blame", "you dont want to take the blame",
                                    "you don't want to be explaining", "you dont want to be explaining" };
  static const char *const zh_lead[] = { "您也不想", "你也不想", "您不想", "你不想", "您可不想", "你可不想" };   /* hers, not the seller's */
  static const char *const zh_blame[] = { "解释", "交代", "背锅", "担责任", "负责任", "挨批" };
  if (!r->norm || CLS_HAS(r, CLS_LOSS_APPEAL) || CLS_HAS(r, CLS_THREAT)) return;
  int hit = 0, you_d = strstr(r->norm, "you d") != NULL, not_want = strstr(r->norm, "\xe4\xb8\x8d\xe6\x83\xb3" /* 不想 */) != NULL;   /* (in each) */
  for (size_t k = 0; you_d && k < N(en) && !hit; k++) hit = strstr(r->norm, en[k]) != NULL;
  for (size_t k = 0; not_want && k < N(zh_lead) && !hit; k++) {
    const char *p = strstr(r->norm, zh_lead[k]);
    if (!p) continue;
    for (size_t b = 0; b < N(zh_blame) && !hit; b++) {
      const char *q = strstr(p, zh_blame[b]);
      hit = q && q - p <= 39;   /* "您也不想到时候去跟院长交代": the blame within a dozen characters */
    }
  }
  if (!hit) return;
  make_loss(r, "rule:blame_fear", "engine/classify_deadline.c:" CLS_STR(__LINE__));
}
