/*
** gb_sqlite.c: the gradebook backend for a SQLite file (gb_int.h), the default: one machine,
** every trainee able to write the file (docs/classroom.md has the trust model).
** Many trainees finish sessions at once from separate processes on one machine, so every
** connection runs in WAL mode with a busy timeout, and every write is one BEGIN IMMEDIATE
** transaction retried on SQLITE_BUSY.  The file carries an application id ("SLSM") so a
** foreign database is refused untouched, and PRAGMA user_version holds the schema version,
** migrated forward one step at a time when an older file is opened.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "gb_int.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

#define GB_APP_ID 0x534c534d        /* "SLSM" */
#define GB_BUSY_MS 30000            /* how long one statement waits for a lock */
#define GB_RETRIES 60               /* whole-transaction retries after the wait ran out */

#define DB(g) ((sqlite3 *)(g)->conn)

/* How a recording inserts its session (kept compiled per connection: insert_session). */
#define INSERT_SESSION \
  "INSERT INTO sessions(trainee, scenario, title, scenario_hash, language, seed, started, ended," \
  " ended_by, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery," \
  " hints_used, recorded, debrief, transcript, recorded_by, visit_key, tier)" \
  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"

/* Schema version 1: sessions with their scores, findings by rule, rule descriptions. */
static const char schema_v1[] =
  "CREATE TABLE sessions("
  " id INTEGER PRIMARY KEY,"
  " trainee TEXT NOT NULL,"
  " scenario TEXT NOT NULL,"
  " title TEXT,"
  " scenario_hash TEXT,"
  " language TEXT,"
  " seed INTEGER,"
  " started TEXT NOT NULL,"
  " ended TEXT,"
  " ended_by TEXT,"
  " outcome TEXT NOT NULL,"
  " score INTEGER NOT NULL,"
  " pass INTEGER NOT NULL,"
  " s_commitment INTEGER, s_benefits INTEGER, s_tactics INTEGER, s_discovery INTEGER,"
  " hints_used INTEGER,"
  " recorded TEXT NOT NULL,"
  " debrief TEXT NOT NULL,"
  " transcript TEXT);"
  "CREATE INDEX sessions_by_trainee ON sessions(trainee, scenario, started);"
  "CREATE TABLE findings("
  " session_id INTEGER NOT NULL REFERENCES sessions(id),"
  " skill TEXT NOT NULL,"
  " rule TEXT NOT NULL,"
  " turn INTEGER,"
  " points REAL);"
  "CREATE INDEX findings_by_session ON findings(session_id);"
  "CREATE TABLE rules("
  " rule TEXT PRIMARY KEY,"
  " skill TEXT,"
  " principle TEXT);";

/* Version 2: the salesim version that recorded each row (trainers upgrade mid-course), and two
** covering indexes for the class report, so its ordered pass over 100,000 sessions and its
** count of findings by rule read small indexes instead of the wide session rows. */
static const char migrate_1_to_2[] =
  "ALTER TABLE sessions ADD COLUMN recorded_by TEXT;"
  "CREATE INDEX sessions_report ON sessions(trainee, scenario, started, id, outcome, score, pass,"
  " s_commitment, s_benefits, s_tactics, s_discovery);"
  "CREATE INDEX findings_by_rule ON findings(rule, session_id, points, skill);";

/* Version 3: a key per visit (a retried or repeated record is stored once), and the findings
** counted at write time so the report's "most frequent findings" stays fast at a million
** sessions: per session and rule (session_rules, summed for a filtered report) and per rule for
** the whole gradebook (rule_totals, kept by triggers; ten rows for the unfiltered report instead
** of a pass over every finding).  Two indexes the report no longer reads are dropped, so a
** recording, which now also writes the counts and the key, stays close to its old cost. */
static const char migrate_2_to_3[] =
  "ALTER TABLE sessions ADD COLUMN visit_key TEXT;"
  "CREATE UNIQUE INDEX sessions_by_key ON sessions(visit_key);"
  "CREATE TABLE session_rules("
  " session_id INTEGER NOT NULL REFERENCES sessions(id),"
  " rule TEXT NOT NULL,"
  " skill TEXT,"
  " n INTEGER NOT NULL,"
  " pts_n INTEGER NOT NULL,"
  " pts_sum REAL);"
  "CREATE TABLE rule_totals("
  " rule TEXT PRIMARY KEY,"
  " skill TEXT,"
  " n INTEGER NOT NULL,"
  " sessions INTEGER NOT NULL,"
  " pts_n INTEGER NOT NULL,"
  " pts_sum REAL);"
  "CREATE TRIGGER session_rules_add AFTER INSERT ON session_rules BEGIN"
  " INSERT INTO rule_totals VALUES (NEW.rule, NEW.skill, NEW.n, 1, NEW.pts_n, NEW.pts_sum)"
  " ON CONFLICT(rule) DO UPDATE SET n = n + excluded.n, sessions = sessions + 1,"
  " pts_n = pts_n + excluded.pts_n, pts_sum = coalesce(pts_sum, 0) + coalesce(excluded.pts_sum, 0),"
  " skill = min(skill, excluded.skill);"
  " END;"
  "CREATE TRIGGER session_rules_remove AFTER DELETE ON session_rules BEGIN"
  " UPDATE rule_totals SET n = n - OLD.n, sessions = sessions - 1, pts_n = pts_n - OLD.pts_n,"
  " pts_sum = pts_sum - coalesce(OLD.pts_sum, 0) WHERE rule = OLD.rule;"
  " END;"
  "INSERT INTO session_rules SELECT session_id, rule, min(skill), count(*), count(points),"
  " sum(points) FROM findings GROUP BY session_id, rule ORDER BY session_id, rule;"
  "CREATE INDEX session_rules_by_rule ON session_rules(rule, session_id, n, pts_n, pts_sum, skill);"
  "CREATE INDEX session_rules_by_session ON session_rules(session_id);"
  /* what the report no longer reads, so a recording writes no page for it: findings are
  ** counted from session_rules, and sessions_report serves every lookup by trainee */
  "DROP INDEX findings_by_rule;"
  "DROP INDEX sessions_by_trainee;";

/* Version 4: the class report under a second at a million sessions in every form.  The report's
** index also carries the two columns its ordered pass had come to read from the wide rows (the
** scenario file's hash, for the note on a file edited mid-class, and the session's language, for
** the report's own), so the pass reads the index alone: 3.2 s -> 0.54 s at a million; and the
** findings are counted per scenario, day and rule (rule_days, kept by triggers like
** rule_totals), so a report filtered by scenario or start date sums a thousand rows instead of
** every matching session's counts.  A --since with a time of day counts its first day from the
** sessions (sessions_by_day finds them); rule_days holds the days after it. */
static const char migrate_3_to_4[] =
  "DROP INDEX sessions_report;"
  "CREATE INDEX sessions_report ON sessions(trainee, scenario, started, id, outcome, score, pass,"
  " s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language);"
  "CREATE INDEX sessions_by_day ON sessions(substr(started, 1, 10), scenario, started);"
  "CREATE TABLE rule_days("
  " scenario TEXT NOT NULL,"
  " day TEXT NOT NULL,"            /* substr(started, 1, 10) of the sessions counted */
  " rule TEXT NOT NULL,"
  " skill TEXT,"
  " n INTEGER NOT NULL,"
  " sessions INTEGER NOT NULL,"
  " pts_n INTEGER NOT NULL,"
  " pts_sum REAL,"
  " PRIMARY KEY (scenario, day, rule)) WITHOUT ROWID;"
  "CREATE TRIGGER session_rules_add_day AFTER INSERT ON session_rules BEGIN"
  " INSERT INTO rule_days SELECT scenario, substr(started, 1, 10), NEW.rule, NEW.skill, NEW.n, 1,"
  " NEW.pts_n, NEW.pts_sum FROM sessions WHERE id = NEW.session_id"
  " ON CONFLICT(scenario, day, rule) DO UPDATE SET n = n + excluded.n, sessions = sessions + 1,"
  " pts_n = pts_n + excluded.pts_n, pts_sum = coalesce(pts_sum, 0) + coalesce(excluded.pts_sum, 0),"
  " skill = min(skill, excluded.skill);"
  " END;"
  "CREATE TRIGGER session_rules_remove_day AFTER DELETE ON session_rules BEGIN"
  " UPDATE rule_days SET n = n - OLD.n, sessions = sessions - 1, pts_n = pts_n - OLD.pts_n,"
  " pts_sum = pts_sum - coalesce(OLD.pts_sum, 0) WHERE rule = OLD.rule"
  " AND (scenario, day) = (SELECT scenario, substr(started, 1, 10) FROM sessions WHERE id = OLD.session_id);"
  " END;"
  "INSERT INTO rule_days SELECT s.scenario, substr(s.started, 1, 10), r.rule, min(r.skill), sum(r.n),"
  " count(*), sum(r.pts_n), sum(r.pts_sum) FROM session_rules AS r JOIN sessions AS s ON s.id = r.session_id"
  " GROUP BY 1, 2, 3;";

/* Version 5: the debrief's tier members kept with each session (gradebook.c, tier_json), which
** the report reads instead of the whole debrief; a debrief edited by hand drops them, so the
** report reads that debrief again.  (PostgreSQL's version 5 also keeps per-trainee-and-scenario
** sums for its grouped report, gb_pg.c; this file's ordered pass reads its covering index, under
** a second at a million sessions without them, so recording here pays for no such table.) */
static const char migrate_4_to_5[] =
  "ALTER TABLE sessions ADD COLUMN tier TEXT;"
  "CREATE TRIGGER sessions_debrief_edited AFTER UPDATE OF debrief ON sessions"
  " WHEN NEW.debrief IS NOT OLD.debrief AND NEW.tier IS OLD.tier BEGIN"
  " UPDATE sessions SET tier = NULL WHERE id = NEW.id;"
  " END;";

/* Version 6: how each visit ended and whether it used hints, in the report's covering index, so
** the ordered pass counts each trainee's interrupted visits (ended_by other than "customer": the
** trainee's /quit, Ctrl-C, the end of a script, a closed terminal, the turn limit, a program
** killed mid-visit) and visits with hints, and the per-visit export shows both, without reading
** the wide rows (play-test 31).  No row changes: the index is built again with two more columns. */
static const char migrate_5_to_6[] =
  "DROP INDEX sessions_report;"
  "CREATE INDEX sessions_report ON sessions(trainee, scenario, started, id, outcome, score, pass,"
  " s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language, ended_by, hints_used);";

/* Version 7: per-trainee-and-scenario sums kept at write time, as PostgreSQL's version 5 keeps
** them (gb_pg.c, same table and columns), so the unfiltered class report reads one row per group
** (6,000 at a million sessions) instead of its ordered pass over a million index entries, which
** had come to take 0.7 s of CPU alone, 1.3-2 s of wall time on a loaded machine (issue 17).  A
** filtered report still runs the pass over its sessions.  Triggers keep the sums, so every writer
** keeps them (a recording, SQL by hand), in the visit's own transaction: a visit recorded after
** its group's latest (a recording, always but for a clock set back) is added to the sums and its
** score appended to the scores; anything else (a new group, a visit that starts before its
** group's latest, an UPDATE or DELETE by hand) counts the groups it touched again from their
** sessions (SQ_GROUP_AT, three index lookups and two passes over the group's entries).  One
** writer at a time holds the file, so no lock of ours is needed. */

/* The sums of the groups of the sessions WHERE selects, counted from their sessions as the
** report's ordered pass counts them: the empty hash is no hash, a missing language the reference
** one, the scores "{s1,s2,...}" in attempt order (start time, then id: the ORDER BY of a FROM
** subquery is kept for an order-sensitive aggregate such as group_concat, and the report checks
** each list's ends against the first and latest attempts). */
#define SQ_ONE(COL, DESC) \
  " (SELECT " COL " FROM sessions AS x WHERE x.trainee = s.trainee AND x.scenario = s.scenario" \
  " ORDER BY x.started" DESC ", x.id" DESC " LIMIT 1),"
#define SQ_GROUP_OF(WHERE) \
  " SELECT s.trainee, s.scenario, count(*), sum(pass <> 0)," \
  " coalesce(sum(s_commitment), 0), coalesce(sum(s_benefits), 0), coalesce(sum(s_tactics), 0)," \
  " coalesce(sum(s_discovery), 0), count(s_commitment), count(s_benefits), count(s_tactics)," \
  " count(s_discovery), sum(outcome = 'order'), sum(outcome = 'advance'), sum(outcome = 'continuation')," \
  " sum(outcome = 'no_sale'), min(nullif(scenario_hash, '')), max(nullif(scenario_hash, ''))," \
  " min(coalesce(language, '')), max(coalesce(language, '')), min(id)," \
  SQ_ONE("started", "") SQ_ONE("score", "") SQ_ONE("id", " DESC") SQ_ONE("score", " DESC") \
  SQ_ONE("outcome", " DESC") SQ_ONE("started", " DESC") SQ_ONE("s_commitment", " DESC") \
  SQ_ONE("s_benefits", " DESC") SQ_ONE("s_tactics", " DESC") SQ_ONE("s_discovery", " DESC") \
  " (SELECT '{' || group_concat(score, ',') || '}' FROM (SELECT score FROM sessions AS x" \
  "  WHERE x.trainee = s.trainee AND x.scenario = s.scenario ORDER BY x.started, x.id))," \
  SQ_ONE("tier", " DESC") \
  " sum(coalesce(ended_by, 'customer') <> 'customer'), sum(coalesce(hints_used, 0) > 0)" \
  " FROM sessions AS s WHERE " WHERE " GROUP BY s.trainee, s.scenario;"
#define SQ_OF(ROW) "trainee = " ROW ".trainee AND scenario = " ROW ".scenario"
/* The same for the one group of a trigger's ROW (NEW or OLD), when WHEN holds: its first and
** latest attempts and its scores read once each rather than a lookup per column.  A trigger's
** statements are compiled with every statement that fires it (each recording's INSERT), and
** SQ_GROUP_OF's twelve lookups took twice a recording's own instructions to compile. */
#define SQ_GROUP_AT(ROW, WHEN) \
  " SELECT " ROW ".trainee, " ROW ".scenario, g.n, g.passed, g.k0, g.k1, g.k2, g.k3, g.c0, g.c1, g.c2, g.c3," \
  " g.o0, g.o1, g.o2, g.o3, g.h_min, g.h_max, g.l_min, g.l_max, g.min_id, f.started, f.score, l.id, l.score," \
  " l.outcome, l.started, l.s_commitment, l.s_benefits, l.s_tactics, l.s_discovery, c.scores, l.tier, g.ni, g.nh" \
  " FROM (SELECT count(*) AS n, sum(pass <> 0) AS passed, coalesce(sum(s_commitment), 0) AS k0," \
  "  coalesce(sum(s_benefits), 0) AS k1, coalesce(sum(s_tactics), 0) AS k2, coalesce(sum(s_discovery), 0) AS k3," \
  "  count(s_commitment) AS c0, count(s_benefits) AS c1, count(s_tactics) AS c2, count(s_discovery) AS c3," \
  "  sum(outcome = 'order') AS o0, sum(outcome = 'advance') AS o1, sum(outcome = 'continuation') AS o2," \
  "  sum(outcome = 'no_sale') AS o3, min(nullif(scenario_hash, '')) AS h_min, max(nullif(scenario_hash, '')) AS h_max," \
  "  min(coalesce(language, '')) AS l_min, max(coalesce(language, '')) AS l_max, min(id) AS min_id," \
  "  sum(coalesce(ended_by, 'customer') <> 'customer') AS ni, sum(coalesce(hints_used, 0) > 0) AS nh" \
  "  FROM sessions WHERE " SQ_OF(ROW) ") AS g," \
  " (SELECT started, score FROM sessions WHERE " SQ_OF(ROW) " ORDER BY started, id LIMIT 1) AS f," \
  " (SELECT id, score, outcome, started, s_commitment, s_benefits, s_tactics, s_discovery, tier FROM sessions" \
  "  WHERE " SQ_OF(ROW) " ORDER BY started DESC, id DESC LIMIT 1) AS l," \
  " (SELECT '{' || group_concat(score, ',') || '}' AS scores FROM (SELECT score FROM sessions" \
  "  WHERE " SQ_OF(ROW) " ORDER BY started, id)) AS c WHERE " WHEN ";"

static const char migrate_6_to_7[] =
  "CREATE TABLE groups("
  " trainee TEXT NOT NULL, scenario TEXT NOT NULL, n INTEGER NOT NULL, passed INTEGER NOT NULL,"
  " sum_commitment INTEGER NOT NULL, sum_benefits INTEGER NOT NULL, sum_tactics INTEGER NOT NULL,"
  " sum_discovery INTEGER NOT NULL, n_commitment INTEGER NOT NULL, n_benefits INTEGER NOT NULL,"
  " n_tactics INTEGER NOT NULL, n_discovery INTEGER NOT NULL, n_order INTEGER NOT NULL,"
  " n_advance INTEGER NOT NULL, n_continuation INTEGER NOT NULL, n_no_sale INTEGER NOT NULL,"
  " hash_min TEXT, hash_max TEXT, lang_min TEXT NOT NULL, lang_max TEXT NOT NULL, min_id INTEGER NOT NULL,"
  " first_started TEXT NOT NULL, first_score INTEGER NOT NULL, latest_id INTEGER NOT NULL,"
  " latest_score INTEGER NOT NULL, latest_outcome TEXT NOT NULL, latest_started TEXT NOT NULL,"
  " latest_commitment INTEGER, latest_benefits INTEGER, latest_tactics INTEGER, latest_discovery INTEGER,"
  " scores TEXT NOT NULL, latest_tier TEXT, n_interrupted INTEGER NOT NULL, n_hinted INTEGER NOT NULL,"
  " PRIMARY KEY (trainee, scenario));"
  "CREATE TRIGGER sessions_group_add AFTER INSERT ON sessions BEGIN"
  /* after the group's latest attempt: added to the sums */
  " UPDATE groups SET n = n + 1, passed = passed + (NEW.pass <> 0),"
  "  sum_commitment = sum_commitment + coalesce(NEW.s_commitment, 0),"
  "  sum_benefits = sum_benefits + coalesce(NEW.s_benefits, 0),"
  "  sum_tactics = sum_tactics + coalesce(NEW.s_tactics, 0),"
  "  sum_discovery = sum_discovery + coalesce(NEW.s_discovery, 0),"
  "  n_commitment = n_commitment + (NEW.s_commitment IS NOT NULL),"
  "  n_benefits = n_benefits + (NEW.s_benefits IS NOT NULL),"
  "  n_tactics = n_tactics + (NEW.s_tactics IS NOT NULL),"
  "  n_discovery = n_discovery + (NEW.s_discovery IS NOT NULL),"
  "  n_order = n_order + (NEW.outcome = 'order'), n_advance = n_advance + (NEW.outcome = 'advance'),"
  "  n_continuation = n_continuation + (NEW.outcome = 'continuation'),"
  "  n_no_sale = n_no_sale + (NEW.outcome = 'no_sale'),"
  /* min and max of two values are NULL when either is: a NULL is no hash, so it takes the other */
  "  hash_min = min(coalesce(hash_min, nullif(NEW.scenario_hash, '')), coalesce(nullif(NEW.scenario_hash, ''), hash_min)),"
  "  hash_max = max(coalesce(hash_max, nullif(NEW.scenario_hash, '')), coalesce(nullif(NEW.scenario_hash, ''), hash_max)),"
  "  lang_min = min(lang_min, coalesce(NEW.language, '')), lang_max = max(lang_max, coalesce(NEW.language, '')),"
  "  min_id = min(min_id, NEW.id), latest_id = NEW.id, latest_score = NEW.score, latest_outcome = NEW.outcome,"
  "  latest_started = NEW.started, latest_commitment = NEW.s_commitment, latest_benefits = NEW.s_benefits,"
  "  latest_tactics = NEW.s_tactics, latest_discovery = NEW.s_discovery, latest_tier = NEW.tier,"
  "  scores = substr(scores, 1, length(scores) - 1) || ',' || NEW.score || '}',"
  "  n_interrupted = n_interrupted + (coalesce(NEW.ended_by, 'customer') <> 'customer'),"
  "  n_hinted = n_hinted + (coalesce(NEW.hints_used, 0) > 0)"
  "  WHERE " SQ_OF("NEW") " AND (latest_started, latest_id) < (NEW.started, NEW.id);"
  /* before it: counted again, as a new group is */
  " DELETE FROM groups WHERE " SQ_OF("NEW") " AND (latest_started, latest_id) > (NEW.started, NEW.id);"
  " INSERT INTO groups" SQ_GROUP_AT("NEW", "NOT EXISTS (SELECT 1 FROM groups WHERE " SQ_OF("NEW") ")")
  " END;"
  "CREATE TRIGGER sessions_group_change AFTER UPDATE OF id, trainee, scenario, started, outcome, score, pass,"
  " s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language, ended_by, hints_used, tier"
  " ON sessions BEGIN"
  " DELETE FROM groups WHERE " SQ_OF("OLD") ";"
  " INSERT INTO groups" SQ_GROUP_AT("OLD", "1")
  " DELETE FROM groups WHERE " SQ_OF("NEW") ";"
  " INSERT INTO groups" SQ_GROUP_AT("NEW", "1")
  " END;"
  "CREATE TRIGGER sessions_group_remove AFTER DELETE ON sessions BEGIN"
  " DELETE FROM groups WHERE " SQ_OF("OLD") ";"
  " INSERT INTO groups" SQ_GROUP_AT("OLD", "1")
  " END;"
  "INSERT INTO groups" SQ_GROUP_OF("1");

static const char *const migrations[] = { NULL, migrate_1_to_2, migrate_2_to_3, migrate_3_to_4, migrate_4_to_5,
                                          migrate_5_to_6, migrate_6_to_7 };
_Static_assert(sizeof migrations / sizeof *migrations == GB_VERSION, "migrations[] and GB_VERSION differ");

/* SQLite's message, except for a full disk, which it may report as "disk I/O error" (the
** shared-memory file could not grow): say what the trainer can act on. */
static const char *db_error(sqlite3 *db) {
  if (!db) return msg_text(MSG_CLI_LANG, "cli.sqlite.no_memory");
  int code = sqlite3_errcode(db);
  int full = sqlite3_system_errno(db) == ENOSPC;
  const char *file = sqlite3_db_filename(db, "main");
  struct statvfs vfs;
  if (!full && (code == SQLITE_IOERR || code == SQLITE_FULL) && file && *file) {
    char *dir = xstrdup(file), *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    full = statvfs(slash ? (*dir ? dir : "/") : ".", &vfs) == 0 && vfs.f_bavail == 0;
    free(dir);
  }
  if (full) return msg_text(MSG_CLI_LANG, "cli.sqlite.disk_full");
  return sqlite3_errmsg(db);
}

/* Writes "PATH is not a salesim gradebook: WHY" into err. */
static void not_gradebook(char *err, size_t errlen, const char *path, const char *why) {
  msg_snprint(err, errlen, "cli.sqlite.not_gradebook", "path", path, "why", why, NULL);
}

/* Runs one pragma or query that returns a single integer; -1 with err on failure. */
static int query_int(sqlite3 *db, const char *sql, long long *out) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) { *out = sqlite3_column_int64(st, 0); rc = SQLITE_OK; }
    else if (rc == SQLITE_DONE) { *out = 0; rc = SQLITE_OK; }
  }
  sqlite3_finalize(st);
  return rc;
}


/* sql run again, with a growing pause, while another writer holds the lock beyond the busy
** timeout: SQLITE_BUSY, and SQLITE_LOCKED too when also_locked is set. */
static int exec_retried(sqlite3 *db, const char *sql, int also_locked) {
  int rc = SQLITE_BUSY;
  for (int i = 0; i < GB_RETRIES; i++) {
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_BUSY && !(also_locked && rc == SQLITE_LOCKED)) return rc;
    gb_backoff(i);
  }
  return rc;
}

/* BEGIN IMMEDIATE, retried while another writer holds the lock. */
static int begin_immediate(sqlite3 *db) { return exec_retried(db, "BEGIN IMMEDIATE", 1); }

/* COMMIT, retried on SQLITE_BUSY (the transaction stays open until it succeeds). */
static int commit(sqlite3 *db) { return exec_retried(db, "COMMIT", 0); }

/* Ends an open transaction without its changes (a no-op outside one). */
static void rollback(sqlite3 *db) {
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Creates the schema in a fresh file or migrates an older one, inside one write transaction
** (so fifty processes opening a new gradebook at once create it exactly once). */
static int init_schema(gb *g, char *err, size_t errlen) {
  sqlite3 *db = DB(g);
  int rc = begin_immediate(db);
  if (rc != SQLITE_OK) {
    msg_snprint(err, errlen, "cli.sqlite.lock", "path", g->label, "error", db_error(db), NULL);
    return -1;
  }
  long long ver = 0, app = 0, tables = 0;
  if (query_int(db, "PRAGMA user_version", &ver) != SQLITE_OK ||
      query_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
      query_int(db, "SELECT count(*) FROM sqlite_master", &tables) != SQLITE_OK) {
    not_gradebook(err, errlen, g->label, db_error(db));
    rollback(db);
    return -1;
  }
  if (ver == 0 && app == 0 && tables == 0) {
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=1", GB_APP_ID);
    if (sqlite3_exec(db, schema_v1, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) goto fail;
    ver = 1;
  } else if (app != GB_APP_ID) {
    not_gradebook(err, errlen, g->label, msg_text(MSG_CLI_LANG, "cli.sqlite.foreign"));
    rollback(db);
    return -1;
  }
  if (ver > GB_VERSION) {
    char v[24], max[24];
    snprintf(v, sizeof v, "%lld", ver);
    snprintf(max, sizeof max, "%d", GB_VERSION);
    msg_snprint(err, errlen, "cli.sqlite.newer", "path", g->label, "version", v, "max", max, NULL);
    rollback(db);
    return -1;
  }
  for (; ver < GB_VERSION; ver++) {
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%lld", ver + 1);
    if (sqlite3_exec(db, migrations[ver], NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) goto fail;
  }
  if (commit(db) != SQLITE_OK) goto fail;
  return 0;
fail:
  msg_snprint(err, errlen, "cli.sqlite.setup", "path", g->label, "error", db_error(db), NULL);
  rollback(db);
  return -1;
}

/* Reads the application id, schema version and table count in one read transaction, so a
** gradebook being created by another process at this very moment is seen either empty or
** complete, never half-made.  Returns SQLITE_OK or the error code. */
static int inspect(sqlite3 *db, long long *app, long long *ver, long long *tables) {
  int rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = query_int(db, "PRAGMA application_id", app);
  if (rc == SQLITE_OK) rc = query_int(db, "PRAGMA user_version", ver);
  if (rc == SQLITE_OK) rc = query_int(db, "SELECT count(*) FROM sqlite_master", tables);
  int code = rc == SQLITE_OK ? rc : sqlite3_errcode(db);
  rollback(db);
  return code;
}

/* Runs a journal_mode pragma; returns SQLITE_OK and the mode in out[16], or the error code. */
static int journal_mode(sqlite3 *db, const char *sql, char out[16]) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      snprintf(out, 16, "%s", (const char *)sqlite3_column_text(st, 0));
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(st);
  return rc;
}

/* Puts the file in WAL mode (persistent, so usually only its creator does it).  Changing the
** mode needs an exclusive lock and SQLite may answer "locked" without waiting while fifty
** processes open a new gradebook at once, so it is retried with a pause. */
static int set_wal(sqlite3 *db) {
  char mode[16] = "";
  if (journal_mode(db, "PRAGMA journal_mode", mode) == SQLITE_OK && strcmp(mode, "wal") == 0)
    return 0;
  for (int i = 0; i < GB_RETRIES * 4; i++) {
    int rc = journal_mode(db, "PRAGMA journal_mode=WAL", mode);
    if (rc == SQLITE_OK && strcmp(mode, "wal") == 0) return 0;
    if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) return -1;
    gb_backoff(i);
  }
  return -1;
}

/* Creates the file with mode 0666 less the umask, so a trainer's `umask 002` in a shared
** group directory gives a gradebook the whole class can write (SQLite alone would use 0644). */
static void precreate(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (fd >= 0) close(fd);
}

/* Opens the database and checks it is a gradebook (gb_backend.open). */
static int sq_open(gb *g, int create, char *err, size_t errlen) {
  const char *path = g->where;
  struct stat st;
  int exists = stat(path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    not_gradebook(err, errlen, path, msg_text(MSG_CLI_LANG, "cli.sqlite.is_dir"));
    return -1;
  }
  if (exists && !S_ISREG(st.st_mode)) {   /* a FIFO would hang SQLite's first read */
    not_gradebook(err, errlen, path, msg_text(MSG_CLI_LANG, "cli.sqlite.not_regular"));
    return -1;
  }
  if (exists) util_note_input(path);   /* never overwritten by this run's -o or --transcript */
  if (!exists && !create) {
    msg_snprint(err, errlen, "cli.sqlite.open", "path", path, "error", strerror(ENOENT), NULL);
    return -1;
  }
  if (!exists) {
    const char *slash = strrchr(path, '/');
    if (slash && slash != path) {
      char *dir = xstrndup(path, (size_t)(slash - path));
      int rc = util_mkdirs(dir, 0777);
      if (rc != 0) msg_snprint(err, errlen, "cli.sqlite.mkdir", "path", dir, "error", strerror(errno), NULL);
      free(dir);
      if (rc != 0) return -1;
    }
    precreate(path);
  }
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;   /* one thread per connection */
  int rc = sqlite3_open_v2(path, &db, flags, NULL);
  if (rc != SQLITE_OK && !create) {
    /* a trainer may only be able to read a copied gradebook */
    sqlite3_close(db);
    db = NULL;
    g->readonly = 1;
    rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  }
  g->conn = db;
  if (rc != SQLITE_OK) {
    msg_snprint(err, errlen, "cli.sqlite.open", "path", path, "error", db ? db_error(db) : sqlite3_errstr(rc), NULL);
    return -1;
  }
  if (!g->readonly && sqlite3_db_readonly(db, "main") == 1) {
    /* SQLite quietly opens a file this user may not write read-only */
    if (create) {
      msg_snprint(err, errlen, "cli.sqlite.denied", "path", path, NULL);
      return -1;
    }
    g->readonly = 1;
  }
  sqlite3_busy_timeout(db, GB_BUSY_MS);
  sqlite3_extended_result_codes(db, 0);
  /* Look before touching: a file that is not ours must be left exactly as it was. */
  long long app = 0, ver = 0, tables = 0;
  rc = inspect(db, &app, &ver, &tables);
  if (rc != SQLITE_OK && (g->readonly || !create)) {
    /* (also a writable gradebook in a folder the reader cannot write: no -shm can be made) */
    g->readonly = 1;
    /* A WAL file this user cannot write cannot be read through shared memory either; with no
    ** writer active (no -wal file) the main file alone is the whole gradebook. */
    char *wal = xasprintf("%s-wal", path);
    int idle = access(wal, F_OK) != 0;
    free(wal);
    if (idle) {
      sqlite3_close(db);
      g->conn = db = NULL;
      char *uri = sqlite3_mprintf("file:%s?immutable=1", path);
      rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
      sqlite3_free(uri);
      g->conn = db;
      if (rc == SQLITE_OK) rc = inspect(db, &app, &ver, &tables);
    }
  }
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) not_gradebook(err, errlen, path, sqlite3_errstr(rc));
    else msg_snprint(err, errlen, "cli.sqlite.open", "path", path, "error", db ? db_error(db) : sqlite3_errstr(rc), NULL);
    return -1;
  }
  if (app != GB_APP_ID && !(app == 0 && ver == 0 && tables == 0)) {
    not_gradebook(err, errlen, path, msg_text(MSG_CLI_LANG, "cli.sqlite.foreign"));
    return -1;
  }
  if (g->readonly) {
    if (ver != GB_VERSION) {
      char v[24];
      snprintf(v, sizeof v, "%lld", ver);
      msg_snprint(err, errlen, "cli.sqlite.upgrade_readonly", "path", path, "version", v, NULL);
      return -1;
    }
    return 0;
  }
  if (set_wal(db) != 0) {
    msg_snprint(err, errlen, "cli.sqlite.wal", "path", path, "error", db_error(db), NULL);
    return -1;
  }
  sqlite3_exec(db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
  /* the write lock for creating or migrating is taken only when there is work to do */
  if (ver != GB_VERSION && init_schema(g, err, errlen) != 0) return -1;
  return 0;
}

/* Closes the connection; SQLite checkpoints and removes the -wal file when it is the last. */
static void sq_close(gb *g) {
  /* the kept insert (insert_session) first: SQLite closes no connection with statements left */
  for (sqlite3_stmt *st = DB(g) ? sqlite3_next_stmt(DB(g), NULL) : NULL, *next; st; st = next) {
    next = sqlite3_next_stmt(DB(g), st);
    if (strcmp(sqlite3_sql(st), INSERT_SESSION) == 0) sqlite3_finalize(st);
  }
  sqlite3_close(DB(g));
  g->conn = NULL;
}

/* {=== recording */

static void bind_text(sqlite3_stmt *st, int i, const char *s) {
  if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, i);
}

static void bind_opt(sqlite3_stmt *st, int i, gb_opt v) {
  if (v.set) sqlite3_bind_int64(st, i, v.v);
  else sqlite3_bind_null(st, i);
}

/* Runs one prepared statement to its end; SQLITE_OK or the error code. */
static int run(sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The finding rows, the per-session rule counts and the rules' principles of session id. */
static int insert_findings(sqlite3 *db, long long id, const gb_visit *v) {
  sqlite3_stmt *ins = NULL, *rule = NULL, *agg = NULL;
  int rc = sqlite3_prepare_v2(db, "INSERT INTO findings(session_id, skill, rule, turn, points) "
                              "VALUES (?,?,?,?,?)", -1, &ins, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(db, "INSERT INTO rules(rule, skill, principle) VALUES (?,?,?) "
                            "ON CONFLICT(rule) DO UPDATE SET skill=excluded.skill, "
                            "principle=coalesce(excluded.principle, principle)", -1, &rule, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(db, "INSERT INTO session_rules(session_id, rule, skill, n, pts_n, pts_sum)"
                            " SELECT session_id, rule, min(skill), count(*), count(points), sum(points)"
                            " FROM findings WHERE session_id = ? GROUP BY session_id, rule ORDER BY rule", -1, &agg, NULL);
  for (int i = 0; rc == SQLITE_OK && i < v->n_findings; i++) {
    const gb_finding *f = &v->findings[i];
    sqlite3_bind_int64(ins, 1, id);
    bind_text(ins, 2, f->skill);
    bind_text(ins, 3, f->rule);
    bind_opt(ins, 4, f->turn);
    if (f->has_points) sqlite3_bind_double(ins, 5, f->points);
    else sqlite3_bind_null(ins, 5);
    rc = run(ins);
    if (rc != SQLITE_OK) break;
    bind_text(rule, 1, f->rule);
    bind_text(rule, 2, f->skill);
    bind_text(rule, 3, f->principle);
    rc = run(rule);
  }
  if (rc == SQLITE_OK && v->n_findings) {
    sqlite3_bind_int64(agg, 1, id);
    rc = run(agg);
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(rule);
  sqlite3_finalize(agg);
  return rc;
}

/* The session insert, compiled once per connection and kept until sq_close (found again among
** the connection's statements by its text).  Compiling it compiles the triggers it fires, the
** per-group sums' among them (version 7), which cost more instructions than the recording
** itself: a writer of many visits (a `salesim record` of many files, the benchmarks' gb_writer)
** pays for it once.  Reset, its values cleared; SQLITE_OK in *rc, else NULL. */
static sqlite3_stmt *insert_session(sqlite3 *db, int *rc) {
  for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s)) {
    if (strcmp(sqlite3_sql(s), INSERT_SESSION) != 0) continue;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    *rc = SQLITE_OK;
    return s;
  }
  sqlite3_stmt *s = NULL;
  *rc = sqlite3_prepare_v3(db, INSERT_SESSION, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
  return *rc == SQLITE_OK ? s : NULL;
}

/* One attempt at the whole write; SQLITE_BUSY means "try the transaction again". */
static int record_once(gb *g, const gb_visit *v, long long *id, int *fresh, char *err, size_t errlen) {
  sqlite3 *db = DB(g);
  sqlite3_stmt *key = NULL;
  /* compiled before the write lock is taken, so other writers need not wait for it */
  int rc;
  sqlite3_stmt *st = insert_session(db, &rc);
  if (rc == SQLITE_OK) rc = begin_immediate(db);
  if (rc != SQLITE_OK) goto fail;
  /* the same visit recorded again (a retry, `salesim record` after all) is one row */
  rc = sqlite3_prepare_v2(db, "SELECT id FROM sessions WHERE visit_key = ?", -1, &key, NULL);
  if (rc != SQLITE_OK) goto fail;
  bind_text(key, 1, v->key);
  rc = sqlite3_step(key);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(key, 0);
    *fresh = 0;
    sqlite3_finalize(key);
    rollback(db);
    return SQLITE_OK;
  }
  sqlite3_finalize(key);
  if (rc != SQLITE_DONE) goto fail;
  const char *const texts[] = { v->trainee, v->scenario, v->title, v->scenario_hash, v->language };
  for (int i = 0; i < 5; i++) bind_text(st, 1 + i, texts[i]);
  bind_opt(st, 6, v->seed);
  bind_text(st, 7, v->started);
  bind_text(st, 8, v->ended);
  bind_text(st, 9, v->ended_by);
  bind_text(st, 10, v->outcome);
  bind_opt(st, 11, v->score);
  sqlite3_bind_int(st, 12, v->pass);
  for (int i = 0; i < GB_SKILLS; i++) bind_opt(st, 13 + i, v->skill[i]);
  bind_opt(st, 17, v->hints);
  bind_text(st, 18, v->recorded);
  bind_text(st, 19, v->debrief);
  bind_text(st, 20, v->transcript);
  bind_text(st, 21, v->recorded_by);
  bind_text(st, 22, v->key);
  bind_text(st, 23, v->tier);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) goto fail;
  *id = sqlite3_last_insert_rowid(db);
  *fresh = 1;
  if (insert_findings(db, *id, v) != SQLITE_OK) {
    rc = sqlite3_errcode(db);
    goto fail;
  }
  rc = commit(db);
  if (rc == SQLITE_OK) return rc;
fail:
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) rc = SQLITE_ERROR;
  msg_snprint(err, errlen, "cli.sqlite.record", "path", g->label, "error", db_error(db), NULL);
  if (st) sqlite3_reset(st);
  rollback(db);
  return rc;
}

/* Records one visit, retrying the whole transaction while other writers hold the lock. */
static int sq_record(gb *g, const gb_visit *v, long long *id, int *fresh, char *err, size_t errlen) {
  int rc = SQLITE_BUSY;
  for (int i = 0; i < GB_RETRIES && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); i++) {
    rc = record_once(g, v, id, fresh, err, errlen);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) gb_backoff(i);
  }
  return rc == SQLITE_OK ? 0 : -1;
}
/* }=== */

/* {=== reading */

struct gb_rows { sqlite3_stmt *st; sqlite3 *db; };

/* "$1" -> "?1": the shared queries' parameters in SQLite's numbered form. */
static char *numbered_params(const char *sql) {
  char *s = xstrdup(sql);
  for (char *p = s; *p; p++)
    if (*p == '$' && p[1] >= '0' && p[1] <= '9') *p = '?';
  return s;
}

static int sq_begin_read(gb *g, char *err, size_t errlen) {
  if (sqlite3_exec(DB(g), "BEGIN", NULL, NULL, NULL) == SQLITE_OK) return 0;
  snprintf(err, errlen, "%s", db_error(DB(g)));
  return -1;
}

static void sq_end_read(gb *g) {
  if (!sqlite3_get_autocommit(DB(g))) sqlite3_exec(DB(g), "COMMIT", NULL, NULL, NULL);
}

static gb_rows *sq_query(gb *g, const char *sql, int nparams, const char *const *params,
                         char *err, size_t errlen) {
  char *q = numbered_params(sql);
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(DB(g), q, -1, &st, NULL);
  free(q);
  if (rc != SQLITE_OK) { snprintf(err, errlen, "%s", db_error(DB(g))); return NULL; }
  for (int i = 0; i < nparams; i++) bind_text(st, i + 1, params[i]);
  gb_rows *r = xmalloc(sizeof *r);
  r->st = st;
  r->db = DB(g);
  return r;
}

static int sq_step(gb_rows *r, char *err, size_t errlen) {
  int rc = sqlite3_step(r->st);
  if (rc == SQLITE_ROW) return 1;
  if (rc == SQLITE_DONE) return 0;
  snprintf(err, errlen, "%s", db_error(r->db));
  return -1;
}

static int sq_is_null(gb_rows *r, int col) { return sqlite3_column_type(r->st, col) == SQLITE_NULL; }
static const char *sq_text(gb_rows *r, int col) { return (const char *)sqlite3_column_text(r->st, col); }
static long long sq_int64(gb_rows *r, int col) { return sqlite3_column_int64(r->st, col); }
static double sq_real(gb_rows *r, int col) { return sqlite3_column_double(r->st, col); }
static void sq_rows_free(gb_rows *r) { sqlite3_finalize(r->st); free(r); }
/* }=== */

/* SQLite has no users: the file's permissions are the whole access control. */
static int sq_init(gb *g, const gb_init_opts *o, strbuf *log, char *err, size_t errlen) {
  if (o->n_trainees || o->n_trainers) {
    msg_snprint(err, errlen, "cli.sqlite.no_roles", "path", g->label, NULL);
    return -1;
  }
  char v[24];
  snprintf(v, sizeof v, "%d", GB_VERSION);
  char *m = msg_get(MSG_CLI_LANG, "cli.sqlite.init", "path", g->label, "version", v, NULL);
  sb_printf(log, "%s\n", m);
  free(m);
  return 0;
}

const gb_backend gb_sqlite_backend = {
  .open = sq_open, .close = sq_close, .record = sq_record,
  .begin_read = sq_begin_read, .end_read = sq_end_read, .query = sq_query, .step = sq_step,
  .is_null = sq_is_null, .text = sq_text, .int64 = sq_int64, .real = sq_real,
  .rows_free = sq_rows_free, .init = sq_init,
};
