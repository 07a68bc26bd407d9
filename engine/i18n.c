/*
** i18n.c: translators' sheets (i18n.h): rows from the catalogues and from a scenario, CSV out
** and in, the comparison that finds missing, stale and extra rows, and a catalogue written back.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "msg_cli.h"
#include "msg_int.h"

void i18n_add(i18n_sheet *s, const char *id, const char *source, const char *translation) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 64;
    s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
  }
  i18n_row *r = &s->v[s->n++];
  r->id = xstrdup(id);
  r->source = xstrdup(source ? source : "");
  r->translation = xstrdup(translation ? translation : "");
}

void i18n_free(i18n_sheet *s) {
  for (int i = 0; i < s->n; i++) { free(s->v[i].id); free(s->v[i].source); free(s->v[i].translation); }
  free(s->v);
  memset(s, 0, sizeof *s);
}

/* ---- rows ------------------------------------------------------------------------------------ */

void i18n_catalogue_rows(i18n_sheet *s, const char *lang, const char *plural) {
  const msg_cat *ref = msg_catalogue(MSG_REF_LANG);
  const msg_cat *tr = lang && strcmp(lang, MSG_REF_LANG) != 0 ? msg_catalogue(lang) : NULL;
  /* a catalogue found for another language (msg_catalogue falls back to none) is not ours */
  if (tr && strcmp(msg_cat_lang(tr), lang) != 0) tr = NULL;
  const char *rule = plural ? plural : tr ? msg_cat_plural(tr) : msg_cat_plural(ref);
  for (int i = 0; i < msg_count(ref); i++) {
    const char *key = msg_key_at(ref, i);
    int plural_msg = 0;
    for (int c = 1; c < MSG_NCAT; c++) plural_msg |= msg_form(ref, key, msg_categories[c]) != NULL;
    if (!plural_msg) {
      char *id = xasprintf("msg:%s", key);
      i18n_add(s, id, msg_form(ref, key, "other"), tr ? msg_form(tr, key, "other") : NULL);
      free(id);
      continue;
    }
    /* one row per form the target language's rule needs; the source is English's same form,
    ** else its "other" */
    for (int c = 0; c < MSG_NCAT; c++) {
      if (c != MSG_OTHER && !(c == MSG_ONE && strcmp(rule, "one_other") == 0)) continue;
      const char *src = msg_form(ref, key, msg_categories[c]);
      if (!src) src = msg_form(ref, key, "other");
      char *id = xasprintf("msg:%s#%s", key, msg_categories[c]);
      i18n_add(s, id, src, tr ? msg_form(tr, key, msg_categories[c]) : NULL);
      free(id);
    }
  }
}

static void row(i18n_sheet *s, const scenario *sc, const char *path, const char *text) {
  if (!text || !*text) return;
  char *id = xasprintf("scn:%s:%s", sc->id ? sc->id : "?", path);
  i18n_add(s, id, text, NULL);
  free(id);
}

static void rows_of(i18n_sheet *s, const scenario *sc, const char *path, const scn_strs *v) {
  for (int i = 0; i < v->n; i++) {
    char *p = xasprintf("%s.%d", path, i);
    row(s, sc, p, v->v[i]);
    free(p);
  }
}

void i18n_scenario_rows(i18n_sheet *s, const scenario *sc) {
  row(s, sc, "title", sc->title);
  row(s, sc, "brief", sc->brief);
  row(s, sc, "goal", sc->goal);
  row(s, sc, "customer.name", sc->cust_name);
  row(s, sc, "customer.role", sc->cust_role);
  row(s, sc, "customer.company", sc->cust_company);
  char p[256];
  for (int i = 0; i < sc->n_needs; i++) {
    snprintf(p, sizeof p, "needs.%s.said", sc->needs[i].id);
    row(s, sc, p, sc->needs[i].said);
  }
  for (int i = 0; i < sc->n_objections; i++) {
    snprintf(p, sizeof p, "objections.%s.said", sc->objections[i].id);
    row(s, sc, p, sc->objections[i].said);
  }
  for (int i = 0; i < sc->n_commitments; i++) {
    const scn_commitment *c = &sc->commitments[i];
    snprintf(p, sizeof p, "commitments.%s.action", c->id);
    row(s, sc, p, c->action);
    snprintf(p, sizeof p, "commitments.%s.accept", c->id);
    rows_of(s, sc, p, &c->accept);
    snprintf(p, sizeof p, "commitments.%s.refuse", c->id);
    rows_of(s, sc, p, &c->refuse);
    snprintf(p, sizeof p, "commitments.%s.done", c->id);
    rows_of(s, sc, p, &c->done);
  }
  for (int i = 0; i < sc->n_lines; i++) {
    snprintf(p, sizeof p, "lines.%s", sc->lines[i].key);
    rows_of(s, sc, p, &sc->lines[i].variants);
  }
  for (int i = 0; i < sc->n_reactions; i++) {
    snprintf(p, sizeof p, "reactions.%d.say", i);
    rows_of(s, sc, p, &sc->reactions[i].say);
  }
  for (int i = 0; i < sc->n_visits; i++) {
    const scn_visit *v = &sc->visits[i];
    const char *vid = v->id ? v->id : "";
    snprintf(p, sizeof p, "visits.%s.title", vid);
    row(s, sc, p, v->title);
    snprintf(p, sizeof p, "visits.%s.brief", vid);
    row(s, sc, p, v->brief);
    snprintf(p, sizeof p, "visits.%s.goal", vid);
    row(s, sc, p, v->goal);
  }
}

/* A sheet's problem at line (and fields, when >= 0), in the catalogue's words of key, into err. */
static void say(char *err, size_t errlen, int line, int fields, const char *key) {
  char l[16], f[16];
  snprintf(l, sizeof l, "%d", line);
  snprintf(f, sizeof f, "%d", fields);
  char *m = msg_get(MSG_CLI_LANG, key, "line", l, "fields", f, NULL);
  snprintf(err, errlen, "%s", m);
  free(m);
}

/* ---- CSV ------------------------------------------------------------------------------------- */

static void field(strbuf *out, const char *s) {
  sb_putc(out, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"') sb_putc(out, '"');
    sb_putc(out, *p);
  }
  sb_putc(out, '"');
}

void i18n_write_csv(const i18n_sheet *s, strbuf *out) {
  sb_puts(out, "id,source,translation\r\n");
  for (int i = 0; i < s->n; i++) {
    field(out, s->v[i].id);
    sb_putc(out, ',');
    field(out, s->v[i].source);
    sb_putc(out, ',');
    field(out, s->v[i].translation);
    sb_puts(out, "\r\n");
  }
}

int i18n_read_csv(const char *text, size_t len, i18n_sheet *s, char *err, size_t errlen) {
  size_t i = 0;
  int line = 1, rec = 0;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;   /* a spreadsheet's BOM */
  while (i < len) {
    char *f[3] = { NULL, NULL, NULL };
    int nf = 0, start = line;
    for (;;) {   /* one record */
      strbuf b = { 0 };
      sb_puts(&b, "");
      if (i < len && text[i] == '"') {
        i++;
        for (;;) {
          if (i >= len) {
            say(err, errlen, start, -1, "cli.i18n.csv_unclosed");
            sb_free(&b);
            for (int k = 0; k < nf; k++) free(f[k]);
            return -1;
          }
          if (text[i] == '"') {
            if (i + 1 < len && text[i + 1] == '"') { sb_putc(&b, '"'); i += 2; continue; }
            i++;
            break;
          }
          if (text[i] == '\n') line++;
          sb_putc(&b, text[i++]);
        }
      } else {
        while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r') sb_putc(&b, text[i++]);
      }
      char *v = sb_take(&b);
      if (nf < 3) f[nf] = v; else free(v);
      nf++;
      if (i < len && text[i] == ',') { i++; continue; }
      if (i < len && text[i] == '\r') i++;
      if (i < len && text[i] == '\n') { i++; line++; }
      break;
    }
    if (rec++ == 0 && f[0] && strcmp(f[0], "id") == 0) {   /* the header */
      for (int k = 0; k < 3; k++) free(f[k]);
      continue;
    }
    if (nf == 1 && f[0] && !*f[0]) { free(f[0]); continue; }   /* an empty line */
    if (nf < 2 || nf > 3) {
      say(err, errlen, start, nf, "cli.i18n.csv_fields");
      for (int k = 0; k < 3; k++) free(f[k]);
      return -1;
    }
    i18n_add(s, f[0], f[1], f[2] ? f[2] : "");
    for (int k = 0; k < 3; k++) free(f[k]);
  }
  return 0;
}

/* ---- comparing and writing back ----------------------------------------------------------- */

/* One line of the import's report: the catalogue's text of key for the row id, and a newline. */
static void report_row(strbuf *b, const char *key, const char *id) {
  char *m = msg_get(MSG_CLI_LANG, key, "id", id, NULL);
  sb_printf(b, "%s\n", m);
  free(m);
}

static const i18n_row *find(const i18n_sheet *s, const char *id) {
  for (int i = 0; i < s->n; i++)
    if (strcmp(s->v[i].id, id) == 0) return &s->v[i];
  return NULL;
}

void i18n_compare(const i18n_sheet *current, const i18n_sheet *sheet, i18n_status *st) {
  memset(st, 0, sizeof *st);
  sb_puts(&st->report, "");
  for (int i = 0; i < current->n; i++) {
    const i18n_row *c = &current->v[i], *r = find(sheet, c->id);
    if (!r || !*r->translation) {
      st->missing++;
      report_row(&st->report, "cli.i18n.row_missing", c->id);
    } else if (strcmp(r->source, c->source) != 0) {
      st->stale++;
      report_row(&st->report, "cli.i18n.row_stale", c->id);
    } else {
      st->translated++;
    }
  }
  for (int i = 0; i < sheet->n; i++)
    if (!find(current, sheet->v[i].id)) {
      st->extra++;
      report_row(&st->report, "cli.i18n.row_extra", sheet->v[i].id);
    }
}

void i18n_catalogue_yaml(const i18n_sheet *current, const i18n_sheet *sheet, const char *lang,
                         const char *plural, strbuf *out) {
  char *head = msg_get(MSG_CLI_LANG, "cli.i18n.yaml_header", "lang", lang, NULL);
  sb_printf(out, "# %s\nlanguage: %s\nplural: %s\nmessages:\n", head, lang, plural);
  free(head);
  const char *open_key = NULL;
  size_t open_len = 0;
  for (int i = 0; i < current->n; i++) {
    const char *id = current->v[i].id;
    if (strncmp(id, "msg:", 4) != 0) continue;
    const i18n_row *r = find(sheet, id);
    if (!r || !*r->translation || strcmp(r->source, current->v[i].source) != 0) continue;
    const char *key = id + 4, *hash = strchr(key, '#');
    if (!hash) {
      sb_printf(out, "  %s: ", key);
      msg_yaml_quote(out, r->translation);
      sb_putc(out, '\n');
      continue;
    }
    size_t klen = (size_t)(hash - key);
    if (!open_key || open_len != klen || strncmp(open_key, key, klen) != 0) {
      sb_printf(out, "  %.*s:\n", (int)klen, key);
      open_key = key;
      open_len = klen;
    }
    sb_printf(out, "    %s: ", hash + 1);
    msg_yaml_quote(out, r->translation);
    sb_putc(out, '\n');
  }
}
