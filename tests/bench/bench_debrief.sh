#!/usr/bin/env bash
# Benchmark: the scorer and the debrief renderers on a long session (the unit-test fixture's
# strong visit repeated), per debrief.  Prints a Markdown section.
# Usage: tests/bench/bench_debrief.sh [TURNS] [RUNS]
set -u
cd "$(dirname "$0")/../.."
T=${1:-200}
R=${2:-200}
BIN=${BENCH_DEBRIEF:-$PWD/build/tools/bench_debrief}

echo "## Scoring and debrief"
echo
if [ ! -x "$BIN" ]; then echo "Not measured: build the tools first (make unit-bins)."; exit 0; fi
read -r turns runs findings score build text md html bytes < <("$BIN" "$T" "$R")
echo "A session of $turns trainee lines ($findings findings), mean of $runs runs, in one process:"
echo
echo "| step | mean time |"
echo "|---|---|"
echo "| \`score_session\` | $score ms |"
echo "| \`deb_build\` (the JSON document) | $build ms |"
echo "| terminal rendering (colour, 80 columns) | $text ms |"
echo "| Markdown rendering | $md ms |"
echo "| HTML rendering ($bytes bytes, SVG chart) | $html ms |"
echo
echo "Repeat: \`make unit-bins && tests/bench/bench_debrief.sh $T $R\`"
