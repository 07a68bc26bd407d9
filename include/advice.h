/*
** advice.h: the "Try" line of a finding, made from the scenario itself: the customer's name, the
** needs in the words the trainee would use for them, the benefits, the commitment ladder's
** actions and the visit's kind, in the scenario's language.  The rules' fixed better lines
** (rule.ID.better in the catalogues) remain the fallback for a scenario that gives nothing.
*/
#ifndef SALESIM_ADVICE_H
#define SALESIM_ADVICE_H

#include "scenario.h"
#include "score.h"

/* The move a rule's Try line teaches. */
typedef enum {
  ADV_NONE, ADV_ASK, ADV_PAY, ADV_REFERRAL, ADV_CHECK, ADV_SUMMARY, ADV_CONFIRM, ADV_OPEN,
  ADV_HIDDEN, ADV_CHAIN, ADV_PROBE, ADV_GAIN, ADV_LOSS
} adv_teach;

/* What the Try line of rule_id teaches in a visit of this kind; ADV_NONE for an unknown rule. */
adv_teach adv_teaches(const char *rule_id, score_visit_kind kind);

/* What a finding knows of its moment, for its Try line. */
typedef struct adv_about {
  int need;                 /* the need it is about (the hidden need that stayed hidden), or -1:
                            ** then the scenario's first need of the kind the line teaches */
  int rungs_known;          /* 1 when the turn judged the ladder: then an ask teaches the best */
  uint64_t rungs_realistic; /* rung whose bit is set here (it could have been given) */
  const struct cls_classifier *reader;   /* the session's classifier, or NULL: a discovery
                            ** line built from a need's example is then one it reads as the
                            ** question it teaches (the next example, else a neutral question) */
} adv_about;

/* What the Try line of rule_id teaches, knowing what the finding is about: adv_teaches, except
** that a feature list about no need she had voiced (about->need < 0) teaches asking for one,
** not a summary of a need never told (play-test 30b F10). */
adv_teach adv_teaches_about(const char *rule_id, score_visit_kind kind, const adv_about *about);

/* The Try line for rule_id in a visit of this kind, built from sc in the catalogue language
** lang (NULL: sc's language) (malloc'd; the caller frees it); about may be NULL (nothing
** known).  NULL when sc is NULL, the rule is unknown, or the scenario lacks what the line needs
** (a customer name; for an ask, a rung of the visit's kind): use the rule's fixed line then. */
char *adv_try(const scenario *sc, const char *lang, const char *rule_id, score_visit_kind kind,
              const adv_about *about);

#endif
