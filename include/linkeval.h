/*
** linkeval.h: measuring links by meaning against a set of lines whose links are known (`salesim
** links` for a trainer, tests/tools/eval_links for the team's gates).
**
** A set is a UTF-8 text file, one line a trainee might type per row: the line, a TAB, then the ids
** it should link, space-separated (`need:ID`, `benefit:ID`, `objection:ID`, `commitment:ID`), or
** `-` for none; an id written `~kind:ID` may link and need not (a benefit line that also names the
** need it answers), and a required benefit makes the needs it `answers:` acceptable too.  A row
** starting with `#` and an empty row are skipped.  Each line is read as the game reads it (the
** scenario's classifier), and counted: linked right = the required links made / the required
** links; wrong links = the links made that are neither required nor acceptable / all links made.
** A line holding one of the scenario's keywords, or equal to one of its examples, is "not held
** out": it measures nothing, and is reported.
**
** Ownership: lev_measure borrows everything; the events it reports live until the sink returns.
*/
#ifndef SALESIM_LINKEVAL_H
#define SALESIM_LINKEVAL_H

#include "classify.h"
#include "scenario.h"

/* Which rows to read: every one, or one part of a fixed split by a hash of the line's text
** (FNV-1a of its bytes mod 3: remainder 0 is the held-out part, the rest the tuning part). */
typedef enum { LEV_ALL = -1, LEV_TUNE = 0, LEV_HELD = 1 } lev_part;

typedef enum { LEV_MISSED, LEV_WRONG, LEV_NOT_HELD_OUT } lev_kind;

/* One thing a row showed: a required link not made (id, its score and the nearest text of that
** item), a link made that should not be (id), or a row that holds a keyword (keyword, or NULL when
** it equals an example). */
typedef struct lev_event {
  lev_kind kind;
  int row;                 /* 1-based row of the set file */
  const char *text;        /* the line as written */
  const char *id;          /* "need:ID" ...; NULL for LEV_NOT_HELD_OUT */
  float score;             /* LEV_MISSED: the item's similarity to the line */
  const char *nearest;     /* LEV_MISSED: the item's text nearest the line, or "" */
  const char *keyword;     /* LEV_NOT_HELD_OUT: the keyword the line holds, or NULL */
} lev_event;

typedef void (*lev_sink)(void *ud, const lev_event *e);

typedef struct lev_result {
  int lines, required, right, made, wrong, unfair;
} lev_result;

/* Measures the links of classifier c (made for scenario sc, with examples: cls_links(c) is not
** NULL) on the set file at path, the rows of part only; calls sink (when not NULL) for each event.
** Returns 0 with *out filled, or -1 with *err (malloc'd, "PATH:ROW: ..." or the file's error) when
** the file cannot be read or a row has no TAB. */
int lev_measure(const scenario *sc, cls_classifier *c, const char *path, lev_part part, lev_sink sink,
                void *ud, lev_result *out, char **err);

#endif
