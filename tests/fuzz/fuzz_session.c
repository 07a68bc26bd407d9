/*
** fuzz_session.c: a whole scripted session on the default scenario, from bytes split into
** lines.  Each line goes through the session (classifier, sandboxed Lua customer, turn record)
** as `salesim play --script` would send it (blank and over-long lines skipped, /hint, /notes and
** /quit honoured); then the visit is finished, scored, turned into the
** debrief and rendered in every format, and the transcript JSON is built and serialised.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "scncheck.h"
#include "debrief.h"
#include "diag.h"
#include "scenario.h"
#include "score.h"
#include "session.h"
#include "util.h"
#include "fuzz_common.h"

static scenario *sc;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc; (void)argv;
  fuzz_setup_env();
  diag d;
  diag_init(&d);
  sc = scc_load(fuzz_scenario_path(), &d);
  if (!sc) {
    diag_print(&d, stderr);
    fprintf(stderr, "fuzz_session: cannot load %s (run from the repository root)\n", fuzz_scenario_path());
    abort();
  }
  diag_free(&d);
  devnull = fopen("/dev/null", "w");
  if (!devnull) abort();
  return 0;
}

/* Builds, renders and drops the debrief and the transcript of a finished session. */
static void debrief(session *s) {
  score_result r;
  score_session(s, &r);
  if (r.total < 0 || r.total > 100) abort();
  for (int k = 0; k < SK_COUNT; k++)
    if (r.skills[k] < 0 || r.skills[k] > 100) abort();
  json_t *deb = deb_build(s, &r);
  score_result_free(&r);
  if (!deb) abort();
  deb_style st = { .colour = 1, .width = 60, .lang = NULL };
  deb_render_text(deb, &st, devnull);
  strbuf b = {0};
  deb_render_markdown(deb, &b);
  deb_render_html(deb, &b);
  sb_free(&b);
  json_t *tj = sess_transcript_json(s, deb);
  char *text = json_dumps(tj, JSON_COMPACT);
  if (!text) abort();                     /* invalid UTF-8 reached the transcript */
  free(text);
  json_decref(tj);
  json_decref(deb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  diag d;
  diag_init(&d);
  sess_options o = { .seed = size, .transcript = "" };
  session *s = sess_new(sc, &o, &d);
  if (!s) { diag_print(&d, stderr); abort(); }
  sess_start(s);
  const char *p = (const char *)data, *end = p + size;
  sess_end why = SESS_END_EOF;
  while (p < end && !sess_over(s)) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    const char *q = p;                    /* as `salesim play` reads a line */
    while (q < p + len && (*q == ' ' || *q == '\t')) q++;
    size_t rest = len - (size_t)(q - p);
    if (len > 2000 || rest == 0) {
      /* play refuses an over-long line and skips a blank one */
    } else if (rest >= 5 && memcmp(q, "/hint", 5) == 0) {
      if (!sess_hint(s)) abort();
    } else if (rest >= 6 && memcmp(q, "/notes", 6) == 0) {
      sess_snapshot snap;
      sess_snapshot_now(s, &snap);
    } else if (rest >= 5 && memcmp(q, "/quit", 5) == 0) {
      why = SESS_END_QUIT;
      break;
    } else if (*q == '/') {
      /* other coaching commands do not touch the session */
    } else if (!sess_say(s, p, len)) {
      abort();                            /* the session was not over: a turn must come back */
    }
    p = nl ? nl + 1 : end;
  }
  sess_finish(s, why);
  if (s->outcome == CUST_OUTCOME_NONE) abort();   /* a finished visit always has an outcome */
  debrief(s);
  sess_free(s);
  diag_free(&d);
  return 0;
}
