/*
** cli.c: the command table and the helpers every command shares (cli.h); every word they
** print is the message catalogues' (cli.help.*, cli.opt.*), in the commands' language.
*/
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "msg.h"
#include "msg_cli.h"
#include "suggest.h"
#include "util.h"

/* The commands, in the order `salesim --help` lists them.  Their words (usage line, summary,
** options) are the catalogue's cli.help.NAME.usage, cli.help.NAME and cli.help.NAME.options. */
static const cli_command commands[] = {
  { .name = "play", .exec = cmd_play_exec },
  { .name = "check", .exec = cmd_check_exec },
  { .name = "test", .exec = cmd_test_exec },
  { .name = "classify", .exec = cmd_classify_exec },
  { .name = "links", .exec = cmd_links_exec },
  { .name = "report", .exec = cmd_report_exec },
  { .name = "replay", .exec = cmd_replay_exec },
  { .name = "record", .exec = cmd_record_exec },
  { .name = "gradebook", .exec = cmd_gradebook_exec },
  { .name = "next", .exec = cmd_next_exec },
  { .name = "init-scenario", .exec = cmd_init_scenario_exec },
  { .name = "i18n", .exec = cmd_i18n_exec },
  { .name = "list", .exec = cmd_list_exec },
};

/* The text of a command's catalogue key cli.help.NAME plus suffix ("" or ".usage" or
** ".options") in the commands' language; the caller frees it. */
static char *help_text(const cli_command *c, const char *suffix) {
  char key[64];
  int n = snprintf(key, sizeof key, "cli.help.%s%s", c->name, suffix);
  assert(n > 0 && (size_t)n < sizeof key);
  return msg_get(MSG_CLI_LANG, key, NULL);
}

const cli_command *cli_find(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  return NULL;
}

void cli_print_help(const cli_command *c, FILE *out) {
  char *usage = help_text(c, ".usage"), *summary = help_text(c, ""), *options = help_text(c, ".options");
  char *line = msg_get(MSG_CLI_LANG, "cli.help.usage_line", "usage", usage, NULL);
  fprintf(out, "%s\n%s\n", line, summary);
  if (*options) fprintf(out, "\n%s", options);
  free(line); free(options); free(summary); free(usage);
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "salesim %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  const cli_command *c = cli_find(cmd);
  if (c) {
    char *usage = help_text(c, ".usage");
    char *line = msg_get(MSG_CLI_LANG, "cli.help.usage_line", "usage", usage, NULL);
    char *more = msg_get(MSG_CLI_LANG, "cli.help.more", "command", cmd, NULL);
    fprintf(stderr, "%s\n%s\n", line, more);
    free(more); free(line); free(usage);
  }
  return CLI_USAGE;
}

int cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) break;
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return 1;
  }
  return 0;
}

const char *cli_suggest_command(const char *name) {
  const char *names[sizeof commands / sizeof *commands];
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) names[i] = commands[i].name;
  return sug_nearest(name, names, sizeof commands / sizeof *commands);
}

/* An option as typed, without "=value", into buf: the long one in argv[at - 1] when long is
** set, else "-C" for the short option character c. */
static const char *typed_option(int argc, char **argv, int at, int is_long, int c, char *buf, size_t n) {
  if (!is_long || at < 1 || at > argc) { snprintf(buf, n, "-%c", c ? c : '?'); return buf; }
  const char *a = argv[at - 1];
  int len = (int)strcspn(a, "=");
  snprintf(buf, n, "%.*s", len, a);
  return buf;
}

/* Reports an unknown option with the nearest known one, long or short. */
static int unknown_option(const char *cmd, const char *typed, const char *shortopts,
                          const struct option *lo) {
  enum { MAX_CANDS = 64 };
  const char *cands[MAX_CANDS];
  char bufs[MAX_CANDS][40];
  size_t n = 0;
  for (; lo && lo->name && n < MAX_CANDS; lo++, n++) {
    snprintf(bufs[n], sizeof bufs[n], "--%s", lo->name);
    cands[n] = bufs[n];
  }
  for (const char *s = shortopts; s && *s && n < MAX_CANDS; s++)
    if (*s != ':') { snprintf(bufs[n], sizeof bufs[n], "-%c", *s); cands[n] = bufs[n]; n++; }
  const char *near = sug_nearest(typed, cands, n);
  if (near) return msg_usage(cmd, "cli.opt.unknown_near", "option", typed, "near", near, NULL);
  return msg_usage(cmd, "cli.opt.unknown", "option", typed, NULL);
}

int cli_parse(const char *cmd, int argc, char **argv, const char *shortopts,
              const struct option *longopts, cli_opt_fn on_opt, void *ctx, int *first_operand) {
  assert(cmd && argv && on_opt && first_operand);
  char spec[64];
  /* ':' first: a missing value comes back as ':' rather than '?', so it can be told apart */
  snprintf(spec, sizeof spec, ":%s", shortopts ? shortopts : "");
  static const struct option none[] = { { 0, 0, 0, 0 } };
  if (!longopts) longopts = none;
  optind = 0;   /* glibc: 0 starts a fresh scan (1 would keep the state of a previous one) */
  opterr = 0;
  int c;
  char typed[80];
  while ((c = getopt_long(argc, argv, spec, longopts, NULL)) != -1) {
    /* glibc: an unknown long option leaves optopt 0; a long one missing its value is the
    ** argument just passed */
    if (c == '?')
      return unknown_option(cmd, typed_option(argc, argv, optind, optopt == 0, optopt, typed,
                                              sizeof typed), shortopts, longopts);
    if (c == ':') {
      int is_long = optind >= 1 && optind <= argc && strncmp(argv[optind - 1], "--", 2) == 0;
      return msg_usage(cmd, "cli.opt.needs_value", "option",
                       typed_option(argc, argv, optind, is_long, optopt, typed, sizeof typed), NULL);
    }
    int rc = on_opt(ctx, c, optarg);
    if (rc != CLI_OK) return rc;
  }
  *first_operand = optind;
  return CLI_OK;
}

void cli_print_usage(FILE *out) {
  char *title = msg_get(MSG_CLI_LANG, "cli.help.title", "version", SALESIM_VERSION, NULL);
  char *synopsis = msg_get(MSG_CLI_LANG, "cli.help.synopsis", NULL);
  fprintf(out, "%s\n\n%s\n\n", title, synopsis);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
    char *summary = help_text(&commands[i], "");
    fprintf(out, "  %-13s %s\n", commands[i].name, summary);
    free(summary);
  }
  char *footer = msg_get(MSG_CLI_LANG, "cli.help.footer", NULL);
  fprintf(out, "\n%s", footer);
  free(footer); free(synopsis); free(title);
}
