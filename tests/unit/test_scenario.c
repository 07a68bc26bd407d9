/* test_scenario.c: the scenario loader: the shipped scenarios load with every field, defaults,
** every validation rule with its exact message and position, lookups, bands, and the JSON
** schema in step with the loader's key table. */
#include "scncheck.h"
#include "testutil.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify.h"
#include "scenario.h"
#include "util.h"

/* A valid minimal scenario; tests append keys to it. */
static const char *BASE =
  "id: demo\n"
  "title: Demo visit\n"
  "language: en\n"
  "difficulty: 1\n"
  "brief: You visit Sam.\n"
  "customer:\n"
  "  name: Sam\n"
  "commitments:\n"
  "  - id: meeting\n"
  "    level: high\n"
  "    action: Sam books a meeting\n"
  "    keywords: [meeting]\n";   /* 12 lines: appended text starts at line 13 */

static char tmpdir[64];

static int setup(void **st) {
  (void)st;
  strcpy(tmpdir, "/tmp/test_scenario_XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **st) {
  (void)st;
  char *cmd = xasprintf("rm -rf '%s'", tmpdir);
  int rc = system(cmd);
  free(cmd);
  return rc == 0 ? 0 : -1;
}

/* Writes text to tmpdir/name and returns the path (malloc'd). */
static char *write_file(const char *name, const char *text) {
  char *path = xasprintf("%s/%s", tmpdir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

/* Loads BASE + extra from memory, as the file tmpdir/s.yaml (a behaviour script beside it is
** found there); returns the scenario (or NULL) and the sorted diagnostics as
** "LINE:COL: MESSAGE" lines joined by '\n' in *msgs. */
static scenario *load_with(const char *extra, char **msgs) {
  char *text = xasprintf("%s%s", BASE, extra);
  char *path = xasprintf("%s/s.yaml", tmpdir);
  diag d;
  diag_init(&d);
  scenario *s = scc_load_string(path, text, strlen(text), &d);
  diag_sort(&d);
  strbuf b = {0};
  for (int i = 0; i < d.n; i++)
    sb_printf(&b, "%s%d:%d: %s", i ? "\n" : "", d.v[i].line, d.v[i].col, d.v[i].msg);
  *msgs = sb_take(&b);
  diag_free(&d);
  free(path);
  free(text);
  return s;
}

/* Expects BASE + extra to be refused with exactly these diagnostics. */
static void expect_errors(const char *extra, const char *expected) {
  char *m;
  scenario *s = load_with(extra, &m);
  int same = strcmp(m, expected) == 0, refused = s == NULL;
  if (!same) print_error("for:\n%s\nexpected:\n%s\nactual:\n%s\n", extra, expected, m);
  free(m);
  scn_free(s);
  assert_true(same);
  assert_true(refused);
}

static void test_campus_platform(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  scenario *s = scc_load("scenarios/campus-platform.yaml", &d);
  assert_int_equal(d.n, 0);
  assert_non_null(s);
  assert_string_equal(s->id, "campus-platform");
  assert_string_equal(s->language, "zh");
  assert_string_equal(s->dir, "scenarios");
  assert_int_equal(strlen(s->hash), 16);
  assert_int_equal(s->difficulty, 2);
  assert_int_equal(s->minutes, 10);
  assert_string_equal(s->cust_name, "周处长");
  assert_string_equal(s->cust_company, "江城大学");
  assert_non_null(s->goal);
  assert_int_equal(s->n_needs, 4);
  int parents = scn_need_index(s, "parents");
  assert_int_equal(parents, 2);
  assert_true(s->needs[parents].hidden);
  assert_false(s->needs[0].hidden);
  assert_true(s->needs[parents].revealed_by.n > 0);
  int ew = scn_benefit_index(s, "early_warning");
  assert_true(ew >= 0);
  assert_int_equal(s->benefits[ew].answers.n, 2);
  assert_int_equal(s->benefits[ew].need_index[0], scn_need_index(s, "wellbeing"));
  assert_int_equal(s->benefits[ew].need_index[1], scn_need_index(s, "attendance"));
  assert_int_equal(s->n_commitments, 3);
  assert_int_equal(s->commitments[0].level, SCN_LEVEL_HIGH);
  assert_int_equal(s->commitments[0].kind, SCN_KIND_ADVANCE);
  assert_string_equal(s->commitments[0].realistic_when, "trust >= 5 and value_acknowledged");
  assert_string_equal(s->commitments[0].objection, "it_review");
  assert_int_equal(s->commitments[2].level, SCN_LEVEL_LOW);
  assert_null(s->commitments[2].realistic_when);
  assert_int_equal(s->commitments[2].refuse.n, 0);
  assert_int_equal(scn_objection_index(s, "budget"), 1);
  const scn_lines *g = scn_find_lines(s, "greeting");
  assert_non_null(g);
  assert_int_equal(g->variants.n, 2);
  assert_non_null(scn_find_lines(s, "vague_answer"));
  assert_true(scn_find_state(s, "interest")->value == 4);
  assert_true(scn_find_state(s, "patience")->value == 12);
  const scn_state_var *hm = scn_find_state(s, "heads_mentioned");
  assert_non_null(hm);
  assert_true(hm->is_bool);
  assert_true(s->n_reactions >= 6);
  assert_string_equal(s->reactions[0].say_key, "pressure");
  assert_int_equal(s->reactions[0].n_changes, 2);
  assert_string_equal(s->reactions[0].changes[0].var, "trust");
  assert_true(s->reactions[0].changes[0].delta == -2);
  assert_int_equal(s->reactions[0].stop, 1);
  assert_int_equal(s->n_tests, 19);
  assert_string_equal(s->tests[0].outcome, "advance");
  assert_int_equal(s->tests[0].n_skills, 2);
  assert_string_equal(s->tests[0].skills[0].skill, "commitment");
  assert_true(s->tests[0].skills[0].band.lo == 70);
  assert_true(s->scoring.pass == 70);
  assert_true(s->scoring.w_commitment < 0);
  assert_int_equal(s->n_lexicon, 8);
  assert_string_equal(s->lexicon[3].name, "loss_appeal");
  assert_true(s->hints.n >= 3);
  assert_null(s->behaviour);
  scn_free(s);
  diag_free(&d);
}

static void test_it_trial(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  scenario *s = scc_load("scenarios/it-trial.yaml", &d);
  assert_int_equal(d.n, 0);
  assert_non_null(s);
  assert_string_equal(s->language, "en");
  assert_int_equal(s->minutes, 12);
  assert_true(s->scoring.w_commitment == 40 && s->scoring.w_discovery == 15);
  int cfo = scn_commitment_index(s, "meeting_with_cfo");
  assert_int_equal(cfo, 1);
  assert_int_equal(s->commitments[cfo].level, SCN_LEVEL_HIGH);
  assert_int_equal(scn_commitment_index(s, "reference_call"), 3);
  assert_int_equal(s->n_visits, 0);
  scn_free(s);
  diag_free(&d);
}

/* play reads no tests: section of a shipped file (scn_read_shipped_tests): the build checked it
** and a visit runs none; a file that is not byte for byte a shipped one is read whole. */
static void test_shipped_tests_skipped(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  scn_read_shipped_tests(0);
  scenario *s = scc_load("scenarios/it-trial.yaml", &d);
  assert_non_null(s);
  assert_true(s->src_len > 0);         /* the shipped image */
  assert_int_equal(s->n_tests, 0);
  assert_true(s->n_needs > 0);
  scn_free(s);
  char *msgs = NULL;
  s = load_with("tests:\n  - name: one\n    lines: [hello]\n    expect: {outcome: no_sale}\n", &msgs);
  assert_string_equal(msgs, "");
  assert_non_null(s);
  assert_int_equal(s->n_tests, 1);
  scn_free(s);
  free(msgs);
  scn_read_shipped_tests(1);
  s = scc_load("scenarios/it-trial.yaml", &d);
  assert_non_null(s);
  assert_true(s->n_tests > 0);
  scn_free(s);
  assert_int_equal(d.n, 0);
  diag_free(&d);
}

static void test_defaults(void **st) {
  (void)st;
  char *m;
  scenario *s = load_with("reactions:\n  - when: greet\n    say: Hi.\n"
                          "tests:\n  - name: t\n    lines: [Hello]\n    expect: { outcome: no_sale }\n", &m);
  assert_string_equal(m, "");
  assert_non_null(s);
  assert_int_equal(s->minutes, 10);
  assert_int_equal(s->n_state, 5);
  assert_true(scn_find_state(s, "interest")->value == 3);
  assert_true(scn_find_state(s, "trust")->value == 3);
  assert_true(scn_find_state(s, "patience")->value == 12);
  assert_true(scn_find_state(s, "value_acknowledged")->is_bool);
  assert_true(scn_find_state(s, "on_purchase_list")->value == 0);
  assert_int_equal(s->commitments[0].kind, SCN_KIND_ADVANCE);
  assert_int_equal(s->reactions[0].stop, 1);
  assert_int_equal(s->reactions[0].once, 0);
  assert_null(s->reactions[0].say_key);
  assert_int_equal(s->reactions[0].say.n, 1);
  assert_string_equal(s->reactions[0].say.v[0], "Hi.");
  assert_int_equal((int)s->tests[0].seed, 1);
  assert_int_equal(s->tests[0].has_score, 0);
  assert_true(s->scoring.pass < 0 && s->scoring.w_tactics < 0);
  assert_null(s->goal);
  assert_null(s->behaviour);
  assert_int_equal(s->n_visits, 0);
  scn_free(s);
  free(m);
}

/* scoring.tiers and visit_kind: read when valid (a plain name is the scenario's language; the
** visit's kind and the top level's kept apart), absent they leave the defaults; refused with
** positions when wrong (tests/golden/scoring-tiers.yaml and visit-kind.yaml hold more). */
static void test_tiers_and_visit_kind(void **st) {
  (void)st;
  char *m;
  scenario *s = load_with("visit_kind: follow_up\n"
                          "visits:\n  - { id: a, title: A, brief: B, visit_kind: payment }\n"
                          "  - { id: b, title: B, brief: C }\n"
                          "scoring:\n  pass: 60\n  tiers:\n"
                          "    - { id: top, min: 80.5, name: { en: Top, zh: 顶尖 } }\n"
                          "    - { id: rest, min: 0, name: Rest }\n", &m);
  assert_string_equal(m, "");
  assert_non_null(s);
  assert_int_equal(s->visit_kind, SCN_VISIT_FOLLOW_UP);
  assert_int_equal(s->visit_kind_pos.line, 13);
  assert_int_equal(s->visits[0].kind, SCN_VISIT_PAYMENT);
  assert_int_equal(s->visits[1].kind, SCN_VISIT_DERIVED);
  assert_true(s->scoring.pass == 60);
  assert_int_equal(s->scoring.n_tiers, 2);
  assert_string_equal(s->scoring.tiers[0].id, "top");
  assert_true(s->scoring.tiers[0].min == 80.5);
  assert_int_equal(s->scoring.tiers[0].names.n, 2);
  assert_string_equal(s->scoring.tiers[0].langs.v[1], "zh");
  assert_string_equal(s->scoring.tiers[0].names.v[1], "顶尖");
  assert_string_equal(s->scoring.tiers[1].langs.v[0], "en");   /* plain text: the scenario's language */
  assert_string_equal(s->scoring.tiers[1].names.v[0], "Rest");
  assert_int_equal(s->scoring.tiers[1].pos.line, 21);
  scn_free(s);
  free(m);
  s = load_with("", &m);                     /* near case: absent, nothing set */
  assert_int_equal(s->visit_kind, SCN_VISIT_DERIVED);
  assert_int_equal(s->scoring.n_tiers, 0);
  scn_free(s);
  free(m);
  expect_errors("scoring:\n  tiers:\n    - { id: a, min: 50, name: A }\n    - { id: b, min: 50, name: B }\n",
                "16:21: min: tiers go best first, each min below the one before; 50 is not below 50 (line 15)\n"
                "16:21: min: the last tier's min must be 0, so that every total has a tier");
  expect_errors("scoring:\n  tiers: []\n", "14:10: tiers: the list is empty; remove tiers: for the default tiers");
  expect_errors("scoring:\n  tiers:\n    - { id: a, min: 0, name: { zh: 甲 } }\n",
                "15:30: name: give the tier's name in the scenario's language (en:)");
  expect_errors("visit_kind: Payment\n",
                "13:13: visit_kind: expected first_visit, follow_up, payment or referral, found 'Payment'");
}

static void test_visits_and_state(void **st) {
  (void)st;
  char *m;
  scenario *s = load_with("state: { trust: 4.5, budget_ok: false, visits_done: 0 }\n"
                          "visits:\n"
                          "  - { id: one, title: First, brief: Meet Sam. }\n"
                          "  - id: two\n    title: Second\n    brief: Again.\n"
                          "    state: { trust: 6, budget_ok: true }\n    commitments: [meeting]\n", &m);
  assert_string_equal(m, "");
  assert_non_null(s);
  assert_int_equal(s->n_state, 7);
  assert_true(scn_find_state(s, "trust")->value == 4.5);
  assert_int_equal(scn_find_state(s, "budget_ok")->is_bool, 1);
  assert_int_equal(scn_find_state(s, "visits_done")->is_bool, 0);
  assert_int_equal(s->n_visits, 2);
  assert_int_equal(s->visits[1].n_state, 2);
  assert_string_equal(s->visits[1].state[1].name, "budget_ok");
  assert_true(s->visits[1].state[1].value == 1);
  assert_int_equal(s->visits[1].commitments.n, 1);
  assert_int_equal(s->visits[1].pos.line, 16);
  scn_free(s);
  free(m);
}

static void test_behaviour(void **st) {
  (void)st;
  char *lua = write_file("b.lua", "-- nothing\n");
  char *m;
  scenario *s = load_with("behaviour: b.lua\n", &m);
  assert_string_equal(m, "");
  assert_non_null(s);
  assert_string_equal(s->behaviour, lua);
  assert_int_equal(s->behaviour_pos.line, 13);
  assert_int_equal(s->behaviour_pos.col, 12);
  scn_free(s);
  free(m);
  free(lua);
  expect_errors("behaviour: nope.lua\n",
                "13:12: behaviour script 'nope.lua' cannot be read: No such file or directory");
  expect_errors("behaviour: .\n", "13:12: behaviour script '.' is not a regular file");
}

static void test_unknown_and_missing_keys(void **st) {
  (void)st;
  expect_errors("titel: x\n", "13:1: unknown key 'titel'; did you mean 'title'?");
  expect_errors("behavior: x.lua\n", "13:1: unknown key 'behavior'; did you mean 'behaviour'?");
  expect_errors("colour: blue\n", "13:1: unknown key 'colour' (docs/scenario-format.md lists the keys)");
  expect_errors("role: owner\n",
                "13:1: unknown key 'role' here; it belongs under customer: (check the indentation)");
  expect_errors("needs:\n  - { id: a, said: b, keywords: [c], level: high }\n",
                "14:38: unknown key 'level' here; it belongs in each item of commitments: "
                "(check the indentation)");
  expect_errors("needs:\n  - { id: a, said: b, keyword: [c] }\n",
                "14:5: missing required key 'keywords'\n"
                "14:23: unknown key 'keyword'; did you mean 'keywords'?");
  expect_errors("objections:\n  - { id: a, said: b, zz: 1 }\n",
                "14:23: unknown key 'zz' (allowed here: id, said, keywords, examples)");
  expect_errors("tests:\n  - { name: t, lines: [x], expect: { outcom: advance } }\n",
                "14:38: unknown key 'outcom'; did you mean 'outcome'?");
}

static void test_types(void **st) {
  (void)st;
  expect_errors("needs: x\n", "13:8: needs: expected a list, found text");
  expect_errors("lines: [a]\n", "13:8: lines: expected a mapping, found a list");
  expect_errors("hints: {a: b}\n", "13:8: hints: expected a list of text, found a mapping");
  expect_errors("goal:\n", "13:6: goal: expected text, found nothing");
  expect_errors("goal: \"  \"\n", "13:7: goal: the text is empty");
  expect_errors("minutes: ten\n", "13:10: minutes: expected a whole number from 1 to 120, found 'ten'");
  expect_errors("minutes: '10'\n", "13:10: minutes: expected a whole number from 1 to 120, found '10'");
  expect_errors("needs:\n  - { id: a, said: b, keywords: [c], hidden: maybe }\n",
                "14:46: hidden: expected true or false, found 'maybe'");
  expect_errors("needs:\n  - just text\n", "14:5: each need: expected a mapping, found text");
  expect_errors("hints: [a, [b]]\n", "13:12: hints item 2: expected text, found a list");
}

static void test_scalars_and_enums(void **st) {
  (void)st;
  /* the head fields replaced through a whole new file */
  static const char text[] = "id: Bad_Id\ntitle: t\nlanguage: fr\ndifficulty: 6\nbrief: b\n"
                             "customer: { role: x }\ncommitments: []\n";
  diag d;
  diag_init(&d);
  assert_null(scc_load_string("h.yaml", text, sizeof text - 1, &d));
  diag_sort(&d);
  strbuf b = {0};
  for (int i = 0; i < d.n; i++) sb_printf(&b, "%d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
  assert_string_equal(b.s,
    "1:5: id 'Bad_Id': use only a-z, 0-9 and '-' (it names saved results)\n"
    "3:11: language: expected zh or en, found 'fr'\n"
    "4:13: difficulty: expected a whole number from 1 to 5, found 6\n"
    "6:11: missing required key 'name'\n"
    "7:14: commitments: the list is empty; give at least one commitment the customer could make\n");
  sb_free(&b);
  diag_free(&d);
}

static void test_enums(void **st) {
  (void)st;
  expect_errors("reactions:\n  - { when: leave, end: win }\n",
                "14:25: end: expected order, advance, continuation or no_sale, found 'win'");
  expect_errors("objections: [{ id: x, said: y }]\nreactions:\n  - { when: leave, objection: x, once: 2 }\n",
                "15:40: once: expected true or false, found '2'");
}

static void test_references(void **st) {
  (void)st;
  expect_errors("needs:\n  - { id: stock, said: s, keywords: [k] }\n"
                "benefits:\n  - { id: b, answers: [stok, price], keywords: [x] }\n",
                "16:24: unknown need 'stok'; did you mean 'stock'?\n"
                "16:30: unknown need 'price' (defined needs: stock)");
  expect_errors("benefits:\n  - { id: b, answers: stock, keywords: [x] }\n",
                "14:23: unknown need 'stock': the file defines no needs");
  expect_errors("lines: { greeting: Hi }\nreactions:\n  - { when: greet, say: greting }\n",
                "15:25: unknown line key 'greting'; did you mean 'greeting'?");
  expect_errors("reactions:\n  - { when: greet, give: meting }\n  - { when: leave, refuse: contract }\n",
                "14:26: unknown commitment 'meting'; did you mean 'meeting'?\n"
                "15:28: unknown commitment 'contract' (defined commitments: meeting)");
  expect_errors("reactions:\n  - { when: greet, objection: busy }\n",
                "14:31: unknown objection 'busy': the file defines no objections");
  expect_errors("objections: [{ id: budget, said: y }]\nreactions:\n  - { when: greet, ease: budgt }\n",
                "15:26: unknown objection 'budgt'; did you mean 'budget'?");
  expect_errors("reactions:\n  - { when: greet, reveal: pain }\n",
                "14:28: unknown need 'pain': the file defines no needs");
  expect_errors("state: { mood: 1 }\nreactions:\n  - { when: greet, change: { moood: 1, trust: 500 } }\n",
                "15:30: unknown state variable 'moood'; did you mean 'mood'?\n"
                "15:47: trust: expected a number from -100 to 100, found 500");
  expect_errors("reactions:\n  - { when: greet, change: { value_acknowledged: 1 } }\n",
                "14:30: change: 'value_acknowledged' is true or false, not a number; "
                "use set: { value_acknowledged: true }");
  expect_errors("reactions:\n  - { when: greet, set: { on_purchase_list: 1, trust: 11 } }\n",
                "14:45: on_purchase_list: expected true or false, found '1'\n"
                "14:55: trust: expected a number from 0 to 10, found 11");
  expect_errors("visits:\n  - { id: v, title: t, brief: b, state: { mood: 1 }, commitments: [deal] }\n",
                "14:43: unknown state variable 'mood' (defined state variables: interest, trust, "
                "patience, value_acknowledged, on_purchase_list)\n"
                "14:68: unknown commitment 'deal' (defined commitments: meeting)");
}

static void test_duplicates_and_limits(void **st) {
  (void)st;
  expect_errors("needs:\n  - { id: a, said: s, keywords: [k] }\n  - { id: a, said: t, keywords: [k] }\n",
                "15:11: duplicate need id 'a' (first at line 14)");
  expect_errors("tests:\n  - { name: t, lines: [x], expect: {} }\n  - { name: t, lines: [x], expect: {} }\n",
                "15:13: duplicate test name 't' (first at line 14)");
  strbuf b = {0};
  sb_puts(&b, "needs:\n");
  for (int i = 0; i < 65; i++) sb_printf(&b, "  - { id: n%d, said: s, keywords: [k] }\n", i);
  expect_errors(b.s, "14:3: too many needs: 65 (limit is 64)");
  sb_free(&b);
  sb_puts(&b, "objections:\n");
  for (int i = 0; i < 65; i++) sb_printf(&b, "  - { id: o%d, said: s, keywords: [k%d] }\n", i, i);
  expect_errors(b.s, "14:3: too many objections: 65 (limit is 64)");
  sb_free(&b);
  expect_errors("lines:\n  greeting: []\n", "14:13: greeting: the list is empty; give at least one entry");
  expect_errors("commitments:\n", "13:1: duplicate key 'commitments' (first at line 8)");
}

static void test_reactions_and_ladder(void **st) {
  (void)st;
  expect_errors("needs:\n  - { id: a, said: s, keywords: [k], hidden: true }\n",
                "14:46: hidden need 'a' can never come out: give it revealed_by: or add a "
                "reaction with reveal: a");
  char *m;
  scenario *s = load_with("needs:\n  - { id: a, said: s, keywords: [k], hidden: true }\n"
                          "reactions:\n  - { when: check_concerns, reveal: a }\n", &m);
  assert_string_equal(m, "");
  assert_non_null(s);
  assert_string_equal(s->reactions[0].reveal, "a");
  scn_free(s);
  free(m);
  expect_errors("reactions:\n  - { when: greet, once: true }\n",
                "14:5: this reaction does nothing: give it change:, set:, say:, reveal:, give:, "
                "refuse:, objection: or end:");
  expect_errors("reactions:\n  - { say: Hello. }\n", "14:5: missing required key 'when'");
  expect_errors("state: { greet: 1 }\n",
                "13:10: state variable 'greet' has the name of a move; choose another name");
  expect_errors("lexicon: { ask_comitment: [x], time: [] }\n",
                "13:12: lexicon: no move or slot 'ask_comitment'; did you mean 'ask_commitment'?\n"
                "13:38: time: the list is empty; give at least one entry");
}

static void test_rule_ids(void **st) {
  (void)st;
  expect_errors("scoring: { rules: { vage_ask: -10, vague_ask: -20 } }\n",
                "13:21: unknown rule 'vage_ask'; did you mean 'vague_ask'?");
  expect_errors("tests:\n  - { name: t, lines: [x], expect: { findings: [no_ask, nonsense_rule] } }\n",
                "14:57: unknown rule 'nonsense_rule' (docs/scoring.md lists the rules)");
  char *m;
  scenario *s = load_with("scoring: { rules: { vague_ask: -20 } }\n"
                          "tests:\n  - { name: t, lines: [x], expect: { no_findings: vague_ask } }\n", &m);
  assert_string_equal(m, "");
  assert_non_null(s);
  assert_int_equal(s->scoring.n_rules, 1);
  assert_string_equal(s->scoring.rules[0].rule, "vague_ask");
  assert_true(s->scoring.rules[0].points == -20);
  assert_string_equal(s->tests[0].no_findings.v[0], "vague_ask");
  scn_free(s);
  free(m);
}

static void test_conditions(void **st) {
  (void)st;
  expect_errors("state: { mood: 2 }\nreactions:\n  - { when: greet and and mood, say: Hi. }\n",
                "15:13: when: not a valid condition: unexpected symbol near 'and'");
  expect_errors("reactions:\n  - when: trsut > 4 and loss_apeal or foo(1)\n    say: Hi.\n",
                "14:11: when: unknown name 'trsut'; did you mean 'trust'?\n"
                "14:25: when: unknown name 'loss_apeal'; did you mean 'loss_appeal'?\n"
                "14:39: when: unknown name 'foo' (not a state variable, a move or a helper; "
                "docs/lua-api.md lists them)");
  /* quoted: the value's position; each unknown name once */
  expect_errors("reactions:\n  - { when: \"trsut > 1 or trsut < 0\", say: Hi. }\n",
                "14:13: when: unknown name 'trsut'; did you mean 'trust'?");
  char *m;
  scenario *s = load_with("state: { mood: 2 }\n"
                          "reactions:\n"
                          "  - when: mood > 1e3 and string.len('trsut') > 0 -- trsut\n    say: Hi.\n"
                          "  - when: revealed(\"x\") or mentions(\"a\", \"b\") or tactic == \"loss\" or turn > 3\n"
                          "    say: Ho.\n"
                          "  - when: (function(trsut) return trsut end)(greet)\n    say: Ha.\n", &m);
  assert_string_equal(m, "");
  assert_non_null(s);
  scn_free(s);
  free(m);
}

static void test_bands_in_tests(void **st) {
  (void)st;
  expect_errors("tests:\n  - name: t\n    lines: [x]\n    expect: { score: about 70, skills: { tactics: 90..40 } }\n",
                "16:22: score: 'about 70' is not a score band; write for example \">= 70\", \"<= 40\", "
                "\"40..70\" or 75\n"
                "16:51: tactics: '90..40' is not a score band; write for example \">= 70\", \"<= 40\", "
                "\"40..70\" or 75");
}

static void test_file_level(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  assert_null(scc_load("/nonexistent/s.yaml", &d));
  assert_int_equal(d.n, 1);
  assert_int_equal(d.v[0].line, 0);
  assert_string_equal(d.v[0].msg, "cannot read: No such file or directory");
  diag_free(&d);
  diag_init(&d);
  assert_null(scc_load_string("e.yaml", "", 0, &d));
  assert_string_equal(d.v[0].file, "e.yaml");
  assert_string_equal(d.v[0].msg, "the file is empty; a scenario needs at least id, title, language, "
                                  "difficulty, brief, customer and commitments");
  diag_free(&d);
  /* over the size cap: a file is refused before reading, with a position */
  char *p;
  strbuf big = {0};
  for (int i = 0; i < 100000; i++) sb_puts(&big, "# a comment line that fills the file up.......\n");
  p = write_file("big.yaml", big.s);
  char *want = xasprintf("file too large (%zu bytes; the limit is 4194304)", big.len);
  sb_free(&big);
  diag_init(&d);
  assert_null(scc_load(p, &d));
  assert_int_equal(d.v[0].line, 1);
  assert_string_equal(d.v[0].msg, want);
  free(want);
  diag_free(&d);
  free(p);
  diag_init(&d);
  assert_null(scc_load_string("l.yaml", "- a\n", 4, &d));
  assert_string_equal(d.v[0].msg, "expected a mapping of scenario keys (id: ..., title: ...), found a list");
  diag_free(&d);
}

/* The checks that need the runtime (scncheck.c) run after the file's own, yet each message
** comes where the one-pass loader put it (this list is NOT sorted), and an unknown rule's
** points are not judged (the no_askk line has no points message).  The expected list is what
** the one-pass loader printed for this text (`salesim play` before the split).  The same text
** from a file and from memory loads alike. */
static void test_runtime_checks_in_place(void **st) {
  (void)st;
  static const char extra[] =
    "reactions:\n"
    "  - { when: greet and and x, say: Hi. }\n"          /* 14: Lua's (runtime) */
    "  - { when: greet, reveal: nosuch }\n"              /* 15: the file's */
    "  - { when: trsut > 1, say: Ho. }\n"                /* 16: a name, after compiling */
    "scoring: { pass: 500, rules: { no_askk: 500, no_ask: 500 } }\n"   /* 17 */
    "tests:\n  - { name: t, lines: [x], expect: { findings: [zz_rule] }, seed: -1 }\n";   /* 19 */
  char *text = xasprintf("%s%s", BASE, extra);
  diag d;
  diag_init(&d);
  assert_null(scc_load_string("r.yaml", text, strlen(text), &d));
  strbuf b = {0};
  for (int i = 0; i < d.n; i++) sb_printf(&b, "%d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
  assert_string_equal(b.s,
    "14:13: when: not a valid condition: unexpected symbol near 'and'\n"
    "15:28: unknown need 'nosuch': the file defines no needs\n"
    "16:13: when: unknown name 'trsut'; did you mean 'trust'?\n"
    "17:18: pass: expected a number from 0 to 100, found 500\n"
    "17:32: unknown rule 'no_askk'; did you mean 'no_ask'?\n"
    "17:54: no_ask: expected a number from -100 to 100, found 500\n"
    "19:67: seed: expected a whole number of at least 0, found -1\n"
    "19:49: unknown rule 'zz_rule' (docs/scoring.md lists the rules)\n");
  assert_int_equal(d.errors, 8);
  sb_free(&b);
  diag_free(&d);
  /* from a file: the same scenario, the same hash */
  char *path = write_file("same.yaml", BASE);
  diag_init(&d);
  scenario *a = scc_load(path, &d), *m = scc_load_string(path, BASE, strlen(BASE), &d);
  assert_int_equal(d.n, 0);
  assert_non_null(a);
  assert_non_null(m);
  assert_string_equal(a->hash, m->hash);
  assert_string_equal(a->file, m->file);
  assert_string_equal(a->dir, m->dir);
  assert_string_equal(a->commitments[0].action, m->commitments[0].action);
  scn_free(a);
  scn_free(m);
  diag_free(&d);
  free(path);
  free(text);
}

static void test_lookups(void **st) {
  (void)st;
  char *m;
  scenario *s = load_with("lines: { a: x }\n", &m);
  assert_non_null(s);
  assert_int_equal(scn_need_index(s, "x"), -1);
  assert_int_equal(scn_need_index(s, NULL), -1);
  assert_int_equal(scn_benefit_index(s, "x"), -1);
  assert_int_equal(scn_commitment_index(s, "meeting"), 0);
  assert_int_equal(scn_commitment_index(s, "Meeting"), -1);
  assert_int_equal(scn_objection_index(s, "x"), -1);
  assert_non_null(scn_find_lines(s, "a"));
  assert_null(scn_find_lines(s, "b"));
  assert_null(scn_find_state(s, "mood"));
  assert_string_equal(scn_level_name(SCN_LEVEL_MID), "mid");
  assert_string_equal(scn_kind_name(SCN_KIND_REFERRAL), "referral");
  assert_string_equal(scn_outcome_names[3], "no_sale");
  assert_null(scn_outcome_names[4]);
  scn_free(s);
  free(m);
}

/* scn_find_lines searches the reader's sorted index: every key of a file whose keys come in no
** order is found at its own entry, keys between and around them are not, and a model built
** by hand (no index) is scanned. */
static void test_find_lines_index(void **st) {
  (void)st;
  static const char *const keys[] = { "zeta", "alpha", "mid_2", "mid_10", "b", "a_", "z-1", "yy", "m" };
  const int n = (int)(sizeof keys / sizeof *keys);
  strbuf b = {0};
  sb_puts(&b, "lines:\n");
  for (int i = 0; i < n; i++) sb_printf(&b, "  %s: [line %d]\n", keys[i], i);
  char *m;
  scenario *s = load_with(b.s, &m);
  assert_non_null(s);
  assert_non_null(s->line_order);
  for (int i = 0; i < s->n_lines; i++) {
    const scn_lines *l = scn_find_lines(s, s->lines[i].key);
    assert_ptr_equal(l, &s->lines[i]);
  }
  for (int i = 0; i < n; i++) assert_non_null(scn_find_lines(s, keys[i]));
  static const char *const absent[] = { "", "0", "z", "alph", "alphaa", "mid_1", "zzz", "c" };
  for (size_t i = 0; i < sizeof absent / sizeof *absent; i++) assert_null(scn_find_lines(s, absent[i]));
  assert_null(scn_find_lines(s, NULL));
  int *order = s->line_order;   /* a model built by hand has no index: the scan finds the same */
  s->line_order = NULL;
  for (int i = 0; i < n; i++) assert_non_null(scn_find_lines(s, keys[i]));
  assert_null(scn_find_lines(s, "c"));
  s->line_order = order;
  scn_free(s);
  free(m);
  sb_free(&b);
}

static void test_parse_band(void **st) {
  (void)st;
  scn_band b;
  assert_int_equal(scn_parse_band(">= 80", &b), 0);
  assert_true(b.lo == 80 && b.hi > 1e200);
  assert_int_equal(scn_parse_band("<=40", &b), 0);
  assert_true(b.hi == 40 && b.lo < -1e200);
  assert_int_equal(scn_parse_band("> 50", &b), 0);
  assert_true(b.lo > 50 && b.lo < 50.001);
  assert_int_equal(scn_parse_band("< 50", &b), 0);
  assert_true(b.hi < 50 && b.hi > 49.999);
  assert_int_equal(scn_parse_band("= 100", &b), 0);
  assert_true(b.lo == 100 && b.hi == 100);
  assert_int_equal(scn_parse_band("40..70", &b), 0);
  assert_true(b.lo == 40 && b.hi == 70);
  assert_int_equal(scn_parse_band(" 40 - 70 ", &b), 0);
  assert_true(b.lo == 40 && b.hi == 70);
  assert_int_equal(scn_parse_band("75", &b), 0);
  assert_true(b.lo == 75 && b.hi == 75);
  assert_int_equal(scn_parse_band("-5..5", &b), 0);
  assert_true(b.lo == -5 && b.hi == 5);
  assert_int_equal(scn_parse_band("62.5", &b), 0);
  assert_true(b.lo == 62.5);
  assert_int_equal(scn_parse_band("", &b), -1);
  assert_int_equal(scn_parse_band("about 70", &b), -1);
  assert_int_equal(scn_parse_band("70..40", &b), -1);
  assert_int_equal(scn_parse_band(">=", &b), -1);
  assert_int_equal(scn_parse_band("== 5", &b), -1);
  assert_int_equal(scn_parse_band("40..", &b), -1);
  assert_int_equal(scn_parse_band("40 70", &b), -1);
  assert_int_equal(scn_parse_band(NULL, &b), -1);
}

/* {=== the schema and the loader's key table, both ways */

/* Records every (section, key, required) the schema declares under obj at path. */
static void walk_schema(json_t *obj, const char *path, strbuf *out) {
  json_t *props = json_object_get(obj, "properties");
  json_t *req = json_object_get(obj, "required");
  /* open mappings (state, lines, ...) declare their values with additionalProperties */
  json_t *addl = json_object_get(obj, "additionalProperties");
  int closed = json_is_false(addl);
  if (props && closed) {
    const char *k;
    json_t *v;
    json_object_foreach(props, k, v) {
      int required = 0;
      size_t i;
      json_t *r;
      json_array_foreach(req, i, r) required |= strcmp(json_string_value(r), k) == 0;
      sb_printf(out, "%s|%s|%d\n", path, k, required);
      char *sub = *path ? xasprintf("%s.%s", path, k) : xstrdup(k);
      walk_schema(v, sub, out);
      free(sub);
    }
  }
  json_t *alts = json_object_get(obj, "oneOf");   /* hints: text, or { text, when } */
  size_t ai;
  json_t *alt;
  json_array_foreach(alts, ai, alt) walk_schema(alt, path, out);
  json_t *items = json_object_get(obj, "items");
  if (items && json_is_object(items)) {
    char *sub = xasprintf("%s[]", path);
    walk_schema(items, sub, out);
    free(sub);
  }
}

static int cmp_lines(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the lines of a text, for comparing two sets. */
static char *sorted_lines(char *text) {
  char *v[512];
  int n = 0;
  for (char *save = NULL, *t = strtok_r(text, "\n", &save); t && n < 512; t = strtok_r(NULL, "\n", &save))
    v[n++] = t;
  qsort(v, (size_t)n, sizeof *v, cmp_lines);
  strbuf b = {0};
  for (int i = 0; i < n; i++) sb_printf(&b, "%s\n", v[i]);
  return sb_take(&b);
}

static void test_schema_in_step(void **st) {
  (void)st;
  json_error_t err;
  json_t *schema = json_load_file("docs/scenario.schema.json", 0, &err);
  if (!schema) print_error("docs/scenario.schema.json:%d: %s\n", err.line, err.text);
  assert_non_null(schema);
  strbuf fromschema = {0}, fromloader = {0};
  walk_schema(schema, "", &fromschema);
  int n;
  const scn_key_info *k = scn_keys(&n);
  assert_true(n > 50);
  for (int i = 0; i < n; i++) sb_printf(&fromloader, "%s|%s|%d\n", k[i].section, k[i].key, k[i].required);
  char *a = sorted_lines(fromschema.s), *b = sorted_lines(fromloader.s);
  assert_string_equal(a, b);
  free(a);
  free(b);
  sb_free(&fromschema);
  sb_free(&fromloader);
  /* the lexicon names the schema offers are the ones the loader accepts */
  json_t *names = json_object_get(json_object_get(json_object_get(json_object_get(schema, "properties"),
                                  "lexicon"), "propertyNames"), "enum");
  assert_true(json_array_size(names) > 20);
  size_t i;
  json_t *v;
  json_array_foreach(names, i, v) {
    const char *name = json_string_value(v);
    char *extra = strcmp(name, "switch_off") == 0 ? xasprintf("lexicon: { switch_off: { loss_appeal: [x] } }\n")
                                                   : xasprintf("lexicon: { %s: [x] }\n", name);
    char *m;
    scenario *s = load_with(extra, &m);
    if (!s) print_error("%s -> %s\n", extra, m);
    assert_non_null(s);
    scn_free(s);
    free(m);
    free(extra);
  }
  /* and every move the classifier knows is offered by the schema */
  static const char *const moves[] = {
#define X(c, name) name,
    CLS_MOVES(X)
#undef X
  };
  for (size_t m = 0; m < sizeof moves / sizeof *moves; m++) {
    int found = 0;
    json_array_foreach(names, i, v) found |= strcmp(json_string_value(v), moves[m]) == 0;
    if (!found) print_error("move '%s' is missing from the schema's lexicon names\n", moves[m]);
    assert_true(found);
  }
  json_decref(schema);
}
/* }=== */

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_campus_platform),
    cmocka_unit_test(test_it_trial),
    cmocka_unit_test(test_defaults),
    cmocka_unit_test(test_tiers_and_visit_kind),
    cmocka_unit_test(test_visits_and_state),
    cmocka_unit_test(test_behaviour),
    cmocka_unit_test(test_unknown_and_missing_keys),
    cmocka_unit_test(test_types),
    cmocka_unit_test(test_scalars_and_enums),
    cmocka_unit_test(test_enums),
    cmocka_unit_test(test_references),
    cmocka_unit_test(test_duplicates_and_limits),
    cmocka_unit_test(test_reactions_and_ladder),
    cmocka_unit_test(test_rule_ids),
    cmocka_unit_test(test_conditions),
    cmocka_unit_test(test_bands_in_tests),
    cmocka_unit_test(test_file_level),
    cmocka_unit_test(test_runtime_checks_in_place),
    cmocka_unit_test(test_lookups),
      cmocka_unit_test(test_find_lines_index),
    cmocka_unit_test(test_parse_band),
    cmocka_unit_test(test_shipped_tests_skipped),
    cmocka_unit_test(test_schema_in_step),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
