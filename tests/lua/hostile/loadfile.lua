-- expect: loadfile.lua:3: attempt to call a nil value (global 'loadfile')
-- Compiling another file.
loadfile("/etc/passwd")
