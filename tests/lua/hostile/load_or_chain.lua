-- expect: exceeded
-- A chunk the parser handles in quadratic time: a long chain of `or`.
local f = load("return " .. ("x or "):rep(50000) .. "x")
