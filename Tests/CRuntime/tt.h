/* tt.h: a tiny test framework. A case is a function; CHECK records a failure and goes on,
 * REQUIRE records it and leaves the case. The runner prints one line per case and, last,
 * "RESULT <passed> <failed>" for Tests/CRuntime/run.sh. */
#ifndef TT_H
#define TT_H

#include <stdint.h>
#include <stdio.h>

struct tt_case {
    const char *name;
    void (*fn)(void);
};

/* Failures in the running case; checks may run on several threads. */
void tt_fail(const char *file, int line, const char *what);
void tt_fail_eq(const char *file, int line, const char *a, const char *b, uint64_t va,
                uint64_t vb);
int tt_case_failed(void);

#define CHECK(c)                                                                               \
    do {                                                                                       \
        if (!(c))                                                                              \
            tt_fail(__FILE__, __LINE__, #c);                                                   \
    } while (0)

#define CHECK_EQ(a, b)                                                                         \
    do {                                                                                       \
        const uint64_t tt_a_ = (uint64_t)(a), tt_b_ = (uint64_t)(b);                           \
        if (tt_a_ != tt_b_)                                                                    \
            tt_fail_eq(__FILE__, __LINE__, #a, #b, tt_a_, tt_b_);                              \
    } while (0)

#define REQUIRE(c)                                                                             \
    do {                                                                                       \
        if (!(c)) {                                                                            \
            tt_fail(__FILE__, __LINE__, #c);                                                   \
            return;                                                                            \
        }                                                                                      \
    } while (0)

#define REQUIRE_EQ(a, b)                                                                       \
    do {                                                                                       \
        const uint64_t tt_a_ = (uint64_t)(a), tt_b_ = (uint64_t)(b);                           \
        if (tt_a_ != tt_b_) {                                                                  \
            tt_fail_eq(__FILE__, __LINE__, #a, #b, tt_a_, tt_b_);                              \
            return;                                                                            \
        }                                                                                      \
    } while (0)

/* Each test file exports one null-terminated table. */
extern const struct tt_case tt_signal_cases[];
extern const struct tt_case tt_wire_cases[];
extern const struct tt_case tt_validate_cases[];
extern const struct tt_case tt_ring_cases[];
extern const struct tt_case tt_dispatch_cases[];
extern const struct tt_case tt_telemetry_cases[];
extern const struct tt_case tt_chaos_cases[];
extern const struct tt_case tt_rules_cases[];

#endif /* TT_H */
