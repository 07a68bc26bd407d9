/* bench_debrief.c: times the scorer and the debrief on a long hand-built session (the fixture of
** tests/unit/score_fixture.h repeated): score_session, deb_build, and the terminal, Markdown and
** HTML renderings.  Prints one line of figures for tests/bench/bench_debrief.sh.
** Usage: bench_debrief [TURNS] [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include "debrief.h"
#include "../unit/score_fixture.h"

int main(int argc, char **argv) {
  int turns = argc > 1 ? atoi(argv[1]) : 200, runs = argc > 2 ? atoi(argv[2]) : 200;
  if (turns < 8) turns = 8;
  if (runs < 1) runs = 1;
  fx f;
  fx_init(&f);
  fx_say(&f, &f.s.opening, "Come in.");
  /* a pushy visit, the worst case for findings: vague closes, pressure and price cuts... */
  f.now.trust = 3;
  while (f.s.n_turns + 11 <= turns) {
    sess_turn *t = fx_turn(&f, "So can we find some time to go ahead sometime soon?", MV(ASK_COMMITMENT));
    t->cls.vague = 1;
    fx_say(&f, &t->events, "Maybe later.");
    t = fx_turn(&f, "Only a few left at this price, you should decide today!", MV(LOSS_APPEAL));
    fx_say(&f, &t->events, "Don't push me.");
    t = fx_turn(&f, "I can give you 20% off if you sign now.", MV(DISCOUNT));
    fx_say(&f, &t->events, "It is not about the price.");
  }
  fx_build_strong(&f);   /* ...that ends with the strong visit's eight lines */
  double t_score = 0, t_build = 0, t_text = 0, t_md = 0, t_html = 0;
  size_t bytes_html = 0;
  int findings = 0;
  FILE *null = fopen("/dev/null", "w");
  if (!null) return 2;
  for (int i = 0; i < runs; i++) {
    double t0 = util_monotonic();
    score_result r;
    score_session(&f.s, &r);
    double t1 = util_monotonic();
    json_t *d = deb_build(&f.s, &r);
    double t2 = util_monotonic();
    deb_style st = { 1, 80, NULL, 1 };
    deb_render_text(d, &st, null);
    double t3 = util_monotonic();
    strbuf md = { 0 }, html = { 0 };
    deb_render_markdown(d, &md);
    double t4 = util_monotonic();
    deb_render_html(d, &html);
    double t5 = util_monotonic();
    t_score += t1 - t0; t_build += t2 - t1; t_text += t3 - t2; t_md += t4 - t3; t_html += t5 - t4;
    bytes_html = html.len;
    findings = r.n_findings;
    sb_free(&md);
    sb_free(&html);
    json_decref(d);
    score_result_free(&r);
  }
  fclose(null);
  printf("%d %d %d %.3f %.3f %.3f %.3f %.3f %zu\n", f.s.n_turns, runs, findings,
         t_score * 1e3 / runs, t_build * 1e3 / runs, t_text * 1e3 / runs, t_md * 1e3 / runs,
         t_html * 1e3 / runs, bytes_html);
  fx_free(&f);
  return 0;
}
