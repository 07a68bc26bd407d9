#!/usr/bin/env bash
# A narrow terminal (40 columns): colour escapes take no column when wrapping, a typed line that
# readline wrapped inside words is written again wrapped at word boundaries, titles and the
# outcome box fit, and briefs written as literal (|) or folded (>) YAML both reflow.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8 LC_ALL=C.UTF-8
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"   # as in terminal.sh
mkdir -p "$HOME"
LONG="Hello Ruth, what does a really busy morning look like for Jade at the reception desk?"

# --- scripted, 40 columns ----------------------------------------------------------------------
printf '%s\n/quit\n' "$LONG" > "$TMP/s.txt"
out=$(COLUMNS=40 "$SALESIM" play examples/clinic-booking --seed 1 --script "$TMP/s.txt" --transcript '' 2>&1)
# display columns of each line (wc -L counts a CJK character as two)
wide=$(while IFS= read -r l; do [ "$(printf '%s' "$l" | wc -L)" -gt 40 ] && printf '%s\n' "$l"; done <<<"$out")
expect_eq "40 columns: no line of the visit and the debrief's first screen is wider" "" "$wide"
expect_contains "40 columns: the title wraps after its rule" "$out" "═══ Brookside Dental: online booking,"
expect_contains "40 columns: the outcome on its own row of the box" "$out" "║  Outcome: CONTINUATION         ║"
expect_contains "40 columns: the score on the next row, whole" "$out" "║  Score 0/100 (not yet a pass)  ║"
out80=$("$SALESIM" play examples/clinic-booking --seed 1 --script "$TMP/s.txt" --transcript '' 2>&1)
expect_contains "80 columns: the box keeps one row" "$out80" "Outcome: CONTINUATION   Score 0/100 (not yet a pass)"

# --- briefs: literal (|) and folded (>) both reflow -------------------------------------------
wide_out=$(COLUMNS=100 "$SALESIM" play examples/clinic-booking --seed 1 --script /dev/null --transcript '' 2>&1)
expect_contains "literal brief: the author's line breaks are joined" "$wide_out" \
  "show what ChairTime changes for her, and ask for a step she can take"
zh=$(COLUMNS=100 "$SALESIM" play campus-platform --seed 1 --script /dev/null --transcript '' 2>&1)
expect_contains "literal Chinese brief: joined without a space" "$zh" "说\"有点意思\",留了名片"
en=$(COLUMNS=100 "$SALESIM" play it-trial --seed 1 --script /dev/null --transcript '' 2>&1)
expect_contains "folded brief: its paragraphs stay apart" "$en" "before the users notice.
Dana Okafor runs IT"
printf 'id: reflow\ntitle: T\nlanguage: en\ndifficulty: 1\nminutes: 5\nbrief: |\n  First line\n  goes on here.\n\n  - an item\n  - another item\ncustomer: { name: C }\ncommitments:\n  - { id: c1, level: high, action: C does it, keywords: [do it] }\n' > "$TMP/reflow.yaml"
r=$(COLUMNS=100 "$SALESIM" play "$TMP/reflow.yaml" --seed 1 --script /dev/null --transcript '' 2>&1)
expect_contains "literal brief: a paragraph joined" "$r" "First line goes on here."
expect_contains "literal brief: a blank line and list items kept" "$r" "First line goes on here.

- an item
- another item"

# --- a real terminal: colour and typed input (tmux) --------------------------------------------
if ! command -v tmux >/dev/null; then fail "tmux is installed (make test installs it)"; finish; exit; fi
SOCK=salesim-narrow-$$
tm() { tmux -L "$SOCK" "$@"; }
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
screen() { tm capture-pane -p -t "$1" -S -200 | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
wait_for() { for _ in $(seq 1 100); do screen "$1" | grep -qF -- "$2" && return 0; sleep 0.1; done; return 1; }
for s in colour plain; do
  env=$([ $s = colour ] && echo "env -u NO_COLOR" || echo "env NO_COLOR=1")
  tm -f /dev/null new-session -d -s $s -x 40 -y 60 \
    "$env TERM=screen-256color $SALESIM play examples/clinic-booking --seed 1 --transcript '' ; sleep 60"
done
wait_for colour "You>" && wait_for plain "You>" && ok "both games start" || fail "both games start" "$(screen colour)"
expect_eq "colour: the brief and the customer wrap as without colour" "$(screen plain)" "$(screen colour)"
for s in colour plain; do tm send-keys -t $s -l "$LONG"; tm send-keys -t $s Enter; done
wait_for colour "Jade spends" && wait_for plain "Jade spends" || fail "the typed line gets an answer" "$(screen colour)"
typed=$(screen colour | sed -n '/^You> Hello/,/^Ruth Adeyemi:/p' | sed '$d')
want=$(COLUMNS=40 "$SALESIM" play examples/clinic-booking --seed 1 --script "$TMP/s.txt" --transcript '' 2>&1 |
       sed -n '/^You> Hello/,/^Ruth Adeyemi:/p' | sed '$d')
expect_eq "typed input: wrapped again at word boundaries, as a scripted line is" "$want" "$typed"
expect_eq "typed input: the same without colour" "$typed" "$(screen plain | sed -n '/^You> Hello/,/^Ruth Adeyemi:/p' | sed '$d')"
finish
