/*
** linkeval.c: links by meaning measured against a set of lines whose links are known
** (linkeval.h).  Moved from tests/tools/eval_links so that a trainer can measure her own file with
** `salesim links` (play-test 29d: the guide sent her to a build tool and a format she could not
** find), the team's gates reading the same figures.
*/
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "linkeval.h"
#include "msg.h"
#include "msg_cli.h"
#include "text.h"
#include "util.h"

#define LEV_MAX_IDS 16      /* ids a row may name (more are ignored) */
#define LEV_ROW_MAX 4096    /* bytes of a row; a longer one is read in pieces, each a row */

/* The part of the set a line belongs to: 1 held out, 0 tuning. */
static int held_out(const char *text) {
  unsigned h = 2166136261u;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) { h ^= *p; h *= 16777619u; }
  return h % 3 == 0;
}

static int has_id(char *const *v, int n, const char *s) {
  for (int i = 0; i < n; i++) if (strcmp(v[i], s) == 0) return 1;
  return 0;
}

/* The keyword lists (examples 0) or the example lists (1) of every item of sc, in lists[0..cap);
** returns how many. */
static int lists_of(const scenario *sc, int examples, const scn_strs **lists, int cap) {
  int n = 0;
#define LIST(item) (examples ? &(item).examples : &(item).keywords)
  for (int i = 0; i < sc->n_needs && n < cap; i++) lists[n++] = LIST(sc->needs[i]);
  for (int i = 0; i < sc->n_benefits && n < cap; i++) lists[n++] = LIST(sc->benefits[i]);
  for (int i = 0; i < sc->n_objections && n < cap; i++) lists[n++] = LIST(sc->objections[i]);
  for (int i = 0; i < sc->n_commitments && n < cap; i++) lists[n++] = LIST(sc->commitments[i]);
#undef LIST
  return n;
}

/* The keyword of sc the normalised line holds as the game would match it verbatim (a substring
** whose letter or digit ends are word boundaries; Chinese: any substring), or NULL. */
static const char *keyword_in(const scenario *sc, const char *norm) {
  const scn_strs *lists[256];
  int nl = lists_of(sc, 0, lists, 256);
  for (int l = 0; l < nl; l++)
    for (int k = 0; k < lists[l]->n; k++) {
      char *kn = txt_normalize(lists[l]->v[k], strlen(lists[l]->v[k]), NULL);
      int hit = txt_holds_phrase(norm, kn);
      free(kn);
      if (hit) return lists[l]->v[k];
    }
  return NULL;
}

/* 1 when the normalised line is one of sc's examples. */
static int is_example(const scenario *sc, const char *norm) {
  const scn_strs *lists[256];
  int nl = lists_of(sc, 1, lists, 256);
  for (int l = 0; l < nl; l++)
    for (int k = 0; k < lists[l]->n; k++) {
      char *e = txt_normalize(lists[l]->v[k], strlen(lists[l]->v[k]), NULL);
      int same = strcmp(e, norm) == 0;
      free(e);
      if (same) return 1;
    }
  return 0;
}

/* The id ("need:ID" ...) of item `item` of kind k in sc (malloc'd). */
static char *item_id(const scenario *sc, lnk_kind k, int item) {
  const char *id = k == LNK_NEED ? sc->needs[item].id : k == LNK_BENEFIT ? sc->benefits[item].id
                 : k == LNK_OBJECTION ? sc->objections[item].id : sc->commitments[item].id;
  return xasprintf("%s:%s", lnk_kind_name(k), id);
}

/* A miss's score and nearest text: how far the line was from the item it should have linked. */
static void miss_event(const scenario *sc, cls_classifier *c, const cls_result *r, lev_event *e) {
  lnk_index *x = cls_links(c);
  lnk_hit h[64];
  e->score = 0;
  e->nearest = "";
  for (int k = 0; k < LNK_KINDS; k++) {
    int n = lnk_rank(x, cls_stemmer(c), r->norm, strlen(r->norm), (lnk_kind)k, h, 64);
    for (int j = 0; j < n; j++) {
      char *id = item_id(sc, (lnk_kind)k, h[j].item);
      if (strcmp(id, e->id) == 0) { e->score = h[j].score; e->nearest = lnk_text(x, h[j].text); }
      free(id);
    }
  }
}

/* Reads one row (text, then ids after its TAB) and adds its counts to out. */
static void measure_row(const scenario *sc, cls_classifier *c, char *text, char *ids, int row, lev_sink sink,
                        void *ud, lev_result *out) {
  char *req[LEV_MAX_IDS], *ok[2 * LEV_MAX_IDS];
  int nreq = 0, nok = 0;
  char *save = NULL;
  for (char *tok = strtok_r(ids, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
    if (strcmp(tok, "-") == 0 || !*tok) continue;
    if (tok[0] == '~') { if (nok < LEV_MAX_IDS) ok[nok++] = tok + 1; }
    else if (nreq < LEV_MAX_IDS) req[nreq++] = tok;
  }
  /* a benefit's line may name the need it answers (the scenario's `answers:`): acceptable, as
  ** "~need:ID" marks it; sets written before that mark (and a trainer's) leave it out */
  char *tied[LEV_MAX_IDS];
  int ntied = 0;
  for (int i = 0; i < nreq; i++) {
    if (strncmp(req[i], "benefit:", 8) != 0) continue;
    for (int b = 0; b < sc->n_benefits; b++) {
      if (strcmp(sc->benefits[b].id, req[i] + 8) != 0) continue;
      for (int a = 0; a < sc->benefits[b].answers.n && ntied < LEV_MAX_IDS; a++)
        tied[ntied++] = xasprintf("need:%s", sc->benefits[b].answers.v[a]);
    }
  }
  for (int i = 0; i < ntied; i++) ok[nok++] = tied[i];
  out->lines++;
  cls_result r;
  cls_classify(c, text, strlen(text), &r);
  const char *kw = keyword_in(sc, r.norm);
  if (kw || is_example(sc, r.norm)) {
    out->unfair++;
    lev_event e = { LEV_NOT_HELD_OUT, row, text, NULL, 0, "", kw };
    if (sink) sink(ud, &e);
  }
  char *got[4 * 64 + 1];
  int ngot = 0;
  for (int i = 0; i < r.n_needs; i++) got[ngot++] = item_id(sc, LNK_NEED, r.needs[i]);
  for (int i = 0; i < r.n_benefits; i++) got[ngot++] = item_id(sc, LNK_BENEFIT, r.benefits[i]);
  for (int i = 0; i < r.n_objections; i++) got[ngot++] = item_id(sc, LNK_OBJECTION, r.objections[i]);
  if (r.commitment >= 0) got[ngot++] = item_id(sc, LNK_COMMITMENT, r.commitment);
  out->required += nreq;
  for (int i = 0; i < nreq; i++) {
    if (has_id(got, ngot, req[i])) { out->right++; continue; }
    lev_event e = { LEV_MISSED, row, text, req[i], 0, "", NULL };
    if (sink) { miss_event(sc, c, &r, &e); sink(ud, &e); }
  }
  out->made += ngot;
  for (int i = 0; i < ngot; i++)
    if (!has_id(req, nreq, got[i]) && !has_id(ok, nok, got[i])) {
      out->wrong++;
      lev_event e = { LEV_WRONG, row, text, got[i], 0, "", NULL };
      if (sink) sink(ud, &e);
    }
  for (int i = 0; i < ngot; i++) free(got[i]);
  for (int i = 0; i < ntied; i++) free(tied[i]);
  cls_result_free(&r);
}

int lev_measure(const scenario *sc, cls_classifier *c, const char *path, lev_part part, lev_sink sink,
                void *ud, lev_result *out, char **err) {
  assert(sc && c && path && out && err);
  memset(out, 0, sizeof *out);
  *err = NULL;
  FILE *f = fopen(path, "r");
  if (!f) {
    *err = xasprintf("%s: %s", path, strerror(errno));
    return -1;
  }
  char buf[LEV_ROW_MAX];
  int row = 0;
  while (fgets(buf, sizeof buf, f)) {
    row++;
    buf[strcspn(buf, "\r\n")] = 0;
    if (!buf[0] || buf[0] == '#') continue;
    char *tab = strchr(buf, '\t');
    if (!tab) {
      char r[16];
      snprintf(r, sizeof r, "%d", row);
      *err = msg_get(MSG_CLI_LANG, "cli.links.no_tab", "file", path, "row", r, NULL);
      fclose(f);
      return -1;
    }
    *tab = 0;
    if (part != LEV_ALL && held_out(buf) != (int)part) continue;
    measure_row(sc, c, buf, tab + 1, row, sink, ud, out);
  }
  fclose(f);
  return 0;
}
