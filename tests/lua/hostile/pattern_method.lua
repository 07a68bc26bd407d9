-- expect: pattern_method.lua:4: work budget exceeded
-- The same through the string metatable (s:match).
local s = ("a"):rep(1e5)
return s:match("(.-)(.-)(.-)(.-)b")
