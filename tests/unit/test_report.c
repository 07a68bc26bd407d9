/* test_report.c: the class report: what rep_load computes from a gradebook, and the text,
** CSV and HTML renderings a trainer reads.  With GB_TEST_LOCATION set (an empty PostgreSQL
** database's URI; tests/e2e/gradebook_pg.sh does it) the same suite runs on that backend. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <math.h>

#include <jansson.h>
#include <sqlite3.h>
#include "testutil_sqlite.h"

#include "gradebook.h"
#include "msg.h"
#include "report.h"
#include "text.h"
#include "util.h"
#include "../tools/gb_gen.h"

static char dir[64];
static char *dbpath;

/* A debrief with the given total and skill scores, and findings for the listed rules. */
static json_t *debrief(const char *scenario, const char *started, const char *outcome, int score,
                       const int sk[4], const char *rule1, const char *rule2) {
  static const char *const names[4] = { "commitment", "benefits", "tactics", "discovery" };
  json_t *skills = json_object();
  for (int i = 0; i < 4; i++) {
    json_t *fs = json_array();
    if (i == 0 && rule1)
      json_array_append_new(fs, json_pack("{s:s, s:i, s:i, s:s}", "rule", rule1, "turn", 2,
                                          "points", -15, "principle", "Ask for a dated action."));
    if (i == 1 && rule2)
      json_array_append_new(fs, json_pack("{s:s, s:i, s:i}", "rule", rule2, "turn", 4, "points", -10));
    json_object_set_new(skills, names[i], json_pack("{s:i, s:o}", "score", sk[i], "findings", fs));
  }
  json_t *d = json_pack("{s:s, s:s, s:s, s:i, s:b, s:o}", "scenario", scenario, "started", started,
                        "outcome", outcome, "score", score, "pass", score >= 70, "skills", skills);
  /* the visit's file was edited on the 22nd (a second version); the collection's never */
  json_object_set_new(d, "scenario_hash", json_string(strcmp(scenario, "collect") == 0 ? "cccc"
                                                      : strncmp(started, "2026-11-22", 10) == 0 ? "bbbb" : "aaaa"));
  if (strcmp(scenario, "collect") == 0) {   /* a scenario with its own tiers and a 60 mark */
    json_object_set_new(d, "pass_mark", json_integer(60));
    json_object_set_new(d, "tier", json_pack("{s:s, s:s, s:b, s:i}", "id", score >= 60 ? "collector" : "learner",
                                             "name", score >= 60 ? "Collector" : "Learner", "own", 1, "min", 0));
    json_object_set_new(d, "tiers", json_pack("[{s:i, s:s, s:s, s:b}, {s:i, s:s, s:s, s:b}]",
                                              "min", 60, "id", "collector", "name", "Collector", "own", 1,
                                              "min", 0, "id", "learner", "name", "Learner", "own", 1));
  } else if (strcmp(started, "2026-11-20T09:00:00Z") != 0) {   /* the first: made before tiers */
    json_object_set_new(d, "pass_mark", json_integer(70));
    json_object_set_new(d, "tier", json_pack("{s:s, s:s}", "id", score >= 90 ? "excellent" : score >= 70 ? "proficient"
                                             : score >= 50 ? "developing" : "beginner", "name", "(the debrief's word)"));
  }
  return d;
}

static void add(gb *g, const char *trainee, const char *scenario, const char *started,
                const char *outcome, int score, int c, int b, int t, int d,
                const char *rule1, const char *rule2) {
  char err[256];
  int sk[4] = { c, b, t, d };
  json_t *j = debrief(scenario, started, outcome, score, sk, rule1, rule2);
  assert_true(gb_record(g, trainee, j, NULL, err, sizeof err) > 0);
  json_decref(j);
}

/* Three sessions of ann, two of 王小明, one of ann at another scenario. */
static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/reptestXXXXXX");
  if (!mkdtemp(dir)) return -1;
  const char *loc = getenv("GB_TEST_LOCATION");
  dbpath = loc && *loc ? xstrdup(loc) : xasprintf("%s/gb.db", dir);
  char err[256];
  gb *g = gb_open(dbpath, err, sizeof err);
  if (!g) return -1;
  add(g, "ann", "visit", "2026-11-20T09:00:00Z", "continuation", 40, 30, 40, 50, 40, "vague_ask", "feature_list");
  add(g, "ann", "visit", "2026-11-21T09:00:00Z", "advance", 60, 60, 60, 60, 60, "vague_ask", NULL);
  add(g, "ann", "visit", "2026-11-22T09:00:00Z", "order", 80, 90, 80, 70, 80, NULL, NULL);
  add(g, "王小明", "visit", "2026-11-21T10:00:00Z", "no_sale", 100, 100, 100, 100, 100, NULL, NULL);
  add(g, "王小明", "visit", "2026-11-22T10:00:00Z", "advance", 50, 50, 50, 50, 50, "vague_ask", "no_check_concerns");
  add(g, "ann", "collect", "2026-11-23T09:00:00Z", "no_sale", 9, 10, 10, 10, 10, "no_ask", NULL);
  gb_close(g);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char *cmd = xasprintf("rm -rf '%s'", dir);
  int rc = system(cmd);
  free(cmd);
  free(dbpath);
  return rc == 0 ? 0 : -1;
}

static void load(const rep_filter *f, rep_data *d) {
  char err[256] = "";
  gb *g = gb_open_existing(dbpath, err, sizeof err);
  assert_non_null(g);
  assert_int_equal(rep_load(g, f, d, err, sizeof err), 0);
  gb_close(g);
}

static void test_load_rows_and_class(void **state) {
  (void)state;
  rep_data d;
  load(NULL, &d);
  assert_int_equal(d.sessions, 6);
  assert_int_equal(d.trainees, 2);
  assert_int_equal(d.n_scenarios, 2);
  assert_int_equal(d.n_rows, 3);
  assert_string_equal(d.first_started, "2026-11-20T09:00:00Z");
  assert_string_equal(d.last_started, "2026-11-23T09:00:00Z");
  const rep_row *a = &d.rows[0];   /* ann / collect sorts before ann / visit */
  assert_string_equal(a->trainee, "ann");
  assert_string_equal(a->scenario, "collect");
  assert_int_equal(a->attempts, 1);
  assert_string_equal(rep_trend_word(a), "-");
  const rep_row *v = &d.rows[1];
  assert_string_equal(v->scenario, "visit");
  assert_int_equal(v->attempts, 3);
  assert_int_equal(v->best, 80);
  assert_int_equal(v->first, 40);
  assert_int_equal(v->latest, 80);
  assert_float_equal(v->average, 60.0, 1e-9);
  assert_float_equal(v->skill[0], 60.0, 1e-9);
  assert_float_equal(v->skill[2], 60.0, 1e-9);
  assert_float_equal(v->trend, 20.0, 1e-9);
  assert_string_equal(rep_trend_word(v), "up");
  assert_string_equal(v->latest_outcome, "order");
  const rep_row *w = &d.rows[2];
  assert_string_equal(w->trainee, "王小明");
  assert_float_equal(w->trend, -50.0, 1e-9);
  assert_string_equal(rep_trend_word(w), "down");
  /* class: totals 40 60 80 100 50 9 */
  assert_float_equal(d.class_total, 339.0 / 6, 1e-9);
  assert_float_equal(d.class_skill[0], (30 + 60 + 90 + 100 + 50 + 10) / 6.0, 1e-9);
  /* latest attempts: 9 (ann collect), 80 (ann visit), 50 (王小明) */
  assert_float_equal(d.latest_total, 139.0 / 3, 1e-9);
  assert_float_equal(d.latest_skill[0], (10 + 90 + 50) / 3.0, 1e-9);
  assert_int_equal(d.outcomes[0], 1);
  assert_int_equal(d.outcomes[1], 2);
  assert_int_equal(d.outcomes[2], 1);
  assert_int_equal(d.outcomes[3], 2);
  assert_int_equal(d.passed, 2);   /* the debrief's pass flag (70 here), not a fixed mark */
  assert_int_equal(d.dist[0], 1);
  assert_int_equal(d.dist[4], 1);
  assert_int_equal(d.dist[5], 1);
  assert_int_equal(d.dist[9], 1);   /* 100 falls in the top band */
  /* per scenario, in order of first appearance: collect (ann), then visit */
  assert_string_equal(d.scenarios[0], "collect");
  assert_int_equal(d.by_scenario[0].sessions, 1);
  assert_float_equal(d.by_scenario[0].average, 9.0, 1e-9);
  assert_int_equal(d.by_scenario[1].sessions, 5);
  assert_int_equal(d.by_scenario[1].trainees, 2);
  assert_float_equal(d.by_scenario[1].average, 66.0, 1e-9);
  assert_float_equal(d.by_scenario[1].latest, 65.0, 1e-9);      /* ann 80, 王小明 50 */
  assert_float_equal(d.by_scenario[1].skill[0], 66.0, 1e-9);
  assert_int_equal(d.by_scenario[1].passed, 2);
  strbuf out = {0};
  rep_render_text(&d, &out);
  assert_non_null(strstr(out.s, "\nSCENARIOS\nScenario  Sessions  Trainees  Average  Latest  Commit  Benefit  Tactic  Discov  Passed\n"
                                "collect          1         1      9.0     9.0    10.0     10.0    10.0    10.0       0\n"
                                "visit            5         2     66.0    65.0    66.0     66.0    66.0    66.0       2\n"));
  sb_free(&out);
  /* progress: attempt 1 over three rows (40, 100, 9), attempt 2 (60, 50), attempt 3 (80) */
  assert_int_equal(d.n_steps, 3);
  assert_int_equal(d.steps[0].n, 3);
  assert_float_equal(d.steps[0].average, 149.0 / 3, 1e-9);
  assert_float_equal(d.steps[1].average, 55.0, 1e-9);
  assert_int_equal(d.steps[2].n, 1);
  /* findings: vague_ask x3 in 3 sessions, then the single ones by name */
  assert_int_equal(d.n_findings, 4);
  assert_string_equal(d.findings[0].rule, "vague_ask");
  assert_int_equal(d.findings[0].count, 3);
  assert_int_equal(d.findings[0].sessions, 3);
  assert_float_equal(d.findings[0].points, -15.0, 1e-9);
  assert_string_equal(d.findings[0].skill, "commitment");
  assert_string_equal(d.findings[0].principle, "Ask for a dated action.");
  /* then, seen as often, the larger loss first: no_ask's -15 before the -10s, by name */
  assert_string_equal(d.findings[1].rule, "no_ask");
  assert_string_equal(d.findings[2].rule, "feature_list");
  assert_null(d.findings[2].principle);
  assert_int_equal(d.findings_more, 0);
  rep_free(&d);
}

/* The cut of the findings list keeps a tie whole and says how many rules it left out (blind
** trainer, round 10: eleven rules tied at the cut, kept by name, the rest unsaid). */
/* A scenario file edited during the class (two hashes): counted per scenario and per trainee,
** and said in the text and HTML reports (blind trainer, round 11: his own edit read as a
** trainee's progress, +18 a try). */
static void test_versions(void **state) {
  (void)state;
  rep_data d;
  load(NULL, &d);
  assert_int_equal(d.n_scenarios, 2);
  for (int i = 0; i < d.n_scenarios; i++)
    assert_int_equal(d.by_scenario[i].versions, strcmp(d.scenarios[i], "visit") == 0 ? 2 : 1);
  for (int i = 0; i < d.n_rows; i++)
    assert_int_equal(d.rows[i].versions, strcmp(d.rows[i].scenario, "visit") == 0 ? 2 : 1);
  strbuf t = {0}, h = {0};
  rep_render_text(&d, &t);
  assert_non_null(strstr(t.s, "Note: visit was edited during these visits (2 versions of the file)."));
  assert_non_null(strstr(t.s, "(2 versions of the scenario file)"));
  assert_null(strstr(t.s, "Note: collect"));
  rep_render_html(&d, &h);
  assert_non_null(strstr(h.s, "<p class=\"note\">Note: visit was edited"));
  sb_free(&t);
  sb_free(&h);
  rep_free(&d);
}

static void test_findings_cut(void **state) {
  (void)state;
  char path[128], err[256];
  snprintf(path, sizeof path, "%s/cut.db", dir);
  gb *g = gb_open(path, err, sizeof err);
  assert_non_null(g);
  char rule[16];
  for (int i = 1; i <= 13; i++) {   /* r01..r10 twice, r11..r13 once: the cut falls after r10 */
    snprintf(rule, sizeof rule, "r%02d", i);
    add(g, "ann", "visit", "2026-11-20T09:00:00Z", "continuation", 40, 30, 40, 50, 40, rule, NULL);
    if (i <= 10) add(g, "bob", "visit", "2026-11-20T10:00:00Z", "continuation", 40, 30, 40, 50, 40, rule, NULL);
  }
  rep_filter none = { NULL, NULL, NULL };
  rep_data d;
  assert_int_equal(rep_load(g, &none, &d, err, sizeof err), 0);
  assert_int_equal(d.n_findings, 10);
  assert_int_equal(d.findings_more, 3);
  strbuf out = {0};
  rep_render_text(&d, &out);
  assert_non_null(strstr(out.s, "3 more rules, each seen less often, are not listed"));
  sb_free(&out);
  rep_free(&d);
  add(g, "cy", "visit", "2026-11-21T09:00:00Z", "continuation", 40, 30, 40, 50, 40, "r11", NULL);
  assert_int_equal(rep_load(g, &none, &d, err, sizeof err), 0);   /* r11 now ties the 10th: kept */
  assert_int_equal(d.n_findings, 11);
  assert_int_equal(d.findings_more, 2);
  rep_free(&d);
  gb_close(g);
  unlink(path);
}

static void test_load_filters(void **state) {
  (void)state;
  rep_data d;
  rep_filter f = { "visit", NULL, NULL };
  load(&f, &d);
  assert_int_equal(d.sessions, 5);
  assert_int_equal(d.n_rows, 2);
  assert_int_equal(d.n_findings, 3);
  assert_string_equal(d.filter.scenario, "visit");
  rep_free(&d);

  rep_filter f2 = { NULL, "王小明", "2026-11-22" };
  load(&f2, &d);
  assert_int_equal(d.sessions, 1);
  assert_int_equal(d.rows[0].latest, 50);
  assert_int_equal(d.n_findings, 2);
  assert_string_equal(d.findings[0].rule, "vague_ask");   /* -15 before no_check_concerns' -10 */
  rep_free(&d);

  /* a time with Z includes sessions that started in that very minute */
  rep_filter f4 = { NULL, NULL, "2026-11-22T09:00Z" };
  load(&f4, &d);
  assert_int_equal(d.sessions, 3);
  assert_string_equal(d.first_started, "2026-11-22T09:00:00Z");
  assert_string_equal(d.filter.since, "2026-11-22T09:00Z");
  rep_free(&d);

  rep_filter f3 = { "nobody-plays-this", NULL, NULL };
  load(&f3, &d);
  assert_int_equal(d.sessions, 0);
  strbuf out = {0};
  rep_render_text(&d, &out);
  /* a filter that matches nothing is not an empty gradebook */
  assert_non_null(strstr(out.s, "\nNo sessions match the filter.\n"));
  sb_free(&out);
  rep_free(&d);
}

/* The findings rep_load lists for f carry the counts of the findings table itself, counted here
** from every finding of the sessions in view (the report reads counts kept at write time: the
** totals, the per-day counts or the per-session ones); every rule is either listed or counted
** among those left out. */
static void findings_match_table(gb *g, const rep_filter *f) {
  char err[256] = "", since[64];
  rep_data d;
  assert_int_equal(rep_load(g, f, &d, err, sizeof err), 0);
  strbuf sql = {0};
  sb_puts(&sql, "SELECT rule, count(*), count(DISTINCT session_id), sum(points), count(points)"
                " FROM findings WHERE session_id IN (SELECT id FROM sessions");
  rep_where_clause(f, &sql);
  sb_puts(&sql, ") GROUP BY rule");
  const char *params[3];
  int np = rep_filter_params(f, params, since, sizeof since);
  gb_rows *r = gb_query(g, sql.s, np, params, err, sizeof err);
  sb_free(&sql);
  assert_non_null(r);
  int rules = 0, listed = 0;
  while (gb_step(g, r, err, sizeof err) == 1) {
    rules++;
    for (int i = 0; i < d.n_findings; i++) {
      if (strcmp(d.findings[i].rule, gb_text(g, r, 0)) != 0) continue;
      listed++;
      assert_int_equal(d.findings[i].count, gb_int(g, r, 1));
      assert_int_equal(d.findings[i].sessions, gb_int(g, r, 2));
      assert_true(fabs(d.findings[i].points - gb_real(g, r, 3) / (double)gb_int(g, r, 4)) < 1e-9);
    }
  }
  gb_rows_free(g, r);
  assert_int_equal(listed, d.n_findings);
  assert_int_equal(rules, d.n_findings + d.findings_more);
  rep_free(&d);
}

/* Filters by scenario and start date (the per-day counts of schema version 4, with the first
** day's sessions compared by their full time) count what the findings table holds. */
static void test_filtered_findings_counts(void **state) {
  (void)state;
  static const rep_filter filters[] = {
    { "visit", NULL, NULL }, { "collect", NULL, NULL }, { NULL, NULL, "2026-11-22" },
    { NULL, NULL, "2026-11-22T09:30Z" }, { NULL, NULL, "2026-11-21T10:00" },
    { "visit", NULL, "2026-11-21T09:00:01" }, { "visit", NULL, "2026-11-22T10:00Z" },
    { NULL, NULL, "2026-11-24" }, { NULL, NULL, "2026-11-01" }, { "visit", "ann", "2026-11-21" },
  };
  char err[256] = "";
  gb *g = gb_open_existing(dbpath, err, sizeof err);
  assert_non_null(g);
  for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) findings_match_table(g, &filters[i]);
  gb_close(g);
}

/* Runs sql on path. */
static void sqlite_exec(const char *path, const char *sql) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
}

/* Copies file from to to. */
static void copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  assert_non_null(in);
  assert_non_null(out);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, out), n);
  fclose(in);
  fclose(out);
}

/* The report of f from path in text, CSV and HTML, the gradebook's name replaced (malloc'd). */
static char *render_all(const char *path, const rep_filter *f) {
  char err[256] = "";
  gb *g = gb_open_existing(path, err, sizeof err);
  assert_non_null(g);
  rep_data d;
  assert_int_equal(rep_load(g, f, &d, err, sizeof err), 0);
  findings_match_table(g, f);
  gb_close(g);
  free(d.source);
  d.source = xstrdup("GRADEBOOK");
  strbuf out = {0};
  rep_render_text(&d, &out);
  rep_render_csv(&d, &out);
  rep_render_html(&d, &out);
  if (d.language) sb_printf(&out, "language %s\n", d.language);
  if (d.languages) sb_printf(&out, "languages %s\n", d.languages);
  rep_free(&d);
  return sb_take(&out);
}

/* What version 7 added taken away: the per-group sums and their triggers. */
#define BACK_TO_V6 "DROP TRIGGER sessions_group_add; DROP TRIGGER sessions_group_change;" \
  " DROP TRIGGER sessions_group_remove; DROP TABLE groups;"

/* What versions 4 to 7 added, taken away again: the schema exactly as version 3 left it. */
static const char back_to_v3[] = BACK_TO_V6
  "DROP TRIGGER sessions_debrief_edited; ALTER TABLE sessions DROP COLUMN tier;"
  "DROP TRIGGER session_rules_add_day; DROP TRIGGER session_rules_remove_day; DROP TABLE rule_days;"
  "DROP INDEX sessions_by_day; DROP INDEX sessions_report;"
  "CREATE INDEX sessions_report ON sessions(trainee, scenario, started, id, outcome, score, pass,"
  " s_commitment, s_benefits, s_tactics, s_discovery);"
  "PRAGMA user_version=3;";

/* What versions 6 and 7 added taken away: the report's covering index as version 5 left it. */
static const char back_to_v5[] = BACK_TO_V6
  "DROP INDEX sessions_report;"
  "CREATE INDEX sessions_report ON sessions(trainee, scenario, started, id, outcome, score, pass,"
  " s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language);"
  "PRAGMA user_version=5;";

/* Rows of rule_days that differ from the per-session counts they sum (both ways). */
static const char days_disagree[] =
  "SELECT count(*) FROM (SELECT * FROM (SELECT scenario, day, rule, n, sessions, pts_n, pts_sum"
  " FROM rule_days WHERE sessions > 0 EXCEPT SELECT s.scenario, substr(s.started, 1, 10), r.rule,"
  " sum(r.n), count(*), sum(r.pts_n), sum(r.pts_sum) FROM session_rules AS r JOIN sessions AS s"
  " ON s.id = r.session_id GROUP BY 1, 2, 3) UNION ALL SELECT * FROM (SELECT s.scenario,"
  " substr(s.started, 1, 10), r.rule, sum(r.n), count(*), sum(r.pts_n), sum(r.pts_sum)"
  " FROM session_rules AS r JOIN sessions AS s ON s.id = r.session_id GROUP BY 1, 2, 3 EXCEPT"
  " SELECT scenario, day, rule, n, sessions, pts_n, pts_sum FROM rule_days WHERE sessions > 0))";

/* Records n generated visits of 7 trainees in 3 scenarios into g (tools/gb_gen.h, seeded). */
static void record_class(gb *g, uint64_t seed, int n) {
  char err[256] = "";
  uint64_t rng = seed;
  for (int i = 0; i < n; i++) {
    char trainee[16], scenario[16];
    snprintf(trainee, sizeof trainee, "t%d", i % 7);
    snprintf(scenario, sizeof scenario, "scenario-%d", 1 + i % 3);
    json_t *d = gbg_debrief(&rng, scenario, trainee, 1 + i / 21, 1 + i % 28, (i * 37) % 600, 0);
    assert_true(gb_record(g, trainee, d, NULL, err, sizeof err) > 0);
    json_decref(d);
  }
}

/* A version-3 gradebook (before the per-day counts) and a version-5 one (before ended_by and the
** hints in the covering index) are migrated when opened, every row kept, and every report form,
** filtered or not, reads the same from them as from the same class recorded at this version, with
** the findings table's own counts (the class has interrupted visits and visits with hints, so
** their counts are compared too); the per-day counts follow later recordings and a deletion of
** per-session counts. */
static void test_migrated_version_3_reports_the_same(void **state) {
  (void)state;
  char *v4 = xasprintf("%s/v4.db", dir), *v3 = xasprintf("%s/v3.db", dir), err[256] = "";
  char *v5 = xasprintf("%s/v5.db", dir);
  gb *g = gb_open(v4, err, sizeof err);
  assert_non_null(g);
  record_class(g, 7, 400);
  /* start times a hand or another tool wrote: a date alone, no seconds, too short, and
  ** characters of more than one byte within and after the first ten */
  static const char *const odd[] = { "2026-11-15", "2026-11-15T09:00", "2026-11-1", "2026-11-15\xc3\xa9",
                                     "2026-11-1\xc3\xa9" "5", "2026-11-15T12:34:56Z" };
  for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
    add(g, "odd", "scenario-2", odd[i], "advance", 60, 60, 60, 60, 60, "vague_ask", "feature_list");
  gb_close(g);
  copy_file(v4, v3);
  sqlite_exec(v3, back_to_v3);
  assert_int_equal(tu_sqlite_int(v3, "PRAGMA user_version"), 3);
  copy_file(v4, v5);
  sqlite_exec(v5, back_to_v5);
  long long rows = tu_sqlite_int(v5, "SELECT count(*) FROM sessions");

  static const rep_filter filters[] = {
    { NULL, NULL, NULL }, { "scenario-2", NULL, NULL }, { NULL, NULL, "2026-11-15" },
    { "scenario-2", NULL, "2026-11-15" }, { NULL, NULL, "2026-11-15T09:00Z" },
    { "scenario-2", NULL, "2026-11-15T09:00:00" }, { "scenario-1", NULL, "2026-11-20T12:34" },
    { NULL, NULL, "2026-11-28T23:59Z" }, { NULL, NULL, "2026-12-01" }, { NULL, NULL, "2026-11-01" },
    { "scenario-3", "t2", "2026-11-10" }, { NULL, "odd", NULL },
  };
  for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
    char *a = render_all(v4, &filters[i]), *b = render_all(v3, &filters[i]);   /* b: migrated */
    char *c = render_all(v5, &filters[i]);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    if (i == 0) {   /* the class's marks are among what is compared */
      assert_non_null(strstr(a, " interrupted, "));
      assert_non_null(strstr(a, " with hints)"));
    }
    free(a);
    free(b);
    free(c);
  }
  assert_int_equal(tu_sqlite_int(v5, "PRAGMA user_version"), 7);
  assert_int_equal(tu_sqlite_int(v5, "SELECT count(*) FROM sessions"), rows);
  assert_int_equal(tu_sqlite_int(v5, "SELECT count(*) FROM pragma_index_info('sessions_report')"), 15);
  assert_int_equal(tu_sqlite_int(v3, "PRAGMA user_version"), 7);
  assert_int_equal(tu_sqlite_int(v3, "SELECT count(*) FROM rule_days"), tu_sqlite_int(v4, "SELECT count(*) FROM rule_days"));
  assert_true(tu_sqlite_int(v3, "SELECT count(*) FROM rule_days") > 100);
  assert_int_equal(tu_sqlite_int(v3, days_disagree), 0);
  assert_int_equal(tu_sqlite_int(v4, days_disagree), 0);

  /* recorded after the migration, and per-session counts deleted by hand: the days follow */
  g = gb_open(v3, err, sizeof err);
  assert_non_null(g);
  add(g, "late", "scenario-1", "2026-11-15T18:00:00Z", "order", 90, 90, 90, 90, 90, "no_ask", NULL);
  gb_close(g);
  sqlite_exec(v3, "DELETE FROM session_rules WHERE session_id IN (SELECT id FROM sessions WHERE trainee = 't3')");
  assert_int_equal(tu_sqlite_int(v3, days_disagree), 0);
  free(v4);
  free(v3);
  free(v5);
}

static void test_valid_date(void **state) {
  (void)state;
  assert_true(rep_valid_date("2026-11-27"));
  assert_true(rep_valid_date("2026-11-27T09:30"));
  assert_true(rep_valid_date("2026-11-27T09:30:00Z"));
  assert_false(rep_valid_date("27/11/2026"));
  assert_false(rep_valid_date("2026-13-01"));
  assert_false(rep_valid_date("2026-11-27 09:30"));
  assert_false(rep_valid_date("2026-11-2"));
  assert_false(rep_valid_date("yesterday"));
}

/* Display column where `needle` starts in the line of `text` that begins with `line_start`. */
static int column_of(const char *text, const char *line_start, const char *needle) {
  const char *l = strstr(text, line_start);
  assert_non_null(l);
  const char *n = strstr(l, needle);
  assert_non_null(n);
  int cols = 0;
  for (const char *p = l; p < n; ) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) { cols++; p++; }
    else if (c >= 0xE0) { cols += 2; p += 3; }   /* the CJK test names are 3-byte, wide */
    else p++;
  }
  return cols;
}

static void test_text_aligned_by_width(void **state) {
  (void)state;
  rep_data d;
  rep_filter f = { "visit", NULL, NULL };
  load(&f, &d);
  strbuf out = {0};
  rep_render_text(&d, &out);
  /* one scenario: no scenario column; 王小明 (6 columns) pads to the same width as "Trainee" */
  assert_non_null(strstr(out.s, "\nTRAINEES\nTrainee  Tries  Best  First  Latest   Avg  Commit"));
  assert_non_null(strstr(out.s, "\nann          3    80     40      80  60.0    60.0     60.0    60.0    60.0  up +20.0/try   order"
                                " (2 versions of the scenario file)\n"));
  assert_int_equal(column_of(out.s, "\n王小明", "   2 "), column_of(out.s, "\nann ", "   3 "));
  assert_non_null(strstr(out.s, "\n  all attempts           66.0        66.0      66.0     66.0       66.0\n"));
  assert_non_null(strstr(out.s, "Outcomes: order 1 (20%), advance 2 (40%), continuation 1 (20%), no_sale 1 (20%); passed 2 of 5\n"));
  /* ann's latest is 80 (Proficient), 王小明's lower: each trainee counted once, in one tier */
  assert_non_null(strstr(out.s, "Tiers (latest attempts): Excellent (90+) 0, Proficient (70+) 1, "
                                "Developing (50+) 1, Not yet (0+) 0\n"));
  /* the principle in the report's language from the catalogue, not the gradebook's stored text */
  assert_non_null(strstr(out.s, "\n      3         3    -15.0  vague_ask          commitment  An ask only moves the deal when"
                                " it names the action, the time and who takes part or where. \"Let's find some time\""
                                " commits nobody to anything.\n"));
  assert_non_null(strstr(out.s, "\n        1         2     70.0\n"));
  assert_non_null(strstr(out.s, "Trend per trainee: 1 up, 0 flat, 1 down, 0 with one attempt\n"));
  assert_non_null(strstr(out.s, "Filter: scenario=visit\n"));
  assert_null(strstr(out.s, "SCENARIOS"));
  sb_free(&out);
  rep_free(&d);
}

/* Tiers and pass marks from the latest debriefs: a scenario's own (its line in the text report,
** its names in CSV), the defaults by catalogue word, none for a debrief made before tiers. */
static void test_tiers(void **state) {
  (void)state;
  rep_data d;
  load(NULL, &d);
  const rep_row *a = &d.rows[0], *v = &d.rows[1], *w = &d.rows[2];
  assert_string_equal(a->scenario, "collect");
  assert_true(a->tier_own);
  assert_string_equal(a->tier_id, "learner");       /* 9 < 60 */
  assert_string_equal(rep_tier_name(a, "en"), "Learner");
  assert_true(a->has_mark && a->pass_mark == 60);
  assert_false(v->tier_own);
  assert_string_equal(rep_tier_name(v, "en"), "Proficient");   /* the catalogue's word, not the debrief's */
  assert_true(v->has_mark && v->pass_mark == 70);
  assert_string_equal(rep_tier_name(w, "en"), "Developing");
  assert_string_equal(d.scenarios[1], "visit");
  assert_int_equal(d.by_scenario[1].n_tiers, 0);    /* "visit": the defaults */
  const rep_scenario *c = &d.by_scenario[0];
  assert_string_equal(d.scenarios[0], "collect");
  assert_int_equal(c->n_tiers, 2);
  assert_string_equal(c->tiers[0].name, "Collector");
  assert_true(c->tiers[0].min == 60 && c->has_mark && c->pass_mark == 60);
  strbuf out = {0};
  rep_render_text(&d, &out);
  /* ann's "collect" row is counted by its scenario's tiers, not the defaults */
  assert_non_null(strstr(out.s, "Tiers (latest attempts): Excellent (90+) 0, Proficient (70+) 1, "
                                "Developing (50+) 1, Not yet (0+) 0\n"
                                "  collect (pass mark 60): Collector (60+) 0, Learner (0+) 1\n"));
  out.len = 0;
  rep_render_csv(&d, &out);
  assert_non_null(strstr(out.s, ",latest_tier,pass_mark,interrupted,with_hints\r\nann,collect,"));
  assert_non_null(strstr(out.s, ",Learner,60,0,0\r\nann,visit,"));
  assert_non_null(strstr(out.s, ",Proficient,70,0,0\r\n"));
  /* the HTML counts the same tiers (play-test 31: it had none of them) */
  out.len = 0;
  rep_render_html(&d, &out);
  assert_non_null(strstr(out.s, "<p id=\"tiers\">Tiers (latest attempts): Excellent (90+) 0, Proficient (70+) 1, "
                                "Developing (50+) 1, Not yet (0+) 0<br><code>collect</code> (pass mark 60): "
                                "Collector (60+) 0, Learner (0+) 1</p>\n"));
  sb_free(&out);
  rep_free(&d);

}

/* A hand-built summary with hostile names, for the CSV and HTML escaping. */
static void hostile(rep_data *d, rep_row rows[2]) {
  memset(d, 0, sizeof *d);
  memset(rows, 0, 2 * sizeof *rows);
  d->source = "class.db";
  d->sessions = 3;
  d->trainees = 2;
  static char *sc[1] = { "visit" };
  d->scenarios = sc;
  d->n_scenarios = 1;
  /* row 0 stands in a scenario's own tier (a name to quote and escape), row 1 in a default one */
  rows[0] = (rep_row){ "Smith, \"Jo\"", "visit", 2, 70, 50, 70, 60.0, { 55, 60, -1, 70 }, 20.0,
                       "order", "2026-11-20T09:00:00Z", "expert", "Expert, <\"A\">", 1, 1, 65, 1, 1, NULL, 1, 2 };
  rows[1] = (rep_row){ "=HYPERLINK(\"x\")<script>alert(1)</script>", "visit", 1, 30, 30, 30, 30,
                       { 30, 30, 30, 30 }, 0, "no_sale", "2026-11-21T09:00:00Z", "beginner", "尚未入门", 0,
                       1, 70, 2, 1, NULL, 0, 0 };
  d->rows = rows;
  d->n_rows = 2;
  d->dist[3] = 1; d->dist[5] = 1; d->dist[7] = 1;
}

static void test_csv(void **state) {
  (void)state;
  rep_data d;
  rep_row rows[2];
  hostile(&d, rows);
  strbuf out = {0};
  rep_render_csv(&d, &out);
  assert_string_equal(out.s,
    "trainee,scenario,attempts,best,first,latest,average,commitment,benefits,tactics,discovery,"
    "trend_per_attempt,trend,latest_outcome,latest_started,latest_tier,pass_mark,interrupted,with_hints\r\n"
    "\"Smith, \"\"Jo\"\"\",visit,2,70,50,70,60.0,55.0,60.0,,70.0,20.00,up,order,2026-11-20T09:00:00Z,"
    "\"Expert, <\"\"A\"\">\",65,1,2\r\n"
    "\"'=HYPERLINK(\"\"x\"\")<script>alert(1)</script>\",visit,1,30,30,30,30.0,30.0,30.0,30.0,30.0,,-,"
    "no_sale,2026-11-21T09:00:00Z,Not yet,70,0,0\r\n");
  rows[1].tier_id = NULL;            /* a debrief made before tiers: empty fields */
  rows[1].has_mark = 0;
  out.len = 0;
  rep_render_csv(&d, &out);
  assert_non_null(strstr(out.s, ",no_sale,2026-11-21T09:00:00Z,,,0,0\r\n"));
  sb_free(&out);
}

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
  return n;
}

static void test_html(void **state) {
  (void)state;
  rep_data d;
  rep_row rows[2];
  hostile(&d, rows);
  d.steps = (rep_step[]){ { 2, 40.0 }, { 1, 70.0 } };
  d.n_steps = 2;
  strbuf out = {0};
  rep_render_html(&d, &out);
  assert_int_equal(strncmp(out.s, "<!DOCTYPE html>\n", 16), 0);
  assert_int_equal(count(out.s, "<svg "), 3);
  assert_int_equal(count(out.s, "<g class=\"trainee\">"), 2);
  assert_int_equal(count(out.s, "<rect class=\"bar\""), 10);
  assert_int_equal(count(out.s, "<script>"), 1);          /* only the page's own script */
  assert_null(strstr(out.s, "<script>alert"));
  assert_non_null(strstr(out.s, "<td class=\"t n\" data-l=\"Trainee\">=HYPERLINK(&quot;x&quot;)&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
  assert_non_null(strstr(out.s, "<td class=\"t n\" data-l=\"Trainee\">Smith, &quot;Jo&quot;</td>"));
  assert_null(strstr(out.s, " src="));   /* self-contained: nothing fetched */
  assert_null(strstr(out.s, "<link"));
  assert_non_null(strstr(out.s, "<td data-l=\"Attempts\">2</td><td data-l=\"Best\">70</td><td data-l=\"First\">50</td>"
                                "<td data-l=\"Latest\">70</td><td data-l=\"Average\">60.0</td><td data-l=\"commitment\">55.0</td>"
                                "<td data-l=\"benefits\">60.0</td><td data-l=\"tactics\">-</td><td data-l=\"discovery\">70.0</td>"));
  assert_non_null(strstr(out.s, "<th class=\"t\">Tier</th><th>pass mark</th></tr></thead>"));
  assert_non_null(strstr(out.s, "<td class=\"t\" data-l=\"Tier\">Expert, &lt;&quot;A&quot;&gt;</td><td data-l=\"pass mark\">65</td></tr>"));
  assert_non_null(strstr(out.s, "<td class=\"t\" data-l=\"Tier\">Not yet</td><td data-l=\"pass mark\">70</td></tr>"));
  /* the text report's figures: outcome shares, tiers of the latest attempts, trends */
  d.outcomes[0] = 1; d.outcomes[3] = 2;
  out.len = 0;
  rep_render_html(&d, &out);
  assert_non_null(strstr(out.s, "<p>Outcomes: order 1 (33%), advance 0 (0%), continuation 0 (0%), no_sale 2 (67%); passed 0 of 3.</p>"));
  assert_non_null(strstr(out.s, "<p id=\"tiers\">Tiers (latest attempts): Excellent (90+) 0, Proficient (70+) 0, "
                                "Developing (50+) 0, Not yet (0+) 1</p>"));   /* row 0 stands in its scenario's own */
  assert_non_null(strstr(out.s, "<p id=\"trends\">Trend per trainee: 1 up, 0 flat, 0 down, 1 with one attempt</p>"));
  assert_non_null(strstr(out.s, "'WenQuanYi Micro Hei'"));   /* a CJK font on Linux, Windows and macOS */
  assert_non_null(strstr(out.s, "'Microsoft YaHei'"));
  assert_non_null(strstr(out.s, "'PingFang SC'"));
  assert_true(out.len > 0 && strcmp(out.s + out.len - 15, "</body></html>\n") == 0);
  sb_free(&out);
}

/* Long names are cut to 20 columns with an ellipsis; control characters never reach the terminal. */
/* The findings' principles wrap inside their column to the report's width, or go under the row
** when the column would be too narrow; no line passes the width (play-test 30c finding 8). */
static void test_text_findings_wrap(void **state) {
  (void)state;
  rep_data d;
  rep_filter f = { "visit", NULL, NULL };
  load(&f, &d);
  static const int widths[] = { 100, 72 };
  for (int k = 0; k < 2; k++) {
    d.width = widths[k];
    strbuf out = {0};
    rep_render_text(&d, &out);
    const char *find = strstr(out.s, "\nMOST FREQUENT FINDINGS\n"), *end = strstr(out.s, "\nPROGRESS");
    assert_non_null(find);
    assert_non_null(end);
    for (const char *l = find + 1; l < end; ) {
      const char *nl = strchr(l, '\n');
      char *line = xasprintf("%.*s", (int)(nl - l), l);
      if (txt_width(line) > widths[k]) fail_msg("wider than %d: %s", widths[k], line);
      free(line);
      l = nl + 1;
    }
    if (k == 0)   /* inside its column: the next line starts under the principle's first word */
      assert_non_null(strstr(find, "commitment  An ask only moves the deal when it names\n"
                                   "                                                           the action"));
    else          /* under the row */
      assert_non_null(strstr(find, "vague_ask          commitment\n        An ask only moves the deal"));
    sb_free(&out);
  }
  d.width = 0;   /* no width: one line, as before */
  strbuf out = {0};
  rep_render_text(&d, &out);
  assert_non_null(strstr(out.s, "or where. \"Let's find some time\" commits nobody to anything.\n"));
  sb_free(&out);
  rep_free(&d);
}

/* English words a principle from the English catalogue whatever text the gradebook stored (the
** text of the last visit, maybe Chinese: play-test 30c finding 2); a rule the catalogue does not
** know keeps its stored text. */
static void test_principle_words(void **state) {
  (void)state;
  rep_finding f = { .rule = "vague_ask", .skill = "commitment", .principle = "只有讲清做什么" };
  assert_non_null(strstr(rep_principle_words(&f, "en"), "An ask only moves the deal"));
  assert_string_equal(rep_principle_words(&f, "zh"), msg_text("zh", "principle.specific-ask"));
  rep_finding g = { .rule = "a_foreign_rule", .skill = "commitment", .principle = "Kept as stored." };
  assert_string_equal(rep_principle_words(&g, "en"), "Kept as stored.");
}

/* A mistyped --trainee or --scenario: the recorded name meant, by case or by a typo's distance. */
static void test_name_known(void **state) {
  (void)state;
  char err[256] = "", *near = NULL;
  gb *g = gb_open_existing(dbpath, err, sizeof err);
  assert_non_null(g);
  assert_int_equal(rep_name_known(g, "trainee", "ann", &near, err, sizeof err), 1);
  assert_null(near);
  assert_int_equal(rep_name_known(g, "trainee", "ANN", &near, err, sizeof err), 0);
  assert_string_equal(near, "ann");
  free(near);
  assert_int_equal(rep_name_known(g, "scenario", "vistt", &near, err, sizeof err), 0);
  assert_string_equal(near, "visit");
  free(near);
  assert_int_equal(rep_name_known(g, "trainee", "zebedee", &near, err, sizeof err), 0);
  assert_null(near);
  gb_close(g);
}

static void test_text_cuts_and_sanitises(void **state) {
  (void)state;
  rep_data d;
  rep_row rows[2];
  hostile(&d, rows);
  rows[0].trainee = "\x1b[31mred\x1b[0m";
  strbuf out = {0};
  rep_render_text(&d, &out);
  assert_null(strchr(out.s, '\x1b'));
  /* ... and the row's interrupted visits and visits with hints noted after its latest outcome */
  assert_non_null(strstr(out.s, "\n\xef\xbf\xbd[31mred\xef\xbf\xbd[0m              2    70     50      70  60.0    55.0     60.0       -    70.0  up +20.0/try   order (1 interrupted, 2 with hints)\n"));
  assert_non_null(strstr(out.s, "\n=HYPERLINK(\"x\")<scr\xe2\x80\xa6      1    30     30      30  30.0"));
  sb_free(&out);
}

/* The hand edits of the golden class: a visit put before all others of its row, one tied on
** another's start time, a row's scenario file edited (a second hash), unknown and empty hashes,
** a visit played in Chinese, a missing skill, an outcome the report does not know, a score
** changed, a visit moved to another trainee, a row's first and latest visits deleted, a debrief
** edited (its tier members dropped: the report reads the debrief), a visit without ended_by. */
static const char golden_edits[] =
  "INSERT INTO sessions(trainee, scenario, title, scenario_hash, language, started, ended_by, outcome, score,"
  " pass, s_commitment, s_benefits, s_tactics, s_discovery, hints_used, recorded, debrief)"
  " VALUES ('t1', 'scenario-1', 'x', '0123456789abcdef', 'en', '2026-10-30T08:00:00Z', 'customer', 'order', 97,"
  " 1, 90, 95, 99, 100, 0, '2026-10-30', '{}'),"
  " ('t2', 'scenario-2', 'x', 'ffff', 'en', (SELECT started FROM sessions WHERE trainee = 't2' AND"
  " scenario = 'scenario-2' ORDER BY started LIMIT 1 OFFSET 3), 'quit', 'advance', 61, 1, 60, 61, 62, 63, 2,"
  " '2026-11-01', '{}');"
  "UPDATE sessions SET scenario_hash = 'ffff' WHERE trainee = 't0' AND scenario = 'scenario-1'"
  " AND started > '2026-11-10';"
  "UPDATE sessions SET scenario_hash = NULL WHERE trainee = 't3' AND scenario = 'scenario-3' AND id % 3 = 0;"
  "UPDATE sessions SET scenario_hash = '' WHERE trainee = 't4' AND id % 4 = 1;"
  "UPDATE sessions SET language = 'zh' WHERE trainee = 't5' AND scenario = 'scenario-2';"
  "UPDATE sessions SET s_tactics = NULL WHERE trainee = 't6';"
  "UPDATE sessions SET outcome = 'walked_out' WHERE id IN (SELECT id FROM sessions WHERE trainee = 't0' LIMIT 2);"
  "UPDATE sessions SET score = score + 7 WHERE trainee = 't2' AND scenario = 'scenario-3';"
  "UPDATE sessions SET trainee = 't6' WHERE id IN (SELECT id FROM sessions WHERE trainee = 't1'"
  " AND scenario = 'scenario-3' ORDER BY started DESC LIMIT 1);"
  "CREATE TEMP TABLE gone AS SELECT * FROM (SELECT id FROM sessions WHERE trainee = 't4'"
  " AND scenario = 'scenario-1' ORDER BY started LIMIT 1) UNION ALL SELECT * FROM (SELECT id FROM sessions"
  " WHERE trainee = 't3' AND scenario = 'scenario-2' ORDER BY started DESC LIMIT 1);"
  "DELETE FROM session_rules WHERE session_id IN gone; DELETE FROM findings WHERE session_id IN gone;"
  "DELETE FROM sessions WHERE id IN gone;"
  "UPDATE sessions SET debrief = replace(debrief, '\"developing\"', '\"edited\"') WHERE trainee = 't5';"
  "UPDATE sessions SET ended_by = NULL WHERE trainee = 't2' AND scenario = 'scenario-1';";

/* The golden class: 420 visits of 7 trainees in 3 scenarios (tools/gb_gen.h, seed 11), then the
** edits above.  Malloc'd path. */
static char *golden_class(void) {
  char *path = xasprintf("%s/golden.db", dir), err[256] = "";
  gb *g = gb_open(path, err, sizeof err);
  assert_non_null(g);
  record_class(g, 11, 420);
  gb_close(g);
  sqlite_exec(path, golden_edits);
  return path;
}

/* The unfiltered report of the golden class in text, CSV and HTML (and in Chinese), byte for byte
** tests/golden/report-class.expected, written by the ordered pass over the sessions (schema
** version 6, main a3510e5) before the report read the sums kept per trainee and scenario: the
** sums must read as the pass did.  With SALESIM_REPORT_FROM_SESSIONS=1 the pass runs again. */
static void test_golden_report(void **state) {
  (void)state;
  char *path = golden_class();
  static const rep_filter none = { NULL, NULL, NULL };
  char *got = render_all(path, &none);
  char err[256] = "";
  gb *g = gb_open_existing(path, err, sizeof err);
  assert_non_null(g);
  rep_data d;
  assert_int_equal(rep_load(g, &none, &d, err, sizeof err), 0);
  gb_close(g);
  free(d.source);
  d.source = xstrdup("GRADEBOOK");
  d.lang = "zh";
  strbuf out = {0};
  sb_puts(&out, got);
  rep_render_text(&d, &out);
  rep_free(&d);
  free(got);
  const char *gold = "tests/golden/report-class.expected";
  if (getenv("SALESIM_WRITE_GOLDEN")) {
    FILE *f = fopen(gold, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(out.s, 1, out.len, f), out.len);
    fclose(f);
  }
  char rerr[256];
  char *want = util_read_file(gold, 64u << 20, NULL, rerr, sizeof rerr);
  assert_non_null(want);
  assert_string_equal(out.s, want);
  free(want);
  sb_free(&out);

  /* the sums read, not the sessions; the ordered pass over them reads the same */
  g = gb_open_existing(path, err, sizeof err);
  assert_non_null(g);
  long long before = gb_rows_read(g);
  assert_int_equal(rep_load(g, &none, &d, err, sizeof err), 0);
  assert_true(gb_rows_read(g) - before < 100);
  rep_free(&d);
  gb_close(g);
  char *kept = render_all(path, &none);
  setenv("SALESIM_REPORT_FROM_SESSIONS", "1", 1);
  char *pass = render_all(path, &none);
  unsetenv("SALESIM_REPORT_FROM_SESSIONS");
  assert_string_equal(kept, pass);
  free(kept);
  free(pass);

  /* the sums the triggers kept through the edits are those the upgrade counts from the sessions */
  char *recount = xasprintf("%s/recount.db", dir);
  copy_file(path, recount);
  sqlite_exec(recount, BACK_TO_V6 "PRAGMA user_version=6;");
  g = gb_open_existing(recount, err, sizeof err);
  assert_non_null(g);
  gb_close(g);
  assert_int_equal(tu_sqlite_int(recount, "PRAGMA user_version"), 7);
  sqlite3 *db;
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_open(recount, &db), SQLITE_OK);
  char *attach = xasprintf("ATTACH '%s' AS k", path);
  assert_int_equal(sqlite3_exec(db, attach, NULL, NULL, NULL), SQLITE_OK);
  free(attach);
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM (SELECT * FROM groups EXCEPT"
                                      " SELECT * FROM k.groups)) + (SELECT count(*) FROM (SELECT * FROM k.groups"
                                      " EXCEPT SELECT * FROM groups)), (SELECT count(*) FROM k.groups)",
                                      -1, &st, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int64(st, 0), 0);
  assert_int_equal(sqlite3_column_int64(st, 1), 21);
  sqlite3_finalize(st);
  sqlite3_close(db);
  free(recount);
  free(path);
}

/* rep_tenths writes what printf's "%.1f" writes: averages of integer scores (every k / n for
** n up to 400), exact ties and their neighbours, random values over six orders of magnitude, and
** what goes to printf (negative, negative zero, large, infinite, NaN). */
static void test_tenths(void **state) {
  (void)state;
  char want[REP_TENTHS_MAX], got[REP_TENTHS_MAX];
  long checked = 0;
#define SAME(v) do { double v_ = (v); snprintf(want, sizeof want, "%.1f", v_); \
    assert_string_equal(rep_tenths(got, v_), want); checked++; } while (0)
  for (int n = 1; n <= 400; n++)
    for (int k = 0; k <= 100 * n; k += 1 + n / 50) SAME((double)k / n);
  for (int k = 0; k < 200000; k++) {
    double tie = (k + 0.5) / 10.0;
    SAME(tie); SAME(nextafter(tie, 0)); SAME(nextafter(tie, 1e9));
    SAME(k * 0.25); SAME(k * 0.05);
  }
  uint64_t rng = 3;
  for (int i = 0; i < 200000; i++) {
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    double u = (double)(rng >> 11) / 9007199254740992.0;
    SAME(u * pow(10, (double)(i % 7)));
  }
  static const double odd[] = { 0, 999999.94, 999999.95, 999999.96, 1e6, 1e6 + 0.05, 1e300, -0.0, -0.04,
                                -0.05, -12.25, 0.049999999999999996, 0.05, INFINITY, -INFINITY };
  for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) SAME(odd[i]);
  assert_string_equal(rep_tenths(got, NAN), "nan");
#undef SAME
  assert_true(checked > 1000000);
}

/* On a database server the report reads one row per trainee and scenario, not each session
** (issue 17: sending a million session rows took longer than grouping them), and computes the
** same: the trend, the first and latest attempts, and a scenario file edited twice mid-way
** (aaaa, bbbb on the 22nd, aaaa again: three runs for the row, two versions for the scenario). */
static void test_server_reads_groups(void **state) {
  (void)state;
  char err[256], started[32];
  gb *g = gb_open(dbpath, err, sizeof err);
  assert_non_null(g);
  for (int i = 0; i < 30; i++) {   /* collect on odd days, visit on even ones */
    snprintf(started, sizeof started, "2026-11-%02dT08:00:00Z", i + 1);
    add(g, "many", i % 2 ? "visit" : "collect", started, i % 3 ? "advance" : "order", 30 + 2 * i,
        30 + i, 40, 50 + i, 40, i % 4 ? "vague_ask" : NULL, NULL);
  }
  gb_close(g);
  g = gb_open_existing(dbpath, err, sizeof err);
  assert_non_null(g);
  rep_filter f = { NULL, "many", NULL };
  rep_data d;
  long long before = gb_rows_read(g);
  assert_int_equal(rep_load(g, &f, &d, err, sizeof err), 0);
  long long read = gb_rows_read(g) - before;
  assert_int_equal(d.sessions, 30);
  if (gb_on_server(g)) assert_true(read < d.sessions);   /* 2 groups, the findings, 2 tiers */
  else assert_true(read >= d.sessions);                   /* SQLite: the ordered pass */
  gb_close(g);
  assert_int_equal(d.n_rows, 2);
  const rep_row *c = &d.rows[0], *v = &d.rows[1];
  assert_string_equal(c->scenario, "collect");
  assert_int_equal(c->attempts, 15);
  assert_int_equal(c->first, 30);
  assert_int_equal(c->latest, 86);
  assert_float_equal(c->trend, 4.0, 1e-9);
  assert_int_equal(c->versions, 1);
  assert_string_equal(v->scenario, "visit");
  assert_int_equal(v->first, 32);
  assert_int_equal(v->best, 88);
  assert_string_equal(v->latest_started, "2026-11-30T08:00:00Z");
  assert_int_equal(v->versions, 3);
  assert_int_equal(d.by_scenario[1].versions, 2);
  assert_int_equal(d.n_steps, 15);
  assert_float_equal(d.steps[0].average, 31.0, 1e-9);
  assert_int_equal(d.outcomes[0], 10);
  assert_int_equal(d.dist[3], 5);   /* 30 .. 38 */
  assert_float_equal(d.class_skill[0], (30 + 59) / 2.0, 1e-9);
  assert_float_equal(d.latest_skill[2], (78 + 79) / 2.0, 1e-9);
  rep_free(&d);
}

/* Visits the customer did not end (/quit, a program killed) and visits with hints, counted per
** row and for the class from the covering index (SQLite) or the groups (a server: the sums kept
** at write time unfiltered, the grouped sessions filtered), shown in every format and in the
** per-visit export (play-test 31: neither was marked anywhere). */
static void test_marks(void **state) {
  (void)state;
  char err[256];
  gb *g = gb_open(dbpath, err, sizeof err);
  assert_non_null(g);
  static const struct { const char *started, *ended_by; int hints; } v[] = {
    { "2026-11-24T09:00:00Z", "customer", 0 }, { "2026-11-24T10:00:00Z", "quit", 2 },
    { "2026-11-24T11:00:00Z", "killed", 0 }, { "2026-11-24T12:00:00Z", "customer", 1 },
    { "2026-11-24T13:00:00Z", NULL, 0 },   /* recorded by hand without it: not counted */
  };
  for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
    int sk[4] = { 50, 50, 50, 50 };
    json_t *j = debrief("marks", v[i].started, "advance", 50, sk, NULL, NULL);
    if (v[i].ended_by) json_object_set_new(j, "ended_by", json_string(v[i].ended_by));
    json_object_set_new(j, "hints_used", json_integer(v[i].hints));
    assert_true(gb_record(g, "mara", j, NULL, err, sizeof err) > 0);
    json_decref(j);
  }
  gb_close(g);
  rep_filter only = { NULL, "mara", NULL };
  for (int filtered = 0; filtered < 2; filtered++) {
    rep_data d;
    load(filtered ? &only : NULL, &d);
    const rep_row *r = NULL;
    for (int i = 0; i < d.n_rows; i++) if (strcmp(d.rows[i].trainee, "mara") == 0) r = &d.rows[i];
    assert_non_null(r);
    assert_int_equal(r->attempts, 5);
    assert_int_equal(r->interrupted, 2);
    assert_int_equal(r->hinted, 2);
    if (filtered) assert_true(d.interrupted == 2 && d.hinted == 2);
    else assert_true(d.interrupted >= 2 && d.hinted >= 2);
    strbuf out = {0};
    rep_render_text(&d, &out);
    assert_non_null(strstr(out.s, "advance (2 interrupted, 2 with hints)\n"));
    if (filtered) assert_non_null(strstr(out.s, "\nInterrupted visits (not ended by the customer): 2 of 5; visits with hints: 2 of 5\n"));
    out.len = 0;
    rep_render_csv(&d, &out);
    assert_non_null(strstr(out.s, "mara,marks,5,"));
    assert_non_null(strstr(out.s, ",2,2\r\n"));
    out.len = 0;
    rep_render_html(&d, &out);
    assert_non_null(strstr(out.s, "advance<br><small class=\"marks\">2 interrupted</small><br><small class=\"marks\">2 with hints</small></td>"));
    out.len = 0;
    d.lang = "zh";
    rep_render_text(&d, &out);
    assert_non_null(strstr(out.s, "（中断 2 次，用提示 2 次）\n"));
    sb_free(&out);
    rep_free(&d);
  }
  g = gb_open_existing(dbpath, err, sizeof err);
  assert_non_null(g);
  strbuf csv = {0};
  assert_int_equal(rep_export_visits(g, &only, NULL, &csv, err, sizeof err), 0);
  gb_close(g);
  assert_non_null(strstr(csv.s, ",discovery,ended_by,hints\r\n"));
  assert_non_null(strstr(csv.s, ",1,2026-11-24T09:00:00Z,advance,50,no,50,50,50,50,customer,0\r\n"));
  assert_non_null(strstr(csv.s, ",2,2026-11-24T10:00:00Z,advance,50,no,50,50,50,50,quit,2\r\n"));
  assert_non_null(strstr(csv.s, ",3,2026-11-24T11:00:00Z,advance,50,no,50,50,50,50,killed,0\r\n"));
  assert_non_null(strstr(csv.s, ",5,2026-11-24T13:00:00Z,advance,50,no,50,50,50,50,,0\r\n"));
  sb_free(&csv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_load_rows_and_class),
    cmocka_unit_test(test_tiers),
    cmocka_unit_test(test_versions),
    cmocka_unit_test(test_findings_cut), cmocka_unit_test(test_load_filters),
    cmocka_unit_test(test_filtered_findings_counts),
    cmocka_unit_test(test_migrated_version_3_reports_the_same),
    cmocka_unit_test(test_golden_report),
    cmocka_unit_test(test_tenths),
    cmocka_unit_test(test_valid_date),
    cmocka_unit_test(test_text_aligned_by_width),
    cmocka_unit_test(test_text_findings_wrap), cmocka_unit_test(test_principle_words),
    cmocka_unit_test(test_name_known),
    cmocka_unit_test(test_text_cuts_and_sanitises),
    cmocka_unit_test(test_csv),
    cmocka_unit_test(test_html),
    cmocka_unit_test(test_server_reads_groups),   /* last: these two add trainees */
    cmocka_unit_test(test_marks),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
