/*
** scncheck.c: the checks of a scenario that need the runtime (scncheck.h).  The loader has
** recorded each condition and rule id with its place; this file asks the customer's sandbox and
** the scorer's rule table about them, lets the loader word the messages (scenario.h; the words
** are the catalogues' `check.*`), and puts them where the one-pass loader did.
*/
#include <assert.h>
#include <stdlib.h>

#include "customer.h"
#include "msg_cli.h"
#include "scncheck.h"
#include "score.h"
#include "util.h"

/* A condition must compile; then its names must be ones it can see.  Returns the errors. */
static int check_cond(const scenario *s, const scn_cond *c, diag *d) {
  char err[256];
  if (cust_check_expr(c->expr, err, sizeof err) != 0) {
    msg_diag(d, DIAG_ERROR, s->file, c->pos.line, c->pos.col, "check.cond.invalid", "key", c->key,
             "error", err, NULL);
    return 1;
  }
  return scn_check_cond_names(s, c, d);
}

/* Moves what one check appended (from index tail on) to index at; returns how many moved. */
static int place(diag *d, int tail, int at) {
  diag_move_tail(d, tail, at);
  return d->n - tail;
}

/* See scncheck.h; the read's order is kept by moving each check's messages into place. */
int scc_check(const scenario *s, const scn_pending *p, diag *d, int read_base) {
  assert(s && p && d && read_base >= 0 && read_base <= d->n);
  int errors0 = d->errors;
  int shift = 0;   /* items inserted minus items dropped before the current place */
  /* the read meets every condition (commitments, reactions, hints) before any rule id
  ** (scoring, tests), so conditions first, then rule ids, is the read's order */
  for (int i = 0; i < p->n_conds; i++) {
    const scn_cond *c = &p->conds[i];
    int tail = d->n;
    check_cond(s, c, d);
    shift += place(d, tail, read_base + c->diag_at + shift);
  }
  int n = 0;
  const score_rule *rules = score_rules(&n);
  const char **ids = xcalloc((size_t)(n ? n : 1), sizeof *ids);
  for (int i = 0; i < n; i++) ids[i] = rules[i].id;
  for (int i = 0; i < p->n_refs; i++) {
    const scn_ref *r = &p->refs[i];
    assert(r->diag_at <= r->points_from && r->points_from <= r->points_to);
    assert(p->n_conds == 0 || p->conds[p->n_conds - 1].diag_at <= r->diag_at);
    int tail = d->n;
    if (scn_check_rule_ref(s, r, ids, n, d) == 0) continue;
    shift += place(d, tail, read_base + r->diag_at + shift);
    /* the one-pass loader stopped at an unknown rule: its points were never read */
    diag_remove(d, read_base + r->points_from + shift, read_base + r->points_to + shift);
    shift -= r->points_to - r->points_from;
  }
  free(ids);
  return d->errors - errors0;
}

/* The runtime's checks on what a read gave (a model, partial or not, or none): the scenario,
** or NULL (freed) after any error. */
static scenario *finish(scenario *s, scn_pending *p, int errors, diag *d, int read_base) {
  if (s) errors += scc_check(s, p, d, read_base);
  scn_pending_free(p);
  if (errors) { scn_free(s); return NULL; }
  return s;
}

/* A scenario file, read then checked (scncheck.h). */
scenario *scc_load(const char *path, diag *d) {
  assert(path && d);
  int errors = 0, base = d->n;
  scn_pending p;
  scenario *s = scn_read_file(path, d, &p, &errors);
  return finish(s, &p, errors, d, base);
}

/* YAML text in memory standing for the file `name`, read then checked (scncheck.h). */
scenario *scc_load_string(const char *name, const char *buf, size_t len, diag *d) {
  assert(name && buf && d);
  int errors = 0, base = d->n;
  scn_pending p;
  scenario *s = scn_read(name, buf, len, d, &p, &errors);
  return finish(s, &p, errors, d, base);
}
