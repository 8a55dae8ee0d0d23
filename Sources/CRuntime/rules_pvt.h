/* rules_pvt.h: internals shared by the rule compiler and the evaluator. */
#ifndef BITACTOR_RULES_PVT_H
#define BITACTOR_RULES_PVT_H

#include "bitactor_rules.h"

#include <string.h>

/* x86-64 with GCC or clang: the evaluator has instances compiled for AVX2 (rules_eval_avx2.c),
 * chosen at run time (any x86-64 runs the others); elsewhere, or built with
 * -DBITACTOR_RULES_PORTABLE (the tests do, to cover the other path), only the portable ones. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(BITACTOR_RULES_PORTABLE)
#define BA_HAVE_AVX2 1
#endif

#if defined(__GNUC__)
#define BA_UNLIKELY_R(x) __builtin_expect(!!(x), 0)
#else
#define BA_UNLIKELY_R(x) (x)
#endif

/* The compiler's working state: the storage, and how much of each table is used. */
struct rc_build {
    const struct bitactor_rules_storage *st;
    uint32_t n_masks;
    uint32_t n_lpm_nodes;
    uint32_t n_ac_states;
    uint32_t n_ac_classes;
    uint32_t pattern_min; /* bytes in the shortest pattern so far (0: none yet) */
};

static inline void rc_mask_set(struct bitactor_rule_mask *m, uint32_t rule)
{
    m->w[rule >> 6] |= (uint64_t)1 << (rule & 63);
}

static inline void rc_mask_or(struct bitactor_rule_mask *m, const struct bitactor_rule_mask *o)
{
    for (unsigned i = 0; i < BITACTOR_MASK_WORDS; i++)
        m->w[i] |= o->w[i];
}

/* The index of mask m in the table, added when new. Linear: compiling is not the hot path, and
 * tables hold a few thousand masks at most. Returns -1 when the table is full. */
int32_t rc_intern(struct rc_build *b, const struct bitactor_rule_mask *m);

/* rules_lpm.c */
int rc_lpm_init(struct rc_build *b, uint32_t roots[4], uint16_t base[4]);
int rc_lpm_insert(struct rc_build *b, uint32_t root, const struct bitactor_prefix *p,
                  uint32_t rule);

/* rules_ac.c: builds the DFA over every pattern of every rule. */
int rc_ac_build(struct rc_build *b, const struct bitactor_rule_spec *specs, uint32_t n);

/* The prefilter (bitactor_ruleset.prefilter): word offsets of its one-byte and window parts. */
#define BA_PF_SINGLE 1024u
#define BA_PF_QUAD 1028u

/* Four bytes, the first in the low bits, whatever the host's byte order (one load on x86). */
static inline uint32_t ba_load_le32(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t w;
    memcpy(&w, p, sizeof w);
    return w;
#else
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
#endif
}

/* The window prefilter (used when every pattern has m >= 4 bytes): windows of ba_window_bytes
 * bytes, 3 when m <= 6, else 4, looked up at every ba_quad_stride-th position. Each occurrence of
 * a pattern has one of its first s windows at a multiple of s when s <= m - width + 1, so the
 * bitmap holds each pattern's first s windows. The stride is at most 4 (eight windows must fit
 * two 16-byte lanes of the AVX2 scan); for m <= 6 three-byte windows allow one step more than
 * four-byte ones (m = 5: every 3rd position, not every 2nd), for m >= 7 both reach 4 and four
 * bytes pass fewer windows of text. */
static inline uint32_t ba_window_bytes(uint32_t pattern_min) { return pattern_min <= 6 ? 3 : 4; }

/* The prefilter's stride; 0: some pattern is shorter than four bytes (the two-byte prefilter
 * serves). */
static inline uint32_t ba_quad_stride(uint32_t pattern_min)
{
    if (pattern_min < 4)
        return 0;
    const uint32_t s = pattern_min - ba_window_bytes(pattern_min) + 1;
    return s > 4 ? 4 : s;
}

/* The prefilter's bit for a window w (its bytes, the first in the low bits, the bytes past the
 * window's width 0): Fibonacci hashing, the high 16 bits of the product. One multiply, so that the
 * SIMD scan can do eight at once. */
static inline uint32_t ba_quad_hash(uint32_t w) { return (uint32_t)(w * 0x9E3779B1u) >> 16; }

/* The window of `bytes` bytes at p (3 or 4; reads no further). */
static inline uint32_t ba_load_window(const uint8_t *p, uint32_t bytes)
{
    return bytes == 4 ? ba_load_le32(p) : (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

/* Set bits of b[0..4) at positions 0..k, given before[w] (the bits set in the words below w):
 * one popcount, without a branch on k (a byte of a random address). */
static inline uint32_t ba_rank256(const uint64_t b[4], const uint8_t before[4], unsigned k)
{
    const unsigned w = k >> 6;
    return before[w] + (uint32_t)__builtin_popcountll(b[w] & (~(uint64_t)0 >> (63 - (k & 63))));
}

/* The trie walk: one 80-byte node per 8 bits until the entry is a leaf (the deepest level holds
 * only leaves, so the walk ends within `bytes` steps); with the trie's direct level, its first
 * two steps are one load (BITACTOR_LPM_DIRECT_ENTRIES). */
static inline uint16_t ba_lpm_lookup(const struct bitactor_ruleset *rs, unsigned trie,
                                     const uint8_t *addr, unsigned bytes)
{
    const uint16_t *direct = rs->lpm_direct[trie];
    const struct bitactor_lpm_node *n;
    unsigned i = 0;
    if (direct != NULL) {
        const uint16_t e = direct[(unsigned)addr[0] << 8 | addr[1]];
        if ((e & BITACTOR_LPM_DIRECT_LEAF) != 0)
            return (uint16_t)(e & ~BITACTOR_LPM_DIRECT_LEAF);
        n = &rs->lpm[e];
        i = 2;
    } else {
        n = &rs->lpm[rs->lpm_root[trie]];
    }
    for (; i < bytes; i++) {
        const unsigned k = addr[i];
        if ((n->child[k >> 6] >> (k & 63)) & 1) {
            n = &rs->lpm[n->child_base + ba_rank256(n->child, n->child_before, k) - 1];
            continue;
        }
        return rs->lpm_leaves[n->leaf_base + ba_rank256(n->leaf, n->leaf_before, k) - 1];
    }
    return 0;
}

/* rules_lpm.c: the uncompressed tries (scratch) into compressed nodes, breadth first. */
int rc_lpm_compress(struct rc_build *b, uint32_t roots[4], uint32_t *n_leaves);
/* rules_lpm.c: the direct level of the compressed trie at root into direct[65536];
 * BITACTOR_E_NOSPACE when a mask or node index needs more than 15 bits. */
int rc_lpm_direct(const struct bitactor_lpm_node *nodes, const uint16_t *leaves, uint32_t root,
                  uint16_t *direct);
/* rules_compile.c: the tries (enum bitactor_lpm_trie) that get a direct level, as bits. */
unsigned rc_lpm_direct_tries(const struct bitactor_rule_spec *specs, uint32_t n);

/* Two multiply-xorshift rounds over the key's 64-bit words and the rule index: the bucket set
 * comes from the low bits (ba_rate_set), the tag from the high half (ba_rate_take). */
static inline uint64_t ba_mix(uint64_t h)
{
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h;
}

static inline uint64_t ba_rate_hash(uint32_t rule, const struct bitactor_rule *r, const struct bitactor_signal *s)
{
    if (r->rate_key == BITACTOR_RATE_BY_SIGNAL_KEY)
        return ba_mix(s->key * 0x9e3779b97f4a7c15ull ^ ((uint64_t)rule + 1) * 0xc2b2ae3d27d4eb4full);
    uint64_t lo, hi;
    const uint8_t *a = r->rate_key == BITACTOR_RATE_BY_SOURCE ? s->src : s->dst;
    memcpy(&lo, a, 8);
    memcpy(&hi, a + 8, 8);
    return ba_mix(lo * 0x9e3779b97f4a7c15ull ^ ba_mix(hi ^ ((uint64_t)rule << 8 | s->family)));
}

/* The bucket set of a hash (ba_rate_hash). */
static inline struct bitactor_bucket_set *ba_rate_set(const struct bitactor_rate_table *t, uint64_t h)
{
    return &t->sets[(h >> 1) & t->mask];
}

/* Fetches a bucket set's cache line for writing, so that the miss overlaps other work.
 * A macro, not a function: GCC takes a function whose only effect is a prefetch for a pure one
 * and drops the calls (so the prefetch this replaced was never issued). */
#if defined(__GNUC__)
#define BA_RATE_PREFETCH(set) __builtin_prefetch((const char *)(set), 1, 3)
#else
#define BA_RATE_PREFETCH(set) ((void)(set))
#endif

/* Takes a token from the bucket of hash h (ba_rate_hash) for rule r at time now; 1 when the
 * bucket was empty (the rate is exceeded), 0 when the signal fits the rate. *evictions counts a
 * bucket pushed out for this key (the caller's own counter). Inline: it is on the path of most
 * signals, and a call would cost the caller its registers.
 *
 * Tokens are kept scaled by the window so that refilling is integer arithmetic: a bucket is full
 * at limit x window (at most 10^6 x 3.6e12 < 2^64), time t adds t x limit (t capped at one
 * window, so it never overflows), and a signal costs one window. A key not in the set takes the
 * first empty way, else the least recently refilled one (found by conditional moves, the three
 * ways unrolled: which way a key sits in is random, so a branch per way would mispredict).
 * Always inlined: clang finds it too large for the burst's loop otherwise. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int ba_rate_take(struct bitactor_rate_table *t, uint64_t h, const struct bitactor_rule *r,
                               uint64_t now, uint64_t *evictions)
{
    const uint32_t tag = (uint32_t)(h >> 32) | 1u;
    struct bitactor_bucket_set *set = ba_rate_set(t, h);
    const uint64_t window = r->rate_window;
    const uint64_t full = (uint64_t)r->rate_limit * window;

    /* A0: acquire pairs with R0 of the previous holder: its bucket writes are visible here. */
    while (atomic_exchange_explicit(&set->lock, 1, memory_order_acquire) != 0)
        ;
    unsigned w = set->tag[2] == tag ? 2u : BITACTOR_BUCKET_WAYS;
    w = set->tag[1] == tag ? 1u : w;
    w = set->tag[0] == tag ? 0u : w;
    uint64_t tokens;
    if (w == BITACTOR_BUCKET_WAYS) {
        /* The victim: v so far, with its refill time and whether it is empty. */
        unsigned v = 0;
        uint64_t v_last = set->last[0];
        unsigned v_empty = set->tag[0] == 0;
#define BA_VICTIM_STEP(k)                                                                          \
    do {                                                                                           \
        const unsigned empty = set->tag[k] == 0;                                                   \
        const unsigned better = (v_empty ^ 1u) & (empty | (set->last[k] < v_last));                     \
        v = better ? (k) : v;                                                                      \
        v_last = better ? set->last[k] : v_last;                                                   \
        v_empty |= better & empty;                                                                 \
    } while (0)
        BA_VICTIM_STEP(1);
        BA_VICTIM_STEP(2);
#undef BA_VICTIM_STEP
        w = v;
        *evictions += v_empty ^ 1u;
        set->tag[w] = tag;
        set->last[w] = now;
        tokens = full;
    } else {
        tokens = set->tokens[w];
        const uint64_t last = set->last[w];
        if (now > last) {
            const uint64_t dt = now - last;
            const uint64_t add = dt >= window ? full : dt * r->rate_limit;
            tokens = full - tokens <= add ? full : tokens + add;
            set->last[w] = now;
        }
    }
    const int exceeded = tokens < window;
    set->tokens[w] = exceeded ? tokens : tokens - window;
    /* R0: release pairs with A0 of the next holder. */
    atomic_store_explicit(&set->lock, 0, memory_order_release);
    return exceeded;
}
#endif /* BITACTOR_RULES_PVT_H */
