#!/usr/bin/env bash
# Replays the listening visits (docs/listening.md): each file LANG/SCENARIO-KIND-N.txt is played
# against scenarios/SCENARIO*.yaml with seed 7, and the conversation is printed as
#   N> trainee line
#      < customer reply (one per line; [end: cause] when the visit ends)
# so the replies can be judged again, one by one, after a change.
# Usage: tests/data/listening/run.sh [FILE...]   (default: every visit)
set -u
cd "$(dirname "$0")/../../.."
export SALESIM_DATA=${SALESIM_DATA:-$PWD/engine} NO_COLOR=1
SALESIM=${SALESIM_BIN:-$PWD/salesim}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
files=("$@"); [ ${#files[@]} -eq 0 ] && files=(tests/data/listening/en/*.txt tests/data/listening/zh/*.txt)
for f in "${files[@]}"; do
  base=$(basename "$f" .txt)
  sc=""
  for cand in scenarios/*.yaml; do id=$(basename "$cand" .yaml); [[ "$base" == "$id"-* ]] && sc=$cand; done
  [[ -z "$sc" ]] && for cand in scenarios/*.yaml; do id=$(basename "$cand" .yaml); [[ "$base" == "${id%%-*}"-* ]] && sc=$cand; done
  echo "=== $f ($sc)"
  "$SALESIM" play "$sc" --script "$f" --seed 7 --transcript "$tmp/t.json" >/dev/null 2>&1
  jq -r '(.opening[] | select(.kind == "say") | "   < " + .text),
         (.turns[] | "\(.n)> \(.text)", (.customer[] | select(.kind == "say" or .kind == "end")
           | if .kind == "say" then "   < " + .text else "   [end: \(.text // "-") -> \(.outcome)]" end)),
         (if (.closing | length) > 0 then "   -- closing (the script ended)" else empty end),
         (.closing[] | select(.kind == "say" or .kind == "end")
           | if .kind == "say" then "   < " + .text else "   [end: \(.text // "-") -> \(.outcome)]" end),
         "   outcome \(.outcome), ended_by \(.ended_by), cause \(.debrief.end_cause // "-"), score \(.debrief.score)"' "$tmp/t.json"
done
