#!/usr/bin/env bash
# make bench: runs every tests/bench/bench_*.sh; each prints a Markdown section on stdout.
# The sections, with the machine they ran on, become docs/performance.md.
set -u
cd "$(dirname "$0")/../.."
export SALESIM_DATA="$PWD/engine" NO_COLOR=1
out=docs/performance.md.tmp
{
  echo "# Performance"
  echo
  echo "Written by \`make bench\` ($(date -u +%Y-%m-%d)); repeat any figure with the command shown beside it."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(cc --version | head -1)."
  echo
  for b in tests/bench/bench_*.sh; do [ -f "$b" ] && bash "$b"; echo; done
} >"$out" && mv "$out" docs/performance.md
cat docs/performance.md
