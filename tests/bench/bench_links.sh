#!/usr/bin/env bash
# Bench: the cost of linking by meaning (link.h): building each shipped scenario's index at load,
# and what it adds to a line, on the scenario's paraphrase set; then start-up with examples.
# Prints a Markdown section; `make bench` collects it into docs/performance.md.
set -u
cd "$(dirname "$0")/../.."
export SALESIM_DATA="$PWD/engine"
tool=build/tools/bench_links
[ -x "$tool" ] || { echo "bench_links: build it first (make unit-bins)" >&2; exit 1; }
CPU=$(command -v taskset >/dev/null && echo "taskset -c 0" || echo "")
echo "## Links by meaning: index at load, cost per line"
echo
echo "Each shipped scenario's link index (examples, \`said\` and keywords of every item as TF-IDF"
echo "bags; docs/classifier.md, section 1d) is built once when the classifier is made. Per line,"
echo "the links are scored over the whole line and each clause. Lines: the scenario's paraphrase"
echo "set (tests/data/links/); 50 passes, one core. Target: a whole reading under 200 µs at p99."
echo
args=()
for f in scenarios/*.yaml; do b=$(basename "$f" .yaml); args+=("$f" "tests/data/links/$b.tsv"); done
$CPU "$tool" --reps 50 "${args[@]}"
echo
BS=build/tools/bench_start
if [ -x "$BS" ]; then
  echo "Start-up with examples: a whole scripted run with an empty script (scenario loaded, classifier,"
  echo "link index and Lua customer built, greeting, end of input, empty debrief), medians of 15 runs on"
  echo "one core, beside a bare Lua start:"
  echo
  echo "| program | wall clock, median (ms) | CPU, median (ms) |"
  echo "|---|---|---|"
  for f in scenarios/it-trial.yaml scenarios/campus-platform.yaml; do
    r=$($CPU $BS --runs 15 -- ./salesim play "$f" --script /dev/null --transcript /tmp/bench-links-start.json 2>/dev/null)
    echo "| \`salesim play $f --script /dev/null\` | $(tr ' ' '\n' <<<"$r" | awk -F= '$1=="wall_median_ms"{print $2}') | $(tr ' ' '\n' <<<"$r" | awk -F= '$1=="cpu_median_ms"{print $2}') |"
  done
  r=$($CPU $BS --runs 15 -- lua5.4 -e '' 2>/dev/null)
  echo "| \`lua5.4 -e ''\` | $(tr ' ' '\n' <<<"$r" | awk -F= '$1=="wall_median_ms"{print $2}') | $(tr ' ' '\n' <<<"$r" | awk -F= '$1=="cpu_median_ms"{print $2}') |"
  rm -f /tmp/bench-links-start.json
  echo
fi
echo "Repeat: \`make unit-bins && tests/bench/bench_links.sh\`."
