/*
** cli.c: the command table and the helpers every command shares (cli.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "util.h"

static const cli_command commands[] = {
  { .name = "play", .exec = cmd_play_exec,
    .usage = "salesim play SCENARIO [options]",
    .summary = "practise a customer visit (interactive on a terminal)",
    .help =
      "  --script FILE       read the trainee's lines from FILE (one per line)\n"
      "  --seed N            repeatable customer choices\n"
      "  --lang zh|en        language of the interface (default: the scenario's)\n"
      "  --trainee NAME      record the session in the gradebook under NAME\n"
      "  --gradebook PATH    gradebook file (default: $SALESIM_GRADEBOOK or the data dir)\n"
      "  --transcript PATH   where to save the transcript (default: the data dir)\n"
      "  --json              print the debrief as one JSON document on stdout\n"
      "  --markdown FILE     also write the debrief as Markdown\n"
      "  --html FILE         also write the debrief as a self-contained HTML page\n"
      "  --no-color          no colour (also: NO_COLOR set, or not a terminal)\n"
      "  --behaviour-anywhere  accept a behaviour script outside the scenario's folder\n"
      "  --full              the whole debrief on a terminal, not only its first screen\n" },
  { .name = "check", .exec = cmd_check_exec,
    .usage = "salesim check FILE...",
    .summary = "validate scenario files (FILE:LINE:COL: error: MESSAGE)",
    .help =
      "  -v, --verbose       also print FILE: ok for each valid file\n"
      "  --vars              show where each state variable starts, is changed and is read\n"
      "  --behaviour-anywhere  accept a behaviour script outside the scenario's folder\n"
      "  Exit 0 when every file is valid, 1 with problems, 2 for an unreadable file.\n" },
  { .name = "test", .exec = cmd_test_exec,
    .usage = "salesim test PATH... [--walks N] [--seed S] [--strict] [-v] [--coverage]",
    .summary = "run the playthrough tests written in scenario files",
    .help =
      "  PATH is a scenario file or a directory of them.\n"
      "  --walks N           also play N random sessions per scenario (default 0)\n"
      "  --seed S            seed of the random walks\n"
      "  --strict            walk warnings (Lua errors, dead ends, unreached content) fail the run\n"
      "  -v, --verbose       show every turn of every test, passing ones too\n"
      "  --coverage          list the needs, benefits, objections, rungs, reactions and line keys\n"
      "                      no test (or walk) reached\n"
      "  --behaviour-anywhere  accept behaviour scripts outside their scenario's folder\n" },
  { .name = "classify", .exec = cmd_classify_exec,
    .usage = "salesim classify [--lang zh|en] [--scenario FILE] [--json] [TEXT | -]",
    .summary = "show how a line is read (moves, slots, what matched)",
    .help =
      "  --lang zh|en        lexicon language (default: guessed from the text)\n"
      "  --scenario FILE     add the scenario's keywords and lexicon\n"
      "  --json              one JSON object per line\n"
      "  -                   read lines from standard input\n" },
  { .name = "report", .exec = cmd_report_exec,
    .usage = "salesim report GRADEBOOK [--format text|csv|html] [-o FILE] [--scenario ID] [--trainee NAME] [--since DATE]",
    .summary = "class report from a gradebook",
    .help =
      "  GRADEBOOK           the class gradebook (default: $SALESIM_GRADEBOOK)\n"
      "  --format text|csv|html   text for the terminal (default), CSV, or one HTML page\n"
      "  -o FILE             write the report to FILE (atomically) instead of stdout\n"
      "  --scenario ID       only sessions of this scenario\n"
      "  --trainee NAME      only this trainee\n"
      "  --since DATE        only sessions started on or after DATE (UTC, YYYY-MM-DD)\n" },
  { .name = "replay", .exec = cmd_replay_exec,
    .usage = "salesim replay TRANSCRIPT [--json|--markdown FILE|--html FILE] [--delay SECONDS] [--full]",
    .summary = "show a saved session and its debrief again (for a projector)",
    .help =
      "  --delay SECONDS     pause between turns (0 to 60), for a projector\n"
      "  --json              print the debrief JSON instead\n"
      "  --markdown FILE     also write the debrief as Markdown\n"
      "  --html FILE         also write the debrief as HTML\n"
      "  --no-color          no colour\n"
      "  --full              the whole debrief on a terminal, not only its first screen\n"
      "  A transcript cut short (a crash, a closed terminal) is played again from its\n"
      "  scenario, seed and lines to rebuild its debrief.\n" },
  { .name = "i18n", .exec = cmd_i18n_exec,
    .usage = "salesim i18n export|import|pseudo [--lang LANG] [SCENARIO...] [-o FILE]",
    .summary = "translators' sheets (CSV) of the message catalogues and scenarios",
    .help =
      "  export [--lang LANG] [SCENARIO...]   one CSV sheet: id,source,translation\n"
      "  import SHEET.csv [--lang LANG] [SCENARIO...] [-o LANG.yaml]\n"
      "                      report missing, stale and extra rows; with -o write LANG's catalogue\n"
      "  pseudo [--lang qps] the pseudo-locale test catalogue (every text in markers)\n"
      "  --plural none|one_other   how LANG chooses plural forms (default: its catalogue's)\n"
      "  -o FILE             write to FILE (atomically) instead of stdout\n" },
  { .name = "list", .exec = cmd_list_exec,
    .usage = "salesim list [DIR]",
    .summary = "list scenarios: id, language, difficulty, minutes, title",
    .help = "  DIR defaults to the shipped scenarios.\n" },
};

const cli_command *cli_find(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  return NULL;
}

void cli_print_help(const cli_command *c, FILE *out) {
  fprintf(out, "usage: %s\n%s\n", c->usage, c->summary);
  if (c->help && *c->help) fprintf(out, "\n%s", c->help);
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "salesim %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  const cli_command *c = cli_find(cmd);
  if (c) fprintf(stderr, "usage: %s\n(salesim %s --help for more)\n", c->usage, cmd);
  return CLI_USAGE;
}

int cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) break;
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return 1;
  }
  return 0;
}

void cli_print_usage(FILE *out) {
  fprintf(out, "salesim %s: a terminal sales-practice game\n\nusage: salesim COMMAND [ARGS]\n\n",
          SALESIM_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\nsalesim COMMAND --help for a command's options; docs/ for the guides.\n");
}

