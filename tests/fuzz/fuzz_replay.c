/*
** fuzz_replay.c: `salesim replay` on arbitrary bytes as the transcript.  A transcript is a file
** a trainee can edit or a tool can damage, and replay renders whatever debrief it carries, so
** the input goes through cmd_replay_exec (JSON load, the turns shown, the debrief rebuilt from
** the named scenario when absent, the terminal rendering) and its "debrief" object, if any,
** through the Markdown and HTML renderers, whose output must be valid UTF-8 without ESC bytes.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "debrief.h"
#include "text.h"
#include "util.h"
#include "fuzz_common.h"

static char path[512];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc; (void)argv;
  fuzz_setup_env();
  char dir[] = "/tmp/salesim-fuzz-replay-XXXXXX";
  if (!mkdtemp(dir)) { perror("mkdtemp"); abort(); }
  snprintf(path, sizeof path, "%s/transcript.json", dir);
  if (!freopen("/dev/null", "w", stdout)) abort();   /* the replay itself is not the finding */
  return 0;
}

/* Rendered text must be valid UTF-8 and carry no ESC byte from the input. */
static void check_rendered(const strbuf *b) {
  if (!b->s) return;
  if (memchr(b->s, 0x1b, b->len)) abort();
  for (size_t i = 0; i < b->len;) {
    size_t adv;
    if (txt_decode(b->s + i, b->len - i, &adv) < 0) abort();
    i += adv;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  char a0[] = "replay", a1[] = "--no-color", a2[] = "--json";
  char *argv[] = { a0, size % 2 ? a2 : a1, path, NULL };
  int rc = cmd_replay_exec(3, argv);
  if (rc != CLI_OK && rc != CLI_USAGE) abort();

  json_t *tr = json_loadb((const char *)data, size, 0, NULL);
  json_t *deb = json_is_object(tr) ? json_object_get(tr, "debrief") : NULL;
  if (json_is_object(deb)) {
    strbuf b = {0};
    deb_render_markdown(deb, &b);
    check_rendered(&b);
    sb_free(&b);
    deb_render_html(deb, &b);
    check_rendered(&b);
    sb_free(&b);
  }
  json_decref(tr);
  return 0;
}
