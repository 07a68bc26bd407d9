-- expect: ok
-- returns: refused
-- Deeply nested source: the parser's own limit on C levels refuses it.
local f, msg = load("return " .. ("("):rep(1e5) .. "1" .. (")"):rep(1e5))
return (f == nil and msg:find("overflow")) and "refused" or ("parsed: " .. tostring(msg))
