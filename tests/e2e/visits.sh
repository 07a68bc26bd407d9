#!/usr/bin/env bash
# e2e: the replay set of issue 16 (tests/data/visits/visits.tsv): visits typed by the team in
# its own words, good and poor, per language.  The scorer must tell them apart: >= 80% of good
# visits pass, no poor visit passes, good visits outscore poor ones by >= 30 points on average
# (per language and overall), and a visit abandoned before a genuine attempt scores 0.  Prints
# the table recorded in docs/scoring.md ("Measured on the team's visits").
source "$(dirname "$0")/../lib.sh"

declare -A good_n good_pass good_sum poor_n poor_pass poor_sum
for l in en zh all; do good_n[$l]=0 good_pass[$l]=0 good_sum[$l]=0 poor_n[$l]=0 poor_pass[$l]=0 poor_sum[$l]=0; done
while IFS=$'\t' read -r file scn kind seed; do
  [[ -z "$file" || "$file" == \#* ]] && continue
  lang=${file%%/*}
  out=$("$SALESIM" play "scenarios/$scn.yaml" --script "tests/data/visits/$file" --seed "$seed" \
        --json --transcript "" 2>/dev/null)
  score=$(jq -r '.score' <<<"$out"); pass=$(jq -r '.pass' <<<"$out")
  if ! [[ "$score" =~ ^[0-9]+$ ]]; then fail "$file plays and scores" "$out"; continue; fi
  printf '# %-32s %-5s %3d %s\n' "$file" "$kind" "$score" "$pass"
  for l in "$lang" all; do
    if [ "$kind" = good ]; then
      good_n[$l]=$((good_n[$l] + 1)); good_sum[$l]=$((good_sum[$l] + score))
      [ "$pass" = true ] && good_pass[$l]=$((good_pass[$l] + 1))
    else
      poor_n[$l]=$((poor_n[$l] + 1)); poor_sum[$l]=$((poor_sum[$l] + score))
      [ "$pass" = true ] && poor_pass[$l]=$((poor_pass[$l] + 1))
    fi
  done
  if [ "$kind" = poor ] && [ "$pass" = true ]; then fail "poor visit $file does not pass (scored $score)"; fi
  if [[ "$file" == *-quit.txt ]]; then
    expect_eq "$file: abandoned before a genuine attempt scores 0" "0 false" "$score $(jq -r '.attempt' <<<"$out")"
  fi
done < tests/data/visits/visits.tsv

for l in en zh all; do
  gn=${good_n[$l]} pn=${poor_n[$l]}
  if [ "$l" != all ]; then
    if [ $((gn + pn)) -ge 10 ]; then ok "$l: at least 10 visits ($gn good, $pn poor)"; else fail "$l: at least 10 visits" "$gn good, $pn poor"; fi
  fi
  [ "$gn" -gt 0 ] && [ "$pn" -gt 0 ] || { fail "$l: good and poor visits present"; continue; }
  gavg=$(( good_sum[$l] * 10 / gn )) pavg=$(( poor_sum[$l] * 10 / pn ))
  echo "# $l: good ${good_pass[$l]}/$gn pass, mean $((gavg / 10)).$((gavg % 10)); poor ${poor_pass[$l]}/$pn pass, mean $((pavg / 10)).$((pavg % 10)); gap $(((gavg - pavg) / 10)).$(((gavg - pavg) % 10))"
  if [ $(( good_pass[$l] * 100 )) -ge $(( gn * 80 )) ]; then ok "$l: >= 80% of good visits pass (${good_pass[$l]}/$gn)"; else fail "$l: >= 80% of good visits pass" "${good_pass[$l]}/$gn"; fi
  expect_eq "$l: no poor visit passes" 0 "${poor_pass[$l]}"
  if [ $(( gavg - pavg )) -ge 300 ]; then ok "$l: good outscore poor by >= 30 on average"; else fail "$l: good outscore poor by >= 30" "good $gavg poor $pavg (x10)"; fi
done
finish
