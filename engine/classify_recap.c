/*
** classify_recap.c: a benefits summary told by the visit, not by its words (cls_read_recap).
**
** "ChairTime lets patients move their own bookings online, so Jade gets her mornings back, and
** the text reminders cut no-shows, so those empty hours get filled. Does that cover what you
** need?" sums up: two of the scenario's benefits, each laid against a need the customer voiced,
** right after she confirmed them.  No "to sum up" opens it, so the reader alone (rule 4,
** classify_rules.c) cannot tell it from a first pitch of two benefits; the session can, and
** asks here before the customer reacts, so the customer and the scorer see the same summary
** (play-test 9: the customer and the debrief both missed it, and a trainee who put "So to sum
** up, Ruth:" in front of the same line got the trial the other was refused).
*/
#include <assert.h>
#include <string.h>

#include "classify_int.h"
#include "clause.h"
#include "util.h"

#define BIT(m) ((uint64_t)1 << (m))

/* Where the last benefit the line names ends (0 when it names none). */
static size_t last_benefit_end(const cls_result *r) {
  size_t end = 0;
  for (int m = 0; m < r->n_matches; m++)
    if (strncmp(r->matches[m].label, "benefit:", 8) == 0 && r->matches[m].end > end) end = r->matches[m].end;
  return end;
}

/* 1 when every question of the line comes after the last benefit it names, in clauses of
** their own: the recap is stated, then checked ("... Does that cover what you need?"). */
static int stated_then_checked(const cls_result *r) {
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  size_t last_benefit = last_benefit_end(r);
  for (int k = 0; k < n; k++)
    if (cl[k].mood == CL_MOOD_QUESTION && cl[k].start < last_benefit) return 0;
  return 1;
}

/* How many statement clauses come before the line's first question ("... not a paper list.
** does that ...?": 1). */
static int statements_first(const cls_result *r) {
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), k = 0;
  while (k < n && cl[k].mood == CL_MOOD_STATEMENT) k++;
  return k < n ? k : 0;
}

/* 1 when the line's last clause is a question holding a question word ("what", "how", 什么, 怎么). */
static int ends_open_question(const cls_result *r) {
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  return n > 0 && cl[n - 1].mood == CL_MOOD_QUESTION &&
         (cl_has_label(r, &cl[n - 1], "wh") || cl_has_label(r, &cl[n - 1], "asking_wh"));
}

static int count(uint64_t m) { int n = 0; for (; m; m &= m - 1) n++; return n; }

/* The benefits a reading names (bits), the needs they answer, and the needs it names itself. */
static void bits_of(const scenario *sc, const cls_result *r, uint64_t *named, uint64_t *answered, uint64_t *said) {
  *named = *answered = *said = 0;
  for (int i = 0; r && i < r->n_benefits; i++) {
    int b = r->benefits[i];
    if (b < 0 || b >= sc->n_benefits || b >= 64) continue;
    *named |= BIT(b);
    const scn_benefit *bn = &sc->benefits[b];
    for (int j = 0; bn->need_index && j < bn->answers.n; j++)
      if (bn->need_index[j] >= 0 && bn->need_index[j] < 64) *answered |= BIT(bn->need_index[j]);
  }
  for (int i = 0; r && i < r->n_needs; i++)
    if (r->needs[i] >= 0 && r->needs[i] < 64) *said |= BIT(r->needs[i]);
}

/* 1 when the line shows a benefit of the mask (named & ~presented: one the visit had not shown, or
** every one it names when presented is 0) in the seller's own voice: with evidence (proof: a
** reference, cases) or in a statement the seller speaks ("我们跟市里四家医院的HIS都对接过", "我们在
** 省人医做的就是智慧病房,去年评审...拿了满分").  Such a line presents it, whatever needs it names: a
** recap says again what she has been shown, in her terms.  Play-test 30b F3: three benefit lines
** of a hospital campaign were summaries ("你这么一归纳", "你总结得很到位"), two of them "-10 leaves
** out a need confirmed in visit 1". */
static int shows_own(const cls_result *r, uint64_t named, uint64_t presented, int by_proof) {
  if (!(named & ~presented)) return 0;
  if (by_proof && CLS_HAS(r, CLS_PROOF)) return 1;
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  /* (not one that announces what follows: "我再给您详细介绍一下:" opens a list) */
  for (int k = 0; k < n; k++)
    if (cl[k].agent == CL_AGENT_SELLER && cl[k].mood == CL_MOOD_STATEMENT && cl_end_mark(r, &cl[k]) != ':') return 1;
  return 0;
}

/* 1 when benefits (named, answering the needs `answered`, in words that name the needs `said`)
** sum up: they answer two needs the customer voiced (one she never voiced besides is the scorer's
** to judge: summary_unconfirmed_needs, as after "to sum up"), and they are laid against them
** right after she confirmed them, or restate benefits already shown: a first pitch of two
** benefits later on is a presentation (play-test 8); words that name two of her needs
** themselves, each with the benefit that answers it, are the summary whenever they come ("那用上
** 学工通,签到自动就出来了,辅导员早上能省出人来;学生连着没来系统马上报给辅导员,您就不用再等校长打电
** 话了": play-tests, round 10, the most common complaint).  Right after she confirmed two needs,
** naming both again with the benefit of one is the summary too: the index misses some benefits
** in the trainee's shorthand ("beacon = 1 alert to oncall when smth breaks, not 200 emails":
** play-test 11, 44 continuation against 75 advance for "so basically" in front). */
static int sums_up(uint64_t named, uint64_t answered, uint64_t said, uint64_t known, uint64_t presented,
                   int after_confirm) {
  int n = count(answered & known), restated = count(answered & known & said);
  if (after_confirm && count(said & known) >= 2 && restated >= 1) return 1;
  return n >= 2 && count(named) >= 2 && (after_confirm || (named & ~presented) == 0 || restated >= 2);
}

/* Notes on r, over the whole line, that the recap rule `why` at source line `line` read it as
** label (every reading's audit shows it). */
static void recap_note(cls_result *r, const char *label, const char *why, int line) {
  *cls_match_push(r) = (cls_match){ xstrdup(label), xasprintf("rule:%s", why),
                                    xasprintf("engine/classify_recap.c:%d", line), 0, strlen(r->norm), 0 };
}

/* Makes r the summary, the rule `why` (a rule match of that name says so). */
static void make_summary(cls_result *r, const char *why, int line) {
  r->moves |= BIT(CLS_SUMMARIZE_BENEFITS);
  r->moves &= ~(BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_GAIN_APPEAL) | BIT(CLS_SELLER_ACTION) |
                BIT(CLS_PRESENT_FEATURE) | BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION));
  r->model_moves &= ~(BIT(CLS_PRESENT_BENEFIT) | BIT(CLS_GAIN_APPEAL) | BIT(CLS_SELLER_ACTION) |
                      BIT(CLS_PRESENT_FEATURE) | BIT(CLS_OPEN_QUESTION) | BIT(CLS_CLOSED_QUESTION) |
                      BIT(CLS_SUMMARIZE_BENEFITS));   /* the visit reads it now, not the model alone */
  if (r->tactic == CLS_TACTIC_NONE) r->tactic = CLS_TACTIC_GAIN;   /* a summary motivates by gain */
  recap_note(r, cls_move_name(CLS_SUMMARIZE_BENEFITS), why, line);
}

/* Makes r, a summary only the model read, the pitch of its benefits (present_benefit). */
static void first_pitch(cls_result *r, int line) {
  r->moves &= ~BIT(CLS_SUMMARIZE_BENEFITS);
  r->model_moves &= ~BIT(CLS_SUMMARIZE_BENEFITS);
  r->moves |= BIT(CLS_PRESENT_BENEFIT);
  if (r->tactic == CLS_TACTIC_NONE) r->tactic = CLS_TACTIC_GAIN;
  recap_note(r, cls_move_name(CLS_PRESENT_BENEFIT), "first_pitch", line);
}

/* Makes r, a summary only the model read, a recap of her needs (confirm_need): it plays back
** what she told before anything was shown to her. */
static void needs_recap(cls_result *r, int line) {
  r->moves &= ~BIT(CLS_SUMMARIZE_BENEFITS);
  r->model_moves &= ~BIT(CLS_SUMMARIZE_BENEFITS);
  r->moves |= BIT(CLS_CONFIRM_NEED);
  if (r->tactic == CLS_TACTIC_GAIN && !CLS_HAS(r, CLS_GAIN_APPEAL) && !CLS_HAS(r, CLS_PRESENT_BENEFIT))
    r->tactic = CLS_TACTIC_NONE;
  recap_note(r, cls_move_name(CLS_CONFIRM_NEED), "needs_recap", line);
}

/* Drops a summary only the model read; a question the line asks is read as one. */
static void no_summary(cls_result *r, int line) {
  r->moves &= ~BIT(CLS_SUMMARIZE_BENEFITS);
  r->model_moves &= ~BIT(CLS_SUMMARIZE_BENEFITS);
  if (r->tactic == CLS_TACTIC_GAIN && !CLS_HAS(r, CLS_GAIN_APPEAL) && !CLS_HAS(r, CLS_PRESENT_BENEFIT))
    r->tactic = CLS_TACTIC_NONE;
  if (!(r->moves & CLS_ASK_MOVES)) cls_read_question(r);
  recap_note(r, cls_move_name(CLS_SUMMARIZE_BENEFITS), "no_recap", line);
}

/* Appends to the list *v (*n long, malloc'd) the ids of add not already in it (negatives skipped). */
static void add_ids(int **v, int *n, const int *add, int n_add) {
  for (int i = 0; i < n_add; i++) {
    int have = add[i] < 0;
    for (int j = 0; j < *n && !have; j++) have = (*v)[j] == add[i];
    if (have) continue;
    *v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
    (*v)[(*n)++] = add[i];
  }
}

/* Adds to r the benefits and needs of the lines of run not already in it. */
static void take_run(cls_result *r, const cls_recap_ctx *v) {
  for (int k = 0; k < v->n_run; k++) {
    add_ids(&r->benefits, &r->n_benefits, v->run[k]->benefits, v->run[k]->n_benefits);
    add_ids(&r->needs, &r->n_needs, v->run[k]->needs, v->run[k]->n_needs);
  }
}

/* A recap over several lines, closed by a check: "it watches the scanners ... so you'd hear at
** 6:01, not 8." / "it only alerts on stuff that actually needs a human ..." / "and it spits out the
** uptime report for the spring audit ... does that match what you need?" ("Fair summary.", and
** the ask after it was marked "without first summing up": play-test 13, both languages; also one
** line "对您就三点:...;...;...。您看这几样是不是能对上您说的问题?" against her one confirmed need,
** which the model read as a summary of one benefit).  The lines together (the run and this one)
** answer or name every need she confirmed, each line's benefits answer needs she voiced, and
** this one checks after its last benefit. */
static int checked_recap(const scenario *sc, cls_result *r, const cls_recap_ctx *v) {
  if (!v->confirmed || !r->question || !stated_then_checked(r)) return 0;
  /* the checking line states a benefit itself, or states something and asks yes or no after two
  ** lines of benefits ("and no double bookings since the calendar is one place. does that sound
  ** like it'd fix the stuff you mentioned?"): "how much does it cost?" after two benefit lines is
  ** a question of its own (found by the e2e visit that ends in a refusal) */
  /* (asks yes or no: a closed question, or a line the model alone read as the summary for its
  ** "...the stuff you mentioned?", which names no benefit of its own) */
  int yes_no = CLS_HAS(r, CLS_CLOSED_QUESTION) || (r->model_moves & BIT(CLS_SUMMARIZE_BENEFITS));
  /* (nor a check for what still worries her: "Before we talk next steps, is there anything either
  ** of you is still unsure about?" after the pitch asks for doubts, and was "+20 Your summary tied
  ** the benefits", answered "Fair summary.": play-test 25; "talk ... steps" brushed the training
  ** benefit, "talks them through every step") */
  if (CLS_HAS(r, CLS_CHECK_CONCERNS)) return 0;
  if (r->n_benefits == 0 && (v->n_run < 2 || !yes_no || !statements_first(r))) return 0;
  /* alone, it lays out what it sums up before the check ("对您就三点:...;...;...。您看...?"), not
  ** one clause naming the product ("您最想解决的就是这个输液监测,对吧?" checks a need) */
  if (v->n_run == 0 && statements_first(r) < 3) return 0;
  uint64_t named, answered, said, cover = 0, benefits_for = 0;
  int lines_with_benefits = 0;
  for (int k = -1; k < v->n_run; k++) {
    const cls_result *p = k < 0 ? r : v->run[k];
    bits_of(sc, p, &named, &answered, &said);
    if (named && !(answered & v->known)) return 0;   /* a benefit for nothing she voiced */
    lines_with_benefits += named != 0;
    benefits_for |= answered;
    cover |= answered | said;
  }
  if (!lines_with_benefits || (v->confirmed & ~cover) || !(benefits_for & v->confirmed)) return 0;
  take_run(r, v);
  return 1;
}

/* 1 when the line's ask comes after everything it names: every benefit it links ends before its
** first request or question clause, and two statement clauses come first ("我捋一下:...;...。学工
** 通签到手机扫码,自动进表,报表一键出...。下周三下午,您出面请李主任和陈处长过来看个演示,行不行?"
** sums up, then asks: play-test 14, a seasoned rep's one line scored "without first summing up"
** and the same words over two lines 75 and an advance). */
static int summed_then_asked(const cls_result *r) {
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl), k = 0;
  while (k < n && cl[k].mood == CL_MOOD_STATEMENT) k++;
  return k >= 2 && k < n && last_benefit_end(r) <= cl[k].start;
}

static int recap_by_visit(const scenario *sc, cls_result *r, const cls_recap_ctx *v);

/* The needs of mask that a benefit the visit has shown (bits of presented) answers. */
static uint64_t shown_for(const scenario *sc, uint64_t presented, uint64_t mask) {
  uint64_t m = 0;
  for (int b = 0; b < sc->n_benefits && b < 64; b++) {
    const scn_benefit *bn = &sc->benefits[b];
    if (!(presented & BIT(b)) || !bn->need_index) continue;
    for (int j = 0; j < bn->answers.n; j++)
      if (bn->need_index[j] >= 0 && bn->need_index[j] < 64) m |= BIT(bn->need_index[j]);
  }
  return m & mask;
}

/* Where the first question or request clause of the line starts (the line's length when none). */
static size_t first_question_start(const cls_result *r) {
  cl_clause cl[CL_MAX_CLAUSES];
  int n = cl_read(r, cl);
  for (int k = 0; k < n; k++)
    if (cl[k].mood != CL_MOOD_STATEMENT) return cl[k].start;
  return strlen(r->norm);
}

/* 1 when every need the line names is named before its first question: the list is stated. */
static int needs_stated_first(const cls_result *r) {
  size_t q = first_question_start(r);
  for (int m = 0; m < r->n_matches; m++)
    if (strncmp(r->matches[m].label, "need:", 5) == 0 && r->matches[m].end > q) return 0;
  return 1;
}

/* A recap told as what she gets: once benefits for her needs were shown, a statement that names
** again every need she confirmed (two or more), each one a benefit shown answers, before anything
** it asks, and plays back nothing to check, sums up ("Great. So: something the chains can't copy,
** a run that clears in one season, and a margin that justifies the price. ... Shall I put 40 sets
** aside ...?" linked her needs, not the benefits, and the summary was credited a turn later, to
** the answer to her next worry: play-test 29a finding 7). */
static int recap_needs_met(const scenario *sc, cls_result *r, const cls_recap_ctx *v) {
  if (CLS_HAS(r, CLS_CONFIRM_NEED) || CLS_HAS(r, CLS_SUMMARIZE_BENEFITS) || count(v->confirmed) < 2) return 0;
  uint64_t named, answered, said;
  bits_of(sc, r, &named, &answered, &said);
  if ((v->confirmed & ~(said | answered)) || count(said & v->confirmed) < 2) return 0;
  if ((shown_for(sc, v->presented, said & v->confirmed) != (said & v->confirmed))) return 0;
  if (statements_first(r) < 2 && r->question) return 0;
  if (!needs_stated_first(r)) return 0;
  make_summary(r, "recap_needs_met", __LINE__);
  return 1;
}

int cls_read_recap(const cls_classifier *c, cls_result *r, const cls_recap_ctx *v) {
  assert(c && r && v);
  const scenario *sc = c->sc;
  if (!sc || !r->norm) return 0;
  if ((r->moves & CLS_ASK_MOVES) && !summed_then_asked(r)) {
    if ((r->model_moves & BIT(CLS_SUMMARIZE_BENEFITS)) && !r->n_benefits && !r->n_needs) no_summary(r, __LINE__);
    return 0;
  }
  if (CLS_HAS(r, CLS_SUMMARIZE_BENEFITS)) {   /* complete a summary by the lines it closes */
    if (checked_recap(sc, r, v)) {
      make_summary(r, "recap_checked", __LINE__);
      return 1;
    }
    /* before she has voiced any need, a line that guesses at her world and ends on an open
    ** question about it asks ("...probably a lot of those calls are people booking or moving
    ** appointments, which is kind of what we do, but I don't want to assume, so maybe you can
    ** tell me - what are most of those calls actually about?" was a first pitch, "-10 presented
    ** before any need" beside "+5 brought out a need": play-test 28a F8) */
    if (!v->known && (r->model_moves & BIT(CLS_SUMMARIZE_BENEFITS)) && ends_open_question(r)) {
      no_summary(r, __LINE__);
      return 0;
    }
    /* nothing voiced and nothing shown yet: there is nothing to sum up, whoever read the summary
    ** ("hi yes thats me!! so basically our sets are hand glazed in chaozhou, 6 piece place
    ** settings, ... and only 1000 made", the visit's first line, was "-15 Your summary cites needs
    ** the customer never voiced": play-test 28c #6); it is the first pitch of what it names */
    if (!v->known && !v->presented && r->n_benefits > 0) {
      first_pitch(r, __LINE__);
      return 0;
    }
    /* a summary of one benefit only the model read is one benefit stated to the scorer
    ** (summary_reading) and a summary to the customer ("Fair summary."): the visit may still make
    ** it the second half of one ("on your numbers, martin: ... payback in about 7 months" after
    ** the headsets' pitch to Grace; play-test 21: the pitch before it was "a summary that
    ** leaves out payback", -10, and this line no summary at all) */
    if (!(r->model_moves & BIT(CLS_SUMMARIZE_BENEFITS)) || r->n_benefits >= 2) return 0;
    /* ... and one in the seller's own voice, with proof or a statement of his, presents the
    ** benefit, shown before or not (a need played back may have named it: "参数里要把两条卡死:一是
    ** 输液实时监测报警,..." linked the alert two lines before "这两条我们都能满足:...三个案例") */
    uint64_t named, answered, said;
    bits_of(sc, r, &named, &answered, &said);
    if (shows_own(r, named, 0, 1)) {
      first_pitch(r, __LINE__);
      return 0;
    }
    if (recap_by_visit(sc, r, v)) return 1;
    /* ... and one that names two of her voiced needs again, beside a benefit that answers one of
    ** them, sums up on its own: the index links the trainee's words for a benefit to the need it
    ** serves ("so: water only when the soil needs it, which brings the bill down; tomas back on
    ** the crew instead of the probe; and a frost text in time to save the low block." linked
    ** three needs and one benefit, and the ask after it was "without first summing up":
    ** play-test 21) */
    if (!r->question && count(said & v->known) >= 2 && count(answered & v->known & said)) {
      make_summary(r, "recap_needs", __LINE__);
      return 1;
    }
    /* nothing to sum up: a benefit the visit had not shown yet is its first pitch, to the customer
    ** as to the scorer ("ok here's what vinewatch does. probes in each block tell you ... which rows
    ** are actually dry, ..." was a summary to Maggie, and her trainer's summary reaction answered it
    ** with the frost: play-test 22) */
    /* ... unless it plays back two or more of her voiced needs: "So the three things are: knowing
    ** before the floor does, nothing that needs a full-time admin, and the spring audit reports.
    ** Did I miss anything?" recaps what she said (one need in words a benefit's keyword shares),
    ** and was a pitch scored "+15 Show the gain first" with no need confirmed (play-test 27) */
    if (named && !(named & v->presented)) {
      if (count(said & v->known) >= 2) needs_recap(r, __LINE__);
      else first_pitch(r, __LINE__);
    }
    /* nothing of the scenario's in it: no summary ("上次说的学工通 您考虑得咋样了" asks how her
    ** thinking went; as a summary of nothing 周处长 said "这个我可没说是我们的问题。": play-test 22) */
    if (!named && !said) no_summary(r, __LINE__);
    return 0;
  }
  /* a yes/no question that plays back two or more needs she voiced, beside a benefit that answers
  ** one of them, sums up ("Great to hear. So better coffee, no more bottled water, and the light's
  ** sorted - you're happy with it now?" was a question and a gain, she told more of the coffee,
  ** and the summary was credited three turns later, to the ask: play-test 28c #3) */
  if (CLS_HAS(r, CLS_CLOSED_QUESTION) && !(r->moves & CLS_ASK_MOVES)) {
    uint64_t named, answered, said;
    bits_of(sc, r, &named, &answered, &said);
    if (named && count(said & v->known) >= 2 && (answered & v->known & said)) {
      make_summary(r, "recap_question", __LINE__);
      return 1;
    }
  }
  if (recap_by_visit(sc, r, v)) return 1;
  return recap_needs_met(sc, r, v);
}

/* The rules that make r a summary by the visit v (sums_up alone, the lines it closes, two lines):
** 1 when one did. */
static int recap_by_visit(const scenario *sc, cls_result *r, const cls_recap_ctx *v) {
  if (r->question && !stated_then_checked(r)) return 0;
  uint64_t named, answered, said;
  bits_of(sc, r, &named, &answered, &said);
  if (r->n_benefits >= 1 && sums_up(named, answered, said, v->known, v->presented, v->after_confirm)) {
    make_summary(r, "recap", __LINE__);
    return 1;
  }
  /* (a line that shows a new benefit in the seller's own voice is the second half of a
  ** presentation, not of a summary: "接口这块,我们跟市里四家医院的HIS都对接过,...护士不用两头录"
  ** after the infusion alert's pitch was "你这么一归纳", play-test 30b F3; one line laying two
  ** benefits against two needs still sums up, as above; a story of another customer may still
  ** complete one: "A shop in Bristol took twenty sets last spring and sold out in five weeks at
  ** full price." after the hand-glazed sets' pitch, in a judged listening visit) */
  if (shows_own(r, named, v->presented, 0)) return 0;
  /* Two lines: the one before stated benefits for some of her needs, this one for others
  ** (per person when two buyers sit at the table: "grace, ... no more mis-picks" then "and
  ** martin, ... pays for itself in a year"), and together they sum up as one line would,
  ** judged from where the first began; so does a line that adds the need a summary just left out
  ** ("...so you'd know at 6:01 not 8." then "and it replaces the email flood with a handful of
  ** alerts that matter", which names her need with no benefit the index knows).  Both were the
  ** most common complaint of the play-tests (rounds 9 to 11, both languages): the customer had
  ** agreed to each half, and the ask after them was marked "without first summing up". */
  const cls_result *p = v->prev;
  /* (one line alone is made a summary by the rules above or the model, never by its check:
  ** "您最想解决的就是这个输液监测,对吧?" names the product and checks a need) */
  if (v->n_run >= 1 && checked_recap(sc, r, v)) {
    make_summary(r, "recap_checked", __LINE__);
    return 1;
  }
  if (!p || !p->norm || (p->moves & CLS_ASK_MOVES) || p->n_benefits < 1 || p->question) return 0;
  uint64_t pn, pa, ps;
  bits_of(sc, p, &pn, &pa, &ps);
  /* each half covers a need of hers (by its benefit, or naming it beside one), the second one
  ** the first did not: "学生连着缺课系统当天就提醒辅导员,不会再等家长打到校长信箱" covers the parents */
  if (!(pa & v->known) || !((answered | said) & v->known & ~(pa | ps))) return 0;
  /* and together they leave out no need she confirmed: two pitches in a row that answer two of her
  ** three are a pitch under way, not its recap (play-test 22: the water line and the frost line
  ** were "a summary that leaves out" the third, -10, and the trainee's full recap came two lines
  ** later) */
  if (v->confirmed & ~(answered | said | pa | ps)) return 0;
  /* (a deadline that names her need adds pressure, not the need a recap left out: "时间上也要抓紧:
  ** 明年评审前要上线,参数这周要是定不下来,...评审就赶不上了。" after the recap was a second
  ** summary, +20, and 赵主任 said "你这么一归纳" again: play-test 23) */
  if (r->n_benefits == 0 ? !CLS_HAS(p, CLS_SUMMARIZE_BENEFITS) || r->question || CLS_HAS(r, CLS_LOSS_APPEAL)
                         : !sums_up(named | pn, answered | pa, said | ps, v->known, v->prev_presented,
                                    v->prev_after_confirm))
    return 0;
  /* the first half's benefits are this summary's too: the scorer reads its needs */
  add_ids(&r->benefits, &r->n_benefits, p->benefits, p->n_benefits);
  make_summary(r, "recap_two_lines", __LINE__);
  return 1;
}
