#!/usr/bin/env bash
# e2e: a sales trainer's two scenarios (play-test 31c), her six visits replayed on copies of her
# files (tests/fixtures/pt31c-*.yaml; tests/data/links-outside/ holds the frozen originals): what
# the debrief says must rest on what happened in the visit.
source "$(dirname "$0")/../lib.sh"
D=tests/data/play/pt31c
play() { "$SALESIM" play "tests/fixtures/$1.yaml" --seed "$2" --script "$D/$3.txt" 2>&1; }

# H1: small talk about his orders is no order ask
v5=$(play pt31c-lube 55 v5)
[[ "$v5" != *"现在谈这个还太早"* ]] && ok "v5: 最近订单多吧? gets no 'too early'" || fail "v5: 最近订单多吧? gets no 'too early'" "$v5"
[[ "$v5" != *"你要求客户下单"* ]] && ok "v5: no 'you asked for the order'" || fail "v5: no 'you asked for the order'"

# H2: the whole time said back
v2=$(play pt31c-solar 22 v2)
expect_contains "v2: 'next tuesday at 6.30' said back whole" "$v2" "Next Tuesday at 6.30"

# H3: a reaction's line holding a need's keyword is no need she volunteered
v6=$(play pt31c-lube 66 v6)
[[ "$v6" != *"自己谈到了需求"* ]] && ok "v6: no need 'volunteered' when none was revealed" || fail "v6: no need 'volunteered' when none was revealed" "$(printf '%s\n' "$v6" | grep -n 自己谈到)"
# M11: the outcome's Chinese word, and no "refused" of a visit whose trust ran out
[[ "$v6" != *"客户明确拒绝了合作"* ]] && ok "v6: trust ran out, no 'explicitly refused'" || fail "v6: trust ran out, no 'explicitly refused'"
v4=$(play pt31c-lube 44 v4)
expect_contains "v4: the advance is 有进展" "$v4" "结果: 有进展"
# M7: the needs a summary confirms are the summary's agreement, no discovery credit each
n=$(printf '%s\n' "$v4" | grep -c "你说“好的。那我归纳一下")
[ "$n" -le 1 ] && ok "v4: the recap's confirmations earn no need_confirmed ($n quotes of it)" || fail "v4: the recap's confirmations earn no need_confirmed" "$n quotes"
expect_contains "v4: the summary is still credited" "$v4" "把利益和客户确认的需求对应了起来"

# H4: a rebate running out is no price cut; a cut offered if she signs is an ask; no Try at a step never asked
v3=$(play pt31c-solar 33 v3)
t3=$(printf '%s\n' "$v3" | sed -n '/^ Turn 3/,/^ Turn 4/p')
[[ "$t3" != *"price cut"* ]] && ok "v3 turn 3: the federal rebate is no price cut" || fail "v3 turn 3: the federal rebate is no price cut" "$t3"
[[ "$v3" != *"without asking the customer for any commitment"* ]] && ok "v3: 'sign up today' counts as an ask" || fail "v3: 'sign up today' counts as an ask"
[[ "$v3" != *"holding you back from that step"* ]] && ok "v3: no Try about a step never asked" || fail "v3: no Try about a step never asked"

# M1: an ask holding keywords of two rungs names the one it matches more (her "the figures" keyword
# of the accountant meeting, which she took out before freezing, put back in a copy)
sed 's/    keywords: \[accountant, priya, walkthrough, bookkeeper\]/    keywords: [accountant, priya, walkthrough, bookkeeper, the figures]/' \
  tests/fixtures/pt31c-solar.yaml > "$TMP/m1.yaml"
out=$("$SALESIM" classify --scenario "$TMP/m1.yaml" "Could you email me the last twelve months of power bills by Friday, so we can do the figures properly?" 2>&1)
expect_contains "M1: two bills keywords outvote one accountant keyword" "$out" "commitment: send_bills"
out=$("$SALESIM" classify --scenario "$TMP/m1.yaml" "Could Priya sit in with the accountant and the figures on Thursday?" 2>&1)
expect_contains "M1: the accountant's keywords still name the meeting" "$out" "commitment: accountant_meeting"

# M2, M9, L4: classify's closest: lists the rungs; a need in a request clause says why it did not link;
# a link by the examples together says so
out=$("$SALESIM" classify --scenario tests/fixtures/pt31c-solar.yaml "Can we start next week?" 2>&1)
expect_contains "M2: closest lists the rungs" "$out" "  rung      roof_survey"
out=$("$SALESIM" classify --scenario tests/fixtures/pt31c-solar.yaml "How would you fund a project like this, cash or borrowing?" 2>&1)
expect_contains "M9: a request clause links a rung only" "$out" "its clause is a request: a request links a rung only"
out=$("$SALESIM" classify --scenario tests/fixtures/pt31c-solar.yaml "ok ok. tell you what, i can knock 10% off if you sign up today" 2>&1)
[[ "$out" != *"similar to:  ("* ]] && ok "L4: no 'similar to:' naming nothing" || fail "L4: no 'similar to:' naming nothing" "$out"

# M5/M6: check warns of a rung keyword holding a price-cut phrase (with the ignore remedy), not of
# "pays for itself", which the reader never takes for a payment ask
sed '/  ignore: \[免费化验, 免费检测, 免费取样\]/d' tests/fixtures/pt31c-lube.yaml > "$TMP/m5.yaml"
out=$("$SALESIM" check "$TMP/m5.yaml" 2>&1)
expect_contains "M5: a rung keyword holding 免费 warns" "$out" "lexicon: ignore: [免费化验]"
solar_check=$("$SALESIM" check tests/fixtures/pt31c-solar.yaml 2>&1)   # (read by M6 and H2 below)
out=$solar_check
[[ "$out" != *"'pays for itself'"* ]] && ok "M6: no warning for 'pays for itself'" || fail "M6: no warning for 'pays for itself'" "$out"
expect_contains "M6: 'smaller bill' (asked: a lower ask) still warns" "$out" "'smaller bill'"

# M4: a feature-dump reaction copied from a shipped file swallows answers to a worry: check says so
sed 's/ and not names("switch_risk") and not names("purchase_price") and not names("old_supplier")//' \
  tests/fixtures/pt31c-lube.yaml > "$TMP/m4.yaml"
out=$("$SALESIM" check "$TMP/m4.yaml" 2>&1)
expect_contains "M4: a feature reaction before a worry is answered warns" "$out" "stops the turn before the objection"
out=$("$SALESIM" check tests/fixtures/pt31c-lube.yaml 2>&1)
[[ "$out" != *"stops the turn before"* ]] && ok "M4: not once the objections are left out" || fail "M4: not once the objections are left out" "$out"

# H2: check warns where {time} can bite: an accept line that adds its own hour after the placeholder
sed 's/{time|Tuesday morning}, before we open/{time|Tuesday} at seven, before we open/' tests/fixtures/pt31c-solar.yaml > "$TMP/h2.yaml"
out=$("$SALESIM" check "$TMP/h2.yaml" 2>&1)
expect_contains "H2: a placeholder running on into its own hour warns" "$out" "runs on into a time of its own"
out=$solar_check
[[ "$out" != *"runs on into"* ]] && ok "H2: her own accept line does not" || fail "H2: her own accept line does not" "$out"

finish
