/*
** walk.c: random walks through a scenario (`salesim test --walks N --seed S`).
** Trainers write tests for the paths they thought of; walks try the others.  Each walk plays a
** session with lines stitched together from the language lexicon (one phrase per move), the
** scenario's lexicon additions and keywords, and a few time and person phrases.  Half the
** walks follow the order the sales model teaches (greet, discover, confirm, present, check,
** summarise, ask, handle the refusal, leave) with noise; the others pick moves at random.
** Everything that happened is tallied, and what never happened becomes a positioned warning.
*/
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "coverage.h"
#include "walk.h"
#include "classify.h"
#include "classify_cache.h"
#include "lexicon.h"
#include "msg.h"
#include "msg_cli.h"
#include "score.h"
#include "session.h"
#include "util.h"

#define WALK_DEFAULT_TURNS 24

/* {=== random numbers: splitmix64, small and repeatable on every platform */
static uint64_t rnd_next(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
static int rnd_below(uint64_t *x, int n) { return n > 0 ? (int)(rnd_next(x) % (uint64_t)n) : 0; }
/* }=== */

/* {=== vocabulary */

/* The phrase groups a line is built from: one per move, plus scenario word groups. */
enum { G_TIME = CLS_MOVE_COUNT, G_PERSON, G_PLACE, G_NEED, G_REVEAL, G_BENEFIT, G_COMMIT,
       G_OBJECTION, G_WHEN, G_COUNT };

struct walk_vocab {
  scn_strs g[G_COUNT];
  int zh;
  const scenario *sc;      /* not owned: per-need keywords for lines about voiced needs */
  /* while it is built: each phrase's group and index (g << 24 | i) + 1 by its hash, 0 free, so
  ** that a phrase is looked up once (the lexicon's thousands were compared with each other) */
  uint32_t *seen;
  size_t n_seen, cap_seen;
};

static uint64_t seen_hash(int g, const char *text) {
  return util_hash64(text, strlen(text)) ^ (uint64_t)g * 0x9E3779B97F4A7C15ULL;
}

/* The slot of text in group g, or the free one where it would go. */
static uint32_t *seen_slot(walk_vocab *v, int g, const char *text, uint64_t h) {
  for (size_t i = (size_t)h & (v->cap_seen - 1);; i = (i + 1) & (v->cap_seen - 1)) {
    uint32_t e = v->seen[i];
    if (e == 0) return &v->seen[i];
    int eg = (int)((e - 1) >> 24), ei = (int)((e - 1) & 0xFFFFFF);
    if (eg == g && strcmp(v->g[g].v[ei], text) == 0) return &v->seen[i];
  }
}

/* Appends text to group g unless it is there already (the first place kept, as before). */
static void add(walk_vocab *v, int g, const char *text) {
  if (!text || !*text) return;
  if (2 * (v->n_seen + 1) > v->cap_seen) {   /* at most half full: rehash into twice the slots */
    uint32_t *old = v->seen;
    size_t n = v->cap_seen;
    v->cap_seen = n ? 2 * n : 1024;
    v->seen = xcalloc(v->cap_seen, sizeof *v->seen);
    for (size_t i = 0; i < n; i++)
      if (old[i]) {
        int eg = (int)((old[i] - 1) >> 24), ei = (int)((old[i] - 1) & 0xFFFFFF);
        *seen_slot(v, eg, v->g[eg].v[ei], seen_hash(eg, v->g[eg].v[ei])) = old[i];
      }
    free(old);
  }
  uint32_t *at = seen_slot(v, g, text, seen_hash(g, text));
  if (*at) return;
  scn_strs *s = &v->g[g];
  assert(s->n < 0xFFFFFF);
  s->v = xrealloc(s->v, (size_t)(s->n + 1) * sizeof *s->v);
  s->v[s->n] = xstrdup(text);
  *at = ((uint32_t)g << 24 | (uint32_t)s->n) + 1;
  s->n++;
  v->n_seen++;
}

/* A lexicon phrase as a person might type it: no ^ or $ anchors, "A ... B" joined by a space. */
static char *typed(const char *phrase) {
  strbuf b = {0};
  const char *p = phrase;
  if (*p == '^') p++;
  size_t n = strlen(p);
  if (n && p[n - 1] == '$') n--;
  for (size_t i = 0; i < n; i++) {
    if (strncmp(p + i, "...", 3) == 0) {
      while (b.len && b.s[b.len - 1] == ' ') b.s[--b.len] = 0;
      sb_putc(&b, ' ');
      i += 2;
      while (i + 1 < n && p[i + 1] == ' ') i++;
      continue;
    }
    sb_putc(&b, p[i]);
  }
  return sb_take(&b);
}

/* The group a lexicon or scenario label feeds, or -1 (markers such as "vague" or "ignore"). */
static int group_of(const char *label) {
  int m = cls_move_from_name(label);
  if (m >= 0) return m;
  if (strcmp(label, "time") == 0) return G_TIME;
  if (strcmp(label, "person") == 0) return G_PERSON;
  if (strcmp(label, "place") == 0) return G_PLACE;
  return -1;
}

static void add_shipped_lexicon(walk_vocab *v, const char *lang) {
  diag d;
  diag_init(&d);
  int errs;
  lexicon *lx = cls_load_lexicon(lang, &d, &errs);   /* the compiled one, as the classifier's */
  for (int i = 0; lx && i < lex_phrase_count(lx); i++) {
    const lex_phrase *ph = lex_phrase_at(lx, i);
    int g = group_of(lex_label_name(lx, ph->label));
    if (g < 0) continue;
    char *t = typed(ph->text);
    add(v, g, t);
    free(t);
  }
  diag_free(&d);
  lex_free(lx);
}

/* Times and people the lexicon may not list as phrases (time expressions are patterns). */
static void add_builtin(walk_vocab *v) {
  static const char *const zh_time[] = { "下周三下午三点", "明天上午十点", "本周五", "15号", "下个月", "改天" };
  static const char *const en_time[] = { "next Wednesday at 3pm", "tomorrow morning", "by Friday",
                                         "on the 15th", "next month", "sometime" };
  static const char *const zh_person[] = { "您的领导", "财务", "相关部门", "您的同事" };
  static const char *const en_person[] = { "your manager", "your finance team", "your boss",
                                           "a colleague" };
  for (int i = 0; i < 6; i++) add(v, G_TIME, v->zh ? zh_time[i] : en_time[i]);
  for (int i = 0; i < 4; i++) add(v, G_PERSON, v->zh ? zh_person[i] : en_person[i]);
}

/* The quoted words in a reaction's condition (mentions("律师", 'lawyer')): a line that holds
** them is the only way to reach such a reaction. */
static void add_condition_words(walk_vocab *v, const char *expr) {
  for (const char *p = expr; p && *p; p++) {
    if (*p != '"' && *p != '\'') continue;
    const char *end = strchr(p + 1, *p);
    if (!end) break;
    if (end > p + 1 && end - p < 64) {
      char *w = xstrndup(p + 1, (size_t)(end - p - 1));
      add(v, G_WHEN, w);
      free(w);
    }
    p = end;
  }
}

walk_vocab *walk_vocab_new(const scenario *sc) {
  walk_vocab *v = xcalloc(1, sizeof *v);
  v->zh = sc->language && strcmp(sc->language, "zh") == 0;
  v->sc = sc;
  add_shipped_lexicon(v, v->zh ? "zh" : "en");
  for (int i = 0; i < sc->n_lexicon; i++) {
    int g = group_of(sc->lexicon[i].name);
    if (g < 0) continue;
    for (int k = 0; k < sc->lexicon[i].phrases.n; k++) {
      char *t = typed(sc->lexicon[i].phrases.v[k]);
      add(v, g, t);
      free(t);
    }
  }
  for (int i = 0; i < sc->n_needs; i++) {
    for (int k = 0; k < sc->needs[i].keywords.n; k++) add(v, G_NEED, sc->needs[i].keywords.v[k]);
    for (int k = 0; k < sc->needs[i].revealed_by.n; k++)
      add(v, G_REVEAL, sc->needs[i].revealed_by.v[k]);
  }
  for (int i = 0; i < sc->n_benefits; i++)
    for (int k = 0; k < sc->benefits[i].keywords.n; k++)
      add(v, G_BENEFIT, sc->benefits[i].keywords.v[k]);
  for (int i = 0; i < sc->n_commitments; i++)
    for (int k = 0; k < sc->commitments[i].keywords.n; k++)
      add(v, G_COMMIT, sc->commitments[i].keywords.v[k]);
  for (int i = 0; i < sc->n_objections; i++)
    for (int k = 0; k < sc->objections[i].keywords.n; k++)
      add(v, G_OBJECTION, sc->objections[i].keywords.v[k]);
  for (int i = 0; i < sc->n_reactions; i++) add_condition_words(v, sc->reactions[i].when);
  add_builtin(v);
  free(v->seen);   /* lines only read the groups */
  v->seen = NULL;
  v->n_seen = v->cap_seen = 0;
  return v;
}

void walk_vocab_free(walk_vocab *v) {
  if (!v) return;
  for (int g = 0; g < G_COUNT; g++) {
    for (int i = 0; i < v->g[g].n; i++) free(v->g[g].v[i]);
    free(v->g[g].v);
  }
  free(v);
}

int walk_vocab_size(const walk_vocab *v) {
  int n = 0;
  for (int g = 0; g < G_COUNT; g++) n += v->g[g].n;
  return n;
}
/* }=== */

/* {=== lines */

/* A keyword of a need the customer has voiced (bit per need index in voiced), or of a benefit
** that answers one; NULL when there is none. */
static const char *voiced_word(const walk_vocab *v, uint64_t *rng, int g, uint64_t voiced) {
  const scenario *sc = v->sc;
  int picks[CAP_NEEDS], n = 0;
  for (int i = 0; i < sc->n_needs && i < CAP_NEEDS; i++)
    if (voiced >> i & 1) picks[n++] = i;
  if (n == 0) return NULL;
  int need = picks[rnd_below(rng, n)];
  if (g == G_NEED) {
    const scn_strs *k = &sc->needs[need].keywords;
    return k->n ? k->v[rnd_below(rng, k->n)] : NULL;
  }
  for (int b = 0; b < sc->n_benefits; b++)
    for (int a = 0; a < sc->benefits[b].answers.n; a++)
      if (sc->benefits[b].need_index && sc->benefits[b].need_index[a] == need &&
          sc->benefits[b].keywords.n)
        return sc->benefits[b].keywords.v[rnd_below(rng, sc->benefits[b].keywords.n)];
  return NULL;
}

/* Appends a random phrase of group g (nothing when the group is empty); words about needs and
** benefits lean, three times in four, towards the needs the customer has voiced. */
static void put(const walk_vocab *v, strbuf *b, uint64_t *rng, int g, uint64_t voiced) {
  if (g < 0 || g >= G_COUNT || v->g[g].n == 0) return;
  const char *w = NULL;
  if ((g == G_NEED || g == G_BENEFIT) && voiced && rnd_below(rng, 4) > 0)
    w = voiced_word(v, rng, g, voiced);
  if (!w) w = v->g[g].v[rnd_below(rng, v->g[g].n)];
  if (b->len) sb_puts(b, v->zh ? "," : " ");
  sb_puts(b, w);
}

/* The steps of a visit as the sales model orders them; each names the groups of its line. */
static const int plan[][4] = {
  { CLS_GREET, CLS_SMALL_TALK, -1, -1 },
  { CLS_OPEN_QUESTION, G_REVEAL, -1, -1 },
  { CLS_OPEN_QUESTION, G_NEED, -1, -1 },
  { CLS_CONFIRM_NEED, G_NEED, -1, -1 },
  { CLS_ASK_DECISION_CHAIN, G_PERSON, -1, -1 },
  { CLS_PRESENT_BENEFIT, G_BENEFIT, G_NEED, -1 },
  { CLS_PROOF, CLS_GAIN_APPEAL, G_BENEFIT, -1 },
  { CLS_CHECK_CONCERNS, G_WHEN, -1, -1 },
  { CLS_SUMMARIZE_BENEFITS, G_NEED, G_BENEFIT, G_BENEFIT },
  { CLS_ASK_COMMITMENT, G_COMMIT, G_TIME, G_PERSON },
  { CLS_PROBE_REFUSAL, G_OBJECTION, -1, -1 },
  { CLS_HANDLE_OBJECTION, G_OBJECTION, G_BENEFIT, -1 },
  { CLS_LOWER_ASK, G_COMMIT, G_TIME, G_PLACE },
  { CLS_ASK_ORDER, CLS_LOSS_APPEAL, G_COMMIT, -1 },
  { CLS_ASK_PAYMENT, CLS_ASK_REFERRAL, G_TIME, G_PERSON },
  { CLS_THANK, CLS_LEAVE, -1, -1 },
};
#define PLAN_STEPS ((int)(sizeof plan / sizeof plan[0]))

char *walk_line(const walk_vocab *v, uint64_t *rng, int step) {
  return walk_line_for(v, rng, step, 0);
}

/* Line `step` of a walk: step >= 0 follows the plan at that step (with noise), step < 0 is a
** line of random groups. */
char *walk_line_for(const walk_vocab *v, uint64_t *rng, int step, uint64_t voiced) {
  strbuf b = {0};
  if (step >= 0) {
    const int *p = plan[step % PLAN_STEPS];
    for (int i = 0; i < 4; i++)
      if (p[i] >= 0 && rnd_below(rng, 5) > 0) put(v, &b, rng, p[i], voiced);
  }
  if (step < 0 || b.len == 0) {
    int parts = 1 + rnd_below(rng, 3);
    for (int i = 0; i < parts; i++) put(v, &b, rng, rnd_below(rng, G_COUNT), voiced);
  }
  if (b.len == 0) sb_puts(&b, v->zh ? "您好" : "hello");
  if (v->zh) sb_puts(&b, rnd_below(rng, 2) ? "?" : "。");
  else sb_puts(&b, rnd_below(rng, 2) ? "?" : ".");
  return sb_take(&b);
}
/* }=== */

/* {=== tallies */

typedef struct tally {
  char *said_key;          /* per lines key: said at least once */
  char *revealed;          /* per need */
  char *given, *asked;     /* per commitment */
  char *raised;            /* per objection */
  strbuf seen_errors;      /* first lines of Lua errors already reported, "\n"-separated */
  strbuf seen_dead;        /* move sets of dead ends already reported */
} tally;

static void note_events(const scenario *sc, tally *t, const cust_events *ev) {
  for (int i = 0; i < ev->n; i++) {
    const cust_event *e = &ev->v[i];
    switch (e->kind) {
    case CUST_EV_SAY:
      if (e->key)
        for (int k = 0; k < sc->n_lines; k++)   /* first bytes first: most keys differ there */
          if (sc->lines[k].key[0] == e->key[0] && strcmp(sc->lines[k].key, e->key) == 0) t->said_key[k] = 1;
      break;
    case CUST_EV_REVEAL:
      if (e->index >= 0 && e->index < sc->n_needs) t->revealed[e->index] = 1;
      break;
    case CUST_EV_GIVE:
      if (e->index >= 0 && e->index < sc->n_commitments) t->given[e->index] = 1;
      break;
    case CUST_EV_OBJECTION:
      if (e->index >= 0 && e->index < sc->n_objections) t->raised[e->index] = 1;
      break;
    default: break;
    }
  }
}

/* 1 when the event list holds nothing a trainee would see (state changes are invisible). */
static int silent(const cust_events *ev) {
  for (int i = 0; i < ev->n; i++)
    if (ev->v[i].kind != CUST_EV_STATE && ev->v[i].kind != CUST_EV_ERROR) return 0;
  return 1;
}

/* "needle\n" in a "\n"-separated list. */
static int seen(strbuf *list, const char *item) {
  size_t n = strlen(item);
  for (const char *p = list->s; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len == n && memcmp(p, item, n) == 0) return 1;
    p = nl ? nl + 1 : p + len;
  }
  sb_append(list, item, n);
  sb_putc(list, '\n');
  return 0;
}

/* Where a Lua error points: the "file.lua:LINE:" its text starts with, resolved against the
** scenario's behaviour path when the names match; else the behaviour key in the scenario. */
static void report_lua_error(const scenario *sc, diag *d, const char *text, int walk, int turn) {
  const char *nl = strchr(text, '\n');
  int len = (int)(nl ? (size_t)(nl - text) : strlen(text));
  const char *colon = memchr(text, ':', (size_t)len);
  int line = 0;
  char file[512] = "";
  if (colon && colon - text < (long)sizeof file && colon - text >= 4 &&
      strncmp(colon - 4, ".lua", 4) == 0 && sscanf(colon + 1, "%d", &line) == 1) {
    snprintf(file, sizeof file, "%.*s", (int)(colon - text), text);
    const char *base = strrchr(sc->behaviour ? sc->behaviour : "", '/');
    base = base ? base + 1 : sc->behaviour;
    const char *fbase = strrchr(file, '/');
    fbase = fbase ? fbase + 1 : file;
    if (sc->behaviour && base && strcmp(base, fbase) == 0) snprintf(file, sizeof file, "%s", sc->behaviour);
  }
  char w[16], tn[16];
  snprintf(w, sizeof w, "%d", walk);
  snprintf(tn, sizeof tn, "%d", turn);
  char *msg = xstrndup(text, (size_t)len);
  if (line > 0)
    msg_diag(d, DIAG_WARNING, file, line, 1, "cli.walk.lua_error", "walk", w, "turn", tn, "error", msg, NULL);
  else
    msg_diag(d, DIAG_WARNING, sc->file, sc->behaviour_pos.line > 0 ? sc->behaviour_pos.line : 1,
         sc->behaviour_pos.col > 0 ? sc->behaviour_pos.col : 1, "cli.walk.lua_error", "walk", w,
         "turn", tn, "error", msg, NULL);
  free(msg);
}

static void check_errors(const scenario *sc, tally *t, diag *d, const cust_events *ev, int walk,
                         int turn, walk_stats *st) {
  for (int i = 0; i < ev->n; i++) {
    if (ev->v[i].kind != CUST_EV_ERROR || !ev->v[i].text) continue;
    const char *txt = ev->v[i].text;
    const char *nl = strchr(txt, '\n');
    char *first = xstrndup(txt, nl ? (size_t)(nl - txt) : strlen(txt));
    if (!seen(&t->seen_errors, first)) { report_lua_error(sc, d, txt, walk, turn); st->lua_errors++; }
    free(first);
  }
}

/* Where a dead end is reported: the behaviour script when there is one, else the first reaction. */
static scn_pos dead_end_pos(const scenario *sc) {
  scn_pos p = { 1, 1 };
  if (sc->behaviour && sc->behaviour_pos.line > 0) p = sc->behaviour_pos;
  else if (sc->n_reactions > 0 && sc->reactions[0].pos.line > 0) p = sc->reactions[0].pos;
  return p;
}

static void check_dead_end(const scenario *sc, tally *t, diag *d, const sess_turn *tu, int walk,
                           walk_stats *st) {
  if (!tu->cls.moves || !silent(&tu->events)) return;
  strbuf moves = {0};
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(&tu->cls, m)) sb_printf(&moves, "%s%s", moves.len ? " " : "", cls_move_name((cls_move)m));
  if (!seen(&t->seen_dead, moves.s)) {
    scn_pos p = dead_end_pos(sc);
    char w[16], tn[16];
    snprintf(w, sizeof w, "%d", walk);
    snprintf(tn, sizeof tn, "%d", tu->n);
    msg_diag(d, DIAG_WARNING, sc->file, p.line, p.col, "cli.walk.dead_end", "moves", moves.s, "walk", w, "turn", tn,
         "text", tu->text ? tu->text : "", NULL);
    st->dead_ends++;
  }
  sb_free(&moves);
}
/* }=== */

/* Plays one walk; returns -1 when the session cannot start. */
static int one_walk(const scenario *sc, cls_classifier *cls, cls_cache *reader, cust_host **cust,
                    const walk_vocab *v, uint64_t seed, int walk, int max_turns, tally *t, diag *d,
                    walk_stats *st, cov_set *cov) {
  uint64_t rng = seed;
  diag sd;
  diag_init(&sd);
  sess_options so = { .seed = rnd_next(&rng), .transcript = "", .classifier = cls, .customer = *cust,
                      .reader = reader };
  session *s = sess_new(sc, &so, &sd);
  if (!s && *cust) {   /* the shared customer cannot go on: this walk and the next build their own */
    cust_free(*cust);
    *cust = NULL;
    diag_free(&sd);
    diag_init(&sd);
    so.customer = NULL;
    s = sess_new(sc, &so, &sd);
  }
  if (!s) {
    for (int i = 0; i < sd.n; i++)
      diag_add(d, DIAG_ERROR, sd.v[i].file, sd.v[i].line, sd.v[i].col, "%s", sd.v[i].msg);
    diag_free(&sd);
    return -1;
  }
  diag_free(&sd);
  st->sessions++;
  const cust_events *open = sess_start(s);
  note_events(sc, t, open);
  check_errors(sc, t, d, open, walk, 0, st);
  int guided = rnd_below(&rng, 2) == 0;
  int turns = 3 + rnd_below(&rng, max_turns > 3 ? max_turns - 2 : 1);
  int step = 0;
  for (int k = 0; k < turns && !sess_over(s); k++) {
    sess_snapshot now;
    sess_snapshot_now(s, &now);
    char *line = walk_line_for(v, &rng, guided ? step : -1, now.revealed | now.confirmed);
    if (guided) {   /* mostly the next step; sometimes the same again, sometimes one skipped */
      int r = rnd_below(&rng, 8);
      step += r == 0 ? 0 : r == 1 ? 2 : 1;
    }
    const sess_turn *tu = sess_say(s, line, strlen(line));
    free(line);
    if (!tu) break;
    st->turns++;
    if (tu->cls.commitment >= 0 && tu->cls.commitment < sc->n_commitments) t->asked[tu->cls.commitment] = 1;
    note_events(sc, t, &tu->events);
    check_errors(sc, t, d, &tu->events, walk, tu->n, st);
    check_dead_end(sc, t, d, tu, walk, st);
  }
  sess_finish(s, SESS_END_EOF);
  note_events(sc, t, &s->closing);
  check_errors(sc, t, d, &s->closing, walk, s->n_turns, st);
  score_result r;
  score_session(s, &r);   /* the scorer must cope with every walk too */
  score_result_free(&r);
  if (cov) cov_session(cov, s);
  sess_free(s);
  return 0;
}

/* The warnings for what no walk reached.  cov (NULL without --coverage) holds the written tests
** too: a key only they reach is said to be so, else the warning beside coverage's "26/27 reached"
** read as a contradiction to a trainer (play-test 11). */
static void report_unreached(const scenario *sc, const tally *t, int walks, const cov_set *cov, diag *d,
                             walk_stats *st) {
  char n[16];
  snprintf(n, sizeof n, "%d", walks);
  for (int i = 0; i < sc->n_lines; i++)
    if (!t->said_key[i]) {
      const char *key = cov && cov_line_said(cov, i) ? "cli.walk.line_unsaid_tested" : "cli.walk.line_unsaid";
      msg_diag(d, DIAG_WARNING, sc->file, sc->lines[i].pos.line, sc->lines[i].pos.col, key,
           "key", sc->lines[i].key, "walks", n, NULL);
      st->unreached++;
    }
  for (int i = 0; i < sc->n_needs; i++)
    if (!t->revealed[i]) {
      msg_diag(d, DIAG_WARNING, sc->file, sc->needs[i].pos.line, sc->needs[i].pos.col, "cli.walk.need_unrevealed",
           "id", sc->needs[i].id, "walks", n, NULL);
      st->unreached++;
    }
  for (int i = 0; i < sc->n_commitments; i++)
    if (!t->given[i]) {
      msg_diag(d, DIAG_WARNING, sc->file, sc->commitments[i].pos.line, sc->commitments[i].pos.col,
           t->asked[i] ? "cli.walk.commitment_ungiven" : "cli.walk.commitment_unasked",
           "id", sc->commitments[i].id, "walks", n, NULL);
      st->unreached++;
    }
  for (int i = 0; i < sc->n_objections; i++)
    if (!t->raised[i]) {
      msg_diag(d, DIAG_WARNING, sc->file, sc->objections[i].pos.line, sc->objections[i].pos.col,
           "cli.walk.objection_unraised", "id", sc->objections[i].id, "walks", n, NULL);
      st->unreached++;
    }
}

int walk_scenario(const scenario *sc, const walk_options *o, diag *d, walk_stats *st) {
  memset(st, 0, sizeof *st);
  if (o->walks <= 0) return 0;
  /* a campaign gets the default length for each of its visits */
  int max_turns = o->max_turns > 0 ? o->max_turns
                                   : WALK_DEFAULT_TURNS * (sc->n_visits > 1 ? sc->n_visits : 1);
  tally t = {
    .said_key = xcalloc((size_t)sc->n_lines + 1, 1), .revealed = xcalloc((size_t)sc->n_needs + 1, 1),
    .given = xcalloc((size_t)sc->n_commitments + 1, 1), .asked = xcalloc((size_t)sc->n_commitments + 1, 1),
    .raised = xcalloc((size_t)sc->n_objections + 1, 1),
  };
  walk_vocab *v = walk_vocab_new(sc);
  uint64_t master = o->seed ^ util_hash64(sc->id, strlen(sc->id));
  int rc = 0;
  diag cd;   /* one classifier for every walk; when it cannot be built, each walk says why */
  diag_init(&cd);
  cls_classifier *own = o->classifier ? NULL : cls_new(sc->language, sc, &cd);
  cls_classifier *cls = o->classifier ? o->classifier : own;
  diag_free(&cd);
  /* the walks' lines are a few phrases each from the scenario's words, and come back: a line's
  ** reading depends on the classifier and its bytes alone, so it is read once a run */
  cls_cache *reader = o->reader && cls == o->classifier ? o->reader : NULL, *own_reader = NULL;
  if (!reader && cls) reader = own_reader = cls_cache_new(cls, o->check_reader);
  long hits0 = 0, reads0 = 0, differed0 = 0;
  if (reader) cls_cache_stats(reader, &hits0, &reads0, &differed0);
  /* one customer too, started over for each walk (cust_reset): building it was half the time */
  diag_init(&cd);
  cust_limits lim;
  cust_limits_default(&lim);
  lim.reused = 1;
  cust_host *cust = cls ? cust_new(sc, o->seed, &lim, &cd) : NULL;
  diag_free(&cd);
  for (int w = 1; w <= o->walks; w++) {
    uint64_t seed = rnd_next(&master);
    if (one_walk(sc, cls, reader, &cust, v, seed, w, max_turns, &t, d, st, o->coverage) < 0) { rc = -1; break; }
  }
  if (reader) {
    cls_cache_stats(reader, &st->read_hits, &st->reads, &st->read_differed);
    st->read_hits -= hits0;
    st->reads -= reads0;
    st->read_differed -= differed0;
  }
  cls_cache_free(own_reader);
  cust_free(cust);
  if (own) cls_free(own);
  if (rc == 0) report_unreached(sc, &t, o->walks, o->coverage, d, st);
  walk_vocab_free(v);
  free(t.said_key); free(t.revealed); free(t.given); free(t.asked); free(t.raised);
  sb_free(&t.seen_errors);
  sb_free(&t.seen_dead);
  return rc;
}
