/*
** scenario_int.h: shared by the scenario loader's files (scenario.c, scenario_keys.c,
** scenario_validate.c); not a public interface.  A load context collects every problem as a
** positioned diagnostic and keeps going, so the trainer sees all of them at once.
*/
#ifndef SALESIM_SCENARIO_INT_H
#define SALESIM_SCENARIO_INT_H

#include "scenario.h"
#include "ynode.h"

typedef struct sx_ctx {
  diag *d;
  const char *file;
  scenario *s;
  int errors;
  scn_pending *pending;    /* what the runtime checks (scncheck.c); NULL outside a read */
  int diag_base;           /* d->n when the read began: pending items' diag_at count from it */
} sx_ctx;

/* An error at a node's position (1:1 when the node is NULL), counted: the message `key` of the
** catalogues (`check.*`, docs/i18n.md) in the commands' language, with name, value pairs ended
** by NULL, as for msg_get. */
void sx_err(sx_ctx *c, const yn_node *at, const char *key, ...) __attribute__((sentinel));
/* sx_err at an explicit 1-based line and column. */
void sx_err_pos(sx_ctx *c, int line, int col, const char *key, ...) __attribute__((sentinel));
/* The catalogue's text of a message without arguments (a word handed to another message as an
** argument: "each need", "a list"), in the commands' language; valid for the program's life. */
const char *sx_word(const char *key);
/* The catalogue's word for a kind of item: check.kind.KIND ("need"), or its plural
** check.kinds.KIND ("needs") when plural is 1. */
const char *sx_kind(const char *kind, int plural);
/* Reports "duplicate KIND id 'ID' (first at line N)" at `at`. */
void sx_dup_id(sx_ctx *c, const yn_node *at, const char *kind, const char *id, int first_line);
/* A number as a message argument: "%d" / "%g" into buf (SX_NUM bytes); returns buf. */
#define SX_NUM 32
const char *sx_d(char *buf, long v);
const char *sx_g(char *buf, double v);

/* Reports unknown keys (with a did-you-mean) and missing required keys of one mapping, against
** the key table of section ("", "customer", "needs[]", "tests[].expect", ...). */
void sx_check_keys(sx_ctx *c, const yn_node *map, const char *section);
/* The closest of cands to word by edit distance, or NULL when none is close enough. */
const char *sx_suggest(const char *word, const char *const *cands, int n);

/* Typed reads: each reports a wrong type at the node and returns -1; a NULL node (absent key)
** returns 1 and leaves *out alone; success returns 0.  `what` names the key in messages. */
int sx_expect(sx_ctx *c, const yn_node *n, yn_kind kind, const char *what);
/* 1 when sx_text takes n without a message (its `what` is then never read). */
int sx_is_text(const yn_node *n);
int sx_text(sx_ctx *c, const yn_node *n, const char *what, char **out);
/* sx_text for prose a terminal wraps (brief, goal): a literal block's lines are joined
** (txt_join_lines) so it reflows to any width as a folded one does. */
int sx_prose(sx_ctx *c, const yn_node *n, const char *what, char **out);
int sx_int(sx_ctx *c, const yn_node *n, const char *what, long lo, long hi, long *out);
int sx_num(sx_ctx *c, const yn_node *n, const char *what, double lo, double hi, double *out);
int sx_bool(sx_ctx *c, const yn_node *n, const char *what, int *out);
/* A list of text, or (when one_ok) a single text taken as a one-item list.  An empty list is
** an error unless empty_ok. */
int sx_strs(sx_ctx *c, const yn_node *n, const char *what, int one_ok, int empty_ok, scn_strs *out);
/* The id of a list item ([a-z0-9_-]); NULL after an error.  kind names the section's item, as
** the suffix of its catalogue word check.kind.KIND ("need", "benefit", ...). */
char *sx_item_id(sx_ctx *c, const yn_node *item, const char *kind);
/* A node's position as the model keeps it. */
static inline scn_pos sx_pos(const yn_node *n) { scn_pos p = { n->line, n->col }; return p; }
/* 1 when s is non-empty and every byte is in [a-z0-9] or one of extra. */
int sx_is_ident(const char *s, const char *extra);

/* Sections with references between them (scenario_validate.c). */
void sx_benefits(sx_ctx *c, const yn_node *n);
void sx_commitments(sx_ctx *c, const yn_node *n);
void sx_reactions(sx_ctx *c, const yn_node *n);
void sx_hints(sx_ctx *c, const yn_node *n);
void sx_visits(sx_ctx *c, const yn_node *n);
/* A hidden need with no revealed_by: and no reaction that reveals it can never come out. */
void sx_hidden_needs(sx_ctx *c, const yn_node *needs);
void sx_scoring(sx_ctx *c, const yn_node *n);
/* visit_kind: (top level or in a visit): *out gets the scn_visit_kind and *pos its place;
** both unchanged when absent. */
void sx_visit_kind(sx_ctx *c, const yn_node *n, int *out, scn_pos *pos);
void sx_lexicon(sx_ctx *c, const yn_node *n);
void sx_tests(sx_ctx *c, const yn_node *n);
/* Reads `name: number|bool` pairs into state variables (state: and visits[].state:);
** when base is given, every name must exist there with the same type. */
void sx_state_map(sx_ctx *c, const yn_node *n, const char *what, const scenario *base,
                  scn_state_var **out, int *nout);
/* The allowed range of a known state variable (1), or -1e9..1e9 for others (0). */
int sx_state_range(const char *name, double *lo, double *hi);
/* Reports a reference to an id that is not defined, with a did-you-mean over the defined ones.
** kind is the suffix of the catalogue words check.kind.KIND and check.kinds.KIND (its plural). */
void sx_unknown_ref(sx_ctx *c, const yn_node *at, const char *kind, const char *id,
                    const char *const *ids, int n);

void sx_strs_free(scn_strs *v);

/* Calls cb for every identifier of Lua code outside strings, comments and numbers (line is
** 1-based within code); fields (t.name) only when fields is 1, methods (t:name) never. */
void sx_lua_idents(const char *code, int fields,
                   void (*cb)(void *ud, const char *id, size_t len, int line), void *ud);

/* The classifier's move names (classify.h's CLS_MOVES), which Lua conditions see as booleans. */
extern const char *const sx_move_names[];
extern const int sx_n_move_names;

#endif
