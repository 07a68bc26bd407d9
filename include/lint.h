/*
** lint.h: `salesim check` warnings about how a scenario will be read (docs/scenario-format.md,
** "What check warns about"): a keyword that is also a built-in loss, leave, payment or ask
** phrase (the line would be read as that move too), two needs or an objection and a rung that
** share a keyword (a line naming it links both), a benefit that answers two needs.
*/
#ifndef SALESIM_LINT_H
#define SALESIM_LINT_H

#include "diag.h"
#include "scenario.h"

/* Adds each finding to d as a warning at the item's position; also builds the scenario's
** classifier, so a lexicon problem (an unknown name, a phrase `switch_off:` names that the built-in
** lexicon lacks) is an error here as in play.  Returns the number of warnings added. */
int lint_scenario(const scenario *s, diag *d);

#endif
