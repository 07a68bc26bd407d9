-- expect: table_unpack.lua:3: work budget exceeded
-- Unpacking a hundred million values: table.unpack charges its loop length.
return table.unpack({}, 1, 1e8)
