/*
** classify_opinion.c: a bare "what about you?" beside a pitch of the price asks what the customer
** thinks of the offer (cls_late_turn_passing).
**
** "Martin what about you, the price is really good, we can do payment terms too" passes the turn
** to Martin with nothing to answer but the price just praised: it asks his opinion of the offer,
** as "So, what do you think?" does, and the need he voiced in answer was "+5 Your question ...
** brought out a need" (play-test 30a F9).  The lexicon's `opinion` phrases end the line; this one
** opens it.  A question clause that is only a turn-passing phrase (what about you, how about you,
** and you, what about yourself), past a name it addresses, in a line whose other clauses offer or
** praise the price (the lexicon's offer and discount words) or tell what the seller can do, gets the
** label `opinion` (what the scorer's asks_opinion reads).  "Martin, what about you: what does a
** mis-pick cost you?" asks something of its own in another question clause, and stays a question.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when clause c of r is only a turn-passing phrase, past a name or one word ("martin what about
** you,"). */
static int passes_turn(const cls_result *r, const cl_clause *c) {
  static const char *const pass[] = { "what about you", "how about you", "and you", "what about yourself",
                                      "how about yourself", "and yourself" };
  size_t from = c->start, to = c->end;
  while (to > from && strchr(" ,.;:!?", r->norm[to - 1])) to--;
  for (int m = 0; m < r->n_matches; m++)   /* past the person it addresses */
    if (strcmp(r->matches[m].label, "person") == 0 && r->matches[m].start == from) from = r->matches[m].end;
  while (from < to && strchr(" ,", r->norm[from])) from++;
  for (size_t k = 0; k < N(pass); k++) {   /* (one word before it: a name the reader does not know, "so") */
    size_t l = strlen(pass[k]);
    if (to - from < l || memcmp(r->norm + to - l, pass[k], l) != 0) continue;
    size_t lead = to - l, spaces = 0;
    if (lead > from && r->norm[lead - 1] != ' ' && r->norm[lead - 1] != ',') continue;
    for (size_t i = from; i < lead; i++) spaces += r->norm[i] == ' ';
    if (lead == from || spaces <= 1) return 1;
  }
  return 0;
}

void cls_late_turn_passing(cls_result *r) {
  if (!r->norm || !r->question || (r->moves & CLS_ASK_MOVES)) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), passing = 0, offered = 0;
  for (int k = 0; k < n; k++) {
    if (cl[k].mood == CL_MOOD_QUESTION || cl[k].mood == CL_MOOD_REQUEST) {
      if (!passes_turn(r, &cl[k])) return;   /* another question of its own */
      passing = 1;
    } else {
      offered |= cl_has_label(r, &cl[k], "offer") || cl_has_label(r, &cl[k], "discount") ||
                 cl[k].agent == CL_AGENT_SELLER;
    }
  }
  if (!passing || !offered) return;
  cls_match_push_packed(r, "opinion", "rule:turn_passing", "engine/classify_opinion.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
