/*
** classify_clause_person.c: a request to a named person after a statement (cls_late_clause_person).
**
** "Right so you need PickRight. Can Martin sign the full rollout today? Price goes up next month."
** asks Martin to sign: the line alone ("Can Martin sign the full rollout today?") is an order ask,
** but cls_late_person_request reads "could / would / can / will + a person" only where the line
** opens, and a recap or remark before it hid the ask: the debrief said no commitment was asked at
** all (-40, play-test 32a H1).  So a question clause after the first that opens with one of those
** modals and then a person (the scenario's people or the lexicon's), in a line with a time and no
** ask read yet, is the request that clause makes: an order when the clause names one (sign, a
** contract, an order, a rollout: cls_names_order), else a step; specific, as the person implies
** the step.  English; late, so the model's features stay as trained.
*/
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "util.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* Bytes of the modal clause text t opens with ("can ", "could "...), or 0. */
static size_t modal_len(const char *t) {
  static const char *const modal[] = { "could ", "would ", "can ", "will " };
  for (size_t k = 0; k < N(modal); k++)
    if (strncmp(t, modal[k], strlen(modal[k])) == 0) return strlen(modal[k]);
  return 0;
}

/* 1 when a person match of r starts at byte `at`. */
static int person_at(const cls_result *r, size_t at) {
  for (int i = 0; i < r->n_matches; i++)
    if (r->matches[i].start == at && r->matches[i].end > at &&
        strcmp(r->matches[i].label, cls_slot_name(CLS_SLOT_PERSON)) == 0)
      return 1;
  return 0;
}

void cls_late_clause_person(cls_result *r) {
  if (!r->norm || !r->question || r->negated || !r->slots[CLS_SLOT_TIME] || !r->slots[CLS_SLOT_PERSON] ||
      (r->moves & CLS_ASK_MOVES))
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  for (int k = 1; k < ncl; k++) {
    if (cl[k].mood != CL_MOOD_QUESTION) continue;
    size_t at = cl[k].start;
    while (at < cl[k].end && r->norm[at] == ' ') at++;
    size_t m = modal_len(r->norm + at);
    if (!m || !person_at(r, at + m)) continue;
    char *text = xstrndup(r->norm + at, cl[k].end - at);
    cls_move ask = cls_names_order(text) ? CLS_ASK_ORDER : CLS_ASK_COMMITMENT;
    free(text);
    r->moves = (r->moves & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION))) | BIT(ask);
    r->model_moves &= ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION));
    r->vague = cls_has_label(r, "vague");
    r->specific = !r->vague;
    cls_match_push_packed(r, cls_move_name(ask), "rule:clause_person",
                          "engine/classify_clause_person.c:" CLS_STR(__LINE__), cl[k].start, cl[k].end);
    return;
  }
}
