/*
** debrief.c: builds the debrief JSON document (docs/transcript.md) from a finished session and
** its score.  Everything that shows a debrief (terminal, Markdown, HTML, replay, the gradebook,
** the class report) reads this one document, so the renderers never need the session structs.
** Also the text cleaner every renderer uses on quoted lines.
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "advice.h"
#include "debrief.h"
#include "text.h"
#include "debrief_int.h"

/* The post-call reflection questions (the checklist of seed 003, written anew). */
static const char *const reflection_en[] = {
  "What went well in this visit, and what will you keep doing?",
  ("Where did your questions, your presentation or your demo fall short, and what will you "
   "change next time?"),
  "Which objection did you handle least well, and how would you answer it now?",
  "Did you reach the goal you set for this visit? If not, what stopped you?",
  "What is the next step with this customer, and when and how will you follow up?",
};
static const char *const reflection_zh[] = {
  "这次拜访哪些地方做得好，下次要继续保持？",
  "在提问、介绍或演示上有哪些不足？下次准备怎么改？",
  "哪一个反对意见处理得最不理想？现在你会怎么回应？",
  "这次拜访定下的目标达成了吗？如果没有，是什么挡住了你？",
  "和这位客户的下一步是什么？你打算什么时候、用什么方式跟进？",
};

/* "zh" for any Chinese language tag, else "en". */
static const char *lang_of(const session *s) {
  const char *l = s->lang ? s->lang : (s->sc && s->sc->language) ? s->sc->language : "en";
  return strncmp(l, "zh", 2) == 0 ? "zh" : "en";
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* A JSON string from text that may hold anything: invalid UTF-8 is repaired first. */
static json_t *safe_string(const char *s) {
  if (!s) return json_string("");
  json_t *j = json_string(s);
  if (j) return j;
  char *clean = txt_sanitize(s, strlen(s), NULL);
  j = json_string(clean);
  free(clean);
  return j ? j : json_string("");
}

/* Points as an integer when they are whole (they nearly always are), else a real. */
static json_t *points_json(double p) {
  if (p == floor(p) && fabs(p) < 1e9) return json_integer((json_int_t)p);
  return json_real(p);
}

/* The customer's lines among events, appended as turns numbered n. */
static void add_customer_lines(json_t *turns, const cust_events *ev, int n) {
  for (int i = 0; ev && i < ev->n; i++) {
    if (ev->v[i].kind != CUST_EV_SAY || !ev->v[i].text) continue;
    json_t *o = json_object();
    json_object_set_new(o, "n", json_integer(n));
    json_object_set_new(o, "speaker", json_string("customer"));
    json_object_set_new(o, "text", safe_string(ev->v[i].text));
    json_object_set_new(o, "moves", json_array());
    json_array_append_new(turns, o);
  }
}

/* The transcript part: opening, each trainee line followed by the customer's answer. */
static json_t *turns_json(const session *s) {
  json_t *turns = json_array();
  add_customer_lines(turns, &s->opening, 0);
  for (int i = 0; i < s->n_turns; i++) {
    const sess_turn *t = &s->turns[i];
    json_t *o = json_object(), *mv = json_array();
    for (int m = 0; m < CLS_MOVE_COUNT; m++)
      if (CLS_HAS(&t->cls, m)) json_array_append_new(mv, json_string(cls_move_name((cls_move)m)));
    json_object_set_new(o, "n", json_integer(t->n));
    json_object_set_new(o, "speaker", json_string("trainee"));
    json_object_set_new(o, "text", safe_string(t->text));
    json_object_set_new(o, "moves", mv);
    json_array_append_new(turns, o);
    add_customer_lines(turns, &t->events, t->n);
  }
  add_customer_lines(turns, &s->closing, s->n_turns ? s->turns[s->n_turns - 1].n : 0);
  return turns;
}

/* The scenario's ladder, each rung with whether and when the customer gave it. */
static json_t *commitments_json(const session *s) {
  json_t *a = json_array();
  const scenario *sc = s->sc;
  for (int j = 0; sc && j < sc->n_commitments; j++) {
    int turn = -1;
    for (int i = 0; i < s->n_turns && turn < 0; i++)
      for (int e = 0; e < s->turns[i].events.n; e++)
        if (s->turns[i].events.v[e].kind == CUST_EV_GIVE && s->turns[i].events.v[e].index == j)
          turn = s->turns[i].n;
    for (int e = 0; e < s->closing.n && turn < 0; e++)
      if (s->closing.v[e].kind == CUST_EV_GIVE && s->closing.v[e].index == j)
        turn = s->n_turns ? s->turns[s->n_turns - 1].n : 0;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(sc->commitments[j].id ? sc->commitments[j].id : ""));
    json_object_set_new(o, "level", json_string(scn_level_name(sc->commitments[j].level)));
    json_object_set_new(o, "kind", json_string(scn_kind_name(sc->commitments[j].kind)));
    json_object_set_new(o, "action", str_or_null(sc->commitments[j].action));
    json_object_set_new(o, "given", json_boolean(turn >= 0));
    json_object_set_new(o, "turn", turn >= 0 ? json_integer(turn) : json_null());
    json_array_append_new(a, o);
  }
  return a;
}

/* The objections the customer raised, each with whether and when the trainee answered it
** (a later line addressing it, or an objection-handling line right after it): material for
** the reflection question about the objection that went worst. */
static json_t *objections_json(const session *s) {
  json_t *a = json_array();
  const scenario *sc = s->sc;
  if (!sc) return a;
  for (int j = 0; j < sc->n_objections; j++) {
    int raised = -1, answered = -1;
    for (int i = 0; i < s->n_turns && raised < 0; i++)
      for (int e = 0; e < s->turns[i].events.n; e++)
        if (s->turns[i].events.v[e].kind == CUST_EV_OBJECTION && s->turns[i].events.v[e].index == j)
          raised = i;
    if (raised < 0) continue;
    for (int i = raised + 1; i < s->n_turns && answered < 0; i++) {
      const cls_result *r = &s->turns[i].cls;
      for (int k = 0; k < r->n_objections; k++)
        if (r->objections[k] == j) answered = i;
      if (answered < 0 && i == raised + 1 && CLS_HAS(r, CLS_HANDLE_OBJECTION) && r->n_objections == 0)
        answered = i;
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(sc->objections[j].id ? sc->objections[j].id : ""));
    json_object_set_new(o, "said", str_or_null(sc->objections[j].said));
    json_object_set_new(o, "turn", json_integer(s->turns[raised].n));
    json_object_set_new(o, "answered", answered >= 0 ? json_integer(s->turns[answered].n) : json_null());
    json_array_append_new(a, o);
  }
  return a;
}

/* One finding as the debrief shows it, with the rule's principle and better line. */
static json_t *finding_json(const score_finding *f, int zh, const scenario *sc, score_visit_kind kind) {
  json_t *o = json_object();
  json_object_set_new(o, "rule", json_string(f->rule->id));
  json_object_set_new(o, "turn", json_integer(f->turn));
  json_object_set_new(o, "points", points_json(f->points));
  json_object_set_new(o, "message", safe_string(f->message));
  json_object_set_new(o, "quote", f->quote ? safe_string(f->quote) : json_null());
  json_object_set_new(o, "principle", json_string(zh ? f->rule->principle_zh : f->rule->principle_en));
  /* the Try line made from the scenario (advice.c), else the rule's fixed example */
  char *made = adv_try(sc, f->rule->id, kind);
  json_object_set_new(o, "better", made ? safe_string(made)
                                        : json_string(zh ? f->rule->better_zh : f->rule->better_en));
  free(made);
  json_object_set_new(o, "source", json_string(f->rule->source));
  return o;
}

/* The debrief document (DESIGN.md schema, docs/transcript.md). */
json_t *deb_build(const session *s, const score_result *r) {
  const scenario *sc = s->sc;
  const char *lang = lang_of(s);
  int zh = lang[0] == 'z';
  json_t *d = json_object();
  json_object_set_new(d, "version", json_integer(1));
  json_object_set_new(d, "scenario", json_string(sc && sc->id ? sc->id : ""));
  json_object_set_new(d, "title", safe_string(sc && sc->title ? sc->title : ""));
  json_object_set_new(d, "scenario_hash", json_string(sc ? sc->hash : ""));
  json_object_set_new(d, "language", json_string(lang));
  json_object_set_new(d, "trainee", s->trainee ? safe_string(s->trainee) : json_null());
  json_object_set_new(d, "seed", json_integer((json_int_t)s->seed));
  json_object_set_new(d, "started", json_string(s->started));
  json_object_set_new(d, "ended", json_string(s->ended));
  json_object_set_new(d, "ended_by", json_string(s->end_reason == SESS_END_NONE ? "none"
                                                 : sess_end_name(s->end_reason)));
  if (s->end_cause[0]) json_object_set_new(d, "end_cause", json_string(s->end_cause));
  cust_outcome oc = r->outcome == CUST_OUTCOME_NONE ? CUST_OUTCOME_CONTINUATION : r->outcome;
  json_object_set_new(d, "outcome", json_string(cust_outcome_name(oc)));
  json_object_set_new(d, "outcome_reason", safe_string(r->outcome_reason ? r->outcome_reason : ""));
  long total = lround(r->total);
  json_object_set_new(d, "score", json_integer(total < 0 ? 0 : total > 100 ? 100 : total));
  json_object_set_new(d, "pass", json_boolean(r->pass));
  json_object_set_new(d, "pass_mark", points_json(r->pass_mark));
  int nt = 0;
  const score_tier *tiers = score_tiers(&nt);
  json_t *tj = json_array();
  for (int k = 0; k < nt; k++)
    json_array_append_new(tj, json_pack("{s:o, s:s, s:s}", "min", points_json(tiers[k].min),
                                         "id", tiers[k].id, "name", zh ? tiers[k].zh : tiers[k].en));
  const score_tier *tr = &tiers[r->tier >= 0 && r->tier < nt ? r->tier : nt - 1];
  json_object_set_new(d, "tier", json_pack("{s:s, s:s}", "id", tr->id, "name", zh ? tr->zh : tr->en));
  json_object_set_new(d, "tiers", tj);
  json_object_set_new(d, "attempt", json_boolean(r->attempt));
  json_object_set_new(d, "visit_kind", json_string(score_visit_kind_name(r->kind)));

  json_t *skills = json_object();
  for (int k = 0; k < SK_COUNT; k++) {
    json_t *sk = json_object(), *fa = json_array();
    /* a skill without evidence is "not shown": no score rather than a made-up 50 */
    json_object_set_new(sk, "score", r->shown[k] ? json_integer(lround(r->skills[k])) : json_null());
    json_object_set_new(sk, "shown", json_boolean(r->shown[k]));
    json_object_set_new(sk, "weight", points_json(r->weights[k]));
    for (int i = 0; i < r->n_findings; i++)
      if (r->findings[i].rule->skill == (score_skill)k)
        json_array_append_new(fa, finding_json(&r->findings[i], zh, sc, r->kind));
    json_object_set_new(sk, "findings", fa);
    json_object_set_new(skills, score_skill_name((score_skill)k), sk);
  }
  json_object_set_new(d, "skills", skills);
  json_object_set_new(d, "turns", turns_json(s));
  json_object_set_new(d, "commitments", commitments_json(s));
  json_object_set_new(d, "objections", objections_json(s));
  json_object_set_new(d, "hints_used", json_integer(s->hints_used));
  json_t *refl = json_array();
  const char *const *q = zh ? reflection_zh : reflection_en;
  for (size_t i = 0; i < sizeof reflection_en / sizeof reflection_en[0]; i++)
    json_array_append_new(refl, json_string(q[i]));
  json_object_set_new(d, "reflection", refl);
  json_object_set_new(d, "progress", json_array());
  return d;
}

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
  size_t len = strlen(s), i = 0;
  while (i < len) {
    size_t adv;
    int32_t cp = txt_decode(s + i, len - i, &adv);
    if (cp < 0) { sb_puts(&b, "\xEF\xBF\xBD"); i += adv; continue; }
    if (cp == 0x1B || cp == 0x9B || cp == 0x9D || cp == 0x90 || cp == 0x9E || cp == 0x9F ||
        cp == 0x98) {
      i = skip_escape(s, len, i, cp, adv);
      continue;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') sb_putc(&b, ' ');
    else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) { /* dropped */ }
    else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) { /* bidi */ }
    else sb_append(&b, s + i, adv);
    i += adv;
  }
  return sb_take(&b);
}

/* ---- shared by the renderers (debrief_int.h) ------------------------------------------- */

typedef struct tl { const char *en, *zh; } tl;
static const tl labels[L_COUNT] = {
  [L_OUTCOME] = { "Outcome", "结果" },
  [L_SCORE] = { "Score", "得分" },
  [L_PASS] = { "pass", "通过" },
  [L_NOT_YET] = { "not yet a pass", "未通过" },
  [L_SKILLS] = { "Skills", "各项技能" },
  [L_WHOLE] = { "The visit as a whole", "整体表现" },
  [L_TURN] = { "Turn", "轮次" },
  [L_WHY] = { "Why: ", "原因：" },
  [L_TRY] = { "Try: ", "试试：" },
  [L_REFLECT] = { "Think it over", "复盘思考" },
  [L_PROGRESS] = { "Your progress", "你的进步" },
  [L_NOW] = { "this attempt", "本次" },
  [L_NONE] = { "Nothing scored either way.", "没有得分或失分项。" },
  [L_ORDER] = { "ORDER", "成交" },
  [L_ADVANCE] = { "ADVANCE", "晋级" },
  [L_CONTINUATION] = { "CONTINUATION", "暂时中断" },
  [L_NO_SALE] = { "NO SALE", "未成交" },
  [L_FINDINGS] = { "Where you won or lost points", "得分与失分" },
  [L_HINTS] = { "Hints used", "使用提示" },
  [L_COMMITMENT] = { "commitment", "行动承诺" },
  [L_BENEFITS] = { "benefits", "利益总结" },
  [L_TACTICS] = { "tactics", "促单策略" },
  [L_DISCOVERY] = { "discovery", "需求发现" },
  [L_DEBRIEF] = { "Debrief", "复盘" },
  [L_TRANSCRIPT] = { "The conversation", "对话记录" },
  [L_CUSTOMER] = { "Customer", "客户" },
  [L_YOU] = { "You", "你" },
  [L_STARTED] = { "Started", "开始时间" },
  [L_RULE] = { "rule", "规则" },
  [L_POINTS] = { "points", "分值" },
  [L_SOURCE] = { "source", "出处" },
  [L_OBJECTIONS] = { "Objections the customer raised", "客户提出的异议" },
  [L_NOT_SHOWN] = { "not shown", "未体现" },
  [L_TIER] = { "Tier", "等级" },
  [L_PASS_MARK] = { "pass mark", "及格线" },
  [L_ENDED] = { "The visit ended: ", "拜访结束原因：" },
  [L_TOP] = { "What would have gained most", "最能提分的改进" },
  [L_FULL_HINT] = { "The full list of findings: play or replay with --full.",
                    "完整的得分与失分明细：play 或 replay 时加 --full。" },
};

const char *const deb_skill_names[4] = { "commitment", "benefits", "tactics", "discovery" };

/* See debrief_int.h: one UI label. */
const char *deb_label(int zh, int id) {
  if (id < 0 || id >= L_COUNT) return "";
  return zh ? labels[id].zh : labels[id].en;
}

/* See debrief_int.h: the banner word of an outcome. */
const char *deb_outcome_label(int zh, const char *oc) {
  int id = !oc ? L_CONTINUATION : strcmp(oc, "order") == 0 ? L_ORDER
         : strcmp(oc, "advance") == 0 ? L_ADVANCE : strcmp(oc, "no_sale") == 0 ? L_NO_SALE
         : L_CONTINUATION;
  return deb_label(zh, id);
}

/* See debrief_int.h: which language the labels are in. */
int deb_is_zh(const json_t *d, const char *override) {
  const char *l = override ? override : json_string_value(json_object_get(d, "language"));
  return l && strncmp(l, "zh", 2) == 0;
}

/* See debrief_int.h: every finding in reading order. */
size_t deb_items(const json_t *d, deb_item **out) {
  const json_t *skills = json_object_get(d, "skills");
  size_t n = 0, cap = 0;
  deb_item *v = NULL;
  for (int k = 0; k < 4; k++) {
    const json_t *fa = json_object_get(json_object_get(skills, deb_skill_names[k]), "findings");
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
const char *deb_cause_label(int zh, const char *c) {
  static const struct { const char *id, *en, *zh; } t[] = {
    { "goodbye", "you said goodbye.", "你告辞了。" },
    { "commitment", "the customer gave a commitment.", "客户做出了承诺。" },
    { "patience", "the customer ran out of time (they warned you two turns before).",
      "客户没时间了（提前两轮已提醒）。" },
    { "trust", "the customer lost trust and stopped the talk.", "客户失去信任，结束了谈话。" },
    { "reaction", "the scenario's customer ended it (a reaction).", "场景中的客户结束了拜访（反应规则）。" },
    { "time_limit", "the time limit was reached (announced two turns before).",
      "达到了时间上限（提前两轮已提醒）。" },
    { "left", "you left.", "你离开了。" },
  };
  for (size_t i = 0; c && i < sizeof t / sizeof t[0]; i++)
    if (strcmp(t[i].id, c) == 0) return zh ? t[i].zh : t[i].en;
  return NULL;
}

const char *deb_ended_label(int zh, const char *e) {
  static const struct { const char *id, *en, *zh; } t[] = {
    { "customer", "the customer ended it.", "客户结束了拜访。" },
    { "quit", "you left with /quit.", "你用 /quit 离开了。" },
    { "eof", "your input ended (Ctrl-D or the end of the script).", "输入结束（Ctrl-D 或脚本结束）。" },
    { "hangup", "the terminal hung up.", "终端断开了。" },
    { "interrupt", "you interrupted it (Ctrl-C).", "你中断了拜访（Ctrl-C）。" },
    { "turn_limit", "the turn limit was reached.", "达到了轮次上限。" },
  };
  for (size_t i = 0; e && i < sizeof t / sizeof t[0]; i++)
    if (strcmp(t[i].id, e) == 0) return zh ? t[i].zh : t[i].en;
  return zh ? "拜访仍在进行。" : "it is still going.";
}

/* See debrief_int.h: a selection of the most negative points, stable by reading order. */
size_t deb_top_losses(const deb_item *items, size_t n, size_t *out, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    double p = json_number_value(json_object_get(items[i].f, "points"));
    if (p >= 0) continue;
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

/* See debrief_int.h: the line a turn's findings quote. */
const char *deb_turn_quote(const deb_item *items, size_t n, size_t i) {
  for (size_t k = i; k < n && items[k].turn == items[i].turn; k++) {
    const json_t *q = json_object_get(items[k].f, "quote");
    if (json_is_string(q)) return json_string_value(q);
  }
  return NULL;
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
char *deb_objection_when(int zh, const json_t *o) {
  int turn = (int)json_integer_value(json_object_get(o, "turn"));
  const json_t *a = json_object_get(o, "answered");
  if (zh)
    return json_is_integer(a) ? xasprintf("第 %d 轮提出，第 %d 轮回应", turn, (int)json_integer_value(a))
                              : xasprintf("第 %d 轮提出，没有回应", turn);
  return json_is_integer(a) ? xasprintf("turn %d, answered at turn %d", turn, (int)json_integer_value(a))
                            : xasprintf("turn %d, never answered", turn);
}

const char *deb_skill_label(const char *lang, score_skill k) {
  if (k < 0 || k >= SK_COUNT) return "";
  return deb_label(lang && strcmp(lang, "zh") == 0, L_COMMITMENT + (int)k);
}

int deb_write_file(const json_t *d, char fmt, const char *path, char *err, size_t errlen) {
  strbuf b = {0};
  if (fmt == 'h') deb_render_html(d, &b);
  else deb_render_markdown(d, &b);
  int rc = util_write_atomic(path, b.s ? b.s : "", b.len, err, errlen);
  sb_free(&b);
  return rc;
}
