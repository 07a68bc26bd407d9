-- tests/lua/pattern_battery.lua: a battery of pattern calls, serialised; test_sandbox.c runs it
-- both in the sandbox (whose string library has its own matcher) and in stock Lua, and wants
-- the same text from both.
local out = {}
local function put(...) local t = table.pack(...) for i = 1, t.n do out[#out+1] = tostring(t[i]) end out[#out+1] = '|' end
put(string.find('hello world', 'o w'))
put(string.find('hello world', 'o', 6))
put(string.find('hello world', 'l+'))
put(string.find('hello', 'xyz'))
put(string.find('a.b', '.', 1, true))
put(string.find('abc', '', 10))
put(string.find('abc', '', 4))
put(string.find('hello', '^h'), string.find('hello', '^e'))
put(string.find('  trim me  ', '^%s*(.-)%s*$'))
put(string.match('key = value', '(%w+)%s*=%s*(%w+)'))
put(string.match('2026-11-27', '(%d+)-(%d+)-(%d+)'))
put(string.match('THE (quick) fox', '%((%a+)%)'))
put(string.match('f(a(b)c)d', '%b()'))
put(string.match('THE (quick) fox', '%f[%a]%a+', 5))
put(string.match('hello', '()ll()'))
put(string.match('abcabc', '(abc)%1'))
put(string.match('[x]', '[%[]'), string.match('a-b', '[a%-]+'), string.match('xyz', '[^x]+'))
put(string.match('caaab', 'ca-b'), string.match('caaab', 'ca*b'), string.match('cb', 'ca?b'))
put(string.match('hello', '.-$'), string.match('hello', 'l*'), string.match('hello', 'l-o'))
put(string.match('x = 10', '%s*(%S+)%s*$'))
put(string.match('áé', '[\128-\255]+'))
put(string.gsub('hello world', 'o', '0'))
put(string.gsub('hello world', '(%w+)', '<%1>'))
put(string.gsub('hello world', '%w+', '%0 %0', 1))
put(string.gsub('abc', '', '-'))
put(string.gsub('$name is $age', '%$(%w+)', {name = 'Ann', age = 7}))
put(string.gsub('a b c', '%a', function(c) if c == 'b' then return false end return c:upper() end))
put(string.gsub('abc', '^a', 'X'))
put(string.gsub('100%', '%%', ' percent'))
for k, v in string.gmatch('a=1, b=2, c=3', '(%w+)=(%w+)') do put(k, v) end
for w in string.gmatch('one two  three', '%a+') do put(w) end
for w in string.gmatch('abc', '') do put(w) end
for a in string.gmatch('hello', '()l') do put(a) end
put(pcall(string.find, 'x', '[a'))
put(pcall(string.find, 'x', '%'))
put(pcall(string.gsub, 'x', 'x', '%2'))
put(pcall(string.match, 'x', '(x'))
put(pcall(string.match, 'x', 'x)'))
put(pcall(string.gsub, 'x', 'x', '%z'))
put(('abc'):find('b'), ('abc'):match('(b)(c)'), ('abc'):gsub('b', 'B'))
-- plain finds: a short subject is searched by its first byte, a long one (over 256 bytes) by memmem
for _, subj in ipairs({ 'aaab', 'abab', 'ba', 'a', '', 'x.y.z', '怎么说然后呢', ('ab'):rep(200) .. 'abc' }) do
  for _, needle in ipairs({ 'a', 'ab', 'aab', 'b', 'abc', 'bab', '.y', '然后', 'x', '', 'aaab', 'aaaab' }) do
    for _, init in ipairs({ 1, 2, 3, -1, -3, 0, 100 }) do put(string.find(subj, needle, init, true)) end
  end
end
-- gsub whose pattern opens with a single-character class: positions it refuses are passed over
for _, subj in ipairs({ '  a bb  ccc ', 'hello, world!!  ', 'mm-hm...', '', 'x', '怎么说?', 'aXbXc' }) do
  for _, pat in ipairs({ '%S+', '[%s%.,!?~]+$', '[%s%.,!?~]+', '%a+', '[^b]', '[a-c]+', 'X', 'b?c', '%s', '.' }) do
    put(string.gsub(subj, pat, ''))
    put(string.gsub(subj, pat, '<%0>', 2))
    put(string.gsub(subj, pat, function(m) return #m > 1 and m:upper() or nil end))
  end
end
for _, subj in ipairs({ '  a bb  ccc ', 'how so?', '怎么说?', '', 'x', 'aXbXc' }) do
  for _, pat in ipairs({ '[a-z]', '[\128-\255]', '%S+', '[^b]c', 'X.', '%s+$', 'b?c', '(%a)', '%d' }) do
    for _, init in ipairs({ 1, 3, -2 }) do put(string.find(subj, pat, init)) put(string.match(subj, pat, init)) end
  end
end
-- sets read into bits once per operation: two sets in one pattern, ']' and '^' as literals,
-- ranges to the last byte, a '-' at either end, escapes of classes and of plain characters
for _, subj in ipairs({ 'a]b^c-d%e', 'Tab\tEnd\255\200x', '[[x]]-_-', 'ABC abc 123', '' }) do
  for _, pat in ipairs({ '[]a]+', '[^]a]+', '[a^]+', '[%]%^]+', '[-a]+', '[a-]+', '[\128-\255]+', '[%a][%d]',
                         '[%u%s][^%u%s]', '[%S][%s]', '[%%%-]', '[b-a]', '[%w_]+[^%w_]', '%f[%a][%l]+',
                         '[%x][^%X]', '[%p%c]+', '[a-c][a-c]', '([^%s]+)%s*' }) do
    put(string.find(subj, pat))
    put(string.gsub(subj, pat, '<%0>'))
    local n = 0 for m in string.gmatch(subj, pat) do n = n + 1 put(m) end put(n)
  end
end
put(pcall(string.find, 'x', '[a'))
put(pcall(string.gsub, 'x', '[a', '', 0))
put(pcall(string.gsub, 'x', '[a', ''))
return table.concat(out, ' ')
