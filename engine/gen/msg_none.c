/*
** msg_none.c: no compiled message catalogues (builtin.h): for the build-time tools and the
** fuzz targets, which read the catalogues from source when they need them.
*/
#include "builtin.h"

const bi_entry bi_messages[] = { { 0 } };
