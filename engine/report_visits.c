/*
** report_visits.c: the per-visit CSV export (report.h): one row per session with its skill scores
** and outcome, for a trainer's spreadsheet.  Streamed from one ordered query: a million visits
** never sit in memory as rows, only as the CSV text.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "msg_cli.h"
#include "report.h"

/* The columns (report.csv.visits_header) are those of the report's covering index (schema
** version 2; ended_by and hints_used since version 6), so the export reads the index alone, never
** the wide session rows with their debriefs. */

/* v in decimal.  A million-row export writes eight numbers a row, and printf's format parsing
** was a third of its time. */
static void put_int(strbuf *out, long long v) {
  char buf[24], *p = buf + sizeof buf;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do *--p = (char)('0' + u % 10); while (u /= 10);
  if (v < 0) *--p = '-';
  sb_append(out, p, (size_t)(buf + sizeof buf - p));
}

/* An integer column, or an empty field for NULL. */
static void int_field(gb *g, gb_rows *r, int col, strbuf *out) {
  if (!gb_is_null(g, r, col)) put_int(out, gb_int(g, r, col));
}

/* A gradebook text field as a CSV field, through the report's one sanitising path (rep_field):
** a hand-edited or foreign gradebook's control bytes never reach the spreadsheet. */
static void text_field(const char *raw, int mark, strbuf *out) {
  /* printable ASCII (without the edge spaces a marked name shows) is what rep_field would
  ** return; a million-row export skips the copy for it */
  size_t n = raw ? strlen(raw) : 0, i = 0;
  while (i < n && (unsigned char)raw[i] >= 0x20 && (unsigned char)raw[i] < 0x7f) i++;
  if (raw && i == n && !(mark && n && (raw[0] == ' ' || raw[n - 1] == ' '))) {
    rep_csv_field(out, raw);
    return;
  }
  char *clean = rep_field((const unsigned char *)raw, "", mark);
  rep_csv_field(out, clean);
  free(clean);
}

/* The export without the error's prefix. */
static int export(gb *g, const rep_filter *f, const char *lang, strbuf *out, char *err, size_t errlen) {
  static const rep_filter none = { NULL, NULL, NULL };
  if (!f) f = &none;
  strbuf sql = {0};
  sb_puts(&sql, "SELECT id, trainee, scenario, started, outcome, score, pass,"
                " s_commitment, s_benefits, s_tactics, s_discovery, ended_by, hints_used FROM sessions");
  rep_where_clause(f, &sql);
  sb_puts(&sql, " ORDER BY trainee, scenario, started, id");
  const char *params[3];
  char since[64];
  int np = rep_filter_params(f, params, since, sizeof since);
  if (gb_begin_read(g, err, errlen) != 0) { sb_free(&sql); return -1; }
  gb_rows *r = gb_query(g, sql.s, np, params, err, errlen);
  sb_free(&sql);
  if (!r) { gb_end_read(g); return -1; }
  sb_printf(out, "%s\r\n", msg_text(lang ? lang : "en", "report.csv.visits_header"));
  strbuf prev = {0};            /* trainee NUL scenario of the previous row */
  long attempt = 0;
  int rc;
  while ((rc = gb_step(g, r, err, errlen)) == 1) {
    const char *trainee = gb_text(g, r, 1), *scenario = gb_text(g, r, 2);
    if (!trainee || !scenario) continue;
    size_t tl = strlen(trainee);
    if (prev.len && prev.len == tl + 1 + strlen(scenario) && memcmp(prev.s, trainee, tl + 1) == 0 &&
        strcmp(prev.s + tl + 1, scenario) == 0) {
      attempt++;
    } else {
      attempt = 1;
      prev.len = 0;
      sb_append(&prev, trainee, tl + 1);
      sb_puts(&prev, scenario);
    }
    int_field(g, r, 0, out);
    sb_putc(out, ',');
    text_field(trainee, 1, out);
    sb_putc(out, ',');
    text_field(scenario, 0, out);
    sb_putc(out, ',');
    put_int(out, attempt);
    sb_putc(out, ',');
    for (int c = 3; c <= 4; c++) { text_field(gb_text(g, r, c), 0, out); sb_putc(out, ','); }
    int_field(g, r, 5, out);
    sb_puts(out, gb_int(g, r, 6) ? ",yes" : ",no");
    for (int c = 7; c <= 10; c++) { sb_putc(out, ','); int_field(g, r, c, out); }
    sb_putc(out, ',');   /* how the visit ended (customer, quit, killed...) and its hints */
    text_field(gb_text(g, r, 11), 0, out);
    sb_putc(out, ',');
    int_field(g, r, 12, out);
    sb_puts(out, "\r\n");
  }
  sb_free(&prev);
  gb_rows_free(g, r);
  gb_end_read(g);
  return rc < 0 ? -1 : 0;
}

int rep_export_visits(gb *g, const rep_filter *f, const char *lang, strbuf *out, char *err, size_t errlen) {
  char msg[400] = "";
  if (export(g, f, lang, out, msg, sizeof msg) == 0) return 0;
  char *m = msg_get(MSG_CLI_LANG, "report.err.read", "path", gb_path(g), "error", msg, NULL);
  snprintf(err, errlen, "%s", m);
  free(m);
  return -1;
}
