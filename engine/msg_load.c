/*
** msg_load.c: compiles a message catalogue's YAML (msg.h) into the blob the program reads, and
** checks it: its shape, each text's placeholders, its plural forms and, against the reference
** catalogue, missing and unknown keys and unknown placeholders.  Every problem is reported with
** the file, line and column of the node it is about, as `salesim check` shows scenario errors.
**
** The blob (also what build/gen/msg_data.c embeds):
**   "MSG2\0" LANG "\0" PLURAL "\0" { KEY "\0" TEXT "\0" ... }   the strings, then
**   zero bytes to a multiple of 4, then per key (sorted by strcmp) 1 + MSG_NCAT 32-bit offsets
**   into the blob: the key and its text per plural category (0: none), and last the offset of
**   that table and the key count.  msg.c searches the table in place: opening a catalogue reads
**   nothing (it walked a thousand keys at every start).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "msg_int.h"
#include "util.h"
#include "ynode.h"

#define MAX_MISSING_SHOWN 5

const char *const msg_categories[MSG_NCAT] = { "other", "one", "zero", "two", "few", "many" };

int msg_category_index(const char *name) {
  for (int i = 0; i < MSG_NCAT; i++)
    if (strcmp(msg_categories[i], name) == 0) return i;
  return -1;
}

/* The plural rules a catalogue may name, and the categories each needs. */
static const struct { const char *name; unsigned need; } rules[] = {
  { "none", 1u << MSG_OTHER },                          /* Chinese, Japanese, ... */
  { "one_other", (1u << MSG_OTHER) | (1u << MSG_ONE) }, /* English, German, ... */
};

int msg_rule_known(const char *name) {
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (strcmp(rules[i].name, name) == 0) return 1;
  return 0;
}

static unsigned rule_needs(const char *name) {
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (strcmp(rules[i].name, name) == 0) return rules[i].need;
  return 1u << MSG_OTHER;
}

int msg_rule_category(const char *rule, long n) {
  if (rule && strcmp(rule, "one_other") == 0) return n == 1 ? MSG_ONE : MSG_OTHER;
  return MSG_OTHER;
}

/* Calls fn(name, len, ctx) for each {placeholder} of text; returns NULL when the text is well
** formed, else why not (a static string). */
const char *msg_scan(const char *text, void (*fn)(const char *, size_t, void *), void *ctx) {
  for (const char *p = text; *p; p++) {
    if (p[0] == '{' && p[1] == '{') { p++; continue; }
    if (p[0] == '}' && p[1] == '}') { p++; continue; }
    if (*p == '}') return "a lone '}' (write '}}' for a brace)";
    if (*p != '{') continue;
    const char *q = p + 1;
    while ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_') q++;
    if (*q != '}' || q == p + 1)
      return *q ? "a placeholder is {name}, with a-z, 0-9 and _ (write '{{' for a brace)"
                : "a '{' is not closed (write '{{' for a brace)";
    if (fn) fn(p + 1, (size_t)(q - p - 1), ctx);
    p = q;
  }
  return NULL;
}

typedef struct entry {
  const yn_node *key;
  const yn_node *forms[MSG_NCAT];   /* scalar nodes, by category */
} entry;

static int by_key(const void *a, const void *b) {
  return strcmp(((const entry *)a)->key->str, ((const entry *)b)->key->str);
}

static int valid_key(const char *k) {
  if (!*k) return 0;
  for (const char *p = k; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' || *p == '-'))
      return 0;
  return 1;
}

/* Placeholder check against the reference: ctx for the scan callback. */
typedef struct ph_ctx {
  const msg_cat *ref;
  const char *key, *shown;
  const yn_node *node;
  diag *d;
  int errs;
} ph_ctx;

static void check_placeholder(const char *name, size_t len, void *vctx) {
  ph_ctx *c = vctx;
  if (!c->ref || msg_ref_uses(c->ref, c->key, name, len)) return;
  diag_add(c->d, DIAG_ERROR, c->shown, c->node->line, c->node->col,
           "'%s': unknown placeholder {%.*s} (the %s catalogue's text has no such name)", c->key,
           (int)len, name, MSG_REF_LANG);
  c->errs++;
}

/* Checks one text and its placeholders; returns the errors found. */
static int check_text(const char *shown, const char *key, const yn_node *v, const msg_cat *ref, diag *d) {
  ph_ctx c = { ref, key, shown, v, d, 0 };
  const char *why = msg_scan(v->str, check_placeholder, &c);
  if (why) {
    diag_add(d, DIAG_ERROR, shown, v->line, v->col, "'%s': %s", key, why);
    c.errs++;
  }
  return c.errs;
}

/* Reads one message (a text, or a mapping of plural forms) into e; returns the errors. */
static int read_message(const char *shown, const char *rule, const yn_node *k, const yn_node *v,
                        const msg_cat *ref, entry *e, diag *d) {
  int errs = 0;
  memset(e, 0, sizeof *e);
  e->key = k;
  if (!valid_key(k->str)) {
    diag_add(d, DIAG_ERROR, shown, k->line, k->col,
             "message key '%s': use a-z, 0-9, '_', '-' and '.' only", k->str);
    return 1;
  }
  if (v->kind == YN_SCALAR) {
    e->forms[MSG_OTHER] = v;
    return check_text(shown, k->str, v, ref, d);
  }
  if (v->kind != YN_MAP) {
    diag_add(d, DIAG_ERROR, shown, v->line, v->col,
             "'%s' must be a text, or a mapping of plural forms (one: ..., other: ...), not a %s",
             k->str, yn_kind_name(v->kind));
    return 1;
  }
  unsigned have = 0;
  for (int i = 0; i < v->n; i++) {
    const yn_node *ck = v->keys[i], *cv = v->vals[i];
    int cat = msg_category_index(ck->str);
    if (cat < 0) {
      diag_add(d, DIAG_ERROR, shown, ck->line, ck->col,
               "'%s': unknown plural form '%s' (expected zero, one, two, few, many, other)", k->str, ck->str);
      errs++;
      continue;
    }
    if (cv->kind != YN_SCALAR) {
      diag_add(d, DIAG_ERROR, shown, cv->line, cv->col, "'%s': the form '%s' must be a text", k->str, ck->str);
      errs++;
      continue;
    }
    e->forms[cat] = cv;
    have |= 1u << cat;
    errs += check_text(shown, k->str, cv, ref, d);
  }
  unsigned need = rule_needs(rule);
  for (int cat = 0; cat < MSG_NCAT; cat++)
    if ((need & (1u << cat)) && !(have & (1u << cat))) {
      diag_add(d, DIAG_ERROR, shown, v->line, v->col, "'%s': plural rule %s needs the form '%s'",
               k->str, rule, msg_categories[cat]);
      errs++;
    }
  return errs;
}

unsigned char *msg_compile(const char *shown, const char *buf, size_t len, const msg_cat *ref,
                           size_t *n, diag *d) {
  int before = d->errors;
  *n = 0;
  yn_doc *doc = yn_load_string(shown, buf, len, d);
  if (!doc) return NULL;
  const yn_node *root = doc->root;
  if (!root || root->kind != YN_MAP) {
    diag_add(d, DIAG_ERROR, shown, root ? root->line : 1, root ? root->col : 1,
             "a message catalogue is a mapping with language:, plural: and messages:");
    yn_free(doc);
    return NULL;
  }
  const yn_node *lang = NULL, *plural = NULL, *msgs = NULL;
  for (int i = 0; i < root->n; i++) {
    const yn_node *k = root->keys[i], *v = root->vals[i];
    if (strcmp(k->str, "language") == 0) lang = v;
    else if (strcmp(k->str, "plural") == 0) plural = v;
    else if (strcmp(k->str, "messages") == 0) msgs = v;
    else if (strcmp(k->str, "description") != 0)
      diag_add(d, DIAG_ERROR, shown, k->line, k->col,
               "unknown key '%s' (expected language, plural, description, messages)", k->str);
  }
  if (!lang || lang->kind != YN_SCALAR || !valid_key(lang->str))
    diag_add(d, DIAG_ERROR, shown, lang ? lang->line : root->line, lang ? lang->col : root->col,
             "language: needs a language tag such as en or zh");
  const char *rule = "none";
  if (plural && (plural->kind != YN_SCALAR || !msg_rule_known(plural->str)))
    diag_add(d, DIAG_ERROR, shown, plural->line, plural->col, "plural: is none or one_other");
  else if (plural)
    rule = plural->str;
  if (!msgs || msgs->kind != YN_MAP) {
    diag_add(d, DIAG_ERROR, shown, msgs ? msgs->line : root->line, msgs ? msgs->col : root->col,
             "messages: needs a mapping of keys to texts");
    yn_free(doc);
    return NULL;
  }
  entry *es = xcalloc((size_t)msgs->n + 1, sizeof *es);
  int ne = 0;
  for (int i = 0; i < msgs->n; i++) {
    const yn_node *k = msgs->keys[i];
    if (ref && msg_find(ref, k->str) < 0) {
      diag_add(d, DIAG_ERROR, shown, k->line, k->col, "unknown message '%s' (the %s catalogue has no such key)",
               k->str, MSG_REF_LANG);
      continue;
    }
    if (read_message(shown, rule, k, msgs->vals[i], ref, &es[ne], d) == 0) ne++;
  }
  /* missing keys: the first few by name, then how many more (a new language misses them all) */
  int missing = 0;
  for (int i = 0; ref && i < msg_count(ref); i++) {
    const char *rk = msg_key_at(ref, i);
    if (yn_get(msgs, rk)) continue;
    if (++missing <= MAX_MISSING_SHOWN)
      diag_add(d, DIAG_ERROR, shown, msgs->line, msgs->col, "missing message '%s' (the %s catalogue has it)",
               rk, MSG_REF_LANG);
  }
  if (missing > MAX_MISSING_SHOWN)
    diag_add(d, DIAG_ERROR, shown, msgs->line, msgs->col,
             "%d more messages missing (`salesim i18n export` lists them all for a translator)",
             missing - MAX_MISSING_SHOWN);
  unsigned char *blob = NULL;
  if (d->errors == before) {
    qsort(es, (size_t)ne, sizeof *es, by_key);
    strbuf b = { 0 };
    sb_append(&b, "MSG2", 5);
    sb_append(&b, lang->str, strlen(lang->str) + 1);
    sb_append(&b, rule, strlen(rule) + 1);
    uint32_t *idx = xcalloc((size_t)ne * (1 + MSG_NCAT) + 1, sizeof *idx);
    for (int i = 0; i < ne; i++) {
      idx[(size_t)i * (1 + MSG_NCAT)] = (uint32_t)b.len;
      sb_append(&b, es[i].key->str, strlen(es[i].key->str) + 1);
      for (int cat = 0; cat < MSG_NCAT; cat++) {
        if (!es[i].forms[cat]) continue;
        idx[(size_t)i * (1 + MSG_NCAT) + 1 + (size_t)cat] = (uint32_t)b.len;
        sb_append(&b, es[i].forms[cat]->str, strlen(es[i].forms[cat]->str) + 1);
      }
    }
    while (b.len % 4) sb_putc(&b, '\0');
    uint32_t trailer[2] = { (uint32_t)b.len, (uint32_t)ne };
    sb_append(&b, (const char *)idx, (size_t)ne * (1 + MSG_NCAT) * sizeof *idx);
    sb_append(&b, (const char *)trailer, sizeof trailer);
    free(idx);
    *n = b.len;
    blob = (unsigned char *)sb_take(&b);
  }
  free(es);
  yn_free(doc);
  return blob;
}

int msg_check_file(const char *path, diag *d) {
  int before = d->errors;
  size_t len, n;
  char *buf = yn_read_file(path, &len, d);
  if (!buf) return d->errors - before;
  /* which language it is decides whether English is its reference (English has none) */
  diag scratch; diag_init(&scratch);
  yn_doc *doc = yn_load_string(path, buf, len, &scratch);
  const yn_node *lang = doc && doc->root ? yn_get(doc->root, "language") : NULL;
  int is_ref = lang && lang->kind == YN_SCALAR && strcmp(lang->str, MSG_REF_LANG) == 0;
  yn_free(doc);
  diag_free(&scratch);
  const msg_cat *ref = is_ref ? NULL : msg_catalogue(MSG_REF_LANG);
  if (!is_ref && !ref)
    diag_add(d, DIAG_ERROR, path, 0, 0, "cannot find the %s catalogue to check against (set SALESIM_DATA)",
             MSG_REF_LANG);
  unsigned char *blob = msg_compile(path, buf, len, ref, &n, d);
  free(blob);
  free(buf);
  return d->errors - before;
}

int msg_is_catalogue(const char *path) {
  char err[128];
  size_t len;
  char *buf = util_read_file(path, YN_MAX_FILE, &len, err, sizeof err);
  if (!buf) return 0;
  int yes = strncmp(buf, "messages:", 9) == 0 || strstr(buf, "\nmessages:") != NULL;
  free(buf);
  return yes;
}
