-- expect: ok
-- returns: contained
-- Changing this script's string table does not change another environment's (the runner
-- checks that a fresh environment still has a working string.find).
string.find = function() return "hijacked" end
rawset(string, "format", nil)
return "contained"
