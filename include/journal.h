/*
** journal.h: an append-only file of records, one line each, made durable one at a time.
**
** A session appends one record per turn; appending costs the record's length, not the file's,
** so the thousandth turn costs what the first did.  Each append is one pwrite(2) of the whole
** line and one fdatasync(2): when jrn_append returns, the record survives a crash of the
** process (SIGKILL) and of the machine.  The file is grown ahead of the records in blocks
** (fallocate(2) where the file system has it), so an append changes no file size and its
** fdatasync writes the data alone; the unused tail reads as NUL bytes until jrn_close cuts it
** off.  A reader therefore stops at the first NUL byte.
**
** Records are text without a newline (compact JSON in practice); the reader hands them back
** in order and says when the last one was cut short (the process died inside its write, or
** the machine lost the end of it).
*/
#ifndef SALESIM_JOURNAL_H
#define SALESIM_JOURNAL_H

#include <stddef.h>

typedef struct jrn jrn;

/* Creates (or empties) path for writing, its directory too, and makes the new name durable
** (fsync of the directory).  Returns NULL with a message in err when that fails. */
jrn *jrn_create(const char *path, char *err, size_t errlen);

/* Appends len bytes (no newline inside) and a newline, then waits until they are on disk.
** Returns 0, or -1 with a message in err (the record may then be missing or partial). */
int jrn_append(jrn *j, const char *rec, size_t len, char *err, size_t errlen);

/* Closes the file: cuts the unused tail off, then removes the file when remove is set.
** NULL is a no-op. */
void jrn_close(jrn *j, int remove);

/* 1 while a live process writes the journal at path (it holds the file's lock from jrn_create
** to jrn_close); 0 when nobody does: the writer ended or was killed, or there is no such file. */
int jrn_busy(const char *path);

/* One record read back. */
typedef struct jrn_record {
  const char *text;        /* points into the buffer given to jrn_split; not NUL-terminated */
  size_t len;
  int line;                /* 1-based line number in the file */
} jrn_record;

typedef struct jrn_records {
  jrn_record *v;
  int n;
  int truncated;           /* the last line had no newline: a record cut short (not in v) */
  size_t truncated_len;    /* its length in bytes */
  int truncated_line;
} jrn_records;

/* Splits buf (a whole journal file) into its records, up to the first NUL byte (the unused
** tail).  Empty lines are skipped.  A last line without its newline is not a record: it is
** reported in truncated.  Never fails; free the array with jrn_records_free. */
void jrn_split(const char *buf, size_t len, jrn_records *out);
void jrn_records_free(jrn_records *r);

#endif
