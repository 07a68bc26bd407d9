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

# The copies' SQL, shared by both backends: copy m of every seed session gets id + m * 10^8 and
# trainee NAME/m; findings and per-session rule counts follow their session; the per-rule totals
# and per-day counts are multiplied (each copy repeats every finding on the same day), as
# recording the copies would leave them.
grow_sql() {  # PREFIX ("" or "salesim.") K
  local p=$1 k=$2 series
  series="(WITH RECURSIVE c(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM c WHERE m < $k) SELECT m FROM c) AS c"
  cat <<SQL
INSERT INTO ${p}sessions(id, trainee, scenario, title, scenario_hash, language, seed, started, ended,
  ended_by, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery, hints_used,
  recorded, debrief, transcript, recorded_by, visit_key, tier)
  SELECT id + m * 100000000, trainee || '/' || m, scenario, title, scenario_hash, language, seed,
  started, ended, ended_by, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery,
  hints_used, recorded, debrief, transcript, recorded_by, NULL, tier FROM ${p}sessions, $series WHERE id < 100000000;
INSERT INTO ${p}findings(session_id, skill, rule, turn, points)
  SELECT session_id + m * 100000000, skill, rule, turn, points FROM ${p}findings, $series WHERE session_id < 100000000;
INSERT INTO ${p}session_rules(session_id, rule, skill, n, pts_n, pts_sum)
  SELECT session_id + m * 100000000, rule, skill, n, pts_n, pts_sum FROM ${p}session_rules, $series WHERE session_id < 100000000;
UPDATE ${p}rule_totals SET n = n * $((k + 1)), sessions = sessions * $((k + 1)),
  pts_n = pts_n * $((k + 1)), pts_sum = pts_sum * $((k + 1));
UPDATE ${p}rule_days SET n = n * $((k + 1)), sessions = sessions * $((k + 1)),
  pts_n = pts_n * $((k + 1)), pts_sum = pts_sum * $((k + 1));
SQL
}
