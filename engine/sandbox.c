/*
** sandbox.c: the Lua 5.4 state that runs untrusted scenario scripts (see sandbox.h).
**
** Layout: the allocator with its cap; the count hook and sbx_charge (budget, deadline,
** recursion); the library set-up (which functions a script gets, wrapped where a stock one
** could loop in C); environments; loading; protected calls and error messages.
*/
#define _GNU_SOURCE 1   /* memmem */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lauxlib.h>
#include <lualib.h>
#include "sandbox.h"
#include "util.h"

#define SBX_HOOK_EVERY   1000          /* instructions between hook calls */
#define SBX_HOST_HEADROOM (2u << 20)   /* host code may allocate this far past the cap */
#define SBX_MAX_CHUNK    (1u << 20)    /* largest text chunk load() accepts */
#define SBX_MSG_MAX      600           /* longest first line of an error message */
#define SBX_TRACE_LINES  6             /* traceback frames kept */
#define SBX_TOSTRING_BUDGET 100000     /* for an error object's __tostring */
#define SBX_TOSTRING_SECONDS 0.05

struct sbx {
  lua_State *L;
  sbx_limits lim;
  size_t used;            /* bytes held by the state */
  int depth;              /* nesting of sbx_call: the budget applies while > 0 */
  long count;             /* instructions charged in the current call */
  long budget;            /* instruction limit of the current call */
  double deadline;        /* monotonic time limit of the current call ... */
  double deadline_hard;   /* ... and the one that holds even on a busy machine */
  double cpu_start;       /* thread CPU time when the call started */
  double seconds;         /* the limit of the current call */
  sbx_status tripped;     /* SBX_ERR_BUDGET/TIME/DEPTH once a limit was hit */
  char trip_where[160];   /* "file.lua:LINE:" where it was hit */
  char last_where[160];   /* last position the hook saw, for memory errors */
  char call_src[128];     /* "file.lua:" of the function sbx_call runs, when nothing better */
  int errobj;             /* the handler stashed a non-string error object */
  char errobj_where[160]; /* where it was raised */
};

static const char errobj_key = 'e';
static const char randomseed_key = 'r';   /* registry: the real math.randomseed */

/* A short name for a status, for messages and tests. */
const char *sbx_status_name(sbx_status s) {
  switch (s) {
    case SBX_OK: return "ok";
    case SBX_ERR_RUNTIME: return "runtime";
    case SBX_ERR_SYNTAX: return "syntax";
    case SBX_ERR_MEMORY: return "memory";
    case SBX_ERR_BUDGET: return "budget";
    case SBX_ERR_TIME: return "time";
    case SBX_ERR_DEPTH: return "depth";
  }
  return "?";
}

/* The documented defaults: 32 MiB, 10M instructions, 0.25 s, 200 levels. */
void sbx_limits_default(sbx_limits *l) {
  l->memory = 32u << 20;
  l->instructions = 10000000;
  l->seconds = 0.25;
  l->depth = 200;
}

/* ===== memory ============================================================================ */

static void where_at(lua_State *L, int lvl, char *buf, size_t n);

/* The allocator: counts every byte and refuses growth past the cap.  Outside sbx_call (host
** code building tables for a hook) a little headroom lets the host report the failure. */
static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  sbx *s = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    s->used -= old;
    return NULL;
  }
  size_t cap = s->depth > 0 ? s->lim.memory : s->lim.memory + SBX_HOST_HEADROOM;
  if (nsize > old && s->used - old + nsize > cap) {
    /* Lua runs no message handler for memory errors: note where the script stood now.
    ** lua_getstack/lua_getinfo("Sl") only read the call stack, so this is safe here. */
    if (s->depth > 0 && s->L) where_at(s->L, 0, s->last_where, sizeof s->last_where);
    return NULL;
  }
  void *p = ptr ? realloc(ptr, nsize) : malloc(nsize);   /* most calls make a new object */
  if (!p) return NULL;
  s->used = s->used - old + nsize;
  return p;
}

/* The sandbox is the allocator's userdata, shared by every thread of the state. */
sbx *sbx_from_lua(lua_State *L) {
  void *ud = NULL;
  lua_getallocf(L, &ud);
  return ud;
}

lua_State *sbx_lua(sbx *s) { return s->L; }
size_t sbx_memory_used(const sbx *s) { return s->used; }
long sbx_instructions_used(const sbx *s) { return s->count; }

/* ===== budget, deadline, recursion ======================================================== */

static double cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts the clocks of a call allowed `seconds`. */
static void start_clock(sbx *s, double seconds) {
  double now = util_monotonic();
  s->seconds = seconds;
  s->deadline = now + seconds;
  s->deadline_hard = now + 4 * seconds;
  s->cpu_start = cpu_seconds();
}

/* Out of time: past the wall-clock deadline having also used that much CPU (a busy machine
** does not blame the script for time it spent waiting), or past four times the deadline. */
static int out_of_time(const sbx *s) {
  double now = util_monotonic();
  if (now <= s->deadline) return 0;
  if (now > s->deadline_hard) return 1;
  return cpu_seconds() - s->cpu_start > s->seconds;
}

/* Records "file.lua:LINE:" of the running Lua function at stack level lvl into buf. */
static void where_at(lua_State *L, int lvl, char *buf, size_t n) {
  lua_Debug ar;
  buf[0] = '\0';
  for (int i = lvl; i < lvl + 8; i++) {  /* the nearest Lua function */
    if (!lua_getstack(L, i, &ar)) return;
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
      snprintf(buf, n, "%s:%d:", ar.short_src, ar.currentline);
      return;
    }
  }
}

/* The message for a tripped limit (without position). */
static const char *trip_message(const sbx *s, char *buf, size_t n) {
  switch (s->tripped) {
    case SBX_ERR_BUDGET:
      snprintf(buf, n, "instruction budget exceeded (%ld instructions)", s->budget);
      break;
    case SBX_ERR_TIME:
      snprintf(buf, n, "time limit exceeded (%.2f s)", s->seconds);
      break;
    case SBX_ERR_DEPTH:
      snprintf(buf, n, "stack overflow (calls nested deeper than %d levels)", s->lim.depth);
      break;
    default:
      snprintf(buf, n, "limit exceeded");
  }
  return buf;
}

/* Once tripped, every thread that runs an instruction raises the error again: the hook is
** re-armed to fire on every instruction, so a pcall that caught it gets it straight back. */
static int raise_tripped(lua_State *L, sbx *s);

/* The count hook: charges the instructions since the last call and checks the clock and the
** recursion depth; raises the limit error once any is hit (and on every instruction after). */
static void sbx_hook(lua_State *L, lua_Debug *ar) {
  sbx *s = sbx_from_lua(L);
  (void)ar;
  if (!s->tripped) {
    if (s->depth == 0) {
      s->tripped = SBX_ERR_BUDGET;      /* script code outside a call: never allowed */
    } else {
      lua_Debug tmp;
      s->count += lua_gethookcount(L);
      if (s->count > s->budget) s->tripped = SBX_ERR_BUDGET;
      else if (out_of_time(s)) s->tripped = SBX_ERR_TIME;
      else if (lua_getstack(L, s->lim.depth, &tmp)) s->tripped = SBX_ERR_DEPTH;
      if (!s->tripped) {
        where_at(L, 0, s->last_where, sizeof s->last_where);
        return;
      }
    }
    where_at(L, 0, s->trip_where, sizeof s->trip_where);
  }
  raise_tripped(L, s);
}

/* Re-arms the hook to fire on every instruction and raises "file:LINE: <limit> exceeded". */
static int raise_tripped(lua_State *L, sbx *s) {
  char msg[128];
  lua_sethook(L, sbx_hook, LUA_MASKCOUNT, 1);
  lua_pushfstring(L, "%s %s", s->trip_where[0] ? s->trip_where : "?:", trip_message(s, msg, sizeof msg));
  return lua_error(L);
}

/* Charges work done in C (pattern steps, loop lengths) to the current call's budget. */
void sbx_charge(lua_State *L, long n) {
  sbx *s = sbx_from_lua(L);
  if (s->depth == 0) return;
  if (!s->tripped) {
    s->count = (n > s->budget - s->count) ? s->budget + 1 : s->count + n;
    if (s->count > s->budget) s->tripped = SBX_ERR_BUDGET;
    else if (out_of_time(s)) s->tripped = SBX_ERR_TIME;
    if (!s->tripped) return;
    where_at(L, 1, s->trip_where, sizeof s->trip_where);
  }
  raise_tripped(L, s);
}

/* Charges a loop length given as a double (may be huge or negative). */
static void charge_d(lua_State *L, double n) {
  if (n <= 0) return;
  sbx_charge(L, n > 1e15 ? (long)1e15 : (long)n);
}

/* ===== the safe libraries ================================================================= */

/* string.rep: refuses results over the memory cap before building them and charges the loop
** (string.rep("", 1e18) would otherwise spin for ever copying nothing). */
static int sbx_str_rep(lua_State *L) {
  size_t l, lsep;
  luaL_checklstring(L, 1, &l);
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &lsep);
  if (n > 0) {
    double total = (double)n * (double)l + (double)(n - 1) * (double)lsep;
    sbx *s = sbx_from_lua(L);
    if (total > (double)s->lim.memory) {
      char m[160];
      snprintf(m, sizeof m, "string.rep: a result of %.0f bytes is over the memory limit (%zu MiB)",
               total, s->lim.memory >> 20);
      return luaL_error(L, "%s", m);
    }
    charge_d(L, (double)n / 8 + total / 256);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

enum { TB_INSERT, TB_REMOVE, TB_MOVE, TB_SORT, TB_CONCAT, TB_UNPACK };

/* The table functions loop in C over a length a script controls (through __len, or just a
** large index): each charges its loop length before calling the stock function. */
static int sbx_tbl_guard(lua_State *L) {
  int which = (int)lua_tointeger(L, lua_upvalueindex(2));
  double cost = 0;
  int tab = lua_type(L, 1) == LUA_TTABLE;
  switch (which) {
    case TB_INSERT:
    case TB_REMOVE:
      if (tab) cost = (double)luaL_len(L, 1);
      break;
    case TB_MOVE:
      cost = (double)luaL_checkinteger(L, 3) - (double)luaL_checkinteger(L, 2) + 1;
      break;
    case TB_SORT:
      if (tab) { double n = (double)luaL_len(L, 1); cost = n * log2(n + 2); }
      break;
    case TB_CONCAT:
    case TB_UNPACK: {
      int first = which == TB_CONCAT ? 3 : 2;
      if (!tab && lua_isnoneornil(L, first + 1)) break;
      double i = (double)luaL_optinteger(L, first, 1);
      double j = lua_isnoneornil(L, first + 1) ? (double)luaL_len(L, 1)
                                               : (double)luaL_checkinteger(L, first + 1);
      cost = j - i + 1;
      break;
    }
  }
  charge_d(L, cost);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* setmetatable without __gc: a finalizer would run script code whenever the collector
** decides, outside any budget. */
static int sbx_setmetatable(lua_State *L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "setmetatable: __gc metamethods are not allowed in scenario scripts");
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

/* collectgarbage: only "count" (memory in KiB) is left; scripts cannot drive the collector. */
static int sbx_collectgarbage(lua_State *L) {
  const char *opt = luaL_optstring(L, 1, "collect");
  if (strcmp(opt, "count") != 0)
    return luaL_error(L, "collectgarbage: only \"count\" is allowed in scenario scripts");
  lua_pushnumber(L, (lua_Number)sbx_from_lua(L)->used / 1024.0);
  return 1;
}

/* load: text chunks given as a string only, never binary; the environment defaults to the
** caller's own (upvalue 1), never the state's real globals. */
static int sbx_load_fn(lua_State *L) {
  size_t len;
  if (lua_type(L, 1) != LUA_TSTRING)
    return luaL_error(L, "load: only a string of Lua text can be loaded in scenario scripts");
  const char *text = lua_tolstring(L, 1, &len);
  const char *name = luaL_optstring(L, 2, "=(load)");
  const char *mode = luaL_optstring(L, 3, "t");
  if (!strchr(mode, 't')) return luaL_error(L, "load: binary chunks are not allowed");
  if (len > SBX_MAX_CHUNK) return luaL_error(L, "load: chunk too large (%d bytes at most)", (int)SBX_MAX_CHUNK);
  sbx_charge(L, (long)(len / 16 + 1));
  int env = lua_isnone(L, 4) ? lua_upvalueindex(1) : 4;
  if (luaL_loadbufferx(L, text, len, name, "t") != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushvalue(L, env);
  if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  return 1;
}

/* xpcall's handler, wrapped: after a limit tripped, the error is raised from inside the count
** hook, where Lua runs the handler with hooks off; a looping handler would then never stop.
** So once tripped the script's handler is skipped and the error passes through unchanged. */
static int sbx_xpcall_handler(lua_State *L) {
  if (sbx_from_lua(L)->tripped) return 1;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

/* xpcall(f, handler, ...) with the handler wrapped as above. */
static int sbx_xpcall(lua_State *L) {
  int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, sbx_xpcall_handler, 1);
  lua_replace(L, 2);
  lua_pushvalue(L, 1);   /* f, then its arguments above it */
  for (int i = 3; i <= n; i++) lua_pushvalue(L, i);
  int rc = lua_pcall(L, n - 2, LUA_MULTRET, 2);
  lua_pushboolean(L, rc == LUA_OK);
  lua_replace(L, n);     /* reuse a slot below the results for the status */
  int nres = lua_gettop(L) - n;
  lua_pushvalue(L, n);
  lua_insert(L, n + 1);
  return nres + 1;
}

static const char *const base_names[] = {
  "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
  "rawlen", "rawset", "select", "tonumber", "tostring", "type", NULL
};
static const char *const lib_names[] = { "string", "table", "math", "utf8", "coroutine", NULL };
static const char *const tbl_names[] = { "insert", "remove", "move", "sort", "concat", "unpack" };

/* Replaces t[name] (t at index -1) by a C closure over the original and an extra integer. */
static void wrap_field(lua_State *L, const char *name, lua_CFunction f, int extra) {
  lua_getfield(L, -1, name);
  if (extra >= 0) {
    lua_pushinteger(L, extra);
    lua_pushcclosure(L, f, 2);
  } else {
    lua_pushcclosure(L, f, 1);
  }
  lua_setfield(L, -2, name);
}

/* Pushes the real library table name (as luaL_requiref left it in package.loaded). */
static void push_lib(lua_State *L, const char *name) {
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
}

/* Opens the libraries, wraps and removes what a script must not have.  Runs protected. */
static int setup(lua_State *L) {
  uint64_t seed = *(uint64_t *)lua_touserdata(L, 1);
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
  luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 0);
  lua_settop(L, 1);

  /* the real globals keep nothing that reaches outside, whoever might see them */
  static const char *const unsafe[] = { "dofile", "loadfile", "load", "print", "warn",
                                        "collectgarbage", "require", NULL };
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  for (int i = 0; unsafe[i]; i++) { lua_pushnil(L); lua_setfield(L, -2, unsafe[i]); }
  wrap_field(L, "setmetatable", sbx_setmetatable, -1);
  lua_pop(L, 1);

  /* string: no dump, pattern functions that charge the budget, a guarded rep */
  push_lib(L, LUA_STRLIBNAME);
  lua_pushnil(L); lua_setfield(L, -2, "dump");
  lua_pushcfunction(L, sbx_str_find); lua_setfield(L, -2, "find");
  lua_pushcfunction(L, sbx_str_match); lua_setfield(L, -2, "match");
  lua_pushcfunction(L, sbx_str_gmatch); lua_setfield(L, -2, "gmatch");
  lua_pushcfunction(L, sbx_str_gsub); lua_setfield(L, -2, "gsub");
  wrap_field(L, "rep", sbx_str_rep, -1);
  lua_pop(L, 1);
  /* the string metatable cannot be fetched: getmetatable("") gives a plain string */
  lua_pushliteral(L, "");
  if (lua_getmetatable(L, -1)) {
    lua_pushliteral(L, "protected");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
  }
  lua_pop(L, 1);

  push_lib(L, LUA_TABLIBNAME);
  for (int i = 0; i < (int)(sizeof tbl_names / sizeof *tbl_names); i++)
    wrap_field(L, tbl_names[i], sbx_tbl_guard, i);
  lua_pop(L, 1);

  /* math.random replays with the session seed; scripts cannot reseed it */
  push_lib(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &randomseed_key);   /* for sbx_reseed */
  lua_pushinteger(L, (lua_Integer)(seed & 0x7fffffffffffffffULL));
  lua_call(L, 1, 0);
  lua_pushnil(L); lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
  return 0;
}

/* Builds a global table for one chunk: copies of the safe functions and libraries. */
void sbx_push_env(lua_State *L) {
  lua_createtable(L, 0, 32);
  int env = lua_gettop(L);
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  for (int i = 0; base_names[i]; i++) {
    lua_getfield(L, -1, base_names[i]);
    lua_setfield(L, env, base_names[i]);
  }
  lua_getfield(L, -1, "setmetatable");
  lua_setfield(L, env, "setmetatable");
  lua_getfield(L, -1, "_VERSION");
  lua_setfield(L, env, "_VERSION");
  lua_pop(L, 1);
  lua_pushcfunction(L, sbx_collectgarbage);
  lua_setfield(L, env, "collectgarbage");
  lua_pushcfunction(L, sbx_xpcall);
  lua_setfield(L, env, "xpcall");
  lua_pushvalue(L, env);
  lua_pushcclosure(L, sbx_load_fn, 1);
  lua_setfield(L, env, "load");
  for (int i = 0; lib_names[i]; i++) {   /* a copy of each library for this environment */
    push_lib(L, lib_names[i]);
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) { lua_pop(L, 1); n++; }
    lua_createtable(L, 0, n);   /* sized once: growing it key by key rehashes */
    lua_pushnil(L);
    while (lua_next(L, -3)) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, -4);
    }
    lua_setfield(L, env, lib_names[i]);
    lua_pop(L, 1);
  }
  lua_pushvalue(L, env);
  lua_setfield(L, env, "_G");
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "the global table of a scenario script is protected");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, env);
}

/* ===== state ============================================================================= */

static int sbx_panic(lua_State *L) {
  const char *m = lua_tostring(L, -1);
  fprintf(stderr, "salesim: unprotected Lua error: %s\n", m ? m : "?");
  return 0;
}

/* Creates the state with the counting allocator and sets up the safe libraries. */
sbx *sbx_new(const sbx_limits *lim, uint64_t seed, char *err, size_t errlen) {
  sbx *s = xcalloc(1, sizeof *s);
  sbx_limits_default(&s->lim);
  if (lim) {
    if (lim->memory) s->lim.memory = lim->memory;
    if (lim->instructions > 0) s->lim.instructions = lim->instructions;
    if (lim->seconds > 0) s->lim.seconds = lim->seconds;
    if (lim->depth > 0) s->lim.depth = lim->depth;
  }
  s->budget = s->lim.instructions;
  s->L = lua_newstate(sbx_alloc, s);
  if (!s->L) {
    snprintf(err, errlen, "cannot create a Lua state within %zu bytes", s->lim.memory);
    free(s);
    return NULL;
  }
  lua_atpanic(s->L, sbx_panic);
  char *e = NULL;
  if (sbx_protect(s, setup, &seed, &e) != 0) {
    snprintf(err, errlen, "cannot set up the Lua sandbox: %s", e ? e : "?");
    free(e);
    sbx_free(s);
    return NULL;
  }
  return s;
}

/* Closes the state (no finalizers can run: __gc is refused) and frees the sandbox. */
void sbx_free(sbx *s) {
  if (!s) return;
  if (s->L) lua_close(s->L);
  free(s);
}

void sbx_collect(sbx *s) { lua_gc(s->L, LUA_GCCOLLECT); }

sbx_status sbx_spent(const sbx *s) { return s->tripped; }

/* ===== loading =========================================================================== */

/* Loads a chunk in the given mode ("t" text, "b" bytecode); see sbx_load. */
static sbx_status load_chunk(sbx *s, const char *name, const char *buf, size_t len, const char *mode,
                             int env_idx, char **err) {
  lua_State *L = s->L;
  if (env_idx < 0 && env_idx > LUA_REGISTRYINDEX) env_idx = lua_gettop(L) + env_idx + 1;
  char *chunk = xasprintf("@%s", name);
  int rc = luaL_loadbufferx(L, buf, len, chunk, mode);
  free(chunk);
  if (rc != LUA_OK) {
    const char *m = lua_tostring(L, -1);
    *err = xstrdup(rc == LUA_ERRMEM ? "not enough memory to load the script" : (m ? m : "?"));
    lua_pop(L, 1);
    return rc == LUA_ERRMEM ? SBX_ERR_MEMORY : SBX_ERR_SYNTAX;
  }
  if (env_idx != 0) {
    lua_pushvalue(L, env_idx);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  }
  *err = NULL;
  return SBX_OK;
}

sbx_status sbx_load(sbx *s, const char *name, const char *buf, size_t len, int env_idx,
                    char **err) {
  return load_chunk(s, name, buf, len, "t", env_idx, err);
}

/* Bytecode is accepted only from the program's own read-only data (builtin.h): Lua does not
** verify it, so it never comes from a file. */
sbx_status sbx_load_builtin(sbx *s, const char *name, const unsigned char *code, size_t len,
                            int env_idx, char **err) {
  return load_chunk(s, name, (const char *)code, len, "b", env_idx, err);
}

/* lua_dump writer: appends to a strbuf. */
static int dump_writer(lua_State *L, const void *p, size_t n, void *ud) {
  (void)L;
  sb_append(ud, p, n);
  return 0;
}

char *sbx_compile(const char *name, const char *buf, size_t len, size_t *n, char **err) {
  lua_State *L = luaL_newstate();
  if (!L) { *err = xstrdup("not enough memory"); return NULL; }
  char *chunk = xasprintf("@%s", name);   /* the name sbx_load gives, so messages match */
  int rc = luaL_loadbufferx(L, buf, len, chunk, "t");
  free(chunk);
  if (rc != LUA_OK) {
    *err = xstrdup(lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
    lua_close(L);
    return NULL;
  }
  strbuf b = {0};
  lua_dump(L, dump_writer, &b, 0);   /* with line information: errors keep their positions */
  lua_close(L);
  *n = b.len;
  *err = NULL;
  return sb_take(&b);
}

/* ===== calls and messages ================================================================ */

/* Does msg start with a position ("name:LINE:")? */
static int has_position(const char *msg) {
  const char *c = strchr(msg, ':');
  if (!c || c == msg || c - msg > 120) return 0;
  const char *d = c + 1;
  while (*d >= '0' && *d <= '9') d++;
  return d > c + 1 && *d == ':';
}

/* The message handler: a string message gets a position (when the error came from a C
** function, such as "C stack overflow") and a traceback; any other error object is kept
** aside (its __tostring is untrusted) and only the traceback is returned. */
static int sbx_msgh(lua_State *L) {
  sbx *s = sbx_from_lua(L);
  int t = lua_type(L, 1);
  if (t == LUA_TSTRING || t == LUA_TNUMBER) {
    size_t len;
    const char *msg = lua_tolstring(L, 1, &len);
    char where[160];
    where_at(L, 1, where, sizeof where);
    int parts = 1;
    if (!has_position(msg) && where[0]) {
      lua_pushstring(L, where);
      lua_pushliteral(L, " ");
      parts = 3;
    }
    if (len > SBX_MSG_MAX) {  /* keep the copy small: the message may be megabytes */
      lua_pushlstring(L, msg, SBX_MSG_MAX);
      lua_pushliteral(L, "...");
      parts++;
    } else {
      lua_pushvalue(L, 1);
    }
    lua_concat(L, parts);
    luaL_traceback(L, L, lua_tostring(L, -1), 1);
  } else {
    lua_pushvalue(L, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &errobj_key);
    s->errobj = 1;
    where_at(L, 1, s->errobj_where, sizeof s->errobj_where);
    luaL_traceback(L, L, NULL, 1);
  }
  return 1;
}

/* Calls __tostring of the stashed error object under a small budget of its own. */
static int tostring_cf(lua_State *L) {
  luaL_tolstring(L, 1, NULL);
  return 1;
}

/* The text of a stashed non-string error object; malloc'd.  Its __tostring runs only at the
** top level, with a budget of its own; if that loops or fails, the object's type is named. */
static char *errobj_text(sbx *s) {
  lua_State *L = s->L;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &errobj_key);
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &errobj_key);
  s->errobj = 0;
  int t = lua_type(L, -1);
  char *out = NULL;
  if (t != LUA_TNIL && s->depth == 0 && luaL_getmetafield(L, -1, "__tostring") != LUA_TNIL) {
    lua_pop(L, 1);
    s->count = 0;
    s->budget = SBX_TOSTRING_BUDGET;
    s->tripped = SBX_OK;
    start_clock(s, SBX_TOSTRING_SECONDS);
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, SBX_HOOK_EVERY);
    lua_pushcfunction(L, tostring_cf);
    lua_insert(L, -2);
    s->depth++;
    int rc = lua_pcall(L, 1, 1, 0);
    s->depth--;
    if (rc == LUA_OK && !s->tripped && lua_type(L, -1) == LUA_TSTRING)
      out = xasprintf("%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    s->tripped = SBX_OK;
    s->budget = s->lim.instructions;
    if (!out) out = xstrdup("(error object is a table value whose __tostring failed)");
    return out;
  }
  out = xasprintf("(error object is a %s value)", lua_typename(L, t));
  lua_pop(L, 1);
  return out;
}

/* Builds "msg\nstack traceback:\n\t..." with a bounded first line and at most
** SBX_TRACE_LINES frames, dropping frames of the host's own C functions. */
static char *shape_message(const char *first, const char *trace) {
  strbuf b = {0};
  size_t fl = strlen(first);
  const char *nl = strchr(first, '\n');
  if (nl && (size_t)(nl - first) < fl) fl = (size_t)(nl - first);
  if (fl > SBX_MSG_MAX) {
    sb_append(&b, first, SBX_MSG_MAX);
    sb_puts(&b, "...");
  } else {
    sb_append(&b, first, fl);
  }
  const char *tb = trace ? strstr(trace, "stack traceback:") : NULL;
  if (tb) {
    sb_puts(&b, "\nstack traceback:");
    const char *p = strchr(tb, '\n');
    int kept = 0;
    while (p && kept < SBX_TRACE_LINES) {
      p++;
      const char *e = strchr(p, '\n');
      size_t l = e ? (size_t)(e - p) : strlen(p);
      if (l > 0 && !memmem(p, l, "[C]: in ?", 9)) {
        sb_putc(&b, '\n');
        sb_append(&b, p, l > 200 ? 200 : l);
        kept++;
      }
      p = e;
    }
  }
  return sb_take(&b);
}

/* A protected, budgeted call; see sandbox.h. */
sbx_status sbx_call(sbx *s, int nargs, int nresults, char **err) {
  lua_State *L = s->L;
  *err = NULL;
  if (s->depth == 0) {
    s->count = 0;
    s->budget = s->lim.instructions;
    s->tripped = SBX_OK;
    start_clock(s, s->lim.seconds);
    s->trip_where[0] = s->last_where[0] = '\0';
    s->errobj = 0;
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, SBX_HOOK_EVERY);
    lua_Debug ar;
    lua_pushvalue(L, -1 - nargs);
    s->call_src[0] = '\0';
    if (lua_getinfo(L, ">S", &ar)) snprintf(s->call_src, sizeof s->call_src, "%s:", ar.short_src);
  }
  int base = lua_gettop(L) - nargs;
  lua_pushcfunction(L, sbx_msgh);
  lua_insert(L, base);
  s->depth++;
  int rc = lua_pcall(L, nargs, nresults, base);
  s->depth--;
  lua_remove(L, base);
  if (rc == LUA_OK) return SBX_OK;

  const char *val = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  sbx_status st = SBX_ERR_RUNTIME;
  char head[400];
  if (s->tripped) {
    char m[128];
    st = s->tripped;
    snprintf(head, sizeof head, "%s %s", s->trip_where[0] ? s->trip_where : "?:",
             trip_message(s, m, sizeof m));
    *err = shape_message(head, val);
  } else if (rc == LUA_ERRMEM) {
    st = SBX_ERR_MEMORY;
    snprintf(head, sizeof head, "%s memory limit exceeded (%zu MiB)",
             s->last_where[0] ? s->last_where : s->call_src, s->lim.memory >> 20);
    *err = xstrdup(head);
  } else if (rc == LUA_ERRERR) {
    st = SBX_ERR_DEPTH;
    snprintf(head, sizeof head, "%s error while handling an error (runaway recursion?)",
             s->last_where[0] ? s->last_where : s->call_src);
    *err = xstrdup(head);
  } else if (s->errobj) {
    char *obj = errobj_text(s);
    char *full = xasprintf("%s%s%s", s->errobj_where, s->errobj_where[0] ? " " : "", obj);
    *err = shape_message(full, val);
    free(full);
    free(obj);
  } else {
    *err = shape_message(val ? val : "(error without a message)", val);
    if (val && strstr(val, "stack overflow")) st = SBX_ERR_DEPTH;
  }
  lua_pop(L, 1);
  if (s->errobj) {  /* a limit or memory error hid it: drop it without calling into it */
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &errobj_key);
    s->errobj = 0;
  }
  return st;
}

/* The body of sbx_protect: calls the host function with its light userdata. */
int sbx_protect(sbx *s, lua_CFunction f, void *ud, char **err) {
  lua_State *L = s->L;
  *err = NULL;
  int top = lua_gettop(L);
  lua_pushcfunction(L, f);
  lua_pushlightuserdata(L, ud);
  int rc = lua_pcall(L, 1, 0, 0);
  if (rc == LUA_OK) return 0;
  if (rc == LUA_ERRMEM) *err = xasprintf("out of memory (the limit is %zu MiB)", s->lim.memory >> 20);
  else if (lua_type(L, -1) == LUA_TSTRING) *err = xstrdup(lua_tostring(L, -1));
  else *err = xstrdup("(error object is not a string)");
  lua_settop(L, top);
  return -1;
}

/* ===== expression check ================================================================== */

/* One plain state serves every syntax check (a scenario has dozens of conditions, and
** `salesim test` loads many scenarios): it only compiles, never runs anything. */
static lua_State *checker;
static void close_checker(void) { if (checker) lua_close(checker); checker = NULL; }
static lua_State *check_state(void) {
  if (!checker && (checker = luaL_newstate()) != NULL) atexit(close_checker);
  return checker;
}

int sbx_check_expr(const char *expr, char *err, size_t errlen) {
  if (!expr || !*expr) {
    snprintf(err, errlen, "empty condition");
    return -1;
  }
  lua_State *L = check_state();
  if (!L) {
    snprintf(err, errlen, "cannot create a Lua state");
    return -1;
  }
  char *src = xasprintf("return (%s\n)", expr);
  int rc = luaL_loadbufferx(L, src, strlen(src), "=when", "t");
  free(src);
  int res = 0;
  if (rc != LUA_OK) {
    const char *m = lua_tostring(L, -1);
    if (!m) m = "?";
    if (strncmp(m, "when:", 5) == 0) {  /* drop "when:LINE: " */
      const char *c = strchr(m + 5, ':');
      if (c) m = c + 1;
      while (*m == ' ') m++;
    }
    snprintf(err, errlen, "%s", m);
    res = -1;
  }
  lua_settop(L, 0);
  return res;
}

/* {=== reuse: one state for many sessions (walks) */

/* Seeds math.random as sbx_new(seed) did (protected). */
static int reseed_cf(lua_State *L) {
  uint64_t seed = *(uint64_t *)lua_touserdata(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &randomseed_key);
  lua_pushinteger(L, (lua_Integer)(seed & 0x7fffffffffffffffULL));
  lua_call(L, 1, 0);
  return 0;
}

int sbx_reseed(sbx *s, uint64_t seed) {
  char *err = NULL;
  int rc = sbx_protect(s, reseed_cf, &seed, &err);
  free(err);
  return rc;
}

/* Pushes a shallow copy of the table at idx. */
static void push_copy(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
}

/* Builds the mark of the table at idx (protected): a list of (table, copy, metatable or
** false, number of pairs) for it and for each table it holds. */
static int mark_cf(lua_State *L) {
  int t = 1;
  lua_newtable(L);   /* 2: the mark */
  lua_newtable(L);   /* 3: tables seen */
  int n = 0;
  lua_pushnil(L);
  int first = 1;
  for (;;) {
    /* the table itself first, then each table value of it */
    int cur;
    if (first) {
      cur = t;
      first = 0;
    } else {
      if (!lua_next(L, t)) break;
      if (lua_type(L, -1) != LUA_TTABLE) { lua_pop(L, 1); continue; }
      cur = lua_gettop(L);
    }
    lua_pushvalue(L, cur);
    if (lua_rawget(L, 3) != LUA_TNIL) { lua_pop(L, 1); if (cur != t) lua_pop(L, 1); continue; }
    lua_pop(L, 1);
    lua_pushvalue(L, cur);
    lua_pushboolean(L, 1);
    lua_rawset(L, 3);
    lua_pushvalue(L, cur);
    lua_rawseti(L, 2, ++n);
    push_copy(L, cur);
    lua_Integer pairs = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) { lua_pop(L, 1); pairs++; }
    lua_rawseti(L, 2, ++n);
    if (!lua_getmetatable(L, cur)) lua_pushboolean(L, 0);
    lua_rawseti(L, 2, ++n);
    lua_pushinteger(L, pairs);
    lua_rawseti(L, 2, ++n);
    if (cur != t) lua_pop(L, 1);
  }
  lua_pushvalue(L, 2);
  return 1;
}

typedef struct mark_args { int ref; } mark_args;

static int mark_entry(lua_State *L) {
  mark_args *a = lua_touserdata(L, 2);
  lua_pushcfunction(L, mark_cf);
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  a->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

int sbx_mark(sbx *s, int idx) {
  lua_State *L = s->L;
  idx = lua_absindex(L, idx);
  mark_args a = { LUA_NOREF };
  lua_pushcfunction(L, mark_entry);
  lua_pushvalue(L, idx);
  lua_pushlightuserdata(L, &a);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) { lua_pop(L, 1); return LUA_NOREF; }
  return a.ref;
}

/* Does table idx hold exactly the n pairs of copy cp (no allocation, no metamethods)?  Each of
** its pairs is in the copy and there are n: no pair was added, removed or changed. */
static int same_pairs(lua_State *L, int idx, int cp, lua_Integer n) {
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    n--;
    lua_pushvalue(L, -2);
    lua_rawget(L, cp);
    int eq = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (!eq || n < 0) { lua_pop(L, 1); return 0; }
  }
  return n == 0;
}

int sbx_unchanged(sbx *s, int ref) {
  lua_State *L = s->L;
  if (ref == LUA_NOREF || ref == LUA_REFNIL) return 0;
  if (!lua_checkstack(L, 8)) return 0;
  int top = lua_gettop(L);
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  int m = top + 1;
  lua_Integer n = (lua_Integer)lua_rawlen(L, m);
  int same = 1;
  for (lua_Integer i = 1; same && i + 3 <= n; i += 4) {
    lua_rawgeti(L, m, i);       /* the table */
    lua_rawgeti(L, m, i + 1);   /* its copy */
    lua_rawgeti(L, m, i + 2);   /* its metatable, or false */
    lua_Integer pairs = (lua_rawgeti(L, m, i + 3), lua_tointeger(L, -1));
    lua_pop(L, 1);
    if (!lua_getmetatable(L, top + 2)) lua_pushboolean(L, 0);
    same = lua_rawequal(L, -1, -2) && same_pairs(L, top + 2, top + 3, pairs);
    lua_settop(L, m);
  }
  lua_settop(L, top);
  return same;
}
/* }=== */
