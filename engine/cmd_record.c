/*
** cmd_record.c: `salesim record TRANSCRIPT... [--gradebook LOCATION] [--trainee NAME]`: records
** finished visits whose gradebook could not be reached when they ended (play says so and names
** this command), and visits whose program was killed, from their journal (recover.h: the
** debrief is rebuilt, the visit marked ended_by "killed").  Each visit is keyed by its content,
** as play keys it, so recording a transcript twice, or one that was recorded after all, adds
** nothing.
** Exit 0 when every transcript is in the gradebook, 2 for bad usage, an unreadable transcript
** or a gradebook that cannot be opened or written.
*/
#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "recover.h"
#include "session.h"
#include "gradebook.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

#define RECORD_MAX_BYTES (64u << 20)   /* a transcript larger than this is not one of ours */

/* Records one visit: its transcript document tr (without the debrief) and its debrief deb
** (progress removed), under trainee_opt or the visit's own trainee.  killed marks a visit
** rebuilt from the journal of a program stopped mid-visit.  0, or -1 after saying why. */
static int record_visit(gb *g, const char *file, json_t *tr, json_t *deb, const char *trainee_opt, int killed) {
  char err[1024];
  const char *trainee = trainee_opt ? trainee_opt : json_string_value(json_object_get(deb, "trainee"));
  if (!trainee) trainee = json_string_value(json_object_get(tr, "trainee"));
  if (!trainee || !*trainee) {
    msg_eprint("record", "cli.record.no_trainee", "path", file, NULL);
    return -1;
  }
  char key[17];
  gb_visit_key(trainee, deb, key);
  int fresh = 1;
  long long id = gb_record_keyed(g, key, trainee, deb, tr, &fresh, err, sizeof err);
  if (id < 0) {
    msg_eprint("record", "cli.path_error", "path", file, "error", err, NULL);
    return -1;
  }
  char sid[24];
  snprintf(sid, sizeof sid, "%lld", id);
  char *m = fresh ? msg_get(MSG_CLI_LANG, killed ? "cli.record.recorded_killed" : "cli.record.recorded", "path", file,
                            "gradebook", gb_path(g), "session", sid, "trainee", trainee, NULL)
                  : msg_get(MSG_CLI_LANG, "cli.record.already", "path", file, "gradebook", gb_path(g), "session", sid, NULL);
  printf("%s\n", m);
  free(m);
  return 0;
}

/* Records the visit of a journal (a visit whose program was killed, or whose transcript could
** not be written): its debrief is rebuilt as replay rebuilds it, and once it is in the
** gradebook the visit's document (with the debrief) takes the journal's place, as the end of
** the visit would have written it; so the next play no longer names it as unrecorded.  0, or
** -1 after saying why. */
static int record_journal(gb *g, const char *file, const char *trainee_opt) {
  rcv_visit v;
  if (rcv_load("record", file, RECORD_MAX_BYTES, &v) != 0) return -1;
  if (v.live) {
    msg_eprint("record", "cli.record.live", "path", v.source, NULL);
    rcv_free(&v);
    return -1;
  }
  json_t *deb = rcv_debrief("record", v.source, v.tr);
  int rc = -1;
  if (deb) {
    sess_transcript_outcome(v.tr, deb);   /* the outcome the debrief scored, as play saves it */
    const char *by = json_string_value(json_object_get(v.tr, "ended_by"));
    rc = record_visit(g, v.source, v.tr, deb, trainee_opt, by && sess_end_parse(by) == SESS_END_KILLED);
  }
  if (rc == 0 && access(v.transcript, F_OK) != 0) {
    json_t *doc = json_copy(v.tr);
    json_object_set(doc, "debrief", deb);
    char *text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    char err[512];
    if (text && util_write_atomic(v.transcript, text, strlen(text), err, sizeof err) == 0) {
      unlink(v.source);   /* the document holds everything now, as at a visit's end */
      msg_eprint("record", "cli.record.kept", "path", v.source, "transcript", v.transcript, NULL);
    } else if (text) {
      msg_eprint("record", "cli.path_error", "path", v.transcript, "error", err, NULL);   /* recorded all the same */
    }
    free(text);
    json_decref(doc);
  }
  json_decref(deb);
  rcv_free(&v);
  return rc;
}

/* Records one transcript, or the journal of a visit that did not end (given by its own name,
** or by the transcript's when only the journal exists); 0, or -1 after saying why on stderr. */
static int record_one(gb *g, const char *file, const char *trainee_opt) {
  char err[1024];
  size_t len = 0;
  char *jpath = access(file, F_OK) != 0 ? sess_journal_path(file) : NULL;
  char *text = util_read_file(file, RECORD_MAX_BYTES, &len, err, sizeof err);
  if (!text && jpath && access(jpath, F_OK) == 0) text = util_read_file(jpath, RECORD_MAX_BYTES, &len, NULL, 0);
  free(jpath);
  size_t n = strlen(file), k = strlen(".journal");
  if (!text && n > k && strcmp(file + n - k, ".journal") == 0 && access(file, F_OK) != 0) {
    /* a journal recorded before: its document is in its place, and says "already in ..."
    ** (play-test 32d L6: the command play printed failed when run twice) */
    char *doc = xstrndup(file, n - k);
    text = util_read_file(doc, RECORD_MAX_BYTES, &len, NULL, 0);
    free(doc);
  }
  if (!text) { msg_eprint("record", "cli.record.cannot_read", "path", file, "error", err, NULL); return -1; }
  if (sess_is_journal(text, len)) {
    free(text);
    return record_journal(g, file, trainee_opt);
  }
  json_error_t je;
  json_t *tr = json_loadb(text, len, 0, &je);
  free(text);
  if (!json_is_object(tr)) {
    char *pos = xasprintf("%s:%d:%d", file, je.line, je.column);   /* the whole path (pt30c #4) */
    msg_eprint("record", "cli.record.not_transcript", "where", pos, "why",
               tr ? msg_text(MSG_CLI_LANG, "cli.record.not_object") : je.text, NULL);
    free(pos);
    json_decref(tr);
    return -1;
  }
  json_t *deb = json_deep_copy(json_object_get(tr, "debrief"));
  if (!json_is_object(deb)) {
    msg_eprint("record", "cli.record.no_debrief", "path", file, NULL);
    json_decref(deb);
    json_decref(tr);
    return -1;
  }
  json_object_del(deb, "progress");   /* attached after recording, not part of the visit */
  json_object_del(tr, "debrief");     /* the gradebook keeps the transcript beside its debrief */
  const char *by = json_string_value(json_object_get(deb, "ended_by"));
  int rc = record_visit(g, file, tr, deb, trainee_opt, by && sess_end_parse(by) == SESS_END_KILLED);
  json_decref(deb);
  json_decref(tr);
  return rc;
}

typedef struct record_opts { const char *where, *trainee; } record_opts;

/* One option of `record` (cli_parse's on_opt). */
static int record_option(void *ctx, int c, const char *arg) {
  record_opts *o = ctx;
  if (c == 'g') { o->where = arg; return CLI_OK; }
  assert(c == 't');
  if (!*arg) return msg_usage("record", "cli.record.trainee_name", NULL);
  o->trainee = arg;
  return CLI_OK;
}

int cmd_record_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "gradebook", required_argument, 0, 'g' }, { "trainee", required_argument, 0, 't' },
    { 0, 0, 0, 0 },
  };
  record_opts o = { NULL, NULL };
  int first, prc = cli_parse("record", argc, argv, "", longopts, record_option, &o, &first);
  if (prc != CLI_OK) return prc;
  const char *where = o.where, *trainee = o.trainee;
  if (first >= argc) return msg_usage("record", "cli.record.which", NULL);
  char *path = where ? xstrdup(where) : gb_default_path();
  char err[1024];
  gb *g = gb_open(path, err, sizeof err);
  free(path);
  if (!g) { msg_eprint("record", "cli.error", "error", err, NULL); return CLI_USAGE; }
  int rc = CLI_OK;
  for (int i = first; i < argc; i++)
    if (record_one(g, argv[i], trainee) != 0) rc = CLI_USAGE;
  gb_close(g);
  return rc;
}
