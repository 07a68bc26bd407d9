-- expect: exceeded
-- table.sort with the stock comparator over long strings of NUL bytes: every comparison is one
-- long C call (strcoll segment by segment), so an instruction count never sees the work.
local s = ("\0"):rep(8 << 20)
local t = {}
for i = 1, 64 do t[i] = s end
table.sort(t)
