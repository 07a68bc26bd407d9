#!/usr/bin/env python3
"""scripts/layers.py [--objects DIR]: checks the seams ARCHITECTURE.md draws.

Prints one TAP line per check ("ok N - ..." / "not ok N - ..." with the evidence) and ends
with "N passed, N failed"; exits 1 when one fails.
  1. the headers' include graph (include/*.h, engine/*_int.h) has no cycle;
  2. the scenario loader (scenario*.c, scenario_int.h) reaches, through its includes, none of
     the runtime's headers (customer.h, score.h, session.h, sandbox.h, debrief.h);
  3. with --objects (the build's engine objects): the files of the scenario loader call
     nothing defined in the customer's or the scorer's files, and the debrief's files
     (builder, shared reading, renderers) call each other without a cycle.
"""
import glob, os, re, subprocess, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
os.chdir(ROOT)
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
results = []


def check(name, problems):
    results.append((name, problems))


def includes(path):
    """The project headers a file includes directly, as paths."""
    out = []
    for h in INC.findall(open(path, encoding="utf-8").read()):
        for d in ("include", "engine"):
            p = os.path.join(d, h)
            if os.path.exists(p):
                out.append(p)
                break
    return out


def cycle(graph):
    """One cycle of graph (node -> successors) as a list, or None."""
    state, stack = {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                c = visit(m)
                if c:
                    return c
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            c = visit(n)
            if c:
                return c
    return None


def reach(graph, start):
    seen, todo = set(), list(start)
    while todo:
        n = todo.pop()
        for m in graph.get(n, ()):
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


headers = sorted(glob.glob("include/*.h") + glob.glob("engine/*_int.h"))
graph = {h: includes(h) for h in headers}
c = cycle(graph)
check("the headers include each other without a cycle", [" -> ".join(c)] if c else [])

runtime = {"include/customer.h", "include/score.h", "include/session.h", "include/sandbox.h",
           "include/debrief.h"}
loader = sorted(glob.glob("engine/scenario*.c")) + ["engine/scenario_int.h"]
probs = []
for f in loader:
    bad = (set(includes(f)) | reach(graph, includes(f))) & runtime
    if bad:
        probs.append("%s reaches %s" % (f, ", ".join(sorted(bad))))
check("the scenario loader includes nothing of the runtime (customer, score, session, sandbox, debrief)", probs)

if len(sys.argv) > 2 and sys.argv[1] == "--objects":
    objs = sorted(glob.glob(os.path.join(sys.argv[2], "*.o")))
    defs, uses = {}, {}
    for o in objs:
        name = os.path.basename(o)[:-2]
        out = subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout
        uses[name] = set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDRB":
                defs[parts[2]] = name
            elif len(parts) == 2 and parts[0] == "U":
                uses[name].add(parts[1])
    calls = {f: {defs[s] for s in u if s in defs and defs[s] != f} for f, u in uses.items()}
    probs = []
    for f in sorted(calls):
        if f.startswith("scenario"):
            bad = sorted(g for g in calls[f] if g.startswith(("customer", "score", "session", "sandbox")))
            if bad:
                probs.append("%s calls into %s" % (f, ", ".join(bad)))
    check("the scenario loader's objects call nothing of the customer or the scorer", probs)
    deb = {f: {g for g in calls[f] if g.startswith("debrief")} for f in calls if f.startswith("debrief")}
    c = cycle(deb)
    check("the debrief's files (builder, reading, renderers) call each other without a cycle",
          [" -> ".join(c)] if c else [])

failed = 0
for i, (name, problems) in enumerate(results, 1):
    if problems:
        failed += 1
        print("not ok %d - %s" % (i, name))
        for p in problems:
            print("# " + p)
    else:
        print("ok %d - %s" % (i, name))
print("1..%d" % len(results))
print("%d passed, %d failed" % (len(results) - failed, failed))
sys.exit(1 if failed else 0)
