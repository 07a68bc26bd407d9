/*
** wrap.c: the one word-wrapper (see wrap.h).  Used by the terminal (term_wrap) and the text
** debrief; each passes its own wrap_style, so both keep the bytes they printed before the merge.
*/
#include <assert.h>
#include <string.h>
#include "text.h"
#include "wrap.h"

size_t wrap_control_len(const char *s, size_t len) {
  if (len && (*s == '\001' || *s == '\002')) return 1;
  if (len < 2 || s[0] != '\033' || s[1] != '[') return 0;
  size_t i = 2;
  while (i < len && !((unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7E)) i++;
  return i < len ? i + 1 : len;
}

int wrap_width_n(const char *s, size_t len) {
  int w = 0;
  while (len) {
    if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F) { w++; s++; len--; continue; }   /* printable ASCII: no control, one column */
    size_t adv = wrap_control_len(s, len);
    if (!adv) {
      txt_decode(s, len, &adv);
      w += txt_width_n(s, adv);
    }
    s += adv; len -= adv;
  }
  return w;
}

/* Columns of the one character (or control sequence) at s; *adv receives its bytes. */
static int char_width(const char *s, size_t len, size_t *adv) {
  if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F) { *adv = 1; return 1; }   /* printable ASCII */
  *adv = wrap_control_len(s, len);
  if (*adv) return 0;
  txt_decode(s, len, adv);
  return txt_width_n(s, *adv);
}

/* CJK punctuation that may not start a line: it stays after the character before it. */
static int is_closing(int32_t c) {
  return c == 0x3002 || c == 0xFF0C || c == 0xFF01 || c == 0xFF1F || c == 0x3001 ||
         c == 0xFF1A || c == 0xFF1B || c == 0x201D || c == 0xFF09;
}

/* Opening quotes and brackets that may not end a line: they stay with what follows. */
static int is_opening(int32_t c) {
  return c == 0x201C || c == 0x2018 || c == 0xFF08 || c == 0x300A || c == 0x300C || c == 0x3010;
}

/* Bytes of the token at s (s[0] is not a space): a run of narrow characters up to a space or a
** wide character, or one wide character; then the closing punctuation after it (after a wide
** character always, after a narrow run under kinsoku).  Under kinsoku, opening quotes at the
** start take the character after them along.  *cols receives the token's columns, as
** wrap_width_n counts them (the same characters, each once: measuring the token again decoded
** each of a Chinese brief's characters twice more). */
static size_t token_len(const char *s, size_t len, int kinsoku, int *cols) {
  size_t adv;
  int32_t cp = wrap_control_len(s, len) ? -1 : txt_decode(s, len, &adv);
  int w = char_width(s, len, &adv), sum = w, cw;
  size_t j = adv;
  while (kinsoku && is_opening(cp) && j < len && s[j] != ' ') {
    cp = txt_decode(s + j, len - j, &adv);
    w = char_width(s + j, len - j, &adv);
    sum += w;
    j += adv;
  }
  if (w < 2)
    while (j < len && s[j] != ' ' && (cw = char_width(s + j, len - j, &adv)) < 2) { sum += cw; j += adv; }
  if (w >= 2 || kinsoku)
    while (j < len && is_closing(txt_decode(s + j, len - j, &adv))) { sum += char_width(s + j, len - j, &adv); j += adv; }
  assert(j > 0 && j <= len);
  *cols = sum;
  return j;
}

static void put_break(strbuf *out, int indent, int *col) {
  sb_putc(out, '\n');
  for (int k = 0; k < indent; k++) sb_putc(out, ' ');
  *col = indent;
}

void wrap_para(strbuf *out, const char *text, size_t len, const wrap_style *st, int *col) {
  assert(out && st && col && st->indent >= 0);
  size_t i = 0;
  int first = 1;
  while (i < len) {
    size_t run = 0;
    while (i < len && text[i] == ' ') { i++; run++; }
    if (i == len) break;   /* trailing spaces are never written */
    int tw;
    size_t n = token_len(text + i, len - i, st->kinsoku, &tw);
    int space = st->keep_spaces ? (int)run : (run && !first ? 1 : 0);
    int may_break = st->break_first ? *col > st->indent : !first;
    if (*col + space + tw > st->width && may_break) {
      put_break(out, st->indent, col);
      space = 0;
    }
    for (int k = 0; k < space; k++) sb_putc(out, ' ');
    *col += space;
    while (st->cut_long && tw > st->width - *col && n > 0) {   /* wider than a line: cut it */
      size_t fit = txt_fit(text + i, n, st->width - *col);
      if (fit == 0) fit = 1;
      sb_append(out, text + i, fit);
      tw -= txt_width_n(text + i, fit);   /* linear even for a megabyte without a space */
      i += fit; n -= fit;
      put_break(out, st->indent, col);
    }
    sb_append(out, text + i, n);
    *col += tw;
    i += n;
    first = 0;
  }
}
