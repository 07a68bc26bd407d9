/*
** cmd_check.c: `salesim check FILE...`, the scenario linter (and the message catalogues').  Every problem of every file is
** printed as FILE:LINE:COL: error: MESSAGE (sorted by position within each file) so an editor
** can jump to it.  -v says "FILE: ok" for each valid file; --vars also shows where each state
** variable of a valid file is changed and read.  Exit 0 when all files are valid, 1 when any has problems, 2 for bad usage or
** a file that cannot be read at all.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "customer.h"
#include "diag.h"
#include "lint.h"
#include "msg.h"
#include "scenario.h"

/* 0 when path is a readable regular file, else prints why on stderr and returns -1. */
static int readable(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);   /* a FIFO must not block here */
  if (fd < 0) {
    fprintf(stderr, "%s: error: cannot read: %s\n", path, strerror(errno));
    return -1;
  }
  struct stat st;
  int rc = fstat(fd, &st);
  close(fd);
  if (rc == 0 && (S_ISDIR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
    fprintf(stderr, "%s: error: cannot read: %s\n", path,
            S_ISDIR(st.st_mode) ? "is a directory" : "is a FIFO or socket, not a file");
    return -1;
  }
  return 0;
}

/* Checks one file; prints its problems (and, with vars, where its state is changed and read).
** Returns CLI_OK, CLI_FAIL or CLI_USAGE. */
static int check_one(const char *path, int verbose, int vars) {
  if (readable(path) != 0) return CLI_USAGE;
  diag d;
  diag_init(&d);
  if (msg_is_catalogue(path)) {   /* a message catalogue (msg.h): checked against English */
    int errs = msg_check_file(path, &d);
    diag_sort(&d);
    diag_print(&d, stderr);
    if (!errs && verbose) printf("%s: ok\n", path);
    diag_free(&d);
    return errs ? CLI_FAIL : CLI_OK;
  }
  scenario *s = scn_load(path, &d);
  if (s && d.errors == 0 && s->behaviour) cust_check_script(s->behaviour, &d);   /* compiles it */
  if (s) lint_scenario(s, &d);   /* how it will be read: lexicon errors, keyword warnings */
  int rc = (s && d.errors == 0) ? CLI_OK : CLI_FAIL;
  for (int i = 0; i < d.n; i++)   /* a problem without a position: the file could not be read */
    if (d.v[i].line == 0) rc = CLI_USAGE;
  diag_sort(&d);
  diag_print(&d, stderr);
  if (rc == CLI_OK && verbose) printf("%s: ok\n", path);
  if (rc == CLI_OK && vars) scn_print_vars(s, stdout);
  scn_free(s);
  diag_free(&d);
  return rc;
}

/* Options first (-v, --vars, --), then each file in order; the worst exit status wins. */
int cmd_check_exec(int argc, char **argv) {
  int verbose = 0, vars = 0, files = 0, rc = CLI_OK, opts = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }
    if (opts && (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)) { verbose = 1; continue; }
    if (opts && strcmp(a, "--vars") == 0) { vars = 1; continue; }
    if (opts && strcmp(a, "--behaviour-anywhere") == 0) { scn_allow_behaviour_anywhere(1); continue; }
    if (opts && a[0] == '-' && a[1]) return cli_usage_error("check", "unknown option '%s'", a);
  }
  opts = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }
    if (opts && a[0] == '-' && a[1]) continue;
    files++;
    int r = check_one(a, verbose, vars);
    if (r > rc) rc = r;
  }
  if (!files) return cli_usage_error("check", "no scenario file given");
  return rc;
}
