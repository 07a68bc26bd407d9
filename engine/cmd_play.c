/*
** cmd_play.c: `salesim play SCENARIO`: the practice visit a new hire sees.
** Brief, then a prompt; each line goes to the session; slash commands coach; at the end the
** debrief (terminal, JSON, Markdown, HTML), the transcript, and the gradebook entry.
*/
#include <assert.h>
#include <signal.h>
#include <errno.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "scncheck.h"
#include "caps.h"
#include "cli.h"
#include "debrief.h"
#include "msg.h"
#include "gradebook.h"
#include "scnfind.h"
#include "score.h"
#include "session.h"
#include "term.h"
#include "ui.h"
#include "util.h"
#include "msg_cli.h"
#include "speakers.h"
#include "recover.h"

#define PLAY_MAX_LINE 2000   /* bytes: a spoken line, not a document */

typedef struct play_opts {
  const char *scenario, *script, *lang, *trainee, *gradebook, *transcript, *markdown, *html;
  uint64_t seed;
  int json, colour;
  int full;         /* --full: the whole debrief, not only its first screen */
} play_opts;

typedef struct play {
  play_opts o;
  scenario *sc;
  session *s;
  term *t;
  FILE *out;        /* the conversation: stdout, or nowhere useful under --json */
  const char *lang;
  int attempt;      /* 1, then 2, 3 ... after each /restart */
  int told_language; /* the note that the customer speaks the scenario's language was shown */
  char *attempt_path; /* the transcript path of a restarted attempt (owned), or NULL */
  cust_host *cust;  /* the first attempt's customer, made with the scenario's checks (owned
                    ** until start_session hands it on), or NULL */
  diag cust_d;      /* what making it said, for start_session to pass on */
  int gb_failed;    /* the gradebook could not be opened when the visit started */
} play;

static const char *const slash_commands[] = {
  "/help", "/hint", "/brief", "/notes", "/score", "/restart", "/quit", NULL
};

/* 1 when line is plainly in the other of the two languages than the scenario's: no Chinese
** character in a Chinese visit but words of Latin letters ("What will go into the tender?"), or
** Chinese and hardly a Latin letter in an English one.  Mixed lines ("我们的CRM") are not.  A
** name in the other script does not hide it: "Helen您好,春季的橱窗您打算怎么布置?" (five Latin
** letters) went unnoted in an English visit, "Hi 周处长, how are you doing today?" in a Chinese
** one (play-test 29b F7): a line mostly of the other script is in it. */
static int other_language(const char *scenario_lang, const char *line) {
  int cjk = 0, latin = 0, spaces = 0;
  for (const unsigned char *s = (const unsigned char *)line; *s; s++) {
    if (*s == 0xE4 || (*s >= 0xE5 && *s <= 0xE9)) cjk++;   /* lead byte of U+4E00..U+9FFF */
    else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') latin++;
    else if (*s == ' ') spaces++;
  }
  if (scenario_lang && strcmp(scenario_lang, "zh") == 0)
    return (cjk == 0 && latin >= 6 && spaces >= 1) || (latin >= 12 && spaces >= 2 && latin >= 4 * cjk);
  if (scenario_lang && strcmp(scenario_lang, "en") == 0) return (cjk >= 2 && latin < 3) || (cjk >= 6 && cjk >= 2 * latin);
  return 0;
}

/* Once a visit: the customer speaks the scenario's language, said in the interface's. */
static void tell_language(play *p, const char *line) {
  if (p->told_language || !p->sc->language || !other_language(p->sc->language, line)) return;
  p->told_language = 1;
  char key[40];
  snprintf(key, sizeof key, "ui.other_language.%s", p->sc->language);
  term_wrap(p->t, p->out, "", 0, msg_text(msg_lang(p->lang), key));
}

/* {=== showing the customer */

/* The text of the customer's lines from ev->v[*i] on that make one reply, joined (malloc'd): the
** line there and the lines said right after it by the same speaker, with nothing shown between
** them (a commitment given, the next visit).  *i is left on the last line taken.  One reply per
** turn (README): "发票你都带来了,还挺讲究。放这儿吧。" and "今天全付?不是我不给,是账上真没有。" (a
** reaction's line, then the answer to the ask in the same line) came as two replies in a row
** (play-test 29b F11).  A line that names its speaker ("Grace: ...") is its own reply. */
static char *one_reply(play *p, const cust_events *ev, int *i) {
  const char *text = ev->v[*i].text ? ev->v[*i].text : "";
  char *out = xstrdup(text);
  if (cust_speaker(p->s->cust, text) >= 0) return out;
  const char *gap = p->sc->language && !strcmp(p->sc->language, "zh") ? "" : " ";
  for (int k = *i + 1; k < ev->n; k++) {
    const cust_event *e = &ev->v[k];
    if (e->kind == CUST_EV_GIVE || e->kind == CUST_EV_NEXT_VISIT || e->kind == CUST_EV_ERROR) break;
    if (e->kind != CUST_EV_SAY) continue;
    const char *more = e->text ? e->text : "";
    if (!*more) { *i = k; continue; }
    if (cust_speaker(p->s->cust, more) >= 0) break;
    char *joined = xasprintf("%s%s%s", out, *out ? gap : "", more);
    free(out);
    out = joined;
    *i = k;
  }
  return out;
}

static void show_events(play *p, const cust_events *ev) {
  const scenario *sc = p->sc;
  for (int i = 0; i < ev->n; i++) {
    const cust_event *e = &ev->v[i];
    switch (e->kind) {
    case CUST_EV_SAY: {
      /* with several people at the table a line that starts "Grace:" names its speaker, and
      ** "Grace: ... Martin: ..." is two people: one line each */
      char *reply = one_reply(p, ev, &i);
      const char *text = reply;
      int own = cust_speaker(p->s->cust, text) >= 0;
      char *prefix = own ? xasprintf("%s»%s ", term_esc(p->t, TERM_C_CUSTOMER), term_esc(p->t, TERM_C_RESET))
                         : xasprintf("%s%s:%s ", term_esc(p->t, TERM_C_CUSTOMER), sc->cust_name,
                                     term_esc(p->t, TERM_C_RESET));
      size_t at[SPK_MAX_PEOPLE], len[SPK_MAX_PEOPLE];
      int pieces = spk_split(sc->cust_name, text, at, len, SPK_MAX_PEOPLE);
      for (int k = 0; k < pieces; k++) {
        char *piece = xstrndup(text + at[k], len[k]);
        term_wrap(p->t, p->out, prefix, 2, piece);
        free(piece);
      }
      free(prefix);
      free(reply);
      break;
    }
    case CUST_EV_GIVE:
      if (e->index >= 0 && e->index < sc->n_commitments) {
        char *msg = xasprintf("(%s %s: %s)", sc->cust_name, ui_str(p->lang, UI_COMMITTED),
                              sc->commitments[e->index].action ? sc->commitments[e->index].action
                                                               : sc->commitments[e->index].id);
        fprintf(p->out, "%s", term_esc(p->t, TERM_C_GOOD));
        term_wrap(p->t, p->out, "  ", 2, msg);
        fprintf(p->out, "%s", term_esc(p->t, TERM_C_RESET));
        free(msg);
      }
      break;
    case CUST_EV_NEXT_VISIT:
      if (e->index >= 0 && e->index < sc->n_visits) {
        const scn_visit *v = &sc->visits[e->index];
        char *head = xasprintf("%s %d: %s", ui_str(p->lang, UI_NEXT_VISIT), e->index + 1,
                               v->title ? v->title : v->id);
        fputc('\n', p->out);
        term_heading(p->t, p->out, "──", head);
        free(head);
        /* turns count on across the visits (one number per line of the campaign, as the debrief
        ** and the transcript give it): say where this visit's start (play-test 30b #14) */
        char tn[24];
        snprintf(tn, sizeof tn, "%d", p->s->n_turns + 1);
        char *from = msg_get(msg_lang(p->lang), "ui.visit_turns_from", "turn", tn, NULL);
        fprintf(p->out, "%s", term_esc(p->t, TERM_C_NOTE));
        term_wrap(p->t, p->out, "", 0, from);
        fprintf(p->out, "%s", term_esc(p->t, TERM_C_RESET));
        free(from);
        if (v->brief) term_wrap(p->t, p->out, "", 0, v->brief);
        if (v->goal) {
          char *g = xasprintf("%s: ", ui_str(p->lang, UI_GOAL));
          term_wrap(p->t, p->out, g, 2, v->goal);
          free(g);
        }
      }
      break;
    case CUST_EV_ERROR:
      /* the trainer needs the position; the trainee needs to know the game goes on */
      fprintf(stderr, "salesim: %s: %s\n", ui_str(p->lang, UI_SCRIPT_ERROR), e->text ? e->text : "");
      break;
    default:
      break;
    }
  }
  fflush(p->out);
}

static void show_brief(play *p) {
  const scenario *sc = p->sc;
  /* Written in one piece: on a terminal every write costs a trip through the tty layer, and
  ** the brief's twenty lines were a tenth of the time to the first prompt. */
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  FILE *o = mem ? mem : p->out;
  fputc('\n', o);
  term_heading(p->t, o, "═══", sc->title);
  strbuf who = {0};
  sb_printf(&who, "%s", sc->cust_name);
  if (sc->cust_role) sb_printf(&who, ", %s", sc->cust_role);
  if (sc->cust_company) sb_printf(&who, ", %s", sc->cust_company);
  char *label = xasprintf("%s: ", ui_str(p->lang, UI_CUSTOMER_LABEL));
  term_wrap(p->t, o, label, 2, who.s);
  free(label);
  sb_free(&who);
  fputc('\n', o);
  term_wrap(p->t, o, "", 0, sc->brief);
  const char *goal = sc->n_visits > 0 && sc->visits[0].goal ? sc->visits[0].goal : sc->goal;
  if (goal) {
    char *g = xasprintf("%s%s:%s ", term_esc(p->t, TERM_C_BOLD), ui_str(p->lang, UI_GOAL),
                        term_esc(p->t, TERM_C_RESET));
    fputc('\n', o);
    term_wrap(p->t, o, g, 2, goal);
    free(g);
  }
  fprintf(o, "%s", term_esc(p->t, TERM_C_DIM));
  term_wrap(p->t, o, "\n", 0, ui_str(p->lang, UI_TYPE_HINT));
  fprintf(o, "%s\n", term_esc(p->t, TERM_C_RESET));
  if (mem) {
    fclose(mem);
    term_write_block(p->out, text, len);
    free(text);
  }
  fflush(p->out);
}
/* }=== */

/* {=== slash commands */

/* With several people at the table: how each stands (their own trust, interest, patience). */
static void show_people(play *p) {
  const cust_host *c = p->s->cust;
  int n = cust_people_count(c);
  if (n == 0) return;
  FILE *o = p->out;
  fprintf(o, "%s%s%s\n", term_esc(p->t, TERM_C_BOLD), ui_str(p->lang, UI_NOTES_PEOPLE), term_esc(p->t, TERM_C_RESET));
  int ix[3] = { -1, -1, -1 };
  static const char *const vars[3] = { SCN_STATE_TRUST, SCN_STATE_INTEREST, SCN_STATE_PATIENCE };
  for (int i = 0; i < cust_state_count(c); i++)
    for (int k = 0; k < 3; k++)
      if (strcmp(cust_state_name(c, i), vars[k]) == 0) ix[k] = i;
  for (int q = 0; q < n; q++) {
    char v[3][24];
    for (int k = 0; k < 3; k++) snprintf(v[k], sizeof v[k], "%g", ix[k] >= 0 ? cust_person_state(c, q, ix[k]) : 0);
    char *line = msg_get(msg_lang(p->lang), ui_key_name(UI_NOTES_PERSON), "trust", v[0], "interest", v[1],
                         "patience", v[2], NULL);
    char *pre = xasprintf("  - %s: ", cust_person_name(c, q));
    term_wrap(p->t, o, pre, 4, line);
    free(pre);
    free(line);
  }
}

static void show_notes(play *p) {
  const scenario *sc = p->sc;
  sess_snapshot now;
  sess_snapshot_now(p->s, &now);
  FILE *o = p->out;
  fprintf(o, "%s%s%s\n", term_esc(p->t, TERM_C_BOLD), ui_str(p->lang, UI_NOTES_NEEDS), term_esc(p->t, TERM_C_RESET));
  int any = 0;
  const char *by[CAP_NEEDS] = {0};   /* who confirmed each need, when several people sit there */
  for (int t = 0; t < p->s->n_turns; t++)
    for (int k = 0; k < p->s->turns[t].events.n; k++) {
      const cust_event *e = &p->s->turns[t].events.v[k];
      if (e->kind == CUST_EV_CONFIRM && e->name && e->index >= 0 && e->index < CAP_NEEDS) by[e->index] = e->name;
    }
  for (int i = 0; i < sc->n_needs && i < CAP_NEEDS; i++) {
    if (!(now.revealed >> i & 1) && !(now.confirmed >> i & 1)) continue;
    char *who = by[i] && (now.confirmed >> i & 1)
              ? msg_get(msg_lang(p->lang), ui_key_name(UI_CONFIRMED_BY), "name", by[i], NULL) : NULL;
    char *pre = xasprintf("  - [%s] ", who ? who : ui_str(p->lang, now.confirmed >> i & 1 ? UI_CONFIRMED : UI_REVEALED));
    free(who);
    term_wrap(p->t, o, pre, 6, sc->needs[i].said ? sc->needs[i].said : sc->needs[i].id);
    free(pre);
    any = 1;
  }
  if (!any) fprintf(o, "  %s\n", ui_str(p->lang, UI_NOTES_NONE));
  show_people(p);
  /* objections and commitments come from what the customer did, turn by turn */
  int seen_obj[CAP_OBJECTIONS] = {0}, given[CAP_COMMITMENTS] = {0}, refused[CAP_COMMITMENTS] = {0};
  for (int t = 0; t < p->s->n_turns; t++) {
    const cust_events *ev = &p->s->turns[t].events;
    for (int k = 0; k < ev->n; k++) {
      int ix = ev->v[k].index;
      if (ix < 0 || ix >= CAP_COMMITMENTS || ix >= CAP_OBJECTIONS) continue;
      if (ev->v[k].kind == CUST_EV_OBJECTION) seen_obj[ix] = 1;
      if (ev->v[k].kind == CUST_EV_GIVE) given[ix] = 1;
      if (ev->v[k].kind == CUST_EV_REFUSE) refused[ix] = 1;
    }
  }
  fprintf(o, "%s%s%s\n", term_esc(p->t, TERM_C_BOLD), ui_str(p->lang, UI_NOTES_OBJECTIONS), term_esc(p->t, TERM_C_RESET));
  any = 0;
  for (int i = 0; i < sc->n_objections && i < CAP_OBJECTIONS; i++)
    if (seen_obj[i]) { term_wrap(p->t, o, "  - ", 4, sc->objections[i].said); any = 1; }
  if (!any) fprintf(o, "  %s\n", ui_str(p->lang, UI_NOTES_NONE));
  fprintf(o, "%s%s%s\n", term_esc(p->t, TERM_C_BOLD), ui_str(p->lang, UI_NOTES_COMMITMENTS), term_esc(p->t, TERM_C_RESET));
  any = 0;
  for (int i = 0; i < sc->n_commitments && i < CAP_COMMITMENTS; i++) {
    if (!given[i] && !refused[i]) continue;
    char *pre = xasprintf("  - [%s] ", ui_str(p->lang, given[i] ? UI_GIVEN : UI_REFUSED));
    term_wrap(p->t, o, pre, 6, sc->commitments[i].action ? sc->commitments[i].action : sc->commitments[i].id);
    free(pre);
    any = 1;
  }
  if (!any) fprintf(o, "  %s\n", ui_str(p->lang, UI_NOTES_NONE));
}

/* One score line: label, total, and each skill's figure ("not shown" without evidence). */
static void score_line(play *p, const char *label, const score_result *r) {
  const char *lang = msg_lang(p->lang);   /* the brackets and commas of the language: "（…、…）" */
  fprintf(p->out, "%s%s%s%s", term_esc(p->t, TERM_C_BOLD), label, term_esc(p->t, TERM_C_RESET),
          msg_text(lang, "fmt.skills_open"));
  for (int k = 0; k < SK_COUNT; k++) {
    fprintf(p->out, "%s%s ", k ? msg_text(lang, "fmt.total_how.sep") : "", deb_skill_label(p->lang, (score_skill)k));
    if (r->shown[k]) fprintf(p->out, "%.0f", r->skills[k]);
    else fputs(msg_text(lang, "label.not_shown"), p->out);   /* no evidence yet: no made-up 50 */
  }
  fprintf(p->out, "%s\n", msg_text(lang, "fmt.skills_close"));
}

/* /score.  While the visit goes on it gives one figure, what leaving now would score: the rules
** about the visit as a whole (an ask every visit: -40 without one) are judged only at its end, so
** a running "so far 40" beside "if you left now: 0" read as two scores (play-tests 8, 30b #13).
** Its skills are that score's, so they add up to it; a note says what is still to be judged. */
static void show_score(play *p) {
  score_result r;
  char nb[24];
  if (p->s->outcome == CUST_OUTCOME_NONE && p->s->end_reason == SESS_END_NONE && p->s->n_turns > 0) {
    session now = *p->s;   /* shallow: the scorer only reads it */
    now.end_reason = SESS_END_QUIT;
    score_session(&now, &r);
    snprintf(nb, sizeof nb, "%.0f", r.total);
    char *label = msg_get(msg_lang(p->lang), "ui.score_if_left", "score", nb, NULL);
    score_line(p, label, &r);
    free(label);
    if (!r.attempt) {   /* why 0 when the skills show more (play-test 32a M8: the reason was the debrief's alone) */
      const char *said = "0", *tries = "0";
      for (int a = 0; a < r.reason.n; a++) {
        if (strcmp(r.reason.args[a].name, "said") == 0) said = r.reason.args[a].value;
        if (strcmp(r.reason.args[a].name, "tries") == 0) tries = r.reason.args[a].value;
      }
      char *why = msg_get(msg_lang(p->lang), "ui.score_if_left_abandoned", "said", said, "tries", tries, NULL);
      term_wrap(p->t, p->out, "  ", 2, why);
      free(why);
    }
    score_result_free(&r);
    term_wrap(p->t, p->out, "  ", 2, msg_text(msg_lang(p->lang), "ui.score_if_left_note"));
    return;
  }
  score_session(p->s, &r);
  char *label = xasprintf("%s: %.0f", ui_str(p->lang, UI_SCORE_SO_FAR), r.total);
  score_line(p, label, &r);
  free(label);
  score_result_free(&r);
}

/* The list of journals written outside the data dir (rcv_note_journal): the state dir's
** salesim/journals (malloc'd). */
static char *journal_list(void) {
  char *state = util_xdg_dir("XDG_STATE_HOME", ".local/state");
  char *list = xasprintf("%s/journals", state);
  free(state);
  return list;
}

/* Notes the visit's journal in journal_list when it is outside the data dir's transcripts,
** which the next `play` reads anyway: a visit killed with --transcript elsewhere is named too
** (play-test 32d M6: Eve's next visit said nothing of it). */
static void note_journal(const session *s) {
  if (!s->transcript_path) return;
  char *data = util_xdg_dir("XDG_DATA_HOME", ".local/share");
  char *dir = xasprintf("%s/transcripts", data);
  char *j = sess_journal_path(s->transcript_path);
  char *rd = realpath(dir, NULL), *rj = realpath(j, NULL);
  char *slash = rj ? strrchr(rj, '/') : NULL;
  if (rj && !(rd && slash && (size_t)(slash - rj) == strlen(rd) && strncmp(rj, rd, strlen(rd)) == 0)) {
    char *list = journal_list();
    rcv_note_journal(list, rj);
    free(list);
  }
  free(rj);
  free(rd);
  free(j);
  free(dir);
  free(data);
}

/* Names the trainee's earlier visits that were killed before their end and so are in no
** gradebook: their journals in the data dir's transcripts, which no running visit writes
** (play-test 30c #4: Dave's next visit said nothing and the journal stayed).  Said once.  A play
** with no trainee names them too, with the command that shows them (play-test 31a H4: the visit
** of a closed terminal was not mentioned again). */
static void remind_unrecorded(play *p) {
  enum { SHOWN = 3 };
  char *data = util_xdg_dir("XDG_DATA_HOME", ".local/share");
  char *dir = xasprintf("%s/transcripts", data);
  char *list = journal_list();
  char *paths[SHOWN];
  int n = rcv_orphans(dir, list, paths, SHOWN);
  free(list);
  char *opt = NULL;
  if (n > 0 && p->o.gradebook) {
    char *w = util_shell_word(p->o.gradebook);
    opt = xasprintf(" --gradebook %s", w);
    free(w);
  }
  for (int i = 0; i < n && i < SHOWN; i++) {
    char *w = util_shell_word(paths[i]);
    char *cmd = p->o.trainee ? xasprintf("salesim record %s%s", w, opt ? opt : "") : xasprintf("salesim replay %s", w);
    char *m = msg_get(msg_lang(p->lang), p->o.trainee ? "ui.unrecorded_visit" : "ui.cut_off_visit", "path", paths[i],
                      "command", cmd, NULL);
    fprintf(stderr, "salesim play: %s\n", m);
    free(m);
    free(cmd);
    free(w);
    free(paths[i]);
  }
  if (n > SHOWN) {
    char more[24];
    snprintf(more, sizeof more, "%d", n - SHOWN);
    char *m = msg_get(msg_lang(p->lang), "ui.unrecorded_more", "count", more, "dir", dir, NULL);
    fprintf(stderr, "salesim play: %s\n", m);
    free(m);
  }
  free(opt);
  free(dir);
  free(data);
}

/* Opens the visit's journal before the first turn; a transcript path that cannot be written
** is said now and left for one in the data dir, where the next `play` names a cut-off visit
** (play-test 32d H1: a read-only or full folder lost the whole visit, and said so only at its
** end).  When the data dir fails too, the trainee is told that nothing will be kept. */
static void begin_journal(play *p) {
  session *s = p->s;
  if (sess_journal_begin(s) == 0) { note_journal(s); return; }
  char *asked = xstrdup(s->transcript_path), *why = xstrdup(s->save_error);
  char *spare = sess_default_transcript_path(p->sc);
  int moved = 0;
  if (strcmp(spare, asked) != 0) {
    sess_transcript_to(s, spare);
    moved = sess_journal_begin(s) == 0;
    if (!moved) sess_transcript_to(s, asked);   /* the end retries, and names the path asked for */
  }
  char *m = moved ? msg_get(msg_lang(p->lang), "ui.transcript_moved", "path", asked, "error", why, "spare", spare, NULL)
                  : msg_get(msg_lang(p->lang), "ui.transcript_nowhere", "path", asked, "error", why, NULL);
  fprintf(stderr, "salesim play: %s\n", m);
  free(m);
  free(spare);
  free(why);
  free(asked);
}

/* Opens the gradebook when the visit starts, so a path that is not one (a typo in a class's
** profile, a read-only folder) is said before ten minutes of play, not after (play-test 32d M1);
** the visit is still played and kept for `salesim record`. */
static void check_gradebook(play *p) {
  if (!p->o.trainee) return;
  char *path = p->o.gradebook ? xstrdup(p->o.gradebook) : gb_default_path();
  char err[1024];
  gb *g = gb_open(path, err, sizeof err);
  if (g) {
    gb_close(g);
  } else {
    p->gb_failed = 1;
    fprintf(stderr, "salesim play: %s\n", err);
    fprintf(stderr, "salesim play: %s\n", msg_text(msg_lang(p->lang), "ui.gradebook_unusable"));
  }
  free(path);
}

static int start_session(play *p, diag *d) {
  if (!p->attempt_path) {   /* a /restart has said these */
    remind_unrecorded(p);
    check_gradebook(p);
  }
  sess_options so = { .seed = p->o.seed, .lang = p->o.lang, .trainee = p->o.trainee,
                      .transcript = p->attempt_path ? p->attempt_path : p->o.transcript };
  so.adopt = p->cust;
  so.adopt_diag = &p->cust_d;
  p->cust = NULL;
  p->s = sess_new(p->sc, &so, d);
  diag_free(&p->cust_d);
  if (!p->s) return -1;
  const cust_events *opening = sess_start(p->s);
  begin_journal(p);
  show_events(p, opening);
  return 0;
}

/* 1 when w is one of the words of list key (ui.restart_yes, ui.restart_no) in either
** catalogue: a trainee in a Chinese visit may still type "y". */
static int answer_in(const char *w, const char *key) {
  static const char *const langs[] = { "en", "zh" };
  for (size_t k = 0; k < sizeof langs / sizeof *langs; k++) {
    const char *list = msg_text(langs[k], key);
    for (const char *p = list; p && *p;) {
      const char *bar = strchr(p, '|');
      size_t n = bar ? (size_t)(bar - p) : strlen(p);
      if (n == strlen(w) && strncmp(p, w, n) == 0) return 1;
      p = bar ? bar + 1 : NULL;
    }
  }
  return 0;
}

/* How an answer to "Start the visit over? (y/n)" reads: 1 yes, 0 no (or nothing), -1 neither, a
** line meant for the customer ("yeah so how many servers...") that must not be lost. */
static int restart_answer(const char *ans) {
  char w[32];
  size_t n = 0;
  while (*ans == ' ' || *ans == '\t') ans++;
  for (; *ans && n < sizeof w - 1; ans++) w[n++] = (char)tolower((unsigned char)*ans);
  if (*ans) return -1;   /* too long for a yes or a no */
  while (n && strchr(" \t.!,", w[n - 1])) n--;
  if (n >= 3 && (!strncmp(w + n - 3, "\xe3\x80\x82", 3) || !strncmp(w + n - 3, "\xef\xbc\x81", 3))) n -= 3;   /* 。! */
  w[n] = '\0';
  if (!n || answer_in(w, "ui.restart_no")) return 0;
  return answer_in(w, "ui.restart_yes") ? 1 : -1;
}

/* Says one line to the customer and shows what follows. */
static void say_line(play *p, const char *line, size_t len) {
  const sess_turn *t = sess_say(p->s, line, len);
  if (t) show_events(p, &t->events);
  tell_language(p, line);
}

/* Returns 1 when the visit should end. */
static int slash_command(play *p, const char *line) {
  if (strcmp(line, "/quit") == 0 || strcmp(line, "/exit") == 0) return 1;
  if (strcmp(line, "/help") == 0) {
    term_wrap(p->t, p->out, "", 0, ui_str(p->lang, UI_HELP));
  } else if (strcmp(line, "/hint") == 0) {
    char *pre = xasprintf("%s%s:%s ", term_esc(p->t, TERM_C_NOTE), ui_str(p->lang, UI_HINT),
                          term_esc(p->t, TERM_C_RESET));
    term_wrap(p->t, p->out, pre, 2, sess_hint(p->s));
    free(pre);
  } else if (strcmp(line, "/brief") == 0) {
    show_brief(p);
  } else if (strcmp(line, "/notes") == 0) {
    show_notes(p);
  } else if (strcmp(line, "/score") == 0) {
    show_score(p);
  } else if (strcmp(line, "/restart") == 0) {
    /* asked first: a slip of the keyboard must not end the visit; the attempt is kept in its
    ** own transcript and the next one goes to PATH-attemptN.json */
    term_wrap(p->t, p->out, "", 0, ui_str(p->lang, UI_RESTART_ASK));
    char *ans = NULL;
    term_status st = term_read(p->t, "(y/n)> ", &ans);
    if (st == TERM_LINE && !term_interactive(p->t)) fprintf(p->out, "(y/n)> %s\n", ans);
    int yes = st == TERM_LINE && ans ? restart_answer(ans) : 0;
    if (yes != 1) {
      fprintf(p->out, "%s\n", ui_str(p->lang, UI_RESTART_NOT));
      if (yes < 0 && strlen(ans) <= PLAY_MAX_LINE && ans[strspn(ans, " \t")] != '/')
        say_line(p, ans, strlen(ans));   /* a line for the customer, typed at the question */
      free(ans);
      fflush(p->out);
      return 0;
    }
    free(ans);
    sess_finish(p->s, SESS_END_QUIT);
    if (p->s->transcript_path) {
      char *msg = msg_get(msg_lang(p->lang), ui_key_name(UI_RESTART_KEPT), "path", p->s->transcript_path, NULL);
      term_wrap(p->t, p->out, "", 0, msg);
      free(msg);
      const char *base = p->s->transcript_path;
      size_t n = strlen(base);
      if (n > 5 && strcmp(base + n - 5, ".json") == 0) n -= 5;
      if (p->attempt_path) {   /* PATH-attemptN.json: back to PATH */
        const char *dash = strstr(base, "-attempt");
        if (dash) n = (size_t)(dash - base);
      }
      char *next = xasprintf("%.*s-attempt%d.json", (int)n, base, ++p->attempt + 1);
      free(p->attempt_path);
      p->attempt_path = next;
    }
    sess_free(p->s);
    p->s = NULL;
    diag d;
    diag_init(&d);
    fprintf(p->out, "%s\n", ui_str(p->lang, UI_RESTARTED));
    int rc = start_session(p, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (rc != 0) return 1;
  } else {
    char *msg = msg_get(msg_lang(p->lang), ui_key_name(UI_UNKNOWN_COMMAND), "command", line, NULL);
    term_wrap(p->t, p->out, "", 0, msg);
    free(msg);
  }
  fflush(p->out);
  return 0;
}
/* }=== */

/* The conversation; returns why it ended. */
static sess_end converse(play *p) {
  char *prompt = term_colour_on(p->t)
    ? xasprintf("\001%s\002%s>\001%s\002 ", term_esc(p->t, TERM_C_TRAINEE), ui_str(p->lang, UI_YOU),
                term_esc(p->t, TERM_C_RESET))
    : xasprintf("%s> ", ui_str(p->lang, UI_YOU));
  sess_end why = SESS_END_CUSTOMER;
  while (p->s && !sess_over(p->s)) {
    char *line;
    term_status st = term_read(p->t, prompt, &line);
    if (st == TERM_EOF) { why = SESS_END_EOF; break; }
    if (st == TERM_HANGUP) { why = SESS_END_HANGUP; break; }
    if (st == TERM_CANCEL) { fprintf(p->out, "%s\n", ui_str(p->lang, UI_CANCELLED)); continue; }
    size_t len = strlen(line);
    const char *q = line;
    while (*q == ' ' || *q == '\t') q++;
    if (!term_interactive(p->t) && !p->o.json) {  /* echo a scripted line, made safe to show */
      char *prefix = xasprintf("%s> ", ui_str(p->lang, UI_YOU));
      term_wrap(p->t, p->out, prefix, 2, len > PLAY_MAX_LINE ? "…" : line);
      free(prefix);
    }
    if (len > PLAY_MAX_LINE) {
      char nb[24], mb[24];
      snprintf(nb, sizeof nb, "%zu", len);
      snprintf(mb, sizeof mb, "%d", PLAY_MAX_LINE);
      char *msg = msg_get(msg_lang(p->lang), ui_key_name(UI_TOO_LONG), "bytes", nb, "max", mb, NULL);
      term_wrap(p->t, p->out, "", 0, msg);
      free(msg);
    } else if (*q == '/') {
      char *cmd = xstrdup(q);   /* Tab completion leaves a space after the command */
      for (size_t n = strlen(cmd); n && (cmd[n - 1] == ' ' || cmd[n - 1] == '\t'); n--) cmd[n - 1] = '\0';
      int quit = slash_command(p, cmd);
      free(cmd);
      if (quit) { free(line); why = SESS_END_QUIT; break; }
    } else if (*q) {
      say_line(p, line, len);
    } else if (term_interactive(p->t)) {
      fprintf(p->out, "%s\n", ui_str(p->lang, UI_EMPTY_INPUT));
    }
    free(line);
  }
  free(prompt);
  return why;
}

/* The visit could not be recorded: keep its transcript (saving it to the data dir when the
** trainee asked for none) and say how to record it later; role, when not NULL, is the name the
** gradebook takes sessions under (a PostgreSQL trainee role), so the command names it. */
static void keep_for_later(play *p, const json_t *deb, const char *where, const char *role, const char *key) {
  if (!p->s->transcript_path) {
    p->s->transcript_path = sess_default_transcript_path(p->sc);
    sess_save(p->s, deb);
  }
  if (p->s->save_error) return;   /* said when the transcript is reported */
  char *t = util_shell_word(p->s->transcript_path);
  char *opt = NULL;
  if (p->o.gradebook) {
    char *w = util_shell_word(where);
    opt = xasprintf(" --gradebook %s", w);
    free(w);
  }
  char *who = role ? util_shell_word(role) : NULL;
  char *cmd = xasprintf("salesim record %s%s%s%s", t, opt ? opt : "", who ? " --trainee " : "", who ? who : "");
  free(who);
  char *m = msg_get(msg_lang(p->lang), key, "path", p->s->transcript_path, "command", cmd, NULL);
  fprintf(stderr, "salesim play: %s\n", m);
  free(m);
  free(cmd);
  free(t);
  free(opt);
}

/* The role a PostgreSQL trainee connection records under, when it is not the trainee's name
** given: such a role records only sessions under its own name, so `record` needs --trainee
** ROLE (play-test 30c #15: the hint left it out and failed again).  NULL otherwise (malloc'd). */
static char *own_role(gb *g, const char *trainee) {
  if (!gb_on_server(g) || !gb_partial_view(g)) return NULL;
  char err[256];
  char *role = NULL;
  gb_rows *r = gb_query(g, "SELECT current_user", 0, NULL, err, sizeof err);
  if (r && gb_step(g, r, err, sizeof err) == 1 && gb_text(g, r, 0)) role = xstrdup(gb_text(g, r, 0));
  if (r) gb_rows_free(g, r);
  if (role && trainee && strcmp(role, trainee) == 0) { free(role); role = NULL; }
  return role;
}

/* Gradebook: record and attach earlier attempts as progress.  The visit is keyed by its content,
** so `salesim record` of the kept transcript never adds it twice.  Returns 0, or -1 on failure. */
static int record_gradebook(play *p, json_t *deb, json_t *transcript) {
  char *path = p->o.gradebook ? xstrdup(p->o.gradebook) : gb_default_path();
  char err[1024];
  gb *g = gb_open(path, err, sizeof err);
  if (!g) {
    fprintf(stderr, "salesim play: %s\n", err);
    char *label = gb_location_label(path);
    /* the same command now would fail the same way (play-test 32d M1): once it opens */
    keep_for_later(p, deb, label, NULL, "ui.gradebook_later_fix");
    free(label);
    free(path);
    return -1;
  }
  char key[17];
  gb_visit_key(p->o.trainee, deb, key);
  long long id = gb_record_keyed(g, key, p->o.trainee, deb, transcript, NULL, err, sizeof err);
  if (id < 0) {
    fprintf(stderr, "salesim play: ");
    char *m = msg_get(msg_lang(p->lang), ui_key_name(UI_GRADEBOOK_FAILED), "error", err, NULL);
    fprintf(stderr, "%s\n", m);
    free(m);
    char *role = own_role(g, p->o.trainee);
    keep_for_later(p, deb, gb_path(g), role, ui_key_name(UI_GRADEBOOK_LATER));
    free(role);
    gb_close(g);
    free(path);
    return -1;
  }
  json_t *hist = gb_history(g, p->o.trainee, p->sc->id, id);
  if (hist) json_object_set_new(deb, "progress", hist);
  if (!p->o.json) {
    char *m = msg_get(msg_lang(p->lang), ui_key_name(UI_GRADEBOOK_SAVED), "path", gb_path(g), NULL);
    fprintf(stderr, "%s\n", m);
    free(m);
  }
  gb_close(g);
  free(path);
  return 0;
}

/* --markdown / --html: returns 0, or -1 after saying why on stderr. */
static int write_rendering(const json_t *deb, char fmt, const char *path) {
  char err[512];
  if (deb_write_file(deb, fmt, path, err, sizeof err) == 0) return 0;
  msg_eprint("play", "report.err.write", "error", err, NULL);
  return -1;
}

/* Saves the transcript; when its path fails at the end (a disk filled during the visit), the
** document goes to the data dir instead, and the trainee is told where (play-test 32d H1). */
static void save_transcript(play *p, const json_t *deb) {
  session *s = p->s;
  if (sess_save(s, deb) == 0 || !s->transcript_path) return;
  char *spare = sess_default_transcript_path(p->sc);
  if (strcmp(spare, s->transcript_path) != 0) {
    char *asked = xstrdup(s->transcript_path), *why = xstrdup(s->save_error);
    char err[512];
    if (sess_save_as(s, deb, spare, err, sizeof err) == 0) {
      char *m = msg_get(msg_lang(p->lang), "ui.transcript_moved", "path", asked, "error", why, "spare", spare, NULL);
      fprintf(stderr, "salesim play: %s\n", m);
      free(m);
    }
    free(why);
    free(asked);
  }
  free(spare);
}

/* The end of the visit: outcome, score, debrief, transcript, gradebook. */
static int debrief(play *p, sess_end why) {
  int rc = CLI_OK;
  sess_finish(p->s, why);
  if (why != SESS_END_HANGUP) show_events(p, &p->s->closing);
  score_result r;
  score_session(p->s, &r);
  json_t *deb = deb_build(p->s, &r);
  score_result_free(&r);
  save_transcript(p, deb);   /* the transcript first: nothing after this can lose the session */
  if (p->o.trainee) {
    json_t *tj = sess_transcript_json(p->s, NULL);
    sess_transcript_outcome(tj, deb);   /* the outcome the debrief scored, as the saved document */
    if (record_gradebook(p, deb, tj) != 0) rc = CLI_USAGE;
    json_decref(tj);
    sess_save(p->s, deb);  /* again, now with progress */
  }
  if (why == SESS_END_HANGUP) { json_decref(deb); return rc; }  /* no terminal to show it on */
  if (p->o.json) {
    char *text = json_dumps(deb, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (text) { fputs(text, stdout); fputc('\n', stdout); free(text); }
  } else {
    /* on a terminal the first screen alone, so the result stays in view; the full list with
    ** --full, and always when the output goes to a file or a pipe */
    deb_style st = { .colour = term_colour_on(p->t), .width = term_width(p->t), .lang = p->o.lang,
                     .full = p->o.full || !isatty(STDOUT_FILENO) };
    fputc('\n', stdout);
    deb_render_text(deb, &st, stdout);
  }
  if (p->o.markdown && write_rendering(deb, 'm', p->o.markdown) != 0) rc = CLI_USAGE;
  if (p->o.html && write_rendering(deb, 'h', p->o.html) != 0) rc = CLI_USAGE;
  if (p->s->transcript_path) {
    FILE *o = p->o.json ? stderr : stdout;
    if (p->s->save_error) {
      fprintf(stderr, "salesim play: ");
      char *m = msg_get(msg_lang(p->lang), ui_key_name(UI_TRANSCRIPT_FAILED), "error", p->s->save_error, NULL);
      fprintf(stderr, "%s\n", m);
      free(m);
      rc = CLI_USAGE;
    } else if (!p->o.json) {
      fprintf(o, "%s", term_esc(p->t, TERM_C_DIM));
      char *m = msg_get(msg_lang(p->lang), ui_key_name(UI_TRANSCRIPT_SAVED), "path", p->s->transcript_path, NULL);
      fputs(m, o);
      free(m);
      fprintf(o, "%s\n", term_esc(p->t, TERM_C_RESET));
    }
  }
  json_decref(deb);
  return rc;
}

/* One option of `play` (cli_parse's on_opt): checks its value and stores it in the options. */
static int play_option(void *ctx, int c, const char *arg) {
  play_opts *o = ctx;
  switch (c) {
  case 's': o->script = arg; break;
  case 'S': {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    /* strtoull takes "-1" (as 2^64-1) and saturates on overflow: neither is a seed */
    if (*end || !*arg || arg[strspn(arg, " \t")] == '-' || errno == ERANGE)
    {
      char max[32];
      snprintf(max, sizeof max, "%llu", (unsigned long long)-1);
      return msg_usage("play", "cli.play.seed", "max", max, "seed", arg, NULL);
    }
    o->seed = v;
    break;
  }
  case 'l':
    if (!msg_catalogue(arg))   /* any language with a message catalogue (docs/i18n.md) */
      return msg_usage("play", "cli.play.lang", "lang", arg, NULL);
    o->lang = arg;
    break;
  case 't':
    if (!*arg) return msg_usage("play", "cli.record.trainee_name", NULL);
    o->trainee = arg;
    break;
  case 'g': o->gradebook = arg; break;
  case 'T': o->transcript = arg; break;
  case 'j': o->json = 1; break;
  case 'm': o->markdown = arg; break;
  case 'H': o->html = arg; break;
  case 'n': o->colour = 0; break;
  case 'B': scn_allow_behaviour_anywhere(1); break;
  case 'F': o->full = 1; break;
  default: assert(c == 0);   /* every option of the table has a case */
  }
  return CLI_OK;
}

static int parse_options(int argc, char **argv, play_opts *o) {
  static const struct option longopts[] = {
    { "script", required_argument, 0, 's' }, { "seed", required_argument, 0, 'S' },
    { "lang", required_argument, 0, 'l' }, { "trainee", required_argument, 0, 't' },
    { "gradebook", required_argument, 0, 'g' }, { "transcript", required_argument, 0, 'T' },
    { "json", no_argument, 0, 'j' }, { "markdown", required_argument, 0, 'm' },
    { "html", required_argument, 0, 'H' }, { "no-color", no_argument, 0, 'n' },
    { "no-colour", no_argument, 0, 'n' }, { "behaviour-anywhere", no_argument, 0, 'B' },
    { "full", no_argument, 0, 'F' }, { 0, 0, 0, 0 }
  };
  memset(o, 0, sizeof *o);
  o->colour = -1;
  o->seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
  int first, rc = cli_parse("play", argc, argv, "", longopts, play_option, o, &first);
  if (rc != CLI_OK) return rc;
  if (first != argc - 1)
    return msg_usage("play", first >= argc ? "cli.play.which" : "cli.play.one_scenario", NULL);
  o->scenario = argv[first];
  return CLI_OK;
}

int cmd_play_exec(int argc, char **argv) {
  play p;
  memset(&p, 0, sizeof p);
  int rc = parse_options(argc, argv, &p.o);
  if (rc != CLI_OK) return rc;
  signal(SIGPIPE, SIG_IGN);   /* a closed terminal must not kill us before the transcript is saved */

  char *path = scnfind_resolve("play", p.o.scenario);
  if (!path) return CLI_USAGE;
  diag d;
  diag_init(&d);
  scn_set_line_language(p.o.lang);   /* lines written in several languages speak --lang's */
  scn_read_shipped_tests(0);          /* a visit runs none */
  scc_deferred def;
  p.sc = scc_load_deferred(path, &d, &def);
  scn_set_line_language(NULL);
  free(path);
  if (p.sc && def.active) {
    /* The customer compiles the scenario's conditions in one chunk, which is also the check of
    ** its plain ones (scc_load_deferred): made now, before anything is shown, and kept for the
    ** session.  When it did not compile them all, the checks run as scc_load's and it goes. */
    cust_limits lim;
    cust_limits_default(&lim);
    diag_init(&p.cust_d);
    p.cust = cust_new(p.sc, p.o.seed, &lim, &p.cust_d);
    int compiled = cust_conds_compiled(p.cust);
    if (!compiled) {
      cust_free(p.cust);
      p.cust = NULL;
      diag_free(&p.cust_d);
    }
    p.sc = scc_confirm(p.sc, &def, compiled, &d);
  }
  if (!p.sc) {
    diag_print(&d, stderr);
    diag_free(&d);
    return CLI_USAGE;
  }
  p.lang = p.o.lang ? p.o.lang : p.sc->language;

  FILE *in = NULL;
  if (p.o.script && strcmp(p.o.script, "-") != 0) {
    util_note_input(p.o.script);
    in = fopen(p.o.script, "r");
    if (!in) {
      msg_eprint("play", "cli.play.script", "path", p.o.script, NULL);
      cust_free(p.cust);
      diag_free(&p.cust_d);
      scn_free(p.sc);
      diag_free(&d);
      return CLI_USAGE;
    }
  } else if (p.o.script) {
    in = stdin;
  }
  p.t = term_open(in, p.o.json ? 0 : p.o.colour, slash_commands);
  p.out = stdout;
  if (p.o.json) p.out = fopen("/dev/null", "w");
  if (!p.out) p.out = stderr;

  if (!p.o.json) show_brief(&p);
  if (start_session(&p, &d) != 0) {
    diag_print(&d, stderr);
    rc = CLI_USAGE;
  } else {
    diag_print(&d, stderr);  /* warnings, e.g. a script that failed to load */
    sess_end why = converse(&p);
    /* a closed terminal (SIGHUP) or SIGTERM cuts the visit off, as kill -9 does: the trainee
    ** did not choose to leave, so nothing is judged, recorded or said in the customer's name;
    ** the journal holds every turn, the next `play` names it, and `record` or `replay` rebuilds
    ** it as a visit that did not end (README, docs/transcript.md; play-test 31a H4) */
    if (p.s && why == SESS_END_HANGUP && !sess_over(p.s)) rc = CLI_OK;
    else if (p.s) rc = debrief(&p, why);
  }
  diag_free(&d);
  sess_free(p.s);
  free(p.attempt_path);
  term_close(p.t);
  if (in && in != stdin) fclose(in);
  if (p.out != stdout && p.out != stderr) fclose(p.out);
  scn_free(p.sc);
  return rc;
}
