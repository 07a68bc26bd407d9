#!/usr/bin/env bash
# e2e: the shipped lexicons and default.lua are compiled into the program (include/builtin.h).
# A data folder whose files differ from the shipped ones by a comment is read from source: the
# program must then behave exactly as with the compiled forms (same readings of every line of the
# classifier's data sets, same seeded random walks over every scenario).  A real edit must take
# effect at once: a new phrase is read, a changed customer line is said.
source "$(dirname "$0")/../lib.sh"

DATA=$TMP/data
mkdir -p "$DATA"
cp -R "$SALESIM_DATA/lexicons" "$SALESIM_DATA/lua" "$DATA/"
for f in lexicons/en.yaml lexicons/zh.yaml lua/default.lua; do
  case $f in *.lua) echo "-- edited by tests/e2e/builtin.sh" ;; *) echo "# edited by tests/e2e/builtin.sh" ;; esac >>"$DATA/$f"
done

# --- compiled forms and source agree ----------------------------------------------------------
for lang in en zh; do
  cut -f1 engine/corpus/"$lang"/legacy.tsv | grep -v '^#' | grep . >"$TMP/lines_$lang"
  "$SALESIM" classify --json --lang $lang - <"$TMP/lines_$lang" >"$TMP/built_$lang.json" 2>&1
  SALESIM_DATA=$DATA "$SALESIM" classify --json --lang $lang - <"$TMP/lines_$lang" >"$TMP/source_$lang.json" 2>&1
  n=$(wc -l <"$TMP/lines_$lang")
  expect_eq "$lang: a reading for each of the $n lines" "$n" "$(grep -c '"moves"' "$TMP/built_$lang.json")"
  if cmp -s "$TMP/built_$lang.json" "$TMP/source_$lang.json"; then ok "$lang: compiled lexicon reads $n lines as the YAML does"
  else fail "$lang: compiled lexicon and YAML differ" "$(diff "$TMP/built_$lang.json" "$TMP/source_$lang.json" | head -20)"; fi
done
for sc in scenarios/*.yaml; do
  lang=$(awk '$1 == "language:" {print $2; exit}' "$sc")
  a=$("$SALESIM" classify --json --lang "$lang" --scenario "$sc" - <"$TMP/lines_$lang" 2>&1 | md5sum)
  b=$(SALESIM_DATA=$DATA "$SALESIM" classify --json --lang "$lang" --scenario "$sc" - <"$TMP/lines_$lang" 2>&1 | md5sum)
  expect_eq "$(basename "$sc"): scenario phrases on top of the compiled lexicon read as from source" "$a" "$b"
done
"$SALESIM" test scenarios/ --walks 30 --seed 11 >"$TMP/walk_built.txt" 2>&1; rc1=$?
SALESIM_DATA=$DATA "$SALESIM" test scenarios/ --walks 30 --seed 11 >"$TMP/walk_source.txt" 2>&1; rc2=$?
expect_eq "walks: same exit status" "$rc1" "$rc2"
expect_contains "walks: every scenario test ran" "$(tail -1 "$TMP/walk_built.txt")" " passed, 0 failed"
if cmp -s "$TMP/walk_built.txt" "$TMP/walk_source.txt"; then ok "walks: compiled default.lua plays 30 seeded walks per scenario as the source does"
else fail "walks: compiled and source default.lua differ" "$(diff "$TMP/walk_built.txt" "$TMP/walk_source.txt" | head -20)"; fi

# --- an edit takes effect at once -------------------------------------------------------------
sed -i 's/^  greet: \[\^hi, /  greet: [zanzibar salutations, ^hi, /' "$DATA/lexicons/en.yaml"
out=$(SALESIM_DATA=$DATA "$SALESIM" classify "zanzibar salutations")
expect_contains "edited lexicon: the new phrase is read" "$out" "moves:    greet"
expect_contains "edited lexicon: with its line" "$out" "greet              zanzibar salutations  (lexicons/en.yaml:12)"
out=$("$SALESIM" classify "zanzibar salutations")
expect_contains "shipped lexicon: the phrase is unknown there" "$out" "moves:    (none)"
# both English greetings become one new line; a scenario without its own greeting uses it
sed -i -e 's/"Hello, come in. I have a little time this morning.",/"Zanzibar! Come in." },/' \
       -e '/^ *"Good to see you. Have a seat." },$/d' "$DATA/lua/default.lua"
cp scenarios/examples/clinic-booking.yaml scenarios/examples/clinic-booking.lua "$TMP/"
sed -i '/^  greeting:$/,+1d' "$TMP/clinic-booking.yaml"
out=$(SALESIM_DATA=$DATA "$SALESIM" play "$TMP/clinic-booking.yaml" --script /dev/null --transcript '' 2>&1)
expect_contains "edited default.lua: the customer says the new greeting" "$out" "Zanzibar! Come in."
out=$("$SALESIM" play "$TMP/clinic-booking.yaml" --script /dev/null --transcript '' 2>&1)
if [[ "$out" == *"Hello, come in. I have a little time this morning."* || "$out" == *"Good to see you. Have a seat."* ]]
then ok "shipped default.lua: one of the shipped greetings"; else fail "shipped default.lua: one of the shipped greetings" "$out"; fi

finish
