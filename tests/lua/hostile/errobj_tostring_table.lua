-- expect: (error object is a table value whose __tostring failed)
-- __tostring that returns a table.
error(setmetatable({}, { __tostring = function() return {} end }))
