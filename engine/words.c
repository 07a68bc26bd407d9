/*
** words.c: base forms (Snowball) and one-edit typo correction (words.h).
*/
#ifndef SALESIM_STEM_DIRECT
#include <libstemmer.h>
#else
/* Snowball's English stemmer called directly (the Makefile's STEM_DIRECT, when the archive is
** linked and scripts/stem_probe.c found these first fields of its struct SN_env): libstemmer's
** own API would bring every language's tables into each start (docs/performance.md). */
struct SN_env { unsigned char *p; int c; int l; };
struct SN_env *english_ISO_8859_1_create_env(void);
void english_ISO_8859_1_close_env(struct SN_env *z);
int english_ISO_8859_1_stem(struct SN_env *z);
int SN_set_current(struct SN_env *z, int size, const unsigned char *s);
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

/* A scenario's texts and a visit's lines say the same words again and again: a direct-mapped
** memo of the latest stems spares Snowball (it was 17% of a game's start, in the link index).
** Words longer than STEM_MEMO_WORD bytes are stemmed every time.  2048 slots (94 KiB): with
** 512, random walks over a scenario's words still stemmed one word in four afresh. */
#define STEM_MEMO_SLOTS 2048
#define STEM_MEMO_WORD 22
typedef struct stem_memo {
  unsigned char wlen, slen;             /* wlen 0: an empty slot */
  char word[STEM_MEMO_WORD], stem[STEM_MEMO_WORD];
} stem_memo;

struct wd_stemmer {
#ifndef SALESIM_STEM_DIRECT
  struct sb_stemmer *sb;
#else
  struct SN_env *sb;
#endif
  stem_memo *memo;   /* STEM_MEMO_SLOTS, made at the first stem: a shipped scenario's link index
                     ** is an image, so a game stems nothing before its first line, and zeroing
                     ** 94 KiB at start was 44 K instructions (docs/performance.md, fifth pass) */
};

/* Snowball's English stemmer for single-byte text: wd_stem gives it only words of ASCII letters
** and apostrophes, on which its UTF-8 twin gives the same stems byte for byte (checked over 3 M
** words: both dictionaries, the corpus, the scenarios, suffixed and random words) while decoding
** every character as it goes (a third slower: docs/performance.md, start-up). */
wd_stemmer *wd_new(void) {
#ifndef SALESIM_STEM_DIRECT
  struct sb_stemmer *sb = sb_stemmer_new("english", "ISO_8859_1");
#else
  struct SN_env *sb = english_ISO_8859_1_create_env();
#endif
  if (!sb) return NULL;
  wd_stemmer *s = xcalloc(1, sizeof *s);
  s->sb = sb;
  return s;
}

void wd_free(wd_stemmer *s) {
  if (!s) return;
#ifndef SALESIM_STEM_DIRECT
  sb_stemmer_delete(s->sb);
#else
  english_ISO_8859_1_close_env(s->sb);
#endif
  free(s->memo);
  free(s);
}

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

/* ---- a scenario's own words: an open-addressed set of hashes, doubled at half full, and
** the shipped scenario's words made at build time as a sorted array in place (builtin.h) ---- */
#define OWN_WEIGHT 1000000   /* counts as seen this often: beats any corpus word as a correction */
struct wd_words { uint64_t *h; size_t n, cap; const uint64_t *sorted; size_t n_sorted; };

static uint64_t word_hash(const char *w, size_t n) {
  uint64_t h = util_hash64(w, n);
  return h ? h : 1;   /* 0 marks an empty slot */
}

static void words_put(wd_words *w, uint64_t h) {
  size_t i = (size_t)h & (w->cap - 1);
  for (; w->h[i]; i = (i + 1) & (w->cap - 1)) if (w->h[i] == h) return;
  w->h[i] = h;
  w->n++;
}

wd_words *wd_words_new(void) {
  wd_words *w = xcalloc(1, sizeof *w);
  w->cap = 64;
  w->h = xcalloc(w->cap, sizeof *w->h);
  return w;
}

void wd_words_free(wd_words *w) {
  if (!w) return;
  free(w->h);
  free(w);
}

/* Puts a word's hash into the set, doubling it at half full. */
static void words_add_hash(wd_words *w, uint64_t h) {
  if (2 * (w->n + 1) > w->cap) {   /* grow: rehash into twice the slots */
    wd_words old = *w;
    w->cap *= 2; w->n = 0;
    w->h = xcalloc(w->cap, sizeof *w->h);
    for (size_t i = 0; i < old.cap; i++) if (old.h[i]) words_put(w, old.h[i]);
    free(old.h);
  }
  words_put(w, h);
}

void wd_words_add(wd_words *w, const char *norm) {
  for (const char *p = norm; *p;) {
    if (!is_lower(*p)) { p++; continue; }
    const char *q = p;
    while (is_lower(*q)) q++;
    if ((size_t)(q - p) >= WD_MIN_TYPO_LEN - 1 && (size_t)(q - p) <= WD_MAX_WORD) words_add_hash(w, word_hash(p, (size_t)(q - p)));
    p = q;
  }
}

int wd_words_add_ascii(wd_words *w, const char *text) {
  const unsigned char *p = (const unsigned char *)text;
  for (const unsigned char *q = p; *q; q++) if (*q >= 0x80) return 0;
  while (*p) {
    /* | 0x20 folds A-Z to a-z and takes no other byte into a-z */
    unsigned c = *p | 0x20u;
    if (c < 'a' || c > 'z') { p++; continue; }
    uint64_t h = 1469598103934665603ULL;   /* util_hash64 of the folded word, as it is read */
    size_t n = 0;
    for (; (c = *p | 0x20u) >= 'a' && c <= 'z'; p++, n++) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    if (n >= WD_MIN_TYPO_LEN - 1 && n <= WD_MAX_WORD) words_add_hash(w, h ? h : 1);
  }
  return 1;
}

int wd_words_has(const wd_words *w, const char *word, size_t n) {
  if (!w || (!w->n && !w->n_sorted)) return 0;
  uint64_t h = word_hash(word, n);
  for (size_t i = (size_t)h & (w->cap - 1); w->h[i]; i = (i + 1) & (w->cap - 1)) if (w->h[i] == h) return 1;
  size_t lo = 0, hi = w->n_sorted;   /* the sorted words: [lo, hi) may hold h */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (w->sorted[mid] == h) return 1;
    if (w->sorted[mid] < h) lo = mid + 1; else hi = mid;
  }
  return 0;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

uint64_t *wd_words_sorted(const wd_words *w, size_t *n) {
  *n = 0;
  if (!w || !w->n) return NULL;
  uint64_t *v = xmalloc(w->n * sizeof *v);
  for (size_t i = 0; i < w->cap; i++) if (w->h[i]) v[(*n)++] = w->h[i];
  qsort(v, *n, sizeof *v, cmp_u64);
  return v;
}

void wd_words_take_sorted(wd_words *w, const uint64_t *sorted, size_t n) {
  w->sorted = sorted;
  w->n_sorted = n;
}

/* How often the word was seen: the model's count, or OWN_WEIGHT for a scenario's own word. */
static int seen_count(const mdl_image *m, const wd_words *own, const char *w, size_t n) {
  if (wd_words_has(own, w, n)) return OWN_WEIGHT;
  return mdl_knows_word(m, w, n);
}

size_t wd_stem(wd_stemmer *s, const char *w, size_t n, char *out, size_t cap) {
  int letters = n > 0 && n <= WD_MAX_WORD;
  for (size_t i = 0; i < n && letters; i++) letters = is_lower(w[i]) || w[i] == '\'';
  if (!s || !letters) {
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(out, w, k);
    out[k] = 0;
    return k;
  }
  stem_memo *slot = NULL;
  if (n <= STEM_MEMO_WORD) {
    if (!s->memo) s->memo = xcalloc(STEM_MEMO_SLOTS, sizeof *s->memo);
    slot = &s->memo[mdl_word_hash(w, n) % STEM_MEMO_SLOTS];
    if (slot->wlen == n && memcmp(slot->word, w, n) == 0) {
      size_t k = slot->slen < cap - 1 ? slot->slen : cap - 1;
      memcpy(out, slot->stem, k);
      out[k] = 0;
      return k;
    }
  }
#ifndef SALESIM_STEM_DIRECT
  const sb_symbol *st = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n);
  size_t k = st ? (size_t)sb_stemmer_length(s->sb) : 0;
#else   /* what sb_stemmer_stem and sb_stemmer_length do */
  const unsigned char *st = NULL;
  if (SN_set_current(s->sb, (int)n, (const unsigned char *)w) == 0 && english_ISO_8859_1_stem(s->sb) >= 0)
    st = s->sb->p;
  size_t k = st ? (size_t)s->sb->l : 0;
#endif
  if (!st || k == 0) { st = (const unsigned char *)w; k = n; }   /* sb_symbol is unsigned char */
  if (slot && k <= STEM_MEMO_WORD) {   /* a stem is never longer than its word, but be sure */
    slot->wlen = (unsigned char)n;
    slot->slen = (unsigned char)k;
    memcpy(slot->word, w, n);
    memcpy(slot->stem, st, k);
  }
  if (k > cap - 1) k = cap - 1;
  memcpy(out, st, k);
  out[k] = 0;
  return k;
}

/* The known word one edit from w[0..n), or 0 when there is none, or when two are and neither
** was seen five times as often as the other (an ambiguous typo is left as typed).  cand
** receives it. */
static int correct_word(const mdl_image *m, const wd_words *own, const char *w, size_t n, char *cand, size_t *cand_len) {
  char buf[WD_MAX_WORD + 2], found[WD_MAX_WORD + 2];
  size_t found_len = 0;
  int best = 0, second = 0, seen;
#define TRY(len_) do { \
    if ((seen = seen_count(m, own, buf, (len_))) > 0 && !(found_len == (len_) && memcmp(found, buf, (len_)) == 0)) { \
      if (seen > best) { \
        second = best; \
        best = seen; \
        memcpy(found, buf, (len_)); \
        found_len = (len_); \
      } else if (seen > second) { \
        second = seen; \
      } \
    } \
  } while (0)
  for (size_t i = 0; i < n; i++) {                     /* a letter too many */
    memcpy(buf, w, i); memcpy(buf + i, w + i + 1, n - i - 1);
    TRY(n - 1);
  }
  for (size_t i = 0; i + 1 < n; i++) {                 /* two letters swapped */
    if (w[i] == w[i + 1]) continue;
    memcpy(buf, w, n); buf[i] = w[i + 1]; buf[i + 1] = w[i];
    TRY(n);
  }
  for (size_t i = 0; i < n; i++)                       /* a letter changed */
    for (char c = 'a'; c <= 'z'; c++) {
      if (c == w[i]) continue;
      memcpy(buf, w, n); buf[i] = c;
      TRY(n);
    }
  if (n < WD_MAX_WORD)                                  /* a letter missing */
    for (size_t i = 0; i <= n; i++)
      for (char c = 'a'; c <= 'z'; c++) {
        memcpy(buf, w, i); buf[i] = c; memcpy(buf + i + 1, w + i, n - i);
        TRY(n + 1);
      }
#undef TRY
  if (!best || (second && best < 5 * second)) return 0;
  memcpy(cand, found, found_len);
  *cand_len = found_len;
  return 1;
}

char *wd_correct(const mdl_image *m, const wd_words *own, const char *text, size_t len, size_t *out_len,
                 int *fixes) {
  if (fixes) *fixes = 0;
  if (!m) return NULL;
  strbuf b = {0};
  int changed = 0;
  size_t done = 0;
  for (size_t i = 0; i < len;) {
    if (!is_lower(text[i])) { i++; continue; }
    size_t j = i;
    while (j < len && (is_lower(text[j]) || text[j] == '\'')) j++;
    size_t n = j - i;
    /* only whole ASCII words: a letter run glued to digits or other scripts is a code or name */
    int whole = (i == 0 || (unsigned char)text[i - 1] < 0x80) && (j == len || (unsigned char)text[j] < 0x80) &&
                (i == 0 || !(text[i - 1] >= '0' && text[i - 1] <= '9')) && (j == len || !(text[j] >= '0' && text[j] <= '9'));
    char cand[WD_MAX_WORD + 2];
    size_t cl;
    if (whole && n >= WD_MIN_TYPO_LEN && n <= WD_MAX_WORD && !memchr(text + i, '\'', n) &&
        !seen_count(m, own, text + i, n) && !mdl_is_word(m, text + i, n) && correct_word(m, own, text + i, n, cand, &cl)) {
      sb_append(&b, text + done, i - done);
      sb_append(&b, cand, cl);
      done = j;
      changed++;
    }
    i = j;
  }
  if (!changed) { free(b.s); return NULL; }
  sb_append(&b, text + done, len - done);
  if (fixes) *fixes = changed;
  if (out_len) *out_len = b.len;
  return sb_take(&b);
}
