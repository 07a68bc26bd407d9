/*
** suggest.h: "did you mean" for a mistyped word (a command, an option, a scenario name, a
** state variable).  The nearest candidate by Damerau-Levenshtein distance (a swap of two
** neighbouring characters counts one), when it is near enough to be a typo.
*/
#ifndef SALESIM_SUGGEST_H
#define SALESIM_SUGGEST_H

#include <stddef.h>

/* Edit distance between a and b in code points (UTF-8; a byte that is not valid UTF-8 counts
** as one), counting insertion, deletion, substitution and a swap of neighbours as one each. */
int sug_distance(const char *a, const char *b);
/* The candidate nearest to word when it looks like a typo of it (distance 1 for words of up to
** four code points, 2 for longer ones, and never the word itself), else NULL.  Ties go to the first.
** cands holds n strings (NULL entries are skipped); the result points into it. */
const char *sug_nearest(const char *word, const char *const *cands, size_t n);

#endif
