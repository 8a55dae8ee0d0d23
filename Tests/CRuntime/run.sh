#!/usr/bin/env bash
# Tests/CRuntime/run.sh: the BitActor core's C tests, in one go.
#   1. unit + chaos tests, gcc, AddressSanitizer + UndefinedBehaviorSanitizer
#   2. the same tests, gcc, ThreadSanitizer; the rule tests again with ASan + UBSan built
#      -DBITACTOR_RULES_PORTABLE (the portable payload scan, not the AVX2 one the CPU may pick)
#   3. the core's objects reference no allocator (no malloc/free on any path)
#   4. the libFuzzer harness on the wire decoder, for FUZZ_SECONDS (default 30)
#   5. the libFuzzer harness on the JSON event reader (Sources/CEvents), for EVENTS_FUZZ_SECONDS
#      (default 20), seeded with the golden events of Tests/Fixtures/rules
# Builds into .build-c/ (gitignored). Exits non-zero on any failure. The last line of output
# is "N passed, M failed", counting test cases across all the runs.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SRC="$ROOT/Sources/CRuntime"
TESTS="$ROOT/Tests/CRuntime"
OUT="$ROOT/.build-c"
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
CC=${CC:-gcc}
mkdir -p "$OUT"

CORE=("$SRC"/*.c)
TEST_SRCS=("$TESTS"/tt.c "$TESTS"/test_*.c) # test_util.c is among test_*.c
STRICT=(-std=c11 -Wall -Wextra -Werror -pedantic -I"$SRC/include" -I"$SRC" -I"$TESTS")
LIBS=(-lsodium -lpthread)

passed=0
failed=0

# run_suite NAME SANITIZER-FLAGS...: builds and runs the test binary (only the cases whose name
# contains $TT_FILTER, when set), adds its RESULT line.
run_suite() {
    local name=$1
    shift
    local bin="$OUT/bitactor_tests_$name"
    echo "== $name: build"
    if ! "$CC" "${STRICT[@]}" -O1 -g "$@" -fno-sanitize-recover=all -fno-omit-frame-pointer \
        "${CORE[@]}" "${TEST_SRCS[@]}" -o "$bin" "${LIBS[@]}"; then
        echo "FAIL $name: build failed"
        failed=$((failed + 1))
        return
    fi
    echo "== $name: run"
    local log="$OUT/$name.log"
    "$bin" ${TT_FILTER:+"$TT_FILTER"} 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    local result
    result=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$log" | tail -1)
    if [[ -z $result ]]; then
        # Crashed before the end: every case that printed "ok" passed, and the run failed.
        local oks
        oks=$(grep -c '^ok ' "$log")
        echo "FAIL $name: the test binary died (exit $rc) before finishing"
        passed=$((passed + oks))
        failed=$((failed + 1))
        return
    fi
    read -r _ p f <<<"$result"
    passed=$((passed + p))
    failed=$((failed + f))
    if ((rc != 0 && f == 0)); then
        echo "FAIL $name: exit $rc"
        failed=$((failed + 1))
    fi
}

# 1 and 2: sanitizers. TSan and ASan cannot share a binary.
run_suite asan-ubsan -fsanitize=address,undefined
TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1} run_suite tsan -fsanitize=thread
TT_FILTER=rules. run_suite rules-portable -DBITACTOR_RULES_PORTABLE -fsanitize=address,undefined

# 3: the core never calls an allocator: no undefined reference to one in its objects.
echo "== no-alloc: scan the core's objects"
noalloc_ok=1
for c in "${CORE[@]}"; do
    o="$OUT/noalloc_$(basename "$c" .c).o"
    if ! "$CC" "${STRICT[@]}" -O2 -c "$c" -o "$o"; then
        noalloc_ok=0
        continue
    fi
    if nm -u "$o" | grep -Ew '(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|memalign|valloc|sodium_malloc|sodium_allocarray)'; then
        echo "   $(basename "$c") references an allocator"
        noalloc_ok=0
    fi
done
if ((noalloc_ok)); then
    echo "ok   build.core_objects_reference_no_allocator"
    passed=$((passed + 1))
else
    echo "FAIL build.core_objects_reference_no_allocator"
    failed=$((failed + 1))
fi

# 4: libFuzzer on the wire decoder, with Swift's clang (it ships libFuzzer).
echo "== fuzz: wire decoder for ${FUZZ_SECONDS}s"
FUZZ_CC=${FUZZ_CC:-}
if [[ -z $FUZZ_CC ]]; then
    if command -v swift >/dev/null && [[ -x "$(dirname "$(command -v swift)")/clang" ]]; then
        FUZZ_CC="$(dirname "$(command -v swift)")/clang"
    else
        FUZZ_CC=clang
    fi
fi
fuzz_bin="$OUT/fuzz_wire"
corpus="$OUT/fuzz-corpus"
rm -rf "$corpus"
mkdir -p "$corpus"
# lld when the toolchain has it (gold prints a warning per sanitizer thunk).
FUZZ_LD=()
[[ -x "$(dirname "$FUZZ_CC")/ld.lld" ]] && FUZZ_LD=(-fuse-ld=lld)
if "$FUZZ_CC" "${STRICT[@]}" "${FUZZ_LD[@]}" -O1 -g -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all "$SRC"/signal.c "$SRC"/validate.c "$SRC"/wire.c "$SRC"/bitactor.c \
    "$TESTS"/fuzz_wire.c -o "$fuzz_bin" &&
    "$OUT/bitactor_tests_asan-ubsan" --write-seeds "$corpus" &&
    "$fuzz_bin" -max_total_time="$FUZZ_SECONDS" -max_len=9400 -print_final_stats=1 \
        -artifact_prefix="$OUT/" "$corpus" >"$OUT/fuzz.log" 2>&1; then
    grep -E 'stat::number_of_executed_units|cov:|Done' "$OUT/fuzz.log" | tail -3
    echo "ok   fuzz.wire_decode (${FUZZ_SECONDS}s)"
    passed=$((passed + 1))
else
    tail -40 "$OUT/fuzz.log" 2>/dev/null
    echo "FAIL fuzz.wire_decode (see $OUT/fuzz.log)"
    failed=$((failed + 1))
fi

# 5: libFuzzer on the JSON event reader (libjansson), seeded with one golden event per file.
EVENTS_FUZZ_SECONDS=${EVENTS_FUZZ_SECONDS:-20}
echo "== fuzz: JSON event reader for ${EVENTS_FUZZ_SECONDS}s"
events_bin="$OUT/fuzz_events"
events_corpus="$OUT/fuzz-events-corpus"
rm -rf "$events_corpus"
mkdir -p "$events_corpus"
n=0
for f in "$ROOT"/Tests/Fixtures/rules/*.jsonl; do
    while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" >"$events_corpus/seed$n"
    done <"$f"
done
if "$FUZZ_CC" "${STRICT[@]}" "${FUZZ_LD[@]}" -I"$ROOT/Sources/CEvents/include" -O1 -g \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all "$SRC"/signal.c "$SRC"/validate.c \
    "$SRC"/bitactor.c "$ROOT"/Sources/CEvents/events.c "$TESTS"/fuzz_events.c -o "$events_bin" -ljansson &&
    "$events_bin" -max_total_time="$EVENTS_FUZZ_SECONDS" -max_len=4096 -print_final_stats=1 \
        -dict="$TESTS/events.dict" -artifact_prefix="$OUT/events-" "$events_corpus" >"$OUT/fuzz-events.log" 2>&1; then
    grep -E 'stat::number_of_executed_units|cov:|Done' "$OUT/fuzz-events.log" | tail -3
    echo "ok   fuzz.event_reader (${EVENTS_FUZZ_SECONDS}s)"
    passed=$((passed + 1))
else
    tail -40 "$OUT/fuzz-events.log" 2>/dev/null
    echo "FAIL fuzz.event_reader (see $OUT/fuzz-events.log)"
    failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
((failed == 0))
