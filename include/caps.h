/*
** caps.h: the limits of a scenario, named once.  The session and the scorer keep needs,
** commitments (the ladder's rungs) and objections in 64-bit masks and fixed arrays, so a
** scenario with more is refused when it is loaded ("too many needs: 65 (limit is 64)") rather
** than having the extra ones ignored without a word.  docs/scenario.schema.json says the same
** (maxItems).
*/
#ifndef SALESIM_CAPS_H
#define SALESIM_CAPS_H

#define CAP_NEEDS 64         /* a bit each in the session's revealed/confirmed masks */
#define CAP_COMMITMENTS 64   /* a bit each in the ladder's realistic mask */
#define CAP_OBJECTIONS 64    /* an entry each in /notes' fixed arrays */

#endif
