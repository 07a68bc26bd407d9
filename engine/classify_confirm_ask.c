/*
** classify_confirm_ask.c: her need played back and closed by a confirmation tag is the
** confirmation, not an ask for what the need's story says she must do (cls_late_confirmed_not_asked).
**
** "so if you can't show the insurer better driving by march it goes up again - have I understood
** that right?" restates what Priya said and asks only whether it is right.  Its "show the" (after
** "you") is the customer's action and "by" a time, so the rule question + customer action + time
** read an ask beside the model's confirm_need; the customer took the playback ("That's about the
** size of it."), and the debrief charged "-15 An ask names what, when, and who or where", "-15 Check
** for open points before asking" and "-15 Sum up benefits" for an ask nobody made (play-test 32c
** H1).  When that rule's ask is the line's only ask (no request form, no rung named, none the model
** read), the line is read as a confirmation of a need and it ends on a confirmation tag ("...have I
** understood that right?", "..., is that right?", "...,对吗?"), the ask goes: the question it asks
** is the tag's.  "Could you send me the statements by Friday, is that right?" asks by its request
** form and keeps its ask.  Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"

#define BIT(m) ((uint64_t)1 << (m))

/* 1 when only spaces and sentence punctuation follow byte `end` of t. */
static int at_line_end(const char *t, size_t end) {
  for (const unsigned char *p = (const unsigned char *)t + end; *p; p++)
    if (!strchr(" ?!.~-", *p)) return 0;
  return 1;
}

void cls_late_confirmed_not_asked(cls_result *r) {
  const uint64_t ask = BIT(CLS_ASK_COMMITMENT);
  if (!r->norm || !(r->moves & ask) || (r->moves & CLS_ASK_MOVES & ~ask) || (r->model_moves & CLS_ASK_MOVES) ||
      !CLS_HAS(r, CLS_CONFIRM_NEED) || r->commitment >= 0 || r->n_benefits > 0 || cls_has_label(r, "request"))
    return;
  int by_question = 0, tagged = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "ask_commitment") == 0) {
      if (!m->phrase || strcmp(m->phrase, "rule:question_action_time") != 0) return;   /* another reading asks */
      by_question = 1;
    } else if (strcmp(m->label, "confirm") == 0 && m->end > m->start && at_line_end(r->norm, m->end)) {
      tagged = 1;
    }
  }
  if (!by_question || !tagged) return;
  r->moves &= ~ask;
  if (!(r->moves & CLS_ASK_MOVES)) r->specific = r->vague = 0;
  cls_match_push_packed(r, "ask_commitment", "rule:confirmed_not_asked",
                        "engine/classify_confirm_ask.c:" CLS_STR(__LINE__), 0, strlen(r->norm));
}
