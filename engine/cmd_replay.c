/* cmd_replay.c: scaffolding until the module that owns this command lands; replaced then. */
#include <stdio.h>
#include "cli.h"

int cmd_replay_exec(int argc, char **argv) {
  (void)argc; (void)argv;
  fprintf(stderr, "salesim replay: not available in this build yet\n");
  return CLI_USAGE;
}
