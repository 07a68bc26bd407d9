#!/usr/bin/env bash
# The seams ARCHITECTURE.md draws, checked on the sources and the build's objects
# (scripts/layers.py): no include cycle among the headers, the scenario loader reaches nothing
# of the runtime (by include or by call), and the debrief's files call each other without a cycle.
cd "$(dirname "$0")/../.."
[ -d build/engine ] || { echo "not ok 1 - build/engine is missing: run make first"; echo "1..1"; exit 1; }
exec python3 scripts/layers.py --objects build/engine
