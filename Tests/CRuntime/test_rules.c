/* test_rules.c: the rule evaluator: priority, longest-prefix match, ports, protocols, kinds,
 * payload patterns, rate limits over simulated time, LOG, the compiler's refusals, and a
 * random differential against a brute-force reference. */
#include "tt.h"
#include "test_util.h"

#include "bitactor_rules.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Storage for one compiled set, sized from the bounds (tests may allocate; the core may not). */
struct compiled {
    struct bitactor_ruleset rs;
    struct bitactor_rules_storage st;
    struct bitactor_rules_error err;
    int status;
};

static void compiled_free(struct compiled *c)
{
    free(c->st.rules);
    free(c->st.masks);
    free(c->st.lpm);
    free(c->st.lpm_queue);
    free(c->st.lpm_nodes);
    free(c->st.lpm_leaves);
    free(c->st.lpm_direct);
    free(c->st.src_ports);
    free(c->st.dst_ports);
    free(c->st.proto_mask);
    free(c->st.kind_mask);
    free(c->st.ac_class);
    free(c->st.ac_next);
    free(c->st.ac_out);
    free(c->st.ac_fail);
    free(c->st.ac_depth);
    free(c->st.prefilter);
    free(c->st.ac_queue);
    memset(c, 0, sizeof *c);
}

static int compile(struct compiled *c, const struct bitactor_rule_spec *specs, uint32_t n)
{
    memset(c, 0, sizeof *c);
    struct bitactor_rules_bounds b;
    c->status = bitactor_rules_bounds(specs, n, &b);
    if (c->status != BITACTOR_OK) {
        c->status = bitactor_rules_compile(specs, n, &c->st, &c->rs, &c->err);
        return c->status;
    }
    c->st.cap = b;
    c->st.rules = calloc(b.rules + 1, sizeof *c->st.rules);
    c->st.masks = calloc(b.masks, sizeof *c->st.masks);
    c->st.lpm = calloc((size_t)b.lpm_nodes * 256, sizeof *c->st.lpm);
    c->st.lpm_queue = calloc(b.lpm_nodes, sizeof *c->st.lpm_queue);
    c->st.lpm_nodes = calloc(b.lpm_nodes, sizeof *c->st.lpm_nodes);
    c->st.lpm_leaves = calloc((size_t)b.lpm_nodes * 256, sizeof *c->st.lpm_leaves);
    c->st.lpm_direct = b.lpm_direct != 0 ? calloc(b.lpm_direct, sizeof *c->st.lpm_direct) : NULL;
    c->st.src_ports = calloc(b.ports + 1, sizeof *c->st.src_ports);
    c->st.dst_ports = calloc(b.ports + 1, sizeof *c->st.dst_ports);
    c->st.proto_mask = calloc(256, sizeof *c->st.proto_mask);
    c->st.kind_mask = calloc(256, sizeof *c->st.kind_mask);
    c->st.ac_class = calloc(256, 1);
    c->st.ac_next = calloc((size_t)b.ac_states * b.ac_classes, sizeof *c->st.ac_next);
    c->st.ac_out = calloc(b.ac_states, sizeof *c->st.ac_out);
    c->st.ac_fail = calloc(b.ac_states, sizeof *c->st.ac_fail);
    c->st.ac_depth = calloc(b.ac_states, 1);
    c->st.prefilter = calloc(BITACTOR_PREFILTER_WORDS, sizeof *c->st.prefilter);
    c->st.ac_queue = calloc(b.ac_states, sizeof *c->st.ac_queue);
    c->status = bitactor_rules_compile(specs, n, &c->st, &c->rs, &c->err);
    return c->status;
}

static struct bitactor_prefix v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t len)
{
    struct bitactor_prefix p = {.family = BITACTOR_AF_INET, .len = len, .addr = {a, b, c, d}};
    return p;
}

static struct bitactor_signal sig4(uint16_t kind, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    struct bitactor_signal s;
    bitactor_signal_init(&s, kind);
    const uint8_t src[4] = {a, b, c, d}, dst[4] = {192, 0, 2, 1};
    bitactor_signal_set_ipv4(&s, src, dst);
    s.proto = BITACTOR_PROTO_TCP;
    s.src_port = 40000;
    s.dst_port = 443;
    return s;
}

static struct bitactor_verdict eval(const struct compiled *c, struct bitactor_rate_table *rates,
                                    const struct bitactor_signal *s, const char *payload)
{
    struct bitactor_signal t = *s;
    t.payload_len = payload ? (uint16_t)strlen(payload) : 0;
    struct bitactor_verdict v;
    bitactor_rules_eval(&c->rs, rates, &t, (const uint8_t *)payload, NULL, &v);
    return v;
}

static void lower_priority_decides_first(void)
{
    const struct bitactor_prefix wide = v4(10, 0, 0, 0, 8), narrow = v4(10, 1, 0, 0, 16);
    struct bitactor_rule_spec specs[2] = {
        {.name = "drop-wide", .priority = 10, .action = BITACTOR_ACT_DROP, .src = &wide, .n_src = 1},
        {.name = "allow-narrow", .priority = 20, .action = BITACTOR_ACT_ALLOW, .src = &narrow, .n_src = 1},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 2), BITACTOR_OK);
    /* Both match 10.1.2.3; the lower priority decides even though its prefix is shorter. */
    struct bitactor_signal s = sig4(1, 10, 1, 2, 3);
    struct bitactor_verdict v = eval(&c, NULL, &s, NULL);
    CHECK_EQ(v.rule, 0);
    CHECK_EQ(v.action, BITACTOR_ACT_DROP);
    s = sig4(1, 11, 1, 2, 3);
    v = eval(&c, NULL, &s, NULL);
    CHECK_EQ(v.rule, BITACTOR_RULE_NONE);
    CHECK_EQ(v.action, BITACTOR_ACT_NONE);
    compiled_free(&c);

    /* Swapped: the narrow prefix first. */
    specs[0].src = &narrow;
    specs[1].src = &wide;
    REQUIRE_EQ(compile(&c, specs, 2), BITACTOR_OK);
    s = sig4(1, 10, 1, 2, 3);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 0);
    s = sig4(1, 10, 2, 2, 3);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 1);
    compiled_free(&c);
}

static void overlapping_prefixes_match_longest_and_every_cover(void)
{
    /* Nested prefixes that do not end on byte boundaries, /0 and /32. */
    const struct bitactor_prefix p12 = v4(172, 16, 0, 0, 12), p20 = v4(172, 16, 16, 0, 20),
                                 p32 = v4(172, 16, 16, 7, 32), all = v4(0, 0, 0, 0, 0);
    struct bitactor_rule_spec specs[4] = {
        {.name = "host", .priority = 1, .action = BITACTOR_ACT_BLOCK, .src = &p32, .n_src = 1},
        {.name = "p20", .priority = 2, .action = BITACTOR_ACT_CHALLENGE, .src = &p20, .n_src = 1},
        {.name = "p12", .priority = 3, .action = BITACTOR_ACT_DROP, .src = &p12, .n_src = 1},
        {.name = "all", .priority = 4, .action = BITACTOR_ACT_ALLOW, .src = &all, .n_src = 1},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 4), BITACTOR_OK);
    struct bitactor_signal s = sig4(1, 172, 16, 16, 7);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 0);
    s = sig4(1, 172, 16, 16, 8);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 1);
    s = sig4(1, 172, 16, 31, 255); /* last address of the /20 */
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 1);
    s = sig4(1, 172, 16, 32, 0);   /* just past it */
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 2);
    s = sig4(1, 172, 31, 255, 255); /* last of the /12 */
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 2);
    s = sig4(1, 172, 32, 0, 0);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 3);
    /* The longest match carries every covering rule's bit. */
    const uint8_t a[4] = {172, 16, 16, 7};
    const struct bitactor_rule_mask *m = &c.rs.masks[bitactor_rules_lpm(&c.rs, BITACTOR_LPM_SRC4, a)];
    CHECK_EQ(m->w[0], 0xF);
    /* An IPv6 source matches none of the IPv4 prefixes. */
    struct bitactor_signal s6;
    bitactor_signal_init(&s6, 1);
    uint8_t src6[16] = {0xAC, 0x10, 0x10, 7}, dst6[16] = {0x20, 0x01};
    bitactor_signal_set_ipv6(&s6, src6, dst6);
    CHECK_EQ(eval(&c, NULL, &s6, NULL).rule, BITACTOR_RULE_NONE);
    compiled_free(&c);
}

static void ipv6_prefixes_and_destinations(void)
{
    struct bitactor_prefix fe80 = {.family = BITACTOR_AF_INET6, .len = 10, .addr = {0xfe, 0x80}};
    struct bitactor_prefix doc64 = {.family = BITACTOR_AF_INET6, .len = 64, .addr = {0x20, 0x01, 0x0d, 0xb8, 0, 0x53}};
    struct bitactor_prefix dst4 = v4(192, 0, 2, 0, 29);
    struct bitactor_rule_spec specs[3] = {
        {.name = "ll", .priority = 1, .action = BITACTOR_ACT_DROP, .src = &fe80, .n_src = 1},
        {.name = "doc", .priority = 2, .action = BITACTOR_ACT_ALLOW, .src = &doc64, .n_src = 1},
        {.name = "to-net", .priority = 3, .action = BITACTOR_ACT_BLOCK, .dst = &dst4, .n_dst = 1},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 3), BITACTOR_OK);
    struct bitactor_signal s;
    bitactor_signal_init(&s, 1);
    uint8_t src[16] = {0xfe, 0xbf, 0xff}, dst[16] = {0x20, 0x01};
    bitactor_signal_set_ipv6(&s, src, dst);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 0);
    src[1] = 0xc0; /* fec0:: is outside fe80::/10 */
    bitactor_signal_set_ipv6(&s, src, dst);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, BITACTOR_RULE_NONE);
    uint8_t doc[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0x53, 0, 0, 0xde, 0xad};
    bitactor_signal_set_ipv6(&s, doc, dst);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 1);
    doc[7] = 1; /* 2001:db8:53:1:: is outside the /64 */
    bitactor_signal_set_ipv6(&s, doc, dst);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, BITACTOR_RULE_NONE);
    struct bitactor_signal t = sig4(1, 8, 8, 8, 8);
    const uint8_t d7[4] = {192, 0, 2, 7}, d8[4] = {192, 0, 2, 8}, s8[4] = {8, 8, 8, 8};
    bitactor_signal_set_ipv4(&t, s8, d7);
    CHECK_EQ(eval(&c, NULL, &t, NULL).rule, 2);
    bitactor_signal_set_ipv4(&t, s8, d8);
    CHECK_EQ(eval(&c, NULL, &t, NULL).rule, BITACTOR_RULE_NONE);
    compiled_free(&c);
}

static void ports_protocols_and_kinds(void)
{
    const uint16_t web[2] = {80, 443}, dns = 53, kinds[1] = {2};
    const uint8_t tcp = BITACTOR_PROTO_TCP, udp = BITACTOR_PROTO_UDP;
    struct bitactor_rule_spec specs[2] = {
        {.name = "web", .priority = 1, .action = BITACTOR_ACT_CHALLENGE, .dst_ports = web, .n_dst_ports = 2,
         .protos = &tcp, .n_protos = 1, .kinds = kinds, .n_kinds = 1},
        {.name = "dns", .priority = 2, .action = BITACTOR_ACT_DROP, .src_ports = &dns, .n_src_ports = 1,
         .protos = &udp, .n_protos = 1},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 2), BITACTOR_OK);
    struct bitactor_signal s = sig4(2, 8, 8, 8, 8);
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 0);
    s.dst_port = 80;
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 0);
    s.dst_port = 8080;
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, BITACTOR_RULE_NONE);
    s.dst_port = 443;
    s.kind = 1; /* wrong kind */
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, BITACTOR_RULE_NONE);
    s.kind = 2;
    s.proto = BITACTOR_PROTO_UDP; /* wrong protocol for web, wrong source port for dns */
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, BITACTOR_RULE_NONE);
    s.src_port = 53;
    CHECK_EQ(eval(&c, NULL, &s, NULL).rule, 1);
    compiled_free(&c);
}

/* Port tables of every length from 0 to 40 (up to 16 compared whole: four entries a step one
 * call a signal, all at once in a burst; longer ones searched), as source and as destination
 * ports: each listed port finds its rule, ports between and around them and the ends of the range
 * (0 and 65535, which a table's unused vector lanes must not match) find only rule n, which lists
 * no port, one call a signal and in bursts. Rule i < n lists port 100 + 3 i. */
static void port_tables_of_every_length(void)
{
    static uint16_t ports[40];
    static struct bitactor_rule_spec specs[41];
    enum { NS = 2 + 3 * 41 + 12 };
    static struct bitactor_signal sigs[NS];
    static uint32_t want[NS];
    static struct bitactor_verdict got[NS];
    for (int dst = 0; dst <= 1; dst++) {
        for (uint32_t n = 0; n <= 40; n++) {
            for (uint32_t i = 0; i < n; i++) {
                ports[i] = (uint16_t)(100 + 3 * i);
                memset(&specs[i], 0, sizeof specs[i]);
                specs[i].name = "port";
                specs[i].priority = (int32_t)i;
                specs[i].action = BITACTOR_ACT_DROP;
                if (dst) {
                    specs[i].dst_ports = &ports[i];
                    specs[i].n_dst_ports = 1;
                } else {
                    specs[i].src_ports = &ports[i];
                    specs[i].n_src_ports = 1;
                }
            }
            memset(&specs[n], 0, sizeof specs[n]);
            specs[n].name = "any port";
            specs[n].priority = (int32_t)n;
            specs[n].action = BITACTOR_ACT_ALLOW;
            struct compiled c;
            REQUIRE_EQ(compile(&c, specs, n + 1), BITACTOR_OK);
            CHECK_EQ(dst ? c.rs.n_dst_ports : c.rs.n_src_ports, n);
            uint32_t k = 0;
            for (uint32_t port = 90; port < 100 + 3 * 41; port++)
                sigs[k++].src_port = (uint16_t)port;
            sigs[k++].src_port = 0;
            sigs[k++].src_port = 65535;
            for (uint32_t i = 0; i < k; i++) {
                const uint32_t port = sigs[i].src_port;
                sigs[i] = sig4(1, 8, 8, 8, 8);
                if (dst)
                    sigs[i].dst_port = (uint16_t)port;
                else
                    sigs[i].src_port = (uint16_t)port;
                want[i] = port >= 100 && (port - 100) % 3 == 0 && (port - 100) / 3 < n ? (port - 100) / 3 : n;
                CHECK_EQ(eval(&c, NULL, &sigs[i], NULL).rule, want[i]);
            }
            bitactor_rules_eval_burst(&c.rs, NULL, sigs, k, NULL, NULL, got, NULL);
            for (uint32_t i = 0; i < k; i++)
                CHECK_EQ(got[i].rule, want[i]);
            compiled_free(&c);
        }
    }
}

static void payload_patterns_match_across_boundaries(void)
{
    static const struct bitactor_pattern a[2] = {{(const uint8_t *)"she", 3}, {(const uint8_t *)"hers", 4}};
    static const struct bitactor_pattern b[1] = {{(const uint8_t *)"he", 2}};
    static const struct bitactor_pattern d[1] = {{(const uint8_t *)"aab", 3}};
    struct bitactor_rule_spec specs[3] = {
        {.name = "she-hers", .priority = 1, .action = BITACTOR_ACT_BLOCK, .patterns = a, .n_patterns = 2},
        {.name = "he", .priority = 2, .action = BITACTOR_ACT_LOG, .patterns = b, .n_patterns = 1},
        {.name = "aab", .priority = 3, .action = BITACTOR_ACT_DROP, .patterns = d, .n_patterns = 1},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 3), BITACTOR_OK);
    struct bitactor_signal s = sig4(1, 8, 8, 8, 8);
    struct bitactor_verdict v = eval(&c, NULL, &s, "ushers");
    CHECK_EQ(v.rule, 0);
    /* "he" only through the failure link of "she"/"hers": LOG then nothing decides. */
    v = eval(&c, NULL, &s, "xhex");
    CHECK_EQ(v.rule, BITACTOR_RULE_NONE);
    CHECK_EQ(v.n_logs, 1);
    CHECK_EQ(v.logs[0], 1);
    /* "aab" inside "aaab": the automaton must fall back from "aa" + "a" to "aa". */
    v = eval(&c, NULL, &s, "aaab");
    CHECK_EQ(v.rule, 2);
    CHECK_EQ(v.n_logs, 0);
    v = eval(&c, NULL, &s, "aa");
    CHECK_EQ(v.rule, BITACTOR_RULE_NONE);
    /* Pattern at the very end and at the very start; a pattern cut short does not match. */
    CHECK_EQ(eval(&c, NULL, &s, "xxxxhers").rule, 0);
    CHECK_EQ(eval(&c, NULL, &s, "she").rule, 0);
    CHECK_EQ(eval(&c, NULL, &s, "sh").rule, BITACTOR_RULE_NONE);
    /* Bytes outside every pattern (class 0), and a NUL byte inside the payload. */
    struct bitactor_signal t = s;
    const uint8_t bytes[6] = {0xff, 0, 'a', 'a', 'b', 0};
    t.payload_len = 6;
    struct bitactor_verdict w;
    bitactor_rules_eval(&c.rs, NULL, &t, bytes, NULL, &w);
    CHECK_EQ(w.rule, 2);
    struct bitactor_rule_mask found;
    bitactor_rules_scan(&c.rs, (const uint8_t *)"ushers aab", 10, &found);
    CHECK_EQ(found.w[0], 0x7); /* she, he, hers, aab: every rule */
    compiled_free(&c);
}

static void log_records_and_goes_on(void)
{
    const uint16_t bgp = 179;
    struct bitactor_rule_spec specs[3] = {
        {.name = "log-a", .priority = 1, .action = BITACTOR_ACT_LOG, .dst_ports = &bgp, .n_dst_ports = 1},
        {.name = "log-b", .priority = 2, .action = BITACTOR_ACT_LOG},
        {.name = "drop", .priority = 3, .action = BITACTOR_ACT_DROP, .dst_ports = &bgp, .n_dst_ports = 1},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 3), BITACTOR_OK);
    struct bitactor_signal s = sig4(1, 8, 8, 8, 8);
    s.dst_port = 179;
    struct bitactor_rule_counters ctr;
    bitactor_rule_counters_reset(&ctr);
    struct bitactor_verdict v;
    bitactor_rules_eval(&c.rs, NULL, &s, NULL, &ctr, &v);
    CHECK_EQ(v.rule, 2);
    CHECK_EQ(v.action, BITACTOR_ACT_DROP);
    CHECK_EQ(v.n_logs, 2);
    CHECK_EQ(v.logs[0], 0);
    CHECK_EQ(v.logs[1], 1);
    s.dst_port = 80;
    bitactor_rules_eval(&c.rs, NULL, &s, NULL, &ctr, &v);
    CHECK_EQ(v.rule, BITACTOR_RULE_NONE);
    CHECK_EQ(v.n_logs, 1);
    CHECK_EQ(ctr.evaluated, 2);
    CHECK_EQ(ctr.by_rule[0], 1);
    CHECK_EQ(ctr.by_rule[1], 2);
    CHECK_EQ(ctr.by_rule[2], 1);
    CHECK_EQ(ctr.by_action[BITACTOR_ACT_DROP], 1);
    CHECK_EQ(ctr.by_action[BITACTOR_ACT_NONE], 1);
    compiled_free(&c);
}

static void rate_limits_follow_simulated_time(void)
{
    struct bitactor_rule_spec specs[2] = {
        {.name = "limit", .priority = 1, .action = BITACTOR_ACT_RATE_LIMIT, .rate_key = BITACTOR_RATE_BY_SOURCE,
         .rate_limit = 3, .rate_window = 1000000000ull},
        {.name = "per-dst", .priority = 2, .action = BITACTOR_ACT_DROP, .rate_key = BITACTOR_RATE_BY_DESTINATION,
         .rate_limit = 5, .rate_window = 1000000000ull},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 2), BITACTOR_OK);
    static struct bitactor_bucket_set sets[64];
    struct bitactor_rate_table rt;
    REQUIRE_EQ(bitactor_rate_table_init(&rt, sets, 64), BITACTOR_OK);
    struct bitactor_signal s = sig4(1, 8, 8, 8, 8);
    s.timestamp = 5000000000ull;
    /* Three fit; the fourth and fifth exceed source 8.8.8.8's rate; but rule 1 (5 per
     * destination) saw only the signals rule 0 let through. */
    for (int i = 0; i < 3; i++)
        CHECK_EQ(eval(&c, &rt, &s, NULL).rule, BITACTOR_RULE_NONE);
    CHECK_EQ(eval(&c, &rt, &s, NULL).action, BITACTOR_ACT_RATE_LIMIT);
    CHECK_EQ(eval(&c, &rt, &s, NULL).action, BITACTOR_ACT_RATE_LIMIT);
    /* Another source has its own bucket; it is the 4th and 5th to reach destination's bucket. */
    struct bitactor_signal o = sig4(1, 9, 9, 9, 9);
    o.timestamp = s.timestamp;
    CHECK_EQ(eval(&c, &rt, &o, NULL).rule, BITACTOR_RULE_NONE);
    CHECK_EQ(eval(&c, &rt, &o, NULL).rule, BITACTOR_RULE_NONE);
    CHECK_EQ(eval(&c, &rt, &o, NULL).rule, 1); /* 6th through rule 0 to this destination */
    /* A third of a window later, one token back for 8.8.8.8 (limit 3 per second). */
    s.timestamp += 333333333ull;
    CHECK_EQ(eval(&c, &rt, &s, NULL).action, BITACTOR_ACT_RATE_LIMIT);
    s.timestamp += 1ull;
    /* A token back for rule 0; rule 1 (5 per second) got 1.67 tokens back meanwhile. */
    CHECK_EQ(eval(&c, &rt, &s, NULL).action, BITACTOR_ACT_NONE);
    CHECK_EQ(eval(&c, &rt, &s, NULL).action, BITACTOR_ACT_RATE_LIMIT);
    /* A timestamp from the past adds nothing. */
    s.timestamp -= 900000000ull;
    CHECK_EQ(eval(&c, &rt, &s, NULL).action, BITACTOR_ACT_RATE_LIMIT);
    /* A whole window later, both buckets are full again. */
    s.timestamp += 2000000000ull;
    for (int i = 0; i < 3; i++)
        CHECK_EQ(eval(&c, &rt, &s, NULL).rule, BITACTOR_RULE_NONE);
    CHECK_EQ(eval(&c, &rt, &s, NULL).rule, 0);
    compiled_free(&c);
}

struct rate_race {
    const struct compiled *c;
    struct bitactor_rate_table *rt;
    _Atomic uint64_t passed;
};

static void *race_thread(void *arg)
{
    struct rate_race *r = arg;
    struct bitactor_signal s = sig4(1, 8, 8, 8, 8);
    s.timestamp = 1;
    uint64_t passed = 0;
    for (int i = 0; i < 2000; i++) {
        struct bitactor_verdict v;
        bitactor_rules_eval(&r->c->rs, r->rt, &s, NULL, NULL, &v);
        passed += v.action == BITACTOR_ACT_NONE;
    }
    /* Only a sum, read after join. */
    atomic_fetch_add_explicit(&r->passed, passed, memory_order_relaxed);
    return NULL;
}

static void rate_buckets_are_exact_across_threads(void)
{
    struct bitactor_rule_spec spec = {.name = "limit", .priority = 1, .action = BITACTOR_ACT_RATE_LIMIT,
                                      .rate_key = BITACTOR_RATE_BY_SOURCE, .rate_limit = 1000,
                                      .rate_window = 1000000000ull};
    struct compiled c;
    REQUIRE_EQ(compile(&c, &spec, 1), BITACTOR_OK);
    static struct bitactor_bucket_set sets[16];
    struct bitactor_rate_table rt;
    REQUIRE_EQ(bitactor_rate_table_init(&rt, sets, 16), BITACTOR_OK);
    struct rate_race race = {.c = &c, .rt = &rt};
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        REQUIRE(pthread_create(&th[i], NULL, race_thread, &race) == 0);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    /* One timestamp: exactly the limit passes, whatever the interleaving. */
    CHECK_EQ(atomic_load(&race.passed), 1000);
    compiled_free(&c);
}

static void full_bucket_sets_evict_and_count(void)
{
    struct bitactor_rule_spec spec = {.name = "limit", .priority = 1, .action = BITACTOR_ACT_DROP,
                                      .rate_key = BITACTOR_RATE_BY_SIGNAL_KEY, .rate_limit = 1,
                                      .rate_window = 1000000000ull};
    struct compiled c;
    REQUIRE_EQ(compile(&c, &spec, 1), BITACTOR_OK);
    static struct bitactor_bucket_set sets[1];
    struct bitactor_rate_table rt;
    REQUIRE_EQ(bitactor_rate_table_init(&rt, sets, 1), BITACTOR_OK);
    struct bitactor_rule_counters n;
    bitactor_rule_counters_reset(&n);
    struct bitactor_signal s = sig4(1, 8, 8, 8, 8);
    struct bitactor_verdict v;
    for (uint64_t k = 0; k < 10; k++) {
        s.key = k;
        s.timestamp = 100 + k;
        bitactor_rules_eval(&c.rs, &rt, &s, NULL, &n, &v);
        CHECK_EQ(v.rule, BITACTOR_RULE_NONE);
    }
    /* 3 ways, 10 keys: 7 evictions, counted by the evaluating thread; the 3 newest keys are
     * still limited... */
    CHECK_EQ(n.rate_evictions, 7);
    for (uint64_t k = 7; k < 10; k++) {
        s.key = k;
        bitactor_rules_eval(&c.rs, &rt, &s, NULL, &n, &v);
        CHECK_EQ(v.rule, 0);
    }
    /* ...while an evicted one starts again from a full bucket (evicting another). */
    s.key = 6;
    bitactor_rules_eval(&c.rs, &rt, &s, NULL, &n, &v);
    CHECK_EQ(v.rule, BITACTOR_RULE_NONE);
    CHECK_EQ(n.rate_evictions, 8);
    /* Without counters the evaluation is the same; nothing is counted anywhere. */
    s.key = 5;
    CHECK_EQ(eval(&c, &rt, &s, NULL).rule, BITACTOR_RULE_NONE);
    CHECK_EQ(n.rate_evictions, 8);
    compiled_free(&c);
}

static void compiler_refuses_bad_specs(void)
{
    struct compiled c;
    struct bitactor_prefix bad = v4(10, 0, 0, 0, 33);
    struct bitactor_rule_spec specs[2] = {
        {.name = "a", .priority = 5, .action = BITACTOR_ACT_DROP},
        {.name = "b", .priority = 6, .action = BITACTOR_ACT_DROP, .src = &bad, .n_src = 1},
    };
    CHECK_EQ(compile(&c, specs, 2), BITACTOR_E_INVAL);
    CHECK_EQ(c.err.rule, 1);
    CHECK(strstr(c.err.what, "prefix length") != NULL);
    compiled_free(&c);
    specs[1].n_src = 0;
    specs[1].priority = 4;
    CHECK_EQ(compile(&c, specs, 2), BITACTOR_E_INVAL);
    CHECK(strstr(c.err.what, "priority order") != NULL);
    compiled_free(&c);
    specs[1].priority = 6;
    specs[1].action = BITACTOR_ACT_RATE_LIMIT;
    CHECK_EQ(compile(&c, specs, 2), BITACTOR_E_INVAL);
    CHECK(strstr(c.err.what, "without a rate") != NULL);
    specs[1].rate_key = BITACTOR_RATE_BY_SOURCE;
    specs[1].rate_limit = 10;
    specs[1].rate_window = 1000; /* 1 us: below the minimum window */
    compiled_free(&c);
    CHECK_EQ(compile(&c, specs, 2), BITACTOR_E_INVAL);
    CHECK(strstr(c.err.what, "rate") != NULL);
    compiled_free(&c);
    /* Too many automaton states: 200 distinct patterns of 200 bytes. */
    static uint8_t text[200][200];
    static struct bitactor_pattern pats[200];
    struct tu_rng rng = {.s = 7};
    for (int i = 0; i < 200; i++) {
        for (int j = 0; j < 200; j++)
            text[i][j] = (uint8_t)tu_below(&rng, 256);
        pats[i].bytes = text[i];
        pats[i].len = 200;
    }
    struct bitactor_rule_spec big = {.name = "big", .priority = 1, .action = BITACTOR_ACT_DROP,
                                     .patterns = pats, .n_patterns = 200};
    CHECK_EQ(compile(&c, &big, 1), BITACTOR_E_NOSPACE);
    CHECK(strstr(c.err.what, "automaton states") != NULL);
    compiled_free(&c);
}

/* Dense tries (every trie past BITACTOR_LPM_DIRECT_PREFIXES) get their direct level, and a
 * lookup through it finds what brute force finds and what the walk from the root finds (the same
 * rules compiled with no room for direct levels): random addresses, and addresses inside and
 * just past each prefix, around the 16-bit boundary the direct level ends at. */
static void direct_level_agrees_with_walk_and_brute_force(void)
{
    enum { RULES = 24, PER = 16 };
    static struct bitactor_rule_spec specs[RULES];
    static struct bitactor_prefix pre[RULES][PER];
    struct tu_rng rng = {.s = tu_seed() ^ 0xd1ec7};
    for (uint32_t r = 0; r < RULES; r++) {
        memset(&specs[r], 0, sizeof specs[r]);
        specs[r].name = "p";
        specs[r].priority = (int32_t)r;
        specs[r].action = BITACTOR_ACT_DROP;
        for (uint32_t i = 0; i < PER; i++) {
            struct bitactor_prefix *p = &pre[r][i];
            memset(p, 0, sizeof *p);
            p->family = i % 2 ? BITACTOR_AF_INET6 : BITACTOR_AF_INET;
            const unsigned bits = p->family == BITACTOR_AF_INET ? 32 : 128;
            /* Mostly 9..32 bits (the direct level's and the walk's side of byte 2), some short. */
            p->len = (uint8_t)(tu_below(&rng, 8) == 0 ? tu_below(&rng, 9) : 9 + tu_below(&rng, 24));
            /* Few first bytes, so that prefixes nest and share the direct level's entries. */
            p->addr[0] = (uint8_t)(10 + tu_below(&rng, 3));
            for (unsigned b = 1; b < bits / 8; b++)
                p->addr[b] = (uint8_t)(tu_below(&rng, 3) == 0 ? 0 : tu_next(&rng));
        }
        if (r % 2) {
            specs[r].src = pre[r];
            specs[r].n_src = PER;
        } else {
            specs[r].dst = pre[r];
            specs[r].n_dst = PER;
        }
    }
    specs[RULES - 1].n_dst = 0; /* one rule with no destination prefix: in every dst trie's base */
    struct compiled with, without;
    REQUIRE_EQ(compile(&with, specs, RULES), BITACTOR_OK);
    for (unsigned t = 0; t < 4; t++)
        REQUIRE(with.rs.lpm_direct[t] != NULL);
    /* The same storage bounds without the direct levels' room. */
    REQUIRE_EQ(compile(&without, specs, RULES), BITACTOR_OK);
    free(without.st.lpm_direct);
    without.st.lpm_direct = NULL;
    REQUIRE_EQ(bitactor_rules_compile(specs, RULES, &without.st, &without.rs, &without.err), BITACTOR_OK);
    for (unsigned t = 0; t < 4; t++)
        REQUIRE(without.rs.lpm_direct[t] == NULL);
    unsigned checked = 0, mismatches = 0;
    for (unsigned i = 0; i < 200000 && mismatches == 0; i++) {
        const unsigned t = i % 4, v6 = t >= BITACTOR_LPM_SRC6, is_src = t % 2 == 0;
        const unsigned bytes = v6 ? 16 : 4;
        uint8_t a[16] = {0};
        const struct bitactor_prefix *near = &pre[tu_below(&rng, RULES)][tu_below(&rng, PER)];
        const unsigned pick = tu_below(&rng, 3);
        for (unsigned b = 0; b < bytes; b++)
            a[b] = pick == 0 ? (uint8_t)(b == 0 ? 9 + tu_below(&rng, 5) : tu_next(&rng)) : near->addr[b];
        if (pick == 1) /* inside the prefix: random bits after it */
            for (unsigned bit = near->len; bit < 8 * bytes; bit++)
                if (tu_below(&rng, 2))
                    a[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
        if (pick == 2 && near->len > 0) /* just past it: its last bit flipped */
            a[(near->len - 1) / 8] ^= (uint8_t)(0x80u >> ((near->len - 1) % 8));
        struct bitactor_rule_mask want = {{0}};
        for (uint32_t r = 0; r < RULES; r++) {
            const uint32_t np = is_src ? specs[r].n_src : specs[r].n_dst;
            const struct bitactor_prefix *list = is_src ? specs[r].src : specs[r].dst;
            int any = np == 0;
            for (uint32_t k = 0; k < np && !any; k++) {
                const struct bitactor_prefix *p = &list[k];
                if ((p->family == BITACTOR_AF_INET6) != (v6 != 0))
                    continue;
                int covers = 1;
                for (unsigned bit = 0; bit < p->len && covers; bit++)
                    covers = ((a[bit / 8] ^ p->addr[bit / 8]) & (0x80u >> (bit % 8))) == 0;
                any = covers;
            }
            if (any)
                want.w[r / 64] |= (uint64_t)1 << (r % 64);
        }
        const struct bitactor_rule_mask *got = &with.rs.masks[bitactor_rules_lpm(&with.rs, (enum bitactor_lpm_trie)t, a)];
        const struct bitactor_rule_mask *walked = &without.rs.masks[bitactor_rules_lpm(&without.rs, (enum bitactor_lpm_trie)t, a)];
        mismatches += memcmp(got, &want, sizeof want) != 0 || memcmp(walked, &want, sizeof want) != 0;
        checked++;
    }
    CHECK_EQ(mismatches, 0);
    CHECK_EQ(checked, 200000);
    compiled_free(&with);
    compiled_free(&without);
}

/* ---- random differential against a brute-force reference ---- */

#define DR 150 /* rules at most: more than two mask words */

static int prefix_covers(const struct bitactor_prefix *p, const struct bitactor_signal *s, int dst)
{
    if ((p->family == BITACTOR_AF_INET6) != (s->family == BITACTOR_AF_INET6))
        return 0;
    const uint8_t *a = dst ? s->dst : s->src;
    for (unsigned bit = 0; bit < p->len; bit++) {
        const unsigned by = bit / 8, sh = 7 - bit % 8;
        if (((a[by] >> sh) & 1) != ((p->addr[by] >> sh) & 1))
            return 0;
    }
    return 1;
}

/* Gives rule x n random patterns of min .. min + spread - 1 bytes over alphabet[0..4), pattern i
 * in pats[i] with its bytes at text + i * stride. */
static void random_patterns(struct tu_rng *rng, struct bitactor_rule_spec *x, uint32_t n, uint32_t min,
                            uint32_t spread, const uint8_t alphabet[4], struct bitactor_pattern *pats,
                            uint8_t *text, size_t stride)
{
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t len = min + tu_below(rng, spread);
        for (uint32_t j = 0; j < len; j++)
            text[i * stride + j] = alphabet[tu_below(rng, 4)];
        pats[i].bytes = text + i * stride;
        pats[i].len = len;
    }
    x->patterns = pats;
    x->n_patterns = n;
}

static int contains(const uint8_t *h, uint32_t hn, const struct bitactor_pattern *p)
{
    for (uint32_t i = 0; i + p->len <= hn; i++)
        if (memcmp(h + i, p->bytes, p->len) == 0)
            return 1;
    return 0;
}

static uint16_t reference(const struct bitactor_rule_spec *specs, uint32_t n,
                          const struct bitactor_signal *s, const uint8_t *payload)
{
    for (uint32_t r = 0; r < n; r++) {
        const struct bitactor_rule_spec *x = &specs[r];
        int ok = 1, any;
        if (x->n_src) {
            any = 0;
            for (uint32_t i = 0; i < x->n_src; i++)
                any |= prefix_covers(&x->src[i], s, 0);
            ok &= any;
        }
        if (x->n_dst) {
            any = 0;
            for (uint32_t i = 0; i < x->n_dst; i++)
                any |= prefix_covers(&x->dst[i], s, 1);
            ok &= any;
        }
        if (x->n_dst_ports) {
            any = 0;
            for (uint32_t i = 0; i < x->n_dst_ports; i++)
                any |= x->dst_ports[i] == s->dst_port;
            ok &= any;
        }
        if (x->n_protos) {
            any = 0;
            for (uint32_t i = 0; i < x->n_protos; i++)
                any |= x->protos[i] == s->proto;
            ok &= any;
        }
        if (x->n_kinds) {
            any = 0;
            for (uint32_t i = 0; i < x->n_kinds; i++)
                any |= x->kinds[i] == s->kind;
            ok &= any;
        }
        if (x->n_patterns) {
            any = 0;
            for (uint32_t i = 0; i < x->n_patterns; i++)
                any |= contains(payload, s->payload_len, &x->patterns[i]);
            ok &= any;
        }
        if (ok && x->action != BITACTOR_ACT_LOG)
            return (uint16_t)r;
    }
    return BITACTOR_RULE_NONE;
}

/* n_rules random rules against the reference, one call a signal; then the same signals in bursts
 * (the evaluator is built for one mask word and for four: both widths, both entry points). */
static void random_rules_agree(uint32_t n_rules, uint64_t seed)
{
    static struct bitactor_rule_spec specs[DR];
    static struct bitactor_prefix pre[DR][6];
    static uint16_t ports[DR][2], kinds[DR][1];
    static uint8_t protos[DR][1];
    static uint8_t ptext[DR][2][6];
    static struct bitactor_pattern pats[DR][2];
    struct tu_rng rng = {.s = tu_seed() ^ seed};
    const uint8_t alphabet[4] = {'a', 'b', 'c', 'd'}; /* small: patterns overlap often */
    for (uint32_t r = 0; r < n_rules; r++) {
        struct bitactor_rule_spec *x = &specs[r];
        memset(x, 0, sizeof *x);
        x->name = "r";
        x->priority = (int32_t)r;
        x->action = (uint8_t)(1 + tu_below(&rng, 5)); /* allow..log */
        const uint32_t np = tu_below(&rng, 4);
        for (uint32_t i = 0; i < np; i++) {
            struct bitactor_prefix *p = &pre[r][i];
            memset(p, 0, sizeof *p);
            p->family = tu_below(&rng, 2) ? BITACTOR_AF_INET : BITACTOR_AF_INET6;
            p->len = (uint8_t)tu_below(&rng, p->family == BITACTOR_AF_INET ? 33 : 129);
            /* Few distinct leading bits, so prefixes nest and signals hit them. */
            p->addr[0] = (uint8_t)(tu_below(&rng, 2) ? 10 : 11);
            for (unsigned b = 1; b < 16; b++)
                p->addr[b] = (uint8_t)(tu_below(&rng, 4) == 0 ? tu_next(&rng) : 0);
            if (p->family == BITACTOR_AF_INET)
                memset(p->addr + 4, 0, 12);
        }
        if (tu_below(&rng, 2)) {
            x->src = pre[r];
            x->n_src = np;
        } else {
            x->dst = pre[r];
            x->n_dst = np;
        }
        if (tu_below(&rng, 3) == 0) {
            ports[r][0] = (uint16_t)tu_below(&rng, 4);
            ports[r][1] = (uint16_t)tu_below(&rng, 4);
            x->dst_ports = ports[r];
            x->n_dst_ports = 2;
        }
        if (tu_below(&rng, 4) == 0) {
            protos[r][0] = tu_below(&rng, 2) ? 6 : 17;
            x->protos = protos[r];
            x->n_protos = 1;
        }
        if (tu_below(&rng, 4) == 0) {
            kinds[r][0] = (uint16_t)(1 + tu_below(&rng, 3));
            x->kinds = kinds[r];
            x->n_kinds = 1;
        }
        if (tu_below(&rng, 3) == 0)
            random_patterns(&rng, x, 1 + tu_below(&rng, 2), 1, 5, alphabet, pats[r], ptext[r][0], sizeof ptext[r][0]);
        if (n_rules > 64 && r < n_rules - 40) {
            /* Signals of kinds 1 and 2 pass these by, so that the last 40 rules, past the first
             * mask word, decide them: a catch-all among the first rules would otherwise decide
             * every signal before any rule of a later word is reached. */
            kinds[r][0] = 3;
            x->kinds = kinds[r];
            x->n_kinds = 1;
        }
    }
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, n_rules), BITACTOR_OK);
    enum { N = 20000, PAYLOAD = 40 };
    static struct bitactor_signal sig[N];
    static struct bitactor_verdict one[N], many[N];
    static uint8_t arena_mem[N * PAYLOAD];
    struct bitactor_arena arena;
    REQUIRE_EQ(bitactor_arena_init(&arena, arena_mem, sizeof arena_mem), BITACTOR_OK);
    unsigned decided = 0, past_first_word = 0;
    for (uint32_t i = 0; i < N; i++) {
        struct bitactor_signal s;
        bitactor_signal_init(&s, (uint16_t)(1 + tu_below(&rng, 3)));
        s.family = tu_below(&rng, 2) ? BITACTOR_AF_INET : BITACTOR_AF_INET6;
        for (unsigned b = 0; b < 16; b++) {
            s.src[b] = (uint8_t)(b == 0 ? (tu_below(&rng, 2) ? 10 : 11) : (tu_below(&rng, 3) ? 0 : tu_next(&rng)));
            s.dst[b] = (uint8_t)(b == 0 ? (tu_below(&rng, 2) ? 10 : 11) : (tu_below(&rng, 3) ? 0 : tu_next(&rng)));
        }
        if (s.family == BITACTOR_AF_INET) {
            memset(s.src + 4, 0, 12);
            memset(s.dst + 4, 0, 12);
        }
        s.proto = tu_below(&rng, 2) ? 6 : 17;
        s.dst_port = (uint16_t)tu_below(&rng, 5);
        uint8_t payload[PAYLOAD];
        s.payload_len = (uint16_t)tu_below(&rng, PAYLOAD);
        for (unsigned j = 0; j < s.payload_len; j++)
            payload[j] = tu_below(&rng, 8) == 0 ? (uint8_t)tu_next(&rng) : alphabet[tu_below(&rng, 4)];
        REQUIRE_EQ(bitactor_arena_put(&arena, payload, s.payload_len, &s.payload_off), BITACTOR_OK);
        sig[i] = s;
        bitactor_rules_eval(&c.rs, NULL, &s, payload, NULL, &one[i]);
        const uint16_t want = reference(specs, n_rules, &s, payload);
        if (one[i].rule != want) {
            CHECK_EQ(one[i].rule, want);
            break;
        }
        decided += want != BITACTOR_RULE_NONE;
        past_first_word += want != BITACTOR_RULE_NONE && want >= 64;
    }
    CHECK(decided > 1000); /* the random sets really match */
    if (n_rules > 64)
        CHECK(past_first_word > 1000);
    for (uint32_t i = 0; i < N; i += 256)
        bitactor_rules_eval_burst(&c.rs, NULL, &sig[i], N - i < 256 ? N - i : 256, &arena, NULL, &many[i], NULL);
    CHECK(memcmp(one, many, sizeof one) == 0);
    compiled_free(&c);
}

static void random_rules_agree_with_brute_force(void) { random_rules_agree(DR, 0x5eed); }
static void random_small_rule_sets_agree_with_brute_force(void) { random_rules_agree(40, 0x5ee0); }

/* The four-byte prefilter (every pattern at least 4 bytes: strides 1 to 4) against brute force:
 * random pattern sets over a small alphabet (patterns overlap and share prefixes), payloads of
 * every length from 0 to 300 in exact-size heap buffers (so that AddressSanitizer sees a read past
 * the end), patterns planted at the start, the end and anywhere. The SIMD scan where the CPU has
 * it; the portable one in the BITACTOR_RULES_PORTABLE build (Tests/CRuntime/run.sh). */
static void long_patterns_scan_agrees_with_brute_force(void)
{
    enum { NR = 70, NP = 3 };
    static struct bitactor_rule_spec specs[NR];
    static uint8_t ptext[NR][NP][16];
    static struct bitactor_pattern pats[NR][NP];
    struct tu_rng rng = {.s = tu_seed() ^ 0x4b1d};
    static const uint32_t mins[] = {4, 5, 6, 7, 9, 12};
    for (unsigned m = 0; m < sizeof mins / sizeof mins[0]; m++) {
        const uint8_t alphabet[4] = {'a', 'b', (uint8_t)(m & 1 ? 0 : 'c'), 0xff};
        for (uint32_t r = 0; r < NR; r++) {
            struct bitactor_rule_spec *x = &specs[r];
            memset(x, 0, sizeof *x);
            x->name = "p";
            x->priority = (int32_t)r;
            x->action = BITACTOR_ACT_BLOCK;
            random_patterns(&rng, x, 1 + tu_below(&rng, NP), mins[m], 4, alphabet, pats[r], ptext[r][0], sizeof ptext[r][0]);
        }
        struct compiled c;
        REQUIRE_EQ(compile(&c, specs, NR), BITACTOR_OK);
        CHECK_EQ(c.rs.pattern_min, mins[m]);
        for (uint32_t len = 0; len <= 300; len++) {
            for (int rep = 0; rep < 3; rep++) {
                uint8_t *payload = malloc(len + 1); /* + 1: malloc(0) may return NULL */
                REQUIRE(payload != NULL);
                for (uint32_t j = 0; j < len; j++)
                    payload[j] = tu_below(&rng, 3) == 0 ? (uint8_t)tu_next(&rng) : alphabet[tu_below(&rng, 4)];
                const struct bitactor_pattern *p = &pats[tu_below(&rng, NR)][0];
                if (len >= p->len) {
                    const uint32_t at = rep == 0 ? 0 : rep == 1 ? len - p->len : tu_below(&rng, len - p->len + 1);
                    memcpy(payload + at, p->bytes, p->len);
                }
                struct bitactor_rule_mask found, want = {{0}};
                for (uint32_t r = 0; r < NR; r++)
                    for (uint32_t i = 0; i < specs[r].n_patterns; i++)
                        if (contains(payload, len, &pats[r][i]))
                            want.w[r >> 6] |= (uint64_t)1 << (r & 63);
                bitactor_rules_scan(&c.rs, payload, len, &found);
                free(payload);
                if (memcmp(&found, &want, sizeof found) != 0) {
                    CHECK_EQ(found.w[0], want.w[0]);
                    CHECK_EQ(found.w[1], want.w[1]);
                    CHECK_EQ(len, UINT32_MAX); /* names the failing length */
                    compiled_free(&c);
                    return;
                }
            }
        }
        compiled_free(&c);
    }
}

/* bitactor_rules_eval_burst classifies a group of signals before deciding any of them: its
 * verdicts, counters and rate buckets must be those of bitactor_rules_eval one signal at a time,
 * for every burst length around the group size. Few sources and destinations and tight rates,
 * so that buckets run dry inside a burst; patterns and a LOG rule among them. */
static void bursts_decide_as_single_evaluations(void)
{
    static const struct bitactor_pattern pats[2] = {{(const uint8_t *)"attack", 6}, {(const uint8_t *)"exploit", 7}};
    struct bitactor_prefix ten = v4(10, 0, 0, 0, 8);
    struct bitactor_rule_spec specs[5] = {
        {.name = "log", .priority = 1, .action = BITACTOR_ACT_LOG, .src = &ten, .n_src = 1},
        {.name = "pattern", .priority = 2, .action = BITACTOR_ACT_BLOCK, .patterns = pats, .n_patterns = 2},
        {.name = "per-src", .priority = 3, .action = BITACTOR_ACT_RATE_LIMIT, .rate_key = BITACTOR_RATE_BY_SOURCE,
         .rate_limit = 4, .rate_window = 1000000ull},
        {.name = "per-dst", .priority = 4, .action = BITACTOR_ACT_DROP, .rate_key = BITACTOR_RATE_BY_DESTINATION,
         .rate_limit = 6, .rate_window = 2000000ull},
        {.name = "per-key", .priority = 5, .action = BITACTOR_ACT_CHALLENGE, .rate_key = BITACTOR_RATE_BY_SIGNAL_KEY,
         .rate_limit = 2, .rate_window = 1000000ull},
    };
    struct compiled c;
    REQUIRE_EQ(compile(&c, specs, 5), BITACTOR_OK);
    enum { N = 600 };
    static struct bitactor_signal sig[N];
    static uint8_t arena_mem[N * 16];
    struct bitactor_arena arena;
    REQUIRE_EQ(bitactor_arena_init(&arena, arena_mem, sizeof arena_mem), BITACTOR_OK);
    struct tu_rng rng = {.s = tu_seed() ^ 0xb0b};
    for (uint32_t i = 0; i < N; i++) {
        sig[i] = sig4(1, (uint8_t)(tu_below(&rng, 2) ? 10 : 11), 0, 0, (uint8_t)tu_below(&rng, 3));
        sig[i].dst[3] = (uint8_t)tu_below(&rng, 2);
        sig[i].key = tu_below(&rng, 3);
        sig[i].timestamp = (uint64_t)i * 50000u;
        char text[16];
        const uint32_t len = (uint32_t)snprintf(text, sizeof text, "%s", tu_below(&rng, 10) == 0 ? "an attack!" : "plain text");
        uint32_t off = 0;
        REQUIRE_EQ(bitactor_arena_put(&arena, text, len, &off), BITACTOR_OK);
        sig[i].payload_off = off;
        sig[i].payload_len = (uint16_t)len;
    }
    static struct bitactor_bucket_set sets_a[16], sets_b[16];
    static struct bitactor_verdict one[N], many[N];
    static uint32_t ticks[N];
    struct bitactor_rate_table ra;
    REQUIRE_EQ(bitactor_rate_table_init(&ra, sets_a, 16), BITACTOR_OK);
    struct bitactor_rule_counters ca, cb;
    bitactor_rule_counters_reset(&ca);
    for (uint32_t i = 0; i < N; i++)
        bitactor_rules_eval(&c.rs, &ra, &sig[i], bitactor_payload(&sig[i], &arena), &ca, &one[i]);
    static const uint32_t lens[] = {1, 7, 8, 9, 17, 256};
    for (unsigned l = 0; l < sizeof lens / sizeof lens[0]; l++) {
        struct bitactor_rate_table rb;
        REQUIRE_EQ(bitactor_rate_table_init(&rb, sets_b, 16), BITACTOR_OK);
        bitactor_rule_counters_reset(&cb);
        memset(many, 0, sizeof many);
        for (uint32_t i = 0; i < N; i += lens[l]) {
            const uint32_t n = N - i < lens[l] ? N - i : lens[l];
            bitactor_rules_eval_burst(&c.rs, &rb, &sig[i], n, &arena, &cb, &many[i], l % 2 ? ticks + i : NULL);
        }
        CHECK(memcmp(one, many, sizeof one) == 0);
        CHECK(memcmp(&ca, &cb, sizeof ca) == 0);
    }
    unsigned limited = 0, blocked = 0;
    for (uint32_t i = 0; i < N; i++) {
        limited += one[i].action == BITACTOR_ACT_RATE_LIMIT;
        blocked += one[i].action == BITACTOR_ACT_BLOCK;
    }
    CHECK(limited > 10); /* buckets really run dry */
    CHECK(blocked > 10);
    compiled_free(&c);
}

const struct tt_case tt_rules_cases[] = {
    {"rules.lower_priority_decides_first", lower_priority_decides_first},
    {"rules.overlapping_prefixes_match_longest_and_every_cover", overlapping_prefixes_match_longest_and_every_cover},
    {"rules.ipv6_prefixes_and_destinations", ipv6_prefixes_and_destinations},
    {"rules.ports_protocols_and_kinds", ports_protocols_and_kinds},
    {"rules.port_tables_of_every_length", port_tables_of_every_length},
    {"rules.payload_patterns_match_across_boundaries", payload_patterns_match_across_boundaries},
    {"rules.long_patterns_scan_agrees_with_brute_force", long_patterns_scan_agrees_with_brute_force},
    {"rules.log_records_and_goes_on", log_records_and_goes_on},
    {"rules.rate_limits_follow_simulated_time", rate_limits_follow_simulated_time},
    {"rules.rate_buckets_are_exact_across_threads", rate_buckets_are_exact_across_threads},
    {"rules.full_bucket_sets_evict_and_count", full_bucket_sets_evict_and_count},
    {"rules.bursts_decide_as_single_evaluations", bursts_decide_as_single_evaluations},
    {"rules.compiler_refuses_bad_specs", compiler_refuses_bad_specs},
    {"rules.direct_level_agrees_with_walk_and_brute_force", direct_level_agrees_with_walk_and_brute_force},
    {"rules.random_rules_agree_with_brute_force", random_rules_agree_with_brute_force},
    {"rules.random_small_rule_sets_agree_with_brute_force", random_small_rule_sets_agree_with_brute_force},
    {NULL, NULL},
};
