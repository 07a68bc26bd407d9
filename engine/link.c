/*
** link.c: a line to the scenario's items by meaning (link.h).
**
** Texts and lines become sorted sparse vectors of term ids (the scenario's vocabulary, built
** here) with TF-IDF weights; a line's terms the scenario never uses are left out of it (counting
** them in its length lost more right links than it saved wrong ones: docs/classifier.md, 1d),
** and a text must share two terms with a line to score at all.  Per-line cost: tokenising the
** line once, then per clause the postings of its terms (only the texts sharing a term with it are
** touched: docs/performance.md, "Random walks").
*/
#include <math.h>
#include <pthread.h>
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "lexicon.h"
#include "link.h"
#include "link_concepts.h"
#include "link_int.h"
#include "model.h"
#include "text.h"
#include "util.h"

#define MAX_CLAUSE_SEGS 16  /* the first 16 clauses of a line */
#define MAX_SENT_SEGS 8     /* and its first 8 sentences of two clauses or more */
#define MAX_SEGS (1 + MAX_CLAUSE_SEGS + MAX_SENT_SEGS)
#define MAX_TERMS 512
/* Chinese characters are terms too, beside their bigrams (a Chinese word is one character as often
** as two: 钱, 货, 款, 压, 卖), at this share of their weight and with no evidence of their own: they
** add to a score only where bigrams already share enough (LNK_MIN_SHARED).  Unsegmented Chinese
** loses a one-character word and every word whose bigram straddles its neighbour ("货一多就占着
** 钱"); unigrams and bigrams together are the usual answer in Chinese retrieval.  Chosen on the
** tuning part of the paraphrase sets (play-test 32, docs/classifier.md 1d: 0.3 958 -> 965 of 1051
** right, 43 wrong links as before; 0.5 966 and 45; 0.7 969 and 48; with a third of a word's
** evidence each, 968 and 61). */
#define LNK_UNIGRAM_W 0.3f
#define LNK_IDF_MIN 0.01f   /* the weight of a term every item uses (ln 1 = 0 would drop it) */       /* per text or line; a spoken line is far shorter */

static const char *const kind_names[LNK_KINDS] = { "need", "benefit", "objection", "commitment" };
const char *lnk_kind_name(lnk_kind k) { return k < LNK_KINDS ? kind_names[k] : "?"; }

/* English function words: they carry no item's meaning, and with a scenario's few dozen items
** IDF alone cannot tell that "your" says nothing.  Light verbs too (put, make, take, give, go,
** come): "How has the filter been since we put it in?" shared "filter" and "put" ("put in a good
** word") with the objection that Maria won't recommend a faulty filter, and she raised it (found
** in the listening replays; tuning part 226 -> 227 right, wrong unchanged).  Reflexive pronouns,
** quantifiers (many, few, each, every, one, other, such, same, most) and "thing(s)" (play-test 30):
** "you keep more euro on each one" linked a benefit through "each" and "one", "Do you wrap things in
** tissue ...?" a need through "things"; on the tuning part wrong links 44 -> 38, right 758 -> 757
** of 846 (docs/classifier.md 1d). */
static const char *const stop_en[] = {
  "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
  "been", "being", "but", "by", "can", "come", "could", "did", "do", "does", "don't", "each",
  "every", "few", "for", "from", "get", "give", "go", "got", "had", "has", "have", "he", "her",
  "here", "herself", "him", "himself", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if", "in",
  "into", "is", "it", "it's", "its", "itself", "just", "let", "let's", "like", "make", "many",
  "may", "me", "might", "more", "most", "much", "must", "my", "myself", "need", "needed", "needs",
  "no", "not", "now", "of", "ok", "okay", "on", "one", "or", "other", "our", "ourselves", "out",
  "put", "really", "right", "s", "same", "she", "should", "so", "some", "such", "take", "than",
  "that", "that's", "the", "their", "them", "themselves", "then", "there", "these", "they",
  "thing", "things", "this", "those", "to", "too", "up", "us", "very", "was", "we", "we'd",
  "we'll", "we're", "we've", "well", "were", "what", "what's", "when", "where", "which", "who",
  "whom", "why", "will", "with", "would", "yes", "you", "you'd", "you'll", "you're", "you've",
  "your", "yours", "yourself", "yourselves",
};
/* Chinese bigrams of pronouns and particles, for the same reason. */
static const char *const stop_zh[] = {   /* sorted by bytes, like stop_en */
  "一下", "一个", "不下", "不是", "什么", "他们", "你们", "你的", "可以", "咱们", "就是", "怎么", "您的", "您看", "您这",
  "我们", "我的", "我这", "时候", "是不", "的时", "的话", "要不", "这个", "这边", "那个", "那边",
};

/* 1 when list is sorted by bytes with no repeat (asserted once per index build). */
static int sorted_list(const char *const *list, size_t n) {
  for (size_t i = 1; i < n; i++) if (strcmp(list[i - 1], list[i]) >= 0) return 0;
  return 1;
}

/* strcmp's order between the word w (len bytes) and the entry e. */
static int cmp_word(const char *w, size_t len, const char *e) {
  /* byte by byte (a call to strncmp per step was most of an index build's stop-word tests); w
  ** holds no NUL, so an entry shorter than w differs at its end */
  for (size_t i = 0; i < len; i++) {
    int c = (unsigned char)w[i] - (unsigned char)e[i];
    if (c) return c;
  }
  return -(unsigned char)e[len];   /* e longer than w: w comes first */
}

/* The stop lists as hash sets, made once: every word of a scenario's texts is looked up when
** its link index is built (a linear scan was 12% of a start, a binary search still the index's
** most mispredicted branches).  slot[]: an entry's index + 1 (0: empty), open addressing. */
#define STOP_SLOTS 1024
typedef struct stop_list {
  const char *const *v; size_t n;
  size_t maxlen;                      /* a longer word is no stop word */
  unsigned short slot[STOP_SLOTS];
} stop_list;
static stop_list stops_en = { stop_en, sizeof stop_en / sizeof *stop_en, 0, { 0 } };
static stop_list stops_zh = { stop_zh, sizeof stop_zh / sizeof *stop_zh, 0, { 0 } };
static pthread_once_t stops_once = PTHREAD_ONCE_INIT;

static void index_list(stop_list *l) {
  assert(4 * l->n <= STOP_SLOTS);
  for (size_t i = 0; i < l->n; i++) {
    size_t len = strlen(l->v[i]), h = (size_t)util_hash64(l->v[i], len) & (STOP_SLOTS - 1);
    while (l->slot[h]) h = (h + 1) & (STOP_SLOTS - 1);
    l->slot[h] = (unsigned short)(i + 1);
    if (len > l->maxlen) l->maxlen = len;
  }
}

/* Chinese characters that say nothing alone as terms of linking (tokens' unigrams): particles,
** pronouns, numerals, the commonest verbs, adverbs and measure words.  Decoded once into a sorted
** table of code points (index_stops). */
static const char stop_zh_chars[] =
  "的了是我您你他她它们吧吗呢啊呀嘛哦哈啦么就都也还在有这那个一二三四五六七八九十两几不没和跟与及把被给让"
  "会能要想说对好很太得地着过什怎样儿咱其又再才而且或但如果因为所以以之为于从向到去来上下里中大小多少些点"
  "已经正刚将每各该此何嗯喂请谢";
static int32_t stop_cps[256];
static int n_stop_cps;

static int cmp_cp(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

static void index_stop_chars(void) {
  for (size_t i = 0, n = sizeof stop_zh_chars - 1; i < n && n_stop_cps < 256;) {
    size_t a;
    int32_t c = txt_decode(stop_zh_chars + i, n - i, &a);
    assert(c >= 0 && a > 0);
    stop_cps[n_stop_cps++] = c;
    i += a;
  }
  qsort(stop_cps, (size_t)n_stop_cps, sizeof *stop_cps, cmp_cp);
}

/* 1 when the Chinese character cp is a stop character (after index_stops). */
static int stop_char(int32_t cp) {
  return bsearch(&cp, stop_cps, (size_t)n_stop_cps, sizeof *stop_cps, cmp_cp) != NULL;
}

static void index_stops(void) { index_list(&stops_en); index_list(&stops_zh); index_stop_chars(); }

/* 1 when w (len > 0 bytes) is in the list. */
static int is_stop(const stop_list *l, const char *w, size_t len) {
  assert(len > 0);
  if (len > l->maxlen) return 0;
  for (size_t h = (size_t)util_hash64(w, len) & (STOP_SLOTS - 1); l->slot[h]; h = (h + 1) & (STOP_SLOTS - 1)) {
    const char *e = l->v[l->slot[h] - 1];
    if (cmp_word(w, len, e) == 0) return 1;
  }
  return 0;
}

/* The id of a term, adding it when add is set; -1 when unknown. */
static int term_id(lnk_index *x, const char *s, size_t n, int add) {
  assert(!add || !x->image);   /* an image's arrays are read-only: only a build adds terms */
  if (!x->nslot) {
    if (!add) return -1;
    x->nslot = 1024;
    x->slot = xmalloc(x->nslot * sizeof *x->slot);
    for (size_t i = 0; i < x->nslot; i++) x->slot[i] = -1;
  }
  size_t m = x->nslot - 1, i = util_hash64(s, n) & m;
  for (; x->slot[i] >= 0; i = (i + 1) & m) {
    const char *t = x->terms[x->slot[i]];
    if (strlen(t) == n && memcmp(t, s, n) == 0) return x->slot[i];
  }
  if (!add) return -1;
  if (x->nterms == x->cap_terms) {
    x->cap_terms = x->cap_terms ? 2 * x->cap_terms : 256;
    x->terms = xrealloc(x->terms, (size_t)x->cap_terms * sizeof *x->terms);
  }
  x->terms[x->nterms] = xstrndup(s, n);
  x->slot[i] = x->nterms;
  if ((size_t)(x->nterms + 1) * 2 > x->nslot) {   /* keep the table at most half full */
    size_t ns = x->nslot * 2;
    int *sl = xmalloc(ns * sizeof *sl);
    for (size_t k = 0; k < ns; k++) sl[k] = -1;
    for (int k = 0; k <= x->nterms; k++) {
      size_t j = util_hash64(x->terms[k], strlen(x->terms[k])) & (ns - 1);
      while (sl[j] >= 0) j = (j + 1) & (ns - 1);
      sl[j] = k;
    }
    free(x->slot);
    x->slot = sl;
    x->nslot = ns;
  }
  return x->nterms++;
}

/* Calls emit(term) for every term of norm[0..len): English base forms without function words,
** digits as they are, Chinese character bigrams (a lone character as itself), and with uni set
** each Chinese character but the stop characters as a unigram too (LNK_UNIGRAM_W); with concepts
** (cn not NULL, link_concepts.h), a member of a concept as the concept's one term instead (a
** Chinese member's bigrams and characters that lie inside it, an English member's words). */
typedef void (*emit_fn)(void *ctx, const char *term, size_t n, size_t at);   /* at: its start in s */

static void concept_emit(const lcn_table *cn, int c, emit_fn emit, void *ctx, size_t at) {
  size_t n;
  const char *term = lcn_term(cn, c, &n);
  emit(ctx, term, n, at);
}

static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
}

/* The concepts of the index's terms: the scenario's own, or the shipped ones (NULL: none). */
static const lcn_table *lnk_concepts(const lnk_index *x) { return x->cn_own ? x->cn_own : lcn_for(NULL); }

static void tokens(wd_stemmer *st, const lcn_table *cn, int uni, const char *s, size_t len, emit_fn emit, void *ctx) {
  pthread_once(&stops_once, index_stops);
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (is_word_byte(c) && c != '\'') {
      size_t j = i;
      while (j < len && is_word_byte((unsigned char)s[j])) j++;
      size_t n = j - i;
      while (n > 0 && s[i + n - 1] == '\'') n--;
      if (n > 2 && s[i + n - 2] == '\'' && s[i + n - 1] == 's') n -= 2;   /* engineer's */
      int con = -1;
      size_t m = cn ? lcn_span_at(cn, s, len, i, &con) : 0;   /* a member of several words */
      if (m) { concept_emit(cn, con, emit, ctx, i); i += m; continue; }
      if (n > 0 && !is_stop(&stops_en, s + i, n)) {
        char out[WD_MAX_WORD + 1];
        size_t k = wd_stem(st, s + i, n, out, sizeof out);
        if (cn && (con = lcn_word(cn, out, k)) < 0) con = lcn_word(cn, s + i, n);
        if (con >= 0) concept_emit(cn, con, emit, ctx, i);
        else emit(ctx, out, k, i);
      }
      i = j;
      continue;
    }
    size_t adv;
    int32_t cp = txt_decode(s + i, len - i, &adv);
    if (cp >= 0 && txt_is_cjk(cp)) {
      size_t j = i, prev = i, span_s = 0, span_e = 0;   /* the concept member last found */
      int count = 0, lone_done = 0;
      while (j < len) {
        size_t a;
        int32_t q = txt_decode(s + j, len - j, &a);
        if (q < 0 || !txt_is_cjk(q)) break;
        int con;
        size_t m = cn && j >= span_e ? lcn_span_at(cn, s, len, j, &con) : 0;
        if (m) { span_s = j; span_e = j + m; concept_emit(cn, con, emit, ctx, j); }
        if (uni && !(j >= span_s && j + a <= span_e) && !stop_char(q)) { emit(ctx, s + j, a, j); lone_done = 1; }
        if (count > 0) {
          size_t n = j + a - prev;
          if (!(prev >= span_s && j + a <= span_e) && !is_stop(&stops_zh, s + prev, n)) emit(ctx, s + prev, n, prev);
        }
        prev = j;
        j += a;
        count++;
      }
      if (count == 1 && span_e <= i && !lone_done) emit(ctx, s + i, j - i, i);
      i = j;
      continue;
    }
    i += adv;
  }
}

/* A bag of term ids (with counts) while tokenising; unknown terms are counted apart. */
typedef struct bag {
  lnk_index *x; int add;
  int id[MAX_TERMS]; int tf[MAX_TERMS]; int n;
  int unknown;
} bag;

/* Counts the term id (-1: unknown) into the bag. */
static void bag_add(bag *b, int id) {
  if (id < 0) { b->unknown++; return; }
  for (int i = 0; i < b->n; i++) if (b->id[i] == id) { b->tf[i]++; return; }
  if (b->n < MAX_TERMS) { b->id[b->n] = id; b->tf[b->n] = 1; b->n++; }
}

static void bag_emit(void *ctx, const char *term, size_t n, size_t at) {
  (void)at;
  bag *b = ctx;
  bag_add(b, term_id(b->x, term, n, b->add));
}

/* A line's terms in the order tokens() gives them, each with its start, so that every segment's
** bag is taken from one pass over the line (a segment ends at punctuation, where no term runs
** on: its terms are the line's that start inside it, in the same order).  over: more terms
** than fit, or as many distinct ones as a bag holds (then the segments are read one by one). */
#define MAX_LINE_TERMS 1024
typedef struct line_terms {
  const lnk_index *x;
  int id[MAX_LINE_TERMS]; size_t at[MAX_LINE_TERMS]; int n;
  int over;
} line_terms;

static void line_emit(void *ctx, const char *term, size_t n, size_t at) {
  line_terms *lt = ctx;
  if (lt->n == MAX_LINE_TERMS) { lt->over = 1; return; }
  lt->id[lt->n] = term_id((lnk_index *)lt->x, term, n, 0);
  lt->at[lt->n++] = at;
}

static int cmp_int_pair(const void *a, const void *b) {
  const int *x = a, *y = b;
  return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Sorts a bag by term id and weighs it into v (TF-IDF, sublinear tf); unknown terms add to the
** length with the weight of a term no item uses. */
static void bag_vec(const lnk_index *x, bag *b, vec *v, int with_unknown) {
  int pairs[2 * MAX_TERMS];
  if (b->n <= 32) {   /* a text's few distinct ids: insertion sort (qsort's calls cost more) */
    for (int i = 0; i < b->n; i++) {
      int id = b->id[i], tf = b->tf[i], k = i;
      for (; k > 0 && pairs[2 * (k - 1)] > id; k--) { pairs[2 * k] = pairs[2 * (k - 1)]; pairs[2 * k + 1] = pairs[2 * (k - 1) + 1]; }
      pairs[2 * k] = id; pairs[2 * k + 1] = tf;
    }
  } else {   /* the ids of a bag are distinct (bag_add): either sort gives the same order */
    for (int i = 0; i < b->n; i++) { pairs[2 * i] = b->id[i]; pairs[2 * i + 1] = b->tf[i]; }
    qsort(pairs, (size_t)b->n, 2 * sizeof(int), cmp_int_pair);
  }
  v->n = b->n;
  double sq = 0;
  for (int i = 0; i < b->n; i++) {
    v->id[i] = pairs[2 * i];
    v->w[i] = (1.0f + logf((float)pairs[2 * i + 1])) * x->idf[pairs[2 * i]];
    sq += (double)v->w[i] * v->w[i];
  }
  if (with_unknown) sq += (double)b->unknown * x->idf_unknown * x->idf_unknown;
  v->norm = (float)sqrt(sq);
}

static float cosine(const lnk_index *x, const vec *a, const vec *b) {
  if (a->norm <= 0 || b->norm <= 0) return 0;
  double dot = 0;
  int shared = 0;   /* in thirds of a word */
  for (int i = 0, j = 0; i < a->n && j < b->n;) {
    if (a->id[i] < b->id[j]) i++;
    else if (a->id[i] > b->id[j]) j++;
    else { dot += (double)a->w[i] * b->w[j]; shared += x->evid[a->id[i]]; i++; j++; }
  }
  if (shared < LNK_MIN_SHARED * LNK_EVID_WORD) return 0;   /* one shared word is too weak a sign of meaning */
  return (float)(dot / ((double)a->norm * b->norm));
}

static void add_text(lnk_index *x, lnk_kind k, int item, const char *shown, const char *what) {
  if (!shown || !*shown) return;
  if (x->nt == x->cap_t) {
    x->cap_t = x->cap_t ? 2 * x->cap_t : 64;
    x->t = xrealloc(x->t, (size_t)x->cap_t * sizeof *x->t);
  }
  ltext *t = &x->t[x->nt++];
  memset(t, 0, sizeof *t);
  t->kind = k;
  t->item = item;
  t->shown = xstrdup(shown);
  t->what = what;
}

static void add_item(lnk_index *x, lnk_kind k, int item, const scn_strs *ex, const char *said,
                     const scn_strs *kw) {
  for (int i = 0; i < ex->n; i++) add_text(x, k, item, ex->v[i], "example");
  add_text(x, k, item, said, "said");
  if (kw->n) {
    size_t len = 0;
    for (int i = 0; i < kw->n; i++) len += strlen(kw->v[i]) + 2;
    char *all = xmalloc(len + 1), *p = all;
    for (int i = 0; i < kw->n; i++) p += sprintf(p, "%s%s", i ? ", " : "", kw->v[i]);
    add_text(x, k, item, all, "keywords");
    free(all);
  }
  if (ex->n) x->linkable[k][item] = 1;
}

/* Tokenises a text's normalised form into a bag (adding its terms to the vocabulary). */
static void text_bag(lnk_index *x, wd_stemmer *st, const char *s, bag *b, int add) {
  size_t nl;
  char *norm = txt_normalize(s, strlen(s), &nl);
  b->n = 0;   /* only the first n ids and counts are read: no need to clear all MAX_TERMS */
  b->unknown = 0;
  b->x = x;
  b->add = add;
  tokens(st, lnk_concepts(x), 1, norm, nl, bag_emit, b);
  free(norm);
}

static void vec_alloc(vec *v, int n) {
  v->id = xmalloc(sizeof *v->id * (size_t)(n ? n : 1));
  v->w = xmalloc(sizeof *v->w * (size_t)(n ? n : 1));
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Every item's centroid: the mean of its texts' unit vectors, itself a text in t[].  Each
** item's texts are found from one pass that lists them by item (in index order, so the sums are
** the same), and only the terms they hold are read back (in term order): a scan of every text
** and every term per item grew with the items times the texts and the vocabulary. */
static void build_centroids(lnk_index *x) {
  float *acc = xcalloc((size_t)x->nterms + 1, sizeof *acc);
  unsigned char *mark = xcalloc((size_t)x->nterms + 1, 1);
  int *touched = xmalloc(sizeof *touched * (size_t)(x->nterms + 1));
  int n_texts = x->n_texts;
  int *order = xmalloc(sizeof *order * (size_t)(n_texts + 1));
  for (int k = 0; k < LNK_KINDS; k++) {
    int ni = x->nitems[k];
    int *from = xcalloc((size_t)ni + 2, sizeof *from);   /* texts of item i: order[from[i] .. from[i + 1]) */
    for (int i = 0; i < n_texts; i++)
      if (x->t[i].kind == (lnk_kind)k && x->t[i].item >= 0 && x->t[i].item < ni) from[x->t[i].item + 1]++;
    for (int i = 0; i < ni; i++) from[i + 1] += from[i];
    int *fill = xmalloc(sizeof *fill * (size_t)(ni + 1));
    memcpy(fill, from, sizeof *fill * (size_t)(ni + 1));
    for (int i = 0; i < n_texts; i++)
      if (x->t[i].kind == (lnk_kind)k && x->t[i].item >= 0 && x->t[i].item < ni) order[fill[x->t[i].item]++] = i;
    free(fill);
    for (int item = 0; item < ni; item++) {
      int any = 0, nt = 0;
      for (int p = from[item]; p < from[item + 1]; p++) {
        const ltext *t = &x->t[order[p]];
        if (t->v.norm <= 0) continue;
        for (int j = 0; j < t->v.n; j++) {
          int id = t->v.id[j];
          if (!mark[id]) { mark[id] = 1; touched[nt++] = id; }
          acc[id] += t->v.w[j] / t->v.norm;
        }
        any = 1;
      }
      if (!any) continue;
      add_text(x, (lnk_kind)k, item, "(centroid)", "centroid");   /* never shown: a hit's text is an item's own */
      ltext *c = &x->t[x->nt - 1];
      qsort(touched, (size_t)nt, sizeof *touched, cmp_int);
      int n = 0;
      for (int q = 0; q < nt; q++) n += acc[touched[q]] != 0;
      vec_alloc(&c->v, n);
      double sq = 0;
      for (int q = 0; q < nt; q++) {
        int j = touched[q];
        if (acc[j] != 0) { c->v.id[c->v.n] = j; c->v.w[c->v.n++] = acc[j]; sq += (double)acc[j] * acc[j]; }
        acc[j] = 0;
        mark[j] = 0;
      }
      c->v.norm = (float)sqrt(sq);
    }
    free(from);
  }
  free(order);
  free(touched);
  free(mark);
  free(acc);
}

/* The postings of every term over all texts (centroids included), texts in index order. */
static void build_postings(lnk_index *x) {
  x->post_at = xcalloc((size_t)x->nterms + 2, sizeof *x->post_at);
  for (int i = 0; i < x->nt; i++)
    for (int j = 0; j < x->t[i].v.n; j++) x->post_at[x->t[i].v.id[j] + 1]++;
  for (int j = 0; j < x->nterms; j++) x->post_at[j + 1] += x->post_at[j];
  int total = x->post_at[x->nterms];
  x->post_text = xmalloc(sizeof *x->post_text * (size_t)(total + 1));
  x->post_w = xmalloc(sizeof *x->post_w * (size_t)(total + 1));
  int *fill = xmalloc(sizeof *fill * (size_t)(x->nterms + 1));
  memcpy(fill, x->post_at, sizeof *fill * (size_t)(x->nterms + 1));
  for (int i = 0; i < x->nt; i++)
    for (int j = 0; j < x->t[i].v.n; j++) {
      int k = fill[x->t[i].v.id[j]]++;
      x->post_text[k] = i;
      x->post_w[k] = x->t[i].v.w[j];
    }
  free(fill);
}

/* The centroid text of an item, or -1. */
static int centroid_of(const lnk_index *x, lnk_kind k, int item) {
  for (int i = x->n_texts; i < x->nt; i++) if (x->t[i].kind == k && x->t[i].item == item) return i;
  return -1;
}

/* The lowest score from LNK_FLOOR up at which 95% of the links the grid counts are right
** (tp[g], fp[g]: links made at g / 100 or more), or LNK_CEIL. */
static float grid_threshold(const int *tp, const int *fp, int grid) {
  for (int g = (int)(LNK_FLOOR * 100 + 0.5f); g < grid; g++)
    if (tp[g] + fp[g] > 0 && fp[g] * 20 <= tp[g] + fp[g]) return (float)g / 100.0f;
  return LNK_CEIL;
}

/* Leave-one-out over the examples (link.h), in the comparison the index uses: each example
** against its own item without it (the nearest other text, or the centroid of the others:
** with unit vectors e and sum S, cos(e, S - e) = (e.S - 1) / |S - e|) and against the other
** items of its kind; the threshold is the lowest score at which 95% of the links these would
** make are right. */
static void calibrate(lnk_index *x) {
  enum { GRID = 81 };            /* 0.00 .. 0.80 */
  int tp[GRID] = { 0 }, fp[GRID] = { 0 };
  int ktp[LNK_KINDS][GRID] = { { 0 } }, kfp[LNK_KINDS][GRID] = { { 0 } }, kn[LNK_KINDS] = { 0 };
  int n = 0;
  int *centroids[LNK_KINDS] = { NULL };   /* per kind and item (up to 64): centroid_of */
  if (x->mode == LNK_CENTROID)
    for (int k = 0; k < LNK_KINDS; k++) {
      int ni = x->nitems[k] > 64 ? 64 : x->nitems[k];
      centroids[k] = xmalloc(sizeof *centroids[k] * (size_t)(ni + 1));
      for (int i = 0; i < ni; i++) centroids[k][i] = centroid_of(x, (lnk_kind)k, i);
    }
  for (int e = 0; e < x->n_texts; e++) {
    const ltext *te = &x->t[e];
    if (strcmp(te->what, "example") != 0 || te->v.norm <= 0) continue;
    float best[64 + 1];
    int ni = x->nitems[te->kind];
    if (ni > 64) ni = 64;
    for (int i = 0; i < ni; i++) best[i] = 0;
    if (x->mode == LNK_CENTROID) {
      /* the example's dot product with each centroid of its kind, and the terms they share, from
      ** the postings of its terms (a centroid's posting ends its term's list: centroids follow
      ** the texts), in the example's term order: the sums cosine() makes, bit for bit, without
      ** a pass over every centroid's terms (two thirds of an index build's calibration) */
      double dot[64 + 1];
      int shared[64 + 1];
      for (int i = 0; i < ni; i++) { dot[i] = 0; shared[i] = 0; }
      for (int k = 0; k < te->v.n; k++) {
        int id = te->v.id[k];
        for (int p = x->post_at[id + 1] - 1; p >= x->post_at[id] && x->post_text[p] >= x->n_texts; p--) {
          const ltext *c = &x->t[x->post_text[p]];
          if (c->kind != te->kind || c->item >= ni) continue;
          dot[c->item] += (double)te->v.w[k] * x->post_w[p];
          shared[c->item] += x->evid[id];
        }
      }
      for (int i = 0; i < ni; i++) {
        int ci = centroids[te->kind][i];
        if (ci < 0) continue;
        const vec *cv = &x->t[ci].v;
        /* cosine(x, &te->v, cv), from the sums above */
        float s = cv->norm <= 0 || shared[i] < LNK_MIN_SHARED * LNK_EVID_WORD ? 0
                : (float)(dot[i] / ((double)te->v.norm * cv->norm));
        if (i == te->item) {   /* without the example itself */
          float es = s * cv->norm;   /* e.S with e a unit vector */
          double rest = (double)cv->norm * cv->norm - 2.0 * es + 1.0;
          s = rest > 1e-9 ? (float)((es - 1.0) / sqrt(rest)) : 0;
        }
        best[i] = s > 0 ? s : 0;
      }
    } else {
      for (int o = 0; o < x->n_texts; o++) {
        const ltext *to = &x->t[o];
        if (o == e || to->kind != te->kind || to->item < 0 || to->item >= ni) continue;
        float s = cosine(x, &te->v, &to->v);
        if (s > best[to->item]) best[to->item] = s;
      }
    }
    for (int i = 0; i < ni; i++) {
      if (!x->linkable[te->kind][i]) continue;
      for (int g = 0; g < GRID; g++) {
        if (best[i] < (float)g / 100.0f) break;
        if (i == te->item) { tp[g]++; ktp[te->kind][g]++; } else { fp[g]++; kfp[te->kind][g]++; }
      }
    }
    kn[te->kind]++;
    n++;
  }
  for (int k = 0; k < LNK_KINDS; k++) free(centroids[k]);
  x->calibrated_on = n;
  x->thr = LNK_DEFAULT;
  for (int k = 0; k < LNK_KINDS; k++) x->thr_kind[k] = LNK_DEFAULT;
  if (n < 4) { x->calibrated_on = 0; return; }
  x->thr = grid_threshold(tp, fp, GRID);
  /* each kind on its own examples too, so a ladder whose rungs share words (the same person, the
  ** same site, weekdays) cannot lift the threshold of the needs and benefits (a trainer's first
  ** scenario linked nothing by meaning at its pooled 0.41, its needs calibrating at 0.12).  A kind
  ** is never held stricter than the pooled threshold: calibrated alone, the shipped referral
  ** rungs (all about the sister) rose from 0.13 to 0.33 and lost three right links of the
  ** paraphrase sets.  A kind with fewer than four examples keeps the pooled one. */
  for (int k = 0; k < LNK_KINDS; k++) {
    float own = kn[k] >= 4 ? grid_threshold(ktp[k], kfp[k], GRID) : x->thr;
    x->thr_kind[k] = own < x->thr ? own : x->thr;
  }
}

/* Weighs down the terms common in sales talk at large (model.h's background frequencies: on
** more than MDL_BG_COMMON of the corpus's lines) by sqrt(ln(N/df) / ln(N/MDL_BG_COMMON)), N
** lines: a scenario's few dozen items cannot tell on their own that "team", "look" or 系统 say
** little ("Your engineers won't have to look after it" linked the set-up objection).  The square
** root and MDL_BG_COMMON were chosen on the tuning part of the paraphrase sets (docs/classifier.md
** 1d).  No model (the generator's builds): the scenario's weights alone. */
/* A concept's term is on at least as many of the corpus's lines as its most common member: it
** weighs as that member would (the corpus counts words, not concepts). */
typedef struct member_df { const mdl_image *m; int df; } member_df;
static void member_df_of(void *ctx, const char *w, size_t n) {
  member_df *d = ctx;
  int df = mdl_background_df(d->m, w, n);
  if (df > d->df) d->df = df;
}

static void background_weights(lnk_index *x, const mdl_image *m) {
  if (!m || m->n_bg <= 0) return;
  float n = (float)m->n_bg_lines + 1.0f, full = logf(n / (float)(MDL_BG_COMMON + 1));
  if (full <= 0) return;
  for (int j = 0; j < x->nterms; j++) {
    int df = mdl_background_df(m, x->terms[j], strlen(x->terms[j]));
    if (x->terms[j][0] == '~') {   /* a concept (link_concepts.h) */
      member_df d = { m, df };
      lcn_members(lnk_concepts(x), x->terms[j], strlen(x->terms[j]), member_df_of, &d);
      df = d.df;
    }
    if (df <= MDL_BG_COMMON) continue;
    float r = logf(n / (float)(df + 1)) / full;
    x->idf[j] *= sqrtf(r > 0 ? r : 0);
  }
}

/* The customer's own name says nothing of what a line is about: "Grace, how long have you been
** running the floor here?" shared "grace" and "long" with "Grace, the extra hands for the holiday
** peak need too long to get up to speed?" and linked that need; 李总 and 赵主任 open lines of any
** topic.  The terms of cust_name (its words, its bigrams) weigh nothing and count as no evidence,
** in the texts and in every line, as if they were stop words of this scenario (chosen on the open
** paraphrase sets: docs/classifier.md 1d). */
static void names_emit(void *ctx, const char *term, size_t n, size_t at) {
  (void)at;
  lnk_index *x = ctx;
  int id = term_id(x, term, n, 0);
  if (id >= 0) { x->idf[id] = 0; x->evid[id] = 0; }
}

static void names_silent(lnk_index *x, wd_stemmer *st, const char *name) {
  if (!name || !*name) return;
  size_t nl;
  char *norm = txt_normalize(name, strlen(name), &nl);
  tokens(st, lnk_concepts(x), 1, norm, nl, names_emit, x);
  free(norm);
}

lnk_index *lnk_new(const scenario *sc, wd_stemmer *st) {
  assert(sorted_list(stop_en, sizeof stop_en / sizeof *stop_en));   /* kept sorted, without repeats */
  assert(sorted_list(stop_zh, sizeof stop_zh / sizeof *stop_zh));
  if (!sc) return NULL;
  int any = 0;
  for (int i = 0; i < sc->n_needs; i++) any |= sc->needs[i].examples.n > 0;
  for (int i = 0; i < sc->n_benefits; i++) any |= sc->benefits[i].examples.n > 0;
  for (int i = 0; i < sc->n_objections; i++) any |= sc->objections[i].examples.n > 0;
  for (int i = 0; i < sc->n_commitments; i++) any |= sc->commitments[i].examples.n > 0;
  if (!any) return NULL;
  /* a shipped scenario's index as the build made it (link_image.c), else built here */
  const bi_entry *img = sc->src_len ? bi_find_links(sc->src_len, sc->src_hash) : NULL;
  if (img && st) return lnk_from_image(sc, img->bytes, img->n_bytes);
  return lnk_build(sc, st);
}

lnk_index *lnk_build(const scenario *sc, wd_stemmer *st) {
  lnk_index *x = xcalloc(1, sizeof *x);
  x->sc = sc;
  x->fixed_thr = -1;
  x->cn_own = sc->n_concepts ? lcn_for(sc) : NULL;
  x->mode = LNK_DEFAULT_MODE;
  x->nitems[LNK_NEED] = sc->n_needs;
  x->nitems[LNK_BENEFIT] = sc->n_benefits;
  x->nitems[LNK_OBJECTION] = sc->n_objections;
  x->nitems[LNK_COMMITMENT] = sc->n_commitments;
  for (int k = 0; k < LNK_KINDS; k++) x->linkable[k] = xcalloc((size_t)x->nitems[k] + 1, 1);
  for (int i = 0; i < sc->n_needs; i++)
    add_item(x, LNK_NEED, i, &sc->needs[i].examples, sc->needs[i].said, &sc->needs[i].keywords);
  for (int i = 0; i < sc->n_benefits; i++)
    add_item(x, LNK_BENEFIT, i, &sc->benefits[i].examples, NULL, &sc->benefits[i].keywords);
  for (int i = 0; i < sc->n_objections; i++)
    add_item(x, LNK_OBJECTION, i, &sc->objections[i].examples, sc->objections[i].said, &sc->objections[i].keywords);
  for (int i = 0; i < sc->n_commitments; i++)
    add_item(x, LNK_COMMITMENT, i, &sc->commitments[i].examples, sc->commitments[i].action,
             &sc->commitments[i].keywords);
  x->first_unrel = x->nt;
  for (int i = 0; i < sc->unrelated.n; i++) add_text(x, LNK_NEED, -1, sc->unrelated.v[i], "unrelated");
  x->n_texts = x->nt;

  /* vocabulary and document frequency over items (an item's texts are one document) */
  bag *b = xmalloc(sizeof *b);
  int total_items = 0;
  for (int k = 0; k < LNK_KINDS; k++) total_items += x->nitems[k];
  int *df = NULL, *last = NULL, cap = 0;
  /* each text's bag, kept from this pass for the vectors below (tokenising and stemming every
  ** text twice was a third of an index build) */
  int **kept = xcalloc((size_t)x->n_texts + 1, sizeof *kept), *nkept = xcalloc((size_t)x->n_texts + 1, sizeof *nkept);
  for (int i = 0; i < x->n_texts; i++) {
    ltext *t = &x->t[i];
    text_bag(x, st, t->shown, b, 1);
    kept[i] = xmalloc(sizeof **kept * (size_t)(2 * b->n + 1));
    for (int j = 0; j < b->n; j++) { kept[i][2 * j] = b->id[j]; kept[i][2 * j + 1] = b->tf[j]; }
    nkept[i] = b->n;
    if (x->nterms > cap) {
      int nc = x->nterms * 2;
      df = xrealloc(df, sizeof *df * (size_t)nc);
      last = xrealloc(last, sizeof *last * (size_t)nc);
      for (int j = cap; j < nc; j++) { df[j] = 0; last[j] = -1; }
      cap = nc;
    }
    int key = (int)t->kind * 100000 + t->item;
    if (t->item >= 0) {   /* an unrelated line is no item's: it weighs no term down */
      for (int j = 0; j < b->n; j++)
        if (last[b->id[j]] != key) { last[b->id[j]] = key; df[b->id[j]]++; }
    }
  }
  x->idf = xmalloc(sizeof *x->idf * (size_t)(x->nterms + 1));
  /* idf = ln(N / df), a term in every item kept at a token weight: against ln(1 + N / df) it
  ** weighs the words shared by many items less, and was chosen on the tuning part of the
  ** paraphrase sets (linked right 0.896 -> 0.917, wrong links 0.042 -> 0.048; the squared form
  ** reached 0.924 but 0.053 wrong: docs/classifier.md 1d) */
  x->idf_unknown = logf((float)total_items) + LNK_IDF_MIN;
  for (int j = 0; j < x->nterms; j++)   /* a term of unrelated lines alone: as one no item uses */
    x->idf[j] = df[j] ? logf((float)total_items / (float)df[j]) + LNK_IDF_MIN : x->idf_unknown;
  x->evid = xmalloc((size_t)x->nterms + 1);
  /* a concept's term (link_concepts.h) says what one of its words says: a Chinese scenario's is
  ** mostly a two-character word, one bigram's evidence (as a word's, the concepts of the Chinese
  ** open lines made 4 wrong links more: docs/classifier.md 1d, play-test 31) */
  int zh = sc->language && strcmp(sc->language, "zh") == 0;
  for (int j = 0; j < x->nterms; j++)   /* the tokeniser's terms: ASCII words, CJK bigrams */
    x->evid[j] = (unsigned char)x->terms[j][0] >= 0x80 || (zh && x->terms[j][0] == '~') ? LNK_EVID_BIGRAM : LNK_EVID_WORD;
  background_weights(x, sc->language ? mdl_find(sc->language) : NULL);
  names_silent(x, st, sc->cust_name);
  for (int j = 0; j < x->nterms; j++) {   /* a Chinese character alone: a unigram (LNK_UNIGRAM_W) */
    size_t a, tl = strlen(x->terms[j]);
    int32_t cp = (unsigned char)x->terms[j][0] >= 0x80 ? txt_decode(x->terms[j], tl, &a) : -1;
    if (cp >= 0 && a == tl && txt_is_cjk(cp)) { x->idf[j] *= LNK_UNIGRAM_W; x->evid[j] = 0; }
  }
  free(df);
  free(last);
  for (int i = 0; i < x->n_texts; i++) {
    ltext *t = &x->t[i];
    b->x = x; b->add = 0; b->unknown = 0; b->n = nkept[i];   /* every term known: added above */
    for (int j = 0; j < b->n; j++) { b->id[j] = kept[i][2 * j]; b->tf[j] = kept[i][2 * j + 1]; }
    free(kept[i]);
    vec_alloc(&t->v, b->n);
    bag_vec(x, b, &t->v, 0);
  }
  free(kept);
  free(nkept);
  free(b);
  build_centroids(x);
  build_postings(x);
  calibrate(x);
  return x;
}

void lnk_free(lnk_index *x) {
  if (!x) return;
  lcn_release(x->cn_own);
  if (x->image) {   /* the rest lives in the binary's image (link_int.h) */
    free(x->terms);
    free(x->t);
    free(x);
    return;
  }
  for (int i = 0; i < x->nterms; i++) free(x->terms[i]);
  free(x->terms);
  free(x->slot);
  free(x->idf);
  free(x->evid);
  free(x->post_at);
  free(x->post_text);
  free(x->post_w);
  for (int i = 0; i < x->nt; i++) { free(x->t[i].shown); free(x->t[i].v.id); free(x->t[i].v.w); }
  free(x->t);
  for (int k = 0; k < LNK_KINDS; k++) free(x->linkable[k]);
  free(x);
}

float lnk_threshold(const lnk_index *x) { return x->fixed_thr >= 0 ? x->fixed_thr : x->thr; }

float lnk_threshold_of(const lnk_index *x, lnk_kind k) {
  return x->fixed_thr >= 0 ? x->fixed_thr : k < LNK_KINDS ? x->thr_kind[k] : x->thr;
}

int lnk_passes(const lnk_index *x, const lnk_hit *h) {
  return h->score >= lnk_threshold_of(x, h->kind) && (!h->weak || h->score >= LNK_WEAK_FLOOR);
}
int lnk_calibrated_on(const lnk_index *x) { return x->calibrated_on; }

int lnk_linkable(const lnk_index *x, lnk_kind kind, int item) {
  return kind < LNK_KINDS && item >= 0 && item < x->nitems[kind] && x->linkable[kind][item];
}

const char *lnk_text(const lnk_index *x, int i) {
  return i >= 0 && i < x->nt ? x->t[i].shown : "";
}
const char *lnk_text_kind(const lnk_index *x, int i) {
  return i >= 0 && i < x->nt ? x->t[i].what : "";
}

void lnk_configure(lnk_index *x, lnk_mode mode, float threshold) {
  if (mode != x->mode) { x->mode = mode; calibrate(x); }
  x->fixed_thr = threshold;
}

/* The segments of a line: the whole of it, then each clause (between , . ? ! ; :) of two
** terms or more, so "so you need X, and Y" links both X and Y; then, in a line of several
** sentences, each sentence of several clauses: "We also sell them with a display kit, so they
** tend to go within weeks." after a sentence about something else says one thing, which
** neither the whole line nor either clause alone did (play-test 17). */
static int segments(const char *s, size_t len, size_t *start, size_t *end, int *ncore) {
  int n = 0;
  start[n] = 0; end[n] = len; n++;
  size_t from = 0;
  int clauses = 0;
  for (size_t i = 0; i <= len && clauses < MAX_CLAUSE_SEGS; i++) {
    if (i < len && !lex_breaks_clause(s, len, i)) continue;   /* "2.8万" is one number */
    if (i > from) { start[n] = from; end[n] = i; n++; clauses++; }
    from = i + 1;
  }
  if (clauses <= 1) { *ncore = 1; return 1; }   /* one clause is the whole line */
  *ncore = n;   /* the whole line and its clauses; the sentences come after them */
  size_t ss[MAX_SENT_SEGS], se[MAX_SENT_SEGS];
  int sentences = 0, several = 0;   /* sentences of two clauses or more; 1 once a second begins */
  from = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && !lex_breaks_sentence(s, len, i)) continue;
    size_t at = from;   /* the clause before owns the space after its mark: the sentence not */
    while (at < i && s[at] == ' ') at++;
    if (i > at) {
      several |= at > 0;
      int parts = 0;
      for (int k = 1; k < n; k++) parts += start[k] >= from && end[k] <= i;
      if (parts >= 2 && sentences < MAX_SENT_SEGS) { ss[sentences] = at; se[sentences] = i; sentences++; }
    }
    from = i + 1;
  }
  for (int k = 0; several && k < sentences; k++) { start[n] = ss[k]; end[n] = se[k]; n++; }
  return n;
}

/* Scores every segment of a line against the texts of the given kinds: per segment and item,
** the best cosine (nearest mode) or the centroid's, into sc[seg * nall + global item], and
** whether that score rests on weak evidence (LNK_WEAK_EVID) into weak[] at the same place;
** returns the number of segments, their spans in ss/se, and in *ncore how many come before the
** sentences (segments()).  Items are numbered across kinds by
** base[]. */
/* The length of line vector q over the terms some item uses, for the items' scores: a word of the
** scenario's unrelated lines alone must not dilute them (it counts for the unrelated lines' score).
** With no unrelated lines every term of q is an item's: q's own length, and no pass over it. */
static float items_norm(const lnk_index *x, const vec *q) {
  if (x->first_unrel == x->n_texts) return q->norm;
  double sq = 0;
  for (int k = 0; k < q->n; k++) {
    int p0 = x->post_at[q->id[k]];
    if (p0 < x->post_at[q->id[k] + 1] && x->post_text[p0] < x->first_unrel) sq += (double)q->w[k] * q->w[k];
  }
  return (float)sqrt(sq);
}

static int score_segments(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len,
                          const int *base, int nall, float *sc, unsigned char *weak, int *best_text,
                          float *near, float *unrel, int *unrel_text, size_t *ss, size_t *se, int *ncore) {
  int nseg = segments(norm, len, ss, se, ncore);
  bag b_buf, *b = &b_buf;   /* on the stack, as lt below: 4 KiB mallocs consolidated the heap */
  int ids[MAX_TERMS]; float ws[MAX_TERMS];
  vec q = { ids, ws, 0, 0 };
  int lo = x->mode == LNK_CENTROID ? x->n_texts : 0, hi = x->mode == LNK_CENTROID ? x->nt : x->n_texts;
  /* per text: the dot product with the line and the terms shared, summed over the postings
  ** in the line's term order, the order cosine() adds them in (the same float, bit for bit) */
  double dot_buf[256], top_buf[256]; int shared_buf[256];   /* a scenario's texts fit; more are malloc'd */
  double *dot = dot_buf, *top = top_buf;   /* top: its largest term (LNK_ONE_WORD) */
  int *shared = shared_buf;
  void *blk = NULL;
  if (x->nt >= 256) {   /* one block for the three (three mallocs a line before) */
    blk = xmalloc((sizeof *dot + sizeof *top + sizeof *shared) * (size_t)(x->nt + 1));
    dot = blk;
    top = dot + x->nt + 1;
    shared = (int *)(void *)(top + x->nt + 1);
  }
  /* the texts a clause's postings touched, a bit each: only they can share enough terms to
  ** score, so only they are scored (in index order, as before).  A text's three sums are set to
  ** 0 where its bit is first set, so no text's are read before they are written, and the arrays
  ** need no zeroing (a memset of every text's, twice a line: 3% of the walks' instructions) */
  int nw = (x->nt + 63) / 64;
  uint64_t touched_buf[64];
  uint64_t *touched = nw <= 64 ? touched_buf : xmalloc(sizeof *touched * (size_t)nw);
  memset(touched, 0, sizeof *touched * (size_t)nw);
  line_terms lt_buf, *lt = &lt_buf;   /* 12 KiB on the stack: a large malloc consolidates the heap */
  lt->x = x; lt->n = 0; lt->over = 0;
  tokens(st, lnk_concepts(x), 1, norm, len, line_emit, lt);
  if (!lt->over) {   /* as many distinct terms as a bag holds: it would drop some, segments not */
    b->x = (lnk_index *)x; b->add = 0; b->n = 0; b->unknown = 0;
    for (int k = 0; k < lt->n; k++) bag_add(b, lt->id[k]);
    lt->over = b->n >= MAX_TERMS;
  }
  for (int g = 0; g < nseg; g++) {
    float *row = sc + (size_t)g * (size_t)nall;
    int *brow = best_text + (size_t)g * (size_t)nall;
    unsigned char *wrow = weak + (size_t)g * (size_t)nall;
    for (int i = 0; i < nall; i++) { row[i] = 0; brow[i] = -1; wrow[i] = 0; }
    if (unrel) { unrel[g] = 0; unrel_text[g] = -1; }
    b->x = (lnk_index *)x;   /* add == 0: the vocabulary is only read */
    b->add = 0;
    b->n = 0;
    b->unknown = 0;
    if (lt->over) tokens(st, lnk_concepts(x), 1, norm + ss[g], se[g] - ss[g], bag_emit, b);
    else for (int k = 0; k < lt->n; k++) if (lt->at[k] >= ss[g] && lt->at[k] < se[g]) bag_add(b, lt->id[k]);
    float *nrow = near ? near + (size_t)g * (size_t)nall : NULL;   /* each item's nearest text, for the unrelated */
    if (nrow) for (int i = 0; i < nall; i++) nrow[i] = 0;
    if (g > 0 && b->n < 2) continue;   /* a clause of one known word says too little */
    bag_vec(x, b, &q, 0);   /* measured: words no item uses only dilute (docs/classifier.md 1d) */
    if (q.norm <= 0) continue;   /* cosine() is 0 for every text */
    float qn_items = items_norm(x, &q);   /* 0: only unrelated texts are touched */
    for (int k = 0; k < q.n; k++)
      for (int p = x->post_at[q.id[k]]; p < x->post_at[q.id[k] + 1]; p++) {
        int i = x->post_text[p];
        double term = (double)q.w[k] * x->post_w[p];
        uint64_t bit = (uint64_t)1 << (i & 63);
        if (!(touched[i >> 6] & bit)) { touched[i >> 6] |= bit; dot[i] = 0; top[i] = 0; shared[i] = 0; }
        dot[i] += term;
        if (term > top[i]) top[i] = term;
        shared[i] += x->evid[q.id[k]];
      }
    /* the score in the index's mode; the nearest text (example, said or keywords) in every
    ** mode, as the evidence a trainer reads; a text sharing fewer than LNK_MIN_SHARED terms
    ** scores 0 (cosine()), which changes neither */
    float nearest[1024];
    int nn = nall < 1024 ? nall : 1024;
    for (int i = 0; i < nn; i++) nearest[i] = 0;
    for (int w = 0; w < nw; w++) {
      for (uint64_t m = touched[w]; m; m &= m - 1) {
        int i = w * 64 + __builtin_ctzll(m);
        double d = dot[i], one = top[i];
        int sh = shared[i];
        const ltext *t = &x->t[i];
        if (sh < LNK_MIN_SHARED * LNK_EVID_WORD || t->v.norm <= 0) continue;
        if (t->item < 0) {   /* a line of the scenario's unrelated: */
          float s = (float)(d / ((double)q.norm * t->v.norm));
          if (unrel && s > unrel[g]) { unrel[g] = s; unrel_text[g] = i; }
          continue;
        }
        int gi = base[t->kind] + t->item;
        if (gi >= nn && i < x->n_texts) continue;
        float s = (float)(d / ((double)qn_items * t->v.norm));
        if ((float)((d - one) / ((double)qn_items * t->v.norm)) < LNK_ONE_WORD) continue;   /* one word's match */
        if (i < x->n_texts && s > nearest[gi]) { nearest[gi] = s; brow[gi] = i; }
        if (i >= lo && i < hi && s > row[gi]) { row[gi] = s; wrow[gi] = sh < LNK_WEAK_EVID; }
      }
      touched[w] = 0;
    }
    if (nrow) for (int i = 0; i < nn; i++) nrow[i] = nearest[i];
  }
  free(blk);
  if (touched != touched_buf) free(touched);
  return nseg;
}

static void bases(const lnk_index *x, int *base, int *nall) {
  *nall = 0;
  for (int k = 0; k < LNK_KINDS; k++) { base[k] = *nall; *nall += x->nitems[k]; }
}

int lnk_rank(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, lnk_kind kind,
             lnk_hit *out, int cap) {
  if (!x || kind >= LNK_KINDS || cap <= 0) return 0;
  int base[LNK_KINDS], nall;
  bases(x, base, &nall);
  size_t ss[MAX_SEGS], se[MAX_SEGS];
  float *sc = xmalloc(sizeof *sc * (size_t)(nall + 1) * MAX_SEGS);
  unsigned char *wk = xmalloc((size_t)(nall + 1) * MAX_SEGS);
  int *bt = xmalloc(sizeof *bt * (size_t)(nall + 1) * MAX_SEGS);
  int ncore = 0, nseg = score_segments(x, st, norm, len, base, nall, sc, wk, bt, NULL, NULL, NULL, ss, se, &ncore);
  /* every item is scored and the best cap of them written (with cap below the count it once
  ** scored only the first cap items: "shares nothing with any need" read need 0 alone) */
  int ni = x->nitems[kind];
  lnk_hit *all = cap >= ni ? out : xmalloc(sizeof *all * (size_t)(ni + 1));   /* out when it holds all */
  for (int i = 0; i < ni; i++) {
    lnk_hit *h = &all[i];
    h->kind = kind; h->item = i; h->score = 0; h->text = -1; h->start = 0; h->end = len; h->weak = 0;
    /* the best segment the weak floor lets link; failing that, the best of all (a near miss) */
    for (int pass = 0; pass < 2 && h->score <= 0; pass++)
      for (int g = 0; g < nseg; g++) {
        size_t at = (size_t)g * (size_t)nall + (size_t)(base[kind] + i);
        if (pass == 0 && wk[at] && sc[at] < LNK_WEAK_FLOOR) continue;
        if (sc[at] > h->score) { h->score = sc[at]; h->text = bt[at]; h->start = ss[g]; h->end = se[g]; h->weak = wk[at]; }
      }
  }
  free(sc);
  free(wk);
  free(bt);
  for (int i = 1; i < ni; i++) {   /* insertion sort, best first (a handful of items) */
    lnk_hit h = all[i];
    int j = i;
    while (j > 0 && all[j - 1].score < h.score) { all[j] = all[j - 1]; j--; }
    all[j] = h;
  }
  if (all == out) return ni;
  memcpy(out, all, sizeof *out * (size_t)cap);
  free(all);
  return cap;
}

/* The weight of kind k for the segment [s, e): the least weight of the spans it overlaps by more
** than spaces (1 when it overlaps none).  (A clause owns the space after its comma, where the next
** segment starts: counting that space gave every English segment its predecessor's weights by
** accident, which classify_link.c's carry_weights now does on purpose, for English only.) */
static float seg_weight(const char *norm, const lnk_span *sp, int nsp, size_t s, size_t e, lnk_kind k) {
  float w = 1.0f;
  for (int i = 0; i < nsp; i++) {
    if (sp[i].start >= e || sp[i].end <= s || sp[i].w[k] >= w) continue;
    if (sp[i].inside_only && (s < sp[i].start || e > sp[i].end)) continue;
    size_t a = sp[i].start > s ? sp[i].start : s, b = sp[i].end < e ? sp[i].end : e;
    while (a < b && norm[a] == ' ') a++;
    if (a < b) w = sp[i].w[k];
  }
  return w;
}

float lnk_unrelated(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, int *text) {
  *text = -1;
  if (!x || x->first_unrel == x->n_texts) return 0;
  int base[LNK_KINDS], nall;
  bases(x, base, &nall);
  size_t ss[MAX_SEGS], se[MAX_SEGS];
  size_t cells = (size_t)(nall + 1) * MAX_SEGS;
  float *sc = xmalloc(sizeof *sc * cells);
  unsigned char *wk = xmalloc(cells);
  int *bt = xmalloc(sizeof *bt * cells);
  float unrel[MAX_SEGS], best = 0;
  int unrel_text[MAX_SEGS];
  int ncore = 0, nseg = score_segments(x, st, norm, len, base, nall, sc, wk, bt, NULL, unrel, unrel_text, ss, se, &ncore);
  for (int g = 0; g < nseg; g++)
    if (unrel[g] > best) { best = unrel[g]; *text = unrel_text[g]; }
  free(sc);
  free(wk);
  free(bt);
  return best;
}

int lnk_link(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, unsigned kinds,
             lnk_hit *out, int cap) {
  return lnk_link_spans(x, st, norm, len, kinds, NULL, 0, out, cap);
}

int lnk_link_spans(const lnk_index *x, wd_stemmer *st, const char *norm, size_t len, unsigned kinds,
                   const lnk_span *spans, int nspans, lnk_hit *out, int cap) {
  assert(nspans == 0 || spans);
  if (!x || cap <= 0) return 0;
  int base[LNK_KINDS], nall;
  bases(x, base, &nall);
  size_t ss[MAX_SEGS], se[MAX_SEGS];
  /* the three tables in one block, on the stack for a scenario's items (three mallocs and frees
  ** a line before: 20 M instructions of 200 walks) */
  size_t cells = (size_t)(nall + 1) * MAX_SEGS, need = cells * (2 * sizeof(float) + sizeof(int) + 1);
  union { double align; unsigned char b[16384]; } here;
  unsigned char *blk = need <= sizeof here.b ? here.b : xmalloc(need);
  float *sc = (float *)(void *)blk;
  int *bt = (int *)(void *)(blk + cells * sizeof(float));
  float *near = (float *)(void *)(blk + cells * (sizeof(float) + sizeof(int)));
  unsigned char *wk = blk + cells * (2 * sizeof(float) + sizeof(int));
  float unrel[MAX_SEGS];
  int unrel_text[MAX_SEGS];
  int ncore = 0, nseg = score_segments(x, st, norm, len, base, nall, sc, wk, bt, near, unrel, unrel_text, ss, se, &ncore);
  int n = 0;
  for (int g = 0; g < nseg; g++) {
    /* the one item this segment is about: the best of the kinds asked for */
    int bk = -1, bi = -1;
    float bs = 0;
    for (int k = 0; k < LNK_KINDS; k++) {
      if (!(kinds >> k & 1u)) continue;
      float w = seg_weight(norm, spans, nspans, ss[g], se[g], (lnk_kind)k);
      for (int i = 0; i < x->nitems[k]; i++) {
        size_t at = (size_t)g * (size_t)nall + (size_t)(base[k] + i);
        float s = w * sc[at];
        if (wk[at] && sc[at] < LNK_WEAK_FLOOR) continue;   /* too little shared for so low a score */
        if (s < lnk_threshold_of(x, (lnk_kind)k)) continue;   /* the best item that links */
        if (s > bs && x->linkable[k][i]) { bs = s; bk = k; bi = i; }
      }
    }
    if (bk < 0) continue;
    /* nearer to one of the scenario's unrelated lines than to any text of the kinds asked for:
    ** small talk of her world, which shares a word or two with a need's examples */
    if (unrel[g] > 0) {
      float best_near = 0;
      for (int k = 0; k < LNK_KINDS; k++) {
        if (!(kinds >> k & 1u)) continue;
        for (int i = 0; i < x->nitems[k]; i++) {
          float v = near[(size_t)g * (size_t)nall + (size_t)(base[k] + i)];
          if (v > best_near) best_near = v;
        }
      }
      if (unrel[g] * LNK_UNRELATED_MARGIN > best_near) continue;
    }
    int dup = -1;
    for (int j = 0; j < n; j++) if ((int)out[j].kind == bk && out[j].item == bi) dup = j;
    /* a sentence only adds what neither the line nor a clause linked: its wider span would make a
    ** clause's need and the benefit beside it overlap (one_side in classify_link.c drops one) */
    if (dup >= 0 && g >= ncore) continue;
    if (dup >= 0) {
      if (bs > out[dup].score) {
        out[dup].score = bs; out[dup].text = bt[(size_t)g * (size_t)nall + (size_t)(base[bk] + bi)];
        out[dup].start = ss[g]; out[dup].end = se[g];
      }
      continue;
    }
    if (n == cap) break;
    size_t at = (size_t)g * (size_t)nall + (size_t)(base[bk] + bi);
    out[n++] = (lnk_hit){ (lnk_kind)bk, bi, bs, bt[at], ss[g], se[g], wk[at] };
  }
  if (blk != here.b) free(blk);
  return n;
}

typedef struct lbuf { char *s; size_t n, cap; } lbuf;
static void sb_emit(void *ctx, const char *term, size_t n, size_t at) {
  (void)at;
  lbuf *b = ctx;
  if (b->n + n + 2 > b->cap) { b->cap = (b->n + n + 2) * 2; b->s = xrealloc(b->s, b->cap); }
  if (b->n) b->s[b->n++] = ' ';
  memcpy(b->s + b->n, term, n);
  b->n += n;
  b->s[b->n] = 0;
}

char *lnk_terms(wd_stemmer *st, const char *norm, size_t len) {
  lbuf b = { xstrdup(""), 0, 1 };
  tokens(st, NULL, 0, norm, len, sb_emit, &b);   /* words, not concepts: what the reader counts */
  return b.s;
}
