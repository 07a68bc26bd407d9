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
**
** An acknowledgement opening the line, then the seller's own statement, in a line that names one of
** the scenario's objections, answers it too (cls_late_acknowledged_answer): "理解,白折腾半年谁都怕。
** 我们的做法是一开始就把信息中心拉进来,演示现场他们要的接口文档、安全资质我们都带齐,...这样评估不会
** 拖。" says her worry back only in general words (谁都怕), so worry_offer missed it, and its 接口 made
** it a feature list: 周处长 answered "功能是挺多的……不过这些跟我们有什么关系?" and the worry was
** eased a line later (play-test 30b F1).
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

/* 1 when clause c of r is an acknowledgement alone ("理解,", "明白了。", "Understood,"): its text,
** with the punctuation and a closing particle (啊 哈 呀 的) dropped, is one of the words. */
static int acknowledges(const cls_result *r, const cl_clause *c) {
  static const char *const ack[] = { "理解", "能理解", "可以理解", "完全理解", "非常理解", "太理解了", "明白",
                                     "明白了", "我明白", "我懂", "懂", "了解", "understood", "i understand",
                                     "i get it", "fair enough", "that's fair", "makes sense", "i hear you" };
  size_t s = c->start, e = c->end;
  while (s < e && r->norm[s] == ' ') s++;
  while (e > s && strchr(" ,.!?;:", r->norm[e - 1])) e--;
  static const char *const particle[] = { "啊", "哈", "呀", "的" };
  for (size_t k = 0; k < N(particle); k++) {
    size_t l = strlen(particle[k]);
    if (e - s > l && memcmp(r->norm + e - l, particle[k], l) == 0) { e -= l; break; }
  }
  for (size_t k = 0; k < N(ack); k++)
    if (strlen(ack[k]) == e - s && memcmp(r->norm + s, ack[k], e - s) == 0) return 1;
  return 0;
}

void cls_late_acknowledged_answer(cls_result *r) {
  const uint64_t pitch = BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_PRESENT_FEATURE) | BIT(CLS_SELLER_ACTION) |
                         BIT(CLS_GAIN_APPEAL) | BIT(CLS_PROOF) | BIT(CLS_SMALL_TALK);
  const uint64_t by_model = r->model_moves & BIT(CLS_SUMMARIZE_BENEFITS);
  if (!r->norm || r->n_objections == 0 || r->negated || CLS_HAS(r, CLS_HANDLE_OBJECTION) ||
      (r->moves & ~(pitch | by_model)))
    return;
  static const char *const seller[] = { "我们", "咱们", "我", "we ", "we'", "our ", "i'll ", "i can ", "i will " };
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), k = 0;
  /* ("周处长, 理解, ...": the clause reader takes a bare "理解," for a name too) */
  while (k < n && cl[k].addressed && !acknowledges(r, &cl[k])) k++;
  if (k >= n || !acknowledges(r, &cl[k])) return;
  for (int j = k + 1; j < n; j++) {
    if (cl[j].mood == CL_MOOD_QUESTION || cl[j].mood == CL_MOOD_REQUEST) continue;
    if (cl[j].agent != CL_AGENT_SELLER && !opens_with(r->norm + cl[j].start, seller, N(seller))) continue;
    /* the features it cites are the answer, and a summary the model alone read is none */
    r->moves = (r->moves & ~(BIT(CLS_PRESENT_FEATURE) | by_model)) | BIT(CLS_HANDLE_OBJECTION);
    r->model_moves &= ~(BIT(CLS_PRESENT_FEATURE) | BIT(CLS_SUMMARIZE_BENEFITS));
    cls_match_push_packed(r, "handle_objection", "rule:acknowledged_answer",
                          "engine/classify_worry.c:" CLS_STR(__LINE__), cl[k].start, cl[j].end);
    return;
  }
}
