/*
** model.c: reading the compiled linear model (model.h).  The tables come from
** build/gen/model_data.c (or engine/gen/model_none.c); this file only looks them up.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "featurize.h"
#include "model.h"

/* Linear probing from the hash's low bits; the generator sized the table at most half full. */
int mdl_lookup(const mdl_image *m, uint64_t key) {
  for (uint32_t i = (uint32_t)key & m->mask, probes = 0; probes <= m->mask; i = (i + 1) & m->mask, probes++) {
    if (m->keys[i] == key) return (int)i;
    if (m->keys[i] == 0) return -1;
  }
  return -1;
}

int mdl_knows_word(const mdl_image *m, const char *word, size_t len) {
  int slot = mdl_lookup(m, ft_hash2("v:", word, len));
  return slot < 0 ? 0 : m->index[slot] < 0 ? -1 - m->index[slot] : 1;
}

uint32_t mdl_word_hash(const char *word, size_t len) {
  uint32_t h = 2166136261u;   /* FNV-1a, 32 bits: 130k words collide with a typo about once in 33,000 */
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)word[i]) * 16777619u;
  return h;
}

int mdl_is_word(const mdl_image *m, const char *word, size_t len) {
  if (!m || m->n_dict == 0) return 0;
  uint32_t h = mdl_word_hash(word, len);
  size_t lo = 0, hi = (size_t)m->n_dict;
  while (lo < hi) {   /* binary search of the sorted hashes */
    size_t mid = lo + (hi - lo) / 2;
    if (m->dict[mid] < h) lo = mid + 1; else hi = mid;
  }
  return lo < (size_t)m->n_dict && m->dict[lo] == h;
}

/* Logistic regression per label: p = 1 / (1 + exp(-(w.x + b))), x_i = 1/sqrt(n_total). */
/* Each row's weights are read once, in order, into every label's sum: each sum adds the same
** terms in the same order as a label-by-label loop (the same floats), and a row is one run of
** memory instead of a stride of n_labels per term. */
void mdl_predict(const mdl_image *m, const int32_t *rows, int n, int n_total, float *out) {
  float x = n_total > 0 ? 1.0f / sqrtf((float)n_total) : 0.0f;
  int nl = m->n_labels;
  for (int l = 0; l < nl; l++) out[l] = m->bias[l];
  for (int i = 0; i < n; i++) {
    const float *w = m->weights + (size_t)rows[i] * (size_t)nl;
    for (int l = 0; l < nl; l++) out[l] += w[l] * x;
  }
  for (int l = 0; l < nl; l++) out[l] = 1.0f / (1.0f + expf(-out[l]));
#ifdef MDL_CHECK
  for (int l = 0; l < nl; l++) {
    float s = m->bias[l];
    for (int i = 0; i < n; i++) s += m->weights[(size_t)rows[i] * (size_t)m->n_labels + (size_t)l] * x;
    float o = 1.0f / (1.0f + expf(-s));
    if (memcmp(&o, &out[l], sizeof o) != 0) abort();
  }
#endif
}

int mdl_label(const mdl_image *m, const char *name) {
  /* first bytes first: the model asks for its labels by name several times a line */
  for (int l = 0; l < m->n_labels; l++) if (m->labels[l][0] == name[0] && strcmp(m->labels[l], name) == 0) return l;
  return -1;
}

uint64_t mdl_bg_hash(const char *term, size_t len) { return ft_hash2("bg:", term, len); }

int mdl_background_df(const mdl_image *m, const char *term, size_t len) {
  if (!m || m->n_bg <= 0) return 0;
  uint64_t k = mdl_bg_hash(term, len);
  int lo = 0, hi = m->n_bg;
  while (lo < hi) {   /* binary search over the sorted keys */
    int mid = lo + (hi - lo) / 2;
    if (m->bg_keys[mid] < k) lo = mid + 1; else hi = mid;
  }
  return lo < m->n_bg && m->bg_keys[lo] == k ? m->bg_df[lo] : 0;
}

int mdl_dev_split(const char *text) { return ft_hash2("dev:", text, strlen(text)) % 5 == 0; }
