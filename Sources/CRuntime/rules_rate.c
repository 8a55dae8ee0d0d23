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
        memset(sets[i].way, 0, sizeof sets[i].way);
    }
    t->sets = sets;
    t->mask = n_sets - 1;
    atomic_init(&t->evictions, 0);
    return BITACTOR_OK;
}

int ba_rate_exceeded(struct bitactor_rate_table *t, uint32_t rule, const struct bitactor_rule *r,
                     const struct bitactor_signal *s)
{
    const uint64_t h = ba_rate_hash(rule, r, s);
    const uint64_t tag = h | 1;
    struct bitactor_bucket_set *set = ba_rate_set(t, h);
    const uint64_t full = (uint64_t)r->rate_limit * r->rate_window;

    /* A0: acquire pairs with R0 of the previous holder: its bucket writes are visible here. */
#ifndef NOLOCK
    while (atomic_exchange_explicit(&set->lock, 1, memory_order_acquire) != 0)
        ;
#endif
    struct bitactor_bucket *b = NULL, *victim = &set->way[0];
    for (unsigned w = 0; w < BITACTOR_BUCKET_WAYS; w++) {
        struct bitactor_bucket *c = &set->way[w];
        if (c->tag == tag) {
            b = c;
            break;
        }
        if (victim->tag != 0 && (c->tag == 0 || c->last < victim->last))
            victim = c;
    }
    if (b == NULL) {
        if (victim->tag != 0)
            /* Only a count; nothing is ordered by it. */
            atomic_fetch_add_explicit(&t->evictions, 1, memory_order_relaxed);
        b = victim;
        b->tag = tag;
        b->tokens = full;
        b->last = s->timestamp;
    } else if (s->timestamp > b->last) {
        const uint64_t dt = s->timestamp - b->last;
        const uint64_t add = dt >= r->rate_window ? full : dt * r->rate_limit;
        b->tokens = full - b->tokens <= add ? full : b->tokens + add;
        b->last = s->timestamp;
    }
    int exceeded = 1;
    if (b->tokens >= r->rate_window) {
        b->tokens -= r->rate_window;
        exceeded = 0;
    }
    /* R0: release pairs with A0 of the next holder. */
#ifndef NOLOCK
    atomic_store_explicit(&set->lock, 0, memory_order_release);
#endif
    return exceeded;
}

uint64_t bitactor_rate_table_evictions(const struct bitactor_rate_table *t)
{
    /* Relaxed: a statistic; pairs with nothing. */
    return atomic_load_explicit(&t->evictions, memory_order_relaxed);
}
