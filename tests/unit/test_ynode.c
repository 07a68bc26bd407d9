/* test_ynode.c: the YAML node layer: positions, scalars, caps, refusals and their messages. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "builtin.h"
#include "text.h"
#include "util.h"
#include "ynode.h"

/* Loads text; returns the doc, and the diagnostics joined by newlines in *msgs (malloc'd). */
static yn_doc *load(const char *text, size_t len, char **msgs) {
  diag d;
  diag_init(&d);
  yn_doc *doc = yn_load_string("t.yaml", text, len, &d);
  strbuf b = {0};
  for (int i = 0; i < d.n; i++) {
    char *s = diag_format(&d.v[i]);
    if (i) sb_putc(&b, '\n');
    sb_puts(&b, s);
    free(s);
  }
  *msgs = sb_take(&b);
  diag_free(&d);
  return doc;
}

/* Expects the text to be refused with exactly these diagnostics. */
static void expect_error(const char *text, const char *expected) {
  char *m;
  yn_doc *doc = load(text, strlen(text), &m);
  assert_null(doc);
  assert_string_equal(m, expected);
  free(m);
}

static void test_positions(void **st) {
  (void)st;
  char *m;
  const char *y = "id: demo\ncustomer:\n  name: 王处长\n  role: head\nlist:\n  - a\n  -   b\n";
  yn_doc *doc = load(y, strlen(y), &m);
  assert_non_null(doc);
  assert_string_equal(m, "");
  yn_node *root = doc->root;
  assert_int_equal(root->kind, YN_MAP);
  assert_int_equal(root->line, 1);
  assert_int_equal(root->col, 1);
  assert_int_equal(root->n, 3);
  assert_int_equal(root->keys[1]->line, 2);
  yn_node *c = yn_get(root, "customer");
  assert_non_null(c);
  assert_int_equal(c->kind, YN_MAP);
  assert_int_equal(c->line, 3);
  assert_int_equal(c->col, 3);
  yn_node *name = yn_get(c, "name");
  assert_string_equal(name->str, "王处长");
  assert_int_equal(name->line, 3);
  assert_int_equal(name->col, 9);
  assert_int_equal(yn_get(c, "role")->line, 4);
  yn_node *l = yn_get(root, "list");
  assert_int_equal(l->kind, YN_SEQ);
  assert_int_equal(l->n, 2);
  assert_int_equal(l->vals[1]->line, 7);
  assert_int_equal(l->vals[1]->col, 7);
  assert_string_equal(l->vals[1]->file, "t.yaml");
  assert_null(yn_get(root, "missing"));
  assert_null(yn_get(name, "x"));
  free(m);
  yn_free(doc);
}

static void test_scalars(void **st) {
  (void)st;
  char *m;
  const char *y = "a: 12\nb: '12'\nc: -3.5e2\nd: yes\ne: false\nf: ~\ng:\nh: \"\"\ni: |\n  line one\n  line two\n"
                  "j: 0x10\nk: 1.2.3\nl: 99999999999999999999\n";
  yn_doc *doc = load(y, strlen(y), &m);
  assert_non_null(doc);
  long v = 0;
  double dv = 0;
  int bv = -1;
  yn_node *r = doc->root;
  assert_int_equal(yn_to_int(yn_get(r, "a"), &v), 0);
  assert_int_equal(v, 12);
  assert_int_equal(yn_get(r, "b")->quoted, 1);
  assert_int_equal(yn_to_int(yn_get(r, "b"), &v), -1);
  assert_int_equal(yn_to_double(yn_get(r, "c"), &dv), 0);
  assert_true(dv == -350.0);
  assert_int_equal(yn_to_int(yn_get(r, "c"), &v), -1);
  assert_int_equal(yn_to_bool(yn_get(r, "d"), &bv), 0);
  assert_int_equal(bv, 1);
  assert_int_equal(yn_to_bool(yn_get(r, "e"), &bv), 0);
  assert_int_equal(bv, 0);
  assert_int_equal(yn_to_bool(yn_get(r, "a"), &bv), -1);
  assert_true(yn_is_null(yn_get(r, "f")));
  assert_true(yn_is_null(yn_get(r, "g")));
  assert_false(yn_is_null(yn_get(r, "h")));
  assert_string_equal(yn_get(r, "i")->str, "line one\nline two\n");
  assert_int_equal(yn_get(r, "i")->quoted, 1);
  assert_int_equal(yn_to_int(yn_get(r, "j"), &v), -1);
  assert_int_equal(yn_to_double(yn_get(r, "k"), &dv), -1);
  assert_int_equal(yn_to_int(yn_get(r, "l"), &v), -1);
  assert_int_equal(yn_to_int(r, &v), -1);
  assert_string_equal(yn_kind_name(YN_SCALAR), "text");
  assert_string_equal(yn_kind_name(YN_MAP), "mapping");
  assert_string_equal(yn_kind_name(YN_SEQ), "list");
  free(m);
  yn_free(doc);
}

static void test_empty(void **st) {
  (void)st;
  char *m;
  yn_doc *doc = load("# only a comment\n", 17, &m);
  assert_non_null(doc);
  assert_null(doc->root);
  free(m);
  yn_free(doc);
}

static void test_aliases_refused(void **st) {
  (void)st;
  expect_error("a: &x [1, 2]\nb: *x\n",
               "t.yaml:1:4: error: anchors and aliases are not allowed\n"
               "t.yaml:2:4: error: anchors and aliases are not allowed");
  /* billion laughs: refused at the first anchor, never expanded */
  expect_error("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a]\nc: [*b,*b]\n",
               "t.yaml:1:4: error: anchors and aliases are not allowed\n"
               "t.yaml:2:4: error: anchors and aliases are not allowed\n"
               "t.yaml:2:8: error: anchors and aliases are not allowed\n"
               "t.yaml:2:11: error: anchors and aliases are not allowed\n"
               "t.yaml:2:14: error: anchors and aliases are not allowed\n"
               "t.yaml:3:5: error: anchors and aliases are not allowed\n"
               "t.yaml:3:8: error: anchors and aliases are not allowed");
  expect_error("x: !!str 5\n", "t.yaml:1:4: error: tags (!...) are not allowed");
}

static void test_utf8(void **st) {
  (void)st;
  expect_error("a: 1\nb: 王\xff\n", "t.yaml:2:5: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
  /* overlong encoding of '/', and a UTF-16 surrogate */
  expect_error("x: \xc0\xaf\n", "t.yaml:1:4: error: invalid UTF-8 (byte 0xC0); save the file as UTF-8");
  expect_error("x: \xed\xa0\x80\n", "t.yaml:1:4: error: invalid UTF-8 (byte 0xED); save the file as UTF-8");
  /* truncated sequence at the end of the input */
  expect_error("x: \xe7\x8e", "t.yaml:1:4: error: invalid UTF-8 (byte 0xE7); save the file as UTF-8");
  /* three-byte sequences, some taken without decoding: the same verdict as the decoder's on
  ** every lead byte with continuation bytes at and past their edges (or a sequence cut short) */
  static const unsigned char c1s[] = { 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0x0a };
  static const unsigned char c2s[] = { 0x7f, 0x80, 0xbf, 0xc0, 0x0a };
  for (unsigned c0 = 0xe0; c0 <= 0xef; c0++)
    for (size_t a = 0; a < sizeof c1s; a++)
      for (size_t b = 0; b < sizeof c2s; b++) {
        char text[16];
        int n = snprintf(text, sizeof text, "x: %c%c%c\n", (char)c0, (char)c1s[a], (char)c2s[b]);
        size_t adv;
        int valid = txt_decode(text + 3, 3, &adv) >= 0 && adv == 3;
        char *m;
        yn_doc *doc = load(text, (size_t)n, &m);
        int says_invalid = strstr(m, "invalid UTF-8") != NULL;
        if (says_invalid == valid) fail_msg("%02X %02X %02X: decoder %d, reader: %s", c0, c1s[a], c2s[b], valid, m);
        free(m);
        yn_free(doc);
      }
  /* a control character: libyaml's reader error, positioned from its byte offset */
  expect_error("a: 1\nb: x\x01y\n", "t.yaml:2:5: error: control characters are not allowed (#1)");
}

/* Builds n nested flow lists: [[[...]]]. */
static char *nested(int n) {
  char *s = xmalloc((size_t)n * 2 + 2);
  for (int i = 0; i < n; i++) { s[i] = '['; s[n + i] = ']'; }
  s[2 * n] = '\n';
  s[2 * n + 1] = '\0';
  return s;
}

static void test_depth_cap(void **st) {
  (void)st;
  char *m;
  char *ok = nested(YN_MAX_DEPTH);
  yn_doc *doc = load(ok, strlen(ok), &m);
  assert_non_null(doc);
  assert_string_equal(m, "");
  free(m);
  yn_free(doc);
  free(ok);
  char *deep = nested(100000);
  doc = load(deep, strlen(deep), &m);
  assert_null(doc);
  assert_string_equal(m, "t.yaml:1:65: error: nesting deeper than 64 levels");
  free(m);
  free(deep);
}

static void test_size_cap(void **st) {
  (void)st;
  char *m;
  size_t n = (size_t)YN_MAX_FILE + 1;
  char *big = xmalloc(n);
  memset(big, '#', n);
  yn_doc *doc = load(big, n, &m);
  assert_null(doc);
  assert_string_equal(m, "t.yaml:1:1: error: file too large (4194305 bytes; the limit is 4194304)");
  free(m);
  free(big);
}

static void test_node_cap(void **st) {
  (void)st;
  char *m;
  strbuf b = {0};
  sb_puts(&b, "[");
  for (int i = 0; i <= YN_MAX_NODES; i++) sb_puts(&b, "a,");
  sb_puts(&b, "a]\n");
  yn_doc *doc = load(b.s, b.len, &m);
  assert_null(doc);
  assert_string_equal(m, "t.yaml:1:400000: error: more than 200000 values in one file");
  free(m);
  sb_free(&b);
}

static void test_documents_and_keys(void **st) {
  (void)st;
  expect_error("a: 1\n---\nb: 2\n",
               "t.yaml:2:1: error: only one YAML document is allowed in a file (found a second '---')");
  expect_error("a: 1\nb: 2\na: 3\nb: 4\na: 5\n",
               "t.yaml:3:1: error: duplicate key 'a' (first at line 1)\n"
               "t.yaml:5:1: error: duplicate key 'a' (first at line 1)\n"
               "t.yaml:4:1: error: duplicate key 'b' (first at line 2)");
  /* maps of up to eight keys are compared pairwise, larger ones sorted: the same messages */
  expect_error("m:\n  ab: 1\n  a: 2\n  abc: 3\n  b: 4\n  a: 5\n",
               "t.yaml:6:3: error: duplicate key 'a' (first at line 3)");
  expect_error("m:\n  k1: 1\n  k2: 1\n  k3: 1\n  k4: 1\n  k5: 1\n  k6: 1\n  k7: 1\n  k8: 1\n  k1: 1\n",
               "t.yaml:10:3: error: duplicate key 'k1' (first at line 2)");
  expect_error("m:\n  ? [a, b]\n  : 1\n  b: 2\n  b: 3\n",
               "t.yaml:2:5: error: a key must be plain text, found a list\n"
               "t.yaml:5:3: error: duplicate key 'b' (first at line 4)");
  expect_error("x:\n  ? [a, b]\n  : 1\n", "t.yaml:2:5: error: a key must be plain text, found a list");
  expect_error("{a: 1}: 2\n", "t.yaml:1:1: error: a key must be plain text, found a mapping");
}

static void test_syntax_errors(void **st) {
  (void)st;
  expect_error("a: b: c\n", "t.yaml:1:5: error: mapping values are not allowed in this context");
  expect_error("a:\n  - x\n  y: 1\n",
               "t.yaml:3:3: error: did not find expected '-' indicator "
               "(while parsing a block collection at 2:3)");
  expect_error("a: \"open\n",
               "t.yaml:1:4: error: this quoted text is never closed: it runs on to 2:1 (found "
               "unexpected end of stream); close the quote on line 1");
}

/* A quote left open is reported where it opens, not lines later where the parser fails; a tab
** in the indentation is called a tab (play-test 32d M4). */
static void test_open_quote_and_tab(void **st) {
  (void)st;
  expect_error("id: x\ntitle: \"Brookside: booking\nlanguage: en\nbrief: \"the phones\"\n",
               "t.yaml:2:8: error: this quoted text is not closed on its line: it runs on to 4:9, where "
               "the YAML stops making sense (did not find expected key); close the quote on line 2");
  expect_error("a:\n  - 'one\n  - two\n  - 'three'\n",
               "t.yaml:2:5: error: this quoted text is not closed on its line: it runs on to 4:6, where "
               "the YAML stops making sense (did not find expected '-' indicator); close the quote on line 2");
  expect_error("a:\n  b: \"x\n  c: 1\n  d: \"y\"\n  e: 2\n",
               "t.yaml:2:6: error: this quoted text is not closed on its line: it runs on to 4:7, where "
               "the YAML stops making sense (did not find expected key); close the quote on line 2");
  /* a quoted text meant to run over lines, and valid, is no error */
  diag d;
  diag_init(&d);
  yn_doc *doc = yn_parse_string("t.yaml", "a: \"one\n  two\"\nb: 1\n", strlen("a: \"one\n  two\"\nb: 1\n"), &d);
  assert_non_null(doc);
  yn_free(doc);
  diag_free(&d);
  expect_error("a:\n\tb: 1\n",
               "t.yaml:2:1: error: a tab indents this line: YAML indents with spaces only (found "
               "character that cannot start any token)");
  expect_error("a:\n  b:\n  \tc: 1\n",
               "t.yaml:3:3: error: a tab indents this line: YAML indents with spaces only (found "
               "character that cannot start any token)");
  expect_error("people:\n  - name: x\n\t  role: y\n",
               "t.yaml:3:1: error: a tab indents this line: YAML indents with spaces only (found a "
               "tab character that violates indentation)");
}

static void test_load_file(void **st) {
  (void)st;
  diag d;
  diag_init(&d);
  assert_null(yn_load_file("/nonexistent/x.yaml", &d));
  assert_int_equal(d.errors, 1);
  char *s = diag_format(&d.v[0]);
  assert_string_equal(s, "/nonexistent/x.yaml: error: cannot read: No such file or directory");
  free(s);
  diag_free(&d);
  char path[] = "/tmp/test_ynode_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs("k: [1, 2]\n", f);
  fclose(f);
  diag_init(&d);
  yn_doc *doc = yn_load_file(path, &d);
  assert_non_null(doc);
  assert_string_equal(doc->file, path);
  assert_int_equal(yn_get(doc->root, "k")->n, 2);
  yn_free(doc);
  diag_free(&d);
  remove(path);
}

/* Two trees alike in every field a reader sees (kind, position, text, style, children). */
static void assert_same_tree(const yn_node *a, const yn_node *b) {
  assert_true((a == NULL) == (b == NULL));
  if (!a) return;
  assert_int_equal(a->kind, b->kind);
  assert_int_equal(a->line, b->line);
  assert_int_equal(a->col, b->col);
  assert_int_equal(a->quoted, b->quoted);
  assert_int_equal(a->literal, b->literal);
  assert_int_equal(a->len, b->len);
  assert_true((a->str == NULL) == (b->str == NULL));
  if (a->str) assert_memory_equal(a->str, b->str, a->len + 1);
  assert_int_equal(a->n, b->n);
  for (int i = 0; i < a->n; i++) {
    if (a->kind == YN_MAP) assert_same_tree(a->keys[i], b->keys[i]);
    assert_same_tree(a->vals[i], b->vals[i]);
  }
}

/* Every shipped scenario has an image made at build time (builtin.h), and the tree rebuilt from
** it is the tree libyaml gives; a file one byte away is parsed, not taken from the image. */
static void shipped_image(void *ctx, const char *path) {
  (void)ctx;
  diag d;
  diag_init(&d);
  size_t len;
  char *buf = yn_read_file(path, &len, &d);
  assert_non_null(buf);
  assert_non_null(bi_find_yaml(buf, len));
  yn_doc *parsed = yn_parse_string(path, buf, len, &d), *imaged = yn_load_string(path, buf, len, &d);
  assert_non_null(parsed);
  assert_non_null(imaged);
  assert_int_equal(d.n, 0);
  assert_string_equal(imaged->file, path);
  assert_ptr_equal(imaged->root->file, imaged->file);
  assert_same_tree(parsed->root, imaged->root);
  buf[len - 2] = buf[len - 2] == 'x' ? 'y' : 'x';   /* an edit: no image, libyaml reads it */
  assert_null(bi_find_yaml(buf, len));
  yn_free(parsed);
  yn_free(imaged);
  diag_free(&d);
  free(buf);
}

static void test_shipped_images(void **st) {
  (void)st;
  assert_true(tu_each_shipped_scenario(shipped_image, NULL) >= 9);
}

/* An image round trip on a small tree with every kind of node, an empty map and an empty file. */
static void test_image_round_trip(void **st) {
  (void)st;
  const char *texts[] = { "a: 1\nb: [x, 'y', {}]\nc: |\n  line\n  two\nd: {e: ~, f: []}\n", "" };
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    char *m;
    yn_doc *doc = load(texts[i], strlen(texts[i]), &m);
    assert_non_null(doc);
    free(m);
    size_t n;
    unsigned char *img = yn_image(doc, &n);
    yn_doc *back = yn_from_image("t.yaml", img, n, NULL);
    assert_same_tree(doc->root, back->root);
    yn_free(back);
    yn_free(doc);
    free(img);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_positions),
    cmocka_unit_test(test_scalars),
    cmocka_unit_test(test_empty),
    cmocka_unit_test(test_aliases_refused),
    cmocka_unit_test(test_utf8),
    cmocka_unit_test(test_depth_cap),
    cmocka_unit_test(test_size_cap),
    cmocka_unit_test(test_node_cap),
    cmocka_unit_test(test_documents_and_keys),
    cmocka_unit_test(test_syntax_errors), cmocka_unit_test(test_open_quote_and_tab),
    cmocka_unit_test(test_load_file),
    cmocka_unit_test(test_shipped_images),
    cmocka_unit_test(test_image_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
