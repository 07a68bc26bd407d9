/*
** cmd_check.c: `salesim check FILE...`, the scenario linter (and the message catalogues').  Every problem of every file is
** printed as FILE:LINE:COL: error: MESSAGE (sorted by position within each file) so an editor
** can jump to it.  -v says "FILE: ok" for each valid file; --vars also shows where each state
** variable of a valid file is changed and read; --json gives the same as one JSON document.
** Exit 0 when all files are valid, 1 when any has problems, 2 for bad usage or
** a file that cannot be read at all.
*/
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "scncheck.h"
#include "cli.h"
#include "customer.h"
#include "diag.h"
#include "lint.h"
#include "msg.h"
#include "scenario.h"
#include "text.h"
#include "msg_cli.h"

typedef struct check_opts { int verbose, vars, json; } check_opts;

/* 0 when path is a readable regular file, else prints why on stderr and returns -1. */
static int readable(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);   /* a FIFO must not block here */
  if (fd < 0) {
    char *m = msg_get(MSG_CLI_LANG, "cli.check.unreadable", "path", path, "error", strerror(errno), NULL);
    fprintf(stderr, "%s\n", m);
    free(m);
    return -1;
  }
  struct stat st;
  int rc = fstat(fd, &st);
  close(fd);
  if (rc == 0 && (S_ISDIR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
    char *m = msg_get(MSG_CLI_LANG, "cli.check.unreadable", "path", path, "error",
                      msg_text(MSG_CLI_LANG, S_ISDIR(st.st_mode) ? "cli.check.is_dir" : "cli.check.is_fifo"), NULL);
    fprintf(stderr, "%s\n", m);
    free(m);
    return -1;
  }
  return 0;
}

/* A JSON string of any bytes: a message may quote a file's invalid UTF-8. */
static json_t *jtext(const char *s) {
  char *clean = txt_sanitize(s, strlen(s), NULL);
  json_t *j = json_string(clean);
  free(clean);
  return j ? j : json_string("");
}

/* Runs the behaviour script's chunk once, as play does when it makes the customer and under the
** same caps: a script that compiles but cannot run (a loop or an error at its top level) fails
** check, not the first visit (play-test 32d M3).  Only the script's own problems are kept: the
** conditions were checked by the loader. */
static void run_script(const scenario *s, diag *d) {
  diag mine;
  diag_init(&mine);
  cust_limits lim;
  cust_limits_default(&lim);
  cust_host *h = cust_new(s, 1, &lim, &mine);
  cust_free(h);
  for (int i = 0; i < mine.n; i++)
    if (mine.v[i].file && strcmp(mine.v[i].file, s->behaviour) == 0)
      diag_add(d, mine.v[i].level, mine.v[i].file, mine.v[i].line, mine.v[i].col, "%s", mine.v[i].msg);
  diag_free(&mine);
}

/* Checks one file; prints its problems (and, with vars, where its state is changed and read).
** Returns CLI_OK, CLI_FAIL or CLI_USAGE. */
static int check_one(const char *path, const check_opts *o, json_t *files) {
  if (readable(path) != 0) {
    if (files) json_array_append_new(files, json_pack("{s:o,s:b,s:[{s:i,s:i,s:s,s:s}]}", "path", jtext(path),
                                     "ok", 0, "problems", "line", 0, "col", 0, "level", "error",
                                     "message", msg_text(MSG_CLI_LANG, "cli.check.cannot_read")));
    return CLI_USAGE;
  }
  diag d;
  diag_init(&d);
  scenario *s = NULL;
  int rc;
  if (msg_is_catalogue(path)) {   /* a message catalogue (msg.h): checked against English */
    rc = msg_check_file(path, &d) ? CLI_FAIL : CLI_OK;
  } else {
    s = scc_load(path, &d);
    if (s && d.errors == 0 && s->behaviour && cust_check_script(s->behaviour, &d) == 0)   /* compiles it */
      run_script(s, &d);
    if (s) lint_scenario(s, &d);   /* how it will be read: lexicon errors, keyword warnings */
    rc = (s && d.errors == 0) ? CLI_OK : CLI_FAIL;
  }
  for (int i = 0; i < d.n; i++)   /* a problem without a position: the file could not be read */
    if (d.v[i].line == 0) rc = CLI_USAGE;
  diag_sort(&d);
  if (files) {
    static const char *const level[] = { "error", "warning", "note" };
    json_t *probs = json_array();
    for (int i = 0; i < d.n; i++)
      json_array_append_new(probs, json_pack("{s:i,s:i,s:s,s:o}", "line", d.v[i].line,
                                             "col", d.v[i].col, "level", level[d.v[i].level],
                                             "message", jtext(d.v[i].msg)));
    json_array_append_new(files, json_pack("{s:o,s:b,s:o}", "path", jtext(path), "ok", rc == CLI_OK,
                                           "problems", probs));
  } else {
    diag_print(&d, stderr);
    if (rc == CLI_OK && o->verbose) printf("%s: ok\n", path);
    if (rc == CLI_OK && o->vars && s) scn_print_vars(s, stdout);
  }
  scn_free(s);
  diag_free(&d);
  return rc;
}

/* One option of `check` (cli_parse's on_opt). */
static int check_option(void *ctx, int c, const char *arg) {
  check_opts *o = ctx;
  (void)arg;
  switch (c) {
  case 'v': o->verbose = 1; break;
  case 'V': o->vars = 1; break;
  case 'j': o->json = 1; break;
  case 'B': scn_allow_behaviour_anywhere(1); break;
  default: assert(c == 0);   /* every option of the table has a case */
  }
  return CLI_OK;
}

/* The options, then each file in order; the worst exit status wins.  With --json one
** document on stdout: {"files": [{"path", "ok", "problems": [{line, col, level, message}]}]}. */
int cmd_check_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "verbose", no_argument, 0, 'v' }, { "vars", no_argument, 0, 'V' },
    { "json", no_argument, 0, 'j' }, { "behaviour-anywhere", no_argument, 0, 'B' }, { 0, 0, 0, 0 }
  };
  check_opts o = {0};
  int first, rc = cli_parse("check", argc, argv, "v", longopts, check_option, &o, &first);
  if (rc != CLI_OK) return rc;
  if (first >= argc) return msg_usage("check", "cli.check.no_file", NULL);
  json_t *files = o.json ? json_array() : NULL;
  for (int i = first; i < argc; i++) {
    int r = check_one(argv[i], &o, files);
    if (r > rc) rc = r;
  }
  if (files) {
    json_t *doc = json_pack("{s:o}", "files", files);
    json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(doc);
  }
  return rc;
}
