/*
** eval_classify: measures the classifier against a labelled development set.
**
**   eval_classify [--lang zh|en] [--tap] [--min F1] [--errors] FILE.tsv
**
** FILE.tsv: text<TAB>moves<TAB>flags<TAB>tactic ('#' lines are comments).  Prints precision,
** recall and F1 per label (every move, the flags specific and vague, tactic:gain/tactic:loss).
** With --tap, also one TAP line per gated label (ask_commitment, specific, vague,
** check_concerns, summarize_benefits, gain_appeal, loss_appeal) that fails below --min (0.90).
** With --errors, every line whose reading differs from its labels, with what differs.
** Exit 0 when every gated label reaches --min, 1 otherwise, 2 for bad usage.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "util.h"

#define MAXL (CLS_MOVE_COUNT + 4)

static const char *const gated[] = { "ask_commitment", "specific", "vague", "check_concerns",
                                     "summarize_benefits", "gain_appeal", "loss_appeal", NULL };

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

static void print_set(uint64_t s) {
  int any = 0;
  for (int i = 0; i < MAXL; i++) if ((s >> i) & 1) { printf("%s%s", any ? " " : "", label_name(i)); any = 1; }
  if (!any) printf("-");
}

int main(int argc, char **argv) {
  const char *lang = NULL, *file = NULL;
  int tap = 0, errors = 0;
  double min = 0.90;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) lang = argv[++i];
    else if (strcmp(argv[i], "--min") == 0 && i + 1 < argc) min = atof(argv[++i]);
    else if (strcmp(argv[i], "--tap") == 0) tap = 1;
    else if (strcmp(argv[i], "--errors") == 0) errors = 1;
    else if (!file) file = argv[i];
    else { fprintf(stderr, "usage: eval_classify [--lang zh|en] [--tap] [--min F1] [--errors] FILE.tsv\n"); return 2; }
  }
  if (!file) { fprintf(stderr, "usage: eval_classify [--lang zh|en] [--tap] [--min F1] [--errors] FILE.tsv\n"); return 2; }
  FILE *f = fopen(file, "r");
  if (!f) { perror(file); return 2; }
  if (!lang) lang = strstr(file, "_zh") ? "zh" : "en";
  diag d;
  diag_init(&d);
  cls_classifier *c = cls_new(lang, NULL, &d);
  if (!c) { diag_print(&d, stderr); diag_free(&d); fclose(f); return 2; }
  diag_free(&d);

  long tp[MAXL] = {0}, fp[MAXL] = {0}, fn[MAXL] = {0};
  int rows = 0, exact = 0, lineno = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    if (n == 0 || line[0] == '#') continue;
    char *cols[4] = {0};
    char *p = line;
    for (int k = 0; k < 4 && p; k++) { cols[k] = p; p = strchr(p, '\t'); if (p) *p++ = 0; }
    if (!cols[3]) { fprintf(stderr, "%s:%d: expected 4 tab-separated columns\n", file, lineno); fclose(f); cls_free(c); free(line); return 2; }
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
    rows++;
    if (got == want) exact++;
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
  free(line);
  fclose(f);
  cls_free(c);

  printf("# classifier evaluation: %s (%s), %d lines, %d read exactly as labelled\n", file, lang, rows, exact);
  printf("# %-20s %5s %5s %5s %9s %7s %6s\n", "label", "tp", "fp", "fn", "precision", "recall", "F1");
  double f1s[MAXL];
  for (int i = 0; i < MAXL; i++) {
    double pr = tp[i] + fp[i] ? (double)tp[i] / (double)(tp[i] + fp[i]) : 1.0;
    double rc = tp[i] + fn[i] ? (double)tp[i] / (double)(tp[i] + fn[i]) : 1.0;
    f1s[i] = pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0.0;
    if (tp[i] + fp[i] + fn[i] == 0) continue;
    printf("# %-20s %5ld %5ld %5ld %9.3f %7.3f %6.3f\n", label_name(i), tp[i], fp[i], fn[i], pr, rc, f1s[i]);
  }
  int failed = 0, k = 0;
  for (int g = 0; gated[g]; g++) {
    int i = label_index(gated[g]);
    int ok = f1s[i] >= min && tp[i] > 0;
    if (!ok) failed++;
    if (tap) printf("%s %d - %s %s F1 %.3f (min %.2f)\n", ok ? "ok" : "not ok", ++k, lang, gated[g], f1s[i], min);
  }
  return failed ? 1 : 0;
}
