/*
** sandbox.c: the Lua 5.4 state that runs untrusted scenario scripts (see sandbox.h).
**
** Layout: the allocator with its cap; the count hook and sbx_charge (budget, deadline,
** recursion); the library set-up (which functions a script gets, wrapped where a stock one
** could loop in C); environments; loading; protected calls and error messages.
*/
#define _GNU_SOURCE 1   /* memmem, gettid, sigev_notify_thread_id */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <lauxlib.h>
#include <lualib.h>
#include "bytecode.h"
#include "msg.h"
#include "msg_cli.h"
#include "sandbox.h"
#include "util.h"

#define SBX_HOOK_EVERY   1000          /* instructions between hook calls (without the timer) */
#define SBX_HOST_HEADROOM (2u << 20)   /* host code may allocate this far past the cap */
#define SBX_MAX_CHUNK    (256u << 10)  /* largest text chunk load() accepts */
#define SBX_READ_PIECE   512           /* the parser gets its text this many bytes at a time */
#define SBX_MSG_MAX      600           /* longest first line of an error message */
#define SBX_TRACE_LINES  6             /* traceback frames kept */
#define SBX_TOSTRING_BUDGET 100000     /* for an error object's __tostring */
#define SBX_TOSTRING_SECONDS 0.05
#define SBX_TICK_NS      2000000L      /* the CPU-time timer's period: 2 ms of this thread's CPU */
#define SBX_MAX_RUN      256           /* coroutines resumed inside each other */
#define SBX_MAX_CLOSE    100           /* coroutine.close calls nested inside each other */
#define SBX_SIGNAL       SIGVTALRM     /* the CPU-time timer's signal */
#define SBX_TRAP_MASK    (LUA_MASKCOUNT | LUA_MASKCALL)
#define SBX_TEXT_MAX     320           /* a limit's message (catalogue text, cut to fit) */
#define SBX_POOL_MAX     256           /* blocks up to this size come from the state's pools */
#define SBX_POOL_STEP    16            /* ... in size classes this far apart (and so aligned) */
#define SBX_POOL_CLASSES (SBX_POOL_MAX / SBX_POOL_STEP)
#define SBX_POOL_CHUNK   (64u << 10)   /* the pools carve their blocks from chunks this big */
/* Under AddressSanitizer every block is malloc's own, so it still sees each use after free. */
#if defined(__SANITIZE_ADDRESS__)
#define SBX_POOLED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SBX_POOLED 0
#endif
#endif
#ifndef SBX_POOLED
#define SBX_POOLED 1
#endif

/* Small blocks by size class: freed ones linked through their first word, new ones carved from
** chunks linked the same way (the pools below). */
typedef struct blk_pool {
  void *free[SBX_POOL_CLASSES];
  char *cur, *end;   /* what is left of the newest chunk */
  void *chunks;
} blk_pool;

struct sbx {
  lua_State *L;
  sbx_limits lim;
  size_t used;            /* bytes held by the state */
  size_t kept;            /* bytes the host keeps for the script (sbx_keep) */
  int depth;              /* nesting of sbx_call: the budget applies while > 0 */
  long count;             /* work charged in the current call */
  long budget;            /* work limit of the current call */
  double deadline;        /* monotonic time limit of the current call ... */
  double deadline_hard;   /* ... and the one that holds even on a busy machine */
  double cpu_start;       /* thread CPU time when the call started (without the timer) */
  double seconds;         /* the limit of the current call */
  volatile sig_atomic_t ticks_left;  /* timer ticks of CPU left to the current call */
  sig_atomic_t ticks_wall;           /* from this many left on, the wall-clock guard applies */
  volatile sig_atomic_t expired;     /* set by the timer: the current call is out of time */
  lua_State *volatile run[SBX_MAX_RUN];  /* threads resumed (or closed) inside the call */
  volatile sig_atomic_t n_run;
  int close_depth;        /* coroutine.close calls in progress */
  int rethrown_mem;       /* a wrapper re-raised a memory error as a plain one */
  sbx *prev_active;       /* the call this one interrupted (sbx_call of another state) */
  sbx_status tripped;     /* SBX_ERR_BUDGET/TIME/DEPTH once a limit was hit */
  char trip_where[160];   /* "file.lua:LINE:" where it was hit */
  char last_where[160];   /* last position the hook saw, for memory errors */
  char call_src[128];     /* "file.lua:LINE:" of the function sbx_call runs (LINE: where it starts), when nothing better */
  int errobj;             /* the handler stashed a non-string error object */
  char errobj_where[160]; /* where it was raised */
  blk_pool pool;          /* where the state's small blocks come from */
  int lib_n[8];           /* entries of each real library (sbx_push_env's lib_names), 0 before
                          ** the first copy: setup leaves them as they stay */
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
    case SBX_ERR_SIGNAL: return "signal";
  }
  return "?";
}

/* The documented defaults: 32 MiB, 10M steps of C work, 0.25 s, 200 levels, 8 MiB kept. */
void sbx_limits_default(sbx_limits *l) {
  l->memory = 32u << 20;
  l->instructions = 10000000;
  l->seconds = 0.25;
  l->depth = 200;
  l->kept = 8u << 20;
}

/* ===== memory ============================================================================ */

static void where_at(lua_State *L, int lvl, char *buf, size_t n);
static void arm_hooks(sbx *s);
static int timer_state = -1;          /* -1 not tried, 0 unavailable, 1 running */

/* The thread running now: the innermost one resumed inside the call, else the main one. */
static lua_State *running(const sbx *s) {
  int n = s->n_run;
  return n > 0 ? s->run[n - 1] : s->L;
}

/* {=== pools: a turn makes and frees thousands of small objects (strings, tables, closures);
** from a free list of their size class each costs a few instructions instead of malloc's and
** free's hundred (they were a tenth of a walk).  The chunks go back when the state closes.  Only
** the allocation itself moves: the sizes counted against the cap are still the ones asked for. */

static size_t pool_class(size_t n) { return (n - 1) / SBX_POOL_STEP; }

/* A block for n bytes (0 < n <= SBX_POOL_MAX), or NULL when no chunk can be had. */
static void *pool_get(blk_pool *b, size_t n) {
  size_t c = pool_class(n);
  void *p = b->free[c];
  if (p) {
    b->free[c] = *(void **)p;
    return p;
  }
  size_t sz = (c + 1) * SBX_POOL_STEP;
  if ((size_t)(b->end - b->cur) < sz) {   /* the rest of the chunk is left unused */
    char *chunk = malloc(SBX_POOL_CHUNK);
    if (!chunk) return NULL;
    *(void **)chunk = b->chunks;
    b->chunks = chunk;
    b->cur = chunk + SBX_POOL_STEP;   /* the link, and the blocks kept aligned */
    b->end = chunk + SBX_POOL_CHUNK;
  }
  p = b->cur;
  b->cur += sz;
  return p;
}

/* Gives back a block of n bytes got from pool_get. */
static void pool_put(blk_pool *b, void *p, size_t n) {
  size_t c = pool_class(n);
  *(void **)p = b->free[c];
  b->free[c] = p;
}

/* Frees every chunk (the state is closed: no block is in use). */
static void pool_release(blk_pool *b) {
  for (void *c = b->chunks, *next; c; c = next) {
    next = *(void **)c;
    free(c);
  }
  memset(b, 0, sizeof *b);
}

/* Frees a block: to its pool when it came from one. */
static void block_free(blk_pool *b, void *p, size_t n) {
  if (SBX_POOLED && n <= SBX_POOL_MAX) pool_put(b, p, n);
  else free(p);
}

/* Moves ptr's block (old bytes, old > 0 when ptr is not NULL) to one of nsize bytes; NULL when
** there is no memory (ptr is then untouched), as realloc. */
static void *block_resize(blk_pool *b, void *ptr, size_t old, size_t nsize) {
  if (!SBX_POOLED) return ptr ? realloc(ptr, nsize) : malloc(nsize);
  if (ptr && old > SBX_POOL_MAX && nsize > SBX_POOL_MAX) return realloc(ptr, nsize);
  if (ptr && old <= SBX_POOL_MAX && nsize <= SBX_POOL_MAX && pool_class(old) == pool_class(nsize))
    return ptr;   /* the block has room already */
  void *p = nsize <= SBX_POOL_MAX ? pool_get(b, nsize) : malloc(nsize);
  if (!p || !ptr) return p;
  memcpy(p, ptr, old < nsize ? old : nsize);
  block_free(b, ptr, old);
  return p;
}
/* }=== */

/* The allocator: counts every byte and refuses growth past the cap.  Outside sbx_call (host
** code building tables for a hook) a little headroom lets the host report the failure. */
static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  sbx *s = ud;
  size_t old = ptr ? osize : 0;
  assert(!ptr || old > 0);   /* Lua gives a block's size with it */
  if (nsize == 0) {
    if (ptr) block_free(&s->pool, ptr, old);
    s->used -= old;
    return NULL;
  }
  size_t cap = s->depth > 0 ? s->lim.memory : s->lim.memory + SBX_HOST_HEADROOM;
  if (nsize > old && s->used - old + nsize > cap) {
    /* Lua runs no message handler for memory errors: note where the script stood now.
    ** lua_getstack/lua_getinfo("Sl") only read the call stack, so this is safe here. */
    if (s->depth > 0 && s->L) where_at(running(s), 0, s->last_where, sizeof s->last_where);
    return NULL;
  }
  void *p = block_resize(&s->pool, ptr, old, nsize);
  if (!p) return NULL;
  s->used = s->used - old + nsize;
  /* A larger block (a thread's stack grows by a new block of double the size): a cheap
  ** moment to look at the depth, so a recursion is caught near the limit, not at the next
  ** tick.  lua_getstack only walks the CallInfo list, which a stack reallocation leaves in
  ** place; the hook then raises. */
  if (nsize >= 512 && nsize > old && s->depth > 0 && timer_state == 1) {
    lua_Debug ar;
    if (lua_getstack(running(s), s->lim.depth, &ar)) arm_hooks(s);
  }
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
size_t sbx_kept(const sbx *s) { return s->kept; }
void sbx_set_kept(sbx *s, size_t n) { s->kept = n; }

/* ===== the time cap: a CPU-time timer ===================================================== */

/* One POSIX timer on this thread's CPU clock ticks every SBX_TICK_NS of CPU the thread uses
** (none while it waits for input).  While a call runs, each tick takes one off the call's
** ticks and sets a hook on the running threads (lua_sethook may be called from a signal
** handler): the hook stops the call once it is out of time, checks the recursion depth, and
** otherwise removes itself.  So Lua code runs without any hook between ticks, nothing reads a
** clock per call, and a long C function (a sort, a comparison, a parse) is stopped at its next
** call, jump or charged step instead of when an instruction count reaches it.  Without the
** timer (timer_create refused, or SALESIM_SANDBOX_TIMER=0) a count hook every SBX_HOOK_EVERY
** instructions reads the clocks instead. */
static timer_t cpu_timer;
static sbx *volatile g_active;        /* the sandbox whose call (or load) runs now */
static volatile sig_atomic_t g_signalled;   /* sbx_interrupt was called */
static int live_states;

static void sbx_hook(lua_State *L, lua_Debug *ar);

/* Sets the hook on every thread that may be running: the main one and those resumed. */
static void arm_hooks(sbx *s) {
  lua_sethook(s->L, sbx_hook, SBX_TRAP_MASK, 1);
  int n = s->n_run;
  for (int i = 0; i < n && i < SBX_MAX_RUN; i++) {
    lua_State *t = s->run[i];
    if (t) lua_sethook(t, sbx_hook, SBX_TRAP_MASK, 1);
  }
}

static void on_tick(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  int saved = errno;
  sbx *s = g_active;
  if (s) {
    int n = 1 + (si && si->si_overrun > 0 ? si->si_overrun : 0);
    s->ticks_left -= n;
    /* out of CPU; or past the wall-clock guard having used a quarter of the CPU (a call that
    ** waited on a busy machine without working is not blamed) */
    if (s->ticks_left <= 0 ||
        (s->ticks_left <= s->ticks_wall && util_monotonic() > s->deadline_hard))
      s->expired = 1;
    arm_hooks(s);
  }
  errno = saved;
}

/* Creates the timer on first use; 1 when it runs. */
static int timer_ready(void) {
  if (timer_state >= 0) return timer_state;
  timer_state = 0;
  const char *env = getenv("SALESIM_SANDBOX_TIMER");
  if (env && strcmp(env, "0") == 0) return 0;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_tick;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SBX_SIGNAL, &sa, NULL) != 0) return 0;
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_THREAD_ID;
  sev.sigev_signo = SBX_SIGNAL;
  sev._sigev_un._tid = gettid();   /* sigev_notify_thread_id */
  if (timer_create(CLOCK_THREAD_CPUTIME_ID, &sev, &cpu_timer) != 0) {
    signal(SBX_SIGNAL, SIG_DFL);
    return 0;
  }
  timer_state = 1;
  return 1;
}

/* Starts (or stops, when on is 0) the periodic tick. */
static void timer_run(int on) {
  struct itimerspec it;
  memset(&it, 0, sizeof it);
  if (on) it.it_value.tv_nsec = it.it_interval.tv_nsec = SBX_TICK_NS;
  timer_settime(cpu_timer, 0, &it, NULL);
}

/* Sandbox-wide: the timer ticks while any state exists and has run a call. */
static int timer_on;

static double cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts the clocks of a call (or a load) allowed `seconds`, and makes it the active one. */
static void start_clock(sbx *s, double seconds) {
  double now = util_monotonic();
  /* s may still be the active one (an earlier call's clock): a tick landing while the counts
  ** are reset must not see the old ones with the new call's flags, so it sees no active call */
  sbx *was = g_active == s ? s->prev_active : g_active;
  if (g_active == s) g_active = NULL;
  s->seconds = seconds;
  s->deadline = now + seconds;
  s->deadline_hard = now + 4 * seconds;
  if (timer_ready()) {
    long ticks = (long)ceil(seconds * 1e9 / (double)SBX_TICK_NS);
    if (ticks < 1) ticks = 1;
    s->ticks_wall = (sig_atomic_t)(ticks - (ticks + 3) / 4);
    s->ticks_left = (sig_atomic_t)ticks;
    if (!timer_on) { timer_run(1); timer_on = 1; }
  } else {
    s->cpu_start = cpu_seconds();
  }
  s->expired = 0;
  s->prev_active = was;
  atomic_signal_fence(memory_order_seq_cst);   /* the counts are in place before on_tick can see s */
  g_active = s;
  if (g_signalled) { s->expired = 1; arm_hooks(s); }
}

/* Ends the active call or load of s. */
static void stop_clock(sbx *s) {
  if (g_active == s) { g_active = s->prev_active; s->prev_active = NULL; }
}

/* Out of time: the timer said so; or, without the timer, past the wall-clock deadline having
** also used that much CPU (a busy machine does not blame the script for time it spent
** waiting), or past four times the deadline. */
static int out_of_time(const sbx *s) {
  if (s->expired) return 1;
  if (timer_state == 1) return 0;
  double now = util_monotonic();
  if (now <= s->deadline) return 0;
  if (now > s->deadline_hard) return 1;
  return cpu_seconds() - s->cpu_start > s->seconds;
}

/* The status a spent clock gives: a signal (sbx_interrupt) or the time cap. */
static sbx_status time_status(void) { return g_signalled ? SBX_ERR_SIGNAL : SBX_ERR_TIME; }

/* Stops whatever call runs now; see sandbox.h.  Async-signal-safe. */
void sbx_interrupt(void) {
  g_signalled = 1;
  sbx *s = g_active;
  if (s) {
    s->expired = 1;
    arm_hooks(s);
  }
}

/* ===== budget, deadline, recursion ======================================================== */

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

/* The message for a tripped limit (without position), from the catalogue (cli.sandbox.*) in the
** commands' language, into buf.  Called from the hook and the loader's reader: the catalogue was
** opened by sbx_new, so this reads compiled text; the formatting allocates only on the C heap
** (freed before it returns), never in the Lua state, which may be at its cap. */
static const char *trip_message(const sbx *s, char *buf, size_t n) {
  char v[48];
  switch (s->tripped) {
    case SBX_ERR_BUDGET:
      snprintf(v, sizeof v, "%ld", s->budget);
      return msg_snprint(buf, n, "cli.sandbox.budget", "steps", v, NULL);
    case SBX_ERR_TIME:
      snprintf(v, sizeof v, "%.2f", s->seconds);
      return msg_snprint(buf, n, "cli.sandbox.time", "seconds", v, NULL);
    case SBX_ERR_DEPTH:
      snprintf(v, sizeof v, "%d", s->lim.depth);
      return msg_snprint(buf, n, "cli.sandbox.depth", "depth", v, NULL);
    case SBX_ERR_SIGNAL:
      return msg_snprint(buf, n, "cli.sandbox.signal", NULL);
    default:
      return msg_snprint(buf, n, "cli.sandbox.limit", NULL);
  }
}

/* Once tripped, every thread that runs an instruction raises the error again: the hook is
** re-armed to fire on every instruction, so a pcall that caught it gets it straight back. */
static int raise_tripped(lua_State *L, sbx *s);

/* The hook: set by a timer tick (or, without the timer, every SBX_HOOK_EVERY instructions).
** Raises the limit error once the call is out of time, too deep, or over its budget (and on
** every instruction after); otherwise it removes itself until the next tick. */
static void sbx_hook(lua_State *L, lua_Debug *ar) {
  sbx *s = sbx_from_lua(L);
  if (s->depth == 0 && ar->event == LUA_HOOKCALL) {
    /* the host calling a C function of its own (sbx_protect) under a stale trap hook is not
    ** script code: back to the guard, which any Lua instruction outside a call trips */
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, 1);
    return;
  }
  if (!s->tripped) {
    if (s->depth == 0) {
      s->tripped = SBX_ERR_BUDGET;      /* script code outside a call: never allowed */
    } else {
      lua_Debug tmp;
      if (timer_state != 1) {
        s->count += lua_gethookcount(L);
        if (s->count > s->budget) s->tripped = SBX_ERR_BUDGET;
      }
      if (s->tripped) {
      } else if (out_of_time(s)) s->tripped = time_status();
      else if (lua_getstack(L, s->lim.depth, &tmp)) s->tripped = SBX_ERR_DEPTH;
      if (!s->tripped) {
        if (timer_state == 1) lua_sethook(L, NULL, 0, 0);
        else where_at(L, 0, s->last_where, sizeof s->last_where);
        return;
      }
    }
    where_at(L, 0, s->trip_where, sizeof s->trip_where);
  }
  raise_tripped(L, s);
}

/* Re-arms the hook to fire on every instruction and raises "file:LINE: <limit> exceeded". */
static int raise_tripped(lua_State *L, sbx *s) {
  char msg[SBX_TEXT_MAX];
  s->expired = 1;
  arm_hooks(s);
  lua_sethook(L, sbx_hook, SBX_TRAP_MASK, 1);
  lua_pushfstring(L, "%s %s", s->trip_where[0] ? s->trip_where : s->call_src[0] ? s->call_src : "?:",
                  trip_message(s, msg, sizeof msg));
  return lua_error(L);
}

/* Charges work done in C (pattern steps, loop lengths, bytes handed to the host) to the
** current call's budget, and stops the call when its time is up. */
void sbx_charge(lua_State *L, long n) {
  sbx *s = sbx_from_lua(L);
  if (s->depth == 0) return;
  if (!s->tripped) {
    s->count = (n > s->budget - s->count) ? s->budget + 1 : s->count + n;
    if (s->count > s->budget) s->tripped = SBX_ERR_BUDGET;
    else if (out_of_time(s)) s->tripped = time_status();
    if (!s->tripped) return;
    where_at(L, 1, s->trip_where, sizeof s->trip_where);
  }
  raise_tripped(L, s);
}

/* Counts n bytes the host keeps for the script (a line said, a reason given): an error at
** the script's line once the session's total passes the cap.  See sandbox.h. */
void sbx_keep(lua_State *L, size_t n, const char *what) {
  sbx *s = sbx_from_lua(L);
  if (n > s->lim.kept || s->kept > s->lim.kept - n) {
    char m[SBX_TEXT_MAX], kept[24], max[24];   /* luaL_error puts the script's position first */
    snprintf(kept, sizeof kept, "%zu", s->kept >> 10);
    snprintf(max, sizeof max, "%zu", s->lim.kept >> 10);
    msg_snprint(m, sizeof m, "cli.sandbox.kept", "what", what, "kept", kept, "max", max, NULL);
    luaL_error(L, "%s", m);
  }
  s->kept += n;
  sbx_charge(L, (long)(n / 16 + 1));
}

/* A string argument the host will keep or scan: refused past SBX_MAX_HOST_STRING. */
const char *sbx_host_string(lua_State *L, int arg, const char *what, size_t *len) {
  size_t n;
  const char *p = luaL_checklstring(L, arg, &n);
  if (n > SBX_MAX_HOST_STRING) {
    char m[SBX_TEXT_MAX], size[24], max[24];
    snprintf(size, sizeof size, "%zu", n);
    snprintf(max, sizeof max, "%d", SBX_MAX_HOST_STRING);
    msg_snprint(m, sizeof m, "cli.sandbox.host_string", "what", what, "length", size, "max", max, NULL);
    luaL_error(L, "%s", m);
  }
  if (len) *len = n;
  return p;
}

/* Charges a loop length given as a double (may be huge or negative). */
static void charge_d(lua_State *L, double n) {
  if (n <= 0) return;
  sbx_charge(L, n > 1e15 ? (long)1e15 : (long)n);
}

/* ===== the safe libraries ================================================================= */

/* Raises the catalogue message key at the calling script's position, as luaL_error does; with
** num, the message's {max} is that number.  The text is cut to SBX_TEXT_MAX bytes. */
static int refuse(lua_State *L, const char *key, long num) {
  char m[SBX_TEXT_MAX], max[24];
  snprintf(max, sizeof max, "%ld", num);
  return luaL_error(L, "%s", msg_snprint(m, sizeof m, key, "max", max, NULL));
}

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
      char m[SBX_TEXT_MAX], bytes[48], max[24];
      snprintf(bytes, sizeof bytes, "%.0f", total);
      snprintf(max, sizeof max, "%zu", s->lim.memory >> 20);
      return luaL_error(L, "%s", msg_snprint(m, sizeof m, "cli.sandbox.rep", "bytes", bytes, "max", max, NULL));
    }
    charge_d(L, (double)n / 8 + total / 256);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

enum { TB_INSERT, TB_REMOVE, TB_MOVE, TB_SORT, TB_CONCAT, TB_UNPACK };

/* table.sort's default order, as a C function: each comparison is then a call the timer's hook
** sees, and comparing two strings is charged by their length (Lua compares strings with
** strcoll piece by piece between NUL bytes, so one comparison of long strings is long). */
static int sort_lt(lua_State *L) {
  if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING) {
    size_t a = lua_rawlen(L, 1), b = lua_rawlen(L, 2);
    sbx_charge(L, (long)((a < b ? a : b) / 8 + 1));
  }
  lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
  return 1;
}

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
      if (tab && lua_isnoneornil(L, 2)) {   /* compare through a C function: see sort_lt */
        lua_settop(L, 1);
        lua_pushcfunction(L, sort_lt);
      }
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
      return refuse(L, "cli.sandbox.gc", 0);
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
    return refuse(L, "cli.sandbox.collectgarbage", 0);
  lua_pushnumber(L, (lua_Number)sbx_from_lua(L)->used / 1024.0);
  return 1;
}

/* The parser reads its text through this reader, SBX_READ_PIECE bytes at a time: between
** pieces it checks the clock, so a chunk that parses in quadratic time (a long chain of `or`)
** stops at the time cap.  Raising here is caught by lua_load, which returns the error. */
typedef struct piece_reader { sbx *s; const char *p; size_t left; } piece_reader;

static const char *read_piece(lua_State *L, void *ud, size_t *size) {
  piece_reader *r = ud;
  if (!r->s->tripped && out_of_time(r->s)) {
    r->s->tripped = time_status();
    where_at(L, 0, r->s->trip_where, sizeof r->s->trip_where);
  }
  if (r->s->tripped) {
    char m[SBX_TEXT_MAX];
    luaL_error(L, "%s %s", r->s->trip_where[0] ? r->s->trip_where : "?:", trip_message(r->s, m, sizeof m));
  }
  size_t n = r->left < SBX_READ_PIECE ? r->left : SBX_READ_PIECE;
  const char *p = r->p;
  r->p += n;
  r->left -= n;
  *size = n;
  return n ? p : NULL;
}

static int load_pieces(lua_State *L, sbx *s, const char *text, size_t len, const char *name,
                       const char *mode) {
  piece_reader r = { s, text, len };
  return lua_load(L, read_piece, &r, name, mode);
}

/* load: text chunks given as a string only, never binary; the environment defaults to the
** caller's own (upvalue 1), never the state's real globals. */
static int sbx_load_fn(lua_State *L) {
  size_t len;
  if (lua_type(L, 1) != LUA_TSTRING)
    return refuse(L, "cli.sandbox.load_string", 0);
  const char *text = lua_tolstring(L, 1, &len);
  const char *name = luaL_optstring(L, 2, "=(load)");
  const char *mode = luaL_optstring(L, 3, "t");
  if (!strchr(mode, 't')) return refuse(L, "cli.sandbox.load_binary", 0);
  if (len > SBX_MAX_CHUNK) return refuse(L, "cli.sandbox.load_large", (long)SBX_MAX_CHUNK);
  sbx_charge(L, (long)(len / 16 + 1));
  int env = lua_isnone(L, 4) ? lua_upvalueindex(1) : 4;
  sbx *s = sbx_from_lua(L);
  if (load_pieces(L, s, text, len, name, "t") != LUA_OK) {
    if (s->tripped) return raise_tripped(L, s);   /* out of time while parsing */
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

/* ---- coroutines: the sandbox knows which thread runs ----------------------------------------
** A hook belongs to one thread, so the timer must reach the coroutine that is running, not
** only the main thread: resume, the functions wrap returns and close push their thread on
** s->run while it runs.  They call the stock function protected, so the stack is popped
** whatever happens, then re-raise.  close also counts its nesting: Lua 5.4.4 does not count
** C levels in coroutine.close, and a chain of __close handlers that close the next coroutine
** overflows the C stack (SIGSEGV) after some thousands of levels. */
static int run_stock_on(lua_State *L, lua_State *co, int closing) {
  sbx *s = sbx_from_lua(L);
  if (s->n_run >= SBX_MAX_RUN)
    return refuse(L, "cli.sandbox.co_nested", SBX_MAX_RUN);
  if (closing && s->close_depth >= SBX_MAX_CLOSE)
    return refuse(L, "cli.sandbox.close_nested", SBX_MAX_CLOSE);
  if (s->expired || s->tripped) lua_sethook(co, sbx_hook, SBX_TRAP_MASK, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  int n = s->n_run;
  s->run[n] = co;
  s->n_run = n + 1;
  s->close_depth += closing;
  int rc = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  s->close_depth -= closing;
  s->n_run = n;
  s->run[n] = NULL;
  if (rc != LUA_OK) {
    if (rc == LUA_ERRMEM) s->rethrown_mem = 1;
    if (s->tripped) return raise_tripped(L, s);
    return lua_error(L);
  }
  return lua_gettop(L);
}

/* coroutine.resume(co, ...) and coroutine.close(co): upvalue 1 the stock function. */
static int sbx_co_resume(lua_State *L) {
  lua_State *co = lua_tothread(L, 1);
  if (!co) return luaL_typeerror(L, 1, "coroutine");
  return run_stock_on(L, co, 0);
}

static int sbx_co_close(lua_State *L) {
  lua_State *co = lua_tothread(L, 1);
  if (!co) return luaL_typeerror(L, 1, "coroutine");
  return run_stock_on(L, co, 1);
}

/* The function coroutine.wrap returns: upvalue 1 the stock one, upvalue 2 its thread. */
static int sbx_co_wrapped(lua_State *L) {
  return run_stock_on(L, lua_tothread(L, lua_upvalueindex(2)), 0);
}

/* coroutine.wrap(f): the stock wrapper (its upvalue 1 is the new thread), wrapped again. */
static int sbx_co_wrap(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  if (!lua_getupvalue(L, -1, 1) || !lua_isthread(L, -1))
    return refuse(L, "cli.sandbox.wrap_version", 0);
  lua_pushcclosure(L, sbx_co_wrapped, 2);
  return 1;
}

static const char *const base_names[] = {
  "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
  "rawlen", "rawset", "select", "tonumber", "tostring", "type", NULL
};
static const char *const lib_names[] = { "string", "table", "math", "utf8", "coroutine", NULL };
_Static_assert(sizeof lib_names / sizeof *lib_names <= 8 + 1, "sbx.lib_n");   /* lib_names fits sbx.lib_n */
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

  push_lib(L, LUA_COLIBNAME);
  wrap_field(L, "resume", sbx_co_resume, -1);
  wrap_field(L, "close", sbx_co_close, -1);
  wrap_field(L, "wrap", sbx_co_wrap, -1);
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
  sbx *s = sbx_from_lua(L);
  for (int i = 0; lib_names[i]; i++) {   /* a copy of each library for this environment */
    push_lib(L, lib_names[i]);
    int n = s->lib_n[i];   /* counted at the first copy: nothing changes a real library after setup */
    if (n == 0) {
      lua_pushnil(L);
      while (lua_next(L, -2)) { lua_pop(L, 1); n++; }
      s->lib_n[i] = n;
    }
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
  lua_pushstring(L, msg_text(MSG_CLI_LANG, "cli.sandbox.globals_protected"));
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
  /* the catalogue is opened now (the commands' language's, and English's when a key falls back
  ** to it), before any script runs: a limit's message, formatted later in the hook or on a
  ** memory error, then reads text already compiled and reads no file */
  (void)msg_text(MSG_CLI_LANG, "cli.sandbox.memory");
  s->L = lua_newstate(sbx_alloc, s);
  if (!s->L) {
    char bytes[24];
    snprintf(bytes, sizeof bytes, "%zu", s->lim.memory);
    msg_snprint(err, errlen, "cli.sandbox.new_state", "bytes", bytes, NULL);
    pool_release(&s->pool);
    free(s);
    return NULL;
  }
  lua_atpanic(s->L, sbx_panic);
  live_states++;
  char *e = NULL;
  if (sbx_protect(s, setup, &seed, &e) != 0) {
    msg_snprint(err, errlen, "cli.sandbox.setup", "error", e ? e : "?", NULL);
    free(e);
    sbx_free(s);
    return NULL;
  }
  lua_sethook(s->L, sbx_hook, LUA_MASKCOUNT, 1);   /* script code outside sbx_call: refused */
  return s;
}

/* Closes the state (no finalizers can run: __gc is refused) and frees the sandbox; the timer
** stops with the last state. */
void sbx_free(sbx *s) {
  if (!s) return;
  for (sbx **a = (sbx **)&g_active; *a; a = &(*a)->prev_active)
    if (*a == s) { *a = s->prev_active; break; }
  if (s->L) lua_close(s->L);
  pool_release(&s->pool);
  if (--live_states == 0 && timer_on) { timer_run(0); timer_on = 0; }
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
  int outer = s->depth == 0 && g_active != s;   /* a load of its own gets the call's time cap */
  if (outer) { s->tripped = SBX_OK; s->trip_where[0] = '\0'; start_clock(s, s->lim.seconds); }
  int rc = load_pieces(L, s, buf, len, chunk, mode);
  if (outer) {   /* a tick during the load armed the trap hook: back to the guard between calls */
    stop_clock(s);
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, 1);
  }
  free(chunk);
  if (rc != LUA_OK) {
    sbx_status st = rc == LUA_ERRMEM ? SBX_ERR_MEMORY : s->tripped ? s->tripped : SBX_ERR_SYNTAX;
    const char *m = lua_tostring(L, -1);
    char tm[SBX_TEXT_MAX];
    if (rc == LUA_ERRMEM) *err = msg_get(MSG_CLI_LANG, "cli.sandbox.load_memory", NULL);
    else if (s->tripped && outer)
      *err = msg_get(MSG_CLI_LANG, "cli.sandbox.compiling", "name", name, "limit", trip_message(s, tm, sizeof tm), NULL);
    else *err = xstrdup(m ? m : "?");
    lua_pop(L, 1);
    if (outer) s->tripped = SBX_OK;
    return st;
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

/* sbx_compile and sbx_compile_full: the chunk's bytecode, without the names when strip. */
static char *compile(const char *name, const char *buf, size_t len, int strip, size_t *n, char **err) {
  lua_State *L = luaL_newstate();
  if (!L) { *err = msg_get(MSG_CLI_LANG, "cli.sandbox.no_memory", NULL); return NULL; }
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
  if (!strip) {
    *n = b.len;
    *err = NULL;
    return b.s ? b.s : xstrdup("");
  }
  /* without the names of locals and upvalues, which a start would intern (bytecode.h) */
  char *code = bc_strip_names(b.s, b.len, n);
  sb_free(&b);
  if (!code) { *err = xasprintf("%s: lua_dump wrote a chunk this Lua 5.4 reader does not know", name); return NULL; }
  *err = NULL;
  return code;
}

char *sbx_compile(const char *name, const char *buf, size_t len, size_t *n, char **err) {
  return compile(name, buf, len, 1, n, err);
}

char *sbx_compile_full(const char *name, const char *buf, size_t len, size_t *n, char **err) {
  return compile(name, buf, len, 0, n, err);
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

/* The main thread's hook while a call runs: none with the timer, else the count hook. */
static void set_call_hook(sbx *s) {
  if (timer_state == 1) lua_sethook(s->L, NULL, 0, 0);
  else lua_sethook(s->L, sbx_hook, LUA_MASKCOUNT, SBX_HOOK_EVERY);
  if (s->expired) arm_hooks(s);
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
    set_call_hook(s);
    lua_pushcfunction(L, tostring_cf);
    lua_insert(L, -2);
    s->depth++;
    int rc = lua_pcall(L, 1, 1, 0);
    s->depth--;
    stop_clock(s);
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, 1);
    if (rc == LUA_OK && !s->tripped && lua_type(L, -1) == LUA_TSTRING)
      out = xasprintf("%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    s->tripped = SBX_OK;
    s->budget = s->lim.instructions;
    if (!out) out = msg_get(MSG_CLI_LANG, "cli.sandbox.tostring_failed", NULL);
    return out;
  }
  out = msg_get(MSG_CLI_LANG, "cli.sandbox.error_object", "type", lua_typename(L, t), NULL);
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
    s->rethrown_mem = 0;
    s->trip_where[0] = s->last_where[0] = '\0';
    s->errobj = 0;
    start_clock(s, s->lim.seconds);
    set_call_hook(s);
    lua_Debug ar;
    lua_pushvalue(L, -1 - nargs);
    s->call_src[0] = '\0';
    if (lua_getinfo(L, ">S", &ar)) {   /* snprintf "%s:%d:" by hand (it was 1% of a walk), same cut */
      size_t n = strlen(ar.short_src), cap = sizeof s->call_src - 1;
      size_t k = n < cap ? n : cap;
      memcpy(s->call_src, ar.short_src, k);
      if (k < cap) s->call_src[k++] = ':';
      /* and the line the function starts on: a limit tripped where no script line runs (the
      ** collector freeing the last call's garbage, on a loaded machine) still names one */
      if (ar.linedefined > 0 && k + 12 < cap) {
        char d[12];
        int nd = 0;
        for (int v = ar.linedefined; v > 0 && nd < 11; v /= 10) d[nd++] = (char)('0' + v % 10);
        while (nd > 0) s->call_src[k++] = d[--nd];
        s->call_src[k++] = ':';
      }
      s->call_src[k] = '\0';
    }
  }
  int base = lua_gettop(L) - nargs;
  lua_pushcfunction(L, sbx_msgh);
  lua_insert(L, base);
  s->depth++;
  int rc = lua_pcall(L, nargs, nresults, base);
  s->depth--;
  lua_remove(L, base);
  if (s->depth == 0) {
    stop_clock(s);
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, 1);   /* script code outside a call: refused */
  }
  if (rc == LUA_OK) return SBX_OK;

  const char *val = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  sbx_status st = SBX_ERR_RUNTIME;
  char head[400];
  if (s->tripped) {
    char m[SBX_TEXT_MAX];
    st = s->tripped;
    snprintf(head, sizeof head, "%s %s", s->trip_where[0] ? s->trip_where : s->call_src[0] ? s->call_src : "?:",
             trip_message(s, m, sizeof m));
    *err = shape_message(head, val);
    /* the garbage of a call stopped by a limit is collected now, outside any call's clock: the
    ** next call is not charged for it (under load, the sanitised build's next turn ran out of
    ** time freeing the memory bomb's strings before a line of its own ran) */
    if (s->depth == 0) lua_gc(L, LUA_GCCOLLECT, 0);
  } else if (rc == LUA_ERRMEM || s->rethrown_mem) {
    char m[SBX_TEXT_MAX], max[24];
    st = SBX_ERR_MEMORY;
    snprintf(max, sizeof max, "%zu", s->lim.memory >> 20);
    snprintf(head, sizeof head, "%s %s", s->last_where[0] ? s->last_where : s->call_src,
             msg_snprint(m, sizeof m, "cli.sandbox.memory", "max", max, NULL));
    *err = xstrdup(head);
  } else if (rc == LUA_ERRERR) {
    char m[SBX_TEXT_MAX];
    st = SBX_ERR_DEPTH;
    snprintf(head, sizeof head, "%s %s", s->last_where[0] ? s->last_where : s->call_src,
             msg_snprint(m, sizeof m, "cli.sandbox.error_in_error", NULL));
    *err = xstrdup(head);
  } else if (s->errobj) {
    char *obj = errobj_text(s);
    char *full = xasprintf("%s%s%s", s->errobj_where, s->errobj_where[0] ? " " : "", obj);
    *err = shape_message(full, val);
    free(full);
    free(obj);
  } else if (val) {
    *err = shape_message(val, val);
    if (strstr(val, "stack overflow")) st = SBX_ERR_DEPTH;   /* Lua's own words, matched */
  } else {
    char *none = msg_get(MSG_CLI_LANG, "cli.sandbox.no_message", NULL);
    *err = shape_message(none, val);
    free(none);
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
  if (rc == LUA_ERRMEM) {
    char max[24];
    snprintf(max, sizeof max, "%zu", s->lim.memory >> 20);
    *err = msg_get(MSG_CLI_LANG, "cli.sandbox.out_of_memory", "max", max, NULL);
  } else if (lua_type(L, -1) == LUA_TSTRING) *err = xstrdup(lua_tostring(L, -1));
  else *err = msg_get(MSG_CLI_LANG, "cli.sandbox.not_string", NULL);
  lua_settop(L, top);
  return -1;
}

/* ===== expression check ================================================================== */

/* {=== the checker's memory
** Each condition is compiled alone (a large scenario has 800), and a compile allocates and
** frees some fifty small blocks (the closure, its prototype and their arrays, the scanner's
** table and strings): through glibc's malloc, realloc and free that was a quarter of the check.
** The checker's small blocks come from a pool of its own, as a sandbox's do (above); freed
** blocks stay for the next compile, the chunks go when the checker closes.  It never runs code,
** so nothing is counted. */
static blk_pool ck_pool;

/* lua_Alloc of the checker (osize is a type tag, not a size, when ptr is NULL). */
static void *ck_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    if (ptr) block_free(&ck_pool, ptr, old);
    return NULL;
  }
  return block_resize(&ck_pool, ptr, old, nsize);
}
/* }=== */

/* One plain state serves every syntax check (a scenario has dozens of conditions, and
** `salesim test` loads many scenarios): it only compiles, never runs anything. */
static lua_State *checker;
static void close_checker(void) {
  if (checker) lua_close(checker);
  checker = NULL;
  pool_release(&ck_pool);
}
static lua_State *check_state(void) {
  if (!checker && (checker = lua_newstate(ck_alloc, NULL)) != NULL) atexit(close_checker);
  return checker;
}

/* "return (EXPR\n)" for lua_load in three pieces, so that the condition is not copied. */
typedef struct expr_pieces {
  const char *part[3];
  size_t len[3];
  int next;
} expr_pieces;

static const char *read_pieces(lua_State *L, void *ud, size_t *size) {
  (void)L;
  expr_pieces *p = ud;
  if (p->next == 3) { *size = 0; return NULL; }
  *size = p->len[p->next];
  return p->part[p->next++];
}

int sbx_check_expr(const char *expr, char *err, size_t errlen) {
  if (!expr || !*expr) {
    msg_snprint(err, errlen, "cli.sandbox.empty_condition", NULL);
    return -1;
  }
  size_t n = strlen(expr);
  if (n > SBX_MAX_CONDITION) {   /* Lua parses long chains of `or` in quadratic time */
    char len[24], max[24];
    snprintf(len, sizeof len, "%zu", n);
    snprintf(max, sizeof max, "%d", SBX_MAX_CONDITION);
    msg_snprint(err, errlen, "cli.sandbox.condition_long", "length", len, "max", max, NULL);
    return -1;
  }
  lua_State *L = check_state();
  if (!L) {
    msg_snprint(err, errlen, "cli.sandbox.checker", NULL);
    return -1;
  }
  expr_pieces pieces = { { "return (", expr, "\n)" }, { 8, n, 2 }, 0 };
  int rc = lua_load(L, read_pieces, &pieces, "=when", "t");
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

int sbx_expr_plain(const char *expr) {
  static const char ops[] = "+-*/%^#&~|<>=.";
  if (!expr || !*expr || strstr(expr, "...")) return 0;
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)expr; *p; p++, n++) {
    int c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == ' ' || c == '\t' || c == '\n' || strchr(ops, c)))
      return 0;
  }
  return n <= SBX_MAX_CONDITION;
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
  s->kept = 0;   /* a new session: nothing of the last one is kept by the host any more */
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
