/*
** cmd_classify.c: `salesim classify [--lang zh|en] [--scenario FILE] [--json] [TEXT | -]`.
** Shows how a line is read: moves, slots, why it is specific or vague, and every phrase and
** pattern that matched with the file and line where it is written, so a trainer can fix a
** lexicon in a minute.  With `-`, one reading per line of standard input.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "scncheck.h"
#include "classify.h"
#include "link.h"
#include "clause.h"
#include "cli.h"
#include "model.h"
#include "scenario.h"
#include "text.h"
#include "util.h"

typedef struct opts {
  const char *lang;
  const char *scenario_path;
  int json;
  scenario *sc;
  cls_classifier *by_lang[2];   /* zh, en: built on first use */
} opts;

/* The classifier for a language, built once; NULL (message printed) when it cannot load. */
static cls_classifier *classifier_for(opts *o, const char *lang) {
  int k = strcmp(lang, "zh") == 0 ? 0 : 1;
  if (o->by_lang[k]) return o->by_lang[k];
  diag d;
  diag_init(&d);
  o->by_lang[k] = cls_new(lang, o->sc, &d);
  if (!o->by_lang[k]) diag_print(&d, stderr);
  diag_free(&d);
  return o->by_lang[k];
}

static const char *yes_no(int b) { return b ? "yes" : "no"; }

/* The sentence under "specific:" that says why. */
static void explain_specific(const cls_result *r, FILE *out) {
  int ask = CLS_HAS(r, CLS_ASK_COMMITMENT) || CLS_HAS(r, CLS_ASK_ORDER) || CLS_HAS(r, CLS_ASK_PAYMENT) ||
            CLS_HAS(r, CLS_ASK_REFERRAL);
  if (r->specific) {
    fprintf(out, "yes (names the action, a time and %s)\n", r->slots[CLS_SLOT_PERSON] ? "a person" : "a place or way");
    return;
  }
  if (!ask) { fprintf(out, "no (no ask for a customer action in this line)\n"); return; }
  if (r->vague) { fprintf(out, "no (the ask leans on a vague time)\n"); return; }
  strbuf b = {0};
  if (!r->slots[CLS_SLOT_ACTION] && !CLS_HAS(r, CLS_ASK_ORDER) && !CLS_HAS(r, CLS_ASK_PAYMENT) &&
      !CLS_HAS(r, CLS_ASK_REFERRAL)) sb_puts(&b, "an action, ");
  if (!r->slots[CLS_SLOT_TIME]) sb_puts(&b, "a time, ");
  if (!r->slots[CLS_SLOT_PERSON] && !r->slots[CLS_SLOT_PLACE]) sb_puts(&b, "a person or place/way, ");
  if (b.len >= 2) b.s[b.len - 2] = 0;
  fprintf(out, "no (the ask does not name %s)\n", b.s ? b.s : "everything");
  sb_free(&b);
}

/* Labels of the model that gave something to this reading, with what they gave. */
static int model_gave(const cls_result *r, const char **labels, const char **gave) {
  int n = 0;
  for (int m = 0; m < CLS_MOVE_COUNT; m++) {
    if (!((r->model_moves >> m) & 1)) continue;
    labels[n] = cls_model_label((cls_move)m);
    gave[n++] = cls_move_name((cls_move)m);
  }
  if (r->model_flags & CLS_BY_MODEL_SPECIFIC) { labels[n] = "specific"; gave[n++] = "specific"; }
  if (r->model_flags & CLS_BY_MODEL_VAGUE) { labels[n] = "vague"; gave[n++] = "vague"; }
  if ((r->model_flags & CLS_BY_MODEL_TACTIC) && r->tactic != CLS_TACTIC_NONE &&
      !(r->model_moves & (((uint64_t)1 << CLS_LOSS_APPEAL) | ((uint64_t)1 << CLS_GAIN_APPEAL)))) {
    labels[n] = gave[n] = r->tactic == CLS_TACTIC_LOSS ? "loss" : "gain";
    n++;
  }
  return n;
}

#define EVIDENCE 5   /* features shown per label the model gave */

/* What the model gave and why: its probability, the threshold and the strongest features. */
static void print_model(const cls_classifier *c, const cls_result *r, FILE *out) {
  const char *labels[CLS_MOVE_COUNT + 4], *gave[CLS_MOVE_COUNT + 4];
  int n = model_gave(r, labels, gave);
  if (!r->probs) { fprintf(out, "model:    (none in this build: the rules alone)\n"); return; }
  const mdl_image *m = cls_model(c);
  /* what the rules read and the model overruled, or would have but the scenario's evidence kept */
  int asks = (r->moves & CLS_ASK_MOVES) != 0;
  for (int mv = 0; mv < CLS_MOVE_COUNT; mv++) {
    int vetoed = (r->model_vetoed >> mv) & 1, kept = (r->scenario_kept >> mv) & 1;
    /* a kind the model replaced by another ("ask_commitment" read as a referral): its own label */
    int kind = (int)(CLS_ASK_MOVES >> mv & 1);
    const char *lab = kind && asks ? cls_move_name((cls_move)mv) : cls_model_label((cls_move)mv);
    int l = vetoed || kept ? mdl_label(m, lab) : -1;
    if (l >= 0)
      fprintf(out, "model:    not %s (%sp %.2f < %.2f)%s\n", cls_move_name((cls_move)mv),
              vetoed ? "the rules read it; " : "", (double)r->probs[l], (double)m->threshold[l],
              kept ? ", kept: the scenario's own phrase or items say it" : "");
  }
  if (n == 0) {
    if (!r->model_vetoed && !r->scenario_kept) fprintf(out, "model:    agrees with the rules' reading\n");
    return;
  }
  for (int i = 0; i < n; i++) {
    int l = mdl_label(m, labels[i]);
    fprintf(out, "model:    %s (p %.2f >= %.2f), from:", gave[i], (double)r->probs[l], (double)m->threshold[l]);
    const char *names[EVIDENCE];
    float w[EVIDENCE];
    int k = cls_model_evidence(c, r, labels[i], names, w, EVIDENCE);
    for (int j = 0; j < k; j++) fprintf(out, " %s %+.2f", names[j], (double)w[j]);
    fputc('\n', out);
  }
}

/* The items a line is closest to, by meaning (link.h), for needs and benefits: the three best
** of each with their scores, the threshold, and the nearest text, so a trainer sees why a line
** did not link and which example to add.  Nothing without a scenario that has examples. */
#define NEAR_SHOWN 3
static double round2(float v) { return (double)(long)((double)v * 100.0 + 0.5) / 100.0; }
static const char *near_id(const scenario *sc, lnk_kind k, int i) {
  return k == LNK_NEED ? sc->needs[i].id : sc->benefits[i].id ? sc->benefits[i].id : "?";
}
static int near_linked(const cls_result *r, lnk_kind k, int i) {
  const int *v = k == LNK_NEED ? r->needs : r->benefits;
  int n = k == LNK_NEED ? r->n_needs : r->n_benefits;
  for (int j = 0; j < n; j++) if (v[j] == i) return 1;
  return 0;
}
static int near_rank(const cls_classifier *c, const scenario *sc, const cls_result *r, lnk_kind k, lnk_hit *h) {
  int cap = k == LNK_NEED ? sc->n_needs : sc->n_benefits;
  return lnk_rank(cls_links(c), cls_stemmer(c), r->norm, strlen(r->norm), k, h, cap < 64 ? cap : 64);
}
static void print_near(const cls_classifier *c, const scenario *sc, const cls_result *r, FILE *out) {
  const lnk_index *x = cls_links(c);
  if (!x) return;
  fprintf(out, "closest:  (by meaning; links at %.2f or more, one item per clause)\n", (double)lnk_threshold(x));
  const lnk_kind kinds[2] = { LNK_NEED, LNK_BENEFIT };
  for (int k = 0; k < 2; k++) {
    lnk_hit h[64];
    int n = near_rank(c, sc, r, kinds[k], h);
    for (int i = 0; i < n && i < NEAR_SHOWN; i++) {
      const char *mark = near_linked(r, kinds[k], h[i].item) ? "linked" :
                         !lnk_linkable(x, kinds[k], h[i].item) ? "no examples" :
                         h[i].score >= lnk_threshold(x) ? "not the clause's best" : "below";
      fprintf(out, "  %-8s %-22s %.2f  %-21s", lnk_kind_name(kinds[k]), near_id(sc, kinds[k], h[i].item),
              (double)h[i].score, mark);
      if (h[i].text >= 0) fprintf(out, " nearest %s: %s", lnk_text_kind(x, h[i].text), lnk_text(x, h[i].text));
      else if (h[i].score > 0) fprintf(out, " (no single text shares two words with the line)");
      fputc('\n', out);
    }
  }
}
static json_t *near_json(const cls_classifier *c, const scenario *sc, const cls_result *r) {
  const lnk_index *x = cls_links(c);
  json_t *o = json_object();
  json_object_set_new(o, "threshold", json_real(round2(lnk_threshold(x))));
  const lnk_kind kinds[2] = { LNK_NEED, LNK_BENEFIT };
  const char *keys[2] = { "needs", "benefits" };
  for (int k = 0; k < 2; k++) {
    lnk_hit h[64];
    int n = near_rank(c, sc, r, kinds[k], h);
    json_t *a = json_array();
    for (int i = 0; i < n && i < NEAR_SHOWN; i++)
      json_array_append_new(a, json_pack("{s:s, s:f, s:b, s:b, s:s, s:s}", "id", near_id(sc, kinds[k], h[i].item),
                                         "score", round2(h[i].score), "linked", near_linked(r, kinds[k], h[i].item),
                                         "has_examples", lnk_linkable(x, kinds[k], h[i].item),
                                         "nearest", h[i].text >= 0 ? lnk_text(x, h[i].text) : "",
                                         "nearest_is", h[i].text >= 0 ? lnk_text_kind(x, h[i].text) : ""));
    json_object_set_new(o, keys[k], a);
  }
  return o;
}

/* The readable explanation for a trainer. */
static void print_text(const cls_classifier *c, const cls_result *r, const scenario *sc, const char *lang, FILE *out) {
  fprintf(out, "line:     %s\n", r->text);
  fprintf(out, "read as:  %s   (lexicon %s)\n", r->norm, lang);
  fprintf(out, "moves:    ");
  int any = 0;
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(r, m)) {
      fprintf(out, "%s%s%s", any ? ", " : "", cls_move_name((cls_move)m), (r->model_moves >> m) & 1 ? " (model)" : "");
      any = 1;
    }
  fprintf(out, "%s\n", any ? "" : "(none)");
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  fprintf(out, "clauses: ");
  for (int k = 0; k < ncl; k++)
    fprintf(out, " [%.*s] %s %s%s", (int)(cl[k].end - cl[k].start), r->norm + cl[k].start,
            cl_agent_name(cl[k].agent), cl_mood_name(cl[k].mood), cl[k].addressed ? " (addressee)" : "");
  fputc('\n', out);
  fprintf(out, "slots:   ");
  for (int s = 0; s < CLS_SLOT_COUNT; s++)
    fprintf(out, " %s=%s%s%s", cls_slot_name((cls_slot)s), r->slots[s] ? "\"" : "",
            r->slots[s] ? r->slots[s] : "-", r->slots[s] ? "\"" : "");
  fputc('\n', out);
  fprintf(out, "specific: ");
  explain_specific(r, out);
  fprintf(out, "vague:    %s\n", r->vague ? "yes (leans on a vague time such as \"sometime\" / \"有空\")" : "no");
  fprintf(out, "question: %s    negated: %s\n", yes_no(r->question), yes_no(r->negated));
  const char *tn = cls_tactic_name(r->tactic);
  fprintf(out, "tactic:   %s\n", tn ? tn : "-");
  print_model(c, r, out);
  if (sc) {
    fprintf(out, "needs:    ");
    for (int i = 0; i < r->n_needs; i++) fprintf(out, "%s%s", i ? ", " : "", sc->needs[r->needs[i]].id);
    fprintf(out, "%s\nbenefits: ", r->n_needs ? "" : "-");
    for (int i = 0; i < r->n_benefits; i++) {
      const scn_benefit *b = &sc->benefits[r->benefits[i]];
      if (b->id) fprintf(out, "%s%s", i ? ", " : "", b->id);
      else fprintf(out, "%s#%d", i ? ", " : "", r->benefits[i] + 1);
    }
    fprintf(out, "%s\ncommitment: %s\n", r->n_benefits ? "" : "-",
            r->commitment >= 0 ? sc->commitments[r->commitment].id : "-");
    print_near(c, sc, r, out);
  }
  fprintf(out, "matched:\n");
  if (r->n_matches == 0) fprintf(out, "  (nothing: no lexicon phrase or time pattern occurs in this line)\n");
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    int rule = strncmp(m->phrase, "rule:", 5) == 0;
    char *seen = rule ? xstrdup("") : xstrndup(r->norm + m->start, m->end - m->start);
    int pad = 18 - txt_width(m->label);
    fprintf(out, "  %s%*s %s", m->label, pad > 0 ? pad : 0, "", m->phrase);
    if (!rule && strcmp(seen, m->phrase) != 0) fprintf(out, "  [\"%s\"]", seen);
    fprintf(out, "  (%s)\n", m->source);
    free(seen);
  }
}

/* Classifies one line and prints it; returns 0, or CLI_USAGE when no lexicon loads. */
static int one_line(opts *o, const char *line, size_t len) {
  char *safe = txt_sanitize(line, len, NULL);
  const char *lang = o->lang ? o->lang : (o->sc && o->sc->language) ? o->sc->language : cls_guess_lang(safe);
  free(safe);
  cls_classifier *c = classifier_for(o, lang);
  if (!c) return CLI_USAGE;
  cls_result r;
  cls_classify(c, line, len, &r);
  if (o->json) {
    json_t *j = cls_result_json(&r, o->sc);
    json_object_set_new(j, "lang", json_string(lang));
    if (o->sc && cls_links(c)) json_object_set_new(j, "closest", near_json(c, o->sc, &r));
    if (r.probs) {   /* the model's evidence for what it gave */
      const char *labels[CLS_MOVE_COUNT + 4], *gave[CLS_MOVE_COUNT + 4];
      int n = model_gave(&r, labels, gave);
      const mdl_image *m = cls_model(c);
      json_t *mo = json_object(), *p = json_object(), *ev = json_object();
      for (int l = 0; l < m->n_labels; l++) json_object_set_new(p, m->labels[l], json_real((double)r.probs[l]));
      for (int i = 0; i < n; i++) {
        const char *names[EVIDENCE];
        float w[EVIDENCE];
        int k = cls_model_evidence(c, &r, labels[i], names, w, EVIDENCE);
        json_t *a = json_array();
        for (int q = 0; q < k; q++) json_array_append_new(a, json_pack("[s f]", names[q], (double)w[q]));
        json_object_set_new(ev, gave[i], a);
      }
      json_object_set_new(mo, "probabilities", p);
      json_object_set_new(mo, "evidence", ev);
      json_object_set_new(j, "model", mo);
    }
    char *s = json_dumps(j, JSON_COMPACT);
    printf("%s\n", s);
    free(s);
    json_decref(j);
  } else {
    print_text(c, &r, o->sc, lang, stdout);
  }
  cls_result_free(&r);
  return 0;
}

/* Bytes kept of one input line, and the most read without a newline before the input is taken
** to be no text at all (so `salesim classify - < /dev/zero` ends instead of eating memory). */
#define CLASSIFY_MAX_LINE (1u << 20)
#define CLASSIFY_MAX_RUN (16u << 20)

/* One line of f without its newline (malloc'd, *len bytes, NUL-terminated), cut at
** CLASSIFY_MAX_LINE bytes; NULL at the end of input. */
static char *read_bounded_line(FILE *f, size_t *len) {
  size_t cap = 256, n = 0, seen = 0;
  char *buf = xmalloc(cap);
  int c, any = 0;
  while ((c = getc(f)) != EOF) {
    any = 1;
    if (c == '\n') break;
    if (++seen > CLASSIFY_MAX_RUN) { any = 0; break; }
    if (n < CLASSIFY_MAX_LINE) {
      if (n + 1 >= cap) { cap *= 2; buf = xrealloc(buf, cap); }
      buf[n++] = (char)c;
    }
  }
  if (!any) { free(buf); return NULL; }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* The command: options, the scenario, then one reading per TEXT or per line of stdin. */
/* One option of `classify` (cli_parse's on_opt). */
static int classify_option(void *ctx, int c, const char *arg) {
  opts *o = ctx;
  switch (c) {
  case 'j': o->json = 1; break;
  case 'l': o->lang = arg; break;
  case 's': o->scenario_path = arg; break;
  default: assert(!"an option of the table without a case");
  }
  return CLI_OK;
}

int cmd_classify_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "json", no_argument, 0, 'j' }, { "lang", required_argument, 0, 'l' },
    { "scenario", required_argument, 0, 's' }, { 0, 0, 0, 0 }
  };
  opts o = {0};
  strbuf text = {0};
  int from_stdin = 0, words = 0, first;
  int rc = cli_parse("classify", argc, argv, "", longopts, classify_option, &o, &first);
  if (rc != CLI_OK) return rc;
  /* the operands are the words of the line ("-" alone: read lines from standard input) */
  for (int i = first; i < argc; i++) {
    if (strcmp(argv[i], "-") == 0) from_stdin = 1;
    else { if (words++) sb_putc(&text, ' '); sb_puts(&text, argv[i]); }
  }
  if (o.lang && strcmp(o.lang, "zh") != 0 && strcmp(o.lang, "en") != 0) {
    sb_free(&text);
    return cli_usage_error("classify", "--lang must be zh or en, not '%s'", o.lang);
  }
  if (from_stdin == (words > 0)) {
    sb_free(&text);
    return cli_usage_error("classify", from_stdin ? "give either TEXT or -, not both" : "give a line to classify, or - to read lines from standard input");
  }
  if (o.scenario_path) {
    diag d;
    diag_init(&d);
    o.sc = scc_load(o.scenario_path, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (!o.sc) { sb_free(&text); return CLI_USAGE; }
  }
  if (from_stdin) {
    char *line;
    size_t n;
    while (rc == CLI_OK && (line = read_bounded_line(stdin, &n)) != NULL) {
      while (n > 0 && line[n - 1] == '\r') n--;
      rc = one_line(&o, line, n);
      if (!o.json && rc == CLI_OK) putchar('\n');
      fflush(stdout);
      free(line);
    }
  } else {
    rc = one_line(&o, text.s, text.len);
  }
  sb_free(&text);
  cls_free(o.by_lang[0]);
  cls_free(o.by_lang[1]);
  if (o.sc) scn_free(o.sc);
  return rc;
}
