#!/usr/bin/env bash
# A customer who listens (issue 15): what the customer says follows the conversation.
# Each check plays a short visit through `salesim play --script` and reads its transcript:
# asks matched to rungs only, several needs confirmed, two buyers each answering for their own
# needs, one reply per turn without verbatim repeats, visible ends with their causes in the
# debrief, /restart keeping the first attempt, /hint from the scenario's own hints.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
EN=scenarios/it-trial.yaml
WH=scenarios/warehouse-two-buyers.yaml
play() {  # scenario script-text transcript [extra args]: runs a visit, prints the terminal text
  local sc=$1 text=$2 tr=$3; shift 3
  printf '%s\n' "$text" >"$TMP/in.txt"
  "$SALESIM" play "$sc" --script "$TMP/in.txt" --seed 5 --transcript "$tr" "$@" 2>&1
}

# --- 1. placeholders: salesim check names one that is no slot ---
sed 's/Starting {time|the 1st}\./Starting {date|the 1st}./' "$WH" >"$TMP/wh-date.yaml"
cp scenarios/warehouse-two-buyers.lua "$TMP/"
out=$("$SALESIM" check "$TMP/wh-date.yaml" 2>&1)
expect_contains "check warns about a placeholder that is no slot" "$out" "accept: '{date}' is no placeholder"
out=$("$SALESIM" check "$WH" 2>&1)
if [[ "$out" == *"no placeholder"* ]]; then fail "the shipped placeholders are all slots" "$out"; else ok "the shipped placeholders are all slots"; fi

# --- 1b. needs confirmed while a check brought out another: she still says yes (play-test 24) ---
play "$EN" "Thanks Dana. Before I say anything about Beacon, how do you find out today when something on the network or the scanners fails?
Two hours of blind time. What did that morning cost you in shipments, roughly?
And who on your team would be the one to get woken up if it happened again at 6 a.m.?
Understood, a small team. Apart from outages, does anyone outside IT ask you for numbers on how reliable the systems are, customers or auditors say?
How long does building that report take you each spring?
Let me check I have this right: you need to hear about an outage before the floor does, whatever you add can't eat an admin's time, and the spring audit report costs you two weeks by hand. Is that the full picture?" "$TMP/also.json" >/dev/null
check "a confirmation beside a new detail is said too, after it" \
  jq -e '.turns[5].customer | (map(.kind) | index("confirm")) != null and (.[-2:] | any(.kind == "say" and .key == "confirm_also"))' "$TMP/also.json"

# --- 1b2. a yes/no question about her voiced need that another rule answered (a need it brought
# out) confirms nothing: she said no yes (play-test 27b F8: two "+10 客户确认了需求" beside the
# skirting worry); a recap of her needs closed by "Did I miss anything?" is no pitch: she tells the
# new need, then yes to the rest, and that turn confirms the recapped needs, not the new one ---
play scenarios/payment-collection.yaml "李总好,是的,今天十五号,尾款四万八,发票我也带来了。不过我想先听听,您这边最近资金上是什么情况?
我理解。是甲方那边回款慢了吗?大概什么时候能到?
那甲方的进度款大概哪天能到账?您心里有个数吗?" "$TMP/noyes.json" >/dev/null
check "a question another rule answered confirms no need" \
  jq -e '.turns[2].customer | (map(select(.kind == "confirm")) | length) == 0 and any(.kind == "say")' "$TMP/noyes.json"
play "$EN" "Thanks, Dana, I'll keep it tight. How do you find out today when something on the network or the scanners goes down?
Two hours of blind time. What did those two hours cost you on the shipping side?
So the real problem is that an outage reaches the floor manager before it reaches you. Is that fair?
Who looks after the tools on your side, and how much time does the team have to run another one?
Makes sense. Apart from outages, is there any reporting you have to produce on uptime, for customers or auditors?
Building those by hand must eat days. So the three things are: knowing before the floor does, nothing that needs a full-time admin, and the spring audit reports. Did I miss anything?" "$TMP/recap.json" --seed 11 >/dev/null
check "a recap of her needs with a check is read as a confirmation, not a pitch" \
  jq -e '.turns[5].moves | index("confirm_need") != null and index("present_benefit") == null' "$TMP/recap.json"
check "she tells the new need, then confirms the recapped ones, not the new one" \
  jq -e '.turns[5].customer | (map(select(.kind == "confirm") | .need) | sort) == ["audit", "small_team"] and any(.kind == "say" and .key == "confirm_also")' "$TMP/recap.json"

# --- 1b3. a campaign's last visit: what she told on the first stays told (no story again word for
# word), a worry of hers the check names gets a yes, and what she fears in drafting the specs is
# answered (play-test 28b, visit 5: turns 20 and 21 were visit 1's lines again) ---
play scenarios/hospital-campaign.yaml "赵主任辛苦了。今天想先向您请教一下，病房这边护理工作目前遇到的主要困难有哪些？
夜班两个人看四十张床，压力确实很大。那输液这块，出过因为没及时换液引起的问题吗？
所以您最关心的是夜班护士人手紧的情况下，输液快完了能及时知道，别再出那样的事，我这么理解对吗？
從信息中心的角度，您這邊還有什麼特別在意的嗎？比如系統對接、數據這些
就是说新系统必须能跟你们现在的HIS对接上，不能给信息中心添额外的活，对吧
我们的输液监测是在输液架上挂个称重传感器，药液快输完时护士站大屏和护士手持机同时报警，夜班护士不用一间间去看。HIS这块我们在省内已经和同一厂家的老版本对接过六家医院，接口由我们的工程师来做，不占您的人。
您看还有没有哪些方面我们没聊到、您还不太放心的？
那我总结下，智慧病房能让夜班护士在输液快完时第一时间知道，不会再发生输液空了十几分钟没人发现的事；HIS接口我们来做，信息中心不用额外投入人力。
明年的信息化预算一般什么时候开始报？
这个教训我记下了，我们会先在一个病区把HIS对接跑通再铺开。那预算那边，报名单的截止时间是哪天呀？
明白，接口我们派驻场工程师全程负责，不让信息科背锅。赵主任，那能不能请您在这个月底报明年信息化预算的时候，把智慧病房项目列进去？我下周一前把预算测算表和方案发给您。
上次说到预算，谢谢您帮忙报上去了。这次想请教下，孙副院长那边看项目一般最看重什么？
明白了，一个是对医院评审有没有帮助，一个是投入以后能拿出数据看效果，是这两点吧？
也就是说明年智慧医院评级护理这块不能再是空白，这个是孙院长的硬指标，对吧？
智慧病房上线后，输液监测、呼叫对讲和护理白板正好对应评级里护理信息化的几项条目，评审时可以直接演示；系统每月还会出护士响应时间、呼叫次数这些报表，投入效果有数据可看。
在跟孙院长汇报之前，您觉得还有什么需要我提前准备或者注意的吗？
好，那归纳一下：评级护理信息化这块我们能补上空白、评审能现场演示；投入效果每月有数据报表给院里看；HIS接口还是我们负责，不给信息科添负担。
那想麻烦您帮我约一下孙院长，下周四上午抽半小时，我和您一起去他办公室做个汇报，您看方便吗？
恭喜立项！招标这块，您这边现在最担心的是什么？
参数是您这边起草，那您起草的时候最怕出什么岔子？
嗯，那件事我记得。我是想问招标参数这块，您担不担心最后中标的厂家跟HIS接不上？" "$TMP/camp3.json" --seed 2 >/dev/null
check "no line of an earlier visit's needs is told again on the last visit" \
  jq -e '[.turns[] | select(.visit < 2) | .customer[] | select(.kind == "say") | .text] as $old | [.turns[] | select(.visit == 2) | .customer[] | select(.kind == "say" and (.key // "") == "") | .text] | all(. as $t | $old | index($t) == null)' "$TMP/camp3.json"
check "asked what she fears in drafting the specs, she says what they must hold" \
  jq -e '.turns[19].customer | any(.kind == "say" and (.text | contains("参数要是能卡住这两条")))' "$TMP/camp3.json"
check "a worry of hers the check names gets more of it or a yes, not nothing else" \
  jq -e '.turns[20].customer | any(.kind == "say") and all(.kind != "say" or (.key // "") != "check_reply")' "$TMP/camp3.json"

{ head -21 "$TMP/in.txt"; echo "您担不担心厂家跟HIS接不上?"; } >"$TMP/in22.txt"
"$SALESIM" play scenarios/hospital-campaign.yaml --script "$TMP/in22.txt" --seed 2 --transcript "$TMP/camp3b.json" >/dev/null 2>&1
check "asked again about that worry, nothing more of it to tell: a yes, not nothing else" \
  jq -e '.turns[21].customer | any(.kind == "say" and .key == "confirm_ack")' "$TMP/camp3b.json"
check "asked when the budget is due, on the first visit she says when" \
  jq -e '.turns[8].customer | any(.kind == "say" and (.text | contains("这个月底就要报")))' "$TMP/camp3.json"

# --- 1b4. a summary closed by a check she answers first with more of a worry: the needs it confirms
# are confirmed aloud too, after what she told (play-test 28c #4: two "confirmed" credits beside
# "Two hours of scanners down..." alone) ---
play "$EN" "Thank you Dana. I heard about the scanner outage last month - can you walk me through how it went for your team?
How do you monitor things today? What tools does the team use?
So if I understand right, the real problem is you hear about outages from the floor, not from your systems, and you want to be the first one to know. Correct?
And the 200 emails a day - that noise is a problem on its own, yes? your people stopped trusting alerts
Understood, small team, so nothing that needs a babysitter. Besides the day to day, are there any reports you have to produce for management or customers?
That sounds painful. How long does building those uptime reports take you each spring?
So the audit report is a real need too, it eats two weeks of your time - did I get that right?
Is there anything else on your mind we haven't covered, before I show how Beacon fits?
Fair worry. With Beacon our engineer does the setup with yours, usually one afternoon for one site, not three weeks.
Let me sum up. You want to know about an outage before the floor manager does: Beacon pages your on-call within a minute, instead of 200 emails nobody reads. Your team is six people: we set it up and it runs without an admin. And the spring audit: Beacon produces the uptime report for you, so those two weeks in spreadsheets go away. Does that cover it?" "$TMP/sumcheck.json" --seed 11 >/dev/null
check "a summary with a check: confirmed needs get her yes after the check's answer" \
  jq -e '.turns[9].customer | any(.kind == "confirm") and any(.kind == "say" and .key == "confirm_also")' "$TMP/sumcheck.json"

# --- 1b5. asked which part still holds her back, she says the worry in her own words (play-test
# 28c: "Sorry, which part is still holding you back?" got "Same as before: that worry hasn't gone
# away.") ---
play scenarios/examples/clinic-booking.yaml "No problem. You wrote the phones are out of control - tell me, what is a normal morning looking like for your receptionist?
And when patient dont come - no-show - how often this happen in a week?
So two things: Jade is losing her morning on phone rescheduling, and the no-shows, eleven last month, cost you the chair hour. Is this right?
Is there something else important for you, before I explain what we do?
I understand. The setup is one hour with Jade, we do the rest, and after that she has less calls, not more work.
So to sum up: patients book and move there appointments online, so Jade get her mornings back; and the text reminder the day before cuts the no-shows, other clinics see around half less. Does this match what you need?
Then why not see it on your own chairs first: can we start a 30-day trial on one chair next Monday, with setup at 8:30 with Jade before the phones start?
Sorry, which part is still holding you back?" "$TMP/whichpart.json" --seed 99 >/dev/null
check "asked which part still holds her back, she names the worry" \
  jq -e '.turns[7].customer | any(.kind == "say" and (.text | contains("Jade is already stretched")))' "$TMP/whichpart.json"

# --- 1c. a benefit stated, then a check: the check is answered, not the benefit (play-test 24:
# "...那除了报表之外,安全隐私这些您还有什么不放心的吗?" got "嗯,这个有意思。") ---
play scenarios/campus-platform.yaml "周处长，新东西今天先不急着讲，上次您听完说有点意思，我回去琢磨了一下，觉得还是得先把您这边的实际情况摸清楚，所以想先请教一下，现在学生处日常工作里，辅导员们最花时间、最让您头疼的是哪几件事，比如请假审批、心理预警、还是各种数据报表？
明白，流程上是您提需求、信息中心评估、教务处点头、副校长签字，这个我记下了，不过我更想先弄清楚的是需求本身，就是说辅导员们每天到底在哪些事情上耗得最多，您这边有没有感觉哪块特别吃力？
两三个人的上午就耗在统计签到上，这确实挺可惜的，辅导员本来应该把精力放在学生本身，除了签到这块，像学生心理状况、突发情况这些，您这边现在是怎么掌握的，会不会有发现得太晚的时候？
我是想问问您，现在如果有学生情绪出了问题或者连着好几天没来上课，辅导员一般多久能知道，学校层面有没有因为这种事情吃过亏？
那我把您说的几点先理一理，您看对不对：第一，辅导员每天早上花大量时间手工统计签到，一个学院就占两三个人的上午；第二，有心理问题的学生，辅导员往往最后才知道，一旦出事就是大事；第三，采购上要信息中心评估、教务处点头，最后副校长签字，是这样吧，还有没有我漏掉的？
家长比学校先知道，这确实被动，那这样说的话，学工通这几块正好对得上：签到用手机定位自动完成，辅导员早上那两三个人的时间能腾出来；学生连续缺勤或者心理测评有异常，系统会第一时间推给辅导员和学生处，不会再等到出事或者家长打电话才知道；另外我们跟不少学校的信息中心对接过，技术评估那关一般不难过。
在往下走之前我也想听听您的顾虑，比如数据安全、学生隐私、还是跟现有教务系统能不能打通，您这边觉得哪些地方还不放心？
这个也是个大头，报表这块平台里的数据本来就是各学院实时汇上来的，教育厅要的那几张表可以直接按模板导出，不用再收Excel一张张对，那除了报表之外，安全隐私这些您还有什么不放心的吗？" "$TMP/checked.json" >/dev/null
check "a benefit closed by a check gets the check's answer" \
  jq -e '.turns[7].customer | any(.kind == "say" and .key == "check_reply")' "$TMP/checked.json"

# --- 2. an ask that names no rung gets a question back, never a commitment ---
play "$EN" "Hi Dana, thanks for making time today.
What happened with the scanners last month?
Can we agree on a next step for Tuesday at 10?" "$TMP/ask.json" >/dev/null
check "an unmatched ask gives no commitment" jq -e '[.turns[].customer[] | select(.kind == "give")] | length == 0' "$TMP/ask.json"
check "an unmatched ask is answered with a question" jq -e '.turns[2].customer | any(.kind == "say" and (.text | test("\\?$")))' "$TMP/ask.json"

# --- 2b. an introduction asked with nobody named gets "who?", not "which day?" (once the light
# on her tap is explained: before that she names no one, whatever is asked) ---
play scenarios/referral-follow-up.yaml "Hi Maria, how is the filter working?
The orange light is only the filter reminder; hold the reset button for five seconds and it clears.
Can I get some names and numbers?" "$TMP/who.json" >/dev/null
check "a referral ask naming nobody is answered with who" jq -e '.turns[2].customer | any(.kind == "say" and .key == "ask_who")' "$TMP/who.json"
check "... and gives nothing yet" jq -e '[.turns[].customer[] | select(.kind == "give")] | length == 0' "$TMP/who.json"

# --- 2c. an ask that names a hidden need by its words draws the need out first: "like maybe
# your sister? i heard she got a new place" gets Lucia's hard water, not "be concrete" past it
# (found in play); the dated ask after it is given ---
play scenarios/referral-follow-up.yaml "hi maria! so hows the water thing working out
oh no whats up with it
ok dont worry thats normal its just the filter telling you its time for a change, i can swap it now
great. so do you know anyone who might want one too?
like maybe your sister? i heard she got a new place
yeah could you call her now and ask if saturday works for me to come test her water" "$TMP/sister.json" >/dev/null
check "\"oh no whats up with it\" is answered about the light" jq -e '.turns[1].customer | any(.kind == "say" and (.text | test("orange")))' "$TMP/sister.json"
check "an ask naming the sister brings out her hard water" jq -e '.turns[4].customer | any(.kind == "reveal" and .need == "sister_house")' "$TMP/sister.json"
check "... the next, dated ask is given" jq -e '.turns[5].customer | any(.kind == "give")' "$TMP/sister.json"

# --- 2c'. "anyone else ...?" asking around brings the sister to mind by her need's revealed_by
# words alone ("What exactly would you like me to do, and when?" answered it: play-test 22); a
# visit's purpose put as "to see how ... you" is a question (it got "Mm-hm.") ---
play scenarios/referral-follow-up.yaml "Hi Maria! Just popping by to see how the new filter is treating you.
The orange blink is just the filter reminder; it stops on its own after a week, but I can reset it for you right now.
That's lovely to hear. Do you know anyone else who might be struggling with their water?" "$TMP/around.json" >/dev/null
check "to see how the new filter is treating you: a question that brings out a need" jq -e '.turns[0].customer | any(.kind == "reveal")' "$TMP/around.json"
check "anyone else ... struggling with their water? brings out Lucia's hard water" jq -e '.turns[2].customer | any(.kind == "reveal" and .need == "sister_house")' "$TMP/around.json"

# --- 2c''. a recap that asks which need matters most is answered with the one that weighs most
# (play-test 22: "没错,就是这样。" and no answer) ---
play scenarios/campus-platform.yaml "现在辅导员每天最花时间的是哪块工作?
除了签到,每学期报表那块累不累?
还有没有哪件事是您心里一直挂着、但平时不太好说的?
我总结一下:签到靠人工占掉辅导员的上午;报表手工汇总对不上;学生缺课家长先知道。这三件事您最着急哪个?" "$TMP/priority.json" >/dev/null
check "这三件事您最着急哪个? gets the priority line" jq -e '.turns[3].customer | any(.kind == "say" and .key == "priority")' "$TMP/priority.json"
check "... and more of the parents (the hidden need she voiced)" jq -e '.turns[3].customer | any(.kind == "say" and (.text | test("家长")))' "$TMP/priority.json"

# --- 2c-3. a tag that restates his need before a benefit asks nothing: the benefit is answered,
# not more of his margins (play-test 22) ---
play scenarios/dealer-first-visit.yaml "陈总,您现在生意上最头疼的是啥?
利润薄是吧,那我们给您的返点很高的" "$TMP/tagged.json" >/dev/null
check "a need's tag before a benefit gets an answer to the benefit" jq -e '.turns[1].customer | any(.kind == "say" and (.key == "gain_reply" or .key == "value_ack"))' "$TMP/tagged.json"

# --- 2c-4. a check asks about what comes after its "else": the need its lead-in restated is
# not told more of ("Last year I was left with twenty sets ..." answered it: play-test 22);
# "anything else about the sell-through?" is ---
play scenarios/tableware-limited-run.yaml "What do your regulars come to you for?
How fast does stock need to move for you?
Got it, it has to sell through in one season. Anything else that matters when you pick a range?" "$TMP/else.json" >/dev/null
check "a check after a restated need does not tell more of it" jq -e '.turns[2].customer | all(.kind != "say" or (.text | test("twenty sets") | not))' "$TMP/else.json"
play scenarios/tableware-limited-run.yaml "What do your regulars come to you for?
How fast does stock need to move for you?
Anything else about the sell through I should know?" "$TMP/else2.json" >/dev/null
check "... one about that need does" jq -e '.turns[2].customer | any(.kind == "say" and (.text | test("twenty sets")))' "$TMP/else2.json"

# --- 2d. a promise to come back is no parcel: "那我下周再来拜访您" had got "行,你发过来我看看"
# (play-test 17); a promise to send still gets the scenario's send line ---
play scenarios/dealer-first-visit.yaml "陈总您好
那我下周再来拜访您
我回去把临沂的方案发给您" "$TMP/promise.json" >/dev/null
check "a promise to visit gets seller_action" jq -e '.turns[1].customer | any(.kind == "say" and .key == "seller_action")' "$TMP/promise.json"
check "... with no word of sending" jq -e '.turns[1].customer | all(.kind != "say" or (.text | test("发") | not))' "$TMP/promise.json"
check "a promise to send gets seller_send" jq -e '.turns[2].customer | any(.kind == "say" and .key == "seller_send")' "$TMP/promise.json"
sed '/^  seller_send:/,+1d' scenarios/dealer-first-visit.yaml >"$TMP/dealer-old.yaml"
play "$TMP/dealer-old.yaml" "陈总您好
我回去把临沂的方案发给您" "$TMP/promise-old.json" >/dev/null
check "a scenario with only seller_action keeps its line for a send" jq -e '.turns[1].customer | any(.kind == "say" and .key == "seller_action")' "$TMP/promise-old.json"

# --- 2e. a line that re-times the ask before it is that ask: "next tuesday at 10" after "when
# exactly?" had got "OK." and nothing (play-test 17); "那下周五呢?" after 陈总's trade fair too ---
play "$EN" "Hi Dana, thanks for making time today.
What happened with the scanners last month?
So you want to hear about failures before the floor does, and the alert emails are noise, right?
We could have your on-call people paged within a minute of any failure, and related alerts grouped into one.
Could we set up a trial at the Reno site with Marcus?
next tuesday at 10" "$TMP/when.json" >/dev/null
check "the ask without a day is answered with when" jq -e '.turns[4].customer | any(.kind == "say" and .key == "ask_when")' "$TMP/when.json"
check "... the day given next gets the trial" jq -e '.turns[5].customer | any(.kind == "give" and .commitment == "trial_with_engineer")' "$TMP/when.json"
check "... read as the same ask, specific" jq -e '.turns[5].commitment == "trial_with_engineer" and .turns[5].specific' "$TMP/when.json"
play scenarios/dealer-first-visit.yaml "陈总好,您现在代理的两个牌子,卖得怎么样?
除了利润,您进货的时候还最担心什么?
那县城市场您有没有考虑过?
临沂的刘总去年加盟我们,一年在县城开了六个网点,我们派人帮他一起跑的。
我们做区域保护,潍坊只给您一家;补货小批量,四十八小时到,不用压货。
下周三您带上销售经理,我们一起去临沂看看刘总的样板店,您看行吗?
那下周五呢?早上我开车来接您和销售经理,中午就能回来。" "$TMP/fair.json" >/dev/null
check "a visit asked in the week of his fair brings the fair up" jq -e '.turns[5].customer | any(.kind == "objection" and .objection == "busy")' "$TMP/fair.json"
check "... \"那下周五呢?\" asks for the visit again, and it is given" jq -e '.turns[6].customer | any(.kind == "give" and .commitment == "linyi_visit")' "$TMP/fair.json"

# --- 2g. an ask that puts the day to her is answered with the question back, not "when exactly?"
# as if the seller had named no day, nor "let's stay in touch" as to a vague ask (play-test 21);
# the day given next is that ask; a scenario's own ask_when (written before the key) keeps its line ---
play "$EN" "Hi Dana, thanks for making time today.
What happened with the scanners last month?
So you want to hear about failures before the floor does, and the alert emails are noise, right?
We could have your on-call people paged within a minute of any failure, and related alerts grouped into one.
When could we set up a trial at the Reno site with Marcus?
next tuesday at 10" "$TMP/yours.json" >/dev/null
check "\"When could we set up a trial ...?\" is no vague ask" jq -e '.turns[4].vague == false and .turns[4].specific == false' "$TMP/yours.json"
check "... she turns the question back (ask_when_yours)" jq -e '.turns[4].customer | any(.kind == "say" and .key == "ask_when_yours")' "$TMP/yours.json"
check "... the day given next gets the trial" jq -e '.turns[5].customer | any(.kind == "give" and .commitment == "trial_with_engineer")' "$TMP/yours.json"
play scenarios/payment-collection.yaml "李总您好,今天来主要是想跟您说一下尾款的事情。
李总,这四万八的尾款,您看什么时候能付?" "$TMP/yours-zh.json" >/dev/null
check "\"您看什么时候能付?\" gets the question back" jq -e '.turns[1].customer | any(.kind == "say" and .key == "ask_when_yours")' "$TMP/yours-zh.json"
sed 's/^  ask_details:$/  ask_when:\n    - 你说的是哪天?\n  ask_details:/' scenarios/payment-collection.yaml >"$TMP/pay-own-when.yaml"
play "$TMP/pay-own-when.yaml" "李总您好,今天来主要是想跟您说一下尾款的事情。
李总,这四万八的尾款,您看什么时候能付?" "$TMP/yours-own.json" >/dev/null
check "a scenario with its own ask_when keeps it for the question" jq -e '.turns[1].customer | any(.kind == "say" and .key == "ask_when")' "$TMP/yours-own.json"

# --- 2h. "I'll come back another day" leaves: the visit ends (play-test 21: "Oh, it's no trouble
# at all." and the visit went on) ---
play scenarios/tableware-limited-run.yaml "hi! i have some really nice plates to show you today
ok thanks for your time, ill come back another day
so what do you think of the plates?" "$TMP/back.json" >/dev/null
check "coming back another day ends the visit (the line after it is never played)" jq -e '.turns | length == 2 and (.[1].moves | index("leave"))' "$TMP/back.json"
check "... and a greeting that asks nothing got a greeting back" jq -e '.turns[0].customer | any(.kind == "say" and .key == "greet_back")' "$TMP/back.json"

# --- 2i. what the seller did, then a question about her work: she answers the question (play-test
# 21: "上次跟您聊完之后" made it an ask to meet, "你具体想让我做什么?") ---
play scenarios/campus-platform.yaml "周处长好,上次跟您聊完之后,我把学工通在兄弟院校的用法整理了一下。今天想先听听您这边,最近学生管理上最费劲的是哪一块?" "$TMP/told.json" >/dev/null
check "a past visit and a question about her work: no ask" jq -e '(.turns[0].moves | index("ask_commitment")) == null and (.turns[0].moves | index("open_question"))' "$TMP/told.json"
check "... she answers with what costs her most" jq -e '.turns[0].customer | any(.kind == "reveal")' "$TMP/told.json"

# --- 2j. "where are you stuck?" about a need of his, after a worry his check raised, asks about the
# need, not the worry (play-test 21: "还是刚才说的那个顾虑" to a question about the county) ---
play scenarios/dealer-first-visit.yaml "陈总您好,我是岳石瓷砖的小王,谢谢您抽时间。您现在代理两个牌子,这两年生意上最让您操心的是啥?
利润被压薄了,那除了利润,还有啥让您头疼的?
县城那块,您现在是卡在哪儿?是没人手,还是不知道怎么开店?" "$TMP/stuck.json" >/dev/null
check "the check raised his worry" jq -e '.turns[1].customer | any(.kind == "objection")' "$TMP/stuck.json"
check "... \"县城那块,您现在是卡在哪儿?\" brings out the county, not the worry again" jq -e '(.turns[2].customer | any(.kind == "reveal" and .need == "county_market")) and (.turns[2].customer | any(.kind == "objection") | not)' "$TMP/stuck.json"

# --- 2f. a referral bonus of "a free filter change" explains no light she never spoke of; asking
# after the filter brings the light out (play-test 17: "Oh! So it's just the filter reminder" to
# the bonus, "Sort of, yes." to "all good w the filter?") ---
play scenarios/referral-follow-up.yaml "hi maria!
haha no pressure. we're running a referral bonus this month, you'd get a free filter change
all good w the filter?
oh thats just the filter change reminder, totally normal, ill swap it now" "$TMP/bonus.json" >/dev/null
check "a bonus of a filter change is no relief about the light" jq -e '.turns[1].customer | all(.kind != "say" or .key != "light_relief")' "$TMP/bonus.json"
check "... asking after the filter brings the light out" jq -e '.turns[2].customer | any(.kind == "reveal" and .need == "blinking_light")' "$TMP/bonus.json"
check "... and the explanation after it is a relief" jq -e '.turns[3].customer | any(.kind == "say" and .key == "light_relief")' "$TMP/bonus.json"

# --- 2g. Martin, asked twice for the pilot before he has heard the money, does not say the same
# two sentences twice (play-test 17) ---
play "$WH" "hey guys! our headsets are honestly the best on the market
ok so like, what do you think?
so can you guys sign up for like a pilot or something?
how about next month?" "$TMP/twice.json" >/dev/null
check "the pilot asked twice gets two different words from Martin" jq -e '[.turns[2,3].customer[] | select(.kind == "say" and .key == "martin_not_yet") | .text] | length == 2 and .[0] != .[1]' "$TMP/twice.json"

# --- 2h. a confirmation that names a need she never voiced is about that need: "so. lucia?" had
# confirmed the light (+10 in the debrief); now Lucia's hard water comes out (play-test 17) ---
play scenarios/referral-follow-up.yaml "hi maria! so hows the water?
oh thats just the filter reminder, hold the reset button five seconds and its fine
so. lucia?" "$TMP/lucia.json" >/dev/null
check "a question naming Lucia brings her hard water out" jq -e '.turns[2].customer | any(.kind == "reveal" and .need == "sister_house")' "$TMP/lucia.json"
check "... and confirms nothing she did not hear" jq -e '[.turns[2].customer[] | select(.kind == "confirm")] | length == 0' "$TMP/lucia.json"

# --- 3. a line that restates two needs confirms both ---
play "$EN" "Hi Dana, thanks for making time today.
What happened with the scanners last month?
So the outage hit before anyone knew, and the alert emails are just noise to your team, is that right?" "$TMP/two.json" >/dev/null
check "two needs restated, two confirmed" jq -e '[.turns[2].customer[] | select(.kind == "confirm") | .need] | sort == ["alert_noise", "early_warning"]' "$TMP/two.json"

# --- 3b. the acceptance repeats the time the trainee proposed, not "the time you said" (both
# of it-trial's accept lines hold {time|...}; play-test 5, problem 15) ---
play "$EN" "Thanks, Dana, I'll keep it tight. How do you find out today when something in the warehouses stops working?
Two hundred a day, so the real alarm gets buried. Walk me through last month's scanner outage: how did you hear about it?
Let me check I've got it: the email flood hides real problems, and you want to hear about an outage before your floor manager does. Is that fair?
Apart from you, who else would have a say in bringing in a tool like this?
What would Marcus care about most?
Understood, nothing that needs babysitting. Anything else that worries you about adding a monitoring service, before I say how Beacon fits?
So four things: you hear first when scanners fail, one alert per incident instead of two hundred emails, no extra admin for a team of six, and uptime reports for the spring audit without building them by hand. Beacon pages the on-call engineer first, groups the noise into one alert per incident, we do the setup, and it produces the uptime report on a click.
Then let's prove it on your own floor: a two-week trial at one warehouse, with Marcus on a one-hour setup call this Thursday at 2pm. Which warehouse would you pick?" "$TMP/trial.json" >/dev/null
check "the trial is given" jq -e '[.turns[].customer[] | select(.kind == "give")] | length == 1' "$TMP/trial.json"
check "the acceptance names the trainee's time" jq -e '[.turns[-1].customer[] | select(.kind == "say") | .text] | any(test("Thursday at 2pm"; "i")) and (any(test("the time you said")) | not)' "$TMP/trial.json"

# --- 4. two buyers: the one addressed answers; a need is confirmed by the one who voiced it ---
out=$(play "$WH" "Grace, Martin, thanks for having me. Grace, what has been happening on the floor?
Grace, so three hundred wrong cases last quarter, each one a credit note. Did I get that right?
Martin, what would you need to see before approving something like this?
/notes" "$TMP/wh.json")
check "Grace, asked by name, answers her confirmation" jq -e '[.turns[1].customer[] | select(.kind == "say") | .text] | length == 1 and (.[0] | startswith("Grace:"))' "$TMP/wh.json"
check "the confirmation is credited to Grace, who voiced the need" jq -e '.turns[1].customer | any(.kind == "confirm" and .need == "mispicks" and .name == "Grace")' "$TMP/wh.json"
check "Martin, asked by name, answers" jq -e '[.turns[2].customer[] | select(.kind == "say") | .text] | length == 1 and (.[0] | startswith("Martin:"))' "$TMP/wh.json"
expect_contains "/notes shows who confirmed the need" "$out" "[confirmed by Grace] Grace: We shipped"
# two people in one line ("Grace: ... Martin: ...") are shown one line each, on the play
# screen and in replay (play-test 5, problem 20)
opening=$(printf '%s\n' "$out" | grep -F -m1 -A1 'Grace: Thanks for coming')
expect_contains "the opening shows Grace's words on a line of her own" "$opening" $'he looks after finance.\n» Martin: Hello.'
out=$(NO_COLOR=1 "$SALESIM" replay "$TMP/wh.json" 2>&1)
expect_contains "replay shows each person's words on a line of their own" "$out" $'» Grace: Thanks for coming'
if [[ "$out" == *"Martin Hale: Grace:"* ]]; then fail "replay does not put two speakers under the table's name" "$out"; else ok "replay does not put two speakers under the table's name"; fi

# a built-in answer (no person's name opens it) to a line for Martin is Martin's, not the table's
# (found in play, wave 6: "Grace Liu and Martin Hale: More or less. Why do you ask?")
play "$WH" "Thanks for having me, both. Grace, what prompted you to ask for this meeting?
Martin, from your side, what would a purchase like this have to prove?
Martin, do you drive in every day?" "$TMP/whf.json" >/dev/null
check "a fallback to a line for Martin is said by Martin" jq -e '[.turns[2].customer[] | select(.kind == "say") | .text][0] | startswith("Martin: ")' "$TMP/whf.json"

# --- 4b. each person keeps their own state: a line to Grace moves Grace's, not Martin's ---
out=$(play "$WH" "Grace, what has been happening on the floor?
Grace, so three hundred wrong cases last quarter, each one a credit note. Did I get that right?
/notes" "$TMP/whp.json")
check "a line to Grace moves Grace's trust and not Martin's" jq -e '(.debrief.people | map({(.name): .state.trust}) | add) as $t | $t.Grace == 6 and $t.Martin == 4' "$TMP/whp.json"
check "the debrief keeps each person's state at the end" jq -e '[.debrief.people[].name] == ["Grace", "Martin"] and all(.debrief.people[].state; has("interest") and has("patience") and .on_board == false)' "$TMP/whp.json"
# (two turns that moved Grace's side on cost her no patience; Martin, left out, lost two)
expect_contains "/notes shows how each of them stands" "$out" "Grace: trust 6, interest 4, patience 16"
expect_contains "... Martin too" "$out" "Martin: trust 4, interest 4, patience 14"
expect_contains "the debrief says how each of them stood at the end" "$out" "How each of them stands
  Grace: trust 6, interest 4, patience 16
  Martin: trust 4"
check "one customer: no people in the debrief" jq -e '.debrief | has("people") | not' "$TMP/two.json"
play "$WH" "Thank you both for making the time. Grace, what has been happening on the floor?
Every pick is confirmed with a check digit, so the wrong cases stop at the shelf." "$TMP/onb.json" >/dev/null
check "a benefit for Grace's need puts Grace on board, not Martin" jq -e '(.debrief.people | map({(.name): .state.on_board}) | add) == {"Grace": true, "Martin": false}' "$TMP/onb.json"

# --- 4c. a person whose patience runs out is warned first, in their words, then the visit ends ---
sed 's/^behaviour: warehouse-two-buyers.lua/behaviour: impatient.lua/' "$WH" >"$TMP/wh-imp.yaml"
cat >"$TMP/impatient.lua" <<'LUA'
-- Martin has a train to catch: four turns of patience, whatever the table's.
function on_turn(turn, ctx)
  if ctx.turn == 1 then customer.state("Martin").patience = 4 end
end
LUA
play "$TMP/wh-imp.yaml" "Grace, what has been happening on the floor?
Grace, how do you cope in December with seasonal staff?
Grace, which aisles are the worst?
Grace, what have you tried so far?
Grace, how many pickers work nights?
Grace, and the day shift?" "$TMP/imp.json" >/dev/null
check "Martin, whose patience runs out, warns two turns before" jq -e '([.turns[] | select(any(.customer[]; .kind == "end"))][0].n) as $last | [.turns[] | select(any(.customer[]; .key == "patience_low"))] | length == 1 and .[0].n == $last - 2 and $last == 5' "$TMP/imp.json"
check "... in his own words" jq -e '[.turns[].customer[] | select(.key == "patience_low") | .text] | .[0] | startswith("Martin:")' "$TMP/imp.json"
check "... and the visit ends for patience, his gone and Grace's not" jq -e '.debrief.end_cause == "patience" and (.debrief.people | map({(.name): .state.patience}) | add) as $p | $p.Martin == 0 and $p.Grace > 2' "$TMP/imp.json"

# --- 5. one reply per turn; no verbatim repeat while another variant exists; fallbacks fit ---
play "$EN" "Hi Dana, thanks for making time today.
How many warehouses do you run?
How many warehouses do you run?
We have been in this business for twenty years.
What happened with the scanners last month?
So the outage hit before anyone knew, and the alert emails are just noise to your team, is that right?" "$TMP/one.json" >/dev/null
check "at most one reply per turn" jq -e 'all(.turns[]; ([.customer[] | select(.kind == "say")] | length) <= 1)' "$TMP/one.json"
check "a question asked twice gets two different answers" jq -e '[.turns[1,2].customer[] | select(.kind == "say") | .text] | length == 2 and .[0] != .[1]' "$TMP/one.json"
play "$EN" "Hi Dana, thanks for making time today.
Could we start a two-week trial at Reno next Tuesday at ten with Marcus?
What is holding you back?
What else is holding you back?" "$TMP/obj.json" >/dev/null
check "an objection asked for twice is not said word for word again" jq -e '[.turns[2,3].customer[] | select(.kind == "say") | .text] | length == 2 and .[0] != .[1]' "$TMP/obj.json"
check "a plain statement gets an acknowledgement, not 'what do you mean'" jq -e '.turns[3].customer | any(.kind == "say" and (.text | test("mean|catch|follow") | not))' "$TMP/one.json"

# a feature said about a need she voiced is not a feature dump (voiced_need in a condition)
play scenarios/campus-platform.yaml "周处长您好,谢谢您抽出时间。
关于这件事,还有什么我们没谈到、您比较在意的吗?
家长那边确实麻烦。平台有家长端,孩子缺勤当天家长就能收到提醒,不会再等到打校长信箱。" "$TMP/voiced.json" >/dev/null
check "a feature about a voiced need gets no feature_dump" jq -e '(.turns[1].customer | any(.kind == "reveal")) and (.turns[2].customer | all(.key != "feature_dump"))' "$TMP/voiced.json"

# --- 6. a visit ends only for a visible reason, and the debrief says which ---
play "$EN" "Hi Dana, thanks for making time today.
Before I go through the details, what happened with the scanners last month?" "$TMP/word.json" >/dev/null
check "'before I go' in a question does not end the visit" jq -e '.ended_by != "customer"' "$TMP/word.json"
lines=$(for i in $(seq 1 16); do echo "We have dashboards, reports and a mobile app, number $i."; done)
out=$(play "$EN" "$lines" "$TMP/pat.json" --full)
check "patience runs out with a warning two turns before" jq -e '([.turns[] | select(any(.customer[]; .kind == "end"))][0].n) as $last | [.turns[] | select(any(.customer[]; .key == "patience_low"))][0].n == $last - 2' "$TMP/pat.json"
check "the debrief names patience as the cause" jq -e '.debrief.end_cause == "patience"' "$TMP/pat.json"
expect_contains "the debrief says why in words" "$out" "the customer ran out of time"
play "$EN" "Hi Dana, thanks for making time today.
Thanks, that's all for today. Goodbye!" "$TMP/bye.json" >/dev/null
check "a goodbye ends it, and the debrief says so" jq -e '.debrief.end_cause == "goodbye"' "$TMP/bye.json"

# --- 7. /restart asks first and keeps the first attempt ---
out=$(play "$EN" "Hi Dana, thanks for making time today.
/restart
n
What happened with the scanners last month?
/restart
y
Hello again." "$TMP/rs.json")
expect_contains "/restart asks before it starts over" "$out" "Start the visit over?"
expect_contains "/restart n: the visit goes on" "$out" "The visit goes on."
check "the first attempt's transcript is kept whole" jq -e '(.turns | length) == 2 and .ended_by == "quit"' "$TMP/rs.json"
check "the new attempt has its own transcript" jq -e '(.turns | length) == 1' "$TMP/rs-attempt2.json"

# --- 8. /hint uses the scenario's hints, each once, skipping those that no longer fit ---
out=$(play "$WH" "/hint
Grace, Martin, thanks for having me. Grace, what has been happening on the floor?
Martin, what would you need to see before approving something like this?
Grace, so three hundred wrong cases last quarter, each one a credit note. Did I get that right?
Martin, so it has to pay for itself within twelve months with your numbers, correct?
/hint" "$TMP/hint.json")
expect_contains "/hint shows the scenario's first hint" "$out" "Two people, two sets of needs"
if [[ "$out" == *"Confirm each need with the person"* ]]; then fail "a hint that no longer fits is skipped" "$out"; else ok "a hint that no longer fits is skipped"; fi
expect_contains "the next hint that fits is shown" "$out" "A summary that covers only Grace's needs"
# --- 9. an order asked before anything is within reach: the remark says why the Try line is smaller ---
out=$(play "$WH" "hi both, so PickRight is voice picking, it's great, everyone uses it
can we get the paperwork going today?" "$TMP/order.json" | tr -s ' \n' '  ')
expect_contains "the order asked too soon names the most this visit can give, and a smaller step first" "$out" \
  "and until they are ready for that, a smaller step."
# --- 10. a vague ask said on the way out is a goodbye: the visit ends there (blind trainer, round 14) ---
out=$(play scenarios/campus-platform.yaml "周处长好,最近学生处忙不忙?
好吧,那我回去给您做个方案发过来,您有空看看。再见!" "$TMP/bye.json")
check "a vague ask with 再见 ends the visit" jq -e '.ended_by == "customer"' "$TMP/bye.json"
# --- 11. asked by name at a table of two, the one asked answers (play-test 14: Martin answered Grace's question) ---
out=$(play "$WH" "Grace, what has been happening on the floor?
Martin, what would you need to see before approving something like this?
That's a fair bar, and I'll come back to it with your own figures; Grace, on the floor side, where does it usually go wrong?" "$TMP/asked.json")
check "the question put to Grace is answered by Grace" jq -e '[.turns[2].customer[] | select(.kind == "say") | .text][0] | startswith("Grace:")' "$TMP/asked.json"
# --- 12. a long greeting that apologises for the visit gets a greeting's reply, not the acknowledgement of a pitch ---
out=$(play scenarios/dealer-first-visit.yaml "陈总您好您好,不好意思打扰您了,我知道您忙,我就占您几分钟,真的不好意思哈" "$TMP/polite.json")
# (a greeting back since play-test 21: it asks nothing, so no talk of business either)
check "an apologetic greeting is answered with a greeting" jq -e '.turns[0].customer | any(.kind == "say" and .key == "greet_back")' "$TMP/polite.json"
# --- 13. a person named in the ask as typed ("tomas", "marcus") is the one her decision_chain lines name ---
play tests/data/links-outside/vineyard-sensors.yaml "so how do you guys decide when to water right now?
ok so thats kinda guesswork huh. our probes would tell you exactly when each block is thirsty
could you and tomas walk the slopes with me friday morning so we can check where the relay would reach?" "$TMP/chain.json" >/dev/null
"$SALESIM" replay "$TMP/chain.json" --json >"$TMP/chain-debrief.json" 2>/dev/null
check "an ask that brings in 'tomas' reaches the decision chain (Tomás in her line)" jq -e '[.skills[].findings[].rule] | (index("missed_decision_chain") == null) and (index("specific_ask") != null)' "$TMP/chain-debrief.json"
# --- 14. a fix offered in the words of her unvoiced worry draws the worry out (play-test 18: a
# rule that took the need from such a line was tried; she asked what it changed for her) ---
play scenarios/payment-collection.yaml "李总您好,地板铺完快两周了,用着怎么样?
踢脚线那几处接缝,我这周四就安排师傅过来重新处理,弄完您再验收。" "$TMP/fix.json" >/dev/null
check "a fix named by her worry's words brings the worry out" jq -e '.turns[1].customer | any(.kind == "reveal" and .need == "quality_doubt")' "$TMP/fix.json"
# --- 15. how few are made, said as what she gets, is rarity, a gain (play-test 18: -20 for a scare) ---
play scenarios/tableware-limited-run.yaml "What kind of customers come to your shop mostly?
Our sets are numbered, only 1000 made, so your customer get something nobody else have." "$TMP/rare.json" >/dev/null
check "'only 1000 made, so your customer get something nobody else have' is a benefit, not a loss appeal" jq -e '.turns[1].moves | (index("present_benefit") != null) and (index("loss_appeal") == null)' "$TMP/rare.json"
# --- 16. a credit of no points (a check in a collection visit, nothing else showing benefits) says
# why it counts nothing and offers no line to try (play-test 29b F10: "you checked ... Try: check");
# the complaint it brings out is settled before the ask (play-test 31: left standing, it is
# ask_past_concern, and the check counts) ---
out=$(play scenarios/payment-collection.yaml "李总好,今天来结一下尾款,发票带来了。
是不是甲方那边的钱还没到?
那您那边大概什么时候能到账?
我理解:不是不给,是进度款还没到,这个月还得先发工资,对吧?
除了钱的事,对地板和我们的服务还有没有不满意的地方?
踢脚线那条缝我记下了,明天上午就让师傅过来返修,不收您钱。
那今天先付两万,剩下两万八等下周进度款到了再付,我写下来您签个字,行吗?" "$TMP/note.json")
note=$(printf '%s\n' "$out" | sed -n '/· 0  提出承诺前先检查遗漏/,/^ 第\|^  [✓✗·]/p')
expect_contains "a check of no points says why it counts nothing" "$note" "这次不计分"
if [[ "$note" == *"试试"* ]]; then fail "a check of no points offers no line to try" "$note"; else ok "a check of no points offers no line to try"; fi
# --- 17. a hidden need asked about and sidestepped is no fault of the question: a note of no
# points with no Try line, not "stayed hidden" and the question asked (play-test 29a F4) ---
play scenarios/referral-follow-up.yaml "hey maria! quick one today, do you know anyone who might want a filter like yours?
oh the light? dont worry about that its normal. anyway your sister, Lucia right? she has hard water doesnt she
like I said its normal, its just a thing it does. so Lucia - could you give me her number?" "$TMP/sidestep.json" >/dev/null
"$SALESIM" replay "$TMP/sidestep.json" --json >"$TMP/sidestep-debrief.json" 2>/dev/null
check "a hidden need asked about and sidestepped is a note of no points and no Try line" jq -e '[.skills[].findings[] | select(.rule == "missed_hidden_need")] | length == 1 and .[0].message_id == "finding.missed_hidden_need.asked" and .[0].points == 0 and .[0].better == ""' "$TMP/sidestep-debrief.json"
check "a referral refused for her open complaint teaches settling it" jq -e '[.skills[].findings[] | select(.message_id == "finding.unrealistic_ask.grievance_open")] | length == 1 and (.[0].better | test("sort it out"))' "$TMP/sidestep-debrief.json"
# --- 18. a day taken back inside the ask: the customer and the debrief keep the day settled on
# (play-test 29 F1: "this Thursday - actually no, make that Monday" was booked for Thursday) ---
play "$EN" "Thanks Dana. I heard the scanners went down last month - can you walk me through what happened?
Ouch, two hours blind. How do you monitor things today - is there anything watching the scanners at all?
So two hundred emails a day, and the one that mattered got lost in the noise. What does the rest of your week look like - anything else eating your team's time?
Makes sense with a team of six. Are there any reports or audits you have to produce that take a lot of manual work?
Let me check I have this right: you need to hear about an outage before the floor manager does, without wading through 200 emails; it can't need a full-time admin; and the spring audit reports are a manual slog. Is that it?
Before I show you anything, is there anything else that matters - anyone else who'd need to be involved in a decision like this?
Got it, Marcus and Richard. Here's how Beacon fits: it pages your on-call the moment a scanner drops, so you hear before the floor does, and it replaces the email flood with one alert that matters. We do the setup so nobody on your team has to babysit it, and it produces the uptime report for your auditor automatically.
Does anything about that worry you, or anything you'd want to see proven first?
Great. Could we start a two-week trial on one warehouse this Friday at 9 - sorry, make that next Wednesday at 11am - with Marcus on the setup call?" "$TMP/corrected.json" >/dev/null
check "the customer says back the corrected day, not the one taken back" jq -e '[.turns[8].customer[] | select(.kind == "say") | .text] | join(" ") | test("next Wednesday at 11am") and (test("Friday") | not)' "$TMP/corrected.json"
"$SALESIM" replay "$TMP/corrected.json" --json >"$TMP/corrected-debrief.json" 2>/dev/null
check "the specific ask's finding names the corrected day" jq -e '[.skills[].findings[] | select(.rule == "specific_ask")][0] | .message_id == "finding.specific_ask.corrected" and .params.time == "next Wednesday at 11am"' "$TMP/corrected-debrief.json"
# --- 19. a recap said as her needs met, after the benefits were shown, is the summary on its own
# turn; an answer to her worry is credited though a higher-ranked line speaks for the turn
# (play-test 29a finding 7: the summary went to turn 10, and turn 8 earned nothing) ---
play scenarios/tableware-limited-run.yaml "Yes, that's me - thanks for fitting me in. What are you planning for the spring window this year?
Things nobody else has - ok. What's sold best for you in the window before, what kind of price point moves?
And what do your customers ask about when they pick up a plate - where it's from, how it's made?
So if I'm hearing you right, what matters most is stock the high street chains can't get or copy - that's what brings your regulars in. Right?
Is there anything else on your mind about adding a line like ours - price, space, margin?
That makes sense. Here's why I think these fit: each set is hand-glazed at one family kiln in Chaozhou and numbered, only a thousand made, so no chain can stock or copy them - when a regular asks where else, the answer really is nowhere. And because it's a one-off run with a story, shops like yours usually clear them within the season.
It is, yes - I can show you the sell-through from two shops in towns your size. Selling through in one season is the must-have for you, right? anything else stopping you?
Fair question. The shops I mentioned sell them at about 180 a set, which works out to a better margin per set than your factory ones, and customers pay it because each box has the kiln's story and a numbered card. Does that answer it?
Great. So: something the chains can't copy, a run that clears in one season, and a margin that justifies the price. One thing you should know - 860 of the 1,000 are already spoken for, so there are only 140 left. Shall I put 40 sets aside for your spring window today, delivered by the first week of March?
I understand, nobody wants a repeat of that. These are numbered and won't be made again, so they don't go stale like a pattern does, and I'll send you the sell-through figures from the other two shops this afternoon. Would you reserve 40 sets today, on the basis that you confirm the order by Friday once you've seen the figures?" "$TMP/needsmet.json" >/dev/null
"$SALESIM" replay "$TMP/needsmet.json" --json >"$TMP/needsmet-debrief.json" 2>/dev/null
check "the recap of her needs met is the summary of its own turn" jq -e '[.skills[].findings[] | select(.rule == "summary_tied_to_needs") | .turn] == [9]' "$TMP/needsmet-debrief.json"
check "an answer to her worry outranked by value_ack is credited" jq -e '[.skills[].findings[] | select(.rule == "objection_answered") | .turn] == [8]' "$TMP/needsmet-debrief.json"
# --- 20. one reply per turn: a reaction's line and the answer to the ask in the same line are said
# as one reply; an accept line that ends the visit asks the trainee nothing (play-test 29b F11:
# "发票你都带来了,...放这儿吧。" and "今天全付?..." came as two replies; "大概多少钱你给我个参考。"
# was said, and the next visit began at once) ---
out=$(play scenarios/payment-collection.yaml "李总好,是的,今天来结尾款。发票我带来了,四万八。" "$TMP/onereply.json")
reply=$(printf '%s\n' "$out" | sed -n '/^你> 李总好/{n;p;q}')
expect_contains "a reaction's line and the ask's answer are one reply" "$reply" "李总: 发票你都带来了,还挺讲究。放这儿吧。今天全付?"
sed 's/参考金额你回头发给我,我照着填。/大概多少钱你给我个参考?/' scenarios/hospital-campaign.yaml >"$TMP/hc-asks.yaml"
out=$("$SALESIM" check "$TMP/hc-asks.yaml" 2>&1)
expect_contains "check warns about an accept line that asks the trainee" "$out" "an accept line ends on a question"
out=$("$SALESIM" check scenarios/hospital-campaign.yaml 2>&1)
if [[ "$out" == *"accept line ends on a question"* ]]; then fail "the shipped accept lines ask nothing" "$out"; else ok "the shipped accept lines ask nothing"; fi
# --- 21. /hint gives the next thing to do, not advice already followed: after the outage and the
# emails were asked about and told, no "Ask about the outage" (play-test 29a finding 11) ---
out=$(play "$EN" "Hi Dana, thanks. How do you find out today when something breaks? And how did the outage last month play out?
what would 'knowing before he does' look like for you, ideally?
/hint" "$TMP/hint.json" --seed 21)
hint=$(printf '%s\n' "$out" | sed -n '/^Hint:/,/^$/p')
if [[ "$hint" == *"Ask about the outage"* ]]; then fail "/hint does not ask about what she already told" "$hint"; else ok "/hint does not ask about what she already told"; fi
expect_contains "/hint says to play her needs back" "$hint" "Play back what Dana told you"
# --- 30. a price cut offered while her complaint is open explains nothing: she does not thank
# for an explanation, and the offer is no "fair question" about a hidden need (play-test 29c F3:
# "if Lucia signs up I can knock 20% off ... free cartridge. deal?" got "Oh! So it's just the
# filter reminder") ---
play scenarios/referral-follow-up.yaml "hi maria! so glad the install went great. listen, do you know anyone else who might want one?
haha no no not selling! its just the system is really good, 5 stage filtration, removes 99% of chlorine, lead, has a smart faucet with the LED indicator, and the cartridges last 6 months
oh thats normal dont worry about it. anyway your sister Lucia just moved right? hard water over there, she'd love this. can you give me her number
ok ok. tell you what, if Lucia signs up I can knock 20% off her install, and give you a free cartridge. deal?" "$TMP/bribe.json" >/dev/null
check "a price cut is not heard as the light explained" jq -e '([.turns[3].customer[] | select(.kind == "say") | .text] | join(" ") | test("filter reminder") | not) and ([.turns[3].customer[] | select(.kind == "ease")] | length == 0)' "$TMP/bribe.json"
"$SALESIM" replay "$TMP/bribe.json" --json >"$TMP/bribe-debrief.json" 2>/dev/null
check "a price cut put as 'deal?' is no fair question about a hidden need" jq -e '[.skills[].findings[] | select(.message_id == "finding.missed_hidden_need.asked")] | length == 0' "$TMP/bribe-debrief.json"
# --- 31. the reserve step is shown in words either side used, and the higher step's Try line is an
# order with its day, not a reservation to confirm by Friday (play-test 29c F9: "reserves 40 sets
# until Friday, when she checks the budget with her bookkeeper", said by nobody) ---
play scenarios/tableware-limited-run.yaml "That's me - I'll keep it tight. What are you hoping your spring window does for the shop this year?
Makes sense, same stock as everyone else is hard to stand out with. Who's coming in who'd buy a set - what kind of customer?
So two things I'm hearing: your regulars want pieces they can't find elsewhere, and registry couples need to be able to add pieces later on. Have I got that right?
Anything else that matters when you pick a supplier for the window? Delivery, display, margin?
Right, no dead stock. So it has to move within the spring season - that's a must for you?
That's exactly what I'd want to avoid for you. Here's how our sets fit: each one is hand-glazed and numbered, only 1,000 made, so your regulars get something the department store can't have. The kiln keeps the pattern in open stock for five years, so a registry couple can add a bowl or a platter years later. And last spring shops like yours sold through a 40-set order in about six weeks.
Glad it lands. Before we talk numbers, is anything still bothering you - price, timing, anything?
One thing you should know: 860 of the 1,000 are already spoken for, only 140 left, and when they're gone there's no second run this year. Could I reserve 40 numbered sets for you today, delivered by March 1st for the window?" "$TMP/reserve.json" >/dev/null
"$SALESIM" replay "$TMP/reserve.json" --json >"$TMP/reserve-debrief.json" 2>/dev/null
check "the step agreed names no day or bookkeeper nobody said" jq -e '.outcome_params.action | test("Friday|bookkeeper") | not' "$TMP/reserve-debrief.json"
check "asking for less is taught with the order and its day" jq -e '[.skills[].findings[] | select(.rule == "ask_too_low")] | length == 1 and (.[0].better | test("order") and (test("Friday") | not))' "$TMP/reserve-debrief.json"
# --- 40. a story she welcomed after a refusal is a change: the same ask again is no "You asked
# me that already", and the debrief says what accepting the value takes, not "nothing had changed
# since" (play-test 29e F1, F2) ---
play scenarios/tableware-limited-run.yaml "Thanks for seeing me, Helen. Before I show you anything, how did last spring's tableware sell for you?
Can I take your order for 40 sets today, delivered by the first week of March?
Every set is hand-glazed at a family kiln, so each one is different.
Can I take your order for 40 sets today, delivered by the first week of March?" "$TMP/again.json" >/dev/null
"$SALESIM" replay "$TMP/again.json" --json >"$TMP/again-debrief.json" 2>/dev/null
check "the ask after a welcomed gain is not 'nothing had changed'" jq -e '[.skills[].findings[] | select(.rule == "unrealistic_ask" and .turn == 4) | .message] | length == 1 and (.[0] | test("nothing had changed") | not) and (.[0] | test("a need they confirmed"))' "$TMP/again-debrief.json"
# --- 41. a referral asked before asking how it works teaches asking how it works, not another
# referral ask (play-test 29e #4) ---
play scenarios/referral-follow-up.yaml "hi maria! so glad it all went in fine. do you know anyone else who might want one??" "$TMP/early.json" >/dev/null
"$SALESIM" replay "$TMP/early.json" --json >"$TMP/early-debrief.json" 2>/dev/null
check "a referral asked too early teaches asking how it works" jq -e '[.skills[].findings[] | select(.message_id == "finding.unrealistic_ask.referral_early")] | length == 1 and (.[0].better | test("working for you since"))' "$TMP/early-debrief.json"
# --- 42. a summary a reaction answered in her own words confirms the needs those words speak to:
# "Yes, honestly we're happy. Better coffee, no more bottles, and now I know what the light means."
# said nothing of Lucia, and the debrief had her confirm the sister's hard water (play-test 30 F11) ---
play scenarios/referral-follow-up.yaml "Hi Maria, thanks for having me back. So it's been three weeks - how's the water been for you? Cooking, drinking, all that?
Thats great to hear. Anything that's bugging you about it though? Flow, noise, the tap, anything at all
Ah, sorry nobody explained that. Orange blinking just means the filter is coming up for a change, its not broken. Let me show you, I can reset it now and I'll put a reminder card under the sink so you know what each colour means.
Is there anything else, anything about the water or the service, that you're not happy with?
Good. By the way, Tom mentioned your sister Lucia just moved into an older place across town. hows she finding the water there?
So for you it's been better coffee, no more bottled water to lug home, and now the light thing is sorted. Sounds like Lucia's dealing with exactly what you had before, scale in the kettle and all." "$TMP/sister.json" >/dev/null
check "a summary answered in her words confirms what they name, not Lucia's water" \
  jq -e '[.turns[5].customer[] | select(.kind == "confirm") | .need] | (index("taste") != null) and (index("blinking_light") != null) and (index("sister_house") == null)' "$TMP/sister.json"
# --- 50. a line to try is true to the brief: campus-platform's 学生处 runs the whole university's
# 两万多 students, so no Try line speaks of "全院几千个学生" (play-test 30b #11: a need example said so,
# and the debrief handed it to the trainee) ---
cat >"$TMP/in.txt" <<'EOT'
周处长好!今天给您带来了我们学工通的最新版本,功能真的特别强大,有签到、请假、奖助学金评定、宿舍管理、心理测评、就业统计、党团管理,还有大数据驾驶舱,领导一看就很有面子,而且支持手机端小程序和PC端,数据全部上云
It can solve everything! 就是说啥都能管,全校两万学生的事一个平台全搞定,别的学校用了都说好
关系大了,您用了就知道了。这样,价格方面您放心,今年签的话我给您打个七折,还送一年运维
Sure, definitely it can. 您看要不这样,这周就把采购合同定下来,全校铺开,我们下个月就能上线
Let me know when you are free, we can talk more.
那处长您再考虑考虑,有空的时侯我们再聊聊,或者您觉得合适了给我打个电话
好嘞,那我先不打扰您了,谢谢处长!
EOT
"$SALESIM" play scenarios/campus-platform.yaml --script "$TMP/in.txt" --seed 99 --transcript "$TMP/pt30-v6.json" >/dev/null 2>&1
check "campus-platform: the Try lines of a clumsy visit speak of the whole university, not a 院" \
  jq -e '[.debrief.skills[].findings[].better | select(. != "")] | length > 0 and (map(test("全院|几千个学生")) | any | not)' "$TMP/pt30-v6.json"
# --- 51. news she was just told goes only a whole sentence at a time: "at 6 a.m. and we found out
# at 8" is one sentence, so "I heard the scanners went down last month" gets it whole, not "and we
# found out at 8, ..." (play-test 30c F9: the "a.m. " was taken for a sentence's end) ---
printf '%s\n' "Hi Dana, thanks for the time. I heard the scanners went down last month, what happened exactly?" >"$TMP/in.txt"
"$SALESIM" play "$EN" --script "$TMP/in.txt" --seed 8 --transcript "$TMP/am.json" >/dev/null 2>&1
check "a sentence with \"6 a.m. and\" is said whole, not from its \"and\"" \
  jq -e '[.turns[0].customer[] | select(.kind == "say") | .text] | any(startswith("The scanners went down at 6 a.m. and we found out at 8"))' "$TMP/am.json"
# --- 52. a need the seller named and settled first, and she welcomed, is no news later: a check
# after "that's a weight off" got the blinking light as a new complaint (play-test 32, 32a M7;
# customer.answered). Near case: a check with nothing settled first still brings the light out ---
printf '%s\n' "Morning Maria, how is the water tasting for cooking and drinking these days?" \
  "By the way, if you've seen the orange light on the tap flashing, that's only the reminder for the cartridge change, nothing is wrong with it." \
  "Is there anything else about the system that's bothering you?" >"$TMP/in.txt"
"$SALESIM" play scenarios/referral-follow-up.yaml --script "$TMP/in.txt" --seed 6 --transcript "$TMP/settled.json" >/dev/null 2>&1
check "a need settled first is not raised again as news on a check" \
  jq -e '[.turns[].customer[] | select(.kind == "reveal") | .need] | index("blinking_light") | not' "$TMP/settled.json"
printf '%s\n' "Morning Maria, how is the water tasting for cooking and drinking these days?" \
  "Is there anything else about the system that's bothering you?" >"$TMP/in.txt"
"$SALESIM" play scenarios/referral-follow-up.yaml --script "$TMP/in.txt" --seed 6 --transcript "$TMP/unsettled.json" >/dev/null 2>&1
check "... and a check with nothing settled brings it out" \
  jq -e '[.turns[1].customer[] | select(.kind == "reveal") | .need] | index("blinking_light") != null' "$TMP/unsettled.json"
finish
