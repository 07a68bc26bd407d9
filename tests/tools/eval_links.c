/*
** eval_links: measures linking by meaning (link.h) against a paraphrase set.
**
**   eval_links [--centroid|--nearest] [--threshold T] [--errors] [--tap] [--min-right R] [--max-wrong W]
**              [--part tune|held|all] SCENARIO.yaml SET.tsv
**
** --part: the set's lines are split once by a fixed hash of the line's text (FNV-1a of its bytes,
** mod 3): remainder 0 is the held-out part, the rest the tuning part.  Every weight and threshold
** of link.c was chosen on the tuning part only; the held-out part reports how it carries over.
**
** SET.tsv (tests/data/links/README.md): text<TAB>ids, ids "need:ID benefit:ID ..." required,
** "~kind:ID" acceptable, "-" none; a required benefit makes the needs it answers acceptable.  Reads every line as the game does (cls_classify with the
** scenario) and counts: linked right = required links made / required links; wrong = links made
** that are neither required nor acceptable / all links made.  It also checks the set is a fair
** held-out measure: no line may hold one of the scenario's keywords (by base form in English, as
** a substring in Chinese) or be one of its examples.  Prints the figures (and with --errors every
** miss and wrong link); with --tap, TAP lines gated by --min-right (0.85) and --max-wrong (0.05).
** Exit 0 when the gates hold, 1 when not, 2 for bad usage or an unreadable file.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scncheck.h"
#include "classify.h"
#include "link.h"
#include "scenario.h"
#include "text.h"
#include "util.h"

#define MAXIDS 16

/* The part of the set a line belongs to (see --part): 1 held out, 0 tuning. */
static int held_out(const char *text) {
  unsigned h = 2166136261u;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) { h ^= *p; h *= 16777619u; }
  return h % 3 == 0;
}

static int has_id(char **v, int n, const char *s) {
  for (int i = 0; i < n; i++) if (strcmp(v[i], s) == 0) return 1;
  return 0;
}

/* 1 when the keyword kw appears in the normalised line as the game would match it verbatim:
** a substring whose letter or digit ends are word boundaries (Chinese: any substring). */
static int holds_keyword(const char *line_norm, const char *kw) {
  char *kn = txt_normalize(kw, strlen(kw), NULL);
  int hit = txt_holds_phrase(line_norm, kn);
  free(kn);
  return hit;
}

static const char *keyword_in(const scenario *sc, const char *norm) {
  const scn_strs *lists[256]; int nl = 0;
  for (int i = 0; i < sc->n_needs && nl < 256; i++) lists[nl++] = &sc->needs[i].keywords;
  for (int i = 0; i < sc->n_benefits && nl < 256; i++) lists[nl++] = &sc->benefits[i].keywords;
  for (int i = 0; i < sc->n_objections && nl < 256; i++) lists[nl++] = &sc->objections[i].keywords;
  for (int i = 0; i < sc->n_commitments && nl < 256; i++) lists[nl++] = &sc->commitments[i].keywords;
  for (int l = 0; l < nl; l++)
    for (int k = 0; k < lists[l]->n; k++)
      if (holds_keyword(norm, lists[l]->v[k])) return lists[l]->v[k];
  return NULL;
}

static int is_example(const scenario *sc, const char *norm) {
  const scn_strs *lists[256]; int nl = 0;
  for (int i = 0; i < sc->n_needs && nl < 256; i++) lists[nl++] = &sc->needs[i].examples;
  for (int i = 0; i < sc->n_benefits && nl < 256; i++) lists[nl++] = &sc->benefits[i].examples;
  for (int i = 0; i < sc->n_objections && nl < 256; i++) lists[nl++] = &sc->objections[i].examples;
  for (int i = 0; i < sc->n_commitments && nl < 256; i++) lists[nl++] = &sc->commitments[i].examples;
  for (int l = 0; l < nl; l++)
    for (int k = 0; k < lists[l]->n; k++) {
      char *e = txt_normalize(lists[l]->v[k], strlen(lists[l]->v[k]), NULL);
      int same = strcmp(e, norm) == 0;
      free(e);
      if (same) return 1;
    }
  return 0;
}

int main(int argc, char **argv) {
  int centroid = LNK_DEFAULT_MODE == LNK_CENTROID, errors = 0, tap = 0;
  double thr = -1, min_right = 0.85, max_wrong = 0.05;
  const char *scn = NULL, *set = NULL;
  int part = -1;   /* -1 all, 0 tuning, 1 held out */
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--centroid") == 0) centroid = 1;
    else if (strcmp(argv[i], "--nearest") == 0) centroid = 0;
    else if (strcmp(argv[i], "--errors") == 0) errors = 1;
    else if (strcmp(argv[i], "--tap") == 0) tap = 1;
    else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc) thr = atof(argv[++i]);
    else if (strcmp(argv[i], "--part") == 0 && i + 1 < argc) {
      const char *p = argv[++i];
      part = strcmp(p, "tune") == 0 ? 0 : strcmp(p, "held") == 0 ? 1 : strcmp(p, "all") == 0 ? -1 : -2;
      if (part == -2) { fprintf(stderr, "eval_links: --part is tune, held or all\n"); return 2; }
    }
    else if (strcmp(argv[i], "--min-right") == 0 && i + 1 < argc) min_right = atof(argv[++i]);
    else if (strcmp(argv[i], "--max-wrong") == 0 && i + 1 < argc) max_wrong = atof(argv[++i]);
    else if (!scn) scn = argv[i];
    else if (!set) set = argv[i];
    else { fprintf(stderr, "usage: eval_links [options] SCENARIO.yaml SET.tsv\n"); return 2; }
  }
  if (!scn || !set) { fprintf(stderr, "usage: eval_links [options] SCENARIO.yaml SET.tsv\n"); return 2; }
  diag dg;
  diag_init(&dg);
  scenario *sc = scc_load(scn, &dg);
  cls_classifier *c = sc ? cls_new(NULL, sc, &dg) : NULL;
  if (!c) { diag_print(&dg, stderr); return 2; }
  diag_free(&dg);
  lnk_index *x = cls_links(c);
  if (!x) { fprintf(stderr, "%s: no item has examples: nothing links by meaning\n", scn); return 2; }
  lnk_configure(x, centroid ? LNK_CENTROID : LNK_NEAREST, (float)thr);
  FILE *f = fopen(set, "r");
  if (!f) { perror(set); return 2; }
  char buf[4096];
  int lineno = 0, lines = 0, required = 0, right = 0, made = 0, wrong = 0, unfair = 0;
  while (fgets(buf, sizeof buf, f)) {
    lineno++;
    buf[strcspn(buf, "\r\n")] = 0;
    if (!buf[0] || buf[0] == '#') continue;
    char *tab = strchr(buf, '\t');
    if (!tab) { fprintf(stderr, "%s:%d: error: expected text<TAB>ids\n", set, lineno); return 2; }
    *tab = 0;
    if (part >= 0 && held_out(buf) != part) continue;
    char *req[MAXIDS], *ok[MAXIDS]; int nreq = 0, nok = 0;
    for (char *tok = strtok(tab + 1, " "); tok; tok = strtok(NULL, " ")) {
      if (strcmp(tok, "-") == 0) continue;
      if (tok[0] == '~') { if (nok < MAXIDS) ok[nok++] = tok + 1; }
      else if (nreq < MAXIDS) req[nreq++] = tok;
    }
    /* a benefit's line may name the need it answers (the scenario's `answers:`): acceptable,
    ** as "~need:ID" marks it; sets written before that mark (and a trainer's) leave it out */
    char *tied[MAXIDS]; int ntied = 0;
    for (int i = 0; i < nreq; i++) {
      if (strncmp(req[i], "benefit:", 8) != 0) continue;
      for (int b = 0; b < sc->n_benefits; b++) {
        if (strcmp(sc->benefits[b].id, req[i] + 8) != 0) continue;
        for (int a = 0; a < sc->benefits[b].answers.n && ntied < MAXIDS; a++)
          tied[ntied++] = xasprintf("need:%s", sc->benefits[b].answers.v[a]);
      }
    }
    for (int i = 0; i < ntied && nok < MAXIDS; i++) ok[nok++] = tied[i];
    lines++;
    cls_result r;
    cls_classify(c, buf, strlen(buf), &r);
    const char *kw = keyword_in(sc, r.norm);
    if (kw || is_example(sc, r.norm)) {
      unfair++;
      printf("%s:%d: not held out: %s%s%s\n", set, lineno, kw ? "holds the keyword '" : "is an example",
             kw ? kw : "", kw ? "'" : "");
    }
    char *got[4 * 64 + 1]; int ngot = 0;
    for (int i = 0; i < r.n_needs; i++) got[ngot++] = xasprintf("need:%s", sc->needs[r.needs[i]].id);
    for (int i = 0; i < r.n_benefits; i++) got[ngot++] = xasprintf("benefit:%s", sc->benefits[r.benefits[i]].id);
    for (int i = 0; i < r.n_objections; i++) got[ngot++] = xasprintf("objection:%s", sc->objections[r.objections[i]].id);
    if (r.commitment >= 0) got[ngot++] = xasprintf("commitment:%s", sc->commitments[r.commitment].id);
    required += nreq;
    for (int i = 0; i < nreq; i++) {
      if (has_id(got, ngot, req[i])) right++;
      else if (errors) {
        /* the item's score and nearest text, so the miss shows how far it was */
        lnk_hit h[64];
        float sc_ = 0; const char *near = "";
        for (int k = 0; k < LNK_KINDS; k++) {
          int n = lnk_rank(x, cls_stemmer(c), r.norm, strlen(r.norm), (lnk_kind)k, h, 64);
          for (int j = 0; j < n; j++) {
            char *id = xasprintf("%s:%s", lnk_kind_name((lnk_kind)k),
                                 k == LNK_NEED ? sc->needs[h[j].item].id : k == LNK_BENEFIT ? sc->benefits[h[j].item].id
                                 : k == LNK_OBJECTION ? sc->objections[h[j].item].id : sc->commitments[h[j].item].id);
            if (strcmp(id, req[i]) == 0) { sc_ = h[j].score; near = lnk_text(x, h[j].text); }
            free(id);
          }
        }
        printf("%s:%d: missed %s (%.2f, nearest: %s): %s\n", set, lineno, req[i], sc_, near, buf);
      }
    }
    made += ngot;
    for (int i = 0; i < ngot; i++)
      if (!has_id(req, nreq, got[i]) && !has_id(ok, nok, got[i])) {
        wrong++;
        if (errors) printf("%s:%d: wrong %s: %s\n", set, lineno, got[i], buf);
      }
    for (int i = 0; i < ngot; i++) free(got[i]);
    for (int i = 0; i < ntied; i++) free(tied[i]);
    cls_result_free(&r);
  }
  fclose(f);
  double pr = required ? (double)right / required : 1, pw = made ? (double)wrong / made : 0;
  printf("# %s: %d lines, linked right %d/%d = %.3f, wrong links %d/%d = %.3f, threshold %.2f (%s, calibrated on %d examples)\n",
         set, lines, right, required, pr, wrong, made, pw, lnk_threshold(x), centroid ? "centroid" : "nearest",
         lnk_calibrated_on(x));
  int pass = pr >= min_right && pw <= max_wrong && unfair == 0;
  if (tap) {
    printf("%s - %s linked right %.3f (>= %.2f)\n", pr >= min_right ? "ok 1" : "not ok 1", set, pr, min_right);
    printf("%s - %s wrong links %.3f (<= %.2f)\n", pw <= max_wrong ? "ok 2" : "not ok 2", set, pw, max_wrong);
    printf("%s - %s holds no keyword and no example (%d do)\n", unfair == 0 ? "ok 3" : "not ok 3", set, unfair);
  }
  cls_free(c);
  scn_free(sc);
  return pass ? 0 : 1;
}
