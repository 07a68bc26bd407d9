#!/usr/bin/env bash
# The libFuzzer targets inside `make test`: builds them (clang, ASan+UBSan, build-fuzz/),
# replays every input kept in tests/fuzz/regressions/NAME/ (each once crashed or leaked), then
# runs each target for a short bounded time (FUZZ_CI_SECONDS, default 10) from the seed corpus.
# Skipped, not failed, on a machine without clang's libFuzzer (say so: `make test-deps` installs it).
source "$(dirname "$0")/../lib.sh"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
FZ=build-fuzz
if ! command -v clang >/dev/null 2>&1 || ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}' |
     clang -x c -fsanitize=fuzzer -o "$TMP/probe" - >/dev/null 2>&1; then
  ok "fuzz targets # SKIP clang with libFuzzer is not installed (make test-deps)"; finish; exit
fi
if out=$(tests/fuzz/run.sh --build 2>&1); then ok "fuzz targets build with clang -fsanitize=fuzzer,address,undefined"
else fail "fuzz targets build" "$(tail -30 <<<"$out")"; finish; exit; fi

for name in loader classify session replay; do
  bin=$FZ/fuzz_$name
  inputs=(); [ -d tests/fuzz/regressions/$name ] && mapfile -t inputs < <(find tests/fuzz/regressions/$name -type f | sort)
  if [ ${#inputs[@]} -eq 0 ]; then ok "fuzz_$name: no regression inputs kept"; else
    if out=$("$bin" -timeout=20 -rss_limit_mb=2048 "${inputs[@]}" 2>&1); then
      ok "fuzz_$name: ${#inputs[@]} regression inputs replay cleanly"
    else
      fail "fuzz_$name: regression inputs replay cleanly" "$(grep -E 'Running:|ERROR|SUMMARY|runtime error|#[0-9]+ ' <<<"$out" | head -20)"
    fi
  fi
  if out=$(FUZZ_TARGETS=$name tests/fuzz/run.sh "${FUZZ_CI_SECONDS:-10}" 2>&1); then
    ok "fuzz_$name: ${FUZZ_CI_SECONDS:-10} s of fuzzing finds nothing"
  else
    fail "fuzz_$name: ${FUZZ_CI_SECONDS:-10} s of fuzzing finds nothing" "$out
$(grep -E -B2 -A25 'ERROR: |runtime error' $FZ/$name.log | head -60)"
  fi
done
finish
