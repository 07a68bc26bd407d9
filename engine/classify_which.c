/*
** classify_which.c: a "which" question in Chinese is open (cls_late_which).
**
** "最让您头疼的是哪件事？" asks her to weigh her own troubles and name the worst, as "什么事" would;
** the lexicon's what/how/why words (wh) hold 哪个 and 哪里 but not 哪件, 哪些, 哪一块, so the rules
** read a question without one: closed (play-test 31b L5; the v1 opening's reading, no score harm).
** The team's corpus draws the line where the tester did: "哪家的收银系统?", "下周您哪天不忙?" ask a
** fact (closed), "您最想先解决哪件事?", "最想改的是哪一条规矩?", "哪家用着最不行?" ask her to judge
** (open).  So when the rules read a closed question, the line holds 哪 followed by a measure word (件,
** 个, 些, 一, 种, 类, 块, 方面, 部分, 项, 条, 位, 家, 天, 段, 步, 环节) and a superlative 最, and offers no
** choice of its own (还是, 或者, 有没有, a 吗), the question is open; so too when the rules read
** the line's question as no question move at all.  Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when t holds 哪 followed by a measure word. */
static int asks_which(const char *t) {
  static const char *const measure[] = { "件", "个", "些", "一", "种", "类", "块", "方面", "部分", "项", "条",
                                         "位", "家", "天", "段", "步", "环节" };
  for (const char *p = strstr(t, "哪"); p; p = strstr(p + 1, "哪"))
    for (size_t k = 0; k < N(measure); k++)
      if (strncmp(p + strlen("哪"), measure[k], strlen(measure[k])) == 0) return 1;
  return 0;
}

void cls_late_which(cls_result *r) {
  const uint64_t closed = BIT(CLS_CLOSED_QUESTION), open = BIT(CLS_OPEN_QUESTION);
  /* (a line read as no question at all, the question it ends with lost beside a greeting and a
  ** thanks: "周处好,谢谢您还翻了资料。...资料里哪部分您觉得跟学生处最相关?" was a thank only, and
  ** 周处长 answered "你好。有什么事你说吧。"; play-test 32) */
  int unread = r->question && !(r->moves & ~(BIT(CLS_THANK) | BIT(CLS_GREET) | BIT(CLS_PRAISE)));
  if (!r->norm || (!unread && (!(r->moves & closed) || (r->model_moves & closed))) || !asks_which(r->norm) ||
      !strstr(r->norm, "最") || strstr(r->norm, "还是") || strstr(r->norm, "或者") || strstr(r->norm, "有没有") ||
      strstr(r->norm, "吗"))
    return;
  r->moves = (r->moves & ~closed) | open;
  cls_match_push_packed(r, "open_question", "rule:which", "engine/classify_which.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
