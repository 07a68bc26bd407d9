/*
** classify_int.h: the classifier's inside, shared by classify.c (building, JSON) and
** classify_rules.c (the reading rules).  Not a public interface.
*/
#ifndef SALESIM_CLASSIFY_INT_H
#define SALESIM_CLASSIFY_INT_H

#include "classify.h"
#include "lexicon.h"
#include "link.h"
#include "speakers.h"
#include "model.h"
#include "text.h"
#include "timex.h"
#include "words.h"

/* Markers: lexicon labels that are neither moves nor slots, read by the rules. */
enum {
  CLS_MK_REQUEST, CLS_MK_QUESTION, CLS_MK_WH, CLS_MK_VAGUE, CLS_MK_NEGATION, CLS_MK_SUMMARY,
  CLS_MK_CUSTOMER_TERMS, CLS_MK_IGNORE, CLS_MK_SCARCITY, CLS_MK_OFFER, CLS_MK_SELLER,
  CLS_MK_CUSTOMER, CLS_MK_CONFIRM, CLS_MK_BOAST, CLS_MK_PAYER, CLS_MK_INCOMING, CLS_MK_DISMISS,
  CLS_MK_SUBORDINATE, CLS_MK_TELLING, CLS_MK_ASKING, CLS_MK_ASKING_WH, CLS_MK_NOT_ASKING,
  CLS_MK_RESTATED, CLS_MK_WANTING, CLS_MK_OPINION, CLS_MK_OUTCOME,
  CLS_MK_AGENDA, CLS_MK_CONSENT, CLS_MK_AS_IS, CLS_MK_VISIT_YOU, CLS_MK_HOW_ABOUT, CLS_MK_RELATIVE,
  CLS_MK_TIME_SUITS, CLS_MK_FRAME, CLS_MK_PRICE_CUT, CLS_MK_COMPARE, CLS_MK_SAVING, CLS_MK_CHEAPER, CLS_MK_SUGGEST,
  CLS_MK_WHEN_ASKED, CLS_MK_PAST, CLS_MK_NOT_SCARCE, CLS_MK_COUNT
};
extern const char *const cls_marker_names[CLS_MK_COUNT];
#define CLS_MK_BIT(k) ((uint64_t)1 << (k))
/* A source line as a string, for the audit of a rule ("engine/classify_rules.c:" CLS_STR(__LINE__)). */
#define CLS_STR2(x) #x
#define CLS_STR(x) CLS_STR2(x)

/* Markers read after the model (cls_late_question) or by the links only (classify_link.c): their
** phrases hide nothing, not a move nor a negation inside them (lex_set_quiet), so adding one does
** not move what the model was trained on. */
#define CLS_MK_QUIET (CLS_MK_BIT(CLS_MK_ASKING) | CLS_MK_BIT(CLS_MK_ASKING_WH) | CLS_MK_BIT(CLS_MK_NOT_ASKING) | \
                      CLS_MK_BIT(CLS_MK_RESTATED) | CLS_MK_BIT(CLS_MK_WANTING) | CLS_MK_BIT(CLS_MK_OPINION) | \
                      CLS_MK_BIT(CLS_MK_OUTCOME) | CLS_MK_BIT(CLS_MK_AGENDA) | \
                      CLS_MK_BIT(CLS_MK_CONSENT) | CLS_MK_BIT(CLS_MK_AS_IS) | CLS_MK_BIT(CLS_MK_VISIT_YOU) | \
                      CLS_MK_BIT(CLS_MK_HOW_ABOUT) | CLS_MK_BIT(CLS_MK_RELATIVE) | \
                      CLS_MK_BIT(CLS_MK_TIME_SUITS) | CLS_MK_BIT(CLS_MK_FRAME) | \
                      CLS_MK_BIT(CLS_MK_PRICE_CUT) | CLS_MK_BIT(CLS_MK_COMPARE) | \
                      CLS_MK_BIT(CLS_MK_SAVING) | CLS_MK_BIT(CLS_MK_CHEAPER) | CLS_MK_BIT(CLS_MK_SUGGEST) | \
                      CLS_MK_BIT(CLS_MK_WHEN_ASKED) | CLS_MK_BIT(CLS_MK_PAST) | CLS_MK_BIT(CLS_MK_NOT_SCARCE))
/* Markers that are no feature of the model (cls_marker_is_feature): the quiet ones, and those
** the rules or the links read alone. */
#define CLS_MK_UNFEATURED (CLS_MK_QUIET | CLS_MK_BIT(CLS_MK_DISMISS) | CLS_MK_BIT(CLS_MK_SUBORDINATE) | \
                           CLS_MK_BIT(CLS_MK_TELLING))

/* The model's labels that are no move, which cls_apply_model reads (cls_classifier.model_flag). */
enum { CLS_MF_ASK, CLS_MF_SPECIFIC, CLS_MF_VAGUE, CLS_MF_LOSS, CLS_MF_GAIN, CLS_MF_COUNT };
extern const char *const cls_model_flag_names[CLS_MF_COUNT];

struct cls_classifier {
  char *lang;
  const scenario *sc;            /* not owned; may be NULL */
  int rung_sums;                 /* a rung keyword is a sum of money (classify_rules.c amount_refs) */
  lexicon *lx;
  tx_set *tx;
  int move_label[CLS_MOVE_COUNT];
  unsigned char *label_move;     /* per lexicon label: 1 when it is one of move_label (owned) */
  int n_label_move;
  int slot_label[CLS_SLOT_COUNT];
  int way_label;                 /* "way" is read as the place slot */
  int marker_label[CLS_MK_COUNT];
  int *need_label, *benefit_label, *objection_label, *commitment_label;   /* per scenario item */
  const mdl_image *model;        /* the language's compiled model, or NULL (rules alone) */
  /* the model's label of each move and of the flags it is asked about (mdl_label, -1 for none),
  ** found once: cls_apply_model asks for them by name a dozen times a line */
  int model_move[CLS_MOVE_COUNT];
  int model_flag[CLS_MF_COUNT];
  wd_stemmer *stem;              /* English base forms, for the model's features and links */
  struct ft_set *features;       /* the model's feature set, reused line after line, made at the first (owned) */
  int has_variants;              /* the lexicon lists spelling variants (lexicon_load.c) */
  lnk_index *links;              /* the scenario's items by meaning (link.h), or NULL */
  wd_words *own_words;           /* the scenario's English words, kept from typo correction (owned) */
  /* The people at the table by their short names, lowercase ASCII ("grace", "martin"; owned):
  ** a name that opens a clause is who it is said to ("grace whats going wrong on the floor") */
  char *names[SPK_MAX_PEOPLE];
  int n_names;
  uint64_t nowho_known, nowho;   /* cls_rung_needs_no_who's answers, a bit per rung */
};

/* The rules alone (classify_rules.c): fills *out from the line. */
/* Adds a scenario's own English words to w (its lexicon phrases, keywords and examples): the
** typo corrector's (words.h), made at build time for a shipped scenario (builtin.h, bi_words). */
void cls_add_scenario_words(wd_words *w, const scenario *sc);
/* Adds a scenario's own phrases to lx: its `lexicon:` entries (not those that switch built-in
** phrases off), then the keywords of its needs, benefits, objections and commitments under
** "need:ID" and so on, each label interned even without keywords; sources "FILE:LINE".
** Returns the errors, each in d.  Made at build time for a shipped file (builtin.h, bi_phrases). */
int cls_add_scenario_phrases(lexicon *lx, const scenario *sc, const char *file, diag *d);

/* Cheap tests that a late rule's phrases may stand in a normalised line at all (classify_gate.c):
** 0 only where none can, so a rule that asks returns without reading the clauses. */
int cls_may_drop_by(const char *norm);   /* cls_late_dropping_by */
int cls_may_count(const char *norm);     /* cls_late_quantity_order */

/* The rules' reading of a line into out (zeroed first; owns what it is given), which keeps its
** clauses in memo (clause.h) while it is read; memo may be NULL. */
void cls_read_rules(const cls_classifier *c, const char *line, size_t len, struct cl_memo *memo, cls_result *out);
/* Links by meaning (classify_link.c): the needs, benefits and objections a line is similar to
** (commitments 0), or, for an ask that names no rung by keyword, the rung (commitments 1). */
void cls_link_meaning(const cls_classifier *c, cls_result *r, int commitments);
/* The scenario's switched-off phrases (`lexicon: switch_off:`) bind the model too (classify_model.c). */
void cls_apply_off(const cls_classifier *c, cls_result *r);
/* A Chinese question typed without "?" ("生意咋样", "利润还行不", "最怕的是啥"): after the model,
** so the features it was trained on do not move, a line whose question word or final particle
** (markers asking_wh, asking; not inside a not_asking phrase such as 没啥, nor in the seller's
** clause) is a question, and an open or closed one when it carries no other move but courtesy.
** Found in play: the customer answered "嗯,明白。" (classify_rules.c). */
void cls_late_question(const cls_classifier *c, cls_result *r);
/* A relative clause after a comma asks nothing ("we install over a weekend, which keeps your line
** running" was an open question; found in play-test 19): when every question form of a line with
** no "?" is a relative marker (which, who, where) opening a clause after a comma and a clause of
** three words or more, and the line is read as nothing but a question, a pitch or proof, its
** open or closed question and its question flag go.  After the model, so its features stay as
** trained (the same rule before the model moved 48 readings of the corpus through retraining).
** Before cls_late_question (classify_rules.c). */
void cls_late_relative(cls_result *r);
/* "Does Thursday work for a quick call with your finance lead?" asks as "Would Thursday work for
** ..." does (play-test 19: a closed question): a question with the marker time_suits, a time, and
** an action or a person, that asks for nothing yet, is an ask; specific as any ask.  "Does Friday
** work?" (no step named) and "Does the system work with SAP?" (no time) stay questions.  After
** the model (classify_rules.c). */
void cls_late_time_suits(cls_result *r);
/* A hold until a day is the ask's own time, not a scarcity: "Would you be willing to put 40 sets on
** hold until Monday while you check with your accountant?" was a loss appeal (the scarcity word
** "until" beside the offer's "sets": rule scarcity_offer) and -20 as pressure before the value
** (play-test 20).  A loss appeal of that rule alone, in an ask for the customer's action, whose
** every scarcity word is "until", "till" or "by" where a time of the line begins, inside a request
** or question (never a statement: "Can you sign today? The price holds only until Friday." keeps
** it), with no other loss cue, is the ask's time frame.  After the
** model, which may read the loss itself (then it stays). */
void cls_late_ask_until(cls_result *r);
/* "我理解对您来说最重要的是回款周期,没错吧?" plays the customer's need back: a confirmation of a
** need, ending in a confirmation tag, whose benefit is only the perspective phrase 对您来说 and
** whose objection handling only 我理解 (phrases of the quiet marker `frame`), presents no benefit
** and answers no objection (play-test 20: read as confirm_need, present_benefit and
** handle_objection).  A line that links a benefit
** of the scenario, appeals to gain, sums up or asks keeps them.  After the model. */
void cls_late_confirm_frame(cls_result *r);
/* What the product saves her is no price cut (play-test 20: "Our headsets reduce mispicks by about
** two thirds" was a discount, -20 "a discount buys no trust", and Martin answered a discount).  A
** discount whose every phrase is the stem "reduce*" or "cheaper" (便宜) (the quiet markers saving
** and cheaper lie on them), in a line with no phrase of the quiet marker price_cut ("reduce the annual fee", "a reduction on the list price"), is
** dropped: "reduce*" always, "cheaper" in a line that compares (quiet marker compare: than, 比:
** "这套系统比再招一个人便宜多了") or in a clause that neither the seller acts in nor asks or
** proposes ("cheaper to run", "保费便宜两百多"; "I can make it cheaper for you", "我给您便宜点"
** stay).  After the model. */
void cls_late_saving_not_discount(cls_result *r);
/* "you should really try it, all the clinics near you use it already" and "您真该试试" push her to
** act: read as nothing, they got "Right, noted." (play-test 20).  A line with no ask, not
** negated, whose clause holding a phrase of the quiet marker suggest also holds an action after
** it, is an ask: vague by its vague marker, specific only with a time and who or where.  After
** the model. */
void cls_late_suggestion(cls_result *r);
/* An ask that asks her for the day (marker when_asked) is no vague ask. */
void cls_late_when_asked(cls_result *r);
/* A loss appeal only the model read, whose every scarcity word lies inside an idiom of being left
** alone (marker not_scarce: "so nobody's left guessing"), is none. */
void cls_late_idiom_not_scarce(cls_result *r);
/* A model's ask that only asks whether the seller's proposal suits her ("Would two drops work for
** you?") is a yes-no question (classify_rules.c). */
void cls_late_works_for_you(cls_result *r);
/* 支持 thanked for ("承蒙上次支持", "谢谢您一直支持我们") is her support, no feature (classify_rules.c). */
void cls_late_support_thanks(cls_result *r);
/* An ask naming a step, a day and a place by its capitalised name ("at Reno") is specific. */
void cls_late_proper_place(cls_result *r);
/* Her need said back and closed by a bare "right" (texting, no question mark) confirms it. */
void cls_late_texted_confirm(cls_result *r);
/* Her need said back in statements and closed by a short yes/no tag ("So it has to sell through by
** the end of spring. Is that the bar?"), read only by the model as an ask, confirms the need. */
void cls_late_restated_tag(const cls_classifier *c, cls_result *r);
/* "what if I/we ..." opening a question proposes: with we (or you), an ask; the seller alone, his
** own action ("what if i send you some brochures and we keep in touch?"). */
void cls_late_what_if_we(cls_result *r);
/* An ask whose step is only keeping in touch, with no time, names no day. */
void cls_late_keep_in_touch(cls_result *r);
/* Offering to show or send the seller's own papers ("Want to see the price list?") asks for no
** step: seller_action. */
void cls_late_offer_to_show(const cls_classifier *c, cls_result *r);
/* A suggestion of her step naming a rung by its keyword ("maybe you put one sample set in window two
** weeks ...?") asks for that rung. */
void cls_late_suggested_rung(const cls_classifier *c, cls_result *r);
/* "in (the/your) window, shop, store, warehouse ..." in a timed ask with no who or where is where. */
void cls_late_place_noun(cls_result *r);
/* The seller saying he must go, closing a clause ("ok i have to run, thanks maria"), takes leave. */
void cls_late_must_go(cls_result *r);
/* 优惠, 便宜 or 实惠 said of the price ("我们价格也很优惠的"), sizing no cut, is no discount. */
void cls_late_price_praised(cls_result *r);
/* The seller explaining the visit as just dropping by ("就是路过来看看您", "just popping in, I was in
** the area"), asking and telling nothing else, makes small talk. */
void cls_late_dropping_by(cls_result *r);
/* The seller putting the payment off ("那您有钱了再说"; "等您方便了再说" in a visit with a payment
** rung) withdraws it to no day: a vague payment ask. */
void cls_late_put_off(const cls_classifier *c, cls_result *r);
/* A time ending on 周一 right before 起 ("下周一起看一次演示": 下周 + 一起) is the week, not Monday. */
void cls_late_together(cls_result *r);
/* A weekday said with " week" after it ("Tuesday week": a week from Tuesday) is that day, not the
** coming one: the slot takes the word in. */
void cls_late_weekday_week(cls_result *r);
/* A later time after a correction cue ("this Thursday - actually no, make that Monday at 8", "周四,哦不对,
** 周一上午九点") is the line's time; the withdrawn one is marked withdrawn:time. */
void cls_late_corrected_time(cls_result *r);
/* Waiting for the trouble to come back, or its coming back ("let's not wait for the next outage", "if
** that happens again"), in a line naming a cost, is a loss appeal. */
void cls_late_cost_again(cls_result *r);
/* "What we do is leave a day's stock on your shelves, ..." with no question mark states: a "what"
** that opens a pseudo-cleft asks nothing. */
void cls_late_pseudo_cleft(cls_result *r);
/* "尾款四万八这事儿,您这边现在资金是什么情况?": a question about her situation, no payment ask
** (classify_situation.c). */
void cls_late_payment_situation(cls_result *r);
/* "Before I say anything about our machines, tell me how ...": no check (classify_situation.c). */
void cls_late_anything_said(cls_result *r);
/* "没想了解啥,就是说我们牌子好": a question word after 没/不, asking nothing (classify_situation.c). */
void cls_late_indefinite_wh(cls_result *r);
/* 1 when r asks when money comes in to the customer or where it is stuck ("您这边什么时候能有钱进
** 来?", "甲方那边卡在哪一步了?"), not when she pays: a question about her situation
** (classify_situation.c). */
int cls_asks_money_in(const cls_result *r);
/* A payment ask for another day ("这周能打过来") linked by meaning to the rung paid today names the
** nearest other payment rung, or none (classify_situation.c). */
void cls_late_other_day_payment(const cls_classifier *c, cls_result *r);
/* "上次您帮忙把项目报进预算了,太感谢了。这次想问问,...最看重哪几点?": a favour she already did,
** recalled with thanks, asks for nothing (classify_past.c). */
void cls_late_past_favour(cls_result *r);
/* 1 when clause c of r tells something done: a past marker and a word of a thing done in it
** ("上次您帮忙把项目报进预算了", "last time you helped us get it into the budget"); classify_past.c. */
struct cl_clause;
int cls_clause_tells_done(const cls_result *r, const struct cl_clause *c);
/* Prefixes tag to the label of every match "KIND:ID" (kind "benefit:"), which then names nothing
** (classify_link.c). */
void cls_relabel(cls_result *r, const char *kind, const char *id, const char *tag);
/* "if Lucia signs up I can knock 20% off her install, and give you a free cartridge": a benefit
** linked by meaning only across the text of a price cut is a sweetener, no benefit
** (classify_sweetener.c). */
void cls_late_sweetener(const cls_classifier *c, cls_result *r);
/* "明白,您是怕压货卖不动。那我们可以...": her worry said back, then the seller's offer, answers it
** (classify_worry.c). */
void cls_late_worry_offer(cls_result *r);
/* "理解,白折腾半年谁都怕。我们的做法是一开始就把信息中心拉进来,...": an acknowledgement opening a
** line that names one of her objections, then the seller's own statement, answers it; the features
** it cites are no feature list (classify_worry.c). */
void cls_late_acknowledged_answer(cls_result *r);
/* "赵主任您看这样,下个月直接签合同,...": a clause framing a proposal, then a dated order phrase or
** customer action, asks for that step (classify_rules.c). */
void cls_late_proposal_frame(cls_result *r);
/* "陈总您好!我是...,我们岳石是全国前十的瓷砖品牌,产品线特别全,...": a greeting, then the firm and its
** goods item after item, presents features (classify_rules.c). */
void cls_late_self_pitch(cls_result *r);
/* "From Monday the 3rd, could six of the crew wear headsets for a month ...?": a question that
** proposes a dated step of the ladder asks for it (classify_proposal.c). */
void cls_late_dated_proposal(const cls_classifier *c, cls_result *r);
/* "promo on till the end of the month", "prices go up in april": deadline pressure in English the
** lexicon or the model missed (classify_deadline.c). */
void cls_late_deal_ends(cls_result *r);
/* 1 when one of the n phrases of list stands in t[from, to): as a whole word when it begins with an
** ASCII letter ("now" is not in "know"), anywhere when Chinese (classify_rules.c). */
int cls_span_has_any(const char *t, size_t from, size_t to, const char *const *list, size_t n);
void cls_late_price_rise(cls_result *r);
/* "you dont want to be the one explaining that to the CEO": blame held over her (classify_deadline.c). */
void cls_late_blame_fear(cls_result *r);
/* "the takings drop by a third": no visit (classify_decrease.c). */
void cls_late_drop_by_amount(cls_result *r);
/* "您这边还需要考虑啥?": what else she has to weigh, a check for open points (classify_rules.c). */
void cls_late_still_to_weigh(cls_result *r);
/* A run of product items (three or more bare clauses, two thirds of the statements) is a feature
** list, though one item names a need: rule feature_run (play-test 29b F4). */
void cls_late_feature_run(cls_result *r);
/* The value of the number word at t ("one" .. "twenty", the tens to sixty, "hundred", "a dozen",
** "half", "a couple"), or -1 (classify_follow.c). */
double cls_number_word(const char *t);
/* "so 100 sets, deal?", "just take 40 and pay by end of month?", "Order 40 sets, today": an order
** asked for by its quantity, in English; the count kept as the match order_quantity
** (classify_quantity.c, play-test 30a F2, F3). */
void cls_late_quantity_order(cls_result *r);
/* "Martin what about you, the price is really good, we can do payment terms too": a bare turn
** passed beside a pitch of the price asks his opinion of the offer, label `opinion`
** (classify_opinion.c, play-test 30a F9). */
void cls_late_turn_passing(cls_result *r);
/* An ask with no time, whose action, person and place stand only in statements about the product
** before it ("...patients book themselves 24/7. Want me to show you the dashboard?"), names none of
** them: not specific, those slots dropped (classify_ask_slots.c, play-test 31a H1). */
void cls_late_pitch_slots(cls_result *r);
/* "24/7" as the time of a line is around the clock, no day: no time slot, not specific
** (classify_ask_slots.c, play-test 31a H1).  Before cls_late_pitch_slots. */
void cls_late_always_time(cls_result *r);
/* A question sentence asking what else she needs to see or know, or whether any worry is left:
** a check for open points (classify_check_back.c, play-test 31a H2). */
void cls_late_else_check(cls_result *r);
/* "let me play that back. You need ... Did I miss anything?": a playback of her needs closed by a
** question restates them for her to confirm (classify_check_back.c, play-test 31a M7). */
void cls_late_playback(cls_result *r);
/* "would you feel OK putting me in touch with her, or is anything holding you back?": a request to
** be introduced, in a line read as no ask, asks (a referral where the ladder has one)
** (classify_introduce_me.c, play-test 31a H3). */
void cls_late_introduce_me(const cls_classifier *c, cls_result *r);
/* "Next time you two chat, would you put in a good word for ClearSpring?": a question in a
** request's shape whose nearest rung by meaning scores RUNG_ASK_MIN or more asks for that rung
** (classify_rung_ask.c, play-test 31).  Needs the scenario's link index; after the model. */
void cls_late_rung_by_meaning(const cls_classifier *c, cls_result *r);
/* "Could you sign off on the pilot order today?" asks the customer to approve: a line that asks
** for an action in a request form, whose approval words ("sign off", 审批) name no one else
** (no who, 谁), asks nothing about who decides.  After the model (which may add the chain). */
void cls_late_chain(cls_result *r);
/* "万一哪个学生出了点状况,晚了才发现,您这边压力是不是挺大的" asks about the loss an earlier clause
** of its sentence names: a line ending in a plain question (no request form anywhere), its loss
** phrases in that same sentence, is no loss appeal but a question.  After the model, so the
** features it was trained on stay as they are (as a rule it moved four dev lines by retraining). */
void cls_late_loss_asked(cls_result *r);
/* A time courtesy (耽误, 打扰) with more said after it and no 了 in its clause opens the visit:
** no leave.  After the model, before cls_late_question (which then reads the question it opens). */
/* A line that asks (r->question) with no question move read yet gets one: open when it holds a
** question word (wh, asking_wh), else closed.  For a rule that took away what the line was read
** as, so its question is not lost. */
void cls_read_question(cls_result *r);
void cls_late_courtesy(cls_result *r);
/* "so great to see you." greets: the leave phrase "see you." after "to" takes no leave (play-test
** 25: "hi maria! so great to see you. did you know ...?" was greet and leave, and the pitch in it
** went unread).  English; after the model. */
void cls_late_glad_to_see(cls_result *r);
/* "anyone else who'd need to be happy with this?" asks who else must agree (ask_decision_chain),
** not for other customers: a referral read from "anyone else who" alone goes when "who" is followed
** by a verb of obligation and "to" (need to, has to, have to, must). */
void cls_late_who_must_agree(cls_result *r);
/* A question whose gain words are all negated ("有没有不太省心的地方?", "anything that isn't easy
** about it?") asks about her pain: no gain appeal; the question it is stays read. */
void cls_late_negated_gain(cls_result *r);
/* 1 when the text t before byte at ends with one of the n phrases (each with its own spacing); with
** word, only where the phrase starts a word (t's start or after a space): the word right before a
** phrase of the rules (a negation, "pilot" before "order", "forget the" before "discount"). */
int cls_ends_with_any(const char *t, size_t at, const char *const *list, size_t n, int word);
/* A check or probe whose ask phrases are all negated ("您看还有什么让您没法定下来的?": what keeps
** her from deciding) asks about what holds her back, not for the step. */
void cls_late_negated_ask(cls_result *r);
/* The one mapping between the ask moves and the rung kinds (the links' kind_fits, the model's
** rung_kind): an order, payment or referral ask, else an advance. */
static inline scn_kind cls_kind_of_ask(uint64_t moves) {
  return moves >> CLS_ASK_ORDER & 1 ? SCN_KIND_ORDER : moves >> CLS_ASK_PAYMENT & 1 ? SCN_KIND_PAYMENT
       : moves >> CLS_ASK_REFERRAL & 1 ? SCN_KIND_REFERRAL : SCN_KIND_ADVANCE;
}
static inline cls_move cls_ask_of_kind(scn_kind k) {
  return k == SCN_KIND_ORDER ? CLS_ASK_ORDER : k == SCN_KIND_PAYMENT ? CLS_ASK_PAYMENT
       : k == SCN_KIND_REFERRAL ? CLS_ASK_REFERRAL : CLS_ASK_COMMITMENT;
}

/* A loss appeal only the model read, in a line that links a benefit of the scenario and holds no
** loss cue of the lexicon, is that benefit stated: present_benefit, tactic gain.  After the model. */
void cls_late_benefit_not_loss(cls_result *r);
/* An ask only the model read, in a line whose every request or question clause is the seller's,
** is none.  After the model. */
void cls_late_seller_request(cls_result *r);
/* 1 when the normalised text names an order in words: sign, contract, agreement, order, purchase,
** buy, deal; 签约, 签单, 合同, 下单, 订单, 采购, 买, 成交, 进货, 拿货 (classify_rules.c). */
int cls_names_order(const char *t);
/* An order only the model read stands, as the rules' own, when the line names an order (sign,
** contract, 签, 合同, ...); without such a word it is an ask for a step.  After the model. */
void cls_late_order_words(cls_result *r);
/* A line that links the scenario's needs, no benefit and no ask, and ends in a confirmation tag
** ("..., that right?", "...,对吧?") restates them: confirm_need.  After the model. */
void cls_late_confirm_tag(const cls_classifier *c, cls_result *r);
/* A confirmation question that restates the scenario's needs (no benefit, no ask) and looks
** ahead to no loss (no if, will, 如果, 就会, 下个...) is no loss appeal.  After the model. */
void cls_late_restated_pain(cls_result *r);
/* Its twin for what she wants: "Grace, wrong cases ...; Martin, payback inside a year. Is that
** fair?" gives her wish back (the lexicon's gain word "payback" is the need's keyword), it holds
** out no gain: a confirmation question that links needs, no benefit and no ask is no gain
** appeal, and its gain tactic goes unless a benefit, proof or summary stays (play-test 19: the
** debrief credited it as the gain shown while she weighed the value).  After the model. */
void cls_late_restated_gain(cls_result *r);
/* A closing question that checks for more after naming her needs ("除了夜班人手和输液,还有别的让您头
** 疼的吗?") is check_concerns, whatever the model made of the needs before it. */
void cls_late_check_after_needs(cls_result *r);
/* A deal (政策, 促销, 补贴...) said to run out ("这个月有政策,过了这个月就没了") is a loss appeal
** (play-test 29b).  After cls_late_idiom_not_scarce. */
void cls_late_deal_runs_out(cls_result *r);
/* A closing question asking what is still missing from a plan laid out before it ("...您觉得还缺
** 什么吗?"): a check for open points (play-test 29b).  After cls_late_check_after_needs. */
void cls_late_missing_check(cls_result *r);
/* The model's gain appeal or benefit on a rude line is dropped.  After the model. */
void cls_late_rude(cls_result *r);
/* A stop of supply held out over money unpaid, its phrase split by what it stops ("...停止给你们
** 后面的项目供货", "...的货就只能先停了", "put deliveries on hold"): a threat (classify_threat.c). */
void cls_late_cut_off(cls_result *r);
/* An ask only in an if-clause before a what/where/how question supposes the step: an open
** question.  After the model. */
void cls_late_hypothetical(cls_result *r);
/* A yes/no question about what her people or things can do ("can your pickers use the scanners
** properly?"): no ask, when the model alone read one and no step or time is named. */
void cls_late_capability_question(cls_result *r);
/* A question on what she would need to see before a step ("what would you need to see before
** you'd back a pilot?", 您需要看到什么才...): an open question, not an ask for the step. */
void cls_late_conditions_probe(cls_result *r);
/* "one afternoon only", "it only takes an hour": an effort sized small, no loss the model read. */
void cls_late_only_effort(cls_result *r);
/* A confirmation tag closing small talk that names no item confirms no need. */
void cls_late_small_talk_tag(cls_result *r);
/* The balance named in statements, then the ask put off to hear her first ("...尾款四万八,发票我也
** 带来了。不过我想先听听,您这边最近资金上是什么情况?"): no payment ask. */
void cls_late_deferred_payment(cls_result *r);
/* The seller asking leave to look at, check or fix something there and then ("Would it be alright
** if I had a little look at it?", 我帮您看看...行吗?): his own action, not a question or an ask. */
void cls_late_seller_permission(cls_result *r);
/* A casual goodbye closing the line ("gotta run, see ya!", "cya"): leave. */
void cls_late_casual_leave(cls_result *r);
/* Every order word after "pilot"/"trial" (试点订单), with a rung named: an ask for that rung. */
void cls_late_pilot_order(const cls_classifier *c, cls_result *r);
/* Who does what, stated beside a proposal with a rung and a time: an ask, not who decides. */
void cls_late_stated_roles(const cls_classifier *c, cls_result *r);
/* What the visit is about today, then what/how she thinks: an open question, not an ask. */
void cls_late_agenda_question(cls_result *r);
/* "delivered the first week of March", "early April": the ask's time when it names none. */
void cls_late_week_of(cls_result *r);
/* An order only as what may follow an if-clause, with another rung named: an ask for that rung. */
void cls_late_conditional_order(const cls_classifier *c, cls_result *r);
/* An ask's time is the one in its request clause, not a time said before it ("peak is in three
** weeks ...: can we start ... this coming Monday at 9?"). */
void cls_late_ask_time(cls_result *r);
/* 介绍一位 别的...老板 (someone outside her business), no money named: an ask for a referral. */
void cls_late_introduce(cls_result *r);
/* "forget the discount for now", 折扣就算了: a discount taken back is none. */
void cls_late_discount_withdrawn(cls_result *r);
/* Payment rungs named by keyword, closed by a request: the last named is the one asked. */
void cls_late_last_rung(const cls_classifier *c, cls_result *r);
/* A request to take a few samples, linked to an order rung by meaning only, asks for no order
** (play-test 29b).  After the link by meaning, before the rung's kind makes the ask an order. */
void cls_late_samples_not_order(const cls_classifier *c, cls_result *r);
/* A payment rung's keyword that opens on a time ("今天付清") matches a clause saying that time and
** then the rest ("您今天要是能付清"), when no payment rung was named by its keyword (play-test 29b).
** Before cls_late_last_rung. */
void cls_late_gapped_pay_keyword(const cls_classifier *c, cls_result *r);
/* A referral phrase only in statements ("刘总也说了,欢迎同行去他店里实地看"): no referral ask. */
void cls_late_referral_told(cls_result *r);
void cls_late_what_if(cls_result *r);   /* "what if <a benefit>?": a gain appeal */
/* 1 when a clause of r says what a person of hers, or she, gets ("grace gets wrong picks gone,
** martin gets payback ...", "you get ..."): an outcome in her terms, the way a summary in texting
** style names benefits by the needs they meet. */
int cls_gets_outcome(const cls_result *r);
void cls_late_pay_back(cls_result *r);  /* "pay back", "pays off": no payment asked for */
void cls_late_opinion_ask(cls_result *r);   /* "what do you think about X, would ...?": an opinion, no ask */
void cls_late_not_right(cls_result *r);     /* "... isn't quite right?": no confirmation tag */
void cls_late_order_now(cls_result *r);    /* "shall I write up the order ... now?": its time */
void cls_late_concern_check(cls_result *r);   /* "这样能解决您的顾虑吗?": a check, no ask */
void cls_late_situation_gain(cls_result *r);  /* her trouble played back and asked about: no gain */
void cls_late_request_to_approve(cls_result *r);  /* "could you approve ... by Friday?": an ask, not who decides */
void cls_late_person_request(cls_result *r);  /* "Could Marcus spare us a morning next Tuesday ...?": an ask */
void cls_late_read_past(cls_result *r);      /* "您看了资料之后...哪些事呢?": no request form */
void cls_late_xing_bu(cls_result *r);        /* "就是说下周五去临沂 行不": the tag of an ask */
void cls_late_restated_payment(cls_result *r);  /* "...进度款尚未到账,对否?": no payment asked */
void cls_late_points_off(cls_result *r);     /* "再让5个点": a price cut */
void cls_late_please_invite(cls_result *r);   /* "...,请刘主管一起看看怎么用?": an ask */
void cls_late_signed_note(cls_result *r);     /* 签字 on a payment's note is no order */
void cls_late_restated_statement(cls_result *r);   /* "so <her need>." confirms it */
/* A line of CLS_TAIL_ASK_MIN bytes or more that ends in a request clause is read, for its ask,
** as that clause alone (cls_classify over it): the ask and its specificity when the whole line
** read none or none specific.  After the other late rules. */
#define CLS_TAIL_ASK_MIN 160   /* normalised bytes: about 30 English words, 50 Chinese characters */
void cls_late_tail_ask(const cls_classifier *c, cls_result *r);
/* An invitation to talk here and now closing the line ("...,您随便聊聊就行"): an open question, no
** ask.  After cls_late_tail_ask. */
void cls_late_talk_invite(cls_result *r);
/* "So the slow tap is the main annoyance, is that right?" to a customer whose trouble is a
** blinking light restates nothing of hers: a confirmation that links nothing, whose words
** (CONFIRM_OWN_TERMS or more terms) share nothing with any need's texts, is no confirmation but
** the yes-no question it asks (play-test 23: Maria said "Yes, exactly." and the debrief credited a
** confirmed need; "So that's the main thing, right?" still confirms the latest). */
void cls_late_confirm_nothing(const cls_classifier *c, cls_result *r);
void cls_late_ask_then_statement(const cls_classifier *c, cls_result *r);
void cls_late_recap_no_ask(cls_result *r);
/* A summary marker before needs alone, checked: a confirmation of needs, no summary. */
void cls_late_needs_recap(cls_result *r);
/* What she said, taken up by an open question ("您刚才提到损耗和文书,现在文书工作大概要花多少时
** 间?"), asks about it: a summary the model alone read (p 0.88 from 刚才 and 提到), with no summary
** phrase, no benefit linked, no ask or check, statements and then one last clause that asks with
** a what/how word and a "?", is that open question (play-test 19); a last clause that asks yes or
** no ("上次您提到查寝和考勤的事,这段时间有变化吗?"), with no confirmation tag, no step, no time, no
** seller's act and no need of its own, is that closed question (play-test 20: "没错,就是这样。" to it).  Before cls_late_needs_recap. */
void cls_late_recap_then_question(cls_result *r);
/* "u had some outage recently right? what happen" checks the need and then asks about it: a
** confirm_need whose line ends, after a clause with a confirmation tag, in a clause that asks
** with a what/how word (no ask, check, probe or summary) is an open question too (play-test 19:
** "Yes, exactly." answered only the tag).  After the model. */
void cls_late_confirm_then_open(cls_result *r);
/* "明天我就派师傅过去重新处理踢脚线,免费修好。" fixes the flaw she named, free: no price cut (play-test
** 19: -20 "a discount buys no trust" for the scenario's own benefit).  A discount the rules read
** whose every phrase is in the keywords or examples of a benefit the line links (as the reader
** normalises them) is how that benefit is said: the discount goes.  A scenario whose trainer
** wrote a discount as a benefit's words has made it that benefit. */
void cls_late_benefit_free(const cls_classifier *c, cls_result *r);
/* A line that lays out the meeting's agenda and asks if it suits her: no ask (marker agenda). */
void cls_late_agenda(cls_result *r);
/* The seller's own work offered, closed by a consent tag ("...,您看行不行"): no ask. */
void cls_late_offer_consent(cls_result *r);
/* The seller asking, with a time, to come and see her (marker visit_you, not in a clause of what
** was: marker past): an ask to meet. */
void cls_late_seller_visit(cls_result *r);
/* A what/how question about how things stand now (marker as_is): no ask, an open question. */
void cls_late_as_is(cls_result *r);
/* The same question led in by a clause of only a word of now ("And today, how does your team get
** told ...?"), its only time: an open question (classify_as_is.c).  After cls_late_as_is. */
void cls_late_as_is_lead(cls_result *r);
/* The same question whose only link to a rung is a person word the rung keeps as a keyword ("咱们学校
** 信息中心一般多久能对接一个新系统?"): an open question, the rung dropped (classify_as_is.c). */
void cls_late_as_is_rung_person(cls_result *r);
/* An ask whose every action and time stand in the seller's clauses after a fronted topic ("踢脚线
** 的接缝我明天上午就安排师傅过去重新处理,处理完请您验收"): his step, no ask (classify_topic_seller.c). */
void cls_late_topic_seller(cls_result *r);
/* A cut verb followed by a sum of money ("给您少两千", "便宜两千", "knock 2,000 off") is a
** discount (classify_cut.c). */
void cls_late_sum_cut(cls_result *r);
/* The customer's payment situation restated and closed by a confirmation tag is no payment ask
** nor a benefit summary (classify_playback.c). */
void cls_late_situation_playback(cls_result *r);
/* A talk asked for at a vague time ("找个时间我们再聊聊") is a vague ask, not a telling request
** (classify_talk_later.c). */
void cls_late_talk_later(cls_result *r);
/* A short check of "this" ("这样您看行吗?") closing an answer is no ask (classify_answer_check.c). */
void cls_late_answer_check(cls_result *r);
/* A closed question of the rules asking "which" (哪件, 哪些, 哪一块) is open (classify_which.c). */
void cls_late_which(cls_result *r);
/* A loss appeal whose every scarcity or loss word tells of a run before this one ("two shops took
** the last run"), is a season's end in a line asking nothing ("before summer ends") or restates a
** need of hers: none (English; classify_history.c).  Last of the late rules. */
void cls_late_history_not_scarce(cls_result *r);
/* Where the rules are silent, the model's reading (classify_model.c). */
void cls_apply_model(const cls_classifier *c, cls_result *r);

const lexicon *cls_lexicon(const cls_classifier *c);
/* A new entry at the end of r's matches (its fields for the caller to fill): the array grows by
** doubling, where growing it by one entry for each match was a realloc per match. */
cls_match *cls_match_push(cls_result *r);
/* Appends a match whose label, phrase and source are copied into one block (cls_match.packed). */
void cls_match_push_packed(cls_result *r, const char *label, const char *phrase, const char *source,
                           size_t start, size_t end);

/* Play-test 31c (classify_business.c): a question about how her orders are going ("最近订单多吧?")
** is small talk, not an order ask. */
void cls_late_orders_busy(cls_result *r);

/* Play-test 31c (classify_rebate.c): a government's rebate said to run out is no price cut of the
** seller's. */
void cls_late_rebate_not_cut(cls_result *r);
/* A price cut offered if she orders ("i can knock 10% off if you sign up today") asks for the order too. */
void cls_late_cut_if_order(cls_result *r);
/* Play-test 31c (classify_rung_vote.c): an ask holding keywords of two rungs names the one it
** matches more strongly (most keywords, then most characters; the higher on a tie). */
void cls_late_rung_vote(const cls_classifier *c, cls_result *r);
/* The rung the keywords of r inside [from, to) name most strongly, when they name two or more and
** `rung` is one of them; else `rung`.  (The request's rung in classify_link.c too.) */
int cls_rung_vote(const cls_classifier *c, const cls_result *r, size_t from, size_t to, int rung);
/* Play-test 31c (classify_who_works.c): "是谁在干?" asks who does the work, not who decides. */
void cls_late_who_works(cls_result *r);
/* Play-test 31c (classify_margin.c): a bare model ask at the edge of its threshold, in a line that
** asks nothing by its form, is no ask. */
void cls_late_model_margin(const cls_classifier *c, cls_result *r);

/* Play-test 32c (classify_confirm_ask.c): her need played back and closed by a confirmation tag,
** whose only ask is the rules' question + customer action + time ("so if you can't show the
** insurer better driving by march it goes up again - have I understood that right?"), asks no
** commitment.  After the model. */
void cls_late_confirmed_not_asked(cls_result *r);

/* Play-test 32c (classify_think_over.c): a line whose only request invites her to think it over
** ("您考虑考虑,我下周再来拜访", "Please think it over, I'll call you next week.") asks nothing.
** After the model. */
void cls_late_think_over(cls_result *r);
/* Play-test 32b (classify_summary_check.c): a check phrase in one of the last two clauses of a
** line that states value and asks for nothing is a check, however long the summary before it. */
void cls_late_summary_check(cls_result *r);
/* Play-test 32b (classify_pitch_put_off.c): a present_feature whose every feature word stands in
** a clause putting the telling off ("今天不急着讲新功能", "I won't go into features") goes. */
void cls_late_pitch_put_off(cls_result *r);
/* Play-test 32b (classify_pay_when.c): a payment ask that asks her when ("大概啥时候能结"), its only
** time that of the telling ("下周给我个准话"), names no day. */
void cls_late_pay_when(cls_result *r);
/* Play-test 32b (classify_let_you_go.c): a line whose every request is "您先忙" or "I'll let you get
** on" asks nothing and takes leave. */
void cls_late_let_you_go(cls_result *r);
/* Play-test 32b (classify_confirm_tail.c): a need named, then "对不" or "是这个吧" closing the
** line: confirm_need. */
void cls_late_confirm_tail(cls_result *r);
/* Play-test 32a (classify_clause_person.c): "..., can Martin sign the rollout today?" after a statement
** asks the named person, as at the line's start. */
void cls_late_clause_person(cls_result *r);

/* Play-test 32a (classify_budget.c): "how would you want to pay for something like this - is there budget
** set aside?" asks how she funds a purchase, no payment. */
void cls_late_budget_question(cls_result *r);

/* Play-test 32a (classify_where_we_are.c): "so where we are: ..." opening a line without a '?' frames a
** summary, no question. */
void cls_late_where_we_are(cls_result *r);

/* Play-test 32a (classify_bare_step.c): "shall we just go ahead then?" names no step: vague, no rung.
** After the link by meaning. */
void cls_late_bare_step(const cls_classifier *c, cls_result *r);

/* Play-test 32a (classify_own_approval.c): "what would it take for you to sign off on it?" asks her
** criteria, not who else decides. */
void cls_late_own_approval(cls_result *r);

/* Play-test 32a (classify_contempt.c): "let the grown-ups talk, bean counters always kill good deals"
** puts down someone at the table: rude. */
void cls_late_contempt(cls_result *r);

#endif
