/*
** score.h: the scorer.  Reads a finished session and produces findings, each tied to a turn and
** a rule, as data: the rule, the turn and the message's key and arguments (need names, quoted
** text, numbers).  It writes no prose: the words are in the message catalogues (msg.h), looked
** up by whoever shows a finding.  docs/scoring.md lists every rule with its principle.
** Skill scores are 0..100; the total is their weighted mean (weights overridable per scenario).
*/
#ifndef SALESIM_SCORE_H
#define SALESIM_SCORE_H

#include "msg.h"
#include "session.h"

typedef enum { SK_COMMITMENT, SK_BENEFITS, SK_TACTICS, SK_DISCOVERY, SK_COUNT } score_skill;
const char *score_skill_name(score_skill s);   /* "commitment" "benefits" "tactics" "discovery" */
int score_skill_from_name(const char *name);

typedef struct score_rule {
  const char *id;          /* stable: "vague_ask", "no_ask", ... */
  score_skill skill;
  double points;           /* default: negative = lost, positive = won */
  const char *principle;   /* the stable name of the principle it applies ("ask-every-visit");
                           ** its name and statement are principle.NAME.* and rule.ID.why in
                           ** the catalogues, an example of a better line rule.ID.better */
} score_rule;
const score_rule *score_rules(int *n);
const score_rule *score_rule_find(const char *id);

/* What a visit is for, as the rules judge it: derived from the ladder on offer (every rung a
** payment: collection; every rung a referral: referral) and the visit's place (a later visit
** of a campaign: follow-up). */
typedef enum { SV_FIRST, SV_FOLLOW_UP, SV_PAYMENT, SV_REFERRAL } score_visit_kind;
const char *score_visit_kind_name(score_visit_kind k);  /* "first_visit" "follow_up" "payment" "referral" */

/* Proficiency tiers, best first: the lowest total that reaches each and its id.  own is the
** scenario's tier (`scoring: tiers:`, its names in the file), NULL for a default tier (its
** words are the catalogues' tier.ID). */
typedef struct score_tier { double min; const char *id; const scn_tier *own; } score_tier;
const score_tier *score_tiers(int *n);          /* the defaults (docs/scoring.md) */
/* The tiers sc grades by: its own when it sets scoring.tiers, else the defaults (sc may be
** NULL).  score_tier_at: the k-th, 0 <= k < score_tier_count(sc), best first. */
int score_tier_count(const scenario *sc);
score_tier score_tier_at(const scenario *sc, int k);
/* The index of the tier a rounded total reaches among sc's tiers. */
int score_tier_of(const scenario *sc, double total);
/* A tier's name in lang: the scenario's own name in lang (else in the scenario's language, else
** its first), or the catalogue's tier.ID.  Static or owned by the scenario. */
const char *score_tier_name(const score_tier *t, const scenario *sc, const char *lang);

/* A message as data: a catalogue key and its named arguments (names static, values owned). */
#define SCORE_MAX_ARGS 6
typedef struct score_msg {
  char *key;               /* "finding.vague_ask"; owned */
  msg_arg args[SCORE_MAX_ARGS];
  int n;
} score_msg;
/* The message in lang's words (malloc'd). */
char *score_msg_text(const score_msg *m, const char *lang);

typedef struct score_finding {
  const score_rule *rule;
  int turn;                /* 1-based turn, 0 for the visit as a whole */
  double points;           /* after scenario overrides */
  score_msg msg;           /* what happened */
  char *quote;             /* the trainee's line, or NULL; owned */
  int need;                /* index of the scenario need it is about, or -1 (the Try line uses it) */
  int rungs_known;         /* 1 when the finding's turn judged the ladder (an ask turn) */
  uint64_t rungs_realistic;/* then: bit k when rung k could have been given (the Try line asks
                           ** for the best of those, not for a rung the customer could not give) */
  int note_alone;          /* 1: worth nothing when no other finding shows its skill (a lone credit
                           ** would show the skill at 60 and lower a good visit's total) */
} score_finding;

typedef struct score_result {
  cust_outcome outcome;
  double total;
  double skills[SK_COUNT];
  double weights[SK_COUNT];
  int pass;
  score_finding *findings; int n_findings;
  /* Added for the debrief: why the outcome is what it is, the turn that decided it (0 = the
  ** visit as a whole) and the commitment given (-1 = none). */
  score_msg reason;
  const char *lang;        /* the session's catalogue language ("en", "zh") */
  int outcome_turn;
  int given;
  double pass_mark;        /* the total that counts as a pass (default 70) */
  /* Calibration (docs/scoring.md, "The scoring model"): a skill is shown only when some finding
  ** is evidence for it; a skill not shown has no score and takes no part in the total. */
  int shown[SK_COUNT];
  int attempt;             /* 1 when the trainee made a genuine attempt (two lines that try to
                           ** sell); an abandoned visit scores 0, a genuine one at least 1 */
  int tier;                /* index into score_tier_at(scenario, .): the band the total reaches */
  score_visit_kind kind;   /* the kind of the (last) visit, as the rules judged it */
} score_result;

void score_session(const session *s, score_result *out);
void score_result_free(score_result *r);


#endif
