-- expect: package_loadlib.lua:3: attempt to index a nil value (global 'package')
-- Loading a shared library through package.loadlib.
local f = package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")
