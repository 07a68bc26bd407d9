#!/usr/bin/env bash
# e2e: the trainer's docs say what the code does.  docs/scenario-format.md, "Line keys the
# default behaviour uses", lists every line key engine/lua/default.lua (and the host, for the
# customer) can say, each with its built-in English line: a trainer who writes every key there
# gives the whole customer her voice (play-test 29d: "Well, that does answer part of my worry."
# came from `objection_eased`, a key the table did not list).
source "$(dirname "$0")/../lib.sh"

LUA=engine/lua/default.lua
DOC=docs/scenario-format.md

# The keys default.lua can say: its built-in English lines, and every key it passes to
# customer.say, reply, customer.has_line or finish (the keys only a scenario gives, such as
# confirm_both, decision_chain, goodbye_refused).
lua_keys() {
  {
    sed -n '/^  en = {/,/^  },/p' "$LUA" | grep -oE '^    [a-z_]+ = \{' | grep -oE '[a-z_]+'
    grep -oE '(C\.say|reply|C\.has_line)\("[a-z_]+"\)|finish\(ctx, "[a-z_]+"|(key|line) = "[a-z_]+"|C\.say\([^)]*\)' "$LUA" |
      grep -oE '"[a-z_]+"' | tr -d '"'
  } | sort -u
}
# The keys the customer says from C (customer_act.c, customer_turn.c, session.c): accept, done,
# premature, objection_again, patience_low, time_low.
host_keys() {
  grep -ohE '(cust_line\(L, h, |cust_say_key\(L, h, |cust_announce\(s->cust, |key = )"[a-z_]+"' \
    engine/customer*.c engine/session.c | grep -oE '"[a-z_]+"' | tr -d '"' | sort -u
}
# The table's rows: the section up to the next heading, rows that open with a `key`.
doc_table() { sed -n '/^## Line keys the default behaviour uses/,/^## What/p' "$DOC" | grep -E '^\| `[a-z_]+`'; }
doc_keys() { doc_table | sed -E 's/^\| `([a-z_]+)`.*/\1/' | sort -u; }

lua_keys >"$TMP/lua"
host_keys >"$TMP/host"
doc_keys >"$TMP/doc"
n=$(wc -l <"$TMP/lua")
[ "$n" -ge 50 ] && ok "default.lua: $n line keys found" || fail "default.lua: at least 50 line keys found" "$(cat "$TMP/lua")"
expect_contains "the host's keys found" "$(tr '\n' ' ' <"$TMP/host")" "patience_low"
missing=$(sort -u "$TMP/lua" "$TMP/host" | comm -23 - "$TMP/doc" | tr '\n' ' ')
expect_eq "every key default.lua or the host says is in the table of $DOC" "" "$missing"
extra=$(sort -u "$TMP/lua" "$TMP/host" | comm -13 - "$TMP/doc" | tr '\n' ' ')
expect_eq "every key of the table is one the customer can say" "" "$extra"

# Each key with a built-in English line shows its first variant, word for word.
wrong=""
while IFS= read -r row; do
  key=${row%% *}; text=${row#* }
  doc_table | grep -E "^\| \`$key\` " | grep -qF -- "$text" || wrong+="$key: $text"$'\n'
done < <(sed -n '/^  en = {/,/^  },/p' "$LUA" | grep -E '^    [a-z_]+ = \{' |
         sed -E 's/^    ([a-z_]+) = \{ *"([^"]*)".*/\1 \2/')
expect_eq "the table shows each built-in line as default.lua has it" "" "$wrong"

finish
