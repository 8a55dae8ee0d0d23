#!/usr/bin/env bash
# Benchmarks/Rules/compare.sh REV|DIR ...: the rule evaluator of several cores timed in one
# process (compare_driver.c), for differences too small for separate runs of run.sh on a machine
# whose clock swings. Each argument is a git revision (its Sources/CRuntime) or a folder holding a
# core (a copy of Sources/CRuntime with a change to try); "." is the working tree's. The first is
# the reference. Prints figures; asserts nothing.
# Env: ROUNDS (default 40), CC (default clang).
# Example: bash Benchmarks/Rules/compare.sh HEAD . .   (the working tree against HEAD; "." twice
# shows the noise: its two copies are loaded under two names)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT="$ROOT/.build-c/compare"
rm -rf "$OUT"
mkdir -p "$OUT"
if ! dpkg-query -W -f='${Status}' libhyperscan-dev 2>/dev/null | grep -q "install ok installed"; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libhyperscan-dev
fi
[ $# -ge 1 ] || { echo "usage: $0 REV|DIR ..." >&2; exit 2; }
libs=()
i=0
for arg in "$@"; do
    i=$((i + 1))
    core="$OUT/core$i"
    if [ "$arg" = "." ]; then
        cp -r "$ROOT/Sources/CRuntime" "$core"
    elif [ -d "$arg" ]; then
        cp -r "$arg" "$core"
    else
        mkdir -p "$core"
        git -C "$ROOT" archive "$arg" Sources/CRuntime | tar -x -C "$core" --strip-components=2
    fi
    name=$([ "$arg" = "." ] && echo worktree || basename "$arg" | tr -c 'A-Za-z0-9._\n-' '_')
    lib="$OUT/$i-$name.so"
    # clang -O2, no -march, as swift build compiles the core (CC=gcc for GCC's build).
    "${CC:-clang}" -std=c11 -Wall -Wextra -Werror -pedantic -O2 -DNDEBUG -fPIC -shared \
        -DBENCH_LIBRARY -I"$core/include" -I"$core" "$core"/*.c "$ROOT/Benchmarks/Rules/bench_rules.c" \
        -o "$lib" -lhs -lsodium -lpthread
    libs+=("$lib")
done
"${CC:-clang}" -std=c11 -Wall -Wextra -Werror -O2 "$ROOT/Benchmarks/Rules/compare_driver.c" -o "$OUT/driver" -ldl
"$OUT/driver" "${ROUNDS:-40}" "${libs[@]}"
