-- expect: exceeded
-- O(len) builtins on a multi-MB string, called in a loop.
local s = ("ab"):rep(4 << 20)
while true do local _ = utf8.len(s) + #s:upper() end
