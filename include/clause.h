/*
** clause.h: clause-level reading of one line (docs/classifier.md, "Clauses").
**
** A line is split at , . ? ! ; : into clauses, and each is read for its agent (who would act:
** the seller, "I'll send it"; the customer, "could you send it", "您发我一下", or an imperative),
** its mood (a request or proposal, a question about facts, a confirmation of what the customer
** said, or a statement) and its addressee (a name or title it opens with: "Grace, ...",
** "王处长,...").  The words that mark them are lexicon markers (`seller`, `customer`,
** `request`, `question`, `confirm`), so a trainer extends them like any phrase.
*/
#ifndef SALESIM_CLAUSE_H
#define SALESIM_CLAUSE_H

#include <stddef.h>

#include "classify.h"

#define CL_MAX_CLAUSES 32   /* clauses read per line; the rest join the last one */

typedef enum { CL_AGENT_NONE, CL_AGENT_SELLER, CL_AGENT_CUSTOMER } cl_agent;
typedef enum { CL_MOOD_STATEMENT, CL_MOOD_QUESTION, CL_MOOD_REQUEST, CL_MOOD_CONFIRM } cl_mood;

typedef struct cl_clause {
  size_t start, end;        /* byte span in the normalised text, punctuation included */
  cl_agent agent;
  cl_mood mood;
  int addressed;            /* 1 when the clause is only a name or title ("Grace,") */
} cl_clause;

/* The clauses of a reading as cl_read last read them, while the reader builds the reading
** (cls_result.clauses): some forty rules ask for them, and a reading only grows, so most asks
** are answered from here.  cl_read keeps it; a rule that moves a match's span, or renames it
** to a label the clauses read (a mark, "person", "greet"), calls cl_forget. */
typedef struct cl_memo {
  const char *norm;         /* the text they were read from; NULL: nothing kept */
  int n_matches;            /* the reading's matches seen (later ones checked at the next ask) */
  int n;
  cl_clause c[CL_MAX_CLAUSES];
} cl_memo;

/* Reads the clauses of a reading's normalised text, using its lexicon matches (markers and
** the person slot).  Fills out[0..CL_MAX_CLAUSES) and returns the count (>= 1 unless the text
** is empty).  With r->clauses set, answers from that memo when no match added since could
** change them, and keeps what it read there. */
int cl_read(const cls_result *r, cl_clause *out);
/* Drops r's kept clauses (a match of r changed in place); nothing when r keeps none. */
void cl_forget(const cls_result *r);

/* Index of the clause of c[0..n) (n >= 1, as cl_read made them: they cover the text end to end)
** holding byte `at`; the last one for a byte past the text. */
int cl_at(const cl_clause *c, int n, size_t at);

/* 1 when a lexicon phrase of label lies wholly inside clause c of r (its rule notes excepted). */
int cl_has_label(const cls_result *r, const cl_clause *c, const char *label);
/* The mark clause c of r ends in, spaces after it skipped (',' ':' '.' '?' ...), or 0 when it is
** empty. */
char cl_end_mark(const cls_result *r, const cl_clause *c);

const char *cl_agent_name(cl_agent a);   /* "none" "seller" "customer" */
const char *cl_mood_name(cl_mood m);     /* "statement" "question" "request" "confirm" */

#endif
