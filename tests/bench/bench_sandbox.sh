#!/usr/bin/env bash
# Bench: the Lua sandbox's cost against stock Lua, the customer host's latency, and how fast a
# hostile script is stopped.  Prints a Markdown section; `make bench` collects it.
set -u
cd "$(dirname "$0")/../.."
export SALESIM_DATA="$PWD/engine"
tool=build/tools/bench_sandbox
[ -x "$tool" ] || { echo "bench_sandbox: build it first (make unit-bins)" >&2; exit 1; }
echo "## Lua sandbox and customer host"
echo
echo "The sandbox adds a count hook (every 1000 instructions: budget, wall clock, recursion depth)"
echo "and its own pattern matcher that charges each step to the budget; best of 5 runs. With any"
echo "count hook set, Lua 5.4 checks the hook on every instruction, which is most of the cost on tight"
echo "loops; a customer's turn is a few microseconds either way."
echo
"$tool" --reps 5
echo
echo "Repeat: \`make unit-bins && SALESIM_DATA=engine build/tools/bench_sandbox --reps 5\`"
echo "(or \`tests/bench/bench_sandbox.sh\`)."
