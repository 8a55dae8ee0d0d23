/* test_dispatch.c: the kind-indexed table, its counters, and the drain loops. */
#include "tt.h"
#include "test_util.h"

#include <string.h>

struct seen {
    uint64_t count;
    uint64_t keys[512];
    uint16_t kinds[512];
};

static void record(void *ctx, const struct bitactor_signal *s)
{
    struct seen *v = ctx;
    if (v->count < 512) {
        v->keys[v->count] = s->key;
        v->kinds[v->count] = s->kind;
    }
    v->count++;
}

static void other(void *ctx, const struct bitactor_signal *s)
{
    (void)s;
    (*(uint64_t *)ctx)++;
}

static void register_accepts_only_real_kinds_and_handlers(void)
{
    struct bitactor_dispatch d;
    bitactor_dispatch_init(&d);
    struct seen v = {0};
    CHECK_EQ(bitactor_dispatch_register(&d, 0, record, &v), BITACTOR_E_KIND);
    CHECK_EQ(bitactor_dispatch_register(&d, 256, record, &v), BITACTOR_E_KIND);
    CHECK_EQ(bitactor_dispatch_register(&d, 1, NULL, &v), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_dispatch_register(&d, 1, record, &v), BITACTOR_OK);
    CHECK_EQ(bitactor_dispatch_register(&d, 255, record, &v), BITACTOR_OK);
    CHECK_EQ(bitactor_dispatch_unregister(&d, 0), BITACTOR_E_KIND);
    CHECK_EQ(bitactor_dispatch_unregister(&d, 255), BITACTOR_OK);
    for (unsigned k = 0; k < BITACTOR_KIND_COUNT; k++)
        CHECK(k == 1 ? d.entry[k].fn == record : d.entry[k].fn == NULL);
}

static void each_kind_reaches_its_handler_and_unknown_kinds_are_counted(void)
{
    struct bitactor_dispatch d;
    bitactor_dispatch_init(&d);
    struct seen v = {0};
    uint64_t others = 0;
    bitactor_dispatch_register(&d, 7, record, &v);
    bitactor_dispatch_register(&d, 200, other, &others);
    struct bitactor_signal s;
    const uint16_t kinds[] = {7, 200, 0, 7, 8, 256, 65535, 200, 255, 7};
    int known = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        bitactor_signal_init(&s, kinds[i]);
        s.key = i;
        const int k = kinds[i] == 7 || kinds[i] == 200;
        known += k;
        CHECK_EQ(bitactor_dispatch_one(&d, &s), k ? BITACTOR_OK : BITACTOR_E_KIND);
    }
    CHECK_EQ(v.count, 3);
    CHECK(v.keys[0] == 0 && v.keys[1] == 3 && v.keys[2] == 9);
    CHECK_EQ(others, 2);
    CHECK_EQ(d.dispatched, (uint64_t)known);
    CHECK_EQ(d.unknown, 10u - (uint64_t)known);
    bitactor_dispatch_unregister(&d, 7);
    CHECK_EQ(bitactor_dispatch_one(&d, &(struct bitactor_signal){.kind = 7}), BITACTOR_E_KIND);
    CHECK_EQ(d.unknown, 11u - (uint64_t)known);
}

/* Random bursts through dispatch_burst and dispatch_burst_hot give identical results. */
static void burst_and_hot_burst_agree_with_one_by_one(void)
{
    struct tu_rng rng = {tu_seed() ^ 3};
    struct bitactor_dispatch d1, d2, d3;
    struct seen v1 = {0}, v2 = {0}, v3 = {0};
    bitactor_dispatch_init(&d1);
    bitactor_dispatch_init(&d2);
    bitactor_dispatch_init(&d3);
    for (uint16_t k = 1; k <= 255; k += 2) { /* odd kinds known, even kinds unknown */
        bitactor_dispatch_register(&d1, k, record, &v1);
        bitactor_dispatch_register(&d2, k, record, &v2);
        bitactor_dispatch_register(&d3, k, record, &v3);
    }
    struct bitactor_signal s[400];
    uint64_t expect_known = 0;
    for (int i = 0; i < 400; i++) {
        bitactor_signal_init(&s[i], (uint16_t)tu_below(&rng, i % 5 == 0 ? 65536 : 300));
        s[i].key = (uint64_t)i;
        expect_known += s[i].kind <= 255 && (s[i].kind & 1);
    }
    for (int i = 0; i < 400; i++)
        bitactor_dispatch_one(&d1, &s[i]);
    uint32_t a = 0, b = 0;
    for (int i = 0; i < 400; i += 40) {
        a += bitactor_dispatch_burst(&d2, s + i, 40);
        b += bitactor_dispatch_burst_hot(&d3, s + i, 40, 3, record, &v3);
    }
    CHECK_EQ(a, expect_known);
    CHECK_EQ(b, expect_known);
    CHECK_EQ(d1.dispatched, expect_known);
    CHECK_EQ(d2.dispatched, expect_known);
    CHECK_EQ(d3.dispatched, expect_known);
    CHECK_EQ(d1.unknown, 400 - expect_known);
    CHECK_EQ(d2.unknown, 400 - expect_known);
    CHECK_EQ(d3.unknown, 400 - expect_known);
    CHECK(v1.count == v2.count && v2.count == v3.count);
    CHECK(memcmp(v1.keys, v2.keys, sizeof v1.keys) == 0);
    CHECK(memcmp(v1.keys, v3.keys, sizeof v1.keys) == 0);
    CHECK(memcmp(v1.kinds, v3.kinds, sizeof v1.kinds) == 0);
}

/* The hot path still counts a hot kind that is not in the table, and an unknown one. */
static void hot_burst_calls_the_hot_handler_directly(void)
{
    struct bitactor_dispatch d;
    bitactor_dispatch_init(&d);
    struct seen hot = {0};
    struct bitactor_signal s[3];
    bitactor_signal_init(&s[0], 9);
    bitactor_signal_init(&s[1], 9);
    bitactor_signal_init(&s[2], 10);
    CHECK_EQ(bitactor_dispatch_burst_hot(&d, s, 3, 9, record, &hot), 2);
    CHECK_EQ(hot.count, 2);
    CHECK_EQ(d.dispatched, 2);
    CHECK_EQ(d.unknown, 1);
}

/* Runs of the hot kind at the start, middle and end of a burst keep the signals' order. */
static void hot_runs_keep_order_with_table_kinds_between(void)
{
    struct bitactor_dispatch d;
    bitactor_dispatch_init(&d);
    struct seen v = {0};
    bitactor_dispatch_register(&d, 2, record, &v);
    const uint16_t kinds[] = {9, 9, 9, 2, 9, 0, 9, 2, 2, 9, 9};
    struct bitactor_signal s[11];
    for (int i = 0; i < 11; i++) {
        bitactor_signal_init(&s[i], kinds[i]);
        s[i].key = (uint64_t)i;
    }
    for (uint32_t n = 0; n <= 11; n++) {
        v.count = 0;
        d.dispatched = d.unknown = 0;
        const uint32_t want_unknown = n > 5;
        CHECK_EQ(bitactor_dispatch_burst_hot(&d, s, n, 9, record, &v), n - want_unknown);
        CHECK_EQ(v.count, n - want_unknown);
        for (uint64_t i = 0, k = 0; i < n; i++)
            if (i != 5)
                CHECK_EQ(v.keys[k++], i);
        CHECK_EQ(d.unknown, want_unknown);
    }
}

static void drain_dispatches_in_order_across_the_wrap(void)
{
    for (int mpsc = 0; mpsc < 2; mpsc++) {
        static struct bitactor_signal slots[16];
        static _Atomic uint32_t ready[16];
        struct bitactor_ring r;
        REQUIRE_EQ(mpsc ? bitactor_ring_init_mpsc(&r, slots, ready, 16)
                        : bitactor_ring_init_spsc(&r, slots, 16),
                   BITACTOR_OK);
        struct bitactor_dispatch d;
        bitactor_dispatch_init(&d);
        struct seen v = {0};
        bitactor_dispatch_register(&d, 1, record, &v);
        struct bitactor_signal s;
        uint64_t in = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 11; i++) {
                bitactor_signal_init(&s, (uint16_t)(i == 5 ? 2 : 1)); /* kind 2: unknown */
                s.key = in++;
                CHECK_EQ(mpsc ? bitactor_ring_enqueue_mpsc(&r, &s)
                              : bitactor_ring_enqueue_spsc(&r, &s),
                         BITACTOR_OK);
            }
            CHECK_EQ(mpsc ? bitactor_drain_mpsc(&r, &d, 64) : bitactor_drain_spsc(&r, &d, 64), 11);
        }
        CHECK_EQ(v.count, 200);
        CHECK_EQ(d.unknown, 20);
        for (uint64_t i = 0, want = 0; i < 200; i++, want++) {
            if (want % 11 == 5)
                want++;
            CHECK_EQ(v.keys[i], want);
        }
        CHECK_EQ(mpsc ? bitactor_drain_mpsc(&r, &d, 64) : bitactor_drain_spsc(&r, &d, 64), 0);
    }
}

const struct tt_case tt_dispatch_cases[] = {
    {"dispatch.register_accepts_only_real_kinds_and_handlers",
     register_accepts_only_real_kinds_and_handlers},
    {"dispatch.each_kind_reaches_its_handler_and_unknown_kinds_are_counted",
     each_kind_reaches_its_handler_and_unknown_kinds_are_counted},
    {"dispatch.burst_and_hot_burst_agree_with_one_by_one",
     burst_and_hot_burst_agree_with_one_by_one},
    {"dispatch.hot_burst_calls_the_hot_handler_directly", hot_burst_calls_the_hot_handler_directly},
    {"dispatch.hot_runs_keep_order_with_table_kinds_between",
     hot_runs_keep_order_with_table_kinds_between},
    {"dispatch.drain_dispatches_in_order_across_the_wrap",
     drain_dispatches_in_order_across_the_wrap},
    {NULL, NULL},
};
