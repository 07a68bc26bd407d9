/*
** cli.h: the command table.  One file per command (engine/cmd_NAME.c), each exporting
** cmd_NAME_exec; main.c dispatches.  Exit codes: 0 success, 1 a failed test or check,
** 2 bad usage or unreadable input.
*/
#ifndef SALESIM_CLI_H
#define SALESIM_CLI_H

#include <getopt.h>
#include <stdio.h>

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef struct cli_command {
  const char *name;      /* its words: catalogue keys cli.help.NAME(.usage, .options) */
  int (*exec)(int argc, char **argv);   /* argv[0] is the command name */
} cli_command;

const cli_command *cli_find(const char *name);
/* Prints "usage: ..." and the help text of a command. */
void cli_print_help(const cli_command *c, FILE *out);
/* Reports bad usage on stderr ("salesim CMD: MESSAGE" and the usage line); returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The list of commands (salesim --help). */
void cli_print_usage(FILE *out);
/* 1 when argv holds -h or --help (before any "--"). */
int cli_wants_help(int argc, char **argv);
/* The command nearest to a mistyped name ("plya" -> "play"), or NULL. */
const char *cli_suggest_command(const char *name);

/* One option parser for every command: getopt_long over argv (argv[0] is the command name),
** so "--opt=value" and "--opt value" both work, options and operands may mix (operands are
** moved to the end) and "--" ends the options.  on_opt(ctx, val, optarg) is called for each
** option found and returns CLI_OK or an exit code (from cli_usage_error) that stops the parse.
** An unknown option is reported with the nearest known one ("did you mean '--seed'?"), a
** missing value as "'--seed' needs a value".  Returns CLI_OK with *first_operand set to the
** index of the first operand (argc when none), or the exit code. */
typedef int (*cli_opt_fn)(void *ctx, int val, const char *arg);
int cli_parse(const char *cmd, int argc, char **argv, const char *shortopts,
              const struct option *longopts, cli_opt_fn on_opt, void *ctx, int *first_operand);

int cmd_play_exec(int argc, char **argv);
int cmd_check_exec(int argc, char **argv);
int cmd_test_exec(int argc, char **argv);
int cmd_classify_exec(int argc, char **argv);
int cmd_links_exec(int argc, char **argv);
int cmd_report_exec(int argc, char **argv);
int cmd_replay_exec(int argc, char **argv);
int cmd_list_exec(int argc, char **argv);
int cmd_record_exec(int argc, char **argv);
int cmd_gradebook_exec(int argc, char **argv);
int cmd_next_exec(int argc, char **argv);
int cmd_init_scenario_exec(int argc, char **argv);
int cmd_i18n_exec(int argc, char **argv);

#endif
