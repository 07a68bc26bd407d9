/*
** yaml_none.c: no parsed YAML images (builtin.h): for the build-time tools and the fuzz
** targets, which parse every file with libyaml.
*/
#include "builtin.h"

const bi_entry bi_yaml[] = { { 0 } };
