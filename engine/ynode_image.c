/*
** ynode_image.c: a parsed YAML tree as a flat image and back (ynode.h).
**
** The shipped scenarios are parsed at build time and their trees kept in the binary
** (builtin.h, bi_yaml): libyaml's scanner was a third of the work before the first prompt
** (4.3 M instructions of 13.3 M for it-trial.yaml), while rebuilding a tree from its image is
** one pass over its nodes.  An image is used only for a file with exactly the bytes it was made
** from, so what a trainer edits is parsed as before.
**
** Layout (native 32-bit words; the generator and the program are one build):
**   magic, node count, child count, pool length,
**   per node: kind | quoted << 4 | literal << 5, line, col, text offset (YNI_NONE: no text),
**             text length, child count n, first child (a map's keys, then its values),
**   the child indexes, then the text pool (each text NUL-terminated).
** Node 0 is the root; an empty document has no nodes.
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "ynode.h"

#define YNI_MAGIC 0x31494E59u   /* "YNI1" */
#define YNI_HEAD 4              /* words before the nodes */
#define YNI_NODE 7              /* words per node */
#define YNI_NONE UINT32_MAX

typedef struct img_build {
  uint32_t *nodes; size_t n_nodes;
  uint32_t *kids; size_t n_kids;
  strbuf pool;
} img_build;

/* Counts a subtree's nodes and child slots, so the arrays are sized once. */
static void count(const yn_node *n, size_t *nodes, size_t *kids) {
  (*nodes)++;
  if (n->kind == YN_SCALAR) return;
  *kids += (size_t)n->n * (n->kind == YN_MAP ? 2 : 1);
  for (int i = 0; i < n->n; i++) {
    if (n->kind == YN_MAP) count(n->keys[i], nodes, kids);
    count(n->vals[i], nodes, kids);
  }
}

/* Writes node n (already given index at) and, depth first, its children. */
static void put_node(img_build *b, const yn_node *n, size_t at) {
  uint32_t *w = b->nodes + at * YNI_NODE;
  w[0] = (uint32_t)n->kind | (n->quoted ? 1u << 4 : 0) | (n->literal ? 1u << 5 : 0);
  w[1] = (uint32_t)n->line;
  w[2] = (uint32_t)n->col;
  w[3] = YNI_NONE;
  w[4] = (uint32_t)n->len;
  w[5] = (uint32_t)n->n;
  w[6] = 0;
  if (n->str) {
    w[3] = (uint32_t)b->pool.len;
    sb_append(&b->pool, n->str, n->len);
    sb_putc(&b->pool, '\0');
  }
  if (n->kind == YN_SCALAR) return;
  int maps = n->kind == YN_MAP;
  size_t first = b->n_kids, slots = (size_t)n->n * (maps ? 2 : 1);
  w[6] = (uint32_t)first;
  b->n_kids += slots;
  for (int i = 0; i < n->n; i++) {
    if (maps) {
      size_t k = b->n_nodes++;
      b->kids[first + (size_t)i] = (uint32_t)k;
      put_node(b, n->keys[i], k);
    }
    size_t v = b->n_nodes++;
    b->kids[first + (size_t)(maps ? n->n + i : i)] = (uint32_t)v;
    put_node(b, n->vals[i], v);
  }
}

/* See ynode.h. */
unsigned char *yn_image(const yn_doc *doc, size_t *n_bytes) {
  size_t nodes = 0, kids = 0;
  if (doc->root) count(doc->root, &nodes, &kids);
  img_build b = { xcalloc(nodes ? nodes * YNI_NODE : 1, sizeof(uint32_t)), 0,
                  xcalloc(kids ? kids : 1, sizeof(uint32_t)), 0, { 0 } };
  if (doc->root) { b.n_nodes = 1; put_node(&b, doc->root, 0); }
  assert(b.n_nodes == nodes && b.n_kids == kids);
  size_t words = YNI_HEAD + nodes * YNI_NODE + kids;
  *n_bytes = words * sizeof(uint32_t) + b.pool.len;
  unsigned char *out = xmalloc(*n_bytes ? *n_bytes : 1);
  uint32_t head[YNI_HEAD] = { YNI_MAGIC, (uint32_t)nodes, (uint32_t)kids, (uint32_t)b.pool.len };
  memcpy(out, head, sizeof head);
  memcpy(out + sizeof head, b.nodes, nodes * YNI_NODE * sizeof(uint32_t));
  memcpy(out + sizeof head + nodes * YNI_NODE * sizeof(uint32_t), b.kids, kids * sizeof(uint32_t));
  if (b.pool.len) memcpy(out + words * sizeof(uint32_t), b.pool.s, b.pool.len);
  free(b.nodes); free(b.kids); sb_free(&b.pool);
  return out;
}

/* The index range [*from, *to) of the nodes under the value of the root map's key skip (the
** value itself is *from - 1), or an empty range when there is none.  Nodes are numbered depth
** first, each key just before its value: a value's subtree ends where the next key starts. */
static void skipped_range(const unsigned char *w, const unsigned char *k, size_t nodes,
                          const char *pool, const char *skip, size_t *from, size_t *to) {
  uint32_t root[YNI_NODE], key[YNI_NODE], kid;
  *from = *to = 0;
  if (!skip || !nodes) return;
  memcpy(root, w, sizeof root);
  if ((root[0] & 15u) != YN_MAP) return;
  size_t n = root[5], len = strlen(skip);
  for (size_t i = 0; i < n; i++) {
    memcpy(&kid, k + (root[6] + i) * sizeof kid, sizeof kid);
    memcpy(key, w + kid * sizeof key, sizeof key);
    if (key[3] == YNI_NONE || key[4] != len || memcmp(pool + key[3], skip, len) != 0) continue;
    memcpy(&kid, k + (root[6] + n + i) * sizeof kid, sizeof kid);
    *from = (size_t)kid + 1;
    if (i + 1 < n) memcpy(&kid, k + (root[6] + i + 1) * sizeof kid, sizeof kid);
    *to = i + 1 < n ? (size_t)kid : nodes;
    return;
  }
}

/* See ynode.h.  The image comes from the generator of this very build, so its shape is
** asserted, not checked: a bad one is a build bug, not bad input.  The texts are not copied:
** they stay in the image, which outlives the tree (the shipped ones are the program's own
** read-only data); only the nodes and the child pointers are made, in one block each. */
yn_doc *yn_from_image(const char *name, const unsigned char *img, size_t n_bytes, const char *skip) {
  uint32_t head[YNI_HEAD];
  assert(n_bytes >= sizeof head);
  memcpy(head, img, sizeof head);
  assert(head[0] == YNI_MAGIC);
  size_t nodes = head[1], kids = head[2], pool_len = head[3];
  const unsigned char *w = img + sizeof head, *k = w + nodes * YNI_NODE * sizeof(uint32_t),
                      *p = k + kids * sizeof(uint32_t);
  assert((size_t)(p - img) + pool_len == n_bytes);
  (void)n_bytes;
  const char *pool = (const char *)p;
  yn_doc *doc = xcalloc(1, sizeof *doc);
  doc->file = xstrdup(name ? name : "<string>");
  if (!nodes) return doc;
  size_t from, to;   /* the skipped value's nodes, neither made nor pointed at */
  skipped_range(w, k, nodes, pool, skip, &from, &to);
  yn_node *nv = arena_alloc(&doc->arena, nodes * sizeof *nv);
  yn_node **kv = arena_alloc(&doc->arena, (kids ? kids : 1) * sizeof *kv);
  uint32_t rec[YNI_NODE], kid;
  for (size_t i = 0; i < kids; i++) {
    memcpy(&kid, k + i * sizeof kid, sizeof kid);
    assert(kid < nodes);
    if (kid >= from && kid < to) continue;
    kv[i] = nv + kid;
  }
  for (size_t i = 0; i < nodes; i++) {
    if (i == from) i = to;   /* past the skipped value's subtree */
    if (i >= nodes) break;
    memcpy(rec, w + i * sizeof rec, sizeof rec);
    yn_node *n = nv + i;
    memset(n, 0, sizeof *n);
    n->kind = (yn_kind)(rec[0] & 15u);
    n->quoted = (rec[0] >> 4) & 1u;
    n->literal = (rec[0] >> 5) & 1u;
    n->line = (int)rec[1];
    n->col = (int)rec[2];
    n->file = doc->file;
    if (rec[3] != YNI_NONE) { assert(rec[3] < pool_len && pool[rec[3] + rec[4]] == '\0'); n->str = pool + rec[3]; }
    n->len = rec[4];
    if (from && i == from - 1) continue;   /* the skipped value: an empty map or list */
    n->n = n->cap = (int)rec[5];
    if (n->kind == YN_SEQ) n->vals = kv + rec[6];
    else if (n->kind == YN_MAP) { n->keys = kv + rec[6]; n->vals = kv + rec[6] + rec[5]; }
  }
  doc->root = nv;
  return doc;
}
