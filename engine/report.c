/*
** report.c: reads the class report from a gradebook (report.h).
** One ordered pass over the sessions in view (trainee, scenario, start time) computes every
** per-trainee row, the class averages, the score distribution, the progress by attempt number
** and the languages played; one grouped query over the findings counted at write time gives the
** most frequent rules.  The pass reads one covering index (schema version 4), and a filter by
** scenario or date sums per-day counts.  The unfiltered report reads one row per trainee and
** scenario instead (load_groups), the sums kept at write time (PostgreSQL's schema version 5,
** SQLite's 7): a pass over a million sessions took longer than the whole report may.  Filtered,
** SQLite runs the pass and PostgreSQL groups the sessions in view; the sums are the same.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "msg_cli.h"
#include "report.h"
#include "vocab.h"
#include "text.h"

#define REP_SINCE_MAX 64   /* a --since value as bound: an ISO date and time */

_Static_assert(REP_SKILLS == (int)VOCAB_SKILL_COUNT, "REP_SKILLS and VOCAB_SKILLS differ");
const char *const *const rep_skill_names = vocab_skill_names;
const char *const rep_outcome_names[4] = { "order", "advance", "continuation", "no_sale" };

/* YYYY-MM-DD, optionally THH:MM, :SS and Z. */
int rep_valid_date(const char *s) {
  static const char pat[] = "dddd-dd-dd";
  size_t n = strlen(s);
  if (n < 10) return 0;
  for (int i = 0; i < 10; i++)
    if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pat[i]) return 0;
  int mon = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  if (mon < 1 || mon > 12 || day < 1 || day > 31) return 0;
  if (n == 10) return 1;
  const char *t = s + 10;
  static const char *const tails[] = { "Tdd:dd", "Tdd:ddZ", "Tdd:dd:dd", "Tdd:dd:ddZ" };
  for (size_t k = 0; k < 4; k++) {
    if (strlen(t) != strlen(tails[k])) continue;
    int ok = 1;
    for (size_t i = 0; tails[k][i] && ok; i++)
      ok = tails[k][i] == 'd' ? isdigit((unsigned char)t[i]) != 0 : t[i] == tails[k][i];
    if (ok) return 1;
  }
  return 0;
}

int rep_interrupted(const char *ended_by) { return ended_by && strcmp(ended_by, "customer") != 0; }

/* up / down at a slope of one point per attempt or more, flat between, "-" for one attempt. */
const char *rep_trend_word(const rep_row *r) {
  if (r->attempts < 2) return "-";
  return r->trend >= 1.0 ? "up" : r->trend <= -1.0 ? "down" : "flat";
}

/* Every gradebook field is untrusted input (a hand-edited or foreign file): a NULL becomes
** `missing`, and the text is sanitised once here (valid UTF-8, no control or bidi characters)
** for every renderer.  With mark set (trainee names), characters that make two names look
** alike are shown: leading and trailing spaces as "␠", invisible format characters (zero
** widths, joiners, the BOM, soft hyphen) as <U+XXXX>.  Malloc'd. */
char *rep_field(const unsigned char *raw, const char *missing, int mark) {
  if (!raw) return missing ? xstrdup(missing) : NULL;
  char *clean = txt_sanitize((const char *)raw, strlen((const char *)raw), NULL);
  if (!mark) return clean;
  strbuf b = {0};
  size_t n = strlen(clean), lead = 0, tail = n;
  while (lead < n && clean[lead] == ' ') lead++;
  while (tail > lead && clean[tail - 1] == ' ') tail--;
  for (size_t i = 0; i < lead; i++) sb_puts(&b, "\xe2\x90\xa3");
  for (size_t i = lead; i < tail;) {
    size_t adv;
    int32_t cp = txt_decode(clean + i, tail - i, &adv);
    if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) ||
        cp == 0xFEFF || cp == 0x180E || cp == 0x034F)
      sb_printf(&b, "<U+%04X>", (unsigned)cp);
    else
      sb_append(&b, clean + i, adv);
    i += adv;
  }
  for (size_t i = tail; i < n; i++) sb_puts(&b, "\xe2\x90\xa3");
  free(clean);
  return sb_take(&b);
}

/* The active filters' values in parameter order ($1, $2, ...); returns how many. */
int rep_filter_params(const rep_filter *f, const char *params[3], char *since, size_t n) {
  int k = 0;
  if (f->scenario) params[k++] = f->scenario;
  if (f->trainee) params[k++] = f->trainee;
  if (f->since) {
    /* stored times end in Z; without the user's Z, "T09:00Z" includes the minute 09:00 */
    snprintf(since, n, "%s", f->since);
    size_t len = strlen(since);
    if (len && since[len - 1] == 'Z') since[len - 1] = '\0';
    params[k++] = since;
  }
  return k;
}

/* The WHERE conditions for the active filters, on columns of `sessions`, numbered as
** rep_filter_params orders the values. */
void rep_where_clause(const rep_filter *f, strbuf *sql) {
  const char *sep = " WHERE ";
  int k = 0;
  if (f->scenario) { sb_printf(sql, "%sscenario = $%d", sep, ++k); sep = " AND "; }
  if (f->trainee) { sb_printf(sql, "%strainee = $%d", sep, ++k); sep = " AND "; }
  if (f->since) sb_printf(sql, "%sstarted >= $%d", sep, ++k);
}

/* Running sums of one trainee-scenario group while the pass walks its attempts. */
typedef struct group {
  double sum, sx, sy, sxy, sxx;
  double skill_sum[REP_SKILLS];
  int skill_n[REP_SKILLS];
  int last_skill[REP_SKILLS];       /* -1 when the latest attempt lacks the skill */
} group;

/* Counts attempt k (0-based) of a group, scored score: the group's trend sums, the progress by
** attempt number (d->steps and *step_sum, grown together; *cap their capacity) and the score
** distribution.  Both passes call it, so the grouped one counts as the ordered one did. */
static void count_attempt(rep_data *d, group *gr, double **step_sum, int *cap, int k, int score) {
  gr->sum += score;
  gr->sx += k + 1; gr->sy += score; gr->sxy += (double)(k + 1) * score; gr->sxx += (double)(k + 1) * (k + 1);
  if (k >= *cap) {
    int nc = *cap ? *cap * 2 : 16;
    while (nc <= k) nc *= 2;
    d->steps = xrealloc(d->steps, (size_t)nc * sizeof *d->steps);
    *step_sum = xrealloc(*step_sum, (size_t)nc * sizeof **step_sum);
    for (int i = *cap; i < nc; i++) { d->steps[i].n = 0; (*step_sum)[i] = 0; }
    *cap = nc;
  }
  if (k >= d->n_steps) d->n_steps = k + 1;
  d->steps[k].n++;
  (*step_sum)[k] += score;
  d->dist[score >= 100 ? REP_BUCKETS - 1 : score < 0 ? 0 : score / 10]++;
}

/* Closes the current row: averages and trend, and the latest attempt's total and skills for the
** class and for the row's scenario. */
static void close_row(rep_data *d, group *gr, rep_scenario *ps, double latest_sum[], long latest_n[]) {
  rep_row *r = &d->rows[d->n_rows - 1];
  double n = r->attempts;
  r->average = gr->sum / n;
  for (int k = 0; k < REP_SKILLS; k++) {
    r->skill[k] = gr->skill_n[k] ? gr->skill_sum[k] / gr->skill_n[k] : -1;
    if (gr->last_skill[k] >= 0) { latest_sum[k] += gr->last_skill[k]; latest_n[k]++; }
  }
  double den = n * gr->sxx - gr->sx * gr->sx;
  r->trend = den > 0 ? (n * gr->sxy - gr->sx * gr->sy) / den : 0;
  latest_sum[REP_SKILLS] += r->latest;
  latest_n[REP_SKILLS]++;
  ps->latest += r->latest;           /* a sum until finish_scenarios */
}

/* Turns the per-scenario sums into averages. */
static void finish_scenarios(rep_data *d, double skill_sum[][REP_SKILLS], long skill_n[][REP_SKILLS]) {
  for (int i = 0; i < d->n_scenarios; i++) {
    rep_scenario *ps = &d->by_scenario[i];
    ps->average = ps->sessions ? ps->average / (double)ps->sessions : -1;
    ps->latest = ps->trainees ? ps->latest / ps->trainees : -1;
    for (int k = 0; k < REP_SKILLS; k++)
      ps->skill[k] = skill_n[i][k] ? skill_sum[i][k] / (double)skill_n[i][k] : -1;
  }
}

/* Counts the scenario file's version of one session (its hash; NULL or empty: unknown, as in
** gradebooks written before hashes) for the scenario and for the row: a row's attempts come in
** time order, so a new version is a hash unlike its last one. */
static void note_version(rep_scenario *ps, rep_row *r, strbuf *row_hash, const char *hash) {
  if (!hash || !*hash) return;
  int seen = 0;
  for (int i = 0; i < ps->versions && !seen; i++) seen = strcmp(ps->hashes[i], hash) == 0;
  if (!seen) {
    ps->hashes = xrealloc(ps->hashes, (size_t)(ps->versions + 1) * sizeof *ps->hashes);
    ps->hashes[ps->versions++] = xstrdup(hash);
  }
  if (!row_hash->len || strcmp(row_hash->s, hash) != 0) {
    r->versions++;
    row_hash->len = 0;
    sb_puts(row_hash, hash);
  }
}

/* The catalogue languages the pass met, each with the lowest session id played in it: listed in
** the order they were first recorded (what the DISTINCT query this replaced gave on a scan of
** the table), whatever order the pass reads the sessions in. */
typedef struct lang_seen { const char *lang; long long first_id; } lang_seen;
typedef struct langs {
  lang_seen *v; int n;
  strbuf raw; int at;               /* the last raw value read (none yet: at < 0) and its entry */
} langs;

/* Notes one session's language (raw: the column; NULL, like "", is the reference language) and
** id.  A pass reads long runs of one value, so the catalogue lookup runs when the value changes. */
static void note_language(langs *l, const char *raw, long long id) {
  if (!raw) raw = "";
  if (l->at < 0 || strcmp(l->raw.s ? l->raw.s : "", raw) != 0) {
    const char *lang = msg_lang(raw);
    l->raw.len = 0;
    sb_puts(&l->raw, raw);
    for (l->at = 0; l->at < l->n && strcmp(l->v[l->at].lang, lang) != 0; l->at++) {}
    if (l->at == l->n) {
      l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
      l->v[l->n++] = (lang_seen){ lang, id };
    }
  }
  if (id < l->v[l->at].first_id) l->v[l->at].first_id = id;
}

static int by_first_id(const void *a, const void *b) {
  long long x = ((const lang_seen *)a)->first_id, y = ((const lang_seen *)b)->first_id;
  return x < y ? -1 : x > y;
}

/* Sets d->language when every session in view had one catalogue language, else d->languages to
** the list ("zh, en", first recorded first); frees l's contents. */
static void finish_languages(rep_data *d, langs *l) {
  if (l->n > 1) qsort(l->v, (size_t)l->n, sizeof *l->v, by_first_id);   /* (v is NULL for none) */
  if (l->n == 1) d->language = xstrdup(l->v[0].lang);
  else if (l->n > 1) {
    strbuf list = {0};
    for (int i = 0; i < l->n; i++) sb_printf(&list, "%s%s", i ? ", " : "", l->v[i].lang);
    d->languages = sb_take(&list);
  }
  free(l->v);
  sb_free(&l->raw);
}

/* The class's per-scenario skill sums, grown with d->scenarios. */
typedef struct sc_sums { double (*sum)[REP_SKILLS]; long (*n)[REP_SKILLS]; int cap; } sc_sums;

/* The index in d->scenarios of the scenario shown as name (a rep_field copy), added with empty
** sums when it is new: rows group on raw names, scenarios on the names shown. */
static int scenario_slot(rep_data *d, sc_sums *ss, const char *name) {
  for (int i = 0; i < d->n_scenarios; i++)
    if (strcmp(d->scenarios[i], name) == 0) return i;
  if (d->n_scenarios == ss->cap) {
    ss->cap = ss->cap ? ss->cap * 2 : 8;
    d->scenarios = xrealloc(d->scenarios, (size_t)ss->cap * sizeof *d->scenarios);
    d->by_scenario = xrealloc(d->by_scenario, (size_t)ss->cap * sizeof *d->by_scenario);
    ss->sum = xrealloc(ss->sum, (size_t)ss->cap * sizeof *ss->sum);
    ss->n = xrealloc(ss->n, (size_t)ss->cap * sizeof *ss->n);
  }
  int i = d->n_scenarios++;
  d->scenarios[i] = xstrdup(name);
  memset(&d->by_scenario[i], 0, sizeof *d->by_scenario);
  memset(ss->sum[i], 0, sizeof ss->sum[i]);
  memset(ss->n[i], 0, sizeof ss->n[i]);
  return i;
}

/* Ends a pass: the languages, the period's ends as shown, the per-scenario and class averages.
** Frees the scenario sums and step_sum (the pass's own). */
static void finish_pass(rep_data *d, langs *seen, sc_sums *scs, double *step_sum, const double skill_sum[],
                        const long skill_n[], const double latest_sum[], const long latest_n[], double total_sum) {
  finish_languages(d, seen);
  /* the period's ends were compared raw; shown, they pass through rep_field like every field
  ** (a start time beginning with an escape sorts first and would head the text report) */
  char *first = rep_field((const unsigned char *)d->first_started, NULL, 0);
  char *last = rep_field((const unsigned char *)d->last_started, NULL, 0);
  free(d->first_started);
  free(d->last_started);
  d->first_started = first;
  d->last_started = last;
  finish_scenarios(d, scs->sum, scs->n);
  free(scs->sum);
  free(scs->n);
  for (int i = 0; i < d->n_steps; i++) d->steps[i].average = step_sum[i] / (double)d->steps[i].n;
  free(step_sum);
  for (int s = 0; s < REP_SKILLS; s++) {
    d->class_skill[s] = skill_n[s] ? skill_sum[s] / (double)skill_n[s] : -1;
    d->latest_skill[s] = latest_n[s] ? latest_sum[s] / (double)latest_n[s] : -1;
  }
  d->class_total = d->sessions ? total_sum / (double)d->sessions : -1;
  d->latest_total = latest_n[REP_SKILLS] ? latest_sum[REP_SKILLS] / (double)latest_n[REP_SKILLS] : -1;
}

/* Runs sql, whose WHERE holds the filter's conditions (rep_where_clause), with the filter's values,
** and frees sql.  since: the caller's buffer for the --since value, which SQLite binds without a
** copy, so it must live until the rows are read.  NULL with err on failure. */
static gb_rows *filtered_query(gb *g, const rep_filter *f, strbuf *sql, char since[REP_SINCE_MAX],
                               char *err, size_t errlen) {
  const char *params[3];
  int np = rep_filter_params(f, params, since, REP_SINCE_MAX);
  gb_rows *st = gb_query(g, sql->s, np, params, err, errlen);
  sb_free(sql);
  return st;
}

/* The ordered pass over the sessions in view.  Its columns are those of the report's covering
** index (schema version 4; how each visit ended and its hints since version 6), so it never reads
** the wide session rows with their debriefs. */
static int load_sessions(gb *g, rep_data *d, char *err, size_t errlen) {
  strbuf sql = {0};
  sb_puts(&sql, "SELECT trainee, scenario, started, outcome, score, s_commitment, s_benefits,"
                " s_tactics, s_discovery, pass, id, scenario_hash, language, ended_by, hints_used FROM sessions");
  rep_where_clause(&d->filter, &sql);
  sb_puts(&sql, " ORDER BY trainee, scenario, started, id");
  char since[REP_SINCE_MAX];
  gb_rows *st = filtered_query(g, &d->filter, &sql, since, err, errlen);
  if (!st) return -1;

  int rc, cap_rows = 0, cap_steps = 0, cur_sc = -1;
  sc_sums scs = { NULL, NULL, 0 };
  double skill_sum[REP_SKILLS] = {0}, total_sum = 0;
  long skill_n[REP_SKILLS] = {0};
  double latest_sum[REP_SKILLS + 1] = {0};
  long latest_n[REP_SKILLS + 1] = {0};
  double *step_sum = NULL;
  group gr;
  memset(&gr, 0, sizeof gr);
  const char *prev_trainee = NULL;
  strbuf last_outcome = {0}, last_started = {0};   /* of the latest row read */
  strbuf raw_t = {0}, raw_s = {0};                  /* the current group's raw names */
  strbuf row_hash = {0};                            /* the file hash of the row's last attempt */
  langs seen_langs = { NULL, 0, { 0 }, -1 };
  while ((rc = gb_step(g, st, err, errlen)) == 1) {
    /* every session counts for the languages, as the query this replaced counted them */
    note_language(&seen_langs, gb_text(g, st, 12), gb_int(g, st, 10));
    const char *trainee = gb_text(g, st, 0);
    const char *scenario = gb_text(g, st, 1);
    const char *started = gb_text(g, st, 2);
    const char *outcome = gb_text(g, st, 3);
    int score = (int)gb_int(g, st, 4);
    if (!trainee || !scenario || !started || !outcome) continue;
    rep_row *r = d->n_rows ? &d->rows[d->n_rows - 1] : NULL;
    /* rows group on the raw values; the names shown are rep_field()'s cleaned copies */
    if (!r || strcmp(raw_t.s ? raw_t.s : "", trainee) != 0 || strcmp(raw_s.s ? raw_s.s : "", scenario) != 0) {
      raw_t.len = raw_s.len = 0;
      sb_puts(&raw_t, trainee);
      sb_puts(&raw_s, scenario);
      if (r) {
        r->latest_outcome = rep_field((const unsigned char *)last_outcome.s, "?", 0);
        r->latest_started = rep_field((const unsigned char *)last_started.s, "?", 0);
        close_row(d, &gr, &d->by_scenario[cur_sc], latest_sum, latest_n);
      }
      if (d->n_rows == cap_rows) {
        cap_rows = cap_rows ? cap_rows * 2 : 64;
        d->rows = xrealloc(d->rows, (size_t)cap_rows * sizeof *d->rows);
      }
      r = &d->rows[d->n_rows++];
      memset(r, 0, sizeof *r);
      row_hash.len = 0;
      r->trainee = rep_field((const unsigned char *)trainee, "?", 1);
      r->scenario = rep_field((const unsigned char *)scenario, "?", 0);
      r->first = r->best = score;
      memset(&gr, 0, sizeof gr);
      if (!prev_trainee || strcmp(prev_trainee, r->trainee) != 0) d->trainees++;
      prev_trainee = r->trainee;
      cur_sc = scenario_slot(d, &scs, r->scenario);
      d->by_scenario[cur_sc].trainees++;
    }
    rep_scenario *ps = &d->by_scenario[cur_sc];
    note_version(ps, r, &row_hash, gb_text(g, st, 11));
    ps->sessions++;
    ps->average += score;             /* a sum until finish_scenarios */
    if (gb_int(g, st, 9)) ps->passed++;
    int k = r->attempts++;            /* 0-based attempt number */
    if (score > r->best) r->best = score;
    r->latest = score;
    r->latest_id = gb_int(g, st, 10);
    last_outcome.len = last_started.len = 0;   /* copied into the row when it closes */
    sb_puts(&last_outcome, outcome);
    sb_puts(&last_started, started);
    count_attempt(d, &gr, &step_sum, &cap_steps, k, score);
    for (int s = 0; s < REP_SKILLS; s++) {
      if (gb_is_null(g, st, 5 + s)) { gr.last_skill[s] = -1; continue; }
      int v = (int)gb_int(g, st, 5 + s);
      gr.skill_sum[s] += v; gr.skill_n[s]++; gr.last_skill[s] = v;
      skill_sum[s] += v; skill_n[s]++;
      scs.sum[cur_sc][s] += v; scs.n[cur_sc][s]++;
    }
    if (rep_interrupted(gb_text(g, st, 13))) { r->interrupted++; d->interrupted++; }
    if (!gb_is_null(g, st, 14) && gb_int(g, st, 14) > 0) { r->hinted++; d->hinted++; }
    d->sessions++;
    total_sum += score;
    for (int o = 0; o < 4; o++) if (strcmp(outcome, rep_outcome_names[o]) == 0) d->outcomes[o]++;
    if (gb_int(g, st, 9)) d->passed++;   /* the scenario's own pass mark */
    if (!d->first_started || strcmp(started, d->first_started) < 0) {
      free(d->first_started);
      d->first_started = xstrdup(started);
    }
    if (!d->last_started || strcmp(started, d->last_started) > 0) {
      free(d->last_started);
      d->last_started = xstrdup(started);
    }
  }
  if (d->n_rows) {
    rep_row *r = &d->rows[d->n_rows - 1];
    r->latest_outcome = rep_field((const unsigned char *)last_outcome.s, "?", 0);
    r->latest_started = rep_field((const unsigned char *)last_started.s, "?", 0);
    close_row(d, &gr, &d->by_scenario[cur_sc], latest_sum, latest_n);
  }
  sb_free(&last_outcome);
  sb_free(&last_started);
  sb_free(&raw_t);
  sb_free(&raw_s);
  sb_free(&row_hash);
  gb_rows_free(g, st);
  finish_pass(d, &seen_langs, &scs, step_sum, skill_sum, skill_n, latest_sum, latest_n, total_sum);
  return rc == 0 ? 0 : -1;
}

/* {=== the pass on a database server
** PostgreSQL groups the sessions in view per trainee and scenario itself (issue 17: sending a
** million session rows took longer than reading them), so the client reads one row per group:
** its counts and sums, its first and latest attempts (found by index), and its scores in
** attempt order, from which the trend, the progress by attempt number and the score
** distribution are computed here exactly as the ordered pass computes them.  The scenario
** file's versions and the languages are checked per group by their least and greatest values;
** only when some group has two of either does one more grouped query read them (run_versions,
** run_languages).  The unfiltered report reads the same columns from the sums that triggers keep
** per group as sessions are recorded (gb_pg.c, version 5): 6,000 rows at a million sessions
** instead of a grouped pass over a million index entries. */

/* The grouped query's columns, in order. */
enum {
  G_TRAINEE, G_SCENARIO, G_N, G_PASSED,
  G_SKILL_SUM, G_SKILL_N = G_SKILL_SUM + REP_SKILLS, G_OUTCOMES = G_SKILL_N + REP_SKILLS,
  G_HASH_MIN = G_OUTCOMES + 4, G_HASH_MAX, G_LANG_MIN, G_LANG_MAX, G_MIN_ID,
  G_FIRST_STARTED, G_FIRST_SCORE, G_LATEST_ID, G_LATEST_SCORE, G_LATEST_OUTCOME, G_LATEST_STARTED,
  G_LATEST_SKILL, G_SCORES = G_LATEST_SKILL + REP_SKILLS, G_TIER, G_INTERRUPTED, G_HINTED
};

/* Where load_groups reads the groups from: the sums kept at write time (schema version 5), or
** the sessions grouped by the server, their scores in the sorted subquery's order or each
** group's sorted by array_agg itself. */
enum { GROUPS_KEPT, GROUPS_GROUPED, GROUPS_SORTED };

/* The sessions in view grouped per trainee and scenario, in the ordered pass's order.  The
** scores array is the group's scores in attempt order: with ordered set, array_agg sorts them
** itself (a sort per group, about a fifth slower at a million sessions); without, it takes them
** in the order of the sorted subquery, which holds when nothing re-sorts the rows between the
** two, so the groups are keyed on exactly the columns the subquery sorts by first: a filtered
** column is one value, not a key (with it, PostgreSQL 15 re-sorted the rows of a --scenario
** report by trainee and scenario).  load_groups checks each array's ends against the first and
** latest attempts found by index, and asks again with ordered set if they differ. */
static void groups_sql(const rep_filter *f, int ordered, strbuf *sql) {
  int p = 0, p_scenario = f->scenario ? ++p : 0, p_trainee = f->trainee ? ++p : 0;
  int p_since = f->since ? ++p : 0;
  const char *keys = p_scenario && p_trainee ? "" : p_scenario ? "trainee" : p_trainee ? "scenario"
                     : "trainee, scenario";
  sb_puts(sql, "SELECT g.trainee, g.scenario, g.n, g.passed");
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", g.k%d", s);
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", g.c%d", s);
  sb_puts(sql, ", g.o0, g.o1, g.o2, g.o3, g.h_min, g.h_max, g.l_min, g.l_max, g.min_id,"
               " f.started, f.score, l.id, l.score, l.outcome, l.started");
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", l.s_%s", rep_skill_names[s]);
  sb_puts(sql, ", g.scores, l.tier, g.ni, g.nh FROM (SELECT ");
  if (p_trainee) sb_printf(sql, "$%d::text AS trainee", p_trainee);
  else sb_puts(sql, "trainee");
  if (p_scenario) sb_printf(sql, ", $%d::text AS scenario", p_scenario);
  else sb_puts(sql, ", scenario");
  sb_puts(sql, ", count(*) AS n, count(*) FILTER (WHERE pass <> 0) AS passed");
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", sum(s_%s) AS k%d", rep_skill_names[s], s);
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", count(s_%s) AS c%d", rep_skill_names[s], s);
  for (int o = 0; o < 4; o++)
    sb_printf(sql, ", count(*) FILTER (WHERE outcome = '%s') AS o%d", rep_outcome_names[o], o);
  /* COLLATE "C": these only tell one value from two, bytewise */
  sb_printf(sql, ", min(nullif(scenario_hash, '') COLLATE \"C\") AS h_min,"
                 " max(nullif(scenario_hash, '') COLLATE \"C\") AS h_max,"
                 " min(coalesce(language, '') COLLATE \"C\") AS l_min,"
                 " max(coalesce(language, '') COLLATE \"C\") AS l_max, min(id) AS min_id,"
                 " array_agg(score%s) AS scores, count(*) FILTER (WHERE ended_by <> 'customer') AS ni,"
                 " count(*) FILTER (WHERE hints_used > 0) AS nh FROM (SELECT trainee, scenario, started, id,"
                 " outcome, score, pass, ended_by, hints_used", ordered ? " ORDER BY started, id" : "");
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", s_%s", rep_skill_names[s]);
  sb_puts(sql, ", scenario_hash, language FROM sessions");
  rep_where_clause(f, sql);
  sb_printf(sql, " ORDER BY %s%sstarted, id) AS s", keys, *keys ? ", " : "");
  if (*keys) sb_printf(sql, " GROUP BY %s", keys);
  sb_puts(sql, " HAVING count(*) > 0) AS g");   /* no group for no session (no keys: one row) */
  for (int latest = 0; latest < 2; latest++) {
    sb_printf(sql, " CROSS JOIN LATERAL (SELECT id, score, outcome, started");
    for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", s_%s", rep_skill_names[s]);
    sb_puts(sql, latest ? ", tier" : "");
    sb_puts(sql, " FROM sessions AS x WHERE x.trainee = g.trainee AND x.scenario = g.scenario");
    if (p_since) sb_printf(sql, " AND x.started >= $%d", p_since);
    sb_printf(sql, " ORDER BY x.started%s, x.id%s LIMIT 1) AS %s", latest ? " DESC" : "",
              latest ? " DESC" : "", latest ? "l" : "f");
  }
  sb_puts(sql, " ORDER BY g.trainee COLLATE \"C\", g.scenario COLLATE \"C\"");
}

/* The same columns from the sums kept at write time (schema version 5; the interrupted visits and
** those with hints since version 6): the whole gradebook's groups, for a reader of every row. */
static void kept_sql(strbuf *sql) {
  sb_puts(sql, "SELECT trainee, scenario, n, passed");
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", sum_%s", rep_skill_names[s]);
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", n_%s", rep_skill_names[s]);
  for (int o = 0; o < 4; o++) sb_printf(sql, ", n_%s", rep_outcome_names[o]);
  sb_puts(sql, ", hash_min, hash_max, lang_min, lang_max, min_id, first_started, first_score,"
               " latest_id, latest_score, latest_outcome, latest_started");
  for (int s = 0; s < REP_SKILLS; s++) sb_printf(sql, ", latest_%s", rep_skill_names[s]);
  sb_puts(sql, ", scores, latest_tier, n_interrupted, n_hinted FROM groups ORDER BY trainee, scenario");
}

/* 1 when the sums kept at write time answer the report: no filter (--scenario, --trainee and
** --since select sessions, which the sums no longer tell apart) and a reader of every row (a
** trainee role sees only its own sessions, and none of the sums).  SALESIM_REPORT_FROM_SESSIONS
** set to 1 reads the sessions anyway (grouped by the server, or SQLite's ordered pass): the tests
** compare both, and the benchmarks time both. */
static int reads_kept(gb *g, const rep_filter *f) {
  const char *env = getenv("SALESIM_REPORT_FROM_SESSIONS");
  return !f->scenario && !f->trainee && !f->since && !gb_partial_view(g) && !(env && strcmp(env, "1") == 0);
}

/* A group's scores, "{75,80,...}", into *v (grown as needed); returns how many, -1 when the
** text is not a list of integers. */
static int parse_scores(const char *t, int **v, int *cap) {
  int n = 0;
  if (!t || *t++ != '{') return -1;
  if (*t == '}') return 0;
  for (;;) {
    int neg = *t == '-';
    if (neg) t++;
    if (!isdigit((unsigned char)*t)) return -1;
    long long x = 0;
    while (isdigit((unsigned char)*t)) {
      x = x * 10 + (*t++ - '0');
      if (x > 2147483648LL) return -1;
    }
    if (n == *cap) {
      *cap = *cap ? *cap * 2 : 256;
      *v = xrealloc(*v, (size_t)*cap * sizeof **v);
    }
    (*v)[n++] = (int)(neg ? -x : x);
    if (*t == '}') return n;
    if (*t++ != ',') return -1;
  }
}

/* The raw names of each row (the groups), for matching the rows of a later query to them. */
typedef struct raw_names { char **trainee, **scenario; } raw_names;

/* The index of the row with these raw names at or after *at (rows and query both ordered by
** trainee and scenario, bytewise), or -1. */
static int find_row(const rep_data *d, const raw_names *rn, int *at, const char *t, const char *s) {
  while (*at < d->n_rows) {
    int c = strcmp(rn->trainee[*at], t);
    if (c == 0) c = strcmp(rn->scenario[*at], s);
    if (c == 0) return *at;
    if (c > 0) return -1;
    (*at)++;
  }
  return -1;
}

/* The scenario file's versions when some group saw two hashes: each row's runs of one hash in
** attempt order (an unknown hash does not break a run, as note_version has it) and each
** scenario's distinct hashes, from the first attempt of every run.  With kept (the groups
** kept at write time), only the groups with two hashes are read: load_groups noted the others'
** one hash and left these at none, and only the count of a scenario's hashes is shown, not their
** order (a scenario edited mid-class sent the whole class through this query: at 100,000
** sessions 0.5 s against the ordered pass's 0.2). */
static int run_versions(gb *g, rep_data *d, const raw_names *rn, const int *row_sc, int kept,
                        char *err, size_t errlen) {
  strbuf sql = {0};
  if (kept)   /* those groups' hashes in attempt order, their runs found below as the pass finds them */
    sb_puts(&sql, "SELECT trainee, scenario, scenario_hash FROM sessions WHERE scenario_hash <> ''"
                  " AND (trainee, scenario) IN (SELECT trainee, scenario FROM groups WHERE hash_min <> hash_max)"
                  " ORDER BY trainee, scenario, started, id");
  else {
    sb_puts(&sql, "SELECT trainee, scenario, h FROM (SELECT trainee, scenario, scenario_hash AS h,"
                  " lag(scenario_hash) OVER (PARTITION BY trainee, scenario ORDER BY started, id) AS p"
                  " FROM sessions");
    rep_where_clause(&d->filter, &sql);
    sb_puts(&sql, d->filter.scenario || d->filter.trainee || d->filter.since ? " AND" : " WHERE");
    sb_puts(&sql, " scenario_hash <> '') AS x WHERE p IS DISTINCT FROM h ORDER BY trainee, scenario");
  }
  char since[REP_SINCE_MAX];
  gb_rows *st = filtered_query(g, &d->filter, &sql, since, err, errlen);
  if (!st) return -1;
  for (int i = 0; i < d->n_rows && !kept; i++) d->rows[i].versions = 0;
  for (int i = 0; i < d->n_scenarios && !kept; i++) {
    rep_scenario *ps = &d->by_scenario[i];
    for (int j = 0; j < ps->versions; j++) free(ps->hashes[j]);
    free(ps->hashes);
    ps->hashes = NULL;
    ps->versions = 0;
  }
  int rc, at = 0, last = -1;
  strbuf row_hash = {0};   /* kept: the row's last hash; else none, each row read a new run */
  while ((rc = gb_step(g, st, err, errlen)) == 1) {
    const char *t = gb_text(g, st, 0), *s = gb_text(g, st, 1), *h = gb_text(g, st, 2);
    int i = t && s ? find_row(d, rn, &at, t, s) : -1;
    if (i < 0) continue;
    if (!kept || i != last) row_hash.len = 0;   /* note_version counts a hash unlike the last */
    last = i;
    note_version(&d->by_scenario[row_sc[i]], &d->rows[i], &row_hash, h);
  }
  sb_free(&row_hash);
  gb_rows_free(g, st);
  return rc < 0 ? -1 : 0;
}

/* The languages when some group was played in two: each language's lowest session id. */
static int run_languages(gb *g, rep_data *d, langs *l, char *err, size_t errlen) {
  strbuf sql = {0};
  sb_puts(&sql, "SELECT language, min(id) FROM sessions");
  rep_where_clause(&d->filter, &sql);
  sb_puts(&sql, " GROUP BY language");
  char since[REP_SINCE_MAX];
  gb_rows *st = filtered_query(g, &d->filter, &sql, since, err, errlen);
  if (!st) return -1;
  int rc;
  while ((rc = gb_step(g, st, err, errlen)) == 1) note_language(l, gb_text(g, st, 0), gb_int(g, st, 1));
  gb_rows_free(g, st);
  return rc < 0 ? -1 : 0;
}

/* The report's sums from the server's groups (read from where `from` says): what load_sessions
** computes, row for row.  0, -1 with err, or 1 when a group's scores did not come in attempt
** order (from not GROUPS_SORTED): then d is to be emptied and read again from GROUPS_SORTED. */
static int load_groups(gb *g, rep_data *d, int from, char *err, size_t errlen) {
  strbuf sql = {0};
  if (from == GROUPS_KEPT) kept_sql(&sql);
  else groups_sql(&d->filter, from == GROUPS_SORTED, &sql);
  char since[REP_SINCE_MAX];
  gb_rows *st = filtered_query(g, &d->filter, &sql, since, err, errlen);
  if (!st) return -1;

  int rc, cap_rows = 0, cap_steps = 0, cap_scores = 0, several_hashes = 0, several_langs = 0;
  int *scores = NULL, *row_sc = NULL;
  raw_names rn = { NULL, NULL };
  sc_sums scs = { NULL, NULL, 0 };
  double skill_sum[REP_SKILLS] = {0}, total_sum = 0;
  long skill_n[REP_SKILLS] = {0};
  double latest_sum[REP_SKILLS + 1] = {0};
  long latest_n[REP_SKILLS + 1] = {0};
  double *step_sum = NULL;
  const char *prev_trainee = NULL;
  langs seen_langs = { NULL, 0, { 0 }, -1 };
  strbuf row_hash = {0};
  while ((rc = gb_step(g, st, err, errlen)) == 1) {
    const char *trainee = gb_text(g, st, G_TRAINEE), *scenario = gb_text(g, st, G_SCENARIO);
    int n = parse_scores(gb_text(g, st, G_SCORES), &scores, &cap_scores);
    if (!trainee || !scenario || n < 1 || n != gb_int(g, st, G_N)) {
      msg_snprint(err, errlen, "report.err.groups", NULL);
      rc = -1;
      break;
    }
    if (scores[0] != gb_int(g, st, G_FIRST_SCORE) || scores[n - 1] != gb_int(g, st, G_LATEST_SCORE)) {
      rc = from == GROUPS_SORTED ? -1 : 2;   /* out of attempt order: asked again, sorted by the server */
      msg_snprint(err, errlen, "report.err.order", NULL);
      break;
    }
    if (d->n_rows == cap_rows) {
      cap_rows = cap_rows ? cap_rows * 2 : 64;
      d->rows = xrealloc(d->rows, (size_t)cap_rows * sizeof *d->rows);
      rn.trainee = xrealloc(rn.trainee, (size_t)cap_rows * sizeof *rn.trainee);
      rn.scenario = xrealloc(rn.scenario, (size_t)cap_rows * sizeof *rn.scenario);
      row_sc = xrealloc(row_sc, (size_t)cap_rows * sizeof *row_sc);
    }
    rn.trainee[d->n_rows] = xstrdup(trainee);
    rn.scenario[d->n_rows] = xstrdup(scenario);
    rep_row *r = &d->rows[d->n_rows++];
    memset(r, 0, sizeof *r);
    r->trainee = rep_field((const unsigned char *)trainee, "?", 1);
    r->scenario = rep_field((const unsigned char *)scenario, "?", 0);
    if (!prev_trainee || strcmp(prev_trainee, r->trainee) != 0) d->trainees++;
    prev_trainee = r->trainee;
    int cur_sc = scenario_slot(d, &scs, r->scenario);
    row_sc[d->n_rows - 1] = cur_sc;
    rep_scenario *ps = &d->by_scenario[cur_sc];
    ps->trainees++;

    /* the attempts, in order, as the ordered pass walks them */
    group gr;
    memset(&gr, 0, sizeof gr);
    r->first = r->best = scores[0];
    for (int k = 0; k < n; k++) {
      int score = scores[k];
      ps->average += score;
      if (score > r->best) r->best = score;
      count_attempt(d, &gr, &step_sum, &cap_steps, k, score);
      total_sum += score;
    }
    r->attempts = n;
    r->latest = scores[n - 1];
    r->latest_id = gb_int(g, st, G_LATEST_ID);
    const char *tier = gb_text(g, st, G_TIER);
    r->tier_json = tier ? xstrdup(tier) : NULL;
    r->latest_outcome = rep_field((const unsigned char *)gb_text(g, st, G_LATEST_OUTCOME), "?", 0);
    r->latest_started = rep_field((const unsigned char *)gb_text(g, st, G_LATEST_STARTED), "?", 0);
    r->interrupted = (int)gb_int(g, st, G_INTERRUPTED);
    r->hinted = (int)gb_int(g, st, G_HINTED);
    d->interrupted += r->interrupted;
    d->hinted += r->hinted;
    ps->sessions += n;
    d->sessions += n;
    long passed = (long)gb_int(g, st, G_PASSED);
    ps->passed += passed;
    d->passed += passed;
    for (int o = 0; o < 4; o++) d->outcomes[o] += (long)gb_int(g, st, G_OUTCOMES + o);
    for (int s = 0; s < REP_SKILLS; s++) {
      long cnt = (long)gb_int(g, st, G_SKILL_N + s);
      double sum = cnt ? (double)gb_int(g, st, G_SKILL_SUM + s) : 0;
      gr.skill_sum[s] = sum; gr.skill_n[s] = (int)cnt;
      skill_sum[s] += sum; skill_n[s] += cnt;
      scs.sum[cur_sc][s] += sum; scs.n[cur_sc][s] += cnt;
      gr.last_skill[s] = gb_is_null(g, st, G_LATEST_SKILL + s) ? -1 : (int)gb_int(g, st, G_LATEST_SKILL + s);
    }
    const char *first = gb_text(g, st, G_FIRST_STARTED), *last = gb_text(g, st, G_LATEST_STARTED);
    if (first && (!d->first_started || strcmp(first, d->first_started) < 0)) {
      free(d->first_started);
      d->first_started = xstrdup(first);
    }
    if (last && (!d->last_started || strcmp(last, d->last_started) > 0)) {
      free(d->last_started);
      d->last_started = xstrdup(last);
    }
    /* one hash (or none) and one language: what the ordered pass would note; else later */
    const char *h_min = gb_text(g, st, G_HASH_MIN), *h_max = gb_text(g, st, G_HASH_MAX);
    if (h_min && h_max && strcmp(h_min, h_max) != 0) several_hashes = 1;
    else if (h_min) { row_hash.len = 0; note_version(ps, r, &row_hash, h_min); }
    const char *l_min = gb_text(g, st, G_LANG_MIN), *l_max = gb_text(g, st, G_LANG_MAX);
    if (l_min && l_max && strcmp(l_min, l_max) != 0) several_langs = 1;
    else note_language(&seen_langs, l_min, gb_int(g, st, G_MIN_ID));
    close_row(d, &gr, ps, latest_sum, latest_n);
  }
  gb_rows_free(g, st);
  free(scores);
  sb_free(&row_hash);
  if (rc == 0 && several_hashes) rc = run_versions(g, d, &rn, row_sc, from == GROUPS_KEPT, err, errlen);
  if (rc == 0 && several_langs) rc = run_languages(g, d, &seen_langs, err, errlen);
  for (int i = 0; i < d->n_rows; i++) { free(rn.trainee[i]); free(rn.scenario[i]); }
  free(rn.trainee);
  free(rn.scenario);
  free(row_sc);
  finish_pass(d, &seen_langs, &scs, step_sum, skill_sum, skill_n, latest_sum, latest_n, total_sum);
  return rc == 0 ? 0 : rc == 2 ? 1 : -1;
}
/* }=== */

/* The findings query's source for the whole gradebook: the per-rule totals (schema version 3).
** Returns the SQL expression of the average points. */
static const char *findings_from_totals(strbuf *sql) {
  sb_puts(sql, "SELECT g.rule, g.skill, r.principle, g.n, g.sessions, g.pts_sum / nullif(g.pts_n, 0)"
               " FROM rule_totals AS g");
  return "(g.pts_sum / nullif(g.pts_n, 0))";
}

/* The findings query's source from the per-session rule counts of every session in view: for a
** trainee (an index finds their sessions) and for a role that sees only its own rows. */
static void findings_from_sessions(const rep_filter *f, strbuf *sql) {
  sb_puts(sql, "SELECT g.rule, g.skill, r.principle, g.n, g.s, g.p FROM (SELECT rule,"
               " min(skill) AS skill, sum(n) AS n, count(*) AS s,"
               " sum(pts_sum) / nullif(sum(pts_n), 0) AS p FROM session_rules"
               " WHERE session_id IN (SELECT id FROM sessions");
  rep_where_clause(f, sql);
  sb_puts(sql, ") GROUP BY rule) AS g");
}

/* 1 when the per-day counts can answer the filter: by scenario or start date, for a reader of
** every row.  A trainee's sessions are few and found by index, so their counts are summed; a
** --since that is not a date (only possible through the API) keeps the per-session path, whose
** comparison needs no day. */
static int days_answer(gb *g, const rep_filter *f) {
  return (f->scenario || f->since) && !f->trainee && !gb_partial_view(g) &&
         (!f->since || rep_valid_date(f->since));
}

/* The findings query's source for a filter by scenario and start date (schema version 4): the
** per-day counts of rule_days after the first day, and that day's sessions' own counts when
** --since has a time of day (a date alone takes its whole day from rule_days).  A session whose
** day (the first ten characters of its start) comes after the since's date started after since,
** whatever the rest of either text; on the date itself its full time is compared.  Fills params
** ($1 the scenario, then the since without its Z and its date) and returns how many.  On a
** server the day's sessions are looked up by index one by one (session_id = ANY (ARRAY(...))):
** with IN, PostgreSQL 15 read all of session_rules into a hash join instead (a million
** sessions, 31,000 on the day: 225 ms against 140). */
static int findings_from_days(const rep_filter *f, int server, strbuf *sql, const char *params[3],
                              char *since, size_t n, char date[11]) {
  int k = rep_filter_params(f, params, since, n);   /* [scenario] [since]: no trainee here */
  int p_scenario = f->scenario ? 1 : 0, p_since = 0, p_date = 0, whole_day = 1;
  if (f->since) {
    snprintf(date, 11, "%.10s", since);
    whole_day = strlen(since) == 10;
    if (whole_day) params[k - 1] = date;   /* the since is its date: compared as a day */
    else { p_since = k; params[k++] = date; }
    p_date = k;
  }
  sb_puts(sql, "SELECT g.rule, g.skill, r.principle, g.n, g.s, g.p FROM (SELECT rule,"
               " min(skill) AS skill, sum(n) AS n, sum(s) AS s,"
               " sum(pts_sum) / nullif(sum(pts_n), 0) AS p FROM (SELECT rule, skill, n,"
               " sessions AS s, pts_n, pts_sum FROM rule_days");
  const char *sep = " WHERE ";
  if (p_scenario) { sb_printf(sql, "%sscenario = $%d", sep, p_scenario); sep = " AND "; }
  if (p_date) sb_printf(sql, "%sday %s $%d", sep, whole_day ? ">=" : ">", p_date);
  if (!whole_day) {
    sb_printf(sql, " UNION ALL SELECT rule, skill, n, 1, pts_n, pts_sum FROM session_rules"
                   " WHERE session_id %s (SELECT id FROM sessions WHERE substr(started, 1, 10) = $%d"
                   " AND started >= $%d", server ? "= ANY (ARRAY" : "IN", p_date, p_since);
    if (p_scenario) sb_printf(sql, " AND scenario = $%d", p_scenario);
    sb_puts(sql, server ? "))" : ")");
  }
  sb_puts(sql, ") AS u GROUP BY rule) AS g");
  return k;
}

/* The most frequent findings among the sessions in view, with their rule's principle, from the
** counts kept at write time: the whole gradebook's per-rule totals, per-day counts for a filter
** by scenario or date, or the per-session counts of the sessions in view (a trainee; a role that
** sees only its own rows). */
static int load_findings(gb *g, rep_data *d, char *err, size_t errlen) {
  strbuf sql = {0};
  const char *avg = "g.p";   /* the average points, as each query names it */
  const char *params[3];
  char since[REP_SINCE_MAX], date[11];
  int np;
  if (days_answer(g, &d->filter)) {
    np = findings_from_days(&d->filter, gb_on_server(g), &sql, params, since, sizeof since, date);
  } else if (d->filter.scenario || d->filter.trainee || d->filter.since || gb_partial_view(g)) {
    findings_from_sessions(&d->filter, &sql);
    np = rep_filter_params(&d->filter, params, since, sizeof since);
  } else {
    avg = findings_from_totals(&sql);
    np = 0;
  }
  /* what was lost first, the lesson to plan (blind trainer, round 10: eleven rules tied at the
  ** cut of one list were kept by name, gains among them, and loss_before_value left out unsaid) */
  sb_printf(&sql, " LEFT JOIN rules AS r ON r.rule = g.rule WHERE g.n > 0"
                  " ORDER BY CASE WHEN %s < 0 THEN 0 ELSE 1 END, g.n DESC, abs(coalesce(%s, 0)) DESC, g.rule",
            avg, avg);
  gb_rows *st = gb_query(g, sql.s, np, params, err, errlen);
  sb_free(&sql);
  if (!st) return -1;
  int rc, cap = 0, kept[2] = { 0, 0 };
  long last_n[2] = { -1, -1 };
  while ((rc = gb_step(g, st, err, errlen)) == 1) {
    double p = gb_real(g, st, 5);
    long n = (long)gb_int(g, st, 3);
    int won = !(p < 0);
    if (kept[won] >= REP_TOP_FINDINGS && n != last_n[won]) { d->findings_more++; continue; }
    kept[won]++;
    last_n[won] = n;
    if (d->n_findings == cap) {
      cap = cap ? cap * 2 : REP_TOP_FINDINGS;
      d->findings = xrealloc(d->findings, (size_t)cap * sizeof *d->findings);
    }
    rep_finding *f = &d->findings[d->n_findings++];
    memset(f, 0, sizeof *f);
    f->rule = rep_field((const unsigned char *)gb_text(g, st, 0), "(no rule)", 0);
    f->skill = rep_field((const unsigned char *)gb_text(g, st, 1), "(no skill)", 0);
    f->principle = rep_field((const unsigned char *)gb_text(g, st, 2), NULL, 0);
    f->count = n;
    f->sessions = (long)gb_int(g, st, 4);
    f->points = p;
  }
  gb_rows_free(g, st);
  return rc < 0 ? -1 : 0;
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

/* Reads the report (see report.h); one read transaction so every query sees the same rows. */
/* An empty report of the sessions in view. */
static void init_data(gb *g, const rep_filter *f, rep_data *out) {
  memset(out, 0, sizeof *out);
  out->source = xstrdup(gb_path(g));
  out->filter.scenario = dup_or_null(f ? f->scenario : NULL);
  out->filter.trainee = dup_or_null(f ? f->trainee : NULL);
  out->filter.since = dup_or_null(f ? f->since : NULL);
}

int rep_load(gb *g, const rep_filter *f, rep_data *out, char *err, size_t errlen) {
  init_data(g, f, out);
  char msg[400] = "";
  int rc = gb_begin_read(g, msg, sizeof msg);
  if (rc == 0 && gb_on_server(g)) {
    rc = load_groups(g, out, reads_kept(g, &out->filter) ? GROUPS_KEPT : GROUPS_GROUPED, msg, sizeof msg);
    if (rc == 1) {   /* scores out of order: once more, each group's sorted by the server */
      rep_free(out);
      init_data(g, f, out);
      rc = load_groups(g, out, GROUPS_SORTED, msg, sizeof msg);
    }
  } else if (rc == 0 && reads_kept(g, &out->filter)) {
    /* SQLite keeps the same sums since version 7; a list out of attempt order (a hand edit the
    ** triggers did not see) is read again by the ordered pass */
    rc = load_groups(g, out, GROUPS_KEPT, msg, sizeof msg);
    if (rc == 1) {
      rep_free(out);
      init_data(g, f, out);
      rc = load_sessions(g, out, msg, sizeof msg);
    }
  } else if (rc == 0) {
    rc = load_sessions(g, out, msg, sizeof msg);
  }
  if (rc == 0) rc = load_findings(g, out, msg, sizeof msg);
  if (rc == 0) rc = rep_load_tiers(g, out, msg, sizeof msg);
  gb_end_read(g);
  if (rc != 0) {
    char *m = msg_get(MSG_CLI_LANG, "report.err.read", "path", gb_path(g), "error", msg, NULL);
    snprintf(err, errlen, "%s", m);
    free(m);
    rep_free(out);
    return -1;
  }
  return 0;
}

/* Frees everything rep_load allocated and leaves d empty. */
void rep_free(rep_data *d) {
  rep_free_tiers(d);
  free(d->source);
  free((char *)d->filter.scenario);
  free((char *)d->filter.trainee);
  free((char *)d->filter.since);
  for (int i = 0; i < d->n_scenarios; i++) {
    free(d->scenarios[i]);
    for (int j = 0; d->by_scenario && j < d->by_scenario[i].versions; j++) free(d->by_scenario[i].hashes[j]);
    if (d->by_scenario) free(d->by_scenario[i].hashes);
  }
  free(d->scenarios);
  free(d->by_scenario);
  free(d->first_started);
  free(d->last_started);
  for (int i = 0; i < d->n_rows; i++) {
    rep_row *r = &d->rows[i];
    free(r->trainee); free(r->scenario); free(r->latest_outcome); free(r->latest_started);
  }
  free(d->rows);
  for (int i = 0; i < d->n_findings; i++) {
    free(d->findings[i].rule); free(d->findings[i].skill); free(d->findings[i].principle);
  }
  free(d->findings);
  free(d->steps);
  free(d->language);
  free(d->languages);
  memset(d, 0, sizeof *d);
}
