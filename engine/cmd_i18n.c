/*
** cmd_i18n.c: `salesim i18n export|import|pseudo`, the translators' round trip (i18n.h).
**
**   salesim i18n export [--lang LANG] [--plural RULE] [SCENARIO...] [-o SHEET.csv]
**   salesim i18n import SHEET.csv [--lang LANG] [--plural RULE] [SCENARIO...] [-o LANG.yaml]
**   salesim i18n pseudo [--lang LANG] [-o FILE.yaml]
**
** export writes the catalogue's texts for LANG (with LANG's current translations) and each
** scenario's customer-facing texts as one CSV sheet.  import compares a sheet with today's
** texts and reports each missing, stale and extra row on stderr; with --lang and -o it writes
** LANG's catalogue from the sheet.  pseudo writes the pseudo-locale test catalogue.  Exit 0,
** 1 when a sheet has missing, stale or extra rows, 2 for bad usage or unreadable input.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scncheck.h"
#include "cli.h"
#include "diag.h"
#include "i18n.h"
#include "msg.h"
#include "msg_cli.h"
#include "scenario.h"
#include "util.h"

typedef struct opts { const char *lang, *plural, *out; } opts;

/* Parses the options after the subcommand; argv[optind..] are then the operands. */
static int parse(int argc, char **argv, opts *o) {
  static const struct option longs[] = {
    { "lang", required_argument, NULL, 'l' }, { "plural", required_argument, NULL, 'p' },
    { "output", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 },
  };
  memset(o, 0, sizeof *o);
  optind = 1;
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "o:", longs, NULL)) != -1;) {
    switch (c) {
    case 'l': o->lang = optarg; break;
    case 'p': o->plural = optarg; break;
    case 'o': o->out = optarg; break;
    default: return msg_usage("i18n", "cli.i18n.bad_option", "option", argv[optind - 1], NULL);
    }
  }
  if (o->plural && strcmp(o->plural, "none") != 0 && strcmp(o->plural, "one_other") != 0)
    return msg_usage("i18n", "cli.i18n.bad_plural", "plural", o->plural, NULL);
  if (o->lang && (strlen(o->lang) < 2 || strlen(o->lang) > 15 || strspn(o->lang, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(o->lang)))
    return msg_usage("i18n", "cli.i18n.bad_lang", "lang", o->lang, NULL);
  return CLI_OK;
}

/* Adds the rows of each scenario named in argv[from..]; CLI_USAGE after printing a problem. */
static int scenario_rows(i18n_sheet *s, int argc, char **argv, int from) {
  for (int i = from; i < argc; i++) {
    diag d; diag_init(&d);
    scenario *sc = scc_load(argv[i], &d);
    if (!sc || d.errors) { diag_print(&d, stderr); diag_free(&d); scn_free(sc); return CLI_USAGE; }
    diag_free(&d);
    i18n_scenario_rows(s, sc);
    scn_free(sc);
  }
  return CLI_OK;
}

/* Writes text to path (atomically) or stdout. */
static int emit(const char *path, const strbuf *b) {
  if (!path) { fwrite(b->s ? b->s : "", 1, b->len, stdout); return CLI_OK; }
  char err[256];
  if (util_write_atomic(path, b->s ? b->s : "", b->len, err, sizeof err) != 0) {
    msg_eprint("i18n", "cli.path_error", "path", path, "error", err, NULL);
    return CLI_USAGE;
  }
  return CLI_OK;
}

/* The rule of lang: --plural, the catalogue's own, else English's. */
static const char *rule_of(const opts *o) {
  if (o->plural) return o->plural;
  const msg_cat *c = o->lang ? msg_catalogue(o->lang) : NULL;
  return msg_cat_plural(c ? c : msg_catalogue(MSG_REF_LANG));
}

static int do_export(int argc, char **argv) {
  opts o;
  if (parse(argc, argv, &o) != CLI_OK) return CLI_USAGE;
  if (!o.lang && optind >= argc) return msg_usage("i18n", "cli.i18n.export_what", NULL);
  i18n_sheet s = { 0 };
  if (o.lang) i18n_catalogue_rows(&s, o.lang, rule_of(&o));
  int rc = scenario_rows(&s, argc, argv, optind);
  if (rc == CLI_OK) {
    strbuf b = { 0 };
    i18n_write_csv(&s, &b);
    rc = emit(o.out, &b);
    sb_free(&b);
  }
  i18n_free(&s);
  return rc;
}

static int do_import(int argc, char **argv) {
  opts o;
  if (parse(argc, argv, &o) != CLI_OK) return CLI_USAGE;
  if (optind >= argc) return msg_usage("i18n", "cli.i18n.import_which", NULL);
  if (o.out && !o.lang) return msg_usage("i18n", "cli.i18n.out_needs_lang", NULL);
  const char *path = argv[optind];
  char err[256];
  size_t len;
  char *text = util_read_file(path, 64u << 20, &len, err, sizeof err);
  if (!text) { msg_eprint("i18n", "cli.path_error", "path", path, "error", err, NULL); return CLI_USAGE; }
  i18n_sheet sheet = { 0 }, cur = { 0 };
  int rc = i18n_read_csv(text, len, &sheet, err, sizeof err);
  free(text);
  if (rc != 0) {
    msg_eprint("i18n", "cli.path_error", "path", path, "error", err, NULL);
    i18n_free(&sheet);
    return CLI_USAGE;
  }
  if (o.lang) i18n_catalogue_rows(&cur, o.lang, rule_of(&o));
  rc = scenario_rows(&cur, argc, argv, optind + 1);
  if (rc == CLI_OK) {
    /* only the kinds of rows asked about count: a catalogue's import ignores scenario rows */
    i18n_sheet asked = { 0 };
    for (int i = 0; i < sheet.n; i++) {
      int is_msg = strncmp(sheet.v[i].id, "msg:", 4) == 0;
      if ((is_msg && o.lang) || (!is_msg && optind + 1 < argc))
        i18n_add(&asked, sheet.v[i].id, sheet.v[i].source, sheet.v[i].translation);
    }
    i18n_status st;
    i18n_compare(&cur, &asked, &st);
    fputs(st.report.s, stderr);
    char n[4][16];
    snprintf(n[0], sizeof n[0], "%d", st.translated);
    snprintf(n[1], sizeof n[1], "%d", st.missing);
    snprintf(n[2], sizeof n[2], "%d", st.stale);
    snprintf(n[3], sizeof n[3], "%d", st.extra);
    char *line = msg_get(MSG_CLI_LANG, "cli.i18n.summary", "path", path, "translated", n[0],
                         "missing", n[1], "stale", n[2], "extra", n[3], NULL);
    fprintf(stderr, "%s\n", line);
    free(line);
    if (o.out) {
      strbuf y = { 0 };
      i18n_catalogue_yaml(&cur, &asked, o.lang, rule_of(&o), &y);
      rc = emit(o.out, &y);
      sb_free(&y);
    }
    if (rc == CLI_OK && (st.missing || st.stale || st.extra)) rc = CLI_FAIL;
    sb_free(&st.report);
    i18n_free(&asked);
  }
  i18n_free(&sheet);
  i18n_free(&cur);
  return rc;
}

static int do_pseudo(int argc, char **argv) {
  opts o;
  if (parse(argc, argv, &o) != CLI_OK) return CLI_USAGE;
  strbuf b = { 0 };
  msg_write_pseudo(msg_catalogue(MSG_REF_LANG), o.lang ? o.lang : "qps", &b);
  int rc = emit(o.out, &b);
  sb_free(&b);
  return rc;
}

int cmd_i18n_exec(int argc, char **argv) {
  if (argc < 2) return msg_usage("i18n", "cli.i18n.which_action", NULL);
  if (strcmp(argv[1], "export") == 0) return do_export(argc - 1, argv + 1);
  if (strcmp(argv[1], "import") == 0) return do_import(argc - 1, argv + 1);
  if (strcmp(argv[1], "pseudo") == 0) return do_pseudo(argc - 1, argv + 1);
  return msg_usage("i18n", "cli.i18n.unknown_action", "action", argv[1], NULL);
}
