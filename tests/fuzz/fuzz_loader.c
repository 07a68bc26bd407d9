/*
** fuzz_loader.c: the scenario loader on arbitrary bytes.
** The input is written as a scenario file and loaded by scc_load (ynode on libyaml, then the
** validation of every section); whatever loads is then given to the classifier (its lexicon
** additions and keywords) and, when $FUZZ_LOADER_PLAY is not "0", to a short session, since a
** scenario that passes validation must also play.  Any crash, leak, sanitizer report or hang is
** a bug: a bad file must only ever produce positioned diagnostics.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scncheck.h"
#include "classify.h"
#include "diag.h"
#include "scenario.h"
#include "session.h"
#include "fuzz_common.h"

static char path[512];
static int play_too = 1;

/* A private directory for the scenario file: a relative behaviour path resolves inside it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc; (void)argv;
  fuzz_setup_env();
  char dir[] = "/tmp/salesim-fuzz-loader-XXXXXX";
  if (!mkdtemp(dir)) { perror("mkdtemp"); abort(); }
  snprintf(path, sizeof path, "%s/scenario.yaml", dir);
  const char *p = getenv("FUZZ_LOADER_PLAY");
  play_too = !(p && strcmp(p, "0") == 0);
  return 0;
}

/* Every problem reported must carry a file and a message. */
static void check_diags(const diag *d) {
  for (int i = 0; i < d->n; i++)
    if (!d->v[i].file || !d->v[i].msg) abort();
}

/* A few lines through a session on a scenario that loaded. */
static void play(const scenario *sc) {
  static const char *const lines[] = {
    "您好,今天想听听您的想法。", "Could we book a 30-minute demo next Wednesday at 3pm with your IT head?",
    "还有什么我们没谈到的吗?",
  };
  diag d;
  diag_init(&d);
  sess_options o = { .seed = 7, .transcript = "" };
  session *s = sess_new(sc, &o, &d);
  if (s) {
    sess_start(s);
    for (size_t i = 0; i < sizeof lines / sizeof *lines && !sess_over(s); i++)
      sess_say(s, lines[i], strlen(lines[i]));
    sess_finish(s, SESS_END_EOF);
    sess_free(s);
  }
  diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  check_diags(&d);
  if (!sc && d.errors == 0) abort();       /* a refusal always says why */
  if (sc) {
    diag d2;
    diag_init(&d2);
    cls_classifier *c = cls_new(sc->language, sc, &d2);
    if (c) {
      cls_result r;
      const char *line = "能不能请信息中心的负责人下周三下午三点来看一次演示?";
      cls_classify(c, line, strlen(line), &r);
      cls_result_free(&r);
      cls_free(c);
    }
    diag_free(&d2);
    if (play_too) play(sc);
    scn_free(sc);
  }
  diag_free(&d);
  return 0;
}
