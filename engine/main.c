/*
** main.c: the salesim command line.  Dispatches to one command per file (cli.h, cli.c).
*/
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

/* Only the character type (readline's and wcwidth's UTF-8): numbers must keep the C locale's
** decimal point in JSON and CSV, and loading every category costs a file each.  salesim reads
** and writes UTF-8 whatever the locale says: under LANG=C (a typical ssh login) readline would
** take each byte of a Chinese character for a separate Latin-1 one, so a UTF-8 character type
** is switched to when one exists; otherwise `play` warns at start.  Returns 1 when UTF-8. */
static int utf8_ctype(void) {
  setlocale(LC_CTYPE, "");
  const char *cs = nl_langinfo(CODESET);
  if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0)) return 1;
  static const char *const tries[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "zh_CN.UTF-8", NULL };
  for (int i = 0; tries[i]; i++)
    if (setlocale(LC_CTYPE, tries[i])) {
      /* readline takes its character type from LC_ALL / LC_CTYPE / LANG in the environment
      ** (and sets it again), so the environment must say the same */
      setenv("LC_ALL", tries[i], 1);
      return 1;
    }
  return 0;
}

int main(int argc, char **argv) {
  /* Blocks up to 32 MiB come from the heap, not from mmap: the file read, the YAML tree and its
  ** arena are freed once the scenario is built, and with their own mappings every page of them
  ** went back to the kernel, for the customer's Lua and the reader to fault in fresh pages (a
  ** page fault per 4 KiB: a third of the 100x scenario's start-up was the kernel's). */
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  int utf8 = utf8_ctype();
  if (!utf8 && argc > 1 && strcmp(argv[1], "play") == 0 && isatty(STDIN_FILENO))
    msg_eprint(NULL, "cli.no_utf8_locale", NULL);
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
    const char *near = cli_suggest_command(argv[1]);
    if (near) {   /* a typo: the one line that helps, not the whole list */
      msg_eprint(NULL, "cli.unknown_command_near", "command", argv[1], "near", near, NULL);
      return CLI_USAGE;
    }
    msg_eprint(NULL, "cli.unknown_command", "command", argv[1], NULL);
    cli_print_usage(stderr);
    return CLI_USAGE;
  }
  if (cli_wants_help(argc - 1, argv + 1)) { cli_print_help(c, stdout); return CLI_OK; }
  int rc = c->exec(argc - 1, argv + 1);
  /* Output that never arrived (stdout on a full disk, a closed pipe) is a failure, not exit 0:
  ** the command's own work (a transcript, a gradebook row) is already saved by now. */
  errno = 0;
  if ((fflush(stdout) != 0 || ferror(stdout)) && rc == CLI_OK) {
    msg_eprint(argv[1], "cli.stdout_failed", "error", errno ? strerror(errno) : msg_text(MSG_CLI_LANG, "cli.write_error"), NULL);
    rc = CLI_FAIL;
  }
  return rc;
}
