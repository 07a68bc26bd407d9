/*
** util.h: memory, growable strings, files and the data directory.
** Allocation failure is fatal (as in tmux's xmalloc): a sales game that ran out of memory has
** nothing useful left to do, and every caller is spared a NULL check.
*/
#ifndef SALESIM_UTIL_H
#define SALESIM_UTIL_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#define SALESIM_VERSION "0.1.0"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* The one growth step of a growing array: when n == *cap, doubles *cap (from `first` when the
** array is empty) and reallocates v for *cap elements of `size` bytes.  Returns v, moved or
** not; there is then room for element n.  Allocation failure is fatal. */
void *xgrow(void *v, int n, int *cap, size_t size, int first);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* The first place in hay where needle stands, compared case-folded (ASCII), or NULL (also for an
** empty needle). */
const char *util_find_ci(const char *hay, const char *needle);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string.  Zero-initialise, append, then either take
** ownership of .s (sb_take) or sb_free it. */
typedef struct strbuf { char *s; size_t len, cap; } strbuf;
void sb_append(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_putc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
char *sb_take(strbuf *b);     /* returns the string (never NULL), leaves b empty */
void sb_free(strbuf *b);
/* Appends s with HTML's five specials (& < > " ') as entities: the one HTML escaper, for text
** and attribute values.  s must already be clean text (txt_sanitize, deb_clean_text). */
void sb_html(strbuf *b, const char *s);

/* Memory for many small pieces freed together (the nodes of a YAML document, the texts of a
** lexicon): no header or free per piece.  Zero-initialise; arena_free releases everything. */
typedef struct arena { struct arena_block *head; } arena;
void *arena_alloc(arena *a, size_t n);            /* aligned for any type, not zeroed */
char *arena_strndup(arena *a, const char *s, size_t n);
void arena_free(arena *a);

/* Reads a whole file, refusing files larger than max bytes.  Returns a malloc'd,
** NUL-terminated buffer and its length, or NULL with a message in err (strerror or "too large"). */
char *util_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen);

/* Writes data to path atomically: a temp file made by mkstemp in the same directory (never a
** predictable name a planted link could catch), fsync, rename.  Creates missing parent
** directories.  Refuses (-1, message in err) to replace a directory, device, FIFO or socket,
** a gradebook (an SQLite database) or an input of this run (util_note_input); a link at path
** is replaced, never followed.  "-" and /dev/stdout write to standard output.  Returns 0, or
** -1 with a message in err. */
int util_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);

/* Remembers a file this run reads (util_read_file does it for its files) so that
** util_write_atomic never overwrites it. */
void util_note_input(const char *path);

/* mkdir -p; returns 0 or -1 (errno set). */
int util_mkdirs(const char *path, int mode);

/* FNV-1a 64-bit over bytes; util_hash_hex prints it as 16 hex digits into out[17] (scenario file
** hashes).  Inline: the link index, the typo corrector's words and the lexicon's label index hash
** a word at a time on a line's path. */
static inline uint64_t util_hash64(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < len; i++) { h ^= p[i]; h *= 1099511628211ULL; }
  return h;
}
void util_hash_hex(const void *data, size_t len, char out[17]);

/* 1 when the string s is exactly w[0..n) (w need not end there).  For scans of short name
** tables: s's length is never counted, and most names differ at their first byte. */
static inline int util_is_name(const char *s, const char *w, size_t n) {
  return (n == 0 || s[0] == w[0]) && strncmp(s, w, n) == 0 && s[n] == '\0';
}

/* Finds shipped data (lexicons, the default Lua behaviour, scenarios): $SALESIM_DATA, then
** the build tree beside the executable, then PREFIX/share/salesim relative to the executable.
** rel is e.g. "lexicons/en.yaml"; returns a malloc'd path that exists, or NULL. */
char *util_data_path(const char *rel);

/* XDG directories for per-user state (history) and data (transcripts, gradebook);
** malloc'd, created on demand by the caller. */
char *util_xdg_dir(const char *env, const char *fallback_under_home);

/* Current wall-clock time as ISO 8601 UTC ("2026-11-27T16:40:00Z") into out[32]. */
/* Seconds since 1970 as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void util_iso_time(long long t, char out[32]);
void util_now_iso(char out[32]);
double util_monotonic(void);  /* seconds, for benchmarks and the Lua wall-clock guard */

/* s as one shell word: as is when it is plain, else in single quotes (malloc'd): the commands
** the program prints for pasting ("salesim play ... --trainee 'Ben Okoro'"). */
char *util_shell_word(const char *s);

#endif
