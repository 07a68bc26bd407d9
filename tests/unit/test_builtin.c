/* test_builtin.c: the compiled forms made at build time (builtin.h) exist for the shipped files,
** are refused for any other bytes, and behave exactly like what the program builds from source:
** the lexicon image against the YAML over every line of the classifier's data sets, the decoded
** time patterns against freshly compiled ones over the same lines. */
#include "testutil.h"
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "builtin.h"
#include "classify_int.h"  /* engine/: cls_add_scenario_words */
#include "customer_int.h"  /* engine/: cust_scenario_conds, cust_conds_chunk */
#include "lexicon_int.h"   /* engine/: lex_new_from */
#include "sandbox.h"
#include "scncheck.h"
#include "text.h"
#include "timex.h"
#include "util.h"
#include "words.h"

static char *read_data(const char *rel, size_t *len) {
  char *path = xasprintf("%s/%s", getenv("SALESIM_DATA") ? getenv("SALESIM_DATA") : "engine", rel);
  char err[256];
  char *buf = util_read_file(path, 16u << 20, len, err, sizeof err);
  if (!buf) fail_msg("%s: %s", path, err);
  free(path);
  return buf;
}

/* Every line (first column) of the first reader's data sets of a language, kept in the corpus. */
static int corpus(const char *lang, char ***lines) {
  static const char *const sets[] = { "legacy" };
  int n = 0, cap = 0;
  *lines = NULL;
  for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
    char path[128];
    snprintf(path, sizeof path, "engine/corpus/%s/%s.tsv", lang, sets[s]);
    FILE *f = fopen(path, "r");
    if (!f) continue;
    char buf[4096];
    while (fgets(buf, sizeof buf, f)) {
      char *tab = strchr(buf, '\t');
      if (tab) *tab = 0;
      buf[strcspn(buf, "\r\n")] = 0;
      if (!*buf || *buf == '#') continue;
      if (n == cap) { cap = cap ? cap * 2 : 256; *lines = xrealloc(*lines, (size_t)cap * sizeof **lines); }
      (*lines)[n++] = xstrdup(buf);
    }
    fclose(f);
  }
  return n;
}

static void free_lines(char **lines, int n) {
  for (int i = 0; i < n; i++) free(lines[i]);
  free(lines);
}

/* "label:phrase@start-end" for every hit, by label name and phrase text (ids may differ). */
static char *render_hits(lexicon *lx, const char *norm, size_t n) {
  lex_hit *h;
  int k = lex_match(lx, norm, n, &h);
  strbuf b = {0};
  sb_append(&b, "", 0);
  for (int i = 0; i < k; i++) {
    const lex_phrase *p = lex_phrase_at(lx, h[i].phrase);
    sb_printf(&b, "%s:%s(%s)@%zu-%zu%s;", lex_label_name(lx, h[i].label), p->text, p->source,
              h[i].start, h[i].end, h[i].gapped ? "+gap" : "");
  }
  free(h);
  return sb_take(&b);
}

static void lexicon_same_as_source(const char *lang) {
  char rel[64];
  snprintf(rel, sizeof rel, "lexicons/%s.yaml", lang);
  size_t len;
  char *src = read_data(rel, &len);
  const bi_entry *e = bi_find(rel, src, len);
  assert_non_null(e);                       /* the shipped file has its image */
  assert_non_null(e->lexicon);
  lexicon *img = lex_new_from(e->lexicon);
  lexicon *yaml = lex_new();
  diag d;
  diag_init(&d);
  assert_int_equal(lex_load_string(yaml, rel, src, len, NULL, &d), 0);
  diag_free(&d);
  lex_build(yaml);
  lex_build(img);
  assert_int_equal(lex_phrase_count(img), lex_phrase_count(yaml));
  for (int i = 0; i < lex_phrase_count(img); i++) {
    assert_string_equal(lex_phrase_at(img, i)->text, lex_phrase_at(yaml, i)->text);
    /* the normal form kept for lex_disable is the one normalising the text makes now */
    const char *text = lex_phrase_at(yaml, i)->text;
    char *norm = txt_normalize(text, strlen(text), NULL);
    assert_string_equal(e->lexicon->strings + e->lexicon->norm_at[i], norm);
    free(norm);
    assert_string_equal(lex_phrase_at(img, i)->source, lex_phrase_at(yaml, i)->source);
    assert_string_equal(lex_label_name(img, lex_phrase_at(img, i)->label),
                        lex_label_name(yaml, lex_phrase_at(yaml, i)->label));
  }
  /* a phrase added on top (a scenario's) is found alongside the image's, with the next id */
  assert_int_equal(lex_add(img, "need:extra", "zanzibar", "s.yaml:3", NULL), lex_phrase_count(yaml));
  assert_int_equal(lex_add(yaml, "need:extra", "zanzibar", "s.yaml:3", NULL), lex_phrase_count(yaml));
  char **lines;
  int n = corpus(lang, &lines), hits = 0;
  assert_true(n > 300);
  for (int i = 0; i <= n; i++) {
    const char *line = i < n ? lines[i] : "zanzibar, could you, next week? 好的 zanzibar";
    size_t nl;
    char *norm = txt_normalize(line, strlen(line), &nl);
    char *a = render_hits(img, norm, nl), *b = render_hits(yaml, norm, nl);
    if (strcmp(a, b) != 0) fail_msg("%s: %s\n image: %s\n  yaml: %s", lang, line, a, b);
    hits += *a != 0;
    free(a); free(b); free(norm);
  }
  assert_true(hits > n / 2);   /* the comparison saw real hits, not two empty lists */
  free_lines(lines, n);
  /* switching a phrase off finds the same phrases through the image's kept normal forms as
  ** through normalising the source's texts: every phrase whose text is not its normal form,
  ** and every 40th phrase */
  int differ = 0;
  for (int i = 0; i < e->lexicon->n_phrases; i++) {
    int kept = e->lexicon->norm_at[i] != e->lexicon->text_at[i];
    if (!kept && i % 40) continue;
    differ += kept;
    const lex_phrase *p = lex_phrase_at(yaml, i);
    const char *label = lex_label_name(yaml, p->label);
    int a = lex_disable(img, label, p->text), b = lex_disable(yaml, label, p->text);
    if (a != b || a < 1) fail_msg("%s: switching off %s:%s: %d in the image, %d from source", lang, label, p->text, a, b);
  }
  assert_true(differ > 0);   /* en: "no, " is "no," normalised; zh: "都 ... 到了吗" */
  lex_free(img);
  lex_free(yaml);
  free(src);
}

static void test_lexicon_en(void **st) { (void)st; lexicon_same_as_source("en"); }
static void test_lexicon_zh(void **st) { (void)st; lexicon_same_as_source("zh"); }

static void patterns_same_as_compiled(const char *lang) {
  diag d;
  diag_init(&d);
  tx_set *built = tx_new(lang, &d), *compiled = tx_compile(lang, &d);
  diag_free(&d);
  assert_non_null(built);
  assert_non_null(compiled);
  char key[16];
  snprintf(key, sizeof key, "timex/%s", lang);
  int found = 0;
  for (const bi_entry *e = bi_entries; e->name; e++) found |= strcmp(e->name, key) == 0 && e->bytes;
  assert_true(found);
  char **lines;
  int n = corpus(lang, &lines), times = 0;
  for (int i = 0; i < n; i++) {
    size_t nl;
    char *norm = txt_normalize(lines[i], strlen(lines[i]), &nl);
    tx_hit *ha, *hb;
    int sa, sb;
    int ka = tx_find(built, norm, nl, &ha, &sa), kb = tx_find(compiled, norm, nl, &hb, &sb);
    assert_int_equal(ka, kb);
    assert_int_equal(sa, sb);
    for (int k = 0; k < ka; k++) {
      assert_string_equal(ha[k].name, hb[k].name);
      assert_int_equal(ha[k].start, hb[k].start);
      assert_int_equal(ha[k].end, hb[k].end);
    }
    times += ka > 0;
    free(ha); free(hb); free(norm);
  }
  assert_true(times > 50);
  free_lines(lines, n);
  tx_free(built);
  tx_free(compiled);
}

static void test_patterns_en(void **st) { (void)st; patterns_same_as_compiled("en"); }
static void test_patterns_zh(void **st) { (void)st; patterns_same_as_compiled("zh"); }

/* Other bytes get nothing: the program then reads the file from source. */
static void test_edited_files_refused(void **st) {
  (void)st;
  static const char *const files[] = { "lexicons/en.yaml", "lexicons/zh.yaml", "lua/default.lua" };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    size_t len;
    char *src = read_data(files[i], &len);
    assert_non_null(bi_find(files[i], src, len));
    src[len / 2] ^= 1;                                   /* one bit changed */
    assert_null(bi_find(files[i], src, len));
    src[len / 2] ^= 1;
    assert_null(bi_find(files[i], src, len - 1));         /* one byte fewer */
    char *longer = xasprintf("%.*s\n", (int)len, src);    /* a line ending more */
    assert_null(bi_find(files[i], longer, len + 1));
    free(longer);
    free(src);
  }
  assert_null(bi_find("lexicons/fr.yaml", "", 0));
}

/* A shipped scenario's own words (bi_words) are the words read from its texts, hash for hash
** and in order; a scenario read from other bytes has none; and a set that takes them answers
** as the set they were read into. */
static void shipped_words(void *ctx, const char *path) {
  (void)ctx;
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  assert_non_null(sc);
  const bi_entry *img = bi_find_words(sc->src_len, sc->src_hash);
  assert_non_null(img);
  assert_null(bi_find_words(sc->src_len + 1, sc->src_hash));
  assert_null(bi_find_words(sc->src_len, sc->src_hash ^ 1));
  wd_words *read = wd_words_new(), *taken = wd_words_new();
  cls_add_scenario_words(read, sc);
  size_t n;
  uint64_t *v = wd_words_sorted(read, &n);
  assert_int_equal(img->n_bytes, n * sizeof *v);
  if (n) assert_memory_equal(img->bytes, v, img->n_bytes);
  for (size_t i = 1; i < n; i++) assert_true(v[i - 1] < v[i]);
  wd_words_take_sorted(taken, v, n);
  static const char *const probe[] = { "monitoring", "trial", "warehouse", "budget", "zzzzz", "alerts",
                                       "engineer", "discount", "tomorrow", "quarter" };
  for (size_t i = 0; i < sizeof probe / sizeof *probe; i++)
    assert_int_equal(wd_words_has(read, probe[i], strlen(probe[i])), wd_words_has(taken, probe[i], strlen(probe[i])));
  for (int k = 0; k < sc->n_needs; k++)   /* every word of four letters or more of an ASCII keyword */
    for (int j = 0; j < sc->needs[k].keywords.n; j++) {
      const char *kw = sc->needs[k].keywords.v[j];
      int ascii = 1;
      for (const char *p = kw; *p; p++) ascii &= (unsigned char)*p < 0x80;
      for (const char *p = kw; ascii && *p;) {
        char w[WD_MAX_WORD + 1];
        size_t m = 0;
        for (; (p[m] | 0x20) >= 'a' && (p[m] | 0x20) <= 'z'; m++) if (m < WD_MAX_WORD) w[m] = (char)(p[m] | 0x20);
        if (m >= WD_MIN_TYPO_LEN - 1 && m <= WD_MAX_WORD) assert_true(wd_words_has(taken, w, m));
        p += m ? m : 1;
      }
    }
  free(v);
  wd_words_free(read);
  wd_words_free(taken);
  scn_free(sc);
  diag_free(&d);
}

/* A shipped scenario's transcript hash made at build time is the file's FNV-1a; its bytes with
** one more space are another file: no images (src_len 0) and the hash of those bytes. */
/* A shipped scenario's behaviour script has its bytecode under its file name, found only for
** the very source it was compiled from: an edited copy or another name is read from source. */
static void test_scenario_script(void **st) {
  (void)st;
  char err[256];
  size_t len;
  char *buf = util_read_file("scenarios/warehouse-two-buyers.lua", 1u << 20, &len, err, sizeof err);
  assert_non_null(buf);
  const bi_entry *e = bi_find_script("warehouse-two-buyers.lua", buf, len);
  assert_non_null(e);
  assert_non_null(e->bytes);
  assert_true(e->n_bytes > 0 && e->bytes[0] == 0x1b);   /* a Lua binary chunk */
  assert_null(bi_find_script("my-copy.lua", buf, len));
  char *edited = xasprintf("%.*s-- \n", (int)len, buf);
  assert_null(bi_find_script("warehouse-two-buyers.lua", edited, len + 4));
  free(edited);
  free(buf);
}

/* Each scenario's conditions: the chunk the customer compiles for them is found under the
** scenario's file name, its bytecode exactly what compiling that text now gives with every name
** kept (so it behaves and fails as from source); another name or one byte more is not found. */
static void shipped_conds(void *ctx, const char *path) {
  int *found = ctx;
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  assert_non_null(sc);
  const char **exprs;
  int *lines, n = cust_scenario_conds(sc, &exprs, &lines), *at = xcalloc((size_t)n + 1, sizeof *at);
  size_t len, n_code;
  char *chunk = cust_conds_chunk(n, exprs, lines, at, &len), *err = NULL;
  const char *base = strrchr(path, '/') + 1;
  const bi_entry *e = bi_find_conds(base, chunk, len);
  if (!sc->src_len) assert_null(e);   /* not a shipped image: not compiled at build time either */
  if (e) {
    (*found)++;
    char *code = sbx_compile_full(base, chunk, len, &n_code, &err);
    assert_non_null(code);
    assert_int_equal(n_code, e->n_bytes);
    assert_memory_equal(code, e->bytes, n_code);
    free(code);
    assert_null(bi_find_conds("my-copy.yaml", chunk, len));
    char *edited = xasprintf("%.*s ", (int)len, chunk);
    assert_null(bi_find_conds(base, edited, len + 1));
    free(edited);
  }
  free(chunk); free(at); free(exprs); free(lines);
  scn_free(sc);
  diag_free(&d);
}

static void test_scenario_conds(void **st) {
  (void)st;
  int found = 0;
  assert_true(tu_each_shipped_scenario(shipped_conds, &found) >= 9);
  assert_true(found >= 9);
}

static void shipped_hash(void *ctx, const char *path) {
  (void)ctx;
  char err[256], hex[17];
  size_t len;
  char *buf = util_read_file(path, 16u << 20, &len, err, sizeof err);
  assert_non_null(buf);
  diag d;
  diag_init(&d);
  scenario *sc = scc_load_string(path, buf, len, &d);
  assert_non_null(sc);
  assert_non_null(bi_find_scn_hash(sc->src_len, sc->src_hash));
  util_hash_hex(buf, len, hex);
  assert_string_equal(sc->hash, hex);
  assert_int_equal(sc->src_len, len);
  scn_free(sc);
  char *edited = xasprintf("%.*s \n", (int)len, buf);
  sc = scc_load_string(path, edited, len + 2, &d);
  assert_non_null(sc);
  util_hash_hex(edited, len + 2, hex);
  assert_string_equal(sc->hash, hex);
  assert_int_equal(sc->src_len, 0);
  assert_null(bi_find_words(sc->src_len, sc->src_hash));
  scn_free(sc);
  free(edited);
  free(buf);
  diag_free(&d);
}

/* A shipped scenario's own phrases taken from their image (bi_phrases) make the lexicon that
** adding them from the file makes: labels and their ids, phrases, texts, sources, automaton, and
** the hits of every example line; a lexicon with phrases of its own refuses the image. */
static void shipped_phrases(void *ctx, const char *path) {
  (void)ctx;
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  assert_non_null(sc);
  const bi_entry *img = bi_find_phrases(sc->src_len, sc->src_hash);
  assert_non_null(img);
  assert_non_null(img->lexicon);
  const char *lang = sc->language ? sc->language : "en";
  int errs = 0;
  lexicon *taken = cls_load_lexicon(lang, &d, &errs), *added = cls_load_lexicon(lang, &d, &errs);
  assert_int_equal(errs, 0);
  assert_int_equal(lex_take_added(taken, img->lexicon, "./x.yaml"), 0);
  assert_int_equal(lex_take_added(taken, img->lexicon, "./x.yaml"), -1);   /* once only */
  assert_int_equal(cls_add_scenario_phrases(added, sc, "./x.yaml", &d), 0);
  const lex_table *a = lex_own_table(taken), *b = lex_own_table(added);
  assert_int_equal(lex_label_count(taken), lex_label_count(added));
  for (int l = 0; l < lex_label_count(added); l++) assert_string_equal(lex_label_name(taken, l), lex_label_name(added, l));
  assert_int_equal(lex_phrase_count(taken), lex_phrase_count(added));
  for (int i = 0; i < lex_phrase_count(added); i++) {
    const lex_phrase *p = lex_phrase_at(taken, i), *q = lex_phrase_at(added, i);
    assert_int_equal(p->label, q->label);
    assert_string_equal(p->text, q->text);
    assert_string_equal(p->source, q->source);
  }
  assert_int_equal(a->n_phrases, b->n_phrases);
  assert_memory_equal(a->phrases, b->phrases, (size_t)a->n_phrases * sizeof *a->phrases);
  assert_int_equal(a->n_parts, b->n_parts);
  for (int i = 0; i < a->n_parts; i++) {   /* field by field: the padding is not the table's */
    const lex_part *x = &a->parts[i], *y = &b->parts[i];
    assert_true(x->phrase == y->phrase && x->index == y->index && x->len == y->len &&
                x->word_left == y->word_left && x->word_right == y->word_right && x->stem == y->stem);
  }
  assert_int_equal(a->n_nodes, b->n_nodes);
  for (int i = 0; i < a->n_nodes; i++) {
    const lex_node *x = &a->nodes[i], *y = &b->nodes[i];
    assert_true(x->byte == y->byte && x->fail == y->fail && x->dict == y->dict && x->out == y->out &&
                x->edge_start == y->edge_start && x->n_edges == y->n_edges);
  }
  assert_int_equal(a->n_outs, b->n_outs);
  if (a->n_outs) assert_memory_equal(a->outs, b->outs, (size_t)a->n_outs * sizeof *a->outs);
  if (a->n_nodes > 1) {
    assert_memory_equal(a->edge_byte, b->edge_byte, (size_t)a->n_nodes - 1);
    assert_memory_equal(a->edge_to, b->edge_to, ((size_t)a->n_nodes - 1) * sizeof *a->edge_to);
  }
  assert_memory_equal(a->root_next, b->root_next, 256 * sizeof *a->root_next);
  for (int k = 0; k < sc->n_needs; k++)   /* and they find the same */
    for (int j = 0; j < sc->needs[k].examples.n; j++) {
      const char *ex = sc->needs[k].examples.v[j];
      size_t n;
      char *norm = txt_normalize(ex, strlen(ex), &n);
      lex_hit *ha, *hb;
      int na = lex_match(taken, norm, n, &ha), nb = lex_match(added, norm, n, &hb);
      assert_int_equal(na, nb);
      for (int h = 0; h < na; h++)
        assert_true(ha[h].phrase == hb[h].phrase && ha[h].label == hb[h].label && ha[h].start == hb[h].start &&
                    ha[h].end == hb[h].end && ha[h].gapped == hb[h].gapped);
      free(ha); free(hb); free(norm);
    }
  lexicon *own = lex_new();   /* a language lexicon read from source holds its phrases itself */
  assert_true(lex_add(own, "request", "could you", "x", NULL) >= 0);
  assert_int_equal(lex_take_added(own, img->lexicon, "x"), -1);
  lex_free(own);
  lex_free(taken);
  lex_free(added);
  scn_free(sc);
  diag_free(&d);
}

static void test_scenario_phrases(void **st) {
  (void)st;
  assert_true(tu_each_shipped_scenario(shipped_phrases, NULL) >= 9);
}

static void test_scenario_hash(void **st) {
  (void)st;
  assert_true(tu_each_shipped_scenario(shipped_hash, NULL) >= 9);
}

static void test_scenario_words(void **st) {
  (void)st;
  assert_true(tu_each_shipped_scenario(shipped_words, NULL) >= 9);
}

/* Sleeps past the file system clock's tick, so that the next write gets other times. */
static void next_tick(void) {
  struct timespec t = { 0, 30 * 1000 * 1000 };
  nanosleep(&t, NULL);
}

/* An entry stamped now from path (bi_stamp_file without the generator's age rule). */
static bi_entry stamped(const char *path, size_t len) {
  bi_entry e = { .name = "test" };
  assert_int_equal(bi_stamp_file(path, len, 0, &e.stamp), 1);
  assert_int_equal(bi_unchanged(&e, path), 1);
  return e;
}

/* A stamp stands for the file only while it is not written: an edit that keeps the size, an edit
** whose modification time is put back (touch -r), a chmod, a file renamed over it and a copy all
** lose it; a fresh file gets none under the generator's age rule. */
static void test_stamps(void **st) {
  (void)st;
  char dir[] = "/tmp/salesim-stamp-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char *path = xasprintf("%s/data.yaml", dir), *other = xasprintf("%s/other.yaml", dir);
  char werr[256];
  assert_int_equal(util_write_atomic(path, "greet: [hello]\n", 15, werr, sizeof werr), 0);
  bi_stamp t;
  assert_int_equal(bi_stamp_file(path, 15, 2, &t), 0);   /* written just now: no stamp */
  assert_int_equal(t.ctime_s, 0);
  assert_int_equal(bi_stamp_file(path, 14, 0, &t), 0);   /* not the bytes read */
  bi_entry none = { .name = "test" };
  assert_int_equal(bi_unchanged(&none, path), 0);         /* an entry without a stamp */

  bi_entry e = stamped(path, 15);
  next_tick();
  int fd = open(path, O_WRONLY);
  assert_true(fd >= 0);
  assert_int_equal(pwrite(fd, "G", 1, 0), 1);             /* same size, same inode */
  close(fd);
  assert_int_equal(bi_unchanged(&e, path), 0);

  e = stamped(path, 15);
  struct timespec times[2] = { { 0, UTIME_OMIT }, { e.stamp.mtime_s, e.stamp.mtime_ns } };
  next_tick();
  fd = open(path, O_WRONLY);
  assert_int_equal(pwrite(fd, "g", 1, 0), 1);
  close(fd);
  assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);   /* the old modification time back */
  assert_int_equal(bi_unchanged(&e, path), 0);

  e = stamped(path, 15);
  next_tick();
  assert_int_equal(chmod(path, 0600), 0);
  assert_int_equal(bi_unchanged(&e, path), 0);

  e = stamped(path, 15);
  next_tick();
  assert_int_equal(util_write_atomic(other, "greet: [hello]\n", 15, werr, sizeof werr), 0);
  assert_int_equal(bi_unchanged(&e, other), 0);           /* the same bytes elsewhere */
  assert_int_equal(rename(other, path), 0);               /* and renamed over it */
  assert_int_equal(bi_unchanged(&e, path), 0);
  assert_int_equal(bi_unchanged(&e, dir), 0);
  assert_int_equal(bi_unchanged(&e, "/nonexistent/data.yaml"), 0);
  unlink(path);
  rmdir(dir);
  free(path); free(other);
}

/* The build's own entries: a stamp (when the build recorded one) is of the file the program finds,
** the bytes the entry was made from; the shipped scenarios' images are found by their files. */
static void test_stamps_of_build(void **st) {
  (void)st;
  static const char *const files[] = { "lexicons/en.yaml", "lexicons/zh.yaml", "lua/default.lua",
                                       "messages/en.yaml", "messages/zh.yaml" };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    const bi_entry *e = bi_named(files[i]);
    assert_non_null(e);
    if (!e->stamp.ctime_s) continue;   /* none recorded (a reproducible build, a fresh file) */
    char *path = util_data_path(files[i]);
    assert_non_null(path);
    assert_int_equal(e->stamp.size, e->src_len);
    if (bi_unchanged(e, path)) {
      size_t len;
      char *src = read_data(files[i], &len);
      assert_ptr_equal(bi_find(files[i], src, len), e);
      free(src);
    }
    free(path);
  }
  for (const bi_entry *e = bi_yaml; e->name; e++) {
    if (!e->stamp.ctime_s) continue;
    const bi_entry *f = bi_yaml_unchanged(e->name);
    if (f) assert_string_equal(f->name, e->name);
  }
}

/* The hash tells apart inputs that differ anywhere, including in the tail past the last word. */
static void test_hash(void **st) {
  (void)st;
  char a[64], b[64];
  memset(a, 'x', sizeof a);
  for (size_t len = 0; len <= sizeof a; len++) {
    for (size_t pos = 0; pos < len; pos++) {
      memcpy(b, a, sizeof b);
      b[pos] = 'y';
      assert_true(bi_hash(a, len) != bi_hash(b, len));
    }
    if (len) assert_true(bi_hash(a, len) != bi_hash(a, len - 1));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_lexicon_en),
    cmocka_unit_test(test_lexicon_zh),
    cmocka_unit_test(test_patterns_en),
    cmocka_unit_test(test_patterns_zh),
    cmocka_unit_test(test_edited_files_refused),
    cmocka_unit_test(test_hash),
    cmocka_unit_test(test_stamps),
    cmocka_unit_test(test_stamps_of_build),
    cmocka_unit_test(test_scenario_words),
    cmocka_unit_test(test_scenario_hash),
    cmocka_unit_test(test_scenario_script),
    cmocka_unit_test(test_scenario_conds),
    cmocka_unit_test(test_scenario_phrases),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
