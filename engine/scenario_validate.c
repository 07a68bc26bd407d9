/*
** scenario_validate.c: the sections of a scenario that refer to other sections (commitments ->
** objections, benefits -> needs, reactions -> lines/needs/commitments/objections/state,
** visits -> state/commitments), plus scoring, lexicon and tests.  scenario.c has already read
** the definitions, so each reference is resolved here with the position of the node making it,
** and an unknown id gets a did-you-mean over the ids that exist.  Lua conditions and scorer
** rule ids are only recorded here (scenario.conds, rule_refs): compiling Lua and knowing the
** rules belong to layers above, so scncheck.c checks them and calls back for the messages.
*/
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vocab.h"
#include "caps.h"
#include "msg.h"
#include "msg_cli.h"
#include "scenario_int.h"
#include "util.h"

void sx_unknown_ref(sx_ctx *c, const yn_node *at, const char *kind, const char *id,
                    const char *const *ids, int n) {
  const char *hint = sx_suggest(id, ids, n);
  const char *what = sx_kind(kind, 0), *plural = sx_kind(kind, 1);
  if (hint) {
    sx_err(c, at, "check.ref.did_you_mean", "kind", what, "id", id, "hint", hint, NULL);
  } else if (n == 0) {
    sx_err(c, at, "check.ref.none", "kind", what, "id", id, "kinds", plural, NULL);
  } else {
    strbuf b = {0};   /* a list the language joins (MSG_LIST_SEP) */
    int shown = 0;
    for (int i = 0; i < n && shown < 8; i++) {
      int seen = 0;
      for (int j = 0; j < i && !seen; j++) seen = strcmp(ids[j], ids[i]) == 0;
      if (seen || !*ids[i]) continue;
      if (shown++) sb_putc(&b, MSG_LIST_SEP);
      sb_puts(&b, ids[i]);
    }
    if (n > 8) { sb_putc(&b, MSG_LIST_SEP); sb_puts(&b, "..."); }
    sx_err(c, at, "check.ref.listed", "kind", what, "id", id, "kinds", plural, "ids", b.s ? b.s : "", NULL);
    sb_free(&b);
  }
}

/* {=== resolving references */

/* Records a scorer rule id with its place, for scc_check (the rule table is the scorer's).
** Returns the record, for the caller to mark the diagnostics about its points. */
static scn_ref *ref_rule(sx_ctx *c, const yn_node *at, const char *id) {
  scn_pending *p = c->pending;
  p->refs = xrealloc(p->refs, (size_t)(p->n_refs + 1) * sizeof *p->refs);
  scn_ref *r = &p->refs[p->n_refs++];
  memset(r, 0, sizeof *r);
  r->id = xstrdup(id);
  r->pos = sx_pos(at);
  r->diag_at = c->d->n - c->diag_base;
  r->points_from = r->points_to = r->diag_at;
  return r;
}

/* Records each rule id of a findings list (a text or a list of texts). */
static void ref_rules(sx_ctx *c, const yn_node *n, const scn_strs *ids) {
  for (int i = 0; n && i < ids->n; i++)
    ref_rule(c, n->kind == YN_SEQ ? n->vals[i] : n, ids->v[i]);
}

int scn_check_rule_ref(const scenario *s, const scn_ref *r, const char *const *ids, int n, diag *d) {
  assert(s && r && r->id && d);
  for (int i = 0; i < n; i++) if (strcmp(ids[i], r->id) == 0) return 0;
  sx_ctx c = { d, s->file, NULL, 0, NULL, 0 };
  const char *hint = sx_suggest(r->id, ids, n);
  if (hint) sx_err_pos(&c, r->pos.line, r->pos.col, "check.rule.did_you_mean", "id", r->id, "hint", hint, NULL);
  else sx_err_pos(&c, r->pos.line, r->pos.col, "check.rule.unknown", "id", r->id, NULL);
  return c.errors;
}

/* Collects the ids of one section into a temporary array for suggestions. */
#define IDS_OF(arr, count, field, out)                                              \
  do {                                                                              \
    out = xcalloc((size_t)((count) ? (count) : 1), sizeof *out);                    \
    for (int i_ = 0; i_ < (count); i_++) out[i_] = (arr)[i_].field;                 \
  } while (0)

/* Reads an id reference into *out and checks it names a need; 0 when it resolves. */
static int ref_need(sx_ctx *c, const yn_node *n, const char *what, char **out) {
  if (sx_text(c, n, what, out) != 0) return -1;
  if (scn_need_index(c->s, *out) >= 0) return 0;
  const char **ids;
  IDS_OF(c->s->needs, c->s->n_needs, id, ids);
  sx_unknown_ref(c, n, "need", *out, ids, c->s->n_needs);
  free(ids);
  return -1;
}

/* Reads an id reference and checks it names a commitment. */
static int ref_commitment(sx_ctx *c, const yn_node *n, const char *what, char **out) {
  if (sx_text(c, n, what, out) != 0) return -1;
  if (scn_commitment_index(c->s, *out) >= 0) return 0;
  const char **ids;
  IDS_OF(c->s->commitments, c->s->n_commitments, id, ids);
  sx_unknown_ref(c, n, "commitment", *out, ids, c->s->n_commitments);
  free(ids);
  return -1;
}

/* Reads an id reference and checks it names an objection. */
static int ref_objection(sx_ctx *c, const yn_node *n, const char *what, char **out) {
  if (sx_text(c, n, what, out) != 0) return -1;
  if (scn_objection_index(c->s, *out) >= 0) return 0;
  const char **ids;
  IDS_OF(c->s->objections, c->s->n_objections, id, ids);
  sx_unknown_ref(c, n, "objection", *out, ids, c->s->n_objections);
  free(ids);
  return -1;
}

/* Checks a key of lines: exists. */
static int ref_lines(sx_ctx *c, const yn_node *n, const char *key) {
  if (scn_find_lines(c->s, key)) return 0;
  const char **ids;
  IDS_OF(c->s->lines, c->s->n_lines, key, ids);
  sx_unknown_ref(c, n, "line_key", key, ids, c->s->n_lines);
  free(ids);
  return -1;
}

/* The state variable a change:/set: key names, or NULL after an error. */
static const scn_state_var *ref_state(sx_ctx *c, const yn_node *n) {
  const scn_state_var *v = scn_find_state(c->s, n->str);
  if (v) return v;
  const char **ids;
  IDS_OF(c->s->state, c->s->n_state, name, ids);
  sx_unknown_ref(c, n, "state_variable", n->str, ids, c->s->n_state);
  free(ids);
  return NULL;
}

/* Index of a name in a NULL-terminated list, or -1. */
static int enum_index(const char *const *names, const char *s) {
  for (int i = 0; names[i]; i++) if (strcmp(names[i], s) == 0) return i;
  return -1;
}

/* Reads an enumerated text; reports "what: expected a, b or c, found 'x'". */
static int read_enum(sx_ctx *c, const yn_node *n, const char *what, const char *const *names, int *out) {
  char *v = NULL;
  if (sx_text(c, n, what, &v) != 0) return -1;
  int i = enum_index(names, v);
  if (i < 0) {
    strbuf b = {0};   /* "a, b or c" in the language's words */
    for (int j = 0; names[j]; j++) {
      if (j) sb_puts(&b, names[j + 1] ? msg_text(MSG_CLI_LANG, "sep.list") : sx_word("check.word.or"));
      sb_puts(&b, names[j]);
    }
    char *f = msg_get(MSG_CLI_LANG, "check.found.quoted", "text", v, NULL);
    sx_err(c, n, "check.type.expected", "what", what, "expected", b.s, "found", f, NULL);
    free(f);
    sb_free(&b);
  } else {
    *out = i;
  }
  free(v);
  return i < 0 ? -1 : 0;
}
/* }=== */

/* {=== conditions */

/* Names a condition may use besides state variables and moves (docs/lua-api.md, Conditions):
** facts about the line, helpers, and the sandbox's safe globals and libraries. */
static const char *const cond_names[] = {
  "specific", "vague", "question", "negated", "tactic", "turn", "visit", "voiced_need",
  "revealed", "confirmed", "given", "refused", "raised", "eased", "done", "answered", "offered", "is_realistic",
  "mentions",
  "names", "person",   /* one person's state at a table of several (customer_people.c) */
  "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
  "rawlen", "rawset", "select", "tonumber", "tostring", "type", "setmetatable", "xpcall", "load",
  "collectgarbage", "_G", "_VERSION", "string", "table", "math", "utf8", "coroutine",
};
static const char *const lua_keywords[] = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
};

typedef struct cond_check {
  sx_ctx *c;
  const scn_cond *at;
  const char **scope; int n_scope;
  strbuf seen;            /* names already reported, "\n"-separated */
} cond_check;

/* 1 when the n bytes at id equal the text s. */
static int same(const char *id, size_t n, const char *s) {
  return s[0] == id[0] && strlen(s) == n && memcmp(id, s, n) == 0;   /* n > 0: an identifier */
}

/* sx_lua_idents callback: reports a name nothing defines, once per condition. */
static void cond_name(void *ud, const char *id, size_t len, int line) {
  cond_check *k = ud;
  for (size_t i = 0; i < sizeof lua_keywords / sizeof *lua_keywords; i++) if (same(id, len, lua_keywords[i])) return;
  for (int i = 0; i < k->n_scope; i++) if (same(id, len, k->scope[i])) return;
  char *name = xstrndup(id, len);
  char *mark = xasprintf("\n%s\n", name);
  if (!k->seen.s || !strstr(k->seen.s, mark)) {
    sb_puts(&k->seen, mark);
    /* in a plain one-line value the name's own column is known; else the value's start */
    int l = k->at->pos.line, col = k->at->pos.col;
    if (!k->at->quoted && line == 1 && k->at->pos.line > 0) {
      for (const char *p = k->at->expr; p < id; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) col++;
    }
    const char *hint = sx_suggest(name, k->scope, k->n_scope);
    if (hint)
      sx_err_pos(k->c, l, col, "check.cond.did_you_mean", "key", k->at->key, "name", name, "hint", hint, NULL);
    else
      sx_err_pos(k->c, l, col, "check.cond.unknown", "key", k->at->key, "name", name, NULL);
  }
  free(mark);
  free(name);
}

/* Records a condition with its place for scc_check, which compiles it (Lua is the runtime's)
** and then calls scn_check_cond_names.  key is a static string; customer: one the customer
** compiles (a reaction's or a commitment's, not a hint's). */
static void defer_cond(sx_ctx *c, const yn_node *at, const char *key, const char *expr, int customer) {
  if (!expr) return;
  scn_pending *p = c->pending;
  p->conds = xrealloc(p->conds, (size_t)(p->n_conds + 1) * sizeof *p->conds);
  scn_cond *x = &p->conds[p->n_conds++];
  x->expr = xstrdup(expr);
  x->key = key;
  x->pos = sx_pos(at);
  x->quoted = at->quoted;
  x->customer = customer;
  x->diag_at = c->d->n - c->diag_base;
}

/* Every name a compiled condition uses must be one it can see.  Expressions that define a
** function are skipped (their parameters are names). */
int scn_check_cond_names(const scenario *s, const scn_cond *cond, diag *d) {
  assert(s && cond && cond->expr && d);
  const char *expr = cond->expr;
  int has_function = 0;
  for (const char *p = strstr(expr, "function"); p && !has_function; p = strstr(p + 1, "function"))
    has_function = (p == expr || (!isalnum((unsigned char)p[-1]) && p[-1] != '_')) &&
                   !isalnum((unsigned char)p[8]) && p[8] != '_';
  if (has_function) return 0;
  sx_ctx c = { d, s->file, NULL, 0, NULL, 0 };
  cond_check k = { &c, cond, NULL, 0, {0} };
  int cap = s->n_state + sx_n_move_names + (int)(sizeof cond_names / sizeof *cond_names);
  k.scope = xcalloc((size_t)cap, sizeof *k.scope);
  for (int i = 0; i < s->n_state; i++) k.scope[k.n_scope++] = s->state[i].name;
  for (int i = 0; i < sx_n_move_names; i++) k.scope[k.n_scope++] = sx_move_names[i];
  for (size_t i = 0; i < sizeof cond_names / sizeof *cond_names; i++) k.scope[k.n_scope++] = cond_names[i];
  sx_lua_idents(expr, 0, cond_name, &k);
  sb_free(&k.seen);
  free(k.scope);
  return c.errors;
}
/* }=== */

/* {=== commitments and benefits */

void sx_commitments(sx_ctx *c, const yn_node *n) {
  static const char *const levels[] = { "high", "mid", "low", NULL };
  static const char *const kinds[] = { "advance", "order", "payment", "referral", NULL };
  if (sx_expect(c, n, YN_SEQ, "commitments") != 0) return;
  scenario *s = c->s;
  if (n->n == 0) {
    sx_err(c, n, "check.commitments.empty", NULL);
    return;
  }
  char a[SX_NUM], b[SX_NUM];
  if (n->n > CAP_COMMITMENTS)
    sx_err(c, n, "check.too_many.commitments", "n", sx_d(a, n->n), "limit", sx_d(b, CAP_COMMITMENTS), NULL);
  s->commitments = xcalloc((size_t)n->n, sizeof *s->commitments);
  int prev_level = SCN_LEVEL_HIGH;
  const char *prev_id = NULL;
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.commitment")) != 0) continue;
    sx_check_keys(c, it, "commitments[]");
    scn_commitment *x = &s->commitments[s->n_commitments];
    memset(x, 0, sizeof *x);
    x->id = sx_item_id(c, it, "commitment");
    x->pos = sx_pos(it);
    int level = SCN_LEVEL_LOW, kind = SCN_KIND_ADVANCE;
    const yn_node *ln = yn_get(it, "level");
    if (read_enum(c, ln, "level", levels, &level) == 0) {
      if (level < prev_level)
        sx_err(c, ln, "check.commitments.order", "id", x->id ? x->id : "?", "level", levels[level],
               "prev", prev_id ? prev_id : "?", "prev_level", levels[prev_level], NULL);
      else
        prev_level = level;
    }
    read_enum(c, yn_get(it, "kind"), "kind", kinds, &kind);
    x->level = (scn_level)level;
    x->kind = (scn_kind)kind;
    sx_text(c, yn_get(it, "action"), "action", &x->action);
    sx_strs(c, yn_get(it, "keywords"), "keywords", 0, 0, &x->keywords);
    sx_strs(c, yn_get(it, "examples"), "examples", 0, 0, &x->examples);
    if (sx_text(c, yn_get(it, "realistic_when"), "realistic_when", &x->realistic_when) == 0)
      defer_cond(c, yn_get(it, "realistic_when"), "realistic_when", x->realistic_when, 1);
    sx_strs(c, yn_get(it, "accept"), "accept", 1, 0, &x->accept);
    sx_strs(c, yn_get(it, "refuse"), "refuse", 1, 0, &x->refuse);
    sx_strs(c, yn_get(it, "done"), "done", 1, 0, &x->done);
    const yn_node *on = yn_get(it, "objection");
    if (on && ref_objection(c, on, "objection", &x->objection) != 0) { free(x->objection); x->objection = NULL; }
    if (!x->id) x->id = xstrdup("");
    for (int j = 0; *x->id && j < s->n_commitments; j++)
      if (strcmp(s->commitments[j].id, x->id) == 0) {
        sx_dup_id(c, yn_get(it, "id"), "commitment", x->id, s->commitments[j].pos.line);
        break;
      }
    prev_id = x->id;
    s->n_commitments++;
  }
}

/* benefits: each answers needs that exist (need_index filled in). */
void sx_benefits(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_SEQ, "benefits") != 0) return;
  scenario *s = c->s;
  s->benefits = xcalloc((size_t)(n->n ? n->n : 1), sizeof *s->benefits);
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.benefit")) != 0) continue;
    sx_check_keys(c, it, "benefits[]");
    scn_benefit *x = &s->benefits[s->n_benefits];
    memset(x, 0, sizeof *x);
    x->id = sx_item_id(c, it, "benefit");
    x->pos = sx_pos(it);
    sx_strs(c, yn_get(it, "keywords"), "keywords", 0, 0, &x->keywords);
    sx_strs(c, yn_get(it, "examples"), "examples", 0, 0, &x->examples);
    const yn_node *an = yn_get(it, "answers");
    if (sx_strs(c, an, "answers", 1, 0, &x->answers) == 0) {
      x->need_index = xcalloc((size_t)x->answers.n, sizeof *x->need_index);
      for (int j = 0; j < x->answers.n; j++) {
        x->need_index[j] = scn_need_index(s, x->answers.v[j]);
        if (x->need_index[j] < 0) {
          char *tmp = NULL;
          ref_need(c, an->kind == YN_SEQ ? an->vals[j] : an, "answers", &tmp);
          free(tmp);
        }
      }
    } else {
      sx_strs_free(&x->answers);
    }
    if (!x->id) x->id = xstrdup("");
    for (int j = 0; *x->id && j < s->n_benefits; j++)
      if (strcmp(s->benefits[j].id, x->id) == 0) {
        sx_dup_id(c, yn_get(it, "id"), "benefit", x->id, s->benefits[j].pos.line);
        break;
      }
    s->n_benefits++;
  }
}
/* }=== */

/* {=== reactions */

/* change: {var: delta} (numbers only) or set: {var: value} into the reaction. */
static void read_changes(sx_ctx *c, const yn_node *n, int is_set, scn_reaction *r) {
  const char *what = is_set ? "set" : "change";
  if (sx_expect(c, n, YN_MAP, what) != 0) return;
  r->changes = xrealloc(r->changes, (size_t)(r->n_changes + n->n + 1) * sizeof *r->changes);
  for (int i = 0; i < n->n; i++) {
    const yn_node *k = n->keys[i], *v = n->vals[i];
    const scn_state_var *sv = ref_state(c, k);
    if (!sv) continue;
    scn_change ch = { NULL, 0, is_set, sx_pos(k) };
    if (sv->is_bool) {
      if (!is_set) {
        sx_err(c, k, "check.change.boolean", "name", k->str, NULL);
        continue;
      }
      int b;
      if (sx_bool(c, v, k->str, &b) != 0) continue;
      ch.delta = b;
    } else {
      double lo = -100, hi = 100;
      if (is_set) sx_state_range(k->str, &lo, &hi);
      if (sx_num(c, v, k->str, lo, hi, &ch.delta) != 0) continue;
    }
    ch.var = xstrdup(k->str);
    r->changes[r->n_changes++] = ch;
  }
}

/* say: a key of lines: (a short a-z name) or the customer's words (text or a list of text). */
static void read_say(sx_ctx *c, const yn_node *n, scn_reaction *r) {
  if (!n) return;
  if (n->kind == YN_SCALAR && sx_is_ident(n->str, "_-")) {
    if (ref_lines(c, n, n->str) == 0) r->say_key = xstrdup(n->str);
    return;
  }
  if (sx_strs(c, n, "say", 1, 0, &r->say) != 0) sx_strs_free(&r->say);
}

/* reactions: a checked condition and at least one effect, every reference resolved. */
/* hints: a list of texts, or of { text, when } where when is a condition under which the
** hint fits (/hint never shows one that no longer fits). */
void sx_hints(sx_ctx *c, const yn_node *n) {
  if (!n) return;
  scenario *s = c->s;
  if (n->kind != YN_SEQ) { sx_strs(c, n, "hints", 0, 0, &s->hints); return; }   /* its message */
  if (n->n == 0) { sx_err(c, n, "check.list.empty", "what", "hints", NULL); return; }
  s->hints.v = xcalloc((size_t)n->n + 1, sizeof *s->hints.v);
  s->hint_when = xcalloc((size_t)n->n + 1, sizeof *s->hint_when);
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    char *text = NULL, *when = NULL;
    if (it->kind == YN_MAP) {
      sx_check_keys(c, it, "hints[]");
      if (sx_text(c, yn_get(it, "text"), "hints: text", &text) > 0) sx_err(c, it, "check.hints.no_text", NULL);
      if (sx_text(c, yn_get(it, "when"), "when", &when) == 0) defer_cond(c, yn_get(it, "when"), "when", when, 0);
    } else if (sx_is_text(it)) {
      text = xstrdup(it->str);   /* as sx_text, without the item's name only a message needs */
    } else {
      char num[SX_NUM];
      char *w = msg_get(MSG_CLI_LANG, "check.item", "what", "hints", "n", sx_d(num, i + 1), NULL);
      sx_text(c, it, w, &text);
      free(w);
    }
    if (!text) { free(when); continue; }
    s->hint_when[s->hints.n] = when;
    s->hints.v[s->hints.n++] = text;
  }
}

void sx_reactions(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_SEQ, "reactions") != 0) return;
  scenario *s = c->s;
  s->reactions = xcalloc((size_t)(n->n ? n->n : 1), sizeof *s->reactions);
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.reaction")) != 0) continue;
    sx_check_keys(c, it, "reactions[]");
    scn_reaction *r = &s->reactions[s->n_reactions++];
    memset(r, 0, sizeof *r);
    r->pos = sx_pos(it);
    r->stop = 1;
    if (sx_text(c, yn_get(it, "when"), "when", &r->when) == 0)
      defer_cond(c, yn_get(it, "when"), "when", r->when, 1);
    const yn_node *x;
    if ((x = yn_get(it, "change"))) read_changes(c, x, 0, r);
    if ((x = yn_get(it, "set"))) read_changes(c, x, 1, r);
    read_say(c, yn_get(it, "say"), r);
    if ((x = yn_get(it, "reveal")) && ref_need(c, x, "reveal", &r->reveal) != 0) { free(r->reveal); r->reveal = NULL; }
    if ((x = yn_get(it, "give")) && ref_commitment(c, x, "give", &r->give) != 0) { free(r->give); r->give = NULL; }
    if ((x = yn_get(it, "refuse")) && ref_commitment(c, x, "refuse", &r->refuse) != 0) { free(r->refuse); r->refuse = NULL; }
    if ((x = yn_get(it, "objection")) && ref_objection(c, x, "objection", &r->objection) != 0) {
      free(r->objection);
      r->objection = NULL;
    }
    if ((x = yn_get(it, "ease")) && ref_objection(c, x, "ease", &r->ease) != 0) {
      free(r->ease);
      r->ease = NULL;
    }
    int end;
    if (read_enum(c, yn_get(it, "end"), "end", scn_outcome_names, &end) == 0)
      r->end = xstrdup(scn_outcome_names[end]);
    sx_bool(c, yn_get(it, "once"), "once", &r->once);
    sx_bool(c, yn_get(it, "stop"), "stop", &r->stop);
    static const char *const effects[] = { "change", "set", "say", "reveal", "give", "refuse",
                                           "objection", "ease", "end" };
    int any = 0;
    for (size_t j = 0; j < sizeof effects / sizeof *effects; j++) any |= yn_get(it, effects[j]) != NULL;
    if (!any)
      sx_err(c, it, "check.reaction.no_effect", NULL);
    if (yn_get(it, "give") && yn_get(it, "refuse"))
      sx_err(c, yn_get(it, "refuse"), "check.reaction.give_and_refuse", NULL);
  }
}
/* }=== */

void sx_hidden_needs(sx_ctx *c, const yn_node *needs) {
  scenario *s = c->s;
  if (!needs || needs->kind != YN_SEQ) return;
  for (int i = 0; i < s->n_needs; i++) {
    const scn_need *x = &s->needs[i];
    if (!x->hidden || x->revealed_by.n > 0 || !*x->id) continue;
    int revealed = 0;
    for (int j = 0; j < s->n_reactions && !revealed; j++)
      revealed = s->reactions[j].reveal && strcmp(s->reactions[j].reveal, x->id) == 0;
    if (revealed) continue;
    const yn_node *at = NULL;   /* the need's hidden: value, for the position */
    for (int j = 0; j < needs->n && !at; j++)
      if (needs->vals[j]->line == x->pos.line && needs->vals[j]->col == x->pos.col)
        at = yn_get(needs->vals[j], "hidden");
    sx_err(c, at, "check.need.never_revealed", "id", x->id, NULL);
  }
}

/* {=== visits, scoring, lexicon */

void sx_visits(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_SEQ, "visits") != 0) return;
  scenario *s = c->s;
  if (n->n == 0) {
    sx_err(c, n, "check.visits.empty", NULL);
    return;
  }
  s->visits = xcalloc((size_t)n->n, sizeof *s->visits);
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.visit")) != 0) continue;
    sx_check_keys(c, it, "visits[]");
    scn_visit *v = &s->visits[s->n_visits];
    memset(v, 0, sizeof *v);
    v->id = sx_item_id(c, it, "visit");
    v->pos = sx_pos(it);
    sx_text(c, yn_get(it, "title"), "title", &v->title);
    sx_prose(c, yn_get(it, "brief"), "brief", &v->brief);
    sx_prose(c, yn_get(it, "goal"), "goal", &v->goal);
    const yn_node *st = yn_get(it, "state");
    if (st) sx_state_map(c, st, "state", s, &v->state, &v->n_state);
    sx_visit_kind(c, yn_get(it, "visit_kind"), &v->kind, &v->kind_pos);
    const yn_node *cn = yn_get(it, "commitments");
    if (sx_strs(c, cn, "commitments", 0, 0, &v->commitments) == 0) {
      for (int j = 0; j < v->commitments.n; j++)
        if (scn_commitment_index(s, v->commitments.v[j]) < 0) {
          char *tmp = NULL;
          ref_commitment(c, cn->vals[j], "commitments", &tmp);
          free(tmp);
        }
    } else {
      sx_strs_free(&v->commitments);
    }
    if (!v->id) v->id = xstrdup("");
    for (int j = 0; *v->id && j < s->n_visits; j++)
      if (strcmp(s->visits[j].id, v->id) == 0) {
        sx_dup_id(c, yn_get(it, "id"), "visit", v->id, s->visits[j].pos.line);
        break;
      }
    s->n_visits++;
  }
}

/* visit_kind: one of scn_visit_kind_names; *out gets the scn_visit_kind, *pos its place
** (both unchanged when absent). */
void sx_visit_kind(sx_ctx *c, const yn_node *n, int *out, scn_pos *pos) {
  int k;
  if (n && read_enum(c, n, "visit_kind", scn_visit_kind_names, &k) == 0) {
    *out = SCN_VISIT_FIRST + k;
    *pos = sx_pos(n);
  }
}

/* A tier's name: text in the scenario's language, or a mapping language -> text (zh, en) that
** holds the scenario's language. */
static void tier_name(sx_ctx *c, const yn_node *n, scn_tier *t) {
  const char *lang = c->s->language ? c->s->language : "";
  if (n->kind == YN_SCALAR) {
    char *txt = NULL;
    if (sx_text(c, n, "name", &txt) != 0) return;
    t->langs.v = xmalloc(sizeof *t->langs.v);
    t->names.v = xmalloc(sizeof *t->names.v);
    t->langs.v[0] = xstrdup(lang);
    t->names.v[0] = txt;
    t->langs.n = t->names.n = 1;
    return;
  }
  if (n->kind != YN_MAP) { sx_expect(c, n, YN_MAP, "name"); return; }
  t->langs.v = xcalloc((size_t)(n->n ? n->n : 1), sizeof *t->langs.v);
  t->names.v = xcalloc((size_t)(n->n ? n->n : 1), sizeof *t->names.v);
  int has_own = 0;
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    if (strcmp(k, "zh") != 0 && strcmp(k, "en") != 0) {
      sx_err(c, n->keys[i], "check.tier.bad_language", "found", k, NULL);
      continue;
    }
    char *txt = NULL;
    if (sx_text(c, n->vals[i], k, &txt) != 0) continue;
    has_own |= strcmp(k, lang) == 0;
    t->langs.v[t->langs.n++] = xstrdup(k);
    t->names.v[t->names.n++] = txt;
  }
  if (!has_own && *lang) sx_err(c, n, "check.tier.no_own", "lang", lang, NULL);
}

/* scoring.tiers: a list, best first, of id (unique), min (0..100, each below the one before,
** the last 0 so every total has a tier) and name. */
static void read_tiers(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_SEQ, "tiers") != 0) return;
  scn_scoring *sc = &c->s->scoring;
  if (n->n == 0) { sx_err(c, n, "check.tiers.empty", NULL); return; }
  sc->tiers = xcalloc((size_t)n->n, sizeof *sc->tiers);
  const yn_node *last_min = NULL;
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.tier")) != 0) continue;
    sx_check_keys(c, it, "scoring.tiers[]");
    scn_tier *t = &sc->tiers[sc->n_tiers];
    memset(t, 0, sizeof *t);
    t->id = sx_item_id(c, it, "tier");
    t->pos = sx_pos(it);
    t->min = -1;
    const yn_node *mn = yn_get(it, "min");
    if (sx_num(c, mn, "min", 0, 100, &t->min) == 0) {
      const scn_tier *prev = sc->n_tiers > 0 ? &sc->tiers[sc->n_tiers - 1] : NULL;
      if (prev && prev->min >= 0 && t->min >= prev->min) {
        char a[SX_NUM], b[SX_NUM], l[SX_NUM];
        sx_err(c, mn, "check.tiers.order", "min", sx_g(a, t->min), "prev", sx_g(b, prev->min),
               "line", sx_d(l, prev->pos.line), NULL);
      }
      last_min = mn;
    }
    const yn_node *nm = yn_get(it, "name");
    if (nm) tier_name(c, nm, t);
    if (!t->id) t->id = xstrdup("");
    for (int j = 0; *t->id && j < sc->n_tiers; j++)
      if (strcmp(sc->tiers[j].id, t->id) == 0) {
        sx_dup_id(c, yn_get(it, "id"), "tier", t->id, sc->tiers[j].pos.line);
        break;
      }
    sc->n_tiers++;
  }
  if (last_min && sc->n_tiers > 0 && sc->tiers[sc->n_tiers - 1].min > 0)
    sx_err(c, last_min, "check.tiers.last", NULL);
}

/* scoring: weights and pass 0..100, rule overrides by known rule id, the scenario's tiers. */
void sx_scoring(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_MAP, "scoring") != 0) return;
  sx_check_keys(c, n, "scoring");
  scn_scoring *sc = &c->s->scoring;
  const yn_node *w = yn_get(n, "weights");
  if (sx_expect(c, w, YN_MAP, "weights") == 0) {
    sx_check_keys(c, w, "scoring.weights");
    sx_num(c, yn_get(w, "commitment"), "commitment", 0, 100, &sc->w_commitment);
    sx_num(c, yn_get(w, "benefits"), "benefits", 0, 100, &sc->w_benefits);
    sx_num(c, yn_get(w, "tactics"), "tactics", 0, 100, &sc->w_tactics);
    sx_num(c, yn_get(w, "discovery"), "discovery", 0, 100, &sc->w_discovery);
    double sum = 0;
    int all = 1;
    double ws[4] = { sc->w_commitment, sc->w_benefits, sc->w_tactics, sc->w_discovery };
    for (int i = 0; i < 4; i++) { if (ws[i] < 0) all = 0; else sum += ws[i]; }
    if (all && sum <= 0) sx_err(c, w, "check.weights.zero", NULL);
  }
  sx_num(c, yn_get(n, "pass"), "pass", 0, 100, &sc->pass);
  read_tiers(c, yn_get(n, "tiers"));
  const yn_node *r = yn_get(n, "rules");
  if (sx_expect(c, r, YN_MAP, "rules") == 0) {
    sc->rules = xcalloc((size_t)(r->n ? r->n : 1), sizeof *sc->rules);
    for (int i = 0; i < r->n; i++) {
      const yn_node *k = r->keys[i];
      if (!sx_is_ident(k->str, "_")) {
        sx_err(c, k, "check.rule.bad_id", "id", k->str, NULL);
        continue;
      }
      scn_ref *ref = ref_rule(c, k, k->str);   /* scc_check finds it in the scorer's table */
      double pts;
      int bad = sx_num(c, r->vals[i], k->str, -100, 100, &pts) != 0;
      ref->points_to = c->d->n - c->diag_base;   /* dropped by scc_check when the rule is unknown */
      if (bad) continue;
      sc->rules[sc->n_rules].rule = xstrdup(k->str);
      sc->rules[sc->n_rules].points = pts;
      sc->n_rules++;
    }
  }
}

/* `concepts:` under lexicon (off 0) or under its switch_off (off 1): a concept's name -> the words
** added to it or taken out of it (link_concepts.h; a name the shipped table lacks is a new concept). */
static void lexicon_concepts(sx_ctx *c, const yn_node *n, int off) {
  const char *where = off ? "lexicon.switch_off.concepts" : "lexicon.concepts";
  if (sx_expect(c, n, YN_MAP, where) != 0) return;
  scenario *s = c->s;
  s->concepts = xrealloc(s->concepts, sizeof *s->concepts * (size_t)(s->n_concepts + n->n + 1));
  for (int i = 0; i < n->n; i++) {
    scn_lex_entry *e = &s->concepts[s->n_concepts];
    memset(e, 0, sizeof *e);
    if (sx_strs(c, n->vals[i], n->keys[i]->str, 1, 0, &e->phrases) != 0) { sx_strs_free(&e->phrases); continue; }
    e->name = xstrdup(n->keys[i]->str);
    e->pos = sx_pos(n->keys[i]);
    e->off = off;
    s->n_concepts++;
  }
}

/* lexicon: keys are classifier moves or slots, values phrases; `concepts:` adds to linking's. */
void sx_lexicon(sx_ctx *c, const yn_node *n) {
  static const char *const slots[] = { "action", "time", "person", "place", "vague", "negation", "ignore" };
  /* what `switch_off:` may name: any label of the shipped lexicons (docs/classifier.md, section 3) */
  static const char *const markers[] = { "way", "request", "question", "wh", "summary", "customer_terms",
                                         "scarcity", "offer", "seller", "customer", "confirm", "boast",
                                         "payer", "incoming" };
  if (sx_expect(c, n, YN_MAP, "lexicon") != 0) return;
  scenario *s = c->s;
  int nslots = (int)(sizeof slots / sizeof *slots), nmk = (int)(sizeof markers / sizeof *markers);
  int nn = sx_n_move_names + nslots + nmk;
  const char **names = xcalloc((size_t)nn, sizeof *names);
  for (int i = 0; i < sx_n_move_names; i++) names[i] = sx_move_names[i];
  for (int i = 0; i < nslots; i++) names[sx_n_move_names + i] = slots[i];
  for (int i = 0; i < nmk; i++) names[sx_n_move_names + nslots + i] = markers[i];
  int total = 0;
  const yn_node *off = NULL;
  for (int i = 0; i < n->n; i++) {
    if (strcmp(n->keys[i]->str, "switch_off") == 0) { off = n->vals[i]; total += off->kind == YN_MAP ? off->n : 0; }
    else total++;
  }
  s->lexicon = xcalloc((size_t)(total ? total : 1), sizeof *s->lexicon);
  for (int pass = 0; pass < 2; pass++) {   /* additions, then `switch_off:` */
    const yn_node *m = pass == 0 ? n : off;
    if (pass == 1 && (!off || sx_expect(c, off, YN_MAP, "lexicon.switch_off") != 0)) break;
    int allowed = pass == 0 ? sx_n_move_names + nslots : nn;   /* switch_off: also the markers */
    for (int i = 0; i < m->n; i++) {
      const yn_node *k = m->keys[i];
      if (pass == 0 && strcmp(k->str, "switch_off") == 0) continue;
      if (strcmp(k->str, "concepts") == 0) { lexicon_concepts(c, m->vals[i], pass); continue; }
      int known = 0;
      for (int j = 0; j < allowed && !known; j++) known = strcmp(names[j], k->str) == 0;
      if (!known) {
        const char *hint = sx_suggest(k->str, names, allowed);
        const char *where = pass ? "lexicon.switch_off" : "lexicon";
        if (hint) sx_err(c, k, "check.lexicon.did_you_mean", "where", where, "name", k->str, "hint", hint, NULL);
        else sx_err(c, k, "check.lexicon.unknown", "where", where, "name", k->str, NULL);
        continue;
      }
      scn_lex_entry *e = &s->lexicon[s->n_lexicon];
      memset(e, 0, sizeof *e);
      if (sx_strs(c, m->vals[i], k->str, 1, 0, &e->phrases) != 0) { sx_strs_free(&e->phrases); continue; }
      e->name = xstrdup(k->str);
      e->pos = sx_pos(k);
      e->off = pass;
      s->n_lexicon++;
    }
  }
  free(names);
}
/* }=== */

/* {=== tests */

/* A band in a test expectation: ">= 70", "40..70", 75. */
static int read_band(sx_ctx *c, const yn_node *n, const char *what, scn_band *out) {
  if (!n) return 1;
  if (n->kind != YN_SCALAR || scn_parse_band(n->str, out) != 0) {
    if (n->kind == YN_SCALAR)
      sx_err(c, n, "check.band.bad", "what", what, "text", n->str, NULL);
    else
      sx_expect(c, n, YN_SCALAR, what);
    return -1;
  }
  return 0;
}

/* expect: of one test. */
static void read_expect(sx_ctx *c, const yn_node *n, scn_test *t) {
  if (sx_expect(c, n, YN_MAP, "expect") != 0) return;
  sx_check_keys(c, n, "tests[].expect");
  int o;
  if (read_enum(c, yn_get(n, "outcome"), "outcome", scn_outcome_names, &o) == 0)
    t->outcome = xstrdup(scn_outcome_names[o]);
  if (read_band(c, yn_get(n, "score"), "score", &t->score) == 0) t->has_score = 1;
  const yn_node *sk = yn_get(n, "skills");
  if (sx_expect(c, sk, YN_MAP, "skills") == 0) {
    sx_check_keys(c, sk, "tests[].expect.skills");
    t->skills = xcalloc((size_t)(sk->n ? sk->n : 1), sizeof *t->skills);
    for (int i = 0; i < sk->n; i++) {
      if (vocab_skill_index(sk->keys[i]->str) < 0) continue;   /* reported by the key check */
      scn_band b;
      if (read_band(c, sk->vals[i], sk->keys[i]->str, &b) != 0) continue;
      t->skills[t->n_skills].skill = xstrdup(sk->keys[i]->str);
      t->skills[t->n_skills].band = b;
      t->n_skills++;
    }
  }
  if (sx_strs(c, yn_get(n, "findings"), "findings", 1, 1, &t->findings) == 0)
    ref_rules(c, yn_get(n, "findings"), &t->findings);
  if (sx_strs(c, yn_get(n, "no_findings"), "no_findings", 1, 1, &t->no_findings) == 0)
    ref_rules(c, yn_get(n, "no_findings"), &t->no_findings);
  sx_strs(c, yn_get(n, "says"), "says", 1, 0, &t->says);
  sx_strs(c, yn_get(n, "not_says"), "not_says", 1, 0, &t->not_says);
}

/* tests: unique names, lines to play, expectations with valid bands and rule ids. */
void sx_tests(sx_ctx *c, const yn_node *n) {
  if (sx_expect(c, n, YN_SEQ, "tests") != 0) return;
  scenario *s = c->s;
  s->tests = xcalloc((size_t)(n->n ? n->n : 1), sizeof *s->tests);
  for (int i = 0; i < n->n; i++) {
    const yn_node *it = n->vals[i];
    if (it->kind != YN_MAP && sx_expect(c, it, YN_MAP, sx_word("check.each.test")) != 0) continue;
    sx_check_keys(c, it, "tests[]");
    scn_test *t = &s->tests[s->n_tests];
    memset(t, 0, sizeof *t);
    t->pos = sx_pos(it);
    t->seed = 1;
    sx_text(c, yn_get(it, "name"), "name", &t->name);
    long seed;
    if (sx_int(c, yn_get(it, "seed"), "seed", 0, 0x7fffffffL, &seed) == 0) t->seed = (uint64_t)seed;
    sx_strs(c, yn_get(it, "lines"), "lines", 0, 0, &t->lines);
    read_expect(c, yn_get(it, "expect"), t);
    if (!t->name) t->name = xstrdup("");
    for (int j = 0; *t->name && j < s->n_tests; j++)
      if (strcmp(s->tests[j].name, t->name) == 0) {
        char l[SX_NUM];
        sx_err(c, yn_get(it, "name"), "check.duplicate_test", "name", t->name, "line",
               sx_d(l, s->tests[j].pos.line), NULL);
        break;
      }
    s->n_tests++;
  }
}
/* }=== */
