/*
** classify_topic_seller.c: the seller's own step told after a fronted topic ("踢脚线的接缝我明天
** 上午就安排师傅过去重新处理,处理完请您验收") is his, not an action asked of her
** (cls_late_topic_seller).
**
** The reader knows a clause as the seller's when 我/我们 opens it (marker `seller`, ^我); Chinese
** puts the topic first, so "踢脚线的接缝我明天..." opened with the topic and its 安排 and 明天上午
** were read as her action and its time beside the request form 请您 of "处理完请您验收".  The
** rule request_action (or the model, by the same action and time features) made the line an ask;
** in the collection visit every ask is a payment ask, so the fix offered for her complaint was
** "-15, your payment request names no amount" (play-test 30c, finding 5).  A clause holding no
** request form whose first 我 stands before its actions and times, with no 您/你/咱 before that
** 我, is the seller's; when every action and time of the line stands in such clauses, the line
** asks her no step of her own: the ask is dropped (a rung named, a sum named or another ask keep
** it).  Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* Offset of the first occurrence of s in r's text within [from, to), or `to` when there is none. */
static size_t find_in(const cls_result *r, size_t from, size_t to, const char *s) {
  size_t l = strlen(s);
  for (size_t i = from; i + l <= to; i++)
    if (memcmp(r->norm + i, s, l) == 0) return i;
  return to;
}

/* 1 when a match of label starts at byte `at` of r's text. */
static int match_at(const cls_result *r, const char *label, size_t at) {
  for (int i = 0; i < r->n_matches; i++)
    if (r->matches[i].start == at && !strcmp(r->matches[i].label, label)) return 1;
  return 0;
}

/* 1 when clause c of r is the seller's after a fronted topic: no request form in it; a topic, not
** a bare 那/让/要不 ("那我们下周一...试点,好吗?" proposes a joint step), before its first 我, and no
** 您/你/咱 there; that 我 (我们) the subject of a time ("我明天") or of a seller's phrase of the
** lexicon ("我安排", "我会"), not an owner ("来我们工厂看看"); every action and time of the clause
** after it. */
static int topic_seller(const cls_result *r, const cl_clause *c) {
  static const char *const her[] = { "您", "你", "咱" };
  static const char *const joins[] = { "那么", "那", "让", "要不", "然后", "好", "就", "等", "麻烦", "请" };
  if (cl_has_label(r, c, "request")) return 0;
  size_t me = find_in(r, c->start, c->end, "我"), from = c->start;
  if (me == c->end) return 0;
  for (int again = 1; again;) {
    again = 0;
    for (size_t k = 0; k < N(joins); k++) {
      size_t l = strlen(joins[k]);
      if (from + l <= me && memcmp(r->norm + from, joins[k], l) == 0) { from += l; again = 1; }
    }
  }
  if (from >= me) return 0;   /* (no topic: the marker `seller` reads a clause-initial 我) */
  for (size_t k = 0; k < N(her); k++)
    if (find_in(r, c->start, me, her[k]) < me) return 0;
  size_t after = me + strlen("我");
  if (after + strlen("们") <= c->end && memcmp(r->norm + after, "们", strlen("们")) == 0) after += strlen("们");
  if (!match_at(r, "seller_action", me) && !match_at(r, "time", after)) return 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->start < c->start || m->end > c->end) continue;
    if ((!strcmp(m->label, "action") || !strcmp(m->label, "time")) && m->start < me) return 0;
  }
  return 1;
}

/* 1 when the ask is the rule request_action's: a request form paired with an action. */
static int paired_ask(const cls_result *r) {
  for (int i = 0; i < r->n_matches; i++)
    if (!strcmp(r->matches[i].label, "ask_commitment") && r->matches[i].phrase &&
        !strcmp(r->matches[i].phrase, "rule:request_action"))
      return 1;
  return 0;
}

void cls_late_topic_seller(cls_result *r) {
  const uint64_t ask = BIT(CLS_ASK_COMMITMENT);
  if (!r->norm || !(r->moves & ask) || (r->moves & CLS_ASK_MOVES & ~ask) || r->commitment >= 0 || r->has_amount ||
      !paired_ask(r))
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), seller = -1;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "action") && strcmp(m->label, "time")) continue;
    int k = cl_at(cl, ncl, m->start);
    if (!topic_seller(r, &cl[k])) return;   /* (an action or a day of hers: the ask stands) */
    if (seller < 0) seller = k;
  }
  if (seller < 0) return;
  r->moves &= ~ask;
  r->model_moves &= ~ask;
  r->specific = r->vague = 0;
  r->moves |= BIT(CLS_SELLER_ACTION);
  cls_match_push_packed(r, "seller_action", "rule:topic_seller", "engine/classify_topic_seller.c:" CLS_STR(__LINE__),
                        cl[seller].start, cl[seller].end);
}
