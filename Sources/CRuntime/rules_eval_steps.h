/* rules_eval_steps.h: the steps of an evaluation (look_up, classify, decide; eval_one, eval_burst)
 * and the payload scan, compiled twice: by rules_eval.c for any CPU and by rules_eval_avx2.c for
 * one with AVX2, with BA_STEPS_AVX2 defined (the AVX2 scan). That file compiles everything it
 * includes for the target, so each step inlines into the next and the AVX2 scan into the
 * classify step under GCC and clang alike: with the target on the instances alone, a step that is
 * compiled for any CPU cannot inline the AVX2 scan, and clang's `flatten` inlines only the calls
 * written in the flattened function itself (the burst's scan and token take stayed calls, and
 * clang's core evaluated bursts about a tenth slower than GCC's). Include from those two files only.
 *
 * The steps are written once for a rule mask of nw 64-bit words and inlined into instances for 1
 * and 4 words (rules up to 64, up to 256); with the width a constant, the loops over a mask unroll
 * into a few register operations and nothing is spilled for the words no rule uses. */
#ifndef BITACTOR_RULES_EVAL_STEPS_H
#define BITACTOR_RULES_EVAL_STEPS_H

#include "rules_pvt.h"
#include "signal_pvt.h"

#include <time.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(BA_STEPS_AVX2)
#include <immintrin.h>
#endif

#if defined(__GNUC__)
#define BA_INLINE static inline __attribute__((always_inline))
#else
#define BA_INLINE static inline
#endif

/* The time-stamp counter where there is one (x86-64), else a monotonic clock in ns
 * (bitactor_ticks). Inline: a burst that times its signals reads it three times a signal. */
static inline uint64_t ba_ticks(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_ia32_rdtsc();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
#endif
}

#define AC_OUT_FLAG 0x8000u
#define AC_STATE 0x7FFFu

#if defined(__SSE2__) && !defined(BITACTOR_RULES_PORTABLE) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BA_PORTS_VECTOR 16u /* port tables up to this long are compared whole, as one vector */
#endif

/* What the steps use of a rule set in the form they use it, derived once a call, so once for a
 * whole burst: the scan's stride, window width and shuffle, and for a burst the port tables as
 * vectors (all of a table's ports compared with a signal's at once). In a burst these were
 * recomputed for every signal: the scan's setup and the port comparisons were a fifth of its
 * instructions (callgrind). One call a signal compares the ports from the table itself (below):
 * building the vectors costs more than it saves for one signal. */
struct prepared {
#if defined(BA_PORTS_VECTOR)
    int vectors;                        /* the port vectors are filled (a burst) */
    __m128i src_ports[2], dst_ports[2]; /* ports 0..7 and 8..15 of a table of at most 16 */
    uint32_t src_valid, dst_valid;      /* bit i: entry i is in the table */
#endif
    uint32_t stride, width;             /* ba_quad_stride, ba_window_bytes (pattern_min >= 4) */
#if defined(BA_STEPS_AVX2)
    __m256i ctl;                        /* the shuffle of the stride and width (quad_ctl) */
#endif
};

/* ORs a state's output into *found; true once found covers all of want. */
static inline int take(const struct bitactor_ruleset *rs, uint32_t state,
                       struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)
{
    const struct bitactor_rule_mask *m = &rs->masks[rs->ac_out[state]];
    uint64_t missing = 0;
    for (unsigned w = 0; w < BITACTOR_MASK_WORDS; w++) {
        found->w[w] |= m->w[w];
        missing |= want->w[w] & ~found->w[w];
    }
    return missing == 0;
}

/* The DFA from the root at p[i], while its state spells a string that starts at i (depth ==
 * bytes consumed): every pattern that starts at i ends inside that walk. Occurrences starting
 * later are found from their own start. Returns true once found covers want. */
static inline int walk(const struct bitactor_ruleset *rs, const uint8_t *p, uint32_t i,
                       uint32_t len, struct bitactor_rule_mask *found,
                       const struct bitactor_rule_mask *want)
{
    const uint16_t *next = rs->ac_next;
    const uint8_t *cls = rs->ac_class;
    const uint32_t classes = rs->n_ac_classes;
    uint32_t s = 0;
    for (uint32_t j = i; j < len; j++) {
        const uint16_t e = next[s * classes + cls[p[j]]];
        s = e & AC_STATE;
        if (BA_UNLIKELY_R(e & AC_OUT_FLAG) && take(rs, s, found, want))
            return 1;
        if (rs->ac_depth[s] != j - i + 1)
            return 0;
    }
    return 0;
}

/* Eight bytes, the first in the low bits, whatever the host's byte order (one load on x86). */
static inline uint64_t load_le64(const uint8_t *p)
{
    uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&w, p, sizeof w);
#else
    for (unsigned k = 0; k < 8; k++)
        w |= (uint64_t)p[k] << (8 * k);
#endif
    return w;
}

/* The prefilter bit of the pair starting at p[i]: 1 when a pattern may start there. */
static inline uint64_t may_start(const uint64_t *pf, const uint8_t *p, uint32_t i)
{
    const uint32_t g = p[i] | (uint32_t)p[i + 1] << 8;
    return (pf[g >> 6] >> (g & 63)) & 1;
}

/* Walks from each position whose bit is set in hits (bit k: position i + k); true once found
 * covers want. */
static inline int walk_hits(const struct bitactor_ruleset *rs, const uint8_t *p, uint32_t i,
                            uint32_t len, uint32_t hits, struct bitactor_rule_mask *found,
                            const struct bitactor_rule_mask *want)
{
    while (BA_UNLIKELY_R(hits != 0)) {
        const uint32_t k = (uint32_t)__builtin_ctz(hits);
        hits &= hits - 1;
        if (walk(rs, p, i + k, len, found, want))
            return 1;
    }
    return 0;
}

/* Any pattern set: the two-byte prefilter, 8 positions at a time into a bit set, without a
 * branch: 8 loads from an 8 KiB bitmap that do not depend on one another. */
static inline void scan_pairs(const struct bitactor_ruleset *rs, const uint8_t *p, uint32_t len,
                              struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)
{
    const uint64_t *pf = rs->prefilter;
    uint32_t i = 0;
    for (; i + 8 < len; i += 8) {
        /* Nine bytes give eight pairs, each the low 16 bits of the word shifted by 8k (the
         * last one takes the ninth byte); unrolled by hand so the eight loads issue together. */
        const uint64_t w = load_le64(p + i);
        const uint32_t g7 = (uint32_t)(w >> 56) | (uint32_t)p[i + 8] << 8;
#define BA_BIT(g, k) ((uint32_t)((pf[(g) >> 6] >> ((g) & 63)) & 1) << (k))
#define BA_PAIR(k) ((uint32_t)(w >> (8 * (k))) & 0xFFFFu)
        const uint32_t hits = BA_BIT(BA_PAIR(0), 0) | BA_BIT(BA_PAIR(1), 1) | BA_BIT(BA_PAIR(2), 2) |
                              BA_BIT(BA_PAIR(3), 3) | BA_BIT(BA_PAIR(4), 4) | BA_BIT(BA_PAIR(5), 5) |
                              BA_BIT(BA_PAIR(6), 6) | BA_BIT(g7, 7);
#undef BA_PAIR
#undef BA_BIT
        if (walk_hits(rs, p, i, len, hits, found, want))
            return;
    }
    for (; i + 1 < len; i++)
        if (may_start(pf, p, i) && walk(rs, p, i, len, found, want))
            return;
    const uint32_t last = p[len - 1];
    if ((pf[BA_PF_SINGLE + (last >> 6)] >> (last & 63)) & 1)
        (void)walk(rs, p, len - 1, len, found, want);
}

/* The walks from an aligned window whose bit is set: the starts a - stride + 1 .. a (those the
 * window can be the j-th of, j < stride). True once found covers want. */
static inline int walk_window(const struct bitactor_ruleset *rs, const uint8_t *p, uint32_t a,
                              uint32_t stride, uint32_t len, struct bitactor_rule_mask *found,
                              const struct bitactor_rule_mask *want)
{
    for (uint32_t j = 0; j < stride && j <= a; j++)
        if (walk(rs, p, a - j, len, found, want))
            return 1;
    return 0;
}

#if defined(BA_STEPS_AVX2)
/* walk_window for each set bit k of hits (the window at a + s k). */
static inline int walk_windows(const struct bitactor_ruleset *rs, const uint8_t *p, uint32_t a,
                               uint32_t s, uint32_t len, uint32_t hits,
                               struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)
{
    while (hits != 0) {
        const uint32_t k = (uint32_t)__builtin_ctz(hits);
        hits &= hits - 1;
        if (walk_window(rs, p, a + s * k, s, len, found, want))
            return 1;
    }
    return 0;
}

/* The shuffle of each width (3, 4) and stride (1..4). A step's eight windows, at a, a + s, ..,
 * a + 7 s, span 7 s + W bytes (17 to 32: the stride is at least 2). Lane 0 holds the 16 bytes
 * from a, with windows 0..3 at s k; lane 1 the 16 bytes that end with the last window, from
 * a + 7 s + W - 16, with windows 4..7 at 16 - 3 s - W + s k. A three-byte window's fourth byte
 * is shuffled from index -128, which makes it 0. */
#define BA_WIN(s, w, o, k) (o) + (s) * (k), (o) + (s) * (k) + 1, (o) + (s) * (k) + 2, (w) == 4 ? (o) + (s) * (k) + 3 : -128
#define BA_LANE(s, w, o) BA_WIN(s, w, o, 0), BA_WIN(s, w, o, 1), BA_WIN(s, w, o, 2), BA_WIN(s, w, o, 3)
#define BA_CTL(s, w) {BA_LANE(s, w, 0), BA_LANE(s, w, 16 - 3 * (s) - (w))}
static const int8_t quad_ctl[2][4][32] = {{BA_CTL(1, 3), BA_CTL(2, 3), BA_CTL(3, 3), BA_CTL(4, 3)},
                                          {BA_CTL(1, 4), BA_CTL(2, 4), BA_CTL(3, 4), BA_CTL(4, 4)}};
#undef BA_CTL
#undef BA_LANE
#undef BA_WIN

/* Bit k set when the hash of window k of v has its bit in the window bitmap q32 (as 32-bit
 * words: bit h of the little-endian uint64 words is bit h & 31 of word h >> 5). Eight windows by
 * one shuffle (quad_ctl), eight hashes by one multiply, eight bitmap words by one gather. */
static inline uint32_t quad_hits_avx2(const int *q32, __m256i v, __m256i ctl)
{
    const __m256i w = _mm256_shuffle_epi8(v, ctl);
    const __m256i h = _mm256_srli_epi32(_mm256_mullo_epi32(w, _mm256_set1_epi32((int)0x9E3779B1u)), 16);
    const __m256i words = _mm256_i32gather_epi32(q32, _mm256_srli_epi32(h, 5), 4);
    /* Bit h & 31 of each word to bit 31, the lane's sign, which movemask collects. */
    const __m256i bits = _mm256_sllv_epi32(words, _mm256_andnot_si256(h, _mm256_set1_epi32(31)));
    return (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(bits));
}

static inline __m256i load_lanes(const uint8_t *p, uint32_t lane1)
{
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)p)),
                                   _mm_loadu_si128((const __m128i *)(const void *)(p + lane1)), 1);
}
#endif

/* Every pattern of four bytes or more (ba_quad_stride): the window prefilter, one bit per hashed
 * window of three or four bytes (8 KiB), looked up only at windows a multiple of the stride
 * apart. For 100 patterns of 5 bytes or more, about 5 windows in 1,000 pass (every third
 * position looked up) where the two-byte filter passes 2 positions in 100 of text (every
 * position). This one looks the windows up one by one; with AVX2, below, 8 windows a step. */
static void scan_quads(const struct bitactor_ruleset *rs, const struct prepared *x, const uint8_t *p,
                       uint32_t len, struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)
{
    const uint64_t *q = rs->prefilter + BA_PF_QUAD;
    const uint32_t s = x->stride, width = x->width;
    for (uint32_t a = 0; a + width <= len; a += s) {
        const uint32_t h = ba_quad_hash(ba_load_window(p + a, width));
        if (BA_UNLIKELY_R((q[h >> 6] >> (h & 63)) & 1) && walk_window(rs, p, a, s, len, found, want))
            return;
    }
}

#if defined(BA_STEPS_AVX2)
/* scan_quads with AVX2: 8 windows (8 strides of bytes) a step without a branch or a scalar
 * load, every step with the same shuffle: the windows the steps leave at the end (fewer than
 * eight) are looked up by one more step that ends at the payload's last window, so its first
 * windows are ones the steps before looked up (a hit there walks again and finds the same).
 * Nothing past the payload is read. A payload shorter than one step takes the portable loop. */
BA_INLINE void scan_quads_avx2(const struct bitactor_ruleset *rs, const struct prepared *x, const uint8_t *p,
                                uint32_t len, struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)
{
    const uint32_t s = x->stride, width = x->width, span = 7 * s + width;
    if (len < span) {
        scan_quads(rs, x, p, len, found, want);
        return;
    }
    const int *q32 = (const int *)(const void *)(rs->prefilter + BA_PF_QUAD);
    const __m256i ctl = x->ctl;
    const uint32_t lane1 = span - 16, step = 8 * s;
    uint32_t a = 0; /* the first window of the step */
    for (; a + span <= len; a += step)
        if (BA_UNLIKELY_R(walk_windows(rs, p, a, s, len, quad_hits_avx2(q32, load_lanes(p + a, lane1), ctl), found, want)))
            return;
    if (a + width <= len) {
        a = (len - span) / s * s;
        (void)walk_windows(rs, p, a, s, len, quad_hits_avx2(q32, load_lanes(p + a, lane1), ctl), found, want);
    }
}
#endif

/* Scans bytes, OR-ing the rules of every pattern found into *found; stops early once found
 * covers all of want (no later match can change the verdict). A prefilter finds the positions
 * where a pattern may start; only from those does the DFA walk. */
BA_INLINE void scan(const struct bitactor_ruleset *rs, const struct prepared *x, const uint8_t *p,
                    uint32_t len, struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)
{
    if (len == 0)
        return;
    if (x->stride != 0) {
#if defined(BA_STEPS_AVX2)
        scan_quads_avx2(rs, x, p, len, found, want);
#else
        scan_quads(rs, x, p, len, found, want);
#endif
    } else
        scan_pairs(rs, p, len, found, want);
}

/* The mask of port in the sorted table t[0..n), or other. A binary search whose steps choose by
 * a conditional move, not a branch (a random port would mispredict every step). */
static inline uint16_t port_search(const struct bitactor_port_entry *t, uint32_t n, uint16_t other,
                                   uint16_t port)
{
    if (n == 0)
        return other;
    const struct bitactor_port_entry *base = t;
    for (uint32_t len = n; len > 1;) {
        const uint32_t half = len / 2;
        base = base[half].port < port ? base + half : base;
        len -= half;
    }
    base += base->port < port; /* the first entry >= port, or t + n */
    return base < t + n && base->port == port ? base->mask : other;
}

#if defined(BA_PORTS_VECTOR)
/* port_search for a table of at most BA_PORTS_VECTOR entries, from the table: every entry
 * compared, four a step (an entry is 32 bits, the port in its low half), the matches collected
 * into a bit set and the first taken without a branch. The loads do not wait for one another,
 * where each step of a binary search waits for the load before it; the lookups of a signal wait
 * on this chain (rate prefetch, rule sets). */
static inline uint16_t port_scan(const struct bitactor_port_entry *t, uint32_t n, uint16_t other,
                                 uint16_t port)
{
    const __m128i want = _mm_set1_epi32(port);
    const __m128i low = _mm_set1_epi32(0xFFFF);
#define BA_PORT_HITS(i)                                                                            \
    ((uint32_t)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(                                  \
         _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + (i))), low), want))) << (i))
    uint32_t hits = 0;
    if (n >= 4) {
        /* Four entries a step, the last step ending at the table's end (it may overlap the one
         * before: an entry matched twice sets the same bit). */
        uint32_t i = 0;
        for (; i + 4 < n; i += 4)
            hits |= BA_PORT_HITS(i);
        hits |= BA_PORT_HITS(n - 4);
    } else
        for (uint32_t i = 0; i < n; i++)
            hits |= (uint32_t)(t[i].port == port) << i;
#undef BA_PORT_HITS
    return hits != 0 ? t[__builtin_ctz(hits)].mask : other;
}

/* A port table of at most BA_PORTS_VECTOR entries as two vectors of its ports, and the bits of
 * the entries it has (0 for a longer table, which port_search serves). */
static inline void ports_vector(const struct bitactor_port_entry *t, uint32_t n, __m128i v[2], uint32_t *valid)
{
    uint16_t ports[BA_PORTS_VECTOR] = {0};
    const uint32_t k = n <= BA_PORTS_VECTOR ? n : 0;
    for (uint32_t i = 0; i < k; i++)
        ports[i] = t[i].port;
    v[0] = _mm_loadu_si128((const __m128i *)(const void *)ports);
    v[1] = _mm_loadu_si128((const __m128i *)(const void *)(ports + 8));
    *valid = (uint32_t)(((uint64_t)1 << k) - 1);
}

/* The mask of port in table t[0..n), or other: from the vectors ports_vector made of the table
 * (v and valid) when vectors is set, every entry compared in one step and the first match taken
 * without a branch; else from the table. */
static inline uint16_t port_mask(int vectors, const __m128i v[2], uint32_t valid,
                                 const struct bitactor_port_entry *t, uint32_t n, uint16_t other, uint16_t port)
{
    if (BA_UNLIKELY_R(n > BA_PORTS_VECTOR))
        return port_search(t, n, other, port);
    if (!vectors)
        return port_scan(t, n, other, port);
    const __m128i want = _mm_set1_epi16((short)port);
    /* Each 16-bit comparison is 0 or -1; packed with signed saturation, one byte an entry. */
    const uint32_t hits = (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(_mm_cmpeq_epi16(v[0], want),
                                                                      _mm_cmpeq_epi16(v[1], want))) & valid;
    return hits != 0 ? t[__builtin_ctz(hits)].mask : other;
}
#define BA_PORT_MASK(x, dir, t, n, other, port) port_mask((x)->vectors, (x)->dir##_ports, (x)->dir##_valid, t, n, other, port)
#else
#define BA_PORT_MASK(x, dir, t, n, other, port) ((void)(x), port_search(t, n, other, port))
#endif

/* The prepared form of rs (struct prepared), with the port vectors when vectors is set. */
BA_INLINE void prepare(const struct bitactor_ruleset *rs, struct prepared *x, int vectors)
{
#if defined(BA_PORTS_VECTOR)
    x->vectors = vectors;
    if (vectors) {
        ports_vector(rs->src_ports, rs->n_src_ports, x->src_ports, &x->src_valid);
        ports_vector(rs->dst_ports, rs->n_dst_ports, x->dst_ports, &x->dst_valid);
    } else {
        /* Unread (port_mask compares from the tables), but defined. */
        x->src_ports[0] = x->src_ports[1] = x->dst_ports[0] = x->dst_ports[1] = _mm_setzero_si128();
        x->src_valid = x->dst_valid = 0;
    }
#else
    (void)vectors;
#endif
    x->stride = ba_quad_stride(rs->pattern_min);
    x->width = ba_window_bytes(rs->pattern_min);
#if defined(BA_STEPS_AVX2)
    /* Some stride's shuffle even when there is no window scan (stride 0), so that nothing is
     * left undefined. */
    const uint32_t row = x->stride != 0 ? x->stride - 1 : 0;
    x->ctl = _mm256_loadu_si256((const __m256i *)(const void *)quad_ctl[x->width == 4][row]);
#endif
}

/* The rule set each condition of a signal lets through, and the bucket hash of the first rate
 * rule the cheap conditions let through (rate_rule BITACTOR_RULE_NONE: none), so that deciding
 * does not hash the key again for the rate rule a signal most often reaches. */
struct conditions {
    uint64_t cand[BITACTOR_MASK_WORDS]; /* kind & protocol & ports, then & prefixes & payload */
    uint64_t rate_hash;
    uint16_t rate_rule;
};

/* An evaluation's first step: the table lookups of every condition but the payload. The rate
 * buckets that the rules the cheap conditions let through may take a token from are fetched
 * first, so that their cache misses overlap the trie walks, the scan and, in a burst, the
 * other signals of the group. (A few may turn out not to be needed: a prefix or a pattern can
 * still rule their rule out.) */
BA_INLINE void look_up(const struct bitactor_ruleset *rs, const struct prepared *x,
                       const struct bitactor_rate_table *rates, const struct bitactor_signal *s,
                       struct conditions *k, const unsigned nw)
{
    const struct bitactor_rule_mask *masks = rs->masks;
    const struct bitactor_rule_mask *kind = &masks[rs->kind_mask[s->kind & 0xFFu]];
    const struct bitactor_rule_mask *proto = &masks[rs->proto_mask[s->proto]];
    const struct bitactor_rule_mask *sport = &masks[BA_PORT_MASK(x, src, rs->src_ports, rs->n_src_ports, rs->src_port_other, s->src_port)];
    const struct bitactor_rule_mask *dport = &masks[BA_PORT_MASK(x, dst, rs->dst_ports, rs->n_dst_ports, rs->dst_port_other, s->dst_port)];
    const struct bitactor_rule_mask *rated = &masks[rs->rate_rules];
    uint64_t cheap[BITACTOR_MASK_WORDS];
    for (unsigned w = 0; w < nw; w++)
        cheap[w] = kind->w[w] & proto->w[w] & sport->w[w] & dport->w[w];
    k->rate_rule = BITACTOR_RULE_NONE;
    k->rate_hash = 0;
    if (rates != NULL)
        for (unsigned w = 0; w < nw; w++)
            for (uint64_t bits = cheap[w] & rated->w[w]; bits != 0; bits &= bits - 1) {
                const uint32_t r = 64u * w + (uint32_t)__builtin_ctzll(bits);
                const uint64_t h = ba_rate_hash(r, &rs->rules[r], s);
                if (k->rate_rule == BITACTOR_RULE_NONE) {
                    k->rate_rule = (uint16_t)r;
                    k->rate_hash = h;
                }
                BA_RATE_PREFETCH(ba_rate_set(rates, h));
            }
    /* The family chooses the tries and the address length by arithmetic, not a branch: a
     * stream mixes the families at random, and GCC turned the conditional expressions into a
     * branch that mispredicted on every other signal. */
    const unsigned v6 = s->family == BITACTOR_AF_INET6;
    const unsigned bytes = 4u + 12u * v6;
    _Static_assert(BITACTOR_LPM_SRC6 == BITACTOR_LPM_SRC4 + 2 && BITACTOR_LPM_DST6 == BITACTOR_LPM_DST4 + 2,
                   "an IPv6 trie is two after its IPv4 twin");
    const struct bitactor_rule_mask *src = &masks[ba_lpm_lookup(rs, BITACTOR_LPM_SRC4 + 2 * v6, s->src, bytes)];
    const struct bitactor_rule_mask *dst = &masks[ba_lpm_lookup(rs, BITACTOR_LPM_DST4 + 2 * v6, s->dst, bytes)];
    for (unsigned w = 0; w < nw; w++)
        k->cand[w] = cheap[w] & src->w[w] & dst->w[w];
}

/* The second step: rules with patterns stay candidates only if one of their patterns occurs
 * (the payload scanned only when such a rule still stands). */
BA_INLINE void classify(const struct bitactor_ruleset *rs, const struct prepared *x,
                        const struct bitactor_signal *s, const uint8_t *payload, struct conditions *k,
                        struct bitactor_rule_counters *c, const unsigned nw)
{
    const struct bitactor_rule_mask *patterned = &rs->masks[rs->payload_rules];
    struct bitactor_rule_mask want = {{0}};
    uint64_t any_payload = 0;
    for (unsigned w = 0; w < nw; w++) {
        want.w[w] = k->cand[w] & patterned->w[w];
        any_payload |= want.w[w];
    }
    if (any_payload != 0) {
        struct bitactor_rule_mask found = {{0}};
        if (payload != NULL)
            scan(rs, x, payload, s->payload_len, &found, &want);
        for (unsigned w = 0; w < nw; w++)
            k->cand[w] &= ~want.w[w] | found.w[w];
        if (c != NULL)
            c->payload_scans++;
    }
}

/* The last step: the candidates lowest first; a rate rule holds only when its bucket is empty,
 * a LOG rule is recorded and evaluation goes on, any other rule decides. */
BA_INLINE void decide(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                      const struct bitactor_signal *s, const struct conditions *k,
                      struct bitactor_rule_counters *c, struct bitactor_verdict *out, const unsigned nw)
{
    out->rule = BITACTOR_RULE_NONE;
    out->action = BITACTOR_ACT_NONE;
    out->n_logs = 0;
    for (unsigned w = 0; w < nw; w++) {
        for (uint64_t bits = k->cand[w]; bits != 0; bits &= bits - 1) {
            const uint32_t r = 64u * w + (uint32_t)__builtin_ctzll(bits);
            const struct bitactor_rule *rule = &rs->rules[r];
            if (rule->rate_key != BITACTOR_RATE_NONE) {
                /* A rate rule holds only when its bucket for this signal's key is empty. */
                if (rates == NULL)
                    continue;
                const uint64_t h = r == k->rate_rule ? k->rate_hash : ba_rate_hash(r, rule, s);
                uint64_t evicted = 0;
                const int exceeded = ba_rate_take(rates, h, rule, s->timestamp, &evicted);
                if (c != NULL)
                    c->rate_evictions += evicted;
                if (!exceeded)
                    continue;
            }
            if (c != NULL)
                c->by_rule[r]++;
            if (rule->action == BITACTOR_ACT_LOG) {
                if (out->n_logs < BITACTOR_VERDICT_LOGS)
                    out->logs[out->n_logs] = (uint16_t)r;
                if (out->n_logs < UINT8_MAX)
                    out->n_logs++;
                continue;
            }
            out->rule = (uint16_t)r;
            out->action = rule->action;
            goto decided;
        }
    }
decided:
    if (c != NULL) {
        c->evaluated++;
        c->by_action[out->action]++;
    }
}

BA_INLINE void eval_one(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                        const struct bitactor_signal *s, const uint8_t *payload,
                        struct bitactor_rule_counters *c, struct bitactor_verdict *out, const unsigned nw)
{
    struct prepared x;
    prepare(rs, &x, 0);
    struct conditions k;
    look_up(rs, &x, rates, s, &k, nw);
    classify(rs, &x, s, payload, &k, c, nw);
    decide(rs, rates, s, &k, c, out, nw);
}

/* A burst goes through the three steps a group of 8 signals at a time, each step for the whole
 * group before the next: the lookups of 8 signals (short, independent chains of loads) overlap
 * one another's cache misses, and the group's bucket sets are all prefetched before the first is
 * needed, so their misses overlap too instead of each stalling its own signal. Rate buckets are
 * still taken in signal order (the first two steps read only the rule set), so the verdicts are
 * those of bitactor_rules_eval one by one. */
#define BA_BURST_GROUP 8u

BA_INLINE void eval_burst(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                          const struct bitactor_signal *s, uint32_t n,
                          const struct bitactor_arena *a, struct bitactor_rule_counters *c,
                          struct bitactor_verdict *out, uint32_t *ticks, const unsigned nw)
{
    struct prepared x;
    prepare(rs, &x, 1);
    struct conditions k[BA_BURST_GROUP];
    uint64_t spent[BA_BURST_GROUP];
    for (uint32_t g = 0; g < n; g += BA_BURST_GROUP) {
        const uint32_t m = n - g < BA_BURST_GROUP ? n - g : BA_BURST_GROUP;
        /* With ticks, one reading between consecutive signals of each step, not two a signal;
         * a signal's time is the sum of its three spans. */
        uint64_t t = ticks != NULL ? ba_ticks() : 0;
        for (uint32_t i = 0; i < m; i++) {
            look_up(rs, &x, rates, &s[g + i], &k[i], nw);
            if (ticks != NULL) {
                const uint64_t now = ba_ticks();
                spent[i] = now - t;
                t = now;
            }
        }
        for (uint32_t i = 0; i < m; i++) {
            classify(rs, &x, &s[g + i], ba_payload(&s[g + i], a), &k[i], c, nw);
            if (ticks != NULL) {
                const uint64_t now = ba_ticks();
                spent[i] += now - t;
                t = now;
            }
        }
        for (uint32_t i = 0; i < m; i++) {
            decide(rs, rates, &s[g + i], &k[i], c, &out[g + i], nw);
            if (ticks != NULL) {
                const uint64_t now = ba_ticks();
                const uint64_t dt = spent[i] + (now - t);
                t = now;
                ticks[g + i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
            }
        }
    }
}


/* The instances, external so that rules_eval.c can choose among both files' (their names end in
 * _avx2 in rules_eval_avx2.c): an evaluation and a burst for 1 and 4 mask words, the burst with
 * and without each signal's time, and the scan alone (bitactor_rules_scan). */
typedef void ba_one_fn(const struct bitactor_ruleset *, struct bitactor_rate_table *,
                       const struct bitactor_signal *, const uint8_t *, struct bitactor_rule_counters *,
                       struct bitactor_verdict *);
typedef void ba_burst_fn(const struct bitactor_ruleset *, struct bitactor_rate_table *,
                         const struct bitactor_signal *, uint32_t, const struct bitactor_arena *,
                         struct bitactor_rule_counters *, struct bitactor_verdict *, uint32_t *);
typedef void ba_scan_fn(const struct bitactor_ruleset *, const uint8_t *, uint32_t,
                        struct bitactor_rule_mask *, const struct bitactor_rule_mask *);

#define BA_ONE_INSTANCE(name, nw)                                                                  \
    void name(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,              \
              const struct bitactor_signal *s, const uint8_t *payload,                           \
              struct bitactor_rule_counters *c, struct bitactor_verdict *out)                    \
    {                                                                                            \
        eval_one(rs, rates, s, payload, c, out, nw);                                             \
    }
#define BA_BURST_INSTANCE(name, nw, with_ticks)                                                    \
    void name(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,              \
              const struct bitactor_signal *s, uint32_t n, const struct bitactor_arena *a,       \
              struct bitactor_rule_counters *c, struct bitactor_verdict *out, uint32_t *ticks)   \
    {                                                                                            \
        eval_burst(rs, rates, s, n, a, c, out, (with_ticks) ? ticks : NULL, nw);                 \
    }
#define BA_SCAN_INSTANCE(name)                                                                     \
    void name(const struct bitactor_ruleset *rs, const uint8_t *p, uint32_t len,                 \
              struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)           \
    {                                                                                            \
        struct prepared x;                                                                       \
        prepare(rs, &x, 0);                                                                      \
        scan(rs, &x, p, len, found, want);                                                       \
    }

ba_one_fn ba_eval_one_1, ba_eval_one_4, ba_eval_one_1_avx2, ba_eval_one_4_avx2;
ba_burst_fn ba_eval_burst_1, ba_eval_burst_1_ticks, ba_eval_burst_4, ba_eval_burst_4_ticks;
ba_burst_fn ba_eval_burst_1_avx2, ba_eval_burst_1_ticks_avx2, ba_eval_burst_4_avx2, ba_eval_burst_4_ticks_avx2;
ba_scan_fn ba_scan, ba_scan_avx2;
#endif /* BITACTOR_RULES_EVAL_STEPS_H */
