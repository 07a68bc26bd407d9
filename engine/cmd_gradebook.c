/*
** cmd_gradebook.c: `salesim gradebook init [LOCATION] [--trainee ROLE]... [--trainer ROLE]...`:
** the trainer's set-up.  Creates or migrates the gradebook; on PostgreSQL also creates the group
** roles salesim_trainee (records and reads only its own sessions) and salesim_trainer (reads
** everything), their grants and row-level policies, and a login role for each --trainee and
** --trainer (docs/classroom.md gives the same SQL).  Safe to run again: it changes only what
** is missing.  Exit 0, or 2 for bad usage or a gradebook that cannot be set up.
*/
#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gradebook.h"
#include "util.h"
#include "msg_cli.h"

/* One option of `gradebook init` (cli_parse's on_opt): a role for the trainee or trainer list. */
typedef struct role_lists { const char **trainees, **trainers; int n_trainees, n_trainers; } role_lists;

static int gradebook_option(void *ctx, int c, const char *arg) {
  role_lists *r = ctx;
  assert(c == 't' || c == 'T');
  if (!*arg) return msg_usage("gradebook", "cli.gradebook.role_name", "option", c == 't' ? "--trainee" : "--trainer", NULL);
  if (c == 't') r->trainees[r->n_trainees++] = arg;
  else r->trainers[r->n_trainers++] = arg;
  return CLI_OK;
}

int cmd_gradebook_exec(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "init") != 0)
    return argc < 2 ? msg_usage("gradebook", "cli.gradebook.which_action", NULL)
                    : msg_usage("gradebook", "cli.gradebook.unknown_action", "action", argv[1], NULL);
  static const struct option longopts[] = {
    { "trainee", required_argument, 0, 't' }, { "trainer", required_argument, 0, 'T' },
    { 0, 0, 0, 0 },
  };
  argc--;                          /* from here on argv[0] is "init" */
  argv++;
  /* at most one role per argument, so argc bounds each list */
  const char **trainees = xcalloc((size_t)argc, sizeof *trainees);
  const char **trainers = xcalloc((size_t)argc, sizeof *trainers);
  role_lists r = { trainees, trainers, 0, 0 };
  int first, rc = cli_parse("gradebook", argc, argv, "", longopts, gradebook_option, &r, &first);
  gb_init_opts o = { trainees, r.n_trainees, trainers, r.n_trainers };
  if (rc == CLI_OK && first + 1 < argc)
    rc = msg_usage("gradebook", "cli.gradebook.one_location", "first", argv[first], "second", argv[first + 1], NULL);
  if (rc != CLI_OK) { free(trainees); free(trainers); return rc; }
  char *where = first < argc ? xstrdup(argv[first]) : gb_default_path();
  char err[1024];
  gb *g = gb_open(where, err, sizeof err);
  free(where);
  strbuf log = {0};
  if (!g || gb_init(g, &o, &log, err, sizeof err) != 0) {
    fprintf(stderr, "salesim gradebook: %s\n", err);
    rc = CLI_USAGE;
  } else {
    fputs(log.s ? log.s : "", stdout);
  }
  gb_close(g);
  sb_free(&log);
  free(trainees);
  free(trainers);
  return rc;
}
