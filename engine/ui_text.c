/*
** ui_text.c: the play screen's words by key (ui.h), looked up in the message catalogues
** (ui.* in messages/LANG.yaml, msg.h); no word of the interface is written in C.
*/
#include "msg.h"
#include "ui.h"

static const char *const keys[UI_COUNT] = {
  [UI_YOU] = "ui.you", [UI_CUSTOMER_LABEL] = "ui.customer", [UI_GOAL] = "ui.goal",
  [UI_TYPE_HINT] = "ui.type_hint", [UI_HELP] = "ui.help", [UI_HINT] = "ui.hint",
  [UI_CANCELLED] = "ui.cancelled", [UI_UNKNOWN_COMMAND] = "ui.unknown_command",
  [UI_TOO_LONG] = "ui.too_long", [UI_NOTES_NEEDS] = "ui.notes_needs", [UI_NOTES_NONE] = "ui.notes_none",
  [UI_NOTES_COMMITMENTS] = "ui.notes_commitments", [UI_NOTES_OBJECTIONS] = "ui.notes_objections",
  [UI_REVEALED] = "ui.revealed", [UI_CONFIRMED] = "ui.confirmed", [UI_GIVEN] = "ui.given",
  [UI_REFUSED] = "ui.refused", [UI_SCORE_SO_FAR] = "ui.score_so_far", [UI_RESTARTED] = "ui.restarted",
  [UI_VISIT_OVER] = "ui.visit_over", [UI_NEXT_VISIT] = "ui.next_visit",
  [UI_SCRIPT_ERROR] = "ui.script_error", [UI_TRANSCRIPT_SAVED] = "ui.transcript_saved",
  [UI_TRANSCRIPT_FAILED] = "ui.transcript_failed", [UI_GRADEBOOK_SAVED] = "ui.gradebook_saved",
  [UI_GRADEBOOK_FAILED] = "ui.gradebook_failed", [UI_COMMITTED] = "ui.committed",
  [UI_EMPTY_INPUT] = "ui.empty_input", [UI_GRADEBOOK_LATER] = "ui.gradebook_later",
  [UI_RESTART_ASK] = "ui.restart_ask", [UI_RESTART_KEPT] = "ui.restart_kept",
  [UI_RESTART_NOT] = "ui.restart_not", [UI_CONFIRMED_BY] = "ui.confirmed_by",
  [UI_NOTES_PEOPLE] = "ui.notes_people", [UI_NOTES_PERSON] = "ui.notes_person",
};

const char *ui_key_name(ui_key k) { return (k >= 0 && k < UI_COUNT) ? keys[k] : "ui.unknown"; }

const char *ui_str(const char *lang, ui_key k) {
  if (k < 0 || k >= UI_COUNT) return "";
  return msg_text(msg_lang(lang), keys[k]);
}
