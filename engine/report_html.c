/*
** report_html.c: the class report as one self-contained HTML page: inline CSS, inline SVG
** charts (the class distribution of total scores, the skills of every trainee, the class
** average by attempt number) and a few lines of script that make the trainee table sortable.
** Nothing is fetched from the network, and every text from the gradebook is escaped.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "report.h"
#include "score.h"
#include "text.h"

static const char *const skill_colour[REP_SKILLS] = { "#1f6fb4", "#2a9d4b", "#e07b12", "#8a5bbf" };

/* Appends s with & < > " ' escaped, after making it valid UTF-8 without control characters. */
static void esc(strbuf *out, const char *s) {
  if (!s) return;
  char *clean = txt_sanitize(s, strlen(s), NULL);
  sb_html(out, clean);
  free(clean);
}

/* Like esc, cut to cols display columns with an ellipsis (for chart labels). */
static void esc_cut(strbuf *out, const char *s, int cols) {
  char *clean = txt_sanitize(s, strlen(s), NULL);
  if (txt_width(clean) > cols) {
    clean[txt_fit(clean, strlen(clean), cols - 1)] = '\0';
    char *cut = xasprintf("%s…", clean);
    free(clean);
    clean = cut;
  }
  esc(out, clean);
  free(clean);
}

/* The report's language (rep_data.lang; English when unset) and a label of it, escaped. */
static const char *L(const rep_data *d) { return d->lang ? d->lang : "en"; }
static void say(const rep_data *d, strbuf *out, const char *key) { esc(out, msg_text(L(d), key)); }

/* A skill's word (a heading or a legend). */
static void skill_label(const rep_data *d, strbuf *out, int k) {
  esc(out, rep_skill_word(rep_skill_names[k], L(d)));
}

/* Appends the message key formatted with one argument shown as code (<code>value</code>) and
** the others as plain text, all escaped: the catalogue's words never carry markup. */
static void esc_code(const rep_data *d, strbuf *out, const char *key, const char *code_name,
                     const char *code, const char *name2, const char *value2) {
  char *m = msg_get(L(d), key, code_name, "\x1f", name2, value2, NULL);
  char *mark = strchr(m, '\x1f');
  if (mark) *mark = '\0';
  esc(out, m);
  if (mark) {
    sb_puts(out, "<code>");
    esc(out, code);
    sb_puts(out, "</code>");
    esc(out, mark + 1);
  }
  free(m);
}

/* One decimal, or "-" when there is no value. */
static void num(strbuf *out, double v) {
  char b[REP_TENTHS_MAX];
  sb_puts(out, v < 0 ? "-" : rep_tenths(b, v));
}

/* The page fits a 1024-pixel screen and an A4 or Letter page without cutting columns (headings
** wrap, print uses a smaller type), and scales to a phone (charts shrink with the page, the
** trainee table turns into one card per row, other tables scroll inside their box).  The font
** stack reaches a CJK font on every common system, so Chinese names never show as boxes. */
static const char css[] =
  "*{box-sizing:border-box}"
  "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans',"
  "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei',"
  "'WenQuanYi Micro Hei','Noto Sans CJK JP',sans-serif;margin:1.5em auto;max-width:1100px;"
  "padding:0 1em;color:#222;line-height:1.4}"
  "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}"
  ".meta{color:#555}table{border-collapse:collapse;margin:.5em 0;font-size:.92em}"
  "th,td{padding:.25em .3em;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}"
  "th{white-space:normal;vertical-align:bottom;font-size:.8em}td:last-child{white-space:normal}"
  "th{background:#f4f4f4;cursor:pointer;user-select:none}"
  "td.t,th.t{text-align:left}td.t{white-space:normal;overflow-wrap:break-word}td.n{overflow-wrap:anywhere}tr:hover td{background:#fafafa}"
  ".up{color:#2a9d4b}.down{color:#c0392b}"
  "svg{display:block;margin:.5em 0;max-width:100%;height:auto}svg text{font-size:12px;fill:#333}"
  ".note{border-left:3px solid #b7791f;padding:.3em .6em;background:#fffaf0}"
  ".legend span{display:inline-block;margin-right:1.2em}"
  ".legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-1px}"
  ".wide{overflow-x:auto;max-width:100%}"
  "@media (max-width:700px){body{margin:.5em 0;padding:0 .6em}"
  "#trainees thead{display:none}#trainees,#trainees tbody,#trainees tr{display:block;width:100%}"
  "#trainees tr{border:1px solid #ddd;border-radius:4px;margin:.6em 0;padding:.3em .5em}"
  "#trainees td{display:flex;justify-content:space-between;gap:1em;border:0;padding:.1em 0;"
  "white-space:normal;text-align:right}"
  "#trainees td::before{content:attr(data-l);color:#555;text-align:left}}"
  "@media print{@page{size:auto;margin:12mm}body{margin:0;padding:0;max-width:none;font-size:9pt}"
  "table{font-size:.9em;width:100%}th,td{padding:.15em .2em}th{cursor:auto;background:#eee}"
  ".wide{overflow:visible}h2{break-after:avoid}tr,svg{break-inside:avoid}.sorthint{display:none}}";

static const char script[] =
  "(function(){var t=document.getElementById('trainees');if(!t)return;"
  "var hs=t.tHead.rows[0].cells;"
  "function key(c){var v=c.getAttribute('data-v');return v===null?c.textContent:v;}"
  "Array.prototype.forEach.call(hs,function(h,i){h.addEventListener('click',function(){"
  "var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);"
  "var dir=h.getAttribute('aria-sort')==='ascending'?-1:1;"
  "rows.sort(function(x,y){var a=key(x.cells[i]),c=key(y.cells[i]),"
  "na=parseFloat(a),nc=parseFloat(c);"
  "if(!isNaN(na)&&!isNaN(nc))return(na-nc)*dir;return a.localeCompare(c)*dir;});"
  "Array.prototype.forEach.call(hs,function(o){o.removeAttribute('aria-sort');});"
  "h.setAttribute('aria-sort',dir>0?'ascending':'descending');"
  "rows.forEach(function(r){b.appendChild(r);});});});"
  "t.setAttribute('data-sortable','1');})();";

/* Bar chart of how many sessions fell in each 10-point band of the total score. */
static void chart_distribution(const rep_data *d, strbuf *out) {
  const int W = 560, H = 240, left = 40, bottom = 30, top = 20, bw = (W - left - 10) / REP_BUCKETS;
  long max = 1;
  for (int b = 0; b < REP_BUCKETS; b++) if (d->dist[b] > max) max = d->dist[b];
  sb_printf(out, "<svg id=\"chart-distribution\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
            " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>", W, H, W, H);
  char n[24];
  snprintf(n, sizeof n, "%ld", d->sessions);
  char *sessions = msg_get(L(d), "report.sessions", "count", n, NULL);
  char *title = msg_get(L(d), "report.html.chart_distribution", "sessions", sessions, NULL);
  esc(out, title);
  free(title);
  free(sessions);
  sb_puts(out, "</title>\n");
  int plot = H - top - bottom;
  sb_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n",
            left, H - bottom, W - 10, H - bottom);
  for (int b = 0; b < REP_BUCKETS; b++) {
    int h = (int)((double)d->dist[b] * plot / (double)max + 0.5);
    int x = left + b * bw;
    sb_printf(out, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
              "<title>%d-%d: %ld</title></rect>", x + 3, H - bottom - h, bw - 6, h,
              b >= 6 ? "#2a9d4b" : "#1f6fb4", b * 10, b == REP_BUCKETS - 1 ? 100 : b * 10 + 9,
              d->dist[b]);
    sb_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%ld</text>",
              x + bw / 2, H - bottom - h - 4, d->dist[b]);
    sb_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
              x + bw / 2, H - bottom + 16, b * 10);
  }
  sb_puts(out, "</svg>\n");
}

/* Four horizontal bars (one per skill) for each trainee row, on a shared 0..100 scale. */
static void chart_skills(const rep_data *d, strbuf *out) {
  const int label = 200, scale = 400, W = label + scale + 60, rowh = 34, top = 24;
  int H = top + d->n_rows * rowh + 10, multi = d->n_scenarios > 1;
  sb_printf(out, "<svg id=\"chart-skills\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
            " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>", W, H, W, H);
  say(d, out, "report.html.chart_skills");
  sb_puts(out, "</title>\n");
  for (int g = 0; g <= 100; g += 25) {
    int x = label + g * scale / 100;
    sb_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e4e4e4\"/>"
              "<text x=\"%d\" y=\"14\" text-anchor=\"middle\">%d</text>\n", x, top - 4, x, H - 8, x, g);
  }
  for (int i = 0; i < d->n_rows; i++) {
    const rep_row *r = &d->rows[i];
    int y = top + i * rowh;
    sb_printf(out, "<g class=\"trainee\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label - 8,
              y + rowh / 2 + 2);
    esc_cut(out, r->trainee, multi ? 14 : 26);
    if (multi) { sb_puts(out, " · "); esc_cut(out, r->scenario, 12); }
    sb_puts(out, "</text>");
    for (int k = 0; k < REP_SKILLS; k++) {
      double v = r->skill[k] < 0 ? 0 : r->skill[k];
      char w[REP_TENTHS_MAX];
      sb_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"6\" fill=\"%s\"><title>",
                label, y + 3 + k * 7, rep_tenths(w, v * scale / 100.0), skill_colour[k]);
      esc(out, r->trainee);
      sb_puts(out, " ");
      skill_label(d, out, k);
      sb_puts(out, ": ");
      num(out, r->skill[k]);
      sb_puts(out, "</title></rect>");
    }
    sb_puts(out, "</g>\n");
  }
  sb_puts(out, "</svg>\n");
}

/* The class average total at attempt 1, 2, 3, ... as a line. */
static void chart_progress(const rep_data *d, strbuf *out) {
  int n = d->n_steps < 20 ? d->n_steps : 20;
  const int W = 560, H = 220, left = 40, right = 20, top = 16, bottom = 30;
  int plot_w = W - left - right, plot_h = H - top - bottom;
  sb_printf(out, "<svg id=\"chart-progress\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
            " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>", W, H, W, H);
  say(d, out, "report.html.chart_progress");
  sb_puts(out, "</title>\n");
  for (int g = 0; g <= 100; g += 25) {
    int y = top + plot_h - g * plot_h / 100;
    sb_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e4e4e4\"/>"
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>\n", left, y, W - right, y,
              left - 6, y + 4, g);
  }
  sb_puts(out, "<polyline fill=\"none\" stroke=\"#1f6fb4\" stroke-width=\"2\" points=\"");
  for (int i = 0; i < n; i++) {
    double x = left + (n > 1 ? (double)i * plot_w / (n - 1) : plot_w / 2.0);
    double y = top + plot_h - d->steps[i].average * plot_h / 100.0;
    sb_printf(out, "%s%.1f,%.1f", i ? " " : "", x, y);
  }
  sb_puts(out, "\"/>\n");
  for (int i = 0; i < n; i++) {
    double x = left + (n > 1 ? (double)i * plot_w / (n - 1) : plot_w / 2.0);
    double y = top + plot_h - d->steps[i].average * plot_h / 100.0;
    char a[24], avg[32], cnt[24];
    snprintf(a, sizeof a, "%d", i + 1);
    snprintf(avg, sizeof avg, "%.1f", d->steps[i].average);
    snprintf(cnt, sizeof cnt, "%ld", d->steps[i].n);
    sb_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#1f6fb4\"><title>", x, y);
    char *dot = msg_get(L(d), "report.html.dot", "attempt", a, "average", avg, "count", cnt, NULL);
    esc(out, dot);
    free(dot);
    sb_printf(out, "</title></circle><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
              x, H - bottom + 16, i + 1);
  }
  sb_puts(out, "</svg>\n");
}

/* Title, source, counts, period, scenarios and the active filters. */
static void header(const rep_data *d, strbuf *out) {
  sb_puts(out, "<h1>");
  say(d, out, "report.html.heading");
  sb_puts(out, "</h1>\n<p class=\"meta\">");
  char *counts = rep_counts(d, L(d), 0);
  esc_code(d, out, "report.html.gradebook", "source", d->source, "counts", counts);
  free(counts);
  if (d->n_scenarios) {
    sb_puts(out, " ");
    say(d, out, "report.html.scenarios");
    for (int i = 0; i < d->n_scenarios; i++) {
      if (i) say(d, out, "sep.list");
      else sb_puts(out, " ");
      sb_puts(out, "<code>"); esc(out, d->scenarios[i]); sb_puts(out, "</code>");
    }
    say(d, out, "report.html.stop");
  }
  const char *v[3] = { d->filter.scenario, d->filter.trainee, d->filter.since };
  static const char *const k[3] = { "report.filter.scenario", "report.filter.trainee", "report.filter.since" };
  for (int i = 0; i < 3; i++) {
    if (!v[i]) continue;
    sb_puts(out, " ");
    esc_code(d, out, "report.html.filter", "value", v[i], "name", msg_text(L(d), k[i]));
  }
  sb_puts(out, "</p>\n");
}

/* A row's interrupted visits and visits with hints, each on a line of its own under the latest
** outcome: written on one line ("(2 interrupted, 1 with hints)") the cell widened the table past
** 1024 pixels and the browser broke the trainee names to fit it. */
static void row_marks(const rep_data *d, const rep_row *r, strbuf *out) {
  static const char *const keys[2] = { "report.row_interrupted", "report.row_hinted" };
  const int n[2] = { r->interrupted, r->hinted };
  for (int k = 0; k < 2; k++) {
    if (!n[k]) continue;
    char c[24];
    snprintf(c, sizeof c, "%d", n[k]);
    char *m = msg_get(L(d), keys[k], "count", c, NULL);
    sb_puts(out, "<br><small class=\"marks\">");
    esc(out, m);
    sb_puts(out, "</small>");
    free(m);
  }
}

/* The sortable trainee table; data-v holds the numeric trend for sorting. */
static void trainee_table(const rep_data *d, strbuf *out) {
  int multi = d->n_scenarios > 1;
  sb_puts(out, "<h2>");
  say(d, out, "report.html.trainees");
  sb_puts(out, "</h2>\n<p class=\"meta sorthint\">");
  say(d, out, "report.html.sort_hint");
  sb_puts(out, "</p>\n<div class=\"wide\"><table id=\"trainees\"><thead><tr><th class=\"t\">");
  say(d, out, "report.col.trainee");
  sb_puts(out, "</th>");
  if (multi) { sb_puts(out, "<th class=\"t\">"); say(d, out, "report.col.scenario"); sb_puts(out, "</th>"); }
  static const char *const cols[] = { "report.col.attempts", "report.col.best", "report.col.first",
                                      "report.col.latest", "report.col.average" };
  for (int k = 0; k < 5; k++) { sb_puts(out, "<th>"); say(d, out, cols[k]); sb_puts(out, "</th>"); }
  static const char *const skills[] = { "report.col.commitment", "report.col.benefits",
                                        "report.col.tactics", "report.col.discovery" };
  for (int k = 0; k < REP_SKILLS; k++) { sb_puts(out, "<th>"); say(d, out, skills[k]); sb_puts(out, "</th>"); }
  sb_puts(out, "<th>");
  say(d, out, "report.col.trend_per_attempt");
  sb_puts(out, "</th><th class=\"t\">");
  say(d, out, "report.col.latest_outcome");
  /* the latest attempt's tier and pass mark (the scenario's own bands when it sets them) */
  sb_puts(out, "</th><th class=\"t\">");
  say(d, out, "label.tier");
  sb_puts(out, "</th><th>");
  say(d, out, "label.pass_mark");
  sb_puts(out, "</th></tr></thead><tbody>\n");
  for (int i = 0; i < d->n_rows; i++) {
    const rep_row *r = &d->rows[i];
    /* data-l: the column's name, shown beside each value when a phone turns rows into cards */
    /* a typed name may break anywhere (a name of one long word must not widen the table); the
    ** catalogue's words and scenario ids break between words or at hyphens only ("continu|ation"
    ** at 1024 pixels: play-test 30c finding 7) */
    sb_puts(out, "<tr><td class=\"t n\" data-l=\"");
    say(d, out, "report.col.trainee");
    sb_puts(out, "\">");
    esc(out, r->trainee);
    sb_puts(out, "</td>");
    if (multi) {
      sb_puts(out, "<td class=\"t\" data-l=\"");
      say(d, out, "report.col.scenario");
      sb_puts(out, "\">");
      esc(out, r->scenario);
      sb_puts(out, "</td>");
    }
    const int v[4] = { r->attempts, r->best, r->first, r->latest };
    for (int k = 0; k < 4; k++) {
      sb_puts(out, "<td data-l=\"");
      say(d, out, cols[k]);
      sb_printf(out, "\">%d</td>", v[k]);
    }
    sb_puts(out, "<td data-l=\"");
    say(d, out, cols[4]);
    sb_puts(out, "\">");
    num(out, r->average);
    for (int k = 0; k < REP_SKILLS; k++) {
      sb_puts(out, "</td><td data-l=\"");
      skill_label(d, out, k);
      sb_puts(out, "\">");
      num(out, r->skill[k]);
    }
    const char *w = rep_trend_word(r);
    if (r->attempts > 1) {
      sb_printf(out, "</td><td class=\"%s\" data-l=\"", w);
      say(d, out, "report.col.trend");
      sb_printf(out, "\" data-v=\"%.2f\">%s %+.1f", r->trend,
                strcmp(w, "up") == 0 ? "▲" : strcmp(w, "down") == 0 ? "▼" : "▶", r->trend);
    } else {
      sb_puts(out, "</td><td data-l=\"");
      say(d, out, "report.col.trend");
      sb_puts(out, "\" data-v=\"0\">-");
    }
    sb_puts(out, "</td><td class=\"t\" data-l=\"");
    say(d, out, "report.col.latest_outcome");
    sb_puts(out, "\">");
    esc(out, rep_outcome_word(r->latest_outcome, L(d)));
    if (r->versions > 1) {   /* the file was edited between this trainee's attempts */
      char n[16], *m;
      snprintf(n, sizeof n, "%d", r->versions);
      m = msg_get(L(d), "report.row_versions", "versions", n, NULL);
      sb_puts(out, " <small>");
      esc(out, m);
      sb_puts(out, "</small>");
      free(m);
    }
    row_marks(d, r, out);
    sb_puts(out, "</td><td class=\"t\" data-l=\"");
    say(d, out, "label.tier");
    sb_puts(out, "\">");
    esc(out, rep_tier_name(r, L(d)));
    sb_puts(out, "</td><td data-l=\"");
    say(d, out, "label.pass_mark");
    sb_puts(out, "\">");
    if (r->has_mark) sb_printf(out, "%g", r->pass_mark);
    sb_puts(out, "</td></tr>\n");
  }
  sb_puts(out, "</tbody></table></div>\n");
  for (int i = 0; d->by_scenario && i < d->n_scenarios; i++) {   /* files edited during the class */
    if (d->by_scenario[i].versions < 2) continue;
    char n[16];
    snprintf(n, sizeof n, "%d", d->by_scenario[i].versions);
    char *m = msg_get(L(d), "report.versions_note", "scenario", d->scenarios[i], "versions", n, NULL);
    sb_puts(out, "<p class=\"note\">");
    esc(out, m);
    sb_puts(out, "</p>\n");
    free(m);
  }
}

/* How many latest attempts stand in each tier, as the text report counts them: the default
** tiers, then a line per scenario that sets its own, with its pass mark. */
static void tiers(const rep_data *d, strbuf *out) {
  int nt = 0;
  const score_tier *t = score_tiers(&nt);
  sb_puts(out, "<p id=\"tiers\">");
  say(d, out, "report.tiers");
  for (int k = 0; k < nt; k++) {
    char key[64];
    snprintf(key, sizeof key, "tier.%s", t[k].id);
    sb_puts(out, k ? ", " : " ");
    say(d, out, key);
    sb_printf(out, " (%g+) %ld", t[k].min, rep_default_tier_count(d, k));
  }
  for (int s = 0; d->by_scenario && s < d->n_scenarios; s++) {
    const rep_scenario *ps = &d->by_scenario[s];
    if (ps->n_tiers == 0) continue;
    sb_puts(out, "<br><code>");
    esc(out, d->scenarios[s]);
    sb_puts(out, "</code>");
    if (ps->has_mark) {
      sb_puts(out, " (");
      say(d, out, "label.pass_mark");
      sb_printf(out, " %g)", ps->pass_mark);
    }
    sb_puts(out, ":");
    for (int k = 0; k < ps->n_tiers; k++) {
      sb_puts(out, k ? ", " : " ");
      esc(out, ps->tiers[k].name);
      sb_printf(out, " (%g+) %ld", ps->tiers[k].min, rep_own_tier_count(d, s, k));
    }
  }
  sb_puts(out, "</p>\n");
}

/* How many trainee rows trend up, flat or down, and how many have one attempt (the text
** report's line under its progress table). */
static void trend_summary(const rep_data *d, strbuf *out) {
  int n[3] = { 0, 0, 0 };
  static const char *const words[3] = { "up", "flat", "down" };
  for (int i = 0; i < d->n_rows; i++)
    for (int k = 0; k < 3; k++) n[k] += strcmp(rep_trend_word(&d->rows[i]), words[k]) == 0;
  char v[4][24];
  for (int k = 0; k < 3; k++) snprintf(v[k], sizeof v[k], "%d", n[k]);
  snprintf(v[3], sizeof v[3], "%d", d->n_rows - n[0] - n[1] - n[2]);
  char *m = msg_get(L(d), "report.trend_summary", "up", v[0], "flat", v[1], "down", v[2], "single", v[3], NULL);
  sb_puts(out, "<p id=\"trends\">");
  esc(out, m);
  sb_puts(out, "</p>\n");
  free(m);
}

/* Class averages, outcomes, tiers, the per-scenario table and the distribution chart. */
static void class_section(const rep_data *d, strbuf *out) {
  sb_puts(out, "<h2>");
  say(d, out, "report.html.class_averages");
  sb_puts(out, "</h2>\n<div class=\"wide\"><table id=\"class\"><thead><tr><th class=\"t\"></th><th>");
  say(d, out, "report.col.total");
  sb_puts(out, "</th>");
  for (int k = 0; k < REP_SKILLS; k++) { sb_puts(out, "<th>"); skill_label(d, out, k); sb_puts(out, "</th>"); }
  sb_puts(out, "</tr></thead><tbody>\n<tr><td class=\"t\">");
  say(d, out, "report.all_attempts");
  sb_puts(out, "</td><td>");
  num(out, d->class_total);
  for (int k = 0; k < REP_SKILLS; k++) { sb_puts(out, "</td><td>"); num(out, d->class_skill[k]); }
  sb_puts(out, "</td></tr>\n<tr><td class=\"t\">");
  say(d, out, "report.latest_attempts");
  sb_puts(out, "</td><td>");
  num(out, d->latest_total);
  for (int k = 0; k < REP_SKILLS; k++) { sb_puts(out, "</td><td>"); num(out, d->latest_skill[k]); }
  sb_puts(out, "</td></tr>\n</tbody></table></div>\n<p>");
  say(d, out, "report.outcomes");
  for (int o = 0; o < 4; o++) {   /* with the share of the visits, as the text report */
    sb_puts(out, o ? ", " : " ");
    esc(out, rep_outcome_word(rep_outcome_names[o], L(d)));
    sb_printf(out, " %ld (%.0f%%)", d->outcomes[o],
              d->sessions ? 100.0 * (double)d->outcomes[o] / (double)d->sessions : 0.0);
  }
  char passed[24], sessions[24];
  snprintf(passed, sizeof passed, "%ld", d->passed);
  snprintf(sessions, sizeof sessions, "%ld", d->sessions);
  char *p = msg_get(L(d), "report.passed", "passed", passed, "sessions", sessions, NULL);
  sb_puts(out, "; ");
  esc(out, p);
  free(p);
  say(d, out, "report.html.stop");
  sb_puts(out, "</p>\n<p id=\"marks\">");
  char *marks = rep_marks(d, L(d));
  esc(out, marks);
  free(marks);
  sb_puts(out, "</p>\n");
  tiers(d, out);
  if (d->n_scenarios > 1) {
    sb_puts(out, "<div class=\"wide\"><table id=\"scenarios\"><thead><tr><th class=\"t\">");
    say(d, out, "report.col.scenario");
    sb_puts(out, "</th>");
    static const char *const cols[] = { "report.col.sessions", "report.col.trainees", "report.col.average",
                                        "report.col.latest" };
    for (int k = 0; k < 4; k++) { sb_puts(out, "<th>"); say(d, out, cols[k]); sb_puts(out, "</th>"); }
    for (int k = 0; k < REP_SKILLS; k++) { sb_puts(out, "<th>"); skill_label(d, out, k); sb_puts(out, "</th>"); }
    sb_puts(out, "<th>");
    say(d, out, "report.col.passed");
    sb_puts(out, "</th></tr></thead><tbody>\n");
    for (int i = 0; i < d->n_scenarios; i++) {
      const rep_scenario *ps = &d->by_scenario[i];
      sb_puts(out, "<tr><td class=\"t\">");
      esc(out, d->scenarios[i]);
      sb_printf(out, "</td><td>%ld</td><td>%d</td><td>", ps->sessions, ps->trainees);
      num(out, ps->average);
      sb_puts(out, "</td><td>");
      num(out, ps->latest);
      for (int k = 0; k < REP_SKILLS; k++) { sb_puts(out, "</td><td>"); num(out, ps->skill[k]); }
      sb_printf(out, "</td><td>%ld</td></tr>\n", ps->passed);
    }
    sb_puts(out, "</tbody></table></div>\n");
  }
  sb_puts(out, "<h2>");
  say(d, out, "report.html.distribution");
  sb_puts(out, "</h2>\n");
  chart_distribution(d, out);
}

/* The most frequent findings with their rule ids and principles. */
static void findings_section(const rep_data *d, strbuf *out) {
  sb_puts(out, "<h2>");
  say(d, out, "report.html.findings");
  sb_puts(out, "</h2>\n");
  if (!d->n_findings) { sb_puts(out, "<p>"); say(d, out, "report.html.none"); sb_puts(out, "</p>\n"); return; }
  sb_puts(out, "<div class=\"wide\"><table id=\"findings\"><thead><tr>");
  static const char *const cols[] = { "report.col.count", "report.col.sessions", "report.col.avg_points" };
  for (int k = 0; k < 3; k++) { sb_puts(out, "<th>"); say(d, out, cols[k]); sb_puts(out, "</th>"); }
  static const char *const tcols[] = { "report.col.rule", "report.col.skill", "report.col.principle" };
  for (int k = 0; k < 3; k++) { sb_puts(out, "<th class=\"t\">"); say(d, out, tcols[k]); sb_puts(out, "</th>"); }
  sb_puts(out, "</tr></thead><tbody>\n");
  for (int i = 0; i < d->n_findings; i++) {
    const rep_finding *f = &d->findings[i];
    sb_printf(out, "<tr><td>%ld</td><td>%ld</td><td>%+.1f</td><td class=\"t\"><code>", f->count,
              f->sessions, f->points);
    esc(out, f->rule);
    sb_puts(out, "</code></td><td class=\"t\">");
    esc(out, rep_skill_word(f->skill, L(d)));
    sb_puts(out, "</td><td class=\"t\">");
    esc(out, rep_principle_words(f, L(d)));
    sb_puts(out, "</td></tr>\n");
  }
  sb_puts(out, "</tbody></table></div>\n");
  if (d->findings_more > 0) {
    char nb[24];
    snprintf(nb, sizeof nb, "%d", d->findings_more);
    char *more = msg_get(L(d), "report.findings_more", "count", nb, NULL);
    sb_puts(out, "<p>");
    esc(out, more);
    sb_puts(out, "</p>\n");
    free(more);
  }
}

/* The whole report as one self-contained page. */
void rep_render_html(const rep_data *d, strbuf *out) {
  sb_puts(out, "<!DOCTYPE html>\n<html lang=\"");
  say(d, out, "report.html.lang");
  sb_puts(out, "\"><head><meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  say(d, out, "report.html.title");
  sb_printf(out, "</title>\n<style>%s</style></head>\n<body>\n", css);
  header(d, out);
  if (!d->sessions) {
    sb_puts(out, "<p>");
    say(d, out, d->filter.scenario || d->filter.trainee || d->filter.since ? "report.no_match" : "report.no_sessions");
    sb_puts(out, "</p>\n</body></html>\n");
    return;
  }
  trainee_table(d, out);
  sb_puts(out, "<h2>");
  say(d, out, "report.html.skills");
  sb_puts(out, "</h2>\n<p class=\"legend\">");
  for (int k = 0; k < REP_SKILLS; k++) {
    sb_printf(out, "<span><i style=\"background:%s\"></i>", skill_colour[k]);
    skill_label(d, out, k);
    sb_puts(out, "</span>");
  }
  sb_puts(out, "</p>\n");
  chart_skills(d, out);
  class_section(d, out);
  findings_section(d, out);
  sb_puts(out, "<h2>");
  say(d, out, "report.html.progress");
  sb_puts(out, "</h2>\n<p class=\"meta\">");
  say(d, out, "report.html.progress_about");
  sb_puts(out, "</p>\n");
  chart_progress(d, out);
  trend_summary(d, out);
  sb_printf(out, "<script>%s</script>\n</body></html>\n", script);
}
