/* test_ring.c: the SPSC and MPSC rings, single-threaded and across two threads. */
#define _POSIX_C_SOURCE 200809L
#include "tt.h"
#include "test_util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A signal whose every field derives from n, so a torn or misplaced copy shows. */
static void make(struct bitactor_signal *s, uint64_t n)
{
    bitactor_signal_init(s, (uint16_t)(1 + n % 255));
    s->family = BITACTOR_AF_INET6;
    s->timestamp = n * 3 + 1;
    s->key = n;
    for (int i = 0; i < 16; i++) {
        s->src[i] = (uint8_t)(n >> (i % 8 * 8));
        s->dst[i] = (uint8_t)~s->src[i];
    }
}

static int is(const struct bitactor_signal *s, uint64_t n)
{
    struct bitactor_signal want;
    make(&want, n);
    return tu_signal_eq(s, &want);
}

/* Both contracts behind one interface, so each single-threaded case runs on both. */
struct ring_kit {
    const char *name;
    int mpsc;
    int (*enq)(struct bitactor_ring *, const struct bitactor_signal *);
    uint32_t (*enq_burst)(struct bitactor_ring *, const struct bitactor_signal *, uint32_t);
    int (*deq)(struct bitactor_ring *, struct bitactor_signal *);
    uint32_t (*deq_burst)(struct bitactor_ring *, struct bitactor_signal *, uint32_t);
    uint32_t (*peek)(struct bitactor_ring *, const struct bitactor_signal **, uint32_t);
    void (*release)(struct bitactor_ring *, uint32_t);
};

static const struct ring_kit kits[2] = {
    {"spsc", 0, bitactor_ring_enqueue_spsc, bitactor_ring_enqueue_burst_spsc,
     bitactor_ring_dequeue_spsc, bitactor_ring_dequeue_burst_spsc, bitactor_ring_peek_spsc,
     bitactor_ring_release_spsc},
    {"mpsc", 1, bitactor_ring_enqueue_mpsc, bitactor_ring_enqueue_burst_mpsc,
     bitactor_ring_dequeue_mpsc, bitactor_ring_dequeue_burst_mpsc, bitactor_ring_peek_mpsc,
     bitactor_ring_release_mpsc},
};

struct ring_box {
    struct bitactor_ring r;
    struct bitactor_signal *slots;
    _Atomic uint32_t *ready;
};

static int box_init(struct ring_box *b, const struct ring_kit *k, uint32_t cap)
{
    b->slots = tu_alloc((size_t)cap * sizeof *b->slots);
    b->ready = k->mpsc ? tu_alloc((size_t)cap * sizeof *b->ready) : NULL;
    return k->mpsc ? bitactor_ring_init_mpsc(&b->r, b->slots, b->ready, cap)
                   : bitactor_ring_init_spsc(&b->r, b->slots, cap);
}

static void box_free(struct ring_box *b)
{
    free(b->slots);
    free((void *)b->ready);
}

static void init_rejects_bad_capacity_and_storage(void)
{
    struct bitactor_ring r;
    static struct bitactor_signal slots[4];
    static _Atomic uint32_t ready[4];
    const uint32_t bad[] = {0, 3, 6, 1000, 0x80000000u, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_EQ(bitactor_ring_init_spsc(&r, slots, bad[i]), BITACTOR_E_INVAL);
        CHECK_EQ(bitactor_ring_init_mpsc(&r, slots, ready, bad[i]), BITACTOR_E_INVAL);
    }
    CHECK_EQ(bitactor_ring_init_spsc(&r, NULL, 4), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_ring_init_spsc(NULL, slots, 4), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_ring_init_mpsc(&r, slots, NULL, 4), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_ring_init_spsc(&r, slots, 1), BITACTOR_OK);
    CHECK_EQ(bitactor_ring_init_mpsc(&r, slots, ready, 4), BITACTOR_OK);
    struct bitactor_ring_stats st;
    bitactor_ring_stats(&r, &st);
    CHECK_EQ(st.capacity, 4);
    CHECK_EQ(st.enqueued | st.dequeued | st.full | st.count, 0);
}

static void single_operations_are_fifo(void)
{
    for (int k = 0; k < 2; k++) {
        for (uint32_t cap = 1; cap <= 8; cap *= 2) {
            struct ring_box b;
            REQUIRE_EQ(box_init(&b, &kits[k], cap), BITACTOR_OK);
            struct bitactor_signal s, out;
            CHECK_EQ(kits[k].deq(&b.r, &out), BITACTOR_E_EMPTY);
            uint64_t next_in = 0, next_out = 0;
            for (int round = 0; round < 50; round++) {
                for (uint32_t i = 0; i < cap; i++) {
                    make(&s, next_in++);
                    CHECK_EQ(kits[k].enq(&b.r, &s), BITACTOR_OK);
                }
                make(&s, 999999);
                CHECK_EQ(kits[k].enq(&b.r, &s), BITACTOR_E_FULL);
                for (uint32_t i = 0; i < cap; i++) {
                    CHECK_EQ(kits[k].deq(&b.r, &out), BITACTOR_OK);
                    CHECK(is(&out, next_out++));
                }
                CHECK_EQ(kits[k].deq(&b.r, &out), BITACTOR_E_EMPTY);
            }
            struct bitactor_ring_stats st;
            bitactor_ring_stats(&b.r, &st);
            CHECK_EQ(st.enqueued, 50u * cap);
            CHECK_EQ(st.dequeued, 50u * cap);
            CHECK_EQ(st.full, 50);
            CHECK_EQ(st.count, 0);
            box_free(&b);
        }
    }
}

static void burst_takes_what_fits_and_counts_the_rest(void)
{
    for (int k = 0; k < 2; k++) {
        struct ring_box b;
        REQUIRE_EQ(box_init(&b, &kits[k], 8), BITACTOR_OK);
        struct bitactor_signal in[20], out[20];
        for (int i = 0; i < 20; i++)
            make(&in[i], (uint64_t)i);
        CHECK_EQ(kits[k].enq_burst(&b.r, in, 5), 5);
        CHECK_EQ(kits[k].enq_burst(&b.r, in + 5, 10), 3);   /* 7 rejected */
        CHECK_EQ(kits[k].enq_burst(&b.r, in + 8, 4), 0);    /* 4 rejected */
        CHECK_EQ(kits[k].enq_burst(&b.r, in + 8, 0), 0);    /* nothing asked, nothing counted */
        CHECK_EQ(kits[k].deq_burst(&b.r, out, 3), 3);
        CHECK_EQ(kits[k].enq_burst(&b.r, in + 8, 12), 3);   /* 9 rejected; wraps */
        CHECK_EQ(kits[k].deq_burst(&b.r, out + 3, 20), 8);  /* crosses the wrap */
        for (int i = 0; i < 11; i++)
            CHECK(is(&out[i], (uint64_t)i));
        struct bitactor_ring_stats st;
        bitactor_ring_stats(&b.r, &st);
        CHECK_EQ(st.full, 7 + 4 + 9);
        CHECK_EQ(st.enqueued, 11);
        CHECK_EQ(st.dequeued, 11);
        box_free(&b);
    }
}

static void random_operations_keep_order_across_wraps(void)
{
    for (int k = 0; k < 2; k++) {
        const struct ring_kit *kit = &kits[k];
        struct ring_box b;
        REQUIRE_EQ(box_init(&b, kit, 16), BITACTOR_OK);
        struct tu_rng rng = {tu_seed() ^ (uint64_t)(10 + k)};
        uint64_t next_in = 0, next_out = 0, rejected = 0;
        struct bitactor_signal in[40], out[40];
        for (int op = 0; op < 100000; op++) {
            const uint32_t n = tu_below(&rng, 40);
            const uint64_t count = next_in - next_out;
            switch (tu_below(&rng, 5)) {
            case 0: { /* burst in */
                for (uint32_t i = 0; i < n; i++)
                    make(&in[i], next_in + i);
                const uint32_t fit = (uint32_t)(16 - count) < n ? (uint32_t)(16 - count) : n;
                CHECK_EQ(kit->enq_burst(&b.r, in, n), fit);
                next_in += fit;
                rejected += n - fit;
                break;
            }
            case 1: /* single in */
                make(&in[0], next_in);
                CHECK_EQ(kit->enq(&b.r, &in[0]), count < 16 ? BITACTOR_OK : BITACTOR_E_FULL);
                if (count < 16)
                    next_in++;
                else
                    rejected++;
                break;
            case 2: { /* burst out */
                const uint32_t want = count < n ? (uint32_t)count : n;
                CHECK_EQ(kit->deq_burst(&b.r, out, n), want);
                for (uint32_t i = 0; i < want; i++)
                    CHECK(is(&out[i], next_out + i));
                next_out += want;
                break;
            }
            case 3: /* single out */
                CHECK_EQ(kit->deq(&b.r, &out[0]), count ? BITACTOR_OK : BITACTOR_E_EMPTY);
                if (count)
                    CHECK(is(&out[0], next_out++));
                break;
            default: { /* peek, peek again, release part */
                const struct bitactor_signal *p, *q;
                const uint32_t got = kit->peek(&b.r, &p, n);
                const uint32_t to_wrap = 16 - (uint32_t)(next_out % 16);
                uint32_t want = count < n ? (uint32_t)count : n;
                want = want < to_wrap ? want : to_wrap;
                CHECK_EQ(got, want);
                CHECK_EQ(kit->peek(&b.r, &q, n), got);
                CHECK(p == q);
                const uint32_t rel = got ? tu_below(&rng, got + 1) : 0;
                for (uint32_t i = 0; i < got; i++)
                    CHECK(is(&p[i], next_out + i));
                kit->release(&b.r, rel);
                next_out += rel;
                break;
            }
            }
            if (tt_case_failed())
                break;
        }
        struct bitactor_ring_stats st;
        bitactor_ring_stats(&b.r, &st);
        CHECK_EQ(st.enqueued, next_in);
        CHECK_EQ(st.dequeued, next_out);
        CHECK_EQ(st.full, rejected);
        CHECK(rejected > 1000 && next_out > 100000); /* the mix did fill and drain the ring */
        box_free(&b);
    }
}

static void mpsc_consumer_stops_at_a_slot_still_being_written(void)
{
    struct ring_box b;
    REQUIRE_EQ(box_init(&b, &kits[1], 8), BITACTOR_OK);
    /* A producer that has claimed position 0 and not written it yet (as C0 would). */
    atomic_fetch_add_explicit(&b.r.prod_head, 1, memory_order_relaxed);
    struct bitactor_signal s;
    make(&s, 1);
    CHECK_EQ(bitactor_ring_enqueue_mpsc(&b.r, &s), BITACTOR_OK); /* claims and marks 1 */
    const struct bitactor_signal *p;
    CHECK_EQ(bitactor_ring_peek_mpsc(&b.r, &p, 8), 0);
    struct bitactor_signal out;
    CHECK_EQ(bitactor_ring_dequeue_mpsc(&b.r, &out), BITACTOR_E_EMPTY);
    /* The slow producer finishes: write, then mark (R2). */
    make(&b.slots[0], 0);
    atomic_store_explicit(&b.ready[0], 1, memory_order_release);
    CHECK_EQ(bitactor_ring_peek_mpsc(&b.r, &p, 8), 2);
    CHECK(is(&p[0], 0) && is(&p[1], 1));
    bitactor_ring_release_mpsc(&b.r, 2);
    /* Marks from an earlier lap do not count as ready for this one. */
    for (uint64_t i = 2; i < 10; i++) {
        make(&s, i);
        CHECK_EQ(bitactor_ring_enqueue_mpsc(&b.r, &s), BITACTOR_OK);
    }
    struct bitactor_signal drained[8];
    CHECK_EQ(bitactor_ring_dequeue_burst_mpsc(&b.r, drained, 8), 8);
    CHECK(is(&drained[0], 2) && is(&drained[7], 9));
    atomic_fetch_add_explicit(&b.r.prod_head, 1, memory_order_relaxed); /* claims 10, slot 2 */
    CHECK_EQ(bitactor_ring_peek_mpsc(&b.r, &p, 8), 0); /* slot 2 still holds lap 0's mark */
    box_free(&b);
}

/* ---- two threads: one producer, one consumer -------------------------------------- */

enum { SPSC_SIGNALS = 200000 };

struct duo {
    struct ring_box b;
    int mpsc;
    uint8_t *accepted; /* written by the producer */
    uint8_t *received; /* written by the consumer */
    uint64_t producer_rejected, consumer_got, consumer_errors;
    _Atomic int done;  /* producer -> consumer: release/acquire */
};

static void *duo_producer(void *arg)
{
    struct duo *d = arg;
    struct tu_rng rng = {tu_seed() ^ 77};
    struct bitactor_signal batch[48];
    uint64_t n = 0;
    while (n < SPSC_SIGNALS) {
        uint32_t k = 1 + tu_below(&rng, 48);
        if (k > SPSC_SIGNALS - n)
            k = (uint32_t)(SPSC_SIGNALS - n);
        for (uint32_t i = 0; i < k; i++)
            make(&batch[i], n + i);
        const uint32_t got = d->mpsc ? bitactor_ring_enqueue_burst_mpsc(&d->b.r, batch, k)
                                     : bitactor_ring_enqueue_burst_spsc(&d->b.r, batch, k);
        for (uint32_t i = 0; i < got; i++)
            d->accepted[n + i] = 1;
        d->producer_rejected += k - got;
        n += k;
    }
    /* Release: the accepted[] writes and every enqueue happen before the consumer's final
     * drain (pairs with the acquire below). */
    atomic_store_explicit(&d->done, 1, memory_order_release);
    return NULL;
}

static void *duo_consumer(void *arg)
{
    struct duo *d = arg;
    struct tu_rng rng = {tu_seed() ^ 78};
    struct bitactor_signal out[64];
    uint64_t last = 0;
    int seen_any = 0;
    for (;;) {
        /* Acquire: pairs with the producer's release of done. */
        const int finished = atomic_load_explicit(&d->done, memory_order_acquire);
        const struct bitactor_signal *p = out;
        uint32_t got;
        if (tu_below(&rng, 2) == 0) {
            got = d->mpsc ? bitactor_ring_peek_mpsc(&d->b.r, &p, 64)
                          : bitactor_ring_peek_spsc(&d->b.r, &p, 64);
        } else {
            got = d->mpsc ? bitactor_ring_dequeue_burst_mpsc(&d->b.r, out, 64)
                          : bitactor_ring_dequeue_burst_spsc(&d->b.r, out, 64);
        }
        for (uint32_t i = 0; i < got; i++) {
            const uint64_t key = p[i].key;
            if (key >= SPSC_SIGNALS || !is(&p[i], key) || (seen_any && key <= last)) {
                d->consumer_errors++;
                continue;
            }
            d->received[key] = 1;
            last = key;
            seen_any = 1;
        }
        if (p != out) {
            if (d->mpsc)
                bitactor_ring_release_mpsc(&d->b.r, got);
            else
                bitactor_ring_release_spsc(&d->b.r, got);
        }
        d->consumer_got += got;
        if (got == 0 && finished)
            break;
    }
    return NULL;
}

static void run_duo(int mpsc, uint32_t cap)
{
    struct duo d = {0};
    d.mpsc = mpsc;
    REQUIRE_EQ(box_init(&d.b, &kits[mpsc], cap), BITACTOR_OK);
    d.accepted = tu_alloc(SPSC_SIGNALS);
    d.received = tu_alloc(SPSC_SIGNALS);
    atomic_init(&d.done, 0);
    pthread_t p, c;
    REQUIRE(pthread_create(&c, NULL, duo_consumer, &d) == 0);
    REQUIRE(pthread_create(&p, NULL, duo_producer, &d) == 0);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    uint64_t accepted = 0;
    for (uint64_t i = 0; i < SPSC_SIGNALS; i++) {
        accepted += d.accepted[i];
        if (d.accepted[i] != d.received[i]) {
            CHECK_EQ(d.accepted[i], d.received[i]);
            break;
        }
    }
    struct bitactor_ring_stats st;
    bitactor_ring_stats(&d.b.r, &st);
    CHECK_EQ(d.consumer_errors, 0);
    CHECK_EQ(accepted + d.producer_rejected, SPSC_SIGNALS);
    CHECK_EQ(st.enqueued, accepted);
    CHECK_EQ(st.dequeued, accepted);
    CHECK_EQ(d.consumer_got, accepted);
    CHECK_EQ(st.full, d.producer_rejected);
    CHECK_EQ(st.count, 0);
    free(d.accepted);
    free(d.received);
    box_free(&d.b);
}

static void spsc_two_threads_deliver_every_accepted_signal_in_order(void) { run_duo(0, 64); }
static void mpsc_one_producer_thread_delivers_in_order(void) { run_duo(1, 64); }

const struct tt_case tt_ring_cases[] = {
    {"ring.init_rejects_bad_capacity_and_storage", init_rejects_bad_capacity_and_storage},
    {"ring.single_operations_are_fifo", single_operations_are_fifo},
    {"ring.burst_takes_what_fits_and_counts_the_rest", burst_takes_what_fits_and_counts_the_rest},
    {"ring.random_operations_keep_order_across_wraps", random_operations_keep_order_across_wraps},
    {"ring.mpsc_consumer_stops_at_a_slot_still_being_written",
     mpsc_consumer_stops_at_a_slot_still_being_written},
    {"ring.spsc_two_threads_deliver_every_accepted_signal_in_order",
     spsc_two_threads_deliver_every_accepted_signal_in_order},
    {"ring.mpsc_one_producer_thread_delivers_in_order", mpsc_one_producer_thread_delivers_in_order},
    {NULL, NULL},
};
