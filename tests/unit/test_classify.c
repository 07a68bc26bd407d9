/* test_classify.c: the classifier: every move in both languages (rows in
** tests/data/classify/moves.tsv), slots, specific vs vague,
** negation, seller-only actions, questions, tactics, scenario references, audit sources, JSON. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "amount.h"
#include "classify.h"
#include "clause.h"
#include "scncheck.h"
#include "util.h"

static cls_classifier *zh, *en;

static int setup(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  zh = cls_new("zh", NULL, &d);
  en = cls_new("en", NULL, &d);
  diag_print(&d, stderr);
  diag_free(&d);
  return zh && en ? 0 : -1;
}
static int teardown(void **st) { (void)st; cls_free(zh); cls_free(en); return 0; }

static cls_result run(const cls_classifier *c, const char *line) {
  cls_result r;
  cls_classify(c, line, strlen(line), &r);
  return r;
}

/* The moves of a reading as "a b c". */
static char *moves_of(const cls_result *r) {
  strbuf b = {0};
  sb_append(&b, "", 0);
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(r, m)) sb_printf(&b, "%s%s", b.len ? " " : "", cls_move_name((cls_move)m));
  return sb_take(&b);
}

static void expect_moves(const cls_classifier *c, const char *line, const char *want) {
  cls_result r = run(c, line);
  char *got = moves_of(&r);
  if (strcmp(got, want) != 0) print_error("line: %s\n", line);
  assert_string_equal(got, want);
  free(got);
  cls_result_free(&r);
}

/* One row of tests/data/classify/moves.tsv: language, line, the moves it must read as. */
static void check_moves_row(void *ctx, const char *file, int line_no, char **cols) {
  int *seen = ctx;   /* CLS_MOVE_COUNT flags: the moves the rows expect */
  const cls_classifier *c = strcmp(cols[0], "zh") == 0 ? zh : strcmp(cols[0], "en") == 0 ? en : NULL;
  if (!c) print_error("%s:%d: no language %s\n", file, line_no, cols[0]);
  assert_non_null(c);
  if (!c) return;
  cls_result r = run(c, cols[1]);
  char *got = moves_of(&r);
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(&r, m) && strcmp(got, cols[2]) == 0) seen[m] = 1;
  if (strcmp(got, cols[2]) != 0) print_error("%s:%d: line: %s\n", file, line_no, cols[1]);
  assert_string_equal(got, cols[2]);
  free(got);
  cls_result_free(&r);
}

/* Every move in both languages: the rows of the data file, and every move named by one. */
static void test_every_move(void **st) {
  (void)st;
  int seen[CLS_MOVE_COUNT] = {0};
  int rows = tu_each_row("tests/data/classify/moves.tsv", 3, check_moves_row, seen);
  assert_true(rows >= 52);   /* the file as written: a lost row fails */
  for (int m = 0; m < CLS_MOVE_COUNT; m++) {
    if (!seen[m]) print_error("no row reads as %s\n", cls_move_name((cls_move)m));
    assert_true(seen[m]);
  }
}

static void test_specific_slots(void **st) {
  (void)st;
  cls_result r = run(en, "Could you bring your IT head to a 30-minute demo next Wednesday at 3pm?");
  assert_true(r.specific);
  assert_false(r.vague);
  assert_true(r.question);
  assert_string_equal(r.slots[CLS_SLOT_ACTION], "bring");
  assert_string_equal(r.slots[CLS_SLOT_TIME], "next wednesday at 3pm");
  assert_string_equal(r.slots[CLS_SLOT_PERSON], "your it head");
  assert_null(r.slots[CLS_SLOT_PLACE]);
  cls_result_free(&r);
  /* the full stop is no part of the day (it was said back: "until friday.. I'll confirm") */
  r = run(en, "Would you like to reserve 40 sets? I can hold them until Friday.");
  assert_string_equal(r.slots[CLS_SLOT_TIME], "until friday");
  cls_result_free(&r);
  r = run(en, "Could we meet at 10 a.m.");
  assert_string_equal(r.slots[CLS_SLOT_TIME], "at 10 a.m.");
  cls_result_free(&r);

  r = run(zh, "王处长，下周三下午三点您能不能请ＩＴ主管一起来我们公司看个演示？");
  assert_true(r.specific);
  assert_string_equal(r.slots[CLS_SLOT_TIME], "下周三下午三点");
  assert_string_equal(r.slots[CLS_SLOT_PLACE], "我们公司");
  assert_string_equal(r.slots[CLS_SLOT_PERSON], "处长");
  cls_result_free(&r);

  /* an ask without a time or without a person/place is not specific */
  r = run(en, "Could you bring your IT head to a demo?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_false(r.specific);
  cls_result_free(&r);
  r = run(zh, "要不我们下周做个演示？");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_false(r.specific);
  assert_string_equal(r.slots[CLS_SLOT_TIME], "下周");
  cls_result_free(&r);
}

/* A long line that ends in an ask is read, for its ask, as that last request alone: over the
** whole line the model dropped the ask (round 10's tableware visit). */
static void test_tail_ask(void **st) {
  (void)st;
  cls_result r = run(en, "I completely get that, and to be fair I'd hesitate at that price too if I were running "
                         "the shop, so instead of me telling you customers will love it, let's take the risk off "
                         "you: I lend you a display set for two weeks at no cost and you watch what people do, "
                         "could we put a set in your window this Saturday?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(cls_has_label(&r, "ask"));   /* the tail's own reading, recorded */
  cls_result_free(&r);
  r = run(zh, "我特别理解您的顾虑,换成我也会担心价格,所以我也不跟您空口说白话,咱们换个法子把风险降下来:"
              "我先借您一套,不收钱,您看看老顾客的反应,没人问您也不亏什么,"
              "这样您看行不行,这周六您把样品摆在店里橱窗试两周可以吗?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.specific);
  cls_result_free(&r);
  /* a long line ending in the seller's own request of someone else is read whole: no ask */
  r = run(zh, "嗯嗯…签到这个我们能做的,不好意思啊,价格上您要是嫌贵的话,我可以跟领导申请一下看看能不能便宜点…");
  assert_false(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  r = run(en, "Could you bring your IT head to a demo?");   /* short: read whole, as before */
  assert_false(cls_has_label(&r, "ask"));
  cls_result_free(&r);
}

static void test_vague(void **st) {
  (void)st;
  cls_result r = run(en, "Let's find some time to try it out.");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.vague);
  assert_false(r.specific);
  cls_result_free(&r);
  r = run(zh, "改天找个时间，您带IT的同事来看看演示吧。");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.vague);
  cls_result_free(&r);
  /* a vague phrase with the day named beside it leans on nothing (round 10); a week or a
  ** month named beside it does not pin it */
  r = run(en, "Could we find a time on Thursday at 3 for the demo with your IT lead?");
  assert_false(r.vague);
  assert_true(r.specific);
  cls_result_free(&r);
  r = run(en, "Let's find a time sometime next week to talk.");
  assert_true(r.vague);
  cls_result_free(&r);
  r = run(zh, "找个时间周六上午您带财务过来看看?");
  assert_false(r.vague);
  cls_result_free(&r);
  /* vague beats an otherwise full ask */
  r = run(en, "Could you bring your IT head to our office sometime when things quieten down?");
  assert_true(r.vague);
  assert_false(r.specific);
  cls_result_free(&r);
  r = run(zh, "有空再说吧。");
  assert_false(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.vague);
  cls_result_free(&r);
  /* an ask that puts the day to her asks for one and leans on none (play-test 21: the model read
  ** it vague, "Sure, let's stay in touch"): not vague, not specific; "when you're free" still is */
  r = run(en, "When could we set up a trial at the Reno site with Marcus?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_false(r.vague);
  assert_false(r.specific);
  assert_true(cls_has_label(&r, "not_vague"));
  cls_result_free(&r);
  r = run(en, "When you're free, could we set up a demo?");
  assert_true(r.vague);
  cls_result_free(&r);
}

static void test_negation(void **st) {
  (void)st;
  const char *lines_en[] = { "No need for a trial.", "You don't need to bring anyone to the demo.",
                             "A demo isn't necessary at this point.", NULL };
  for (int i = 0; lines_en[i]; i++) {
    cls_result r = run(en, lines_en[i]);
    assert_false(CLS_HAS(&r, CLS_ASK_COMMITMENT));
    assert_true(r.negated);
    assert_false(r.specific);
    cls_result_free(&r);
  }
  const char *lines_zh[] = { "不需要演示。", "您不用请IT主管过来。", "演示就不用了。", "今天不需要签合同。", NULL };
  for (int i = 0; lines_zh[i]; i++) {
    cls_result r = run(zh, lines_zh[i]);
    assert_false(CLS_HAS(&r, CLS_ASK_COMMITMENT));
    assert_false(CLS_HAS(&r, CLS_ASK_ORDER));
    assert_true(r.negated);
    cls_result_free(&r);
  }
  /* the negation governs its own clause only */
  cls_result r = run(zh, "不用准备什么，明天上午十点您能在办公室参加一个短演示吗？");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.specific);
  assert_false(r.negated);
  cls_result_free(&r);
  r = run(en, "No need to decide today, but could you show the proposal to your director on Thursday at 2pm?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  /* a negation word inside a longer phrase is not a negation */
  r = run(zh, "不要错过这次机会。");
  assert_false(r.negated);
  assert_int_equal(r.tactic, CLS_TACTIC_LOSS);
  cls_result_free(&r);
}

static void test_seller_only(void **st) {
  (void)st;
  const char *sellers[] = { "I'll send you the proposal.", "Let me put together a quote by Friday.",
                            "我把方案发给您。", "我下周三再来拜访您。", "我回去跟领导申请一下价格，再给您回电话。", NULL };
  for (int i = 0; sellers[i]; i++) {
    cls_result r = run(i < 2 ? en : zh, sellers[i]);
    assert_true(CLS_HAS(&r, CLS_SELLER_ACTION));
    assert_false(CLS_HAS(&r, CLS_ASK_COMMITMENT));
    cls_result_free(&r);
  }
  cls_result r = run(zh, "我今晚把方案发给您，您能不能周五前跟财务的同事在电话里过一遍？");
  assert_true(CLS_HAS(&r, CLS_SELLER_ACTION));
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
}

static void test_questions_and_tactics(void **st) {
  (void)st;
  cls_result r = run(zh, "预算是学生处自己管吗");
  assert_true(r.question);
  cls_result_free(&r);
  r = run(zh, "预算是学生处自己管。");
  assert_false(r.question);
  cls_result_free(&r);
  /* a bare 没有 or 不 closing a clause inside the line says no; closing the line, it asks
  ** (play-test 24: "您说账上没有 我不太信 ..." was a probe of the refusal, +10) */
  r = run(zh, "李总 您说账上没有 我不太信 上周您刚进了一批瓷砖 那可比四万八多");
  assert_false(r.question);
  cls_result_free(&r);
  r = run(zh, "发票您带了没有");
  assert_true(r.question);
  cls_result_free(&r);
  r = run(en, "Do you use Excel right now");
  assert_true(r.question);
  cls_result_free(&r);
  /* a question word twice in a clause says "as much as", no question (play-test 22) */
  r = run(zh, "您要多少我们就送多少。");
  assert_false(r.question);
  assert_false(CLS_HAS(&r, CLS_OPEN_QUESTION));
  cls_result_free(&r);
  r = run(zh, "您一年进多少货,压了多少");
  assert_true(CLS_HAS(&r, CLS_OPEN_QUESTION));
  cls_result_free(&r);
  r = run(en, "You use Excel right now.");
  assert_false(r.question);
  cls_result_free(&r);
  r = run(en, "Schools like yours saw complaints drop by 40 percent.");
  assert_int_equal(r.tactic, CLS_TACTIC_GAIN);
  assert_string_equal(cls_tactic_name(r.tactic), "gain");
  cls_result_free(&r);
  r = run(en, "This offer expires on Friday.");
  assert_int_equal(r.tactic, CLS_TACTIC_LOSS);
  cls_result_free(&r);
  r = run(en, "Hello.");
  assert_int_equal(r.tactic, CLS_TACTIC_NONE);
  assert_null(cls_tactic_name(r.tactic));
  cls_result_free(&r);
  /* a summary restates benefits; a list of features without the customer is a feature list */
  r = run(en, "In summary, the features are cloud hosting and daily backups.");
  assert_true(CLS_HAS(&r, CLS_PRESENT_FEATURE));
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  r = run(zh, "总结一下，我们产品有四大功能：考勤、成绩、消息、报表。");
  assert_true(CLS_HAS(&r, CLS_PRESENT_FEATURE));
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
}

/* The line of a file, for checking that a match's source really holds its phrase. */
static char *file_line(const char *path, int line) {
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0;
  for (int i = 1; getline(&buf, &cap, f) >= 0; i++)
    if (i == line) { fclose(f); return buf; }
  fclose(f);
  free(buf);
  return NULL;
}

static void test_audit_sources(void **st) {
  (void)st;
  cls_result r = run(en, "Could you bring your IT head to a demo next Wednesday at 3pm?");
  int lexicon_matches = 0, time_matches = 0, rules = 0;
  for (int i = 0; i < r.n_matches; i++) {
    const cls_match *m = &r.matches[i];
    const char *colon = strrchr(m->source, ':');
    assert_non_null(colon);
    if (strncmp(m->source, "lexicons/en.yaml:", 17) == 0) {
      char *path = xasprintf("%s/%.*s", getenv("SALESIM_DATA") ? getenv("SALESIM_DATA") : "engine",
                             (int)(colon - m->source), m->source);
      char *text = file_line(path, atoi(colon + 1));
      assert_non_null(text);
      char *bare = xstrdup(m->phrase);
      if (bare[strlen(bare) - 1] == '*') bare[strlen(bare) - 1] = 0;
      if (!strstr(text, bare)) print_error("%s not on %s\n", m->phrase, m->source);
      assert_non_null(strstr(text, bare));
      free(bare); free(text); free(path);
      lexicon_matches++;
    } else if (strncmp(m->source, "engine/timex.c:", 15) == 0) {
      assert_string_equal(m->label, "time");
      time_matches++;
    } else {
      assert_non_null(strstr(m->phrase, "rule:"));
      rules++;
    }
  }
  assert_true(lexicon_matches >= 3);    /* could you, bring, it head, ... */
  assert_int_equal(time_matches, 2);    /* next wednesday + at 3pm */
  assert_int_equal(rules, 1);           /* ask_commitment by request + action */
  cls_result_free(&r);
}

/* A small scenario built by hand: needs, benefits, objections, commitments and a lexicon entry. */
static scenario *tiny_scenario(void) {
  scenario *s = xcalloc(1, sizeof *s);
  s->file = xstrdup("campus.yaml");
  s->language = xstrdup("zh");
  s->n_needs = 2;
  s->needs = xcalloc(2, sizeof *s->needs);
  s->needs[0].id = xstrdup("attendance");
  s->needs[0].keywords.n = 2;
  s->needs[0].keywords.v = xcalloc(2, sizeof(char *));
  s->needs[0].keywords.v[0] = xstrdup("签到");
  s->needs[0].keywords.v[1] = xstrdup("考勤");
  s->needs[0].pos.line = 12;
  s->needs[1].id = xstrdup("parents");
  s->needs[1].keywords.n = 1;
  s->needs[1].keywords.v = xcalloc(1, sizeof(char *));
  s->needs[1].keywords.v[0] = xstrdup("家长");
  s->needs[1].pos.line = 16;
  s->n_benefits = 1;
  s->benefits = xcalloc(1, sizeof *s->benefits);
  s->benefits[0].id = xstrdup("auto_checkin");
  s->benefits[0].keywords.n = 1;
  s->benefits[0].keywords.v = xcalloc(1, sizeof(char *));
  s->benefits[0].keywords.v[0] = xstrdup("自动签到");
  s->benefits[0].pos.line = 20;
  s->n_commitments = 2;
  s->commitments = xcalloc(2, sizeof *s->commitments);
  s->commitments[0].id = xstrdup("demo_with_it");
  s->commitments[0].keywords.n = 1;
  s->commitments[0].keywords.v = xcalloc(1, sizeof(char *));
  s->commitments[0].keywords.v[0] = xstrdup("演示");
  s->commitments[0].pos.line = 25;
  s->commitments[1].id = xstrdup("send_requirements");
  s->commitments[1].keywords.n = 1;
  s->commitments[1].keywords.v = xcalloc(1, sizeof(char *));
  s->commitments[1].keywords.v[0] = xstrdup("需求表");
  s->commitments[1].pos.line = 29;
  s->n_objections = 1;
  s->objections = xcalloc(1, sizeof *s->objections);
  s->objections[0].id = xstrdup("budget");
  s->objections[0].keywords.n = 1;
  s->objections[0].keywords.v = xcalloc(1, sizeof(char *));
  s->objections[0].keywords.v[0] = xstrdup("预算");
  s->objections[0].pos.line = 33;
  s->n_lexicon = 1;
  s->lexicon = xcalloc(1, sizeof *s->lexicon);
  s->lexicon[0].name = xstrdup("person");
  s->lexicon[0].phrases.n = 1;
  s->lexicon[0].phrases.v = xcalloc(1, sizeof(char *));
  s->lexicon[0].phrases.v[0] = xstrdup("教学督导");
  s->lexicon[0].pos.line = 40;
  return s;
}

static void free_strs(scn_strs *s) { for (int i = 0; i < s->n; i++) free(s->v[i]); free(s->v); }
static void free_tiny(scenario *s) {
  for (int i = 0; i < s->n_needs; i++) { free(s->needs[i].id); free_strs(&s->needs[i].keywords); }
  for (int i = 0; i < s->n_benefits; i++) { free(s->benefits[i].id); free_strs(&s->benefits[i].keywords); }
  for (int i = 0; i < s->n_commitments; i++) { free(s->commitments[i].id); free_strs(&s->commitments[i].keywords); }
  for (int i = 0; i < s->n_objections; i++) { free(s->objections[i].id); free_strs(&s->objections[i].keywords); }
  for (int i = 0; i < s->n_lexicon; i++) { free(s->lexicon[i].name); free_strs(&s->lexicon[i].phrases); }
  free(s->needs); free(s->benefits); free(s->commitments); free(s->objections); free(s->lexicon);
  free(s->file); free(s->language);
  free(s);
}

static void test_scenario_refs(void **st) {
  (void)st;
  scenario *s = tiny_scenario();
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(NULL, s, &d);   /* the scenario's language */
  assert_non_null(c);
  cls_result r = run(c, "总结一下，您担心签到太慢、家长投诉，用了自动签到这两点都解决了。");
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_int_equal(r.n_needs, 2);
  assert_int_equal(r.needs[0], 0);
  assert_int_equal(r.needs[1], 1);
  assert_int_equal(r.n_benefits, 1);
  assert_int_equal(r.commitment, -1);
  json_t *j = cls_result_json(&r, s);
  char *js = json_dumps(json_object_get(j, "needs"), JSON_COMPACT);
  assert_string_equal(js, "[\"attendance\",\"parents\"]");
  free(js);
  js = json_dumps(json_object_get(j, "benefits"), JSON_COMPACT);
  assert_string_equal(js, "[\"auto_checkin\"]");
  free(js);
  assert_true(json_is_null(json_object_get(j, "commitment")));
  json_decref(j);
  cls_result_free(&r);

  r = run(c, "下周三下午三点，能不能请教学督导到会议室看一下演示？");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_int_equal(r.commitment, 0);
  assert_string_equal(r.slots[CLS_SLOT_PERSON], "教学督导");
  int found = 0;
  for (int i = 0; i < r.n_matches; i++)
    if (strcmp(r.matches[i].phrase, "教学督导") == 0) { assert_string_equal(r.matches[i].source, "campus.yaml:40"); found = 1; }
  assert_true(found);
  cls_result_free(&r);

  r = run(c, "是预算方面的顾虑吗？");
  assert_int_equal(r.n_objections, 1);
  cls_result_free(&r);
  cls_free(c);

  /* a scenario lexicon entry with an unknown name is a positioned error */
  free(s->lexicon[0].name);
  s->lexicon[0].name = xstrdup("persn");
  s->lexicon[0].pos.col = 3;
  c = cls_new("zh", s, &d);
  assert_null(c);
  char *msg = diag_format(&d.v[d.n - 1]);
  assert_string_equal(msg, "campus.yaml:40:3: error: lexicon: unknown move, slot or marker 'persn'");
  free(msg);
  diag_free(&d);
  free_tiny(s);
}

static void test_json(void **st) {
  (void)st;
  cls_result r = run(en, "Let's find some time to try it out.");
  json_t *j = cls_result_json(&r, NULL);
  assert_string_equal(json_string_value(json_object_get(j, "text")), "Let's find some time to try it out.");
  char *mv = json_dumps(json_object_get(j, "moves"), JSON_COMPACT);
  assert_string_equal(mv, "[\"ask_commitment\"]");
  free(mv);
  assert_true(json_is_false(json_object_get(j, "specific")));
  assert_true(json_is_true(json_object_get(j, "vague")));
  assert_true(json_is_null(json_object_get(j, "tactic")));
  json_t *slots = json_object_get(j, "slots");
  assert_string_equal(json_string_value(json_object_get(slots, "action")), "try");
  assert_true(json_is_null(json_object_get(slots, "time")));
  assert_true(json_array_size(json_object_get(j, "matched")) >= 3);
  json_t *m0 = json_array_get(json_object_get(j, "matched"), 0);
  assert_non_null(json_object_get(m0, "label"));
  assert_non_null(json_object_get(m0, "phrase"));
  assert_non_null(json_object_get(m0, "source"));
  assert_null(json_object_get(j, "needs"));      /* only with a scenario */
  json_decref(j);
  cls_result_free(&r);
}

static void test_bytes_and_names(void **st) {
  (void)st;
  cls_result r = run(en, "\x1b[31m Could you\xff join\x07 us?");
  assert_null(strchr(r.text, 0x1b));
  assert_null(strchr(r.text, 0x07));
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  unsigned x = 5;
  char buf[300];
  for (int k = 0; k < 300; k++) {
    for (int i = 0; i < 300; i++) { x = x * 1103515245u + 12345u; buf[i] = (char)(x >> 16); }
    cls_classify(k % 2 ? zh : en, buf, (size_t)k, &r);
    cls_result_free(&r);
  }
  /* a pasted wall of text: the sanitised text is kept whole, only its first 2 KiB are read */
  strbuf big = {0};
  for (int i = 0; i < 30000; i++) sb_puts(&big, "您");
  cls_classify(zh, big.s, big.len, &r);
  assert_int_equal(strlen(r.text), big.len);
  assert_true(strlen(r.norm) <= 2048);
  assert_int_equal(strlen(r.norm) % 3, 0);          /* cut at a character boundary */
  cls_result_free(&r);
  sb_free(&big);
  cls_classify(en, "", 0, &r);
  assert_int_equal(r.moves, 0);
  assert_int_equal(r.n_matches, 0);
  cls_result_free(&r);
  assert_string_equal(cls_guess_lang("您好"), "zh");
  assert_string_equal(cls_guess_lang("hello"), "en");
  assert_int_equal(cls_move_from_name("ask_commitment"), CLS_ASK_COMMITMENT);
  assert_int_equal(cls_move_from_name("nope"), -1);
  assert_string_equal(cls_move_name(CLS_HANDLE_OBJECTION), "handle_objection");
  assert_string_equal(cls_slot_name(CLS_SLOT_PLACE), "place");
  diag d;
  diag_init(&d);
  assert_null(cls_new("fr", NULL, &d));
  char *msg = diag_format(&d.v[0]);
  assert_string_equal(msg, "classify: error: no lexicon for language 'fr' (zh or en)");
  free(msg);
  diag_free(&d);
}

/* 1 when the reading lists a match with this label whose phrase shows as `phrase` in English
** (a rule's id shown as its statement, cls_match_text). */
static int has_match(const cls_result *r, const char *label, const char *phrase) {
  int found = 0;
  for (int i = 0; i < r->n_matches && !found; i++) {
    char *shown = cls_match_text(&r->matches[i], "en");
    found = strcmp(r->matches[i].label, label) == 0 && strcmp(shown, phrase) == 0;
    free(shown);
  }
  return found;
}

/* Misreadings found in play, each fixed by a rule: a question about the customer's own costs,
** a low price, a state question, a dated payment with an amount, a courtesy with a question. */
static void test_rules_from_play(void **st) {
  (void)st;
  cls_result r = run(en, "Do missed appointments or cancellations cost you much?");
  assert_int_equal(r.tactic, CLS_TACTIC_NONE);
  assert_true(has_match(&r, "asked:loss_appeal", "rule: a question about the customer's own losses is discovery"));
  int id = 0;   /* the reading holds the rule's id; the words are the catalogue's */
  for (int i = 0; i < r.n_matches; i++) id |= strcmp(r.matches[i].phrase, "rule:loss_asked") == 0;
  assert_true(id);
  cls_result_free(&r);
  expect_moves(en, "Do missed appointments or cancellations cost you much?", "closed_question");
  expect_moves(en, "Every semester you wait, you lose another intake of students.", "loss_appeal");
  expect_moves(en, "It's only 49 a month per chair, the cheapest price on the market.", "");
  expect_moves(zh, "和现在的系统对接这块,情况怎么样?", "open_question");
  r = run(zh, "李总,今天是十五号,四万八千元尾款今天必须付清。");
  assert_true(has_match(&r, "ask_payment", "rule: a payment with a date and an amount is a demand"));
  assert_string_equal(r.slots[CLS_SLOT_TIME], "今天");
  cls_result_free(&r);
  expect_moves(zh, "尾款上个月已经付清了。", "");                  /* no amount, no date: a statement */
  expect_moves(zh, "我们一块去付款,明天。", "");                   /* "一块" is "together", no sum */
  r = run(en, "Good morning! Do you use any booking software?");
  assert_null(r.slots[CLS_SLOT_TIME]);                                /* "morning" greets */
  assert_true(has_match(&r, "inside-phrase:time", "en.part_of_day"));
  cls_result_free(&r);
  expect_moves(en, "Good morning! Do you use any booking software?", "greet closed_question");
  expect_moves(en, "hey, how's it going?", "greet");
  r = run(zh, "关于这三点,您能不能请王主任一起来看看?");
  assert_null(r.slots[CLS_SLOT_TIME]);
  assert_int_equal(r.specific, 0);
  cls_result_free(&r);
}

/* Sums of money: Chinese numerals with their spoken shortening, digits, signs, and the counts,
** times and words that are no money; a payment ask naming the sum and a day is specific. */
/* A scenario file and a classifier made for it, as a game makes them; drop_scenario frees both. */
typedef struct loaded { diag d; scenario *s; cls_classifier *c; } loaded;
static void load_scenario(loaded *l, const char *path) {
  diag_init(&l->d);
  l->s = scc_load(path, &l->d);
  assert_non_null(l->s);
  l->c = cls_new(NULL, l->s, &l->d);
  assert_non_null(l->c);
}
static void drop_scenario(loaded *l) {
  cls_free(l->c);
  scn_free(l->s);
  diag_free(&l->d);
}

/* The line read by c has the time slot `time`. */
static void expect_time(const cls_classifier *c, const char *line, const char *time) {
  cls_result r = run(c, line);
  assert_non_null(r.slots[CLS_SLOT_TIME]);
  assert_string_equal(r.slots[CLS_SLOT_TIME], time);
  cls_result_free(&r);
}

/* 下周 + 一起 is next week, not next Monday (cls_late_together; play-test 28b #9: the debrief's own
** Try line "...下周一起看一次演示?" read Monday and was +15 specific); 下周一 before anything else stays
** Monday, and a bare 星期一起步 is Monday. */
static void test_together(void **st) {
  (void)st;
  static const struct { const char *line, *time; } cases[] = {
    { "周处长,能不能由您出面,邀请信息中心和教务处负责人下周一起看一次演示?", "下周" },
    { "这个星期一起吃个饭吧", "这个星期" },
    { "下周一上午十点一起看演示,可以吗?", "下周一上午十点" },
    { "下周一我们一起过去", "下周一" },
    { "星期一起步", "星期一" },
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) expect_time(zh, cases[k].line, cases[k].time);
}

/* "Tuesday week" is a week from Tuesday: the slot keeps "week" (cls_late_weekday_week; play-test
** 28d: the customer said "Tuesday" back, a week early); "Tuesday works, and the week after ..." does
** not take it in. */
static void test_weekday_week(void **st) {
  (void)st;
  static const struct { const char *line, *time; } cases[] = {
    { "Could we start on Tuesday week, with Tereza at the first delivery?", "tuesday week" },
    { "Tuesday works, and the week after we review it.", "tuesday" },
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) expect_time(en, cases[k].line, cases[k].time);
}

/* Play-test 29b (a fresh Chinese play-test): lines of its visits, read in their scenarios. */
static void test_play_test_29(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  /* F1: a recap that pairs her needs with what is done about them stays a summary, closed by a
  ** yes/no or a check; her needs alone played back and checked still confirm them */
  expect_moves(L.c, "那我总结一下:夜班人手紧、输液没人盯的问题,用自动报警解决;老HIS对接由我们负责,不给您添乱;"
                    "给院里的交代,有同类医院的实际数据支撑。这样看,是不是能解决您提到的几个问题?",
               "summarize_benefits");
  cls_result r = run(L.c, "理解,信息科就三个人,接口必须厂家全包。我总结下:参数里写明HIS现场对接演示、接口由厂家负责到底,"
                          "这样既避免移动查房那种两边录的情况,也不给您三个人添活。您还有别的要补充的吗?");
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  assert_false(CLS_HAS(&r, CLS_CONFIRM_NEED));
  cls_result_free(&r);
  expect_moves(L.c, "我总结一下:夜班人手紧、输液没人盯,老HIS接不上,是这两块吧?", "confirm_need");
  /* F1: a plan of what to bring, closed by "还缺什么吗?", checks for open points */
  r = run(L.c, "那汇报我就准备两块内容:智慧病房能覆盖评审里护理信息化的哪几条,以及同类医院上线后的夜班呼叫、"
               "输液差错数据。您觉得还缺什么吗?");
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  cls_result_free(&r);
  drop_scenario(&L);
  /* F2: "今天要是能付清" asks for the whole balance today: the rung keyed 今天付清, not a date */
  load_scenario(&L, "scenarios/payment-collection.yaml");
  r = run(L.c, "要不这样,您今天要是能付清,我跟领导申请给您打个九五折,两千四就省下来了");
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "pay_in_full");
  cls_result_free(&r);
  r = run(L.c, "今天先付两万,剩下两万八月底前付清,您看行吗?");
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "part_and_date");
  cls_result_free(&r);
  drop_scenario(&L);
  /* F3: a deal said to run out this month is a loss appeal; a few samples asked for are no order */
  load_scenario(&L, "scenarios/dealer-first-visit.yaml");
  r = run(L.c, "那你要不先拿几片样品看看嘛,我们这个月有政策,过了这个月就没了哦");
  assert_true(CLS_HAS(&r, CLS_LOSS_APPEAL));
  assert_int_equal(r.tactic, CLS_TACTIC_LOSS);
  assert_false(CLS_HAS(&r, CLS_ASK_ORDER));
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_int_equal(r.commitment, -1);
  cls_result_free(&r);
  r = run(L.c, "陈总,这个月先下一批首批试单,您看行吗?");
  assert_true(CLS_HAS(&r, CLS_ASK_ORDER));
  cls_result_free(&r);
  drop_scenario(&L);
  /* F5: "sold out", the scenario's sell-through benefit keyword, is that benefit, no loss cue: the
  ** limited run said as why no store has them is the benefit, not pressure; "140 left" still presses */
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  r = run(L.c, "Each set is hand-glazed in Chaozhou and numbered, only 1,000 made, so no department store has them. "
               "Shops like yours that took 40 last spring sold out by May.");
  assert_false(CLS_HAS(&r, CLS_LOSS_APPEAL));
  assert_int_equal(r.tactic, CLS_TACTIC_GAIN);
  cls_result_free(&r);
  r = run(L.c, "There are only 140 sets left and they will be gone by Friday.");
  assert_true(CLS_HAS(&r, CLS_LOSS_APPEAL));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A later time after a correction cue is the line's time (cls_late_corrected_time; play-test 29
** F1: "this Thursday - actually no, make that Monday the 9th at 8am" was booked for Thursday); a
** choice, a range and "Monday, not Tuesday" keep the first. */
static void test_corrected_time(void **st) {
  (void)st;
  static const struct { const char *line, *time; } en_cases[] = {
    { "Can we put the demo in for Wednesday - no sorry, Friday at 11, with your shift leads?", "friday at 11" },
    { "Could your buyer come over tomorrow at 3, actually make it Thursday morning?", "thursday morning" },
    { "Let's book the install for the 12th, er, I meant the 14th, with Sam on site.", "the 14th" },
    { "Could we do Monday, scratch that, Tuesday, oh no wait, Wednesday at 10?", "wednesday at 10" },
    { "Could we meet on Tuesday or Wednesday with your IT lead?", "tuesday" },
    { "Could we meet Monday, not Tuesday, with your IT lead?", "monday" },
    { "Our support desk answers Monday - Friday.", "monday" },
    /* the day taken back said again in the reason is no part of the one settled on (play-test 29c F7) */
    { "A pilot starting Monday the 3rd - sorry, Monday the 10th, the 3rd is too tight for headsets - with Grace?",
      "monday the 10th" },
  };
  for (size_t k = 0; k < sizeof en_cases / sizeof *en_cases; k++) expect_time(en, en_cases[k].line, en_cases[k].time);
  static const struct { const char *line, *time; } zh_cases[] = {
    { "下周三,哦不,下周五上午十点,请王经理一起来看样品可以吗?", "下周五上午十点" },
    { "明天下午,说错了,后天下午三点,您带财务一起过来看看行吗?", "后天下午三点" },
    { "这周四,我的意思是下周四,咱们请采购部一起开个会,好吗?", "下周四" },
    { "周四还是周五,请您和主任一起来看演示?", "周四" },
    /* "围绕两点讲" counts points, no clock time (play-test 29c F7: 十点 became 两点) */
    { "汇报我就围绕两点讲:一是补上评级的空白;二是数据说话。下周二上午十点,在孙院长办公室,您带我过去,行吗?",
      "下周二上午十点" },
  };
  for (size_t k = 0; k < sizeof zh_cases / sizeof *zh_cases; k++) expect_time(zh, zh_cases[k].line, zh_cases[k].time);
}

/* A need played back in other words than its examples' links by it-trial's keyword "hear ...
** first" (play-test 29 F5: "... and you need the right person to hear about it first. Is that
** fair?" confirmed only the alert noise, 0.09 by meaning to early_warning). */
static int links_need(const loaded *l, const cls_result *r, const char *id) {
  for (int i = 0; i < r->n_needs; i++)
    if (strcmp(l->s->needs[r->needs[i]].id, id) == 0) return 1;
  return 0;
}

static void test_hear_first(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/it-trial.yaml");
  cls_result r = run(L.c, "You need the right person to hear of a fault first.");
  assert_true(links_need(&L, &r, "early_warning"));
  cls_result_free(&r);
  r = run(L.c, "So you'd want to be the first to know when a handheld drops?");
  assert_true(links_need(&L, &r, "early_warning"));
  cls_result_free(&r);
  r = run(L.c, "So what matters is that your team hears about problems first?");
  assert_true(links_need(&L, &r, "early_warning"));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_dated_proposal: a question that proposes a dated step of the ladder asks for it, even
** when its subject is not "you" or a question word stands inside it (wave 15's fresh lines,
** opened in play-test 29: eight rungs missed so); a question about the past, or one that links no
** rung, stays a question. */
static void test_dated_proposal(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  cls_result r = run(L.c, "What if a few of the overnight crew used PickRight for a month from Monday the 17th, "
                          "Grace choosing which ones?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_false(CLS_HAS(&r, CLS_OPEN_QUESTION));
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "night_pilot");
  assert_true(r.specific);
  cls_result_free(&r);
  r = run(L.c, "Could you tell me what happened on the night of the 3rd?");
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/it-trial.yaml");
  r = run(L.c, "What if your team ran Beacon at the Reno site for two weeks from Tuesday the 5th, with Marcus on the first call?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.specific);
  cls_result_free(&r);
  r = run(L.c, "What did the floor manager do last Tuesday?");
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_rung_by_meaning: a question in a request's shape whose nearest rung by meaning scores
** 0.20 or more asks for it (play-test 31); asking to be told or a question about her world stays as
** read.  And an ask of a kind the ladder has no rung of names one of its rungs. */
static void test_rung_by_meaning(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  cls_result r = run(L.c, "What if I kept forty sets aside in your name until Friday, while your bookkeeper looks?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_false(CLS_HAS(&r, CLS_OPEN_QUESTION));
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "reserve_sets");
  cls_result_free(&r);
  r = run(L.c, "Is the window at the front yours to dress?");
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  r = run(L.c, "Could you tell me which forty sets your bookkeeper would keep aside?");
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/referral-follow-up.yaml");
  r = run(L.c, "Could I jot down your sister's number, and may I tell her you sent me?");
  assert_true(CLS_HAS(&r, CLS_ASK_REFERRAL));
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "share_number");
  cls_result_free(&r);
  drop_scenario(&L);
  /* an order by its words, in a ladder with no order rung, names the rung it has (kind_fits) */
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  r = run(L.c, "Could we put eight of Grace's pickers on headsets for a month of nights from the 10th, with Martin signing "
               "the paperwork?");
  assert_true(CLS_HAS(&r, CLS_ASK_ORDER));
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "night_pilot");
  cls_result_free(&r);
  drop_scenario(&L);
}

/* Play-test 28: lines of the fresh testers' visits, read in their scenarios. */
static void test_play_test_28(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  /* her need said back, closed by a yes/no tag, confirms it (F1: the model's payment ask, "-15 ...
  ** names no amount" in a visit with no payment); a request after the same words still asks */
  expect_moves(L.c, "Makes sense, back-room stock is dead money. So it has to sell through by the end of spring. Is that the bar?",
               "confirm_need");
  expect_moves(L.c, "So it has to sell through by the end of spring, have I got that right?", "confirm_need");
  cls_result r = run(L.c, "So it has to sell through by the end of spring. Could you order forty sets by Friday?");
  assert_true(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  /* a payment ask the model alone read, naming no money, in a scenario with no payment rung asks
  ** for a step */
  r = run(L.c, "Makes sense, back-room stock is dead money. So it has to sell through by the end of spring, can we agree on that?");
  assert_false(CLS_HAS(&r, CLS_ASK_PAYMENT));
  cls_result_free(&r);
  /* a suggestion of her step naming the rung asks for it, and "in window" is where (F5, F3: proof,
  ** then "-15 no person or place" for the ask she agreed to) */
  static const char *const window[] = {
    "maybe you put one sample set in window two weeks and see how customers like? I bring it friday",
    "no need decide now. I bring the sample set friday 10am, you try in window two weeks, ok?" };
  for (size_t i = 0; i < sizeof window / sizeof *window; i++) {
    r = run(L.c, window[i]);
    assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
    assert_false(CLS_HAS(&r, CLS_PROOF));
    assert_true(r.specific);
    assert_non_null(r.slots[CLS_SLOT_PLACE]);
    assert_string_equal(r.slots[CLS_SLOT_PLACE], "in window");
    assert_true(r.commitment >= 0);
    assert_string_equal(L.s->commitments[r.commitment].id, "window_sample");
    cls_result_free(&r);
  }
  r = run(L.c, "Maybe you could tell me how your customers like the sets you stock now?");   /* no rung: no ask */
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  r = run(L.c, "It's a statement piece for your window, the kind of find your regulars talk about.");
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
  /* an offer of the price list after a feature list asks for no step, and links no rung (F4: the
  ** reference visit refused, two -15s) */
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  r = run(L.c, "Hi Grace. So PickRight is voice picking, headsets, check digits, works in -30, integrates with any WMS. "
               "Want to see the price list?");
  assert_false(r.moves & CLS_ASK_MOVES);
  assert_true(CLS_HAS(&r, CLS_SELLER_ACTION));
  assert_int_equal(r.commitment, -1);
  cls_result_free(&r);
  drop_scenario(&L);
  /* a keep-in-touch proposal is a vague ask, not a discovery question (F4) */
  load_scenario(&L, "scenarios/it-trial.yaml");
  r = run(L.c, "sorry sorry. what if i send you some brochures and we keep in touch?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.vague);
  assert_false(CLS_HAS(&r, CLS_OPEN_QUESTION));
  cls_result_free(&r);
  r = run(L.c, "how about i send you some brochures and we keep in touch?");
  assert_true(r.vague);
  cls_result_free(&r);
  r = run(L.c, "Could you put me in touch with your IT lead?");   /* a contact asked for: not vague */
  assert_false(r.vague);
  cls_result_free(&r);
  drop_scenario(&L);
  /* the price called good is no price cut (28b #6: "-20 ... 你提出降价"); the cut a turn later is */
  load_scenario(&L, "scenarios/campus-platform.yaml");
  r = run(L.c, "关系很大啊，您们学校两万多学生，用了肯定效率提高很多，而且我们价格也很优惠的");
  assert_false(CLS_HAS(&r, CLS_DISCOUNT));
  cls_result_free(&r);
  r = run(L.c, "肯定能的，那周处长要不咱们这个月就把合同签了吧，现在签还有折扣");
  assert_true(CLS_HAS(&r, CLS_DISCOUNT));
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/payment-collection.yaml");
  /* the visit explained as just dropping by is small talk, not an empty line (28b v7: "这个我知道。") */
  expect_moves(L.c, "嘿嘿李总，也没啥事，就是路过来看看您", "small_talk");
  expect_moves(L.c, "没啥事,就想来跟您聊聊。", "small_talk");
  /* the payment put off to no day is a vague payment ask, as the vague ask before it was (28b v7);
  ** in a collection visit a deferral to her convenience too */
  static const char *const put_off[] = { "好的好的，那您有钱了再说", "等您方便了再说", "好的,那以后再说吧",
                                         "那个…尾款的事，您看啥时候方便就给一下呗，不着急" };
  for (size_t i = 0; i < sizeof put_off / sizeof *put_off; i++) {
    r = run(L.c, put_off[i]);
    assert_true(CLS_HAS(&r, CLS_ASK_PAYMENT));
    assert_true(r.vague);
    assert_false(r.specific);
    cls_result_free(&r);
  }
  r = run(L.c, "我回头问问经理再说");   /* the seller's own deferral asks nothing */
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  /* "您心里有个数吗?" asks for an estimate: the idiom's bigrams link no worry (pt27b v3 turn 3
  ** linked the quality worry through "...您心里窝火吧?"); the worry asked in its own words still links */
  r = run(L.c, "那甲方的进度款大概哪天能到账?您心里有个数吗?");
  assert_int_equal(r.n_needs, 1);
  assert_string_equal(L.s->needs[r.needs[0]].id, "cash_flow");
  cls_result_free(&r);
  r = run(L.c, "样板间那个接缝的事,您心里窝火吧?");
  assert_int_equal(r.n_needs, 1);
  assert_string_equal(L.s->needs[r.needs[0]].id, "quality_doubt");
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/campus-platform.yaml");   /* the idiom told, a benefit's words, stays */
  r = run(L.c, "以后每天到课情况自动推到家长手机上,父母心里有数。");
  assert_true(r.n_benefits >= 1);
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/it-trial.yaml");   /* no payment rung: a bare deferral stays none */
  r = run(L.c, "有空再说吧。");
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
}


/* A name of the table opening a clause, with no comma, is who it is said to: the question after
** it is read ("anyway grace whats going wrong on the floor" read as nothing: play-test 11). */
static void test_addressed_name(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  cls_classifier *c = L.c;
  static const char *const lines[] = { "anyway grace whats going wrong on the floor", "martin how would you fund this" };
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    cls_result r = run(c, lines[i]);
    assert_true(CLS_HAS(&r, CLS_OPEN_QUESTION));
    cls_result_free(&r);
  }
  drop_scenario(&L);
}

/* A rung needs nobody to bring when fewer than a quarter of its example asks name a person or a
** place: tableware's reservation has one example of twelve that says "for your shop" (it had made
** a dated reservation ask vague, -15, in a replay of round 10); the window sample is set up in
** the shop, the hospital's tender specs are a document. */
static void test_rung_needs_no_who(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  int reserve = -1, window = -1;
  for (int j = 0; j < L.s->n_commitments; j++) {
    if (strcmp(L.s->commitments[j].id, "reserve_sets") == 0) reserve = j;
    if (strcmp(L.s->commitments[j].id, "window_sample") == 0) window = j;
  }
  assert_true(reserve >= 0 && window >= 0);
  assert_int_equal(cls_rung_needs_no_who(L.c, reserve), 1);
  assert_int_equal(cls_rung_needs_no_who(L.c, window), 0);
  drop_scenario(&L);
}

/* Scenario lines found in the replays of earlier rounds after corpus sets 12 and 13: a request
** opened by "那您看这样行不," asks (the campus demo was given for it before, refused after), and a
** needs recap closed by its tag keeps the check that follows ("还有漏的吗"). */
static void test_campus_replays(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/campus-platform.yaml");
  cls_result r = run(L.c, "那您看这样行不，下周二或者周三下午，您出面约一下信息中心李主任和教务处陈处长，我们来现场演示一次，一个小时左右");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  r = run(L.c, "我确认下哈，您这边现在最头疼的两件事：一是辅导员每天早上统计签到，占掉两三个人上午；二是报表要从各学院收Excel手工对。是这两块吧？还有漏的吗");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A request clause naming one of the scenario's rungs by its keyword is an ask, whatever the
** model says of the line; a clause asking to be told about it is not (play-test, round 11: the
** campaign's third visit ended "without any ask", -40). */
static void test_scenario_ask(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  cls_classifier *c = L.c;
  cls_result r = run(c, "那这三条您看能写进技术参数不？招标公告下个月几号挂网，能跟我说个准日子吗？");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));   /* (the model agrees since corpus sets 12-14; kept by the rung's keyword when it does not) */
  cls_result_free(&r);
  r = run(c, "能跟我讲讲你们招标的流程吗？");
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  /* a request made by a tag clause of its own asks for the clause before it (play-test 12) */
  r = run(c, "所以总的说：护士夜班不用来回跑，输液有人盯，HIS也不用动。那主任，今年底报明年信息化预算的时候，您把智慧病房这个项目先报进去，行吗？预算数我这周五前给您一版测算。");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  /* a specific ask stays specific with the seller's promise after it (play-test, round 11: -15
  ** "not specific" for "...能不能把智慧病房这个项目报进去? 预算材料我这周五前给您准备好") */
  r = run(c, "那赵主任，明年的信息化预算您这边这个月底前要报上去吧？能不能把智慧病房这个项目报进去？预算材料我这周五前给您准备好");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.specific);
  cls_result_free(&r);
  /* a recap of her needs closed by "主要就这两点吧?" checks them: no ask, whatever the model makes
  ** of its 吧 (play-test, round 11: "行是行,你说个时间。") */
  r = run(c, "那我捋一下哈：一是夜班人手紧，输液快完了全靠病人按铃；二是新系统必须跟你们老HIS接得上。主要就这两点吧？");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
  /* a yes-no question naming the rung asks for it, the seller doing it for her (play-test 23:
  ** the order vetoed, and Helen answered "Yes, that's it.") */
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  r = run(L.c, "Exactly, and nobody else will have these. Can I put you down for 40 sets?");
  assert_true(CLS_HAS(&r, CLS_ASK_ORDER));
  cls_result_free(&r);
  /* "now" closing an order ask is its time (play-test 23: -15 "no time"); "right now" telling how
  ** things are is none */
  r = run(L.c, "Great, so shall I write up the order for 40 sets now?");
  assert_true(CLS_HAS(&r, CLS_ASK_ORDER));
  assert_non_null(r.slots[CLS_SLOT_TIME]);
  assert_string_equal(r.slots[CLS_SLOT_TIME], "now");
  cls_result_free(&r);
  r = run(L.c, "Right now you order from the big wholesalers, don't you?");
  assert_null(r.slots[CLS_SLOT_TIME]);
  cls_result_free(&r);
  drop_scenario(&L);
  /* a request form about her worry checks it: the payment word of the seller's offer before it
  ** is no demand (play-test 23: 李总 took a part payment on a summary, and it was -15 "没有金额");
  ** a request for the money that names a worry still asks */
  load_scenario(&L, "scenarios/payment-collection.yaml");
  r = run(L.c, "我总结一下:您这个月现金紧,是因为甲方进度款没到;踢脚线的接缝让您不踏实。踢脚线我们明天上午免费修好、"
               "请甲方一起验收;付款这边我们可以分两次,减轻您这个月的压力。这样能解决您的顾虑吗?");
  assert_false(r.moves & CLS_ASK_MOVES);
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  r = run(L.c, "您的顾虑我明白,那今天先付两万,剩下两万八月底前付清,行吗?");
  assert_true(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
  /* her trouble played back and asked about is no gain appeal, whatever the model reads (play-test
  ** 23: +15 "showed the gain"); the benefit said to her still is one */
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  r = run(L.c, "So the errors cluster in two aisles where frosted labels make the cases hard to tell apart. "
               "Do the pickers have to take their gloves off to use the scanners or paper lists?");
  assert_false(CLS_HAS(&r, CLS_GAIN_APPEAL));
  assert_int_equal(r.tactic, CLS_TACTIC_NONE);
  cls_result_free(&r);
  /* a summary in texting style names what each of them gets by the needs it meets: a summary,
  ** whatever the model says and though no benefit links (play-test 23: a needs check, and the ask
  ** after it "without first summing up") */
  r = run(L.c, "so to recap: grace gets the wrong cases gone even with frosty labels, martin gets his money back inside "
               "12 months. fair?");
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  r = run(L.c, "Grace, with PickRight the picker reads back a check digit on the slot before every pick, so a wrong case never leaves the aisle.");
  assert_true(CLS_HAS(&r, CLS_GAIN_APPEAL) || CLS_HAS(&r, CLS_PRESENT_BENEFIT) || r.n_benefits > 0);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A confirmation that restates the customer's trouble is no loss appeal; one that looks ahead to
** a loss still is (a blind trainer's scenario, round 11: -20 and an angry customer for "这个让您很
** 被动,是吗?"). */
static void test_restated_pain(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "tests/fixtures/water-renewal.yaml");
  cls_classifier *c = L.c;
  cls_result r = run(c, "就是说现在换滤芯全靠纸质签字，一查就拿不出证明，这个让您很被动，是吗？");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_false(CLS_HAS(&r, CLS_LOSS_APPEAL));
  assert_true(cls_has_label(&r, "loss_appeal"));   /* the rule's match says why */
  cls_result_free(&r);
  r = run(c, "如果不换，明年评审就会扣分，对吧？");
  assert_true(CLS_HAS(&r, CLS_LOSS_APPEAL));
  cls_result_free(&r);
  r = run(c, "合同下个月就到期了，现在续的话还能享受老价格，过了这个月就要涨价了哦。");
  assert_true(CLS_HAS(&r, CLS_LOSS_APPEAL));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_read_recap: two benefits against two voiced needs, right after they were confirmed or
** already shown, is a summary; a question before the benefits, a need not voiced among the two,
** or a first pitch later on is not.  (The clinic's "Does that cover what you need?" recap with
** no "to sum up" was read as a gain appeal; play-test 9.) */
static int read_recap(const cls_classifier *c, cls_result *r, uint64_t known, uint64_t presented, int after_confirm,
                 const cls_result *prev) {
  cls_recap_ctx v = { known, presented, after_confirm, prev, 0, 1, 0, { NULL }, 0 };
  return cls_read_recap(c, r, &v);
}

/* A recap over several lines closed by a check (cls_read_recap with a run): benefit statements
** one per line, then a line that states one more and checks, sum up when together they cover
** every need she confirmed (play-test 13: "Fair summary." from the customer, "without first
** summing up" from the debrief).  Not with no need confirmed, not for a question of its own
** ("how much does it cost?"), not when a line's benefit answers nothing she voiced. */
static void test_recap_checked(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/examples/clinic-booking.yaml");
  cls_classifier *c = L.c;
  cls_result a = run(c, "so with chairtime patients book and move their own slots online, so jade's off the phone for that");
  cls_result b = run(c, "and everyone gets a text the day before automatically, so the forgetters get a nudge without anyone calling");
  assert_int_equal(a.n_benefits, 1);
  assert_int_equal(b.n_benefits, 1);
  const char *check = "and no double bookings since the calendar is one place, not a paper list. does that sound like it'd fix the stuff you mentioned?";
  cls_recap_ctx v = { 3, 0, 0, &b, 0, 0, 3, { &b, &a }, 2 };
  cls_result r = run(c, check);   /* the model alone may read its "fix the stuff you mentioned?" as one */
  assert_int_equal(cls_read_recap(c, &r, &v), 1);
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_int_equal(r.n_benefits, 2);   /* the run's benefits are the summary's */
  assert_true(cls_has_label(&r, "summarize_benefits"));
  cls_result_free(&r);
  v.confirmed = 0;   /* nothing confirmed yet: a pitch and a question */
  r = run(c, check);
  assert_int_equal(cls_read_recap(c, &r, &v), 0);
  cls_result_free(&r);
  v.confirmed = 3;
  r = run(c, "how much does it cost?");
  assert_int_equal(cls_read_recap(c, &r, &v), 0);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  v.confirmed = 1;   /* the reminders answer no_shows, which she never voiced */
  v.known = 1;
  r = run(c, check);
  assert_int_equal(cls_read_recap(c, &r, &v), 0);
  cls_result_free(&r);
  v.known = 3;
  v.n_run = 1;   /* one benefit line and a check naming none: no summary */
  v.run[0] = &a;
  v.confirmed = 1;
  r = run(c, check);
  assert_int_equal(cls_read_recap(c, &r, &v), 0);
  cls_result_free(&r);
  cls_result_free(&a);
  cls_result_free(&b);
  drop_scenario(&L);
}

/* A summary only the model read, of one benefit, that names two of her voiced needs again beside a
** benefit answering one of them, sums up (rule recap_needs; play-test 21: "so: water only when the
** soil needs it, ..." linked three needs and one benefit, and the ask after it was "without first
** summing up"); not with only one of those needs voiced.  (A trainer's scenario file from
** tests/data/links-outside: the line is the team's own, none of that set's.  Its benefit is "a frost
** warning": "a frost text" linked it at 0.17 before linking's concepts, which made the benefit's
** alarm, alert, warn and warning one term that now outweighs its other words: 0.14.) */
static void test_recap_needs(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "tests/data/links-outside/vineyard-sensors.yaml");
  cls_classifier *c = L.c;
  const char *line = "So: water only when the soil needs it, which brings the bill down; Tomás back on the "
                     "crew instead of the probe; and a frost warning in time to save the low block.";
  cls_result r = run(c, line);
  assert_true(r.model_moves & (1ull << CLS_SUMMARIZE_BENEFITS));
  assert_int_equal(r.n_benefits, 1);
  assert_false(r.question);   /* its "which" opens a relative clause (cls_late_relative) */
  cls_recap_ctx v = { 7, 7, 0, NULL, 0, 0, 7, { NULL }, 0 };   /* water, frost and crew voiced */
  assert_int_equal(cls_read_recap(c, &r, &v), 1);
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_false(r.model_moves & (1ull << CLS_SUMMARIZE_BENEFITS));   /* the visit reads it now */
  int by_rule = 0;
  for (int i = 0; i < r.n_matches; i++) by_rule |= strcmp(r.matches[i].phrase, "rule:recap_needs") == 0;
  assert_true(by_rule);
  cls_result_free(&r);
  v.known = v.confirmed = 2;   /* only the frost voiced */
  r = run(c, line);
  assert_int_equal(cls_read_recap(c, &r, &v), 0);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* The bit of need `id` of l's scenario. */
static uint64_t need_bit(const loaded *l, const char *id) {
  for (int i = 0; i < l->s->n_needs; i++)
    if (strcmp(l->s->needs[i].id, id) == 0) return 1ull << i;
  fail_msg("no need %s", id);
  return 0;
}

/* A summary only the model read that plays back two or more of her voiced needs before anything
** was shown is a recap of her needs (rule needs_recap), though a benefit's keyword shares one of
** its phrases: not a first pitch (play-test 27: "+15 Show the gain first", no need confirmed, and
** her answer to "Did I miss anything?" was the new need alone).  With one voiced need it stays the
** first pitch. */
static void test_needs_recap(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/it-trial.yaml");
  const char *line = "Building those by hand must eat days. So the three things are: knowing before the floor "
                     "does, nothing that needs a full-time admin, and the spring audit reports. Did I miss anything?";
  cls_result r = run(L.c, line);
  assert_true(r.model_moves & (1ull << CLS_SUMMARIZE_BENEFITS));
  assert_true(r.n_benefits >= 1);
  uint64_t voiced = need_bit(&L, "early_warning") | need_bit(&L, "small_team") | need_bit(&L, "audit");
  cls_recap_ctx v = { voiced, 0, 0, NULL, 0, 0, need_bit(&L, "early_warning"), { NULL }, 0 };
  assert_int_equal(cls_read_recap(L.c, &r, &v), 0);
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_false(CLS_HAS(&r, CLS_PRESENT_BENEFIT));
  assert_int_not_equal(r.tactic, CLS_TACTIC_GAIN);
  assert_true(cls_has_label(&r, "confirm_need"));
  cls_result_free(&r);
  v.known = v.confirmed = need_bit(&L, "early_warning");   /* only the outage voiced yet */
  r = run(L.c, line);
  assert_int_equal(cls_read_recap(L.c, &r, &v), 0);
  assert_true(CLS_HAS(&r, CLS_PRESENT_BENEFIT));
  assert_false(CLS_HAS(&r, CLS_CONFIRM_NEED));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* Before she has voiced a need, a model-only summary that guesses at her world and ends on an open
** question asks it (play-test 28a F8: a first pitch, "-10 presented before any need"); once a need
** is voiced the visit reads the same words as before. */
static void test_guess_then_ask(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/examples/clinic-booking.yaml");
  const char *line = "No problem at all, I can hear it's busy! So, I mean, I read your email and you said the phones "
                     "are out of control, and I was thinking on the way here that probably a lot of those calls are "
                     "people booking or moving appointments, which is kind of what we do, but I don't want to assume, "
                     "so maybe you can tell me - what are most of those calls actually about?";
  cls_result r = run(L.c, line);
  assert_true(r.model_moves & (1ull << CLS_SUMMARIZE_BENEFITS));
  cls_recap_ctx v = { 0, 0, 0, NULL, 0, 0, 0, { NULL }, 0 };
  assert_int_equal(cls_read_recap(L.c, &r, &v), 0);
  assert_true(CLS_HAS(&r, CLS_OPEN_QUESTION));
  assert_false(CLS_HAS(&r, CLS_PRESENT_BENEFIT));
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  v.known = v.confirmed = 1;   /* a need voiced: the visit reads it as before (a summary here) */
  r = run(L.c, line);
  (void)cls_read_recap(L.c, &r, &v);
  assert_true(CLS_HAS(&r, CLS_PRESENT_BENEFIT) || CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A summary, read by the rules or the model, with nothing voiced and nothing shown yet, is the first
** pitch of what it names (play-test 28c #6: a first line of features after "so basically" was "-15
** Your summary cites needs the customer never voiced"); once something was shown it stays the
** summary. */
static void test_nothing_to_sum_up(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  const char *line = "hi yes thats me!! so basically our sets are hand glazed in chaozhou, 6 piece place settings, "
                     "dishwasher safe, numbered certificate, lead free glaze, and only 1000 made";
  cls_result r = run(L.c, line);
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_true(r.n_benefits > 0);
  cls_recap_ctx v = { 0, 0, 0, NULL, 0, 0, 0, { NULL }, 0 };
  assert_int_equal(cls_read_recap(L.c, &r, &v), 0);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_true(CLS_HAS(&r, CLS_PRESENT_BENEFIT));
  cls_result_free(&r);
  r = run(L.c, line);
  v.presented = 1ull << r.benefits[0];   /* shown before: the summary stands */
  (void)cls_read_recap(L.c, &r, &v);
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A yes/no question that plays back two voiced needs beside a benefit answering one sums up (rule
** recap_question; play-test 28c #3: credited three turns later, to the ask); with one voiced need
** it stays a question. */
static void test_recap_question(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/referral-follow-up.yaml");
  const char *line = "Great to hear. So better coffee, no more bottled water, and the light's sorted - you're happy with it now?";
  uint64_t both = need_bit(&L, "taste") | need_bit(&L, "blinking_light");
  cls_result r = run(L.c, line);
  assert_true(CLS_HAS(&r, CLS_CLOSED_QUESTION));
  cls_recap_ctx v = { both, 0, 0, NULL, 0, 0, both, { NULL }, 0 };
  assert_int_equal(cls_read_recap(L.c, &r, &v), 1);
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_true(cls_has_label(&r, "summarize_benefits"));
  cls_result_free(&r);
  v.known = v.confirmed = need_bit(&L, "taste");
  r = run(L.c, line);
  assert_int_equal(cls_read_recap(L.c, &r, &v), 0);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A summary only the model read, of one benefit the visit had not shown, is its first pitch
** (rule first_pitch: play-test 22, Maggie answered it with her trainer's summary reaction about
** the frost); the same benefit shown before stays the model's summary.  Two pitches in a row are a
** summary over two lines only when together they leave out no need she confirmed. */
static void test_first_pitch(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "tests/data/links-outside/vineyard-sensors.yaml");
  cls_classifier *c = L.c;
  const char *water = "ok here's what vinewatch does. probes in each block tell you on your phone which rows "
                      "are actually dry, so tomas only waters those, and your water bill comes down.";
  cls_result r = run(c, water);
  assert_true(r.model_moves & (1ull << CLS_SUMMARIZE_BENEFITS));
  assert_int_equal(r.n_benefits, 1);
  cls_recap_ctx v = { 7, 0, 1, NULL, 0, 1, 7, { NULL }, 0 };   /* three needs confirmed, nothing shown */
  assert_int_equal(cls_read_recap(c, &r, &v), 0);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_true(CLS_HAS(&r, CLS_PRESENT_BENEFIT));
  assert_int_equal(r.tactic, CLS_TACTIC_GAIN);
  assert_true(cls_has_label(&r, "present_benefit"));
  cls_result p = run(c, water);   /* kept as the line before, as the session keeps it */
  v.presented = 1ull << r.benefits[0];
  assert_int_equal(cls_read_recap(c, &p, &v), 0);
  assert_true(CLS_HAS(&p, CLS_SUMMARIZE_BENEFITS));   /* shown before: the model's summary stands */
  /* the frost pitch after the water pitch: crew time, confirmed, is left out */
  cls_result f = run(c, "the air sensors on the low block text you the moment it heads toward zero, so you can "
                        "fire the wind machine in time.");
  cls_recap_ctx w = { 7, 1ull << r.benefits[0], 0, &r, 0, 1, 7, { NULL }, 0 };
  assert_int_equal(cls_read_recap(c, &f, &w), 0);
  assert_false(CLS_HAS(&f, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&f);
  f = run(c, "the air sensors on the low block text you the moment it heads toward zero, so you can "
             "fire the wind machine in time.");
  w.known = w.confirmed = 3;   /* only water and frost voiced: the two lines sum them up */
  assert_int_equal(cls_read_recap(c, &f, &w), 1);
  assert_true(CLS_HAS(&f, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&f);
  cls_result_free(&p);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A deadline after a recap that names the need the recap left out adds pressure, not the need: no
** second summary (play-test 23: +20 and 赵主任's "你这么一归纳" again); the need stated plainly
** still completes it. */
static void test_recap_then_deadline(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  cls_classifier *c = L.c;
  cls_result p = run(c, "所以参数里可以写进两条:一是必须提供与贵院现有HIS的接口,并有三家以上三级医院的对接案例;"
                        "二是输液监测要能在床旁自动报警到护士站。这两条能保证上线不出问题,我们都能满足。");
  p.moves |= 1ull << CLS_SUMMARIZE_BENEFITS;   /* as the visit read it */
  uint64_t all = (1ull << L.s->n_needs) - 1;
  cls_recap_ctx v = { all, 0, 0, &p, 0, 0, all, { &p }, 1 };
  cls_result r = run(c, "时间上也要抓紧:明年评审前要上线,参数这周要是定不下来,挂网推到下下个月,评审就赶不上了。");
  assert_true(CLS_HAS(&r, CLS_LOSS_APPEAL));
  assert_int_equal(cls_read_recap(c, &r, &v), 0);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  cls_result_free(&p);
  drop_scenario(&L);
}

/* Her situation played back under a frame of the seller's ("Let me check I've understood: ...",
** "我总结一下:一是...二是...") states her needs: of a need and the benefit that answers it from
** the same words, the need (the frame is the seller's, its items are not); no objection. */
static void test_played_back(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  cls_result r = run(L.c, "Let me check I've understood: Grace, frost on the labels makes pickers grab the wrong case, "
                          "and Martin, whatever you take on must pay for itself inside a year.");
  assert_int_equal(r.n_needs, 2);
  assert_int_equal(r.n_benefits, 0);
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  r = run(L.c, "我总结一下:一是夜里护士人手不够,输液快完了没人发现;二是明年评审护理信息化这一项还拿不到分。");
  assert_int_equal(r.n_needs, 2);
  assert_int_equal(r.n_benefits, 0);
  cls_result_free(&r);
  drop_scenario(&L);
  /* a named person of hers asked for time, with a time, is an ask for the rung it describes,
  ** though the verb is no listed action and a "what" stands later in it */
  load_scenario(&L, "scenarios/it-trial.yaml");
  /* a needs recap closed by "is that the full picture?" checks what is left (play-test 23) */
  r = run(L.c, "so if I've got it right you need earlier alerts, less noise, no extra admin, and audit reports "
               "without the manual work, is that the full picture?");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  cls_result_free(&r);
  r = run(L.c, "Could Marcus give us a morning next Tuesday so Beacon runs at Reno for two weeks and we see what it catches?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.specific);
  assert_true(r.commitment >= 0);
  cls_result_free(&r);
  drop_scenario(&L);
  /* 您看了 says she read something: no request form, and the rung keyword beside it (两周) no step
  ** (play-test 23: a pilot asked for, -60); 您看 ... ? still asks */
  load_scenario(&L, "scenarios/campus-platform.yaml");
  r = run(L.c, "这两周您看了资料之后,学生处这边目前最让您费心的是哪些事呢?");
  assert_false(r.moves & CLS_ASK_MOVES);
  assert_int_equal(r.commitment, -1);
  cls_result_free(&r);
  r = run(L.c, "您看下周先挑一个学院试用两周签到,行吗?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  /* a line that opens by saying it sums up names its benefits, closing tag or not (play-test 23) */
  r = run(L.c, "那我总结一下:辅导员不再手工统计签到,学生扫码自动汇总;学生连续缺课,平台第一时间提醒辅导员。不知道我说得对不对?");
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_true(r.n_benefits >= 2);
  cls_result_free(&r);
  drop_scenario(&L);
  /* a confirmation in words of its own that share nothing with any need of hers restates nothing
  ** she said: the question it asks (play-test 23: "Yes, exactly." to a slow tap she never had) */
  load_scenario(&L, "scenarios/referral-follow-up.yaml");
  r = run(L.c, "So the slow tap is the main annoyance, is that right?");
  assert_false(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_true(r.question);
  cls_result_free(&r);
  r = run(L.c, "So that's the main thing, right?");   /* pointing back: the latest need */
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  cls_result_free(&r);
  drop_scenario(&L);
  /* 行不 closing a line that names a day and a step is the tag of an ask (play-test 23) */
  load_scenario(&L, "scenarios/dealer-first-visit.yaml");
  r = run(L.c, "嗯嗯 就是说下周五去临沂 行不");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.commitment >= 0);
  cls_result_free(&r);
  r = run(L.c, "嗯嗯 价格这块行不");   /* no day, no step: a question */
  assert_false(r.moves & CLS_ASK_MOVES);
  cls_result_free(&r);
  drop_scenario(&L);
  /* a clause weakly like another benefit, inside a part of the line that links one strongly, is
  ** that benefit's detail (play-test 23: one pitch became a two-benefit summary) */
  load_scenario(&L, "scenarios/campus-platform.yaml");
  r = run(L.c, "签到这块,学生进教室扫一下码就算签到,系统自动出勤统计,辅导员早上不用再去门口点名。");
  assert_int_equal(r.n_benefits, 1);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A needs recap closed by "是这三件吧?" confirms them and names no benefit (play-test 22: the tag
** was not read, a benefit was linked to "家属打电话问睡眠", and 周院长 answered a benefits summary). */
static void test_needs_recap_tag(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "tests/data/links-outside/eldercare-night.yaml");
  cls_result r = run(L.c, "好的,我梳理一下:护工查房太累留不住人;老人夜里摔了没人知道;家属打电话问睡眠您答不上来。是这三件吧?");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_int_equal(r.n_benefits, 0);
  assert_int_equal(r.n_needs, 3);
  cls_result_free(&r);
  /* a clause opening with 请 that names the person invites: an ask, its rung by meaning
  ** (cls_late_please_invite); 请问 asks a question */
  r = run(L.c, "周四下午我把垫子带来,请刘主管一起看看怎么用?");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_false(CLS_HAS(&r, CLS_OPEN_QUESTION));
  assert_true(r.specific);
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "demo_with_head_nurse");
  cls_result_free(&r);
  r = run(L.c, "请问刘主管周四下午怎么安排夜班?");
  assert_false(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A confirmation tag said to someone by name ("..., right grace?") is the tag (clause.c
** tag_to_a_name; play-test 22: Grace told more instead of confirming). */
static void test_tag_to_a_name(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  cls_result r = run(L.c, "300 wrong cases, and each one a credit note plus an angry grocer. thats the big one for you, right grace?");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_false(CLS_HAS(&r, CLS_CLOSED_QUESTION));
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(&r, cl);
  assert_int_equal(cl[n - 1].mood, CL_MOOD_CONFIRM);
  cls_result_free(&r);
  r = run(L.c, "right, grace, how many pickers work nights?");   /* a question of its own */
  assert_false(CLS_HAS(&r, CLS_CONFIRM_NEED));
  cls_result_free(&r);
  /* her need given back in a statement opening with "so" confirms it (cls_late_restated_statement) */
  r = run(L.c, "so seasonal folks need to be accurate from day two, not week three. got it");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_false(CLS_HAS(&r, CLS_GAIN_APPEAL));
  cls_result_free(&r);
  /* a name alone before the comma addresses the line, a space after the comma or not; a short
  ** Chinese clause that holds a need and a tag is no name (play-test 22) */
  r = run(L.c, "grace, how many pickers work nights?");
  n = cl_read(&r, cl);
  assert_int_equal(n, 2);
  assert_true(cl[0].addressed);
  cls_result_free(&r);
  r = run(zh, "陈总,您看下周三怎么样?");
  n = cl_read(&r, cl);
  assert_true(cl[0].addressed);
  cls_result_free(&r);
  r = run(zh, "利润薄是吧,那我们给您的返点很高的");
  n = cl_read(&r, cl);
  assert_false(cl[0].addressed);
  assert_int_equal(cl[0].mood, CL_MOOD_CONFIRM);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* Play-test 22, hospital-campaign: the budget rung needs nobody to bring (its examples name 赵主任
** only as whom they are said to, and 智慧病房 is the product, no ward: the scenario's lexicon
** ignores it), and a benefits summary closed by "您看这样理解对吗?" keeps the benefits its seller
** clauses state ("我们用输液提醒减轻夜班负担"). */
static void test_hospital_budget_and_recap(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  int j = -1;
  for (int k = 0; k < L.s->n_commitments; k++)
    if (strcmp(L.s->commitments[k].id, "budget_entry") == 0) j = k;
  assert_true(j >= 0);
  assert_int_equal(cls_rung_needs_no_who(L.c, j), 1);
  cls_result r = run(L.c, "那我总结一下:护士人手紧,我们用输液提醒减轻夜班负担;评审有缺口,我们的系统正好补上护理信息化;"
                          "HIS对接有现成的接口。您看这样理解对吗?");
  assert_true(r.n_benefits >= 2);
  assert_true(cls_has_label(&r, "benefit:infusion_alert"));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* An ask that names a rung names its step: a time and a place make it specific whatever verb it
** uses ("leave" is no action word; play-test 22, rung_action); without a time it stays not specific. */
static void test_rung_action(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  cls_result r = run(L.c, "could i leave you a four-place setting for your window for two weeks starting this saturday?");
  assert_true(r.moves & CLS_ASK_MOVES);
  assert_true(r.commitment >= 0);
  assert_string_equal(L.s->commitments[r.commitment].id, "window_sample");
  assert_null(r.slots[CLS_SLOT_ACTION]);
  assert_true(r.specific);
  assert_true(cls_has_label(&r, "specific"));
  cls_result_free(&r);
  r = run(L.c, "could i leave you a four-place setting for your window for a couple of weeks?");
  assert_false(r.specific);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* A summary only the model read that names nothing of the scenario is none (play-test 22: "上次说
** 的学工通 您考虑得咋样了" got the customer's "I never said that was our problem"). */
static void test_no_recap(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/campus-platform.yaml");
  cls_result r = run(L.c, "上次说的学工通 您考虑得咋样了");
  assert_true(r.model_moves & (1ull << CLS_SUMMARIZE_BENEFITS));
  assert_int_equal(r.n_benefits + r.n_needs, 0);
  cls_recap_ctx v = { 0, 0, 0, NULL, 0, 0, 0, { NULL }, 0 };
  assert_int_equal(cls_read_recap(L.c, &r, &v), 0);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_true(cls_has_label(&r, "summarize_benefits"));   /* the rule's note */
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_what_if: a benefit put as a question asks her to picture the gain (play-test 22: Dana
** answered "what if beacon texted your on call guy ...?" with her next need); a supposition with no
** benefit stays a question. */
static void test_what_if(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/it-trial.yaml");
  cls_result r = run(L.c, "what if beacon texted your on call guy the minute a scanner went quiet?");
  assert_true(r.n_benefits >= 1);
  assert_true(CLS_HAS(&r, CLS_GAIN_APPEAL));
  assert_false(CLS_HAS(&r, CLS_OPEN_QUESTION));
  assert_int_equal(r.tactic, CLS_TACTIC_GAIN);
  cls_result_free(&r);
  r = run(L.c, "what if the scanners die at night, who gets the call?");
  assert_true(CLS_HAS(&r, CLS_OPEN_QUESTION));
  assert_false(CLS_HAS(&r, CLS_GAIN_APPEAL));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_read_follow_up: a line that re-times the ask before it asks for the same rung (play-test 17:
** "next tuesday at 10" after "when exactly?" got "OK." and nothing, "How about Friday then?" got
** "What exactly would you want me to do?").  Not a question of its own, not a time in the seller's
** story, not without an ask before, not a line that names a need. */
static void test_follow_up(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/it-trial.yaml");
  cls_classifier *c = L.c;
  cls_result p = run(c, "Could we set up a trial at the Reno site with Marcus?");
  assert_true(p.commitment >= 0);
  assert_null(p.slots[CLS_SLOT_TIME]);
  cls_follow_ctx v = { &p, 1 };   /* she asked "when exactly?" */
  cls_result r = run(c, "next tuesday at 10");
  assert_int_equal(r.commitment, -1);
  assert_int_equal(cls_read_follow_up(c, &r, &v), 1);
  assert_int_equal(r.commitment, p.commitment);
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_true(r.specific);   /* the trial, at Reno with Marcus, next Tuesday at 10 */
  assert_non_null(r.slots[CLS_SLOT_PLACE]);
  assert_true(cls_has_label(&r, "commitment:trial_with_engineer"));
  cls_result_free(&r);
  v.she_asked = 0;   /* a worry about the date, not a question: a plain time is no ask */
  r = run(c, "next tuesday at 10");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 0);
  cls_result_free(&r);
  r = run(c, "How about Friday then?");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 1);
  assert_true(r.specific);
  cls_result_free(&r);
  r = run(c, "What happened on Tuesday?");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 0);
  assert_int_equal(r.commitment, -1);
  cls_result_free(&r);
  r = run(c, "What happened with the scanners last Tuesday, how did you hear about it?");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 0);
  cls_result_free(&r);
  cls_follow_ctx none = { NULL, 1 };
  r = run(c, "next tuesday at 10");
  assert_int_equal(cls_read_follow_up(c, &r, &none), 0);
  cls_result_free(&r);
  cls_result q = run(c, "How did the outage last month reach you?");   /* no ask before */
  cls_follow_ctx after_question = { &q, 1 };
  r = run(c, "How about Friday then?");
  assert_int_equal(cls_read_follow_up(c, &r, &after_question), 0);
  cls_result_free(&r);
  cls_result_free(&q);
  cls_result_free(&p);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  c = L.c;
  p = run(c, "那这样,您今年就把这个项目报上去,预算大概两百万,您看没问题吧?");
  assert_true(p.commitment >= 0);
  v.prev = &p;
  v.she_asked = 0;
  r = run(c, "赵主任您就帮帮忙嘛,这个季度我任务还差不少,您报上去对您也没坏处。");   /* begging, no new date */
  assert_int_equal(cls_read_follow_up(c, &r, &v), 0);
  cls_result_free(&r);
  cls_result_free(&p);
  drop_scenario(&L);
  /* a re-timed ask with a promise of the day after it: the model's guess (a gain appeal) does not
  ** stop it, and goes (play-test 22: 陈总 answered "这么说我心里有点底了" and never heard Friday) */
  load_scenario(&L, "scenarios/dealer-first-visit.yaml");
  c = L.c;
  p = run(c, "那您看下周三,您带上销售经理,跟我去临沂看看刘总的样板店,怎么样?");
  assert_true(p.commitment >= 0);
  v.prev = &p;
  v.she_asked = 0;
  r = run(c, "跑展会要紧。那下周五呢?早上七点从潍坊出发,下午三点前就回来,不耽误您事。");
  assert_false(CLS_HAS(&r, CLS_LEAVE));   /* the promise is no goodbye (cls_late_courtesy) */
  assert_int_equal(cls_read_follow_up(c, &r, &v), 1);
  assert_int_equal(r.commitment, p.commitment);
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  assert_false(CLS_HAS(&r, CLS_GAIN_APPEAL));
  assert_int_equal(r.tactic, CLS_TACTIC_NONE);
  assert_true(r.specific);
  cls_result_free(&r);
  cls_result_free(&p);
  /* a smaller quantity put as a short question re-asks the step refused, lower (the team's
  ** play, play-test 29: "那一个柜呢?" was a closed question, the lowered ask unjudged); a larger
  ** one re-asks it, not lower; "一起" is no quantity */
  p = run(c, "陈总,您看这个月先进三个柜怎么样?");
  assert_true(p.commitment >= 0);
  v.prev = &p;
  r = run(c, "那一个柜呢?");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 1);
  assert_int_equal(r.commitment, p.commitment);
  assert_true(CLS_HAS(&r, CLS_LOWER_ASK));
  cls_result_free(&r);
  r = run(c, "那五个柜呢?");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 1);
  assert_false(CLS_HAS(&r, CLS_LOWER_ASK));
  cls_result_free(&r);
  r = run(c, "那我们一起去看看呢?");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 0);
  cls_result_free(&r);
  cls_result_free(&p);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/tableware-limited-run.yaml");
  c = L.c;
  p = run(c, "Could you order thirty sets for spring?");
  assert_true(p.commitment >= 0);
  v.prev = &p;
  r = run(c, "What about just eight then?");
  assert_int_equal(cls_read_follow_up(c, &r, &v), 1);
  assert_true(CLS_HAS(&r, CLS_LOWER_ASK));
  cls_result_free(&r);
  r = run(c, "How many of them went last year?");   /* a question of its own */
  assert_int_equal(cls_read_follow_up(c, &r, &v), 0);
  cls_result_free(&r);
  cls_result_free(&p);
  drop_scenario(&L);
}

/* cls_late_check_after_needs: "除了夜班人手和输液,还有别的让您头疼的吗?" checks for more after her
** needs (the model had read a question about her trouble; play-test 17); with no need named before
** the check, the model's reading stands. */
static void test_check_after_needs(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  cls_result r = run(L.c, "那次家属闹起来,护理部压力肯定不小。除了夜班人手和输液,还有别的让您头疼的吗?");
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  assert_false(CLS_HAS(&r, CLS_CLOSED_QUESTION));
  assert_true(r.n_needs >= 1);
  cls_result_free(&r);
  r = run(L.c, "夜班两个护士看四十张床,压力大吗?");   /* a question about a need, no check */
  assert_false(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* classify_rung_ask.c joins_chain: "护理部要不要一起?" after a question who decides asks whether they
** are in it too, not for the briefing rung its 孙院长 and 立项 are near by meaning (play-test 32b H2:
** -45 and "行是行,你说个时间。"); a step proposed for them ("一起过来听听") stays an ask. */
static void test_chain_join(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  static const char *const chains[] = {
    "明白，就是评审加分和数据说话这两条。除了孙院长，立项还要过谁？护理部要不要一起？",
    "除了孙院长，立项还要谁签字？护理部要不要也参与？",
    "这个项目谁拍板？财务那边需不需要一起？",
  };
  for (size_t i = 0; i < sizeof chains / sizeof *chains; i++) {
    cls_result r = run(L.c, chains[i]);
    if ((r.moves & CLS_ASK_MOVES) || !CLS_HAS(&r, CLS_ASK_DECISION_CHAIN)) print_error("line: %s\n", chains[i]);
    assert_true(CLS_HAS(&r, CLS_ASK_DECISION_CHAIN));
    assert_false(r.moves & CLS_ASK_MOVES);
    cls_result_free(&r);
  }
  cls_result r = run(L.c, "除了您还有谁要点头？设备科要不要一起过来听听？");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_pay_when: a payment ask that asks her when she will pay, its only time that of her
** answer ("下周能不能给我个准话,大概啥时候能结"), names no day of paying: no time, not specific
** (play-test 32b H4: "+15 有日期、有金额"); a day the seller offers beside the when stands. */
static void test_pay_when(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/payment-collection.yaml");
  static const char *const asks_when[] = {
    "那您看下周能不能给我个准话，大概啥时候能结",
    "下周您给我个准信，哪天能把四万八结了？",
    "您这周五前告诉我一下，剩下的两万八大概几号能打过来",
  };
  for (size_t i = 0; i < sizeof asks_when / sizeof *asks_when; i++) {
    cls_result r = run(L.c, asks_when[i]);
    if (r.slots[CLS_SLOT_TIME] || r.specific) print_error("line: %s\n", asks_when[i]);
    assert_true(CLS_HAS(&r, CLS_ASK_PAYMENT));
    assert_null(r.slots[CLS_SLOT_TIME]);
    assert_false(r.specific);
    cls_result_free(&r);
  }
  cls_result r = run(L.c, "剩下的两万八，下周五还是下下周一，哪天能打过来？");
  assert_non_null(r.slots[CLS_SLOT_TIME]);
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_answer_check: "这样讲孙院长那边能过吗?" closing what the seller will present checks it, no
** ask for the briefing rung (play-test 32b M3: "-15 没有说明时间"); with a day it proposes the step. */
static void test_pass_check(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/hospital-campaign.yaml");
  cls_result r = run(L.c, "好的。那汇报我就围着两条讲：一是护理信息化补上评级扣分项，给孙院长算清能加几分；二是拿兄弟医院"
                          "上线后的数据说话。另外HIS对接方案一起带上。这样讲孙院长那边能过吗？");
  assert_false(r.moves & CLS_ASK_MOVES);
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  r = run(L.c, "汇报我准备两块：评级加分和兄弟医院的数据。下周二下午这样讲给孙院长听，能过吗？");
  assert_true(CLS_HAS(&r, CLS_ASK_COMMITMENT));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_confirm_tail: a need of hers played back and closed by "对不" or "是这个吧" confirms it
** (play-test 32b M4: a closed question, an answer to a worry); a fact closed by "对不" stays a question. */
static void test_confirm_tail(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/dealer-first-visit.yaml");
  static const char *const dealer[] = {
    "价格透明了客户就拿手机跟你砍，利润就薄了，您意思是现在最缺的是能挣钱的牌子，对不",
    "网上一比价利润就薄了，您最头疼的就是毛利，对不？",
    "仓库压着半仓货，钱就套住了，您最怕的是这个吧",
  };
  for (size_t i = 0; i < sizeof dealer / sizeof *dealer; i++) {
    cls_result r = run(L.c, dealer[i]);
    if (!CLS_HAS(&r, CLS_CONFIRM_NEED)) print_error("line: %s\n", dealer[i]);
    assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
    assert_false(CLS_HAS(&r, CLS_CLOSED_QUESTION));
    cls_result_free(&r);
  }
  cls_result r = run(L.c, "您现在代理的是哪两个牌子，对不？");
  assert_false(CLS_HAS(&r, CLS_CONFIRM_NEED));
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/campus-platform.yaml");
  r = run(L.c, "家長都打到校長信箱了學生處才知道，這個確實被動，您最想解決的是這個吧？");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_tail_ask: a long line closed by a bare consent tag ("您看行吗?") that delivers one of the
** scenario's benefits, the seller's own free repair, asks her agreement to it, not for the money
** (play-test 26: "-15 收款要求没有金额" for the offer); an ask in such a line still stands. */
static void test_offer_then_tag(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/payment-collection.yaml");
  static const char *const offers[] = {
    "这个是我们的问题,谢谢您告诉我。我明天上午就安排师傅过去把那间的踢脚线接缝重新处理,不收任何费用,处理完拍照发您和甲方确认,您看行吗?",
    "李总,踢脚线接缝这事确实是我们施工没做到位,给您添麻烦了。我后天一早就带两个师傅过去返工,材料人工都算我们的,弄好了请甲方再验一遍,您看可以吗?",
    /* (a tag that names the day the offer proposed, and her look at the finished work: play-test 26) */
    "明白。这周六上午九点,我带安装师傅去把二号样板间那面墙的踢脚线重新收一下口,修完请您过去看一眼。费用我们出。您看周六行吗?",
    "这个怪我们。下周一下午我让师傅过去把接缝重新打一遍胶,不收钱,您看周一行不行?",
    /* (thanks for what she told, then the fix, closed by "这样可以吗": pt27b v3 turn 4, "收款要求…没
    ** 有金额", play-test 28b) */
    "这个我之前不知道,谢谢您告诉我。是哪一间?我明天就安排师傅过去把踢脚线接缝重新处理,处理完请您验一下,这样可以吗?",
  };
  for (size_t i = 0; i < sizeof offers / sizeof *offers; i++) {
    cls_result r = run(L.c, offers[i]);
    if (r.moves & CLS_ASK_MOVES) print_error("read as an ask: %s\n", offers[i]);
    assert_false(r.moves & CLS_ASK_MOVES);
    assert_true(r.n_benefits >= 1);
    cls_result_free(&r);
  }
  expect_moves(L.c, offers[sizeof offers / sizeof *offers - 1], "thank seller_action");
  static const char *const asks[] = {
    "踢脚线的事让您费心了,我们的问题我们认。明天上午我就安排师傅过去重新处理接缝,处理完拍照发您和甲方,然后尾款四万八您今天先转两万,您看行吗?",
    "谢谢您把情况都跟我说了,我心里有数了。今天我先把发票留下,剩下的两万八下周五之前您转到我们公司账上,我回去给您写个收据,您看行吗?",
    "踢脚线我周六带师傅去修好。尾款四万八您周六转过来,您看周六行吗?",
    "我明天派师傅修好,修完您把尾款结了,行吗?",
    "我明天派师傅修好,修完您把尾款结了,这样可以吗?",
  };
  for (size_t i = 0; i < sizeof asks / sizeof *asks; i++) {
    cls_result r = run(L.c, asks[i]);
    assert_true(CLS_HAS(&r, CLS_ASK_PAYMENT));
    cls_result_free(&r);
  }
  drop_scenario(&L);
}

/* cls_late_benefit_free: a free fix of the flaw she named is the scenario's benefit, no price cut
** (play-test 19: -20 "a discount buys no trust"); a discount of the price itself stays one. */
static void test_benefit_free(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/payment-collection.yaml");
  cls_result r = run(L.c, "这个是我们的问题,明天我就派师傅过去重新处理踢脚线,免费修好。");
  assert_false(CLS_HAS(&r, CLS_DISCOUNT));
  assert_true(r.n_benefits >= 1);
  cls_result_free(&r);
  r = run(L.c, "尾款给您打个九折,今天付清吧。");
  assert_true(CLS_HAS(&r, CLS_DISCOUNT));
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/it-trial.yaml");   /* no benefit of it-trial says "off" */
  r = run(L.c, "I can knock 10% off the licence if you sign today.");
  assert_true(CLS_HAS(&r, CLS_DISCOUNT));
  cls_result_free(&r);
  drop_scenario(&L);
}

/* cls_late_restated_gain: her wishes given back and checked hold out no gain (play-test 19: the
** debrief credited "..., payback inside a year. Is that fair?" as the gain shown). */
static void test_restated_gain(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/warehouse-two-buyers.yaml");
  cls_result r = run(L.c, "So if I've got it: Grace, wrong cases in the frozen aisles and new December staff who need "
                          "to pick right fast; Martin, payback inside a year. Is that fair?");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_false(CLS_HAS(&r, CLS_GAIN_APPEAL));
  assert_int_equal(r.tactic, CLS_TACTIC_NONE);
  cls_result_free(&r);
  drop_scenario(&L);
  load_scenario(&L, "scenarios/dealer-first-visit.yaml");
  r = run(L.c, "我理一下:一是现在的牌子一片砖挣得太少,二是您怕货拿多了砸在手里。对吧?");
  assert_false(CLS_HAS(&r, CLS_GAIN_APPEAL));
  assert_int_equal(r.tactic, CLS_TACTIC_NONE);
  cls_result_free(&r);
  drop_scenario(&L);
}

static void test_recap(void **st) {
  (void)st;
  loaded L;
  load_scenario(&L, "scenarios/examples/clinic-booking.yaml");
  cls_classifier *c = L.c;
  const char *recap = "Your patients would move their own appointments on the website, so Jade's mornings are free "
                      "again, and a text the evening before means far fewer forget to come. Does that cover what you need?";
  const char *asked_first = "Does that cover what you need? Your patients would move their own appointments on the "
                            "website, so Jade's mornings are free again, and a text the evening before means far fewer forget to come.";
  uint64_t both = 3, one = 1;
  cls_result r = run(c, recap);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));   /* the line alone: no */
  assert_int_equal(r.n_benefits, 2);
  assert_int_equal(read_recap(c, &r, both, 0, 1, NULL), 1);
  assert_true(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  assert_false(CLS_HAS(&r, CLS_GAIN_APPEAL));
  assert_int_equal(r.tactic, CLS_TACTIC_GAIN);
  cls_result_free(&r);
  r = run(c, recap);   /* the benefits already shown earlier in the visit */
  assert_int_equal(read_recap(c, &r, both, 3, 0, NULL), 1);
  cls_result_free(&r);
  r = run(c, recap);   /* a first pitch, not after a confirmation */
  assert_int_equal(read_recap(c, &r, both, 0, 0, NULL), 0);
  assert_false(CLS_HAS(&r, CLS_SUMMARIZE_BENEFITS));
  cls_result_free(&r);
  r = run(c, recap);   /* only one of the needs voiced */
  assert_int_equal(read_recap(c, &r, one, 0, 1, NULL), 0);
  cls_result_free(&r);
  r = run(c, asked_first);   /* the question comes before the benefits */
  assert_int_equal(read_recap(c, &r, both, 0, 1, NULL), 0);
  cls_result_free(&r);
  /* a line that names both her needs itself, each with its benefit, sums up whenever it comes
  ** (play-tests, round 10); the first pitch above names them by its benefits only */
  r = run(c, "Jade spends half her morning on the phone moving appointments, and you lose eleven chairs a month to "
             "no-shows: patients move their own bookings online, so the calls stop, and a text reminder the "
             "evening before fills those chairs.");
  assert_int_equal(r.n_needs, 2);
  assert_int_equal(read_recap(c, &r, both, 0, 0, NULL), 1);
  cls_result_free(&r);
  /* over two lines, each a benefit for one of her needs: the second completes the summary and
  ** carries both benefits (play-tests, rounds 9 to 11: the ask after them was marked "without
  ** first summing up"); a second line for the same need, or after a question, does not */
  /* a recap closed by a tag and a check on one line is both (play-test 12: neither, -15 and 30
  ** points below the same words over two lines) */
  r = run(c, "ok so just checking i've got it: jade's stuck on the phone half the morning, and you had 11 no-shows "
             "last month that you still pay for. is that the gist, anything i missed?");
  assert_true(CLS_HAS(&r, CLS_CONFIRM_NEED));
  assert_true(CLS_HAS(&r, CLS_CHECK_CONCERNS));
  cls_result_free(&r);
  cls_result first = run(c, "So with patients moving their own bookings online, Jade gets her mornings back.");
  r = run(c, "And the text the evening before means far fewer empty chairs.");
  assert_int_equal(first.n_benefits, 1);
  assert_int_equal(r.n_benefits, 1);
  assert_int_equal(read_recap(c, &r, both, 1, 0, NULL), 0);   /* alone: one benefit */
  assert_int_equal(read_recap(c, &r, both, 1, 0, &first), 1);
  assert_int_equal(r.n_benefits, 2);
  assert_true(cls_has_label(&r, "summarize_benefits"));
  cls_result_free(&r);
  r = run(c, "And the text the evening before means far fewer empty chairs.");
  assert_int_equal(read_recap(c, &r, one, 1, 0, &first), 0);   /* only one of the needs voiced */
  cls_result_free(&r);
  r = run(c, "And Jade won't spend her mornings on the phone any more.");
  assert_int_equal(read_recap(c, &r, both, 1, 0, &first), 0);   /* the same need again */
  cls_result_free(&r);
  cls_result_free(&first);
  first = run(c, "Would it help if patients moved their own bookings online, so Jade gets her mornings back?");
  r = run(c, "And the text the evening before means far fewer empty chairs.");
  assert_int_equal(read_recap(c, &r, both, 1, 0, &first), 0);   /* the first half was a question */
  cls_result_free(&r);
  cls_result_free(&first);
  drop_scenario(&L);
}

static void test_amounts(void **st) {
  (void)st;
  cls_result r0;
  static const struct { const char *s; double v; } val[] = {
    { "两万四", 24000 }, { "两万", 20000 }, { "四万八千", 48000 }, { "四万八", 48000 }, { "三千五", 3500 },
    { "十二万八", 128000 }, { "一百五", 150 }, { "两万零五百", 20500 }, { "两万零五", 20005 }, { "十", 10 },
    { "十五", 15 }, { "4.8万", 48000 }, { "2万4", 24000 }, { "24000", 24000 }, { "24,000", 24000 },
    { "一亿两千万", 120000000 }, { "八千六", 8600 },
  };
  for (size_t i = 0; i < sizeof val / sizeof *val; i++) {
    double got = amt_value(val[i].s, strlen(val[i].s));
    if (got != val[i].v) print_error("%s: %f\n", val[i].s, got);
    assert_true(got == val[i].v);
  }
  assert_true(amt_value("二四", 6) < 0);
  assert_true(amt_value("", 0) < 0);
  static const struct { const char *t; const char *span; double v; } found[] = {
    { "今天您先转两万四,剩下的两万四下周五付清", "两万四", 24000 },
    { "合同约定本月十五号付清四万八千元", "四万八千元", 48000 },
    { "先付三千五,余款月底", "三千五", 3500 },
    { "今天先付24000元", "24000元", 24000 },
    { "the $4,800 balance by friday", "$4,800", 4800 },
    { "pay 24k by friday", "24k", 24000 },
    { "pay 1,200 dollars today", "1,200 dollars", 1200 },
    { "一块钱都没有", "一块钱", 1 },
    /* the "一" of "一次" is not the sum's (found in play: no amount, so no specific ask) */
    { "您把四万八一次付清", "四万八", 48000 },
    { "定下周五,4.8万一次结清", "4.8万", 48000 },
    { "今天先付一万一,行吗", "一万一", 11000 },
    /* two digits after the unit start the next number: the date (play-test 9 read 58000) */
    { "剩下2.8万30号付清", "2.8万", 28000 },
    { "今天先付2万8", "2万8", 28000 },
    /* chat shorthand for 万 in a Chinese line (play-test, round 11: he agreed to 两万 for "1w") */
    { "那今天先付1w 剩下3.8w下周五前结清", "1w", 10000 },
    { "剩下3.8w下周五前结清", "3.8w", 38000 },
  };
  for (size_t i = 0; i < sizeof found / sizeof *found; i++) {
    amt_hit h;
    int ok = amt_find(found[i].t, strlen(found[i].t), &h);
    if (!ok) print_error("no amount in %s\n", found[i].t);
    assert_true(ok);
    assert_int_equal(h.end - h.start, strlen(found[i].span));
    assert_memory_equal(found[i].t + h.start, found[i].span, strlen(found[i].span));
    assert_true(h.value == found[i].v);
  }
  static const char *const none[] = { "下周三下午三点", "一万个学生在用", "百分之二", "我们一块去", "十五号",
                                       "两三个人", "千万别", "第一步", "at 3pm on the 15th", "30% off",
                                       "两千年的老店", "trial 2w then decide", "1wk" };
  for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
    amt_hit h;
    if (amt_find(none[i], strlen(none[i]), &h)) print_error("amount in %s\n", none[i]);
    assert_false(amt_find(none[i], strlen(none[i]), &h));
  }
  /* a question about when a third party pays the customer is no payment ask; the seller's own
  ** money asked for beside it is one */
  expect_moves(zh, "业主那边的工程款,大概几号到账?", "closed_question");
  expect_moves(en, "When does your client's progress payment usually come in?", "open_question");
  r0 = run(zh, "甲方的钱到了,您这边尾款什么时候能付?");
  assert_true(CLS_HAS(&r0, CLS_ASK_PAYMENT));
  cls_result_free(&r0);
  /* a boast is a feature claim; its proof and gain words back the boast */
  r0 = run(zh, "我们的平台是市面上最好的,五百多所学校都在用,没人比得上!");
  assert_true(CLS_HAS(&r0, CLS_PRESENT_FEATURE));
  assert_false(CLS_HAS(&r0, CLS_PROOF));
  assert_true(has_match(&r0, "boast:gain_appeal", "rule: the gain and proof words of a boast back the boast, not a gain for the customer"));
  cls_result_free(&r0);
  cls_result r = run(zh, "今天付两万四,下周五付剩下的两万四。");
  assert_true(CLS_HAS(&r, CLS_ASK_PAYMENT));
  assert_true(r.has_amount);
  assert_true(r.amount == 24000);
  assert_true(r.specific);
  cls_result_free(&r);
  r = run(zh, "尾款您方便的时候付两万四就行。");   /* a vague time: the sum does not make it specific */
  assert_false(r.specific);
  cls_result_free(&r);
  r = run(zh, "尾款两万四,您看什么时候能付?");     /* no day: not specific */
  assert_false(r.specific);
  cls_result_free(&r);
  /* of several sums, the one the ask wants now: the total comes first, today's part after it */
  r = run(zh, "这四万八咱们拆成两笔:今天先付两万,剩下两万八月底前付清,行吗?");
  assert_true(r.has_amount);
  assert_true(r.amount == 20000);
  cls_result_free(&r);
  r = run(en, "Of the $4,800, could you pay $2,000 today and the rest by Friday?");
  assert_true(r.has_amount);
  assert_true(r.amount == 2000);
  cls_result_free(&r);
  r = run(en, "Could you pay the $4,800 by Friday? I know $2,000 is easier.");   /* no "now": the first */
  assert_true(r.amount == 4800);
  cls_result_free(&r);
}

/* In a visit that collects a payment, a late charge held out is a threat (cls_read_collection,
** play-test 27: "过了今天就要按合同收滞纳金了" was credited "firm, no threat"); the line alone is a
** loss appeal, and a charge waived, or the contract named for the sum and the day, is none. */
/* A bare "what about you?" beside a pitch of the price asks the customer's opinion of the offer
** (label opinion: no discovery credit for the need his answer names, play-test 30a F9); one with a
** question of its own, or with nothing pitched beside it, does not. */
static void test_turn_passing(void **st) {
  (void)st;
  static const struct { const char *line; int opinion; } rows[] = {
    { "so what about you? the price is really good, we can do payment terms too", 1 },
    { "what about you? we can do payment terms too", 1 },
    { "Martin, what about you: what does a mis-pick cost you?", 0 },
    { "what about you?", 0 },
  };
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    cls_result r = run(en, rows[i].line);
    if (cls_has_label(&r, "opinion") != rows[i].opinion) print_error("line: %s\n", rows[i].line);
    assert_int_equal(cls_has_label(&r, "opinion"), rows[i].opinion);
    cls_result_free(&r);
  }
}

static void test_collection_charge(void **st) {
  (void)st;
  static const struct { const char *lang, *line; int threat; } rows[] = {
    { "zh", "李总,今天十五号,四万八尾款必须今天付清。过了今天就要按合同收滞纳金了。", 1 },
    { "zh", "那就好。滞纳金每天千分之五,拖一周就是一千六七,您自己算算划不划得来。", 1 },
    { "zh", "只要今天把日期定下来,滞纳金我们一分都不收。", 0 },
    { "zh", "李总,今天十五号,按合同约定四万八千元尾款今天到期,发票我带来了。", 0 },
    { "en", "If you don't pay today, a late fee of 2% applies.", 1 },
    { "en", "Once the grace period ends on the 28th, late fees kick in automatically.", 1 },
    { "en", "We won't charge any late fee if we agree a date today.", 0 },
  };
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    cls_result r = run(strcmp(rows[i].lang, "zh") == 0 ? zh : en, rows[i].line);
    assert_false(CLS_HAS(&r, CLS_THREAT));   /* alone, no threat: the corpus's loss appeal */
    int got = cls_read_collection(&r);
    if (got != rows[i].threat) print_error("line: %s\n", rows[i].line);
    assert_int_equal(got, rows[i].threat);
    assert_int_equal(CLS_HAS(&r, CLS_THREAT) != 0, rows[i].threat);
    if (rows[i].threat) {
      assert_false(CLS_HAS(&r, CLS_LOSS_APPEAL));
      assert_int_equal(r.tactic, CLS_TACTIC_LOSS);
      assert_true(cls_has_label(&r, "threat"));
    }
    cls_result_free(&r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_every_move),
    cmocka_unit_test(test_specific_slots),
    cmocka_unit_test(test_tail_ask),
    cmocka_unit_test(test_vague),
    cmocka_unit_test(test_negation),
    cmocka_unit_test(test_seller_only),
    cmocka_unit_test(test_questions_and_tactics),
    cmocka_unit_test(test_audit_sources),
    cmocka_unit_test(test_scenario_refs),
    cmocka_unit_test(test_json),
    cmocka_unit_test(test_bytes_and_names),
    cmocka_unit_test(test_rules_from_play),
    cmocka_unit_test(test_recap),
    cmocka_unit_test(test_recap_checked), cmocka_unit_test(test_recap_needs), cmocka_unit_test(test_needs_recap), cmocka_unit_test(test_guess_then_ask), cmocka_unit_test(test_nothing_to_sum_up), cmocka_unit_test(test_recap_question), cmocka_unit_test(test_first_pitch),
    cmocka_unit_test(test_what_if), cmocka_unit_test(test_needs_recap_tag),
    cmocka_unit_test(test_tag_to_a_name), cmocka_unit_test(test_hospital_budget_and_recap),
    cmocka_unit_test(test_rung_action), cmocka_unit_test(test_no_recap),
    cmocka_unit_test(test_follow_up),
    cmocka_unit_test(test_check_after_needs),
    cmocka_unit_test(test_restated_pain),
    cmocka_unit_test(test_scenario_ask), cmocka_unit_test(test_recap_then_deadline), cmocka_unit_test(test_played_back),
    cmocka_unit_test(test_rung_needs_no_who),
    cmocka_unit_test(test_campus_replays),
    cmocka_unit_test(test_play_test_28), cmocka_unit_test(test_play_test_29), cmocka_unit_test(test_together), cmocka_unit_test(test_weekday_week),
    cmocka_unit_test(test_corrected_time), cmocka_unit_test(test_hear_first), cmocka_unit_test(test_dated_proposal), cmocka_unit_test(test_rung_by_meaning),
    cmocka_unit_test(test_addressed_name),
    cmocka_unit_test(test_amounts),
    cmocka_unit_test(test_benefit_free),
    cmocka_unit_test(test_offer_then_tag), cmocka_unit_test(test_chain_join), cmocka_unit_test(test_pass_check),
    cmocka_unit_test(test_confirm_tail),
    cmocka_unit_test(test_pay_when),
    cmocka_unit_test(test_restated_gain),
    cmocka_unit_test(test_collection_charge), cmocka_unit_test(test_turn_passing),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
