-- expect: rawset_protected.lua:4: bad argument #1 to 'rawset' (table expected, got string)
-- rawset on the (hidden) metatables of the global table and of strings.
local mt = getmetatable(_G)
rawset(mt, "__index", function() return os end)
