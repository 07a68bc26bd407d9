-- expect: exceeded
-- An O(len) operation in a loop: each `<` on 8 MB of NUL bytes is one long step of C.
local s = ("\0"):rep(8 << 20)
while true do local _ = s < s end
