/* test_pseudo.c: no word a trainee reads bypasses the message catalogues.  A pseudo-locale
** ("qps": every English text wrapped in ⟦ ⟧, made by msg_write_pseudo) is installed in a
** private data directory; a debrief holding every finding of every rule (each message variant,
** with every argument its text uses) is built and rendered in it on the terminal, in Markdown
** and in HTML, with and without the scenario's advice lines, and so are the play screen's
** words, and the class report (text, HTML, the CSV header).  What the scenario and the trainee wrote is wrapped in « » by the fixture.  Once both
** kinds of marked text are taken out, no letter may be left. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>

#include "debrief.h"
#include "msg.h"
#include "report.h"
#include "score.h"
#include "ui.h"
#include "util.h"
#include "score_fixture.h"

#define PSEUDO "qps"
static char tmpdir[] = "/tmp/salesim-pseudo-XXXXXX";

/* Removes every open...close span (innermost first, so nested ones go too). */
static void strip_spans(char *s, const char *open, const char *close) {
  size_t lo = strlen(open), lc = strlen(close);
  for (;;) {
    char *c = strstr(s, close);
    if (!c) return;
    char *o = NULL;
    for (char *p = s; p < c; p++)
      if (strncmp(p, open, lo) == 0) o = p;
    if (!o) { memmove(c, c + lc, strlen(c + lc) + 1); continue; }   /* a stray closer */
    memmove(o, c + lc, strlen(c + lc) + 1);
  }
}

/* Removes <tag ...>, <style>...</style>, <script>...</script> and &entities; (HTML output). */
static void strip_html(char *s) {
  static const char *const blocks[][2] = { { "<style>", "</style>" }, { "<script>", "</script>" } };
  for (int b = 0; b < 2; b++) {
    char *st;
    while ((st = strstr(s, blocks[b][0])) != NULL) {
      char *e = strstr(st, blocks[b][1]);
      assert_non_null(e);
      e += strlen(blocks[b][1]);
      memmove(st, e, strlen(e) + 1);
    }
  }
  char *w = s;
  for (char *p = s; *p;) {
    if (*p == '<') { while (*p && *p != '>') p++; if (*p) p++; continue; }
    if (*p == '&') { char *e = p; while (*e && *e != ';' && e - p < 10) e++; if (*e == ';') { p = e + 1; continue; } }
    *w++ = *p++;
  }
  *w = '\0';
}

/* Fails with the context of the first letter (Latin or CJK) left once marked text is gone. */
static void expect_all_marked(const char *what, const char *out, int html) {
  char *s = xstrdup(out);
  if (html) strip_html(s);
  strip_spans(s, "\xC2\xAB", "\xC2\xBB");                 /* « » data from the fixture */
  strip_spans(s, MSG_PSEUDO_OPEN, MSG_PSEUDO_CLOSE);     /* ⟦ ⟧ words from the catalogue */
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    int latin = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
    int cjk = *p >= 0xE3 && *p <= 0xE9;   /* U+3000..U+9FFF */
    if (latin || cjk) {
      const char *from = (const char *)p - ((const char *)p - s > 60 ? 60 : (const char *)p - s);
      fail_msg("%s: unmarked text: ...%.120s", what, from);
    }
  }
  free(s);
}

/* The arguments a message's forms use, with marked values (lists of parts for the arguments
** that name catalogue keys). */
static int args_for(const char *key, msg_arg *args, char vals[][64]) {
  const msg_cat *en = msg_catalogue("en");
  int n = 0;
  static const char *const names[] = { "quote", "action", "higher", "need", "needs", "said", "turn",
                                       "visit", "count", "trust", "condition", "missing", "why", "reason" };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    const char *f = msg_form(en, key, "other");
    char ph[32];
    snprintf(ph, sizeof ph, "{%s}", names[i]);
    if (!f || !strstr(f, ph)) continue;
    const char *v = strcmp(names[i], "missing") == 0 ? "@part.ask_vague,part.ask_no_time,part.pay_no_date"
                  : strcmp(names[i], "why") == 0 ? "@part.trust_low,part.value_not_accepted,part.condition_unmet"
                  : strcmp(names[i], "reason") == 0 ? "@reason.order_at"
                  : strcmp(names[i], "needs") == 0 ? "\xC2\xAB" "a" "\xC2\xBB" "\x1e" "\xC2\xAB" "b" "\xC2\xBB"
                  : (strcmp(names[i], "turn") == 0 || strcmp(names[i], "visit") == 0 ||
                     strcmp(names[i], "count") == 0 || strcmp(names[i], "trust") == 0) ? "3"
                  : "\xC2\xAB" "data" "\xC2\xBB";
    snprintf(vals[n], 64, "%s", v);
    args[n].name = names[i];
    args[n].value = vals[n];
    n++;
  }
  /* a part's own placeholders come from the same arguments */
  if (n < SCORE_MAX_ARGS) { snprintf(vals[n], 64, "\xC2\xAB" "c" "\xC2\xBB"); args[n].name = "condition"; args[n].value = vals[n]; n++; }
  if (n < SCORE_MAX_ARGS) { snprintf(vals[n], 64, "3"); args[n].name = "trust"; args[n].value = vals[n]; n++; }
  if (n < SCORE_MAX_ARGS) { snprintf(vals[n], 64, "\xC2\xAB" "v" "\xC2\xBB"); args[n].name = "vague"; args[n].value = vals[n]; n++; }
  return n;
}

/* A finished session in marked data, and a result with one finding per message variant of
** every rule. */
static void build_all(fx *f, score_result *r) {
  fx_init(f);
  f->sc.title = S("«title»");
  f->sc.id = S("«id»");
  f->needs[0].said = S("«said0»");
  f->needs[1].said = S("«said1»");
  f->commitments[0].action = S("«sign»");
  f->commitments[1].action = S("«demo»");
  f->commitments[2].action = S("«send»");
  f->s.trainee = S("«trainee»");
  strcpy(f->s.started, "«d»");
  sess_turn *t = fx_turn(f, "«line one»", MV(ASK_COMMITMENT));
  fx_say(f, &t->events, "«answer»");
  fx_turn(f, "«line two»", MV(GREET));
  f->s.hints_used = 2;
  memset(r, 0, sizeof *r);
  int n_rules;
  const score_rule *rules = score_rules(&n_rules);
  const msg_cat *en = msg_catalogue("en");
  r->findings = xcalloc((size_t)msg_count(en), sizeof *r->findings);
  for (int k = 0; k < msg_count(en); k++) {
    const char *key = msg_key_at(en, k);
    if (strncmp(key, "finding.", 8) != 0) continue;
    const score_rule *rule = NULL;
    for (int i = 0; i < n_rules && !rule; i++) {
      size_t l = strlen(rules[i].id);
      if (strncmp(key + 8, rules[i].id, l) == 0 && (key[8 + l] == '\0' || key[8 + l] == '.')) rule = &rules[i];
    }
    assert_non_null(rule);
    score_finding *fd = &r->findings[r->n_findings++];
    fd->rule = rule;
    fd->turn = r->n_findings % 3;
    fd->points = rule->points;
    fd->quote = fd->turn ? xstrdup(fd->turn == 1 ? "«line one»" : "«line two»") : NULL;
    fd->msg.key = xstrdup(key);
    char vals[SCORE_MAX_ARGS][64];
    msg_arg args[SCORE_MAX_ARGS];
    fd->msg.n = args_for(key, args, vals);
    for (int i = 0; i < fd->msg.n; i++) {
      fd->msg.args[i].name = args[i].name;
      fd->msg.args[i].value = xstrdup(args[i].value);
    }
    r->shown[rule->skill] = 1;
    r->skills[rule->skill] = 50;
  }
  r->shown[SK_TACTICS] = 0;   /* a skill not shown has its own words */
  r->reason.key = xstrdup("reason.abandoned");
  r->reason.args[0].name = "reason";
  r->reason.args[0].value = xstrdup("@reason.advance_at");
  r->reason.args[1].name = "turn";
  r->reason.args[1].value = xstrdup("2");
  r->reason.args[2].name = "action";
  r->reason.args[2].value = xstrdup("«demo»");
  r->reason.args[3].name = "said";
  r->reason.args[3].value = xstrdup("3");
  r->reason.args[4].name = "tries";
  r->reason.args[4].value = xstrdup("1");
  r->reason.n = 5;
  r->outcome = CUST_OUTCOME_ADVANCE;
  r->given = 1;
  r->tier = 2;
  r->pass_mark = 70;
  r->lang = "en";
}

/* Renders the document every way, checking each. */
static void render_all(const char *what, json_t *d) {
  char name[96];
  for (int full = 0; full < 2; full++) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    deb_style st = { 0, 80, NULL, full };
    deb_render_text(d, &st, f);
    fclose(f);
    snprintf(name, sizeof name, "%s, terminal%s", what, full ? " --full" : "");
    assert_non_null(strstr(buf, MSG_PSEUDO_OPEN));
    expect_all_marked(name, buf, 0);
    free(buf);
  }
  strbuf md = { 0 };
  deb_render_markdown(d, &md);
  snprintf(name, sizeof name, "%s, Markdown", what);
  expect_all_marked(name, md.s, 0);
  sb_free(&md);
  strbuf html = { 0 };
  deb_render_html(d, &html);
  snprintf(name, sizeof name, "%s, HTML", what);
  expect_all_marked(name, html.s, 1);
  sb_free(&html);
}

/* Every finding of every rule, in every renderer. */
static void every_finding(void **state) {
  (void)state;
  fx f;
  score_result r;
  build_all(&f, &r);
  assert_true(r.n_findings >= 42);
  /* a line to try is said in the scenario's language whatever the debrief's (debrief.c): a
  ** scenario in the pseudo language has its lines to try marked too */
  f.sc.language = S(PSEUDO);
  json_t *d = deb_build_lang(&f.s, &r, PSEUDO);
  assert_string_equal(json_string_value(json_object_get(d, "language")), PSEUDO);
  /* objections and progress have their words too */
  json_array_append_new(json_object_get(d, "objections"),
                        json_pack("{s:s, s:s, s:i, s:n}", "id", "«o»", "said", "«o said»", "turn", 1, "answered"));
  json_array_append_new(json_object_get(d, "objections"),
                        json_pack("{s:s, s:s, s:i, s:i}", "id", "«p»", "said", "«p said»", "turn", 1, "answered", 2));
  json_array_append_new(json_object_get(d, "progress"),
                        json_pack("{s:s, s:s, s:i}", "started", "«d»", "outcome", "no_sale", "score", 40));
  render_all("no advice", d);
  json_decref(d);
  /* with a customer to address, the Try lines come from the advice templates */
  f.sc.cust_name = S("«Dana»");
  d = deb_build_lang(&f.s, &r, PSEUDO);
  render_all("advice", d);
  /* the same document shown in English: findings, principles, labels and the reason are made
  ** again from the data (the Try lines and reflection questions are stored as text) */
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  deb_style st = { 0, 80, "en", 1 };
  deb_render_text(d, &st, fp);
  fclose(fp);
  assert_non_null(strstr(buf, "After the refusal at turn 3 you lowered the ask"));
  assert_non_null(strstr(buf, "Why: On a refusal, first find out what holds the customer back."));
  assert_non_null(strstr(buf, "You left before a genuine attempt"));
  assert_non_null(strstr(buf, "Where you won or lost points"));
  assert_null(strstr(buf, MSG_PSEUDO_OPEN "After"));
  free(buf);
  json_decref(d);
  score_result_free(&r);
  fx_free(&f);
}

/* The play screen's words and the coaching hints. */
static void play_words(void **state) {
  (void)state;
  for (int k = 0; k < UI_COUNT; k++) {
    char *s = msg_get(PSEUDO, ui_key_name((ui_key)k), "command", "«/x»", "bytes", "9", "max", "8",
                      "path", "«p»", "error", "«e»", NULL);
    expect_all_marked(ui_key_name((ui_key)k), s, 0);
    free(s);
  }
  for (int k = 0; k < SK_COUNT; k++) expect_all_marked("skill", deb_skill_label(PSEUDO, (score_skill)k), 0);
}

/* A class report over two scenarios, every section shown (filters, trends up, down, flat and
** single, findings with and without a principle, more than twenty attempt numbers), with the
** gradebook's texts in « »: rendered as text, HTML and CSV in the pseudo-locale. */
static void class_report(void **state) {
  (void)state;
  rep_data d;
  memset(&d, 0, sizeof d);
  d.lang = PSEUDO;
  d.source = xstrdup("«class.db»");
  d.filter.scenario = xstrdup("«sc»");
  d.filter.trainee = xstrdup("«ann»");
  d.filter.since = xstrdup("2026-11-01");
  d.sessions = 30;
  d.trainees = 4;
  d.first_started = xstrdup("2026-11-01T09:00:00Z");
  d.last_started = xstrdup("2026-11-30T09:00:00Z");
  d.n_scenarios = 2;
  d.scenarios = xcalloc(2, sizeof *d.scenarios);
  d.scenarios[0] = xstrdup("«sc-a»");
  d.scenarios[1] = xstrdup("«sc-b»");
  d.by_scenario = xcalloc(2, sizeof *d.by_scenario);
  static const double trends[] = { 2.0, -2.0, 0.0, 0.0 };
  static const int attempts[] = { 22, 3, 3, 1 };
  static const char *const outcomes[] = { "order", "advance", "continuation", "no_sale" };
  d.n_rows = 4;
  d.rows = xcalloc(4, sizeof *d.rows);
  for (int i = 0; i < 4; i++) {
    rep_row *r = &d.rows[i];
    r->trainee = xasprintf("«t%d»", i);
    r->scenario = xstrdup(d.scenarios[i % 2]);
    r->attempts = attempts[i];
    r->best = r->first = r->latest = 50 + i;
    r->average = 50;
    for (int k = 0; k < REP_SKILLS; k++) r->skill[k] = k == 3 ? -1 : 40;
    r->trend = trends[i];
    r->latest_outcome = xstrdup(outcomes[i]);
    r->latest_started = xstrdup("2026-11-30T09:00:00Z");
  }
  for (int k = 0; k < REP_SKILLS; k++) d.class_skill[k] = d.latest_skill[k] = 40;
  d.class_total = d.latest_total = 50;
  for (int o = 0; o < 4; o++) d.outcomes[o] = 7 + (o == 0);
  d.passed = 3;
  d.dist[5] = 30;
  d.n_findings = 2;
  d.findings = xcalloc(2, sizeof *d.findings);
  d.findings[0].rule = xstrdup("«no_ask»");
  d.findings[0].skill = xstrdup("commitment");
  d.findings[0].principle = xstrdup("«Ask every visit»");
  d.findings[1].rule = xstrdup("«vague_ask»");
  d.findings[1].skill = xstrdup("tactics");
  d.n_steps = 22;
  d.steps = xcalloc(22, sizeof *d.steps);
  for (int i = 0; i < 22; i++) { d.steps[i].n = 1; d.steps[i].average = 50; }
  strbuf out = { 0 };
  rep_render_text(&d, &out);
  expect_all_marked("class report (text)", out.s, 0);
  out.len = 0;
  rep_render_html(&d, &out);
  expect_all_marked("class report (HTML)", out.s, 1);
  out.len = 0;
  rep_render_csv(&d, &out);
  out.s[strcspn(out.s, "\r")] = '\0';   /* the header; the rows are the gradebook's data */
  expect_all_marked("class report (CSV header)", out.s, 0);
  /* a known rule's principle is named from the catalogue in a language other than English */
  rep_finding known = { .rule = (char *)"no_ask", .skill = (char *)"commitment", .principle = NULL };
  expect_all_marked("principle", rep_principle_words(&known, PSEUDO), 0);
  sb_free(&out);
  rep_free(&d);
  /* the empty report */
  memset(&d, 0, sizeof d);
  d.lang = PSEUDO;
  d.source = xstrdup("«empty.db»");
  rep_render_text(&d, &out);
  expect_all_marked("empty class report (text)", out.s, 0);
  out.len = 0;
  rep_render_html(&d, &out);
  expect_all_marked("empty class report (HTML)", out.s, 1);
  sb_free(&out);
  rep_free(&d);
}

/* A private data directory: the shipped data by link, and the pseudo-locale made from English. */
static int setup(void **state) {
  (void)state;
  const char *data = getenv("SALESIM_DATA");
  if (!data) { fprintf(stderr, "set SALESIM_DATA to the engine directory\n"); return -1; }
  if (!mkdtemp(tmpdir)) return -1;
  char *p;
  p = xasprintf("%s/lexicons", tmpdir); char *q = xasprintf("%s/lexicons", data);
  if (symlink(q, p) != 0) return -1;
  free(p); free(q);
  p = xasprintf("%s/lua", tmpdir); q = xasprintf("%s/lua", data);
  if (symlink(q, p) != 0) return -1;
  free(p); free(q);
  p = xasprintf("%s/messages", tmpdir);
  mkdir(p, 0700);
  free(p);
  static const char *const langs[] = { "en", "zh" };
  for (int i = 0; i < 2; i++) {
    p = xasprintf("%s/messages/%s.yaml", tmpdir, langs[i]);
    q = xasprintf("%s/messages/%s.yaml", data, langs[i]);
    if (symlink(q, p) != 0) return -1;
    free(p); free(q);
  }
  setenv("SALESIM_DATA", tmpdir, 1);   /* before the first look-up: the data root is kept */
  strbuf y = { 0 };
  msg_write_pseudo(msg_catalogue("en"), PSEUDO, &y);
  p = xasprintf("%s/messages/%s.yaml", tmpdir, PSEUDO);
  char err[128];
  int rc = util_write_atomic(p, y.s, y.len, err, sizeof err);
  /* it is a catalogue like any other: it passes `salesim check` */
  diag d; diag_init(&d);
  if (rc == 0 && msg_check_file(p, &d) != 0) { diag_print(&d, stderr); rc = -1; }
  diag_free(&d);
  free(p);
  sb_free(&y);
  return rc;
}

static int teardown(void **state) {
  (void)state;
  char *cmd = xasprintf("rm -rf '%s'", tmpdir);
  int rc = system(cmd);
  free(cmd);
  return rc == 0 ? 0 : -1;
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(every_finding),
    cmocka_unit_test(play_words),
    cmocka_unit_test(class_report),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
