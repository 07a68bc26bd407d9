/*
** builtin.c: finds the compiled form of a shipped file (builtin.h).  The table itself is
** generated (build/gen/builtin_data.c) or empty (engine/gen/builtin_none.c).
*/
#include <string.h>

#include "builtin.h"

/* Eight bytes a step: the files are read at every start, and a byte-at-a-time hash cost more
** than the rest of the check.  Detects edits, not adversaries: a file that fools it is only
** read as the shipped one, which its author could have copied anyway. */
uint64_t bi_hash(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, w;
  for (; len >= 8; p += 8, len -= 8) {
    memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  w = 0;
  memcpy(&w, p, len);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
  return h ^ (h >> 33);
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

const bi_entry *bi_find_links(size_t len, uint64_t hash) {
  for (const bi_entry *e = bi_links; e->name; e++)
    if (e->src_len == len && e->src_hash == hash) return e;
  return NULL;
}
