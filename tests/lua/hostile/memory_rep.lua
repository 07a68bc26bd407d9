-- expect: memory_rep.lua:3: string.rep: a result of 10000000000 bytes is over the memory limit
-- One big string.rep.
local s = string.rep("x", 1e10)
