#!/usr/bin/env bash
# e2e: the classifier measured against the labelled development sets (tests/data/classify_*.tsv).
# Prints precision/recall/F1 per label (as TAP comments) and one TAP line per gated label
# (ask_commitment, specific, vague, check_concerns, summarize_benefits, gain_appeal, loss_appeal)
# that fails below F1 0.90.  The held-out sets are measured and printed too, not gated: they are
# the honest figure for text the lexicon was not written against (docs/classifier.md).
source "$(dirname "$0")/../lib.sh"
EVAL=${EVAL_BIN:-$PWD/build/tools/eval_classify}
if [ ! -x "$EVAL" ]; then fail "eval_classify is built" "missing $EVAL (make unit-bins)"; finish; exit; fi

# gate FILE LANG: runs the evaluation and turns its TAP lines into this suite's lines.
gate() {
  local out rc
  out=$("$EVAL" --lang "$2" --tap "$1" 2>&1); rc=$?
  if [ "$rc" -eq 2 ]; then fail "$1 is readable and well labelled" "$out"; return; fi
  grep '^#' <<<"$out"
  while IFS= read -r line; do
    case "$line" in
      "ok "*) ok "${line#ok * - }" ;;
      "not ok "*) fail "${line#not ok * - }" ;;
    esac
  done <<<"$out"
}

gate tests/data/classify_zh.tsv zh
gate tests/data/classify_en.tsv en

# line counts the issue asks for: at least 220 trainee lines per language
for l in zh en; do
  n=$(grep -vc '^#' "tests/data/classify_$l.tsv")
  [ "$n" -ge 220 ] && ok "$l development set has $n lines (>= 220)" || fail "$l development set has >= 220 lines" "found $n"
done

# held-out sets: reported, not gated
for f in tests/data/classify_heldout*_*.tsv; do
  l=${f##*_}; l=${l%.tsv}
  echo "# held-out (not gated): $f"
  "$EVAL" --lang "$l" --tap "$f" 2>&1 | sed -n 's/^\(not ok\|ok\) [0-9]* - /#   /p'
done
finish
