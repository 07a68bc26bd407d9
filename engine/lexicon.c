/*
** lexicon.c: labelled phrases and the Aho-Corasick automaton that finds them all in one pass
** over normalised text (lexicon.h).  Loading from YAML lives in lexicon_load.c.
**
** The automaton is built over the bytes of normalised phrase parts.  During insertion each trie
** node keeps its children in a linked list; lex_build turns them into sorted edge arrays (binary
** search per byte, a 256-entry table for the root) and computes failure and dictionary links, so
** matching costs O(text length + hits) whatever the number of phrases.
**
** A lexicon may start from a built-in image (lexicon_int.h): the same tables, compiled from the
** shipped lexicon at build time and matched in place, so start-up does not rebuild them.
** Phrases added afterwards get an automaton of their own; lex_match runs both.
*/
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "text.h"
#include "util.h"

struct lexicon {
  const lex_table *image;        /* built-in automaton matched first, or NULL */
  int image_phrases;             /* its phrase count: the ids of added phrases start there */
  char **labels; int n_labels, cap_labels;   /* the image's labels first, with the same ids */
  int *label_slot; int n_label_slots;   /* lex_label_find's index: label id + 1 by the name's
                                 ** hash, 0 for none; made at the first search, half full at most */
  int quiet[LEX_MAX_QUIET], n_quiet;   /* labels whose phrases hide nothing (lex_set_quiet) */
  int ignore1, negation1;        /* lex_match's label ids + 1 once found (0: not yet); labels
                                 ** are only ever added, so a found id stays right */
  lex_phrase *image_pubs;        /* lex_phrase_at's view of image phrases, filled when asked */
  /* what lex_add added, and the automaton lex_build makes of it */
  lex_phrase_int *phrases; int n_phrases, cap_phrases;
  lex_phrase *pubs;              /* label, text and source of each added phrase ... */
  arena strings;                 /* ... whose texts and sources live here */
  lex_part *parts; int n_parts, cap_parts;
  lex_node *nodes; int n_nodes, cap_nodes;
  lex_out *outs; int n_outs, cap_outs;
  unsigned char *edge_byte; int *edge_to;
  int root_next[256];
  lex_step *steps;
  lex_table own;                 /* read-only view of the above, valid when built */
  int built;
  int taken;                     /* parts, nodes, outs and edges are a table's (lex_take_added) */
  unsigned char *off;            /* per phrase id: switched off (lex_disable), or NULL */
  int n_off;
};

/* An empty lexicon; phrases are added with lex_add or lex_load_file. */
lexicon *lex_new(void) {
  lexicon *lx = xcalloc(1, sizeof *lx);
  return lx;
}

/* A lexicon over a built-in image: only the list of label names is copied (so added phrases
** can intern more), the names themselves stay the image's; its tables are used where they are. */
lexicon *lex_new_from(const lex_table *image) {
  lexicon *lx = lex_new();
  lx->image = image;
  lx->image_phrases = image->n_phrases;
  lx->cap_labels = image->n_labels + 32;   /* the image's labels are distinct: no search */
  lx->labels = xmalloc((size_t)lx->cap_labels * sizeof *lx->labels);
  for (int i = 0; i < image->n_labels; i++) lx->labels[i] = (char *)image->labels[i];
  lx->n_labels = image->n_labels;
  return lx;
}

const lex_table *lex_own_table(lexicon *lx) {
  lex_build(lx);
  return &lx->own;
}

/* Releases the lexicon, its phrases, labels and automaton (never the image). */
void lex_free(lexicon *lx) {
  if (!lx) return;
  for (int i = lx->image ? lx->image->n_labels : 0; i < lx->n_labels; i++) free(lx->labels[i]);
  arena_free(&lx->strings);
  free(lx->labels); free(lx->phrases); free(lx->pubs); free(lx->image_pubs);
  if (!lx->taken) {
    free(lx->parts); free(lx->nodes); free(lx->outs); free(lx->edge_byte); free(lx->edge_to); free(lx->steps);
  }
  free(lx->off);
  free(lx->label_slot);
  free(lx);
}

/* Labels by name: an open-addressed index of their ids.  A scenario's keywords look up a label
** each ("need:budget"), and the markers and moves theirs: a linear search over the lexicon's two
** hundred labels was 0.18 M instructions of a start (docs/performance.md, fifth pass). */
static unsigned label_hash(const char *name) { return (unsigned)util_hash64(name, strlen(name)); }

static void slot_put(lexicon *lx, int label) {
  unsigned mask = (unsigned)lx->n_label_slots - 1, i = label_hash(lx->labels[label]) & mask;
  while (lx->label_slot[i]) i = (i + 1) & mask;
  lx->label_slot[i] = label + 1;
}

/* (Re)makes the index for the labels there are, with room for as many again. */
static void index_labels(lexicon *lx) {
  int n = 64;
  while (n < 4 * (lx->n_labels + 1)) n *= 2;
  free(lx->label_slot);
  lx->label_slot = xcalloc((size_t)n, sizeof *lx->label_slot);
  lx->n_label_slots = n;
  for (int i = 0; i < lx->n_labels; i++) slot_put(lx, i);
}

/* Label id of a name, or -1.  The index is a cache, not part of the lexicon's value: making it
** from a const lexicon is fine. */
int lex_label_find(const lexicon *lx, const char *name) {
  if (!lx->label_slot) index_labels((lexicon *)lx);
  unsigned mask = (unsigned)lx->n_label_slots - 1;
  for (unsigned i = label_hash(name) & mask; lx->label_slot[i]; i = (i + 1) & mask)
    if (strcmp(lx->labels[lx->label_slot[i] - 1], name) == 0) return lx->label_slot[i] - 1;
  return -1;
}

/* Label id of a name, interning it when new. */
int lex_label_id(lexicon *lx, const char *name) {
  int i = lex_label_find(lx, name);
  if (i >= 0) return i;
  if (lx->n_labels == lx->cap_labels) {
    lx->cap_labels = lx->cap_labels ? lx->cap_labels * 2 : 32;
    lx->labels = xrealloc(lx->labels, (size_t)lx->cap_labels * sizeof *lx->labels);
  }
  lx->labels[lx->n_labels] = xstrdup(name);
  lx->own.labels = (const char *const *)lx->labels;   /* the view follows a moved list */
  lx->own.n_labels = lx->n_labels + 1;
  i = lx->n_labels++;
  if (2 * (lx->n_labels + 1) > lx->n_label_slots) index_labels(lx);
  else slot_put(lx, i);
  return i;
}

/* Name of a label id ("?" when out of range). */
const char *lex_label_name(const lexicon *lx, int label) {
  return label >= 0 && label < lx->n_labels ? lx->labels[label] : "?";
}
int lex_label_count(const lexicon *lx) { return lx->n_labels; }
int lex_phrase_count(const lexicon *lx) { return lx->image_phrases + lx->n_phrases; }
/* An image phrase's view is made the first time it is asked for (the matches of a line, or all
** of them for the random walks); the cache is not part of the lexicon's value, so filling it
** from a const lexicon is fine. */
int lex_phrase_label(const lexicon *lx, int i) {
  return i < lx->image_phrases ? lx->image->phrases[i].label : lx->pubs[i - lx->image_phrases].label;
}

void lex_each_phrase_of(const lexicon *lx, const unsigned char *marked, void (*fn)(void *ctx, const char *text),
                        void *ctx) {
  const lex_table *t = lx->image;
  for (int i = 0; i < lx->image_phrases; i++) {
    int l = t->phrases[i].label;
    if (l >= 0 && l < lx->n_labels && marked[l]) fn(ctx, t->strings + t->text_at[i]);
  }
  for (int i = 0; i < lx->n_phrases; i++) {
    int l = lx->pubs[i].label;
    if (l >= 0 && l < lx->n_labels && marked[l]) fn(ctx, lx->pubs[i].text);
  }
}

const lex_phrase *lex_phrase_at(const lexicon *lx, int i) {
  if (i >= lx->image_phrases) return &lx->pubs[i - lx->image_phrases];
  lexicon *m = (lexicon *)lx;
  if (!m->image_pubs) m->image_pubs = xcalloc((size_t)lx->image_phrases, sizeof *m->image_pubs);
  lex_phrase *p = &m->image_pubs[i];
  if (!p->text) {
    const lex_table *t = lx->image;
    p->label = t->phrases[i].label;
    p->text = (char *)t->strings + t->text_at[i];
    p->source = (char *)t->strings + t->source_at[i];
  }
  return p;
}

int lex_is_clause_punct(unsigned char c) {   /* , . ? ! ; : (a switch: strchr per byte cost 1%) */
  return c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ':';
}
int lex_is_sentence_punct(unsigned char c) { return c == '.' || c == '?' || c == '!' || c == ';'; }

/* (lex_breaks_clause and lex_breaks_sentence are inline in lexicon.h) */

static int is_word_byte(unsigned char c) { return c < 0x80 && isalnum(c); }

/* A new trie node with no children and no output. */
static int new_node(lexicon *lx, unsigned char byte) {
  if (lx->n_nodes == lx->cap_nodes) {
    lx->cap_nodes = lx->cap_nodes ? lx->cap_nodes * 2 : 256;
    lx->nodes = xrealloc(lx->nodes, (size_t)lx->cap_nodes * sizeof *lx->nodes);
  }
  lex_node *n = &lx->nodes[lx->n_nodes];
  memset(n, 0, sizeof *n);
  n->first_child = n->sibling = -1;
  n->byte = byte;
  n->fail = 0; n->dict = -1; n->out = -1;
  return lx->n_nodes++;
}

/* Inserts the bytes of one part; records the part as an output of its last node. */
static void trie_insert(lexicon *lx, const char *s, size_t len, int part_id) {
  if (lx->n_nodes == 0) new_node(lx, 0);
  int cur = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    int ch = lx->nodes[cur].first_child;
    while (ch >= 0 && lx->nodes[ch].byte != c) ch = lx->nodes[ch].sibling;
    if (ch < 0) {
      ch = new_node(lx, c);
      lx->nodes[ch].sibling = lx->nodes[cur].first_child;
      lx->nodes[cur].first_child = ch;
    }
    cur = ch;
  }
  if (lx->n_outs == lx->cap_outs) {
    lx->cap_outs = lx->cap_outs ? lx->cap_outs * 2 : 256;
    lx->outs = xrealloc(lx->outs, (size_t)lx->cap_outs * sizeof *lx->outs);
  }
  lx->outs[lx->n_outs] = (lex_out){ part_id, lx->nodes[cur].out };
  lx->nodes[cur].out = lx->n_outs++;
}

/* Adds a phrase: normalise, read ^ and $, split on "...", insert each part. */
int lex_add(lexicon *lx, const char *label, const char *phrase, const char *source, const char **why) {
  assert(!lx->taken);   /* a taken automaton has no trie to insert into */
  size_t nlen;
  char *norm = txt_normalize(phrase, strlen(phrase), &nlen);
  char *p = norm, *e = norm + nlen;
  unsigned anchors = 0;
  if (p < e && *p == '^') { anchors |= LEX_ANCHOR_START; p++; }
  if (e > p && e[-1] == '$') { anchors |= LEX_ANCHOR_END; e--; }
  *e = 0;
  /* Split into parts. */
  char *parts[16]; size_t plen[16]; int stems[16]; int np = 0;
  char *s = p;
  for (;;) {
    char *dots = strstr(s, "...");
    char *pe = dots ? dots : e;
    while (s < pe && *s == ' ') s++;
    char *t = pe;
    while (t > s && t[-1] == ' ') t--;
    int stem = 0;
    if (t > s && t[-1] == '*') { stem = 1; t--; while (t > s && t[-1] == ' ') t--; }
    if (t == s || np == 16) {
      free(norm);
      if (why) *why = msg_text(MSG_CLI_LANG, np == 16 ? "cli.lexicon.too_many_parts" : "cli.lexicon.empty_phrase");
      return -1;
    }
    parts[np] = s; plen[np] = (size_t)(t - s); stems[np] = stem; np++;
    if (!dots) break;
    s = dots + 3;
  }
  if (lx->n_phrases == lx->cap_phrases) {
    lx->cap_phrases = lx->cap_phrases ? lx->cap_phrases * 2 : 128;
    lx->phrases = xrealloc(lx->phrases, (size_t)lx->cap_phrases * sizeof *lx->phrases);
    lx->pubs = xrealloc(lx->pubs, (size_t)lx->cap_phrases * sizeof *lx->pubs);
  }
  int id = lx->n_phrases++;
  lex_phrase_int *ph = &lx->phrases[id];
  ph->label = lex_label_id(lx, label);
  if (!source) source = "";
  /* phrases come in runs from one line of a file: they share its source text */
  char *src = id > 0 && strcmp(lx->pubs[id - 1].source, source) == 0
    ? lx->pubs[id - 1].source : arena_strndup(&lx->strings, source, strlen(source));
  lx->pubs[id] = (lex_phrase){ ph->label, arena_strndup(&lx->strings, phrase, strlen(phrase)), src };
  ph->first_part = lx->n_parts;
  ph->n_parts = np;
  ph->anchors = anchors;
  for (int i = 0; i < np; i++) {
    if (lx->n_parts == lx->cap_parts) {
      lx->cap_parts = lx->cap_parts ? lx->cap_parts * 2 : 128;
      lx->parts = xrealloc(lx->parts, (size_t)lx->cap_parts * sizeof *lx->parts);
    }
    int pid = lx->n_parts++;
    lex_part *pt = &lx->parts[pid];
    pt->phrase = id; pt->index = i; pt->len = plen[i];
    pt->word_left = is_word_byte((unsigned char)parts[i][0]);
    pt->word_right = !stems[i] && is_word_byte((unsigned char)parts[i][plen[i] - 1]);
    pt->stem = (unsigned char)stems[i];
    trie_insert(lx, parts[i], plen[i], pid);
  }
  free(norm);
  lx->built = 0;
  return lx->image_phrases + id;
}

/* Child of n on byte c in a built automaton, or -1. */
/* The node the edge on byte c leads to among the n edges of t from edge_* index start (sorted
** by byte), or -1. */
static int edge_child(const lex_table *t, int start, int n, unsigned char c) {
  int lo = 0, hi = n - 1;
  const unsigned char *eb = t->edge_byte + start;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (eb[mid] == c) return t->edge_to[start + mid];
    if (eb[mid] < c) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

static int child(const lex_table *t, int n, unsigned char c) {
  if (n == 0) return t->root_next[c];
  return edge_child(t, t->nodes[n].edge_start, t->nodes[n].n_edges, c);
}

/* Points the read-only view at the run-time arrays. */
static void refresh_view(lexicon *lx) {
  lx->own = (lex_table){
    (const char *const *)lx->labels, lx->n_labels,
    lx->phrases, lx->n_phrases, NULL, NULL, NULL, NULL, lx->parts, lx->n_parts, lx->nodes, lx->n_nodes,
    lx->outs, lx->n_outs, lx->edge_byte, lx->edge_to, lx->root_next, lx->steps,
  };
}

/* The step of a built node n of t (lex_step): its failure link, first output and edges. */
static lex_step make_step(const lex_table *t, int n) {
  const lex_node *nd = &t->nodes[n];
  lex_step st = { nd->fail, nd->out >= 0 ? n : nd->dict, nd->edge_start, (unsigned short)nd->n_edges, 0, 0 };
  if (nd->n_edges == 1) { st.to = t->edge_to[nd->edge_start]; st.byte = t->edge_byte[nd->edge_start]; }
  return st;
}

/* Child of a node on byte c, from its step s, or -1 (the root's: root_next). */
static int step_child(const lex_table *t, const lex_step *s, unsigned char c) {
  if (s->n_edges == 1) return s->byte == c ? s->to : -1;
  return edge_child(t, s->to, s->n_edges, c);
}

/* See lexicon_int.h.  Labels, phrases and their views are the lexicon's own (label ids differ
** from t's); the texts and the automaton stay in t's read-only memory. */
int lex_take_added(lexicon *lx, const lex_table *t, const char *source_file) {
  if (lx->n_phrases || lx->n_nodes || lx->taken) return -1;
  int *label = xmalloc(((size_t)t->n_labels + 1) * sizeof *label);
  for (int k = 0; k < t->n_labels; k++) label[k] = lex_label_id(lx, t->labels[k]);
  lx->phrases = xmalloc(((size_t)t->n_phrases + 1) * sizeof *lx->phrases);
  lx->pubs = xmalloc(((size_t)t->n_phrases + 1) * sizeof *lx->pubs);
  lx->n_phrases = lx->cap_phrases = t->n_phrases;
  size_t nf = strlen(source_file);
  for (int i = 0; i < t->n_phrases; i++) {
    lx->phrases[i] = t->phrases[i];
    lx->phrases[i].label = label[t->phrases[i].label];
    const char *src = t->strings + t->source_at[i];
    /* phrases come in runs from one line of a file: they share its source text */
    char *shared = i > 0 && strcmp(t->strings + t->source_at[i - 1], src) == 0 ? lx->pubs[i - 1].source : NULL;
    if (!shared) {
      size_t ns = strlen(src);
      shared = arena_alloc(&lx->strings, nf + ns + 1);
      memcpy(shared, source_file, nf);
      memcpy(shared + nf, src, ns + 1);
    }
    lx->pubs[i] = (lex_phrase){ lx->phrases[i].label, (char *)(t->strings + t->text_at[i]), shared };
  }
  free(label);
  lx->parts = (lex_part *)t->parts; lx->n_parts = lx->cap_parts = t->n_parts;
  lx->nodes = (lex_node *)t->nodes; lx->n_nodes = lx->cap_nodes = t->n_nodes;
  lx->outs = (lex_out *)t->outs; lx->n_outs = lx->cap_outs = t->n_outs;
  lx->edge_byte = (unsigned char *)t->edge_byte;
  lx->edge_to = (int *)t->edge_to;
  lx->steps = (lex_step *)t->steps;
  memcpy(lx->root_next, t->root_next, sizeof lx->root_next);
  lx->taken = 1;
  refresh_view(lx);
  lx->built = 1;
  return 0;
}

/* Sorts the children of each node into edge arrays; computes failure and dictionary links (BFS). */
void lex_build(lexicon *lx) {
  if (lx->built) return;
  if (lx->n_nodes == 0) new_node(lx, 0);
  free(lx->edge_byte); free(lx->edge_to);
  lx->edge_byte = xmalloc((size_t)lx->n_nodes);
  lx->edge_to = xmalloc((size_t)lx->n_nodes * sizeof *lx->edge_to);
  int ne = 0;
  for (int i = 0; i < 256; i++) lx->root_next[i] = -1;
  for (int n = 0; n < lx->n_nodes; n++) {
    lex_node *nd = &lx->nodes[n];
    nd->edge_start = ne;
    nd->n_edges = 0;
    for (int ch = nd->first_child; ch >= 0; ch = lx->nodes[ch].sibling) {
      lx->edge_to[ne + nd->n_edges] = ch;
      nd->n_edges++;
    }
    /* insertion sort by byte: nodes have few children except the root */
    for (int i = 1; i < nd->n_edges; i++) {
      int v = lx->edge_to[ne + i], j = i;
      while (j > 0 && lx->nodes[lx->edge_to[ne + j - 1]].byte > lx->nodes[v].byte) {
        lx->edge_to[ne + j] = lx->edge_to[ne + j - 1];
        j--;
      }
      lx->edge_to[ne + j] = v;
    }
    for (int i = 0; i < nd->n_edges; i++) lx->edge_byte[ne + i] = lx->nodes[lx->edge_to[ne + i]].byte;
    if (n == 0)
      for (int i = 0; i < nd->n_edges; i++) lx->root_next[lx->edge_byte[i]] = lx->edge_to[i];
    ne += nd->n_edges;
  }
  refresh_view(lx);
  /* BFS for failure links. */
  int *queue = xmalloc((size_t)lx->n_nodes * sizeof *queue);
  int qh = 0, qt = 0;
  lx->nodes[0].fail = 0; lx->nodes[0].dict = -1;
  for (int i = 0; i < lx->nodes[0].n_edges; i++) {
    int ch = lx->edge_to[i];
    lx->nodes[ch].fail = 0;
    lx->nodes[ch].dict = -1;
    queue[qt++] = ch;
  }
  while (qh < qt) {
    int n = queue[qh++];
    lex_node *nd = &lx->nodes[n];
    for (int i = 0; i < nd->n_edges; i++) {
      int ch = lx->edge_to[nd->edge_start + i];
      unsigned char c = lx->edge_byte[nd->edge_start + i];
      int f = nd->fail, t;
      while ((t = child(&lx->own, f, c)) < 0 && f != 0) f = lx->nodes[f].fail;
      t = child(&lx->own, f, c);
      if (t < 0 || t == ch) t = 0;
      lx->nodes[ch].fail = t;
      lx->nodes[ch].dict = lx->nodes[t].out >= 0 ? t : lx->nodes[t].dict;
      queue[qt++] = ch;
    }
  }
  free(queue);
  free(lx->steps);
  lx->steps = xmalloc((size_t)lx->n_nodes * sizeof *lx->steps);
  refresh_view(lx);
  for (int n = 0; n < lx->n_nodes; n++) lx->steps[n] = make_step(&lx->own, n);
  refresh_view(lx);
  lx->built = 1;
}

/* Growable list of hits. */
typedef struct hitvec { lex_hit *v; int n, cap; } hitvec;
/* Appends a hit. */
static void hv_push(hitvec *h, lex_hit x) {
  h->v = xgrow(h->v, h->n, &h->cap, sizeof *h->v, 16);
  h->v[h->n++] = x;
}

/* Raw part hit: phrase field holds the part id until chained. */
static int cmp_raw(const void *a, const void *b, const lex_table *tb) {
  const lex_hit *x = a, *y = b;
  const lex_part *px = &tb->parts[x->phrase], *py = &tb->parts[y->phrase];
  if (px->phrase != py->phrase) return px->phrase < py->phrase ? -1 : 1;
  if (px->index != py->index) return px->index < py->index ? -1 : 1;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return 0;
}

/* Output order: by start, longer first, then phrase order. */
static int cmp_hit(const void *a, const void *b) {
  const lex_hit *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  return x->phrase - y->phrase;
}

/* Clause start: only spaces between pos and the line start, a clause mark or one of the
** caller's starts (lex_match_after: the end of a time that opens the clause). */
static int at_clause_start(const char *t, size_t len, size_t pos, const lex_starts *more) {
  while (pos > 0 && t[pos - 1] == ' ') pos--;
  if (pos == 0 || lex_breaks_clause(t, len, pos - 1)) return 1;
  for (int i = 0; more && i < more->n; i++) if (more->at[i] == pos) return 1;
  return 0;
}
/* Clause end: only spaces between pos and the line end or a clause mark. */
static int at_clause_end(const char *t, size_t len, size_t pos) {
  while (pos < len && t[pos] == ' ') pos++;
  return pos == len || lex_breaks_clause(t, len, pos);
}
/* 1 when no sentence mark (. ? ! ;) lies in t[from..to). */
static int same_sentence(const char *t, size_t len, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (lex_breaks_sentence(t, len, i)) return 0;
  return 1;
}

/* Insertion sort of raw hits (hit lists are short). */
static void sort_raw(lex_hit *v, int n, const lex_table *tb) {
  for (int i = 1; i < n; i++) {
    lex_hit x = v[i];
    int j = i;
    while (j > 0 && cmp_raw(&v[j - 1], &x, tb) > 0) { v[j] = v[j - 1]; j--; }
    v[j] = x;
  }
}

/* One automaton pass over t collects part hits (with word boundaries); parts are chained into
** phrases (gaps within a sentence, anchors).  Phrase ids in res are offset by first_id. */
static void match_table(const lex_table *tb, int first_id, const char *t, size_t len,
                        const lex_starts *more, hitvec *res) {
  hitvec raw = {0};
  int st = 0;
  const lex_step *steps = tb->steps;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)t[i];
    int nx;
    while ((nx = st ? step_child(tb, &steps[st], c) : tb->root_next[c]) < 0 && st != 0) st = steps[st].fail;
    st = nx < 0 ? 0 : nx;
    for (int n = steps[st].hit; n >= 0; n = tb->nodes[n].dict) {
      for (int o = tb->nodes[n].out; o >= 0; o = tb->outs[o].next) {
        const lex_part *pt = &tb->parts[tb->outs[o].part];
        size_t end = i + 1, start = end - pt->len;
        if (pt->word_left && start > 0 && is_word_byte((unsigned char)t[start - 1])) continue;
        if (pt->word_right && end < len && is_word_byte((unsigned char)t[end])) continue;
        if (pt->stem) while (end < len && is_word_byte((unsigned char)t[end])) end++;
        hv_push(&raw, (lex_hit){ tb->outs[o].part, 0, start, end, 0 });
      }
    }
  }
  /* Chain parts into phrases: raw hits sorted by phrase, part index, start. */
  sort_raw(raw.v, raw.n, tb);
  for (int i = 0; i < raw.n;) {
    int ph = tb->parts[raw.v[i].phrase].phrase;
    int j = i;
    while (j < raw.n && tb->parts[raw.v[j].phrase].phrase == ph) j++;
    const lex_phrase_int *P = &tb->phrases[ph];
    size_t taken_until = 0;
    for (int k = i; k < j && tb->parts[raw.v[k].phrase].index == 0; k++) {
      if (raw.v[k].start < taken_until) continue;
      size_t s0 = raw.v[k].start, e = raw.v[k].end;
      int ok = 1;
      for (int pi = 1; pi < P->n_parts && ok; pi++) {
        ok = 0;
        for (int m = i; m < j; m++) {
          if (tb->parts[raw.v[m].phrase].index != pi || raw.v[m].start < e) continue;
          if (!same_sentence(t, len, e, raw.v[m].start)) break;
          e = raw.v[m].end; ok = 1;
          break;
        }
      }
      if (!ok) continue;
      if ((P->anchors & LEX_ANCHOR_START) && !at_clause_start(t, len, s0, more)) continue;
      if ((P->anchors & LEX_ANCHOR_END) && !at_clause_end(t, len, e)) continue;
      hv_push(res, (lex_hit){ first_id + ph, P->label, s0, e, P->n_parts > 1 });
      taken_until = e;
    }
    i = j;
  }
  free(raw.v);
}

/* Switches off every phrase of a label written as phrase (compared normalised), built-in or
** added; returns how many (0: the label has no such phrase). */
int lex_disable(lexicon *lx, const char *label, const char *phrase) {
  int l = lex_label_find(lx, label);
  if (l < 0) return 0;
  char *want = txt_normalize(phrase, strlen(phrase), NULL);
  int total = lx->image_phrases + lx->n_phrases, n = 0;
  const lex_table *t = lx->image;
  for (int i = 0; i < total; i++) {
    /* the label first, from the tables themselves: lex_phrase_at makes an image phrase's public
    ** view (an array for all 5,700 of them), and was asked for every phrase to compare a
    ** hundred.  An image phrase's normal form was made at build time (norm_at): normalising the
    ** 102 phrases of hospital-campaign's three switched-off labels was 0.17 M instructions of
    ** its start. */
    int image = i < lx->image_phrases;
    const lex_phrase *added = image ? NULL : &lx->pubs[i - lx->image_phrases];
    if ((image ? t->phrases[i].label : added->label) != l) continue;
    char *made = image ? NULL : txt_normalize(added->text, strlen(added->text), NULL);
    const char *have = image ? t->strings + t->norm_at[i] : made;
    if (strcmp(have, want) == 0) {
      if (lx->n_off < total) {
        lx->off = xrealloc(lx->off, (size_t)total);
        memset(lx->off + lx->n_off, 0, (size_t)(total - lx->n_off));
        lx->n_off = total;
      }
      lx->off[i] = 1;
      n++;
    }
    free(made);
  }
  free(want);
  return n;
}

void lex_set_quiet(lexicon *lx, int label) {
  assert(label >= 0 && label < lx->n_labels);
  for (int i = 0; i < lx->n_quiet; i++) if (lx->quiet[i] == label) return;
  assert(lx->n_quiet < LEX_MAX_QUIET);
  lx->quiet[lx->n_quiet++] = label;
}

static int is_quiet(const lexicon *lx, int label) {
  for (int i = 0; i < lx->n_quiet; i++) if (lx->quiet[i] == label) return 1;
  return 0;
}

/* Hits of the built-in image and of the added phrases, then "ignore" and nested negations are
** dropped, and the phrases switched off (lex_disable) count for nothing: not even as an
** "ignore" that hides others. */
int lex_match(lexicon *lx, const char *t, size_t len, lex_hit **hits) {
  return lex_match_after(lx, t, len, NULL, hits);
}

int lex_match_after(lexicon *lx, const char *t, size_t len, const lex_starts *more, lex_hit **hits) {
  *hits = NULL;
  if (!lx->built) lex_build(lx);
  hitvec res = {0};
  if (lx->image) match_table(lx->image, 0, t, len, more, &res);
  if (lx->n_phrases) match_table(&lx->own, lx->image_phrases, t, len, more, &res);
  if (lx->off) {
    int on = 0;
    for (int a = 0; a < res.n; a++)
      if (!(res.v[a].phrase < lx->n_off && lx->off[res.v[a].phrase])) res.v[on++] = res.v[a];
    res.n = on;
  }
  /* "ignore" hides shorter hits inside it; a negation inside a longer phrase is not one. */
  if (!lx->ignore1) lx->ignore1 = lex_label_find(lx, "ignore") + 1;
  if (!lx->negation1) lx->negation1 = lex_label_find(lx, "negation") + 1;
  int ign = lx->ignore1 - 1, neg = lx->negation1 - 1;
  int keep = 0;
  for (int a = 0; a < res.n; a++) {
    lex_hit *h = &res.v[a];
    int drop = (h->label == ign && ign >= 0);
    for (int b = 0; b < res.n && !drop; b++) {
      if (a == b) continue;
      const lex_hit *o = &res.v[b];
      int inside = o->start <= h->start && h->end <= o->end && (o->end - o->start) > (h->end - h->start);
      if (!inside) continue;
      if (ign >= 0 && o->label == ign) drop = 1;
      if (neg >= 0 && h->label == neg && o->label != neg && !o->gapped && !is_quiet(lx, o->label)) drop = 1;
    }
    if (!drop) res.v[keep++] = *h;
  }
  res.n = keep;
  if (res.n) qsort(res.v, (size_t)res.n, sizeof *res.v, cmp_hit);
  else { free(res.v); res.v = NULL; }
  *hits = res.v;
  return res.n;
}
