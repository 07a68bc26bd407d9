/*
** timex.c: time expressions by PCRE2 patterns over normalised text (timex.h).
**
** The text is already normalised (lower case, half-width digits and punctuation), so the
** patterns need no case or width variants.  Every pattern of a language runs over the line; the
** longest non-overlapping hits win; hits separated only by spaces, commas or a joining word
** ("at", "on", "的") form one span: "下周三" + "下午" + "三点" is one time.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>   /* only its RUNNING_ON_VALGRIND request (a few instructions) */
#endif
#endif
#include "builtin.h"
#include "timex.h"
#include "util.h"

/* need: what a line must hold for the pattern to have a chance, as "a|b|c" (any of them; "#" is
** any ASCII digit).  Every match of re contains one of them, so a line with none skips the
** pattern without changing what is found (test_timex checks that on every data-set line). */
typedef struct tx_def { const char *name; int line; const char *re; const char *need; } tx_def;

/* Building blocks, spelled out once. */
#define ZN "(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,3})"                    /* a number */
#define ZWD "(?:周|星期|礼拜)"                                               /* week */
#define ZNUMBERED "(?!机|线|楼|门|库|仓|炉|柜|台|位|车|窗|口|房|床|箱|桌|压铸|机床|设备|厂房|车间)"   /* 三号机, 二号线: a thing numbered, no date */
#define ZBEFORE "(?:前后|左右|之前|以前|前|之内|以内|内)?"                      /* by, around ... */
/* "点" also counts points: "这三点", "以下三点", "第二点", "三点建议" are no clock time. */
#define ZCOUNTED_BEFORE "(?<!这|那|第|几|以下|以上|下面|上面|前面|后面|如下|围绕|分为|分成|归纳为|归纳成|总结为|概括为)"
#define ZCOUNTED_AFTER "(?!建议|意见|原因|理由|好处|优势|问题|要求|需求|内容|看法|想法|考虑|顾虑" \
                       "|担心|注意|说明|不足|改进|共识|区别|差异|变化|经验|体会|原则|事项|措施|做法" \
                       "|方面|理解|补充|疑问|好消息|心得|请求|期望|希望|目标|计划|结论|总结|价值)"
/* "一点" after a verb or 早/晚 is "a little": "先付一点" (play: a payment ask "with a time"),
** "晚一点我再打给您", "试一点"; "约一点在店里见" and "一点钟" / "一点半" stay clock times. */
#define ZLITTLE "(?!(?<=[付给转交还拿出买用试补垫让加减聊看说讲问学松宽早晚挪凑匀])一点(?!钟|半|一刻|三刻|[0-9]|[一二三四五]?十))"
#define EWD "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri" \
            "|wensday|wendsday|wednsday|wedensday|thrusday|thurday|firday|fryday|tuseday|teusday|munday)"
#define ENUMW "(?:a|an|one|two|three|four|five|six|seven|eight|a couple of|a few|couple of|[0-9]{1,2})"
#define EMONTH "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april" \
               "|june|july|august|september|october|november|december)"
#define ETIMEWORD "(?:" EWD "|tomorrow|tmrw?|tonight|today|noon|midday|end|eod|eow|next|this|" \
                  "the (?:end|beginning|start|middle|day after|[0-9])|" \
                  "[0-9]|" EMONTH ")"

static const tx_def zh_defs[] = {
  { "zh.relative_day", __LINE__, "(?:大后天|后天|明天|今天|明早|明晚|今晚|今早|明日|今日|(?:这|本|下)?个?周末)" ZBEFORE, "天|早|晚|日|周" },
  { "zh.weekday", __LINE__, "(?:这个?|本|下个?|下下个?)?" ZWD "[一二三四五六日天1-7](?![0-9十百千万个次天])" ZBEFORE, "周|星期|礼拜" },
  { "zh.week", __LINE__, "(?:这个?|本|下个?|下下个?)" ZWD "(?![一二三四五六日天1-7末])" ZBEFORE, "周|星期|礼拜" },
  { "zh.month", __LINE__, "(?:(?:这个?|本|下个?)月(?:初|中|底|" ZN "[号日])?|月底|月初|月中|年底|年前|(?:这|本|下)个?季度末?)" ZBEFORE, "月|年|季" },
  { "zh.part_of_day", __LINE__, "(?:上午|下午|中午|晚上|早上|早晨|傍晚|一早|午饭后|午休时|下班前|下班后|上班后)", "午|晚|早|傍|班" },
  /* (书面语 says the hour with 时: "下周二上午十时", "周五下午三时前"; not 一时间, 一时半会) */
  { "zh.clock", __LINE__, "(?<![有快些宜多少好高低慢大小差])" ZCOUNTED_BEFORE ZLITTLE ZN "(?:点钟?|:[0-9]{2}|时(?![间候期代刻辰段半冲]))"
                          "(?:半|一刻|三刻|[0-9]{1,2}分?|[一二三四五]?十?[一二三四五六七八九]?分)?" ZBEFORE
                          ZCOUNTED_AFTER, "点|:|时" },
  { "zh.clock_digits", __LINE__, "(?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9])", ":" },
  { "zh.date", __LINE__, "(?<!个|万|千)" ZN "月(?:" ZN "[日号]|初|中旬|上旬|下旬|中|底)?" ZBEFORE, "月" },  /* not after 万/千: "两万八月底" is a sum (29f) */
  /* "三号机", "二号线", "五号楼" number a machine, a line, a building: no date (play-test 31c: the
  ** lube factory's "三号压铸机" was a time beside the day asked) */
  { "zh.day_of_month", __LINE__, "(?<![0-9月])" ZN "[号日](?![0-9])" ZNUMBERED ZBEFORE, "号|日" },
  { "zh.duration", __LINE__, "(?:" ZN "|半)个?(?:天|周|星期|礼拜|月|工作日)(?:内|之内|以内|后|以后|之后)", "天|周|期|拜|月|日" },
  /* a numeral after 在 is a time only with its unit: "在二楼" is a place (the blind trainer of
  ** round 14: the time "下周二上午十点,在" was said back to her as "下周二上午十点,在开始") */
  { "zh.by", __LINE__, "(?:在|于|截止到?|最晚)(?=(?:(?:这|本|下)个?(?:周|星期|礼拜|月|季度)|明|今|后天|周|星期|礼拜|"
                       "[0-9一二三四五六七八九十两]+(?:[号日]" ZNUMBERED "|月|点|:|个?(?:周|星期|礼拜|月|工作日)|天)))", "在|于|截|最晚" },
  { NULL, 0, NULL, NULL }
};

static const tx_def en_defs[] = {
  { "en.relative_day", __LINE__, "\\b(?:the day after tomorrow|today|tomorrow|tmrw|tmr|tonight)\\b", "today|tomorrow|tmr|tonight" },
  { "en.weekday", __LINE__, "\\b(?:(?:this|next|coming|the following|the coming)\\s+)?" EWD "\\b\\.?", "mon|tue|wed|thu|fri|sat|sun|wen|thr|fir|fry|tus|teu|mun" },
  /* "sat", "sun" are words too (she sat down, the sun): a day only after on/by/this/next/... or
  ** before morning/am/or ("could u call her rn and see if i can swing by sat?": play-test 11) */
  { "en.weekend_day", __LINE__, "\\b(?:(?:on|by|this|next|till|until|before|from|after|or|coming)\\s+(?:sat|sun)\\b\\.?"
                                "|(?:sat|sun)\\.?(?=\\s+(?:morning|afternoon|evening|night|am|pm|at|or)\\b))", "sat|sun" },
  { "en.period", __LINE__, "\\b(?:this|next|the following|the coming|coming)\\s+(?:week|month|quarter|term|semester|weekend)\\b", "week|month|quarter|term|semester" },
  { "en.end_of", __LINE__, "\\b(?:(?:the\\s+)?(?:end|beginning|start|middle) of (?:the |this |next )?(?:day|week|month|quarter|term|" EMONTH ")|eod|eow|mid-?(?:month|week))\\b", "end|beginning|start|mid|eod|eow" },
  { "en.part_of_day", __LINE__, "\\b(?:(?:this|tomorrow|in the)\\s+)?(?:morning|afternoon|evening|lunchtime|lunch time|midday)\\b", "morning|afternoon|evening|lunch|mid" },
  { "en.clock", __LINE__, "\\b(?:at\\s+|around\\s+)?[0-9]{1,2}(?:[:.][0-5][0-9])?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|o'?clock)(?![a-z])", "#" },
  /* "at 6.30" is half past six (play-test 31c H2: read as "at 6"); "at 3.50 a litre" is a price */
  { "en.clock_at", __LINE__, "\\b(?:at|around)\\s+[0-9]{1,2}(?::[0-9]{2}|\\.[0-5][0-9](?![0-9.%])(?!\\s*(?:a|an|each|per|apiece|dollars|pounds|euros|quid|bucks|k|m|percent|%)\\b))?(?![0-9%])(?!\\s*(?:percent|people|users|staff|students|schools|sites|of\\b))", "#" },
  { "en.clock_digits", __LINE__, "\\b[0-9]{1,2}:[0-9]{2}\\b", "#" },
  /* "at half six" is half past six, British (play-test 32c M4: "I'll have Kev in at half six" was no time) */
  { "en.clock_words", __LINE__, "\\b(?:at|around)\\s+(?:half\\s+(?:past\\s+)?)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
                                "(?:\\s+(?:thirty|fifteen|forty-five))?(?:\\s*o'?clock|\\s*[ap]m)?"
                                "(?=\\s*$|\\s*[,.?!;]|\\s+(?:on|next|this|tomorrow|today|in|or|and|with|for|sharp|before|after|when|so|then)\\b)", "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon" },
  { "en.clock_oclock", __LINE__, "\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s*(?:o'?clock|[ap]m)\\b", "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon" },
  { "en.date_ordinal", __LINE__, "\\b(?:on\\s+)?(?:the\\s+)?[0-9]{1,2}(?:st|nd|rd|th)\\b(?:\\s+of\\s+" EMONTH "\\b)?", "#" },
  { "en.date_month", __LINE__, "\\b" EMONTH "\\.?\\s+[0-9]{1,2}(?:st|nd|rd|th)?\\b", "#" },
  { "en.date_numeric", __LINE__, "\\b[0-9]{1,2}/[0-9]{1,2}\\b", "#" },
  { "en.deadline", __LINE__, "\\b(?:by|before|no later than|ahead of|until)(?=\\s+" ETIMEWORD ")", "by|before|later|ahead|until" },
  { "en.duration", __LINE__, "\\b(?:in|within|inside)\\s+(?:the next\\s+)?" ENUMW "\\s+(?:more\\s+)?(?:days?|weeks?|months?|business days?|working days?)\\b", "day|week|month" },
  { "en.from_now", __LINE__, "\\b" ENUMW "\\s+(?:days?|weeks?|months?)\\s+from\\s+(?:now|today)\\b", "day|week|month" },
  { NULL, 0, NULL, NULL }
};

#define TX_MAX_TRIG 63              /* bit 63 of a need mask is "any ASCII digit" */
#define TX_DIGIT (1ULL << 63)

struct tx_set {
  int n;
  const tx_def *defs;
  pcre2_code **code;
  char **source;
  pcre2_match_data *md;
  /* the one pass before the patterns (tx_find): which of the needs a line holds */
  int n_trig;
  const char *trig[TX_MAX_TRIG];   /* the distinct strings of every pattern's need, in place in
                               ** the patterns' table (trig_len bytes each, no NUL) */
  size_t trig_len[TX_MAX_TRIG];
  uint64_t first[256];         /* the triggers that start with this byte */
  uint64_t second[256];        /* those whose second byte is this one, and every shorter one
                               ** (first[] alone lets most triggers through at every character
                               ** of a Chinese line: they share its lead bytes) */
  uint64_t *need;              /* per pattern: the triggers any of which lets it run */
  int no_prefilter;            /* tests: run every pattern on every line */
  struct tx_jit *jit;          /* mutable through a const set: see tx_find */
};

/* JIT compilation pays for itself over many lines (walks, long visits), not over the few of a
** short visit or a start-up: the patterns are compiled after TX_JIT_AFTER lines.  Never under
** valgrind, which reports reads inside JIT code that are not ours. */
#define TX_JIT_AFTER 32
struct tx_jit { unsigned long lines; int done; };

static int under_valgrind(void) {
#ifdef RUNNING_ON_VALGRIND
  return RUNNING_ON_VALGRIND != 0;
#else
  return 0;
#endif
}

/* JIT-compiles every pattern once the set has matched enough lines (when PCRE2 has a JIT). */
static void maybe_jit(const tx_set *t) {
  struct tx_jit *j = t->jit;
  if (j->done || ++j->lines < TX_JIT_AFTER) return;
  j->done = 1;
  uint32_t have = 0;
  if (pcre2_config(PCRE2_CONFIG_JIT, &have) < 0 || !have || under_valgrind()) return;
  for (int i = 0; i < t->n; i++) pcre2_jit_compile(t->code[i], PCRE2_JIT_COMPLETE);   /* else interpreted */
}

/* Splits each pattern's need into the set's triggers. */
static void build_needs(tx_set *t) {
  t->need = xcalloc((size_t)t->n + 1, sizeof *t->need);
  for (int i = 0; i < t->n; i++) {
    const char *p = t->defs[i].need;
    while (p && *p) {
      const char *bar = strchr(p, '|');
      size_t n = bar ? (size_t)(bar - p) : strlen(p);
      if (n == 1 && *p == '#') {
        t->need[i] |= TX_DIGIT;
      } else {
        int k = t->n_trig;   /* the triggers seen so far that start with this byte: first[] */
        for (uint64_t m = t->first[(unsigned char)*p]; m; m &= m - 1) {
          int j = __builtin_ctzll(m);
          if (t->trig_len[j] == n && memcmp(t->trig[j], p, n) == 0) { k = j; break; }
        }
        if (k == t->n_trig && k < TX_MAX_TRIG) {
          t->trig[k] = p;
          t->trig_len[k] = n;
          t->first[(unsigned char)*p] |= 1ULL << k;
          if (n >= 2) t->second[(unsigned char)p[1]] |= 1ULL << k;
          else for (int b = 0; b < 256; b++) t->second[b] |= 1ULL << k;
          t->n_trig++;
        }
        if (k < TX_MAX_TRIG) t->need[i] |= 1ULL << k;
        else t->need[i] = ~0ULL;   /* too many to tell apart: always run (never in practice) */
      }
      p = bar ? bar + 1 : p + n;
    }
    if (!t->need[i]) t->need[i] = ~0ULL;   /* no need given: always run */
  }
}

/* The triggers a line holds, in one pass (digits as TX_DIGIT). */
static uint64_t line_needs(const tx_set *t, const unsigned char *s, size_t len) {
  uint64_t seen = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] >= '0' && s[i] <= '9') { seen |= TX_DIGIT; continue; }
    /* a trigger of two bytes or more needs the next byte too (a shorter one is in every second[],
    ** and at the last byte only such a one can fit) */
    uint64_t m = t->first[s[i]] & ~seen & (i + 1 < len ? t->second[s[i + 1]] : ~0ULL);
    while (m) {
      int k = __builtin_ctzll(m);
      m &= m - 1;
      if (t->trig_len[k] <= len - i && memcmp(s + i, t->trig[k], t->trig_len[k]) == 0) seen |= 1ULL << k;
    }
  }
  return seen;
}

static const tx_def *defs_of(const char *lang) {
  return (lang && strcmp(lang, "zh") == 0) ? zh_defs : en_defs;
}

/* Every pattern of a language, each name and expression ended by a NUL: what the built-in
** serialised form (builtin.h) was made from. */
static void pattern_text(const tx_def *defs, strbuf *b) {
  for (int i = 0; defs[i].name; i++) {
    sb_append(b, defs[i].name, strlen(defs[i].name) + 1);
    sb_append(b, defs[i].re, strlen(defs[i].re) + 1);
  }
}

/* Takes the patterns from the built-in serialised form when it was made from these very
** patterns and this PCRE2 accepts it (same version and configuration); 0 when it cannot. */
static int decode_builtin(tx_set *t, const char *lang) {
  strbuf src = {0};
  pattern_text(t->defs, &src);
  const bi_entry *e = bi_find(strcmp(lang, "zh") == 0 ? "timex/zh" : "timex/en", src.s, src.len);
  sb_free(&src);
  if (!e || !e->bytes) return 0;
  if (pcre2_serialize_get_number_of_codes(e->bytes) != t->n) return 0;
  if (pcre2_serialize_decode(t->code, t->n, e->bytes, NULL) != t->n) {
    memset(t->code, 0, (size_t)t->n * sizeof *t->code);
    return 0;
  }
  return 1;
}

/* The patterns of a language, decoded from the built-in form when allowed and possible, else
** compiled; a pattern that does not compile is reported. */
static tx_set *make_set(const char *lang, int allow_builtin, diag *d) {
  const tx_def *defs = defs_of(lang);
  lang = defs == zh_defs ? "zh" : "en";
  tx_set *t = xcalloc(1, sizeof *t);
  t->defs = defs;
  while (defs[t->n].name) t->n++;
  t->code = xcalloc((size_t)t->n, sizeof *t->code);
  t->source = xcalloc((size_t)t->n, sizeof *t->source);
  for (int i = 0; i < t->n; i++) {   /* by hand: xasprintf's two passes were a third of a set's making */
    static const char file[] = "engine/timex.c:";
    char num[16];
    int k = (int)sizeof num, v = defs[i].line;
    do num[--k] = (char)('0' + v % 10); while ((v /= 10) > 0);
    t->source[i] = xmalloc(sizeof file + sizeof num - (size_t)k);
    memcpy(t->source[i], file, sizeof file - 1);
    memcpy(t->source[i] + sizeof file - 1, num + k, sizeof num - (size_t)k);
    t->source[i][sizeof file - 1 + sizeof num - (size_t)k] = '\0';
  }
  int decoded = allow_builtin && decode_builtin(t, lang);
  for (int i = 0; i < t->n && !decoded; i++) {
    int err; PCRE2_SIZE off;
    t->code[i] = pcre2_compile((PCRE2_SPTR)defs[i].re, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
    if (!t->code[i]) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(err, msg, sizeof msg);
      diag_add(d, DIAG_ERROR, "engine/timex.c", defs[i].line, (int)off + 1, "time pattern %s: %s",
               defs[i].name, (const char *)msg);
      tx_free(t);
      return NULL;
    }
    /* JIT compilation comes later, when the set has been used enough (maybe_jit) */
  }
  t->md = pcre2_match_data_create(4, NULL);
  t->jit = xcalloc(1, sizeof *t->jit);
  build_needs(t);
  return t;
}

void tx_prefilter(tx_set *t, int on) { t->no_prefilter = !on; }

tx_set *tx_new(const char *lang, diag *d) { return make_set(lang, 1, d); }
tx_set *tx_compile(const char *lang, diag *d) { return make_set(lang, 0, d); }

/* The patterns of a language serialised by PCRE2 (what the generator writes into builtin.h's
** table), malloc'd, and the text they are made from; -1 when PCRE2 cannot serialise. */
int tx_serialize(const tx_set *t, unsigned char **bytes, size_t *n, char **src, size_t *src_len) {
  uint8_t *out; PCRE2_SIZE size;
  if (pcre2_serialize_encode((const pcre2_code **)t->code, t->n, &out, &size, NULL) < 0) return -1;
  *bytes = xmalloc(size);
  memcpy(*bytes, out, size);
  *n = size;
  pcre2_serialize_free(out);
  strbuf b = {0};
  pattern_text(t->defs, &b);
  *src_len = b.len;
  *src = sb_take(&b);
  return 0;
}

/* Releases the compiled patterns and their sources. */
void tx_free(tx_set *t) {
  if (!t) return;
  for (int i = 0; i < t->n; i++) { pcre2_code_free(t->code[i]); free(t->source[i]); }
  free(t->code); free(t->source);
  free(t->need);
  free(t->jit);
  pcre2_match_data_free(t->md);
  free(t);
}

int tx_count(const tx_set *t) { return t->n; }
const char *tx_name(const tx_set *t, int i) { return i >= 0 && i < t->n ? t->defs[i].name : NULL; }

/* Longer first at the same start, so the greedy pass keeps the longest. */
static int cmp_hit(const void *a, const void *b) {
  const tx_hit *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  return 0;
}

/* Text between two hits that still reads as one time: spaces, commas, "at", "on", "的". */
int tx_joins(const char *s, size_t len) {
  while (len && (*s == ' ' || *s == ',')) { s++; len--; }
  while (len && (s[len - 1] == ' ' || s[len - 1] == ',')) len--;
  if (len == 0) return 1;
  static const char *const words[] = { "at", "on", "around", "in the", "的", "on the", NULL };
  for (int i = 0; words[i]; i++)
    if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0) return 1;
  return 0;
}

/* Runs every pattern, keeps the longest non-overlapping hits, numbers the joined spans. */
int tx_find(const tx_set *t, const char *s, size_t len, tx_hit **hits, int *spans) {
  tx_hit *v = NULL; int n = 0, cap = 0;
  *hits = NULL; *spans = 0;
  /* match data is per-set; a set is used by one thread at a time */
  pcre2_match_data *md = t->md;
  uint64_t has = t->no_prefilter ? ~0ULL : line_needs(t, (const unsigned char *)s, len);
  if (has) maybe_jit(t);
  for (int i = 0; i < t->n; i++) {
    if (!(t->need[i] & has)) continue;   /* this line cannot match pattern i */
    PCRE2_SIZE off = 0;
    while (off <= len) {
      int rc = pcre2_match(t->code[i], (PCRE2_SPTR)s, len, off, PCRE2_NO_UTF_CHECK, md, NULL);
      if (rc < 0) break;
      PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
      if (ov[1] > ov[0]) {
        v = xgrow(v, n, &cap, sizeof *v, 8);
        v[n++] = (tx_hit){ t->defs[i].name, t->source[i], ov[0], ov[1], 0 };
        off = ov[1];
      } else {
        off = ov[1] + 1;
        while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80) off++;
      }
    }
  }
  if (n == 0) { free(v); return 0; }
  qsort(v, (size_t)n, sizeof *v, cmp_hit);
  int keep = 0; size_t last_end = 0;
  for (int i = 0; i < n; i++) {
    if (keep > 0 && v[i].start < last_end) continue;
    v[keep++] = v[i];
    last_end = v[i].end;
  }
  int span = 0;
  for (int i = 0; i < keep; i++) {
    if (i > 0 && !tx_joins(s + v[i - 1].end, v[i].start - v[i - 1].end)) span++;
    v[i].span = span;
  }
  *hits = v;
  *spans = span + 1;
  return keep;
}
