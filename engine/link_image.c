/*
** link_image.c: a link index as a flat image and back (link_int.h).
**
** Building the index of a shipped scenario (tokenising and stemming its texts, weighing them,
** centroids, postings, calibration) was 3.0 M of the 9.3 M instructions to it-trial's first
** prompt once its YAML came from an image too (ynode_image.c).  The generator writes each shipped
** scenario's index into the binary (builtin.h, bi_links); at start the index is rebuilt around
** those arrays in place, for a scenario with exactly the bytes it was made from.
**
** Layout: 32-bit words (floats as their bits), then the text pool:
**   LI_HEAD words: magic, nterms, nslot, nt, n_texts, mode, calibrated_on, postings, pool
**                  length, nitems[4], thr, fixed_thr, thr_kind[4], idf_unknown (floats)
**   term offsets [nterms], slot [nslot], idf [nterms], evid [nterms bytes, padded to words],
**   per text: kind, item, shown offset, what, n, norm; then every text's ids and weights,
**   linkable [items of each kind, bytes, padded], post_at [nterms + 1], post_text, post_w,
**   the pool (terms and shown texts, NUL-terminated).
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link_concepts.h"
#include "link_int.h"
#include "util.h"

#define LI_MAGIC 0x31494E4Cu   /* "LNI1" */
#define LI_HEAD (9 + LNK_KINDS + 2 + LNK_KINDS + 1)
#define LI_TEXT 6                /* words per text */

static const char *const whats[] = LNK_WHATS;

static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }
static float bitsf(uint32_t u) { float f; memcpy(&f, &u, sizeof f); return f; }

/* Appends n words; the image is a strbuf of words until the pool. */
static void put_words(strbuf *o, const void *w, size_t n) { sb_append(o, (const char *)w, n * 4); }
static void put_word(strbuf *o, uint32_t w) { put_words(o, &w, 1); }
static void put_padded(strbuf *o, const unsigned char *b, size_t n) {
  sb_append(o, (const char *)b, n);
  for (; n % 4; n++) sb_putc(o, '\0');
}

/* The number of a text's origin in LNK_WHATS; every origin link.c gives is there. */
static int what_index(const char *w) {
  int i = 0, n = (int)(sizeof whats / sizeof *whats);
  while (i < n && strcmp(whats[i], w) != 0) i++;
  assert(i < n);
  return i < n ? i : 0;
}

unsigned char *lnk_image(const lnk_index *x, size_t *n) {
  strbuf o = { 0 }, pool = { 0 };
  int total = x->post_at[x->nterms];
  uint32_t head[LI_HEAD] = { LI_MAGIC, (uint32_t)x->nterms, (uint32_t)x->nslot, (uint32_t)x->nt,
                             (uint32_t)x->n_texts, (uint32_t)x->mode, (uint32_t)x->calibrated_on,
                             (uint32_t)total, 0 };
  int h = 9;
  for (int k = 0; k < LNK_KINDS; k++) head[h++] = (uint32_t)x->nitems[k];
  head[h++] = fbits(x->thr);
  head[h++] = fbits(x->fixed_thr);
  for (int k = 0; k < LNK_KINDS; k++) head[h++] = fbits(x->thr_kind[k]);
  head[h++] = fbits(x->idf_unknown);
  assert(h == LI_HEAD);
  for (int j = 0; j < x->nterms; j++) {   /* the pool first, to know its length */
    put_word(&o, (uint32_t)pool.len);
    sb_puts(&pool, x->terms[j]);
    sb_putc(&pool, '\0');
  }
  put_words(&o, x->slot, x->nslot);
  for (int j = 0; j < x->nterms; j++) put_word(&o, fbits(x->idf[j]));
  put_padded(&o, x->evid, (size_t)x->nterms);
  for (int i = 0; i < x->nt; i++) {
    const ltext *t = &x->t[i];
    put_word(&o, (uint32_t)t->kind);
    put_word(&o, (uint32_t)t->item);
    put_word(&o, (uint32_t)pool.len);
    sb_puts(&pool, t->shown);
    sb_putc(&pool, '\0');
    put_word(&o, (uint32_t)what_index(t->what));
    put_word(&o, (uint32_t)t->v.n);
    put_word(&o, fbits(t->v.norm));
  }
  for (int i = 0; i < x->nt; i++) {
    put_words(&o, x->t[i].v.id, (size_t)x->t[i].v.n);
    for (int j = 0; j < x->t[i].v.n; j++) put_word(&o, fbits(x->t[i].v.w[j]));
  }
  for (int k = 0; k < LNK_KINDS; k++) put_padded(&o, x->linkable[k], (size_t)x->nitems[k]);
  put_words(&o, x->post_at, (size_t)x->nterms + 1);
  put_words(&o, x->post_text, (size_t)total);
  for (int p = 0; p < total; p++) put_word(&o, fbits(x->post_w[p]));
  head[8] = (uint32_t)pool.len;
  strbuf out = { 0 };
  put_words(&out, head, LI_HEAD);
  sb_append(&out, o.s ? o.s : "", o.len);
  sb_append(&out, pool.s ? pool.s : "", pool.len);
  sb_free(&o);
  sb_free(&pool);
  *n = out.len;
  return (unsigned char *)sb_take(&out);
}

/* The next n words of the image, in place (the image is 16-byte aligned), moving *at past them. */
static void *take(const unsigned char **at, size_t n) {
  void *p = (void *)*at;
  *at += 4 * n;
  return p;
}

lnk_index *lnk_from_image(const scenario *sc, const unsigned char *img, size_t n) {
  assert(((uintptr_t)img & 3) == 0 && n >= LI_HEAD * 4);
  uint32_t head[LI_HEAD];
  memcpy(head, img, sizeof head);
  assert(head[0] == LI_MAGIC);
  lnk_index *x = xcalloc(1, sizeof *x);
  x->sc = sc;
  x->image = img;
  x->cn_own = sc->n_concepts ? lcn_for(sc) : NULL;   /* the shipped table: read on first use */
  x->nterms = x->cap_terms = (int)head[1];
  x->nslot = head[2];
  x->nt = x->cap_t = (int)head[3];
  x->n_texts = (int)head[4];
  x->mode = (lnk_mode)head[5];
  x->calibrated_on = (int)head[6];
  int total = (int)head[7], h = 9;
  size_t pool_len = head[8];
  for (int k = 0; k < LNK_KINDS; k++) x->nitems[k] = (int)head[h++];
  x->thr = bitsf(head[h++]);
  x->fixed_thr = bitsf(head[h++]);
  for (int k = 0; k < LNK_KINDS; k++) x->thr_kind[k] = bitsf(head[h++]);
  x->idf_unknown = bitsf(head[h++]);
  const char *pool = (const char *)img + n - pool_len;
  const unsigned char *at = img + sizeof head;
  const uint32_t *term_at = take(&at, (size_t)x->nterms);
  x->slot = take(&at, x->nslot);
  x->idf = take(&at, (size_t)x->nterms);
  x->evid = (unsigned char *)at;
  at += ((size_t)x->nterms + 3) / 4 * 4;
  const uint32_t *texts = take(&at, (size_t)x->nt * LI_TEXT);
  x->terms = xmalloc(sizeof *x->terms * (size_t)(x->nterms ? x->nterms : 1));
  for (int j = 0; j < x->nterms; j++) x->terms[j] = (char *)pool + term_at[j];
  x->t = xmalloc(sizeof *x->t * (size_t)(x->nt ? x->nt : 1));
  for (int i = 0; i < x->nt; i++) {
    const uint32_t *w = texts + (size_t)i * LI_TEXT;
    ltext *t = &x->t[i];
    t->kind = (lnk_kind)w[0];
    t->item = (int)w[1];
    t->shown = (char *)pool + w[2];
    assert(w[3] < sizeof whats / sizeof *whats);
    t->what = whats[w[3]];
    t->v.n = (int)w[4];
    t->v.norm = bitsf(w[5]);
  }
  x->first_unrel = x->n_texts;   /* the unrelated lines follow the items' texts (link.c) */
  for (int i = x->n_texts - 1; i >= 0 && x->t[i].item < 0; i--) x->first_unrel = i;
  for (int i = 0; i < x->nt; i++) {
    x->t[i].v.id = take(&at, (size_t)x->t[i].v.n);
    x->t[i].v.w = take(&at, (size_t)x->t[i].v.n);
  }
  for (int k = 0; k < LNK_KINDS; k++) {
    x->linkable[k] = (unsigned char *)at;
    at += ((size_t)x->nitems[k] + 3) / 4 * 4;
  }
  x->post_at = take(&at, (size_t)x->nterms + 1);
  x->post_text = take(&at, (size_t)total);
  x->post_w = take(&at, (size_t)total);
  assert((const char *)at == pool);
  return x;
}
