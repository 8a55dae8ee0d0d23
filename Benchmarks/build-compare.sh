#!/usr/bin/env bash
# Two ttlc binaries alternated on the same generated specs, in one run: this machine's clock
# swings up to 2x from minute to minute, so two builds timed minutes apart are not comparable,
# while the two sides of one round are. Usage:
#   bash Benchmarks/build-compare.sh OLD_TTLC NEW_TTLC
# (ROUNDS, default 5; SIZES, default "1000 10000"). Each round builds every size with both
# binaries, in alternating order, into an empty folder on tmpfs and again over the tree just
# written (a rebuild, which removes the previous tree). Prints the median seconds of each and
# the ratio new/old per round, median and range. Figures only; nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 OLD_TTLC NEW_TTLC" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
work=$(mktemp -d)
shm=/dev/shm
[ -d "$shm" ] || shm=$work
trap 'rm -rf "$work" "$shm"/ttlc-compare-*' EXIT
for n in ${SIZES:-1000 10000}; do
  python3 Benchmarks/generate-spec.py "$n" "$work/spec-$n"
done
python3 - "$old" "$new" "$work" "$shm" "${ROUNDS:-5}" ${SIZES:-1000 10000} <<'PY'
import os, statistics, subprocess, sys, time
old, new, work, shm, rounds, sizes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6:]

def build(binary, n, out):
    start = time.perf_counter()
    subprocess.run([binary, "build", "-q", f"{work}/spec-{n}", "-o", out], check=True)
    return time.perf_counter() - start

print(f"old: {old}\nnew: {new}\n{rounds} rounds, order alternating")
for n in sizes:
    times = {(side, kind): [] for side in ("old", "new") for kind in ("fresh", "rebuild")}
    for r in range(rounds):
        order = [("old", old), ("new", new)] if r % 2 == 0 else [("new", new), ("old", old)]
        for side, binary in order:
            out = f"{shm}/ttlc-compare-{side}"
            subprocess.run(["rm", "-rf", out], check=True)
            times[(side, "fresh")].append(build(binary, n, out))
            times[(side, "rebuild")].append(build(binary, n, out))
            subprocess.run(["rm", "-rf", out], check=True)
    for kind in ("fresh", "rebuild"):
        a, b = times[("old", kind)], times[("new", kind)]
        ratios = [y / x for x, y in zip(a, b)]
        print(f"{n:>6} services, {kind:<7}: old {statistics.median(a):7.3f} s, new {statistics.median(b):7.3f} s, "
              f"new/old {statistics.median(ratios):.3f} (per round {min(ratios):.3f}-{max(ratios):.3f})", flush=True)
PY
