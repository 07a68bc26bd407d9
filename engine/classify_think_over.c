/*
** classify_think_over.c: "think it over" said while taking leave is a courtesy, not an ask
** (cls_late_think_over).
**
** "行吧,那我回去把报价单发您微信,您考虑考虑,我下周再来拜访。再见周经理" gives her time and says
** goodbye.  Its 您考虑 is a request form, so the model read an ask (p 0.43) and the customer asked
** "你具体想让我做什么?什么时候?" instead of letting the visit end on its 再见; the debrief charged
** "-15 承诺要讲清做什么、何时、谁或何地" where the English twin ("I'll send you a brochure and a
** quote tomorow") earned the finding it deserves: only the seller agreed to act (play-test 32c H3).
** "Please think it over, I'll call you next week." was read so too.  A line that takes leave or
** promises the seller's own step, asks nothing by a question mark and names no rung, in which every
** clause that asks (a request or question mood, or a request phrase, outside the seller's own
** clauses) only invites her to think it over (考虑, 想想, 琢磨, 斟酌; think it over, have a think,
** sleep on it...) with nothing after the invitation but fillers or his own part, and every time is
** the seller's (in his clause or promise, or after his "I'll" / 我), asks nothing: what it promises
** is his.  "您考虑一下,下周一给我个答复。", "您考虑直接签三年吧" and "Could you think it over and let
** me know by Friday?" ask for an answer by a day or for a step and stay asks (the team corpus's
** twelve lines of that kind read as before).
** Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

static const char *const think[] = { "考虑", "想想", "想一想", "琢磨", "斟酌", "think it over", "think about it",
                                     "think things over", "have a think", "mull it over", "sleep on it",
                                     "consider it" };

static const char *const own[] = { "i'll", "i will", "we'll", "we will", "let me", "我", "咱们" };

/* 1 when a label-l match of r starts in [from, to). */
static int label_in(const cls_result *r, const char *l, size_t from, size_t to) {
  for (int i = 0; i < r->n_matches; i++)
    if (strcmp(r->matches[i].label, l) == 0 && r->matches[i].start >= from && r->matches[i].start < to) return 1;
  return 0;
}

/* 1 when every time in clause k is the seller's: the clause is his, holds his promise
** ("改天再来拜访"), or the time follows his own "I'll" / 我 ("have a think and I'll pop back on
** Thursday"); a time of hers ("下周一给我个答复") is a day asked for. */
static int times_are_sellers(const cls_result *r, const cl_clause *k) {
  if (k->agent == CL_AGENT_SELLER || label_in(r, cls_move_name(CLS_SELLER_ACTION), k->start, k->end)) return 1;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "time") != 0 || m->start < k->start || m->start >= k->end) continue;
    if (!cls_span_has_any(r->norm, k->start, m->start, own, N(own))) return 0;
  }
  return 1;
}

/* 1 when clause k invites her to think it over and nothing more: the phrase, then only fillers
** (一下, 吧, "about it") or the seller's own part ("and I'll ..."), to the clause's end.  "您考虑直接
** 签三年吧" and "您可以考虑把子公司也接进来" ask for the step they name. */
static int bare_invitation(const cls_result *r, const cl_clause *k) {
  static const char *const filler[] = { "一下", "吧", "下", "看", "看看", "about it", "it", "things", "over",
                                        "it over", "for a bit", "a bit", "please", "呀", "啊", "哈" };
  for (size_t i = 0; i < N(think); i++) {
    size_t n = strlen(think[i]);
    for (size_t p = k->start; p + n <= k->end; p++) {
      if (memcmp(r->norm + p, think[i], n) != 0) continue;
      size_t q = p + n;
      for (;;) {   /* past fillers, spaces and punctuation */
        while (q < k->end && strchr(" ,.!~-", r->norm[q])) q++;
        size_t f = 0;
        while (f < N(filler) && !(q + strlen(filler[f]) <= k->end && memcmp(r->norm + q, filler[f], strlen(filler[f])) == 0))
          f++;
        if (f == N(filler)) break;
        q += strlen(filler[f]);
      }
      if (q >= k->end) return 1;
      if (strncmp(r->norm + q, "and ", 4) == 0) q += 4;
      for (size_t o = 0; o < N(own); o++)
        if (strncmp(r->norm + q, own[o], strlen(own[o])) == 0) return 1;
    }
  }
  return 0;
}

void cls_late_think_over(cls_result *r) {
  const uint64_t asks = r->moves & CLS_ASK_MOVES;
  if (!r->norm || asks != BIT(CLS_ASK_COMMITMENT) || r->question || r->commitment >= 0 || r->negated ||
      strchr(r->norm, '?'))
    return;
  /* taking leave or promising his own next step: the invitation is how he hands over */
  if (!CLS_HAS(r, CLS_LEAVE) && !cls_has_label(r, cls_move_name(CLS_SELLER_ACTION))) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), invited = 0;
  for (int k = 0; k < ncl; k++) {
    int thinks = cls_span_has_any(r->norm, cl[k].start, cl[k].end, think, N(think));
    if (!thinks && cl[k].agent != CL_AGENT_SELLER &&
        (cl[k].mood == CL_MOOD_REQUEST || cl[k].mood == CL_MOOD_QUESTION || label_in(r, "request", cl[k].start, cl[k].end)))
      return;   /* another request asks her for something */
    if (thinks && !bare_invitation(r, &cl[k])) return;   /* to think over a step it names */
    if (!times_are_sellers(r, &cl[k])) return;   /* or for a day */
    invited |= thinks;
  }
  if (!invited) return;
  r->moves &= ~(CLS_ASK_MOVES | BIT(CLS_LOWER_ASK));
  r->model_moves &= ~CLS_ASK_MOVES;
  r->specific = r->vague = 0;
  /* what the line promises is the seller's ("我下周再来拜访", "I'll call you next week") */
  if (cls_has_label(r, cls_move_name(CLS_SELLER_ACTION)) && !CLS_HAS(r, CLS_DISCOUNT) && !CLS_HAS(r, CLS_THREAT))
    r->moves |= BIT(CLS_SELLER_ACTION);
  cls_match_push_packed(r, "ask_commitment", "rule:think_over", "engine/classify_think_over.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
