/*
** advice_int.h: the pieces of a Try line that advice.c glues into a catalogue template
** (advice_say.c): the trainer's own discovery question for a need, whether a rung is a meeting
** (a time in the calendar fits it, not a file to send), and the full-width punctuation of a
** Chinese line glued from pieces.
*/
#ifndef SALESIM_ADVICE_INT_H
#define SALESIM_ADVICE_INT_H

#include "scenario.h"

/* The k-th (from 0) of need i's examples the Try line can say after "{name}, " (an English one
** lowered; a customer's name it opens with left out): the examples that are questions (end in ?
** or ？) as written, *question set to 1, then the statements shortest first (the least the
** trainee could not have known), which the line frames as a question ("would you say ...?").
** English ones that open with a proper name ("Tom has ...") are left out: they cannot follow
** "would you say".  NULL when need i has no k-th.  Caller frees. */
char *adv_need_example(const scenario *sc, int i, int k, int *question);

/* Benefit b's k-th (from 0) example as a sentence of its own in a Try line: a customer's name
** it opens with and its final stop (. 。 !) left out, its capital kept; NULL when b has no k-th.
** Caller frees. */
char *adv_benefit_example(const scenario *sc, int b, int k);

/* 1 when rung j is met in person or on a call (its action, keywords or first example name a
** meeting, visit, call, demo, ...: the catalogue's advice.meeting_words in lang), so a date in
** the calendar fits it; 0 for sending a file, an order, a reservation, ... */
int adv_rung_is_meeting(const scenario *sc, int j, const char *lang);

/* A Chinese line glued from pieces in one punctuation: an ASCII , ? : ; ! next to a CJK
** character becomes its full-width form (，？：；！), in place of the string s (which is
** reallocated; returned).  "4,800" and "HIS" between ASCII stay as they are. */
char *adv_zh_punct(char *s);

#endif
