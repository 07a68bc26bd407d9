/*
** debrief_html.c: the debrief as one self-contained HTML page for a classroom screen: inline CSS,
** an inline SVG bar chart of the four skills and, with two or more earlier attempts, an SVG line
** chart of the progress.  No scripts, no external assets.  Every string from the document is
** cleaned of escapes and HTML-escaped.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "debrief.h"
#include "msg.h"
#include "debrief_int.h"

/* A string member, or "" when absent or not a string (the document may be hand-edited). */
static const char *jstr(const json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "";
}

/* Appends text cleaned and escaped for HTML text and attribute values. */
static void h(strbuf *b, const char *raw) {
  char *t = deb_clean_text(raw);
  sb_html(b, t);
  free(t);
}

static const char *score_colour(int v) { return v >= 70 ? "#2e7d32" : v >= 40 ? "#f9a825" : "#c62828"; }

/* The skills as an SVG bar chart: one horizontal bar per skill, 0..100. */
static void skills_svg(strbuf *b, const json_t *d, const char *lang) {
  const json_t *skills = json_object_get(d, "skills");
  sb_puts(b, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 520 170\" width=\"520\" height=\"170\" "
             "xmlns=\"http://www.w3.org/2000/svg\">\n<title>");
  h(b, deb_label(lang, L_SKILLS));
  sb_puts(b, "</title>\n");
  for (int x = 0; x <= 100; x += 25)
    sb_printf(b, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"150\" stroke=\"#ddd\"/>"
                 "<text x=\"%d\" y=\"165\" font-size=\"11\" text-anchor=\"middle\" fill=\"#777\">%d</text>\n",
              130 + x * 3, 130 + x * 3, 130 + x * 3, x);
  for (int k = 0; k < 4; k++) {
    const json_t *sv = json_object_get(json_object_get(skills, vocab_skill_names[k]), "score");
    int v = (int)json_integer_value(sv);
    v = v < 0 ? 0 : v > 100 ? 100 : v;
    int y = 15 + k * 34;
    if (json_is_null(sv)) {   /* no evidence for the skill: a label, no bar */
      sb_printf(b, "<text x=\"120\" y=\"%d\" font-size=\"14\" text-anchor=\"end\">", y + 17);
      h(b, deb_label(lang, L_COMMITMENT + k));
      sb_printf(b, "</text><text x=\"136\" y=\"%d\" font-size=\"13\" fill=\"#777\">", y + 17);
      h(b, deb_label(lang, L_NOT_SHOWN));
      sb_puts(b, "</text>\n");
      continue;
    }
    sb_printf(b, "<text x=\"120\" y=\"%d\" font-size=\"14\" text-anchor=\"end\">", y + 17);
    h(b, deb_label(lang, L_COMMITMENT + k));
    sb_printf(b, "</text><rect class=\"bar\" x=\"130\" y=\"%d\" width=\"%d\" height=\"24\" fill=\"%s\"/>"
                 "<text x=\"%d\" y=\"%d\" font-size=\"13\">%d</text>\n",
              y, v * 3, score_colour(v), 136 + v * 3, y + 17, v);
  }
  sb_puts(b, "</svg>\n");
}

/* Earlier attempts and this one as an SVG line chart (only with two or more earlier ones). */
static void progress_svg(strbuf *b, const json_t *d, const char *lang) {
  const json_t *p = json_object_get(d, "progress");
  size_t n = json_array_size(p);
  if (n < 2) return;
  size_t pts = n + 1;
  sb_puts(b, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 520 200\" width=\"520\" height=\"200\" "
             "xmlns=\"http://www.w3.org/2000/svg\">\n<title>");
  h(b, deb_label(lang, L_PROGRESS));
  sb_puts(b, "</title>\n");
  for (int y = 0; y <= 100; y += 25)
    sb_printf(b, "<line x1=\"40\" y1=\"%d\" x2=\"500\" y2=\"%d\" stroke=\"#ddd\"/>"
                 "<text x=\"34\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#777\">%d</text>\n",
              170 - y * 3 / 2, 170 - y * 3 / 2, 174 - y * 3 / 2, y);
  strbuf line = { 0 };
  for (size_t i = 0; i < pts; i++) {
    double v = i < n ? json_number_value(json_object_get(json_array_get(p, i), "score"))
                     : (double)json_integer_value(json_object_get(d, "score"));
    v = v < 0 ? 0 : v > 100 ? 100 : v;
    double x = 40 + 460.0 * (double)i / (double)(pts - 1);
    double y = 170 - v * 1.5;
    sb_printf(&line, "%s%.1f,%.1f", i ? " " : "", x, y);
    sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>"
                 "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%.0f</text>\n",
              x, y, i == pts - 1 ? "#1565c0" : "#555", x, y - 8, v);
  }
  sb_printf(b, "<polyline class=\"line\" points=\"%s\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>\n",
            line.s ? line.s : "");
  sb_free(&line);
  sb_puts(b, "</svg>\n");
}

static const char *css =
  "body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;max-width:60rem;"
  "margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}"
  ".banner{font-size:2rem;font-weight:700;padding:1rem 1.5rem;border-radius:.5rem;color:#fff}"
  ".order,.advance{background:#2e7d32}.continuation{background:#ef6c00}.no_sale{background:#c62828}"
  ".reason{font-size:1.1rem}.finding{margin:.4rem 0 .8rem;padding:.4rem .8rem;border-left:4px solid #ccc}"
  ".won{border-color:#2e7d32}.lost{border-color:#c62828}.pts{font-weight:700;margin-right:.5rem}"
  "code{background:#f2f2f2;padding:0 .3rem}.why{color:#555}.try{color:#1565c0}"
  "q{font-style:italic}.turns li{margin:.2rem 0}.trainee{font-weight:600}"
  "table{border-collapse:collapse}td,th{padding:.2rem .8rem;border-bottom:1px solid #ddd}";

/* See debrief.h. */
void deb_render_html(const json_t *d, strbuf *b) {
  const char *lang = deb_lang(d, NULL);
  const char *oc = jstr(d, "outcome");
  const char *cls = strcmp(oc, "order") == 0 ? "order" : strcmp(oc, "advance") == 0 ? "advance"
                  : strcmp(oc, "no_sale") == 0 ? "no_sale" : "continuation";
  sb_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            lang);
  h(b, deb_label(lang, L_DEBRIEF));
  sb_puts(b, ": ");
  h(b, jstr(d, "title"));
  sb_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
  h(b, jstr(d, "title"));
  sb_puts(b, "</h1>\n<p class=\"meta\">");
  if (json_is_string(json_object_get(d, "trainee"))) {
    h(b, jstr(d, "trainee"));
    sb_puts(b, " · ");
  }
  h(b, jstr(d, "scenario"));
  sb_puts(b, " · ");
  h(b, jstr(d, "started"));
  int pass = json_is_true(json_object_get(d, "pass"));
  sb_printf(b, "</p>\n<div class=\"banner %s\">%s: %s · %s %d/100 (%s)</div>\n<p class=\"reason\">",
            cls, deb_label(lang, L_OUTCOME), deb_outcome_label(lang, oc), deb_label(lang, L_SCORE),
            (int)json_integer_value(json_object_get(d, "score")), deb_label(lang, pass ? L_PASS : L_NOT_YET));
  char *reason = deb_reason_text(lang, d);
  h(b, reason);
  free(reason);
  char *floor = deb_score_floor_text(lang, d);
  if (floor) {
    sb_putc(b, ' ');
    h(b, floor);
  }
  free(floor);
  if (json_is_object(json_object_get(d, "tier"))) {
    sb_printf(b, "</p>\n<p class=\"tier\">%s: ", deb_label(lang, L_TIER));
    h(b, deb_tier_name(lang, json_object_get(d, "tier")));
    sb_printf(b, " (%s %g)", deb_label(lang, L_PASS_MARK), json_number_value(json_object_get(d, "pass_mark")));
  }
  sb_printf(b, "</p>\n<h2>%s</h2>\n", deb_skills_label(lang, d));
  skills_svg(b, d, lang);

  sb_printf(b, "<h2>%s</h2>\n", deb_label(lang, L_FINDINGS));
  deb_item *v;
  size_t n = deb_items(d, &v);
  if (n == 0) sb_printf(b, "<p>%s</p>\n", deb_label(lang, L_NONE));
  int last = -1;
  for (size_t i = 0; i < n; i++) {
    if (v[i].turn != last) {
      last = v[i].turn;
      if (last == 0) {
        sb_printf(b, "<h3>%s</h3>\n", deb_label(lang, L_WHOLE));
      } else {
        char tn[24];
        snprintf(tn, sizeof tn, "%d", last);
        char *head = msg_get(lang, "fmt.turn_head", "turn", tn, NULL);
        sb_puts(b, "<h3>");
        h(b, head);
        free(head);
        const char *q = deb_turn_quote(d, v, n, i);
        if (q) {
          char *sq = deb_shorten(q, 500);
          char *line = msg_get(lang, "fmt.turn_quote", "text", sq, NULL);
          h(b, line);
          free(line);
          free(sq);
        }
        sb_puts(b, "</h3>\n");
      }
    }
    const json_t *f = v[i].f;
    double p = json_number_value(json_object_get(f, "points"));
    /* the rule's id only as data for scripts and styles; the reader sees the principle */
    sb_printf(b, "<div class=\"finding %s\" data-rule=\"", p > 0 ? "won" : "lost");
    h(b, jstr(f, "rule"));
    sb_printf(b, "\"><span class=\"pts\">%+g</span><strong>", p);
    h(b, deb_principle_name(lang, f));
    sb_printf(b, "</strong> (%s)<br>", deb_label(lang, L_COMMITMENT + v[i].skill));
    char *text = deb_finding_text(lang, f);
    h(b, text);
    free(text);
    sb_printf(b, "<br><span class=\"why\">%s", deb_label(lang, L_WHY));
    h(b, deb_principle(lang, f));
    sb_puts(b, "</span>");
    if (p < 0 && *jstr(f, "better")) {
      sb_printf(b, "<br><span class=\"try\">%s<q>", deb_label(lang, L_TRY));
      h(b, jstr(f, "better"));
      sb_puts(b, "</q></span>");
    }
    sb_puts(b, "</div>\n");
  }
  free(v);

  const json_t *r = json_object_get(d, "reflection");
  if (json_array_size(r)) {
    sb_printf(b, "<h2>%s</h2>\n<ol>\n", deb_label(lang, L_REFLECT));
    size_t i;
    const json_t *q;
    json_array_foreach(r, i, q) {
      sb_puts(b, "<li>");
      h(b, json_string_value(q) ? json_string_value(q) : "");
      sb_puts(b, "</li>\n");
    }
    sb_puts(b, "</ol>\n");
  }

  const json_t *obs = json_object_get(d, "objections");
  if (json_array_size(obs)) {
    sb_printf(b, "<p>%s:</p>\n<ul>\n", deb_label(lang, L_OBJECTIONS));
    size_t i;
    const json_t *ob;
    json_array_foreach(obs, i, ob) {
      char *when = deb_objection_when(lang, ob);
      sb_puts(b, "<li><q>");
      h(b, *jstr(ob, "said") ? jstr(ob, "said") : jstr(ob, "id"));
      sb_puts(b, "</q> (");
      h(b, when);
      sb_puts(b, ")</li>\n");
      free(when);
    }
    sb_puts(b, "</ul>\n");
  }

  const json_t *pr = json_object_get(d, "progress");
  if (json_array_size(pr)) {
    sb_printf(b, "<h2>%s</h2>\n", deb_label(lang, L_PROGRESS));
    progress_svg(b, d, lang);
    sb_printf(b, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n", deb_label(lang, L_STARTED),
              deb_label(lang, L_OUTCOME), deb_label(lang, L_SCORE));
    size_t i;
    const json_t *e;
    json_array_foreach(pr, i, e) {
      char when[64];
      deb_when(jstr(e, "started"), when, sizeof when);
      sb_puts(b, "<tr><td>");
      h(b, when);
      sb_printf(b, "</td><td>%s</td><td>%.0f</td></tr>\n", deb_outcome_label(lang, jstr(e, "outcome")),
                json_number_value(json_object_get(e, "score")));
    }
    sb_printf(b, "<tr><th>%s</th><th>%s</th><th>%d</th></tr>\n</table>\n", deb_label(lang, L_NOW),
              deb_outcome_label(lang, oc), (int)json_integer_value(json_object_get(d, "score")));
  }

  const json_t *turns = json_object_get(d, "turns");
  if (json_array_size(turns)) {
    sb_printf(b, "<h2>%s</h2>\n<ul class=\"turns\">\n", deb_label(lang, L_TRANSCRIPT));
    size_t i;
    const json_t *t;
    json_array_foreach(turns, i, t) {
      int trainee = strcmp(jstr(t, "speaker"), "trainee") == 0;
      if (trainee)
        sb_printf(b, "<li class=\"trainee\">%s (%d): ", deb_label(lang, L_YOU),
                  (int)json_integer_value(json_object_get(t, "n")));
      else
        sb_printf(b, "<li class=\"customer\">%s: ", deb_label(lang, L_CUSTOMER));
      char *line = deb_shorten(jstr(t, "text"), 2000);
      h(b, line);
      free(line);
      sb_puts(b, "</li>\n");
    }
    sb_puts(b, "</ul>\n");
  }
  int hints = (int)json_integer_value(json_object_get(d, "hints_used"));
  if (hints > 0) sb_printf(b, "<p>%s: %d</p>\n", deb_label(lang, L_HINTS), hints);
  sb_puts(b, "</body>\n</html>\n");
}
