-- expect: infinite_loop.lua:3: instruction budget exceeded
-- The simplest runaway script.
while true do end
