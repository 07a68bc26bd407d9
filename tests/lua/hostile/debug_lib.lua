-- expect: debug_lib.lua:3: attempt to index a nil value (global 'debug')
-- Removing the count hook with the debug library.
debug.sethook()
while true do end
