/*
** i18n.h: translators' sheets.  A sheet is CSV with three columns, id,source,translation, one
** row per text: the message catalogue's texts (id "msg:KEY", or "msg:KEY#FORM" for a plural
** form the target language needs) and a scenario's customer-facing texts (id
** "scn:SCENARIO:PATH", e.g. scn:it-trial:lines.vague_answer.0).  The ids are stable: they name
** where a text lives, not where it sits in a file.
**
** Export writes the current source (English for the catalogue, the scenario's own text) and
** the current translation when there is one.  Import reads a sheet back and sorts each row as
** translated, missing (no translation), stale (its source is not today's source: it changed
** since the sheet was made) or extra (no such id any more); for the catalogue it writes the
** language's YAML.
*/
#ifndef SALESIM_I18N_H
#define SALESIM_I18N_H

#include "scenario.h"
#include "util.h"

/* One row of a sheet. */
typedef struct i18n_row { char *id, *source, *translation; } i18n_row;
typedef struct i18n_sheet { i18n_row *v; int n, cap; } i18n_sheet;

void i18n_add(i18n_sheet *s, const char *id, const char *source, const char *translation);
void i18n_free(i18n_sheet *s);

/* The catalogue's rows for language lang (its plural rule decides the forms; a language
** without a catalogue yet gets plural). */
void i18n_catalogue_rows(i18n_sheet *s, const char *lang, const char *plural);
/* A scenario's rows: title, brief, goal, the customer's name and role, needs' and objections'
** words, the ladder's actions and answers, lines: and reactions' say:, visits' texts. */
void i18n_scenario_rows(i18n_sheet *s, const scenario *sc);

/* The sheet as CSV (RFC 4180, header id,source,translation). */
void i18n_write_csv(const i18n_sheet *s, strbuf *out);
/* Parses CSV text into s; 0, or -1 with a message (with its line) in err. */
int i18n_read_csv(const char *text, size_t len, i18n_sheet *s, char *err, size_t errlen);

/* How a sheet compares with the current rows. */
typedef struct i18n_status { int translated, missing, stale, extra; strbuf report; } i18n_status;
/* Compares sheet with current (what an export would write now), filling st (its report lists
** each missing, stale and extra id, one per line). */
void i18n_compare(const i18n_sheet *current, const i18n_sheet *sheet, i18n_status *st);

/* The catalogue of lang (plural rule plural) made from a sheet's translated, not stale rows, as
** YAML in the shipped catalogues' form; rows missing from the sheet are left out (they fall back
** to English; `salesim check` lists them). */
void i18n_catalogue_yaml(const i18n_sheet *current, const i18n_sheet *sheet, const char *lang,
                         const char *plural, strbuf *out);

#endif
