#!/usr/bin/env bash
# CLibGit2Loader (libgit2 loaded on first use) with the library there and with it missing,
# under AddressSanitizer and UndefinedBehaviorSanitizer. Last line: "N passed, M failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SRC="$ROOT/Sources/CLibGit2Loader"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
git init -q "$OUT/repository"
mkdir "$OUT/plain"
flags=(-std=c11 -Wall -Wextra -Werror -pedantic -g -fsanitize=address,undefined -fno-sanitize-recover=all
       -I"$SRC/include" -I"$SRC")
gcc "${flags[@]}" "$SRC/loader.c" "$ROOT/Tests/CLibGit2Loader/loader_test.c" -o "$OUT/present" -lpthread
gcc "${flags[@]}" -DTTLC_LIBGIT2_SONAME='"libgit2-not-installed.so.0"' -DEXPECT_MISSING \
    "$SRC/loader.c" "$ROOT/Tests/CLibGit2Loader/loader_test.c" -o "$OUT/missing" -lpthread
passed=0
failed=0
for program in present missing; do
    line=$("$OUT/$program" "$OUT/repository" "$OUT/plain" | tee /dev/stderr | tail -n 1) || true
    passed=$((passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
