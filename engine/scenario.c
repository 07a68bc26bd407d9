/*
** scenario.c: loads a scenario file into the model of scenario.h.
** The load reads the sections that define things (state, needs, objections, lines) before the
** sections that refer to them (benefits, commitments, reactions, visits, tests: see
** scenario_validate.c), so order in the file does not matter and every reference is checked
** with the position of the node that makes it.  Every problem is reported; any problem means
** no scenario is returned.
*/
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "caps.h"
#include "scenario_int.h"
#include "suggest.h"
#include "util.h"

/* {=== names and lookups */

/* See scenario.h. */
scn_family scn_kind_family(scn_kind k) {
  return k == SCN_KIND_PAYMENT ? SCN_FAMILY_PAYMENT : k == SCN_KIND_REFERRAL ? SCN_FAMILY_REFERRAL : SCN_FAMILY_DEAL;
}

/* See scenario.h. */
int scn_rung_below(const scenario *s, int asked, int refused) {
  if (!s || refused < 0 || asked <= refused || asked >= s->n_commitments) return 0;
  return scn_kind_family(s->commitments[asked].kind) == scn_kind_family(s->commitments[refused].kind);
}

/* See scenario.h.  (score.c's visit_kind derives the same, for every kind.) */
int scn_visit_collects(const scenario *s, int v) {
  if (!s) return 0;
  int given = v >= 0 && v < s->n_visits ? s->visits[v].kind : SCN_VISIT_DERIVED;
  if (given == SCN_VISIT_DERIVED) given = s->visit_kind;
  if (given != SCN_VISIT_DERIVED) return given == SCN_VISIT_PAYMENT;
  const scn_strs *offer = v >= 0 && v < s->n_visits ? &s->visits[v].commitments : NULL;
  int any = 0;
  for (int j = 0; j < s->n_commitments; j++) {
    int on = !offer || offer->n == 0;
    for (int i = 0; offer && i < offer->n && !on; i++)
      on = offer->v[i] && s->commitments[j].id && strcmp(offer->v[i], s->commitments[j].id) == 0;
    if (!on) continue;
    if (scn_kind_family(s->commitments[j].kind) != SCN_FAMILY_PAYMENT) return 0;
    any = 1;
  }
  return any;
}

const char *scn_level_name(scn_level l) {
  switch (l) {
  case SCN_LEVEL_HIGH: return "high";
  case SCN_LEVEL_MID: return "mid";
  case SCN_LEVEL_LOW: return "low";
  }
  return "?";
}

/* The YAML spelling of a commitment kind. */
const char *scn_kind_name(scn_kind k) {
  switch (k) {
  case SCN_KIND_ADVANCE: return "advance";
  case SCN_KIND_ORDER: return "order";
  case SCN_KIND_PAYMENT: return "payment";
  case SCN_KIND_REFERRAL: return "referral";
  }
  return "?";
}

/* Lookups by id or key: linear, since a scenario holds tens of each. */
int scn_need_index(const scenario *s, const char *id) {
  for (int i = 0; id && i < s->n_needs; i++) if (strcmp(s->needs[i].id, id) == 0) return i;
  return -1;
}

int scn_benefit_index(const scenario *s, const char *id) {
  for (int i = 0; id && i < s->n_benefits; i++) if (strcmp(s->benefits[i].id, id) == 0) return i;
  return -1;
}

int scn_commitment_index(const scenario *s, const char *id) {
  for (int i = 0; id && i < s->n_commitments; i++)
    if (strcmp(s->commitments[i].id, id) == 0) return i;
  return -1;
}

int scn_objection_index(const scenario *s, const char *id) {
  for (int i = 0; id && i < s->n_objections; i++)
    if (strcmp(s->objections[i].id, id) == 0) return i;
  return -1;
}

/* The variants of one key of lines:, or NULL.  Keys are unique (a YAML map), so a binary
** search over line_order finds what the scan would; a scenario of 1,800 line keys and 800
** reactions spent 11 M instructions of its start-up in the scan (issue 17). */
const scn_lines *scn_find_lines(const scenario *s, const char *key) {
  if (!key) return NULL;
  if (!s->line_order) {
    for (int i = 0; i < s->n_lines; i++) if (strcmp(s->lines[i].key, key) == 0) return &s->lines[i];
    return NULL;
  }
  int lo = 0, hi = s->n_lines - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2, at = s->line_order[mid];
    int c = strcmp(s->lines[at].key, key);
    if (c == 0) return &s->lines[at];
    if (c < 0) lo = mid + 1; else hi = mid - 1;
  }
  return NULL;
}

/* A state variable by name (the five known ones always exist), or NULL. */
const scn_state_var *scn_find_state(const scenario *s, const char *name) {
  for (int i = 0; name && i < s->n_state; i++) if (strcmp(s->state[i].name, name) == 0) return &s->state[i];
  return NULL;
}
/* }=== */

/* {=== bands */

/* Reads a number at *p (optional sign, digits, one point); advances *p.  0 or -1. */
static int band_number(const char **p, double *out) {
  const char *s = *p;
  while (*s == ' ') s++;
  const char *start = s;
  if (*s == '-' || *s == '+') s++;
  int digits = 0;
  while (*s >= '0' && *s <= '9') { s++; digits++; }
  if (*s == '.' && s[1] != '.') { s++; while (*s >= '0' && *s <= '9') { s++; digits++; } }
  if (!digits) return -1;
  char tmp[64];
  size_t n = (size_t)(s - start);
  if (n >= sizeof tmp) return -1;
  memcpy(tmp, start, n);
  tmp[n] = '\0';
  *out = strtod(tmp, NULL);
  while (*s == ' ') s++;
  *p = s;
  return 0;
}

/* ">= 80", "<= 40", "> 50", "< 50", "= 100", "40..70", "40-70" or "75" into an inclusive range. */
int scn_parse_band(const char *text, scn_band *out) {
  if (!text) return -1;
  const char *p = text;
  while (*p == ' ') p++;
  double a, b;
  scn_band r = { -1e300, 1e300 };
  if (p[0] == '>' || p[0] == '<' || p[0] == '=') {
    char op = p[0];
    int eq = p[1] == '=';
    p += 1 + eq;
    if (op == '=' && eq) return -1;   /* "==" is not a band */
    if (band_number(&p, &a) != 0 || *p) return -1;
    if (op == '>') r.lo = eq ? a : a + 1e-9;
    else if (op == '<') r.hi = eq ? a : a - 1e-9;
    else r.lo = r.hi = a;
  } else {
    if (band_number(&p, &a) != 0) return -1;
    if (*p == '\0') {
      r.lo = r.hi = a;
    } else {
      if (p[0] == '.' && p[1] == '.') p += 2;
      else if (p[0] == '-') p += 1;
      else return -1;
      if (band_number(&p, &b) != 0 || *p || b < a) return -1;
      r.lo = a;
      r.hi = b;
    }
  }
  if (out) *out = r;
  return 0;
}
/* }=== */

/* {=== freeing */

static void state_free(scn_state_var *v, int n) {
  for (int i = 0; i < n; i++) free(v[i].name);
  free(v);
}

/* Frees a scenario and everything it owns; safe on a half-built one after errors. */
void scn_free(scenario *s) {
  if (!s) return;
  free(s->file); free(s->dir); free(s->id); free(s->title); free(s->language);
  free(s->brief); free(s->goal);
  free(s->cust_name); free(s->cust_role); free(s->cust_company); free(s->cust_persona);
  sx_strs_free(&s->unrelated);
  free(s->unrelated_pos);
  state_free(s->state, s->n_state);
  for (int i = 0; i < s->n_needs; i++) {
    scn_need *x = &s->needs[i];
    free(x->id); free(x->said); sx_strs_free(&x->keywords); sx_strs_free(&x->revealed_by);
    sx_strs_free(&x->more);
    sx_strs_free(&x->examples);
  }
  free(s->needs);
  for (int i = 0; i < s->n_benefits; i++) {
    scn_benefit *x = &s->benefits[i];
    free(x->id); sx_strs_free(&x->answers); free(x->need_index); sx_strs_free(&x->keywords);
    sx_strs_free(&x->examples);
  }
  free(s->benefits);
  for (int i = 0; i < s->n_commitments; i++) {
    scn_commitment *x = &s->commitments[i];
    free(x->id); free(x->action); sx_strs_free(&x->keywords); free(x->realistic_when);
    sx_strs_free(&x->examples);
    sx_strs_free(&x->accept); sx_strs_free(&x->refuse); sx_strs_free(&x->done); free(x->objection);
  }
  free(s->commitments);
  for (int i = 0; i < s->n_objections; i++) {
    scn_objection *x = &s->objections[i];
    free(x->id); free(x->said); sx_strs_free(&x->keywords); sx_strs_free(&x->examples);
  }
  free(s->objections);
  for (int i = 0; i < s->n_lines; i++) { free(s->lines[i].key); sx_strs_free(&s->lines[i].variants); }
  free(s->lines);
  free(s->line_order);
  for (int i = 0; i < s->n_reactions; i++) {
    scn_reaction *x = &s->reactions[i];
    free(x->when);
    for (int j = 0; j < x->n_changes; j++) free(x->changes[j].var);
    free(x->changes);
    free(x->say_key); sx_strs_free(&x->say); free(x->reveal); free(x->give); free(x->refuse);
    free(x->objection); free(x->ease); free(x->end);
  }
  free(s->reactions);
  for (int i = 0; i < s->n_visits; i++) {
    scn_visit *x = &s->visits[i];
    free(x->id); free(x->title); free(x->brief); free(x->goal);
    state_free(x->state, x->n_state); sx_strs_free(&x->commitments);
  }
  free(s->visits);
  for (int i = 0; s->hint_when && i < s->hints.n; i++) free(s->hint_when[i]);
  free(s->hint_when);
  sx_strs_free(&s->hints);
  for (int i = 0; i < s->scoring.n_rules; i++) free(s->scoring.rules[i].rule);
  free(s->scoring.rules);
  for (int i = 0; i < s->scoring.n_tiers; i++) {
    scn_tier *t = &s->scoring.tiers[i];
    free(t->id); sx_strs_free(&t->langs); sx_strs_free(&t->names);
  }
  free(s->scoring.tiers);
  for (int i = 0; i < s->n_lexicon; i++) { free(s->lexicon[i].name); sx_strs_free(&s->lexicon[i].phrases); }
  free(s->lexicon);
  for (int i = 0; i < s->n_concepts; i++) { free(s->concepts[i].name); sx_strs_free(&s->concepts[i].phrases); }
  free(s->concepts);
  free(s->behaviour);
  for (int i = 0; i < s->n_tests; i++) {
    scn_test *t = &s->tests[i];
    free(t->name); sx_strs_free(&t->lines); free(t->outcome);
    for (int j = 0; j < t->n_skills; j++) free(t->skills[j].skill);
    free(t->skills);
    sx_strs_free(&t->findings); sx_strs_free(&t->no_findings);
    sx_strs_free(&t->says); sx_strs_free(&t->not_says);
  }
  free(s->tests);
  arena_free(&s->strings);   /* last: the pooled lists' strings */
  free(s);
}
/* }=== */

/* {=== sections that define things */

/* The five known state variables, their defaults and ranges. */
static const struct known_var {
  const char *name;
  int is_bool;
  double def, lo, hi;
  int whole;
} known_vars[] = {
  { SCN_STATE_INTEREST, 0, 3, 0, 10, 0 },
  { SCN_STATE_TRUST, 0, 3, 0, 10, 0 },
  { SCN_STATE_PATIENCE, 0, 12, 1, 100, 1 },
  { SCN_STATE_VALUE_ACK, 1, 0, 0, 1, 0 },
  { SCN_STATE_ON_LIST, 1, 0, 0, 1, 0 },
};

/* The allowed range of a known state variable, for set: and visits[].state. */
int sx_state_range(const char *name, double *lo, double *hi) {
  for (size_t j = 0; j < sizeof known_vars / sizeof *known_vars; j++)
    if (strcmp(known_vars[j].name, name) == 0) {
      *lo = known_vars[j].lo;
      *hi = known_vars[j].hi;
      return 1;
    }
  *lo = -1e9;
  *hi = 1e9;
  return 0;
}

/* 1 when s is a Lua-friendly name: a letter, then letters, digits or '_'. */
static int is_var_name(const char *s) {
  return sx_is_ident(s, "_") && s[0] >= 'a' && s[0] <= 'z';
}

/* The built-in state variable `name` is one edit from (an insertion, deletion, substitution or
** swap of neighbours), or NULL.  The schema's state.propertyNames says the same (docs/). */
static const char *misspelt_known(const char *name) {
  for (size_t j = 0; j < sizeof known_vars / sizeof *known_vars; j++)
    if (sug_distance(name, known_vars[j].name) == 1) return known_vars[j].name;
  return NULL;
}

void sx_state_map(sx_ctx *c, const yn_node *n, const char *what, const scenario *base,
                  scn_state_var **out, int *nout) {
  if (sx_expect(c, n, YN_MAP, what) != 0) return;
  for (int i = 0; i < n->n; i++) {
    const yn_node *k = n->keys[i], *v = n->vals[i];
    const char *name = k->str;
    const struct known_var *kv = NULL;
    for (size_t j = 0; j < sizeof known_vars / sizeof *known_vars; j++)
      if (strcmp(known_vars[j].name, name) == 0) kv = &known_vars[j];
    int is_bool;
    const scn_state_var *bv = NULL;
    if (base) {
      bv = scn_find_state(base, name);
      if (!bv) {
        const char *cands[128];
        int nc = 0;
        for (int j = 0; j < base->n_state && nc < 128; j++) cands[nc++] = base->state[j].name;
        sx_unknown_ref(c, k, "state_variable", name, cands, nc);
        continue;
      }
      is_bool = bv->is_bool;
    } else {
      if (!is_var_name(name)) {
        sx_err(c, k, "check.state.bad_name", "name", name, NULL);
        continue;
      }
      int clash = 0;
      for (int j = 0; j < sx_n_move_names; j++) clash |= strcmp(sx_move_names[j], name) == 0;
      if (clash) {
        sx_err(c, k, "check.state.move_name", "name", name, NULL);
        continue;
      }
      const char *near = kv ? NULL : misspelt_known(name);
      if (near) {   /* `patince: 5` would be a new variable nothing reads, and patience stays 12 */
        sx_err(c, k, "check.state.near_known", "name", name, "near", near, NULL);
        continue;
      }
      is_bool = kv ? kv->is_bool : (yn_to_bool(v, NULL) == 0);
    }
    scn_state_var var = { NULL, is_bool, 0, sx_pos(k) };
    if (is_bool) {
      int b;
      if (sx_bool(c, v, name, &b) != 0) continue;
      var.value = b;
    } else if (kv && kv->whole) {
      long l;
      if (sx_int(c, v, name, (long)kv->lo, (long)kv->hi, &l) != 0) continue;
      var.value = (double)l;
    } else {
      double d;
      if (sx_num(c, v, name, kv ? kv->lo : -1e9, kv ? kv->hi : 1e9, &d) != 0) continue;
      var.value = d;
    }
    /* replace a default (or an earlier value), else append */
    int at = -1;
    for (int j = 0; j < *nout; j++) if (strcmp((*out)[j].name, name) == 0) at = j;
    if (at < 0) {
      *out = xrealloc(*out, (size_t)(*nout + 1) * sizeof **out);
      at = (*nout)++;
      (*out)[at].name = xstrdup(name);
    }
    var.name = (*out)[at].name;
    (*out)[at] = var;
  }
}

/* Initial state: the five known variables with their defaults, then state: on top. */
static void read_state(sx_ctx *c, const yn_node *n) {
  scenario *s = c->s;
  size_t nk = sizeof known_vars / sizeof *known_vars;
  s->state = xcalloc(nk, sizeof *s->state);
  for (size_t i = 0; i < nk; i++) {
    s->state[i].name = xstrdup(known_vars[i].name);
    s->state[i].is_bool = known_vars[i].is_bool;
    s->state[i].value = known_vars[i].def;
  }
  s->n_state = (int)nk;
  if (n) sx_state_map(c, n, "state", NULL, &s->state, &s->n_state);
}

/* customer: name (required), role, company, persona. */
static void read_customer(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_MAP, "customer") != 0) return;
  sx_check_keys(c, n, "customer");
  sx_text(c, yn_get(n, "name"), "name", &c->s->cust_name);
  sx_text(c, yn_get(n, "role"), "role", &c->s->cust_role);
  sx_text(c, yn_get(n, "company"), "company", &c->s->cust_company);
  sx_text(c, yn_get(n, "persona"), "persona", &c->s->cust_persona);
}

/* Reads an item id ([a-z0-9_-]) of a list section. */
char *sx_item_id(sx_ctx *c, const yn_node *item, const char *kind) {
  char *id = NULL;
  if (sx_text(c, yn_get(item, "id"), "id", &id) != 0) return NULL;
  if (!sx_is_ident(id, "_-")) {
    sx_err(c, yn_get(item, "id"), "check.id.bad", "kind", sx_kind(kind, 0), "id", id, NULL);
    free(id);
    return NULL;
  }
  return id;
}

/* needs: ids unique, at most CAP_NEEDS (the session keeps them in a bit mask). */
static void read_needs(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_SEQ, "needs") != 0) return;
  scenario *s = c->s;
  char a[SX_NUM], b[SX_NUM];
  if (n->n > CAP_NEEDS) sx_err(c, n, "check.too_many.needs", "n", sx_d(a, n->n), "limit", sx_d(b, CAP_NEEDS), NULL);
  s->needs = xcalloc((size_t)(n->n ? n->n : 1), sizeof *s->needs);
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.need")) != 0) continue;
    sx_check_keys(c, it, "needs[]");
    scn_need *x = &s->needs[s->n_needs];
    memset(x, 0, sizeof *x);
    x->id = sx_item_id(c, it, "need");
    x->pos = sx_pos(it);
    sx_text(c, yn_get(it, "said"), "said", &x->said);
    sx_strs(c, yn_get(it, "keywords"), "keywords", 0, 0, &x->keywords);
    sx_strs(c, yn_get(it, "examples"), "examples", 0, 0, &x->examples);
    sx_strs(c, yn_get(it, "revealed_by"), "revealed_by", 0, 0, &x->revealed_by);
    sx_strs(c, yn_get(it, "more"), "more", 1, 0, &x->more);
    sx_bool(c, yn_get(it, "hidden"), "hidden", &x->hidden);
    if (!x->id) x->id = xstrdup("");
    for (int j = 0; *x->id && j < s->n_needs; j++)
      if (strcmp(s->needs[j].id, x->id) == 0) {
        sx_dup_id(c, yn_get(it, "id"), "need", x->id, s->needs[j].pos.line);
        break;
      }
    s->n_needs++;
  }
}

/* objections: id, said, keywords; ids unique. */
static void read_objections(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_SEQ, "objections") != 0) return;
  scenario *s = c->s;
  char a[SX_NUM], b[SX_NUM];
  if (n->n > CAP_OBJECTIONS)
    sx_err(c, n, "check.too_many.objections", "n", sx_d(a, n->n), "limit", sx_d(b, CAP_OBJECTIONS), NULL);
  s->objections = xcalloc((size_t)(n->n ? n->n : 1), sizeof *s->objections);
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.objection")) != 0) continue;
    sx_check_keys(c, it, "objections[]");
    scn_objection *x = &s->objections[s->n_objections];
    memset(x, 0, sizeof *x);
    x->id = sx_item_id(c, it, "objection");
    x->pos = sx_pos(it);
    sx_text(c, yn_get(it, "said"), "said", &x->said);
    sx_strs(c, yn_get(it, "keywords"), "keywords", 0, 0, &x->keywords);
    sx_strs(c, yn_get(it, "examples"), "examples", 0, 0, &x->examples);
    if (!x->id) x->id = xstrdup("");
    for (int j = 0; *x->id && j < s->n_objections; j++)
      if (strcmp(s->objections[j].id, x->id) == 0) {
        sx_dup_id(c, yn_get(it, "id"), "objection", x->id, s->objections[j].pos.line);
        break;
      }
    s->n_objections++;
  }
}

/* Whether a shipped file's tests: section is read (scn_read_shipped_tests). */
static int shipped_tests = 1;
void scn_read_shipped_tests(int yes) { shipped_tests = yes; }

/* The language whose texts a line in several languages gives (scn_set_line_language). */
static char *line_language;
void scn_set_line_language(const char *lang) {
  free(line_language);
  line_language = lang ? xstrdup(lang) : NULL;
}

/* A language tag as a line's map takes it: two or three letters a-z, then "-" and letters or
** digits (en, zh, pt-br). */
static int is_lang_tag(const char *t) {
  size_t n = strspn(t, "abcdefghijklmnopqrstuvwxyz");
  if (n < 2 || n > 3) return 0;
  if (!t[n]) return 1;
  return t[n] == '-' && t[n + 1] && strspn(t + n + 1, "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(t + n + 1);
}

/* One line key written in several languages ({en: ..., zh: [...]}): every language's text is
** checked, and the variants of the chosen language go into out: scn_set_line_language's
** language when the map has it, else the scenario's own, which the map must have.  0, or -1
** with the problems reported at their positions. */
static int read_line_languages(sx_ctx *c, const yn_node *k, const yn_node *map, scn_strs *out) {
  const char *own = c->s->language, *want = NULL;
  int bad = 0, has_own = 0;
  for (int j = 0; j < map->n; j++) {
    const char *t = map->keys[j]->str;
    if (!is_lang_tag(t)) {
      sx_err(c, map->keys[j], "check.line.bad_tag", "key", k->str, "tag", t, NULL);
      bad = 1;
      continue;
    }
    scn_strs tmp = {0};
    char what[96];
    snprintf(what, sizeof what, "%s.%s", k->str, t);
    if (sx_strs(c, map->vals[j], what, 1, 0, &tmp) != 0) bad = 1;
    sx_strs_free(&tmp);
    if (own && strcmp(t, own) == 0) has_own = 1;
    if (line_language && strcmp(t, line_language) == 0) want = t;
  }
  if (own && !has_own) {
    sx_err(c, map, "check.line.no_own", "key", k->str, "lang", own, NULL);
    bad = 1;
  }
  if (bad) return -1;
  if (!want) want = own;
  if (!want) return -1;   /* no language: already reported by the head */
  return sx_strs(c, yn_get(map, want), k->str, 1, 0, out);
}

/* lines: each key a text, a non-empty list of variants, or a map of either by language. */
/* Order of (key, index) pairs by key; a pair array keeps the sort free of shared state. */
typedef struct line_at { const char *key; int i; } line_at;
static int cmp_line_at(const void *a, const void *b) {
  return strcmp(((const line_at *)a)->key, ((const line_at *)b)->key);
}

/* Makes s->line_order (see scenario.h). */
static void index_lines(scenario *s) {
  size_t n = (size_t)(s->n_lines ? s->n_lines : 1);
  line_at *at = xmalloc(n * sizeof *at);
  for (int i = 0; i < s->n_lines; i++) at[i] = (line_at){ s->lines[i].key, i };
  qsort(at, (size_t)s->n_lines, sizeof *at, cmp_line_at);
  s->line_order = xmalloc(n * sizeof *s->line_order);
  for (int i = 0; i < s->n_lines; i++) s->line_order[i] = at[i].i;
  free(at);
}

static void read_lines(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_MAP, "lines") != 0) return;
  scenario *s = c->s;
  s->lines = xcalloc((size_t)(n->n ? n->n : 1), sizeof *s->lines);
  for (int i = 0; i < n->n; i++) {
    const yn_node *k = n->keys[i];
    if (!sx_is_ident(k->str, "_-")) {
      sx_err(c, k, "check.line.bad_key", "key", k->str, NULL);
      continue;
    }
    scn_lines *x = &s->lines[s->n_lines];
    memset(x, 0, sizeof *x);
    int rc = n->vals[i]->kind == YN_MAP ? read_line_languages(c, k, n->vals[i], &x->variants)
                                        : sx_strs(c, n->vals[i], k->str, 1, 0, &x->variants);
    if (rc != 0) { sx_strs_free(&x->variants); continue; }
    x->key = xstrdup(k->str);
    x->pos = sx_pos(k);
    s->n_lines++;
  }
  index_lines(s);
}

static int behaviour_anywhere = -1;   /* -1: from $SALESIM_BEHAVIOUR_ANYWHERE */
void scn_allow_behaviour_anywhere(int yes) { behaviour_anywhere = yes != 0; }

/* Is path inside dir's tree (both resolved: no "..", no link leads out)? */
static int inside_dir(const char *path, const char *dir) {
  char *rp = realpath(path, NULL), *rd = realpath(dir, NULL);
  size_t n = rd ? strlen(rd) : 0;
  int in = rp && rd && strncmp(rp, rd, n) == 0 && (rp[n] == '/' || rp[n] == '\0' || (n == 1 && rd[0] == '/'));
  free(rp);
  free(rd);
  return in;
}

/* unrelated: a list of lines, each kept with its position for check's warnings. */
static void read_unrelated(sx_ctx *c, const yn_node *n) {
  scenario *s = c->s;
  if (!n || sx_strs(c, n, "unrelated", 0, 0, &s->unrelated) != 0 || s->unrelated.n == 0) return;
  s->unrelated_pos = xcalloc((size_t)s->unrelated.n, sizeof *s->unrelated_pos);
  for (int i = 0; i < s->unrelated.n; i++)
    s->unrelated_pos[i] = n->kind == YN_SEQ && i < n->n ? sx_pos(n->vals[i]) : sx_pos(n);
}

/* The optional behaviour script, resolved against the scenario's directory; must be readable
** and, unless allowed otherwise, inside the scenario's folder tree: a scenario file from
** elsewhere cannot make salesim read /etc/passwd or ../../secret as "Lua". */
static void read_behaviour(sx_ctx *c, const yn_node *n) {
  char *rel = NULL;
  if (sx_text(c, n, "behaviour", &rel) != 0) return;
  scenario *s = c->s;
  char *path = rel[0] == '/' ? xstrdup(rel) : xasprintf("%s/%s", s->dir, rel);
  if (behaviour_anywhere < 0) {
    const char *e = getenv("SALESIM_BEHAVIOUR_ANYWHERE");
    behaviour_anywhere = e && strcmp(e, "1") == 0;
  }
  struct stat st;
  if (stat(path, &st) == 0 && !behaviour_anywhere && !inside_dir(path, s->dir)) {
    sx_err(c, n, "check.behaviour.outside", "path", rel, "dir", s->dir, NULL);
  } else if (stat(path, &st) != 0) {
    sx_err(c, n, "check.behaviour.unreadable", "path", rel, "reason", strerror(errno), NULL);
  } else if (!S_ISREG(st.st_mode)) {
    sx_err(c, n, "check.behaviour.not_file", "path", rel, NULL);
  } else if (access(path, R_OK) != 0) {
    sx_err(c, n, "check.behaviour.unreadable", "path", rel, "reason", strerror(errno), NULL);
  } else {
    s->behaviour = path;
    path = NULL;
    s->behaviour_pos = sx_pos(n);
  }
  free(path);
  free(rel);
}

/* Scalars at the top level. */
static void read_head(sx_ctx *c, const yn_node *root) {
  scenario *s = c->s;
  const yn_node *n;
  if (sx_text(c, (n = yn_get(root, "id")), "id", &s->id) == 0 && !sx_is_ident(s->id, "-"))
    sx_err(c, n, "check.head.bad_id", "id", s->id, NULL);
  sx_text(c, yn_get(root, "title"), "title", &s->title);
  if (sx_text(c, (n = yn_get(root, "language")), "language", &s->language) == 0 &&
      strcmp(s->language, "zh") != 0 && strcmp(s->language, "en") != 0)
    sx_err(c, n, "check.head.language", "found", s->language, NULL);
  long v;
  if (sx_int(c, yn_get(root, "difficulty"), "difficulty", 1, 5, &v) == 0) s->difficulty = (int)v;
  s->minutes = 10;
  if (sx_int(c, yn_get(root, "minutes"), "minutes", 1, 120, &v) == 0) s->minutes = (int)v;
  sx_prose(c, yn_get(root, "brief"), "brief", &s->brief);
  sx_prose(c, yn_get(root, "goal"), "goal", &s->goal);
}
/* }=== */

/* The directory part of a path ("." when there is none). */
static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return xstrdup(".");
  if (slash == path) return xstrdup("/");
  return xstrndup(path, (size_t)(slash - path));
}

/* Frees what scn_read left for the runtime's checks; the record is empty after. */
void scn_pending_free(scn_pending *p) {
  if (!p) return;
  for (int i = 0; i < p->n_conds; i++) free(p->conds[i].expr);
  free(p->conds);
  for (int i = 0; i < p->n_refs; i++) free(p->refs[i].id);
  free(p->refs);
  memset(p, 0, sizeof *p);
}

/* Parses and validates a scenario's text buf[0..len), or the shipped file's image img (built
** from bytes of that length; buf may be NULL then); the model (partial after errors) or NULL. */
static scenario *read_scenario(const char *name, const bi_entry *img, const char *buf, size_t len,
                               diag *d, scn_pending *pending, int *errors) {
  assert(name && (buf || img) && d && pending && errors);
  *errors = 0;
  memset(pending, 0, sizeof *pending);
  int base = d->n;
  /* a shipped file's tests: section, which play does not read, is not even made */
  yn_doc *doc = img ? yn_from_image(name, img->bytes, img->n_bytes, shipped_tests ? NULL : "tests")
                    : yn_parse_string(name, buf, len, d);
  if (!doc) { *errors = 1; return NULL; }
  sx_ctx c = { d, name, NULL, 0, pending, base };
  const yn_node *root = doc->root;
  if (!root || yn_is_null(root)) {
    sx_err(&c, NULL, "check.file.empty", NULL);
  } else if (root->kind != YN_MAP) {
    sx_err(&c, root, "check.file.not_mapping",
           "found", sx_word(root->kind == YN_SEQ ? "check.found.list" : "check.type.text"), NULL);
  } else {
    scenario *s = c.s = xcalloc(1, sizeof *s);
    s->file = xstrdup(name);
    s->dir = dir_of(name);
    const bi_entry *id = img ? bi_find_scn_hash(img->src_len, img->src_hash) : NULL;
    if (id && id->n_bytes == sizeof s->hash - 1) memcpy(s->hash, id->bytes, sizeof s->hash - 1);
    else util_hash_hex(buf, len, s->hash);
    s->src_len = img ? len : 0;
    s->src_hash = img ? img->src_hash : 0;
    s->scoring.w_commitment = s->scoring.w_benefits = -1;
    s->scoring.w_tactics = s->scoring.w_discovery = s->scoring.pass = -1;
    sx_check_keys(&c, root, "");
    read_head(&c, root);
    read_customer(&c, yn_get(root, "customer"));
    read_state(&c, yn_get(root, "state"));
    read_needs(&c, yn_get(root, "needs"));
    read_objections(&c, yn_get(root, "objections"));
    read_lines(&c, yn_get(root, "lines"));
    read_behaviour(&c, yn_get(root, "behaviour"));
    sx_commitments(&c, yn_get(root, "commitments"));
    sx_benefits(&c, yn_get(root, "benefits"));
    sx_reactions(&c, yn_get(root, "reactions"));
    sx_hints(&c, yn_get(root, "hints"));      /* after the state: a hint's when: names it */
    read_unrelated(&c, yn_get(root, "unrelated"));
    sx_hidden_needs(&c, yn_get(root, "needs"));
    sx_visit_kind(&c, yn_get(root, "visit_kind"), &s->visit_kind, &s->visit_kind_pos);
    sx_visits(&c, yn_get(root, "visits"));
    sx_scoring(&c, yn_get(root, "scoring"));
    sx_lexicon(&c, yn_get(root, "lexicon"));
    if (!img || shipped_tests) sx_tests(&c, yn_get(root, "tests"));
  }
  yn_free(doc);
  *errors = c.errors;
  assert(c.s || c.errors);   /* no model only after an error that says why */
  return c.s;
}

scenario *scn_read(const char *name, const char *buf, size_t len, diag *d, scn_pending *pending,
                   int *errors) {
  assert(buf);
  /* A shipped file, byte for byte (builtin.h): its tree and its transcript hash were made at
  ** build time (hashing its 35 KB byte by byte was 0.2 M instructions of a start). */
  return read_scenario(name, bi_find_yaml(buf, len), buf, len, d, pending, errors);
}

/* Reads a file's bytes (kept for the hash), then scn_read; a shipped file that has not been
** written since the build (its stamp, builtin.h) is not read at all: its image stands for it. */
scenario *scn_read_file(const char *path, diag *d, scn_pending *pending, int *errors) {
  size_t len = 0;
  memset(pending, 0, sizeof *pending);
  const bi_entry *img = bi_yaml_unchanged(path);
  if (img && bi_find_scn_hash(img->src_len, img->src_hash)) return read_scenario(path, img, NULL, img->src_len, d, pending, errors);
  char *buf = yn_read_file(path, &len, d);
  if (!buf) { *errors = 1; return NULL; }
  scenario *s = scn_read(path, buf, len, d, pending, errors);
  free(buf);
  return s;
}
