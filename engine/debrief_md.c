/*
** debrief_md.c: the debrief as Markdown, rendered from the debrief JSON (same content as the
** terminal: outcome, skills, findings with principle and better line, reflection, progress,
** then the conversation).  Every string from the document is cleaned of escapes and escaped so
** that neither Markdown nor raw HTML in a trainee's line changes the page.
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

/* Appends text cleaned and escaped for Markdown: HTML specials as entities, Markdown
** punctuation behind a backslash. */
static void md(strbuf *b, const char *raw) {
  char *t = deb_clean_text(raw);
  for (const char *p = t; *p; p++) {
    switch (*p) {
      case '&': sb_puts(b, "&amp;"); break;
      case '<': sb_puts(b, "&lt;"); break;
      case '>': sb_puts(b, "&gt;"); break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '|': case '~':
      case '{': case '}': case '!': case '(': case ')':
        sb_putc(b, '\\');
        sb_putc(b, *p);
        break;
      default: sb_putc(b, *p);
    }
  }
  free(t);
}

/* A bar of 20 cells for a 0..100 score. */
static void bar(strbuf *b, int v) {
  int full = (v * 20 + 50) / 100;
  for (int i = 0; i < 20; i++) sb_puts(b, i < full ? "█" : "░");
}

/* See debrief.h. */
void deb_render_markdown(const json_t *d, strbuf *b) {
  const char *lang = deb_lang(d, NULL);
  sb_printf(b, "# %s: ", deb_label(lang, L_DEBRIEF));
  md(b, jstr(d, "title"));
  sb_puts(b, "\n\n");
  int pass = json_is_true(json_object_get(d, "pass"));
  sb_printf(b, "> **%s: %s** · %s **%d/100** (%s)\n", deb_label(lang, L_OUTCOME),
            deb_outcome_label(lang, jstr(d, "outcome")), deb_label(lang, L_SCORE),
            (int)json_integer_value(json_object_get(d, "score")), deb_label(lang, pass ? L_PASS : L_NOT_YET));
  char *reason = deb_reason_text(lang, d);
  if (*reason) {
    sb_puts(b, ">\n> ");
    md(b, reason);
    sb_putc(b, '\n');
  }
  free(reason);
  char *floor = deb_score_floor_text(lang, d);
  if (floor) {
    sb_puts(b, ">\n> ");
    md(b, floor);
    sb_putc(b, '\n');
  }
  free(floor);
  if (json_is_object(json_object_get(d, "tier"))) {
    sb_printf(b, ">\n> %s: ", deb_label(lang, L_TIER));
    md(b, deb_tier_name(lang, json_object_get(d, "tier")));
    sb_printf(b, " (%s %g)\n", deb_label(lang, L_PASS_MARK), json_number_value(json_object_get(d, "pass_mark")));
  }
  sb_puts(b, "\n");
  if (json_is_string(json_object_get(d, "trainee"))) {
    md(b, jstr(d, "trainee"));
    sb_puts(b, " · ");
  }
  md(b, jstr(d, "scenario"));
  sb_puts(b, " · ");
  md(b, jstr(d, "started"));
  sb_puts(b, "\n\n");

  /* skills */
  sb_printf(b, "## %s\n\n| | %s | |\n|---|---:|---|\n", deb_skills_label(lang, d), deb_label(lang, L_SCORE));
  const json_t *skills = json_object_get(d, "skills");
  for (int k = 0; k < 4; k++) {
    const json_t *sv = json_object_get(json_object_get(skills, vocab_skill_names[k]), "score");
    if (json_is_null(sv)) {   /* no evidence for the skill */
      sb_printf(b, "| %s | %s | |\n", deb_label(lang, L_COMMITMENT + k), deb_label(lang, L_NOT_SHOWN));
      continue;
    }
    int v = (int)json_integer_value(sv);
    v = v < 0 ? 0 : v > 100 ? 100 : v;
    sb_printf(b, "| %s | %d | ", deb_label(lang, L_COMMITMENT + k), v);
    bar(b, v);
    sb_puts(b, " |\n");
  }

  /* findings */
  sb_printf(b, "\n## %s\n", deb_label(lang, L_FINDINGS));
  deb_item *v;
  size_t n = deb_items(d, &v);
  if (n == 0) sb_printf(b, "\n%s\n", deb_label(lang, L_NONE));
  int last = -1;
  for (size_t i = 0; i < n; i++) {
    if (v[i].turn != last) {
      last = v[i].turn;
      if (last == 0) {
        sb_printf(b, "\n### %s\n\n", deb_label(lang, L_WHOLE));
      } else {
        char tn[24];
        snprintf(tn, sizeof tn, "%d", last);
        char *head = msg_get(lang, "fmt.turn_head", "turn", tn, NULL);
        sb_puts(b, "\n### ");
        md(b, head);
        free(head);
        const char *q = deb_turn_quote(d, v, n, i);
        if (q) {
          char *sq = deb_shorten(q, 500);
          char *line = msg_get(lang, "fmt.turn_quote", "text", sq, NULL);
          md(b, line);
          free(line);
          free(sq);
        }
        sb_puts(b, "\n\n");
      }
    }
    const json_t *f = v[i].f;
    double p = json_number_value(json_object_get(f, "points"));
    /* the principle's name, not the rule's id (that stays in the JSON) */
    sb_printf(b, "- **%+g** *", p);
    md(b, deb_principle_name(lang, f));
    sb_printf(b, "* (%s): ", deb_label(lang, L_COMMITMENT + v[i].skill));
    char *text = deb_finding_text(lang, f);
    md(b, text);
    free(text);
    sb_printf(b, "\n  - %s", deb_label(lang, L_WHY));
    md(b, deb_principle(lang, f));
    sb_puts(b, "\n");
    if (p < 0 && *jstr(f, "better")) {
      sb_printf(b, "  - %s*", deb_label(lang, L_TRY));
      md(b, jstr(f, "better"));
      sb_puts(b, "*\n");
    }
  }
  free(v);

  /* reflection */
  const json_t *r = json_object_get(d, "reflection");
  if (json_array_size(r)) {
    sb_printf(b, "\n## %s\n\n", deb_label(lang, L_REFLECT));
    size_t i;
    const json_t *q;
    json_array_foreach(r, i, q) {
      sb_printf(b, "%zu. ", i + 1);
      md(b, json_string_value(q) ? json_string_value(q) : "");
      sb_putc(b, '\n');
    }
  }

  /* objections, to think over */
  const json_t *obs = json_object_get(d, "objections");
  if (json_array_size(obs)) {
    sb_printf(b, "\n%s:\n\n", deb_label(lang, L_OBJECTIONS));
    size_t i;
    const json_t *ob;
    json_array_foreach(obs, i, ob) {
      char *when = deb_objection_when(lang, ob);
      sb_puts(b, "- ");
      md(b, *jstr(ob, "said") ? jstr(ob, "said") : jstr(ob, "id"));
      char *paren = msg_get(lang, "fmt.paren", "text", when, NULL);
      md(b, paren);
      free(paren);
      sb_putc(b, '\n');
      free(when);
    }
  }

  /* progress */
  const json_t *pr = json_object_get(d, "progress");
  if (json_array_size(pr)) {
    sb_printf(b, "\n## %s\n\n| %s | %s | %s |\n|---|---|---:|\n", deb_label(lang, L_PROGRESS),
              deb_label(lang, L_STARTED), deb_label(lang, L_OUTCOME), deb_label(lang, L_SCORE));
    size_t i;
    const json_t *e;
    json_array_foreach(pr, i, e) {
      char when[64];
      deb_when(jstr(e, "started"), when, sizeof when);
      sb_puts(b, "| ");
      md(b, when);
      sb_puts(b, " | ");
      md(b, deb_outcome_label(lang, jstr(e, "outcome")));
      sb_printf(b, " | %.0f |\n", json_number_value(json_object_get(e, "score")));
    }
    sb_printf(b, "| **%s** | **%s** | **%d** |\n", deb_label(lang, L_NOW),
              deb_outcome_label(lang, jstr(d, "outcome")), (int)json_integer_value(json_object_get(d, "score")));
  }

  /* the conversation */
  const json_t *turns = json_object_get(d, "turns");
  if (json_array_size(turns)) {
    sb_printf(b, "\n## %s\n\n", deb_label(lang, L_TRANSCRIPT));
    size_t i;
    const json_t *t;
    json_array_foreach(turns, i, t) {
      int trainee = strcmp(jstr(t, "speaker"), "trainee") == 0;
      int tn = (int)json_integer_value(json_object_get(t, "n"));
      if (trainee) sb_printf(b, "- **%s (%d):** ", deb_label(lang, L_YOU), tn);
      else sb_printf(b, "- *%s:* ", deb_label(lang, L_CUSTOMER));
      char *line = deb_shorten(jstr(t, "text"), 2000);
      md(b, line);
      free(line);
      sb_putc(b, '\n');
    }
  }
  int hints = (int)json_integer_value(json_object_get(d, "hints_used"));
  if (hints > 0) sb_printf(b, "\n%s: %d\n", deb_label(lang, L_HINTS), hints);
}
