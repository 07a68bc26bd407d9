/*
** classify_rebate.c: a rebate the government or a scheme pays, said to run out, is no price cut
** of the seller's (cls_late_rebate_not_cut).
**
** "and the federal rebate finishes end of this month so you really need to lock it in now or you
** lose like 30%" was a loss appeal (right) and a discount, "rebate" being one of the lexicon's
** price-cut words: the debrief charged "-20 you offered a price cut" beside "-20 a deadline before
** the value" (play-test 31c H4).  A rebate (grant, tax credit, incentive) that a third party pays
** (federal, government, state, council, the utility, a scheme, a programme) or that is said to end
** (finishes, ends, expires, runs out, closes, goes away, "you lose") is not the seller lowering the
** price: when every discount phrase of the line is such a rebate and the seller offers none
** ("i can give you a rebate", "we'll throw in a rebate"), the discount goes.  What the line says
** besides (the deadline: a loss appeal) stays.
*/
#include <string.h>

#include "classify_int.h"
#include "text.h"

#define N(a) (sizeof (a) / sizeof *(a))

static const char *const rebates[] = { "rebate", "rebates" };
static const char *const payers[] = { "federal", "government", "state", "council", "utility", "scheme", "program",
                                      "programme", "tax", "the irs", "the grid", "public" };
static const char *const ending[] = { "finishes", "finish", "ends", "ending", "expires", "expire", "runs out",
                                      "run out", "closes", "close", "goes away", "go away", "you lose", "disappears",
                                      "stops", "is gone", "will be gone", "lapses" };
static const char *const offers[] = { "i can give", "we can give", "i'll give", "we'll give", "i will give",
                                      "we will give", "throw in", "i'll throw", "we'll throw", "i can offer",
                                      "we can offer", "from us", "our rebate", "my rebate", "i'll add", "we'll add" };

/* 1 when one of words (n of them) stands in t as a phrase. */
static int holds_any(const char *t, const char *const *words, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (txt_holds_phrase(t, words[k])) return 1;
  return 0;
}

void cls_late_rebate_not_cut(cls_result *r) {
  const uint64_t cut = (uint64_t)1 << CLS_DISCOUNT;
  if (!r->norm || !(r->moves & cut) || !strstr(r->norm, "rebate")) return;
  for (int i = 0; i < r->n_matches; i++) {   /* every discount phrase a rebate */
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "discount") != 0) continue;
    int rebate = 0;
    for (size_t k = 0; k < N(rebates) && !rebate; k++) rebate = strcmp(m->phrase, rebates[k]) == 0;
    if (!rebate) return;
  }
  const char *t = r->norm;
  if (holds_any(t, offers, N(offers))) return;
  if (!holds_any(t, payers, N(payers)) && !holds_any(t, ending, N(ending))) return;
  r->moves &= ~cut;
  r->model_moves &= ~cut;
  cls_match_push_packed(r, "discount", "rule:rebate_not_cut", "engine/classify_rebate.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}

/*
** A price cut offered on the condition that she orders asks for the order (cls_late_cut_if_order).
**
** "ok ok. tell you what, i can knock 10% off if you sign up today" was a discount alone: the order
** words ("sign up today") count only in a line that asks, and a statement asks nothing.  The debrief
** then said "-40 the visit ended without asking the customer for any commitment" of a trainee who
** had asked her to sign twice (play-test 31c H4); "如果您今天下单,我们可以打九折" was already an order
** ask and a discount.  A line read as a discount and no ask, in which an order phrase of the
** lexicon's or the scenario's stands after a condition put to her ("if you", "as long as you",
** "provided you", "once you", 如果, 只要, 要是, or before 的话), is an order ask as well.
*/
static const char *const conditions[] = { "if you", "as long as you", "provided you", "providing you", "once you",
                                          "when you", "if we can", "if we get",
                                          "\xe5\xa6\x82\xe6\x9e\x9c" /* 如果 */, "\xe5\x8f\xaa\xe8\xa6\x81" /* 只要 */,
                                          "\xe8\xa6\x81\xe6\x98\xaf" /* 要是 */ };

/* 1 when the cut follows the order phrase m as what signing brings, joined by 就, 能, 可以 or 便 within
** a few characters and no clause break: "今天签合同能打八折", "现在下单就给您打九折" (play-test 32c M5:
** read as a discount alone, where "今天签合同的话我给您打九折" was an order ask too). */
static int cut_follows(const cls_result *r, const cls_match *m) {
  static const char *const then[] = { "\xe5\xb0\xb1" /* 就 */, "\xe8\x83\xbd" /* 能 */,
                                      "\xe5\x8f\xaf\xe4\xbb\xa5" /* 可以 */, "\xe4\xbe\xbf" /* 便 */ };
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *d = &r->matches[i];
    if (strcmp(d->label, "discount") != 0 || d->start < m->end || d->start - m->end > 24) continue;
    const char *gap = r->norm + m->end;
    size_t len = d->start - m->end;
    if (memchr(gap, ',', len) || memchr(gap, '.', len) || memchr(gap, '?', len)) continue;
    for (size_t k = 0; k < N(then); k++) {
      size_t n = strlen(then[k]);
      for (size_t p = 0; p + n <= len; p++)
        if (memcmp(gap + p, then[k], n) == 0) return 1;
    }
  }
  return 0;
}

/* 1 when the rules read a loss appeal by scarcity and the offer (rule scarcity_offer). */
static int scarce_offer(const cls_result *r) {
  for (int i = 0; i < r->n_matches; i++)
    if (strcmp(r->matches[i].label, "loss_appeal") == 0 && r->matches[i].phrase &&
        strcmp(r->matches[i].phrase, "rule:scarcity_offer") == 0)
      return 1;
  return 0;
}

void cls_late_cut_if_order(cls_result *r) {
  const uint64_t cut = (uint64_t)1 << CLS_DISCOUNT;
  if (!r->norm || !(r->moves & cut) || (r->moves & CLS_ASK_MOVES) || r->negated) return;
  const char *t = r->norm;
  size_t cond = strlen(t) + 1;
  for (size_t k = 0; k < N(conditions); k++) {
    const char *at = strstr(t, conditions[k]);
    if (at && (size_t)(at - t) < cond && (at == t || !((unsigned char)at[-1] < 0x80 && ((at[-1] >= 'a' && at[-1] <= 'z')))))
      cond = (size_t)(at - t);
  }
  const char *dehua = strstr(t, "\xe7\x9a\x84\xe8\xaf\x9d" /* 的话 */);
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "ask_order") != 0) continue;
    /* after a condition put to her, or before the 的话 that closes one ("今天签合同的话") */
    int after_if = m->start >= cond && m->start - cond < 40;
    int before_dehua = dehua && m->end <= (size_t)(dehua - t) && (size_t)(dehua - t) - m->end < 12;
    if (!after_if && !before_dehua && !cut_follows(r, m)) continue;
    r->moves |= (uint64_t)1 << CLS_ASK_ORDER;
    /* the offer's end the rules read in it is then the deadline of that order: the model, which saw
    ** no ask, vetoed it ("我们这个月底活动就结束了,今天签合同能打八折": discount alone, while "这个月
    ** 底活动就结束了。" alone is a loss appeal: play-test 32c M5) */
    if (!CLS_HAS(r, CLS_LOSS_APPEAL) && !CLS_HAS(r, CLS_THREAT) && cls_has_label(r, "loss_appeal") && scarce_offer(r)) {
      r->moves |= (uint64_t)1 << CLS_LOSS_APPEAL;
      r->model_vetoed &= ~((uint64_t)1 << CLS_LOSS_APPEAL);
      r->tactic = CLS_TACTIC_LOSS;
    }
    cls_match_push_packed(r, "ask_order", "rule:cut_if_order", "engine/classify_rebate.c:" CLS_STR(__LINE__),
                          m->start, m->end);
    return;
  }
}
