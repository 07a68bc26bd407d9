/*
** classify_pitch_put_off.c: a pitch the seller says he will not make now is no feature presented
** (cls_late_pitch_put_off).
**
** Play-test 32b H3: "周处长好,上次走得急。今天不急着讲新功能,想先听听您这边,现在学生管理上最费劲的
** 是哪块?" opens with discovery and says so; its 功能 read as present_feature, 周处长 answered "你说
** 的这些技术名词我听不太懂", and the debrief charged -10 "listing features" and -10 "presenting before
** any need".  A present_feature whose every feature word of the lexicon stands in a clause that puts
** the telling off (不急着讲, 先不讲, 不介绍, 不是来推销, "won't go into", "no pitch") goes; a feature
** told in another clause of the line stays.  Late, so the model's features stay as trained.
*/
#include <string.h>

#include "classify_int.h"
#include "clause.h"

#define BIT(m) ((uint64_t)1 << (m))
#define N(a) (sizeof (a) / sizeof *(a))

/* 1 when clause c of r says the telling is put off. */
static int puts_off(const cls_result *r, const cl_clause *c) {
  static const char *const off[] = {
    "\xe4\xb8\x8d\xe6\x80\xa5\xe7\x9d\x80" /* 不急着 */, "\xe5\x85\x88\xe4\xb8\x8d" /* 先不 */,
    "\xe4\xb8\x8d\xe8\xae\xb2" /* 不讲 */, "\xe4\xb8\x8d\xe4\xbb\x8b\xe7\xbb\x8d" /* 不介绍 */,
    "\xe4\xb8\x8d\xe8\xb0\x88" /* 不谈 */, "\xe4\xb8\x8d\xe8\x81\x8a" /* 不聊 */,
    "\xe4\xb8\x8d\xe6\x8e\xa8\xe9\x94\x80" /* 不推销 */, "\xe4\xb8\x8d\xe6\x98\xaf\xe6\x9d\xa5" /* 不是来 */,
    "\xe6\x94\xbe\xe4\xb8\x80\xe6\x94\xbe" /* 放一放 */, "\xe6\x94\xbe\xe4\xb8\x80\xe8\xbe\xb9" /* 放一边 */,
    "won't go into", "will not go into", "not going to go into", "won't get into", "not going to pitch",
    "won't pitch", "no pitch", "no product pitch", "not here to sell", "not here to pitch", "skip the features",
    "leave the features", "park the features" };
  return cls_span_has_any(r->norm, c->start, c->end, off, N(off));
}

void cls_late_pitch_put_off(cls_result *r) {
  const uint64_t feature = BIT(CLS_PRESENT_FEATURE);
  if (!r->norm || !(r->moves & feature)) return;
  cl_clause cl[CL_MAX_CLAUSES];
  int ncl = cl_read(r, cl), words = 0;
  for (int i = 0; i < r->n_matches; i++) {
    const cls_match *m = &r->matches[i];
    if (strcmp(m->label, "present_feature") != 0 || m->end <= m->start || strncmp(m->phrase, "rule:", 5) == 0)
      continue;   /* (a rule's note) */
    if (!puts_off(r, &cl[cl_at(cl, ncl, m->start)])) return;   /* a feature told */
    words++;
  }
  if (!words) return;   /* the model's alone: nothing to weigh */
  r->moves &= ~feature;
  r->model_moves &= ~feature;
  cls_match_push_packed(r, "present_feature", "rule:pitch_put_off", "engine/classify_pitch_put_off.c:" CLS_STR(__LINE__),
                        0, strlen(r->norm));
  if (!r->moves && r->question) cls_read_question(r);
}
