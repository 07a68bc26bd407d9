/*
** cmd_report.c: salesim report GRADEBOOK [--format text|csv|html] [-o FILE] [--scenario ID]
**                                        [--trainee NAME] [--since DATE] [--visits] [--bom]
** The class report for a trainer; --visits exports one CSV row per visit instead of one per
** trainee and scenario, --bom starts a CSV with the UTF-8 byte order mark.  Without -o the report goes to standard output; with -o it
** is written atomically (so a browser tab refreshing the file never sees half a page).  When
** --format is not given, an -o name ending in .html or .csv picks the format.
** Exit 0, or 2 for bad usage, an unreadable gradebook or an unwritable output file.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gradebook.h"
#include "report.h"
#include "util.h"

/* 1 when s ends with suffix. */
static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

typedef struct report_opts { const char *format, *outfile; rep_filter f; int visits, bom; } report_opts;

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
  default: assert(!"an option of the table without a case");
  }
  return CLI_OK;
}

/* Parses the options, opens the gradebook without creating it, renders, writes. */
int cmd_report_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "format", required_argument, 0, 'f' }, { "output", required_argument, 0, 'o' },
    { "scenario", required_argument, 0, 's' }, { "trainee", required_argument, 0, 't' },
    { "since", required_argument, 0, 'S' }, { "visits", no_argument, 0, 'v' },
    { "bom", no_argument, 0, 'b' }, { 0, 0, 0, 0 }
  };
  report_opts o = { NULL, NULL, { NULL, NULL, NULL }, 0, 0 };
  int first, prc = cli_parse("report", argc, argv, "o:", longopts, report_option, &o, &first);
  if (prc != CLI_OK) return prc;
  if (argc - first > 1)
    return cli_usage_error("report", "only one GRADEBOOK, got '%s' and '%s'", argv[first], argv[first + 1]);
  const char *path = first < argc ? argv[first] : NULL, *format = o.format, *outfile = o.outfile;
  rep_filter f = o.f;
  int visits = o.visits, bom = o.bom;
  if (!format && outfile) format = ends_with(outfile, ".html") || ends_with(outfile, ".htm") ? "html"
                                 : ends_with(outfile, ".csv") ? "csv" : "text";
  if (!format) format = visits ? "csv" : "text";
  if (visits && strcmp(format, "csv") != 0)
    return cli_usage_error("report", "--visits is a CSV export (--format csv), not %s", format);
  if (bom && strcmp(format, "csv") != 0)
    return cli_usage_error("report", "--bom is for CSV files, not %s", format);
  if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "html") != 0)
    return cli_usage_error("report", "--format must be text, csv or html, not '%s'", format);
  if (f.since && !rep_valid_date(f.since))
    return cli_usage_error("report", "--since wants a date like 2026-11-27 or 2026-11-27T09:00Z, not '%s'",
                           f.since);
  char *dflt = NULL;
  if (!path) {
    const char *env = getenv("SALESIM_GRADEBOOK");
    if (!env || !*env)
      return cli_usage_error("report", "which gradebook? give its path (or set SALESIM_GRADEBOOK)");
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
  int rc = visits ? rep_export_visits(g, &f, &out, err, sizeof err) : rep_load(g, &f, &d, err, sizeof err);
  if (rc != 0) {
    fprintf(stderr, "salesim report: %s\n", err);
    gb_close(g);
    free(dflt);
    sb_free(&out);
    return CLI_USAGE;
  }
  gb_close(g);
  free(dflt);
  if (visits) ;  /* already rendered */
  else if (strcmp(format, "csv") == 0) rep_render_csv(&d, &out);
  else if (strcmp(format, "html") == 0) rep_render_html(&d, &out);
  else rep_render_text(&d, &out);
  rc = CLI_OK;
  if (outfile && strcmp(outfile, "-") != 0) {
    if (util_write_atomic(outfile, out.s ? out.s : "", out.len, err, sizeof err) != 0) {
      fprintf(stderr, "salesim report: cannot write %s\n", err);
      rc = CLI_USAGE;
    } else {
      if (visits) fprintf(stderr, "salesim report: wrote %s\n", outfile);
      else fprintf(stderr, "salesim report: wrote %s (%ld session%s, %d trainee%s)\n", outfile,
                   d.sessions, d.sessions == 1 ? "" : "s", d.trainees, d.trainees == 1 ? "" : "s");
    }
  } else if (out.len && fwrite(out.s, 1, out.len, stdout) != out.len) {
    rc = CLI_USAGE;
  }
  sb_free(&out);
  rep_free(&d);
  return rc;
}
