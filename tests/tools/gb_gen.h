/*
** gb_gen.h: builds debrief documents (the DESIGN.md / debrief.h schema) for gradebook and
** report tests and benchmarks, deterministic from a seed.  Header-only, shared by
** tests/tools/gb_writer.c and the unit suites.
*/
#ifndef SALESIM_GB_GEN_H
#define SALESIM_GB_GEN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

/* xorshift64*: repeatable without touching the C library's rand(). */
static inline uint64_t gbg_next(uint64_t *s) {
  uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ULL;
  x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
  *s = x;
  return x * 2685821657736338717ULL;
}
static inline int gbg_range(uint64_t *s, int lo, int hi) {   /* lo..hi inclusive */
  return lo + (int)(gbg_next(s) % (uint64_t)(hi - lo + 1));
}

static const char *const gbg_rules[][3] = {
  /* rule, skill, points as text */
  { "no_ask", "commitment", "-30" },
  { "vague_ask", "commitment", "-15" },
  { "unrealistic_ask", "commitment", "-10" },
  { "specific_ask", "commitment", "20" },
  { "no_check_concerns", "benefits", "-10" },
  { "feature_list", "benefits", "-10" },
  { "summary_unconfirmed_need", "benefits", "-10" },
  { "early_loss_appeal", "tactics", "-15" },
  { "discount_for_trust", "tactics", "-20" },
  { "gain_appeal_proof", "tactics", "10" },
  { "pitch_before_need", "discovery", "-10" },
  { "hidden_need_found", "discovery", "15" },
};
#define GBG_NRULES (sizeof gbg_rules / sizeof *gbg_rules)

/* One finding object with the debrief's fields. */
static inline json_t *gbg_finding(int rule, int turn) {
  char msg[96];
  snprintf(msg, sizeof msg, "turn %d: %s", turn, gbg_rules[rule][0]);
  return json_pack("{s:s, s:i, s:i, s:s, s:s, s:s, s:s, s:s}",
                   "rule", gbg_rules[rule][0], "turn", turn,
                   "points", atoi(gbg_rules[rule][2]), "message", msg,
                   "quote", "let's find some time", "principle", "principle of the rule",
                   "better", "Could we meet on Wednesday at 3?", "source", "seed.md");
}

/* A debrief for scenario at attempt number `attempt` (1-based; later attempts score a little
** better on average), started on day `day` of November 2026 at `minute` past 08:00.
** `turns` adds that many turn objects (payload for size tests). */
static inline json_t *gbg_debrief(uint64_t *rng, const char *scenario, const char *trainee,
                                  int attempt, int day, int minute, int turns) {
  static const char *const skills[4] = { "commitment", "benefits", "tactics", "discovery" };
  static const char *const outcomes[4] = { "order", "advance", "continuation", "no_sale" };
  json_t *sk = json_object();
  int total = 0;
  for (int i = 0; i < 4; i++) {
    int base = 30 + attempt * 5;
    int s = gbg_range(rng, base - 25, base + 25);
    s = s < 0 ? 0 : s > 100 ? 100 : s;
    total += s;
    json_t *fs = json_array();
    int nf = gbg_range(rng, 0, 2);
    for (int k = 0; k < nf; k++) {
      int r;
      do r = gbg_range(rng, 0, (int)GBG_NRULES - 1); while (strcmp(gbg_rules[r][1], skills[i]) != 0);
      json_array_append_new(fs, gbg_finding(r, gbg_range(rng, 1, 12)));
    }
    json_object_set_new(sk, skills[i], json_pack("{s:i, s:f, s:o}", "score", s, "weight", 0.25,
                                                 "findings", fs));
  }
  total /= 4;
  const char *outcome = outcomes[total >= 75 ? 0 : total >= 55 ? 1 : total >= 35 ? 2 : 3];
  char started[32], ended[32];
  snprintf(started, sizeof started, "2026-11-%02dT%02d:%02d:00Z", day, 8 + minute / 60, minute % 60);
  snprintf(ended, sizeof ended, "2026-11-%02dT%02d:%02d:30Z", day, 8 + minute / 60, minute % 60);
  json_t *ts = json_array();
  for (int t = 1; t <= turns; t++)
    json_array_append_new(ts, json_pack("{s:i, s:s, s:s, s:[s]}", "n", t, "speaker", "trainee",
                                        "text", "We could set up a demo next Wednesday at 3.",
                                        "moves", "ask_commitment"));
  /* about one visit in eight not ended by the customer (the trainee's /quit, Ctrl-C, a program
  ** killed), one in five with hints; from the visit's time, so the scores' draws stay as they were */
  int mark = (day * 31 + minute * 7 + attempt) % 40;
  const char *ended_by = mark == 3 ? "quit" : mark == 11 ? "interrupt" : mark == 19 ? "killed"
                         : mark == 27 ? "eof" : mark == 35 ? "hangup" : "customer";
  int hints = (day + minute + attempt) % 5 == 2 ? 1 + minute % 3 : 0;
  /* the tier and pass mark as a real debrief records them (the default tiers, a 60 mark) */
  const char *tier = total >= 90 ? "excellent" : total >= 75 ? "proficient" : total >= 50 ? "developing" : "beginner";
  return json_pack("{s:i, s:s, s:s, s:s, s:s, s:s?, s:i, s:s, s:s, s:s, s:s, s:i, s:b, s:i, s:{s:s, s:s}, s:o,"
                   " s:o, s:[], s:i, s:[], s:[]}",
                   "version", 1, "scenario", scenario, "title", "Test visit",
                   "scenario_hash", "0123456789abcdef", "language", "en", "trainee", trainee,
                   "seed", attempt, "started", started, "ended", ended, "ended_by", ended_by,
                   "outcome", outcome, "score", total, "pass", total >= 60, "pass_mark", 60,
                   "tier", "id", tier, "name", tier, "skills", sk,
                   "turns", ts, "commitments", "hints_used", hints, "reflection", "progress");
}

#endif
