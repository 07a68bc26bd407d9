/*
** fuzz_classify.c: the classifier on arbitrary bytes, in Chinese, in English and with the
** default scenario's additions.  The first byte picks the classifier; the rest is the line.
** Besides memory safety, it checks what the interface promises: the text and the normalised
** text are valid UTF-8 without control bytes, match spans lie inside the normalised text, and
** the JSON object serialises.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "scncheck.h"
#include "classify.h"
#include "diag.h"
#include "scenario.h"
#include "text.h"
#include "fuzz_common.h"

static cls_classifier *cls_zh, *cls_en, *cls_sc;
static scenario *sc;

/* Builds the three classifiers once; a missing lexicon is a set-up error, not a finding. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc; (void)argv;
  fuzz_setup_env();
  diag d;
  diag_init(&d);
  cls_zh = cls_new("zh", NULL, &d);
  cls_en = cls_new("en", NULL, &d);
  sc = scc_load(fuzz_scenario_path(), &d);
  if (sc) cls_sc = cls_new(sc->language, sc, &d);
  if (!cls_zh || !cls_en || !cls_sc) {
    diag_print(&d, stderr);
    fprintf(stderr, "fuzz_classify: cannot build the classifiers (run from the repository root)\n");
    abort();
  }
  diag_free(&d);
  return 0;
}

/* 1 when s[0..len) is valid UTF-8 holding no C0 control byte or DEL. */
static int clean_utf8(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t adv;
    int32_t cp = txt_decode(s + i, len - i, &adv);
    if (cp < 0 || cp < 0x20 || cp == 0x7f) return 0;
    i += adv;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const cls_classifier *c = data[0] % 3 == 0 ? cls_zh : data[0] % 3 == 1 ? cls_en : cls_sc;
  const char *line = (const char *)data + 1;
  size_t len = size - 1;
  cls_result r;
  cls_classify(c, line, len, &r);
  if (!r.text || !r.norm) abort();
  size_t nlen = strlen(r.norm);
  if (!clean_utf8(r.text, strlen(r.text)) || !clean_utf8(r.norm, nlen)) abort();
  for (int i = 0; i < r.n_matches; i++)
    if (r.matches[i].start > r.matches[i].end || r.matches[i].end > nlen) abort();
  if (r.moves >> CLS_MOVE_COUNT) abort();
  json_t *j = cls_result_json(&r, c == cls_sc ? sc : NULL);
  char *s = json_dumps(j, JSON_COMPACT);
  if (!s) abort();                        /* jansson refuses invalid UTF-8: a sanitising bug */
  free(s);
  json_decref(j);
  cls_result_free(&r);
  return 0;
}
