/*
** testplan.h: runs the playthrough tests a trainer writes under `tests:` in a scenario.
** Each test plays a fresh session (the test's seed, no transcript saved), feeds its lines, ends
** the visit as an end of input would, scores it and checks every expectation.  A failing test
** says which expectations failed, where the test is written (FILE:LINE:COL) and the turn where
** the playthrough went another way than the trainer expected.
*/
#ifndef SALESIM_TESTPLAN_H
#define SALESIM_TESTPLAN_H

#include <stdio.h>
#include "scenario.h"
#include "util.h"

struct cls_classifier;
struct cov_set;
typedef struct tp_options {
  int verbose;             /* 1: show every turn of every test (failing or passing) with the
                           ** customer's replies */
  struct cov_set *coverage;          /* NULL, or where each test adds what it reached */
  struct cls_classifier *classifier; /* shared by the tests of one scenario; NULL = each test
                                    ** builds its own (tp_run_scenario builds one) */
  struct cust_host *customer;        /* likewise, started over for each test (cust_reset) */
  struct cls_cache *reader;          /* NULL, or readings kept by line for classifier (borrowed;
                                    ** classify_cache.h); tp_run_scenario makes one when NULL */
} tp_options;

typedef enum { TP_PASS = 0, TP_FAIL = 1, TP_UNUSABLE = 2 } tp_status;

/* Runs test t of sc.  Appends the failure details (indented lines, no verdict line) to report
** when the test fails or cannot run.  Returns the status. */
tp_status tp_run_test(const scenario *sc, const scn_test *t, const tp_options *o, strbuf *report);

typedef struct tp_counts { int passed, failed, unusable; } tp_counts;

/* Runs every test of sc, printing "ok   ID: NAME" or "FAIL ID: NAME" and its details to out,
** and adds to *c. */
void tp_run_scenario(const scenario *sc, const tp_options *o, FILE *out, tp_counts *c);

/* The text a band reads as in a report: ">= 80", "<= 40", "40..70", "= 100". */
void tp_band_text(const scn_band *b, char *buf, size_t n);
/* 1 when v lies in the band (inclusive, with a small tolerance for rounding). */
int tp_band_holds(const scn_band *b, double v);

#endif
