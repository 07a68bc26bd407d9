/*
** journal.c: append-only records made durable one at a time (journal.h).
**
** Why the file is grown ahead: an fdatasync after an append that grows the file must also
** commit the new size through the file system's own journal, which on this project's
** machines made the slowest 1% of turns 0.4 to 1.5 ms; writing into blocks allocated
** beforehand leaves only the data to flush (docs/performance.md has the figures).
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "journal.h"
#include "util.h"
#include "msg_cli.h"

#define JRN_FIRST_BLOCK (64u << 10)   /* a visit's first hundred turns or so */
#define JRN_MAX_BLOCK (1u << 20)      /* growth doubles up to this */

struct jrn {
  int fd;
  char *path;
  size_t used;          /* bytes of records */
  size_t allocated;     /* bytes grown ahead (0 once the file system refused) */
  size_t block;         /* the next growth */
  int no_prealloc;
};

/* fsync of the directory holding path, so a new name survives a crash of the machine. */
static int sync_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path))) : xstrdup(".");
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  free(dir);
  if (fd < 0) return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

jrn *jrn_create(const char *path, char *err, size_t errlen) {
  const char *slash = strrchr(path, '/');
  if (slash && slash != path) {
    char *dir = xstrndup(path, (size_t)(slash - path));
    int rc = util_mkdirs(dir, 0755);
    free(dir);
    if (rc != 0) {
      msg_snprint(err, errlen, "cli.journal.mkdir", "path", path, "error", strerror(errno), NULL);
      return NULL;
    }
  }
  /* The name is predictable (TRANSCRIPT.journal) and the directory may be a shared class
  ** folder: an old journal is removed and a new file made with O_EXCL | O_NOFOLLOW, so a link
  ** planted under that name is never followed (issue 13). */
  if (unlink(path) != 0 && errno != ENOENT) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
  /* held while the visit runs, so `record` and `play` can tell a live visit from a killed
  ** one (jrn_busy); the kernel drops it when the process dies, however it dies */
  while (flock(fd, LOCK_EX) != 0 && errno == EINTR) {}
  if (sync_dir(path) != 0) {
    msg_snprint(err, errlen, "cli.journal.sync_dir", "path", path, "error", strerror(errno), NULL);
    close(fd);
    unlink(path);
    return NULL;
  }
  jrn *j = xcalloc(1, sizeof *j);
  j->fd = fd;
  j->path = xstrdup(path);
  j->block = JRN_FIRST_BLOCK;
  return j;
}

/* Grows the file ahead so that need more bytes fit; a file system without fallocate just
** grows with each write. */
static void grow_ahead(jrn *j, size_t need) {
  if (j->no_prealloc || j->used + need <= j->allocated) return;
#ifdef __linux__
  size_t want = j->block;
  while (want < need) want *= 2;
  if (fallocate(j->fd, 0, (off_t)j->allocated, (off_t)want) == 0) {
    j->allocated += want;
    if (j->block < JRN_MAX_BLOCK) j->block *= 2;
    return;
  }
#endif
  j->no_prealloc = 1;   /* EOPNOTSUPP (tmpfs of old kernels, NFS, ...): plain appends */
}

int jrn_append(jrn *j, const char *rec, size_t len, char *err, size_t errlen) {
  grow_ahead(j, len + 1);
  struct iovec iov[2] = { { (void *)rec, len }, { "\n", 1 } };
  size_t total = len + 1, done = 0;
  while (done < total) {
    /* past a partial write, the iovecs are rebuilt from what is left */
    struct iovec v[2];
    int n = 0;
    size_t skip = done;
    for (int i = 0; i < 2; i++) {
      if (skip >= iov[i].iov_len) { skip -= iov[i].iov_len; continue; }
      v[n].iov_base = (char *)iov[i].iov_base + skip;
      v[n].iov_len = iov[i].iov_len - skip;
      skip = 0;
      n++;
    }
    ssize_t w = pwritev(j->fd, v, n, (off_t)(j->used + done));
    if (w < 0) {
      if (errno == EINTR) continue;
      snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
      return -1;
    }
    done += (size_t)w;
  }
  if (fdatasync(j->fd) != 0) {
    snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
    return -1;
  }
  j->used += total;
  return 0;
}

void jrn_close(jrn *j, int remove) {
  if (!j) return;
  if (remove) {
    unlink(j->path);
  } else if (j->allocated > j->used && ftruncate(j->fd, (off_t)j->used) == 0) {
    fdatasync(j->fd);   /* best effort: a reader stops at the NUL tail anyway */
  }
  close(j->fd);
  free(j->path);
  free(j);
}

int jrn_busy(const char *path) {
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return 0;
  int busy = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);   /* and with it the shared lock, at once: the writer's LOCK_EX waits no longer */
  return busy;
}

void jrn_split(const char *buf, size_t len, jrn_records *out) {
  memset(out, 0, sizeof *out);
  const char *nul = memchr(buf, '\0', len);
  if (nul) len = (size_t)(nul - buf);
  int cap = 0, line = 0;
  size_t at = 0;
  while (at < len) {
    line++;
    const char *nl = memchr(buf + at, '\n', len - at);
    if (!nl) {
      out->truncated = 1;
      out->truncated_len = len - at;
      out->truncated_line = line;
      break;
    }
    size_t n = (size_t)(nl - (buf + at));
    if (n > 0 && buf[at + n - 1] == '\r') n--;
    if (n > 0) {
      if (out->n == cap) {
        cap = cap ? cap * 2 : 64;
        out->v = xrealloc(out->v, (size_t)cap * sizeof *out->v);
      }
      out->v[out->n++] = (jrn_record){ buf + at, n, line };
    }
    at = (size_t)(nl - buf) + 1;
  }
}

void jrn_records_free(jrn_records *r) {
  free(r->v);
  memset(r, 0, sizeof *r);
}
