/* test_lexicon.c: the Aho-Corasick lexicon: hits, boundaries, stems, gaps, anchors, "ignore",
** loading from YAML with positioned errors, and agreement with a naive search. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>

#include "lexicon.h"
#include "text.h"
#include "util.h"

/* Matches text (normalised first) and renders the hits as "label:matched|label:matched". */
static char *hits_of(lexicon *lx, const char *text) {
  size_t n;
  char *norm = txt_normalize(text, strlen(text), &n);
  lex_hit *h;
  int k = lex_match(lx, norm, n, &h);
  strbuf b = {0};
  sb_append(&b, "", 0);
  for (int i = 0; i < k; i++)
    sb_printf(&b, "%s%s:%.*s", i ? "|" : "", lex_label_name(lx, h[i].label), (int)(h[i].end - h[i].start), norm + h[i].start);
  free(h);
  free(norm);
  return sb_take(&b);
}

static void expect_hits(lexicon *lx, const char *text, const char *want) {
  char *got = hits_of(lx, text);
  assert_string_equal(got, want);
  free(got);
}

static lexicon *make(const char *const *pairs) {
  lexicon *lx = lex_new();
  for (int i = 0; pairs[i]; i += 2) {
    const char *why = NULL;
    assert_true(lex_add(lx, pairs[i], pairs[i + 1], "t.yaml:1", &why) >= 0);
  }
  return lx;
}

static void test_basic_and_overlap(void **st) {
  (void)st;
  static const char *const p[] = { "action", "demo", "action", "演示", "person", "it主管", "person", "主管",
                                   "time", "下周", NULL };
  lexicon *lx = make(p);
  expect_hits(lx, "请ＩＴ主管下周来看演示", "person:it主管|person:主管|time:下周|action:演示");
  expect_hits(lx, "A DEMO, please", "action:demo");
  expect_hits(lx, "nothing here", "");
  expect_hits(lx, "", "");
  lex_free(lx);
}

static void test_word_boundaries(void **st) {
  (void)st;
  static const char *const p[] = { "negation", "no", "action", "test", "action", "schedul*", "person", "it head", NULL };
  lexicon *lx = make(p);
  expect_hits(lx, "I know", "");                         /* "no" not inside "know" */
  expect_hits(lx, "no, thanks", "negation:no");
  expect_hits(lx, "the latest version", "");             /* "test" not inside "latest" */
  expect_hits(lx, "a test-run", "action:test");
  expect_hits(lx, "rescheduling", "");                   /* a stem still starts a word */
  expect_hits(lx, "scheduling it", "action:scheduling");
  expect_hits(lx, "Scheduled.", "action:scheduled");
  expect_hits(lx, "your IT head's time", "person:it head");
  expect_hits(lx, "不no", "negation:no");                 /* CJK next to a word is a boundary */
  lex_free(lx);
}

static void test_gaps_and_anchors(void **st) {
  (void)st;
  static const char *const p[] = { "summary", "so ... which means", "request", "您看 ... 吗",
                                   "question", "^do you", "question", "吗$", NULL };
  lexicon *lx = make(p);
  expect_hits(lx, "So your staff save time, which means fewer complaints", "summary:so your staff save time, which means");
  expect_hits(lx, "So that is it. Which means nothing", "");          /* not the same sentence */
  expect_hits(lx, "您看明天可以吗", "request:您看明天可以吗|question:吗");
  expect_hits(lx, "Do you use Excel?", "question:do you");
  expect_hits(lx, "Ok, do you use it?", "question:do you");             /* after a comma */
  expect_hits(lx, "What do you use?", "");                              /* not at a clause start */
  expect_hits(lx, "吗啡", "");                                           /* 吗 not at a clause end */
  lex_free(lx);
}

static void test_ignore_and_negation(void **st) {
  (void)st;
  static const char *const p[] = { "negation", "no", "ignore", "no problem", "negation", "不要",
                                   "loss_appeal", "不要错过", "request", "要不要", "negation", "不用",
                                   "ignore", "不用担心", NULL };
  lexicon *lx = make(p);
  expect_hits(lx, "no problem at all", "");
  expect_hits(lx, "no, not today", "negation:no");
  expect_hits(lx, "不要错过", "loss_appeal:不要错过");
  expect_hits(lx, "要不要试试", "request:要不要");
  expect_hits(lx, "不用担心", "");
  expect_hits(lx, "不用来了", "negation:不用");
  lex_free(lx);
}

static void test_bad_phrases(void **st) {
  (void)st;
  lexicon *lx = lex_new();
  const char *why = NULL;
  assert_int_equal(lex_add(lx, "action", "   ", "x", &why), -1);
  assert_string_equal(why, "empty phrase (or an empty part around \"...\")");
  assert_int_equal(lex_add(lx, "action", "a ... ", "x", &why), -1);
  assert_int_equal(lex_add(lx, "action", "^$", "x", &why), -1);
  assert_int_equal(lex_add(lx, "action", "\x1b[2J", "x", &why), 0);   /* controls become U+FFFD */
  assert_int_equal(lex_phrase_count(lx), 1);
  lex_free(lx);
}

/* Naive reference: every occurrence of every phrase, leftmost first, not overlapping itself. */
static int naive_count(char **phr, int n, const char *t) {
  int c = 0;
  size_t tl = strlen(t);
  for (int i = 0; i < n; i++) {
    size_t pl = strlen(phr[i]);
    for (size_t s = 0; s + pl <= tl; s++)
      if (memcmp(t + s, phr[i], pl) == 0) { c++; s += pl - 1; }   /* a phrase does not overlap itself */
  }
  return c;
}

static void test_agrees_with_naive(void **st) {
  (void)st;
  /* Phrases over a small alphabet of CJK syllables (no word boundaries apply) */
  static const char *const syl[] = { "签", "到", "演", "示", "下", "周" };
  char *phr[300];
  unsigned x = 7;
  lexicon *lx = lex_new();
  for (int i = 0; i < 300; i++) {
    strbuf b = {0};
    x = x * 1103515245u + 12345u;
    int len = 1 + (int)((x >> 16) % 4);
    for (int k = 0; k < len; k++) { x = x * 1103515245u + 12345u; sb_puts(&b, syl[(x >> 16) % 6]); }
    phr[i] = sb_take(&b);
    lex_add(lx, "action", phr[i], "gen", NULL);
  }
  for (int round = 0; round < 50; round++) {
    strbuf t = {0};
    for (int k = 0; k < 30; k++) { x = x * 1103515245u + 12345u; sb_puts(&t, syl[(x >> 16) % 6]); }
    lex_hit *h;
    int got = lex_match(lx, t.s, t.len, &h);
    assert_int_equal(got, naive_count(phr, 300, t.s));
    free(h);
    sb_free(&t);
  }
  for (int i = 0; i < 300; i++) free(phr[i]);
  lex_free(lx);
}

static int only_moves(const char *section, const char *label) {
  return strcmp(section, "markers") == 0 || strcmp(label, "greet") == 0 || strcmp(label, "action") == 0;
}

/* Loads YAML and returns the diagnostics joined by newlines. */
static char *load_msgs(lexicon *lx, const char *yaml) {
  diag d;
  diag_init(&d);
  lex_load_string(lx, "lexicons/t.yaml", yaml, strlen(yaml), only_moves, &d);
  strbuf b = {0};
  sb_append(&b, "", 0);
  for (int i = 0; i < d.n; i++) {
    char *s = diag_format(&d.v[i]);
    sb_printf(&b, "%s%s", i ? "\n" : "", s);
    free(s);
  }
  diag_free(&d);
  return sb_take(&b);
}

static void test_yaml(void **st) {
  (void)st;
  lexicon *lx = lex_new();
  char *m = load_msgs(lx, "language: en\nmoves:\n  greet: [hello, good morning]\nslots:\n  action:\n    - bring\n    - \"let's go\"\n");
  assert_string_equal(m, "");
  free(m);
  assert_int_equal(lex_phrase_count(lx), 4);
  assert_string_equal(lex_phrase_at(lx, 0)->source, "lexicons/t.yaml:3");
  assert_string_equal(lex_phrase_at(lx, 2)->source, "lexicons/t.yaml:6");
  assert_string_equal(lex_phrase_at(lx, 3)->text, "let's go");
  expect_hits(lx, "Hello, let's go", "greet:hello|action:let's go");
  lex_free(lx);

  /* classes: any name, read under "class:NAME"; a phrase of one must still be text */
  lx = lex_new();
  m = load_msgs(lx, "classes:\n  concern: [\"worr*\", misgivings]\n  risk: [[x]]\n");
  assert_string_equal(m, "lexicons/t.yaml:3:10: error: a phrase of 'class:risk' must be text, not a list");
  free(m);
  expect_hits(lx, "Any misgivings? I'm worried.", "class:concern:misgivings|class:concern:worried");
  lex_free(lx);

  lx = lex_new();
  m = load_msgs(lx, "moves:\n  greeet: [hi]\n  greet: hi\nfoo: 1\nslots:\n  action: [[a]]\n  action2: [x]\n");
  assert_string_equal(m,
    "lexicons/t.yaml:2:3: error: unknown move name 'greeet'\n"
    "lexicons/t.yaml:3:10: error: 'greet' needs a list of phrases, e.g. [phrase one, phrase two]\n"
    "lexicons/t.yaml:4:1: error: unknown key 'foo' (expected language, description, moves, slots, markers, variants, classes)\n"
    "lexicons/t.yaml:6:12: error: a phrase of 'action' must be text, not a list\n"
    "lexicons/t.yaml:7:3: error: unknown slot name 'action2'");
  free(m);
  lex_free(lx);

  lx = lex_new();
  m = load_msgs(lx, "- just\n- a list\n");
  assert_string_equal(m, "lexicons/t.yaml:1:1: error: a lexicon is a mapping with moves:, slots: and markers:");
  free(m);
  m = load_msgs(lx, "moves: {greet: ['  ']}\n");
  assert_string_equal(m, "lexicons/t.yaml:1:17: error: phrase '  ' of 'greet': empty phrase (or an empty part around \"...\")");
  free(m);
  diag d;
  diag_init(&d);
  assert_int_equal(lex_load_file(lx, "/nonexistent/x.yaml", "lexicons/x.yaml", NULL, &d), 1);
  assert_int_equal(d.errors, 1);
  diag_free(&d);
  lex_free(lx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_basic_and_overlap),
    cmocka_unit_test(test_word_boundaries),
    cmocka_unit_test(test_gaps_and_anchors),
    cmocka_unit_test(test_ignore_and_negation),
    cmocka_unit_test(test_bad_phrases),
    cmocka_unit_test(test_agrees_with_naive),
    cmocka_unit_test(test_yaml),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
