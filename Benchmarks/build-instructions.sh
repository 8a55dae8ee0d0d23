#!/usr/bin/env bash
# Two ttlc binaries counted instruction by instruction on one generated spec, under callgrind:
# deterministic where this shared machine's clock is not (it swings by a third from minute to
# minute, so a change of a few percent cannot be timed). Prints, for each binary, the
# instructions of `ttlc build` (all threads) and those spent in swift_retain, swift_release and
# their bridge-object twins, then the ratios new/old. Figures only; nothing is asserted.
# Usage: bash Benchmarks/build-instructions.sh OLD_TTLC NEW_TTLC   (SIZE: services, default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 OLD_TTLC NEW_TTLC" >&2; exit 2; }
if ! command -v valgrind >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends valgrind
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
size=${SIZE:-1000}
python3 Benchmarks/generate-spec.py "$size" "$work/spec"
for side in old new; do
    binary=$([ "$side" = old ] && echo "$1" || echo "$2")
    # valgrind 3.19 cannot read the DWARF 5 of a Swift release binary: count on a copy without it
    # (function names come from the symbol table).
    strip --strip-debug -o "$work/ttlc-$side" "$binary"
    valgrind --tool=callgrind --callgrind-out-file="$work/$side.out" \
        "$work/ttlc-$side" build -q "$work/spec" -o "$work/out-$side" >"$work/$side.log" 2>&1
done
python3 - "$work" "$size" <<'PY'
import re, subprocess, sys
work, size = sys.argv[1], sys.argv[2]
functions = ["swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease"]
counts = {}
for side in ("old", "new"):
    total = int(re.search(r"Collected : (\d+)", open(f"{work}/{side}.log").read()).group(1))
    text = subprocess.run(["callgrind_annotate", f"{work}/{side}.out"], capture_output=True, text=True).stdout
    row = {"instructions": total}
    for name in functions:
        found = re.search(r"^\s*([\d,]+) \(.*\)\s+\?\?\?:" + re.escape(name) + r" \[", text, re.M)
        row[name] = int(found.group(1).replace(",", "")) if found else 0
    counts[side] = row
print(f"ttlc build, {size} generated services, callgrind (instructions; all threads)")
print(f"{'':28s} {'old':>15s} {'new':>15s} {'new/old':>8s}")
for key in ["instructions"] + functions:
    old, new = counts["old"][key], counts["new"][key]
    print(f"{key:28s} {old:15,d} {new:15,d} {new / old if old else float('nan'):8.3f}")
PY
