#!/usr/bin/env bash
# Memcheck over the paths a user takes, with the normal build (valgrind and ASan do not mix):
# a full scripted session of the default scenario (terminal debrief, --json, Markdown, HTML,
# gradebook, transcript), replay of its transcript, `salesim check` on a good and a broken file,
# `salesim classify` on Chinese, English, hostile bytes and stdin, `salesim test` (with random
# walks), `salesim list` and the class report in each format.
# Each must show zero memcheck errors and no definite or indirect leak.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
BIN=$PWD/salesim
SC=scenarios/campus-platform.yaml
if ! command -v valgrind >/dev/null 2>&1; then ok "memcheck # SKIP valgrind is not installed (make test-deps)"; finish; exit; fi
[ -x "$BIN" ] || { fail "memcheck" "no $BIN: run make first"; finish; exit; }
# Valgrind 3.19 cannot read clang's DWARF 5 (`make CC=clang` also writes ./salesim): then check a
# copy without debug information (reports keep function names, lose file:line).
# A private copy either way, so a rebuild during these minutes cannot change the binary under test.
if readelf --debug-dump=info "$BIN" 2>/dev/null | grep -m1 DW_AT_producer | grep -q clang; then
  objcopy --strip-debug "$BIN" "$TMP/salesim" && BIN=$TMP/salesim && echo "# ./salesim was built by clang: checking a copy without debug information"
else
  cp "$BIN" "$TMP/salesim" && BIN=$TMP/salesim
fi

# vg NAME EXPECTED_EXIT [<INPUT] CMD...: runs salesim under memcheck; passes on the expected exit
# code and a clean report.  stdin comes from $VG_IN (default /dev/null).
vg() {
  local name=$1 want=$2; shift 2
  local log=$TMP/vg-$_n.log
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --track-origins=yes --num-callers=30 --log-file="$log" \
    "$BIN" "$@" <"${VG_IN:-/dev/null}" >"$TMP/vg.out" 2>"$TMP/vg.err"
  local rc=$?
  if [ "$rc" -eq "$want" ] && ! grep -qE 'Invalid|uninitialised|definitely lost|indirectly lost|Mismatched|overlap' "$log"; then
    ok "memcheck clean: $name"
  else
    fail "memcheck clean: $name (exit $rc, expected $want)" "$(head -60 "$log"; head -5 "$TMP/vg.err")"
  fi
}

cat >"$TMP/visit.txt" <<'L'
周处长您好,谢谢您今天又抽出半小时。
现在辅导员每天统计签到,大概要花多少时间?
/notes
也就是说签到全靠手工,占掉了辅导员大半个上午,对吗?
家长那边最近有没有什么让您担心的情况?
/hint
我们的平台扫码自动签到,缺勤会自动通知家长,报表一键生成。
在谈下一步之前,还有什么我们没聊到、您比较在意的吗?
总结一下:自动签到给辅导员省下上午的时间,家长第一时间知道孩子的出勤,报表也不用再手工汇总。
能不能请您邀请信息中心李主任和教务处陈处长,下周三下午三点在学生处会议室一起看四十分钟的演示?
/score
L

VG_IN=/dev/null vg "play --script, terminal debrief, Markdown, HTML, gradebook" 0 \
  play "$SC" --script "$TMP/visit.txt" --seed 4 --trainee 小林 --gradebook "$TMP/gb.db" \
  --transcript "$TMP/t.json" --markdown "$TMP/d.md" --html "$TMP/d.html"
expect_contains "the session under memcheck wrote its HTML debrief" "$(cat "$TMP/d.html" 2>/dev/null)" "<svg"
check "the session under memcheck saved its transcript with a debrief" jq -e '(.turns | length) == 8 and (.debrief.outcome | type) == "string"' "$TMP/t.json"
vg "play --json (second attempt, progress from the gradebook)" 0 \
  play "$SC" --script "$TMP/visit.txt" --seed 4 --trainee 小林 --gradebook "$TMP/gb.db" --json --transcript ""
check "the --json debrief under memcheck is one JSON document" jq -e .outcome "$TMP/vg.out"
VG_IN=$TMP/visit.txt vg "play from a pipe, /quit half-way" 0 play "$SC" --seed 9 --transcript ""
{ printf '周处长好\n'; printf 'bytes \x01\x7f\xff\xfe \033[2J\033]0;x\007\n'; head -c 300000 /dev/zero | tr '\0' 'x'; printf '\n/quit\n'; } >"$TMP/hostile.txt"
vg "play with hostile lines" 0 play "$SC" --script "$TMP/hostile.txt" --seed 2 --transcript "$TMP/h.json"
vg "replay of the transcript" 0 replay "$TMP/t.json"
vg "replay --json of the transcript" 0 replay "$TMP/t.json" --json
vg "check on the default scenario" 0 check "$SC"
cat >"$TMP/broken.yaml" <<'Y'
id: Broken Scenario
title: [unclosed
language: fr
Y
vg "check on a broken file" 1 check "$TMP/broken.yaml"
sed 's/^difficulty: 2/difficulty: nine/; s/^  trust: 3/  trust: high/' "$SC" >"$TMP/wrong.yaml"
vg "check on a scenario with wrong values" 1 check "$TMP/wrong.yaml"
vg "check on a missing file" 2 check "$TMP/none.yaml"
vg "classify a Chinese line" 0 classify --lang zh "能不能请信息中心的负责人下周三下午三点来看一次演示?"
vg "classify an English line as JSON" 0 classify --lang en --json "Could your IT head join a 30-minute demo next Wednesday at 3pm?"
vg "classify with the scenario's keywords" 0 classify --scenario "$SC" "自动签到能帮辅导员省下时间"
printf 'hello\n\xff\xfe\x01 bad bytes\n我们改天有空再聊\n' >"$TMP/lines.txt"
VG_IN=$TMP/lines.txt vg "classify lines from stdin" 0 classify --lang zh -
vg "test the default scenario's playthroughs" 0 test "$SC"
vg "test with random walks" 0 test "$SC" --walks 3
vg "check --vars" 0 check --vars "$SC"
vg "list the shipped scenarios" 0 list
vg "class report, text" 0 report "$TMP/gb.db"
vg "class report, CSV" 0 report "$TMP/gb.db" --format csv
vg "class report, HTML" 0 report "$TMP/gb.db" --format html -o "$TMP/r.html"
vg "class report of a file that is not a gradebook" 2 report "$TMP/visit.txt"
finish
