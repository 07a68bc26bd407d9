/*
** ynode.c: YAML text -> a tree of positioned nodes (ynode.h), over libyaml's event parser.
**
** The file may come from anywhere, so the builder refuses what a scenario never needs and an
** attacker would use: anchors and aliases (no billion-laughs expansion), tags, more than one
** document, nesting deeper than YN_MAX_DEPTH, more than YN_MAX_NODES nodes, files larger than
** YN_MAX_FILE, invalid UTF-8 and NUL characters.  Syntax errors stop the parse; the other
** problems (duplicate or non-text keys, anchors, tags) are all collected before giving up, so
** a trainer sees every one of them in a single `salesim check`.
*/
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "builtin.h"
#include "util.h"
#include "safe.h"
#include "ynode.h"

/* One open container on the builder's stack. */
typedef struct frame {
  yn_node *node;
  yn_node *pending_key;   /* map: key read, value not yet */
} frame;

typedef struct builder {
  yn_doc *doc;
  diag *d;
  const char *buf;        /* the raw input, for positions of reader errors */
  size_t len;
  frame stack[YN_MAX_DEPTH];
  int depth;
  long nodes;
  int errors;             /* semantic problems found while building (the parse goes on) */
} builder;

/* {=== node memory */

/* Nodes, their strings and their child arrays come from one arena per document, freed at once:
** a scenario is hundreds of small values, and a malloc and a free for each cost more than
** parsing them.  A grown child array leaves its old copy in the arena (at most doubling it). */

/* Releases a document and every node and string in it. */
void yn_free(yn_doc *doc) {
  if (!doc) return;
  arena_free(&doc->arena);
  free(doc->file);
  free(doc);
}

/* Makes room for one more child in a map or list. */
static void node_grow(yn_doc *doc, yn_node *n) {
  if (n->n < n->cap) return;
  int cap = n->cap ? n->cap * 2 : 4;
  yn_node **vals = arena_alloc(&doc->arena, (size_t)cap * sizeof *vals);
  if (n->n) memcpy(vals, n->vals, (size_t)n->n * sizeof *vals);
  n->vals = vals;
  if (n->kind == YN_MAP) {
    yn_node **keys = arena_alloc(&doc->arena, (size_t)cap * sizeof *keys);
    if (n->n) memcpy(keys, n->keys, (size_t)n->n * sizeof *keys);
    n->keys = keys;
  }
  n->cap = cap;
}
/* }=== */

/* {=== positions and UTF-8 */

/* Line and column (1-based, columns in characters) of a byte offset in the input. */
static void offset_pos(const char *buf, size_t len, size_t off, int *line, int *col) {
  int l = 1, c = 1;
  if (off > len) off = len;
  for (size_t i = 0; i < off; i++) {
    unsigned char ch = (unsigned char)buf[i];
    if (ch == '\n' || (ch == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) { l++; c = 1; }
    else if (ch == '\r') continue;
    else if ((ch & 0xC0) != 0x80) c++;
  }
  *line = l;
  *col = c;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is invalid
** (bad lead byte, truncated, overlong, surrogate, beyond U+10FFFF). */
static int utf8_seq(const unsigned char *s, size_t left) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  int n;
  unsigned min, cp;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; min = 0x80; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; min = 0x800; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; min = 0x10000; cp = c & 0x07; }
  else return 0;
  if ((size_t)n > left) return 0;
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

/* Checks the whole input is UTF-8; on failure reports the first bad byte's position. */
static int check_utf8(const char *name, const char *buf, size_t len, diag *d) {
  const unsigned char *s = (const unsigned char *)buf;
  for (size_t i = 0; i < len;) {
    uint64_t w;   /* eight ASCII bytes at a time: most of a scenario is ASCII */
    while (len - i >= 8 && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) i += 8;
    if (i == len) break;
    /* three bytes led by E1..EC, EE or EF with two continuation bytes are always valid (no
    ** overlong form, no surrogate): most of a Chinese scenario */
    if (s[i] >= 0xE1 && s[i] != 0xED && s[i] <= 0xEF && len - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) { i += 3; continue; }
    int n = utf8_seq(s + i, len - i);
    if (n == 0) {
      int line, col;
      offset_pos(buf, len, i, &line, &col);
      diag_add(d, DIAG_ERROR, name, line, col,
               "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", s[i]);
      return -1;
    }
    i += (size_t)n;
  }
  return 0;
}
/* }=== */

/* {=== building */

/* Adds a semantic error at a libyaml mark; the parse continues. */
static void mark_error(builder *b, yaml_mark_t m, const char *msg) {
  diag_add(b->d, DIAG_ERROR, b->doc->file, (int)m.line + 1, (int)m.column + 1, "%s", msg);
  b->errors++;
}

/* Attaches a new node to the open container (or makes it the root); a map takes a key, then
** its value.  A key that is not text is reported here and kept, so its subtree is freed. */
static void attach(builder *b, yn_node *n) {
  if (b->depth == 0) {
    b->doc->root = n;
    return;
  }
  frame *f = &b->stack[b->depth - 1];
  yn_node *p = f->node;
  if (p->kind == YN_SEQ) {
    node_grow(b->doc, p);
    p->vals[p->n++] = n;
  } else if (!f->pending_key) {
    if (n->kind != YN_SCALAR)
      diag_add(b->d, DIAG_ERROR, b->doc->file, n->line, n->col,
               "a key must be plain text, found a %s", yn_kind_name(n->kind));
    if (n->kind != YN_SCALAR) b->errors++;
    f->pending_key = n;
  } else {
    node_grow(b->doc, p);
    p->keys[p->n] = f->pending_key;
    p->vals[p->n] = n;
    p->n++;
    f->pending_key = NULL;
  }
}

/* A fresh node of a kind at a libyaml mark. */
static yn_node *node_new(builder *b, yn_kind kind, yaml_mark_t m) {
  yn_node *n = arena_alloc(&b->doc->arena, sizeof *n);
  memset(n, 0, sizeof *n);
  n->kind = kind;
  n->line = (int)m.line + 1;
  n->col = (int)m.column + 1;
  n->file = b->doc->file;
  b->nodes++;
  return n;
}

/* A key and its place in the map, sorted by text then place to find repeats in O(n log n). */
typedef struct key_ref { const yn_node *key; int idx; } key_ref;

static int cmp_keys(const void *a, const void *b) {
  const key_ref *x = a, *y = b;
  size_t m = x->key->len < y->key->len ? x->key->len : y->key->len;
  int c = memcmp(x->key->str, y->key->str, m);
  if (c) return c;
  if (x->key->len != y->key->len) return x->key->len < y->key->len ? -1 : 1;
  return x->idx - y->idx;
}

/* Reports every repeated key of a finished map, pointing at each repeat and at the first. */
static void check_duplicates(builder *b, const yn_node *map) {
  if (map->n <= 8) {   /* most maps are a few keys: none repeated is found without sorting */
    int repeat = 0;
    for (int i = 1; i < map->n && !repeat; i++) {
      const yn_node *y = map->keys[i];
      if (y->kind != YN_SCALAR) continue;
      for (int j = 0; j < i && !repeat; j++) {
        const yn_node *x = map->keys[j];
        repeat = x->kind == YN_SCALAR && x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
      }
    }
    if (!repeat) return;
  } else {   /* a larger map: a hash of each key, sorted only when two keys may be alike */
    size_t cap = 16;
    while (cap < (size_t)map->n * 2) cap *= 2;
    const yn_node **slot = xcalloc(cap, sizeof *slot);
    int repeat = 0;
    for (int i = 0; i < map->n && !repeat; i++) {
      const yn_node *y = map->keys[i];
      if (y->kind != YN_SCALAR) continue;
      uint64_t h = 1469598103934665603ull;   /* FNV-1a */
      for (size_t j = 0; j < y->len; j++) { h ^= (unsigned char)y->str[j]; h *= 1099511628211ull; }
      for (size_t at = (size_t)h & (cap - 1);; at = (at + 1) & (cap - 1)) {
        const yn_node *x = slot[at];
        if (!x) { slot[at] = y; break; }
        if (x->len == y->len && memcmp(x->str, y->str, x->len) == 0) { repeat = 1; break; }
      }
    }
    free(slot);
    if (!repeat) return;
  }
  key_ref *refs = xmalloc((size_t)(map->n ? map->n : 1) * sizeof *refs);
  int k = 0;
  for (int i = 0; i < map->n; i++)
    if (map->keys[i]->kind == YN_SCALAR) { refs[k].key = map->keys[i]; refs[k].idx = i; k++; }
  qsort(refs, (size_t)k, sizeof *refs, cmp_keys);
  for (int i = 1, first = 0; i < k; i++) {
    const yn_node *x = refs[first].key, *y = refs[i].key;
    if (x->len == y->len && memcmp(x->str, y->str, x->len) == 0) {
      diag_add(b->d, DIAG_ERROR, b->doc->file, y->line, y->col,
               "duplicate key '%s' (first at line %d)", y->str, x->line);
      b->errors++;
    } else {
      first = i;
    }
  }
  free(refs);
}

/* The bytes of line (1-based) of buf: its start, and its length in *n; NULL past the end. */
static const char *line_at(const char *buf, size_t len, int line, size_t *n) {
  size_t i = 0;
  for (int l = 1; l < line; l++) {
    const char *nl = memchr(buf + i, '\n', len - i);
    if (!nl) return NULL;
    i = (size_t)(nl - buf) + 1;
  }
  const char *nl = memchr(buf + i, '\n', len - i);
  *n = nl ? (size_t)(nl - buf) - i : len - i;
  return buf + i;
}

/* 1 when the blank run that starts line (1-based) holds a tab at or before column col:
** libyaml then says "found character that cannot start any token" or speaks of indentation,
** and a trainer does not guess a tab (play-test 32d M4). */
static int tab_indents(const char *buf, size_t len, int line, int col) {
  size_t n;
  const char *s = line_at(buf, len, line, &n);
  for (size_t i = 0; s && i < n && (s[i] == ' ' || s[i] == '\t') && (int)i < col; i++)
    if (s[i] == '\t') return 1;
  return 0;
}

/* Where a quoted scalar that ran over lines up to the error began, by scanning the input again
** up to it: a quote left open swallows the lines after it up to the next quote, and the parser
** fails there, lines away from the mistake (play-test 32d M4).  1 with its 1-based line and
** column in *line, *col; 0 when the token before the error is no such scalar. */
static int open_quote(const char *buf, size_t len, const yaml_mark_t *at, int *line, int *col) {
  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) return 0;
  yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
  yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
  int found = 0;
  for (;;) {
    yaml_token_t t;
    if (!yaml_parser_scan(&p, &t)) break;
    int end = t.type == YAML_STREAM_END_TOKEN || t.start_mark.line > at->line ||
              (t.start_mark.line == at->line && t.start_mark.column >= at->column);
    if (!end && t.type == YAML_SCALAR_TOKEN) {
      yaml_scalar_style_t st = t.data.scalar.style;
      found = (st == YAML_DOUBLE_QUOTED_SCALAR_STYLE || st == YAML_SINGLE_QUOTED_SCALAR_STYLE) &&
              t.start_mark.line < t.end_mark.line && t.end_mark.line == at->line;
      *line = (int)t.start_mark.line + 1;
      *col = (int)t.start_mark.column + 1;
    } else if (!end && t.type != YAML_VALUE_TOKEN && t.type != YAML_KEY_TOKEN &&
               t.type != YAML_BLOCK_END_TOKEN) {
      found = 0;
    }
    yaml_token_delete(&t);
    if (end) break;
  }
  yaml_parser_delete(&p);
  return found;
}

/* Reports a libyaml failure (syntax, reader or memory) with its position, and what it most
** likely means when libyaml's words do not say it: a tab in the indentation, a quote left open. */
static void parser_error(builder *b, const yaml_parser_t *p) {
  const char *file = b->doc->file;
  const char *problem = p->problem ? p->problem : "unknown YAML error";
  int ql, qc;
  if (p->error != YAML_MEMORY_ERROR && p->error != YAML_READER_ERROR &&
      tab_indents(b->buf, b->len, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1)) {
    diag_add(b->d, DIAG_ERROR, file, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
             "a tab indents this line: YAML indents with spaces only (%s)", problem);
    return;
  }
  if (p->error == YAML_SCANNER_ERROR && p->context && strcmp(p->context, "while scanning a quoted scalar") == 0 &&
      p->problem_mark.line > p->context_mark.line) {   /* the quote ran to the end of the file */
    diag_add(b->d, DIAG_ERROR, file, (int)p->context_mark.line + 1, (int)p->context_mark.column + 1,
             "this quoted text is never closed: it runs on to %d:%d (%s); close the quote on line %d",
             (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1, problem,
             (int)p->context_mark.line + 1);
    return;
  }
  if (p->error == YAML_PARSER_ERROR && open_quote(b->buf, b->len, &p->problem_mark, &ql, &qc)) {
    diag_add(b->d, DIAG_ERROR, file, ql, qc,
             "this quoted text is not closed on its line: it runs on to %d:%d, where the YAML "
             "stops making sense (%s); close the quote on line %d", (int)p->problem_mark.line + 1,
             (int)p->problem_mark.column + 1, problem, ql);
    return;
  }
  if (p->error == YAML_MEMORY_ERROR) {
    diag_add(b->d, DIAG_ERROR, file, 1, 1, "out of memory while reading YAML");
  } else if (p->error == YAML_READER_ERROR) {
    int line, col;
    offset_pos(b->buf, b->len, p->problem_offset, &line, &col);
    if (p->problem_value != -1)
      diag_add(b->d, DIAG_ERROR, file, line, col, "%s (#%X)", problem, (unsigned)p->problem_value);
    else
      diag_add(b->d, DIAG_ERROR, file, line, col, "%s", problem);
  } else if (p->context) {
    diag_add(b->d, DIAG_ERROR, file, (int)p->problem_mark.line + 1,
             (int)p->problem_mark.column + 1, "%s (%s at %d:%d)", problem, p->context,
             (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
  } else {
    diag_add(b->d, DIAG_ERROR, file, (int)p->problem_mark.line + 1,
             (int)p->problem_mark.column + 1, "%s", problem);
  }
}

/* Handles one event.  Returns 1 to go on, 0 at the end of the stream, -1 to stop on an error. */
static int on_event(builder *b, const yaml_event_t *e, int *docs) {
  switch (e->type) {
  case YAML_STREAM_START_EVENT:
  case YAML_DOCUMENT_END_EVENT:
  case YAML_NO_EVENT:
    return 1;
  case YAML_STREAM_END_EVENT:
    return 0;
  case YAML_DOCUMENT_START_EVENT:
    if (++*docs > 1) {
      diag_add(b->d, DIAG_ERROR, b->doc->file, (int)e->start_mark.line + 1,
               (int)e->start_mark.column + 1,
               "only one YAML document is allowed in a file (found a second '---')");
      return -1;
    }
    return 1;
  case YAML_ALIAS_EVENT:
    mark_error(b, e->start_mark, "anchors and aliases are not allowed");
    {
      yn_node *n = node_new(b, YN_SCALAR, e->start_mark);   /* placeholder keeps maps whole */
      n->str = arena_strndup(&b->doc->arena, "", 0);
      attach(b, n);
    }
    break;
  case YAML_SCALAR_EVENT: {
    yn_node *n = node_new(b, YN_SCALAR, e->start_mark);
    n->len = e->data.scalar.length;
    n->str = arena_strndup(&b->doc->arena, (const char *)e->data.scalar.value, n->len);
    int nul = strlen(n->str) != n->len;
    if (!nul && !safe_is_clean(n->str, n->len)) {
      /* a quoted "\e[2J" or "\u202e" in a title, a name or a key: neutralised once here,
      ** for every command that shows scenario text (play, list, check, replay) */
      size_t cl;
      char *clean = safe_text(n->str, n->len, &cl);
      n->str = arena_strndup(&b->doc->arena, clean, cl);
      n->len = cl;
      free(clean);
    }
    n->quoted = e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    n->literal = e->data.scalar.style == YAML_LITERAL_SCALAR_STYLE;
    if (e->data.scalar.anchor) mark_error(b, e->start_mark, "anchors and aliases are not allowed");
    if (e->data.scalar.tag) mark_error(b, e->start_mark, "tags (!...) are not allowed");
    if (nul) mark_error(b, e->start_mark, "text contains a NUL character");
    attach(b, n);
    break;
  }
  case YAML_SEQUENCE_START_EVENT:
  case YAML_MAPPING_START_EVENT: {
    int is_map = e->type == YAML_MAPPING_START_EVENT;
    if (b->depth >= YN_MAX_DEPTH) {
      diag_add(b->d, DIAG_ERROR, b->doc->file, (int)e->start_mark.line + 1,
               (int)e->start_mark.column + 1, "nesting deeper than %d levels", YN_MAX_DEPTH);
      return -1;
    }
    const yaml_char_t *anchor = is_map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor;
    const yaml_char_t *tag = is_map ? e->data.mapping_start.tag : e->data.sequence_start.tag;
    if (anchor) mark_error(b, e->start_mark, "anchors and aliases are not allowed");
    if (tag) mark_error(b, e->start_mark, "tags (!...) are not allowed");
    yn_node *n = node_new(b, is_map ? YN_MAP : YN_SEQ, e->start_mark);
    attach(b, n);
    b->stack[b->depth].node = n;
    b->stack[b->depth].pending_key = NULL;
    b->depth++;
    break;
  }
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT:
    if (b->depth == 0) return -1;
    b->depth--;
    if (b->stack[b->depth].node->kind == YN_MAP) check_duplicates(b, b->stack[b->depth].node);
    break;
  }
  if (b->nodes > YN_MAX_NODES) {
    diag_add(b->d, DIAG_ERROR, b->doc->file, (int)e->start_mark.line + 1,
             (int)e->start_mark.column + 1, "more than %d values in one file", YN_MAX_NODES);
    return -1;
  }
  return 1;
}


/* A shipped file's tree from its image, any other through libyaml (ynode_image.c says why). */
yn_doc *yn_load_string(const char *name, const char *buf, size_t len, diag *d) {
  const bi_entry *img = bi_find_yaml(buf, len);
  if (img) return yn_from_image(name, img->bytes, img->n_bytes, NULL);
  return yn_parse_string(name, buf, len, d);
}

/* Builds the node tree from a buffer: size and UTF-8 checks first, then libyaml events. */
yn_doc *yn_parse_string(const char *name, const char *buf, size_t len, diag *d) {
  if (!name) name = "<string>";
  if (len > YN_MAX_FILE) {
    diag_add(d, DIAG_ERROR, name, 1, 1, "file too large (%zu bytes; the limit is %u)", len,
             (unsigned)YN_MAX_FILE);
    return NULL;
  }
  if (check_utf8(name, buf, len, d) != 0) return NULL;
  builder b;
  memset(&b, 0, sizeof b);
  b.doc = xcalloc(1, sizeof *b.doc);
  b.doc->file = xstrdup(name);
  b.d = d;
  b.buf = buf;
  b.len = len;

  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) {
    diag_add(d, DIAG_ERROR, name, 1, 1, "out of memory while reading YAML");
    yn_free(b.doc);
    return NULL;
  }
  yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
  yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
  int docs = 0, rc = 1;
  while (rc == 1) {
    yaml_event_t e;
    if (!yaml_parser_parse(&p, &e)) { parser_error(&b, &p); rc = -1; break; }
    rc = on_event(&b, &e, &docs);
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&p);   /* nodes of an aborted parse go with the document's arena */
  if (rc < 0 || b.errors) {
    yn_free(b.doc);
    return NULL;
  }
  return b.doc;
}

/* Reports a file over the size cap at 1:1, as yn_load_string does; 1 when it is too large. */
int yn_too_large(const char *path, diag *d) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size <= YN_MAX_FILE) return 0;
  diag_add(d, DIAG_ERROR, path, 1, 1, "file too large (%ju bytes; the limit is %u)",
           (uintmax_t)st.st_size, (unsigned)YN_MAX_FILE);
  return 1;
}

/* Reads a YAML file's bytes (size-capped); an unreadable file is a diagnostic without position. */
char *yn_read_file(const char *path, size_t *len, diag *d) {
  char err[256];
  if (yn_too_large(path, d)) return NULL;
  char *buf = util_read_file(path, YN_MAX_FILE, len, err, sizeof err);
  if (!buf) diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", err);
  return buf;
}

/* Reads a file (size-capped) and parses it. */
yn_doc *yn_load_file(const char *path, diag *d) {
  size_t len = 0;
  char *buf = yn_read_file(path, &len, d);
  if (!buf) return NULL;
  yn_doc *doc = yn_load_string(path, buf, len, d);
  free(buf);
  return doc;
}
/* }=== */

/* {=== lookups and conversions */

yn_node *yn_get_n(const yn_node *map, const char *key, size_t len) {
  if (!map || map->kind != YN_MAP || !key) return NULL;
  /* by length first (a tree never holds a key with a NUL in it: the builder refuses the file) */
  for (int i = 0; i < map->n; i++) {
    const yn_node *k = map->keys[i];
    if (k->kind == YN_SCALAR && k->len == len && memcmp(k->str, key, len) == 0) return map->vals[i];
  }
  return NULL;
}

/* A node kind in the words a trainer reads in messages. */
const char *yn_kind_name(yn_kind k) {
  switch (k) {
  case YN_SCALAR: return "text";
  case YN_MAP: return "mapping";
  case YN_SEQ: return "list";
  }
  return "value";
}

/* An unquoted scalar, the only kind that can be a number, a boolean or null. */
static const char *plain(const yn_node *n) {
  return (n && n->kind == YN_SCALAR && !n->quoted && n->str) ? n->str : NULL;
}

/* A plain decimal whole number (optional sign); no hex, octal or overflow. */
int yn_to_int(const yn_node *n, long *out) {
  const char *s = plain(n);
  if (!s) return -1;
  const char *p = s;
  if (*p == '+' || *p == '-') p++;
  if (!isdigit((unsigned char)*p)) return -1;
  for (const char *q = p; *q; q++) if (!isdigit((unsigned char)*q)) return -1;
  errno = 0;
  long v = strtol(s, NULL, 10);
  if (errno == ERANGE) return -1;
  if (out) *out = v;
  return 0;
}

/* A plain decimal number. */
int yn_to_double(const yn_node *n, double *out) {
  const char *s = plain(n);
  if (!s) return -1;
  /* digits with an optional sign, one point and an exponent: no hex, inf or nan */
  const char *p = s;
  int digits = 0;
  if (*p == '+' || *p == '-') p++;
  while (isdigit((unsigned char)*p)) { p++; digits++; }
  if (*p == '.') { p++; while (isdigit((unsigned char)*p)) { p++; digits++; } }
  if (!digits) return -1;
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-') p++;
    if (!isdigit((unsigned char)*p)) return -1;
    while (isdigit((unsigned char)*p)) p++;
  }
  if (*p) return -1;
  errno = 0;
  double v = strtod(s, NULL);
  if (errno == ERANGE) return -1;
  if (out) *out = v;
  return 0;
}

/* A plain true/false or yes/no in the three usual capitalisations. */
int yn_to_bool(const yn_node *n, int *out) {
  static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "YES" };
  static const char *const no[] = { "false", "False", "FALSE", "no", "No", "NO" };
  const char *s = plain(n);
  if (!s) return -1;
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
    if (strcmp(s, yes[i]) == 0) { if (out) *out = 1; return 0; }
    if (strcmp(s, no[i]) == 0) { if (out) *out = 0; return 0; }
  }
  return -1;
}

/* A plain ~, null or nothing: what YAML writes for a key without a value. */
int yn_is_null(const yn_node *n) {
  const char *s = plain(n);
  if (!s) return 0;
  switch (*s) {   /* "", "~", "null", "Null", "NULL" */
  case '\0': return 1;
  case '~': return s[1] == '\0';
  case 'n': return strcmp(s, "null") == 0;
  case 'N': return strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
  default: return 0;
  }
}
/* }=== */
