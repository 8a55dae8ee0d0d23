/* rules_eval.c: one signal through the compiled rule set (see bitactor_rules.h): the entry
 * points, which pick an instance of the steps (rules_eval_steps.h) by the CPU and the rule set,
 * and the instances for any CPU. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime where there is no TSC */
#include "rules_eval_steps.h"

BA_ONE_INSTANCE(ba_eval_one_1, 1)
BA_ONE_INSTANCE(ba_eval_one_4, BITACTOR_MASK_WORDS)
BA_BURST_INSTANCE(ba_eval_burst_1, 1, 0)
BA_BURST_INSTANCE(ba_eval_burst_1_ticks, 1, 1)
BA_BURST_INSTANCE(ba_eval_burst_4, BITACTOR_MASK_WORDS, 0)
BA_BURST_INSTANCE(ba_eval_burst_4_ticks, BITACTOR_MASK_WORDS, 1)
BA_SCAN_INSTANCE(ba_scan)

/* 64-bit words of a rule mask that can hold a bit: the masks' words past the last rule are zero,
 * so an instance for one word serves up to 64 rules. */
static inline unsigned mask_words(const struct bitactor_ruleset *rs) { return (rs->n_rules + 63u) / 64u; }

/* Whether the CPU has AVX2: reads what libgcc (or compiler-rt) found at start-up, one load. */
static inline int have_avx2(void)
{
#if defined(BA_HAVE_AVX2)
    return __builtin_cpu_supports("avx2") != 0;
#else
    return 0;
#endif
}

void bitactor_rule_counters_reset(struct bitactor_rule_counters *c) { memset(c, 0, sizeof *c); }

uint16_t bitactor_rules_lpm(const struct bitactor_ruleset *rs, enum bitactor_lpm_trie trie,
                            const uint8_t *addr)
{
    const unsigned bytes = trie == BITACTOR_LPM_SRC6 || trie == BITACTOR_LPM_DST6 ? 16 : 4;
    return ba_lpm_lookup(rs, trie, addr, bytes);
}

void bitactor_rules_scan(const struct bitactor_ruleset *rs, const uint8_t *bytes, uint32_t len,
                         struct bitactor_rule_mask *found)
{
    memset(found, 0, sizeof *found);
#if defined(BA_HAVE_AVX2)
    (have_avx2() ? ba_scan_avx2 : ba_scan)(rs, bytes, len, found, &rs->masks[rs->payload_rules]);
#else
    ba_scan(rs, bytes, len, found, &rs->masks[rs->payload_rules]);
#endif
}

void bitactor_rules_eval(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                         const struct bitactor_signal *s, const uint8_t *payload,
                         struct bitactor_rule_counters *c, struct bitactor_verdict *out)
{
    const int one = mask_words(rs) <= 1;
#if defined(BA_HAVE_AVX2)
    if (have_avx2()) {
        (one ? ba_eval_one_1_avx2 : ba_eval_one_4_avx2)(rs, rates, s, payload, c, out);
        return;
    }
#endif
    (one ? ba_eval_one_1 : ba_eval_one_4)(rs, rates, s, payload, c, out);
}

uint64_t bitactor_ticks(void) { return ba_ticks(); }

void bitactor_rules_eval_burst(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                               const struct bitactor_signal *s, uint32_t n,
                               const struct bitactor_arena *a, struct bitactor_rule_counters *c,
                               struct bitactor_verdict *out, uint32_t *ticks)
{
    /* [AVX2][width][ticks] */
    static ba_burst_fn *const instance[2][2][2] = {
        {{ba_eval_burst_4, ba_eval_burst_4_ticks}, {ba_eval_burst_1, ba_eval_burst_1_ticks}},
#if defined(BA_HAVE_AVX2)
        {{ba_eval_burst_4_avx2, ba_eval_burst_4_ticks_avx2}, {ba_eval_burst_1_avx2, ba_eval_burst_1_ticks_avx2}},
#else
        {{ba_eval_burst_4, ba_eval_burst_4_ticks}, {ba_eval_burst_1, ba_eval_burst_1_ticks}},
#endif
    };
    instance[have_avx2()][mask_words(rs) <= 1][ticks != NULL](rs, rates, s, n, a, c, out, ticks);
}
