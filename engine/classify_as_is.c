/*
** classify_as_is.c: a what/how question led in by a word of now ("And today, how does your team
** get told when something goes down?", "Right now, who looks at the alerts?", "那现在,你们是怎么
** 收到告警的?") asks about her world: an open question, not an ask (cls_late_as_is_lead).
**
** The request form "how does", a person ("your team") and the time "today" made the rule
** request_who_when read it as an ask for commitment with no action named; the customer answered
** "Be concrete: what would I do, and by when?" and the visit's three top coaching points (-15
** each: no action, no check, no summary) came from that one discovery question (play-test 30c,
** finding 1).  cls_late_as_is reads the same question with the word of now inside the question
** clause and no day named; here the word of now stands alone in a clause before it ("and today,")
** and is the line's only time, so it names when things stand, not when she should act.  Not
** when the line names an action or a rung of the scenario, or asks more than a commitment.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when clause c of r holds nothing but an as_is phrase, an opening connective ("and", "so",
** "但", "那") and marks: a lead-in that frames the question after it. */
static int lead_in(const cls_result *r, const cl_clause *c) {
  static const char *const joins[] = { "and ", "so ", "but ", "then ", "ok ", "okay ", "那么", "那", "但", "而" };
  size_t end = c->end, from = c->start, as_is_end = 0, as_is_start = 0;
  int found = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "as_is") || m->start < c->start || m->end > c->end) continue;
    as_is_start = m->start, as_is_end = m->end, found = 1;
    break;
  }
  if (!found) return 0;
  while (from < as_is_start && r->norm[from] == ' ') from++;
  for (size_t k = 0; k < N(joins); k++) {
    size_t l = strlen(joins[k]);
    if (from + l <= as_is_start && memcmp(r->norm + from, joins[k], l) == 0) { from += l; break; }
  }
  while (from < as_is_start && r->norm[from] == ' ') from++;
  if (from != as_is_start) return 0;
  for (size_t p = as_is_end; p < end; p++) {   /* (marks and spaces only after it: ", " "，") */
    if (p + 3 <= end && memcmp(r->norm + p, "\xef\xbc\x8c", 3) == 0) { p += 2; continue; }
    if (!strchr(" ,.;:", r->norm[p])) return 0;
  }
  return 1;
}

void cls_late_as_is_lead(cls_result *r) {
  const uint64_t ask = BIT(CLS_ASK_COMMITMENT);
  if (!r->norm || !r->question || !(r->moves & ask) || (r->moves & CLS_ASK_MOVES & ~ask) || r->commitment >= 0 ||
      r->slots[CLS_SLOT_ACTION])
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), lead = -1;
  if (ncl < 2) return;
  const cl_clause *q = &cl[ncl - 1];
  if (q->mood == CL_MOOD_STATEMENT || !(cl_has_label(r, q, "wh") || cl_has_label(r, q, "asking_wh"))) return;
  for (int k = 0; k < ncl - 1 && lead < 0; k++)
    if (lead_in(r, &cl[k])) lead = k;
  if (lead < 0) return;
  for (int i = 0; i < r->n_matches; i++)   /* (its word of now is the line's only time) */
    if (strcmp(r->matches[i].label, "time") == 0 &&
        (r->matches[i].start < cl[lead].start || r->matches[i].end > cl[lead].end))
      return;
  r->moves = (r->moves & ~ask) | BIT(CLS_OPEN_QUESTION);
  r->model_moves &= ~ask;
  r->specific = r->vague = 0;
  cls_match_push_packed(r, "open_question", "rule:as_is_lead", "engine/classify_as_is.c:" CLS_STR(__LINE__),
                        cl[lead].start, q->end);
}

/* A rung named only by its people: "咱们学校信息中心一般多久能对接一个新系统?" asks how long her
** IT office usually takes, and 信息中心, a person word the demo rung keeps as a keyword, made it that
** rung asked for (rule: request form + customer action, with 咱们 as the request); the customer
** was asked for a demo with no day (the lead's probe, play-test 31).  As cls_late_as_is, when every
** match of the rung lies inside a match of a person: what the question asks is how things stand. */
void cls_late_as_is_rung_person(cls_result *r) {
  const uint64_t ask = BIT(CLS_ASK_COMMITMENT);
  if (!r->norm || !r->question || !(r->moves & ask) || (r->moves & CLS_ASK_MOVES & ~ask) || r->commitment < 0 ||
      r->slots[CLS_SLOT_TIME] || r->slots[CLS_SLOT_ACTION] == NULL)
    return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  const cl_clause *q = &cl[ncl - 1];
  if (!(cl_has_label(r, q, "wh") || cl_has_label(r, q, "asking_wh")) || !cl_has_label(r, q, "as_is")) return;
  int rung = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strncmp(m->label, "commitment:", 11) != 0) continue;
    int by_person = 0;
    for (int j = 0; j < r->n_matches && !by_person; j++)
      by_person = strcmp(r->matches[j].label, "person") == 0 && r->matches[j].start <= m->start &&
                  m->end <= r->matches[j].end;
    if (!by_person) return;   /* the rung's own words: a step named */
    rung++;
  }
  if (!rung) return;
  r->moves = (r->moves & ~ask) | BIT(CLS_OPEN_QUESTION);
  r->model_moves &= ~ask;
  r->specific = r->vague = 0;
  r->commitment = -1;
  cls_match_push_packed(r, "open_question", "rule:as_is_rung_person", "engine/classify_as_is.c:" CLS_STR(__LINE__),
                        0, strlen(r->norm));
}
