/* test_session.c: the turn loop on the shipped default scenario: turns and snapshots, the
** realism of every rung judged by the Lua host on an ask, hints, the turn limit, the journal
** written at every turn (and read back as replay reads it), the transcript at the end. */
#include "scncheck.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "session.h"
#include "util.h"

static scenario *campus(void) {
  diag d;
  diag_init(&d);
  scenario *sc = scc_load("scenarios/campus-platform.yaml", &d);
  if (!sc) diag_print(&d, stderr);
  diag_free(&d);
  assert_non_null(sc);
  return sc;
}

static session *open_session(const scenario *sc, const char *transcript, int max_turns) {
  diag d;
  diag_init(&d);
  sess_options o = { .seed = 7, .transcript = transcript, .max_turns = max_turns };
  session *s = sess_new(sc, &o, &d);
  diag_free(&d);
  assert_non_null(s);
  sess_start(s);
  return s;
}

static const sess_turn *say(session *s, const char *line) {
  const sess_turn *t = sess_say(s, line, strlen(line));
  assert_non_null(t);
  return t;
}

/* Each turn keeps the line and the customer's state from before it was said. */
static void turns_and_snapshots(void **state) {
  (void)state;
  scenario *sc = campus();
  session *s = open_session(sc, "", 0);
  assert_int_equal(s->opening.n > 0, 1);
  const sess_turn *t = say(s, "周处长您好,今天想再听听您的想法。");
  assert_int_equal(t->n, 1);
  assert_string_equal(t->text, "周处长您好,今天想再听听您的想法。");
  assert_true(t->before.trust == 3 && t->before.patience == 12 && !t->before.value_ack);
  assert_int_equal(t->rungs_known, 0);          /* no ask, nothing judged */
  assert_int_equal(t->realistic, -1);
  t = say(s, "现在辅导员统计签到主要靠什么方式?");
  assert_int_equal(t->n, 2);
  assert_true(t->before.patience < 12);         /* the first turn cost patience */
  assert_false(sess_over(s));
  sess_finish(s, SESS_END_QUIT);
  assert_true(sess_over(s));
  assert_int_equal(s->end_reason, SESS_END_QUIT);
  assert_int_not_equal(s->outcome, CUST_OUTCOME_NONE);
  sess_free(s);
  scn_free(sc);
}

/* On an ask, the Lua host judges every rung: at trust 3 with no value accepted, the demo
** (trust >= 5 and value_acknowledged) and the pilot (trust >= 4) are out of reach, sending
** the requirements (no condition) is not. */
static void rungs_judged_by_lua(void **state) {
  (void)state;
  scenario *sc = campus();
  session *s = open_session(sc, "", 0);
  const sess_turn *t = say(s, "能不能请信息中心和教务处的负责人下周三下午三点来看一次演示?");
  assert_int_equal(t->rungs_known, 1);
  int demo = scn_commitment_index(sc, "demo_with_heads");
  int pilot = scn_commitment_index(sc, "pilot_college");
  int req = scn_commitment_index(sc, "send_requirements");
  assert_true(demo >= 0 && pilot >= 0 && req >= 0);
  assert_int_equal(t->rungs_realistic >> demo & 1, 0);
  assert_int_equal(t->rungs_realistic >> pilot & 1, 0);
  assert_int_equal(t->rungs_realistic >> req & 1, 1);
  assert_int_equal(t->cls.commitment, demo);
  assert_int_equal(t->realistic, 0);
  sess_free(s);
  scn_free(sc);
}

/* The first hint is the scenario's own first one (about discovery), and the next line is
** marked as hinted. */
static void hints(void **state) {
  (void)state;
  scenario *sc = campus();
  session *s = open_session(sc, "", 0);
  const char *h = sess_hint(s);
  assert_string_equal(h, sc->hints.v[0]);
  assert_non_null(strstr(h, "辅导员每天在什么事上最花时间"));
  const sess_turn *t = say(s, "最近工作里最头疼的是什么?");
  assert_int_equal(t->hinted, 1);
  assert_int_equal(s->hints_used, 1);
  t = say(s, "明白了。");
  assert_int_equal(t->hinted, 0);
  sess_free(s);
  scn_free(sc);
}

/* A session that goes on and on ends at the turn limit, as a continuation at best. */
static void turn_limit(void **state) {
  (void)state;
  scenario *sc = campus();
  session *s = open_session(sc, "", 3);
  for (int i = 0; i < 10 && !sess_over(s); i++) say(s, "嗯。");
  assert_true(sess_over(s));
  assert_true(s->n_turns <= 3);
  sess_free(s);
  /* announced two turns ahead, in the customer's words, and named as the cause (issue 15) */
  s = open_session(sc, "", 5);
  for (int i = 0; i < 10 && !sess_over(s); i++) say(s, "我们公司成立二十年了。");
  assert_int_equal(s->n_turns, 5);
  int announced = 0;
  for (int k = 0; k < s->turns[2].events.n; k++) {
    const cust_event *e = &s->turns[2].events.v[k];
    announced |= e->kind == CUST_EV_SAY && e->key && strcmp(e->key, "time_low") == 0;
  }
  assert_int_equal(announced, 1);
  assert_string_equal(s->end_cause, "time_limit");
  assert_int_equal(s->end_reason, SESS_END_TURN_LIMIT);
  sess_free(s);
  scn_free(sc);
}

/* The saved document's outcome is the debrief's, the session's as scored (a campaign's earlier
** rung carried over a last visit that settled nothing); the closing end event keeps the customer's
** own verdict (play-test 27d finding 7: the screen said advance, the transcript "continuation"). */
static void transcript_outcome_is_debriefs(void **state) {
  (void)state;
  scenario *sc = campus();
  session *s = open_session(sc, "", 20);
  say(s, "您好。");
  sess_finish(s, SESS_END_QUIT);
  assert_int_equal(s->outcome, CUST_OUTCOME_CONTINUATION);
  json_t *deb = json_pack("{s:s}", "outcome", "advance");
  json_t *t = sess_transcript_json(s, deb);
  assert_string_equal(json_string_value(json_object_get(t, "outcome")), "advance");
  json_t *closing = json_object_get(t, "closing"), *end = NULL;
  for (size_t i = 0; i < json_array_size(closing); i++)
    if (strcmp(json_string_value(json_object_get(json_array_get(closing, i), "kind")), "end") == 0)
      end = json_array_get(closing, i);
  assert_non_null(end);
  assert_string_equal(json_string_value(json_object_get(end, "outcome")), "continuation");
  json_decref(t);
  t = sess_transcript_json(s, NULL);   /* no debrief: the customer's verdict, as the journal has it */
  assert_string_equal(json_string_value(json_object_get(t, "outcome")), "continuation");
  sess_transcript_outcome(t, deb);     /* the gradebook's copy, built without the debrief */
  assert_string_equal(json_string_value(json_object_get(t, "outcome")), "advance");
  json_decref(t);
  json_decref(deb);
  sess_free(s);
  scn_free(sc);
}

/* The journal as replay would read it must be the document sess_transcript_json gives now. */
static json_t *assembled(const char *jpath, int *complete, diag *d) {
  char err[256];
  size_t len;
  char *buf = util_read_file(jpath, 1u << 26, &len, err, sizeof err);
  assert_non_null(buf);
  json_t *j = sess_journal_transcript(buf, len, jpath, d, complete);
  free(buf);
  return j;
}

static void assert_journal_is_session(const session *s, const char *jpath, int want_complete) {
  diag d;
  diag_init(&d);
  int complete;
  json_t *j = assembled(jpath, &complete, &d);
  assert_non_null(j);
  assert_int_equal(d.n, 0);
  assert_int_equal(complete, want_complete);
  json_t *mem = sess_transcript_json(s, NULL);
  if (!json_equal(j, mem)) {
    char *a = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER), *b = json_dumps(mem, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    fprintf(stderr, "journal:\n%s\nsession:\n%s\n", a, b);
    free(a); free(b);
    fail();
  }
  json_decref(mem);
  json_decref(j);
  diag_free(&d);
}

/* Every turn is in the journal when sess_say returns; the document is written at the end and
** the journal removed then. */
static void journal_after_every_turn(void **state) {
  (void)state;
  char dir[] = "/tmp/salesim-test-session-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char *path = xasprintf("%s/sub/t.json", dir);
  char *jpath = sess_journal_path(path);
  scenario *sc = campus();
  session *s = open_session(sc, path, 0);
  assert_int_not_equal(access(jpath, F_OK), 0);   /* nothing typed yet, nothing written */
  say(s, "现在辅导员统计签到主要靠什么方式?");
  assert_int_not_equal(access(path, F_OK), 0);    /* no document while the visit runs */
  assert_journal_is_session(s, jpath, 0);
  sess_hint(s);
  say(s, "家长那边有没有反映过什么问题?");
  assert_journal_is_session(s, jpath, 0);
  sess_finish(s, SESS_END_EOF);
  assert_null(s->save_error);
  assert_int_not_equal(access(jpath, F_OK), 0);   /* the document holds it all now */
  json_error_t e;
  json_t *j = json_load_file(path, 0, &e);
  assert_non_null(j);
  assert_string_equal(json_string_value(json_object_get(j, "format")), "salesim-transcript");
  assert_int_equal(json_array_size(json_object_get(j, "turns")), 2);
  assert_string_equal(json_string_value(json_object_get(j, "ended_by")), "eof");
  assert_int_equal(json_integer_value(json_object_get(j, "hints_used")), 1);
  json_decref(j);
  char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
  assert_int_not_equal(access(tmp, F_OK), 0);
  free(tmp);
  sess_free(s);
  scn_free(sc);
  unlink(path);
  char *sub = xasprintf("%s/sub", dir);
  rmdir(sub);
  rmdir(dir);
  free(sub);
  free(jpath);
  free(path);
}

/* When the document cannot be written, the journal keeps the whole visit, its end too; a last
** record cut short, a NUL tail and a damaged record are read with warnings, never lost turns. */
static void journal_survives(void **state) {
  (void)state;
  char dir[] = "/tmp/salesim-test-session-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char *path = xasprintf("%s/t.json", dir);
  assert_int_equal(mkdir(path, 0755), 0);         /* a directory: the document cannot go there */
  char *jpath = sess_journal_path(path);
  scenario *sc = campus();
  session *s = open_session(sc, path, 0);
  say(s, "周处长您好,今天想再听听您的想法。");
  say(s, "现在辅导员统计签到主要靠什么方式?");
  sess_hint(s);
  sess_finish(s, SESS_END_QUIT);
  assert_non_null(s->save_error);
  assert_journal_is_session(s, jpath, 1);

  char err[256];
  size_t len;
  char *buf = util_read_file(jpath, 1u << 26, &len, err, sizeof err);
  assert_non_null(buf);
  /* the end record cut in the middle, then the unused tail of NUL bytes */
  assert_true(strlen(buf) < len);                 /* the open journal's tail is NUL bytes */
  size_t last = strlen(buf) - 1;                  /* the newline before the end record */
  while (last > 0 && buf[last - 1] != '\n') last--;
  assert_true(last > 0);
  size_t cut = last + 20;
  char *torn = xcalloc(cut + 4096, 1);
  memcpy(torn, buf, cut);
  diag d;
  diag_init(&d);
  int complete;
  json_t *j = sess_journal_transcript(torn, cut + 4096, jpath, &d, &complete);
  assert_non_null(j);
  assert_int_equal(complete, 0);
  assert_int_equal(json_array_size(json_object_get(j, "turns")), 2);
  assert_int_equal(d.warnings, 1);
  assert_non_null(strstr(d.v[0].msg, "cut short"));
  assert_int_equal(d.v[0].line, 4);
  json_decref(j);
  diag_free(&d);
  /* a damaged second turn: the first is kept */
  char *second = strstr(buf, "\n{\"record\":\"turn\"");
  assert_non_null(second);
  second = strstr(second + 1, "\n{\"record\":\"turn\"");
  assert_non_null(second);
  second[5] = '#';
  diag_init(&d);
  j = sess_journal_transcript(buf, len, jpath, &d, &complete);
  assert_non_null(j);
  assert_int_equal(json_array_size(json_object_get(j, "turns")), 1);
  assert_int_equal(d.warnings, 1);
  assert_int_equal(d.v[0].line, 3);
  json_decref(j);
  diag_free(&d);
  /* not a journal at all */
  diag_init(&d);
  assert_null(sess_journal_transcript("{\"format\":\"salesim-transcript\"}\n", 32, "x", &d, &complete));
  assert_int_equal(d.errors, 1);
  assert_false(sess_is_journal("{\"format\":\"salesim-transcript\"}", 31));
  assert_true(sess_is_journal(buf, len));
  diag_free(&d);
  free(torn);
  free(buf);
  sess_free(s);
  scn_free(sc);
  unlink(jpath);
  rmdir(path);
  rmdir(dir);
  free(jpath);
  free(path);
}

/* A transcript that cannot be written is an error kept on the session, not a crash. */
static void unwritable_transcript(void **state) {
  (void)state;
  scenario *sc = campus();
  session *s = open_session(sc, "/proc/salesim-cannot-write/t.json", 0);
  say(s, "您好。");
  assert_non_null(s->save_error);
  sess_free(s);
  scn_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(turns_and_snapshots), cmocka_unit_test(rungs_judged_by_lua),
    cmocka_unit_test(hints), cmocka_unit_test(turn_limit), cmocka_unit_test(transcript_outcome_is_debriefs),
    cmocka_unit_test(journal_after_every_turn), cmocka_unit_test(journal_survives), cmocka_unit_test(unwritable_transcript),
  };
  return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
