-- expect: stack overflow
-- Recursion where every level is wrapped in pcall and retried.
local function f() local ok = pcall(f) return f() end
f()
