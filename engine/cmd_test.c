/* cmd_test.c: scaffolding until the module that owns this command lands; replaced then. */
#include <stdio.h>
#include "cli.h"

int cmd_test_exec(int argc, char **argv) {
  (void)argc; (void)argv;
  fprintf(stderr, "salesim test: not available in this build yet\n");
  return CLI_USAGE;
}
