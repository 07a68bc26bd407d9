/*
** classify_business.c: a question about how the customer's orders are going is small talk, not an
** order ask (cls_late_orders_busy).
**
** "张科长好!不好意思打扰了。您这厂子看着挺忙啊,最近订单多吧?" opened a lube-factory visit; 订单 is
** one of the lexicon's order words (they count in a line that asks), so the question asked for
** the order: "现在谈这个还太早。" and "-15 no time", "-15 you asked for an order" (play-test 31c
** H1).  The order there is the customer's own business, the subject of a question about its
** volume, not a thing she is asked to place.  A clause that asks (a question) in which the order
** word is followed, within a few characters and before any order verb, by a word of volume or
** state (多, 少, 忙, 满, 饱, 怎么样, 如何, 不错, 还行, 好不好 ...) and holds no verb of placing one
** (下, 签, 定, 给, 交, 走, 订 after it) asks about her business: when the order words of the line
** are all such, the order ask goes and the line is small talk ("是啊,最近一直挺忙的。"), whatever
** it asks besides stays read as itself.  Another clause asking with a placing verb keeps the ask.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* The order words of the lexicon that name the customer's orders as a thing (a noun). */
static const char *const nouns[] = { "\xe8\xae\xa2\xe5\x8d\x95" /* 订单 */, "\xe5\x8d\x95\xe5\xad\x90" /* 单子 */ };
/* Words of volume or state that a question about her orders puts after them. */
static const char *const volume[] = {
  "\xe5\xa4\x9a" /* 多 */, "\xe5\xb0\x91" /* 少 */, "\xe5\xbf\x99" /* 忙 */, "\xe6\xbb\xa1" /* 满 */,
  "\xe9\xa5\xb1" /* 饱 */, "\xe6\x80\x8e\xe4\xb9\x88\xe6\xa0\xb7" /* 怎么样 */, "\xe5\x92\x8b\xe6\xa0\xb7" /* 咋样 */,
  "\xe5\xa6\x82\xe4\xbd\x95" /* 如何 */, "\xe4\xb8\x8d\xe9\x94\x99" /* 不错 */, "\xe8\xbf\x98\xe8\xa1\x8c" /* 还行 */,
  "\xe5\xa5\xbd\xe4\xb8\x8d\xe5\xa5\xbd" /* 好不好 */, "\xe6\x8e\x92\xe5\x88\xb0" /* 排到 */,
  "\xe6\x97\xba" /* 旺 */, "\xe7\xa8\xb3" /* 稳 */ };
/* Verbs that place, sign or settle an order: an ask, whatever else the clause says. */
static const char *const placing[] = { "\xe4\xb8\x8b" /* 下 */, "\xe7\xad\xbe" /* 签 */, "\xe5\xae\x9a" /* 定 */,
                                       "\xe7\xbb\x99" /* 给 */, "\xe4\xba\xa4" /* 交 */, "\xe8\xb5\xb0" /* 走 */,
                                       "\xe8\xae\xa2" /* 订 */, "\xe6\x88\x90\xe4\xba\xa4" /* 成交 */ };

/* Offset of the first of words (n of them) in t[from, to), or `to` when none. */
static size_t first_of(const char *t, size_t from, size_t to, const char *const *words, size_t n) {
  size_t best = to;
  for (size_t k = 0; k < n; k++) {
    size_t l = strlen(words[k]);
    for (size_t i = from; i + l <= best; i++)
      if (memcmp(t + i, words[k], l) == 0) { best = i; break; }
  }
  return best;
}

/* 1 when the order match m of r stands in a question about her orders' volume (see the head). */
static int asks_business(const cls_result *r, const cl_clause *cl, int ncl, const cls_match *m) {
  const char *t = r->norm;
  size_t l = 0;
  for (size_t k = 0; k < N(nouns) && !l; k++)
    if (m->end - m->start == strlen(nouns[k]) && memcmp(t + m->start, nouns[k], m->end - m->start) == 0) l = strlen(nouns[k]);
  if (!l) return 0;
  int c = cl_at(cl, ncl, m->start);
  if (cl[c].mood != CL_MOOD_QUESTION && cl_end_mark(r, &cl[c]) != '?') return 0;
  if (first_of(t, cl[c].start, m->start, placing, N(placing)) < m->start) return 0;   /* 把订单下了 */
  size_t vol = first_of(t, m->end, cl[c].end, volume, N(volume));
  if (vol == cl[c].end || vol > m->end + 12) return 0;   /* (four characters at most between) */
  return first_of(t, m->end, cl[c].end, placing, N(placing)) == cl[c].end;
}

void cls_late_orders_busy(cls_result *r) {
  const uint64_t order = (uint64_t)1 << CLS_ASK_ORDER;
  if (!r->norm || !(r->moves & order) || !strstr(r->norm, nouns[0])) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), seen = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "ask_order") != 0) continue;
    if (!asks_business(r, cl, ncl, m)) return;   /* an order word that asks stands */
    seen++;
  }
  if (!seen) return;
  /* (another clause that asks with a placing verb is an ask of its own: "...最近订单多吧?能不能先下一个?") */
  for (int k = 0; k < ncl; k++)
    if ((cl[k].mood == CL_MOOD_QUESTION || cl[k].mood == CL_MOOD_REQUEST) &&
        first_of(r->norm, cl[k].start, cl[k].end, placing, N(placing)) < cl[k].end &&
        first_of(r->norm, cl[k].start, cl[k].end, nouns, N(nouns)) == cl[k].end)
      return;
  r->moves &= ~order;
  r->model_moves &= ~order;
  r->commitment = -1;
  r->specific = r->vague = 0;
  r->moves |= (uint64_t)1 << CLS_SMALL_TALK;
  cls_match_push_packed(r, "small_talk", "rule:orders_busy", "engine/classify_business.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
