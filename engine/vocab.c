/*
** vocab.c: the shared names of vocab.h, generated from its tables (so they cannot drift).
*/
#include <string.h>
#include "vocab.h"

#define VOCAB_NAME(id, name) name,
const char *const vocab_skill_names[VOCAB_SKILL_COUNT] = { VOCAB_SKILLS(VOCAB_NAME) };
const char *const vocab_outcome_names[VOCAB_OUTCOME_COUNT] = { VOCAB_OUTCOMES(VOCAB_NAME) };

/* Linear: four names each. */
static int index_in(const char *const *names, int n, const char *name) {
  for (int i = 0; name && i < n; i++)
    if (strcmp(name, names[i]) == 0) return i;
  return -1;
}

int vocab_skill_index(const char *name) { return index_in(vocab_skill_names, VOCAB_SKILL_COUNT, name); }
int vocab_outcome_index(const char *name) { return index_in(vocab_outcome_names, VOCAB_OUTCOME_COUNT, name); }
