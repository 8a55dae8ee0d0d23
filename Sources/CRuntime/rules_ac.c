/* rules_ac.c: the Aho–Corasick automaton over every payload pattern, built as a DFA.
 *
 * Bytes that occur in no pattern all behave alike (every one of them leads wherever the root's
 * failure does), so they share class 0; each byte that occurs in a pattern has its own class.
 * The DFA is a table [state][class] of uint16: the next state in bits 0..14, bit 15 set when
 * that state ends a pattern (its output mask, ac_out, is not empty). The build is the textbook
 * one: a trie of the patterns, then breadth first, each missing edge of a state u taken from its
 * failure state, which is shallower and so already complete; outputs inherit along failures.
 * States are numbered in trie order; the breadth-first queue is caller scratch. */
#include "rules_pvt.h"

#define AC_OUT_FLAG 0x8000u

int rc_ac_build(struct rc_build *b, const struct bitactor_rule_spec *specs, uint32_t n)
{
    const struct bitactor_rules_storage *st = b->st;
    uint8_t *cls = st->ac_class;
    memset(cls, 0, 256);
    b->pattern_min = 0;
    for (uint32_t r = 0; r < n; r++)
        for (uint32_t p = 0; p < specs[r].n_patterns; p++) {
            const struct bitactor_pattern *pat = &specs[r].patterns[p];
            for (uint32_t i = 0; i < pat->len; i++)
                cls[pat->bytes[i]] = 1;
            if (b->pattern_min == 0 || pat->len < b->pattern_min)
                b->pattern_min = pat->len;
        }
    const uint32_t stride = ba_quad_stride(b->pattern_min);
    const uint32_t width = ba_window_bytes(b->pattern_min);
    uint32_t classes = 1;
    for (unsigned c = 0; c < 256; c++)
        if (cls[c] != 0)
            cls[c] = (uint8_t)classes++;
    if (classes > st->cap.ac_classes)
        return BITACTOR_E_NOSPACE;
    b->n_ac_classes = classes;

    /* The trie: state 0 is the root; an edge value of 0 means "no edge" (no edge enters the root). */
    uint16_t *next = st->ac_next;
    uint16_t *out = st->ac_out;
    uint8_t *depth = st->ac_depth;
    uint64_t *pf = st->prefilter;
    memset(pf, 0, sizeof *pf * BITACTOR_PREFILTER_WORDS);
    uint32_t states = 1;
    memset(next, 0, sizeof *next * classes);
    out[0] = 0;
    depth[0] = 0;
    for (uint32_t r = 0; r < n; r++) {
        for (uint32_t p = 0; p < specs[r].n_patterns; p++) {
            const struct bitactor_pattern *pat = &specs[r].patterns[p];
            uint32_t s = 0;
            for (uint32_t i = 0; i < pat->len; i++) {
                uint16_t *e = &next[(size_t)s * classes + cls[pat->bytes[i]]];
                if (*e == 0) {
                    if (states >= st->cap.ac_states || states >= BITACTOR_AC_STATES_MAX)
                        return BITACTOR_E_NOSPACE;
                    memset(&next[(size_t)states * classes], 0, sizeof *next * classes);
                    out[states] = 0;
                    depth[states] = (uint8_t)(i + 1);
                    *e = (uint16_t)states++;
                }
                s = *e;
            }
            /* The prefilter: the pattern's first two bytes; a one-byte pattern b marks every
             * pair starting with b, and its own bit for a payload's last byte. */
            for (uint32_t j = 0; j < stride; j++) {
                const uint32_t q = ba_quad_hash(ba_load_window(pat->bytes + j, width));
                pf[BA_PF_QUAD + (q >> 6)] |= (uint64_t)1 << (q & 63);
            }
            const uint32_t b0 = pat->bytes[0];
            if (pat->len >= 2) {
                const uint32_t g = b0 | (uint32_t)pat->bytes[1] << 8;
                pf[g >> 6] |= (uint64_t)1 << (g & 63);
            } else {
                for (uint32_t b1 = 0; b1 < 256; b1++) {
                    const uint32_t g = b0 | b1 << 8;
                    pf[g >> 6] |= (uint64_t)1 << (g & 63);
                }
                pf[BA_PF_SINGLE + (b0 >> 6)] |= (uint64_t)1 << (b0 & 63);
            }
            struct bitactor_rule_mask m = st->masks[out[s]];
            rc_mask_set(&m, r);
            const int32_t idx = rc_intern(b, &m);
            if (idx < 0)
                return BITACTOR_E_NOSPACE;
            out[s] = (uint16_t)idx;
        }
    }
    b->n_ac_states = states;

    /* Breadth first: fail[v] for each trie child v of u, then u's missing edges. */
    uint16_t *fail = st->ac_fail;
    uint16_t *queue = st->ac_queue;
    uint32_t head = 0, tail = 0;
    queue[tail++] = 0;
    fail[0] = 0;
    while (head < tail) {
        const uint32_t u = queue[head++];
        uint16_t *row = &next[(size_t)u * classes];
        const uint16_t *frow = &next[(size_t)fail[u] * classes];
        for (uint32_t c = 0; c < classes; c++) {
            const uint32_t v = row[c];
            if (v != 0) {
                fail[v] = u == 0 ? 0 : (uint16_t)(frow[c] & ~AC_OUT_FLAG);
                if (out[fail[v]] != 0) {
                    struct bitactor_rule_mask m = st->masks[out[v]];
                    rc_mask_or(&m, &st->masks[out[fail[v]]]);
                    const int32_t idx = rc_intern(b, &m);
                    if (idx < 0)
                        return BITACTOR_E_NOSPACE;
                    out[v] = (uint16_t)idx;
                }
                queue[tail++] = (uint16_t)v;
            } else {
                row[c] = u == 0 ? 0 : (uint16_t)(frow[c] & ~AC_OUT_FLAG);
            }
        }
    }
    /* Mark edges into states with an output; done last so the build above reads plain ids. */
    for (size_t i = 0; i < (size_t)states * classes; i++)
        if (out[next[i]] != 0)
            next[i] |= AC_OUT_FLAG;
    return BITACTOR_OK;
}
