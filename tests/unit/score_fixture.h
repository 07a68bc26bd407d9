/*
** score_fixture.h: builds finished sessions by hand for the scorer and debrief tests: a small
** campus scenario (two needs, one hidden; a contract / demo / requirements ladder), then turns
** with their moves, slots, the customer's state before the line and the customer's events.
** The fixture owns what it allocates; strings are literals and never freed.
*/
#ifndef SCORE_FIXTURE_H
#define SCORE_FIXTURE_H

#include <stdlib.h>
#include <string.h>
#include "session.h"
#include "score.h"
#include "util.h"

#define MV(m) (1ull << CLS_##m)
#define S(x) ((char *)(x))

typedef struct fx {
  scenario sc;
  scn_need needs[2];
  scn_benefit benefits[2];
  int ben_need[2];
  char *ben_answers[2];
  scn_commitment commitments[3];
  scn_rule_weight rules[4];
  session s;
  sess_snapshot now;       /* the customer's state for the next turn */
} fx;

/* The campus scenario with default scoring and an empty session in English. */
static inline void fx_init(fx *f) {
  memset(f, 0, sizeof *f);
  scenario *sc = &f->sc;
  sc->id = S("campus-test");
  sc->title = S("Campus platform <test>");
  sc->language = S("en");
  memcpy(sc->hash, "0123456789abcdef", 17);
  f->needs[0].id = S("attendance");
  f->needs[0].said = S("Counting attendance by hand takes hours.");
  f->needs[1].id = S("parents");
  f->needs[1].said = S("Parents complain they never know how their children are doing.");
  f->needs[1].hidden = 1;
  sc->needs = f->needs;
  sc->n_needs = 2;
  f->ben_need[0] = 0;
  f->ben_need[1] = 1;
  f->ben_answers[0] = S("attendance");
  f->ben_answers[1] = S("parents");
  f->benefits[0].id = S("auto_checkin");
  f->benefits[0].answers.v = &f->ben_answers[0];
  f->benefits[0].answers.n = 1;
  f->benefits[0].need_index = &f->ben_need[0];
  f->benefits[1].id = S("parent_app");
  f->benefits[1].answers.v = &f->ben_answers[1];
  f->benefits[1].answers.n = 1;
  f->benefits[1].need_index = &f->ben_need[1];
  sc->benefits = f->benefits;
  sc->n_benefits = 2;
  f->commitments[0] = (scn_commitment){ .id = S("contract"), .level = SCN_LEVEL_HIGH,
    .kind = SCN_KIND_ORDER, .action = S("sign the annual contract"),
    .realistic_when = S("trust >= 7 and value_acknowledged and on_purchase_list") };
  f->commitments[1] = (scn_commitment){ .id = S("demo"), .level = SCN_LEVEL_MID,
    .kind = SCN_KIND_ADVANCE, .action = S("bring the department heads to a demo"),
    .realistic_when = S("trust >= 5 and value_acknowledged") };
  f->commitments[2] = (scn_commitment){ .id = S("requirements"), .level = SCN_LEVEL_LOW,
    .kind = SCN_KIND_ADVANCE, .action = S("send the written requirements") };
  sc->commitments = f->commitments;
  sc->n_commitments = 3;
  sc->scoring.w_commitment = sc->scoring.w_benefits = sc->scoring.w_tactics =
    sc->scoring.w_discovery = sc->scoring.pass = -1;
  f->s.sc = sc;
  f->s.seed = 42;
  f->s.lang = S("en");
  f->s.outcome = CUST_OUTCOME_NONE;
  f->s.end_reason = SESS_END_CUSTOMER;
  strcpy(f->s.started, "2026-11-27T10:00:00Z");
  strcpy(f->s.ended, "2026-11-27T10:08:00Z");
  f->now.trust = 3;
  f->now.interest = 3;
  f->now.patience = 10;
}

/* A referral ladder: one rung, "intro", introducing a neighbour (a referral visit). */
static inline void fx_referral_ladder(fx *f) {
  f->commitments[0] = (scn_commitment){ .id = S("intro"), .kind = SCN_KIND_REFERRAL,
                                        .action = S("introduce a neighbour") };
  f->sc.n_commitments = 1;
}

/* Appends a trainee line with its moves; the customer's state is the fixture's current one. */
static inline sess_turn *fx_turn(fx *f, const char *text, uint64_t moves) {
  session *s = &f->s;
  if (s->n_turns == s->cap_turns) {
    s->cap_turns = s->cap_turns ? s->cap_turns * 2 : 8;
    s->turns = xrealloc(s->turns, (size_t)s->cap_turns * sizeof *s->turns);
  }
  sess_turn *t = &s->turns[s->n_turns++];
  memset(t, 0, sizeof *t);
  t->n = s->n_turns;
  t->text = S(text);
  t->cls.text = S(text);
  t->cls.moves = moves;
  t->cls.commitment = -1;
  t->realistic = -1;
  t->before = f->now;
  return t;
}

/* Marks an ask specific: action, time and a person. */
static inline void fx_specific(sess_turn *t) {
  t->cls.specific = 1;
  t->cls.slots[CLS_SLOT_ACTION] = S("demo");
  t->cls.slots[CLS_SLOT_TIME] = S("next wednesday at 3");
  t->cls.slots[CLS_SLOT_PERSON] = S("department heads");
}

/* The need indexes the line refers to (n of them). */
static inline void fx_needs(sess_turn *t, int n, const int *idx) {
  t->cls.needs = xmalloc((size_t)n * sizeof *idx);
  memcpy(t->cls.needs, idx, (size_t)n * sizeof *idx);
  t->cls.n_needs = n;
}

static inline void fx_benefits(sess_turn *t, int n, const int *idx) {
  t->cls.benefits = xmalloc((size_t)n * sizeof *idx);
  memcpy(t->cls.benefits, idx, (size_t)n * sizeof *idx);
  t->cls.n_benefits = n;
}

/* A match of the line's reading: label ("benefit:parent_app") by phrase (a keyword, or
** "similar:..." for a link by meaning). */
static inline void fx_match(sess_turn *t, const char *label, const char *phrase) {
  t->cls.matches = xrealloc(t->cls.matches, (size_t)(t->cls.n_matches + 1) * sizeof *t->cls.matches);
  t->cls.matches[t->cls.n_matches++] = (cls_match){ xstrdup(label), xstrdup(phrase), xstrdup("fixture"), 0, 0, 0 };
}

/* Appends a customer event; needs revealed or confirmed carry into later snapshots. */
static inline cust_event *fx_event_in(fx *f, cust_events *e, cust_event_kind k, int index) {
  if (e->n == e->cap) {
    e->cap = e->cap ? e->cap * 2 : 4;
    e->v = xrealloc(e->v, (size_t)e->cap * sizeof *e->v);
  }
  cust_event *ev = &e->v[e->n++];
  memset(ev, 0, sizeof *ev);
  ev->kind = k;
  ev->index = index;
  ev->outcome = CUST_OUTCOME_NONE;
  if (k == CUST_EV_REVEAL) f->now.revealed |= 1ull << index;
  if (k == CUST_EV_CONFIRM) f->now.confirmed |= 1ull << index;
  return ev;
}

static inline cust_event *fx_event(fx *f, sess_turn *t, cust_event_kind k, int index) {
  return fx_event_in(f, &t->events, k, index);
}

static inline void fx_say(fx *f, cust_events *e, const char *text) {
  fx_event_in(f, e, CUST_EV_SAY, 0)->text = S(text);
}

/* The customer ends the visit with an outcome (in a turn, or in the closing when t is NULL). */
static inline void fx_end(fx *f, sess_turn *t, cust_outcome o) {
  cust_event *ev = fx_event_in(f, t ? &t->events : &f->s.closing, CUST_EV_END, 0);
  ev->outcome = o;
  f->s.outcome = o;
}

static inline void fx_free_events(cust_events *e) {
  free(e->v);
  memset(e, 0, sizeof *e);
}

/* A scored message in words (score.h): the text of the last call, freed by the next call or
** by fx_free, so a test can compare it in one assert. */
static char *fx_last_text;
static inline const char *fx_msg(const score_msg *m, const char *lang) {
  free(fx_last_text);
  fx_last_text = score_msg_text(m, lang);
  return fx_last_text;
}

static inline void fx_free(fx *f) {
  free(fx_last_text);
  fx_last_text = NULL;
  for (int i = 0; i < f->s.n_turns; i++) {
    free(f->s.turns[i].cls.needs);
    free(f->s.turns[i].cls.benefits);
    for (int m = 0; m < f->s.turns[i].cls.n_matches; m++) {   /* fx_match's */
      free(f->s.turns[i].cls.matches[m].label);
      free(f->s.turns[i].cls.matches[m].phrase);
      free(f->s.turns[i].cls.matches[m].source);
    }
    free(f->s.turns[i].cls.matches);
    fx_free_events(&f->s.turns[i].events);
  }
  free(f->s.turns);
  fx_free_events(&f->s.opening);
  fx_free_events(&f->s.closing);
}

/* A strong visit (turns 1..8): discovery, proof, check, summary tied to needs, specific realistic ask. */
static inline void fx_build_strong(fx *f) {
  fx_turn(f, "Hello, thanks for making time today.", MV(GREET));
  sess_turn *t = fx_turn(f, "How do your counsellors handle attendance now?", MV(OPEN_QUESTION));
  fx_event(f, t, CUST_EV_REVEAL, 0);
  t = fx_turn(f, "So counting attendance by hand is the main pain?", MV(CONFIRM_NEED));
  fx_needs(t, 1, (int[]){ 0 });
  fx_event(f, t, CUST_EV_CONFIRM, 0);
  t = fx_turn(f, "How do parents hear about their children?", MV(OPEN_QUESTION));
  fx_event(f, t, CUST_EV_REVEAL, 1);
  fx_event(f, t, CUST_EV_CONFIRM, 1);
  t = fx_turn(f, "A school like yours cut attendance time by 80% in one term.", MV(PROOF) | MV(GAIN_APPEAL));
  fx_needs(t, 1, (int[]){ 0 });   /* tied to the need she voiced: a gain of hers */
  t->cls.tactic = CLS_TACTIC_GAIN;
  f->now.value_ack = 1;
  f->now.trust = 6;
  fx_turn(f, "Is there anything we haven't covered?", MV(CHECK_CONCERNS));
  t = fx_turn(f, "So: automatic check-in ends the manual count, and the parent app answers the "
                 "complaints.", MV(SUMMARIZE_BENEFITS));
  fx_benefits(t, 2, (int[]){ 0, 1 });
  t = fx_turn(f, "Could you bring the department heads to a 30-minute demo in your meeting room "
                 "next Wednesday at 3?", MV(ASK_COMMITMENT));
  fx_specific(t);
  t->cls.commitment = 1;
  t->realistic = 1;
  fx_event(f, t, CUST_EV_GIVE, 1);
  fx_say(f, &t->events, "Yes, I'll invite them.");
  fx_end(f, t, CUST_OUTCOME_ADVANCE);
}

/* The finding for rule at turn (NULL when absent); counts matches in *count when not NULL. */
static inline const score_finding *fx_find(const score_result *r, const char *rule, int turn, int *count) {
  const score_finding *hit = NULL;
  int n = 0;
  for (int i = 0; i < r->n_findings; i++)
    if (strcmp(r->findings[i].rule->id, rule) == 0 && (turn < 0 || r->findings[i].turn == turn)) {
      if (!hit) hit = &r->findings[i];
      n++;
    }
  if (count) *count = n;
  return hit;
}

/* "rule@turn rule@turn ..." of every finding, in the result's order (malloc'd). */
static inline char *fx_ids(const score_result *r) {
  strbuf b = { 0 };
  sb_puts(&b, "");
  for (int i = 0; i < r->n_findings; i++)
    sb_printf(&b, "%s%s@%d", i ? " " : "", r->findings[i].rule->id, r->findings[i].turn);
  return sb_take(&b);
}

#endif
