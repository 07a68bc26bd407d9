/*
** classify_proposal.c: a question that proposes a dated step of the scenario's ladder asks for
** it (cls_late_dated_proposal).
**
** "From Monday the 3rd, could six of the overnight crew wear headsets for a month, with ops
** choosing who and finance signing off the test?", "What if Beacon watched the Reno depot for
** fourteen days, kicking off Monday the 9th, and your network guy sat in for the first hour?",
** "Before we meet again, would you share how many bad picks you logged each week since July?"
** and "How about I drop off a table for four that you put up front for a fortnight, and you tell
** me which customers pick up a plate?" were open questions: the request has someone else than
** "you" for its subject, or a question word inside it ("how many", "which customers"), so no ask
** was read and no rung linked (the lines of fresh wave 15, opened in play-test 29: eight of its
** rungs missed so).  A line that asks and names a time, whose question opens with a proposal
** (could, would, can, shall, will, what if, how about, why don't, let's, maybe), and that is near
** a rung of the scenario by meaning, above the calibrated threshold (not the lower floor an ask
** already read may use), asks for that rung, of its kind (an order rung: an order ask).  Not a
** question about the past (happened, did, was, were, went, last), nor one opening on a question
** word, nor a line with an ask, a need or a benefit move of its own.  Late, with a scenario only.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "link.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when t (a clause's text) opens with a proposal, past leading spaces and one "so" or "and". */
static int opens_proposal(const char *t) {
  static const char *const lead[] = { "so ", "and ", "ok ", "okay ", "then " };
  static const char *const frames[] = { "could ", "would ", "can ", "shall ", "will ", "what if ", "how about ",
                                        "why don't ", "why dont ", "let's ", "lets ", "maybe ", "what about " };
  while (*t == ' ') t++;
  for (size_t k = 0; k < N(lead); k++)
    if (strncmp(t, lead[k], strlen(lead[k])) == 0) { t += strlen(lead[k]); break; }
  for (size_t k = 0; k < N(frames); k++)
    if (strncmp(t, frames[k], strlen(frames[k])) == 0) return 1;
  return 0;
}

/* 1 when a word of the past stands in t[from, to) as a whole word. */
static int speaks_of_past(const char *t, size_t from, size_t to) {
  static const char *const past[] = { "happened", "did", "was", "were", "went", "last", "ago", "used to" };
  for (size_t k = 0; k < N(past); k++) {
    size_t l = strlen(past[k]);
    for (size_t i = from; i + l <= to; i++)
      if (memcmp(t + i, past[k], l) == 0 && (i == 0 || t[i - 1] == ' ') &&
          (i + l == to || t[i + l] == ' ' || t[i + l] == '?' || t[i + l] == ',' || t[i + l] == '.'))
        return 1;
  }
  return 0;
}

/* The ask move of a rung of kind k. */
static int ask_of(scn_kind k) {
  return k == SCN_KIND_ORDER ? CLS_ASK_ORDER : k == SCN_KIND_PAYMENT ? CLS_ASK_PAYMENT
       : k == SCN_KIND_REFERRAL ? CLS_ASK_REFERRAL : CLS_ASK_COMMITMENT;
}

void cls_late_dated_proposal(const cls_classifier *c, cls_result *r) {
  const uint64_t asking = BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION);
  if (!c->sc || !c->links || !r->norm || !r->question || r->negated || !r->slots[CLS_SLOT_TIME] ||
      !(r->moves & asking) || (r->moves & ~(asking | BIT(CLS_SELLER_ACTION))) || r->n_needs || r->n_benefits)
    return;
  size_t len = strlen(r->norm);
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), at = -1;
  for (int k = 0; k < n && at < 0; k++)   /* the first question clause: it must propose */
    if (cl[k].mood == CL_MOOD_QUESTION || cl[k].mood == CL_MOOD_REQUEST) at = k;
  if (at < 0 || !opens_proposal(r->norm + cl[at].start) || speaks_of_past(r->norm, 0, len)) return;
  lnk_hit h[1];
  if (lnk_link(c->links, c->stem, r->norm, len, 1u << LNK_COMMITMENT, h, 1) != 1) return;
  int j = h[0].item;
  if (j < 0 || j >= c->sc->n_commitments) return;
  r->moves = (r->moves & ~asking) | BIT(ask_of(c->sc->commitments[j].kind));
  r->model_moves &= ~asking;
  cls_match_push_packed(r, "ask_commitment", "rule:dated_proposal",
                        "engine/classify_proposal.c:" CLS_STR(__LINE__), cl[at].start, cl[at].end);
  /* the step is the rung's, so with its time and someone or somewhere it is specific, as an ask
  ** the rules read would be (a payment is judged by its sum and day, cls_payment_named) */
  if (!r->vague && !CLS_HAS(r, CLS_ASK_PAYMENT) && (r->slots[CLS_SLOT_PERSON] || r->slots[CLS_SLOT_PLACE])) {
    r->specific = 1;
    cls_match_push_packed(r, "specific", "rule:dated_proposal", "engine/classify_proposal.c:" CLS_STR(__LINE__),
                          0, len);
  }
}
