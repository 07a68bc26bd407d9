/*
** session.c: one practice visit, without a terminal.  Each trainee line is classified, the
** customer reacts, the turn is recorded with the customer's state as it was when the line was
** said (the scorer judges a move by where the customer stood), and each turn is appended to the
** transcript's journal before the answer is shown, so a crash or a closed terminal loses at most
** the line being typed.  The transcript document is written whole once, when the visit ends.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "caps.h"
#include "classify_cache.h"
#include "journal.h"
#include "msg.h"
#include "session.h"
#include "util.h"
#include "msg_cli.h"

#define SESS_DEFAULT_MAX_TURNS 200

const char *sess_end_name(sess_end e) {
  switch (e) {
  case SESS_END_CUSTOMER: return "customer";
  case SESS_END_QUIT: return "quit";
  case SESS_END_EOF: return "eof";
  case SESS_END_HANGUP: return "hangup";
  case SESS_END_INTERRUPT: return "interrupt";
  case SESS_END_TURN_LIMIT: return "turn_limit";
  case SESS_END_KILLED: return "killed";
  case SESS_END_NONE: break;
  }
  return "none";
}

sess_end sess_end_parse(const char *n) {
  for (int e = SESS_END_CUSTOMER; n && e <= SESS_END_KILLED; e++)
    if (strcmp(n, sess_end_name((sess_end)e)) == 0) return (sess_end)e;
  return SESS_END_NONE;
}

char *sess_default_transcript_path(const scenario *sc) {
  char *dir = util_xdg_dir("XDG_DATA_HOME", ".local/share");
  char stamp[32];
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  char *p = xasprintf("%s/transcripts/%s-%s-%ld.json", dir, sc->id, stamp, (long)getpid());
  free(dir);
  return p;
}

session *sess_new(const scenario *sc, const sess_options *opt, diag *d) {
  session *s = xcalloc(1, sizeof *s);
  s->sc = sc;
  s->seed = opt->seed;
  s->lang = xstrdup(opt->lang ? opt->lang : sc->language);
  s->trainee = opt->trainee ? xstrdup(opt->trainee) : NULL;
  s->max_turns = opt->max_turns > 0 ? opt->max_turns : SESS_DEFAULT_MAX_TURNS;
  s->outcome = CUST_OUTCOME_NONE;
  diag_init(&s->diags);
  s->cls = opt->classifier;   /* building one is most of a session's start: share it if given */
  s->reader = opt->reader;
  assert(!s->reader || (s->cls && cls_cache_classifier(s->reader) == s->cls));
  if (!s->cls) {
    s->cls = cls_new(sc->language, sc, d);
    s->owns_cls = 1;
  }
  if (!s->cls) {
    cust_free(opt->adopt);
    sess_free(s);
    return NULL;
  }
  if (opt->adopt) {   /* made by the caller, as below */
    s->cust = opt->adopt;
    s->owns_cust = 1;
    if (opt->adopt_diag && d) diag_take(d, opt->adopt_diag);
  } else if (opt->customer) {   /* a walk: the same customer, started over */
    if (cust_reset(opt->customer, opt->seed, d) != 0) { sess_free(s); return NULL; }
    s->cust = opt->customer;
  } else {
    cust_limits lim;
    cust_limits_default(&lim);
    s->cust = cust_new(sc, opt->seed, &lim, d);
    s->owns_cust = 1;
  }
  if (!s->cust) { sess_free(s); return NULL; }
  if (opt->transcript == NULL) s->transcript_path = sess_default_transcript_path(sc);
  else if (*opt->transcript) s->transcript_path = xstrdup(opt->transcript);
  util_now_iso(s->started);
  return s;
}

void sess_free(session *s) {
  if (!s) return;
  for (int i = 0; i < s->n_turns; i++) {
    free(s->turns[i].text);
    cls_result_free(&s->turns[i].cls);
    cust_events_free(&s->turns[i].events);
  }
  free(s->turns);
  cust_events_free(&s->opening);
  cust_events_free(&s->closing);
  if (s->cust && s->owns_cust) cust_free(s->cust);
  if (s->cls && s->owns_cls) cls_free(s->cls);
  free(s->lang);
  free(s->trainee);
  jrn_close(s->journal, 0);   /* a visit that did not end keeps its journal for replay */
  free(s->transcript_path);
  free(s->save_error);
  diag_free(&s->diags);
  free(s);
}

void sess_snapshot_now(const session *s, sess_snapshot *out) {
  memset(out, 0, sizeof *out);
  out->interest = cust_known_state(s->cust, CUST_KNOWN_INTEREST);
  out->trust = cust_known_state(s->cust, CUST_KNOWN_TRUST);
  out->patience = cust_known_state(s->cust, CUST_KNOWN_PATIENCE);
  out->value_ack = cust_known_state(s->cust, CUST_KNOWN_VALUE_ACK) != 0;
  out->on_list = cust_known_state(s->cust, CUST_KNOWN_ON_LIST) != 0;
  for (int i = 0; i < s->sc->n_needs && i < CAP_NEEDS; i++) {
    if (cust_need_revealed(s->cust, i)) out->revealed |= 1ULL << i;
    if (cust_need_confirmed(s->cust, i)) out->confirmed |= 1ULL << i;
  }
  out->visit = cust_visit(s->cust);
}

/* Why the customer ended the visit: the text of the last END event in ev (goodbye,
** commitment, patience, trust, reaction, time_limit; an earlier one closed an earlier visit
** of a campaign), kept for the debrief. */
static void note_cause(session *s, const cust_events *ev) {
  for (int i = ev->n - 1; i >= 0; i--)
    if (ev->v[i].kind == CUST_EV_END && ev->v[i].text) {
      snprintf(s->end_cause, sizeof s->end_cause, "%s", ev->v[i].text);
      return;
    }
}

/* The visit is over once the customer has settled an outcome. */
static void note_outcome(session *s, sess_end why) {
  cust_outcome o = cust_current_outcome(s->cust);
  if (o != CUST_OUTCOME_NONE && s->outcome == CUST_OUTCOME_NONE) {
    s->outcome = o;
    if (s->end_reason == SESS_END_NONE) s->end_reason = why;
    util_now_iso(s->ended);
  }
}

static void journal_write(session *s, int with_end);

const cust_events *sess_start(session *s) {
  cust_start(s->cust, &s->opening);
  note_cause(s, &s->opening);
  note_outcome(s, SESS_END_CUSTOMER);
  /* No save yet: nothing the trainee typed could be lost, and a synced write before the first
  ** prompt is a third of the start-up time.  The first line (or the end) writes it. */
  if (sess_over(s)) sess_save(s, NULL);
  return &s->opening;
}

/* On a turn that asks for something, which rungs of the ladder could the customer give right
** now?  The conditions are Lua, so the customer's own host judges them, before it reacts. */
static void judge_rungs(session *s, sess_turn *t) {
  const cls_result *r = &t->cls;
  t->realistic = -1;
  int asks = r->commitment >= 0 || CLS_HAS(r, CLS_ASK_COMMITMENT) || CLS_HAS(r, CLS_ASK_ORDER) ||
             CLS_HAS(r, CLS_ASK_PAYMENT) || CLS_HAS(r, CLS_ASK_REFERRAL) || CLS_HAS(r, CLS_LOWER_ASK);
  if (!asks) return;
  t->rungs_realistic = cust_rungs_realistic(s->cust, &t->events);   /* one budget for all */
  t->rungs_known = 1;
  if (r->commitment >= 0 && r->commitment < s->sc->n_commitments && r->commitment < CAP_COMMITMENTS)
    t->realistic = (int)(t->rungs_realistic >> r->commitment & 1);
}

int sess_has_event(const sess_turn *t, cust_event_kind k, int *idx) {
  int found = 0;
  for (int i = 0; i < t->events.n; i++)
    if (t->events.v[i].kind == k) { found = 1; if (idx) *idx = t->events.v[i].index; }
  return found;
}

/* A recap the visit tells (cls_read_recap): its benefits against the needs the customer voiced,
** right after she confirmed them or restating what was shown, in this line or completing the one
** before.  Then notes the turn's benefits. */
static void read_recap(session *s, sess_turn *t) {
  if (s->presented_visit != t->visit) { s->presented = s->presented_before_prev = 0; s->presented_visit = t->visit; }
  const sess_turn *p = t->n > 1 ? &s->turns[t->n - 2] : NULL, *pp = t->n > 2 ? &s->turns[t->n - 3] : NULL;
  if (p && p->visit != t->visit) p = NULL;
  cls_recap_ctx v = { t->before.revealed | t->before.confirmed, s->presented,
                      p && sess_has_event(p, CUST_EV_CONFIRM, NULL), p ? &p->cls : NULL,
                      s->presented_before_prev, p && pp && pp->visit == t->visit && sess_has_event(pp, CUST_EV_CONFIRM, NULL),
                      t->before.confirmed, { NULL }, 0 };
  /* the statements of benefits right before this line: no question mark ("几个辅导员的上午就省出
  ** 来了" reads a question word, and asks nothing), no ask, a benefit each */
  for (int k = t->n - 2; k >= 0 && v.n_run < CLS_RECAP_RUN; k--) {
    const cls_result *q = &s->turns[k].cls;
    const uint64_t states = (uint64_t)1 << CLS_PRESENT_BENEFIT | (uint64_t)1 << CLS_GAIN_APPEAL |
                            (uint64_t)1 << CLS_SUMMARIZE_BENEFITS | (uint64_t)1 << CLS_PROOF |
                            (uint64_t)1 << CLS_PRESENT_FEATURE;   /* not her needs played back */
    if (s->turns[k].visit != t->visit || (q->question && q->norm && strchr(q->norm, '?')) ||
        (q->moves & CLS_ASK_MOVES) || q->n_benefits == 0 || !(q->moves & states))
      break;
    v.run[v.n_run++] = q;
  }
  cls_read_recap(s->cls, &t->cls, &v);
  s->presented_before_prev = s->presented;
  for (int i = 0; i < t->cls.n_benefits; i++)
    if (t->cls.benefits[i] >= 0 && t->cls.benefits[i] < 64) s->presented |= (uint64_t)1 << t->cls.benefits[i];
}

/* A line that re-asks the step the line before asked for and did not get (cls_read_follow_up):
** "next tuesday at 10" answers "when exactly?" (or "you tell me: which day?"), "那下周五呢?"
** re-times an ask she could not keep. */
static void read_follow_up(session *s, sess_turn *t) {
  const sess_turn *p = t->n > 1 ? &s->turns[t->n - 2] : NULL;
  if (!p || p->visit != t->visit || sess_has_event(p, CUST_EV_GIVE, NULL)) return;
  cls_follow_ctx v = { &p->cls, 0 };
  for (int k = 0; k < p->events.n; k++) {
    const cust_event *e = &p->events.v[k];
    if (e->kind == CUST_EV_SAY && e->key &&
        (strcmp(e->key, "ask_when") == 0 || strcmp(e->key, "ask_when_yours") == 0 ||
         strcmp(e->key, "ask_who") == 0 || strcmp(e->key, "ask_details") == 0))
      v.she_asked = 1;
  }
  cls_read_follow_up(s->cls, &t->cls, &v);
}

const sess_turn *sess_say(session *s, const char *line, size_t len) {
  if (sess_over(s)) return NULL;
  if (s->n_turns == s->cap_turns) {
    s->cap_turns = s->cap_turns ? s->cap_turns * 2 : 16;
    s->turns = xrealloc(s->turns, (size_t)s->cap_turns * sizeof *s->turns);
  }
  sess_turn *t = &s->turns[s->n_turns];
  memset(t, 0, sizeof *t);
  t->n = s->n_turns + 1;
  sess_snapshot_now(s, &t->before);
  t->visit = t->before.visit;
  if (s->reader) cls_cache_classify(s->reader, line, len, &t->cls);   /* the same reading */
  else cls_classify(s->cls, line, len, &t->cls);
  read_recap(s, t);
  read_follow_up(s, t);
  /* a late charge held out in a collection is the seller's stick, for the customer and the
  ** scorer alike (cls_read_collection) */
  if (scn_visit_collects(s->sc, t->visit)) cls_read_collection(&t->cls);
  judge_rungs(s, t);
  t->text = xstrdup(t->cls.text);
  t->hinted = s->hint_pending;
  s->hint_pending = 0;
  s->n_turns++;
  cust_turn(s->cust, &t->cls, &t->events);
  if (cust_current_outcome(s->cust) != CUST_OUTCOME_NONE) note_cause(s, &t->events);
  note_outcome(s, SESS_END_CUSTOMER);
  /* the time limit is announced two turns ahead, in the customer's words: a visit never stops
  ** mid-recovery without warning */
  if (!sess_over(s) && s->max_turns - s->n_turns == 2) cust_announce(s->cust, "time_low", &t->events);
  journal_write(s, sess_over(s));   /* the customer may have ended it: one write for both */
  if (!sess_over(s) && s->n_turns >= s->max_turns) sess_finish(s, SESS_END_TURN_LIMIT);
  return t;
}

void sess_finish(session *s, sess_end why) {
  if (s->outcome == CUST_OUTCOME_NONE) {
    /* a visit cut off (its program killed, its terminal closed) ends with no word of the
    ** customer's: nobody saw one, and nobody left (play-test 31a H4: "I'll walk you out." in the
    ** transcript of a terminal killed mid-visit) */
    if (why != SESS_END_KILLED && why != SESS_END_HANGUP)
      cust_end_for(s->cust, why == SESS_END_TURN_LIMIT ? "time_limit" : "left", &s->closing);
    if (why == SESS_END_TURN_LIMIT) note_cause(s, &s->closing);
    note_outcome(s, why);
    if (s->outcome == CUST_OUTCOME_NONE) {   /* a script that settles nothing: no action, no deal */
      s->outcome = CUST_OUTCOME_CONTINUATION;
      s->end_reason = why;
      util_now_iso(s->ended);
    }
  }
  journal_write(s, 1);
  sess_save(s, NULL);
}

int sess_over(const session *s) { return s->outcome != CUST_OUTCOME_NONE; }

/* {=== hints: coaching from where the visit stands, in the order the sales model teaches */
static int any_move(const session *s, cls_move m) {
  for (int i = 0; i < s->n_turns; i++)
    if (CLS_HAS(&s->turns[i].cls, m)) return 1;
  return 0;
}

static int asked_since_refusal(const session *s, int *refused) {
  *refused = 0;
  int probed = 0;
  for (int i = 0; i < s->n_turns; i++) {
    const sess_turn *t = &s->turns[i];
    if (*refused && CLS_HAS(&t->cls, CLS_PROBE_REFUSAL)) probed = 1;
    for (int k = 0; k < t->events.n; k++)
      if (t->events.v[k].kind == CUST_EV_REFUSE) { *refused = 1; probed = 0; }
  }
  return probed;
}

const char *sess_hint(session *s) {
  static char buf[512];
  sess_snapshot now;
  sess_snapshot_now(s, &now);
  s->hints_used++;
  s->hint_pending = 1;
  /* the scenario's own hints first: the first not shown yet whose when: holds now (a hint is
  ** shown once; one whose condition no longer holds is skipped) */
  const scenario *sc = s->sc;
  for (int i = 0; i < sc->hints.n && i < 32; i++) {
    if (s->hint_shown[i]) continue;
    const char *when = sc->hint_when ? sc->hint_when[i] : NULL;
    char err[256];
    if (when && cust_eval_condition(s->cust, when, err, sizeof err) != 1) continue;
    s->hint_shown[i] = 1;
    snprintf(buf, sizeof buf, "%s", sc->hints.v[i]);
    return buf;
  }
  int refused, probed = asked_since_refusal(s, &refused);
  const char *key;   /* the words are the catalogue's hint.* */
  if (refused && !probed) key = "hint.refused";
  else if (now.confirmed == 0 && now.revealed == 0) key = "hint.no_need";
  else if (now.confirmed == 0) key = "hint.unconfirmed";
  else if (!any_move(s, CLS_CHECK_CONCERNS)) key = "hint.check";
  else if (!any_move(s, CLS_SUMMARIZE_BENEFITS)) key = "hint.summary";
  else if (!any_move(s, CLS_ASK_COMMITMENT) && !any_move(s, CLS_ASK_ORDER)) key = "hint.ask";
  else key = "hint.realistic";
  const char *h = msg_text(msg_lang(s->lang), key);
  snprintf(buf, sizeof buf, "%s", h);
  return buf;
}
/* }=== */

/* {=== transcript */
static json_t *events_json(const session *s, const cust_events *ev) {
  json_t *a = json_array();
  for (int i = 0; i < ev->n; i++) {
    const cust_event *e = &ev->v[i];
    json_t *o = json_object();
    static const char *kinds[] = { "say", "state", "reveal", "confirm", "give", "refuse",
                                   "objection", "end", "next_visit", "error", "ease" };
    _Static_assert(sizeof kinds / sizeof *kinds == CUST_EV_EASE + 1, "event names");
    json_object_set_new(o, "kind", json_string(kinds[e->kind]));
    if (e->key) json_object_set_new(o, "key", json_string(e->key));
    if (e->text) json_object_set_new(o, "text", json_string(e->text));
    if (e->name) json_object_set_new(o, "name", json_string(e->name));
    switch (e->kind) {
    case CUST_EV_STATE:
      json_object_set_new(o, "before", json_real(e->before));
      json_object_set_new(o, "after", json_real(e->after));
      break;
    case CUST_EV_REVEAL: case CUST_EV_CONFIRM:
      if (e->index >= 0 && e->index < s->sc->n_needs)
        json_object_set_new(o, "need", json_string(s->sc->needs[e->index].id));
      break;
    case CUST_EV_GIVE: case CUST_EV_REFUSE:
      if (e->index >= 0 && e->index < s->sc->n_commitments)
        json_object_set_new(o, "commitment", json_string(s->sc->commitments[e->index].id));
      break;
    case CUST_EV_OBJECTION: case CUST_EV_EASE:
      if (e->index >= 0 && e->index < s->sc->n_objections)
        json_object_set_new(o, "objection", json_string(s->sc->objections[e->index].id));
      break;
    case CUST_EV_END:
      json_object_set_new(o, "outcome", json_string(cust_outcome_name(e->outcome)));
      break;
    case CUST_EV_NEXT_VISIT:
      json_object_set_new(o, "visit", json_integer(e->index));
      break;
    default: break;
    }
    json_array_append_new(a, o);
  }
  return a;
}

static json_t *snapshot_json(const session *s, const sess_snapshot *sn) {
  json_t *o = json_pack("{s:f, s:f, s:f, s:b, s:b, s:i}", "interest", sn->interest, "trust",
                        sn->trust, "patience", sn->patience, "value_acknowledged", sn->value_ack,
                        "on_purchase_list", sn->on_list, "visit", sn->visit);
  json_t *rev = json_array(), *conf = json_array();
  for (int i = 0; i < s->sc->n_needs && i < CAP_NEEDS; i++) {
    if (sn->revealed >> i & 1) json_array_append_new(rev, json_string(s->sc->needs[i].id));
    if (sn->confirmed >> i & 1) json_array_append_new(conf, json_string(s->sc->needs[i].id));
  }
  json_object_set_new(o, "revealed", rev);
  json_object_set_new(o, "confirmed", conf);
  return o;
}

/* One element of the transcript's turns. */
static json_t *turn_json(const session *s, const sess_turn *t) {
  json_t *o = cls_result_json(&t->cls, s->sc);
  json_object_set_new(o, "n", json_integer(t->n));
  json_object_set_new(o, "visit", json_integer(t->visit));
  json_object_set_new(o, "hinted", json_boolean(t->hinted));
  json_object_set_new(o, "realistic", t->realistic < 0 ? json_null() : json_boolean(t->realistic));
  json_object_set_new(o, "before", snapshot_json(s, &t->before));
  json_object_set_new(o, "customer", events_json(s, &t->events));
  return o;
}

/* The fields fixed when the visit starts, in the transcript's order, into o. */
static void head_fields(const session *s, json_t *o) {
  json_object_set_new(o, "scenario", json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", s->sc->id,
                      "title", s->sc->title, "file", s->sc->file, "hash", s->sc->hash,
                      "customer", s->sc->cust_name));
  json_object_set_new(o, "seed", json_integer((json_int_t)s->seed));
  json_object_set_new(o, "language", json_string(s->lang));
  json_object_set_new(o, "trainee", s->trainee ? json_string(s->trainee) : json_null());
  json_object_set_new(o, "started", json_string(s->started));
}

/* ended, ended_by and outcome (null while the visit goes on) into o. */
static void end_fields(const session *s, json_t *o) {
  json_object_set_new(o, "ended", s->ended[0] ? json_string(s->ended) : json_null());
  json_object_set_new(o, "ended_by", s->end_reason == SESS_END_NONE ? json_null()
                                      : json_string(sess_end_name(s->end_reason)));
  json_object_set_new(o, "outcome", s->outcome == CUST_OUTCOME_NONE ? json_null()
                                     : json_string(cust_outcome_name(s->outcome)));
}

/* See session.h: the session's outcome is the debrief's (docs/scoring.md, "The outcome"): in a
** campaign whose last visit settled nothing new, the rung an earlier visit gave still stands, and
** an advance the customer declared with nothing given is a continuation.  The customer's own
** verdict on the last visit stays in the closing `end` event (play-test 27d finding 7: the screen
** and the debrief said advance, the saved transcript "continuation"). */
void sess_transcript_outcome(json_t *transcript, const json_t *debrief) {
  json_t *o = debrief ? json_object_get(debrief, "outcome") : NULL;
  if (json_is_string(o) && json_object_get(transcript, "outcome"))
    json_object_set(transcript, "outcome", o);
}

json_t *sess_transcript_json(const session *s, const json_t *debrief) {
  json_t *root = json_object();
  json_object_set_new(root, "format", json_string("salesim-transcript"));
  json_object_set_new(root, "version", json_integer(1));
  head_fields(s, root);
  end_fields(s, root);
  json_object_set_new(root, "hints_used", json_integer(s->hints_used));
  json_object_set_new(root, "opening", events_json(s, &s->opening));
  json_t *turns = json_array();
  for (int i = 0; i < s->n_turns; i++) json_array_append_new(turns, turn_json(s, &s->turns[i]));
  json_object_set_new(root, "turns", turns);
  json_object_set_new(root, "closing", events_json(s, &s->closing));
  if (debrief) {
    json_object_set(root, "debrief", (json_t *)debrief);
    sess_transcript_outcome(root, debrief);
  }
  return root;
}

static void set_save_error(session *s, const char *err) {
  free(s->save_error);
  s->save_error = err ? xstrdup(err) : NULL;
}

int sess_save(session *s, const json_t *debrief) {
  if (!s->transcript_path) return 0;
  json_t *j = sess_transcript_json(s, debrief);
  char *text = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  json_decref(j);
  char err[512];
  int rc = text ? util_write_atomic(s->transcript_path, text, strlen(text), err, sizeof err) : -1;
  if (!text) msg_snprint(err, sizeof err, "cli.transcript_encode", NULL);
  free(text);
  set_save_error(s, rc == 0 ? NULL : err);
  if (rc == 0 && sess_over(s) && s->journal) {   /* the document now holds everything */
    jrn_close(s->journal, 1);
    s->journal = NULL;
  }
  return rc;
}

int sess_save_as(session *s, const json_t *debrief, const char *path, char *err, size_t errlen) {
  assert(path && err);
  json_t *j = sess_transcript_json(s, debrief);
  char *text = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  json_decref(j);
  int rc = text ? util_write_atomic(path, text, strlen(text), err, errlen) : -1;
  if (!text) msg_snprint(err, errlen, "cli.transcript_encode", NULL);
  free(text);
  if (rc != 0) return -1;
  free(s->transcript_path);
  s->transcript_path = xstrdup(path);
  set_save_error(s, NULL);
  if (sess_over(s) && s->journal) {   /* the turns are in the document at path now */
    jrn_close(s->journal, 1);
    s->journal = NULL;
  }
  return 0;
}

void sess_transcript_to(session *s, const char *path) {
  assert(!s->journal && path);
  free(s->transcript_path);
  s->transcript_path = xstrdup(path);
  set_save_error(s, NULL);
}

char *sess_journal_path(const char *transcript_path) { return xasprintf("%s.journal", transcript_path); }

/* Appends one record (compact JSON, one line) to buf, and a newline when more follow. */
static void put_record(strbuf *b, json_t *rec) {
  char *text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(rec);
  if (b->len) sb_putc(b, '\n');
  if (text) sb_puts(b, text);
  free(text);
}

/* Appends to the journal, in one durable write: the start record before the first turn, the
** turns not yet in it (one, unless a write failed), and the end record when with_end is set
** (once).  The cost is the records', never the session's length.  A failure is kept in
** save_error; the next write retries what it missed. */
static void journal_write(session *s, int with_end) {
  if (!s->transcript_path) return;
  if (s->journal_head && s->journal_turns == s->n_turns && (!with_end || s->journal_end)) return;
  char err[512];
  if (!s->journal) {
    char *path = sess_journal_path(s->transcript_path);
    s->journal = jrn_create(path, err, sizeof err);
    free(path);
    if (!s->journal) { set_save_error(s, err); return; }
    s->journal_head = 0;
  }
  strbuf b = {0};
  if (!s->journal_head) {
    json_t *h = json_object();
    json_object_set_new(h, "format", json_string("salesim-journal"));
    json_object_set_new(h, "version", json_integer(1));
    json_object_set_new(h, "record", json_string("start"));
    head_fields(s, h);
    json_object_set_new(h, "opening", events_json(s, &s->opening));
    put_record(&b, h);
  }
  for (int i = s->journal_turns; i < s->n_turns; i++)
    put_record(&b, json_pack("{s:s, s:i, s:o}", "record", "turn", "hints_used", s->hints_used,
                             "turn", turn_json(s, &s->turns[i])));
  int ending = with_end && !s->journal_end;
  if (ending) {
    json_t *e = json_object();
    json_object_set_new(e, "record", json_string("end"));
    end_fields(s, e);
    json_object_set_new(e, "hints_used", json_integer(s->hints_used));
    json_object_set_new(e, "closing", events_json(s, &s->closing));
    put_record(&b, e);
  }
  int rc = jrn_append(s->journal, b.s ? b.s : "", b.len, err, sizeof err);
  sb_free(&b);
  set_save_error(s, rc == 0 ? NULL : err);
  if (rc == 0) {
    s->journal_head = 1;
    s->journal_turns = s->n_turns;
    if (ending) s->journal_end = 1;
  }
}

int sess_journal_begin(session *s) {
  if (!s->transcript_path || s->journal_head) return 0;
  journal_write(s, 0);
  if (s->journal_head) return 0;
  jrn_close(s->journal, 1);   /* made but not written (a full disk): no empty file left behind */
  s->journal = NULL;
  return -1;
}
/* }=== */
