-- expect: work budget exceeded
-- The loop runs inside a coroutine: new coroutines inherit the hook.
local loop = coroutine.wrap(function() while true do end end)
loop()
