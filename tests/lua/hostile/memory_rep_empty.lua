-- expect: memory_rep_empty.lua:3: work budget exceeded
-- string.rep of an empty string: nothing to allocate, 10^18 copies of nothing.
local s = string.rep("", 1e18)
