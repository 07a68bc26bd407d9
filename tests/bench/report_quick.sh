#!/usr/bin/env bash
# The class report's 1-second target checked quickly on both backends, for after a change to the
# report or the gradebook: make bench records all N sessions one transaction at a time (minutes
# per backend); this records N/10 that way (20 trainees, 3 scenarios) and grows them tenfold
# inside the database (200 trainees, each copy a new trainee with the same visits), the shape of
# make bench's class.  Prints a Markdown table: mean and best of 5 runs after a warm-up.
# Usage: tests/bench/report_quick.sh [N]   (default 100000; needs make all unit-bins)
# Not run by make bench (its name does not start with bench_).
set -u
cd "$(dirname "$0")/../.."
N=${1:-100000}
SALESIM=${SALESIM_BIN:-$PWD/salesim}
WRITER=${GB_WRITER:-$PWD/build/tools/gb_writer}
[ -x "$SALESIM" ] && [ -x "$WRITER" ] || { echo "build salesim and build/tools/gb_writer first (make all unit-bins)" >&2; exit 2; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
SEED=$(( N / 10 ))
ok() { :; }
fail() { PG_FAILED="$1: ${2:-}"; }

source tests/bench/measure.sh   # measure CMD..., grow_sql PREFIX K
# rows LABEL WHERE: one table row per report kind for one gradebook
rows() {
  printf '| %s | text | %s |\n' "$1" "$(measure "$SALESIM" report "$2")"
  printf '| %s | CSV | %s |\n' "$1" "$(measure "$SALESIM" report "$2" --format csv)"
  printf '| %s | HTML, `-o` | %s |\n' "$1" "$(measure "$SALESIM" report "$2" --format html -o "$TMP/r.html")"
  printf '| %s | `--scenario scenario-2 --since 2026-11-15` | %s |\n' "$1" "$(measure "$SALESIM" report "$2" --scenario scenario-2 --since 2026-11-15)"
  printf '| %s | `--scenario scenario-2` | %s |\n' "$1" "$(measure "$SALESIM" report "$2" --scenario scenario-2)"
  printf '| %s | `--since 2026-11-15` | %s |\n' "$1" "$(measure "$SALESIM" report "$2" --since 2026-11-15)"
  printf '| %s | `--since 2026-11-15T09:00Z` | %s |\n' "$1" "$(measure "$SALESIM" report "$2" --since 2026-11-15T09:00Z)"
  printf '| %s | `--visits` | %s |\n' "$1" "$(measure "$SALESIM" report "$2" --visits)"
}

printf 'Load average at the start: %s.\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "| gradebook | report | time |"
echo "|---|---|---|"

# --- SQLite: the triggers that keep the totals are dropped while the copies go in ---
GB=$TMP/quick.db
"$WRITER" "$GB" "$SEED" --trainees 20 --scenarios 3 --turns 0 --no-transcript
sqlite3 "$GB" "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger'" >"$TMP/trig.sql"
drops=$(sqlite3 "$GB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'")
sqlite3 "$GB" "BEGIN; $drops $(grow_sql "" 9) $(cat "$TMP/trig.sql") COMMIT; ANALYZE;" >/dev/null
rows "SQLite, $(sqlite3 "$GB" 'SELECT count(*) FROM sessions') sessions" "$GB"

# --- PostgreSQL: a throwaway server; the totals' trigger is disabled while the copies go in ---
PG_FAILED=
source tests/pg.sh
pg_start >/dev/null 2>&1
if [ -z "$PG_FAILED" ] && [ -n "$PGDIR" ]; then
  pg_sql postgres "CREATE DATABASE quick" >/dev/null
  pg_sql postgres "ALTER DATABASE quick SET synchronous_commit = off" >/dev/null
  PGB=$(pg_url quick)
  "$SALESIM" gradebook init "$PGB" >/dev/null
  per=$(( SEED / 4 ))
  for i in 1 2 3 4; do "$WRITER" "$PGB" "$per" --trainees 20 --scenarios 3 --turns 0 --no-transcript --seed "$i" & done
  wait
  pg_sql quick "BEGIN; ALTER TABLE salesim.session_rules DISABLE TRIGGER session_rules_total;
    $(grow_sql salesim. 9)
    ALTER TABLE salesim.session_rules ENABLE TRIGGER session_rules_total; COMMIT" >/dev/null
  pg_sql quick "VACUUM ANALYZE" >/dev/null
  rows "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $(pg_sql quick 'SELECT count(*) FROM salesim.sessions') sessions" "$PGB"
  pg_stop
else
  echo "| PostgreSQL | not measured | no server could be started (${PG_FAILED:-unknown}) |"
fi
echo
echo "Repeat: \`make all unit-bins && tests/bench/report_quick.sh $N\`."
