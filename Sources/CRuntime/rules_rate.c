/* rules_rate.c: the table of token buckets per (rule, key), fixed and set-associative: setting
 * it up. Taking a token is ba_rate_take (rules_pvt.h), inline on the evaluator's path. */
#include "rules_pvt.h"

/* One cache line a set (bitactor_rules.h). */
_Static_assert(sizeof(struct bitactor_bucket_set) == 64, "a bucket set is one cache line");

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
    return BITACTOR_OK;
}
