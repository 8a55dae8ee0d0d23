#!/usr/bin/env bash
# `ttlc build` end to end on generated specs of 100, 1,000 and 10,000 services: wall time,
# emitted objects per second, peak memory, and the growth ratio per 10× services.
# Figures only; nothing is asserted. Best of 5 runs each (release build: the clock of a shared
# machine swings between runs), each run a build into an empty folder and then a rebuild over the
# tree it wrote, writing the output tree to tmpfs (/dev/shm: the compiler's cost) and, once each,
# to the work disk (what a user sees; one small file per object makes this machine's filesystem
# the larger cost).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup >/dev/null
swift build -c release --product ttlc --static-swift-stdlib >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in ${SIZES:-100 1000 10000}; do
  python3 Benchmarks/generate-spec.py "$n" "$work/spec-$n"
done
python3 - "$work" ${SIZES:-100 1000 10000} <<'PY'
import json, os, shutil, subprocess, sys, time
work, sizes = sys.argv[1], sys.argv[2:]
shm = "/dev/shm" if os.path.isdir("/dev/shm") else work

def build(n, out):
    """One `ttlc build`: wall seconds, objects emitted, peak RSS in MiB."""
    start = time.perf_counter()
    proc = subprocess.Popen([".build/release/ttlc", "build", "--format", "json", f"{work}/spec-{n}", "-o", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(proc.stderr.read().decode())
    return elapsed, json.loads(proc.stdout.read())["objects"], usage.ru_maxrss / 1024

# A build into an empty folder (the folder removed before each run, outside the timing), and a
# rebuild over the tree the previous run wrote (what `ttlc build` also does: the old tree goes).
for label, root, runs in (("tmpfs", shm, 5), ("disk", work, 1)):
  print(f"output to {label} ({root}); best of {runs}")
  print(f"{'services':>9} {'seconds':>8} {'objects':>8} {'objects/s':>10} {'peak MiB':>9} {'time ×':>7} {'rebuild s':>10} {'objects/s':>10}")
  previous = None
  for n in sizes:
    out = f"{root}/ttlc-bench-out-{n}"
    fresh, rebuild, peak, objects = float("inf"), float("inf"), 0, 0
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        elapsed, objects, rss = build(n, out)
        fresh, peak = min(fresh, elapsed), max(peak, rss)
        elapsed, objects, rss = build(n, out)
        rebuild, peak = min(rebuild, elapsed), max(peak, rss)
    growth = f"{fresh / previous:6.1f}×" if previous else "      -"
    print(f"{n:>9} {fresh:8.3f} {objects:>8} {objects / fresh:10.0f} {peak:9.1f} {growth} {rebuild:10.3f} {objects / rebuild:10.0f}", flush=True)
    previous = fresh
    shutil.rmtree(out, ignore_errors=True)
PY
