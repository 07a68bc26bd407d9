-- expect: io_read.lua:3: attempt to index a nil value (global 'io')
-- Reading a file: io is not there.
local f = io.open("/etc/passwd")
return f:read("a")
