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

/* The way whose tag is tag, or BITACTOR_BUCKET_WAYS. By conditional moves: which way a key sits
 * in is random, so a branch per way would mispredict. */
static inline unsigned find_way(const struct bitactor_bucket_set *set, uint64_t tag)
{
    unsigned hit = BITACTOR_BUCKET_WAYS;
    for (unsigned w = BITACTOR_BUCKET_WAYS; w-- > 0;)
        hit = set->way[w].tag == tag ? w : hit;
    return hit;
}

/* The way a new key takes: the first empty one, else the first least recently refilled. */
static inline unsigned victim_way(const struct bitactor_bucket_set *set)
{
    unsigned v = 0;
    for (unsigned w = 1; w < BITACTOR_BUCKET_WAYS; w++) {
        const struct bitactor_bucket *c = &set->way[w], *o = &set->way[v];
        const unsigned take = (unsigned)(o->tag != 0) & ((unsigned)(c->tag == 0) | (unsigned)(c->last < o->last));
        v = take ? w : v;
    }
    return v;
}

int ba_rate_take(struct bitactor_rate_table *t, uint64_t h, const struct bitactor_rule *r, uint64_t now)
{
    const uint64_t tag = h | 1;
    struct bitactor_bucket_set *set = ba_rate_set(t, h);
    const uint64_t full = (uint64_t)r->rate_limit * r->rate_window;

    /* A0: acquire pairs with R0 of the previous holder: its bucket writes are visible here. */
    while (atomic_exchange_explicit(&set->lock, 1, memory_order_acquire) != 0)
        ;
    const unsigned hit = find_way(set, tag);
    struct bitactor_bucket *b;
    if (hit == BITACTOR_BUCKET_WAYS) {
        b = &set->way[victim_way(set)];
        if (b->tag != 0)
            /* Only a count; nothing is ordered by it. */
            atomic_fetch_add_explicit(&t->evictions, 1, memory_order_relaxed);
        b->tag = tag;
        b->tokens = full;
        b->last = now;
    } else {
        b = &set->way[hit];
        if (now > b->last) {
            const uint64_t dt = now - b->last;
            const uint64_t add = dt >= r->rate_window ? full : dt * r->rate_limit;
            b->tokens = full - b->tokens <= add ? full : b->tokens + add;
            b->last = now;
        }
    }
    int exceeded = 1;
    if (b->tokens >= r->rate_window) {
        b->tokens -= r->rate_window;
        exceeded = 0;
    }
    /* R0: release pairs with A0 of the next holder. */
    atomic_store_explicit(&set->lock, 0, memory_order_release);
    return exceeded;
}

uint64_t bitactor_rate_table_evictions(const struct bitactor_rate_table *t)
{
    /* Relaxed: a statistic; pairs with nothing. */
    return atomic_load_explicit(&t->evictions, memory_order_relaxed);
}
