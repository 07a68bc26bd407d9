/*
** recover.h: a visit read back for `replay` and `record`: the transcript document from its
** file, or rebuilt from the journal a visit leaves while it runs (TRANSCRIPT.journal, kept when
** the program was killed before the end), and its debrief rebuilt by playing the lines again.
** A journal without its end record is a visit whose program was stopped: it is marked
** ended_by "killed", ended at the journal's last write (so two reads give the same debrief and
** the gradebook's content key records it once), unless a live process still writes it.
*/
#ifndef SALESIM_RECOVER_H
#define SALESIM_RECOVER_H

#include <stddef.h>

struct json_t;

typedef struct rcv_visit {
  struct json_t *tr;   /* the transcript document (format salesim-transcript, or whatever file held) */
  char *source;        /* the file read: the one named, or NAME.journal when NAME does not exist */
  char *transcript;    /* where the visit's document belongs: source without ".journal" */
  int from_journal;    /* tr was rebuilt from a journal */
  int ended;           /* ... which held the visit's end */
  int live;            /* ... which a running visit still writes (jrn_busy) */
} rcv_visit;

/* Reads file (or file.journal when file does not exist) into v, saying on stderr (as
** "salesim CMD: ...") which journal was read and how its visit ended.  Returns 0, or -1 after
** saying why; v is then empty.  Free with rcv_free. */
int rcv_load(const char *cmd, const char *file, size_t max, rcv_visit *v);
void rcv_free(rcv_visit *v);

/* The debrief of a transcript document without one, by playing its lines again from its
** scenario and seed; ended_by and ended are the document's.  Runs the scenario's Lua only from
** trusted places (the shipped scenarios, the transcript's folder, the current one) or after the
** user says yes on a terminal.  NULL after saying why on stderr. */
struct json_t *rcv_debrief(const char *cmd, const char *file, struct json_t *tr);

/* Journals of visits that did not end, with a turn, and that no process writes any more, in dir
** (not recursive) and at the paths listed in the file list (one a line; NULL or a missing file:
** none), newest first: up to max malloc'd paths into out.  Returns how many there are in all
** (may exceed max). */
int rcv_orphans(const char *dir, const char *list, char **out, int max);

/* Adds journal's absolute path to the file list (made with its folder when missing), so a
** visit cut off with its transcript outside the data dir is named too (play-test 32d M6). */
void rcv_note_journal(const char *list, const char *journal);

#endif
