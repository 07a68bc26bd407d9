/*
** msg_tools.c: catalogues written out, for people and tests rather than for the program's own
** use: a pseudo-locale (every text of the reference wrapped in markers, placeholders kept) that
** proves no word bypasses the catalogues, and the YAML quoting both share.
*/
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "msg_cli.h"
#include "msg_int.h"
#include "util.h"

/* Appends s as a YAML double-quoted scalar (JSON's escapes are YAML's). */
void msg_yaml_quote(strbuf *out, const char *s) {
  sb_putc(out, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') { sb_putc(out, '\\'); sb_putc(out, (char)*p); }
    else if (*p == '\n') sb_puts(out, "\\n");
    else if (*p == '\t') sb_puts(out, "\\t");
    else if (*p < 0x20) sb_printf(out, "\\x%02x", *p);
    else sb_putc(out, (char)*p);
  }
  sb_putc(out, '"');
}

void msg_write_pseudo(const msg_cat *ref, const char *lang, strbuf *out) {
  /* the header comment in the commands' language, one "# " line per line of its text */
  char *head = msg_get(MSG_CLI_LANG, "cli.i18n.pseudo_header", "lang", msg_cat_lang(ref), "open",
                       MSG_PSEUDO_OPEN, "close", MSG_PSEUDO_CLOSE, NULL);
  for (char *p = head, *nl; *p; p = nl ? nl + 1 : p + strlen(p)) {
    nl = strchr(p, '\n');
    sb_printf(out, "# %.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
  }
  free(head);
  sb_printf(out, "language: %s\nplural: %s\nmessages:\n", lang, msg_cat_plural(ref));
  for (int i = 0; i < msg_count(ref); i++) {
    const char *key = msg_key_at(ref, i);
    int forms = 0;
    for (int c = 0; c < MSG_NCAT; c++) forms += msg_form(ref, key, msg_categories[c]) != NULL;
    sb_printf(out, "  %s:", key);
    for (int c = 0; c < MSG_NCAT; c++) {
      const char *f = msg_form(ref, key, msg_categories[c]);
      if (!f) continue;
      if (forms > 1) sb_printf(out, "\n    %s: ", msg_categories[c]);
      else sb_putc(out, ' ');
      char *w = xasprintf("%s%s%s", MSG_PSEUDO_OPEN, f, MSG_PSEUDO_CLOSE);
      msg_yaml_quote(out, w);
      free(w);
    }
    sb_putc(out, '\n');
  }
}
