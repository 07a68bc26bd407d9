#!/usr/bin/env bash
# `salesim test --walks` throughput on one core, beside inkjs playing a comparable visit and the
# same logic as a plain Lua loop (the peer benchmark in ../shared/peers/ink, when present).
# Prints a Markdown section; needs ./salesim and build/tools/bench_turns (make all unit-bins).
set -u
cd "$(dirname "$0")/../.."
export SALESIM_DATA=${SALESIM_DATA:-$PWD/engine} NO_COLOR=1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
BIN=./salesim BT=build/tools/bench_turns
CPU="taskset -c 0"; command -v taskset >/dev/null || CPU=
quick=${BENCH_QUICK:-0}
runs=$([ "$quick" = 1 ] && echo 3 || echo 7)
walks=200
PEERS=${SALESIM_PEERS:-../shared/peers}

$BIN test scenarios --walks $walks --seed 7 >"$T/out.txt" 2>&1
walked=$(sed -n 's/^walks .*: [0-9]* sessions, \([0-9]*\) turns.*/\1/p' "$T/out.txt" | awk '{ s += $1 } END { print s + 0 }')
scripted=$($BT --count-test-lines $(find scenarios -name '*.yaml' | sort) 2>/dev/null || echo 0)
best=""
for ((i = 0; i < runs; i++)); do
  /usr/bin/time -o "$T/time" -f '%U %S' $CPU $BIN test scenarios --walks $walks --seed 7 >/dev/null 2>&1
  t=$(tail -1 "$T/time" | awk '{ print $1 + $2 }')
  best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
done
rate=$(awk -v n=$((walked + scripted)) -v s="$best" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')

ink="not measured: $PEERS/ink is not here"
lua="not measured: $PEERS/ink is not here"
if [ -f "$PEERS/ink/bench.js" ]; then
  mkdir "$T/ink" && cp "$PEERS"/ink/* "$T/ink/"
  if command -v node >/dev/null && command -v npm >/dev/null &&
     (cd "$T/ink" && npm init -y >/dev/null 2>&1 && timeout 300 npm install --no-audit --no-fund inkjs@2.4.0 >/dev/null 2>&1); then
    r=$(cd "$T/ink" && $CPU node bench.js 4000 2>/dev/null)
    ink=$(printf '%s' "$r" | sed -n 's/.*"turns_per_s":\([0-9]*\).*/\1/p')
    [ -n "$ink" ] || ink="failed: $(printf '%s' "$r" | head -c 200)"
  else
    ink="not measured: inkjs could not be installed from npm (no node/npm, or no network)"
  fi
  if command -v lua5.4 >/dev/null; then
    lua=$($CPU lua5.4 "$T/ink/visit.lua" 200000 2>/dev/null | sed -n 's/.*"turns_per_s":\([0-9]*\).*/\1/p')
  fi
fi

echo "## Random walks (\`salesim test --walks\`) beside inkjs"
echo
echo "All shipped scenarios, their playthrough tests and $walks random walks each (seed 7):"
echo "$((walked + scripted)) turns ($scripted scripted, $walked walked) in $best s of CPU time"
echo "(user + system, best of $runs runs on one core): **$rate turns per CPU-second** (target"
echo "≥ 100,000: $(awk -v r="$rate" 'BEGIN { print (r >= 100000) ? "meets it" : "misses it" }'))."
echo
echo "| engine | what a turn is | turns per second |"
echo "|---|---|---|"
echo "| \`salesim test scenarios --walks $walks\` | a free-text line classified, the Lua customer's reactions, script and default behaviour, the turn recorded; each walk scored | $rate (CPU) |"
echo "| inkjs 2.4.0 playing \`visit.ink\` (\`node bench.js 4000\`) | a menu choice picked by index | $ink (wall, one core) |"
echo "| the same visit as a plain Lua 5.4 loop (\`lua5.4 visit.lua 200000\`) | a table update | $lua (CPU) |"
echo
echo "The peer benchmark is $PEERS/ink (its README says how the visits compare); the script"
echo "installs inkjs@2.4.0 from npm into a temporary folder and says so when it cannot."
echo "Repeat: \`/usr/bin/time -f '%U %S' taskset -c 0 $BIN test scenarios --walks $walks --seed 7 >/dev/null\`"
echo "(turns from its \`walks ... turns\` lines plus \`$BT --count-test-lines \$(find scenarios -name '*.yaml')\`), and"
echo "\`tests/bench/bench_walks.sh\` for the whole row set."
