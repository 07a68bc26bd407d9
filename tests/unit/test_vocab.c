/* test_vocab.c: vocab.h's tables agree with the enums they are ORDER-marked for (score.h's
** score_skill, customer.h's cust_outcome), and names map back to their index. */
#include "testutil.h"
#include "customer.h"
#include "score.h"
#include "vocab.h"

static void test_skills_follow_score_skill(void **st) {
  (void)st;
  assert_int_equal(VOCAB_SKILL_COUNT, SK_COUNT);
  for (int k = 0; k < SK_COUNT; k++) {
    assert_string_equal(vocab_skill_names[k], score_skill_name((score_skill)k));
    assert_int_equal(vocab_skill_index(vocab_skill_names[k]), k);
  }
  assert_int_equal(vocab_skill_index("listening"), -1);
  assert_int_equal(vocab_skill_index(NULL), -1);
}

static void test_outcomes_follow_cust_outcome(void **st) {
  (void)st;
  assert_int_equal(VOCAB_OUTCOME_COUNT, CUST_OUTCOME_NO_SALE + 1);
  for (int o = CUST_OUTCOME_ORDER; o <= CUST_OUTCOME_NO_SALE; o++) {
    assert_string_equal(vocab_outcome_names[o], cust_outcome_name((cust_outcome)o));
    assert_int_equal(cust_outcome_from_name(vocab_outcome_names[o]), o);
  }
  assert_string_equal(cust_outcome_name(CUST_OUTCOME_NONE), "none");
  assert_int_equal(cust_outcome_from_name("sale"), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_skills_follow_score_skill),
    cmocka_unit_test(test_outcomes_follow_cust_outcome),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
