#!/usr/bin/env bash
# e2e: `salesim classify`: the trainer's explanation, --json, stdin mode, --lang and language
# guessing, --scenario references, hostile bytes, and exit 2 for bad usage or an unloadable
# lexicon or scenario.
source "$(dirname "$0")/../lib.sh"

# --- the readable explanation -----------------------------------------------------------------
out=$("$SALESIM" classify "Could you bring your IT head to a 30-minute demo next Wednesday at 3pm?" 2>&1); rc=$?
expect_eq "text: exit 0" 0 "$rc"
expect_contains "text: moves" "$out" "moves:    ask_commitment"
expect_contains "text: slots" "$out" 'slots:    action="bring" time="next wednesday at 3pm" person="your it head" place=-'
expect_contains "text: why specific" "$out" "specific: yes (names the action, a time and a person)"
expect_contains "text: request phrase with its source line" "$out" "request            could you  (lexicons/en.yaml:"
expect_contains "text: time pattern with its source line" "$out" "time               en.weekday  [\"next wednesday\"]  (engine/timex.c:"
expect_contains "text: the rule that made the ask" "$out" "ask_commitment     rule: request form + customer action  (engine/classify_rules.c:"

out=$("$SALESIM" classify "Could you bring your IT head to a demo?")
expect_contains "text: why not specific" "$out" "specific: no (the ask does not name a time)"
out=$("$SALESIM" classify "Let's find some time to try it out.")
expect_contains "text: vague" "$out" 'vague:    yes (leans on a vague time such as "sometime" / "有空")'
out=$("$SALESIM" classify "I'll send you the proposal tonight.")
expect_contains "text: seller-only action" "$out" "moves:    seller_action"
expect_contains "text: no ask in a seller-only line" "$out" "specific: no (no ask for a customer action in this line)"
out=$("$SALESIM" classify "不需要演示。")
expect_contains "text: negation (language guessed: zh)" "$out" "moves:    (none)"
expect_contains "text: negated action shown" "$out" "negated:action     演示  (lexicons/zh.yaml:"
expect_contains "text: lexicon named" "$out" "(lexicon zh)"

# a count of typos spans no words: no empty quote after it (play-test 30a F17: 'one letter away [""]')
out=$("$SALESIM" classify "we do servers netwrok scanners")
expect_contains "text: the typo count" "$out" "word read as the known word one letter away  (engine/words.c)"
expect_eq "text: no empty quote" "" "$(printf '%s\n' "$out" | grep -F '[""]')"
# a scenario found beside the data directory is named without "engine/.." (a transcript's scenario.file)
SALESIM_DATA=engine "$SALESIM" play it-trial --seed 1 --transcript "$TMP/sf.json" </dev/null >/dev/null 2>&1
expect_eq "play: scenario.file without engine/.." "scenarios/it-trial.yaml" "$(jq -r .scenario.file "$TMP/sf.json")"

# --- JSON -------------------------------------------------------------------------------------
js=$("$SALESIM" classify --json "王处长，下周三下午三点您能不能请ＩＴ主管一起来我们公司看个演示？")
expect_eq "json: moves" '["ask_commitment"]' "$(jq -c .moves <<<"$js")"
expect_eq "json: slots" '{"action":"来我们公司","time":"下周三下午三点","person":"处长","place":"我们公司"}' "$(jq -c .slots <<<"$js")"
expect_eq "json: flags" 'true false null' "$(jq -r '"\(.specific) \(.vague) \(.tactic)"' <<<"$js")"
expect_eq "json: text kept as typed" "王处长，下周三下午三点您能不能请ＩＴ主管一起来我们公司看个演示？" "$(jq -r .text <<<"$js")"
expect_eq "json: every match has label, phrase, source" "0" "$(jq '[.matched[] | select(.label == null or .phrase == null or .source == null)] | length' <<<"$js")"
expect_eq "json: lang" "zh" "$(jq -r .lang <<<"$js")"
js=$("$SALESIM" classify --json "The price goes up 15 percent next month.")
expect_eq "json: loss tactic" '"loss"' "$(jq -c .tactic <<<"$js")"

# --- stdin: one output per input line ---------------------------------------------------------
out=$(printf 'Hello!\n还有什么我们没谈到的吗？\n\nWhat is holding you back?\n' | "$SALESIM" classify --json -); rc=$?
expect_eq "stdin: exit 0" 0 "$rc"
expect_eq "stdin: one JSON object per line" 4 "$(wc -l <<<"$out")"
expect_eq "stdin: each line read in its own language" "greet|check_concerns||probe_refusal" \
  "$(jq -r '.moves | join(",")' <<<"$out" | paste -sd'|')"
out=$(printf 'Hello!\nThanks!\n' | "$SALESIM" classify -)
expect_eq "stdin text: one block per line" 2 "$(grep -c '^line:' <<<"$out")"

# --- --lang -----------------------------------------------------------------------------------
js=$("$SALESIM" classify --lang zh --json "hello")
expect_eq "--lang zh forces the Chinese lexicon" "zh" "$(jq -r .lang <<<"$js")"

# --- --scenario -------------------------------------------------------------------------------
sc=scenarios/campus-platform.yaml
js=$("$SALESIM" classify --scenario "$sc" --json "总结一下：您最头疼的是辅导员统计签到和家长投诉，用了自动签到这两件事都能解决。下周三下午三点，能不能请您出面约信息中心和教务处的负责人来学生处会议室看一次演示？")
expect_eq "scenario: needs by id" '["attendance","parents"]' "$(jq -c .needs <<<"$js")"
expect_eq "scenario: benefits by id" '["auto_attendance"]' "$(jq -c .benefits <<<"$js")"
expect_eq "scenario: the ask's commitment" '"demo_with_heads"' "$(jq -c .commitment <<<"$js")"
expect_eq "scenario: summary and ask" '["summarize_benefits","ask_commitment"]' "$(jq -c .moves <<<"$js")"
expect_contains "scenario: keyword source is the scenario file" "$(jq -r '.matched[].source' <<<"$js")" "$sc:"
js=$("$SALESIM" classify --scenario "$sc" --json "还有哪些方面您比较在意？")
lexline=$(grep -n '还有哪些方面您比较在意' "$sc" | head -1 | cut -d: -f1)
expect_contains "scenario lexicon phrase counts, with its line" "$(jq -c '.matched[] | select(.label=="check_concerns") | .source' <<<"$js")" "\"$sc:$lexline\""

# --- hostile input ----------------------------------------------------------------------------
out=$(printf 'Could you\x1b[2J join\xff\xfe us\x07 tomorrow?\n' | "$SALESIM" classify -); rc=$?
expect_eq "hostile bytes: exit 0" 0 "$rc"
if grep -q $'\x1b' <<<"$out"; then fail "hostile bytes: no escape reaches the terminal"; else ok "hostile bytes: no escape reaches the terminal"; fi
out=$(head -c 20000 /dev/urandom | "$SALESIM" classify --json - 2>&1 >/dev/null); rc=$?
expect_eq "random bytes: exit 0, nothing on stderr" "0:" "$rc:$out"

# --- bad usage and unloadable data: exit 2 ----------------------------------------------------
err=$("$SALESIM" classify 2>&1); rc=$?
expect_eq "no text: exit 2" 2 "$rc"
expect_contains "no text: message" "$err" "salesim classify: give a line to classify, or - to read lines from standard input"
err=$("$SALESIM" classify - "text" 2>&1); rc=$?
expect_eq "text and -: exit 2" 2 "$rc"
err=$("$SALESIM" classify --lang fr hello 2>&1); rc=$?
expect_eq "--lang fr: exit 2" 2 "$rc"
expect_contains "--lang fr: message" "$err" "--lang must be zh or en, not 'fr'"
err=$("$SALESIM" classify --bogus hello 2>&1); rc=$?
expect_eq "unknown option: exit 2" 2 "$rc"
err=$("$SALESIM" classify --scenario "$TMP/none.yaml" hello 2>&1); rc=$?
expect_eq "missing scenario: exit 2" 2 "$rc"
mkdir -p "$TMP/data/lexicons"
printf 'moves:\n  greet: [hi]\n  asks_commitment: [could you]\n' >"$TMP/data/lexicons/en.yaml"
err=$(SALESIM_DATA="$TMP/data" "$SALESIM" classify hello 2>&1); rc=$?
expect_eq "broken lexicon: exit 2" 2 "$rc"
expect_eq "broken lexicon: positioned message" "lexicons/en.yaml:3:3: error: unknown move name 'asks_commitment'" "$err"
err=$(SALESIM_DATA="$TMP/data" "$SALESIM" classify 您好 2>&1); rc=$?
expect_eq "missing lexicon: exit 2" 2 "$rc"
expect_contains "missing lexicon: message" "$err" "lexicons/zh.yaml: error: lexicon not found"
# --- a price compared is no price cut; an offer still is ------------------------------------------
for line in "Our price is 30% cheaper than the big vendors." "It works out cheaper than hiring another clerk." \
            "我们的价格比同类产品便宜三成。" "用我们的系统比雇一个人便宜多了。"; do
  mv=$("$SALESIM" classify --json "$line" | jq -r '.moves | join(" ")')
  if [[ " $mv " == *" discount "* ]]; then fail "a comparison is not a discount: $line" "moves: $mv"
  else ok "a comparison is not a discount: $line"; fi
done
for line in "If you sign today I can make it cheaper." "I can offer you a special price, cheaper than the list." \
            "如果今天签,我可以给您便宜一点。" "签约的话我可以比报价再便宜5%。"; do
  mv=$("$SALESIM" classify --json "$line" | jq -r '.moves | join(" ")')
  expect_contains "an offer is a discount: $line" " $mv " " discount "
done

# --- near misses name every item of a scenario, objections included (blind trainer, round 11:
# the fourth need and every objection were missing, and only --json showed why an answer went
# unread) ---
out=$("$SALESIM" classify --scenario tests/fixtures/water-renewal.yaml "去年报修响应慢，今年成本压力大，三月新店要开，卫生检查还要换芯记录" 2>&1)
expect_eq "classify --scenario: the three nearest needs, and any other that scores or is linked" 4 "$(grep -c '^  need ' <<<"$out")"
expect_contains "... a keyword's link names its keyword (round 14: '0.00 linked' read as a contradiction)" "$out" 'by the keyword "成本"'
lost=$("$SALESIM" classify --scenario tests/data/links-outside/vineyard-sensors.yaml "Tomás checks the rows every morning" 2>&1)
expect_contains "... an item that passes but lost its clause names what the clause linked instead" "$lost" "its clause linked instead: need crew_time"
# an item held back by the scenario's unrelated lines says so, and the nearest of them is shown
held=$("$SALESIM" classify --scenario scenarios/tableware-limited-run.yaml "How long has the shop been on the high street, Helen?" 2>&1)
expect_contains "... an item held back by an unrelated line says so" "$held" "held back: nearer to an unrelated line (below)"
expect_contains "... and the nearest unrelated line is a row of its own" "$held" "nearest unrelated: "
json=$("$SALESIM" classify --json --scenario scenarios/tableware-limited-run.yaml "How long has the shop been on the high street, Helen?" | jq -r '.closest.unrelated.nearest')
expect_contains "... and in --json" "$json" "high street"
# (a line whose score sits just under the threshold: the scores move with the corpus's term
# weights, so the line is chosen for the score, found again when the corpus changes; and with
# linking's concepts, play-test 31: 检查 is the inspection concept's, and "..., 店长很忙" scores 0.11;
# with Chinese characters as unigrams, play-test 32: "卫生检查还要换芯记录，每次都找半天" 0.13 links)
near=$("$SALESIM" classify --scenario tests/fixtures/water-renewal.yaml "卫生检查要换芯记录，店长很忙" 2>&1)
expect_contains "... a score just under the threshold shows its third decimal (0.12 'below' 0.12 read as a contradiction)" \
  "$near" "  benefit   digital_log            0.115  below"
expect_contains "... and the objections, with their threshold" "$out" "an objection at"
expect_contains "... each objection by name" "$out" "  objection trust_gap"
js=$("$SALESIM" classify --json --scenario tests/fixtures/water-renewal.yaml "刘经理，去年报修确实响应慢" 2>&1)
expect_eq "classify --json: the objections' near misses" 2 "$(jq '.closest.objections | length' <<<"$js")"

# --- a long Chinese turn (recap, case, ask) closed by "ok不?" asks (play-test 12: "-40 no ask") ---
js=$("$SALESIM" classify --json --scenario scenarios/dealer-first-visit.yaml \
  "所以您既怕利润薄又怕压货对吧，我们临沂那个model是先小批量铺样板、卖多少补多少，不用一次囤一仓库，刘总第一年就开了六个点，毛利也比原来高。那 thursday 下午两点我带方案过来，您拿上门店数据一起过一遍，ok不？")
expect_contains "a turn closed by 'ok不?' asks" " $(jq -r '.moves | join(" ")' <<<"$js") " " ask_commitment "
expect_eq "... for the step its own clause names, not 临沂 of the sentence before" "plan_workshop" "$(jq -r '.commitment' <<<"$js")"

# --- what sold out elsewhere is proof, no scarcity (play-test 12: -20 for a loss appeal) ---
out=$("$SALESIM" classify --json --scenario scenarios/tableware-limited-run.yaml \
  "and on sell-through: the shops that took them last spring sold out in about 6 weeks at full price, so you're not sitting on boxes till autumn" | jq -r '.tactic')
expect_eq "'the shops ... sold out in about 6 weeks' is no loss appeal" "gain" "$out"

# --- an ask that names what, when and who stays specific (play-test 13: "not specific", 59 and 75) ---
sp=$("$SALESIM" classify --json --scenario scenarios/it-trial.yaml \
  "great. so how about a two-week trial on one warehouse - marcus and our engineer set it up together, say starting tuesday the 9th? you'd see real alerts from your own scanners before deciding anything" | jq -r '.specific')
expect_eq "an ask followed by what it brings is as specific as the ask alone" "true" "$sp"
sp=$("$SALESIM" classify --json --scenario scenarios/dealer-first-visit.yaml \
  "光听我说不如去看一眼。下周三您有空不？我带我们销售经理，陪您去临沂刘总的样板店实地看看，跟他本人聊聊，咋样？" | jq -r '.specific')
expect_eq "an ask with its day, people and place after a lead-in is specific" "true" "$sp"
sp=$("$SALESIM" classify --json --scenario scenarios/it-trial.yaml \
  "how about a trial sometime? you'd see real alerts from your own scanners before deciding anything" | jq -r '.specific')
expect_eq "... and one that names no time stays not specific" "false" "$sp"

# --- terms with their date, then "您签个字,行不行?": the part payment, no discount (play-test 13) ---
js=$("$SALESIM" classify --json --scenario scenarios/payment-collection.yaml \
  "这样李总，咱折中一下：今天先转两万四，剩下两万四这个月30号前付清。我现在就写在这张纸上，您签个字，行不行？")
expect_eq "a sentence of terms before the signature asked for names the rung" "part_and_date" "$(jq -r '.commitment' <<<"$js")"
expect_eq "... and 折中 (a compromise) cuts no price" "ask_payment" "$(jq -r '.moves | join(" ")' <<<"$js")"

# --- play-test 14: needs played back are no benefit summary; a benefit keyword in a need said of
# her names no benefit; a clause that tells what she will have keeps its benefit before a check ---
js=$("$SALESIM" classify --json --scenario scenarios/campus-platform.yaml \
  "所以说,辅导员早上点名太费时间、报表老对不上,这两件事最让您头疼,我说得对吗?")
expect_eq "a summary marker before her needs alone, checked, confirms them" "confirm_need" "$(jq -r '.moves | join(" ")' <<<"$js")"
expect_eq "... and names both needs" "attendance reports" "$(jq -r '.needs | join(" ")' <<<"$js")"
js=$("$SALESIM" classify --json --scenario scenarios/it-trial.yaml \
  "just so i've got it right - you need to hear about problems before the floor does, and the email flood means real alerts get missed?")
expect_eq "a benefit keyword inside 'you need ...' links no benefit" "" "$(jq -r '.benefits | join(" ")' <<<"$js")"
expect_eq "... but the need it answers" "alert_noise early_warning" "$(jq -r '.needs | sort | join(" ")' <<<"$js")"
js=$("$SALESIM" classify --json --scenario scenarios/it-trial.yaml \
  "beacon tells whoever's on call the moment a scanner drops, so you'd know before the floor manager calls, and it only sends the alerts that matter instead of 200 emails. does that sound right?")
expect_eq "benefits told as what she will have link before a check" "predictive_alerts grouped_alerts" "$(jq -r '.benefits | join(" ")' <<<"$js")"

# --- the blind trainer of round 14: "Have I understood that?" checks what she said ---
js=$("$SALESIM" classify --json "Watering goes by the calendar, and the bills jumped this year. Have I understood that?")
expect_eq "'Have I understood that?' is a confirmation clause" "confirm" "$(jq -r '.clauses[-1].mood' <<<"$js")"

# --- a tag ("咋样?") asks for its sentence before it, not a rung a benefit of the sentence before names (play-test 14) ---
js=$("$SALESIM" classify --json --scenario scenarios/dealer-first-visit.yaml \
  "我们首批进货可以小批量,卖多少补多少。下周三您带上销售经理,一起去临沂看看刘总的样板店,眼见为实嘛,咋样?")
expect_eq "the tag's sentence names the rung asked for" "linyi_visit" "$(jq -r '.commitment' <<<"$js")"

# --- play-test 15: office English and clipped words open a summary -------------------------------
js=$("$SALESIM" classify --json --scenario scenarios/dealer-first-visit.yaml \
  "那我 summary 一下哈:您现在一是老品牌价格透明,一片砖挣不了几毛;二是县城想做没人手不知道咋下手。我们这边毛利空间大,县城开店有人带有规划,正好对上这两点,对吧?")
expect_eq "'summary 一下' opens a benefit summary" "confirm_need summarize_benefits" "$(jq -r '.moves | join(" ")' <<<"$js")"
js=$("$SALESIM" classify --json --scenario scenarios/hospital-campaign.yaml \
  "ok 我捋下:夜班人少 输液没人盯 出过事;护士跑断腿 留不住人。我们输液监测 快完了自动报护士站 呼叫对讲+白板 少跑腿。对不?")
expect_eq "'我捋下' opens a benefit summary" "summarize_benefits" "$(jq -r '.moves | join(" ")' <<<"$js")"

# --- a needs recap, its tag, then "anything I missed?": both, though a benefit is like a need's words
js=$("$SALESIM" classify --json --scenario scenarios/campus-platform.yaml \
  "好的。我确认下您最关心的俩事：一是签到统计太占辅导员时间，二是心理有问题的学生发现得太晚，是这俩吧？还有别的我漏了的吗")
expect_eq "a recap with its tag before a check confirms and checks" "confirm_need check_concerns" "$(jq -r '.moves | join(" ")' <<<"$js")"

# --- the worked example in docs/classifier.md is what the program prints -------------------------
doc=$(awk '/^\$ salesim classify "Could you bring your IT head to a 30-minute demo/ {on = 1; next} on && /^```/ {exit} on' docs/classifier.md)
out=$("$SALESIM" classify "Could you bring your IT head to a 30-minute demo next Wednesday at 3pm?" 2>&1)
expect_eq "docs/classifier.md: the worked example matches the program's output" "$out" "$doc"

finish
