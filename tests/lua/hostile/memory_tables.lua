-- expect: memory limit exceeded
-- A table of tables until the memory runs out.
local t = {}
for i = 1, 1e9 do t[i] = { i } end
