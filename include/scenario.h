/*
** scenario.h: the scenario model a trainer writes in YAML, loaded and validated.
** docs/scenario-format.md describes every key; docs/scenario.schema.json mirrors them.
**
** Ownership: scn_read returns a scenario that owns every string and array inside it;
** scn_free releases it all.  Indexes (need_index, ...) refer into the scenario's own arrays.
*/
#ifndef SALESIM_SCENARIO_H
#define SALESIM_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "diag.h"
#include "util.h"

typedef struct scn_pos { int line, col; } scn_pos;          /* 1-based; 0 = unknown */
/* A list of owned strings.  The loader's lists (sx_strs) are pooled: their strings live in the
** scenario's arena (`strings`), and only the array is the list's own; any other list owns each
** string (malloc'd). */
typedef struct scn_strs { char **v; int n; unsigned char pooled; } scn_strs;

/* Well-known state variables; a scenario may add its own numbers and booleans. */
#define SCN_STATE_INTEREST   "interest"            /* 0..10 */
#define SCN_STATE_TRUST      "trust"               /* 0..10 */
#define SCN_STATE_PATIENCE   "patience"            /* turns left before a continuation */
#define SCN_STATE_VALUE_ACK  "value_acknowledged"  /* bool: the customer accepts the value */
#define SCN_STATE_ON_LIST    "on_purchase_list"    /* bool: the product is on the purchase list */

typedef struct scn_state_var {
  char *name;
  int is_bool;
  double value;            /* booleans as 0/1 */
  scn_pos pos;
} scn_state_var;

typedef struct scn_need {
  char *id;
  char *said;              /* what the customer says when the need comes out */
  scn_strs keywords;       /* how the trainee refers to it */
  scn_strs examples;       /* whole lines a trainee might say for it (linked by meaning: link.h) */
  scn_strs revealed_by;    /* words in a trainee question that bring a hidden need out */
  scn_strs more;           /* what the customer adds when asked about it once voiced, in turn */
  int hidden;
  scn_pos pos;
} scn_need;

typedef struct scn_benefit {
  char *id;
  scn_strs answers;        /* need ids this benefit answers */
  int *need_index;         /* parallel to answers */
  scn_strs keywords;       /* how the trainee states it */
  scn_strs examples;       /* whole lines a trainee might say for it (link.h) */
  scn_pos pos;
} scn_benefit;

typedef enum { SCN_LEVEL_HIGH, SCN_LEVEL_MID, SCN_LEVEL_LOW } scn_level;
/* What giving a commitment means for the visit's outcome. */
typedef enum { SCN_KIND_ADVANCE, SCN_KIND_ORDER, SCN_KIND_PAYMENT, SCN_KIND_REFERRAL } scn_kind;

typedef struct scn_commitment {
  char *id;
  scn_level level;
  scn_kind kind;
  char *action;            /* plain description, shown in /notes and the debrief */
  scn_strs keywords;       /* words by which an ask names this commitment */
  scn_strs examples;       /* whole asks a trainee might make for it (link.h) */
  char *realistic_when;    /* Lua condition over state; NULL = always realistic */
  scn_strs accept;         /* customer lines when giving it (may be empty: default lines) */
  scn_strs refuse;         /* customer lines when refusing it */
  scn_strs done;           /* customer lines when asked about it on a later visit of a campaign */
  char *objection;         /* objection id raised on refusal, or NULL */
  scn_pos pos;
} scn_commitment;

typedef struct scn_objection {
  char *id;
  char *said;              /* the customer's reason, said when probed */
  scn_strs keywords;       /* words by which the trainee addresses it */
  scn_strs examples;       /* whole lines a trainee might say about it (link.h) */
  scn_pos pos;
} scn_objection;

typedef struct scn_lines {  /* one key of `lines:`, with its variants */
  char *key;
  scn_strs variants;
  scn_pos pos;
} scn_lines;

typedef struct scn_change { char *var; double delta; int is_set; scn_pos pos; } scn_change;

typedef struct scn_reaction {
  char *when;              /* Lua condition; moves of the turn and state are in scope */
  scn_change *changes; int n_changes;
  char *say_key;           /* a key of lines:, or NULL */
  scn_strs say;            /* inline variants, used when say_key is NULL */
  char *reveal;            /* need id */
  char *give;              /* commitment id */
  char *refuse;            /* commitment id */
  char *objection;         /* objection id */
  char *ease;              /* objection id this reaction answers (it holds back no step after) */
  char *end;               /* outcome name: order|advance|continuation|no_sale, or NULL */
  int once;
  int stop;                /* 1 (default): later reactions and the behaviour do not run this turn */
  scn_pos pos;
} scn_reaction;

typedef struct scn_visit {
  char *id;
  char *title;
  char *brief;
  char *goal;
  scn_state_var *state; int n_state;     /* overrides at the start of this visit */
  scn_strs commitments;                  /* ladder ids on offer in this visit (empty = all) */
  int kind;                              /* visit_kind: a scn_visit_kind (0 = derived) */
  scn_pos kind_pos;                      /* where visit_kind: is written (for check's warnings) */
  scn_pos pos;
} scn_visit;

/* What a visit is for, when the file says so (`visit_kind:`); the scorer's score_visit_kind
** has the same order, one lower.  SCN_VISIT_DERIVED (0, so a zeroed scenario derives): the
** scorer derives the kind from the ladder on offer and the visit's place. */
typedef enum { SCN_VISIT_DERIVED = 0, SCN_VISIT_FIRST, SCN_VISIT_FOLLOW_UP, SCN_VISIT_PAYMENT,
               SCN_VISIT_REFERRAL } scn_visit_kind;
/* The file names of the visit kinds from SCN_VISIT_FIRST on, NULL-terminated:
** "first_visit" "follow_up" "payment" "referral". */
extern const char *const scn_visit_kind_names[];

typedef struct scn_band {   /* a score expectation such as ">= 80" or "40..70" */
  double lo, hi;           /* inclusive */
} scn_band;

typedef struct scn_skill_band { char *skill; scn_band band; } scn_skill_band;

typedef struct scn_test {
  char *name;
  uint64_t seed;
  scn_strs lines;
  char *outcome;           /* expected outcome or NULL */
  int has_score; scn_band score;
  scn_skill_band *skills; int n_skills;
  scn_strs findings;       /* rule ids that must appear */
  scn_strs no_findings;    /* rule ids that must not appear */
  scn_strs says;           /* substrings the customer must say */
  scn_strs not_says;
  scn_pos pos;
} scn_test;

/* Scoring overrides; unset numbers are negative and mean "use the default". */
typedef struct scn_rule_weight { char *rule; double points; } scn_rule_weight;
/* A proficiency tier of the scenario's own (`scoring: tiers:`): the lowest total that reaches
** it, its id and its name in one or more languages (langs[i] -> names[i]). */
typedef struct scn_tier {
  char *id;
  double min;
  scn_strs langs, names;
  scn_pos pos;
} scn_tier;
typedef struct scn_scoring {
  double w_commitment, w_benefits, w_tactics, w_discovery;
  double pass;             /* total score that counts as a pass */
  scn_rule_weight *rules; int n_rules;
  scn_tier *tiers; int n_tiers;   /* best first, the last at 0; none = the default tiers */
} scn_scoring;

/* What the file alone cannot decide, recorded by scn_read in file order for the checks that
** need the runtime (scncheck.h): whether a condition compiles as Lua, whether a rule id is one
** of the scorer's.  Each item keeps where its messages go among the load's own (diag_at: how
** many diagnostics the read had made when it came up), so the messages read as one pass. */
typedef struct scn_cond {
  char *expr;              /* the condition as written (owned) */
  const char *key;         /* "when" or "realistic_when" (static), for messages */
  scn_pos pos;             /* of the value */
  int quoted;              /* written quoted or as a block: a name's own column is unknown */
  int customer;            /* a reaction's or commitment's: the customer compiles it too */
  int diag_at;
} scn_cond;
typedef struct scn_ref {   /* a rule id the file names (scoring: rules: keys, tests' findings) */
  char *id;                /* owned */
  scn_pos pos;
  int diag_at;
  int points_from, points_to;   /* diagnostics about its points (scoring: rules:), which
                                ** the one-pass loader never read for an unknown rule */
} scn_ref;
typedef struct scn_pending {
  scn_cond *conds; int n_conds;
  scn_ref *refs; int n_refs;
} scn_pending;
void scn_pending_free(scn_pending *p);

/* A scenario's additions to the language lexicon: move or slot name -> phrases. */
/* off: the entry switches the listed built-in phrases off for this scenario (`lexicon: switch_off:`). */
typedef struct scn_lex_entry { char *name; scn_strs phrases; scn_pos pos; int off; } scn_lex_entry;

typedef struct scenario {
  char *file;              /* path as loaded */
  char *dir;               /* its directory, for the behaviour script */
  char hash[17];           /* FNV-1a of the file bytes, hex */
  size_t src_len;          /* a shipped file's length and bi_hash (builtin.h): how its images */
  uint64_t src_hash;       /* made at build time are found (0, 0: any other file, or a tree) */
  char *id, *title, *language, *brief, *goal;
  int difficulty, minutes;
  char *cust_name, *cust_role, *cust_company, *cust_persona;
  scn_state_var *state; int n_state;
  scn_need *needs; int n_needs;
  scn_benefit *benefits; int n_benefits;
  scn_commitment *commitments; int n_commitments;   /* best first */
  scn_objection *objections; int n_objections;
  scn_lines *lines; int n_lines;
  int *line_order;         /* indexes of lines sorted by key, for scn_find_lines (NULL: scanned,
                           ** as in a model built by hand); made by the reader */
  scn_reaction *reactions; int n_reactions;
  scn_visit *visits; int n_visits;                  /* 0 = a single visit */
  int visit_kind;          /* top-level visit_kind: (a scn_visit_kind, 0 = derived): the kind of
                           ** a single visit, and of every visit of a campaign without its own */
  scn_pos visit_kind_pos;
  scn_strs hints;           /* /hint's texts, in order */
  scn_strs unrelated;       /* lines of her world that name no item: linking keeps off them (link.h) */
  scn_pos *unrelated_pos;   /* where each is written (NULL in a model built by hand) */
  char **hint_when;         /* parallel to hints: the condition under which each fits, or NULL */
  scn_scoring scoring;
  scn_lex_entry *lexicon; int n_lexicon;
  /* `lexicon: concepts:` (name -> words added to that concept of linking, link_concepts.h) and
  ** `lexicon: switch_off: concepts:` (off: words taken out of it) */
  scn_lex_entry *concepts; int n_concepts;
  char *behaviour;         /* script path resolved against dir, or NULL */
  scn_pos behaviour_pos;
  scn_test *tests; int n_tests;
  arena strings;           /* the texts of the pooled lists (scn_strs), freed by scn_free: one
                           ** block for hundreds of keywords and examples instead of a malloc
                           ** each (0.1 M instructions of a start, docs/performance.md) */
} scenario;

/* Reads a scenario from its YAML text and checks everything the file alone decides; `name`
** is the file's path (positions in d, the behaviour script's folder, s->file).  Every problem
** goes into d as a positioned error; *errors is 0 only when there was none.  What needs the
** runtime goes into *pending (the caller frees it with scn_pending_free).  Returns the model,
** partial when *errors > 0 (safe for scc_check and scn_free), or NULL when the text is no
** mapping at all.  A scenario to play or check comes from scc_load (scncheck.h). */
scenario *scn_read(const char *name, const char *buf, size_t len, diag *d, scn_pending *pending,
                   int *errors);
/* scn_read on a file's bytes; NULL (an error in d) when the file cannot be read. */
scenario *scn_read_file(const char *path, diag *d, scn_pending *pending, int *errors);
void scn_free(scenario *s);

/* For scc_check, once a condition compiles: reports (in d, at the name's position) every name
** in it that is not a state variable, a move or a helper.  Returns the number of errors. */
int scn_check_cond_names(const scenario *s, const scn_cond *c, diag *d);
/* For scc_check: 0 when r names one of the n rule ids; else reports it, with a did-you-mean
** over ids, and returns 1. */
int scn_check_rule_ref(const scenario *s, const scn_ref *r, const char *const *ids, int n, diag *d);

/* Lookups by id; -1 when absent. */
int scn_need_index(const scenario *s, const char *id);
int scn_benefit_index(const scenario *s, const char *id);
int scn_commitment_index(const scenario *s, const char *id);
int scn_objection_index(const scenario *s, const char *id);
const scn_lines *scn_find_lines(const scenario *s, const char *key);
const scn_state_var *scn_find_state(const scenario *s, const char *name);

const char *scn_level_name(scn_level l);   /* "high" "mid" "low" */

/* The ladder a kind of rung belongs to: a deal's advances and order, a payment, a referral (a
** ladder compares rungs within one family). */
typedef enum { SCN_FAMILY_DEAL, SCN_FAMILY_PAYMENT, SCN_FAMILY_REFERRAL } scn_family;
scn_family scn_kind_family(scn_kind k);

/* 1 when rung `asked` stands below rung `refused` on the same ladder: listed after it (a scenario
** lists its rungs from the most to the least) and of the same family (a deal's advances and order,
** a payment, a referral); 0 otherwise or when either index is out of range.  Asking for it after
** that refusal lowers the ask. */
int scn_rung_below(const scenario *s, int asked, int refused);
/* 1 when visit v (0 for a single visit) collects a payment, as the scorer judges the visit's kind:
** its visit_kind (the visit's own, else the top-level one) when the file sets one, else every rung
** on offer in it is a payment. */
int scn_visit_collects(const scenario *s, int v);
const char *scn_kind_name(scn_kind k);     /* "advance" "order" "payment" "referral" */

/* Parses a band: ">= 80", "<= 40", "> 50", "< 50", "= 100", "40..70", "40-70", "75". */
int scn_parse_band(const char *text, scn_band *out);

/* The keys the loader accepts, for docs, editors and the schema test.  section is a path in
** the file: "" (top level), "customer", "needs[]", "scoring.weights", "tests[].expect", ...
** Open mappings (state, lines, lexicon, change, set, scoring.rules) have no entries. */
typedef struct scn_key_info { const char *section; const char *key; int required; } scn_key_info;
const scn_key_info *scn_keys(int *n);

/* Writes, for each state variable, its start value and where the file changes it (reactions'
** change:/set:, visits' state:) and reads it (when:, realistic_when:, the behaviour script).
** `salesim check --vars` prints it. */
void scn_print_vars(const scenario *s, FILE *out);

/* Outcome names a reaction's end: and a test's outcome: accept, NULL-terminated:
** "order" "advance" "continuation" "no_sale". */
extern const char *const scn_outcome_names[];

/* Lets scn_read accept a behaviour script outside the scenario's folder tree (the
** --behaviour-anywhere flag; also SALESIM_BEHAVIOUR_ANYWHERE=1).  Off by default. */
void scn_allow_behaviour_anywhere(int yes);
/* Whether scn_read reads the tests: section of a shipped file, byte for byte (builtin.h): yes by
** default; play turns it off, since a visit runs no test and the build checked that file's (7%
** of a start for hospital-campaign).  Any other file's tests are read and checked as ever. */
void scn_read_shipped_tests(int yes);
/* The language of the lines a scenario loaded after this call speaks, where a key of lines: is
** written in several languages ({en: ..., zh: ...}); NULL (the default) or a language the map
** lacks: the scenario's own language.  play --lang sets it. */
void scn_set_line_language(const char *lang);

#endif
