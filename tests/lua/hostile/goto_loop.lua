-- expect: goto_loop.lua:4: work budget exceeded
-- A loop written with goto.
local n = 0
::again:: n = n + 1 goto again
