/*
** classify.c: one trainee line -> moves, slots and flags (classify.h).
**
** The line is sanitised and normalised (text.h), then read in one pass of the lexicon's
** automaton (lexicon.h) and the language's time patterns (timex.h).  The hits become a reading
** by the rules in classify_rules.c.  Building, lookups and JSON live here.
*/
#include <ctype.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "classify.h"
#include "amount.h"
#include "classify_int.h"
#include "clause.h"
#include "featurize.h"
#include "lexicon_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "text.h"
#include "util.h"
#include "ynode.h"

static const char *const move_names[] = {
#define X(c, s) s,
  CLS_MOVES(X)
#undef X
};

static const char *const slot_names[] = { "action", "time", "person", "place" };

/* Marker labels the rules read (lexicon `markers:` section). */
const char *const cls_marker_names[CLS_MK_COUNT] = {
  "request", "question", "wh", "vague", "negation", "summary", "customer_terms", "ignore",
  "scarcity", "offer", "seller", "customer", "confirm", "boast", "payer", "incoming", "dismiss",
  "subordinate", "telling", "asking", "asking_wh", "not_asking", "restated",
  "wanting", "opinion", "outcome", "agenda", "consent", "as_is", "visit_you", "how_about", "relative", "time_suits",
  "frame", "price_cut", "compare", "saving", "cheaper", "suggest", "when_asked", "past", "not_scarce",
};

int cls_has_label(const cls_result *r, const char *label) {
  for (int i = 0; i < r->n_matches; i++)   /* first bytes first: most labels differ there */
    if (r->matches[i].label[0] == label[0] && strcmp(r->matches[i].label, label) == 0) return 1;
  return 0;
}

const char *cls_item_keyword(const cls_result *r, const char *kind, const char *id) {
  if (!id) return NULL;
  size_t k = strlen(kind);
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strncmp(m->label, kind, k) == 0 && m->label[k] == ':' && strcmp(m->label + k + 1, id) == 0 &&
        strncmp(m->phrase, "similar:", 8) != 0 && strncmp(m->phrase, "rule:", 5) != 0)
      return m->phrase;
  }
  return NULL;
}

const cls_match *cls_loss_cue(const cls_result *r) {
  static const char *const cues[] = { "loss_appeal", "scarcity", "class:loss" };
  for (int i = 0; i < r->n_matches; i++)
    for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
      if (strcmp(r->matches[i].label, cues[k]) == 0) return &r->matches[i];
  return NULL;
}

/* The markers by first byte (a bit each), made once: cls_marker_is_feature is asked for every
** match of every line, and walked all 33 names for a first byte of each. */
static uint64_t marker_first[256];
static pthread_once_t marker_once = PTHREAD_ONCE_INIT;
static void index_markers(void) {
  for (int k = 0; k < CLS_MK_COUNT; k++) marker_first[(unsigned char)cls_marker_names[k][0]] |= CLS_MK_BIT(k);
}

int cls_marker_is_feature(const char *label) {
  pthread_once(&marker_once, index_markers);
  for (uint64_t m = marker_first[(unsigned char)label[0]]; m; m &= m - 1) {   /* in index order */
    int k = __builtin_ctzll(m);
    if (strcmp(cls_marker_names[k], label) == 0) return !(CLS_MK_UNFEATURED & CLS_MK_BIT(k));
  }
  return 1;
}

const char *const cls_model_flag_names[CLS_MF_COUNT] = { "ask", "specific", "vague", "loss", "gain" };

/* Name of a move, as in the JSON (docs/transcript.md, docs/classifier.md). */
const char *cls_move_name(cls_move m) {
  return (int)m >= 0 && m < CLS_MOVE_COUNT ? move_names[m] : "?";
}

/* Move of a name, -1 when unknown (lexicon and scenario validation). */
int cls_move_from_name(const char *name) {
  for (int i = 0; i < CLS_MOVE_COUNT; i++)   /* first bytes first: most names differ there */
    if (move_names[i][0] == name[0] && strcmp(move_names[i], name) == 0) return i;
  return -1;
}

/* "gain", "loss", or NULL for no tactic (JSON null). */
const char *cls_tactic_name(cls_tactic t) {
  return t == CLS_TACTIC_GAIN ? "gain" : t == CLS_TACTIC_LOSS ? "loss" : NULL;
}

/* Name of a slot: action, time, person, place. */
const char *cls_slot_name(cls_slot s) {
  return (int)s >= 0 && s < CLS_SLOT_COUNT ? slot_names[s] : "?";
}

/* Which names a lexicon may use in each section. */
static int known_label(const char *section, const char *label) {
  if (strcmp(section, "moves") == 0) return cls_move_from_name(label) >= 0;
  if (strcmp(section, "slots") == 0) {
    for (int i = 0; i < CLS_SLOT_COUNT; i++) if (strcmp(slot_names[i], label) == 0) return 1;
    return strcmp(label, "way") == 0;
  }
  for (int i = 0; i < CLS_MK_COUNT; i++) if (strcmp(cls_marker_names[i], label) == 0) return 1;
  return 0;
}

/* A scenario lexicon entry may name any move, slot or marker. */
static int known_any(const char *label) {
  return known_label("moves", label) || known_label("slots", label) || known_label("markers", label);
}

/* "kind:ID" (or "kind:?" without an id), malloc'd: joined by hand, as xasprintf's two passes
** cost a tenth of a shipped scenario's classifier. */
static char *kind_id(const char *kind, const char *id) {
  if (!id) id = "?";
  size_t k = strlen(kind), n = strlen(id);
  char *label = xmalloc(k + n + 2);
  memcpy(label, kind, k);
  label[k] = ':';
  memcpy(label + k + 1, id, n + 1);
  return label;
}

/* The label of one of a scenario's items, "kind:ID", interned. */
static int item_label(lexicon *lx, const char *kind, const char *id) {
  char *label = kind_id(kind, id);
  int l = lex_label_id(lx, label);
  free(label);
  return l;
}

/* Adds each keyword of one scenario list under "kind:ID". */
static void add_keywords(lexicon *lx, const char *file, const char *kind, const char *id,
                         const scn_strs *kw, scn_pos pos) {
  char *label = kind_id(kind, id);
  lex_label_id(lx, label);   /* interned even without keywords: the ids follow this order */
  char *src = xasprintf("%s:%d", file, pos.line);
  for (int i = 0; i < kw->n; i++) lex_add(lx, label, kw->v[i], src, NULL);
  free(src);
  free(label);
}

/* A benefit's id, or its number from 1 when it has none. */
static const char *benefit_id(const scn_benefit *b, int i, char idx[16]) {
  snprintf(idx, 16, "%d", i + 1);
  return b->id ? b->id : idx;
}

/* See classify_int.h. */
int cls_add_scenario_phrases(lexicon *lx, const scenario *sc, const char *file, diag *d) {
  int errs = 0;
  for (int i = 0; i < sc->n_lexicon; i++) {
    const scn_lex_entry *e = &sc->lexicon[i];
    if (e->off) continue;
    if (!known_any(e->name)) {
      msg_diag(d, DIAG_ERROR, file, e->pos.line, e->pos.col, "cli.lexicon.unknown_name", "name", e->name, NULL);
      errs++;
      continue;
    }
    char *src = xasprintf("%s:%d", file, e->pos.line);
    for (int j = 0; j < e->phrases.n; j++) {
      const char *why = NULL;
      if (lex_add(lx, e->name, e->phrases.v[j], src, &why) < 0) {
        diag_add(d, DIAG_ERROR, file, e->pos.line, e->pos.col, "lexicon '%s': phrase '%s': %s",
                 e->name, e->phrases.v[j], why);
        errs++;
      }
    }
    free(src);
  }
  for (int i = 0; i < sc->n_needs; i++)
    add_keywords(lx, file, "need", sc->needs[i].id, &sc->needs[i].keywords, sc->needs[i].pos);
  for (int i = 0; i < sc->n_benefits; i++) {
    char idx[16];
    add_keywords(lx, file, "benefit", benefit_id(&sc->benefits[i], i, idx), &sc->benefits[i].keywords,
                 sc->benefits[i].pos);
  }
  for (int i = 0; i < sc->n_objections; i++)
    add_keywords(lx, file, "objection", sc->objections[i].id, &sc->objections[i].keywords, sc->objections[i].pos);
  for (int i = 0; i < sc->n_commitments; i++)
    add_keywords(lx, file, "commitment", sc->commitments[i].id, &sc->commitments[i].keywords,
                 sc->commitments[i].pos);
  return errs;
}

/* Adds the words of one text to the set ctx (also lex_each_phrase_of's callback). */
static void add_words_of(void *ctx, const char *text) {
  wd_words *w = ctx;
  if (wd_words_add_ascii(w, text)) return;   /* most texts: no normalised copy */
  size_t n;
  char *t = txt_normalize(text, strlen(text), &n);
  wd_words_add(w, t);
  free(t);
}

static void own_add(wd_words *w, const scn_strs *v) {
  for (int i = 0; i < v->n; i++) add_words_of(w, v->v[i]);
}

/* See classify_int.h. */
void cls_add_scenario_words(wd_words *w, const scenario *sc) {
  for (int i = 0; i < sc->n_lexicon; i++) if (!sc->lexicon[i].off) own_add(w, &sc->lexicon[i].phrases);
  for (int i = 0; i < sc->n_needs; i++) { own_add(w, &sc->needs[i].keywords); own_add(w, &sc->needs[i].examples); }
  for (int i = 0; i < sc->n_benefits; i++) { own_add(w, &sc->benefits[i].keywords); own_add(w, &sc->benefits[i].examples); }
  for (int i = 0; i < sc->n_objections; i++) { own_add(w, &sc->objections[i].keywords); own_add(w, &sc->objections[i].examples); }
  for (int i = 0; i < sc->n_commitments; i++) { own_add(w, &sc->commitments[i].keywords); own_add(w, &sc->commitments[i].examples); }
}

/* The English words the typo corrector leaves alone (words.h): the lexicon's variant spellings
** ("theyre" is read as "they're", not corrected to "there": found in play) and, with a scenario
** (may be NULL), its own words: its lexicon phrases, keywords and examples.  A shipped
** scenario's were made at build time (builtin.h, bi_words): reading its texts again was a
** tenth of a start (0.5 M instructions, docs/performance.md, fifth pass). */
static wd_words *own_words(const lexicon *lx, const scenario *sc) {
  wd_words *w = wd_words_new();
  /* the variant labels first: a phrase is looked at only when its label is one (the lexicon
  ** holds some two thousand phrases, a few dozen of them variants) */
  int nl = lex_label_count(lx);
  unsigned char *variant = xcalloc((size_t)nl + 1, 1);
  for (int l = 0; l < nl; l++) variant[l] = strncmp(lex_label_name(lx, l), "variant:", 8) == 0;
  lex_each_phrase_of(lx, variant, add_words_of, w);
  free(variant);
  if (!sc) return w;
  const bi_entry *img = sc->src_len ? bi_find_words(sc->src_len, sc->src_hash) : NULL;
  if (img) wd_words_take_sorted(w, (const uint64_t *)(const void *)img->bytes, img->n_bytes / sizeof(uint64_t));
  else cls_add_scenario_words(w, sc);
  return w;
}

/* The shipped lexicon of a language: the automaton compiled at build time when the file is the
** shipped one (builtin.h: the very file, by its stamp, or its bytes), else built from the file.  NULL after a message when there is no
** file to read; otherwise *errors counts the file's problems (each in d). */
lexicon *cls_load_lexicon(const char *lang, diag *d, int *errors) {
  char rel[64];
  snprintf(rel, sizeof rel, "lexicons/%s.yaml", lang);
  *errors = 0;
  char *path = util_data_path(rel);
  if (!path) {
    msg_diag(d, DIAG_ERROR, rel, 0, 0, "cli.lexicon.not_found", NULL);
    return NULL;
  }
  const bi_entry *built = bi_named(rel);
  if (built && built->lexicon && bi_unchanged(built, path)) {   /* the build's own file: not read */
    free(path);
    return lex_new_from(built->lexicon);
  }
  char err[256];
  size_t len;
  char *buf = util_read_file(path, YN_MAX_FILE, &len, err, sizeof err);
  if (!buf) {
    msg_diag(d, DIAG_ERROR, rel, 0, 0, "cli.lexicon.unreadable", "path", path, "error", err, NULL);
    free(path);
    return NULL;
  }
  free(path);
  const bi_entry *image = bi_find(rel, buf, len);
  lexicon *lx;
  if (image && image->lexicon) {
    lx = lex_new_from(image->lexicon);
  } else {
    lx = lex_new();
    *errors = lex_load_string(lx, rel, buf, len, known_label, d);
  }
  free(buf);
  return lx;
}

/* Loads the shipped lexicon of the language, adds the scenario's lexicon and keywords, builds
** the automaton and compiles the time patterns.  Every problem goes into d with its position. */
/* See classify.h.  "药快到期前半年就会自动提醒" was a loss appeal through 到期 (scarcity, the loss
** class) in a drug-expiry scenario whose trainer had switched off 过期 and 损失, and 到期 could
** not be switched off for loss_appeal (blind trainer, round 10). */
int cls_switch_off(lexicon *lx, const char *name, const char *phrase) {
  static const char *const loss_cues[] = { "scarcity", "class:loss", NULL }, *const gain_cues[] = { "class:gain", NULL };
  const char *const *cues = strcmp(name, "loss_appeal") == 0 ? loss_cues : strcmp(name, "gain_appeal") == 0 ? gain_cues : NULL;
  int n = lex_disable(lx, name, phrase);
  for (int k = 0; cues && cues[k]; k++) n += lex_disable(lx, cues[k], phrase);
  return n;
}

/* The people at the table by their short names (classify_int.h), those that are ASCII words. */
static void table_names(cls_classifier *c, const scenario *sc) {
  if (!sc || !sc->cust_name) return;
  char *people[SPK_MAX_PEOPLE];
  int n = spk_people(sc->cust_name, people, SPK_MAX_PEOPLE);
  if (n == 0) {   /* one customer: her first name */
    size_t k = strcspn(sc->cust_name, " ");
    people[0] = xstrndup(sc->cust_name, k);
    n = 1;
  }
  for (int i = 0; i < n; i++) {
    int word = people[i][0] != '\0';
    for (char *p = people[i]; *p && word; p++) {
      if (!isalpha((unsigned char)*p)) word = 0;
      else *p = (char)tolower((unsigned char)*p);
    }
    if (word && c->n_names < SPK_MAX_PEOPLE) c->names[c->n_names++] = people[i];
    else free(people[i]);
  }
}

cls_classifier *cls_new(const char *lang, const scenario *sc, diag *d) {
  if (!lang || !*lang) lang = sc && sc->language ? sc->language : "en";
  if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
    msg_diag(d, DIAG_ERROR, sc ? sc->file : "classify", 0, 0, "cli.lexicon.no_language", "lang", lang, NULL);
    return NULL;
  }
  int errs = 0;
  lexicon *lx = cls_load_lexicon(lang, d, &errs);
  if (!lx) return NULL;
  cls_classifier *c = xcalloc(1, sizeof *c);
  c->lang = xstrdup(lang);
  c->sc = sc;
  for (int k = 0; sc && k < sc->n_commitments && !c->rung_sums; k++)
    for (int j = 0; j < sc->commitments[k].keywords.n && !c->rung_sums; j++)
      c->rung_sums = amt_value(sc->commitments[k].keywords.v[j], strlen(sc->commitments[k].keywords.v[j])) > 0;
  c->lx = lx;
  if (sc) {
    const char *file = sc->file ? sc->file : "scenario";
    /* `switch_off:` first: it switches off built-in phrases, never the scenario's own */
    for (int i = 0; i < sc->n_lexicon; i++) {
      const scn_lex_entry *e = &sc->lexicon[i];
      if (!e->off) continue;
      for (int j = 0; j < e->phrases.n; j++)
        if (cls_switch_off(c->lx, e->name, e->phrases.v[j]) == 0) {
          msg_diag(d, DIAG_ERROR, file, e->pos.line, e->pos.col, "cli.lexicon.not_builtin", "phrase", e->phrases.v[j],
              "name", e->name, "lang", lang, NULL);
          errs++;
        }
    }
    /* then its own phrases: a shipped file's automaton of them was made at build time
    ** (builtin.h, bi_phrases; 0.4 M instructions of a start), unless the language's lexicon was
    ** read from an edited file, whose phrases the same automaton holds */
    const bi_entry *img = sc->src_len ? bi_find_phrases(sc->src_len, sc->src_hash) : NULL;
    if (!img || !img->lexicon || lex_take_added(c->lx, img->lexicon, file) != 0)
      errs += cls_add_scenario_phrases(c->lx, sc, file, d);
    c->need_label = xmalloc(sizeof(int) * (size_t)(sc->n_needs + 1));
    c->benefit_label = xmalloc(sizeof(int) * (size_t)(sc->n_benefits + 1));
    c->objection_label = xmalloc(sizeof(int) * (size_t)(sc->n_objections + 1));
    c->commitment_label = xmalloc(sizeof(int) * (size_t)(sc->n_commitments + 1));
    for (int i = 0; i < sc->n_needs; i++) c->need_label[i] = item_label(c->lx, "need", sc->needs[i].id);
    for (int i = 0; i < sc->n_benefits; i++) {
      char idx[16];
      c->benefit_label[i] = item_label(c->lx, "benefit", benefit_id(&sc->benefits[i], i, idx));
    }
    for (int i = 0; i < sc->n_objections; i++) c->objection_label[i] = item_label(c->lx, "objection", sc->objections[i].id);
    for (int i = 0; i < sc->n_commitments; i++)
      c->commitment_label[i] = item_label(c->lx, "commitment", sc->commitments[i].id);
  }
  if (errs) { cls_free(c); return NULL; }
  for (int m = 0; m < CLS_MOVE_COUNT; m++) c->move_label[m] = lex_label_id(c->lx, move_names[m]);
  c->n_label_move = lex_label_count(c->lx);
  c->label_move = xcalloc((size_t)c->n_label_move + 1, 1);
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (c->move_label[m] >= 0 && c->move_label[m] < c->n_label_move) c->label_move[c->move_label[m]] = 1;
  for (int s = 0; s < CLS_SLOT_COUNT; s++) c->slot_label[s] = lex_label_id(c->lx, slot_names[s]);
  c->way_label = lex_label_id(c->lx, "way");
  for (int k = 0; k < CLS_MK_COUNT; k++) {
    c->marker_label[k] = lex_label_id(c->lx, cls_marker_names[k]);
    if (CLS_MK_QUIET & CLS_MK_BIT(k)) lex_set_quiet(c->lx, c->marker_label[k]);
  }
  /* Built now, not by the first match: a scenario with thousands of phrases of its own would
  ** make the trainee's first line wait (16 ms at 100x in docs/performance.md, "Growth"). */
  lex_build(c->lx);
  c->tx = tx_new(lang, d);
  if (!c->tx) { cls_free(c); return NULL; }
  c->model = mdl_find(lang);
  for (int m = 0; m < CLS_MOVE_COUNT; m++) c->model_move[m] = c->model ? mdl_label(c->model, move_names[m]) : -1;
  for (int k = 0; k < CLS_MF_COUNT; k++)
    c->model_flag[k] = c->model ? mdl_label(c->model, cls_model_flag_names[k]) : -1;
  for (int l = 0; l < lex_label_count(c->lx) && !c->has_variants; l++)
    c->has_variants = strncmp(lex_label_name(c->lx, l), "variant:", 8) == 0;
  c->stem = wd_new();
  if (strcmp(lang, "en") == 0) c->own_words = own_words(c->lx, sc);
  c->links = lnk_new(sc, c->stem);   /* built once here: a turn only scores the line */
  table_names(c, sc);
  return c;
}

/* See classify.h. */
/* 1 when r names a person outside the clause that only addresses her ("赵主任," opening the ask is
** whom it is said to, not someone to bring). */
static int names_someone(const cls_result *r) {
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (m->end > m->start && strcmp(m->label, "person") == 0 && !cl[cl_at(cl, n, m->start)].addressed) return 1;
  }
  return 0;
}

int cls_rung_needs_no_who(cls_classifier *c, int j) {
  const scenario *sc = c ? c->sc : NULL;
  if (!sc || j < 0 || j >= sc->n_commitments || j >= 64) return 0;
  uint64_t b = (uint64_t)1 << j;
  if (c->nowho_known & b) return (int)(c->nowho >> j & 1);
  const scn_commitment *cm = &sc->commitments[j];
  /* fewer than a quarter of its example asks name a person or a place: one of a dozen that says
  ** "for your shop" in passing ("Shall I earmark forty sets for your shop ...?") does not make a
  ** reservation a meeting (wave 9's examples turned reserve_sets' specific asks vague, -15); the
  ** name an example is said to does not count ("赵主任,能不能把智慧病房项目报进明年的信息化预算?":
  ** play-test 22, "报进明年的信息化预算, 这个月底前" was "no person or place", -15, and the Try line
  ** named none either) */
  int with = 0, n = cm->examples.n;
  for (int e = 0; e < n; e++) {
    /* read until the answer is known (each example is a whole reading: 230 K instructions) */
    if (4 * with >= n || 4 * (with + n - e) < n) break;
    const char *ex = cm->examples.v[e];
    if (!ex) continue;
    cls_result er;
    cls_classify(c, ex, strlen(ex), &er);
    if (er.slots[CLS_SLOT_PLACE] || (er.slots[CLS_SLOT_PERSON] && names_someone(&er))) with++;
    cls_result_free(&er);
  }
  int none = cm->examples.n > 0 && 4 * with < cm->examples.n;
  c->nowho_known |= b;
  if (none) c->nowho |= b;
  return none;
}

/* Releases a classifier (not the scenario it was built with). */
void cls_free(cls_classifier *c) {
  if (!c) return;
  lex_free(c->lx);
  tx_free(c->tx);
  lnk_free(c->links);
  wd_free(c->stem);
  wd_words_free(c->own_words);
  free(c->features);
  free(c->label_move);
  free(c->need_label); free(c->benefit_label); free(c->objection_label); free(c->commitment_label);
  for (int i = 0; i < c->n_names; i++) free(c->names[i]);
  free(c->lang);
  free(c);
}

/* See classify_int.h.  The array holds 4, 8, 16 ... entries (a power of two from 4 on), so it
** grows at those counts only: every appender goes through here. */
cls_match *cls_match_push(cls_result *r) {
  int n = r->n_matches;
  if (n == 0 || (n >= 4 && (n & (n - 1)) == 0))
    r->matches = xrealloc(r->matches, (size_t)(n == 0 ? 4 : 2 * n) * sizeof *r->matches);
  return &r->matches[r->n_matches++];
}

void cls_match_push_packed(cls_result *r, const char *label, const char *phrase, const char *source,
                           size_t start, size_t end) {
  size_t nl = strlen(label) + 1, np = strlen(phrase) + 1, ns = strlen(source) + 1;
  char *b = xmalloc(nl + np + ns);
  memcpy(b, label, nl);
  memcpy(b + nl, phrase, np);
  memcpy(b + nl + np, source, ns);
  *cls_match_push(r) = (cls_match){ b, b + nl, b + nl + np, start, end, 1 };
}

/* Releases a reading and leaves it empty (commitment -1). */
void cls_result_free(cls_result *r) {
  if (!r) return;
  free(r->text); free(r->norm);
  for (int i = 0; i < CLS_SLOT_COUNT; i++) free(r->slots[i]);
  free(r->needs); free(r->benefits); free(r->objections);
  for (int i = 0; i < r->n_matches; i++) {
    free(r->matches[i].label);
    if (!r->matches[i].packed) { free(r->matches[i].phrase); free(r->matches[i].source); }
  }
  free(r->matches);
  free(r->probs); free(r->rows);
  memset(r, 0, sizeof *r);
  r->commitment = -1;
}

/* zh when the text holds a CJK character, else en. */
const char *cls_guess_lang(const char *text) {
  return text && txt_has_cjk(text) ? "zh" : "en";
}

const lexicon *cls_lexicon(const cls_classifier *c) { return c->lx; }
const struct mdl_image *cls_model(const cls_classifier *c) { return c->model; }
struct lnk_index *cls_links(const cls_classifier *c) { return c->links; }
struct wd_stemmer *cls_stemmer(const cls_classifier *c) { return c->stem; }

/* See classify.h. */
const char *cls_link_text(const cls_match *m) {
  if (strncmp(m->phrase, "similar:", 8) != 0 || !strchr(m->label, ':')) return NULL;
  const char *thr = strchr(m->phrase + 8, ':'), *text = thr ? strchr(thr + 1, ':') : NULL;
  return text ? text + 1 : NULL;
}

/* JSON: see classify.h and docs/transcript.md ("salesim classify --json"). */
char *cls_match_text(const cls_match *m, const char *lang) {
  if (strncmp(m->phrase, "rule:", 5) == 0) {
    char *key = xasprintf("cli.rule.%s", m->phrase + 5);
    char *why = msg_get(lang, key, NULL);
    char *out = msg_get(lang, "cli.classify.rule", "why", why, NULL);
    free(why);
    free(key);
    return out;
  }
  const char *text = cls_link_text(m);
  if (text) {   /* a link by meaning: similar:SCORE:THRESHOLD:TEXT */
    const char *score = m->phrase + 8, *thr = strchr(score, ':');
    char *s = xstrndup(score, (size_t)(thr - score)), *t = xstrndup(thr + 1, (size_t)(text - thr - 2));
    /* (a score no single example gives, the item's examples together: "similar to:  (0.19 >= 0.17)"
    ** named nothing, play-test 31c L4) */
    char *out = msg_get(lang, *text ? "cli.classify.similar" : "cli.classify.similar_all", "text", text, "score", s,
                        "threshold", t, NULL);
    free(s);
    free(t);
    return out;
  }
  int typo = strcmp(m->label, "typo") == 0;
  if (typo || strcmp(m->label, "variant") == 0)
    return msg_get(lang, typo ? "cli.rule.typos" : "cli.rule.variants", "count", m->phrase, NULL);
  return xstrdup(m->phrase);
}

/* The phrase of a match is shown in English here: the JSON (a transcript's too) is data whose
** bytes do not change with the terminal's language. */
struct json_t *cls_result_json(const cls_result *r, const scenario *sc) {
  json_t *o = json_object();
  json_object_set_new(o, "text", json_string(r->text ? r->text : ""));
  json_object_set_new(o, "norm", json_string(r->norm ? r->norm : ""));
  json_t *mv = json_array();
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(r, m)) json_array_append_new(mv, json_string(move_names[m]));
  json_object_set_new(o, "moves", mv);
  json_t *bm = json_array();   /* the moves the model gave where the rules were silent */
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if ((r->model_moves >> m) & 1) json_array_append_new(bm, json_string(move_names[m]));
  json_object_set_new(o, "by_model", bm);
  json_t *sl = json_object();
  for (int s = 0; s < CLS_SLOT_COUNT; s++)
    json_object_set_new(sl, slot_names[s], r->slots[s] ? json_string(r->slots[s]) : json_null());
  json_object_set_new(o, "slots", sl);
  json_object_set_new(o, "specific", json_boolean(r->specific));
  json_object_set_new(o, "vague", json_boolean(r->vague));
  json_object_set_new(o, "question", json_boolean(r->question));
  json_object_set_new(o, "negated", json_boolean(r->negated));
  const char *tn = cls_tactic_name(r->tactic);
  json_object_set_new(o, "tactic", tn ? json_string(tn) : json_null());
  if (sc) {
    json_t *a = json_array();
    for (int i = 0; i < r->n_needs; i++)
      if (r->needs[i] >= 0 && r->needs[i] < sc->n_needs) json_array_append_new(a, json_string(sc->needs[r->needs[i]].id));
    json_object_set_new(o, "needs", a);
    a = json_array();
    for (int i = 0; i < r->n_benefits; i++) {
      int b = r->benefits[i];
      if (b < 0 || b >= sc->n_benefits) continue;
      if (sc->benefits[b].id) json_array_append_new(a, json_string(sc->benefits[b].id));
      else json_array_append_new(a, json_integer(b + 1));
    }
    json_object_set_new(o, "benefits", a);
    a = json_array();
    for (int i = 0; i < r->n_objections; i++)
      if (r->objections[i] >= 0 && r->objections[i] < sc->n_objections)
        json_array_append_new(a, json_string(sc->objections[r->objections[i]].id));
    json_object_set_new(o, "objections", a);
    json_object_set_new(o, "commitment", r->commitment >= 0 && r->commitment < sc->n_commitments
                        ? json_string(sc->commitments[r->commitment].id) : json_null());
  }
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl);
  json_t *ca = json_array();
  for (int k = 0; k < ncl; k++)
    json_array_append_new(ca, json_pack("{s:s%, s:s, s:s, s:b}", "text", r->norm + cl[k].start,
                                        cl[k].end - cl[k].start, "agent", cl_agent_name(cl[k].agent),
                                        "mood", cl_mood_name(cl[k].mood), "addressee", cl[k].addressed));
  json_object_set_new(o, "clauses", ca);
  json_t *ma = json_array();
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    json_t *x = json_object();
    json_object_set_new(x, "label", json_string(m->label));
    char *phrase = cls_match_text(m, MSG_REF_LANG);
    json_object_set_new(x, "phrase", json_string(phrase));
    free(phrase);
    json_object_set_new(x, "source", json_string(m->source));
    json_object_set_new(x, "start", json_integer((json_int_t)m->start));
    json_object_set_new(x, "end", json_integer((json_int_t)m->end));
    json_array_append_new(ma, x);
  }
  json_object_set_new(o, "matched", ma);
  return o;
}
