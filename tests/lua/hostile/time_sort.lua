-- expect: exceeded
-- Sorting a huge array in C with the stock comparator.
local t = {}
for i = 1, 1e6 do t[i] = -i end
table.sort(t)
