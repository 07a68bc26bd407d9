-- expect: memory limit exceeded
-- Doubling a string by concatenation.
local s = "x"
while true do s = s .. s end
