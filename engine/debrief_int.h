/*
** debrief_int.h: what the three debrief renderers (text, Markdown, HTML) share: their labels
** (from the message catalogues, msg.h), the document's messages in any language, and the
** findings of a debrief document gathered in reading order.  Defined in debrief_doc.c, which
** reads only the document; the builder (debrief.c) does not include this file.
** Private to engine/debrief*.c.
*/
#ifndef SALESIM_DEBRIEF_INT_H
#define SALESIM_DEBRIEF_INT_H

#include <jansson.h>
#include "vocab.h"

enum {
  L_OUTCOME, L_SCORE, L_PASS, L_NOT_YET, L_SKILLS, L_WHOLE, L_TURN, L_WHY, L_TRY, L_REFLECT,
  L_PROGRESS, L_NOW, L_NONE, L_ORDER, L_ADVANCE, L_CONTINUATION, L_NO_SALE, L_FINDINGS,
  L_HINTS, L_COMMITMENT, L_BENEFITS, L_TACTICS, L_DISCOVERY, L_DEBRIEF, L_TRANSCRIPT,
  L_CUSTOMER, L_YOU, L_STARTED, L_RULE, L_POINTS, L_PRINCIPLE, L_OBJECTIONS, L_NOT_SHOWN,
  L_TIER, L_PASS_MARK, L_ENDED, L_TOP, L_FULL_HINT, L_SKILLS_VOID, L_SKILLS_NOTE, L_COUNT
};
/* The label in lang (owned by the catalogue). */
const char *deb_label(const char *lang, int id);
/* The skills heading of debrief d: "Skills", or, for a visit abandoned before a genuine attempt
** (attempt false: it scores 0), a heading saying the bars are not counted. */
const char *deb_skills_label(const char *lang, const json_t *d);
/* The label of an outcome name ("advance" -> "ADVANCE" / "有进展"). */
const char *deb_outcome_label(const char *lang, const char *outcome);
/* The language to show the document in: the override, else the document's own. */
const char *deb_lang(const json_t *d, const char *override);
/* A finding's message, the outcome's reason, in lang (malloc'd): formatted from the document's
** message key and arguments, or its stored text when it has none. */
char *deb_finding_text(const char *lang, const json_t *finding);
char *deb_reason_text(const char *lang, const json_t *d);
/* Why a genuine attempt shows a score of 1 (the floor: docs/scoring.md), or NULL when it does not
** (malloc'd; the caller frees it).  "Score 1/100" beside skills all at 0 read as a mistake
** (play-test 26). */
char *deb_score_floor_text(const char *lang, const json_t *d);
/* When an attempt of the progress list started, for a trainee: the gradebook's UTC stamp
** ("2026-12-07T04:44:20Z") as local date and time, "2026-12-07 12:44", into out (n bytes); a
** stamp of another form is copied as it is.  "你的进步" showed the raw stamps (play-test 30b). */
void deb_when(const char *stamp, char *out, size_t n);
/* The principle a finding applies: its statement and its name, in lang. */
const char *deb_principle(const char *lang, const json_t *finding);
const char *deb_principle_name(const char *lang, const json_t *finding);
/* A tier's name in lang (the document's name for a tier the catalogue does not know). */
const char *deb_tier_name(const char *lang, const json_t *tier);


typedef struct deb_item { const json_t *f; int skill; int turn; } deb_item;
/* Every finding of the document: the visit as a whole (turn 0) first, then by turn, keeping the
** document's order within a turn.  Returns the count; *out is malloc'd (free it). */
size_t deb_items(const json_t *d, deb_item **out);
/* Why the visit ended, in words, from its ended_by ("quit" -> "you left with /quit"). */
const char *deb_ended_label(const char *lang, const char *ended_by);
/* The customer's reason, from end_cause ("patience" -> "the customer ran out of time ..."), or
** NULL for a cause it does not know (a script's own word). */
const char *deb_cause_label(const char *lang, const char *end_cause);
/* The (at most max) findings that cost most, worst first (ties: earlier turn first); returns
** the count and fills out[] with indexes into items. */
size_t deb_top_losses(const json_t *d, const deb_item *items, size_t n, size_t *out, size_t max);
/* 1 when skill k (0..3) of document d scored 100, its cap: a loss in it cost nothing (a trainee
** read "100/100" beside "-10" and could not tell what the -10 cost: play-test 23). */
int deb_skill_capped(const json_t *d, int k);
/* "turn 3, answered at turn 4" / "第 3 轮提出，第 4 轮回应" for an objection (malloc'd). */
char *deb_objection_when(const char *lang, const json_t *objection);
/* The first max code points of s, with "…" when cut (malloc'd); a renderer's cap on lines. */
char *deb_shorten(const char *s, int max);
/* The quote of the first finding at items[i]'s turn that has one, else the trainee's line of
** that turn in document d, or NULL. */
const char *deb_turn_quote(const json_t *d, const deb_item *items, size_t n, size_t i);
/* The visit (1-based) of trainee turn `turn` in a campaign's document d, 0 outside a campaign. */
int deb_turn_visit(const json_t *d, int turn);

#endif
