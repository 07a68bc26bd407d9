/* test_link_concepts: the concept layer of linking (link_concepts.h): the shipped table's words,
** members of several words on word ends, a concept's one term in an index, and a scenario's
** `lexicon: concepts:` and `switch_off: concepts:`.  Run with SALESIM_DATA=engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scncheck.h"
#include "testutil.h"

#include "link.h"
#include "link_concepts.h"
#include "link_int.h"
#include "scenario.h"
#include "text.h"
#include "util.h"
#include "words.h"

static scenario *load_zh(const char *lexicon) {
  char *text = xasprintf(
    "id: concept-test\ntitle: t\nlanguage: zh\ndifficulty: 1\nbrief: b\ncustomer: { name: 王老师 }\n"
    "needs:\n"
    "  - id: funds\n    said: \"今年预算紧张。\"\n    keywords: [拨款]\n"
    "    examples: [\"学院今年预算紧张,新项目难上\", \"今年预算紧张,下半年再说\", \"预算紧张的时候谁都不敢签字\"]\n"
    "  - id: roll\n    said: \"早上点名太耗辅导员。\"\n    keywords: [早读]\n"
    "    examples: [\"每天早上点名要花半小时\", \"辅导员早上都在点名\", \"早上点名占了辅导员的时间\"]\n"
    "commitments:\n"
    "  - id: demo\n    level: high\n    action: 下周来学院做一次演示\n    keywords: [演示]\n"
    "%s", lexicon);
  diag d;
  diag_init(&d);
  scenario *s = scc_load_string("concept-unit.yaml", text, strlen(text), &d);
  if (!s) diag_print(&d, stderr);
  diag_free(&d);
  free(text);
  assert_non_null(s);
  return s;
}

/* The best need's score for a line, 0 when none scores. */
static float need_score(const scenario *s, wd_stemmer *stem, const char *line) {
  lnk_index *x = lnk_build(s, stem);
  assert_non_null(x);
  char *norm = txt_normalize(line, strlen(line), NULL);
  lnk_hit h[4];
  int n = lnk_rank(x, stem, norm, strlen(norm), LNK_NEED, h, 4);
  float best = n > 0 && h[0].item == 0 ? h[0].score : 0;
  free(norm);
  lnk_free(x);
  return best;
}

static void test_shipped_table(void **st) {
  (void)st;
  const lcn_table *t = lcn_for(NULL);
  assert_non_null(t);   /* engine/lexicons/concepts.yaml */
  assert_ptr_equal(t, lcn_for(NULL));   /* read once */
  int money = lcn_word(t, "budget", 6);
  assert_true(money >= 0);
  assert_int_equal(lcn_word(t, "cost", 4), money);
  assert_int_equal(lcn_word(t, "zqxjv", 5), -1);
  size_t n;
  assert_string_equal(lcn_term(t, money, &n), "~money");
  int c = -1;
  const char *zh = "经费不够";
  assert_int_equal(lcn_span_at(t, zh, strlen(zh), 0, &c), strlen("经费"));
  assert_int_equal(c, money);
  /* a member of words ends where a word does */
  const char *en = "give me a heads-up, or sign offers";
  assert_int_equal(lcn_span_at(t, en, strlen(en), 10, &c), strlen("heads-up"));
  assert_int_equal(lcn_span_at(t, en, strlen(en), 23, &c), 0);   /* "sign off" in "sign offers" */
  const char *so = "who has to sign off?";
  assert_int_equal(lcn_span_at(t, so, strlen(so), 11, &c), strlen("sign off"));
  lcn_release(t);   /* the shared table stays */
  assert_ptr_equal(t, lcn_for(NULL));
}

/* An index holds the concept's one term for its words, in the items' texts and in lines. */
static void test_index_terms(void **st) {
  (void)st;
  wd_stemmer *stem = wd_new();
  scenario *s = load_zh("");
  lnk_index *x = lnk_build(s, stem);
  int concept = 0, word = 0;
  for (int j = 0; j < x->nterms; j++) {
    concept |= strcmp(x->terms[j], "~money") == 0;
    word |= strcmp(x->terms[j], "预算") == 0;
  }
  assert_true(concept);
  assert_false(word);   /* the member's bigram is the concept's term, not beside it */
  lnk_free(x);
  scn_free(s);
  wd_free(stem);
}

/* "经费" meets "预算": 今年, 紧张 and the money concept are three bigrams' evidence; without the
** concept two, too little to score.  A scenario takes the word out, or adds one. */
static void test_scenario_concepts(void **st) {
  (void)st;
  wd_stemmer *stem = wd_new();
  scenario *s = load_zh("");
  assert_true(need_score(s, stem, "今年经费紧张吧?") > 0);
  assert_true(need_score(s, stem, "今年开销紧张吧?") > 0);   /* another word of the concept */
  scn_free(s);
  s = load_zh("lexicon:\n  switch_off:\n    concepts:\n      money: [经费]\n");
  assert_int_equal(s->n_concepts, 1);
  assert_true(s->concepts[0].off);
  assert_true(need_score(s, stem, "今年经费紧张吧?") == 0);
  assert_true(need_score(s, stem, "今年开销紧张吧?") > 0);   /* only 经费 is out */
  scn_free(s);
  s = load_zh("");
  assert_true(need_score(s, stem, "今年经费吃紧吧?") == 0);
  scn_free(s);
  s = load_zh("lexicon:\n  concepts:\n    tight: [紧张, 吃紧]\n");
  assert_false(s->concepts[0].off);
  assert_true(need_score(s, stem, "今年经费吃紧吧?") > 0);
  scn_free(s);
  wd_free(stem);
}

static void test_bad_concepts(void **st) {
  (void)st;
  const char *text = "id: x\ntitle: t\nlanguage: zh\ndifficulty: 1\nbrief: b\ncustomer: { name: 王 }\n"
                     "needs:\n  - id: a\n    said: s\n    keywords: [k]\n"
                     "lexicon:\n  concepts: [经费, 预算]\n";
  diag d;
  diag_init(&d);
  scenario *s = scc_load_string("bad.yaml", text, strlen(text), &d);
  assert_true(d.errors > 0);   /* a concept is a name and its words, not a list */
  if (s) scn_free(s);
  diag_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_shipped_table),
    cmocka_unit_test(test_index_terms),
    cmocka_unit_test(test_scenario_concepts),
    cmocka_unit_test(test_bad_concepts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
