#!/usr/bin/env bash
# Benchmark: the class report over 100,000 generated sessions (target: under 1 s), and the
# gradebook's write rate (one process; 50 processes at once).  Prints a Markdown section.
# Usage: tests/bench/bench_report.sh [SESSIONS]
set -u
cd "$(dirname "$0")/../.."
N=${1:-100000}
SALESIM=${SALESIM_BIN:-$PWD/salesim}
WRITER=${GB_WRITER:-$PWD/build/tools/gb_writer}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
GB=$TMP/gradebook.db

echo "## Class report (\`salesim report\`)"
echo
if [ ! -x "$SALESIM" ] || [ ! -x "$WRITER" ]; then
  echo "Not measured: build salesim and build/tools/gb_writer first (make all unit-bins)."
  exit 0
fi

t0=$(date +%s.%N)
"$WRITER" "$GB" "$N" --trainees 200 --scenarios 3 --turns 0 --no-transcript
t1=$(date +%s.%N)
write_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
size_mb=$(( $(stat -c %s "$GB") / 1048576 ))

t0=$(date +%s.%N)
for i in $(seq 1 50); do "$WRITER" "$TMP/c.db" 20 --trainee "t$i" --seed "$i" & done
wait
t1=$(date +%s.%N)
conc_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
conc_rows=$(sqlite3 "$TMP/c.db" 'SELECT count(*) FROM sessions')

# mean of R runs in milliseconds, after one warm-up run; "failed" when a run exits non-zero
measure() {
  local r=5 t0 t1
  "$@" >/dev/null 2>&1 || { echo failed; return; }
  t0=$(date +%s.%N)
  for _ in $(seq 1 $r); do "$@" >/dev/null 2>&1 || { echo failed; return; }; done
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v r="$r" 'BEGIN{printf "%.0f ms", (b-a)/r*1000}'
}
text_s=$(measure "$SALESIM" report "$GB")
csv_s=$(measure "$SALESIM" report "$GB" --format csv)
html_s=$(measure "$SALESIM" report "$GB" --format html -o "$TMP/r.html")
filt_s=$(measure "$SALESIM" report "$GB" --scenario scenario-2 --since 2026-11-15)

printf 'A gradebook of %d generated sessions (200 trainees, 3 scenarios, about 4 findings per\n' "$N"
printf 'session; %d MiB), written by one process with one transaction per session, as\n' "$size_mb"
echo "\`salesim play --trainee\` records them. Target for the report: under 1 s."
echo
echo "| what | time |"
echo "|---|---|"
printf '| report, text | %s |\n' "$text_s"
printf '| report, CSV | %s |\n' "$csv_s"
printf '| report, HTML with charts, `-o` | %s |\n' "$html_s"
printf '| report, `--scenario scenario-2 --since 2026-11-15` | %s |\n' "$filt_s"
printf '| recording %d sessions, one process | %.1f s (%.0f sessions/s) |\n' "$N" "$write_s" "$(awk -v n="$N" -v s="$write_s" 'BEGIN{print n/s}')"
printf '| recording 50 processes x 20 sessions at once (%s rows kept) | %.2f s |\n' "$conc_rows" "$conc_s"
echo
echo "Repeat: \`make all unit-bins && tests/bench/bench_report.sh $N\` (times are the mean of 5 runs"
echo "after a warm-up; the report reads the covering indexes added by schema version 2)."
