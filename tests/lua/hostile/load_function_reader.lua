-- expect: load_function_reader.lua:4: load: only a string of Lua text can be loaded
-- A reader function could hand load() bytecode piece by piece.
local parts = { "\27Lua", "\84\0" }
local f = load(function() return table.remove(parts, 1) end)
