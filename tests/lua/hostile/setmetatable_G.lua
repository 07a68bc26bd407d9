-- expect: setmetatable_G.lua:3: cannot change a protected metatable
-- The Redis escape: drop the global table's protection.
setmetatable(_G, nil)
