/*
** classify_threat.c: threats the lexicon's phrases do not spell out whole (rule 7 of
** classify_rules.c: a threat is no loss appeal and no seller action; its tactic is loss).
**
** 1. A stop of supply held out over money not paid (cls_late_cut_off): "今天不付的话,...公司那边
**    也会停止给你们后面的项目供货", "您要是今天不付,我们后面几个项目的货就只能先停了", "If the
**    account isn't settled we'll have to put deliveries on hold".  The lexicon has the whole
**    phrases (停止供货, "stop supplying you"); these split them with the projects or the orders
**    they stop, and were read as a loss appeal (play-test 27, payment-collection: the customer
**    answered "有道理,这个时间点确实不想错过" and the debrief said nothing).  Only when the line
**    names the money unpaid (不付, 再拖, "if ... paid"): a stop promised as a service or said not to
**    come ("后面的货不会停") is none, nor a question about her worry.  Late, so the model's
**    features stay as trained.
** 2. In a visit that collects a payment, a late charge held out (cls_read_collection): a line read
**    as a loss that names a charge for paying late (滞纳金, 违约金, 罚息, a late fee, penalty
**    interest) not waived in its clause.  In a sales visit a late fee is a loss the customer
**    avoids by acting (a tax office's 滞纳金, the corpus's loss appeals); in a collection the
**    seller charges it, so it is the seller's stick over the customer: "过了今天就要按合同收滞纳金
**    了", "滞纳金每天千分之五,拖一周就是一千六七,您自己算算划不划得来" (play-test 27: credited
**    "firm, no threat", and answered as a welcome deadline).  A charge waived or said not to come
**    ("今天把日期定下来,滞纳金我们就不收了", "we won't charge any late fee") holds nothing over
**    her, and the contract named for the sum and the day ("按合同约定,四万八今天到期") names no
**    charge.  The visit knows what it is for, the line alone does not: the session asks before
**    the customer reacts, as for a recap (docs/scoring.md, hostile_threat).
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))
#define NONE ((size_t)-1)

/* Where word w first starts in t[from, to), or NONE. */
/* Where w first stands in t[from, to), or NONE.  memchr finds each place its first byte stands
** (every line of a walk is searched for some thirty phrases: a compare at every byte was 7% of
** `salesim test --walks`). */
static size_t find(const char *t, size_t from, size_t to, const char *w) {
  size_t n = strlen(w);
  if (n == 0) return from <= to ? from : NONE;
  for (const char *p = t + from, *last = t + to - n; to >= n && p <= last; p++) {
    p = memchr(p, w[0], (size_t)(last - p) + 1);
    if (!p) return NONE;
    if (memcmp(p + 1, w + 1, n - 1) == 0) return (size_t)(p - t);
  }
  return NONE;
}

/* Where the first of the n words starts in t[from, to) (the earliest), its length in *len. */
static size_t find_any(const char *t, size_t from, size_t to, const char *const *w, size_t n, size_t *len) {
  size_t best = NONE;
  for (size_t k = 0; k < n; k++) {
    size_t at = find(t, from, to, w[k]);
    if (at != NONE && (best == NONE || at < best)) { best = at; if (len) *len = strlen(w[k]); }
  }
  return best;
}

/* The line names the money unpaid: the condition a cut-off is held out on ("今天不付的话",
** "再拖下去", "if the account isn't settled", "unless it's paid"). */
static int names_unpaid(const cls_result *r) {
  static const char *const zh[] = { "不付", "不结", "不还", "不打款", "不转账", "不到账", "没付", "没结",
                                    "没到账", "付不了", "再拖", "拖下去", "逾期", "欠款" };
  static const char *const cond[] = { "if ", "unless ", "until ", "otherwise", "or else" };
  static const char *const pay[] = { "pay", "paid", "settle", "invoice", "balance", "account", " owe",
                                     "owing", "overdue", "outstanding", "arrears" };
  const char *t = r->norm;
  size_t n = strlen(t);
  return (!txt_is_ascii(t) && find_any(t, 0, n, zh, N(zh), NULL) != NONE) ||   /* (zh: in no ASCII line) */
         (find_any(t, 0, n, cond, N(cond), NULL) != NONE && find_any(t, 0, n, pay, N(pay), NULL) != NONE);
}

/* Where a stop of supply is said in t[s, e), or NONE (its length in *len). */
static size_t cut_off_zh(const char *t, size_t s, size_t e, size_t *len) {
  static const char *const stop[] = { "停止", "暂停", "中止", "终止", "停掉", "不再", "不给" };
  static const char *const supply[] = { "供货", "发货", "送货", "供应", "出货", "交货", "配送" };
  /* (after 货: "后面几个项目的货就只能先停了", "下一批货我们就不发了") */
  static const char *const stopped[] = { "停了", "先停", "就停", "要停", "得停", "只能停", "停下", "停一停",
                                         "停发", "停供", "不发了", "不送了", "不供了", "就不发", "断了" };
  static const char *const not[] = { "不", "没", "别", "不会", "不用", "没有" };   /* "不会停止供货" */
  for (size_t k = 0; k < N(stop); k++) {
    for (size_t at = find(t, s, e, stop[k]); at != NONE; at = find(t, at + 1, e, stop[k])) {
      size_t l = 0, sup = find_any(t, at + strlen(stop[k]), e, supply, N(supply), &l);
      if (sup == NONE || (k < 5 && cls_ends_with_any(t, at, not, N(not), 0))) continue;
      *len = sup + l - at;
      return at;
    }
  }
  static const char goods[] = "货", payment[] = "款";   /* 货款 is the money, not the goods */
  for (size_t at = find(t, s, e, goods); at != NONE; at = find(t, at + 1, e, goods)) {
    size_t g = at + strlen(goods);
    if (g + strlen(payment) <= e && memcmp(t + g, payment, strlen(payment)) == 0) continue;
    for (size_t from = g;;) {
      size_t l = 0, st = find_any(t, from, e, stopped, N(stopped), &l);
      if (st == NONE) break;
      if (!cls_ends_with_any(t, st, not, N(not), 0) || memcmp(t + st, "不", strlen("不")) == 0) {
        *len = st + l - at;
        return at;
      }
      from = st + 1;
    }
  }
  return NONE;
}

/* The same in English: a stop word before the supply ("stop your deliveries", "no more orders"),
** or the supply put "on hold"; not when the clause says it will not come. */
static size_t cut_off_en(const char *t, size_t s, size_t e, size_t *len) {
  static const char *const supply[] = { "deliver", "supply", "supplies", "supplying", "shipment", "shipping",
                                        "orders" };
  static const char *const stop[] = { "stop ", "stopping ", "suspend", "halt ", "no more ", "no further ",
                                      "cut off ", "hold back " };
  static const char *const not[] = { "won't", "wont ", "will not", "never", "not going to", "don't worry",
                                     "dont worry", "no need", "wouldn't", "don't want", "dont want" };
  if (find_any(t, s, e, not, N(not), NULL) != NONE) return NONE;
  size_t l = 0, sup = find_any(t, s, e, supply, N(supply), &l);
  if (sup == NONE) return NONE;
  size_t hold = find(t, s, e, "on hold");
  if (hold != NONE) {
    size_t a = hold < sup ? hold : sup, b = hold < sup ? sup + l : hold + strlen("on hold");
    *len = b - a;
    return a;
  }
  size_t sl = 0, st = find_any(t, s, sup, stop, N(stop), &sl);
  if (st == NONE) return NONE;
  *len = sup + l - st;
  return st;
}

void cls_late_cut_off(cls_result *r) {
  if (!r->norm || CLS_HAS(r, CLS_THREAT) || !names_unpaid(r)) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  for (int k = 0; k < ncl; k++) {
    /* (a question asks about her worry: "您是担心后面的货会停吗?") */
    if (cl[k].mood == CL_MOOD_QUESTION || cl_end_mark(r, &cl[k]) == '?') continue;
    /* (both languages: a Chinese line may say it in English words, and the other way round) */
    size_t len = 0, at = cut_off_zh(r->norm, cl[k].start, cl[k].end, &len);
    if (at == NONE) at = cut_off_en(r->norm, cl[k].start, cl[k].end, &len);
    if (at == NONE) continue;
    r->moves = (r->moves & ~(BIT(CLS_LOSS_APPEAL) | BIT(CLS_SELLER_ACTION))) | BIT(CLS_THREAT);
    r->tactic = CLS_TACTIC_LOSS;
    cls_match_push_packed(r, "threat", "rule:cut_off", "engine/classify_threat.c:" CLS_STR(__LINE__), at, at + len);
    return;
  }
}

/* Where a late charge not waived in its clause is named in t[s, e), or NONE (its length in *len). */
static size_t late_charge(const cls_result *r, size_t s, size_t e, size_t *len) {
  static const char *const zh[] = { "滞纳金", "违约金", "罚息", "罚金", "逾期利息", "资金占用费" };
  static const char *const zh_waived[] = { "不收", "不算", "不计", "不加", "不用", "不必", "免", "不会收",
                                           "不会有", "不产生", "没有", "不要", "取消", "不追究", "算了" };
  static const char *const en[] = { "late fee", "late charge", "late payment", "late-payment", "penalt",
                                    "overdue interest", "default interest", "interest on", "surcharge" };
  static const char *const en_waived[] = { "waive", "won't", "wont ", "will not", "not charge", "don't charge",
                                           "dont charge", "no late", "no penalt", "no interest", "without",
                                           "doesn't apply", "does not apply", "drop the", "forget the" };
  const char *t = r->norm;
  size_t at = find_any(t, s, e, zh, N(zh), len);
  if (at == NONE) at = find_any(t, s, e, en, N(en), len);
  if (at == NONE || find_any(t, s, e, zh_waived, N(zh_waived), NULL) != NONE ||
      find_any(t, s, e, en_waived, N(en_waived), NULL) != NONE)
    return NONE;
  return at;
}

int cls_read_collection(cls_result *r) {
  if (!r->norm || CLS_HAS(r, CLS_THREAT) ||
      !(CLS_HAS(r, CLS_LOSS_APPEAL) || r->tactic == CLS_TACTIC_LOSS))
    return 0;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  for (int k = 0; k < ncl; k++) {
    size_t len = 0, at = late_charge(r, cl[k].start, cl[k].end, &len);
    if (at == NONE) continue;
    r->moves = (r->moves & ~(BIT(CLS_LOSS_APPEAL) | BIT(CLS_SELLER_ACTION))) | BIT(CLS_THREAT);
    r->tactic = CLS_TACTIC_LOSS;
    cls_match_push_packed(r, "threat", "rule:collection_charge", "engine/classify_threat.c:" CLS_STR(__LINE__),
                          at, at + len);
    return 1;
  }
  return 0;
}
