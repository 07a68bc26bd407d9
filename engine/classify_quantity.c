/*
** classify_quantity.c: an order asked for by its quantity (cls_late_quantity_order) and the
** quantity an order ask names (cls_order_quantity).
**
** "perfect, nobody else has these!! so 100 sets, deal? i can write it up right now" was a closed
** question, and Helen's "Exactly." to it "+10 the customer confirmed the need"; "they will trust me.
** ok last offer, just take 40 and pay by end of month?" was a payment ask, "+15 a date and an
** amount" for a new order; "Order 40 sets, today, delivered next week for your spring window" was
** the model's loss appeal; even the scenario's own "Are you ready to take forty sets for the spring
** season?" asked nothing (play-test 30a F2, F3).  The lexicon's order words ("order", "put you
** down for") count only in a line that asks, and "take", "buy" or a bare "100 sets, deal?" are none.
**
** An English line asks for an order by its quantity when a count of goods (digits or a number word,
** not a percentage, a price or a time) stands
**   - after an order verb of the same clause (take, order, buy, grab, book, go with, go for, write
**     up, lock in, commit to, sign for, start with, put you down for), within two words of it
**     ("take just 40", "order forty sets"), and the line asks (a question) or the verb opens its
**     clause, past "so", "ok", "just", "then", "come on" ("Order 40 sets, today");
**   - or in a clause of its own, a few words long ("so 100 sets,"), followed by a closing question
**     (deal, agreed, yes, ok, done, sound good).
** Not a question about her volume (a year, a month, a week, a season, usually, normally, per) nor
** one with a question word before the count ("how many sets do you take?").  The line becomes an
** order ask; the payment it names is the order's terms ("and pay by end of month"), no payment
** ask; the model's guesses beside it (a loss appeal for "today", a vague commitment ask) go.  The
** count is kept as the match "order_quantity" over its digits or words, for the scorer, which
** judges an order of more than the order rung names as asking too much.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "text.h"
#include "util.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* The goods a count may name ("100 sets", "forty units"): a count followed by another noun ("24
** hours", "3 glazes", "two weeks") is none, unless an order verb stands before it. */
static const char *const units[] = { "sets", "set", "units", "unit", "cases", "case", "boxes", "box", "pallets",
                                     "pallet", "cartons", "crates", "containers", "licences", "licenses", "licence",
                                     "license", "seats", "packs", "kits", "bottles", "bags", "tons", "tonnes",
                                     "machines", "devices", "headsets", "handsets", "scanners", "pieces", "rolls",
                                     "drums", "barrels", "dozen", "of them", "of those", "of these" };
static const char *const verbs[] = { "take", "order", "buy", "grab", "book", "go with", "go for", "write up",
                                     "lock in", "commit to", "sign for", "start with", "put you down for",
                                     "put down for", "pick up" };
static const char *const leads[] = { "so", "ok", "okay", "just", "then", "come on", "right", "fine", "well",
                                     "please", "and", "how about you", "why not", "i say" };
static const char *const closers[] = { "deal", "agreed", "yes", "ok", "okay", "done", "sound good", "sounds good",
                                       "good", "right", "alright", "all right" };
static const char *const rates[] = { "a year", "a month", "a week", "a season", "per ", "usually", "normally",
                                     "each year", "each month", "every month", "every week", "how many", "how much" };

/* 1 when t[i] begins a word (start of text or after a space or punctuation). */
static int word_start(const char *t, size_t i) { return i == 0 || strchr(" ,.;:!?(\"'", t[i - 1]); }

/* 1 when w stands at t[i] as whole words; *after gets the index past it. */
static int word_at(const char *t, size_t i, size_t to, const char *w, size_t *after) {
  size_t l;   /* (the first byte first: most places hold no word of a list) */
  if (t[i] != *w || i + (l = strlen(w)) > to || memcmp(t + i, w, l) != 0 || !word_start(t, i)) return 0;
  if (w[l - 1] != ' ' && i + l < to && !strchr(" ,.;:!?", t[i + l])) return 0;
  if (after) *after = i + l;
  return 1;
}

/* Past spaces from i. */
static size_t skip_spaces(const char *t, size_t i, size_t to) {
  while (i < to && t[i] == ' ') i++;
  return i;
}

/* The count at t[i] (digits, or a number word, "a hundred" included), its end in *end; -1 when
** none, or when it is a percentage, a price, a time of day or part of a date. */
static double count_at(const char *t, size_t i, size_t to, size_t *end) {
  if (!word_start(t, i) || (i > 0 && strchr("$", t[i - 1]))) return -1;
  if (t[i] >= '0' && t[i] <= '9') {
    double v = 0;
    size_t j = i;
    while (j < to && t[j] >= '0' && t[j] <= '9') v = v * 10 + (t[j++] - '0');
    if (j < to && strchr("%:/.-", t[j]) && !(t[j] == '.' && (j + 1 >= to || t[j + 1] == ' '))) return -1;
    size_t k = skip_spaces(t, j, to);
    static const char *const not_goods[] = { "am", "pm", "a.m", "p.m", "percent", "per cent", "off", "pounds",
                                             "dollars", "euros", "quid", "bucks", "k" };
    for (size_t n = 0; n < N(not_goods); n++)
      if (word_at(t, k, to, not_goods[n], NULL)) return -1;
    *end = j;
    return v;
  }
  size_t from = i;
  if (word_at(t, i, to, "a", &from)) from = skip_spaces(t, from, to);
  double v = cls_number_word(t + from);
  /* ("a" only before "hundred", "dozen"; "one" is too often no count: "one of these days") */
  if (v < 2 || (from != i && v != 100 && v != 12)) return -1;
  size_t j = from;
  while (j < to && !strchr(" ,.;:!?", t[j])) j++;
  *end = j;
  return v;
}

/* 1 when a unit of goods follows the count ending at `end`. */
static int goods_after(const char *t, size_t end, size_t to) {
  size_t k = skip_spaces(t, end, to);
  for (size_t u = 0; u < N(units); u++)
    if (word_at(t, k, to, units[u], NULL)) return 1;
  return 0;
}

/* 1 when the count ending at `end` stands alone, no noun after it ("take 40 and pay by ...", "take
** 40?"): the goods are the ones the visit is about.  "start with one class", "take 10 minutes",
** "grab a coffee one of these days" count something else. */
static int ends_count(const char *t, size_t end, size_t to) {
  static const char *const next[] = { "and", "then", "now", "today", "tomorrow", "this", "by", "for", "at", "so",
                                      "right", "please", "more", "instead", "to", "from", "or" };
  size_t k = skip_spaces(t, end, to);
  if (k >= to || strchr(",.;:!?", t[k])) return 1;
  for (size_t u = 0; u < N(next); u++)
    if (word_at(t, k, to, next[u], NULL)) return 1;
  return 0;
}

/* 1 when one of the n phrases of list stands in t[from, to) as whole words. */
static int has_any(const char *t, size_t from, size_t to, const char *const *list, size_t n) {
  for (size_t i = from; i < to; i++)
    for (size_t k = 0; k < n; k++)
      if (word_at(t, i, to, list[k], NULL)) return 1;
  return 0;
}

/* The first count of goods in clause [from, to) of t that an order verb stands before (within two
** words); its span in *qs, *qe and *verb_first set when the verb opens the clause, past the leads.
** -1 when none. */
static double ordered_count(const char *t, size_t from, size_t to, size_t *qs, size_t *qe, int *verb_first) {
  size_t open = skip_spaces(t, from, to);
  for (int moved = 1; moved;) {   /* past "so", "ok", "just", "come on": where the clause opens */
    moved = 0;
    for (size_t k = 0; k < N(leads); k++) {
      size_t after;
      if (word_at(t, open, to, leads[k], &after)) {
        open = skip_spaces(t, after, to);
        while (open < to && strchr(",!", t[open])) open = skip_spaces(t, open + 1, to);
        moved = 1;
        break;
      }
    }
  }
  for (size_t i = from; i < to; i++) {
    for (size_t v = 0; v < N(verbs); v++) {
      size_t after;
      if (!word_at(t, i, to, verbs[v], &after)) continue;
      size_t k = skip_spaces(t, after, to);
      for (int w = 0; w < 3 && k < to; w++) {   /* the count, or up to two words first ("just", "another") */
        size_t end;
        double n = count_at(t, k, to, &end);
        if (n >= 1 && (goods_after(t, end, to) || ends_count(t, end, to))) {
          *qs = k;
          *qe = end;
          *verb_first = i == open;
          return n;
        }
        while (k < to && !strchr(" ,.;:!?", t[k])) k++;
        if (k < to && t[k] != ' ') break;   /* (not across punctuation) */
        k = skip_spaces(t, k, to);
      }
    }
  }
  return -1;
}

/* A count of goods standing as a short clause of its own ("so 100 sets,", "40 sets then"): at most
** four words, a lead or "then" besides the count and its unit.  -1 when not. */
static double bare_count(const char *t, size_t from, size_t to, size_t *qs, size_t *qe) {
  int words = 0, in = 0;
  for (size_t i = from; i < to; i++) {
    int w = !strchr(" ,.;:!?", t[i]);
    words += w && !in;
    in = w;
  }
  if (words > 4) return -1;
  for (size_t i = from; i < to; i++) {
    size_t end;
    double n = count_at(t, i, to, &end);
    if (n >= 1 && goods_after(t, end, to)) {
      *qs = i;
      *qe = end;
      return n;
    }
  }
  return -1;
}

/* 1 when clause c is a closing question ("deal?", "agreed?", "ok?"): a question of at most three
** words holding a closer. */
static int closing_question(const char *t, const cl_clause *c) {
  if ((c->mood != CL_MOOD_QUESTION && c->mood != CL_MOOD_REQUEST) || c->end - c->start > 24) return 0;
  return has_any(t, c->start, c->end, closers, N(closers));
}

void cls_late_quantity_order(cls_result *r) {
  if (!r->norm || CLS_HAS(r, CLS_ASK_ORDER) || CLS_HAS(r, CLS_ASK_REFERRAL) || r->negated)
    return;
  if (!txt_is_ascii(r->norm) || !cls_may_count(r->norm)) return;   /* (English; a count: classify_gate.c) */
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  size_t qs = 0, qe = 0;
  int found = 0, terms = 0;
  for (int k = 0; k < n && !found; k++) {
    const char *t = r->norm;
    int verb_first = 0;
    double q = ordered_count(t, cl[k].start, cl[k].end, &qs, &qe, &verb_first);
    if (q >= 1 && !has_any(t, cl[k].start, qs, rates, N(rates)) && !has_any(t, qe, cl[k].end, rates, N(rates)) &&
        (r->question || verb_first || cl[k].mood == CL_MOOD_REQUEST)) {
      found = 1;
      terms = 1;
    } else if ((q = bare_count(t, cl[k].start, cl[k].end, &qs, &qe)) >= 1 &&
               (cl[k].mood == CL_MOOD_QUESTION || (k + 1 < n && closing_question(t, &cl[k + 1])))) {
      found = 1;
    }
  }
  if (!found) return;
  /* the model's guesses beside it go ("today" was its loss appeal); a payment is the order's terms */
  const uint64_t keep = CLS_ASK_MOVES | BIT(CLS_DISCOUNT) | BIT(CLS_SELLER_ACTION) | BIT(CLS_GREET) | BIT(CLS_THANK);
  const uint64_t guessed = r->model_moves & ~keep;
  r->moves &= ~guessed & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION) | BIT(CLS_CONFIRM_NEED));
  r->model_moves &= ~guessed;
  if (terms) r->moves &= ~BIT(CLS_ASK_PAYMENT);
  if (r->moves & r->model_moves & BIT(CLS_ASK_COMMITMENT)) r->moves &= ~BIT(CLS_ASK_COMMITMENT);
  r->moves |= BIT(CLS_ASK_ORDER);
  r->model_vetoed &= ~BIT(CLS_ASK_ORDER);
  if (r->tactic != CLS_TACTIC_NONE && !(r->moves & (BIT(CLS_GAIN_APPEAL) | BIT(CLS_LOSS_APPEAL))))
    r->tactic = CLS_TACTIC_NONE;
  cls_match_push_packed(r, "order_quantity", "rule:quantity_order", "engine/classify_quantity.c:" CLS_STR(__LINE__),
                        qs, qe);
}

/* See classify_int.h. */
double cls_order_quantity(const cls_result *r) {
  for (int m = 0; r->norm && m < r->n_matches; m++) {
    const cls_match *x = &r->matches[m];
    size_t end;
    if (strcmp(x->label, "order_quantity") == 0) return count_at(r->norm, x->start, x->end, &end);
  }
  return -1;
}

/* See classify_int.h. */
double cls_text_quantity(const char *text) {
  if (!text) return -1;
  char *t = xstrdup(text);
  size_t to = strlen(t);
  for (size_t i = 0; i < to; i++) t[i] = (char)tolower((unsigned char)t[i]);
  double v = -1;
  for (size_t i = 0; i < to && v < 0; i++) {
    size_t end;
    double n = count_at(t, i, to, &end);
    if (n >= 1 && goods_after(t, end, to)) v = n;
  }
  free(t);
  return v;
}
