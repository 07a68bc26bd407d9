/*
** classify.h: reads one trainee line into sales moves and the slots of an ask.
** Language-independent names; the phrases live in lexicons (engine/lexicons/LANG.yaml) that a
** scenario may extend.  Every reading names what it matched, so a trainer can audit it.
*/
#ifndef SALESIM_CLASSIFY_H
#define SALESIM_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "scenario.h"

/* The moves (docs/classifier.md).  Order is stable: it is the bit index in cls_result.moves, so a new
** move is appended at the end.  threat: the seller threatens the customer (lawyers, court,
** collections, blacklists, cutting off service); its tactic is "loss" (docs/classifier.md).
** rude: contempt for the customer or their business ("your scripts are obviously rubbish", "骗谁
**呢"), read by the lexicon's phrases alone (no corpus label). */
#define CLS_MOVES(X) \
  X(GREET, "greet") X(SMALL_TALK, "small_talk") X(OPEN_QUESTION, "open_question") \
  X(CLOSED_QUESTION, "closed_question") X(CONFIRM_NEED, "confirm_need") \
  X(PRESENT_FEATURE, "present_feature") X(PRESENT_BENEFIT, "present_benefit") X(PROOF, "proof") \
  X(CHECK_CONCERNS, "check_concerns") X(SUMMARIZE_BENEFITS, "summarize_benefits") \
  X(ASK_COMMITMENT, "ask_commitment") X(ASK_ORDER, "ask_order") X(GAIN_APPEAL, "gain_appeal") \
  X(LOSS_APPEAL, "loss_appeal") X(DISCOUNT, "discount") X(PROBE_REFUSAL, "probe_refusal") \
  X(LOWER_ASK, "lower_ask") X(THANK, "thank") X(LEAVE, "leave") X(ASK_PAYMENT, "ask_payment") \
  X(ASK_REFERRAL, "ask_referral") X(SELLER_ACTION, "seller_action") X(PRAISE, "praise") \
  X(ASK_DECISION_CHAIN, "ask_decision_chain") X(HANDLE_OBJECTION, "handle_objection") \
  X(THREAT, "threat") X(RUDE, "rude")

typedef enum {
#define X(c, s) CLS_##c,
  CLS_MOVES(X)
#undef X
  CLS_MOVE_COUNT
} cls_move;

#define CLS_HAS(r, m) (((r)->moves >> (m)) & 1u)
/* The four asks, the kinds of one ask (a bit per cls_move, as in cls_result.moves). */
#define CLS_ASK_MOVES ((1ull << CLS_ASK_COMMITMENT) | (1ull << CLS_ASK_ORDER) | (1ull << CLS_ASK_PAYMENT) | \
                       (1ull << CLS_ASK_REFERRAL))

const char *cls_move_name(cls_move m);
/* 0 when the match label is a marker the model does not read (one the rules read after it, or
** the links alone: dismiss, subordinate, telling, the question words, restated, wanting), else 1. */
int cls_marker_is_feature(const char *label);
int cls_move_from_name(const char *name);        /* -1 when unknown */

typedef enum { CLS_TACTIC_NONE, CLS_TACTIC_GAIN, CLS_TACTIC_LOSS } cls_tactic;
const char *cls_tactic_name(cls_tactic t);        /* NULL, "gain", "loss" */

/* Slots of an ask. */
typedef enum { CLS_SLOT_ACTION, CLS_SLOT_TIME, CLS_SLOT_PERSON, CLS_SLOT_PLACE, CLS_SLOT_COUNT } cls_slot;
const char *cls_slot_name(cls_slot s);            /* "action" "time" "person" "place" */

/* One thing that matched: a lexicon phrase, a time pattern, or a scenario keyword. */
typedef struct cls_match {
  char *label;      /* move, slot, "vague", "negation", "question", "need:ID", "benefit:ID", ... */
  char *phrase;     /* the lexicon phrase or pattern name that matched; "rule:ID" for a move a
                    ** rule gave; the count for "typo" and "variant"; "similar:SCORE:THRESHOLD:TEXT"
                    ** for a link by meaning (cls_match_text says them) */
  char *source;     /* where it is defined: "lexicons/en.yaml:41" or "scenario.yaml:12" */
  size_t start, end;/* byte offsets in the normalised text */
  int packed;       /* 1: label, phrase and source are one allocation, label's (the rules' matches:
                    ** one malloc instead of three); 0: each its own */
} cls_match;

typedef struct cls_result {
  char *text;       /* the line as typed (sanitised: valid UTF-8, no control bytes) */
  char *norm;       /* normalised: NFKC, case-folded, full-width to half-width, spaces collapsed */
  uint64_t moves;   /* bit per cls_move */
  char *slots[CLS_SLOT_COUNT];   /* matched text per slot, or NULL */
  int has_amount;   /* the line names a sum of money (amount.h): "两万四", "$4,800" */
  double amount;    /* its value in whole units (两万四 -> 24000) when has_amount */
  size_t amount_start, amount_end;   /* its span in norm */
  int specific;     /* action + time + (person or place/way); a payment ask: amount + time */
  int vague;        /* leans on "sometime / 有空 / 改天" */
  int question;     /* the line asks something */
  int negated;      /* a refusal or negation governs the ask */
  cls_tactic tactic;
  int *needs; int n_needs;          /* scenario need indexes the line refers to */
  int *benefits; int n_benefits;    /* scenario benefit indexes the line states */
  int *objections; int n_objections;/* scenario objection indexes the line addresses */
  int commitment;   /* scenario commitment index the ask names, or -1 */
  cls_match *matches; int n_matches;
  /* The model's part (docs/classifier.md, "Rules and model"): what it gave where the rules
  ** were silent, and the evidence, so a reading can always be explained. */
  uint64_t model_moves;   /* moves the model gave (a bit per cls_move) */
  uint64_t model_vetoed;  /* moves a composite rule gave that the model overruled */
  uint64_t scenario_kept; /* moves the model would have removed, kept by the scenario's own
                          ** phrase or items (classify_model.c) */
  int model_flags;        /* CLS_BY_MODEL_* bits: which flags the model set */
  float *probs;           /* per label of the model (model.h), NULL when it has none */
  int n_probs;
  int32_t *rows; int n_rows;   /* the model's rows of the line's known features */
  int n_features;              /* features made, known to the model or not */
  /* While cls_classify reads the line: its clauses, read once and kept for the rules (clause.h's
  ** cl_memo, on cls_classify's stack); NULL before and after. */
  struct cl_memo *clauses;
} cls_result;

#define CLS_BY_MODEL_SPECIFIC 1
#define CLS_BY_MODEL_VAGUE    2
#define CLS_BY_MODEL_TACTIC   4

typedef struct cls_classifier cls_classifier;

/* Builds a classifier for a language ("zh" or "en") from the shipped lexicon, extended by the
** scenario's lexicon and keywords when sc is not NULL.  NULL after adding errors to d. */
cls_classifier *cls_new(const char *lang, const scenario *sc, diag *d);
void cls_free(cls_classifier *c);
/* The shipped lexicon of "zh" or "en" alone, as cls_new starts from it (lex_free it); NULL after
** a message in d when the file is missing, else *errors counts the file's problems. */
struct lexicon *cls_load_lexicon(const char *lang, diag *d, int *errors);
/* A scenario's `switch_off:` of phrase under name: switches it off there and, for a move read
** through word cues, in the cues too (loss_appeal: scarcity and the loss class; gain_appeal: the
** gain class), so the model does not read the cue the trainer switched off.  Returns how many
** phrases went off (0: no such built-in phrase). */
int cls_switch_off(struct lexicon *lx, const char *name, const char *phrase);

/* Classifies one line (any bytes; invalid UTF-8 and control bytes are replaced, never fatal):
** the rules, then the model where they are silent.
** Fills *out, which the caller releases with cls_result_free. */
void cls_classify(const cls_classifier *c, const char *line, size_t len, cls_result *out);
void cls_result_free(cls_result *r);

/* 1 when some match of r carries the label (a phrase's, or a rule's note such as "info:ask"). */
int cls_has_label(const cls_result *r, const char *label);
/* The keyword by which r links the scenario item KIND:ID ("need", "benefit", ...): the phrase of
** a match labelled so that is no link by meaning ("similar:...") nor a rule's; NULL when r links
** it by meaning alone, or not at all.  Points into r. */
const char *cls_item_keyword(const cls_result *r, const char *kind, const char *id);
/* The first match of r that is a word cue of loss: a loss_appeal phrase, scarcity or a word of the
** loss class (what `switch_off: loss_appeal:` reaches, cls_switch_off); NULL when none. */
const cls_match *cls_loss_cue(const cls_result *r);

/* What the visit knows when a line may be a benefits summary (cls_read_recap): the needs the
** customer voiced or confirmed (known: a bit per need index), the benefits already shown in this
** visit (presented: a bit per benefit index), whether she confirmed needs on the turn before
** (after_confirm); and the seller's line before it in the same visit (prev, NULL when none),
** with what had been shown before that line and whether it came right after a confirmation. */
#define CLS_RECAP_RUN 4   /* the most lines before a check that a recap may take */
typedef struct cls_recap_ctx {
  uint64_t known, presented;
  int after_confirm;
  const cls_result *prev;
  uint64_t prev_presented;
  int prev_after_confirm;
  uint64_t confirmed;                     /* the needs she confirmed before this line */
  const cls_result *run[CLS_RECAP_RUN];   /* the statements of benefits right before it, latest first */
  int n_run;
} cls_recap_ctx;

/* 1 when rung j of the classifier's scenario is a step with nobody to bring and nowhere to meet:
** fewer than a quarter of the trainer's example asks for it, read by this classifier, name a
** person or a place ("能不能把床旁监测的技术要求写进招标文件?").  0 without examples.  Read once per classifier and
** kept (the random walks scored every walk by reading every rung's examples again: 6% of them). */
int cls_rung_needs_no_who(cls_classifier *c, int j);

/* Reads a statement that lays two or more of the scenario's benefits against two or more needs
** the customer voiced or confirmed as summarize_benefits, when it comes right after the customer
** confirmed needs, names only benefits the visit has already shown, or names two of her needs
** itself; a question is allowed only after the last benefit ("... Does that cover what you
** need?").  A summary may take two lines: a statement of benefits for her needs that completes
** the one before it (each answering a need the other does not) is the summary, and the earlier
** line's benefits are added to its reading.  The visit knows this, the line alone does not: the
** session asks before the customer reacts (classify_recap.c).  So may several lines closed by a
** check: statements of benefits, one after another (run), then a line that checks them ("...
** does that match what you need?"), together answering or naming every need she confirmed; the
** run's benefits and needs are added to the checking line's reading, and a summary the model read
** is completed so.  Returns 1 when it made r a summary or completed one (a rule match
** "rule:recap", "rule:recap_two_lines" or "rule:recap_checked" says so), 0 when r is unchanged. */
int cls_read_recap(const cls_classifier *c, cls_result *r, const cls_recap_ctx *v);
/* What the visit knows when a line may re-ask the step asked just before it (cls_read_follow_up):
** the seller's line before it in the same visit when that asked for a rung of the ladder and the
** customer gave nothing (prev, else NULL), and whether she answered by asking when, who or what
** exactly (she_asked). */
typedef struct cls_follow_ctx {
  const cls_result *prev;
  int she_asked;
} cls_follow_ctx;
/* Reads a line that only re-times or completes the ask before it ("How about Friday then?",
** "那下周五呢?", "next tuesday at 10" after "when exactly?") as that ask: it names a time, person
** or place, and no step, need or benefit of its own; it is an ask, a suggestion, a short question
** with no question word, or (after she asked) a plain answer.  r then asks for prev's rung with
** prev's ask moves, takes the slots and sum it leaves out, and is specific when the two together
** name a time and someone or somewhere (unless the rung needs nobody).  The session asks before
** the customer reacts (classify_follow.c).  Returns 1 when it did (a match "rule:follow_up" says
** so), 0 when r is unchanged. */
int cls_read_follow_up(cls_classifier *c, cls_result *r, const cls_follow_ctx *v);
/* Reads a line of a visit that collects a payment: a line read as a loss that holds out a charge
** for paying late (滞纳金, 违约金, 罚息, a late fee, penalty interest), not waived in its clause
** ("滞纳金我们就不收了", "we won't charge any late fee"), is a threat: in a collection the seller
** charges it, so it is the seller's stick, not a deadline (classify_threat.c).  The visit knows
** what it is for, the line alone does not: the session asks before the customer reacts.  Returns
** 1 when r became a threat (a match "rule:collection_charge" says so), 0 when r is unchanged. */
int cls_read_collection(cls_result *r);
/* 1 when r is a payment ask that names the sum and a time, with no vague marker ("今天您先转
** 两万四", "the $4,800 balance by Friday"): specific, as the scorer's payment_specific judges it,
** whoever the line names (classify_rules.c). */
int cls_payment_named(const cls_result *r);

/* Guesses "zh" when the text holds CJK characters, else "en". */
const char *cls_guess_lang(const char *text);

/* What a match's phrase shows in lang (malloc'd): a rule's id as the rule's statement
** (cli.classify.rule around cli.rule.ID), the typo and variant counts as cli.rule.typos and
** cli.rule.variants, a link by meaning as cli.classify.similar; any other phrase (the reader's
** data: a lexicon phrase, a pattern) as it is. */
char *cls_match_text(const cls_match *m, const char *lang);
/* The text of the scenario a link by meaning was nearest to (the TEXT of "similar:SCORE:
** THRESHOLD:TEXT": "" when no single text shares two words with the line, the link resting on
** the item's centroid alone), or NULL when m is no link by meaning.  Points into m->phrase. */
const char *cls_link_text(const cls_match *m);

/* The classify JSON object (docs/transcript.md) for one result (jansson; caller owns the reference).
** sc may be NULL; with it, needs and benefits are named by id. */
struct json_t;
struct json_t *cls_result_json(const cls_result *r, const scenario *sc);

/* The classifier's compiled model (model.h), or NULL when the build has none. */
struct mdl_image;
const struct mdl_image *cls_model(const cls_classifier *c);

/* The scenario's index of links by meaning (link.h), NULL without a scenario or when no item
** has examples; and the stemmer it reads English with.  Both owned by the classifier. */
struct lnk_index;
struct wd_stemmer;
struct lnk_index *cls_links(const cls_classifier *c);
struct wd_stemmer *cls_stemmer(const cls_classifier *c);

/* The text a reading's needs, benefits and objections are linked by meaning from (caller frees):
** r->norm with the words of a check or a refusal probe blanked, byte offsets unchanged.
** "anything else", "what else" make the line a check and say nothing of the scenario ("Anything
** else that would stop you?" linked the need for pieces "nobody else has", found in play). */
char *cls_link_norm(const cls_result *r);

/* The model's label that decides move m: "ask" for every kind of ask, "gain" and "loss" for
** the appeals, else the move's own name (which the model may not have: mdl_label says). */
const char *cls_model_label(cls_move m);

/* The n strongest features behind the model's probability of a move or flag ("ask",
** "specific", "gain" ...) in a reading: names[] point into the model (static), weights[] their
** contribution to the score.  Returns how many were written; 0 without a model. */
int cls_model_evidence(const cls_classifier *c, const cls_result *r, const char *label,
                       const char **names, float *weights, int n);

#endif
