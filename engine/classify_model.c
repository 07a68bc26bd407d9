/*
** classify_model.c: the rules' reading, then the model's where the rules are silent.
**
** How the two combine (docs/classifier.md, "Rules and model"):
**  - A move or flag the rules gave stands: a phrase in the lexicon is explicit.
**  - Where the rules gave none, the model's probability at or above its label's threshold
**    (calibrated at training time) gives it: an ask (of the kind the model finds likeliest),
**    a concern check, a benefits summary, a gain or loss tactic (with its appeal move), and on
**    an ask the flags specific or vague.
**  - A negation the rules read over an ask ("不需要演示", "no need to meet") is explicit too:
**    the model gives no ask on such a line, and a threat keeps its loss tactic without a loss
**    appeal.
** Every move the model gave is listed in model_moves, and cls_model_evidence names the
** features that weighed most, so classify can always say why.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "featurize.h"
#include "util.h"

#define BIT(m) ((uint64_t)1 << (m))
#define ASKS (BIT(CLS_ASK_COMMITMENT) | BIT(CLS_ASK_ORDER) | BIT(CLS_ASK_PAYMENT) | BIT(CLS_ASK_REFERRAL))

/* Moves the model may give besides the asks and the tactics, under their own names. */
static const cls_move model_moves[] = {
  CLS_CHECK_CONCERNS, CLS_SUMMARIZE_BENEFITS, CLS_CONFIRM_NEED, CLS_ASK_DECISION_CHAIN,
  CLS_PROBE_REFUSAL,
};

/* Probability of a label, or -1 when the model has no such label. */
static float prob(const cls_classifier *c, const cls_result *r, const char *name, float *thr) {
  int l = mdl_label(c->model, name);
  if (l < 0) return -1;
  if (thr) *thr = c->model->threshold[l];
  return r->probs[l];
}

static int fires(const cls_classifier *c, const cls_result *r, const char *name) {
  float thr = 0, p = prob(c, r, name, &thr);
  return p >= 0 && p >= thr;
}

static void give(cls_result *r, cls_move m) {
  r->moves |= BIT(m);
  r->model_moves |= BIT(m);
}

void cls_apply_model(const cls_classifier *c, cls_result *r) {
  const mdl_image *m = c->model;
  if (!m) return;
  ft_set *fs = xmalloc(sizeof *fs);
  fs->keep_names = 0;
  ft_extract(c->stem, r, fs);
  r->rows = xmalloc(sizeof *r->rows * (size_t)(fs->n + 1));
  for (int i = 0; i < fs->n; i++) {
    int slot = mdl_lookup(m, fs->keys[i]);
    if (slot >= 0 && m->index[slot] >= 0) r->rows[r->n_rows++] = m->index[slot];
  }
  r->n_features = fs->n;
  free(fs);
  r->n_probs = m->n_labels;
  r->probs = xmalloc(sizeof *r->probs * (size_t)m->n_labels);
  mdl_predict(m, r->rows, r->n_rows, r->n_features, r->probs);

  /* an ask, of the likeliest kind */
  if (!(r->moves & ASKS) && !r->negated && fires(c, r, "ask")) {
    static const cls_move kinds[] = { CLS_ASK_COMMITMENT, CLS_ASK_ORDER, CLS_ASK_PAYMENT, CLS_ASK_REFERRAL };
    cls_move best = CLS_ASK_COMMITMENT;
    float bp = -1;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
      float p = prob(c, r, cls_move_name(kinds[k]), NULL);
      if (p > bp) { bp = p; best = kinds[k]; }
    }
    give(r, best);
    r->moves &= ~(BIT(CLS_SELLER_ACTION) | BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION) |
                  BIT(CLS_PRESENT_FEATURE));
  }
  for (size_t k = 0; k < sizeof model_moves / sizeof *model_moves; k++) {
    cls_move mv = model_moves[k];
    if (CLS_HAS(r, mv) || !fires(c, r, cls_move_name(mv))) continue;
    if (mv == CLS_CHECK_CONCERNS && CLS_HAS(r, CLS_PROBE_REFUSAL)) continue;
    give(r, mv);
  }
  if (r->model_moves & (ASKS | BIT(CLS_CHECK_CONCERNS) | BIT(CLS_SUMMARIZE_BENEFITS) |
                        BIT(CLS_CONFIRM_NEED) | BIT(CLS_ASK_DECISION_CHAIN) | BIT(CLS_PROBE_REFUSAL)))
    r->moves &= ~(BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION));   /* the question is that move */
  if (CLS_HAS(r, CLS_SUMMARIZE_BENEFITS) && (r->model_moves & BIT(CLS_SUMMARIZE_BENEFITS)))
    r->moves &= ~(BIT(CLS_PRESENT_FEATURE) | BIT(CLS_SELLER_ACTION));

  /* flags of an ask */
  if (r->moves & ASKS) {
    if (!r->specific && !r->vague && fires(c, r, "specific")) { r->specific = 1; r->model_flags |= CLS_BY_MODEL_SPECIFIC; }
    if (!r->specific && !r->vague && fires(c, r, "vague")) { r->vague = 1; r->model_flags |= CLS_BY_MODEL_VAGUE; }
  }
  /* tactics: loss before gain, as the rules rank them */
  if (r->tactic == CLS_TACTIC_NONE) {
    if (fires(c, r, "loss")) {
      r->tactic = CLS_TACTIC_LOSS;
      r->model_flags |= CLS_BY_MODEL_TACTIC;
      if (!CLS_HAS(r, CLS_THREAT)) give(r, CLS_LOSS_APPEAL);
    } else if (fires(c, r, "gain")) {
      r->tactic = CLS_TACTIC_GAIN;
      r->model_flags |= CLS_BY_MODEL_TACTIC;
      if (!CLS_HAS(r, CLS_PRESENT_BENEFIT) && !CLS_HAS(r, CLS_PROOF)) give(r, CLS_GAIN_APPEAL);
    }
  }
}

void cls_classify(const cls_classifier *c, const char *line, size_t len, cls_result *out) {
  cls_read_rules(c, line, len, out);
  cls_apply_model(c, out);
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
