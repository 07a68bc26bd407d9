/*
** report_words.c: the class report's words in a language (report.h): counts and period, outcome,
** skill and principle names, from the message catalogues (docs/i18n.md).  The renderers keep the
** layout; this file owns what a value is called.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "report.h"
#include "score.h"
#include "text.h"

/* The counts and period of the report in lang (report.h). */
char *rep_counts(const rep_data *d, const char *lang, int date_cols) {
  char n[24], t[24];
  snprintf(n, sizeof n, "%ld", d->sessions);
  snprintf(t, sizeof t, "%d", d->trainees);
  char *sessions = msg_get(lang, "report.sessions", "count", n, NULL);
  char *trainees = msg_get(lang, "report.trainees", "count", t, NULL);
  char *out;
  if (d->first_started) {
    /* the dates: date_cols columns of each start, never half a character of an odd one */
    size_t a = date_cols ? txt_fit(d->first_started, strlen(d->first_started), date_cols) : strlen(d->first_started);
    size_t b = date_cols ? txt_fit(d->last_started, strlen(d->last_started), date_cols) : strlen(d->last_started);
    char *from = xasprintf("%.*s", (int)a, d->first_started), *to = xasprintf("%.*s", (int)b, d->last_started);
    out = msg_get(lang, "report.counts_period", "sessions", sessions, "trainees", trainees, "from", from,
                  "to", to, NULL);
    free(from);
    free(to);
  } else {
    out = msg_get(lang, "report.counts", "sessions", sessions, "trainees", trainees, NULL);
  }
  free(sessions);
  free(trainees);
  return out;
}

/* The catalogue's word for a stored value under prefix ("report.outcome." + "no_sale"), or
** the value itself when the catalogue has no such key (a foreign gradebook's own word). */
static const char *word_of(const char *prefix, const char *value, const char *lang) {
  char key[96];
  if (!value || snprintf(key, sizeof key, "%s%s", prefix, value) >= (int)sizeof key) return value;
  return msg_has(lang, key) ? msg_text(lang, key) : value;
}

const char *rep_outcome_word(const char *outcome, const char *lang) {
  return word_of("report.outcome.", outcome, lang);
}

const char *rep_skill_word(const char *skill, const char *lang) {
  /* English shows the stored id, which is the English word ("commitment") */
  return strcmp(lang, "en") == 0 ? skill : word_of("skill.", skill, lang);
}

/* The rule's principle in lang from the catalogue: English states it whole (rule.ID.why, the
** text an English debrief stores), any other language names it (principle.NAME).  The text the
** gradebook stored is only the last resort, for a rule this build does not know: it is in the
** language of whichever session first met the rule, so an English report showed Chinese
** statements after a Chinese class (play-test 30c finding 2). */
const char *rep_principle_words(const rep_finding *f, const char *lang) {
  char key[96];
  if (strcmp(lang, "en") == 0) {
    if (snprintf(key, sizeof key, "rule.%s.why", f->rule) < (int)sizeof key && msg_has(lang, key))
      return msg_text(lang, key);
    return f->principle;
  }
  const score_rule *r = score_rule_find(f->rule);
  if (!r || !r->principle) return f->principle;
  return word_of("principle.", r->principle, lang);
}

/* See report.h: "(2 interrupted, 1 with hints)", the parts that are not zero. */
char *rep_row_marks(const rep_row *r, const char *lang) {
  if (!r->interrupted && !r->hinted) return NULL;
  strbuf parts = {0};
  char n[24];
  if (r->interrupted) {
    snprintf(n, sizeof n, "%d", r->interrupted);
    char *m = msg_get(lang, "report.row_interrupted", "count", n, NULL);
    sb_puts(&parts, m);
    free(m);
  }
  if (r->hinted) {
    snprintf(n, sizeof n, "%d", r->hinted);
    char *m = msg_get(lang, "report.row_hinted", "count", n, NULL);
    if (parts.len) sb_puts(&parts, msg_text(lang, "sep.list"));
    sb_puts(&parts, m);
    free(m);
  }
  char *out = msg_get(lang, "report.row_marks", "marks", parts.s, NULL);
  sb_free(&parts);
  return out;
}

/* See report.h: the class's interrupted visits and visits with hints, of all in view. */
char *rep_marks(const rep_data *d, const char *lang) {
  char i[24], h[24], n[24];
  snprintf(i, sizeof i, "%ld", d->interrupted);
  snprintf(h, sizeof h, "%ld", d->hinted);
  snprintf(n, sizeof n, "%ld", d->sessions);
  return msg_get(lang, "report.marks", "interrupted", i, "hinted", h, "sessions", n, NULL);
}
