/*
** term.h: the trainee's terminal.  GNU readline (callback interface, so Ctrl-C cancels the
** line instead of killing the game), history kept across runs, tab completion of slash
** commands; plain getline when input is a script or a pipe.  Colour only on a terminal and
** never with NO_COLOR or TERM=dumb; text wrapped to the width, CJK counted as two columns.
*/
#ifndef SALESIM_TERM_H
#define SALESIM_TERM_H

#include <stdio.h>

typedef enum { TERM_LINE, TERM_EOF, TERM_CANCEL, TERM_HANGUP } term_status;

typedef enum {
  TERM_C_RESET, TERM_C_BOLD, TERM_C_DIM, TERM_C_CUSTOMER, TERM_C_TRAINEE, TERM_C_NOTE,
  TERM_C_WARN, TERM_C_GOOD
} term_colour;

typedef struct term term;

/* in: NULL for stdin; interactive when in is a terminal.  colour: -1 auto, 0 off, 1 on. */
term *term_open(FILE *in, int colour, const char *const *completions);
void term_close(term *t);
/* Reads the history file at path (as written by readline's write_history and append_history)
** into readline's history list, which must be empty and stifled, with read_history(3)'s result:
** the same lines, the last history_max_entries of them (history_base counted up past the
** rest), without their timestamps, which a history written without them never uses.  A file
** that read_history would read as having timestamps is read by read_history.  Nothing when
** the file cannot be read (term_history.c). */
void term_history_read(const char *path);
int term_interactive(const term *t);
int term_colour_on(const term *t);
/* Reads one line (malloc'd into *line, no newline) for TERM_LINE.  TERM_CANCEL: Ctrl-C
** cancelled the line being typed; TERM_HANGUP: SIGHUP/SIGTERM arrived; TERM_EOF: Ctrl-D or the
** end of the script. */
term_status term_read(term *t, const char *prompt, char **line);
/* The escape sequence for c, or "" when colour is off. */
const char *term_esc(const term *t, term_colour c);
int term_width(const term *t);
/* Writes a block of text in one write(2) (a terminal pays per write; stdio on a line-buffered
** stream would send it line by line), after flushing what the stream holds. */
void term_write_block(FILE *out, const char *s, size_t n);
/* Prints text wrapped to the terminal width; continuation lines start with `indent` spaces.
** Control characters in text are shown as U+FFFD, never sent to the terminal raw. */
void term_wrap(const term *t, FILE *out, const char *prefix, int indent, const char *text);
/* Display columns of s: CJK counts two, colour escapes and readline's \001/\002 none. */
int term_text_width(const char *s);
/* A title between two rules in bold ("═══ Title ═══"); on a narrow terminal the title wraps
** after the first rule instead of running past the edge. */
void term_heading(const term *t, FILE *out, const char *rule, const char *text);

#endif
