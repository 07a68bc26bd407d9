-- expect: attempt to load a binary chunk
-- Bytecode given to load in the default mode: only text is accepted.
local f, msg = load("\27Lua\84\0\25\147\13\10\26\10")
assert(f, msg)
