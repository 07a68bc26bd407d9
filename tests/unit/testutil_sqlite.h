/* Raw SQLite access for the unit suites that look inside a gradebook file (include after
** testutil.h and sqlite3.h). */
#ifndef SALESIM_TESTUTIL_SQLITE_H
#define SALESIM_TESTUTIL_SQLITE_H

/* One integer from a query on a raw SQLite connection to path; -999 when it returns no row. */
static inline long long tu_sqlite_int(const char *path, const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *st;
  long long v = -999;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

#endif
