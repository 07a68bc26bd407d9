/*
** cmd_report.c: salesim report GRADEBOOK [--format text|csv|html] [-o FILE] [--scenario ID]
**                                        [--trainee NAME] [--since DATE] [--visits] [--bom]
** The class report for a trainer; --visits exports one CSV row per visit instead of one per
** trainee and scenario, --bom starts a CSV with the UTF-8 byte order mark.  Without -o the report goes to standard output; with -o it
** is written atomically (so a browser tab refreshing the file never sees half a page).  When
** --format is not given, an -o name ending in .html or .csv picks the format.
** Exit 0, or 2 for bad usage, an unreadable gradebook or an unwritable output file.
*/
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

/* Takes the value of option `name` from argv[*i] ("--name VALUE" or "--name=VALUE"). */
static int option(int argc, char **argv, int *i, const char *name, const char **val) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0) return 0;
  if (argv[*i][n] == '=') { *val = argv[*i] + n + 1; return 1; }
  if (argv[*i][n] != '\0') return 0;
  if (*i + 1 >= argc) { *val = NULL; return 1; }
  *val = argv[++*i];
  return 1;
}

/* Parses the options, opens the gradebook without creating it, renders, writes. */
int cmd_report_exec(int argc, char **argv) {
  const char *path = NULL, *format = NULL, *outfile = NULL;
  int visits = 0, bom = 0;
  rep_filter f = { NULL, NULL, NULL };
  for (int i = 1; i < argc; i++) {
    const char *v = NULL, *a = argv[i];
    if (strcmp(a, "--visits") == 0) { visits = 1; continue; }
    if (strcmp(a, "--bom") == 0) { bom = 1; continue; }
    if (option(argc, argv, &i, "--format", &v)) format = v;
    else if (option(argc, argv, &i, "-o", &v) || option(argc, argv, &i, "--output", &v)) outfile = v;
    else if (option(argc, argv, &i, "--scenario", &v)) f.scenario = v;
    else if (option(argc, argv, &i, "--trainee", &v)) f.trainee = v;
    else if (option(argc, argv, &i, "--since", &v)) f.since = v;
    else if (a[0] == '-' && a[1] != '\0') return cli_usage_error("report", "unknown option '%s'", a);
    else if (path) return cli_usage_error("report", "only one GRADEBOOK, got '%s' and '%s'", path, a);
    else { path = a; continue; }
    if (!v) return cli_usage_error("report", "%s needs a value", a);
  }
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
