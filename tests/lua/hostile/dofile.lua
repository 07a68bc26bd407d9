-- expect: dofile.lua:3: attempt to call a nil value (global 'dofile')
-- Running another file.
dofile("/etc/passwd")
