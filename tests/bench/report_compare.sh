#!/usr/bin/env bash
# Times every class-report form on two builds, one after the other per form: an older salesim on
# its gradebook, then this one on a copy it upgraded (docs/performance.md, "schema version 6").
# Each figure: `hyperfine -N --warmup 1 --runs 5`, "MEAN ms (best BEST)", and the load average
# after the pair, as a Markdown table row.  Not run by tests/run.sh (it needs the gradebooks).
# Usage: tests/bench/report_compare.sh OLD_SALESIM OLD_GRADEBOOK NEW_SALESIM NEW_GRADEBOOK
set -u
[ $# -eq 4 ] || { echo "usage: $0 OLD_SALESIM OLD_GRADEBOOK NEW_SALESIM NEW_GRADEBOOK" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "$0: hyperfine is needed (make test-deps)" >&2; exit 2; }
OB=$1 OG=$2 NB=$3 NG=$4
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
forms=("" "--format csv" "--format html -o $TMP/r.html" "--scenario scenario-2 --since 2026-11-15"
       "--scenario scenario-2" "--since 2026-11-15" "--since 2026-11-15T09:00Z" "--trainee trainee-007" "--visits")
fig() {  # COMMAND: mean and best of 5 runs
  hyperfine -N --warmup 1 --runs 5 --export-json "$TMP/h.json" "$1" >/dev/null 2>&1 || { echo failed; return; }
  python3 -c "import json; r = json.load(open('$TMP/h.json'))['results'][0]; print('%d ms (best %d)' % (r['mean'] * 1000, r['min'] * 1000))"
}
echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| report | old | new | load |"
echo "|---|---|---|---|"
for f in "${forms[@]}"; do
  a=$(fig "$OB report $OG $f"); b=$(fig "$NB report $NG $f")
  echo "| ${f:-text} | $a | $b | $(cut -d' ' -f1 /proc/loadavg) |"
done
