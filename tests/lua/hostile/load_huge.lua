-- expect: load_huge.lua:3: load: chunk too large
-- Parsing runs in C: chunks are capped.
local f = load(("x = 1 "):rep(1e6))
