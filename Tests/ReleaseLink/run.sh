#!/usr/bin/env bash
# The release ttlc is linked for a quick start (Package.swift, `startUpLinking`): no shared
# libstdc++ or libgcc (the linker script in Sources/ttlc/Link must win the library search, which
# fails silently when it does not), none of our symbols exported, relative relocations packed,
# and still position-independent. Then the binary so linked must build specs/ into exactly ops/
# and report its version. Last line: "N passed, M failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
swift build -c release --product ttlc --static-swift-stdlib 2>&1 | tail -n 1
ttlc="$ROOT/.build/release/ttlc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
# check DESCRIPTION COMMAND...: one test, passed when the command succeeds.
check() {
    local description=$1; shift
    if "$@"; then echo "ok   $description"; passed=$((passed + 1)); else echo "FAIL $description"; failed=$((failed + 1)); fi
}

readelf -d "$ttlc" > "$work/dynamic"
needed=$(grep NEEDED "$work/dynamic" | sed -E 's/.*\[(.*)\]/\1/' | tr '\n' ' ')
check "no shared libstdc++ or libgcc among the needed libraries ($needed)" \
    bash -c '! grep -qE "libstdc\+\+|libgcc_s" <<<"$1"' _ "$needed"

# Defined dynamic symbols of our own: Swift's mangled names start with $s.
exported=$(readelf --dyn-syms -W "$ttlc" | awk '$7 != "UND" && $8 ~ /^\$s/' | wc -l)
check "no Swift symbol exported ($exported)" test "$exported" -eq 0

check "relative relocations packed (DT_RELR)" grep -q '(RELR)' "$work/dynamic"

check "position-independent executable" \
    bash -c 'readelf -h "$1" | grep -q "Position-Independent Executable" && grep -q "Flags: PIE" "$2"' _ "$ttlc" "$work/dynamic"

check "ttlc build specs/ gives exactly ops/" \
    bash -c '"$1" build specs -o "$2/ops" -q && diff -r "$2/ops" ops' _ "$ttlc" "$work"

check "ttlc --version prints a version" bash -c '"$1" --version | grep -qE "^[0-9]+\.[0-9]+\.[0-9]+$"' _ "$ttlc"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
