#!/usr/bin/env bash
# Runs every test suite and totals them.  Each suite speaks TAP ("ok N - name" /
# "not ok N - name"): cmocka suites through CMOCKA_MESSAGE_OUTPUT=tap, shell suites through
# tests/lib.sh.  A suite that exits non-zero without reporting a failure counts as one failure.
# Suites: build/tests/test_* (unit), the same under ASan+UBSan (build-san/), tests/e2e/*.sh.
# Usage: tests/run.sh [PATTERN]   runs only suites whose name contains PATTERN.
set -u
cd "$(dirname "$0")/.."
export CMOCKA_MESSAGE_OUTPUT=tap
export SALESIM_DATA="$PWD/engine"
export NO_COLOR=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
pattern=${1:-}
passed=0 failed=0 skipped=0 failures=()
logdir=build/test-logs; mkdir -p "$logdir"

run_suite() {  # name, command...
  local name=$1; shift
  [ -n "$pattern" ] && [[ "$name" != *"$pattern"* ]] && return
  local log="$logdir/${name//\//_}.log"
  "$@" >"$log" 2>&1; local rc=$?
  local ok nok skip
  # a skipped test ("ok N # SKIP why") is not a pass: counted apart
  skip=$(grep -cE '^ok [0-9]+.*# SKIP' "$log")
  ok=$(( $(grep -cE '^ok [0-9]+' "$log") - skip )); nok=$(grep -cE '^not ok [0-9]+' "$log")
  if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then nok=1; echo "not ok - $name exited $rc" >>"$log"; fi
  passed=$((passed + ok)); failed=$((failed + nok)); skipped=$((skipped + skip))
  printf '%-40s %4d passed, %d failed%s\n' "$name" "$ok" "$nok" "$([ "$skip" -gt 0 ] && echo ", $skip skipped")"
  if [ "$nok" -gt 0 ]; then
    failures+=("$name"); grep -E -A12 '^not ok' "$log" | head -60 | sed 's/^/    /'
  fi
}

for t in build/tests/test_*; do [ -x "$t" ] && run_suite "unit/$(basename "$t")" "$t"; done
for t in build-san/tests/test_*; do [ -x "$t" ] && run_suite "asan/$(basename "$t")" "$t"; done
for t in tests/e2e/*.sh; do [ -f "$t" ] && run_suite "e2e/$(basename "$t" .sh)" bash "$t"; done

echo
[ ${#failures[@]} -gt 0 ] && echo "failing suites: ${failures[*]} (logs in $logdir/)"
[ "$skipped" -gt 0 ] && echo "$skipped skipped (not counted as passed: a tool or data set was missing)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
