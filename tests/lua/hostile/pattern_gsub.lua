-- expect: pattern_gsub.lua:3: work budget exceeded
-- gsub with a pathological pattern.
return (("a"):rep(5e4)):gsub("a*a*a*a*b", "")
