/*
** vocab.h: the words every layer shares, each table written once, at the bottom of the layers
** (it includes nothing).  A table marked ORDER is indexed by an enum elsewhere: its rows keep
** that enum's order, and the enum's file checks the count with a static assert.
**   skills   - ORDER score.h's score_skill (SK_COMMITMENT...), the debrief's bars, the
**              gradebook's skill columns and `salesim next`'s averages
**   outcomes - ORDER customer.h's cust_outcome (CUST_OUTCOME_ORDER...), the debrief's "outcome"
** The moves and slots have their own ORDER tables in classify.h (CLS_MOVES, CLS_SLOTS: the enum
** and the names come from one X-macro there); the limits of a scenario are in caps.h.
*/
#ifndef SALESIM_VOCAB_H
#define SALESIM_VOCAB_H

/* ORDER score_skill */
#define VOCAB_SKILLS(X) X(COMMITMENT, "commitment") X(BENEFITS, "benefits") \
                        X(TACTICS, "tactics") X(DISCOVERY, "discovery")
/* ORDER cust_outcome */
#define VOCAB_OUTCOMES(X) X(ORDER, "order") X(ADVANCE, "advance") \
                          X(CONTINUATION, "continuation") X(NO_SALE, "no_sale")

#define VOCAB_COUNT_ONE(id, name) + 1
enum { VOCAB_SKILL_COUNT = 0 VOCAB_SKILLS(VOCAB_COUNT_ONE),
       VOCAB_OUTCOME_COUNT = 0 VOCAB_OUTCOMES(VOCAB_COUNT_ONE) };

/* The names as the debrief JSON, the gradebook and the transcripts write them. */
extern const char *const vocab_skill_names[VOCAB_SKILL_COUNT];
extern const char *const vocab_outcome_names[VOCAB_OUTCOME_COUNT];

/* The index of a skill or outcome named, or -1 (NULL or unknown). */
int vocab_skill_index(const char *name);
int vocab_outcome_index(const char *name);

#endif
