/* test_util.h: deterministic randomness and signal builders shared by the tests. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include "bitactor.h"

#include <stddef.h>
#include <stdint.h>

/* splitmix64: small, fast, and the same sequence on every platform. */
struct tu_rng {
    uint64_t s;
};

static inline uint64_t tu_next(struct tu_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static inline uint32_t tu_below(struct tu_rng *r, uint32_t n)
{
    return (uint32_t)(((tu_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* The base seed: BITACTOR_TEST_SEED from the environment, else a fixed value. */
uint64_t tu_seed(void);

/* FNV-1a 64 over n bytes. */
uint64_t tu_fnv(const uint8_t *p, size_t n);

/* A random signal that passes bitactor_validate: every field random within its rules, the
 * payload (up to max_payload bytes, fewer if a runs out) random and stored in a. */
void tu_random_valid(struct tu_rng *rng, struct bitactor_signal *s, struct bitactor_arena *a,
                     uint32_t max_payload);

/* Field-by-field equality of two signals (no padding: the struct has none). */
int tu_signal_eq(const struct bitactor_signal *x, const struct bitactor_signal *y);

/* Writes a few valid wire signals into dir as fuzzer seeds; 0 on success. */
int tu_write_seeds(const char *dir);

/* Allocates n zeroed bytes aligned to 64 or aborts the test run. */
void *tu_alloc(size_t n);

#endif /* TEST_UTIL_H */
