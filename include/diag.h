/*
** diag.h: diagnostics with positions, in the compiler convention editors parse:
**   FILE:LINE:COL: error: MESSAGE
** A validator collects every problem rather than stopping at the first.
*/
#ifndef SALESIM_DIAG_H
#define SALESIM_DIAG_H

#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag_item {
  diag_level level;
  char *file;          /* owned */
  int line, col;       /* 1-based; 0 when unknown (then omitted from the text) */
  char *msg;           /* owned */
} diag_item;

typedef struct diag {
  diag_item *v;
  int n, cap;
  int errors, warnings;
} diag;

void diag_init(diag *d);
void diag_free(diag *d);
void diag_add(diag *d, diag_level level, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Formats one item as "file:line:col: error: msg" (no newline); malloc'd. */
char *diag_format(const diag_item *it);
/* Prints every item, one per line, in the order added. */
void diag_print(const diag *d, FILE *out);
/* Sorts items by file, line, column (stable), for deterministic output. */
void diag_sort(diag *d);
/* Moves the items from index tail to the end so that they start at index at (at <= tail),
** keeping their order and the order of the items they pass: for messages found later that
** belong among earlier ones. */
void diag_move_tail(diag *d, int tail, int at);
/* Drops the items [from, to), their texts and their counts. */
void diag_remove(diag *d, int from, int to);
/* Appends a copy of every item of src to d. */
void diag_copy(diag *d, const diag *src);
/* Moves every item of src to the end of d, counts with them; src is left empty. */
void diag_take(diag *d, diag *src);

#endif
