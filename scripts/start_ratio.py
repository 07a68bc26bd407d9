#!/usr/bin/env python3
"""scripts/start_ratio.py REF_TREE [ROUNDS [RUNS]]: CPU time of `salesim play` to its first prompt
on every shipped scenario, as a multiple of a bare Lua start (issue 14: within 2x), for a reference
build (say main's, `git archive main | tar -x -C /tmp/ref && make -C /tmp/ref -j2`) and this one.

Each round, for each scenario: `lua5.4 -e ''`, one build, `lua5.4 -e ''`, the other build,
`lua5.4 -e ''` (the builds' order alternating by round), each timed by build/tools/bench_start
with RUNS runs (default 11) on core 0.  A build's ratio is its CPU median over the mean of the
Lua medians either side of it; printed per scenario: the median of the ROUNDS (default 5) ratios
of each build, its CPU median in ms, the ratios themselves and the median of the paired
this/reference ratios; then each program's median minor page faults (bench_start's, to the
prompt, all scenarios together: the fork child's copy-on-write faults before exec included).
Both builds read their own tree's scenarios (their build stamps)."""
import os, re, statistics, subprocess, sys

HERE = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
BENCH = os.path.join(HERE, 'build/tools/bench_start')
FAULTS = {}   # (program, tree) -> bench_start's median minor page faults of each call


def language(tree, scn):
    for line in open(os.path.join(tree, 'scenarios', scn + '.yaml'), encoding='utf-8'):
        if line.startswith('language:'):
            return line.split()[1]
    return 'zh'


def bench(cmd, cwd, runs, until=None):
    args = ['taskset', '-c', '0', BENCH, '--runs', str(runs)] + (['--until', until] if until else []) + ['--'] + cmd
    out = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=dict(os.environ, TERM='xterm')).stdout
    m = re.search(r'seen=(\d+).*cpu_median_ms=([\d.]+) minflt_median=(\d+)', out)
    if not m:
        sys.exit('bench_start: no figures for %s in %s' % (' '.join(cmd), cwd))
    if until and int(m.group(1)) != runs:
        sys.exit('%s: the prompt appeared in %s of %d runs' % (cwd, m.group(1), runs))
    FAULTS.setdefault(tuple(cmd[:1] + [cwd]), []).append(int(m.group(3)))
    return float(m.group(2))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    trees = {'ref': os.path.abspath(sys.argv[1]), 'this': HERE}
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    scns = sorted(f[:-5] for f in os.listdir(os.path.join(HERE, 'scenarios')) if f.endswith('.yaml'))
    ratio = {(t, s): [] for t in trees for s in scns}
    cpu = {(t, s): [] for t in trees for s in scns}
    paired = {s: [] for s in scns}
    luas = []
    print('load', open('/proc/loadavg').read().strip(), flush=True)
    for r in range(rounds):
        for s in scns:
            until = 'You>' if language(HERE, s) == 'en' else '你>'
            before = bench(['lua5.4', '-e', ''], '/tmp', runs)
            luas.append(before)
            got = {}
            for t in (['ref', 'this'] if r % 2 == 0 else ['this', 'ref']):
                c = bench(['./salesim', 'play', 'scenarios/%s.yaml' % s, '--transcript', ''], trees[t], runs, until)
                after = bench(['lua5.4', '-e', ''], '/tmp', runs)
                luas.append(after)
                ratio[(t, s)].append(c / ((before + after) / 2))
                cpu[(t, s)].append(c)
                got[t] = c
                before = after
            paired[s].append(got['this'] / got['ref'])
        print('round', r + 1, 'load', open('/proc/loadavg').read().strip(), flush=True)
    print('lua5.4 -e \'\' CPU ms: min %.2f median %.2f max %.2f' % (min(luas), statistics.median(luas), max(luas)))
    for (prog, cwd), v in sorted(FAULTS.items()):
        print('minor faults %s in %s: median %d (min %d, max %d)' % (prog, cwd, statistics.median(v), min(v), max(v)))
    for s in scns:
        cols = []
        for t in trees:
            v = ratio[(t, s)]
            cols.append('%s %.2fx (%.2f ms) [%s]' % (t, statistics.median(v), statistics.median(cpu[(t, s)]),
                                                    ' '.join('%.2f' % x for x in v)))
        print('%-22s %s  this/ref %.3f' % (s, '  '.join(cols), statistics.median(paired[s])))


if __name__ == '__main__':
    main()
