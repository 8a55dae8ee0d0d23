/* tt.c: the runner. Usage: bitactor_tests [substring]  (runs the cases whose name contains it)
 *                         bitactor_tests --write-seeds DIR  (valid wire signals for the fuzzer) */
#include "tt.h"
#include "test_util.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static _Atomic unsigned failures; /* relaxed: read after the case's threads are joined */

void tt_fail(const char *file, int line, const char *what)
{
    atomic_fetch_add_explicit(&failures, 1, memory_order_relaxed);
    fprintf(stderr, "    %s:%d: check failed: %s\n", file, line, what);
}

void tt_fail_eq(const char *file, int line, const char *a, const char *b, uint64_t va,
                uint64_t vb)
{
    atomic_fetch_add_explicit(&failures, 1, memory_order_relaxed);
    fprintf(stderr, "    %s:%d: %s == %s failed: %llu != %llu\n", file, line, a, b,
            (unsigned long long)va, (unsigned long long)vb);
}

int tt_case_failed(void) { return atomic_load_explicit(&failures, memory_order_relaxed) != 0; }

static const struct tt_case *const suites[] = {
    tt_signal_cases, tt_wire_cases,      tt_validate_cases, tt_ring_cases,
    tt_dispatch_cases, tt_telemetry_cases, tt_chaos_cases, tt_rules_cases,
};

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write-seeds") == 0)
        return tu_write_seeds(argv[2]) == 0 ? 0 : 1;
    const char *filter = argc > 1 ? argv[1] : "";
    unsigned passed = 0, failed = 0;
    for (size_t s = 0; s < sizeof suites / sizeof suites[0]; s++) {
        for (const struct tt_case *c = suites[s]; c->name != NULL; c++) {
            if (strstr(c->name, filter) == NULL)
                continue;
            atomic_store_explicit(&failures, 0, memory_order_relaxed);
            c->fn();
            if (tt_case_failed()) {
                failed++;
                printf("FAIL %s\n", c->name);
            } else {
                passed++;
                printf("ok   %s\n", c->name);
            }
            fflush(stdout);
        }
    }
    printf("RESULT %u %u\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
