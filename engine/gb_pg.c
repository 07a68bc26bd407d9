/*
** gb_pg.c: the gradebook backend for PostgreSQL (gb_int.h): `--gradebook postgresql://...`, for
** a class whose trainees play on their own laptops or on several servers.
**
** The gradebook lives in its own schema, `salesim`, with the SQLite file's tables and columns
** (text columns that are sorted are COLLATE "C", so the report's order is SQLite's bytewise
** order) plus a db_user column naming the role that wrote each row; salesim.meta holds the
** application name and schema version.  Creating and migrating run under a transaction-scoped
** advisory lock, so processes that start together migrate once.  `salesim gradebook init`
** adds the roles: salesim_trainee inserts and reads only its own rows (row-level security),
** salesim_trainer reads everything (docs/classroom.md).
**
** libpq is opened at run time (dlopen), the first time a postgresql:// gradebook is used: a
** trainee on the default SQLite gradebook does not pay for loading it and its two dozen
** libraries at every start, and salesim runs where libpq is not installed.
*/
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "gb_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"

#define PG_LOCK_KEY 0x534c534d            /* "SLSM", the advisory lock for create/migrate */
#define PG_RETRY_SECONDS 90               /* how long a record keeps retrying a lost server */
#define PG_CONNECT_TIMEOUT "10"           /* seconds, unless the URI or PGCONNECT_TIMEOUT says */

/* {=== libpq, loaded on first use */
static struct {
  int loaded;
  PGconn *(*connectdb)(const char *);
  ConnStatusType (*status)(const PGconn *);
  char *(*error_message)(const PGconn *);
  void (*finish)(PGconn *);
  void (*reset)(PGconn *);
  PGresult *(*exec)(PGconn *, const char *);
  PGresult *(*exec_params)(PGconn *, const char *, int, const Oid *, const char *const *,
                           const int *, const int *, int);
  ExecStatusType (*result_status)(const PGresult *);
  char *(*result_error_field)(const PGresult *, int);
  char *(*result_error_message)(const PGresult *);
  void (*clear)(PGresult *);
  int (*ntuples)(const PGresult *);
  char *(*getvalue)(const PGresult *, int, int);
  int (*getisnull)(const PGresult *, int, int);
  PQnoticeProcessor (*set_notice_processor)(PGconn *, PQnoticeProcessor, void *);
  char *(*escape_identifier)(PGconn *, const char *, size_t);
  void (*freemem)(void *);
} pq;

/* Loads libpq.so.5; 0, or -1 with err. */
static int load_libpq(char *err, size_t errlen) {
  if (pq.loaded) return 0;
  void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    msg_snprint(err, errlen, "cli.pg.no_libpq", "error", dlerror(), NULL);
    return -1;
  }
  static const char *const names[] = {
    "PQconnectdb", "PQstatus", "PQerrorMessage", "PQfinish", "PQreset", "PQexec", "PQexecParams",
    "PQresultStatus", "PQresultErrorField", "PQresultErrorMessage", "PQclear", "PQntuples",
    "PQgetvalue", "PQgetisnull", "PQsetNoticeProcessor", "PQescapeIdentifier", "PQfreemem",
  };
  void **slots[] = {
    (void **)&pq.connectdb, (void **)&pq.status, (void **)&pq.error_message, (void **)&pq.finish,
    (void **)&pq.reset, (void **)&pq.exec, (void **)&pq.exec_params, (void **)&pq.result_status,
    (void **)&pq.result_error_field, (void **)&pq.result_error_message, (void **)&pq.clear,
    (void **)&pq.ntuples, (void **)&pq.getvalue, (void **)&pq.getisnull,
    (void **)&pq.set_notice_processor, (void **)&pq.escape_identifier, (void **)&pq.freemem,
  };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    *slots[i] = dlsym(h, names[i]);
    if (!*slots[i]) {
      msg_snprint(err, errlen, "cli.pg.old_libpq", "symbol", names[i], NULL);
      return -1;
    }
  }
  pq.loaded = 1;
  return 0;
}
/* }=== */

#define CONN(g) ((PGconn *)(g)->conn)

/* The first line of a libpq or server message, without "FATAL:  " or "ERROR:  ". */
static void first_line(const char *msg, char *out, size_t n) {
  if (!msg) msg = "";
  for (const char *p; (p = strstr(msg, ":  ")) && p - msg < 10; ) msg = p + 3;
  size_t len = strcspn(msg, "\n");
  snprintf(out, n, "%.*s", (int)len, msg);
}

/* The SQLSTATE of a result ("" when none, e.g. the connection was lost). */
static const char *sqlstate(const PGresult *r) {
  const char *s = r ? pq.result_error_field(r, PG_DIAG_SQLSTATE) : NULL;
  return s ? s : "";
}

/* A connection failure in words a trainer can act on.  The strings matched are libpq's and the
** server's own (read, never shown: the allow-list names them). */
static void connect_error(gb *g, const char *msg, char *err, size_t errlen) {
  char line[400];
  first_line(msg, line, sizeof line);
  const char *why = NULL;
  if (strstr(msg, "Connection refused") || strstr(msg, "No such file or directory"))
    why = "cli.pg.refused";
  else if (strstr(msg, "authentication failed") || strstr(msg, "no password supplied") ||
           (strstr(msg, "role \"") && strstr(msg, "does not exist")))
    why = "cli.pg.credentials";
  else if (strstr(msg, "database \"") && strstr(msg, "does not exist"))
    why = "cli.pg.no_database";
  if (why) {
    char *w = msg_get(MSG_CLI_LANG, why, NULL);
    msg_snprint(err, errlen, "cli.pg.connect_why", "path", g->label, "why", w, "error", line, NULL);
    free(w);
  } else {
    msg_snprint(err, errlen, "cli.pg.connect", "path", g->label, "error", line, NULL);
  }
}

static void quiet(void *arg, const char *message) { (void)arg; (void)message; }

/* Per-connection settings, again after every reconnect. */
static int setup_session(PGconn *c) {
  PGresult *r = pq.exec(c, "SET search_path TO salesim; SET client_min_messages TO warning");
  int ok = pq.result_status(r) == PGRES_COMMAND_OK;
  pq.clear(r);
  return ok ? 0 : -1;
}

/* Runs one command with text parameters; returns the result (caller clears) or NULL with err
** (and *state the SQLSTATE, "" for a lost connection). */
static PGresult *run(gb *g, const char *sql, int n, const char *const *params, char *state,
                     char *err, size_t errlen) {
  /* without parameters, the simple protocol: a migration is several statements in one string */
  PGresult *r = n ? pq.exec_params(CONN(g), sql, n, NULL, params, NULL, NULL, 0) : pq.exec(CONN(g), sql);
  ExecStatusType st = pq.result_status(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) { if (state) *state = '\0'; return r; }
  char line[400];
  first_line(r ? pq.result_error_message(r) : pq.error_message(CONN(g)), line, sizeof line);
  snprintf(err, errlen, "%s", line);
  if (state) snprintf(state, 6, "%s", sqlstate(r));
  pq.clear(r);
  return NULL;
}

/* Runs a command whose result is not needed; 0 or -1 with err. */
static int exec_ok(gb *g, const char *sql, char *err, size_t errlen) {
  PGresult *r = run(g, sql, 0, NULL, NULL, err, errlen);
  pq.clear(r);
  return r ? 0 : -1;
}

static void rollback(gb *g) {
  if (pq.status(CONN(g)) == CONNECTION_OK) pq.clear(pq.exec(CONN(g), "ROLLBACK"));
}

/* {=== schema */

/* Version 1: the gradebook's tables as in gb_sqlite.c, with the writing role on every row. */
static const char pg_v1[] =
  "CREATE SCHEMA salesim;"
  "CREATE TABLE salesim.meta(key text PRIMARY KEY, value text NOT NULL);"
  "INSERT INTO salesim.meta VALUES ('application', 'salesim-gradebook'), ('version', '0');"
  "CREATE TABLE salesim.sessions("
  " id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  " trainee text COLLATE \"C\" NOT NULL,"
  " scenario text COLLATE \"C\" NOT NULL,"
  " title text, scenario_hash text, language text, seed bigint,"
  " started text COLLATE \"C\" NOT NULL,"
  " ended text, ended_by text,"
  " outcome text NOT NULL, score integer NOT NULL, pass integer NOT NULL,"
  " s_commitment integer, s_benefits integer, s_tactics integer, s_discovery integer,"
  " hints_used integer, recorded text NOT NULL, debrief text NOT NULL, transcript text,"
  " db_user text NOT NULL DEFAULT current_user);"
  "CREATE INDEX sessions_by_trainee ON salesim.sessions(trainee, scenario, started);"
  "CREATE TABLE salesim.findings("
  " session_id bigint NOT NULL REFERENCES salesim.sessions(id),"
  " skill text NOT NULL, rule text COLLATE \"C\" NOT NULL, turn integer, points double precision,"
  " db_user text NOT NULL DEFAULT current_user);"
  "CREATE INDEX findings_by_session ON salesim.findings(session_id);"
  "CREATE TABLE salesim.rules(rule text COLLATE \"C\" PRIMARY KEY, skill text, principle text);";

/* Version 2: the recording salesim's version, and the report's covering indexes. */
static const char pg_v2[] =
  "ALTER TABLE salesim.sessions ADD COLUMN recorded_by text;"
  "CREATE INDEX sessions_report ON salesim.sessions(trainee, scenario, started, id)"
  " INCLUDE (outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery);"
  "CREATE INDEX findings_by_rule ON salesim.findings(rule, session_id) INCLUDE (points, skill);";

/* Version 3: visit keys (a retry after a lost commit stores nothing twice), the per-session
** rule counts and the per-rule totals the report reads (gb_sqlite.c).  The totals are kept by
** a SECURITY DEFINER trigger, so a trainee role adds to them without being able to read or
** change them; session_rules rows are inserted in rule order, so concurrent writers lock the
** totals' rows in one order and do not deadlock. */
static const char pg_v3[] =
  "ALTER TABLE salesim.sessions ADD COLUMN visit_key text;"
  "CREATE UNIQUE INDEX sessions_by_key ON salesim.sessions(visit_key);"
  "CREATE TABLE salesim.session_rules("
  " session_id bigint NOT NULL REFERENCES salesim.sessions(id),"
  " rule text COLLATE \"C\" NOT NULL, skill text, n integer NOT NULL, pts_n integer NOT NULL,"
  " pts_sum double precision, db_user text NOT NULL DEFAULT current_user);"
  "CREATE TABLE salesim.rule_totals("
  " rule text COLLATE \"C\" PRIMARY KEY, skill text, n bigint NOT NULL, sessions bigint NOT NULL,"
  " pts_n bigint NOT NULL, pts_sum double precision);"
  "CREATE FUNCTION salesim.count_session_rule() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
  " SET search_path = salesim, pg_catalog AS $f$ BEGIN"
  "  IF TG_OP = 'INSERT' THEN"
  "   INSERT INTO salesim.rule_totals AS t VALUES (NEW.rule, NEW.skill, NEW.n, 1, NEW.pts_n, NEW.pts_sum)"
  "   ON CONFLICT (rule) DO UPDATE SET n = t.n + excluded.n, sessions = t.sessions + 1,"
  "   pts_n = t.pts_n + excluded.pts_n, pts_sum = coalesce(t.pts_sum, 0) + coalesce(excluded.pts_sum, 0),"
  "   skill = least(t.skill, excluded.skill);"
  "   RETURN NEW;"
  "  END IF;"
  "  UPDATE salesim.rule_totals SET n = n - OLD.n, sessions = sessions - 1, pts_n = pts_n - OLD.pts_n,"
  "  pts_sum = pts_sum - coalesce(OLD.pts_sum, 0) WHERE rule = OLD.rule;"
  "  RETURN OLD;"
  " END $f$;"
  "CREATE TRIGGER session_rules_total AFTER INSERT OR DELETE ON salesim.session_rules"
  " FOR EACH ROW EXECUTE FUNCTION salesim.count_session_rule();"
  "INSERT INTO salesim.session_rules(session_id, rule, skill, n, pts_n, pts_sum, db_user)"
  " SELECT session_id, rule, min(skill), count(*), count(points), sum(points), min(db_user)"
  " FROM salesim.findings GROUP BY session_id, rule ORDER BY session_id, rule;"
  "CREATE INDEX session_rules_by_rule ON salesim.session_rules(rule, session_id)"
  " INCLUDE (n, pts_n, pts_sum, skill);"
  "CREATE INDEX session_rules_by_session ON salesim.session_rules(session_id);"
  "DROP INDEX salesim.findings_by_rule;"
  "DROP INDEX salesim.sessions_by_trainee;";

/* Version 4: the report's index carries the scenario hash and language too, and the findings
** are counted per scenario, day and rule (gb_sqlite.c has why).  The totals' trigger function
** now keeps both tables: per row, the rule's total first and then its day, so concurrent writers
** still lock rows in one order.  The trainer role, when init made it already, may read the new
** table at once (a migration run by the owner's own report must not leave the trainers' failing
** until the next init). */
static const char pg_v4[] =
  "DROP INDEX salesim.sessions_report;"
  "CREATE INDEX sessions_report ON salesim.sessions(trainee, scenario, started, id)"
  " INCLUDE (outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language);"
  "CREATE INDEX sessions_by_day ON salesim.sessions((substr(started, 1, 10)), scenario, started) INCLUDE (id);"
  "CREATE TABLE salesim.rule_days("
  " scenario text COLLATE \"C\" NOT NULL, day text COLLATE \"C\" NOT NULL, rule text COLLATE \"C\" NOT NULL,"
  " skill text, n bigint NOT NULL, sessions bigint NOT NULL, pts_n bigint NOT NULL,"
  " pts_sum double precision, PRIMARY KEY (scenario, day, rule));"
  "CREATE OR REPLACE FUNCTION salesim.count_session_rule() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
  " SET search_path = salesim, pg_catalog AS $f$"
  " DECLARE sc text; d text;"
  " BEGIN"
  "  IF TG_OP = 'INSERT' THEN"
  "   INSERT INTO salesim.rule_totals AS t VALUES (NEW.rule, NEW.skill, NEW.n, 1, NEW.pts_n, NEW.pts_sum)"
  "   ON CONFLICT (rule) DO UPDATE SET n = t.n + excluded.n, sessions = t.sessions + 1,"
  "   pts_n = t.pts_n + excluded.pts_n, pts_sum = coalesce(t.pts_sum, 0) + coalesce(excluded.pts_sum, 0),"
  "   skill = least(t.skill, excluded.skill);"
  "   INSERT INTO salesim.rule_days AS t SELECT s.scenario, substr(s.started, 1, 10), NEW.rule, NEW.skill,"
  "   NEW.n, 1, NEW.pts_n, NEW.pts_sum FROM salesim.sessions AS s WHERE s.id = NEW.session_id"
  "   ON CONFLICT (scenario, day, rule) DO UPDATE SET n = t.n + excluded.n, sessions = t.sessions + 1,"
  "   pts_n = t.pts_n + excluded.pts_n, pts_sum = coalesce(t.pts_sum, 0) + coalesce(excluded.pts_sum, 0),"
  "   skill = least(t.skill, excluded.skill);"
  "   RETURN NEW;"
  "  END IF;"
  "  UPDATE salesim.rule_totals SET n = n - OLD.n, sessions = sessions - 1, pts_n = pts_n - OLD.pts_n,"
  "  pts_sum = pts_sum - coalesce(OLD.pts_sum, 0) WHERE rule = OLD.rule;"
  "  SELECT s.scenario, substr(s.started, 1, 10) INTO sc, d FROM salesim.sessions AS s WHERE s.id = OLD.session_id;"
  "  UPDATE salesim.rule_days SET n = n - OLD.n, sessions = sessions - 1, pts_n = pts_n - OLD.pts_n,"
  "  pts_sum = pts_sum - coalesce(OLD.pts_sum, 0) WHERE scenario = sc AND day = d AND rule = OLD.rule;"
  "  RETURN OLD;"
  " END $f$;"
  "INSERT INTO salesim.rule_days SELECT s.scenario, substr(s.started, 1, 10), r.rule, min(r.skill), sum(r.n),"
  " count(*), sum(r.pts_n), sum(r.pts_sum) FROM salesim.session_rules AS r"
  " JOIN salesim.sessions AS s ON s.id = r.session_id GROUP BY 1, 2, 3;"
  "DO $$ BEGIN"
  " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'salesim_trainer') THEN"
  "  GRANT SELECT ON salesim.rule_days TO salesim_trainer; END IF;"
  " END $$;";

/* The per-group sums' two functions (version 5), written once for version 6 too, which adds its
** columns: group_of counts one group from its sessions (COLS: more columns after the latest
** tier, AGGS: their aggregates over the group's sessions); group_sessions keeps the sums as
** sessions change (SETS: how a recorded visit adds to the columns that version adds).  CREATE is
** "CREATE" or "CREATE OR REPLACE". */
#define PG_GROUP_OF(CREATE, COLS, AGGS) \
  CREATE " FUNCTION salesim.group_of(tr text, sc text) RETURNS SETOF salesim.groups LANGUAGE sql STABLE" \
  " AS $f$" \
  " SELECT tr, sc, g.n, g.passed, g.k0, g.k1, g.k2, g.k3, g.c0, g.c1, g.c2, g.c3, g.o0, g.o1, g.o2, g.o3," \
  "  g.h_min, g.h_max, g.l_min, g.l_max, g.min_id, f.started, f.score, l.id, l.score, l.outcome, l.started," \
  "  l.s_commitment, l.s_benefits, l.s_tactics, l.s_discovery, g.scores, l.tier" COLS \
  " FROM (SELECT count(*) AS n, count(*) FILTER (WHERE pass <> 0) AS passed," \
  "  coalesce(sum(s_commitment), 0) AS k0, coalesce(sum(s_benefits), 0) AS k1," \
  "  coalesce(sum(s_tactics), 0) AS k2, coalesce(sum(s_discovery), 0) AS k3, count(s_commitment) AS c0," \
  "  count(s_benefits) AS c1, count(s_tactics) AS c2, count(s_discovery) AS c3," \
  "  count(*) FILTER (WHERE outcome = 'order') AS o0, count(*) FILTER (WHERE outcome = 'advance') AS o1," \
  "  count(*) FILTER (WHERE outcome = 'continuation') AS o2, count(*) FILTER (WHERE outcome = 'no_sale') AS o3," \
  "  min(nullif(scenario_hash, '') COLLATE \"C\") AS h_min, max(nullif(scenario_hash, '') COLLATE \"C\") AS h_max," \
  "  min(coalesce(language, '') COLLATE \"C\") AS l_min, max(coalesce(language, '') COLLATE \"C\") AS l_max," \
  "  min(id) AS min_id, array_agg(score ORDER BY started, id) AS scores" AGGS \
  "  FROM salesim.sessions WHERE trainee = tr AND scenario = sc) AS g" \
  " CROSS JOIN LATERAL (SELECT started, score FROM salesim.sessions WHERE trainee = tr AND scenario = sc" \
  "  ORDER BY started, id LIMIT 1) AS f" \
  " CROSS JOIN LATERAL (SELECT id, score, outcome, started, s_commitment, s_benefits, s_tactics," \
  "  s_discovery, tier FROM salesim.sessions WHERE trainee = tr AND scenario = sc" \
  "  ORDER BY started DESC, id DESC LIMIT 1) AS l" \
  " $f$;"

#define PG_GROUP_SESSIONS(CREATE, SETS) \
  CREATE " FUNCTION salesim.group_sessions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER" \
  " SET search_path = salesim, pg_catalog AS $f$" \
  " DECLARE s record; k bigint; later bigint;" \
  " BEGIN" \
  "  IF TG_OP = 'TRUNCATE' THEN TRUNCATE salesim.groups; RETURN NULL; END IF;" \
  "  IF TG_OP = 'INSERT' THEN" \
  "   SELECT count(*) INTO k FROM new_rows;" \
  "   IF k = 1 THEN" \
  "    SELECT * INTO s FROM new_rows;" \
  "    PERFORM pg_advisory_xact_lock(hashtext(s.trainee), hashtext(s.scenario));" \
  /* the attempts after this one (none when it is the latest, as a recording's usually is) */ \
  "    SELECT count(*) INTO later FROM salesim.sessions WHERE trainee = s.trainee AND scenario = s.scenario" \
  "     AND (started, id) > (s.started, s.id);" \
  "    UPDATE salesim.groups SET n = n + 1, passed = passed + (s.pass <> 0)::int," \
  "     sum_commitment = sum_commitment + coalesce(s.s_commitment, 0)," \
  "     sum_benefits = sum_benefits + coalesce(s.s_benefits, 0)," \
  "     sum_tactics = sum_tactics + coalesce(s.s_tactics, 0)," \
  "     sum_discovery = sum_discovery + coalesce(s.s_discovery, 0)," \
  "     n_commitment = n_commitment + (s.s_commitment IS NOT NULL)::int," \
  "     n_benefits = n_benefits + (s.s_benefits IS NOT NULL)::int," \
  "     n_tactics = n_tactics + (s.s_tactics IS NOT NULL)::int," \
  "     n_discovery = n_discovery + (s.s_discovery IS NOT NULL)::int," \
  "     n_order = n_order + (s.outcome = 'order')::int, n_advance = n_advance + (s.outcome = 'advance')::int," \
  "     n_continuation = n_continuation + (s.outcome = 'continuation')::int," \
  "     n_no_sale = n_no_sale + (s.outcome = 'no_sale')::int," \
  "     hash_min = least(hash_min, nullif(s.scenario_hash, ''))," \
  "     hash_max = greatest(hash_max, nullif(s.scenario_hash, ''))," \
  "     lang_min = least(lang_min, coalesce(s.language, ''))," \
  "     lang_max = greatest(lang_max, coalesce(s.language, '')), min_id = least(min_id, s.id)," \
  "     first_started = CASE WHEN later = n THEN s.started ELSE first_started END," \
  "     first_score = CASE WHEN later = n THEN s.score ELSE first_score END," \
  "     latest_id = CASE WHEN later = 0 THEN s.id ELSE latest_id END," \
  "     latest_score = CASE WHEN later = 0 THEN s.score ELSE latest_score END," \
  "     latest_outcome = CASE WHEN later = 0 THEN s.outcome ELSE latest_outcome END," \
  "     latest_started = CASE WHEN later = 0 THEN s.started ELSE latest_started END," \
  "     latest_commitment = CASE WHEN later = 0 THEN s.s_commitment ELSE latest_commitment END," \
  "     latest_benefits = CASE WHEN later = 0 THEN s.s_benefits ELSE latest_benefits END," \
  "     latest_tactics = CASE WHEN later = 0 THEN s.s_tactics ELSE latest_tactics END," \
  "     latest_discovery = CASE WHEN later = 0 THEN s.s_discovery ELSE latest_discovery END," \
  "     latest_tier = CASE WHEN later = 0 THEN s.tier ELSE latest_tier END," SETS \
  "     scores = scores[1:n - later] || s.score || scores[n - later + 1:n]" \
  "    WHERE trainee = s.trainee AND scenario = s.scenario AND later <= n;" \
  "    IF NOT FOUND THEN PERFORM salesim.regroup(s.trainee, s.scenario); END IF;" \
  "   ELSE" \
  "    PERFORM salesim.regroup(trainee, scenario) FROM (SELECT DISTINCT trainee, scenario FROM new_rows" \
  "     ORDER BY 1, 2) AS t;" \
  "   END IF;" \
  "  ELSIF TG_OP = 'UPDATE' THEN" \
  "   PERFORM salesim.regroup(trainee, scenario) FROM (SELECT trainee, scenario FROM old_rows" \
  "    UNION SELECT trainee, scenario FROM new_rows ORDER BY 1, 2) AS t;" \
  "  ELSE" \
  "   PERFORM salesim.regroup(trainee, scenario) FROM (SELECT DISTINCT trainee, scenario FROM old_rows" \
  "    ORDER BY 1, 2) AS t;" \
  "  END IF;" \
  "  RETURN NULL;" \
  " END $f$;"

/* Version 5: per-trainee-and-scenario sums kept at write time (issue 17), which the unfiltered
** class report reads instead of grouping every session (a million index entries, 0.55 s on the
** server): one row per group with what load_groups in report.c needs, the scores in attempt
** order among them, and the latest attempt's tier members (a new column, the debrief's members
** the report reads, written by the recording salesim, gb_tier_json; for the sessions recorded
** before, each group's latest attempt's are filled in after this SQL: fill_tiers).
** Triggers keep the sums rather than the recording code: every writer passes through them (a
** trainee's salesim, SQL by hand, a copy inside the server), in the session's own transaction,
** and as SECURITY DEFINER, so a trainee adds to the class's sums without being able to read or
** change them.  Per statement, with the inserted rows as a table: a recording inserts one
** session, which is added to its group's sums, its score put in the scores after as many as
** there are attempts after it (by start time and id: none when it is the latest, as a recording
** usually is; an index probe counts them); any other change (a new group, several sessions in
** one statement, an UPDATE or DELETE by hand) recounts the groups it touched from the sessions
** (group_of).  Writers of one group take a transaction advisory lock on it first, so each one's
** next statement sees every earlier writer's committed sessions and sums, and no session the
** sums do not hold: exact under concurrent writers, whichever commits first.  A debrief changed by hand drops its
** session's tier members, so the report reads that debrief again. */
static const char pg_v5[] =
  "ALTER TABLE salesim.sessions ADD COLUMN tier text;"
  "CREATE TABLE salesim.groups("
  " trainee text COLLATE \"C\" NOT NULL, scenario text COLLATE \"C\" NOT NULL,"
  " n bigint NOT NULL, passed bigint NOT NULL,"
  " sum_commitment bigint NOT NULL, sum_benefits bigint NOT NULL, sum_tactics bigint NOT NULL,"
  " sum_discovery bigint NOT NULL, n_commitment bigint NOT NULL, n_benefits bigint NOT NULL,"
  " n_tactics bigint NOT NULL, n_discovery bigint NOT NULL,"
  " n_order bigint NOT NULL, n_advance bigint NOT NULL, n_continuation bigint NOT NULL,"
  " n_no_sale bigint NOT NULL,"
  " hash_min text COLLATE \"C\", hash_max text COLLATE \"C\","
  " lang_min text COLLATE \"C\" NOT NULL, lang_max text COLLATE \"C\" NOT NULL, min_id bigint NOT NULL,"
  " first_started text COLLATE \"C\" NOT NULL, first_score integer NOT NULL,"
  " latest_id bigint NOT NULL, latest_score integer NOT NULL, latest_outcome text NOT NULL,"
  " latest_started text COLLATE \"C\" NOT NULL, latest_commitment integer, latest_benefits integer,"
  " latest_tactics integer, latest_discovery integer, scores integer[] NOT NULL, latest_tier text,"
  " PRIMARY KEY (trainee, scenario));"
  /* one group's row counted from its sessions (none when it has none), as the report's grouped
  ** query counts them: the empty hash is no hash, a missing language the reference one.  Without
  ** a SET clause, so the planner inlines it into regroup's cached plan (planning it anew at each
  ** call was most of a recount's time) */
  PG_GROUP_OF("CREATE", "", "")
  /* counts one group again from its sessions, under the group's lock (taken before the counting
  ** statement, whose snapshot then holds every earlier writer's sessions) */
  "CREATE FUNCTION salesim.regroup(tr text, sc text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER"
  " SET search_path = salesim, pg_catalog AS $f$ BEGIN"
  "  PERFORM pg_advisory_xact_lock(hashtext(tr), hashtext(sc));"
  "  DELETE FROM salesim.groups WHERE trainee = tr AND scenario = sc;"
  "  INSERT INTO salesim.groups SELECT * FROM salesim.group_of(tr, sc);"
  " END $f$;"
  PG_GROUP_SESSIONS("CREATE", "")
  "CREATE TRIGGER sessions_group_add AFTER INSERT ON salesim.sessions REFERENCING NEW TABLE AS new_rows"
  " FOR EACH STATEMENT EXECUTE FUNCTION salesim.group_sessions();"
  "CREATE TRIGGER sessions_group_change AFTER UPDATE ON salesim.sessions"
  " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION salesim.group_sessions();"
  "CREATE TRIGGER sessions_group_remove AFTER DELETE ON salesim.sessions REFERENCING OLD TABLE AS old_rows"
  " FOR EACH STATEMENT EXECUTE FUNCTION salesim.group_sessions();"
  "CREATE TRIGGER sessions_group_truncate AFTER TRUNCATE ON salesim.sessions"
  " FOR EACH STATEMENT EXECUTE FUNCTION salesim.group_sessions();"
  "CREATE FUNCTION salesim.drop_tier() RETURNS trigger LANGUAGE plpgsql AS $f$"
  " BEGIN NEW.tier := NULL; RETURN NEW; END $f$;"
  "CREATE TRIGGER sessions_debrief_edited BEFORE UPDATE OF debrief ON salesim.sessions FOR EACH ROW"
  " WHEN (NEW.debrief IS DISTINCT FROM OLD.debrief AND NEW.tier IS NOT DISTINCT FROM OLD.tier)"
  " EXECUTE FUNCTION salesim.drop_tier();"
  /* called by the triggers only (a trainee calling them would recount others' groups) */
  "REVOKE EXECUTE ON FUNCTION salesim.group_of(text, text), salesim.regroup(text, text) FROM PUBLIC;"
  "INSERT INTO salesim.groups SELECT g.* FROM (SELECT DISTINCT trainee, scenario FROM salesim.sessions) AS k"
  " CROSS JOIN LATERAL salesim.group_of(k.trainee, k.scenario) AS g;"
  "DO $$ BEGIN"
  " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'salesim_trainer') THEN"
  "  GRANT SELECT ON salesim.groups TO salesim_trainer; END IF;"
  " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'salesim_trainee') THEN"
  "  GRANT INSERT (tier) ON salesim.sessions TO salesim_trainee; END IF;"
  " END $$;";

/* Version 6: how each visit ended and whether it used hints (play-test 31): ended_by and
** hints_used in the report's covering index (gb_sqlite.c has why), and per group the count of
** interrupted visits (ended_by recorded and other than "customer") and of visits with hints,
** kept by the same triggers (their functions replaced with the two columns added) and counted
** from the sessions for the groups already there.  No session changes. */
#define PG_V6_AGGS ", count(*) FILTER (WHERE ended_by <> 'customer') AS ni," \
  " count(*) FILTER (WHERE hints_used > 0) AS nh"
#define PG_V6_SETS \
  "     n_interrupted = n_interrupted + (coalesce(s.ended_by, 'customer') <> 'customer')::int," \
  "     n_hinted = n_hinted + (coalesce(s.hints_used, 0) > 0)::int,"
static const char pg_v6[] =
  "DROP INDEX salesim.sessions_report;"
  "CREATE INDEX sessions_report ON salesim.sessions(trainee, scenario, started, id)"
  " INCLUDE (outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language,"
  " ended_by, hints_used);"
  "ALTER TABLE salesim.groups ADD COLUMN n_interrupted bigint NOT NULL DEFAULT 0,"
  " ADD COLUMN n_hinted bigint NOT NULL DEFAULT 0;"
  PG_GROUP_OF("CREATE OR REPLACE", ", g.ni, g.nh", PG_V6_AGGS)
  PG_GROUP_SESSIONS("CREATE OR REPLACE", PG_V6_SETS)
  "UPDATE salesim.groups AS g SET n_interrupted = c.ni, n_hinted = c.nh FROM (SELECT trainee, scenario"
  PG_V6_AGGS " FROM salesim.sessions GROUP BY trainee, scenario) AS c"
  " WHERE g.trainee = c.trainee AND g.scenario = c.scenario;";

/* Version 7: nothing changes on a server.  SQLite's version 7 keeps the per-group sums that
** version 5 keeps here (gb_sqlite.c); the backends share their version numbers. */
static const char pg_v7[] = "SELECT 1;";

static const char *const pg_migrations[GB_VERSION] = { pg_v1, pg_v2, pg_v3, pg_v4, pg_v5, pg_v6, pg_v7 };

/* Version 5, after its SQL: the tier members of the sessions recorded before it, for the latest
** attempt of each group (the only one a report reads them from), taken from each debrief by the
** recording's own code (gb_tier_json) and not the server's JSON, which reads some texts jansson
** refuses: the report shows the tier it showed reading the debrief.  Its debriefs are read 500
** at a time; the groups' trigger is off while their sessions change, and the groups take the
** members in one statement.  0, or -1 with err (and state). */
static int fill_tiers(gb *g, char *state, char *err, size_t errlen) {
  if (exec_ok(g, "ALTER TABLE salesim.sessions DISABLE TRIGGER sessions_group_change;"
              "DECLARE latest CURSOR FOR SELECT s.id, s.debrief FROM salesim.groups AS g"
              " JOIN salesim.sessions AS s ON s.id = g.latest_id", err, errlen) != 0) return -1;
  for (int n = -1; n != 0;) {
    PGresult *r = run(g, "FETCH 500 FROM latest", 0, NULL, state, err, errlen);
    if (!r) return -1;
    n = pq.ntuples(r);
    for (int i = 0; i < n; i++) {
      char *tier = gb_tier_json(pq.getvalue(r, i, 1));
      const char *p[2] = { pq.getvalue(r, i, 0), tier };
      PGresult *u = run(g, "UPDATE salesim.sessions SET tier = $2 WHERE id = $1", 2, p, state, err, errlen);
      free(tier);
      if (!u) { pq.clear(r); return -1; }
      pq.clear(u);
    }
    pq.clear(r);
  }
  return exec_ok(g, "CLOSE latest; ALTER TABLE salesim.sessions ENABLE TRIGGER sessions_group_change;"
                 "UPDATE salesim.groups AS g SET latest_tier = s.tier FROM salesim.sessions AS s"
                 " WHERE s.id = g.latest_id", err, errlen);
}

/* What a migration does after its SQL, by the version it makes (NULL: nothing). */
static int (*const pg_after[GB_VERSION])(gb *, char *, char *, size_t) = { NULL, NULL, NULL, NULL, fill_tiers, NULL, NULL };

/* "PATH is not a salesim gradebook: WHY" into err, WHY the catalogue's text of key (with the
** first foreign table when there is one). */
static void not_gradebook(gb *g, const char *key, const char *table, char *err, size_t errlen) {
  char *why = msg_get(MSG_CLI_LANG, key, "table", table ? table : "", NULL);
  msg_snprint(err, errlen, "cli.sqlite.not_gradebook", "path", g->label, "why", why, NULL);
  free(why);
}

/* Reads the schema version into *ver (0: an empty database, ready for a new gradebook).
** -1 with err when the database is another program's or the gradebook is newer than this
** salesim. */
static int inspect(gb *g, long long *ver, char *err, size_t errlen) {
  char msg[400];
  /* the catalogs read as tables (not to_regclass, whose cache can miss a schema another process
  ** committed while this one waited for the advisory lock) */
  PGresult *r = run(g, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'salesim'),"
                    " EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'salesim' AND tablename = 'meta')",
                    0, NULL, NULL, msg, sizeof msg);
  if (!r) { msg_snprint(err, errlen, "cli.pg.read_database", "path", g->label, "error", msg, NULL); return -1; }
  int has_schema = *pq.getvalue(r, 0, 0) == 't', has_meta = *pq.getvalue(r, 0, 1) == 't';
  pq.clear(r);
  *ver = 0;
  if (has_meta) {
    r = run(g, "SELECT (SELECT value FROM salesim.meta WHERE key = 'application'),"
            " (SELECT value FROM salesim.meta WHERE key = 'version')", 0, NULL, NULL, msg, sizeof msg);
    if (!r) {
      msg_snprint(err, errlen, "cli.pg.read_denied", "path", g->label, "error", msg, NULL);
      return -1;
    }
    const char *app = pq.getisnull(r, 0, 0) ? "" : pq.getvalue(r, 0, 0);
    const char *v = pq.getisnull(r, 0, 1) ? "" : pq.getvalue(r, 0, 1);
    int ours = strcmp(app, "salesim-gradebook") == 0;
    *ver = atoll(v);
    pq.clear(r);
    if (!ours) {
      not_gradebook(g, "cli.pg.foreign_meta", NULL, err, errlen);
      return -1;
    }
  } else if (has_schema) {
    not_gradebook(g, "cli.pg.foreign_schema", NULL, err, errlen);
    return -1;
  } else {
    r = run(g, "SELECT count(*), min(schemaname || '.' || tablename) FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'salesim')", 0, NULL, NULL, msg, sizeof msg);
    if (!r) { msg_snprint(err, errlen, "cli.pg.read_database", "path", g->label, "error", msg, NULL); return -1; }
    long long tables = atoll(pq.getvalue(r, 0, 0));
    char first[200];
    snprintf(first, sizeof first, "%s", pq.getisnull(r, 0, 1) ? "" : pq.getvalue(r, 0, 1));
    pq.clear(r);
    if (tables > 0) {
      not_gradebook(g, tables > 1 ? "cli.pg.foreign_tables_more" : "cli.pg.foreign_tables", first,
                    err, errlen);
      return -1;
    }
  }
  if (*ver > GB_VERSION) {
    char v[24], max[24];
    snprintf(v, sizeof v, "%lld", *ver);
    snprintf(max, sizeof max, "%d", GB_VERSION);
    msg_snprint(err, errlen, "cli.sqlite.newer", "path", g->label, "version", v, "max", max, NULL);
    return -1;
  }
  return 0;
}

/* Creates or migrates the schema under the advisory lock: the first process does the work,
** the others wait for it and then find nothing left to do. */
static int migrate(gb *g, char *err, size_t errlen) {
  char msg[400], state[8] = "";
  long long ver = 0;
  if (exec_ok(g, "BEGIN", msg, sizeof msg) != 0) goto fail;
  char lock[64];
  snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d)", PG_LOCK_KEY);
  PGresult *r = run(g, lock, 0, NULL, state, msg, sizeof msg);
  if (!r) goto fail;
  pq.clear(r);
  if (inspect(g, &ver, err, errlen) != 0) { rollback(g); return -1; }
  for (; ver < GB_VERSION; ver++) {
    r = run(g, pg_migrations[ver], 0, NULL, state, msg, sizeof msg);
    if (!r) goto fail;
    pq.clear(r);
    if (pg_after[ver] && pg_after[ver](g, state, msg, sizeof msg) != 0) goto fail;
    char sql[96];
    snprintf(sql, sizeof sql, "UPDATE salesim.meta SET value = '%lld' WHERE key = 'version'", ver + 1);
    if (exec_ok(g, sql, msg, sizeof msg) != 0) goto fail;
  }
  if (exec_ok(g, "COMMIT", msg, sizeof msg) != 0) goto fail;
  return 0;
fail:
  rollback(g);
  char v[24];
  snprintf(v, sizeof v, "%d", GB_VERSION);
  if (strcmp(state, "42501") == 0)
    msg_snprint(err, errlen, "cli.pg.migrate_denied", "path", g->label, "version", v, "error", msg, NULL);
  else
    msg_snprint(err, errlen, "cli.sqlite.setup", "path", g->label, "error", msg, NULL);
  return -1;
}
/* }=== */

/* Sets g->partial when row-level security limits this role to its own rows (a trainee). */
static int see_all(gb *g, char *err, size_t errlen) {
  char msg[400];
  PGresult *r = run(g, "SELECT row_security_active('salesim.sessions')", 0, NULL, NULL, msg, sizeof msg);
  if (!r) { msg_snprint(err, errlen, "cli.pg.read", "path", g->label, "error", msg, NULL); return -1; }
  g->partial = *pq.getvalue(r, 0, 0) == 't';
  pq.clear(r);
  return 0;
}

/* 1 when a failed open is worth another attempt: the server was reached in this open and
** went away (a crash or restart mid-check), or it answers that it is starting or stopping. A
** server never reached fails at once, so a wrong URI is reported in seconds. */
static int open_lost(gb *g, int reached) {
  const char *msg = pq.error_message(CONN(g));
  if (strstr(msg, "the database system is")) return 1;   /* starting up, shutting down, in recovery */
  return reached && pq.status(CONN(g)) != CONNECTION_OK;
}

/* One attempt at connecting, checking and migrating; sets *reached once connected. 0, or -1
** with err (g->conn is then whatever connection was made: the caller finishes it). */
static int open_once(gb *g, int create, int *reached, char *err, size_t errlen) {
  PGconn *c = pq.connectdb(g->where);
  g->conn = c;
  if (!c) {
    msg_snprint(err, errlen, "cli.pg.connect", "path", g->label, "error",
                msg_text(MSG_CLI_LANG, "cli.sqlite.no_memory"), NULL);
    return -1;
  }
  if (pq.status(c) != CONNECTION_OK) { connect_error(g, pq.error_message(c), err, errlen); return -1; }
  *reached = 1;
  pq.set_notice_processor(c, quiet, NULL);
  if (setup_session(c) != 0) {
    char line[400];
    first_line(pq.error_message(c), line, sizeof line);
    msg_snprint(err, errlen, "cli.pg.session", "path", g->label, "error", line, NULL);
    return -1;
  }
  long long ver = 0;
  if (inspect(g, &ver, err, errlen) != 0) return -1;
  if (ver == GB_VERSION) return see_all(g, err, errlen);
  if (ver == 0 && !create) {
    msg_snprint(err, errlen, "cli.pg.empty", "path", g->label, NULL);
    return -1;
  }
  if (migrate(g, err, errlen) != 0) return -1;
  return see_all(g, err, errlen);
}

/* Connects, checks and migrates (gb_backend.open); a server lost in the middle (a restart
** while a class opens its gradebooks) is tried again for up to PG_RETRY_SECONDS, as pg_record
** does. The migration is one transaction under the advisory lock, so a retry redoes it whole. */
static int pg_open(gb *g, int create, char *err, size_t errlen) {
  if (load_libpq(err, errlen) != 0) return -1;
  /* libpq waits forever for a host that does not answer; a trainee should hear within seconds
  ** (a connect_timeout in the URI or the environment still wins) */
  setenv("PGCONNECT_TIMEOUT", PG_CONNECT_TIMEOUT, 0);
  time_t deadline = time(NULL) + PG_RETRY_SECONDS;
  int reached = 0;
  for (int attempt = 0;; attempt++) {
    if (open_once(g, create, &reached, err, errlen) == 0) return 0;
    if (!g->conn || !open_lost(g, reached) || time(NULL) >= deadline) return -1;
    pq.finish(CONN(g));
    g->conn = NULL;
    gb_backoff(attempt);
  }
}

static void pg_close(gb *g) {
  pq.finish(CONN(g));
  g->conn = NULL;
}

/* {=== recording */

/* 1 when the failure is worth retrying the whole transaction: a serialisation failure or
** deadlock, or a connection the server dropped (restart, failover: reconnect and go again). */
static int transient(gb *g, const char *state) {
  if (pq.status(CONN(g)) != CONNECTION_OK) return 1;
  return strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
         strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
         strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0 || *state == '\0';
}

/* A long long parameter as text ("" buffer when unset: passed as NULL). */
static const char *opt_text(gb_opt v, char *buf, size_t n) {
  if (!v.set) return NULL;
  snprintf(buf, n, "%lld", v.v);
  return buf;
}

/* One attempt at the whole transaction; 0, or -1 with err and state. */
static int record_once(gb *g, const gb_visit *v, long long *id, int *fresh, char *state,
                       char *err, size_t errlen) {
  char nums[8][24], idtext[24], pts[40];
  PGresult *r = NULL;
  if (exec_ok(g, "BEGIN", err, errlen) != 0) { *state = '\0'; return -1; }
  const char *p[23] = {
    v->trainee, v->scenario, v->title, v->scenario_hash, v->language,
    opt_text(v->seed, nums[0], 24), v->started, v->ended, v->ended_by, v->outcome,
    opt_text(v->score, nums[1], 24), v->pass ? "1" : "0",
    opt_text(v->skill[0], nums[2], 24), opt_text(v->skill[1], nums[3], 24),
    opt_text(v->skill[2], nums[4], 24), opt_text(v->skill[3], nums[5], 24),
    opt_text(v->hints, nums[6], 24), v->recorded, v->debrief, v->transcript, v->recorded_by, v->key,
    v->tier,
  };
  r = run(g, "INSERT INTO sessions(trainee, scenario, title, scenario_hash, language, seed, started,"
          " ended, ended_by, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery,"
          " hints_used, recorded, debrief, transcript, recorded_by, visit_key, tier) VALUES ($1, $2, $3,"
          " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)"
          " ON CONFLICT (visit_key) DO NOTHING RETURNING id", 23, p, state, err, errlen);
  if (!r) goto fail;
  if (pq.ntuples(r) == 0) {
    /* stored already: an earlier attempt committed before its answer was lost, or a repeat */
    pq.clear(r);
    r = run(g, "SELECT id FROM sessions WHERE visit_key = $1", 1, &v->key, state, err, errlen);
    if (!r) goto fail;
    if (pq.ntuples(r) == 0) {
      /* the key is on a row this role may not read: another trainee's row carries it (keys
      ** hash the trainee's name, so only a row written by hand can), and the visit must not
      ** pass for recorded */
      pq.clear(r);
      snprintf(state, 8, "%s", "23505");
      msg_snprint(err, errlen, "cli.pg.key_taken", NULL);
      goto fail;
    }
    *id = atoll(pq.getvalue(r, 0, 0));
    *fresh = 0;
    pq.clear(r);
    rollback(g);
    return 0;
  }
  *id = atoll(pq.getvalue(r, 0, 0));
  *fresh = 1;
  pq.clear(r);
  snprintf(idtext, sizeof idtext, "%lld", *id);
  for (int i = 0; i < v->n_findings; i++) {
    const gb_finding *f = &v->findings[i];
    if (f->has_points) snprintf(pts, sizeof pts, "%.17g", f->points);
    const char *fp[5] = { idtext, f->skill, f->rule, opt_text(f->turn, nums[7], 24),
                          f->has_points ? pts : NULL };
    r = run(g, "INSERT INTO findings(session_id, skill, rule, turn, points) VALUES ($1, $2, $3, $4, $5)",
            5, fp, state, err, errlen);
    if (!r) goto fail;
    pq.clear(r);
    const char *rp[3] = { f->rule, f->skill, f->principle };
    r = run(g, "INSERT INTO rules(rule, skill, principle) VALUES ($1, $2, $3) ON CONFLICT (rule) DO NOTHING",
            3, rp, state, err, errlen);
    if (!r) goto fail;
    pq.clear(r);
  }
  if (v->n_findings) {
    const char *ip[1] = { idtext };
    r = run(g, "INSERT INTO session_rules(session_id, rule, skill, n, pts_n, pts_sum) SELECT"
            " session_id, rule, min(skill), count(*), count(points), sum(points) FROM findings"
            " WHERE session_id = $1 GROUP BY session_id, rule ORDER BY rule", 1, ip, state, err, errlen);
    if (!r) goto fail;
    pq.clear(r);
  }
  r = run(g, "COMMIT", 0, NULL, state, err, errlen);
  if (!r) return -1;
  pq.clear(r);
  return 0;
fail:
  rollback(g);
  return -1;
}

/* Records v, retrying transient failures for up to PG_RETRY_SECONDS (reconnecting when the
** server went away); the visit key makes a retry after a lost COMMIT answer harmless. */
static int pg_record(gb *g, const gb_visit *v, long long *id, int *fresh, char *err, size_t errlen) {
  char msg[400], state[8];
  time_t deadline = time(NULL) + PG_RETRY_SECONDS;
  for (int attempt = 0;; attempt++) {
    if (pq.status(CONN(g)) != CONNECTION_OK) {
      pq.reset(CONN(g));
      if (pq.status(CONN(g)) == CONNECTION_OK) {
        pq.set_notice_processor(CONN(g), quiet, NULL);
        setup_session(CONN(g));
      }
    }
    if (pq.status(CONN(g)) == CONNECTION_OK) {
      if (record_once(g, v, id, fresh, state, msg, sizeof msg) == 0) return 0;
      if (!transient(g, state)) break;
    } else {
      first_line(pq.error_message(CONN(g)), msg, sizeof msg);
    }
    if (time(NULL) >= deadline) break;
    gb_backoff(attempt);   /* a growing pause, up to about a tenth of a second */
  }
  if (strstr(msg, "row-level security"))   /* the server's words (read, not shown) */
    msg_snprint(err, errlen, "cli.pg.record_denied", "path", g->label, "error", msg, NULL);
  else
    msg_snprint(err, errlen, "cli.sqlite.record", "path", g->label, "error", msg, NULL);
  return -1;
}
/* }=== */

/* {=== reading */

struct gb_rows { PGresult *res; int row, n; };

static int pg_begin_read(gb *g, char *err, size_t errlen) {
  return exec_ok(g, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err, errlen);
}

static void pg_end_read(gb *g) {
  if (pq.status(CONN(g)) == CONNECTION_OK) pq.clear(pq.exec(CONN(g), "COMMIT"));
}

static gb_rows *pg_query(gb *g, const char *sql, int nparams, const char *const *params,
                         char *err, size_t errlen) {
  PGresult *r = run(g, sql, nparams, params, NULL, err, errlen);
  if (!r) return NULL;
  gb_rows *rows = xmalloc(sizeof *rows);
  rows->res = r;
  rows->row = -1;
  rows->n = pq.ntuples(r);
  return rows;
}

static int pg_step(gb_rows *r, char *err, size_t errlen) {
  (void)err; (void)errlen;
  return ++r->row < r->n ? 1 : 0;
}

static int pg_is_null(gb_rows *r, int col) { return pq.getisnull(r->res, r->row, col); }
static const char *pg_text(gb_rows *r, int col) {
  return pq.getisnull(r->res, r->row, col) ? NULL : pq.getvalue(r->res, r->row, col);
}
/* An integer column's text ("-12"; a numeric sum "12", or "12.5" read as 12 as atoll did).  By
** hand: atoll's locale-aware strtoll was a sixth of a million-session report's time. */
static long long pgr_int64(gb_rows *r, int col) {
  const char *s = pq.getvalue(r->res, r->row, col);
  int neg = *s == '-';
  if (neg || *s == '+') s++;
  unsigned long long v = 0;
  for (; *s >= '0' && *s <= '9'; s++) v = v * 10 + (unsigned long long)(*s - '0');
  return neg ? (long long)(0ULL - v) : (long long)v;
}
static double pgr_real(gb_rows *r, int col) { return strtod(pq.getvalue(r->res, r->row, col), NULL); }
static void pg_rows_free(gb_rows *r) { pq.clear(r->res); free(r); }
/* }=== */

/* {=== roles */

/* The group roles, their grants and the row-level policies; idempotent (run by every init). */
static const char pg_roles[] =
  "DO $$ BEGIN"
  " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'salesim_trainee') THEN"
  "  CREATE ROLE salesim_trainee NOLOGIN; END IF;"
  " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'salesim_trainer') THEN"
  "  CREATE ROLE salesim_trainer NOLOGIN; END IF;"
  " END $$;"
  "GRANT USAGE ON SCHEMA salesim TO salesim_trainee, salesim_trainer;"
  "GRANT SELECT ON salesim.meta, salesim.rules TO salesim_trainee, salesim_trainer;"
  "GRANT INSERT ON salesim.rules TO salesim_trainee;"
  "GRANT SELECT, INSERT ON salesim.findings, salesim.session_rules TO salesim_trainee;"
  /* every column but id: a trainee choosing ids could take the ones the identity will hand to
  ** another trainee's next visit and make its recording fail */
  "REVOKE INSERT ON salesim.sessions FROM salesim_trainee;"
  "GRANT SELECT ON salesim.sessions TO salesim_trainee;"
  "GRANT INSERT (trainee, scenario, title, scenario_hash, language, seed, started, ended, ended_by,"
  " outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery, hints_used, recorded,"
  " debrief, transcript, recorded_by, visit_key, tier) ON salesim.sessions TO salesim_trainee;"
  "GRANT SELECT ON salesim.sessions, salesim.findings, salesim.session_rules, salesim.rule_totals,"
  " salesim.rule_days, salesim.groups TO salesim_trainer;"
  "ALTER TABLE salesim.sessions ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE salesim.findings ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE salesim.session_rules ENABLE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS trainee_reads_own ON salesim.sessions;"
  "DROP POLICY IF EXISTS trainee_adds_own ON salesim.sessions;"
  "DROP POLICY IF EXISTS trainer_reads_all ON salesim.sessions;"
  "CREATE POLICY trainee_reads_own ON salesim.sessions FOR SELECT TO salesim_trainee"
  " USING (db_user = current_user);"
  "CREATE POLICY trainee_adds_own ON salesim.sessions FOR INSERT TO salesim_trainee"
  " WITH CHECK (db_user = current_user AND trainee = current_user);"
  "CREATE POLICY trainer_reads_all ON salesim.sessions FOR SELECT TO salesim_trainer USING (true);"
  "DROP POLICY IF EXISTS trainee_reads_own ON salesim.findings;"
  "DROP POLICY IF EXISTS trainee_adds_own ON salesim.findings;"
  "DROP POLICY IF EXISTS trainer_reads_all ON salesim.findings;"
  "CREATE POLICY trainee_reads_own ON salesim.findings FOR SELECT TO salesim_trainee"
  " USING (db_user = current_user);"
  "CREATE POLICY trainee_adds_own ON salesim.findings FOR INSERT TO salesim_trainee"
  " WITH CHECK (db_user = current_user AND session_id IN (SELECT id FROM salesim.sessions));"
  "CREATE POLICY trainer_reads_all ON salesim.findings FOR SELECT TO salesim_trainer USING (true);"
  "DROP POLICY IF EXISTS trainee_reads_own ON salesim.session_rules;"
  "DROP POLICY IF EXISTS trainee_adds_own ON salesim.session_rules;"
  "DROP POLICY IF EXISTS trainer_reads_all ON salesim.session_rules;"
  "CREATE POLICY trainee_reads_own ON salesim.session_rules FOR SELECT TO salesim_trainee"
  " USING (db_user = current_user);"
  "CREATE POLICY trainee_adds_own ON salesim.session_rules FOR INSERT TO salesim_trainee"
  " WITH CHECK (db_user = current_user AND session_id IN (SELECT id FROM salesim.sessions));"
  "CREATE POLICY trainer_reads_all ON salesim.session_rules FOR SELECT TO salesim_trainer USING (true);";

/* Creates login role name in group (or adds an existing role to it). */
static int add_member(gb *g, const char *name, const char *group, strbuf *log, char *err, size_t errlen) {
  char msg[400];
  PGresult *r = run(g, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, &name, NULL, msg, sizeof msg);
  if (!r) { msg_snprint(err, errlen, "cli.path_error", "path", g->label, "error", msg, NULL); return -1; }
  int exists = pq.ntuples(r) > 0;
  pq.clear(r);
  char *id = pq.escape_identifier(CONN(g), name, strlen(name));
  if (!id) { msg_snprint(err, errlen, "cli.pg.bad_role", "path", g->label, "role", name, NULL); return -1; }
  char *sql = exists ? xasprintf("GRANT %s TO %s", group, id)
                     : xasprintf("CREATE ROLE %s LOGIN IN ROLE %s", id, group);
  int rc = exec_ok(g, sql, msg, sizeof msg);
  free(sql);
  pq.freemem(id);
  if (rc != 0) {
    msg_snprint(err, errlen, "cli.pg.role_failed", "path", g->label, "role", name, "error", msg, NULL);
    return -1;
  }
  char *line = msg_get(MSG_CLI_LANG, exists ? "cli.pg.role_added" : "cli.pg.role_created", "role", name,
                       "group", group, NULL);
  sb_printf(log, "%s\n", line);
  free(line);
  return 0;
}

static int pg_init(gb *g, const gb_init_opts *o, strbuf *log, char *err, size_t errlen) {
  char msg[400];
  if (exec_ok(g, "BEGIN", msg, sizeof msg) != 0 || exec_ok(g, pg_roles, msg, sizeof msg) != 0) {
    rollback(g);
    msg_snprint(err, errlen, "cli.pg.roles_denied", "path", g->label, "error", msg, NULL);
    return -1;
  }
  for (int i = 0; i < o->n_trainees; i++)
    if (add_member(g, o->trainees[i], "salesim_trainee", log, err, errlen) != 0) { rollback(g); return -1; }
  for (int i = 0; i < o->n_trainers; i++)
    if (add_member(g, o->trainers[i], "salesim_trainer", log, err, errlen) != 0) { rollback(g); return -1; }
  if (exec_ok(g, "COMMIT", msg, sizeof msg) != 0) {
    msg_snprint(err, errlen, "cli.pg.roles_failed", "path", g->label, "error", msg, NULL);
    return -1;
  }
  char v[24];
  snprintf(v, sizeof v, "%d", GB_VERSION);
  char *done = msg_get(MSG_CLI_LANG, "cli.pg.init", "path", g->label, "version", v, NULL);
  sb_printf(log, "%s\n", done);
  free(done);
  return 0;
}
/* }=== */

const gb_backend gb_pg_backend = {
  .open = pg_open, .close = pg_close, .record = pg_record,
  .begin_read = pg_begin_read, .end_read = pg_end_read, .query = pg_query, .step = pg_step,
  .is_null = pg_is_null, .text = pg_text, .int64 = pgr_int64, .real = pgr_real,
  .rows_free = pg_rows_free, .init = pg_init,
};
