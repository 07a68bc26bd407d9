/*
** advice.c: Try lines made from the scenario (advice.h).  Each rule teaches one move (an ask of
** the visit's kind, a check, a summary, a confirmation, a discovery question, ...); the line for
** that move is a template of the scenario's language filled with the scenario's own words: the
** customer's name, a need's keyword (what the trainee would call it), the benefit that answers
** it, the ladder rung's action.  tests/unit/test_advice.c reads every line back through the
** classifier and checks it is the move it teaches.
*/
#include <stdlib.h>
#include <string.h>
#include "advice.h"
#include "util.h"

static const struct { const char *rule; adv_teach teach; } table[] = {
  { "no_ask", ADV_ASK }, { "vague_ask", ADV_ASK }, { "unrealistic_ask", ADV_ASK },
  { "ask_too_low", ADV_ASK }, { "seller_only_progress", ADV_ASK }, { "praise_ending", ADV_ASK },
  { "specific_ask", ADV_ASK }, { "realistic_ask", ADV_ASK }, { "outcome_order", ADV_ASK },
  { "outcome_advance", ADV_ASK }, { "outcome_continuation", ADV_ASK },
  { "repeated_closes", ADV_PROBE }, { "lower_before_probe", ADV_PROBE },
  { "probed_refusal", ADV_PROBE },
  { "payment_specific", ADV_PAY }, { "payment_vague", ADV_PAY }, { "no_payment_ask", ADV_PAY },
  { "firm_fair_payment", ADV_PAY },
  { "referral_asked", ADV_REFERRAL }, { "no_referral_ask", ADV_REFERRAL },
  { "pressure_after_sale", ADV_REFERRAL },
  { "ask_without_check", ADV_CHECK }, { "checked_concerns", ADV_CHECK },
  { "ask_without_summary", ADV_SUMMARY }, { "summary_misses_needs", ADV_SUMMARY },
  { "summary_tied_to_needs", ADV_SUMMARY }, { "feature_list", ADV_SUMMARY },
  { "summary_unconfirmed_needs", ADV_CONFIRM }, { "summary_rejected", ADV_CONFIRM },
  { "need_confirmed", ADV_CONFIRM },
  { "loss_before_value", ADV_GAIN }, { "discount_for_trust", ADV_GAIN },
  { "gain_when_needed", ADV_GAIN }, { "loss_when_ready", ADV_LOSS },
  { "hostile_threat", ADV_PROBE },
  { "pitch_before_discovery", ADV_OPEN }, { "no_discovery", ADV_OPEN },
  { "need_uncovered", ADV_OPEN },
  { "missed_hidden_need", ADV_HIDDEN }, { "hidden_need_found", ADV_HIDDEN },
  { "missed_decision_chain", ADV_CHAIN }, { "decision_chain_asked", ADV_CHAIN },
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

/* The name to address the customer by: the first word in English ("Dana Okafor" -> "Dana",
** "Grace Liu and Martin Hale" -> "Grace"), the whole name in Chinese (周处长). */
static char *address(const scenario *sc, int zh) {
  const char *n = sc->cust_name;
  if (zh) return xstrdup(n);
  size_t k = strcspn(n, " ,");
  return xasprintf("%.*s", (int)k, n);
}

static const char *first_str(const scn_strs *s) { return s->n > 0 && s->v[0] && *s->v[0] ? s->v[0] : NULL; }

/* The need a line is about: the first one of the wanted visibility (hidden or not), else any. */
static int pick_need(const scenario *sc, int hidden) {
  for (int i = 0; i < sc->n_needs; i++) if (sc->needs[i].hidden == hidden) return i;
  return sc->n_needs > 0 ? 0 : -1;
}

/* What the trainee would call need i: its first keyword, else its id. */
static const char *need_words(const scenario *sc, int i, int zh) {
  if (i < 0) return zh ? "这件事" : "this";
  const char *k = first_str(&sc->needs[i].keywords);
  return k ? k : sc->needs[i].id;
}

/* How to ask about hidden need i without naming it: a word that brings it out. */
static const char *hidden_words(const scenario *sc, int i, int zh) {
  if (i < 0) return zh ? "其他方面" : "anything else";
  const char *k = first_str(&sc->needs[i].revealed_by);
  return k ? k : need_words(sc, i, zh);
}

/* The benefit answering need i: its first keyword. */
static const char *benefit_words(const scenario *sc, int i, int zh) {
  for (int b = 0; i >= 0 && b < sc->n_benefits; b++)
    for (int a = 0; a < sc->benefits[b].answers.n; a++)
      if (sc->benefits[b].need_index && sc->benefits[b].need_index[a] == i) {
        const char *k = first_str(&sc->benefits[b].keywords);
        if (k) return k;
      }
  return zh ? "我们的方案" : "what we offer";
}

/* The rung an ask teaches: the best of the visit's family, or its lowest when the rule says the
** trainee asked for too much; -1 when the ladder has none of that family. */
static int pick_rung(const scenario *sc, adv_teach t, const char *rule) {
  /* after too big an ask or a threat, the smallest firm step the customer can take */
  int lowest = strcmp(rule, "unrealistic_ask") == 0 || strcmp(rule, "hostile_threat") == 0, found = -1;
  for (int j = 0; j < sc->n_commitments; j++) {
    scn_kind k = sc->commitments[j].kind;
    int fam = t == ADV_PAY ? k == SCN_KIND_PAYMENT : t == ADV_REFERRAL ? k == SCN_KIND_REFERRAL
            : (k == SCN_KIND_ADVANCE || k == SCN_KIND_ORDER);
    if (!fam) continue;
    found = j;
    if (!lowest) break;
  }
  return found;
}

/* The rung's action as said to the customer: its description without a final full stop. */
static char *action_words(const scenario *sc, int j) {
  const char *a = sc->commitments[j].action ? sc->commitments[j].action : sc->commitments[j].id;
  size_t n = strlen(a);
  while (n > 0 && (a[n - 1] == '.' || a[n - 1] == ' ')) n--;
  if (n >= 3 && strncmp(a + n - 3, "。", 3) == 0) n -= 3;
  return xasprintf("%.*s", (int)n, a);
}

/* See advice.h. */
char *adv_try(const scenario *sc, const char *rule, score_visit_kind kind) {
  if (!sc || !rule) return NULL;
  adv_teach t = adv_teaches(rule, kind);
  if (t == ADV_NONE) return NULL;
  int zh = sc->language && strncmp(sc->language, "zh", 2) == 0;
  if (!sc->cust_name || !*sc->cust_name) return NULL;   /* nobody to address: the fixed line */
  char *name = address(sc, zh), *out = NULL;
  int need = pick_need(sc, 0), hid = pick_need(sc, 1);
  const char *nw = need_words(sc, need, zh), *bw = benefit_words(sc, need, zh);
  const char *company = sc->cust_company && *sc->cust_company ? sc->cust_company : (zh ? "您" : "yours");
  switch (t) {
  case ADV_ASK: case ADV_PAY: case ADV_REFERRAL: {
    int j = pick_rung(sc, t, rule);
    if (j < 0) break;
    char *act = action_words(sc, j);
    const char *kw = first_str(&sc->commitments[j].keywords);
    if (!kw) kw = zh ? "这件事" : "meeting";
    if (t == ADV_ASK)
      /* the rung's first keyword names it, whatever words its description uses */
      out = xasprintf(zh ? "%s，想请您帮个忙：%s。%s的时间就定在下周二上午十点，在您办公室，您看可以吗？"
                         : "%s, could we fix the next step today: %s. Could we put the %s in the "
                           "calendar for next Tuesday at 10, in your office?", name, act, kw);
    else if (t == ADV_PAY)
      /* the rung's action carries its own date; the line adds the agreement and the paper */
      out = xasprintf(zh ? "%s，按约定尾款已经到期，我们今天把它定下来：%s。金额和日期我写下来请您签字确认，可以吗？"
                         : "%s, as agreed the balance is due, so could we settle it today: %s? I'll "
                           "write the amount and the date down for you to sign.", name, act);
    else
      out = xasprintf(zh ? "%s，很高兴您用得满意。您身边还有谁有同样的问题？能不能帮我介绍一下：%s。这周就安排，可以吗？"
                         : "%s, I'm glad it's working for you. Who do you know with the same "
                           "problem? Could you introduce me: %s. Could we set that up this week?", name, act);
    free(act);
    break;
  }
  case ADV_CHECK:
    out = xasprintf(zh ? "%s，在谈下一步之前想确认一下：关于%s，还有什么对您重要、我们没谈到的吗？"
                       : "%s, before we talk about next steps: is there anything about the %s we "
                         "haven't covered that matters to you?", name, nw);
    break;
  case ADV_SUMMARY:
    out = xasprintf(zh ? "%s，我总结一下：您说的%s的问题，用%s正好能解决。是这样吗？"
                       : "So to sum up, %s: you told me about the %s, and %s answers exactly that. "
                         "Is that right?", name, nw, bw);
    break;
  case ADV_CONFIRM:
    out = xasprintf(zh ? "%s，所以最主要的是%s的问题，我理解得对吗？"
                       : "%s, so the %s is the main thing for you; did I get that right?", name, nw);
    break;
  case ADV_OPEN:
    out = xasprintf(zh ? "%s，您这边%s现在是怎么处理的？出问题的时候会怎样？"
                       : "%s, how do you handle the %s today, and what happens when it goes wrong?",
                    name, nw);
    break;
  case ADV_HIDDEN:
    out = xasprintf(zh ? "%s，除了这个，%s方面还有什么让您放心不下的吗？"
                       : "%s, what about %s? How does that work for you today?",
                    name, hidden_words(sc, hid, zh));
    break;
  case ADV_CHAIN:
    out = xasprintf(zh ? "%s，除了您，还有哪些人会参与这个决定？他们各自最关心什么？"
                       : "%s, besides you, who else will have a say in this decision, and what "
                         "matters to them?", name);
    break;
  case ADV_PROBE:
    out = xasprintf(zh ? "我理解，%s。是什么让您还有顾虑？"
                       : "I understand, %s. What is holding you back from that step?", name);
    break;
  case ADV_GAIN:
    out = xasprintf(zh ? "%s，和%s情况类似的一家客户，靠%s第一个季度效益就提高了三成，这是他们的数据。"
                       : "%s, a company like %s used %s and cut that problem in half in its first "
                         "quarter; I can show you their numbers.", name, company, bw);
    break;
  case ADV_LOSS:
    out = xasprintf(zh ? "%s，现在的价格保留到月底，下个月起执行新价格。"
                       : "%s, the current price holds until the end of the month; after that the new "
                         "price list applies.", name);
    break;
  case ADV_NONE:
    break;
  }
  free(name);
  return out;
}
