/*
** link_int.h: the link index's insides (link.h), shared by link.c, which builds and reads it,
** and link_image.c, which writes it out at build time and takes it back at start.
*/
#ifndef SALESIM_LINK_INT_H
#define SALESIM_LINK_INT_H

#include "link.h"

typedef struct vec { int *id; float *w; int n; float norm; } vec;

/* How much a shared term says, in thirds of a word: a line must share LNK_MIN_SHARED words'
** worth with a text to score.  A Chinese term is a character bigram, and one three-character word
** (信息化) is two of them: two shared bigrams are often one shared word, the evidence English
** needs two words for (docs/classifier.md 1d: the tuning part's wrong links 20 -> 11, right links
** 220 -> 213 of 246, all of the change in the Chinese sets). */
#define LNK_EVID_WORD 3
#define LNK_EVID_BIGRAM 2
/* A match sharing no more than the least that scores (two words, three bigrams) is weak: it
** must score LNK_WEAK_FLOOR (link.h).  With "less than three words" (four bigrams weak too) the
** paraphrase lines before wave 8 lost six right links more for no wrong one. */
#define LNK_WEAK_EVID (LNK_MIN_SHARED * LNK_EVID_WORD + 1)

typedef struct ltext {
  lnk_kind kind;
  int item;
  char *shown;       /* as written in the scenario (for "similar to: ...") */
  const char *what;  /* "example", "said", "keywords", "centroid" */
  vec v;
} ltext;

struct lnk_index {
  const scenario *sc;
  /* vocabulary: open addressing over term strings */
  char **terms; int nterms, cap_terms;
  int *slot; size_t nslot;
  float *idf;
  unsigned char *evid;    /* per term: its evidence in thirds of a word (LNK_EVID_*) */
  float idf_unknown;
  ltext *t; int nt, cap_t;
  int n_texts;            /* the item texts; centroids follow them in t[] */
  int first_unrel;        /* t[first_unrel .. n_texts): the scenario's unrelated lines (no item's) */
  int nitems[LNK_KINDS];
  unsigned char *linkable[LNK_KINDS];
  lnk_mode mode;
  float thr, fixed_thr;
  float thr_kind[LNK_KINDS];   /* per kind, calibrated on that kind's examples (thr: all pooled) */
  int calibrated_on;
  /* postings: for term j, the texts holding it (in text order) with their weights, in
  ** post_text/post_w[post_at[j] .. post_at[j + 1]); a line is scored only against the texts
  ** it shares terms with (cosine() over every text was half of a line's links) */
  int *post_at, *post_text;
  float *post_w;
  /* Non-NULL when rebuilt from a build-time image (link_image.c): then terms[i], slot, idf, evid,
  ** the texts' shown and vectors, linkable and the postings point into that image, read-only, and
  ** the index owns only t, terms and itself. */
  const unsigned char *image;
  /* The scenario's own concepts (`lexicon: concepts:`, link_concepts.h), or NULL: the shipped
  ** table, read on first use (a start with a shipped index never reads it). */
  const struct lcn_table *cn_own;
};

/* The names of a text's origin (ltext.what), in the order an image numbers them. */
#define LNK_WHATS { "example", "said", "keywords", "centroid", "unrelated" }

/* An index as a flat image (malloc'd, *n bytes), for the generator (salesim-gen --scenarios). */
unsigned char *lnk_image(const lnk_index *x, size_t *n);
/* The index an image holds, for sc (which must be the scenario it was made from: same bytes),
** its arrays in the image (which must outlive it: the binary's own data).  The image comes from
** this build's generator: its shape is asserted, not checked. */
lnk_index *lnk_from_image(const scenario *sc, const unsigned char *img, size_t n);

#endif
