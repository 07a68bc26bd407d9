/*
** link_concepts.h: the concept layer of linking by meaning (docs/classifier.md 1d, play-test 31).
**
** A concept is a name and the words a sales visit uses for one thing ("money": budget, cost,
** 经费, 预算, 钱).  When link.c makes the terms of a text or a line, a word of a concept is
** replaced by the concept's term ("~money"), so "经费" in a line meets "预算" in an example, and
** a text that says "budget" shares one term with a line that says "budget", not two.
**
** English members of one word are matched on their base form (and as typed); members of several
** words and Chinese members are matched on the normalised text, the longest from each position.
** The shipped table is engine/lexicons/concepts.yaml, read once, on first use (a shipped
** scenario's index is made at build time, so a start reads it only for a trainer's own file); a
** scenario adds words under `lexicon: concepts:` and removes them under `lexicon: switch_off:
** concepts:` (docs/authoring.md).
*/
#ifndef SALESIM_LINK_CONCEPTS_H
#define SALESIM_LINK_CONCEPTS_H

#include <stddef.h>

#include "scenario.h"
#include "words.h"

typedef struct lcn_table lcn_table;

/* The concepts for a scenario: the shipped table with the scenario's additions and switch-offs
** (sc may be NULL: the shipped table).  NULL when there is none (no file, or an unreadable one:
** linking goes on without concepts).  The shipped table is shared and never freed; a scenario's
** own is freed with lcn_release. */
const lcn_table *lcn_for(const scenario *sc);
void lcn_release(const lcn_table *t);

/* The concept of an English word (its base form or as typed, w[0..n)), or -1. */
int lcn_word(const lcn_table *t, const char *w, size_t n);
/* The longest member of several words or of Chinese characters that starts at s[i] (within
** s[0..len); a member of words must end on a word's end): its length in bytes, and its concept in
** *concept; 0 when none starts there. */
size_t lcn_span_at(const lcn_table *t, const char *s, size_t len, size_t i, int *concept);
/* The term of concept c as link.c emits it ("~money"), NUL-terminated, owned by the table. */
const char *lcn_term(const lcn_table *t, int c, size_t *n);
/* Calls fn on every member of the concept whose term is term[0..n) as link.c would make its term
** (the base form of an English word, a Chinese member as written); returns how many. */
int lcn_members(const lcn_table *t, const char *term, size_t n,
                void (*fn)(void *ctx, const char *m, size_t mn), void *ctx);
/* The table in the compiled form the generator writes (builtin.h bi_concepts; malloc'd, *n bytes),
** or NULL for no table. */
char *lcn_blob(const lcn_table *t, size_t *n);

#endif
