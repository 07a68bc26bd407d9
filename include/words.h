/*
** words.h: English words as the reader compares them: base forms and one-edit typos.
**
** Base forms come from Snowball's English stemmer (libstemmer), so signed, signs and signing
** meet as "sign", and savings and save as "save" (README says why Snowball rather than
** WordNet).  A longer word the reader does not know is read as the one known word it is a
** single edit away from (a letter dropped, added, changed, or two swapped: "tomorow",
** "recieve"), the known words being the corpus's and the lexicon's (model.h's vocabulary);
** when several are, the one seen at least five times as often as any other, else none.
*/
#ifndef SALESIM_WORDS_H
#define SALESIM_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define WD_MAX_WORD 48        /* longer "words" are not stemmed or corrected */
#define WD_MIN_TYPO_LEN 5     /* shorter words are too ambiguous to correct */

typedef struct wd_stemmer wd_stemmer;

/* A stemmer for English (owned by the caller; wd_free).  NULL when libstemmer has no English
** algorithm, in which case words are compared as typed. */
wd_stemmer *wd_new(void);
void wd_free(wd_stemmer *s);

/* The base form of w[0..n) (lower-case ASCII) into out (cap >= WD_MAX_WORD + 1); returns its
** length.  Words that are too long or hold non-letters are copied unchanged. */
size_t wd_stem(wd_stemmer *s, const char *w, size_t n, char *out, size_t cap);

/* A scenario's own English words (its keywords, examples and lexicon phrases): words the
** typo correction must never rewrite ("alert fatigue" is not "alerts fatigue") and prefers as
** corrections, since they are the visit's topic.  Owned by the caller (wd_words_free). */
typedef struct wd_words wd_words;
wd_words *wd_words_new(void);
void wd_words_free(wd_words *w);
/* Adds the lower-case ASCII words of a normalised text (txt_normalize) of WD_MIN_TYPO_LEN - 1
** letters or more. */
void wd_words_add(wd_words *w, const char *norm);
/* wd_words_add for a text not normalised that is all ASCII: its letters are folded as it reads
** (txt_normalize does no more to an ASCII word), without a normalised copy.  Returns 0 and adds
** nothing when the text holds a byte outside ASCII (the caller normalises it then). */
int wd_words_add_ascii(wd_words *w, const char *text);
/* 1 when w (may be NULL) holds word[0..n). */
int wd_words_has(const wd_words *w, const char *word, size_t n);
/* The words of w as their hashes in increasing order, *n of them (malloc'd; NULL when none):
** what the generator writes for a shipped scenario (builtin.h, bi_words). */
uint64_t *wd_words_sorted(const wd_words *w, size_t *n);
/* Takes n hashes in increasing order (wd_words_sorted's, kept in read-only memory that outlives
** w) as words of w as well, in place: a shipped scenario's words without reading its texts. */
void wd_words_take_sorted(wd_words *w, const uint64_t *sorted, size_t n);

/* The text with each unknown English word of WD_MIN_TYPO_LEN letters or more replaced by the
** known word one edit away (see above), or NULL when nothing changed.  A word of own (may be
** NULL) is known, and wins as a correction over the model's words.  The result is malloc'd
** (caller frees), *out_len its length; *fixes (may be NULL) counts the replaced words. */
char *wd_correct(const mdl_image *m, const wd_words *own, const char *text, size_t len, size_t *out_len,
                 int *fixes);

#endif
