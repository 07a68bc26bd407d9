#!/usr/bin/env bash
# A shared class directory where trainees can plant files (issue 13): every atomic write (the
# report's -o, --html, --markdown, the transcript) uses a temp file no planted link can catch;
# no output replaces a gradebook, an input of the same run, a device or a FIFO; -o /dev/stdout
# works; FIFOs given as inputs are refused instead of hanging; `ulimit -f` gives an error and
# leaves no temp file behind.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
SC=scenarios/campus-platform.yaml
CLASS=$TMP/class; mkdir -p "$CLASS"
printf '周处长您好\n辅导员每天签到要花多少时间?\n' >"$TMP/lines.txt"
"$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --trainee ann --gradebook "$CLASS/class.db" \
  --transcript "$CLASS/t.json" >/dev/null 2>&1
check "a gradebook to report on" test -s "$CLASS/class.db"
echo 'precious' >"$TMP/victim"; chmod 644 "$TMP/victim"

# --- planted links at the temp names an earlier version predicted (PATH.tmp.PID) ---
# sh plants links for its own PID, then execs salesim under that PID.
planted() {  # NAME OUTPUT-FLAG OUTPUT COMMAND...
  local name=$1 out=$3; shift 3
  sh -c 'for p in "$1".tmp.$$ "$1".tmp "$1".journal; do ln -sf "$2" "$p"; done; shift 2; exec "$@"' sh "$out" "$TMP/victim" "$@" >/dev/null 2>&1
  expect_eq "$name: a link planted at the temp name is not followed" "precious" "$(cat "$TMP/victim")"
  if [ -f "$out" ] && [ ! -L "$out" ]; then ok "$name: the output is written as a new file"; else fail "$name: the output is written as a new file"; fi
}
planted "report -o" -o "$CLASS/r.txt" "$SALESIM" report "$CLASS/class.db" -o "$CLASS/r.txt"
planted "report --format html -o" -o "$CLASS/r.html" "$SALESIM" report "$CLASS/class.db" -o "$CLASS/r.html"
planted "play --transcript" --transcript "$CLASS/p.json" "$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --transcript "$CLASS/p.json" --gradebook "$TMP/own.db"
planted "play --html" --html "$CLASS/p.html" "$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --html "$CLASS/p.html" --gradebook "$TMP/own.db"
planted "replay --markdown" --markdown "$CLASS/p.md" "$SALESIM" replay "$CLASS/t.json" --markdown "$CLASS/p.md"
# a link at the output name itself is replaced, never written through
ln -sf "$TMP/victim" "$CLASS/link.txt"
"$SALESIM" report "$CLASS/class.db" -o "$CLASS/link.txt" >/dev/null 2>&1
expect_eq "a link at the -o name is replaced, its target untouched" "precious" "$(cat "$TMP/victim")"
if [ -L "$CLASS/link.txt" ]; then fail "the link itself is replaced by the report"; else ok "the link itself is replaced by the report"; fi
if ls -a "$CLASS" | grep -q '^\.[^.].*\.[A-Za-z0-9]\{6\}$'; then fail "no temp file is left in the class directory" "$(ls -a "$CLASS")"; else ok "no temp file is left in the class directory"; fi

# --- no output replaces a gradebook or an input of the same run ---
cp "$CLASS/class.db" "$TMP/before.db"
err=$("$SALESIM" report "$CLASS/class.db" -o "$CLASS/class.db" 2>&1 >/dev/null); rc=$?
if [ "$rc" -ne 0 ] && cmp -s "$CLASS/class.db" "$TMP/before.db"; then ok "report class.db -o class.db is refused, the gradebook intact (exit $rc)"
else fail "report class.db -o class.db is refused, the gradebook intact (exit $rc)" "$err"; fi
expect_contains "the refusal says why" "$err" "not overwritten"
cp "$CLASS/class.db" "$TMP/other.db"
err=$("$SALESIM" report "$CLASS/class.db" -o "$TMP/other.db" 2>&1 >/dev/null); rc=$?
if [ "$rc" -ne 0 ] && cmp -s "$TMP/other.db" "$TMP/before.db"; then ok "report -o onto another gradebook is refused"; else fail "report -o onto another gradebook is refused (exit $rc)" "$err"; fi
err=$("$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --gradebook "$TMP/own.db" --transcript "$CLASS/class.db" 2>&1 >/dev/null)
if cmp -s "$CLASS/class.db" "$TMP/before.db"; then ok "play --transcript class.db leaves the gradebook intact"; else fail "play --transcript class.db leaves the gradebook intact" "$err"; fi
expect_contains "play --transcript class.db: the message says why" "$err" "not overwritten"
cp "$TMP/lines.txt" "$TMP/lines.bak"
"$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --gradebook "$TMP/own.db" --transcript "$TMP/lines.txt" >/dev/null 2>&1
if cmp -s "$TMP/lines.txt" "$TMP/lines.bak"; then ok "play --transcript onto its own --script is refused"; else fail "play --transcript onto its own --script is refused"; fi
cp "$SC" "$TMP/sc.yaml"
"$SALESIM" play "$TMP/sc.yaml" --script "$TMP/lines.txt" --seed 1 --gradebook "$TMP/own.db" --html "$TMP/sc.yaml" >/dev/null 2>&1
if cmp -s "$TMP/sc.yaml" "$SC"; then ok "play --html onto its own scenario is refused"; else fail "play --html onto its own scenario is refused"; fi

# --- devices, FIFOs, /dev/stdout ---
mkfifo "$TMP/fifo"
err=$(timeout 20 "$SALESIM" report "$CLASS/class.db" -o "$TMP/fifo" 2>&1 >/dev/null); rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ -p "$TMP/fifo" ]; then ok "-o onto a FIFO is refused, the FIFO kept (exit $rc)"; else fail "-o onto a FIFO is refused (exit $rc)" "$err"; fi
out=$("$SALESIM" report "$CLASS/class.db" -o /dev/stdout 2>&1); rc=$?
expect_eq "-o /dev/stdout exits 0" 0 "$rc"
expect_contains "-o /dev/stdout writes the report to standard output" "$out" "ann"
mkdir -p "$TMP/listdir"; cp "$SC" "$TMP/listdir/"; mkfifo "$TMP/listdir/trap.yaml"
out=$(timeout 20 "$SALESIM" list "$TMP/listdir" 2>&1); rc=$?
if [ "$rc" -eq 0 ] && [[ "$out" == *campus-platform* ]]; then ok "list skips a FIFO named .yaml (exit $rc)"; else fail "list skips a FIFO named .yaml (exit $rc)" "$out"; fi
for c in "play $TMP/fifo" "replay $TMP/fifo" "report $TMP/fifo" "check $TMP/fifo"; do
  err=$(timeout 20 "$SALESIM" $c </dev/null 2>&1 >/dev/null); rc=$?
  if [ "$rc" -ge 1 ] && [ "$rc" -le 2 ]; then ok "salesim $c: a FIFO is refused (exit $rc)"
  else fail "salesim $c: a FIFO is refused (exit $rc)" "$err"; fi
done

# --- ulimit -f: an error, not SIGXFSZ, and no temp file left ---
mkdir -p "$TMP/lim"
err=$( (ulimit -f 1; "$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --gradebook "$TMP/own.db" \
        --transcript "$TMP/lim/t.json" --html "$TMP/lim/d.html") 2>&1 >/dev/null); rc=$?
if [ "$rc" -ne 153 ] && [ "$rc" -le 2 ]; then ok "ulimit -f: salesim is not killed by SIGXFSZ (exit $rc)"; else fail "ulimit -f: salesim is not killed by SIGXFSZ (exit $rc)" "$err"; fi
# (t.json.journal stays when the transcript could not be written: replay reads it)
if [ -z "$(ls -A "$TMP/lim" | grep -v '^t.json$\|^d.html$\|^t.json.journal$')" ]; then ok "ulimit -f: no temp file is left"; else fail "ulimit -f: no temp file is left" "$(ls -a "$TMP/lim")"; fi
expect_contains "ulimit -f: the error is reported" "$err" "File too large"
# --- gradebook fields are untrusted: NULLs, escape sequences, look-alike names ---
cp "$CLASS/class.db" "$TMP/odd.db"
# (schema version 3: the report reads the findings counted per session and rule, and their
# totals; version 4 their counts per scenario and day too: all are rebuilt without their NOT NULL
# and key constraints, as a foreign tool might)
sqlite3 "$TMP/odd.db" "CREATE TABLE f2 AS SELECT * FROM findings; DROP TABLE findings; ALTER TABLE f2 RENAME TO findings;
  INSERT INTO findings(session_id, skill, rule, turn, points) SELECT id, NULL, NULL, 1, -5 FROM sessions;
  INSERT INTO findings(session_id, skill, rule, turn, points) SELECT id, 'discovery', 'x' || char(27) || '[2J' || char(27) || ']0;pwn' || char(7), 1, -5 FROM sessions;
  CREATE TABLE r2 AS SELECT * FROM session_rules; DROP TABLE session_rules; ALTER TABLE r2 RENAME TO session_rules;
  CREATE TABLE t2 AS SELECT * FROM rule_totals; DROP TABLE rule_totals; ALTER TABLE t2 RENAME TO rule_totals;
  INSERT INTO session_rules SELECT id, NULL, NULL, 1, 1, -5 FROM sessions;
  INSERT INTO session_rules SELECT id, 'x' || char(27) || '[2J' || char(27) || ']0;pwn' || char(7), 'discovery', 1, 1, -5 FROM sessions;
  INSERT INTO rule_totals VALUES (NULL, NULL, 9, 1, 1, -5), ('x' || char(27) || '[2J' || char(27) || ']0;pwn' || char(7), 'discovery', 9, 1, 1, -5);
  CREATE TABLE d2 AS SELECT * FROM rule_days; DROP TABLE rule_days; ALTER TABLE d2 RENAME TO rule_days;
  INSERT INTO rule_days SELECT DISTINCT scenario, substr(started, 1, 10), NULL, NULL, 1, 1, 1, -5 FROM sessions;
  INSERT INTO rule_days SELECT DISTINCT scenario, substr(started, 1, 10), 'x' || char(27) || '[2J' || char(27) || ']0;pwn' || char(7), 'discovery', 1, 1, 1, -5 FROM sessions;
  CREATE TEMP TABLE t AS SELECT * FROM sessions WHERE trainee = 'ann' LIMIT 1;
  UPDATE t SET visit_key = NULL;
  UPDATE t SET id = NULL, trainee = ' ann'; INSERT INTO sessions SELECT * FROM t;
  UPDATE t SET id = NULL, trainee = 'an' || char(8203) || 'n'; INSERT INTO sessions SELECT * FROM t;
  UPDATE t SET id = NULL, trainee = 'eve' || char(27) || '[31m'; INSERT INTO sessions SELECT * FROM t;
  UPDATE t SET id = NULL, trainee = char(9) || '=HYPERLINK(1)'; INSERT INTO sessions SELECT * FROM t;
  UPDATE t SET id = NULL, trainee = CAST(X'626F62FF01' AS TEXT); INSERT INTO sessions SELECT * FROM t;
  UPDATE t SET id = NULL, trainee = 'zed', started = char(27) || ']0;pwn' || char(7) || '2026-12-01'; INSERT INTO sessions SELECT * FROM t;" 2>"$TMP/sq.err"
check "a gradebook with NULL rules, escapes and look-alike names" test ! -s "$TMP/sq.err"
for fmt in text csv html; do
  out=$("$SALESIM" report "$TMP/odd.db" --format $fmt 2>&1); rc=$?
  expect_eq "report --format $fmt of NULL gradebook fields: exit 0, no crash" 0 "$rc"
  if grep -q $'\033' <<<"$out"; then fail "report --format $fmt: no ESC byte from a gradebook field" "$(cat -v <<<"$out" | grep -m3 '\^\[')"
  else ok "report --format $fmt: no ESC byte from a gradebook field"; fi
done
csv=$("$SALESIM" report "$TMP/odd.db" --format csv 2>&1)
if grep -qE "^[\"]?[[:space:]]*=" <<<"$csv"; then fail "CSV: a formula behind a tab is neutralised" "$(grep -m2 HYPER <<<"$csv" | cat -A)"
else ok "CSV: a formula behind a tab is neutralised"; fi
if LC_ALL=C grep -qP '[\x00-\x08\x0b\x0c\x0e-\x1f]' <<<"$csv"; then fail "CSV: no raw control byte"; else ok "CSV: no raw control byte"; fi
if iconv -f UTF-8 -t UTF-8 <<<"$csv" >/dev/null 2>&1; then ok "CSV: valid UTF-8 throughout"; else fail "CSV: valid UTF-8 throughout"; fi
out=$("$SALESIM" report "$TMP/odd.db" 2>&1)
if iconv -f UTF-8 -t UTF-8 <<<"$out" >/dev/null 2>&1; then ok "text report: valid UTF-8 throughout (the period's dates cut by character)"; else fail "text report: valid UTF-8 throughout (the period's dates cut by character)" "$(head -3 <<<"$out" | cat -v)"; fi
expect_contains "a leading space in a trainee name is shown" "$out" "␣ann"
expect_contains "a zero-width space in a trainee name is shown" "$out" "an<U+200B>n"
expect_contains "a NULL rule is shown as (no rule)" "$out" "(no rule)"
out=$("$SALESIM" report "$TMP/odd.db" --trainee ann 2>&1)
expect_contains "a filtered report (per-session rule counts): a NULL rule is shown as (no rule)" "$out" "(no rule)"
out=$("$SALESIM" report "$TMP/odd.db" --since 2026-01-01 2>&1)
expect_contains "a report by date (per-day counts): a NULL rule is shown as (no rule)" "$out" "(no rule)"
if grep -q $'\033' <<<"$out"; then fail "... and no ESC byte from a rule" "$(cat -v <<<"$out" | grep -m3 '\^\[')"
else ok "... and no ESC byte from a rule"; fi
# --visits is CSV whatever -o says, "-o -" included (blind trainer, round 10: refused as text)
out=$("$SALESIM" report "$TMP/odd.db" --visits -o - 2>&1); rc=$?
expect_eq "report --visits -o -: CSV on standard output" "0|session,trainee,scenario" "$rc|$(head -1 <<<"$out" | cut -d, -f1-3)"
csv=$("$SALESIM" report "$TMP/odd.db" --visits 2>&1); rc=$?
expect_eq "report --visits of odd gradebook fields: exit 0" 0 "$rc"
if grep -q $'\033' <<<"$csv"; then fail "report --visits: no ESC byte from a gradebook field"; else ok "report --visits: no ESC byte from a gradebook field"; fi
if LC_ALL=C grep -qP '[\x00-\x08\x0b\x0c\x0e-\x1f]' <<<"$csv"; then fail "report --visits: no raw control byte"; else ok "report --visits: no raw control byte"; fi
if iconv -f UTF-8 -t UTF-8 <<<"$csv" >/dev/null 2>&1; then ok "report --visits: valid UTF-8 throughout"; else fail "report --visits: valid UTF-8 throughout"; fi
if grep -qE "^[0-9]+,[\"]?[[:space:]]*=" <<<"$csv"; then fail "report --visits: a formula behind a tab is neutralised" "$(grep -m2 HYPER <<<"$csv" | cat -A)"
else ok "report --visits: a formula behind a tab is neutralised"; fi
expect_contains "report --visits: look-alike names are shown apart" "$csv" "an<U+200B>n"
# --- a full disk is named as such (SQLite says "disk I/O error" when its -shm cannot grow) ---
mkdir -p "$TMP/small"
if mount -t tmpfs -o size=200k tmpfs "$TMP/small" 2>/dev/null; then
  "$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --trainee bob --gradebook "$TMP/small/c.db" --transcript "$TMP/s1.json" >/dev/null 2>&1
  head -c 1000000 /dev/zero >"$TMP/small/fill" 2>/dev/null
  # (another trainee: the same visit again would be found by its key and need no write)
  err=$("$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --trainee carol --gradebook "$TMP/small/c.db" --transcript "$TMP/s2.json" 2>&1 >/dev/null)
  expect_contains "a full disk is reported as a full disk" "$err" "disk is full"
  check "a full disk: the transcript is still saved elsewhere" jq -e '.turns | length == 2' "$TMP/s2.json"
  umount "$TMP/small"
else ok "a full disk # SKIP cannot mount a small tmpfs here (not root)"; fi
# --- a writable gradebook in a folder the trainer cannot write can still be reported ---
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  mkdir -p "$TMP/ro"; cp "$CLASS/class.db" "$TMP/ro/class.db"; chmod 666 "$TMP/ro/class.db"; chmod 555 "$TMP/ro"; chmod o+x "$TMP"
  out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$SALESIM" report "$TMP/ro/class.db" 2>&1); rc=$?
  expect_eq "a gradebook in a read-only folder: report exits 0" 0 "$rc"
  expect_contains "a gradebook in a read-only folder: the report lists the trainee" "$out" "ann"
  chmod 755 "$TMP/ro"
else ok "a gradebook in a read-only folder # SKIP needs root and setpriv to act as another user"; fi
# --- a mistyped --trainee or --scenario is said, with the name meant (play-test 30c finding 6) ---
GB2=$TMP/names.db
"$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --trainee "Bob Smith" --gradebook "$GB2" --transcript "" >/dev/null 2>&1
err=$("$SALESIM" report "$GB2" --trainee "bob smith" 2>&1 >/dev/null); rc=$?
expect_eq "report --trainee in the wrong case: exit 1, the name meant" "1|salesim report: no session in $GB2 has trainee 'bob smith' (did you mean 'Bob Smith'?)" "$rc|$err"
err=$("$SALESIM" report "$GB2" --scenario campus-platfrom 2>&1 >/dev/null); rc=$?
expect_eq "report --scenario with a typo: exit 1, the scenario meant" "1|salesim report: no session in $GB2 has scenario 'campus-platfrom' (did you mean 'campus-platform'?)" "$rc|$err"
err=$("$SALESIM" report "$GB2" --visits --trainee "Bobby Smithers" 2>&1 >/dev/null); rc=$?
expect_eq "report --visits --trainee of no one: exit 1, said" "1|salesim report: no session in $GB2 has trainee 'Bobby Smithers'" "$rc|$err"
out=$("$SALESIM" report "$GB2" --trainee "Bob Smith" --since 2099-01-01 2>&1); rc=$?
expect_contains "names that exist, no session in the period: exit 0, 'no sessions match'" "$rc|$out" "0|"
expect_contains "... saying the filter matched nothing, not that nothing is recorded" "$out" "No sessions match the filter."
err=$("$SALESIM" next --trainee "bob smith" --gradebook "$GB2" 2>&1 >/dev/null); rc=$?
expect_eq "next --trainee in the wrong case: exit 1, the name meant" "1|salesim next: bob smith has no visit in $GB2 (did you mean 'Bob Smith'?)" "$rc|$err"
# --- the text report's findings fit the terminal's width (play-test 30c finding 8) ---
for w in 120 80; do
  out=$(COLUMNS=$w "$SALESIM" report "$CLASS/class.db" --lang en 2>/dev/null | sed -n '/^MOST FREQUENT FINDINGS/,/^PROGRESS/p')
  long=$(awk -v w="$w" 'length($0) > w' <<<"$out")
  if [ -n "$out" ] && [ -z "$long" ]; then ok "report findings with COLUMNS=$w: no line wider"; else fail "report findings with COLUMNS=$w: no line wider" "$long"; fi
done
finish
