#!/usr/bin/env bash
# Benchmarks/CRuntime/run.sh: builds the C benchmark with gcc -O2 -march=native and prints
# its figures. Nothing is asserted: clocks swing between runs, so read the ratios, which
# compare implementations within one run. Env: BENCH_SIGNALS (per run, default 2^24),
# BENCH_REPS (runs per figure, default 7), CC (default gcc).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SRC="$ROOT/Sources/CRuntime"
OUT="$ROOT/.build-c"
mkdir -p "$OUT"
"${CC:-gcc}" -std=c11 -Wall -Wextra -Werror -pedantic -O2 -march=native -DNDEBUG \
    -I"$SRC/include" -I"$SRC" "$SRC"/*.c "$ROOT/Benchmarks/CRuntime/bench.c" \
    -o "$OUT/bitactor_bench" -lsodium -lpthread
"$OUT/bitactor_bench"
