/*
** classify_budget.c: a question about how the customer funds a purchase asks for no payment
** (cls_late_budget_question).
**
** "Martin, how would you want to pay for something like this - is there budget set aside?" asks
** how his company pays for such things: the lexicon's payment word "pay" in a request form ("would
** you want to") made it a payment ask with no date and no amount, scored "-15 an ask names what,
** when", and both buyers answered as if asked to buy ("What exactly are you proposing?"), on the
** discovery question that the rephrasing one turn later showed would bring out a hidden need
** (play-test 32a H3).  So a payment ask that names no time and no sum, in a line that asks, is
** a question about her situation when the line speaks of how purchases are funded (a budget,
** capex or opex, capital, funding, 预算, 资金来源) or of a purchase in general ("something like this",
** "this kind of", "a system like this", 这类, 这种, 类似): open with a question word, else closed.
** "How would you like to pay the balance?" and "尾款您打算怎么付?" name a debt of hers and stay
** asks; a dated ask ("can you pay from this year's budget by Friday?") stays one.  Late, so the
** model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* How purchases are funded, or a purchase spoken of in general: her situation, not her paying. */
static const char *const funding[] = {
  "budget", "capex", "opex", "capital", "operating cost", "operating expense", "fund ", "fund?", "funded",
  "funding", "finance it", "financed", "set aside", "earmarked", "something like this", "anything like this",
  "something like that", "like this?", "like this -", "like this,", "this kind of", "this sort of",
  "预算", "资金来源", "这类", "这种", "类似",
};

void cls_late_budget_question(cls_result *r) {
  if (!r->norm || !r->question || !CLS_HAS(r, CLS_ASK_PAYMENT) || (r->model_moves & BIT(CLS_ASK_PAYMENT)) ||
      r->slots[CLS_SLOT_TIME] || r->has_amount || (r->moves & CLS_ASK_MOVES) != BIT(CLS_ASK_PAYMENT))
    return;
  int general = 0;
  for (size_t k = 0; k < N(funding) && !general; k++) general = strstr(r->norm, funding[k]) != NULL;
  if (!general) return;
  r->moves &= ~BIT(CLS_ASK_PAYMENT);
  r->specific = r->vague = 0;
  r->commitment = -1;
  cls_read_question(r);
  cls_match_push_packed(r, "ask_payment", "rule:budget_question", "engine/classify_budget.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
