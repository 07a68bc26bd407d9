/*
** classify_cache.c: readings kept by line for one classifier (classify_cache.h).
**
** An open-addressed table of line bytes -> reading (a pointer a slot: a run of a few walks
** touches little of it), sized for CLS_CACHE_MAX lines and never resized.  A kept reading is a deep copy, and so is every reading handed out: the session adds
** the visit's context to its copy (recap, follow-up, rungs) and frees it, and no reading handed
** out shares a byte with another.
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify_cache.h"
#include "util.h"

#define SLOTS (2 * CLS_CACHE_MAX)   /* a power of two, at most half full */

typedef struct entry {
  char *line;          /* the bytes read (NULL: the slot is free) */
  size_t len;
  uint64_t hash;
  cls_result r;        /* their reading */
} entry;

struct cls_cache {
  cls_classifier *c;   /* borrowed */
  int check;
  int n;               /* lines kept */
  long hits, reads, differed;
  entry **slot;        /* SLOTS of them, NULL where free */
};

cls_cache *cls_cache_new(cls_classifier *c, int check) {
  assert(c);
  cls_cache *k = xcalloc(1, sizeof *k);
  k->c = c;
  k->check = check;
  k->slot = xcalloc(SLOTS, sizeof *k->slot);
  return k;
}

void cls_cache_free(cls_cache *k) {
  if (!k) return;
  for (int i = 0; i < SLOTS; i++)
    if (k->slot[i]) { free(k->slot[i]->line); cls_result_free(&k->slot[i]->r); free(k->slot[i]); }
  free(k->slot);
  free(k);
}

cls_classifier *cls_cache_classifier(const cls_cache *k) { return k->c; }

void cls_cache_stats(const cls_cache *k, long *hits, long *reads, long *differed) {
  *hits = k->hits;
  *reads = k->reads;
  *differed = k->differed;
}

/* The slot holding line's entry, or the free slot where it would go. */
static entry **find(cls_cache *k, const char *line, size_t len, uint64_t h) {
  for (size_t i = (size_t)h & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1)) {
    entry *e = k->slot[i];
    if (!e || (e->hash == h && e->len == len && memcmp(e->line, line, len) == 0)) return &k->slot[i];
  }
}

void cls_cache_classify(cls_cache *k, const char *line, size_t len, cls_result *out) {
  uint64_t h = util_hash64(line, len);
  entry **at = find(k, line, len, h), *e = *at;
  k->reads++;
  if (e) {
    k->hits++;
    if (!k->check) { cls_result_copy(out, &e->r); return; }
    cls_classify(k->c, line, len, out);   /* both ways: the fresh reading is handed out */
    if (!cls_result_same(out, &e->r)) k->differed++;
    return;
  }
  cls_classify(k->c, line, len, out);
  if (k->n >= CLS_CACHE_MAX) return;
  e = *at = xmalloc(sizeof *e);
  e->line = xmalloc(len + 1);
  memcpy(e->line, line, len);
  e->line[len] = 0;
  e->len = len;
  e->hash = h;
  cls_result_copy(&e->r, out);
  if (k->check && !cls_result_same(out, &e->r)) k->differed++;
  k->n++;
}

/* {=== copies and comparison of readings */

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

static void *dup_array(const void *v, int n, size_t size) {
  if (!v) return NULL;
  void *d = xmalloc(size * (size_t)(n > 0 ? n : 1));
  if (n > 0) memcpy(d, v, size * (size_t)n);
  return d;
}

/* The capacity cls_match_push has given an array of n matches: 4, then powers of two. */
static int match_capacity(int n) {
  int cap = 4;
  while (cap < n) cap *= 2;
  return cap;
}

void cls_result_copy(cls_result *dst, const cls_result *src) {
  *dst = *src;
  dst->clauses = NULL;
  dst->text = dup_or_null(src->text);
  dst->norm = dup_or_null(src->norm);
  for (int i = 0; i < CLS_SLOT_COUNT; i++) dst->slots[i] = dup_or_null(src->slots[i]);
  dst->needs = dup_array(src->needs, src->n_needs, sizeof *src->needs);
  dst->benefits = dup_array(src->benefits, src->n_benefits, sizeof *src->benefits);
  dst->objections = dup_array(src->objections, src->n_objections, sizeof *src->objections);
  dst->probs = dup_array(src->probs, src->n_probs, sizeof *src->probs);
  dst->rows = dup_array(src->rows, src->n_rows, sizeof *src->rows);
  dst->matches = NULL;
  if (src->n_matches > 0) {
    dst->matches = xmalloc((size_t)match_capacity(src->n_matches) * sizeof *dst->matches);
    for (int i = 0; i < src->n_matches; i++) {
      const cls_match *m = &src->matches[i];
      cls_match *d = &dst->matches[i];
      *d = *m;
      if (m->packed) {   /* label, phrase and source in one block, as cls_match_push_packed makes */
        size_t nl = strlen(m->label) + 1, np = strlen(m->phrase) + 1, ns = strlen(m->source) + 1;
        char *b = xmalloc(nl + np + ns);
        memcpy(b, m->label, nl);
        memcpy(b + nl, m->phrase, np);
        memcpy(b + nl + np, m->source, ns);
        d->label = b; d->phrase = b + nl; d->source = b + nl + np;
      } else {
        d->label = dup_or_null(m->label);
        d->phrase = dup_or_null(m->phrase);
        d->source = dup_or_null(m->source);
      }
    }
  }
}

static int same_str(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_ints(const int *a, int na, const int *b, int nb) {
  return na == nb && (na == 0 || memcmp(a, b, (size_t)na * sizeof *a) == 0);
}

int cls_result_same(const cls_result *a, const cls_result *b) {
  if (!same_str(a->text, b->text) || !same_str(a->norm, b->norm) || a->moves != b->moves ||
      a->has_amount != b->has_amount || memcmp(&a->amount, &b->amount, sizeof a->amount) != 0 ||
      a->amount_start != b->amount_start || a->amount_end != b->amount_end ||
      a->specific != b->specific || a->vague != b->vague || a->question != b->question ||
      a->negated != b->negated || a->tactic != b->tactic || a->commitment != b->commitment ||
      a->model_moves != b->model_moves || a->model_vetoed != b->model_vetoed ||
      a->scenario_kept != b->scenario_kept || a->model_flags != b->model_flags ||
      a->n_features != b->n_features || a->n_matches != b->n_matches || a->n_probs != b->n_probs ||
      (a->probs == NULL) != (b->probs == NULL) || (a->rows == NULL) != (b->rows == NULL))
    return 0;
  for (int i = 0; i < CLS_SLOT_COUNT; i++)
    if (!same_str(a->slots[i], b->slots[i])) return 0;
  if (!same_ints(a->needs, a->n_needs, b->needs, b->n_needs) ||
      !same_ints(a->benefits, a->n_benefits, b->benefits, b->n_benefits) ||
      !same_ints(a->objections, a->n_objections, b->objections, b->n_objections) ||
      !same_ints(a->rows, a->n_rows, b->rows, b->n_rows))
    return 0;
  if (a->n_probs > 0 && memcmp(a->probs, b->probs, (size_t)a->n_probs * sizeof *a->probs) != 0) return 0;
  for (int i = 0; i < a->n_matches; i++) {
    const cls_match *x = &a->matches[i], *y = &b->matches[i];
    if (!same_str(x->label, y->label) || !same_str(x->phrase, y->phrase) ||
        !same_str(x->source, y->source) || x->start != y->start || x->end != y->end ||
        x->packed != y->packed)
      return 0;
  }
  return 1;
}
/* }=== */
