-- expect: gc_finalizer.lua:3: setmetatable: __gc metamethods are not allowed
-- A finalizer would run when the collector decides, outside any budget.
setmetatable({}, { __gc = function() while true do end end })
