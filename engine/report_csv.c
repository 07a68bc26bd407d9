/*
** report_csv.c: the per-trainee rows as CSV (RFC 4180: a header row, CRLF line ends, fields
** quoted when they hold a comma, a quote or a line break, quotes doubled).  A text field that
** starts with = + - @ (after any spaces), a tab or a carriage return gets a leading apostrophe
** so a spreadsheet shows a trainee's typed name instead of running it as a formula.  Every
** field was sanitised when read (report.c: valid UTF-8, no control bytes).
*/
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "report.h"

/* Appends one text field (report.h). */
void rep_csv_field(strbuf *out, const char *s) {
  if (!s) return;
  int quote = strpbrk(s, ",\"\r\n") != NULL || (*s && (s[0] == ' ' || s[strlen(s) - 1] == ' '));
  if (quote) sb_putc(out, '"');
  /* a formula may also hide behind spaces, a tab or a carriage return (OWASP CSV injection) */
  const char *f = s + strspn(s, " \t\r");
  if ((*f && strchr("=+-@", *f)) || *s == '\t' || *s == '\r') sb_putc(out, '\'');
  /* the runs between quotes in one append each (a per-visit export writes millions of fields) */
  for (const char *p = s; *p;) {
    size_t run = strcspn(p, "\"");
    sb_append(out, p, run);
    p += run;
    if (*p == '"') { sb_puts(out, "\"\""); p++; }
  }
  if (quote) sb_putc(out, '"');
}

/* One decimal, or an empty field when there is no value. */
static void number(strbuf *out, double v) {
  char b[REP_TENTHS_MAX];
  if (v >= 0) sb_puts(out, rep_tenths(b, v));
}

/* The header row, then one line per trainee and scenario. */
void rep_render_csv(const rep_data *d, strbuf *out) {
  /* the column names are words of the catalogue too (a spreadsheet user reads them) */
  sb_printf(out, "%s\r\n", msg_text(d->lang ? d->lang : "en", "report.csv.header"));
  for (int i = 0; i < d->n_rows; i++) {
    const rep_row *r = &d->rows[i];
    rep_csv_field(out, r->trainee);
    sb_putc(out, ',');
    rep_csv_field(out, r->scenario);
    sb_printf(out, ",%d,%d,%d,%d,", r->attempts, r->best, r->first, r->latest);
    number(out, r->average);
    for (int k = 0; k < REP_SKILLS; k++) { sb_putc(out, ','); number(out, r->skill[k]); }
    sb_putc(out, ',');
    if (r->attempts > 1) sb_printf(out, "%.2f", r->trend);
    sb_printf(out, ",%s,", rep_trend_word(r));
    rep_csv_field(out, r->latest_outcome);
    sb_putc(out, ',');
    rep_csv_field(out, r->latest_started);
    sb_putc(out, ',');   /* the latest attempt's tier and pass mark, by its scenario's own bands */
    rep_csv_field(out, rep_tier_name(r, d->lang ? d->lang : "en"));
    sb_putc(out, ',');
    if (r->has_mark) sb_printf(out, "%g", r->pass_mark);
    sb_printf(out, ",%d,%d\r\n", r->interrupted, r->hinted);   /* attempts not ended by the customer; with hints */
  }
}
