/*
** sandbox_pattern.c: Lua 5.4 pattern matching for the sandbox, written for salesim.
**
** The stock string.find/match/gmatch/gsub run their backtracking matcher in C, where the
** count hook never fires: string.find(("a"):rep(1e5), ".-.-.-.-b$") would run for hours.
** This matcher implements the same pattern language (classes %a %d ..., sets [...], the
** quantifiers * + - ?, anchors, captures and position captures, %b, %f, back references)
** and charges every step to the sandbox budget through sbx_charge, so a pathological pattern
** stops with the budget or time error like any runaway loop.  Plain searches use memmem
** (linear), never a quadratic scan.
*/
#define _GNU_SOURCE 1   /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <lauxlib.h>
#include "sandbox.h"

#define PAT_MAXCAPTURES 32
#define PAT_MAXDEPTH    200       /* nested matcher calls, as Lua's MAXCCALLS */
#define PAT_CHARGE_EVERY 1024     /* steps between charges to the budget */
#define CAP_UNFINISHED (-1)
#define CAP_POSITION   (-2)
#define ESC '%'
#define SPECIALS "^$*+?.([%-"

typedef struct pat_state {
  const char *src_init, *src_end;   /* the subject */
  const char *p_end;                /* end of the pattern */
  lua_State *L;
  int level;                        /* captures opened so far */
  int depth;                        /* recursion left */
  long steps;                       /* steps not yet charged */
  const char *set_p;                /* the set [...] at set_p, as a bit per byte (single_match) */
  uint32_t set[8];
  struct { const char *init; ptrdiff_t len; } capture[PAT_MAXCAPTURES];
} pat_state;

static const char *do_match(pat_state *ms, const char *s, const char *p);

/* Counts one matching step; every PAT_CHARGE_EVERY steps they go to the budget. */
static void step(pat_state *ms) {
  if (++ms->steps >= PAT_CHARGE_EVERY) {
    ms->steps = 0;
    sbx_charge(ms->L, PAT_CHARGE_EVERY);
  }
}

/* Charges what is left at the end of an operation. */
static void settle(pat_state *ms) {
  long n = ms->steps;
  ms->steps = 0;
  if (n > 0) sbx_charge(ms->L, n);
}

/* Position argument as Lua's string functions read it: negative counts from the end. */
static size_t pos_relative(lua_Integer pos, size_t len) {
  if (pos > 0) return (size_t)pos;
  if (pos == 0) return 1;
  if (pos < -(lua_Integer)len) return 1;
  return len + (size_t)pos + 1;
}

/* The end of the single-character class that starts at p. */
static const char *class_end(pat_state *ms, const char *p) {
  if (*p++ == ESC) {
    if (p >= ms->p_end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (p[-1] == '[') {
    if (p < ms->p_end && *p == '^') p++;
    do {  /* the first character after [ or [^ may be a literal ] */
      if (p >= ms->p_end) luaL_error(ms->L, "malformed pattern (missing ']')");
      if (*(p++) == ESC && p < ms->p_end) p++;
    } while (*p != ']');
    return p + 1;
  }
  return p;
}

/* Does c belong to the class letter cl (%a, %d, ...)?  Upper case is the complement. */
static int match_class(int c, int cl) {
  int res;
  switch (tolower(cl)) {
    case 'a': res = isalpha(c); break;
    case 'c': res = iscntrl(c); break;
    case 'd': res = isdigit(c); break;
    case 'g': res = isgraph(c); break;
    case 'l': res = islower(c); break;
    case 'p': res = ispunct(c); break;
    case 's': res = isspace(c); break;
    case 'u': res = isupper(c); break;
    case 'w': res = isalnum(c); break;
    case 'x': res = isxdigit(c); break;
    default: return cl == c;
  }
  if (isupper(cl)) res = !res;
  return res != 0;
}

/* Does c belong to the set [...] from p (at '[') to ec (at the closing ']')? */
static int match_bracket(int c, const char *p, const char *ec) {
  int sig = 1;
  if (*(p + 1) == '^') { sig = 0; p++; }
  while (++p < ec) {
    if (*p == ESC) {
      p++;
      if (match_class(c, (unsigned char)*p)) return sig;
    } else if (*(p + 1) == '-' && p + 2 < ec) {
      p += 2;
      if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p) return sig;
    } else if ((unsigned char)*p == c) {
      return sig;
    }
  }
  return !sig;
}

/* match_class(c, cl) for every byte c, as a bit per byte: made on first use of cl (the locale is
** set once, before any script runs). */
static const uint32_t *class_bits(int cl) {
  static uint32_t bits[256][8];
  static unsigned char made[256];
  if (!made[cl]) {
    for (int c = 0; c < 256; c++)
      if (match_class(c, cl)) bits[cl][c >> 5] |= 1u << (c & 31);
    made[cl] = 1;
  }
  return bits[cl];
}

/* The set [...] from p (at '[') to ec (at the closing ']') as a bit per byte: the bytes for which
** match_bracket holds, its items read as it reads them. */
static void bracket_bits(const char *p, const char *ec, uint32_t out[8]) {
  uint32_t in[8] = {0};
  int sig = 1;
  if (*(p + 1) == '^') { sig = 0; p++; }
  while (++p < ec) {
    if (*p == ESC) {
      p++;
      const uint32_t *b = class_bits((unsigned char)*p);
      for (int k = 0; k < 8; k++) in[k] |= b[k];
    } else if (*(p + 1) == '-' && p + 2 < ec) {
      p += 2;
      for (int c = (unsigned char)*(p - 2); c <= (unsigned char)*p; c++) in[c >> 5] |= 1u << (c & 31);
    } else {
      int c = (unsigned char)*p;
      in[c >> 5] |= 1u << (c & 31);
    }
  }
  for (int k = 0; k < 8; k++) out[k] = sig ? in[k] : ~in[k];
}

/* Does the subject character at s match the class from p to ep?  A set is read into bits once
** per operation (the last one used: a pattern's sets are few), then each byte is a bit test. */
static int single_match(pat_state *ms, const char *s, const char *p, const char *ep) {
  if (s >= ms->src_end) return 0;
  int c = (unsigned char)*s;
  switch (*p) {
    case '.': return 1;
    case ESC: return (int)(class_bits((unsigned char)*(p + 1))[c >> 5] >> (c & 31) & 1);
    case '[':
      if (ms->set_p != p) {
        bracket_bits(p, ep - 1, ms->set);
        ms->set_p = p;
      }
      return (int)(ms->set[c >> 5] >> (c & 31) & 1);
    default: return (unsigned char)*p == c;
  }
}

/* %bxy: a balanced run from x to y. */
static const char *match_balance(pat_state *ms, const char *s, const char *p) {
  if (p >= ms->p_end - 1) luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
  if (s >= ms->src_end || *s != *p) return NULL;
  int b = *p, e = *(p + 1), cont = 1;
  while (++s < ms->src_end) {
    step(ms);
    if (*s == e) {
      if (--cont == 0) return s + 1;
    } else if (*s == b) {
      cont++;
    }
  }
  return NULL;
}

/* Greedy repetition (* and +): take as many as possible, then back off one at a time. */
static const char *max_expand(pat_state *ms, const char *s, const char *p, const char *ep) {
  ptrdiff_t i = 0;
  while (single_match(ms, s + i, p, ep)) { i++; step(ms); }
  while (i >= 0) {
    const char *res = do_match(ms, s + i, ep + 1);
    if (res) return res;
    i--;
  }
  return NULL;
}

/* Lazy repetition (-): take as few as possible, one more at a time. */
static const char *min_expand(pat_state *ms, const char *s, const char *p, const char *ep) {
  for (;;) {
    const char *res = do_match(ms, s, ep + 1);
    if (res) return res;
    if (!single_match(ms, s, p, ep)) return NULL;
    s++;
  }
}

/* Opens a capture at s and matches the rest of the pattern. */
static const char *start_capture(pat_state *ms, const char *s, const char *p, ptrdiff_t what) {
  if (ms->level >= PAT_MAXCAPTURES) luaL_error(ms->L, "too many captures");
  ms->capture[ms->level].init = s;
  ms->capture[ms->level].len = what;
  ms->level++;
  const char *res = do_match(ms, s, p);
  if (!res) ms->level--;
  return res;
}

/* Closes the innermost open capture at s and matches the rest. */
static const char *end_capture(pat_state *ms, const char *s, const char *p) {
  int l = -1;
  for (int i = ms->level - 1; i >= 0; i--)
    if (ms->capture[i].len == CAP_UNFINISHED) { l = i; break; }
  if (l < 0) luaL_error(ms->L, "invalid pattern capture");
  ms->capture[l].len = s - ms->capture[l].init;
  const char *res = do_match(ms, s, p);
  if (!res) ms->capture[l].len = CAP_UNFINISHED;
  return res;
}

/* %1..%9: the text of an earlier capture again. */
static const char *match_capture(pat_state *ms, const char *s, int c) {
  int l = c - '1';
  if (l < 0 || l >= ms->level || ms->capture[l].len == CAP_UNFINISHED)
    luaL_error(ms->L, "invalid capture index %%%d", l + 1);
  size_t len = (size_t)ms->capture[l].len;
  if ((size_t)(ms->src_end - s) >= len && memcmp(ms->capture[l].init, s, len) == 0)
    return s + len;
  return NULL;
}

/* The matcher: returns the end of the match of p at s, or NULL. */
static const char *match_here(pat_state *ms, const char *s, const char *p) {
  for (;;) {
    step(ms);
    if (p == ms->p_end) return s;
    switch (*p) {
      case '(':
        if (p + 1 < ms->p_end && *(p + 1) == ')') return start_capture(ms, s, p + 2, CAP_POSITION);
        return start_capture(ms, s, p + 1, CAP_UNFINISHED);
      case ')':
        return end_capture(ms, s, p + 1);
      case '$':
        if (p + 1 == ms->p_end) return s == ms->src_end ? s : NULL;
        break;
      case ESC:
        if (p + 1 >= ms->p_end) break;  /* class_end reports the error */
        if (*(p + 1) == 'b') {
          s = match_balance(ms, s, p + 2);
          if (!s) return NULL;
          p += 4;
          continue;
        }
        if (*(p + 1) == 'f') {
          p += 2;
          if (p >= ms->p_end || *p != '[')
            luaL_error(ms->L, "missing '[' after '%%f' in pattern");
          const char *ep = class_end(ms, p);
          int prev = (s == ms->src_init) ? '\0' : (unsigned char)*(s - 1);
          int cur = (s < ms->src_end) ? (unsigned char)*s : '\0';
          if (!match_bracket(prev, p, ep - 1) && match_bracket(cur, p, ep - 1)) {
            p = ep;
            continue;
          }
          return NULL;
        }
        if (isdigit((unsigned char)*(p + 1))) {
          s = match_capture(ms, s, (unsigned char)*(p + 1));
          if (!s) return NULL;
          p += 2;
          continue;
        }
        break;
      default:
        break;
    }
    /* a single-character class, maybe with a quantifier */
    const char *ep = class_end(ms, p);
    char q = ep < ms->p_end ? *ep : '\0';
    if (!single_match(ms, s, p, ep)) {
      if (q == '*' || q == '?' || q == '-') { p = ep + 1; continue; }
      return NULL;
    }
    switch (q) {
      case '?': {
        const char *res = do_match(ms, s + 1, ep + 1);
        if (res) return res;
        p = ep + 1;
        continue;
      }
      case '+': return max_expand(ms, s + 1, p, ep);
      case '*': return max_expand(ms, s, p, ep);
      case '-': return min_expand(ms, s, p, ep);
      default: s++; p = ep; continue;
    }
  }
}

/* One level of recursion, guarded. */
static const char *do_match(pat_state *ms, const char *s, const char *p) {
  if (ms->depth-- == 0) luaL_error(ms->L, "pattern too complex");
  const char *res = match_here(ms, s, p);
  ms->depth++;
  return res;
}

static void prep_state(pat_state *ms, lua_State *L, const char *s, size_t ls,
                       const char *p, size_t lp) {
  ms->L = L;
  ms->src_init = s;
  ms->src_end = s + ls;
  ms->p_end = p + lp;
  ms->level = 0;
  ms->depth = PAT_MAXDEPTH;
  ms->steps = 0;
  ms->set_p = NULL;
}

/* Resets captures and depth before trying the next start position. */
static void reprep(pat_state *ms) {
  ms->level = 0;
  ms->depth = PAT_MAXDEPTH;
}

/* Pushes capture i (or the whole match s..e when there are no captures and i is 0). */
static void push_one_capture(pat_state *ms, int i, const char *s, const char *e) {
  if (i >= ms->level) {
    if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
    lua_pushlstring(ms->L, s, (size_t)(e - s));
    return;
  }
  ptrdiff_t l = ms->capture[i].len;
  if (l == CAP_UNFINISHED) luaL_error(ms->L, "unfinished capture");
  if (l == CAP_POSITION)
    lua_pushinteger(ms->L, (ms->capture[i].init - ms->src_init) + 1);
  else
    lua_pushlstring(ms->L, ms->capture[i].init, (size_t)l);
}

/* Pushes every capture (or the whole match when s is not NULL and there are none). */
static int push_captures(pat_state *ms, const char *s, const char *e) {
  int n = (ms->level == 0 && s) ? 1 : ms->level;
  luaL_checkstack(ms->L, n, "too many captures");
  for (int i = 0; i < n; i++) push_one_capture(ms, i, s, e);
  return n;
}

/* Has the pattern no magic characters (so a plain search will do)? */
static int no_specials(const char *p, size_t l) {
  for (size_t i = 0; i < l; i++)
    if (p[i] && strchr(SPECIALS, p[i])) return 0;
  return 1;
}

/* See sandbox.h.  A short subject is searched by its first byte (memchr) and a comparison: a
** turn's lines are short, and memmem's set-up (a table of 256 shifts) was most of a plain find.
** At most 256 x lp steps; longer subjects go to memmem, linear. */
const char *sbx_plain_find(const char *s, size_t ls, const char *p, size_t lp) {
  if (lp > ls) return NULL;
  if (ls > 256) return memmem(s, ls, p, lp);
  const char *last = s + (ls - lp);
  for (const char *q = s; q <= last; q++) {
    q = memchr(q, (unsigned char)p[0], (size_t)(last - q) + 1);
    if (!q) return NULL;
    if (memcmp(q + 1, p + 1, lp - 1) == 0) return q;
  }
  return NULL;
}

/* The end of the pattern's first item when it is a single-character class that must match
** once at least (no *, ?, - after it): a start position where it does not match cannot start a
** match.  NULL otherwise (a capture, an anchor, %b, %f, a back reference). */
static const char *first_class_end(pat_state *ms, const char *p) {
  if (p >= ms->p_end || *p == '(' || *p == ')' || *p == '$') return NULL;
  if (*p == ESC && (p + 1 >= ms->p_end || p[1] == 'b' || p[1] == 'f' || isdigit((unsigned char)p[1])))
    return NULL;
  const char *ep = class_end(ms, p);
  char q = ep < ms->p_end ? *ep : '\0';
  return q == '*' || q == '?' || q == '-' ? NULL : ep;
}

/* string.find and string.match. */
static int find_aux(lua_State *L, int find) {
  size_t ls, lp;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t init = pos_relative(luaL_optinteger(L, 3, 1), ls);
  if (init > ls + 1) { luaL_pushfail(L); return 1; }
  if (find && (lua_toboolean(L, 4) || no_specials(p, lp))) {
    sbx_charge(L, (long)((ls - (init - 1)) / 64 + 1));
    const char *hit = lp == 0 ? s + init - 1 : sbx_plain_find(s + init - 1, ls - (init - 1), p, lp);
    if (hit) {
      lua_pushinteger(L, (hit - s) + 1);
      lua_pushinteger(L, (hit - s) + (lua_Integer)lp);
      return 2;
    }
    luaL_pushfail(L);
    return 1;
  }
  pat_state ms;
  const char *s1 = s + init - 1;
  int anchor = (lp > 0 && *p == '^');
  if (anchor) { p++; lp--; }
  prep_state(&ms, L, s, ls, p, lp);
  const char *first = anchor ? NULL : first_class_end(&ms, p);   /* see sbx_str_gsub */
  do {
    if (first && s1 < ms.src_end && !single_match(&ms, s1, p, first)) {
      step(&ms);
      continue;
    }
    reprep(&ms);
    const char *e = do_match(&ms, s1, p);
    if (e) {
      settle(&ms);
      if (find) {
        lua_pushinteger(L, (s1 - s) + 1);
        lua_pushinteger(L, e - s);
        return push_captures(&ms, NULL, NULL) + 2;
      }
      return push_captures(&ms, s1, e);
    }
  } while (s1++ < ms.src_end && !anchor);
  settle(&ms);
  luaL_pushfail(L);
  return 1;
}

int sbx_str_find(lua_State *L) { return find_aux(L, 1); }
int sbx_str_match(lua_State *L) { return find_aux(L, 0); }

/* The iterator state of gmatch: offsets into the subject held as an upvalue. */
typedef struct gm_state { size_t src; size_t lastmatch; int has_last; } gm_state;

/* One step of the gmatch iterator: the next match after the last one, never the same empty
** match twice. */
static int gmatch_next(lua_State *L) {
  size_t ls, lp;
  const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
  const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
  gm_state *gm = lua_touserdata(L, lua_upvalueindex(3));
  pat_state ms;
  prep_state(&ms, L, s, ls, p, lp);
  for (const char *src = s + gm->src; src <= ms.src_end; src++) {
    reprep(&ms);
    const char *e = do_match(&ms, src, p);
    if (e && !(gm->has_last && e == s + gm->lastmatch)) {
      gm->src = gm->lastmatch = (size_t)(e - s);
      gm->has_last = 1;
      settle(&ms);
      return push_captures(&ms, src, e);
    }
  }
  settle(&ms);
  return 0;
}

/* string.gmatch(s, pattern [, init]). */
int sbx_str_gmatch(lua_State *L) {
  size_t ls;
  luaL_checklstring(L, 1, &ls);
  luaL_checkstring(L, 2);
  size_t init = pos_relative(luaL_optinteger(L, 3, 1), ls);
  if (init > ls + 1) init = ls + 1;
  lua_settop(L, 2);
  gm_state *gm = lua_newuserdatauv(L, sizeof *gm, 0);
  gm->src = init - 1;
  gm->lastmatch = 0;
  gm->has_last = 0;
  lua_pushcclosure(L, gmatch_next, 3);
  return 1;
}

/* Appends a replacement string with %0..%9 and %% to b. */
static void add_string(pat_state *ms, luaL_Buffer *b, const char *s, const char *e) {
  size_t l;
  lua_State *L = ms->L;
  const char *news = lua_tolstring(L, 3, &l);
  const char *end = news + l;
  const char *p;
  while ((p = memchr(news, ESC, (size_t)(end - news))) != NULL) {
    luaL_addlstring(b, news, (size_t)(p - news));
    p++;
    if (p < end && *p == ESC) {
      luaL_addchar(b, ESC);
    } else if (p < end && isdigit((unsigned char)*p)) {
      if (*p == '0') {
        luaL_addlstring(b, s, (size_t)(e - s));
      } else {
        push_one_capture(ms, *p - '1', s, e);
        luaL_tolstring(L, -1, NULL);
        lua_remove(L, -2);
        luaL_addvalue(b);
      }
    } else {
      luaL_error(L, "invalid use of '%c' in replacement string", ESC);
    }
    news = p + 1;
    step(ms);
  }
  luaL_addlstring(b, news, (size_t)(end - news));
}

/* Adds the replacement for the match s..e; returns 1 when it changed the text. */
static int add_value(pat_state *ms, luaL_Buffer *b, const char *s, const char *e, int tr) {
  lua_State *L = ms->L;
  switch (tr) {
    case LUA_TFUNCTION: {
      lua_pushvalue(L, 3);
      int n = push_captures(ms, s, e);
      lua_call(L, n, 1);
      break;
    }
    case LUA_TTABLE:
      push_one_capture(ms, 0, s, e);
      lua_gettable(L, 3);
      break;
    default:
      add_string(ms, b, s, e);
      return 1;
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    luaL_addlstring(b, s, (size_t)(e - s));
    return 0;
  }
  if (!lua_isstring(L, -1))
    return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  luaL_addvalue(b);
  return 1;
}

/* string.gsub(s, pattern, repl [, n]). */
int sbx_str_gsub(lua_State *L) {
  size_t srcl, lp;
  const char *src = luaL_checklstring(L, 1, &srcl);
  const char *p = luaL_checklstring(L, 2, &lp);
  const char *lastmatch = NULL;
  int tr = lua_type(L, 3);
  lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
  int anchor = (lp > 0 && *p == '^');
  lua_Integer n = 0;
  int changed = 0;
  luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION ||
                   tr == LUA_TTABLE, 3, "string/function/table");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  if (anchor) { p++; lp--; }
  pat_state ms;
  prep_state(&ms, L, src, srcl, p, lp);
  /* a position whose character the first class refuses is passed over at once, charged the one
  ** step the matcher takes to refuse it ("%S+" counting words, "[%s.,!?]+$" trimming a line) */
  const char *first = !anchor && max_s > 0 ? first_class_end(&ms, p) : NULL;
  while (n < max_s) {
    if (first && src < ms.src_end && !single_match(&ms, src, p, first)) {
      step(&ms);
      luaL_addchar(&b, *src++);
      continue;
    }
    reprep(&ms);
    const char *e = do_match(&ms, src, p);
    if (e && e != lastmatch) {
      n++;
      changed = add_value(&ms, &b, src, e, tr) | changed;
      src = lastmatch = e;
    } else if (src < ms.src_end) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  settle(&ms);
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
    luaL_pushresult(&b);
  }
  lua_pushinteger(L, n);
  return 2;
}
