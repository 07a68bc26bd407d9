/*
** safe.h: the one sanitising path for text that may reach a terminal and keeps its lines.
**
** safe_text is txt_sanitize's companion for multi-line text from untrusted places (scenario
** YAML scalars and keys, Lua error messages with their tracebacks, diagnostics): line breaks and
** tabs stay, every other control character (C0, DEL, C1), the bidirectional overrides and
** isolates, and invalid UTF-8 become U+FFFD, so no escape sequence reaches a terminal.
*/
#ifndef SALESIM_SAFE_H
#define SALESIM_SAFE_H

#include <stddef.h>

/* 1 when s[0..len) holds nothing safe_text would change (the common case: no copy needed). */
int safe_is_clean(const char *s, size_t len);

/* A malloc'd, NUL-terminated copy of s[0..len) made safe as above; *out_len (may be NULL)
** receives its length.  Never fails. */
char *safe_text(const char *s, size_t len, size_t *out_len);

#endif
