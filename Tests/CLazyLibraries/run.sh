#!/usr/bin/env bash
# CLazyLibraries (libgit2 loaded on first use) with the library there and with it missing,
# under AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer. Last line: "N passed,
# M failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SRC="$ROOT/Sources/CLazyLibraries"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
git init -q "$OUT/repository"
mkdir "$OUT/plain"
flags=(-std=c11 -Wall -Wextra -Werror -pedantic -g -fsanitize=address,undefined -fno-sanitize-recover=all
       -I"$SRC/include" -I"$SRC")
sources=("$SRC"/*.c "$ROOT/Tests/CLazyLibraries/loader_test.c")
gcc "${flags[@]}" "${sources[@]}" -o "$OUT/present" -lpthread
gcc "${flags[@]}" -DEXPECT_MISSING -DTTLC_LIBGIT2_SONAME='"libgit2-not-installed.so.0"' "${sources[@]}" -o "$OUT/missing" -lpthread
passed=0
failed=0
for program in present missing; do
    line=$("$OUT/$program" "$OUT/repository" "$OUT/plain" | tee /dev/stderr | tail -n 1) || true
    if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
    else
        echo "FAIL $program did not finish: $line"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
