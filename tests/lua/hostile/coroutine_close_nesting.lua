-- expect: ok
-- returns: contained
-- Lua 5.4.4 does not count C levels in coroutine.close: a chain of __close handlers that close
-- the next coroutine overflows the C stack (SIGSEGV) unless the sandbox bounds the nesting.
local cos = {}
local mt = { __close = function(o)
  local n = cos[o.i + 1]
  if n then local ok, e = coroutine.close(n) if not ok then error(e, 0) end end
end }
for i = 1, 11000 do
  cos[i] = coroutine.create(function()
    local x <close> = setmetatable({ i = i }, mt)
    coroutine.yield()
  end)
  coroutine.resume(cos[i])
end
local ok, e = coroutine.close(cos[1])
-- Lua 5.4.7 (Debian 13) counts those C levels itself and stops first with "C stack overflow":
-- an error, not a crash, so contained too.
return (not ok and (tostring(e):find("coroutine.close nested too deeply", 1, true) or
                    tostring(e):find("C stack overflow", 1, true))) and "contained"
       or ("not contained: " .. tostring(e))
