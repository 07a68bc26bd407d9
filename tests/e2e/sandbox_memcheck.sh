#!/usr/bin/env bash
# Memcheck over the Lua sandbox and the customer host: the unit suites test_sandbox (every
# hostile script of tests/lua/hostile/ plus the sandbox's own checks) and test_customer (every
# hostile script again, as a scenario's behaviour, plus the default behaviour) run under
# valgrind with zero errors and no definite or indirect leak.  Normal build (valgrind and ASan
# do not mix); the suites themselves relax their 1-second bound under valgrind.
source "$(dirname "$0")/../lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then ok "sandbox memcheck # SKIP valgrind is not installed (make test-deps)"; finish; exit; fi
for t in test_sandbox test_customer; do
  bin=build/tests/$t
  if [ ! -x "$bin" ]; then fail "memcheck clean: $t" "no $bin: run make unit-bins first"; continue; fi
  log=$TMP/$t.vg
  memcheck() {
    CMOCKA_MESSAGE_OUTPUT=tap valgrind -q --error-exitcode=99 --leak-check=full \
      --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
      --num-callers=30 --log-file="$log" "$bin" >"$TMP/$t.out" 2>&1
  }
  memcheck; rc=$?
  nok=$(grep -c '^not ok' "$TMP/$t.out")
  # Twice in CI, never here (ten runs, loaded and stopped machines), test_conditions failed under
  # valgrind alone, its aborted host then leaking: a failed assertion with no memory error is run
  # once more, and its lines are kept in the log either way (the time caps under valgrind's late
  # signals are the suspect; sandbox.c's start_clock was made race-free for it)
  if [ "$nok" -gt 0 ] && ! grep -qE 'Invalid|uninitialised' "$log"; then
    printf '# %s under valgrind, first run: %s\n' "$t" "$(grep -A3 '^not ok' "$TMP/$t.out" | tr '\n' ' ' | head -c 600)"
    memcheck; rc=$?
    nok=$(grep -c '^not ok' "$TMP/$t.out")
  fi
  if [ "$rc" -eq 0 ] && [ "$nok" -eq 0 ] && ! grep -qE 'Invalid|uninitialised|definitely lost|indirectly lost' "$log"; then
    ok "memcheck clean: $t ($(grep -c '^ok' "$TMP/$t.out") tests)"
  else
    # the failing tests first: CI shows only the start of a failure's detail
    fail "memcheck clean: $t (exit $rc, $nok failing)" "$(grep -B2 -A6 '^not ok' "$TMP/$t.out" | head -40; head -40 "$log")"
  fi
done
finish
