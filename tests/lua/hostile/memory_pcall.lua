-- expect: exceeded
-- Catching the memory error and allocating again.
local keep = {}
while true do
  pcall(function() for i = 1, 1e9 do keep[#keep + 1] = ("x"):rep(64) .. i end end)
end
