/*
** classify_rung_vote.c: an ask that holds keywords of two rungs names the one it matches more
** strongly (cls_late_rung_vote).
**
** "Could you email me the last twelve months of power bills by Friday, so we can do the figures
** properly?" held two keywords of the bills rung ("twelve months", "bills") and one of the
** accountant meeting ("the figures"); the reader took the higher rung, as it does whenever two
** rungs' keywords match, and the customer agreed to bring the accountant in (play-test 31c M1).
** The rung is the one whose keywords the line matches most: the most distinct keywords, then the
** most characters they cover, then, on a tie, the higher rung (as before).  Only between rungs
** named by keyword (a link by meaning is no vote), and only when the reader's rung is one of them.
*/
#include <string.h>

#include "classify_int.h"

#define MAX_RUNGS 64

/* 1 when match m of r is a keyword of a rung (label "commitment:ID", not a link by meaning nor a
** rule's note): the rung's index in *k. */
static int rung_keyword(const cls_classifier *c, const cls_match *m, int *k) {
  const scenario *sc = c->sc;
  if (!sc || strncmp(m->label, "commitment:", 11) != 0 || !m->phrase) return 0;
  if (strncmp(m->phrase, "similar", 7) == 0 || strncmp(m->phrase, "rule:", 5) == 0) return 0;
  for (int i = 0; i < sc->n_commitments && i < MAX_RUNGS; i++)
    if (sc->commitments[i].id && strcmp(m->label + 11, sc->commitments[i].id) == 0) { *k = i; return 1; }
  return 0;
}

int cls_rung_vote(const cls_classifier *c, const cls_result *r, size_t from, size_t to, int rung) {
  int kws[MAX_RUNGS] = { 0 }, rungs = 0;
  size_t chars[MAX_RUNGS] = { 0 };
  for (int i = 0; i < r->n_matches; i++) {
    int k;
    const cls_match *m = &r->matches[i];
    if (m->start < from || m->end > to || !rung_keyword(c, m, &k)) continue;
    int dup = 0;   /* a keyword matched twice counts once */
    for (int j = 0; j < i && !dup; j++) {
      int kj;
      dup = rung_keyword(c, &r->matches[j], &kj) && kj == k && r->matches[j].start >= from &&
            r->matches[j].end <= to && strcmp(r->matches[j].phrase, m->phrase) == 0;
    }
    if (dup) continue;
    if (!kws[k]) rungs++;
    kws[k]++;
    chars[k] += m->end - m->start;
  }
  if (rungs < 2 || rung < 0 || rung >= MAX_RUNGS || !kws[rung]) return rung;
  int best = -1;
  for (int k = 0; k < MAX_RUNGS; k++) {
    if (!kws[k]) continue;
    if (best < 0 || kws[k] > kws[best] || (kws[k] == kws[best] && chars[k] > chars[best])) best = k;
  }
  return best;
}

void cls_late_rung_vote(const cls_classifier *c, cls_result *r) {
  if (!r->norm || r->commitment < 0 || !(r->moves & CLS_ASK_MOVES)) return;
  int best = cls_rung_vote(c, r, 0, strlen(r->norm), r->commitment);
  if (best == r->commitment) return;
  r->commitment = best;
  cls_match_push_packed(r, "commitment", "rule:rung_vote", "engine/classify_rung_vote.c:" CLS_STR(__LINE__), 0,
                        strlen(r->norm));
}
