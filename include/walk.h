/*
** walk.h: random walks through a scenario, to find what no written test reaches.
** A walk is a session fed lines built from the language lexicon and the scenario's own
** vocabulary (need, benefit, commitment and objection keywords, the words a reaction's
** condition looks for with mentions(), time and person phrases), half the time in the order
** the sales model teaches, half at random.  Across all walks it notes
** Lua errors, dead ends (a line read as a move that drew no visible reaction) and the lines
** keys, needs, commitments and objections that no walk reached, as positioned warnings.
*/
#ifndef SALESIM_WALK_H
#define SALESIM_WALK_H

#include <stdint.h>
#include "diag.h"
#include "scenario.h"

typedef struct walk_options {
  int walks;               /* sessions to play */
  uint64_t seed;           /* the same seed plays the same walks */
  int max_turns;           /* per walk; 0 = default (24 per visit) */
  struct cov_set *coverage;/* NULL, or where each walk adds what it reached (coverage.h) */
  struct cls_classifier *classifier;   /* NULL, or the scenario's classifier to read with (kept:
                                       ** the caller frees it); NULL: walk_scenario builds one */
  struct cls_cache *reader;/* NULL, or readings kept by line for classifier (borrowed: the written
                           ** tests' too); NULL: walk_scenario keeps its own (classify_cache.h) */
  int check_reader;        /* 1 (with no reader given): each line read again beside its kept
                           ** reading, the differences counted in read_differed; for tests */
} walk_options;

typedef struct walk_stats {
  int sessions, turns;
  int lua_errors, dead_ends, unreached;   /* warnings added, by kind */
  long reads, read_hits;   /* lines the walks read, and of them answered from readings kept */
  long read_differed;      /* with check_reader: kept readings unlike the line read again */
} walk_stats;

/* Plays o->walks random sessions of sc and adds a warning to d for each problem found
** (FILE:LINE:COL: warning: ...).  Returns 0, or -1 after adding an error to d when no session
** could start. */
int walk_scenario(const scenario *sc, const walk_options *o, diag *d, walk_stats *st);

/* The random line generator on its own (for tests): builds line number k of a walk from the
** scenario's vocabulary; returns a malloc'd line. */
typedef struct walk_vocab walk_vocab;
walk_vocab *walk_vocab_new(const scenario *sc);
void walk_vocab_free(walk_vocab *v);
int walk_vocab_size(const walk_vocab *v);
char *walk_line(const walk_vocab *v, uint64_t *rng, int step);
/* The same, leaning towards the needs the customer has voiced (bit per need index) and the
** benefits that answer them, as a trainee who listened would. */
char *walk_line_for(const walk_vocab *v, uint64_t *rng, int step, uint64_t voiced);

#endif
