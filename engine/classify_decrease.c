/*
** classify_decrease.c: "drop by" followed by an amount is a fall, not a visit
** (cls_late_drop_by_amount).
**
** "So when it goes down at the weekend you're stuck on filter till midweek and the takings drop by
** a third. Have I got that right?" plays her need back and checks it; the lexicon's visit phrase
** "drop by" and the time "midweek" made it an ask to meet as well (the rules' question + customer
** action + time, over the model's p 0.04), and a trainer's own visit lost 45 points on a
** confirmation she answered "That's right." (play-test 29d).  When every visit phrase of the line
** is "drop by" / "drops by" / "dropped by" followed by an amount (a third, a quarter, half, a
** number, a per cent), the ask the rules read from it goes, with its action; the model's own ask
** stays.  Late, so the model's features stay as trained.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when t, past spaces, opens with an amount. */
static int amount_at(const char *t) {
  static const char *const words[] = { "a third", "a quarter", "a half", "half", "a fifth", "a tenth",
                                       "a lot", "a bit", "two thirds", "one third", "a fair bit" };
  static const char *const hedges[] = { "about ", "around ", "roughly ", "nearly ", "almost ", "up to ", "over ",
                                        "more than ", "at least ", "maybe ", "easily " };
  while (*t == ' ') t++;
  /* "drop by about a third" (play-test 31c L5: read as a visit) */
  for (size_t k = 0; k < N(hedges); k++)
    if (strncmp(t, hedges[k], strlen(hedges[k])) == 0) { t += strlen(hedges[k]); break; }
  if (isdigit((unsigned char)*t)) return 1;
  for (size_t k = 0; k < N(words); k++)
    if (strncmp(t, words[k], strlen(words[k])) == 0) return 1;
  return 0;
}

void cls_late_drop_by_amount(cls_result *r) {
  const uint64_t ask = BIT(CLS_ASK_COMMITMENT);
  if (!r->norm || (r->model_moves & ask)) return;
  int seen = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->end <= m->start || strcmp(m->label, "visit_you") != 0) continue;
    static const char *const drop[] = { "drop by", "drops by", "dropped by", "dropping by" };
    const char *w = r->norm + m->start;
    int fall = 0;
    for (size_t k = 0; k < N(drop) && !fall; k++) fall = strncmp(w, drop[k], strlen(drop[k])) == 0;
    if (!fall || !amount_at(r->norm + m->end)) return;   /* a visit of its own */
    seen = 1;
  }
  if (!seen) return;
  /* (with no ask, the action slot a fall left goes too: "Your utility spend would drop by about a
  ** third." had the action "drop by", play-test 31c L5) */
  if (!(r->moves & ask)) {
    if (r->slots[CLS_SLOT_ACTION] && strncmp(r->slots[CLS_SLOT_ACTION], "drop", 4) == 0) {
      free(r->slots[CLS_SLOT_ACTION]);
      r->slots[CLS_SLOT_ACTION] = NULL;
    }
    return;
  }
  r->moves &= ~ask;
  r->specific = r->vague = 0;
  free(r->slots[CLS_SLOT_ACTION]);
  r->slots[CLS_SLOT_ACTION] = NULL;
  cls_match_push_packed(r, "ask_commitment", "rule:drop_by_amount",
                        "engine/classify_decrease.c:" CLS_STR(__LINE__), 0, strlen(r->norm));
  if (r->moves == 0) cls_read_question(r);
}
