/*
** classify_rung_ask.c: a question in the shape of a request that names a rung by meaning asks for
** it (cls_late_rung_by_meaning).
**
** A rung links by meaning only in a line read as an ask (classify_model.c), and the reader knows
** asks by their phrases: "Next time you two chat, would you put in a good word for ClearSpring?",
** "Could I have her phone details, and would it be alright if I say you sent me?" and "What if I
** mark forty sets as yours, nobody else gets them until Friday lunchtime, ...?" were closed or open
** questions, each 0.46 to 0.55 from its rung's examples, and the step they propose went unheard
** (tuning part of the paraphrase sets, docs/classifier.md 1d, play-test 31).  A line that asks (a
** question, not negated, no ask read yet) with a clause of a request's shape (a request by the
** clause reader, or a question that opens by proposing: "would you", "could i", "what if we", ...;
** 行吗, 好吗 ... closing a Chinese one) in a sentence ending in a question mark, not asking to be
** told something, and whose nearest rung by meaning passes its threshold and scores RUNG_ASK_MIN or
** more, asks for that rung.  "Is Marcus based at Reno or does he move between the sites?" scores
** 0.43 against the trial with the Reno engineer, but asks nothing of her: no request's shape.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "link.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* The score by meaning a rung must reach for a request-shaped question to ask for it, besides its
** calibrated threshold: a line the reader heard no ask in needs more than the least evidence.
** Chosen on the tuning part (docs/classifier.md 1d, play-test 31: right links 851 -> 862 of 958 at
** 0.18 and 0.20, 860 at 0.22 to 0.25, 858 at 0.30, wrong links 40 at all of them; 41 from 0.15
** down). */
#define RUNG_ASK_MIN 0.20f

/* 1 when clause c of r proposes a step in its opening words (after fillers) or, in Chinese, in its
** closing tag. */
static int proposes(const cls_result *r, const cl_clause *c) {
  static const char *const open[] = { "would you ", "could you ", "will you ", "can you ", "could i ", "can i ",
                                      "may i ", "could we ", "can we ", "shall we ", "shall i ", "should we ",
                                      "what if i ", "what if we ", "how about we ", "how about i ", "would it be ",
                                      "is it ok if ", "is it okay if ", "would you mind ", "do you mind ",
                                      "mind ", "are you open to ", "would you be " };
  static const char *const skip[] = { "so ", "and ", "but ", "then ", "ok ", "okay ", "well ", "look ", "now ",
                                      "listen ", "alright " };
  static const char *const tag[] = { "\xe8\xa1\x8c\xe5\x90\x97" /* 行吗 */, "\xe5\xa5\xbd\xe5\x90\x97" /* 好吗 */,
                                     "\xe6\x88\x90\xe4\xb8\x8d" /* 成不 */, "\xe8\xa1\x8c\xe4\xb8\x8d" /* 行不 */,
                                     "\xe5\x8f\xaf\xe4\xbb\xa5\xe5\x90\x97" /* 可以吗 */,
                                     "\xe5\xa5\xbd\xe4\xb8\x8d\xe5\xa5\xbd" /* 好不好 */ };
  const char *t = r->norm + c->start;
  size_t len = c->end - c->start;
  for (int again = 1; again;) {   /* fillers, in any order ("so ok would you ...") */
    again = 0;
    for (size_t k = 0; k < N(skip); k++) {
      size_t l = strlen(skip[k]);
      if (len > l && memcmp(t, skip[k], l) == 0) { t += l; len -= l; again = 1; }
    }
  }
  for (size_t k = 0; k < N(open); k++)
    if (len > strlen(open[k]) && memcmp(t, open[k], strlen(open[k])) == 0) return 1;
  while (len > 0 && strchr(" ,.;:!?", t[len - 1])) len--;
  for (size_t k = 0; k < N(tag); k++) {
    size_t l = strlen(tag[k]);
    if (len >= l && memcmp(t + len - l, tag[k], l) == 0) return 1;
  }
  return 0;
}

/* 1 when clause c asks to be told something ("could you tell me what happened on the night of the
** 3rd?", "can you walk me through how ...", 能不能说说为什么): a question word opening it (not
** "what if", "how about") or inside it past its opening (not "when" or "where", which date or
** place a step), or a verb of telling.  It asks for an answer, not a step, whatever its words share with a
** rung ("night", "3rd": the night pilot). */
static int asks_to_tell(const cls_result *r, const cl_clause *c) {
  static const char *const wh[] = { " what ", " how ", " why ", " who ", " which ", " whether ", " tell me",
                                    " explain", " describe", " walk me through",
                                    "\xe4\xb8\xba\xe4\xbb\x80\xe4\xb9\x88" /* 为什么 */,
                                    "\xe8\xaf\xb4\xe8\xaf\xb4" /* 说说 */, "\xe8\xae\xb2\xe8\xae\xb2" /* 讲讲 */ };
  static const char *const lead[] = { "what ", "how ", "why ", "who ", "which " };
  static const char *const proposal[] = { "what if ", "how about " };
  size_t from = c->start;
  while (from < c->end && r->norm[from] == ' ') from++;
  /* (opened by one: "what would you need to see before spending money on fixing this?" asks
  ** Martin for his conditions, not for a step; "what if we ..." and "how about ..." propose) */
  for (size_t k = 0; k < N(lead); k++)
    if (strncmp(r->norm + from, lead[k], strlen(lead[k])) == 0) {
      int proposes_step = 0;
      for (size_t p = 0; p < N(proposal) && !proposes_step; p++)
        proposes_step = strncmp(r->norm + from, proposal[p], strlen(proposal[p])) == 0;
      if (!proposes_step) return 1;
    }
  for (size_t k = 0; k < N(wh); k++) {
    size_t l = strlen(wh[k]);
    for (size_t i = from + 1; i + l <= c->end; i++)   /* past the opening word ("what if ...") */
      if (memcmp(r->norm + i, wh[k], l) == 0) return 1;
  }
  return 0;
}

/* 1 when the sentence of clause k of cl[0..n) ends in a question mark: it asks, to its end
** ("..., 您亲自去看看刘总的店卖得怎么样,问问他本人" suggests, and a scenario test reads it so). */
static int sentence_asks(const cls_result *r, const cl_clause *cl, int n, int k) {
  for (int j = k; j < n; j++) {
    char m = cl_end_mark(r, &cl[j]);
    if (m == '?' || m == '.' || m == '!') return m == '?';
  }
  return 0;
}

/* 1 when clause c, in a line that asks who decides, only asks whether someone is in it too, with
** no step of its own: "除了孙院长,立项还要过谁?护理部要不要一起?" names 孙院长 and 立项, the words of
** the briefing rung, and was read as asking for it (-45 and "行是行,你说个时间。", play-test 32b H2);
** "...设备科要不要一起过来听听?" proposes a step (过来) and stays a request. */
static int joins_chain(const cls_result *r, const cl_clause *c) {
  static const char *const along[] = { "\xe4\xb8\x80\xe8\xb5\xb7" /* 一起 */, "\xe4\xb9\x9f" /* 也 */, "too", "as well", "also" };
  return CLS_HAS(r, CLS_ASK_DECISION_CHAIN) && !cl_has_label(r, c, "action") && !cl_has_label(r, c, "time") &&
         cls_span_has_any(r->norm, c->start, c->end, along, N(along));
}

void cls_late_rung_by_meaning(const cls_classifier *c, cls_result *r) {
  if (!c || !c->links || !c->sc || !r->norm || !r->question || r->negated || (r->moves & CLS_ASK_MOVES)) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), shaped = 0;
  for (int k = 0; k < n && !shaped; k++)
    shaped = (cl[k].mood == CL_MOOD_REQUEST || (cl[k].mood == CL_MOOD_QUESTION && proposes(r, &cl[k]))) &&
             !asks_to_tell(r, &cl[k]) && sentence_asks(r, cl, n, k) && !joins_chain(r, &cl[k]);
  if (!shaped) return;
  lnk_hit h;
  if (lnk_rank(c->links, c->stem, r->norm, strlen(r->norm), LNK_COMMITMENT, &h, 1) != 1 ||
      !lnk_linkable(c->links, LNK_COMMITMENT, h.item) || h.score < RUNG_ASK_MIN || !lnk_passes(c->links, &h))
    return;
  scn_kind kind = c->sc->commitments[h.item].kind;
  cls_move m = kind == SCN_KIND_ORDER ? CLS_ASK_ORDER : kind == SCN_KIND_REFERRAL ? CLS_ASK_REFERRAL
             : kind == SCN_KIND_PAYMENT ? CLS_ASK_PAYMENT : CLS_ASK_COMMITMENT;
  /* (as make_ask in classify_rules.c: the ask in place of the question, vague by its marker,
  ** specific when it names who or where and the step) */
  r->moves |= (uint64_t)1 << m;
  r->moves &= ~(((uint64_t)1 << CLS_CLOSED_QUESTION) | ((uint64_t)1 << CLS_OPEN_QUESTION) | ((uint64_t)1 << CLS_SELLER_ACTION));
  r->vague = cls_has_label(r, "vague");
  r->specific = !r->vague && r->slots[CLS_SLOT_ACTION] && (r->slots[CLS_SLOT_PERSON] || r->slots[CLS_SLOT_PLACE]);
  /* (the rung itself is linked by cls_link_meaning, with its evidence, as for any ask) */
  cls_match_push_packed(r, cls_move_name(m), "rule:rung_by_meaning", "engine/classify_rung_ask.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
