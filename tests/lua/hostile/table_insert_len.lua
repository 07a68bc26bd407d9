-- expect: table_insert_len.lua:4: work budget exceeded
-- table.insert shifts up to #t elements in C; __len claims 10^15.
local t = setmetatable({}, { __len = function() return 1e15 end })
table.insert(t, 1, "x")
