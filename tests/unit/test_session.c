/* test_session.c: the turn loop on the shipped default scenario: turns and snapshots, the
** realism of every rung judged by the Lua host on an ask, hints, the turn limit, and the
** transcript saved atomically after every turn. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "session.h"
#include "util.h"

static scenario *campus(void) {
  diag d;
  diag_init(&d);
  scenario *sc = scn_load("scenarios/campus-platform.yaml", &d);
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

/* The first hint is about discovery, and the next line is marked as hinted. */
static void hints(void **state) {
  (void)state;
  scenario *sc = campus();
  session *s = open_session(sc, "", 0);
  const char *h = sess_hint(s);
  assert_non_null(strstr(h, "需求"));
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
  scn_free(sc);
}

/* The transcript is on disk after every turn, complete and versioned, with no temp file left. */
static void transcript_after_every_turn(void **state) {
  (void)state;
  char dir[] = "/tmp/salesim-sess-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char *path = xasprintf("%s/sub/t.json", dir);
  scenario *sc = campus();
  session *s = open_session(sc, path, 0);
  say(s, "现在辅导员统计签到主要靠什么方式?");
  json_error_t e;
  json_t *j = json_load_file(path, 0, &e);
  assert_non_null(j);
  assert_string_equal(json_string_value(json_object_get(j, "format")), "salesim-transcript");
  assert_int_equal(json_integer_value(json_object_get(j, "version")), 1);
  assert_int_equal(json_array_size(json_object_get(j, "turns")), 1);
  assert_true(json_is_null(json_object_get(j, "ended")));     /* still going */
  assert_null(json_object_get(j, "debrief"));
  json_decref(j);
  say(s, "家长那边有没有反映过什么问题?");
  j = json_load_file(path, 0, &e);
  assert_int_equal(json_array_size(json_object_get(j, "turns")), 2);
  json_t *t2 = json_array_get(json_object_get(j, "turns"), 1);
  assert_string_equal(json_string_value(json_object_get(t2, "text")), "家长那边有没有反映过什么问题?");
  assert_true(json_is_object(json_object_get(t2, "before")));
  assert_true(json_is_array(json_object_get(t2, "customer")));
  json_decref(j);
  sess_finish(s, SESS_END_EOF);
  j = json_load_file(path, 0, &e);
  assert_string_equal(json_string_value(json_object_get(j, "ended_by")), "eof");
  json_decref(j);
  assert_null(s->save_error);
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
    cmocka_unit_test(hints), cmocka_unit_test(turn_limit),
    cmocka_unit_test(transcript_after_every_turn), cmocka_unit_test(unwritable_transcript),
  };
  return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
