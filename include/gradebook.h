/*
** gradebook.h: the class gradebook, a SQLite database many trainees write at once
** (WAL, busy timeout, one transaction per session; schema versioned and migrated forward).
** Sessions are recorded from their debrief JSON (debrief.h), so the gradebook never needs the
** session structs.
*/
#ifndef SALESIM_GRADEBOOK_H
#define SALESIM_GRADEBOOK_H

#include <stddef.h>

struct json_t;
typedef struct gb gb;

/* Opens or creates the gradebook at path (creating parent directories), migrating its schema.
** NULL with a clear message in err for a file that is not a gradebook. */
gb *gb_open(const char *path, char *err, size_t errlen);
void gb_close(gb *g);
/* Default path: $SALESIM_GRADEBOOK, else the XDG data dir's salesim/gradebook.db (malloc'd). */
char *gb_default_path(void);

/* Records one finished session; returns the new row id, or -1 with err. */
long long gb_record(gb *g, const char *trainee, const struct json_t *debrief,
                    const struct json_t *transcript, char *err, size_t errlen);

/* Earlier attempts of trainee at scenario, oldest first, as a JSON array of
** {started, outcome, score, skills:{...}}; excludes row id `except` (the one just recorded). */
struct json_t *gb_history(gb *g, const char *trainee, const char *scenario_id, long long except);

/* Opens an existing gradebook for the report: never creates a file; falls back to read-only
** access when the file cannot be written.  NULL with a clear message in err. */
gb *gb_open_existing(const char *path, char *err, size_t errlen);
/* The underlying connection and path, for the class report's queries (report.h). */
struct sqlite3 *gb_sqlite(gb *g);
const char *gb_path(const gb *g);

#endif
