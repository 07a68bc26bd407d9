/*
** msg.c: the run-time side of the message catalogues (msg.h): finds each language's catalogue
** once (the data directory's file, its compiled form from the build, or the compiled form alone),
** looks keys up with a fallback to English, and formats named placeholders and plural forms.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "msg.h"
#include "msg_cli.h"
#include "msg_int.h"
#include "util.h"

struct msg_cat {
  const char *lang, *plural;
  const unsigned char *blob;
  unsigned char *owned;      /* the blob when compiled at run time (kept with the catalogue) */
  const uint32_t *idx;       /* per key 1 + MSG_NCAT offsets into blob (msg_load.c), in place */
  int n;
};

/* The string at offset off of the blob, or NULL for 0 (none). */
static const char *at(const msg_cat *c, uint32_t off) { return off ? (const char *)c->blob + off : NULL; }
static const char *key_of(const msg_cat *c, int i) { return at(c, c->idx[(size_t)i * (1 + MSG_NCAT)]); }
static const char *form_of(const msg_cat *c, int i, int cat) {
  return at(c, c->idx[(size_t)i * (1 + MSG_NCAT) + 1 + (size_t)cat]);
}

/* ---- the index inside a blob ------------------------------------------------------------- */

/* A catalogue over blob, its index read in place; NULL when the blob is no MSG2 blob or, with
** every_offset, its index points outside it. */
static msg_cat *open_blob(const unsigned char *blob, size_t n, int every_offset) {
  uint32_t trailer[2];
  if (!blob || n < 5 + sizeof trailer || memcmp(blob, "MSG2", 5) != 0) return NULL;
  memcpy(trailer, blob + n - sizeof trailer, sizeof trailer);
  size_t off = trailer[0], keys = trailer[1];
  if (off % 4 || off > n - sizeof trailer || keys > (n - sizeof trailer - off) / ((1 + MSG_NCAT) * 4) ||
      ((uintptr_t)(blob + off) & 3))
    return NULL;
  const unsigned char *lang = blob + 5, *plural = memchr(lang, 0, off - 5);
  if (!plural) return NULL;
  plural++;
  if (!memchr(plural, 0, (size_t)(blob + off - plural))) return NULL;
  msg_cat *c = xcalloc(1, sizeof *c);
  c->blob = blob;
  c->lang = (const char *)lang;
  c->plural = (const char *)plural;
  c->idx = (const uint32_t *)(const void *)(blob + off);
  c->n = (int)keys;
  for (size_t i = 0; every_offset && i < keys * (1 + MSG_NCAT); i++)   /* every offset inside the strings */
    if (c->idx[i] >= off) { msg_close(c); return NULL; }
  return c;
}

msg_cat *msg_open(const unsigned char *blob, size_t n) { return open_blob(blob, n, 1); }

/* A blob of this build's table (builtin.h, bi_messages), opened without looking at each of its
** offsets (35 K instructions of a start): the generator made it, and test_msg opens every one
** with msg_open's checks. */
static msg_cat *open_built(const bi_entry *e) { return e && e->bytes ? open_blob(e->bytes, e->n_bytes, 0) : NULL; }

void msg_close(msg_cat *c) {
  if (!c) return;
  free(c->owned);
  free(c);
}

int msg_count(const msg_cat *c) { return c ? c->n : 0; }
const char *msg_key_at(const msg_cat *c, int i) { return c && i >= 0 && i < c->n ? key_of(c, i) : NULL; }
const char *msg_cat_lang(const msg_cat *c) { return c ? c->lang : NULL; }
const char *msg_cat_plural(const msg_cat *c) { return c ? c->plural : NULL; }

int msg_find(const msg_cat *c, const char *key) {
  int lo = 0, hi = c ? c->n - 1 : -1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2, cmp = strcmp(key_of(c, mid), key);
    if (cmp == 0) return mid;
    if (cmp < 0) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

const char *msg_form(const msg_cat *c, const char *key, const char *cat) {
  int i = msg_find(c, key), ci = msg_category_index(cat);
  return i >= 0 && ci >= 0 ? form_of(c, i, ci) : NULL;
}

typedef struct uses_ctx { const char *name; size_t len; int found; } uses_ctx;
static void uses_cb(const char *name, size_t len, void *v) {
  uses_ctx *u = v;
  if (len == u->len && memcmp(name, u->name, len) == 0) u->found = 1;
}

int msg_ref_uses(const msg_cat *c, const char *key, const char *name, size_t len) {
  int i = msg_find(c, key);
  if (i < 0) return 0;
  uses_ctx u = { name, len, 0 };
  for (int k = 0; k < MSG_NCAT; k++)
    if (form_of(c, i, k)) msg_scan(form_of(c, i, k), uses_cb, &u);
  return u.found;
}

/* ---- finding the catalogues --------------------------------------------------------------- */

#define MAX_LANGS 16
static struct { char lang[16]; const msg_cat *cat; } loaded[MAX_LANGS];
static int n_loaded;

/* A language tag is letters, digits and '-' (it names a file: no path may hide in it). */
static int valid_tag(const char *s) {
  size_t n = strlen(s);
  if (n < 2 || n > 15) return 0;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')) return 0;
  return 1;
}

/* The compiled catalogue of the data directory's file, or of the build when none is installed
** or the file is broken (its problems are printed once). */
static const msg_cat *load(const char *lang) {
  char rel[48];
  snprintf(rel, sizeof rel, "messages/%s.yaml", lang);
  char *path = util_data_path(rel);
  const bi_entry *e = NULL;
  if (path && (e = bi_named(rel)) != NULL && bi_unchanged(e, path)) {   /* the build's own file */
    free(path);
    return open_built(e);
  }
  e = NULL;
  if (path) {
    char err[256];
    size_t len;
    char *buf = util_read_file(path, 4u << 20, &len, err, sizeof err);
    if (buf && (e = bi_find(rel, buf, len)) == NULL) {
      /* an edited or new catalogue: compiled from source, checked alone (missing keys fall
      ** back to English; `salesim check` reports them) */
      diag d; diag_init(&d);
      size_t n;
      unsigned char *blob = msg_compile(path, buf, len, NULL, &n, &d);
      msg_cat *c = blob ? msg_open(blob, n) : NULL;   /* kept for the program's life */
      if (c) c->owned = blob;
      else { diag_print(&d, stderr); free(blob); }
      diag_free(&d);
      free(buf);
      free(path);
      if (c) return c;
      return open_built(bi_named(rel));
    }
    free(buf);
    free(path);
  }
  if (!e) e = bi_named(rel);
  return open_built(e);
}

const msg_cat *msg_catalogue(const char *lang) {
  if (!lang || !valid_tag(lang)) return NULL;
  for (int i = 0; i < n_loaded; i++)
    if (strcmp(loaded[i].lang, lang) == 0) return loaded[i].cat;
  /* load() reads a file with util_read_file, whose error texts come from the catalogues: a
  ** lookup made while a catalogue loads finds none (its key is shown) instead of recursing */
  static int loading;
  if (loading) return NULL;
  loading = 1;
  const msg_cat *c = load(lang);
  loading = 0;
  if (n_loaded < MAX_LANGS) {
    snprintf(loaded[n_loaded].lang, sizeof loaded[n_loaded].lang, "%s", lang);
    loaded[n_loaded++].cat = c;
  }
  return c;
}

/* msg_cli.h: defined here rather than in msg_cli.c so that the low-level modules (util.c)
** can name the commands' language without linking the command table. */
const char *msg_cli_lang(void) {
  const char *l = getenv("SALESIM_CLI_LANG");
  return l && *l && !strchr(l, '/') && msg_catalogue(l) ? l : "en";
}

/* See msg_cli.h (here, not in msg_cli.c, so that the reader, the customer and util.c, which the
** build-time generator links too, have them without the command table). */
void msg_fprint(FILE *out, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  fprintf(out, "%s\n", m);
  free(m);
}

void msg_sbput(strbuf *b, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  sb_puts(b, m);
  free(m);
}

void msg_diag(diag *d, diag_level level, const char *file, int line, int col, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  diag_add(d, level, file, line, col, "%s", m);
  free(m);
}

char *msg_snprint(char *buf, size_t n, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  if (n) snprintf(buf, n, "%s", m);
  free(m);
  return buf;
}

const char *msg_lang(const char *tag) {
  if (!tag || !*tag) return MSG_REF_LANG;
  char base[16];
  size_t n = strcspn(tag, "-_");
  if (n >= sizeof base) return MSG_REF_LANG;
  for (size_t i = 0; i < n; i++) base[i] = (char)(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] + 32 : tag[i]);
  base[n] = '\0';
  const msg_cat *c = msg_catalogue(base);
  return c ? c->lang : MSG_REF_LANG;
}

/* ---- formatting ---------------------------------------------------------------------------- */

/* The catalogue and entry that hold key for lang (lang's own, else English's): its index in
** *from, or -1. */
static int lookup(const char *lang, const char *key, const msg_cat **from) {
  const msg_cat *c = msg_catalogue(lang);
  int i = msg_find(c, key);
  if (i < 0 && (!lang || strcmp(lang, MSG_REF_LANG) != 0)) {
    c = msg_catalogue(MSG_REF_LANG);
    i = msg_find(c, key);
  }
  if (i >= 0) *from = c;
  return i;
}

static const char *arg(const msg_arg *args, int n, const char *name, size_t len) {
  for (int i = 0; i < n; i++)
    if (args[i].name && strlen(args[i].name) == len && memcmp(args[i].name, name, len) == 0)
      return args[i].value;
  return NULL;
}

static void format_into(strbuf *b, const char *lang, const char *key, const msg_arg *args, int n, int depth);

/* Whether every comma-separated name of list (the part after '@') is a message of lang or of
** English: only then is an "@..." value a key list.  Anything else is text, shown as it is, so a
** trainee's line or a file name that starts with '@' is never read as keys. */
static int all_keys(const char *lang, const char *list) {
  int any = 0;
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    if (len) {
      char *k = xstrndup(p, len);
      const msg_cat *c = NULL;
      int found = lookup(lang, k, &c) >= 0;
      free(k);
      if (!found) return 0;
      any = 1;
    }
    p += len;
    if (*p == ',') p++;
  }
  return any;
}

/* 1 when an item of the list v holds a comma of its own (ASCII, or the language's list comma):
** joined by commas, its items could not be told apart ("...预算，赵主任安排你向分管副院长汇报,推动
** 立项，赵主任...": play-test 30b #14), so such a list is joined with sep.list_long ("；", "; "). */
static int items_have_commas(const char *lang, const char *v) {
  if (strchr(v, ',')) return 1;
  const char *sep = msg_text(lang, "sep.list");
  const char *c = sep ? sep + strspn(sep, " ") : "";
  size_t cl = strcspn(c, " ");
  if (!cl || cl == 1) return 0;   /* (an ASCII comma: tested above) */
  for (const char *p = v; (p = strstr(p, c)); p += cl)
    if (strncmp(p, c, cl) == 0) return 1;
  return 0;
}

/* A value: the text, a list of texts (MSG_LIST_SEP), or "@k1,k2": the messages k1 and k2
** formatted with the same arguments; lists are joined with sep.list (sep.list_long when an item
** has a comma of its own). */
static void put_value(strbuf *b, const char *lang, const char *v, const msg_arg *args, int n, int depth) {
  if (strchr(v, MSG_LIST_SEP)) {
    const char *sep = items_have_commas(lang, v) ? "sep.list_long" : "sep.list";
    for (const char *p = v; *p;) {
      size_t len = strcspn(p, "\x1e");
      if (p != v) format_into(b, lang, sep, NULL, 0, depth + 1);
      sb_append(b, p, len);
      p += len;
      if (*p) p++;
    }
    return;
  }
  if (v[0] != '@' || depth > 3 || !all_keys(lang, v + 1)) { sb_puts(b, v); return; }
  const char *p = v + 1;
  int first = 1;
  while (*p) {
    size_t len = strcspn(p, ",");
    char *k = xstrndup(p, len);
    if (*k) {
      if (!first) format_into(b, lang, "sep.list", NULL, 0, depth + 1);
      format_into(b, lang, k, args, n, depth + 1);
      first = 0;
    }
    free(k);
    p += len;
    if (*p == ',') p++;
  }
}

static void format_into(strbuf *b, const char *lang, const char *key, const msg_arg *args, int n, int depth) {
  const msg_cat *c = NULL;
  int it = lookup(lang, key, &c);
  if (it < 0) { sb_puts(b, key); return; }
  const char *text = form_of(c, it, MSG_OTHER);
  const char *count = arg(args, n, "count", 5);
  if (count) {
    const char *f = form_of(c, it, msg_rule_category(c->plural, strtol(count, NULL, 10)));
    if (f) text = f;
  }
  if (!text) { sb_puts(b, key); return; }
  for (const char *p = text; *p; p++) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) { sb_putc(b, *p); p++; continue; }
    if (*p != '{') { sb_putc(b, *p); continue; }
    const char *q = strchr(p, '}');
    if (!q) { sb_puts(b, p); break; }
    const char *v = arg(args, n, p + 1, (size_t)(q - p - 1));
    if (v) put_value(b, lang, v, args, n, depth);
    else sb_append(b, p, (size_t)(q - p + 1));
    p = q;
  }
}

char *msg_format(const char *lang, const char *key, const msg_arg *args, int n) {
  strbuf b = { 0 };
  sb_puts(&b, "");
  format_into(&b, lang, key, args, n, 0);
  return sb_take(&b);
}

char *msg_vget(const char *lang, const char *key, va_list ap) {
  msg_arg args[16];
  int n = 0;
  for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
    const char *value = va_arg(ap, const char *);
    if (n < 16) { args[n].name = name; args[n].value = value; n++; }
  }
  return msg_format(lang, key, args, n);
}

char *msg_get(const char *lang, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *s = msg_vget(lang, key, ap);
  va_end(ap);
  return s;
}

const char *msg_text(const char *lang, const char *key) {
  const msg_cat *c = NULL;
  int it = lookup(lang, key, &c);
  const char *t = it >= 0 ? form_of(c, it, MSG_OTHER) : NULL;
  return t ? t : key;
}

int msg_has(const char *lang, const char *key) {
  const msg_cat *c = NULL;
  return lookup(lang, key, &c) >= 0;
}
