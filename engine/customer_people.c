/*
** customer_people.c: each person at the table keeps their own state (issue 15, point 4).
**
** With several people seated (customer_talk.c reads them from customer.name), every person
** holds a copy of every state variable: trust, interest, patience, the two flags and the
** scenario's own.  The table's state (customer.state.trust, the bare names in conditions) stays
** what it was, the whole room's, and the scorer reads it.  A change of the table's state moves
** the people the turn is about along with it: those the behaviour chose with
** customer.speaker(name), else those the trainee's line addresses (turn.addressed), else
** everyone.  A number moves by the same step (each clamped on its own), a flag takes the same
** value.  Patience runs down for everyone each turn; a new visit restores everyone's.  A
** script sets one person's state directly through customer.state(name); a condition reads it
** through person(name).
**
** With one customer there are no people: nothing here runs, and the state behaves exactly as
** before.
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "customer_int.h"
#include "util.h"

/* ===== storage =========================================================================== */

void cust_people_state_init(cust_host *h) {
  assert(!h->pval && h->n_people >= 0 && h->n_people <= CUST_MAX_PEOPLE);
  if (h->n_people == 0) return;
  size_t n = (size_t)h->n_state;
  h->pval = xmalloc((size_t)h->n_people * n * sizeof *h->pval + 1);
  for (int p = 0; p < h->n_people; p++) memcpy(h->pval + (size_t)p * n, h->val, n * sizeof *h->val);
}

void cust_people_state_mark(cust_host *h) {
  if (!h->pval) return;
  size_t bytes = (size_t)h->n_people * (size_t)h->n_state * sizeof *h->pval;
  free(h->pval0);
  h->pval0 = xmalloc(bytes + 1);
  memcpy(h->pval0, h->pval, bytes);
}

void cust_people_state_reset(cust_host *h) {
  h->warned_people = 0;
  if (!h->pval || !h->pval0) return;
  memcpy(h->pval, h->pval0, (size_t)h->n_people * (size_t)h->n_state * sizeof *h->pval);
}

void cust_people_state_free(cust_host *h) {
  free(h->pval);
  free(h->pval0);
  h->pval = h->pval0 = NULL;
}

/* ===== who moves ========================================================================= */

unsigned cust_people_all(const cust_host *h) {
  return h->n_people ? (1u << h->n_people) - 1 : 0;
}

/* Outside a turn (an opening, an ending, a script's top level) everyone is concerned. */
unsigned cust_people_target(const cust_host *h) {
  unsigned all = cust_people_all(h);
  if (h->turn && (h->prefer & all)) return h->prefer & all;
  return all;
}

double *cust_person_val(cust_host *h, int p, int i) {
  assert(h->pval && p >= 0 && p < h->n_people && i >= 0 && i < h->n_state);
  return &h->pval[(size_t)p * (size_t)h->n_state + (size_t)i];
}

void cust_person_set(cust_host *h, int p, int i, double v) {
  *cust_person_val(h, p, i) = cust_state_clamp(h, i, v);
}

void cust_people_follow(cust_host *h, int i, double before, double req, unsigned mask) {
  if (!h->pval) return;
  for (int p = 0; p < h->n_people; p++) {
    if (!(mask >> p & 1)) continue;
    double *x = cust_person_val(h, p, i);
    cust_person_set(h, p, i, h->is_bool[i] ? req : *x + (req - before));
  }
}

void cust_people_set_all(cust_host *h, int i, double v) {
  for (int p = 0; h->pval && p < h->n_people; p++) cust_person_set(h, p, i, v);
}

int cust_person_index(const cust_host *h, const char *name) {
  for (int p = 0; name && p < h->n_people; p++)
    if (strcasecmp(h->people[p], name) == 0) return p;
  return -1;
}

/* ===== patience ========================================================================== */

/* A person's patience as the visit sees it: their own, or the table's when that is lower
** (the table's runs out for everyone). */
static double patience_of(const cust_host *h, int p) {
  double own = h->pval[(size_t)p * (size_t)h->n_state + (size_t)h->patience];
  double all = h->val[h->patience];
  return own < all ? own : all;
}

int cust_people_out_of_patience(const cust_host *h) { return cust_people_spent(h, h->patience); }

int cust_people_spent(const cust_host *h, int i) {
  for (int p = 0; h->pval && i >= 0 && p < h->n_people; p++)
    if (h->pval[(size_t)p * (size_t)h->n_state + (size_t)i] <= 0) return p;
  return -1;
}

void cust_people_warn(lua_State *L, cust_host *h) {
  if (!h->pval) return;
  unsigned low = 0;
  for (int p = 0; p < h->n_people; p++) {
    double v = patience_of(h, p);
    if (v > 0 && v <= 2 && !(h->warned_people >> p & 1)) low |= 1u << p;
  }
  if (!low) return;
  h->warned_people |= low;
  h->warned = 1;
  unsigned keep = h->prefer;
  h->prefer = low;                 /* the one running out says so, in their own words */
  cust_say_key(L, h, "patience_low");
  h->prefer = keep;
}

/* ===== reading it from outside (customer.h) ============================================== */

int cust_people_count(const cust_host *h) { return h->pval ? h->n_people : 0; }

const char *cust_person_name(const cust_host *h, int p) {
  return p >= 0 && p < cust_people_count(h) ? h->people[p] : NULL;
}

double cust_person_state(const cust_host *h, int p, int i) {
  if (p < 0 || p >= cust_people_count(h) || i < 0 || i >= h->n_state) return 0;
  return h->pval[(size_t)p * (size_t)h->n_state + (size_t)i];
}

int cust_state_is_bool(const cust_host *h, int i) {
  return i >= 0 && i < h->n_state && h->is_bool[i];
}
