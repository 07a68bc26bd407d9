/*
** classify_cache.h: the readings of one classifier's lines, kept for lines read again.
**
** cls_classify is a function of the classifier and the line's bytes alone: the visit's context
** (a recap, a follow-up, a collection, the rungs) is read afterwards by the session, on its own
** copy.  The random walks read the same lines again and again (a line is a few phrases drawn
** from the scenario's words), so a run keeps each line's reading and hands out deep copies.
** The classifier's own scratch (its feature set, the stemmer's memo, the lexicon's label index)
** is filled as lines are read and changes no reading; test_classify_cache reads every walked
** line of every shipped scenario both ways and compares the readings field by field.
*/
#ifndef SALESIM_CLASSIFY_CACHE_H
#define SALESIM_CLASSIFY_CACHE_H

#include <stddef.h>

#include "classify.h"

typedef struct cls_cache cls_cache;

/* A cache of c's readings (c borrowed: it must outlive the cache and be used with no other
** scenario).  With check set, every line is read afresh as well, and a kept reading that differs
** from the fresh one is counted (cls_cache_stats) and the fresh one handed out: for tests. */
cls_cache *cls_cache_new(cls_classifier *c, int check);
void cls_cache_free(cls_cache *k);
/* The classifier k reads with. */
cls_classifier *cls_cache_classifier(const cls_cache *k);

/* Fills *out as cls_classify(c, line, len, out) would, from the kept reading when the same bytes
** were read before; the caller owns *out (cls_result_free).  At most CLS_CACHE_MAX lines are
** kept: later new lines are read and not kept. */
#define CLS_CACHE_MAX 16384
void cls_cache_classify(cls_cache *k, const char *line, size_t len, cls_result *out);

/* Lines answered from the cache, lines read, and (with check) kept readings that differed. */
void cls_cache_stats(const cls_cache *k, long *hits, long *reads, long *differed);

/* A deep copy of src into *dst (dst's old contents are not freed): every string and array its
** own, a packed match packed again, the match array sized as cls_match_push grows it. */
void cls_result_copy(cls_result *dst, const cls_result *src);
/* 1 when a and b read the same: every field, string, array and match equal (the model's
** probabilities bit for bit); pointers and the clauses memo aside. */
int cls_result_same(const cls_result *a, const cls_result *b);

#endif
