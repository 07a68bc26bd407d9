/*
** advice_say.c: the pieces of a Try line (advice_int.h).  A Try line is copied by a trainee, so
** its pieces are the trainer's own whole lines (a need's examples) rather than keywords
** ("what about wedding?"), a date goes only where a calendar fits, and a Chinese line keeps to
** full-width punctuation however its pieces were typed.
*/
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "advice_int.h"
#include "msg.h"
#include "util.h"

static int is_zh(const scenario *sc) { return sc->language && strncmp(sc->language, "zh", 2) == 0; }

/* 1 when s ends in a question mark (ASCII or full-width), spaces aside. */
static int ends_in_question(const char *s) {
  size_t n = strlen(s);
  while (n > 0 && s[n - 1] == ' ') n--;
  return (n >= 1 && s[n - 1] == '?') || (n >= 3 && strncmp(s + n - 3, "\xEF\xBC\x9F", 3) == 0);
}

/* 1 when the ASCII word w[0..n) occurs as a whole word in s. */
static int has_word(const char *s, const char *w, size_t n) {
  for (const char *p = s; (p = strstr(p, w)) != NULL; p++) {
    int before = p == s || !(isalpha((unsigned char)p[-1]) || p[-1] == '\'');
    int after = !(isalpha((unsigned char)p[n]) || p[n] == '\'');
    if (before && after) return 1;
  }
  return 0;
}

/* 1 when an English example's first word is an ordinary word (it can follow "is it fair to
** say" in lower case), 0 for a proper name ("Tom has ...", "Lucia's ...").  A word is ordinary
** when it is a form of "you" or is written in lower case somewhere in the scenario's needs. */
static int opens_with_common_word(const scenario *sc, const char *ex) {
  size_t n = 0;
  while (isalpha((unsigned char)ex[n]) || ex[n] == '\'') n++;
  if (n == 0 || n > 40) return 0;
  if (!isupper((unsigned char)ex[0])) return 1;
  if (n > 1 && isupper((unsigned char)ex[1])) return 1;   /* an acronym (SLA) reads as it is */
  char w[48];
  for (size_t k = 0; k < n; k++) w[k] = (char)tolower((unsigned char)ex[k]);
  w[n] = '\0';
  if (strcmp(w, "you") == 0 || strcmp(w, "your") == 0 || strcmp(w, "you're") == 0) return 1;
  for (int i = 0; i < sc->n_needs; i++) {
    const scn_need *nd = &sc->needs[i];
    if (nd->said && has_word(nd->said, w, n)) return 1;
    for (int e = 0; e < nd->examples.n; e++) if (nd->examples.v[e] && has_word(nd->examples.v[e], w, n)) return 1;
  }
  return 0;
}

/* ex without a leading "Grace, " / "陈总，" naming one of the customers (the line names its
** own), or ex itself. */
static const char *past_name(const scenario *sc, const char *ex) {
  const char *n = sc->cust_name ? sc->cust_name : "";
  for (const char *w = n; *w;) {
    size_t k = strcspn(w, " ,");
    if (k > 0 && strncmp(ex, w, k) == 0) {
      const char *p = ex + k;
      if (*p == ',') p++;
      else if (strncmp(p, "\xEF\xBC\x8C", 3) == 0) p += 3;
      else p = NULL;
      if (p) {
        while (*p == ' ') p++;
        if (*p) return p;
      }
    }
    w += k;
    while (*w == ' ' || *w == ',') w++;
  }
  return ex;
}

/* See advice_int.h. */
char *adv_need_example(const scenario *sc, int i, int k, int *question) {
  *question = 0;
  if (i < 0 || i >= sc->n_needs || k < 0) return NULL;
  const scn_strs *xs = &sc->needs[i].examples;
  int zh = is_zh(sc);
  /* the candidates in order: questions as written, then statements shortest first (the least
  ** the trainee could not have known); an insertion sort, stable, over the few examples */
  const char **cand = xmalloc(sizeof *cand * (size_t)(xs->n + 1));
  size_t *rank = xmalloc(sizeof *rank * (size_t)(xs->n + 1));
  int nc = 0;
  for (int e = 0; e < xs->n; e++) {
    if (!xs->v[e] || !*xs->v[e]) continue;
    const char *ex = past_name(sc, xs->v[e]);
    if (!zh && strncmp(ex, "So ", 3) == 0) ex += 3;   /* "So you heard ..." restates; the line asks */
    if (!zh && !opens_with_common_word(sc, ex)) continue;
    size_t r = ends_in_question(ex) ? 0 : 1 + strlen(ex);
    int at = nc;
    while (at > 0 && rank[at - 1] > r) { cand[at] = cand[at - 1]; rank[at] = rank[at - 1]; at--; }
    cand[at] = ex;
    rank[at] = r;
    nc++;
  }
  const char *best = k < nc ? cand[k] : NULL;
  *question = best && rank[k] == 0;
  free(cand);
  free(rank);
  if (!best) return NULL;
  /* the line's template gives the stop: a statement loses its own (. 。), a question keeps its ? */
  size_t n = strlen(best);
  while (n > 0 && (best[n - 1] == ' ' || (!*question && best[n - 1] == '.'))) n--;
  if (!*question && n >= 3 && strncmp(best + n - 3, "\xE3\x80\x82", 3) == 0) n -= 3;
  char *w = xasprintf("%.*s", (int)n, best);
  if (!zh && isupper((unsigned char)w[0]) && islower((unsigned char)w[1])) w[0] = (char)tolower((unsigned char)w[0]);
  return w;
}

/* See advice_int.h. */
char *adv_benefit_example(const scenario *sc, int b, int k) {
  if (b < 0 || b >= sc->n_benefits || k < 0) return NULL;
  const scn_strs *xs = &sc->benefits[b].examples;
  for (int e = 0, seen = 0; e < xs->n; e++) {
    if (!xs->v[e] || !*xs->v[e] || seen++ < k) continue;
    const char *ex = past_name(sc, xs->v[e]);
    size_t n = strlen(ex);
    for (;;) {   /* the template gives the stop */
      while (n > 0 && (ex[n - 1] == ' ' || ex[n - 1] == '.' || ex[n - 1] == '!')) n--;
      if (n >= 3 && (strncmp(ex + n - 3, "\xE3\x80\x82", 3) == 0 || strncmp(ex + n - 3, "\xEF\xBC\x81", 3) == 0)) {
        n -= 3;
        continue;
      }
      break;
    }
    if (n == 0) continue;
    return xasprintf("%.*s", (int)n, ex);
  }
  return NULL;
}

/* 1 when the word list words ("a|b|c") names something in text (lower-cased English). */
static int names_any(const char *text, const char *words) {
  if (!text || !words) return 0;
  char *low = xstrdup(text);
  for (char *p = low; *p; p++) *p = (char)tolower((unsigned char)*p);
  int found = 0;
  for (const char *w = words; *w && !found;) {
    size_t k = strcspn(w, "|");
    if (k > 0) {
      char *one = xasprintf("%.*s", (int)k, w);
      /* an English word whole ("call", not "recall"); a Chinese word anywhere */
      found = (unsigned char)one[0] < 0x80 ? has_word(low, one, k) : strstr(low, one) != NULL;
      free(one);
    }
    w += k;
    if (*w == '|') w++;
  }
  free(low);
  return found;
}

/* See advice_int.h. */
int adv_rung_is_meeting(const scenario *sc, int j, const char *lang) {
  assert(j >= 0 && j < sc->n_commitments);
  const scn_commitment *c = &sc->commitments[j];
  const char *words = msg_text(lang, "advice.meeting_words");
  if (names_any(c->action, words)) return 1;
  for (int k = 0; k < c->keywords.n; k++) if (names_any(c->keywords.v[k], words)) return 1;
  return c->examples.n > 0 && names_any(c->examples.v[0], words);
}

/* See advice_int.h. */
char *adv_zh_punct(char *s) {
  static const char ascii[] = ",?:;!";
  static const char *const wide[] = { "\xEF\xBC\x8C", "\xEF\xBC\x9F", "\xEF\xBC\x9A", "\xEF\xBC\x9B", "\xEF\xBC\x81" };
  if (!s) return s;
  size_t n = strlen(s), o = 0;
  char *out = xmalloc(n * 3 + 1);
  for (size_t i = 0; i < n; i++) {
    const char *a = s[i] ? strchr(ascii, s[i]) : NULL;
    int by_cjk = (i > 0 && (unsigned char)s[i - 1] >= 0x80) || (unsigned char)s[i + 1] >= 0x80;
    if (a && by_cjk) {
      memcpy(out + o, wide[a - ascii], 3);
      o += 3;
      while (s[i + 1] == ' ') i++;   /* "好吗? 时间" -> "好吗？时间" */
    } else out[o++] = s[i];
  }
  out[o] = '\0';
  free(s);
  return out;
}
