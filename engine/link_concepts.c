/*
** link_concepts.c: concepts for linking by meaning (link_concepts.h).
**
** A table is its members (concept, text) and two open-addressing hash sets over them: English
** words of one member by base form and as typed (lcn_word), and the other members by their first
** unit, a word or a character, chained longest first (lcn_span_at).  The shipped table is read from
** lexicons/concepts.yaml once per process; a scenario with `lexicon: concepts:` gets its own copy.
*/
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "diag.h"
#include "link_concepts.h"
#include "text.h"
#include "util.h"
#include "ynode.h"

typedef struct lcn_member {
  int concept;
  char *text;      /* as written, normalised (lower case, single spaces); len bytes, NUL-terminated
                   ** unless the table borrows it from the compiled form */
  size_t len;
  char *base;      /* one English word: its base form; else NULL */
  size_t base_len;
  int next;        /* the next span member with the same first unit, or -1 */
} lcn_member;

struct lcn_table {
  char **terms; int nterms;     /* concept c's term: "~" + its name */
  lcn_member *m; int nm;
  /* words: slot -> member index + 1 (by base form or as typed); spans: slot -> first member */
  int *word_slot; size_t nword;
  int *span_slot; size_t nspan;
  int shared;                   /* the shipped table: never freed */
  int borrowed;                 /* the members' text and base point into the compiled form */
};

/* 1 when the member is one English word (ASCII letters, digits and apostrophes only). */
static int one_word(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'')) return 0;
  }
  return n > 0;
}

/* The length of s's first unit: its first word (ASCII), or its first UTF-8 character. */
static size_t first_unit(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  if (c < 0x80) {   /* a word runs over letters, digits, apostrophes and hyphens ("heads-up,") */
    size_t i = 0;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '\'' || s[i] == '-')) i++;
    return i ? i : 1;
  }
  size_t adv;
  txt_decode(s, n, &adv);
  return adv ? adv : 1;
}

static size_t slot_of(const int *slot, size_t cap, const char *s, size_t n,
                      int (*eq)(const lcn_table *, int, const char *, size_t), const lcn_table *t) {
  size_t i = (size_t)util_hash64(s, n) & (cap - 1);
  while (slot[i] && !eq(t, slot[i] - 1, s, n)) i = (i + 1) & (cap - 1);
  return i;
}

static int eq_word(const lcn_table *t, int k, const char *s, size_t n) {
  /* a word slot holds a member found by its base form or by its text: either matches */
  const lcn_member *m = &t->m[k];
  return (m->base_len == n && memcmp(m->base, s, n) == 0) || (m->len == n && memcmp(m->text, s, n) == 0);
}

static int eq_unit(const lcn_table *t, int k, const char *s, size_t n) {
  const lcn_member *m = &t->m[k];
  return first_unit(m->text, m->len) == n && memcmp(m->text, s, n) == 0;
}

static size_t pow2_over(int n) {
  size_t c = 16;
  while (c < (size_t)n * 4) c *= 2;
  return c;
}

/* Indexes the members of t, stemming the one-word members that have no base form yet (a table
** from the compiled form has them all). */
static void index_members(lcn_table *t) {
  wd_stemmer *st = NULL;
  t->nword = pow2_over(2 * t->nm);
  t->nspan = pow2_over(t->nm);
  t->word_slot = xcalloc(t->nword, sizeof *t->word_slot);
  t->span_slot = xcalloc(t->nspan, sizeof *t->span_slot);
  for (int k = 0; k < t->nm; k++) {
    lcn_member *m = &t->m[k];
    m->next = -1;
    if (one_word(m->text, m->len)) {
      if (!m->base) {
        char out[WD_MAX_WORD + 1];
        if (!st) st = wd_new();
        m->base_len = wd_stem(st, m->text, m->len, out, sizeof out);
        m->base = xstrndup(out, m->base_len);
      }
      /* the first member to claim a form keeps it: a word of two concepts is the first's */
      size_t i = slot_of(t->word_slot, t->nword, m->base, m->base_len, eq_word, t);
      if (!t->word_slot[i]) t->word_slot[i] = k + 1;
      i = slot_of(t->word_slot, t->nword, m->text, m->len, eq_word, t);
      if (!t->word_slot[i]) t->word_slot[i] = k + 1;
      continue;
    }
    size_t u = first_unit(m->text, m->len);
    size_t i = slot_of(t->span_slot, t->nspan, m->text, u, eq_unit, t);
    if (!t->span_slot[i]) { t->span_slot[i] = k + 1; continue; }
    /* chained longest first, so the first that matches is the longest */
    int *at = &t->span_slot[i], cur = *at - 1;
    if (m->len > t->m[cur].len) { m->next = cur; *at = k + 1; continue; }
    while (t->m[cur].next >= 0 && t->m[t->m[cur].next].len >= m->len) cur = t->m[cur].next;
    m->next = t->m[cur].next;
    t->m[cur].next = k;
  }
  wd_free(st);
}

/* The concept named name (adding it when add is set), or -1. */
static int concept_id(lcn_table *t, const char *name, int add) {
  for (int c = 0; c < t->nterms; c++) if (strcmp(t->terms[c] + 1, name) == 0) return c;
  if (!add) return -1;
  t->terms = xrealloc(t->terms, sizeof *t->terms * (size_t)(t->nterms + 1));
  t->terms[t->nterms] = xasprintf("~%s", name);
  return t->nterms++;
}

/* Adds a member (normalised) to concept c, unless its text is a member already. */
static void add_member(lcn_table *t, int c, const char *text) {
  size_t n;
  char *norm = txt_normalize(text, strlen(text), &n);
  while (n > 0 && norm[n - 1] == ' ') norm[--n] = 0;
  for (int k = 0; k < t->nm; k++)
    if (t->m[k].len == n && memcmp(t->m[k].text, norm, n) == 0) { free(norm); return; }
  if (n == 0) { free(norm); return; }
  t->m = xrealloc(t->m, sizeof *t->m * (size_t)(t->nm + 1));
  t->m[t->nm++] = (lcn_member){ c, norm, n, NULL, 0, -1 };
}

static void remove_member(lcn_table *t, int c, const char *text) {
  size_t n;
  char *norm = txt_normalize(text, strlen(text), &n);
  while (n > 0 && norm[n - 1] == ' ') norm[--n] = 0;
  for (int k = 0; k < t->nm; k++)
    if (t->m[k].concept == c && t->m[k].len == n && memcmp(t->m[k].text, norm, n) == 0) {
      assert(!t->borrowed);   /* a scenario's table owns its copies */
      free(t->m[k].text);
      free(t->m[k].base);
      memmove(&t->m[k], &t->m[k + 1], sizeof *t->m * (size_t)(t->nm - k - 1));
      t->nm--;
      break;
    }
  free(norm);
}

static void table_free(lcn_table *t) {
  for (int c = 0; c < t->nterms; c++) free(t->terms[c]);
  free(t->terms);
  for (int k = 0; k < t->nm && !t->borrowed; k++) { free(t->m[k].text); free(t->m[k].base); }
  free(t->m);
  free(t->word_slot);
  free(t->span_slot);
  free(t);
}

/* Reads the shipped file's members (buf[0..len)) into t; 0, or -1 when it is not a map of lists
** (then linking goes on without concepts). */
static int read_yaml(lcn_table *t, const char *path, const char *buf, size_t len) {
  diag d;
  diag_init(&d);
  yn_doc *doc = yn_parse_string(path, buf, len, &d);
  diag_free(&d);
  if (!doc) return -1;
  const yn_node *root = doc->root, *cs = NULL;
  for (int i = 0; root && root->kind == YN_MAP && i < root->n; i++)
    if (strcmp(root->keys[i]->str, "concepts") == 0) cs = root->vals[i];
  int ok = cs && cs->kind == YN_MAP;
  for (int i = 0; ok && i < cs->n; i++) {
    const yn_node *list = cs->vals[i];
    if (list->kind != YN_SEQ) continue;
    int c = concept_id(t, cs->keys[i]->str, 1);
    for (int j = 0; j < list->n; j++)
      if (list->vals[j]->kind == YN_SCALAR) add_member(t, c, list->vals[j]->str);
  }
  yn_free(doc);
  return ok ? 0 : -1;
}

/* The compiled form (lcn_blob): a line per member, "concept TAB text TAB base form", in the table's
** order, the text normalised and the base form made already (reading the YAML, normalising and
** stemming were 5 M instructions, more than a start). */
char *lcn_blob(const lcn_table *t, size_t *n) {
  if (!t) return NULL;
  size_t cap = 1, at = 0;
  for (int k = 0; k < t->nm; k++) cap += strlen(t->terms[t->m[k].concept]) + t->m[k].len + t->m[k].base_len + 3;
  char *b = xmalloc(cap);
  for (int k = 0; k < t->nm; k++) {
    const lcn_member *m = &t->m[k];
    at += (size_t)sprintf(b + at, "%s\t%.*s\t%.*s\n", t->terms[m->concept] + 1, (int)m->len, m->text,
                          (int)m->base_len, m->base ? m->base : "");
  }
  *n = at;
  return b;
}

/* The members of a compiled form into t, their text and base forms borrowed from it (static data:
** a malloc per string was most of a load); 0, or -1 for a form this build did not write. */
static int from_blob(lcn_table *t, const unsigned char *b, size_t n) {
  const char *p = (const char *)b, *end = p + n;
  int c = -1;
  t->borrowed = 1;
  while (p < end) {
    const char *tab1 = memchr(p, '\t', (size_t)(end - p)), *tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(end - tab1 - 1)) : NULL;
    const char *nl = tab2 ? memchr(tab2, '\n', (size_t)(end - tab2)) : NULL;
    if (!nl) return -1;
    if (c < 0 || strlen(t->terms[c] + 1) != (size_t)(tab1 - p) || memcmp(t->terms[c] + 1, p, (size_t)(tab1 - p)) != 0) {
      char *name = xstrndup(p, (size_t)(tab1 - p));
      c = concept_id(t, name, 1);
      free(name);
    }
    if (t->nm % 64 == 0) t->m = xrealloc(t->m, sizeof *t->m * (size_t)(t->nm + 64));
    lcn_member *m = &t->m[t->nm++];
    m->concept = c;
    m->len = (size_t)(tab2 - tab1 - 1);
    m->text = (char *)(tab1 + 1);
    m->base_len = (size_t)(nl - tab2 - 1);
    m->base = m->base_len ? (char *)(tab2 + 1) : NULL;
    m->next = -1;
    p = nl + 1;
  }
  return 0;
}

static lcn_table *shipped;
static pthread_once_t shipped_once = PTHREAD_ONCE_INIT;

/* The shipped table: from the build's compiled form when the file is the one it was made from
** (by its stat, else by its bytes), else from the YAML. */
static void load_shipped(void) {
  char *path = util_data_path("lexicons/concepts.yaml");
  if (!path) return;
  const bi_entry *e = bi_concepts[0].name ? &bi_concepts[0] : NULL;
  lcn_table *t = xcalloc(1, sizeof *t);
  int rc = -1;
  if (e && bi_unchanged(e, path)) {
    rc = from_blob(t, e->bytes, e->n_bytes);
  } else {
    diag d;
    diag_init(&d);
    size_t len;
    char *buf = yn_read_file(path, &len, &d);
    diag_free(&d);
    if (buf && e && e->src_len == len && e->src_hash == bi_hash(buf, len)) rc = from_blob(t, e->bytes, e->n_bytes);
    else if (buf) rc = read_yaml(t, path, buf, len);
    free(buf);
  }
  free(path);
  if (rc != 0 || t->nm == 0) { table_free(t); return; }
  index_members(t);
  t->shared = 1;
  shipped = t;
}

const lcn_table *lcn_for(const scenario *sc) {
  pthread_once(&shipped_once, load_shipped);
  if (!sc || sc->n_concepts == 0) return shipped;
  lcn_table *t = xcalloc(1, sizeof *t);
  for (int c = 0; shipped && c < shipped->nterms; c++) concept_id(t, shipped->terms[c] + 1, 1);   /* same ids */
  if (shipped) t->m = xmalloc(sizeof *t->m * (size_t)(shipped->nm + 1));
  for (int k = 0; shipped && k < shipped->nm; k++) {   /* normalised and stemmed already */
    const lcn_member *m = &shipped->m[k];
    t->m[t->nm++] = (lcn_member){ m->concept, xstrndup(m->text, m->len), m->len,
                                  m->base ? xstrndup(m->base, m->base_len) : NULL, m->base_len, -1 };
  }
  for (int pass = 0; pass < 2; pass++)   /* additions, then switch-offs */
    for (int i = 0; i < sc->n_concepts; i++) {
      const scn_lex_entry *e = &sc->concepts[i];
      if (e->off != pass) continue;
      int c = concept_id(t, e->name, !pass);
      for (int j = 0; c >= 0 && j < e->phrases.n; j++) {
        if (pass) remove_member(t, c, e->phrases.v[j]);
        else add_member(t, c, e->phrases.v[j]);
      }
    }
  index_members(t);
  return t;
}

void lcn_release(const lcn_table *t) {
  if (t && !t->shared) table_free((lcn_table *)t);
}

int lcn_word(const lcn_table *t, const char *w, size_t n) {
  if (!t || n == 0) return -1;
  size_t i = slot_of(t->word_slot, t->nword, w, n, eq_word, t);
  return t->word_slot[i] ? t->m[t->word_slot[i] - 1].concept : -1;
}

size_t lcn_span_at(const lcn_table *t, const char *s, size_t len, size_t i, int *concept) {
  if (!t || i >= len) return 0;
  size_t u = first_unit(s + i, len - i);
  size_t at = slot_of(t->span_slot, t->nspan, s + i, u, eq_unit, t);
  for (int k = t->span_slot[at] - 1; k >= 0; k = t->m[k].next) {
    const lcn_member *m = &t->m[k];
    if (m->len > len - i || memcmp(m->text, s + i, m->len) != 0) continue;
    unsigned char last = (unsigned char)m->text[m->len - 1], after = i + m->len < len ? (unsigned char)s[i + m->len] : ' ';
    /* a member that ends in a letter must end where a word does ("sign off" not in "sign offer") */
    if (last < 0x80 && ((after >= 'a' && after <= 'z') || (after >= '0' && after <= '9'))) continue;
    *concept = m->concept;
    return m->len;
  }
  return 0;
}

const char *lcn_term(const lcn_table *t, int c, size_t *n) {
  assert(t && c >= 0 && c < t->nterms);
  *n = strlen(t->terms[c]);
  return t->terms[c];
}

int lcn_members(const lcn_table *t, const char *term, size_t n,
                void (*fn)(void *ctx, const char *m, size_t mn), void *ctx) {
  if (!t) return 0;
  int c = -1, count = 0;
  for (int k = 0; k < t->nterms && c < 0; k++)
    if (strlen(t->terms[k]) == n && memcmp(t->terms[k], term, n) == 0) c = k;
  for (int k = 0; c >= 0 && k < t->nm; k++) {
    const lcn_member *m = &t->m[k];
    if (m->concept != c) continue;
    if (m->base) fn(ctx, m->base, m->base_len);
    else fn(ctx, m->text, m->len);
    count++;
  }
  return count;
}
