/*
** msg_cli.c: a command's terminal messages from the catalogues (msg_cli.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "msg.h"
#include "msg_cli.h"

void msg_eprint(const char *cmd, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  if (cmd) fprintf(stderr, "salesim %s: %s\n", cmd, m);
  else fprintf(stderr, "salesim: %s\n", m);
  free(m);
}

int msg_usage(const char *cmd, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  int rc = cli_usage_error(cmd, "%s", m);
  free(m);
  return rc;
}
