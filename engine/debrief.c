/*
** debrief.c: builds the debrief JSON document (docs/transcript.md) from a finished session and
** its score.  Everything that shows a debrief (terminal, Markdown, HTML, replay, the gradebook,
** the class report) reads this one document, so the renderers never need the session structs.
** Also the text cleaner every renderer uses on quoted lines.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "advice.h"
#include "msg.h"
#include "debrief.h"
#include "text.h"
#include "debrief_int.h"

/* The post-call reflection questions (the checklist of seed 003, written anew): reflect.N. */
#define N_REFLECT 5

/* The catalogue language of the session: its own, else its scenario's ("zh-CN" -> "zh"). */
static const char *lang_of(const session *s) {
  return msg_lang(s->lang ? s->lang : (s->sc && s->sc->language) ? s->sc->language : "en");
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* A JSON string from text that may hold anything: invalid UTF-8 is repaired first. */
static json_t *safe_string(const char *s) {
  if (!s) return json_string("");
  json_t *j = json_string(s);
  if (j) return j;
  char *clean = txt_sanitize(s, strlen(s), NULL);
  j = json_string(clean);
  free(clean);
  return j ? j : json_string("");
}

/* Points as an integer when they are whole (they nearly always are), else a real. */
static json_t *points_json(double p) {
  if (p == floor(p) && fabs(p) < 1e9) return json_integer((json_int_t)p);
  return json_real(p);
}

/* The customer's lines among events, appended as turns numbered n. */
static void add_customer_lines(json_t *turns, const cust_events *ev, int n) {
  for (int i = 0; ev && i < ev->n; i++) {
    if (ev->v[i].kind != CUST_EV_SAY || !ev->v[i].text) continue;
    json_t *o = json_object();
    json_object_set_new(o, "n", json_integer(n));
    json_object_set_new(o, "speaker", json_string("customer"));
    json_object_set_new(o, "text", safe_string(ev->v[i].text));
    json_object_set_new(o, "moves", json_array());
    json_array_append_new(turns, o);
  }
}

/* The transcript part: opening, each trainee line followed by the customer's answer. */
static json_t *turns_json(const session *s) {
  json_t *turns = json_array();
  add_customer_lines(turns, &s->opening, 0);
  for (int i = 0; i < s->n_turns; i++) {
    const sess_turn *t = &s->turns[i];
    json_t *o = json_object(), *mv = json_array();
    for (int m = 0; m < CLS_MOVE_COUNT; m++)
      if (CLS_HAS(&t->cls, m)) json_array_append_new(mv, json_string(cls_move_name((cls_move)m)));
    json_object_set_new(o, "n", json_integer(t->n));
    json_object_set_new(o, "speaker", json_string("trainee"));
    json_object_set_new(o, "text", safe_string(t->text));
    json_object_set_new(o, "moves", mv);
    json_array_append_new(turns, o);
    add_customer_lines(turns, &t->events, t->n);
  }
  add_customer_lines(turns, &s->closing, s->n_turns ? s->turns[s->n_turns - 1].n : 0);
  return turns;
}

/* The scenario's ladder, each rung with whether and when the customer gave it. */
static json_t *commitments_json(const session *s) {
  json_t *a = json_array();
  const scenario *sc = s->sc;
  for (int j = 0; sc && j < sc->n_commitments; j++) {
    int turn = -1;
    for (int i = 0; i < s->n_turns && turn < 0; i++)
      for (int e = 0; e < s->turns[i].events.n; e++)
        if (s->turns[i].events.v[e].kind == CUST_EV_GIVE && s->turns[i].events.v[e].index == j)
          turn = s->turns[i].n;
    for (int e = 0; e < s->closing.n && turn < 0; e++)
      if (s->closing.v[e].kind == CUST_EV_GIVE && s->closing.v[e].index == j)
        turn = s->n_turns ? s->turns[s->n_turns - 1].n : 0;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(sc->commitments[j].id ? sc->commitments[j].id : ""));
    json_object_set_new(o, "level", json_string(scn_level_name(sc->commitments[j].level)));
    json_object_set_new(o, "kind", json_string(scn_kind_name(sc->commitments[j].kind)));
    json_object_set_new(o, "action", str_or_null(sc->commitments[j].action));
    json_object_set_new(o, "given", json_boolean(turn >= 0));
    json_object_set_new(o, "turn", turn >= 0 ? json_integer(turn) : json_null());
    json_array_append_new(a, o);
  }
  return a;
}

/* The objections the customer raised, each with whether and when the trainee answered it
** (a later line addressing it, or an objection-handling line right after it): material for
** the reflection question about the objection that went worst. */
static json_t *objections_json(const session *s) {
  json_t *a = json_array();
  const scenario *sc = s->sc;
  if (!sc) return a;
  for (int j = 0; j < sc->n_objections; j++) {
    int raised = -1, answered = -1;
    for (int i = 0; i < s->n_turns && raised < 0; i++)
      for (int e = 0; e < s->turns[i].events.n; e++)
        if (s->turns[i].events.v[e].kind == CUST_EV_OBJECTION && s->turns[i].events.v[e].index == j)
          raised = i;
    if (raised < 0) continue;
    for (int i = raised + 1; i < s->n_turns && answered < 0; i++) {
      const cls_result *r = &s->turns[i].cls;
      for (int k = 0; k < r->n_objections; k++)
        if (r->objections[k] == j) answered = i;
      if (answered < 0 && i == raised + 1 && CLS_HAS(r, CLS_HANDLE_OBJECTION) && r->n_objections == 0)
        answered = i;
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(sc->objections[j].id ? sc->objections[j].id : ""));
    json_object_set_new(o, "said", str_or_null(sc->objections[j].said));
    json_object_set_new(o, "turn", json_integer(s->turns[raised].n));
    json_object_set_new(o, "answered", answered >= 0 ? json_integer(s->turns[answered].n) : json_null());
    json_array_append_new(a, o);
  }
  return a;
}

/* A message's key and arguments as JSON members KEY_id and KEY_params: the data a renderer
** formats in any language (the text in the document's language sits beside it). */
static void msg_json(json_t *o, const char *id_member, const char *params_member, const score_msg *m) {
  json_t *p = json_object();
  for (int i = 0; i < m->n; i++) json_object_set_new(p, m->args[i].name, safe_string(m->args[i].value));
  json_object_set_new(o, id_member, json_string(m->key ? m->key : ""));
  json_object_set_new(o, params_member, p);
}

/* One finding as the debrief shows it: the data (rule, turn, message key and arguments), its
** text in the debrief's language, the principle by name and statement, and a line to try. */
static json_t *finding_json(const score_finding *f, const char *lang, const scenario *sc,
                            score_visit_kind kind) {
  json_t *o = json_object();
  json_object_set_new(o, "rule", json_string(f->rule->id));
  json_object_set_new(o, "turn", json_integer(f->turn));
  json_object_set_new(o, "points", points_json(f->points));
  char *text = score_msg_text(&f->msg, lang);
  json_object_set_new(o, "message", safe_string(text));
  free(text);
  msg_json(o, "message_id", "params", &f->msg);
  json_object_set_new(o, "quote", f->quote ? safe_string(f->quote) : json_null());
  char key[96];
  snprintf(key, sizeof key, "rule.%s.why", f->rule->id);
  json_object_set_new(o, "principle", json_string(msg_text(lang, key)));
  json_object_set_new(o, "principle_id", json_string(f->rule->principle));
  snprintf(key, sizeof key, "principle.%s", f->rule->principle);
  json_object_set_new(o, "principle_name", json_string(msg_text(lang, key)));
  /* the Try line made from the scenario (advice.c), else the rule's fixed example */
  adv_about about = { f->need, f->rungs_known, f->rungs_realistic };
  char *made = adv_try(sc, lang, f->rule->id, kind, &about);
  snprintf(key, sizeof key, "rule.%s.better", f->rule->id);
  json_object_set_new(o, "better", made ? safe_string(made) : json_string(msg_text(lang, key)));
  free(made);
  return o;
}

/* The debrief document (DESIGN.md schema, docs/transcript.md). */
json_t *deb_build(const session *s, const score_result *r) {
  return deb_build_lang(s, r, NULL);
}

/* See debrief.h. */
json_t *deb_build_lang(const session *s, const score_result *r, const char *force) {
  const scenario *sc = s->sc;
  const char *lang = force ? msg_lang(force) : lang_of(s);
  json_t *d = json_object();
  json_object_set_new(d, "version", json_integer(1));
  json_object_set_new(d, "scenario", json_string(sc && sc->id ? sc->id : ""));
  json_object_set_new(d, "title", safe_string(sc && sc->title ? sc->title : ""));
  json_object_set_new(d, "scenario_hash", json_string(sc ? sc->hash : ""));
  json_object_set_new(d, "language", json_string(lang));
  json_object_set_new(d, "trainee", s->trainee ? safe_string(s->trainee) : json_null());
  json_object_set_new(d, "seed", json_integer((json_int_t)s->seed));
  json_object_set_new(d, "started", json_string(s->started));
  json_object_set_new(d, "ended", json_string(s->ended));
  json_object_set_new(d, "ended_by", json_string(s->end_reason == SESS_END_NONE ? "none"
                                                 : sess_end_name(s->end_reason)));
  if (s->end_cause[0]) json_object_set_new(d, "end_cause", json_string(s->end_cause));
  cust_outcome oc = r->outcome == CUST_OUTCOME_NONE ? CUST_OUTCOME_CONTINUATION : r->outcome;
  json_object_set_new(d, "outcome", json_string(cust_outcome_name(oc)));
  char *reason = score_msg_text(&r->reason, lang);
  json_object_set_new(d, "outcome_reason", safe_string(r->reason.key ? reason : ""));
  free(reason);
  msg_json(d, "outcome_reason_id", "outcome_params", &r->reason);
  long total = lround(r->total);
  json_object_set_new(d, "score", json_integer(total < 0 ? 0 : total > 100 ? 100 : total));
  json_object_set_new(d, "pass", json_boolean(r->pass));
  json_object_set_new(d, "pass_mark", points_json(r->pass_mark));
  /* the scenario's own tiers (scoring.tiers) or the defaults; an own tier is marked "own" so
  ** its name, not a catalogue word of the same id, is shown */
  int nt = score_tier_count(sc);
  json_t *tj = json_array();
  for (int k = 0; k < nt; k++) {
    score_tier t = score_tier_at(sc, k);
    json_t *o = json_pack("{s:o, s:s, s:s}", "min", points_json(t.min), "id", t.id,
                          "name", score_tier_name(&t, sc, lang));
    if (t.own) json_object_set_new(o, "own", json_true());
    json_array_append_new(tj, o);
  }
  score_tier tr = score_tier_at(sc, r->tier >= 0 && r->tier < nt ? r->tier : nt - 1);
  json_t *tro = json_pack("{s:s, s:s}", "id", tr.id, "name", score_tier_name(&tr, sc, lang));
  if (tr.own) {
    json_object_set_new(tro, "own", json_true());
    json_object_set_new(tro, "min", points_json(tr.min));
  }
  json_object_set_new(d, "tier", tro);
  json_object_set_new(d, "tiers", tj);
  json_object_set_new(d, "attempt", json_boolean(r->attempt));
  json_object_set_new(d, "visit_kind", json_string(score_visit_kind_name(r->kind)));

  json_t *skills = json_object();
  for (int k = 0; k < SK_COUNT; k++) {
    json_t *sk = json_object(), *fa = json_array();
    /* a skill without evidence is "not shown": no score rather than a made-up 50 */
    json_object_set_new(sk, "score", r->shown[k] ? json_integer(lround(r->skills[k])) : json_null());
    json_object_set_new(sk, "shown", json_boolean(r->shown[k]));
    json_object_set_new(sk, "weight", points_json(r->weights[k]));
    for (int i = 0; i < r->n_findings; i++)
      if (r->findings[i].rule->skill == (score_skill)k)
        json_array_append_new(fa, finding_json(&r->findings[i], lang, sc, r->kind));
    json_object_set_new(sk, "findings", fa);
    json_object_set_new(skills, score_skill_name((score_skill)k), sk);
  }
  json_object_set_new(d, "skills", skills);
  json_object_set_new(d, "turns", turns_json(s));
  json_object_set_new(d, "commitments", commitments_json(s));
  json_object_set_new(d, "objections", objections_json(s));
  json_object_set_new(d, "hints_used", json_integer(s->hints_used));
  json_t *refl = json_array();
  for (int i = 1; i <= N_REFLECT; i++) {
    char key[32];
    snprintf(key, sizeof key, "reflect.%d", i);
    json_array_append_new(refl, json_string(msg_text(lang, key)));
  }
  json_object_set_new(d, "reflection", refl);
  json_object_set_new(d, "progress", json_array());
  return d;
}

/* ---- the text cleaner ------------------------------------------------------------------ */

/* Skips a terminal escape sequence starting at s[i] (ESC or C1 CSI/OSC); returns the index
** after it. */
static size_t skip_escape(const char *s, size_t len, size_t i, int32_t cp, size_t adv) {
  size_t j = i + adv;
  int kind = 0;                     /* 1 CSI, 2 string (OSC, DCS, APC, PM, SOS) */
  if (cp == 0x1B) {
    if (j >= len) return j;
    unsigned char c = (unsigned char)s[j];
    if (c == '[') { kind = 1; j++; }
    else if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') { kind = 2; j++; }
    else return (c >= 0x20 && c < 0x7F) ? j + 1 : j;   /* ESC + one character */
  } else if (cp == 0x9B) {
    kind = 1;
  } else {
    kind = 2;                        /* 0x9D OSC, 0x90 DCS, ... */
  }
  if (kind == 1) {                   /* parameters and intermediates, then a final byte */
    while (j < len) {
      unsigned char c = (unsigned char)s[j++];
      if (c >= 0x40 && c <= 0x7E) break;
      if (c < 0x20 || c > 0x7E) { j--; break; }
    }
    return j;
  }
  while (j < len) {                  /* a string ends with BEL or ST (ESC \ or 0x9C) */
    unsigned char c = (unsigned char)s[j];
    if (c == 0x07) return j + 1;
    if (c == 0x1B && j + 1 < len && s[j + 1] == '\\') return j + 2;
    if (c == 0xC2 && j + 1 < len && (unsigned char)s[j + 1] == 0x9C) return j + 2;
    j++;
  }
  return j;
}

/* See debrief.h: text with every escape and control removed, safe for any renderer. */
char *deb_clean_text(const char *s) {
  strbuf b = { 0 };
  sb_puts(&b, "");
  if (!s) return sb_take(&b);
  size_t len = strlen(s), i = 0;
  while (i < len) {
    size_t adv;
    int32_t cp = txt_decode(s + i, len - i, &adv);
    if (cp < 0) { sb_puts(&b, "\xEF\xBF\xBD"); i += adv; continue; }
    if (cp == 0x1B || cp == 0x9B || cp == 0x9D || cp == 0x90 || cp == 0x9E || cp == 0x9F ||
        cp == 0x98) {
      i = skip_escape(s, len, i, cp, adv);
      continue;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') sb_putc(&b, ' ');
    else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) { /* dropped */ }
    else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) { /* bidi */ }
    else sb_append(&b, s + i, adv);
    i += adv;
  }
  return sb_take(&b);
}

/* ---- shared by the renderers (debrief_int.h) ------------------------------------------- */

/* The catalogue key of each label (debrief_int.h). */
static const char *const labels[L_COUNT] = {
  [L_OUTCOME] = "label.outcome", [L_SCORE] = "label.score", [L_PASS] = "label.pass",
  [L_NOT_YET] = "label.not_yet", [L_SKILLS] = "label.skills", [L_WHOLE] = "label.whole",
  [L_TURN] = "label.turn", [L_WHY] = "label.why", [L_TRY] = "label.try", [L_REFLECT] = "label.reflect",
  [L_PROGRESS] = "label.progress", [L_NOW] = "label.now", [L_NONE] = "label.none",
  [L_ORDER] = "outcome.order", [L_ADVANCE] = "outcome.advance",
  [L_CONTINUATION] = "outcome.continuation", [L_NO_SALE] = "outcome.no_sale",
  [L_FINDINGS] = "label.findings", [L_HINTS] = "label.hints", [L_COMMITMENT] = "skill.commitment",
  [L_BENEFITS] = "skill.benefits", [L_TACTICS] = "skill.tactics", [L_DISCOVERY] = "skill.discovery",
  [L_DEBRIEF] = "label.debrief", [L_TRANSCRIPT] = "label.transcript", [L_CUSTOMER] = "label.customer",
  [L_YOU] = "label.you", [L_STARTED] = "label.started", [L_RULE] = "label.rule",
  [L_POINTS] = "label.points", [L_PRINCIPLE] = "label.principle", [L_OBJECTIONS] = "label.objections",
  [L_NOT_SHOWN] = "label.not_shown", [L_TIER] = "label.tier", [L_PASS_MARK] = "label.pass_mark",
  [L_ENDED] = "label.ended", [L_TOP] = "label.top", [L_FULL_HINT] = "label.full_hint",
};

/* See debrief_int.h: one UI label. */
const char *deb_label(const char *lang, int id) {
  if (id < 0 || id >= L_COUNT) return "";
  return msg_text(lang, labels[id]);
}

/* See debrief_int.h: the banner word of an outcome. */
const char *deb_outcome_label(const char *lang, const char *oc) {
  int id = !oc ? L_CONTINUATION : strcmp(oc, "order") == 0 ? L_ORDER
         : strcmp(oc, "advance") == 0 ? L_ADVANCE : strcmp(oc, "no_sale") == 0 ? L_NO_SALE
         : L_CONTINUATION;
  return deb_label(lang, id);
}

/* See debrief_int.h: which language the words are in. */
const char *deb_lang(const json_t *d, const char *override) {
  return msg_lang(override ? override : json_string_value(json_object_get(d, "language")));
}

/* A message of the document in lang: formatted from its key and arguments when it has them
** (so a debrief shows in any language), else its stored text (older documents). */
static char *doc_text(const char *lang, const json_t *o, const char *id_member, const char *params_member,
                      const char *text_member) {
  const char *id = json_string_value(json_object_get(o, id_member));
  const json_t *p = json_object_get(o, params_member);
  if (!id || !*id || !json_is_object(p)) {
    const char *t = json_string_value(json_object_get(o, text_member));
    return xstrdup(t ? t : "");
  }
  msg_arg args[SCORE_MAX_ARGS];
  int n = 0;
  const char *k;
  json_t *v;
  json_object_foreach((json_t *)p, k, v)
    if (n < SCORE_MAX_ARGS && json_is_string(v)) { args[n].name = k; args[n].value = json_string_value(v); n++; }
  return msg_format(lang, id, args, n);
}

char *deb_finding_text(const char *lang, const json_t *f) {
  return doc_text(lang, f, "message_id", "params", "message");
}

char *deb_reason_text(const char *lang, const json_t *d) {
  return doc_text(lang, d, "outcome_reason_id", "outcome_params", "outcome_reason");
}

/* A rule's catalogue text (rule.ID.FIELD) in lang, else the document's member. */
static const char *rule_text(const char *lang, const json_t *f, const char *field, const char *member) {
  const char *rule = json_string_value(json_object_get(f, "rule"));
  char key[96];
  if (rule && score_rule_find(rule)) {
    snprintf(key, sizeof key, "rule.%s.%s", rule, field);
    if (msg_has(lang, key)) return msg_text(lang, key);
  }
  const char *t = json_string_value(json_object_get(f, member));
  return t ? t : "";
}

/* The catalogue's text PREFIX.ID, ID being o's member id_member, else o's member text_member as
** written in the document (a debrief made by another version, or a scenario's own tier). */
static const char *named_text(const char *lang, const json_t *o, const char *id_member,
                              const char *prefix, const char *text_member) {
  const char *id = json_string_value(json_object_get(o, id_member));
  char key[96];
  if (id) {
    snprintf(key, sizeof key, "%s.%s", prefix, id);
    if (msg_has(lang, key)) return msg_text(lang, key);
  }
  const char *t = json_string_value(json_object_get(o, text_member));
  return t ? t : "";
}

const char *deb_tier_name(const char *lang, const json_t *tier) {
  if (json_is_true(json_object_get(tier, "own"))) {   /* the scenario's tier: its own name */
    const char *t = json_string_value(json_object_get(tier, "name"));
    return t ? t : "";
  }
  return named_text(lang, tier, "id", "tier", "name");
}

const char *deb_principle(const char *lang, const json_t *f) { return rule_text(lang, f, "why", "principle"); }

const char *deb_principle_name(const char *lang, const json_t *f) {
  return named_text(lang, f, "principle_id", "principle", "principle_name");
}

/* See debrief_int.h: every finding in reading order. */
size_t deb_items(const json_t *d, deb_item **out) {
  const json_t *skills = json_object_get(d, "skills");
  size_t n = 0, cap = 0;
  deb_item *v = NULL;
  for (int k = 0; k < 4; k++) {
    const json_t *fa = json_object_get(json_object_get(skills, vocab_skill_names[k]), "findings");
    size_t i;
    const json_t *f;
    json_array_foreach(fa, i, f) {
      if (!json_is_object(f)) continue;
      if (n == cap) { cap = cap ? cap * 2 : 16; v = xrealloc(v, cap * sizeof *v); }
      v[n].f = f;
      v[n].skill = k;
      v[n].turn = (int)json_integer_value(json_object_get(f, "turn"));
      n++;
    }
  }
  /* insertion sort by turn: stable, and a debrief has few findings */
  for (size_t i = 1; i < n; i++) {
    deb_item x = v[i];
    size_t j = i;
    while (j > 0 && v[j - 1].turn > x.turn) { v[j] = v[j - 1]; j--; }
    v[j] = x;
  }
  *out = v;
  return n;
}

/* See debrief_int.h. */
/* The catalogue text PREFIX.ID when id is one of ids[0..n), else NULL: a known word only, so a
** script's own word never becomes a catalogue key. */
static const char *known_label(const char *lang, const char *prefix, const char *const *ids, size_t n,
                               const char *id) {
  for (size_t i = 0; id && i < n; i++)
    if (strcmp(ids[i], id) == 0) {
      char key[48];
      snprintf(key, sizeof key, "%s.%s", prefix, ids[i]);
      return msg_text(lang, key);
    }
  return NULL;
}

const char *deb_ended_label(const char *lang, const char *e) {
  static const char *const ids[] = { "customer", "quit", "eof", "hangup", "interrupt", "turn_limit" };
  const char *t = known_label(lang, "ended", ids, sizeof ids / sizeof ids[0], e);
  return t ? t : msg_text(lang, "ended.none");
}

/* See debrief_int.h. */
const char *deb_cause_label(const char *lang, const char *c) {
  static const char *const ids[] = { "goodbye", "commitment", "patience", "trust", "reaction",
                                     "time_limit", "left" };
  return known_label(lang, "cause", ids, sizeof ids / sizeof ids[0], c);
}

/* See debrief_int.h: a selection of the most negative points, stable by reading order. */
size_t deb_top_losses(const deb_item *items, size_t n, size_t *out, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    double p = json_number_value(json_object_get(items[i].f, "points"));
    if (p >= 0) continue;
    size_t j = k < max ? k++ : max;
    /* insert i at its place among the kept ones (more negative first, then reading order) */
    while (j > 0 && json_number_value(json_object_get(items[out[j - 1]].f, "points")) > p) {
      if (j < max) out[j] = out[j - 1];
      j--;
    }
    if (j < max) out[j] = i;
  }
  return k;
}

/* See debrief_int.h: the line a turn's findings quote. */
const char *deb_turn_quote(const deb_item *items, size_t n, size_t i) {
  for (size_t k = i; k < n && items[k].turn == items[i].turn; k++) {
    const json_t *q = json_object_get(items[k].f, "quote");
    if (json_is_string(q)) return json_string_value(q);
  }
  return NULL;
}

/* See debrief_int.h: a long line cut to max code points. */
char *deb_shorten(const char *s, int max) {
  if (!s) return xstrdup("");
  const unsigned char *p = (const unsigned char *)s;
  int n = 0;
  while (*p && n < max) {
    p++;
    while ((*p & 0xC0) == 0x80) p++;
    n++;
  }
  if (!*p) return xstrdup(s);
  return xasprintf("%.*s…", (int)((const char *)p - s), s);
}

/* See debrief_int.h: when an objection came up and when it was answered. */
char *deb_objection_when(const char *lang, const json_t *o) {
  char t[24], a[24];
  snprintf(t, sizeof t, "%d", (int)json_integer_value(json_object_get(o, "turn")));
  const json_t *ans = json_object_get(o, "answered");
  if (!json_is_integer(ans)) return msg_get(lang, "objection.never", "turn", t, NULL);
  snprintf(a, sizeof a, "%d", (int)json_integer_value(ans));
  return msg_get(lang, "objection.answered", "turn", t, "answered", a, NULL);
}

const char *deb_skill_label(const char *lang, score_skill k) {
  if (k < 0 || k >= SK_COUNT) return "";
  return deb_label(msg_lang(lang), L_COMMITMENT + (int)k);
}

int deb_write_file(const json_t *d, char fmt, const char *path, char *err, size_t errlen) {
  strbuf b = {0};
  if (fmt == 'h') deb_render_html(d, &b);
  else deb_render_markdown(d, &b);
  int rc = util_write_atomic(path, b.s ? b.s : "", b.len, err, errlen);
  sb_free(&b);
  return rc;
}
