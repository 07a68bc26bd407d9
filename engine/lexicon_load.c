/*
** lexicon_load.c: reads a lexicon YAML file through ynode into a lexicon (lexicon.h).
**
**   language: en
**   moves:   { ask_commitment: [could you ... join, ...], ... }
**   slots:   { person: [your it head, ...], ... }
**   markers: { vague: [sometime, ...], ... }
**   classes: { concern: [worr*, doubt*, ...], ... }
**
** Every problem is reported with the file, line and column of the offending node.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"
#include "ynode.h"

/* variants: a canonical form and the spellings read as it ("订单: [定单]"); the reader rewrites
** them before it matches anything else (classify_rules.c), under the label "variant:FORM". */
/* classes: words of one meaning ("worried", "doubts", "pushback" are all concern words); each hit
** is a feature of the linear model under "class:NAME" and nothing else, so a word the corpus
** never used still weighs like its class (docs/classifier.md "Word classes").  The rules never
** read them. */
enum { SEC_MOVES, SEC_SLOTS, SEC_MARKERS, SEC_VARIANTS, SEC_CLASSES };
static const char *const sections[] = { "moves", "slots", "markers", "variants", "classes", NULL };

/* Adds every phrase of one label's list; returns the number of errors. */
static int load_label(lexicon *lx, const char *shown, const char *label, const yn_node *list, diag *d) {
  int errs = 0;
  if (list->kind == YN_SCALAR && !yn_is_null(list)) {
    msg_diag(d, DIAG_ERROR, shown, list->line, list->col, "cli.lexicon.needs_list", "label", label, NULL);
    return 1;
  }
  if (list->kind != YN_SEQ) {
    if (list->kind == YN_MAP) {
      msg_diag(d, DIAG_ERROR, shown, list->line, list->col, "cli.lexicon.list_not_map", "label", label, NULL);
      return 1;
    }
    return 0;   /* empty: nothing to add */
  }
  for (int i = 0; i < list->n; i++) {
    const yn_node *p = list->vals[i];
    if (p->kind != YN_SCALAR) {
      msg_diag(d, DIAG_ERROR, shown, p->line, p->col, p->kind == YN_MAP ? "cli.lexicon.phrase_map" : "cli.lexicon.phrase_list",
          "label", label, NULL);
      errs++;
      continue;
    }
    char *src = xasprintf("%s:%d", shown, p->line);
    const char *why = NULL;
    if (lex_add(lx, label, p->str, src, &why) < 0) {
      msg_diag(d, DIAG_ERROR, shown, p->line, p->col, "cli.lexicon.bad_phrase", "phrase", p->str, "label", label, "why", why, NULL);
      errs++;
    }
    free(src);
  }
  return errs;
}

/* Walks the sections of a parsed document. */
static int load_doc(lexicon *lx, const char *shown, const yn_doc *doc,
                    int (*known)(const char *, const char *), diag *d) {
  const yn_node *root = doc->root;
  if (!root) return 0;
  if (root->kind != YN_MAP) {
    msg_diag(d, DIAG_ERROR, shown, root->line, root->col, "cli.lexicon.not_map", NULL);
    return 1;
  }
  int errs = 0;
  for (int i = 0; i < root->n; i++) {
    const yn_node *k = root->keys[i], *v = root->vals[i];
    if (strcmp(k->str, "language") == 0 || strcmp(k->str, "description") == 0) continue;
    int s = 0;
    while (sections[s] && strcmp(sections[s], k->str) != 0) s++;
    if (!sections[s]) {
      msg_diag(d, DIAG_ERROR, shown, k->line, k->col, "cli.lexicon.unknown_key", "key", k->str, NULL);
      errs++;
      continue;
    }
    if (yn_is_null(v)) continue;
    if (v->kind != YN_MAP) {
      msg_diag(d, DIAG_ERROR, shown, v->line, v->col, "cli.lexicon.section_not_map", "section", k->str, NULL);
      errs++;
      continue;
    }
    for (int j = 0; j < v->n; j++) {
      const yn_node *lk = v->keys[j];
      if (known && s != SEC_VARIANTS && s != SEC_CLASSES && !known(sections[s], lk->str)) {
        msg_diag(d, DIAG_ERROR, shown, lk->line, lk->col, s == 0 ? "cli.lexicon.unknown_move" : s == 1 ? "cli.lexicon.unknown_slot"
                                                : "cli.lexicon.unknown_marker", "name", lk->str, NULL);
        errs++;
        continue;
      }
      if (s == SEC_VARIANTS || s == SEC_CLASSES) {
        char *label = xasprintf("%s:%s", s == SEC_VARIANTS ? "variant" : "class", lk->str);
        errs += load_label(lx, shown, label, v->vals[j], d);
        free(label);
      } else {
        errs += load_label(lx, shown, lk->str, v->vals[j], d);
      }
    }
  }
  return errs;
}

int lex_load_string(lexicon *lx, const char *shown, const char *buf, size_t len,
                    int (*known)(const char *section, const char *label), diag *d) {
  int before = d->errors;
  yn_doc *doc = yn_load_string(shown, buf, len, d);
  if (!doc) return d->errors - before > 0 ? d->errors - before : 1;
  int errs = load_doc(lx, shown, doc, known, d);
  yn_free(doc);
  return errs;
}

int lex_load_file(lexicon *lx, const char *path, const char *shown,
                  int (*known)(const char *section, const char *label), diag *d) {
  char err[256];
  size_t len;
  char *buf = util_read_file(path, YN_MAX_FILE, &len, err, sizeof err);
  if (!buf) {
    msg_diag(d, DIAG_ERROR, shown, 0, 0, "cli.lexicon.unreadable", "path", path, "error", err, NULL);
    return 1;
  }
  int errs = lex_load_string(lx, shown, buf, len, known, d);
  free(buf);
  return errs;
}
