/* speakers.h: who says which part of a line at a table of several people (spk_ prefix).
** A customer named "Grace Liu and Martin Hale" or "王主任和李处长" is several people, each called
** by a short name ("Grace", "王主任"); a line "Grace: Thanks. Martin: Hello." is two people
** speaking, and is shown as one line each (the play screen and replay). */
#ifndef SALESIM_SPEAKERS_H
#define SALESIM_SPEAKERS_H
#include <stddef.h>

#define SPK_MAX_PEOPLE 8

/* Splits a customer name into the people at the table: fills out[] with up to max short names
** (a Latin name by its first word, a Chinese name as written; owned by the caller, free each)
** and returns how many, or 0 for one customer (out[] then holds nothing). */
int spk_people(const char *name, char *out[], int max);

/* Which of name's people a line starts with ("Grace: ..."): their index, or -1 (also for a
** customer of one person). */
int spk_speaker(const char *name, const char *text);

/* Which of the people (n short names, as spk_people gives them) a trainee's line is for: a bit
** per person it names (case does not matter: "martin, ..." and "... Grace?" alike), every bit
** when it speaks to them all ("both of you", "you two", "两位", "你们俩"); 0 for a line that names
** nobody, or with fewer than two people.  The customer answers by it (customer_talk.c) and the
** scorer tells a person left out of the conversation by it (score.c). */
unsigned spk_addressed(char *const people[], int n, const char *text);

/* The pieces of text said by different people of name's table: starts[i] and lens[i] (up to
** max) are where each person's words begin ("Martin: Hello.") and how long they are, trailing
** spaces left out.  A line that does not start with a person's name, or a customer of one
** person, is one piece (the whole line).  Returns the number of pieces (>= 1; 0 for NULL). */
int spk_split(const char *name, const char *text, size_t starts[], size_t lens[], int max);

#endif
