/*
** model.h: the reader's learned linear model (docs/classifier.md, "The model").
**
** One binary logistic-regression classifier per label (a move such as "ask_commitment", an
** ask's flag "specific" or "vague", a tactic "gain" or "loss", or "ask" for any of the four
** asks), trained at build time with liblinear on the labelled corpus in engine/corpus/LANG/
** (engine/gen/salesim_train.c) over the features of featurize.h, and compiled into the program
** as static tables (build/gen/model_data.c).  The program only reads the weights: a line's
** features are looked up in one open-addressing table and summed per label.
**
** The rules of classify_rules.c keep the final word where they are explicit; the model decides
** where they are silent (classify_model.c says how the two combine).
*/
#ifndef SALESIM_MODEL_H
#define SALESIM_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define MDL_MAX_LABELS 32   /* labels one model may carry */

/* A compiled model of one language. */
typedef struct mdl_image {
  const char *lang;                 /* "zh" or "en" */
  int n_labels;
  const char *const *labels;        /* label names, see above */
  const float *bias;                /* per label: the weight of liblinear's bias feature */
  const float *threshold;           /* per label: probability at or above which it is read */
  const float *dev_f1;              /* per label: F1 of the model alone on the dev split */
  int n_features;
  uint32_t mask;                    /* table size - 1 (a power of two) */
  const uint64_t *keys;             /* per slot: a feature's hash (ft_hash), 0 when empty */
  const int32_t *index;             /* per slot: the feature's row in weights, or for a word of
                                    ** the vocabulary (typo correction) -1 - its corpus count */
  const float *weights;             /* n_features rows of n_labels */
  const uint32_t *name_off;         /* per feature: offset of its name in names */
  const char *names;
  int n_train, n_dev;               /* corpus lines trained on, and held out */
  uint64_t corpus_hash;             /* of the corpus and lexicon bytes it was trained from */
  int n_dict;                       /* English dictionary words (wamerican, wbritish), or 0 */
  const uint32_t *dict;             /* their mdl_word_hash values, sorted */
  int n_bg_lines;                   /* corpus lines the background frequencies count over */
  int n_bg;                         /* link terms (link.h) on more than MDL_BG_COMMON of them */
  const uint64_t *bg_keys;          /* their mdl_bg_hash values, sorted */
  const int32_t *bg_df;             /* per key: on how many corpus lines the term stands */
} mdl_image;

/* A link term on at most this many corpus lines is rare in sales talk at large: the background
** table leaves it out, and links weigh it by the scenario alone (link.c). */
#define MDL_BG_COMMON 10

/* The compiled model of a language, or NULL when the program has none (the generator's
** builds, the fuzzers: engine/gen/model_none.c). */
const mdl_image *mdl_find(const char *lang);

/* Slot of a feature hash in the table, or -1 when the model does not know it. */
int mdl_lookup(const mdl_image *m, uint64_t key);

/* How often the word was seen in the corpus and lexicon (>= 1) when it is vocabulary, else 0. */
int mdl_knows_word(const mdl_image *m, const char *word, size_t len);

/* 1 when word[0..len) is a word of the language's dictionary (a real word, however rare in the
** corpus: typo correction leaves it as typed, so "prefer" never becomes "refer"). */
int mdl_is_word(const mdl_image *m, const char *word, size_t len);
/* The 32-bit hash of a dictionary word (the trainer and mdl_is_word agree on it). */
uint32_t mdl_word_hash(const char *word, size_t len);

/* On how many of the language's corpus lines the link term term[0..len) stands (link.c weighs
** words common in any sales talk down), or 0 when on MDL_BG_COMMON or fewer, or m is NULL. */
int mdl_background_df(const mdl_image *m, const char *term, size_t len);
/* The 64-bit key of a link term in the background table (the trainer and the lookup agree). */
uint64_t mdl_bg_hash(const char *term, size_t len);

/* Probabilities per label of a line whose distinct known features are rows[0..n) (each weighing
** 1/sqrt(n_total), n_total counting unknown features too, as in training): out[n_labels]. */
void mdl_predict(const mdl_image *m, const int32_t *rows, int n, int n_total, float *out);

/* 1 when a corpus line belongs to the dev split (a fifth of the lines, by a hash of the text):
** the trainer never trains on it, the evaluation measures on it. */
int mdl_dev_split(const char *text);

/* The label's index in the model, or -1. */
int mdl_label(const mdl_image *m, const char *name);

#endif
