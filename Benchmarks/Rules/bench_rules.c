/* bench_rules.c: the rule evaluator's figures, with Hyperscan as the peer in the same run.
 *
 * One generated rule set (1,000 IPv4 and 1,000 IPv6 prefixes, 100 literal patterns of 5-18
 * bytes, rate limits) and one stream of signals (random addresses, 64- and 512-byte payloads,
 * about 1% matching). Single thread. Prints ns per operation for the prefix lookups alone, the
 * payload matcher alone, full evaluation, and Hyperscan (block mode, the same 100 patterns)
 * scanning the same payloads; each figure is the median of BENCH_REPS runs, in this thread's
 * CPU time (the machine is shared: wall time would count other processes' turns). Nothing is
 * asserted: read the ratios, which compare within one run. */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE (Linux) beside POSIX clock_gettime */
#include "bitactor_rules.h"

#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define N_SIGNALS 65536u
#define N_RULES 64u
#define N_PATTERNS 100u

static uint64_t rng_state = 0x5eed;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static uint32_t below(uint32_t n) { return (uint32_t)((rnd() >> 32) * n >> 32); }

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static unsigned reps = 7;
static volatile uint64_t sink;

/* Median over reps of ns per item for fn over n items. */
#define MEASURE(result, n, body)                                                               \
    do {                                                                                       \
        double t_[64];                                                                         \
        for (unsigned r_ = 0; r_ < reps; r_++) {                                               \
            const double t0_ = now_ns();                                                       \
            body;                                                                              \
            t_[r_] = (now_ns() - t0_) / (double)(n);                                           \
        }                                                                                      \
        qsort(t_, reps, sizeof t_[0], cmp_double);                                             \
        (result) = t_[reps / 2];                                                               \
    } while (0)

static struct bitactor_prefix prefixes[2000];
static uint8_t pattern_text[N_PATTERNS][18];
static struct bitactor_pattern patterns[N_PATTERNS];
static struct bitactor_rule_spec specs[N_RULES];
static uint8_t tcp = 6;
static uint16_t http_kind = 2;

static const uint8_t alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /=&?.-_";

static void build_specs(void)
{
    /* Rules 0..39: 50 prefixes each; 0..19 IPv4 (/16-/28), 20..39 IPv6 (/32-/64); source for
     * even rules, destination for odd ones. */
    for (unsigned i = 0; i < 2000; i++) {
        struct bitactor_prefix *p = &prefixes[i];
        memset(p, 0, sizeof *p);
        const int v6 = i >= 1000;
        p->family = v6 ? BITACTOR_AF_INET6 : BITACTOR_AF_INET;
        p->len = (uint8_t)(v6 ? 32 + below(33) : 16 + below(13));
        for (unsigned b = 0; b < (v6 ? 16u : 4u); b++)
            p->addr[b] = (uint8_t)rnd();
    }
    unsigned r = 0;
    for (; r < 40; r++) {
        struct bitactor_rule_spec *s = &specs[r];
        s->name = "prefix";
        s->priority = (int32_t)r;
        s->action = (uint8_t)(r % 3 == 0 ? BITACTOR_ACT_DROP : r % 3 == 1 ? BITACTOR_ACT_BLOCK : BITACTOR_ACT_LOG);
        if (r % 2 == 0) {
            s->src = &prefixes[r * 50];
            s->n_src = 50;
        } else {
            s->dst = &prefixes[r * 50];
            s->n_dst = 50;
        }
    }
    /* Rules 40..49: 10 literal patterns each, 5-18 bytes, on HTTP requests. */
    for (unsigned i = 0; i < N_PATTERNS; i++) {
        const uint32_t len = 5 + below(14);
        for (uint32_t j = 0; j < len; j++)
            pattern_text[i][j] = alphabet[below(sizeof alphabet - 1)];
        patterns[i].bytes = pattern_text[i];
        patterns[i].len = len;
    }
    for (; r < 50; r++) {
        struct bitactor_rule_spec *s = &specs[r];
        s->name = "pattern";
        s->priority = (int32_t)r;
        s->action = BITACTOR_ACT_BLOCK;
        s->kinds = &http_kind;
        s->n_kinds = 1;
        s->patterns = &patterns[(r - 40) * 10];
        s->n_patterns = 10;
    }
    /* Rules 50..53: rate limits, one per service port (per source on 443, per destination on
     * 80, per source on DNS, per signal key on 8443); 54..63: port rules for other services. */
    static const uint16_t rate_ports[4] = {443, 80, 53, 8443};
    static const uint8_t rate_keys[4] = {BITACTOR_RATE_BY_SOURCE, BITACTOR_RATE_BY_DESTINATION,
                                         BITACTOR_RATE_BY_SOURCE, BITACTOR_RATE_BY_SIGNAL_KEY};
    static uint16_t other_ports[10];
    for (; r < N_RULES; r++) {
        struct bitactor_rule_spec *s = &specs[r];
        s->priority = (int32_t)r;
        s->protos = &tcp;
        s->n_protos = 1;
        if (r < 54) {
            s->name = "rate";
            s->action = BITACTOR_ACT_RATE_LIMIT;
            s->rate_key = rate_keys[r - 50];
            s->rate_limit = 1000;
            s->rate_window = 1000000000ull;
            s->dst_ports = &rate_ports[r - 50];
        } else {
            s->name = "port";
            s->action = BITACTOR_ACT_DROP;
            other_ports[r - 54] = (uint16_t)(1000 + r);
            s->dst_ports = &other_ports[r - 54];
        }
        s->n_dst_ports = 1;
    }
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx)
{
    (void)from;
    (void)to;
    (void)flags;
    *(uint64_t *)ctx += id + 1;
    return 0;
}

/* Hyperscan's scan of n payloads of len bytes, in ns per payload. */
static double time_hs(const hs_database_t *db, hs_scratch_t *scratch, const uint8_t *pay, uint32_t len, unsigned n, uint64_t *acc)
{
    const double t0 = now_ns();
    for (unsigned i = 0; i < n; i++) {
        uint64_t m = 0;
        hs_scan(db, (const char *)pay + (size_t)i * len, len, 0, scratch, on_match, &m);
        *acc += m;
    }
    return (now_ns() - t0) / n;
}

/* Makes every signal an HTTP request (kind 2), which the pattern rules apply to. */
static void set_http(struct bitactor_signal *sig)
{
    for (unsigned i = 0; i < N_SIGNALS; i++)
        sig[i].kind = 2;
}

/* Every signal through one call each; the sum of the actions, so that nothing is optimised away. */
static uint64_t pass_one(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                         const struct bitactor_signal *sig, const struct bitactor_arena *arena,
                         struct bitactor_rule_counters *c)
{
    struct bitactor_verdict v;
    uint64_t acc = 0;
    for (unsigned i = 0; i < N_SIGNALS; i++) {
        bitactor_rules_eval(rs, rates, &sig[i], bitactor_payload(&sig[i], arena), c, &v);
        acc += v.action;
    }
    return acc;
}

/* Every signal in bursts of 256, as `ttlc run`'s consumer calls it; ticks (256 entries, or NULL)
 * receives each signal's time of a burst, as the consumer takes it for its summary. */
static uint64_t pass_bursts(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                            const struct bitactor_signal *sig, const struct bitactor_arena *arena,
                            struct bitactor_rule_counters *c, uint32_t *ticks)
{
    static struct bitactor_verdict vb[256];
    uint64_t acc = 0;
    for (unsigned i = 0; i < N_SIGNALS; i += 256) {
        bitactor_rules_eval_burst(rs, rates, &sig[i], 256, arena, c, vb, ticks);
        acc += vb[0].action + (ticks != NULL ? ticks[0] : 0);
    }
    return acc;
}

/* Our scan of n payloads of len bytes (pay, len bytes apart), in ns per payload. */
static double time_scan(const struct bitactor_ruleset *rs, const uint8_t *pay, uint32_t len, unsigned n, uint64_t *acc)
{
    struct bitactor_rule_mask found;
    const double t0 = now_ns();
    for (unsigned i = 0; i < n; i++) {
        bitactor_rules_scan(rs, pay + (size_t)i * len, len, &found);
        *acc += found.w[0];
    }
    return (now_ns() - t0) / n;
}

struct interleaved {
    double one, burst;           /* full evaluation over Hyperscan's scan of 64 bytes, steady */
    double one_cold, burst_cold; /* the same, the first pass after Hyperscan's */
    double match64, match512;    /* Hyperscan's scan time over the payload matcher's (throughput) */
};

/* Untimed passes of our own before a timed one: after Hyperscan's pass one call a signal took
 * 68, 56, 54, 53 and 52 ns on consecutive passes (tables coming back into the caches), bursts
 * settled by the second. */
#define WARM_PASSES 3u

/* The ratios to Hyperscan with both sides timed back to back in each run, so that each ratio
 * compares figures taken under the same load (the clock and the neighbours of this shared
 * machine move the separate medians above by a third between minutes); the medians of the
 * per-run ratios. Each side is timed in its steady state, after passes of its own (Hyperscan's
 * one, ours WARM_PASSES): Hyperscan's pass streams 4 MiB of payloads, which pushes our tables
 * (tries and their direct levels, automaton, rate buckets: about 3 MiB) out of the caches, and
 * the pass right after it pays a miss for every bucket set it touches (each is touched about
 * once a pass). That first pass is timed too and reported apart ("cold"): it is what a
 * consumer pays after something else had the core and its caches. */
static struct interleaved interleaved_ratios(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                                             struct bitactor_signal *sig, const struct bitactor_arena *arena,
                                             uint8_t (*pay)[64], uint8_t (*pay512)[512], const hs_database_t *db,
                                             hs_scratch_t *scratch, struct bitactor_rule_counters *c)
{
    double r1[64], rb[64], c1[64], cb[64], m64[64], m512[64];
    uint64_t acc = 0;
    for (unsigned r = 0; r < reps; r++) {
        (void)time_hs(db, scratch, pay[0], 64, N_SIGNALS, &acc);
        double hs = time_hs(db, scratch, pay[0], 64, N_SIGNALS, &acc);
        double t0 = now_ns();
        acc += pass_one(rs, rates, sig, arena, c);
        c1[r] = (now_ns() - t0) / N_SIGNALS / hs;
        for (unsigned k = 1; k < WARM_PASSES; k++)
            acc += pass_one(rs, rates, sig, arena, c);
        t0 = now_ns();
        acc += pass_one(rs, rates, sig, arena, c);
        r1[r] = (now_ns() - t0) / N_SIGNALS / hs;
        m64[r] = hs / time_scan(rs, pay[0], 64, N_SIGNALS, &acc);
        (void)time_hs(db, scratch, pay[0], 64, N_SIGNALS, &acc);
        hs = time_hs(db, scratch, pay[0], 64, N_SIGNALS, &acc);
        t0 = now_ns();
        acc += pass_bursts(rs, rates, sig, arena, c, NULL);
        cb[r] = (now_ns() - t0) / N_SIGNALS / hs;
        for (unsigned k = 1; k < WARM_PASSES; k++)
            acc += pass_bursts(rs, rates, sig, arena, c, NULL);
        t0 = now_ns();
        acc += pass_bursts(rs, rates, sig, arena, c, NULL);
        rb[r] = (now_ns() - t0) / N_SIGNALS / hs;
        const double hs512 = time_hs(db, scratch, pay512[0], 512, N_SIGNALS / 8, &acc);
        m512[r] = hs512 / time_scan(rs, pay512[0], 512, N_SIGNALS / 8, &acc);
    }
    double *lists[] = {r1, rb, c1, cb, m64, m512};
    for (unsigned i = 0; i < sizeof lists / sizeof lists[0]; i++)
        qsort(lists[i], reps, sizeof r1[0], cmp_double);
    sink += acc;
    return (struct interleaved){.one = r1[reps / 2], .burst = rb[reps / 2], .one_cold = c1[reps / 2],
                                .burst_cold = cb[reps / 2], .match64 = m64[reps / 2], .match512 = m512[reps / 2]};
}

#ifdef BENCH_LIBRARY
/* Built as a shared library for compare.sh (Benchmarks/Rules/compare_driver.c): main sets up
 * the rule set, the rate table and the signals as below, hands them to these, and returns; the
 * driver then times bench_burst and bench_one of several cores' libraries in one process. */
static const struct bitactor_ruleset *lib_rs;
static struct bitactor_rate_table *lib_rates;
static struct bitactor_signal *lib_sig;
static const struct bitactor_arena *lib_arena;

/* ns a signal for one pass of bursts of 256 over every signal, and of one call a signal. */
double bench_burst(void);
double bench_burst(void)
{
    static struct bitactor_rule_counters c;
    const double t0 = now_ns();
    sink += pass_bursts(lib_rs, lib_rates, lib_sig, lib_arena, &c, NULL);
    return (now_ns() - t0) / N_SIGNALS;
}

double bench_one(void);
double bench_one(void)
{
    static struct bitactor_rule_counters c;
    const double t0 = now_ns();
    sink += pass_one(lib_rs, lib_rates, lib_sig, lib_arena, &c);
    return (now_ns() - t0) / N_SIGNALS;
}
#define main bench_setup
int main(void);
#endif

int main(void)
{
    const char *env = getenv("BENCH_REPS");
    if (env != NULL && atoi(env) > 0 && atoi(env) <= 64)
        reps = (unsigned)atoi(env);
    build_specs();

    struct bitactor_rules_bounds b;
    if (bitactor_rules_bounds(specs, N_RULES, &b) != BITACTOR_OK)
        return 1;
    struct bitactor_rules_storage st = {.cap = b};
    st.rules = calloc(b.rules, sizeof *st.rules);
    st.masks = calloc(b.masks, sizeof *st.masks);
    st.lpm = calloc((size_t)b.lpm_nodes * 256, sizeof *st.lpm);
    st.lpm_queue = calloc(b.lpm_nodes, sizeof *st.lpm_queue);
    st.lpm_nodes = calloc(b.lpm_nodes, sizeof *st.lpm_nodes);
    st.lpm_leaves = calloc((size_t)b.lpm_nodes * 256, sizeof *st.lpm_leaves);
#ifdef BITACTOR_LPM_DIRECT_ENTRIES /* (compare.sh also builds cores from before the direct levels) */
    st.lpm_direct = b.lpm_direct != 0 ? calloc(b.lpm_direct, sizeof *st.lpm_direct) : NULL;
#endif
    st.src_ports = calloc(b.ports + 1, sizeof *st.src_ports);
    st.dst_ports = calloc(b.ports + 1, sizeof *st.dst_ports);
    st.proto_mask = calloc(256, 2);
    st.kind_mask = calloc(256, 2);
    st.ac_class = calloc(256, 1);
    st.ac_next = calloc((size_t)b.ac_states * b.ac_classes, 2);
    st.ac_out = calloc(b.ac_states, 2);
    st.ac_fail = calloc(b.ac_states, 2);
    st.ac_depth = calloc(b.ac_states, 1);
    st.prefilter = calloc(BITACTOR_PREFILTER_WORDS, 8);
    st.ac_queue = calloc(b.ac_states, 2);
    struct bitactor_ruleset rs;
    struct bitactor_rules_error err;
    if (bitactor_rules_compile(specs, N_RULES, &st, &rs, &err) != BITACTOR_OK) {
        fprintf(stderr, "compile: %s\n", err.what);
        return 1;
    }
    /* The bucket sets as `ttlc run` allocates them: 2 MiB (2^15 sets of 64 bytes, 98,304 keys;
     * as many bytes for a core of compare.sh with another set size), on one huge page where the
     * kernel gives one (a random key's set then costs no TLB miss). BENCH_RATE_SETS=K takes 2^K
     * sets instead (8..20): how one call a signal, which waits on its bucket's cache miss,
     * depends on the table's size. */
    unsigned set_bits = 0;
    while ((sizeof(struct bitactor_bucket_set) << (set_bits + 1)) <= ((size_t)1 << 21))
        set_bits++;
    const char *sets_env = getenv("BENCH_RATE_SETS");
    if (sets_env != NULL && atoi(sets_env) >= 8 && atoi(sets_env) <= 20)
        set_bits = (unsigned)atoi(sets_env);
    const size_t sets_bytes = sizeof(struct bitactor_bucket_set) << set_bits;
    const size_t huge = (size_t)1 << 21;
    /* aligned_alloc wants a size that is a multiple of the alignment. */
    struct bitactor_bucket_set *sets = aligned_alloc(huge, (sets_bytes + huge - 1) / huge * huge);
    if (sets == NULL)
        return 1;
#ifdef MADV_HUGEPAGE
    (void)madvise(sets, sets_bytes, MADV_HUGEPAGE);
#endif
    struct bitactor_rate_table rates;
    bitactor_rate_table_init(&rates, sets, 1u << set_bits);

    /* Signals: random addresses and ports, kinds 1..5; payloads of 64 and 512 bytes from the
     * patterns' alphabet, 1% of them carrying a pattern. */
    static struct bitactor_signal sig[N_SIGNALS];
    static uint8_t pay64[N_SIGNALS][64];
    static uint8_t pay512[N_SIGNALS / 8][512];
    static uint8_t arena64[N_SIGNALS * 64];
    unsigned planted = 0;
    for (unsigned i = 0; i < N_SIGNALS; i++) {
        struct bitactor_signal *s = &sig[i];
        bitactor_signal_init(s, (uint16_t)(1 + below(5)));
        s->family = below(2) ? BITACTOR_AF_INET : BITACTOR_AF_INET6;
        for (unsigned k = 0; k < (s->family == BITACTOR_AF_INET ? 4u : 16u); k++) {
            s->src[k] = (uint8_t)rnd();
            s->dst[k] = (uint8_t)rnd();
        }
        s->proto = 6;
        s->src_port = (uint16_t)rnd();
        s->dst_port = below(4) ? 443 : (uint16_t)rnd();
        s->timestamp = (uint64_t)i * 1000;
        for (unsigned k = 0; k < 64; k++)
            pay64[i][k] = alphabet[below(sizeof alphabet - 1)];
        if (below(100) == 0) {
            const struct bitactor_pattern *p = &patterns[below(N_PATTERNS)];
            memcpy(&pay64[i][below(64 - p->len)], p->bytes, p->len);
            planted++;
        }
        s->payload_len = 64;
        s->payload_off = i * 64;
        memcpy(&arena64[i * 64], pay64[i], 64);
    }
    for (unsigned i = 0; i < N_SIGNALS / 8; i++) {
        for (unsigned k = 0; k < 512; k++)
            pay512[i][k] = alphabet[below(sizeof alphabet - 1)];
        if (below(100) == 0) {
            const struct bitactor_pattern *p = &patterns[below(N_PATTERNS)];
            memcpy(&pay512[i][below(512 - p->len)], p->bytes, p->len);
        }
    }
    struct bitactor_arena arena = {.base = arena64, .capacity = sizeof arena64, .used = sizeof arena64};
#ifdef BENCH_LIBRARY
    {
        static struct bitactor_ruleset kept_rs;
        static struct bitactor_rate_table kept_rates;
        static struct bitactor_arena kept_arena;
        kept_rs = rs;
        kept_rates = rates;
        kept_arena = arena;
        lib_rs = &kept_rs;
        lib_rates = &kept_rates;
        lib_sig = sig;
        lib_arena = &kept_arena;
        set_http(sig);
        (void)pay512;
        (void)planted;
        return 0;
    }
#endif

    /* Hyperscan: the same 100 literals, block mode, one match per pattern is enough. */
    const char *exprs[N_PATTERNS];
    size_t lens[N_PATTERNS];
    unsigned flags[N_PATTERNS], ids[N_PATTERNS];
    for (unsigned i = 0; i < N_PATTERNS; i++) {
        exprs[i] = (const char *)pattern_text[i];
        lens[i] = patterns[i].len;
        flags[i] = HS_FLAG_SINGLEMATCH;
        ids[i] = i;
    }
    hs_database_t *db;
    hs_compile_error_t *cerr;
    if (hs_compile_lit_multi(exprs, flags, ids, lens, N_PATTERNS, HS_MODE_BLOCK, NULL, &db, &cerr) != HS_SUCCESS) {
        fprintf(stderr, "hyperscan: %s\n", cerr->message);
        return 1;
    }
    hs_scratch_t *scratch = NULL;
    hs_alloc_scratch(db, &scratch);

    printf("rule set: %u rules, 1000 IPv4 + 1000 IPv6 prefixes, %u patterns (5-18 bytes), 4 rate limits\n",
           N_RULES, N_PATTERNS);
    printf("tables: %u trie nodes (%u KiB with %u leaves), %u automaton states x %u byte classes (%u KiB), %u rule sets\n",
           rs.n_lpm_nodes, (unsigned)((rs.n_lpm_nodes * sizeof(struct bitactor_lpm_node) + rs.n_lpm_leaves * 2u) / 1024), rs.n_lpm_leaves, rs.n_ac_states, rs.n_ac_classes,
           (unsigned)((size_t)rs.n_ac_states * rs.n_ac_classes * 2 / 1024), rs.n_masks);
    printf("signals: %u, half IPv4 half IPv6, random addresses; %u of the 64-byte payloads carry a pattern\n",
           N_SIGNALS, planted);
    printf("rate table: %u bucket sets of %u keys (%zu KiB)\n", 1u << set_bits, BITACTOR_BUCKET_WAYS, sets_bytes / 1024);
    printf("each figure: median of %u runs, single thread\n\n", reps);

    /* Random addresses for the lookups alone. */
    static uint8_t a4[N_SIGNALS][4], a6[N_SIGNALS][16];
    for (unsigned i = 0; i < N_SIGNALS; i++) {
        for (unsigned k = 0; k < 4; k++)
            a4[i][k] = (uint8_t)rnd();
        for (unsigned k = 0; k < 16; k++)
            a6[i][k] = (uint8_t)rnd();
    }
    double lpm4, lpm6, ac64, ac512, hs64, hs512, full64, burst64, ticks64, full512;
    uint64_t acc = 0;
    MEASURE(lpm4, N_SIGNALS, for (unsigned i = 0; i < N_SIGNALS; i++) acc += bitactor_rules_lpm(&rs, BITACTOR_LPM_SRC4, a4[i]));
    MEASURE(lpm6, N_SIGNALS, for (unsigned i = 0; i < N_SIGNALS; i++) acc += bitactor_rules_lpm(&rs, BITACTOR_LPM_SRC6, a6[i]));
    struct bitactor_rule_mask found;
    uint64_t ours_matches = 0, hs_matches = 0;
    MEASURE(ac64, N_SIGNALS, for (unsigned i = 0; i < N_SIGNALS; i++) {
        bitactor_rules_scan(&rs, pay64[i], 64, &found);
        ours_matches += (found.w[0] | found.w[1]) != 0;
    });
    MEASURE(hs64, N_SIGNALS, for (unsigned i = 0; i < N_SIGNALS; i++) {
        uint64_t m = 0;
        hs_scan(db, (const char *)pay64[i], 64, 0, scratch, on_match, &m);
        hs_matches += m != 0;
    });
    MEASURE(ac512, N_SIGNALS / 8, for (unsigned i = 0; i < N_SIGNALS / 8; i++) {
        bitactor_rules_scan(&rs, pay512[i], 512, &found);
        acc += found.w[0];
    });
    MEASURE(hs512, N_SIGNALS / 8, for (unsigned i = 0; i < N_SIGNALS / 8; i++) {
        uint64_t m = 0;
        hs_scan(db, (const char *)pay512[i], 512, 0, scratch, on_match, &m);
        acc += m;
    });
    struct bitactor_verdict v;
    struct bitactor_rule_counters c;
    bitactor_rule_counters_reset(&c);
    /* As the consumer does: the payload in the arena, every signal HTTP (scans the most). */
    set_http(sig);
    MEASURE(full64, N_SIGNALS, acc += pass_one(&rs, &rates, sig, &arena, &c));
    /* Bursts of up to 256 signals off the ring, without and with the latency reading per signal. */
    static uint32_t tb[256];
    MEASURE(burst64, N_SIGNALS, acc += pass_bursts(&rs, &rates, sig, &arena, &c, NULL));
    MEASURE(ticks64, N_SIGNALS, acc += pass_bursts(&rs, &rates, sig, &arena, &c, tb));
    MEASURE(full512, N_SIGNALS / 8, for (unsigned i = 0; i < N_SIGNALS / 8; i++) {
        struct bitactor_signal s = sig[i];
        s.payload_len = 512;
        bitactor_rules_eval(&rs, &rates, &s, pay512[i], &c, &v);
        acc += v.action;
    });
    const struct interleaved in = interleaved_ratios(&rs, &rates, sig, &arena, pay64, pay512, db, scratch, &c);
    sink = acc;
    const uint64_t decided = c.evaluated - c.by_action[BITACTOR_ACT_NONE];

    printf("%-52s %8.1f ns\n", "prefix lookup, IPv4 (random address)", lpm4);
    printf("%-52s %8.1f ns\n", "prefix lookup, IPv6 (random address)", lpm6);
    printf("%-52s %8.1f ns  (%.1f M/s)\n", "payload matcher, 64-byte payload", ac64, 1e3 / ac64);
    printf("%-52s %8.1f ns  (%.1f M/s)\n", "Hyperscan hs_scan, 64-byte payload", hs64, 1e3 / hs64);
    printf("%-52s %8.1f ns  (%.1f M/s)\n", "payload matcher, 512-byte payload", ac512, 1e3 / ac512);
    printf("%-52s %8.1f ns  (%.1f M/s)\n", "Hyperscan hs_scan, 512-byte payload", hs512, 1e3 / hs512);
    printf("%-52s %8.1f ns\n", "full evaluation, 64-byte payload", full64);
    printf("%-52s %8.1f ns\n", "full evaluation, 64 B, bursts of 256", burst64);
    printf("%-52s %8.1f ns\n", "  the same, timing each signal (as ttlc run)", ticks64);
    printf("%-52s %8.1f ns\n", "full evaluation, 512-byte payload", full512);
    printf("\nmatches agree: ours %llu, Hyperscan %llu payloads of 64 bytes (per run x %u runs); %.2f%% of evaluations decided by a rule\n",
           (unsigned long long)ours_matches, (unsigned long long)hs_matches, reps,
           100.0 * (double)decided / (double)c.evaluated);
    printf("ratios (throughput, ours / Hyperscan): payload 64 B %.2fx (target >= 1.0), payload 512 B %.2fx (target >= 0.5)\n",
           hs64 / ac64, hs512 / ac512);
    printf("full evaluation 64 B / Hyperscan scan 64 B: %.2fx one call a signal, %.2fx in bursts (target <= 1.3)\n",
           full64 / hs64, burst64 / hs64);
    printf("the same, interleaved (each run times the scan, one call a signal and bursts back to back, each after passes of its own; median of the runs' ratios): %.2fx one call a signal, %.2fx in bursts\n",
           in.one, in.burst);
    printf("  the first pass after Hyperscan's (our tables pushed out of the caches): %.2fx one call a signal, %.2fx in bursts\n",
           in.one_cold, in.burst_cold);
    printf("payload matcher, interleaved (each run times Hyperscan's scan and ours back to back): %.2fx Hyperscan's throughput at 64 B, %.2fx at 512 B\n",
           in.match64, in.match512);
    printf("prefix lookups: IPv4 %.1f ns (target <= 30), IPv6 %.1f ns (target <= 45)\n", lpm4, lpm6);
    hs_free_scratch(scratch);
    hs_free_database(db);
    free(sets);
    return ours_matches == hs_matches ? 0 : 2;
}
