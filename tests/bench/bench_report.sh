#!/usr/bin/env bash
# Benchmark: the class report over 100,000 generated sessions on SQLite and on PostgreSQL
# (target: under 1 s on both), over 1,000,000 on SQLite (target: under 1 s), and the gradebook's
# write rate (one process; 50 processes at once) on both.  Prints a Markdown section.
# Usage: tests/bench/bench_report.sh [SESSIONS [BIG]]   (defaults 100000 and 1000000)
# PostgreSQL runs as a throwaway server (tests/pg.sh); without one the PostgreSQL rows say so.
set -u
cd "$(dirname "$0")/../.."
N=${1:-100000}
BIG=${2:-1000000}
SALESIM=${SALESIM_BIN:-$PWD/salesim}
WRITER=${GB_WRITER:-$PWD/build/tools/gb_writer}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
GB=$TMP/gradebook.db
ok() { :; }
fail() { PG_FAILED="$1: ${2:-}"; }

echo "## Class report (\`salesim report\`)"
echo
if [ ! -x "$SALESIM" ] || [ ! -x "$WRITER" ]; then
  echo "Not measured: build salesim and build/tools/gb_writer first (make all unit-bins)."
  exit 0
fi

secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", b-a}'; }
source tests/bench/measure.sh   # measure CMD..., grow_sql PREFIX K
# report_rows WHERE: the table rows for one gradebook
report_rows() {
  printf '| report, text | %s |\n' "$(measure "$SALESIM" report "$1")"
  printf '| report, CSV | %s |\n' "$(measure "$SALESIM" report "$1" --format csv)"
  printf '| report, HTML with charts, `-o` | %s |\n' "$(measure "$SALESIM" report "$1" --format html -o "$TMP/r.html")"
  printf '| report, `--scenario scenario-2 --since 2026-11-15` | %s |\n' "$(measure "$SALESIM" report "$1" --scenario scenario-2 --since 2026-11-15)"
  printf '| report, `--scenario scenario-2` | %s |\n' "$(measure "$SALESIM" report "$1" --scenario scenario-2)"
  printf '| report, `--since 2026-11-15` | %s |\n' "$(measure "$SALESIM" report "$1" --since 2026-11-15)"
  printf '| report, `--since 2026-11-15T09:00Z` | %s |\n' "$(measure "$SALESIM" report "$1" --since 2026-11-15T09:00Z)"
  printf '| per-visit CSV export (`--visits`) | %s |\n' "$(measure "$SALESIM" report "$1" --visits)"
}

# --- SQLite, N sessions ---
t0=$(date +%s.%N)
"$WRITER" "$GB" "$N" --trainees 200 --scenarios 3 --turns 0 --no-transcript
t1=$(date +%s.%N)
write_s=$(secs "$t0" "$t1")
t0=$(date +%s.%N)
for i in $(seq 1 50); do "$WRITER" "$TMP/c.db" 20 --trainee "t$i" --seed "$i" & done
wait
conc_s=$(secs "$t0" "$(date +%s.%N)")
conc_rows=$(sqlite3 "$TMP/c.db" 'SELECT count(*) FROM sessions')

printf 'Load average when the measurements began: %s.\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'Gradebooks of generated sessions (200 trainees, 3 scenarios, about 4 findings per session),\n'
echo "written with one transaction per session as \`salesim play --trainee\` records them. Target"
echo "for the report: under 1 s. Times are the mean and the best of 5 runs after a warm-up, and the"
echo "machine's load average is given: on a shared machine the best run is the one to compare."
echo
echo "### SQLite, $N sessions ($(( $(stat -c %s "$GB") / 1048576 )) MiB)"
echo
echo "| what | time |"
echo "|---|---|"
report_rows "$GB"
printf '| recording %d sessions, one process | %s s (%.0f sessions/s) |\n' "$N" "$write_s" "$(awk -v n="$N" -v s="$write_s" 'BEGIN{print n/s}')"
printf '| recording 50 processes x 20 sessions at once (%s rows kept) | %s s |\n' "$conc_rows" "$conc_s"
echo

# --- SQLite, BIG sessions: the N-session file copied BIG/N times inside SQLite (new trainees,
# same scenarios).  For speed the copy drops the indexes and triggers, inserts, multiplies the
# per-rule totals and per-day counts (each copy repeats every finding on the same day), copies
# the per-group sums for the new trainees (the same attempts, their ids moved as the sessions'
# are: schema version 7) and recreates them, which leaves the file as recording the same
# sessions one by one would. ---
if [ "$BIG" -gt "$N" ]; then
  BG=$TMP/big.db
  cp "$GB" "$BG"
  k=$(( BIG / N - 1 ))
  t0=$(date +%s.%N)
  sqlite3 "$BG" "SELECT sql || ';' FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL" >"$TMP/ddl.sql"
  drops=$(sqlite3 "$BG" "SELECT 'DROP ' || upper(type) || ' ' || name || ';' FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL")
  sqlite3 "$BG" "BEGIN; $drops
    WITH RECURSIVE c(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM c WHERE m < $k)
    INSERT INTO sessions(id, trainee, scenario, title, scenario_hash, language, seed, started, ended,
      ended_by, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery, hints_used,
      recorded, debrief, transcript, recorded_by, visit_key, tier)
    SELECT id + m * 100000000, trainee || '/' || m, scenario, title, scenario_hash, language, seed,
      started, ended, ended_by, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery,
      hints_used, recorded, debrief, transcript, recorded_by, NULL, tier FROM sessions, c WHERE id < 100000000;
    WITH RECURSIVE c(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM c WHERE m < $k)
    INSERT INTO findings SELECT session_id + m * 100000000, skill, rule, turn, points FROM findings, c
      WHERE session_id < 100000000;
    WITH RECURSIVE c(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM c WHERE m < $k)
    INSERT INTO session_rules SELECT session_id + m * 100000000, rule, skill, n, pts_n, pts_sum
      FROM session_rules, c WHERE session_id < 100000000;
    UPDATE rule_totals SET n = n * $((k + 1)), sessions = sessions * $((k + 1)),
      pts_n = pts_n * $((k + 1)), pts_sum = pts_sum * $((k + 1));
    UPDATE rule_days SET n = n * $((k + 1)), sessions = sessions * $((k + 1)),
      pts_n = pts_n * $((k + 1)), pts_sum = pts_sum * $((k + 1));
    WITH RECURSIVE c(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM c WHERE m < $k)
    INSERT INTO groups SELECT trainee || '/' || m, scenario, n, passed, sum_commitment, sum_benefits,
      sum_tactics, sum_discovery, n_commitment, n_benefits, n_tactics, n_discovery, n_order, n_advance,
      n_continuation, n_no_sale, hash_min, hash_max, lang_min, lang_max, min_id + m * 100000000,
      first_started, first_score, latest_id + m * 100000000, latest_score, latest_outcome, latest_started,
      latest_commitment, latest_benefits, latest_tactics, latest_discovery, scores, latest_tier,
      n_interrupted, n_hinted FROM groups, c WHERE min_id < 100000000;
    $(cat "$TMP/ddl.sql")
    COMMIT;" >/dev/null
  grow_s=$(secs "$t0" "$(date +%s.%N)")
  rows=$(sqlite3 "$BG" 'SELECT count(*) FROM sessions')
  echo "### SQLite, $rows sessions ($(( $(stat -c %s "$BG") / 1048576 )) MiB, 2,000 trainees; the $N-session file copied inside SQLite in $grow_s s)"
  echo
  echo "| what | time |"
  echo "|---|---|"
  report_rows "$BG"
  echo
fi

# --- PostgreSQL, N sessions ---
PG_FAILED=
source tests/pg.sh
echo "### PostgreSQL, $N sessions"
echo
pg_start >/dev/null 2>&1
if [ -z "$PG_FAILED" ] && [ -n "$PGDIR" ]; then
  pg_sql postgres "CREATE DATABASE bench" >/dev/null
  pg_sql postgres "CREATE DATABASE conc" >/dev/null
  # loading the big class without a flush per commit; the concurrent-write figure below keeps it
  pg_sql postgres "ALTER DATABASE bench SET synchronous_commit = off" >/dev/null
  PGB=$(pg_url bench)
  "$SALESIM" gradebook init "$PGB" >/dev/null
  t0=$(date +%s.%N)
  per=$(( N / 8 ))
  for i in $(seq 1 8); do "$WRITER" "$PGB" "$per" --trainees 200 --scenarios 3 --turns 0 --no-transcript --seed "$i" & done
  wait
  pwrite_s=$(secs "$t0" "$(date +%s.%N)")
  pg_sql bench "VACUUM ANALYZE" >/dev/null
  "$SALESIM" gradebook init "$(pg_url conc)" >/dev/null
  t0=$(date +%s.%N)
  for i in $(seq 1 50); do "$WRITER" "$(pg_url conc)" 20 --trainee "t$i" --seed "$i" & done
  wait
  pconc_s=$(secs "$t0" "$(date +%s.%N)")
  pconc_rows=$(pg_sql conc 'SELECT count(*) FROM salesim.sessions')
  echo "A throwaway PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') server on a Unix socket (tests/pg.sh), default settings."
  echo
  echo "| what | time |"
  echo "|---|---|"
  report_rows "$PGB"
  printf '| recording %d sessions, 8 processes, `synchronous_commit = off` | %s s (%.0f sessions/s) |\n' "$(( per * 8 ))" "$pwrite_s" "$(awk -v n="$(( per * 8 ))" -v s="$pwrite_s" 'BEGIN{print n/s}')"
  printf '| recording 50 processes x 20 sessions at once, durable commits (%s rows kept) | %s s |\n' "$pconc_rows" "$pconc_s"
  # --- PostgreSQL, BIG sessions: the N-session database copied BIG/N times inside the server
  # (new trainees, same visits), the totals' trigger off while the copies go in, as in
  # report_quick.sh (the per-group sums' trigger counts each new group once: the copies are one
  # statement) ---
  if [ "$BIG" -gt "$N" ]; then
    pg_sql postgres "CREATE DATABASE big TEMPLATE bench" >/dev/null
    t0=$(date +%s.%N)
    pg_sql big "BEGIN; ALTER TABLE salesim.session_rules DISABLE TRIGGER session_rules_total;
      $(grow_sql salesim. $(( BIG / N - 1 )))
      ALTER TABLE salesim.session_rules ENABLE TRIGGER session_rules_total; COMMIT" >/dev/null
    pg_sql big "VACUUM ANALYZE" >/dev/null
    pgrow_s=$(secs "$t0" "$(date +%s.%N)")
    echo
    echo "### PostgreSQL, $(pg_sql big 'SELECT count(*) FROM salesim.sessions') sessions (the $N-session database copied inside the server in $pgrow_s s, with \`VACUUM ANALYZE\`)"
    echo
    echo "| what | time |"
    echo "|---|---|"
    report_rows "$(pg_url big)"
  fi
  pg_stop
else
  echo "Not measured: no PostgreSQL server could be started here (${PG_FAILED:-unknown}); make deps installs it."
fi
echo
echo "Repeat: \`make all unit-bins && tests/bench/bench_report.sh $N $BIG\`. Unfiltered, the report"
echo "reads one row per trainee and scenario, the sums kept at write time (SQLite: schema version 7;"
echo "PostgreSQL: 5); filtered, SQLite's ordered pass reads one covering index (schema version 4) and"
echo "PostgreSQL groups the sessions in view; the finding counts are kept at write time (per rule for"
echo "the whole gradebook, per scenario and day for a filter by scenario or date, per session and rule"
echo "for a trainee)."
