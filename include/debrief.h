/*
** debrief.h: the debrief, built once as JSON (the DESIGN.md schema, documented in
** docs/transcript.md) and rendered from that JSON to the terminal, Markdown and HTML.
** Replay, the gradebook and the class report all read the same document.
*/
#ifndef SALESIM_DEBRIEF_H
#define SALESIM_DEBRIEF_H

#include <stdio.h>
#include "session.h"
#include "score.h"
#include "util.h"

struct json_t;
/* Builds the debrief document in the session's language; the caller owns the reference. */
struct json_t *deb_build(const session *s, const score_result *r);
/* The same in the catalogue language lang (NULL: the session's), e.g. a test's pseudo-locale. */
struct json_t *deb_build_lang(const session *s, const score_result *r, const char *lang);

typedef struct deb_style {
  int colour;              /* ANSI colour */
  int width;               /* wrap width in columns */
  const char *lang;        /* a catalogue language ("zh", "en", ...); NULL = the debrief's */
  int full;                /* 1: the full list of findings, reflection and progress after the
                           ** first screen; 0: the first screen alone (fits a 40-line terminal) */
} deb_style;

void deb_render_text(const struct json_t *d, const deb_style *st, FILE *out);
void deb_render_markdown(const struct json_t *d, strbuf *out);
void deb_render_html(const struct json_t *d, strbuf *out);   /* self-contained, SVG chart */

/* Renders d as Markdown (fmt 'm') or HTML (fmt 'h') and writes it to path atomically; for the
** --markdown and --html options of play and replay.  0, or -1 with a message in err. */
int deb_write_file(const struct json_t *d, char fmt, const char *path, char *err, size_t errlen);

/* The display name of a skill in the language: "commitment" / "行动承诺". */
const char *deb_skill_label(const char *lang, score_skill k);

/* Added: a copy of text safe to print: terminal escape sequences (CSI, OSC, other ESC pairs),
** C0/C1 control characters and DEL removed, tabs and newlines turned into spaces, invalid
** UTF-8 replaced by U+FFFD.  Every renderer passes quoted text through it.  Malloc'd. */
char *deb_clean_text(const char *s);

#endif
