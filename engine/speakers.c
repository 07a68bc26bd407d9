/*
** speakers.c: who says which part of a line at a table of several people (speakers.h).
** The customer module uses spk_people for the names it answers to; the play screen and
** replay use spk_split to put each person's words on a line of their own.
*/
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "speakers.h"
#include "util.h"

/* Cuts name at the first separator between people; returns the length of the first part. */
static size_t part_len(const char *s, size_t *skip) {
  static const char *const seps[] = { " and ", " & ", "和", "与", "、", " / ", "/", ", ", "，" };
  size_t best = strlen(s);
  *skip = 0;
  for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
    const char *p = strstr(s, seps[k]);
    if (p && (size_t)(p - s) < best) { best = (size_t)(p - s); *skip = strlen(seps[k]); }
  }
  return best;
}

/* See speakers.h. */
int spk_people(const char *s, char *out[], int max) {
  assert(max >= 0);
  int n = 0;
  if (!s) return 0;
  while (*s && n < max) {
    size_t skip, len = part_len(s, &skip);
    const char *a = s, *e = s + len;
    while (a < e && *a == ' ') a++;
    while (e > a && e[-1] == ' ') e--;
    if (e > a) {
      /* "Grace Liu": a Latin name is called by its first word; a Chinese name as written */
      const char *w = a;
      if (isalpha((unsigned char)*a)) while (w < e && *w != ' ') w++;
      else w = e;
      out[n++] = xstrndup(a, (size_t)(w - a));
    }
    s += len + skip;
    if (!skip) break;
  }
  if (n < 2) {
    for (int i = 0; i < n; i++) free(out[i]);
    return 0;
  }
  return n;
}

/* Does a person's name, then ':' or '：', start at p?  Returns the name's index or -1. */
static int named_at(const char *p, char *const people[], int n) {
  for (int i = 0; i < n; i++) {
    size_t k = strlen(people[i]);
    if (strncasecmp(p, people[i], k) != 0) continue;
    if (p[k] == ':' || strncmp(p + k, "：", strlen("：")) == 0) return i;
  }
  return -1;
}

/* See speakers.h. */
int spk_speaker(const char *name, const char *text) {
  if (!text) return -1;
  char *people[SPK_MAX_PEOPLE];
  int np = spk_people(name, people, SPK_MAX_PEOPLE);
  int who = np > 0 ? named_at(text, people, np) : -1;
  for (int i = 0; i < np; i++) free(people[i]);
  return who;
}

/* See speakers.h. */
unsigned spk_addressed(char *const people[], int n, const char *text) {
  static const char *const all[] = { "both of you", "you both", "you two", "either of you",
                                     "each of you", "两位", "你们俩", "你们两位", "二位" };
  assert(n >= 0 && n <= SPK_MAX_PEOPLE);
  if (!text || n < 2) return 0;
  unsigned m = 0;
  for (int i = 0; i < n; i++)
    if (util_find_ci(text, people[i])) m |= 1u << i;
  for (size_t k = 0; k < sizeof all / sizeof *all; k++)
    if (util_find_ci(text, all[k])) m = (1u << n) - 1;
  return m;
}

/* May a new speaker start at p (not at the start)?  After a space, or after a Chinese stop,
** so "Grace:" inside a word ("AmazingGrace:") is no turn. */
static int turn_may_start(const char *text, const char *p) {
  static const char *const stops[] = { "。", "！", "？", "…", "”" };
  if (p[-1] == ' ') return 1;
  for (size_t k = 0; k < sizeof stops / sizeof *stops; k++) {
    size_t l = strlen(stops[k]);
    if ((size_t)(p - text) >= l && strncmp(p - l, stops[k], l) == 0) return 1;
  }
  return 0;
}

/* See speakers.h. */
int spk_split(const char *name, const char *text, size_t starts[], size_t lens[], int max) {
  assert(max >= 1);
  if (!text) return 0;
  char *people[SPK_MAX_PEOPLE];
  int np = spk_people(name, people, SPK_MAX_PEOPLE);
  int n = 1;
  starts[0] = 0;
  if (np > 0 && named_at(text, people, np) >= 0)
    for (const char *p = text + 1; *p && n < max; p++)
      if (turn_may_start(text, p) && named_at(p, people, np) >= 0) starts[n++] = (size_t)(p - text);
  for (int i = 0; i < n; i++) {
    size_t end = i + 1 < n ? starts[i + 1] : strlen(text);
    while (end > starts[i] && text[end - 1] == ' ') end--;
    lens[i] = end - starts[i];
  }
  for (int i = 0; i < np; i++) free(people[i]);
  return n;
}
