#!/usr/bin/env bash
# Benchmarks/Rules/run.sh: the rule evaluator against Hyperscan in one run, then `ttlc run` end
# to end. Prints figures; asserts nothing. Hyperscan (Debian's libhyperscan-dev) is installed
# here, for the benchmark only: the engine never links it.
# Env: BENCH_REPS (runs per figure, default 7), E2E_EVENTS (events for `ttlc run`, default 200000).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SRC="$ROOT/Sources/CRuntime"
OUT="$ROOT/.build-c"
mkdir -p "$OUT"
if ! dpkg-query -W -f='${Status}' libhyperscan-dev 2>/dev/null | grep -q "install ok installed"; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libhyperscan-dev
fi
# GCC with the flags SwiftPM gives clang below (-O2, no -march: the core picks its instruction
# set at run time). Not -march=native: on an AVX-512 CPU it lets GCC 12 use the 32 vector
# registers as spill slots for general ones in the AVX2 instances, and bursts ran about a fifth
# slower than with -O2 alone (README).
echo "== the core built with ${CC:-gcc} -O2"
"${CC:-gcc}" -std=c11 -Wall -Wextra -Werror -pedantic -O2 -DNDEBUG \
    -I"$SRC/include" -I"$SRC" "$SRC"/*.c "$ROOT/Benchmarks/Rules/bench_rules.c" \
    -o "$OUT/rules_bench" -lhs -lsodium -lpthread
"$OUT/rules_bench"

# What `ttlc run` executes: SwiftPM compiles the core with its clang, -O2 -fPIC, for any x86-64
# (the AVX2 instances are chosen at run time).
echo
echo "== the core as swift build -c release compiles it (the toolchain's clang -O2 -fPIC, no -march)"
clang -std=c11 -Wall -Wextra -Werror -pedantic -O2 -fPIC -DNDEBUG \
    -I"$SRC/include" -I"$SRC" "$SRC"/*.c "$ROOT/Benchmarks/Rules/bench_rules.c" \
    -o "$OUT/rules_bench_swiftpm" -lhs -lsodium -lpthread
"$OUT/rules_bench_swiftpm"

echo
echo "== ttlc run end to end (release build, specs/, one JSON-lines file)"
(cd "$ROOT" && swift build -c release --product ttlc --static-swift-stdlib 2>&1 | tail -n 1)
events="$OUT/e2e-events.jsonl"
python3 "$ROOT/Benchmarks/Rules/events.py" "${E2E_EVENTS:-200000}" >"$events"
for consumers in 1 2; do
    "$ROOT/.build/release/ttlc" run "$ROOT/specs" --events "$events" --consumers "$consumers" |
        grep -E '^(events|throughput|latency)'
done
