-- expect: stack overflow
-- Recursion through an __index metamethod.
local t = setmetatable({}, { __index = function(t, k) return t[k .. "x"] end })
return t.a
