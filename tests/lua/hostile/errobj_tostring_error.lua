-- expect: (error object is a table value whose __tostring failed)
-- An error object whose __tostring raises another such object.
local mt = {}
mt.__tostring = function() error(setmetatable({}, mt)) end
error(setmetatable({}, mt))
