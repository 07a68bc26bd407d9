/*
** featurize.c: a reading's features for the linear model (featurize.h).
*/
#include <stdlib.h>
#include <string.h>

#include "clause.h"
#include "featurize.h"
#include "text.h"
#include "util.h"

uint64_t ft_hash2(const char *prefix, const char *s, size_t n) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (const unsigned char *p = (const unsigned char *)prefix; *p; p++) h = (h ^ *p) * 0x100000001B3ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001B3ULL;
  return h ? h : 1;
}

static void add(ft_set *o, const char *prefix, const char *s, size_t n) {
  if (o->n >= FT_MAX) return;
  uint64_t k = ft_hash2(prefix, s, n);
  uint32_t slot = (uint32_t)k & (FT_SLOTS - 1);
  for (; o->seen[slot]; slot = (slot + 1) & (FT_SLOTS - 1))
    if (o->seen[slot] == k) return;
  o->seen[slot] = k;
  o->keys[o->n] = k;
  o->names[o->n] = o->keep_names ? xasprintf("%s%.*s", prefix, (int)n, s) : NULL;
  o->n++;
}

static void add_str(ft_set *o, const char *prefix, const char *s) { add(o, prefix, s, strlen(s)); }

/* add() of prefix followed by a[0..an), b[0..bn) and c[0..cn) without joining them first: FNV
** over the parts in turn is FNV over the joined text (snprintf for every pair was a third of
** the features' time). */
static void add3(ft_set *o, const char *prefix, const char *a, size_t an, const char *b, size_t bn,
                 const char *c, size_t cn) {
  if (o->n >= FT_MAX) return;
  uint64_t k = 0xCBF29CE484222325ULL;
  for (const unsigned char *p = (const unsigned char *)prefix; *p; p++) k = (k ^ *p) * 0x100000001B3ULL;
  for (size_t i = 0; i < an; i++) k = (k ^ (unsigned char)a[i]) * 0x100000001B3ULL;
  for (size_t i = 0; i < bn; i++) k = (k ^ (unsigned char)b[i]) * 0x100000001B3ULL;
  for (size_t i = 0; i < cn; i++) k = (k ^ (unsigned char)c[i]) * 0x100000001B3ULL;
  if (!k) k = 1;   /* as ft_hash2 */
  uint32_t slot = (uint32_t)k & (FT_SLOTS - 1);
  for (; o->seen[slot]; slot = (slot + 1) & (FT_SLOTS - 1))
    if (o->seen[slot] == k) return;
  o->seen[slot] = k;
  o->keys[o->n] = k;
  o->names[o->n] = o->keep_names ? xasprintf("%s%.*s%.*s%.*s", prefix, (int)an, a, (int)bn, b, (int)cn, c) : NULL;
  o->n++;
}

static int is_word_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\''; }

/* English words of one clause: base forms, and pairs with the clause's ends. */
static void english(wd_stemmer *stem, const char *t, size_t s, size_t e, ft_set *o) {
  char prev[WD_MAX_WORD + 2] = "^", cur[WD_MAX_WORD + 2];
  size_t prev_n = 1;
  int words = 0;
  for (size_t i = s; i < e;) {
    if (!is_word_byte(t[i])) { i++; continue; }
    size_t j = i;
    while (j < e && is_word_byte(t[j])) j++;
    int digits = 1;
    for (size_t k = i; k < j && digits; k++) digits = t[k] >= '0' && t[k] <= '9';
    if (digits) strcpy(cur, "#");
    else wd_stem(stem, t + i, j - i, cur, sizeof cur);
    size_t cur_n = strlen(cur);
    add(o, "w:", cur, cur_n);
    add3(o, "b:", prev, prev_n, "_", 1, cur, cur_n);   /* b:PREV_CUR */
    memcpy(prev, cur, cur_n + 1);
    prev_n = cur_n;
    words++;
    i = j;
  }
  if (words) add3(o, "b:", prev, prev_n, "_$", 2, "", 0);
}

/* Chinese characters of one clause, one to three at a time; ^ and $ mark the clause's ends. */
static void chinese(const char *t, size_t s, size_t e, ft_set *o) {
  char gram[32];
  /* the clause's CJK characters in order (runs split by Latin words join: 签个contract吧) */
  size_t pos[256], len[256];
  int m = 0;
  for (size_t i = s; i < e && m < 256;) {
    size_t adv;
    int32_t cp = txt_decode(t + i, e - i, &adv);
    if (cp >= 0 && txt_is_cjk(cp)) { pos[m] = i; len[m] = adv; m++; }
    i += adv;
  }
  for (int i = 0; i < m; i++) {
    size_t g = 0;
    for (int k = i; k < i + 3 && k < m; k++) {   /* the characters alone, without what lies between */
      memcpy(gram + g, t + pos[k], len[k]);
      g += len[k];
      add(o, "c:", gram, g);
    }
  }
  if (m > 0) {
    add3(o, "c:", "^", 1, t + pos[0], len[0], "", 0);
    add3(o, "c:", t + pos[m - 1], len[m - 1], "$", 1, "", 0);
    if (m > 1) add3(o, "c:", t + pos[m - 2], len[m - 2], t + pos[m - 1], len[m - 1], "$", 1);
  }
}

/* Named limits of a greeting clause: "Hey Maria!", "Good morning Dr Lee,", "王老师您好,". */
#define FT_GREETING_WORDS 4   /* English words */
#define FT_GREETING_CJK   6   /* Chinese characters */

/* 1 when clause c holds a greeting and little else.  Its words say nothing about the rest of
** the line, yet they diluted it: "Hey Maria! Do you know anyone who needs a water filter?" was
** no referral ask (p 0.03) while the line without "Hey Maria!" was one. */
static int greeting_only(const cls_result *r, const char *t, const cl_clause *c) {
  if (!cl_has_label(r, c, "greet")) return 0;
  int words = 0, cjk = 0;
  for (size_t i = c->start; i < c->end;) {
    size_t adv;
    int32_t cp = txt_decode(t + i, c->end - i, &adv);
    if (cp >= 0 && txt_is_cjk(cp)) cjk++;
    else if (is_word_byte(t[i]) && (i == c->start || !is_word_byte(t[i - 1]))) words++;
    i += adv ? adv : 1;
  }
  return words <= FT_GREETING_WORDS && cjk <= FT_GREETING_CJK;
}

void ft_extract(wd_stemmer *stem, const cls_result *r, ft_set *o) {
  ft_extract_part(stem, r, 0, o);
}

void ft_extract_part(wd_stemmer *stem, const cls_result *r, int no_seller, ft_set *o) {
  o->n = 0;
  const char *t = r->norm ? r->norm : "";
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  int greeted = 0;   /* a greeting clause was left out: so are its phrases and the greet move */
  size_t gs = 0, ge = 0;
  int skip[CL_MAX_CLAUSES] = { 0 }, seller = 0, other = 0;
  for (int k = 0; k < n; k++) {
    /* a statement clause with a seller's action phrase and no agent read at its start is the
    ** seller's too ("材料我下周三之前发给您": its topic comes before 我) */
    int sells = cl[k].agent == CL_AGENT_SELLER ||
                (cl[k].agent == CL_AGENT_NONE && cl[k].mood == CL_MOOD_STATEMENT && cl_has_label(r, &cl[k], "seller_action"));
    skip[k] = no_seller && sells;
    if (cl[k].addressed) continue;   /* a name alone speaks for nobody */
    if (sells) seller = 1;
    else other = 1;
  }
  o->mixed_agents = seller && other;
  for (int k = 0; k < n; k++) {
    if (skip[k]) continue;
    if (n > 1 && !greeted && greeting_only(r, t, &cl[k])) {   /* the greeting is the rules' */
      greeted = 1, gs = cl[k].start, ge = cl[k].end;
      continue;
    }
    english(stem, t, cl[k].start, cl[k].end, o);
    chinese(t, cl[k].start, cl[k].end, o);
    const char *agent = cl_agent_name(cl[k].agent), *mood = cl_mood_name(cl[k].mood);
    add3(o, "cl:", agent, strlen(agent), ":", 1, mood, strlen(mood));
  }
  int last = n - 1;
  while (last > 0 && skip[last]) last--;
  if (n > 0 && !skip[last]) add_str(o, "last:", cl_mood_name(cl[last].mood));
  for (int i = 0; i < r->n_matches; i++) {
    const char *l = r->matches[i].label;
    /* scenario items (need:ID ...) are the scenario's, not the language's */
    if (strncmp(l, "need:", 5) == 0 || strncmp(l, "benefit:", 8) == 0 || strncmp(l, "objection:", 10) == 0 ||
        strncmp(l, "commitment:", 11) == 0)
      continue;
    if (!cls_marker_is_feature(l)) continue;   /* for the rules after the model, or the links */
    if (strncmp(r->matches[i].phrase, "rule:", 5) == 0) continue;   /* the rules' moves come below */
    if (greeted && r->matches[i].start >= gs && r->matches[i].end <= ge) continue;
    int left_out = 0;
    for (int k = 0; k < n && no_seller; k++)
      left_out |= skip[k] && r->matches[i].start >= cl[k].start && r->matches[i].start < cl[k].end;
    if (left_out) continue;
    add_str(o, "lx:", l);
    /* a word class with its clause's mood: a linear model cannot join the two itself, and a worry
    ** asked about ("what might they object to?") is a check where a worry restated is not */
    if (strncmp(l, "class:", 6) == 0)
      for (int k = 0; k < n; k++)
        if (r->matches[i].start >= cl[k].start && r->matches[i].start < cl[k].end) {
          const char *mood = cl_mood_name(cl[k].mood);
          add3(o, "cx:", l + 6, strlen(l + 6), ":", 1, mood, strlen(mood));
          break;
        }
  }
  for (int m = 0; m < CLS_MOVE_COUNT; m++)
    if (CLS_HAS(r, m) && !(greeted && m == CLS_GREET) && !(no_seller && m == CLS_SELLER_ACTION))
      add_str(o, "rm:", cls_move_name((cls_move)m));
  for (int s = 0; s < CLS_SLOT_COUNT; s++) if (r->slots[s]) add_str(o, "slot:", cls_slot_name((cls_slot)s));
  if (r->has_amount) add_str(o, "slot:", "amount");   /* a sum of money: a payment ask's what (amount.h) */
  if (r->question) add_str(o, "", "q");
  if (r->vague) add_str(o, "", "vague");
  if (r->specific) add_str(o, "", "specific");
  if (r->negated) add_str(o, "", "negated");
  const char *tn = cls_tactic_name(r->tactic);
  if (tn) add_str(o, "tactic:", tn);
  /* leave the set clean: every run of filled slots starts at some key's home slot */
  for (int i = 0; i < o->n; i++)
    for (uint32_t slot = (uint32_t)o->keys[i] & (FT_SLOTS - 1); o->seen[slot]; slot = (slot + 1) & (FT_SLOTS - 1))
      o->seen[slot] = 0;
}

void ft_release(ft_set *s) {
  for (int i = 0; i < s->n; i++) free(s->names[i]);
  s->n = 0;
}
