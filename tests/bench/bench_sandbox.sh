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
echo "The sandbox's time cap is a CPU-time timer: every 2 ms of CPU a tick sets a hook that checks"
echo "the clock and the recursion depth and removes itself, so Lua runs without any hook between"
echo "ticks and nothing reads a clock per call (the count hook it replaced made Lua 5.4 check it on"
echo "every instruction: +140% on tight loops). The pattern matcher still charges each step to the"
echo "work budget; best of N runs. A runaway loop now runs to the 0.25 s CPU cap instead of being cut"
echo "at 10M instructions, so it is stopped later than before (by design: the cap is time)."
echo
"$tool" --reps 5
echo
echo "Repeat: \`make unit-bins && SALESIM_DATA=engine build/tools/bench_sandbox --reps 5\`"
echo "(or \`tests/bench/bench_sandbox.sh\`)."
