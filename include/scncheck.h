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
/* scc_load for a caller that builds the scenario's customer at once (`salesim play`): the
** plain conditions the customer compiles (sbx_expr_plain) are not compiled alone here, since
** the customer's chunk of conditions compiles each of them as the check would.  The caller
** then builds the customer and passes whether it compiled every condition to scc_confirm, before
** it shows or does anything else.  With any error in the file this is scc_load: every check
** runs and NULL is returned (def is left inactive). */
typedef struct scc_deferred {
  int active;              /* scc_confirm has work to do */
  int base;                /* d->n before the read */
  diag read;               /* d as the read left it */
  scn_pending pending;
} scc_deferred;
scenario *scc_load_deferred(const char *path, diag *d, scc_deferred *def);
/* compiled: the customer compiled every condition (cust_conds_compiled).  Returns s, or when it
** did not, the scenario (freed and NULL after any error) and d of scc_load: the checks run again
** from the read with every condition compiled alone. */
scenario *scc_confirm(scenario *s, scc_deferred *def, int compiled, diag *d);
/* The same from YAML text in memory; name is the file it stands for (positions, folder). */
scenario *scc_load_string(const char *name, const char *buf, size_t len, diag *d);

#endif
