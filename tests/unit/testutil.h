/* Shared includes for the cmocka unit suites. */
#ifndef SALESIM_TESTUTIL_H
#define SALESIM_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
/* Time bounds are looser under valgrind (the suites that check containment ask). */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#include <stdio.h>
#include <stdlib.h>

/* Test rows kept as data (tests/data/...): a tab-separated file, one row a line, `#` lines and
** blank lines skipped, a missing last column read as "".  Calls check(ctx, file, line_no, cols)
** for each row with exactly `ncols` columns (an assert fails the test on a row of another
** shape, naming it) and returns the number of rows, so a suite can refuse an empty file.
** The row's text lives only during the call. */
typedef void (*tu_row_fn)(void *ctx, const char *file, int line_no, char **cols);
static inline int tu_each_row(const char *path, int ncols, tu_row_fn check, void *ctx) {
  FILE *f = fopen(path, "r");
  if (!f) print_error("%s: cannot open (run from the repository's top folder)\n", path);
  assert_non_null(f);
  char line[4096];
  int rows = 0, no = 0;
  while (fgets(line, sizeof line, f)) {
    no++;
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n') line[--n] = '\0';
    if (n == 0 || line[0] == '#') continue;
    char *cols[8] = {0};
    int k = 0;
    assert_true(ncols > 0 && ncols <= 8);
    for (char *p = line; p && k < 8; k++) {
      cols[k] = p;
      p = strchr(p, '\t');
      if (p) *p++ = '\0';
    }
    if (k == ncols - 1) cols[k++] = line + n;   /* an empty last column lost its tab */
    if (k != ncols) print_error("%s:%d: %d columns, not %d\n", path, no, k, ncols);
    assert_int_equal(k, ncols);
    check(ctx, path, no, cols);
    rows++;
  }
  fclose(f);
  return rows;
}

#include <dirent.h>

/* Calls fn(ctx, path) for every shipped scenario file (the .yaml files of scenarios/ and
** scenarios/examples/, the files the build makes images of) and returns how many. */
typedef void (*tu_file_fn)(void *ctx, const char *path);
static inline int tu_each_shipped_scenario(tu_file_fn fn, void *ctx) {
  static const char *const dirs[] = { "scenarios", "scenarios/examples" };
  int files = 0;
  for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++) {
    DIR *dir = opendir(dirs[k]);
    if (!dir) print_error("%s: cannot open (run from the repository's top folder)\n", dirs[k]);
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
      size_t n = strlen(e->d_name);
      if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0) continue;
      char path[512];
      snprintf(path, sizeof path, "%s/%s", dirs[k], e->d_name);
      fn(ctx, path);
      files++;
    }
    closedir(dir);
  }
  return files;
}
#endif
