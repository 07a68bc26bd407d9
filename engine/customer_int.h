/*
** customer_int.h: what the customer host's files share (customer.c: state, events, lines;
** customer_setup.c: the sandbox; customer_turn.c: the turn driver; customer_act.c: the acts;
** customer_cond.c: conditions from outside; customer_api.c: the Lua API; customer_react.c:
** declarative reactions; customer_talk.c: listening; customer_people.c: each person's own
** state at a table of several).  Not a public interface.
**
** All of the customer's state lives here in C (numbers, flags, the outcome), never only in
** Lua: the session can read it at any time without entering the state, and a script error
** can be rolled back by restoring a snapshot.
*/
#ifndef SALESIM_CUSTOMER_INT_H
#define SALESIM_CUSTOMER_INT_H

#include <lua.h>
#include "customer.h"
#include "sandbox.h"

/* Per-entity flags, one byte each, kept in one array so a snapshot is one memcpy. */
/* CF_DONE: a commitment given on an earlier visit of the campaign (CF_GIVEN is this visit's).
** CF_ANSWERED: a need a benefit the trainee stated answered before she voiced it. */
enum { CF_REVEALED, CF_CONFIRMED, CF_GIVEN, CF_REFUSED, CF_RAISED, CF_FIRED, CF_DONE, CF_EASED, CF_ANSWERED, CF_KINDS };

struct cust_host {
  const scenario *sc;
  int conds_ok;                /* every reaction's and commitment's condition compiled */
  sbx *sbx;
  uint64_t rng;
  const char *lang;            /* "zh" or "en": the scenario's language */
  char *script_name;           /* basename of the behaviour script, or NULL */
  char *scn_name;              /* basename of the scenario file (condition chunk names) */

  unsigned char *ever_fired;   /* per reaction: fired in any visit (`salesim test --coverage`) */
  int n_state;                 /* the five known variables first, then the scenario's own */
  char **names;
  double *val;
  unsigned char *is_bool;

  int off[CF_KINDS];           /* offsets of each kind in flags */
  int n_flags;
  unsigned char *flags;

  int visit;                   /* 0-based */
  int turn_no;                 /* turns in this visit */
  cust_outcome outcome;
  int pending_start;           /* next_visit() was called: run on_start after the hook */
  int in_start;                /* running the opening of a visit */

  int env_default, env_script, env_cond;   /* registry refs (LUA_NOREF when absent) */
  int lines_image;             /* default.lua runs from the build's bytecode, which has no LINES:
                               ** its built-in lines are builtin.h's bi_lines */
  int *when_ref;               /* compiled reaction conditions, per reaction */
  int *real_ref;               /* compiled realistic_when, per commitment */
  int script_off;              /* the script was switched off (memory error) */

  /* names resolved once (cust_init), so a turn does no linear string scans */
  struct cust_name *state_ix;  /* state names, sorted */
  struct cust_name *line_ix;   /* the scenario's line keys, sorted (first of equal keys first) */
  uint64_t **line_hash;        /* per scenario line: its variants' cust_text_hash, made when the
                               ** line is first wanted (cust_line_at), else NULL */
  int n_line_ix;
  unsigned char *clamp;        /* per state variable: 0 none, 1 to 0..10, 2 to >= 0 */
  struct cust_rx *rx;          /* per reaction: its names as indexes */
  struct cust_name *id_ix[4];  /* need, benefit, commitment, objection ids, sorted (CUST_K_*) */
  int n_id_ix[4];
  unsigned char *offered;      /* [visit * n_commitments + c]: c is on offer in that visit */
  const char **lua_id[4];      /* per kind and entity: its id as a string of the Lua state ... */
  const char **lua_state;      /* ... and per state variable its name (cust_anchor_names) */
  int patience;                /* index of patience */
  int trust;                   /* index of trust */

  /* reuse (cust_reset): what a new host would start from */
  cust_limits lim;
  double *val0;                /* the state before any Lua ran */
  int script_chunk;            /* the script's compiled chunk, run again in a new environment */
  int mark_cond, mark_helpers; /* sbx_mark of the environments kept (the default behaviour's is
                               ** trusted, see reusable(); test_customer marks it itself) */
  int conds_read_only;         /* every condition is cust_cond_reads_only: the marks need no
                               ** comparing (reusable()) */
  sbx_status last_status;      /* of the last hook call */
  int kept_ref;                /* the default behaviour's turn and ctx tables, refilled for each
                               ** of its hooks (customer_turn.c), or LUA_NOREF before the first */
  int kept_busy;               /* a default hook runs with them: a nested one gets fresh ones */
  int data_ref;                /* the strings of the customer table's data, as push_data sets them
                               ** (customer_api.c), or LUA_NOREF before the first */
  struct cust_kept_was {       /* what the kept tables were last filled with (push_turn_kept),
                               ** so a field that has not changed is not set again; valid is 0
                               ** before the first fill and while one runs */
    int valid, ctx_valid;
    int specific, vague, question, negated, tactic, commitment;
    unsigned addressed;
    int n[3];                  /* needs, benefits, objections (-1: more than ids holds) */
    int ids[3][8];
    lua_Integer visit, visits, turn_no;
    const char *lang;          /* ctx.lang (h->lang: a literal, "en" or "zh") */
    int reason_set, outcome;   /* ctx.reason was a string; ctx.outcome's cust_outcome */
  } kept_was;

  /* listening (customer_talk.c) */
  char *people[8];             /* several people at one table (CUST_MAX_PEOPLE, checked in
                               ** customer_talk.c), else none */
  int n_people;
  unsigned addressed;          /* this turn: bit per person the trainee's line names */
  unsigned prefer;             /* this turn: whose variants are picked first */
  uint64_t *said;              /* hashes of the lines said this session */
  int n_said, cap_said;
  int warned;                  /* patience_low said in this visit */
  int said_at_turn;            /* events in out when the turn began (customer.spoken()) */
  const char *end_why;         /* cust_end_for / cust_announce: the reason or key, for the call */

  /* each person's own state (customer_people.c): a copy of every state variable per person,
  ** [p * n_state + i]; NULL with one customer */
  double *pval;
  double *pval0;               /* what a reset starts from (as val0) */
  unsigned warned_people;      /* bit per person: patience_low said for them in this visit */

  cust_events *out;            /* where events go during a call */
  const cls_result *turn;      /* the turn being answered, or NULL */
  /* mentions(): the bytes the turn's line holds, a bit per byte value, and its pairs of
  ** adjacent bytes, a bit per hash (customer_api.c's scan_text), read at the first call of a
  ** turn (line_at: the text they are of; NULL: not read yet this turn) */
  const char *line_at;
  uint32_t line_in[8];
  uint64_t line_pairs[64];
  const void *words_meta;      /* the metatable of customer.words lists, once one is made */
};

/* A name and its index, for binary search. */
typedef struct cust_name { const char *name; int i; } cust_name;

/* A reaction's names resolved at load: -1 where it names nothing (or nothing that exists). */
typedef struct cust_rx {
  int say_line;                /* say_key: index in sc->lines, -1 for the built-in lines */
  int reveal, objection, ease, commitment;
  int *change_var;             /* per change: state index */
  uint64_t gate;               /* cust_cond_move_gate of its `when:`: with none of these moves
                               ** in the line it is false, and is not run (0: always run) */
  int gate_visit, gate_question, gate_flag;   /* cust_cond_fact_gate's: false in another visit
                               ** (0: any), for a line that is no question (0: any) or while the
                               ** boolean state variable gate_flag - 1 is false (0: none), not run */
} cust_rx;

/* customer.c: events, state, flags, lines */
cust_event *cust_ev_push(cust_host *h, cust_event_kind k);
void cust_ev_error(cust_host *h, const char *msg);
/* Drops events past n (a rolled-back script's), freeing their strings. */
void cust_events_truncate(cust_events *e, int n);
/* qsort/bsearch order of cust_name by name (strcmp), for the indexes cust_init builds. */
int cust_name_cmp(const void *a, const void *b);
int cust_state_index(const cust_host *h, const char *name);
/* The index of the entity of kind (CUST_K_*) with id, or -1: a binary search. */
int cust_id_index(const cust_host *h, int kind, const char *id);
/* The same for a string of the Lua state (lua_tostring), and cust_state_index's: the strings
** cust_anchor_names kept are found by their address. */
int cust_id_index_lua(const cust_host *h, int kind, const char *id);
int cust_state_index_lua(const cust_host *h, const char *name);
/* The scenario's line for key by index (-1 = none: the built-in lines); see cust_line. */
const char *cust_line_at(lua_State *L, cust_host *h, int line, const char *key);
int cust_line_index(const cust_host *h, const char *key);
/* Sets the table's variable i (clamped) and records the change; with several people at the
** table, the people cust_people_target names move along (customer_people.c). */
void cust_state_set(cust_host *h, int i, double v);
/* The same moving the people in mask. */
void cust_state_set_mask(cust_host *h, int i, double v, unsigned mask);
/* v clamped as variable i is (a flag to 0/1, trust and interest to 0..10, patience to >= 0). */
double cust_state_clamp(const cust_host *h, int i, double v);
int cust_flag(const cust_host *h, int kind, int i);
void cust_set_flag(cust_host *h, int kind, int i, int v);
uint64_t cust_rand(cust_host *h);
int cust_offered(const cust_host *h, int c);
/* Says the line for key: scenario lines, then the default behaviour's LINES for the
** language, then English; returns 0 when there is none.  Runs in a protected context. */
int cust_say_key(lua_State *L, cust_host *h, const char *key);
void cust_say_text(cust_host *h, const char *text, const char *key);
/* Picks one of n variants with the seeded RNG. */
const char *cust_pick(cust_host *h, const scn_strs *v);
/* A line for key (scenario, then built-in), or NULL; the pointer stays valid for the call. */
const char *cust_line(lua_State *L, cust_host *h, const char *key);

/* customer_act.c: what the customer does */
int cust_reveal(cust_host *h, int need, int quiet);
int cust_confirm(cust_host *h, int need);
int cust_give(lua_State *L, cust_host *h, int c, int quiet);
int cust_recall(lua_State *L, cust_host *h, int c);
int cust_refuse(lua_State *L, cust_host *h, int c, const char *reason, int quiet);
int cust_raise(lua_State *L, cust_host *h, int obj, int quiet);
/* Settles the visit's outcome once and says why (goodbye, commitment, patience, ...); 0 when
** it was already settled. */
int cust_end_visit_why(cust_host *h, cust_outcome o, const char *why);
int cust_next_visit(cust_host *h);
/* Applies visit v's state overrides (scenario visits[v].state) to the state. */
void cust_apply_visit_state(cust_host *h, int v);
/* Evaluates realistic_when of commitment c inside a running call (errors propagate). */
int cust_is_realistic(lua_State *L, cust_host *h, int c);

/* customer_turn.c: the tables a hook receives (the driver itself is customer.h's cust_turn) */
void cust_push_turn(lua_State *L, cust_host *h);
void cust_push_ctx(lua_State *L, cust_host *h, const char *reason);

/* customer_talk.c */
#define CUST_MAX_PEOPLE 8
void cust_people_init(cust_host *h);
void cust_people_free(cust_host *h);
/* The person whose line this is ("Grace: ..."), or -1. */
int cust_speaker_of(const cust_host *h, const char *text);
/* Bit per person the line addresses by name; all of them for "both of you". */
unsigned cust_addressed(const cust_host *h, const cls_result *t);
int cust_was_said(const cust_host *h, const char *text);
void cust_note_said(cust_host *h, const char *text);
/* Picks a variant: unsaid and by a preferred speaker, then unsaid, then any (one draw). */
const char *cust_pick_among(cust_host *h, const char *const *v, int n);
/* The same, with hv[i] == cust_text_hash(v[i]) when hv is not NULL (a scenario line's, kept). */
const char *cust_pick_among_hashed(cust_host *h, const char *const *v, const uint64_t *hv, int n);
/* The hash by which said lines are compared, and whether a line of that hash was said. */
uint64_t cust_text_hash(const char *s);
int cust_hash_said(const cust_host *h, uint64_t x);
/* The text with {time} {person} {place} {action} filled from the turn (malloc'd). */
char *cust_fill(const cust_host *h, const char *text);
/* A need's `said` without its opening sentence when the trainee's line being answered has told
** that much already (English): a new string, or NULL to say it whole (customer_talk.c). */
char *cust_untold(const cust_host *h, const char *said);
/* customer_people.c: each person's own state (several people at one table) */
/* Makes each person's copy of the state from the table's (after cust_people_init). */
void cust_people_state_init(cust_host *h);
/* Keeps the current copies as what cust_people_state_reset starts from. */
void cust_people_state_mark(cust_host *h);
void cust_people_state_reset(cust_host *h);
void cust_people_state_free(cust_host *h);
/* The people a change of the table's state moves now: those the behaviour chose
** (customer.speaker) or the line addresses, else everyone; 0 with one customer. */
unsigned cust_people_target(const cust_host *h);
/* Every person (a mask), 0 with one customer. */
unsigned cust_people_all(const cust_host *h);
/* Moves the people in mask along with the table's variable i going from before to req
** (before clamping): a number by the same step, a flag to the same value. */
void cust_people_follow(cust_host *h, int i, double before, double req, unsigned mask);
/* Sets variable i of every person to v (a new visit's patience and overrides). */
void cust_people_set_all(cust_host *h, int i, double v);
/* Person p's variable i, and setting it (clamped like the table's). */
double *cust_person_val(cust_host *h, int p, int i);
void cust_person_set(cust_host *h, int p, int i, double v);
/* The index of the person called name (case-folded), or -1. */
int cust_person_index(const cust_host *h, const char *name);
/* The first person whose patience ran out, or -1. */
int cust_people_out_of_patience(const cust_host *h);
/* The first person whose own copy of state variable i is at 0 or below, or -1. */
int cust_people_spent(const cust_host *h, int i);
/* Says patience_low for each person whose patience (or the table's) is two turns from running
** out and who was not warned in this visit, in one line, that person's variant first. */
void cust_people_warn(lua_State *L, cust_host *h);

/* customer_api.c */
/* The customer table for one env; own: the default behaviour's, which nothing else reaches
** (its state(name) proxies are kept and handed out again). */
void cust_push_api(lua_State *L, cust_host *h, int own);
/* Sets what conditions may call (revealed, confirmed, given, refused, raised, offered,
** is_realistic, mentions) into the table on top of the stack. */
void cust_set_cond_helpers(lua_State *L, cust_host *h);
/* Is name[0..n) one of the customer's queries cust_set_cond_helpers gives conditions
** (revealed, mentions, person, ...)?  These change no Lua table. */
int cust_is_cond_query(const char *name, size_t n);
int cust_find_id(lua_State *L, cust_host *h, int arg, int kind);  /* id -> index or error */
/* Keeps every id and state name as a string of the Lua state, for cust_id_index_lua (once per
** host, in a protected call). */
void cust_anchor_names(lua_State *L, cust_host *h);
enum { CUST_K_NEED, CUST_K_BENEFIT, CUST_K_COMMITMENT, CUST_K_OBJECTION };

/* customer_react.c */
void cust_push_cond_env(lua_State *L, cust_host *h);
/* Compiles "return (expr)" against the condition environment at the top of the stack;
** pushes the function or returns -1 with *err. */
int cust_compile_cond(cust_host *h, const char *expr, int line, char **err);
/* The conditions a host of sc compiles: each reaction's when, then each commitment's
** realistic_when (NULL where none), and their YAML lines, in two arrays (the caller frees both);
** returns how many (n_reactions + n_commitments). */
int cust_scenario_conds(const scenario *sc, const char ***exprs, int **lines);
/* The text of the chunk cust_compile_conds compiles for n conditions (malloc'd, *len bytes);
** at[i] gets the place of exprs[i] in the list it returns, 0 for one compiled alone.  The
** generator compiles a shipped scenario's with it (builtin.h, bi_conds). */
char *cust_conds_chunk(int n, const char *const *exprs, const int *lines, int *at, size_t *len);
/* Compiles n conditions (NULL entries skipped) at their YAML lines in one chunk; refs[i] gets
** a registry reference to each function.  -1 (no refs) when one does not compile. */
int cust_compile_conds(cust_host *h, int n, const char *const *exprs, const int *lines, int *refs);
/* Can condition expr (a `when:` or `realistic_when:`, NULL for none) change no table it can reach?
** True when every name it uses is a state variable, a move, a fact or a customer query
** (cust_is_cond_query), or a field read with '.' from what one of them returns, and it holds
** nothing but those, numbers, operators, parentheses, commas, and quoted strings without
** escapes: no library, no function of its own, no table constructor, no method call.  Such a
** condition cannot write to the tables its environment reaches (cust_reset then need not
** compare them with their marks).  False when unsure. */
int cust_cond_reads_only(const cust_host *h, const char *expr);
/* The moves of which condition expr needs one to be true: when its first term, which Lua reads
** first and which then decides an `and` alone, is a move or moves joined by `or` (not shadowed
** by a state variable) and no `or` follows outside parentheses.  With none of them in the line
** the condition is false and does nothing else (no error, no call), so it need not run.  0 when
** the shape is any other (or unsure). */
uint64_t cust_cond_move_gate(const cust_host *h, const char *expr);
/* The same for the facts `visit == N` and `question` and a boolean state variable as its first
** terms joined by `and` (a fact not shadowed by a move or state variable of the name, no `or`
** after them outside parentheses): returns 1 and sets *visit (N, or 0 when not among them),
** *question (1 when among them) and *flag (the variable's index + 1, or 0); in another visit,
** for a line that is no question, or while the variable is false, the condition is false and
** does nothing else.  0 (all three 0) for any other shape, or when unsure. */
int cust_cond_fact_gate(const cust_host *h, const char *expr, int *visit, int *question, int *flag);
void cust_run_reactions(lua_State *L, cust_host *h, int *stop);

#endif
