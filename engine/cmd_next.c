/*
** cmd_next.c: `salesim next --trainee NAME [--gradebook WHERE] [DIR]`: what a trainer asks after a
** class: which scenario should this trainee play next?  The trainee's weakest skill is the lowest
** average over their latest NEXT_RECENT visits; the scenario that trains it is the one, in the
** trainee's language, whose content asks most of that skill (hidden needs for discovery,
** benefits to match for benefits, objections for tactics, rungs on the commitment ladder for
** commitment, each relative to the richest scenario and scaled by the skill's weight in the
** scenario's score), preferring scenarios the trainee has played less.  The answer names the
** scenario and gives the reason in numbers.  Exit 0, 1 when the trainee has no scored visit,
** 2 for bad usage or an unreadable gradebook.
*/
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scncheck.h"
#include "cli.h"
#include "diag.h"
#include "gradebook.h"
#include "scenario.h"
#include "scnfind.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"
#include "report.h"
#include "vocab.h"

#define NEXT_RECENT 10
#define NEXT_SKILLS VOCAB_SKILL_COUNT   /* in vocab.h's order, as the weights below */

/* what a scenario holds to train each skill: cli.next.content.SKILL in the catalogues */

/* What the trainee's latest visits say. */
typedef struct trainee_view {
  double avg[NEXT_SKILLS];
  int n[NEXT_SKILLS];
  int visits;
  char language[8];
  char **played; long *times; int n_played;
} trainee_view;

/* Reads the latest visits and the attempts per scenario; 0, or -1 with err. */
static int read_trainee(gb *g, const char *trainee, trainee_view *v, char *err, size_t errlen) {
  memset(v, 0, sizeof *v);
  char limit[16];
  snprintf(limit, sizeof limit, "%d", NEXT_RECENT);
  const char *p[2] = { trainee, limit };
  if (gb_begin_read(g, err, errlen) != 0) return -1;
  gb_rows *r = gb_query(g, "SELECT language, s_commitment, s_benefits, s_tactics, s_discovery"
                        " FROM sessions WHERE trainee = $1 ORDER BY started DESC, id DESC LIMIT $2",
                        2, p, err, errlen);
  int rc = r ? 0 : -1, zh = 0, en = 0, step;
  double sum[NEXT_SKILLS] = {0};
  while (r && (step = gb_step(g, r, err, errlen)) == 1) {
    v->visits++;
    const char *lang = gb_text(g, r, 0);
    if (lang && strcmp(lang, "zh") == 0) zh++;
    else if (lang && strcmp(lang, "en") == 0) en++;
    for (int k = 0; k < NEXT_SKILLS; k++)
      if (!gb_is_null(g, r, 1 + k)) { sum[k] += (double)gb_int(g, r, 1 + k); v->n[k]++; }
  }
  if (r && step < 0) rc = -1;
  gb_rows_free(g, r);
  for (int k = 0; k < NEXT_SKILLS; k++) v->avg[k] = v->n[k] ? sum[k] / v->n[k] : -1;
  snprintf(v->language, sizeof v->language, "%s", zh > en ? "zh" : en > zh ? "en" : "");
  if (rc == 0) {
    r = gb_query(g, "SELECT scenario, count(*) FROM sessions WHERE trainee = $1 GROUP BY scenario",
                 1, p, err, errlen);
    rc = r ? 0 : -1;
    while (r && (step = gb_step(g, r, err, errlen)) == 1) {
      v->played = xrealloc(v->played, (size_t)(v->n_played + 1) * sizeof *v->played);
      v->times = xrealloc(v->times, (size_t)(v->n_played + 1) * sizeof *v->times);
      v->played[v->n_played] = xstrdup(gb_text(g, r, 0) ? gb_text(g, r, 0) : "");
      v->times[v->n_played++] = (long)gb_int(g, r, 1);
    }
    if (r && step < 0) rc = -1;
    gb_rows_free(g, r);
  }
  gb_end_read(g);
  return rc;
}

static long times_played(const trainee_view *v, const char *id) {
  for (int i = 0; i < v->n_played; i++) if (strcmp(v->played[i], id) == 0) return v->times[i];
  return 0;
}

/* How much of skill k the scenario's content holds. */
static int content(const scenario *s, int k) {
  if (k == 0) return s->n_commitments;
  if (k == 1) return s->n_benefits;
  if (k == 2) return s->n_objections;
  int hidden = 0;
  for (int i = 0; i < s->n_needs; i++) hidden += s->needs[i].hidden != 0;
  return hidden;
}

/* The skill's weight in the scenario's total, in percent (25 when the scenario keeps the default). */
static double weight(const scenario *s, int k) {
  const double w[NEXT_SKILLS] = { s->scoring.w_commitment, s->scoring.w_benefits,
                                  s->scoring.w_tactics, s->scoring.w_discovery };
  double total = 0;
  for (int i = 0; i < NEXT_SKILLS; i++) total += w[i] >= 0 ? w[i] : 25;
  return total > 0 ? 100.0 * (w[k] >= 0 ? w[k] : 25) / total : 25;
}

typedef struct next_opts { const char *trainee, *where; } next_opts;

/* One option of `next` (cli_parse's on_opt). */
static int next_option(void *ctx, int c, const char *arg) {
  next_opts *o = ctx;
  if (c == 't') o->trainee = arg;
  else { assert(c == 'g'); o->where = arg; }
  return CLI_OK;
}

/* A number as text for a message argument. */
static void num_text(char *b, size_t n, const char *fmt, double v) { snprintf(b, n, fmt, v); }

/* The advice on stdout, in the catalogue's words (cli.next.*): the scenario, why (the weakest
** skill among the latest visits, the others, what the scenario holds to train it) and how to
** play it.  pool: the scenarios considered, in_language: how many are in the trainee's language. */
static void print_advice(const char *trainee, int own_dir, const scenario *s, const scn_entry *e, const trainee_view *v,
                         int weakest, int pool, int in_language) {
  const char *L = MSG_CLI_LANG;
  char *m = msg_get(L, "cli.next.head", "trainee", trainee, "id", s->id, "title", s->title, NULL);
  printf("%s\n", m);
  free(m);
  char skill_key[32], avg[32], count[24], weight_s[32];
  strbuf others = {0};
  for (int k = 0; k < NEXT_SKILLS; k++) {
    if (k == weakest || v->avg[k] < 0) continue;
    snprintf(skill_key, sizeof skill_key, "skill.%s", vocab_skill_names[k]);
    num_text(avg, sizeof avg, "%.0f", v->avg[k]);
    sb_printf(&others, "%s%s %s", others.len ? ", " : "", msg_text(L, skill_key), avg);
  }
  snprintf(skill_key, sizeof skill_key, "skill.%s", vocab_skill_names[weakest]);
  num_text(avg, sizeof avg, "%.0f", v->avg[weakest]);
  snprintf(count, sizeof count, "%d", v->visits);
  char *visits = msg_get(L, "cli.next.visits", "count", count, NULL);
  snprintf(count, sizeof count, "%d", pool);
  char *scenarios = in_language ? msg_get(L, "cli.next.scenarios_in", "count", count, "language", v->language, NULL)
                                : msg_get(L, "cli.next.scenarios", "count", count, NULL);
  snprintf(count, sizeof count, "%ld", times_played(v, s->id));
  char *times = msg_get(L, "cli.next.times", "count", count, NULL);
  char content_key[48], held[24];
  snprintf(content_key, sizeof content_key, "cli.next.content.%s", vocab_skill_names[weakest]);
  snprintf(held, sizeof held, "%d", content(s, weakest));
  num_text(weight_s, sizeof weight_s, "%.0f", weight(s, weakest));
  m = msg_get(L, "cli.next.why", "skill", msg_text(L, skill_key), "average", avg, "visits", visits,
              "others", others.s ? others.s : "", "id", s->id, "scenarios", scenarios, "count", held,
              "content", msg_text(L, content_key), "weight", weight_s, "times", times, NULL);
  printf("%s\n", m);
  free(m);
  free(visits);
  free(scenarios);
  free(times);
  sb_free(&others);
  /* play takes FOLDER/FILE for a scenario in a subfolder of the shipped folder, and the file's
  ** path for a folder of the trainer's; each as one shell word, pasted as printed (blind
  ** trainer, round 10: "--trainee Ben Okoro" and "salesim play hotel-robots" failed) */
  char *name = own_dir ? xstrdup(e->path) : e->folder ? xasprintf("%s/%s", e->folder, e->stem) : xstrdup(s->id);
  char *qs = util_shell_word(name), *qt = util_shell_word(trainee);
  m = msg_get(L, "cli.next.play", "scenario", qs, "trainee", qt, NULL);
  printf("%s\n", m);
  free(m);
  free(qs);
  free(qt);
  free(name);
}

int cmd_next_exec(int argc, char **argv) {
  static const struct option longopts[] = {
    { "trainee", required_argument, 0, 't' }, { "gradebook", required_argument, 0, 'g' },
    { 0, 0, 0, 0 },
  };
  next_opts o = { 0 };
  int first = 0;
  int prc = cli_parse("next", argc, argv, "", longopts, next_option, &o, &first);
  if (prc != CLI_OK) return prc;
  const char *trainee = o.trainee, *where = o.where;
  if (!trainee || !*trainee) return msg_usage("next", "cli.next.whose", NULL);
  if (first + 1 < argc) return msg_usage("next", "cli.list.one_directory", NULL);
  char *dir = first < argc ? xstrdup(argv[first]) : util_data_path("scenarios");
  if (!dir) { msg_eprint("next", "cli.list.no_data", NULL); return CLI_USAGE; }
  char *path = where ? xstrdup(where) : gb_default_path();
  char err[1024];
  gb *g = gb_open_existing(path, err, sizeof err);
  free(path);
  trainee_view v;
  memset(&v, 0, sizeof v);
  int rc = CLI_OK;
  if (!g || read_trainee(g, trainee, &v, err, sizeof err) != 0) {
    msg_eprint("next", "cli.error", "error", err, NULL);
    rc = CLI_USAGE;
  }
  int weakest = -1;
  for (int k = 0; rc == CLI_OK && k < NEXT_SKILLS; k++)
    if (v.avg[k] >= 0 && (weakest < 0 || v.avg[k] < v.avg[weakest])) weakest = k;
  if (rc == CLI_OK && weakest < 0) {
    /* a name with no visit at all may be a typo of a recorded one (play-test 30c finding 6) */
    char *near = NULL;
    if (g && v.visits == 0 && rep_name_known(g, "trainee", trainee, &near, err, sizeof err) == 0 && near)
      msg_eprint("next", "cli.next.no_visit_near", "trainee", trainee, "gradebook", gb_path(g), "near", near, NULL);
    else
      msg_eprint("next", "cli.next.no_visit", "trainee", trainee, "gradebook",
                 g ? gb_path(g) : msg_text(MSG_CLI_LANG, "cli.next.the_gradebook"), NULL);
    free(near);
    rc = CLI_FAIL;
  }
  scn_entries es = { 0 };
  if (rc == CLI_OK && scnfind_scan(dir, &es) != 0) {
    msg_eprint("next", "cli.record.cannot_read", "path", dir, "error", strerror(errno), NULL);
    rc = CLI_USAGE;
  }
  int n = es.n;
  scenario **sc = xcalloc((size_t)n + 1, sizeof *sc);
  int max_content = 0, in_language = 0;
  for (int i = 0; i < n; i++) {
    diag d;
    diag_init(&d);
    sc[i] = scc_load(es.v[i].path, &d);   /* a broken file is `salesim check`'s business, not ours */
    diag_free(&d);
    if (sc[i] && *v.language && strcmp(sc[i]->language, v.language) == 0) in_language++;
  }
  int best = -1;
  double best_score = -1;
  for (int pass = 0; pass < 2 && rc == CLI_OK; pass++) {
    for (int i = 0; i < n; i++) {
      if (!sc[i] || (in_language && strcmp(sc[i]->language, v.language) != 0)) continue;
      int ct = content(sc[i], weakest);
      if (pass == 0) { if (ct > max_content) max_content = ct; continue; }
      double score = max_content ? weight(sc[i], weakest) / 25.0 * ct / max_content : 0;
      long tb = best >= 0 ? times_played(&v, sc[best]->id) : 0, ti = times_played(&v, sc[i]->id);
      if (best < 0 || score > best_score + 1e-9 || (score > best_score - 1e-9 && ti < tb)) {
        best = i;
        best_score = score;
      }
    }
  }
  if (rc == CLI_OK && best < 0) { msg_eprint("next", "cli.next.no_scenario", "path", dir, NULL); rc = CLI_USAGE; }
  if (rc == CLI_OK) {
    const scenario *s = sc[best];
    print_advice(trainee, first < argc, s, &es.v[best], &v, weakest, in_language ? in_language : n, in_language);
  }
  for (int i = 0; i < n; i++) scn_free(sc[i]);
  free(sc);
  scnfind_free(&es);
  for (int i = 0; i < v.n_played; i++) free(v.played[i]);
  free(v.played);
  free(v.times);
  gb_close(g);
  free(dir);
  return rc;
}
