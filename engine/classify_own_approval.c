/*
** classify_own_approval.c: "what would it take for you to sign off on it?" asks her criteria, not
** who else decides (cls_late_own_approval).
**
** "Martin, from the finance side, what would something like this have to do for you to sign off
** on it?" asks what Martin, at the table, needs to approve: the lexicon's approval words ("sign
** off", "approv*") made it an ask of the decision chain, and the debrief credited "+10 you asked
** who else takes part in the decision" for a question that named no one else (play-test 32a M6).
** A what / how question whose decision-chain words are only approval words, naming no one else (no
** who, whose, else, other, anyone, besides, a boss or board, nor a person outside the name it is
** addressed to), that makes the one asked the approver ("for you to sign off", "would you need to
** see"), asks her own criteria: an open question, a discovery question as any other.  A question
** about the approval process ("what's the approval path for capex?", "how long does sign-off
** take?", "超过十万的采购,审批流程是怎么走的?") asks how the decision is made, and stays the team
** corpus's decision chain; English only, as the Chinese lines of the corpus are all such.  Late,
** so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when the match's phrase is an approval word only. */
static int approval_word(const char *phrase) {
  static const char *const ok[] = { "sign off", "signs off", "sign-off", "approv*" };
  for (size_t k = 0; k < N(ok); k++)
    if (strcmp(phrase, ok[k]) == 0) return 1;
  return 0;
}

/* 1 when t makes the one asked the approver: "for you to sign off", "would you need to see". */
static int own_criteria(const char *t) {
  static const char *const own[] = { "for you to", "you need", "you'd need", "you would need", "you want to see",
                                     "you'd want to see", "you would want to see", "you to sign", "you to approve",
                                     "you'd be happy to", "you be happy to", "you be comfortable", "you'd be comfortable" };
  if (txt_holds_phrase(t, "how long") || txt_holds_phrase(t, "process") || txt_holds_phrase(t, "path")) return 0;
  for (size_t k = 0; k < N(own); k++)
    if (txt_holds_phrase(t, own[k])) return 1;
  return 0;
}

/* 1 when t names someone besides the one asked. */
static int names_others(const char *t) {
  static const char *const other[] = { "who", "whose", "else", "other", "anyone", "anybody", "besides", "boss",
                                       "board", "manager", "director", "head office", "cfo", "ceo", "team" };
  for (size_t k = 0; k < N(other); k++)
    if (txt_holds_phrase(t, other[k])) return 1;
  return 0;
}

void cls_late_own_approval(cls_result *r) {
  const uint64_t chain = BIT(CLS_ASK_DECISION_CHAIN);
  if (!r->norm || !r->question || !(r->moves & chain) || (r->moves & CLS_ASK_MOVES) || !cls_has_label(r, "wh") ||
      !own_criteria(r->norm) || names_others(r->norm))
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), approval = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->end <= m->start) continue;
    if (strcmp(m->label, "ask_decision_chain") == 0) {
      if (!approval_word(m->phrase)) return;
      approval = 1;
    } else if (strcmp(m->label, cls_slot_name(CLS_SLOT_PERSON)) == 0 && !cl[cl_at(cl, ncl, m->start)].addressed) {
      return;   /* "what does Richard need to approve it?" asks about someone else */
    }
  }
  if (!approval) return;
  r->moves = (r->moves & ~chain) | BIT(CLS_OPEN_QUESTION);
  r->model_moves &= ~chain;
  cls_match_push_packed(r, "open_question", "rule:own_approval", "engine/classify_own_approval.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
