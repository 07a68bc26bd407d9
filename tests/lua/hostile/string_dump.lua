-- expect: string_dump.lua:3: attempt to call a nil value (field 'dump')
-- Turning a function into bytecode.
local b = string.dump(function() return 1 end)
