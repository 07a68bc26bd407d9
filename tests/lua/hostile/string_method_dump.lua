-- expect: string_method_dump.lua:4: attempt to call a nil value (method 'dump')
-- string.dump through the string metatable (every string's __index is the string table).
local s = "x"
local b = s:dump()
