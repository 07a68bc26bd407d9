-- expect: work budget exceeded
-- coroutine.resume returns the error instead of raising it; the caller loops on.
while true do
  local co = coroutine.create(function() while true do end end)
  coroutine.resume(co)
end
