/*
** msg.h: the message catalogues.  Every word the program shows a trainee or a trainer (findings,
** principles, labels, help) lives in a YAML catalogue per language, messages/LANG.yaml beside
** the lexicons, never in C:
**
**   language: en
**   plural: one_other            # how counts choose a form: none | one_other
**   messages:
**     finding.vague_ask: You asked "{quote}": {missing}.
**     ui.turns:
**       one: "{count} turn"
**       other: "{count} turns"
**
** Placeholders are named ({need}, {turn}, {count}); "{{" and "}}" are literal braces.  A plural
** message is a mapping of plural categories (CLDR names) chosen by the {count} argument under
** the language's rule.  A value that starts with "@" is a comma list of message keys: each is
** formatted with the same arguments and they are joined with the message "sep.list" (so a
** finding can say "no action, no time" from data: missing=@part.no_action,part.no_time).
**
** English is the reference: every catalogue must hold its keys (missing ones fall back to
** English at run time and are errors for `salesim check`), may hold no others, and may use only
** the placeholders English uses for a key.  The shipped catalogues are compiled into the binary
** at build time (builtin.h); a catalogue in the data directory whose bytes differ is read from
** source instead, so an edited catalogue takes effect at once, and a new language is new files.
*/
#ifndef SALESIM_MSG_H
#define SALESIM_MSG_H

#include <stdarg.h>
#include <stddef.h>
#include "diag.h"

#define MSG_REF_LANG "en"

/* A value holding this byte is a list of texts ("attendance\x1eparents"), shown joined with
** the catalogue's "sep.list" ("attendance, parents" / "签到，家长"). */
#define MSG_LIST_SEP '\x1e'

/* One named argument; value NULL is shown as the placeholder itself ("{need}"). */
typedef struct msg_arg { const char *name, *value; } msg_arg;

/* A compiled catalogue (opaque): an index over a blob of keys and forms. */
typedef struct msg_cat msg_cat;

/* The catalogue of lang ("en", "zh", "qps"...): the data directory's messages/LANG.yaml, its
** compiled form when the bytes match, or the compiled form alone when no file is installed.
** Loaded once and kept; NULL when the language has no catalogue (problems loading it are
** printed once to stderr, as `salesim check` would show them). */
const msg_cat *msg_catalogue(const char *lang);

/* The language tag of a catalogue-capable language for tag ("zh-CN" -> "zh"); "en" when none. */
const char *msg_lang(const char *tag);

/* Formats key in lang with args (n of them): the language's text, else English's, else the key
** itself.  Always returns a malloc'd string. */
char *msg_format(const char *lang, const char *key, const msg_arg *args, int n);

/* msg_format with name, value pairs ended by NULL: msg_get("zh", "ui.turn", "turn", "3", NULL). */
char *msg_get(const char *lang, const char *key, ...) __attribute__((sentinel));

/* msg_get with the name, value pairs in a va_list (for wrappers such as msg_cli.h's). */
char *msg_vget(const char *lang, const char *key, va_list ap);

/* The text of a message without arguments, owned by the catalogue (valid for the program's
** life); the key itself when no catalogue has it.  For labels. */
const char *msg_text(const char *lang, const char *key);

/* 1 when lang's catalogue (or English's) has key. */
int msg_has(const char *lang, const char *key);

/* Compiles a catalogue's YAML into a blob (malloc'd, *n bytes) and checks it; when ref is not
** NULL (the reference catalogue), also that the keys and placeholders agree with it.  Every
** problem goes to d with shown:line:col.  Returns NULL when there were errors. */
unsigned char *msg_compile(const char *shown, const char *buf, size_t len, const msg_cat *ref,
                           size_t *n, diag *d);

/* An index over a compiled blob (which must outlive it); NULL when the blob is malformed. */
msg_cat *msg_open(const unsigned char *blob, size_t n);
void msg_close(msg_cat *c);

/* The number of keys of a catalogue and the i-th (sorted); for tools and tests. */
int msg_count(const msg_cat *c);
const char *msg_key_at(const msg_cat *c, int i);
/* The form of key for plural category cat ("other", "one", ...), or NULL. */
const char *msg_form(const msg_cat *c, const char *key, const char *cat);
/* The catalogue's language and plural rule names. */
const char *msg_cat_lang(const msg_cat *c);
const char *msg_cat_plural(const msg_cat *c);

/* Checks the catalogue file at path against the reference (English) catalogue; the diagnostics
** go to d.  Returns the number of errors.  For `salesim check messages/LANG.yaml`. */
int msg_check_file(const char *path, diag *d);
/* 1 when the file at path is a message catalogue (a top-level "messages:" key), not a scenario. */
int msg_is_catalogue(const char *path);

/* The pseudo-locale's markers (msg_write_pseudo). */
#define MSG_PSEUDO_OPEN "\xE2\x9F\xA6"    /* U+27E6 ⟦ */
#define MSG_PSEUDO_CLOSE "\xE2\x9F\xA7"   /* U+27E7 ⟧ */

struct strbuf;
/* Writes a catalogue of language lang made from ref with every text wrapped in the pseudo
** markers (placeholders and plural forms kept) to out, as YAML. */
void msg_write_pseudo(const msg_cat *ref, const char *lang, struct strbuf *out);
/* Appends s to out as a YAML double-quoted scalar. */
void msg_yaml_quote(struct strbuf *out, const char *s);

#endif
