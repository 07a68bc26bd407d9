-- expect: ok
-- returns: contained
-- A plain find of a long needle: linear (memmem), no quadratic scan.
local hay = ("a"):rep(1e6)
local needle = ("a"):rep(5e5) .. "b"
assert(string.find(hay, needle, 1, true) == nil)
return "contained"
