/*
** suggest.c: the nearest-word helper behind every "did you mean" (suggest.h).  Words are compared
** code point by code point (utf8proc decodes them): a Chinese character is three bytes, so by
** bytes "李那" was three edits from "李娜" and beyond the limit of a two-character name.
*/
#include <assert.h>
#include <string.h>

#include <utf8proc.h>

#include "suggest.h"

#define SUG_MAX_LEN 64   /* longer words are not typos of a command or a name: no suggestion */

static int min3(int a, int b, int c) { return a < b ? (a < c ? a : c) : (b < c ? b : c); }

/* s's code points into out (at most SUG_MAX_LEN); returns how many s holds, counted on past
** the cap.  A byte that does not start valid UTF-8 counts as one unit of its own (-1 - byte,
** never a code point), so a broken name is still compared. */
static size_t decode(const char *s, int32_t out[SUG_MAX_LEN]) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
  size_t n = 0;
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t adv = utf8proc_iterate(p, left, &cp);
    if (adv <= 0) { cp = -1 - (int32_t)*p; adv = 1; }
    if (n < SUG_MAX_LEN) out[n] = cp;
    n++;
    p += adv;
    left -= adv;
  }
  return n;
}

int sug_distance(const char *a, const char *b) {
  assert(a && b);
  int32_t x[SUG_MAX_LEN], y[SUG_MAX_LEN];
  size_t n = decode(a, x), m = decode(b, y);
  if (n > SUG_MAX_LEN || m > SUG_MAX_LEN) return (int)(n > m ? n : m);
  /* three rows of the dynamic-programming table: the swap looks two rows back */
  int rows[3][SUG_MAX_LEN + 1];
  int *pp = rows[0], *prev = rows[1], *cur = rows[2];
  for (size_t j = 0; j <= m; j++) prev[j] = (int)j;
  for (size_t i = 1; i <= n; i++) {
    cur[0] = (int)i;
    for (size_t j = 1; j <= m; j++) {
      int cost = x[i - 1] != y[j - 1];
      cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && pp[j - 2] + 1 < cur[j])
        cur[j] = pp[j - 2] + 1;
    }
    int *t = pp; pp = prev; prev = cur; cur = t;
  }
  return prev[m];
}

const char *sug_nearest(const char *word, const char *const *cands, size_t n) {
  assert(word);
  int32_t cps[SUG_MAX_LEN];
  size_t len = decode(word, cps);
  int limit = len <= 4 ? 1 : 2, best = limit + 1;
  const char *pick = NULL;
  for (size_t i = 0; i < n; i++) {
    if (!cands[i] || strcmp(cands[i], word) == 0) continue;
    int d = sug_distance(word, cands[i]);
    if (d < best) { best = d; pick = cands[i]; }
  }
  return pick;
}
