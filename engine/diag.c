/*
** diag.c: positioned diagnostics, collected then printed.
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "safe.h"
#include "util.h"

void diag_init(diag *d) { memset(d, 0, sizeof *d); }

void diag_free(diag *d) {
  for (int i = 0; i < d->n; i++) { free(d->v[i].file); free(d->v[i].msg); }
  free(d->v);
  memset(d, 0, sizeof *d);
}

void diag_add(diag *d, diag_level level, const char *file, int line, int col, const char *fmt, ...) {
  assert(level == DIAG_ERROR || level == DIAG_WARNING || level == DIAG_NOTE);
  d->v = xgrow(d->v, d->n, &d->cap, sizeof *d->v, 8);
  diag_item *it = &d->v[d->n++];
  it->level = level;
  it->file = xstrdup(file ? file : "");
  it->line = line;
  it->col = col;
  strbuf b = {0};
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&b, fmt, ap);
  va_end(ap);
  it->msg = sb_take(&b);
  if (level == DIAG_ERROR) d->errors++;
  else if (level == DIAG_WARNING) d->warnings++;
}

static const char *level_name(diag_level l) {
  return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

char *diag_format(const diag_item *it) {
  if (it->line > 0)
    return xasprintf("%s:%d:%d: %s: %s", it->file, it->line, it->col > 0 ? it->col : 1,
                     level_name(it->level), it->msg);
  if (*it->file) return xasprintf("%s: %s: %s", it->file, level_name(it->level), it->msg);
  return xasprintf("%s: %s", level_name(it->level), it->msg);
}

void diag_print(const diag *d, FILE *out) {
  for (int i = 0; i < d->n; i++) {
    char *s = diag_format(&d->v[i]);
    char *clean = safe_text(s, strlen(s), NULL);   /* file names and messages are untrusted */
    fprintf(out, "%s\n", clean);
    free(clean);
    free(s);
  }
}

static int cmp_item(const void *a, const void *b) {
  const diag_item *x = a, *y = b;
  int c = strcmp(x->file, y->file);
  if (c) return c;
  if (x->line != y->line) return x->line - y->line;
  return x->col - y->col;
}

void diag_sort(diag *d) {
  /* insertion sort: stable, and diagnostics lists are short */
  for (int i = 1; i < d->n; i++) {
    diag_item t = d->v[i];
    int j = i - 1;
    while (j >= 0 && cmp_item(&d->v[j], &t) > 0) { d->v[j + 1] = d->v[j]; j--; }
    d->v[j + 1] = t;
  }
}

/* Moves items [tail, n) to index at, keeping both runs' orders (a rotation, in place). */
void diag_move_tail(diag *d, int tail, int at) {
  assert(0 <= at && at <= tail && tail <= d->n);
  for (int k = tail; k < d->n; k++) {   /* one step per moved item: lists are short */
    diag_item t = d->v[k];
    memmove(&d->v[at + 1], &d->v[at], (size_t)(k - at) * sizeof *d->v);
    d->v[at++] = t;
  }
}

/* Appends a copy of every item of src to d. */
void diag_copy(diag *d, const diag *src) {
  for (int i = 0; i < src->n; i++) {
    const diag_item *it = &src->v[i];
    diag_add(d, it->level, it->file, it->line, it->col, "%s", it->msg);
  }
}

/* Moves every item of src to the end of d; src is left empty. */
void diag_take(diag *d, diag *src) {
  for (int i = 0; i < src->n; i++) {
    d->v = xgrow(d->v, d->n, &d->cap, sizeof *d->v, 8);
    d->v[d->n++] = src->v[i];
  }
  d->errors += src->errors;
  d->warnings += src->warnings;
  free(src->v);
  memset(src, 0, sizeof *src);
}

/* Drops items [from, to) and their counts. */
void diag_remove(diag *d, int from, int to) {
  assert(0 <= from && from <= to && to <= d->n);
  for (int i = from; i < to; i++) {
    if (d->v[i].level == DIAG_ERROR) d->errors--;
    else if (d->v[i].level == DIAG_WARNING) d->warnings--;
    free(d->v[i].file);
    free(d->v[i].msg);
  }
  memmove(&d->v[from], &d->v[to], (size_t)(d->n - to) * sizeof *d->v);
  d->n -= to - from;
}
