-- expect: exceeded
-- Ping-pong between coroutines, yielding inside pcall, hoping a yield slips past the hook.
local co = coroutine.wrap(function()
  while true do pcall(coroutine.yield) end
end)
while true do pcall(co) end
