/*
** customer_react.c: the scenario's declarative reactions and the conditions they use.
**
** A condition (`when:`, `realistic_when:`) is compiled once as "return (EXPR)" in an
** environment whose names resolve, in this order, to: a state variable (number, or true/false),
** a move of the current line (true/false), a fact about the line (specific, vague, question,
** negated, tactic, turn, visit), a helper (revealed, confirmed, given, refused, raised, eased, done, offered,
** is_realistic, mentions), or a safe library (math, string, tonumber, ...).  Any other name is
** an error, so a typo shows up instead of silently reading nil.  The chunk is padded with
** newlines so its line numbers are the YAML file's.
*/
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "builtin.h"
#include "customer_int.h"
#include "msg.h"
#include "msg_cli.h"
#include "util.h"

static const char *const move_names[] = {
#define X(c, s) s,
  CLS_MOVES(X)
#undef X
};

/* What a name in a condition stands for: codes in the names table (upvalue 3 of cond_index),
** made once per host, so a lookup is one hash probe instead of string comparisons. */
enum { CN_STATE = 0, CN_MOVE = 1 << 16, CN_SPECIFIC = 2 << 16, CN_VAGUE, CN_QUESTION, CN_NEGATED,
       CN_TACTIC, CN_TURN, CN_VISIT, CN_VOICED };

/* Does the line name a need the customer has voiced?  (A feature said about it is an answer to
** that need, not a feature dump: issue 15.) */
static int names_voiced_need(const cust_host *h, const cls_result *t) {
  for (int i = 0; t && i < t->n_needs; i++)
    if (t->needs[i] >= 0 && t->needs[i] < h->sc->n_needs && cust_flag(h, CF_REVEALED, t->needs[i])) return 1;
  return 0;
}

/* Raises a condition's Lua error in the catalogue's words of key with {name}, placed as
** luaL_error places it (the chunk and line first); never returns. */
static int cond_error(lua_State *L, const char *key, const char *name) {
  char *m = msg_get(MSG_CLI_LANG, key, "name", name, NULL);
  luaL_where(L, 1);
  lua_pushstring(L, m);
  free(m);
  lua_concat(L, 2);
  return lua_error(L);
}

/* __index of the condition environment: upvalue 1 the host, upvalue 2 the helpers, upvalue 3
** the names table (name -> code).  A state variable shadows a move, a move a fact, a fact a
** helper. */
static int cond_index(lua_State *L) {
  cust_host *h = lua_touserdata(L, lua_upvalueindex(1));
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  lua_pushvalue(L, 2);
  int isnum;
  lua_Integer code = (lua_rawget(L, lua_upvalueindex(3)), lua_tointegerx(L, -1, &isnum));
  lua_pop(L, 1);
  const cls_result *t = h->turn;
  if (isnum) {
    if (code < CN_MOVE) {
      int i = (int)code;
      if (h->is_bool[i]) lua_pushboolean(L, h->val[i] != 0);
      else lua_pushnumber(L, h->val[i]);
      return 1;
    }
    switch (code) {
    case CN_SPECIFIC: lua_pushboolean(L, t && t->specific); return 1;
    case CN_VAGUE: lua_pushboolean(L, t && t->vague); return 1;
    case CN_QUESTION: lua_pushboolean(L, t && t->question); return 1;
    case CN_NEGATED: lua_pushboolean(L, t && t->negated); return 1;
    case CN_TACTIC:
      if (t && t->tactic == CLS_TACTIC_GAIN) lua_pushliteral(L, "gain");
      else if (t && t->tactic == CLS_TACTIC_LOSS) lua_pushliteral(L, "loss");
      else lua_pushnil(L);
      return 1;
    case CN_TURN: lua_pushinteger(L, h->turn_no); return 1;
    case CN_VISIT: lua_pushinteger(L, h->visit + 1); return 1;
    case CN_VOICED: lua_pushboolean(L, names_voiced_need(h, t)); return 1;
    default: lua_pushboolean(L, t && CLS_HAS(t, (int)(code - CN_MOVE))); return 1;
    }
  }
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL) return 1;
  const char *name = lua_tostring(L, 2);
  return cond_error(L, "cli.lua.unknown_name", name ? name : "(null)");
}

/* Pushes the names table of cond_index: facts, then moves, then state variables, each later
** one taking the name over (the order in which names shadow each other). */
static void push_cond_names(lua_State *L, cust_host *h) {
  static const char *const facts[] = { "specific", "vague", "question", "negated", "tactic", "turn", "visit",
                                       "voiced_need" };
  lua_createtable(L, 0, 8 + CLS_MOVE_COUNT + h->n_state);
  for (int f = 0; f < 8; f++) {
    lua_pushinteger(L, CN_SPECIFIC + f);
    lua_setfield(L, -2, facts[f]);
  }
  for (int m = 0; m < CLS_MOVE_COUNT; m++) {
    lua_pushinteger(L, CN_MOVE + m);
    lua_setfield(L, -2, move_names[m]);
  }
  for (int i = 0; i < h->n_state; i++) {
    lua_pushinteger(L, CN_STATE + i);
    lua_setfield(L, -2, h->names[i]);
  }
}

/* Is w[0..n) a name a reading condition may use: a keyword of an expression, a fact, a customer
** query, a state variable or a move (cust_cond_reads_only)?  Looked for in that order, the
** short lists first: the queries (mentions, above all) came after the forty moves. */
static int cond_name_reads(const cust_host *h, const char *w, size_t n) {
  static const char *const words[] = { "and", "or", "not", "true", "false", "nil", "specific", "vague",
                                       "question", "negated", "tactic", "turn", "visit", "voiced_need" };
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (util_is_name(words[i], w, n)) return 1;
  if (cust_is_cond_query(w, n)) return 1;
  for (int i = 0; i < h->n_state; i++)
    if (util_is_name(h->names[i], w, n)) return 1;
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (util_is_name(move_names[m], w, n)) return 1;
  return 0;
}

/* Is c a byte of an operator, a parenthesis, a comma or a space (a switch: strchr per byte
** was a tenth of the scan)? */
static int cond_op_byte(unsigned char c) {
  switch (c) {
    case '+': case '-': case '*': case '/': case '%': case '^': case '#': case '&': case '~': case '|':
    case '<': case '>': case '=': case '(': case ')': case ',': case ' ': case '\t': case '\n': case '\r':
      return 1;
    default:
      return 0;
  }
}

/* See customer_int.h.  A scan of the text, not a parse: anything it does not know makes it
** answer no. */
int cust_cond_reads_only(const cust_host *h, const char *expr) {
  if (!expr) return 1;
  int field = 0;   /* the name that follows is a field read with '.' */
  for (const char *p = expr; *p;) {
    unsigned char c = (unsigned char)*p;
    if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      const char *w = p;
      while (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) p++;
      if (!field && !cond_name_reads(h, w, (size_t)(p - w))) return 0;
      field = 0;
    } else if ((c >= '0' && c <= '9') || (c == '.' && p[1] >= '0' && p[1] <= '9')) {
      p++;   /* a number: 12, 1.5, 0x1f, 2e3 (its sign or exponent's sign is an operator) */
      while (*p == '.' || *p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
        p++;
      field = 0;
    } else if (c == '.') {
      if (p[1] == '.') {   /* .. joins strings; ... is refused */
        if (p[2] == '.') return 0;
        p += 2;
        field = 0;
      } else {
        p++;
        field = 1;
      }
    } else if (c == '"' || c == '\'') {
      const char *q = p + 1;
      while (*q && *q != (char)c && *q != '\\' && *q != '\n') q++;
      if (*q != (char)c) return 0;
      p = q + 1;
      field = 0;
    } else if (cond_op_byte(c)) {
      if (c == '-' && p[1] == '-') return 0;   /* a comment */
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') field = 0;
      p++;
    } else {
      return 0;
    }
  }
  return 1;
}

static int cond_ident_char(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Skips the spaces at *p, then reads the name there: its length (0 when none), *p past it. */
static size_t cond_word(const char **p, const char **word) {
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r') (*p)++;
  *word = *p;
  if (**p >= '0' && **p <= '9') return 0;
  while (cond_ident_char(**p)) (*p)++;
  return (size_t)(*p - *word);
}

/* The bit of move name w[0..n) as a condition reads it (a state variable of that name shadows
** the move: 0 then), or 0 when it names no move. */
static uint64_t cond_move_bit(const cust_host *h, const char *w, size_t n) {
  for (int i = 0; i < h->n_state; i++)
    if (util_is_name(h->names[i], w, n)) return 0;
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (util_is_name(move_names[m], w, n)) return (uint64_t)1 << m;
  return 0;
}

/* Does the text from p hold an `or` outside parentheses and strings (or anything this scan is
** not sure of: a comment, a long string, a parenthesis closed that it did not open)? */
static int cond_rest_may_or(const char *p) {
  int depth = 0;
  while (*p) {
    char c = *p;
    if (c == '(' || c == '{' || c == '[') {
      if (c == '[' && (p[1] == '[' || p[1] == '=')) return 1;
      depth++, p++;
    } else if (c == ')' || c == '}' || c == ']') {
      if (--depth < 0) return 1;
      p++;
    } else if (c == '"' || c == '\'') {
      for (p++; *p && *p != c; p++)
        if (*p == '\\' && p[1]) p++;
      if (!*p) return 1;
      p++;
    } else if (c == '-' && p[1] == '-') {
      return 1;
    } else if (cond_ident_char(c)) {
      const char *w = p;
      while (cond_ident_char(*p)) p++;
      if (depth == 0 && p - w == 2 && w[0] == 'o' && w[1] == 'r') return 1;
    } else {
      p++;
    }
  }
  return depth != 0;
}

/* See customer_int.h.  Shapes: "MOVE", "MOVE and ...", "(MOVE or MOVE ...) and ...", where the
** rest has no `or` of its own outside parentheses (`a and b or c` is c when a is false). */
uint64_t cust_cond_move_gate(const cust_host *h, const char *expr) {
  if (!expr) return 0;
  const char *p = expr, *w;
  uint64_t gate = 0, bit;
  size_t n;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
  if (*p == '(') {
    p++;
    for (;;) {
      n = cond_word(&p, &w);
      if (!n || !(bit = cond_move_bit(h, w, n))) return 0;
      gate |= bit;
      while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
      if (*p == ')') { p++; break; }
      n = cond_word(&p, &w);
      if (n != 2 || memcmp(w, "or", 2) != 0) return 0;
    }
  } else {
    n = cond_word(&p, &w);
    if (!n || !(gate = cond_move_bit(h, w, n))) return 0;
  }
  n = cond_word(&p, &w);
  if (!n && !*p) return gate;
  if (n != 3 || memcmp(w, "and", 3) != 0) return 0;
  return cond_rest_may_or(p) ? 0 : gate;
}

/* 1 when fact name w[0..n) is read as the fact: no move and no state variable takes the name
** over (cond_index). */
static int cond_fact_stands(const cust_host *h, const char *w, size_t n) {
  for (int i = 0; i < h->n_state; i++)
    if (strlen(h->names[i]) == n && memcmp(h->names[i], w, n) == 0) return 0;
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (strlen(move_names[m]) == n && memcmp(move_names[m], w, n) == 0) return 0;
  return 1;
}

/* The index of the boolean state variable named w[0..n), or -1. */
static int cond_bool_state(const cust_host *h, const char *w, size_t n) {
  for (int i = 0; i < h->n_state; i++)
    if (strlen(h->names[i]) == n && memcmp(h->names[i], w, n) == 0) return h->is_bool[i] ? i : -1;
  return -1;
}

/* See customer_int.h.  Shapes: "visit == N and ...", "question and ...", "FLAG and ...", and
** these joined by `and` ("visit == N and question and ..."), where the rest has no `or` of its
** own outside parentheses. */
int cust_cond_fact_gate(const cust_host *h, const char *expr, int *visit, int *question, int *flag) {
  *visit = 0;
  *question = 0;
  *flag = 0;
  if (!expr) return 0;
  const char *p = expr, *w;
  int v = 0, q = 0, f = 0, b;
  for (;;) {
    const char *at = p;   /* where the rest starts when this term is none of the facts */
    size_t n = cond_word(&p, &w);
    if (n == 8 && memcmp(w, "question", 8) == 0 && cond_fact_stands(h, w, n)) {
      q = 1;
    } else if (n > 0 && !f && (b = cond_bool_state(h, w, n)) >= 0) {   /* (a state name shadows all) */
      f = b + 1;
    } else if (n == 5 && memcmp(w, "visit", 5) == 0 && cond_fact_stands(h, w, n) && !v) {
      while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
      if (p[0] != '=' || p[1] != '=') return 0;
      for (p += 2; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++) {}
      if (*p < '1' || *p > '9') return 0;
      while (*p >= '0' && *p <= '9' && v < 100000) v = v * 10 + (*p++ - '0');
      if (cond_ident_char(*p) || *p == '.') return 0;   /* (3.5, 3e1, a longer number) */
    } else {
      if (!v && !q && !f) return 0;
      p = at;
      if (cond_rest_may_or(p)) return 0;
      break;
    }
    n = cond_word(&p, &w);
    if (!n && !*p) break;   /* the whole condition */
    if (n != 3 || memcmp(w, "and", 3) != 0) return 0;
  }
  *visit = v;
  *question = q;
  *flag = f;
  return 1;
}

/* Conditions are read-only. */
static int cond_newindex(lua_State *L) {
  return cond_error(L, "cli.lua.assign", luaL_optstring(L, 2, "?"));
}

/* Pushes the environment conditions run in (see the comment at the top). */
void cust_push_cond_env(lua_State *L, cust_host *h) {
  lua_newtable(L);                       /* the environment: always empty */
  lua_createtable(L, 0, 4);              /* its metatable */
  lua_pushlightuserdata(L, h);
  sbx_push_env(L);                       /* helpers: the safe libraries ... */
  cust_set_cond_helpers(L, h);           /* ... and the customer's queries */
  push_cond_names(L, h);
  lua_pushcclosure(L, cond_index, 3);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, cond_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushliteral(L, "protected");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

/* Compiles a condition so that its line numbers are the YAML file's. */
int cust_compile_cond(cust_host *h, const char *expr, int line, char **err) {
  lua_State *L = sbx_lua(h->sbx);
  strbuf b = {0};
  for (int i = 1; i < line && i < 100000; i++) sb_putc(&b, '\n');
  sb_printf(&b, "return (%s\n)", expr);
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_cond);
  sbx_status st = sbx_load(h->sbx, h->scn_name, b.s, b.len, -1, err);
  lua_remove(L, st == SBX_OK ? -2 : -1);
  sb_free(&b);
  return st == SBX_OK ? 0 : -1;
}

/* Order of conditions by YAML line (the index breaks ties, so the order is stable). */
typedef struct cond_at { int line, i; } cond_at;
static int cmp_cond_at(const void *a, const void *b) {
  const cond_at *x = a, *y = b;
  return x->line != y->line ? (x->line > y->line) - (x->line < y->line) : x->i - y->i;
}

/* Appends "function() return (expr\n) end," to the chunk's list: by pieces, not printf,
** which was a tenth of the chunk's making and compiling for 800 conditions. */
static void put_cond(strbuf *b, const char *expr) {
  static const char open[] = "function() return (", close[] = "\n) end,";
  sb_append(b, open, sizeof open - 1);
  sb_puts(b, expr);
  sb_append(b, close, sizeof close - 1);
}

int cust_scenario_conds(const scenario *sc, const char ***exprs, int **lines) {
  int n = sc->n_reactions + sc->n_commitments;
  *exprs = xcalloc((size_t)n + 1, sizeof **exprs);
  *lines = xcalloc((size_t)n + 1, sizeof **lines);
  for (int i = 0; i < sc->n_reactions; i++) {
    (*exprs)[i] = sc->reactions[i].when;
    (*lines)[i] = sc->reactions[i].pos.line;
  }
  for (int i = 0; i < sc->n_commitments; i++) {
    (*exprs)[sc->n_reactions + i] = sc->commitments[i].realistic_when;
    (*lines)[sc->n_reactions + i] = sc->commitments[i].pos.line;
  }
  return n;
}

/* The chunk of the conditions that share one (cust_compile_conds says which, and why):
**   return {function() return (expr\n) end,
**   function() return (expr\n) end, ...}
** each on its YAML line. */
char *cust_conds_chunk(int n, const char *const *exprs, const int *lines, int *at, size_t *len) {
  cond_at *order = xmalloc(((size_t)n + 1) * sizeof *order);
  int m = 0;
  for (int i = 0; i < n; i++) {
    at[i] = 0;
    if (exprs[i]) order[m++] = (cond_at){ lines[i] > 0 ? lines[i] : 1, i };
  }
  qsort(order, (size_t)m, sizeof *order, cmp_cond_at);
  strbuf b = {0};
  sb_append(&b, "return {", 8);
  int cur = 1, listed = 0;   /* place in the list, 0: alone */
  for (int k = 0; k < m; k++) {
    const char *e = exprs[order[k].i];
    if (order[k].line < cur || strstr(e, "...")) continue;
    static const char nl[64] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
                               "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
    while (cur < order[k].line) {   /* the padding by blocks: a byte at a time was a tenth of it */
      int step = order[k].line - cur < (int)sizeof nl - 1 ? order[k].line - cur : (int)sizeof nl - 1;
      sb_append(&b, nl, (size_t)step);
      cur += step;
    }
    put_cond(&b, e);
    at[order[k].i] = ++listed;
    for (const char *p = e; *p; p++) cur += *p == '\n';
    cur++;
  }
  sb_putc(&b, '}');
  free(order);
  *len = b.len;
  return sb_take(&b);
}

/* Compiles every condition in one chunk that returns them as a list (cust_conds_chunk), each one
** on its YAML line,
** so the padding that keeps Lua's line numbers equal to the file's is written once for the
** file, not once per condition (which made loading quadratic in the file's length).  A list
** rather than "(...)[i] = " before each function: six fewer tokens a condition, a seventh of
** the compile; each function's code is the same.  Each expression is checked alone when the
** scenario loads, so none can reach into another, except a plain one under `salesim play`
** (sbx_expr_plain): that one cannot leave its parentheses, and this chunk is its check
** (scc_load_deferred, cust_conds_compiled).  A condition that cannot share the chunk
** (two on one line, or one using "...") is compiled alone.  A shipped scenario's chunk, byte
** for byte under the same name, was compiled at build time (bi_conds: parsing it was a fifth of
** hospital-campaign's start).  Returns -1 when the chunk does not compile: the caller then
** compiles each alone to report its error. */
int cust_compile_conds(cust_host *h, int n, const char *const *exprs, const int *lines, int *refs) {
  lua_State *L = sbx_lua(h->sbx);
  for (int i = 0; i < n; i++) refs[i] = LUA_NOREF;
  int *at = xcalloc((size_t)n + 1, sizeof *at);
  size_t len;
  char *chunk = cust_conds_chunk(n, exprs, lines, at, &len);
  int rc = 0;
  char *err = NULL;
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_cond);
  const bi_entry *bc = bi_find_conds(h->scn_name, chunk, len);
  sbx_status ls = SBX_ERR_SYNTAX;
  if (bc && (ls = sbx_load_builtin(h->sbx, h->scn_name, bc->bytes, bc->n_bytes, -1, &err)) != SBX_OK) {
    free(err);   /* this Lua refuses the bytecode (a shared liblua of another release) */
    err = NULL;
  }
  if (ls != SBX_OK && sbx_load(h->sbx, h->scn_name, chunk, len, -1, &err) != SBX_OK) {
    rc = -1;
    lua_pop(L, 1);                           /* the environment */
  } else {
    lua_remove(L, -2);                       /* the environment */
    if (sbx_call(h->sbx, 0, 1, &err) != SBX_OK) rc = -1;   /* the list, or nothing */
  }
  if (rc == 0) {
    for (int i = 0; i < n; i++) {
      if (!exprs[i]) continue;
      char *why = NULL;
      if (!at[i]) {
        if (cust_compile_cond(h, exprs[i], lines[i], &why) == 0) refs[i] = luaL_ref(L, LUA_REGISTRYINDEX);
        else { free(why); rc = -1; }
      } else {
        lua_rawgeti(L, -1, at[i]);
        refs[i] = luaL_ref(L, LUA_REGISTRYINDEX);
      }
    }
    lua_pop(L, 1);
  }
  if (rc != 0)
    for (int i = 0; i < n; i++) { luaL_unref(L, LUA_REGISTRYINDEX, refs[i]); refs[i] = LUA_NOREF; }
  free(err);
  free(at);
  free(chunk);
  return rc;
}

/* A reaction's end: value as an outcome (the loader has checked the name). */
static int outcome_of(const char *name) {
  int o = cust_outcome_from_name(name);
  return o < 0 ? CUST_OUTCOME_CONTINUATION : o;
}

/* Does what reaction r says, in the documented order: change/set, say, reveal, objection,
** ease, give or refuse, end. */
static void apply(lua_State *L, cust_host *h, int ri) {
  const scn_reaction *r = &h->sc->reactions[ri];
  const scenario *sc = h->sc;
  const cust_rx *x = &h->rx[ri];   /* its names, resolved when the host was made */
  for (int i = 0; i < r->n_changes; i++) {
    int k = x->change_var[i];
    if (k < 0) continue;   /* the loader rejects these */
    cust_state_set(h, k, r->changes[i].is_set ? r->changes[i].delta : h->val[k] + r->changes[i].delta);
  }
  int said = 0;
  if (r->say_key) {
    const char *text = cust_line_at(L, h, x->say_line, r->say_key);
    if (text) { cust_say_text(h, text, r->say_key); said = 1; }
  } else if (r->say.n > 0) {
    cust_say_text(h, cust_pick(h, &r->say), NULL);
    said = 1;
  }
  if (x->reveal >= 0) cust_reveal(h, x->reveal, said);
  if (x->objection >= 0) cust_raise(L, h, x->objection, said);
  if (x->ease >= 0 && !cust_flag(h, CF_EASED, x->ease)) {   /* answered: default.lua's eased() */
    cust_set_flag(h, CF_EASED, x->ease, 1);
    cust_ev_push(h, CUST_EV_EASE)->index = x->ease;   /* and the scorer's (play-test 25) */
  }
  if (x->commitment >= 0) {
    if (r->give) cust_give(L, h, x->commitment, said);
    else cust_refuse(L, h, x->commitment, NULL, said);
  }
  if (r->end) {
    int o = outcome_of(r->end);
    /* in a campaign, an advance (or order) moves on to the next visit */
    if ((o == CUST_OUTCOME_ADVANCE || o == CUST_OUTCOME_ORDER) && h->visit + 1 < sc->n_visits) {
      cust_end_visit_why(h, (cust_outcome)o, "reaction");   /* records this visit's END ... */
      cust_next_visit(h);                   /* ... then the next one opens */
    } else {
      cust_end_visit_why(h, (cust_outcome)o, "reaction");
    }
  }
}

/* Tries each reaction in order; see customer_int.h. */
void cust_run_reactions(lua_State *L, cust_host *h, int *stop) {
  const scenario *sc = h->sc;
  *stop = 0;
  for (int i = 0; i < sc->n_reactions && h->outcome == CUST_OUTCOME_NONE; i++) {
    if (h->when_ref[i] == LUA_NOREF) continue;
    if (sc->reactions[i].once && cust_flag(h, CF_FIRED, i)) continue;
    uint64_t gate = h->rx[i].gate;   /* false without running: none of its first term's moves */
    if (gate && !(h->turn && (h->turn->moves & gate))) continue;
    if (h->rx[i].gate_visit && h->rx[i].gate_visit != h->visit + 1) continue;   /* or another visit's */
    if (h->rx[i].gate_question && !(h->turn && h->turn->question)) continue;    /* or no question */
    if (h->rx[i].gate_flag && h->val[h->rx[i].gate_flag - 1] == 0) continue;      /* or the flag false */
    int visit = h->visit;
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->when_ref[i]);
    char *err = NULL;
    if (sbx_call(h->sbx, 0, 1, &err) != SBX_OK) {
      cust_ev_error(h, err);
      free(err);
      if (sbx_spent(h->sbx)) break;   /* the turn's budget for conditions is gone */
      continue;
    }
    int hit = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (!hit) continue;
    cust_set_flag(h, CF_FIRED, i, 1);
    h->ever_fired[i] = 1;
    apply(L, h, i);
    if (h->visit != visit) { *stop = 1; break; }   /* a new visit: its opening follows */
    if (sc->reactions[i].stop) { *stop = 1; break; }
  }
}
