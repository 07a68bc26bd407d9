/* test_util.c: the UTC timestamps the transcripts carry (against the C library), and reading
** files: exact sizes, empty files, files that grow, non-regular files and the size cap. */
#include "testutil.h"
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static void expect_time(long long t) {
  char got[32], want[32];
  time_t tt = (time_t)t;
  struct tm tm;
  assert_non_null(gmtime_r(&tt, &tm));
  strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
  util_iso_time(t, got);
  if (strcmp(got, want) != 0) fail_msg("t=%lld: got %s, want %s", t, got, want);
}

static void test_iso_time(void **st) {
  (void)st;
  static const long long edges[] = {
    0, -1, 59, 60, 86399, 86400, -86400, -86401,
    951782400,   /* 2000-02-29 */ 951868800,  /* 2000-03-01 */
    4107542400,  /* 2100-03-01: not a leap year */ 4107456000,
    1709164800,  /* 2024-02-29 */ 1798761599, /* 2026-12-31T23:59:59 */
    253402300799 /* 9999-12-31T23:59:59 */,
  };
  for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) expect_time(edges[i]);
  char early[32];   /* four digits always, as ISO 8601 wants (strftime's %Y gives "1" here) */
  util_iso_time(-62135596800LL, early);
  assert_string_equal(early, "0001-01-01T00:00:00Z");
  unsigned long long x = 88172645463325252ULL;   /* xorshift: many times over four centuries */
  for (int i = 0; i < 200000; i++) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    expect_time((long long)(x % 12622780800ULL) - 2208988800LL);   /* 1900 .. 2300 */
  }
  char now[32];
  util_now_iso(now);
  assert_int_equal(strlen(now), 20);
  assert_int_equal(now[19], 'Z');
}

static char dir[64];

static int setup(void **st) {
  (void)st;
  snprintf(dir, sizeof dir, "/tmp/salesim-test-util-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st) {
  (void)st;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static char *path_of(const char *name) { return xasprintf("%s/%s", dir, name); }

static void write_bytes(const char *path, const char *data, size_t n) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

static void test_read_file(void **st) {
  (void)st;
  char err[128];
  size_t len = 99;
  char *p = path_of("empty");
  write_bytes(p, "", 0);
  char *buf = util_read_file(p, 100, &len, err, sizeof err);
  assert_non_null(buf);
  assert_int_equal(len, 0);
  assert_string_equal(buf, "");
  free(buf); free(p);

  /* sizes around the page and the first guess, each read whole and NUL-terminated */
  static const size_t sizes[] = { 1, 4095, 4096, 4097, 16383, 16384, 16385, 100000 };
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    char *data = xmalloc(sizes[i]);
    for (size_t k = 0; k < sizes[i]; k++) data[k] = (char)('a' + k % 26);
    p = path_of("sized");
    write_bytes(p, data, sizes[i]);
    buf = util_read_file(p, 1u << 20, &len, err, sizeof err);
    assert_non_null(buf);
    assert_int_equal(len, sizes[i]);
    assert_memory_equal(buf, data, sizes[i]);
    assert_int_equal(buf[len], 0);
    free(buf); free(data); free(p);
  }

  /* the cap: one byte over is refused, exactly at it is read */
  p = path_of("cap");
  write_bytes(p, "0123456789", 10);
  assert_null(util_read_file(p, 9, &len, err, sizeof err));
  assert_string_equal(err, "file too large (over 9 bytes)");
  buf = util_read_file(p, 10, &len, err, sizeof err);
  assert_non_null(buf);
  assert_int_equal(len, 10);
  free(buf); free(p);

  /* not regular: read in chunks up to the cap */
  assert_null(util_read_file("/dev/zero", 50000, &len, err, sizeof err));
  assert_string_equal(err, "file too large (over 50000 bytes)");
  buf = util_read_file("/dev/null", 100, &len, err, sizeof err);
  assert_non_null(buf);
  assert_int_equal(len, 0);
  free(buf);
  assert_null(util_read_file(dir, 100, &len, err, sizeof err));
  assert_string_equal(err, "is a directory");
  p = path_of("missing");
  assert_null(util_read_file(p, 100, &len, err, sizeof err));
  assert_string_equal(err, "No such file or directory");
  free(p);
}

/* A FIFO: no size to go by, and the data comes in pieces. */
static void test_read_fifo(void **st) {
  (void)st;
  char *p = path_of("fifo");
  assert_int_equal(mkfifo(p, 0600), 0);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(p, O_WRONLY);
    char chunk[1000];
    memset(chunk, 'x', sizeof chunk);
    for (int i = 0; i < 70; i++) if (write(fd, chunk, sizeof chunk) != (ssize_t)sizeof chunk) _exit(1);
    _exit(0);
  }
  char err[128];
  size_t len;
  char *buf = util_read_file(p, 1u << 20, &len, err, sizeof err);
  assert_non_null(buf);
  assert_int_equal(len, 70000);
  assert_int_equal(buf[69999], 'x');
  free(buf);
  free(p);
}

/* HOME and XDG unset: the account's home from the password database, never /tmp/.local. */
/* util_find_ci: ASCII case-folded, the first place, NULL for no match and for an empty needle. */
static void test_find_ci(void **st) {
  (void)st;
  const char *hay = "So, GRACE, did I get that right, Grace?";
  assert_ptr_equal(util_find_ci(hay, "grace"), hay + 4);
  assert_ptr_equal(util_find_ci(hay, "Right"), hay + 26);
  assert_null(util_find_ci(hay, "martin"));
  assert_null(util_find_ci(hay, ""));
  assert_null(util_find_ci("", "a"));
  assert_non_null(util_find_ci("今天先付两万四", "两万四"));
}

static void test_xdg_without_home(void **st) {
  (void)st;
  char *saved = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
  unsetenv("HOME");
  unsetenv("XDG_DATA_HOME");
  char *d = util_xdg_dir("XDG_DATA_HOME", ".local/share");
  struct passwd *pw = getpwuid(getuid());
  assert_non_null(d);
  assert_null(strstr(d, "/tmp/.local"));
  if (pw && pw->pw_dir && strcmp(pw->pw_dir, "/") != 0) assert_true(strncmp(d, pw->pw_dir, strlen(pw->pw_dir)) == 0);
  free(d);
  if (saved) { setenv("HOME", saved, 1); free(saved); }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_iso_time),
    cmocka_unit_test(test_find_ci),
    cmocka_unit_test(test_xdg_without_home),
    cmocka_unit_test_setup_teardown(test_read_file, setup, teardown),
    cmocka_unit_test_setup_teardown(test_read_fifo, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
