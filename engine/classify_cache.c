/*
** classify_cache.c: readings kept by line for one classifier (classify_cache.h).
**
** An open-addressed table of line bytes -> reading (a pointer a slot: a run of a few walks
** touches little of it), sized for CLS_CACHE_MAX lines and never resized.  A kept reading is a
** deep copy in one block with its line; every reading handed out is a deep copy of it in pieces,
** as cls_classify makes them: the session adds the visit's context to its copy (recap, follow-up,
** rungs) and frees it, and no reading handed out shares a byte with another.
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify_cache.h"
#include "util.h"

/* {=== copies and comparison of readings */

/* Where a copy's pieces go: each its own malloc (no pool: a reading cls_result_free releases),
** or one after another in one block (a kept reading: made and freed with one call each, where
** its fifty-odd pieces cost a tenth of a walked line's time to free). */
typedef struct pool { char *p; size_t used; } pool;

static size_t rounded(size_t n) { return (n + 7) & ~(size_t)7; }

static void *piece(pool *a, size_t n) {
  if (!a) return xmalloc(n);
  void *r = a->p + a->used;
  a->used += rounded(n);
  return r;
}

static char *str(pool *a, const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  return memcpy(piece(a, n), s, n);
}

static void *array(pool *a, const void *v, int n, size_t size) {
  if (!v) return NULL;
  void *d = piece(a, size * (size_t)(n > 0 ? n : 1));
  if (n > 0) memcpy(d, v, size * (size_t)n);
  return d;
}

static size_t str_size(const char *s) { return s ? rounded(strlen(s) + 1) : 0; }

/* The bytes a pool copy of r takes. */
static size_t pool_size(const cls_result *r) {
  size_t n = str_size(r->text) + str_size(r->norm);
  for (int i = 0; i < CLS_SLOT_COUNT; i++) n += str_size(r->slots[i]);
  n += rounded(sizeof *r->needs * (size_t)(r->n_needs + 1)) +
       rounded(sizeof *r->benefits * (size_t)(r->n_benefits + 1)) +
       rounded(sizeof *r->objections * (size_t)(r->n_objections + 1)) +
       rounded(sizeof *r->probs * (size_t)(r->n_probs + 1)) +
       rounded(sizeof *r->rows * (size_t)(r->n_rows + 1)) +
       rounded(sizeof *r->matches * (size_t)(r->n_matches + 1));
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->packed) n += rounded(strlen(m->label) + strlen(m->phrase) + strlen(m->source) + 3);
    else n += str_size(m->label) + str_size(m->phrase) + str_size(m->source);
  }
  return n;
}

/* The capacity cls_match_push has given an array of n matches: 4, then powers of two. */
static int match_capacity(int n) {
  int cap = 4;
  while (cap < n) cap *= 2;
  return cap;
}

/* cls_result_copy into pieces of a (NULL: mallocs). */
static void copy_into(cls_result *dst, const cls_result *src, pool *a) {
  *dst = *src;
  dst->clauses = NULL;
  dst->text = str(a, src->text);
  dst->norm = str(a, src->norm);
  for (int i = 0; i < CLS_SLOT_COUNT; i++) dst->slots[i] = str(a, src->slots[i]);
  dst->needs = array(a, src->needs, src->n_needs, sizeof *src->needs);
  dst->benefits = array(a, src->benefits, src->n_benefits, sizeof *src->benefits);
  dst->objections = array(a, src->objections, src->n_objections, sizeof *src->objections);
  dst->probs = array(a, src->probs, src->n_probs, sizeof *src->probs);
  dst->rows = array(a, src->rows, src->n_rows, sizeof *src->rows);
  dst->matches = NULL;
  if (src->n_matches == 0) return;
  /* a pool copy is never pushed to; a malloc'd one grows as cls_match_push expects */
  dst->matches = piece(a, (size_t)(a ? src->n_matches : match_capacity(src->n_matches)) * sizeof *dst->matches);
  for (int i = 0; i < src->n_matches; i++) {
    const cls_match *m = &src->matches[i];
    cls_match *d = &dst->matches[i];
    *d = *m;
    if (m->packed) {   /* label, phrase and source in one block, as cls_match_push_packed makes */
      size_t nl = strlen(m->label) + 1, np = strlen(m->phrase) + 1, ns = strlen(m->source) + 1;
      char *b = piece(a, nl + np + ns);
      memcpy(b, m->label, nl);
      memcpy(b + nl, m->phrase, np);
      memcpy(b + nl + np, m->source, ns);
      d->label = b; d->phrase = b + nl; d->source = b + nl + np;
    } else {
      d->label = str(a, m->label);
      d->phrase = str(a, m->phrase);
      d->source = str(a, m->source);
    }
  }
}

void cls_result_copy(cls_result *dst, const cls_result *src) { copy_into(dst, src, NULL); }

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

#define SLOTS (2 * CLS_CACHE_MAX)   /* a power of two, at most half full */

typedef struct entry {   /* one block: the entry, then its line's bytes and its reading's pieces */
  char *line;          /* the bytes read */
  size_t len;
  uint64_t hash;
  cls_result r;        /* their reading (pool_size, copy_into) */
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
    free(k->slot[i]);
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
  size_t head = rounded(sizeof *e) + rounded(len + 1), size = head + pool_size(out);
  e = *at = xmalloc(size);
  e->line = (char *)e + rounded(sizeof *e);
  memcpy(e->line, line, len);
  e->line[len] = 0;
  e->len = len;
  e->hash = h;
  pool a = { (char *)e, head };
  copy_into(&e->r, out, &a);
  assert(a.used <= size);
  if (k->check && !cls_result_same(out, &e->r)) k->differed++;
  k->n++;
}
