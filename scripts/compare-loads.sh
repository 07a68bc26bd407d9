#!/bin/bash
# scripts/compare-loads.sh REF_SALESIM: loads the same scenario files with a reference build and
# with ./salesim and names every output that differs: `check`, `check --json` and the first
# lines of `play` (which prints the loader's messages unsorted) on every YAML file of the tree,
# then on 200 broken variants of the shipped scenarios (conditions that do not compile or name
# nothing, unknown ids and rules, out-of-range points), made with a fixed seed.
# Prints "N files compared, N differ"; exit 1 when any differ.  The data of this tree is used
# for both binaries (SALESIM_DATA=engine).
set -u
cd "$(dirname "$0")/.."
REF=$1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export NO_COLOR=1 SALESIM_DATA=$PWD/engine HOME=$T/home LANG=C.UTF-8
mkdir -p "$T/mut" "$HOME"
python3 - "$T/mut" <<'PY'
import glob, random, re, sys
random.seed(3)
muts = [
    lambda l: l.replace('when: ', 'when: and ', 1) if 'when:' in l else l,
    lambda l: re.sub(r'(when: )(\w+)', lambda m: m.group(1) + m.group(2)[:-1], l, 1),
    lambda l: l.replace('reveal: ', 'reveal: x', 1),
    lambda l: l.replace('give: ', 'give: y', 1),
    lambda l: re.sub(r'(\w+): (\d+)', lambda m: m.group(1) + ': ' + str(int(m.group(2)) + 500), l, 1),
    lambda l: l.replace('findings: [', 'findings: [zz_rule, ', 1),
    lambda l: l.replace('id: ', 'id: Bad ', 1),
    lambda l: re.sub(r'(realistic_when: )(.*)', r'\1\2 )', l, 1),
    lambda l: l.replace('- when: ', '- when: nosuch_var and ', 1),
]
k = 0
for f in sorted(glob.glob('scenarios/*.yaml')):
    lines = open(f, encoding='utf-8').read().split('\n')
    for v in range(25):
        ls = list(lines)
        for _ in range(random.randint(2, 6)):
            i = random.randrange(len(ls))
            ls[i] = random.choice(muts)(ls[i])
        txt = '\n'.join(ls)
        if random.random() < .4 and '\nscoring:\n' in txt:
            txt = txt.replace('\nscoring:\n', '\nscoring:\n  rules: { no_ask_x: %d, no_ask: %d, vague_askk: 5 }\n'
                              % (random.choice([5, 500]), random.choice([5, 500])), 1)
        open('%s/m%03d.yaml' % (sys.argv[1], k), 'w', encoding='utf-8').write(txt)
        k += 1
PY
run() {  # BIN FILE OUT
  { "$1" check "$2"; echo "rc=$?"; "$1" check --json "$2"; echo "rc=$?"
    timeout 10 "$1" play "$2" --seed 1 --transcript '' </dev/null >"$T/p" 2>&1; echo "rc=$?"
    grep -v 'minute\|elapsed' "$T/p" | head -40; } > "$3" 2>&1
}
n=0 d=0
for f in $(find . -name '*.yaml' -not -path './build*' | sort) "$T"/mut/*.yaml; do
  run "$REF" "$f" "$T/a"; run ./salesim "$f" "$T/b"; n=$((n+1))
  cmp -s "$T/a" "$T/b" || { d=$((d+1)); echo "differs: $f"; diff "$T/a" "$T/b" | head -8; }
done
echo "$n files compared, $d differ"
[ "$d" -eq 0 ]
