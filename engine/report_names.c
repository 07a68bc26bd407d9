/*
** report_names.c: is a name given to `report --trainee/--scenario` or `next --trainee` in the
** gradebook, and if not, which recorded name was meant (report.h).  A filter that matches no
** name used to print an empty report, "No sessions recorded yet.", with exit 0 (play-test 30c
** finding 6: "bob smith" for "Bob Smith", "it-trail" for "it-trial").
*/
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "suggest.h"
#include "util.h"

/* 1 when a and b are equal but for ASCII case. */
static int same_but_case(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return *a == *b;
}

/* qsort's order of two names: bytewise, so every backend suggests the same one of a tie. */
static int by_bytes(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* See report.h.  One pass over the distinct names (the covering index's leading column for
** trainees); only a command that found nothing asks, so a large class pays once, on an error. */
int rep_name_known(gb *g, const char *column, const char *name, char **near, char *err, size_t errlen) {
  assert(strcmp(column, "trainee") == 0 || strcmp(column, "scenario") == 0);
  *near = NULL;
  const char *sql = strcmp(column, "trainee") == 0 ? "SELECT DISTINCT trainee FROM sessions"
                                                   : "SELECT DISTINCT scenario FROM sessions";
  if (gb_begin_read(g, err, errlen) != 0) return -1;
  gb_rows *r = gb_query(g, sql, 0, NULL, err, errlen);
  if (!r) { gb_end_read(g); return -1; }
  char **names = NULL, *cased = NULL;
  size_t n = 0;
  int found = 0, step;
  while ((step = gb_step(g, r, err, errlen)) == 1) {
    const char *s = gb_text(g, r, 0);
    if (!s) continue;
    if (strcmp(s, name) == 0) found = 1;
    else if (!cased && same_but_case(s, name)) cased = xstrdup(s);   /* "bob smith" for "Bob Smith" */
    names = xrealloc(names, (n + 1) * sizeof *names);
    names[n++] = xstrdup(s);
  }
  gb_rows_free(g, r);
  gb_end_read(g);
  if (step == 0 && !found) {
    if (n) qsort(names, n, sizeof *names, by_bytes);
    const char *s = cased ? cased : sug_nearest(name, (const char *const *)names, n);
    if (s) *near = xstrdup(s);
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  free(cased);
  return step < 0 ? -1 : found;
}
