/*
** coverage.h: what a scenario's tests and random walks reached (`salesim test --coverage`).
** Reached: a need a line linked or the customer voiced or confirmed; a benefit a line stated;
** an objection the customer raised or a line addressed; a rung a line asked for or the customer
** gave or refused; a reaction that fired; a `lines:` key the customer said.  What nothing
** reached is what no test exercises: a place where the scenario may be wrong unnoticed.
*/
#ifndef SALESIM_COVERAGE_H
#define SALESIM_COVERAGE_H

#include <stdio.h>

#include "scenario.h"
#include "session.h"

typedef struct cov_set cov_set;

/* An empty record for sc (not owned; it must outlive the record). */
cov_set *cov_new(const scenario *sc);
void cov_free(cov_set *c);

/* Adds what a finished session reached (its opening, turns, closing and reactions). */
void cov_session(cov_set *c, const session *s);

/* 1 when a recorded session's customer said lines key i (an index of sc->lines), else 0. */
int cov_line_said(const cov_set *c, int i);

/* Prints, per kind, the ids nothing reached ("coverage ID: all reached" when none), one line
** per kind; returns how many items were not reached. */
int cov_print(const cov_set *c, FILE *out);

#endif
