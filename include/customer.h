/*
** customer.h: the customer, played by a sandboxed Lua 5.4 state (one per session).
** The scenario's declarative reactions, its optional behaviour script and the shipped default
** behaviour (engine/lua/default.lua) all run on this host.  docs/lua-api.md is the script API.
**
** A turn produces events (what the customer said and did); the session records them and the
** scorer reads them.  A Lua error never ends the process: it becomes a CUST_EV_ERROR event with
** "script.lua:LINE: message" and the turn falls back to the default behaviour.
*/
#ifndef SALESIM_CUSTOMER_H
#define SALESIM_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>
#include "scenario.h"
#include "classify.h"

typedef enum {
  CUST_OUTCOME_NONE = -1,
  CUST_OUTCOME_ORDER, CUST_OUTCOME_ADVANCE, CUST_OUTCOME_CONTINUATION, CUST_OUTCOME_NO_SALE
} cust_outcome;
const char *cust_outcome_name(cust_outcome o);     /* "order" "advance" "continuation" "no_sale" */
int cust_outcome_from_name(const char *name);      /* -1 when unknown */

typedef enum {
  CUST_EV_SAY,            /* text: the line; key: lines key or NULL */
  CUST_EV_STATE,          /* name: variable; before, after */
  CUST_EV_REVEAL,         /* index: need revealed (the customer voiced it) */
  CUST_EV_CONFIRM,        /* index: need confirmed by the customer; name: who confirmed it
                          ** when several people sit at the table */
  CUST_EV_GIVE,           /* index: commitment given */
  CUST_EV_REFUSE,         /* index: commitment refused; text: reason */
  CUST_EV_OBJECTION,      /* index: objection raised */
  CUST_EV_END,            /* outcome: the visit ends; text: why (goodbye, commitment, patience,
                          ** trust, reaction, left, time_limit) or NULL */
  CUST_EV_NEXT_VISIT,     /* index: the visit that starts */
  CUST_EV_ERROR,          /* text: "script.lua:12: message\ntraceback" */
  CUST_EV_EASE            /* index: objection a reaction's `ease:` answered (the first time) */
} cust_event_kind;

typedef struct cust_event {
  cust_event_kind kind;
  char *key;              /* owned or NULL */
  char *text;             /* owned or NULL */
  char *name;             /* owned or NULL */
  double before, after;
  int index;
  cust_outcome outcome;
} cust_event;

typedef struct cust_events { cust_event *v; int n, cap; } cust_events;
void cust_events_free(cust_events *e);

typedef struct cust_limits {
  size_t memory;          /* bytes; default 32 MiB */
  long instructions;      /* steps of C work per hook call; default 10,000,000 */
  double seconds;         /* CPU time per hook call (wall clock: 4x); default 0.25 */
  int reused;             /* 1: the host will be started over (cust_reset: walks, test plans),
                          ** so it marks what a start-over must find as made; default 0 (a game
                          ** plays one visit: the marks were 0.15 M instructions of its start) */
} cust_limits;
void cust_limits_default(cust_limits *l);

typedef struct cust_host cust_host;

/* Creates the Lua state, loads the default behaviour and the scenario's script (if any).
** Problems loading the script go into d with positions ("file.lua:LINE: msg"); returns NULL
** only when the host cannot run at all. */
cust_host *cust_new(const scenario *sc, uint64_t seed, const cust_limits *lim, diag *d);
/* 1 when cust_new compiled every reaction's and commitment's condition in h (NULL: 0): alone or
** in the one chunk (scc_load_deferred counts on it for plain conditions). */
int cust_conds_compiled(const cust_host *h);
void cust_free(cust_host *h);

/* Starts the same customer over for another session (random walks play hundreds): afterwards
** it behaves exactly as cust_new(sc, seed, ...) would have made it, and nothing a script or a
** condition did before can be seen.  The compiled code, the conditions and the default
** behaviour's environment are kept; the state, the random generators and what the default
** behaviour remembers are reset; the scenario's script runs again in a new environment.  When
** a kept environment was changed (a condition wrote to a library table), the host is built
** anew instead.  Returns 0, or -1 (problems in d) when it cannot run any more: free it then. */
int cust_reset(cust_host *h, uint64_t seed, diag *d);

/* Runs on_start for the current visit (greeting, initial lines). */
void cust_start(cust_host *h, cust_events *out);
/* Runs one turn: declarative reactions, then the script's on_turn, then the default. */
void cust_turn(cust_host *h, const cls_result *turn, cust_events *out);
/* The trainee left (/quit, EOF, a leave move): on_end decides the outcome if none yet. */
void cust_end(cust_host *h, cust_events *out);
/* The same with the reason on_end sees in ctx.reason ("left", "time_limit"; NULL = "left");
** the END event's text says why the visit ended. */
void cust_end_for(cust_host *h, const char *why, cust_events *out);
/* The customer says the line for key (scenario's, else built-in) between turns: the session's
** announcements, such as the time limit two turns ahead. */
void cust_announce(cust_host *h, const char *key, cust_events *out);

/* Current state, for /notes, /score and the scorer's snapshots. */
int cust_state_count(const cust_host *h);
const char *cust_state_name(const cust_host *h, int i);
double cust_state_get(const cust_host *h, const char *name, int *found);
/* The five variables every customer has, by position: init_state (customer_setup.c) puts them
** first, in this order. */
enum { CUST_KNOWN_INTEREST, CUST_KNOWN_TRUST, CUST_KNOWN_PATIENCE, CUST_KNOWN_VALUE_ACK, CUST_KNOWN_ON_LIST };
/* Known variable k (CUST_KNOWN_*): cust_state_get of its name, without looking the name up (the
** session reads all five for each turn's snapshot). */
double cust_known_state(const cust_host *h, int k);
int cust_need_revealed(const cust_host *h, int need);
int cust_need_confirmed(const cust_host *h, int need);
/* 1 when reaction i fired at least once since the customer was made or reset (cust_reset), in
** any visit. */
int cust_reaction_fired(const cust_host *h, int i);
int cust_visit(const cust_host *h);                /* 0-based current visit */
/* Several people at one table (named in customer.name): the index of the one whose line text
** is ("Grace: ..."), or -1 (one customer, or a line of both). */
int cust_speaker(const cust_host *h, const char *text);
cust_outcome cust_current_outcome(const cust_host *h); /* NONE while the visit goes on */
/* Is state variable i true/false (else a number)? */
int cust_state_is_bool(const cust_host *h, int i);
/* Several people at one table each keep their own state (docs/lua-api.md, "Several people"):
** how many (0 with one customer), person p's name, and p's value of state variable i (the
** order of cust_state_name; booleans as 0/1). */
int cust_people_count(const cust_host *h);
const char *cust_person_name(const cust_host *h, int p);
double cust_person_state(const cust_host *h, int p, int i);

/* Evaluates a sandboxed Lua condition against the current state (used for realistic_when by
** the scorer and by `salesim check`).  Returns 1/0, or -1 with a message in err. */
int cust_eval_condition(cust_host *h, const char *expr, char *err, size_t errlen);
/* Judges the first 64 rungs at once, all their conditions sharing one call's budget (so a
** ladder of slow conditions costs one time cap, not one each): bit c set when rung c is
** realistic.  The first failure is appended to errors (when not NULL) as an error event. */
uint64_t cust_rungs_realistic(cust_host *h, cust_events *errors);

/* Compiles (never runs) a `when:` or `realistic_when:` expression in a throwaway sandbox, for
** `salesim check`.  Returns 0 when it is a valid Lua expression, else -1 with the compiler's
** message (no chunk name or line: the caller adds the YAML position) in err. */
int cust_check_expr(const char *expr, char *err, size_t errlen);

/* Compiles (never runs) a behaviour script in a throwaway sandbox, for `salesim check`.
** Returns 0 when it compiles; else -1 with a positioned error in d ("x.lua:LINE:1: error: ...",
** or the read error at the script path). */
int cust_check_script(const char *path, diag *d);

#endif
