/*
** fuzz_common.h: what the libFuzzer targets share: where the shipped data and the default
** scenario are.  Targets run from the repository root (tests/fuzz/run.sh).
*/
#ifndef SALESIM_FUZZ_COMMON_H
#define SALESIM_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

/* The default scenario the session and classify targets play: $FUZZ_SCENARIO, else the one
** `make play` opens. */
static inline const char *fuzz_scenario_path(void) {
  const char *p = getenv("FUZZ_SCENARIO");
  return p && *p ? p : "scenarios/campus-platform.yaml";
}

/* Shipped lexicons and Lua come from engine/ unless the caller says otherwise. */
static inline void fuzz_setup_env(void) {
  setenv("SALESIM_DATA", "engine", 0);
  setenv("NO_COLOR", "1", 1);
}

#endif
