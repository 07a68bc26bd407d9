/*
** salesim_gen.c: writes the compiled forms of the shipped data as C (builtin.h).
**
**   salesim-gen DATA_DIR OUT.c
**   salesim-gen --messages DATA_DIR OUT.c
**   salesim-gen --scenarios DATA_DIR OUT.c FILE...   (built with the model: salesim-gen-scn)
**
** For each language it builds the classifier exactly as the program does from source (this
** tool links engine/gen/builtin_none.c, so nothing is taken from an earlier run) and writes out
** the lexicon's automaton and the time patterns in PCRE2's serialised form; it compiles
** DATA_DIR/lua/default.lua to bytecode.  Each entry records the length and hash of the bytes it
** was made from, so the program uses it only for that exact file, and, for a file the program
** finds by path, the file's stat (put_stamp), so that it need not even read the file while it
** is unchanged.  The output is written
** atomically: a failed run leaves no half-written file for make to trust.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <lauxlib.h>

#include "builtin.h"
#include "classify.h"
#include "classify_int.h"
#include "customer_int.h"
#include "lexicon_int.h"
#include "msg.h"
#include "sandbox.h"
#include "text.h"
#include "timex.h"
#include "util.h"
#include "link_concepts.h"
#include "link_int.h"
#include "scncheck.h"
#include "words.h"
#include "ynode.h"

static const char *const langs[] = { "en", "zh" };

/* A C string literal: printable ASCII as is, everything else as octal (no trigraphs). */
static void put_str(strbuf *o, const char *s) {
  if (!s) { sb_puts(o, "NULL"); return; }
  sb_putc(o, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != '?') sb_putc(o, (char)*p);
    else sb_printf(o, "\\%03o", *p);
  }
  sb_putc(o, '"');
}

/* A byte array, 16-byte aligned (PCRE2 reads its serialised header in place). */
static void put_bytes(strbuf *o, const char *name, const unsigned char *b, size_t n) {
  sb_printf(o, "static const _Alignas(16) unsigned char %s[%zu] = {", name, n ? n : 1);
  for (size_t i = 0; i < n; i++) sb_printf(o, "%s%u,", i % 24 ? "" : "\n  ", b[i]);
  if (!n) sb_puts(o, "0");
  sb_puts(o, "\n};\n\n");
}

static void put_ints(strbuf *o, const char *name, const int *v, int n) {
  sb_printf(o, "static const int %s[%d] = {", name, n ? n : 1);
  for (int i = 0; i < n; i++) sb_printf(o, "%s%d,", i % 16 ? "" : "\n  ", v[i]);
  if (!n) sb_puts(o, "0");
  sb_puts(o, "\n};\n\n");
}

/* One lexicon's run-time table as static arrays and a lex_table named P_table; phrase texts
** and sources go into one string pool, addressed by offset. */
static void put_table(strbuf *o, const char *P, const lexicon *lx, const lex_table *t) {
  sb_printf(o, "static const char *const %s_labels[%d] = {\n", P, t->n_labels);
  for (int i = 0; i < t->n_labels; i++) { sb_puts(o, "  "); put_str(o, t->labels[i]); sb_puts(o, ",\n"); }
  sb_puts(o, "};\n\n");
  sb_printf(o, "static const lex_phrase_int %s_phrases[%d] = {", P, t->n_phrases);
  for (int i = 0; i < t->n_phrases; i++) {
    const lex_phrase_int *p = &t->phrases[i];
    sb_printf(o, "%s{%d,%d,%d,%u},", i % 6 ? "" : "\n  ", p->label, p->first_part, p->n_parts, p->anchors);
  }
  sb_puts(o, "\n};\n\n");
  int *text_at = xmalloc(((size_t)t->n_phrases + 1) * sizeof *text_at);
  int *source_at = xmalloc(((size_t)t->n_phrases + 1) * sizeof *source_at);
  int *norm_at = xmalloc(((size_t)t->n_phrases + 1) * sizeof *norm_at);
  sb_printf(o, "static const char %s_strings[] =", P);
  int at = 0;
  for (int i = 0; i < t->n_phrases; i++) {
    const lex_phrase *p = lex_phrase_at(lx, i);
    char *norm = txt_normalize(p->text, strlen(p->text), NULL);
    text_at[i] = at;
    at += (int)strlen(p->text) + 1;
    source_at[i] = at;
    at += (int)strlen(p->source) + 1;
    sb_puts(o, "\n  "); put_str(o, p->text); sb_puts(o, " \"\\0\" "); put_str(o, p->source); sb_puts(o, " \"\\0\"");
    norm_at[i] = text_at[i];
    if (strcmp(norm, p->text) != 0) {   /* kept only where it differs */
      norm_at[i] = at;
      at += (int)strlen(norm) + 1;
      sb_puts(o, " "); put_str(o, norm); sb_puts(o, " \"\\0\"");
    }
    free(norm);
  }
  sb_puts(o, "\n  \"\";\n\n");
  char name[64];
  snprintf(name, sizeof name, "%s_text_at", P);
  put_ints(o, name, text_at, t->n_phrases);
  snprintf(name, sizeof name, "%s_source_at", P);
  put_ints(o, name, source_at, t->n_phrases);
  snprintf(name, sizeof name, "%s_norm_at", P);
  put_ints(o, name, norm_at, t->n_phrases);
  free(text_at); free(source_at); free(norm_at);
  sb_printf(o, "static const lex_part %s_parts[%d] = {\n", P, t->n_parts);
  for (int i = 0; i < t->n_parts; i++) {
    const lex_part *p = &t->parts[i];
    sb_printf(o, "  { %d, %d, %zu, %u, %u, %u },\n", p->phrase, p->index, p->len, p->word_left,
              p->word_right, p->stem);
  }
  sb_puts(o, "};\n\n");
  sb_printf(o, "static const lex_node %s_nodes[%d] = {", P, t->n_nodes);
  for (int i = 0; i < t->n_nodes; i++) {
    const lex_node *n = &t->nodes[i];
    sb_printf(o, "%s{-1,-1,%u,%d,%d,%d,%d,%d},", i % 4 ? "" : "\n  ", n->byte, n->fail, n->dict, n->out,
              n->edge_start, n->n_edges);
  }
  sb_puts(o, "\n};\n\n");
  sb_printf(o, "static const lex_out %s_outs[%d] = {", P, t->n_outs ? t->n_outs : 1);
  for (int i = 0; i < t->n_outs; i++)
    sb_printf(o, "%s{%d,%d},", i % 8 ? "" : "\n  ", t->outs[i].part, t->outs[i].next);
  if (!t->n_outs) sb_puts(o, "{0,0}");
  sb_puts(o, "\n};\n\n");
  int n_edges = t->n_nodes - 1;
  snprintf(name, sizeof name, "%s_edge_byte", P);
  put_bytes(o, name, t->edge_byte, (size_t)n_edges);
  snprintf(name, sizeof name, "%s_edge_to", P);
  put_ints(o, name, t->edge_to, n_edges);
  snprintf(name, sizeof name, "%s_root_next", P);
  put_ints(o, name, t->root_next, 256);
  sb_printf(o, "static const lex_step %s_steps[%d] = {", P, t->n_nodes);
  for (int i = 0; i < t->n_nodes; i++) {
    const lex_step *s = &t->steps[i];
    sb_printf(o, "%s{%d,%d,%d,%u,%u,0},", i % 4 ? "" : "\n  ", s->fail, s->hit, s->to, s->n_edges, s->byte);
  }
  sb_puts(o, "\n};\n\n");
  sb_printf(o, "static const lex_table %s_table = {\n"
               "  %s_labels, %d, %s_phrases, %d, %s_strings, %s_text_at, %s_source_at, %s_norm_at,\n"
               "  %s_parts, %d, %s_nodes, %d, %s_outs, %d, %s_edge_byte, %s_edge_to, %s_root_next, %s_steps,\n};\n\n",
            P, P, t->n_labels, P, t->n_phrases, P, P, P, P, P, t->n_parts, P, t->n_nodes, P, t->n_outs, P, P, P, P);
}

/* Seconds a file must have been left alone before its stamp is recorded (bi_stamp_file): two
** covers the coarsest file system clocks (FAT's two seconds). */
#define STAMP_AGE 2

/* The stamp (builtin.h) of path, just read as len bytes, as a C initializer; "{ 0 }" (none) when
** bi_stamp_file gives none, and in a reproducible build (SOURCE_DATE_EPOCH set: the output must
** not depend on the checkout). */
static void put_stamp(strbuf *o, const char *path, size_t len) {
  bi_stamp t;
  if (!path || getenv("SOURCE_DATE_EPOCH") || !bi_stamp_file(path, len, STAMP_AGE, &t)) {
    sb_puts(o, "{ 0 }");
    return;
  }
  sb_printf(o, "{ %lluULL, %lluULL, %lluULL, %lld, %lld, %lld, %lld }", (unsigned long long)t.dev,
            (unsigned long long)t.ino, (unsigned long long)t.size, (long long)t.mtime_s, (long long)t.mtime_ns,
            (long long)t.ctime_s, (long long)t.ctime_ns);
}

/* An entry made from src[0..len), read from the file path (its stamp), or NULL (none). */
static void put_entry(strbuf *o, const char *name, const void *src, size_t len, const char *lex_sym,
                      const char *bytes, const char *path) {
  sb_puts(o, "  { ");
  put_str(o, name);
  sb_printf(o, ", %zu, 0x%016llxULL, %s, %s, %s%s, ", len,
            (unsigned long long)bi_hash(src, len), lex_sym ? lex_sym : "NULL",
            bytes ? bytes : "NULL", bytes ? "sizeof " : "0", bytes ? bytes : "");
  put_stamp(o, path, len);
  sb_puts(o, " },\n");
}

/* DIR/REL's bytes; *path (when not NULL) gets the path read, the caller's to free. */
static char *read_or_die(const char *dir, const char *rel, size_t *len, char **path) {
  char err[256];
  char *p = xasprintf("%s/%s", dir, rel);
  char *buf = util_read_file(p, 16u << 20, len, err, sizeof err);
  if (!buf) { fprintf(stderr, "salesim-gen: %s: %s\n", p, err); exit(1); }
  if (path) *path = p;
  else free(p);
  return buf;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Compiles DATA_DIR/messages/LANG.yaml, English first (the reference of the others); 0, or 1
** after printing the problems. */
static int put_messages(strbuf *o, strbuf *entries, const char *dir) {
  char *mdir = xasprintf("%s/messages", dir);
  DIR *dh = opendir(mdir);
  if (!dh) { fprintf(stderr, "salesim-gen: %s: cannot open\n", mdir); free(mdir); return 1; }
  char *names[64];
  int n = 0;
  for (struct dirent *de; (de = readdir(dh)) != NULL && n < 64;) {
    size_t l = strlen(de->d_name);
    if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0) names[n++] = xstrdup(de->d_name);
  }
  closedir(dh);
  qsort(names, (size_t)n, sizeof *names, by_name);
  int bad = 0;
  msg_cat *ref = NULL;
  unsigned char *ref_blob = NULL;
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < n; i++) {
      int is_ref = strcmp(names[i], MSG_REF_LANG ".yaml") == 0;
      if (is_ref != (pass == 0)) continue;
      char rel[128], sym[64];
      snprintf(rel, sizeof rel, "messages/%s", names[i]);
      size_t len, nb;
      char *path;
      char *src = read_or_die(dir, rel, &len, &path);
      diag d; diag_init(&d);
      char *shown = xasprintf("%s/%s", dir, rel);
      unsigned char *blob = msg_compile(shown, src, len, ref, &nb, &d);
      free(shown);
      if (!blob) { diag_print(&d, stderr); bad = 1; }
      diag_free(&d);
      if (blob) {
        snprintf(sym, sizeof sym, "msg_%.*s", (int)(strlen(names[i]) - 5), names[i]);
        for (char *p = sym; *p; p++) if (*p == '-') *p = '_';
        put_bytes(o, sym, blob, nb);
        put_entry(entries, rel, src, len, NULL, sym, path);
        if (is_ref) { ref_blob = blob; ref = msg_open(blob, nb); }
        else free(blob);
      }
      free(src);
      free(path);
    }
  if (!ref) { fprintf(stderr, "salesim-gen: %s has no %s.yaml\n", mdir, MSG_REF_LANG); bad = 1; }
  msg_close(ref);
  free(ref_blob);
  for (int i = 0; i < n; i++) free(names[i]);
  free(mdir);
  return bad;
}

/* Appends "const bi_entry NAME[] = { ENTRIES { 0 } };" to o. */
static void put_table_of(strbuf *o, const char *name, const strbuf *entries) {
  sb_printf(o, "const bi_entry %s[] = {\n", name);
  sb_append(o, entries->s ? entries->s : "", entries->len);
  sb_puts(o, "  { 0 }\n};\n\n");
}

/* Writes o to out atomically (a failed run leaves no half-written file); 0, or 1 after saying why. */
static int write_out(const char *out, const strbuf *o) {
  char werr[256];
  if (util_write_atomic(out, o->s, o->len, werr, sizeof werr) == 0) return 0;
  fprintf(stderr, "salesim-gen: %s: %s\n", out, werr);
  return 1;
}

/* salesim-gen --messages DATA_DIR OUT.c: the message catalogues alone, checked (every language
** against English; the build stops on an error) and compiled, as the table bi_messages.  Kept
** apart from the lexicons' table so that editing a catalogue does not retrain the model (whose
** trainer links the lexicons' table). */
static int messages_main(const char *dir, const char *out) {
  setenv("SALESIM_DATA", dir, 1);   /* util.c's error texts: from dir's catalogues (msg.h) */
  strbuf o = {0}, entries = {0};
  sb_puts(&o, "/* Generated by salesim-gen --messages from the message catalogues (builtin.h, msg.h).\n"
              "** Do not edit: `make` writes it again when a catalogue changes. */\n"
              "#include <stddef.h>\n#include \"builtin.h\"\n\n");
  if (put_messages(&o, &entries, dir) != 0) return 1;
  put_table_of(&o, "bi_messages", &entries);
  int status = write_out(out, &o);
  sb_free(&o); sb_free(&entries);
  return status;
}

/* A scenario's own words (classify_int.h) as the sorted hashes wd_words_take_sorted takes in place,
** the array NAME and its entry in o (bi_words). */
static void put_words(strbuf *o, strbuf *entries, const char *name, const scenario *sc,
                      const char *file, const char *src, size_t len) {
  wd_words *w = wd_words_new();
  cls_add_scenario_words(w, sc);
  size_t n;
  uint64_t *v = wd_words_sorted(w, &n);
  sb_printf(o, "static const uint64_t %s[%zu] = {", name, n ? n : 1);
  for (size_t i = 0; i < n; i++) sb_printf(o, "%s0x%016llxULL,", i % 4 ? " " : "\n  ", (unsigned long long)v[i]);
  if (!n) sb_puts(o, "0");
  sb_puts(o, "\n};\n\n");
  sb_puts(entries, "  { ");
  put_str(entries, file);
  sb_printf(entries, ", %zu, 0x%016llxULL, NULL, (const unsigned char *)%s, %zu, { 0 } },\n", len,
            (unsigned long long)bi_hash(src, len), name, n * sizeof *v);
  free(v);
  wd_words_free(w);
}

/* A scenario's own phrases added to an empty lexicon and built (classify_int.h), as the table
** P_table and its entry (bi_phrases), sources without the file's name (":LINE"), which the program
** puts in front (lex_take_added).  None when adding them reports anything. */
static void put_phrases(strbuf *o, strbuf *entries, const char *P, const scenario *sc,
                        const char *file, const char *src, size_t len) {
  lexicon *lx = lex_new();
  diag d; diag_init(&d);
  if (cls_add_scenario_phrases(lx, sc, "", &d) == 0 && d.n == 0) {
    char lex_name[40];
    put_table(o, P, lx, lex_own_table(lx));
    snprintf(lex_name, sizeof lex_name, "&%s_table", P);
    put_entry(entries, file, src, len, lex_name, NULL, NULL);
  }
  diag_free(&d);
  lex_free(lx);
}

/* A scenario file's transcript hash (scenario.h), its entry in o (bi_scn_hash). */
static void put_scn_hash(strbuf *o, const char *file, const char *src, size_t len) {
  char hex[17];
  util_hash_hex(src, len, hex);
  sb_puts(o, "  { ");
  put_str(o, file);
  sb_printf(o, ", %zu, 0x%016llxULL, NULL, (const unsigned char *)\"%s\", 16, { 0 } },\n", len,
            (unsigned long long)bi_hash(src, len), hex);
}

/* Scenario i's behaviour script at path as bytecode (script_I), entered in scripts under its
** file name, the chunk name the program gives it (customer_setup.c); 0, or 1 after saying why. */
static int put_script(strbuf *o, strbuf *scripts, int i, const char *path) {
  size_t len, n_code;
  char *src = read_or_die(".", path, &len, NULL), *err = NULL;
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  char *code = sbx_compile(base, src, len, &n_code, &err);
  if (!code) {
    fprintf(stderr, "salesim-gen: %s\n", err);
    free(err); free(src);
    return 1;
  }
  char sym[32];
  snprintf(sym, sizeof sym, "script_%d", i);
  put_bytes(o, sym, (const unsigned char *)code, n_code);
  put_entry(scripts, base, src, len, NULL, sym, path);
  free(code); free(src);
  return 0;
}

/* Scenario i's conditions as the chunk the customer compiles for them (cust_conds_chunk), as
** bytecode with every name kept (conds_I), entered in conds under the scenario's file name, the
** chunk's name (customer_setup.c).  None when the chunk does not compile: the program then
** compiles it from source and says why, as for any scenario. */
static void put_conds(strbuf *o, strbuf *conds, int i, const scenario *sc, const char *file) {
  const char **exprs;
  int *lines, n = cust_scenario_conds(sc, &exprs, &lines), *at = xcalloc((size_t)n + 1, sizeof *at);
  size_t len, n_code;
  char *src = cust_conds_chunk(n, exprs, lines, at, &len), *err = NULL;
  const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
  char *code = sbx_compile_full(base, src, len, &n_code, &err);
  if (code) {
    char sym[32];
    snprintf(sym, sizeof sym, "conds_%d", i);
    put_bytes(o, sym, (const unsigned char *)code, n_code);
    put_entry(conds, base, src, len, NULL, sym, NULL);
  }
  free(code); free(err); free(src); free(at); free(exprs); free(lines);
}

/* salesim-gen --scenarios DATA_DIR OUT.c FILE...: each shipped scenario's parsed tree (ynode.h),
** link index (link_int.h), own words (words.h) and own phrases' automaton (lexicon_int.h) as
** images, its transcript hash, its behaviour script's and its conditions' bytecode: the tables
** bi_yaml, bi_links, bi_words, bi_phrases, bi_scn_hash, bi_scripts and bi_conds.  This build of the tool
** links the trained model, whose background frequencies weigh the index's terms.  A file that
** parses or loads with any message gets no image: it is read from source at run time, so its
** messages are not lost. */
static int scenarios_main(const char *dir, const char *out, char **files, int n) {
  int status = 0;
  setenv("SALESIM_DATA", dir, 1);
  strbuf o = {0}, yaml = {0}, links = {0}, words = {0}, phrases = {0}, hashes = {0}, scripts = {0}, conds = {0};
  sb_puts(&o, "/* Generated by salesim-gen --scenarios from the shipped scenarios (builtin.h, ynode.h,\n"
              "** link_int.h, words.h, scenario.h).  Do not edit: `make` writes it again when a scenario changes. */\n"
              "#include <stddef.h>\n#include <stdint.h>\n#include \"builtin.h\"\n#include \"lexicon_int.h\"\n\n");
  wd_stemmer *st = wd_new();
  for (int i = 0; i < n; i++) {
    size_t len;
    char *src = read_or_die(".", files[i], &len, NULL);
    diag d; diag_init(&d);
    yn_doc *doc = yn_parse_string(files[i], src, len, &d);
    scenario *sc = doc && d.n == 0 ? scc_load(files[i], &d) : NULL;
    /* no message at all, not even a warning: scc_load_deferred skips its checks for these files */
    if (sc && d.n == 0) {
      char sym[32];
      size_t nb;
      unsigned char *img = yn_image(doc, &nb);
      snprintf(sym, sizeof sym, "yaml_%d", i);
      put_bytes(&o, sym, img, nb);
      put_entry(&yaml, files[i], src, len, NULL, sym, files[i]);
      free(img);
      lnk_index *x = lnk_build(sc, st);
      if (x) {
        img = lnk_image(x, &nb);
        snprintf(sym, sizeof sym, "links_%d", i);
        put_bytes(&o, sym, img, nb);
        put_entry(&links, files[i], src, len, NULL, sym, NULL);
        free(img);
      }
      lnk_free(x);
      snprintf(sym, sizeof sym, "words_%d", i);
      put_words(&o, &words, sym, sc, files[i], src, len);
      put_scn_hash(&hashes, files[i], src, len);
      snprintf(sym, sizeof sym, "scn_%d", i);
      put_phrases(&o, &phrases, sym, sc, files[i], src, len);
      if (sc->behaviour && put_script(&o, &scripts, i, sc->behaviour) != 0) status = 1;
      put_conds(&o, &conds, i, sc, files[i]);
    } else {
      fprintf(stderr, "salesim-gen: %s: not read cleanly, left to be read from source\n", files[i]);
      diag_print(&d, stderr);
    }
    scn_free(sc);
    yn_free(doc);
    diag_free(&d);
    free(src);
  }
  wd_free(st);
  /* linking's concepts, read once by every index above: their table as the program rebuilds it */
  strbuf concepts = {0};
  size_t clen, nblob;
  char *cpath, *csrc = read_or_die(dir, "lexicons/concepts.yaml", &clen, &cpath);
  char *blob = lcn_blob(lcn_for(NULL), &nblob);
  if (blob) {
    put_bytes(&o, "concepts_blob", (const unsigned char *)blob, nblob);
    put_entry(&concepts, "lexicons/concepts.yaml", csrc, clen, NULL, "concepts_blob", cpath);
  }
  free(blob); free(csrc); free(cpath);
  put_table_of(&o, "bi_concepts", &concepts);
  sb_free(&concepts);
  put_table_of(&o, "bi_yaml", &yaml);
  put_table_of(&o, "bi_links", &links);
  put_table_of(&o, "bi_words", &words);
  put_table_of(&o, "bi_phrases", &phrases);
  put_table_of(&o, "bi_scn_hash", &hashes);
  put_table_of(&o, "bi_scripts", &scripts);
  put_table_of(&o, "bi_conds", &conds);
  status |= write_out(out, &o);
  sb_free(&o); sb_free(&yaml); sb_free(&links); sb_free(&words); sb_free(&phrases); sb_free(&hashes);
  sb_free(&scripts); sb_free(&conds);
  return status;
}

/* Appends text to the pool of bi_line_strings (a C literal with its NUL); its offset. */
static int pool_add(strbuf *pool, int *at, const char *text) {
  int off = *at;
  sb_puts(pool, "\n  "); put_str(pool, text); sb_puts(pool, " \"\\0\"");
  *at += (int)strlen(text) + 1;
  return off;
}

/* The built-in lines of LINES (the Lua table on top of L: language -> key -> a string or a list
** of strings) as bi_lines, sorted by language and key, their texts in one pool addressed by
** offset; 0, or 1 after saying what is not data of that shape (builtin_line reads nothing
** else: a list's first 16 strings). */
static int put_lines_of(strbuf *o, lua_State *L) {
  char *langv[16], *keyv[256];
  int nl = 0, n_entries = 0, n_at = 0, at = 0, bad = 0;
  strbuf table = {0}, pool = {0}, ats = {0};
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TTABLE || nl == 16) bad = 1;
    else langv[nl++] = xstrdup(lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  qsort(langv, (size_t)nl, sizeof *langv, by_name);
  for (int i = 0; i < nl && !bad; i++) {
    int lang = pool_add(&pool, &at, langv[i]);
    lua_getfield(L, -1, langv[i]);
    int nk = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      int t = lua_type(L, -1);
      if (lua_type(L, -2) != LUA_TSTRING || (t != LUA_TSTRING && t != LUA_TTABLE) || nk == 256) bad = 1;
      else keyv[nk++] = xstrdup(lua_tostring(L, -2));
      lua_pop(L, 1);
    }
    qsort(keyv, (size_t)nk, sizeof *keyv, by_name);
    for (int k = 0; k < nk; k++) {
      n_entries++;
      int key = pool_add(&pool, &at, keyv[k]);
      if (lua_getfield(L, -1, keyv[k]) == LUA_TSTRING) {
        sb_printf(&table, "  { %d, %d, %d, 0, 0 },\n", lang, key, pool_add(&pool, &at, lua_tostring(L, -1)));
      } else {
        lua_Unsigned n = lua_rawlen(L, -1);
        if (n > 16) bad = 1;
        sb_printf(&table, "  { %d, %d, -1, %d, %d },\n", lang, key, (int)n, n_at);
        for (lua_Unsigned j = 1; j <= n && !bad; j++) {
          if (lua_rawgeti(L, -1, (lua_Integer)j) != LUA_TSTRING) bad = 1;
          else sb_printf(&ats, "%s%d,", n_at % 16 ? "" : "\n  ", pool_add(&pool, &at, lua_tostring(L, -1)));
          n_at++;
          lua_pop(L, 1);
        }
      }
      lua_pop(L, 1);
      free(keyv[k]);
    }
    lua_pop(L, 1);
  }
  for (int i = 0; i < nl; i++) free(langv[i]);
  if (!bad)
    sb_printf(o, "const char bi_line_strings[] =%s\n  \"\";\n\nconst int bi_line_at[%d] = {%s\n};\n\n"
                 "const bi_line bi_lines[] = {\n%s  { 0, 0, -1, 0, 0 }\n};\nconst int bi_n_lines = %d;\n\n",
              pool.s ? pool.s : "", n_at ? n_at : 1, ats.s ? ats.s : " 0", table.s ? table.s : "", n_entries);
  sb_free(&table); sb_free(&pool); sb_free(&ats);
  if (bad) fprintf(stderr, "salesim-gen: lua/default.lua: LINES is not languages of keys of strings or lists "
                           "of at most 16 strings\n");
  return bad;
}

/* DATA_DIR/lua/default.lua as bytecode (lua_default, entered under the file's length and hash)
** and its built-in lines as bi_lines: the block from the line `LINES = {` to the first line `}`
** is pure data, run here in a Lua state with no libraries and an empty environment (anything
** but table constructors and strings fails), and the bytecode is compiled from the file with
** that block blanked, its newlines kept so that every line number holds.  The program then
** reads the lines from bi_lines (customer.c) instead of making the tables, and interning their
** 500 strings, at each start.  0, or 1 after saying why. */
static int put_default(strbuf *o, strbuf *entries, const char *dir) {
  size_t len, n_code;
  char *path, *src = read_or_die(dir, "lua/default.lua", &len, &path), *err = NULL;
  static const char open[] = "\nLINES = {\n", close[] = "\n}\n";
  char *from = strstr(src, open), *to = from ? strstr(from + 1, close) : NULL;
  if (!from || !to || strstr(from + 1, open)) {
    fprintf(stderr, "salesim-gen: %s: no one block from 'LINES = {' to '}' at the start of a line\n", path);
    free(src); free(path);
    return 1;
  }
  from++;
  to += 2;   /* the block is src[from, to): "LINES = {" to the "}", without its newline */
  lua_State *L = luaL_newstate();
  int rc = luaL_loadbufferx(L, from, (size_t)(to - from), "=default.lua LINES", "t");
  if (rc == LUA_OK) {
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setupvalue(L, -3, 1);   /* _ENV: the empty table */
    lua_insert(L, -2);
    rc = lua_pcall(L, 0, 0, 0);
    if (rc == LUA_OK && lua_getfield(L, -1, "LINES") != LUA_TTABLE) {
      lua_pushliteral(L, "LINES is not a table");
      rc = LUA_ERRRUN;
    }
  }
  if (rc != LUA_OK) {
    fprintf(stderr, "salesim-gen: %s: %s\n", path, lua_tostring(L, -1));
    lua_close(L); free(src); free(path);
    return 1;
  }
  int bad = put_lines_of(o, L);
  lua_close(L);
  char *blank = xmalloc(len + 1);
  memcpy(blank, src, len + 1);
  for (char *p = blank + (from - src); p < blank + (to - src); p++)
    if (*p != '\n') *p = ' ';
  char *code = bad ? NULL : sbx_compile("default.lua", blank, len, &n_code, &err);
  if (!bad && !code) fprintf(stderr, "salesim-gen: %s\n", err);
  if (code) {
    put_bytes(o, "lua_default", (const unsigned char *)code, n_code);
    put_entry(entries, "lua/default.lua", src, len, NULL, "lua_default", path);
  }
  free(code); free(err); free(blank); free(src); free(path);
  return code ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "--messages") == 0) return messages_main(argv[2], argv[3]);
  if (argc >= 4 && strcmp(argv[1], "--scenarios") == 0) return scenarios_main(argv[2], argv[3], argv + 4, argc - 4);
  if (argc != 3) { fprintf(stderr, "usage: salesim-gen [--messages] DATA_DIR OUT.c | --scenarios DATA_DIR OUT.c FILE...\n"); return 2; }
  const char *dir = argv[1], *out = argv[2];
  setenv("SALESIM_DATA", dir, 1);
  strbuf o = {0}, entries = {0};
  sb_puts(&o, "/* Generated by salesim-gen from the shipped lexicons, time patterns and lua/default.lua\n"
              "** (builtin.h).  Do not edit: `make` writes it again when a source changes. */\n"
              "#include <stddef.h>\n#include \"builtin.h\"\n#include \"lexicon_int.h\"\n\n");
  int status = 0;
  for (size_t li = 0; li < sizeof langs / sizeof *langs; li++) {
    const char *lang = langs[li];
    diag d; diag_init(&d);
    cls_classifier *c = cls_new(lang, NULL, &d);
    if (!c) { diag_print(&d, stderr); diag_free(&d); return 1; }
    diag_free(&d);
    char rel[64], P[16], bytes_name[32], lex_name[32];
    snprintf(rel, sizeof rel, "lexicons/%s.yaml", lang);
    snprintf(P, sizeof P, "lex_%s", lang);
    size_t len;
    char *path;
    char *src = read_or_die(dir, rel, &len, &path);
    lexicon *lx = (lexicon *)cls_lexicon(c);   /* the classifier is this tool's alone */
    put_table(&o, P, lx, lex_own_table(lx));
    snprintf(lex_name, sizeof lex_name, "&%s_table", P);
    put_entry(&entries, rel, src, len, lex_name, NULL, path);
    free(src);
    free(path);
    cls_free(c);

    diag_init(&d);
    tx_set *tx = tx_compile(lang, &d);
    diag_free(&d);
    unsigned char *ser; size_t n_ser; char *pat; size_t pat_len;
    if (tx && tx_serialize(tx, &ser, &n_ser, &pat, &pat_len) == 0) {
      snprintf(bytes_name, sizeof bytes_name, "timex_%s", lang);
      put_bytes(&o, bytes_name, ser, n_ser);
      snprintf(rel, sizeof rel, "timex/%s", lang);
      put_entry(&entries, rel, pat, pat_len, NULL, bytes_name, NULL);
      free(ser); free(pat);
    }   /* else: the program compiles the patterns at start, as without this table */
    tx_free(tx);
  }
  if (put_default(&o, &entries, dir) != 0) return 1;

  put_table_of(&o, "bi_entries", &entries);
  status |= write_out(out, &o);
  sb_free(&o); sb_free(&entries);
  return status;
}
