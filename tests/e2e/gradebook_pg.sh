#!/usr/bin/env bash
# The gradebook on a real PostgreSQL server (tests/pg.sh starts a throwaway one): the same class
# run as on SQLite (200 writers at once, writers killed mid-transaction, the server restarted
# mid-class: nothing lost, nothing twice), the report and gradebook unit suites, the same report in every format
# on both backends, migrations when processes start together, clear errors (refused connection,
# bad credentials, missing database, foreign schema), the trainee and trainer roles (a trainee
# cannot read, change or delete another's rows), and `salesim record` of a visit the server missed.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../pg.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
unset SALESIM_GRADEBOOK PGPASSWORD PGUSER PGHOST PGDATABASE
WRITER=${GB_WRITER:-$PWD/build/tools/gb_writer}
REPORT_SUITE=${REPORT_SUITE:-$PWD/build/tests/test_report}
GB_SUITE=${GB_SUITE:-$PWD/build/tests/test_gradebook}
cp "$SALESIM" "$TMP/salesim" && SALESIM=$TMP/salesim
if [ ! -x "$WRITER" ]; then fail "gb_writer built (make unit-bins)" "missing $WRITER"; finish; exit; fi
pg_start || { finish; exit 1; }
q() { pg_sql "$1" "$2"; }
psql_as() {  # DB USER PASSWORD SQL: runs SQL as a role through its password; stdout and stderr
  PGPASSWORD=$3 "$PGBIN/psql" -X -q -A -t -h "$PGDIR" -U "$2" -d "$1" -c "$4" 2>&1
}
# regroup_diff DB: how many rows of the per-group sums kept at write time (schema version 5)
# differ from the same groups counted again from the sessions, either way (0: exact)
regroup_diff() {
  q "$1" "WITH c AS (SELECT g.* FROM (SELECT DISTINCT trainee, scenario FROM salesim.sessions) AS k
    CROSS JOIN LATERAL salesim.group_of(k.trainee, k.scenario) AS g)
    SELECT (SELECT count(*) FROM (SELECT * FROM salesim.groups EXCEPT ALL SELECT * FROM c) AS a)
      + (SELECT count(*) FROM (SELECT * FROM c EXCEPT ALL SELECT * FROM salesim.groups) AS b)"
}
# undo_v6: SQL that takes a gradebook back to version 5 (what version 6 added, taken away: the
# index as version 5 made it, the groups without their two counts; the groups' functions stay as
# version 6 wrote them, which the migration replaces whole)
undo_v6="DROP INDEX salesim.sessions_report; CREATE INDEX sessions_report ON salesim.sessions(trainee, scenario, started, id)
  INCLUDE (outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery, scenario_hash, language);
  ALTER TABLE salesim.groups DROP COLUMN n_interrupted, DROP COLUMN n_hinted;"
# undo_v5: SQL that takes a version-5 gradebook back to version 4 (what version 5 added, taken away)
undo_v5="DROP FUNCTION salesim.group_sessions() CASCADE; DROP FUNCTION salesim.drop_tier() CASCADE;
  DROP FUNCTION salesim.regroup(text, text); DROP TABLE salesim.groups CASCADE;
  ALTER TABLE salesim.sessions DROP COLUMN tier;"

# --- errors a trainer can act on -------------------------------------------------------------
err=$("$SALESIM" report "postgresql://postgres@/class?host=$TMP/nowhere" 2>&1 >/dev/null); rc=$?
expect_eq "a refused connection exits 2" 2 "$rc"
expect_contains "... and says the server refused it" "$err" "the server refused the connection (is PostgreSQL running and listening there?)"
q postgres "CREATE ROLE carol LOGIN PASSWORD 'right'"
err=$("$SALESIM" report "postgresql://carol:wrong@/postgres?host=$PGDIR" 2>&1 >/dev/null); rc=$?
expect_eq "bad credentials exit 2" 2 "$rc"
expect_contains "... and say so" "$err" "bad credentials (check the user name and password in the URI, or ~/.pgpass)"
expect_eq "... without showing the password" "" "$(grep -o wrong <<<"$err")"
err=$("$SALESIM" report "$(pg_url nosuchdb)" 2>&1 >/dev/null); rc=$?
expect_eq "a missing database exits 2" 2 "$rc"
expect_contains "... and says how to create it" "$err" "the database does not exist (the trainer creates it: createdb NAME"
q postgres "CREATE DATABASE erp"
q erp "CREATE TABLE invoices(id int, amount numeric)"
err=$("$WRITER" "$(pg_url erp)" 1 --trainee x 2>&1); rc=$?
expect_eq "a database of another program is refused" "2" "$rc"
expect_contains "... naming its tables" "$err" "is not a salesim gradebook: the database holds another program's tables (public.invoices)"
expect_eq "... and left untouched (no salesim schema)" "0" "$(q erp "SELECT count(*) FROM pg_namespace WHERE nspname = 'salesim'")"
q postgres "CREATE DATABASE foreign_schema"
q foreign_schema "CREATE SCHEMA salesim; CREATE TABLE salesim.sessions(x int)"
err=$("$SALESIM" report "$(pg_url foreign_schema)" 2>&1 >/dev/null); rc=$?
expect_eq "a salesim schema of another program is refused" "2|$(pg_url foreign_schema) is not a salesim gradebook: it has a schema \"salesim\" of another program" "$rc|${err#salesim report: }"
q postgres "CREATE DATABASE future"
"$WRITER" "$(pg_url future)" 1 --trainee x >/dev/null
q future "UPDATE salesim.meta SET value = '9' WHERE key = 'version'"
err=$("$SALESIM" report "$(pg_url future)" 2>&1 >/dev/null)
expect_contains "a gradebook from a newer salesim is refused" "$err" "gradebook schema version 9 is newer than this salesim (it reads up to 7)"
q postgres "CREATE DATABASE empty"
err=$("$SALESIM" report "$(pg_url empty)" 2>&1 >/dev/null); rc=$?
expect_eq "report never creates a gradebook" "2|0" "$rc|$(q empty "SELECT count(*) FROM pg_namespace WHERE nspname = 'salesim'")"

# --- migrations: 20 processes open a new gradebook together; the schema is made once ---------
q postgres "CREATE DATABASE fresh"
for i in $(seq 1 20); do "$WRITER" "$(pg_url fresh)" 1 --trainee "t$i" 2>>"$TMP/m.err" & done
wait
expect_eq "20 processes creating the schema at once: no error" "" "$(cat "$TMP/m.err")"
expect_eq "... 20 rows, schema version 7" "20|7" "$(q fresh 'SELECT count(*) FROM salesim.sessions')|$(q fresh "SELECT value FROM salesim.meta WHERE key = 'version'")"

# --- the report suite against PostgreSQL ------------------------------------------------------
if [ -x "$REPORT_SUITE" ]; then
  q postgres "CREATE DATABASE report_suite"
  out=$(GB_TEST_LOCATION=$(pg_url report_suite) CMOCKA_MESSAGE_OUTPUT=tap "$REPORT_SUITE" 2>&1); rc=$?
  expect_eq "the report unit suite passes on PostgreSQL" "0|0" "$rc|$(grep -c '^not ok' <<<"$out")"
  [ "$rc" = 0 ] || printf '%s\n' "$out" | grep -A5 '^not ok' | sed 's/^/# /'
else
  fail "the report unit suite is built (make unit-bins)" "missing $REPORT_SUITE"
fi

# --- the gradebook suite against PostgreSQL (its tests of SQLite files are skipped) ------------
if [ -x "$GB_SUITE" ]; then
  for d in history rejects gen keyed; do q postgres "CREATE DATABASE gbt_$d"; done
  # (cmocka 1.1.5, Debian 12, reports a skipped test as "not ok N # SKIP"; 1.1.7, Debian 13, as
  # "ok N # SKIP": a skip is counted apart from both)
  out=$(GB_TEST_LOCATION="postgresql://postgres@/gbt_%s?host=$PGDIR" CMOCKA_MESSAGE_OUTPUT=tap "$GB_SUITE" 2>&1)
  expect_eq "the gradebook unit suite passes on PostgreSQL (4 run, 4 about SQLite files skipped)" "4|0|4" \
    "$(grep '^ok ' <<<"$out" | grep -vc '# SKIP')|$(grep '^not ok' <<<"$out" | grep -vc '# SKIP')|$(grep -c '# SKIP' <<<"$out")"
  grep -A5 '^not ok [0-9]* -' <<<"$out" | sed 's/^/# /'
  expect_eq "... its visits are in the server's databases" "4|1|50|2" \
    "$(q gbt_history 'SELECT count(*) FROM salesim.sessions')|$(q gbt_rejects 'SELECT count(*) FROM salesim.sessions')|$(q gbt_gen 'SELECT count(*) FROM salesim.sessions')|$(q gbt_keyed 'SELECT count(*) FROM salesim.sessions')"
else
  fail "the gradebook unit suite is built (make unit-bins)" "missing $GB_SUITE"
fi

# --- 200 writers at once x 5 sessions, one transaction each; reports while they write -------
q postgres "CREATE DATABASE class"
CLASS=$(pg_url class)
"$SALESIM" gradebook init "$CLASS" >/dev/null
for i in $(seq 1 200); do "$WRITER" "$CLASS" 5 --trainee "trainee-$i" --seed "$i" 2>>"$TMP/w.err" & done
( for _ in 1 2 3 4 5; do "$SALESIM" report "$CLASS" --format csv >/dev/null 2>>"$TMP/r.err" || echo "report failed" >>"$TMP/r.err"; done ) &
wait
expect_eq "200 writers x 5: no writer reported an error" "" "$(head -5 "$TMP/w.err")"
expect_eq "... reports run during the writes all succeed" "" "$(cat "$TMP/r.err")"
expect_eq "... 1000 rows, 5 per trainee" "1000|200|5|5" \
  "$(q class 'SELECT count(*) FROM salesim.sessions')|$(q class 'SELECT count(*), min(n), max(n) FROM (SELECT count(*) AS n FROM salesim.sessions GROUP BY trainee) t' | tr -s '|' '|')"
expect_eq "... the per-rule totals agree with the findings" "0" \
  "$(q class 'SELECT count(*) FROM salesim.rule_totals t FULL JOIN (SELECT rule, count(*) AS n, count(DISTINCT session_id) AS s FROM salesim.findings GROUP BY rule) f ON f.rule = t.rule WHERE t.n IS DISTINCT FROM f.n OR t.sessions IS DISTINCT FROM f.s')"
expect_eq "... and so do the per-day counts (scenario, day, rule)" "0" \
  "$(q class 'SELECT count(*) FROM salesim.rule_days d FULL JOIN (SELECT s.scenario, substr(s.started, 1, 10) AS day, f.rule, count(*) AS n, count(DISTINCT f.session_id) AS k FROM salesim.findings f JOIN salesim.sessions s ON s.id = f.session_id GROUP BY 1, 2, 3) f ON f.scenario = d.scenario AND f.day = d.day AND f.rule = d.rule WHERE d.n IS DISTINCT FROM f.n OR d.sessions IS DISTINCT FROM f.k')"
expect_eq "... and so do the per-group sums (schema version 5): 200 groups, 1000 sessions, as a recount" "200|1000|0" \
  "$(q class 'SELECT count(*), sum(n) FROM salesim.groups')|$(regroup_diff class)"

# --- the per-group sums under writers of the same groups: 8 writers at once into 3 trainees x 2
# scenarios, each writing its own days in order, so a session often starts before another
# writer's already in its group (recounted) or after it (appended) --------------------------------
q postgres "CREATE DATABASE shared"
SH=$(pg_url shared)
"$SALESIM" gradebook init "$SH" >/dev/null
for i in $(seq 1 8); do "$WRITER" "$SH" 40 --trainees 3 --scenarios 2 --seed "$i" 2>>"$TMP/sh.err" & done
wait
expect_eq "8 writers into the same 6 groups at once: no error, 320 sessions in 6 groups" "|320|6|320" \
  "$(head -3 "$TMP/sh.err")|$(q shared 'SELECT count(*) FROM salesim.sessions')|$(q shared 'SELECT count(*), sum(n) FROM salesim.groups')"
expect_eq "... the sums equal a recount from the sessions (the scores in attempt order too)" "0" "$(regroup_diff shared)"
for fmt in text csv html; do
  expect_eq "... the $fmt report from the sums is the one grouped from the sessions" \
    "$(SALESIM_REPORT_FROM_SESSIONS=1 "$SALESIM" report "$SH" --format "$fmt")" "$("$SALESIM" report "$SH" --format "$fmt")"
done
# one session per statement, as a recording inserts it: after the group's latest attempt, before its
# first, in between, tied on the start time (then ordered by id), and in a group of its own
ins() {  # TRAINEE SCENARIO STARTED SCORE
  q shared "INSERT INTO salesim.sessions(trainee, scenario, started, outcome, score, pass, s_commitment,
    language, scenario_hash, recorded, debrief) VALUES ('$1', '$2', '$3', 'advance', $4, 1, $4, 'en', 'h', 'x', '{}')"
}
first=$(q shared "SELECT min(started) FROM salesim.sessions WHERE trainee = 'trainee-000' AND scenario = 'scenario-1'")
ins trainee-000 scenario-1 2026-12-01T00:00:00Z 91
ins trainee-000 scenario-1 2026-10-01T00:00:00Z 12
ins trainee-000 scenario-1 2026-11-15T12:00:00Z 55
ins trainee-000 scenario-1 "$first" 13
ins newcomer scenario-1 2026-11-02T00:00:00Z 40
expect_eq "sessions recorded out of start order: first, second and latest score, attempts, as a recount" "12|$(q shared "SELECT score FROM salesim.sessions WHERE trainee = 'trainee-000' AND scenario = 'scenario-1' AND started = '$first' ORDER BY id LIMIT 1")|91|0" \
  "$(q shared "SELECT scores[1], scores[2], latest_score FROM salesim.groups WHERE trainee = 'trainee-000' AND scenario = 'scenario-1'")|$(regroup_diff shared)"
q shared "INSERT INTO salesim.sessions(trainee, scenario, started, outcome, score, pass, recorded, debrief)
  SELECT t, 'scenario-2', '2026-11-' || lpad(d::text, 2, '0') || 'T07:00:00Z', 'no_sale', d, 0, 'x', '{}'
  FROM unnest(ARRAY['trainee-001', 'newcomer']) AS t, generate_series(28, 1, -3) AS d"
expect_eq "... several sessions in one statement, newest first: as a recount" "0|10" "$(regroup_diff shared)|$(q shared "SELECT n FROM salesim.groups WHERE trainee = 'newcomer' AND scenario = 'scenario-2'")"
q shared "UPDATE salesim.sessions SET started = '2026-09-30T00:00:00Z', score = 99 WHERE id = (SELECT max(id) FROM salesim.sessions WHERE trainee = 'trainee-001' AND scenario = 'scenario-1');
  UPDATE salesim.sessions SET trainee = 'trainee-002' WHERE trainee = 'newcomer' AND scenario = 'scenario-2' AND score > 20;
  DELETE FROM salesim.sessions WHERE trainee = 'newcomer' AND scenario = 'scenario-1'"
expect_eq "... sessions edited, moved to another group and deleted by hand: as a recount, the emptied group gone" "0|0" \
  "$(regroup_diff shared)|$(q shared "SELECT count(*) FROM salesim.groups WHERE trainee = 'newcomer' AND scenario = 'scenario-1'")"
for args in "" "--format csv" "--format html" "--lang zh"; do
  expect_eq "... the report ($args) from the sums is the one grouped from the sessions" \
    "$(SALESIM_REPORT_FROM_SESSIONS=1 "$SALESIM" report "$SH" $args)" "$("$SALESIM" report "$SH" $args)"
done
# the latest attempts' tiers read from the members kept with the session, or from the debrief
kept=$("$SALESIM" report "$SH" --format csv)
lid=$(q shared "SELECT latest_id FROM salesim.groups WHERE trainee = 'trainee-002' AND scenario = 'scenario-1'")
q shared "UPDATE salesim.sessions SET debrief = jsonb_set(debrief::jsonb, '{tier}', '{\"id\": \"expert\", \"name\": \"expert\"}')::text WHERE id = $lid"
expect_eq "a debrief edited by hand drops the tier members kept with its session" "t" "$(q shared "SELECT tier IS NULL FROM salesim.sessions WHERE id = $lid")"
edited=$("$SALESIM" report "$SH" --format csv)
q shared "UPDATE salesim.sessions SET tier = NULL"
expect_eq "... the report shows the edited debrief's tier, as it does reading every debrief" "$("$SALESIM" report "$SH" --format csv)" "$edited"
expect_eq "... which differs from the tier before the edit" "1" "$(diff <(echo "$kept") <(echo "$edited") | grep -c '^>')"

# --- SIGKILL mid-transaction: committed rows intact, no half session, still writable --------
q postgres "CREATE DATABASE killed"
KG=$(pg_url killed)
"$WRITER" "$KG" 5 --trainee before >/dev/null
killed_ok=1
for round in 1 2 3; do
  "$WRITER" "$KG" 1000 --trainee "victim-$round" --payload 2000000 --print-ids >"$TMP/ids.$round" &
  pid=$!
  for _ in $(seq 1 300); do [ "$(wc -l <"$TMP/ids.$round")" -ge 2 ] && break; sleep 0.02; done
  sleep 0.0$((round * 3))
  kill -KILL "$pid"; wait "$pid" 2>/dev/null
  [ "$(wc -l <"$TMP/ids.$round")" -ge 2 ] || killed_ok=0
  for id in $(cat "$TMP/ids.$round"); do
    [ "$(q killed "SELECT count(*) FROM salesim.sessions WHERE id = $id")" = 1 ] || killed_ok=0
  done
done
expect_eq "killed writers' committed rows are all there" "1" "$killed_ok"
expect_eq "... the rows written before are intact" "5" "$(q killed "SELECT count(*) FROM salesim.sessions WHERE trainee = 'before'")"
expect_eq "... no session without its findings' counts, no counts without a session" "0|0" \
  "$(q killed 'SELECT count(*) FROM salesim.sessions s WHERE (SELECT count(*) FROM salesim.findings f WHERE f.session_id = s.id) <> coalesce((SELECT sum(n) FROM salesim.session_rules r WHERE r.session_id = s.id), 0)')|$(q killed 'SELECT count(*) FROM salesim.session_rules r WHERE NOT EXISTS (SELECT 1 FROM salesim.sessions s WHERE s.id = r.session_id)')"
sleep 0.5   # the server notices the killed clients and ends their transactions
expect_eq "... no transaction left open by a killed writer" "0" \
  "$(q postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = 'killed' AND state LIKE 'idle in transaction%'")"
check "the gradebook takes new sessions after the kills" "$WRITER" "$KG" 3 --trainee after

# --- the server restarted (a crash: immediate stop) in the middle of the class -------------
q postgres "CREATE DATABASE restart"
RG=$(pg_url restart)
"$SALESIM" gradebook init "$RG" >/dev/null
for i in $(seq 1 50); do "$WRITER" "$RG" 40 --trainee "r-$i" --seed "$i" 2>>"$TMP/rw.err" & done
# restart once every writer has connected (one of its sessions is in): a writer still connecting
# would be refused, which is reported at once by design (the open lost mid-way is tested below)
for _ in $(seq 1 300); do
  [ "$(q restart 'SELECT count(DISTINCT trainee) FROM salesim.sessions' 2>/dev/null)" = 50 ] && break
  sleep 0.05
done
before=$(q restart 'SELECT count(*) FROM salesim.sessions')
[ "$before" -lt 2000 ] || fail "the restart comes in the middle of the class" "all $before sessions were in before it"
out=$(pg_ctl_do -m immediate -w restart -o "-c listen_addresses='' -k $PGDIR -c max_connections=320 -c shared_buffers=64MB" 2>&1) \
  || fail "the test server restarts" "$out"
wait
expect_eq "writers across a server crash and restart: no error" "" "$(head -5 "$TMP/rw.err")"
expect_eq "... all 2000 sessions there, none twice (the restart came after $before)" "2000|2000" \
  "$(q restart 'SELECT count(*) FROM salesim.sessions')|$(q restart 'SELECT count(DISTINCT visit_key) FROM salesim.sessions')"
expect_eq "... 40 for each of the 50 trainees" "50|40|40" \
  "$(q restart 'SELECT count(*), min(n), max(n) FROM (SELECT count(*) AS n FROM salesim.sessions GROUP BY trainee) t')"

# --- the server lost while a writer opens the gradebook (waiting for the migration's lock) ----
q postgres "CREATE DATABASE lostopen"
LG=$(pg_url lostopen)
# a session holds the create/migrate advisory lock ("SLSM"), so the writer's open waits inside
# its migration when the server goes down
"$PGBIN/psql" -X -q -h "$PGDIR" -U postgres -d lostopen \
  -c "BEGIN" -c "SELECT pg_advisory_xact_lock($((0x534c534d)))" -c "SELECT pg_sleep(120)" >/dev/null 2>&1 &
holder=$!
for _ in $(seq 1 200); do
  [ "$(q lostopen "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && break
  sleep 0.05
done
"$WRITER" "$LG" 3 --trainee lost >"$TMP/lo.out" 2>"$TMP/lo.err" &
lw=$!
for _ in $(seq 1 200); do
  [ "$(q lostopen "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")" = 1 ] && break
  sleep 0.05
done
waiting=$(q lostopen "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
out=$(pg_ctl_do -m immediate -w restart -o "-c listen_addresses='' -k $PGDIR -c max_connections=320 -c shared_buffers=64MB" 2>&1) \
  || fail "the test server restarts" "$out"
wait "$lw"; lrc=$?
wait "$holder" 2>/dev/null
expect_eq "a writer whose open lost the server mid-migration opens again: waited, exit 0, no error" "1|0|" \
  "$waiting|$lrc|$(head -3 "$TMP/lo.err")"
expect_eq "... the schema made once and its 3 sessions recorded" "7|3" \
  "$(q lostopen "SELECT value FROM salesim.meta WHERE key = 'version'")|$(q lostopen 'SELECT count(*) FROM salesim.sessions')"

# --- serialisation failures and deadlocks are retried; other errors are not ------------------
# A trigger fails every other insert (a sequence is not rolled back, so the retry passes).
q postgres "CREATE DATABASE flaky"
FG=$(pg_url flaky)
"$SALESIM" gradebook init "$FG" >/dev/null
q flaky "CREATE SEQUENCE salesim.flaky_n;
  CREATE FUNCTION salesim.flaky() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
    IF nextval('salesim.flaky_n') % 2 = 1 THEN
      RAISE EXCEPTION 'injected' USING ERRCODE = CASE WHEN NEW.trainee = 'dl' THEN '40P01' ELSE '40001' END;
    END IF; RETURN NEW; END \$\$;
  CREATE TRIGGER flaky BEFORE INSERT ON salesim.sessions FOR EACH ROW EXECUTE FUNCTION salesim.flaky();"
err=$("$WRITER" "$FG" 5 --trainee ser 2>&1); rc=$?
expect_eq "a serialisation failure on every first attempt: all 5 sessions recorded" "0||5" "$rc|$err|$(q flaky "SELECT count(*) FROM salesim.sessions WHERE trainee = 'ser'")"
err=$("$WRITER" "$FG" 5 --trainee dl 2>&1); rc=$?
expect_eq "... and a deadlock on every first attempt: all 5 recorded" "0||5" "$rc|$err|$(q flaky "SELECT count(*) FROM salesim.sessions WHERE trainee = 'dl'")"
expect_eq "... each after one failed try (10 failures injected)" "20" "$(q flaky "SELECT last_value FROM salesim.flaky_n")"
q flaky "CREATE OR REPLACE FUNCTION salesim.flaky() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
    RAISE EXCEPTION 'no sessions today' USING ERRCODE = '23514'; END \$\$"
t0=$(date +%s)
err=$("$WRITER" "$FG" 1 --trainee other 2>&1); rc=$?
expect_eq "another error is not retried: the writer fails at once with the server's message" \
  "1|gb_writer: $FG: cannot record the session: no sessions today|fast" "$rc|$err|$([ $(( $(date +%s) - t0 )) -lt 10 ] && echo fast)"

# --- the same class on both backends gives the same report in every format ------------------
q postgres "CREATE DATABASE same"
SAME=$(pg_url same)
for gbk in "$TMP/same.db" "$SAME"; do
  "$WRITER" "$gbk" 300 --trainees 12 --scenarios 3 --seed 11 >/dev/null
  "$WRITER" "$gbk" 3 --trainee '<b>Zoë, "the" =1+1</b>' --seed 12 >/dev/null
done
for fmt in text csv html; do
  a=$("$SALESIM" report "$TMP/same.db" --format "$fmt" | sed "s|$TMP/same.db|GRADEBOOK|g")
  b=$("$SALESIM" report "$SAME" --format "$fmt" | sed "s|$SAME|GRADEBOOK|g")
  if [ "$a" == "$b" ] && [ -n "$a" ]; then ok "the $fmt report is the same on SQLite and PostgreSQL"
  else fail "the $fmt report is the same on SQLite and PostgreSQL" "$(diff <(echo "$a") <(echo "$b") | head -20)"; fi
  a=$("$SALESIM" report "$TMP/same.db" --format "$fmt" --scenario scenario-2 --since 2026-11-10 --trainee trainee-003 | sed "s|$TMP/same.db|GRADEBOOK|g")
  b=$("$SALESIM" report "$SAME" --format "$fmt" --scenario scenario-2 --since 2026-11-10 --trainee trainee-003 | sed "s|$SAME|GRADEBOOK|g")
  expect_eq "... and filtered ($fmt)" "$a" "$b"
done
a=$("$SALESIM" report "$TMP/same.db" --visits --format csv); b=$("$SALESIM" report "$SAME" --visits --format csv)
expect_eq "the per-visit CSV is the same on both" "$a" "$b"
a=$("$SALESIM" next --trainee trainee-005 --gradebook "$TMP/same.db" 2>&1); b=$("$SALESIM" next --trainee trainee-005 --gradebook "$SAME" 2>&1)
expect_eq "salesim next answers the same on both" "$a" "$b"
# the per-day counts (schema version 4) against SQLite's, by scenario and date, the first day's
# sessions compared by their time
for filter in "--scenario scenario-2" "--since 2026-11-15" "--scenario scenario-2 --since 2026-11-15" \
    "--since 2026-11-15T09:00Z" "--scenario scenario-1 --since 2026-11-20T12:34:56"; do
  a=$("$SALESIM" report "$TMP/same.db" $filter | sed "s|$TMP/same.db|GRADEBOOK|g")
  b=$("$SALESIM" report "$SAME" $filter | sed "s|$SAME|GRADEBOOK|g")
  expect_eq "... and filtered by scenario or date ($filter)" "$a" "$b"
done

# --- the server's groups (report.c, load_groups) against SQLite's ordered pass, on odd shapes:
# a scenario file edited back and forth with unknown hashes between (runs of a hash), trainees
# who switched language mid-way, skills left out, an outcome the report does not know, scores
# over 100, attempts that tie on their start time (ordered by id), and visits whose end or hints
# were not recorded or were changed by hand (the groups' counts of interrupted visits and visits
# with hints recounted); every form, both outputs
odd_sql() {  # PREFIX: "" (SQLite) or "salesim."
  cat <<SQL
UPDATE ${1}sessions SET scenario_hash = CASE WHEN id % 5 = 0 THEN NULL WHEN id % 7 = 0 THEN ''
  WHEN id % 3 = 0 THEN 'other' ELSE scenario_hash END WHERE trainee IN ('trainee-001', 'trainee-002');
UPDATE ${1}sessions SET language = CASE WHEN id % 4 = 0 THEN 'zh' WHEN id % 4 = 1 THEN NULL
  ELSE language END WHERE trainee IN ('trainee-003', 'trainee-004');
UPDATE ${1}sessions SET s_tactics = NULL WHERE id % 6 = 0;
UPDATE ${1}sessions SET s_discovery = NULL WHERE trainee = 'trainee-005';
UPDATE ${1}sessions SET outcome = 'walked_out' WHERE id % 11 = 0;
UPDATE ${1}sessions SET score = 100 + id % 3, pass = 1 WHERE id % 13 = 0;
UPDATE ${1}sessions SET started = substr(started, 1, 10) || 'T12:00:00Z' WHERE trainee = 'trainee-006';
UPDATE ${1}sessions SET ended_by = NULL WHERE id % 17 = 0;
UPDATE ${1}sessions SET hints_used = NULL WHERE id % 19 = 0;
UPDATE ${1}sessions SET ended_by = 'quit', hints_used = 3 WHERE trainee = 'trainee-007' AND id % 2 = 0;
SQL
}
sqlite3 "$TMP/same.db" "$(odd_sql "")"
q same "$(odd_sql salesim.)" >/dev/null
for args in "" "--format csv" "--format html" "--scenario scenario-2" "--since 2026-11-15" \
    "--since 2026-11-15T09:00Z" "--scenario scenario-1 --since 2026-11-12T12:00:00" \
    "--trainee trainee-001" "--trainee trainee-003 --format csv" "--trainee trainee-006 --since 2026-11-10" \
    "--scenario scenario-3 --format html" "--visits"; do
  a=$("$SALESIM" report "$TMP/same.db" $args 2>&1 | sed "s|$TMP/same.db|GRADEBOOK|g")
  b=$("$SALESIM" report "$SAME" $args 2>&1 | sed "s|$SAME|GRADEBOOK|g")
  if [ "$a" == "$b" ] && [ -n "$a" ]; then ok "odd shapes: the report ($args) is the same on SQLite and PostgreSQL"
  else fail "odd shapes: the report ($args) is the same on SQLite and PostgreSQL" "$(diff <(echo "$a") <(echo "$b") | head -20)"; fi
done
expect_contains "... and the edited scenario file is shown (runs of a hash)" "$("$SALESIM" report "$SAME" --trainee trainee-001)" "versions of the scenario file"
expect_contains "... and the mixed languages are said" "$("$SALESIM" report "$SAME" 2>&1 >/dev/null)" "zh"
expect_eq "... the per-group sums follow those edits (UPDATE by hand): as a recount" "0" "$(regroup_diff same)"

# --- a version-3 gradebook (before the per-day counts) reports the same once migrated --------
pg_forms() {  # every class-report form this checks on the "same" gradebook
  for args in "" "--format csv" "--scenario scenario-2" "--since 2026-11-15" \
      "--scenario scenario-2 --since 2026-11-15" "--since 2026-11-15T09:00Z" \
      "--trainee trainee-003 --since 2026-11-10" "--visits"; do
    echo "== $args"; "$SALESIM" report "$SAME" $args 2>&1 | sed "s|$SAME|GRADEBOOK|g"
  done
}
# (and a version-4 one, before the per-group sums: one group's latest debrief holds a NUL escape,
# which the server's JSON reads and jansson refuses, so it shows no tier before or after)
lid=$(q same "SELECT latest_id FROM salesim.groups ORDER BY trainee, scenario LIMIT 1")
q same "UPDATE salesim.sessions SET debrief = '{\"tier\": {\"id\": \"expert\", \"name\": \"expert\"}, \"pass_mark\": 60, \"x\": \"\\u0000\"}' WHERE id = $lid"
before=$(pg_forms)
# a version-5 one (before ended_by and the hints in the index and the groups' two counts)
rows=$(q same 'SELECT count(*) FROM salesim.sessions')
q same "BEGIN; $undo_v6 UPDATE salesim.meta SET value = '5' WHERE key = 'version'; COMMIT" >/dev/null
expect_eq "a version-5 PostgreSQL gradebook is migrated to version 7 on open, every visit kept, its groups' counts filled from the visits" "7|$rows|0|15" \
  "$(pg_forms >"$TMP/forms6"; q same "SELECT value FROM salesim.meta WHERE key = 'version'")|$(q same 'SELECT count(*) FROM salesim.sessions')|$(regroup_diff same)|$(q same "SELECT count(*) FROM pg_attribute WHERE attrelid = 'salesim.sessions_report'::regclass")"
expect_eq "... and every report form, filtered or not, reads the same as before" "$before" "$(cat "$TMP/forms6")"
expect_contains "... the interrupted visits and visits with hints among them" "$before" "Interrupted visits (not ended by the customer): "
q same "BEGIN; $undo_v6 $undo_v5 UPDATE salesim.meta SET value = '4' WHERE key = 'version'; COMMIT" >/dev/null
expect_eq "a version-4 PostgreSQL gradebook is migrated to version 7 on open, its sums filled from the sessions" "7|0|$(q same 'SELECT count(DISTINCT (trainee, scenario)) FROM salesim.sessions')" \
  "$(pg_forms >"$TMP/forms5"; q same "SELECT value FROM salesim.meta WHERE key = 'version'")|$(regroup_diff same)|$(q same 'SELECT count(*) FROM salesim.groups')"
expect_eq "... each group's latest attempt given its debrief's tier members (none from a debrief jansson refuses)" "0|{}" \
  "$(q same 'SELECT count(*) FROM salesim.groups WHERE latest_tier IS NULL')|$(q same "SELECT tier FROM salesim.sessions WHERE id = $lid")"
expect_eq "... and every report form, filtered or not, reads the same as before" "$before" "$(cat "$TMP/forms5")"
q same "BEGIN; $undo_v6 $undo_v5 DROP TABLE salesim.rule_days; DROP INDEX salesim.sessions_by_day; DROP INDEX salesim.sessions_report;
  CREATE INDEX sessions_report ON salesim.sessions(trainee, scenario, started, id)
    INCLUDE (outcome, score, pass, s_commitment, s_benefits, s_tactics, s_discovery);
  CREATE OR REPLACE FUNCTION salesim.count_session_rule() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = salesim, pg_catalog AS \$f\$ BEGIN
    IF TG_OP = 'INSERT' THEN
     INSERT INTO salesim.rule_totals AS t VALUES (NEW.rule, NEW.skill, NEW.n, 1, NEW.pts_n, NEW.pts_sum)
     ON CONFLICT (rule) DO UPDATE SET n = t.n + excluded.n, sessions = t.sessions + 1,
     pts_n = t.pts_n + excluded.pts_n, pts_sum = coalesce(t.pts_sum, 0) + coalesce(excluded.pts_sum, 0),
     skill = least(t.skill, excluded.skill);
     RETURN NEW;
    END IF;
    UPDATE salesim.rule_totals SET n = n - OLD.n, sessions = sessions - 1, pts_n = pts_n - OLD.pts_n,
    pts_sum = pts_sum - coalesce(OLD.pts_sum, 0) WHERE rule = OLD.rule;
    RETURN OLD;
   END \$f\$;
  UPDATE salesim.meta SET value = '3' WHERE key = 'version'; COMMIT" >/dev/null
after=$(pg_forms)
expect_eq "a version-3 PostgreSQL gradebook is migrated to version 7 on open" "7" "$(q same "SELECT value FROM salesim.meta WHERE key = 'version'")"
expect_eq "... and every report form, filtered or not, reads the same as before" "$before" "$after"
"$WRITER" "$SAME" 20 --trainees 3 --scenarios 3 --seed 13 >/dev/null
expect_eq "... and visits recorded after it are counted per day too" "0" \
  "$(q same 'SELECT count(*) FROM salesim.rule_days d FULL JOIN (SELECT s.scenario, substr(s.started, 1, 10) AS day, f.rule, count(*) AS n, count(DISTINCT f.session_id) AS k FROM salesim.findings f JOIN salesim.sessions s ON s.id = f.session_id GROUP BY 1, 2, 3) f ON f.scenario = d.scenario AND f.day = d.day AND f.rule = d.rule WHERE d.n IS DISTINCT FROM f.n OR d.sessions IS DISTINCT FROM f.k')"

# --- gradebook fields are untrusted on PostgreSQL too (issue 13's report.c rep_field) --------
q postgres "CREATE DATABASE odd"
ODD=$(pg_url odd)
for name in ann ' ann' "$(printf 'an\u200bn')" "$(printf 'eve\033[31m')" "$(printf '\t=HYPERLINK(1)')"; do
  "$WRITER" "$ODD" 2 --trainee "$name" --seed 3 >/dev/null 2>>"$TMP/odd.err"
done
expect_eq "sessions with escapes and look-alike names are written" "" "$(cat "$TMP/odd.err")"
q odd "ALTER TABLE salesim.session_rules ALTER COLUMN rule DROP NOT NULL;
  UPDATE salesim.session_rules SET rule = NULL, skill = NULL WHERE session_id = (SELECT min(id) FROM salesim.sessions WHERE trainee = 'ann');
  UPDATE salesim.rule_totals SET rule = rule || E'\\x1b]0;pwn\\x07', skill = NULL;
  UPDATE salesim.sessions SET outcome = E'order\\x1b[2J' WHERE trainee = 'ann'"
for fmt in text csv html; do
  for filter in "" "--trainee ann"; do
    out=$("$SALESIM" report "$ODD" --format $fmt $filter 2>&1); rc=$?
    expect_eq "PostgreSQL: report --format $fmt $filter of odd fields exits 0" 0 "$rc"
    if LC_ALL=C grep -qP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]' <<<"$out"; then
      fail "PostgreSQL: report --format $fmt $filter: no escape or control byte from a field" "$(cat -v <<<"$out" | grep -m3 '\^')"
    else ok "PostgreSQL: report --format $fmt $filter: no escape or control byte from a field"; fi
  done
done
out=$("$SALESIM" report "$ODD" 2>&1)
expect_contains "PostgreSQL: a leading space in a trainee name is shown" "$out" "␣ann"
expect_contains "... a zero-width space too" "$out" "an<U+200B>n"
expect_contains "... a rule missing its skill is shown as (no skill)" "$out" "(no skill)"
expect_contains "PostgreSQL: a NULL rule (filtered report) is shown as (no rule)" "$("$SALESIM" report "$ODD" --trainee ann 2>&1)" "(no rule)"
csv=$("$SALESIM" report "$ODD" --visits 2>&1)
if LC_ALL=C grep -qP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]' <<<"$csv"; then fail "PostgreSQL: report --visits: no escape or control byte"; else ok "PostgreSQL: report --visits: no escape or control byte"; fi
if grep -qE '^[0-9]+,"?[[:space:]]*=' <<<"$csv"; then fail "PostgreSQL: report --visits: a formula behind a tab is neutralised" "$(grep -m2 HYPER <<<"$csv" | cat -A)"
else ok "PostgreSQL: report --visits: a formula behind a tab is neutralised"; fi
out=$("$SALESIM" report "$ODD" -o "$TMP/odd.txt" 2>&1); rc=$?
expect_eq "PostgreSQL: report -o writes through the safe path" "0|yes" "$rc|$(grep -q 'an<U+200B>n' "$TMP/odd.txt" && echo yes)"

# --- roles: trainees insert and read only their own rows; the trainer reads all -------------
q postgres "CREATE DATABASE roles"
RL=$(pg_url roles)
out=$("$SALESIM" gradebook init "$RL" --trainee ann --trainee bob --trainer tina); rc=$?
expect_eq "gradebook init creates the roles" "0" "$rc"
expect_contains "... and says so" "$out" "created role ann in salesim_trainee"
expect_eq "... running it again changes nothing and succeeds" "0" "$("$SALESIM" gradebook init "$RL" --trainee ann >/dev/null 2>&1; echo $?)"
for r in ann bob tina; do q postgres "ALTER ROLE $r PASSWORD '$r-pw'"; done
ANN="postgresql://ann:ann-pw@/roles?host=$PGDIR" BOB="postgresql://bob:bob-pw@/roles?host=$PGDIR"
TINA="postgresql://tina:tina-pw@/roles?host=$PGDIR"
check "ann records her own sessions" "$WRITER" "$ANN" 3 --trainee ann
check "bob records his own sessions" "$WRITER" "$BOB" 2 --trainee bob
err=$("$WRITER" "$ANN" 1 --trainee bob 2>&1); rc=$?
expect_eq "ann cannot record a session as bob" "1" "$rc"
expect_contains "... and is told why" "$err" "a trainee role records only its own sessions, under its own name"
expect_eq "ann sees only her own rows" "3|ann" "$(psql_as roles ann ann-pw 'SELECT count(*), min(trainee) FROM salesim.sessions' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "... and only her findings" "0" "$(psql_as roles ann ann-pw "SELECT count(*) FROM salesim.findings WHERE db_user <> 'ann'")"
bob_id=$(q roles "SELECT min(id) FROM salesim.sessions WHERE trainee = 'bob'")
expect_contains "ann cannot change bob's rows" "$(psql_as roles ann ann-pw "UPDATE salesim.sessions SET score = 100 WHERE id = $bob_id")" "permission denied"
expect_contains "ann cannot delete bob's rows" "$(psql_as roles ann ann-pw "DELETE FROM salesim.sessions WHERE id = $bob_id")" "permission denied"
expect_contains "ann cannot delete her own rows either" "$(psql_as roles ann ann-pw "DELETE FROM salesim.sessions WHERE trainee = 'ann'")" "permission denied"
expect_contains "ann cannot add findings to bob's session" \
  "$(psql_as roles ann ann-pw "INSERT INTO salesim.findings(session_id, skill, rule) VALUES ($bob_id, 'tactics', 'x')")" "row-level security"
expect_contains "ann cannot read the class totals" "$(psql_as roles ann ann-pw 'SELECT count(*) FROM salesim.rule_totals')" "permission denied"
expect_contains "... nor the class's counts per day" "$(psql_as roles ann ann-pw 'SELECT count(*) FROM salesim.rule_days')" "permission denied"
expect_contains "... nor the class's sums per trainee and scenario" "$(psql_as roles ann ann-pw 'SELECT count(*) FROM salesim.groups')" "permission denied"
expect_contains "ann cannot have a group counted again herself" "$(psql_as roles ann ann-pw "SELECT salesim.regroup('bob', 's')")" "permission denied"
expect_contains "ann cannot change the class's sums" "$(psql_as roles ann ann-pw "UPDATE salesim.groups SET n = 0")" "permission denied"
expect_eq "ann sees none of bob's per-session rule counts" "0" "$(psql_as roles ann ann-pw "SELECT count(*) FROM salesim.session_rules WHERE db_user <> 'ann'")"
expect_eq "... nor bob's row by its id" "0" "$(psql_as roles ann ann-pw "SELECT count(*) FROM salesim.sessions WHERE id = $bob_id")"
expect_contains "ann cannot change bob's findings" "$(psql_as roles ann ann-pw "UPDATE salesim.findings SET points = 0 WHERE session_id = $bob_id")" "permission denied"
expect_contains "ann cannot delete bob's findings" "$(psql_as roles ann ann-pw "DELETE FROM salesim.findings WHERE session_id = $bob_id")" "permission denied"
expect_contains "ann cannot change bob's rule counts" "$(psql_as roles ann ann-pw "UPDATE salesim.session_rules SET n = 0")" "permission denied"
expect_contains "ann cannot delete bob's rule counts" "$(psql_as roles ann ann-pw "DELETE FROM salesim.session_rules")" "permission denied"
expect_contains "ann cannot change the class totals" "$(psql_as roles ann ann-pw "UPDATE salesim.rule_totals SET n = 0")" "permission denied"
expect_contains "ann cannot empty the sessions table" "$(psql_as roles ann ann-pw "TRUNCATE salesim.sessions CASCADE")" "permission denied"
expect_contains "ann cannot change a rule's principle" "$(psql_as roles ann ann-pw "UPDATE salesim.rules SET principle = 'x'")" "permission denied"
expect_contains "ann cannot switch row-level security off" "$(psql_as roles ann ann-pw "ALTER TABLE salesim.sessions DISABLE ROW LEVEL SECURITY")" "must be owner"
expect_contains "ann cannot drop the policy" "$(psql_as roles ann ann-pw "DROP POLICY trainee_reads_own ON salesim.sessions")" "must be owner"
expect_contains "ann cannot become the trainer" "$(psql_as roles ann ann-pw "SET ROLE tina")" "permission denied"
expect_contains "ann cannot become the trainer group" "$(psql_as roles ann ann-pw "SET ROLE salesim_trainer")" "permission denied"
expect_contains "ann cannot insert a row under bob's name with SQL" \
  "$(psql_as roles ann ann-pw "INSERT INTO salesim.sessions(trainee, scenario, started, outcome, score, pass, recorded, debrief) VALUES ('bob', 's', 'x', 'order', 100, 1, 'x', '{}')")" "row-level security"
expect_contains "ann cannot insert a row claiming bob as its writer" \
  "$(psql_as roles ann ann-pw "INSERT INTO salesim.sessions(trainee, scenario, started, outcome, score, pass, recorded, debrief, db_user) VALUES ('ann', 's', 'x', 'order', 100, 1, 'x', '{}', 'bob')")" "permission denied"
# an id chosen by a trainee could be the one the identity hands to bob's next visit
next_id=$(( $(q roles "SELECT max(id) FROM salesim.sessions") + 1 ))
expect_contains "ann cannot choose a row id (and so block bob's next one)" \
  "$(psql_as roles ann ann-pw "INSERT INTO salesim.sessions(id, trainee, scenario, started, outcome, score, pass, recorded, debrief) VALUES ($next_id, 'ann', 's', 'x', 'order', 100, 1, 'x', '{}')")" "permission denied"
check "... bob still records after ann's attempts" "$WRITER" "$BOB" 1 --trainee bob
q roles "ANALYZE salesim.sessions"
expect_eq "the planner's statistics show ann nothing of the sessions table" "0" \
  "$(psql_as roles ann ann-pw "SELECT count(*) FROM pg_stats WHERE schemaname = 'salesim' AND tablename = 'sessions'")"
out=$("$SALESIM" report "$ANN" --trainee bob --format csv 2>&1 | tail -n +2)
expect_eq "a report as ann filtered to bob is empty" "" "$out"
out=$("$SALESIM" next --trainee bob --gradebook "$ANN" 2>&1); rc=$?
expect_eq "salesim next as ann for bob finds no visits of his (exit 1)" "1" "$rc"
expect_eq "bob's rows are unchanged" "3" "$(q roles "SELECT count(*) FROM salesim.sessions WHERE trainee = 'bob'")"
expect_eq "... and his findings and rule counts too" "0|0" \
  "$(q roles "SELECT count(*) FROM salesim.sessions s WHERE s.trainee = 'bob' AND (SELECT count(*) FROM salesim.findings f WHERE f.session_id = s.id) <> coalesce((SELECT sum(n) FROM salesim.session_rules r WHERE r.session_id = s.id), 0)")|$(q roles "SELECT count(*) FROM salesim.session_rules r JOIN salesim.sessions s ON s.id = r.session_id WHERE s.trainee = 'bob' AND r.n = 0")"
out=$("$SALESIM" report "$ANN" --format csv 2>&1 | tail -n +2 | cut -d, -f1 | sort -u | tr '\n' ' ')
expect_eq "a report as ann shows nothing of bob's" "ann " "$out"
out=$("$SALESIM" report "$TINA" --format csv 2>&1 | tail -n +2 | cut -d, -f1 | sort -u | tr '\n' ' ')
expect_eq "the trainer's report shows everyone" "ann bob " "$out"
expect_contains "the trainer cannot record sessions" "$("$WRITER" "$TINA" 1 --trainee tina 2>&1)" "cannot record the session"
expect_contains "the trainer cannot change rows" "$(psql_as roles tina tina-pw "UPDATE salesim.sessions SET score = 0")" "permission denied"
# the roles made before version 5: the migration grants them what it added
q roles "BEGIN; $undo_v6 $undo_v5 UPDATE salesim.meta SET value = '4' WHERE key = 'version'; COMMIT" >/dev/null
"$SALESIM" report "$RL" >/dev/null 2>&1
check "after the migration to version 6, ann still records her sessions" "$WRITER" "$ANN" 1 --trainee ann
out=$("$SALESIM" report "$TINA" --format csv 2>&1 | tail -n +2 | cut -d, -f1 | sort -u | tr '\n' ' ')
expect_eq "... and the trainer's report reads the sums of everyone" "ann bob |0" "$out|$(regroup_diff roles)"

# --- a visit the server missed: transcript kept, `salesim record` later, never twice ---------
SC=scenarios/it-trial.yaml
printf 'Hello, thanks for making time today.\nCould you bring your IT head to a 30-minute demo next Wednesday at 3?\n' >"$TMP/en.txt"
pg_ctl_do -m fast -w stop >/dev/null 2>&1
err=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 4 --trainee ann --gradebook "$ANN" --transcript "" 2>&1 >/dev/null); rc=$?
expect_eq "play with the server down exits 2" 2 "$rc"
expect_contains "... says the server refused the connection" "$err" "the server refused the connection"
kept=$(sed -n 's/.*the visit is kept in \([^;]*\);.*/\1/p' <<<"$err")
expect_contains "... keeps the transcript and names the command" "$err" "once the gradebook can be opened, record it with: salesim record $kept --gradebook 'postgresql://ann@/roles?host=$PGDIR'"
expect_eq "... the kept transcript holds the debrief" "it-trial" "$(jq -r '.debrief.scenario' "$kept" 2>&1)"
expect_eq "... and the password is not shown" "" "$(grep -o ann-pw <<<"$err")"
pg_ctl_do -w -o "-c listen_addresses='' -k $PGDIR -c max_connections=320 -c shared_buffers=64MB" start >/dev/null 2>&1
out=$("$SALESIM" record "$kept" --gradebook "$ANN" 2>&1); rc=$?
expect_eq "salesim record records it once the server is back" "0" "$rc"
expect_contains "... and says so" "$out" "recorded in postgresql://ann@/roles"
out=$("$SALESIM" record "$kept" --gradebook "$ANN" 2>&1); rc=$?
expect_contains "recording it again adds nothing" "$rc|$out" "0|$kept: already in"
expect_eq "... one row for the visit" "1" "$(q roles "SELECT count(*) FROM salesim.sessions WHERE trainee = 'ann' AND scenario = 'it-trial'")"

# a row written by hand under another role carrying the key of ann's next visit: her visit must
# not pass for recorded (she cannot read that row)
"$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 7 --trainee ann --gradebook "$TMP/keys.db" --transcript "$TMP/ann7.json" >/dev/null 2>&1
key=$(sqlite3 "$TMP/keys.db" 'SELECT visit_key FROM sessions')
q roles "INSERT INTO salesim.sessions(trainee, scenario, started, outcome, score, pass, recorded, debrief, db_user, visit_key)
  VALUES ('bob', 's', 'x', 'order', 1, 0, 'x', '{}', 'bob', '$key')"
out=$("$SALESIM" record "$TMP/ann7.json" --gradebook "$ANN" 2>&1); rc=$?
expect_eq "a visit whose key another role's row holds is not passed off as recorded (exit 2)" "2" "$rc"
expect_contains "... and says why" "$out" "the visit's key is taken by a row this role cannot read"
# a trainee role playing under another name is refused: the "record it later" hint names the
# role with --trainee, and that command works (play-test 30c #15: the hint left it out)
err=$("$SALESIM" play "$SC" --script "$TMP/en.txt" --seed 11 --trainee "Ann Lee" --gradebook "$ANN" --transcript "$TMP/annlee.json" 2>&1 >/dev/null)
expect_contains "a wrong trainee name: the hint names the role" "$err" "record it later with: salesim record $TMP/annlee.json --gradebook 'postgresql://ann@/roles?host=$PGDIR' --trainee ann"
out=$("$SALESIM" record "$TMP/annlee.json" --gradebook "$ANN" --trainee ann 2>&1); rc=$?
expect_contains "... and that command records it" "$rc|$out" "0|$TMP/annlee.json: recorded in postgresql://ann@/roles"
finish
