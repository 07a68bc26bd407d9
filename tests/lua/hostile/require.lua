-- expect: require.lua:3: attempt to call a nil value (global 'require')
-- Loading a C module through require.
local lfs = require("io")
return lfs
