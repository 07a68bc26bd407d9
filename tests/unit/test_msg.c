/* test_msg.c: the message catalogues (msg.h): placeholders, plural forms, lists, the fallback
** to English, the shipped catalogues agreeing with each other and with the code, the compiled
** form in the binary, and `salesim check`-style errors with positions for a broken catalogue. */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "diag.h"
#include "msg.h"
#include "score.h"
#include "util.h"

/* A catalogue compiled from text (English reference when ref), or NULL; errors go to d. */
static msg_cat *compile(const char *yaml, const msg_cat *ref, diag *d, unsigned char **blob) {
  size_t n;
  *blob = msg_compile("t.yaml", yaml, strlen(yaml), ref, &n, d);
  return *blob ? msg_open(*blob, n) : NULL;
}

/* The diagnostics as "line:col: msg" lines. */
static char *diags(const diag *d) {
  strbuf b = { 0 };
  sb_puts(&b, "");
  for (int i = 0; i < d->n; i++) {
    char *s = diag_format(&d->v[i]);
    sb_printf(&b, "%s\n", s);
    free(s);
  }
  return sb_take(&b);
}

static const char *const ref_yaml =
  "language: en\n"
  "plural: one_other\n"
  "messages:\n"
  "  hello: Hello, {name}!\n"
  "  turns:\n"
  "    one: \"{count} turn\"\n"
  "    other: \"{count} turns\"\n"
  "  braces: \"{{literal}} and {x}\"\n";

/* Named placeholders, literal braces, a missing argument shown as itself, plural forms. */
static void format_and_plural(void **state) {
  (void)state;
  diag d; diag_init(&d);
  unsigned char *blob;
  msg_cat *c = compile(ref_yaml, NULL, &d, &blob);
  assert_non_null(c);
  assert_int_equal(d.n, 0);
  assert_string_equal(msg_cat_lang(c), "en");
  assert_string_equal(msg_cat_plural(c), "one_other");
  assert_int_equal(msg_count(c), 3);
  assert_string_equal(msg_key_at(c, 0), "braces");   /* sorted */
  assert_string_equal(msg_form(c, "turns", "one"), "{count} turn");
  assert_string_equal(msg_form(c, "turns", "other"), "{count} turns");
  assert_null(msg_form(c, "hello", "one"));
  msg_close(c);
  free(blob);
  diag_free(&d);

  /* the shipped catalogues, through the public formatter */
  char *s = msg_get("en", "finding.lower_before_probe", "turn", "3", "quote", "Then a call?", NULL);
  assert_string_equal(s, "After the refusal at turn 3 you lowered the ask (\"Then a call?\") without asking why.");
  free(s);
  s = msg_get("zh", "finding.lower_before_probe", "turn", "3", "quote", "那打个电话？", NULL);
  assert_string_equal(s, "第 3 轮被拒绝后，你没有问原因就降低了要求（“那打个电话？”）。");
  free(s);
  s = msg_get("en", "finding.lower_before_probe", "quote", "x", NULL);   /* {turn} not given */
  assert_non_null(strstr(s, "at turn {turn} you"));
  free(s);
  /* a key no catalogue has is shown as the key: visible, never a crash */
  s = msg_get("zh", "no.such.key", NULL);
  assert_string_equal(s, "no.such.key");
  free(s);
}

/* "@key" lists and MSG_LIST_SEP lists are joined with the language's separator. */
static void lists(void **state) {
  (void)state;
  char *s = msg_get("en", "finding.vague_ask", "quote", "Sometime?", "missing",
                    "@part.ask_vague,part.ask_no_time", "vague", "Sometime", NULL);
  assert_string_equal(s, "You asked \"Sometime?\": it leans on \"Sometime\", no time.");
  free(s);
  s = msg_get("zh", "finding.vague_ask", "quote", "改天吧", "missing", "@part.ask_vague,part.ask_no_time",
              "vague", "改天", NULL);
  assert_string_equal(s, "你的请求“改天吧”：用了“改天”这样含糊的说法，没有说明时间。");
  free(s);
  s = msg_get("en", "finding.summary_misses_needs", "quote", "q", "needs", "attendance\x1eparents", NULL);
  assert_string_equal(s, "Your summary \"q\" leaves out needs the customer confirmed: attendance, parents.");
  free(s);
  /* items with commas of their own are joined with sep.list_long, or they run together
  ** ("...预算，赵主任安排你向分管副院长汇报,推动立项，赵主任...": play-test 30b #14) */
  s = msg_get("zh", "reason.advance_visits", "n", "2", "actions", "报进预算\x1e安排汇报，推动立项", "turn", "9", NULL);
  assert_string_equal(s, "客户在 2 次拜访中都答应了行动：报进预算；安排汇报，推动立项（最后一次在第 9 轮）。");
  free(s);
  s = msg_get("en", "finding.summary_misses_needs", "quote", "q", "needs", "attendance, daily\x1eparents", NULL);
  assert_string_equal(s, "Your summary \"q\" leaves out needs the customer confirmed: attendance, daily; parents.");
  free(s);
  /* a part's own placeholder comes from the same arguments */
  s = msg_get("en", "finding.loss_before_value", "quote", "q", "why", "@part.trust_low,part.not_on_list",
              "trust", "3", NULL);
  assert_string_equal(s, "You pressed with a loss (\"q\") while trust 3/10, not on the purchase list.");
  free(s);
  /* a value that starts with '@' but names no message is text (a trainee may type "@Dana") */
  s = msg_get("en", "finding.vague_ask", "quote", "@Dana, sometime?", "missing", "@part.ask_vague", "vague",
              "sometime", NULL);
  assert_string_equal(s, "You asked \"@Dana, sometime?\": it leans on \"sometime\".");
  free(s);
  s = msg_get("en", "finding.vague_ask", "quote", "q", "missing", "@part.ask_vague,no.such.key", NULL);
  assert_string_equal(s, "You asked \"q\": @part.ask_vague,no.such.key.");
  free(s);
}

/* Each plural rule picks its forms by {count}; a language without plurals uses "other". */
static void plural_rules(void **state) {
  (void)state;
  diag d; diag_init(&d);
  unsigned char *blob;
  msg_cat *c = compile(ref_yaml, NULL, &d, &blob);
  assert_non_null(c);
  msg_close(c);
  free(blob);
  /* the rule needs "one" in English: a plural message without it is an error at its place */
  c = compile("language: en\nplural: one_other\nmessages:\n  t:\n    other: x\n", NULL, &d, &blob);
  assert_null(c);
  char *got = diags(&d);
  assert_string_equal(got, "t.yaml:5:5: error: 't': plural rule one_other needs the form 'one'\n");
  free(got);
  diag_free(&d);
  diag_init(&d);
  c = compile("language: xx\nplural: dual\nmessages:\n  t:\n    onee: x\n    other: y\n", NULL, &d, &blob);
  assert_null(c);
  got = diags(&d);
  assert_non_null(strstr(got, "t.yaml:2:9: error: plural: is none or one_other\n"));
  assert_non_null(strstr(got, "t.yaml:5:5: error: 't': unknown plural form 'onee'"));
  free(got);
  diag_free(&d);
}

/* Errors against the reference: unknown placeholder, missing and unknown keys, bad YAML,
** malformed braces, each at its file:line:col. */
static void errors_with_positions(void **state) {
  (void)state;
  diag d; diag_init(&d);
  unsigned char *rblob, *blob;
  msg_cat *ref = compile(ref_yaml, NULL, &d, &rblob);
  assert_non_null(ref);
  msg_cat *c = compile("language: fr\nplural: one_other\nmessages:\n"
                       "  hello: Bonjour, {nom} !\n"
                       "  braces: \"{{x}} {x\"\n"
                       "  extra: de trop\n", ref, &d, &blob);
  assert_null(c);
  char *got = diags(&d);
  assert_string_equal(got,
    "t.yaml:4:10: error: 'hello': unknown placeholder {nom} (the en catalogue's text has no such name)\n"
    "t.yaml:5:11: error: 'braces': a '{' is not closed (write '{{' for a brace)\n"
    "t.yaml:6:3: error: unknown message 'extra' (the en catalogue has no such key)\n"
    "t.yaml:4:3: error: missing message 'turns' (the en catalogue has it)\n");
  free(got);
  diag_free(&d);

  diag_init(&d);
  c = compile("language: fr\nmessages:\n  hello: [not, text\n", ref, &d, &blob);
  assert_null(c);
  got = diags(&d);
  assert_non_null(strstr(got, "t.yaml:"));   /* libyaml's syntax error, with its position */
  assert_non_null(strstr(got, "error:"));
  free(got);
  diag_free(&d);

  diag_init(&d);
  c = compile("language: fr\nmessages:\n  hello: [a, b]\n  Bad Key: x\n", NULL, &d, &blob);
  assert_null(c);
  got = diags(&d);
  assert_non_null(strstr(got, "t.yaml:3:10: error: 'hello' must be a text, or a mapping of plural forms"));
  assert_non_null(strstr(got, "t.yaml:4:3: error: message key 'Bad Key': use a-z, 0-9, '_', '-' and '.' only"));
  free(got);
  diag_free(&d);
  msg_close(ref);
  free(rblob);
}

/* The shipped catalogues: Chinese has exactly English's keys and placeholders (what the build
** checks too), every rule has its words, and the binary holds them compiled. */
static void shipped(void **state) {
  (void)state;
  const msg_cat *en = msg_catalogue("en"), *zh = msg_catalogue("zh");
  assert_non_null(en);
  assert_non_null(zh);
  assert_int_equal(msg_count(en), msg_count(zh));
  for (int i = 0; i < msg_count(en); i++) assert_string_equal(msg_key_at(en, i), msg_key_at(zh, i));
  char *path = util_data_path("messages/zh.yaml");
  assert_non_null(path);
  diag d; diag_init(&d);
  assert_int_equal(msg_check_file(path, &d), 0);
  assert_int_equal(d.n, 0);
  diag_free(&d);
  assert_true(msg_is_catalogue(path));
  free(path);
  assert_string_equal(msg_lang("zh-CN"), "zh");
  assert_string_equal(msg_lang("ZH_tw"), "zh");
  assert_string_equal(msg_lang("fr"), "en");          /* no catalogue: English */
  assert_string_equal(msg_lang("../../etc"), "en");   /* never a path */
  assert_null(msg_catalogue("../en"));
}

/* Every message key the scorer can produce exists in English (a finding must never show a
** bare key): each rule's finding, why and better line, each principle. */
static void rules_have_words(void **state) {
  (void)state;
  int n;
  const score_rule *r = score_rules(&n);
  char key[128];
  for (int i = 0; i < n; i++) {
    snprintf(key, sizeof key, "finding.%s", r[i].id);
    int variants = msg_has("en", key);
    static const char *const sub[] = { "visit", "order", "raised", "looked", "action" };
    for (size_t k = 0; k < sizeof sub / sizeof *sub; k++) {
      snprintf(key, sizeof key, "finding.%s.%s", r[i].id, sub[k]);
      variants += msg_has("en", key);
    }
    if (!variants) fail_msg("rule %s has no finding.* message", r[i].id);
    snprintf(key, sizeof key, "principle.%s", r[i].principle);
    assert_true(msg_has("en", key));
  }
}

/* No English finding speaks of the customer as "she" or "he": the customer may be anyone at the
** table, and "You answered the worry the customer raised (...), and she said it helped." was said
** of Martin's worry (play-test 30a F12). */
static void findings_no_gender(void **state) {
  (void)state;
  static const char *const words[] = { "she", "her", "hers", "herself", "he", "him", "his", "himself" };
  const msg_cat *en = msg_catalogue("en");
  assert_non_null(en);
  for (int i = 0; i < msg_count(en); i++) {
    const char *key = msg_key_at(en, i), *t = msg_text("en", key);
    if (strncmp(key, "finding.", 8) != 0 || !t) continue;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
      for (const char *p = strstr(t, words[w]); p; p = strstr(p + 1, words[w])) {
        size_t l = strlen(words[w]);
        int alone = (p == t || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[l]);
        if (alone) fail_msg("%s says \"%s\": %s", key, words[w], t);
      }
  }
}

/* Every catalogue compiled into the binary passes msg_open's checks, each offset of its index
** included: the program opens them without looking at the offsets (msg.c, open_built). */
static void built_blobs_sound(void **state) {
  (void)state;
  int n = 0;
  for (const bi_entry *e = bi_messages; e->name; e++, n++) {
    msg_cat *c = msg_open(e->bytes, e->n_bytes);
    if (!c) fail_msg("%s: the compiled catalogue does not open", e->name);
    assert_true(msg_count(c) > 0);
    msg_close(c);
  }
  assert_true(n >= 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(format_and_plural),
    cmocka_unit_test(lists),
    cmocka_unit_test(plural_rules),
    cmocka_unit_test(errors_with_positions),
    cmocka_unit_test(shipped),
    cmocka_unit_test(rules_have_words), cmocka_unit_test(findings_no_gender),
    cmocka_unit_test(built_blobs_sound),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
