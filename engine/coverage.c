/*
** coverage.c: what the tests and walks of a scenario reached (coverage.h).
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"

enum { K_NEED, K_BENEFIT, K_OBJECTION, K_RUNG, K_REACTION, K_LINE, K_COUNT };

struct cov_set {
  const scenario *sc;
  unsigned char *hit[K_COUNT];
  int n[K_COUNT];
};

cov_set *cov_new(const scenario *sc) {
  cov_set *c = xcalloc(1, sizeof *c);
  c->sc = sc;
  c->n[K_NEED] = sc->n_needs; c->n[K_BENEFIT] = sc->n_benefits; c->n[K_OBJECTION] = sc->n_objections;
  c->n[K_RUNG] = sc->n_commitments; c->n[K_REACTION] = sc->n_reactions; c->n[K_LINE] = sc->n_lines;
  for (int k = 0; k < K_COUNT; k++) c->hit[k] = xcalloc((size_t)c->n[k] + 1, 1);
  return c;
}

void cov_free(cov_set *c) {
  if (!c) return;
  for (int k = 0; k < K_COUNT; k++) free(c->hit[k]);
  free(c);
}

static void mark(cov_set *c, int k, int i) { if (i >= 0 && i < c->n[k]) c->hit[k][i] = 1; }

int cov_line_said(const cov_set *c, int i) {
  assert(c);
  return i >= 0 && i < c->n[K_LINE] && c->hit[K_LINE][i];
}

static void events(cov_set *c, const cust_events *ev) {
  for (int i = 0; i < ev->n; i++) {
    const cust_event *e = &ev->v[i];
    switch (e->kind) {
    case CUST_EV_REVEAL: case CUST_EV_CONFIRM: mark(c, K_NEED, e->index); break;
    case CUST_EV_GIVE: case CUST_EV_REFUSE: mark(c, K_RUNG, e->index); break;
    case CUST_EV_OBJECTION: mark(c, K_OBJECTION, e->index); break;
    case CUST_EV_SAY:
      if (e->key)
        for (int j = 0; j < c->sc->n_lines; j++)
          if (strcmp(c->sc->lines[j].key, e->key) == 0) mark(c, K_LINE, j);
      break;
    default: break;
    }
  }
}

void cov_session(cov_set *c, const session *s) {
  events(c, &s->opening);
  for (int t = 0; t < s->n_turns; t++) {
    const cls_result *r = &s->turns[t].cls;
    for (int i = 0; i < r->n_needs; i++) mark(c, K_NEED, r->needs[i]);
    for (int i = 0; i < r->n_benefits; i++) mark(c, K_BENEFIT, r->benefits[i]);
    for (int i = 0; i < r->n_objections; i++) mark(c, K_OBJECTION, r->objections[i]);
    mark(c, K_RUNG, r->commitment);
    events(c, &s->turns[t].events);
  }
  events(c, &s->closing);
  for (int i = 0; i < c->sc->n_reactions; i++)
    if (cust_reaction_fired(s->cust, i)) mark(c, K_REACTION, i);
}

/* Writes s (a catalogue text, part of a line) and frees it. */
static void put(FILE *out, char *s) {
  fputs(s, out);
  free(s);
}

int cov_print(const cov_set *c, FILE *out) {
  /* the kinds' catalogue keys (cli.test.coverage_kind.*), in K_ order */
  static const char *const kinds[K_COUNT] = {
    "cli.test.coverage_kind.needs", "cli.test.coverage_kind.benefits", "cli.test.coverage_kind.objections",
    "cli.test.coverage_kind.rungs", "cli.test.coverage_kind.reactions", "cli.test.coverage_kind.line_keys" };
  const scenario *sc = c->sc;
  const char *lang = MSG_CLI_LANG;
  int missing = 0;
  for (int k = 0; k < K_COUNT; k++) {
    int miss = 0;
    for (int i = 0; i < c->n[k]; i++) miss += !c->hit[k][i];
    char *kind = msg_get(lang, kinds[k], NULL), reached[16], total[16];
    snprintf(reached, sizeof reached, "%d", c->n[k] - miss);
    snprintf(total, sizeof total, "%d", c->n[k]);
    put(out, msg_get(lang, "cli.test.coverage", "scenario", sc->id ? sc->id : "?", "kind", kind,
                     "reached", reached, "total", total, NULL));
    free(kind);
    if (miss) {
      put(out, msg_get(lang, "cli.test.coverage_missing", NULL));
      for (int i = 0; i < c->n[k]; i++) {
        if (c->hit[k][i]) continue;
        switch (k) {
        case K_NEED: fprintf(out, " %s", sc->needs[i].id); break;
        case K_BENEFIT: if (sc->benefits[i].id) fprintf(out, " %s", sc->benefits[i].id); else fprintf(out, " #%d", i + 1); break;
        case K_OBJECTION: fprintf(out, " %s", sc->objections[i].id); break;
        case K_RUNG: fprintf(out, " %s", sc->commitments[i].id); break;
        case K_REACTION: {
          char line[16];
          snprintf(line, sizeof line, "%d", sc->reactions[i].pos.line);
          fputc(' ', out);
          put(out, msg_get(lang, "cli.test.coverage_reaction", "line", line, NULL));
          break;
        }
        default: fprintf(out, " %s", sc->lines[i].key); break;
        }
      }
    }
    fputc('\n', out);
    missing += miss;
  }
  return missing;
}
