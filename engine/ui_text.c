/*
** ui_text.c: the interface's words, English and Chinese side by side so they stay in step.
*/
#include <string.h>

#include "ui.h"

static const char *const text[UI_COUNT][2] = {
  [UI_YOU] = { "You", "你" },
  [UI_CUSTOMER_LABEL] = { "Customer", "客户" },
  [UI_GOAL] = { "Goal of this visit", "本次拜访目标" },
  [UI_TYPE_HINT] = { "Type what you would say to the customer. /help lists the commands; "
                     "Ctrl-D ends the visit.",
                     "输入你要对客户说的话。/help 查看命令,Ctrl-D 结束拜访。" },
  [UI_HELP] = {
    "/help     this list\n"
    "/hint     a coaching hint for this moment (noted in the debrief)\n"
    "/brief    the briefing again\n"
    "/notes    needs, objections and commitments heard so far\n"
    "/score    your running score\n"
    "/restart  start the visit again\n"
    "/quit     end the visit and see the debrief\n"
    "Tab completes a command; Up and Down recall earlier lines; Ctrl-C clears the line.",
    "/help     显示本列表\n"
    "/hint     针对当前情况的教练提示(会记入复盘)\n"
    "/brief    再看一遍背景介绍\n"
    "/notes    目前了解到的需求、顾虑和承诺\n"
    "/score    当前得分\n"
    "/restart  重新开始这次拜访\n"
    "/quit     结束拜访并查看复盘\n"
    "Tab 补全命令;上下方向键调出之前的输入;Ctrl-C 清空当前行。" },
  [UI_HINT] = { "Hint", "提示" },
  [UI_CANCELLED] = { "(line cleared; /quit ends the visit)", "(已清空本行;/quit 结束拜访)" },
  [UI_UNKNOWN_COMMAND] = { "Unknown command %s; /help lists the commands.",
                           "没有 %s 这个命令;/help 查看命令列表。" },
  [UI_TOO_LONG] = { "That line is %zu bytes long; say it in fewer words (at most %d).",
                    "这句话有 %zu 字节,太长了;请说得简短些(最多 %d 字节)。" },
  [UI_NOTES_NEEDS] = { "Needs", "需求" },
  [UI_NOTES_NONE] = { "nothing yet", "暂无" },
  [UI_NOTES_COMMITMENTS] = { "Commitments", "承诺" },
  [UI_NOTES_OBJECTIONS] = { "Objections", "顾虑" },
  [UI_REVEALED] = { "voiced", "已说出" },
  [UI_CONFIRMED] = { "confirmed", "已确认" },
  [UI_GIVEN] = { "given", "已答应" },
  [UI_REFUSED] = { "refused", "被拒绝" },
  [UI_SCORE_SO_FAR] = { "Score so far", "目前得分" },
  [UI_RESTARTED] = { "The visit starts again.", "拜访重新开始。" },
  [UI_VISIT_OVER] = { "The visit is over.", "拜访结束。" },
  [UI_NEXT_VISIT] = { "Next visit", "下一次拜访" },
  [UI_SCRIPT_ERROR] = { "scenario script error (the customer carries on with the default "
                        "behaviour)", "场景脚本出错(客户按默认行为继续)" },
  [UI_TRANSCRIPT_SAVED] = { "Transcript saved to %s", "记录已保存到 %s" },
  [UI_TRANSCRIPT_FAILED] = { "could not save the transcript: %s", "无法保存记录:%s" },
  [UI_GRADEBOOK_SAVED] = { "Recorded in the gradebook %s", "已记入成绩册 %s" },
  [UI_GRADEBOOK_FAILED] = { "could not record the session in the gradebook: %s",
                            "无法记入成绩册:%s" },
  [UI_GRADEBOOK_LATER] = { "the visit is kept in %s; record it later with: salesim record %s%s",
                           "本次拜访已保存在 %s;稍后可用以下命令记入成绩册:salesim record %s%s" },
  [UI_COMMITTED] = { "agreed to", "答应了" },
  [UI_EMPTY_INPUT] = { "(say something to the customer, or /help)", "(请对客户说点什么,或输入 /help)" },
  [UI_RESTART_ASK] = { "Start the visit over? This attempt is kept in its transcript. (y/n)",
                       "重新开始拜访?这次的记录会保留。(y/n)" },
  [UI_RESTART_KEPT] = { "The first attempt is kept in %s", "上一次尝试保存在 %s" },
  [UI_RESTART_NOT] = { "The visit goes on.", "拜访继续。" },
  [UI_CONFIRMED_BY] = { "confirmed by %s", "%s 确认" },
};

const char *ui_str(const char *lang, ui_key k) {
  int zh = lang && strcmp(lang, "zh") == 0;
  const char *s = (k >= 0 && k < UI_COUNT) ? text[k][zh] : NULL;
  return s ? s : "";
}
