-- expect: stack overflow
-- Recursion through string.gsub callbacks (C calls in between).
local function f(s) return (s:gsub(".", f)) end
return f("abc")
