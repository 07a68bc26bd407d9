/*
** report.h: the class report over a gradebook.  rep_load reads the sessions in view (filtered
** by scenario, trainee and start date) into a rep_data summary with a few aggregate queries and
** one ordered pass (on PostgreSQL, one row per trainee and scenario grouped by the server); the
** renderers turn that summary into terminal text, CSV or one self-contained HTML page with SVG
** charts.  Renderers never touch the database, so they are
** tested on hand-built summaries.
*/
#ifndef SALESIM_REPORT_H
#define SALESIM_REPORT_H

#include "gradebook.h"
#include "util.h"

#define REP_SKILLS 4          /* commitment, benefits, tactics, discovery (score.h order) */
#define REP_BUCKETS 10        /* total-score distribution: 0-9, 10-19, ..., 90-100 */
#define REP_TOP_FINDINGS 10

typedef struct rep_filter {
  const char *scenario;       /* NULL = all */
  const char *trainee;        /* NULL = all */
  const char *since;          /* ISO date or date-time (UTC); NULL = all */
} rep_filter;

/* One trainee's attempts at one scenario. */
typedef struct rep_row {
  char *trainee, *scenario;
  int attempts;
  int best, first, latest;          /* total scores */
  double average;                   /* of the total */
  double skill[REP_SKILLS];         /* averages; < 0 when no attempt scored the skill */
  double trend;                     /* least-squares slope of the total, points per attempt */
  char *latest_outcome, *latest_started;
  /* The latest attempt's tier and pass mark as its debrief recorded them (report_tiers.c):
  ** tier_id NULL when the debrief has none (made before tiers); tier_name is the scenario's
  ** own name when tier_own, else the debrief's word (the renderers show the catalogue's). */
  char *tier_id, *tier_name;
  int tier_own;
  int has_mark; double pass_mark;
  long long latest_id;              /* the latest attempt's session id (report.c) */
  int versions;                     /* versions of the scenario file over its attempts (by hash) */
  char *tier_json;                  /* the latest debrief's tier members, while report_tiers.c reads them */
  /* Attempts the customer did not end (rep_interrupted: /quit, Ctrl-C, the end of a script, a
  ** program killed mid-visit...) and attempts that used /hint (schema version 6). */
  int interrupted, hinted;
} rep_row;

/* A scenario's own proficiency tier, as its debriefs list it (`scoring: tiers:`). */
typedef struct rep_tier { double min; char *id, *name; } rep_tier;

typedef struct rep_finding {
  char *rule, *skill, *principle;   /* principle may be NULL */
  long count;                       /* times found */
  long sessions;                    /* sessions it was found in */
  double points;                    /* average points per finding (negative = lost) */
} rep_finding;

/* The class on one scenario (same index as rep_data.scenarios). */
typedef struct rep_scenario {
  long sessions;
  int trainees;
  double average;                   /* total over every attempt */
  double latest;                    /* total over each trainee's latest attempt */
  double skill[REP_SKILLS];         /* < 0 when no attempt scored the skill */
  long passed;
  /* The scenario's own tiers, best first, and pass mark, from the latest debrief that lists
  ** them (report_tiers.c); n_tiers 0: the default tiers. */
  rep_tier *tiers; int n_tiers;
  int has_mark; double pass_mark;
  /* Versions of the scenario file among its sessions (distinct scenario_hash): a trainer who
  ** edits the file during a class changes the scores as much as the trainees do (blind trainer,
  ** round 11: the same script scored 69 then 87, shown as +18 a try).  hashes: their texts. */
  int versions;
  char **hashes;
} rep_scenario;

/* The class average of the total after k attempts: attempt number k+1 over every row. */
typedef struct rep_step { long n; double average; } rep_step;

typedef struct rep_data {
  char *source;                     /* gradebook path as given */
  rep_filter filter;                /* copies (owned) */
  long sessions;
  int trainees;
  char **scenarios; int n_scenarios;   /* in order of first appearance */
  rep_scenario *by_scenario;            /* n_scenarios entries */
  char *first_started, *last_started;
  rep_row *rows; int n_rows;        /* sorted by trainee, then scenario */
  double class_skill[REP_SKILLS];   /* over every session in view; < 0 when none */
  double latest_skill[REP_SKILLS];  /* over each row's latest attempt */
  double class_total, latest_total;
  long outcomes[4];                 /* order, advance, continuation, no_sale */
  long passed;                      /* sessions whose debrief says pass (the scenario's mark) */
  long interrupted, hinted;         /* sessions the customer did not end; sessions with hints */
  long dist[REP_BUCKETS];
  /* the points lost first (most frequent first, then the larger average loss), then the points
  ** won: up to REP_TOP_FINDINGS of each, a tie at the cut kept whole; findings_more counts the
  ** rules left out */
  rep_finding *findings; int n_findings;
  int findings_more;
  rep_step *steps; int n_steps;
  /* Languages: the one catalogue language every session in view was played in (NULL when the
  ** sessions mix languages or none is recorded; then languages lists them, comma-separated),
  ** and the language the renderers write in (set by the caller; NULL = English). */
  char *language, *languages;
  const char *lang;
  /* The text report's width (set by the caller): the findings' principles wrap inside their
  ** column, or under the row when fewer than REP_MIN_PRINCIPLE columns are left; 0 = no wrap. */
  int width;
} rep_data;

#define REP_MIN_PRINCIPLE 30

extern const char *const *const rep_skill_names;   /* vocab.h's skill names, in its order */
extern const char *const rep_outcome_names[4];

/* Reads the report from an open gradebook.  Returns 0, or -1 with err (data is then empty). */
int rep_load(gb *g, const rep_filter *f, rep_data *out, char *err, size_t errlen);
void rep_free(rep_data *d);

/* The SQL conditions for a filter (" WHERE scenario = $1 AND ...") and their values in the same
** order (since is a caller's buffer for the normalised date); rep_filter_params returns how
** many values it set. */
void rep_where_clause(const rep_filter *f, strbuf *sql);
int rep_filter_params(const rep_filter *f, const char *params[3], char *since, size_t n);

/* A gradebook text field made safe to show (report.c): NULL becomes a copy of missing (or NULL),
** the text is sanitised (valid UTF-8, no control or bidi characters), and with mark set the
** characters that make two trainee names look alike are shown.  Malloc'd. */
char *rep_field(const unsigned char *raw, const char *missing, int mark);

/* Whether the gradebook holds a session whose column ("trainee" or "scenario") is name: 1, or
** 0 with *near the recorded name it was likely meant to be (the same but for ASCII case, else
** the nearest by sug_nearest; malloc'd, NULL when none is near), or -1 with err. */
int rep_name_known(gb *g, const char *column, const char *name, char **near, char *err, size_t errlen);

/* 1 when a visit that ended_by this (the gradebook's column; NULL: not recorded) was interrupted:
** ended by anything but the customer (the trainee's /quit, Ctrl-C, the end of a script or of
** input, a closed terminal, the turn limit, a program killed mid-visit).  The server's queries
** and triggers (report.c, gb_pg.c) count `ended_by <> 'customer'` alike. */
int rep_interrupted(const char *ended_by);

/* Checks a --since value: YYYY-MM-DD, optionally followed by THH:MM[:SS][Z]. */
int rep_valid_date(const char *s);

/* The per-visit export: one CSV row per session in view (row id, trainee, scenario, attempt
** number, start, outcome, total, pass and skill scores), ordered by trainee, scenario and start,
** streamed from the gradebook; the header row in lang (NULL = English).  Returns 0, or -1 with err. */
int rep_export_visits(gb *g, const rep_filter *f, const char *lang, strbuf *out, char *err, size_t errlen);
/* v as printf's "%.1f" writes it, in buf, without printf for the usual values (report_num.c).
** Returns buf. */
#define REP_TENTHS_MAX 352   /* "%.1f" of the largest double, with its sign and NUL */
const char *rep_tenths(char buf[REP_TENTHS_MAX], double v);
/* One CSV text field: quoted when needed, a formula-like start defused (report_csv.c). */
void rep_csv_field(strbuf *out, const char *s);
/* The UTF-8 byte order mark some spreadsheet programs need to read a CSV file as UTF-8. */
#define REP_UTF8_BOM "\xEF\xBB\xBF"

void rep_render_text(const rep_data *d, strbuf *out);
void rep_render_csv(const rep_data *d, strbuf *out);
void rep_render_html(const rep_data *d, strbuf *out);

/* The words of the report in lang (report.c), from the message catalogues (docs/i18n.md):
** "N sessions, M trainees[, FIRST to LAST]" with each date cut to date_cols columns (0: whole),
** malloc'd; an outcome, skill or the finding's principle as words (a value the catalogue does
** not know is shown as stored; the principle may be NULL). */
char *rep_counts(const rep_data *d, const char *lang, int date_cols);
const char *rep_outcome_word(const char *outcome, const char *lang);
const char *rep_skill_word(const char *skill, const char *lang);
const char *rep_principle_words(const rep_finding *f, const char *lang);
/* A row's interrupted visits and visits with hints as a note after its latest outcome in lang
** ("(2 interrupted, 1 with hints)"), malloc'd; NULL when it has neither.  rep_marks: the line
** under the outcomes with the class's counts (of d->sessions), malloc'd. */
char *rep_row_marks(const rep_row *r, const char *lang);
char *rep_marks(const rep_data *d, const char *lang);
/* Reads each row's latest tier and pass mark (and each scenario's own tiers) from the latest
** attempt's debrief: looked up by id, 500 at a time (report_tiers.c).  Returns 0, or -1 with err. */
int rep_load_tiers(gb *g, rep_data *d, char *err, size_t errlen);
void rep_free_tiers(rep_data *d);
/* The name a report shows for a row's latest tier in lang: the scenario's own name, else the
** catalogue's tier.ID, else the debrief's word; "" when the debrief recorded no tier. */
const char *rep_tier_name(const rep_row *r, const char *lang);

/* How many rows' latest attempts stand in default tier k (score.h's score_tiers order, by their
** total against its bands), rows whose scenario sets its own tiers left out; and in scenario s's
** own tier k (by the tier id the latest debrief recorded).  Every renderer counts with these. */
long rep_default_tier_count(const rep_data *d, int k);
long rep_own_tier_count(const rep_data *d, int s, int k);

/* Trend arrow words used by every format: "up", "down", "flat", or "-" for one attempt. */
const char *rep_trend_word(const rep_row *r);

#endif
