/*
** advice.c: Try lines made from the scenario (advice.h).  Each rule teaches one move (an ask of
** the visit's kind, a check, a summary, a confirmation, a discovery question, ...); the line for
** that move is a catalogue template (advice.*, msg.h) filled with the scenario's own words: the
** customer's name, a need's keyword (what the trainee would call it), the benefit that answers
** it, the ladder rung's action.  tests/unit/test_advice.c reads every line back through the
** classifier and checks it is the move it teaches.
*/
#include <stdlib.h>
#include <string.h>
#include "advice.h"
#include "amount.h"
#include "advice_int.h"
#include "classify.h"
#include "msg.h"
#include "speakers.h"
#include "text.h"
#include "timex.h"
#include "util.h"

static const struct { const char *rule; adv_teach teach; } table[] = {
  { "no_ask", ADV_ASK }, { "vague_ask", ADV_ASK }, { "unrealistic_ask", ADV_ASK },
  { "ask_too_low", ADV_ASK }, { "seller_only_progress", ADV_ASK }, { "praise_ending", ADV_ASK },
  { "specific_ask", ADV_ASK }, { "realistic_ask", ADV_ASK }, { "outcome_order", ADV_ASK },
  { "outcome_advance", ADV_ASK }, { "outcome_continuation", ADV_ASK }, { "outcome_trust_lost", ADV_OPEN },
  { "repeated_closes", ADV_PROBE }, { "lower_before_probe", ADV_PROBE },
  { "probed_refusal", ADV_PROBE },
  { "payment_specific", ADV_PAY }, { "payment_vague", ADV_PAY }, { "no_payment_ask", ADV_PAY },
  { "firm_fair_payment", ADV_PAY }, { "discount_to_collect", ADV_PAY },
  { "referral_asked", ADV_REFERRAL }, { "no_referral_ask", ADV_REFERRAL },
  { "pressure_after_sale", ADV_REFERRAL },
  { "ask_without_check", ADV_CHECK }, { "checked_concerns", ADV_CHECK },
  { "ask_past_concern", ADV_GAIN },   /* the benefit that answers the worry left standing */
  { "objection_answered", ADV_CHECK },
  { "grievance_settled", ADV_GAIN },   /* the benefit that settles her complaint */
  { "concern_dismissed", ADV_GAIN },   /* (the debrief gives its fixed line: finding_json) */
  { "ask_without_summary", ADV_SUMMARY }, { "summary_misses_needs", ADV_SUMMARY },
  { "summary_tied_to_needs", ADV_SUMMARY }, { "feature_list", ADV_SUMMARY },
  { "summary_unconfirmed_needs", ADV_CONFIRM }, { "summary_rejected", ADV_CONFIRM },
  { "need_confirmed", ADV_CONFIRM },
  { "loss_before_value", ADV_GAIN }, { "discount_for_trust", ADV_GAIN },
  { "gain_when_needed", ADV_GAIN }, { "loss_when_ready", ADV_LOSS }, { "gain_was_enough", ADV_GAIN },
  { "hostile_threat", ADV_PROBE }, { "contempt", ADV_OPEN },
  { "improper_ask", ADV_ASK },   /* the step she can rightly give, asked for plainly */
  { "pitch_before_discovery", ADV_OPEN }, { "no_discovery", ADV_OPEN },
  { "need_uncovered", ADV_OPEN },
  { "missed_hidden_need", ADV_HIDDEN }, { "hidden_need_found", ADV_HIDDEN },
  { "missed_decision_chain", ADV_CHAIN }, { "decision_chain_asked", ADV_CHAIN },
  /* a question to the one left out, about a need of theirs (the finding names it) */
  { "decider_left_out", ADV_OPEN }, { "decider_brought_in", ADV_OPEN },
};

/* See advice.h.  The visit's kind turns asks into the ask that visit is for: a collection asks
** for the money, a referral visit for an introduction (a deadline or a threat there is answered
** by the same firm, fair ask). */
adv_teach adv_teaches(const char *rule, score_visit_kind kind) {
  if (!rule) return ADV_NONE;
  adv_teach t = ADV_NONE;
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(table[i].rule, rule) == 0) t = table[i].teach;
  if (kind == SV_PAYMENT && (t == ADV_ASK || t == ADV_LOSS || t == ADV_REFERRAL ||
                            strcmp(rule, "hostile_threat") == 0))
    return ADV_PAY;
  if (kind == SV_REFERRAL && (t == ADV_ASK || t == ADV_LOSS || t == ADV_GAIN || t == ADV_PAY))
    return ADV_REFERRAL;
  /* a payment or referral rule in a deal visit teaches that visit's own next step */
  if ((kind != SV_PAYMENT && t == ADV_PAY) || (kind != SV_REFERRAL && t == ADV_REFERRAL)) return ADV_ASK;
  return t;
}

/* See advice.h.  (The scorer names the need she had voiced before the feature list, if any.) */
adv_teach adv_teaches_about(const char *rule, score_visit_kind kind, const adv_about *about) {
  adv_teach t = adv_teaches(rule, kind);
  if (t == ADV_SUMMARY && strcmp(rule, "feature_list") == 0 && about && about->need < 0) t = ADV_OPEN;
  return t;
}

/* The name to address the customer by: the catalogue's advice.address_by says how; by
** "first_word" the first word ("Dana Okafor" -> "Dana", "Grace Liu and Martin Hale" -> "Grace"),
** else the whole name (周处长). */
static char *address(const scenario *sc, const char *lang) {
  const char *n = sc->cust_name;
  if (strcmp(msg_text(lang, "advice.address_by"), "first_word") != 0) return xstrdup(n);
  size_t k = strcspn(n, " ,");
  return xasprintf("%.*s", (int)k, n);
}

/* The name to address about need i (-1: none): at a table of several people, the one who says
** the need ("Martin: And there is no capital budget ..." -> "Martin"; the Try line for his hidden
** need had asked Grace), else address().  Caller frees. */
static char *address_about(const scenario *sc, const char *lang, int i) {
  if (i >= 0 && i < sc->n_needs && sc->needs[i].said) {
    int who = spk_speaker(sc->cust_name, sc->needs[i].said);
    char *people[SPK_MAX_PEOPLE];
    int n = who >= 0 ? spk_people(sc->cust_name, people, SPK_MAX_PEOPLE) : 0;
    char *out = who >= 0 && who < n ? xstrdup(people[who]) : NULL;
    for (int k = 0; k < n; k++) free(people[k]);
    if (out) return out;
  }
  return address(sc, lang);
}

static const char *first_str(const scn_strs *s) { return s->n > 0 && s->v[0] && *s->v[0] ? s->v[0] : NULL; }

/* The need a line is about: the first one of the wanted visibility (hidden or not), else any. */
static int pick_need(const scenario *sc, int hidden) {
  for (int i = 0; i < sc->n_needs; i++) if (sc->needs[i].hidden == hidden) return i;
  return sc->n_needs > 0 ? 0 : -1;
}

/* What the trainee would call need i: its first keyword, else its id. */
static const char *need_words(const scenario *sc, int i, const char *lang) {
  if (i < 0) return msg_text(lang, "advice.this_need");
  const char *k = first_str(&sc->needs[i].keywords);
  return k ? k : sc->needs[i].id;
}

/* 1 when reader reads line as the move t teaches: for ADV_OPEN an open question, for ADV_HIDDEN
** any question that asks rather than pitches, for ADV_CONFIRM a confirmation naming a need, for
** ADV_SUMMARY a summary naming a need and a benefit;
** always 1 without a reader. */
static int reads_as(const cls_classifier *reader, const char *line, adv_teach t) {
  if (!reader) return 1;
  cls_result r;
  cls_classify(reader, line, strlen(line), &r);
  uint64_t asks = (1ull << CLS_ASK_COMMITMENT) | (1ull << CLS_ASK_ORDER) | (1ull << CLS_ASK_PAYMENT) |
                  (1ull << CLS_ASK_REFERRAL);
  int ok = t == ADV_CONFIRM ? CLS_HAS(&r, CLS_CONFIRM_NEED) && r.n_needs > 0
         : t == ADV_SUMMARY ? CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS) && r.n_needs > 0 && r.n_benefits > 0
         : r.question && !(r.moves & asks) &&
           (t == ADV_OPEN ? CLS_HAS(&r, CLS_OPEN_QUESTION)
                          : CLS_HAS(&r, CLS_OPEN_QUESTION) || CLS_HAS(&r, CLS_CLOSED_QUESTION) ||
                            CLS_HAS(&r, CLS_CHECK_CONCERNS));
  cls_result_free(&r);
  return ok;
}

/* A line about need i in the trainer's words: the need's own example when it is a question and
** question_key is given ("{name}, {example}"), else an example statement in statement_key
** ("would you say ...? How do you handle that today?", "so ...; did I get that right?"), the
** first of them the reader reads as the move t teaches; NULL when none is (the caller's
** catalogue line then: never a keyword stitched into "what about X?").  A reader is used only
** for a line in the scenario's own language.  Caller frees. */
static char *from_examples(const scenario *sc, int i, const char *lang, const char *name, adv_teach t,
                           const char *statement_key, const char *question_key, const cls_classifier *reader) {
  if (strcmp(lang, msg_lang(sc->language)) != 0) reader = NULL;
  /* a hidden need is asked for openly first: its closed examples name what only she knows ("二号
  ** 样板间靠窗的墙角,踢脚线那条缝是不是有点宽?", "The September equipment purchase swallowed ...?"),
  ** which the brief never told the trainee (play-test 27c) */
  for (int pass = t == ADV_HIDDEN && reader ? 0 : 1; pass < 2; pass++) {
    int question = 0;
    char *ex;
    for (int k = 0; (ex = adv_need_example(sc, i, k, &question)) != NULL; k++) {
      const char *key = question ? question_key : statement_key;
      char *line = key ? msg_get(lang, key, "name", name, "example", ex, NULL) : NULL;
      free(ex);
      if (line && strcmp(lang, "zh") == 0) line = adv_zh_punct(line);
      if (line && reads_as(reader, line, t) && (pass == 1 || reads_as(reader, line, ADV_OPEN))) return line;
      free(line);
    }
  }
  return NULL;
}

/* A discovery question toward need i (from_examples), else the catalogue's neutral open
** question fallback_key.  Caller frees. */
static char *discovery(const scenario *sc, int i, const char *lang, const char *name, adv_teach t,
                       const char *fallback_key, const cls_classifier *reader) {
  char *out = from_examples(sc, i, lang, name, t, "advice.discover_said", "advice.question_said", reader);
  return out ? out : msg_get(lang, fallback_key, "name", name, NULL);
}

/* The first benefit answering need i, or -1. */
static int benefit_for(const scenario *sc, int i) {
  for (int b = 0; i >= 0 && b < sc->n_benefits; b++)
    for (int a = 0; a < sc->benefits[b].answers.n; a++)
      if (sc->benefits[b].need_index && sc->benefits[b].need_index[a] == i) return b;
  return -1;
}

/* The trainer's example of a benefit for need i said as hers, for "{name}，对您来说好处就是：
** {example}": of the benefits answering i, the one answering fewest needs first (the one most her
** need's own), and of its examples the first that speaks to her (您, 你, you, your) and that the
** reader (in the scenario's language) does not read as proof, a story of another customer; else
** the first example of the first benefit.  "对您来说好处就是：临沂的刘总按我们的开发方案，一年在县城
** 开了六个网点" told 陈总 another dealer's result as his benefit (play-test 30b F10).  NULL when
** no benefit answering i has examples. */
static const char *gain_example(const scenario *sc, int i, const char *lang, const cls_classifier *reader) {
  static const char *const her[] = { "\xe6\x82\xa8" /* 您 */, "\xe4\xbd\xa0" /* 你 */, "you" };
  if (i < 0 || i >= sc->n_needs) return NULL;
  if (strcmp(lang, msg_lang(sc->language)) != 0) reader = NULL;
  const char *fallback = NULL;
  for (int fewest = 1; fewest <= 64; fewest++) {
    int any_wider = 0;
    for (int b = 0; b < sc->n_benefits; b++) {
      const scn_benefit *bn = &sc->benefits[b];
      int answers_i = 0;
      for (int a = 0; a < bn->answers.n; a++) answers_i |= bn->need_index && bn->need_index[a] == i;
      if (!answers_i) continue;
      if (bn->answers.n > fewest) { any_wider = 1; continue; }
      if (bn->answers.n < fewest) continue;
      for (int e = 0; e < bn->examples.n; e++) {
        const char *ex = bn->examples.v[e];
        if (!ex || !*ex) continue;
        if (!fallback) fallback = ex;
        int to_her = 0;
        for (size_t k = 0; k < sizeof her / sizeof *her && !to_her; k++) to_her = util_find_ci(ex, her[k]) != NULL;
        if (!to_her) continue;
        if (reader) {   /* (read as the gain it teaches: "It's only a filter reminder, ..." is none) */
          cls_result r;
          cls_classify(reader, ex, strlen(ex), &r);
          int fits = !CLS_HAS(&r, CLS_PROOF) && (CLS_HAS(&r, CLS_GAIN_APPEAL) || r.tactic == CLS_TACTIC_GAIN);
          cls_result_free(&r);
          if (!fits) continue;
        }
        return ex;
      }
    }
    if (!any_wider) break;
  }
  return fallback;   /* (none speaks to her: the first example of the benefit most her need's own) */
}

/* The benefit answering need i: its first keyword (a benefit's keywords are required). */
static const char *benefit_words(const scenario *sc, int i, const char *lang) {
  int b = benefit_for(sc, i);
  const char *k = b >= 0 ? first_str(&sc->benefits[b].keywords) : NULL;
  return k ? k : msg_text(lang, "advice.what_we_offer");
}

/* A summary of need i and the benefit answering it in the trainer's words: a statement example
** of the need, then an example of the benefit as a sentence of its own (advice.summary_said),
** the first pair the reader reads as a summary naming both; NULL when none is (the caller's
** keyword line then).  Caller frees. */
static char *summary_from_examples(const scenario *sc, int i, const char *lang, const char *name,
                                   const cls_classifier *reader) {
  if (strcmp(lang, msg_lang(sc->language)) != 0) reader = NULL;
  int b = benefit_for(sc, i), question = 0;
  char *nx;
  for (int k = 0; b >= 0 && (nx = adv_need_example(sc, i, k, &question)) != NULL; k++) {
    if (question) { free(nx); continue; }   /* a summary restates; a question asks */
    char *bx;
    for (int e = 0; (bx = adv_benefit_example(sc, b, e)) != NULL; e++) {
      char *line = msg_get(lang, "advice.summary_said", "name", name, "need", nx, "benefit", bx, NULL);
      free(bx);
      if (line && strcmp(lang, "zh") == 0) line = adv_zh_punct(line);
      if (line && reads_as(reader, line, ADV_SUMMARY)) { free(nx); return line; }
      free(line);
    }
    free(nx);
  }
  return NULL;
}

/* The rung an ask teaches: the best of the visit's family the customer could have given at
** that turn when the turn judged the ladder (asking a first-time buyer for the order that only
** a later visit can win is no advice); else the best of the family, or its lowest when the rule
** says the trainee asked for too much; -1 when the ladder has none of that family. */
static int pick_rung(const scenario *sc, adv_teach t, const char *rule, const adv_about *about) {
  /* after too big an ask or a threat, the smallest firm step the customer can take; so too when
  ** the ladder was judged and nothing on it was within reach */
  int lowest = strcmp(rule, "unrealistic_ask") == 0 || strcmp(rule, "hostile_threat") == 0, found = -1;
  if (about && about->rungs_known && !about->rungs_realistic) lowest = 1;
  int best_real = -1;
  for (int j = 0; j < sc->n_commitments; j++) {
    scn_kind k = sc->commitments[j].kind;
    int fam = t == ADV_PAY ? k == SCN_KIND_PAYMENT : t == ADV_REFERRAL ? k == SCN_KIND_REFERRAL
            : (k == SCN_KIND_ADVANCE || k == SCN_KIND_ORDER);
    if (!fam) continue;
    if (best_real < 0 && about && about->rungs_known && j < 64 && (about->rungs_realistic >> j & 1))
      best_real = j;
    if (found < 0 || lowest) found = j;
  }
  return best_real >= 0 ? best_real : found;
}

/* The rung's action as said to the customer: its description without a final full stop. */
static char *action_words(const scenario *sc, int j) {
  const char *a = sc->commitments[j].action ? sc->commitments[j].action : sc->commitments[j].id;
  size_t n = strlen(a);
  while (n > 0 && (a[n - 1] == '.' || a[n - 1] == ' ')) n--;
  if (n >= 3 && strncmp(a + n - 3, "。", 3) == 0) n -= 3;
  return xasprintf("%.*s", (int)n, a);
}

/* A payment rung's ask with its sums: NULL when its action names a sum (the line says the action),
** else its first example that names one ("今天先付两万,剩下两万八写明日期,您看行吗?"); the action
** "李总今天先付一部分,剩下的写明日期当面确认" taught a part payment with no sum (play-test 30b F10).
** Caller frees. */
static char *pay_example(const scenario *sc, int j, const char *action, const char *lang, const char *name,
                         const cls_classifier *reader) {
  amt_hit h;
  if (amt_find(action, strlen(action), &h)) return NULL;
  if (strcmp(lang, msg_lang(sc->language)) != 0) reader = NULL;
  for (int e = 0; e < sc->commitments[j].examples.n; e++) {
    const char *ex = sc->commitments[j].examples.v[e];
    if (!ex || !amt_find(ex, strlen(ex), &h)) continue;
    if (reader) {   /* the line it makes reads as the dated payment ask it teaches */
      char *line = msg_get(lang, "advice.pay_said", "name", name, "example", ex, NULL);
      cls_result r;
      cls_classify(reader, line, strlen(line), &r);
      int fits = CLS_HAS(&r, CLS_ASK_PAYMENT) && r.slots[CLS_SLOT_TIME] && !r.vague;
      cls_result_free(&r);
      free(line);
      if (!fits) continue;
    }
    return xstrdup(ex);
  }
  return NULL;
}

/* The rung's first example as said after "{name}, ": a trainee's own ask, which reads better
** than the rung's description ("Dana agrees to a call with ...", written for the debrief's
** "agreed: ...").  A name it opens with goes (the line names the customer already: "陈总,咱们
** ..."), and, when it follows the name (lower), an English example's capital ("Would you" ->
** "would you", not "I").  NULL when the rung has none.  Caller frees. */
static char *example_words(const scenario *sc, int j, const char *name, int lower) {
  const char *ex = first_str(&sc->commitments[j].examples);
  if (!ex) return NULL;
  size_t nl = strlen(name);
  if (nl && strncmp(ex, name, nl) == 0) {
    const char *p = ex + nl;
    if (*p == ',') p++;
    else if (strncmp(p, "\xEF\xBC\x8C", 3) == 0) p += 3;   /* a full-width comma */
    else p = ex;
    while (*p == ' ') p++;
    if (*p) ex = p;
  }
  char *w = xstrdup(ex);
  if (lower && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'a' && w[1] <= 'z') w[0] = (char)(w[0] - 'A' + 'a');
  return w;
}

/* 1 when the rung's action already says when ("周四和你一起过一遍方案", "starting Monday"):
** the line then adds no time of its own, which would contradict it. */
static int action_has_time(const char *lang, const char *action) {
  diag d;
  diag_init(&d);
  tx_set *tx = tx_new(strcmp(lang, "zh") == 0 ? "zh" : "en", &d);
  diag_free(&d);
  if (!tx) return 0;
  size_t n;
  char *norm = txt_normalize(action, strlen(action), &n);
  tx_hit *hits = NULL;
  int spans = 0, found = tx_find(tx, norm, n, &hits, &spans) > 0;
  free(hits);
  free(norm);
  tx_free(tx);
  return found;
}

/* Who else decides, asked of everybody at the table: at a table of several ("Grace Liu and
** Martin Hale") each by name, "besides you" would leave the other out. */
static char *chain_question(const scenario *sc, const char *lang, const char *name) {
  char *people[SPK_MAX_PEOPLE];
  int n = spk_people(sc->cust_name, people, SPK_MAX_PEOPLE);
  if (n < 2) return msg_get(lang, "advice.chain", "name", name, NULL);
  strbuf b = {0};
  for (int i = 0; i < n; i++) {
    if (i) sb_puts(&b, msg_text(lang, "advice.name_joint"));
    sb_puts(&b, people[i]);
    free(people[i]);
  }
  char *out = msg_get(lang, n == 2 ? "advice.chain_two" : "advice.chain_all", "names", b.s, NULL);
  free(b.s);
  return out;
}

/* See advice.h. */
char *adv_try(const scenario *sc, const char *lang, const char *rule, score_visit_kind kind,
              const adv_about *about) {
  if (!sc || !rule) return NULL;
  adv_teach t = adv_teaches_about(rule, kind, about);
  if (t == ADV_NONE) return NULL;
  if (!lang) lang = msg_lang(sc->language);
  if (!sc->cust_name || !*sc->cust_name) return NULL;   /* nobody to address: the fixed line */
  int need = pick_need(sc, 0), hid = pick_need(sc, 1);
  int n = about ? about->need : -1;
  if (n >= 0 && n < sc->n_needs && sc->needs[n].hidden) hid = n;
  /* the need the finding is about (voiced in the visit, hidden or not: a summary that left out the
  ** frost she was asked about teaches the frost), else the first voiced: what a summary or a
  ** confirmation names */
  int shown = n >= 0 && n < sc->n_needs ? n : need;
  /* an open question about the need the finding names (a person left out of the talk: theirs),
  ** else the first voiced */
  int open_need = shown;
  /* a line about one need is said to the one who voiced it: the gain answering a worry too
  ** (Martin's payback, left unanswered, was taught as "Grace, here is what it would mean for you")
  */
  int to = t == ADV_SUMMARY || t == ADV_CONFIRM ? shown : t == ADV_OPEN ? open_need : t == ADV_HIDDEN ? hid
         : t == ADV_GAIN && n >= 0 && n < sc->n_needs ? n : -1;
  char *name = address_about(sc, lang, to), *out = NULL;
  const char *bw = benefit_words(sc, need, lang);
  const char *company = sc->cust_company && *sc->cust_company ? sc->cust_company : msg_text(lang, "advice.yours");
  switch (t) {
  case ADV_ASK: case ADV_PAY: case ADV_REFERRAL: {
    int j = pick_rung(sc, t, rule, about);
    if (j < 0) break;
    char *act = action_words(sc, j);
    /* said to her, the rung's description (written for the debrief's "agreed: 李总今天先付一部分")
    ** names her as 您: "李总,...我们今天把它定下来:李总今天先付一部分" spoke of him to him
    ** (play-test 24).  Chinese only: an English verb would need its person changed too. */
    size_t cn = strlen(sc->cust_name);
    if (strcmp(lang, "zh") == 0 && strncmp(act, sc->cust_name, cn) == 0 && act[cn]) {
      char *yours = xasprintf("%s%s", msg_text(lang, "advice.yours"), act + cn);
      free(act);
      act = yours;
    }
    /* the rung's first keyword names it, whatever words its description uses; a payment's
    ** action carries its own date, the line adds the agreement and the paper */
    const char *kw = first_str(&sc->commitments[j].keywords);
    if (!kw) kw = msg_text(lang, "advice.meeting");
    /* the trainer's own ask for the rung when it has examples, else its description; a
    ** payment's description carries its sum and date, which the line must say */
    char *ex = t == ADV_PAY ? pay_example(sc, j, act, lang, name, about ? about->reader : NULL) : example_words(sc, j, name, t == ADV_ASK);   /* ask: "{name}, {example}" */
    const char *timed = ex ? ex : act;
    /* a date in the calendar only for a meeting, a visit or a call, one of its own only when
    ** the rung names none; a file to send or an order gets a day it is due by instead */
    /* (a referral's own time too: "Would you give Lucia a ring now and ask if I can drop by on
    ** Saturday? Could we set that up this week?" read as two templates glued: play-test 25) */
    int timed_already = (t == ADV_ASK || t == ADV_REFERRAL) && action_has_time(sc->language, timed);
    int meeting = t == ADV_ASK && adv_rung_is_meeting(sc, j, lang);
    const char *key = t == ADV_PAY ? "advice.pay"
                    : t == ADV_REFERRAL ? (timed_already ? "advice.referral_timed" : "advice.referral")
                    : meeting ? (timed_already ? "advice.ask_timed" : "advice.ask")
                    : timed_already ? "advice.ask_as" : "advice.ask_due";
    size_t exn = ex ? strlen(ex) : 0;
    if (ex && strcmp(key, "advice.ask_due") == 0 && exn > 1 && ex[exn - 1] == '?') {
      /* her own question gets its due day inside it, not a second ask after it ("Could you email
      ** me ... at the pump? Could you confirm by email by this Friday?": play-test 32c L2) */
      char *open = xstrndup(ex, exn - 1);
      out = msg_get(lang, "advice.ask_due_in", "name", name, "example", open, NULL);
      free(open);
    } else if (ex) {
      char *k2 = xasprintf("%s_said", key);
      out = msg_get(lang, k2, "name", name, "example", ex, NULL);
      free(k2);
    } else
      out = msg_get(lang, key, "name", name, "action", act, "keyword", kw, NULL);
    free(ex);
    free(act);
    break;
  }
  /* a check asks what is left, whatever it is: "关于护士,还有什么..." named a keyword as a topic */
  case ADV_CHECK: out = msg_get(lang, "advice.check", "name", name, NULL); break;
  case ADV_SUMMARY:   /* keywords only as a last resort */
    out = summary_from_examples(sc, shown, lang, name, about ? about->reader : NULL);
    if (!out) out = msg_get(lang, "advice.summary", "name", name, "need", need_words(sc, shown, lang),
                            "benefit", benefit_words(sc, shown, lang), NULL);
    break;
  case ADV_CONFIRM:   /* in the trainer's words, else by its keyword */
    out = from_examples(sc, shown, lang, name, t, "advice.confirm_said", NULL, about ? about->reader : NULL);
    if (!out) out = msg_get(lang, "advice.confirm", "name", name, "need", need_words(sc, shown, lang), NULL);
    break;
  case ADV_OPEN: out = discovery(sc, open_need, lang, name, t, "advice.open", about ? about->reader : NULL); break;
  case ADV_HIDDEN: out = discovery(sc, hid, lang, name, t, "advice.hidden", about ? about->reader : NULL); break;
  case ADV_CHAIN: out = chain_question(sc, lang, name); break;
  case ADV_PROBE: out = msg_get(lang, "advice.probe", "name", name, NULL); break;
  case ADV_GAIN: {
    /* the trainer's own words for the benefit, when it has examples: a keyword ("临沂",
    ** "page the on-call") is a name for the benefit, not a phrase that fits in a sentence */
    /* (for the need the finding is about when it names one: a worry left unanswered) */
    const char *ex = gain_example(sc, n >= 0 && n < sc->n_needs ? n : need, lang, about ? about->reader : NULL);
    if (ex) out = msg_get(lang, "advice.gain_said", "name", name, "example", ex, NULL);
    else out = msg_get(lang, "advice.gain", "name", name, "company", company, "benefit", bw, NULL);
    break;
  }
  case ADV_LOSS: out = msg_get(lang, "advice.loss", "name", name, NULL); break;
  case ADV_NONE: break;
  }
  free(name);
  /* pieces typed with ASCII punctuation ("发给我,好吗?") glued into a full-width template */
  if (out && strcmp(lang, "zh") == 0) out = adv_zh_punct(out);
  return out;
}
