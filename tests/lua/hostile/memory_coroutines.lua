-- expect: memory limit exceeded
-- A million coroutines, each with its own stack.
local t = {}
for i = 1, 1e7 do t[i] = coroutine.create(function() end) end
