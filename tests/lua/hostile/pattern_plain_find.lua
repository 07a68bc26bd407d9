-- expect: ok
-- returns: contained
-- A plain find of a long needle: linear (memmem), no quadratic scan.
local hay = ("a"):rep(2e6)
local needle = ("a"):rep(1e6) .. "b"
assert(string.find(hay, needle, 1, true) == nil)
return "contained"
