#!/usr/bin/env bash
# e2e: play-test 32a (English scenarios, competent and clumsy visits): what the reader and the
# debrief make of the lines the tester found misread, in phrasings of the team's own (the tester's
# exact lines are in /work/notes/pt32a, not here).
source "$(dirname "$0")/../lib.sh"
D=tests/data/play/pt32a
moves() { "$SALESIM" classify --lang en --scenario "scenarios/$1.yaml" --json - | jq -r '.moves | join(" ")'; }

# H1: a request to a named person after a statement is still the ask it would be alone
while IFS='|' read -r want line; do
  got=$(moves warehouse-two-buyers <<<"$line")
  [[ " $got " == *" $want "* ]] && ok "H1: $line ($want)" || fail "H1: $line ($want)" "read as: $got"
done <<'LINES'
ask_order|Right so you need fewer errors. Can Martin sign the full rollout today?
ask_commitment|So what you need is accuracy from day one. Would Martin approve the pilot by Friday?
ask_order|Right, you need something your temps learn fast. Will Martin sign the order tomorrow? The price rises in March.
ask_order|So you need PickRight. Can Martin sign the full rollout today? Prices go up next month.
ask_order|OK so you need fewer mis-picks. Could Martin sign the contract this week?
ask_commitment|So the night shift is where it hurts. Can Grace start the trial next Monday?
LINES
v=$("$SALESIM" play scenarios/warehouse-two-buyers.yaml --seed 4 --script "$D/h1-recap-then-ask.txt" --transcript '' --full --no-color 2>&1)
[[ "$v" != *"without asking the customer for any commitment"* ]] && ok "H1 visit: the ask after a recap counts" || fail "H1 visit: the ask after a recap counts" "$v"
expect_contains "H1 visit: judged as over-reaching" "$v" "You asked for the order"

# H2: a worry settled before is not "brushed off" by a recap that calls it nothing to worry about,
# and the recap's other needs (the coffee she praised) are not brushed off by its word about the light
v=$("$SALESIM" play scenarios/referral-follow-up.yaml --seed 3 --script "$D/h2-settled-then-recap.txt" --transcript '' --full --no-color 2>&1)
expect_contains "H2 visit: the light settled" "$v" "You settled what the customer had raised"
[[ "$v" != *"You brushed off"* ]] && ok "H2 visit: nothing brushed off after it was settled" || fail "H2 visit: nothing brushed off after it was settled" "$(grep -A3 'brushed off' <<<"$v")"
expect_contains "H2 visit: 'so here's where we are: ...' is the summary" "$v" "Sum up benefits against the needs the customer confirmed"

# M1: a bare "go ahead" names no step: vague, no rung by meaning, and no order she fills in herself
js() { "$SALESIM" classify --lang en --scenario scenarios/tableware-limited-run.yaml --json - | jq -c '[.vague, .commitment]'; }
while IFS='|' read -r want line; do
  expect_eq "M1: $line" "$want" "$(js <<<"$line")"
done <<'LINES'
[true,null]|Great, so shall we go ahead then?
[true,null]|OK, shall we just go for it?
[true,null]|Lovely, let's get the ball rolling, shall we?
[false,"spring_order"]|Shall we go ahead with forty sets for the window, delivered next week?
LINES
v=$("$SALESIM" play scenarios/tableware-limited-run.yaml --seed 8 --script "$D/m1-bare-go-ahead.txt" --transcript '' --full --no-color 2>&1)
[[ "$v" != *"agreed to"* ]] && ok "M1 visit: no order for 'shall we go ahead then?'" || fail "M1 visit: no order for 'shall we go ahead then?'" "$v"
expect_contains "M1 visit: the finding names the bare step" "$v" 'it leans on "go ahead"'

# M8: /score's 0 before a genuine attempt says why, as the debrief does
v=$("$SALESIM" play scenarios/warehouse-two-buyers.yaml --seed 9 --script "$D/m8-score-early.txt" --transcript '' --no-color 2>&1)
expect_contains "M8: /score after a greeting says why 0" "$v" "It is 0 for now: 0 of your 1 lines tried to sell"
expect_contains "M8: and after one question" "$v" "It is 0 for now: 1 of your 2 lines tried to sell"

finish
