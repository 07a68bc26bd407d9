#!/usr/bin/env bash
# e2e: the reader's model is built from the corpus, and a bad corpus stops the build with its
# position instead of a half-trained model (docs/classifier.md, "The corpus").
source "$(dirname "$0")/../lib.sh"
TRAIN=build/gen/salesim-train
if [ ! -x "$TRAIN" ]; then fail "salesim-train is built" "missing $TRAIN (make)"; finish; exit; fi

# a data folder: the shipped lexicons and Lua, and a corpus of our choosing
mkdata() {
  rm -rf "$TMP/data"; mkdir -p "$TMP/data/corpus/en" "$TMP/data/corpus/zh"
  cp -r engine/lexicons engine/lua "$TMP/data/"
  head -200 engine/corpus/en/legacy.tsv >"$TMP/data/corpus/en/a.tsv"
  head -200 engine/corpus/zh/legacy.tsv >"$TMP/data/corpus/zh/a.tsv"
}

mkdata
if out=$("$TRAIN" "$TMP/data" "$TMP/model.c" 2>&1); then ok "a small valid corpus trains"
else fail "a small valid corpus trains" "$out"; fi
expect_contains "the model names both languages" "$(cat "$TMP/model.c" 2>/dev/null)" 'return &m_zh;'

mkdata; rm -f "$TMP/model.c"
printf 'Could you send it by Friday?\task_foo\t-\t-\n' >>"$TMP/data/corpus/en/a.tsv"
n=$(wc -l <"$TMP/data/corpus/en/a.tsv")
out=$("$TRAIN" "$TMP/data" "$TMP/model.c" 2>&1); rc=$?
expect_eq "an unknown move fails the build" 1 "$rc"
expect_contains "with the file and line" "$out" "corpus/en/a.tsv:$n: error: unknown move 'ask_foo'"
[ ! -e "$TMP/model.c" ] && ok "no half-written model is left" || fail "no half-written model is left"

mkdata
printf 'Two columns only\task_commitment\n' >>"$TMP/data/corpus/zh/a.tsv"
out=$("$TRAIN" "$TMP/data" "$TMP/model.c" 2>&1)
expect_contains "a short row is named" "$out" "corpus/zh/a.tsv:$(wc -l <"$TMP/data/corpus/zh/a.tsv"): error: want 4 tab-separated columns"

mkdata
printf 'Fine line\t-\tsoon\t-\nAnother\t-\t-\tmaybe\n' >>"$TMP/data/corpus/en/a.tsv"
out=$("$TRAIN" "$TMP/data" "$TMP/model.c" 2>&1)
expect_contains "an unknown flag is named" "$out" "error: unknown flag 'soon'"
expect_contains "an unknown tactic is named" "$out" "error: unknown tactic 'maybe'"

mkdata
head -20 engine/corpus/en/legacy.tsv >"$TMP/data/corpus/en/a.tsv"
out=$("$TRAIN" "$TMP/data" "$TMP/model.c" 2>&1)
expect_contains "too small a corpus is refused" "$out" "labelled lines (want 50 or more)"

mkdata; rm -rf "$TMP/data/corpus/zh"
out=$("$TRAIN" "$TMP/data" "$TMP/model.c" 2>&1)
expect_contains "a missing language folder is named" "$out" "corpus/zh: error: no corpus folder"
finish
