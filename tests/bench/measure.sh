# tests/bench/measure.sh: sourced by the report benchmarks (not a benchmark: run.sh runs bench_*).
# measure CMD...: "MEAN ms (best BEST ms)" of 5 runs after one warm-up run; "failed" when a run
# exits non-zero.  The best run is the figure to compare on a machine shared with other work
# (each run's wall time includes waiting for the CPU).
measure() {
  local r=5 t0 t1 best= all=0 ms
  "$@" >/dev/null 2>&1 || { echo failed; return; }
  for _ in $(seq 1 $r); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo failed; return; }
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    all=$(( all + ms ))
    [ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
  done
  echo "$(( all / r )) ms (best $best ms)"
}
