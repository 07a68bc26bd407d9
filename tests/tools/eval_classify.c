/*
** eval_classify: measures the reader against labelled lines.
**
**   eval_classify [--lang zh|en] [--split dev|train] [--tap] [--min F1] [--errors] FILE.tsv...
**
** FILE.tsv: text<TAB>moves<TAB>flags<TAB>tactic ('#' lines are comments), the corpus format of
** docs/classifier.md.  --split keeps only the corpus's dev (or train) split, chosen by the same
** hash the trainer uses (model.h).  Prints precision, recall and F1 per move and flag, and the
** seven gated figures in the label conventions of the external sets (docs/classifier.md): ask
** (any of the four asks), specific and vague (among the asks), check (check_concerns or
** probe_refusal), summary, gain and loss (proof and a benefits summary carry gain).
** With --tap, one TAP line per gated figure, failing below --min (0.90).  With --errors, every
** line whose reading differs from its labels on a gated figure.  With --each (must-read lines),
** one TAP line per line instead: ok when it reads as labelled on every gated figure.
** Exit 0 when every gated figure reaches --min, 1 otherwise, 2 for bad usage.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "model.h"
#include "util.h"

#define MAXL (CLS_MOVE_COUNT + 4)

/* The gated figures, in the external sets' conventions. */
enum { G_ASK, G_SPECIFIC, G_VAGUE, G_CHECK, G_SUMMARY, G_GAIN, G_LOSS, G_COUNT };
static const char *const gated[G_COUNT] = { "ask", "specific", "vague", "check", "summary", "gain", "loss" };
#define BIT(m) ((uint64_t)1 << (m))
#define ASKS CLS_ASK_MOVES

/* Label i: moves first, then the flags. */
static const char *label_name(int i) {
  static const char *const extra[] = { "specific", "vague", "tactic:gain", "tactic:loss" };
  return i < CLS_MOVE_COUNT ? cls_move_name((cls_move)i) : extra[i - CLS_MOVE_COUNT];
}
static int label_index(const char *s) {
  for (int i = 0; i < MAXL; i++) if (strcmp(label_name(i), s) == 0) return i;
  return -1;
}

/* Expected labels of a row as a bit set; -1 on an unknown label. */
static int parse_expected(char *moves, char *flags, char *tactic, uint64_t *set, const char **bad) {
  *set = 0;
  char *cols[2] = { moves, flags };
  for (int c = 0; c < 2; c++) {
    for (char *tok = strtok(cols[c], " "); tok; tok = strtok(NULL, " ")) {
      if (strcmp(tok, "-") == 0) continue;
      int i = label_index(tok);
      if (i < 0) { *bad = tok; return -1; }
      *set |= (uint64_t)1 << i;
    }
  }
  if (strcmp(tactic, "gain") == 0) *set |= (uint64_t)1 << label_index("tactic:gain");
  else if (strcmp(tactic, "loss") == 0) *set |= (uint64_t)1 << label_index("tactic:loss");
  else if (*set & (BIT(CLS_PROOF) | BIT(CLS_SUMMARIZE_BENEFITS)))
    *set |= (uint64_t)1 << label_index("tactic:gain");   /* the convention: proof and summaries gain */
  return 0;
}

static uint64_t predicted(const cls_result *r) {
  uint64_t s = r->moves;
  if (r->specific) s |= (uint64_t)1 << label_index("specific");
  if (r->vague) s |= (uint64_t)1 << label_index("vague");
  if (r->tactic == CLS_TACTIC_GAIN) s |= (uint64_t)1 << label_index("tactic:gain");
  if (r->tactic == CLS_TACTIC_LOSS) s |= (uint64_t)1 << label_index("tactic:loss");
  return s;
}

/* The gated figures of a label set: bit g set when figure g is 1; *counted says which figures
** apply (specific and vague only on asks). */
static unsigned gated_bits(uint64_t s, unsigned *counted) {
  int ask = (s & ASKS) != 0;
  unsigned b = 0;
  *counted = ask ? 0x7F : (0x7F & ~(1u << G_SPECIFIC) & ~(1u << G_VAGUE));
  if (ask) b |= 1u << G_ASK;
  if ((s >> label_index("specific")) & 1) b |= 1u << G_SPECIFIC;
  if ((s >> label_index("vague")) & 1) b |= 1u << G_VAGUE;
  if (s & (BIT(CLS_CHECK_CONCERNS) | BIT(CLS_PROBE_REFUSAL))) b |= 1u << G_CHECK;
  if (s & BIT(CLS_SUMMARIZE_BENEFITS)) b |= 1u << G_SUMMARY;
  if ((s >> label_index("tactic:loss")) & 1) b |= 1u << G_LOSS;
  else if ((s >> label_index("tactic:gain")) & 1) b |= 1u << G_GAIN;
  return b;
}

static void print_set(uint64_t s) {
  int any = 0;
  for (int i = 0; i < MAXL; i++) if ((s >> i) & 1) { printf("%s%s", any ? " " : "", label_name(i)); any = 1; }
  if (!any) printf("-");
}

#define USAGE "usage: eval_classify [--lang zh|en] [--split dev|train] [--tap] [--each] [--min F1] [--errors] FILE.tsv...\n"

int main(int argc, char **argv) {
  const char *lang = NULL, *split = NULL, *files[256];
  int nfiles = 0, tap = 0, errors = 0, each = 0, each_failed = 0;
  double min = 0.90;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) lang = argv[++i];
    else if (strcmp(argv[i], "--split") == 0 && i + 1 < argc) split = argv[++i];
    else if (strcmp(argv[i], "--min") == 0 && i + 1 < argc) min = atof(argv[++i]);
    else if (strcmp(argv[i], "--tap") == 0) tap = 1;
    else if (strcmp(argv[i], "--errors") == 0) errors = 1;
    else if (strcmp(argv[i], "--each") == 0) each = 1;
    else if (argv[i][0] != '-' && nfiles < 256) files[nfiles++] = argv[i];
    else { fputs(USAGE, stderr); return 2; }
  }
  if (!nfiles || (split && strcmp(split, "dev") != 0 && strcmp(split, "train") != 0)) { fputs(USAGE, stderr); return 2; }
  if (!lang) lang = strstr(files[0], "_zh") || strstr(files[0], "/zh/") ? "zh" : "en";
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(lang, NULL, &d);
  if (!c) { diag_print(&d, stderr); diag_free(&d); return 2; }
  diag_free(&d);

  long tp[MAXL] = {0}, fp[MAXL] = {0}, fn[MAXL] = {0}, gtp[G_COUNT] = {0}, gfp[G_COUNT] = {0}, gfn[G_COUNT] = {0};
  int rows = 0, exact = 0;
  char *line = NULL;
  size_t cap = 0;
  for (int fi = 0; fi < nfiles; fi++) {
    const char *file = files[fi];
    FILE *f = fopen(file, "r");
    if (!f) { perror(file); cls_free(c); free(line); return 2; }
    int lineno = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
      lineno++;
      while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
      if (n == 0 || line[0] == '#') continue;
      char *cols[4] = {0};
      char *p = line;
      for (int k = 0; k < 4 && p; k++) { cols[k] = p; p = strchr(p, '\t'); if (p) *p++ = 0; }
      if (!cols[3]) { fprintf(stderr, "%s:%d: expected 4 tab-separated columns\n", file, lineno); fclose(f); cls_free(c); free(line); return 2; }
      if (split && mdl_dev_split(cols[0]) != (strcmp(split, "dev") == 0)) continue;
      char *text = xstrdup(cols[0]);
      uint64_t want;
      const char *bad = NULL;
      if (parse_expected(cols[1], cols[2], cols[3], &want, &bad) < 0) {
        fprintf(stderr, "%s:%d: unknown label '%s'\n", file, lineno, bad);
        free(text); fclose(f); cls_free(c); free(line);
        return 2;
      }
      cls_result r;
      cls_classify(c, text, strlen(text), &r);
      uint64_t got = predicted(&r);
      for (int i = 0; i < MAXL; i++) {
        int w = (want >> i) & 1, g = (got >> i) & 1;
        if (w && g) tp[i]++; else if (g) fp[i]++; else if (w) fn[i]++;
      }
      unsigned counted, gw = gated_bits(want, &counted), unused, gg = gated_bits(got, &unused), miss = 0;
      for (int g = 0; g < G_COUNT; g++) {
        if (!((counted >> g) & 1)) continue;
        int w = (gw >> g) & 1, h = (gg >> g) & 1;
        if (w && h) gtp[g]++; else if (h) gfp[g]++; else if (w) gfn[g]++;
        if (w != h) miss |= 1u << g;
      }
      rows++;
      if (each) {
        printf("%s %d - %s:%d reads as labelled: %s\n", miss ? "not ok" : "ok", rows, file, lineno, text);
        each_failed += miss != 0;
      }
      if (!miss) exact++;
      else if (errors) {
        printf("%s:%d: %s\n  want: ", file, lineno, text);
        print_set(want);
        printf("\n  got:  ");
        print_set(got);
        printf("\n");
      }
      cls_result_free(&r);
      free(text);
    }
    fclose(f);
  }
  free(line);
  cls_free(c);

  printf("# reader evaluation: %s%s (%s%s%s), %d lines, %d read right on every gated figure\n", files[0],
         nfiles > 1 ? " ..." : "", lang, split ? ", split " : "", split ? split : "", rows, exact);
  printf("# %-20s %5s %5s %5s %9s %7s %6s\n", "label", "tp", "fp", "fn", "precision", "recall", "F1");
  for (int i = 0; i < MAXL; i++) {
    double pr = tp[i] + fp[i] ? (double)tp[i] / (double)(tp[i] + fp[i]) : 1.0;
    double rc = tp[i] + fn[i] ? (double)tp[i] / (double)(tp[i] + fn[i]) : 1.0;
    if (tp[i] + fp[i] + fn[i] == 0) continue;
    printf("# %-20s %5ld %5ld %5ld %9.3f %7.3f %6.3f\n", label_name(i), tp[i], fp[i], fn[i], pr, rc,
           pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0.0);
  }
  if (each) return each_failed ? 1 : 0;
  int failed = 0;
  for (int g = 0; g < G_COUNT; g++) {
    double pr = gtp[g] + gfp[g] ? (double)gtp[g] / (double)(gtp[g] + gfp[g]) : 1.0;
    double rc = gtp[g] + gfn[g] ? (double)gtp[g] / (double)(gtp[g] + gfn[g]) : 1.0;
    double f1 = pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0.0;
    int ok = f1 >= min && gtp[g] > 0;
    if (!ok) failed++;
    printf("# gated %-14s %5ld %5ld %5ld %9.3f %7.3f %6.3f\n", gated[g], gtp[g], gfp[g], gfn[g], pr, rc, f1);
    if (tap) printf("%s %d - %s %s F1 %.3f (min %.2f)\n", ok ? "ok" : "not ok", g + 1, lang, gated[g], f1, min);
  }
  return failed ? 1 : 0;
}
