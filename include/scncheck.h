/*
** scncheck.h: a scenario ready to play or check.  The loader (scenario.h) decides what the file
** alone can and records the rest (scn_pending); the checks that need the runtime are here,
** above the customer and the scorer, so the includes go one way: every condition compiles as
** Lua in a throwaway sandbox (cust_check_expr) and uses only names it can see, and every rule
** id is one of the scorer's.  Every command and tool loads through scc_load, and gets the
** messages of the one-pass loader this replaced, in the same order.
*/
#ifndef SALESIM_SCNCHECK_H
#define SALESIM_SCNCHECK_H

#include <stddef.h>
#include "diag.h"
#include "scenario.h"

/* Runs the runtime's checks on what scn_read left pending for s.  read_base is d->n before
** that read: each message goes where the read recorded it, among the read's own; the read's
** messages about an unknown rule's points are dropped.  Returns the change in d->errors. */
int scc_check(const scenario *s, const scn_pending *p, diag *d, int read_base);

/* scn_read_file, then scc_check.  Returns the scenario (the caller frees it with scn_free), or
** NULL when there was any error (d says why). */
scenario *scc_load(const char *path, diag *d);
/* The same from YAML text in memory; name is the file it stands for (positions, folder). */
scenario *scc_load_string(const char *name, const char *buf, size_t len, diag *d);

#endif
