/*
** debrief_doc.c: reading the debrief document (debrief.h, debrief_int.h): the text cleaner
** every renderer uses on quoted lines, and what the renderers share (labels in each language,
** a finding's texts, the findings in order, the top losses).  It reads only the JSON document
** and the message catalogues: debrief.c (the builder) and the renderers (debrief_text.c,
** debrief_md.c, debrief_html.c) depend on it, it on none of them.
*/
#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "msg.h"
#include "debrief.h"
#include "text.h"
#include "debrief_int.h"

/* ---- the text cleaner ------------------------------------------------------------------ */

/* Skips a terminal escape sequence starting at s[i] (ESC or C1 CSI/OSC); returns the index
** after it. */
static size_t skip_escape(const char *s, size_t len, size_t i, int32_t cp, size_t adv) {
  size_t j = i + adv;
  int kind = 0;                     /* 1 CSI, 2 string (OSC, DCS, APC, PM, SOS) */
  if (cp == 0x1B) {
    if (j >= len) return j;
    unsigned char c = (unsigned char)s[j];
    if (c == '[') { kind = 1; j++; }
    else if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') { kind = 2; j++; }
    else return (c >= 0x20 && c < 0x7F) ? j + 1 : j;   /* ESC + one character */
  } else if (cp == 0x9B) {
    kind = 1;
  } else {
    kind = 2;                        /* 0x9D OSC, 0x90 DCS, ... */
  }
  if (kind == 1) {                   /* parameters and intermediates, then a final byte */
    while (j < len) {
      unsigned char c = (unsigned char)s[j++];
      if (c >= 0x40 && c <= 0x7E) break;
      if (c < 0x20 || c > 0x7E) { j--; break; }
    }
    return j;
  }
  while (j < len) {                  /* a string ends with BEL or ST (ESC \ or 0x9C) */
    unsigned char c = (unsigned char)s[j];
    if (c == 0x07) return j + 1;
    if (c == 0x1B && j + 1 < len && s[j + 1] == '\\') return j + 2;
    if (c == 0xC2 && j + 1 < len && (unsigned char)s[j + 1] == 0x9C) return j + 2;
    j++;
  }
  return j;
}

/* See debrief.h: text with every escape and control removed, safe for any renderer. */
char *deb_clean_text(const char *s) {
  strbuf b = { 0 };
  sb_puts(&b, "");
  if (!s) return sb_take(&b);
  size_t len = strlen(s), i = 0, run = 0;   /* s[run .. i): characters kept as they are */
  while (i < len) {
    if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) { i++; continue; }   /* printable ASCII */
    size_t adv;
    int32_t cp = txt_decode(s + i, len - i, &adv);
    if (cp >= 0 && cp >= 0xA0 && !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069)) {
      i += adv;   /* kept as it is, like printable ASCII */
      continue;
    }
    if (i > run) sb_append(&b, s + run, i - run);   /* the run kept so far, in one piece */
    if (cp < 0) { sb_puts(&b, "\xEF\xBF\xBD"); i += adv; run = i; continue; }
    if (cp == 0x1B || cp == 0x9B || cp == 0x9D || cp == 0x90 || cp == 0x9E || cp == 0x9F ||
        cp == 0x98) {
      i = skip_escape(s, len, i, cp, adv);
      run = i;
      continue;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') sb_putc(&b, ' ');
    else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) { /* dropped */ }
    else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) { /* bidi */ }
    else sb_append(&b, s + i, adv);
    i += adv;
    run = i;
  }
  if (i > run) sb_append(&b, s + run, i - run);
  return sb_take(&b);
}

/* ---- shared by the renderers (debrief_int.h) ------------------------------------------- */

/* The catalogue key of each label (debrief_int.h). */
static const char *const labels[L_COUNT] = {
  [L_OUTCOME] = "label.outcome", [L_SCORE] = "label.score", [L_PASS] = "label.pass",
  [L_NOT_YET] = "label.not_yet", [L_SKILLS] = "label.skills", [L_WHOLE] = "label.whole",
  [L_TURN] = "label.turn", [L_WHY] = "label.why", [L_TRY] = "label.try", [L_REFLECT] = "label.reflect",
  [L_PROGRESS] = "label.progress", [L_NOW] = "label.now", [L_NONE] = "label.none",
  [L_ORDER] = "outcome.order", [L_ADVANCE] = "outcome.advance",
  [L_CONTINUATION] = "outcome.continuation", [L_NO_SALE] = "outcome.no_sale",
  [L_FINDINGS] = "label.findings", [L_HINTS] = "label.hints", [L_COMMITMENT] = "skill.commitment",
  [L_BENEFITS] = "skill.benefits", [L_TACTICS] = "skill.tactics", [L_DISCOVERY] = "skill.discovery",
  [L_DEBRIEF] = "label.debrief", [L_TRANSCRIPT] = "label.transcript", [L_CUSTOMER] = "label.customer",
  [L_YOU] = "label.you", [L_STARTED] = "label.started", [L_RULE] = "label.rule",
  [L_POINTS] = "label.points", [L_PRINCIPLE] = "label.principle", [L_OBJECTIONS] = "label.objections",
  [L_NOT_SHOWN] = "label.not_shown", [L_TIER] = "label.tier", [L_PASS_MARK] = "label.pass_mark",
  [L_ENDED] = "label.ended", [L_TOP] = "label.top", [L_FULL_HINT] = "label.full_hint",
  [L_SKILLS_VOID] = "label.skills_void", [L_SKILLS_NOTE] = "label.skills_note",
};

/* See debrief_int.h. */
const char *deb_skills_label(const char *lang, const json_t *d) {
  return deb_label(lang, json_is_false(json_object_get(d, "attempt")) ? L_SKILLS_VOID : L_SKILLS);
}

/* See debrief_int.h: one UI label. */
const char *deb_label(const char *lang, int id) {
  if (id < 0 || id >= L_COUNT) return "";
  return msg_text(lang, labels[id]);
}

/* See debrief_int.h: the banner word of an outcome. */
const char *deb_outcome_label(const char *lang, const char *oc) {
  int id = !oc ? L_CONTINUATION : strcmp(oc, "order") == 0 ? L_ORDER
         : strcmp(oc, "advance") == 0 ? L_ADVANCE : strcmp(oc, "no_sale") == 0 ? L_NO_SALE
         : L_CONTINUATION;
  return deb_label(lang, id);
}

/* See debrief_int.h: which language the words are in. */
const char *deb_lang(const json_t *d, const char *override) {
  return msg_lang(override ? override : json_string_value(json_object_get(d, "language")));
}

/* A message of the document in lang: formatted from its key and arguments when it has them
** (so a debrief shows in any language), else its stored text (older documents). */
static char *doc_text(const char *lang, const json_t *o, const char *id_member, const char *params_member,
                      const char *text_member) {
  const char *id = json_string_value(json_object_get(o, id_member));
  const json_t *p = json_object_get(o, params_member);
  if (!id || !*id || !json_is_object(p)) {
    const char *t = json_string_value(json_object_get(o, text_member));
    return xstrdup(t ? t : "");
  }
  msg_arg args[SCORE_MAX_ARGS];
  int n = 0;
  const char *k;
  json_t *v;
  json_object_foreach((json_t *)p, k, v)
    if (n < SCORE_MAX_ARGS && json_is_string(v)) { args[n].name = k; args[n].value = json_string_value(v); n++; }
  return msg_format(lang, id, args, n);
}

char *deb_finding_text(const char *lang, const json_t *f) {
  return doc_text(lang, f, "message_id", "params", "message");
}

char *deb_score_floor_text(const char *lang, const json_t *d) {
  if (!json_is_true(json_object_get(d, "attempt")) || json_number_value(json_object_get(d, "score")) > 1) return NULL;
  return msg_get(lang, "label.score_floor", NULL);
}

char *deb_reason_text(const char *lang, const json_t *d) {
  return doc_text(lang, d, "outcome_reason_id", "outcome_params", "outcome_reason");
}

/* A rule's catalogue text (rule.ID.FIELD) in lang, else the document's member. */
static const char *rule_text(const char *lang, const json_t *f, const char *field, const char *member) {
  const char *rule = json_string_value(json_object_get(f, "rule"));
  char key[96];
  if (rule && score_rule_find(rule)) {
    snprintf(key, sizeof key, "rule.%s.%s", rule, field);
    if (msg_has(lang, key)) return msg_text(lang, key);
  }
  const char *t = json_string_value(json_object_get(f, member));
  return t ? t : "";
}

/* The catalogue's text PREFIX.ID, ID being o's member id_member, else o's member text_member as
** written in the document (a debrief made by another version, or a scenario's own tier). */
static const char *named_text(const char *lang, const json_t *o, const char *id_member,
                              const char *prefix, const char *text_member) {
  const char *id = json_string_value(json_object_get(o, id_member));
  char key[96];
  if (id) {
    snprintf(key, sizeof key, "%s.%s", prefix, id);
    if (msg_has(lang, key)) return msg_text(lang, key);
  }
  const char *t = json_string_value(json_object_get(o, text_member));
  return t ? t : "";
}

const char *deb_tier_name(const char *lang, const json_t *tier) {
  if (json_is_true(json_object_get(tier, "own"))) {   /* the scenario's tier: its own name */
    const char *t = json_string_value(json_object_get(tier, "name"));
    return t ? t : "";
  }
  return named_text(lang, tier, "id", "tier", "name");
}

const char *deb_principle(const char *lang, const json_t *f) { return rule_text(lang, f, "why", "principle"); }

const char *deb_principle_name(const char *lang, const json_t *f) {
  return named_text(lang, f, "principle_id", "principle", "principle_name");
}

/* See debrief_int.h: every finding in reading order. */
size_t deb_items(const json_t *d, deb_item **out) {
  const json_t *skills = json_object_get(d, "skills");
  size_t n = 0, cap = 0;
  deb_item *v = NULL;
  for (int k = 0; k < 4; k++) {
    const json_t *fa = json_object_get(json_object_get(skills, vocab_skill_names[k]), "findings");
    size_t i;
    const json_t *f;
    json_array_foreach(fa, i, f) {
      if (!json_is_object(f)) continue;
      if (n == cap) { cap = cap ? cap * 2 : 16; v = xrealloc(v, cap * sizeof *v); }
      v[n].f = f;
      v[n].skill = k;
      v[n].turn = (int)json_integer_value(json_object_get(f, "turn"));
      n++;
    }
  }
  /* insertion sort by turn: stable, and a debrief has few findings */
  for (size_t i = 1; i < n; i++) {
    deb_item x = v[i];
    size_t j = i;
    while (j > 0 && v[j - 1].turn > x.turn) { v[j] = v[j - 1]; j--; }
    v[j] = x;
  }
  *out = v;
  return n;
}

/* See debrief_int.h. */
/* The catalogue text PREFIX.ID when id is one of ids[0..n), else NULL: a known word only, so a
** script's own word never becomes a catalogue key. */
static const char *known_label(const char *lang, const char *prefix, const char *const *ids, size_t n,
                               const char *id) {
  for (size_t i = 0; id && i < n; i++)
    if (strcmp(ids[i], id) == 0) {
      char key[48];
      snprintf(key, sizeof key, "%s.%s", prefix, ids[i]);
      return msg_text(lang, key);
    }
  return NULL;
}

const char *deb_ended_label(const char *lang, const char *e) {
  static const char *const ids[] = { "customer", "quit", "eof", "hangup", "interrupt", "turn_limit", "killed" };
  const char *t = known_label(lang, "ended", ids, sizeof ids / sizeof ids[0], e);
  return t ? t : msg_text(lang, "ended.none");
}

/* See debrief_int.h. */
const char *deb_cause_label(const char *lang, const char *c) {
  static const char *const ids[] = { "goodbye", "commitment", "patience", "trust", "reaction",
                                     "time_limit", "left" };
  return known_label(lang, "cause", ids, sizeof ids / sizeof ids[0], c);
}

/* See debrief_int.h: a selection of the most negative points, stable by reading order. */
int deb_skill_capped(const json_t *d, int k) {
  if (k < 0 || k >= 4) return 0;
  const json_t *sc = json_object_get(json_object_get(json_object_get(d, "skills"), vocab_skill_names[k]), "score");
  return json_is_integer(sc) && json_integer_value(sc) >= 100;
}

/* (a loss in a skill at its cap gained nothing to change: left out) */
size_t deb_top_losses(const json_t *d, const deb_item *items, size_t n, size_t *out, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    double p = json_number_value(json_object_get(items[i].f, "points"));
    if (p >= 0 || deb_skill_capped(d, items[i].skill)) continue;
    size_t j = k < max ? k++ : max;
    /* insert i at its place among the kept ones (more negative first, then reading order) */
    while (j > 0 && json_number_value(json_object_get(items[out[j - 1]].f, "points")) > p) {
      if (j < max) out[j] = out[j - 1];
      j--;
    }
    if (j < max) out[j] = i;
  }
  return k;
}

/* See debrief_int.h: the line a turn's findings quote, else the trainee's line of that turn in
** the transcript (a turn whose only finding is the outcome, which quotes nothing, was headed
** "Turn 8" and nothing: play-test 8). */
const char *deb_turn_quote(const json_t *d, const deb_item *items, size_t n, size_t i) {
  for (size_t k = i; k < n && items[k].turn == items[i].turn; k++) {
    const json_t *q = json_object_get(items[k].f, "quote");
    if (json_is_string(q)) return json_string_value(q);
  }
  size_t k;
  const json_t *t;
  json_array_foreach(json_object_get(d, "turns"), k, t)
    if (json_integer_value(json_object_get(t, "n")) == items[i].turn &&
        json_is_string(json_object_get(t, "speaker")) &&
        strcmp(json_string_value(json_object_get(t, "speaker")), "trainee") == 0 &&
        json_is_string(json_object_get(t, "text")))
      return json_string_value(json_object_get(t, "text"));
  return NULL;
}

/* See debrief_int.h. */
int deb_turn_visit(const json_t *d, int turn) {
  size_t k;
  const json_t *t;
  json_array_foreach(json_object_get(d, "turns"), k, t)
    if (json_integer_value(json_object_get(t, "n")) == turn && json_is_integer(json_object_get(t, "visit")))
      return (int)json_integer_value(json_object_get(t, "visit"));
  return 0;
}

/* See debrief_int.h: a long line cut to max code points. */
char *deb_shorten(const char *s, int max) {
  if (!s) return xstrdup("");
  const unsigned char *p = (const unsigned char *)s;
  int n = 0;
  while (*p && n < max) {
    p++;
    while ((*p & 0xC0) == 0x80) p++;
    n++;
  }
  if (!*p) return xstrdup(s);
  return xasprintf("%.*s…", (int)((const char *)p - s), s);
}

/* See debrief_int.h: when an objection came up and when it was answered. */
char *deb_objection_when(const char *lang, const json_t *o) {
  char t[24], a[24];
  snprintf(t, sizeof t, "%d", (int)json_integer_value(json_object_get(o, "turn")));
  const json_t *ans = json_object_get(o, "answered");
  if (!json_is_integer(ans))   /* raised as she ended the visit: no turn was left to answer it */
    return msg_get(lang, json_is_true(json_object_get(o, "at_end")) ? "objection.at_end" : "objection.never", "turn", t,
                   NULL);
  snprintf(a, sizeof a, "%d", (int)json_integer_value(ans));
  return msg_get(lang, "objection.answered", "turn", t, "answered", a, NULL);
}

const char *deb_skill_label(const char *lang, score_skill k) {
  if (k < 0 || k >= SK_COUNT) return "";
  return deb_label(msg_lang(lang), L_COMMITMENT + (int)k);
}


/* See debrief_int.h. */
void deb_when(const char *stamp, char *out, size_t n) {
  assert(out && n > 0);
  int y, mo, d, h, mi, sec;
  char z = 0;
  if (stamp && sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) == 7 && z == 'Z') {
    struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi,
                     .tm_sec = sec };
    time_t t = timegm(&tm);
    struct tm lt;
    if (t != (time_t)-1 && localtime_r(&t, &lt) && strftime(out, n, "%Y-%m-%d %H:%M", &lt) > 0) return;
  }
  snprintf(out, n, "%s", stamp ? stamp : "");
}
