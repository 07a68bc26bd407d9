# Shell test helpers: TAP output.  Source it, call ok/fail/check, end with `finish`.
# SALESIM is the binary under test (the ASan build when SALESIM_BIN says so).
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SALESIM=${SALESIM_BIN:-$PWD/salesim}
export SALESIM_DATA=${SALESIM_DATA:-$PWD/engine}
export NO_COLOR=1
_n=0 _failed=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
ok()   { _n=$((_n+1)); echo "ok $_n - $1"; }
fail() { _n=$((_n+1)); _failed=$((_failed+1)); echo "not ok $_n - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/# /'; return 0; }
# check NAME CMD...: passes when CMD exits 0.
check() { local name=$1; shift; local out; if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi; }
# expect_eq NAME EXPECTED ACTUAL
expect_eq() { if [ "$2" == "$3" ]; then ok "$1"; else fail "$1" "expected: $2
actual:   $3"; fi; }
# expect_contains NAME HAYSTACK NEEDLE
expect_contains() { if [[ "$2" == *"$3"* ]]; then ok "$1"; else fail "$1" "missing: $3
in: ${2:0:2000}"; fi; }
finish() { echo "1..$_n"; [ "$_failed" -eq 0 ]; }
