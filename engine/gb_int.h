/*
** gb_int.h: the gradebook's backend seam.  gradebook.c owns what does not depend on the store
** (reading a debrief into a gb_visit, choosing the backend from the location, the typed row
** API the report reads through); each backend (gb_sqlite.c, gb_pg.c) fills one gb_backend
** table: open and migrate, record one visit in one transaction with its retries, run a read
** query, and set up roles.  Both keep the same tables and columns, and the same numbered
** migrations, so a report reads the same rows from either.
**
** Queries shared by the backends are written in the common subset of SQLite and PostgreSQL
** with $1, $2 ... parameters (the SQLite backend rewrites them as ?1, ?2 ...); text compares
** bytewise in both (PostgreSQL columns are COLLATE "C"), so ORDER BY gives the same order.
*/
#ifndef SALESIM_GB_INT_H
#define SALESIM_GB_INT_H

#include <stddef.h>

#include "gradebook.h"
#include "util.h"
#include "vocab.h"

#define GB_VERSION 7                /* schema version both backends migrate to */
#define GB_SKILLS VOCAB_SKILL_COUNT   /* a column each, in vocab.h's order */

/* An optional integer column value. */
typedef struct gb_opt { long long v; int set; } gb_opt;

/* One finding row. */
typedef struct gb_finding {
  const char *skill, *rule, *principle;   /* principle may be NULL */
  gb_opt turn;
  double points; int has_points;
} gb_finding;

/* One visit's row values, borrowed from its debrief JSON (valid while that lives). */
typedef struct gb_visit {
  const char *key;                  /* idempotence key: a retried or repeated record is one row */
  const char *trainee, *scenario, *title, *scenario_hash, *language, *started, *ended, *ended_by;
  const char *outcome, *recorded, *debrief, *transcript, *recorded_by;
  const char *tier;                 /* the debrief's members the report's tiers read (gb_tier_json) */
  gb_opt seed, score, hints, skill[GB_SKILLS];
  int pass;
  gb_finding *findings; int n_findings;
} gb_visit;

typedef struct gb_rows gb_rows;     /* a query's result, read row by row */

typedef struct gb_backend {
  /* Connects to g->where, checks it is a gradebook (or an empty store when create), creates
  ** or migrates the schema once even when many processes start together; sets g->conn and
  ** g->readonly.  0, or -1 with err (g->conn may be left set; close frees it). */
  int (*open)(gb *g, int create, char *err, size_t errlen);
  void (*close)(gb *g);
  /* Records v in one transaction, retried on lock conflicts, serialisation failures and lost
  ** connections; a visit whose key is already stored is not stored twice.  *id is the row id
  ** and *fresh 0 when the key was already there.  0, or -1 with err. */
  int (*record)(gb *g, const gb_visit *v, long long *id, int *fresh, char *err, size_t errlen);
  /* One read snapshot around several queries. */
  int (*begin_read)(gb *g, char *err, size_t errlen);
  void (*end_read)(gb *g);
  /* Runs sql with text parameters; NULL with err. */
  gb_rows *(*query)(gb *g, const char *sql, int nparams, const char *const *params,
                    char *err, size_t errlen);
  int (*step)(gb_rows *r, char *err, size_t errlen);   /* 1 row, 0 end, -1 error */
  int (*is_null)(gb_rows *r, int col);
  const char *(*text)(gb_rows *r, int col);            /* NULL for SQL NULL; valid until step */
  long long (*int64)(gb_rows *r, int col);
  double (*real)(gb_rows *r, int col);
  void (*rows_free)(gb_rows *r);
  /* gradebook init: roles and grants where the store has them; notes for the trainer in log. */
  int (*init)(gb *g, const gb_init_opts *o, strbuf *log, char *err, size_t errlen);
} gb_backend;

struct gb {
  const gb_backend *be;
  void *conn;
  char *where;                      /* path or connection URI as given */
  char *label;                      /* for messages: the path, or the URI without its password */
  int readonly;
  int partial;                      /* this role reads only its own rows (gb_partial_view) */
  long long rows_read;              /* rows the read queries returned (gb_rows_read) */
};

extern const gb_backend gb_sqlite_backend;
extern const gb_backend gb_pg_backend;

/* The members of a stored debrief that the report reads for a tier, as compact JSON (gradebook.c);
** the same whoever calls it: the recording, and PostgreSQL's version-5 migration for the sessions
** recorded before.  Malloc'd, NULL only without memory. */
char *gb_tier_json(const char *stored);

/* A short random pause between transaction retries (attempt 0, 1, ...), so waiting writers do
** not move in step. */
void gb_backoff(int attempt);

#endif
