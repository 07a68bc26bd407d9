/*
** builtin_none.c: no compiled forms (builtin.h).  The generator links this, since it builds
** them from source, and so do the fuzz targets, which exercise the from-source paths.
*/
#include "builtin.h"

const bi_entry bi_entries[] = { { 0 } };
const bi_line bi_lines[] = { { 0 } };
const int bi_n_lines = 0;
const char bi_line_strings[] = "";
const int bi_line_at[] = { 0 };
