/*
** gradebook.c: the class gradebook in SQLite.
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

#include "gradebook.h"
#include "util.h"

#define GB_APP_ID 0x534c534d        /* "SLSM" */
#define GB_BUSY_MS 30000            /* how long one statement waits for a lock */
#define GB_RETRIES 60               /* whole-transaction retries after the wait ran out */

struct gb {
  sqlite3 *db;
  char *path;
  int readonly;
};

static const char *const skill_names[4] = { "commitment", "benefits", "tactics", "discovery" };

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

static const char *const migrations[] = { NULL, migrate_1_to_2 };
#define GB_VERSION 2

/* Writes "PATH is not a salesim gradebook: WHY" into err. */
/* SQLite's message, except for a full disk, which it may report as "disk I/O error" (the
** shared-memory file could not grow): say what the trainer can act on. */
static const char *db_error(sqlite3 *db) {
  if (!db) return "out of memory";
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
  if (full) return "the disk is full (No space left on device); free some space and try again";
  return sqlite3_errmsg(db);
}

static void not_gradebook(char *err, size_t errlen, const char *path, const char *why) {
  snprintf(err, errlen, "%s is not a salesim gradebook: %s", path, why);
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

/* A short random pause between transaction retries, so waiting writers do not move in step. */
static void backoff(int attempt) {
  static unsigned seed;
  if (!seed) seed = (unsigned)getpid() ^ (unsigned)time(NULL);
  int ms = 5 + rand_r(&seed) % 20 + (attempt < 20 ? attempt : 20) * 5;
  struct timespec ts = { 0, (long)ms * 1000000L };
  nanosleep(&ts, NULL);
}

/* BEGIN IMMEDIATE, retried while another writer holds the lock beyond the busy timeout. */
static int begin_immediate(sqlite3 *db) {
  int rc = SQLITE_BUSY;
  for (int i = 0; i < GB_RETRIES; i++) {
    rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) return rc;
    backoff(i);
  }
  return rc;
}

/* COMMIT, retried on SQLITE_BUSY (the transaction stays open until it succeeds). */
static int commit(sqlite3 *db) {
  int rc = SQLITE_BUSY;
  for (int i = 0; i < GB_RETRIES; i++) {
    rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_BUSY) return rc;
    backoff(i);
  }
  return rc;
}

/* Ends an open transaction without its changes (a no-op outside one). */
static void rollback(sqlite3 *db) {
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Creates the schema in a fresh file or migrates an older one, inside one write transaction
** (so fifty processes opening a new gradebook at once create it exactly once). */
static int init_schema(gb *g, char *err, size_t errlen) {
  sqlite3 *db = g->db;
  int rc = begin_immediate(db);
  if (rc != SQLITE_OK) {
    snprintf(err, errlen, "%s: cannot lock the gradebook: %s", g->path, db_error(db));
    return -1;
  }
  long long ver = 0, app = 0, tables = 0;
  if (query_int(db, "PRAGMA user_version", &ver) != SQLITE_OK ||
      query_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
      query_int(db, "SELECT count(*) FROM sqlite_master", &tables) != SQLITE_OK) {
    not_gradebook(err, errlen, g->path, db_error(db));
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
    not_gradebook(err, errlen, g->path, "a SQLite database of another program");
    rollback(db);
    return -1;
  }
  if (ver > GB_VERSION) {
    snprintf(err, errlen, "%s: gradebook schema version %lld is newer than this salesim "
             "(it reads up to %d); upgrade salesim", g->path, ver, GB_VERSION);
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
  snprintf(err, errlen, "%s: cannot set up the gradebook: %s", g->path, db_error(db));
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
    backoff(i);
  }
  return -1;
}

/* Creates the file with mode 0666 less the umask, so a trainer's `umask 002` in a shared
** group directory gives a gradebook the whole class can write (SQLite alone would use 0644). */
static void precreate(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (fd >= 0) close(fd);
}

/* Opens the database and checks it is a gradebook; the common part of both open calls. */
static gb *open_common(const char *path, int create, char *err, size_t errlen) {
  struct stat st;
  int exists = stat(path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) { not_gradebook(err, errlen, path, "it is a directory"); return NULL; }
  if (exists && !S_ISREG(st.st_mode)) {   /* a FIFO would hang SQLite's first read */
    not_gradebook(err, errlen, path, "it is not a regular file (a FIFO or a device)");
    return NULL;
  }
  if (exists) util_note_input(path);   /* never overwritten by this run's -o or --transcript */
  if (!exists && !create) {
    snprintf(err, errlen, "cannot open gradebook %s: %s", path, strerror(ENOENT));
    return NULL;
  }
  if (!exists) {
    const char *slash = strrchr(path, '/');
    if (slash && slash != path) {
      char *dir = xstrndup(path, (size_t)(slash - path));
      int rc = util_mkdirs(dir, 0777);
      if (rc != 0) snprintf(err, errlen, "cannot create directory %s: %s", dir, strerror(errno));
      free(dir);
      if (rc != 0) return NULL;
    }
    precreate(path);
  }
  gb *g = xcalloc(1, sizeof *g);
  g->path = xstrdup(path);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  int rc = sqlite3_open_v2(path, &g->db, flags, NULL);
  if (rc != SQLITE_OK && !create) {
    /* a trainer may only be able to read a copied gradebook */
    sqlite3_close(g->db);
    g->db = NULL;
    g->readonly = 1;
    rc = sqlite3_open_v2(path, &g->db, SQLITE_OPEN_READONLY, NULL);
  }
  if (rc != SQLITE_OK) {
    snprintf(err, errlen, "cannot open gradebook %s: %s", path,
             g->db ? db_error(g->db) : sqlite3_errstr(rc));
    gb_close(g);
    return NULL;
  }
  if (!g->readonly && sqlite3_db_readonly(g->db, "main") == 1) {
    /* SQLite quietly opens a file this user may not write read-only */
    if (create) {
      snprintf(err, errlen, "cannot write gradebook %s: permission denied (see docs/classroom.md"
               " for a shared gradebook)", path);
      gb_close(g);
      return NULL;
    }
    g->readonly = 1;
  }
  sqlite3_busy_timeout(g->db, GB_BUSY_MS);
  sqlite3_extended_result_codes(g->db, 0);
  /* Look before touching: a file that is not ours must be left exactly as it was. */
  long long app = 0, ver = 0, tables = 0;
  rc = inspect(g->db, &app, &ver, &tables);
  if (rc != SQLITE_OK && (g->readonly || !create)) {
    /* (also a writable gradebook in a folder the reader cannot write: no -shm can be made) */
    g->readonly = 1;
    /* A WAL file this user cannot write cannot be read through shared memory either; with no
    ** writer active (no -wal file) the main file alone is the whole gradebook. */
    char *wal = xasprintf("%s-wal", path);
    int idle = access(wal, F_OK) != 0;
    free(wal);
    if (idle) {
      sqlite3_close(g->db);
      g->db = NULL;
      char *uri = sqlite3_mprintf("file:%s?immutable=1", path);
      rc = sqlite3_open_v2(uri, &g->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
      sqlite3_free(uri);
      if (rc == SQLITE_OK) rc = inspect(g->db, &app, &ver, &tables);
    }
  }
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) not_gradebook(err, errlen, path, sqlite3_errstr(rc));
    else snprintf(err, errlen, "cannot open gradebook %s: %s", path, g->db ? db_error(g->db) : sqlite3_errstr(rc));
    gb_close(g);
    return NULL;
  }
  if (app != GB_APP_ID && !(app == 0 && ver == 0 && tables == 0)) {
    not_gradebook(err, errlen, path, "a SQLite database of another program");
    gb_close(g);
    return NULL;
  }
  if (g->readonly) {
    if (ver != GB_VERSION) {
      snprintf(err, errlen, "%s: gradebook schema version %lld needs upgrading, which needs "
               "write access to the file", path, ver);
      gb_close(g);
      return NULL;
    }
    return g;
  }
  if (set_wal(g->db) != 0) {
    snprintf(err, errlen, "%s: cannot switch the gradebook to WAL mode: %s", path,
             db_error(g->db));
    gb_close(g);
    return NULL;
  }
  sqlite3_exec(g->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
  /* the write lock for creating or migrating is taken only when there is work to do */
  if (ver != GB_VERSION && init_schema(g, err, errlen) != 0) { gb_close(g); return NULL; }
  return g;
}

/* Opens or creates the gradebook at path (see gradebook.h). */
gb *gb_open(const char *path, char *err, size_t errlen) {
  if (!path || !*path) { snprintf(err, errlen, "no gradebook path"); return NULL; }
  return open_common(path, 1, err, errlen);
}

/* Opens an existing gradebook for reading (the report): never creates a file. */
gb *gb_open_existing(const char *path, char *err, size_t errlen) {
  if (!path || !*path) { snprintf(err, errlen, "no gradebook path"); return NULL; }
  return open_common(path, 0, err, errlen);
}

/* Closes the connection; SQLite checkpoints and removes the -wal file when it is the last. */
void gb_close(gb *g) {
  if (!g) return;
  sqlite3_close(g->db);
  free(g->path);
  free(g);
}

struct sqlite3 *gb_sqlite(gb *g) { return g->db; }
const char *gb_path(const gb *g) { return g->path; }

/* $SALESIM_GRADEBOOK, else the XDG data dir's salesim/gradebook.db. */
char *gb_default_path(void) {
  const char *env = getenv("SALESIM_GRADEBOOK");
  if (env && *env) return xstrdup(env);
  char *dir = util_xdg_dir("XDG_DATA_HOME", ".local/share");
  char *p = xasprintf("%s/gradebook.db", dir);
  free(dir);
  return p;
}

/* {=== recording */

/* A string member of o, or NULL. */
static const char *jstr(const json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* Binds a string member of o, or NULL when absent. */
static void bind_str(sqlite3_stmt *st, int i, const json_t *o, const char *key) {
  const char *s = jstr(o, key);
  if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

/* Binds an integer member of o (a JSON integer or a whole real), or NULL. */
static void bind_int(sqlite3_stmt *st, int i, const json_t *o, const char *key) {
  const json_t *v = json_object_get(o, key);
  if (json_is_integer(v)) sqlite3_bind_int64(st, i, json_integer_value(v));
  else if (json_is_real(v)) sqlite3_bind_int64(st, i, (long long)(json_real_value(v) + 0.5));
  else sqlite3_bind_null(st, i);
}

/* Checks the members the gradebook and the report depend on; 0 or -1 with err. */
static int check_debrief(const json_t *d, char *err, size_t errlen) {
  if (!json_is_object(d)) { snprintf(err, errlen, "the debrief is not a JSON object"); return -1; }
  const char *sc = jstr(d, "scenario");
  if (!sc || !*sc) { snprintf(err, errlen, "the debrief has no scenario id"); return -1; }
  const char *out = jstr(d, "outcome");
  static const char *const outcomes[] = { "order", "advance", "continuation", "no_sale" };
  int known = 0;
  for (int i = 0; out && i < 4; i++) known |= strcmp(out, outcomes[i]) == 0;
  if (!known) { snprintf(err, errlen, "the debrief's outcome is missing or unknown"); return -1; }
  const json_t *score = json_object_get(d, "score");
  if (!json_is_number(score) || json_number_value(score) < 0 || json_number_value(score) > 100) {
    snprintf(err, errlen, "the debrief's score is missing or outside 0..100");
    return -1;
  }
  return 0;
}

/* Inserts one finding row and remembers the rule's principle for the report. */
static int insert_findings(sqlite3 *db, long long id, const json_t *skills) {
  sqlite3_stmt *ins = NULL, *rule = NULL;
  int rc = sqlite3_prepare_v2(db, "INSERT INTO findings(session_id, skill, rule, turn, points) "
                              "VALUES (?,?,?,?,?)", -1, &ins, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(db, "INSERT INTO rules(rule, skill, principle) VALUES (?,?,?) "
                            "ON CONFLICT(rule) DO UPDATE SET skill=excluded.skill, "
                            "principle=coalesce(excluded.principle, principle)", -1, &rule, NULL);
  const char *skill;
  const json_t *sk;
  json_object_foreach((json_t *)skills, skill, sk) {
    if (rc != SQLITE_OK) break;
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(sk, "findings"), i, f) {
      const char *r = jstr(f, "rule");
      if (!r) continue;
      sqlite3_bind_int64(ins, 1, id);
      sqlite3_bind_text(ins, 2, skill, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 3, r, -1, SQLITE_TRANSIENT);
      bind_int(ins, 4, f, "turn");
      const json_t *pts = json_object_get(f, "points");
      if (json_is_number(pts)) sqlite3_bind_double(ins, 5, json_number_value(pts));
      else sqlite3_bind_null(ins, 5);
      rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
      sqlite3_reset(ins);
      if (rc != SQLITE_OK) break;
      sqlite3_bind_text(rule, 1, r, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(rule, 2, skill, -1, SQLITE_TRANSIENT);
      bind_str(rule, 3, f, "principle");
      rc = sqlite3_step(rule) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
      sqlite3_reset(rule);
      if (rc != SQLITE_OK) break;
    }
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(rule);
  return rc;
}

/* One attempt at the whole write; SQLITE_BUSY means "try the transaction again". */
static int record_once(gb *g, const char *trainee, const json_t *d, const char *djson,
                       const char *tjson, long long *id, char *err, size_t errlen) {
  sqlite3 *db = g->db;
  int rc = begin_immediate(db);
  if (rc != SQLITE_OK) goto fail;
  sqlite3_stmt *st = NULL;
  rc = sqlite3_prepare_v2(db,
    "INSERT INTO sessions(trainee, scenario, title, scenario_hash, language, seed, started, ended,"
    " ended_by, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery,"
    " hints_used, recorded, debrief, transcript, recorded_by)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL);
  if (rc != SQLITE_OK) goto fail;
  char now[32];
  util_now_iso(now);
  const char *started = jstr(d, "started");
  const json_t *skills = json_object_get(d, "skills");
  sqlite3_bind_text(st, 1, trainee, -1, SQLITE_TRANSIENT);
  bind_str(st, 2, d, "scenario");
  bind_str(st, 3, d, "title");
  bind_str(st, 4, d, "scenario_hash");
  bind_str(st, 5, d, "language");
  bind_int(st, 6, d, "seed");
  sqlite3_bind_text(st, 7, started ? started : now, -1, SQLITE_TRANSIENT);
  bind_str(st, 8, d, "ended");
  bind_str(st, 9, d, "ended_by");
  bind_str(st, 10, d, "outcome");
  bind_int(st, 11, d, "score");
  sqlite3_bind_int(st, 12, json_is_true(json_object_get(d, "pass")));
  for (int i = 0; i < 4; i++) bind_int(st, 13 + i, json_object_get(skills, skill_names[i]), "score");
  bind_int(st, 17, d, "hints_used");
  sqlite3_bind_text(st, 18, now, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 19, djson, -1, SQLITE_STATIC);
  if (tjson) sqlite3_bind_text(st, 20, tjson, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, 20);
  sqlite3_bind_text(st, 21, SALESIM_VERSION, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) goto fail;
  *id = sqlite3_last_insert_rowid(db);
  if (json_is_object(skills) && insert_findings(db, *id, skills) != SQLITE_OK) {
    rc = sqlite3_errcode(db);
    goto fail;
  }
  rc = commit(db);
  if (rc == SQLITE_OK) return rc;
fail:
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) rc = SQLITE_ERROR;
  snprintf(err, errlen, "%s: cannot record the session: %s", g->path, db_error(db));
  rollback(db);
  return rc;
}

/* Records one finished session in one transaction (see gradebook.h). */
long long gb_record(gb *g, const char *trainee, const json_t *debrief,
                    const json_t *transcript, char *err, size_t errlen) {
  if (g->readonly) { snprintf(err, errlen, "%s: the gradebook is read-only", g->path); return -1; }
  if (check_debrief(debrief, err, errlen) != 0) return -1;
  if (!trainee || !*trainee) trainee = jstr(debrief, "trainee");
  if (!trainee || !*trainee) { snprintf(err, errlen, "no trainee name (use --trainee NAME)"); return -1; }
  char *djson = json_dumps(debrief, JSON_COMPACT);
  char *tjson = transcript ? json_dumps(transcript, JSON_COMPACT) : NULL;
  long long id = -1;
  int rc = SQLITE_BUSY;
  for (int i = 0; i < GB_RETRIES && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); i++) {
    rc = record_once(g, trainee, debrief, djson, tjson, &id, err, errlen);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) backoff(i);
  }
  if (rc != SQLITE_OK) id = -1;
  free(djson);
  free(tjson);
  return id;
}
/* }=== */

/* Earlier attempts of trainee at scenario_id, oldest first (see gradebook.h). */
json_t *gb_history(gb *g, const char *trainee, const char *scenario_id, long long except) {
  if (!g || !trainee || !scenario_id) return NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(g->db,
        "SELECT id, started, ended, outcome, score, pass, s_commitment, s_benefits, s_tactics,"
        " s_discovery FROM sessions WHERE trainee=? AND scenario=? AND id<>?"
        " ORDER BY started, id", -1, &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text(st, 1, trainee, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, scenario_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 3, except);
  json_t *arr = json_array();
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    json_t *skills = json_object();
    for (int i = 0; i < 4; i++)
      json_object_set_new(skills, skill_names[i], sqlite3_column_type(st, 6 + i) == SQLITE_NULL
                          ? json_null() : json_integer(sqlite3_column_int64(st, 6 + i)));
    const char *ended = (const char *)sqlite3_column_text(st, 2);
    json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:s, s:I, s:b, s:o}",
      "id", (json_int_t)sqlite3_column_int64(st, 0),
      "started", (const char *)sqlite3_column_text(st, 1),
      "ended", ended ? json_string(ended) : json_null(),
      "outcome", (const char *)sqlite3_column_text(st, 3),
      "score", (json_int_t)sqlite3_column_int64(st, 4),
      "pass", sqlite3_column_int(st, 5),
      "skills", skills));
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) { json_decref(arr); return NULL; }
  return arr;
}
