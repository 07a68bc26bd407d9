/*
** timex.h: time expressions in normalised trainee text, found by PCRE2 patterns (UTF-8 mode).
** "下周三下午三点", "明天上午", "15号", "3月8日", "周五前", "next wednesday at 3pm", "tomorrow
** morning", "on the 15th", "by friday", "in two weeks" ...  Each pattern has a name and the
** source line where it is written, so the classifier can say which one matched.
** Adjacent hits ("下周三" "下午" "三点") are merged into one time span.
*/
#ifndef SALESIM_TIMEX_H
#define SALESIM_TIMEX_H

#include <stddef.h>
#include "diag.h"

typedef struct tx_set tx_set;

typedef struct tx_hit {
  const char *name;     /* pattern name, e.g. "zh.weekday" (static) */
  const char *source;   /* "engine/timex.c:57" (owned by the set) */
  size_t start, end;    /* byte span in the normalised text */
  int span;             /* index of the merged time span this hit belongs to */
} tx_hit;

/* The patterns of a language ("zh" or "en"; any other gives the English set), taken from their
** built-in compiled form (builtin.h) when this PCRE2 accepts it, else compiled.  NULL after
** adding an error to d (a pattern that does not compile is a bug). */
tx_set *tx_new(const char *lang, diag *d);
/* The same, always compiled from the pattern text (the generator and tests use it). */
tx_set *tx_compile(const char *lang, diag *d);
void tx_free(tx_set *t);

/* Finds every time expression (longest, non-overlapping, left to right).  Returns the number of
** hits; *hits is malloc'd (NULL when none).  *spans receives the number of merged spans. */
int tx_find(const tx_set *t, const char *norm, size_t len, tx_hit **hits, int *spans);
/* 1 when the len bytes between two time hits join them into one time, as tx_find numbers its
** spans: only spaces, commas or a joining word ("at", "on", "的"): "next tuesday at 6.30". */
int tx_joins(const char *s, size_t len);

/* The compiled patterns in PCRE2's serialised form (malloc'd) and the pattern text they stand
** for (malloc'd), for the generator of built-in data (builtin.h); -1 when PCRE2 cannot. */
int tx_serialize(const tx_set *t, unsigned char **bytes, size_t *n, char **src, size_t *src_len);

/* Before the patterns, tx_find passes over the line once to see which of the words and
** digits the patterns need it holds, and skips the patterns that cannot match.  Tests turn
** that off (on = 0) to check it finds the same. */
void tx_prefilter(tx_set *t, int on);
/* Number of patterns and the name of pattern i (for documentation and tests). */
int tx_count(const tx_set *t);
const char *tx_name(const tx_set *t, int i);

#endif
