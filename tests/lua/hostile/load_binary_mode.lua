-- expect: load_binary_mode.lua:4: load: binary chunks are not allowed
-- Loading crafted bytecode with mode "b".
local bytecode = "\27Lua\84\0\25\147\13\10\26\10\4\8\8"
local f = load(bytecode, "evil", "b")
return f()
