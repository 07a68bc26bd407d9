-- expect: os_execute.lua:3: attempt to index a nil value (global 'os')
-- Running a command: os is not there.
os.execute("touch /tmp/salesim-pwned")
