#!/usr/bin/env bash
# The classroom gradebook (SQLite) under load and abuse: 200 writer processes at once (the
# gb_writer tool, then 50 real `salesim play --script --trainee` processes), a writer killed
# with SIGKILL mid-write, broken and foreign files, a version-1 file migrated, the report's exit
# codes, the per-visit export and `salesim record`.  gradebook_pg.sh runs the same class on
# PostgreSQL.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
unset SALESIM_GRADEBOOK
WRITER=${GB_WRITER:-$PWD/build/tools/gb_writer}
q() { sqlite3 -batch -noheader "$1" "$2"; }
# a private copy: the 1,000 play runs below take a while, and a rebuild of the shared binary
# in the middle would be counted as lost sessions
cp "$SALESIM" "$TMP/salesim" && SALESIM=$TMP/salesim

if [ ! -x "$WRITER" ]; then fail "gb_writer built (make unit-bins)" "missing $WRITER"; finish; exit; fi

# --- 200 concurrent writers x 5 sessions, one transaction each ---
GB=$TMP/class/gradebook.db
for i in $(seq 1 200); do "$WRITER" "$GB" 5 --trainee "trainee-$i" --seed "$i" 2>>"$TMP/w.err" & done
# the trainer watches while the class writes: WAL readers neither wait for nor block writers
( for _ in $(seq 1 100); do [ -s "$GB" ] && break; sleep 0.05; done; for _ in 1 2 3 4 5; do "$SALESIM" report "$GB" --format csv >/dev/null 2>>"$TMP/r.err" || echo "report failed" >>"$TMP/r.err"; done ) &
wait
expect_eq "reports run during the writes all succeed" "" "$(cat "$TMP/r.err")"
expect_eq "200 writers x 5: 1000 rows, none lost" "1000" "$(q "$GB" 'SELECT count(*) FROM sessions')"
expect_eq "every writer has its 5 rows" "200|5|5" \
  "$(q "$GB" 'SELECT count(*), min(n), max(n) FROM (SELECT count(*) AS n FROM sessions GROUP BY trainee)')"
expect_eq "integrity_check ok after the concurrent writes" "ok" "$(q "$GB" 'PRAGMA integrity_check')"
expect_eq "no writer reported an error" "" "$(cat "$TMP/w.err")"
expect_eq "the gradebook is in WAL mode at schema version 7" "wal|7" \
  "$(q "$GB" 'PRAGMA journal_mode' | tr -d '\n')|$(q "$GB" 'PRAGMA user_version')"
csv=$("$SALESIM" report "$GB" --format csv)
expect_eq "the report sees 200 trainees with 5 attempts each" "200 200" \
  "$(tail -n +2 <<<"$csv" | awk -F, '{n++; if ($3 == 5) k++} END {print n, k}')"
expect_eq "the per-rule totals agree with the findings" "" \
  "$(q "$GB" 'SELECT t.rule FROM rule_totals t LEFT JOIN (SELECT rule, count(*) AS n, count(DISTINCT session_id) AS s FROM findings GROUP BY rule) f ON f.rule = t.rule WHERE f.n IS NOT t.n OR f.s IS NOT t.sessions')"
expect_eq "... and so do the per-day counts (scenario, day, rule), both ways" "" \
  "$(q "$GB" "SELECT d.rule FROM rule_days d LEFT JOIN (SELECT s.scenario, substr(s.started, 1, 10) AS day, f.rule, count(*) AS n, count(DISTINCT f.session_id) AS k FROM findings f JOIN sessions s ON s.id = f.session_id GROUP BY 1, 2, 3) f USING (scenario, day, rule) WHERE f.n IS NOT d.n OR f.k IS NOT d.sessions
    UNION ALL SELECT f.rule FROM findings f JOIN sessions s ON s.id = f.session_id LEFT JOIN rule_days d ON d.scenario = s.scenario AND d.day = substr(s.started, 1, 10) AND d.rule = f.rule WHERE d.rule IS NULL")"

# --- SIGKILL in the middle of a write: earlier rows intact, file consistent, still writable ---
KG=$TMP/kill.db
"$WRITER" "$KG" 5 --trainee before >/dev/null
killed_ok=1
for round in 1 2 3; do
  : >"$TMP/ids.$round"
  "$WRITER" "$KG" 1000 --trainee "victim-$round" --payload 3000000 --print-ids >"$TMP/ids.$round" &
  pid=$!
  for _ in $(seq 1 200); do [ "$(wc -l <"$TMP/ids.$round")" -ge 2 ] && break; sleep 0.02; done
  sleep 0.0$((round * 3))
  kill -KILL "$pid"; wait "$pid" 2>/dev/null
  n=$(wc -l <"$TMP/ids.$round")
  [ "$n" -ge 2 ] || killed_ok=0
  for id in $(cat "$TMP/ids.$round"); do
    [ "$(q "$KG" "SELECT count(*) FROM sessions WHERE id=$id")" = 1 ] || killed_ok=0
  done
done
expect_eq "killed writers had committed rows before the kill" "1" "$killed_ok"
expect_eq "integrity_check ok after three SIGKILLs mid-write" "ok" "$(q "$KG" 'PRAGMA integrity_check')"
expect_eq "the rows written before the kills are intact" "5" \
  "$(q "$KG" "SELECT count(*) FROM sessions WHERE trainee='before'")"
expect_eq "no half-written session (every session row has its debrief)" "0" \
  "$(q "$KG" "SELECT count(*) FROM sessions WHERE debrief IS NULL OR length(debrief) < 10")"
check "the gradebook takes new sessions after the kills" "$WRITER" "$KG" 3 --trainee after
expect_eq "... and counts them" "3" "$(q "$KG" "SELECT count(*) FROM sessions WHERE trainee='after'")"

# --- broken and foreign files: a clear error, exit 2, the file untouched ---
printf 'these are my notes\n' >"$TMP/notes.txt"
err=$("$SALESIM" report "$TMP/notes.txt" 2>&1 >/dev/null); rc=$?
expect_eq "report on a text file exits 2" 2 "$rc"
expect_eq "... with a clear error" "salesim report: $TMP/notes.txt is not a salesim gradebook: file is not a database" "$err"
expect_eq "... and leaves the file as it was" "these are my notes" "$(cat "$TMP/notes.txt")"
head -c 4096 "$GB" >"$TMP/cut.db"
err=$("$SALESIM" report "$TMP/cut.db" 2>&1 >/dev/null); rc=$?
expect_eq "report on a truncated gradebook exits 2" 2 "$rc"
expect_contains "... with an error naming the file" "$err" "$TMP/cut.db"
sqlite3 "$TMP/other.db" 'CREATE TABLE invoices(id INTEGER, amount REAL)'
err=$("$SALESIM" report "$TMP/other.db" 2>&1 >/dev/null); rc=$?
expect_eq "report on another program's database exits 2" 2 "$rc"
expect_eq "... saying whose it is" "salesim report: $TMP/other.db is not a salesim gradebook: a SQLite database of another program" "$err"
err=$("$WRITER" "$TMP/other.db" 1 --trainee x 2>&1); rc=$?
expect_eq "a writer refuses another program's database" "2|gb_writer: $TMP/other.db is not a salesim gradebook: a SQLite database of another program" "$rc|$err"
expect_eq "... and leaves it in rollback-journal mode with one table" "delete|1" \
  "$(q "$TMP/other.db" 'PRAGMA journal_mode')|$(q "$TMP/other.db" 'SELECT count(*) FROM sqlite_master')"
err=$("$SALESIM" report "$TMP/none.db" 2>&1 >/dev/null); rc=$?
expect_eq "report on a missing file exits 2" "2|salesim report: cannot open gradebook $TMP/none.db: No such file or directory" "$rc|$err"
[ -e "$TMP/none.db" ] && fail "report does not create a missing gradebook" || ok "report does not create a missing gradebook"
"$SALESIM" report "$GB" --format pdf >/dev/null 2>&1; rc=$?
expect_eq "report with an unknown format exits 2" 2 "$rc"
"$SALESIM" report "$GB" --since yesterday >/dev/null 2>&1; rc=$?
expect_eq "report with a bad --since exits 2" 2 "$rc"

# --- a user who may only read the gradebook: writing is refused clearly, the report still works ---
if [ "$(id -u)" = 0 ] && su nobody -s /bin/sh -c true 2>/dev/null; then
  chmod 755 "$TMP"; mkdir -m 755 "$TMP/ro"
  "$WRITER" "$TMP/ro/g.db" 4 --trainee owner
  err=$(su nobody -s /bin/sh -c "'$WRITER' '$TMP/ro/g.db' 1 --trainee guest" 2>&1); rc=$?
  expect_eq "a user without write access gets a clear error" "2|gb_writer: cannot write gradebook $TMP/ro/g.db: permission denied (see docs/classroom.md for a shared gradebook)" "$rc|$err"
  out=$(su nobody -s /bin/sh -c "'$SALESIM' report '$TMP/ro/g.db' --format csv" 2>&1); rc=$?
  expect_eq "... and can still read the report" "0|owner,scenario-1,4" "$rc|$(tail -n 1 <<<"$out" | cut -d, -f1-3)"
else
  echo "ok $((_n += 1)) # SKIP read-only user test needs root and the nobody account"
fi

# --- a version-1 gradebook (the first schema) is migrated forward on open ---
sqlite3 "$TMP/v1.db" <<'SQL'
CREATE TABLE sessions(id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, scenario TEXT NOT NULL,
 title TEXT, scenario_hash TEXT, language TEXT, seed INTEGER, started TEXT NOT NULL, ended TEXT,
 ended_by TEXT, outcome TEXT NOT NULL, score INTEGER NOT NULL, pass INTEGER NOT NULL,
 s_commitment INTEGER, s_benefits INTEGER, s_tactics INTEGER, s_discovery INTEGER,
 hints_used INTEGER, recorded TEXT NOT NULL, debrief TEXT NOT NULL, transcript TEXT);
CREATE INDEX sessions_by_trainee ON sessions(trainee, scenario, started);
CREATE TABLE findings(session_id INTEGER NOT NULL REFERENCES sessions(id), skill TEXT NOT NULL,
 rule TEXT NOT NULL, turn INTEGER, points REAL);
CREATE INDEX findings_by_session ON findings(session_id);
CREATE TABLE rules(rule TEXT PRIMARY KEY, skill TEXT, principle TEXT);
INSERT INTO sessions VALUES(1, 'ann', 'visit', 'T', 'h', 'en', 1, '2026-10-01T08:00:00Z', NULL,
 'quit', 'advance', 64, 1, 60, 61, 62, 63, 0, '2026-10-01T08:10:00Z', '{}', NULL);
INSERT INTO findings VALUES(1, 'commitment', 'vague_ask', 3, -15);
PRAGMA application_id=1397510989; PRAGMA user_version=1;
SQL
out=$("$SALESIM" report "$TMP/v1.db" --format csv); rc=$?
expect_eq "report reads a version-1 gradebook (its visit ended by /quit counted as interrupted)" "0|ann,visit,1,64,64,64,64.0,60.0,61.0,62.0,63.0,,-,advance,2026-10-01T08:00:00Z,,,1,0" \
  "$rc|$(tail -n 1 <<<"$out" | tr -d '\r')"
expect_eq "... and migrates it to version 7 (new columns, indexes, counts, the per-group sums)" "7|1|1|vague_ask 1 1|visit 2026-10-01 vague_ask 1 1|ann visit 1 {64}" \
  "$(q "$TMP/v1.db" 'PRAGMA user_version')|$(q "$TMP/v1.db" "SELECT count(*) FROM pragma_table_info('sessions') WHERE name='recorded_by'")|$(q "$TMP/v1.db" "SELECT count(*) FROM sqlite_master WHERE name='sessions_report'")|$(q "$TMP/v1.db" "SELECT rule, n, sessions FROM rule_totals" | tr '|' ' ')|$(q "$TMP/v1.db" "SELECT scenario, day, rule, n, sessions FROM rule_days" | tr '|' ' ')|$(q "$TMP/v1.db" "SELECT trainee, scenario, n, scores FROM groups" | tr '|' ' ')"

# --- a version-3 gradebook (before the per-day counts) reports the same once migrated ---
"$WRITER" "$TMP/v3.db" 400 --trainees 9 --scenarios 3 --seed 5 >/dev/null
report_forms() {  # GRADEBOOK: every class-report form this checks, one after another
  for args in "" "--format csv" "--format html" "--scenario scenario-2" "--since 2026-11-15" \
      "--scenario scenario-2 --since 2026-11-15" "--since 2026-11-15T09:00Z" \
      "--scenario scenario-1 --since 2026-11-20T12:34:56" "--trainee trainee-003 --since 2026-11-10" "--visits"; do
    echo "== $args"; "$SALESIM" report "$1" $args 2>&1 | sed "s|$1|GRADEBOOK|g"
  done
}
before=$(report_forms "$TMP/v3.db")
# what version 7 added (the per-group sums and their triggers), taken away
undo_v7="DROP TRIGGER sessions_group_add; DROP TRIGGER sessions_group_change; DROP TRIGGER sessions_group_remove;
  DROP TABLE groups;"
sqlite3 "$TMP/v3.db" "$undo_v7 DROP TRIGGER sessions_debrief_edited; ALTER TABLE sessions DROP COLUMN tier;
  DROP TRIGGER session_rules_add_day; DROP TRIGGER session_rules_remove_day; DROP TABLE rule_days;
  DROP INDEX sessions_by_day; DROP INDEX sessions_report;
  CREATE INDEX sessions_report ON sessions(trainee, scenario, started, id, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery);
  PRAGMA user_version=3;"
after=$(report_forms "$TMP/v3.db")
expect_eq "a version-3 gradebook is migrated to version 7 on open" "7" "$(q "$TMP/v3.db" 'PRAGMA user_version')"
expect_eq "... and every report form, filtered or not, reads the same as before" "$before" "$after"

# --- a version-5 gradebook (before ended_by and the hints in the covering index): every row kept,
# the same report in every form, the class's interrupted visits and visits with hints included ---
"$WRITER" "$TMP/v5.db" 400 --trainees 9 --scenarios 3 --seed 5 >/dev/null
before=$(report_forms "$TMP/v5.db")
sqlite3 "$TMP/v5.db" "$undo_v7 DROP INDEX sessions_report;
  CREATE INDEX sessions_report ON sessions(trainee, scenario, started, id, outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language);
  PRAGMA user_version=5;"
after=$(report_forms "$TMP/v5.db")
expect_eq "a version-5 gradebook is migrated to version 7 on open, its 400 visits kept" "7|400|15" \
  "$(q "$TMP/v5.db" 'PRAGMA user_version')|$(q "$TMP/v5.db" 'SELECT count(*) FROM sessions')|$(q "$TMP/v5.db" "SELECT count(*) FROM pragma_index_info('sessions_report')")"
expect_eq "... and every report form, filtered or not, reads the same as before" "$before" "$after"
expect_contains "... the class's interrupted visits and visits with hints among them" "$after" "Interrupted visits (not ended by the customer): 54 of 400; visits with hints: 84 of 400"

# --- visits a trainee left with /quit or ended at the end of the script, and /hint: marked in
# the class report's every form and in the per-visit export (play-test 31) ---
printf '/hint\nHello Dana, thanks for making time today.\n/quit\n' >"$TMP/quit.txt"
printf 'Hello Dana, thanks for making time today.\nCould we start a two-week trial at the Reno warehouse next Tuesday at 10, with Marcus on the setup call?\n' >"$TMP/eof.txt"
for f in quit eof; do
  "$SALESIM" play it-trial --script "$TMP/$f.txt" --seed 1 --trainee zoe --gradebook "$TMP/marks.db" --transcript "" >/dev/null 2>&1
done
expect_eq "report --visits: how each visit ended and its hints, in two last columns" \
  "session,trainee,scenario,attempt,started,outcome,score,pass,commitment,benefits,tactics,discovery,ended_by,hints|quit,1|eof,0" \
  "$("$SALESIM" report "$TMP/marks.db" --visits | tr -d '\r' | awk -F, 'NR == 1 {printf "%s", $0} NR > 1 {printf "|%s,%s", $13, $14}')"
out=$("$SALESIM" report "$TMP/marks.db")
expect_contains "text report: the trainee's row counts them after the latest outcome" "$out" " (2 interrupted, 1 with hints)"
expect_contains "... and the class line under the outcomes" "$out" "Interrupted visits (not ended by the customer): 2 of 2; visits with hints: 1 of 2"
expect_eq "CSV report: two last columns" "interrupted,with_hints|2,1" \
  "$("$SALESIM" report "$TMP/marks.db" --format csv | tr -d '\r' | awk -F, '{printf "%s%s,%s", (NR > 1 ? "|" : ""), $(NF-1), $NF}')"
out=$("$SALESIM" report "$TMP/marks.db" --format html)
expect_contains "HTML report: the row's counts under its latest outcome" "$out" "<br><small class=\"marks\">2 interrupted</small><br><small class=\"marks\">1 with hints</small></td>"
expect_contains "... and the class line" "$out" "<p id=\"marks\">Interrupted visits (not ended by the customer): 2 of 2; visits with hints: 1 of 2</p>"
out=$("$SALESIM" report "$TMP/marks.db" --lang zh)
expect_contains "in Chinese too" "$out" "（中断 2 次，用提示 1 次）"
expect_contains "... the class line" "$out" "中断的拜访(不是客户结束的):2/2；用了提示的拜访:1/2"
# did-you-mean counts characters: a Chinese name one character off, an accented one
"$WRITER" "$TMP/marks.db" 1 --trainee 李娜 >/dev/null
"$WRITER" "$TMP/marks.db" 1 --trainee "Zoë Martin" >/dev/null
err=$("$SALESIM" report "$TMP/marks.db" --trainee 李那 2>&1 >/dev/null); rc=$?
expect_eq "report --trainee 李那 suggests 李娜 (one character, three bytes)" "1|salesim report: no session in $TMP/marks.db has trainee '李那' (did you mean '李娜'?)" "$rc|$err"
err=$("$SALESIM" report "$TMP/marks.db" --trainee "Zoe Martin" 2>&1 >/dev/null)
expect_contains "report --trainee \"Zoe Martin\" suggests Zoë Martin" "$err" "(did you mean 'Zoë Martin'?)"

# --- report output: -o writes atomically and picks the format from the name ---
"$SALESIM" report "$GB" -o "$TMP/out/class.csv" 2>"$TMP/o.err"; rc=$?
expect_eq "report -o FILE.csv exits 0" 0 "$rc"
expect_eq "... writes CSV with the header row" "trainee,scenario,attempts,best,first,latest,average,commitment,benefits,tactics,discovery,trend_per_attempt,trend,latest_outcome,latest_started,latest_tier,pass_mark,interrupted,with_hints" \
  "$(head -n 1 "$TMP/out/class.csv" | tr -d '\r')"
expect_eq "... and says what it wrote" "salesim report: wrote $TMP/out/class.csv (1000 sessions, 200 trainees)" "$(cat "$TMP/o.err")"
expect_eq "... leaving no temporary file" "class.csv" "$(ls "$TMP/out")"
out=$(SALESIM_GRADEBOOK=$GB "$SALESIM" report --format csv | wc -l)
expect_eq "report without GRADEBOOK reads \$SALESIM_GRADEBOOK" "201" "$out"
"$SALESIM" report >/dev/null 2>&1; rc=$?
expect_eq "report without GRADEBOOK or \$SALESIM_GRADEBOOK exits 2" 2 "$rc"
text=$("$SALESIM" report "$GB" --trainee trainee-7)
expect_contains "text report filtered to one trainee" "$text" "5 sessions, 1 trainee,"
expect_contains "... names the filter" "$text" "Filter: trainee=trainee-7"

# --- gradebook init on SQLite: creates the file and states the trust model; no roles ---
out=$("$SALESIM" gradebook init "$TMP/init/new.db"); rc=$?
expect_eq "gradebook init creates a SQLite gradebook at version 7" "0|7" "$rc|$(q "$TMP/init/new.db" 'PRAGMA user_version')"
expect_contains "... and says plainly who can change it" "$out" "Every trainee who records into this file can also read, change and delete every row in it"
err=$("$SALESIM" gradebook init "$TMP/init/new.db" --trainee ann 2>&1); rc=$?
expect_eq "roles on a SQLite gradebook are refused" "2|salesim gradebook: $TMP/init/new.db: a SQLite gradebook has no roles (--trainee and --trainer need a postgresql:// gradebook; see docs/classroom.md)" "$rc|$err"

# --- the per-visit export, and the byte order mark for spreadsheet programs ---
vis=$("$SALESIM" report "$GB" --visits)
expect_eq "report --visits: a header and one row per visit" \
  "session,trainee,scenario,attempt,started,outcome,score,pass,commitment,benefits,tactics,discovery,ended_by,hints|1000" \
  "$(head -n 1 <<<"$vis" | tr -d '\r')|$(tail -n +2 <<<"$vis" | wc -l)"
expect_eq "... attempts numbered in start order per trainee and scenario" "1 2 3 4 5" \
  "$(grep ',trainee-7,' <<<"$vis" | cut -d, -f4 | tr '\n' ' ' | sed 's/ $//')"
row=$(grep '^17,' <<<"$vis" | tr -d '\r')
expect_eq "... each row holds the visit's outcome and skill scores" \
  "$(q "$GB" "SELECT outcome, score, s_commitment, s_benefits, s_tactics, s_discovery FROM sessions WHERE id = 17" | tr '|' ',')" \
  "$(cut -d, -f6,7,9-12 <<<"$row")"
"$SALESIM" report "$GB" --visits --bom -o "$TMP/visits.csv" 2>/dev/null
expect_eq "--bom starts the file with the UTF-8 byte order mark" "efbbbf73" "$(head -c 4 "$TMP/visits.csv" | od -An -tx1 | tr -d ' \n')"
expect_eq "... and without it the file starts with the header" "73657373" "$("$SALESIM" report "$GB" --visits | head -c 4 | od -An -tx1 | tr -d ' \n')"
expect_eq "--bom works for the per-trainee CSV too" "efbbbf74" "$("$SALESIM" report "$GB" --format csv --bom | head -c 4 | od -An -tx1 | tr -d ' \n')"
"$SALESIM" report "$GB" --format html --bom >/dev/null 2>&1; rc=$?
expect_eq "--bom with HTML is a usage error" 2 "$rc"
"$SALESIM" report "$GB" --format text --visits >/dev/null 2>&1; rc=$?
expect_eq "--visits with text is a usage error" 2 "$rc"

# --- real play processes: 50 at once, 20 sessions each, each recording through gb_record ---
SC=scenarios/it-trial.yaml
cat >"$TMP/en.txt" <<'L'
Hello, thanks for making time today.
What takes most of your team's time at the moment?
Could you bring your IT head to a 30-minute demo next Wednesday at 3?
L
PG=$TMP/play/gradebook.db
probe=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 1 --json --trainee probe --gradebook "$TMP/probe.db" --transcript "$TMP/probe.json" 2>&1 >/dev/null); rc=$?
expect_eq "play --script --trainee records a session" "0|1" "$rc|$(q "$TMP/probe.db" 'SELECT count(*) FROM sessions' 2>&1)"
if [ "$rc" = 0 ]; then
  player() {  # trainee number
    for s in $(seq 1 20); do
      SALESIM_GRADEBOOK=$PG "$SALESIM" play "$SC" --script "$TMP/en.txt" --seed "$s" --json \
        --trainee "player-$1" --transcript "" >/dev/null 2>>"$TMP/p.err.$1" || echo "play $1/$s failed" >>"$TMP/p.err.$1"
    done
  }
  for i in $(seq 1 50); do player "$i" & done
  wait
  expect_eq "50 concurrent play processes x 20 sessions: 1000 rows" "1000" "$(q "$PG" 'SELECT count(*) FROM sessions')"
  expect_eq "... 20 per trainee" "50|20|20" \
    "$(q "$PG" 'SELECT count(*), min(n), max(n) FROM (SELECT count(*) AS n FROM sessions GROUP BY trainee)')"
  expect_eq "... integrity_check ok" "ok" "$(q "$PG" 'PRAGMA integrity_check')"
  expect_eq "... no play process failed" "" "$(cat "$TMP"/p.err.* | head -5)"
  expect_eq "... each row holds its transcript" "0" "$(q "$PG" 'SELECT count(*) FROM sessions WHERE transcript IS NULL')"

  # progress in the debrief comes from the trainee's earlier attempts
  d=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 99 --json --trainee player-1 --gradebook "$PG" --transcript "" 2>/dev/null)
  expect_eq "the debrief shows the 20 earlier attempts as progress" "20" "$(jq '.progress | length' <<<"$d")"

  # a broken gradebook: clear error, exit 2, the transcript still saved
  err=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 1 --trainee ann --gradebook "$TMP/notes.txt" --transcript "$TMP/kept.json" 2>&1 >/dev/null); rc=$?
  expect_eq "play with a broken gradebook exits 2" 2 "$rc"
  expect_contains "... with a clear error" "$err" "$TMP/notes.txt is not a salesim gradebook: file is not a database"
  expect_eq "... and the transcript is still saved" "3" "$(jq '.turns | length' "$TMP/kept.json" 2>&1)"
  expect_contains "... and play says how to record it later" "$err" "the visit is kept in $TMP/kept.json; once the gradebook can be opened, record it with: salesim record $TMP/kept.json --gradebook $TMP/notes.txt"
  out=$("$SALESIM" record "$TMP/kept.json" --gradebook "$TMP/later.db"); rc=$?
  expect_eq "salesim record records the kept visit" "0|1|ann" "$rc|$(q "$TMP/later.db" 'SELECT count(*) FROM sessions')|$(q "$TMP/later.db" 'SELECT trainee FROM sessions')"
  out=$("$SALESIM" record "$TMP/kept.json" --gradebook "$TMP/later.db"); rc=$?
  expect_eq "... and a second time adds nothing" "0|1" "$rc|$(q "$TMP/later.db" 'SELECT count(*) FROM sessions')"
  expect_contains "... saying so" "$out" "already in $TMP/later.db"
  # with no transcript asked for, the kept one goes to the data dir
  err=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 2 --trainee ann --gradebook "$TMP/notes.txt" --transcript "" 2>&1 >/dev/null)
  kept=$(sed -n 's/.*the visit is kept in \([^;]*\);.*/\1/p' <<<"$err")
  expect_eq "a visit asked to keep no transcript keeps one when it cannot be recorded" "$TMP/data/salesim/transcripts|it-trial" "$(dirname "$kept")|$(jq -r .debrief.scenario "$kept" 2>&1)"
  printf '{"version": 1}' >"$TMP/cut.json"
  err=$("$SALESIM" record "$TMP/cut.json" --gradebook "$TMP/later.db" 2>&1); rc=$?
  expect_eq "record refuses a transcript without a debrief" "2|salesim record: $TMP/cut.json: the visit has no debrief (it was cut short); salesim replay $TMP/cut.json rebuilds it" "$rc|$err"
  # a file that is no transcript, under a long path: the message shows all of it (pt30c #4)
  long="$TMP/a-rather-long-folder-name-for-a-class/referral-follow-up-20261207-054400-15963.json"
  mkdir -p "$(dirname "$long")" && printf '{"x": 1}\n{"y": 2}\n' >"$long"
  err=$("$SALESIM" record "$long" --gradebook "$TMP/later.db" 2>&1); rc=$?
  expect_contains "record of a file that is no transcript names its whole path" "$rc|$err" "2|salesim record: $long:2:1: not a salesim transcript"

  # a visit killed with SIGKILL left only its journal: record takes it, once, marked killed (pt30c #4)
  ( head -n 2 "$TMP/en.txt"; sleep 30 ) | "$SALESIM" play "$SC" --seed 3 --trainee dave --gradebook "$TMP/dave.db" >/dev/null 2>&1 &
  pid=$!
  jdir=$TMP/data/salesim/transcripts
  for _ in $(seq 1 100); do j=$(ls "$jdir"/it-trial-*.json.journal 2>/dev/null | head -1); [ -n "$j" ] && [ "$(tr -d '\0' <"$j" | grep -c '"record":"turn"')" = 2 ] && break; sleep 0.1; done
  err=$("$SALESIM" record "$j" --gradebook "$TMP/dave.db" 2>&1); rc=$?
  expect_contains "record refuses the journal of a visit still going" "$rc|$err" "2|"
  expect_contains "... saying so" "$err" "$j: the visit is still going (its program is running)"
  kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
  t=${j%.journal}
  err=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 4 --trainee dave --gradebook "$TMP/dave.db" --transcript "" 2>&1 >/dev/null)
  expect_contains "the trainee's next play names the killed visit and the command" "$err" "an earlier visit was stopped before its end (killed, its terminal closed, or the machine went down) and is in no gradebook: $j; record it with: salesim record $j --gradebook $TMP/dave.db"
  out=$("$SALESIM" record "$t" --gradebook "$TMP/dave.db" 2>"$TMP/err"); rc=$?
  expect_eq "record of the killed visit by its transcript's name exits 0" 0 "$rc"
  expect_contains "... says it is recorded as a visit that did not end" "$out" "$j: recorded in $TMP/dave.db (session 2, trainee dave) as a visit that did not end (ended_by killed)"
  expect_eq "... the row is marked killed, with its 2 turns" "killed|2" "$(q "$TMP/dave.db" "SELECT ended_by, json_array_length(transcript, '\$.turns') FROM sessions WHERE id = 2")"
  expect_eq "... the transcript document with its debrief takes the journal's place" "killed|no journal" \
    "$(jq -r .debrief.ended_by "$t" 2>&1)|$([ -e "$j" ] && echo journal || echo no journal)"
  out=$("$SALESIM" record "$t" --gradebook "$TMP/dave.db" 2>&1); rc=$?
  expect_eq "... recording it again adds nothing" "0|2" "$rc|$(q "$TMP/dave.db" 'SELECT count(*) FROM sessions')"
  err=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 5 --trainee dave --gradebook "$TMP/dave.db" --transcript "" 2>&1 >/dev/null)
  if grep -q "an earlier visit" <<<"$err"; then fail "... and the next play no longer names it" "$err"; else ok "... and the next play no longer names it"; fi

  # salesim next: the weakest skill over the latest visits, and a scenario in their language
  # (a skill the visits gave no evidence of, stored as NULL, is not weakest: it was not shown)
  weakest=$(sqlite3 "$PG" "WITH l AS (SELECT * FROM sessions WHERE trainee='player-1' ORDER BY started DESC, id DESC LIMIT 10) SELECT k FROM (SELECT 'commitment' AS k, avg(s_commitment) AS a, 1 AS o FROM l UNION ALL SELECT 'benefits', avg(s_benefits), 2 FROM l UNION ALL SELECT 'tactics', avg(s_tactics), 3 FROM l UNION ALL SELECT 'discovery', avg(s_discovery), 4 FROM l) WHERE a IS NOT NULL ORDER BY a, o LIMIT 1")
  out=$("$SALESIM" next --trainee player-1 --gradebook "$PG"); rc=$?
  expect_contains "salesim next names the weakest skill with its average" "$rc|$out" "0|next for player-1: "
  expect_contains "... the weakest skill is the lowest average of the latest 10 visits" "$out" "why: $weakest is the weakest skill"
  named=$(sed -n 's/^next for player-1: \([^ ]*\) .*/\1/p' <<<"$out")
  expect_eq "... and names an English scenario, as player-1 plays in English" "en" "$("$SALESIM" list | awk -v id="$named" '$1 == id {print $2}')"
  expect_contains "... and how to play it" "$out" "play: salesim play $named --trainee player-1"
  # a folder of the trainer's: the file's path, and a trainee name with a space quoted, so the
  # line pastes as printed (blind trainer, round 10)
  sqlite3 "$PG" "UPDATE sessions SET trainee = 'Ben Okoro' WHERE trainee = 'player-1'"
  out=$("$SALESIM" next --trainee "Ben Okoro" --gradebook "$PG" scenarios)
  expect_contains "salesim next in a folder: the file's path, the name quoted" "$out" "play: salesim play scenarios/"
  expect_contains "... the name quoted" "$out" "--trainee 'Ben Okoro'"
  played=$(sed -n 's/^play: salesim play \([^ ]*\) .*/\1/p' <<<"$out")
  if [ -f "$played" ]; then ok "... a path that exists"; else fail "... a path that exists" "$out"; fi
  "$SALESIM" next --trainee nobody --gradebook "$PG" >/dev/null 2>&1; rc=$?
  expect_eq "salesim next for a trainee with no visits exits 1" 1 "$rc"
fi
finish
