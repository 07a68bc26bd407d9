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
** SET.tsv and the figures: linkeval.h (lev_measure, which `salesim links` also runs: this tool
** adds the team's switches: the mode, the threshold, the gates).  It also checks the set is a fair
** held-out measure: no line may hold one of the scenario's keywords or be one of its examples.
** Prints the figures (and with --errors every miss and wrong link); with --tap, TAP lines gated by
** --min-right (0.85) and --max-wrong (0.05).
** Exit 0 when the gates hold, 1 when not, 2 for bad usage or an unreadable file.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scncheck.h"
#include "classify.h"
#include "link.h"
#include "linkeval.h"
#include "scenario.h"
#include "util.h"

/* Prints each miss, wrong link and unfair line in the format the team's scripts read. */
struct sink_ctx { const char *set; int errors; };
static void print_event(void *ud, const lev_event *e) {
  const struct sink_ctx *s = ud;
  if (e->kind == LEV_NOT_HELD_OUT)
    printf("%s:%d: not held out: %s%s%s\n", s->set, e->row, e->keyword ? "holds the keyword '" : "is an example",
           e->keyword ? e->keyword : "", e->keyword ? "'" : "");
  else if (!s->errors)
    return;
  else if (e->kind == LEV_MISSED)
    printf("%s:%d: missed %s (%.2f, nearest: %s): %s\n", s->set, e->row, e->id, e->score, e->nearest, e->text);
  else
    printf("%s:%d: wrong %s: %s\n", s->set, e->row, e->id, e->text);
}

int main(int argc, char **argv) {
  int centroid = LNK_DEFAULT_MODE == LNK_CENTROID, errors = 0, tap = 0;
  double thr = -1, min_right = 0.85, max_wrong = 0.05;
  const char *scn = NULL, *set = NULL;
  lev_part part = LEV_ALL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--centroid") == 0) centroid = 1;
    else if (strcmp(argv[i], "--nearest") == 0) centroid = 0;
    else if (strcmp(argv[i], "--errors") == 0) errors = 1;
    else if (strcmp(argv[i], "--tap") == 0) tap = 1;
    else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc) thr = atof(argv[++i]);
    else if (strcmp(argv[i], "--part") == 0 && i + 1 < argc) {
      const char *p = argv[++i];
      if (strcmp(p, "tune") == 0) part = LEV_TUNE;
      else if (strcmp(p, "held") == 0) part = LEV_HELD;
      else if (strcmp(p, "all") == 0) part = LEV_ALL;
      else { fprintf(stderr, "eval_links: --part is tune, held or all\n"); return 2; }
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
  struct sink_ctx sk = { set, errors };
  lev_result m;
  char *err = NULL;
  if (lev_measure(sc, c, set, part, print_event, &sk, &m, &err) != 0) {
    fprintf(stderr, "%s\n", err);
    free(err);
    return 2;
  }
  double pr = m.required ? (double)m.right / m.required : 1, pw = m.made ? (double)m.wrong / m.made : 0;
  printf("# %s: %d lines, linked right %d/%d = %.3f, wrong links %d/%d = %.3f, threshold %.2f (%s, calibrated on %d examples)\n",
         set, m.lines, m.right, m.required, pr, m.wrong, m.made, pw, lnk_threshold(x), centroid ? "centroid" : "nearest",
         lnk_calibrated_on(x));
  int pass = pr >= min_right && pw <= max_wrong && m.unfair == 0;
  if (tap) {
    printf("%s - %s linked right %.3f (>= %.2f)\n", pr >= min_right ? "ok 1" : "not ok 1", set, pr, min_right);
    printf("%s - %s wrong links %.3f (<= %.2f)\n", pw <= max_wrong ? "ok 2" : "not ok 2", set, pw, max_wrong);
    printf("%s - %s holds no keyword and no example (%d do)\n", m.unfair == 0 ? "ok 3" : "not ok 3", set, m.unfair);
  }
  cls_free(c);
  scn_free(sc);
  return pass ? 0 : 1;
}
