/*
** debrief_int.h: what the three debrief renderers (text, Markdown, HTML) share: their UI labels
** in English and Chinese, and the findings of a debrief document gathered in reading order.
** Private to engine/debrief*.c.
*/
#ifndef SALESIM_DEBRIEF_INT_H
#define SALESIM_DEBRIEF_INT_H

#include <jansson.h>

enum {
  L_OUTCOME, L_SCORE, L_PASS, L_NOT_YET, L_SKILLS, L_WHOLE, L_TURN, L_WHY, L_TRY, L_REFLECT,
  L_PROGRESS, L_NOW, L_NONE, L_ORDER, L_ADVANCE, L_CONTINUATION, L_NO_SALE, L_FINDINGS,
  L_HINTS, L_COMMITMENT, L_BENEFITS, L_TACTICS, L_DISCOVERY, L_DEBRIEF, L_TRANSCRIPT,
  L_CUSTOMER, L_YOU, L_STARTED, L_RULE, L_POINTS, L_SOURCE, L_OBJECTIONS, L_NOT_SHOWN,
  L_TIER, L_PASS_MARK, L_ENDED, L_TOP, L_FULL_HINT, L_COUNT
};
/* The label in Chinese when zh, else English. */
const char *deb_label(int zh, int id);
/* The label of an outcome name ("advance" -> "ADVANCE" / "晋级"). */
const char *deb_outcome_label(int zh, const char *outcome);
/* 1 when the document (or the override) asks for Chinese. */
int deb_is_zh(const json_t *d, const char *override);

extern const char *const deb_skill_names[4];   /* "commitment" ... in display order */

typedef struct deb_item { const json_t *f; int skill; int turn; } deb_item;
/* Every finding of the document: the visit as a whole (turn 0) first, then by turn, keeping the
** document's order within a turn.  Returns the count; *out is malloc'd (free it). */
size_t deb_items(const json_t *d, deb_item **out);
/* Why the visit ended, in words, from its ended_by ("quit" -> "you left with /quit"). */
const char *deb_ended_label(int zh, const char *ended_by);
/* The customer's reason, from end_cause ("patience" -> "the customer ran out of time ..."), or
** NULL for a cause it does not know (a script's own word). */
const char *deb_cause_label(int zh, const char *end_cause);
/* The (at most max) findings that cost most, worst first (ties: earlier turn first); returns
** the count and fills out[] with indexes into items. */
size_t deb_top_losses(const deb_item *items, size_t n, size_t *out, size_t max);
/* "turn 3, answered at turn 4" / "第 3 轮提出，第 4 轮回应" for an objection (malloc'd). */
char *deb_objection_when(int zh, const json_t *objection);
/* The first max code points of s, with "…" when cut (malloc'd); a renderer's cap on lines. */
char *deb_shorten(const char *s, int max);
/* The quote of the first finding at items[i]'s turn that has one, or NULL. */
const char *deb_turn_quote(const deb_item *items, size_t n, size_t i);

#endif
