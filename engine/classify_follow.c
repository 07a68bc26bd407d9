/*
** classify_follow.c: a line that re-asks the step asked just before (cls_read_follow_up).
**
** "Could we set up a trial at the Reno site with Marcus?" - "All right, but when exactly?" -
** "next tuesday at 10" is the trial at Reno with Marcus on Tuesday at ten.  Alone, the last line
** names no step and asks nothing: the customer had answered "OK." and given nothing, and "How
** about Friday then?" after a worry about the date got "What exactly would you want me to do, and
** when?" (play-test 17, both languages: "那下周五呢?" after 陈总's trade fair).  The visit knows
** what was asked; the session asks here before the customer reacts, so the customer and the
** scorer read the same ask.
*/
#include <assert.h>
#include <string.h>

#include "amount.h"
#include "classify_int.h"
#include "clause.h"
#include "util.h"

#define BIT(m) ((uint64_t)1 << (m))
/* A question put in a few words ("那下周五呢?", "Friday at 10 then?"): bytes of its clause in the
** normalised line.  Longer questions ask something of their own. */
#define FOLLOW_SHORT_BYTES 40

/* What a follow-up may say besides its time, person or place: the ask or the question it is put
** as, an answer to the worry that held the step back, the seller's own part ("我开车来接您"). */
static const uint64_t follow_moves = CLS_ASK_MOVES | BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION) |
                                     BIT(CLS_HANDLE_OBJECTION) | BIT(CLS_SELLER_ACTION);

/* 1 when a time or place of r lies within the clause [start, end) of its normalised text (a
** person alone is too often whom the line addresses: "赵主任您就帮帮忙嘛"). */
static int slot_within(const cls_result *r, size_t start, size_t end) {
  for (int m = 0; m < r->n_matches; m++) {
    const cls_match *x = &r->matches[m];
    if (x->start >= start && x->end <= end &&
        (strcmp(x->label, cls_slot_name(CLS_SLOT_TIME)) == 0 || strcmp(x->label, cls_slot_name(CLS_SLOT_PLACE)) == 0))
      return 1;
  }
  return 0;
}

/* 1 when r is put as a follow-up: a clause that proposes ("how about friday then?", "could we do
** friday instead?") or a short question with no question word ("那下周五呢?" before "周五上午我开
** 车来接您...") names the new time or place; after she asked when, who or what exactly, a
** plain answer does too ("next tuesday at 10").  Not "what happened on tuesday?", nor a time in
** the seller's own story ("这个季度我任务还差不少"), nor "... marcus needs 2 hrs. ok?". */
/* 1 when a time of r is followed at once by 呢 ("好的 那下周五呢 早上八点我来接您俩": typed without a
** question mark, the particle asks; play-test 23, a WeChat-style rep, and 陈总 answered "这么说我
** 心里有点底了"). */
static int time_then_ne(const cls_result *r) {
  static const char ne[] = "\xe5\x91\xa2";   /* 呢 */
  size_t len = strlen(r->norm);
  for (int m = 0; m < r->n_matches; m++) {
    const cls_match *x = &r->matches[m];
    if (strcmp(x->label, cls_slot_name(CLS_SLOT_TIME)) == 0 && x->end + 3 <= len &&
        memcmp(r->norm + x->end, ne, 3) == 0)
      return 1;
  }
  return 0;
}

static int put_as_follow_up(const cls_result *r, int she_asked) {
  if (CLS_HAS(r, CLS_OPEN_QUESTION) && !cls_has_label(r, "request")) return 0;
  if (time_then_ne(r)) return 1;
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), timed = 0;
  for (int k = 0; k < n; k++) {
    if (!slot_within(r, cl[k].start, cl[k].end)) continue;
    timed = 1;
    if (cl[k].mood == CL_MOOD_REQUEST) return 1;
    if (cl[k].mood == CL_MOOD_QUESTION && cl[k].end - cl[k].start <= FOLLOW_SHORT_BYTES) return 1;
    if (she_asked && !r->question) return 1;
  }
  /* the new day told, then her consent asked for it ("那就避开展会,下周五一早出发,下午四点前送您回
  ** 来,不耽误晚上的事。这样可以吗?": play-test 26b, answered "你想让我干什么?哪天?说具体点。") */
  return timed && n >= 2 && cl[n - 1].mood != CL_MOOD_STATEMENT && cl_has_label(r, &cl[n - 1], "consent");
}

/* ---- a smaller quantity re-asked ("那一个柜呢?", "What about just ten then?") ------------- */

/* See classify_int.h. */
double cls_number_word(const char *t) {
  static const char *const words[] = { "one", "two", "three", "four", "five", "six", "seven", "eight",
                                       "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty",
                                       "forty", "fifty", "sixty", "hundred", "a dozen" };
  static const double values[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 30, 40, 50, 60, 100, 12 };
  if (strncmp(t, "half", 4) == 0) return 0.5;
  if (strncmp(t, "a couple", 8) == 0) return 2;
  for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
    size_t l = strlen(words[k]);
    if (strncmp(t, words[k], l) == 0 && (t[l] == ' ' || t[l] == '?' || t[l] == ',' || t[l] == '.' || !t[l]))
      return values[k];
  }
  return -1;
}

/* 1 when t starts with a Chinese numeral of a count (一 .. 九, 两, 十, 半), each three bytes. */
static int zh_numeral_at(const char *t) {
  static const char *const chars[] = { "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "半" };
  for (size_t k = 0; k < sizeof chars / sizeof *chars; k++)
    if (strncmp(t, chars[k], 3) == 0) return 1;
  return 0;
}

/* The first quantity in t[from, to): digits, a number word, or a Chinese numeral followed by a
** measure word (一个柜, 两箱, 半柜, 二十套: "一起" and "一下" are no quantity); -1 when none. */
static double quantity_in(const char *t, size_t from, size_t to) {
  static const char *const measures[] = { "个", "柜", "箱", "批", "套", "台", "件", "片", "车", "托",
                                          "吨", "包", "盒", "份", "张", "瓶", "块", "组" };
  for (size_t i = from; i < to; i++) {
    if (t[i] >= '0' && t[i] <= '9' && (i == from || !(t[i - 1] >= '0' && t[i - 1] <= '9'))) {
      double v = 0;
      while (i < to && t[i] >= '0' && t[i] <= '9') v = v * 10 + (t[i++] - '0');
      return v;
    }
    if ((i == from || t[i - 1] == ' ') && cls_number_word(t + i) >= 0) return cls_number_word(t + i);
    size_t j = i;
    while (j + 3 <= to && zh_numeral_at(t + j)) j += 3;
    if (j > i) {   /* its value by amount.h's reader of numerals (二十, 十五); 半 alone is a half */
      double v = j - i == 3 && strncmp(t + i, "半", 3) == 0 ? 0.5 : amt_value(t + i, j - i);
      for (size_t k = 0; k < sizeof measures / sizeof *measures && v >= 0; k++)
        if (j + 3 <= to && strncmp(t + j, measures[k], 3) == 0) return v;
      i = j - 1;
    }
  }
  return -1;
}

/* 1 when r, short and put as a question ("那一个柜呢?", "What about just ten then?"), names a
** quantity and nothing else of its own: the step asked just before, with that quantity; *lower
** is 1 when the ask before named a larger one.  After "这个月先进两个柜怎么样?" was refused, "那
** 一个柜呢?" was a closed question, so lowering the ask without asking why went unjudged (the
** team's play, play-test 29). */
static int quantity_follow_up(const cls_result *r, const cls_result *p, int *lower) {
  size_t len = strlen(r->norm);
  if (len > FOLLOW_SHORT_BYTES || !r->question || (r->moves & CLS_ASK_MOVES)) return 0;
  double now = quantity_in(r->norm, 0, len);
  if (now < 0) return 0;
  double before = p->norm ? quantity_in(p->norm, 0, strlen(p->norm)) : -1;
  *lower = before > 0 && now < before;
  return 1;
}

/* Gives r the slot s of p when r has none (a copy r owns). */
static void take_slot(cls_result *r, const cls_result *p, cls_slot s) {
  if (!r->slots[s] && p->slots[s]) r->slots[s] = xstrdup(p->slots[s]);
}

int cls_read_follow_up(cls_classifier *c, cls_result *r, const cls_follow_ctx *v) {
  assert(c && r && v);
  const cls_result *p = v->prev;
  if (!c->sc || !p || !r->norm || p->commitment < 0 || p->commitment >= c->sc->n_commitments ||
      !(p->moves & CLS_ASK_MOVES))
    return 0;
  /* a line that names a step, a need or a benefit of its own, leans on "sometime" or refuses is
  ** read as itself */
  if (r->commitment >= 0 || r->n_needs || r->n_benefits || r->vague || r->negated) return 0;
  /* nor is a question about when her money comes in ("方便说下您这边大概什么时候能有钱进来吗?"
  ** after "今天全付?...账上真没有": play-test 29c, read as the full payment asked again) */
  if (cls_asks_money_in(r)) return 0;
  /* (the model's guesses do not count: "那下周五呢?早上七点出发,下午三点前就回来,不耽误您事." was
  ** its gain appeal, play-test 22; read as the re-ask, the guess goes) */
  if (r->moves & ~r->model_moves & ~follow_moves) return 0;
  int lower = 0, counted = quantity_follow_up(r, p, &lower);
  if (!counted && (!(r->slots[CLS_SLOT_TIME] || r->slots[CLS_SLOT_PERSON] || r->slots[CLS_SLOT_PLACE]) ||
                   !put_as_follow_up(r, v->she_asked)))
    return 0;
  r->commitment = p->commitment;
  const uint64_t guessed = r->model_moves & ~follow_moves;
  r->moves = (r->moves & ~guessed & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION))) | (p->moves & CLS_ASK_MOVES);
  r->model_moves &= ~guessed & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION));
  if (guessed && r->tactic != CLS_TACTIC_NONE && !(r->moves & (BIT(CLS_GAIN_APPEAL) | BIT(CLS_LOSS_APPEAL))))
    r->tactic = CLS_TACTIC_NONE;
  if (lower) r->moves |= BIT(CLS_LOWER_ASK);
  for (int s = 0; s < CLS_SLOT_COUNT; s++) take_slot(r, p, (cls_slot)s);
  if (!r->has_amount && p->has_amount) {   /* "那周五呢?" after "两万四今天能转吗?" keeps the sum */
    r->has_amount = 1;
    r->amount = p->amount;
  }
  /* the step is the one named before, so its action is known: a time, and someone to bring or
  ** somewhere to meet unless the step needs nobody, make it specific (a payment: the sum and a
  ** time, as cls_payment_named) */
  r->specific = CLS_HAS(r, CLS_ASK_PAYMENT) ? cls_payment_named(r)
              : r->slots[CLS_SLOT_TIME] && (r->slots[CLS_SLOT_PERSON] || r->slots[CLS_SLOT_PLACE] ||
                                            cls_rung_needs_no_who(c, r->commitment));
  *cls_match_push(r) = (cls_match){ xasprintf("commitment:%s", c->sc->commitments[r->commitment].id),
                                     xstrdup("rule:follow_up"), xasprintf("engine/classify_follow.c:%d", __LINE__), 0,
                                     strlen(r->norm), 0 };
  return 1;
}
