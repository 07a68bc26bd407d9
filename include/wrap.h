/*
** wrap.h: the one word-wrapper.  Text is cut into tokens (a run of narrow characters, or one
** wide CJK character with the closing punctuation that must stay after it) and written to a
** strbuf, breaking lines between tokens so none passes the width.  Widths are display columns
** (utf8proc's, through text.h): CJK characters count 2, and colour escapes (ESC [ ... final
** byte) and readline's \001 \002 markers count 0.  The terminal (term.c) and the text debrief
** (debrief_text.c) differ in three habits, which are the style's switches.
*/
#ifndef SALESIM_WRAP_H
#define SALESIM_WRAP_H

#include <stddef.h>
#include "util.h"

typedef struct wrap_style {
  int width;              /* columns a line may take */
  int indent;             /* spaces that start every line after a break */
  unsigned keep_spaces:1; /* a run of spaces is written as typed (the columns of /help); else
                          ** one space between tokens and none before the first */
  unsigned kinsoku:1;     /* an opening quote or bracket stays with the character after it, and
                          ** closing CJK punctuation stays after a run of narrow characters too */
  unsigned cut_long:1;    /* a token wider than the rest of a line is cut to fit (else it overflows) */
  unsigned break_first:1; /* the first token may go to a new line when the column is past the
                          ** indent (the terminal's prefix); else it stays on the current line */
} wrap_style;

/* Appends text[0..len) (one paragraph: no newline, already made safe) to out, wrapped by st,
** starting at column *col; leaves *col at the column after the last byte written.  Writes no
** final newline.  Owns nothing. */
void wrap_para(strbuf *out, const char *text, size_t len, const wrap_style *st, int *col);

/* Bytes of the control sequence at s (a CSI escape or readline's \001 / \002), 0 when s starts
** with text.  They take no column. */
size_t wrap_control_len(const char *s, size_t len);

/* Display columns of s[0..len), control sequences counting 0 (see above). */
int wrap_width_n(const char *s, size_t len);

#endif
