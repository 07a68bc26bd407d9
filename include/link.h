/*
** link.h: links a trainee's line to a scenario's needs, benefits, objections and commitment
** rungs by meaning (docs/classifier.md, section 1d).
**
** Each item is represented by its texts: every line of its `examples:`, its `said` (the rung's
** `action`) and its keywords (one text), each a bag of base forms: English words through
** Snowball (words.h) without function words, Chinese as character bigrams of the normalised
** text (Traditional already Simplified) and its characters at a lower weight (link.c).  Terms are weighted by TF-IDF over the scenario's items.
** A line's score for an item is the cosine similarity of the line (or of one of its clauses, so
** a recap of two needs links both) with the item's nearest text.  Only items that have
** `examples:` are linked this way; the others still link by their keywords, verbatim.
**
** The caller may weigh each kind per span of the line (lnk_link_spans): classify_link.c keeps a
** request clause from linking needs, benefits and objections, and a seller's clause from
** linking needs (clause.h).
**
** The threshold is calibrated when the index is built, on the examples alone (leave one out:
** each example against its own item's other texts and against the other items of its kind), as
** the lowest score at which 95% of those links are right, never below LNK_FLOOR.
*/
#ifndef SALESIM_LINK_H
#define SALESIM_LINK_H

#include <stddef.h>

#include "scenario.h"
#include "words.h"

typedef enum { LNK_NEED, LNK_BENEFIT, LNK_OBJECTION, LNK_COMMITMENT, LNK_KINDS } lnk_kind;

/* How an item's texts are compared with a line: the nearest text, or their centroid. */
typedef enum { LNK_NEAREST, LNK_CENTROID } lnk_mode;
#define LNK_DEFAULT_MODE LNK_CENTROID   /* measured: docs/classifier.md, section 1d */

#define LNK_FLOOR 0.12f      /* the calibrated threshold is never lower */
#define LNK_CEIL 0.70f       /* nor higher */
#define LNK_DEFAULT 0.30f    /* too few examples to calibrate on */
#define LNK_MIN_SHARED 2     /* terms a line must share with a text to score */
/* A match on the least evidence (two words, or up to four Chinese bigrams, in common) links only
** from this score up, whatever the calibrated threshold: "How many people work in the warehouse?"
** shared "people" and "work" with the seasonal-staff need at 0.17.  Chosen on the paraphrase
** lines before wave 8 (docs/classifier.md 1d). */
#define LNK_WEAK_FLOOR 0.18f
/* Nor may a match rest on one shared word: without the line's term that adds most to a text's
** score, the rest must still score this much, or the text scores 0 for the line, as if it shared
** one term ("Those factory plates you carry now, where are they made?" linked the price worry at
** 0.21, 0.19 of it "factory"; the second word, "plate", added 0.02).  Chosen on the tuning part
** of the paraphrase sets (docs/classifier.md 1d, play-test 30: 0.02 took 4 wrong links of 808
** away and no right one; 0.03 lost three right links more for one wrong link). */
#define LNK_ONE_WORD 0.02f
/* A scenario's `unrelated:` lines (talk of her world that names no item: "How long have you had
** the shop on the high street?") hold a segment back from linking when the nearest of them scores
** more than the nearest text of every item it could link, by this factor: unrelated * 0.8 > item.
** Chosen on the open paraphrase sets (docs/classifier.md 1d: 0.8 and 0.9 alike, 1.0 cost a right
** link, 0.7 a wrong one came back). */
#define LNK_UNRELATED_MARGIN 0.8f
/* A kind calibrated at this or more links little by meaning: salesim check warns (the shipped
** scenarios calibrate at 0.12 to 0.33 per kind). */
#define LNK_ALIKE 0.40f

typedef struct lnk_index lnk_index;

/* One item's score for a line: the item (its index in the scenario's list of its kind), the
** cosine (to the centroid in LNK_CENTROID mode), the item's text nearest to the line (lnk_text) and the span of the line that scored it (byte
** offsets in the normalised text). */
typedef struct lnk_hit {
  lnk_kind kind;
  int item;
  float score;
  int text;
  size_t start, end;
  int weak;        /* the score rests on little shared evidence: it must reach LNK_WEAK_FLOOR */
} lnk_hit;

/* Builds the index of a scenario (not owned; it must outlive the index), stemming English with
** st (may be NULL: words as typed).  NULL when no item of the scenario has examples (nothing to
** link by meaning); never fails otherwise. */
lnk_index *lnk_new(const scenario *sc, wd_stemmer *st);
/* lnk_new always building, never taking a shipped scenario's index from the binary (builtin.h):
** for the generator that makes those images and the test that compares both. */
lnk_index *lnk_build(const scenario *sc, wd_stemmer *st);
void lnk_free(lnk_index *x);

/* Scores every item of a kind for a normalised line (txt_normalize) and writes the best cap of
** them, best first, into out; returns how many were written.  Items without examples are listed too (with
** lnk_linkable 0) so a trainer sees them; only linkable ones at or above the threshold link. */
int lnk_rank(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, lnk_kind kind,
             lnk_hit *out, int cap);

/* The links of a line (link.h): for the whole line and each of its clauses, the one linkable
** item of the kinds in the bit set `kinds` (1u << LNK_NEED | ...) it is nearest to, when at or
** above the threshold; each item once.  Returns how many were written to out (cap entries). */
int lnk_link(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, unsigned kinds,
             lnk_hit *out, int cap);

/* A span of the line (byte offsets in the normalised text, e.g. one clause as clause.h reads it)
** and a weight per kind for the segments that overlap it: 0 keeps that kind from linking there,
** 1 leaves it as it is (the least weight of the spans a segment overlaps applies).  With
** inside_only set the weights apply only to segments inside the span (a clause that means
** nothing alone, but something with the rest of its line). */
typedef struct lnk_span { size_t start, end; float w[LNK_KINDS]; int inside_only; } lnk_span;

/* lnk_link with the scores of each segment weighed by the spans it overlaps (spans may be NULL
** when nspans is 0: lnk_link). */
int lnk_link_spans(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, unsigned kinds,
                   const lnk_span *spans, int nspans, lnk_hit *out, int cap);

float lnk_threshold(const lnk_index *x);   /* calibrated on all kinds' examples pooled */
/* The threshold of one kind: calibrated on that kind's examples, never above the pooled one (the
** pooled one for a kind with fewer than four examples); what linking uses. */
float lnk_threshold_of(const lnk_index *x, lnk_kind k);
/* The best score of a scenario's unrelated lines (scn: unrelated) for the line or one of its
** clauses, and in *text the index of that line (lnk_text), -1 and 0 when none scores: what held a
** link back, for `salesim classify`'s explanation. */
float lnk_unrelated(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, int *text);
/* 1 when a hit links: at or above the threshold, and LNK_WEAK_FLOOR when its evidence is weak. */
int lnk_passes(const lnk_index *x, const lnk_hit *h);
int lnk_linkable(const lnk_index *x, lnk_kind kind, int item);
/* The text a hit was nearest to ("the centroid of N texts" in centroid mode; static or owned by
** the index), and whether it is an example, the said/action line or the keywords. */
const char *lnk_text(const lnk_index *x, int text);
const char *lnk_text_kind(const lnk_index *x, int text);   /* "example", "said", "keywords" */
/* The number of example texts the threshold was calibrated on (0: LNK_DEFAULT is used). */
int lnk_calibrated_on(const lnk_index *x);

/* For measuring (tools/eval_links): the comparison mode, and a fixed threshold (< 0: the
** calibrated one).  The default is LNK_NEAREST, calibrated. */
void lnk_configure(lnk_index *x, lnk_mode mode, float threshold);

/* The base forms of a normalised text as link.c compares them, space-separated (malloc'd):
** for tools that check a line holds none of a scenario's keywords. */
char *lnk_terms(wd_stemmer *st, const char *norm, size_t len);

const char *lnk_kind_name(lnk_kind k);   /* "need" "benefit" "objection" "commitment" */

#endif
