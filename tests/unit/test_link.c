/* test_link: linking by meaning (link.h): terms, the index, links per clause, the threshold,
** the classifier's evidence, scenarios without examples, and a lexicon's switched-off phrases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scncheck.h"
#include "testutil.h"

#include "builtin.h"
#include "classify.h"
#include "link_int.h"
#include "lexicon.h"
#include "link.h"
#include "model.h"
#include "scenario.h"
#include "text.h"
#include "util.h"
#include "words.h"

static const char *const base_yaml =
  "id: link-test\ntitle: t\nlanguage: en\ndifficulty: 1\nbrief: b\ncustomer: { name: Dana }\n"
  "needs:\n"
  "  - id: noise\n    said: \"Our scripts send two hundred emails a day.\"\n    keywords: [alert fatigue]\n%s"
  "  - id: audit\n    said: \"Our biggest customer audits us every spring.\"\n    keywords: [uptime report]\n%s"
  "benefits:\n"
  "  - id: grouped\n    answers: noise\n    keywords: [one per incident]\n%s"
  "commitments:\n"
  "  - id: trial\n    level: high\n    action: a two-week trial\n    keywords: [trial]\n";

static const char *const ex_noise =
  "    examples:\n      - \"your team gets so many warnings that they ignore them\"\n"
  "      - \"nobody reads the flood of warning emails any more\"\n"
  "      - \"the monitoring scripts bury the team in warnings\"\n";
static const char *const ex_audit =
  "    examples:\n      - \"your largest client inspects your availability figures every spring\"\n"
  "      - \"you build the availability figures for the client inspection by hand\"\n"
  "      - \"the spring inspection needs availability figures\"\n";
static const char *const ex_grouped =
  "    examples:\n      - \"related warnings are merged into a single incident message\"\n"
  "      - \"each failure sends one message instead of dozens of warnings\"\n"
  "      - \"duplicate warnings are merged so each problem shows once\"\n";

/* The base scenario, with or without the examples, and extra YAML after it (top-level keys),
** loaded from memory. */
static scenario *load_text(int with_examples, const char *extra) {
  char *body = xasprintf(base_yaml, with_examples ? ex_noise : "", with_examples ? ex_audit : "",
                         with_examples ? ex_grouped : "");
  char *text = xasprintf("%s%s", body, extra);
  diag d;
  diag_init(&d);
  scenario *s = scc_load_string("link-unit.yaml", text, strlen(text), &d);
  if (!s) diag_print(&d, stderr);
  diag_free(&d);
  free(text);
  free(body);
  assert_non_null(s);
  return s;
}

static scenario *load(int with_examples) { return load_text(with_examples, ""); }
static scenario *load_with(const char *extra) { return load_text(1, extra); }

static void test_terms(void **st) {
  (void)st;
  wd_stemmer *w = wd_new();
  const char *en = "the engineers were signing reports";
  char *t = lnk_terms(w, en, strlen(en));
  assert_string_equal(t, "engin sign report");   /* base forms, no function words */
  free(t);
  char *norm = txt_normalize("簽到系統", strlen("簽到系統"), NULL);   /* Traditional, normalised first */
  t = lnk_terms(w, norm, strlen(norm));
  assert_string_equal(t, "签到 到系 系统");   /* character bigrams */
  free(t);
  free(norm);
  wd_free(w);
}

/* The background frequencies the trainer compiled from the corpus (model.h): a term common in any
** sales talk is there with its count, a rare or unknown one is not; link.c weighs by them. */
static void test_background(void **st) {
  (void)st;
  const mdl_image *en = mdl_find("en"), *zh = mdl_find("zh");
  assert_non_null(en);
  assert_non_null(zh);
  assert_true(en->n_bg > 100 && en->n_bg_lines > 1000);
  assert_true(mdl_background_df(en, "team", 4) > MDL_BG_COMMON);   /* a base form, as link terms are */
  assert_true(mdl_background_df(en, "team", 4) < en->n_bg_lines);
  assert_int_equal(mdl_background_df(en, "zqxjv", 5), 0);
  assert_true(mdl_background_df(zh, "系统", strlen("系统")) > MDL_BG_COMMON);
  assert_int_equal(mdl_background_df(zh, "team", 4), 0);   /* per language */
  assert_int_equal(mdl_background_df(NULL, "team", 4), 0);
  for (int i = 1; i < en->n_bg; i++) assert_true(en->bg_keys[i - 1] < en->bg_keys[i]);   /* sorted, no repeat */
}

static void test_no_examples(void **st) {
  (void)st;
  scenario *s = load(0);
  assert_null(lnk_new(s, NULL));   /* nothing to link by meaning: keywords alone, as before */
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(NULL, s, &d);
  assert_non_null(c);
  assert_null(cls_links(c));
  cls_result r;
  const char *line = "So the uptime report matters to you.";
  cls_classify(c, line, strlen(line), &r);
  assert_int_equal(r.n_needs, 1);   /* the keyword, verbatim */
  cls_result_free(&r);
  line = "Nobody reads the flood of warning emails any more.";
  cls_classify(c, line, strlen(line), &r);
  assert_int_equal(r.n_needs, 0);
  cls_result_free(&r);
  cls_free(c);
  diag_free(&d);
  scn_free(s);
}

static int has_need(const cls_result *r, const scenario *s, const char *id) {
  for (int i = 0; i < r->n_needs; i++) if (strcmp(s->needs[r->needs[i]].id, id) == 0) return 1;
  return 0;
}

static void test_links(void **st) {
  (void)st;
  scenario *s = load(1);
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(NULL, s, &d);
  assert_non_null(c);
  assert_int_equal(s->needs[0].examples.n, 3);   /* the loader keeps them, in order */
  assert_string_equal(s->benefits[0].examples.v[2], "duplicate warnings are merged so each problem shows once");
  lnk_index *x = cls_links(c);
  assert_non_null(x);
  assert_true(lnk_threshold(x) >= LNK_FLOOR && lnk_threshold(x) <= LNK_CEIL);
  assert_true(lnk_linkable(x, LNK_NEED, 0));
  assert_false(lnk_linkable(x, LNK_COMMITMENT, 0));   /* no examples: keywords only */

  cls_result r;
  const char *line = "So your people ignore the warning emails because there are so many.";
  cls_classify(c, line, strlen(line), &r);
  assert_true(has_need(&r, s, "noise"));
  assert_false(has_need(&r, s, "audit"));
  int evidence = 0;
  for (int i = 0; i < r.n_matches; i++) {
    char *shown = cls_match_text(&r.matches[i], "en");   /* the reading holds data; the words are the catalogue's */
    if (strcmp(r.matches[i].label, "need:noise") == 0 && strncmp(shown, "similar to: ", 12) == 0 &&
        strstr(shown, " >= ")) evidence = 1;
    free(shown);
  }
  assert_true(evidence);   /* "similar to: EXAMPLE (0.62 >= 0.45)" */
  cls_result_free(&r);

  /* a recap of two needs links both, one per clause */
  line = "So the team ignores the flood of warnings, and you build the availability figures for the spring inspection by hand.";
  cls_classify(c, line, strlen(line), &r);
  assert_true(has_need(&r, s, "noise"));
  assert_true(has_need(&r, s, "audit"));
  cls_result_free(&r);

  /* a request asks for a rung: the need it mentions is not linked, though its words are near
  ** the need's (lnk_link alone links it); nor is a need in a clause where the seller acts */
  const char *const not_needs[] = {
    "Could you forward me the warning emails your team ignores because there are so many?",
    "We ignore so many warning emails ourselves.",
  };
  for (size_t k = 0; k < sizeof not_needs / sizeof *not_needs; k++) {
    char *nn = txt_normalize(not_needs[k], strlen(not_needs[k]), NULL);
    lnk_hit lh[4];
    int nl = lnk_link(x, cls_stemmer(c), nn, strlen(nn), 1u << LNK_NEED, lh, 4);
    assert_true(nl >= 1 && lh[0].item == 0);   /* by the words alone: need:noise */
    free(nn);
    cls_classify(c, not_needs[k], strlen(not_needs[k]), &r);
    assert_false(has_need(&r, s, "noise"));
    cls_result_free(&r);
  }

  /* the customer's words given back ("..., you said.") name no benefit; without the tag they do */
  line = "So the warnings get merged into a single incident message.";
  cls_classify(c, line, strlen(line), &r);
  assert_int_equal(r.n_benefits, 1);
  cls_result_free(&r);
  line = "So the warnings get merged into a single incident message, you said.";
  cls_classify(c, line, strlen(line), &r);
  assert_int_equal(r.n_benefits, 0);
  cls_result_free(&r);

  /* a line about nothing in the scenario links nothing */
  line = "Thanks for making the time to see me today.";
  cls_classify(c, line, strlen(line), &r);
  assert_int_equal(r.n_needs, 0);
  assert_int_equal(r.n_benefits, 0);
  cls_result_free(&r);

  /* the ranking lists every item of a kind, best first */
  line = "duplicate warnings merged into one incident message";
  char *norm = txt_normalize(line, strlen(line), NULL);
  lnk_hit h[8];
  int n = lnk_rank(x, cls_stemmer(c), norm, strlen(norm), LNK_BENEFIT, h, 8);
  assert_int_equal(n, 1);
  assert_true(h[0].score >= lnk_threshold(x));
  assert_string_equal(lnk_text_kind(x, h[0].text), "example");
  n = lnk_rank(x, cls_stemmer(c), norm, strlen(norm), LNK_NEED, h, 8);
  assert_int_equal(n, 2);
  assert_true(h[0].score >= h[1].score);
  free(norm);

  /* a fixed threshold above every score links nothing (eval_links --threshold) */
  lnk_configure(x, LNK_NEAREST, 0.99f);
  line = "So your people ignore the warning emails because there are so many.";
  cls_classify(c, line, strlen(line), &r);
  assert_false(has_need(&r, s, "noise"));
  cls_result_free(&r);
  cls_free(c);
  diag_free(&d);
  scn_free(s);
}

/* A clause that thanks, greets or takes leave links no need or benefit: "thanks for making time
** before the shop opens" brushed open_stock ("open stock", "at any time") in tableware. */
static void test_social_clause(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  scenario *s = scc_load("scenarios/tableware-limited-run.yaml", &d);
  assert_non_null(s);
  cls_classifier *c = cls_new(NULL, s, &d);
  assert_non_null(c);
  cls_result r;
  const char *line = "Morning Helen, thanks for making time before the shop opens.";
  cls_classify(c, line, strlen(line), &r);
  assert_int_equal(r.n_benefits + r.n_needs, 0);
  cls_result_free(&r);
  line = "Thanks. We keep open stock for years, so couples can buy a single piece at any time.";   /* near */
  cls_classify(c, line, strlen(line), &r);
  int open_stock = 0;
  for (int i = 0; i < r.n_benefits; i++) open_stock |= strcmp(s->benefits[r.benefits[i]].id, "open_stock") == 0;
  assert_true(open_stock);
  cls_result_free(&r);
  cls_free(c);
  scn_free(s);
  diag_free(&d);
}

/* Wave 6: a Chinese term is a character bigram, so one shared three-character word (two bigrams)
** is no evidence on its own, as one shared English word is none; a who-decides question (a clause
** the lexicon's ask_decision_chain phrases mark) links no need however many words it shares. */
static void test_evidence_and_chain(void **st) {
  (void)st;
  static const char zh_yaml[] =
    "id: zh-link\ntitle: t\nlanguage: zh\ndifficulty: 1\nbrief: b\ncustomer: { name: 赵主任 }\n"
    "needs:\n"
    "  - id: inspection\n    said: 明年评审要看护理信息化。\n    keywords: [评审]\n"
    "    examples: [护理信息化建设还是空白, 评审时护理信息化建设这一项拿不到分, 信息化建设跟不上评审要求]\n"
    "  - id: nurses\n    said: 晚上护士太少。\n    keywords: [护士]\n"
    "    examples: [夜里值班的人手不够, 晚上一个人要看很多床, 夜班人手太紧张]\n"
    "commitments:\n  - id: budget\n    level: high\n    action: 报预算\n    keywords: [预算]\n";
  diag d;
  diag_init(&d);
  scenario *s = scc_load_string("zh-link.yaml", zh_yaml, strlen(zh_yaml), &d);
  if (!s) diag_print(&d, stderr);
  assert_non_null(s);
  cls_classifier *c = cls_new(NULL, s, &d);
  assert_non_null(c);
  cls_result r;
  const char *one_word = "信息化这块怎么样?";   /* 信息, 息化: one word shared (linked before) */
  cls_classify(c, one_word, strlen(one_word), &r);
  assert_int_equal(r.n_needs, 0);
  cls_result_free(&r);
  const char *two_words = "您说的护理信息化建设,明年还是空白吧?";
  cls_classify(c, two_words, strlen(two_words), &r);
  assert_int_equal(r.n_needs, 1);
  assert_string_equal(s->needs[r.needs[0]].id, "inspection");
  cls_result_free(&r);
  cls_free(c);
  scn_free(s);
  s = load(1);
  c = cls_new(NULL, s, &d);
  assert_non_null(c);
  const char *chain = "Apart from you, who decides how the team handles all those warning emails?";
  cls_classify(c, chain, strlen(chain), &r);
  assert_int_equal(r.n_needs + r.n_benefits + r.n_objections, 0);
  cls_result_free(&r);
  const char *need = "So the team handles all those warning emails by ignoring them?";   /* the same words, no chain */
  cls_classify(c, need, strlen(need), &r);
  assert_int_equal(r.n_needs, 1);
  cls_result_free(&r);
  cls_free(c);
  scn_free(s);
  diag_free(&d);
}

/* A shipped scenario with its classifier, for the tests that read its lines. */
typedef struct shipped { diag d; scenario *s; cls_classifier *c; } shipped;

static void open_shipped(shipped *sh, const char *path) {
  diag_init(&sh->d);
  sh->s = scc_load(path, &sh->d);
  assert_non_null(sh->s);
  sh->c = cls_new(NULL, sh->s, &sh->d);
  assert_non_null(sh->c);
}

static void close_shipped(shipped *sh) {
  cls_free(sh->c);
  scn_free(sh->s);
  diag_free(&sh->d);
}

/* The rung a line asks for is the one its request names: "上次说到预算。这次想请您帮忙安排见一下
** 孙院长。" recalls the budget rung's keyword in its first clause and asks for the meeting with the
** vice-president (read as the budget rung before: the customer refused the budget in visit 2). */
static void expect_rung(const shipped *sh, const char *line, const char *rung) {
  cls_result r;
  cls_classify(sh->c, line, strlen(line), &r);
  if (r.commitment < 0) print_error("no rung for: %s\n", line);
  assert_true(r.commitment >= 0);
  assert_string_equal(sh->s->commitments[r.commitment].id, rung);
  cls_result_free(&r);
}

static void test_request_names_rung(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/hospital-campaign.yaml");
  expect_rung(&sh, "上次说到预算。这次想请您帮忙安排见一下孙院长。", "vp_briefing");
  /* a favour thanked for, in the same sentence, is a recall too (play-test 32) */
  expect_rung(&sh, "谢谢您上次帮忙报了预算,您看下周三能不能帮我约一下孙院长?", "vp_briefing");
  expect_rung(&sh, "上次您帮忙把项目报进预算了,这次能不能请您帮忙约一下孙院长?", "vp_briefing");
  /* near: a request that names nothing by itself keeps the rung the line's keyword gave */
  expect_rung(&sh, "预算的事,您看这个月能报吗?", "budget_entry");
  expect_rung(&sh, "关于预算,能不能请您把智慧病房项目报进去?", "budget_entry");
  close_shipped(&sh);
  /* a bare "您看行不行?" after the proposal names no rung of its own: no single example shares
  ** two words with it (found in play: the Linyi visit was read as the first order) */
  open_shipped(&sh, "scenarios/dealer-first-visit.yaml");
  expect_rung(&sh, "眼见为实,下周三您带上销售经理去临沂看看刘总的样板店,我来安排车和行程,您看行不行?",
              "linyi_visit");
  close_shipped(&sh);
  /* the order said in its own words names neither the sample's "window" nor, for the reservation,
  ** the order's "40 sets" (play-test 9: both were read as the other rung; check now warns about
  ** such keywords, cli.lint.rung_keyword_elsewhere) */
  open_shipped(&sh, "scenarios/tableware-limited-run.yaml");
  expect_rung(&sh, "Shall I put down 40 numbered sets for your spring window, delivered to the shop by March 1st?",
              "spring_order");
  expect_rung(&sh, "Could I reserve 40 sets for you until Friday while you check the budget?", "reserve_sets");
  expect_rung(&sh, "Could you put a sample set in the window for two weeks?", "window_sample");
  close_shipped(&sh);
  /* an order ask names an order rung by meaning, not the low rung its words brush ("send",
  ** "Martin": Grace gave her error figures for a contract asked for at the door; play-test 9) */
  open_shipped(&sh, "scenarios/warehouse-two-buyers.yaml");
  cls_result r;
  const char *contract = "Let's get the paperwork going, can I send Martin the contract for the full site?";
  cls_classify(sh.c, contract, strlen(contract), &r);
  assert_true(CLS_HAS(&r, CLS_ASK_ORDER));
  assert_int_equal(r.commitment, -1);
  cls_result_free(&r);
  expect_rung(&sh, "Could you send over last quarter's mis-pick figures by Friday?", "error_figures");
  close_shipped(&sh);
}

/* A match resting on two shared words needs LNK_WEAK_FLOOR, above the calibrated threshold:
** "We started the company in Leeds ten years ago." shares two words with the subscription
** benefit's texts at 0.15 and linked it (a wrong link of the paraphrase sets); a line sharing
** more words links at a lower score than the floor. */
static void test_weak_floor(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/warehouse-two-buyers.yaml");
  /* at the 0.12 the benefits calibrated at when the floor was chosen (with the concepts of
  ** play-test 31 they calibrate at 0.15, above this line's 0.14): a weak hit over the threshold */
  lnk_index *x = lnk_build(sh.s, cls_stemmer(sh.c));
  assert_non_null(x);
  lnk_configure(x, LNK_CENTROID, 0.12f);
  assert_true(lnk_threshold(x) < LNK_WEAK_FLOOR);
  const char *line = "We started the company in Leeds ten years ago.";
  char *norm = txt_normalize(line, strlen(line), NULL);
  lnk_hit h[16];
  int n = lnk_rank(x, cls_stemmer(sh.c), norm, strlen(norm), LNK_BENEFIT, h, 16);
  assert_true(n > 0);
  assert_string_equal(sh.s->benefits[h[0].item].id, "subscription");
  assert_true(h[0].weak);
  assert_true(h[0].score >= lnk_threshold(x) && h[0].score < LNK_WEAK_FLOOR);
  assert_false(lnk_passes(x, &h[0]));
  free(norm);
  cls_result r;
  cls_classify(sh.c, line, strlen(line), &r);
  assert_int_equal(r.n_benefits + r.n_needs, 0);
  cls_result_free(&r);
  /* the same test passes a strong hit below the floor */
  lnk_hit strong = h[0];
  strong.weak = 0;
  assert_true(lnk_passes(x, &strong));
  lnk_free(x);
  close_shipped(&sh);
}

/* Each kind is calibrated on its own examples: a ladder whose rungs all name the same person,
** site and weekday calibrates high, and the needs keep their own threshold (pooled, one
** threshold of 0.41 had switched a trainer's needs and benefits off). */
static void test_threshold_per_kind(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "tests/fixtures/alike-rungs.yaml");
  const lnk_index *x = cls_links(sh.c);
  assert_non_null(x);
  assert_true(lnk_threshold_of(x, LNK_NEED) < 0.2f);
  assert_true(lnk_threshold_of(x, LNK_COMMITMENT) >= LNK_ALIKE);
  assert_true(lnk_threshold(x) >= LNK_ALIKE);   /* pooled: what linking used before */
  cls_result r;
  const char *line = "Does your cold room ever fail when it's hot?";
  cls_classify(sh.c, line, strlen(line), &r);
  assert_int_equal(r.n_needs, 1);
  assert_string_equal(sh.s->needs[r.needs[0]].id, "breakdowns");
  cls_result_free(&r);
  close_shipped(&sh);
}

/* The needs and benefits a line links: exactly the one named, none for NULL, unchecked for ANY. */
#define ANY "*"
static void expect_links(const shipped *sh, const char *line, const char *need, const char *benefit) {
  cls_result r;
  cls_classify(sh->c, line, strlen(line), &r);
  if (!need) assert_int_equal(r.n_needs, 0);
  else if (strcmp(need, ANY) != 0) {
    assert_int_equal(r.n_needs, 1);
    assert_string_equal(sh->s->needs[r.needs[0]].id, need);
  }
  if (!benefit) assert_int_equal(r.n_benefits, 0);
  else if (strcmp(benefit, ANY) != 0) {
    assert_int_equal(r.n_benefits, 1);
    assert_string_equal(sh->s->benefits[r.benefits[0]].id, benefit);
  }
  cls_result_free(&r);
}

/* A clause states a need or the benefit answering it, not both: "明年省里要考核了,护理信息化那块
** 还是一片空白。" linked the benefit rating_points beside the need inspection; clauses of their own
** keep both, and so does a summary; a clause the seller acts in tells the benefit, whichever
** scores higher. */
static void test_one_side(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/hospital-campaign.yaml");
  expect_links(&sh, "明年省里要考核了,护理信息化那块还是一片空白。", "inspection", NULL);
  expect_links(&sh, "夜班护士根本忙不过来,我们的输液监测快滴完就提醒护士站。", "nurse_load", "infusion_alert");
  expect_links(&sh, "总结一下:夜班护士忙不过来,输液监测快滴完就提醒护士站。", "nurse_load", "infusion_alert");
  close_shipped(&sh);
  open_shipped(&sh, "scenarios/it-trial.yaml");
  expect_links(&sh, "Nobody on your small team has to look after it; our staff maintain it.", ANY, "managed_setup");
  /* a when-clause that frames its sentence links nothing alone (it linked the audit need) */
  expect_links(&sh, "When your client's auditors turn up in spring, the availability report comes straight out of Beacon.",
               NULL, "uptime_reports");
  close_shipped(&sh);
}

/* A sentence of several clauses, in a line of several sentences, links what it says as a whole:
** "We also sell them with a display kit, so they tend to go within weeks." after a sentence about
** something else linked the sell-through benefit neither through the whole line nor through either
** clause (play-test 17); alone it linked already.  What the line or a clause links stays as it was. */
static void test_sentence_segment(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/tableware-limited-run.yaml");
  const char *two = "Hello there. We also sell them with a display kit, so they tend to go within weeks.";
  expect_links(&sh, two, NULL, "proven_sell_through");
  cls_result r;
  const char *both = "And because they're numbered and there are only 1,000, your regulars get something nobody "
                     "else has. We also sell them with a display kit, so they tend to go within weeks.";
  cls_classify(sh.c, both, strlen(both), &r);
  assert_int_equal(r.n_benefits, 2);
  cls_result_free(&r);
  close_shipped(&sh);
}

/* A recap names a need in each clause it lists, often in few words of its own: "they have to
** clear off your shelves by summer" alone scores under the threshold and links nothing, and beside
** the first need of a recap it linked nothing either (play-test 25, wave 10's recaps).  The
** seller's frame ("Let me recap:") ends in a colon: what follows is hers. */
static void test_recap_needs(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/tableware-limited-run.yaml");
  cls_result r;
  const char *recap = "Let me recap: you want pieces the chains can't copy, and they have to clear off your "
                      "shelves by summer.";
  cls_classify(sh.c, recap, strlen(recap), &r);
  assert_int_equal(r.n_needs, 2);
  cls_result_free(&r);
  expect_links(&sh, "And they have to clear off your shelves by summer.", NULL, ANY);
  close_shipped(&sh);
}

/* A clause that tells what she will have states the benefit, even in the need's words: "...护理这块
** 您就能带他们去床边看实物,分数也好拿。" linked the inspection need, not the rating benefit. */
static void test_outcome_clause(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/hospital-campaign.yaml");
  expect_links(&sh, "\xe5\x88\xb0\xe6\x97\xb6\xe5\x80\x99\xe4\xb8\x93\xe5\xae\xb6\xe6\x9d\xa5\xe6\x89\x93\xe5\x88\x86,"
               "\xe6\x8a\xa4\xe7\x90\x86\xe8\xbf\x99\xe5\x9d\x97\xe6\x82\xa8\xe5\xb0\xb1\xe8\x83\xbd\xe5\xb8\xa6\xe4\xbb\x96"
               "\xe4\xbb\xac\xe5\x8e\xbb\xe5\xba\x8a\xe8\xbe\xb9\xe7\x9c\x8b\xe5\xae\x9e\xe7\x89\xa9,\xe5\x88\x86\xe6\x95\xb0"
               "\xe4\xb9\x9f\xe5\xa5\xbd\xe6\x8b\xbf\xe3\x80\x82",
               NULL, "rating_points");
  close_shipped(&sh);
}

/* An English clause takes on the one before it in its sentence: thanks for the visit, then "I know
** the floor is hectic" is still small talk (with the space after the comma no longer read as
** overlap, link.c, it linked the alerting benefit); the next sentence starts afresh
** (test_sentence_segment). */
static void test_carry_in_sentence(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/it-trial.yaml");
  expect_links(&sh, "Thanks for squeezing me in during peak season, I know the floor is hectic right now.", NULL, NULL);
  close_shipped(&sh);
}

/* "needs" of a thing is no wanting of hers: "the filter cartrige needs a reset" explains the light
** (the benefit), and the clause kept the benefit from linking (play-test 25: Maria did not hear the
** explanation and told of the light again). */
static void test_thing_needs(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/referral-follow-up.yaml");
  expect_links(&sh, "ok the orange blink means the filter cartrige needs a reset after install, i can press the button "
               "now and its fixed. happy?", ANY, "light_explained");
  close_shipped(&sh);
}

/* "next steps" is the talk of selling: "Before we talk about next steps, is there anything either of
** you is worried about?" linked the training benefit ("talks them through every step") and Grace
** answered "See, Martin? That's the accuracy problem, solved" to a check (play-test 25). */
static void test_next_steps(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/warehouse-two-buyers.yaml");
  expect_links(&sh, "Grace, you went quiet there. Before we talk about next steps, is there anything either of you is "
               "worried about that we have not put on the table?", NULL, NULL);
  close_shipped(&sh);
}

/* lnk_rank with room for one writes the best item of all, not the first one scored. */
static void test_rank_best_of_all(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/it-trial.yaml");
  const lnk_index *x = cls_links(sh.c);
  assert_non_null(x);
  const char *line = "the alert mails pile up unread and nobody looks at them";
  char *norm = txt_normalize(line, strlen(line), NULL);
  lnk_hit one, all[16];
  assert_int_equal(lnk_rank(x, cls_stemmer(sh.c), norm, strlen(norm), LNK_NEED, &one, 1), 1);
  int n = lnk_rank(x, cls_stemmer(sh.c), norm, strlen(norm), LNK_NEED, all, 16);
  assert_int_equal(n, sh.s->n_needs);
  assert_string_equal(sh.s->needs[one.item].id, "alert_noise");
  assert_int_equal(one.item, all[0].item);
  assert_true(one.item != 0);   /* not the first need */
  free(norm);
  close_shipped(&sh);
}

/* The words that make a line a check ("anything else") say nothing of the scenario: "Anything
** else that would stop you?" linked tableware's need for pieces "nobody else has" (found in play);
** a check that names a need still links it.  Nor does a brush-off explain anything ("nothing is
** broken" is the benefit's words). */
static void test_check_words_aside(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/tableware-limited-run.yaml");
  expect_links(&sh, "Anything else that would stop you?", NULL, NULL);
  expect_links(&sh, "Is there anything else about couples and their wedding lists we should cover?", "registry", NULL);
  expect_links(&sh, "What else worries you about stocking something nobody else has?", "stand_out", NULL);
  close_shipped(&sh);
  open_shipped(&sh, "scenarios/referral-follow-up.yaml");
  expect_links(&sh, "Oh that light, I think it's nothing, don't worry.", ANY, NULL);
  /* play-test 19: "is nothing" had linked the explanation by "nothing is broken" */
  expect_links(&sh, "the light is nothing, dont worry. so your sister maybe?", ANY, NULL);
  expect_links(&sh, "oh the light? it mean the filter need change. i change it now for free", ANY, "light_explained");
  close_shipped(&sh);
}

static void test_lexicon_off(void **st) {
  (void)st;
  lexicon *lx = lex_new();
  assert_true(lex_add(lx, "loss_appeal", "过期", "t:1", NULL) >= 0);
  assert_true(lex_add(lx, "loss_appeal", "损失", "t:1", NULL) >= 0);
  lex_hit *h = NULL;
  const char *t = "药过期了,损失很大";
  assert_int_equal(lex_match(lx, t, strlen(t), &h), 2);
  free(h);
  assert_int_equal(lex_disable(lx, "loss_appeal", "過期"), 1);   /* compared normalised */
  assert_int_equal(lex_disable(lx, "loss_appeal", "没有"), 0);
  assert_int_equal(lex_disable(lx, "leave", "损失"), 0);         /* another label's phrase stays */
  assert_int_equal(lex_match(lx, t, strlen(t), &h), 1);
  assert_string_equal(lex_phrase_at(lx, h[0].phrase)->text, "损失");
  free(h);
  lex_free(lx);
}

/* lexicon: switch_off: in a scenario: loaded as entries that switch built-in phrases off; a
** phrase the built-in lexicon lacks is an error with its position when the classifier is built. */
static void test_switch_off_scenario(void **st) {
  (void)st;
  for (int bad = 0; bad < 2; bad++) {
    char *base = xasprintf(base_yaml, "", "", "");
    char *text = xasprintf("%slexicon:\n  person: [dana]\n  switch_off:\n    ask_payment: [%s]\n", base,
                           bad ? "no such phrase" : "pays");
    free(base);
    diag d;
    diag_init(&d);
    scenario *s = scc_load_string("off-unit.yaml", text, strlen(text), &d);
    free(text);
    assert_non_null(s);
    assert_int_equal(s->n_lexicon, 2);
    assert_int_equal(s->lexicon[1].off, 1);
    assert_string_equal(s->lexicon[1].name, "ask_payment");
    cls_classifier *c = cls_new(NULL, s, &d);
    if (bad) {
      assert_null(c);
      assert_int_equal(d.errors, 1);
      assert_int_equal(d.v[0].line, 26);   /* the switch_off entry's key */
    } else {
      assert_non_null(c);
      cls_result r;
      const char *line = "Could it pays for itself by next month?";
      cls_classify(c, line, strlen(line), &r);
      for (int i = 0; i < r.n_matches; i++)
        assert_false(strcmp(r.matches[i].label, "ask_payment") == 0);   /* the phrase is off */
      cls_result_free(&r);
      cls_free(c);
    }
    diag_free(&d);
    scn_free(s);
  }
}

/* Every shipped scenario's index comes from the image made at build time (builtin.h), and that
** index is, array for array and bit for bit, the one built from the file; a scenario read from
** other bytes has no image. */
static void shipped_index(void *ctx, const char *path) {
  wd_stemmer *stem = ctx;
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  assert_non_null(sc);
  assert_non_null(bi_find_links(sc->src_len, sc->src_hash));
  assert_null(bi_find_links(sc->src_len + 1, sc->src_hash));
  lnk_index *built = lnk_build(sc, stem), *taken = lnk_new(sc, stem);
  size_t nb, nt;
  unsigned char *a = lnk_image(built, &nb), *b = lnk_image(taken, &nt);
  assert_int_equal(nb, nt);
  assert_memory_equal(a, b, nb);
  /* and it links alike: a line's scores through both */
  lnk_hit ha[8], hb[8];
  const char *line = sc->language && strcmp(sc->language, "zh") == 0 ? "我们想省点时间，少出错" : "so you'd save time and get fewer errors";
  size_t nl;
  char *norm = txt_normalize(line, strlen(line), &nl);
  int na = lnk_rank(built, stem, norm, nl, LNK_BENEFIT, ha, 8), nh = lnk_rank(taken, stem, norm, nl, LNK_BENEFIT, hb, 8);
  assert_int_equal(na, nh);
  for (int i = 0; i < na; i++) { assert_int_equal(ha[i].item, hb[i].item); assert_true(ha[i].score == hb[i].score); }
  free(norm);
  free(a); free(b);
  lnk_free(built); lnk_free(taken);
  scn_free(sc);
  diag_free(&d);
}

/* A line read as an ask names the nearest rung from LNK_FLOOR when the calibrated threshold is
** higher: tableware's alike examples calibrate at 0.30, and a specific ask for the window sample in
** a trainee's words (0.19) asked for nothing ("What's the step you have in mind?", play-test 26). */
static void test_ask_floor(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/tableware-limited-run.yaml");
  assert_true(lnk_threshold_of(cls_links(sh.c), LNK_COMMITMENT) > 0.2f);
  expect_rung(&sh, "would you be up for putting one set in your window for 2 weeks, starting monday, and we see how "
              "people react?", "window_sample");
  /* a line that asks nothing names no rung, however near */
  cls_result r;
  const char *told = "Shops put one set in the window for two weeks and saw how people reacted.";
  cls_classify(sh.c, told, strlen(told), &r);
  assert_int_equal(r.commitment, -1);
  cls_result_free(&r);
  close_shipped(&sh);
}

/* The needs a scenario's classifier links for line, as "id id" ("" for none): needs_of. */
static void needs_of(const scenario *s, const char *line, char *out, size_t cap) {
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(NULL, s, &d);
  assert_non_null(c);
  cls_result r;
  cls_classify(c, line, strlen(line), &r);
  out[0] = 0;
  for (int i = 0; i < r.n_needs; i++)
    snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? " " : "", s->needs[r.needs[i]].id);
  cls_result_free(&r);
  cls_free(c);
  diag_free(&d);
}

/* A scenario's unrelated: lines hold back a line nearer to them than to any item's text (small
** talk that shares a word or two with a need), and a line of the need is still linked. */
static void test_unrelated(void **st) {
  (void)st;
  const char *talk = "How many emails does your team answer for customers each day?";
  const char *need = "Your team gets hundreds of warning emails a day, so they stop reading them?";
  char got[128];
  scenario *plain = load_with("");
  assert_int_equal(plain->unrelated.n, 0);
  needs_of(plain, talk, got, sizeof got);
  assert_string_equal(got, "noise");   /* "email", "team", "day": the need's words */
  scn_free(plain);
  scenario *s = load_with("unrelated:\n  - \"How many customers does your support team look after each day?\"\n"
                          "  - \"How long have you been with the company, Dana?\"\n");
  assert_int_equal(s->unrelated.n, 2);
  needs_of(s, talk, got, sizeof got);
  assert_string_equal(got, "");
  needs_of(s, need, got, sizeof got);
  assert_string_equal(got, "noise");
  scn_free(s);
  /* and a shipped scenario's: Helen's shop on the high street is no need of standing out */
  shipped sh;
  open_shipped(&sh, "scenarios/tableware-limited-run.yaml");
  assert_true(sh.s->unrelated.n >= 5);
  expect_links(&sh, "How long has the shop been on the high street, Helen?", NULL, NULL);
  close_shipped(&sh);
}

/* The customer's own name is no term of linking: its words weigh nothing and count as no
** evidence, in the items' texts and in lines ("李总" and "Grace," open lines of any topic). */
static void test_name_silent(void **st) {
  (void)st;
  wd_stemmer *stem = wd_new();
  scenario *s = load_with("");
  /* an example that names her (a loaded list's strings are its scenario's: scenario.h) */
  const char *ex = "Dana, your largest client inspects your availability figures";
  s->needs[1].examples.v[0] = arena_strndup(&s->strings, ex, strlen(ex));
  lnk_index *x = lnk_build(s, stem);
  int found = 0;
  for (int j = 0; j < x->nterms; j++)
    if (strcmp(x->terms[j], "dana") == 0) { found = 1; assert_true(x->idf[j] == 0); assert_int_equal(x->evid[j], 0); }
  assert_true(found);
  /* her name and one word of the example are too little to score */
  const char *line = "Dana, your largest worry?";
  char *norm = txt_normalize(line, strlen(line), NULL);
  lnk_hit h[4];
  int n = lnk_rank(x, stem, norm, strlen(norm), LNK_NEED, h, 4);
  for (int i = 0; i < n; i++) assert_true(h[i].score == 0);
  free(norm);
  lnk_free(x);
  scn_free(s);
  wd_free(stem);
}

static void test_shipped_images(void **st) {
  (void)st;
  wd_stemmer *stem = wd_new();
  assert_true(tu_each_shipped_scenario(shipped_index, stem) >= 9);
  wd_free(stem);
}

/* Play-test 30 (docs/classifier.md 1d): a match resting on one word links nothing ("factory" gave
** 0.19 of the price worry's 0.21, "plate" the other 0.02), while two words that carry it still link;
** quantifiers and "thing(s)" are function words ("Do you wrap things in tissue ...?" linked the
** stand-out need through "things"); a recap played back lists her needs, so the benefit that
** answers one of them is not linked beside it, even from a clause of its own. */
static void test_play_test_30(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/tableware-limited-run.yaml");
  const char *plates = "Those factory plates you carry now, where are they made?";
  cls_result r;
  cls_classify(sh.c, plates, strlen(plates), &r);
  assert_int_equal(r.n_objections, 0);
  cls_result_free(&r);
  const char *gap = "is it the gap between these and ur current factory stock thats bothering you?";
  cls_classify(sh.c, gap, strlen(gap), &r);
  assert_int_equal(r.n_objections, 1);
  assert_string_equal(sh.s->objections[r.objections[0]].id, "price_gap");
  cls_result_free(&r);
  expect_links(&sh, "Do you wrap things in tissue at the counter, or do people get boxes?", NULL, NULL);
  close_shipped(&sh);
  open_shipped(&sh, "scenarios/campus-platform.yaml");
  const char *recap = "我捋一捋:一是每天早上清点人数太耗辅导员,二是交给省里的表老是合不上,三是孩子缺课了,爸妈比学校先知道。";
  cls_classify(sh.c, recap, strlen(recap), &r);
  assert_int_equal(r.n_benefits, 0);
  assert_true(r.n_needs >= 2);
  cls_result_free(&r);
  close_shipped(&sh);
}

/* Chinese characters are terms beside their bigrams (link.c LNK_UNIGRAM_W): a character the item
** uses raises a line's score where its bigrams already match, and characters alone, with no
** evidence, never make a match (play-test 32). */
static const char *const zh_yaml =
  "id: uni-test\ntitle: t\nlanguage: zh\ndifficulty: 1\nbrief: b\ncustomer: { name: Wang }\n"
  "needs:\n"
  "  - id: leak\n    keywords: [\xe7\xbd\x91\xe7\xbb\x9c]\n    said: \"\xe5\x8d\xab\xe7\x94\x9f\xe9\x97\xb4\xe5\xa2\x99\xe8\xa7\x92\xe6\xb8\x97\xe6\xb0\xb4\"\n" /* 卫生间墙角渗水 */
  "    examples:\n"
  "      - \"\xe5\xa2\x99\xe8\xa7\x92\xe4\xb8\x80\xe7\x9b\xb4\xe6\xb8\x97\xe6\xb0\xb4\"\n" /* 墙角一直渗水 */
  "      - \"\xe6\xa5\xbc\xe4\xb8\x8a\xe6\xb8\x97\xe6\xb0\xb4\xe6\xb3\xa1\xe4\xba\x86\xe5\xa2\x99\"\n" /* 楼上渗水泡了墙 */
  "      - \"\xe6\xb8\x97\xe6\xb0\xb4\xe5\xa5\xbd\xe5\x87\xa0\xe4\xb8\xaa\xe6\x9c\x88\"\n" /* 渗水好几个月 */
  "  - id: noise\n    keywords: [\xe5\x99\xaa\xe9\x9f\xb3]\n    said: \"\xe6\xa5\xbc\xe4\xb8\x8a\xe8\xa3\x85\xe4\xbf\xae\xe5\xa4\xaa\xe5\x90\xb5\"\n" /* 楼上装修太吵 */
  "    examples:\n"
  "      - \"\xe6\x99\x9a\xe4\xb8\x8a\xe8\xa3\x85\xe4\xbf\xae\xe5\xa3\xb0\xe9\x9f\xb3\xe5\xbe\x88\xe5\xa4\xa7\"\n" /* 晚上装修声音很大 */
  "      - \"\xe8\xa3\x85\xe4\xbf\xae\xe5\x90\xb5\xe5\xbe\x97\xe7\x9d\xa1\xe4\xb8\x8d\xe7\x9d\x80\"\n" /* 装修吵得睡不着 */
  "commitments:\n"
  "  - id: visit\n    level: high\n    action: a visit\n    keywords: [\xe4\xb8\x8a\xe9\x97\xa8]\n";

static float zh_score(const lnk_index *x, wd_stemmer *stem, const char *line) {
  char *norm = txt_normalize(line, strlen(line), NULL);
  lnk_hit h[2];
  int n = lnk_rank(x, stem, norm, strlen(norm), LNK_NEED, h, 2);
  free(norm);
  assert_true(n == 2);
  assert_int_equal(h[0].item, 0);   /* the leak, or nothing scores */
  return h[0].score;
}

static void test_unigrams(void **st) {
  (void)st;
  wd_stemmer *stem = wd_new();
  diag d;
  diag_init(&d);
  scenario *s = scc_load_string("uni-unit.yaml", zh_yaml, strlen(zh_yaml), &d);
  if (!s) diag_print(&d, stderr);
  diag_free(&d);
  assert_non_null(s);
  lnk_index *x = lnk_build(s, stem);
  /* the same bigrams, then 墙体 (墙, a character of the leak) against 门体 (none of its) */
  float with = zh_score(x, stem, "\xe5\xa2\x99\xe8\xa7\x92\xe4\xb8\x80\xe7\x9b\xb4\xe6\xb8\x97\xe6\xb0\xb4,"
                                 "\xe5\xa2\x99\xe4\xbd\x93");
  float without = zh_score(x, stem, "\xe5\xa2\x99\xe8\xa7\x92\xe4\xb8\x80\xe7\x9b\xb4\xe6\xb8\x97\xe6\xb0\xb4,"
                                    "\xe9\x97\xa8\xe4\xbd\x93");
  assert_true(without > 0);
  assert_true(with > without);
  /* 墙上有水,角落: the characters 墙, 水, 角 of the leak and none of its bigrams */
  assert_true(zh_score(x, stem, "\xe5\xa2\x99\xe4\xb8\x8a\xe6\x9c\x89\xe6\xb0\xb4,\xe8\xa7\x92\xe8\x90\xbd") == 0);
  lnk_free(x);
  scn_free(s);
  wd_free(stem);
}

/* A seller's hedge leaves the clause hers ("I'm guessing ...?" links the need it names), and a
** relative "wants" followed by a verb names a thing, not what she wants (play-test 32). */
static void test_hedge_and_relative_want(void **st) {
  (void)st;
  shipped sh;
  open_shipped(&sh, "scenarios/it-trial.yaml");
  expect_links(&sh, "I'm guessing your people can't spare the hours to run another product?", "small_team", NULL);
  expect_links(&sh, "I can't spare the hours to run another product.", NULL, NULL);   /* his own, unhedged */
  expect_links(&sh, "The availability figures your client wants would come straight out of the dashboard.", NULL,
               "uptime_reports");
  close_shipped(&sh);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_terms),
    cmocka_unit_test(test_background),
    cmocka_unit_test(test_no_examples),
    cmocka_unit_test(test_links),
    cmocka_unit_test(test_social_clause),
    cmocka_unit_test(test_evidence_and_chain),
    cmocka_unit_test(test_request_names_rung),
    cmocka_unit_test(test_weak_floor),
    cmocka_unit_test(test_threshold_per_kind),
    cmocka_unit_test(test_one_side),
    cmocka_unit_test(test_sentence_segment),
    cmocka_unit_test(test_check_words_aside),
    cmocka_unit_test(test_recap_needs),
    cmocka_unit_test(test_outcome_clause),
    cmocka_unit_test(test_carry_in_sentence),
    cmocka_unit_test(test_rank_best_of_all),
    cmocka_unit_test(test_thing_needs),
    cmocka_unit_test(test_next_steps),
    cmocka_unit_test(test_lexicon_off),
    cmocka_unit_test(test_switch_off_scenario),
    cmocka_unit_test(test_shipped_images),
    cmocka_unit_test(test_unrelated),
    cmocka_unit_test(test_ask_floor),
    cmocka_unit_test(test_name_silent),
    cmocka_unit_test(test_play_test_30),
    cmocka_unit_test(test_unigrams),
    cmocka_unit_test(test_hedge_and_relative_want),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
