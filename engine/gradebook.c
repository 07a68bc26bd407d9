/*
** gradebook.c: what the gradebook does the same on every backend (gradebook.h, gb_int.h):
** picks the backend from the location, checks a debrief and turns it into one row's values,
** keys each visit so a retried or repeated record is stored once, reads a trainee's history,
** and passes the report's read queries through to the backend.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "gb_int.h"
#include "util.h"
#include "msg_cli.h"


int gb_is_postgres(const char *location) {
  return location && (strncmp(location, "postgresql://", 13) == 0 ||
                      strncmp(location, "postgres://", 11) == 0);
}

/* The URI without a password ("postgresql://ann:secret@host/db" -> "postgresql://ann@host/db"),
** so messages never show it. */
char *gb_location_label(const char *where) {
  if (!gb_is_postgres(where)) return xstrdup(where);
  const char *auth = strstr(where, "://") + 3;
  const char *at = strchr(auth, '@'), *slash = strchr(auth, '/');
  if (!at || (slash && slash < at)) return xstrdup(where);
  const char *colon = memchr(auth, ':', (size_t)(at - auth));
  if (!colon) return xstrdup(where);
  return xasprintf("%.*s%s", (int)(colon - where), where, at);
}

/* Opens either kind; the common part of gb_open and gb_open_existing. */
static gb *open_any(const char *where, int create, char *err, size_t errlen) {
  if (!where || !*where) { msg_snprint(err, errlen, "cli.gradebook.no_path", NULL); return NULL; }
  gb *g = xcalloc(1, sizeof *g);
  g->be = gb_is_postgres(where) ? &gb_pg_backend : &gb_sqlite_backend;
  g->where = xstrdup(where);
  g->label = gb_location_label(where);
  if (g->be->open(g, create, err, errlen) != 0) { gb_close(g); return NULL; }
  return g;
}

/* Opens or creates the gradebook (see gradebook.h). */
gb *gb_open(const char *path, char *err, size_t errlen) { return open_any(path, 1, err, errlen); }

/* Opens an existing gradebook for reading (the report): never creates one. */
gb *gb_open_existing(const char *path, char *err, size_t errlen) { return open_any(path, 0, err, errlen); }

/* Closes the connection and frees g (NULL is a no-op). */
void gb_close(gb *g) {
  if (!g) return;
  if (g->conn) g->be->close(g);
  free(g->where);
  free(g->label);
  free(g);
}

const char *gb_path(const gb *g) { return g->label; }
int gb_partial_view(const gb *g) { return g->partial; }
int gb_on_server(const gb *g) { return g->be == &gb_pg_backend; }

/* $SALESIM_GRADEBOOK, else the XDG data dir's salesim/gradebook.db. */
char *gb_default_path(void) {
  const char *env = getenv("SALESIM_GRADEBOOK");
  if (env && *env) return xstrdup(env);
  char *dir = util_xdg_dir("XDG_DATA_HOME", ".local/share");
  char *p = xasprintf("%s/gradebook.db", dir);
  free(dir);
  return p;
}

/* A short random pause between transaction retries (gb_int.h). */
void gb_backoff(int attempt) {
  static unsigned seed;
  if (!seed) seed = (unsigned)getpid() ^ (unsigned)time(NULL);
  int ms = 5 + rand_r(&seed) % 20 + (attempt < 20 ? attempt : 20) * 5;
  struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
  nanosleep(&ts, NULL);
}

/* {=== recording */

/* A string member of o, or NULL. */
static const char *jstr(const json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* An integer member of o (a JSON integer or a whole real), or unset. */
static gb_opt jint(const json_t *o, const char *key) {
  const json_t *v = json_object_get(o, key);
  gb_opt r = { 0, 0 };
  if (json_is_integer(v)) { r.v = json_integer_value(v); r.set = 1; }
  else if (json_is_real(v)) { r.v = (long long)(json_real_value(v) + 0.5); r.set = 1; }
  return r;
}

/* Checks the members the gradebook and the report depend on; 0 or -1 with err. */
static int check_debrief(const json_t *d, char *err, size_t errlen) {
  if (!json_is_object(d)) { msg_snprint(err, errlen, "cli.gradebook.debrief_not_object", NULL); return -1; }
  const char *sc = jstr(d, "scenario");
  if (!sc || !*sc) { msg_snprint(err, errlen, "cli.gradebook.debrief_no_scenario", NULL); return -1; }
  const char *out = jstr(d, "outcome");
  if (vocab_outcome_index(out) < 0) { msg_snprint(err, errlen, "cli.gradebook.debrief_outcome", NULL); return -1; }
  const json_t *score = json_object_get(d, "score");
  if (!json_is_number(score) || json_number_value(score) < 0 || json_number_value(score) > 100) {
    msg_snprint(err, errlen, "cli.gradebook.debrief_score", NULL);
    return -1;
  }
  return 0;
}

/* The findings of every skill, in the debrief's order (malloc'd array, borrowed strings). */
static void collect_findings(const json_t *skills, gb_visit *v) {
  int cap = 0;
  const char *skill;
  const json_t *sk;
  json_object_foreach((json_t *)skills, skill, sk) {
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(sk, "findings"), i, f) {
      const char *r = jstr(f, "rule");
      if (!r) continue;
      if (v->n_findings == cap) {
        cap = cap ? cap * 2 : 8;
        v->findings = xrealloc(v->findings, (size_t)cap * sizeof *v->findings);
      }
      gb_finding *g = &v->findings[v->n_findings++];
      g->skill = skill;
      g->rule = r;
      g->principle = jstr(f, "principle");
      g->turn = jint(f, "turn");
      const json_t *pts = json_object_get(f, "points");
      g->has_points = json_is_number(pts);
      g->points = g->has_points ? json_number_value(pts) : 0;
    }
  }
}

/* 16 random hex digits: a key for a visit that has no content key. */
static void random_key(char out[17]) {
  unsigned long long x = 0;
  if (getentropy(&x, sizeof x) != 0) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    x = ((unsigned long long)ts.tv_nsec << 20) ^ (unsigned long long)ts.tv_sec ^ ((unsigned long long)getpid() << 40);
  }
  snprintf(out, 17, "%016llx", x);
}

/* The visit's content key (see gradebook.h). */
void gb_visit_key(const char *trainee, const json_t *debrief, char out[17]) {
  json_t *copy = json_deep_copy(debrief);
  json_object_del(copy, "progress");
  char *s = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(copy);
  char *all = xasprintf("%s\n%s", trainee ? trainee : "", s ? s : "");
  util_hash_hex(all, strlen(all), out);
  free(all);
  free(s);
}

/* The members of a stored debrief that the class report reads for a row's tier (report_tiers.c:
** the tier, the pass mark, the tiers it was graded by), as compact JSON kept with the session
** (schema version 5), so the report reads a few hundred bytes instead of parsing the debrief.
** Taken from the stored text as the report would parse it, so both give the same tier: a text
** it could not read gives "{}", no tier, as the debrief would (see gb_int.h). */
char *gb_tier_json(const char *stored) {
  static const char *const keys[] = { "tier", "pass_mark", "tiers" };
  json_t *d = stored ? json_loads(stored, 0, NULL) : NULL;
  json_t *o = json_object();
  for (size_t i = 0; json_is_object(d) && i < sizeof keys / sizeof *keys; i++) {
    json_t *m = json_object_get(d, keys[i]);
    if (m) json_object_set(o, keys[i], m);
  }
  char *s = json_dumps(o, JSON_COMPACT);
  json_decref(o);
  json_decref(d);
  return s;
}

/* Records one finished session (see gradebook.h). */
long long gb_record_keyed(gb *g, const char *key, const char *trainee, const json_t *debrief,
                          const json_t *transcript, int *fresh, char *err, size_t errlen) {
  if (g->readonly) { msg_snprint(err, errlen, "cli.gradebook.read_only", "path", g->label, NULL); return -1; }
  if (check_debrief(debrief, err, errlen) != 0) return -1;
  if (!trainee || !*trainee) trainee = jstr(debrief, "trainee");
  if (!trainee || !*trainee) { msg_snprint(err, errlen, "cli.gradebook.no_trainee", NULL); return -1; }
  char rnd[17], now[32];
  if (!key) { random_key(rnd); key = rnd; }
  util_now_iso(now);
  char *djson = json_dumps(debrief, JSON_COMPACT);
  char *tjson = transcript ? json_dumps(transcript, JSON_COMPACT) : NULL;
  char *tier = gb_tier_json(djson);
  const json_t *skills = json_object_get(debrief, "skills");
  gb_visit v = {
    .key = key, .trainee = trainee, .scenario = jstr(debrief, "scenario"),
    .title = jstr(debrief, "title"), .scenario_hash = jstr(debrief, "scenario_hash"),
    .language = jstr(debrief, "language"), .started = jstr(debrief, "started"),
    .ended = jstr(debrief, "ended"), .ended_by = jstr(debrief, "ended_by"),
    .outcome = jstr(debrief, "outcome"), .recorded = now, .debrief = djson, .transcript = tjson,
    .recorded_by = SALESIM_VERSION, .tier = tier, .seed = jint(debrief, "seed"), .score = jint(debrief, "score"),
    .hints = jint(debrief, "hints_used"), .pass = json_is_true(json_object_get(debrief, "pass")),
  };
  if (!v.started) v.started = now;
  for (int i = 0; i < GB_SKILLS; i++) v.skill[i] = jint(json_object_get(skills, vocab_skill_names[i]), "score");
  if (json_is_object(skills)) collect_findings(skills, &v);
  long long id = -1;
  int fr = 1;
  if (g->be->record(g, &v, &id, &fr, err, errlen) != 0) id = -1;
  if (fresh) *fresh = fr;
  free(v.findings);
  free(djson);
  free(tjson);
  free(tier);
  return id;
}

long long gb_record(gb *g, const char *trainee, const json_t *debrief, const json_t *transcript,
                    char *err, size_t errlen) {
  return gb_record_keyed(g, NULL, trainee, debrief, transcript, NULL, err, errlen);
}
/* }=== */

/* {=== reading */

int gb_begin_read(gb *g, char *err, size_t errlen) { return g->be->begin_read(g, err, errlen); }
void gb_end_read(gb *g) { g->be->end_read(g); }
gb_rows *gb_query(gb *g, const char *sql, int nparams, const char *const *params,
                  char *err, size_t errlen) {
  return g->be->query(g, sql, nparams, params, err, errlen);
}
int gb_step(gb *g, gb_rows *r, char *err, size_t errlen) {
  int rc = g->be->step(r, err, errlen);
  if (rc == 1) g->rows_read++;
  return rc;
}
long long gb_rows_read(const gb *g) { return g->rows_read; }
int gb_is_null(gb *g, gb_rows *r, int col) { return g->be->is_null(r, col); }
const char *gb_text(gb *g, gb_rows *r, int col) { return g->be->text(r, col); }
long long gb_int(gb *g, gb_rows *r, int col) { return g->be->int64(r, col); }
double gb_real(gb *g, gb_rows *r, int col) { return g->be->real(r, col); }
void gb_rows_free(gb *g, gb_rows *r) { if (r) g->be->rows_free(r); }

/* Earlier attempts of trainee at scenario_id, oldest first (see gradebook.h). */
json_t *gb_history(gb *g, const char *trainee, const char *scenario_id, long long except) {
  if (!g || !trainee || !scenario_id) return NULL;
  char ex[24], err[256];
  snprintf(ex, sizeof ex, "%lld", except);
  const char *params[3] = { trainee, scenario_id, ex };
  gb_rows *r = gb_query(g, "SELECT id, started, ended, outcome, score, pass, s_commitment,"
                        " s_benefits, s_tactics, s_discovery FROM sessions"
                        " WHERE trainee = $1 AND scenario = $2 AND id <> $3"
                        " ORDER BY started, id", 3, params, err, sizeof err);
  if (!r) return NULL;
  json_t *arr = json_array();
  int rc;
  while ((rc = gb_step(g, r, err, sizeof err)) == 1) {
    json_t *skills = json_object();
    for (int i = 0; i < GB_SKILLS; i++)
      json_object_set_new(skills, vocab_skill_names[i], gb_is_null(g, r, 6 + i)
                          ? json_null() : json_integer(gb_int(g, r, 6 + i)));
    const char *started = gb_text(g, r, 1), *ended = gb_text(g, r, 2), *outcome = gb_text(g, r, 3);
    json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:s, s:I, s:b, s:o}",
      "id", (json_int_t)gb_int(g, r, 0),
      "started", started ? started : "",
      "ended", ended ? json_string(ended) : json_null(),
      "outcome", outcome ? outcome : "",
      "score", (json_int_t)gb_int(g, r, 4),
      "pass", (int)gb_int(g, r, 5),
      "skills", skills));
  }
  gb_rows_free(g, r);
  if (rc != 0) { json_decref(arr); return NULL; }
  return arr;
}
/* }=== */

/* Creates or migrates the gradebook and sets up its roles (see gradebook.h). */
int gb_init(gb *g, const gb_init_opts *o, strbuf *log, char *err, size_t errlen) {
  static const gb_init_opts none = { NULL, 0, NULL, 0 };
  return g->be->init(g, o ? o : &none, log, err, errlen);
}
