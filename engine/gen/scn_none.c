/*
** scn_none.c: no images of the shipped scenarios (builtin.h): for the build-time tools and the
** fuzz targets, which parse every file with libyaml and build every link index.
*/
#include "builtin.h"

const bi_entry bi_yaml[] = { { 0 } };
const bi_entry bi_links[] = { { 0 } };
const bi_entry bi_words[] = { { 0 } };
const bi_entry bi_phrases[] = { { 0 } };
const bi_entry bi_scn_hash[] = { { 0 } };
const bi_entry bi_scripts[] = { { 0 } };
const bi_entry bi_conds[] = { { 0 } };
const bi_entry bi_concepts[] = { { 0 } };
