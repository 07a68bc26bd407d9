-- expect: exceeded
-- The time cap reaches a coroutine: the loop runs inside one, and its long C steps too.
local s = ("\0"):rep(4 << 20)
local co = coroutine.wrap(function() while true do local _ = s < s end end)
co()
