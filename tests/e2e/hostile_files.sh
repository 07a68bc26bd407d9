#!/usr/bin/env bash
# Hostile files from a careless or malicious scenario author (issue 13): escape sequences in
# scenario text, YAML keys and Lua errors reach no terminal; `check` compiles the behaviour
# script and confines behaviour paths; `replay` does not run a foreign scenario's Lua to rebuild
# a debrief; a transcript over the input cap; --seed refuses what is not a seed; a non-UTF-8 locale still reads Chinese.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
SC=scenarios/campus-platform.yaml
ESC=$'\033'
printf '周处长您好\n辅导员每天签到要花多少时间?\n' >"$TMP/lines.txt"
no_esc() {  # NAME TEXT
  if grep -q "$ESC" <<<"$2" || grep -q $'\xc2\x9b' <<<"$2" || grep -q $'\xe2\x80\xae' <<<"$2"; then
    fail "$1: no escape sequence or bidi override reaches the terminal" "$(cat -v <<<"$2" | grep -m3 -E '\^\[|M-B|M-b')"
  else ok "$1: no escape sequence or bidi override reaches the terminal"; fi
}

# --- escapes in scenario text, keys and Lua errors ---
mkdir -p "$TMP/esc"
sed -e 's/^title: \(.*\)$/title: "\\e]0;pwned\\a\\e[2J\1\\u202e"/' \
    -e 's/^  name: \(.*\)$/  name: "\\e[31m\1\\x9b"/' -e 's/^  role: \(.*\)$/  role: "\\e[5m\1"/' \
    "$SC" | grep -v '^behaviour:' >"$TMP/esc/s.yaml"
printf 'behaviour: b.lua\n' >>"$TMP/esc/s.yaml"
printf 'function on_turn() error("\\27[2J\\27]52;c;cHduZWQ=\\7 boom") end\n' >"$TMP/esc/b.lua"
grep -q '\\e' "$TMP/esc/s.yaml" && ok "the scenario carries escapes in its title, name and role" || fail "the fixture has escapes"
out=$("$SALESIM" play "$TMP/esc/s.yaml" --script "$TMP/lines.txt" --seed 1 --transcript "$TMP/esc/t.json" 2>&1)
no_esc "play (title, name, role, Lua error)" "$out"
expect_contains "play still shows the Lua error" "$out" "boom"
no_esc "the transcript's error event" "$(jq -r '.turns[].customer[]? | select(.kind == "error") | .text' "$TMP/esc/t.json")"
no_esc "list" "$("$SALESIM" list "$TMP/esc" 2>&1)"
no_esc "replay" "$("$SALESIM" replay "$TMP/esc/t.json" 2>&1)"
printf 'id: x\n"bad\\e[2Jkey": 1\n' >"$TMP/esc/keys.yaml"
no_esc "check (a YAML key with an escape)" "$("$SALESIM" check "$TMP/esc/keys.yaml" 2>&1)"
jq '.scenario.title = "\u001b[2Jt" | .scenario.customer = "\u001b]0;x\u0007c"' "$TMP/esc/t.json" >"$TMP/esc/evil.json"
no_esc "replay of a transcript with escapes in its scenario fields" "$("$SALESIM" replay "$TMP/esc/evil.json" 2>&1)"

# --- check compiles the behaviour script and confines its path ---
mkdir -p "$TMP/chk/sub" "$TMP/outside"
grep -v '^behaviour:' "$SC" >"$TMP/chk/base.yaml"
mk() { cp "$TMP/chk/base.yaml" "$TMP/chk/$1.yaml"; printf 'behaviour: %s\n' "$2" >>"$TMP/chk/$1.yaml"; }
printf 'function on_turn(\n  return true\nend\n' >"$TMP/chk/syntax.lua"; mk syntax syntax.lua
err=$("$SALESIM" check "$TMP/chk/syntax.yaml" 2>&1); rc=$?
expect_eq "check: a behaviour script with a syntax error fails (exit 1)" 1 "$rc"
expect_contains "check: the syntax error names the script and its line" "$err" "syntax.lua:2"
printf 'function on_turn() return true end\n' >"$TMP/chk/sub/ok.lua"; mk sub sub/ok.lua
check "check: a good script in a subfolder passes" "$SALESIM" check "$TMP/chk/sub.yaml"
mk passwd /etc/passwd
err=$("$SALESIM" check "$TMP/chk/passwd.yaml" 2>&1); rc=$?
expect_eq "check: behaviour: /etc/passwd is refused (exit 1)" 1 "$rc"
expect_contains "check: the refusal says the path is outside the scenario's folder" "$err" "outside the scenario's folder"
printf 'function on_turn() return true end\n' >"$TMP/outside/x.lua"; mk dotdot ../outside/x.lua
err=$("$SALESIM" check "$TMP/chk/dotdot.yaml" 2>&1); rc=$?
expect_eq "check: behaviour: ../outside/x.lua is refused (exit 1)" 1 "$rc"
ln -sf "$TMP/outside/x.lua" "$TMP/chk/link.lua"; mk link link.lua
err=$("$SALESIM" check "$TMP/chk/link.yaml" 2>&1); rc=$?
expect_eq "check: a link leading out of the folder is refused (exit 1)" 1 "$rc"
check "check --behaviour-anywhere accepts ../outside/x.lua" "$SALESIM" check --behaviour-anywhere "$TMP/chk/dotdot.yaml"
err=$("$SALESIM" play "$TMP/chk/passwd.yaml" --script "$TMP/lines.txt" 2>&1 >/dev/null); rc=$?
if [ "$rc" -ne 0 ] && [[ "$err" == *"outside the scenario's folder"* ]]; then ok "play refuses behaviour: /etc/passwd"; else fail "play refuses behaviour: /etc/passwd (exit $rc)" "$err"; fi

# --- replay without a debrief does not run a foreign scenario ---
mkdir -p "$TMP/elsewhere" "$TMP/tr"
grep -v '^behaviour:' "$SC" >"$TMP/elsewhere/s.yaml"; echo 'behaviour: b.lua' >>"$TMP/elsewhere/s.yaml"
printf 'function on_turn() customer.say_text("FOREIGN LUA RAN") return true end\n' >"$TMP/elsewhere/b.lua"
"$SALESIM" play "$TMP/elsewhere/s.yaml" --script "$TMP/lines.txt" --seed 1 --transcript "$TMP/tr/full.json" >/dev/null 2>&1
jq 'del(.debrief)' "$TMP/tr/full.json" >"$TMP/tr/nodeb.json"
out=$("$SALESIM" replay --json "$TMP/tr/nodeb.json" </dev/null 2>&1); rc=$?
if [ "$rc" -ne 0 ] && [[ "$out" == *"not run"* ]]; then ok "replay: a debrief is not rebuilt from a scenario elsewhere (exit $rc)"
else fail "replay: a debrief is not rebuilt from a scenario elsewhere (exit $rc)" "${out:0:600}"; fi
cp "$TMP/elsewhere/s.yaml" "$TMP/elsewhere/b.lua" "$TMP/tr/"
jq --arg f "$TMP/tr/s.yaml" 'del(.debrief) | .scenario.file = $f' "$TMP/tr/full.json" >"$TMP/tr/near.json"
check "replay: a scenario beside the transcript rebuilds the debrief" "$SALESIM" replay --json "$TMP/tr/near.json"
mkfifo "$TMP/tr/fifo.yaml"
jq --arg f "$TMP/tr/fifo.yaml" 'del(.debrief) | .scenario.file = $f' "$TMP/tr/full.json" >"$TMP/tr/fifo.json"
timeout 20 "$SALESIM" replay --json "$TMP/tr/fifo.json" </dev/null >/dev/null 2>&1; rc=$?
if [ "$rc" -ne 124 ] && [ "$rc" -ne 0 ]; then ok "replay: a FIFO named as the scenario is refused (exit $rc)"; else fail "replay: a FIFO named as the scenario is refused (exit $rc)"; fi

# --- --seed ---
for s in -1 99999999999999999999999 ' -5' 12x; do
  "$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed "$s" >/dev/null 2>&1; rc=$?
  expect_eq "play --seed '$s' is refused (exit 2)" 2 "$rc"
done
check "play --seed 18446744073709551615 is accepted" "$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 18446744073709551615 --json

# --- a non-UTF-8 locale: Chinese typed at the prompt still arrives whole ---
if command -v tmux >/dev/null; then
  SOCK=salesim-files-$$
  T=$TMP/loc.json
  tmux -L "$SOCK" -f /dev/null new-session -d -s t -x 100 -y 40 \
    "env LANG=C LC_ALL=C TERM=screen $SALESIM play $SC --seed 7 --transcript $T; sleep 30"
  for _ in $(seq 1 100); do tmux -L "$SOCK" capture-pane -p -t t | grep -q '>' && break; sleep 0.1; done
  tmux -L "$SOCK" send-keys -t t -l '周处长您好'; tmux -L "$SOCK" send-keys -t t Enter
  for _ in $(seq 1 100); do [ "$(jq -r '.turns | length' "$T" 2>/dev/null)" = 1 ] && break; sleep 0.1; done
  tmux -L "$SOCK" send-keys -t t C-d
  for _ in $(seq 1 50); do jq -e '.outcome' "$T" >/dev/null 2>&1 && break; sleep 0.1; done
  tmux -L "$SOCK" kill-server 2>/dev/null
  check "LANG=C: a Chinese line typed at the prompt is stored whole" jq -e '.turns[0].text == "周处长您好"' "$T"
else ok "LANG=C at a terminal # SKIP tmux is not installed"; fi
# --- standard output on a full disk: a failure, not exit 0 ---
"$SALESIM" play "$SC" --script "$TMP/lines.txt" --seed 1 --transcript "$TMP/f.json" >/dev/null 2>&1
for c in "list scenarios" "classify --lang en hello" "replay $TMP/f.json" "play $SC --script $TMP/lines.txt --json --transcript $TMP/f2.json"; do
  "$SALESIM" $c >/dev/full 2>"$TMP/full.err"; rc=$?
  if [ "$rc" -eq 1 ] && grep -q "standard output" "$TMP/full.err"; then ok "salesim ${c%% *} >/dev/full: exit 1 with a message"
  else fail "salesim ${c%% *} >/dev/full: exit 1 with a message (exit $rc)" "$(cat "$TMP/full.err")"; fi
done
# --- a transcript over the 32 MiB input cap: refused before it is read (a 1.5 GB one took 8 GB) ---
truncate -s 40M "$TMP/huge.json"
err=$(/usr/bin/time -f '%M' -o "$TMP/huge.rss" "$SALESIM" replay "$TMP/huge.json" 2>&1); rc=$?
expect_eq "replay of a 40 MB transcript: exit 2 with the cap" "2 salesim replay: $TMP/huge.json: file too large (over 33554432 bytes)" "$rc $err"
rss=$(tail -1 "$TMP/huge.rss")
cap=20480; [ -n "${SALESIM_SANITIZED:-}" ] && cap=40960   # ASan's own shadow memory: ~24 MB at rest
if [ "${rss:-999999}" -lt "$cap" ]; then ok "replay of a 40 MB transcript: nothing read (peak RSS $rss KiB)"
else fail "replay of a 40 MB transcript: nothing read (peak RSS ${rss:-?} KiB)"; fi
finish
