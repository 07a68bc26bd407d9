/*
** classify_bare_step.c: "shall we just go ahead then?" asks for no step in particular
** (cls_late_bare_step).
**
** "Well, whatever works for you, shall we just go ahead then?" names nothing to go ahead with: no
** quantity, no product, no day.  The reader took it for an ask and linked the scenario's top rung
** by meaning alone (0.18, from the examples taken together), so Helen put herself down for forty
** sets and the debrief gave "+10 the most the customer could give" and "+30 ordered" for a line
** that never said what (play-test 32a M1; the turn before, "so, what do you think?" got "What
** exactly are you asking me to do?").  An ask whose words are only a bare step ("go ahead", "go for
** it", "do it", "get started", "move forward", "proceed", "take the next step"), with nothing after
** it in its clause but "then" or "now", and no action, time, person or place, no order word and no
** rung keyword, is vague: it names no rung, and the customer asks what is meant.  After the link
** by meaning (which it undoes); English.
*/
#include <string.h>

#include "classify_int.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when t holds a bare step phrase with only "then", "now", "shall we" or closing marks after it;
** its span in *from, *to. */
static int bare_step(const char *t, size_t *from, size_t *to) {
  static const char *const step[] = { "go ahead", "go for it", "do it", "do this", "get started", "get going",
                                      "get moving", "move forward", "move ahead", "proceed", "take the next step",
                                      "make it happen", "crack on", "get the ball rolling", "go with it" };
  static const char *const filler[] = { "then", "now", "together", "shall we", "yeah", "ok", "okay", "right" };
  for (size_t k = 0; k < N(step); k++)
    for (const char *p = strstr(t, step[k]); p; p = strstr(p + 1, step[k])) {
      if (p > t && p[-1] != ' ') continue;
      const char *q = p + strlen(step[k]);
      for (int again = 1; again;) {
        again = 0;
        while (*q == ' ' || *q == ',') q++;
        for (size_t f = 0; f < N(filler); f++)
          if (strncmp(q, filler[f], strlen(filler[f])) == 0 && !(q[strlen(filler[f])] >= 'a' && q[strlen(filler[f])] <= 'z')) {
            q += strlen(filler[f]);
            again = 1;
            break;
          }
      }
      if (*q == '\0' || *q == '?' || *q == '.' || *q == '!') {
        *from = (size_t)(p - t);
        *to = *from + strlen(step[k]);
        return 1;
      }
    }
  return 0;
}

void cls_late_bare_step(const cls_classifier *c, cls_result *r) {
  size_t from = 0, to = 0;
  if (!r->norm || !(r->moves & CLS_ASK_MOVES) || r->vague || r->specific || r->negated || r->has_amount ||
      r->slots[CLS_SLOT_ACTION] || r->slots[CLS_SLOT_TIME] || r->slots[CLS_SLOT_PERSON] || r->slots[CLS_SLOT_PLACE] ||
      cls_names_order(r->norm) || !bare_step(r->norm, &from, &to))
    return;
  if (r->commitment >= 0 && c->sc && cls_item_keyword(r, "commitment", c->sc->commitments[r->commitment].id)) return;
  r->vague = 1;
  r->commitment = -1;
  cls_match_push_packed(r, "vague", "rule:bare_step", "engine/classify_bare_step.c:" CLS_STR(__LINE__), from, to);
}
