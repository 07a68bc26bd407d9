/*
** scenario_vars.c: where each customer state variable starts, is changed and is read
** (`salesim check --vars`).  Trainers writing conditions lose track of which reaction moves
** trust or who ever reads a custom flag; this answers it from the file itself.
** Reads are found by scanning the Lua conditions (and the behaviour script) for the variable's
** name as a Lua identifier or field (trust, state.trust), outside strings and comments and not
** as a method (x:trust()).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_int.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

/* {=== a small Lua identifier scanner */

static int ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }

/* Length of the long bracket opening at s ("[[", "[=[", ...) as its level + 2, or 0. */
static int long_open(const char *s, int *level) {
  if (s[0] != '[') return 0;
  int l = 0;
  while (s[1 + l] == '=') l++;
  if (s[1 + l] != '[') return 0;
  *level = l;
  return l + 2;
}

/* Skips to just after the long bracket of the given level closing; returns the new position. */
static const char *long_close(const char *s, int level, int *line) {
  for (; *s; s++) {
    if (*s == '\n') (*line)++;
    if (*s != ']') continue;
    int l = 0;
    while (s[1 + l] == '=') l++;
    if (l == level && s[1 + l] == ']') return s + l + 2;
  }
  return s;
}

void sx_lua_idents(const char *code, int fields,
                   void (*cb)(void *ud, const char *id, size_t len, int line), void *ud) {
  int line = 1, level;
  char prev = 0;   /* last significant character, to tell t.name and t:name apart */
  const char *s = code;
  while (*s) {
    char c = *s;
    if (c == '\n') { line++; s++; continue; }
    if (c == '-' && s[1] == '-') {                         /* comment */
      int n = long_open(s + 2, &level);
      if (n) { s = long_close(s + 2 + n, level, &line); continue; }
      while (*s && *s != '\n') s++;
      continue;
    }
    if (c == '"' || c == '\'') {                           /* short string */
      for (s++; *s && *s != c && *s != '\n'; s++) if (*s == '\\' && s[1]) s++;
      if (*s == c) s++;
      prev = 'x';
      continue;
    }
    int n = long_open(s, &level);
    if (n) { s = long_close(s + n, level, &line); prev = 'x'; continue; }
    if (ident_start(c)) {
      const char *e = s;
      while (ident_char(*e)) e++;
      if (prev != ':' && (fields || prev != '.')) cb(ud, s, (size_t)(e - s), line);
      s = e;
      prev = 'x';
      continue;
    }
    if (c >= '0' && c <= '9') {                            /* a number, with any 1e5 or 0x1F */
      while (ident_char(*s) || *s == '.') s++;
      prev = 'x';
      continue;
    }
    if (c == '.' && s[1] == '.') { prev = '+'; s += 2; continue; }   /* concatenation */
    if (c != ' ' && c != '\t' && c != '\r') prev = c;
    s++;
  }
}

/* Finds one name in Lua code (fields included), calling found(line) for each place. */
typedef struct name_hunt { const char *name; size_t len; void (*found)(void *, int); void *ud; } name_hunt;

/* sx_lua_idents callback: passes on the places where the hunted name occurs. */
static void hunt_cb(void *ud, const char *id, size_t len, int line) {
  name_hunt *h = ud;
  if (len == h->len && memcmp(id, h->name, len) == 0) h->found(h->ud, line);
}

/* Calls found(line) wherever name occurs as an identifier or field in Lua code. */
static void scan_lua(const char *code, const char *name, void (*found)(void *, int), void *ud) {
  name_hunt h = { name, strlen(name), found, ud };
  sx_lua_idents(code, 1, hunt_cb, &h);
}
/* }=== */

/* Collects "x at L:C" style entries for one variable. */
typedef struct uses { strbuf b; int n; int last_line; } uses;

/* Appends one entry to a comma-separated list: the catalogue's message key with name, value
** pairs ended by NULL (cli.vars.*), or with key NULL the one text that follows (then NULL). */
static void add_use(uses *u, const char *key, ...) __attribute__((sentinel));
static void add_use(uses *u, const char *key, ...) {
  if (u->n++) sb_puts(&u->b, ", ");
  va_list ap;
  va_start(ap, key);
  if (!key) {
    sb_puts(&u->b, va_arg(ap, const char *));
  } else {
    char *m = msg_vget(MSG_CLI_LANG, key, ap);
    sb_puts(&u->b, m);
    free(m);
  }
  va_end(ap);
}

/* "LINE:COL" for a message's {at}. */
static const char *at(char *b, size_t n, int line, int col) {
  snprintf(b, n, "%d:%d", line, col);
  return b;
}

/* Prints the message key with its arguments after indent, and a newline. */
static void say(FILE *out, const char *indent, const char *key, ...) __attribute__((sentinel));
static void say(FILE *out, const char *indent, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  char *m = msg_vget(MSG_CLI_LANG, key, ap);
  va_end(ap);
  fprintf(out, "%s%s\n", indent, m);
  free(m);
}

/* scan_lua callback: notes that a condition reads the variable (once per condition). */
static void hit(void *ud, int line) { (void)line; *(int *)ud = 1; }

/* scan_lua callback: collects the script's line numbers, each once. */
static void script_hit(void *ud, int line) {
  uses *u = ud;
  if (line == u->last_line) return;
  u->last_line = line;
  char b[24];
  snprintf(b, sizeof b, "%d", line);
  add_use(u, NULL, b, NULL);
}

/* 1 when the Lua condition text reads name. */
static int reads(const char *expr, const char *name) {
  int found = 0;
  if (expr) scan_lua(expr, name, hit, &found);
  return found;
}

/* Formats a number as a state value (booleans as true/false). */
static void value_text(char *out, size_t n, int is_bool, double v) {
  if (is_bool) snprintf(out, n, "%s", v != 0 ? "true" : "false");
  else snprintf(out, n, "%g", v);
}

/* The --vars report: per variable, start value, what changes it, what reads it. */
void scn_print_vars(const scenario *s, FILE *out) {
  char *script = NULL;
  if (s->behaviour) {
    char err[128];
    script = util_read_file(s->behaviour, 1u << 20, NULL, err, sizeof err);
  }
  const char *script_name = s->behaviour ? strrchr(s->behaviour, '/') : NULL;
  script_name = script_name ? script_name + 1 : s->behaviour;
  char n[24], pos[48];
  snprintf(n, sizeof n, "%d", s->n_state);
  say(out, "", "cli.vars.count", "file", s->file, "count", n, NULL);
  for (int i = 0; i < s->n_state; i++) {
    const scn_state_var *v = &s->state[i];
    char val[32];
    value_text(val, sizeof val, v->is_bool, v->value);
    snprintf(n, sizeof n, "%d", v->pos.line);
    if (v->pos.line) say(out, "  ", "cli.vars.value_line", "name", v->name, "value", val, "line", n, NULL);
    else say(out, "  ", "cli.vars.value_default", "name", v->name, "value", val, NULL);
    uses set = { {0}, 0, 0 }, read = { {0}, 0, 0 }, lua = { {0}, 0, 0 };
    for (int j = 0; j < s->n_reactions; j++) {
      const scn_reaction *r = &s->reactions[j];
      for (int k = 0; k < r->n_changes; k++) {
        const scn_change *ch = &r->changes[k];
        if (strcmp(ch->var, v->name) != 0) continue;
        char cv[32];
        value_text(cv, sizeof cv, v->is_bool, ch->delta);
        at(pos, sizeof pos, r->pos.line, r->pos.col);
        if (ch->is_set) {
          add_use(&set, "cli.vars.reaction_set", "at", pos, "value", cv, NULL);
        } else {
          char delta[32];
          snprintf(delta, sizeof delta, "%+g", ch->delta);
          add_use(&set, "cli.vars.reaction_change", "at", pos, "delta", delta, NULL);
        }
      }
      if (reads(r->when, v->name))
        add_use(&read, "cli.vars.reaction", "at", at(pos, sizeof pos, r->pos.line, r->pos.col), NULL);
    }
    for (int j = 0; j < s->n_visits; j++)
      for (int k = 0; k < s->visits[j].n_state; k++)
        if (strcmp(s->visits[j].state[k].name, v->name) == 0) {
          char cv[32];
          value_text(cv, sizeof cv, v->is_bool, s->visits[j].state[k].value);
          add_use(&set, "cli.vars.visit", "id", s->visits[j].id,
                  "at", at(pos, sizeof pos, s->visits[j].pos.line, s->visits[j].pos.col), "value", cv, NULL);
        }
    for (int j = 0; j < s->n_commitments; j++)
      if (reads(s->commitments[j].realistic_when, v->name))
        add_use(&read, "cli.vars.commitment", "id", s->commitments[j].id,
                "at", at(pos, sizeof pos, s->commitments[j].pos.line, s->commitments[j].pos.col), NULL);
    if (script) scan_lua(script, v->name, script_hit, &lua);
    if (set.n) say(out, "    ", "cli.vars.changed_by", "uses", set.b.s, NULL);
    if (read.n) say(out, "    ", "cli.vars.read_by", "uses", read.b.s, NULL);
    if (lua.n) say(out, "    ", "cli.vars.script_lines", "script", script_name, "lines", lua.b.s, NULL);
    if (!set.n && !read.n && !lua.n) say(out, "    ", "cli.vars.unused", NULL);
    sb_free(&set.b);
    sb_free(&read.b);
    sb_free(&lua.b);
  }
  free(script);
}
