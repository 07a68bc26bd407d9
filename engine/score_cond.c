/*
** score_cond.c: evaluates a commitment's realistic_when against the state snapshot taken when
** the trainee asked.  The scorer reads a finished session, long after the customer's Lua state
** moved on, so it cannot ask the customer host; the conditions trainers write are short Lua
** expressions over the well-known state ("trust >= 5 and value_acknowledged"), which this small
** recursive-descent evaluator understands.  Anything else (functions, custom state, strings)
** makes it answer -1 and the scorer falls back to the customer's refuse event.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "score.h"

typedef struct { int ok; int is_bool; double v; } val;   /* Lua number or boolean */

typedef struct {
  const char *p;
  const sess_snapshot *snap;
  int err;
  int depth;
} parser;

static val eval_or(parser *ps);

/* Skips blanks. */
static void skip(parser *ps) {
  while (*ps->p && isspace((unsigned char)*ps->p)) ps->p++;
}

/* Consumes the keyword kw when it stands alone at the cursor. */
static int keyword(parser *ps, const char *kw) {
  size_t n = strlen(kw);
  skip(ps);
  if (strncmp(ps->p, kw, n) == 0 && !isalnum((unsigned char)ps->p[n]) && ps->p[n] != '_') {
    ps->p += n;
    return 1;
  }
  return 0;
}

/* Consumes the operator op at the cursor. */
static int op(parser *ps, const char *o) {
  size_t n = strlen(o);
  skip(ps);
  if (strncmp(ps->p, o, n) == 0) { ps->p += n; return 1; }
  return 0;
}

static val bad(parser *ps) { ps->err = 1; val v = { 0, 0, 0 }; return v; }
static val num(double d) { val v = { 1, 0, d }; return v; }
static val boolean(int b) { val v = { 1, 1, b ? 1 : 0 }; return v; }
static int truthy(val v) { return v.is_bool ? v.v != 0 : 1; }   /* Lua: only false/nil are false */

/* The value of a state name from the snapshot; an unknown name is an error. */
static val lookup(parser *ps, const char *name, size_t n) {
  static const struct { const char *name; int kind; } names[] = {
    { "interest", 0 }, { "trust", 1 }, { "patience", 2 }, { "value_acknowledged", 3 },
    { "value_ack", 3 }, { "on_purchase_list", 4 }, { "on_list", 4 }, { "visit", 5 },
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strlen(names[i].name) != n || strncmp(names[i].name, name, n) != 0) continue;
    const sess_snapshot *s = ps->snap;
    switch (names[i].kind) {
      case 0: return num(s->interest);
      case 1: return num(s->trust);
      case 2: return num(s->patience);
      case 3: return boolean(s->value_ack);
      case 4: return boolean(s->on_list);
      default: return num(s->visit);
    }
  }
  return bad(ps);
}

/* primary: number | true | false | name | state.name | ( expr ) */
static val primary(parser *ps) {
  skip(ps);
  if (++ps->depth > 64) return bad(ps);
  val r;
  if (*ps->p == '(') {
    ps->p++;
    r = eval_or(ps);
    if (!op(ps, ")")) r = bad(ps);
  } else if (isdigit((unsigned char)*ps->p) || (*ps->p == '.' && isdigit((unsigned char)ps->p[1]))) {
    char *end;
    double d = strtod(ps->p, &end);
    ps->p = end;
    r = num(d);
  } else if (keyword(ps, "true")) {
    r = boolean(1);
  } else if (keyword(ps, "false")) {
    r = boolean(0);
  } else if (isalpha((unsigned char)*ps->p) || *ps->p == '_') {
    if (strncmp(ps->p, "state.", 6) == 0) ps->p += 6;
    const char *s = ps->p;
    while (isalnum((unsigned char)*ps->p) || *ps->p == '_') ps->p++;
    r = lookup(ps, s, (size_t)(ps->p - s));
  } else {
    r = bad(ps);
  }
  ps->depth--;
  return r;
}

/* unary: not unary | - unary | primary */
static val unary(parser *ps) {
  if (keyword(ps, "not")) { val v = unary(ps); return boolean(!truthy(v)); }
  if (op(ps, "-")) { val v = unary(ps); return v.is_bool ? bad(ps) : num(-v.v); }
  return primary(ps);
}

/* mul: unary (('*'|'/') unary)* */
static val mul(parser *ps) {
  val a = unary(ps);
  for (;;) {
    int m = op(ps, "*") ? 1 : op(ps, "/") ? 2 : 0;
    if (!m || ps->err) return a;
    val b = unary(ps);
    if (a.is_bool || b.is_bool) return bad(ps);
    a = num(m == 1 ? a.v * b.v : a.v / b.v);
  }
}

/* add: mul (('+'|'-') mul)* */
static val add(parser *ps) {
  val a = mul(ps);
  for (;;) {
    int m = op(ps, "+") ? 1 : op(ps, "-") ? 2 : 0;
    if (!m || ps->err) return a;
    val b = mul(ps);
    if (a.is_bool || b.is_bool) return bad(ps);
    a = num(m == 1 ? a.v + b.v : a.v - b.v);
  }
}

/* cmp: add (op add)?  Lua compares numbers only with < <= > >=; == and ~= compare anything. */
static val cmp(parser *ps) {
  val a = add(ps);
  static const char *const ops[] = { ">=", "<=", "==", "~=", ">", "<" };
  for (int i = 0; i < 6; i++) {
    if (!op(ps, ops[i])) continue;
    val b = add(ps);
    if (ps->err) return a;
    if (i == 2) return boolean(a.is_bool == b.is_bool && a.v == b.v);
    if (i == 3) return boolean(!(a.is_bool == b.is_bool && a.v == b.v));
    if (a.is_bool || b.is_bool) return bad(ps);
    switch (i) {
      case 0: return boolean(a.v >= b.v);
      case 1: return boolean(a.v <= b.v);
      case 4: return boolean(a.v > b.v);
      default: return boolean(a.v < b.v);
    }
  }
  return a;
}

/* and: cmp ('and' cmp)*, with Lua's value semantics. */
static val eval_and(parser *ps) {
  val a = cmp(ps);
  while (!ps->err && keyword(ps, "and")) {
    val b = cmp(ps);
    if (truthy(a)) a = b;
  }
  return a;
}

/* or: and ('or' and)* */
static val eval_or(parser *ps) {
  val a = eval_and(ps);
  while (!ps->err && keyword(ps, "or")) {
    val b = eval_and(ps);
    if (!truthy(a)) a = b;
  }
  return a;
}

/* 1 / 0 for the condition against the snapshot, -1 when outside the supported subset. */
int score_eval_condition(const char *expr, const sess_snapshot *snap) {
  if (!expr || !snap) return -1;
  parser ps = { expr, snap, 0, 0 };
  if (keyword(&ps, "return")) { /* allow "return EXPR" */ }
  val v = eval_or(&ps);
  skip(&ps);
  if (ps.err || *ps.p) return -1;
  return truthy(v) ? 1 : 0;
}
