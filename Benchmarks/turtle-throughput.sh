#!/usr/bin/env bash
# Turtle front end throughput beside serdi, in one run, on generated 10 MB and 100 MB files.
# ttlc: serd + term positions + interning into the located graph (no output written).
# serdi: `serdi -i turtle -o ntriples FILE > /dev/null` (parse and write N-Triples).
# Prints MB/s, triples/s and the ratio ttlc/serdi; best of 3 runs each. Figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup >/dev/null
swift build -c release --product turtle-throughput >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for size in ${SIZES:-10 100}; do
  python3 Benchmarks/generate-turtle.py "$size" "$work/$size.ttl"
done
python3 - "$work" ${SIZES:-10 100} <<'PY'
import subprocess, sys, time, os
work, sizes = sys.argv[1], sys.argv[2:]
print(f"{'file':>8} {'tool':>6} {'seconds':>8} {'MB/s':>7} {'Mtriples/s':>10}")
for size in sizes:
    path = f"{work}/{size}.ttl"
    mb = os.path.getsize(path) / 1048576
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with open(os.devnull, "wb") as null:
            subprocess.run(["serdi", "-i", "turtle", "-o", "ntriples", path], stdout=null, check=True)
        best = min(best, time.perf_counter() - start)
    out = subprocess.run([".build/release/turtle-throughput", "--repeat", "3", path], capture_output=True, text=True, check=True).stdout
    rows = [line.split("\t") for line in out.strip().split("\n")]
    triples = int(rows[0][4].split()[0])
    print(f"{size+' MB':>8} {'serdi':>6} {best:8.3f} {mb/best:7.1f} {triples/best/1e6:10.2f}")
    for fields in rows:
        ours = float(fields[1].split()[0]); mode = fields[5]
        tool = "ttlc" if mode == "whole" else "ttlc ∥"
        print(f"{size+' MB':>8} {tool:>6} {ours:8.3f} {mb/ours:7.1f} {triples/ours/1e6:10.2f}")
        print(f"{size+' MB':>8} ratio {tool}/serdi = {best/ours:.2f}  ({triples} triples, {'one core' if mode == 'whole' else 'in pieces on every core'})")
PY
