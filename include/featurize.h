/*
** featurize.h: what the learned model sees of a line (docs/classifier.md, "The model").
**
** From a reading by the rules (classify.h) it makes named binary features:
**   w:BASE     an English word's base form (words.h); b:BASE1_BASE2 two in a row, with ^ and $
**              at a clause's ends
**   c:X c:XY c:XYZ   Chinese characters one, two and three at a time (after Traditional to
**              Simplified), with ^ and $ at a clause's ends
**   lx:LABEL   a lexicon phrase of that label was read (negated:LABEL, asked:..., too)
**   rm:MOVE    the rules gave the move; slot:NAME the slot was filled; q, vague, specific, money
**   cl:AGENT:MOOD   a clause's agent and mood (clause.h); last:MOOD the last clause's mood
** The program and the trainer make them with this same code, so training and reading agree.
*/
#ifndef SALESIM_FEATURIZE_H
#define SALESIM_FEATURIZE_H

#include <stddef.h>
#include <stdint.h>

#include "classify.h"
#include "words.h"

#define FT_MAX 1024   /* features kept per line: a pasted page is read by its start */

#define FT_SLOTS (2 * FT_MAX)   /* the set of hashes seen, for one probe per feature */

typedef struct ft_set {
  uint64_t keys[FT_MAX];   /* distinct feature hashes, in the order made */
  uint64_t seen[FT_SLOTS]; /* open addressing over keys (0: empty) */
  char *names[FT_MAX];     /* their names when keep_names (training, explanations), else NULL */
  int n;
  int keep_names;
  int mixed_agents;        /* set by extraction: a seller clause beside a clause of someone else */
} ft_set;

/* The 64-bit hash of prefix followed by s[0..n) (FNV-1a; never 0, which marks an empty slot). */
uint64_t ft_hash2(const char *prefix, const char *s, size_t n);

/* The features of a reading into *out (set keep_names first when the names are wanted).
** out->seen must be all zero on entry (allocate the set zeroed once); it is left all zero, so
** one set serves line after line without clearing 16 KiB each time.  stem may be NULL (words
** are then compared as typed).  Call ft_release after. */
void ft_extract(wd_stemmer *stem, const cls_result *r, ft_set *out);
/* The same with the seller's clauses left out when no_seller ("下周五前我把材料发给您" beside the
** customer's ask): their words, phrases and the rules' seller_action.  Only for reading: the
** model is trained on whole lines. */
void ft_extract_part(wd_stemmer *stem, const cls_result *r, int no_seller, ft_set *out);
void ft_release(ft_set *s);

#endif
