/*
** gradebook.h: the class gradebook many trainees write at once: a SQLite file (WAL, busy
** timeout) on one machine, or a PostgreSQL database (postgresql://...) for a class spread over
** laptops and servers.  One transaction per session, retried; schema versioned and migrated
** forward once.  Sessions are recorded from their debrief JSON (debrief.h), so the gradebook
** never needs the session structs.  The backends sit behind one seam (engine/gb_int.h).
*/
#ifndef SALESIM_GRADEBOOK_H
#define SALESIM_GRADEBOOK_H

#include <stddef.h>

struct json_t;
struct strbuf;
typedef struct gb gb;

/* Opens or creates the gradebook at path (creating parent directories), or connects to the
** postgresql:// (or postgres://) URI in path, migrating its schema.  NULL with a clear message
** in err for a file or database that is not a gradebook, a refused connection, bad
** credentials or a missing database. */
gb *gb_open(const char *path, char *err, size_t errlen);
void gb_close(gb *g);
/* Default path: $SALESIM_GRADEBOOK, else the XDG data dir's salesim/gradebook.db (malloc'd). */
char *gb_default_path(void);

/* Records one finished session; returns the new row id, or -1 with err. */
long long gb_record(gb *g, const char *trainee, const struct json_t *debrief,
                    const struct json_t *transcript, char *err, size_t errlen);
/* The same with an idempotence key (gb_visit_key): a session whose key is already in the
** gradebook is not recorded again, *fresh is then 0 and the earlier row's id is returned. */
long long gb_record_keyed(gb *g, const char *key, const char *trainee, const struct json_t *debrief,
                          const struct json_t *transcript, int *fresh, char *err, size_t errlen);
/* A key naming one visit by its content (trainee and debrief without progress), 16 hex digits
** into out[17], so `salesim record` of a visit already recorded adds nothing. */
void gb_visit_key(const char *trainee, const struct json_t *debrief, char out[17]);

/* 1 when location names a PostgreSQL database (postgresql:// or postgres://). */
int gb_is_postgres(const char *location);
/* The location for messages (malloc'd): a path as is, a URI without its password. */
char *gb_location_label(const char *location);

/* salesim gradebook init: creates or migrates the gradebook and, on PostgreSQL, the group
** roles salesim_trainee (insert and read its own sessions) and salesim_trainer (read all),
** their grants and row-level policies, and a login role for each name listed. */
typedef struct gb_init_opts {
  const char *const *trainees; int n_trainees;    /* login roles to create in salesim_trainee */
  const char *const *trainers; int n_trainers;    /* login roles to create in salesim_trainer */
} gb_init_opts;
/* Returns 0 with what was done in log, or -1 with err. */
int gb_init(gb *g, const gb_init_opts *o, struct strbuf *log, char *err, size_t errlen);

/* Earlier attempts of trainee at scenario, oldest first, as a JSON array of
** {started, outcome, score, skills:{...}}; excludes row id `except` (the one just recorded). */
struct json_t *gb_history(gb *g, const char *trainee, const char *scenario_id, long long except);

/* Opens an existing gradebook for the report: never creates a file; falls back to read-only
** access when the file cannot be written.  NULL with a clear message in err. */
gb *gb_open_existing(const char *path, char *err, size_t errlen);
/* 1 when this connection reads only its own rows (a trainee role on PostgreSQL), so class-wide
** totals are not for it. */
int gb_partial_view(const gb *g);
/* 1 when the gradebook is a database server's (PostgreSQL): the report then has the server
** group the sessions per trainee and scenario instead of reading every one (report.c). */
int gb_on_server(const gb *g);
/* The location for messages: the path, or the URI without its password. */
const char *gb_path(const gb *g);

/* Read queries for the report (report.h) and the trainer's commands, the same on every
** backend: SQL in the common subset with $1, $2 ... text parameters.  gb_begin_read/gb_end_read
** bracket several queries in one snapshot.  gb_query returns NULL with err; gb_step returns 1
** for a row, 0 at the end, -1 with err.  gb_text is NULL for SQL NULL and valid until the next
** step; gb_rows_free releases the result. */
typedef struct gb_rows gb_rows;
int gb_begin_read(gb *g, char *err, size_t errlen);
void gb_end_read(gb *g);
gb_rows *gb_query(gb *g, const char *sql, int nparams, const char *const *params,
                  char *err, size_t errlen);
int gb_step(gb *g, gb_rows *r, char *err, size_t errlen);
int gb_is_null(gb *g, gb_rows *r, int col);
const char *gb_text(gb *g, gb_rows *r, int col);
long long gb_int(gb *g, gb_rows *r, int col);
double gb_real(gb *g, gb_rows *r, int col);
void gb_rows_free(gb *g, gb_rows *r);
/* How many rows the read queries on g have returned so far (what a report costs to send: the
** tests check that a report on a server reads groups, not every session). */
long long gb_rows_read(const gb *g);

#endif
