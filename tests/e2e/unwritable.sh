#!/usr/bin/env bash
# A transcript folder or gradebook that cannot be written is said when the visit starts, and the
# visit is kept where the trainee is told (play-test 32d H1, M1): a path under a file (as a
# read-only or full folder would be, without needing root to make one), a data dir that fails
# too, a folder that goes away during the visit; a visit cut off before its first line leaves
# nothing for the next `play` to name; one killed with its transcript elsewhere is named (M6).
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
SC=scenarios/examples/clinic-booking.yaml
printf 'Hello, thanks for seeing me.\nHow do patients book today?\nWhat happens when the phones are busy?\n' >"$TMP/lines.txt"
echo 'not a folder' >"$TMP/afile"
KEPT=$TMP/data/salesim/transcripts

# --- the transcript path and the gradebook both fail: said at the start, kept in the data dir ---
err=$("$SALESIM" play "$SC" --seed 5 --trainee gus --gradebook "$TMP/afile/g.db" --transcript "$TMP/afile/t.json" \
  --script "$TMP/lines.txt" 2>&1 >/dev/null)
kept=$(ls "$KEPT"/clinic-booking-*.json 2>/dev/null | head -1)
expect_contains "an unwritable transcript path is said, with the place kept instead" "$err" \
  "cannot write $TMP/afile/t.json ($TMP/afile/t.json.journal: "
expect_contains "... which is the data dir" "$err" "this visit is kept in $kept instead"
expect_eq "... and holds the whole visit with its debrief" "3|clinic-booking" \
  "$(jq -r '(.turns | length|tostring) + "|" + .debrief.scenario' "$kept" 2>&1)"
expect_contains "the gradebook that cannot be opened is said at the start too" "$err" \
  "the visit is played all the same and kept, to be recorded once the gradebook can be opened"
expect_contains "... and the end names the kept visit and the command for once it opens" "$err" \
  "the visit is kept in $kept; once the gradebook can be opened, record it with: salesim record $kept --gradebook $TMP/afile/g.db"
expect_eq "no journal is left in the data dir" "" "$(ls "$KEPT" | grep journal)"

# --- the warning comes before the first turn (the visit waits on a FIFO) ---
mkfifo "$TMP/in"
"$SALESIM" play "$SC" --seed 5 --transcript "$TMP/afile/t2.json" --script "$TMP/in" >/dev/null 2>"$TMP/early.err" &
pid=$!
exec 3>"$TMP/in"
for _ in $(seq 1 100); do grep -q 'cannot write' "$TMP/early.err" && break; sleep 0.1; done
expect_contains "the warning is shown before any line is typed" "$(cat "$TMP/early.err")" "cannot write $TMP/afile/t2.json"
exec 3>&-
wait "$pid"

# --- the data dir fails too: the trainee is told nothing will be kept ---
err=$(XDG_DATA_HOME=$TMP/afile/data "$SALESIM" play "$SC" --seed 5 --transcript "$TMP/afile/t.json" \
  --script "$TMP/lines.txt" 2>&1 >/dev/null)
expect_contains "with the data dir unwritable too, the start says the visit will not be kept" "$err" \
  "nor in the data folder: this visit will not be kept"

# --- the folder goes away during the visit: the end keeps the visit in the data dir ---
rm -rf "$KEPT"; mkdir -p "$TMP/gone"; rm -f "$TMP/in"; mkfifo "$TMP/in"
"$SALESIM" play "$SC" --seed 5 --transcript "$TMP/gone/t.json" --script "$TMP/in" >/dev/null 2>"$TMP/late.err" &
pid=$!
exec 3>"$TMP/in"
sed -n 1p "$TMP/lines.txt" >&3
for _ in $(seq 1 100); do [ "$(tr -d '\0' <"$TMP/gone/t.json.journal" 2>/dev/null | grep -c '"record":"turn"')" = 1 ] && break; sleep 0.1; done
rm -rf "$TMP/gone"; echo 'now a file' >"$TMP/gone"
sed -n 2p "$TMP/lines.txt" >&3
exec 3>&-
wait "$pid"
kept=$(ls "$KEPT"/clinic-booking-*.json 2>/dev/null | head -1)
expect_contains "a path that fails at the end: the visit is kept in the data dir, and said" "$(cat "$TMP/late.err")" \
  "cannot write $TMP/gone/t.json ($TMP/gone/t.json: Not a directory); this visit is kept in $kept instead"
expect_eq "... with both turns" "2" "$(jq '.turns | length' "$kept" 2>&1)"

# --- a visit cut off before its first line has nothing to record: not named next time ---
rm -rf "$KEPT"
rm -f "$TMP/in"; mkfifo "$TMP/in"
"$SALESIM" play "$SC" --seed 6 --trainee hal --gradebook "$TMP/hal.db" --script "$TMP/in" >/dev/null 2>&1 &
pid=$!
exec 3>"$TMP/in"
for _ in $(seq 1 100); do ls "$KEPT"/*.journal >/dev/null 2>&1 && break; sleep 0.1; done
check "the journal is made when the visit starts" ls "$KEPT"/clinic-booking-*.json.journal
kill -KILL "$pid"; wait "$pid" 2>/dev/null
exec 3>&-
err=$("$SALESIM" play "$SC" --seed 7 --trainee hal --gradebook "$TMP/hal.db" --script "$TMP/lines.txt" --transcript "" 2>&1 >/dev/null)
expect_eq "the next play names no earlier visit" "" "$(grep 'earlier visit' <<<"$err")"
# --- a visit killed with its transcript outside the data dir is named by the next play (M6) ---
mkdir -p "$TMP/tr"; rm -f "$TMP/in"; mkfifo "$TMP/in"
"$SALESIM" play "$SC" --seed 20 --trainee eve --gradebook "$TMP/eve.db" --transcript "$TMP/tr/v10.json" --script "$TMP/in" >/dev/null 2>&1 &
pid=$!
exec 3>"$TMP/in"
sed -n 1,2p "$TMP/lines.txt" >&3
for _ in $(seq 1 100); do [ "$(tr -d '\0' <"$TMP/tr/v10.json.journal" 2>/dev/null | grep -c '"record":"turn"')" = 2 ] && break; sleep 0.1; done
kill -KILL "$pid"; wait "$pid" 2>/dev/null
exec 3>&-
err=$("$SALESIM" play "$SC" --seed 21 --trainee eve --gradebook "$TMP/eve.db" --script "$TMP/lines.txt" 2>&1 >/dev/null)
expect_contains "the next play names the killed visit's journal outside the data dir" "$err" \
  "is in no gradebook: $TMP/tr/v10.json.journal; record it with: salesim record $TMP/tr/v10.json.journal --gradebook $TMP/eve.db"
"$SALESIM" record "$TMP/tr/v10.json.journal" --gradebook "$TMP/eve.db" >/dev/null 2>&1
out=$("$SALESIM" record "$TMP/tr/v10.json.journal" --gradebook "$TMP/eve.db" 2>&1); rc=$?
expect_contains "the same record command again says it is recorded (L6)" "$rc|$out" "0|"
expect_contains "... already in the gradebook" "$out" "already in $TMP/eve.db"
err=$("$SALESIM" play "$SC" --seed 22 --trainee eve --gradebook "$TMP/eve.db" --script "$TMP/lines.txt" --transcript "" 2>&1 >/dev/null)
expect_eq "... and, once recorded, no more" "" "$(grep 'earlier visit' <<<"$err")"
finish
