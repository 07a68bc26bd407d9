/*
** bytecode.h: rewriting a Lua 5.4 binary chunk made by lua_dump (sandbox.c's sbx_compile).
*/
#ifndef SALESIM_BYTECODE_H
#define SALESIM_BYTECODE_H

#include <stddef.h>

/* The chunk of len bytes with every function's local and upvalue names dropped and everything
** else, line information included, kept; *n is its length.  Returns a malloc'd copy the caller
** frees, or NULL when the chunk is not one Lua 5.4 dumped (wrong header, cut short, or bytes
** after its end).  The loader accepts the copy as a chunk whose functions have no local names:
** an error then says "(a nil value)" where it said "(local 'x')", at the same line. */
char *bc_strip_names(const char *chunk, size_t len, size_t *n);

#endif
