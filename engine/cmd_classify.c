/*
** cmd_classify.c: `salesim classify [--lang zh|en] [--scenario FILE] [--json] [TEXT | -]`.
** Shows how a line is read: moves, slots, why it is specific or vague, and every phrase and
** pattern that matched with the file and line where it is written, so a trainer can fix a
** lexicon in a minute.  With `-`, one reading per line of standard input.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include <jansson.h>

#include "scncheck.h"
#include "classify.h"
#include "link.h"
#include "clause.h"
#include "cli.h"
#include "msg.h"
#include "msg_cli.h"
#include "model.h"
#include "scenario.h"
#include "text.h"
#include "util.h"

typedef struct opts {
  const char *lang;
  const char *scenario_path;
  int json;
  scenario *sc;
  cls_classifier *by_lang[2];   /* zh, en: built on first use */
} opts;

/* The classifier for a language, built once; NULL (message printed) when it cannot load. */
static cls_classifier *classifier_for(opts *o, const char *lang) {
  int k = strcmp(lang, "zh") == 0 ? 0 : 1;
  if (o->by_lang[k]) return o->by_lang[k];
  diag d;
  diag_init(&d);
  o->by_lang[k] = cls_new(lang, o->sc, &d);
  if (!o->by_lang[k]) diag_print(&d, stderr);
  diag_free(&d);
  return o->by_lang[k];
}

/* "yes" or "no" in the commands' language (a static copy: the catalogue's own text). */
static const char *yes_no(int b) { return msg_text(MSG_CLI_LANG, b ? "cli.classify.yes" : "cli.classify.no"); }

/* A number with two decimals, as the text shows probabilities and scores. */
static const char *num2(char *buf, size_t n, double v) { snprintf(buf, n, "%.2f", v); return buf; }

/* The "specific:" line: yes or no and why. */
static void explain_specific(const cls_result *r, FILE *out) {
  int ask = CLS_HAS(r, CLS_ASK_COMMITMENT) || CLS_HAS(r, CLS_ASK_ORDER) || CLS_HAS(r, CLS_ASK_PAYMENT) ||
            CLS_HAS(r, CLS_ASK_REFERRAL);
  const char *why = r->specific ? (cls_payment_named(r) ? "cli.classify.specific.amount"
                                  : r->slots[CLS_SLOT_PERSON] ? "cli.classify.specific.person" : "cli.classify.specific.place")
                  : !ask ? "cli.classify.specific.no_ask" : r->vague ? "cli.classify.specific.vague" : NULL;
  if (why) {
    char *m = msg_get(MSG_CLI_LANG, why, NULL);
    msg_fprint(out, "cli.classify.specific", "why", m, NULL);
    free(m);
    return;
  }
  /* what the ask leaves out, as a list of catalogue keys (msg.h's "@key,key" argument) */
  strbuf b = {0};
  if (!r->slots[CLS_SLOT_ACTION] && !CLS_HAS(r, CLS_ASK_ORDER) && !CLS_HAS(r, CLS_ASK_PAYMENT) &&
      !CLS_HAS(r, CLS_ASK_REFERRAL)) sb_puts(&b, ",cli.classify.missing.action");
  if (!r->slots[CLS_SLOT_TIME]) sb_puts(&b, ",cli.classify.missing.time");
  if (!r->slots[CLS_SLOT_PERSON] && !r->slots[CLS_SLOT_PLACE]) sb_puts(&b, ",cli.classify.missing.person_place");
  if (b.s) b.s[0] = '@';
  char *m = msg_get(MSG_CLI_LANG, "cli.classify.specific.missing", "missing", b.s ? b.s : "@cli.classify.missing.everything", NULL);
  msg_fprint(out, "cli.classify.specific", "why", m, NULL);
  free(m);
  sb_free(&b);
}

/* Labels of the model that gave something to this reading, with what they gave. */
static int model_gave(const cls_result *r, const char **labels, const char **gave) {
  int n = 0;
  for (int m = 0; m < CLS_MOVE_COUNT; m++) {
    if (!((r->model_moves >> m) & 1)) continue;
    labels[n] = cls_model_label((cls_move)m);
    gave[n++] = cls_move_name((cls_move)m);
  }
  if (r->model_flags & CLS_BY_MODEL_SPECIFIC) { labels[n] = "specific"; gave[n++] = "specific"; }
  if (r->model_flags & CLS_BY_MODEL_VAGUE) { labels[n] = "vague"; gave[n++] = "vague"; }
  if ((r->model_flags & CLS_BY_MODEL_TACTIC) && r->tactic != CLS_TACTIC_NONE &&
      !(r->model_moves & (((uint64_t)1 << CLS_LOSS_APPEAL) | ((uint64_t)1 << CLS_GAIN_APPEAL)))) {
    labels[n] = gave[n] = r->tactic == CLS_TACTIC_LOSS ? "loss" : "gain";
    n++;
  }
  return n;
}

#define EVIDENCE 5   /* features shown per label the model gave */

/* What the model gave and why: its probability, the threshold and the strongest features. */
static void print_model(const cls_classifier *c, const cls_result *r, FILE *out) {
  const char *labels[CLS_MOVE_COUNT + 4], *gave[CLS_MOVE_COUNT + 4];
  int n = model_gave(r, labels, gave);
  if (!r->probs) { msg_fprint(out, "cli.classify.model.none", NULL); return; }
  const mdl_image *m = cls_model(c);
  /* what the rules read and the model overruled, or would have but the scenario's evidence kept */
  int asks = (r->moves & CLS_ASK_MOVES) != 0;
  for (int mv = 0; mv < CLS_MOVE_COUNT; mv++) {
    int vetoed = (r->model_vetoed >> mv) & 1, kept = (r->scenario_kept >> mv) & 1;
    /* a kind the model replaced by another ("ask_commitment" read as a referral): its own label */
    int kind = (int)(CLS_ASK_MOVES >> mv & 1);
    const char *lab = kind && asks ? cls_move_name((cls_move)mv) : cls_model_label((cls_move)mv);
    int l = vetoed || kept ? mdl_label(m, lab) : -1;
    char p[32], t[32];
    if (l >= 0)
      msg_fprint(out, vetoed ? (kept ? "cli.classify.model.not_read_kept" : "cli.classify.model.not_read")
                      : (kept ? "cli.classify.model.not_kept" : "cli.classify.model.not"),
          "move", cls_move_name((cls_move)mv), "p", num2(p, sizeof p, (double)r->probs[l]),
          "threshold", num2(t, sizeof t, (double)m->threshold[l]), NULL);
  }
  if (n == 0) {
    if (!r->model_vetoed && !r->scenario_kept) msg_fprint(out, "cli.classify.model.agrees", NULL);
    return;
  }
  for (int i = 0; i < n; i++) {
    int l = mdl_label(m, labels[i]);
    const char *names[EVIDENCE];
    float w[EVIDENCE];
    int k = cls_model_evidence(c, r, labels[i], names, w, EVIDENCE);
    strbuf ev = {0};
    for (int j = 0; j < k; j++) sb_printf(&ev, " %s %+.2f", names[j], (double)w[j]);
    char p[32], t[32];
    msg_fprint(out, "cli.classify.model.gave", "label", gave[i], "p", num2(p, sizeof p, (double)r->probs[l]),
        "threshold", num2(t, sizeof t, (double)m->threshold[l]), "evidence", ev.s ? ev.s : "", NULL);
    sb_free(&ev);
  }
}

/* The items a line is closest to, by meaning (link.h), for needs and benefits: the three best
** of each with their scores, the threshold, and the nearest text, so a trainer sees why a line
** did not link and which example to add.  Nothing without a scenario that has examples. */
/* The three nearest items of a kind, and any other that scores at all (a blind trainer's fourth
** need, at 0.11, was left out of a list of three). */
#define NEAR_SHOWN 3
#define near_shown(h, i) ((i) < NEAR_SHOWN || (h)[i].score > 0)
static double round2(float v) { return (double)(long)((double)v * 100.0 + 0.5) / 100.0; }
static const char *near_id(const scenario *sc, lnk_kind k, int i) {
  const char *id = k == LNK_NEED ? sc->needs[i].id : k == LNK_OBJECTION ? sc->objections[i].id
                 : k == LNK_COMMITMENT ? sc->commitments[i].id : sc->benefits[i].id;
  return id ? id : "?";
}
static int near_linked(const cls_result *r, lnk_kind k, int i) {
  if (k == LNK_COMMITMENT) return r->commitment == i;
  const int *v = k == LNK_NEED ? r->needs : k == LNK_OBJECTION ? r->objections : r->benefits;
  int n = k == LNK_NEED ? r->n_needs : k == LNK_OBJECTION ? r->n_objections : r->n_benefits;
  for (int j = 0; j < n; j++) if (v[j] == i) return 1;
  return 0;
}
/* The scenario keyword that linked item i of kind k in r, or NULL (a link by meaning). */
static const char *near_keyword(const scenario *sc, const cls_result *r, lnk_kind k, int i) {
  const char *kind = lnk_kind_name(k), *id = near_id(sc, k, i);
  size_t n = strlen(kind);
  for (int m = 0; m < r->n_matches; m++) {
    const cls_match *x = &r->matches[m];
    if (strncmp(x->label, kind, n) == 0 && x->label[n] == ':' && strcmp(x->label + n + 1, id) == 0 && x->phrase &&
        strncmp(x->phrase, "similar:", 8) != 0)
      return x->phrase;
  }
  return NULL;
}
/* The items r linked, "need crew_time, benefit remote_check", into b (what a clause chose instead). */
static void near_chosen(const scenario *sc, const cls_result *r, strbuf *b) {
  const lnk_kind kinds[3] = { LNK_NEED, LNK_BENEFIT, LNK_OBJECTION };
  for (int k = 0; k < 3; k++) {
    const int *v = kinds[k] == LNK_NEED ? r->needs : kinds[k] == LNK_OBJECTION ? r->objections : r->benefits;
    int n = kinds[k] == LNK_NEED ? r->n_needs : kinds[k] == LNK_OBJECTION ? r->n_objections : r->n_benefits;
    for (int j = 0; j < n; j++) sb_printf(b, "%s%s %s", b->len ? ", " : "", lnk_kind_name(kinds[k]), near_id(sc, kinds[k], v[j]));
  }
}
/* The clause of r where item i of kind k scores best by meaning (each clause links on its own):
** its index in cl (n clauses), or -1 when it scores in none. */
static int near_clause(const cls_classifier *c, const cls_result *r, const cl_clause *cl, int n, lnk_kind k, int i) {
  char *text = cls_link_norm(r);
  int best = -1;
  float top = 0;
  for (int j = 0; j < n; j++) {
    lnk_hit h[64];
    int m = lnk_rank(cls_links(c), cls_stemmer(c), text + cl[j].start, cl[j].end - cl[j].start, k, h, 64);
    for (int q = 0; q < m; q++)
      if (h[q].item == i && h[q].score > top) top = h[q].score, best = j;
  }
  free(text);
  return best;
}
/* The items linked inside clause cl of r, "need crew_time, benefit remote_check", into b (what that
** clause chose instead; the whole line's links were listed, play-test 31c M9). */
static void near_chosen_in(const cls_result *r, const cl_clause *cl, strbuf *b) {
  static const char *const kinds[] = { "need:", "benefit:", "objection:" };
  for (int m = 0; m < r->n_matches; m++) {
    const cls_match *x = &r->matches[m];
    if (x->start < cl->start || x->start >= cl->end) continue;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
      size_t l = strlen(kinds[k]);
      if (strncmp(x->label, kinds[k], l) != 0) continue;
      char item[160];
      snprintf(item, sizeof item, "%.*s %s", (int)l - 1, x->label, x->label + l);
      if (!b->s || !strstr(b->s, item)) sb_printf(b, "%s%s", b->len ? ", " : "", item);
    }
  }
}
static int near_rank(const cls_classifier *c, const scenario *sc, const cls_result *r, lnk_kind k, lnk_hit *h) {
  int cap = k == LNK_NEED ? sc->n_needs : k == LNK_OBJECTION ? sc->n_objections
          : k == LNK_COMMITMENT ? sc->n_commitments : sc->n_benefits;
  char *text = cls_link_norm(r);   /* what the links were made from */
  int n = lnk_rank(cls_links(c), cls_stemmer(c), text, strlen(text), k, h, cap < 64 ? cap : 64);
  free(text);
  return n;
}
/* The best score of the scenario's unrelated lines for r's line (0: none), its text in *text. */
static float near_unrelated(const cls_classifier *c, const cls_result *r, int *text) {
  char *norm = cls_link_norm(r);   /* what the links were made from */
  float s = lnk_unrelated(cls_links(c), cls_stemmer(c), norm, strlen(norm), text);
  free(norm);
  return s;
}
static void print_near(const cls_classifier *c, const scenario *sc, const cls_result *r, FILE *out) {
  const lnk_index *x = cls_links(c);
  if (!x) return;
  char tn[32], tb[32], to[32], floor[32];
  num2(floor, sizeof floor, (double)LNK_WEAK_FLOOR);
  char tr[32];
  msg_fprint(out, "cli.classify.closest", "need", num2(tn, sizeof tn, (double)lnk_threshold_of(x, LNK_NEED)),
             "benefit", num2(tb, sizeof tb, (double)lnk_threshold_of(x, LNK_BENEFIT)),
             "objection", num2(to, sizeof to, (double)lnk_threshold_of(x, LNK_OBJECTION)),
             "rung", num2(tr, sizeof tr, (double)lnk_threshold_of(x, LNK_COMMITMENT)), "floor", floor, NULL);
  int ut;   /* the scenario's unrelated line nearest to the line: what may have held a link back */
  float us = near_unrelated(c, r, &ut);
  /* the objections too: a trainer's answer to one went unread and only --json said why */
  /* and the rungs: a trainer could not see an ask's near misses (play-test 31c M2) */
  const lnk_kind kinds[4] = { LNK_NEED, LNK_BENEFIT, LNK_OBJECTION, LNK_COMMITMENT };
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  for (int k = 0; k < 4; k++) {
    lnk_hit h[64];
    int n = near_rank(c, sc, r, kinds[k], h);
    for (int i = 0; i < n; i++) {
      int linked = near_linked(r, kinds[k], h[i].item);
      if (!near_shown(h, i) && !linked) continue;   /* a keyword's link at 0.00 is shown too */
      strbuf m = {0};
      /* a keyword's link says so (a blind trainer read "0.00 linked" as a contradiction) */
      const char *kw = linked ? near_keyword(sc, r, kinds[k], h[i].item) : NULL;
      int at = !linked && kinds[k] != LNK_COMMITMENT && lnk_passes(x, &h[i]) ? near_clause(c, r, cl, ncl, kinds[k], h[i].item) : -1;
      int request = at >= 0 && (cl[at].mood == CL_MOOD_REQUEST ||   /* or an agentless clause going on with one */
                                (cl[at].agent == CL_AGENT_NONE && at > 0 && cl[at - 1].mood == CL_MOOD_REQUEST));
      msg_sbput(&m, kw ? "cli.classify.near.by_keyword" : linked ? "cli.classify.near.linked" :
                    !lnk_linkable(x, kinds[k], h[i].item) ? "cli.classify.near.no_examples" :
                    request ? "cli.classify.near.not_linked" :
                    lnk_passes(x, &h[i]) ? "cli.classify.near.not_best" :
                    h[i].score >= lnk_threshold_of(x, kinds[k]) ? "cli.classify.near.weak" : "cli.classify.near.below",
                "floor", floor, NULL);
      const char *mark = m.s ? m.s : "";
      int pad = 21 - txt_width(mark);
      if (pad < 1) pad = 1;   /* a column by display width: the mark may be CJK */
      /* a score just under the threshold shows its third decimal: "0.12 below" a 0.12 threshold
      ** read as a contradiction (blind trainer, round 11) */
      double thr = lnk_threshold_of(x, kinds[k]), sc2 = round2(h[i].score);
      int fine = h[i].score < thr && sc2 >= round2((float)thr);
      char score[16];
      snprintf(score, sizeof score, "%.*f", fine ? 3 : 2, (double)h[i].score);
      fprintf(out, "  %-9s %-22s %-5s  %s%*s", kinds[k] == LNK_COMMITMENT ? "rung" : lnk_kind_name(kinds[k]),
              near_id(sc, kinds[k], h[i].item),
              score, mark, pad > 0 ? pad : 0, "");
      strbuf rest = {0};
      if (kw) msg_sbput(&rest, "cli.classify.near.keyword", "keyword", kw, NULL);
      else if (!linked && lnk_passes(x, &h[i]) && lnk_linkable(x, kinds[k], h[i].item)) {
        /* which items the line's clauses chose instead (the trainer could not tell) */
        strbuf chosen = {0};
        if (at >= 0) near_chosen_in(r, &cl[at], &chosen);
        else near_chosen(sc, r, &chosen);
        /* a request links a rung only ("How would you fund a project like this, cash or
        ** borrowing?": "its clause linked instead: -", play-test 31c M9) */
        if (request && !chosen.len) msg_sbput(&rest, "cli.classify.near.request", NULL);
        else if (!chosen.len && us > 0) msg_sbput(&rest, "cli.classify.near.held_back", NULL);   /* the row below */
        else msg_sbput(&rest, "cli.classify.near.chosen", "items", chosen.len ? chosen.s : "-", NULL);
        sb_free(&chosen);
      } else if (h[i].text >= 0)
        msg_sbput(&rest, "cli.classify.near.nearest", "kind", lnk_text_kind(x, h[i].text), "text", lnk_text(x, h[i].text), NULL);
      else if (h[i].score > 0) msg_sbput(&rest, "cli.classify.near.no_text", NULL);
      fprintf(out, "%s%s\n", rest.s ? " " : "", rest.s ? rest.s : "");
      sb_free(&rest);
      sb_free(&m);
    }
  }
  if (us > 0) {   /* the nearest unrelated line, as a row of its own */
    strbuf rest = {0};
    msg_sbput(&rest, "cli.classify.near.nearest", "kind", lnk_text_kind(x, ut), "text", lnk_text(x, ut), NULL);
    fprintf(out, "  %-9s %-22s %-5.2f  %-21s %s\n", "unrelated", "-", (double)us, "", rest.s ? rest.s : "");
    sb_free(&rest);
  }
}
static json_t *near_json(const cls_classifier *c, const scenario *sc, const cls_result *r) {
  const lnk_index *x = cls_links(c);
  json_t *o = json_object();
  json_object_set_new(o, "threshold", json_real(round2(lnk_threshold_of(x, LNK_NEED))));
  json_object_set_new(o, "benefit_threshold", json_real(round2(lnk_threshold_of(x, LNK_BENEFIT))));
  json_object_set_new(o, "weak_floor", json_real(round2(LNK_WEAK_FLOOR)));
  json_object_set_new(o, "objection_threshold", json_real(round2(lnk_threshold_of(x, LNK_OBJECTION))));
  const lnk_kind kinds[4] = { LNK_NEED, LNK_BENEFIT, LNK_OBJECTION, LNK_COMMITMENT };
  const char *keys[4] = { "needs", "benefits", "objections", "rungs" };
  json_object_set_new(o, "rung_threshold", json_real(round2(lnk_threshold_of(x, LNK_COMMITMENT))));
  for (int k = 0; k < 4; k++) {
    lnk_hit h[64];
    int n = near_rank(c, sc, r, kinds[k], h);
    json_t *a = json_array();
    for (int i = 0; i < n && near_shown(h, i); i++)
      json_array_append_new(a, json_pack("{s:s, s:f, s:b, s:b, s:b, s:s, s:s}", "id", near_id(sc, kinds[k], h[i].item),
                                         "score", round2(h[i].score), "linked", near_linked(r, kinds[k], h[i].item),
                                         "weak", h[i].weak,
                                         "has_examples", lnk_linkable(x, kinds[k], h[i].item),
                                         "nearest", h[i].text >= 0 ? lnk_text(x, h[i].text) : "",
                                         "nearest_is", h[i].text >= 0 ? lnk_text_kind(x, h[i].text) : ""));
    json_object_set_new(o, keys[k], a);
  }
  int ut;
  float us = near_unrelated(c, r, &ut);
  if (us > 0)
    json_object_set_new(o, "unrelated", json_pack("{s:f, s:s}", "score", round2(us), "nearest", lnk_text(x, ut)));
  return o;
}

/* The readable explanation for a trainer. */
static void print_text(const cls_classifier *c, const cls_result *r, const scenario *sc, const char *lang, FILE *out) {
  msg_fprint(out, "cli.classify.line", "text", r->text, NULL);
  msg_fprint(out, "cli.classify.read_as", "text", r->norm, "lang", lang, NULL);
  const char *sep = msg_text(MSG_CLI_LANG, "sep.list");
  strbuf b = {0};
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(r, m)) {
      if (b.s) sb_puts(&b, sep);
      if ((r->model_moves >> m) & 1) msg_sbput(&b, "cli.classify.by_model", "move", cls_move_name((cls_move)m), NULL);
      else sb_puts(&b, cls_move_name((cls_move)m));
    }
  if (!b.s) msg_sbput(&b, "cli.classify.none", NULL);
  msg_fprint(out, "cli.classify.moves", "moves", b.s, NULL);
  sb_free(&b);
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  for (int k = 0; k < ncl; k++) {
    char *text = xstrndup(r->norm + cl[k].start, (size_t)(cl[k].end - cl[k].start));
    msg_sbput(&b, cl[k].addressed ? "cli.classify.clause_addressed" : "cli.classify.clause", "text", text,
        "agent", cl_agent_name(cl[k].agent), "mood", cl_mood_name(cl[k].mood), NULL);
    free(text);
  }
  msg_fprint(out, "cli.classify.clauses", "clauses", b.s ? b.s : "", NULL);
  sb_free(&b);
  for (int s = 0; s < CLS_SLOT_COUNT; s++)   /* name="value": ids and the line's own words */
    sb_printf(&b, " %s=%s%s%s", cls_slot_name((cls_slot)s), r->slots[s] ? "\"" : "",
              r->slots[s] ? r->slots[s] : "-", r->slots[s] ? "\"" : "");
  if (r->has_amount)   /* the sum, shown only when the line names one ("两万四" = 24000) */
    sb_printf(&b, " amount=\"%.*s\" (%.0f)", (int)(r->amount_end - r->amount_start), r->norm + r->amount_start,
              r->amount);
  msg_fprint(out, "cli.classify.slots", "slots", b.s, NULL);
  sb_free(&b);
  explain_specific(r, out);
  char *vague = msg_get(MSG_CLI_LANG, r->vague ? "cli.classify.vague_yes" : "cli.classify.no", NULL);
  msg_fprint(out, "cli.classify.vague", "why", vague, NULL);
  free(vague);
  msg_fprint(out, "cli.classify.question", "question", yes_no(r->question), "negated", yes_no(r->negated), NULL);
  const char *tn = cls_tactic_name(r->tactic);
  msg_fprint(out, "cli.classify.tactic", "tactic", tn ? tn : "-", NULL);
  print_model(c, r, out);
  if (sc) {
    for (int i = 0; i < r->n_needs; i++) { if (i) sb_puts(&b, sep); sb_puts(&b, sc->needs[r->needs[i]].id); }
    msg_fprint(out, "cli.classify.needs", "needs", b.s ? b.s : "-", NULL);
    sb_free(&b);
    for (int i = 0; i < r->n_benefits; i++) {
      const scn_benefit *bn = &sc->benefits[r->benefits[i]];
      if (i) sb_puts(&b, sep);
      if (bn->id) sb_puts(&b, bn->id);
      else sb_printf(&b, "#%d", r->benefits[i] + 1);
    }
    msg_fprint(out, "cli.classify.benefits", "benefits", b.s ? b.s : "-", NULL);
    sb_free(&b);
    msg_fprint(out, "cli.classify.commitment", "id", r->commitment >= 0 ? sc->commitments[r->commitment].id : "-", NULL);
    print_near(c, sc, r, out);
  }
  msg_fprint(out, "cli.classify.matched", NULL);
  if (r->n_matches == 0) msg_fprint(out, "cli.classify.no_match", NULL);
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    int rule = strncmp(m->phrase, "rule:", 5) == 0;
    char *seen = rule ? xstrdup("") : xstrndup(r->norm + m->start, m->end - m->start);
    char *shown = cls_match_text(m, MSG_CLI_LANG);
    int pad = 18 - txt_width(m->label);
    /* label, phrase (a rule's statement, in the catalogue's words), what the line held, where:
    ** but for the rules' statements the reader's data */
    fprintf(out, "  %s%*s %s", m->label, pad > 0 ? pad : 0, "", shown);
    if (!rule && m->end > m->start && strcmp(seen, m->phrase) != 0) fprintf(out, "  [\"%s\"]", seen);   /* (a count, "typo", spans nothing) */
    fprintf(out, "  (%s)\n", m->source);
    free(shown);
    free(seen);
  }
}

/* Classifies one line and prints it; returns 0, or CLI_USAGE when no lexicon loads. */
static int one_line(opts *o, const char *line, size_t len) {
  char *safe = txt_sanitize(line, len, NULL);
  const char *lang = o->lang ? o->lang : (o->sc && o->sc->language) ? o->sc->language : cls_guess_lang(safe);
  free(safe);
  cls_classifier *c = classifier_for(o, lang);
  if (!c) return CLI_USAGE;
  cls_result r;
  cls_classify(c, line, len, &r);
  /* as the session reads it in the scenario's (first) visit: a late charge held out in a
  ** collection is a threat */
  if (o->sc && scn_visit_collects(o->sc, 0)) cls_read_collection(&r);
  if (o->json) {
    json_t *j = cls_result_json(&r, o->sc);
    json_object_set_new(j, "lang", json_string(lang));
    if (r.has_amount)
      json_object_set_new(j, "amount", json_pack("{s:s%, s:f}", "text", r.norm + r.amount_start,
                                                 r.amount_end - r.amount_start, "value", r.amount));
    if (o->sc && cls_links(c)) json_object_set_new(j, "closest", near_json(c, o->sc, &r));
    if (r.probs) {   /* the model's evidence for what it gave */
      const char *labels[CLS_MOVE_COUNT + 4], *gave[CLS_MOVE_COUNT + 4];
      int n = model_gave(&r, labels, gave);
      const mdl_image *m = cls_model(c);
      json_t *mo = json_object(), *p = json_object(), *ev = json_object();
      for (int l = 0; l < m->n_labels; l++) json_object_set_new(p, m->labels[l], json_real((double)r.probs[l]));
      for (int i = 0; i < n; i++) {
        const char *names[EVIDENCE];
        float w[EVIDENCE];
        int k = cls_model_evidence(c, &r, labels[i], names, w, EVIDENCE);
        json_t *a = json_array();
        for (int q = 0; q < k; q++) json_array_append_new(a, json_pack("[s f]", names[q], (double)w[q]));
        json_object_set_new(ev, gave[i], a);
      }
      json_object_set_new(mo, "probabilities", p);
      json_object_set_new(mo, "evidence", ev);
      json_object_set_new(j, "model", mo);
    }
    char *s = json_dumps(j, JSON_COMPACT);
    printf("%s\n", s);
    free(s);
    json_decref(j);
  } else {
    print_text(c, &r, o->sc, lang, stdout);
  }
  cls_result_free(&r);
  return 0;
}

/* Bytes kept of one input line, and the most read without a newline before the input is taken
** to be no text at all (so `salesim classify - < /dev/zero` ends instead of eating memory). */
#define CLASSIFY_MAX_LINE (1u << 20)
#define CLASSIFY_MAX_RUN (16u << 20)

/* One line of f without its newline (malloc'd, *len bytes, NUL-terminated), cut at
** CLASSIFY_MAX_LINE bytes; NULL at the end of input. */
static char *read_bounded_line(FILE *f, size_t *len) {
  size_t cap = 256, n = 0, seen = 0;
  char *buf = xmalloc(cap);
  int c, any = 0;
  while ((c = getc(f)) != EOF) {
    any = 1;
    if (c == '\n') break;
    if (++seen > CLASSIFY_MAX_RUN) { any = 0; break; }
    if (n < CLASSIFY_MAX_LINE) {
      if (n + 1 >= cap) { cap *= 2; buf = xrealloc(buf, cap); }
      buf[n++] = (char)c;
    }
  }
  if (!any) { free(buf); return NULL; }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* The command: options, the scenario, then one reading per TEXT or per line of stdin. */
/* One option of `classify` (cli_parse's on_opt). */
static int classify_option(void *ctx, int c, const char *arg) {
  opts *o = ctx;
  switch (c) {
  case 'j': o->json = 1; break;
  case 'l': o->lang = arg; break;
  case 's': o->scenario_path = arg; break;
  default: assert(0);   /* an option of the table without a case */
  }
  return CLI_OK;
}

int cmd_classify_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "json", no_argument, 0, 'j' }, { "lang", required_argument, 0, 'l' },
    { "scenario", required_argument, 0, 's' }, { 0, 0, 0, 0 }
  };
  opts o = {0};
  strbuf text = {0};
  int from_stdin = 0, words = 0, first;
  int rc = cli_parse("classify", argc, argv, "", longopts, classify_option, &o, &first);
  if (rc != CLI_OK) return rc;
  /* the operands are the words of the line ("-" alone: read lines from standard input) */
  for (int i = first; i < argc; i++) {
    if (strcmp(argv[i], "-") == 0) from_stdin = 1;
    else { if (words++) sb_putc(&text, ' '); sb_puts(&text, argv[i]); }
  }
  if (o.lang && strcmp(o.lang, "zh") != 0 && strcmp(o.lang, "en") != 0) {
    sb_free(&text);
    return msg_usage("classify", "cli.classify.bad_lang", "lang", o.lang, NULL);
  }
  if (from_stdin == (words > 0)) {
    sb_free(&text);
    return msg_usage("classify", from_stdin ? "cli.classify.text_and_stdin" : "cli.classify.no_text", NULL);
  }
  if (o.scenario_path) {
    diag d;
    diag_init(&d);
    o.sc = scc_load(o.scenario_path, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (!o.sc) { sb_free(&text); return CLI_USAGE; }
  }
  if (from_stdin) {
    char *line;
    size_t n;
    while (rc == CLI_OK && (line = read_bounded_line(stdin, &n)) != NULL) {
      while (n > 0 && line[n - 1] == '\r') n--;
      rc = one_line(&o, line, n);
      if (!o.json && rc == CLI_OK) putchar('\n');
      fflush(stdout);
      free(line);
    }
  } else {
    rc = one_line(&o, text.s, text.len);
  }
  sb_free(&text);
  cls_free(o.by_lang[0]);
  cls_free(o.by_lang[1]);
  if (o.sc) scn_free(o.sc);
  return rc;
}
