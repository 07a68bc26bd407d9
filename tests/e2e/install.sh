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
# the schema line of every installed scenario, and of a new one in a trainer's own folder,
# names a file that exists
bad=
while IFS= read -r f; do
  ref=$(sed -n '1s/^# yaml-language-server: \$schema=//p' "$f")
  [ -n "$ref" ] && [ -f "$(dirname "$f")/$ref" ] || bad="$bad $f"
done < <(find "$P/share/salesim/scenarios" -name '*.yaml')
expect_eq "installed: every scenario's schema line resolves" "" "$bad"
mkdir -p "$TMP/trainer/visits"
out=$("$P/bin/salesim" init-scenario "$TMP/trainer/visits/first-call.yaml" 2>&1)
ref=$(sed -n '1s/^# yaml-language-server: \$schema=//p' "$TMP/trainer/visits/first-call.yaml")
[ -f "$TMP/trainer/visits/$ref" ] && [[ "$ref" != /* ]] && ok "installed: init-scenario's schema line resolves from a trainer's folder ($ref)" \
  || fail "installed: init-scenario's schema line resolves" "$out / $ref"
"$P/bin/salesim" check "$TMP/trainer/visits/first-call.yaml" >/dev/null 2>&1
expect_eq "installed: the new scenario passes check" 0 "$?"
cd - >/dev/null
make --no-print-directory uninstall PREFIX="$P" >/dev/null 2>&1
if [ -e "$P/bin/salesim" ] || [ -e "$P/share/salesim" ]; then fail "make uninstall removes what install put there"; else ok "make uninstall removes what install put there"; fi
finish
