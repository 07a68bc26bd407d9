-- clinic-booking.lua: Ruth's patience with price talk, the one thing the YAML cannot count.
-- One mention of the price before she accepts the value passes; from the second one on she
-- says so, and it costs a point of trust.  Returning false lets the shipped default
-- behaviour answer the rest of the turn as usual.

local C, S = customer, customer.state

function on_turn(turn, ctx)
  local about_price = turn.moves.discount or C.mentions("price", "per month", "cheapest")
  if about_price and not S.value_acknowledged then
    S.price_talk = S.price_talk + 1
    if S.price_talk >= 2 then
      S.trust = S.trust - 1
      C.say("price_first")
    end
  end
  return false
end
