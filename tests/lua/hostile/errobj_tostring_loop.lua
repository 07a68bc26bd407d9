-- expect: (error object is a table value whose __tostring failed)
-- An error object whose __tostring never returns.
error(setmetatable({}, { __tostring = function() while true do end end }))
