/*
** cmd_list.c: `salesim list [--json] [DIR]`: the scenarios in a directory and its subfolders
** (examples/), one line each with the name to play it by, language, difficulty, minutes and
** title in aligned columns.  A scenario in a subfolder is marked by its folder in the name
** ("examples/clinic-booking"), which `salesim play` accepts as it is.  --json gives the same as
** one JSON array.  Files that fail to load are named on stderr with their first problem; the
** exit status is then 1.
*/
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "scncheck.h"
#include "cli.h"
#include "diag.h"
#include "scenario.h"
#include "scnfind.h"
#include "text.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

/* One option of `list` (cli_parse's on_opt). */
static int list_option(void *ctx, int c, const char *arg) {
  (void)arg;
  assert(c == 'j');
  *(int *)ctx = 1;
  return CLI_OK;
}

/* A JSON string of any bytes (a title may hold invalid UTF-8 only if the file failed, but a
** path can). */
static json_t *jtext(const char *s) {
  char *clean = txt_sanitize(s, strlen(s), NULL);
  json_t *j = json_string(clean);
  free(clean);
  return j ? j : json_string("");
}

/* The name to show: the id for a scenario at the top, "FOLDER/FILE" (without .yaml) below. */
static char *shown_name(const scn_entry *e, const scenario *s) {
  return e->folder ? xasprintf("%s/%s", e->folder, e->stem) : xstrdup(s->id);
}

/* Loads every scenario of the directory, then prints the good ones with aligned names. */
int cmd_list_exec(int argc, char **argv) {
  static const struct option longopts[] = { { "json", no_argument, 0, 'j' }, { 0, 0, 0, 0 } };
  int json = 0, first;
  int rc = cli_parse("list", argc, argv, "", longopts, list_option, &json, &first);
  if (rc != CLI_OK) return rc;
  if (argc - first > 1) return msg_usage("list", "cli.list.one_directory", NULL);
  char *dir = first < argc ? xstrdup(argv[first]) : util_data_path("scenarios");
  if (!dir) {
    msg_eprint("list", "cli.list.no_data", NULL);
    return CLI_USAGE;
  }
  scn_entries es;
  if (scnfind_scan(dir, &es) != 0) {
    msg_eprint("list", "cli.cannot_open", "path", dir, "error", strerror(errno), NULL);
    free(dir);
    return CLI_USAGE;
  }
  int n = es.n;
  scenario **ok = xcalloc((size_t)(n ? n : 1), sizeof *ok);
  char **names = xcalloc((size_t)(n ? n : 1), sizeof *names);
  int idw = 2;
  for (int i = 0; i < n; i++) {
    diag d;
    diag_init(&d);
    ok[i] = scc_load(es.v[i].path, &d);
    if (!ok[i]) {
      diag_sort(&d);
      char *msg = d.n ? diag_format(&d.v[0]) : msg_get(MSG_CLI_LANG, "cli.list.cannot_load", "path", es.v[i].path, NULL);
      fprintf(stderr, "%s\n", msg);
      free(msg);
      rc = CLI_FAIL;
    } else {
      names[i] = shown_name(&es.v[i], ok[i]);
      if ((int)strlen(names[i]) > idw) idw = (int)strlen(names[i]);
    }
    diag_free(&d);
  }
  json_t *arr = json ? json_array() : NULL;
  for (int i = 0; i < n; i++) {
    if (ok[i] && arr)
      json_array_append_new(arr, json_pack("{s:o,s:o,s:o,s:o?,s:s,s:i,s:i,s:o}",
          "name", jtext(names[i]), "id", jtext(ok[i]->id), "path", jtext(es.v[i].path),
          "folder", es.v[i].folder ? jtext(es.v[i].folder) : NULL, "language", ok[i]->language,
          "difficulty", ok[i]->difficulty, "minutes", ok[i]->minutes, "title", jtext(ok[i]->title)));
    else if (ok[i]) {
      char min[16];
      snprintf(min, sizeof min, "%3d", ok[i]->minutes);
      char *minutes = msg_get(MSG_CLI_LANG, "cli.list.minutes", "minutes", min, NULL);
      printf("%-*s  %-2s  %d  %s  %s\n", idw, names[i], ok[i]->language, ok[i]->difficulty, minutes,
             ok[i]->title);
      free(minutes);
    }
    scn_free(ok[i]);
    free(names[i]);
  }
  if (arr) {
    json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(arr);
  }
  free(ok);
  free(names);
  scnfind_free(&es);
  free(dir);
  return rc;
}
