-- expect: a polite error object
-- A well-behaved error object is shown through its __tostring.
error(setmetatable({}, { __tostring = function() return "a polite error object" end }))
