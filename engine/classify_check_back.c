/*
** classify_check_back.c: a line that checks back with the customer before going on: what is
** still open for her (cls_late_else_check), and a playback of what she told (cls_late_playback).
**
** Play-test 31a H2: "Before I show you anything - is there something else either of you would
** need to see, or any worry, before you'd try something like this?" is the check for open points
** the debrief's own Try line words ("is there anything we haven't covered yet that matters to
** you?"); the model read a check (p 0.79), cls_late_anything_said took it away for "before I show
** you anything", and the ask two turns on was "-15 without first checking".  A sentence that asks
** (it ends in "?") whether something or anything else is left for her before a step, or worries
** her, or whether any worry, doubt or reservation remains, checks for open points, whatever
** the seller says he will show before it.  Not after a refusal ("is it the price, or something else
** that worries you?" probes it), nor in a line that asks for a step or an order: "is
** there anything else you need before we start on Tuesday?" stays the ask it is.
**
** Play-test 31a M7: "OK so let me play that back. You need pieces your regulars can't find
** anywhere else, that the chains can't copy, and that sell through in one season ... Did I miss
** anything?" plays her needs back and asks her to check them; it was read as a check and a gain
** (the model's), the customer confirmed nothing, and the trainee had to say it again with "Is that
** right?".  A line that announces a playback ("let me play that back", "to play back what you
** said", "let me repeat back") and then tells her needs in a statement (one of hers, "you need
** ...", or one that names a need of the scenario by its words), and ends on a question, restates them for her to confirm: confirm_need; a gain
** only the model read in the needs' words goes (cls_late_needs_recap does the same for a recap).
** Not a summary: "Let me play it back: you needed the vans tracked ..., and live GPS handles both"
** lays benefits against them (the corpus's summarize_benefits).
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* The sentence of t (len bytes) that ends at the "?" at q: from after the last . ! ? before it. */
static size_t sentence_start(const char *t, size_t q) {
  size_t s = q;
  while (s > 0 && t[s - 1] != '.' && t[s - 1] != '!' && t[s - 1] != '?') s--;
  return s;
}

/* 1 when one sentence of r that ends in "?" holds an "else" left for her (else_words with a
** need_words verb) or a worry still open (worry_words). */
static int asks_what_is_open(const cls_result *r) {
  static const char *const else_words[] = { "something else", "anything else", "anything more", "something more" };
  /* (what is left before a step, or a worry: "is there anything else that matters when you choose
  ** a new line, like margins ...?" asks about her criteria, discovery) */
  static const char *const need_words[] = { "before", "worry", "worried", "concern", "concerned", "bother",
                                            "bothers", "missing", "hold you back", "holding you back" };
  static const char *const worry_words[] = { "any worry", "any worries", "any concern", "any concerns", "any doubt",
                                             "any doubts", "any reservation", "any reservations", "any hesitation",
                                             "any questions" };
  const char *t = r->norm;
  size_t len = strlen(t);
  for (size_t q = 0; q < len; q++) {
    if (t[q] != '?') continue;
    size_t s = sentence_start(t, q);
    if (cls_span_has_any(t, s, q, worry_words, N(worry_words))) return 1;
    if (cls_span_has_any(t, s, q, else_words, N(else_words)) && cls_span_has_any(t, s, q, need_words, N(need_words)))
      return 1;
  }
  return 0;
}

void cls_late_else_check(cls_result *r) {
  const uint64_t check = BIT(CLS_CHECK_CONCERNS);
  if (!r->norm || !r->question || (r->moves & (check | BIT(CLS_PROBE_REFUSAL))) || (r->moves & CLS_ASK_MOVES) ||
      r->negated || !asks_what_is_open(r))
    return;
  r->moves = (r->moves & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION))) | check;
  r->model_vetoed &= ~check;
  cls_match_push_packed(r, "check_concerns", "rule:else_check", "engine/classify_check_back.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}

void cls_late_playback(cls_result *r) {
  static const char *const playback[] = { "play that back", "play it back", "play back", "playing that back",
                                          "play you back", "repeat that back", "repeat it back", "repeat back",
                                          "read that back", "read it back" };
  const uint64_t confirm = BIT(CLS_CONFIRM_NEED);
  const uint64_t shown = BIT(CLS_SUMMARIZE_BENEFITS) | BIT(CLS_PRESENT_BENEFIT);   /* a summary plays back more */
  if (!r->norm || !r->question || (r->moves & (confirm | shown)) || (r->moves & CLS_ASK_MOVES) || r->negated) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), at = -1, told = 0;
  for (int k = 0; k < ncl && at < 0; k++)
    if (cls_span_has_any(r->norm, cl[k].start, cl[k].end, playback, N(playback))) at = k;
  if (at < 0 || at + 1 >= ncl || cl[ncl - 1].mood != CL_MOOD_QUESTION) return;
  /* her needs told after the announcement, in a statement of hers ("You need pieces ...") or one
  ** that names a need of the scenario */
  for (int k = at + 1; k < ncl - 1 && !told; k++) {
    if (cl[k].mood != CL_MOOD_STATEMENT) continue;
    told = cl[k].agent == CL_AGENT_CUSTOMER;
    for (int i = 0; i < r->n_matches && !told; i++)
      told = strncmp(r->matches[i].label, "need:", 5) == 0 && r->matches[i].start >= cl[k].start &&
             r->matches[i].start < cl[k].end;
  }
  if (!told) return;
  r->moves = (r->moves & ~(BIT(CLS_CLOSED_QUESTION) | BIT(CLS_OPEN_QUESTION))) | confirm;
  const uint64_t gain = BIT(CLS_GAIN_APPEAL);
  if ((r->model_moves & gain) && !CLS_HAS(r, CLS_PRESENT_BENEFIT)) {
    r->moves &= ~gain;
    r->model_moves &= ~gain;
    if (r->tactic == CLS_TACTIC_GAIN) r->tactic = CLS_TACTIC_NONE;
  }
  cls_match_push_packed(r, "confirm_need", "rule:playback", "engine/classify_check_back.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
