/* test_score.c: the scorer on hand-built sessions: exact rule ids, turns, points and skill
** scores for the visits a trainer expects to see, and the realistic_when evaluator. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include "score_fixture.h"
#include "classify.h"
#include "diag.h"

/* Scores f and checks the findings list against "rule@turn ..." exactly. */
static void expect_ids(const score_result *r, const char *want) {
  char *got = fx_ids(r);
  if (strcmp(got, want) != 0) fprintf(stderr, "findings: %s\nwanted:   %s\n", got, want);
  assert_string_equal(got, want);
  free(got);
}

static void expect_skills(const score_result *r, double c, double b, double t, double d) {
  assert_true(fabs(r->skills[SK_COMMITMENT] - c) < 1e-9);
  assert_true(fabs(r->skills[SK_BENEFITS] - b) < 1e-9);
  assert_true(fabs(r->skills[SK_TACTICS] - t) < 1e-9);
  assert_true(fabs(r->skills[SK_DISCOVERY] - d) < 1e-9);
}

static void strong_visit(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_build_strong(&f);
  /* a speaker's name and a second sentence: the finding quotes only the first sentence */
  f.needs[0].said = S("Grace: Counting attendance by hand takes hours. Every single morning.");
  score_result r;
  score_session(&f.s, &r);
  const char *found = fx_msg(&fx_find(&r, "need_uncovered", 2, NULL)->msg, "en");
  const char *said = strstr(found, "): \"");
  assert_non_null(said);
  assert_string_equal(said, "): \"Counting attendance by hand takes hours.\"");
  /* the trial given on the gain alone, no lever misused: gain_was_enough for the visit; the
  ** parents' need she tells at turn 4 is found there, not also confirmed by the same turn
  ** (play-test 29a F4: a need told this turn is no confirmation of it) */
  expect_ids(&r, "gain_was_enough@0 need_uncovered@2 need_confirmed@3 hidden_need_found@4 "
                 "gain_when_needed@5 checked_concerns@6 summary_tied_to_needs@7 specific_ask@8 realistic_ask@8 "
                 "outcome_advance@8");
  expect_skills(&r, 95, 85, 85, 75);
  assert_true(fabs(r.total - 87.5) < 1e-9);
  assert_true(r.pass);
  assert_string_equal(fx_msg(&fx_find(&r, "gain_was_enough", 0, NULL)->msg, "en"),
                      "The gain you showed at turn 5 was enough: the customer committed on that value, with no "
                      "deadline, scarcity or price cut needed, and you used none.");   /* (the turn of its gain: play-test 30a F16) */
  assert_int_equal(r.outcome, CUST_OUTCOME_ADVANCE);
  assert_int_equal(r.given, 1);
  assert_string_equal(fx_msg(&r.reason, r.lang),
                      "The customer agreed to act at turn 8: bring the department heads to a demo.");
  const score_finding *sp = fx_find(&r, "specific_ask", 8, NULL);
  assert_non_null(sp);
  assert_true(sp->points == 15);
  assert_string_equal(sp->quote, f.s.turns[7].text);
  assert_null(fx_find(&r, "outcome_advance", 8, NULL)->quote);
  score_result_free(&r);
  fx_free(&f);
}

/* A new hire: features before any need, no ask, ending on thanks. */
static void new_hire_no_ask(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_turn(&f, "Hi, nice to meet you.", MV(GREET));
  fx_turn(&f, "Our platform has cloud sync, dashboards and an app.", MV(PRESENT_FEATURE));
  fx_turn(&f, "Thank you so much for your time, it was great talking!", MV(THANK) | MV(PRAISE) | MV(LEAVE));
  fx_say(&f, &f.s.closing, "Good product. Let's talk next time.");
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  score_result r;
  score_session(&f.s, &r);
  /* no outcome_continuation: the -40 of no_ask is the price of ending in nothing (play-test 8) */
  expect_ids(&r, "no_ask@0 no_discovery@0 missed_hidden_need@0 "
                 "pitch_before_discovery@2 feature_list@2 praise_ending@3");
  expect_skills(&r, 0, 40, 50, 0);
  /* no tactics shown: the total is (40*0 + 25*40 + 15*0) / 80, not a mean with a made-up 50 */
  assert_false(r.shown[SK_TACTICS]);
  assert_true(r.shown[SK_COMMITMENT] && r.shown[SK_BENEFITS] && r.shown[SK_DISCOVERY]);
  assert_true(fabs(r.total - 12.5) < 1e-9);
  assert_true(r.attempt);
  assert_false(r.pass);
  assert_int_equal(r.outcome, CUST_OUTCOME_CONTINUATION);
  const score_finding *no = fx_find(&r, "no_ask", 0, NULL);
  assert_true(no->points == -40);
  assert_null(no->quote);
  assert_string_equal(fx_msg(&no->msg, r.lang), "The visit ended without asking the customer for any commitment.");
  assert_string_equal(fx_msg(&fx_find(&r, "praise_ending", 3, NULL)->msg, r.lang),
                      "You closed on thanks and kind words (\"Thank you so much for your time, it "
                      "was great talking!\") instead of an ask.");
  assert_string_equal(fx_msg(&fx_find(&r, "missed_hidden_need", 0, NULL)->msg, r.lang),
                      "A hidden need stayed hidden: \"Parents complain they never know "
                      "how their children are doing.\".");
  score_result_free(&r);
  fx_free(&f);
}

/* A match of the vague marker on the phrase where the line's reading (norm) has it, as the
** reader records one: its span in the normalised text. */
static void vague_at(sess_turn *t, const char *phrase) {
  const char *at = strstr(t->cls.norm, phrase);
  assert_non_null(at);
  size_t start = (size_t)(at - t->cls.norm);
  t->cls.matches = xrealloc(t->cls.matches, (size_t)(t->cls.n_matches + 1) * sizeof *t->cls.matches);
  t->cls.matches[t->cls.n_matches++] = (cls_match){ xstrdup("vague"), xstrdup(phrase), xstrdup("fixture"),
                                                    start, start + strlen(phrase), 0 };
}

/* "Let's find some time" names nothing. */
static void build_vague(fx *f) {
  sess_turn *t = fx_turn(f, "Could we find some time to try it sometime?", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  t->cls.norm = S("could we find some time to try it sometime?");
  vague_at(t, "sometime");
  t->cls.slots[CLS_SLOT_ACTION] = S("try it");
  fx_say(f, &t->events, "Sure, some time.");
}

static void vague_ask(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  build_vague(&f);
  score_result r;
  score_session(&f.s, &r);
  expect_ids(&r, "no_discovery@0 missed_hidden_need@0 outcome_continuation@0 vague_ask@1 "
                 "ask_without_check@1 ask_without_summary@1");
  const score_finding *v = fx_find(&r, "vague_ask", 1, NULL);
  assert_true(v->points == -15);
  assert_string_equal(fx_msg(&v->msg, r.lang), "You asked \"Could we find some time to try it sometime?\": it "
                                  "leans on \"sometime\", no time, no person or place.");
  assert_string_equal(msg_text("en", "rule.vague_ask.better"), "Could you bring your operations manager to a 30-minute demo "
                                          "in your meeting room next Wednesday at 3 pm?");
  expect_skills(&r, 25, 20, 50, 10);
  score_result_free(&r);
  fx_free(&f);
}

/* The vague words quoted are the ones the trainee typed, never a fixed "sometime" (play-test 27:
** "it leans on \"sometime\"" for "at some point", "someday", and for "Would you be open to trying
** it?", which the model alone read as vague): the reader's matches in the line's own letters, a
** phrase inside a longer one not again, two at most; none when the reader matched none. */
static void vague_words_typed(void **state) {
  (void)state;
  static const struct { const char *line, *norm, *phrases[3], *en, *zh; } cases[] = {
    { "Would you be open to trying it?", "would you be open to trying it?", { NULL },
      "You asked \"Would you be open to trying it?\": no time, no person or place.",
      "你的请求“Would you be open to trying it?”：没有说明时间，没有说明人员或地点。" },
    { "Maybe At Some Point you could mention us?", "maybe at some point you could mention us?",
      { "some point", "at some point", NULL },
      "You asked \"Maybe At Some Point you could mention us?\": it leans on \"At Some Point\", no time, "
      "no person or place.", NULL },
    { "Perhaps they might like hearing about it someday.", "perhaps they might like hearing about it someday.",
      { "someday", NULL },
      "You asked \"Perhaps they might like hearing about it someday.\": it leans on \"someday\", no time, "
      "no person or place.", NULL },
    { "Pass my card on to her sometime, whenever suits?", "pass my card on to her sometime, whenever suits?",
      { "whenever", "whenever suits", "sometime" },
      "You asked \"Pass my card on to her sometime, whenever suits?\": it leans on \"sometime\" and "
      "\"whenever suits\", no time, no person or place.", NULL },
    { "改天有空再约个时间看看吧", "改天有空再约个时间看看吧", { "有空", "改天", NULL }, NULL,
      "你的请求“改天有空再约个时间看看吧”：用了“改天”“有空”这样含糊的说法，没有说明时间，没有说明人员或地点。" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    fx f;
    fx_init(&f);
    sess_turn *t = fx_turn(&f, cases[i].line, MV(ASK_COMMITMENT));
    t->cls.vague = 1;
    t->cls.norm = S(cases[i].norm);
    t->cls.slots[CLS_SLOT_ACTION] = S("try");
    for (int k = 0; k < 3 && cases[i].phrases[k]; k++) vague_at(t, cases[i].phrases[k]);
    score_result r;
    score_session(&f.s, &r);
    const score_finding *v = fx_find(&r, "vague_ask", 1, NULL);
    assert_non_null(v);
    if (cases[i].en) assert_string_equal(fx_msg(&v->msg, "en"), cases[i].en);
    if (cases[i].zh) assert_string_equal(fx_msg(&v->msg, "zh"), cases[i].zh);
    if (!strstr(cases[i].norm, "sometime")) assert_null(strstr(fx_msg(&v->msg, "en"), "\"sometime\""));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* A need voiced in answer to a pitch earns no discovery, but it did come out: the finding names it
** rather than "no need came out" (play-test 23: "一片砖挣不了几毛钱" after a pitch, and the debrief
** said the customer voiced no need). */
static void pitch_drew_need(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Our app takes attendance for you.", MV(PRESENT_BENEFIT));
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  fx_say(&f, &t->events, "Honestly, counting heads is what eats our mornings.");
  score_result r;
  score_session(&f.s, &r);
  const score_finding *d = fx_find(&r, "no_discovery", 0, NULL);
  assert_non_null(d);
  assert_non_null(strstr(fx_msg(&d->msg, r.lang), "without being asked"));
  score_result_free(&r);
  fx_free(&f);
}

/* A need voiced in answer to a line that asks nothing (thanks and a remark) was brought out by no
** question: no "+5 Your question ... brought out a need" (play-test 30a F1); the same need told in
** answer to a question is (need_uncovered). */
static void remark_drew_need(void **state) {
  (void)state;
  for (int asked = 0; asked < 2; asked++) {
    fx f;
    fx_init(&f);
    sess_turn *t = fx_turn(&f, asked ? "Thanks! How do you take attendance now?" : "Thanks! Nice office by the way.",
                           MV(THANK) | (asked ? MV(OPEN_QUESTION) : 0));
    t->cls.question = asked;
    fx_event(&f, t, CUST_EV_REVEAL, 0);
    fx_say(&f, &t->events, "Honestly, counting heads is what eats our mornings.");
    score_result r;
    score_session(&f.s, &r);
    if (asked) assert_non_null(fx_find(&r, "need_uncovered", 1, NULL));
    else assert_null(fx_find(&r, "need_uncovered", -1, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* The need she brought up unasked is named as a need, with her own line when she said one that
** names it, never a keyword of the scenario's quoted as her words (play-test 27 F4: "The customer
** mentioned \"nobody else has\"" when her line was "...that they can't get at the department
** store?"). */
static void no_discovery_her_words(void **state) {
  (void)state;
  char *kw[] = { S("nobody else has"), S("department store") };
  char *att[] = { S("attendance") };
  fx f;
  fx_init(&f);
  f.needs[0].keywords = (scn_strs){ kw, 2, 0 };
  sess_turn *t = fx_turn(&f, "Every set is hand-glazed and numbered.", MV(PRESENT_FEATURE));
  fx_say(&f, &t->events, "Lovely words. What would my customers see in them that they can't get at the department store?");
  score_result r;
  score_session(&f.s, &r);
  /* her line holds a keyword, but nothing was revealed: no need is said to be told (play-test 31c
  ** H3: a feature_dump reaction's "...你就说能不能让我少停机。" was "the customer named 停机") */
  const score_finding *d = fx_find(&r, "no_discovery", 0, NULL);
  assert_non_null(d);
  assert_string_equal(fx_msg(&d->msg, "en"), "No question of yours brought out a need of the customer's, and no need was "
                      "confirmed during the visit.");
  score_result_free(&r);
  fx_event(&f, t, CUST_EV_REVEAL, 0);   /* the same line, the need revealed by it */
  score_session(&f.s, &r);
  d = fx_find(&r, "no_discovery", 0, NULL);
  assert_non_null(d);
  assert_string_equal(fx_msg(&d->msg, "en"), "The customer touched on the need \"nobody else has\" without being asked "
                      "(\"Lovely words. What would my customers see in them that they can't get at the department "
                      "store?\"), but no question of yours brought a need out or confirmed it.");
  assert_string_equal(fx_msg(&d->msg, "zh"), "客户没等你问，自己谈到了需求“nobody else has”（“Lovely words. What would "
                      "my customers see in them that they can't get at the department store?”），但你没有用提问把需求"
                      "问出来或确认下来。");
  score_result_free(&r);
  fx_free(&f);

  /* the need came out in answer to a pitch: her line is its said text */
  fx_init(&f);
  f.needs[0].keywords = (scn_strs){ att, 1, 0 };
  t = fx_turn(&f, "Our app takes attendance for you.", MV(PRESENT_BENEFIT));
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  fx_say(&f, &t->events, "Counting attendance by hand takes hours.");
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&fx_find(&r, "no_discovery", 0, NULL)->msg, "en"), "The customer touched on the need "
                      "\"attendance\" without being asked (\"Counting attendance by hand takes hours.\"), but no "
                      "question of yours brought a need out or confirmed it.");
  score_result_free(&r);
  fx_free(&f);

  /* confirmed after a pitch in words that name it nowhere: the need alone, no quote of hers */
  fx_init(&f);
  f.needs[0].keywords = (scn_strs){ att, 1, 0 };
  t = fx_turn(&f, "So the manual count is the pain, and our app ends it.", MV(PRESENT_BENEFIT));
  fx_event(&f, t, CUST_EV_CONFIRM, 0);
  fx_say(&f, &t->events, "Yes, that's about right.");
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&fx_find(&r, "no_discovery", 0, NULL)->msg, "en"), "The customer touched on the need "
                      "\"attendance\" without being asked, but no question of yours brought a need out or confirmed it.");
  assert_string_equal(fx_msg(&fx_find(&r, "no_discovery", 0, NULL)->msg, "zh"), "客户没等你问，自己谈到了需求“attendance”，"
                      "但你没有用提问把需求问出来或确认下来。");
  score_result_free(&r);
  fx_free(&f);
}

/* Same in Chinese: the message follows the session's language. */
static void vague_ask_zh(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.lang = S("zh");
  sess_turn *t = fx_turn(&f, "改天有空再约个时间看看吧", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  t->cls.norm = S("改天有空再约个时间看看吧");
  vague_at(t, "改天");
  score_result r;
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&fx_find(&r, "vague_ask", 1, NULL)->msg, r.lang),
                      "你的请求“改天有空再约个时间看看吧”：用了“改天”这样含糊的说法，没有说明行动，没有说明时间，没有说明人员或地点。");
  assert_null(fx_find(&r, "no_ask", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* Wave 6, found in play: an order ask names its action in its own words ("签合同"), and an
** order needs nobody brought anywhere: "您看什么时候签合同?" lacks only a time, and "这周五把合同签了吧"
** names what and when, a specific ask. */
static void order_ask_names_its_action(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.lang = S("zh");
  fx_turn(&f, "您看什么时候签合同?", MV(ASK_ORDER));
  score_result r;
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&fx_find(&r, "vague_ask", 1, NULL)->msg, r.lang), "你的请求“您看什么时候签合同?”：没有说明时间。");
  score_result_free(&r);
  fx_free(&f);
  fx_init(&f);
  f.s.lang = S("zh");
  sess_turn *t = fx_turn(&f, "这周五把合同签了吧", MV(ASK_ORDER));
  t->cls.slots[CLS_SLOT_TIME] = S("这周五");
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "vague_ask", -1, NULL));
  assert_non_null(fx_find(&r, "specific_ask", 1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A contract on a first visit: the host said the rung was not realistic. */
static void premature_ask(void **state) {
  (void)state;
  for (int host = 0; host < 2; host++) {   /* with the host's verdict, then from the refusal alone */
    fx f;
    fx_init(&f);
    sess_turn *t = fx_turn(&f, "Could you sign the contract next Monday at 10 in your office?",
                           MV(ASK_ORDER));
    fx_specific(t);
    t->cls.commitment = 0;
    t->realistic = host ? 0 : -1;
    fx_event(&f, t, CUST_EV_REFUSE, 0);
    score_result r;
    score_session(&f.s, &r);
    const score_finding *u = fx_find(&r, "unrealistic_ask", 1, NULL);
    assert_non_null(u);
    assert_true(u->points == -15);
    /* the rung is the step the ask was read as, not words the trainee said (play-test 27) */
    assert_string_equal(fx_msg(&u->msg, r.lang), "Your ask (\"Could you sign the contract next Monday at 10 in "
                        "your office?\") was read as the step \"sign the annual contract\", before the customer "
                        "was ready for it (trust 3/10, value not yet accepted, not on the purchase list).");
    assert_null(fx_find(&r, "realistic_ask", -1, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* One premature ask is named once, as unrealistic_ask: the missing check and summary are judged
** at the ask the customer could give, where the trainee had checked and summed up (play-test 27d
** finding 10: "no check" and "no summary" at the first line stuck, the later check and summary
** earned nothing); a visit whose asks were all too early hears them once, at its last ask. */
static void premature_ask_named_once(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Could you sign the contract next Monday at 10 in your office?", MV(ASK_ORDER));
  fx_specific(t);
  t->cls.commitment = 0;
  t->realistic = 0;
  fx_event(&f, t, CUST_EV_REFUSE, 0);
  fx_build_strong(&f);
  score_result r;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "unrealistic_ask", 1, NULL));
  assert_null(fx_find(&r, "ask_without_check", -1, NULL));
  assert_null(fx_find(&r, "ask_without_summary", -1, NULL));
  assert_non_null(fx_find(&r, "checked_concerns", 7, NULL));
  assert_non_null(fx_find(&r, "summary_tied_to_needs", 8, NULL));
  score_result_free(&r);
  fx_free(&f);
  /* near case: the premature ask, then a second one as early, and no more: the last carries them */
  fx_init(&f);
  t = fx_turn(&f, "Could you sign the contract next Monday at 10 in your office?", MV(ASK_ORDER));
  fx_specific(t);
  t->cls.commitment = 0;
  t->realistic = 0;
  fx_event(&f, t, CUST_EV_REFUSE, 0);
  t = fx_turn(&f, "Then a demo for your heads next Wednesday at 3 in your meeting room?", MV(ASK_COMMITMENT));
  fx_specific(t);
  t->cls.commitment = 1;
  t->realistic = 0;
  fx_event(&f, t, CUST_EV_REFUSE, 1);
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  score_session(&f.s, &r);
  int n;
  assert_non_null(fx_find(&r, "ask_without_check", 2, &n));
  assert_int_equal(n, 1);
  assert_non_null(fx_find(&r, "ask_without_summary", 2, &n));
  assert_int_equal(n, 1);
  score_result_free(&r);
  fx_free(&f);
}

/* A need the customer names in answer to the trainee's question is brought out, though no REVEAL
** was recorded for it (a refusal's reason probed): need_uncovered, not "she named it herself,
** unasked" (play-test 27c F2); the same answer to a pitch brings out nothing. */
static void need_named_in_answer(void **state) {
  (void)state;
  for (int asked = 1; asked >= 0; asked--) {
    fx f;
    fx_init(&f);
    char *kw[] = { S("by hand") };
    f.needs[0].keywords.v = kw;
    f.needs[0].keywords.n = 1;
    sess_turn *t = asked ? fx_turn(&f, "How do your teachers take attendance today?", MV(OPEN_QUESTION))
                         : fx_turn(&f, "Our app takes attendance for you.", MV(PRESENT_FEATURE));
    fx_say(&f, &t->events, "Honestly, we still count by hand every morning.");
    fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
    score_result r;
    score_session(&f.s, &r);
    if (asked) {
      const score_finding *u = fx_find(&r, "need_uncovered", 1, NULL);
      assert_non_null(u);
      assert_string_equal(fx_msg(&u->msg, r.lang), "Your question \"How do your teachers take attendance today?\" "
                          "brought out a need (\"by hand\"): \"Honestly, we still count by hand every morning.\"");
      assert_null(fx_find(&r, "no_discovery", -1, NULL));
    } else {
      assert_null(fx_find(&r, "need_uncovered", -1, NULL));
      assert_non_null(fx_find(&r, "no_discovery", 0, NULL));
    }
    score_result_free(&r);
    fx_free(&f);
  }
}

/* Not ready although trust, value and the purchase list are fine: the rung's own condition
** (cash on hand) is named instead of an empty reason. */
static void unrealistic_by_condition(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.commitments[0] = (scn_commitment){ .id = S("pay"), .kind = SCN_KIND_PAYMENT,
    .action = S("pay the balance today"), .realistic_when = S("cash_ready") };
  f.sc.n_commitments = 1;
  f.now.trust = 6;
  f.now.value_ack = 1;
  f.now.on_list = 1;
  /* asked once and refused (a demand in a collection before her no is excused: first_payment_demand) */
  sess_turn *t = fx_turn(&f, "Could you pay the balance today?", MV(ASK_PAYMENT));
  t->cls.commitment = 0;
  t->realistic = 0;
  fx_event(&f, t, CUST_EV_REFUSE, 0);
  t = fx_turn(&f, "The 4,800 dollars are due today.", MV(ASK_PAYMENT));
  t->cls.commitment = 0;
  t->realistic = 0;
  score_result r;
  score_session(&f.s, &r);
  /* she had said no to it: the debrief says so, not the rung's raw condition (play-test 9) */
  assert_string_equal(fx_msg(&fx_find(&r, "unrealistic_ask", 2, NULL)->msg, r.lang),
                      "Your ask (\"The 4,800 dollars are due today.\") was read as the step \"pay the balance "
                      "today\", before the customer was ready for it (the customer had already turned it down, "
                      "and nothing had changed since).");
  score_result_free(&r);
  f.s.lang = S("zh");
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&fx_find(&r, "unrealistic_ask", 2, NULL)->msg, r.lang),
                      "你的请求（“The 4,800 dollars are due today.”）被看作“pay the balance today”这一步，"
                      "而客户还没准备好（客户已经拒绝过，之后情况也没有变化）。");
  score_result_free(&r);
  fx_free(&f);
}

/* An order asked for where the visit's ladder holds no order at all. */
static void order_beyond_ladder(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.sc.commitments = &f.commitments[1];   /* demo, requirements: no contract on offer */
  f.sc.n_commitments = 2;
  fx_turn(&f, "Can we sign the contract today?", MV(ASK_ORDER));
  score_result r;
  score_session(&f.s, &r);
  const score_finding *u = fx_find(&r, "unrealistic_ask", 1, NULL);
  assert_non_null(u);
  assert_string_equal(fx_msg(&u->msg, r.lang), "You asked for the order (\"Can we sign the contract today?\"), but "
                      "the most this customer can give on this visit is \"bring the department heads "
                      "to a demo\".");
  score_result_free(&r);
  fx_free(&f);

  /* so is one the customer answers with the demo, and one the reader tied to the demo by a
  ** likeness barely over the bar alone (play-test 26: "Martin, would you sign off the full rollout
  ** order this week" got the pilot and "the most the customer could give"); a likeness well over
  ** it names the demo, praised when she gives it */
  for (int k = 0; k < 3; k++) {
    fx_init(&f);
    f.now.trust = 6;
    f.now.value_ack = 1;
    f.sc.commitments = &f.commitments[1];
    f.sc.n_commitments = 2;
    sess_turn *t = fx_turn(&f, "Could you sign off the full order for every campus this week?", MV(ASK_ORDER));
    fx_specific(t);
    if (k > 0) {
      t->cls.commitment = 0;   /* the demo */
      fx_match(t, "commitment:demo", k == 1 ? "similar:0.15:0.12:Could your heads join a demo?"
                                            : "similar:0.42:0.12:Could your heads join a demo?");
    }
    fx_event(&f, t, CUST_EV_GIVE, 0);
    score_session(&f.s, &r);
    if (k < 2) {
      assert_non_null(fx_find(&r, "unrealistic_ask", 1, NULL));
      assert_null(fx_find(&r, "realistic_ask", -1, NULL));
    } else {
      assert_null(fx_find(&r, "unrealistic_ask", -1, NULL));
      assert_non_null(fx_find(&r, "realistic_ask", 1, NULL));
    }
    score_result_free(&r);
    fx_free(&f);
  }
}

/* An order of more than the order rung names is too big, though she stood ready for the order: "so
** 100 sets, deal?" where the most she can give is 40 sets (play-test 30a F2: never judged as asking
** too much); 40 sets is the realistic ask.  A need she confirms in answer to the bare close is no
** discovery of the trainee's. */
static void order_too_many(void **state) {
  (void)state;
  for (int k = 0; k < 2; k++) {
    fx f;
    fx_init(&f);
    f.commitments[0].action = S("Helen orders 40 sets for the spring window");
    f.now.trust = 8;
    f.now.value_ack = 1;
    f.now.on_list = 1;
    f.now.revealed = 1;
    const char *line = k ? "so 40 sets, deal?" : "so 100 sets, deal?";
    sess_turn *t = fx_turn(&f, line, MV(ASK_ORDER));
    fx_specific(t);
    t->cls.norm = S(line);
    t->cls.commitment = 0;
    t->realistic = 1;
    fx_match(t, "order_quantity", "rule:quantity_order");
    t->cls.matches[t->cls.n_matches - 1].start = 3;
    t->cls.matches[t->cls.n_matches - 1].end = k ? 5 : 6;
    fx_event(&f, t, CUST_EV_CONFIRM, 0);
    score_result r;
    score_session(&f.s, &r);
    const score_finding *u = fx_find(&r, "unrealistic_ask", 1, NULL);
    if (k == 0) {
      assert_non_null(u);
      assert_string_equal(fx_msg(&u->msg, r.lang), "You asked for an order of 100 (\"so 100 sets, deal?\"), more than this customer "
                          "can take: the most they could give is \"Helen orders 40 sets for the spring window\".");
      assert_null(fx_find(&r, "realistic_ask", -1, NULL));
    } else {
      assert_null(u);
      assert_non_null(fx_find(&r, "realistic_ask", 1, NULL));
    }
    assert_null(fx_find(&r, "need_confirmed", -1, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* An ask that names no action, tied to a rung by a likeness barely over the bar alone, did not ask
** for that rung: "fine, can I at least send you a brochure and call you next month sometime?" was
** "+10 ... the most the customer could give" for Grace's figures, never asked (play-test 30a F4);
** the same likeness with the action named, or a likeness well over the bar, names it. */
static void faint_link_no_action(void **state) {
  (void)state;
  for (int k = 0; k < 3; k++) {
    fx f;
    fx_init(&f);
    f.now.trust = 6;
    f.now.value_ack = 1;
    sess_turn *t = fx_turn(&f, "Can I at least send you a brochure and call you next month?", MV(ASK_COMMITMENT));
    t->cls.slots[CLS_SLOT_TIME] = S("next month");
    if (k == 1) t->cls.slots[CLS_SLOT_ACTION] = S("bring");
    t->cls.commitment = 1;   /* the demo */
    t->realistic = 1;
    fx_match(t, "commitment:demo", k == 2 ? "similar:0.42:0.12:Could your heads join a demo?"
                                          : "similar:0.13:0.12:Could your heads join a demo?");
    score_result r;
    score_session(&f.s, &r);
    if (k == 0) assert_null(fx_find(&r, "realistic_ask", -1, NULL));
    else assert_non_null(fx_find(&r, "realistic_ask", 1, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* The credit for a realistic ask goes to the rung she took: one she answered with another, lower
** rung (a scenario's reaction) asked for what she did not give. */
static void realistic_ask_given_rung(void **state) {
  (void)state;
  for (int other = 0; other < 2; other++) {
    fx f;
    fx_init(&f);
    f.now.trust = 6;
    f.now.value_ack = 1;
    sess_turn *t = fx_turn(&f, "Could your heads join a demo Wednesday at 3?", MV(ASK_COMMITMENT));
    fx_specific(t);
    t->cls.commitment = 1;
    t->realistic = 1;
    fx_event(&f, t, CUST_EV_GIVE, other ? 2 : 1);
    score_result r;
    score_session(&f.s, &r);
    if (other) assert_null(fx_find(&r, "realistic_ask", -1, NULL));
    else assert_non_null(fx_find(&r, "realistic_ask", 1, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* Asking for less than the customer could give. */
static void ask_too_low(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.trust = 6;
  f.now.value_ack = 1;
  sess_turn *t = fx_turn(&f, "Could you email me your requirements by Friday noon?", MV(ASK_COMMITMENT));
  fx_specific(t);
  t->cls.commitment = 2;
  t->realistic = 1;
  t->rungs_known = 1;                        /* the host: the demo was within reach, the contract not */
  t->rungs_realistic = 1u << 1 | 1u << 2;
  score_result r;
  score_session(&f.s, &r);
  const score_finding *lo = fx_find(&r, "ask_too_low", 1, NULL);
  assert_non_null(lo);
  /* the trainee's words, and the rung they were read as (play-test 27: "You asked for \"Helen
  ** reserves 40 sets until Friday, when she checks the budget with her bookkeeper\"" for "shall I
  ** reserve 40 numbered sets for you today") */
  assert_string_equal(fx_msg(&lo->msg, r.lang), "Your ask (\"Could you email me your requirements by Friday noon?\") "
                      "was read as the step \"send the written requirements\", when the customer could already "
                      "give \"bring the department heads to a demo\".");
  assert_string_equal(fx_msg(&lo->msg, "zh"), "你的请求（“Could you email me your requirements by Friday noon?”）"
                      "被看作“send the written requirements”这一步，而客户当时已经可以答应“bring the department "
                      "heads to a demo”。");
  assert_null(fx_find(&r, "realistic_ask", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* Fear of loss before the value is accepted costs; after it, it wins. */
static void loss_before_value(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Only 20 licences left at this price, you must decide today!", MV(LOSS_APPEAL));
  t->cls.tactic = CLS_TACTIC_LOSS;
  f.now.value_ack = 1;
  f.now.on_list = 1;
  f.now.trust = 7;
  t = fx_turn(&f, "The current price holds until the 30th.", MV(LOSS_APPEAL));
  t->cls.tactic = CLS_TACTIC_LOSS;
  score_result r;
  score_session(&f.s, &r);
  const score_finding *l = fx_find(&r, "loss_before_value", 1, NULL);
  assert_non_null(l);
  assert_true(l->points == -20);
  assert_string_equal(fx_msg(&l->msg, r.lang), "You pressed with a loss (\"Only 20 licences left at this price, you "
                      "must decide today!\") while trust 3/10, value not yet accepted, not on the "
                      "purchase list.");
  assert_true(fx_find(&r, "loss_when_ready", 2, NULL)->points == 20);
  assert_null(fx_find(&r, "loss_before_value", 2, NULL));
  assert_true(fabs(r.skills[SK_TACTICS] - 50) < 1e-9);
  score_result_free(&r);
  fx_free(&f);
}

/* The commitment given on the gain, no lever misused, is the right tactic throughout
** (gain_was_enough, +20: as many as a deadline once she was ready); not with a price cut for
** trust, nor beside a deadline used when ready (that one earns its own +20). */
static void gain_was_enough(void **state) {
  (void)state;
  for (int k = 0; k < 2; k++) {
    fx f;
    fx_init(&f);
    fx_build_strong(&f);
    sess_turn *t = &f.s.turns[k == 0 ? 4 : 6];
    if (k == 0) {
      t->cls.moves |= MV(DISCOUNT);   /* the proof with 10% off, before the value was accepted */
    } else {
      t->cls.moves |= MV(LOSS_APPEAL);   /* the summary with the term's deadline, once ready */
      t->cls.tactic = CLS_TACTIC_LOSS;
      t->before.on_list = 1;
    }
    score_result r;
    score_session(&f.s, &r);
    assert_null(fx_find(&r, "gain_was_enough", -1, NULL));
    if (k == 0) assert_non_null(fx_find(&r, "discount_for_trust", 5, NULL));
    else assert_non_null(fx_find(&r, "loss_when_ready", 7, NULL));
    assert_true(fabs(r.skills[SK_TACTICS] - (k == 0 ? 45 : 85)) < 1e-9);
    score_result_free(&r);
    fx_free(&f);
  }
}

/* A threat costs whatever the customer's state: ready for a deadline or not, it earns no
** loss_when_ready and no second penalty from loss_before_value. */
static void hostile_threat(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.value_ack = 1;   /* the state in which a real deadline would win points */
  f.now.on_list = 1;
  f.now.trust = 7;
  sess_turn *t = fx_turn(&f, "If you don't pay today we'll have to involve our lawyers.", MV(THREAT));
  t->cls.tactic = CLS_TACTIC_LOSS;
  f.now.value_ack = 0;   /* and before the value is accepted */
  f.now.on_list = 0;
  t = fx_turn(&f, "Sign by Friday or we stop supplying you.", MV(THREAT));
  t->cls.tactic = CLS_TACTIC_LOSS;
  score_result r;
  score_session(&f.s, &r);
  int n;
  fx_find(&r, "hostile_threat", -1, &n);
  assert_int_equal(n, 2);
  const score_finding *h = fx_find(&r, "hostile_threat", 1, NULL);
  assert_non_null(h);
  assert_true(h->points == -40);
  assert_int_equal(h->rule->skill, SK_TACTICS);
  assert_string_equal(h->rule->principle, "firm-not-hostile");
  assert_string_equal(fx_msg(&h->msg, r.lang), "You threatened the customer (\"If you don't pay today we'll have "
                      "to involve our lawyers.\"): firm is not hostile, and a threat turns them into "
                      "an opponent.");
  assert_non_null(fx_find(&r, "hostile_threat", 2, NULL));
  assert_null(fx_find(&r, "loss_when_ready", -1, NULL));
  assert_null(fx_find(&r, "loss_before_value", -1, NULL));
  assert_true(fabs(r.skills[SK_TACTICS] - 0) < 1e-9);
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);   /* in Chinese; a scenario may set its points, 0 switches it off */
  f.s.lang = S("zh");
  t = fx_turn(&f, "今天不付的话,我们公司只能找律师走法律程序了。", MV(THREAT));
  t->cls.tactic = CLS_TACTIC_LOSS;
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&fx_find(&r, "hostile_threat", 1, NULL)->msg, r.lang),
                      "你威胁了客户（“今天不付的话,我们公司只能找律师走法律程序了。”）：坚定不等于敌对，"
                      "威胁只会把客户变成对手。");
  assert_true(fabs(r.skills[SK_TACTICS] - 10) < 1e-9);
  score_result_free(&r);
  f.rules[0] = (scn_rule_weight){ S("hostile_threat"), 0 };
  f.sc.scoring.rules = f.rules;
  f.sc.scoring.n_rules = 1;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "hostile_threat", -1, NULL));
  assert_null(fx_find(&r, "loss_before_value", -1, NULL));
  assert_true(fabs(r.skills[SK_TACTICS] - 50) < 1e-9);
  score_result_free(&r);
  fx_free(&f);
}

/* A price cut to make up for missing trust. */
static void discount_for_trust(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.value_ack = 1;
  fx_turn(&f, "I can give you 20% off if you sign this week.", MV(DISCOUNT));
  f.now.trust = 8;
  fx_turn(&f, "And the price includes training.", MV(DISCOUNT));   /* trust and value there: fine */
  score_result r;
  score_session(&f.s, &r);
  int n;
  const score_finding *d = fx_find(&r, "discount_for_trust", -1, &n);
  assert_int_equal(n, 1);
  assert_int_equal(d->turn, 1);
  assert_true(d->points == -20);
  assert_string_equal(fx_msg(&d->msg, r.lang), "You offered a price cut (\"I can give you 20% off if you sign this "
                      "week.\") while trust 3/10.");
  assert_true(fabs(r.skills[SK_TACTICS] - 30) < 1e-9);
  score_result_free(&r);
  fx_free(&f);
}

/* Three closes in a row with nothing learned: the third costs; a check resets the run. */
static void repeated_closes(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  for (int i = 0; i < 3; i++) {
    sess_turn *t = fx_turn(&f, "So can we book the demo for Wednesday at 3 with your team?", MV(ASK_COMMITMENT));
    fx_specific(t);
    fx_event(&f, t, CUST_EV_REFUSE, 1);
  }
  fx_turn(&f, "What else should we cover before that?", MV(CHECK_CONCERNS));
  sess_turn *t = fx_turn(&f, "Then shall we book Wednesday at 3 with your team?", MV(ASK_COMMITMENT));
  fx_specific(t);
  score_result r;
  score_session(&f.s, &r);
  int n;
  const score_finding *rc = fx_find(&r, "repeated_closes", -1, &n);
  assert_int_equal(n, 1);
  assert_int_equal(rc->turn, 3);
  assert_true(rc->points == -15);
  assert_string_equal(fx_msg(&rc->msg, r.lang), "This was close number 3 in a row (\"So can we book the demo for "
                      "Wednesday at 3 with your team?\") with nothing new learned in between.");
  assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
  score_result_free(&r);
  fx_free(&f);

  /* near cases (play-test 9): the reason she gives with a no is new, and an ask she takes up is
  ** no push, however many came before */
  fx_init(&f);
  for (int i = 0; i < 5; i++) {   /* runs 1, 2 (her reason: 0), 1, 2, 3 (taken up) */
    sess_turn *u = fx_turn(&f, "So can we book the demo for Wednesday at 3 with your team?", MV(ASK_COMMITMENT));
    fx_specific(u);
    if (i == 1) fx_event(&f, u, CUST_EV_OBJECTION, 0);
    if (i == 4) fx_event(&f, u, CUST_EV_GIVE, 1);
  }
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "repeated_closes", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* Lowering the ask straight after a refusal; and the right order, probe first. */
static void lower_before_probe(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Could your heads join a demo Wednesday at 3?", MV(ASK_COMMITMENT));
  fx_specific(t);
  fx_event(&f, t, CUST_EV_REFUSE, 1);
  fx_turn(&f, "Then could you just send me your requirements?", MV(LOWER_ASK));
  score_result r;
  score_session(&f.s, &r);
  const score_finding *l = fx_find(&r, "lower_before_probe", 2, NULL);
  assert_non_null(l);
  assert_true(l->points == -15);
  assert_string_equal(fx_msg(&l->msg, r.lang), "After the refusal at turn 1 you lowered the ask (\"Then could you "
                      "just send me your requirements?\") without asking why.");
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);
  t = fx_turn(&f, "Could your heads join a demo Wednesday at 3?", MV(ASK_COMMITMENT));
  fx_specific(t);
  fx_event(&f, t, CUST_EV_REFUSE, 1);
  fx_turn(&f, "May I ask what makes next week difficult?", MV(PROBE_REFUSAL));
  fx_turn(&f, "Then could you just send me your requirements?", MV(LOWER_ASK));
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
  assert_true(fx_find(&r, "probed_refusal", 2, NULL)->points == 10);
  score_result_free(&r);
  fx_free(&f);

  /* a smaller ask that meets the reason she had told in her own words before her no, naming it
  ** with understanding, is no lowering without asking why (play-test 22); naming it without the
  ** understanding, or a reason she never voiced, still is */
  for (int k = 0; k < 3; k++) {
    fx_init(&f);
    f.now.revealed = k == 2 ? 0 : 1;   /* attendance told before the no (not in the third) */
    t = fx_turn(&f, "Could your heads join a demo Wednesday at 3?", MV(ASK_COMMITMENT));
    fx_specific(t);
    fx_event(&f, t, CUST_EV_REFUSE, 1);
    t = fx_turn(&f, "Counting attendance by hand is a real burden, I get it. Then could you just send me your requirements?",
                k == 1 ? MV(LOWER_ASK) : MV(LOWER_ASK) | MV(HANDLE_OBJECTION));
    fx_needs(t, 1, (int[]){ 0 });
    score_session(&f.s, &r);
    if (k == 0) assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
    else assert_non_null(fx_find(&r, "lower_before_probe", 2, NULL));
    score_result_free(&r);
    fx_free(&f);
  }

  /* a no that carries its reason ("I can't, we are short of staff this month": the worry the
  ** refusal raised, in her words) needs no "why?" before a smaller ask (play-test 26: "今天全付?不是
  ** 我不给,是账上真没有。"); the same worry raised in silence behind a bare "Not yet." still does */
  for (int told = 0; told < 2; told++) {
    char *kw[] = { (char *)"staff" };
    scn_objection ob = { .id = (char *)"short_staffed", .keywords = { kw, 1 } };
    fx_init(&f);
    f.sc.objections = &ob;
    f.sc.n_objections = 1;
    t = fx_turn(&f, "Could your heads join a demo Wednesday at 3?", MV(ASK_COMMITMENT));
    fx_specific(t);
    fx_event(&f, t, CUST_EV_REFUSE, 1);
    fx_say(&f, &t->events, told ? "Not this week, we are short of staff." : "Not yet.");
    fx_event(&f, t, CUST_EV_OBJECTION, 0);
    fx_turn(&f, "Then could you just send me your requirements?", MV(LOWER_ASK));
    score_session(&f.s, &r);
    if (told) assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
    else assert_non_null(fx_find(&r, "lower_before_probe", 2, NULL));
    score_result_free(&r);
    f.sc.objections = NULL;
    f.sc.n_objections = 0;
    fx_free(&f);
  }

  /* "any concerns?" read as a concern check probes the refusal it follows all the same */
  fx_init(&f);
  t = fx_turn(&f, "Could your heads join a demo Wednesday at 3?", MV(ASK_COMMITMENT));
  fx_specific(t);
  fx_event(&f, t, CUST_EV_REFUSE, 1);
  t = fx_turn(&f, "Is there something that worries you about it?", MV(CHECK_CONCERNS));
  t->cls.question = 1;
  fx_turn(&f, "Then could you just send me your requirements?", MV(LOWER_ASK));
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
  assert_non_null(fx_find(&r, "probed_refusal", 2, NULL));
  score_result_free(&r);
  fx_free(&f);

  /* so does a question that is no ask whose answer tells the worry behind the no ("咋了 是甲方那边款
  ** 没到吗", "您有什么顾虑，能跟我说说吗？": play-tests, round 11, -15 "you did not ask why" after the
  ** customer had told why); the worry is the refused rung's (no_cash: 进度款) */
  static const cls_move asked[] = { CLS_CLOSED_QUESTION, CLS_OPEN_QUESTION };
  char *cash_kw[] = { (char *)"进度款" };
  scn_objection cash = { .id = (char *)"no_cash", .keywords = { cash_kw, 1 } };
  for (size_t k = 0; k < sizeof asked / sizeof *asked; k++) {
    fx_init(&f);
    f.sc.objections = &cash;
    f.sc.n_objections = 1;
    f.commitments[1].objection = (char *)"no_cash";
    t = fx_turn(&f, "这个月能把尾款结了吗？", MV(ASK_PAYMENT));
    fx_specific(t);
    fx_event(&f, t, CUST_EV_REFUSE, 1);
    t = fx_turn(&f, "咋了 是甲方那边款没到吗", (uint64_t)1 << asked[k]);
    t->cls.question = 1;
    fx_say(&f, &t->events, "甲方的进度款下周才到,我现在账上只有十来万。");
    fx_turn(&f, "那今天先付一万，剩下的下周五前结清，行吗？", MV(LOWER_ASK));
    score_session(&f.s, &r);
    assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
    assert_non_null(fx_find(&r, "probed_refusal", 2, NULL));
    score_result_free(&r);
    f.sc.objections = NULL;
    f.sc.n_objections = 0;
    f.commitments[1].objection = NULL;
    fx_free(&f);
  }

  /* a question right after the no about something else, which draws a need of hers and not the
  ** worry behind the no, asks nothing about it ("您现在代理的是那两个牌子啊?" after "第一次见面就
  ** 催我下单?", +10 "asked why first": play-test 29b F8) */
  fx_init(&f);
  f.sc.objections = &cash;
  f.sc.n_objections = 1;
  f.commitments[1].objection = (char *)"no_cash";
  t = fx_turn(&f, "这个月能把尾款结了吗？", MV(ASK_PAYMENT));
  fx_specific(t);
  fx_event(&f, t, CUST_EV_REFUSE, 1);
  t = fx_turn(&f, "您现在代理的是那两个牌子啊?", MV(CLOSED_QUESTION));
  t->cls.question = 1;
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  fx_say(&f, &t->events, "说实话,现在手上这两个牌子价格越做越透明,一片砖挣不了几毛钱。");
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "probed_refusal", -1, NULL));
  score_result_free(&r);
  f.sc.objections = NULL;
  f.sc.n_objections = 0;
  f.commitments[1].objection = NULL;
  fx_free(&f);

  /* a question two lines on probes it when it brings her reason out ("那您什么时候能付啊" drew "甲方
  ** 那边的进度款还没到": play-test 17); one that draws nothing does not */
  for (int drew = 0; drew < 2; drew++) {
    fx_init(&f);
    t = fx_turn(&f, "尾款的事您看……", MV(ASK_PAYMENT));
    fx_event(&f, t, CUST_EV_REFUSE, 1);
    fx_turn(&f, "我们公司财务催得紧", 0);
    t = fx_turn(&f, "那您什么时候能付啊", MV(OPEN_QUESTION));
    t->cls.question = 1;
    if (drew) fx_event(&f, t, CUST_EV_OBJECTION, 0);   /* the worry behind the no, told */
    fx_turn(&f, "那您先付一点吧", MV(LOWER_ASK));
    score_session(&f.s, &r);
    if (drew) {
      assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
      assert_non_null(fx_find(&r, "probed_refusal", 3, NULL));
    } else {
      assert_non_null(fx_find(&r, "lower_before_probe", 4, NULL));
    }
    score_result_free(&r);
    fx_free(&f);
  }

  /* a smaller rung asked for in plain words, no "then just": lowering all the same (blind
  ** trainer, round 10); a higher rung after the refusal is not */
  fx_init(&f);
  t = fx_turn(&f, "Could your heads join a demo Wednesday at 3?", MV(ASK_COMMITMENT));
  fx_specific(t);
  t->cls.commitment = 1;
  fx_event(&f, t, CUST_EV_REFUSE, 1);
  t = fx_turn(&f, "Could you send me your requirements by Friday?", MV(ASK_COMMITMENT));
  t->cls.commitment = 2;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "lower_before_probe", 2, NULL));
  score_result_free(&r);
  f.s.turns[1].cls.commitment = 0;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "lower_before_probe", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* The customer "agreed" only to the seller sending a proposal: a continuation. */
static void seller_only_advance(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_turn(&f, "I'll send you a proposal by Friday.", MV(SELLER_ACTION));
  fx_say(&f, &f.s.closing, "Fine, send it over.");
  fx_end(&f, NULL, CUST_OUTCOME_ADVANCE);
  score_result r;
  score_session(&f.s, &r);
  assert_int_equal(r.outcome, CUST_OUTCOME_CONTINUATION);
  const score_finding *so = fx_find(&r, "seller_only_progress", 1, NULL);
  assert_non_null(so);
  assert_true(so->points == -15);
  assert_string_equal(fx_msg(&so->msg, r.lang), "Only you agreed to act (\"I'll send you a proposal by Friday.\"); "
                      "the customer committed to nothing, so the visit is a continuation.");
  assert_null(fx_find(&r, "outcome_advance", -1, NULL));
  assert_non_null(fx_find(&r, "no_ask", 0, NULL));
  assert_string_equal(fx_msg(&r.reason, r.lang), "It felt like progress, but only the seller agreed to act; "
                      "the customer committed to nothing, so it is a continuation.");
  score_result_free(&r);
  fx_free(&f);
}

/* A check the rules read and the model overruled counts when the customer answered it with an open
** point (play-test 13: "anything else i should know before i tell you how we'd tackle it?" brought
** out the audit, and the ask was marked "without first checking"); overruled and answered with
** nothing, it does not. */
static void check_overruled_answered(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Anything else I should know before I tell you how we'd tackle it?", MV(OPEN_QUESTION));
  t->cls.question = 1;
  t->before.confirmed = 1;   /* after discovery: she had confirmed a need (the run-up to the ask) */
  t->cls.model_vetoed = MV(CHECK_CONCERNS);
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  t = fx_turn(&f, "Could we start the trial next Tuesday with your engineer?", MV(ASK_COMMITMENT));
  fx_specific(t);
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "ask_without_check", -1, NULL));
  score_result_free(&r);
  f.s.turns[0].events.n = 0;   /* the near case: nothing came out of it */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "ask_without_check", 2, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A gain is credited when it is tied to a need the customer voiced, as she hears it: flattery
** or the seller's credentials before any need showed no gain (play-tests, round 10). */
static void gain_tied_to_voiced_need(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  sess_turn *t = fx_turn(&f, "Grace, you'll love it, your pickers will too.", MV(GAIN_APPEAL));
  t->cls.tactic = CLS_TACTIC_GAIN;
  t = fx_turn(&f, "How do your counsellors handle attendance now?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  t = fx_turn(&f, "So what you want is the morning count off your counsellors' hands, is that fair?",
              MV(CONFIRM_NEED));   /* her need restated: nothing new shown */
  t->cls.tactic = CLS_TACTIC_GAIN;
  fx_needs(t, 1, (int[]){ 0 });
  /* a recap of her needs in which only the model read a gain (play-test 13: "k so recap: phones
  ** eat jades morning + 11 no shows a month. right?" earned +15) */
  t = fx_turn(&f, "k so recap: the morning count eats your counsellors' mornings. right?",
              MV(CONFIRM_NEED) | MV(GAIN_APPEAL));
  t->cls.model_moves = MV(GAIN_APPEAL);
  t->cls.tactic = CLS_TACTIC_GAIN;
  fx_needs(t, 1, (int[]){ 0 });
  t = fx_turn(&f, "We cut attendance time by 80% at a school like yours.", MV(PROOF));
  t->cls.tactic = CLS_TACTIC_GAIN;
  fx_needs(t, 1, (int[]){ 0 });
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "gain_when_needed", 1, NULL));
  assert_null(fx_find(&r, "gain_when_needed", 3, NULL));
  assert_null(fx_find(&r, "gain_when_needed", 4, NULL));
  assert_non_null(fx_find(&r, "gain_when_needed", 5, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A line that states the scenario's benefits for her need and makes no move beside its courtesy
** shows the gain, as the customer hears it (play-test 23: the Bath shop that sold out, read as
** handle_objection and two benefits, moved Helen and earned nothing). */
static void stated_benefit_is_gain(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  sess_turn *t = fx_turn(&f, "How do your counsellors handle attendance now?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  t = fx_turn(&f, "That's a fair worry. The app takes the register while the class walks in.", MV(HANDLE_OBJECTION));
  fx_benefits(t, 1, (int[]){ 0 });
  score_result r;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "gain_when_needed", 2, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A check counts in the run-up to the ask only: once something was presented, she had confirmed
** her needs, or in a line playing back two needs she had voiced.  A check-like question during
** discovery is discovery (play-test 26: "您看看有没有什么需要的" at the opening and "除了护士这边
** 院里今年还有啥别的要求不" were +15 "checked before asking" three and four turns before it). */
static void check_in_run_up(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_turn(&f, "Anything you'd need from a system like ours?", MV(CHECK_CONCERNS));
  fx_turn(&f, "How do you take attendance today?", MV(OPEN_QUESTION));
  sess_turn *t = fx_turn(&f, "Could you send me your requirements by Friday?", MV(ASK_COMMITMENT));
  fx_specific(t);
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "checked_concerns", -1, NULL));
  assert_non_null(fx_find(&r, "ask_without_check", 3, NULL));
  score_result_free(&r);
  /* the same question playing back two needs she had voiced is in the run-up */
  fx_needs(&f.s.turns[0], 2, (int[]){ 0, 1 });
  f.s.turns[0].before.revealed = 3;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "checked_concerns", 1, NULL));
  assert_null(fx_find(&r, "ask_without_check", -1, NULL));
  score_result_free(&r);
  /* one of them not voiced yet ("...评级啥的?" brought it out): discovery */
  f.s.turns[0].before.revealed = 1;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "checked_concerns", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* The check credited is the one made last before the ask, not an earlier question the reader also
** read as a check (play-test 23). */
static void last_check_credited(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_turn(&f, "Our app takes attendance for you.", MV(PRESENT_BENEFIT));   /* the run-up (below) */
  fx_turn(&f, "What would you need to see before signing anything?", MV(CHECK_CONCERNS));
  fx_turn(&f, "Anything else either of you is worried about?", MV(CHECK_CONCERNS));
  sess_turn *t = fx_turn(&f, "Could you send me your requirements by Friday?", MV(ASK_COMMITMENT));
  fx_specific(t);
  t->cls.commitment = 2;
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "checked_concerns", 2, NULL));
  assert_non_null(fx_find(&r, "checked_concerns", 3, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* An objection the customer says was answered (objection_eased) is credited, once for each worry
** raised in the visit. */
static void objection_answered_credited(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  sess_turn *t = fx_turn(&f, "Anything we haven't covered?", MV(CHECK_CONCERNS));
  t->cls.question = 1;
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  t = fx_turn(&f, "We do the set-up with Jade in an hour.", MV(HANDLE_OBJECTION));
  fx_event(&f, t, CUST_EV_SAY, 0)->key = S("objection_eased");
  t = fx_turn(&f, "And the reminders go out on their own.", MV(HANDLE_OBJECTION));
  fx_event(&f, t, CUST_EV_SAY, 0)->key = S("objection_eased");
  score_result r;
  score_session(&f.s, &r);
  const score_finding *a = fx_find(&r, "objection_answered", 2, NULL);
  assert_non_null(a);
  assert_true(a->points == 10);
  assert_null(fx_find(&r, "objection_answered", 3, NULL));   /* one worry: one credit */
  score_result_free(&r);
  fx_free(&f);

  /* two worries raised, each eased by an answer: each is credited (play-test 24: the second and
  ** third careful answer earned nothing) */
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  t = fx_turn(&f, "Anything we haven't covered?", MV(CHECK_CONCERNS));
  t->cls.question = 1;
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  t = fx_turn(&f, "We do the set-up with Jade in an hour.", MV(HANDLE_OBJECTION));
  fx_event(&f, t, CUST_EV_SAY, 0)->key = S("objection_eased");
  fx_event(&f, t, CUST_EV_OBJECTION, 1);
  t = fx_turn(&f, "And the price is per site, not per chair.", MV(HANDLE_OBJECTION));
  fx_event(&f, t, CUST_EV_SAY, 0)->key = S("objection_eased");
  t = fx_turn(&f, "And the reminders go out on their own.", MV(HANDLE_OBJECTION));
  fx_event(&f, t, CUST_EV_SAY, 0)->key = S("objection_eased");
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "objection_answered", 2, NULL));
  assert_non_null(fx_find(&r, "objection_answered", 3, NULL));
  assert_null(fx_find(&r, "objection_answered", 4, NULL));   /* two worries: two credits */
  score_result_free(&r);
  fx_free(&f);

  /* eased by the answer (an `answer` ease event) while her line for the turn took up something
  ** else: credited, and the message does not say she said it helped (play-test 31b M1) */
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  t = fx_turn(&f, "Anything we haven't covered?", MV(CHECK_CONCERNS));
  t->cls.question = 1;
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  t = fx_turn(&f, "We do the set-up with Jade in an hour. Does that work?", MV(HANDLE_OBJECTION));
  fx_event(&f, t, CUST_EV_EASE, 0)->name = S("answer");
  fx_event(&f, t, CUST_EV_SAY, 0)->key = S("vague_ask");
  score_session(&f.s, &r);
  a = fx_find(&r, "objection_answered", 2, NULL);
  assert_non_null(a);
  assert_string_equal(a->msg.key, "finding.objection_answered.unsaid");
  score_result_free(&r);
  fx_free(&f);
}

/* Contempt for the customer is recorded on every such line (play-tests, rounds 9 and 10). */
static void contempt_recorded(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  fx_turn(&f, "How do your counsellors handle attendance now?", MV(OPEN_QUESTION));
  fx_turn(&f, "Whatever. Your way of doing it is obviously rubbish.", MV(RUDE));
  fx_turn(&f, "Do you want it or not?", MV(RUDE));
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "contempt", 1, NULL));
  const score_finding *c2 = fx_find(&r, "contempt", 2, NULL);
  assert_non_null(c2);
  assert_true(c2->points == -15);
  assert_string_equal(fx_msg(&c2->msg, r.lang), "You spoke down to the customer (\"Whatever. Your way of doing it is obviously rubbish.\"): contempt costs "
                      "the trust the deal rests on.");
  assert_non_null(fx_find(&r, "contempt", 3, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* Only the seller's step offered as the next one is seller_only_progress: a summary that says
** what the seller does, and a seller action a later question moved past, are not (blind trainer:
** a summary line took +20 and -15 at once). */
static void seller_step_only(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_QUIT;
  fx_turn(&f, "We'll alert you six months before anything expires.", MV(SELLER_ACTION));
  fx_turn(&f, "How do the stores check dates today?", MV(OPEN_QUESTION));
  fx_turn(&f, "So to sum up: we'll alert you early and I'll file the returns for you.",
          MV(SUMMARIZE_BENEFITS) | MV(SELLER_ACTION));
  fx_turn(&f, "Thanks for your time.", MV(THANK));
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "seller_only_progress", -1, NULL));
  score_result_free(&r);
  fx_turn(&f, "I'll send you a proposal by Friday.", MV(SELLER_ACTION));
  fx_turn(&f, "Bye for now.", MV(LEAVE));
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "seller_only_progress", 5, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A continuation whose customer ended with little trust is not "friendly words" (play-test 9). */
static void cold_continuation(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.trust = 4;
  sess_turn *t = fx_turn(&f, "We are the best on the market, honestly.", MV(PRESENT_FEATURE));
  fx_event(&f, t, CUST_EV_STATE, -1);
  cust_event *ev = &t->events.v[t->events.n - 1];
  ev->name = S("trust");
  ev->before = 4;
  ev->after = 1;
  score_result r;
  score_session(&f.s, &r);
  assert_int_equal(r.outcome, CUST_OUTCOME_CONTINUATION);
  assert_string_equal(fx_msg(&r.reason, r.lang),
                      "The customer committed to no action, and the visit left little trust: a continuation only in name.");
  score_result_free(&r);
  ev->after = 6;   /* near case: trust held */
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&r.reason, r.lang), "Friendly words, but the customer committed to no action: a continuation.");
  score_result_free(&r);
  fx_free(&f);
}

/* A vague ask earns no credit for its rung, realistic or not (play-test 22: "We should catch up
** sometime, maybe talk to Lucia at some point." was "the most the customer could give", +10). */
static void vague_ask_no_rung_credit(void **state) {
  (void)state;
  for (int vague = 0; vague < 2; vague++) {
    fx f;
    fx_init(&f);
    sess_turn *t = fx_turn(&f, vague ? "We should catch up sometime about the requirements." :
                                       "Could you send me your requirements by Friday?", MV(ASK_COMMITMENT));
    if (vague) t->cls.vague = 1; else fx_specific(t);
    t->cls.commitment = 2;   /* requirements: realistic whatever the state */
    score_result r;
    score_session(&f.s, &r);
    if (vague) assert_null(fx_find(&r, "realistic_ask", -1, NULL));
    else assert_non_null(fx_find(&r, "realistic_ask", 1, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* Nor does an ask the customer said no to (play-test 23: "can you give me her number?" got "Not
** while that light on my tap is still a mystery." and "the most the customer could give"), nor one
** she answered with a worry she had raised before, refused or not (play-test 25: "还是刚才说的那个
** 顾虑,没解决之前我定不下来。"): the credit goes to the ask she took.  A worry new to the ask (a date
** she cannot make) leaves it realistic. */
static void refused_ask_no_rung_credit(void **state) {
  (void)state;
  for (int objected = 0; objected < 2; objected++) {
    fx f;
    fx_init(&f);
    sess_turn *t = fx_turn(&f, "Could you send me your requirements by Friday?", MV(ASK_COMMITMENT));
    fx_specific(t);
    t->cls.commitment = 2;
    if (!objected) fx_event(&f, t, CUST_EV_REFUSE, 2);
    else {
      fx_event(&f, t, CUST_EV_OBJECTION, 0);
      cust_event *again = fx_event(&f, t, CUST_EV_SAY, 0);
      again->text = S("As I said, that's still what holds me back.");
      again->key = S("objection_again");
    }
    t = fx_turn(&f, "Could you send me your requirements by Monday?", MV(ASK_COMMITMENT));
    fx_specific(t);
    t->cls.commitment = 2;
    fx_event(&f, t, CUST_EV_GIVE, 2);
    score_result r;
    score_session(&f.s, &r);
    assert_null(fx_find(&r, "realistic_ask", 1, NULL));
    assert_non_null(fx_find(&r, "realistic_ask", 2, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

/* A recap that goes on over the next lines names what they name: the need the first line left
** out, stated by the line after it, is not missed (play-test 22); a question after it does not
** carry the recap on. */
static void summary_over_lines(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 3;   /* attendance and parents confirmed */
  sess_turn *t = fx_turn(&f, "To sum up, check-in is automatic, so no more counting by hand.", MV(SUMMARIZE_BENEFITS));
  fx_needs(t, 1, (int[]){ 0 });
  fx_benefits(t, 1, (int[]){ 0 });
  t = fx_turn(&f, "And the parent app keeps families informed.", MV(PRESENT_BENEFIT));
  fx_benefits(t, 1, (int[]){ 1 });
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "summary_misses_needs", -1, NULL));
  assert_non_null(fx_find(&r, "summary_tied_to_needs", 1, NULL));
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);   /* near case: a question comes between */
  f.now.revealed = f.now.confirmed = 3;
  t = fx_turn(&f, "To sum up, check-in is automatic, so no more counting by hand.", MV(SUMMARIZE_BENEFITS));
  fx_needs(t, 1, (int[]){ 0 });
  fx_benefits(t, 1, (int[]){ 0 });
  fx_turn(&f, "How many classes do you have?", MV(OPEN_QUESTION));
  t = fx_turn(&f, "And the parent app keeps families informed.", MV(PRESENT_BENEFIT));
  fx_benefits(t, 1, (int[]){ 1 });
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "summary_misses_needs", 1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* Two summaries before one ask, both leaving a confirmed need out: the one made before asking is
** judged, not a pitch right after the confirmation (play-test 24: "your summary leaves out small
** team" quoted the pitch, and the trainee's "So to sum up: ..." was named nowhere). */
/* The recap announced in the ask's own line is the summary credited, not the pitch two turns
** before it (play-test 30a F13: "So to pull it together: ... Could we put you down for 40 sets
** today ...?" got nothing, and the pitch was "Your summary").  Near cases: an ask line that recaps
** nothing, or lays benefits against her needs with no recap word (recap 2), leaves the credit with
** the summary before it. */
static void summary_in_ask_line(void **state) {
  (void)state;
  for (int recap = 0; recap < 3; recap++) {
    fx f;
    fx_init(&f);
    f.now.revealed = f.now.confirmed = 1;   /* attendance confirmed */
    sess_turn *t = fx_turn(&f, "Here's where it fits: check-in is automatic, no more counting.", MV(SUMMARIZE_BENEFITS));
    fx_needs(t, 1, (int[]){ 0 });
    fx_benefits(t, 1, (int[]){ 0 });
    fx_turn(&f, "Is there anything still holding you back?", MV(CHECK_CONCERNS));
    t = fx_turn(&f, recap ? "So to pull it together: no more counting by hand. Could the deans see a demo Tuesday at 3pm?"
                          : "Could the deans see a demo Tuesday at 3pm?",
                MV(ASK_COMMITMENT) | (recap ? MV(SUMMARIZE_BENEFITS) : 0));
    if (recap) {
      fx_needs(t, 1, (int[]){ 0 });
      fx_benefits(t, 1, (int[]){ 0 });
      if (recap == 1) fx_match(t, "summary", "to pull it");   /* the recap announced */
    }
    score_result r;
    score_session(&f.s, &r);
    assert_non_null(fx_find(&r, "summary_tied_to_needs", recap == 1 ? 3 : 1, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
}

static void summary_judged_before_ask(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 3;   /* attendance and parents confirmed */
  sess_turn *t = fx_turn(&f, "In practice, check-in is automatic and the reports come out by themselves.", MV(SUMMARIZE_BENEFITS));
  fx_needs(t, 1, (int[]){ 0 });
  fx_benefits(t, 1, (int[]){ 0 });
  fx_turn(&f, "Anything that would stop you trying it?", MV(CHECK_CONCERNS));
  t = fx_turn(&f, "So to sum up: no more counting by hand, and the reports are automatic.", MV(SUMMARIZE_BENEFITS));
  fx_needs(t, 1, (int[]){ 0 });
  fx_benefits(t, 1, (int[]){ 0 });
  fx_turn(&f, "Could you bring the deans to a demo on Tuesday at 3pm?", MV(ASK_COMMITMENT));
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "summary_misses_needs", 1, NULL));
  assert_non_null(fx_find(&r, "summary_misses_needs", 3, NULL));
  assert_null(fx_find(&r, "summary_tied_to_needs", -1, NULL));
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);   /* near case: an ask between them; each summary is judged before its own ask */
  f.now.revealed = f.now.confirmed = 3;
  t = fx_turn(&f, "In practice, check-in is automatic and the reports come out by themselves.", MV(SUMMARIZE_BENEFITS));
  fx_needs(t, 1, (int[]){ 0 });
  fx_benefits(t, 1, (int[]){ 0 });
  fx_turn(&f, "Could you bring the deans to a demo on Tuesday at 3pm?", MV(ASK_COMMITMENT));
  t = fx_turn(&f, "So to sum up: no more counting by hand, and the reports are automatic.", MV(SUMMARIZE_BENEFITS));
  fx_needs(t, 1, (int[]){ 0 });
  fx_benefits(t, 1, (int[]){ 0 });
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "summary_misses_needs", 1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* An ask without a summary teaches summing up the need voiced last, not the scenario's first
** (play-test 24: a campaign's later visits were taught visit 1's night-nurse summary). */
static void no_summary_teaches_latest_need(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "How do you count attendance?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  t = fx_turn(&f, "And the parents, how do they hear?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 1);
  fx_turn(&f, "Could you bring the deans to a demo on Tuesday at 3pm?", MV(ASK_COMMITMENT));
  score_result r;
  score_session(&f.s, &r);
  const score_finding *n = fx_find(&r, "ask_without_summary", 3, NULL);
  assert_non_null(n);
  assert_int_equal(n->need, 1);
  score_result_free(&r);
  fx_free(&f);
}

/* A worry the check (or a line after it) brought out and nothing answered before the ask stands
** (ask_past_concern); the line that brought it out answers it when it states the benefit for it
** ("HIS这块您放心,我们...有现成的接口" made 赵主任 voice the HIS worry: play-test 22, -10). */
static void past_check_answered(void **state) {
  (void)state;
  for (int answer_in_line = 0; answer_in_line < 2; answer_in_line++) {
    fx f;
    fx_init(&f);
    f.now.revealed = f.now.confirmed = 1;   /* attendance voiced and confirmed */
    f.now.value_ack = 1;
    fx_turn(&f, "Anything else on your mind?", MV(CHECK_CONCERNS));
    sess_turn *t = fx_turn(&f, "And the parents: our app keeps them informed.",
                           answer_in_line ? MV(PRESENT_BENEFIT) : MV(CLOSED_QUESTION));
    if (answer_in_line) fx_benefits(t, 1, (int[]){ 1 });
    fx_event(&f, t, CUST_EV_REVEAL, 1);   /* the parents come out */
    fx_turn(&f, "Could you bring the deans to a demo on Tuesday at 3pm?", MV(ASK_COMMITMENT));
    score_result r;
    score_session(&f.s, &r);
    if (answer_in_line) assert_null(fx_find(&r, "ask_past_concern", -1, NULL));
    else assert_non_null(fx_find(&r, "ask_past_concern", 3, NULL));
    score_result_free(&r);
    fx_free(&f);
  }
  /* a check before anything was presented draws needs, not worries to answer before the ask
  ** ("Martin, what about you, anything you care about?": play-test 24) */
  fx f;
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 1;   /* nothing presented, no value accepted */
  fx_turn(&f, "Anything else on your mind?", MV(CHECK_CONCERNS));
  sess_turn *t = fx_turn(&f, "And the parents, how do they hear?", MV(CLOSED_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 1);
  fx_turn(&f, "Could you bring the deans to a demo on Tuesday at 3pm?", MV(ASK_COMMITMENT));
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "ask_past_concern", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A summary citing a need the customer never voiced, and one leaving a confirmed need out. */
static void summary_unconfirmed(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 1;   /* attendance confirmed */
  sess_turn *t = fx_turn(&f, "To sum up, we fix attendance and the parents' complaints.", MV(SUMMARIZE_BENEFITS));
  fx_needs(t, 2, (int[]){ 0, 1 });
  score_result r;
  score_session(&f.s, &r);
  const score_finding *u = fx_find(&r, "summary_unconfirmed_needs", 1, NULL);
  assert_non_null(u);
  assert_true(u->points == -15);
  assert_string_equal(fx_msg(&u->msg, r.lang), "Your summary \"To sum up, we fix attendance and the parents' "
                      "complaints.\" cites needs the customer never voiced: Parents complain they "
                      "never know how their children are doing.");
  assert_null(fx_find(&r, "summary_misses_needs", -1, NULL));
  assert_null(fx_find(&r, "summary_tied_to_needs", -1, NULL));
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);
  f.now.revealed = f.now.confirmed = 1;
  t = fx_turn(&f, "In short, the parent app keeps families informed.", MV(SUMMARIZE_BENEFITS));
  fx_benefits(t, 1, (int[]){ 1 });
  fx_match(t, "benefit:parent_app", "parent app");   /* stated by its keyword */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "summary_unconfirmed_needs", 1, NULL));
  assert_string_equal(fx_msg(&fx_find(&r, "summary_misses_needs", 1, NULL)->msg, r.lang),
                      "Your summary \"In short, the parent app keeps families informed.\" leaves "
                      "out needs the customer confirmed: Counting attendance by hand takes hours.");
  /* its Try line sums up the need left out (play-test 22) */
  assert_int_equal(fx_find(&r, "summary_misses_needs", 1, NULL)->need, 0);
  score_result_free(&r);
  fx_free(&f);

  /* the near case: the benefit only linked by meaning (a guess) charges no need nobody mentioned
  ** ("异常自动汇总预警,辅导员能第一时间知道" linked the parents' notice: play-test 12) */
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 1;
  t = fx_turn(&f, "So absences are flagged the same day, and the counsellors know first.", MV(SUMMARIZE_BENEFITS));
  fx_benefits(t, 1, (int[]){ 1 });
  fx_match(t, "benefit:parent_app", "similar:0.25:0.12:Families know the same day.");
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "summary_unconfirmed_needs", -1, NULL));
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);   /* a need voiced, never confirmed, and the customer does not confirm it now:
                 ** benefits credit needs what the customer confirmed */
  f.now.revealed = 1;
  t = fx_turn(&f, "So the automatic check-in ends the manual count.", MV(SUMMARIZE_BENEFITS));
  fx_benefits(t, 1, (int[]){ 0 });
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "summary_tied_to_needs", -1, NULL));
  assert_null(fx_find(&r, "summary_misses_needs", -1, NULL));
  score_result_free(&r);
  fx_event(&f, t, CUST_EV_CONFIRM, 0);   /* the near case: the summary itself is confirmed */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "summary_tied_to_needs", 1, NULL));
  score_result_free(&r);
  fx_free(&f);

  /* a shorter recap after a full one forgets nothing (play-test 13: -10 "leaves out") */
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 3;
  t = fx_turn(&f, "To sum up, the check-in ends the count and the app keeps parents informed.", MV(SUMMARIZE_BENEFITS));
  fx_benefits(t, 2, (int[]){ 0, 1 });
  t = fx_turn(&f, "So in short: the parent app. Fair?", MV(SUMMARIZE_BENEFITS));
  fx_benefits(t, 1, (int[]){ 1 });
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "summary_tied_to_needs", 1, NULL));
  assert_null(fx_find(&r, "summary_misses_needs", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* The scenario's scoring block: weights, pass mark, rule points, a rule switched off. */
static void overrides(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.sc.scoring.w_commitment = 100;
  f.sc.scoring.w_benefits = f.sc.scoring.w_tactics = f.sc.scoring.w_discovery = 0;
  f.sc.scoring.pass = 30;
  f.rules[0] = (scn_rule_weight){ S("vague_ask"), -30 };
  f.rules[1] = (scn_rule_weight){ S("ask_without_summary"), 0 };
  f.sc.scoring.rules = f.rules;
  f.sc.scoring.n_rules = 2;
  build_vague(&f);
  score_result r;
  score_session(&f.s, &r);
  expect_ids(&r, "no_discovery@0 missed_hidden_need@0 outcome_continuation@0 vague_ask@1 "
                 "ask_without_check@1");
  assert_true(fx_find(&r, "vague_ask", 1, NULL)->points == -30);
  assert_true(r.weights[SK_COMMITMENT] == 100 && r.weights[SK_BENEFITS] == 0);
  assert_true(fabs(r.skills[SK_COMMITMENT] - 10) < 1e-9);
  assert_true(fabs(r.total - 10) < 1e-9);
  assert_false(r.pass);
  f.sc.scoring.pass = 10;
  score_result_free(&r);
  score_session(&f.s, &r);
  assert_true(r.pass);
  score_result_free(&r);
  /* defaults when nothing is overridden */
  f.sc.scoring.w_commitment = f.sc.scoring.w_benefits = f.sc.scoring.w_tactics =
    f.sc.scoring.w_discovery = f.sc.scoring.pass = -1;
  f.sc.scoring.n_rules = 0;
  score_session(&f.s, &r);
  assert_true(r.weights[SK_COMMITMENT] == 40 && r.weights[SK_BENEFITS] == 25 &&
              r.weights[SK_TACTICS] == 20 && r.weights[SK_DISCOVERY] == 15);
  score_result_free(&r);
  fx_free(&f);
}

/* f as a collection visit: one payment rung, "pay" with the given action, no needs. */
static void fx_collection(fx *f, const char *action) {
  f->commitments[0] = (scn_commitment){ .id = S("pay"), .kind = SCN_KIND_PAYMENT, .action = (char *)action };
  f->sc.n_commitments = 1;
  f->sc.n_needs = 0;
}

/* A collection visit: a payment ask with a date and an amount scores as the commitment. */
static void payment_visit(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.commitments[0] = (scn_commitment){ .id = S("pay"), .level = SCN_LEVEL_HIGH,
    .kind = SCN_KIND_PAYMENT, .action = S("pay the balance by Friday") };
  f.sc.n_commitments = 1;
  f.sc.n_needs = 0;
  sess_turn *t = fx_turn(&f, "Can you pay when convenient?", MV(ASK_PAYMENT));
  t->cls.vague = 1;
  t = fx_turn(&f, "Could the remaining 48,000 yuan be paid this Friday the 15th?", MV(ASK_PAYMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("this friday the 15th");
  t->cls.commitment = 0;
  fx_event(&f, t, CUST_EV_GIVE, 0);
  fx_end(&f, t, CUST_OUTCOME_ADVANCE);
  score_result r;
  score_session(&f.s, &r);
  expect_ids(&r, "payment_vague@1 payment_specific@2 realistic_ask@2 firm_fair_payment@2 "
                 "outcome_advance@2");
  assert_string_equal(fx_msg(&fx_find(&r, "payment_vague", 1, NULL)->msg, r.lang),
                      "Your payment ask \"Can you pay when convenient?\" names no date and no amount.");
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);   /* never asking for the money */
  fx_collection(&f, "pay");
  fx_turn(&f, "How is the system working for you?", MV(OPEN_QUESTION));
  score_session(&f.s, &r);
  expect_ids(&r, "no_payment_ask@0");   /* the continuation is that same missing ask */
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);   /* amounts in Chinese numerals */
  f.s.lang = S("zh");
  fx_collection(&f, "付款");
  t = fx_turn(&f, "能不能今天先付两万,剩下的两万八这个月三十号付清?", MV(ASK_PAYMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("这个月三十号");
  t = fx_turn(&f, "那您看什么时候方便付一下?", MV(ASK_PAYMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("什么时候");
  t->cls.vague = 1;   /* as the reader reads 什么时候方便; the sum of turn 1 still stands */
  score_session(&f.s, &r);
  expect_ids(&r, "outcome_continuation@0 payment_specific@1 firm_fair_payment@1 payment_vague@2");
  assert_string_equal(fx_msg(&fx_find(&r, "payment_vague", 2, NULL)->msg, r.lang),
                      "你的收款要求“那您看什么时候方便付一下?”时间含糊。");
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);   /* paying off is paying all that is owed: 付清 names the sum (found in play) */
  f.s.lang = S("zh");
  fx_collection(&f, "付款");
  t = fx_turn(&f, "那您看今天能不能一次付清?", MV(ASK_PAYMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("今天");
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "payment_specific", 1, NULL));
  assert_null(fx_find(&r, "payment_vague", 1, NULL));
  score_result_free(&r);
  fx_free(&f);

  /* a part of it needs its own sum: "剩下的" and "付清" name the whole, not today's part (play-test
  ** 12: "+15 a date and an amount" for a line naming neither); with the part's sum it is specific */
  static const char *const parts[2] = { "今天先付一部分,剩下的等甲方钱到了再结,按约定付清", "今天先付两万,剩下的下周五前结清" };
  for (int k = 0; k < 2; k++) {
    fx_init(&f);
    f.s.lang = S("zh");
    fx_collection(&f, "付款");
    t = fx_turn(&f, parts[k], MV(ASK_PAYMENT));
    t->cls.norm = S(parts[k]);
    t->cls.slots[CLS_SLOT_TIME] = S("今天");
    t->cls.has_amount = k == 1;
    score_session(&f.s, &r);
    assert_true((fx_find(&r, "payment_specific", 1, NULL) != NULL) == (k == 1));
    assert_true((fx_find(&r, "payment_vague", 1, NULL) != NULL) == (k == 0));
    score_result_free(&r);
    fx_free(&f);
  }

  fx_init(&f);   /* a favour asked is no payment asked: the month is the seller's (round 10) */
  f.s.lang = S("zh");
  fx_collection(&f, "付款");
  fx_turn(&f, "尾款的事,您看方便的时候给一下就行", MV(ASK_PAYMENT))->cls.vague = 1;
  t = fx_turn(&f, "我这个月提成就靠这笔了,您就当帮帮我", MV(ASK_COMMITMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("这个月");
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "payment_specific", 2, NULL));
  assert_null(fx_find(&r, "firm_fair_payment", -1, NULL));
  assert_string_equal(fx_msg(&fx_find(&r, "payment_vague", 2, NULL)->msg, r.lang),
                      "你的收款要求“我这个月提成就靠这笔了,您就当帮帮我”没有明确请客户付款。");
  score_result_free(&r);
  fx_free(&f);
}

/* The decision chain counts only where the scenario declares one. */
static void decision_chain(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.rules[0] = (scn_rule_weight){ S("missed_decision_chain"), -15 };
  f.sc.scoring.rules = f.rules;
  f.sc.scoring.n_rules = 1;
  fx_turn(&f, "Hello.", MV(GREET));
  score_result r;
  score_session(&f.s, &r);
  assert_true(fx_find(&r, "missed_decision_chain", 0, NULL)->points == -15);
  score_result_free(&r);
  fx_turn(&f, "Who else will have a say in this?", MV(ASK_DECISION_CHAIN));
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "missed_decision_chain", -1, NULL));
  assert_true(fx_find(&r, "decision_chain_asked", 2, NULL)->points == 10);
  score_result_free(&r);
  f.sc.scoring.n_rules = 0;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "decision_chain_asked", -1, NULL));
  score_result_free(&r);
  /* a customer with lines about the decision chain has one, too */
  scn_lines chain_lines = { .key = S("decision_chain") };
  f.sc.lines = &chain_lines;
  f.sc.n_lines = 1;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "decision_chain_asked", 2, NULL));
  score_result_free(&r);
  f.s.n_turns = 1;   /* without the question */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "missed_decision_chain", 0, NULL));
  score_result_free(&r);
  f.s.n_turns = 2;
  fx_free(&f);

  /* an ask that brings in a person her decision_chain lines name reaches the chain, though the
  ** one asked is named first ("那麻烦主任帮约下孙院长呗 下週二下午三點...": play-test 23); her own
  ** title is not the chain */
  fx_init(&f);
  f.sc.cust_name = S("赵主任");
  char *line1 = S("孙副院长分管护理,他点头了才好上会;主任那边把技术关。");
  scn_lines zh_chain = { .key = S("decision_chain"), .variants = { &line1, 1 } };
  f.sc.lines = &zh_chain;
  f.sc.n_lines = 1;
  sess_turn *t = fx_turn(&f, "那麻烦主任帮约下孙院长呗 下周二下午三点", MV(ASK_COMMITMENT));
  t->cls.norm = S("那麻烦主任帮约下孙院长呗 下周二下午三点");   /* the fixture owns neither */
  t->cls.slots[CLS_SLOT_PERSON] = S("主任");
  t->cls.matches = xrealloc(t->cls.matches, 2 * sizeof *t->cls.matches);
  t->cls.matches[t->cls.n_matches++] = (cls_match){ xstrdup("person"), xstrdup("主任"), xstrdup("fixture"), 9, 15, 0 };
  t->cls.matches[t->cls.n_matches++] = (cls_match){ xstrdup("person"), xstrdup("院长"), xstrdup("fixture"), 27, 33, 0 };
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "missed_decision_chain", -1, NULL));
  score_result_free(&r);
  t->cls.n_matches = 1;   /* only her own title: no chain reached (the slot is hers too) */
  free(t->cls.matches[1].label); free(t->cls.matches[1].phrase); free(t->cls.matches[1].source);
  score_session(&f.s, &r);
  const score_finding *miss = fx_find(&r, "missed_decision_chain", 0, NULL);
  assert_non_null(miss);
  /* it says who, in her own words (play-test 27d: "others take part" named nobody) */
  assert_string_equal(miss->msg.key, "finding.missed_decision_chain.said");
  char *said = score_msg_text(&miss->msg, "zh");
  assert_non_null(strstr(said, "孙副院长分管护理"));
  free(said);
  score_result_free(&r);
  fx_free(&f);
}

/* The first statement after the customer raised an objection answers it: the features it names
** are the answer, no feature list; a question in between keeps the objection open; a later
** feature line with no objection before it is a feature list (blind trainer, round 10). */
static void objection_answer_not_feature_list(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  fx_turn(&f, "How do your counsellors handle attendance now?", MV(OPEN_QUESTION));
  sess_turn *t = fx_turn(&f, "Anything else we haven't covered?", MV(CHECK_CONCERNS));
  t->cls.question = 1;
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  t = fx_turn(&f, "What worries you about IT?", MV(OPEN_QUESTION));
  t->cls.question = 1;
  fx_turn(&f, "Our engineers do the whole integration; your IT opens one port.", MV(PRESENT_FEATURE));
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "feature_list", 4, NULL));
  score_result_free(&r);
  fx_turn(&f, "We also have dashboards and a mobile app.", MV(PRESENT_FEATURE));
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "feature_list", 4, NULL));
  assert_non_null(fx_find(&r, "feature_list", 5, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* /score during the visit: what was done so far, nothing judged on the visit as a whole. */
static void running_score(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_NONE;
  fx_turn(&f, "Our platform has cloud sync.", MV(PRESENT_FEATURE));
  score_result r;
  score_session(&f.s, &r);
  expect_ids(&r, "pitch_before_discovery@1 feature_list@1");
  assert_int_equal(r.outcome, CUST_OUTCOME_NONE);
  assert_string_equal(fx_msg(&r.reason, r.lang), "The visit is still going.");
  score_result_free(&r);
  f.s.end_reason = SESS_END_QUIT;   /* once it ends, the visit as a whole counts */
  score_session(&f.s, &r);
  expect_ids(&r, "no_ask@0 no_discovery@0 missed_hidden_need@0 "
                 "pitch_before_discovery@1 feature_list@1");
  assert_int_equal(r.outcome, CUST_OUTCOME_CONTINUATION);

  score_result_free(&r);
  fx_free(&f);
}

/* Every rule has its words in both languages (statement, better line, principle name), a
** principle and a unique id; lookups work. */
static void rule_table(void **state) {
  (void)state;
  int n;
  const score_rule *r = score_rules(&n);
  assert_true(n >= 30);
  for (int i = 0; i < n; i++) {
    const char *langs[] = { "en", "zh" };
    for (int l = 0; l < 2; l++) {
      const msg_cat *c = msg_catalogue(langs[l]);
      char key[96];
      snprintf(key, sizeof key, "rule.%s.why", r[i].id);
      assert_non_null(msg_form(c, key, "other"));
      snprintf(key, sizeof key, "rule.%s.better", r[i].id);
      assert_non_null(msg_form(c, key, "other"));
      snprintf(key, sizeof key, "principle.%s", r[i].principle);
      assert_non_null(msg_form(c, key, "other"));
    }
    assert_ptr_equal(score_rule_find(r[i].id), &r[i]);
    assert_true(r[i].points != 0);
  }
  assert_null(score_rule_find("nope"));
  /* docs/scoring.md documents every rule (the suites run from the repository root) */
  char err[128];
  size_t len;
  char *doc = util_read_file("docs/scoring.md", 1 << 20, &len, err, sizeof err);
  assert_non_null(doc);
  for (int i = 0; i < n; i++) {
    char *head = xasprintf("\n#### %s\n", r[i].id);
    if (!strstr(doc, head)) fprintf(stderr, "docs/scoring.md lacks %s", head);
    assert_non_null(strstr(doc, head));
    free(head);
    head = xasprintf("<a id=\"principle-%s\"></a>", r[i].principle);   /* and its principle */
    assert_non_null(strstr(doc, head));
    free(head);
  }
  assert_null(strstr(doc, ".txt"));   /* no seed file cited: a reader cannot open one */
  free(doc);
  assert_string_equal(score_skill_name(SK_TACTICS), "tactics");
  assert_int_equal(score_skill_from_name("discovery"), SK_DISCOVERY);
  assert_int_equal(score_skill_from_name("x"), -1);
}

/* ---- calibration, agreement with the customer, the visit's kind (issue 16) --------------- */

/* The worked example of docs/scoring.md: tactics not shown, the total over three skills. */
static void worked_example(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.rules[0] = (scn_rule_weight){ S("missed_decision_chain"), -15 };
  f.sc.scoring.rules = f.rules;
  f.sc.scoring.n_rules = 1;
  f.needs[1].hidden = 0;
  sess_turn *t = fx_turn(&f, "How do you take attendance today?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  t = fx_turn(&f, "And how do parents hear about it?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 1);
  t = fx_turn(&f, "So it's the hand count, and the parents who never know?", MV(CONFIRM_NEED));
  fx_event(&f, t, CUST_EV_CONFIRM, 0);
  t = fx_turn(&f, "Both of those matter most?", MV(CONFIRM_NEED));
  fx_event(&f, t, CUST_EV_CONFIRM, 1);
  build_vague(&f);
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  score_result r;
  score_session(&f.s, &r);
  expect_ids(&r, "missed_decision_chain@0 outcome_continuation@0 need_uncovered@1 need_uncovered@2 "
                 "need_confirmed@3 need_confirmed@4 vague_ask@5 ask_without_check@5 ask_without_summary@5");
  expect_skills(&r, 25, 20, 50, 65);
  assert_false(r.shown[SK_TACTICS]);
  assert_true(fabs(r.total - 2475.0 / 80) < 1e-9);
  assert_int_equal(r.tier, 3);
  assert_false(r.pass);
  score_result_free(&r);
  fx_free(&f);
}

/* Leaving before a genuine attempt scores 0, below any genuine try however bad. */
static void abandoned_visits(void **state) {
  (void)state;
  fx f;
  score_result quit0, oneline, bad;
  fx_init(&f);                         /* a turn-0 quit */
  f.s.end_reason = SESS_END_QUIT;
  score_session(&f.s, &quit0);
  assert_false(quit0.attempt);
  assert_true(quit0.total == 0);
  assert_false(quit0.pass);
  fx_free(&f);

  fx_init(&f);                         /* one line and Ctrl-D */
  f.s.end_reason = SESS_END_EOF;
  fx_turn(&f, "Hi, I'm from Beacon, how do you monitor today?", MV(GREET) | MV(OPEN_QUESTION));
  score_session(&f.s, &oneline);
  assert_false(oneline.attempt);
  assert_true(oneline.total == 0);
  assert_non_null(strstr(fx_msg(&oneline.reason, oneline.lang), "before a genuine attempt"));
  fx_free(&f);

  fx_init(&f);                         /* bad but genuine: a threat, a pushy order, no discovery */
  f.s.end_reason = SESS_END_EOF;
  sess_turn *t = fx_turn(&f, "Our product is the best on the market.", MV(PRESENT_FEATURE));
  t = fx_turn(&f, "Sign today or the price goes up, and my boss will call yours.", MV(ASK_ORDER) | MV(THREAT));
  t->cls.tactic = CLS_TACTIC_LOSS;
  t = fx_turn(&f, "Sign today or the price goes up, and my boss will call yours.", MV(ASK_ORDER) | MV(THREAT));
  t = fx_turn(&f, "Sign today or the price goes up, and my boss will call yours.", MV(ASK_ORDER) | MV(THREAT));
  score_session(&f.s, &bad);
  assert_true(bad.attempt);
  assert_true(bad.total >= 1);
  assert_true(quit0.total < bad.total && oneline.total < bad.total);
  fx_free(&f);

  fx_init(&f);                         /* near case: one line the customer answers by committing */
  t = fx_turn(&f, "Could the department heads see a demo next Wednesday at 3 in room 2?", MV(ASK_COMMITMENT));
  fx_specific(t);
  t->cls.commitment = 2;
  fx_event(&f, t, CUST_EV_GIVE, 2);
  score_result one;
  score_session(&f.s, &one);
  assert_true(one.attempt);
  assert_true(one.total > 0);
  score_result_free(&one);
  fx_free(&f);
  score_result_free(&quit0);
  score_result_free(&oneline);
  score_result_free(&bad);
}

/* A summary the customer rejected earns nothing and is no summary before the ask. */
static void summary_rejected(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 1;
  sess_turn *t = fx_turn(&f, "So automatic check-in ends the manual count.", MV(SUMMARIZE_BENEFITS));
  fx_benefits(t, 1, (int[]){ 0 });
  fx_say(&f, &t->events, "Hm, that's not really what I said we need.");
  t->events.v[t->events.n - 1].key = S("summary_off");
  t = fx_turn(&f, "Could the department heads see a demo next Wednesday at 3?", MV(ASK_COMMITMENT));
  fx_specific(t);
  score_result r;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "summary_rejected", 1, NULL));
  assert_null(fx_find(&r, "summary_tied_to_needs", -1, NULL));
  const score_finding *ns = fx_find(&r, "ask_without_summary", 2, NULL);
  assert_non_null(ns);
  /* a summary was made: none she agreed with, not none at all (play-test 27 F11) */
  assert_string_equal(fx_msg(&ns->msg, "en"), "You asked \"Could the department heads see a demo next Wednesday "
                      "at 3?\" with no summary the customer agreed with: they did not recognise the one you made.");
  assert_string_equal(fx_msg(&ns->msg, "zh"), "你提出“Could the department heads see a demo next Wednesday at 3?”"
                      "之前，没有一个客户认同的利益总结：你做的那次总结客户并不认同。");
  score_result_free(&r);
  t = &f.s.turns[0];                   /* near case: no summary at all */
  t->cls.moves = MV(PRESENT_BENEFIT);
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&fx_find(&r, "ask_without_summary", 2, NULL)->msg, "en"),
                      "You asked \"Could the department heads see a demo next Wednesday at 3?\" without first "
                      "summing up the benefits the customer agreed with.");
  score_result_free(&r);
  t->cls.moves = MV(SUMMARIZE_BENEFITS);
  t = &f.s.turns[0];                   /* near case: the same summary accepted */
  t->events.v[t->events.n - 1].key = S("summary_ack");
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "summary_rejected", -1, NULL));
  assert_non_null(fx_find(&r, "summary_tied_to_needs", 1, NULL));
  assert_null(fx_find(&r, "ask_without_summary", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A hidden need the trainee named is discovered; a benefit that answers it, pitched alone, is not. */
static void hidden_need_raised(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Do parents complain that they never hear how their children do?", MV(CLOSED_QUESTION));
  t->cls.question = 1;
  fx_needs(t, 1, (int[]){ 1 });
  cls_match by_word = { S("need:parents"), S("parents"), S("scenario.yaml:12"), 3, 10, 0 };
  t->cls.matches = &by_word;
  t->cls.n_matches = 1;
  score_result r;
  score_session(&f.s, &r);   /* a question naming it by its word, left unanswered: nothing brought
                              ** out, no credit, and it stayed hidden (play-test 28b #5: "+10 ... 点出了
                              ** 一个隐藏需求：“心理”", a need she never spoke of) */
  assert_null(fx_find(&r, "hidden_need_found", -1, NULL));
  /* asked about and sidestepped: a note of no points at the question, not a fault of the visit
  ** as a whole (play-test 29a F4) */
  const score_finding *sidestep = fx_find(&r, "missed_hidden_need", 1, NULL);
  assert_non_null(sidestep);
  assert_true(sidestep->points == 0);
  assert_string_equal(sidestep->msg.key, "finding.missed_hidden_need.asked");
  assert_null(fx_find(&r, "missed_hidden_need", 0, NULL));
  score_result_free(&r);
  fx_event(&f, t, CUST_EV_REVEAL, 1);   /* near case: she voices it in answer: found, in her words */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "hidden_need_found", 1, NULL));
  assert_null(fx_find(&r, "missed_hidden_need", -1, NULL));
  score_result_free(&r);
  t->events.n--;
  /* near case: linked by a likeness alone ("what gives you the most headaches?" like an example
  ** of it), and left unanswered: no credit */
  by_word.phrase = S("similar:0.19:0.12:Parents complain they never know.");
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "hidden_need_found", -1, NULL));
  score_result_free(&r);
  by_word.phrase = S("parents");
  t->cls.moves = MV(CONFIRM_NEED);   /* "parents complain, right?": a guess the customer never voiced */
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "hidden_need_found", -1, NULL));
  /* (a "right?" is asked too: the same note) */
  sidestep = fx_find(&r, "missed_hidden_need", 1, NULL);
  assert_non_null(sidestep);
  assert_true(sidestep->points == 0);
  score_result_free(&r);
  fx_event(&f, t, CUST_EV_GIVE, 0);   /* ... named in a line she acted on: not hidden (play-test 13) */
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "hidden_need_found", -1, NULL));
  assert_null(fx_find(&r, "missed_hidden_need", -1, NULL));
  score_result_free(&r);
  t->events.n--;
  fx_turn(&f, "How do you keep them informed today?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_CONFIRM, 1);   /* she confirms it in answer: raised and found */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "hidden_need_found", 1, NULL));
  assert_null(fx_find(&r, "missed_hidden_need", -1, NULL));
  score_result_free(&r);
  t->cls.matches = NULL;
  t->cls.n_matches = 0;
  fx_free(&f);
  fx_init(&f);   /* a general question brushing it, the need voiced later to another: that one's */
  t = fx_turn(&f, "What gives you the most headaches at the moment?", MV(OPEN_QUESTION));
  t->cls.question = 1;
  fx_needs(t, 1, (int[]){ 1 });
  t = fx_turn(&f, "Anything else that keeps you busy?", MV(CHECK_CONCERNS));
  t->cls.question = 1;
  fx_event(&f, t, CUST_EV_REVEAL, 1);
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "hidden_need_found", 1, NULL));
  assert_non_null(fx_find(&r, "hidden_need_found", 2, NULL));
  score_result_free(&r);
  fx_free(&f);
  fx_init(&f);                         /* near case: a benefit pitched, the need never named */
  t = fx_turn(&f, "Our parent app keeps families informed.", MV(PRESENT_BENEFIT));
  fx_benefits(t, 1, (int[]){ 1 });
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "hidden_need_found", -1, NULL));
  assert_non_null(fx_find(&r, "missed_hidden_need", 0, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A rung the customer picked for an ask that named none is not the trainee's realistic ask. */
static void substituted_rung(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.now.trust = 6;
  f.now.value_ack = 1;
  sess_turn *t = fx_turn(&f, "So, what do you say, shall we move forward next Wednesday at 3 with your team?", MV(ASK_COMMITMENT));
  fx_specific(t);
  fx_event(&f, t, CUST_EV_GIVE, 1);    /* the customer chose the demo */
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "realistic_ask", -1, NULL));
  assert_non_null(fx_find(&r, "outcome_advance", 1, NULL));
  score_result_free(&r);
  t->cls.commitment = 1;               /* near case: the trainee named the demo */
  t->realistic = 1;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "realistic_ask", 1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A referral visit (every rung a referral): no loss lever, and who-decides is no referral ask. */
static void referral_visit(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_referral_ladder(&f);
  f.sc.n_needs = 0;
  f.now.value_ack = f.now.on_list = 1;
  fx_turn(&f, "How has it been working for you?", MV(OPEN_QUESTION));   /* groundwork first */
  sess_turn *t = fx_turn(&f, "The referral bonus ends Friday, so give me names today.", MV(LOSS_APPEAL) | MV(ASK_REFERRAL));
  t->cls.tactic = CLS_TACTIC_LOSS;
  t = fx_turn(&f, "Who else in the family would have a say in that?", MV(ASK_REFERRAL) | MV(ASK_DECISION_CHAIN));
  score_result r;
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_REFERRAL);
  assert_non_null(fx_find(&r, "pressure_after_sale", 2, NULL));
  assert_null(fx_find(&r, "loss_when_ready", -1, NULL));
  assert_non_null(fx_find(&r, "referral_asked", 2, NULL));
  assert_null(fx_find(&r, "referral_asked", 3, NULL));
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);                         /* near case: a first visit, value accepted, on the list */
  f.now.value_ack = f.now.on_list = 1;
  t = fx_turn(&f, "The current price holds until the 30th.", MV(LOSS_APPEAL));
  t->cls.tactic = CLS_TACTIC_LOSS;
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_FIRST);
  assert_non_null(fx_find(&r, "loss_when_ready", 1, NULL));
  assert_null(fx_find(&r, "pressure_after_sale", -1, NULL));
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);                         /* a who-decides question alone names no referral */
  fx_referral_ladder(&f);
  f.sc.n_needs = 0;
  fx_turn(&f, "Who else would have a say in choosing a contractor?", MV(ASK_REFERRAL) | MV(ASK_DECISION_CHAIN));
  fx_turn(&f, "Thanks for your time.", MV(THANK));
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "referral_asked", -1, NULL));
  assert_non_null(fx_find(&r, "no_referral_ask", 0, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* In a collection the first firm ask for the whole sum is no unrealistic ask, though the
** customer cannot pay it all; asking for it again after the refusal is. */
static void first_payment_demand(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.commitments[0] = (scn_commitment){ .id = S("pay_all"), .kind = SCN_KIND_PAYMENT,
    .action = S("pay the 48,000 balance today"), .realistic_when = S("cash_ready") };
  f.commitments[1] = (scn_commitment){ .id = S("pay_part"), .kind = SCN_KIND_PAYMENT,
    .action = S("pay half today, the rest on a written date") };
  f.sc.n_commitments = 2;
  f.sc.n_needs = 0;
  sess_turn *t = fx_turn(&f, "The 48,000 balance is due today, as agreed.", MV(ASK_PAYMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("today");
  t->cls.commitment = 0;
  t->rungs_known = 1;
  t->rungs_realistic = 2;   /* only the part payment was realistic */
  fx_event(&f, t, CUST_EV_REFUSE, 0);
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "unrealistic_ask", -1, NULL));
  assert_null(fx_find(&r, "realistic_ask", -1, NULL));   /* excused, not praised */
  score_result_free(&r);
  t = fx_turn(&f, "I still need the full 48,000 today.", MV(ASK_PAYMENT));   /* near case: again */
  t->cls.slots[CLS_SLOT_TIME] = S("today");
  t->cls.commitment = 0;
  t->rungs_known = 1;
  t->rungs_realistic = 2;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "unrealistic_ask", 1, NULL));
  assert_non_null(fx_find(&r, "unrealistic_ask", 2, NULL));
  score_result_free(&r);
  f.s.turns[0].events.n = 0;   /* near case: the first demand only drew the invoice's thanks, no no */
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "unrealistic_ask", -1, NULL));   /* asking again before any no (play-test 9) */
  score_result_free(&r);
  fx_event(&f, &f.s.turns[0], CUST_EV_REFUSE, 0);
  f.s.n_turns = 1;   /* near case: the same first demand in a sales visit is unrealistic */
  f.commitments[0].kind = SCN_KIND_ADVANCE;
  f.commitments[1].kind = SCN_KIND_ADVANCE;
  f.s.turns[0].cls.moves = MV(ASK_COMMITMENT);
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "unrealistic_ask", 1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* After the sale, her complaint settled (a benefit answering a need she voiced, her trust up) is
** named; its points count only where other findings show the skill, else it is a note of 0 points
** and the total is as without it (play-test 28b #7; play-test 25: a lone +10 lowered totals). */
static void grievance_settled(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_referral_ladder(&f);
  f.needs[1].hidden = 0;
  sess_turn *t = fx_turn(&f, "Hello again.", MV(GREET));
  t->before.revealed = 3;                 /* both needs known from the start: no discovery finding */
  t = fx_turn(&f, "I'll have it fixed tomorrow morning.", MV(SELLER_ACTION));
  t->before.revealed = 3;
  fx_benefits(t, 1, (int[]){ 0 });
  cust_event *ev = fx_event(&f, t, CUST_EV_STATE, 0);
  ev->name = S("trust");
  ev->before = 5;
  ev->after = 6;
  score_result r;
  score_session(&f.s, &r);
  const score_finding *g = fx_find(&r, "grievance_settled", 2, NULL);
  assert_non_null(g);
  assert_true(g->points == 0);            /* discovery shows nothing else: a note */
  assert_false(r.shown[SK_DISCOVERY]);
  score_result_free(&r);
  t->cls.moves = MV(SUMMARIZE_BENEFITS);  /* near case: a summary settles nothing */
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "grievance_settled", -1, NULL));
  score_result_free(&r);
  t->cls.moves = MV(SELLER_ACTION);
  f.s.turns[0].before.revealed = 1;       /* near case: the second need comes out in answer to a question */
  f.s.turns[0].cls.moves = MV(OPEN_QUESTION);
  f.s.turns[0].cls.question = 1;
  fx_event(&f, &f.s.turns[0], CUST_EV_REVEAL, 1);
  t->before.revealed = 3;
  score_session(&f.s, &r);
  g = fx_find(&r, "grievance_settled", 2, NULL);
  assert_non_null(g);
  assert_true(g->points == 10);           /* discovery shown by other findings: it counts */
  assert_true(r.shown[SK_DISCOVERY]);
  score_result_free(&r);
  fx_free(&f);
}

/* Firm but fair in a collection: rewarded, unless a threat came first. */
static void firm_fair_payment(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_collection(&f, "pay");
  sess_turn *t = fx_turn(&f, "If you don't pay we will see you in court.", MV(THREAT));
  t->cls.tactic = CLS_TACTIC_LOSS;
  t = fx_turn(&f, "Could the remaining 48,000 yuan be paid this Friday?", MV(ASK_PAYMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("this friday");
  score_result r;
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_PAYMENT);
  assert_non_null(fx_find(&r, "hostile_threat", 1, NULL));
  assert_non_null(fx_find(&r, "payment_specific", 2, NULL));
  assert_null(fx_find(&r, "firm_fair_payment", -1, NULL));
  score_result_free(&r);
  t = fx_turn(&f, "Pay now or we go to court.", MV(THREAT));   /* a threat after the ask */
  t->cls.tactic = CLS_TACTIC_LOSS;
  f.s.turns[0].cls.moves = MV(LOSS_APPEAL);
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "firm_fair_payment", -1, NULL));
  score_result_free(&r);
  f.s.n_turns = 2;                             /* near case: a due date, no threat at all */
  f.s.turns[0].text = S("The balance was due on the 1st, as agreed.");
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "firm_fair_payment", 2, NULL));
  assert_null(fx_find(&r, "loss_before_value", -1, NULL));   /* a due date is no sales lever */
  score_result_free(&r);
  fx_free(&f);
}

/* A price cut to get paid, in a collection: named once whatever the trust, and the visit earns
** no "firm, without a discount" for its clean first ask (play-test 27d finding 1). */
static void discount_to_collect(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_collection(&f, "pay");
  f.now.trust = 8;
  f.now.value_ack = 1;   /* trust and value there: no discount_for_trust, but still a giveaway */
  sess_turn *t = fx_turn(&f, "Could the remaining 48,000 yuan be paid this Friday?", MV(ASK_PAYMENT));
  t->cls.slots[CLS_SLOT_TIME] = S("this friday");
  t = fx_turn(&f, "Pay it all today and I'll take 5% off.", MV(DISCOUNT) | MV(ASK_PAYMENT));
  t = fx_turn(&f, "Make it 10% off, 43,200, and I'll square it with the office.", MV(DISCOUNT) | MV(ASK_PAYMENT));
  score_result r;
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_PAYMENT);
  assert_non_null(fx_find(&r, "payment_specific", 1, NULL));
  int n;
  const score_finding *d = fx_find(&r, "discount_to_collect", -1, &n);
  assert_int_equal(n, 1);
  assert_int_equal(d->turn, 2);
  assert_true(d->points == -20);
  assert_string_equal(fx_msg(&d->msg, r.lang), "You cut the money owed to get paid (\"Pay it all today and "
                      "I'll take 5% off.\"): in a collection the amount is already agreed, and the cut gives it away.");
  assert_null(fx_find(&r, "discount_for_trust", -1, NULL));
  assert_null(fx_find(&r, "firm_fair_payment", -1, NULL));
  score_result_free(&r);
  f.s.n_turns = 1;   /* near case: the clean ask alone is firm and fair */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "firm_fair_payment", 1, NULL));
  assert_null(fx_find(&r, "discount_to_collect", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* An order ask with what and when is specific without a person or place; a demo ask is not. */
static void order_ask_specific(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Could you order the annual contract today, starting Monday?", MV(ASK_ORDER));
  t->cls.slots[CLS_SLOT_ACTION] = S("order");
  t->cls.slots[CLS_SLOT_TIME] = S("today");
  t->cls.commitment = 0;
  score_result r;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "specific_ask", 1, NULL));
  assert_null(fx_find(&r, "vague_ask", -1, NULL));
  score_result_free(&r);
  t->cls.moves = MV(ASK_COMMITMENT);   /* near case: the demo rung needs who or where */
  t->cls.commitment = 1;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "vague_ask", 1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* Tiers follow the rounded total. */
static void tiers(void **state) {
  (void)state;
  int n;
  const score_tier *t = score_tiers(&n);
  assert_int_equal(n, 4);
  assert_true(t[0].min == 90 && t[1].min == 70 && t[2].min == 50 && t[3].min == 0);
  fx f;
  fx_init(&f);
  fx_build_strong(&f);
  score_result r;
  score_session(&f.s, &r);
  assert_true(r.total >= 70 && r.total < 90);
  assert_string_equal(t[r.tier].id, "proficient");
  score_result_free(&r);
  fx_free(&f);
  assert_string_equal(score_visit_kind_name(SV_FOLLOW_UP), "follow_up");
}

/* A scenario's own tiers and pass mark (scoring.tiers, scoring.pass): the band the rounded total
** reaches, its name in the debrief's language (else the scenario's, else the first given), and
** the defaults when the scenario sets none. */
static void scenario_tiers(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_build_strong(&f);
  score_result r;
  score_session(&f.s, &r);
  double total = round(r.total);
  assert_true(total > 40 && total < 100);
  assert_int_equal(score_tier_count(&f.sc), 4);               /* no tiers: the defaults */
  assert_null(score_tier_at(&f.sc, r.tier).own);
  assert_string_equal(score_tier_name(&(score_tier){ 75, "proficient", NULL }, &f.sc, "zh"), "熟练");
  score_result_free(&r);

  char *top_l[] = { S("en"), S("zh") }, *top_n[] = { S("Master"), S("大师") };
  char *mid_l[] = { S("en") }, *mid_n[] = { S("Journeyman") };
  char *low_l[] = { S("zh") }, *low_n[] = { S("新手") };
  scn_tier own[3] = {
    { S("master"), total, { top_l, 2, 0 }, { top_n, 2, 0 }, { 0, 0 } },   /* reached exactly */
    { S("journeyman"), total - 20, { mid_l, 1, 0 }, { mid_n, 1, 0 }, { 0, 0 } },
    { S("novice"), 0, { low_l, 1, 0 }, { low_n, 1, 0 }, { 0, 0 } },
  };
  f.sc.scoring.tiers = own;
  f.sc.scoring.n_tiers = 3;
  f.sc.scoring.pass = total;                                  /* the mark itself passes */
  score_session(&f.s, &r);
  assert_int_equal(r.tier, 0);
  assert_true(r.pass);
  assert_true(r.pass_mark == total);
  score_tier t = score_tier_at(&f.sc, r.tier);
  assert_ptr_equal(t.own, &own[0]);
  assert_string_equal(score_tier_name(&t, &f.sc, "zh"), "大师");
  assert_string_equal(score_tier_name(&t, &f.sc, "en"), "Master");
  score_result_free(&r);

  own[0].min = total + 1;                                     /* near case: one point short */
  f.sc.scoring.pass = total + 1;
  score_session(&f.s, &r);
  assert_int_equal(r.tier, 1);
  assert_false(r.pass);
  t = score_tier_at(&f.sc, r.tier);
  assert_string_equal(t.id, "journeyman");
  assert_string_equal(score_tier_name(&t, &f.sc, "zh"), "Journeyman");   /* the scenario's language */
  t = score_tier_at(&f.sc, 2);
  assert_string_equal(score_tier_name(&t, &f.sc, "en"), "新手");         /* the only name given */
  assert_int_equal(score_tier_of(&f.sc, 0), 2);
  assert_int_equal(score_tier_of(&f.sc, total - 20.4), 1);               /* rounded first */
  assert_int_equal(score_tier_of(&f.sc, total - 20.6), 2);
  score_result_free(&r);
  fx_free(&f);
}

/* visit_kind: in the file overrides the kind derived from the ladder, at the top level and per
** visit (the visit's own first); absent, the derivation stands. */
static void visit_kind_key(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_referral_ladder(&f);
  f.sc.n_needs = 0;
  f.now.value_ack = f.now.on_list = 1;
  sess_turn *t = fx_turn(&f, "The referral bonus ends Friday, so give me names today.", MV(LOSS_APPEAL) | MV(ASK_REFERRAL));
  t->cls.tactic = CLS_TACTIC_LOSS;
  score_result r;
  score_session(&f.s, &r);                       /* derived: every rung a referral */
  assert_int_equal(r.kind, SV_REFERRAL);
  assert_non_null(fx_find(&r, "pressure_after_sale", 1, NULL));
  score_result_free(&r);

  f.sc.visit_kind = SCN_VISIT_FIRST;             /* said: a first visit, so a deadline is a lever */
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_FIRST);
  assert_null(fx_find(&r, "pressure_after_sale", -1, NULL));
  assert_non_null(fx_find(&r, "loss_when_ready", 1, NULL));
  score_result_free(&r);

  scn_visit v = { .id = S("v1"), .title = S("One"), .brief = S("b"), .kind = SCN_VISIT_REFERRAL };
  f.sc.visits = &v;                              /* the visit's own kind before the top level's */
  f.sc.n_visits = 1;
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_REFERRAL);
  assert_non_null(fx_find(&r, "pressure_after_sale", 1, NULL));
  score_result_free(&r);
  v.kind = SCN_VISIT_DERIVED;                    /* none of its own: the top level's */
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_FIRST);
  score_result_free(&r);
  f.sc.visits = NULL;
  f.sc.n_visits = 0;
  fx_free(&f);

  fx_init(&f);                                   /* a deal ladder said to be a collection */
  f.sc.visit_kind = SCN_VISIT_PAYMENT;
  f.now.value_ack = f.now.on_list = 1;
  t = fx_turn(&f, "The current price holds until the 30th.", MV(LOSS_APPEAL));
  t->cls.tactic = CLS_TACTIC_LOSS;
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_PAYMENT);
  assert_null(fx_find(&r, "loss_when_ready", -1, NULL));   /* a due date is no sales lever */
  score_result_free(&r);
  f.sc.visit_kind = SCN_VISIT_DERIVED;           /* near case: derived, a first visit */
  score_session(&f.s, &r);
  assert_int_equal(r.kind, SV_FIRST);
  assert_non_null(fx_find(&r, "loss_when_ready", 1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A visit that ends in no sale says why: a rung turned down, or trust lost with nothing refused
** (the customer who never refused anything is not said to have turned the offer down). */
static void no_sale_reasons(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Sign today or the price goes up.", MV(LOSS_APPEAL));
  fx_end(&f, t, CUST_OUTCOME_NO_SALE);
  score_result r;
  score_session(&f.s, &r);
  assert_int_equal(r.outcome, CUST_OUTCOME_NO_SALE);
  assert_string_equal(r.reason.key, "reason.no_sale_trust");
  score_result_free(&r);
  fx_free(&f);

  fx_init(&f);
  t = fx_turn(&f, "Could we book the demo for Tuesday at 10?", MV(ASK_COMMITMENT));
  fx_event(&f, t, CUST_EV_REFUSE, 0);
  fx_end(&f, t, CUST_OUTCOME_NO_SALE);
  score_session(&f.s, &r);
  assert_string_equal(r.reason.key, "reason.no_sale");
  assert_string_equal(fx_msg(&r.reason, "en"), "The customer turned the offer down.");
  score_result_free(&r);
  fx_free(&f);
}

/* A rung with nobody to bring and nowhere to meet (its example asks, read by the classifier,
** name no person and no place): what and when make the ask specific, as for an order.  Without
** a classifier (or with an example naming a person) the rung keeps needing who or where. */
static void no_who_rung_specific(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  char *ex[1] = { S("Could you send me the written requirements by Friday?") };
  f.commitments[2].examples.v = ex;
  f.commitments[2].examples.n = 1;
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new("en", &f.sc, &d);
  assert_non_null(c);
  sess_turn *t = fx_turn(&f, "Could you send the requirements by Friday?", MV(ASK_COMMITMENT));
  t->cls.slots[CLS_SLOT_ACTION] = S("send");
  t->cls.slots[CLS_SLOT_TIME] = S("by friday");
  t->cls.commitment = 2;
  score_result r;
  score_session(&f.s, &r);   /* no classifier: not known to need no one */
  assert_non_null(fx_find(&r, "vague_ask", 1, NULL));
  score_result_free(&r);
  f.s.cls = c;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "specific_ask", 1, NULL));
  assert_null(fx_find(&r, "vague_ask", -1, NULL));
  score_result_free(&r);
  ex[0] = S("Could your department heads send me the requirements by Friday?");   /* near case */
  cls_free(c);   /* the classifier keeps what it read of its scenario's rungs: a new one */
  c = cls_new("en", &f.sc, &d);
  f.s.cls = c;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "vague_ask", 1, NULL));
  score_result_free(&r);
  f.s.cls = NULL;
  cls_free(c);
  diag_free(&d);
  fx_free(&f);
}

/* A specific ask on visit (0-based) that the customer answered by giving rung (f owns it). */
static sess_turn *given_ask(fx *f, const char *text, int visit, int rung) {
  sess_turn *t = fx_turn(f, text, MV(ASK_COMMITMENT));
  t->visit = visit;
  fx_specific(t);
  t->cls.commitment = rung;
  fx_event(f, t, CUST_EV_GIVE, rung);
  return t;
}

/* In a campaign the gain that was enough is that visit's: "you used none" beside a later visit's
** price cut read as a contradiction (play-test 23). */
static void campaign_gain_was_enough(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_build_strong(&f);
  scn_visit visits[2];
  memset(visits, 0, sizeof visits);
  f.sc.visits = visits;
  f.sc.n_visits = 2;
  score_result r;
  score_session(&f.s, &r);
  const score_finding *g = fx_find(&r, "gain_was_enough", 0, NULL);
  assert_non_null(g);
  assert_string_equal(fx_msg(&g->msg, "en"), "In visit 1 the gain you showed at turn 5 was enough: the customer committed "
                                             "on that value, with no deadline, scarcity or price cut needed, and you used none.");
  score_result_free(&r);
  fx_free(&f);
}

/* The visit as a whole, and a turn that judged no ladder, are taught from the latest ask's
** judgement: "no commitment" after an order refused at trust 3 taught that order again though
** the same debrief called it more than the customer could give (play-test 23). */
static void whole_visit_try_realistic(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Can we sign the contract today?", MV(ASK_ORDER));
  t->cls.commitment = 0;
  t->rungs_known = 1;
  t->rungs_realistic = 1u << 2;   /* only the requirements within reach */
  fx_event(&f, t, CUST_EV_REFUSE, 0);
  t = fx_turn(&f, "OK, I'll send you a brochure then.", MV(SELLER_ACTION));
  score_result r;
  score_session(&f.s, &r);
  int seen = 0;
  for (int i = 0; i < r.n_findings; i++) {
    if (r.findings[i].turn != 0 && r.findings[i].turn != 2) continue;
    assert_true(r.findings[i].rungs_known);
    assert_int_equal(r.findings[i].rungs_realistic, 1u << 2);
    seen++;
  }
  assert_true(seen > 0);
  score_result_free(&r);
  fx_free(&f);
}

/* A campaign of two visits, each giving its own rung: the reason names both, in order, and a
** finding of visit 2 is not taught the rung visit 1 gave (its realistic bits are masked). */
static void campaign_reason(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  scn_visit visits[2];
  memset(visits, 0, sizeof visits);
  f.sc.visits = visits;
  f.sc.n_visits = 2;
  f.now.trust = 8;
  f.now.value_ack = 1;
  sess_turn *t = given_ask(&f, "Could you send the written requirements by Friday at 10, to my office?", 0, 2);
  t = fx_turn(&f, "Could we do it sometime?", MV(ASK_COMMITMENT));
  t->visit = 1;
  t->cls.vague = 1;
  t->rungs_known = 1;
  t->rungs_realistic = (1u << 1) | (1u << 2);   /* demo, and requirements (given on visit 1) */
  t = given_ask(&f, "Could you bring the department heads to a demo on Wednesday at 3?", 1, 1);
  fx_end(&f, t, CUST_OUTCOME_ADVANCE);
  score_result r;
  score_session(&f.s, &r);
  assert_string_equal(fx_msg(&r.reason, r.lang),
                      "The customer agreed to act on 2 visits: send the written requirements, "
                      "bring the department heads to a demo (the last at turn 3).");
  const score_finding *v = fx_find(&r, "vague_ask", 2, NULL);
  assert_non_null(v);
  assert_true(v->rungs_known);
  assert_int_equal(v->rungs_realistic, 1u << 1);
  score_result_free(&r);
  fx_free(&f);
}

/* A rung won on visit 1 and named again on visit 2, whose ladder does not hold it, is not "the
** most she can give" there (play-test 32: "谢谢...上次帮忙报了预算。那接下来您看怎么推进比较好?" on
** visit 2 earned "+10 the budget step is the most the customer could give"); the rung visit 2
** offers still earns it. */
static void campaign_old_rung_not_realistic(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  scn_visit visits[2];
  memset(visits, 0, sizeof visits);
  char *v1[] = { S("requirements") }, *v2[] = { S("demo") };
  visits[0].commitments = (scn_strs){ v1, 1, 0 };
  visits[1].commitments = (scn_strs){ v2, 1, 0 };
  f.sc.visits = visits;
  f.sc.n_visits = 2;
  f.now.trust = 8;
  f.now.value_ack = 1;
  given_ask(&f, "Could you send the written requirements by Friday at 10, to my office?", 0, 2);
  sess_turn *t = fx_turn(&f, "Could you send the requirements again by Monday at 9, to my office?", MV(ASK_COMMITMENT));
  t->visit = 1;
  fx_specific(t);
  t->cls.commitment = 2;
  given_ask(&f, "Could you bring the department heads to a demo on Wednesday at 3?", 1, 1);
  score_result r;
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "realistic_ask", 1, NULL));
  assert_null(fx_find(&r, "realistic_ask", 2, NULL));
  assert_non_null(fx_find(&r, "realistic_ask", 3, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A campaign the trainee stopped in visit 3 (play-test 8, hospital-c2): visits 1 and 2 each gave
** their rung, visit 3 asked for nothing and the customer settled it as a continuation.  What the
** earlier visits won stands: the outcome is an advance at the furthest rung (visit 2's), the
** reason says visit 3 added nothing, there is no outcome_continuation, and visit 3's no_ask is
** taught the rung visit 3 was for, not visit 1's. */
static void campaign_stopped(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  scn_visit visits[3];
  memset(visits, 0, sizeof visits);
  char *v1[] = { S("requirements") }, *v2[] = { S("demo") }, *v3[] = { S("contract") };
  visits[0].commitments = (scn_strs){ v1, 1, 0 };
  visits[1].commitments = (scn_strs){ v2, 1, 0 };
  visits[2].commitments = (scn_strs){ v3, 1, 0 };
  f.sc.visits = visits;
  f.sc.n_visits = 3;
  f.now.trust = 8;
  f.now.value_ack = 1;
  given_ask(&f, "Could you send the written requirements by Friday at 10, to my office?", 0, 2);
  given_ask(&f, "Could you bring the department heads to a demo on Wednesday at 3?", 1, 1);
  sess_turn *t = fx_turn(&f, "Congratulations! How is the contract review going?", MV(PRAISE) | MV(OPEN_QUESTION));
  t->visit = 2;
  f.s.end_reason = SESS_END_EOF;
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  score_result r;
  score_session(&f.s, &r);
  assert_int_equal(r.outcome, CUST_OUTCOME_ADVANCE);
  assert_int_equal(r.given, 1);
  assert_string_equal(fx_msg(&r.reason, r.lang),
                      "The customer agreed to act on earlier visits: send the written requirements, "
                      "bring the department heads to a demo (the last at turn 2); visit 3 ended with "
                      "no new commitment.");
  assert_non_null(fx_find(&r, "outcome_advance", 2, NULL));
  assert_null(fx_find(&r, "outcome_continuation", -1, NULL));
  const score_finding *no = fx_find(&r, "no_ask", 0, NULL);
  assert_non_null(no);
  assert_true(no->rungs_known);
  assert_int_equal(no->rungs_realistic, 1u << 0);   /* the contract, visit 3's rung */
  score_result_free(&r);
  /* near case: visit 3 turned down for good (no sale) stays a no sale */
  f.s.closing.v[0].outcome = CUST_OUTCOME_NO_SALE;
  f.s.outcome = CUST_OUTCOME_NO_SALE;
  score_session(&f.s, &r);
  assert_int_equal(r.outcome, CUST_OUTCOME_NO_SALE);
  score_result_free(&r);
  fx_free(&f);

  /* stopped at visit 2's greeting, before any line of it (round 10): visit 2 has no turn, the
  ** visit 1 turn that gave the rung started it; what visit 1 won stands */
  fx_init(&f);
  f.sc.visits = visits;
  f.sc.n_visits = 3;
  f.now.trust = 8;
  f.now.value_ack = 1;
  t = given_ask(&f, "Could you send the written requirements by Friday at 10, to my office?", 0, 2);
  fx_event(&f, t, CUST_EV_NEXT_VISIT, 1);
  f.s.end_reason = SESS_END_EOF;
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  score_session(&f.s, &r);
  assert_int_equal(r.outcome, CUST_OUTCOME_ADVANCE);
  assert_null(fx_find(&r, "outcome_continuation", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* What a trainer calls a summary (play-test 8): a first pitch of two benefits some lines after
** the needs were confirmed is a presentation, not a summary, so the later "To sum up: ..." takes
** the credit; the same two benefits right after the confirmation ("逐条对上"), or restating
** benefits already presented, are a recap (variant 3: and when "To sum up: ..." follows it before
** the ask, tied too, the debrief credits and quotes that one; play-test 21).  A summary only the
** model read, in a line naming one benefit, is that benefit stated; a summary phrase with one
** benefit stays a summary. */
static void summary_is_a_recap(void **state) {
  (void)state;
  for (int variant = 0; variant < 4; variant++) {
    fx f;
    fx_init(&f);
    sess_turn *t = fx_turn(&f, "How do you count attendance, and how do parents hear about it?", MV(OPEN_QUESTION));
    fx_event(&f, t, CUST_EV_REVEAL, 0);
    fx_event(&f, t, CUST_EV_REVEAL, 1);
    t = fx_turn(&f, "So the manual count and the parents' calls are the pains?", MV(CONFIRM_NEED));
    fx_needs(t, 2, (int[]){ 0, 1 });
    fx_event(&f, t, CUST_EV_CONFIRM, 0);
    fx_event(&f, t, CUST_EV_CONFIRM, 1);
    if (variant != 1 && variant != 3) {   /* 3: right after the confirmation, as 1 */
      t = fx_turn(&f, "Who else would look at this?", MV(OPEN_QUESTION));
      if (variant == 2) {   /* the benefits already on the table */
        t = fx_turn(&f, "Check-in is automatic.", MV(PRESENT_BENEFIT));
        fx_benefits(t, 1, (int[]){ 0 });
        t = fx_turn(&f, "And parents get an app.", MV(PRESENT_BENEFIT));
        fx_benefits(t, 1, (int[]){ 1 });
      }
    }
    /* right after the confirmation (variant 1) or restating benefits already shown (variant 2)
    ** the session reads the pitch as a recap (cls_read_recap: test_classify's test_recap); the
    ** scorer judges the summary the reading names */
    sess_turn *pitch = fx_turn(&f, "A school like yours checks in by phone and parents see it in the app.",
                               variant == 0 ? MV(GAIN_APPEAL) : MV(SUMMARIZE_BENEFITS));
    fx_benefits(pitch, 2, (int[]){ 0, 1 });
    int pitch_n = pitch->n, sum_n = 0;
    if (variant == 0 || variant == 3) {
      t = fx_turn(&f, "To sum up: automatic check-in and the parent app.", MV(SUMMARIZE_BENEFITS));
      fx_benefits(t, 2, (int[]){ 0, 1 });
      sum_n = t->n;
    }
    score_result r;
    score_session(&f.s, &r);
    int n_tied = 0;
    const score_finding *tied = fx_find(&r, "summary_tied_to_needs", -1, &n_tied);
    assert_non_null(tied);
    assert_int_equal(n_tied, 1);
    assert_int_equal(tied->turn, variant == 0 || variant == 3 ? sum_n : pitch_n);
    score_result_free(&r);
    fx_free(&f);
  }

  fx f;   /* a summary only the model read, naming one benefit: no summary before the ask */
  fx_init(&f);
  f.now.revealed = f.now.confirmed = 1;
  sess_turn *t = fx_turn(&f, "And check-in runs itself, so no more counting by hand.", MV(SUMMARIZE_BENEFITS));
  t->cls.model_moves = MV(SUMMARIZE_BENEFITS);
  fx_benefits(t, 1, (int[]){ 0 });
  t = fx_turn(&f, "Could you bring the department heads to a demo on Wednesday at 3?", MV(ASK_COMMITMENT));
  fx_specific(t);
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "summary_tied_to_needs", -1, NULL));
  assert_non_null(fx_find(&r, "ask_without_summary", 2, NULL));
  score_result_free(&r);
  f.s.turns[0].cls.model_moves = 0;   /* near case: the reader's rules saw a summary phrase */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "summary_tied_to_needs", 1, NULL));
  assert_null(fx_find(&r, "ask_without_summary", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* A referral asked for at the door, before any question or value, is unrealistic (variant
** referral_early), with no referral_asked or realistic_ask; a vague referral ask later is a
** vague_ask and no referral_asked either. */
static void referral_early(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_referral_ladder(&f);
  f.now.value_ack = f.now.on_list = 1;
  f.now.trust = 6;
  sess_turn *t = fx_turn(&f, "Hi! Who else do you know that needs one? Give me some names.", MV(GREET) | MV(ASK_REFERRAL));
  t->cls.commitment = 0;
  t->realistic = 1;
  t = fx_turn(&f, "What's wrong with it?", MV(OPEN_QUESTION));
  t = fx_turn(&f, "We should catch up sometime, maybe talk to your neighbour.", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  score_result r;
  score_session(&f.s, &r);
  const score_finding *u = fx_find(&r, "unrealistic_ask", 1, NULL);
  assert_non_null(u);
  assert_string_equal(u->msg.key, "finding.unrealistic_ask.referral_early");
  assert_null(fx_find(&r, "referral_asked", -1, NULL));
  assert_null(fx_find(&r, "realistic_ask", -1, NULL));
  assert_non_null(fx_find(&r, "vague_ask", 3, NULL));
  score_result_free(&r);
  t->cls.vague = 0;                     /* near case: a plain ask after the question counts */
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "referral_asked", 3, NULL));
  assert_null(fx_find(&r, "vague_ask", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

/* At a table of two, five lines in a row to one person by name and none to or about the other
** leave the other out (decider_left_out, naming both and the turns); a line that then brings
** them in and hears a need of theirs before the ask is the recovery (decider_brought_in).  Four
** lines to one are a round of discovery; a line naming nobody, or a greeting, neither counts
** nor ends the stretch (play-test 27). */
static void left_out_decider(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.sc.cust_name = S("Grace Liu and Martin Hale");
  f.needs[0].said = S("Grace: Counting attendance by hand takes hours.");
  f.needs[1].said = S("Martin: Parents complain they never know how their children are doing.");
  f.needs[1].hidden = 0;
  fx_turn(&f, "Hi Grace, hi Martin.", MV(GREET));   /* courtesy: reaches nobody */
  fx_turn(&f, "Grace, what goes wrong on the floor?", MV(OPEN_QUESTION))->cls.question = 1;
  fx_turn(&f, "Grace, where do the mistakes happen?", MV(OPEN_QUESTION))->cls.question = 1;
  fx_turn(&f, "And how often is that?", MV(OPEN_QUESTION))->cls.question = 1;   /* to the table */
  fx_turn(&f, "So it's the labels, Grace?", MV(CONFIRM_NEED));
  fx_turn(&f, "grace, how do your pickers work today?", MV(OPEN_QUESTION))->cls.question = 1;
  score_result r;
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "decider_left_out", -1, NULL));   /* four lines: no finding yet */
  score_result_free(&r);
  fx_turn(&f, "Grace, our headsets read back a check digit.", MV(PRESENT_FEATURE));
  score_session(&f.s, &r);
  const score_finding *lo = fx_find(&r, "decider_left_out", 7, NULL);
  assert_non_null(lo);
  assert_true(lo->points == -15);
  assert_int_equal(lo->need, 1);   /* its Try line asks Martin about his need */
  assert_string_equal(fx_msg(&lo->msg, "en"),
                      "From turn 2 on, 5 of your lines spoke to Grace by name and none to or about Martin, who "
                      "takes part in the decision too; Martin was not brought back in.");
  assert_null(fx_find(&r, "decider_brought_in", -1, NULL));
  score_result_free(&r);
  /* Martin brought in, his need heard before the ask: the recovery */
  sess_turn *in = fx_turn(&f, "Martin, I'm sorry, I left you out. What would you need to see?", MV(OPEN_QUESTION));
  in->cls.question = 1;
  fx_event(&f, in, CUST_EV_REVEAL, 1);
  fx_specific(fx_turn(&f, "Could you both come to a demo next Wednesday at 3?", MV(ASK_COMMITMENT)));
  score_session(&f.s, &r);
  lo = fx_find(&r, "decider_left_out", 7, NULL);
  assert_non_null(lo);
  assert_string_equal(fx_msg(&lo->msg, "en"),
                      "From turn 2 to turn 7, 5 of your lines spoke to Grace by name and none to or about Martin, "
                      "who takes part in the decision too.");
  const score_finding *bi = fx_find(&r, "decider_brought_in", 8, NULL);
  assert_non_null(bi);
  assert_true(bi->points == 10);
  assert_string_equal(fx_msg(&bi->msg, "en"),
                      "You brought Martin back in (\"Martin, I'm sorry, I left you out. What would you need to see?\") "
                      "and heard what Martin needs before asking: \"Parents complain they never know how their "
                      "children are doing.\"");
  assert_null(fx_find(&r, "decider_left_out", 0, NULL));   /* Grace was never left out */
  score_result_free(&r);
  /* the need heard only after the ask: no recovery */
  fx_free_events(&f.s.turns[7].events);   /* (the turns moved when the ask was added) */
  fx_event(&f, &f.s.turns[8], CUST_EV_REVEAL, 1);
  score_session(&f.s, &r);
  assert_non_null(fx_find(&r, "decider_left_out", 7, NULL));
  assert_null(fx_find(&r, "decider_brought_in", -1, NULL));
  score_result_free(&r);
  /* with one customer there is nobody to leave out */
  f.sc.cust_name = S("Grace Liu");
  score_session(&f.s, &r);
  assert_null(fx_find(&r, "decider_left_out", -1, NULL));
  score_result_free(&r);
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(strong_visit), cmocka_unit_test(new_hire_no_ask), cmocka_unit_test(vague_ask), cmocka_unit_test(vague_words_typed),
    cmocka_unit_test(vague_ask_zh),
    cmocka_unit_test(order_ask_names_its_action), cmocka_unit_test(premature_ask), cmocka_unit_test(premature_ask_named_once), cmocka_unit_test(need_named_in_answer), cmocka_unit_test(order_beyond_ladder), cmocka_unit_test(order_too_many), cmocka_unit_test(faint_link_no_action), cmocka_unit_test(realistic_ask_given_rung),
    cmocka_unit_test(ask_too_low), cmocka_unit_test(unrealistic_by_condition),
    cmocka_unit_test(loss_before_value), cmocka_unit_test(gain_was_enough), cmocka_unit_test(hostile_threat),
    cmocka_unit_test(discount_for_trust),
    cmocka_unit_test(repeated_closes), cmocka_unit_test(lower_before_probe),
    cmocka_unit_test(seller_only_advance), cmocka_unit_test(summary_unconfirmed), cmocka_unit_test(summary_over_lines), cmocka_unit_test(summary_judged_before_ask), cmocka_unit_test(summary_in_ask_line), cmocka_unit_test(no_summary_teaches_latest_need),
    cmocka_unit_test(past_check_answered),
    cmocka_unit_test(vague_ask_no_rung_credit), cmocka_unit_test(last_check_credited), cmocka_unit_test(check_in_run_up), cmocka_unit_test(stated_benefit_is_gain), cmocka_unit_test(campaign_gain_was_enough), cmocka_unit_test(whole_visit_try_realistic), cmocka_unit_test(pitch_drew_need), cmocka_unit_test(remark_drew_need), cmocka_unit_test(no_discovery_her_words), cmocka_unit_test(refused_ask_no_rung_credit),
    cmocka_unit_test(overrides), cmocka_unit_test(payment_visit), cmocka_unit_test(decision_chain),
    cmocka_unit_test(left_out_decider),
    cmocka_unit_test(running_score),
    cmocka_unit_test(objection_answer_not_feature_list), cmocka_unit_test(seller_step_only),
    cmocka_unit_test(gain_tied_to_voiced_need),
      cmocka_unit_test(check_overruled_answered),
    cmocka_unit_test(contempt_recorded), cmocka_unit_test(objection_answered_credited), cmocka_unit_test(rule_table),
    cmocka_unit_test(worked_example), cmocka_unit_test(abandoned_visits),
    cmocka_unit_test(summary_rejected), cmocka_unit_test(hidden_need_raised),
    cmocka_unit_test(substituted_rung), cmocka_unit_test(referral_visit),
    cmocka_unit_test(firm_fair_payment),
    cmocka_unit_test(grievance_settled),
    cmocka_unit_test(discount_to_collect),
    cmocka_unit_test(first_payment_demand),
    cmocka_unit_test(no_sale_reasons), cmocka_unit_test(tiers),
    cmocka_unit_test(scenario_tiers), cmocka_unit_test(visit_kind_key),
    cmocka_unit_test(order_ask_specific), cmocka_unit_test(no_who_rung_specific),
    cmocka_unit_test(campaign_reason), cmocka_unit_test(campaign_stopped), cmocka_unit_test(campaign_old_rung_not_realistic), cmocka_unit_test(referral_early),
    cmocka_unit_test(summary_is_a_recap),
    cmocka_unit_test(cold_continuation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
