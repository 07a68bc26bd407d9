/*
** cli.c: the command table and the helpers every command shares (cli.h).
*/
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "suggest.h"
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
      "  --gradebook WHERE   gradebook file or postgresql://USER@HOST/DB (default:\n"
      "                      $SALESIM_GRADEBOOK or the data dir)\n"
      "  --transcript PATH   where to save the transcript (default: the data dir)\n"
      "  --json              print the debrief as one JSON document on stdout\n"
      "  --markdown FILE     also write the debrief as Markdown\n"
      "  --html FILE         also write the debrief as a self-contained HTML page\n"
      "  --no-color          no colour (also --no-colour; NO_COLOR set, or not a terminal)\n"
      "  --behaviour-anywhere  accept a behaviour script outside the scenario's folder\n"
      "  --full              the whole debrief on a terminal, not only its first screen\n" },
  { .name = "check", .exec = cmd_check_exec,
    .usage = "salesim check [--json] [-v] [--vars] FILE...",
    .summary = "validate scenario files (FILE:LINE:COL: error: MESSAGE)",
    .help =
      "  -v, --verbose       also print FILE: ok for each valid file\n"
      "  --vars              show where each state variable starts, is changed and is read\n"
      "  --json              one JSON document on stdout: every file, ok or not, and its problems\n"
      "  --behaviour-anywhere  accept a behaviour script outside the scenario's folder\n"
      "  Exit 0 when every file is valid, 1 with problems, 2 for an unreadable file.\n" },
  { .name = "test", .exec = cmd_test_exec,
    .usage = "salesim test PATH... [--walks N] [--seed S] [--strict] [-v] [--coverage]",
    .summary = "run the playthrough tests written in scenario files",
    .help =
      "  PATH is a scenario file, a shipped scenario's name (it-trial) or a directory.\n"
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
    .usage = "salesim report GRADEBOOK [--format text|csv|html] [-o FILE] [--scenario ID] [--trainee NAME] [--since DATE] [--visits] [--bom] [--lang LANG]",
    .summary = "class report from a gradebook",
    .help =
      "  GRADEBOOK           the class gradebook file or postgresql:// URI\n"
      "                      (default: $SALESIM_GRADEBOOK)\n"
      "  --format text|csv|html   text for the terminal (default), CSV, or one HTML page\n"
      "  -o, --output FILE   write the report to FILE (atomically) instead of stdout\n"
      "  --scenario ID       only sessions of this scenario\n"
      "  --trainee NAME      only this trainee\n"
      "  --since DATE        only sessions started on or after DATE (UTC, YYYY-MM-DD)\n"
      "  --visits            CSV with one row per visit (skill scores, outcome)\n"
      "  --bom               start a CSV with the UTF-8 byte order mark (for Excel)\n"
      "  --lang zh|en        language of the report (default: the sessions' language,\n"
      "                      English when they mix languages)\n"
      "  GRADEBOOK may be a file or a postgresql:// URI.\n" },
  { .name = "replay", .exec = cmd_replay_exec,
    .usage = "salesim replay TRANSCRIPT [--json|--markdown FILE|--html FILE] [--delay SECONDS] [--full] [--lang LANG]",
    .summary = "show a saved session and its debrief again (for a projector)",
    .help =
      "  --delay SECONDS     pause between turns (0 to 60), for a projector\n"
      "  --json              print the debrief JSON instead\n"
      "  --markdown FILE     also write the debrief as Markdown\n"
      "  --html FILE         also write the debrief as HTML\n"
      "  --no-color          no colour (also --no-colour)\n"
      "  --full              the whole debrief on a terminal, not only its first screen\n"
      "  --lang zh|en        the debrief in this language (default: the visit's)\n"
      "  A transcript cut short (a crash, a closed terminal) is played again from its\n"
      "  scenario, seed and lines to rebuild its debrief.\n" },
  { .name = "record", .exec = cmd_record_exec,
    .usage = "salesim record TRANSCRIPT... [--gradebook WHERE] [--trainee NAME]",
    .summary = "record finished visits the gradebook missed (play names this command)",
    .help =
      "  --gradebook WHERE   gradebook file or postgresql:// URI (default: $SALESIM_GRADEBOOK)\n"
      "  --trainee NAME      record under NAME instead of the transcript's trainee\n"
      "  A visit already in the gradebook is not added twice.\n" },
  { .name = "gradebook", .exec = cmd_gradebook_exec,
    .usage = "salesim gradebook init [WHERE] [--trainee ROLE]... [--trainer ROLE]...",
    .summary = "create or upgrade a gradebook; on PostgreSQL, its trainee and trainer roles",
    .help =
      "  WHERE               gradebook file or postgresql:// URI (default: $SALESIM_GRADEBOOK)\n"
      "  --trainee ROLE      create login ROLE that records and reads only its own sessions\n"
      "  --trainer ROLE      create login ROLE that reads every session (reports)\n"
      "  See docs/classroom.md for the roles' SQL and SQLite's trust model.\n" },
  { .name = "next", .exec = cmd_next_exec,
    .usage = "salesim next --trainee NAME [--gradebook WHERE] [DIR]",
    .summary = "the scenario that trains a trainee's weakest skill, and why",
    .help =
      "  --trainee NAME      the trainee (required)\n"
      "  --gradebook WHERE   gradebook file or postgresql:// URI (default: $SALESIM_GRADEBOOK)\n"
      "  DIR                 scenarios to choose from (default: the shipped ones)\n" },
  { .name = "init-scenario", .exec = cmd_init_scenario_exec,
    .usage = "salesim init-scenario FILE.yaml [--lang en|zh] [--id ID] [--force]",
    .summary = "write a new scenario to fill in, with its schema line",
    .help =
      "  FILE's name (without .yaml) becomes the id; its schema line points to the schema\n"
      "  from FILE's folder, so an editor completes and checks keys there too.\n"
      "  --lang en|zh        language of the scenario (default en)\n"
      "  --id ID             the id, when it is not the file's name\n"
      "  --force             replace FILE when it exists\n" },
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
    .usage = "salesim list [--json] [DIR]",
    .summary = "list scenarios: name, language, difficulty, minutes, title",
    .help =
      "  DIR defaults to the shipped scenarios; its subfolders are listed too, marked by\n"
      "  their folder (examples/clinic-booking), the name `salesim play` takes.\n"
      "  --json              one JSON array: name, id, path, folder, language, difficulty,\n"
      "                      minutes, title\n" },
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
  if (near) return cli_usage_error(cmd, "unknown option '%s' (did you mean '%s'?)", typed, near);
  return cli_usage_error(cmd, "unknown option '%s'", typed);
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
      return cli_usage_error(cmd, "'%s' needs a value",
                             typed_option(argc, argv, optind, is_long, optopt, typed, sizeof typed));
    }
    int rc = on_opt(ctx, c, optarg);
    if (rc != CLI_OK) return rc;
  }
  *first_operand = optind;
  return CLI_OK;
}

void cli_print_usage(FILE *out) {
  fprintf(out, "salesim %s: a terminal sales-practice game\n\nusage: salesim COMMAND [ARGS]\n\n",
          SALESIM_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\nsalesim COMMAND --help for a command's options (--opt=VALUE or --opt VALUE);\n"
               "man salesim, and docs/ for the guides.\n");
}

