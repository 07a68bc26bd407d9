/*
** debrief.c: builds the debrief JSON document (docs/transcript.md) from a finished session and
** its score.  Everything that shows a debrief (terminal, Markdown, HTML, replay, the gradebook,
** the class report) reads this one document, so the renderers never need the session structs.
** deb_write_file writes a rendered debrief; what the renderers share is in debrief_doc.c.
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
    if (s->sc && s->sc->n_visits > 1) json_object_set_new(o, "visit", json_integer(t->visit + 1));
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

/* What the customer said when objection j came up in the events of one turn: its own words
** when she said them (or the "as I said, ..." line standing in for them), else her line that
** carried it (a reaction says "A contract? We met twenty minutes ago." and raises the objection
** quietly: the scenario's words for it were never said, play-test 8), else NULL (she said
** nothing then). */
static const char *objection_words(const scenario *sc, const cust_events *ev, int j) {
  const char *said = sc->objections[j].said;
  int at = -1;
  for (int e = 0; e < ev->n && at < 0; e++)
    if (ev->v[e].kind == CUST_EV_OBJECTION && ev->v[e].index == j) at = e;
  for (int e = at + 1; e < ev->n; e++) {   /* said out loud right after it is raised */
    if (ev->v[e].kind != CUST_EV_SAY || !ev->v[e].text) continue;
    size_t tl = strlen(ev->v[e].text), sl = said ? strlen(said) : 0;
    /* her words, perhaps opened by her name at a table of several ("Grace: ...") */
    if ((said && sl && tl >= sl && strcmp(ev->v[e].text + tl - sl, said) == 0) ||
        (ev->v[e].key && strcmp(ev->v[e].key, "objection_again") == 0))
      return ev->v[e].text;
    break;
  }
  for (int e = at - 1; e >= 0; e--) {      /* the line that carried it, not another's */
    if (ev->v[e].kind == CUST_EV_OBJECTION) break;
    if (ev->v[e].kind == CUST_EV_SAY && ev->v[e].text && *ev->v[e].text) return ev->v[e].text;
  }
  for (int e = at + 1; e < ev->n; e++) {
    if (ev->v[e].kind == CUST_EV_OBJECTION) break;
    if (ev->v[e].kind == CUST_EV_SAY && ev->v[e].text && *ev->v[e].text) return ev->v[e].text;
  }
  return NULL;
}

/* Whether a reading names objection j. */
static int names_objection(const cls_result *r, int j) {
  for (int k = 0; k < r->n_objections; k++)
    if (r->objections[k] == j) return 1;
  return 0;
}

/* The turn index that answered objection j raised at turn index raised, or -1.  Questions,
** confirmations and checks after it acknowledge or clarify it ("So you need to be able to
** explain the price difference. Is that it?" answers nothing: play-test 8); then an answer is
** a statement that names it, or the first statement after it when it handles an objection or
** answers with value (a gain, proof, a benefit; a summary of them all is no answer to this one),
** naming no other objection (a gain, proof, a benefit: "Each set is hand-glazed and numbered, ..."
** after "Your sets cost nearly twice what my factory sets do"). */
static int objection_answered(const session *s, int raised, int j) {
  const uint64_t clarify = (1ull << CLS_CONFIRM_NEED) | (1ull << CLS_CHECK_CONCERNS) | (1ull << CLS_PROBE_REFUSAL);
  const uint64_t value = (1ull << CLS_HANDLE_OBJECTION) | (1ull << CLS_GAIN_APPEAL) | (1ull << CLS_PROOF) |
                         (1ull << CLS_PRESENT_BENEFIT);
  int first = 1;   /* no statement yet since it came up */
  /* a refusal that raised it is answered by asking for less ("今天全付?...账上真没有。" then
  ** "今天您先付两万,剩下两万八咱们定在二十五号,...行不行?" was "never answered" though 李总 took
  ** it: play-test 23), as the scorer reads lowering (score.c asks_lower_rung), unless she said no
  ** to that too ("can you give me her number?" got "Not while that light on my tap is still a
  ** mystery.") */
  int refused = -1;
  sess_has_event(&s->turns[raised], CUST_EV_REFUSE, &refused);
  /* the turn she said it eased is the answer: a line before it that named the worry and that she
  ** turned away is not ("理解,白折腾半年谁都怕。我们的做法是..." drew "功能是挺多的……不过这些跟我们有
  ** 什么关系?", the next line eased it, and the list said "第 12 轮回应": play-test 30b F1) */
  for (int i = raised + 1; i < s->n_turns; i++)
    for (int e = 0; e < s->turns[i].events.n; e++)
      if (s->turns[i].events.v[e].kind == CUST_EV_EASE && s->turns[i].events.v[e].index == j) return i;
  for (int i = raised + 1; i < s->n_turns; i++) {
    const cls_result *r = &s->turns[i].cls;
    /* a turn a scenario reaction took as its answer (ease:), whatever the line was: "那就下周一,...
    ** 可以吗?" moved the trip off the trade fair and was "never answered" (play-test 26c) */
    int eased = -1;
    if (sess_has_event(&s->turns[i], CUST_EV_EASE, &eased) && eased == j) return i;
    /* a threat or contempt answers no worry, though it names it ("账上没钱那是您的事,...找律师",
    ** play-test 31b M6: "第 2 轮回应") */
    if (r->moves & ((1ull << CLS_THREAT) | (1ull << CLS_RUDE))) { first = 0; continue; }
    /* nor does a price cut or a deadline that does not take the worry up: "...And this month we
    ** have 20% off the first year, ends friday." was "answered at turn 4" of "My drivers aren't
    ** criminals" (play-test 32c M1) */
    if ((r->moves & ((1ull << CLS_DISCOUNT) | (1ull << CLS_LOSS_APPEAL))) && !(r->moves & (1ull << CLS_HANDLE_OBJECTION)) &&
        !names_objection(r, j)) {
      first = 0;
      continue;
    }
    if ((r->moves & CLS_ASK_MOVES) && scn_rung_below(s->sc, r->commitment, refused) &&
        !sess_has_event(&s->turns[i], CUST_EV_REFUSE, NULL))
      return i;
    /* a question (not an ask: "could we invite the IT centre to the demo?" acts on it) or a
    ** restatement clarifies it */
    /* ("That's fair... Can I ask what worries you most about it?" acknowledges and asks: the
    ** acknowledgement alone, handle_objection, answers nothing yet: round 10, as the customer
    ** hears it, default.lua answer_objection) */
    uint64_t offered = r->moves & (r->question ? value & ~(1ull << CLS_HANDLE_OBJECTION) : value);
    if (((r->question && !(r->moves & CLS_ASK_MOVES)) || (r->moves & clarify)) && !offered && r->n_benefits == 0)
      continue;
    if (names_objection(r, j)) return i;
    /* (a value statement that names a need of hers, with no proof, speaks to that need, as the
    ** customer hears it: default.lua answer_objection) */
    if (first && r->n_objections == 0 && (r->moves & value) && !(r->n_needs > 0 && !(r->moves & (1ull << CLS_PROOF))))
      return i;
    first = 0;
  }
  return -1;
}

/* The objections the customer raised, each with what she said when it came up (her words, not
** the scenario's), and whether and when the trainee answered it (objection_answered): material
** for the reflection question about the objection that went worst.  One she raised without a
** word of her own is left out: there is nothing of hers to quote. */
static json_t *objections_json(const session *s) {
  json_t *a = json_array();
  const scenario *sc = s->sc;
  if (!sc) return a;
  for (int j = 0; j < sc->n_objections; j++) {
    int raised = -1;
    for (int i = 0; i < s->n_turns && raised < 0; i++)
      for (int e = 0; e < s->turns[i].events.n; e++)
        if (s->turns[i].events.v[e].kind == CUST_EV_OBJECTION && s->turns[i].events.v[e].index == j)
          raised = i;
    if (raised < 0) continue;
    const char *words = objection_words(sc, &s->turns[raised].events, j);
    if (!words) continue;
    int answered = objection_answered(s, raised, j);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(sc->objections[j].id ? sc->objections[j].id : ""));
    json_object_set_new(o, "said", safe_string(words));
    json_object_set_new(o, "turn", json_integer(s->turns[raised].n));
    json_object_set_new(o, "answered", answered >= 0 ? json_integer(s->turns[answered].n) : json_null());
    /* raised in the turn the customer ended the visit: "never answered" blamed the trainee for a
    ** turn that did not come (play-test 31b M6) */
    if (answered < 0 && raised == s->n_turns - 1 && sess_has_event(&s->turns[raised], CUST_EV_END, NULL))
      json_object_set_new(o, "at_end", json_true());
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
                            score_visit_kind kind, const cls_classifier *reader) {
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
  /* the session's classifier checks a discovery line reads as the question it teaches */
  /* (none for a fault the scorer made a note of no points: a hidden need asked about that the
  ** customer sidestepped was taught the very question the trainee had asked, play-test 29a F4) */
  if (f->points == 0 && f->rule->points < 0) {
    json_object_set_new(o, "better", json_string(""));
    return o;
  }
  /* a line to say to the customer, so in the customer's language whatever the debrief's: an
  ** English visit debriefed in Chinese taught "Helen Park，shall I put you down for 40 sets ...？这
  ** 周五之前能办好吗？" (play-tests 29a #9, 29b F7) */
  const char *say = sc && sc->language ? msg_lang(sc->language) : lang;
  /* (a worry brushed off, or a referral asked while her complaint stood, teaches settling it in
  ** the catalogue's words, not a pitch or another referral ask: play-test 29a F2; after the sale
  ** only: in a sales visit the worry is answered by what answers her need, and "抱歉之前没人跟您
  ** 解释。我现在就给您看看是怎么回事" taught a hospital's HIS worry the repair of a tap, play-test 30b F4) */
  if ((f->msg.key && strcmp(f->msg.key, "finding.unrealistic_ask.grievance_open") == 0) ||
      (strcmp(f->rule->id, "concern_dismissed") == 0 && (kind == SV_PAYMENT || kind == SV_REFERRAL || f->need < 0))) {
    json_object_set_new(o, "better", json_string(msg_text(say, "rule.concern_dismissed.better")));
    return o;
  }
  /* (a referral asked before asking how the product works teaches asking it, not another referral
  ** ask with no check: "Maria, I'm glad it's working for you. Could you give me Lucia's number...",
  ** play-test 29e #4) */
  if (f->msg.key && strcmp(f->msg.key, "finding.unrealistic_ask.referral_early") == 0) {
    json_object_set_new(o, "better", json_string(msg_text(say, "advice.satisfied_first")));
    return o;
  }
  adv_about about = { f->need, f->rungs_known, f->rungs_realistic, reader };
  char *made = adv_try(sc, say, f->rule->id, kind, &about);
  snprintf(key, sizeof key, "rule.%s.better", f->rule->id);
  json_object_set_new(o, "better", made ? safe_string(made) : json_string(msg_text(say, key)));
  free(made);
  return o;
}

/* The debrief document (DESIGN.md schema, docs/transcript.md). */
json_t *deb_build(const session *s, const score_result *r) {
  return deb_build_lang(s, r, NULL);
}

/* With several people at the table, each one's state when the document was made (the end of
** the visit): [{name, state: {trust, interest, patience, ...}}], or NULL with one customer. */
static json_t *deb_people_json(const session *s) {
  const cust_host *c = s->cust;
  int n = c ? cust_people_count(c) : 0;
  if (n == 0) return NULL;
  json_t *a = json_array();
  for (int p = 0; p < n; p++) {
    json_t *st = json_object();
    for (int i = 0; i < cust_state_count(c); i++) {
      double v = cust_person_state(c, p, i);
      json_object_set_new(st, cust_state_name(c, i), cust_state_is_bool(c, i) ? json_boolean(v != 0)
                          : v == (double)(json_int_t)v ? json_integer((json_int_t)v) : json_real(v));
    }
    json_array_append_new(a, json_pack("{s:s, s:o}", "name", cust_person_name(c, p), "state", st));
  }
  return a;
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
  json_t *people = deb_people_json(s);
  if (people) json_object_set_new(d, "people", people);
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
        json_array_append_new(fa, finding_json(&r->findings[i], lang, sc, r->kind, s->cls));
    json_object_set_new(sk, "findings", fa);
    json_object_set_new(skills, score_skill_name((score_skill)k), sk);
  }
  json_object_set_new(d, "skills", skills);
  json_object_set_new(d, "turns", turns_json(s));
  json_object_set_new(d, "commitments", commitments_json(s));
  json_t *objections = objections_json(s);
  json_object_set_new(d, "objections", objections);
  json_object_set_new(d, "hints_used", json_integer(s->hints_used));
  json_t *refl = json_array();
  for (int i = 1; i <= N_REFLECT; i++) {
    char key[32];
    snprintf(key, sizeof key, "reflect.%d", i);
    /* no objection came up: which one was handled worst asks about nothing (blind trainer,
    ** round 10); ask what might have held the customer back instead */
    if (i == 3 && json_array_size(objections) == 0) snprintf(key, sizeof key, "reflect.3_none");
    json_array_append_new(refl, json_string(msg_text(lang, key)));
  }
  json_object_set_new(d, "reflection", refl);
  json_object_set_new(d, "progress", json_array());
  return d;
}

int deb_write_file(const json_t *d, char fmt, const char *path, char *err, size_t errlen) {
  strbuf b = {0};
  if (fmt == 'h') deb_render_html(d, &b);
  else deb_render_markdown(d, &b);
  int rc = util_write_atomic(path, b.s ? b.s : "", b.len, err, errlen);
  sb_free(&b);
  return rc;
}
