/*
** safe.c: see safe.h.
*/
#include <string.h>

#include "safe.h"
#include "text.h"
#include "util.h"

/* A code point that must never reach a terminal raw (line feed and tab excepted). */
static int unsafe_cp(int32_t cp) {
  if (cp < 0) return 1;                                   /* invalid UTF-8 */
  if (cp == '\n' || cp == '\t') return 0;
  if (cp < 0x20 || cp == 0x7f) return 1;                  /* C0, DEL */
  if (cp >= 0x80 && cp <= 0x9f) return 1;                 /* C1 (0x9b is a CSI) */
  if (cp >= 0x202a && cp <= 0x202e) return 1;             /* bidi embeddings and overrides */
  if (cp >= 0x2066 && cp <= 0x2069) return 1;             /* bidi isolates */
  return 0;
}

int safe_is_clean(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7f) { i++; continue; }         /* printable ASCII: the fast path */
    /* the same for the valid sequences that can hold no unsafe character: two bytes past the
    ** C1 controls (C2 80..9F), three bytes led by E1, E3..EC, EE, EF (U+1000..U+1FFF and
    ** U+3000..U+FFFF but the surrogates: CJK text); E0, E2 (bidi controls), ED and the rest
    ** go through the decoder */
    if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        (c != 0xC2 || (unsigned char)s[i + 1] >= 0xA0)) { i += 2; continue; }
    if (c >= 0xE1 && c <= 0xEF && c != 0xE2 && c != 0xED && len - i >= 3 &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80 && ((unsigned char)s[i + 2] & 0xC0) == 0x80) { i += 3; continue; }
    size_t adv;
    if (unsafe_cp(txt_decode(s + i, len - i, &adv))) return 0;
    i += adv;
  }
  return 1;
}

char *safe_text(const char *s, size_t len, size_t *out_len) {
  if (safe_is_clean(s, len)) {   /* nearly every text: one copy, not one append per character */
    if (out_len) *out_len = len;
    return xstrndup(s, len);
  }
  strbuf b = {0};
  for (size_t i = 0; i < len;) {
    size_t adv;
    int32_t cp = txt_decode(s + i, len - i, &adv);
    if (unsafe_cp(cp)) sb_puts(&b, "\xef\xbf\xbd");     /* U+FFFD */
    else sb_append(&b, s + i, adv);
    i += adv;
  }
  if (!b.s) sb_puts(&b, "");
  if (out_len) *out_len = b.len;
  return sb_take(&b);
}
