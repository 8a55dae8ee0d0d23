/* rules_eval.c: one signal through the compiled rule set (see bitactor_rules.h). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime where there is no TSC */
#include "rules_pvt.h"

#include <time.h>

#define AC_OUT_FLAG 0x8000u
#define AC_STATE 0x7FFFu

void bitactor_rule_counters_reset(struct bitactor_rule_counters *c) { memset(c, 0, sizeof *c); }

uint16_t bitactor_rules_lpm(const struct bitactor_ruleset *rs, enum bitactor_lpm_trie trie,
                            const uint8_t *addr)
{
    const unsigned bytes = trie == BITACTOR_LPM_SRC6 || trie == BITACTOR_LPM_DST6 ? 16 : 4;
    return ba_lpm_lookup(rs, rs->lpm_root[trie], addr, bytes);
}

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

/* Scans bytes, OR-ing the rules of every pattern found into *found; stops early once found
 * covers all of want (no later match can change the verdict). The prefilter takes 8 positions
 * at a time into a bit set, without a branch: 8 loads from an 8 KiB bitmap that do not depend on
 * one another, so the loop runs at the speed of the loads rather than of a dependent chain of
 * DFA steps; only the positions whose bit is set are walked. */
static inline void scan(const struct bitactor_ruleset *rs, const uint8_t *p, uint32_t len,
                        struct bitactor_rule_mask *found, const struct bitactor_rule_mask *want)
{
    const uint64_t *pf = rs->prefilter;
    if (len == 0)
        return;
    uint32_t i = 0;
    for (; i + 8 < len; i += 8) {
        /* Nine bytes give eight pairs, each the low 16 bits of the word shifted by 8k (the
         * last one takes the ninth byte); unrolled by hand so the eight loads issue together. */
        const uint64_t w = load_le64(p + i);
        const uint32_t g7 = (uint32_t)(w >> 56) | (uint32_t)p[i + 8] << 8;
#define BA_BIT(g, k) ((uint32_t)((pf[(g) >> 6] >> ((g) & 63)) & 1) << (k))
#define BA_PAIR(k) ((uint32_t)(w >> (8 * (k))) & 0xFFFFu)
        const uint32_t hits0 = BA_BIT(BA_PAIR(0), 0) | BA_BIT(BA_PAIR(1), 1) | BA_BIT(BA_PAIR(2), 2) |
                               BA_BIT(BA_PAIR(3), 3) | BA_BIT(BA_PAIR(4), 4) | BA_BIT(BA_PAIR(5), 5) |
                               BA_BIT(BA_PAIR(6), 6) | BA_BIT(g7, 7);
#undef BA_PAIR
#undef BA_BIT
        uint32_t hits = hits0;
        while (BA_UNLIKELY_R(hits != 0)) {
            const uint32_t k = (uint32_t)__builtin_ctz(hits);
            hits &= hits - 1;
            if (walk(rs, p, i + k, len, found, want))
                return;
        }
    }
    for (; i + 1 < len; i++)
        if (may_start(pf, p, i) && walk(rs, p, i, len, found, want))
            return;
    const uint32_t last = p[len - 1];
    if ((pf[1024 + (last >> 6)] >> (last & 63)) & 1)
        (void)walk(rs, p, len - 1, len, found, want);
}

void bitactor_rules_scan(const struct bitactor_ruleset *rs, const uint8_t *bytes, uint32_t len,
                         struct bitactor_rule_mask *found)
{
    memset(found, 0, sizeof *found);
    scan(rs, bytes, len, found, &rs->masks[rs->payload_rules]);
}

static uint16_t port_mask(const struct bitactor_port_entry *t, uint32_t n, uint16_t other,
                          uint16_t port)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        const uint32_t mid = (lo + hi) / 2;
        if (t[mid].port < port)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && t[lo].port == port ? t[lo].mask : other;
}

void bitactor_rules_eval(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                         const struct bitactor_signal *s, const uint8_t *payload,
                         struct bitactor_rule_counters *c, struct bitactor_verdict *out)
{
    const struct bitactor_rule_mask *masks = rs->masks;
    const int v6 = s->family == BITACTOR_AF_INET6;
    const unsigned bytes = v6 ? 16 : 4;
    const uint16_t m_src = ba_lpm_lookup(rs, rs->lpm_root[v6 ? BITACTOR_LPM_SRC6 : BITACTOR_LPM_SRC4], s->src, bytes);
    const uint16_t m_dst = ba_lpm_lookup(rs, rs->lpm_root[v6 ? BITACTOR_LPM_DST6 : BITACTOR_LPM_DST4], s->dst, bytes);
    const uint16_t m_kind = rs->kind_mask[s->kind & 0xFFu];
    const uint16_t m_proto = rs->proto_mask[s->proto];
    const uint16_t m_sport = port_mask(rs->src_ports, rs->n_src_ports, rs->src_port_other, s->src_port);
    const uint16_t m_dport = port_mask(rs->dst_ports, rs->n_dst_ports, rs->dst_port_other, s->dst_port);

    struct bitactor_rule_mask cand, want;
    uint64_t any_payload = 0;
    for (unsigned w = 0; w < BITACTOR_MASK_WORDS; w++) {
        cand.w[w] = masks[m_src].w[w] & masks[m_dst].w[w] & masks[m_kind].w[w] &
                    masks[m_proto].w[w] & masks[m_sport].w[w] & masks[m_dport].w[w];
        want.w[w] = cand.w[w] & masks[rs->payload_rules].w[w];
        any_payload |= want.w[w];
    }
    if (any_payload != 0) {
        /* The rate buckets the survivors may take a token from, while the scan runs. */
        if (rates != NULL)
            for (unsigned w = 0; w < BITACTOR_MASK_WORDS; w++)
                for (uint64_t bits = cand.w[w] & ~want.w[w]; bits != 0; bits &= bits - 1) {
                    const uint32_t r = 64u * w + (uint32_t)__builtin_ctzll(bits);
                    if (rs->rules[r].rate_key != BITACTOR_RATE_NONE)
                        ba_rate_prefetch(rates, r, &rs->rules[r], s);
                }
        /* Rules with patterns stay only if one of their patterns occurs. */
        struct bitactor_rule_mask found = {{0}};
        if (payload != NULL)
            scan(rs, payload, s->payload_len, &found, &want);
        for (unsigned w = 0; w < BITACTOR_MASK_WORDS; w++)
            cand.w[w] &= ~want.w[w] | found.w[w];
        if (c != NULL)
            c->payload_scans++;
    }

    out->rule = BITACTOR_RULE_NONE;
    out->action = BITACTOR_ACT_NONE;
    out->n_logs = 0;
    for (unsigned w = 0; w < BITACTOR_MASK_WORDS; w++) {
        uint64_t bits = cand.w[w];
        while (bits != 0) {
            const uint32_t r = 64u * w + (uint32_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            const struct bitactor_rule *rule = &rs->rules[r];
            if (rule->rate_key != BITACTOR_RATE_NONE &&
                (rates == NULL || !ba_rate_exceeded(rates, r, rule, s)))
                continue;
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

/* The time-stamp counter where there is one (x86-64), else a monotonic clock in ns. */
uint64_t bitactor_ticks(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_ia32_rdtsc();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
#endif
}

void bitactor_rules_eval_burst(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                               const struct bitactor_signal *s, uint32_t n,
                               const struct bitactor_arena *a, struct bitactor_rule_counters *c,
                               struct bitactor_verdict *out, uint32_t *ticks)
{
    for (uint32_t i = 0; i < n; i++) {
        const uint64_t t0 = ticks != NULL ? bitactor_ticks() : 0;
        bitactor_rules_eval(rs, rates, &s[i], bitactor_payload(&s[i], a), c, &out[i]);
        if (ticks != NULL) {
            const uint64_t dt = bitactor_ticks() - t0;
            ticks[i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
        }
    }
}
