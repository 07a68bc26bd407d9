/* test_debrief.c: the debrief document (fields and types of the JSON interface) and its three
** renderings: terminal (outcome first, bars, quoted turns, better lines, reflection, CJK-aware
** wrapping), Markdown and HTML (escaping, the SVG charts), and the text cleaner. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <jansson.h>
#include "advice.h"
#include "debrief.h"
#include "msg.h"
#include "text.h"
#include "score_fixture.h"

/* The debrief of a fixture session. */
static json_t *build(fx *f) {
  score_result r;
  score_session(&f->s, &r);
  json_t *d = deb_build(&f->s, &r);
  score_result_free(&r);
  return d;
}

/* The terminal rendering as a string (malloc'd), through a temporary file. */
static char *render_text(const json_t *d, int colour, int width, const char *lang) {
  FILE *m = tmpfile();
  assert_non_null(m);
  deb_style st = { colour, width, lang, 1 };
  deb_render_text(d, &st, m);
  long len = ftell(m);
  rewind(m);
  char *buf = xmalloc((size_t)len + 1);
  assert_int_equal(fread(buf, 1, (size_t)len, m), (size_t)len);
  buf[len] = '\0';
  fclose(m);
  return buf;
}

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + strlen(needle), needle)) n++;
  return n;
}

/* The strong visit with an opening line. */
static void strong(fx *f) {
  fx_init(f);
  fx_say(f, &f->s.opening, "Come in, I have twenty minutes.");
  fx_build_strong(f);
}

static void json_fields(void **state) {
  (void)state;
  fx f;
  strong(&f);
  json_t *d = build(&f);
  assert_int_equal(json_integer_value(json_object_get(d, "version")), 1);
  assert_string_equal(json_string_value(json_object_get(d, "scenario")), "campus-test");
  assert_string_equal(json_string_value(json_object_get(d, "title")), "Campus platform <test>");
  assert_string_equal(json_string_value(json_object_get(d, "scenario_hash")), "0123456789abcdef");
  assert_string_equal(json_string_value(json_object_get(d, "language")), "en");
  assert_true(json_is_null(json_object_get(d, "trainee")));
  assert_int_equal(json_integer_value(json_object_get(d, "seed")), 42);
  assert_string_equal(json_string_value(json_object_get(d, "started")), "2026-11-27T10:00:00Z");
  assert_string_equal(json_string_value(json_object_get(d, "ended")), "2026-11-27T10:08:00Z");
  assert_string_equal(json_string_value(json_object_get(d, "ended_by")), "customer");
  assert_string_equal(json_string_value(json_object_get(d, "outcome")), "advance");
  assert_true(json_is_string(json_object_get(d, "outcome_reason")));
  assert_true(json_is_integer(json_object_get(d, "score")));
  assert_int_equal(json_integer_value(json_object_get(d, "score")), 88);
  assert_true(json_is_true(json_object_get(d, "pass")));
  assert_int_equal(json_integer_value(json_object_get(d, "pass_mark")), 70);

  const json_t *skills = json_object_get(d, "skills");
  assert_int_equal(json_object_size(skills), 4);
  static const char *const names[] = { "commitment", "benefits", "tactics", "discovery" };
  static const int scores[] = { 95, 85, 85, 75 }, weights[] = { 40, 25, 20, 15 };
  for (int k = 0; k < 4; k++) {
    const json_t *sk = json_object_get(skills, names[k]);
    assert_true(json_is_integer(json_object_get(sk, "score")));
    assert_int_equal(json_integer_value(json_object_get(sk, "score")), scores[k]);
    assert_int_equal((int)json_number_value(json_object_get(sk, "weight")), weights[k]);
    assert_true(json_is_array(json_object_get(sk, "findings")));
  }
  const json_t *cf = json_object_get(json_object_get(skills, "commitment"), "findings");
  assert_int_equal(json_array_size(cf), 3);
  const json_t *f0 = json_array_get(cf, 0);
  assert_string_equal(json_string_value(json_object_get(f0, "rule")), "specific_ask");
  assert_int_equal(json_integer_value(json_object_get(f0, "turn")), 8);
  assert_true(json_is_integer(json_object_get(f0, "points")));
  assert_int_equal(json_integer_value(json_object_get(f0, "points")), 15);
  assert_true(json_is_string(json_object_get(f0, "message")));
  assert_string_equal(json_string_value(json_object_get(f0, "quote")), f.s.turns[7].text);
  assert_string_equal(json_string_value(json_object_get(f0, "principle")),
                      msg_text("en", "rule.specific_ask.why"));
  assert_string_equal(json_string_value(json_object_get(f0, "better")),
                      msg_text("en", "rule.specific_ask.better"));
  /* the principle by its stable name and its words; no seed file for a reader to look for */
  assert_string_equal(json_string_value(json_object_get(f0, "principle_id")), "specific-ask");
  assert_string_equal(json_string_value(json_object_get(f0, "principle_name")),
                      "An ask names what, when, and who or where");
  assert_null(json_object_get(f0, "source"));
  /* the finding as data: its message key and arguments */
  assert_string_equal(json_string_value(json_object_get(f0, "message_id")), "finding.specific_ask");
  assert_int_equal(strncmp(json_string_value(json_object_get(json_object_get(f0, "params"), "quote")),
                           f.s.turns[7].text, 60), 0);
  assert_true(json_is_null(json_object_get(json_array_get(cf, 2), "quote")));   /* the outcome */

  const json_t *turns = json_object_get(d, "turns");
  assert_int_equal(json_array_size(turns), 10);   /* opening + 8 lines + one answer */
  const json_t *t0 = json_array_get(turns, 0), *t1 = json_array_get(turns, 1);
  assert_int_equal(json_integer_value(json_object_get(t0, "n")), 0);
  assert_string_equal(json_string_value(json_object_get(t0, "speaker")), "customer");
  assert_string_equal(json_string_value(json_object_get(t0, "text")), "Come in, I have twenty minutes.");
  assert_int_equal(json_array_size(json_object_get(t0, "moves")), 0);
  assert_int_equal(json_integer_value(json_object_get(t1, "n")), 1);
  assert_string_equal(json_string_value(json_object_get(t1, "speaker")), "trainee");
  assert_string_equal(json_string_value(json_array_get(json_object_get(t1, "moves"), 0)), "greet");
  const json_t *t9 = json_array_get(turns, 9);
  assert_int_equal(json_integer_value(json_object_get(t9, "n")), 8);
  assert_string_equal(json_string_value(json_object_get(t9, "speaker")), "customer");
  assert_string_equal(json_string_value(json_object_get(t9, "text")), "Yes, I'll invite them.");

  const json_t *cm = json_object_get(d, "commitments");
  assert_int_equal(json_array_size(cm), 3);
  const json_t *c0 = json_array_get(cm, 0), *c1 = json_array_get(cm, 1);
  assert_string_equal(json_string_value(json_object_get(c0, "id")), "contract");
  assert_string_equal(json_string_value(json_object_get(c0, "level")), "high");
  assert_string_equal(json_string_value(json_object_get(c0, "action")), "sign the annual contract");
  assert_true(json_is_false(json_object_get(c0, "given")));
  assert_true(json_is_null(json_object_get(c0, "turn")));
  assert_true(json_is_true(json_object_get(c1, "given")));
  assert_int_equal(json_integer_value(json_object_get(c1, "turn")), 8);
  assert_int_equal(json_integer_value(json_object_get(d, "hints_used")), 0);
  assert_int_equal(json_array_size(json_object_get(d, "reflection")), 5);
  assert_true(json_is_array(json_object_get(d, "progress")));
  assert_int_equal(json_array_size(json_object_get(d, "progress")), 0);
  json_decref(d);
  fx_free(&f);
}

/* Outcome first in a box, then the bars, the quoted turns, better lines and reflection. */
static void text_render(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Could we find some time to try it sometime?", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  f.s.trainee = S("Li Lei");
  json_t *d = build(&f);
  char *out = render_text(d, 0, 100, NULL);
  assert_int_equal(strncmp(out, "╔", strlen("╔")), 0);
  char *second = strchr(out, '\n') + 1;
  assert_int_equal(strncmp(second, "║  Outcome: CONTINUATION   Score 21/100 (not yet a pass)",
                           strlen("║  Outcome: CONTINUATION   Score 21/100 (not yet a pass)")), 0);
  assert_true(strstr(out, "Outcome:") < strstr(out, "Skills"));
  assert_non_null(strstr(out, "Tier: Not yet (pass mark 70)\nThe visit ended: the customer ended it.\n"));
  assert_non_null(strstr(out, "  commitment   █████░░░░░░░░░░░░░░░  25  (50 -10 -15)\n"));   /* how it was made */
  assert_non_null(strstr(out, "  benefits     ████░░░░░░░░░░░░░░░░  20  (50 -15 -15)\n"));
  assert_non_null(strstr(out, "  tactics      not shown\n"));   /* no evidence: no made-up 50 */
  /* the first screen: the three findings that cost most, worst first, before the full list */
  /* each cited by its principle's name, not the rule's id (issue 18) */
  const char *top = strstr(out, "What would have gained most\n  1. -30 Uncover and confirm needs before "
                                "pitching (the visit as a whole)\n");
  assert_non_null(top);
  assert_non_null(strstr(top, "  2. -15 An ask names what, when, and who or where (turn 1)\n"));
  assert_non_null(strstr(top, "  3. -15 Check for open points before asking (turn 1)\n"));
  assert_null(strstr(out, "vague_ask"));
  assert_null(strstr(out, "no_discovery"));
  assert_null(strstr(top, "  4. -"));
  assert_true(top < strstr(out, "Where you won or lost points"));
  assert_non_null(strstr(out, "  discovery    ██░░░░░░░░░░░░░░░░░░  10  (50 -30 -10)\n"));
  /* a sum too long for the line goes under the bar, never dropped (play-test 32: "0" alone) */
  char *narrow = render_text(d, 0, 44, NULL);
  assert_non_null(strstr(narrow, "  commitment   ███░░░░░░░░░  25\n               (50 -10 -15)\n"));
  free(narrow);
  assert_non_null(strstr(out, " Turn 1  \"Could we find some time to try it sometime?\"\n"));
  assert_non_null(strstr(out, "  ✗ -15  An ask names what, when, and who or where (commitment)\n"));
  assert_non_null(strstr(out, "     Try: \"Could you bring your operations manager to a 30-minute "
                              "demo in your meeting room next\n     Wednesday at 3 pm?\"\n"));
  assert_non_null(strstr(out, "     Why: An ask only moves the deal"));
  assert_non_null(strstr(out, " The visit as a whole\n"));
  assert_true(strstr(out, "The visit as a whole") < strstr(out, "Turn 1"));
  assert_non_null(strstr(out, "Think it over\n  1. What went well in this visit"));
  assert_true(strstr(out, "Turn 1") < strstr(out, "Think it over"));
  assert_null(strstr(out, "Your progress"));
  assert_null(strchr(out, '\033'));
  free(out);

  /* colour on a terminal; progress once the gradebook filled it */
  json_t *p = json_array();
  json_array_append_new(p, json_pack("{s:s, s:s, s:i}", "started", "2026-11-20T09:00:00Z", "outcome",
                                     "continuation", "score", 31));
  json_array_append_new(p, json_pack("{s:s, s:s, s:i}", "started", "2026-11-24T09:00:00Z", "outcome",
                                     "no_sale", "score", 12));
  json_object_set_new(d, "progress", p);
  out = render_text(d, 1, 100, NULL);
  assert_non_null(strstr(out, "\033[33m"));   /* continuation is yellow */
  assert_non_null(strstr(out, "Your progress"));
  /* outcomes in words (the banner's), not their JSON names */
  assert_non_null(strstr(out, "  2026-11-20 09:00      CONTINUATION  31\n"));   /* (TZ=UTC: main) */
  assert_non_null(strstr(out, "  2026-11-24 09:00      NO SALE       12\n"));
  free(out);
  json_decref(d);
  fx_free(&f);
}

/* Without --full the first screen stands alone and fits a 40-line terminal. */
static void text_first_screen(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_turn(&f, "Our platform has cloud sync, dashboards and an app.", MV(PRESENT_FEATURE));
  for (int i = 0; i < 6; i++) {
    sess_turn *t = fx_turn(&f, "Let's find some time.", MV(ASK_COMMITMENT));
    t->cls.vague = 1;
  }
  json_t *d = build(&f);
  FILE *m = tmpfile();
  deb_style st = { 0, 80, NULL, 0 };
  deb_render_text(d, &st, m);
  long len = ftell(m);
  rewind(m);
  char *out = xmalloc((size_t)len + 1);
  assert_int_equal(fread(out, 1, (size_t)len, m), (size_t)len);
  out[len] = '\0';
  fclose(m);
  assert_true(count(out, "\n") <= 40);
  assert_non_null(strstr(out, "What would have gained most"));
  assert_int_equal(count(out, "Try:"), 3);   /* three findings, three lines to try */
  /* the same line to try for several of them is printed once (play-test 26c: the same Linyi ask
  ** three times on the first screen) */
  const json_t *skills = json_object_get(d, "skills");
  const char *key;
  json_t *sk;
  json_object_foreach((json_t *)skills, key, sk) {
    size_t i;
    json_t *fd;
    json_array_foreach(json_object_get(sk, "findings"), i, fd)
      if (json_object_get(fd, "better")) json_object_set_new(fd, "better", json_string("One line for all."));
  }
  /* a genuine attempt at the floor of 1 says why it shows 1 (play-test 26: "Score 1/100" beside
  ** skills all at 0 read as a mistake); a score above it does not */
  json_object_set_new(d, "attempt", json_true());
  json_object_set_new(d, "score", json_integer(1));
  char *floor = render_text(d, 0, 80, NULL);
  assert_non_null(strstr(floor, "scores at least 1"));
  free(floor);
  json_object_set_new(d, "score", json_integer(40));
  floor = render_text(d, 0, 80, NULL);
  assert_null(strstr(floor, "scores at least 1"));
  free(floor);
  char *same = render_text(d, 0, 80, NULL);
  char *top = strstr(same, "What would have gained most"), *after = top ? strstr(top, "\n\n") : NULL;
  assert_non_null(after);
  *after = '\0';
  assert_int_equal(count(top, "Try:"), 1);
  free(same);
  assert_non_null(strstr(out, "play or replay with --full"));
  assert_null(strstr(out, "Where you won or lost points"));
  char *full = render_text(d, 0, 80, NULL);   /* near case: --full has the whole list */
  assert_true(count(full, "\n") > 40);
  assert_non_null(strstr(full, "Where you won or lost points"));
  assert_null(strstr(full, "with --full"));
  free(full);
  free(out);
  json_decref(d);
  fx_free(&f);
}

/* A scenario with a customer gets Try lines made from it; without one, the rule's fixed line. */
static void try_from_scenario(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.sc.cust_name = S("Dana Okafor");
  sess_turn *t = fx_turn(&f, "Could we find some time to try it sometime?", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  json_t *d = build(&f);
  const json_t *v = json_array_get(json_object_get(json_object_get(json_object_get(d, "skills"),
                                   "commitment"), "findings"), 0);
  assert_string_equal(json_string_value(json_object_get(v, "rule")), "outcome_continuation");
  assert_string_equal(json_string_value(json_object_get(v, "better")),
                      "Dana, could we fix the next step today: sign the annual contract. Could you "
                      "confirm by email by this Friday?");   /* a signature is no meeting: no calendar date */
  json_decref(d);
  fx_free(&f);
}

/* A scenario's own tiers: the JSON marks them "own" with the scenario's names, every rendering
** shows the name and the pass mark; without them the JSON has no "own" member (unchanged). */
static void scenario_tiers(void **state) {
  (void)state;
  fx f;
  strong(&f);
  json_t *d = build(&f);
  assert_null(json_object_get(json_object_get(d, "tier"), "own"));
  assert_null(json_object_get(json_array_get(json_object_get(d, "tiers"), 0), "own"));
  json_decref(d);

  char *l[] = { S("en"), S("zh") }, *top[] = { S("Trusted advisor"), S("可信顾问") }, *low[] = { S("Keep going"), S("继续努力") };
  scn_tier own[2] = {
    { S("advisor"), 60, { l, 2, 0 }, { top, 2, 0 }, { 0, 0 } },
    { S("excellent"), 0, { l, 2, 0 }, { low, 2, 0 }, { 0, 0 } },   /* a default id with its own name */
  };
  f.sc.scoring.tiers = own;
  f.sc.scoring.n_tiers = 2;
  f.sc.scoring.pass = 66;
  d = build(&f);
  const json_t *t = json_object_get(d, "tier");
  assert_true(json_is_true(json_object_get(t, "own")));
  assert_string_equal(json_string_value(json_object_get(t, "id")), "advisor");
  assert_string_equal(json_string_value(json_object_get(t, "name")), "Trusted advisor");
  assert_int_equal(json_array_size(json_object_get(d, "tiers")), 2);
  assert_int_equal(json_integer_value(json_object_get(d, "pass_mark")), 66);
  char *txt = render_text(d, 0, 80, "en");
  assert_non_null(strstr(txt, "Trusted advisor"));
  assert_non_null(strstr(txt, "66"));
  free(txt);
  strbuf md = {0}, html = {0};
  deb_render_markdown(d, &md);
  deb_render_html(d, &html);
  assert_non_null(strstr(md.s, "Trusted advisor"));
  assert_non_null(strstr(html.s, "Trusted advisor"));
  sb_free(&md);
  sb_free(&html);
  json_decref(d);

  own[0].min = 99;                 /* near case: the lower tier, whose id the catalogue knows */
  d = build(&f);
  t = json_object_get(d, "tier");
  assert_string_equal(json_string_value(json_object_get(t, "id")), "excellent");
  txt = render_text(d, 0, 80, "en");
  assert_non_null(strstr(txt, "Keep going"));       /* the scenario's name, not "Excellent" */
  assert_null(strstr(txt, "Excellent"));
  free(txt);
  json_decref(d);
  score_result r;
  score_session(&f.s, &r);
  d = deb_build_lang(&f.s, &r, "zh");            /* asked in zh: the zh name */
  assert_string_equal(json_string_value(json_object_get(json_object_get(d, "tier"), "name")), "继续努力");
  score_result_free(&r);
  json_decref(d);
  fx_free(&f);
}

/* visit_kind: shapes the debrief's Try lines exactly as the derived kind does. */
static void try_follows_visit_kind(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.sc.cust_name = S("Dana Okafor");
  f.commitments[2].kind = SCN_KIND_PAYMENT;   /* a mixed ladder: derived, a first visit */
  sess_turn *t = fx_turn(&f, "Could we find some time to try it sometime?", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  json_t *d = build(&f);
  assert_string_equal(json_string_value(json_object_get(d, "visit_kind")), "first_visit");
  const json_t *v = json_array_get(json_object_get(json_object_get(json_object_get(d, "skills"),
                                   "commitment"), "findings"), 0);
  char *derived = xstrdup(json_string_value(json_object_get(v, "better")));
  json_decref(d);
  f.sc.visit_kind = SCN_VISIT_PAYMENT;
  d = build(&f);
  assert_string_equal(json_string_value(json_object_get(d, "visit_kind")), "payment");
  v = json_array_get(json_object_get(json_object_get(json_object_get(d, "skills"), "commitment"), "findings"), 0);
  const char *said = json_string_value(json_object_get(v, "better"));
  score_result r;
  score_session(&f.s, &r);
  char *want = adv_try(&f.sc, "en", json_string_value(json_object_get(v, "rule")), SV_PAYMENT, NULL);
  assert_non_null(want);
  assert_string_equal(said, want);
  assert_string_not_equal(said, derived);
  free(want);
  score_result_free(&r);
  free(derived);
  json_decref(d);
  fx_free(&f);
}

/* A rule met again points back to its first explanation rather than repeating it. */
static void text_repeats(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  for (int i = 0; i < 2; i++) {
    sess_turn *t = fx_turn(&f, "Let's find some time.", MV(ASK_COMMITMENT));
    t->cls.vague = 1;
  }
  json_t *d = build(&f);
  char *out = render_text(d, 0, 100, NULL);
  assert_int_equal(count(out, "An ask names what, when, and who or where (commitment)"), 2);
  assert_int_equal(count(out, "Why: An ask only moves the deal"), 1);
  /* once in the first screen's top changes, once in the full list */
  assert_int_equal(count(out, "Try: \"Could you bring your operations manager"), 2);
  assert_non_null(strstr(out, "     (why and what to try: see turn 1)\n"));
  free(out);
  json_decref(d);
  fx_free(&f);
}

/* A loss in a skill that still scored 100 cost nothing: it is not among the changes that would
** have gained most, and the full list says so beside it (play-test 23: "100/100" beside "-10"). */
static void capped_skill_losses(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "Let's find some time.", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  json_t *d = build(&f);
  char *out = render_text(d, 0, 100, NULL);
  assert_non_null(strstr(out, "What would have gained most"));
  assert_non_null(strstr(out, ". -15 An ask names what"));
  assert_null(strstr(out, "cost nothing"));
  free(out);
  json_object_set_new(json_object_get(json_object_get(d, "skills"), "commitment"), "score", json_integer(100));
  out = render_text(d, 0, 100, NULL);
  assert_null(strstr(out, ". -15 An ask names what"));
  assert_non_null(strstr(out, "(this skill still reached 100, its maximum: these points cost nothing this time)"));
  /* and no red cross or bare minus beside it (play-test 24: "a red -15 that deducts nothing") */
  assert_non_null(strstr(out, "\xc2\xb7 (-15)  "));   /* a middle dot, dim */
  assert_null(strstr(out, "\xe2\x9c\x97 -15  An ask names what"));   /* no red cross for it */
  free(out);
  json_decref(d);
  fx_free(&f);
}

/* The objections raised, and whether the trainee answered them, for the reflection. */
static void objections_listed(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  scn_objection obs[2] = { { .id = S("price"), .said = S("It costs too much.") },
                           { .id = S("timing"), .said = S("Not this term.") } };
  f.sc.objections = obs;
  f.sc.n_objections = 2;
  sess_turn *t = fx_turn(&f, "Could your team try it next week?", MV(ASK_COMMITMENT));
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  fx_say(&f, &t->events, "It costs too much.");
  fx_event(&f, t, CUST_EV_OBJECTION, 1);
  fx_say(&f, &t->events, "Not this term.");
  t = fx_turn(&f, "It pays for itself in three months.", MV(HANDLE_OBJECTION));
  t->cls.objections = xmalloc(sizeof(int));
  t->cls.objections[0] = 0;
  t->cls.n_objections = 1;
  json_t *d = build(&f);
  const json_t *a = json_object_get(d, "objections");
  assert_int_equal(json_array_size(a), 2);
  assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "id")), "price");
  assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "turn")), 1);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "answered")), 2);
  assert_true(json_is_null(json_object_get(json_array_get(a, 1), "answered")));
  /* objections came up: the reflection asks which went worst */
  assert_non_null(strstr(json_string_value(json_array_get(json_object_get(d, "reflection"), 2)), "least well"));
  char *out = render_text(d, 0, 100, NULL);
  assert_non_null(strstr(out, "  Objections the customer raised\n"
                              "  - \"It costs too much.\" (turn 1, answered at turn 2)\n"
                              "  - \"Not this term.\" (turn 1, never answered)\n"));
  free(out);
  strbuf h = { 0 };
  deb_render_html(d, &h);
  assert_non_null(strstr(h.s, "<li><q>Not this term.</q> (turn 1, never answered)</li>"));
  sb_free(&h);
  json_decref(d);
  free(t->cls.objections);
  fx_free(&f);

  /* a turn a scenario reaction eased it at answered it, whatever the line was read as (play-test
  ** 26c: a trip moved off the trade fair was "never answered") */
  fx_init(&f);
  f.sc.objections = obs;
  f.sc.n_objections = 2;
  t = fx_turn(&f, "Could your team try it next Wednesday?", MV(ASK_COMMITMENT));
  fx_event(&f, t, CUST_EV_OBJECTION, 1);
  fx_say(&f, &t->events, "Not this term.");
  t = fx_turn(&f, "Then the Monday after, at nine?", MV(ASK_COMMITMENT));
  fx_event(&f, t, CUST_EV_EASE, 1);
  d = build(&f);
  a = json_object_get(d, "objections");
  assert_int_equal(json_array_size(a), 1);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "answered")), 2);
  json_decref(d);
  fx_free(&f);

  /* a line that named the worry and that she turned away is no answer when a later one eased it
  ** (play-test 30b F1: the list said "answered at 12", she eased it at 13) */
  fx_init(&f);
  f.sc.objections = obs;
  f.sc.n_objections = 2;
  t = fx_turn(&f, "Could your team try it next week?", MV(ASK_COMMITMENT));
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  fx_say(&f, &t->events, "It costs too much.");
  t = fx_turn(&f, "The price covers the modules and the interfaces.", MV(PRESENT_FEATURE));
  t->cls.objections = xmalloc(sizeof(int));
  t->cls.objections[0] = 0;
  t->cls.n_objections = 1;
  sess_turn *turned_away = t;
  fx_say(&f, &t->events, "Lots of features... but what has that to do with us?");
  t = fx_turn(&f, "It pays for itself in three months.", MV(PRESENT_BENEFIT));
  fx_event(&f, t, CUST_EV_EASE, 0);
  d = build(&f);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(d, "objections"), 0), "answered")), 3);
  json_decref(d);
  free(turned_away->cls.objections);
  turned_away->cls.objections = NULL;
  fx_free(&f);

  /* a value statement that names a need of hers, with no proof, speaks to that need, not to the
  ** worry just raised (play-test 23: a margin pitch "answered" "nobody here has used your brand"),
  ** as the customer hears it (default.lua answer_objection) */
  fx_init(&f);
  f.sc.objections = obs;
  f.sc.n_objections = 2;
  t = fx_turn(&f, "Could your team try it next week?", MV(ASK_COMMITMENT));
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  fx_say(&f, &t->events, "It costs too much.");
  t = fx_turn(&f, "Your parents will hear the same day.", MV(PRESENT_BENEFIT));
  t->cls.needs = xmalloc(sizeof(int));
  t->cls.needs[0] = 1;
  t->cls.n_needs = 1;
  sess_turn *named = t;
  d = build(&f);
  assert_true(json_is_null(json_object_get(json_array_get(json_object_get(d, "objections"), 0), "answered")));
  json_decref(d);
  free(named->cls.needs);
  named->cls.needs = NULL;
  fx_free(&f);

  /* a refusal's worry is answered by asking for less (play-test 23: 李总's "账上真没有" and the
  ** part payment he took was "never answered"); an ask as high as the refused one is no answer */
  fx_init(&f);
  f.sc.objections = obs;
  f.sc.n_objections = 2;
  t = fx_turn(&f, "Can we sign the contract today?", MV(ASK_ORDER));
  t->cls.commitment = 0;
  fx_event(&f, t, CUST_EV_REFUSE, 0);
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  fx_say(&f, &t->events, "It costs too much.");
  t = fx_turn(&f, "What does the budget look like this year?", 0);
  t->cls.question = 1;
  t = fx_turn(&f, "Then could we sign it next month instead?", MV(ASK_ORDER));
  t->cls.commitment = 0;
  t = fx_turn(&f, "Could I show your team a demo on Tuesday?", MV(ASK_COMMITMENT));
  t->cls.commitment = 1;
  fx_event(&f, t, CUST_EV_REFUSE, 1);   /* refused too: no answer */
  t = fx_turn(&f, "Could I show your team a demo on Tuesday at ten?", MV(ASK_COMMITMENT));
  t->cls.commitment = 1;
  d = build(&f);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(d, "objections"), 0), "answered")), 5);
  json_decref(d);
  fx_free(&f);

  /* none of the scenario's came up (blind trainer, round 10): the reflection asks what might have
  ** held the customer back, not which objection went worst; and claims nothing, for she may have
  ** pushed back in words of her own (play-test 24: "No objection came up" after Martin's "Nobody
  ** has said a word about what it costs") */
  fx_init(&f);
  fx_turn(&f, "Could your team try it next week?", MV(ASK_COMMITMENT));
  d = build(&f);
  assert_int_equal(json_array_size(json_object_get(d, "objections")), 0);
  assert_non_null(strstr(json_string_value(json_array_get(json_object_get(d, "reflection"), 2)), "never brought out"));
  json_decref(d);
  fx_free(&f);
}

/* A campaign's findings are headed by the visit their turns belong to (ZH play-test, round 10). */
static void visits_headed(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  scn_visit visits[2];
  memset(visits, 0, sizeof visits);
  f.sc.visits = visits;
  f.sc.n_visits = 2;
  f.s.end_reason = SESS_END_QUIT;
  sess_turn *t = fx_turn(&f, "Maybe we could try it sometime?", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  t = fx_turn(&f, "Maybe next month sometime?", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  t->visit = 1;
  json_t *d = build(&f);
  char *out = render_text(d, 0, 100, NULL);
  const char *v1 = strstr(out, "── Visit 1 ──"), *v2 = strstr(out, "── Visit 2 ──");
  assert_non_null(v1);
  assert_non_null(v2);
  assert_true(v1 < strstr(out, "Turn 1 ") && strstr(out, "Turn 1 ") < v2 && v2 < strstr(out, "Turn 2 "));
  free(out);
  json_decref(d);
  fx_free(&f);
}

/* The objections as the customer said them, when she said them (play-test 8): one a reaction
** raised quietly under a line of its own is quoted by that line, not by the scenario's words she
** never said; one raised without a word of hers is not listed.  A confirmation naming it
** answers nothing; the value statement after it does. */
static void objections_as_said(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  scn_objection obs[2] = { { .id = S("happy_enough"), .said = S("The scripts are free and we know them.") },
                           { .id = S("timing"), .said = S("Not this term.") } };
  f.sc.objections = obs;
  f.sc.n_objections = 2;
  sess_turn *t = fx_turn(&f, "Can we get the contract signed today?", MV(ASK_ORDER));
  fx_say(&f, &t->events, "A contract? We met twenty minutes ago.");
  fx_event(&f, t, CUST_EV_OBJECTION, 0);
  fx_event(&f, t, CUST_EV_OBJECTION, 1);   /* raised, never voiced */
  t = fx_turn(&f, "So what you have is free and it works. Is that it?", MV(CONFIRM_NEED));
  t->cls.question = 1;
  t->cls.objections = xmalloc(sizeof(int));
  t->cls.objections[0] = 0;
  t->cls.n_objections = 1;
  sess_turn *t2 = t;
  t = fx_turn(&f, "Free scripts cost you two hours of shipments last month.", MV(GAIN_APPEAL));
  json_t *d = build(&f);
  const json_t *a = json_object_get(d, "objections");
  assert_int_equal(json_array_size(a), 1);
  const json_t *o = json_array_get(a, 0);
  assert_string_equal(json_string_value(json_object_get(o, "said")), "A contract? We met twenty minutes ago.");
  assert_int_equal(json_integer_value(json_object_get(o, "turn")), 1);
  assert_int_equal(json_integer_value(json_object_get(o, "answered")), 3);
  char *out = render_text(d, 0, 100, NULL);
  assert_non_null(strstr(out, "  - \"A contract? We met twenty minutes ago.\" (turn 1, answered at turn 3)\n"));
  assert_null(strstr(out, "The scripts are free"));
  free(out);
  json_decref(d);
  free(t2->cls.objections);
  fx_free(&f);
}

/* A turn whose only finding is the outcome (which quotes nothing) is headed by the trainee's line
** of that turn, in text, Markdown and HTML (it read "Turn 2" and nothing: play-test 8). */
static void turn_head_quotes_line(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "How do your counsellors handle attendance now?", MV(OPEN_QUESTION));
  fx_event(&f, t, CUST_EV_REVEAL, 0);
  t = fx_turn(&f, "How about you send me the written requirements, and I take it from there?", MV(SMALL_TALK));
  fx_event(&f, t, CUST_EV_GIVE, 2);
  fx_end(&f, t, CUST_OUTCOME_ADVANCE);
  json_t *d = build(&f);
  char *out = render_text(d, 0, 200, NULL);
  assert_non_null(strstr(out, " Turn 2  \"How about you send me the written requirements, and I take it from there?\"\n"));
  free(out);
  strbuf h = { 0 };
  deb_render_html(d, &h);
  assert_non_null(strstr(h.s, "How about you send me the written requirements"));
  sb_free(&h);
  json_decref(d);
  fx_free(&f);
}

/* Chinese labels, and wrapping that counts CJK characters as two columns. */
static void text_zh_wrap(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.lang = S("zh");
  sess_turn *t = fx_turn(&f, "改天有空的时候我们再约个时间,请您和各位领导一起看看我们的平台演示吧", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  json_t *d = build(&f);
  char *out = render_text(d, 0, 40, NULL);
  assert_non_null(strstr(out, "结果: 无实质进展"));
  assert_non_null(strstr(out, "复盘思考"));
  assert_non_null(strstr(out, "试试：“"));
  for (char *line = out; *line;) {
    char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    int w = txt_width_n(line, len);
    if (w > 40) fprintf(stderr, "too wide (%d): %.*s\n", w, (int)len, line);
    assert_true(w <= 40);
    line += len + (nl ? 1 : 0);
  }
  free(out);
  out = render_text(d, 0, 80, "en");   /* the style's language wins over the document's */
  assert_non_null(strstr(out, "Outcome: CONTINUATION"));
  free(out);
  json_decref(d);
  fx_free(&f);
}

/* A hostile trainee line: markup and terminal escapes never reach any output raw. */
static void escaping(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, "<script>alert('x')</script> \033[31mRED\033]0;pwned\007 *bold* | a & b",
                         MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  fx_end(&f, NULL, CUST_OUTCOME_CONTINUATION);
  json_t *d = build(&f);

  strbuf md = { 0 };
  deb_render_markdown(d, &md);
  assert_null(strstr(md.s, "<script>"));
  assert_non_null(strstr(md.s, "&lt;script&gt;alert"));
  assert_null(strchr(md.s, '\033'));
  assert_null(strstr(md.s, "pwned"));
  assert_non_null(strstr(md.s, "RED"));
  assert_non_null(strstr(md.s, "\\*bold\\* \\| a &amp; b"));
  assert_non_null(strstr(md.s, "# Debrief: Campus platform &lt;test&gt;\n"));
  assert_non_null(strstr(md.s, "| commitment | 25 | █████░░░░░░░░░░░░░░░ |"));
  assert_non_null(strstr(md.s, "| tactics | not shown | |"));
  assert_non_null(strstr(md.s, "> Tier: Not yet (pass mark 70)\n"));
  assert_non_null(strstr(md.s, "- **-15** *An ask names what, when, and who or where* (commitment): "));
  assert_null(strstr(md.s, "vague_ask"));
  assert_non_null(strstr(md.s, "  - Try: *Could you bring your operations manager"));
  assert_non_null(strstr(md.s, "## Think it over\n\n1. What went well"));
  sb_free(&md);

  strbuf html = { 0 };
  deb_render_html(d, &html);
  assert_int_equal(strncmp(html.s, "<!DOCTYPE html>", 15), 0);
  assert_int_equal(count(html.s, "<script"), 0);
  assert_non_null(strstr(html.s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  assert_null(strchr(html.s, '\033'));
  assert_null(strstr(html.s, "pwned"));
  assert_int_equal(count(html.s, "<svg"), 1);   /* skills only: no progress yet */
  assert_int_equal(count(html.s, "class=\"bar\""), 3);   /* tactics not shown: no bar */
  assert_non_null(strstr(html.s, ">not shown</text>"));
  assert_non_null(strstr(html.s, "<style>"));
  assert_null(strstr(html.s, "src="));
  assert_null(strstr(html.s, "<link"));
  assert_non_null(strstr(html.s, "<title>Debrief: Campus platform &lt;test&gt;</title>"));
  assert_non_null(strstr(html.s, "<div class=\"banner continuation\">Outcome: CONTINUATION"));
  sb_free(&html);

  char *out = render_text(d, 0, 100, NULL);
  assert_null(strchr(out, '\033'));
  assert_null(strstr(out, "pwned"));
  assert_non_null(strstr(out, "RED"));
  free(out);

  /* a crafted document: escapes in the fields renderers print as they are */
  json_t *crafted = json_deep_copy(d);
  json_t *f0 = json_array_get(json_object_get(json_object_get(json_object_get(crafted, "skills"),
                                                              "commitment"), "findings"), 0);
  json_object_set_new(f0, "rule", json_string("vague_ask\033[2J`<b>"));
  json_object_set_new(crafted, "outcome", json_string("\033]0;t\007advance"));
  json_t *p0 = json_array();
  json_array_append_new(p0, json_pack("{s:s, s:s, s:i}", "started", "\033[31m", "outcome", "\xc2\x9b" "1m", "score", 5));
  json_object_set_new(crafted, "progress", p0);
  out = render_text(crafted, 1, 100, NULL);
  for (const char *c = out; (c = strchr(c, '\033')) != NULL; c++)   /* only our own colours */
    assert_true(c[1] == '[' && (c[2] == '0' || c[2] == '1' || c[2] == '2' || c[2] == '3'));
  assert_null(strstr(out, "\033[2J"));
  assert_null(strstr(out, "\033]"));
  assert_null(strstr(out, "\xc2\x9b"));
  free(out);
  strbuf m2 = { 0 };
  deb_render_markdown(crafted, &m2);
  assert_null(strchr(m2.s, '\033'));
  assert_null(strstr(m2.s, "<b>"));   /* the rule id is not shown; nothing crafted gets through */
  sb_free(&m2);
  strbuf h3 = { 0 };
  deb_render_html(crafted, &h3);
  assert_null(strchr(h3.s, '\033'));
  assert_null(strstr(h3.s, "<b>"));
  sb_free(&h3);
  json_decref(crafted);

  /* the progress chart appears with two earlier attempts */
  json_t *p = json_array();
  json_array_append_new(p, json_pack("{s:s, s:s, s:i}", "started", "a", "outcome", "no_sale", "score", 10));
  json_array_append_new(p, json_pack("{s:s, s:s, s:i}", "started", "b", "outcome", "continuation", "score", 20));
  json_object_set_new(d, "progress", p);
  strbuf h2 = { 0 };
  deb_render_html(d, &h2);
  assert_int_equal(count(h2.s, "<svg"), 2);
  assert_non_null(strstr(h2.s, "<polyline"));
  sb_free(&h2);
  json_decref(d);
  fx_free(&f);
}

/* A megabyte line without a space: quoted shortened, wrapped without blowing up. */
static void long_lines(void **state) {
  (void)state;
  size_t n = 1 << 20;
  char *big = xmalloc(n + 1);
  memset(big, 'a', n);
  big[n] = '\0';
  fx f;
  fx_init(&f);
  sess_turn *t = fx_turn(&f, big, MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  json_t *d = build(&f);
  /* a hand-edited document with a huge message, too */
  json_t *fs = json_object_get(json_object_get(json_object_get(d, "skills"), "commitment"), "findings");
  json_object_set_new(json_array_get(fs, 0), "message", json_string(big));
  json_object_del(json_array_get(fs, 0), "message_id");   /* as an older document: text only */
  char *out = render_text(d, 0, 80, NULL);
  assert_true(strlen(out) > n);            /* the message is all there, wrapped */
  assert_true(strlen(out) < n + n / 10 + 20000);   /* + indents and line ends */
  char *head = strstr(out, "Turn 1  \"");
  assert_non_null(head);
  assert_true(strstr(head, "a…") < head + 400);  /* the turn's quote is cut at 300 characters */
  for (char *line = out; *line;) {
    char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    assert_true(txt_width_n(line, len) <= 80);
    line += len + (nl ? 1 : 0);
  }
  free(out);
  strbuf h = { 0 };
  deb_render_html(d, &h);
  assert_true(h.len < 2 * n);
  sb_free(&h);
  json_decref(d);
  fx_free(&f);
  free(big);
}

/* The cleaner on its own. */
static void clean_text(void **state) {
  (void)state;
  struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "a\033[1;31mb\033[0mc", "abc" },
    { "x\033]0;title\007y", "xy" },
    { "x\033]8;;http://e\033\\link\033]8;;\033\\y", "xlinky" },
    { "tab\there\nnew", "tab here new" },
    { "bell\007 del\177 c1\xc2\x9b" "2Jz", "bell del c1z" },
    { "bad \xff byte", "bad \xEF\xBF\xBD byte" },
    { "中文\u202Eevil", "中文evil" },
    { "\033", "" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *got = deb_clean_text(cases[i].in);
    assert_string_equal(got, cases[i].out);
    free(got);
  }
}

/* A visit abandoned before a genuine attempt scores 0: the reason counts the lines said and the
** ones that tried to sell, and the skill bars (still shown as feedback) say they are not counted,
** so a bar with points never contradicts the 0.  A genuine attempt keeps the plain heading. */
static void abandoned_consistent(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  f.s.end_reason = SESS_END_QUIT;
  fx_turn(&f, "Our tiles are the best in the country!", 0);          /* read as no move */
  fx_turn(&f, "Fine fine fine.", 0);
  sess_turn *t = fx_turn(&f, "Shall we chat again some day?", MV(ASK_COMMITMENT));
  t->cls.vague = 1;
  json_t *d = build(&f);
  assert_int_equal(json_integer_value(json_object_get(d, "score")), 0);
  assert_true(json_is_false(json_object_get(d, "attempt")));
  char *txt = render_text(d, 0, 80, "en");
  assert_non_null(strstr(txt, "1 of your 3 lines tried to sell"));
  assert_non_null(strstr(txt, "Skills (not counted: the visit scores 0)"));
  assert_null(strstr(txt, "Each skill starts at 50"));   /* nothing counted: no note on counting */
  free(txt);
  json_decref(d);
  t = fx_turn(&f, "What takes most of your time?", MV(OPEN_QUESTION));   /* near case: genuine */
  d = build(&f);
  txt = render_text(d, 0, 80, "en");
  assert_null(strstr(txt, "not counted"));
  assert_non_null(strstr(txt, "\nSkills\n"));
  /* and how a bar is made, under the bars (play-test 24: "95 with no deduction listed") */
  assert_non_null(strstr(txt, "Each skill starts at 50; the points of its findings, in brackets,"));
  /* and the sum beside each bar that has findings (play-test 25: "95 and no explanation") */
  assert_non_null(strstr(txt, "  (50 "));
  free(txt);
  json_decref(d);
  fx_free(&f);
}

/* "你的进步" shows when each attempt started as a local date and time, not the gradebook's UTC
** stamp (play-test 30b #14: "2026-12-07T04:44:20Z"). */
static void progress_local_time(void **state) {
  (void)state;
  fx f;
  fx_init(&f);
  fx_turn(&f, "Hello.", MV(GREET));
  json_t *d = build(&f);
  json_t *p = json_array();
  json_array_append_new(p, json_pack("{s:s, s:s, s:i}", "started", "2026-12-07T04:44:20Z", "outcome", "advance",
                                     "score", 94));
  json_object_set_new(d, "progress", p);
  char *tz = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
  setenv("TZ", "CST-8", 1);   /* UTC+8, a POSIX rule: no zone files needed */
  tzset();
  char *out = render_text(d, 0, 80, NULL);
  assert_non_null(strstr(out, "2026-12-07 12:44"));
  assert_null(strstr(out, "T04:44:20Z"));
  if (tz) setenv("TZ", tz, 1); else unsetenv("TZ");
  tzset();
  free(tz);
  free(out);
  json_decref(d);
  fx_free(&f);
}

int main(void) {
  setenv("TZ", "UTC", 1);   /* the progress list shows local times (deb_when): one zone for the tests */
  tzset();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(json_fields), cmocka_unit_test(text_render), cmocka_unit_test(text_repeats), cmocka_unit_test(text_first_screen), cmocka_unit_test(try_from_scenario), cmocka_unit_test(scenario_tiers), cmocka_unit_test(try_follows_visit_kind), cmocka_unit_test(objections_listed), cmocka_unit_test(capped_skill_losses), cmocka_unit_test(visits_headed), cmocka_unit_test(objections_as_said), cmocka_unit_test(turn_head_quotes_line),
    cmocka_unit_test(text_zh_wrap), cmocka_unit_test(progress_local_time),
    cmocka_unit_test(escaping), cmocka_unit_test(long_lines), cmocka_unit_test(clean_text), cmocka_unit_test(abandoned_consistent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
