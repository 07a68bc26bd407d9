/*
** classify_ask_slots.c: the slots of an ask are the ones it names, not those of a pitch told
** before it (cls_late_pitch_slots).
**
** "No worries! So ChairTime is an online booking system with text reminders, it's really easy,
** patients book themselves 24/7 and it cuts no-shows. Want me to show you the dashboard?" was a
** specific ask: its action "booking", its time "24/7" and its place "online" all came from the
** sentences that describe the product, and the debrief paid "+15 A specific ask" for the very
** pitch-first opener it docked (play-test 31a H1).  What makes a time and a place of an ask is
** that the ask says them: in its own question or request, or in a proposal it closes ("We could
** start the trial next Tuesday at 10. Does that work?" names a time and stays as read).  "24/7" is
** no time at all (timex.c's en.date_numeric), and with no time left, an ask whose action, person
** and place stand only in statements about no one's step (clause agent none: the product, her
** patients) before a sentence break is not specific, whatever the model's reading of the words:
** those slots are the product's, and they are dropped.  An ask that names a time of its own is
** left alone (cls_late_ask_time already picks its time from its request).
**
** And (cls_late_always_time): "24/7" (timex's en.date_numeric reads it as a day and month) says
** around the clock, no day to meet on: an ask whose only time it is names no time, so it is not
** specific.  Late, after the model: timex's own reading is a feature the model was trained on
** (excluding "24/7" there retrained it and moved six corpus lines that hold no "24/7").
*/
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))

/* 1 when the match is one of the slots an ask is specific by (action, person, place or way),
** read from the words: a rule's note is not a slot. */
static int slot_word(const cls_match *m) {
  if (m->end <= m->start || !m->phrase || strncmp(m->phrase, "rule:", 5) == 0) return 0;
  return strcmp(m->label, "action") == 0 || strcmp(m->label, "person") == 0 || strcmp(m->label, "place") == 0;
}

/* 1 when a full stop or "!" of t stands in [from, to): the sentence ended there. */
static int sentence_ends(const char *t, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (t[i] == '.' || t[i] == '!') return 1;
  return 0;
}

void cls_late_pitch_slots(cls_result *r) {
  const uint64_t commit = BIT(CLS_ASK_COMMITMENT);
  if (!r->norm || r->negated || !r->question || !(r->moves & commit) ||
      (r->moves & CLS_ASK_MOVES & ~commit) || r->slots[CLS_SLOT_TIME] || r->commitment >= 0)
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), ask = -1;
  for (int k = 0; k < ncl && ask < 0; k++)
    if (cl[k].mood == CL_MOOD_QUESTION || cl[k].mood == CL_MOOD_REQUEST) ask = k;
  if (ask <= 0) return;
  size_t last = 0;
  int seen = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (!slot_word(m)) continue;
    int k = cl_at(cl, ncl, m->start);
    if (k >= ask || cl[k].mood != CL_MOOD_STATEMENT || cl[k].agent != CL_AGENT_NONE) return;
    if (m->end > last) last = m->end;
    seen = 1;
  }
  if (!seen || !sentence_ends(r->norm, last, cl[ask].start)) return;
  r->specific = 0;
  r->model_flags &= ~CLS_BY_MODEL_SPECIFIC;
  for (int s = 0; s < CLS_SLOT_COUNT; s++) {
    free(r->slots[s]);
    r->slots[s] = NULL;
  }
  cls_match_push_packed(r, "specific", "rule:pitch_slots", "engine/classify_ask_slots.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}

/* 1 when the time slot t says around the clock, no day ("24/7", "24/365"). */
static int always(const char *t) {
  return strcmp(t, "24/7") == 0 || strcmp(t, "24/365") == 0;
}

void cls_late_always_time(cls_result *r) {
  if (!r->norm || !r->slots[CLS_SLOT_TIME] || !always(r->slots[CLS_SLOT_TIME])) return;
  free(r->slots[CLS_SLOT_TIME]);
  r->slots[CLS_SLOT_TIME] = NULL;
  r->specific = 0;
  cls_match_push_packed(r, "time", "rule:always_time", "engine/classify_ask_slots.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
