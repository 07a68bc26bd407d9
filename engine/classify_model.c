/*
** classify_model.c: the rules' reading, then the model's decision on the figures it was
** trained for.
**
** How the two combine (docs/classifier.md, "Rules and model"):
**  - The model decides each of its scored labels (an ask and its kind, specific, vague, a
**    concern check, a benefits summary, the gain or loss tactic) both ways, and adds a confirmed
**    need, a who-decides question or a refusal probe where the rules read none: it was trained on everything the rules read (every lexicon
**    phrase, time pattern, slot, rule move and clause is one of its features), so it is the
**    rules' evidence weighed by the corpus.  Measured on the corpus's dev split, letting the
**    shipped lexicon's rules keep their positives cost 0.08 to 0.24 F1 on five of the seven
**    figures (their false readings stuck), so shipped phrases are evidence, not verdicts.
**  - A scenario's own phrase (its `lexicon:` section, written by the trainer for that visit)
**    is explicit: the move it names stands whatever the model says.  So do a threat and a
**    negation the rules read over an ask ("不需要演示", "no need to meet"), or a who-decides
**    question without a request form: the model gives no ask there.
**  - Everything else the rules read (greetings, thanks, features, benefits, proof, discounts,
**    seller actions, slots) stands as the rules read it.
** Every move the model gave is in model_moves, every rule move it removed in model_vetoed, and
** cls_model_evidence names the features that weighed most, so classify can always say why.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "featurize.h"
#include "msg.h"
#include "msg_cli.h"
#include "text.h"
#include "util.h"

#define BIT(m) ((uint64_t)1 << (m))
#define ASKS CLS_ASK_MOVES
#define MDL_VETO 0.05f   /* an ask phrase of the lexicon stands unless the model's p(ask) is below */
#define COURTESY (BIT(CLS_GREET) | BIT(CLS_THANK) | BIT(CLS_PRAISE))

/* Moves the model decides under their own names (besides the asks and the appeals), and
** those it only adds where the rules read nothing: the corpus holds too few of them (80 to 120
** a language) for the model to overrule a phrase that names them.  Refusal probes moved to the
** decided ones once the corpus held 150 a language: the lexicon's bare words (不满意, 什么让您)
** fired on questions about facts, and letting the model decide raised the dev split's check
** from 0.881 to 0.893 (en) and 0.889 to 0.915 (zh), nothing else moving. */
static const cls_move decided[] = { CLS_CHECK_CONCERNS, CLS_SUMMARIZE_BENEFITS, CLS_PROBE_REFUSAL };
static const cls_move added[] = { CLS_CONFIRM_NEED, CLS_ASK_DECISION_CHAIN };

/* A feature statement says something: at least FEATURE_MIN_UNITS of content, a CJK ideograph
** one unit and an ASCII word two.  On a line of a word or two ("嗯", "王总", "陈总,早上好") the
** model's present_feature is its prior, not a reading (p 0.66-0.75 there; found in play). */
#define FEATURE_MIN_UNITS 8
static int says_something(const char *norm) {
  int units = 0, in_word = 0;
  for (const unsigned char *p = (const unsigned char *)(norm ? norm : ""); *p; p++) {
    if (*p >= 0xE4 && *p <= 0xE9) units++;   /* the lead byte of U+4E00-U+9FFF */
    int w = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
    if (w && !in_word) units += 2;
    in_word = w;
  }
  return units >= FEATURE_MIN_UNITS;
}

/* Probability of the model's label l (c->model_move, c->model_flag), or -1 when the model has
** no such label (l < 0). */
static float prob(const cls_classifier *c, const cls_result *r, int l, float *thr) {
  if (l < 0) return -1;
  if (thr) *thr = c->model->threshold[l];
  return r->probs[l];
}

/* 1 yes, 0 no, -1 when the model has no such label. */
static int says(const cls_classifier *c, const cls_result *r, int l) {
  float thr = 0, p = prob(c, r, l, &thr);
  return p < 0 ? -1 : p >= thr;
}

/* 1 when a scenario's own phrase (not the shipped lexicon, not a rule) gave the move: its source is
** a YAML file other than the lexicon's.  (Not "any source outside engine/": with SALESIM_DATA=engine
** a scenario's phrases come from "engine/../scenarios/NAME.yaml", and the model vetoed them, so the
** tests read lines otherwise than an installed game does; found replaying play-test 25's visits.) */
static int scenario_phrase(const cls_result *r, cls_move m) {
  const char *name = cls_move_name(m);
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *mt = &r->matches[i];
    if (strcmp(mt->label, name) == 0 && strncmp(mt->phrase, "rule:", 5) != 0 &&
        strncmp(mt->source, "lexicons/", 9) != 0 && strstr(mt->source, ".yaml"))
      return 1;
  }
  return 0;
}

/* 1 when a shipped lexicon phrase of the move itself (not a composite rule) gave it. */
static int lexicon_phrase(const cls_result *r, cls_move m) {
  const char *name = cls_move_name(m);
  for (int i = 0; i < r->n_matches; i++)
    if (strcmp(r->matches[i].label, name) == 0 && strncmp(r->matches[i].phrase, "rule:", 5) != 0) return 1;
  return 0;
}

/* A benefits summary the rules read that names the scenario's own items: at least one of its
** benefits and two items in all ("总结一下:输液监测减轻夜班护士负担,补上评审里的空白,接口我们来适配").
** Those links are the scenario's evidence, which the corpus never saw, so they stand like a
** scenario phrase. */
static int scenario_summary(const cls_result *r, cls_move m) {
  if (m != CLS_SUMMARIZE_BENEFITS) return 0;
  /* (or what two of her needs get: "so to sum up: grace gets wrong picks gone ..., martin gets
  ** payback ...": play-test 23) */
  return (r->n_benefits > 0 && r->n_needs + r->n_benefits >= 2) || (r->n_needs >= 2 && cls_gets_outcome(r));
}

/* An ask the rules read in a request clause that names one of the scenario's rungs by its
** keyword ("那这三条您看能写进技术参数不?" with the rung's 参数): the rung is the scenario's
** evidence, which the corpus never saw, and the model's veto made the third visit of a campaign
** end "without any ask" (play-test, round 11: -40).  Not a clause asking to be told about it
** ("能跟我讲讲招标流程吗?": telling).  A yes-no question with the seller doing it for her is such
** a request too ("Exactly, and nobody else will have these. Can I put you down for 40 sets?" had
** its order vetoed, and Helen answered "Yes, that's it.": play-test 23); a what or how question
** asks about the rung, not for it. */
static int scenario_ask(const cls_result *r, cls_move m) {
  if (!(BIT(m) & CLS_ASK_MOVES) || r->commitment < 0 || !r->norm) return 0;
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  for (int k = 0; k < n; k++) {
    int yes_no = cl[k].mood == CL_MOOD_QUESTION && !cl_has_label(r, &cl[k], "wh");
    if ((cl[k].mood != CL_MOOD_REQUEST && !yes_no) || cl_has_label(r, &cl[k], "telling")) continue;
    /* a request made by a tag of its own ("您把智慧病房这个项目先报进去, 行吗?") asks for the
    ** clause before it (play-test 12: the ask was vetoed and the visit had none) */
    size_t from = cl[k].start, to = cl[k].end;
    if (k > 0 && cl[k].end - cl[k].start <= 12 && cl[k - 1].agent != CL_AGENT_SELLER) from = cl[k - 1].start;
    /* and one that ends in a colon asks for what follows it, to the end of its sentence ("您看这样行
    ** 不行:下周一,您带上您的销售经理,我开车陪你们去临沂,..." had its ask vetoed, and the customer
    ** answered a summary: play-test 25) */
    if (cl_end_mark(r, &cl[k]) == ':')
      for (int j = k + 1; j < n; j++) {
        to = cl[j].end;
        char mark = cl_end_mark(r, &cl[j]);
        if (mark == '.' || mark == '?' || mark == '!') break;
      }
    for (int i = 0; i < r->n_matches; i++)
      if (strncmp(r->matches[i].label, "commitment:", 11) == 0 && r->matches[i].start >= from &&
          r->matches[i].end <= to)
        return 1;
  }
  return 0;
}

/* Sets or clears a move as the model decided, keeping a scenario's explicit phrase. */
static void decide(cls_result *r, cls_move m, int yes) {
  int had = CLS_HAS(r, m);
  if (yes && !had) { r->moves |= BIT(m); r->model_moves |= BIT(m); }
  if (!yes && had) {
    if (scenario_phrase(r, m) || scenario_summary(r, m) || scenario_ask(r, m)) {
      r->scenario_kept |= BIT(m);
    } else {
      r->moves &= ~BIT(m);
      r->model_vetoed |= BIT(m);
    }
  }
}

/* The model's rows of the features in fs that it knows, into rows (room for fs->n); the count. */
static int model_rows(const mdl_image *m, const ft_set *fs, int *rows) {
  int n = 0;
  for (int i = 0; i < fs->n; i++) {
    int slot = mdl_lookup(m, fs->keys[i]);
    if (slot >= 0 && m->index[slot] >= 0) rows[n++] = m->index[slot];
  }
  return n;
}

/* The classifier's feature set, reused line after line, made at the first line: zeroing its
** 32 KiB at start was 34 K instructions and eight pages before the first prompt.  A scratch
** buffer, not part of the classifier's value: making it through a const classifier is fine. */
static ft_set *features_of(const cls_classifier *c) {
  if (!c->features) ((cls_classifier *)c)->features = xcalloc(1, sizeof *c->features);
  return c->features;
}

/* A seller's clause does not cancel the customer's ask beside it ("能不能把项目报进明年的预算,
** 下周五前我把材料发给您?"): the line is read again without the seller's clauses, and the ask,
** its kinds and its specificity take the likelier of the two readings.  The rows shown as evidence stay the
** whole line's. */
static void seller_clauses_aside(const cls_classifier *c, cls_result *r) {
  const mdl_image *m = c->model;
  ft_set *fs = features_of(c);
  ft_release(fs);
  ft_extract_part(c->stem, r, 1, fs);
  int *rows = xmalloc(sizeof *rows * (size_t)(fs->n + 1)), nr = model_rows(m, fs, rows);
  float *p = xmalloc(sizeof *p * (size_t)m->n_labels);
  mdl_predict(m, rows, nr, fs->n, p);
  /* and how specific it is: "能不能把智慧病房这个项目报进去? 预算材料我这周五前给您准备好" ended in
  ** the seller's promise, and "last:statement" made the ask not specific (play-test, round 11) */
  const int asks[] = { c->model_flag[CLS_MF_ASK], c->model_move[CLS_ASK_COMMITMENT], c->model_move[CLS_ASK_ORDER],
                       c->model_move[CLS_ASK_PAYMENT], c->model_move[CLS_ASK_REFERRAL], c->model_flag[CLS_MF_SPECIFIC] };
  for (size_t k = 0; k < sizeof asks / sizeof *asks; k++) {
    int l = asks[k];
    if (l >= 0 && p[l] > r->probs[l]) r->probs[l] = p[l];
  }
  free(p);
  free(rows);
}

void cls_apply_model(const cls_classifier *c, cls_result *r) {
  const mdl_image *m = c->model;
  if (!m) return;
  ft_set *fs = features_of(c);
  ft_extract(c->stem, r, fs);
  r->rows = xmalloc(sizeof *r->rows * (size_t)(fs->n + 1));
  r->n_rows = model_rows(m, fs, r->rows);
  r->n_features = fs->n;
  r->n_probs = m->n_labels;
  r->probs = xmalloc(sizeof *r->probs * (size_t)m->n_labels);
  mdl_predict(m, r->rows, r->n_rows, r->n_features, r->probs);
  if (fs->mixed_agents) seller_clauses_aside(c, r);

  /* the ask, and its kind: the rules' kind when they read one, else the likeliest */
  static const cls_move kinds[] = { CLS_ASK_COMMITMENT, CLS_ASK_ORDER, CLS_ASK_PAYMENT, CLS_ASK_REFERRAL };
  int ask = says(c, r, c->model_flag[CLS_MF_ASK]);
  int explicit_ask = 0;
  for (size_t k = 0; k < 4; k++) explicit_ask |= CLS_HAS(r, kinds[k]) && scenario_phrase(r, kinds[k]);
  int chain_question = cls_has_label(r, "decision-chain:ask") || cls_has_label(r, "asked:ask_payment") ||
                       cls_has_label(r, "others:ask") || cls_has_label(r, "telling:ask") ||
                       cls_has_label(r, "info:ask") || cls_has_label(r, "consent:ask");   /* rules that read no ask */
  if (ask == 1 && !(r->moves & ASKS) && !(r->negated && !explicit_ask) && !chain_question) {
    cls_move best = CLS_ASK_COMMITMENT;
    float bp = -1;
    for (size_t k = 0; k < 4; k++) {
      float p = prob(c, r, c->model_move[kinds[k]], NULL);
      if (p > bp) { bp = p; best = kinds[k]; }
    }
    decide(r, best, 1);
  } else if (ask == 1 && (r->moves & ASKS) && !explicit_ask) {
    /* the kind: the rules' unless the model holds none of theirs and one of its own ("could you
    ** introduce me to your sister?" is a referral though "could you ... me" reads as a meeting) */
    int held = 0, best = -1;
    float bp = -1;
    for (size_t k = 0; k < 4; k++) {
      int yes = says(c, r, c->model_move[kinds[k]]) == 1;
      if (yes && CLS_HAS(r, kinds[k])) held = 1;
      float p = prob(c, r, c->model_move[kinds[k]], NULL);
      if (yes && p > bp) { bp = p; best = (int)k; }
    }
    if (!held && best >= 0) {
      for (size_t k = 0; k < 4; k++) if (CLS_HAS(r, kinds[k])) decide(r, kinds[k], 0);
      decide(r, kinds[best], 1);
    }
  } else if (ask == 0) {
    /* an order, payment or referral phrase in a line that asks ("anyone else who ...?") is
    ** overruled only when the model finds an ask very unlikely */
    float pa = prob(c, r, c->model_flag[CLS_MF_ASK], NULL);
    for (size_t k = 0; k < 4; k++)
      if (!(kinds[k] != CLS_ASK_COMMITMENT && lexicon_phrase(r, kinds[k]) && pa >= MDL_VETO)) decide(r, kinds[k], 0);
    if (!(r->moves & ASKS)) decide(r, CLS_LOWER_ASK, 0);
  }
  for (size_t k = 0; k < sizeof decided / sizeof *decided; k++) {
    int yes = says(c, r, c->model_move[decided[k]]);
    if (yes >= 0) decide(r, decided[k], yes);
  }
  for (size_t k = 0; k < sizeof added / sizeof *added; k++)
    if (says(c, r, c->model_move[added[k]]) == 1) decide(r, added[k], 1);
  /* a feature list the lexicon's pitch phrases miss ("we have dashboards, AI alerts,
  ** integrations with 200 tools"): the model's present_feature, only for a statement that is no
  ** other move and names none of the scenario's needs or benefits (found in play, wave 6) */
  if (!r->question && (r->moves & ~COURTESY) == 0 && r->n_needs + r->n_benefits == 0 &&
      says_something(r->norm) && says(c, r, c->model_move[CLS_PRESENT_FEATURE]) == 1)
    decide(r, CLS_PRESENT_FEATURE, 1);
  if (CLS_HAS(r, CLS_PROBE_REFUSAL) && (r->model_moves & BIT(CLS_CHECK_CONCERNS)))
    decide(r, CLS_CHECK_CONCERNS, 0);   /* a probe after a refusal is that, not a fresh check */

  /* flags of an ask */
  int is_ask = (r->moves & ASKS) != 0;
  int spec = is_ask && says(c, r, c->model_flag[CLS_MF_SPECIFIC]) == 1;
  /* an ask the rules read as naming the action, a time and a person or place stays specific
  ** whatever the line's shape weighs in the model: "下周三您有空不?我带我们销售经理,陪您去临沂刘总的
  ** 样板店实地看看,跟他本人聊聊,咋样?" (p 0.12: a question before the request, a lead-in) was "not
  ** specific" beside a Try line that named less (play-test 13: 75 against 87 reworded).  No line of
  ** the corpus, train or dev, is read differently for it. */
  if (is_ask && !spec && r->specific && r->slots[CLS_SLOT_ACTION] && r->slots[CLS_SLOT_TIME] &&
      (r->slots[CLS_SLOT_PERSON] || r->slots[CLS_SLOT_PLACE]))
    spec = 1;
  int vague = is_ask && !spec && says(c, r, c->model_flag[CLS_MF_VAGUE]) == 1;
  if (spec != r->specific) r->model_flags |= CLS_BY_MODEL_SPECIFIC;
  if (vague != r->vague && is_ask) r->model_flags |= CLS_BY_MODEL_VAGUE;
  r->specific = spec;
  if (is_ask) r->vague = vague;

  /* tactics: a threat is loss whatever; else loss before gain, as the rules rank them */
  int loss = says(c, r, c->model_flag[CLS_MF_LOSS]) == 1, gain = !loss && says(c, r, c->model_flag[CLS_MF_GAIN]) == 1;
  cls_tactic t = CLS_HAS(r, CLS_THREAT) || loss ? CLS_TACTIC_LOSS : gain ? CLS_TACTIC_GAIN : CLS_TACTIC_NONE;
  if (t != r->tactic) r->model_flags |= CLS_BY_MODEL_TACTIC;
  r->tactic = t;
  decide(r, CLS_LOSS_APPEAL, loss && !CLS_HAS(r, CLS_THREAT));
  if (!gain) decide(r, CLS_GAIN_APPEAL, 0);
  else if (!(r->moves & (BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_PROOF) | BIT(CLS_SUMMARIZE_BENEFITS))))
    decide(r, CLS_GAIN_APPEAL, 1);

  /* open / closed questions: a question that is now another move is that move; one left alone
  ** is a question again */
  const uint64_t substantive = ASKS | BIT(CLS_CHECK_CONCERNS) | BIT(CLS_SUMMARIZE_BENEFITS) | BIT(CLS_CONFIRM_NEED) |
                               BIT(CLS_ASK_DECISION_CHAIN) | BIT(CLS_PROBE_REFUSAL);
  if (r->moves & substantive) r->moves &= ~(BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION));
  else if (r->question && (r->moves & ~COURTESY) == 0 && (r->model_vetoed & substantive)) {
    int wh = cls_has_label(r, "wh");
    r->moves |= BIT(wh ? CLS_OPEN_QUESTION : CLS_CLOSED_QUESTION);
  }
  if (!(r->moves & ASKS) && r->commitment >= 0) r->commitment = -1;
}

/* An answer to a worry the line names ("您是担心信息中心又拖半年...这个我理解。我们有等保三级的测评
** 报告和接口文档...") cites the features that answer it: that is no feature list (found in play:
** "功能是挺多的……不过这些跟我们有什么关系?").  After the model, as cls_late_question. */
static void answer_not_features(cls_result *r) {
  if (CLS_HAS(r, CLS_HANDLE_OBJECTION) && r->n_objections > 0 && CLS_HAS(r, CLS_PRESENT_FEATURE)) {
    r->moves &= ~BIT(CLS_PRESENT_FEATURE);
    r->model_moves &= ~BIT(CLS_PRESENT_FEATURE);
  }
}

/* A payment ask only the model read, naming no rung, in a scenario none of whose rungs is a
** payment, with no payment phrase of the rules' and no sum, asks for a step, not for money: an
** ask_commitment (as an order the model read with no order word is, cls_late_order_words).
** Play-test 28a F1: a first tableware visit's line, read ask_payment from "dead money", was "-15
** ... names no amount" and the Why spoke of "Pay when you can".  A line that names the money
** ("can you pay the deposit by Friday?") keeps its payment ask. */
static void payment_no_rung(const cls_classifier *c, cls_result *r) {
  if (!CLS_HAS(r, CLS_ASK_PAYMENT) || !(r->model_moves & BIT(CLS_ASK_PAYMENT)) || r->has_amount) return;
  for (int k = 0; k < c->sc->n_commitments; k++)
    if (c->sc->commitments[k].kind == SCN_KIND_PAYMENT) return;
  for (int i = 0; i < r->n_matches; i++)
    if (strcmp(r->matches[i].label, "ask_payment") == 0 && r->matches[i].end > r->matches[i].start) return;
  r->moves = (r->moves & ~BIT(CLS_ASK_PAYMENT)) | BIT(CLS_ASK_COMMITMENT);
  r->model_moves = (r->model_moves & ~BIT(CLS_ASK_PAYMENT)) | BIT(CLS_ASK_COMMITMENT);
  *cls_match_push(r) = (cls_match){ xstrdup("ask_payment"), xstrdup("rule:payment_no_rung"),
                                     xasprintf("engine/classify_model.c:%d", __LINE__), 0, strlen(r->norm), 0 };
}

/* A plain ask that names a rung of the order, payment or referral kind asks for that kind: "今天转
** 2万,剩下2.8万30号,我写张条子您签个字行吗" names the part payment by its sums, and read as an
** ask for "签字" it was no payment ask, so the customer asked which day and how much (play-test 9).
** Then a payment ask naming the sum and the day is specific, as above. */
static void rung_kind(const cls_classifier *c, cls_result *r) {
  if (c->sc && r->commitment < 0) payment_no_rung(c, r);
  if (!c->sc || r->commitment < 0 || r->commitment >= c->sc->n_commitments) return;
  /* and a payment ask in a scenario with no payment rung, naming a rung of another kind, asks for
  ** that rung: "rather than me telling you people will pay it, ... I could lend you one display
  ** set ... could we put it in the window this Saturday?" was a payment ask "naming no amount" */
  int pay_rungs = 0;
  for (int k = 0; k < c->sc->n_commitments; k++) pay_rungs += c->sc->commitments[k].kind == SCN_KIND_PAYMENT;
  if (CLS_HAS(r, CLS_ASK_PAYMENT) && !pay_rungs) {
    int by_model = (r->model_moves & BIT(CLS_ASK_PAYMENT)) != 0;
    cls_move m = cls_ask_of_kind(c->sc->commitments[r->commitment].kind);
    r->moves = (r->moves & ~BIT(CLS_ASK_PAYMENT)) | BIT(m);
    r->model_moves &= ~BIT(CLS_ASK_PAYMENT);
    if (by_model) r->model_moves |= BIT(m);
    return;
  }
  if (!CLS_HAS(r, CLS_ASK_COMMITMENT) ||
      (r->moves & (BIT(CLS_ASK_ORDER) | BIT(CLS_ASK_PAYMENT) | BIT(CLS_ASK_REFERRAL))))
    return;
  scn_kind k = c->sc->commitments[r->commitment].kind;
  cls_move m = cls_ask_of_kind(k);
  if (m == CLS_ASK_COMMITMENT) return;
  int by_model = (r->model_moves & BIT(CLS_ASK_COMMITMENT)) != 0;
  r->moves = (r->moves & ~BIT(CLS_ASK_COMMITMENT)) | BIT(m);
  r->model_moves &= ~BIT(CLS_ASK_COMMITMENT);
  if (by_model) r->model_moves |= BIT(m);
  if (c->model && cls_payment_named(r)) r->specific = 1;
}

/* An ask that names a rung (by its keyword or by meaning) names that rung's step: with a time and
** someone to bring or somewhere to be, it is specific whatever verb it puts the step in ("could i
** leave you a four-place setting for your window for two weeks starting this saturday?" linked
** the window sample, and "leave" is no action word: "What exactly are you asking me to do, and by
** when?", play-test 22).  Not a vague ask, nor a payment (cls_payment_named judges those). */
static void rung_action(cls_result *r) {
  if (r->specific || r->vague || r->negated || r->commitment < 0 || !(r->moves & ASKS) || CLS_HAS(r, CLS_ASK_PAYMENT) ||
      r->slots[CLS_SLOT_ACTION] || !r->slots[CLS_SLOT_TIME] || !(r->slots[CLS_SLOT_PERSON] || r->slots[CLS_SLOT_PLACE]))
    return;
  r->specific = 1;
  *cls_match_push(r) = (cls_match){ xstrdup("specific"), xstrdup("rule:rung_action"),
                                     xasprintf("engine/classify_model.c:%d", __LINE__), 0, strlen(r->norm), 0 };
}

/* 1 when the normalised text t ends in a question mark (spaces aside): a question to the end, not
** a tag inside a statement ("利润薄是吧,那我们给您的返点很高的" tells a benefit). */
static int ends_asking(const char *t) {
  size_t n = t ? strlen(t) : 0;
  while (n > 0 && t[n - 1] == ' ') n--;
  return n > 0 && t[n - 1] == '?';
}

void cls_classify(const cls_classifier *c, const char *line, size_t len, cls_result *out) {
  cl_memo memo = { .norm = NULL };   /* the line's clauses, read once for the rules (out->clauses) */
  cls_read_rules(c, line, len, &memo, out);
  cls_apply_model(c, out);
  cls_apply_off(c, out);
  if (c->model) {   /* the trainer (no model) reads the features without these */
    cls_late_courtesy(out);
    cls_late_glad_to_see(out);
    cls_late_relative(out);
    cls_late_question(c, out);
    answer_not_features(out);
    cls_late_chain(out);
    cls_late_loss_asked(out);
    cls_late_benefit_not_loss(out);
    cls_late_ask_until(out);
    cls_late_seller_request(out);
    cls_late_order_words(out);
    cls_late_confirm_tag(c, out);
    cls_late_restated_tag(c, out);
    cls_late_recap_no_ask(out);
    cls_late_recap_then_question(out);
    cls_late_needs_recap(out);
    cls_late_confirm_then_open(out);
    cls_late_confirm_frame(out);
    cls_late_saving_not_discount(out);
    cls_late_points_off(out);
    cls_late_benefit_free(c, out);
    cls_late_agenda(out);
    cls_late_offer_consent(out);
    cls_late_seller_visit(out);
    cls_late_time_suits(out);
    cls_late_suggestion(out);
    cls_late_when_asked(out);
    cls_late_idiom_not_scarce(out);
    cls_late_deal_runs_out(out);
    cls_late_works_for_you(out);
    cls_late_support_thanks(out);
    cls_late_proper_place(out);
    cls_late_texted_confirm(out);
    cls_late_as_is(out);
    cls_late_as_is_lead(out);
    cls_late_topic_seller(out);
    cls_late_restated_pain(out);
    cls_late_restated_payment(out);
    cls_late_deferred_payment(out);
    cls_late_restated_gain(out);
    cls_late_situation_gain(out);
    cls_late_request_to_approve(out);
    cls_late_check_after_needs(out);
    cls_late_missing_check(out);
    cls_late_rude(out);
    cls_late_cut_off(out);
    cls_late_hypothetical(out);
    cls_late_capability_question(out);
    cls_late_conditions_probe(out);
    cls_late_only_effort(out);
    cls_late_small_talk_tag(out);
    cls_late_seller_permission(out);
    cls_late_casual_leave(out);
    cls_late_pilot_order(c, out);
    cls_late_conditional_order(c, out);
    cls_late_stated_roles(c, out);
    cls_late_agenda_question(out);
    cls_late_week_of(out);
    cls_late_ask_time(out);
    cls_late_introduce(out);
    cls_late_discount_withdrawn(out);
    cls_late_gapped_pay_keyword(c, out);
    cls_late_last_rung(c, out);
    cls_late_referral_told(out);
    cls_late_what_if(out);
    cls_late_pay_back(out);
    cls_late_opinion_ask(out);
    cls_late_not_right(out);
    cls_late_order_now(out);
    cls_late_concern_check(out);
    cls_late_please_invite(out);
    cls_late_person_request(out);
    cls_late_read_past(out);
    cls_late_xing_bu(out);
    cls_late_signed_note(out);
    cls_late_restated_statement(out);
    cls_late_tail_ask(c, out);
    cls_late_talk_invite(out);
    cls_late_who_must_agree(out);
    cls_late_negated_gain(out);
    cls_late_negated_ask(out);
    cls_late_confirm_nothing(c, out);
    cls_late_ask_then_statement(c, out);
    cls_late_what_if_we(out);
    cls_late_offer_to_show(c, out);
    cls_late_keep_in_touch(out);
    cls_late_suggested_rung(c, out);
    cls_late_place_noun(out);
    cls_late_must_go(out);
    cls_late_price_praised(out);
    cls_late_dropping_by(out);
    cls_late_put_off(c, out);
    cls_late_together(out);
    cls_late_weekday_week(out);
    cls_late_corrected_time(out);
    cls_late_cost_again(out);
    cls_late_pseudo_cleft(out);
    cls_late_payment_situation(out);
    cls_late_anything_said(out);
    cls_late_indefinite_wh(out);
    cls_late_past_favour(out);
    cls_late_sweetener(c, out);
    cls_late_worry_offer(out);
    cls_late_acknowledged_answer(out);
    cls_late_proposal_frame(out);
    cls_late_self_pitch(out);
    cls_late_dated_proposal(c, out);
    cls_late_deal_ends(out);
    cls_late_price_rise(out);
    cls_late_blame_fear(out);
    cls_late_drop_by_amount(out);
    cls_late_still_to_weigh(out);
    cls_late_feature_run(out);
    cls_late_quantity_order(out);
    cls_late_rung_by_meaning(c, out);   /* (before the rules that read an ask as something else) */
    cls_late_sum_cut(out);
    cls_late_situation_playback(out);
    cls_late_confirmed_not_asked(out);
    cls_late_think_over(out);
    cls_late_talk_later(out);
    cls_late_answer_check(out);
    cls_late_which(out);
    cls_late_always_time(out);
    cls_late_pitch_slots(out);
    cls_late_else_check(out);
    cls_late_playback(out);
    cls_late_introduce_me(c, out);
    cls_late_orders_busy(out);
    cls_late_rebate_not_cut(out);
    cls_late_cut_if_order(out);
    cls_late_rung_vote(c, out);
    cls_late_who_works(out);
    cls_late_model_margin(c, out);
    cls_late_turn_passing(out);
    cls_late_history_not_scarce(out);
    cls_late_as_is_rung_person(out);
    cls_late_summary_check(out);
    cls_late_pitch_put_off(out);
    cls_late_let_you_go(out);
    cls_late_confirm_tail(out);
    cls_late_clause_person(out);
    cls_late_budget_question(out);
    cls_late_where_we_are(out);
    cls_late_own_approval(out);
    cls_late_contempt(out);
    /* a question left with no move at all (the model vetoed the rules' only reading) is still the
    ** question it is: "Fair enough. What would you need to see to feel they're worth it?" lost its
    ** gain to the veto and was read as nothing, so the probe she answered went unseen (play-test
    ** 26c: "-15 lowered without asking why"); so is one beside a thanks or praise only (play-test
    ** 32: a thanks, then a question the rules had no word for, was answered as a greeting) */
    if (!(out->moves & ~(BIT(CLS_THANK) | BIT(CLS_PRAISE))) && ends_asking(out->norm)) cls_read_question(out);
  }
  /* a payment ask naming the sum and the day is specific, in digits or Chinese numerals, as the
  ** scorer's payment_specific judges it.  Over the model's reading only: the trainer (which has
  ** no model) makes its features from the rules' own `specific`, as the reader does */
  if (c->model && cls_payment_named(out)) out->specific = 1;
  if (out->moves & ASKS) cls_link_meaning(c, out, 1);   /* the rung an ask names, by meaning */
  if (c->model) cls_late_bare_step(c, out);   /* "shall we go ahead then?": no rung, vague */
  if (c->model) cls_late_samples_not_order(c, out);   /* a few samples: no order by meaning */
  cls_late_other_day_payment(c, out);   /* another day: not the rung paid today */
  rung_kind(c, out);
  rung_action(out);
  if (c->model) cls_late_pay_when(out);   /* (a payment ask by its rung's kind too) */
  out->clauses = NULL;   /* memo ends with this frame */
}

const char *cls_model_label(cls_move m) {
  if (m == CLS_LOSS_APPEAL) return "loss";
  if (m == CLS_GAIN_APPEAL) return "gain";
  if ((ASKS | BIT(CLS_LOWER_ASK)) & BIT(m)) return "ask";
  return cls_move_name(m);
}

int cls_model_evidence(const cls_classifier *c, const cls_result *r, const char *label,
                       const char **names, float *weights, int n) {
  const mdl_image *m = c->model;
  int l = m ? mdl_label(m, label) : -1;
  if (l < 0 || !r->probs) return 0;
  float x = r->n_features > 0 ? 1.0f / sqrtf((float)r->n_features) : 0;
  int got = 0;
  for (int i = 0; i < r->n_rows; i++) {
    float w = m->weights[(size_t)r->rows[i] * (size_t)m->n_labels + (size_t)l] * x;
    int at = got < n ? got : n;   /* insertion by |weight|, strongest first */
    while (at > 0 && fabsf(weights[at - 1]) < fabsf(w)) at--;
    if (at >= n) continue;
    for (int k = (got < n ? got : n - 1); k > at; k--) { names[k] = names[k - 1]; weights[k] = weights[k - 1]; }
    names[at] = m->names + m->name_off[r->rows[i]];
    weights[at] = w;
    if (got < n) got++;
  }
  return got;
}

/* A scenario's `lexicon: switch_off:` says what those words are not: a move whose phrase it switched
** off, found in the line, is not given by the model either (it reads characters and words, and
** would read the same cue); a rule phrase still standing for the move keeps it. */
void cls_apply_off(const cls_classifier *c, cls_result *r) {
  const scenario *sc = c->sc;
  if (!sc || !r->norm) return;
  for (int i = 0; i < sc->n_lexicon; i++) {
    const scn_lex_entry *e = &sc->lexicon[i];
    int m = e->off ? cls_move_from_name(e->name) : -1;
    if (e->off && m < 0 && strcmp(e->name, "scarcity") == 0) m = CLS_LOSS_APPEAL;   /* a loss cue (cls_switch_off) */
    if (m < 0 || !((r->model_moves >> m) & 1)) continue;
    for (int j = 0; j < e->phrases.n; j++) {
      char *p = txt_normalize(e->phrases.v[j], strlen(e->phrases.v[j]), NULL);
      const char *at = *p ? strstr(r->norm, p) : NULL;
      if (at) {
        r->moves &= ~BIT(m);
        r->model_moves &= ~BIT(m);
        char *why = msg_get(MSG_CLI_LANG, "cli.lexicon.switched_off", "phrase", e->phrases.v[j], NULL);
        char *src = xasprintf("%s:%d", sc->file ? sc->file : "scenario", e->pos.line);
        *cls_match_push(r) = (cls_match){ xasprintf("off:%s", e->name), why, src,
                                          (size_t)(at - r->norm), (size_t)(at - r->norm) + strlen(p), 0 };
        free(p);
        break;
      }
      free(p);
    }
  }
  if (r->tactic == CLS_TACTIC_LOSS && !CLS_HAS(r, CLS_LOSS_APPEAL) && !CLS_HAS(r, CLS_THREAT))
    r->tactic = CLS_HAS(r, CLS_GAIN_APPEAL) || CLS_HAS(r, CLS_PROOF) || CLS_HAS(r, CLS_SUMMARIZE_BENEFITS)
                ? CLS_TACTIC_GAIN : CLS_TACTIC_NONE;
}
