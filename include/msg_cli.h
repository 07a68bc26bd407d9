/*
** msg_cli.h: a command's messages to the trainer's terminal (usage errors, notes and errors on
** standard error, error texts handed up through err buffers) from the message catalogues, like
** every other word (docs/i18n.md).  They are in MSG_CLI_LANG: English, the terminal's reader
** being the trainer, whose language is not the class's (a report or a debrief takes the class's);
** SALESIM_CLI_LANG names another catalogue language (the pseudo-locale test runs every command's
** messages in qps with it).
** Arguments are name, value pairs ended by NULL, as for msg_get.
*/
#ifndef SALESIM_MSG_CLI_H
#define SALESIM_MSG_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "util.h"

#define MSG_CLI_LANG msg_cli_lang()

/* The language of the commands' messages: $SALESIM_CLI_LANG when it names a catalogue, else "en". */
const char *msg_cli_lang(void);

/* Writes "salesim CMD: " (or "salesim: " when cmd is NULL), the message and a newline to stderr. */
void msg_eprint(const char *cmd, const char *key, ...) __attribute__((sentinel));
/* Writes the message into buf (cut to n bytes, always ended); returns buf.  (msg_snprint,
** msg_fprint, msg_sbput and msg_diag live in msg.c, linked without the command table.) */
char *msg_snprint(char *buf, size_t n, const char *key, ...) __attribute__((sentinel));
/* Writes the message and a newline to out. */
void msg_fprint(FILE *out, const char *key, ...) __attribute__((sentinel));
/* Appends the message to b. */
void msg_sbput(strbuf *b, const char *key, ...) __attribute__((sentinel));
/* Adds the message to d at file:line:col with level (an error in a scenario, a lexicon or a
** script; a walk's warning). */
void msg_diag(diag *d, diag_level level, const char *file, int line, int col, const char *key, ...)
  __attribute__((sentinel));
/* cli_usage_error for command cmd with the message: prints it and the usage; returns CLI_USAGE. */
int msg_usage(const char *cmd, const char *key, ...) __attribute__((sentinel));

#endif
