/*
** score_rules.c: the scorer's rule table.  Each rule names the skill it feeds, its default
** points (negative = lost, positive = won) and the stable name of the principle behind it.
** The words (the principle's name, the rule's statement of it, an example of a better line)
** are in the message catalogues: principle.NAME, rule.ID.why, rule.ID.better (msg.h).
** docs/scoring.md lists the same rules for trainers; keep the two in step.
** The ids are stable: scenarios override points by id and the gradebook stores them.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "score.h"
#include "vocab.h"

static const score_rule rules[] = {
  /* ---- commitment -------------------------------------------------------------------------- */
  { "no_ask",                      SK_COMMITMENT,  -40, "ask-every-visit" },
  { "vague_ask",                   SK_COMMITMENT,  -15, "specific-ask" },
  { "unrealistic_ask",             SK_COMMITMENT,  -15, "realistic-ask" },
  { "ask_too_low",                 SK_COMMITMENT,   -5, "realistic-ask" },
  { "seller_only_progress",        SK_COMMITMENT,  -15, "customer-acts" },
  { "repeated_closes",             SK_COMMITMENT,  -15, "no-repeated-closes" },
  { "lower_before_probe",          SK_COMMITMENT,  -15, "probe-before-lowering" },
  { "praise_ending",               SK_COMMITMENT,  -10, "ask-every-visit" },
  { "specific_ask",                SK_COMMITMENT,   15, "specific-ask" },
  { "realistic_ask",               SK_COMMITMENT,   10, "realistic-ask" },
  { "probed_refusal",              SK_COMMITMENT,   10, "probe-before-lowering" },
  { "payment_specific",            SK_COMMITMENT,   15, "specific-ask" },
  { "payment_vague",               SK_COMMITMENT,  -15, "specific-ask" },
  { "no_payment_ask",              SK_COMMITMENT,  -40, "ask-every-visit" },
  { "referral_asked",              SK_COMMITMENT,   15, "ask-for-referrals" },
  { "no_referral_ask",             SK_COMMITMENT,  -30, "ask-for-referrals" },
  { "outcome_order",               SK_COMMITMENT,   30, "ask-every-visit" },
  { "outcome_advance",             SK_COMMITMENT,   20, "ask-every-visit" },
  { "outcome_continuation",        SK_COMMITMENT,  -10, "ask-every-visit" },
  { "outcome_trust_lost",          SK_COMMITMENT,  -20, "firm-not-hostile" },
  /* ---- benefits ---------------------------------------------------------------------------- */
  { "ask_without_check",           SK_BENEFITS,    -15, "check-before-asking" },
  { "ask_without_summary",         SK_BENEFITS,    -15, "summarise-confirmed-needs" },
  { "ask_past_concern",            SK_BENEFITS,    -10, "check-before-asking" },
  { "summary_misses_needs",        SK_BENEFITS,    -10, "summarise-confirmed-needs" },
  { "summary_unconfirmed_needs",   SK_BENEFITS,    -15, "summarise-confirmed-needs" },
  { "feature_list",                SK_BENEFITS,    -10, "summarise-confirmed-needs" },
  { "checked_concerns",            SK_BENEFITS,     15, "check-before-asking" },
  { "objection_answered",          SK_BENEFITS,     10, "answer-objections" },
  { "summary_tied_to_needs",       SK_BENEFITS,     20, "summarise-confirmed-needs" },
  { "summary_rejected",            SK_BENEFITS,    -10, "summarise-confirmed-needs" },
  /* ---- tactics ----------------------------------------------------------------------------- */
  { "loss_before_value",           SK_TACTICS,     -20, "gain-before-loss" },
  { "discount_for_trust",          SK_TACTICS,     -20, "no-discount-for-trust" },
  { "gain_when_needed",            SK_TACTICS,      15, "gain-before-loss" },
  { "loss_when_ready",             SK_TACTICS,      20, "gain-before-loss" },
  /* the other right end: the commitment came on the gain, no lever was needed or misused */
  { "gain_was_enough",             SK_TACTICS,      20, "gain-before-loss" },
  /* twice a misplaced deadline: it makes an opponent */
  { "hostile_threat",              SK_TACTICS,     -40, "firm-not-hostile" },
  { "contempt",                    SK_TACTICS,     -15, "firm-not-hostile" },
  /* as much as a threat: an ask to break her own rules makes her an accomplice or an opponent */
  { "improper_ask",                SK_TACTICS,     -40, "within-the-rules" },
  { "pressure_after_sale",         SK_TACTICS,     -15, "gain-before-loss" },
  { "firm_fair_payment",           SK_TACTICS,      15, "firm-not-hostile" },
  /* a price cut in a collection gives away money already owed: as a price cut for trust */
  { "discount_to_collect",         SK_TACTICS,     -20, "firm-not-hostile" },
  /* ---- discovery --------------------------------------------------------------------------- */
  { "pitch_before_discovery",      SK_DISCOVERY,   -10, "discover-before-pitching" },
  { "no_discovery",                SK_DISCOVERY,   -30, "discover-before-pitching" },
  { "missed_hidden_need",          SK_DISCOVERY,   -10, "bring-out-hidden-needs" },
  { "missed_decision_chain",       SK_DISCOVERY,   -15, "reach-the-decision-chain" },
  { "need_uncovered",              SK_DISCOVERY,     5, "discover-before-pitching" },
  { "need_confirmed",              SK_DISCOVERY,    10, "discover-before-pitching" },
  { "grievance_settled",           SK_DISCOVERY,    10, "answer-objections" },
  /* the other side of it: her worry waved away ("dont worry about that its normal") */
  { "concern_dismissed",           SK_DISCOVERY,   -10, "answer-objections" },
  { "hidden_need_found",           SK_DISCOVERY,    10, "bring-out-hidden-needs" },
  { "decision_chain_asked",        SK_DISCOVERY,    10, "reach-the-decision-chain" },
  /* at a table of several: one person left out of a long stretch, and brought back in */
  { "decider_left_out",            SK_DISCOVERY,   -15, "reach-the-decision-chain" },
  { "decider_brought_in",          SK_DISCOVERY,    10, "reach-the-decision-chain" },
};

/* The whole table, in docs/scoring.md order. */
const score_rule *score_rules(int *n) {
  if (n) *n = (int)(sizeof rules / sizeof rules[0]);
  return rules;
}

/* Looks a rule up by its stable id; NULL when unknown (scenario overrides are checked with it). */
const score_rule *score_rule_find(const char *id) {
  if (!id) return NULL;
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)   /* first bytes first: most differ */
    if (rules[i].id[0] == id[0] && strcmp(rules[i].id, id) == 0) return &rules[i];
  return NULL;
}

static const score_tier tiers[] = {
  { 90, "excellent", NULL }, { 70, "proficient", NULL }, { 50, "developing", NULL }, { 0, "beginner", NULL },
};

/* The default proficiency tiers, best first (docs/scoring.md). */
const score_tier *score_tiers(int *n) {
  if (n) *n = (int)(sizeof tiers / sizeof tiers[0]);
  return tiers;
}

/* See score.h. */
int score_tier_count(const scenario *sc) {
  int n = 0;
  if (sc && sc->scoring.n_tiers > 0) return sc->scoring.n_tiers;
  score_tiers(&n);
  return n;
}

/* See score.h. */
score_tier score_tier_at(const scenario *sc, int k) {
  int n = score_tier_count(sc);
  assert(k >= 0 && k < n);
  if (sc && sc->scoring.n_tiers > 0) {
    const scn_tier *t = &sc->scoring.tiers[k];
    score_tier r = { t->min, t->id, t };
    return r;
  }
  return tiers[k];
}

/* See score.h: the best tier whose min the rounded total reaches, else the last. */
int score_tier_of(const scenario *sc, double total) {
  int n = score_tier_count(sc);
  for (int k = 0; k < n; k++)
    if (round(total) >= score_tier_at(sc, k).min) return k;
  return n - 1;
}

/* See score.h. */
const char *score_tier_name(const score_tier *t, const scenario *sc, const char *lang) {
  if (t->own) {
    const scn_tier *o = t->own;
    const char *want[2] = { lang, sc ? sc->language : NULL };
    for (int w = 0; w < 2; w++)
      for (int i = 0; want[w] && i < o->langs.n; i++)
        if (strcmp(o->langs.v[i], want[w]) == 0) return o->names.v[i];
    if (o->names.n > 0) return o->names.v[0];
    return o->id;
  }
  char key[64];
  snprintf(key, sizeof key, "tier.%s", t->id);
  return msg_text(lang, key);
}

static const char *const kind_names[] = { "first_visit", "follow_up", "payment", "referral" };

/* The JSON and docs name of a visit kind. */
const char *score_visit_kind_name(score_visit_kind k) {
  return (k >= 0 && k <= SV_REFERRAL) ? kind_names[k] : "first_visit";
}

_Static_assert((int)SK_COUNT == (int)VOCAB_SKILL_COUNT, "score_skill and VOCAB_SKILLS differ");

/* The JSON and docs name of a skill. */
const char *score_skill_name(score_skill s) {
  return (s >= 0 && s < SK_COUNT) ? vocab_skill_names[s] : "unknown";
}

/* The skill for a name, or -1. */
int score_skill_from_name(const char *name) {
  if (!name) return -1;
  for (int i = 0; i < SK_COUNT; i++)
    if (strcmp(vocab_skill_names[i], name) == 0) return i;
  return -1;
}
