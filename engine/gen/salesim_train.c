/*
** salesim_train.c: trains the reader's linear model and writes it as C (model.h).
**
**   salesim-train DATA_DIR OUT.c
**
** For each language it reads the labelled corpus DATA_DIR/corpus/LANG/ (every .tsv file; format in
** docs/classifier.md, "The corpus"), reads every line with the rules alone (this tool links
** engine/gen/model_none.c) to make its features (featurize.h), and trains one L2-regularised
** logistic regression per label with liblinear.  A fifth of the lines, chosen by a hash of their
** text, is the dev split: never trained on, only measured.  Each label's threshold is the one
** that gives the best F1 on out-of-fold predictions over the training split (five folds), so
** the dev split stays untouched by tuning too.  The output holds the weights, the thresholds,
** the feature names (for explanations), the vocabulary of known English words (for typo
** correction) and the dev split's F1 per label, and is written atomically.
**
** A malformed corpus line stops the build with FILE:LINE: error: MESSAGE.
*/
#include <dirent.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "classify.h"
#include "classify_int.h"
#include "featurize.h"
#include "lexicon.h"
#include "link.h"
#include "model.h"
#include "text.h"
#include "util.h"
#include "words.h"

#define TRAIN_C      1024.0  /* the cost: chosen on the dev split over 4..4096 (docs/classifier.md, section 5) */
#define MIN_COUNT    2       /* a feature seen fewer times in training is dropped */
#define MIN_VOCAB    3       /* a corpus word seen fewer times is no vocabulary (typos repeat rarely) */
#define PRUNE        0.002   /* a feature weighing less than this for every label is dropped */
#define FOLDS        5
#define THR_MIN      0.35f   /* lowest threshold: below it a label fires on scraps of evidence in
                              ** play (a pricing line read as a summary), for little F1 on paper */

static const char *const label_names[] = {
  "ask", "ask_commitment", "ask_order", "ask_payment", "ask_referral", "specific", "vague",
  "check_concerns", "summarize_benefits", "confirm_need", "ask_decision_chain", "probe_refusal",
  "gain", "loss", "present_feature",
};
#define N_LABELS ((int)(sizeof label_names / sizeof *label_names))

typedef struct row {
  char *text;
  const char *path; int lineno;   /* where it was read, for the review list */
  unsigned char y[N_LABELS];
  int dev;
  int *feats; int nf;        /* feature ids (dictionary order), before pruning */
  int n_total;               /* features made, known or not */
} row;

typedef struct dict { char **name; uint64_t *key; int *count; int n, cap; } dict;

/* Appends a name not yet in d; returns its id. */
static int dict_append(dict *d, const char *name, uint64_t k) {
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 4096;
    d->name = xrealloc(d->name, sizeof *d->name * (size_t)d->cap);
    d->key = xrealloc(d->key, sizeof *d->key * (size_t)d->cap);
    d->count = xrealloc(d->count, sizeof *d->count * (size_t)d->cap);
  }
  d->name[d->n] = xstrdup(name); d->key[d->n] = k; d->count[d->n] = 0;
  return d->n++;
}

/* A small hash index over a dict, so lookups during the corpus pass are not quadratic. */
typedef struct dindex { int *slot; uint32_t mask; } dindex;
static int dict_get(dict *d, dindex *ix, const char *name) {
  uint64_t k = ft_hash2("", name, strlen(name));
  if ((uint32_t)d->n * 2 >= ix->mask) {   /* grow and rehash */
    uint32_t size = ix->mask ? (ix->mask + 1) * 4 : 1u << 16;
    free(ix->slot);
    ix->slot = xmalloc(sizeof *ix->slot * size);
    for (uint32_t i = 0; i < size; i++) ix->slot[i] = -1;
    ix->mask = size - 1;
    for (int i = 0; i < d->n; i++) {
      uint32_t s = (uint32_t)d->key[i] & ix->mask;
      while (ix->slot[s] >= 0) s = (s + 1) & ix->mask;
      ix->slot[s] = i;
    }
  }
  uint32_t s = (uint32_t)k & ix->mask;
  for (; ix->slot[s] >= 0; s = (s + 1) & ix->mask)
    if (d->key[ix->slot[s]] == k && strcmp(d->name[ix->slot[s]], name) == 0) return ix->slot[s];
  int id = dict_append(d, name, k);
  ix->slot[s] = id;
  return id;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

typedef struct bgterm { uint64_t key; int32_t df; } bgterm;
static int cmp_bg(const void *a, const void *b) {
  uint64_t x = ((const bgterm *)a)->key, y = ((const bgterm *)b)->key;
  return x < y ? -1 : x > y;
}

/* Writes the language's background frequencies (model.h): on how many corpus lines each link
** term stands (terms as link.c makes them), for the terms on more than MDL_BG_COMMON lines, as
** P_bg_keys / P_bg_df sorted by key.  The corpus is sales talk of every trade, so a term common
** in it ("system", 直接, "team") says little about which of a scenario's items a line means.
** Returns how many terms it wrote. */
static int put_background(strbuf *o, const char *P, const row *rows, int n) {
  wd_stemmer *st = wd_new();
  dict terms = { 0 };          /* count: on how many lines the term stands */
  dindex ix = { 0 };
  int *last = NULL, cap = 0;   /* per term: the last line that counted it */
  for (int i = 0; i < n; i++) {
    size_t len;
    char *norm = txt_normalize(rows[i].text, strlen(rows[i].text), &len);
    if (!norm) continue;
    char *line = lnk_terms(st, norm, len);
    for (char *p = line; *p;) {
      size_t w = strcspn(p, " ");
      int more = p[w] != '\0';
      p[w] = '\0';
      int id = dict_get(&terms, &ix, p);
      if (id >= cap) {
        int nc = (id + 1) * 2;
        last = xrealloc(last, sizeof *last * (size_t)nc);
        for (int k = cap; k < nc; k++) last[k] = -1;
        cap = nc;
      }
      if (last[id] != i) { last[id] = i; terms.count[id]++; }
      p += w + more;
    }
    free(line);
    free(norm);
  }
  wd_free(st);
  bgterm *t = xmalloc(sizeof *t * (size_t)(terms.n + 1));
  int kept = 0;
  for (int i = 0; i < terms.n; i++)
    if (terms.count[i] > MDL_BG_COMMON)
      t[kept++] = (bgterm){ mdl_bg_hash(terms.name[i], strlen(terms.name[i])), terms.count[i] };
  qsort(t, (size_t)kept, sizeof *t, cmp_bg);
  sb_printf(o, "static const uint64_t %s_bg_keys[%d] = {", P, kept ? kept : 1);
  for (int i = 0; i < kept; i++) sb_printf(o, "%s0x%llxu,", i % 6 ? "" : "\n  ", (unsigned long long)t[i].key);
  if (!kept) sb_puts(o, "0");
  sb_puts(o, "\n};\n");
  sb_printf(o, "static const int32_t %s_bg_df[%d] = {", P, kept ? kept : 1);
  for (int i = 0; i < kept; i++) sb_printf(o, "%s%d,", i % 16 ? "" : "\n  ", t[i].df);
  if (!kept) sb_puts(o, "0");
  sb_puts(o, "\n};\n");
  free(t);
  free(last);
  for (int i = 0; i < terms.n; i++) free(terms.name[i]);
  free(terms.name); free(terms.key); free(terms.count); free(ix.slot);
  return kept;
}

static int label_index(const char *name) {
  for (int i = 0; i < N_LABELS; i++) if (strcmp(label_names[i], name) == 0) return i;
  return -1;
}

/* One corpus file into rows; errors as FILE:LINE: error: MESSAGE.  Returns the error count. */
static int read_corpus(const char *path, row **rows, int *n, int *cap, strbuf *all) {
  size_t len;
  char err[256];
  char *buf = util_read_file(path, 64u << 20, &len, err, sizeof err);
  if (!buf) { fprintf(stderr, "%s: error: %s\n", path, err); return 1; }
  sb_append(all, buf, len);
  int errors = 0, lineno = 0;
  for (char *line = buf, *next; line && *line; line = next) {
    lineno++;
    next = strchr(line, '\n');
    if (next) *next++ = 0;
    size_t l = strlen(line);
    if (l && line[l - 1] == '\r') line[--l] = 0;
    if (!l || line[0] == '#') continue;
    char *col[4] = { line, NULL, NULL, NULL };
    int nc = 1;
    for (char *p = line; *p && nc < 4; p++) if (*p == '\t') { *p = 0; col[nc++] = p + 1; }
    if (nc != 4 || strchr(col[3], '\t')) {
      if (errors++ < 10)
        fprintf(stderr, "%s:%d: error: want 4 tab-separated columns (text, moves, flags, tactic)\n", path, lineno);
      continue;
    }
    row r = { 0 };
    r.text = xstrdup(col[0]);
    r.path = path; r.lineno = lineno;
    int ask = 0, gain_move = 0;
    for (char *tok = strtok(col[1], " "); tok; tok = strtok(NULL, " ")) {
      if (strcmp(tok, "-") == 0) continue;
      if (cls_move_from_name(tok) < 0) {
        fprintf(stderr, "%s:%d: error: unknown move '%s'\n", path, lineno, tok);
        errors++;
        continue;
      }
      int li = label_index(tok);
      if (li >= 0) r.y[li] = 1;
      if (strncmp(tok, "ask_", 4) == 0 && strcmp(tok, "ask_decision_chain") != 0) ask = 1;
      if (!strcmp(tok, "proof") || !strcmp(tok, "summarize_benefits")) gain_move = 1;
    }
    r.y[label_index("ask")] = (unsigned char)ask;
    for (char *tok = strtok(col[2], " "); tok; tok = strtok(NULL, " ")) {
      if (strcmp(tok, "specific") == 0) r.y[label_index("specific")] = 1;
      else if (strcmp(tok, "vague") == 0) r.y[label_index("vague")] = 1;
      else if (strcmp(tok, "-") != 0) {
        fprintf(stderr, "%s:%d: error: unknown flag '%s' (specific, vague or -)\n", path, lineno, tok);
        errors++;
      }
    }
    if (strcmp(col[3], "loss") == 0) r.y[label_index("loss")] = 1;
    else if (strcmp(col[3], "gain") == 0 || (gain_move && strcmp(col[3], "-") == 0)) r.y[label_index("gain")] = 1;
    else if (strcmp(col[3], "-") != 0 && strcmp(col[3], "none") != 0) {
      fprintf(stderr, "%s:%d: error: unknown tactic '%s' (gain, loss or -)\n", path, lineno, col[3]);
      errors++;
    }
    /* the dev split: a fifth, by the text's hash, so it does not move when files are added */
    r.dev = mdl_dev_split(r.text);
    if (*n == *cap) { *cap = *cap ? *cap * 2 : 1024; *rows = xrealloc(*rows, sizeof **rows * (size_t)*cap); }
    (*rows)[(*n)++] = r;
  }
  free(buf);
  return errors;
}

/* Trains one label on the rows whose mask is set; returns the model (liblinear owns it). */
static struct model *train_one(const row *rows, int n, const unsigned char *use, int label, int nfeat,
                               struct feature_node **x) {
  struct problem prob = { 0 };
  prob.n = nfeat + 1;
  prob.bias = 1;
  prob.y = xmalloc(sizeof *prob.y * (size_t)n);
  prob.x = xmalloc(sizeof *prob.x * (size_t)n);
  for (int i = 0; i < n; i++) {
    if (!use[i]) continue;
    prob.y[prob.l] = rows[i].y[label] ? 1 : -1;
    prob.x[prob.l] = x[i];
    prob.l++;
  }
  /* SALESIM_TRAIN_C overrides the cost, to compare values on the dev split */
  const char *cv = getenv("SALESIM_TRAIN_C");
  struct parameter par = { .solver_type = L2R_LR, .eps = 0.01, .C = cv && atof(cv) > 0 ? atof(cv) : TRAIN_C };
  const char *e = check_parameter(&prob, &par);
  if (e) { fprintf(stderr, "salesim-train: %s\n", e); exit(1); }
  struct model *m = train(&prob, &par);
  free(prob.y);
  free(prob.x);
  return m;
}

/* The decision value for the positive class. */
static double decision(const struct model *m, const struct feature_node *x) {
  double v;
  predict_values(m, x, &v);
  return m->label[0] == 1 ? v : -v;
}

static double f1(int tp, int fp, int fn) {
  return tp == 0 ? (fp + fn == 0 ? 1.0 : 0.0) : 2.0 * tp / (2.0 * tp + fp + fn);
}

static void quiet(const char *s) { (void)s; }

static void put_floats(strbuf *o, const char *name, const float *v, size_t n) {
  sb_printf(o, "static const float %s[%zu] = {", name, n ? n : 1);
  for (size_t i = 0; i < n; i++) sb_printf(o, "%s%.6g,", i % 10 ? "" : "\n  ", (double)v[i]);
  if (!n) sb_puts(o, "0");
  sb_puts(o, "\n};\n");
}

static void put_cstr(strbuf *o, const char *s, size_t n) {
  sb_putc(o, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') sb_putc(o, (char)c);
    else sb_printf(o, "\\%03o", c);
  }
  sb_putc(o, '"');
}

/* Appends to out the training lines whose out-of-fold probability for label l contradicts
** their label by a wide margin (REVIEW_MARGIN): FILE:LINE, label, wanted, probability, text. */
#define REVIEW_MARGIN 0.80
static void review_label(FILE *out, const row *rows, int n, const unsigned char *use, const double *oof, int l) {
  for (int i = 0; i < n; i++) {
    if (!use[i]) continue;
    double miss = rows[i].y[l] ? 1.0 - oof[i] : oof[i];
    if (miss >= REVIEW_MARGIN)
      fprintf(out, "%s:%d\t%s\t%d\t%.2f\t%s\n", rows[i].path, rows[i].lineno, label_names[l], rows[i].y[l],
              oof[i], rows[i].text);
  }
}

/* The dictionary files' lower-case words of WD_MIN_TYPO_LEN to WD_MAX_WORD letters (the only
** ones typo correction would touch), as sorted distinct mdl_word_hash values in *out.  Returns
** their count, or -1 after a message when a file cannot be read. */
static int read_dict(char *const *files, int nfiles, uint32_t **out) {
  uint32_t *h = NULL;
  int n = 0, cap = 0;
  for (int f = 0; f < nfiles; f++) {
    size_t len;
    char err[256];
    char *buf = util_read_file(files[f], 64u << 20, &len, err, sizeof err);
    if (!buf) {
      fprintf(stderr, "%s: error: %s (the English word list: `make deps` installs wamerican and wbritish)\n",
              files[f], err);
      free(h);
      return -1;
    }
    for (char *line = buf, *next; line && *line; line = next) {
      next = strchr(line, '\n');
      size_t l = next ? (size_t)(next - line) : strlen(line);
      if (next) next++;
      int lower = l >= WD_MIN_TYPO_LEN && l <= WD_MAX_WORD;
      for (size_t i = 0; i < l && lower; i++) lower = line[i] >= 'a' && line[i] <= 'z';
      if (!lower) continue;
      if (n == cap) { cap = cap ? 2 * cap : 65536; h = xrealloc(h, sizeof *h * (size_t)cap); }
      h[n++] = mdl_word_hash(line, l);
    }
    free(buf);
  }
  qsort(h, (size_t)n, sizeof *h, cmp_u32);
  int k = 0;
  for (int i = 0; i < n; i++) if (k == 0 || h[k - 1] != h[i]) h[k++] = h[i];
  *out = h;
  return k;
}

/* Trains one language and appends its image to o.  Returns 0, or 1 after printing errors. */
static int train_lang(const char *data_dir, const char *lang, const uint32_t *wordlist, int n_wl, strbuf *o) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/corpus/%s", data_dir, lang);
  DIR *dp = opendir(dir);
  if (!dp) { fprintf(stderr, "%s: error: no corpus folder\n", dir); return 1; }
  char **files = NULL; int nfiles = 0;
  for (struct dirent *de; (de = readdir(dp));) {
    size_t l = strlen(de->d_name);
    if (l > 4 && strcmp(de->d_name + l - 4, ".tsv") == 0) {
      files = xrealloc(files, sizeof *files * (size_t)(nfiles + 1));
      files[nfiles++] = xasprintf("%s/%s", dir, de->d_name);
    }
  }
  closedir(dp);
  qsort(files, (size_t)nfiles, sizeof *files, cmp_str);
  row *rows = NULL; int n = 0, cap = 0, errors = 0;
  strbuf all = { 0 };
  for (int i = 0; i < nfiles; i++) errors += read_corpus(files[i], &rows, &n, &cap, &all);
  if (errors) return 1;
  if (n < 50) { fprintf(stderr, "%s: error: only %d labelled lines (want 50 or more)\n", dir, n); return 1; }

  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(lang, NULL, &d);
  if (!c) { diag_print(&d, stderr); return 1; }
  /* features, and the dictionary of those seen in training */
  dict fd = { 0 }, vocab = { 0 };
  dindex fix = { 0 }, vix = { 0 };
  ft_set *fs = xcalloc(1, sizeof *fs);
  for (int i = 0; i < n; i++) {
    cls_result r;
    cls_classify(c, rows[i].text, strlen(rows[i].text), &r);
    fs->keep_names = 1;
    ft_extract(c->stem, &r, fs);
    rows[i].n_total = fs->n;
    rows[i].feats = xmalloc(sizeof(int) * (size_t)(fs->n + 1));
    for (int k = 0; k < fs->n; k++) {
      int id = dict_get(&fd, &fix, fs->names[k]);
      if (!rows[i].dev) fd.count[id]++;
      rows[i].feats[rows[i].nf++] = id;
    }
    ft_release(fs);
    /* vocabulary: the words as typed */
    for (const char *p = r.norm; *p;) {
      if (!(*p >= 'a' && *p <= 'z')) { p++; continue; }
      const char *q = p;
      while ((*q >= 'a' && *q <= 'z') || *q == '\'') q++;
      if (q - p >= 2 && q - p <= WD_MAX_WORD) {
        char w[WD_MAX_WORD + 1];
        memcpy(w, p, (size_t)(q - p)); w[q - p] = 0;
        int id = dict_get(&vocab, &vix, w);   /* may grow vocab.count: index after */
        vocab.count[id]++;
      }
      p = q;
    }
    cls_result_free(&r);
  }
  free(fs);
  /* the lexicon's words are vocabulary whatever their count in the corpus */
  const lexicon *lx = cls_lexicon(c);
  for (int i = 0; i < lex_phrase_count(lx); i++) {
    size_t nl;
    char *t = txt_normalize(lex_phrase_at(lx, i)->text, strlen(lex_phrase_at(lx, i)->text), &nl);
    for (char *p = t; *p;) {
      if (!(*p >= 'a' && *p <= 'z')) { p++; continue; }
      char *q = p;
      while ((*q >= 'a' && *q <= 'z') || *q == '\'') q++;
      int glob = *q == '*';
      if (!glob && q - p >= 2 && q - p <= WD_MAX_WORD) {
        char w[WD_MAX_WORD + 1];
        memcpy(w, p, (size_t)(q - p)); w[q - p] = 0;
        int id = dict_get(&vocab, &vix, w);
        vocab.count[id] += MIN_VOCAB;
      }
      p = q + glob;
    }
    free(t);
  }
  /* features kept: seen MIN_COUNT times in training; renumbered 1.. for liblinear */
  int *newid = xmalloc(sizeof(int) * (size_t)(fd.n + 1)), nfeat = 0;
  for (int i = 0; i < fd.n; i++) newid[i] = fd.count[i] >= MIN_COUNT ? ++nfeat : 0;
  struct feature_node **x = xmalloc(sizeof *x * (size_t)n);
  for (int i = 0; i < n; i++) {
    int *ids = xmalloc(sizeof(int) * (size_t)(rows[i].nf + 1)), k = 0;
    for (int j = 0; j < rows[i].nf; j++) if (newid[rows[i].feats[j]]) ids[k++] = newid[rows[i].feats[j]];
    qsort(ids, (size_t)k, sizeof *ids, cmp_int);
    double v = rows[i].n_total ? 1.0 / sqrt((double)rows[i].n_total) : 0;
    x[i] = xmalloc(sizeof **x * (size_t)(k + 2));
    for (int j = 0; j < k; j++) x[i][j] = (struct feature_node){ ids[j], v };
    x[i][k] = (struct feature_node){ nfeat + 1, 1.0 };   /* the bias */
    x[i][k + 1] = (struct feature_node){ -1, 0 };
    free(ids);
  }
  set_print_string_function(quiet);
  int ntrain = 0, ndev = 0;
  unsigned char *use = xmalloc((size_t)n), *fold_use = xmalloc((size_t)n);
  for (int i = 0; i < n; i++) { use[i] = !rows[i].dev; ntrain += use[i]; ndev += rows[i].dev; }
  float *W = xcalloc((size_t)(nfeat + 1) * N_LABELS, sizeof *W);
  float bias[N_LABELS], thr[N_LABELS], devf1[N_LABELS];
  double *oof = xmalloc(sizeof *oof * (size_t)n);
  /* SALESIM_TRAIN_REVIEW=FILE lists the lines the out-of-fold model reads confidently against
  ** their label: most are label slips, worth a human look (docs/classifier.md, "Corpus") */
  const char *rp = getenv("SALESIM_TRAIN_REVIEW");
  FILE *review = rp && *rp ? fopen(rp, "a") : NULL;
  fprintf(stderr, "salesim-train: %s: %d lines (%d train, %d dev), %d features\n", lang, n, ntrain, ndev, nfeat);
  for (int l = 0; l < N_LABELS; l++) {
    int pos = 0;
    for (int i = 0; i < n; i++) pos += use[i] && rows[i].y[l];
    /* out-of-fold probabilities over the training split, for the threshold */
    for (int f = 0; f < FOLDS; f++) {
      int k = 0;
      for (int i = 0; i < n; i++) fold_use[i] = use[i] && (k++ % FOLDS) != f;
      struct model *m = train_one(rows, n, fold_use, l, nfeat, x);
      k = 0;
      for (int i = 0; i < n; i++)
        if (use[i] && (k++ % FOLDS) == f) oof[i] = 1.0 / (1.0 + exp(-decision(m, x[i])));
      free_and_destroy_model(&m);
    }
    double best = -1; float bt = 0.5f;
    for (float t = THR_MIN; t <= 0.801f; t += 0.025f) {
      int tp = 0, fp = 0, fn = 0;
      for (int i = 0; i < n; i++) {
        if (!use[i]) continue;
        int yh = oof[i] >= t;
        tp += yh && rows[i].y[l]; fp += yh && !rows[i].y[l]; fn += !yh && rows[i].y[l];
      }
      double s = f1(tp, fp, fn);
      if (s > best + 1e-9) { best = s; bt = t; }
    }
    thr[l] = bt;
    if (review) review_label(review, rows, n, use, oof, l);
    struct model *m = train_one(rows, n, use, l, nfeat, x);
    double sign = m->label[0] == 1 ? 1 : -1;
    for (int j = 0; j < nfeat; j++) W[(size_t)(j + 1) * N_LABELS + (size_t)l] = (float)(sign * m->w[j]);
    bias[l] = (float)(sign * m->w[nfeat]);
    int tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < n; i++) {
      if (!rows[i].dev) continue;
      int yh = 1.0 / (1.0 + exp(-decision(m, x[i]))) >= thr[l];
      tp += yh && rows[i].y[l]; fp += yh && !rows[i].y[l]; fn += !yh && rows[i].y[l];
    }
    devf1[l] = (float)f1(tp, fp, fn);
    fprintf(stderr, "  %-20s %4d positives  threshold %.3f  out-of-fold F1 %.3f  dev F1 %.3f\n",
            label_names[l], pos, (double)thr[l], best, (double)devf1[l]);
    free_and_destroy_model(&m);
  }
  /* prune features that weigh nothing for any label; the rest become rows 0.. */
  int *row_of = xmalloc(sizeof(int) * (size_t)(nfeat + 1)), kept = 0;
  for (int j = 1; j <= nfeat; j++) {
    float mx = 0;
    for (int l = 0; l < N_LABELS; l++) if (fabsf(W[(size_t)j * N_LABELS + (size_t)l]) > mx) mx = fabsf(W[(size_t)j * N_LABELS + (size_t)l]);
    row_of[j] = mx >= PRUNE ? kept++ : -1;
  }
  /* a corpus spelling one edit from a word seen five times as often is a typo the writers
  ** left on purpose ("tommorow"): no vocabulary, so the reader corrects it */
  for (int i = 0; i < vocab.n; i++) {
    const char *w = vocab.name[i];
    size_t wl = strlen(w);
    if (vocab.count[i] < MIN_VOCAB || vocab.count[i] >= 50 || wl < WD_MIN_TYPO_LEN) continue;
    for (int j = 0; j < vocab.n; j++) {
      const char *v = vocab.name[j];
      size_t m = strlen(v);
      if (vocab.count[j] < 5 * vocab.count[i] || (m + 1 != wl && wl + 1 != m && m != wl)) continue;
      size_t a = 0, bl = wl, bm = m;   /* common prefix and suffix leave at most one edit */
      while (a < wl && a < m && w[a] == v[a]) a++;
      while (bl > a && bm > a && w[bl - 1] == v[bm - 1]) { bl--; bm--; }
      int one = (bl - a <= 1 && bm - a <= 1) ||
                (bl - a == 2 && bm - a == 2 && w[a] == v[a + 1] && w[a + 1] == v[a]);
      if (one) { vocab.count[i] = 0; break; }
    }
  }
  int nvocab = 0;
  for (int i = 0; i < vocab.n; i++) nvocab += vocab.count[i] >= MIN_VOCAB;
  uint32_t size = 1024;
  while (size < 2u * (uint32_t)(kept + nvocab)) size <<= 1;
  uint64_t *keys = xcalloc(size, sizeof *keys);
  int32_t *index = xmalloc(sizeof *index * size);
  char P[8];
  snprintf(P, sizeof P, "m_%s", lang);
  strbuf names = { 0 };
  uint32_t *name_off = xmalloc(sizeof *name_off * (size_t)(kept + 1));
  float *rowsW = xmalloc(sizeof *rowsW * (size_t)(kept + 1) * N_LABELS);
  for (int i = 0; i < fd.n; i++) {
    int j = newid[i];
    if (!j || row_of[j] < 0) continue;
    int r = row_of[j];
    memcpy(rowsW + (size_t)r * N_LABELS, W + (size_t)j * N_LABELS, sizeof *W * N_LABELS);
    name_off[r] = (uint32_t)names.len;
    sb_append(&names, fd.name[i], strlen(fd.name[i]) + 1);
    uint64_t k = ft_hash2("", fd.name[i], strlen(fd.name[i]));
    uint32_t s = (uint32_t)k & (size - 1);
    while (keys[s]) s = (s + 1) & (size - 1);
    keys[s] = k; index[s] = r;
  }
  for (int i = 0; i < vocab.n; i++) {
    if (vocab.count[i] < MIN_VOCAB) continue;
    uint64_t k = ft_hash2("v:", vocab.name[i], strlen(vocab.name[i]));
    uint32_t s = (uint32_t)k & (size - 1);
    while (keys[s] && keys[s] != k) s = (s + 1) & (size - 1);
    if (keys[s]) continue;
    keys[s] = k; index[s] = -1 - (vocab.count[i] < 1000000 ? vocab.count[i] : 1000000);
  }
  fprintf(stderr, "salesim-train: %s: %d features kept of %d, %d vocabulary words, table %u\n",
          lang, kept, nfeat, nvocab, size);
  sb_printf(o, "static const char *const %s_labels[%d] = {", P, N_LABELS);
  for (int l = 0; l < N_LABELS; l++) sb_printf(o, " \"%s\",", label_names[l]);
  sb_puts(o, " };\n");
  char nm[32];
  snprintf(nm, sizeof nm, "%s_bias", P); put_floats(o, nm, bias, N_LABELS);
  snprintf(nm, sizeof nm, "%s_thr", P); put_floats(o, nm, thr, N_LABELS);
  snprintf(nm, sizeof nm, "%s_devf1", P); put_floats(o, nm, devf1, N_LABELS);
  snprintf(nm, sizeof nm, "%s_w", P); put_floats(o, nm, rowsW, (size_t)kept * N_LABELS);
  sb_printf(o, "static const uint64_t %s_keys[%u] = {", P, size);
  for (uint32_t i = 0; i < size; i++) sb_printf(o, "%s0x%llxu,", i % 6 ? "" : "\n  ", (unsigned long long)keys[i]);
  sb_puts(o, "\n};\n");
  sb_printf(o, "static const int32_t %s_index[%u] = {", P, size);
  for (uint32_t i = 0; i < size; i++) sb_printf(o, "%s%d,", i % 16 ? "" : "\n  ", keys[i] ? index[i] : -1);
  sb_puts(o, "\n};\n");
  sb_printf(o, "static const uint32_t %s_name_off[%d] = {", P, kept ? kept : 1);
  for (int i = 0; i < kept; i++) sb_printf(o, "%s%u,", i % 12 ? "" : "\n  ", name_off[i]);
  if (!kept) sb_puts(o, "0");
  sb_puts(o, "\n};\n");
  sb_printf(o, "static const char %s_names[] =", P);
  for (size_t i = 0; i < names.len; i += 96) {
    sb_puts(o, "\n  ");
    put_cstr(o, names.s + i, names.len - i < 96 ? names.len - i : 96);
  }
  sb_puts(o, ";\n");
  sb_printf(o, "static const uint32_t %s_dict[%d] = {", P, n_wl ? n_wl : 1);
  for (int i = 0; i < n_wl; i++) sb_printf(o, "%s0x%xu,", i % 8 ? "" : "\n  ", wordlist[i]);
  if (!n_wl) sb_puts(o, "0");
  sb_puts(o, "\n};\n");
  int nbg = put_background(o, P, rows, n);
  fprintf(stderr, "salesim-train: %s: %d link terms common in the corpus\n", lang, nbg);
  sb_printf(o, "static const mdl_image %s = { \"%s\", %d, %s_labels, %s_bias, %s_thr, %s_devf1, %d, %uu,\n"
               "  %s_keys, %s_index, %s_w, %s_name_off, %s_names, %d, %d, 0x%llxu, %d, %s_dict,\n"
               "  %d, %d, %s_bg_keys, %s_bg_df };\n\n",
            P, lang, N_LABELS, P, P, P, P, kept, size - 1, P, P, P, P, P, ntrain, ndev,
            (unsigned long long)bi_hash(all.s, all.len), n_wl, P, n, nbg, P, P);
  /* release */
  for (int i = 0; i < n; i++) { free(rows[i].text); free(rows[i].feats); free(x[i]); }
  if (review) fclose(review);
  free(rows); free(x); free(use); free(fold_use); free(W); free(oof); free(newid); free(row_of);
  free(keys); free(index); free(name_off); free(rowsW); sb_free(&names); sb_free(&all);
  for (int i = 0; i < fd.n; i++) free(fd.name[i]);
  for (int i = 0; i < vocab.n; i++) free(vocab.name[i]);
  free(fd.name); free(fd.key); free(fd.count); free(vocab.name); free(vocab.key); free(vocab.count);
  free(fix.slot); free(vix.slot);
  for (int i = 0; i < nfiles; i++) free(files[i]);
  free(files);
  cls_free(c);
  diag_free(&d);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: salesim-train DATA_DIR OUT.c [ENGLISH_WORD_LIST...]\n"); return 2; }
  uint32_t *wl = NULL;
  int n_wl = argc > 3 ? read_dict(argv + 3, argc - 3, &wl) : 0;
  if (n_wl < 0) return 1;
  setenv("SALESIM_DATA", argv[1], 1);
  strbuf o = { 0 };
  sb_puts(&o, "/* Generated by salesim-train from the corpus in engine/corpus (model.h). */\n"
              "#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n#include \"model.h\"\n\n");
  static const char *const langs[] = { "en", "zh" };
  for (int i = 0; i < 2; i++)   /* the word list is English: Chinese has no typo correction */
    if (train_lang(argv[1], langs[i], wl, strcmp(langs[i], "en") == 0 ? n_wl : 0, &o)) return 1;
  free(wl);
  sb_puts(&o, "const mdl_image *mdl_find(const char *lang) {\n"
              "  if (lang && strcmp(lang, \"en\") == 0) return &m_en;\n"
              "  if (lang && strcmp(lang, \"zh\") == 0) return &m_zh;\n"
              "  return NULL;\n}\n");
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
  FILE *f = fopen(tmp, "w");
  if (!f || fwrite(o.s, 1, o.len, f) != o.len || fclose(f) != 0 || rename(tmp, argv[2]) != 0) {
    perror(argv[2]);
    unlink(tmp);
    return 1;
  }
  sb_free(&o);
  return 0;
}
