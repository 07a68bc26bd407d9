/*
** cmd_gradebook.c: `salesim gradebook init [LOCATION] [--trainee ROLE]... [--trainer ROLE]...`:
** the trainer's set-up.  Creates or migrates the gradebook; on PostgreSQL also creates the group
** roles salesim_trainee (records and reads only its own sessions) and salesim_trainer (reads
** everything), their grants and row-level policies, and a login role for each --trainee and
** --trainer (docs/classroom.md gives the same SQL).  Safe to run again: it changes only what
** is missing.  Exit 0, or 2 for bad usage or a gradebook that cannot be set up.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gradebook.h"
#include "util.h"

int cmd_gradebook_exec(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "init") != 0)
    return cli_usage_error("gradebook", argc < 2 ? "which action? (init)" : "unknown action '%s'",
                           argc < 2 ? "" : argv[1]);
  static const struct option longopts[] = {
    { "trainee", required_argument, 0, 't' }, { "trainer", required_argument, 0, 'T' },
    { 0, 0, 0, 0 },
  };
  argc--;                          /* from here on argv[0] is "init" */
  argv++;
  const char **trainees = xcalloc((size_t)argc, sizeof *trainees);
  const char **trainers = xcalloc((size_t)argc, sizeof *trainers);
  gb_init_opts o = { trainees, 0, trainers, 0 };
  opterr = 0;
  optind = 1;
  int c, rc = CLI_OK;
  while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
    if ((c == 't' || c == 'T') && !*optarg) { rc = cli_usage_error("gradebook", "%s needs a role name", argv[optind - 2]); break; }
    if (c == 't') trainees[o.n_trainees++] = optarg;
    else if (c == 'T') trainers[o.n_trainers++] = optarg;
    else { rc = cli_usage_error("gradebook", "unknown option or missing value '%s'", argv[optind - 1]); break; }
  }
  if (rc == CLI_OK && optind + 1 < argc)
    rc = cli_usage_error("gradebook", "only one LOCATION, got '%s' and '%s'", argv[optind], argv[optind + 1]);
  if (rc != CLI_OK) { free(trainees); free(trainers); return rc; }
  char *where = optind < argc ? xstrdup(argv[optind]) : gb_default_path();
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
