/* cmd_report.c: scaffolding until the module that owns this command lands; replaced then. */
#include <stdio.h>
#include "cli.h"

int cmd_report_exec(int argc, char **argv) {
  (void)argc; (void)argv;
  fprintf(stderr, "salesim report: not available in this build yet\n");
  return CLI_USAGE;
}
