/* test_journal.c: the journal's lock tells a live visit from a killed one (jrn_busy), the
** journals of killed visits a play names (rcv_orphans), and the end reasons by name. */
#include "testutil.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "journal.h"
#include "recover.h"
#include "session.h"
#include "util.h"

static char dir[] = "/tmp/salesim-test-journal-XXXXXX";

static void test_busy_while_written(void **st) {
  (void)st;
  char err[256];
  char *p = xasprintf("%s/live.json.journal", dir);
  assert_int_equal(jrn_busy(p), 0);   /* no file */
  jrn *j = jrn_create(p, err, sizeof err);
  assert_non_null(j);
  assert_int_equal(jrn_append(j, "{}", 2, err, sizeof err), 0);   /* a start record */
  assert_int_equal(jrn_append(j, "{}", 2, err, sizeof err), 0);   /* and a turn */
  assert_int_equal(jrn_busy(p), 1);   /* another open file description: the lock is seen */
  char *orphans[4];
  assert_int_equal(rcv_orphans(dir, NULL, orphans, 4), 0);   /* a live visit is not named */
  jrn_close(j, 0);
  assert_int_equal(jrn_busy(p), 0);   /* kept, as a killed visit's is, and free */
  assert_int_equal(rcv_orphans(dir, NULL, orphans, 4), 1);
  assert_string_equal(orphans[0], p);
  free(orphans[0]);
  unlink(p);
  free(p);
}

static void test_busy_ends_with_a_killed_writer(void **st) {
  (void)st;
  char *p = xasprintf("%s/killed.json.journal", dir);
  int ready[2];
  assert_int_equal(pipe(ready), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    char err[256];
    jrn *j = jrn_create(p, err, sizeof err);
    if (j) jrn_append(j, "{}", 2, err, sizeof err);
    (void)!write(ready[1], "x", 1);
    pause();
    _exit(0);
  }
  char c;
  assert_int_equal(read(ready[0], &c, 1), 1);
  assert_int_equal(jrn_busy(p), 1);
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  assert_int_equal(jrn_busy(p), 0);
  /* a journal whose document exists belongs to a visit that ended: not named */
  char *doc = xasprintf("%s/killed.json", dir);
  FILE *f = fopen(doc, "w");
  assert_non_null(f);
  fclose(f);
  char *orphans[1];
  assert_int_equal(rcv_orphans(dir, NULL, orphans, 1), 0);
  unlink(doc);
  unlink(p);
  free(doc);
  free(p);
  close(ready[0]);
  close(ready[1]);
}

static void test_end_names(void **st) {
  (void)st;
  for (int e = SESS_END_CUSTOMER; e <= SESS_END_KILLED; e++)
    assert_int_equal(sess_end_parse(sess_end_name((sess_end)e)), e);
  assert_string_equal(sess_end_name(SESS_END_KILLED), "killed");
  assert_int_equal(sess_end_parse(NULL), SESS_END_NONE);
  assert_int_equal(sess_end_parse("none"), SESS_END_NONE);
  assert_int_equal(sess_end_parse("Ctrl-C"), SESS_END_NONE);
}

static int setup(void **st) { (void)st; return mkdtemp(dir) ? 0 : -1; }
static int teardown(void **st) { (void)st; return rmdir(dir); }

/* A journal holding only its start record (a visit cut off before its first line, play-test
** 32d H1) is not named; one written outside dir is named when the list holds it (M6). */
static void test_start_only_and_listed(void **st) {
  (void)st;
  char err[256];
  char *p = xasprintf("%s/empty.json.journal", dir);
  jrn *j = jrn_create(p, err, sizeof err);
  assert_non_null(j);
  assert_int_equal(jrn_append(j, "{}", 2, err, sizeof err), 0);
  jrn_close(j, 0);
  char *orphans[4];
  assert_int_equal(rcv_orphans(dir, NULL, orphans, 4), 0);
  unlink(p);
  free(p);
  char *sub = xasprintf("%s/elsewhere", dir), *list = xasprintf("%s/journals", dir);
  assert_int_equal(util_mkdirs(sub, 0755), 0);
  p = xasprintf("%s/v10.json.journal", sub);
  j = jrn_create(p, err, sizeof err);
  assert_non_null(j);
  rcv_note_journal(list, p);
  assert_int_equal(jrn_append(j, "{}\n{}", 5, err, sizeof err), 0);
  assert_int_equal(rcv_orphans(dir, list, orphans, 4), 0);   /* still written */
  jrn_close(j, 0);
  assert_int_equal(rcv_orphans(dir, list, orphans, 4), 1);
  assert_string_equal(orphans[0], p);
  free(orphans[0]);
  unlink(p);
  assert_int_equal(rcv_orphans(dir, list, orphans, 4), 0);   /* recorded since: gone */
  unlink(list);
  rmdir(sub);
  free(p);
  free(sub);
  free(list);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_busy_while_written),
    cmocka_unit_test(test_busy_ends_with_a_killed_writer),
    cmocka_unit_test(test_start_only_and_listed),
    cmocka_unit_test(test_end_names),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
