-- expect: work budget exceeded
-- pcall tries to catch the budget error and carry on: the hook keeps firing.
while true do
  pcall(function() while true do end end)
end
