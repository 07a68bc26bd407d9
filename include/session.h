/*
** session.h: one practice visit (or campaign of visits): the turn loop without any terminal.
** The play command feeds it lines from readline, a script or a pipe; `salesim test` feeds it
** lines from a scenario's tests.  Each turn is classified, answered by the customer, recorded,
** and appended to the transcript's journal (journal.h) before the customer's answer is shown,
** so a crash loses at most the line being typed; the transcript document is written whole,
** atomically, when the visit ends (docs/transcript.md).
*/
#ifndef SALESIM_SESSION_H
#define SALESIM_SESSION_H

#include <stdint.h>
#include "scenario.h"
#include "classify.h"
#include "customer.h"

/* The customer's state at a moment, as the scorer needs it. */
typedef struct sess_snapshot {
  double interest, trust, patience;
  int value_ack, on_list;
  uint64_t revealed, confirmed;   /* bit per need index (scenarios have at most 64 needs) */
  int visit;
} sess_snapshot;

typedef struct sess_turn {
  int n;                  /* 1-based */
  int visit;              /* 0-based visit the turn belongs to */
  char *text;             /* what the trainee typed (sanitised) */
  cls_result cls;
  sess_snapshot before;   /* the customer's state when the line was said */
  cust_events events;     /* the customer's reaction */
  int hinted;             /* the trainee asked /hint just before this line */
  int realistic;          /* the ask names a commitment: 1 when its realistic_when held at that
                          ** moment (evaluated by the customer's Lua host), 0 when not; -1 when
                          ** the line names no commitment */
  uint64_t rungs_realistic; /* on a turn that asks: bit k set when rung k's realistic_when held
                          ** (the Lua host's verdict), so the scorer can tell a too-low ask */
  int rungs_known;        /* 1 when rungs_realistic was evaluated on this turn */
} sess_turn;

typedef enum {
  SESS_END_NONE, SESS_END_CUSTOMER, SESS_END_QUIT, SESS_END_EOF, SESS_END_HANGUP,
  SESS_END_INTERRUPT, SESS_END_TURN_LIMIT,
  SESS_END_KILLED          /* the program stopped before the visit ended (SIGKILL, a crash, the
                           ** machine going down): only a rebuild from the journal knows it */
} sess_end;
/* "customer" "quit" "eof" "hangup" "interrupt" "turn_limit" "killed" */
const char *sess_end_name(sess_end e);
/* The reason named n (sess_end_name's inverse); SESS_END_NONE for NULL or an unknown name. */
sess_end sess_end_parse(const char *n);

typedef struct sess_options {
  uint64_t seed;
  const char *lang;          /* UI language override, NULL = scenario's */
  const char *trainee;       /* NULL = anonymous */
  const char *transcript;    /* path, NULL = data dir default, "" = do not save */
  int max_turns;             /* 0 = default (200) */
  cls_classifier *classifier; /* borrowed, for many sessions of one scenario (`salesim test`):
                             ** must outlive the session; NULL = the session builds its own */
  cust_host *customer;       /* borrowed likewise (random walks): reset with cust_reset for this
                             ** session's seed; NULL = the session builds its own.  When the
                             ** reset fails, sess_new returns NULL and the host must be freed */
  cust_host *adopt;          /* made by the caller with cust_new(sc, seed, default limits,
                             ** adopt_diag) for this session: owned by the session from here on
                             ** (freed by sess_new when it fails); adopt_diag's messages join d
                             ** where cust_new's would have (taken from it) */
  diag *adopt_diag;
  struct cls_cache *reader;  /* borrowed: readings kept by line (classify_cache.h) for the
                             ** classifier above, which must be given; NULL = each line read */
} sess_options;

typedef struct session {
  const scenario *sc;        /* not owned */
  cls_classifier *cls;       /* owned unless borrowed through sess_options.classifier */
  int owns_cls;
  struct cls_cache *reader;  /* borrowed from sess_options.reader, or NULL */
  cust_host *cust;           /* owned unless borrowed through sess_options.customer */
  int owns_cust;
  uint64_t seed;
  char *lang;                /* UI language */
  char *trainee;
  char started[32], ended[32];
  cust_events opening;       /* the customer's first lines */
  cust_events closing;       /* what the customer did when the trainee left (cust_end) */
  sess_turn *turns; int n_turns, cap_turns;
  int hints_used;
  int hint_pending;
  cust_outcome outcome;      /* NONE until the end */
  sess_end end_reason;
  char end_cause[24];        /* why the customer ended it (goodbye, commitment, patience, trust,
                             ** reaction, time_limit), or "" */
  int hint_shown[32];        /* /hint: the scenario's hints shown so far (first 32) */
  int max_turns;
  char *transcript_path;     /* NULL when not saved */
  char *save_error;          /* last transcript save error, or NULL */
  struct jrn *journal;       /* TRANSCRIPT.journal while the visit runs (from sess_journal_begin or turn 1) */
  int journal_head;          /* the start record is in the journal */
  int journal_turns;         /* turns in the journal */
  int journal_end;           /* the end record is in the journal */
  diag diags;                /* Lua load problems and other warnings met on the way */
  uint64_t presented;        /* benefits named so far in the current visit (cls_read_recap) */
  int presented_visit;       /* the visit they were named in */
  uint64_t presented_before_prev;   /* presented as it was before the last turn (a two-line recap) */
} session;

session *sess_new(const scenario *sc, const sess_options *opt, diag *d);

/* 1 when the turn's customer events hold one of this kind; *idx (may be NULL) gets the last
** one's index. */
int sess_has_event(const sess_turn *t, cust_event_kind k, int *idx);
void sess_free(session *s);
/* The customer opens the visit; returns the events (owned by the session). */
const cust_events *sess_start(session *s);
/* One trainee line: classify, let the customer react, record, append the turn to the journal
** (durable when this returns; a failure goes to save_error).  Returns the new turn. */
const sess_turn *sess_say(session *s, const char *line, size_t len);
/* Ends the visit (if the customer has not): lets the customer decide the outcome, appends the
** end to the journal and writes the transcript document (sess_save without a debrief). */
void sess_finish(session *s, sess_end why);
int sess_over(const session *s);
/* Marks a /hint; returns the hint text for the current situation (owned by the session). */
const char *sess_hint(session *s);

/* The customer's state now, for /notes, /score and the scorer. */
void sess_snapshot_now(const session *s, sess_snapshot *out);
/* Default transcript path: XDG data dir/transcripts/ID-YYYYmmdd-HHMMSS-PID.json (malloc'd). */
char *sess_default_transcript_path(const scenario *sc);

/* The versioned transcript (see docs/transcript.md) and its atomic save.  Once the visit is
** over and the document is on disk, the journal is removed.  Returns 0, or -1 with the reason
** in s->save_error. */
struct json_t *sess_transcript_json(const session *s, const struct json_t *debrief);
int sess_save(session *s, const struct json_t *debrief);
/* Sets a transcript's top-level "outcome" to its debrief's, the session's outcome as scored (a
** campaign's earlier rung carried over a last visit that settled nothing); the closing `end`
** event keeps the customer's own verdict on the last visit.  sess_transcript_json does it when
** given the debrief; a caller that builds the document without one calls it itself. */
void sess_transcript_outcome(struct json_t *transcript, const struct json_t *debrief);

/* Opens the journal now and writes its start record (call after sess_start), so a transcript
** path that cannot be written is known before the first turn, not after the visit (play-test
** 32d H1).  Returns 0 (also with no transcript asked for), or -1 with the reason in
** s->save_error and no journal file left behind. */
int sess_journal_begin(session *s);

/* Points the transcript at path before its journal exists (a path that could not be written,
** left for another): takes a copy, clears save_error. */
void sess_transcript_to(session *s, const char *path);

/* Writes the document to path instead of the transcript path (which failed); on success the
** transcript path becomes path and the old journal, whose turns the document now holds, is
** removed.  Returns 0, or -1 with the reason in err (save_error is left as it was). */
int sess_save_as(session *s, const struct json_t *debrief, const char *path, char *err, size_t errlen);

/* The journal beside a transcript: "PATH.journal" (malloc'd). */
char *sess_journal_path(const char *transcript_path);

/* Builds the transcript document (no debrief) from a journal's bytes, as sess_transcript_json
** would have at its last record: session_journal.c.  Problems go into d positioned at
** file:line:1: a last record cut short and damaged records are warnings (what comes before is
** kept); a file that is not a journal is an error and returns NULL.  *complete is set when the
** journal holds the visit's end. */
struct json_t *sess_journal_transcript(const char *buf, size_t len, const char *file, diag *d,
                                       int *complete);
/* Is buf the start of a journal (its first line a journal's start record)? */
int sess_is_journal(const char *buf, size_t len);

#endif
