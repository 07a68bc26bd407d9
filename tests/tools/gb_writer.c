/*
** gb_writer: records N generated sessions into a gradebook, one gb_record call (one
** transaction) each, as `salesim play --trainee` does at the end of a visit.  Used by the
** concurrency and crash tests (many writer processes at once, SIGKILL mid-write) and by the
** report benchmark.
**
**   gb_writer GRADEBOOK N [--trainee NAME | --trainees K] [--scenarios K] [--seed S]
**             [--turns T] [--payload BYTES] [--no-transcript] [--print-ids]
**
** --trainees K spreads the sessions over K generated trainees (some with Chinese names);
** --payload adds about BYTES bytes to each transcript; --no-transcript records none (a smaller
** file for the benchmark); --print-ids prints each committed row id.
** Exit 0 when every session was recorded, 1 on a write error, 2 on bad usage or open failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gradebook.h"
#include "util.h"
#include "gb_gen.h"

static const char *const cjk[] = { "王小明", "李娜", "张伟", "陈静", "刘洋" };

/* The name of generated trainee k. */
static void trainee_name(int k, char *out, size_t n) {
  if (k % 10 == 3) snprintf(out, n, "%s%d", cjk[(k / 10) % 5], k);
  else snprintf(out, n, "trainee-%03d", k);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: gb_writer GRADEBOOK N [--trainee NAME | --trainees K] [--scenarios K]"
                    " [--seed S] [--turns T] [--payload BYTES] [--no-transcript] [--print-ids]\n");
    return 2;
  }
  const char *path = argv[1];
  long n = atol(argv[2]);
  const char *trainee = NULL;
  int trainees = 1, scenarios = 1, turns = 2, print_ids = 0, no_transcript = 0;
  long payload = 0;
  uint64_t seed = 1;
  for (int i = 3; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--print-ids") == 0) { print_ids = 1; continue; }
    if (strcmp(a, "--no-transcript") == 0) { no_transcript = 1; continue; }
    if (!v) { fprintf(stderr, "gb_writer: %s needs a value\n", a); return 2; }
    i++;
    if (strcmp(a, "--trainee") == 0) trainee = v;
    else if (strcmp(a, "--trainees") == 0) trainees = atoi(v);
    else if (strcmp(a, "--scenarios") == 0) scenarios = atoi(v);
    else if (strcmp(a, "--seed") == 0) seed = strtoull(v, NULL, 10);
    else if (strcmp(a, "--turns") == 0) turns = atoi(v);
    else if (strcmp(a, "--payload") == 0) payload = atol(v);
    else { fprintf(stderr, "gb_writer: unknown option %s\n", a); return 2; }
  }
  if (trainees < 1 || scenarios < 1) { fprintf(stderr, "gb_writer: counts must be >= 1\n"); return 2; }
  char err[512];
  gb *g = gb_open(path, err, sizeof err);
  if (!g) { fprintf(stderr, "gb_writer: %s\n", err); return 2; }
  char *blob = NULL;
  if (payload > 0) {
    blob = xmalloc((size_t)payload + 1);
    for (long i = 0; i < payload; i++) blob[i] = (char)('a' + i % 26);
    blob[payload] = '\0';
  }
  int *attempts = xcalloc((size_t)trainees * (size_t)scenarios, sizeof *attempts);
  uint64_t rng = seed * 2654435761ULL + 1;
  int rc = 0;
  for (long i = 0; i < n; i++) {
    int k = gbg_range(&rng, 0, trainees - 1), s = gbg_range(&rng, 0, scenarios - 1);
    char name[64], scen[64];
    if (trainee) snprintf(name, sizeof name, "%s", trainee);
    else trainee_name(k, name, sizeof name);
    snprintf(scen, sizeof scen, "scenario-%d", s + 1);
    int attempt = ++attempts[k * scenarios + s];
    int day = 1 + (int)(i * 28 / (n > 0 ? n : 1));
    json_t *d = gbg_debrief(&rng, scen, name, attempt < 12 ? attempt : 12, day,
                            (int)(i % 600), turns);
    json_t *t = json_pack("{s:i, s:s, s:o}", "version", 1, "scenario", scen,
                          "debrief", json_incref(d));
    if (blob) json_object_set_new(t, "payload", json_string(blob));
    long long id = gb_record(g, name, d, no_transcript ? NULL : t, err, sizeof err);
    json_decref(t);
    json_decref(d);
    if (id < 0) { fprintf(stderr, "gb_writer: %s\n", err); rc = 1; break; }
    if (print_ids) { printf("%lld\n", id); fflush(stdout); }
  }
  free(attempts);
  free(blob);
  gb_close(g);
  return rc;
}
