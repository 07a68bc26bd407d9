/*
** cmd_report.c: salesim report GRADEBOOK [--format text|csv|html] [-o FILE] [--scenario ID]
**                                        [--trainee NAME] [--since DATE] [--visits] [--bom]
**                                        [--lang LANG]
** The class report for a trainer; --visits exports one CSV row per visit instead of one per
** trainee and scenario, --bom starts a CSV with the UTF-8 byte order mark.  Without -o the report goes to standard output; with -o it
** is written atomically (so a browser tab refreshing the file never sees half a page).  When
** --format is not given, an -o name ending in .html or .csv picks the format.  The words come
** from the message catalogue of --lang, by default of the language every session in view was
** played in (English when they mix languages, said on stderr; the per-visit CSV: English).
** Exit 0, 1 when --trainee or --scenario names no one the gradebook holds ("did you
** mean"), or 2 for bad usage, an unreadable gradebook or an unwritable output file.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "gradebook.h"
#include "msg.h"
#include "msg_cli.h"
#include "report.h"
#include "util.h"

/* 1 when s ends with suffix. */
static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

typedef struct report_opts { const char *format, *outfile, *lang; rep_filter f; int visits, bom; } report_opts;

/* One option of `report` (cli_parse's on_opt). */
static int report_option(void *ctx, int c, const char *arg) {
  report_opts *o = ctx;
  switch (c) {
  case 'f': o->format = arg; break;
  case 'o': o->outfile = arg; break;
  case 's': o->f.scenario = arg; break;
  case 't': o->f.trainee = arg; break;
  case 'S': o->f.since = arg; break;
  case 'v': o->visits = 1; break;
  case 'b': o->bom = 1; break;
  case 'l': o->lang = arg; break;
  default: assert(c == 0);   /* every option of the table has a case */
  }
  return CLI_OK;
}

/* The columns the text report wraps its findings at: the terminal's when it is written to one,
** else $COLUMNS, else REPORT_FILE_COLS (a file or a pipe: the width of the trainee table with a
** scenario column). */
#define REPORT_FILE_COLS 120
static int text_width(const char *outfile) {
  struct winsize ws;
  if ((!outfile || strcmp(outfile, "-") == 0) && isatty(STDOUT_FILENO) &&
      ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return ws.ws_col;
  const char *cols = getenv("COLUMNS");
  int c = cols ? atoi(cols) : 0;
  return c >= 40 ? c : REPORT_FILE_COLS;
}

/* When a filter matched no session: the first --trainee or --scenario name the gradebook does
** not hold, said on stderr with the recorded name it was likely meant to be.  Returns 1 when
** it said so (the command then fails), else 0 (the names exist, only not together). */
static int unknown_filter_name(gb *g, const rep_filter *f) {
  const char *col[2] = { "trainee", "scenario" }, *val[2] = { f->trainee, f->scenario };
  for (int i = 0; i < 2; i++) {
    char *near = NULL, err[512];
    if (!val[i] || rep_name_known(g, col[i], val[i], &near, err, sizeof err) != 0) continue;
    char key[32];
    snprintf(key, sizeof key, "report.filter.%s", col[i]);
    const char *what = msg_text(MSG_CLI_LANG, key);
    if (near) msg_eprint("report", "report.err.no_match_near", "path", gb_path(g), "filter", what, "name", val[i], "near", near, NULL);
    else msg_eprint("report", "report.err.no_match", "path", gb_path(g), "filter", what, "name", val[i], NULL);
    free(near);
    return 1;
  }
  return 0;
}

/* Parses the options, opens the gradebook without creating it, renders, writes. */
int cmd_report_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "format", required_argument, 0, 'f' }, { "output", required_argument, 0, 'o' },
    { "scenario", required_argument, 0, 's' }, { "trainee", required_argument, 0, 't' },
    { "since", required_argument, 0, 'S' }, { "visits", no_argument, 0, 'v' },
    { "bom", no_argument, 0, 'b' }, { "lang", required_argument, 0, 'l' }, { 0, 0, 0, 0 }
  };
  report_opts o = { NULL, NULL, NULL, { NULL, NULL, NULL }, 0, 0 };
  int first, prc = cli_parse("report", argc, argv, "o:", longopts, report_option, &o, &first);
  if (prc != CLI_OK) return prc;
  if (argc - first > 1)
    return msg_usage("report", "report.err.one_gradebook", "first", argv[first], "second", argv[first + 1], NULL);
  const char *path = first < argc ? argv[first] : NULL, *format = o.format, *outfile = o.outfile;
  rep_filter f = o.f;
  int visits = o.visits, bom = o.bom;
  /* --visits is CSV whatever the file is called ("-o -" printed "--visits is a CSV export, not
  ** text": blind trainer, round 10) */
  if (!format && visits) format = "csv";
  if (!format && outfile) format = ends_with(outfile, ".html") || ends_with(outfile, ".htm") ? "html"
                                 : ends_with(outfile, ".csv") ? "csv" : "text";
  if (!format) format = visits ? "csv" : "text";
  if (visits && strcmp(format, "csv") != 0)
    return msg_usage("report", "report.err.visits", "format", format, NULL);
  if (bom && strcmp(format, "csv") != 0)
    return msg_usage("report", "report.err.bom", "format", format, NULL);
  if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "html") != 0)
    return msg_usage("report", "report.err.format", "format", format, NULL);
  if (f.since && !rep_valid_date(f.since))
    return msg_usage("report", "report.err.since", "since", f.since, NULL);
  /* a language is one with a catalogue (the pseudo-locale qps included, for the tests) */
  if (o.lang && (strchr(o.lang, '/') || !msg_catalogue(o.lang)))
    return msg_usage("report", "report.err.lang", "lang", o.lang, NULL);
  char *dflt = NULL;
  if (!path) {
    const char *env = getenv("SALESIM_GRADEBOOK");
    if (!env || !*env)
      return msg_usage("report", "report.err.no_gradebook", NULL);
    path = dflt = gb_default_path();
  }
  char err[1024];
  gb *g = gb_open_existing(path, err, sizeof err);
  if (!g) {
    fprintf(stderr, "salesim report: %s\n", err);
    free(dflt);
    return CLI_USAGE;
  }
  rep_data d;
  memset(&d, 0, sizeof d);
  strbuf out = {0};
  if (bom) sb_puts(&out, REP_UTF8_BOM);
  size_t start = out.len;
  int rc = visits ? rep_export_visits(g, &f, o.lang, &out, err, sizeof err) : rep_load(g, &f, &d, err, sizeof err);
  if (rc != 0) {
    fprintf(stderr, "salesim report: %s\n", err);
    gb_close(g);
    free(dflt);
    sb_free(&out);
    return CLI_USAGE;
  }
  /* nothing matched: a mistyped name is said, with the name meant, and fails (exit 1) */
  int empty = d.sessions == 0;
  if (visits) {   /* the export's header line alone */
    const char *nl = out.len > start ? memchr(out.s + start, '\n', out.len - start) : NULL;
    empty = nl && nl == out.s + out.len - 1;
  }
  if (empty && (f.trainee || f.scenario) && unknown_filter_name(g, &f)) {
    gb_close(g);
    free(dflt);
    sb_free(&out);
    rep_free(&d);
    return CLI_FAIL;
  }
  gb_close(g);
  free(dflt);
  if (!visits) {
    d.width = text_width(outfile);
    d.lang = o.lang ? o.lang : d.language && msg_catalogue(d.language) ? d.language : "en";
    if (!o.lang && d.languages) {
      char *m = msg_get(MSG_CLI_LANG, "report.mixed_languages", "languages", d.languages, NULL);
      fprintf(stderr, "%s\n", m);
      free(m);
    }
  }
  if (visits) ;  /* already rendered */
  else if (strcmp(format, "csv") == 0) rep_render_csv(&d, &out);
  else if (strcmp(format, "html") == 0) rep_render_html(&d, &out);
  else rep_render_text(&d, &out);
  rc = CLI_OK;
  if (outfile && strcmp(outfile, "-") != 0) {
    if (util_write_atomic(outfile, out.s ? out.s : "", out.len, err, sizeof err) != 0) {
      char *m = msg_get(MSG_CLI_LANG, "report.err.write", "error", err, NULL);
      fprintf(stderr, "salesim report: %s\n", m);
      free(m);
      rc = CLI_USAGE;
    } else {
      char *m;
      if (visits) {
        m = msg_get(MSG_CLI_LANG, "report.wrote", "path", outfile, NULL);
      } else {
        /* the trainer's terminal: English like every command's messages; counts without the period */
        char n[24], t[24];
        snprintf(n, sizeof n, "%ld", d.sessions);
        snprintf(t, sizeof t, "%d", d.trainees);
        char *sn = msg_get(MSG_CLI_LANG, "report.sessions", "count", n, NULL), *tn = msg_get(MSG_CLI_LANG, "report.trainees", "count", t, NULL);
        char *counts = msg_get(MSG_CLI_LANG, "report.counts", "sessions", sn, "trainees", tn, NULL);
        m = msg_get(MSG_CLI_LANG, "report.wrote_counts", "path", outfile, "counts", counts, NULL);
        free(sn);
        free(tn);
        free(counts);
      }
      fprintf(stderr, "%s\n", m);
      free(m);
    }
  } else if (out.len && fwrite(out.s, 1, out.len, stdout) != out.len) {
    rc = CLI_USAGE;
  }
  sb_free(&out);
  rep_free(&d);
  return rc;
}
