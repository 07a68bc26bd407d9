#!/usr/bin/env bash
# `salesim play` driven as a script or a pipe, `salesim replay`: the debrief JSON, exit codes,
# repeatability, hostile input, and that a killed session keeps every completed turn (journal).
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
SC=scenarios/campus-platform.yaml
EN=scenarios/it-trial.yaml
cat >"$TMP/zh.txt" <<'L'
王处长您好,上次聊得很愉快,今天想再听听您的想法。
现在辅导员统计签到主要靠什么方式?
所以手工签到太费时间,这是您最想解决的,对吗?
家长那边有没有反映过什么问题?
我们的平台可以自动签到,辅导员每天能省下一个多小时。
关于这个平台,还有什么我们没谈到的吗?
总结一下:自动签到帮辅导员省时间,家长端能实时看到孩子的情况,这两点正好解决您提到的问题。
您看能不能请教务处和信息中心的负责人下周三下午三点一起来看一次演示?
L

# --- the debrief JSON (DESIGN.md interface) ---
out=$("$SALESIM" play "$SC" --script "$TMP/zh.txt" --seed 3 --json --transcript "$TMP/a.json" 2>"$TMP/err"); rc=$?
expect_eq "play --script --json exits 0" 0 "$rc"
if jq -e . >/dev/null 2>&1 <<<"$out"; then ok "stdout is one JSON document"; else fail "stdout is one JSON document" "$out$(cat "$TMP/err")"; fi
check "debrief has the DESIGN.md fields" jq -e '
  (.scenario | type) == "string" and (.outcome | IN("order","advance","continuation","no_sale")) and
  (.score | type) == "number" and .score >= 0 and .score <= 100 and
  ([.skills | keys[]] | sort) == ["benefits","commitment","discovery","tactics"] and
  all(.skills[]; ((.score | type) == "number" or (.score == null and .shown == false)) and (.findings | type) == "array") and
  (.turns | type) == "array" and all(.turns[]; has("n") and has("speaker") and has("text") and has("moves"))' <<<"$out"
check "trainee turns carry their moves" jq -e '[.turns[] | select(.speaker == "trainee")] | length == 8' <<<"$out"
check "every finding names a rule and a turn" jq -e '[.skills[].findings[]] | length > 0 and all(.[]; (.rule | type) == "string" and (.turn | type) == "number")' <<<"$out"
check "transcript saved as versioned JSON" jq -e '.format == "salesim-transcript" and .version == 1 and (.turns | length) == 8 and (.debrief | type) == "object"' "$TMP/a.json"

# --- repeatable with --seed ---
"$SALESIM" play "$SC" --script "$TMP/zh.txt" --seed 3 --json --transcript "" 2>/dev/null | jq -S 'del(.started, .ended)' >"$TMP/r1"
"$SALESIM" play "$SC" --script "$TMP/zh.txt" --seed 3 --json --transcript "" 2>/dev/null | jq -S 'del(.started, .ended)' >"$TMP/r2"
if cmp -s "$TMP/r1" "$TMP/r2" && [ -s "$TMP/r1" ]; then ok "same seed, same session and debrief"; else fail "same seed, same debrief" "$(diff "$TMP/r1" "$TMP/r2" | head)"; fi

# --- a pipe is read like a script; the terminal debrief shows the outcome first ---
text=$(printf 'Hello Dana, thanks for making time.\n' | "$SALESIM" play "$EN" --seed 1 --transcript "" 2>&1); rc=$?
expect_eq "play from a pipe exits 0" 0 "$rc"
expect_contains "the brief is shown" "$text" "═══"
expect_contains "the trainee's piped line is shown" "$text" "You> Hello Dana"
first=$(printf '%s\n' "$text" | grep -n -E '║ +(Outcome|结果)' | head -1 | cut -d: -f1)
bars=$(printf '%s\n' "$text" | grep -n -E '█|░' | head -1 | cut -d: -f1)
if [ -n "$first" ] && [ -n "$bars" ] && [ "$first" -lt "$bars" ]; then ok "outcome comes before the skill bars"; else fail "outcome first" "$text"; fi

# --- exit codes ---
"$SALESIM" play >/dev/null 2>&1; expect_eq "play without a scenario: exit 2" 2 $?
"$SALESIM" play "$SC" --seed x >/dev/null 2>&1; expect_eq "bad --seed: exit 2" 2 $?
"$SALESIM" play "$TMP/nope.yaml" >/dev/null 2>"$TMP/err"; expect_eq "missing scenario: exit 2" 2 $?
expect_contains "missing scenario names the file" "$(cat "$TMP/err")" "nope.yaml"
"$SALESIM" play "$SC" --script "$TMP/none.txt" >/dev/null 2>&1; expect_eq "missing script: exit 2" 2 $?
printf 'id: [broken\n' >"$TMP/broken.yaml"
"$SALESIM" play "$TMP/broken.yaml" </dev/null >/dev/null 2>"$TMP/err"; expect_eq "broken scenario: exit 2" 2 $?
if grep -qE "broken.yaml:[0-9]+:[0-9]+: error:" "$TMP/err"; then ok "broken scenario: positioned error"; else fail "broken scenario: positioned error" "$(cat "$TMP/err")"; fi
"$SALESIM" play campus-platform --script "$TMP/zh.txt" --seed 1 --transcript "" >/dev/null 2>&1
expect_eq "a shipped scenario by id" 0 $?

# --- hostile lines: binary, invalid UTF-8, terminal escapes, a 1 MiB line, EOF mid-line ---
{ printf 'hello \x01\x02\x7f\xff\xfe world\n'; printf '\033]0;owned\007\033[2J\033[31mred\n';
  head -c 1048576 /dev/zero | tr '\0' 'a'; printf '\n'; printf 'no newline at the end'; } >"$TMP/hostile.txt"
out=$("$SALESIM" play "$EN" --script "$TMP/hostile.txt" --seed 1 --transcript "$TMP/h.json" 2>&1); rc=$?
expect_eq "hostile lines: exit 0" 0 "$rc"
if printf '%s' "$out" | grep -q $'\e'; then fail "no escape byte reaches the terminal" "$(printf '%s' "$out" | grep $'\e' | cat -v | head -3)"; else ok "no escape byte reaches the terminal"; fi
expect_contains "a 1 MiB line gets a clear message" "$out" "fewer words"
check "the transcript survives hostile lines" jq -e '(.turns | length) == 3 and (.turns[2].text == "no newline at the end")' "$TMP/h.json"
check "invalid bytes are stored as U+FFFD" jq -e '.turns[0].text | contains("\ufffd")' "$TMP/h.json"

# --- killed mid-session: every completed turn is in the journal; replay rebuilds the debrief ---
head -n 3 "$TMP/zh.txt" >"$TMP/k3.txt"
( cat "$TMP/k3.txt"; sleep 30 ) | "$SALESIM" play "$SC" --seed 5 --transcript "$TMP/k.json" >/dev/null 2>&1 &
pid=$!
records() { tr -d '\0' <"$1" 2>/dev/null | grep -c '^{'; }
for _ in $(seq 1 100); do [ "$(records "$TMP/k.json.journal")" = 4 ] && break; sleep 0.1; done
kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
expect_eq "SIGKILL mid-visit: the journal holds the start and the 3 turns" 4 "$(records "$TMP/k.json.journal")"
if [ ! -e "$TMP/k.json" ]; then ok "no transcript document before the visit ends"; else fail "no document yet"; fi
out=$("$SALESIM" replay "$TMP/k.json" --json 2>"$TMP/err"); rc=$?
expect_eq "replay of a killed visit (by its transcript name) exits 0" 0 "$rc"
expect_contains "replay says it read the journal of a visit that did not end" "$(cat "$TMP/err")" "k.json.journal is the journal of a visit that did not end (3 turns)"
check "replay recovers every completed turn" jq -e --rawfile want "$TMP/k3.txt" \
  '[.turns[] | select(.speaker == "trainee") | .text] == ($want | rtrimstr("\n") | split("\n"))' <<<"$out"
check "replay rebuilds the debrief, ended by a killed program (not a Ctrl-C)" jq -e '.outcome and .ended_by == "killed"' <<<"$out"
expect_contains "... and says so in the journal's note" "$(cat "$TMP/err")" "its program was stopped (killed, its terminal closed, or the machine went down)"
out=$("$SALESIM" replay "$TMP/k.json" --lang en 2>/dev/null | tr -s ' \n' '  ')
expect_contains "the replayed debrief says the program was stopped" "$out" "the program was stopped mid-visit (killed, its terminal closed, or the machine went down)"
if grep -q "Ctrl-C" <<<"$out"; then fail "... and not that the trainee pressed Ctrl-C" "$(grep Ctrl-C <<<"$out")"; else ok "... and not that the trainee pressed Ctrl-C"; fi
out=$("$SALESIM" replay "$TMP/k.json" --json 2>/dev/null)
out2=$("$SALESIM" replay "$TMP/k.json.journal" --json 2>/dev/null)
expect_eq "replay of the journal by its own name gives the same debrief, ended at the journal's last write" "$out" "$out2"
# the process died inside a write: the last record is cut short
{ tr -d '\0' <"$TMP/k.json.journal"; printf '{"record":"turn","hints_used":0,"turn":{"text":"我们的'; } >"$TMP/torn.journal"
out=$("$SALESIM" replay "$TMP/torn.journal" --json 2>"$TMP/err"); rc=$?
expect_eq "replay of a journal with a torn last record exits 0" 0 "$rc"
expect_contains "the torn record is named with its line" "$(cat "$TMP/err")" "torn.journal:5:1: warning: the last record is cut short"
check "the turns before the torn record are kept" jq -e '[.turns[] | select(.speaker == "trainee")] | length == 3' <<<"$out"
printf 'not a journal\n' >"$TMP/nj.journal"
"$SALESIM" replay "$TMP/nj.journal" >/dev/null 2>"$TMP/err"; expect_eq "replay of a file that is neither: exit 2" 2 $?
out=$("$SALESIM" replay "$TMP/a.json" 2>&1)
expect_contains "replay shows the trainee's lines" "$out" "你> 现在辅导员统计签到主要靠什么方式"
printf '{"format": "salesim-transcript", ' >"$TMP/bad.json"
"$SALESIM" replay "$TMP/bad.json" >/dev/null 2>"$TMP/err"; expect_eq "replay of a broken file: exit 2" 2 $?
if grep -qE "bad.json:[0-9]+:[0-9]+: error:" "$TMP/err"; then ok "replay of a broken file: positioned error"; else fail "replay positioned error" "$(cat "$TMP/err")"; fi

# --- slash commands (they work from a script too) and --lang ---
printf '%s\n' /help /brief /hint '现在辅导员统计签到主要靠什么方式?' /notes /score /restart y \
  '家长那边有没有反映过什么问题?' /nonsense /quit >"$TMP/slash.txt"
out=$("$SALESIM" play "$SC" --script "$TMP/slash.txt" --seed 3 --transcript "$TMP/s.json" 2>&1); rc=$?
expect_eq "slash commands: exit 0" 0 "$rc"
expect_contains "/help keeps its columns" "$out" "/restart  重新开始这次拜访"
expect_eq "/brief shows the brief again" 2 "$(grep -c '═══ 校园学生管理平台' <<<"$out")"
# the scenario's own hints come first (issue 15); its first one coaches discovery
expect_contains "/hint coaches discovery first" "$out" "提示: 先别急着讲功能。问问她的辅导员"
expect_contains "/notes lists the voiced need" "$out" "[已说出] 辅导员每天早上"
expect_contains "/score names the skills in the session's language" "$out" "如果现在结束："
# one figure mid-visit, what leaving now scores, and why it may be low: "目前得分: 40" beside "如果现在
# 结束：0 分" read as two scores (play-test 30b #13)
if [[ "$out" != *"目前得分"* ]]; then ok "/score mid-visit: one score, no 'score so far' beside it"
else fail "/score mid-visit: one score, no 'score so far' beside it" "$out"; fi
expect_contains "/score mid-visit: the note says what is judged at the end" "$out" "这些都还来得及"
expect_contains "/score: Chinese skill names" "$out" "行动承诺"
expect_contains "/score: a skill without evidence is not shown, not 50" "$out" "促单策略 未体现"
expect_contains "/restart starts again" "$out" "拜访重新开始。"
expect_contains "an unknown command is named" "$out" "没有 /nonsense 这个命令"
# /restart asks first and keeps the first attempt; the new one has its own transcript (issue 15)
check "/restart keeps the first attempt's transcript" jq -e '(.turns | length) == 1 and (.turns[0].text | startswith("现在")) and .ended_by == "quit"' "$TMP/s.json"
check "after /restart the new transcript holds only the new visit" jq -e '(.turns | length) == 1 and (.turns[0].text | startswith("家长")) and .ended_by == "quit"' "$TMP/s-attempt2.json"
# a line for the customer typed at the restart question is neither a yes nor lost: the visit goes on
# with it (found in play: "/restart", then "Hi Dana, how are things on the floor?" vanished); a
# line that begins with y is no yes
printf '%s\n' /restart '你好老师,最近学生考勤怎么管的?' /restart 'yesterday the dean called, right?' /restart 好的 >"$TMP/restart-line.txt"
out=$("$SALESIM" play "$SC" --script "$TMP/restart-line.txt" --seed 3 --transcript "$TMP/rl.json" 2>&1)
expect_eq "a line at the restart question: the visit goes on, twice" 2 "$(grep -c '^拜访继续。' <<<"$out")"
expect_contains "... and the restart after 好的" "$out" "拜访重新开始。"
check "... the line typed at the question is a turn of the visit" jq -e '(.turns | length) == 2 and (.turns[0].text | startswith("你好老师")) and (.turns[1].text | startswith("yesterday"))' "$TMP/rl.json"
out=$(printf '/help\n' | "$SALESIM" play "$SC" --lang en --seed 3 --transcript "" 2>&1)
expect_contains "--lang en: English interface on a Chinese scenario" "$out" "/restart  start the visit again"
expect_contains "--lang en: English debrief" "$out" "Outcome:"
"$SALESIM" play "$SC" --lang fr </dev/null >/dev/null 2>&1; expect_eq "--lang fr: exit 2" 2 $?

# --- Markdown and HTML debriefs ---
"$SALESIM" play "$SC" --script "$TMP/zh.txt" --seed 3 --transcript "" --markdown "$TMP/d.md" --html "$TMP/d.html" >/dev/null 2>&1
expect_contains "Markdown debrief written" "$(cat "$TMP/d.md" 2>/dev/null)" "#"
expect_contains "HTML debrief has an SVG chart" "$(cat "$TMP/d.html" 2>/dev/null)" "<svg"

# --- a line in the other language: one note, in the interface's language, once a visit ---
printf '老师好,我是学工通的小王。\nWhat would you like the platform to do for you?\nAnd who else decides?\n我们的CRM接口能对接吗?\n' >"$TMP/other.txt"
out=$("$SALESIM" play "$SC" --script "$TMP/other.txt" --seed 3 --transcript "" 2>&1)
expect_contains "an English line in a Chinese visit: the note" "$out" "这位客户说中文"
expect_eq "... once a visit" 1 "$(printf '%s\n' "$out" | grep -c '这位客户说中文')"
out=$(printf '老师好,我是学工通的小王。\n我们的CRM接口能对接吗?\n' | "$SALESIM" play "$SC" --seed 3 --transcript "" 2>&1)
if [[ "$out" != *"这位客户说中文"* ]]; then ok "a Chinese line with a Latin word: no note"; else fail "a Chinese line with a Latin word: no note" "$out"; fi
out=$(printf 'Hi Dana.\n您好,我想了解一下你们的仓库。\n' | "$SALESIM" play scenarios/it-trial.yaml --seed 3 --transcript "" 2>&1)
expect_contains "a Chinese line in an English visit: the note in English" "$out" "this customer speaks English"
# a name in the other script does not hide the language (play-test 29b F7: "Helen您好,..." went unnoted)
out=$(printf 'Dana您好,你们仓库现在用什么系统监控扫描枪?\n' | "$SALESIM" play scenarios/it-trial.yaml --seed 3 --transcript "" 2>&1)
expect_contains "a Chinese line that names Dana: the note" "$out" "this customer speaks English"
out=$(printf 'Hi 周处长, how are you doing today?\n' | "$SALESIM" play "$SC" --seed 3 --transcript "" 2>&1)
expect_contains "an English line that names 周处长: the note" "$out" "这位客户说中文"
# a line to try is said to the customer, so in her language whatever the interface's (play-tests
# 29a #9, 29b F7: "周处长, besides you, who else will have a say ...")
printf '%s\n' "Hello, I would like to show you our platform today." "Could you sign the contract this week?" >"$TMP/en-on-zh.txt"
"$SALESIM" play "$SC" --lang en --script "$TMP/en-on-zh.txt" --seed 3 --transcript "$TMP/en-on-zh.json" >/dev/null 2>&1
"$SALESIM" replay "$TMP/en-on-zh.json" --lang en --json >"$TMP/en-on-zh-debrief.json" 2>/dev/null
check "--lang en on a Chinese scenario: every line to try is Chinese, with no English sentence in it" \
  jq -e '[.skills[].findings[].better | select(. != "")] | length > 0 and all(test("\\p{Han}") and (test("[A-Za-z]{3,} [A-Za-z]{3,}") | not))' "$TMP/en-on-zh-debrief.json"
# /score mid-visit says what leaving now would score: the rules about the visit as a whole (an
# ask every visit: -40 without one) wait for its end, so "so far 75" then a quit at 18 read as a
# contradiction (play-test 8); the figure it gives is the one /quit then scores
printf '%s\n' "Hi Dana, how are you doing?" "How are you monitoring the scanners right now?" \
  "Who else would need to sign off?" /score /quit >"$TMP/score-now.txt"
out=$("$SALESIM" play scenarios/it-trial.yaml --script "$TMP/score-now.txt" --seed 6 --transcript "$TMP/score-now.json" --no-color 2>&1)
left=$(sed -n 's/.*If you left now: \([0-9]*\)  (.*/\1/p' <<<"$out")
final=$(jq -r '.debrief.score' "$TMP/score-now.json")
if [ -n "$left" ] && [ "$left" = "$final" ]; then ok "/score: 'if you left now' is the score /quit gives ($left)"
else fail "/score: 'if you left now' is the score /quit gives" "left=$left final=$final"; fi
# the parting line fits the outcome (play-test 8): "Good. Let's see what happens next." ended a
# no sale at trust 1 (it-b, seed 2) and a visit right after a refusal (it-c, seed 1)
printf '%s\n' "hi dana, beacon is the best monitoring platform on the market, it has AI-driven anomaly detection, 500+ integrations and a beautiful dashboard" \
  "it also does synthetic checks, log aggregation and has a mobile app" "so what do you think?" \
  "we're running a promo this month, 30% off if you sign before friday" \
  "honestly everyone in logistics is switching to us, you don't want to be left behind" \
  "ok so can we get the contract signed today?" "what would it take to get you on board?" \
  "fine, how about 40% off then" >"$TMP/lost.txt"
"$SALESIM" play scenarios/it-trial.yaml --script "$TMP/lost.txt" --seed 2 --transcript "$TMP/lost.json" >/dev/null 2>&1
check "a no sale on trust: outcome no_sale" jq -e '.debrief.outcome == "no_sale"' "$TMP/lost.json"
# (the parting line: the closing's, or the last turn's when the visit ended in it, as it does once
# a reaction took her trust to nothing the turn before: play-test 25)
check "a no sale on trust: the goodbye is no 'let's see what happens next'" \
  jq -e '[(.turns[-1].customer[] | select(.kind == "say") | .text), (.closing[] | select(.kind == "say") | .text)]
         | length > 0 and all(test("what happens next") | not)' "$TMP/lost.json"
printf '%s\n' "morning dana, hows the week going" "so what made you take the call after the scanner thing?" \
  "how do u monitor stuff right now?" "200 emails a day, wow. so the one that mattered got lost?" \
  "ok. what does your team look like, who would actually run a tool like this?" \
  "right, makes sense. who else gets a say on buying something like this" "what would the CFO want to see?" \
  "how much does it cost?" \
  "Pricing depends on the number of devices, for three warehouses and 40 servers it would be around 1,500 a month, and a trial costs nothing." \
  "what worries you most about trying it?" "fair enough. we do the whole install ourselves, your engineer just joins a one hour call" \
  "can we pencil in a trial at one warehouse starting next tuesday, with Marcus on the kickoff call?" >"$TMP/refused.txt"
# (no benefit line for the outage: with it and the install answered, two gains, one for a need she
# confirmed, accept the value and the trial is given, play-test 29e F2; this visit is about a no)
"$SALESIM" play scenarios/it-trial.yaml --script "$TMP/refused.txt" --seed 1 --transcript "$TMP/refused.json" >/dev/null 2>&1
check "after a refusal: a refusal, nothing given" jq -e '[.turns[].customer[] | select(.kind == "refuse")] | length > 0' "$TMP/refused.json"
check "after a refusal: the scenario's goodbye_refused, not 'let's see what happens next'" \
  jq -e '[.closing[] | select(.kind == "say") | .text] | length > 0 and all(test("what happens next") | not) and any(test("in writing|Thanks for coming by"))' "$TMP/refused.json"
# a rung's condition in the debrief reads as words, not Lua (play-test 13: "engine wording")
# (a value line first: with none, the debrief says the referral came before any value instead)
printf '%s\n' "hey maria! by now the filter must be saving you a fortune on bottled water" \
  "do you know anyone who might want one?" >"$TMP/cond.txt"
out=$("$SALESIM" play scenarios/referral-follow-up.yaml --script "$TMP/cond.txt" --seed 1 --transcript '' --full --no-color 2>&1)
# (in plain words: her answer, not the trainer's condition, play-test 28a F11)
expect_contains "an unrealistic ask: why, in her words" "$(tr -s ' \n' '  ' <<<"$out")" 'before the customer was ready (the customer said: "'
if grep -q 'trust ≥ 6' <<<"$out"; then fail "an unrealistic ask: no condition as the trainer wrote it" "$(grep -m1 'trust ≥' <<<"$out")"
else ok "an unrealistic ask: no condition as the trainer wrote it"; fi
if grep -q 'light_fixed' <<<"$out"; then fail "an unrealistic ask: no Lua in the debrief" "$(grep light_fixed <<<"$out" | head -2)"
else ok "an unrealistic ask: no Lua in the debrief"; fi
# a need she named herself, unasked, came out: no "no need came out" (play-test 13)
printf '%s\n' "what about your sister? give me her number and i'll call her" \
  "come on it's just a phone number, i'm trying to hit my target this month haha" >>"$TMP/cond.txt"
out=$("$SALESIM" play scenarios/referral-follow-up.yaml --script "$TMP/cond.txt" --seed 1 --transcript '' --full --no-color 2>&1)
# (named as a need, with her own line: not a keyword quoted as her words, play-test 27; and only a
# need she revealed, play-test 31c H3: "light", named in a refusal of hers but never revealed, gave
# way to "coffee", which she told)
expect_contains "no discovery: the need she named unasked is said" "$out" 'The customer touched on the need "coffee" without being asked ("The coffee'
if grep -q 'The customer mentioned "' <<<"$out"; then fail "no discovery: no keyword quoted as her words" ""
else ok "no discovery: no keyword quoted as her words"; fi
if grep -q "No need of the customer's came out" <<<"$out"; then fail "no discovery: not 'no need came out'" ""
else ok "no discovery: not 'no need came out'"; fi
# she said what she cares about in words that name no need ("我现在关心的是它能不能真的减轻辅导员的
# 负担。"): the finding says no question brought a need out, not that she voiced none (play-test 28b #4)
printf '%s\n' "有的有的！我们新版本加了好多功能，扫码签到、请假审批、宿舍管理、心理测评、数据大屏，功能特别全" \
  "关系很大啊，您们学校两万多学生，用了肯定效率提高很多，而且我们价格也很优惠的" \
  "好嘞，那我先不打扰您了，谢谢周处长" >"$TMP/nodisc.txt"
out=$("$SALESIM" play scenarios/campus-platform.yaml --script "$TMP/nodisc.txt" --seed 5 --transcript '' --full --no-color 2>&1)
expect_contains "no discovery (zh): her worry was said; the finding is about the questions" "$out" "你没有用提问问出客户的需求，也没有确认过任何需求"
if grep -q "客户没有说出任何需求" <<<"$out"; then fail "no discovery (zh): not 'she voiced no need'" ""
else ok "no discovery (zh): not 'she voiced no need'"; fi
# the trainee took his leave with her trust at 1/10: the reason and the -20 say so, not "the customer
# ended the visit" beside "you said goodbye" (play-test 28b #3; its "价格也很优惠的" praises the price
# and is no discount since cls_late_price_praised, so a real one stands in its place)
printf '%s\n' "有的有的！我们新版本加了好多功能，扫码签到、请假审批、奖助学金评定、宿舍管理、心理测评、数据大屏，还能对接教务系统和一卡通，功能特别全，在全国一百多所高校都在用" \
  "关系很大啊，您们学校两万多学生，用了肯定效率提高很多，而且我们现在还能给您打九折" \
  "肯定能的，那周处长要不咱们这个月就把合同签了吧，现在签还有折扣" \
  "好的好的，那我再给您介绍下我们的數據大屏，領導看數據特別直觀" \
  "大屏可以显示全校学生的实时状态，各种图表都有，校领导来视察的时候很有面子的" \
  "反正就是挺好用的，您回去考虑一下吧，有需要随时联系我" \
  "好嘞，那我先不打扰您了，谢谢周处长" >"$TMP/leftcold.txt"
out=$("$SALESIM" play scenarios/campus-platform.yaml --script "$TMP/leftcold.txt" --seed 5 --transcript '' --full --no-color 2>&1)
expect_contains "trust lost at the trainee's goodbye: the reason says he left, with the trust" "$out" "你告辞时，客户对你的信任只剩 1/10：客户没有答应任何事"
expect_contains "... and so does the finding" "$out" "你告辞时，客户对你的信任只剩 1/10：信任丢得太多"
if grep -q "客户结束了这次拜访" <<<"$out"; then fail "... never 'the customer ended the visit'" ""
else ok "... never 'the customer ended the visit'"; fi
# in a campaign, a later visit's summary covers the needs confirmed in that visit: one confirmed
# only in an earlier visit (the nurses, visit 1) need not be repeated for the vice-president's
# briefing (play-test 31b M4; play-test 28b #8 had charged it, naming the visit)
out=$("$SALESIM" play scenarios/hospital-campaign.yaml --script tests/data/play/campaign-summary-earlier.txt --seed 2 --transcript '' --full --no-color 2>&1)
if grep -q "漏掉了" <<<"$(tr -d ' \n' <<<"$out")"; then fail "summary in visit 2: a need confirmed only in visit 1 is not charged" "$out"
else ok "summary in visit 2: a need confirmed only in visit 1 is not charged"; fi
expect_eq "... and visit 2's summary is tied to the needs, as visit 1's" "2" "$(tr -d ' \n' <<<"$out" | grep -o "把利益和客户确认的需求对应了起来" | wc -l)"
# the objection list: a worry raised as the customer ended the visit had no turn left to answer
# it; a lawyer threat that names the worry answers nothing (play-test 31b M6).  The total is
# explained from the skills shown and their weights (M5)
out=$("$SALESIM" play scenarios/campus-platform.yaml --script tests/data/play/pt31b-v5-pushy.txt --seed 315 --transcript '' --full --no-color 2>&1)
expect_contains "objection raised as the visit ended: said so" "$(tr -d ' \n' <<<"$out")" "（第6轮提出，客户随即结束了拜访）"
out=$("$SALESIM" play scenarios/payment-collection.yaml --script tests/data/play/pt31b-v7-threat.txt --seed 317 --transcript '' --full --no-color 2>&1)
expect_contains "a threat answers no objection" "$(tr -d ' \n' <<<"$out")" "（第1轮提出，没有回应）"
expect_contains "the total explained, the skill not shown named" "$(tr -d ' \n' <<<"$out")" "(行动承诺45×40+促单策略10×20+需求发现30×15)÷75≈33（×后面是各项的权重）；未体现的技能（利益总结）不计入。"
# replay shows a campaign as play does: the step she agreed to and the next visit's heading
# (play-test 28c #11: visit 1's goodbye ran straight into visit 2's greeting)
"$SALESIM" play scenarios/hospital-campaign.yaml --script tests/data/play/campaign-summary-earlier.txt --seed 2 --transcript "$TMP/camp.json" >/dev/null 2>&1
out=$("$SALESIM" replay "$TMP/camp.json" --no-color 2>&1)
expect_contains "replay: the step she agreed to" "$(tr -d ' \n' <<<"$out")" "(赵主任答应了:赵主任把智慧病房项目报进明年的信息化预算)"
expect_contains "replay: the next visit's heading" "$out" "下一次拜访 2"
# "what do you think?" asks her view, not a step: the no-ask finding quotes it (play-test 15)
printf '%s\n' "they're hand glazed, numbered, every set is unique" "so what do you think?" >"$TMP/opinion.txt"
"$SALESIM" play scenarios/tableware-limited-run.yaml --script "$TMP/opinion.txt" --seed 1 --transcript "$TMP/opinion.json" >/dev/null 2>&1
out=$(jq -r '.. | strings' "$TMP/opinion.json")
expect_contains "no ask: the opinion question is quoted as no step" "$out" '"so what do you think?" asked what they thought, not for a step'
# the worry behind a refusal answered, the ask again is still early: the debrief says what is
# missing, not "nothing had changed since" (play-test 20)
printf '%s\n' "Hi Dana, could we start a two-week trial at Reno on Monday with Marcus on the setup call?" \
  "Setup is on us: our engineer wires it up remotely in half a day, and Marcus only joins one call." \
  "So can we start the two-week trial at Reno on Monday with Marcus?" >"$TMP/reopened.txt"
out=$("$SALESIM" play scenarios/it-trial.yaml --script "$TMP/reopened.txt" --seed 1 --transcript '' --full --no-color 2>&1 | sed -n '/ Turn 3 /,/ Turn 4 \|^Think/p')
expect_contains "asked again after the worry was answered: what is still missing" "$out" "value not yet accepted"
if grep -q "nothing had changed" <<<"$out"; then fail "asked again after the worry was answered: not 'nothing had changed'" "$out"
else ok "asked again after the worry was answered: not 'nothing had changed'"; fi
# --- a campaign's turns count on across its visits (one number per line, as the transcript and the
# debrief's "see turn N" give them): each new visit says where it starts, and the first screen's
# items name their visit ("第 17 轮" was turn 4 of visit 2, and nowhere to be found: play-test 30b #14) ---
cat >"$TMP/camp.txt" <<'EOT'
赵主任早,辛苦了刚开完会。今天主要想听您讲讲,现在病房这块护士那边最常反映的问题是什么?
四十张床两个人,确实紧。那夜里有没有出过输液没人及时换、回血之类的情况?
那就是说,夜班人少,输液快完的时候没办法及时知道,已经出过一次投诉了。这个是您现在最想先解决的,我理解得对吗
除了输液这块,您信息中心自己这边呢,上新系统的时候最担心啥?
明白,接口是硬杠杠。您说的接不上,主要是怕要HIS厂家改代码,还是怕数据同步不稳定?
所以新系统必须跟HIS对接顺,护士不用两边录数据,不然又是白上。这点对吧?
还有个问题想请教,这个项目要进明年预算的话,除了您这边,院里还有谁会参与意见?护理部会不会也要表态
好的。那针对您说的两点:我们的输液监测,每个输液架上挂个小称重器,快输完的时候护士站大屏和护士手机同时报警,夜班两个人也不会漏,像上次那种空了十几分钟的事可以避免。
接口这块,我们跟市里四家医院的HIS都对接过,包括你们用的这个厂家的版本,医嘱和床位数据自动同步,护士不用两头录
在说下一步之前,您看还有什么顾虑我们没聊到的吗?比如预算方面
那我总结下:夜班输液快完系统自动报警,不再靠病人按铃,投诉的事能避免;跟你们的HIS直接对接,护士不用两边录,不会像移动查房那样用半年就停。是这两点吧
那想请您帮忙,把智慧病房这个项目报进明年的信息化预算里。预算申报是月底截止吧?我这周五之前把项目概算和两家医院的案例材料发您邮箱,您看行吗
赵主任好。上次您把项目报进预算了,谢谢!今天想问问,孙副院长那边看项目,一般最看重哪些方面?
评审加分您指的是三甲复审还是智慧医院分级评价?明年有没有具体的时间节点
明白了,那就是说孙院长要看两点:一是明年智慧医院评级护理这块不能空着扣分,二是投了钱要有数据能拿出来讲。我理解的对不对?
那汇报之前,您自己这边对立项还有什么担心的吗
ok. 护理这块,我们在省人医做的就是智慧病房,去年评审护理信息化那项拿了满分;数据方面系统自带运营报表,呼叫响应时间、输液报警处理时长每月都能出,孙院长要看效果直接拿这个
那就请您帮忙约一下孙副院长,下周二或者周四上午,给我二十分钟,我把评级加分和数据报表这两块讲清楚,您也一起在场,可以吗?
赵主任,立项的事多亏您了。招标这块,参数是您这边起草吗?您最怕招进来个什么样的系统?
那写参数的时候,您最担心的是啥?怕低价的进来?
就是说参数里要把两条卡死:一是输液实时监测报警,二是和现有HIS的对接,最好要求投标方提供同版本HIS的对接案例。是这意思吧
还有没有别的没说到的?比如院里其他科室或者招标办那边的要求
好。这两条我们都能满足:输液监测是我们的主打,HIS对接我们有同厂家同版本的三个案例,护士不用两边录。写进参数,您就不用担心招进来一个接不上的系统。
那这样,这周四之前我把这两条的参考参数写法发给您,您把输液实时报警和同版本HIS对接案例写进技术参数,挂网时间能不能也跟您确认一下,大概下个月几号?
好的,那就请您这周把这两条写进参数定稿,十号前后挂网,定了日子您给我个信儿,行吗?
EOT
out=$("$SALESIM" play scenarios/hospital-campaign.yaml --script "$TMP/camp.txt" --seed 23 --transcript '' --no-color 2>&1)
expect_eq "a campaign's second and third visits say where their turns start" 2 "$(grep -cE '^轮次跨拜访接着往下数：这次拜访从第 [0-9]+ 轮开始。' <<<"$out")"
cat >"$TMP/camp8.txt" <<'EOT'
赵主任,我们的智慧病房系统功能很全,输液监测呼叫对讲护理白板都有,今年好多医院都上了,您这边也赶紧上吧
对啊所以更要上我们的系统了!赵主任您看这样,下个月直接签合同,全院二十个病区一起上,价格我给您最优惠的
主任您得抓紧啊,年底我们产能有限,排不上就得等明年下半年了,到时候再出个输液事故可就麻烦了
好吧好吧,那您看什么时候合适,回头再联系您
行,那我先回去了主任,改天再来拜访您
EOT
out=$("$SALESIM" play scenarios/hospital-campaign.yaml --script "$TMP/camp8.txt" --seed 8 --transcript '' --no-color 2>&1)
if grep -qE '（第 1 次拜访，第 [0-9]+ 轮）' <<<"$out" && ! grep -qE '[^访]，?（第 [0-9]+ 轮）$' <<<"$(sed -n '/最能提分/,/^得分与失分/p' <<<"$out")"; then
  ok "a campaign's first screen names the visit of each turn"
else fail "a campaign's first screen names the visit of each turn" "$(sed -n '/最能提分/,/^得分与失分/p' <<<"$out")"; fi
# a worry brushed off in a sales visit teaches the benefit that answers it, not the after-sale
# repair line (play-test 30b F4: "抱歉之前没人跟您解释..." taught a hospital's HIS worry)
printf '%s\n' "陈总您好,我是新来的小李。现在卖砖利润怎么样?" "嗨,现在做哪行不难啊,您也别想太多了,先看看我们的砖呗" >"$TMP/brushed.txt"
out=$("$SALESIM" play scenarios/dealer-first-visit.yaml --script "$TMP/brushed.txt" --seed 3 --json --transcript '' 2>/dev/null |
      jq -r '.skills[].findings[] | select(.rule == "concern_dismissed") | .better')
expect_contains "brushed-off worry in a sales visit: the Try line is a benefit for it" "$out" "陈总，对您来说好处就是"
if grep -q "没人跟您解释" <<<"$out"; then fail "... not the after-sale repair line" "$out"; else ok "... not the after-sale repair line"; fi
if grep -q "区域保护" <<<"$out"; then ok "... and of the benefits for his margin, one said as his (play-test 30b F10), not another dealer's story"
else fail "... and of the benefits for his margin, one said as his (play-test 30b F10), not another dealer's story" "$out"; fi
# a feature list before any need teaches a question, not a summary of a need never told; a part
# payment's Try names its sums (play-test 30b F10)
printf '%s\n' "陈总您好!我是岳石瓷砖的小王,我们岳石是全国前十的瓷砖品牌,产品线特别全,有抛釉砖大板岩板木纹砖,花色三百多种,质量绝对过硬" >"$TMP/dump.txt"
out=$("$SALESIM" play scenarios/dealer-first-visit.yaml --script "$TMP/dump.txt" --seed 7 --json --transcript '' 2>/dev/null |
      jq -r '.skills[].findings[] | select(.rule == "feature_list") | .better')
expect_contains "feature list before any need: the Try line asks" "$out" "？"
if grep -q "总结" <<<"$out"; then fail "... and sums up nothing" "$out"; else ok "... and sums up nothing"; fi
printf '%s\n' "就是那个尾款的事,您看方便的时候给安排一下呗" >"$TMP/vaguepay.txt"
out=$("$SALESIM" play scenarios/payment-collection.yaml --script "$TMP/vaguepay.txt" --seed 5 --json --transcript '' 2>/dev/null |
      jq -r '.skills[].findings[] | select(.rule == "payment_vague") | .better')
expect_contains "a vague payment ask: the Try line names the sum" "$out" "两万"
# play-test 31a M8: the debrief quotes a hidden need in the words the customer said on screen
# ("The kettle is white inside already."), not the scenario's whole `said` she never spoke
printf '%s\n' "Hi Maria, thanks for having me back. So three weeks in - how's it been living with the filter?" \
  "Really glad. Tom mentioned at the install that your sister Lucia just moved into an older place across town - how's she getting on with the water there?" \
  >"$TMP/m8.txt"
said=$("$SALESIM" play scenarios/referral-follow-up.yaml --seed 44 --script "$TMP/m8.txt" --json --transcript "" 2>/dev/null |
  jq -r '[.skills[].findings[] | select(.rule == "hidden_need_found")][0].params.said')
out=$("$SALESIM" play scenarios/referral-follow-up.yaml --seed 44 --script "$TMP/m8.txt" --transcript "" 2>/dev/null)
if [ -n "$said" ] && [ "$said" != null ] && grep -qF "${said%% *}" <<<"$out" && [ "$said" != "My sister Lucia just moved into an old house with awful hard water. The kettle is white inside already." ]
then ok "a hidden need found is quoted in the words said on screen ($said)"
else fail "a hidden need found is quoted in the words said on screen" "said: $said"; fi

# play-test 31a H1: a pitch's "24/7" and "online" are no time and place of the ask after it, and
# a pitch whose only question asks for a step brings out no need (kept here, not in the example
# scenario, whose tests the authoring guide shows verbatim)
echo "No worries! So ChairTime is an online booking system with text reminders, it's really easy, patients book themselves 24/7 and it cuts no-shows. Want me to show you the dashboard?" >"$TMP/h1.txt"
rules=$("$SALESIM" play scenarios/examples/clinic-booking.yaml --seed 66 --script "$TMP/h1.txt" --json --transcript "" 2>/dev/null |
  jq -r '[.skills[].findings[] | select(.turn == 1) | .rule] | sort | join(" ")')
if grep -qw vague_ask <<<"$rules" && ! grep -qwE 'specific_ask|hidden_need_found|need_uncovered' <<<"$rules"
then ok "a pitch's 24/7 and online make no specific ask, and its offer brings out no need ($rules)"
else fail "a pitch's 24/7 and online make no specific ask, and its offer brings out no need" "turn 1: $rules"; fi

finish
