/*
** scenario_lint.c: check's warnings about how a scenario will be read (lint.h).
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "clause.h"
#include "lexicon.h"
#include "link.h"
#include "lint.h"
#include "msg.h"
#include "msg_cli.h"
#include "text.h"
#include "util.h"

/* The built-in moves a keyword must not carry without the author meaning it. */
static const char *const risky[] = { "loss_appeal", "leave", "ask_payment", "ask_commitment",
                                     "ask_order", "ask_referral", "lower_ask", "discount" };

/* A warning at pos in the catalogue's words of key (name, value pairs ended by NULL), in the
** commands' language. */
static void warn(diag *d, const char *file, scn_pos pos, const char *key, ...) __attribute__((sentinel));
static void warn(diag *d, const char *file, scn_pos pos, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  diag_add(d, DIAG_WARNING, file, pos.line, pos.col, "%s", m);
  free(m);
}

/* The benefit whose id a reaction's condition names in names("id") (or 'id'), not after a
** "not": NULL when it names none.  A textual look, enough for the conditions trainers write. */
static const char *named_benefit(const scenario *s, const char *when) {
  for (const char *p = when ? strstr(when, "names(") : NULL; p; p = strstr(p + 6, "names(")) {
    if (p > when && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) continue;   /* mentions_names( */
    const char *b = p;
    while (b > when && b[-1] == ' ') b--;
    if (b - when >= 3 && strncmp(b - 3, "not", 3) == 0 && (b - 3 == when || !isalnum((unsigned char)b[-4])))
      continue;
    const char *q = p + 6;
    while (*q == ' ') q++;
    if (*q != '"' && *q != '\'') continue;
    const char *id = q + 1, *end = strchr(id, *q);
    if (!end) continue;
    for (int i = 0; i < s->n_benefits; i++) {
      const char *bid = s->benefits[i].id;
      if (bid && strlen(bid) == (size_t)(end - id) && strncmp(bid, id, (size_t)(end - id)) == 0) return bid;
    }
  }
  return NULL;
}

/* A reaction that pushes back (an objection, a refusal) when the line names a benefit, stops
** the turn, and leaves summaries in: a summary names the benefit too, so she answers a good
** summary with the worry, the summary confirms nothing and the value is never accepted
** (play-test 29d: Dave the technician came out in answer to the strong visit's summary). */
static int reaction_swallows_summary(const scenario *s, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; i < s->n_reactions; i++) {
    const scn_reaction *x = &s->reactions[i];
    if (!x->stop || !(x->objection || x->refuse) || !x->when || strstr(x->when, "summarize_benefits")) continue;
    const char *id = named_benefit(s, x->when);
    if (!id) continue;
    warn(d, file, x->pos, "cli.lint.reaction_swallows_summary", "id", id, NULL);
    n++;
  }
  return n;
}

/* 1 when condition `when` names objection id in names("id") (or 'id'). */
static int names_id(const char *when, const char *id) {
  for (const char *p = when ? strstr(when, "names(") : NULL; p; p = strstr(p + 6, "names(")) {
    const char *q = p + 6;
    while (*q == ' ') q++;
    if ((*q == '"' || *q == '\'') && strncmp(q + 1, id, strlen(id)) == 0 && q[1 + strlen(id)] == *q) return 1;
  }
  return 0;
}

/* A reaction to a feature line (its condition reads present_feature) that stops the turn before
** an objection is answered: answers to a worry are mostly features ("密封件先做兼容测试"), so she
** meets the answer with the feature-dump line and the worry is never eased (play-test 31c M4: a
** pattern copied from a shipped file).  Once per reaction, naming the first objection that no
** earlier `ease:` reaction answers and the condition does not leave out with not names("id"), when
** one of its examples (an answer the author wrote) reads as a feature line. */
static int reaction_swallows_answers(const scenario *s, const cls_classifier *c, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; c && i < s->n_reactions; i++) {
    const scn_reaction *x = &s->reactions[i];
    if (!x->stop || !x->when || !strstr(x->when, "present_feature") || x->ease) continue;
    for (int o = 0; o < s->n_objections; o++) {
      const char *id = s->objections[o].id;
      int eased_before = 0;
      for (int j = 0; j < i && !eased_before; j++) eased_before = s->reactions[j].ease && strcmp(s->reactions[j].ease, id) == 0;
      if (eased_before || names_id(x->when, id)) continue;
      /* (only when an answer the author wrote for it reads as the feature line: its examples) */
      const char *hit = NULL;
      for (int e = 0; e < s->objections[o].examples.n && !hit; e++) {
        const char *ex = s->objections[o].examples.v[e];
        cls_result r;
        cls_classify(c, ex, strlen(ex), &r);
        if (CLS_HAS(&r, CLS_PRESENT_FEATURE) && !(strstr(x->when, "not present_benefit") && CLS_HAS(&r, CLS_PRESENT_BENEFIT)))
          hit = ex;
        cls_result_free(&r);
      }
      if (!hit) continue;
      warn(d, file, x->pos, "cli.lint.reaction_swallows_answers", "id", id, "example", hit, NULL);
      n++;
      break;
    }
  }
  return n;
}

/* The word for an item's kind ("need", "benefit", "objection", "commitment": the scenario
** format's own words) in the commands' language. */
static const char *kind_word(const char *kind) {
  char key[48];
  snprintf(key, sizeof key, "cli.lint.kind.%s", kind);
  return msg_text(MSG_CLI_LANG, key);
}

typedef struct kw_ref { const char *kind, *id; const scn_strs *kw; scn_pos pos; } kw_ref;

/* 1 when the scenario's reader (c) reads the move in the keyword said alone or asked ("smaller
** bill?" is a lower ask); 1 too without a reader.  A phrase inside a keyword that the reader does
** not take for the move there ("pays for itself": gain_appeal, said or asked) is no risk: check
** had advised switching off "pays" (play-test 31c M6). */
static int reads_move(const cls_classifier *c, const char *kw, const char *move) {
  if (!c) return 1;
  int got = 0;
  for (int asked = 0; asked < 2 && !got; asked++) {
    char *line = xasprintf("%s%s", kw, asked ? "?" : "");
    cls_result r;
    cls_classify(c, line, strlen(line), &r);
    for (int m = 0; m < CLS_MOVE_COUNT && !got; m++) got = CLS_HAS(&r, m) && strcmp(cls_move_name((cls_move)m), move) == 0;
    cls_result_free(&r);
    free(line);
  }
  return got;
}

/* Is the phrase of a risky built-in move inside the keyword (normalised)?  Returns the move
** and the phrase, or NULL.  A rung's keywords name asks: for them only a price cut is a risk (a
** mid rung "免费化验" asked for read as a discount, play-test 31c M5). */
static const char *risky_in(lexicon *lx, const char *kw, const char **phrase, int rung) {
  size_t n;
  char *norm = txt_normalize(kw, strlen(kw), &n);
  lex_hit *h = NULL;
  int nh = lex_match(lx, norm, n, &h);
  const char *found = NULL;
  for (int i = 0; i < nh && !found; i++) {
    const char *label = lex_label_name(lx, h[i].label);
    for (size_t r = 0; r < sizeof risky / sizeof *risky && !found; r++)
      if (strcmp(label, risky[r]) == 0 && (!rung || strcmp(risky[r], "discount") == 0)) {
        found = risky[r];
        *phrase = lex_phrase_at(lx, h[i].phrase)->text;
      }
  }
  free(h);
  free(norm);
  return found;
}

static int same_kw(const char *a, const char *b) {
  char *x = txt_normalize(a, strlen(a), NULL), *y = txt_normalize(b, strlen(b), NULL);
  int same = strcmp(x, y) == 0;
  free(x); free(y);
  return same;
}

/* Warns when two items of the given kinds share a keyword. */
static int shared(const kw_ref *a, const kw_ref *b, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; i < a->kw->n; i++)
    for (int j = 0; j < b->kw->n; j++)
      if (same_kw(a->kw->v[i], b->kw->v[j])) {
        char line[16];
        snprintf(line, sizeof line, "%d", a->pos.line);
        warn(d, file, b->pos, "cli.lint.shared_keyword", "kind", kind_word(b->kind), "id", b->id,
             "other_kind", kind_word(a->kind), "other", a->id, "line", line, "keyword", b->kw->v[j], NULL);
        n++;
      }
  return n;
}

/* A rung's keyword that another rung's action or examples use: a request for that other rung
** names it in those words, and the keyword gives the wrong rung ("window", a keyword of the
** window-sample rung, in "Shall I put down 40 numbered sets for your spring window ...?": the
** order was read as the sample, and the customer offered the sample; play-test 9).  Once per
** keyword, at the keyword's rung. */
static int rung_keyword_elsewhere(const scenario *s, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; i < s->n_commitments; i++) {
    const scn_commitment *a = &s->commitments[i];
    for (int k = 0; k < a->keywords.n; k++) {
      char *kw = txt_normalize(a->keywords.v[k], strlen(a->keywords.v[k]), NULL);
      for (int j = 0; j < s->n_commitments; j++) {
        if (j == i) continue;
        const scn_commitment *b = &s->commitments[j];
        int hit = -2;   /* where: -1 the action, else the example's index (the blind trainer of
                        ** round 14 searched the examples first; the word was in the action) */
        for (int e = -1; e < b->examples.n && hit == -2; e++) {
          const char *text = e < 0 ? b->action : b->examples.v[e];
          if (!text) continue;
          char *t = txt_normalize(text, strlen(text), NULL);
          if (txt_holds_phrase(t, kw)) hit = e;
          free(t);
        }
        if (hit == -2) continue;
        if (hit < 0)
          warn(d, file, a->pos, "cli.lint.rung_keyword_elsewhere", "id", a->id, "keyword", a->keywords.v[k],
               "other", b->id, NULL);
        else
          warn(d, file, a->pos, "cli.lint.rung_keyword_in_example", "id", a->id, "keyword", a->keywords.v[k],
               "other", b->id, "example", b->examples.v[hit], NULL);
        n++;
        break;
      }
      free(kw);
    }
  }
  return n;
}

/* An objection's keyword that is one of the people the scenario's lexicon names (`person:`):
** every line naming them links the worry, and a question that names one not yet raised raises it
** ("jade", a keyword of the clinic's objection that Jade has no time, linked "And what does Jade
** do with the paper list?", and Ruth raised the worry from nowhere: play-test 23).  A need may be
** about a person on purpose (the referral's Lucia and her hard water), and a rung's keywords name
** whom an ask brings: neither is warned. */
static int person_keywords(const scenario *s, const kw_ref *refs, int k, const char *file, diag *d) {
  int n = 0;
  for (int l = 0; l < s->n_lexicon; l++) {
    const scn_lex_entry *e = &s->lexicon[l];
    if (e->off || strcmp(e->name, "person") != 0) continue;
    for (int p = 0; p < e->phrases.n; p++)
      for (int i = 0; i < k; i++) {
        if (strcmp(refs[i].kind, "objection") != 0) continue;
        for (int j = 0; j < refs[i].kw->n; j++)
          if (same_kw(refs[i].kw->v[j], e->phrases.v[p])) {
            warn(d, file, refs[i].pos, "cli.lint.person_keyword", "kind", kind_word(refs[i].kind), "id", refs[i].id,
                 "keyword", refs[i].kw->v[j], NULL);
            n++;
          }
      }
  }
  return n;
}

/* A keyword that holds a two-character Chinese word said twice (一步一步) is read as the word
** said once (txt_normalize folds "推荐推荐" so a line says what it means), so it links every
** line holding that word: the hospital's 一步一步 linked its not-yet objection from any
** "下一步" or "采购那一步" (play-test 27). */
static int cjk_count(const char *t) {
  int c = 0;
  for (size_t i = 0, n = strlen(t); i < n;) {
    size_t adv;
    int32_t cp = txt_decode(t + i, n - i, &adv);
    if (cp >= 0 && txt_is_cjk(cp)) c++;
    i += adv ? adv : 1;
  }
  return c;
}

static int doubled_keywords(const kw_ref *refs, int k, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; i < k; i++)
    for (int j = 0; j < refs[i].kw->n; j++) {
      const char *kw = refs[i].kw->v[j];
      char *read = txt_normalize(kw, strlen(kw), NULL);
      if (cjk_count(read) < cjk_count(kw)) {
        warn(d, file, refs[i].pos, "cli.lint.doubled_keyword", "kind", kind_word(refs[i].kind), "id", refs[i].id,
             "keyword", kw, "read", read, NULL);
        n++;
      }
      free(read);
    }
  return n;
}

/* Warns about each "{word}" or "{word|...}" in the texts that is no placeholder: the customer
** would say it as written (docs/scenario-format.md, "Placeholders"). */
static int placeholders(const scn_strs *v, const char *what, const char *file, scn_pos pos, diag *d) {
  static const char *const slots[] = { "time", "person", "place", "action", "amount" };
  int n = 0;
  for (int i = 0; i < v->n; i++)
    for (const char *p = strchr(v->v[i], '{'); p; p = strchr(p + 1, '{')) {
      size_t len = strcspn(p + 1, "|}");
      if (p[1 + len] != '}' && p[1 + len] != '|') continue;   /* not closed: plain text */
      int known = 0;
      for (size_t k = 0; k < sizeof slots / sizeof *slots; k++)
        known |= strlen(slots[k]) == len && strncmp(p + 1, slots[k], len) == 0;
      if (known) continue;
      char *name = xstrndup(p + 1, len);
      warn(d, file, pos, "cli.lint.not_placeholder", "what", what, "name", name, NULL);
      free(name);
      n++;
    }
  return n;
}

/* 1 when visit v (-1: a single visit) offers a rung of this kind. */
static int offers(const scenario *s, int v, scn_kind kind) {
  const scn_strs *on = v >= 0 && v < s->n_visits ? &s->visits[v].commitments : NULL;
  for (int j = 0; j < s->n_commitments; j++) {
    if (s->commitments[j].kind != kind) continue;
    if (!on || on->n == 0) return 1;
    for (int i = 0; i < on->n; i++)
      if (strcmp(on->v[i], s->commitments[j].id) == 0) return 1;
  }
  return 0;
}

/* A visit said to be a collection or a referral visit (visit_kind:) with no such rung on offer:
** the scorer judges it as one, but its Try lines have no rung to name. */
static int kind_without_rung(const scenario *s, const char *file, diag *d) {
  int n = 0;
  int nv = s->n_visits ? s->n_visits : 1;
  for (int v = 0; v < nv; v++) {
    int kind = s->n_visits && s->visits[v].kind ? s->visits[v].kind : s->visit_kind;
    scn_pos pos = s->n_visits && s->visits[v].kind ? s->visits[v].kind_pos : s->visit_kind_pos;
    scn_kind want = kind == SCN_VISIT_PAYMENT ? SCN_KIND_PAYMENT : SCN_KIND_REFERRAL;
    if (kind != SCN_VISIT_PAYMENT && kind != SCN_VISIT_REFERRAL) continue;
    if (offers(s, s->n_visits ? v : -1, want)) continue;
    warn(d, file, pos, s->n_visits ? "cli.lint.kind_without_rung_visit" : "cli.lint.kind_without_rung",
         "visit_kind", scn_visit_kind_names[kind - SCN_VISIT_FIRST], "kind", scn_kind_name(want),
         "visit", s->n_visits ? s->visits[v].id : "", NULL);
    n++;
  }
  return n;
}

/* A kind whose examples calibrate at LNK_ALIKE or more links little by meaning: its items'
** examples share too many words to be told apart (a trainer's ladder, every rung with the same
** chef, site and weekdays, calibrated at 0.41).  Warned at the kind's first item. */
static int alike_examples(const scenario *s, const lnk_index *x, const char *file, diag *d) {
  if (!x || lnk_calibrated_on(x) == 0) return 0;
  int n = 0;
  for (int k = 0; k < LNK_KINDS; k++) {
    float t = lnk_threshold_of(x, (lnk_kind)k);
    int any = 0;   /* a kind without examples links by keywords alone */
    for (int i = 0; i < 64 && !any; i++) any = lnk_linkable(x, (lnk_kind)k, i);
    if (t < LNK_ALIKE || !any) continue;
    scn_pos pos = k == LNK_NEED && s->n_needs ? s->needs[0].pos : k == LNK_BENEFIT && s->n_benefits ? s->benefits[0].pos
                : k == LNK_OBJECTION && s->n_objections ? s->objections[0].pos
                : k == LNK_COMMITMENT && s->n_commitments ? s->commitments[0].pos : (scn_pos){ 1, 1 };
    char th[16];
    snprintf(th, sizeof th, "%.2f", (double)t);
    warn(d, file, pos, "cli.lint.alike_examples", "kind", kind_word(lnk_kind_name((lnk_kind)k)), "threshold", th, NULL);
    n++;
  }
  return n;
}

/* The template's placeholders left in (salesim init-scenario marks every line to fill with
** "TODO"): one warning, at the first item that holds one, with the count (a trainer's file full of
** TODO passed check with no word; a blind trainer). */
/* A benefit example the reader takes for a loss appeal: a trainee who states the benefit so is
** scored for a scare ("药快到期前半年就会自动提醒" in a drug-expiry scenario: blind trainer, round
** 10).  Once per benefit, with the word to switch off when one carries it. */
static int benefit_reads_loss(const scenario *s, const cls_classifier *c, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; c && i < s->n_benefits; i++) {
    const scn_benefit *b = &s->benefits[i];
    for (int e = 0; e < b->examples.n; e++) {
      const char *ex = b->examples.v[e];
      if (!ex) continue;
      cls_result r;
      cls_classify(c, ex, strlen(ex), &r);
      int loss = CLS_HAS(&r, CLS_LOSS_APPEAL) || r.tactic == CLS_TACTIC_LOSS;
      const cls_match *m = loss ? cls_loss_cue(&r) : NULL;
      const char *cue = m ? m->phrase : NULL;
      if (loss) {
        const char *id = b->id ? b->id : "?";
        if (cue) warn(d, file, b->pos, "cli.lint.benefit_reads_loss", "id", id, "example", ex, "phrase", cue, NULL);
        else warn(d, file, b->pos, "cli.lint.benefit_reads_loss_model", "id", id, "example", ex, NULL);
        n++;
      }
      cls_result_free(&r);
      if (loss) break;
    }
  }
  return n;
}

/* An unrelated line the reader links to an item (by a keyword: by meaning it is nearest to
** itself) holds nothing back and says the item is unrelated talk: check names the item. */
static int unrelated_links(const scenario *s, const cls_classifier *c, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; c && i < s->unrelated.n; i++) {
    const char *line = s->unrelated.v[i];
    cls_result r;
    cls_classify(c, line, strlen(line), &r);
    const char *kind = r.n_needs ? "need" : r.n_benefits ? "benefit" : r.n_objections ? "objection" : NULL;
    const char *id = r.n_needs ? s->needs[r.needs[0]].id : r.n_benefits ? s->benefits[r.benefits[0]].id
                   : r.n_objections ? s->objections[r.objections[0]].id : NULL;
    if (kind) {
      scn_pos pos = s->unrelated_pos ? s->unrelated_pos[i] : (scn_pos){ 0, 0 };
      warn(d, file, pos, "cli.lint.unrelated_links", "line", line, "kind", kind_word(kind), "id", id ? id : "?", NULL);
      n++;
    }
    cls_result_free(&r);
  }
  return n;
}

/* 1 when the rung's own action names the time t (the normalised slot text): the time is what the
** rung is ("李总今天先付一部分,剩下的写明日期当面确认"), and the ask's time may be another part of it
** (the rest's date: "{time|今天}先转" said "22号先转2w", play-test 12). */
static int rung_names_time(const cls_classifier *c, const char *action, const char *t) {
  cls_result r;
  cls_classify(c, action, strlen(action), &r);
  int same = r.slots[CLS_SLOT_TIME] && strcmp(r.slots[CLS_SLOT_TIME], t) == 0;
  cls_result_free(&r);
  return same;
}

/* An accept line whose {time|...} runs on into a time of its own ("{time|Friday} at eight"): a
** trainee who proposes "Thursday at 10" hears "Thursday at 10 at eight" (play-test 31c H2: what
** {time} takes is the whole time the trainee said, so the line's own part is said beside it).  The
** line is read with the fallback in place: a time that goes on past the fallback bites.  Once per
** rung, with the time. */
static int accept_time_runs_on(const scenario *s, const cls_classifier *c, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; c && i < s->n_commitments; i++) {
    const scn_commitment *k = &s->commitments[i];
    int warned = 0;
    for (int a = 0; a < k->accept.n && !warned; a++) {
      const char *line = k->accept.v[a], *p = line ? strstr(line, "{time|") : NULL, *close = p ? strchr(p, '}') : NULL;
      if (!close) continue;
      char *fb = xstrndup(p + 6, (size_t)(close - p - 6));
      char *filled = xasprintf("%.*s%s%s", (int)(p - line), line, fb, close + 1);
      cls_result r;
      cls_classify(c, filled, strlen(filled), &r);
      const char *t = r.slots[CLS_SLOT_TIME];
      char *fbn = txt_normalize(fb, strlen(fb), NULL);
      if (t && strstr(t, fbn) && strlen(t) > strlen(fbn) + 2) {
        warn(d, file, k->pos, "cli.lint.accept_time_runs_on", "id", k->id ? k->id : "?", "time", t, "fallback", fb, NULL);
        n++;
        warned = 1;
      }
      free(fbn);
      cls_result_free(&r);
      free(filled);
      free(fb);
    }
  }
  return n;
}

/* An accept line that names a time of its own ("Chair two, from Monday."): a trainee who proposed
** Thursday hears the customer agree to Monday (play-tests, round 11, both languages).  Once per
** rung, with the time the line names; {time|Monday} repeats the trainee's day, Monday when none. */
static int accept_fixed_time(const scenario *s, const cls_classifier *c, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; c && i < s->n_commitments; i++) {
    const scn_commitment *k = &s->commitments[i];
    for (int a = 0; a < k->accept.n; a++) {
      const char *line = k->accept.v[a];
      if (!line || strstr(line, "{time")) continue;
      cls_result r;
      cls_classify(c, line, strlen(line), &r);
      const char *t = r.slots[CLS_SLOT_TIME];
      if (t && k->action && rung_names_time(c, k->action, t)) t = NULL;   /* the rung is "today" */
      if (t) {   /* as the slot reads it, without the full stop a weekday may take */
        char *shown = xstrndup(t, strlen(t) - (strlen(t) > 1 && t[strlen(t) - 1] == '.'));
        warn(d, file, k->pos, "cli.lint.accept_fixed_time", "id", k->id ? k->id : "?", "time", shown, NULL);
        free(shown);
        n++;
      }
      cls_result_free(&r);
      if (t) break;
    }
  }
  return n;
}

/* The first hour of the clock in `part` (an accept line's text before or after its {time|...}) that
** does not open it, as normalised text for the message; NULL when none.  A time that opens the part
** after the placeholder is accept_time_runs_on's ("{time|Friday} at eight"); a day or a part of the
** day of its own is another matter ("我下午就打电话", the rest paid "今天"), an hour is what a
** trainee who named one hears twice. */
static char *own_time(const cls_classifier *c, const char *part, int after) {
  cls_result r;
  cls_classify(c, part, strlen(part), &r);
  size_t lead = 0;
  while (after && r.norm && r.norm[lead] && strchr(" ,.;:!-", r.norm[lead])) lead++;
  char *t = NULL;
  for (int i = 0; i < r.n_matches && !t; i++) {
    const cls_match *m = &r.matches[i];
    if (strcmp(m->label, "time") == 0 && m->phrase && strstr(m->phrase, ".clock") && m->end > m->start &&
        !(after && m->start <= lead))
      t = xstrndup(r.norm + m->start, m->end - m->start);
  }
  cls_result_free(&r);
  return t;
}

/* An accept line that says the trainee's time ({time|...}) and a time of its own besides ("Five
** vans, {time|Monday}. I'll have Kev in at half six", "{time|下周一},我让老孙早上八点在楼下等你们"):
** a trainee who proposed 下周三上午九点 heard 9 a.m. and 8 a.m. in one breath (play-test 32c M4; the
** docs promised a warning that only lines without the placeholder got).  Once per rung. */
static int accept_second_time(const scenario *s, const cls_classifier *c, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; c && i < s->n_commitments; i++) {
    const scn_commitment *k = &s->commitments[i];
    for (int a = 0; a < k->accept.n; a++) {
      const char *line = k->accept.v[a], *p = line ? strstr(line, "{time|") : NULL, *close = p ? strchr(p, '}') : NULL;
      if (!close) continue;
      char *before = xstrndup(line, (size_t)(p - line)), *fb = xstrndup(p + 6, (size_t)(close - p - 6));
      char *t = own_time(c, before, 0);
      if (!t) t = own_time(c, close + 1, 1);
      if (t) {
        warn(d, file, k->pos, "cli.lint.accept_second_time", "id", k->id ? k->id : "?", "time", t, "fallback", fb, NULL);
        n++;
      }
      free(t);
      free(fb);
      free(before);
      if (n && t) break;
    }
  }
  return n;
}

/* Accept lines that end on a question to the trainee: giving a step ends the visit (an order, the
** last rung, or the next visit of a campaign), so the question can never be answered ("行,这个月底报
** 明年预算,我把智慧病房单列一项,大概多少钱你给我个参考。" and the next visit began at once: play-test
** 29b F11).  The line asks, as the reader reads it, in its last clause: a question, or a question
** word in it. */
static int accept_asks(const scenario *s, const cls_classifier *c, const char *file, diag *d) {
  int n = 0;
  for (int i = 0; c && i < s->n_commitments; i++) {
    const scn_commitment *k = &s->commitments[i];
    for (int a = 0; a < k->accept.n; a++) {
      const char *line = k->accept.v[a];
      if (!line) continue;
      cls_result r;
      cls_classify(c, line, strlen(line), &r);
      cl_clause cl[CL_MAX_CLAUSES];
      int m = cl_read(&r, cl), asks = 0;
      /* (the line asks, as the reader reads it, and its last clause is where: "when I see her"
      ** and "see what people say" hold a question word and ask nothing) */
      if (m > 0 && r.question)
        asks = cl[m - 1].mood == CL_MOOD_QUESTION || cl_has_label(&r, &cl[m - 1], "wh") ||
               cl_has_label(&r, &cl[m - 1], "asking_wh");
      cls_result_free(&r);
      if (asks) {
        warn(d, file, k->pos, "cli.lint.accept_asks", "id", k->id ? k->id : "?", "line", line, NULL);
        n++;
        break;
      }
    }
  }
  return n;
}

static int todo_in(const char *t) { return t && strstr(t, "TODO") != NULL; }
static int todos(const scn_strs *v) {
  int n = 0;
  for (int i = 0; i < v->n; i++) n += todo_in(v->v[i]);
  return n;
}
static int todo_left(const scenario *s, const char *file, diag *d) {
  int n = todo_in(s->title) + todo_in(s->brief) + todo_in(s->goal) + todo_in(s->cust_name) +
          todo_in(s->cust_role) + todo_in(s->cust_company);
  scn_pos at = { n ? 1 : 0, 1 };
#define TODO_ITEM(cnt, pos) do { int k_ = (cnt); if (k_ && !at.line) at = (pos); n += k_; } while (0)
  for (int i = 0; i < s->n_needs; i++)
    TODO_ITEM(todo_in(s->needs[i].said) + todos(&s->needs[i].examples) + todos(&s->needs[i].keywords), s->needs[i].pos);
  for (int i = 0; i < s->n_benefits; i++)
    TODO_ITEM(todos(&s->benefits[i].examples) + todos(&s->benefits[i].keywords), s->benefits[i].pos);
  for (int i = 0; i < s->n_commitments; i++)
    TODO_ITEM(todo_in(s->commitments[i].action) + todos(&s->commitments[i].examples) + todos(&s->commitments[i].keywords) +
              todos(&s->commitments[i].accept) + todos(&s->commitments[i].refuse), s->commitments[i].pos);
  for (int i = 0; i < s->n_lines; i++) TODO_ITEM(todos(&s->lines[i].variants), s->lines[i].pos);
  for (int i = 0; i < s->n_tests; i++) TODO_ITEM(todo_in(s->tests[i].name) + todos(&s->tests[i].lines), s->tests[i].pos);
#undef TODO_ITEM
  if (!n) return 0;
  char count[16];
  snprintf(count, sizeof count, "%d", n);
  warn(d, file, at, "cli.lint.todo_left", "count", count, NULL);
  return 1;
}

int lint_scenario(const scenario *s, diag *d) {
  const char *file = s->file ? s->file : "scenario";
  int n = 0;
  cls_classifier *c = cls_new(NULL, s, d);   /* errors in the scenario's lexicon: as in play */
  n += alike_examples(s, c ? cls_links(c) : NULL, file, d);
  n += benefit_reads_loss(s, c, file, d);
  n += accept_fixed_time(s, c, file, d);
  n += accept_time_runs_on(s, c, file, d);
  n += accept_second_time(s, c, file, d);
  n += accept_asks(s, c, file, d);
  n += unrelated_links(s, c, file, d);
  n += reaction_swallows_answers(s, c, file, d);
  int errs = 0;
  lexicon *lx = cls_load_lexicon(s->language ? s->language : "en", d, &errs);
  if (lx) {
    for (int i = 0; i < s->n_lexicon; i++)   /* what the scenario switched off is no risk */
      if (s->lexicon[i].off)
        for (int j = 0; j < s->lexicon[i].phrases.n; j++) cls_switch_off(lx, s->lexicon[i].name, s->lexicon[i].phrases.v[j]);
    int total = s->n_needs + s->n_benefits + s->n_objections + s->n_commitments;
    kw_ref *refs = xcalloc((size_t)total + 1, sizeof *refs);
    int k = 0;
    for (int i = 0; i < s->n_needs; i++) refs[k++] = (kw_ref){ "need", s->needs[i].id, &s->needs[i].keywords, s->needs[i].pos };
    for (int i = 0; i < s->n_benefits; i++)
      refs[k++] = (kw_ref){ "benefit", s->benefits[i].id ? s->benefits[i].id : "?", &s->benefits[i].keywords, s->benefits[i].pos };
    for (int i = 0; i < s->n_objections; i++)
      refs[k++] = (kw_ref){ "objection", s->objections[i].id, &s->objections[i].keywords, s->objections[i].pos };
    for (int i = 0; i < s->n_commitments; i++)
      refs[k++] = (kw_ref){ "commitment", s->commitments[i].id, &s->commitments[i].keywords, s->commitments[i].pos };
    for (int i = 0; i < k; i++) {
      int rung = strcmp(refs[i].kind, "commitment") == 0;   /* a rung's keywords name asks */
      for (int j = 0; j < refs[i].kw->n; j++) {
        const char *phrase = NULL, *move = risky_in(lx, refs[i].kw->v[j], &phrase, rung);
        if (!move || !reads_move(c, refs[i].kw->v[j], move)) continue;
        /* (a price cut is a move to keep reading elsewhere: the keyword's own words are hidden) */
        warn(d, file, refs[i].pos, strcmp(move, "discount") == 0 ? "cli.lint.risky_keyword_ignore" : "cli.lint.risky_keyword",
             "kind", kind_word(refs[i].kind), "id", refs[i].id, "keyword", refs[i].kw->v[j], "move", move, "phrase", phrase,
             NULL);
        n++;
      }
    }
    n += person_keywords(s, refs, k, file, d);
    n += doubled_keywords(refs, k, file, d);
    for (int i = 0; i < k; i++)
      for (int j = i + 1; j < k; j++) {
        int needs = strcmp(refs[i].kind, "need") == 0 && strcmp(refs[j].kind, "need") == 0;
        int obj_rung = (strcmp(refs[i].kind, "objection") == 0 && strcmp(refs[j].kind, "commitment") == 0) ||
                       (strcmp(refs[i].kind, "commitment") == 0 && strcmp(refs[j].kind, "objection") == 0);
        if (needs || obj_rung) n += shared(&refs[i], &refs[j], file, d);
      }
    free(refs);
    lex_free(lx);
  }
  cls_free(c);
  for (int i = 0; i < s->n_commitments; i++) {
    n += placeholders(&s->commitments[i].accept, "accept", file, s->commitments[i].pos, d);
    n += placeholders(&s->commitments[i].refuse, "refuse", file, s->commitments[i].pos, d);
  }
  for (int i = 0; i < s->n_lines; i++) n += placeholders(&s->lines[i].variants, "lines", file, s->lines[i].pos, d);
  for (int i = 0; i < s->n_reactions; i++) n += placeholders(&s->reactions[i].say, "say", file, s->reactions[i].pos, d);
  for (int i = 0; i < s->n_benefits; i++)
    if (s->benefits[i].answers.n > 1) {
      char count[16];
      snprintf(count, sizeof count, "%d", s->benefits[i].answers.n);
      warn(d, file, s->benefits[i].pos, "cli.lint.benefit_many_needs", "id", s->benefits[i].id ? s->benefits[i].id : "?",
           "needs", count, NULL);
      n++;
    }
  n += kind_without_rung(s, file, d);
  n += rung_keyword_elsewhere(s, file, d);
  n += todo_left(s, file, d);
  n += reaction_swallows_summary(s, file, d);
  return n;
}
