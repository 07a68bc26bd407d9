/*
** term_history.c: reads the trainee's history file into readline's history list (term.h,
** term_history_read), as read_history(3) does for the files salesim writes, at a tenth of its
** cost.  read_history adds each line with add_history, which formats a timestamp with snprintf
** for it (hist_inittime) that a history written without timestamps (history_write_timestamps
** is 0 here) never shows: 2,400 instructions a line, 0.66 M of a start with 271 lines of
** history and 2.4 M with the 1,000 the file is kept to (docs/performance.md).  Here each line
** is two mallocs (the entry and its text, which readline frees one by one) and the list is
** handed over with history_set_history_state.
*/
#include <assert.h>
#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>

#include "term.h"
#include "util.h"

#define HIST_FILE_MAX (64u << 20)   /* a history file is a few tens of KiB */

/* The file's bytes, NUL-terminated, in *len; NULL when it cannot be read, is not a regular
** file or is empty (read_history then adds nothing either), and NULL with *len = SIZE_MAX when
** it is too large to be a history salesim wrote. */
static char *read_all(const char *path, size_t *len) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return NULL;
  struct stat st;
  char *buf = NULL;
  int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (regular && (size_t)st.st_size >= HIST_FILE_MAX) *len = SIZE_MAX;
  else if (regular && st.st_size > 0) {
    size_t want = (size_t)st.st_size, got = 0;
    buf = xmalloc(want + 1);
    while (got < want) {
      ssize_t n = read(fd, buf + got, want - got);
      if (n <= 0) break;
      got += (size_t)n;
    }
    buf[got] = '\0';
    *len = got;
    if (got == 0) { free(buf); buf = NULL; }
  }
  close(fd);
  return buf;
}

/* The length of the text of the line from p to its '\n' at nl as read_history takes it: a '\r'
** before the '\n' dropped, up to its first NUL byte (0: an empty line, which it skips). */
static size_t line_text(const char *p, const char *nl) {
  const char *end = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
  return strnlen(p, (size_t)(end - p));
}

/* Reads path into the (empty) history list; see term.h. */
void term_history_read(const char *path) {
  size_t len = 0;
  char *buf = read_all(path, &len);
  if (!buf) {
    if (len == SIZE_MAX) read_history(path);
    return;
  }
  /* What only read_history knows: a list already begun, a limit other than a stifled one, and a
  ** file that starts with a timestamp ("#1733...": written by another program, or a first line
  ** the trainee began with '#' and a digit), whose "#digits" lines are times, not lines. */
  int max = history_is_stifled() ? history_max_entries : -1;
  if (history_length != 0 || max <= 0 || (buf[0] == '#' && isdigit((unsigned char)buf[1]))) {
    free(buf);
    read_history(path);
    return;
  }
  /* read_history's lines: each one ended by '\n' (a last line without one is not read), of
  ** more than max the last max (add_history drops the oldest and counts history_base up) */
  int n = 0;
  for (char *p = buf, *nl; (nl = memchr(p, '\n', len - (size_t)(p - buf))) != NULL; p = nl + 1)
    n += line_text(p, nl) > 0;
  int skip = n > max ? n - max : 0, size = max + 2, k = 0, i = 0;
  HIST_ENTRY **list = xmalloc((size_t)size * sizeof *list);   /* add_history's first size when stifled */
  for (char *p = buf, *nl; (nl = memchr(p, '\n', len - (size_t)(p - buf))) != NULL; p = nl + 1) {
    size_t n_text = line_text(p, nl);
    if (n_text == 0 || i++ < skip) continue;
    HIST_ENTRY *e = xmalloc(sizeof *e);
    e->line = xstrndup(p, n_text);
    e->timestamp = NULL;   /* add_history's is never written nor read here */
    e->data = NULL;
    list[k++] = e;
  }
  assert(k == n - skip && k < size);
  list[k] = NULL;
  HIST_ENTRY **old = history_list();   /* an array left by an earlier term_close, or NULL */
  HISTORY_STATE st = { list, where_history(), k, size, HS_STIFLED };
  history_set_history_state(&st);
  history_base += skip;
  free(old);
  free(buf);
}
