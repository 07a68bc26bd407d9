#!/bin/bash
# scripts/compare-outputs.sh REF_SALESIM REF_DATA: plays the same scripted sessions and seeded
# walks with a reference build (say main's, from `git archive main | tar -x -C /tmp/ref &&
# make -C /tmp/ref`) and with ./salesim, on this tree's scenario files, and names every output
# that differs.  JSON debriefs are compared without their started/ended times; the text of a
# session from the trainee's first line on (the brief before it may reflow on purpose).
# Prints "N outputs compared, N differ"; exit 1 when any differ.
set -u
cd "$(dirname "$0")/.."
REF=$1 REFDATA=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export NO_COLOR=1 HOME=$T/home XDG_DATA_HOME=$T/data XDG_STATE_HOME=$T/state LANG=C.UTF-8
printf '%s\n' "Hello, thanks for making the time. What happened last month, and what does a busy day look like for your team?" \
  "So the main problem is that you find out too late. Did I get that right?" "Is there anything else that matters to you?" \
  "Could we start a two-week trial next Tuesday at 10, with your engineer on the setup call?" > "$T/en.txt"
printf '%s\n' "您好，感谢您抽时间。最近工作上最头疼的是什么？" "所以最大的问题是出了事才知道，我理解得对吗？" \
  "除了这个，还有别的您关心的吗？" "下周二上午十点，请您和信息中心的负责人一起来看一次演示，可以吗？" > "$T/zh.txt"
run() {  # BIN DATA OUT
  mkdir -p "$3"
  for f in scenarios/*.yaml scenarios/*/*.yaml; do
    id=$(basename "$f" .yaml); lang=$(grep -m1 '^language:' "$f" | awk '{print $2}')
    for seed in 1 2 3; do
      SALESIM_DATA=$2 "$1" play "$f" --seed $seed --script "$T/$lang.txt" --transcript '' --full 2>&1 |
        sed -n '/^\(You\|你\)>/,$p' > "$3/$id.$seed.txt"
      SALESIM_DATA=$2 "$1" play "$f" --seed $seed --script "$T/$lang.txt" --transcript '' --json 2>&1 |
        grep -vE '"(started|ended)"' > "$3/$id.$seed.json"
    done
    SALESIM_DATA=$2 "$1" test "$f" --walks 30 --seed 5 > "$3/$id.walks.txt" 2>&1
  done
}
run "$REF" "$REFDATA" "$T/ref"
run ./salesim "$PWD/engine" "$T/new"
n=$(ls "$T/ref" | wc -l); d=0
for f in "$T"/ref/*; do cmp -s "$f" "$T/new/$(basename "$f")" || { echo "differs: $(basename "$f")"; d=$((d + 1)); }; done
echo "$n outputs compared, $d differ"
[ "$d" -eq 0 ]
