/*
** customer_act.c: what the customer does (customer_int.h): reveals and confirms needs, gives
** and refuses commitments, raises objections, ends a visit, opens the next one, and judges one
** rung realistic.  Each act changes the state in C first and then records its event, so a
** rolled-back script (customer_turn.c) takes both back together.
*/
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "customer_int.h"
#include "safe.h"
#include "util.h"


/* ===== what the customer does ============================================================ */

int cust_reveal(cust_host *h, int need, int quiet) {
  if (cust_flag(h, CF_REVEALED, need)) return 0;
  cust_set_flag(h, CF_REVEALED, need, 1);
  cust_ev_push(h, CUST_EV_REVEAL)->index = need;
  const char *said = h->sc->needs[need].said;
  if (quiet || !said || !*said) return 1;
  char *rest = cust_untold(h, said);           /* not the news the trainee just told her */
  if (rest) cust_note_said(h, said);           /* (the need's words count as said) */
  cust_say_text(h, rest ? rest : said, NULL);
  free(rest);
  return 1;
}

/* The customer confirms a need (revealing it quietly first); 0 when already confirmed. */
int cust_confirm(cust_host *h, int need) {
  if (cust_flag(h, CF_CONFIRMED, need)) return 0;
  cust_reveal(h, need, 1);
  cust_set_flag(h, CF_CONFIRMED, need, 1);
  cust_event *ev = cust_ev_push(h, CUST_EV_CONFIRM);
  ev->index = need;
  int who = cust_speaker_of(h, h->sc->needs[need].said);   /* credited to the one who said it */
  if (who >= 0) ev->name = xstrdup(h->people[who]);
  return 1;
}

/* One of the accept lines v: with a day in the trainee's line, one that says a {time} back when
** some do and some do not (the README promises she repeats the day proposed: "Could we put you
** down for 40 sets today, delivered by the 15th ...?" got "Put me down for forty sets, delivered
** before the window goes up.", play-test 30 F14).  One draw of the generator, as cust_pick. */
static const char *pick_accept(cust_host *h, const scn_strs *v) {
  const cls_result *t = h->turn;
  enum { MAX_SAY_BACK = 16 };
  if (!t || !t->slots[CLS_SLOT_TIME] || v->n < 2 || v->n > MAX_SAY_BACK) return cust_pick(h, v);
  const char *back[MAX_SAY_BACK];
  int m = 0;
  for (int i = 0; i < v->n; i++)
    if (strstr(v->v[i], "{time")) back[m++] = v->v[i];
  if (m == 0 || m == v->n) return cust_pick(h, v);
  if (m == 1) (void)cust_rand(h);   /* (cust_pick_among draws nothing for one) */
  return cust_pick_among(h, back, m);
}

/* The customer gives commitment c and, unless quiet, says its accept line. */
int cust_give(lua_State *L, cust_host *h, int c, int quiet) {
  const scn_commitment *cm = &h->sc->commitments[c];
  const char *line = quiet ? NULL : pick_accept(h, &cm->accept);
  const char *key = NULL;
  if (!line && !quiet) { key = "accept"; line = cust_line(L, h, key); }
  cust_set_flag(h, CF_GIVEN, c, 1);
  cust_ev_push(h, CUST_EV_GIVE)->index = c;
  if (line) cust_say_text(h, line, key);
  return 1;
}

/* The customer says what became of commitment c, given on an earlier visit: its done line, or
** the built-in "done" line ("预算那边报上去了吗?" on the next visit is answered, not met with
** "what do you mean?"). */
int cust_recall(lua_State *L, cust_host *h, int c) {
  const char *line = cust_pick(h, &h->sc->commitments[c].done);
  const char *key = NULL;
  if (!line) { key = "done"; line = cust_line(L, h, key); }
  if (line) cust_say_text(h, line, key);
  return line != NULL;
}

/* The customer refuses commitment c with a reason: the one given, its refuse line, or the
** built-in "premature" line. */
int cust_refuse(lua_State *L, cust_host *h, int c, const char *reason, int quiet) {
  const scn_commitment *cm = &h->sc->commitments[c];
  const char *line = reason, *key = NULL;
  if (!line && !quiet) line = cust_pick(h, &cm->refuse);
  if (!line && !quiet) { key = "premature"; line = cust_line(L, h, key); }
  cust_set_flag(h, CF_REFUSED, c, 1);
  cust_event *ev = cust_ev_push(h, CUST_EV_REFUSE);
  ev->index = c;
  ev->text = line ? safe_text(line, strlen(line), NULL) : NULL;
  if (line && !quiet) cust_say_text(h, line, key);
  return 1;
}

/* The customer raises objection obj (an event the first time) and says it unless quiet.  Said
** already, it is not said word for word again: "objection_again" ("As I said, ...") stands in
** when the scenario or the default behaviour has that line. */
int cust_raise(lua_State *L, cust_host *h, int obj, int quiet) {
  int fresh = !cust_flag(h, CF_RAISED, obj);
  if (fresh) {
    cust_set_flag(h, CF_RAISED, obj, 1);
    cust_ev_push(h, CUST_EV_OBJECTION)->index = obj;
  }
  const char *said = h->sc->objections[obj].said;
  if (!quiet && said && *said) {
    const char *again = cust_was_said(h, said) ? cust_line(L, h, "objection_again") : NULL;
    if (again) cust_say_text(h, again, "objection_again");
    else cust_say_text(h, said, NULL);
  }
  return fresh;
}

/* Settles the visit's outcome once, with why it ended in the END event's text (the debrief
** shows it); 0 when it was already settled. */
int cust_end_visit_why(cust_host *h, cust_outcome o, const char *why) {
  if (h->outcome != CUST_OUTCOME_NONE) return 0;
  h->outcome = o;
  cust_event *ev = cust_ev_push(h, CUST_EV_END);
  ev->outcome = o;
  if (why) ev->text = xstrdup(why);
  return 1;
}

/* Applies a visit's state overrides. */
void cust_apply_visit_state(cust_host *h, int v) {
  if (v >= h->sc->n_visits) return;
  const scn_visit *vs = &h->sc->visits[v];
  for (int i = 0; i < vs->n_state; i++) {
    int k = cust_state_index(h, vs->state[i].name);
    if (k < 0) continue;
    cust_state_set_mask(h, k, vs->state[i].value, 0);
    cust_people_set_all(h, k, vs->state[i].value);   /* a visit starts the same for everyone */
  }
}

/* Initial patience (the scenario's, or 12), restored at each visit. */
static double initial_patience(const cust_host *h) {
  const scenario *sc = h->sc;
  for (int i = 0; i < sc->n_state; i++)
    if (strcmp(sc->state[i].name, SCN_STATE_PATIENCE) == 0) return sc->state[i].value;
  return 12;
}

/* Moves a campaign to its next visit (see docs/lua-api.md); 0 on the last visit. */
int cust_next_visit(cust_host *h) {
  if (h->visit + 1 >= h->sc->n_visits) return 0;
  if (h->outcome == CUST_OUTCOME_NONE) {
    cust_event *ev = cust_ev_push(h, CUST_EV_END);
    ev->outcome = CUST_OUTCOME_ADVANCE;
    ev->text = xstrdup("commitment");
  }
  h->visit++;
  h->outcome = CUST_OUTCOME_NONE;
  h->turn_no = 0;
  h->warned = 0;
  h->warned_people = 0;
  cust_ev_push(h, CUST_EV_NEXT_VISIT)->index = h->visit;
  cust_state_set_mask(h, h->patience, initial_patience(h), 0);
  cust_people_set_all(h, h->patience, initial_patience(h));   /* everyone's patience is back */
  cust_apply_visit_state(h, h->visit);
  memset(h->flags + h->off[CF_FIRED], 0, (size_t)h->sc->n_reactions);  /* once: per visit */
  for (int c = 0; c < h->sc->n_commitments; c++)   /* what this visit settled stays done */
    if (cust_flag(h, CF_GIVEN, c)) cust_set_flag(h, CF_DONE, c, 1);
  memset(h->flags + h->off[CF_GIVEN], 0, (size_t)h->sc->n_commitments);
  memset(h->flags + h->off[CF_REFUSED], 0, (size_t)h->sc->n_commitments);
  h->pending_start = 1;
  return 1;
}

/* Runs commitment c's realistic_when inside the running call. */
int cust_is_realistic(lua_State *L, cust_host *h, int c) {
  if (c < 0 || c >= h->sc->n_commitments) return 0;
  if (h->real_ref[c] == LUA_NOREF) return 1;
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->real_ref[c]);
  lua_call(L, 0, 1);
  int r = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return r;
}

