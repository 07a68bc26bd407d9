/*
** score_rules.c: the scorer's rule table.  Each rule names the skill it feeds, its default
** points (negative = lost, positive = won), the principle behind it and an example of a better
** line, in English and Chinese, and the seed article the principle comes from.
** docs/scoring.md lists the same rules for trainers; keep the two in step.
** The ids are stable: scenarios override points by id and the gradebook stores them.
*/
#include <string.h>
#include "score.h"

#define S000 "000_dae31bd729f019cf.txt"
#define S001 "001_ea7d3aff8fd646a5.txt"
#define S002 "002_d408c82427e8d4bb.txt"
#define S003 "003_3edb5b4c417e1f92.txt"
#define S004 "004_2b4f5a5586c8cdbf.txt"

static const score_rule rules[] = {
  /* ---- commitment ------------------------------------------------------------------------ */
  { "no_ask", SK_COMMITMENT, -40,
    "Every visit needs a goal the customer acts on. A visit that ends without asking for a "
    "concrete next step leaves the deal exactly where it was.",
    "每次拜访都要有一个让客户动起来的目标。没有提出具体的下一步就离开，订单原地不动。",
    "Before I go: could you bring the two colleagues who would use this most to a 30-minute demo "
    "in your office next Tuesday at 10?",
    "我走之前想请您帮个忙：下周二上午十点，能不能请两位最常用到它的同事，在您办公室一"
    "起看30分钟的演示？",
    S001 },
  { "vague_ask", SK_COMMITMENT, -15,
    "An ask only moves the deal when it names the action, the time and who takes part or where. "
    "\"Let's find some time\" commits nobody to anything.",
    "只有讲清做什么、什么时候、谁参加或在哪里，承诺才算数。“找时间再聊”谁也没有约束。",
    "Could you bring your operations manager to a 30-minute demo in your meeting room next "
    "Wednesday at 3 pm?",
    "下周三下午三点，能否请您带上运营经理，在你们会议室看一场30分钟的演示？",
    S001 },
  { "unrealistic_ask", SK_COMMITMENT, -15,
    "Ask for what the customer can really give today. Pushing for a contract before they accept "
    "the value or trust you only earns a refusal.",
    "要提客户今天真正给得起的承诺。客户还没认可价值、还不信任你时就要合同，只会换来拒绝。",
    "Since it's early days, would you be willing to try it with one team for two weeks first?",
    "现在还早，您看能不能先让一个团队试用两周？",
    S001 },
  { "ask_too_low", SK_COMMITMENT, -5,
    "Propose the most the customer can realistically give. Asking for less than they are ready "
    "for wastes a visit.",
    "提议客户现实中能给的最高承诺。客户已经准备好更进一步时，只要一个小动作就浪费了这次拜访。",
    "You've seen how it fits; could we put the full demo with your director in the calendar for "
    "Thursday at 2?",
    "您已经看到它怎么帮到你们了，我们能不能把周四下午两点和您领导一起的完整演示定下来"
    "？",
    S002 },
  { "seller_only_progress", SK_COMMITMENT, -15,
    "A deal moves when the customer acts. Offering to send a proposal or a quote is your work, "
    "not theirs: without their action the visit is only a continuation.",
    "订单靠客户的行动前进。你主动发方案、报价是你在忙，不是客户在动；客户没有行动，这次拜访只是暂时中断。",
    "I'll prepare the proposal; could you review it with your finance colleague and meet me "
    "Friday at 4 to go through their questions?",
    "方案我来准备；能否请您和财务的同事一起看一下，周五下午四点我们一起过一遍他们的问题？",
    S001 },
  { "repeated_closes", SK_COMMITMENT, -15,
    "More closing attempts do not bring more success. Asking again and again without learning "
    "anything new reads as pressure and costs trust.",
    "成交尝试越多并不等于成功越多。没有获得新信息就一再催促，客户只会感到压力，信任随之下降。",
    "I sense something is holding you back. What would you need to see before taking that step?",
    "我感觉您还有顾虑。要迈出这一步，您还需要看到什么？",
    S002 },
  { "lower_before_probe", SK_COMMITMENT, -15,
    "On a refusal, first find out what holds the customer back. Lower the ask only after that, "
    "and walk away when nothing is left.",
    "客户拒绝时，先问清是什么让他犹豫；弄清原因之后再降低要求，实在不行再体面地离开。",
    "Before we change the plan, may I ask what makes next week difficult for you?",
    "我们先不改计划，能请教一下，下周安排起来难在哪里吗？",
    S001 },
  { "praise_ending", SK_COMMITMENT, -10,
    "Judge a visit by what the customer does, not by kind words. Ending on thanks and praise "
    "without an ask turns a good talk into a continuation.",
    "判断拜访要看客户做了什么，而不是说了什么好话。只以感谢和客套收尾而不提承诺，再愉快的谈话也只是暂时中断。",
    "Thank you, I'm glad it fits. To keep it moving, could we fix the trial start for Monday "
    "with your team leads?",
    "谢谢您的认可。为了往前推进，我们能不能把试用定在下周一开始，请各组负责人一起参加"
    "？",
    S001 },
  { "specific_ask", SK_COMMITMENT, 15,
    "A specific ask names the action, the time and who or where, so the customer knows exactly "
    "what they agree to.",
    "具体的承诺讲清做什么、什么时候、谁参加或在哪里，客户清楚自己答应的是什么。",
    "Could you invite your two department heads to a demo in meeting room 2 next Thursday at 10?",
    "下周四上午十点，能否请两位部门负责人到二号会议室看演示？",
    S001 },
  { "realistic_ask", SK_COMMITMENT, 10,
    "The ask matched where the customer stands: the most they could give at that moment, and "
    "no more.",
    "所提承诺符合客户当时的状态：是客户当下能给的最高承诺，而且没有超出。",
    "Given what you've seen today, could you arrange for your director to join a demo next week?",
    "根据今天您看到的，能否请您安排主任下周一起看个演示？",
    S002 },
  { "probed_refusal", SK_COMMITMENT, 10,
    "After a refusal, asking what stands in the way brings out the real objection and keeps the "
    "conversation open.",
    "被拒绝后先问清障碍在哪里，能引出真正的顾虑，谈话也能继续下去。",
    "I understand. What would make it easier for you to say yes?",
    "我理解。怎样做会让您更容易答应呢？",
    S001 },
  { "payment_specific", SK_COMMITMENT, 15,
    "Collecting payment needs a clear date and amount the customer agrees to, written down in "
    "front of them.",
    "收款要有客户认可的明确日期和金额，并当面记下来。",
    "So we agree: the remaining 48,000 yuan by this Friday the 15th; I'll bring the invoice.",
    "那我们说定：剩余的4.8万元本周五15号前付清，发票我当天带过来。",
    S003 },
  { "payment_vague", SK_COMMITMENT, -15,
    "\"Pay when you can\" gives the customer room to delay. A payment ask names the date and the "
    "amount.",
    "\"方便时付一下\"等于给客户拖延的余地。收款要讲清日期和金额。",
    "Could we settle the 48,000 yuan balance this Friday? I'll come by at 10 with the invoice.",
    "4.8万元尾款能否本周五结清？我上午十点带发票过来。",
    S003 },
  { "no_payment_ask", SK_COMMITMENT, -40,
    "A collection visit that never asks for the money, with a date and an amount, collects "
    "nothing.",
    "收款拜访如果始终没有提出付款日期和金额，就什么也收不回来。",
    "I'm here about the balance of 48,000 yuan: can it be paid by Friday the 15th?",
    "我这次来是为了4.8万元尾款：能不能在15号周五之前付清？",
    S003 },
  { "referral_asked", SK_COMMITMENT, 15,
    "A satisfied customer is the best source of new ones: asking for a named introduction turns "
    "goodwill into an action.",
    "满意的客户是新客户最好的来源：请客户介绍一位具体的人，把好感变成行动。",
    "Who else in your network runs into the same problem? Could you introduce me to them this "
    "week?",
    "您认识的人里还有谁遇到同样的问题？这周能帮我引荐一下吗？",
    S004 },
  { "no_referral_ask", SK_COMMITMENT, -30,
    "A follow-up visit with a happy customer is the moment to ask for a referral; leaving "
    "without it wastes their goodwill.",
    "回访满意的客户正是请他转介绍的时机；不开口就离开，浪费了客户的好感。",
    "I'm glad it's working for you. Is there a colleague at another company who could use it too?",
    "很高兴您用得顺手。您在其他公司有没有同行也用得上？能帮我介绍一下吗？",
    S004 },
  { "outcome_order", SK_COMMITMENT, 30,
    "The customer placed the order: the visit reached the best outcome.",
    "客户下了订单：这次拜访达到了最好的结果。",
    "Thank you for your trust. I'll confirm the delivery date with you by tomorrow noon.",
    "感谢您的信任。我明天中午前和您确认交付日期。",
    S002 },
  { "outcome_advance", SK_COMMITMENT, 20,
    "The customer agreed to act (an advance): the deal moved closer to an order.",
    "客户答应采取行动（晋级）：订单向成交又近了一步。",
    "Great, I'll send the invitation for Wednesday at 3 now so your team has it in their "
    "calendars.",
    "好的，我现在就把周三下午三点的邀请发过去，方便大家排进日程。",
    S002 },
  { "outcome_continuation", SK_COMMITMENT, -10,
    "A continuation is not a neutral result: the customer spent the visit and committed to no "
    "action, so the deal is where it was and the next visit starts from there.",
    "暂时中断并不是不好不坏的结果：客户花了时间却没有承诺任何行动，订单停在原地，下次还得从这里开始。",
    "Before I go: could we fix the next step now, a 30-minute demo with your team next Tuesday "
    "at 10?",
    "我走之前，咱们把下一步定下来：下周二上午十点，和您的团队一起看30分钟的演示，好吗？",
    S002 },
  /* ---- benefits -------------------------------------------------------------------------- */
  { "ask_without_check", SK_BENEFITS, -15,
    "Before asking, check the key points: a customer with an unspoken concern will not commit.",
    "提出承诺之前先检查关键点：客户心里还有没说出来的顾虑，就不会答应。",
    "Before we talk about next steps: is there anything we haven't covered that matters to you?",
    "在谈下一步之前想确认一下：还有什么对您重要、我们没谈到的吗？",
    S002 },
  { "ask_without_summary", SK_BENEFITS, -15,
    "Sum up the benefits in the customer's own terms before the ask, so the ask follows from "
    "what they already agreed with.",
    "提出承诺之前，用客户自己的话总结利益，让承诺顺理成章地来自客户已经认同的内容。",
    "So to recap: your team loses two hours a day to manual reports, and the automatic reports "
    "give those hours back. Is that right?",
    "我总结一下：您的团队每天要花两个小时手工做报表，自动报表能把这两个小时省下来。是"
    "这样吗？",
    S002 },
  { "summary_misses_needs", SK_BENEFITS, -10,
    "A summary should cover every need the customer confirmed; a need left out looks forgotten.",
    "总结要覆盖客户确认过的每一个需求；漏掉的需求会让客户觉得你没听进去。",
    "Let me make sure I have everything: the manual reports and the late deliveries. Here is how "
    "we handle each of them ...",
    "我确认一下有没有遗漏：手工报表的问题，还有交货延迟的问题，我们分别这样解决……",
    S002 },
  { "summary_unconfirmed_needs", SK_BENEFITS, -15,
    "Sum up only needs the customer voiced. Citing needs they never mentioned turns the summary "
    "into your pitch, not their agreement.",
    "只总结客户亲口说过的需求。把客户没提过的需求加进去，总结就成了你的推销，而不是客户的认同。",
    "You mentioned the time spent on manual reports; is there anything else on your side I "
    "should include?",
    "您提到手工做报表很花时间；您这边还有别的需要我一起考虑的吗？",
    S002 },
  { "feature_list", SK_BENEFITS, -10,
    "A feature means something to the customer only when it is tied to a need they have. A list "
    "of features is noise.",
    "功能只有和客户的需求挂钩才有意义。罗列功能只是噪音。",
    "Because your team spends an hour a day on reports, the automatic report gives them that "
    "hour back.",
    "因为您的团队每天要花一个小时做报表，自动报表能把这一个小时还给他们。",
    S002 },
  { "checked_concerns", SK_BENEFITS, 15,
    "Checking for open points before the ask let the customer voice what still worried them.",
    "提出承诺前检查遗漏，让客户有机会说出仍然担心的地方。",
    "Is there anything we haven't covered yet?",
    "还有什么我们没谈到的吗？",
    S002 },
  { "summary_tied_to_needs", SK_BENEFITS, 20,
    "The summary tied each benefit to a need the customer confirmed.",
    "总结把每一项利益都对应到了客户确认过的需求上。",
    "As we agreed, the automatic reports save your team an hour a day, and your customers see "
    "their delivery status at once.",
    "正如我们确认的，自动报表每天为您的团队节省一小时，客户也能随时看到交货进度。",
    S002 },
  { "summary_rejected", SK_BENEFITS, -10,
    "A summary only counts when the customer recognises it. One they reject shows you were "
    "telling, not listening: go back to what they said.",
    "总结只有客户认同才算数。客户不认的总结说明你在讲自己的，而不是在听客户说：回到客户的原话。",
    "Let me check I heard you right: the manual reports cost your team two hours a day. Is that "
    "the main thing?",
    "我确认一下有没有听对：手工报表每天占用您团队两个小时，这是最主要的问题吗？",
    S002 },
  /* ---- tactics --------------------------------------------------------------------------- */
  { "loss_before_value", SK_TACTICS, -20,
    "Fear of loss works only once the customer accepts the value and has the purchase on their "
    "list. Before that, a deadline or scarcity is just pressure that costs trust.",
    "损失厌恶只有在客户认可价值、并且已列入采购计划时才有效。在此之前讲期限和限量，只是施压，会损失信任。",
    "A company of your size cut that work by 80% in one quarter; I can show you their numbers.",
    "一家和你们规模相近的公司，一个季度就把这部分工作减少了八成；我可以给您看他们的数"
    "据。",
    S000 },
  { "discount_for_trust", SK_TACTICS, -20,
    "A price cut does not fix missing trust or value; it only lowers the price of something "
    "the customer still doubts. Build the value first.",
    "降价解决不了信任或价值的缺失，只会让客户怀疑的东西变便宜。先把价值讲清楚。",
    "Rather than talk about price now, may I show you the results a similar customer got in its "
    "first month?",
    "先不谈价格，我给您看看一家类似客户第一个月的效果，好吗？",
    S004 },
  { "gain_when_needed", SK_TACTICS, 15,
    "While the customer is still weighing the value, showing gain (value, proof, a similar "
    "client's result) is the right lever.",
    "客户还在衡量价值时，展示收益（价值、证据、同类客户的成果）是正确的做法。",
    "Here is what a customer like you saved in its first quarter.",
    "这是一家和您类似的客户第一个季度节省下来的成本。",
    S000 },
  { "loss_when_ready", SK_TACTICS, 20,
    "Once the customer accepts the value and has it on the purchase list, a real deadline or "
    "limited supply helps them decide now.",
    "客户认可价值并已列入采购计划后，真实的期限或限量能帮助他现在就做决定。",
    "The current price holds until the end of the month; after that the new list applies.",
    "现在的价格保留到月底，下个月起执行新价格。",
    S000 },
  { "hostile_threat", SK_TACTICS, -40,   /* twice a misplaced deadline: it makes an opponent */
    "Firm is not hostile. Holding the customer to what was agreed keeps the relationship; "
    "threatening lawyers, collections or a cut-off turns a late payer or a hesitant buyer into "
    "an opponent who now has a reason not to act. Unlike a deadline once the value is accepted, "
    "a threat is never the right lever.",
    "坚定不等于敌对。按约定办事，关系还在；拿律师、催收、断供来吓唬客户，会把一个晚付款或还在犹豫的客户"
    "变成对手，他反而有了不配合的理由。期限在客户认可价值后可以用，威胁在任何时候都不该用。",
    "We agreed on 48,000 yuan today. What is standing in the way? If today is not possible, "
    "let's write down the date and the amount now and you sign it.",
    "咱们约定的是今天付四万八千元。是什么卡住了？今天实在不行，我们现在就把付款日期和金额写下来，"
    "您签个字。",
    S003 },
  { "pressure_after_sale", SK_TACTICS, -15,
    "After the sale there is nothing left for the customer to lose by waiting: a deadline or "
    "scarcity in a referral or follow-up visit only spends the goodwill you came for.",
    "成交之后，客户等一等也不会失去什么：在转介绍或回访时讲期限、讲限量，只会消耗你想争取的好感。",
    "I'm glad it's working for you. Who do you know who has the same problem? Could you "
    "introduce me this week?",
    "很高兴您用得满意。您身边还有谁有同样的问题？这周能帮我介绍一下吗？",
    S004 },
  { "firm_fair_payment", SK_TACTICS, 15,
    "Firm but fair: holding the customer to the agreed amount and a date, without a threat or a "
    "discount, is the right lever in a collection.",
    "坚定而公道：按约定讲清金额和日期，不威胁、不打折，是收款时正确的做法。",
    "As agreed, the remaining 48,000 yuan is due; can it be paid this Friday the 15th? I'll bring "
    "the invoice.",
    "按合同约定，剩下的四万八千元该结了；能不能这周五15号付清？发票我带过来。",
    S003 },
  /* ---- discovery ------------------------------------------------------------------------- */
  { "pitch_before_discovery", SK_DISCOVERY, -10,
    "Find and confirm the customer's needs before presenting: a pitch without a need has nothing "
    "to land on.",
    "先发现并确认客户的需求，再介绍产品：没有需求作支撑，介绍就落不了地。",
    "Before I show you anything, how does your team handle this today?",
    "在介绍之前，想先了解一下：你们团队现在是怎么处理这件事的？",
    S002 },
  { "no_discovery", SK_DISCOVERY, -30,
    "Selling starts from a need. A visit that uncovers no need leaves nothing to tie "
    "the value to.",
    "销售从需求开始。一次拜访没有发现任何需求，就没有东西可以和价值挂钩。",
    "What takes most of your team's time in a normal week?",
    "平常一周里，什么事情最占用你们团队的时间？",
    S004 },
  { "missed_hidden_need", SK_DISCOVERY, -10,
    "Some needs only come out when asked about: the customer had one that stayed hidden.",
    "有些需求只有问到才会说出来：客户有一个需求始终没被发现。",
    "Besides that, what else in this area worries you?",
    "除了这个，这方面还有什么让您放心不下的？",
    S004 },
  { "missed_decision_chain", SK_DISCOVERY, -15,
    "A purchase involves everyone who influences it: each person in the decision chain has "
    "needs of their own, and the deal moves only when they are reached.",
    "一笔采购涉及所有能影响决策的人。这次拜访始终没有问清还有谁参与决策。",
    "Besides you, who else will have a say in this decision, and what matters to them?",
    "除了您，还有哪些人会参与这个决定？他们各自最关心什么？",
    S004 },
  { "need_uncovered", SK_DISCOVERY, 5,
    "Needs come out when the seller asks about the customer's work: the customer voiced one in "
    "answer to a question.",
    "需求要靠询问客户的工作才会浮现：客户在回答问题时说出了一个需求。",
    "What happens on your side when this goes wrong?",
    "这件事出问题的时候，你们那边一般会怎样？",
    S004 },
  { "need_confirmed", SK_DISCOVERY, 10,
    "The customer confirmed a need in their own words; the value can now be tied to it.",
    "客户用自己的话确认了一个需求，之后的价值就有了落脚点。",
    "So the main pain is the manual reporting; did I get that right?",
    "所以最主要的困扰是手工做报表，我理解得对吗？",
    S002 },
  { "hidden_need_found", SK_DISCOVERY, 10,
    "A good question brought out a need the customer would not have volunteered.",
    "一个好问题引出了客户原本不会主动说的需求。",
    "How do your customers find out where their order is?",
    "您的客户一般怎么知道订单进展到哪一步了？",
    S004 },
  { "decision_chain_asked", SK_DISCOVERY, 10,
    "Asking who else takes part in the decision opens the way to every influencer.",
    "问清还有谁参与决策，就打开了接触每一位影响者的通道。",
    "Who else would need to be comfortable with this before it goes ahead?",
    "这件事推进之前，还需要哪些人点头？",
    S004 },
};

/* The whole table, in docs/scoring.md order. */
const score_rule *score_rules(int *n) {
  if (n) *n = (int)(sizeof rules / sizeof rules[0]);
  return rules;
}

/* Looks a rule up by its stable id; NULL when unknown (scenario overrides are checked with it). */
const score_rule *score_rule_find(const char *id) {
  if (!id) return NULL;
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    if (strcmp(rules[i].id, id) == 0) return &rules[i];
  return NULL;
}

static const score_tier tiers[] = {
  { 90, "excellent", "Excellent", "优秀" },
  { 75, "proficient", "Proficient", "熟练" },
  { 50, "developing", "Developing", "入门" },
  { 0, "beginner", "Not yet", "尚未入门" },
};

/* The default proficiency tiers, best first (docs/scoring.md). */
const score_tier *score_tiers(int *n) {
  if (n) *n = (int)(sizeof tiers / sizeof tiers[0]);
  return tiers;
}

static const char *const kind_names[] = { "first_visit", "follow_up", "payment", "referral" };

/* The JSON and docs name of a visit kind. */
const char *score_visit_kind_name(score_visit_kind k) {
  return (k >= 0 && k <= SV_REFERRAL) ? kind_names[k] : "first_visit";
}

static const char *const skill_names[SK_COUNT] = { "commitment", "benefits", "tactics", "discovery" };

/* The JSON and docs name of a skill. */
const char *score_skill_name(score_skill s) {
  return (s >= 0 && s < SK_COUNT) ? skill_names[s] : "unknown";
}

/* The skill for a name, or -1. */
int score_skill_from_name(const char *name) {
  if (!name) return -1;
  for (int i = 0; i < SK_COUNT; i++)
    if (strcmp(skill_names[i], name) == 0) return i;
  return -1;
}
