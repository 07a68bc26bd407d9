/*
** bytecode.c: drops the names of locals and upvalues from a Lua 5.4 binary chunk, keeping its
** line information (bytecode.h).
**
** Why: undumping default.lua interned 2,048 short strings at every start, 943 of them the names
** of locals and upvalues, which only error messages use ("(local 'x')"); `lua_dump` with strip
** drops the line numbers too, and an error in the customer must keep its position.  The walk
** follows lundump.c of Lua 5.4 (the format is fixed within 5.4: LUAC_FORMAT 0); anything it does
** not expect makes it return NULL rather than guess.
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "util.h"

/* A reader over the chunk and the copy being written. */
typedef struct bc_walk {
  const unsigned char *p, *end;
  strbuf *out;
  int ok;                         /* 0 once the chunk ran short or held the unexpected */
  size_t n_int, n_num, n_instr;   /* sizes the header declares */
} bc_walk;

#define BC_DEPTH_MAX 200   /* nested functions: Lua's own parser stops at 200 C levels */

/* Copies n bytes. */
static void copy(bc_walk *w, size_t n) {
  if (!w->ok || (size_t)(w->end - w->p) < n) { w->ok = 0; return; }
  sb_append(w->out, (const char *)w->p, n);
  w->p += n;
}

/* Reads one byte, copying it when keep. */
static unsigned byte_of(bc_walk *w, int keep) {
  if (!w->ok || w->p >= w->end) { w->ok = 0; return 0; }
  unsigned b = *w->p;
  if (keep) sb_putc(w->out, (char)b);
  w->p++;
  return b;
}

/* Reads lundump's unsigned (seven bits a byte, most significant first, the last byte marked by
** its high bit), copying its bytes when keep. */
static size_t unsigned_of(bc_walk *w, int keep) {
  size_t x = 0;
  unsigned b;
  do {
    b = byte_of(w, keep);
    if (x > (SIZE_MAX >> 7)) w->ok = 0;
    x = (x << 7) | (b & 0x7f);
  } while (w->ok && !(b & 0x80));
  return w->ok ? x : 0;
}

/* A string: its size plus one (0 for none), then its bytes. */
static void string_of(bc_walk *w, int keep) {
  size_t n = unsigned_of(w, keep);
  if (n == 0) return;
  if (keep) copy(w, n - 1);
  else if ((size_t)(w->end - w->p) >= n - 1) w->p += n - 1;
  else w->ok = 0;
}

/* Copies n elements of size bytes each, checking the product. */
static void copy_vector(bc_walk *w, size_t n, size_t size) {
  if (size && n > SIZE_MAX / size) { w->ok = 0; return; }
  copy(w, n * size);
}

/* One function (lundump.c's loadFunction), its nested ones, and its debug information with the
** locals' and upvalues' names left out (written as none of either). */
static void function_of(bc_walk *w, int depth) {
  if (depth > BC_DEPTH_MAX) { w->ok = 0; return; }
  string_of(w, 1);                       /* source, or none when the parent's */
  unsigned_of(w, 1);                     /* linedefined */
  unsigned_of(w, 1);                     /* lastlinedefined */
  copy(w, 3);                            /* numparams, is_vararg, maxstacksize */
  copy_vector(w, unsigned_of(w, 1), w->n_instr);   /* code */
  size_t n = unsigned_of(w, 1);          /* constants */
  for (size_t i = 0; i < n && w->ok; i++) {
    switch (byte_of(w, 1)) {
      case 0x00: case 0x01: case 0x11: break;        /* nil, false, true */
      case 0x03: copy(w, w->n_int); break;           /* integer */
      case 0x13: copy(w, w->n_num); break;           /* float */
      case 0x04: case 0x14: string_of(w, 1); break;  /* short and long strings */
      default: w->ok = 0;
    }
  }
  copy_vector(w, unsigned_of(w, 1), 3);  /* upvalues: instack, idx, kind */
  n = unsigned_of(w, 1);                 /* nested functions */
  for (size_t i = 0; i < n && w->ok; i++) function_of(w, depth + 1);
  copy_vector(w, unsigned_of(w, 1), 1);  /* lineinfo */
  n = unsigned_of(w, 1);                 /* abslineinfo: pc, line */
  for (size_t i = 0; i < n && w->ok; i++) { unsigned_of(w, 1); unsigned_of(w, 1); }
  n = unsigned_of(w, 0);                 /* locals: name, startpc, endpc */
  for (size_t i = 0; i < n && w->ok; i++) { string_of(w, 0); unsigned_of(w, 0); unsigned_of(w, 0); }
  sb_putc(w->out, (char)0x80);           /* no locals */
  n = unsigned_of(w, 0);                 /* upvalue names */
  for (size_t i = 0; i < n && w->ok; i++) string_of(w, 0);
  sb_putc(w->out, (char)0x80);           /* no upvalue names */
}

char *bc_strip_names(const char *chunk, size_t len, size_t *n) {
  assert(chunk && n);
  static const char sig[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";   /* signature, 5.4, format 0, data */
  enum { SIG = sizeof sig - 1, HEADER = SIG + 3 };
  if (len < HEADER || memcmp(chunk, sig, SIG) != 0) return NULL;
  strbuf out = {0};
  bc_walk w = { (const unsigned char *)chunk, (const unsigned char *)chunk + len, &out, 1, 0, 0, 0 };
  copy(&w, SIG);
  w.n_instr = byte_of(&w, 1);
  w.n_int = byte_of(&w, 1);
  w.n_num = byte_of(&w, 1);
  copy(&w, w.n_int + w.n_num);           /* LUAC_INT and LUAC_NUM, checked by the loader */
  copy(&w, 1);                           /* the main function's upvalue count */
  function_of(&w, 0);
  if (!w.ok || w.p != w.end) { sb_free(&out); return NULL; }
  *n = out.len;
  return sb_take(&out);
}
