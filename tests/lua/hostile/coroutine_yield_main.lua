-- expect: coroutine_yield_main.lua:3: attempt to yield from outside a coroutine
-- Yielding out of the host's call.
coroutine.yield("escape")
