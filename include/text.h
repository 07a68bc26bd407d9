/*
** text.h: UTF-8 text as typed by a person: made safe, normalised for matching, measured.
**
** txt_sanitize makes any bytes safe to store and to echo on a terminal: invalid UTF-8 becomes
** U+FFFD, tabs and line breaks become spaces, every other control character (C0, DEL, C1, and the
** bidirectional overrides) becomes U+FFFD, so no escape sequence typed or pasted by a user ever
** reaches a terminal.  txt_normalize is what the classifier matches on.  txt_width counts display
** columns (East-Asian wide characters as 2) for wrapping.
*/
#ifndef SALESIM_TEXT_H
#define SALESIM_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s[0..len).  Returns it and sets *adv to the bytes used (>= 1);
** returns -1 (with *adv = 1) for an invalid or truncated sequence. */
int32_t txt_decode(const char *s, size_t len, size_t *adv);

/* Valid UTF-8 without control characters (see above).  Returns a malloc'd NUL-terminated
** string; *out_len (may be NULL) receives its length.  Never fails. */
char *txt_sanitize(const char *s, size_t len, size_t *out_len);

/* Prose written as a literal YAML block (|) with its lines broken at the author's width, made
** to read like a folded one (>): the lines of a paragraph joined with a space (with nothing
** when either side is a wide, CJK character), so a terminal of any width can wrap it.  Blank
** lines stay paragraph breaks; a line that starts with white space or a list marker ("- ",
** "* ", "• ", "1. ") stays a line of its own.  Returns a malloc'd string. */
char *txt_join_lines(const char *s);

/* Sanitises, then NFKC, case folding, a Latin letter's accents dropped (U+00C0-U+024F: é -> e),
** full-width to half-width, CJK punctuation to ASCII
** (。→.  、→,  “”→"), Traditional Chinese to Simplified (txt_t2s), a two-character Chinese word said twice
** said once (推荐推荐 -> 推荐), default-ignorable characters removed, runs of white space collapsed to one
** space, spaces next to a CJK character dropped (so "下周三 下午" reads as "下周三下午"), trimmed.
** Returns a malloc'd string; *out_len (may be NULL) receives its length.  Never fails. */
char *txt_normalize(const char *s, size_t len, size_t *out_len);

/* txt_normalize's shortcut past utf8proc: when s[0..len) holds only printable ASCII, CJK
** unified ideographs (U+4E00-U+9FFF), 、 。 and full-width ASCII (U+FF01-U+FF5E), returns a
** malloc'd copy mapped as utf8proc_map with txt_normalize's flags maps it (A-Z to a-z,
** full-width to ASCII, the rest as it is; none of these compose), with its length in *out_len;
** else NULL.  Exported for the unit test that checks it against utf8proc itself. */
char *txt_map_simple(const char *s, size_t len, size_t *out_len);

/* The Simplified form of a Traditional Chinese character (OpenCC's t2s mapping of single
** characters, compiled at build time); any other code point unchanged.  txt_normalize applies
** it, so text, lexicon phrases and scenario keywords meet in Simplified form. */
int32_t txt_t2s(int32_t cp);
/* Display columns of a UTF-8 string on a terminal: wide/full-width characters 2, combining
** marks and controls 0, invalid bytes 1 each. */
int txt_width(const char *s);
int txt_width_n(const char *s, size_t len);

/* Length in bytes of the longest prefix of s[0..len) that fits in cols columns without
** splitting a character (for wrapping). */
size_t txt_fit(const char *s, size_t len, int cols);

/* 1 when the code point is a CJK ideograph, kana or hangul (used to guess the language). */
int txt_is_cjk(int32_t cp);

/* 1 when the normalised phrase stands in the normalised text t as scenario keywords are
** matched: a substring whose letter or digit ends fall on word bounds (Chinese: anywhere). */
int txt_holds_phrase(const char *t, const char *phrase);
/* Where the first such occurrence of phrase in t starts, or NULL. */
const char *txt_find_phrase(const char *t, const char *phrase);
/* 1 when the string holds at least one CJK character. */
int txt_has_cjk(const char *s);
/* 1 when every byte of the string is ASCII (< 0x80): no phrase in another script stands in it. */
int txt_is_ascii(const char *s);

#endif
