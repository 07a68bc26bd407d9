/*
** classify_sweetener.c: a price cut's text names no benefit by meaning (cls_late_sweetener).
**
** "ok ok. tell you what, if Lucia signs up I can knock 20% off her install, and give you a free
** cartridge. deal?" explains nothing about the blinking light Maria had asked about, yet by
** meaning it was 0.40 from light_explained's "I've brought a fresh cartridge, so I'll change it
** now and the light will go off.": Maria said "Oh! So it's just the filter reminder", the debrief
** counted her complaint answered and called the bribe "a fair question" (play-test 29c F3).  A
** benefit named only by meaning, every such link spanning a discount phrase the line counts (the
** price cut it offers), is a sweetener: its matches are relabelled "sweetener:benefit:ID" (kept
** for the explanation) and it is dropped.  A benefit named by a keyword ("it's just the filter
** reminder, and I'll knock 10% off") stays.
*/
#include <string.h>

#include "classify_int.h"

/* 1 when a match of r's counted discount phrases lies within [start, end). */
static int discount_within(const cls_result *r, size_t start, size_t end) {
  for (int m = 0; m < r->n_matches; m++) {
    const cls_match *x = &r->matches[m];
    if (strcmp(x->label, "discount") == 0 && x->end > x->start && x->start >= start && x->end <= end) return 1;
  }
  return 0;
}

/* 1 when every match naming benefit id is a link by meaning spanning a discount phrase. */
static int only_sweetener(const cls_result *r, const char *id) {
  int seen = 0;
  for (int m = 0; m < r->n_matches; m++) {
    const cls_match *x = &r->matches[m];
    if (strncmp(x->label, "benefit:", 8) != 0 || strcmp(x->label + 8, id) != 0) continue;
    if (!cls_link_text(x) || !discount_within(r, x->start, x->end)) return 0;
    seen = 1;
  }
  return seen;
}

void cls_late_sweetener(const cls_classifier *c, cls_result *r) {
  if (!c || !c->sc || !r->norm || !CLS_HAS(r, CLS_DISCOUNT)) return;
  for (int i = 0; i < r->n_benefits;) {
    const char *id = c->sc->benefits[r->benefits[i]].id;
    if (!only_sweetener(r, id)) { i++; continue; }
    cls_relabel(r, "benefit:", id, "sweetener:");
    memmove(&r->benefits[i], &r->benefits[i + 1], (size_t)(r->n_benefits - i - 1) * sizeof *r->benefits);
    r->n_benefits--;
  }
}
