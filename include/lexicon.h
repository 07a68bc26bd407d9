/*
** lexicon.h: labelled phrases matched in one pass over normalised text (Aho-Corasick).
**
** A lexicon is a set of phrases, each under a label (a move such as "ask_commitment", a slot such
** as "person", or a marker such as "vague"), each remembering where it was written
** ("lexicons/en.yaml:41").  Phrases are normalised like the text (txt_normalize) before they go
** into the automaton, so "ＩＴ 主管" and "it主管" are the same phrase.
**
** Phrase syntax (docs/classifier.md):
**   plain text      matched anywhere; an end that is a letter or digit must sit on a word boundary
**                   ("no" does not match inside "know"; CJK text has no boundaries to respect)
**   A ... B         A, then B later in the same sentence (any number of parts)
**   stem*           a word start: "schedul*" matches "schedule", "scheduling", "scheduled"
**   ^phrase         only at the start of a clause (after , . ? ! ; : or the line start)
**   phrase$         only at the end of a clause
** Matching cost is one automaton pass over the text plus work per hit, flat in the lexicon size.
*/
#ifndef SALESIM_LEXICON_H
#define SALESIM_LEXICON_H

#include <stddef.h>
#include "diag.h"

typedef struct lexicon lexicon;

typedef struct lex_phrase {
  int label;            /* label id (lex_label_name) */
  char *text;           /* as written by the trainer */
  char *source;         /* "lexicons/en.yaml:41" */
} lex_phrase;

typedef struct lex_hit {
  int phrase;           /* index for lex_phrase_at */
  int label;
  size_t start, end;    /* byte span in the normalised text (end exclusive) */
  int gapped;           /* 1 for an "A ... B" phrase: its span holds text that is not the phrase */
} lex_hit;

lexicon *lex_new(void);
void lex_free(lexicon *lx);

/* Label ids: lex_label_id interns a name; lex_label_find returns -1 when unknown. */
int lex_label_id(lexicon *lx, const char *name);
int lex_label_find(const lexicon *lx, const char *name);
const char *lex_label_name(const lexicon *lx, int label);
int lex_label_count(const lexicon *lx);
/* Makes label quiet (at most LEX_MAX_QUIET of them, a label once): its phrases hide nothing, so a
** negation inside one stays a negation.  For labels read apart from the rest (the classifier's
** markers read after its model or by the links alone, classify_int.h CLS_MK_QUIET). */
#define LEX_MAX_QUIET 24
void lex_set_quiet(lexicon *lx, int label);

/* Adds a phrase under a label.  Returns its index, or -1 with *why set (static text) when the
** phrase is empty after normalisation or malformed.  Invalidates a built automaton. */
int lex_add(lexicon *lx, const char *label, const char *phrase, const char *source, const char **why);

/* Builds the automaton (done lazily by lex_match when needed, but not thread-safe then). */
void lex_build(lexicon *lx);

/* Every hit of every phrase in the normalised text (a phrase does not overlap itself: leftmost
** first), sorted by start, longer first.  A hit of the
** label "ignore" hides every shorter hit inside its span and is itself dropped; a "negation" hit
** inside a longer hit of another label is dropped ("不要错过" is not a negation).  Returns the
** count; *hits is malloc'd (free it), NULL when none. */
int lex_match(lexicon *lx, const char *norm, size_t len, lex_hit **hits);

/* Byte offsets that count as clause starts for `^` phrases besides the line start and the clause
** marks: the end of a time that opens a clause, so "下周五前我把材料发给您" and "next Tuesday could
** you ..." read their agent and mood as if the time were not there.  Borrowed, not owned. */
typedef struct lex_starts { const size_t *at; int n; } lex_starts;
/* lex_match with more clause starts (NULL: none). */
int lex_match_after(lexicon *lx, const char *norm, size_t len, const lex_starts *more, lex_hit **hits);

/* Switches off every phrase under label that reads as phrase once normalised, built-in or
** added: it matches nothing from then on.  Returns how many were switched off (0 when the label
** has no such phrase: the caller reports it). */
int lex_disable(lexicon *lx, const char *label, const char *phrase);

int lex_phrase_count(const lexicon *lx);
const lex_phrase *lex_phrase_at(const lexicon *lx, int i);
/* The label of phrase i, without making its lex_phrase (lex_phrase_at does, for an image's). */
int lex_phrase_label(const lexicon *lx, int i);
/* Calls fn(ctx, text as written) for each phrase, in id order, whose label l has marked[l] set
** (marked has lex_label_count entries): a pass over the phrases without a call per phrase. */
void lex_each_phrase_of(const lexicon *lx, const unsigned char *marked, void (*fn)(void *ctx, const char *text),
                        void *ctx);

/* Loads a lexicon YAML file (format in docs/classifier.md): sections `moves`, `slots`,
** `markers`, each mapping a label to a list of phrases.  shown is the name used in sources
** ("lexicons/zh.yaml").  known(section, label) says whether a label may appear in a section
** (NULL accepts any).  Problems go into d with file:line:col; returns the number of errors. */
int lex_load_file(lexicon *lx, const char *path, const char *shown,
                  int (*known)(const char *section, const char *label), diag *d);
/* The same from a buffer (tests). */
int lex_load_string(lexicon *lx, const char *shown, const char *buf, size_t len,
                    int (*known)(const char *section, const char *label), diag *d);

/* 1 when the byte at position i of the normalised text ends a clause (, . ? ! ; :). */
int lex_is_clause_punct(unsigned char c);
/* 1 when the byte ends a sentence (. ? ! ;). */
int lex_is_sentence_punct(unsigned char c);
/* 1 when t[i] of t[0..len) ends a clause, or a sentence: the marks above, but not a "." or ","
** or ":" between two digits ("$4,800", "2.8万", "6:01" are one number or time).  What every
** clause reader uses.  Inline: the readers ask it of every byte of a line (a million calls in
** `salesim test --walks 200`), and most bytes are no mark at all. */
static inline int lex_in_number_(const char *t, size_t len, size_t i) {
  return (t[i] == ',' || t[i] == '.' || t[i] == ':') && i > 0 && i + 1 < len && t[i - 1] >= '0' &&
         t[i - 1] <= '9' && t[i + 1] >= '0' && t[i + 1] <= '9';
}
static inline int lex_breaks_clause(const char *t, size_t len, size_t i) {
  if (i >= len) return 0;
  unsigned char c = (unsigned char)t[i];
  return (c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ':') && !lex_in_number_(t, len, i);
}
static inline int lex_breaks_sentence(const char *t, size_t len, size_t i) {
  if (i >= len) return 0;
  unsigned char c = (unsigned char)t[i];
  return (c == '.' || c == '?' || c == '!' || c == ';') && !lex_in_number_(t, len, i);
}

#endif
