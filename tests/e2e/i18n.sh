#!/usr/bin/env bash
# e2e: the message catalogues (docs/i18n.md).  No C file under engine/ holds prose a user
# reads, except those tests/data/prose-allow.txt still lists; every shipped catalogue passes
# `salesim check`; a catalogue dropped into the data directory takes effect without a rebuild.
source "$(dirname "$0")/../lib.sh"

# --- no prose in C -----------------------------------------------------------------------------
allow=tests/data/prose-allow.txt
hits=$(python3 tests/tools/prose_scan.py engine/*.c engine/gen/*.c)
bad=$(printf '%s\n' "$hits" | python3 -c '
import sys
allow = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
files = {a for a in allow if ": " not in a}
pairs = {a for a in allow if ": " in a}
for h in sys.stdin:
    h = h.rstrip("\n")
    if not h: continue
    f, line, text = h.split(":", 2)
    if f in files or f + ":" + text in pairs: continue
    print(h)
' "$allow")
expect_eq "no C file outside the allow-list holds prose" "" "$bad"
# the scanner itself finds prose (a test that cannot fail proves nothing)
printf 'static const char *s = "the customer ended it";\n/* "a comment is fine here" */\n' >"$TMP/p.c"
expect_eq "the scanner sees a literal, not a comment" "$TMP/p.c:1: the customer ended it" \
  "$(python3 tests/tools/prose_scan.py "$TMP/p.c")"
for f in engine/score.c engine/score_rules.c engine/advice.c engine/debrief.c engine/debrief_text.c \
         engine/debrief_md.c engine/debrief_html.c engine/ui_text.c engine/msg.c; do
  if grep -qx "$f" "$allow"; then fail "$f is not allow-listed whole"; else ok "$f is not allow-listed whole"; fi
done
for f in $(grep -v '^#' "$allow" | grep -v ': ' | grep .); do
  [ -f "$f" ] && ok "allow-listed $f exists" || fail "allow-listed $f exists" "stale entry in $allow"
done

# --- the shipped catalogues ------------------------------------------------------------------
for c in engine/messages/*.yaml; do
  check "salesim check $c" "$SALESIM" check "$c"
done

# --- a catalogue in the data directory overrides the built-in one ---------------------------
mkdir -p "$TMP/data/messages"
ln -s "$PWD/engine/lexicons" "$TMP/data/lexicons"; ln -s "$PWD/engine/lua" "$TMP/data/lua"
cp engine/messages/*.yaml "$TMP/data/messages/"
sed -i 's/^  ui.type_hint: .*/  ui.type_hint: "Say it your way."/' "$TMP/data/messages/en.yaml"
out=$(printf '/quit\n' | SALESIM_DATA="$TMP/data" "$SALESIM" play scenarios/it-trial.yaml 2>&1)
expect_contains "an edited catalogue takes effect at once" "$out" "Say it your way."
# with no data directory at all the words are still there, compiled into the binary: a copy
# of the program far from engine/ checks a catalogue against its built-in English one
mkdir -p "$TMP/bin" && cp "$SALESIM" "$TMP/bin/salesim"
out=$(env -u SALESIM_DATA "$TMP/bin/salesim" check tests/golden/messages-broken.yaml 2>&1)
expect_eq "the built-in catalogue without a data directory" "$(cat tests/golden/messages-broken.expected)" "$out"
finish
