/*
** cmd_test.c: `salesim test PATH... [--walks N] [--seed S] [--strict] [-v] [--coverage]`.
** Runs the playthrough tests written in scenario files (testplan.c) and, with --walks, random
** walks through each scenario (walk.c).  One line per test, then exactly "N passed, N failed".
** Exit 0 when every test passed, 1 when one failed (or, with --strict, a walk warned), 2 when a
** scenario could not be loaded or the command was used wrongly.
*/
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scncheck.h"
#include "classify.h"
#include "classify_cache.h"
#include "cli.h"
#include "msg.h"
#include "msg_cli.h"
#include "scenario.h"
#include "scnfind.h"
#include "testplan.h"
#include "util.h"
#include "coverage.h"
#include "walk.h"

typedef struct files { char **v; int n, cap; } files;

static void files_add(files *f, char *path) {
  f->v = xgrow(f->v, f->n, &f->cap, sizeof *f->v, 16);
  f->v[f->n++] = path;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Adds every *.yaml under dir (sorted, hidden entries skipped, depth-limited against loops). */
static int collect_dir(const char *dir, files *f, int depth) {
  if (depth > 16) return 0;
  DIR *d = opendir(dir);
  if (!d) { msg_eprint("test", "cli.path_error", "path", dir, "error", strerror(errno), NULL); return -1; }
  files here = {0};
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    files_add(&here, xasprintf("%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name));
  }
  closedir(d);
  if (here.n) qsort(here.v, (size_t)here.n, sizeof *here.v, cmp_str);
  int rc = 0;
  for (int i = 0; i < here.n; i++) {
    struct stat st;
    if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      if (collect_dir(here.v[i], f, depth + 1) < 0) rc = -1;
      free(here.v[i]);
    } else if (ends_with(here.v[i], ".yaml")) {
      files_add(f, here.v[i]);
    } else {
      free(here.v[i]);
    }
  }
  free(here.v);
  return rc;
}

static int collect(const char *path, files *f) {
  struct stat st;
  if (stat(path, &st) != 0) {
    /* not a file: a shipped scenario's name ("it-trial"), else "did you mean" (scnfind.c) */
    int err = errno;
    char *named = err == ENOENT ? scnfind_resolve("test", path) : NULL;   /* NULL: it said why */
    if (named && strcmp(named, path) != 0 && stat(named, &st) == 0 && S_ISREG(st.st_mode)) {
      files_add(f, named);
      return 0;
    }
    if (named || err != ENOENT) msg_eprint("test", "cli.path_error", "path", path, "error", strerror(err), NULL);
    free(named);
    return -1;
  }
  if (S_ISDIR(st.st_mode)) return collect_dir(path, f, 0);
  files_add(f, xstrdup(path));
  return 0;
}

typedef struct opts {
  int walks, strict, verbose, coverage;
  uint64_t seed;
} opts;

/* Random walks of one scenario: a summary line and its warnings; returns the warning count. */
static int run_walks(const scenario *sc, const opts *o, FILE *out, int *broken, cov_set *cov,
                     cls_classifier *cls, cls_cache *reader) {
  walk_options wo = { .walks = o->walks, .seed = o->seed, .coverage = cov, .classifier = cls,
                      .reader = reader };
  walk_stats st;
  diag d;
  diag_init(&d);
  int rc = walk_scenario(sc, &wo, &d, &st);
  int warnings = d.warnings;
  char sessions[16], turns[16], count[16];
  snprintf(sessions, sizeof sessions, "%d", st.sessions);
  snprintf(turns, sizeof turns, "%d", st.turns);
  snprintf(count, sizeof count, "%d", warnings);
  char *line = msg_get(MSG_CLI_LANG, "cli.test.walks", "id", sc->id, "sessions", sessions,
                       "turns", turns, "count", count, NULL);
  fprintf(out, "%s\n", line);
  free(line);
  diag_sort(&d);
  diag_print(&d, out);
  if (rc < 0) *broken = 1;
  diag_free(&d);
  return warnings;
}

/* A whole number option value (--walks, --seed) into *v, or a usage error. */
static int number(const char *name, const char *arg, unsigned long long *v) {
  char *end;
  errno = 0;
  *v = strtoull(arg, &end, 10);
  if (errno || *end || !*arg || arg[0] == '-')
    return msg_usage("test", "cli.test.not_number", "option", name, "value", arg, NULL);
  return CLI_OK;
}

/* One option of `test` (cli_parse's on_opt). */
static int test_option(void *ctx, int c, const char *arg) {
  opts *o = ctx;
  unsigned long long v;
  switch (c) {
  case 'w':
    if (number("--walks", arg, &v) != CLI_OK) return CLI_USAGE;
    if (v > 100000) return msg_usage("test", "cli.test.walks_max", "max", "100000", NULL);
    o->walks = (int)v;
    break;
  case 'S':
    if (number("--seed", arg, &v) != CLI_OK) return CLI_USAGE;
    o->seed = (uint64_t)v;
    break;
  case 'B': scn_allow_behaviour_anywhere(1); break;
  case 's': o->strict = 1; break;
  case 'v': o->verbose = 1; break;
  case 'c': o->coverage = 1; break;
  default: assert(0);   /* an option of the table without a case */
  }
  return CLI_OK;
}

/* The options, then every scenario file the operands name (a directory: the files under it). */
static int parse_args(int argc, char **argv, opts *o, files *f) {
  static const struct option longopts[] = {
    { "walks", required_argument, 0, 'w' }, { "seed", required_argument, 0, 'S' },
    { "behaviour-anywhere", no_argument, 0, 'B' }, { "strict", no_argument, 0, 's' },
    { "verbose", no_argument, 0, 'v' }, { "coverage", no_argument, 0, 'c' }, { 0, 0, 0, 0 }
  };
  int first, rc = cli_parse("test", argc, argv, "v", longopts, test_option, o, &first);
  if (rc != CLI_OK) return rc;
  if (first >= argc) return msg_usage("test", "cli.test.no_path", NULL);
  for (int i = first; i < argc; i++)
    if (collect(argv[i], f) < 0) rc = CLI_USAGE;
  return rc;
}

int cmd_test_exec(int argc, char **argv) {
  opts o = { .seed = 1 };
  files f = {0};
  int rc = parse_args(argc, argv, &o, &f);
  if (rc == 0 && f.n == 0) {
    msg_eprint("test", "cli.test.no_files", NULL);
    rc = CLI_USAGE;
  }
  if (rc != 0) {
    for (int i = 0; i < f.n; i++) free(f.v[i]);
    free(f.v);
    return rc;
  }
  tp_options to = { .verbose = o.verbose };
  tp_counts c = {0};
  int unusable = 0, strict_failed = 0;
  for (int i = 0; i < f.n; i++) {
    diag d;
    diag_init(&d);
    scenario *sc = scc_load(f.v[i], &d);
    if (!sc) {
      fflush(stdout);
      diag_print(&d, stderr);
      if (d.n == 0) msg_fprint(stderr, "cli.test.not_loaded", "path", f.v[i], NULL);
      msg_fprint(stdout, "cli.test.fail_load", "path", f.v[i], NULL);
      unusable = 1;
      c.failed++;
      diag_free(&d);
      continue;
    }
    fflush(stdout);   /* (the lines before stay before them: play-test 31c L6) */
    diag_print(&d, stderr);   /* warnings of a valid file */
    diag_free(&d);
    if (sc->n_tests == 0) msg_fprint(stdout, "cli.test.no_tests", "file", sc->file, "id", sc->id, NULL);
    cov_set *cov = o.coverage ? cov_new(sc) : NULL;
    to.coverage = cov;
    /* one classifier for the scenario's tests and its walks: a rung's example asks are then read
    ** once (cls_rung_needs_no_who keeps the answer).  When it cannot be built, the tests and the
    ** walks each try, and say why, as before. */
    diag cd;
    diag_init(&cd);
    cls_classifier *cls = sc->n_tests > 0 || o.walks > 0 ? cls_new(sc->language, sc, &cd) : NULL;
    diag_free(&cd);
    to.classifier = cls;
    /* and one reading of each line for both: cls_classify depends on cls and the line alone */
    cls_cache *reader = cls ? cls_cache_new(cls, 0) : NULL;
    to.reader = reader;
    tp_run_scenario(sc, &to, stdout, &c);
    if (o.walks > 0) {
      int broken = 0;
      int w = run_walks(sc, &o, stdout, &broken, cov, cls, reader);
      if (broken) unusable = 1;
      if (o.strict && w > 0) {
        char count[16];
        snprintf(count, sizeof count, "%d", w);
        msg_fprint(stdout, "cli.test.strict_fail", "id", sc->id, "count", count, NULL);
        strict_failed++;
      }
    }
    if (cov) cov_print(cov, stdout);   /* what no test or walk reached */
    cov_free(cov);
    cls_cache_free(reader);
    if (cls) cls_free(cls);
    fflush(stdout);
    scn_free(sc);
  }
  if (c.unusable) unusable = 1;
  char passed[16], failed[16];
  snprintf(passed, sizeof passed, "%d", c.passed);
  snprintf(failed, sizeof failed, "%d", c.failed + strict_failed);
  msg_fprint(stdout, "cli.test.total", "passed", passed, "failed", failed, NULL);
  for (int i = 0; i < f.n; i++) free(f.v[i]);
  free(f.v);
  if (unusable) return CLI_USAGE;
  return c.failed + strict_failed ? CLI_FAIL : CLI_OK;
}
