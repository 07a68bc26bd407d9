#!/usr/bin/env bash
# Bench: per-line classification time as a lexicon grows (100 .. 100,000 generated phrases).
# Prints a Markdown section; `make bench` collects it into docs/performance.md.
set -u
cd "$(dirname "$0")/../.."
export SALESIM_DATA="$PWD/engine"
tool=build/tools/bench_classify
[ -x "$tool" ] || { echo "bench_classify: build it first (make unit-bins)" >&2; exit 1; }
echo "## Classifier: time per line as the lexicon grows"
echo
echo "Every development-set line (\`engine/corpus/{zh,en}/legacy.tsv\`) is classified with the shipped"
echo "lexicon plus a scenario lexicon of generated phrases; one Aho-Corasick pass per line keeps the"
echo "cost flat in the number of phrases (target: under 100 µs per typical line)."
echo
"$tool" --reps 20
echo
echo "### The whole reader, line by line"
echo
echo "Every corpus line (front end, rules and the model) classified one call at a time, 5 passes;"
echo "target: p99 under 200 µs."
echo
"$tool" --latency --reps 5
echo
echo "Repeat: \`make unit-bins && SALESIM_DATA=engine build/tools/bench_classify --reps 20\`"
echo "and \`... build/tools/bench_classify --latency --reps 5\`"
echo "(or \`tests/bench/bench_classify.sh\`)."
