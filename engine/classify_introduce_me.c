/*
** classify_introduce_me.c: a request to be put in touch with someone asks for a referral, though
** the line goes on to ask what holds her back (cls_late_introduce_me).
**
** Play-test 31a H3: "Would you feel OK putting me in touch with her, or is there anything that
** would make you hesitate?" and "So, would you be comfortable introducing me, or is something
** holding you back?" ask Maria to introduce her sister, and leave her a way to say no.  The model
** read the first as a check for open points (its "anything", "hesitate") and the second as a
** closed question, so no ask was made: Maria answered both with the next detail of Lucia's water,
** and the trainee's direct question went unanswered twice.  A request clause (the customer would
** act: "would you", "could you") that asks to put the seller in touch with someone or to
** introduce him ("put me in touch", "introduce me", "introducing us", "connect me with"), in a
** line the reader found no ask in, asks: for a referral in a scenario whose ladder has one, else
** for a step (the corpus reads "could you introduce me to your CFO?" as ask_commitment: a meeting
** inside her business).  What the line asks after it (a probe, a check) stays read as well.  Not
** negated, and not in a line already read as an ask.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when the scenario of c has a referral rung. */
static int has_referral_rung(const cls_classifier *c) {
  for (int k = 0; c && c->sc && k < c->sc->n_commitments; k++)
    if (c->sc->commitments[k].kind == SCN_KIND_REFERRAL) return 1;
  return 0;
}

void cls_late_introduce_me(const cls_classifier *c, cls_result *r) {
  static const char *const intro[] = { "put me in touch", "putting me in touch", "put us in touch", "putting us in touch",
                                       "introduce me", "introducing me", "introduce us", "introducing us",
                                       "connect me with", "connecting me with", "connect us with" };
  if (!r->norm || r->negated || (r->moves & (CLS_ASK_MOVES | BIT(CLS_LOWER_ASK))) ||
      !cls_span_has_any(r->norm, 0, strlen(r->norm), intro, N(intro)))
    return;
  /* (a question why she would not, "why would you rather not introduce me to ...?", probes a no) */
  static const char *const no[] = { "not", "never", "why", "don't", "won't", "wouldn't", "couldn't", "can't" };
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  for (int k = 0; k < ncl; k++) {
    if (cl[k].mood != CL_MOOD_REQUEST || cl[k].agent != CL_AGENT_CUSTOMER ||
        !cls_span_has_any(r->norm, cl[k].start, cl[k].end, intro, N(intro)) ||
        cls_span_has_any(r->norm, cl[k].start, cl[k].end, no, N(no)))
      continue;
    cls_move ask = has_referral_rung(c) ? CLS_ASK_REFERRAL : CLS_ASK_COMMITMENT;
    r->moves = (r->moves & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION))) | BIT(ask);
    r->model_vetoed &= ~BIT(ask);
    cls_match_push_packed(r, cls_move_name(ask), "rule:introduce_me", "engine/classify_introduce_me.c:" CLS_STR(__LINE__),
                          cl[k].start, cl[k].end);
    return;
  }
}
