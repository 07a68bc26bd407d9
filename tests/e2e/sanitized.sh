#!/usr/bin/env bash
# The end-to-end paths under ASan+UBSan (build-san/salesim, from `make SAN=1`; `make test`
# builds it).  First every other shell suite in tests/e2e/ that runs the binary is run again
# with SALESIM_BIN set to the sanitizer build, its results passed through (valgrind suites
# excepted); then broken and hostile scenario files of
# every kind, the whole YAML test suite through `salesim check`, and hostile Lua behaviour.
# Every sanitizer report goes to a log file (ASAN_OPTIONS log_path), so a report that a suite's
# own redirections would hide still fails here.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
SALESIM=${SALESIM_BIN:-$PWD/build-san/salesim}
SC=scenarios/campus-platform.yaml
if [ ! -x "$SALESIM" ]; then fail "sanitizer build present" "no $SALESIM: run make SAN=1 (make test does)"; finish; exit; fi
# A private copy: a rebuild of build-san/ while these minutes of tests run cannot pull the binary
# from under them (shipped data comes from $SALESIM_DATA, not from beside the binary).
cp "$SALESIM" "$TMP/salesim-asan" && SALESIM=$TMP/salesim-asan
mkdir -p "$TMP/san"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86:log_path=$TMP/san/asan
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87:log_path=$TMP/san/ubsan
# no_reports WHAT: passes when no sanitizer wrote a report since the last call.
no_reports() {
  local files; files=$(find "$TMP/san" -type f 2>/dev/null)
  if [ -z "$files" ]; then ok "no sanitizer report: $1"; else
    fail "no sanitizer report: $1" "$(head -40 $files)"; mkdir -p "$TMP/seen"; mv $files "$TMP/seen/"; fi
}

# {=== the other e2e suites, with the sanitizer binary
for suite in tests/e2e/*.sh; do
  [ -n "${SANITIZED_OWN_ONLY:-}" ] && break   # SANITIZED_OWN_ONLY=1: only this file's checks
  base=$(basename "$suite" .sh)
  case $base in sanitized|valgrind|fuzz_regressions|*memcheck*) continue ;; esac
  grep -q 'SALESIM' "$suite" || continue      # a suite that never runs the binary
  out=$(SALESIM_BIN=$SALESIM SALESIM_SANITIZED=1 bash "$suite" 2>&1); rc=$?
  while IFS= read -r line; do
    case $line in
      "ok "*) ok "$base under ASan: ${line#ok * - }" ;;
      "not ok "*) fail "$base under ASan: ${line#not ok * - }" "$(grep -A8 -F "$line" <<<"$out" | tail -n +2 | head -8)" ;;
    esac
  done <<<"$out"
  if [ "$rc" -ne 0 ] && ! grep -q '^not ok' <<<"$out"; then fail "$base under ASan exits 0" "$(tail -20 <<<"$out")"; fi
  no_reports "$base"
done
# }===

# {=== the main paths directly (whatever the other suites do): play, replay, check, classify, test
printf '周处长您好,谢谢您抽时间。\n辅导员每天统计签到要花多少时间?\n/hint\n家长那边有没有什么让您担心的?\n还有什么我们没聊到的吗?\n能不能请信息中心李主任下周三下午三点来学生处会议室看四十分钟演示?\n' >"$TMP/visit.txt"
# run NAME EXPECTED CMD...: exit code as expected, EXPECTED being one code or several as "0|1"
# (a sanitizer report changes it to 86 or 87)
run() { local name=$1 want=$2; shift 2; "$@" >"$TMP/out" 2>"$TMP/err" </dev/null; local rc=$?
  if [[ "|$want|" == *"|$rc|"* ]]; then ok "ASan: $name"; else fail "ASan: $name (exit $rc, expected $want)" "$(head -20 "$TMP/err")"; fi; }
run "play --script with every debrief format and the gradebook" 0 "$SALESIM" play "$SC" --script "$TMP/visit.txt" \
  --seed 3 --trainee 小王 --gradebook "$TMP/gb.db" --transcript "$TMP/t.json" --markdown "$TMP/d.md" --html "$TMP/d.html"
run "play --json" 0 "$SALESIM" play "$SC" --script "$TMP/visit.txt" --seed 3 --json --transcript ""
run "replay" 0 "$SALESIM" replay "$TMP/t.json"
run "replay --json" 0 "$SALESIM" replay "$TMP/t.json" --json
run "check" 0 "$SALESIM" check "$SC"
run "classify zh" 0 "$SALESIM" classify --lang zh --json "能不能请信息中心的负责人下周三下午三点来看一次演示?"
run "classify en with a scenario" 0 "$SALESIM" classify --scenario scenarios/it-trial.yaml "Could your IT head join a demo next Wednesday at 3pm?"
# whether each playthrough passes is scenario_tests.sh's question; here: no sanitizer report
run "test every shipped scenario, with walks" "0|1" "$SALESIM" test scenarios --walks 5
run "report" 0 "$SALESIM" report "$TMP/gb.db" --format html -o "$TMP/r.html"
no_reports "the main paths"
# }===

# {=== broken scenario files of every kind: a positioned message, exit 1 (2 when unreadable)
# expect_check NAME EXIT FILE PATTERN: `salesim check FILE` exits EXIT and stderr matches PATTERN.
expect_check() {
  local err; err=$("$SALESIM" check "$3" 2>&1 >/dev/null); local rc=$?
  if [ "$rc" -eq "$2" ] && grep -qE -- "$4" <<<"$err"; then ok "check: $1"; else
    fail "check: $1 (exit $rc, expected $2)" "$(head -c 1500 <<<"$err")"; fi
}
f=$TMP/bad; mkdir -p "$f"
printf 'id: x\ntitle: [a, b\n' >"$f/syntax.yaml"
expect_check "YAML syntax error" 1 "$f/syntax.yaml" 'syntax.yaml:[0-9]+:[0-9]+: error: '
{ printf 'a: &x [1]\nb: '; for _ in $(seq 1 9); do printf '*x, '; done; printf '\n'; } >"$f/alias.yaml"
expect_check "aliases refused (billion laughs)" 1 "$f/alias.yaml" 'alias.yaml:[0-9]+:[0-9]+: error: '
{ printf 'id: '; for _ in $(seq 1 500); do printf '['; done; printf '\n'; } >"$f/deep.yaml"
expect_check "nesting 500 deep" 1 "$f/deep.yaml" 'deep.yaml:[0-9]+:[0-9]+: error: '
printf 'id: caf\xc3\nti\xfftle: x\n' >"$f/utf8.yaml"
expect_check "invalid UTF-8" 1 "$f/utf8.yaml" 'utf8.yaml:[0-9]+:[0-9]+: error: '
head -c 4096 /dev/urandom >"$f/binary.yaml"; printf '\0\0' >>"$f/binary.yaml"
expect_check "binary bytes" 1 "$f/binary.yaml" 'binary.yaml:[0-9]+:[0-9]+: error: '
: >"$f/empty.yaml"
expect_check "empty file" 1 "$f/empty.yaml" 'empty.yaml:[0-9]+:[0-9]+: error: .*empty'
printf -- '- a\n- b\n' >"$f/list.yaml"
expect_check "a list, not a mapping" 1 "$f/list.yaml" 'list.yaml:1:1: error: '
{ printf 'id: big\nbrief: "'; head -c $((5 << 20)) /dev/zero | tr '\0' 'a'; printf '"\n'; } >"$f/huge.yaml"
expect_check "a 5 MiB file" 1 "$f/huge.yaml" 'huge.yaml.*(large|big|size|MiB)'
{ printf 'id: many\nlines:\n  k:\n'; for i in $(seq 1 210000); do printf '    - %d\n' "$i"; done; } >"$f/nodes.yaml"
expect_check "more than 200,000 values" 1 "$f/nodes.yaml" 'nodes.yaml:[0-9]+:[0-9]+: error: '
printf 'id: two\n---\nid: docs\n' >"$f/docs.yaml"
expect_check "two documents" 1 "$f/docs.yaml" 'docs.yaml:[0-9]+:[0-9]+: error: '
printf 'id: a\nid: b\n' >"$f/dup.yaml"
expect_check "duplicate key" 1 "$f/dup.yaml" 'dup.yaml:2:1: error: '
expect_check "a directory" 2 "$f" 'bad'
expect_check "a missing file" 2 "$f/none.yaml" 'none.yaml'
sed 's/^difficulty: 2/difficulty: 9/; s/^  trust: 3/  trust: lots/; s/^language: zh/language: fr/' "$SC" >"$f/values.yaml"
err=$("$SALESIM" check "$f/values.yaml" 2>&1 >/dev/null)
expect_eq "check reports every wrong value, each positioned" 3 "$(grep -cE '^[^:]+values.yaml:[0-9]+:[0-9]+: error: ' <<<"$err")"
no_reports "broken scenario files"

# The public YAML test suite: no case is a scenario, so each is refused with a positioned error.
if [ -d ../shared/yaml-test-suite ]; then
  bad=0 n=0 first=
  while IFS= read -r y; do
    n=$((n + 1))
    err=$(timeout 20 "$SALESIM" check "$y" 2>&1 >/dev/null); rc=$?
    if [ "$rc" -ne 1 ] || ! grep -qE ':[0-9]+:[0-9]+: error: ' <<<"$err"; then
      bad=$((bad + 1)); [ -z "$first" ] && first="$y (exit $rc): $(head -c 600 <<<"$err")"
    fi
  done < <(find ../shared/yaml-test-suite -name '*.yaml' -type f | sort)
  expect_eq "all $n YAML test-suite files refused with a positioned error, none crashed" 0 "$bad"
  [ "$bad" -gt 0 ] && echo "# first: $first"
  no_reports "the YAML test suite"
else
  ok "YAML test suite # SKIP ../shared/yaml-test-suite is not here"
fi
# }===

# {=== hostile Lua behaviour: the process survives, the error is positioned, the transcript is kept
# with_behaviour NAME LUA: a copy of the default scenario whose behaviour is LUA.
with_behaviour() {
  mkdir -p "$TMP/lua"; printf '%s\n' "$2" >"$TMP/lua/$1.lua"
  grep -v '^behaviour:' "$SC" >"$TMP/lua/$1.yaml"; printf 'behaviour: %s.lua\n' "$1" >>"$TMP/lua/$1.yaml"
}
printf '周处长您好\n辅导员每天签到要花多少时间?\n能不能请信息中心李主任下周三下午三点来看演示?\n' >"$TMP/lines.txt"
play_hostile() {  # NAME LUA: plays three lines against it
  with_behaviour "$1" "$2"
  local out; out=$(timeout 120 "$SALESIM" play "$TMP/lua/$1.yaml" --script "$TMP/lines.txt" --seed 1 \
    --json --transcript "$TMP/lua/$1.json" 2>"$TMP/lua/$1.err"); local rc=$?
  if [ "$rc" -eq 0 ] && jq -e '.outcome' >/dev/null 2>&1 <<<"$out"; then ok "Lua $1: the session ends with a debrief"
  else fail "Lua $1: the session ends with a debrief (exit $rc)" "$(head -c 1500 "$TMP/lua/$1.err")"; fi
  check "Lua $1: the transcript keeps the three turns" jq -e '(.turns | length) == 3' "$TMP/lua/$1.json"
  if grep -qE "$1.lua:[0-9]+:" "$TMP/lua/$1.err"; then ok "Lua $1: the error names $1.lua:LINE"
  else fail "Lua $1: the error names $1.lua:LINE" "$(head -c 1500 "$TMP/lua/$1.err")"; fi
}
play_hostile loop_at_load 'while true do end'
play_hostile loop_in_turn 'function on_turn() while true do end end'
play_hostile memory_bomb 'function on_turn() local t = {} while true do t[#t + 1] = ("x"):rep(1 << 20) end end'
play_hostile pattern_bomb 'function on_turn() return string.find(("a"):rep(30000), ".-.-.-.-.-.-b$") end'
play_hostile deep_recursion 'local function f(n) return f(n + 1) + 1 end
function on_turn() return f(1) end'
play_hostile escape_attempt 'function on_turn() return os.execute("touch /tmp/salesim-pwned") end'
play_hostile pcall_swallow 'function on_turn() while true do pcall(function() while true do end end) end end'
play_hostile error_object 'function on_turn() error(setmetatable({}, {__tostring = function() while true do end end})) end'
[ -e /tmp/salesim-pwned ] && fail "no Lua script can reach os.execute" || ok "no Lua script can reach os.execute"
no_reports "hostile Lua behaviour"
# }===
finish
