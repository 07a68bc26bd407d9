-- expect: pattern_find.lua:3: work budget exceeded
-- Backtracking that takes hours in the stock matcher.
return string.find(("a"):rep(1e5), ".-.-.-.-b$")
