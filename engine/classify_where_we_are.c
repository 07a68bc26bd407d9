/*
** classify_where_we_are.c: "so where we are: ..." sums up, it asks nothing (cls_late_where_we_are).
**
** "So where we are: the orange light's nothing to worry about, the coffee's better and Tom's off
** bottled water, and Lucia is fighting hard water ... our hard-water kit would keep the scale out
** of her kettle" plays back her needs and ties a benefit to each: a summary.  Its "where" made the
** opening clause a question, the line an open question and a gain appeal, and the summary before
** the referral ask earned nothing (play-test 32a H2).  "Where we are", "where things stand", "where
** we've got to", "where we've landed" are a frame for what follows, as "to sum up" is, when their
** clause opens the line (after so, ok, right, well, here's, let me say) and ends without a
** question mark.  Then the frame's question goes, and, as rule 4 of classify_rules.c reads a
** summary marker, the line in the customer's terms (you, your, a need or benefit of the scenario)
** is summarize_benefits and not also a gain appeal, a benefit or a feature.  Late, so the model's
** features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* Bytes of the lead-in t opens with ("so ", "ok, so "...), repeated leads taken together. */
static size_t lead_len(const char *t) {
  static const char *const lead[] = { "so, ", "so ", "ok, ", "ok ", "okay, ", "okay ", "right, ", "right ", "well, ",
                                      "well ", "here's ", "here is ", "this is ", "that's ", "let me say ",
                                      "let me tell you ", "and ", "alright, ", "all right, " };
  size_t at = 0;
  for (int again = 1; again;) {
    again = 0;
    while (t[at] == ' ') at++;
    for (size_t k = 0; k < N(lead); k++)
      if (strncmp(t + at, lead[k], strlen(lead[k])) == 0) { at += strlen(lead[k]); again = 1; break; }
  }
  return at;
}

/* 1 when t opens with a "where we are" frame. */
static int opens_frame(const char *t) {
  static const char *const frame[] = { "where we are", "where we stand", "where things stand", "where things are",
                                       "where we've got to", "where we have got to", "where we've landed",
                                       "where we landed", "where we've ended up", "where that leaves us" };
  for (size_t k = 0; k < N(frame); k++)
    if (strncmp(t, frame[k], strlen(frame[k])) == 0) return 1;
  return 0;
}

void cls_late_where_we_are(cls_result *r) {
  const uint64_t questions = BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION);
  const uint64_t restated = BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_GAIN_APPEAL) | BIT(CLS_SELLER_ACTION) |
                            BIT(CLS_PRESENT_FEATURE);
  if (!r->norm || (r->moves & CLS_ASK_MOVES) || !(r->moves & (questions | restated))) return;
  size_t at = lead_len(r->norm);
  if (!opens_frame(r->norm + at)) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), k = cl_at(cl, ncl, at);
  if (k + 1 >= ncl || cl_end_mark(r, &cl[k]) == '?') return;   /* a frame before what it frames */
  for (int j = k + 1; j < ncl; j++)
    if (cl_end_mark(r, &cl[j]) == '?') return;   /* the line asks something after all */
  r->moves &= ~questions;
  r->model_moves &= ~questions;
  if (cls_has_label(r, "customer_terms") || r->n_needs > 0 || r->n_benefits > 0) {
    r->moves = (r->moves & ~restated) | BIT(CLS_SUMMARIZE_BENEFITS);
    r->model_moves &= ~restated;
  }
  cls_match_push_packed(r, "summarize_benefits", "rule:where_we_are", "engine/classify_where_we_are.c:" CLS_STR(__LINE__),
                        cl[k].start, cl[k].end);
}
