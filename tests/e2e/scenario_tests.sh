#!/usr/bin/env bash
# e2e: `salesim test`: the shipped scenarios' playthrough tests all pass; a deliberately wrong
# test fails with its position, the diverging turn and exit 1; a broken scenario exits 2 with
# its diagnostics; random walks report dead ends, Lua errors and unreached content as
# FILE:LINE:COL warnings (failing only with --strict); the authoring guide's scenario passes
# check and test, and every snippet in docs/authoring.md is a verbatim part of it.
source "$(dirname "$0")/../lib.sh"

last_line() { printf '%s\n' "$1" | tail -n 1; }
# line_of FILE TEXT: the first line number holding TEXT (fixed string).
line_of() { grep -nF -- "$2" "$1" | head -n 1 | cut -d: -f1; }

# --- the shipped scenarios ---------------------------------------------------------------------
out=$("$SALESIM" test scenarios/ 2>&1); rc=$?
expect_eq "salesim test scenarios/: exit 0" 0 "$rc"
[ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -A30 '^FAIL' | head -80 | sed 's/^/# /'
last=$(last_line "$out")
if [[ "$last" =~ ^([0-9]+)\ passed,\ 0\ failed$ ]] && [ "${BASH_REMATCH[1]}" -ge 24 ]; then
  ok "shipped scenarios: at least 24 tests, none failed ($last)"
else
  fail "shipped scenarios: at least 24 tests, none failed" "$last"
fi
n_zh=0 n_en=0 n_sc=0
for s in scenarios/*.yaml; do
  n_sc=$((n_sc + 1))
  id=$(sed -n 's/^id: *//p' "$s" | head -n 1)
  grep -q '^language: zh' "$s" && n_zh=$((n_zh + 1))
  grep -q '^language: en' "$s" && n_en=$((n_en + 1))
  check "$(basename "$s"): salesim check" "$SALESIM" check "$s"
  n_ok=$(printf '%s\n' "$out" | grep -c "^ok   $id: ")
  [ "$n_ok" -ge 3 ] && ok "$id: at least 3 passing tests ($n_ok)" || fail "$id: at least 3 passing tests" "found $n_ok"
done
[ "$n_sc" -ge 8 ] && ok "at least 8 shipped scenarios ($n_sc)" || fail "at least 8 shipped scenarios" "found $n_sc"
[ "$n_zh" -ge 3 ] && [ "$n_en" -ge 3 ] && ok "at least 3 zh and 3 en ($n_zh zh, $n_en en)" \
  || fail "at least 3 zh and 3 en" "$n_zh zh, $n_en en"

# --- play-test 31c: copies of a trainer's two scenarios with tests of the fixes (her own files,
# tests/data/links-outside/, stay frozen) ---------------------------------------------------------
for f in pt31c-solar pt31c-lube; do
  out=$("$SALESIM" test "tests/fixtures/$f.yaml" 2>&1); rc=$?
  expect_eq "$f: its tests pass" 0 "$rc"
  [ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -A12 '^FAIL' | head -40 | sed 's/^/# /'
done

# --- a test that must fail ---------------------------------------------------------------------
fx=tests/fixtures/failing-test.yaml
tl=$(line_of "$fx" "- name: expects an order")
out=$("$SALESIM" test "$fx" 2>&1); rc=$?
expect_eq "failing test: exit 1" 1 "$rc"
expect_contains "failing test: the passing one is ok" "$out" "ok   fixture-failing-test: the greeting is said"
expect_contains "failing test: FAIL line" "$out" "FAIL fixture-failing-test: expects an order that a goodbye cannot earn"
expect_contains "failing test: outcome with the test's position" "$out" \
  "  $fx:$tl:5: outcome: expected order, got continuation"
expect_contains "failing test: missing customer line" "$out" \
  "  $fx:$tl:5: says: the customer never said \"a line the customer never says\""
expect_contains "failing test: the diverging turn" "$out" "    diverged at turn 2:
    turn 2> Thanks for your time, goodbye."
expect_eq "failing test: final line" "1 passed, 1 failed" "$(last_line "$out")"
out=$("$SALESIM" test -v "$fx" 2>&1)
expect_contains "-v: every turn of the failing test" "$out" "    turn 1> Hello Sam, nice shop."
expect_contains "-v: the opening line" "$out" "< Morning. Make it quick, the van is waiting."
expect_contains "-v: outcome and scores" "$out" "    outcome continuation, score "
pass_part=$(awk '/^ok   fixture-failing-test: the greeting is said/ { on = 1; next } /^(ok  |FAIL)/ { on = 0 } on' <<<"$out")
expect_contains "-v: a passing test's transcript too" "$pass_part" "    turn 1> "
out=$("$SALESIM" test "$fx" 2>&1)
pass_part=$(awk '/^ok   fixture-failing-test: the greeting is said/ { on = 1; next } /^(ok  |FAIL)/ { on = 0 } on' <<<"$out")
expect_eq "without -v: a passing test prints only its line" "" "$pass_part"

# --- coverage: what no test or walk reached ----------------------------------------------------
out=$("$SALESIM" test --coverage scenarios/it-trial.yaml 2>&1); rc=$?
expect_eq "--coverage: exit as without it" 0 "$rc"
expect_contains "--coverage: a need no test reached" "$out" "coverage it-trial needs: 3/4 reached; not reached: audit"
expect_contains "--coverage: rungs no test asked for" "$out" "coverage it-trial rungs: 1/4 reached; not reached: meeting_with_cfo share_logs reference_call"
expect_contains "--coverage: reactions by their line" "$out" "coverage it-trial reactions: 5/7 reached; not reached: line $(grep -n "^  - when: discount and not value_acknowledged$" scenarios/it-trial.yaml | cut -d: -f1) line $(grep -n "^  - when: ask_decision_chain$" scenarios/it-trial.yaml | cut -d: -f1)"
expect_contains "--coverage: line keys never said" "$out" "coverage it-trial line keys: 10/20 reached; not reached: answer ack discount"
expect_eq "--coverage: the last line is still the count" "26 passed, 0 failed" "$(last_line "$out")"
# 60 walks: a rung that one walk in twenty reaches depends on how each random line is read
out=$("$SALESIM" test --coverage --walks 60 scenarios/it-trial.yaml 2>&1)
expect_contains "--coverage: walks reach what the tests did not" "$out" "coverage it-trial needs: 4/4 reached"
expect_contains "--coverage: walks ask for every rung" "$out" "coverage it-trial rungs: 4/4 reached"

# --- unusable input ----------------------------------------------------------------------------
out=$("$SALESIM" test tests/fixtures/broken-scenario.yaml 2>"$TMP/err"); rc=$?
expect_eq "broken scenario: exit 2" 2 "$rc"
expect_contains "broken scenario: its diagnostics" "$(cat "$TMP/err")" \
  "tests/fixtures/broken-scenario.yaml:4:11: error: language: expected zh or en, found 'fr'"
expect_eq "broken scenario: report" "FAIL tests/fixtures/broken-scenario.yaml: the scenario does not load
0 passed, 1 failed" "$out"
"$SALESIM" test >/dev/null 2>&1; expect_eq "no path: exit 2" 2 "$?"
err=$("$SALESIM" test --walks x scenarios/it-trial.yaml 2>&1); rc=$?
expect_eq "bad --walks: exit 2" 2 "$rc"
expect_contains "bad --walks: message" "$err" "salesim test: --walks: expected a whole number, found 'x'"
err=$("$SALESIM" test "$TMP/none.yaml" 2>&1); rc=$?
expect_eq "missing file: exit 2" 2 "$rc"
expect_contains "missing file: message" "$err" "salesim test: $TMP/none.yaml: No such file or directory"
mkdir -p "$TMP/empty"
err=$("$SALESIM" test "$TMP/empty" 2>&1); rc=$?
expect_eq "empty directory: exit 2" 2 "$rc"
expect_eq "empty directory: message" "salesim test: no scenario files (*.yaml) found" "$err"

# --- random walks ------------------------------------------------------------------------------
wf=tests/fixtures/walk-warnings.yaml
out=$("$SALESIM" test --walks 12 --seed 3 "$wf" 2>&1); rc=$?
expect_eq "walk warnings: exit 0 without --strict" 0 "$rc"
expect_contains "walk warnings: summary" "$out" "walks fixture-walk-warnings: 12 sessions,"
expect_contains "walk warnings: unreached lines key at its position" "$out" \
  "$wf:$(line_of "$wf" "never_used:"):3: warning: lines key 'never_used' was never said in 12 random walks"
expect_contains "walk warnings: dead end at the reaction" "$out" \
  "$wf:$(line_of "$wf" "- when: greet"):5: warning: dead end: the customer did not react to a line read as [greet"
expect_contains "walk warnings: a key only a written test reaches, without --coverage" "$out" \
  "$wf:$(line_of "$wf" "test_only:"):3: warning: lines key 'test_only' was never said in 12 random walks
"
expect_eq "walk warnings: final line" "2 passed, 0 failed" "$(last_line "$out")"
outc=$("$SALESIM" test --walks 12 --seed 3 --coverage "$wf" 2>&1)
expect_contains "walk warnings: with --coverage, a key only a written test reaches is said to be so" "$outc" \
  "$wf:$(line_of "$wf" "test_only:"):3: warning: lines key 'test_only' was never said in 12 random walks (only a written test reaches it)"
expect_contains "walk warnings: with --coverage, a key nothing reaches keeps the plain warning" "$outc" \
  "$wf:$(line_of "$wf" "never_used:"):3: warning: lines key 'never_used' was never said in 12 random walks
"
out2=$("$SALESIM" test --walks 12 --seed 3 "$wf" 2>&1)
expect_eq "walks: the same seed gives the same report" "$out" "$out2"
out=$("$SALESIM" test --strict --walks 12 --seed 3 "$wf" 2>&1); rc=$?
expect_eq "walk warnings: --strict exits 1" 1 "$rc"
expect_contains "walk warnings: --strict FAIL line" "$out" "FAIL fixture-walk-warnings: random walks gave"
expect_eq "walk warnings: --strict final line" "2 passed, 1 failed" "$(last_line "$out")"
lf=tests/fixtures/walk-lua-error.yaml
out=$("$SALESIM" test "$lf" 2>&1); rc=$?
expect_eq "Lua error in a written test: exit 1" 1 "$rc"
expect_contains "Lua error in a written test: FAIL with the script's line" "$out" \
  "  $lf:$(line_of "$lf" "- name: a written test that reaches"):5: Lua error at turn 1: walk-lua-error.lua:5: attempt to index a nil value (local 'missing')"
out=$("$SALESIM" test --walks 20 --seed 3 "$lf" 2>&1)
expect_contains "walks: a Lua error at the script's line" "$out" \
  "tests/fixtures/walk-lua-error.lua:5:1: warning: Lua error in walk "
expect_eq "walks: the same Lua error is reported once" 1 "$(printf '%s\n' "$out" | grep -c 'warning: Lua error')"

# walks reuse one customer per scenario; no walk may see another's state (a script's globals,
# upvalues, library tables, the customer table; a condition's writes)
for f in walk-isolation walk-isolation-cond; do
  out=$("$SALESIM" test --walks 40 --seed 3 "tests/fixtures/$f.yaml" 2>&1)
  if printf '%s\n' "$out" | grep -q 'Lua error'; then
    fail "walks: each walk starts from a new customer ($f)" "$(printf '%s\n' "$out" | grep 'Lua error' | head -3)"
  else
    ok "walks: each walk starts from a new customer ($f)"
  fi
done

out=$("$SALESIM" test --walks 30 --seed 9 scenarios/ 2>&1); rc=$?
expect_eq "walks over the shipped scenarios: exit 0" 0 "$rc"
if printf '%s\n' "$out" | grep -q 'warning: Lua error'; then
  fail "walks over the shipped scenarios: no Lua errors" "$(printf '%s\n' "$out" | grep 'Lua error' | head -5)"
else
  ok "walks over the shipped scenarios: no Lua errors"
fi
n_walked=$(printf '%s\n' "$out" | grep -c '^walks .*: 30 sessions,')
[ "$n_walked" -ge 8 ] && ok "every shipped scenario walked ($n_walked)" || fail "every shipped scenario walked" "$n_walked"

# --- the authoring guide -----------------------------------------------------------------------
ex=scenarios/examples/clinic-booking.yaml
check "authoring example: salesim check" "$SALESIM" check "$ex"
out=$("$SALESIM" test "$ex" 2>&1); rc=$?
expect_eq "authoring example: salesim test exit 0" 0 "$rc"
[[ "$(last_line "$out")" =~ ^[3-9]\ passed,\ 0\ failed$ ]] && ok "authoring example: tests pass ($(last_line "$out"))" \
  || fail "authoring example: tests pass" "$out"
# Every fenced block in the guide that follows a "<!-- from: FILE -->" marker must appear in
# FILE verbatim (as consecutive lines).
n_snip=0 n_bad=0
mkdir -p "$TMP/snips"
awk -v dir="$TMP/snips" '
  /^<!-- from: .* -->$/ { file=$3; want=1; next }
  want && /^```/ { if (inblk) { close(out); inblk=0; want=0 } else { inblk=1; n++; out=dir "/" n; print file > out } ; next }
  inblk { print > out }
' docs/authoring.md
for snip in "$TMP"/snips/*; do
  [ -f "$snip" ] || continue
  n_snip=$((n_snip + 1))
  file=$(head -n 1 "$snip"); tail -n +2 "$snip" > "$snip.body"
  if ! awk -v bodyfile="$snip.body" 'BEGIN { RS = "\001"; getline want < bodyfile; RS = "\001" }
                                      { exit index($0, want) ? 0 : 1 }' "$file"; then
    n_bad=$((n_bad + 1)); fail "guide snippet $(basename "$snip") is in $file" "$(cat "$snip.body")"
  fi
done
[ "$n_snip" -ge 8 ] && [ "$n_bad" -eq 0 ] && ok "docs/authoring.md: $n_snip snippets, all from the example files" \
  || fail "docs/authoring.md: at least 8 snippets, all verbatim" "$n_snip snippets, $n_bad not found"

# Every block after "<!-- output: salesim ARGS -->" is what that command prints today.
n_out=0
while IFS= read -r cmd; do
  n_out=$((n_out + 1))
  want=$(awk -v c="<!-- output: $cmd -->" '$0 == c { f = 1; next } f && /^```/ { if (inb) exit; inb = 1; next } f && inb' docs/authoring.md)
  read -r -a args <<< "${cmd#salesim }"
  # a walk's turn count follows the shipped lexicon, so it is not part of the comparison
  got=$("$SALESIM" "${args[@]}" 2>&1 | sed -E 's/, [0-9]+ turns,/, N turns,/')
  expect_eq "docs/authoring.md shows what '$cmd' prints" "$(printf '%s\n' "$want" | sed -E 's/, [0-9]+ turns,/, N turns,/')" "$got"
done < <(sed -n 's/^<!-- output: \(salesim .*\) -->$/\1/p' docs/authoring.md)
[ "$n_out" -ge 3 ] && ok "docs/authoring.md: $n_out command outputs checked" || fail "docs/authoring.md: at least 3 outputs" "$n_out"

# --- the same seed plays the same walks: every run, byte for byte (Lua's pairs() order is not) ---
a=$("$SALESIM" test scenarios/ --walks 200 --seed 11 2>&1 | md5sum)
b=$("$SALESIM" test scenarios/ --walks 200 --seed 11 2>&1 | md5sum)
expect_eq "same seed, same walks and report, run after run" "$a" "$b"

finish
