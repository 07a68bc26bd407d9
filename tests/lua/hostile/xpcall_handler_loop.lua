-- expect: work budget exceeded
-- A message handler that loops, and a loop around xpcall.
while true do
  xpcall(function() error("x") end, function() while true do end end)
end
