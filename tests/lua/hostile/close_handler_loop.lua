-- expect: work budget exceeded
-- A to-be-closed variable whose __close runs for ever after the budget error.
local guard <close> = setmetatable({}, { __close = function() while true do end end })
while true do end
