/*
** msg_int.h: what the catalogue loader (msg_load.c) and the run-time side (msg.c) share: plural
** categories and rules, the placeholder scanner and lookups the reference check needs.
** Private to engine/msg*.c and the build-time generator.
*/
#ifndef SALESIM_MSG_INT_H
#define SALESIM_MSG_INT_H

#include <stddef.h>
#include "msg.h"

enum { MSG_OTHER, MSG_ONE, MSG_ZERO, MSG_TWO, MSG_FEW, MSG_MANY, MSG_NCAT };
extern const char *const msg_categories[MSG_NCAT];
/* The index of a category name, or -1. */
int msg_category_index(const char *name);
/* 1 when name is a plural rule the loader knows. */
int msg_rule_known(const char *name);
/* The category count n falls in under rule. */
int msg_rule_category(const char *rule, long n);
/* Walks text's {placeholders} (fn may be NULL); NULL when well formed, else why not. */
const char *msg_scan(const char *text, void (*fn)(const char *, size_t, void *), void *ctx);
/* The index of key in c, or -1 (binary search). */
int msg_find(const msg_cat *c, const char *key);
/* 1 when some form of key in c uses the placeholder name[0..len). */
int msg_ref_uses(const msg_cat *c, const char *key, const char *name, size_t len);

#endif
