/*
** suggest.c: the nearest-word helper behind every "did you mean" (suggest.h).
*/
#include <assert.h>
#include <string.h>

#include "suggest.h"

#define SUG_MAX_LEN 64   /* longer words are not typos of a command or a name: no suggestion */

static int min3(int a, int b, int c) { return a < b ? (a < c ? a : c) : (b < c ? b : c); }

int sug_distance(const char *a, const char *b) {
  assert(a && b);
  size_t n = strlen(a), m = strlen(b);
  if (n > SUG_MAX_LEN || m > SUG_MAX_LEN) return (int)(n > m ? n : m);
  /* three rows of the dynamic-programming table: the swap looks two rows back */
  int rows[3][SUG_MAX_LEN + 1];
  int *pp = rows[0], *prev = rows[1], *cur = rows[2];
  for (size_t j = 0; j <= m; j++) prev[j] = (int)j;
  for (size_t i = 1; i <= n; i++) {
    cur[0] = (int)i;
    for (size_t j = 1; j <= m; j++) {
      int cost = a[i - 1] != b[j - 1];
      cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < cur[j])
        cur[j] = pp[j - 2] + 1;
    }
    int *t = pp; pp = prev; prev = cur; cur = t;
  }
  return prev[m];
}

const char *sug_nearest(const char *word, const char *const *cands, size_t n) {
  assert(word);
  size_t len = strlen(word);
  int limit = len <= 4 ? 1 : 2, best = limit + 1;
  const char *pick = NULL;
  for (size_t i = 0; i < n; i++) {
    if (!cands[i] || strcmp(cands[i], word) == 0) continue;
    int d = sug_distance(word, cands[i]);
    if (d < best) { best = d; pick = cands[i]; }
  }
  return pick;
}
