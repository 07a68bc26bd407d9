/*
** ui.h: the interface's own words by key (scenario text comes from the scenario), from the
** message catalogues (msg.h).  The language is the scenario's unless --lang overrides it.
** A word with placeholders ({command}, {path}...) is formatted with msg_get(lang, ui_key_name(k),
** ...), never used as a printf format.
*/
#ifndef SALESIM_UI_H
#define SALESIM_UI_H

typedef enum {
  UI_YOU, UI_CUSTOMER_LABEL, UI_GOAL, UI_TYPE_HINT, UI_HELP, UI_HINT, UI_CANCELLED,
  UI_UNKNOWN_COMMAND, UI_TOO_LONG, UI_NOTES_NEEDS, UI_NOTES_NONE, UI_NOTES_COMMITMENTS,
  UI_NOTES_OBJECTIONS, UI_REVEALED, UI_CONFIRMED, UI_GIVEN, UI_REFUSED, UI_SCORE_SO_FAR,
  UI_RESTARTED, UI_VISIT_OVER, UI_NEXT_VISIT, UI_SCRIPT_ERROR, UI_TRANSCRIPT_SAVED,
  UI_TRANSCRIPT_FAILED, UI_GRADEBOOK_SAVED, UI_GRADEBOOK_FAILED, UI_GRADEBOOK_LATER, UI_COMMITTED, UI_EMPTY_INPUT,
  UI_RESTART_ASK, UI_RESTART_KEPT, UI_RESTART_NOT, UI_CONFIRMED_BY,
  UI_NOTES_PEOPLE, UI_NOTES_PERSON,
  UI_COUNT
} ui_key;

/* The word of k in lang (owned by the catalogue). */
const char *ui_str(const char *lang, ui_key k);
/* The catalogue key of k ("ui.help"). */
const char *ui_key_name(ui_key k);

#endif
