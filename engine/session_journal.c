/*
** session_journal.c: the transcript document rebuilt from a session's journal (session.h,
** docs/transcript.md), for `salesim replay` of a visit that never reached its end.  The
** records are the pieces sess_transcript_json puts together: a start record (the fields fixed
** at the start and the opening), one record per turn, an end record; the result equals what
** sess_transcript_json gave after the last record written.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "journal.h"
#include "session.h"
#include "msg.h"
#include "msg_cli.h"

/* Parses one record; NULL when it is not a JSON object. */
static json_t *parse(const jrn_record *r, json_error_t *e) {
  json_t *j = json_loadb(r->text, r->len, 0, e);
  if (j && !json_is_object(j)) {
    json_decref(j);
    msg_snprint(e->text, sizeof e->text, "cli.journal.not_object", NULL);
    return NULL;
  }
  return j;
}

/* Copies key from src into dst (null when src lacks it). */
static void copy(json_t *dst, const json_t *src, const char *key) {
  json_t *v = json_object_get(src, key);
  json_object_set(dst, key, v ? v : json_null());
}

int sess_is_journal(const char *buf, size_t len) {
  const char *nl = memchr(buf, '\n', len);
  jrn_record r = { buf, nl ? (size_t)(nl - buf) : len, 1 };
  json_error_t e;
  json_t *j = parse(&r, &e);
  const char *f = json_string_value(json_object_get(j, "format"));
  int yes = f && strcmp(f, "salesim-journal") == 0;
  json_decref(j);
  return yes;
}

json_t *sess_journal_transcript(const char *buf, size_t len, const char *file, diag *d,
                                int *complete) {
  *complete = 0;
  jrn_records rs;
  jrn_split(buf, len, &rs);
  json_error_t e;
  json_t *head = rs.n > 0 ? parse(&rs.v[0], &e) : NULL;
  const char *fmt = json_string_value(json_object_get(head, "format"));
  if (!fmt || strcmp(fmt, "salesim-journal") != 0 || json_integer_value(json_object_get(head, "version")) != 1) {
    diag_add(d, DIAG_ERROR, file, rs.n > 0 ? rs.v[0].line : 1, 1, "%s",
             msg_text(MSG_CLI_LANG, fmt && strcmp(fmt, "salesim-journal") == 0 ? "cli.journal.version"
                                                                              : "cli.journal.not_journal"));
    json_decref(head);
    jrn_records_free(&rs);
    return NULL;
  }
  json_t *root = json_object();
  json_object_set_new(root, "format", json_string("salesim-transcript"));
  json_object_set_new(root, "version", json_integer(1));
  static const char *const head_keys[] = { "scenario", "seed", "language", "trainee", "started" };
  for (size_t k = 0; k < sizeof head_keys / sizeof *head_keys; k++) copy(root, head, head_keys[k]);
  json_object_set_new(root, "ended", json_null());
  json_object_set_new(root, "ended_by", json_null());
  json_object_set_new(root, "outcome", json_null());
  json_object_set_new(root, "hints_used", json_integer(0));
  json_t *opening = json_object_get(head, "opening");
  json_object_set_new(root, "opening", json_is_array(opening) ? json_incref(opening) : json_array());
  json_t *turns = json_array();
  json_object_set_new(root, "turns", turns);
  json_object_set_new(root, "closing", json_array());
  json_decref(head);

  for (int i = 1; i < rs.n; i++) {
    json_t *r = parse(&rs.v[i], &e);
    const char *kind = json_string_value(json_object_get(r, "record"));
    json_t *turn = json_object_get(r, "turn");
    if (!r || !kind || (strcmp(kind, "turn") == 0 && !json_is_object(turn))) {
      char after[24], kept[24];
      snprintf(after, sizeof after, "%d", rs.n - i - 1);
      snprintf(kept, sizeof kept, "%zu", json_array_size(turns));
      char *m = msg_get(MSG_CLI_LANG, "cli.journal.damaged", "why",
                        r ? msg_text(MSG_CLI_LANG, "cli.journal.no_kind") : e.text, "after", after, "kept", kept, NULL);
      diag_add(d, DIAG_WARNING, file, rs.v[i].line, 1, "%s", m);
      free(m);
      json_decref(r);
      break;
    }
    json_t *hints = json_object_get(r, "hints_used");
    if (json_is_integer(hints)) json_object_set(root, "hints_used", hints);
    if (strcmp(kind, "turn") == 0) {
      json_array_append(turns, turn);
    } else if (strcmp(kind, "end") == 0) {
      copy(root, r, "ended");
      copy(root, r, "ended_by");
      copy(root, r, "outcome");
      json_t *closing = json_object_get(r, "closing");
      if (json_is_array(closing)) json_object_set(root, "closing", closing);
      *complete = 1;
    } else {
      char *m = msg_get(MSG_CLI_LANG, "cli.journal.unknown_kind", "kind", kind, NULL);
      diag_add(d, DIAG_WARNING, file, rs.v[i].line, 1, "%s", m);
      free(m);
    }
    json_decref(r);
  }
  if (rs.truncated) {
    char bytes[24], kept[24];
    snprintf(bytes, sizeof bytes, "%zu", rs.truncated_len);
    snprintf(kept, sizeof kept, "%zu", json_array_size(turns));
    char *m = msg_get(MSG_CLI_LANG, "cli.journal.cut_short", "bytes", bytes, "kept", kept, NULL);
    diag_add(d, DIAG_WARNING, file, rs.truncated_line, 1, "%s", m);
    free(m);
  }
  jrn_records_free(&rs);
  return root;
}
