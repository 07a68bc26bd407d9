-- expect: ok
-- returns: contained
-- Code from load() runs in the caller's environment, never the state's real globals.
local f = assert(load("return io, os, debug, require, dofile"))
local a, b, c, d, e = f()
assert(a == nil and b == nil and c == nil and d == nil and e == nil, "escaped")
return "contained"
