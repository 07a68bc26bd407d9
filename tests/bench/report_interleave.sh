#!/usr/bin/env bash
# Times class-report forms on two builds run alternately, run by run: for each round, for each
# form, the older salesim on its gradebook then this one on its copy (docs/performance.md, "schema
# version 7"), so a load that comes and goes on a shared machine falls on both alike.  Prints one
# line per run: BUILD FORM WALL_S USER_S LOAD1 (the 1-minute load average just before the run).
# Not run by tests/run.sh (it needs the gradebooks).
# Usage: tests/bench/report_interleave.sh OLD_SALESIM OLD_GRADEBOOK NEW_SALESIM NEW_GRADEBOOK ROUNDS [all]
#        (without "all": the unfiltered text, CSV and HTML only)
set -u
[ $# -ge 5 ] || { echo "usage: $0 OLD_SALESIM OLD_GRADEBOOK NEW_SALESIM NEW_GRADEBOOK ROUNDS [all]" >&2; exit 2; }
OB=$1 OG=$2 NB=$3 NG=$4 R=$5
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
forms=("text:" "csv:--format csv" "html:--format html -o $TMP/r.html")
[ "${6:-}" = all ] && forms+=("scenario+since:--scenario scenario-2 --since 2026-11-15"
  "scenario:--scenario scenario-2" "since:--since 2026-11-15" "since-time:--since 2026-11-15T09:00Z"
  "trainee:--trainee trainee-007" "visits:--visits")
for r in $(seq 1 "$R"); do
  for fm in "${forms[@]}"; do
    name=${fm%%:*} args=${fm#*:}
    for b in old new; do
      if [ $b = old ]; then bin=$OB gb=$OG; else bin=$NB gb=$NG; fi
      load=$(cut -d' ' -f1 /proc/loadavg)
      # shellcheck disable=SC2086   # the form's options are words
      /usr/bin/time -o "$TMP/t" -f "$b $name %e %U $load" "$bin" report "$gb" $args >/dev/null 2>&1 </dev/null
      cat "$TMP/t"
    done
  done
done
