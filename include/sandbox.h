/*
** sandbox.h: a Lua 5.4 state for untrusted scenario scripts.
**
** What a script gets: the base functions that cannot reach outside the state (no dofile,
** loadfile, print, collectgarbage control; load only of text chunks), string without dump,
** table, math with a seeded random and no randomseed, utf8, coroutine.  No io, os, package,
** require or debug.  Each environment made by sbx_new_env holds its own copies of those
** library tables, so one script cannot change what another chunk (the default behaviour, a
** reaction's condition) sees.
**
** What stops a hostile script (each is an error the script cannot swallow with pcall; the
** table in docs/lua-api.md gives the values):
**  - time: a POSIX timer on the thread's CPU clock ticks every 2 ms of CPU; while a call runs,
**    each tick sets a hook (lua_sethook may be called from a signal handler) on the main thread
**    and on every coroutine resumed inside the call (coroutine.resume, wrap and close are
**    wrapped so the sandbox knows them).  The hook stops the call once it has had `seconds` of
**    CPU (or 4 x `seconds` of wall clock having used a quarter of that CPU), checks the
**    recursion depth, and otherwise removes itself, so Lua runs without any hook between
**    ticks and no clock is read per call.  Long C work is stopped at its next call, jump or
**    charged step: table.sort without a comparator
**    compares through a C function, load parses in 512-byte pieces and checks the clock
**    between them.  Without the timer a count hook every 1000 instructions reads the clocks.
**    Once tripped, the hook fires on every instruction and call, so pcall cannot catch it away;
**  - work done in C: the pattern functions (own matcher), string.rep, the table functions,
**    host functions (sbx_charge) charge a budget of steps per call;
**  - memory: a counting allocator with a cap (sbx_limits.memory); what the host keeps for the
**    script (lines said, events) is counted against sbx_limits.kept (sbx_keep), and strings
**    handed to the host are capped at SBX_MAX_HOST_STRING (sbx_host_string);
**  - recursion: calls nested deeper than sbx_limits.depth stop with an error (checked at each
**    tick and whenever a block of 512 bytes or more is allocated, as a deepening stack does);
**    Lua's own C-stack limit of 200 covers metamethods and callbacks; coroutine.close nests at
**    most 100 deep (Lua 5.4.4 overflows the C stack in a chain of __close handlers);
**  - signals: sbx_interrupt (SIGTERM, SIGHUP) stops the running call and every later one;
**  - finalizers: metatables with __gc are refused, so no script code runs outside sbx_call.
**
** Error messages read "file.lua:LINE: message" followed by a short traceback.  Error objects
** that are not strings are converted with a small separate budget; a __tostring that loops
** or fails gives "(error object is a table value)".
*/
#ifndef SALESIM_SANDBOX_H
#define SALESIM_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <lua.h>

typedef struct sbx_limits {
  size_t memory;          /* bytes the state may hold; default 32 MiB */
  long instructions;      /* steps of C work per sbx_call (sbx_charge); default 10,000,000 */
  double seconds;         /* CPU time per sbx_call (wall clock: 4x); default 0.25 */
  int depth;              /* nested Lua calls; default 200 */
  size_t kept;            /* bytes the host keeps for the script's text; default 8 MiB */
} sbx_limits;

/* The longest string a script can hand to the host (a line to say, a reason, a word). */
#define SBX_MAX_HOST_STRING (64 << 10)
void sbx_limits_default(sbx_limits *l);

/* Why a call failed. */
typedef enum {
  SBX_OK = 0,
  SBX_ERR_RUNTIME,        /* an error raised by the script (or a bad argument to the API) */
  SBX_ERR_SYNTAX,         /* a chunk did not compile */
  SBX_ERR_MEMORY,         /* the memory cap was reached */
  SBX_ERR_BUDGET,         /* the instruction budget ran out */
  SBX_ERR_TIME,           /* the wall clock ran out */
  SBX_ERR_DEPTH,          /* recursion too deep */
  SBX_ERR_SIGNAL          /* sbx_interrupt: the program was asked to stop */
} sbx_status;
const char *sbx_status_name(sbx_status s);

typedef struct sbx sbx;

/* Creates a state with the safe libraries loaded and math.random seeded with seed.
** Returns NULL (with a message in err) only when even that does not fit in the limits. */
sbx *sbx_new(const sbx_limits *lim, uint64_t seed, char *err, size_t errlen);
void sbx_free(sbx *s);
lua_State *sbx_lua(sbx *s);
sbx *sbx_from_lua(lua_State *L);         /* the sandbox that owns L (any of its threads) */
size_t sbx_memory_used(const sbx *s);

/* Pushes a new global environment: fresh copies of the safe libraries, _G pointing at
** itself, and a protected metatable (setmetatable(_G, ...) fails).  Must run inside
** sbx_protect or sbx_call (it allocates). */
void sbx_push_env(lua_State *L);

/* Compiles a text chunk (binary chunks are refused) with chunkname "@name" (so messages
** read "name:LINE: ...") and sets its _ENV to the table at env_idx (0 = leave the default).
** On success pushes the function and returns SBX_OK; otherwise pushes nothing and returns
** SBX_ERR_SYNTAX or SBX_ERR_MEMORY with the message in *err (malloc'd). */
sbx_status sbx_load(sbx *s, const char *name, const char *buf, size_t len, int env_idx,
                    char **err);

/* The same for bytecode the program compiled at build time (builtin.h); never for a file. */
sbx_status sbx_load_builtin(sbx *s, const char *name, const unsigned char *code, size_t len,
                            int env_idx, char **err);

/* Compiles a text chunk as sbx_load would name it and returns its bytecode (malloc'd, *n
** bytes), for the generator of built-in data; NULL with *err (malloc'd) on a syntax error.
** The bytecode keeps line information but not the names of locals and upvalues (bytecode.h). */
char *sbx_compile(const char *name, const char *buf, size_t len, size_t *n, char **err);
/* sbx_compile keeping the names of locals and upvalues as well: the chunk's errors read exactly
** as when it is loaded from source ("(global 'x')"), for the scenarios' conditions. */
char *sbx_compile_full(const char *name, const char *buf, size_t len, size_t *n, char **err);

/* Calls the function below nargs arguments under the budget, the deadline and a traceback
** handler (lua_pcall-like: pops function and arguments, pushes nresults on success).
** On failure pushes nothing, returns the status and sets *err (malloc'd) to
** "file.lua:LINE: message\nstack traceback:\n\t...".  A nested sbx_call (the script called
** back into the host, which called Lua again) shares the outer call's budget. */
sbx_status sbx_call(sbx *s, int nargs, int nresults, char **err);

/* Runs f(L) with ud as a light userdata argument in protected mode, without a budget:
** for host code that allocates in the state.  Returns 0, or -1 with *err (malloc'd). */
int sbx_protect(sbx *s, lua_CFunction f, void *ud, char **err);

/* For C functions the sandbox exposes: charges n units to the running call's budget and
** raises the budget or time error when it is spent. */
void sbx_charge(lua_State *L, long n);

/* For C functions the sandbox exposes: counts n bytes of script text the host keeps (lines
** said, reasons), raising "file.lua:LINE: what: memory limit exceeded ..." once the session's
** total passes sbx_limits.kept.  The count never goes down: the transcript keeps the text. */
void sbx_keep(lua_State *L, size_t n, const char *what);
size_t sbx_kept(const sbx *s);
void sbx_set_kept(sbx *s, size_t n);    /* the host dropped what a failed call said */

/* luaL_checklstring for a string the host keeps or scans, refused (an error naming what and
** the script's line) when longer than SBX_MAX_HOST_STRING. */
const char *sbx_host_string(lua_State *L, int arg, const char *what, size_t *len);

/* Stops the call running now (and every later one) with SBX_ERR_SIGNAL, "interrupted: salesim
** was asked to stop".  Async-signal-safe: for SIGTERM and SIGHUP handlers. */
void sbx_interrupt(void);

/* The limit that stopped the current (outermost) call, or SBX_OK while it may go on.  Nested
** calls share the outer call's budget: once it is spent, they fail at their first instruction. */
sbx_status sbx_spent(const sbx *s);

/* Reuse of one state for many sessions (walks), without a session seeing another's doings:
** sbx_reseed seeds math.random as sbx_new(seed) did and zeroes the bytes sbx_keep counted;
** sbx_mark records the table at idx and the tables it holds (one level: the libraries of an
** environment), their pairs and metatables, and returns a registry reference (LUA_NOREF when out of memory); sbx_unchanged tells
** whether they are all as marked (no allocation).  Nothing deeper is compared: a caller marks
** environments whose deeper tables no untrusted code can reach or change. */
int sbx_reseed(sbx *s, uint64_t seed);
int sbx_mark(sbx *s, int idx);
int sbx_unchanged(sbx *s, int ref);

/* Full garbage collection (after a failed call). */
void sbx_collect(sbx *s);

/* The longest condition (when:, realistic_when:) sbx_check_expr accepts. */
#define SBX_MAX_CONDITION 4000

/* Compiles (never runs) "return (expr)" in a throwaway sandbox; refuses expressions longer
** than SBX_MAX_CONDITION bytes.  Returns 0 when it is a
** valid Lua expression, else -1 with the compiler's message (without chunk name and line)
** in err. */
int sbx_check_expr(const char *expr, char *err, size_t errlen);

/* 1 when expr (not empty, at most SBX_MAX_CONDITION bytes) is made only of ASCII letters,
** digits, '_', spaces, tabs, newlines and the operator characters + - * / % ^ # & ~ | < > = .
** and holds no "...": no bracket, quote, comma or semicolon.  Such a text cannot leave the
** parentheses it is put in, nor a string or long comment, so "function() return (expr\n) end,"
** in a list of such functions compiles exactly when "return (expr\n)" compiles alone: a chunk
** that compiles checks each plain condition in it as sbx_check_expr would (the customer's
** chunk, customer_react.c; scc_load_deferred). */
int sbx_expr_plain(const char *expr);

/* The pattern functions (sandbox_pattern.c), installed by sbx_new in place of the stock
** string.find, match, gmatch and gsub.  Lua 5.4 pattern syntax, with every matching step
** charged to the budget. */
int sbx_str_find(lua_State *L);
/* The first place p (lp > 0 bytes) occurs in s (ls bytes), or NULL: a plain search, linear for
** a subject over 256 bytes (string.find's with plain set, for the host's own searches). */
const char *sbx_plain_find(const char *s, size_t ls, const char *p, size_t lp);
int sbx_str_match(lua_State *L);
int sbx_str_gmatch(lua_State *L);
int sbx_str_gsub(lua_State *L);

#endif
