/*
** testplan.c: the playthrough tests of a scenario (`tests:`), run against the real engine.
** A test is a fresh session fed the test's lines, ended as an end of input would end it, scored,
** and compared with what the trainer expected: outcome, total and skill bands, findings that
** must or must not appear, customer lines that must or must not be said.  When a test fails,
** the report names the turn where the playthrough diverged so the trainer starts reading there.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "classify_cache.h"
#include "coverage.h"
#include "msg.h"
#include "msg_cli.h"
#include "testplan.h"
#include "score.h"
#include "session.h"
#include "util.h"

/* {=== words: every word of a test's report is the catalogues' (cli.tp.*), in the commands'
** language; ids, numbers and the lines played are data. */

/* A whole number or a score as the report shows it ("%d", "%.0f"), in buf. */
static const char *num(char *buf, size_t n, double v) { snprintf(buf, n, "%.0f", v); return buf; }
/* }=== */

/* {=== bands */

void tp_band_text(const scn_band *b, char *buf, size_t n) {
  int open_lo = isinf(b->lo) || b->lo <= -1e9, open_hi = isinf(b->hi) || b->hi >= 1e9;
  if (open_lo && open_hi) snprintf(buf, n, "%s", msg_text(MSG_CLI_LANG, "cli.tp.band_any"));
  else if (open_lo) snprintf(buf, n, "<= %g", b->hi);
  else if (open_hi) snprintf(buf, n, ">= %g", b->lo);
  else if (b->lo == b->hi) snprintf(buf, n, "= %g", b->lo);
  else snprintf(buf, n, "%g..%g", b->lo, b->hi);
}

int tp_band_holds(const scn_band *b, double v) {
  return v >= b->lo - 1e-9 && v <= b->hi + 1e-9;
}
/* }=== */

/* {=== reading a finished session */

/* 1 when any customer line of the session (opening, turns, closing) holds needle. */
static int events_say(const cust_events *ev, const char *needle) {
  for (int i = 0; i < ev->n; i++)
    if (ev->v[i].kind == CUST_EV_SAY && ev->v[i].text && strstr(ev->v[i].text, needle)) return 1;
  return 0;
}

/* The first turn (1-based) whose customer lines hold needle: 0 for the opening or closing,
** -1 when never said. */
static int said_at(const session *s, const char *needle) {
  if (events_say(&s->opening, needle)) return 0;
  for (int i = 0; i < s->n_turns; i++)
    if (events_say(&s->turns[i].events, needle)) return s->turns[i].n;
  if (events_say(&s->closing, needle)) return 0;
  return -1;
}

/* The first turn carrying an event of this kind, 0 when none. */
static int first_event_turn(const session *s, cust_event_kind k) {
  for (int i = 0; i < s->n_turns; i++)
    for (int e = 0; e < s->turns[i].events.n; e++)
      if (s->turns[i].events.v[e].kind == k) return s->turns[i].n;
  return 0;
}

/* The last turn carrying an event of this kind, 0 when none (in a campaign the last visit's
** end is the one that settles the outcome). */
static int last_event_turn(const session *s, cust_event_kind k) {
  for (int i = s->n_turns - 1; i >= 0; i--)
    for (int e = 0; e < s->turns[i].events.n; e++)
      if (s->turns[i].events.v[e].kind == k) return s->turns[i].n;
  return 0;
}

/* The first finding of a rule, or NULL. */
static const score_finding *find_rule(const score_result *r, const char *id) {
  for (int i = 0; i < r->n_findings; i++)
    if (r->findings[i].rule && strcmp(r->findings[i].rule->id, id) == 0) return &r->findings[i];
  return NULL;
}

/* The first turn where a finding cost points in a skill (-1: any skill), 0 when none. */
static int first_loss_turn(const score_result *r, int skill) {
  int best = 0;
  for (int i = 0; i < r->n_findings; i++) {
    const score_finding *f = &r->findings[i];
    if (f->points >= 0 || f->turn <= 0 || !f->rule) continue;
    if (skill >= 0 && (int)f->rule->skill != skill) continue;
    if (!best || f->turn < best) best = f->turn;
  }
  return best;
}

/* Where a playthrough with the wrong outcome went another way: the turn the customer last ended
** a visit, else the turn that decided the outcome for the scorer, else the first refusal (when a
** commitment was expected) or the first commitment given (when none was), else the last turn. */
static int outcome_divergence(const session *s, const score_result *r, int expected) {
  int end = last_event_turn(s, CUST_EV_END);
  if (end) return end;
  if (r->outcome_turn > 0) return r->outcome_turn;
  int wanted_action = expected == CUST_OUTCOME_ORDER || expected == CUST_OUTCOME_ADVANCE;
  int t = first_event_turn(s, wanted_action ? CUST_EV_REFUSE : CUST_EV_GIVE);
  if (t) return t;
  t = first_loss_turn(r, SK_COMMITMENT);
  if (t) return t;
  return s->n_turns;
}
/* }=== */

/* {=== showing turns */

/* One line of customer reaction: what was said, then what was done, in brackets. */
static void show_events(const session *s, const cust_events *ev, const char *indent, strbuf *b) {
  const scenario *sc = s->sc;
  for (int i = 0; i < ev->n; i++) {
    const cust_event *e = &ev->v[i];
    switch (e->kind) {
    case CUST_EV_SAY:
      sb_printf(b, "%s< %s\n", indent, e->text ? e->text : "");
      break;
    case CUST_EV_GIVE: case CUST_EV_REFUSE:
      sb_printf(b, "%s  [", indent);
      msg_sbput(b, e->kind == CUST_EV_GIVE ? "cli.tp.ev.gives" : "cli.tp.ev.refuses", "id",
          e->index >= 0 && e->index < sc->n_commitments ? sc->commitments[e->index].id : "?", NULL);
      sb_puts(b, "]\n");
      break;
    case CUST_EV_REVEAL: case CUST_EV_CONFIRM:
      sb_printf(b, "%s  [", indent);
      msg_sbput(b, e->kind == CUST_EV_REVEAL ? "cli.tp.ev.reveals" : "cli.tp.ev.confirms", "id",
          e->index >= 0 && e->index < sc->n_needs ? sc->needs[e->index].id : "?", NULL);
      sb_puts(b, "]\n");
      break;
    case CUST_EV_OBJECTION: case CUST_EV_EASE:
      sb_printf(b, "%s  [", indent);
      msg_sbput(b, e->kind == CUST_EV_OBJECTION ? "cli.tp.ev.objection" : "cli.tp.ev.eases", "id",
          e->index >= 0 && e->index < sc->n_objections ? sc->objections[e->index].id : "?", NULL);
      sb_puts(b, "]\n");
      break;
    case CUST_EV_END:
      sb_printf(b, "%s  [", indent);
      msg_sbput(b, "cli.tp.ev.ends", "outcome", cust_outcome_name(e->outcome), NULL);
      sb_puts(b, "]\n");
      break;
    case CUST_EV_NEXT_VISIT:
      sb_printf(b, "%s  [", indent);
      msg_sbput(b, "cli.tp.ev.next_visit", "id",
          e->index >= 0 && e->index < sc->n_visits ? sc->visits[e->index].id : "?", NULL);
      sb_puts(b, "]\n");
      break;
    case CUST_EV_ERROR: {   /* the message, without the traceback */
      const char *txt = e->text ? e->text : "";
      char *first = xstrndup(txt, strcspn(txt, "\n"));
      sb_printf(b, "%s  [", indent);
      msg_sbput(b, "cli.tp.ev.lua_error", "error", first, NULL);
      sb_puts(b, "]\n");
      free(first);
      break;
    }
    case CUST_EV_STATE:   /* the one-point patience tick of every turn is noise here, and so is
                          ** its return on a turn that moved the visit on */
      if (e->name && !(strcmp(e->name, SCN_STATE_PATIENCE) == 0 && fabs(e->after - e->before) == 1))
        sb_printf(b, "%s  [%s %g -> %g]\n", indent, e->name, e->before, e->after);
      break;
    }
  }
}

/* A trainee turn with its moves and the customer's reaction. */
static void show_turn(const session *s, const sess_turn *t, strbuf *b) {
  char n[24];
  sb_puts(b, "    ");
  msg_sbput(b, "cli.tp.turn", "turn", num(n, sizeof n, t->n), "text", t->text ? t->text : "", NULL);
  sb_puts(b, "\n           ");
  msg_sbput(b, "cli.tp.moves", NULL);
  int any = 0;
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(&t->cls, m)) { sb_printf(b, " %s", cls_move_name((cls_move)m)); any = 1; }
  if (!any) { sb_putc(b, ' '); msg_sbput(b, "cli.tp.no_moves", NULL); }
  if (t->cls.specific) { sb_puts(b, " ["); msg_sbput(b, "cli.tp.specific", NULL); sb_putc(b, ']'); }
  if (t->cls.vague) { sb_puts(b, " ["); msg_sbput(b, "cli.tp.vague", NULL); sb_putc(b, ']'); }
  sb_putc(b, '\n');
  show_events(s, &t->events, "           ", b);
}

static void show_all(const session *s, strbuf *b) {
  if (s->opening.n) {
    sb_puts(b, "    "); msg_sbput(b, "cli.tp.opening", NULL); sb_putc(b, '\n');
    show_events(s, &s->opening, "           ", b);
  }
  for (int i = 0; i < s->n_turns; i++) show_turn(s, &s->turns[i], b);
  if (s->closing.n) {
    sb_puts(b, "    "); msg_sbput(b, "cli.tp.closing", NULL); sb_putc(b, '\n');
    show_events(s, &s->closing, "           ", b);
  }
}
/* }=== */

/* {=== one test */

typedef struct tp_run {
  const scenario *sc;
  const scn_test *t;
  strbuf *b;
  int failures;
  int diverged;            /* earliest turn blamed by a failed expectation, 0 = none */
} tp_run;

/* Records a failed expectation at the test's position, in the catalogue's words of key (name,
** value pairs ended by NULL); blames turn (0 = none). */
static void failed(tp_run *r, int turn, const char *key, ...) __attribute__((sentinel));
static void failed(tp_run *r, int turn, const char *key, ...) {
  va_list ap;
  sb_printf(r->b, "  %s:%d:%d: ", r->sc->file, r->t->pos.line > 0 ? r->t->pos.line : 1,
            r->t->pos.col > 0 ? r->t->pos.col : 1);
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  sb_puts(r->b, m);
  free(m);
  sb_putc(r->b, '\n');
  r->failures++;
  if (turn > 0 && (!r->diverged || turn < r->diverged)) r->diverged = turn;
}

static void check_outcome(tp_run *r, const session *s, const score_result *res) {
  if (!r->t->outcome) return;
  int want = cust_outcome_from_name(r->t->outcome);
  if ((int)s->outcome == want) return;
  failed(r, outcome_divergence(s, res, want), "cli.tp.outcome", "want", r->t->outcome,
         "got", cust_outcome_name(s->outcome), NULL);
}

/* Scores are judged as the debrief shows them: rounded to a whole number. */
static void check_scores(tp_run *r, const score_result *res) {
  char band[64], got[32];
  if (r->t->has_score && !tp_band_holds(&r->t->score, round(res->total))) {
    tp_band_text(&r->t->score, band, sizeof band);
    failed(r, first_loss_turn(res, -1), "cli.tp.score", "band", band, "got", num(got, sizeof got, res->total), NULL);
  }
  for (int i = 0; i < r->t->n_skills; i++) {
    const scn_skill_band *sk = &r->t->skills[i];
    int k = score_skill_from_name(sk->skill);
    if (k < 0 || k >= SK_COUNT) { failed(r, 0, "cli.tp.unknown_skill", "skill", sk->skill, NULL); continue; }
    if (tp_band_holds(&sk->band, round(res->skills[k]))) continue;
    tp_band_text(&sk->band, band, sizeof band);
    failed(r, first_loss_turn(res, k), "cli.tp.skill", "skill", sk->skill, "band", band,
           "got", num(got, sizeof got, res->skills[k]), NULL);
  }
}

/* Lists the rule ids found, for a message about a missing finding. */
static void found_rules(const score_result *res, char *buf, size_t n) {
  strbuf b = {0};
  for (int i = 0; i < res->n_findings; i++) {
    if (!res->findings[i].rule) continue;
    int dup = 0;
    for (int j = 0; j < i && !dup; j++) dup = res->findings[j].rule == res->findings[i].rule;
    if (!dup) sb_printf(&b, "%s%s", b.len ? msg_text(MSG_CLI_LANG, "sep.list") : "", res->findings[i].rule->id);
  }
  snprintf(buf, n, "%s", b.len ? b.s : msg_text(MSG_CLI_LANG, "cli.tp.no_findings_found"));
  sb_free(&b);
}

static void check_findings(tp_run *r, const score_result *res) {
  char list[1024];
  for (int i = 0; i < r->t->findings.n; i++) {
    const char *id = r->t->findings.v[i];
    if (find_rule(res, id)) continue;
    found_rules(res, list, sizeof list);
    failed(r, 0, "cli.tp.finding_missing", "id", id, "found", list, NULL);
  }
  for (int i = 0; i < r->t->no_findings.n; i++) {
    const score_finding *f = find_rule(res, r->t->no_findings.v[i]);
    if (!f) continue;
    char turn[24];
    if (f->turn > 0)
      failed(r, f->turn, "cli.tp.finding_at", "id", f->rule->id, "turn", num(turn, sizeof turn, f->turn), NULL);
    else failed(r, 0, "cli.tp.finding_visit", "id", f->rule->id, NULL);
  }
}

static void check_says(tp_run *r, const session *s) {
  for (int i = 0; i < r->t->says.n; i++)
    if (said_at(s, r->t->says.v[i]) < 0)
      failed(r, 0, "cli.tp.never_said", "text", r->t->says.v[i], NULL);
  for (int i = 0; i < r->t->not_says.n; i++) {
    int at = said_at(s, r->t->not_says.v[i]);
    char turn[24];
    if (at > 0) failed(r, at, "cli.tp.said_at", "text", r->t->not_says.v[i], "turn", num(turn, sizeof turn, at), NULL);
    else if (at == 0) failed(r, 0, "cli.tp.said", "text", r->t->not_says.v[i], NULL);
  }
}

/* A Lua error in a written test is a scenario bug: it fails the test. */
static void check_errors(tp_run *r, const session *s) {
  for (int i = 0; i < s->n_turns; i++)
    for (int e = 0; e < s->turns[i].events.n; e++) {
      const cust_event *ev = &s->turns[i].events.v[e];
      if (ev->kind != CUST_EV_ERROR) continue;
      const char *txt = ev->text ? ev->text : "";
      char *first = xstrndup(txt, strcspn(txt, "\n")), turn[24];
      failed(r, s->turns[i].n, "cli.tp.lua_error", "turn", num(turn, sizeof turn, s->turns[i].n),
             "error", first, NULL);
      free(first);
    }
}

tp_status tp_run_test(const scenario *sc, const scn_test *t, const tp_options *o, strbuf *report) {
  diag d;
  diag_init(&d);
  sess_options so = { .seed = t->seed, .transcript = "", .classifier = o->classifier,
                      .customer = o->customer, .reader = o->classifier ? o->reader : NULL };
  session *s = sess_new(sc, &so, &d);
  if (!s || d.errors) {
    for (int i = 0; i < d.n; i++) {
      char *line = diag_format(&d.v[i]);
      sb_printf(report, "  %s\n", line);
      free(line);
    }
    if (!s) { sb_puts(report, "  "); msg_sbput(report, "cli.tp.no_start", "file", sc->file, NULL); sb_putc(report, '\n'); }
    sess_free(s);
    diag_free(&d);
    return TP_UNUSABLE;
  }
  diag_free(&d);
  sess_start(s);
  for (int i = 0; i < t->lines.n && !sess_over(s); i++)
    sess_say(s, t->lines.v[i], strlen(t->lines.v[i]));
  int unread = 0;
  for (int i = s->n_turns; i < t->lines.n; i++) unread++;
  sess_finish(s, SESS_END_EOF);
  score_result res;
  score_session(s, &res);

  tp_run r = { .sc = sc, .t = t, .b = report };
  check_errors(&r, s);
  check_outcome(&r, s, &res);
  check_scores(&r, &res);
  check_findings(&r, &res);
  check_says(&r, s);
  char n1[24], n2[24], n3[24], n4[24], n5[24];
  if (r.failures) {
    if (unread) {
      sb_puts(report, "    ");
      msg_sbput(report, "cli.tp.unread", "turn", num(n1, sizeof n1, s->n_turns), "count", num(n2, sizeof n2, unread), NULL);
      sb_putc(report, '\n');
    }
    if (o && o->verbose) {
      char list[1024];
      found_rules(&res, list, sizeof list);
      sb_puts(report, "    ");
      msg_sbput(report, "cli.tp.outcome_full", "outcome", cust_outcome_name(s->outcome), "score", num(n1, sizeof n1, res.total),
          "commitment", num(n2, sizeof n2, res.skills[SK_COMMITMENT]), "benefits", num(n3, sizeof n3, res.skills[SK_BENEFITS]),
          "tactics", num(n4, sizeof n4, res.skills[SK_TACTICS]), "discovery", num(n5, sizeof n5, res.skills[SK_DISCOVERY]),
          "findings", list, NULL);
      sb_putc(report, '\n');
      show_all(s, report);
    } else if (r.diverged > 0 && r.diverged <= s->n_turns) {
      sb_puts(report, "    ");
      msg_sbput(report, "cli.tp.diverged", "turn", num(n1, sizeof n1, r.diverged), NULL);
      sb_putc(report, '\n');
      show_turn(s, &s->turns[r.diverged - 1], report);
      sb_puts(report, "    ");
      msg_sbput(report, "cli.tp.verbose_hint", NULL);
      sb_putc(report, '\n');
    }
  } else if (o && o->verbose) {   /* a passing test's transcript: what it actually exercised */
    sb_puts(report, "    ");
    msg_sbput(report, "cli.tp.outcome_short", "outcome", cust_outcome_name(s->outcome), "score", num(n1, sizeof n1, res.total), NULL);
    sb_putc(report, '\n');
    show_all(s, report);
  }
  if (o && o->coverage) cov_session(o->coverage, s);
  score_result_free(&res);
  sess_free(s);
  return r.failures ? TP_FAIL : TP_PASS;
}
/* }=== */

void tp_run_scenario(const scenario *sc, const tp_options *o, FILE *out, tp_counts *c) {
  /* one classifier for all the scenario's tests: building it is most of a session's start */
  tp_options shared = *o;
  cls_classifier *own = NULL;
  if (!shared.classifier && sc->n_tests > 1) {
    diag d;
    diag_init(&d);
    shared.classifier = own = cls_new(sc->language, sc, &d);   /* on failure each test reports it */
    diag_free(&d);
  }
  /* the tests of a scenario open alike ("您好,我是..."): a line read before is not read again */
  cls_cache *own_reader = NULL;
  if (!shared.reader && shared.classifier) shared.reader = own_reader = cls_cache_new(shared.classifier, 0);
  /* one customer too, when it loads without a word to say (else each test says it) */
  cust_host *cust = NULL;
  if (!shared.customer && sc->n_tests > 1 && shared.classifier) {
    diag d;
    diag_init(&d);
    cust_limits lim;
    cust_limits_default(&lim);
    lim.reused = 1;
    cust = cust_new(sc, 0, &lim, &d);
    if (cust && d.n > 0) { cust_free(cust); cust = NULL; }
    shared.customer = cust;
    diag_free(&d);
  }
  for (int i = 0; i < sc->n_tests; i++) {
    const scn_test *t = &sc->tests[i];
    strbuf b = {0};
    tp_status st = tp_run_test(sc, t, &shared, &b);
    if (st == TP_UNUSABLE && shared.customer == cust && cust) {   /* a failed reset: build anew */
      cust_free(cust);
      shared.customer = cust = NULL;
    }
    char *head = msg_get(MSG_CLI_LANG, st == TP_PASS ? "cli.tp.ok" : "cli.tp.fail", "id", sc->id, "name", t->name, NULL);
    fprintf(out, "%s\n", head);
    free(head);
    if (b.len) fputs(b.s, out);
    sb_free(&b);
    if (st == TP_PASS) c->passed++;
    else if (st == TP_FAIL) c->failed++;
    else { c->failed++; c->unusable++; }
    fflush(out);
  }
  cust_free(cust);
  cls_cache_free(own_reader);
  if (own) cls_free(own);
}
