-- expect: work budget exceeded
-- gmatch with a pathological pattern.
for w in (("ab"):rep(3e4)):gmatch("[ab]-[ab]-[ab]-c") do end
