#!/usr/bin/env bash
# e2e: the reader measured (docs/classifier.md, "Measured").
#  1. The corpus's dev split (engine/corpus/LANG/, a fifth of the lines chosen by a hash of their
#     text, never trained on): the seven gated figures in the external sets' conventions (ask,
#     specific, vague, check, summary, gain, loss), each failing below DEV_FLOOR.
#  2. ../shared/nlu/external-dev.tsv, written outside the team and never trained on, through
#     ../shared/nlu/eval.py: ask must reach EXT_ASK_FLOOR and every other figure EXT_FLOOR.  The
#     suite fails, loudly, when ../shared is not beside the repository.
#  2b. tests/data/outside-moves/wave15-{tune,held}.tsv, wave16.tsv and wave17.tsv (written outside the team,
#     same conventions): every figure of each must reach OUT_FLOOR.
#  3. tests/data/must_read_LANG.tsv: lines once misread; each must read as labelled.
#  4. The corpus holds at least 3,000 labelled lines per language.
source "$(dirname "$0")/../lib.sh"
EVAL=${EVAL_BIN:-$PWD/build/tools/eval_classify}
DEV_FLOOR=${DEV_FLOOR:-0.80}
EXT_FLOOR=${EXT_FLOOR:-0.75}
EXT_ASK_FLOOR=${EXT_ASK_FLOOR:-0.92}
OUT_FLOOR=${OUT_FLOOR:-0.60}
if [ ! -x "$EVAL" ]; then fail "eval_classify is built" "missing $EVAL (make unit-bins)"; finish; exit; fi

# tap_of COMMAND...: runs an evaluation and turns its TAP lines into this suite's lines.
tap_of() {
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" -eq 2 ]; then fail "$* runs" "$out"; return; fi
  grep '^#' <<<"$out"
  while IFS= read -r line; do
    case "$line" in
      "ok "*) ok "${line#ok * - }" ;;
      "not ok "*) fail "${line#not ok * - }" "$(grep -A3 -F "${line#not ok * - }" <<<"$out" | grep -E '^  (want|got):')" ;;
    esac
  done <<<"$out"
}

for l in zh en; do
  tap_of "$EVAL" --lang "$l" --split dev --tap --min "$DEV_FLOOR" engine/corpus/"$l"/*.tsv
  tap_of "$EVAL" --lang "$l" --tap --each --errors tests/data/must_read_"$l".tsv
  n=$(cat engine/corpus/"$l"/*.tsv | grep -v '^#' | grep -c .)
  [ "$n" -ge 3000 ] && ok "$l corpus has $n labelled lines (>= 3000)" || fail "$l corpus has >= 3000 labelled lines" "found $n"
done

ext=../shared/nlu/external-dev.tsv
if [ ! -f "$ext" ] || [ ! -f ../shared/nlu/eval.py ]; then
  fail "the external set is measured" "$ext or ../shared/nlu/eval.py not found: the external measure needs shared/ beside the repository"
elif ! command -v python3 >/dev/null 2>&1; then
  fail "the external set is measured" "python3 is not installed (make test-deps installs it)"
else
  # gate_set NAME FILE FLOOR ASK_FLOOR: eval.py over FILE, its output as comments, each of the seven
  # figures ok at or above its floor (ask's own)
  gate_set() {
    local name=$1 out f1 floor label
    out=$(python3 ../shared/nlu/eval.py ./salesim "$2" 2>&1)
    sed "s/^/# $name: /" <<<"$out"
    for label in ask specific vague check summary gain loss; do
      f1=$(awk -v l="$label" '$1 == l && $2 == "F1" { print $3 }' <<<"$out")
      floor=$3; [ "$label" = ask ] && floor=$4
      if [ -n "$f1" ] && awk -v a="$f1" -v b="$floor" 'BEGIN { exit !(a >= b) }'; then
        ok "$name $label F1 $f1 (floor $floor)"
      else
        fail "$name $label F1 ${f1:-missing} (floor $floor)" "$(tail -3 <<<"$out")"
      fi
    done
  }
  gate_set external-dev "$ext" "$EXT_FLOOR" "$EXT_ASK_FLOOR"
  # lines written outside the team in the same conventions (tests/data/outside-moves/README.md)
  for part in wave15-tune wave15-held wave16 wave17; do
    gate_set "$part" "tests/data/outside-moves/$part.tsv" "$OUT_FLOOR" "$OUT_FLOOR"
  done
fi
finish
