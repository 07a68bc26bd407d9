-- warehouse-two-buyers.lua: two people from one decision chain at one table.
--
-- Grace (operations) comes on board when the trainee shows how PickRight answers a need she
-- voiced; Martin (finance) the same for his needs.  Each person keeps it in their own state
-- (customer.state("Grace").on_board), and the step that wins them over raises their own trust
-- with the table's.  The table is on board once both are; the pilot is realistic only then
-- (see realistic_when in the YAML).  When the trainee asks for the pilot while one of them is
-- still unconvinced, that one says why before the usual refusal.  Everything else is the
-- shipped default behaviour, which runs after this script on every turn.

local C, S = customer, customer.state

-- Which person each benefit speaks to, and what they say when it wins them over.
local SPEAKS_TO = {
  check_digits = "Grace", one_hour_training = "Grace",
  credit_note_savings = "Martin", subscription = "Martin",
}
local TURNS = { Grace = "grace_turns", Martin = "martin_turns" }

local function benefit(id)
  for _, b in ipairs(C.benefits) do if b.id == id then return b end end
  return nil
end

-- A benefit wins its person over only when it answers a need that person has voiced.
local function answers_voiced_need(b)
  for _, need in ipairs(b.answers) do
    if C.revealed(need) then return true end
  end
  return false
end

local function win_over(who)
  if S(who).on_board then return end
  S(who).on_board = true
  C.speaker(who)                   -- who answers, and whose trust moves with the table's
  S.trust = S.trust + 1
  C.say(TURNS[who])
  if S("Grace").on_board and S("Martin").on_board then S.on_board = true end
end

local chain_told = false
-- Words of a question about people (who decides), not about what it would take.
local PEOPLE_WORDS = C.words{ "who", "anyone", "anybody", "someone", "somebody", "besides", "apart from",
                              "other than", "else", "above you" }

-- Confirms each need the line names that its person voiced and has not confirmed; the one who
-- voiced the first of them answers yes, and the table feels heard.  True (the reply is said).
local function confirm_played_back(turn)
  local who
  for _, id in ipairs(turn.needs) do
    if C.revealed(id) and not C.confirmed(id) then
      for _, n in ipairs(C.needs) do
        if n.id == id then who = who or n.voiced_by end
      end
      C.confirm(id)
    end
  end
  if who then C.speaker(who) end
  S.trust = S.trust + 1
  C.say("confirm_ack")
  return true
end

-- 1 when the line names a need the customer has voiced and not yet confirmed.
local function plays_back(turn)
  for _, id in ipairs(turn.needs) do
    if C.revealed(id) and not C.confirmed(id) then return true end
  end
  return false
end

-- 1 when the line carries any move at all (then the default has something to answer).
local function any_move(turn)
  for _, on in pairs(turn.moves) do if on then return true end end
  return false
end

function on_turn(turn, ctx)
  local spoke = false
  -- A line that checks what was said ("so three hundred wrong cases, each one a credit note,
  -- did I get that right?") is answered by the one who said it; the benefit its words brush
  -- against is not being pitched.
  -- So is a yes/no question that plays back a need its person voiced and has not confirmed ("And
  -- Martin, for you it has to pay back inside twelve months, measured against the roughly 90k in
  -- credit notes. Is that fair?" was answered "Now you're talking my language." and confirmed
  -- nothing; the payback was credited two turns later, on a pitch: play-test 29a F6).
  -- The one who voiced it says yes (the default, which runs on a table of its own, hears a
  -- yes/no question about a voiced need as a question for more of it).
  if turn.moves.closed_question and not turn.moves.summarize_benefits and not turn.moves.confirm_need
     and not (turn.moves.rude or turn.moves.threat) and plays_back(turn) then
    return confirm_played_back(turn)
  end
  local checking = turn.moves.confirm_need and not turn.moves.summarize_benefits
  -- Nor is contempt or a threat, whatever benefit it names ("grace come on, your error rate is
  -- embarassing, you need this" won Grace over: play-test 13); the default answers the tone.
  local hostile = turn.moves.rude or turn.moves.threat
  for _, id in ipairs((checking or hostile) and {} or turn.benefits) do
    local b = benefit(id)
    if b and SPEAKS_TO[id] and answers_voiced_need(b) and not S(SPEAKS_TO[id]).on_board then
      win_over(SPEAKS_TO[id])
      spoke = true
    end
  end
  -- who decides, not what it would take before he signs ("what would this have to show you
  -- before you'd sign off?" asks Martin for his criteria; found in play): a question about
  -- people, read as one about the chain or naming it in words of its own.  "Apart from the two of
  -- you, is anyone else involved in deciding? IT, the site GM, anyone?" said none of the four
  -- phrases and got "Depends on the shift. What exactly do you want to know about the floor?"
  -- (play-test 30 F5)
  if not chain_told and turn.question
     and (C.mentions("who else", "a say", "who signs", "who decides")
          or (turn.moves.ask_decision_chain and C.mentions(PEOPLE_WORDS))) then
    chain_told = true
    C.say("chain_answer")
    spoke = true
  end
  if turn.commitment == "night_pilot" and not C.given("night_pilot") then
    if not S("Martin").on_board then
      C.say("martin_not_yet")
    elseif not S("Grace").on_board and not C.raised("freezer") then
      C.objection("freezer")    -- Grace's own worry, in her words
    end
  end
  -- A line that only stated benefits was answered above; anything else goes on to the
  -- default behaviour.
  return spoke and not any_move(turn)
end
