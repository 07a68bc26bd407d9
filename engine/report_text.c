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
  char b[32];
  if (v < 0) snprintf(b, sizeof b, "-");
  else snprintf(b, sizeof b, "%.1f", v);
  sb_printf(out, "%*s", cols, b);
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

/* Source, counts, period, scenarios and the active filters. */
static void header(const rep_data *d, strbuf *out) {
  char *src = txt_sanitize(d->source, strlen(d->source), NULL);
  sb_printf(out, "Class report: %s\n", src);
  free(src);
  sb_printf(out, "%ld session%s, %d trainee%s", d->sessions, d->sessions == 1 ? "" : "s",
            d->trainees, d->trainees == 1 ? "" : "s");
  if (d->first_started) {
    /* the dates: ten columns of each start, never half a character of an odd one */
    size_t a = txt_fit(d->first_started, strlen(d->first_started), 10);
    size_t b = txt_fit(d->last_started, strlen(d->last_started), 10);
    sb_printf(out, ", %.*s to %.*s", (int)a, d->first_started, (int)b, d->last_started);
  }
  sb_puts(out, "\n");
  if (d->n_scenarios) {
    sb_puts(out, "Scenarios:");
    for (int i = 0; i < d->n_scenarios; i++) {
      char *s = txt_sanitize(d->scenarios[i], strlen(d->scenarios[i]), NULL);
      sb_printf(out, " %s", s);
      free(s);
    }
    sb_puts(out, "\n");
  }
  if (d->filter.scenario || d->filter.trainee || d->filter.since) {
    sb_puts(out, "Filter:");
    const char *v[3] = { d->filter.scenario, d->filter.trainee, d->filter.since };
    const char *k[3] = { "scenario", "trainee", "since" };
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
  sb_puts(out, "\nTRAINEES\n");
  cell(out, "Trainee", nw, 0);
  if (multi) { sb_puts(out, "  "); cell(out, "Scenario", sw, 0); }
  sb_puts(out, "  Tries  Best  First  Latest   Avg  Commit  Benefit  Tactic  Discov  Trend          Latest outcome\n");
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
    char trend[48];
    if (r->attempts < 2) snprintf(trend, sizeof trend, "-");
    else snprintf(trend, sizeof trend, "%s %+.1f/try", rep_trend_word(r), r->trend);
    sb_printf(out, "  %-15s%s\n", trend, r->latest_outcome);
  }
}

/* A line per scenario that sets its own tiers: its pass mark and how many latest attempts
** stand in each of its tiers (by the tier the debrief recorded). */
static void own_tiers(const rep_data *d, strbuf *out) {
  for (int s = 0; d->by_scenario && s < d->n_scenarios; s++) {
    const rep_scenario *ps = &d->by_scenario[s];
    if (ps->n_tiers == 0) continue;
    sb_printf(out, "  %s", d->scenarios[s]);   /* under "Tiers (latest attempts):" */
    if (ps->has_mark) sb_printf(out, " (%s %g)", msg_text("en", "label.pass_mark"), ps->pass_mark);
    sb_putc(out, ':');
    for (int k = 0; k < ps->n_tiers; k++) {
      long n = 0;
      for (int i = 0; i < d->n_rows; i++) {
        const rep_row *r = &d->rows[i];
        if (r->tier_own && strcmp(r->scenario, d->scenarios[s]) == 0 && strcmp(r->tier_id, ps->tiers[k].id) == 0) n++;
      }
      sb_printf(out, "%s %s (%g+) %ld", k ? "," : "", ps->tiers[k].name, ps->tiers[k].min, n);
    }
    sb_putc(out, '\n');
  }
}

/* Class averages over all attempts and over the latest ones, then the outcomes. */
static void class_table(const rep_data *d, strbuf *out) {
  sb_puts(out, "\nCLASS AVERAGES          Total  Commitment  Benefits  Tactics  Discovery\n");
  sb_puts(out, "  all attempts     ");
  num(out, d->class_total, 10);
  num(out, d->class_skill[0], 12);
  num(out, d->class_skill[1], 10);
  num(out, d->class_skill[2], 9);
  num(out, d->class_skill[3], 11);
  sb_puts(out, "\n  latest attempts  ");
  num(out, d->latest_total, 10);
  num(out, d->latest_skill[0], 12);
  num(out, d->latest_skill[1], 10);
  num(out, d->latest_skill[2], 9);
  num(out, d->latest_skill[3], 11);
  sb_puts(out, "\nOutcomes:");
  for (int o = 0; o < 4; o++)
    sb_printf(out, "%s %s %ld (%.0f%%)", o ? "," : "", rep_outcome_names[o], d->outcomes[o],
              d->sessions ? 100.0 * (double)d->outcomes[o] / (double)d->sessions : 0.0);
  sb_printf(out, "; passed %ld of %ld\n", d->passed, d->sessions);
  /* the proficiency tiers of docs/scoring.md, over each trainee's latest attempt; a row whose
  ** scenario sets its own tiers is counted on that scenario's line below */
  int nt = 0;
  const score_tier *tiers = score_tiers(&nt);
  sb_puts(out, "Tiers (latest attempts):");
  for (int k = 0; k < nt; k++) {
    long n = 0;
    for (int i = 0; i < d->n_rows; i++)
      if (!d->rows[i].tier_own &&
          d->rows[i].latest >= tiers[k].min && (k == 0 || d->rows[i].latest < tiers[k - 1].min)) n++;
    char key[64];   /* the class report is English until it takes a language (issue 18) */
    snprintf(key, sizeof key, "tier.%s", tiers[k].id);
    sb_printf(out, "%s %s (%g+) %ld", k ? "," : "", msg_text("en", key), tiers[k].min, n);
  }
  sb_putc(out, '\n');
  own_tiers(d, out);
}

/* The class per scenario, when the report covers more than one. */
static void scenario_table(const rep_data *d, strbuf *out) {
  if (d->n_scenarios < 2) return;
  int sw = name_cols(d, 1);
  sb_puts(out, "\nSCENARIOS\n");
  cell(out, "Scenario", sw, 0);
  sb_puts(out, "  Sessions  Trainees  Average  Latest  Commit  Benefit  Tactic  Discov  Passed\n");
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
  sb_puts(out, "\nSCORE DISTRIBUTION (all attempts)\n");
  for (int b = 0; b < REP_BUCKETS; b++) {
    char label[16];
    snprintf(label, sizeof label, "%d-%d", b * 10, b == REP_BUCKETS - 1 ? 100 : b * 10 + 9);
    sb_printf(out, "  %-7s ", label);
    long bars = (d->dist[b] * 40 + max - 1) / max;
    for (long i = 0; i < bars; i++) sb_puts(out, "█");
    sb_printf(out, "%s%ld\n", bars ? " " : "", d->dist[b]);
  }
}

/* The most frequent findings with their rule ids and principles. */
static void findings_table(const rep_data *d, strbuf *out) {
  sb_puts(out, "\nMOST FREQUENT FINDINGS\n");
  if (!d->n_findings) { sb_puts(out, "  (none)\n"); return; }
  int rw = 4;
  for (int i = 0; i < d->n_findings; i++) {
    int w = txt_width(d->findings[i].rule);
    if (w > rw) rw = w;
  }
  if (rw > 28) rw = 28;
  sb_puts(out, "  Count  Sessions  Avg pts  ");
  cell(out, "Rule", rw, 0);
  sb_puts(out, "  Skill       Principle\n");
  for (int i = 0; i < d->n_findings; i++) {
    const rep_finding *f = &d->findings[i];
    sb_printf(out, "  %5ld  %8ld  %+7.1f  ", f->count, f->sessions, f->points);
    cell(out, f->rule, rw, 0);
    sb_puts(out, "  ");
    cell(out, f->skill, 10, 0);
    if (f->principle) {
      sb_puts(out, "  ");
      char *p = txt_sanitize(f->principle, strlen(f->principle), NULL);
      sb_puts(out, p);
      free(p);
    }
    while (out->len && out->s[out->len - 1] == ' ') out->s[--out->len] = '\0';
    sb_puts(out, "\n");
  }
}

/* The class average at each attempt number, and how many trainees trend up or down. */
static void progress(const rep_data *d, strbuf *out) {
  sb_puts(out, "\nPROGRESS OVER ATTEMPTS (average total at each attempt number)\n");
  sb_puts(out, "  Attempt  Trainees  Average\n");
  int shown = d->n_steps < 20 ? d->n_steps : 20;
  for (int i = 0; i < shown; i++)
    sb_printf(out, "  %7d  %8ld  %7.1f\n", i + 1, d->steps[i].n, d->steps[i].average);
  if (d->n_steps > shown) sb_printf(out, "  (%d more attempt numbers)\n", d->n_steps - shown);
  int up = 0, down = 0, flat = 0;
  for (int i = 0; i < d->n_rows; i++) {
    const char *w = rep_trend_word(&d->rows[i]);
    up += strcmp(w, "up") == 0;
    down += strcmp(w, "down") == 0;
    flat += strcmp(w, "flat") == 0;
  }
  sb_printf(out, "Trend per trainee: %d up, %d flat, %d down, %d with one attempt\n", up, flat,
            down, d->n_rows - up - flat - down);
}

/* The whole report as terminal text. */
void rep_render_text(const rep_data *d, strbuf *out) {
  header(d, out);
  if (!d->sessions) { sb_puts(out, "\nNo sessions recorded yet.\n"); return; }
  trainee_table(d, out);
  class_table(d, out);
  scenario_table(d, out);
  distribution(d, out);
  findings_table(d, out);
  progress(d, out);
}
