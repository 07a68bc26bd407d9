/*
** report_text.c: the class report for a terminal.  Columns are aligned by display width
** (a Chinese name takes two columns per character), and every name read from the gradebook is
** sanitised so no control character a trainee typed reaches the trainer's terminal.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "report.h"
#include "score.h"
#include "text.h"
#include "wrap.h"

#define NAME_COLS 20

/* Appends s sanitised, cut to at most cols columns (with "…"), padded to cols on the left
** (right = 0) or the right (right = 1). */
static void cell(strbuf *out, const char *s, int cols, int right) {
  char *clean = txt_sanitize(s, strlen(s), NULL);
  size_t len = strlen(clean);
  int w = txt_width(clean);
  if (w > cols) {
    len = txt_fit(clean, len, cols - 1);
    clean[len] = '\0';
    w = txt_width(clean);
    char *cut = xasprintf("%s…", clean);
    free(clean);
    clean = cut;
    len = strlen(clean);
    w++;
  }
  if (right) for (int i = w; i < cols; i++) sb_putc(out, ' ');
  sb_append(out, clean, len);
  if (!right) for (int i = w; i < cols; i++) sb_putc(out, ' ');
  free(clean);
}

/* A score or average to one decimal, or "-" when absent, right-aligned in cols. */
static void num(strbuf *out, double v, int cols) {
  char b[REP_TENTHS_MAX];
  sb_printf(out, "%*s", cols, v < 0 ? "-" : rep_tenths(b, v));
}

/* The widest display width among the trainee names, capped. */
static int name_cols(const rep_data *d, int of_scenario) {
  int w = of_scenario ? 8 : 7;
  for (int i = 0; i < d->n_rows; i++) {
    const char *s = of_scenario ? d->rows[i].scenario : d->rows[i].trainee;
    char *clean = txt_sanitize(s, strlen(s), NULL);
    int cw = txt_width(clean);
    free(clean);
    if (cw > w) w = cw;
  }
  return w > NAME_COLS ? NAME_COLS : w;
}

/* The report's language (rep_data.lang; English when unset). */
static const char *L(const rep_data *d) { return d->lang ? d->lang : "en"; }

/* Appends the formatted message and frees it. */
static void put_msg(strbuf *out, char *m) {
  sb_puts(out, m);
  free(m);
}

/* Appends a heading from the catalogue padded to cols (right = 1: right-aligned).  Never cut: a
** translation wider than its column is shown whole and shifts the line (a translator keeps the
** headings as wide as the English ones, docs/i18n.md). */
static void label(const rep_data *d, strbuf *out, const char *key, int cols, int right) {
  const char *s = msg_text(L(d), key);
  int w = txt_width(s);
  if (right) for (int i = w; i < cols; i++) sb_putc(out, ' ');
  sb_puts(out, s);
  if (!right) for (int i = w; i < cols; i++) sb_putc(out, ' ');
}

/* The four skills' headings, right-aligned over the columns both tables print them in. */
static void skill_labels(const rep_data *d, strbuf *out) {
  label(d, out, "report.col.commit", 8, 1);
  label(d, out, "report.col.benefit", 9, 1);
  label(d, out, "report.col.tactic", 8, 1);
  label(d, out, "report.col.discov", 8, 1);
}

/* Source, counts, period, scenarios and the active filters. */
static void header(const rep_data *d, strbuf *out) {
  char *src = txt_sanitize(d->source, strlen(d->source), NULL);
  put_msg(out, msg_get(L(d), "report.title", "source", src, NULL));
  sb_putc(out, '\n');
  free(src);
  char *counts = rep_counts(d, L(d), 10);
  sb_puts(out, counts);
  free(counts);
  sb_puts(out, "\n");
  if (d->n_scenarios) {
    sb_puts(out, msg_text(L(d), "report.scenarios_label"));
    for (int i = 0; i < d->n_scenarios; i++) {
      char *s = txt_sanitize(d->scenarios[i], strlen(d->scenarios[i]), NULL);
      sb_printf(out, " %s", s);
      free(s);
    }
    sb_puts(out, "\n");
  }
  if (d->filter.scenario || d->filter.trainee || d->filter.since) {
    sb_puts(out, msg_text(L(d), "report.filter"));
    const char *v[3] = { d->filter.scenario, d->filter.trainee, d->filter.since };
    const char *k[3] = { msg_text(L(d), "report.filter.scenario"), msg_text(L(d), "report.filter.trainee"),
                         msg_text(L(d), "report.filter.since") };
    for (int i = 0; i < 3; i++) {
      if (!v[i]) continue;
      char *s = txt_sanitize(v[i], strlen(v[i]), NULL);
      sb_printf(out, " %s=%s", k[i], s);
      free(s);
    }
    sb_puts(out, "\n");
  }
}

/* One aligned line per trainee and scenario. */
static void trainee_table(const rep_data *d, strbuf *out) {
  int multi = d->n_scenarios > 1;
  int nw = name_cols(d, 0), sw = multi ? name_cols(d, 1) : 0;
  sb_printf(out, "\n%s\n", msg_text(L(d), "report.trainees_heading"));
  label(d, out, "report.col.trainee", nw, 0);
  if (multi) { sb_puts(out, "  "); label(d, out, "report.col.scenario", sw, 0); }
  /* each heading right-aligned over its column: "  %5d  %4d  %5d  %6d", then num() widths */
  static const char *const keys[] = { "report.col.tries", "report.col.best", "report.col.first",
                                      "report.col.latest" };
  static const int widths[] = { 5, 4, 5, 6 };
  for (int k = 0; k < 4; k++) { sb_puts(out, "  "); label(d, out, keys[k], widths[k], 1); }
  label(d, out, "report.col.avg", 6, 1);
  skill_labels(d, out);
  sb_puts(out, "  ");
  label(d, out, "report.col.trend", 15, 0);
  sb_printf(out, "%s\n", msg_text(L(d), "report.col.latest_outcome"));
  for (int i = 0; i < d->n_rows; i++) {
    const rep_row *r = &d->rows[i];
    cell(out, r->trainee, nw, 0);
    if (multi) { sb_puts(out, "  "); cell(out, r->scenario, sw, 0); }
    sb_printf(out, "  %5d  %4d  %5d  %6d", r->attempts, r->best, r->first, r->latest);
    num(out, r->average, 6);
    num(out, r->skill[0], 8);
    num(out, r->skill[1], 9);
    num(out, r->skill[2], 8);
    num(out, r->skill[3], 8);
    sb_puts(out, "  ");
    if (r->attempts < 2) {
      cell(out, "-", 15, 0);
    } else {
      char delta[32], key[32];
      snprintf(delta, sizeof delta, "%+.1f", r->trend);
      snprintf(key, sizeof key, "report.trend.%s", rep_trend_word(r));
      char *t = msg_get(L(d), "report.per_try", "trend", msg_text(L(d), key), "delta", delta, NULL);
      /* as "%-15s" did: padded to 15 columns, never cut */
      sb_puts(out, t);
      for (int w = txt_width(t); w < 15; w++) sb_putc(out, ' ');
      free(t);
    }
    sb_puts(out, rep_outcome_word(r->latest_outcome, L(d)));
    if (r->versions > 1) {
      char n[16];
      snprintf(n, sizeof n, "%d", r->versions);
      sb_putc(out, ' ');
      put_msg(out, msg_get(L(d), "report.row_versions", "versions", n, NULL));
    }
    char *marks = rep_row_marks(r, L(d));   /* visits the customer did not end, and with hints */
    if (marks) { sb_putc(out, ' '); put_msg(out, marks); }
    sb_putc(out, '\n');
  }
}

/* A note per scenario whose file was edited while the class played it (rep_scenario.versions). */
static void version_notes(const rep_data *d, strbuf *out) {
  for (int i = 0; d->by_scenario && i < d->n_scenarios; i++) {
    if (d->by_scenario[i].versions < 2) continue;
    char n[16], *s = txt_sanitize(d->scenarios[i], strlen(d->scenarios[i]), NULL);
    snprintf(n, sizeof n, "%d", d->by_scenario[i].versions);
    sb_puts(out, "\n");
    put_msg(out, msg_get(L(d), "report.versions_note", "scenario", s, "versions", n, NULL));
    sb_puts(out, "\n");
    free(s);
  }
}

/* A line per scenario that sets its own tiers: its pass mark and how many latest attempts
** stand in each of its tiers (by the tier the debrief recorded). */
static void own_tiers(const rep_data *d, strbuf *out) {
  for (int s = 0; d->by_scenario && s < d->n_scenarios; s++) {
    const rep_scenario *ps = &d->by_scenario[s];
    if (ps->n_tiers == 0) continue;
    sb_printf(out, "  %s", d->scenarios[s]);   /* under "Tiers (latest attempts):" */
    if (ps->has_mark) sb_printf(out, " (%s %g)", msg_text(L(d), "label.pass_mark"), ps->pass_mark);
    sb_putc(out, ':');
    for (int k = 0; k < ps->n_tiers; k++)
      sb_printf(out, "%s %s (%g+) %ld", k ? "," : "", ps->tiers[k].name, ps->tiers[k].min, rep_own_tier_count(d, s, k));
    sb_putc(out, '\n');
  }
}

/* Class averages over all attempts and over the latest ones, then the outcomes. */
static void class_table(const rep_data *d, strbuf *out) {
  sb_puts(out, "\n");
  label(d, out, "report.class_averages", 19, 0);
  label(d, out, "report.col.total", 10, 1);
  static const char *const skills[] = { "report.col.commitment", "report.col.benefits",
                                        "report.col.tactics", "report.col.discovery" };
  static const int sw[] = { 12, 10, 9, 11 };
  for (int k = 0; k < REP_SKILLS; k++) label(d, out, skills[k], sw[k], 1);
  sb_puts(out, "\n  ");
  label(d, out, "report.all_attempts", 17, 0);
  num(out, d->class_total, 10);
  num(out, d->class_skill[0], 12);
  num(out, d->class_skill[1], 10);
  num(out, d->class_skill[2], 9);
  num(out, d->class_skill[3], 11);
  sb_puts(out, "\n  ");
  label(d, out, "report.latest_attempts", 17, 0);
  num(out, d->latest_total, 10);
  num(out, d->latest_skill[0], 12);
  num(out, d->latest_skill[1], 10);
  num(out, d->latest_skill[2], 9);
  num(out, d->latest_skill[3], 11);
  sb_printf(out, "\n%s", msg_text(L(d), "report.outcomes"));
  for (int o = 0; o < 4; o++)
    sb_printf(out, "%s %s %ld (%.0f%%)", o ? "," : "", rep_outcome_word(rep_outcome_names[o], L(d)),
              d->outcomes[o], d->sessions ? 100.0 * (double)d->outcomes[o] / (double)d->sessions : 0.0);
  char passed[24], sessions[24];
  snprintf(passed, sizeof passed, "%ld", d->passed);
  snprintf(sessions, sizeof sessions, "%ld", d->sessions);
  sb_puts(out, "; ");
  put_msg(out, msg_get(L(d), "report.passed", "passed", passed, "sessions", sessions, NULL));
  sb_putc(out, '\n');
  put_msg(out, rep_marks(d, L(d)));
  sb_putc(out, '\n');
  /* the proficiency tiers of docs/scoring.md, over each trainee's latest attempt; a row whose
  ** scenario sets its own tiers is counted on that scenario's line below */
  int nt = 0;
  const score_tier *tiers = score_tiers(&nt);
  sb_puts(out, msg_text(L(d), "report.tiers"));
  for (int k = 0; k < nt; k++) {
    char key[64];
    snprintf(key, sizeof key, "tier.%s", tiers[k].id);
    sb_printf(out, "%s %s (%g+) %ld", k ? "," : "", msg_text(L(d), key), tiers[k].min, rep_default_tier_count(d, k));
  }
  sb_putc(out, '\n');
  own_tiers(d, out);
}

/* The class per scenario, when the report covers more than one. */
static void scenario_table(const rep_data *d, strbuf *out) {
  if (d->n_scenarios < 2) return;
  int sw = name_cols(d, 1);
  sb_printf(out, "\n%s\n", msg_text(L(d), "report.scenarios"));
  label(d, out, "report.col.scenario", sw, 0);
  static const char *const keys[] = { "report.col.sessions", "report.col.trainees" };
  for (int k = 0; k < 2; k++) { sb_puts(out, "  "); label(d, out, keys[k], 8, 1); }
  label(d, out, "report.col.average", 9, 1);
  label(d, out, "report.col.latest", 8, 1);
  skill_labels(d, out);
  sb_puts(out, "  ");
  label(d, out, "report.col.passed", 6, 1);
  sb_puts(out, "\n");
  for (int i = 0; i < d->n_scenarios; i++) {
    const rep_scenario *ps = &d->by_scenario[i];
    cell(out, d->scenarios[i], sw, 0);
    sb_printf(out, "  %8ld  %8d", ps->sessions, ps->trainees);
    num(out, ps->average, 9);
    num(out, ps->latest, 8);
    num(out, ps->skill[0], 8);
    num(out, ps->skill[1], 9);
    num(out, ps->skill[2], 8);
    num(out, ps->skill[3], 8);
    sb_printf(out, "  %6ld\n", ps->passed);
  }
}

/* A bar per ten-point band of the total, scaled to 40 columns. */
static void distribution(const rep_data *d, strbuf *out) {
  long max = 1;
  for (int b = 0; b < REP_BUCKETS; b++) if (d->dist[b] > max) max = d->dist[b];
  sb_printf(out, "\n%s\n", msg_text(L(d), "report.distribution"));
  for (int b = 0; b < REP_BUCKETS; b++) {
    char label[16];
    snprintf(label, sizeof label, "%d-%d", b * 10, b == REP_BUCKETS - 1 ? 100 : b * 10 + 9);
    sb_printf(out, "  %-7s ", label);
    long bars = (d->dist[b] * 40 + max - 1) / max;
    for (long i = 0; i < bars; i++) sb_puts(out, "█");
    sb_printf(out, "%s%ld\n", bars ? " " : "", d->dist[b]);
  }
}

/* A finding's principle p, the row's last cell starting at column col: whole when the report
** has no width or it fits; else wrapped inside its column, or, with fewer than
** REP_MIN_PRINCIPLE columns left, on lines of its own under the row (a 120-column terminal
** showed 229-column lines wrapped across the Count and Rule columns: play-test 30c finding 8). */
static void principle_cell(const rep_data *d, strbuf *out, const char *p, int col) {
  if (d->width <= 0 || col + txt_width(p) <= d->width) { sb_puts(out, p); return; }
  int indent = col;
  if (d->width - col < REP_MIN_PRINCIPLE) {
    while (out->len && out->s[out->len - 1] == ' ') out->s[--out->len] = '\0';
    sb_puts(out, "\n        ");
    indent = col = 8;
  }
  wrap_style st = { .width = d->width > indent + 10 ? d->width : indent + 10, .indent = indent,
                    .keep_spaces = 0, .kinsoku = 1, .cut_long = 1, .break_first = 0 };
  wrap_para(out, p, strlen(p), &st, &col);
}

/* The most frequent findings with their rule ids and principles. */
static void findings_table(const rep_data *d, strbuf *out) {
  sb_printf(out, "\n%s\n", msg_text(L(d), "report.findings"));
  if (!d->n_findings) { sb_printf(out, "  %s\n", msg_text(L(d), "report.none")); return; }
  int rw = 4;
  for (int i = 0; i < d->n_findings; i++) {
    int w = txt_width(d->findings[i].rule);
    if (w > rw) rw = w;
  }
  if (rw > 28) rw = 28;
  sb_puts(out, "  ");
  label(d, out, "report.col.count", 5, 1);
  sb_puts(out, "  ");
  label(d, out, "report.col.sessions", 8, 1);
  sb_puts(out, "  ");
  label(d, out, "report.col.avg_pts", 7, 1);
  sb_puts(out, "  ");
  label(d, out, "report.col.rule", rw, 0);
  sb_puts(out, "  ");
  label(d, out, "report.col.skill", 10, 0);
  sb_printf(out, "  %s\n", msg_text(L(d), "report.col.principle"));
  for (int i = 0; i < d->n_findings; i++) {
    const rep_finding *f = &d->findings[i];
    if (i > 0 && d->findings[i - 1].points < 0 && !(f->points < 0)) sb_puts(out, "\n");   /* lost, then won */
    sb_printf(out, "  %5ld  %8ld  %+7.1f  ", f->count, f->sessions, f->points);
    cell(out, f->rule, rw, 0);
    sb_puts(out, "  ");
    /* the skill's word, whole like a heading (the stored id in English, cut to its column) */
    const char *skill = rep_skill_word(f->skill, L(d));
    if (skill == f->skill) cell(out, skill, 10, 0);
    else { sb_puts(out, skill); for (int w = txt_width(skill); w < 10; w++) sb_putc(out, ' '); }
    const char *principle = rep_principle_words(f, L(d));
    if (principle) {
      sb_puts(out, "  ");
      char *p = txt_sanitize(principle, strlen(principle), NULL);
      principle_cell(d, out, p, 2 + 5 + 2 + 8 + 2 + 7 + 2 + rw + 2 + 10 + 2);
      free(p);
    }
    while (out->len && out->s[out->len - 1] == ' ') out->s[--out->len] = '\0';
    sb_puts(out, "\n");
  }
  if (d->findings_more > 0) {
    char nb[24];
    snprintf(nb, sizeof nb, "%d", d->findings_more);
    char *more = msg_get(L(d), "report.findings_more", "count", nb, NULL);
    sb_printf(out, "  %s\n", more);
    free(more);
  }
}

/* The class average at each attempt number, and how many trainees trend up or down. */
static void progress(const rep_data *d, strbuf *out) {
  sb_printf(out, "\n%s\n", msg_text(L(d), "report.progress"));
  sb_puts(out, "  ");
  label(d, out, "report.col.attempt", 7, 1);
  sb_puts(out, "  ");
  label(d, out, "report.col.trainees", 8, 1);
  sb_puts(out, "  ");
  label(d, out, "report.col.average", 7, 1);
  sb_puts(out, "\n");
  int shown = d->n_steps < 20 ? d->n_steps : 20;
  for (int i = 0; i < shown; i++)
    sb_printf(out, "  %7d  %8ld  %7.1f\n", i + 1, d->steps[i].n, d->steps[i].average);
  if (d->n_steps > shown) {
    char more[24];
    snprintf(more, sizeof more, "%d", d->n_steps - shown);
    sb_puts(out, "  ");
    put_msg(out, msg_get(L(d), "report.more_attempts", "count", more, NULL));
    sb_putc(out, '\n');
  }
  int up = 0, down = 0, flat = 0;
  for (int i = 0; i < d->n_rows; i++) {
    const char *w = rep_trend_word(&d->rows[i]);
    up += strcmp(w, "up") == 0;
    down += strcmp(w, "down") == 0;
    flat += strcmp(w, "flat") == 0;
  }
  char n[4][24];
  snprintf(n[0], sizeof n[0], "%d", up);
  snprintf(n[1], sizeof n[1], "%d", flat);
  snprintf(n[2], sizeof n[2], "%d", down);
  snprintf(n[3], sizeof n[3], "%d", d->n_rows - up - flat - down);
  put_msg(out, msg_get(L(d), "report.trend_summary", "up", n[0], "flat", n[1], "down", n[2],
                       "single", n[3], NULL));
  sb_putc(out, '\n');
}

/* The whole report as terminal text. */
void rep_render_text(const rep_data *d, strbuf *out) {
  header(d, out);
  if (!d->sessions) {   /* an empty filter is not an empty gradebook */
    int filtered = d->filter.scenario || d->filter.trainee || d->filter.since;
    sb_printf(out, "\n%s\n", msg_text(L(d), filtered ? "report.no_match" : "report.no_sessions"));
    return;
  }
  trainee_table(d, out);
  version_notes(d, out);
  class_table(d, out);
  scenario_table(d, out);
  distribution(d, out);
  findings_table(d, out);
  progress(d, out);
}
