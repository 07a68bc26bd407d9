/*
** builtin.c: finds the compiled form of a shipped file (builtin.h).  The table itself is
** generated (build/gen/builtin_data.c) or empty (engine/gen/builtin_none.c).
*/
#include <assert.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "builtin.h"

/* Thirty-two bytes a step, in four independent lanes the processor runs side by side: the
** shipped files (scenario, catalogues, lexicon, default.lua: some 220 KB) are hashed at every
** start, and one lane of eight bytes a step was 0.24 M instructions of it.  The lanes are four
** variables, not an array: GCC vectorised the array into SSE2, whose three 32-bit multiplies
** for each 64-bit one took a third more instructions than these scalar ones (the values are the
** same).  Detects edits, not adversaries: a file that fools it is only read as the shipped one,
** which its author could have copied anyway. */
#define LANE(h, at) (memcpy(&w, p + (at), 8), h = (h ^ w) * 0xFF51AFD7ED558CCDULL, h ^= h >> 32)
uint64_t bi_hash(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h0 = 0x9E3779B97F4A7C15ULL ^ len, h1 = 0xC2B2AE3D27D4EB4FULL, h2 = 0x165667B19E3779F9ULL,
           h3 = 0x27D4EB2F165667C5ULL, w;
  for (; len >= 32; p += 32, len -= 32) { LANE(h0, 0); LANE(h1, 8); LANE(h2, 16); LANE(h3, 24); }
  uint64_t r = h0 ^ (h1 * 0x9E3779B97F4A7C15ULL) ^ (h2 * 0xC2B2AE3D27D4EB4FULL) ^ (h3 * 0x165667B19E3779F9ULL);
  for (; len >= 8; p += 8, len -= 8) {
    memcpy(&w, p, 8);
    r = (r ^ w) * 0xFF51AFD7ED558CCDULL;
    r ^= r >> 32;
  }
  w = 0;
  memcpy(&w, p, len);
  r = (r ^ w) * 0xC4CEB9FE1A85EC53ULL;
  return r ^ (r >> 33);
}
#undef LANE

/* Does st show the file t was recorded from, not written since (builtin.h)? */
static int same_file(const bi_stamp *t, const struct stat *st) {
  return t->ctime_s != 0 && S_ISREG(st->st_mode)
      && (uint64_t)st->st_dev == t->dev && (uint64_t)st->st_ino == t->ino && (uint64_t)st->st_size == t->size
      && (int64_t)st->st_mtim.tv_sec == t->mtime_s && (int64_t)st->st_mtim.tv_nsec == t->mtime_ns
      && (int64_t)st->st_ctim.tv_sec == t->ctime_s && (int64_t)st->st_ctim.tv_nsec == t->ctime_ns;
}

int bi_unchanged(const bi_entry *e, const char *path) {
  struct stat st;
  return e && path && e->stamp.ctime_s != 0 && stat(path, &st) == 0 && same_file(&e->stamp, &st);
}

int bi_stamp_file(const char *path, size_t len, int min_age, bi_stamp *out) {
  struct stat st;
  struct timespec now;
  memset(out, 0, sizeof *out);
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size != len || st.st_ctim.tv_sec == 0
      || clock_gettime(CLOCK_REALTIME, &now) != 0
      || st.st_ctim.tv_sec > now.tv_sec - min_age || st.st_mtim.tv_sec > now.tv_sec - min_age)
    return 0;
  *out = (bi_stamp){ (uint64_t)st.st_dev, (uint64_t)st.st_ino, (uint64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
                     (int64_t)st.st_mtim.tv_nsec, (int64_t)st.st_ctim.tv_sec, (int64_t)st.st_ctim.tv_nsec };
  return 1;
}

const bi_entry *bi_yaml_unchanged(const char *path) {
  struct stat st;
  if (!path || stat(path, &st) != 0) return NULL;
  for (const bi_entry *e = bi_yaml; e->name; e++)
    if (same_file(&e->stamp, &st)) return e;
  return NULL;
}

const bi_entry *bi_find(const char *name, const void *src, size_t len) {
  const bi_entry *e = bi_named(name);
  /* the length first: most edits change it, and it costs nothing */
  if (e && e->src_len == len && e->src_hash == bi_hash(src, len)) return e;
  return NULL;
}

const bi_entry *bi_named(const char *name) {
  const bi_entry *const tables[] = { bi_entries, bi_messages };
  for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
    for (const bi_entry *e = tables[t]; e->name; e++)
      if (strcmp(e->name, name) == 0) return e;
  return NULL;
}

const bi_entry *bi_find_yaml(const void *src, size_t len) {
  uint64_t h = 0;
  int hashed = 0;
  for (const bi_entry *e = bi_yaml; e->name; e++) {
    if (e->src_len != len) continue;   /* the hash only when a length matches */
    if (!hashed) { h = bi_hash(src, len); hashed = 1; }
    if (e->src_hash == h) return e;
  }
  return NULL;
}

/* The entry of table made from the file of that length and bi_hash, or NULL. */
static const bi_entry *find_keyed(const bi_entry *table, size_t len, uint64_t hash) {
  for (const bi_entry *e = table; e->name; e++)
    if (e->src_len == len && e->src_hash == hash) return e;
  return NULL;
}

const bi_entry *bi_find_links(size_t len, uint64_t hash) { return find_keyed(bi_links, len, hash); }
const bi_entry *bi_find_words(size_t len, uint64_t hash) { return find_keyed(bi_words, len, hash); }
const bi_entry *bi_find_phrases(size_t len, uint64_t hash) { return find_keyed(bi_phrases, len, hash); }
const bi_entry *bi_find_scn_hash(size_t len, uint64_t hash) { return find_keyed(bi_scn_hash, len, hash); }

/* The entry of table named name made from exactly src[0..len), or NULL. */
static const bi_entry *find_named(const bi_entry *table, const char *name, const void *src, size_t len) {
  assert(name && (src || len == 0));
  for (const bi_entry *e = table; e->name; e++)
    if (e->src_len == len && strcmp(e->name, name) == 0 && e->src_hash == bi_hash(src, len)) return e;
  return NULL;
}

const bi_entry *bi_find_script(const char *name, const void *src, size_t len) {
  return find_named(bi_scripts, name, src, len);
}

const bi_entry *bi_find_conds(const char *name, const void *src, size_t len) {
  return find_named(bi_conds, name, src, len);
}

/* See builtin.h: by language, then key, as the generator sorted them (strcmp). */
const bi_line *bi_find_line(const char *lang, const char *key) {
  assert(lang && key);
  int lo = 0, hi = bi_n_lines;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(bi_line_strings + bi_lines[mid].lang, lang);
    if (c == 0) c = strcmp(bi_line_strings + bi_lines[mid].key, key);
    if (c == 0) return &bi_lines[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

const char *bi_line_get(const bi_line *b, const char **v, int max, int *n) {
  assert(b && v && n);
  *n = 0;
  if (b->text >= 0) return bi_line_strings + b->text;
  for (int i = 0; i < b->n && i < max; i++) v[(*n)++] = bi_line_strings + bi_line_at[b->first + i];
  return NULL;
}
