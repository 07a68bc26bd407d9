/*
** cmd_links.c: `salesim links SCENARIO LINES.tsv [--errors] [--part tune|held|all]`: how well the
** scenario's items link, by meaning, the lines a trainer wrote down with the ids they should link
** (linkeval.h).  The guide told trainers to measure their own file with a build tool whose format
** they could not find (play-test 29d); every word here is the catalogue's (cli.links.*).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "cli.h"
#include "link.h"
#include "linkeval.h"
#include "msg.h"
#include "msg_cli.h"
#include "scncheck.h"
#include "util.h"

typedef struct links_opts {
  int errors;
  lev_part part;
  const char *part_name;
} links_opts;

static int links_option(void *ctx, int c, const char *arg) {
  links_opts *o = ctx;
  switch (c) {
  case 'e': o->errors = 1; break;
  case 'p':
    o->part_name = arg;
    if (strcmp(arg, "tune") == 0) o->part = LEV_TUNE;
    else if (strcmp(arg, "held") == 0) o->part = LEV_HELD;
    else if (strcmp(arg, "all") == 0) o->part = LEV_ALL;
    else return msg_usage("links", "cli.links.bad_part", "part", arg, NULL);
    break;
  default: return CLI_USAGE;
  }
  return CLI_OK;
}

/* Says one miss, wrong link or line that measures nothing, as "FILE:ROW: ...". */
struct links_sink { const char *path; int errors; };
static void say_event(void *ud, const lev_event *e) {
  const struct links_sink *s = ud;
  char row[16], score[16];
  snprintf(row, sizeof row, "%d", e->row);
  char *text = NULL;
  if (e->kind == LEV_NOT_HELD_OUT)
    text = e->keyword ? msg_get(MSG_CLI_LANG, "cli.links.holds_keyword", "file", s->path, "row", row,
                                "keyword", e->keyword, NULL)
                      : msg_get(MSG_CLI_LANG, "cli.links.is_example", "file", s->path, "row", row, NULL);
  else if (s->errors && e->kind == LEV_MISSED) {
    snprintf(score, sizeof score, "%.2f", e->score);
    text = msg_get(MSG_CLI_LANG, *e->nearest ? "cli.links.missed" : "cli.links.missed_far", "file", s->path,
                   "row", row, "id", e->id, "score", score, "nearest", e->nearest, "line", e->text, NULL);
  } else if (s->errors)
    text = msg_get(MSG_CLI_LANG, "cli.links.wrong", "file", s->path, "row", row, "id", e->id, "line", e->text, NULL);
  if (text) printf("%s\n", text);
  free(text);
}

int cmd_links_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "errors", no_argument, 0, 'e' }, { "part", required_argument, 0, 'p' }, { 0, 0, 0, 0 }
  };
  links_opts o = { 0, LEV_ALL, NULL };
  int first, rc = cli_parse("links", argc, argv, "", longopts, links_option, &o, &first);
  if (rc != CLI_OK) return rc;
  if (argc - first != 2) return msg_usage("links", "cli.links.operands", NULL);
  const char *scn = argv[first], *path = argv[first + 1];
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(scn, &d);
  cls_classifier *c = sc ? cls_new(NULL, sc, &d) : NULL;
  diag_print(&d, stderr);
  diag_free(&d);
  if (!c) { scn_free(sc); return CLI_USAGE; }
  lnk_index *x = cls_links(c);
  if (!x) {
    msg_fprint(stderr, "cli.links.no_examples", "file", scn, NULL);
    cls_free(c);
    scn_free(sc);
    return CLI_USAGE;
  }
  struct links_sink sk = { path, o.errors };
  lev_result m;
  char *err = NULL;
  if (lev_measure(sc, c, path, o.part, say_event, &sk, &m, &err) != 0) {
    msg_eprint("links", "cli.links.cannot_read", "error", err, NULL);
    free(err);
    cls_free(c);
    scn_free(sc);
    return CLI_USAGE;
  }
  char lines[16], right[16], req[16], wrong[16], made[16], pr[16], pw[16], thr[16], cal[16];
  snprintf(lines, sizeof lines, "%d", m.lines);
  snprintf(right, sizeof right, "%d", m.right);
  snprintf(req, sizeof req, "%d", m.required);
  snprintf(wrong, sizeof wrong, "%d", m.wrong);
  snprintf(made, sizeof made, "%d", m.made);
  snprintf(pr, sizeof pr, "%.2f", m.required ? (double)m.right / m.required : 1.0);
  snprintf(pw, sizeof pw, "%.0f", m.made ? 100.0 * m.wrong / m.made : 0.0);
  snprintf(thr, sizeof thr, "%.2f", lnk_threshold(x));
  snprintf(cal, sizeof cal, "%d", lnk_calibrated_on(x));
  msg_fprint(stdout, "cli.links.summary", "file", path, "lines", lines, "right", right, "required", req,
             "share", pr, "wrong", wrong, "made", made, "percent", pw, "threshold", thr, "examples", cal, NULL);
  if (m.unfair) {
    char n[16];
    snprintf(n, sizeof n, "%d", m.unfair);
    msg_fprint(stdout, "cli.links.unfair", "count", n, NULL);
  }
  cls_free(c);
  scn_free(sc);
  return CLI_OK;
}
