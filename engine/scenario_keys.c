/*
** scenario_keys.c: the keys a scenario file may hold, and the typed reads every section uses.
** One table says which keys each mapping accepts and which are required; the loader checks
** files against it, docs/scenario.schema.json mirrors it (a unit test keeps the two in step).
** Messages are written for a trainer: "difficulty: expected a whole number from 1 to 5, found 7",
** in the catalogues' words (the `check.*` keys, docs/i18n.md).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "msg.h"
#include "msg_cli.h"
#include "scenario_int.h"
#include "text.h"
#include "util.h"

/* {=== the key table */

static const scn_key_info key_table[] = {
  { "", "id", 1 }, { "", "title", 1 }, { "", "language", 1 }, { "", "difficulty", 1 },
  { "", "minutes", 0 }, { "", "brief", 1 }, { "", "goal", 0 }, { "", "customer", 1 },
  { "", "state", 0 }, { "", "needs", 0 }, { "", "benefits", 0 }, { "", "commitments", 1 },
  { "", "objections", 0 }, { "", "lines", 0 }, { "", "reactions", 0 }, { "", "behaviour", 0 },
  { "", "visits", 0 }, { "", "hints", 0 }, { "", "scoring", 0 }, { "", "lexicon", 0 }, { "", "unrelated", 0 },
  { "", "tests", 0 }, { "", "visit_kind", 0 },
  { "hints[]", "text", 1 }, { "hints[]", "when", 0 },
  { "customer", "name", 1 }, { "customer", "role", 0 }, { "customer", "company", 0 },
  { "customer", "persona", 0 },
  { "needs[]", "id", 1 }, { "needs[]", "said", 1 }, { "needs[]", "keywords", 1 },
  { "needs[]", "hidden", 0 }, { "needs[]", "examples", 0 }, { "needs[]", "revealed_by", 0 }, { "needs[]", "more", 0 },
  { "benefits[]", "id", 1 }, { "benefits[]", "answers", 1 }, { "benefits[]", "keywords", 1 }, { "benefits[]", "examples", 0 },
  { "commitments[]", "id", 1 }, { "commitments[]", "level", 1 }, { "commitments[]", "kind", 0 },
  { "commitments[]", "action", 1 }, { "commitments[]", "keywords", 1 }, { "commitments[]", "examples", 0 },
  { "commitments[]", "realistic_when", 0 }, { "commitments[]", "accept", 0 }, { "commitments[]", "done", 0 },
  { "commitments[]", "refuse", 0 }, { "commitments[]", "objection", 0 },
  { "objections[]", "id", 1 }, { "objections[]", "said", 1 }, { "objections[]", "keywords", 0 }, { "objections[]", "examples", 0 },
  { "reactions[]", "when", 1 }, { "reactions[]", "change", 0 }, { "reactions[]", "set", 0 },
  { "reactions[]", "say", 0 }, { "reactions[]", "reveal", 0 }, { "reactions[]", "give", 0 },
  { "reactions[]", "refuse", 0 }, { "reactions[]", "objection", 0 }, { "reactions[]", "ease", 0 },
  { "reactions[]", "end", 0 },
  { "reactions[]", "once", 0 }, { "reactions[]", "stop", 0 },
  { "visits[]", "id", 1 }, { "visits[]", "title", 1 }, { "visits[]", "brief", 1 },
  { "visits[]", "goal", 0 }, { "visits[]", "state", 0 }, { "visits[]", "commitments", 0 },
  { "visits[]", "visit_kind", 0 },
  { "scoring", "weights", 0 }, { "scoring", "pass", 0 }, { "scoring", "rules", 0 },
  { "scoring", "tiers", 0 },
  { "scoring.tiers[]", "id", 1 }, { "scoring.tiers[]", "min", 1 }, { "scoring.tiers[]", "name", 1 },
  { "scoring.weights", "commitment", 0 }, { "scoring.weights", "benefits", 0 },
  { "scoring.weights", "tactics", 0 }, { "scoring.weights", "discovery", 0 },
  { "tests[]", "name", 1 }, { "tests[]", "seed", 0 }, { "tests[]", "lines", 1 },
  { "tests[]", "expect", 1 },
  { "tests[].expect", "outcome", 0 }, { "tests[].expect", "score", 0 },
  { "tests[].expect", "skills", 0 }, { "tests[].expect", "findings", 0 },
  { "tests[].expect", "no_findings", 0 }, { "tests[].expect", "says", 0 },
  { "tests[].expect", "not_says", 0 },
  { "tests[].expect.skills", "commitment", 0 }, { "tests[].expect.skills", "benefits", 0 },
  { "tests[].expect.skills", "tactics", 0 }, { "tests[].expect.skills", "discovery", 0 },
};

/* The key table, for the schema test and tools. */
const scn_key_info *scn_keys(int *n) {
  *n = (int)(sizeof key_table / sizeof *key_table);
  return key_table;
}

const char *const scn_outcome_names[] = { "order", "advance", "continuation", "no_sale", NULL };
const char *const scn_visit_kind_names[] = { "first_visit", "follow_up", "payment", "referral", NULL };

/* Taken from the classifier's own list, so a new move is known here at the next build. */
const char *const sx_move_names[] = {
#define X(c, s) s,
  CLS_MOVES(X)
#undef X
};
const int sx_n_move_names = (int)(sizeof sx_move_names / sizeof *sx_move_names);
/* }=== */

/* {=== messages */

/* Adds the formatted message at line:col and counts it (sx_err and sx_err_pos). */
static void add(sx_ctx *c, int line, int col, const char *key, va_list ap) {
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  diag_add(c->d, DIAG_ERROR, c->file, line, col, "%s", m);
  free(m);
  c->errors++;
}

void sx_err(sx_ctx *c, const yn_node *at, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  add(c, at ? at->line : 1, at ? at->col : 1, key, ap);
  va_end(ap);
}

void sx_err_pos(sx_ctx *c, int line, int col, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  add(c, line, col, key, ap);
  va_end(ap);
}

const char *sx_word(const char *key) { return msg_text(MSG_CLI_LANG, key); }

const char *sx_kind(const char *kind, int plural) {
  char key[64];
  snprintf(key, sizeof key, "check.%s.%s", plural ? "kinds" : "kind", kind);
  return msg_has(MSG_CLI_LANG, key) ? sx_word(key) : kind;   /* msg_text would hand back key */
}

void sx_dup_id(sx_ctx *c, const yn_node *at, const char *kind, const char *id, int first_line) {
  char line[SX_NUM];
  sx_err(c, at, "check.duplicate_id", "kind", sx_kind(kind, 0), "id", id, "line", sx_d(line, first_line), NULL);
}

const char *sx_d(char *buf, long v) { snprintf(buf, SX_NUM, "%ld", v); return buf; }
const char *sx_g(char *buf, double v) { snprintf(buf, SX_NUM, "%g", v); return buf; }

/* Optimal-string-alignment distance (edits and swaps of neighbours), bytes; capped lengths. */
static int edit_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > 64 || m > 64) return 99;
  int d[65][65];
  for (size_t i = 0; i <= n; i++) d[i][0] = (int)i;
  for (size_t j = 0; j <= m; j++) d[0][j] = (int)j;
  for (size_t i = 1; i <= n; i++)
    for (size_t j = 1; j <= m; j++) {
      int cost = a[i - 1] != b[j - 1];
      int v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  return d[n][m];
}

/* The nearest candidate within a distance that grows with the word's length. */
const char *sx_suggest(const char *word, const char *const *cands, int n) {
  size_t len = strlen(word);
  int limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
  const char *best = NULL;
  int bestd = limit + 1;
  for (int i = 0; i < n; i++) {
    if (!cands[i] || !*cands[i]) continue;   /* ids that failed their own check */
    int dist = edit_distance(word, cands[i]);
    if (dist < bestd) { bestd = dist; best = cands[i]; }
  }
  return best;
}

/* Where a key that is unknown in section does belong: "under customer:", "in each item of
** needs: or objections:"; NULL when it belongs nowhere (or everywhere). */
static char *home_of(const char *key, const char *section) {
  const char *homes[3];
  int n = 0;
  for (size_t i = 0; i < sizeof key_table / sizeof *key_table; i++) {
    const scn_key_info *k = &key_table[i];
    if (strcmp(k->key, key) != 0 || strcmp(k->section, section) == 0) continue;
    if (n < 3) homes[n] = k->section;
    n++;
  }
  if (n == 0 || n > 2) return NULL;
  strbuf b = {0};
  for (int i = 0; i < n; i++) {
    const char *h = homes[i];
    size_t len = strlen(h);
    int item = len > 2 && strcmp(h + len - 2, "[]") == 0;
    if (i) sb_puts(&b, sx_word("check.word.or"));
    char *sec = xstrndup(h, item ? len - 2 : len);
    char *m = msg_get(MSG_CLI_LANG, !*h ? "check.key.home_top" : item ? "check.key.home_item" : "check.key.home_under",
                      "section", sec, NULL);
    sb_puts(&b, m);
    free(m);
    free(sec);
  }
  return sb_take(&b);
}

/* Unknown keys (with where they belong or a did-you-mean), then missing required keys. */
void sx_check_keys(sx_ctx *c, const yn_node *map, const char *section) {
  /* the keys of the last section asked for: a list's items ask for the same one in turn */
  static char last[64];
  static const char *cands[32];
  static int required[32], nc = -1;
  if (nc < 0 || strcmp(last, section) != 0) {
    nc = 0;
    for (size_t i = 0; i < sizeof key_table / sizeof *key_table && nc < 32; i++)
      if (key_table[i].section[0] == section[0] && strcmp(key_table[i].section, section) == 0) {
        required[nc] = key_table[i].required;
        cands[nc++] = key_table[i].key;
      }
    snprintf(last, sizeof last, "%s", section);
    if (strlen(section) >= sizeof last) last[0] = '\1';   /* too long to keep: never matches */
  }
  for (int i = 0; i < map->n; i++) {
    const char *k = map->keys[i]->str;
    int known = 0;
    for (int j = 0; j < nc && !known; j++) known = cands[j][0] == k[0] && strcmp(cands[j], k) == 0;
    if (known) continue;
    char *home = home_of(k, section);
    const char *hint = home ? NULL : sx_suggest(k, cands, nc);
    if (home) {
      sx_err(c, map->keys[i], "check.key.misplaced", "key", k, "home", home, NULL);
    } else if (hint) {
      sx_err(c, map->keys[i], "check.key.did_you_mean", "key", k, "hint", hint, NULL);
    } else if (nc <= 11) {
      strbuf b = {0};   /* a list the language joins (MSG_LIST_SEP) */
      for (int j = 0; j < nc; j++) { if (j) sb_putc(&b, MSG_LIST_SEP); sb_puts(&b, cands[j]); }
      sx_err(c, map->keys[i], "check.key.allowed", "key", k, "allowed", b.s ? b.s : "", NULL);
      sb_free(&b);
    } else {
      sx_err(c, map->keys[i], "check.key.unknown", "key", k, NULL);
    }
    free(home);
  }
  for (int j = 0; j < nc; j++)
    if (required[j] && !yn_get(map, cands[j])) sx_err(c, map, "check.key.missing", "key", cands[j], NULL);
}
/* }=== */

/* {=== typed reads */

/* How a found node reads in a message: 'text' (shortened), a list, a mapping, nothing. */
static char *found(const yn_node *n) {
  if (n->kind == YN_MAP) return xstrdup(sx_word("check.found.mapping"));
  if (n->kind == YN_SEQ) return xstrdup(sx_word("check.found.list"));
  if (yn_is_null(n)) return xstrdup(sx_word("check.found.nothing"));
  size_t len = n->len;
  if (len > 40) {   /* cut at a character boundary */
    len = 40;
    while (len > 0 && ((unsigned char)n->str[len] & 0xC0) == 0x80) len--;
    char *cut = xstrndup(n->str, len);
    char *m = msg_get(MSG_CLI_LANG, "check.found.cut", "text", cut, NULL);
    free(cut);
    return m;
  }
  return msg_get(MSG_CLI_LANG, "check.found.quoted", "text", n->str, NULL);
}

/* The catalogue's word for a kind of node ("a mapping", "a list", "text"). */
static const char *kind_word(yn_kind kind) {
  return sx_word(kind == YN_MAP ? "check.found.mapping" : kind == YN_SEQ ? "check.found.list" : "check.type.text");
}

/* Reports "WHAT: expected EXPECTED, found FOUND". */
static void type_err(sx_ctx *c, const yn_node *n, const char *what, const char *expected) {
  char *f = found(n);
  sx_err(c, n, "check.type.expected", "what", what, "expected", expected, "found", f, NULL);
  free(f);
}

/* Checks a node is a mapping, list or text. */
int sx_expect(sx_ctx *c, const yn_node *n, yn_kind kind, const char *what) {
  if (!n) return 1;
  if (n->kind == kind) return 0;
  if (n->kind == YN_SCALAR) {
    /* a scalar's found text is quoted; say "text" for the type question */
    sx_err(c, n, "check.type.expected", "what", what, "expected", kind_word(kind),
           "found", sx_word(yn_is_null(n) ? "check.found.nothing" : "check.type.text"), NULL);
    return -1;
  }
  sx_err(c, n, "check.type.expected", "what", what, "expected", kind_word(kind),
         "found", kind_word(n->kind), NULL);
  return -1;
}

/* 1 when a scalar holds only spaces, tabs and line breaks (or nothing). */
static int blank(const yn_node *n) {
  for (size_t i = 0; i < n->len; i++)
    if (!strchr(" \t\r\n", n->str[i])) return 0;
  return 1;
}

int sx_is_text(const yn_node *n) { return n && n->kind == YN_SCALAR && !yn_is_null(n) && !blank(n); }

/* Non-empty text (a plain number or boolean is read as its text). */
int sx_text(sx_ctx *c, const yn_node *n, const char *what, char **out) {
  if (!n) return 1;
  if (n->kind != YN_SCALAR || yn_is_null(n)) { type_err(c, n, what, sx_word("check.type.text")); return -1; }
  if (blank(n)) { sx_err(c, n, "check.text.empty", "what", what, NULL); return -1; }
  free(*out);
  *out = xstrdup(n->str);
  return 0;
}

int sx_prose(sx_ctx *c, const yn_node *n, const char *what, char **out) {
  int rc = sx_text(c, n, what, out);
  if (rc == 0 && n->literal) {
    char *joined = txt_join_lines(*out);
    free(*out);
    *out = joined;
  }
  return rc;
}

/* A whole number in a range. */
int sx_int(sx_ctx *c, const yn_node *n, const char *what, long lo, long hi, long *out) {
  if (!n) return 1;
  long v;
  if (yn_to_int(n, &v) != 0 || v < lo || v > hi) {
    char a[SX_NUM], b[SX_NUM];
    char *exp = hi == 0x7fffffffL ? msg_get(MSG_CLI_LANG, "check.type.int_min", "min", sx_d(a, lo), NULL)
                                  : msg_get(MSG_CLI_LANG, "check.type.int_range", "min", sx_d(a, lo),
                                            "max", sx_d(b, hi), NULL);
    if (n->kind == YN_SCALAR && yn_to_int(n, &v) == 0)
      sx_err(c, n, "check.type.expected", "what", what, "expected", exp, "found", sx_d(a, v), NULL);
    else
      type_err(c, n, what, exp);
    free(exp);
    return -1;
  }
  *out = v;
  return 0;
}

/* A number in a range (no range shown when it is effectively unbounded). */
int sx_num(sx_ctx *c, const yn_node *n, const char *what, double lo, double hi, double *out) {
  if (!n) return 1;
  double v;
  if (yn_to_double(n, &v) != 0 || v < lo || v > hi) {
    char a[SX_NUM], b[SX_NUM];
    char *exp = (lo <= -1e9 && hi >= 1e9) ? xstrdup(sx_word("check.type.number"))
                                          : msg_get(MSG_CLI_LANG, "check.type.number_range", "min", sx_g(a, lo),
                                                    "max", sx_g(b, hi), NULL);
    if (n->kind == YN_SCALAR && yn_to_double(n, &v) == 0)
      sx_err(c, n, "check.type.expected", "what", what, "expected", exp, "found", sx_g(a, v), NULL);
    else
      type_err(c, n, what, exp);
    free(exp);
    return -1;
  }
  *out = v;
  return 0;
}

/* true or false. */
int sx_bool(sx_ctx *c, const yn_node *n, const char *what, int *out) {
  if (!n) return 1;
  int v;
  if (yn_to_bool(n, &v) != 0) { type_err(c, n, what, sx_word("check.type.bool")); return -1; }
  *out = v;
  return 0;
}

/* Frees a list of strings (a pooled list's are its scenario's: only its array) and leaves it
** empty. */
void sx_strs_free(scn_strs *v) {
  if (!v->pooled) for (int i = 0; i < v->n; i++) free(v->v[i]);
  free(v->v);
  v->v = NULL;
  v->n = 0;
  v->pooled = 0;
}

/* A list item's copy: in the scenario's arena while one is read (the list is pooled then). */
static char *item_dup(sx_ctx *c, const char *s) {
  return c->s ? arena_strndup(&c->s->strings, s, strlen(s)) : xstrdup(s);
}

/* A list of non-empty texts, each bad item reported at its own position. */
int sx_strs(sx_ctx *c, const yn_node *n, const char *what, int one_ok, int empty_ok, scn_strs *out) {
  if (!n) return 1;
  sx_strs_free(out);
  if (one_ok && n->kind == YN_SCALAR && !yn_is_null(n)) {
    if (blank(n)) { sx_err(c, n, "check.text.empty", "what", what, NULL); return -1; }
    out->v = xmalloc(sizeof *out->v);
    out->v[0] = item_dup(c, n->str);
    out->n = 1;
    out->pooled = c->s != NULL;
    return 0;
  }
  if (n->kind != YN_SEQ) {
    type_err(c, n, what, sx_word(one_ok ? "check.type.text_or_list" : "check.type.list_of_text"));
    return -1;
  }
  if (n->n == 0 && !empty_ok) {
    sx_err(c, n, "check.list.empty", "what", what, NULL);
    return -1;
  }
  int bad = 0;
  out->v = xcalloc((size_t)(n->n ? n->n : 1), sizeof *out->v);
  out->pooled = c->s != NULL;
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    int wrong = it->kind != YN_SCALAR || yn_is_null(it);
    if (wrong || blank(it)) {   /* "keywords item 2: ..." */
      char num[SX_NUM];
      char *w = msg_get(MSG_CLI_LANG, "check.item", "what", what, "n", sx_d(num, i + 1), NULL);
      if (wrong) type_err(c, it, w, sx_word("check.type.text"));
      else sx_err(c, it, "check.text.empty", "what", w, NULL);
      free(w);
      bad = 1;
      continue;
    }
    out->v[out->n++] = item_dup(c, it->str);
  }
  return bad ? -1 : 0;
}

/* Ids and keys: lower-case ASCII letters, digits and the extra characters. */
int sx_is_ident(const char *s, const char *extra) {
  if (!s || !*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(extra, *s))) return 0;
  return 1;
}
/* }=== */
