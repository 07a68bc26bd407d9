/*
** main.c: the salesim command line.  Dispatches to one command per file (cli.h, cli.c).
*/
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "util.h"

int main(int argc, char **argv) {
  /* Only the character type (readline's and wcwidth's UTF-8): numbers must keep the C
  ** locale's decimal point in JSON and CSV, and loading every category costs a file each. */
  setlocale(LC_CTYPE, "");
  /* Past `ulimit -f` a write fails with EFBIG (and the temp file is removed) instead of the
  ** process being killed by SIGXFSZ mid-write. */
  signal(SIGXFSZ, SIG_IGN);
  if (argc < 2) { cli_print_usage(stderr); return CLI_USAGE; }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    if (argc > 2 && cli_find(argv[2])) cli_print_help(cli_find(argv[2]), stdout);
    else cli_print_usage(stdout);
    return CLI_OK;
  }
  if (strcmp(argv[1], "--version") == 0) { printf("salesim %s\n", SALESIM_VERSION); return CLI_OK; }
  const cli_command *c = cli_find(argv[1]);
  if (!c) {
    fprintf(stderr, "salesim: unknown command '%s'\n", argv[1]);
    cli_print_usage(stderr);
    return CLI_USAGE;
  }
  if (cli_wants_help(argc - 1, argv + 1)) { cli_print_help(c, stdout); return CLI_OK; }
  return c->exec(argc - 1, argv + 1);
}
