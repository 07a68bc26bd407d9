#!/usr/bin/env bash
# Bench: the cost of linking by meaning (link.h): building each shipped scenario's index at load,
# and what it adds to a line, on the scenario's paraphrase set; then start-up with examples, to
# the first prompt and for a whole empty run, beside a bare Lua start.
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
  # one figure of bench_start's line: med KEY LINE
  med() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1==k{print $2}'; }
  lua=$($CPU $BS --runs 30 -- lua5.4 -e '' 2>/dev/null)
  lua_cpu=$(med cpu_median_ms "$lua")
  ratio() { awk -v a="$1" -v b="$lua_cpu" 'BEGIN{ if (b > 0) printf "%.1fx", a / b; else print "?" }'; }
  echo "Start-up with examples, two ways, beside a bare Lua start (medians of 30 runs on one core;"
  echo "CPU is user + system time from wait4): **to the first prompt**, \`salesim play\` on a new"
  echo "pseudo-terminal until its prompt (\`You>\`, \`你>\`) appears (scenario read and checked, classifier, link"
  echo "index, Lua customer with default.lua, brief and greeting shown, readline waiting), then killed;"
  echo "and **a whole run** with an empty script (the same, then end of input, the empty debrief with"
  echo "its Try lines, the transcript written and synced). Target (issue 14): within 2x of \`lua5.4 -e ''\`."
  echo
  echo "| program | to | wall clock, median (ms) | CPU, median (ms) | CPU / Lua |"
  echo "|---|---|---|---|---|"
  for fp in "scenarios/it-trial.yaml You>" "scenarios/campus-platform.yaml 你>"; do   # the prompt in the scenario's language
    f=${fp% *}; prompt=${fp##* }
    r=$(TERM=xterm $CPU $BS --runs 30 --until "$prompt" -- ./salesim play "$f" --transcript /tmp/bench-links-start.json 2>/dev/null)
    echo "| \`salesim play $f\` | first prompt | $(med wall_median_ms "$r") | $(med cpu_median_ms "$r") | $(ratio "$(med cpu_median_ms "$r")") |"
    r=$($CPU $BS --runs 30 -- ./salesim play "$f" --script /dev/null --transcript /tmp/bench-links-start.json 2>/dev/null)
    echo "| \`salesim play $f --script /dev/null\` | exit | $(med wall_median_ms "$r") | $(med cpu_median_ms "$r") | $(ratio "$(med cpu_median_ms "$r")") |"
  done
  r=$($CPU $BS --runs 30 -- ./salesim --version 2>/dev/null)
  echo "| \`salesim --version\` (the process alone) | exit | $(med wall_median_ms "$r") | $(med cpu_median_ms "$r") | $(ratio "$(med cpu_median_ms "$r")") |"
  echo "| \`lua5.4 -e ''\` | exit | $(med wall_median_ms "$lua") | $lua_cpu | 1.0x |"
  rm -f /tmp/bench-links-start.json
  echo
  echo "Load average when measured: $(cut -d' ' -f1-3 /proc/loadavg)."
  if command -v valgrind >/dev/null 2>&1; then
    # instructions (callgrind): up to the first prompt (dumped at the first term_read), the rest
    t=$(mktemp -d)
    valgrind --tool=callgrind --callgrind-out-file="$t/cg" --dump-before=term_read \
      ./salesim play scenarios/it-trial.yaml --script /dev/null --transcript '' >/dev/null 2>&1
    tp=$(awk '/^summary:/{print $2}' "$t/cg.1" 2>/dev/null); rest=$(awk '/^summary:/{print $2}' "$t/cg" 2>/dev/null)
    valgrind --tool=callgrind --callgrind-out-file="$t/lua" lua5.4 -e '' >/dev/null 2>&1
    lu=$(awk '/^summary:/{print $2}' "$t/lua" 2>/dev/null)
    rm -rf "$t"
    if [ -n "$tp" ] && [ -n "$rest" ] && [ -n "$lu" ]; then
      echo "Instructions (callgrind, scripted it-trial): $(awk -v a="$tp" 'BEGIN{printf "%.1f", a/1e6}') M to the first prompt,"
      echo "$(awk -v a="$tp" -v b="$rest" 'BEGIN{printf "%.1f", (a+b)/1e6}') M for the whole empty run; \`lua5.4 -e ''\` $(awk -v a="$lu" 'BEGIN{printf "%.1f", a/1e6}') M."
    fi
  fi
  echo
fi
echo "Repeat: \`make unit-bins && tests/bench/bench_links.sh\` (a first prompt alone:"
echo "\`TERM=xterm taskset -c 0 build/tools/bench_start --runs 30 --until 'You>' -- ./salesim play scenarios/it-trial.yaml --transcript ''\`)."
