/*
** lexicon_int.h: the tables behind a lexicon, shared by lexicon.c, the generator that writes the
** built-in images (engine/gen/salesim_gen.c) and the images it writes (build/gen/builtin_data.c);
** not a public interface.
**
** A lexicon matches with up to two automata: a built-in image, compiled from the shipped
** lexicon file at build time and used in place from read-only memory, and the automaton built at
** run time from whatever was added with lex_add (the scenario's own phrases and keywords, or the
** whole lexicon when no image matches the file).  Phrase ids run through the image first.
*/
#ifndef SALESIM_LEXICON_INT_H
#define SALESIM_LEXICON_INT_H

#include "lexicon.h"

enum { LEX_ANCHOR_START = 1, LEX_ANCHOR_END = 2 };

/* What matching needs of a phrase; its text and source are kept apart (lex_phrase_at). */
typedef struct lex_phrase_int {
  int label;
  int first_part, n_parts;
  unsigned anchors;
} lex_phrase_int;

typedef struct lex_part {
  int phrase, index;                     /* phrase: index within its own table */
  size_t len;
  unsigned char word_left, word_right;   /* ends that must sit on a word boundary */
  unsigned char stem;                    /* "word*": the hit runs on to the end of the word */
} lex_part;

typedef struct lex_node {
  int first_child, sibling;   /* build-time trie */
  unsigned char byte;         /* byte on the edge into this node */
  int fail, dict, out;        /* failure link, next node with output, first output (-1 none) */
  int edge_start, n_edges;    /* into edge_byte / edge_to after build */
} lex_node;

typedef struct lex_out { int part, next; } lex_out;

/* What matching reads of a node, 16 bytes (lex_node, 32, keeps the build's fields beside
** these): a walk touches one step per byte of the line, and the automaton of the English
** lexicon (14,000 nodes) did not stay in the cache as lex_nodes with their edges apart (`perf`:
** a third of lex_match's time was the load of the node just reached).  A node with one edge,
** most of them, holds it here; the root's edges are root_next. */
typedef struct lex_step {
  int fail;                  /* failure link */
  int hit;                   /* the first node with output from here (itself or its dict), -1 none */
  int to;                    /* one edge: the node it leads to; several: their start in edge_* */
  unsigned short n_edges;
  unsigned char byte;        /* one edge: its byte */
  unsigned char unused;
} lex_step;

/* One built automaton and the phrases it finds, read-only.  An image keeps each phrase's text
** and source as offsets into one string pool rather than as pointers: pointers in a
** position-independent program are relocated at every start, page by page. */
typedef struct lex_table {
  const char *const *labels; int n_labels;   /* label names; ids in phrases index them */
  const lex_phrase_int *phrases; int n_phrases;
  const char *strings;                       /* image only: the pool ... */
  const int *text_at, *source_at;            /* ... and each phrase's text and source in it, */
  const int *norm_at;                        /* ... and its text as txt_normalize makes it (the
                                             ** text's own offset when that changes nothing):
                                             ** lex_disable compares normal forms */
  const lex_part *parts; int n_parts;
  const lex_node *nodes; int n_nodes;
  const lex_out *outs; int n_outs;
  const unsigned char *edge_byte; const int *edge_to;   /* n_nodes - 1 edges */
  const int *root_next;                                  /* 256 entries, -1 for none */
  const lex_step *steps;                                 /* n_nodes, what matching reads */
} lex_table;

/* A lexicon that starts from a built-in image: its labels, phrases and automaton come first
** and are never copied; lex_add builds a second automaton for what is added. */
lexicon *lex_new_from(const lex_table *image);
/* The run-time table of a lexicon, built first if need be (what the generator writes out). */
const lex_table *lex_own_table(lexicon *lx);
/* Takes t, the built table of phrases added to an empty lexicon (a shipped scenario's, made at
** build time: builtin.h, bi_phrases), as what was added to lx, which has nothing added yet: its
** labels interned by name in t's order (so their ids are those lex_add would give), its
** automaton used in place, each source ":LINE" read as source_file + ":LINE".  Nothing may be
** added after.  0, or -1 (lx unchanged) when lx already has phrases of its own. */
int lex_take_added(lexicon *lx, const lex_table *t, const char *source_file);

#endif
