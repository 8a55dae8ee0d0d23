#!/usr/bin/env bash
# Commands that fail before they use the work started beside their argument parsing (the spec
# read, the built-in shapes: Sources/ttlc/Support/BuiltInWarmUp.swift) must exit with their own
# code. They once exited under that work, and OpenSSL's exit handler (SHA-256 was then set up
# there too) freed what the other thread was setting up: a segmentation fault in about 1 exit in
# 25 of `ttlc build` with a missing spec. The window is a few milliseconds after start, open only in an optimised build
# (a debug build parses its arguments too slowly to fall in it), so this runs the release
# binary, many times. Last line: "N passed, M failed" (one test per command).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
swift build -c release --product ttlc --static-swift-stdlib 2>&1 | tail -n 1
ttlc="$ROOT/.build/release/ttlc"
missing=$(mktemp -u /tmp/ttlc-no-such-spec-XXXXXX)
runs=${EARLY_EXIT_RUNS:-300}
passed=0
failed=0
check() {
    local expected=$1; shift
    local bad=0 status
    for _ in $(seq "$runs"); do
        status=0
        "$ttlc" "$@" >/dev/null 2>&1 || status=$?
        if [ "$status" -ne "$expected" ]; then bad=$((bad + 1)); last=$status; fi
    done
    if [ "$bad" -eq 0 ]; then
        echo "ok   ttlc $* exits $expected ($runs runs)"; passed=$((passed + 1))
    else
        echo "FAIL ttlc $*: $bad of $runs runs exited otherwise (last: $last)"; failed=$((failed + 1))
    fi
}
check 1 build "$missing" -o "$missing-out"
check 1 plan "$missing"
check 64 build --no-such-option
check 64 build specs --no-such-option
check 1 check "$missing"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
