/*
** cmd_record.c: `salesim record TRANSCRIPT... [--gradebook LOCATION] [--trainee NAME]`: records
** finished visits whose gradebook could not be reached when they ended (play says so and names
** this command).  Each visit is keyed by its content, as play keys it, so recording a transcript
** twice, or one that was recorded after all, adds nothing.
** Exit 0 when every transcript is in the gradebook, 2 for bad usage, an unreadable transcript
** or a gradebook that cannot be opened or written.
*/
#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "gradebook.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

#define RECORD_MAX_BYTES (64u << 20)   /* a transcript larger than this is not one of ours */

/* Records one transcript; 0, or -1 after saying why on stderr. */
static int record_one(gb *g, const char *file, const char *trainee_opt) {
  char err[1024];
  size_t len = 0;
  char *text = util_read_file(file, RECORD_MAX_BYTES, &len, err, sizeof err);
  if (!text) { msg_eprint("record", "cli.record.cannot_read", "path", file, "error", err, NULL); return -1; }
  json_error_t je;
  json_t *tr = json_loadb(text, len, 0, &je);
  free(text);
  if (!json_is_object(tr)) {
    char pos[64];
    snprintf(pos, sizeof pos, "%s:%d:%d", file, je.line, je.column);
    msg_eprint("record", "cli.record.not_transcript", "where", pos, "why",
               tr ? msg_text(MSG_CLI_LANG, "cli.record.not_object") : je.text, NULL);
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
  const char *trainee = trainee_opt ? trainee_opt : json_string_value(json_object_get(deb, "trainee"));
  if (!trainee) trainee = json_string_value(json_object_get(tr, "trainee"));
  int rc = 0;
  if (!trainee || !*trainee) {
    msg_eprint("record", "cli.record.no_trainee", "path", file, NULL);
    rc = -1;
  } else {
    char key[17];
    gb_visit_key(trainee, deb, key);
    int fresh = 1;
    long long id = gb_record_keyed(g, key, trainee, deb, tr, &fresh, err, sizeof err);
    if (id < 0) {
      msg_eprint("record", "cli.path_error", "path", file, "error", err, NULL);
      rc = -1;
    } else if (fresh) {
      char sid[24];
      snprintf(sid, sizeof sid, "%lld", id);
      char *m = msg_get(MSG_CLI_LANG, "cli.record.recorded", "path", file, "gradebook", gb_path(g), "session", sid,
                        "trainee", trainee, NULL);
      printf("%s\n", m);
      free(m);
    } else {
      char sid[24];
      snprintf(sid, sizeof sid, "%lld", id);
      char *m = msg_get(MSG_CLI_LANG, "cli.record.already", "path", file, "gradebook", gb_path(g), "session", sid, NULL);
      printf("%s\n", m);
      free(m);
    }
  }
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
