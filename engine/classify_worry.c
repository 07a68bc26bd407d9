/*
** classify_worry.c: her worry said back, then the seller's offer for it, answers the worry
** (cls_late_worry_offer).
**
** "明白,您是怕压货卖不动。那我们可以先放一批样品在您店里,卖不动我们回收" names what she fears and
** what the seller will do about it: the core of handling an objection in the seed articles
** (acknowledge, make it clear, answer).  It was read as nothing at all ("moves: (none)"), so the
** customer told her fear again as if unheard and the debrief called the line a question; "I see,
** you worry about the price. We can split it over three months." and "明白了,您担心价格太高。我们
** 可以分三个月付" the same, while "我理解,您是担心压货。我们可以..." was an answer only for its 我理解
** (the team's play, play-test 29).  A clause about her (her agent, or 您/you/your in it) holding a
** word of worry (the lexicon's class:concern: 怕, 担心, afraid, worry, concern), then a later
** clause the seller speaks (his agent, or 我们/我/咱们/we/our/I opening it past 那, so, then)
** handles the objection.  Not in a question ("您是担心压货吗?" checks the worry), nor beside an ask
** or a question move, which the line is read as; beside a pitch (a benefit, a feature, the
** seller's action, a gain, proof) the answer is added.  Late, so the model's features stay as
** trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when t (a clause's text) begins with one of words, past an opening 那 / 那么 / so / then. */
static int opens_with(const char *t, const char *const *words, size_t n) {
  static const char *const lead[] = { "那么", "那", "so ", "then ", "and " };
  while (*t == ' ') t++;
  for (size_t k = 0; k < N(lead); k++)
    if (strncmp(t, lead[k], strlen(lead[k])) == 0) { t += strlen(lead[k]); break; }
  while (*t == ' ') t++;
  for (size_t k = 0; k < n; k++)
    if (strncmp(t, words[k], strlen(words[k])) == 0) return 1;
  return 0;
}

/* 1 when one of words stands in r's text within clause c. */
static int clause_has(const cls_result *r, const cl_clause *c, const char *const *words, size_t n) {
  for (size_t k = 0; k < n; k++) {
    size_t l = strlen(words[k]);
    for (size_t i = c->start; i + l <= c->end; i++)
      if (memcmp(r->norm + i, words[k], l) == 0) return 1;
  }
  return 0;
}

void cls_late_worry_offer(cls_result *r) {
  const uint64_t pitch = BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_PRESENT_FEATURE) | BIT(CLS_SELLER_ACTION) |
                         BIT(CLS_GAIN_APPEAL) | BIT(CLS_PROOF);
  if (!r->norm || r->question || r->negated || (r->moves & ~pitch) || CLS_HAS(r, CLS_HANDLE_OBJECTION))
    return;
  static const char *const her[] = { "您", "你", "you", "your" };
  static const char *const seller[] = { "我们", "咱们", "我", "we ", "we'", "our ", "i'll ", "i can ", "i will " };
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), worry = -1;
  for (int k = 0; k < n && worry < 0; k++)
    if (cl_has_label(r, &cl[k], "class:concern") && cl[k].mood == CL_MOOD_STATEMENT &&
        (cl[k].agent == CL_AGENT_CUSTOMER || clause_has(r, &cl[k], her, N(her))))
      worry = k;
  if (worry < 0) return;
  for (int k = worry + 1; k < n; k++) {
    if (cl[k].agent != CL_AGENT_SELLER && !opens_with(r->norm + cl[k].start, seller, N(seller))) continue;
    r->moves |= BIT(CLS_HANDLE_OBJECTION);
    cls_match_push_packed(r, "handle_objection", "rule:worry_offer",
                          "engine/classify_worry.c:" CLS_STR(__LINE__), cl[worry].start, cl[k].end);
    return;
  }
}
