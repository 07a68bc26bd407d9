/*
** scncheck.c: the checks of a scenario that need the runtime (scncheck.h).  The loader has
** recorded each condition and rule id with its place; this file asks the customer's sandbox and
** the scorer's rule table about them, lets the loader word the messages (scenario.h; the words
** are the catalogues' `check.*`), and puts them where the one-pass loader did.
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "msg_cli.h"
#include "sandbox.h"
#include "scncheck.h"
#include "score.h"
#include "util.h"

/* A condition must compile; then its names must be ones it can see.  Returns the errors.
** assume: a plain condition the customer compiles is taken as compiling (scc_load_deferred). */
static int check_cond(const scenario *s, const scn_cond *c, diag *d, int assume) {
  char err[256];
  if (!(assume && c->customer && sbx_expr_plain(c->expr)) && cust_check_expr(c->expr, err, sizeof err) != 0) {
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

/* scc_check; assume: see check_cond. */
static int check(const scenario *s, const scn_pending *p, diag *d, int read_base, int assume) {
  assert(s && p && d && read_base >= 0 && read_base <= d->n);
  int errors0 = d->errors;
  int shift = 0;   /* items inserted minus items dropped before the current place */
  /* the read meets every condition (commitments, reactions, hints) before any rule id
  ** (scoring, tests), so conditions first, then rule ids, is the read's order */
  for (int i = 0; i < p->n_conds; i++) {
    const scn_cond *c = &p->conds[i];
    int tail = d->n;
    check_cond(s, c, d, assume);
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

/* See scncheck.h; the read's order is kept by moving each check's messages into place. */
int scc_check(const scenario *s, const scn_pending *p, diag *d, int read_base) {
  return check(s, p, d, read_base, 0);
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

/* 1 when the customer compiles every condition p marks as the customer's: as many of them as
** the scenario has reactions and commitments with a condition. */
static int customer_compiles_all(const scenario *s, const scn_pending *p) {
  int marked = 0, has = 0;
  for (int i = 0; i < p->n_conds; i++) marked += p->conds[i].customer;
  for (int i = 0; i < s->n_reactions; i++) has += s->reactions[i].when != NULL;
  for (int i = 0; i < s->n_commitments; i++) has += s->commitments[i].realistic_when != NULL;
  return marked == has;
}

/* See scncheck.h. */
scenario *scc_load_deferred(const char *path, diag *d, scc_deferred *def) {
  assert(path && d && def);
  memset(def, 0, sizeof *def);
  int errors = 0, base = d->n;
  scn_pending p;
  scenario *s = scn_read_file(path, d, &p, &errors);
  if (!s || errors || !customer_compiles_all(s, &p)) return finish(s, &p, errors, d, base);
  diag_copy(&def->read, d);   /* to check again from here if the customer cannot compile */
  /* A shipped file, byte for byte (src_len, builtin.h), was made into images at build time only
  ** because scc_load gave it no message at all: these checks, a subset of those, find nothing
  ** (0.1 M instructions of a start, docs/performance.md, fifth pass). */
  if (!s->src_len && check(s, &p, d, base, 1) != 0) {   /* errors: every check, as scc_load's */
    diag_free(d);
    *d = def->read;
    diag_init(&def->read);
    return finish(s, &p, 0, d, base);
  }
  def->pending = p;
  def->base = base;
  def->active = 1;
  return s;
}

/* See scncheck.h. */
scenario *scc_confirm(scenario *s, scc_deferred *def, int compiled, diag *d) {
  assert(s && def && d);
  if (!def->active) return s;
  def->active = 0;
  if (compiled) {
    scn_pending_free(&def->pending);
    diag_free(&def->read);
    return s;
  }
  diag_free(d);
  *d = def->read;
  diag_init(&def->read);
  return finish(s, &def->pending, 0, d, def->base);
}

/* YAML text in memory standing for the file `name`, read then checked (scncheck.h). */
scenario *scc_load_string(const char *name, const char *buf, size_t len, diag *d) {
  assert(name && buf && d);
  int errors = 0, base = d->n;
  scn_pending p;
  scenario *s = scn_read(name, buf, len, d, &p, &errors);
  return finish(s, &p, errors, d, base);
}
