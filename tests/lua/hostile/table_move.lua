-- expect: table_move.lua:3: work budget exceeded
-- table.move copies element by element in C.
table.move({}, 1, 1e15, 2)
