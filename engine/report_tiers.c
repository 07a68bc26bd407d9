/*
** report_tiers.c: the class report's tiers and pass marks.  The gradebook keeps no tier column:
** each session's debrief records the tier its total reached, the pass mark, and the tiers it was
** graded by (the scenario's own, `scoring: tiers:`, or the defaults).  This reads the latest
** attempt's debrief of every row, by id (one primary-key lookup per row, not a pass over every
** debrief), so a report shows the tier each trainee stands at by their scenario's own bands.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "msg.h"
#include "report.h"

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

/* Reads one row's latest debrief: its tier, pass mark and (for its scenario) own tiers. */
static void read_row(rep_row *r, rep_scenario *ps, const char *text) {
  json_t *d = json_loads(text, 0, NULL);
  if (!d) return;   /* a debrief that is not JSON: no tier, as for one made before tiers */
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
  json_decref(d);
}

/* See report.h. */
int rep_load_tiers(gb *g, rep_data *d, char *err, size_t errlen) {
  for (int i = 0; i < d->n_rows; i++) {
    rep_row *r = &d->rows[i];
    if (r->latest_id <= 0) continue;
    char id[32];
    snprintf(id, sizeof id, "%lld", r->latest_id);
    const char *params[1] = { id };
    gb_rows *st = gb_query(g, "SELECT debrief FROM sessions WHERE id = $1", 1, params, err, errlen);
    if (!st) return -1;
    int rc = gb_step(g, st, err, errlen);
    rep_scenario *ps = NULL;
    for (int k = 0; k < d->n_scenarios && !ps; k++)
      if (strcmp(d->scenarios[k], r->scenario) == 0) ps = &d->by_scenario[k];
    if (rc == 1 && ps && gb_text(g, st, 0)) read_row(r, ps, gb_text(g, st, 0));
    gb_rows_free(g, st);
    if (rc < 0) return -1;
  }
  return 0;
}

/* See report.h. */
void rep_free_tiers(rep_data *d) {
  for (int i = 0; i < d->n_rows; i++) {
    free(d->rows[i].tier_id);
    free(d->rows[i].tier_name);
    d->rows[i].tier_id = d->rows[i].tier_name = NULL;
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
