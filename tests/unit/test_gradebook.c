/* test_gradebook.c: the gradebook: recording, history, visit keys, refusing foreign files,
** migrating a version-1 file forward.  With GB_TEST_LOCATION set to a PostgreSQL URI holding
** "%s" (tests/e2e/gradebook_pg.sh creates one empty database per name: gbt_history, gbt_rejects,
** gbt_gen, gbt_keyed) the tests that are not about SQLite files run on that backend. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sqlite3.h>
#include "testutil_sqlite.h"

#include "gradebook.h"
#include "util.h"
#include "../tools/gb_gen.h"

static char dir[64];
static const char *pg_template;   /* GB_TEST_LOCATION, or NULL for SQLite files */

/* A fresh temporary directory per test. */
static int setup(void **state) {
  (void)state;
  pg_template = getenv("GB_TEST_LOCATION");
  if (pg_template && !*pg_template) pg_template = NULL;
  snprintf(dir, sizeof dir, "/tmp/gbtestXXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char *cmd = xasprintf("rm -rf '%s'", dir);
  int rc = system(cmd);
  free(cmd);
  return rc == 0 ? 0 : -1;
}

/* A path inside the test directory (malloc'd). */
static char *tpath(const char *name) { return xasprintf("%s/%s", dir, name); }

/* The gradebook a portable test uses (malloc'd): a file in the test directory, or on
** PostgreSQL the template with its %s replaced by the name's stem ("gen.db" -> gbt_gen). */
static char *gbpath(const char *name) {
  if (!pg_template) return tpath(name);
  const char *at = strstr(pg_template, "%s"), *dot = strchr(name, '.');
  assert_non_null(at);
  return xasprintf("%.*s%.*s%s", (int)(at - pg_template), pg_template,
                   (int)(dot ? (size_t)(dot - name) : strlen(name)), name, at + 2);
}

/* One integer from a query through the gradebook's own seam (either backend). */
static long long gb_sql_int(const char *where, const char *sql) {
  char err[256] = "";
  gb *g = gb_open_existing(where, err, sizeof err);
  assert_non_null(g);
  gb_rows *r = gb_query(g, sql, 0, NULL, err, sizeof err);
  assert_non_null(r);
  long long v = gb_step(g, r, err, sizeof err) == 1 ? gb_int(g, r, 0) : -999;
  gb_rows_free(g, r);
  gb_close(g);
  return v;
}

/* SQLite-only tests (files, pragmas) are skipped on PostgreSQL. */
#define SQLITE_ONLY() do { if (pg_template) skip(); } while (0)

/* A small debrief with chosen scores and one finding per listed rule. */
static json_t *debrief(const char *scenario, const char *started, const char *outcome, int score,
                       int commitment, const char *rule) {
  json_t *fs = json_array();
  if (rule)
    json_array_append_new(fs, json_pack("{s:s, s:i, s:i, s:s, s:s}", "rule", rule, "turn", 3,
                                        "points", -15, "message", "vague", "principle",
                                        "Name the action and the time."));
  return json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:{s:{s:i, s:o}, s:{s:i, s:[]},"
                   " s:{s:i, s:[]}, s:{s:i, s:[]}}, s:[]}",
                   "version", 1, "scenario", scenario, "started", started, "ended", started,
                   "ended_by", "customer", "outcome", outcome, "score", score, "pass", score >= 60,
                   "skills", "commitment", "score", commitment, "findings", fs,
                   "benefits", "score", 50, "findings", "tactics", "score", 60, "findings",
                   "discovery", "score", 70, "findings", "turns");
}

static void write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  fclose(f);
}

static void test_open_creates_versioned_wal_file(void **state) {
  (void)state;
  SQLITE_ONLY();
  char *p = tpath("sub/dir/gradebook.db"), err[256] = "";
  gb *g = gb_open(p, err, sizeof err);
  assert_non_null(g);
  gb_close(g);
  assert_int_equal(tu_sqlite_int(p, "PRAGMA user_version"), 7);
  assert_int_equal(tu_sqlite_int(p, "PRAGMA application_id"), 0x534c534d);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sqlite_master WHERE name='session_rules_by_rule'"), 1);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sqlite_master WHERE name='sessions_report'"), 1);
  sqlite3 *db;
  sqlite3_stmt *st;
  sqlite3_open(p, &db);
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
  free(p);
}

static void test_record_and_history(void **state) {
  (void)state;
  char *p = gbpath("history.db"), err[256] = "";
  gb *g = gb_open(p, err, sizeof err);
  assert_non_null(g);
  json_t *d1 = debrief("visit", "2026-11-20T09:00:00Z", "continuation", 41, 30, "vague_ask");
  json_t *d2 = debrief("visit", "2026-11-21T09:00:00Z", "advance", 72, 85, NULL);
  json_t *d3 = debrief("visit", "2026-11-22T09:00:00Z", "order", 90, 95, "vague_ask");
  json_t *other = debrief("other", "2026-11-22T10:00:00Z", "no_sale", 10, 5, "no_ask");
  json_t *tr = json_pack("{s:i}", "version", 1);
  /* recorded out of order: history sorts by start time */
  long long id2 = gb_record(g, "王小明", d2, tr, err, sizeof err);
  long long id1 = gb_record(g, "王小明", d1, NULL, err, sizeof err);
  long long id3 = gb_record(g, "王小明", d3, tr, err, sizeof err);
  long long id4 = gb_record(g, "bob", other, NULL, err, sizeof err);
  assert_true(id1 > 0 && id2 > 0 && id3 > 0 && id4 > 0);
  assert_int_equal(id3, id1 + 1);

  json_t *h = gb_history(g, "王小明", "visit", id3);
  assert_non_null(h);
  assert_int_equal(json_array_size(h), 2);
  json_t *a = json_array_get(h, 0), *b = json_array_get(h, 1);
  assert_string_equal(json_string_value(json_object_get(a, "started")), "2026-11-20T09:00:00Z");
  assert_string_equal(json_string_value(json_object_get(a, "outcome")), "continuation");
  assert_int_equal(json_integer_value(json_object_get(a, "score")), 41);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(a, "skills"), "commitment")), 30);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(a, "skills"), "discovery")), 70);
  assert_int_equal(json_integer_value(json_object_get(b, "score")), 72);
  json_decref(h);
  h = gb_history(g, "bob", "visit", -1);
  assert_int_equal(json_array_size(h), 0);
  json_decref(h);
  gb_close(g);

  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM findings WHERE rule='vague_ask'"), 2);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM findings WHERE skill='commitment'"), 3);
  assert_int_equal(gb_sql_int(p, "SELECT s_commitment FROM sessions WHERE score=90"), 95);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM sessions WHERE transcript IS NULL"), 2);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM rules WHERE principle='Name the action and the time.'"), 2);
  json_decref(d1); json_decref(d2); json_decref(d3); json_decref(other); json_decref(tr);
  free(p);
}

static void test_record_rejects_bad_input(void **state) {
  (void)state;
  char *p = gbpath("rejects.db"), err[256] = "";
  gb *g = gb_open(p, err, sizeof err);
  json_t *d = debrief("visit", "2026-11-20T09:00:00Z", "advance", 70, 70, NULL);
  assert_int_equal(gb_record(g, NULL, d, NULL, err, sizeof err), -1);
  assert_string_equal(err, "no trainee name (use --trainee NAME)");
  /* the debrief's own trainee is used when the caller passes none */
  json_object_set_new(d, "trainee", json_string("carol"));
  assert_true(gb_record(g, NULL, d, NULL, err, sizeof err) > 0);
  json_object_set_new(d, "outcome", json_string("maybe"));
  assert_int_equal(gb_record(g, "x", d, NULL, err, sizeof err), -1);
  assert_string_equal(err, "the debrief's outcome is missing or unknown");
  json_object_set_new(d, "outcome", json_string("order"));
  json_object_set_new(d, "score", json_integer(101));
  assert_int_equal(gb_record(g, "x", d, NULL, err, sizeof err), -1);
  assert_string_equal(err, "the debrief's score is missing or outside 0..100");
  json_object_del(d, "scenario");
  assert_int_equal(gb_record(g, "x", d, NULL, err, sizeof err), -1);
  assert_string_equal(err, "the debrief has no scenario id");
  gb_close(g);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM sessions"), 1);
  json_decref(d);
  free(p);
}

static void test_not_a_gradebook(void **state) {
  (void)state;
  SQLITE_ONLY();
  char err[512] = "", *expect;
  char *text = tpath("notes.txt");
  write_file(text, "these are my notes, not a database\n", 35);
  assert_null(gb_open(text, err, sizeof err));
  expect = xasprintf("%s is not a salesim gradebook: file is not a database", text);
  assert_string_equal(err, expect);
  free(expect);

  /* an SQLite header followed by garbage */
  char *bad = tpath("bad.db");
  char junk[8192];
  memset(junk, 0xA5, sizeof junk);
  memcpy(junk, "SQLite format 3", 16);
  write_file(bad, junk, sizeof junk);
  assert_null(gb_open(bad, err, sizeof err));
  expect = xasprintf("%s is not a salesim gradebook: ", bad);
  assert_memory_equal(err, expect, strlen(expect));
  free(expect);

  /* another program's database is refused and left exactly as it was (not switched to WAL) */
  char *foreign = tpath("foreign.db");
  sqlite3 *db;
  sqlite3_open(foreign, &db);
  sqlite3_exec(db, "CREATE TABLE invoices(id INTEGER, amount REAL)", NULL, NULL, NULL);
  sqlite3_close(db);
  assert_null(gb_open(foreign, err, sizeof err));
  expect = xasprintf("%s is not a salesim gradebook: a SQLite database of another program", foreign);
  assert_string_equal(err, expect);
  free(expect);
  assert_int_equal(tu_sqlite_int(foreign, "SELECT count(*) FROM sqlite_master"), 1);
  assert_int_equal(tu_sqlite_int(foreign, "PRAGMA user_version"), 0);

  char *d = tpath("adir");
  mkdir(d, 0755);
  assert_null(gb_open(d, err, sizeof err));
  expect = xasprintf("%s is not a salesim gradebook: it is a directory", d);
  assert_string_equal(err, expect);
  free(expect);

  char *missing = tpath("missing.db");
  assert_null(gb_open_existing(missing, err, sizeof err));
  expect = xasprintf("cannot open gradebook %s: No such file or directory", missing);
  assert_string_equal(err, expect);
  free(expect);
  assert_int_equal(access(missing, F_OK), -1);   /* the report never creates a file */
  free(text); free(bad); free(foreign); free(d); free(missing);
}

/* The version-1 schema as the first release wrote it. */
static const char v1_schema[] =
  "CREATE TABLE sessions(id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, scenario TEXT NOT NULL,"
  " title TEXT, scenario_hash TEXT, language TEXT, seed INTEGER, started TEXT NOT NULL,"
  " ended TEXT, ended_by TEXT, outcome TEXT NOT NULL, score INTEGER NOT NULL, pass INTEGER NOT NULL,"
  " s_commitment INTEGER, s_benefits INTEGER, s_tactics INTEGER, s_discovery INTEGER,"
  " hints_used INTEGER, recorded TEXT NOT NULL, debrief TEXT NOT NULL, transcript TEXT);"
  "CREATE INDEX sessions_by_trainee ON sessions(trainee, scenario, started);"
  "CREATE TABLE findings(session_id INTEGER NOT NULL REFERENCES sessions(id), skill TEXT NOT NULL,"
  " rule TEXT NOT NULL, turn INTEGER, points REAL);"
  "CREATE INDEX findings_by_session ON findings(session_id);"
  "CREATE TABLE rules(rule TEXT PRIMARY KEY, skill TEXT, principle TEXT);"
  "INSERT INTO sessions VALUES(7, 'ann', 'visit', 'T', 'h', 'en', 1, '2026-10-01T08:00:00Z',"
  " NULL, 'quit', 'no_sale', 12, 0, 10, 11, 12, 13, 0, '2026-10-01T08:10:00Z', '{}', NULL);"
  "INSERT INTO findings VALUES(7, 'commitment', 'no_ask', 0, -30);"
  "PRAGMA application_id=1397510989; PRAGMA user_version=1;";

static void test_migrates_version_1(void **state) {
  (void)state;
  SQLITE_ONLY();
  char *p = tpath("v1.db"), err[256] = "";
  sqlite3 *db;
  sqlite3_open(p, &db);
  assert_int_equal(sqlite3_exec(db, v1_schema, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(tu_sqlite_int(p, "PRAGMA user_version"), 1);

  gb *g = gb_open(p, err, sizeof err);
  assert_non_null(g);
  json_t *h = gb_history(g, "ann", "visit", -1);
  assert_int_equal(json_array_size(h), 1);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(h, 0), "id")), 7);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(h, 0), "score")), 12);
  json_decref(h);
  json_t *d = debrief("visit", "2026-11-20T09:00:00Z", "advance", 70, 70, "no_ask");
  assert_int_equal(gb_record(g, "ann", d, NULL, err, sizeof err), 8);
  json_decref(d);
  gb_close(g);
  assert_int_equal(tu_sqlite_int(p, "PRAGMA user_version"), 7);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sessions WHERE recorded_by IS NULL"), 1);
  /* version 3 counted the old row's findings per session and rule, and the new row's at write */
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM session_rules WHERE rule='no_ask' AND n=1"), 2);
  assert_int_equal(tu_sqlite_int(p, "SELECT sum(pts_sum) FROM session_rules WHERE session_id=7"), -30);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sessions WHERE recorded_by='" SALESIM_VERSION "'"), 1);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sqlite_master WHERE name IN"
                            " ('session_rules_by_rule', 'sessions_report')"), 2);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sqlite_master WHERE name IN"
                            " ('findings_by_rule', 'sessions_by_trainee')"), 0);   /* dropped by v3 */
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM findings WHERE rule='no_ask'"), 2);
  /* version 4 counted them per scenario, day and rule too: the old row's day, and the new one's */
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM rule_days WHERE scenario='visit' AND rule='no_ask'"
                            " AND n=1 AND sessions=1 AND day IN ('2026-10-01', '2026-11-20')"), 2);
  assert_int_equal(tu_sqlite_int(p, "SELECT sum(pts_sum) FROM rule_days WHERE day='2026-10-01'"), -30);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sqlite_master WHERE name='sessions_by_day'"), 1);
  /* version 5 keeps the debrief's tier members with each new session (none for the old row), and
  ** drops them when the debrief is edited by hand, so the report reads that debrief again */
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sessions WHERE tier IS NULL AND id=7"), 1);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sessions WHERE id=8 AND json_valid(tier)"), 1);
  sqlite3_open(p, &db);
  assert_int_equal(sqlite3_exec(db, "UPDATE sessions SET debrief='{}' WHERE id=8", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM sessions WHERE tier IS NULL"), 2);
  /* version 6 puts how each visit ended and its hints in the report's covering index */
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM pragma_index_info('sessions_report')"
                            " WHERE name IN ('ended_by', 'hints_used')"), 2);
  /* version 7 keeps per-trainee-and-scenario sums: the old row's, counted by the upgrade, and the
  ** new row's, added by the trigger, its score after the old one's (attempt order) */
  assert_int_equal(tu_sqlite_int(p, "SELECT count(*) FROM groups WHERE trainee='ann' AND scenario='visit'"
                            " AND n=2 AND scores='{12,70}' AND first_score=12 AND latest_id=8 AND latest_score=70"), 1);

  /* a file from a newer salesim is refused, not downgraded */
  sqlite3_open(p, &db);
  sqlite3_exec(db, "PRAGMA user_version=9", NULL, NULL, NULL);
  sqlite3_close(db);
  assert_null(gb_open(p, err, sizeof err));
  char *expect = xasprintf("%s: gradebook schema version 9 is newer than this salesim (it reads "
                           "up to 7); upgrade salesim", p);
  assert_string_equal(err, expect);
  free(expect);
  free(p);
}

static void test_default_path(void **state) {
  (void)state;
  SQLITE_ONLY();
  setenv("SALESIM_GRADEBOOK", "/srv/class/gb.db", 1);
  char *p = gb_default_path();
  assert_string_equal(p, "/srv/class/gb.db");
  free(p);
  setenv("SALESIM_GRADEBOOK", "", 1);
  setenv("XDG_DATA_HOME", "/home/t/.data", 1);
  p = gb_default_path();
  assert_string_equal(p, "/home/t/.data/salesim/gradebook.db");
  free(p);
  unsetenv("XDG_DATA_HOME");
  setenv("HOME", "/home/u", 1);
  p = gb_default_path();
  assert_string_equal(p, "/home/u/.local/share/salesim/gradebook.db");
  free(p);
  unsetenv("SALESIM_GRADEBOOK");
}

/* Generated debriefs (the tool's generator) are accepted and their findings counted. */
static void test_generated_sessions(void **state) {
  (void)state;
  char *p = gbpath("gen.db"), err[256] = "";
  gb *g = gb_open(p, err, sizeof err);
  uint64_t rng = 42;
  long findings = 0;
  for (int i = 0; i < 50; i++) {
    json_t *d = gbg_debrief(&rng, "scenario-1", "gen", i % 10 + 1, 1 + i % 28, i, 3);
    json_t *sk;
    const char *k;
    json_object_foreach(json_object_get(d, "skills"), k, sk)
      findings += (long)json_array_size(json_object_get(sk, "findings"));
    assert_true(gb_record(g, NULL, d, d, err, sizeof err) > 0);
    json_decref(d);
  }
  gb_close(g);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM sessions"), 50);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM findings"), findings);
  free(p);
}

/* A visit recorded twice under its content key (a retry after a lost answer, `salesim record`
** of a visit that was recorded after all) is one row; a changed visit gets its own key. */
static void test_keyed_record_is_idempotent(void **state) {
  (void)state;
  char *p = gbpath("keyed.db"), err[256] = "", k1[17], k2[17], k3[17];
  gb *g = gb_open(p, err, sizeof err);
  assert_non_null(g);
  json_t *d = debrief("visit", "2026-11-20T09:00:00Z", "advance", 70, 70, "no_ask");
  gb_visit_key("ann", d, k1);
  gb_visit_key("bob", d, k3);
  assert_string_not_equal(k1, k3);
  int fresh = -1;
  long long id1 = gb_record_keyed(g, k1, "ann", d, NULL, &fresh, err, sizeof err);
  assert_true(id1 > 0);
  assert_int_equal(fresh, 1);
  json_object_set_new(d, "progress", json_array());   /* added after recording: not part of the key */
  gb_visit_key("ann", d, k2);
  assert_string_equal(k1, k2);
  long long id2 = gb_record_keyed(g, k2, "ann", d, NULL, &fresh, err, sizeof err);
  assert_int_equal(id2, id1);
  assert_int_equal(fresh, 0);
  json_object_set_new(d, "score", json_integer(71));
  gb_visit_key("ann", d, k2);
  assert_string_not_equal(k1, k2);
  assert_true(gb_record_keyed(g, k2, "ann", d, NULL, &fresh, err, sizeof err) > id1);
  assert_int_equal(fresh, 1);
  json_decref(d);
  gb_close(g);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM sessions"), 2);
  assert_int_equal(gb_sql_int(p, "SELECT count(*) FROM findings"), 2);
  assert_int_equal(gb_sql_int(p, "SELECT sum(n) FROM session_rules"), 2);
  free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_open_creates_versioned_wal_file, setup, teardown),
    cmocka_unit_test_setup_teardown(test_record_and_history, setup, teardown),
    cmocka_unit_test_setup_teardown(test_record_rejects_bad_input, setup, teardown),
    cmocka_unit_test_setup_teardown(test_not_a_gradebook, setup, teardown),
    cmocka_unit_test_setup_teardown(test_migrates_version_1, setup, teardown),
    cmocka_unit_test_setup_teardown(test_default_path, setup, teardown),
    cmocka_unit_test_setup_teardown(test_generated_sessions, setup, teardown),
    cmocka_unit_test_setup_teardown(test_keyed_record_is_idempotent, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
