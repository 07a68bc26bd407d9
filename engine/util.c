/*
** util.c: memory, growable strings, files, the data directory, clocks.
*/
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "msg_cli.h"
#include "util.h"

#define UTIL_FIFO_WAIT_MS 5000

static void oom(void) {
  static const char msg[] = "salesim: out of memory\n";
  if (write(2, msg, sizeof msg - 1) < 0) { /* nothing left to do */ }
  abort();
}

void *xmalloc(size_t n) { void *p = malloc(n ? n : 1); if (!p) oom(); return p; }
void *xcalloc(size_t n, size_t size) { void *p = calloc(n ? n : 1, size ? size : 1); if (!p) oom(); return p; }
void *xrealloc(void *p, size_t n) { p = realloc(p, n ? n : 1); if (!p) oom(); return p; }
void *xgrow(void *v, int n, int *cap, size_t size, int first) {
  assert(n >= 0 && n <= *cap && first > 0);
  if (n < *cap) return v;
  assert(*cap < INT_MAX / 2);
  *cap = *cap ? *cap * 2 : first;
  return xrealloc(v, (size_t)*cap * size);
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

const char *util_find_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  if (!n) return NULL;
  int first = tolower((unsigned char)needle[0]);   /* strncasecmp's own folding, one byte first */
  for (const char *p = hay; *p; p++)
    if (tolower((unsigned char)*p) == first && strncasecmp(p, needle, n) == 0) return p;
  return NULL;
}

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *xasprintf(const char *fmt, ...) {
  strbuf b = {0};
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&b, fmt, ap);
  va_end(ap);
  return sb_take(&b);
}

/* {=== strbuf */
static void sb_grow(strbuf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) cap *= 2;
  b->s = xrealloc(b->s, cap);
  b->cap = cap;
}

void sb_append(strbuf *b, const char *s, size_t n) {
  sb_grow(b, n);
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void sb_puts(strbuf *b, const char *s) { sb_append(b, s, strlen(s)); }
void sb_putc(strbuf *b, char c) { sb_append(b, &c, 1); }

void sb_vprintf(strbuf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  sb_grow(b, (size_t)n);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void sb_printf(strbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(b, fmt, ap);
  va_end(ap);
}

void sb_html(strbuf *b, const char *s) {
  assert(b && s);
  for (const char *p = s; *p; p++) {
    const char *run = p;   /* copy the plain bytes in one piece */
    while (*p && !strchr("&<>\"'", *p)) p++;
    if (p > run) sb_append(b, run, (size_t)(p - run));
    if (!*p) break;
    switch (*p) {
    case '&': sb_puts(b, "&amp;"); break;
    case '<': sb_puts(b, "&lt;"); break;
    case '>': sb_puts(b, "&gt;"); break;
    case '"': sb_puts(b, "&quot;"); break;
    default: sb_puts(b, "&#39;"); break;
    }
  }
}

char *sb_take(strbuf *b) {
  char *s = b->s ? b->s : xstrdup("");
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

void sb_free(strbuf *b) { free(b->s); b->s = NULL; b->len = b->cap = 0; }
/* }=== */

/* {=== arena: blocks of 8 KiB doubling to 1 MiB, carved front to back */
typedef struct arena_block { struct arena_block *next; size_t used, cap; max_align_t data[]; } arena_block;

/* n bytes at an offset that is a multiple of align (a power of two up to max_align_t's). */
static void *arena_take(arena *a, size_t n, size_t align) {
  arena_block *b = a->head;
  size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
  if (!b || at > b->cap || b->cap - at < n) {
    size_t cap = b ? b->cap * 2 : 8192;
    if (cap > (1u << 20)) cap = 1u << 20;
    if (cap < n) cap = n;
    arena_block *nb = xmalloc(sizeof *nb + cap);
    nb->next = b; nb->used = 0; nb->cap = cap;
    a->head = b = nb;
    at = 0;
  }
  void *p = (char *)b->data + at;
  b->used = at + n;
  return p;
}

void *arena_alloc(arena *a, size_t n) { return arena_take(a, n, sizeof(max_align_t)); }

/* Texts need no alignment: packed, a YAML tree's thousands of short values take a sixth less. */
char *arena_strndup(arena *a, const char *s, size_t n) {
  char *p = arena_take(a, n + 1, 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

void arena_free(arena *a) {
  for (arena_block *b = a->head, *next; b; b = next) { next = b->next; free(b); }
  a->head = NULL;
}
/* }=== */

static void too_large(char *err, size_t errlen, size_t max) {
  char n[32];
  snprintf(n, sizeof n, "%zu", max);
  msg_snprint(err, errlen, "util.read.too_large", "max", n, NULL);
}

/* A regular file is read into one buffer of its size (no stdio buffer, no regrowth: the files
** read at start-up are tens of KiB, and every fresh page costs a fault); anything else (a
** pipe, /dev/zero) is read in chunks up to max. */
char *util_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);   /* a FIFO must not block the open */
  if (fd < 0) { snprintf(err, errlen, "%s", strerror(errno)); return NULL; }
  struct stat st;
  if (fstat(fd, &st) != 0) { snprintf(err, errlen, "%s", strerror(errno)); close(fd); return NULL; }
  if (S_ISFIFO(st.st_mode)) {   /* read it only when a writer comes and writes within 5 s */
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    int r;
    while ((r = poll(&pfd, 1, UTIL_FIFO_WAIT_MS)) < 0 && errno == EINTR) {}
    if (r <= 0) {
      close(fd);
      msg_snprint(err, errlen, "util.read.fifo", NULL);
      return NULL;
    }
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  if (S_ISREG(st.st_mode)) util_note_input(path);
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    msg_snprint(err, errlen, "util.read.directory", NULL);
    return NULL;
  }
  if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > (uintmax_t)max) {   /* refused unread */
    close(fd);
    too_large(err, errlen, max);
    return NULL;
  }
  /* size + 2: room for the NUL and for the read that sees the end without growing */
  size_t cap = S_ISREG(st.st_mode) && (size_t)st.st_size <= max ? (size_t)st.st_size + 2 : 16384;
  char *buf = xmalloc(cap);
  size_t n = 0;
  for (;;) {
    if (n + 1 == cap) {   /* full: the file grew, or it is not a regular file */
      if (n >= max + 1) break;
      cap = cap * 2 > max + 2 ? max + 2 : cap * 2;
      buf = xrealloc(buf, cap);
    }
    ssize_t r = read(fd, buf + n, cap - 1 - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) { close(fd); free(buf); msg_snprint(err, errlen, "util.read.error", NULL); return NULL; }
    if (r == 0) break;
    n += (size_t)r;
    if (n > max) break;
  }
  close(fd);
  if (n > max) {
    free(buf);
    too_large(err, errlen, max);
    return NULL;
  }
  buf[n] = 0;
  if (len) *len = n;
  return buf;
}

int util_mkdirs(const char *path, int mode) {
  char *p = xstrdup(path);
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) { free(p); return -1; }
    *s = '/';
  }
  int rc = (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) ? -1 : 0;
  free(p);
  return rc;
}

/* ---- inputs of this run: never overwritten ----------------------------------------------- */

#define UTIL_MAX_INPUTS 64
static struct { dev_t dev; ino_t ino; } inputs[UTIL_MAX_INPUTS];
static int n_inputs;

/* Remembers the file at path (if it exists) as an input of this run; see util.h. */
void util_note_input(const char *path) {
  struct stat st;
  if (!path || n_inputs >= UTIL_MAX_INPUTS || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return;
  for (int i = 0; i < n_inputs; i++)
    if (inputs[i].dev == st.st_dev && inputs[i].ino == st.st_ino) return;
  inputs[n_inputs].dev = st.st_dev;
  inputs[n_inputs].ino = st.st_ino;
  n_inputs++;
}

static int is_input(const struct stat *st) {
  for (int i = 0; i < n_inputs; i++)
    if (inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino) return 1;
  return 0;
}

/* Does the regular file at path start like an SQLite database (a gradebook)? */
static int looks_like_sqlite(const char *path) {
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return 0;
  char head[16];
  ssize_t n = read(fd, head, sizeof head);
  close(fd);
  return n == (ssize_t)sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
}

/* Writes all of data to fd; 0 or -1 (errno set). */
static int write_all(int fd, const char *data, size_t len) {
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    off += (size_t)w;
  }
  return 0;
}

/* Atomic replacement that a shared directory cannot subvert: the temp file comes from
** mkstemp in the target's own directory (O_EXCL: a link planted under any name is never
** followed), and rename replaces a link at path itself, never what it points to.  What is at
** path is checked first: devices, FIFOs and directories are refused (as root, rename would
** replace a device node; a FIFO would hang a reader), and so are a gradebook and any input
** of this run.  "-" and /dev/stdout write to standard output. */
int util_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen) {
  if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
    fflush(stdout);
    if (write_all(STDOUT_FILENO, data, len) != 0) {
      snprintf(err, errlen, "%s: %s", path, strerror(errno));
      return -1;
    }
    return 0;
  }
  struct stat st;
  if (lstat(path, &st) == 0) {
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
      msg_snprint(err, errlen, "util.write.not_regular", "path", path, NULL);
      return -1;
    }
    if (S_ISREG(st.st_mode) && is_input(&st)) {
      msg_snprint(err, errlen, "util.write.input", "path", path, NULL);
      return -1;
    }
    if (S_ISREG(st.st_mode) && looks_like_sqlite(path)) {
      msg_snprint(err, errlen, "util.write.gradebook", "path", path, NULL);
      return -1;
    }
  }
  const char *slash = strrchr(path, '/');
  char *dir = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path))) : xstrdup(".");
  if (slash && slash != path && util_mkdirs(dir, 0755) != 0) {
    msg_snprint(err, errlen, "cli.journal.mkdir", "path", path, "error", strerror(errno), NULL);
    free(dir);
    return -1;
  }
  char *tmp = xasprintf("%s/.%s.XXXXXX", dir, slash ? slash + 1 : path);
  free(dir);
  int fd = mkstemp(tmp);
  if (fd >= 0) fcntl(fd, F_SETFD, FD_CLOEXEC);
  if (fd < 0) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); free(tmp); return -1; }
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd); unlink(tmp); free(tmp);
    return -1;
  }
  if (close(fd) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    unlink(tmp); free(tmp);
    return -1;
  }
  if (rename(tmp, path) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    unlink(tmp); free(tmp);
    return -1;
  }
  free(tmp);
  return 0;
}

void util_hash_hex(const void *data, size_t len, char out[17]) {
  snprintf(out, 17, "%016llx", (unsigned long long)util_hash64(data, len));
}

static int is_dir(const char *p) { struct stat st; return stat(p, &st) == 0 && S_ISDIR(st.st_mode); }
static int exists(const char *p) { struct stat st; return stat(p, &st) == 0; }

/* The data root: where lexicons/ and lua/ live.  Found once, then cached. */
static const char *data_root(void) {
  static char *root;
  static int done;
  if (done) return root;
  done = 1;
  const char *env = getenv("SALESIM_DATA");
  if (env && *env && is_dir(env)) return root = xstrdup(env);
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return root = NULL;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash) return root = NULL;
  *slash = '\0';
  /* build tree: ./salesim beside engine/; sanitizer build: build-san/salesim */
  const char *cands[] = { "%s/engine", "%s/../engine", "%s/../share/salesim" };
  for (size_t i = 0; i < sizeof cands / sizeof *cands; i++) {
    char *p = xasprintf(cands[i], exe);
    char *lex = xasprintf("%s/lexicons", p);
    int ok = is_dir(lex);
    free(lex);
    if (ok) return root = p;
    free(p);
  }
  return root = NULL;
}

char *util_data_path(const char *rel) {
  const char *root = data_root();
  if (!root) return NULL;
  char *p = xasprintf("%s/%s", root, rel);
  if (exists(p)) return p;
  free(p);
  /* scenarios/ sits beside engine/ in the build tree: ROOT/../rel, said without the "engine/.."
  ** (a transcript's scenario.file read "/work/pt/engine/../scenarios/it-trial.yaml", play-test
  ** 30a F17); a root whose last part is "." or ".." keeps it */
  const char *slash = strrchr(root, '/'), *last = slash ? slash + 1 : root;
  if (*last && strcmp(last, ".") != 0 && strcmp(last, "..") != 0)
    p = !slash ? xstrdup(rel) : slash == root ? xasprintf("/%s", rel)
                                              : xasprintf("%.*s/%s", (int)(slash - root), root, rel);
  else
    p = xasprintf("%s/../%s", root, rel);
  if (exists(p)) return p;
  free(p);
  return NULL;
}

char *util_xdg_dir(const char *env, const char *fallback_under_home) {
  const char *v = getenv(env);
  if (v && *v == '/') return xasprintf("%s/salesim", v);
  const char *home = getenv("HOME");
  if (!home || !*home) {   /* HOME unset (a cron job, sudo -i): the account's own home */
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_dir && *pw->pw_dir && strcmp(pw->pw_dir, "/") != 0) home = pw->pw_dir;
  }
  if (home && *home) return xasprintf("%s/%s/salesim", home, fallback_under_home);
  /* No home at all: a private directory in /tmp (0700, ours), never a shared /tmp/.local
  ** where every user could read the transcripts; one planted by someone else is not used. */
  char *priv = xasprintf("/tmp/salesim-%ld", (long)getuid());
  struct stat st;
  if (mkdir(priv, 0700) != 0 && errno != EEXIST) { free(priv); return xstrdup("/nonexistent/salesim"); }
  if (lstat(priv, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
    free(priv);
    return xstrdup("/nonexistent/salesim");
  }
  char *dir = xasprintf("%s/%s/salesim", priv, fallback_under_home);
  free(priv);
  return dir;
}

/* UTC by arithmetic (days to a civil date, after Howard Hinnant's algorithm): glibc's gmtime_r
** loads the local time zone file first, which a start-up does not need. */
void util_now_iso(char out[32]) { util_iso_time((long long)time(NULL), out); }

void util_iso_time(long long t, char out[32]) {
  long long days = t / 86400, secs = t % 86400;
  if (secs < 0) { secs += 86400; days--; }
  long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  long long y = yoe + era * 400 + (m <= 2);
  char buf[128];
  snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d, secs / 3600,
           secs / 60 % 60, secs % 60);
  snprintf(out, 32, "%.31s", buf);
}

double util_monotonic(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* See util.h. */
char *util_shell_word(const char *s) {
  if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,")
              == strlen(s)) return xstrdup(s);
  strbuf b = {0};
  sb_putc(&b, '\'');
  for (; *s; s++) {
    if (*s == '\'') sb_puts(&b, "'\\''");
    else sb_putc(&b, *s);
  }
  sb_putc(&b, '\'');
  return sb_take(&b);
}
