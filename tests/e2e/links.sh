#!/usr/bin/env bash
# e2e: linking by meaning (link.h, docs/classifier.md section 1d) measured on the team's
# paraphrase sets (tests/data/links/SCENARIO.tsv, written before the examples and without the
# scenario's keywords).  Per scenario: each set is a fair held-out measure (no keyword, no
# example) and the links stay above per-set floors; over all sets: linked right >= LINK_RIGHT and
# wrong links <= LINK_WRONG; and the same over each part of the fixed split (eval_links --part: a
# hash of the line puts a third of each set in the held-out part, the rest in the tuning part on
# which link.c's rules were chosen).  The floors are the figures measured (docs/classifier.md 1d),
# rounded down, so a regression fails; the issue's goal (0.85 right, 0.05 wrong) holds over all
# sets before wave 10's lines joined them (0.924, 0.033 in play-test 25); with them 0.898 and
# 0.052; with wave 12's (play-test 26) 0.892 and 0.055; with wave 14's (play-test 28) 0.887 and
# 0.049; with wave 15's (play-test 29) 0.881 and 0.055; with wave 16's (play-test 30) 0.877 and
# 0.055, and 0.877 and 0.046 after play-test 30's rules (function words, a match on one word, a
# recap's benefits); with wave 17's (play-test 31) 0.873 and 0.046, 0.897 and 0.042 after its
# rules; with wave 18's (play-test 32) 0.883 and 0.043, 0.895 and 0.042 after play-test 32's rules
# (Chinese unigrams, a seller's hedge, a relative "wants").  The fresh measure is wave 19
# (tests/data/links-fresh): 0.853 right, 0.044 wrong when it came, 0.860 and 0.044 after play-test
# 32's rules (wave 18: 0.687 and 0.072 when it came, 0.735 and 0.060 after play-test 31's rules,
# 0.762 and 0.058 after play-test 32's, still fresh then; wave 17: 0.838 and 0.071 when it came).
source "$(dirname "$0")/../lib.sh"
EVAL=${EVAL_BIN:-$PWD/build/tools/eval_links}
# (play-test 25: wave 10's 176 lines joined the sets, 22 a set, and are split by the same hash;
# play-test 26: wave 12's 176 the same way, then the customer's name and `unrelated:` lines)
LINK_RIGHT=${LINK_RIGHT:-0.89}   # measured 1514/1691 = 0.895 after play-test 32's rules (1493/1691 = 0.883 when wave 18 joined)
LINK_WRONG=${LINK_WRONG:-0.045}  # measured 68/1612 = 0.042 after play-test 32's rules (69/1594 = 0.043 when wave 18 joined)
SET_RIGHT=${SET_RIGHT:-0.84}     # the lowest set after play-test 32's rules: tableware 0.849 (180/212), dealer 0.868 (184/212), payment 0.874 (180/206)
SET_WRONG=${SET_WRONG:-0.07}     # the highest set: tableware 0.065 (13/200), payment-collection 0.063 (12/192), referral 0.059
TUNE_RIGHT=${TUNE_RIGHT:-0.90}   # measured 1054/1165 = 0.905 after play-test 32's rules (1041/1165 when wave 18 joined)
TUNE_WRONG=${TUNE_WRONG:-0.045}  # measured 48/1120 = 0.043 after play-test 32's rules (49/1110 when wave 18 joined)
HELD_RIGHT=${HELD_RIGHT:-0.87}   # measured 460/526 = 0.875 after play-test 32's rules (452/526 when wave 18 joined)
HELD_WRONG=${HELD_WRONG:-0.045}  # measured 20/492 = 0.041 after play-test 32's rules (20/484 when wave 18 joined)
if [ ! -x "$EVAL" ]; then fail "eval_links is built" "missing $EVAL (make unit-bins)"; finish; exit; fi
R=0 T=0 W=0 M=0
for f in scenarios/*.yaml; do
  b=$(basename "$f" .yaml); set=tests/data/links/$b.tsv
  if [ ! -f "$set" ]; then fail "$b has a paraphrase set" "missing $set"; continue; fi
  n=$(grep -v '^#' "$set" | grep -c .)
  [ "$n" -ge 30 ] && ok "$b: $n paraphrases (>= 30)" || fail "$b: >= 30 paraphrases" "found $n"
  out=$("$EVAL" --tap --min-right "$SET_RIGHT" --max-wrong "$SET_WRONG" "$f" "$set" 2>&1)
  grep '^#' <<<"$out"
  while IFS= read -r line; do
    case "$line" in
      "ok "*) ok "${line#ok * - }" ;;
      "not ok "*) fail "${line#not ok * - }" "$(grep -v '^#\|^ok\|^not ok' <<<"$out" | head -5)" ;;
    esac
  done <<<"$out"
  sum=$(grep '^# ' <<<"$out" | sed -n 's/.*linked right \([0-9]*\)\/\([0-9]*\) .*wrong links \([0-9]*\)\/\([0-9]*\) .*/\1 \2 \3 \4/p')
  read -r a t w m <<<"$sum"
  R=$((R + ${a:-0})); T=$((T + ${t:-0})); W=$((W + ${w:-0})); M=$((M + ${m:-0}))
done
right=$(awk -v a=$R -v b=$T 'BEGIN { printf "%.3f", b ? a / b : 0 }')
wrong=$(awk -v a=$W -v b=$M 'BEGIN { printf "%.3f", b ? a / b : 0 }')
echo "# all sets: linked right $R/$T = $right, wrong links $W/$M = $wrong"
awk -v a="$right" -v b="$LINK_RIGHT" 'BEGIN { exit !(a >= b) }' && ok "all sets linked right $right (>= $LINK_RIGHT)" \
  || fail "all sets linked right $right (>= $LINK_RIGHT)" ""
awk -v a="$wrong" -v b="$LINK_WRONG" 'BEGIN { exit !(a <= b) }' && ok "all sets wrong links $wrong (<= $LINK_WRONG)" \
  || fail "all sets wrong links $wrong (<= $LINK_WRONG)" ""
# each part of the split, summed over the sets
for part in tune held; do
  R=0 T=0 W=0 M=0
  for f in scenarios/*.yaml; do
    b=$(basename "$f" .yaml)
    sum=$("$EVAL" --part "$part" "$f" "tests/data/links/$b.tsv" 2>&1 | grep '^# ' |
          sed -n 's/.*linked right \([0-9]*\)\/\([0-9]*\) .*wrong links \([0-9]*\)\/\([0-9]*\) .*/\1 \2 \3 \4/p')
    read -r a t w m <<<"$sum"
    R=$((R + ${a:-0})); T=$((T + ${t:-0})); W=$((W + ${w:-0})); M=$((M + ${m:-0}))
  done
  [ "$part" = tune ] && { fr=$TUNE_RIGHT; fw=$TUNE_WRONG; } || { fr=$HELD_RIGHT; fw=$HELD_WRONG; }
  right=$(awk -v a=$R -v b=$T 'BEGIN { printf "%.3f", b ? a / b : 0 }')
  wrong=$(awk -v a=$W -v b=$M 'BEGIN { printf "%.3f", b ? a / b : 0 }')
  echo "# $part part: linked right $R/$T = $right, wrong links $W/$M = $wrong"
  [ "$T" -gt 0 ] && awk -v a="$right" -v b="$fr" 'BEGIN { exit !(a >= b) }' && ok "$part part linked right $right (>= $fr)" \
    || fail "$part part linked right $right (>= $fr)" ""
  awk -v a="$wrong" -v b="$fw" 'BEGIN { exit !(a <= b) }' && ok "$part part wrong links $wrong (<= $fw)" \
    || fail "$part part wrong links $wrong (<= $fw)" ""
done
# gate NAME SCENARIO SET RIGHT% WRONG%: eval_links over the whole set, its figures printed and held
# at the floors (per cent)
gate() {
  local sum a t w m
  sum=$("$EVAL" --part all "$2" "$3" 2>&1 | grep '^# ' |
        sed -n 's/.*linked right \([0-9]*\)\/\([0-9]*\) .*wrong links \([0-9]*\)\/\([0-9]*\) .*/\1 \2 \3 \4/p')
  read -r a t w m <<<"$sum"
  echo "# $1: linked right $a/$t, wrong links $w/$m"
  [ -n "$t" ] && [ "$t" -gt 0 ] && [ $((a * 100)) -ge $((t * $4)) ] && ok "$1 linked right $a/$t (>= 0.$4)" \
    || fail "$1 linked right (>= 0.$4)" "$sum"
  [ -n "$m" ] && [ $((w * 100)) -le $((m * $5)) ] && ok "$1 wrong links $w/$m (<= 0.$5)" \
    || fail "$1 wrong links (<= 0.$5)" "$sum"
}
# a trainer's own scenarios, measured outside the team (tests/data/links-outside/README.md): they
# load clean, and their figures stay at or above what was measured when they came (floors, rounded
# down; the figure to read is printed)
for f in tests/data/links-outside/*.yaml; do
  b=$(basename "$f" .yaml)
  out=$("$SALESIM" check "$f" 2>&1) && ok "outside set $b: the trainer's file passes check" || fail "outside set $b: check" "$out"
  # (wrong links: vineyard 4/22 until play-test 25's recap rule, 5/23 since; eldercare 3/19 -> 2/18;
  # play-test 30's rules: cafe 22/26 -> 21/26 right, 3/25 -> 2/23 wrong, harbour 2/26 -> 1/25 wrong)
  gate "outside set $b" "$f" "tests/data/links-outside/$b.tsv" 60 22
done
# the team's own lines for the trainer's scenarios (tests/data/links-outside/team: written after her
# files, the set on which rules for a trainer's file may be chosen): printed, and held at the floors
# measured when they came (rounded down)
for f in tests/data/links-outside/team/*.tsv; do
  b=$(basename "$f" .tsv)
  gate "team lines for $b" "tests/data/links-outside/$b.yaml" "$f" 75 16
done
# wave 19, fresh lines written outside the team (tests/data/links-fresh/README.md): the figure to
# read, never the errors; held at the floors measured (rounded down), summed: 128/150 right and
# 6/136 wrong when they came (at 4e1f5de; wave 18 was 101/147 and 8/111 when it came, 108/147
# and 7/117 after play-test 31's rules); 129/150 and 6/137 after play-test 32's
R=0 T=0 W=0 M=0
for f in tests/data/links-fresh/*.tsv; do
  b=$(basename "$f" .tsv)
  sum=$("$EVAL" --part all "scenarios/$b.yaml" "$f" 2>&1 | grep '^# ' |
        sed -n 's/.*linked right \([0-9]*\)\/\([0-9]*\) .*wrong links \([0-9]*\)\/\([0-9]*\) .*/\1 \2 \3 \4/p')
  read -r a t w m <<<"$sum"
  R=$((R + ${a:-0})); T=$((T + ${t:-0})); W=$((W + ${w:-0})); M=$((M + ${m:-0}))
done
echo "# fresh lines (wave 19): linked right $R/$T, wrong links $W/$M"
[ "$T" -ge 140 ] && [ $((R * 100)) -ge $((T * ${FRESH_RIGHT:-85})) ] && ok "fresh lines linked right $R/$T (>= 0.${FRESH_RIGHT:-85})" \
  || fail "fresh lines linked right (>= 0.${FRESH_RIGHT:-85})" "$R/$T"
[ "$M" -gt 0 ] && [ $((W * 100)) -le $((M * ${FRESH_WRONG:-5})) ] && ok "fresh lines wrong links $W/$M (<= ${FRESH_WRONG:-5}%)" \
  || fail "fresh lines wrong links (<= ${FRESH_WRONG:-5}%)" "$W/$M"
# a scenario without examples links by keywords alone: eval_links says there is nothing to measure
out=$("$EVAL" tests/fixtures/failing-test.yaml tests/data/links/it-trial.tsv 2>&1); rc=$?
[ "$rc" -eq 2 ] && grep -q 'no item has examples' <<<"$out" && ok "a scenario without examples has no links by meaning" \
  || fail "a scenario without examples has no links by meaning" "$out"
# salesim links: the trainer's own measure (play-test 29d: the guide sent her to a build tool and a
# format she could not find) gives the figures the team's tool gives, and says what is wrong with a
# row, with its position
CAFE=tests/data/links-outside/cafe-espresso-upgrade
out=$("$SALESIM" links "$CAFE.yaml" "$CAFE.tsv" 2>&1); rc=$?
read -r a t w m <<<"$("$EVAL" "$CAFE.yaml" "$CAFE.tsv" 2>&1 |
  sed -n 's/.*linked right \([0-9]*\)\/\([0-9]*\) .*wrong links \([0-9]*\)\/\([0-9]*\) .*/\1 \2 \3 \4/p')"
[ "$rc" -eq 0 ] && [ -n "$t" ] && grep -q "linked right $a of $t .*wrong links $w of $m " <<<"$out" \
  && ok "salesim links: the figures of eval_links ($a/$t, $w/$m)" || fail "salesim links: the figures of eval_links" "$a/$t $w/$m: $out"
expect_contains "salesim links: a line holding a keyword is named, with its row" "$out" "$CAFE.tsv:3: holds the keyword"
out=$("$SALESIM" links --errors "$CAFE.yaml" "$CAFE.tsv" 2>&1)
grep -Eq "$CAFE.tsv:[0-9]+: (missed|wrong) " <<<"$out" && ok "salesim links --errors: each miss and wrong link with its row" \
  || fail "salesim links --errors: each miss and wrong link with its row" "$out"
printf 'a line with no tab\n' >"$TMP/notab.tsv"
out=$("$SALESIM" links "$CAFE.yaml" "$TMP/notab.tsv" 2>&1); rc=$?
[ "$rc" -eq 2 ] && grep -q "notab.tsv:1: error: expected the line, a TAB" <<<"$out" && ok "salesim links: a row without a TAB is an error with its position" \
  || fail "salesim links: a row without a TAB is an error with its position" "$rc $out"
out=$("$SALESIM" links tests/fixtures/failing-test.yaml "$CAFE.tsv" 2>&1); rc=$?
[ "$rc" -eq 2 ] && grep -q 'no item has examples' <<<"$out" && ok "salesim links: a scenario without examples says so" \
  || fail "salesim links: a scenario without examples says so" "$rc $out"
finish
