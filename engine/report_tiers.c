/*
** report_tiers.c: the class report's tiers and pass marks.  Each session's debrief records the
** tier its total reached, the pass mark, and the tiers it was graded by (the scenario's own,
** `scoring: tiers:`, or the defaults); since schema version 5 the session also keeps those
** members apart (`tier`, a few dozen bytes instead of the whole debrief).  This reads them for the latest attempt of
** every row: as the pass brought them (PostgreSQL's groups), else by id (a few primary-key
** lookups of up to 500 ids each, not a pass over every debrief), so a report shows the tier each
** trainee stands at by their scenario's own bands.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "msg.h"
#include "report.h"
#include "score.h"

/* A debrief member as text made safe to show (rep_field), or NULL. */
static char *field(const json_t *o, const char *key) {
  const char *v = json_string_value(json_object_get(o, key));
  return v ? rep_field((const unsigned char *)v, NULL, 0) : NULL;
}

/* Copies the scenario's own tiers from a debrief's "tiers" list, once per scenario. */
static void scenario_tiers(rep_scenario *ps, const json_t *tiers) {
  if (ps->n_tiers > 0 || !json_is_array(tiers) || json_array_size(tiers) == 0) return;
  size_t n = json_array_size(tiers);
  ps->tiers = xcalloc(n, sizeof *ps->tiers);
  for (size_t i = 0; i < n; i++) {
    const json_t *t = json_array_get(tiers, i);
    if (!json_is_true(json_object_get(t, "own"))) continue;
    rep_tier *x = &ps->tiers[ps->n_tiers];
    x->id = field(t, "id");
    x->name = field(t, "name");
    if (!x->id || !x->name) { free(x->id); free(x->name); continue; }
    x->min = json_number_value(json_object_get(t, "min"));
    ps->n_tiers++;
  }
  if (ps->n_tiers == 0) { free(ps->tiers); ps->tiers = NULL; }
}

/* Reads one row's tier, pass mark and (for its scenario) own tiers from d: its latest debrief,
** or the members of it kept with the session (schema version 5), which read the same. */
static void read_row(rep_row *r, rep_scenario *ps, const json_t *d) {
  const json_t *t = json_object_get(d, "tier");
  if (json_is_object(t)) {
    r->tier_id = field(t, "id");
    r->tier_name = field(t, "name");
    r->tier_own = json_is_true(json_object_get(t, "own"));
    if (!r->tier_id) { free(r->tier_name); r->tier_name = NULL; r->tier_own = 0; }
  }
  const json_t *m = json_object_get(d, "pass_mark");
  if (json_is_number(m)) {
    r->has_mark = 1;
    r->pass_mark = json_number_value(m);
    if (!ps->has_mark) { ps->has_mark = 1; ps->pass_mark = r->pass_mark; }
  }
  if (r->tier_own) scenario_tiers(ps, json_object_get(d, "tiers"));
}

/* Orders row pointers by their latest session id, for the lookup below. */
static int by_id(const void *a, const void *b) {
  long long x = (*(rep_row *const *)a)->latest_id, y = (*(rep_row *const *)b)->latest_id;
  return x < y ? -1 : x > y;
}

/* The scenario entry of a row (by its shown name, as report.c groups them). */
static rep_scenario *scenario_of(rep_data *d, const rep_row *r) {
  for (int k = 0; k < d->n_scenarios; k++)
    if (strcmp(d->scenarios[k], r->scenario) == 0) return &d->by_scenario[k];
  return NULL;
}

#define TIER_BATCH 500   /* ids per query: a few queries rather than one per row */

/* Looks up the tier members of rows v[0..n) that the pass did not read, by id (the ids are
** integers this program read, so they are written into the query: no text from the gradebook
** reaches the SQL): the members kept with the session, else (a session recorded before schema
** version 5, or its debrief edited since) the debrief itself.  Sets each found row's tier_json. */
static int look_up(gb *g, rep_row **v, int n, char *err, size_t errlen) {
  strbuf sql = {0};
  sb_puts(&sql, "SELECT id, coalesce(tier, debrief) FROM sessions WHERE id IN (");
  int k = 0;
  for (int i = 0; i < n; i++)
    if (!v[i]->tier_json) sb_printf(&sql, "%s%lld", k++ ? "," : "", v[i]->latest_id);
  sb_puts(&sql, ")");
  gb_rows *st = k ? gb_query(g, sql.s, 0, NULL, err, errlen) : NULL;
  sb_free(&sql);
  if (!k) return 0;
  if (!st) return -1;
  int step;
  while ((step = gb_step(g, st, err, errlen)) == 1) {
    rep_row key = { .latest_id = gb_int(g, st, 0) }, *kp = &key;
    rep_row **hit = bsearch(&kp, v, (size_t)n, sizeof *v, by_id);
    const char *text = gb_text(g, st, 1);
    if (hit && text && !(*hit)->tier_json) (*hit)->tier_json = xstrdup(text);
  }
  gb_rows_free(g, st);
  return step < 0 ? -1 : 0;
}

/* See report.h.  The rows are read in the order of their latest session ids, a batch at a time,
** so the scenario's pass mark and own tiers come from its lowest such id whichever way a row's
** members were found. */
int rep_load_tiers(gb *g, rep_data *d, char *err, size_t errlen) {
  rep_row **v = xcalloc((size_t)(d->n_rows ? d->n_rows : 1), sizeof *v);
  int n = 0;
  for (int i = 0; i < d->n_rows; i++)
    if (d->rows[i].latest_id > 0) v[n++] = &d->rows[i];
  qsort(v, (size_t)n, sizeof *v, by_id);
  int rc = 0;
  for (int at = 0; at < n && rc == 0; at += TIER_BATCH) {
    int end = at + TIER_BATCH < n ? at + TIER_BATCH : n;
    rc = look_up(g, v + at, end - at, err, errlen);
    for (int i = at; i < end && rc == 0; i++) {
      rep_scenario *ps = scenario_of(d, v[i]);
      /* a text that is not JSON: no tier, as for a debrief made before tiers */
      json_t *j = v[i]->tier_json ? json_loads(v[i]->tier_json, 0, NULL) : NULL;
      if (ps && j) read_row(v[i], ps, j);
      json_decref(j);
      free(v[i]->tier_json);   /* read: a debrief may be large */
      v[i]->tier_json = NULL;
    }
  }
  free(v);
  return rc;
}

/* See report.h. */
void rep_free_tiers(rep_data *d) {
  for (int i = 0; i < d->n_rows; i++) {
    free(d->rows[i].tier_id);
    free(d->rows[i].tier_name);
    free(d->rows[i].tier_json);
    d->rows[i].tier_id = d->rows[i].tier_name = d->rows[i].tier_json = NULL;
  }
  for (int k = 0; d->by_scenario && k < d->n_scenarios; k++) {
    rep_scenario *ps = &d->by_scenario[k];
    for (int j = 0; j < ps->n_tiers; j++) { free(ps->tiers[j].id); free(ps->tiers[j].name); }
    free(ps->tiers);
    ps->tiers = NULL;
    ps->n_tiers = 0;
  }
}

/* See report.h. */
const char *rep_tier_name(const rep_row *r, const char *lang) {
  if (!r->tier_id) return "";
  if (r->tier_own) return r->tier_name ? r->tier_name : r->tier_id;
  char key[96];
  snprintf(key, sizeof key, "tier.%s", r->tier_id);
  if (msg_has(lang, key)) return msg_text(lang, key);
  return r->tier_name ? r->tier_name : r->tier_id;
}

/* See report.h: the text report's count, by score against the default bands. */
long rep_default_tier_count(const rep_data *d, int k) {
  int nt = 0;
  const score_tier *tiers = score_tiers(&nt);
  assert(k >= 0 && k < nt);
  long n = 0;
  for (int i = 0; i < d->n_rows; i++)
    if (!d->rows[i].tier_own &&
        d->rows[i].latest >= tiers[k].min && (k == 0 || d->rows[i].latest < tiers[k - 1].min)) n++;
  return n;
}

/* See report.h: by the tier id the latest debrief recorded. */
long rep_own_tier_count(const rep_data *d, int s, int k) {
  assert(s >= 0 && s < d->n_scenarios && k >= 0 && k < d->by_scenario[s].n_tiers);
  long n = 0;
  for (int i = 0; i < d->n_rows; i++) {
    const rep_row *r = &d->rows[i];
    if (r->tier_own && strcmp(r->scenario, d->scenarios[s]) == 0 && strcmp(r->tier_id, d->by_scenario[s].tiers[k].id) == 0) n++;
  }
  return n;
}
