#!/usr/bin/env bash
# Benchmark: `salesim check` on the shipped scenarios, on the whole YAML test suite corpus, and
# on hostile input at the size cap (a 4 MiB file of nested lists and one of 200,000 values).
# Prints a Markdown section.  Usage: tests/bench/bench_check.sh [RUNS]
set -u
cd "$(dirname "$0")/../.."
R=${1:-20}
SALESIM=${SALESIM_BIN:-$PWD/salesim}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

echo "## Scenario loading (\`salesim check\`)"
echo
if [ ! -x "$SALESIM" ]; then echo "Not measured: build salesim first (make)."; exit 0; fi

# mean wall-clock milliseconds of R runs of a command, after one warm-up run
ms() {
  local t0 t1
  "$@" >/dev/null 2>&1
  t0=$(date +%s.%N)
  for _ in $(seq 1 "$R"); do "$@" >/dev/null 2>&1; done
  t1=$(date +%s.%N)
  printf '%.1f' "$(echo "($t1 - $t0) * 1000 / $R" | bc -l)"
}

python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
open(d + "/deep.yaml", "w").write("[" * (2 << 20) + "]" * (2 << 20))
open(d + "/wide.yaml", "w").write("[" + "a," * 200000 + "a]\n")
PY
corpus=(../shared/yaml-test-suite/valid/*.yaml ../shared/yaml-test-suite/error/*.yaml)
camp=$(ms "$SALESIM" check scenarios/campus-platform.yaml)
trial=$(ms "$SALESIM" check scenarios/it-trial.yaml)
suite=$(R=3 ms "$SALESIM" check "${corpus[@]}")
deep=$(ms "$SALESIM" check "$TMP/deep.yaml")
wide=$(ms "$SALESIM" check "$TMP/wide.yaml")

echo "| input | mean time |"
echo "|---|---|"
echo "| scenarios/campus-platform.yaml ($(wc -c <scenarios/campus-platform.yaml) bytes) | $camp ms |"
echo "| scenarios/it-trial.yaml ($(wc -c <scenarios/it-trial.yaml) bytes) | $trial ms |"
echo "| the YAML test suite, ${#corpus[@]} files in one run | $suite ms |"
echo "| 4 MiB of nested \`[[[...]]]\` (refused at depth 64) | $deep ms |"
echo "| one list of 200,001 values (refused at the value cap) | $wide ms |"
echo
echo "Each figure is the mean of $R runs (3 for the corpus) including process start-up."
echo "Repeat: \`tests/bench/bench_check.sh $R\`"
