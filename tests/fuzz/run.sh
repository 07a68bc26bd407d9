#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets (clang, ASan+UBSan) into build-fuzz/ and runs each.
#   tests/fuzz/run.sh [SECONDS]     each target for SECONDS (default $FUZZ_SECONDS or 60)
#   FUZZ_RUNS=N tests/fuzz/run.sh   each target for N inputs instead (bounded, for CI)
#   FUZZ_TARGETS="loader session"   only these targets
#   tests/fuzz/run.sh --build       build only
# Targets: loader, classify, session, replay.  Corpora live in build-fuzz/corpus/NAME (kept
# between runs), seeded from scenarios/, ../shared/yaml-test-suite/, tests/data/,
# engine/lexicons/, tests/fuzz/seeds/ and (replay) transcripts that ./salesim writes.  A crash
# leaves its input in build-fuzz/artifacts/; copy it to tests/fuzz/regressions/NAME/ once fixed
# (tests/e2e/fuzz_regressions.sh replays that folder in `make test`).
set -u
cd "$(dirname "$0")/../.."
FZ=build-fuzz
secs=${1:-${FUZZ_SECONDS:-60}}
export SALESIM_DATA="$PWD/engine" NO_COLOR=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2
fi
jobs=$(nproc 2>/dev/null || echo 1); [ "$jobs" -gt 2 ] && jobs=2
targets=${FUZZ_TARGETS:-loader classify session replay}
mkdir -p $FZ
if ! make --no-print-directory -s -j"$jobs" -f tests/fuzz/fuzz.mk FZ_BUILD=$FZ \
       $(for t in $targets; do echo $FZ/fuzz_$t; done) >$FZ/build.log 2>&1; then
  tail -40 $FZ/build.log >&2
  echo "fuzz: build failed (see $FZ/build.log; libFuzzer needs libclang-rt-14-dev or the one matching clang)" >&2; exit 2
fi
[ "${1:-}" = --build ] && exit 0

# {=== seed corpora
# A file per seed, named by content hash so re-seeding never duplicates.
seed() {  # dir, content from stdin
  local tmp; tmp=$(mktemp); cat >"$tmp"
  [ -s "$tmp" ] && mv "$tmp" "$1/$(sha1sum "$tmp" | cut -c1-16)" || rm -f "$tmp"
}
# The text items of a YAML file ("- text" and "key: text"), one per line, markup stripped.
yaml_texts() {
  sed -nE -e 's/^[[:space:]]*-[[:space:]]+"?([^":#][^"]*)"?[[:space:]]*$/\1/p' \
          -e 's/^[[:space:]]*[a-z_]+:[[:space:]]+"?([^"{\[|>][^"]*)"?[[:space:]]*$/\1/p' "$@" 2>/dev/null |
    grep -v '^[[:space:]]*$'
}
mkdir -p $FZ/corpus/{loader,classify,session,replay} $FZ/artifacts
scen=$(find scenarios tests/data -name '*.yaml' -type f 2>/dev/null)
for f in $scen $(find ../shared/yaml-test-suite engine/lexicons -name '*.yaml' -type f 2>/dev/null); do
  seed $FZ/corpus/loader <"$f"
done
# classify: each text item of the scenarios and lexicons, under each of the three classifiers.
yaml_texts $scen engine/lexicons/*.yaml | awk 'length($0) < 400' | sort -u | head -1500 >$FZ/texts.txt
# the labelled corpus (engine/corpus/LANG/*.tsv): its text column
for f in engine/corpus/*/*.tsv; do [ -f "$f" ] && grep -v '^#' "$f" | cut -f1; done >>$FZ/texts.txt
# One file per text (seed-N, rewritten in place on every run); the first byte picks the
# classifier (byte % 3: "0" zh, "1" en, "2" the default scenario's).
awk -v d=$FZ/corpus/classify '{ f = sprintf("%s/seed-%d", d, NR); printf "%d%s", NR % 3, $0 > f; close(f) }' $FZ/texts.txt
# session: the hand-written sessions, and the texts of each scenario as one session.
for f in tests/fuzz/seeds/session/*.txt; do [ -f "$f" ] && seed $FZ/corpus/session <"$f"; done
for f in $scen; do yaml_texts "$f" | awk 'length($0) < 400' | head -40 | seed $FZ/corpus/session; done
# replay: transcripts of the hand-written sessions (needs ./salesim from `make`), with and
# without their debrief (a cut-short session is rebuilt from its scenario).
if [ -x ./salesim ]; then
  for f in tests/fuzz/seeds/session/*.txt; do
    t=$FZ/corpus/replay/seed-$(basename "$f" .txt).json
    ./salesim play scenarios/campus-platform.yaml --script "$f" --seed 1 --transcript "$t" >/dev/null 2>&1
    command -v jq >/dev/null && [ -f "$t" ] && jq 'del(.debrief)' "$t" >"${t%.json}-cut.json" 2>/dev/null
  done
fi
# A dictionary of lexicon phrases and scenario keys helps the mutator reach deep paths.
# libFuzzer takes printable ASCII only between the quotes: every other byte as \xNN.
{ awk 'length($0) < 30' $FZ/texts.txt | head -800
  grep -ohE '^[[:space:]]*[a-z_]+:' $scen 2>/dev/null | tr -d ' ' | sort -u
  printf '/hint\n/notes\n/quit\n'; } |
  perl -ne 'chomp; next unless length; s/([\\"])/\\$1/g; s/([^\x20-\x7e])/sprintf("\\x%02X", ord($1))/ge; print "\"$_\"\n"' >$FZ/dict.txt
# }===

rc=0
for name in $targets; do
  bin=$FZ/fuzz_$name
  [ -x "$bin" ] || { echo "fuzz: no $bin" >&2; rc=2; continue; }
  case $name in loader|replay) maxlen=65536 ;; session) maxlen=8192 ;; *) maxlen=4096 ;; esac
  limit=(-max_total_time="$secs"); [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
  dict=(); [ "$name" = classify ] || [ "$name" = session ] && dict=(-dict=$FZ/dict.txt)
  echo "== fuzz_$name: ${FUZZ_RUNS:+$FUZZ_RUNS runs}${FUZZ_RUNS:-$secs s}"
  "$bin" "${limit[@]}" "${dict[@]}" -max_len=$maxlen -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=$FZ/artifacts/$name- -print_final_stats=1 \
    $FZ/corpus/$name $( [ -d tests/fuzz/regressions/$name ] && echo tests/fuzz/regressions/$name) \
    >$FZ/$name.log 2>&1
  r=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' $FZ/$name.log | sed 's/^/   /'
  if [ $r -ne 0 ]; then
    rc=1
    echo "fuzz_$name: FAILED (exit $r); log in $FZ/$name.log, inputs:"
    ls $FZ/artifacts/$name-* 2>/dev/null | sed 's/^/   /'
    grep -m1 -E 'ERROR: |runtime error|SUMMARY' $FZ/$name.log | sed 's/^/   /'
  fi
done
exit $rc
