#!/usr/bin/env bash
# make install PREFIX=...: the installed binary finds its lexicons, Lua and scenarios under the
# prefix (never through the build tree), and make uninstall removes them.
source "$(dirname "$0")/../lib.sh"
P=$TMP/prefix
out=$(make --no-print-directory install PREFIX="$P" 2>&1); rc=$?
expect_eq "make install exits 0" 0 "$rc"
for f in bin/salesim share/salesim/lexicons/en.yaml share/salesim/lexicons/zh.yaml share/salesim/lua/default.lua \
         share/salesim/scenarios/campus-platform.yaml share/man/man1/salesim.1 share/doc/salesim/scenario-format.md; do
  if [ -e "$P/$f" ]; then ok "installed $f"; else fail "installed $f" "$out"; fi
done
cd "$TMP"
unset SALESIM_DATA
list=$("$P/bin/salesim" list 2>&1)
expect_contains "the installed binary lists the installed scenarios" "$list" "campus-platform"
out=$(printf 'Hello Dana, what happened with the outage?\n' | HOME=$TMP/home "$P/bin/salesim" play it-trial --seed 1 --json --transcript "" 2>&1)
if jq -e '.outcome' >/dev/null 2>&1 <<<"$out"; then ok "the installed binary plays a scenario by id"; else fail "installed play" "$out"; fi
out=$("$P/bin/salesim" classify --lang en --json "Could you bring Marcus to a demo next Tuesday at 3pm?" 2>&1)
if jq -e '.moves | index("ask_commitment")' >/dev/null 2>&1 <<<"$out"; then ok "the installed binary loads its lexicons"; else fail "installed classify" "$out"; fi
cd - >/dev/null
make --no-print-directory uninstall PREFIX="$P" >/dev/null 2>&1
if [ -e "$P/bin/salesim" ] || [ -e "$P/share/salesim" ]; then fail "make uninstall removes what install put there"; else ok "make uninstall removes what install put there"; fi
finish
