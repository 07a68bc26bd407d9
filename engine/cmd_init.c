/*
** cmd_init.c: `salesim init-scenario FILE [--lang en|zh] [--id ID] [--force]`: writes a new
** scenario from the shipped template (engine/templates/scenario.LANG.yaml), with its id and a
** schema line whose path is relative to FILE's folder, so an editor finds the schema from a
** trainer's own folder as it does in the source tree and once installed.
*/
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

typedef struct init_opts { const char *lang, *id; int force; } init_opts;

/* One option of `init-scenario` (cli_parse's on_opt). */
static int init_option(void *ctx, int c, const char *arg) {
  init_opts *o = ctx;
  switch (c) {
  case 'l':
    if (strcmp(arg, "en") != 0 && strcmp(arg, "zh") != 0)
      return msg_usage("init-scenario", "cli.init.lang", "lang", arg, NULL);
    o->lang = arg;
    break;
  case 'i': o->id = arg; break;
  case 'f': o->force = 1; break;
  default: assert(c == 0);   /* every option of the table has a case */
  }
  return CLI_OK;
}

/* 1 when id is a scenario id: a-z, 0-9 and '-', starting with a letter (scenario.c's rule). */
static int valid_id(const char *id) {
  if (!*id || id[0] < 'a' || id[0] > 'z') return 0;
  for (const char *p = id; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) return 0;
  return 1;
}

/* Splits an absolute path into its components (pointers into the copy *buf, which the caller
** frees); returns their number, at most max. */
static int components(const char *path, char **buf, char **v, int max) {
  *buf = xstrdup(path);
  int n = 0;
  for (char *save = NULL, *t = strtok_r(*buf, "/", &save); t && n < max; t = strtok_r(NULL, "/", &save))
    v[n++] = t;
  return n;
}

/* The path of file `to` relative to the directory `from` (both absolute and canonical), such
** as "../docs/scenario.schema.json".  Returns a malloc'd string. */
static char *relative_path(const char *from, const char *to) {
  enum { MAX_DEPTH = 256 };
  char *fv[MAX_DEPTH], *tv[MAX_DEPTH], *fb, *tb;
  int fn = components(from, &fb, fv, MAX_DEPTH), tn = components(to, &tb, tv, MAX_DEPTH), k = 0;
  while (k < fn && k < tn - 1 && strcmp(fv[k], tv[k]) == 0) k++;
  strbuf b = {0};
  for (int i = k; i < fn; i++) sb_puts(&b, "../");
  for (int i = k; i < tn; i++) sb_printf(&b, "%s%s", tv[i], i + 1 < tn ? "/" : "");
  free(fb);
  free(tb);
  return sb_take(&b);
}

/* The template with @ID@, @FILE@ and @SCHEMA@ filled in (malloc'd). */
static char *fill(const char *tpl, const char *id, const char *file, const char *schema) {
  strbuf b = {0};
  for (const char *p = tpl; *p;) {
    if (strncmp(p, "@ID@", 4) == 0) { sb_puts(&b, id); p += 4; }
    else if (strncmp(p, "@FILE@", 6) == 0) { sb_puts(&b, file); p += 6; }
    else if (strncmp(p, "@SCHEMA@", 8) == 0) { sb_puts(&b, schema); p += 8; }
    else sb_putc(&b, *p++);
  }
  return sb_take(&b);
}

/* The schema's path as FILE's schema line should give it (relative to FILE's folder), or NULL
** when the schema is not found. */
static char *schema_ref(const char *file) {
  char *schema = util_data_path("docs/scenario.schema.json");
  if (!schema) return NULL;
  char *dir = xstrdup(file), *slash = strrchr(dir, '/');
  if (slash) { if (slash == dir) slash[1] = '\0'; else *slash = '\0'; }
  char rdir[PATH_MAX], rschema[PATH_MAX], *out = NULL;
  if (realpath(slash ? dir : ".", rdir) && realpath(schema, rschema)) out = relative_path(rdir, rschema);
  free(dir);
  free(schema);
  return out;
}

int cmd_init_scenario_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "lang", required_argument, 0, 'l' }, { "id", required_argument, 0, 'i' },
    { "force", no_argument, 0, 'f' }, { 0, 0, 0, 0 }
  };
  init_opts o = { "en", NULL, 0 };
  int first, rc = cli_parse("init-scenario", argc, argv, "", longopts, init_option, &o, &first);
  if (rc != CLI_OK) return rc;
  if (first != argc - 1) return msg_usage("init-scenario", "cli.init.one_file", NULL);
  const char *file = argv[first];
  size_t n = strlen(file);
  if (n < 6 || strcmp(file + n - 5, ".yaml") != 0)
    return msg_usage("init-scenario", "cli.init.yaml_name", "file", file, NULL);
  const char *base = strrchr(file, '/');
  base = base ? base + 1 : file;
  char *id = o.id ? xstrdup(o.id) : xstrndup(base, strlen(base) - 5);
  if (!valid_id(id)) {
    int r = msg_usage("init-scenario", "cli.init.bad_id", "id", id, NULL);
    free(id);
    return r;
  }
  if (!o.force && access(file, F_OK) == 0) {
    msg_eprint("init-scenario", "cli.init.exists", "file", file, NULL);
    free(id);
    return CLI_USAGE;
  }
  char *rel = xasprintf("templates/scenario.%s.yaml", o.lang);
  char *tpath = util_data_path(rel);
  free(rel);
  char err[512];
  size_t len;
  char *tpl = tpath ? util_read_file(tpath, 1 << 20, &len, err, sizeof err) : NULL;
  if (!tpl) {
    if (tpath) msg_eprint("init-scenario", "cli.init.template_error", "error", err, NULL);
    else msg_eprint("init-scenario", "cli.init.no_template", NULL);
    free(tpath);
    free(id);
    return CLI_USAGE;
  }
  char *schema = schema_ref(file);
  if (!schema) msg_eprint("init-scenario", "cli.init.no_schema", NULL);
  char *text = fill(tpl, id, file, schema ? schema : "scenario.schema.json");
  rc = CLI_OK;
  if (util_write_atomic(file, text, strlen(text), err, sizeof err) != 0) {
    msg_eprint("init-scenario", "report.err.write", "error", err, NULL);
    rc = CLI_USAGE;
  } else {
    char *m = msg_get(MSG_CLI_LANG, "cli.init.wrote", "file", file, "id", id, NULL);
    printf("%s\n", m);
    free(m);
  }
  free(text);
  free(schema);
  free(tpl);
  free(tpath);
  free(id);
  return rc;
}
