#!/usr/bin/env bash
# Hostile input that tests/e2e/play.sh does not reach: markup and escape sequences carried into
# the Markdown, HTML and replayed debriefs; a crafted transcript; input without end (/dev/zero);
# CR-LF scripts; closed and full output streams; an unwritable transcript path; SIGTERM and
# SIGHUP mid-session; a script longer than the turn limit.  Each gets a clear message or a sane
# result, never a crash, and the transcript survives.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
SC=scenarios/campus-platform.yaml
ESC=$'\033'

# --- markup and escapes in the lines reach no debrief raw ---
{ printf '周处长您好 <script>alert(1)</script> <img src=x onerror=alert(2)>\n'
  printf '\033]52;c;cHduZWQ=\007\033[2J\033[?1049h能不能请信息中心李主任下周三下午三点来看演示?\n'
  printf '[link](javascript:alert(3)) | table | **bold** <!-- x -->\n'
  printf 'C1 controls \xc2\x9b31m and bidi \xe2\x80\xaeevil\xe2\x80\xac\n'; } >"$TMP/markup.txt"
out=$("$SALESIM" play "$SC" --script "$TMP/markup.txt" --seed 1 --transcript "$TMP/m.json" \
      --markdown "$TMP/m.md" --html "$TMP/m.html" 2>&1); rc=$?
expect_eq "markup and escapes in lines: play exits 0" 0 "$rc"
if grep -q "$ESC" <<<"$out"; then fail "no ESC byte in the terminal debrief" "$(grep "$ESC" <<<"$out" | cat -v | head -3)"; else ok "no ESC byte in the terminal debrief"; fi
if grep -q $'\xc2\x9b' <<<"$out"; then fail "no C1 CSI in the terminal debrief"; else ok "no C1 CSI in the terminal debrief"; fi
if grep -q $'\xe2\x80\xae' <<<"$out"; then fail "no bidi override in the terminal output"; else ok "no bidi override in the terminal output"; fi
html=$(cat "$TMP/m.html" 2>/dev/null)
expect_contains "HTML debrief written" "$html" "<svg"
if grep -qiE '<script>alert|<img src=x' <<<"$html"; then fail "trainee markup is escaped in the HTML debrief" "$(grep -oiE '.{40}<(script>alert|img src=x).{20}' <<<"$html" | head -3)"
else ok "trainee markup is escaped in the HTML debrief"; fi
expect_contains "the HTML debrief shows the escaped line" "$html" "&lt;script&gt;"
if grep -q "$ESC" "$TMP/m.md" "$TMP/m.html" 2>/dev/null; then fail "no ESC byte in the Markdown or HTML debrief"; else ok "no ESC byte in the Markdown or HTML debrief"; fi
if grep -qF '<script>alert' "$TMP/m.md"; then fail "raw HTML from a line is neutralised in the Markdown debrief" "$(grep -F '<script>' "$TMP/m.md" | head -2)"
else ok "raw HTML from a line is neutralised in the Markdown debrief"; fi
check "the transcript keeps the four lines" jq -e '(.turns | length) == 4' "$TMP/m.json"
out=$("$SALESIM" replay "$TMP/m.json" 2>&1); rc=$?
expect_eq "replay of that transcript exits 0" 0 "$rc"
if grep -q "$ESC" <<<"$out"; then fail "no ESC byte in the replay" "$(grep "$ESC" <<<"$out" | cat -v | head -3)"; else ok "no ESC byte in the replay"; fi

# --- a hand-crafted transcript: escapes appended to every string of its turns and debrief ---
jq '(.turns, .debrief, .opening) |= ((.. | strings) |= (. + "\u001b[2J\u001b]0;t\u0007\u009b31m"))' "$TMP/m.json" >"$TMP/evil.json" 2>/dev/null
out=$("$SALESIM" replay "$TMP/evil.json" 2>&1); rc=$?
expect_eq "replay of a crafted transcript exits 0" 0 "$rc"
if grep -q "$ESC" <<<"$out"; then fail "no ESC byte from a crafted transcript reaches the terminal" "$(grep "$ESC" <<<"$out" | cat -v | head -3)"
else ok "no ESC byte from a crafted transcript reaches the terminal"; fi
"$SALESIM" replay "$TMP/evil.json" --markdown "$TMP/evil.md" >/dev/null 2>&1
if grep -q "$ESC" "$TMP/evil.md" 2>/dev/null; then fail "no ESC byte from a crafted transcript in its Markdown debrief" "$(grep "$ESC" "$TMP/evil.md" | cat -v | head -3)"
else ok "no ESC byte from a crafted transcript in its Markdown debrief"; fi
jq '.turns = [range(0; 5000) | {n: ., speaker: 7, text: null, moves: "x"}]' "$TMP/m.json" >"$TMP/odd.json" 2>/dev/null
out=$(timeout 60 "$SALESIM" replay "$TMP/odd.json" 2>&1); rc=$?
if [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]; then ok "replay of a transcript with wrongly typed turns ends with 0 or 2 (was $rc)"; else fail "replay of wrongly typed turns: exit $rc" "$(tail -5 <<<"$out")"; fi

# --- input without end: bounded memory, the session still ends ---
/usr/bin/time -f '%M' -o "$TMP/rss" timeout 60 "$SALESIM" play "$SC" --script /dev/zero --seed 1 --transcript "$TMP/z.json" >/dev/null 2>"$TMP/z.err"; rc=$?
rss=$(tail -1 "$TMP/rss" 2>/dev/null)
if [ "$rc" -ne 124 ] && [ "${rss:-999999}" -lt 131072 ]; then ok "--script /dev/zero ends, peak RSS ${rss} KiB < 128 MiB"
else fail "--script /dev/zero ends with bounded memory (exit $rc, peak RSS ${rss:-?} KiB)" "$(tail -3 "$TMP/z.err")"; fi
/usr/bin/time -f '%M' -o "$TMP/rss" timeout 60 "$SALESIM" classify --lang zh - </dev/zero >/dev/null 2>&1; rc=$?
rss=$(tail -1 "$TMP/rss" 2>/dev/null)
if [ "$rc" -eq 0 ] && [ "${rss:-999999}" -lt 131072 ]; then ok "classify - </dev/zero ends, peak RSS ${rss} KiB < 128 MiB"
else fail "classify - </dev/zero ends with bounded memory (exit $rc, peak RSS ${rss:-?} KiB)"; fi
for c in "play /dev/zero" "test /dev/zero" "replay /dev/zero" "classify --scenario /dev/zero hello" "check /dev/zero"; do
  /usr/bin/time -f '%M' -o "$TMP/rss" timeout 60 "$SALESIM" $c </dev/null >/dev/null 2>"$TMP/zerr"; rc=$?
  rss=$(tail -1 "$TMP/rss" 2>/dev/null)
  if [ "$rc" -ge 1 ] && [ "$rc" -le 2 ] && [ "${rss:-999999}" -lt 131072 ] && grep -q '/dev/zero' "$TMP/zerr"; then
    ok "salesim $c: refused with a message naming it (exit $rc, ${rss} KiB)"
  else fail "salesim $c: refused with a message naming it (exit $rc, ${rss:-?} KiB)" "$(head -3 "$TMP/zerr")"; fi
done
{ yes '周处长您好,请问签到要花多少时间?' | head -n 1000; } >"$TMP/many.txt"
out=$("$SALESIM" play "$SC" --script "$TMP/many.txt" --seed 1 --json --transcript "$TMP/many.json" 2>/dev/null); rc=$?
expect_eq "a 1000-line script ends with exit 0" 0 "$rc"
check "a 1000-line script: the visit ends by itself or at the turn limit" \
  jq -e '(.turns | length) <= 200 and (.end_reason == "turn_limit" or .end_reason == "customer" or .end_reason == null)' "$TMP/many.json"

# --- CR-LF script (written on Windows) ---
printf '周处长您好\r\n辅导员每天签到要花多少时间?\r\n' >"$TMP/crlf.txt"
"$SALESIM" play "$SC" --script "$TMP/crlf.txt" --seed 1 --transcript "$TMP/crlf.json" >/dev/null 2>&1
check "CR-LF lines are stored without the CR" jq -e '.turns[0].text == "周处长您好"' "$TMP/crlf.json"

# --- output streams closed or full; transcript path unwritable ---
printf '周处长您好\n' >"$TMP/one.txt"
"$SALESIM" play "$SC" --script "$TMP/one.txt" --seed 1 --transcript "$TMP/full.json" >/dev/full 2>/dev/null; rc=$?
if [ "$rc" -le 2 ]; then ok "stdout on a full disk (/dev/full): no crash (exit $rc)"; else fail "stdout on /dev/full: exit $rc"; fi
check "stdout on a full disk: the transcript is saved" jq -e '(.turns | length) == 1' "$TMP/full.json"
"$SALESIM" play "$SC" --script "$TMP/one.txt" --seed 1 --transcript "$TMP/closed.json" >&- 2>&-; rc=$?
if [ "$rc" -le 2 ]; then ok "stdout and stderr closed: no crash (exit $rc)"; else fail "stdout and stderr closed: exit $rc"; fi
check "stdout and stderr closed: the transcript is saved" jq -e '(.turns | length) == 1' "$TMP/closed.json"
mkdir -p "$TMP/ro"; chmod 500 "$TMP/ro"
err=$("$SALESIM" play "$SC" --script "$TMP/one.txt" --seed 1 --transcript /proc/salesim/t.json 2>&1 >/dev/null); rc=$?
if [ "$rc" -le 2 ]; then ok "unwritable transcript path: no crash (exit $rc)"; else fail "unwritable transcript path: exit $rc" "$err"; fi
expect_contains "unwritable transcript path: the message names it" "$err" "/proc/salesim/t.json"

# --- SIGTERM and SIGHUP mid-session: the visit is cut off as by kill -9 (play-test 31a H4): its
# journal keeps the turns said so far, no document is written (nothing judged, nothing said in the
# customer's name), and replay rebuilds it as a visit that did not end ---
for sig in TERM HUP; do
  f=$TMP/sig-$sig.json; fifo=$TMP/fifo-$sig; mkfifo "$fifo"
  "$SALESIM" play "$SC" --seed 2 --transcript "$f" <"$fifo" >/dev/null 2>&1 &
  pid=$!
  exec 3>"$fifo"; printf '周处长您好\n辅导员每天签到要花多少时间?\n' >&3
  # during a visit the turns are in the journal (docs/performance.md); wait until both are there
  # (up to two minutes: under ASan on a loaded machine a session's start alone took over 30 s)
  for _ in $(seq 1 1200); do [ "$(grep -a -c '"record":"turn"' "$f.journal" 2>/dev/null)" = 2 ] && break; sleep 0.1; done
  expect_eq "SIG$sig: both turns are in the journal before the signal" 2 "$(grep -a -c '"record":"turn"' "$f.journal" 2>/dev/null)"
  kill -$sig $pid
  for _ in $(seq 1 300); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done   # a busy disk's fsync
  if kill -0 $pid 2>/dev/null; then fail "SIG$sig ends the session"; kill -KILL $pid; else ok "SIG$sig ends the session"; fi
  exec 3>&-; wait $pid 2>/dev/null
  if [ ! -e "$f" ]; then ok "SIG$sig: no transcript document is written"; else fail "SIG$sig: no transcript document is written" "$(head -c 300 "$f")"; fi
  expect_eq "SIG$sig: the journal keeps both turns" 2 "$(grep -a -c '"record":"turn"' "$f.journal" 2>/dev/null)"
  if grep -a -q '"record":"end"' "$f.journal" 2>/dev/null; then fail "SIG$sig: the journal has no end record"; else ok "SIG$sig: the journal has no end record"; fi
  out=$("$SALESIM" replay "$f" 2>&1)
  expect_contains "SIG$sig: replay rebuilds it as a visit that did not end" "$out" "its terminal closed"
done
# a NUL in a script's line is a space, not the end of the line (play-test 32d L5), in both languages
printf 'So the phones\0 eat her morning, right?\n\0\001\002 How many counsellors sign in each day?\n辅导员\0每天签到要花多少时间?\n' >"$TMP/nul.txt"
"$SALESIM" play scenarios/it-trial.yaml --script "$TMP/nul.txt" --seed 1 --transcript "$TMP/nul.json" >/dev/null 2>&1
expect_contains "a NUL inside a line keeps the words after it" "$(jq -r '.turns[0].text' "$TMP/nul.json")" "So the phones  eat her morning, right?"
expect_contains "a line that starts with a NUL and controls is still a turn" "$(jq -r '.turns[1].text' "$TMP/nul.json")" "How many counsellors sign in each day?"
"$SALESIM" play "$SC" --script "$TMP/nul.txt" --seed 1 --transcript "$TMP/nulzh.json" >/dev/null 2>&1
expect_contains "... and in a Chinese visit" "$(jq -r '.turns[2].text' "$TMP/nulzh.json")" "每天签到要花多少时间"
finish
