/*
** customer_talk.c: what makes the customer's words follow the conversation (issue 15).
**
**  - placeholders: {time} {person} {place} {action} in a line are filled from the slots of the
**    trainee's line being answered ({amount}: the first sum of money it names), in the
**    trainee's own spelling; "{time|the 1st}" says "the
**    1st" when the line named no time.  A placeholder without a fallback and without a value
**    is left out.
**  - no verbatim repeat: of a line's variants, one not said yet in this session is picked while
**    there is one.
**  - several people at one table: a customer name such as "Grace Liu and Martin Hale" or
**    "王主任和李处长" names the people; a line or need that starts "Grace:" is Grace's.  The
**    people the trainee's line names (or "both of you") are addressed; a variant spoken by the
**    person the turn prefers (the addressed one, unless the behaviour chose) is picked first.
** The words are the scenario's; this file only chooses among them and fills them in.
*/
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "customer_int.h"
#include "speakers.h"
#include "timex.h"
#include "util.h"

/* ===== people ============================================================================ */

/* Fills h->people from the customer's name: two or more people, or none (one customer). */
void cust_people_init(cust_host *h) {
  static_assert(sizeof h->people / sizeof h->people[0] == CUST_MAX_PEOPLE, "people[] holds CUST_MAX_PEOPLE");
  static_assert(CUST_MAX_PEOPLE <= SPK_MAX_PEOPLE, "speakers.c splits lines of every person");
  h->n_people = spk_people(h->sc->cust_name, h->people, CUST_MAX_PEOPLE);
}

void cust_people_free(cust_host *h) {
  for (int i = 0; i < h->n_people; i++) free(h->people[i]);
  h->n_people = 0;
}

/* The person (index) whose line this is: "Grace: ..." or "王主任：...", or -1. */
int cust_speaker_of(const cust_host *h, const char *text) {
  assert(h->n_people >= 0 && h->n_people <= CUST_MAX_PEOPLE);
  if (!text) return -1;
  for (int i = 0; i < h->n_people; i++) {
    size_t n = strlen(h->people[i]);
    if (strncasecmp(text, h->people[i], n) != 0) continue;
    const char *r = text + n;
    if (*r == ':' || strncmp(r, "：", strlen("：")) == 0) return i;
  }
  return -1;
}

/* Which people the turn's line addresses: a bit per person; all for "both of you"
** (spk_addressed, which the scorer reads too). */
unsigned cust_addressed(const cust_host *h, const cls_result *t) {
  if (!t || h->n_people < 2) return 0;
  return spk_addressed(h->people, h->n_people, t->text ? t->text : "");
}

/* ===== what was said ===================================================================== */

/* Lines are compared by hash (util_hash64, FNV-1a); a collision only makes a variant look used. */
uint64_t cust_text_hash(const char *s) { return util_hash64(s, strlen(s)); }

/* Is the hash x among the lines said? */
static int hash_said(const cust_host *h, uint64_t x) {
  for (int i = 0; i < h->n_said; i++) if (h->said[i] == x) return 1;
  return 0;
}

int cust_was_said(const cust_host *h, const char *text) { return hash_said(h, cust_text_hash(text)); }
int cust_hash_said(const cust_host *h, uint64_t x) { return hash_said(h, x); }

void cust_note_said(cust_host *h, const char *text) {
  uint64_t x = cust_text_hash(text);   /* once: it is both looked for and kept */
  if (hash_said(h, x)) return;
  if (h->n_said == h->cap_said) {
    h->cap_said = h->cap_said ? h->cap_said * 2 : 32;
    h->said = xrealloc(h->said, (size_t)h->cap_said * sizeof *h->said);
  }
  h->said[h->n_said++] = x;
}

/* One of n variants: not said yet and spoken by a preferred person first, then not said yet by
** nobody named, then said by a preferred person, then not said yet by someone else, then any.  One draw of the generator whenever n > 1 (as before this rule), so a session
** whose lines never repeat picks what it always picked. */
const char *cust_pick_among(cust_host *h, const char *const *v, int n) {
  return cust_pick_among_hashed(h, v, NULL, n);
}

/* See customer_int.h. */
const char *cust_pick_among_hashed(cust_host *h, const char *const *v, const uint64_t *hv, int n) {
  assert(n >= 0 && (n == 0 || v));
  if (n == 0) return NULL;
  if (n == 1) return v[0];
  uint64_t r = cust_rand(h);
  unsigned prefer = h->prefer;
  /* each variant's tier, read once (its hash and its speaker were read up to six times): 0 unsaid
  ** and by a preferred person, 1 unsaid and by nobody named, 2 said by a preferred person, 3
  ** unsaid by someone else, 4 said.  The right person repeating beats the wrong one speaking
  ** (play-test 22: Grace's need confirmed by "Martin: Correct." once "Grace: Yes, that's it." had
  ** been said) */
  unsigned char tier_buf[64];
  unsigned char *best = n <= 64 ? tier_buf : xmalloc((size_t)n);
  for (int i = 0; i < n; i++) {
    int fresh = !(hv ? hash_said(h, hv[i]) : cust_was_said(h, v[i]));
    int sp = prefer ? cust_speaker_of(h, v[i]) : -1;
    int mine = sp >= 0 && (prefer >> sp & 1), other = sp >= 0 && !mine;
    best[i] = (unsigned char)(fresh ? (mine ? 0 : other ? 3 : 1) : (mine ? 2 : 4));
  }
  const char *pick = v[r % (uint64_t)n];
  for (int tier = 0; tier < 5; tier++) {
    int m = 0;
    for (int i = 0; i < n; i++) m += best[i] <= tier;
    if (m == 0) continue;
    int k = (int)(r % (uint64_t)m);
    for (int i = 0; i < n; i++)
      if (best[i] <= tier && k-- == 0) { pick = v[i]; break; }
    break;
  }
  if (best != tier_buf) free(best);
  return pick;
}

/* ===== placeholders ====================================================================== */

static const char *const slot_word[CLS_SLOT_COUNT] = { "action", "time", "person", "place" };

/* Names of days and months, which the customer says with a capital whatever the trainee typed
** ("Starting next monday." read as a slip of the customer's: play-test 20). */
static const char *const proper_words[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
  "march", "april", "june", "july", "august", "september", "october", "november", "december", NULL };

/* Raises the first letter of each day or month name among s[0..n). */
static void capitalise_names(char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!islower((unsigned char)s[i]) || (i > 0 && isalpha((unsigned char)s[i - 1]))) continue;
    size_t w = i;
    while (w < n && isalpha((unsigned char)s[w])) w++;
    for (int k = 0; proper_words[k]; k++)
      if (strlen(proper_words[k]) == w - i && strncmp(s + i, proper_words[k], w - i) == 0)
        s[i] = (char)toupper((unsigned char)s[i]);
    i = w;
  }
}

/* A texting abbreviation of a day the customer says in full: "starting mon 3rd" was echoed
** "Starting mon." (play-test 23).  English words; NULL when w (n bytes) is none of them. */
static const char *day_in_full(const char *w, size_t n) {
  static const char *const abbr[][2] = {
    { "mon", "Monday" }, { "tue", "Tuesday" }, { "tues", "Tuesday" }, { "wed", "Wednesday" },
    { "thu", "Thursday" }, { "thur", "Thursday" }, { "thurs", "Thursday" }, { "fri", "Friday" },
    { "sat", "Saturday" }, { "sun", "Sunday" }, { "tmrw", "tomorrow" }, { "tmr", "tomorrow" },
    { "tmw", "tomorrow" }, { "2moro", "tomorrow" },
  };
  for (size_t k = 0; k < sizeof abbr / sizeof *abbr; k++)
    if (strlen(abbr[k][0]) == n && strncasecmp(w, abbr[k][0], n) == 0) return abbr[k][1];
  return NULL;
}

/* v (normalised text of the line) as the trainee wrote it: a slot's words, a sum; a day
** abbreviated in texting style in full. */
static void put_written(strbuf *b, const cls_result *t, const char *v, int at_start) {
  size_t n = strlen(v);
  const char *orig = t->text ? util_find_ci(t->text, v) : NULL;
  const char *src = orig ? orig : v;
  size_t start = b->len;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && isalnum((unsigned char)src[j])) j++;
    const char *full = j > i ? day_in_full(src + i, j - i) : NULL;
    if (full) sb_append(b, full, strlen(full));
    else sb_append(b, src + i, j > i ? j - i : 1);
    i = j > i ? j : i + 1;
  }
  n = b->len - start;
  capitalise_names(b->s + start, n);
  if (at_start && islower((unsigned char)b->s[start])) b->s[start] = (char)toupper((unsigned char)b->s[start]);
}

/* Does a placeholder start a sentence (so its first letter is raised)? */
static int sentence_start(const strbuf *b) {
  size_t i = b->len;
  while (i > 0 && b->s[i - 1] == ' ') i--;
  if (i == 0) return 1;
  char c = b->s[i - 1];
  return c == '.' || c == '!' || c == '?' || c == ':';
}

/* Whole characters a and b share from their starts (dir 1) or, read backwards from a + na and
** b + nb, from their ends (dir -1), spaces at the edge skipped; 0 for fewer than two characters
** or four bytes (one "我" shared by "我开车" and "我和小孙" says nothing). */
static size_t shared_run(const char *a, size_t na, const char *b, size_t nb, int dir) {
  size_t k = 0;
  const char *from;
  if (dir > 0) {
    while (na && *a == ' ') a++, na--;
    while (nb && *b == ' ') b++, nb--;
    while (k < na && k < nb && a[k] == b[k]) k++;
    while (k > 0 && k < na && ((unsigned char)a[k] & 0xC0) == 0x80) k--;   /* not inside a character */
    from = a;
  } else {
    while (na && a[na - 1] == ' ') na--;
    while (nb && b[nb - 1] == ' ') nb--;
    while (k < na && k < nb && a[na - 1 - k] == b[nb - 1 - k]) k++;
    while (k > 0 && ((unsigned char)a[na - k] & 0xC0) == 0x80) k--;
    from = a + na - k;
  }
  size_t chars = 0;
  for (size_t i = 0; i < k; i++) chars += ((unsigned char)from[i] & 0xC0) != 0x80;
  return chars >= 2 && k >= 4 ? k : 0;
}

#define TIME_WORDS_NEAR 36   /* bytes after a time within which the template's next words count */

/* The template's next words after a placeholder (rest): its first two characters after spaces
** and punctuation, or its first English word; *n their length in bytes (0: none worth seeking). */
static const char *next_words(const char *rest, size_t *n) {
  static const char fullwidth_comma[] = "\xef\xbc\x8c", ideographic_stop[] = "\xe3\x80\x82";
  for (;;) {
    if (*rest == ' ' || *rest == ',' || *rest == '.') rest++;
    else if (strncmp(rest, fullwidth_comma, 3) == 0 || strncmp(rest, ideographic_stop, 3) == 0) rest += 3;
    else break;
  }
  size_t k = 0;
  if (((unsigned char)rest[0] & 0x80) == 0) {
    while (rest[k] && rest[k] != ' ' && rest[k] != ',' && rest[k] != '.') k++;
  } else {
    for (int chars = 0; rest[k] && chars < 2; chars++)
      for (k++; ((unsigned char)rest[k] & 0xC0) == 0x80; k++) {}
  }
  *n = k >= 4 ? k : 0;
  return rest;
}

/* 1 when match m lies inside a time the trainee took back (the reader's `withdrawn:time`: "this
** Thursday - actually no, make that Monday"): it is not said back (play-test 29 F1). */
static int time_withdrawn(const cls_result *t, const cls_match *m) {
  for (int i = 0; i < t->n_matches; i++) {
    const cls_match *w = &t->matches[i];
    if (strcmp(w->label, "withdrawn:time") == 0 && w->start <= m->start && m->end <= w->end) return 1;
  }
  return 0;
}

/* The time of t's line that the placeholder's neighbours point to, when the line names more than
** one (malloc'd), else NULL: "您看这周五前参数定稿,下个月十号前后挂网" answered by "...{time|下月十号
**前后}挂网" is the posting date, not the first time said (play-test 20).  A time whose words
** before it end like the line so far (said, n bytes), or whose words after it start like the
** template after the placeholder (rest), by two characters and four bytes or more, is chosen; the
** first on a tie.  With none such, the time the template's next words follow closest, within
** TIME_WORDS_NEAR bytes: "那就按十号挂网倒推,参数这周五前定稿,把那两条写进去,定稿后您跟招标办把十号
** 挂网确认下来" answered "...你说的要求我{time|这两周}写进去" is the drafting deadline, not the
** posting date said first (play-test 28b: "你说的要求我十号写进去").  A time taken back
** (time_withdrawn) is none of them.  Matches that the reader joins into one time (tx_joins: "next
** tuesday at 6.30") are one time: the day was dropped for "At 6" (play-test 31c H2). */
static char *time_beside(const cls_result *t, const char *said, size_t n, const char *rest) {
  if (!t || !t->norm) return NULL;
  size_t len = strlen(t->norm), best_score = 0, best_s = 0, best_e = 0, s = 0, e = 0;
  size_t wn, near = TIME_WORDS_NEAR + 1, near_s = 0, near_e = 0;
  const char *words = next_words(rest, &wn);
  int spans = 0;
  for (int i = 0; i <= t->n_matches; i++) {
    const cls_match *m = i < t->n_matches ? &t->matches[i] : NULL;
    if (m && (strcmp(m->label, "time") != 0 || m->end > len || m->start >= m->end || time_withdrawn(t, m))) continue;
    if (m && spans > 0 && (m->start <= e || tx_joins(t->norm + e, m->start - e))) {   /* one span */
      if (m->end > e) e = m->end;
      continue;
    }
    if (spans > 0) {   /* the span [s, e) is whole: score it */
      size_t after = shared_run(t->norm + e, len - e, rest, strlen(rest), 1);
      size_t before = shared_run(t->norm, s, said, n, -1);
      size_t sc = after > before ? after : before;
      if (sc > best_score) best_score = sc, best_s = s, best_e = e;
      for (size_t d = 0; wn && d < near && e + d + wn <= len; d++)   /* the next words, how soon */
        if (memcmp(t->norm + e + d, words, wn) == 0) { near = d, near_s = s, near_e = e; break; }
    }
    if (m) s = m->start, e = m->end, spans++;
  }
  if (spans < 2) return NULL;
  if (best_score == 0) {
    if (near > TIME_WORDS_NEAR) return NULL;
    best_s = near_s, best_e = near_e;
  }
  return xstrndup(t->norm + best_s, best_e - best_s);
}

/* A time said back without the preposition the trainee put before it: "恳请您于本月二十日..."
** was echoed "行,于本月二十日报明年预算" (play-test 24, a 书面语 writer).  Points into v. */
static const char *said_time(const char *v) {
  static const char *const by[] = { "\xe4\xba\x8e" /* 于 */, "\xe5\x9c\xa8" /* 在 */ };
  for (size_t k = 0; k < sizeof by / sizeof *by; k++) {
    size_t n = strlen(by[k]);
    if (strncmp(v, by[k], n) == 0 && v[n]) return v + n;
  }
  return v;
}

/* 1 when time v is already in the reply so far (said): the placeholder after it asks for
** another time. */
static int time_said_already(const char *said, const char *v) {
  return said && v && *v && strstr(said, said_time(v)) != NULL;
}

/* The first time of t's line (one span of its `time` matches, none taken back) that the reply so
** far (said) has not named yet (malloc'd), or NULL.  A reply that names two times for two things
** ("行,今天先转两万。剩下的{time|下周五}前结清") is not filled with the trainee's "今天" twice:
** "剩下的今天前结清" (play-test 29f F2: the balance's date). */
static char *time_not_said(const cls_result *t, const char *said) {
  if (!t || !t->norm) return NULL;
  size_t len = strlen(t->norm), s = 0, e = 0;
  int spans = 0;
  for (int i = 0; i <= t->n_matches; i++) {
    const cls_match *m = i < t->n_matches ? &t->matches[i] : NULL;
    if (m && (strcmp(m->label, "time") != 0 || m->end > len || m->start >= m->end || time_withdrawn(t, m))) continue;
    if (m && spans > 0 && (m->start <= e || tx_joins(t->norm + e, m->start - e))) {   /* one span */
      if (m->end > e) e = m->end;
      continue;
    }
    if (spans > 0) {
      char *v = xstrndup(t->norm + s, e - s);
      if (!time_said_already(said, v)) return v;
      free(v);
    }
    if (m) s = m->start, e = m->end, spans++;
  }
  return NULL;
}

/* The text with its placeholders filled (malloc'd); see the comment at the top. */
char *cust_fill(const cust_host *h, const char *text) {
  if (!strchr(text, '{')) return xstrdup(text);
  const cls_result *t = h->turn;
  strbuf b = {0};
  sb_append(&b, "", 0);
  const char *p = text;
  while (*p) {
    if (*p == '{') {
      const char *close = strchr(p, '}');
      int s = -1;
      size_t wl = 0;
      for (int k = 0; close && k < CLS_SLOT_COUNT; k++) {
        wl = strlen(slot_word[k]);
        if (strncmp(p + 1, slot_word[k], wl) == 0 && (p[1 + wl] == '}' || p[1 + wl] == '|')) { s = k; break; }
      }
      int amount = s < 0 && close && strncmp(p + 1, "amount", 6) == 0 && (p[7] == '}' || p[7] == '|');
      if (amount) {   /* the first sum the line names, as written: "两万四", "$4,800" */
        const char *fb = p[7] == '|' ? p + 8 : NULL;
        if (t && t->has_amount && t->norm && t->amount_end > t->amount_start) {
          char *v = xstrndup(t->norm + t->amount_start, t->amount_end - t->amount_start);
          put_written(&b, t, v, 0);
          free(v);
        } else if (fb) {
          sb_append(&b, fb, (size_t)(close - fb));
        }
        p = close + 1;
        continue;
      }
      if (s >= 0) {
        const char *fb = p[1 + wl] == '|' ? p + 2 + wl : NULL;
        char *near = s == CLS_SLOT_TIME && t && t->slots[s] ? time_beside(t, b.s, b.len, close + 1) : NULL;
        if (s == CLS_SLOT_TIME && t && t->slots[s]) {   /* not the time this reply already named */
          if (near && time_said_already(b.s, near)) free(near), near = NULL;
          if (!near && time_said_already(b.s, t->slots[s]) && !(near = time_not_said(t, b.s))) {
            if (fb) sb_append(&b, fb, (size_t)(close - fb));
            p = close + 1;
            continue;
          }
        }
        if (near) put_written(&b, t, said_time(near), sentence_start(&b)), free(near);
        else if (t && t->slots[s] && *t->slots[s])
          put_written(&b, t, s == CLS_SLOT_TIME ? said_time(t->slots[s]) : t->slots[s], sentence_start(&b));
        else if (fb) sb_append(&b, fb, (size_t)(close - fb));
        else if (b.len && b.s[b.len - 1] == ' ' && (close[1] == ' ' || close[1] == '.' || close[1] == ','))
          b.len--, b.s[b.len] = '\0';   /* no value, no fallback: the words around close up */
        p = close + 1;
        continue;
      }
    }
    sb_putc(&b, *p++);
  }
  return b.s;
}

/* ===== news she was just told ============================================================ */

/* Words too common to show that a sentence was told already. */
static const char *const echo_common[] = { "just", "into", "with", "that", "this", "have", "from", "they",
  "them", "what", "when", "were", "been", "your", "about", "there", "their", "some", "more", "very",
  "already", "really", "much", "here", "will", "would", "could", "does", "know" };

/* Is the word w[0..n) (lowered) one of echo_common? */
static int echo_is_common(const char *w, size_t n) {
  for (size_t i = 0; i < sizeof echo_common / sizeof *echo_common; i++)
    if (strlen(echo_common[i]) == n && memcmp(echo_common[i], w, n) == 0) return 1;
  return 0;
}

/* Does text hold the lowered word w[0..n) as a whole word, case-folded? */
static int echo_has_word(const char *text, const char *w, size_t n) {
  for (const char *p = text; *p; p++) {
    if (p != text && isalpha((unsigned char)p[-1])) continue;
    size_t k = 0;
    while (k < n && p[k] && tolower((unsigned char)p[k]) == w[k]) k++;
    if (k == n && !isalpha((unsigned char)p[n])) return 1;
  }
  return 0;
}

/* The end of said's first sentence: its '.', '?' or '!' before a space and a word that does not
** go on in lower case, past a title's abbreviation ("Mr. Reyes"); the terminating NUL when said
** is one sentence.  "The scanners went down at 6 a.m. and we found out at 8, ..." is one: its
** "a.m. and" cut there left "and we found out at 8, ..." as all she said (play-test 30c F9). */
static const char *echo_sentence_end(const char *said) {
  static const char *const titles[] = { "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no" };
  for (const char *p = said; *p; p++) {
    if ((*p != '.' && *p != '?' && *p != '!') || p[1] != ' ') continue;
    const char *next = p + 1;
    while (*next == ' ') next++;
    if (islower((unsigned char)*next)) continue;   /* the sentence goes on ("a.m. and", "e.g. the") */
    if (*p == '.') {
      const char *w = p;
      while (w > said && isalpha((unsigned char)w[-1])) w--;
      int title = 0;
      for (size_t k = 0; k < sizeof titles / sizeof *titles && !title; k++)
        title = (size_t)(p - w) == strlen(titles[k]) && strncasecmp(w, titles[k], (size_t)(p - w)) == 0;
      if (title) continue;
    }
    return p;
  }
  return said + strlen(said);
}

/* "Tom mentioned your sister Lucia just moved into an older place across town. hows she finding
** the water there?" was answered "My sister Lucia just moved into an old house with awful hard
** water. The kettle is white inside already.": the trainee's own news, told back as hers
** (play-test 30 F11).  The opening sentence goes when the line shares at least three of its
** words of four letters or more (common ones aside), and half of them; what follows is said.
** Only in English, only for a `said` of two sentences or more that no person's name opens. */
char *cust_untold(const cust_host *h, const char *said) {
  const cls_result *t = h->turn;
  const char *line = t ? (t->norm ? t->norm : t->text) : NULL;
  if (!line || !said || strcmp(h->lang, "en") != 0 || cust_speaker_of(h, said) >= 0) return NULL;
  const char *end = echo_sentence_end(said);
  if (!*end) return NULL;                           /* one sentence: said whole */
  const char *rest = end + 1;
  while (*rest == ' ') rest++;
  if (!*rest) return NULL;
  int words = 0, shared = 0;
  for (const char *p = said; p < end;) {
    if (!isalpha((unsigned char)*p)) { p++; continue; }
    char w[32];
    size_t n = 0;
    while (p < end && isalpha((unsigned char)*p)) {
      if (n < sizeof w) w[n] = (char)tolower((unsigned char)*p);
      n++, p++;
    }
    if (n < 4 || n > sizeof w || echo_is_common(w, n)) continue;
    words++;
    shared += echo_has_word(line, w, n);
  }
  if (shared < 3 || shared * 2 < words) return NULL;
  return xstrdup(rest);
}
