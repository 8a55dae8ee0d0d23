/* rules_rate.c: token buckets per (rule, key) in a fixed, set-associative table.
 *
 * Tokens are kept scaled by the window so that refilling is integer arithmetic: a bucket is
 * full at limit x window (at most 10^6 x 3.6e12 < 2^64), time t adds t x limit (t capped at one
 * window, so it never overflows), and a signal costs one window. */
#include "rules_pvt.h"

int bitactor_rate_table_init(struct bitactor_rate_table *t, struct bitactor_bucket_set *sets,
                             uint32_t n_sets)
{
    if (t == NULL || sets == NULL || n_sets == 0 || (n_sets & (n_sets - 1)) != 0)
        return BITACTOR_E_INVAL;
    for (uint32_t i = 0; i < n_sets; i++) {
        atomic_init(&sets[i].lock, 0);
        memset(sets[i].tag, 0, sizeof sets[i].tag);
        memset(sets[i].tokens, 0, sizeof sets[i].tokens);
        memset(sets[i].last, 0, sizeof sets[i].last);
    }
    t->sets = sets;
    t->mask = n_sets - 1;
    atomic_init(&t->evictions, 0);
    return BITACTOR_OK;
}

uint64_t bitactor_rate_table_evictions(const struct bitactor_rate_table *t)
{
    /* Relaxed: a statistic; pairs with nothing. */
    return atomic_load_explicit(&t->evictions, memory_order_relaxed);
}
