-- expect: infinite_loop.lua:3: work budget exceeded
-- The simplest runaway script.
while true do end
