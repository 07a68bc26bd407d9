/*
** cmd_replay.c: `salesim replay TRANSCRIPT`: shows a saved session turn by turn (with a pause
** for a projector) and its debrief.  A transcript cut short (a crash, a killed terminal) has no
** debrief: the session is played again from its scenario, seed and lines, which gives the same
** customer and so the same debrief.  A visit that never ended left only its journal
** (TRANSCRIPT.journal): replay reads that too, given either name (recover.c), and says how the
** visit ended: a journal without its end is a killed program, not a Ctrl-C.  --lang shows the debrief in
** another catalogue language (the JSON stays the document as recorded).
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <jansson.h>

#include "recover.h"
#include "cli.h"
#include "debrief.h"
#include "score.h"
#include "session.h"
#include "term.h"
#include "text.h"
#include "ui.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"
#include "speakers.h"

#define REPLAY_MAX_FILE (32u << 20)   /* a visit of 200 turns is about 200 KiB */

static void pause_for(double seconds) {
  if (seconds <= 0) return;
  struct timespec ts = { (time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9) };
  nanosleep(&ts, NULL);
}

/* What the session showed between the customer's lines, as `play` shows it: the step she agreed
** to, by its action in the debrief (deb, may be NULL), and the next visit of a campaign by its
** number (play-test 28c #11: a replayed campaign ran visit 1's goodbye into visit 2's greeting). */
static void show_step(const term *t, const char *who, const char *lang, json_t *deb, json_t *e, const char *kind) {
  if (strcmp(kind, "give") == 0) {
    const char *id = json_string_value(json_object_get(e, "commitment")), *action = NULL;
    size_t k;
    json_t *c;
    json_array_foreach(json_object_get(deb, "commitments"), k, c)
      if (id && json_string_value(json_object_get(c, "id")) && strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
        action = json_string_value(json_object_get(c, "action"));
    if (!action) action = id;
    if (!action) return;
    char *safe = txt_sanitize(action, strlen(action), NULL);   /* transcript fields are untrusted */
    char *msg = xasprintf("(%s %s: %s)", who, ui_str(lang, UI_COMMITTED), safe);
    fprintf(stdout, "%s", term_esc(t, TERM_C_GOOD));
    term_wrap(t, stdout, "  ", 2, msg);
    fprintf(stdout, "%s", term_esc(t, TERM_C_RESET));
    free(msg);
    free(safe);
  } else if (strcmp(kind, "next_visit") == 0 && json_is_integer(json_object_get(e, "visit"))) {
    json_int_t v = json_integer_value(json_object_get(e, "visit"));
    if (v < 0 || v > 999) return;
    char *head = xasprintf("%s %d", ui_str(lang, UI_NEXT_VISIT), (int)v + 1);
    fputc('\n', stdout);
    term_heading(t, stdout, "──", head);
    free(head);
  }
}

static void show_said(const term *t, const char *who, const char *lang, json_t *deb, json_t *events) {
  size_t i;
  json_t *e;
  json_array_foreach(events, i, e) {
    const char *kind = json_string_value(json_object_get(e, "kind"));
    const char *text = json_string_value(json_object_get(e, "text"));
    if (kind && strcmp(kind, "say") != 0) show_step(t, who, lang, deb, e, kind);
    if (!kind || strcmp(kind, "say") != 0 || !text) continue;
    /* as on the play screen: a line of several people at the table ("Grace: ... Martin: ...")
    ** is one line per person, each marked », not under the whole table's name */
    size_t at[SPK_MAX_PEOPLE], len[SPK_MAX_PEOPLE];
    int pieces = spk_split(who, text, at, len, SPK_MAX_PEOPLE);
    int own = spk_speaker(who, text) >= 0;
    char *prefix = own ? xasprintf("%s»%s ", term_esc(t, TERM_C_CUSTOMER), term_esc(t, TERM_C_RESET))
                       : xasprintf("%s%s:%s ", term_esc(t, TERM_C_CUSTOMER), who, term_esc(t, TERM_C_RESET));
    for (int k = 0; k < pieces; k++) {
      char *piece = xstrndup(text + at[k], len[k]);
      term_wrap(t, stdout, prefix, 2, piece);
      free(piece);
    }
    free(prefix);
  }
}

typedef struct replay_opts { int json, colour, full; const char *md, *html, *lang; double delay; } replay_opts;

/* One option of `replay` (cli_parse's on_opt). */
static int replay_option(void *ctx, int c, const char *arg) {
  replay_opts *o = ctx;
  switch (c) {
  case 'j': o->json = 1; break;
  case 'm': o->md = arg; break;
  case 'H': o->html = arg; break;
  case 'n': o->colour = 0; break;
  case 'F': o->full = 1; break;
  case 'd': {
    char *end;
    o->delay = strtod(arg, &end);
    if (*end || !*arg || !(o->delay >= 0 && o->delay <= 60))
      return msg_usage("replay", "cli.replay.delay", "delay", arg, NULL);
    break;
  }
  case 'l': o->lang = arg; break;
  default: assert(c == 0);   /* every option of the table has a case */
  }
  return CLI_OK;
}

int cmd_replay_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "json", no_argument, 0, 'j' }, { "markdown", required_argument, 0, 'm' },
    { "html", required_argument, 0, 'H' }, { "delay", required_argument, 0, 'd' },
    { "no-color", no_argument, 0, 'n' }, { "no-colour", no_argument, 0, 'n' },
    { "full", no_argument, 0, 'F' }, { "lang", required_argument, 0, 'l' }, { 0, 0, 0, 0 }
  };
  replay_opts o = { .colour = -1 };
  int first, prc = cli_parse("replay", argc, argv, "", longopts, replay_option, &o, &first);
  if (prc != CLI_OK) return prc;
  if (first != argc - 1) return msg_usage("replay", "cli.replay.one_file", NULL);
  /* a language is one with a catalogue (the pseudo-locale qps included, for the tests) */
  if (o.lang && (strchr(o.lang, '/') || !msg_catalogue(o.lang)))
    return msg_usage("replay", "cli.replay.lang", "lang", o.lang, NULL);
  int json = o.json, colour = o.colour, full = o.full;
  const char *md = o.md, *html = o.html;
  double delay = o.delay;
  rcv_visit v;
  if (rcv_load("replay", argv[first], REPLAY_MAX_FILE, &v) != 0) return CLI_USAGE;
  json_t *tr = json_incref(v.tr);
  rcv_free(&v);
  const char *file = argv[first];
  const char *fmt = json_string_value(json_object_get(tr, "format"));
  if (!fmt || strcmp(fmt, "salesim-transcript") != 0) {
    char *m = msg_get(MSG_CLI_LANG, "cli.replay.not_transcript", "path", file, NULL);
    fprintf(stderr, "%s\n", m);
    free(m);
    json_decref(tr);
    return CLI_USAGE;
  }
  json_t *deb = json_object_get(tr, "debrief");
  if (deb) json_incref(deb);
  else deb = rcv_debrief("replay", file, tr);

  term *t = term_open(stdin, json ? 0 : colour, NULL);
  if (!json) {
    const char *lang = o.lang ? o.lang : json_string_value(json_object_get(tr, "language"));
    const char *title = json_string_value(json_object_get(json_object_get(tr, "scenario"), "title"));
    const char *who = json_string_value(json_object_get(json_object_get(tr, "scenario"), "customer"));
    if (!who) who = ui_str(lang, UI_CUSTOMER_LABEL);
    char *stitle = txt_sanitize(title ? title : "", strlen(title ? title : ""), NULL);
    char *swho = txt_sanitize(who, strlen(who), NULL);   /* transcript fields are untrusted */
    term_heading(t, stdout, "═══", stitle);
    free(stitle);
    who = swho;
    show_said(t, who, lang, deb, json_object_get(tr, "opening"));
    size_t i;
    json_t *turn;
    json_array_foreach(json_object_get(tr, "turns"), i, turn) {
      pause_for(delay);
      char *prefix = xasprintf("%s%s>%s ", term_esc(t, TERM_C_TRAINEE), ui_str(lang, UI_YOU), term_esc(t, TERM_C_RESET));
      term_wrap(t, stdout, prefix, 2, json_string_value(json_object_get(turn, "text")) ? json_string_value(json_object_get(turn, "text")) : "");
      free(prefix);
      show_said(t, who, lang, deb, json_object_get(turn, "customer"));
      fflush(stdout);
    }
    show_said(t, who, lang, deb, json_object_get(tr, "closing"));
    free(swho);
    pause_for(delay);
  }
  int rc = CLI_OK;
  if (!deb) {
    rc = CLI_USAGE;
  } else if (json) {
    char *text = json_dumps(deb, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (text) { puts(text); free(text); }
  } else {
    deb_style st = { .colour = term_colour_on(t), .width = term_width(t), .lang = o.lang,
                     .full = full || !isatty(STDOUT_FILENO) };
    fputc('\n', stdout);
    deb_render_text(deb, &st, stdout);
  }
  /* the Markdown and HTML files take their language from the document: a copy says --lang's */
  json_t *shown = deb && o.lang ? json_copy(deb) : json_incref(deb);
  if (deb && o.lang) json_object_set_new(shown, "language", json_string(o.lang));
  for (int k = 0; deb && k < 2; k++) {
    const char *path = k == 0 ? md : html;
    char err[512];
    if (path && deb_write_file(shown, k == 0 ? 'm' : 'h', path, err, sizeof err) != 0) {
      msg_eprint("replay", "report.err.write", "error", err, NULL);
      rc = CLI_USAGE;
    }
  }
  term_close(t);
  json_decref(shown);
  json_decref(deb);
  json_decref(tr);
  return rc;
}
