#!/usr/bin/env bash
# The HTML class report rendered by a real browser (headless Chromium): the SVG charts are in
# the page, the page's script ran (it marks the trainee table sortable), nothing a trainee typed
# became markup, and the browser logged no error.  A control page with a broken script proves
# the error check can fail.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home LANG=C.UTF-8
WRITER=${GB_WRITER:-$PWD/build/tools/gb_writer}
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then echo "ok 1 # SKIP chromium is not installed (make test-deps installs it)"; echo "1..1"; exit 0; fi
if [ ! -x "$WRITER" ]; then fail "gb_writer built (make unit-bins)" "missing $WRITER"; finish; exit; fi

# chrome FILE OUTFLAGS...: renders file:// FILE headless; the browser log goes to $TMP/chrome.log.
chrome() {
  local page=$1; shift
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --user-data-dir="$(mktemp -d "$TMP/profile.XXXX")" \
    --enable-logging=stderr --v=0 "$@" "file://$page" 2>"$TMP/chrome.log"
}
# Console errors and uncaught exceptions in the last browser log.
page_errors() { grep -E 'CONSOLE|Uncaught|SyntaxError|ReferenceError|TypeError' "$TMP/chrome.log" || true; }

GB=$TMP/class.db
"$WRITER" "$GB" 200 --trainees 12 --scenarios 2 --seed 5 >/dev/null
"$WRITER" "$GB" 3 --trainee '<img src=x onerror=alert(1)>' --seed 6 >/dev/null
rows=$("$SALESIM" report "$GB" --format csv | tail -n +2 | wc -l)
"$SALESIM" report "$GB" --format html -o "$TMP/report.html" 2>/dev/null; rc=$?
expect_eq "report --format html -o exits 0" 0 "$rc"

dom=$(chrome "$TMP/report.html" --dump-dom); rc=$?
expect_eq "chromium renders the report" 0 "$rc"
expect_eq "the page holds the three SVG charts" "chart-distribution chart-progress chart-skills" \
  "$(grep -o 'svg id="chart-[a-z]*"' <<<"$dom" | sed 's/svg id="//; s/"//' | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the skills chart has one group per trainee row ($rows)" "$rows" "$(grep -o '<g class="trainee">' <<<"$dom" | wc -l)"
expect_eq "the distribution chart has ten bars" "10" "$(grep -o '<rect class="bar"' <<<"$dom" | wc -l)"
expect_contains "the page's script ran (table marked sortable)" "$dom" 'id="trainees" data-sortable="1"'
expect_contains "a hostile trainee name is shown as text" "$dom" '&lt;img src=x onerror=alert(1)&gt;'
expect_eq "... and never became an element" "0" "$(grep -c '<img' <<<"$dom")"
expect_eq "the browser logged no page error" "" "$(page_errors)"

chrome "$TMP/report.html" --window-size=1200,3000 --screenshot="$TMP/shot.png" >/dev/null
size=$(stat -c %s "$TMP/shot.png" 2>/dev/null || echo 0)
if [ "$size" -gt 20000 ]; then ok "a screenshot of the report is drawn ($size bytes)"; else fail "a screenshot of the report is drawn" "size $size"; fi

# control: a page whose script fails must be caught by the same check
printf '<!DOCTYPE html><html><body><p>x</p><script>noSuchFunction();</script></body></html>\n' >"$TMP/broken.html"
chrome "$TMP/broken.html" --dump-dom >/dev/null
if [ -n "$(page_errors)" ]; then ok "the error check catches a failing script (control)"; else fail "the error check catches a failing script (control)" "$(tail -5 "$TMP/chrome.log")"; fi
finish
