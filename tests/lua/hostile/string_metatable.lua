-- expect: string_metatable.lua:3: attempt to index a nil value (field '__index')
-- Reaching the real string table through getmetatable(""): it returns a plain string.
local dump = getmetatable("").__index.dump
