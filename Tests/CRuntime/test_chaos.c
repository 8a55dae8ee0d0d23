/* test_chaos.c: the users' acceptance list. Every case asserts exact counts, computed by the
 * test from what it injected, never read back from the code under test alone. */
#define _POSIX_C_SOURCE 200809L
#include "tt.h"
#include "test_util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- 1. 10,000 random signals through validate, wire, ring, dispatch, telemetry --------- */

enum { RANDOM_SIGNALS = 10000, KNOWN_KINDS = 200 };

enum category {
    CAT_VALID, CAT_KIND, CAT_FLAGS, CAT_FAMILY, CAT_ADDR, CAT_PORT, CAT_LENGTH, CAT_BOUNDS,
    CAT_COUNT
};
static const int cat_status[CAT_COUNT] = {
    BITACTOR_OK, BITACTOR_E_KIND, BITACTOR_E_FLAGS, BITACTOR_E_FAMILY,
    BITACTOR_E_ADDR, BITACTOR_E_PORT, BITACTOR_E_LENGTH, BITACTOR_E_BOUNDS,
};

struct sink {
    const struct bitactor_arena *arena; /* where payloads live */
    const uint64_t *fnv;                /* expected payload hash, by key */
    uint8_t *seen;                      /* by key */
    uint64_t calls, errors, last;
    struct bitactor_telemetry *tel;
    uint64_t traced;
};

static void sink_handler(void *ctx, const struct bitactor_signal *s)
{
    struct sink *k = ctx;
    const uint8_t *p = bitactor_payload(s, k->arena);
    if (s->key >= RANDOM_SIGNALS || (k->calls && s->key <= k->last) || p == NULL ||
        tu_fnv(p, s->payload_len) != k->fnv[s->key] || s->kind > KNOWN_KINDS)
        k->errors++;
    else
        k->seen[s->key]++;
    k->last = s->key;
    k->calls++;
    if (s->flags & BITACTOR_F_TRACE) {
        const struct bitactor_trace e = {.timestamp = s->timestamp, .key = s->key,
                                         .kind = s->kind, .event = BITACTOR_EV_DISPATCHED};
        if (bitactor_telemetry_append(k->tel, &e, NULL) == BITACTOR_OK)
            k->traced++;
    }
}

static void break_signal(struct tu_rng *rng, struct bitactor_signal *s, enum category c,
                         const struct bitactor_arena *a)
{
    switch (c) {
    case CAT_KIND: s->kind = tu_below(rng, 2) ? 0 : (uint16_t)(256 + tu_below(rng, 65280)); break;
    case CAT_FLAGS:
        s->flags = tu_below(rng, 4) == 0 ? (uint16_t)(BITACTOR_F_INGRESS | BITACTOR_F_EGRESS)
                                         : (uint16_t)(s->flags | 1u << (4 + tu_below(rng, 12)));
        break;
    case CAT_FAMILY: {
        uint8_t f;
        do
            f = (uint8_t)tu_next(rng);
        while (f == 4 || f == 6);
        s->family = f;
        break;
    }
    case CAT_ADDR:
        s->family = BITACTOR_AF_INET;
        (tu_below(rng, 2) ? s->src : s->dst)[4 + tu_below(rng, 12)] =
            (uint8_t)(1 + tu_below(rng, 255));
        break;
    case CAT_PORT:
        s->proto = tu_below(rng, 2) ? BITACTOR_PROTO_ICMP : BITACTOR_PROTO_ICMPV6;
        s->dst_port = (uint16_t)(1 + tu_below(rng, 65535));
        break;
    case CAT_LENGTH:
        s->payload_len =
            (uint16_t)(BITACTOR_PAYLOAD_MAX + 1 + tu_below(rng, 65535 - BITACTOR_PAYLOAD_MAX));
        break;
    case CAT_BOUNDS:
        s->payload_off = a->used - s->payload_len + 1 + tu_below(rng, 1u << 20);
        break;
    default: break;
    }
}

static void random_10000_signals_injected(void)
{
    /* Large enough that arena b never fills before the end: the no-drain window below then
     * always overflows the ring. */
    const size_t arena_bytes = 16u << 20;
    uint8_t *mem_a = tu_alloc(arena_bytes), *mem_b = tu_alloc(arena_bytes);
    struct bitactor_arena a, b;
    bitactor_arena_init(&a, mem_a, (uint32_t)arena_bytes);
    bitactor_arena_init(&b, mem_b, (uint32_t)arena_bytes);
    struct bitactor_signal *slots = tu_alloc(BITACTOR_RING_DEFAULT_CAPACITY * sizeof *slots);
    struct bitactor_ring r;
    REQUIRE_EQ(bitactor_ring_init_spsc(&r, slots, BITACTOR_RING_DEFAULT_CAPACITY), BITACTOR_OK);
    struct bitactor_trace *trace_ring = tu_alloc(16384 * sizeof *trace_ring);
    struct bitactor_trace *trace_out = tu_alloc(16384 * sizeof *trace_out);
    /* The terminator beyond the key's bytes (see test_telemetry.c's KEY). */
    static const char key_text[] = "chaos-chaos-chaos-chaos-chaos-ch";
    _Static_assert(sizeof key_text == BITACTOR_TELEMETRY_KEY_BYTES + 1, "the key is 32 bytes");
    const uint8_t *key = (const uint8_t *)key_text;
    struct bitactor_telemetry tel;
    REQUIRE_EQ(bitactor_telemetry_init(&tel, trace_ring, 16384, key, 10000), BITACTOR_OK);
    uint64_t *fnv = tu_alloc(RANDOM_SIGNALS * sizeof *fnv);
    uint8_t *seen = tu_alloc(RANDOM_SIGNALS), *ring_accepted = tu_alloc(RANDOM_SIGNALS);
    struct sink sink = {.arena = &b, .fnv = fnv, .seen = seen, .tel = &tel};
    struct bitactor_dispatch d;
    bitactor_dispatch_init(&d);
    for (uint16_t k = 1; k <= KNOWN_KINDS; k++)
        bitactor_dispatch_register(&d, k, sink_handler, &sink);

    struct bitactor_counters cv, cd;
    bitactor_counters_reset(&cv);
    bitactor_counters_reset(&cd);
    uint64_t want_cat[CAT_COUNT] = {0}, ring_in = 0, ring_out = 0, ring_full = 0;
    uint64_t want_known = 0, want_unknown = 0, want_traced = 0;
    struct tu_rng rng = {tu_seed() ^ 100};
    struct bitactor_signal pending[64];
    uint64_t pending_keys[64];
    uint32_t npending = 0;
    uint8_t wire[BITACTOR_WIRE_HEADER + BITACTOR_PAYLOAD_MAX];

    for (uint64_t i = 0; i <= RANDOM_SIGNALS; i++) {
        const int last = i == RANDOM_SIGNALS;
        /* When arena b runs low, everything in flight must leave before it is reset. */
        const int must_drain = last || b.capacity - b.used < BITACTOR_PAYLOAD_MAX;
        /* Flush pending signals into the ring at random moments, as a burst or one by one. */
        if (npending == 64 || (npending && (must_drain || tu_below(&rng, 8) == 0))) {
            const uint64_t room = BITACTOR_RING_DEFAULT_CAPACITY - (ring_in - ring_out);
            uint32_t took;
            if (tu_below(&rng, 2)) {
                took = bitactor_ring_enqueue_burst_spsc(&r, pending, npending);
            } else {
                took = 0;
                for (uint32_t j = 0; j < npending; j++)
                    if (bitactor_ring_enqueue_spsc(&r, &pending[j]) == BITACTOR_OK)
                        took++; /* single enqueues: the accepted are a prefix too */
            }
            const uint32_t fit = room < npending ? (uint32_t)room : npending;
            CHECK_EQ(took, fit);
            for (uint32_t j = 0; j < fit; j++) {
                ring_accepted[pending_keys[j]] = 1;
                want_known += pending[j].kind <= KNOWN_KINDS;
                want_unknown += pending[j].kind > KNOWN_KINDS;
                want_traced +=
                    pending[j].kind <= KNOWN_KINDS && (pending[j].flags & BITACTOR_F_TRACE);
            }
            ring_in += fit;
            ring_full += npending - fit;
            npending = 0;
        }
        /* Drain at random moments, except in a window where the consumer stalls and the ring
         * must fill and reject (about 1,500 valid signals arrive in it). */
        const int stalled = i >= 2000 && i < 5000;
        if (must_drain || (!stalled && tu_below(&rng, 20) == 0)) {
            const uint32_t max =
                must_drain ? BITACTOR_RING_DEFAULT_CAPACITY : 1 + tu_below(&rng, 700);
            const uint64_t occ = ring_in - ring_out;
            CHECK_EQ(bitactor_drain_spsc(&r, &d, max), occ < max ? occ : max);
            ring_out += occ < max ? occ : max;
            if (must_drain) {
                CHECK_EQ(ring_in, ring_out);
                bitactor_arena_reset(&b);
            }
        }
        if (last)
            break;
        if (a.capacity - a.used < BITACTOR_PAYLOAD_MAX)
            bitactor_arena_reset(&a);

        struct bitactor_signal s;
        tu_random_valid(&rng, &s, &a, tu_below(&rng, 4) == 0 ? BITACTOR_PAYLOAD_MAX : 200);
        s.key = i;
        fnv[i] = tu_fnv(bitactor_payload(&s, &a), s.payload_len);
        const enum category c = tu_below(&rng, 2)
                                    ? CAT_VALID
                                    : (enum category)(1 + tu_below(&rng, CAT_COUNT - 1));
        break_signal(&rng, &s, c, &a);
        want_cat[c]++;
        const int st = bitactor_validate(&s, &a, &cv);
        CHECK_EQ(st, cat_status[c]);
        if (st != BITACTOR_OK)
            continue;
        size_t len;
        REQUIRE_EQ(bitactor_wire_encode(&s, &a, wire, sizeof wire, &len), BITACTOR_OK);
        REQUIRE_EQ(bitactor_wire_decode(wire, len, &pending[npending], &b, &cd), BITACTOR_OK);
        pending_keys[npending++] = i;
    }

    CHECK_EQ(cv.accepted, want_cat[CAT_VALID]);
    for (int c = 1; c < CAT_COUNT; c++)
        CHECK_EQ(cv.rejected[cat_status[c]], want_cat[c]);
    CHECK_EQ(cv.accepted + bitactor_counters_rejected(&cv), RANDOM_SIGNALS);
    CHECK_EQ(cd.accepted, want_cat[CAT_VALID]);
    CHECK_EQ(bitactor_counters_rejected(&cd), 0);
    struct bitactor_ring_stats st;
    bitactor_ring_stats(&r, &st);
    CHECK_EQ(st.enqueued, ring_in);
    CHECK_EQ(st.dequeued, ring_in);
    CHECK_EQ(st.full, ring_full);
    CHECK_EQ(ring_in + ring_full, want_cat[CAT_VALID]);
    CHECK_EQ(d.dispatched, want_known);
    CHECK_EQ(d.unknown, want_unknown);
    CHECK_EQ(sink.calls, want_known);
    CHECK_EQ(sink.errors, 0);
    uint64_t seen_total = 0;
    for (uint64_t i = 0; i < RANDOM_SIGNALS; i++) {
        CHECK(seen[i] <= ring_accepted[i]);
        seen_total += seen[i];
    }
    CHECK_EQ(seen_total, want_known);
    CHECK(ring_full > 0 && want_unknown > 0); /* the run did exercise both */
    /* Telemetry: every traced dispatch, chained and verifiable. */
    CHECK_EQ(sink.traced, want_traced);
    const uint32_t n = bitactor_telemetry_export(&tel, trace_out, 16384);
    CHECK_EQ(n, want_traced);
    struct bitactor_chain_head g, h;
    bitactor_telemetry_genesis(key, 10000, &g);
    bitactor_telemetry_head(&tel, &h);
    struct bitactor_verify_report rep;
    CHECK_EQ(bitactor_telemetry_verify(key, &g, trace_out, n, &h, &rep), BITACTOR_OK);
    free(mem_a);
    free(mem_b);
    free(slots);
    free(trace_ring);
    free(trace_out);
    free(fnv);
    free(seen);
    free(ring_accepted);
}

/* ---- 2. 8 threads x 1,000 operations on the MPSC ring -------------------------------- */

enum { PRODUCERS = 8, OPS = 1000, MAX_BURST = 8, PER_THREAD = OPS * MAX_BURST };

static void make(struct bitactor_signal *s, uint64_t key)
{
    bitactor_signal_init(s, (uint16_t)(1 + key % 255));
    s->family = BITACTOR_AF_INET6;
    s->key = key;
    s->timestamp = key * 5 + 3;
    for (int i = 0; i < 16; i++)
        s->src[i] = s->dst[15 - i] = (uint8_t)(key >> (i % 8 * 8));
}

static int intact(const struct bitactor_signal *s)
{
    struct bitactor_signal want;
    make(&want, s->key);
    return tu_signal_eq(s, &want);
}

struct mp {
    struct bitactor_ring r;
    uint8_t accepted[PRODUCERS][PER_THREAD]; /* by each producer */
    uint8_t received[PRODUCERS][PER_THREAD]; /* by the consumer */
    uint64_t attempted[PRODUCERS], rejected[PRODUCERS], ops[PRODUCERS];
    uint64_t consumed, errors;
    _Atomic int finished;                    /* producers done: release/acquire */
    _Atomic int go;                          /* start line: release/acquire */
};

struct mp_arg {
    struct mp *m;
    int id;
};

static void *mp_producer(void *p)
{
    struct mp_arg *arg = p;
    struct mp *m = arg->m;
    const int id = arg->id;
    struct tu_rng rng = {tu_seed() ^ (uint64_t)(1000 + id)};
    while (!atomic_load_explicit(&m->go, memory_order_acquire)) /* pairs with the start */
        ;
    uint64_t seq = 0;
    struct bitactor_signal batch[MAX_BURST];
    for (int op = 0; op < OPS; op++) {
        const uint32_t k = tu_below(&rng, 3) == 0 ? 1 : 1 + tu_below(&rng, MAX_BURST);
        for (uint32_t i = 0; i < k; i++)
            make(&batch[i], (uint64_t)id << 32 | (seq + i));
        uint32_t got;
        if (k == 1 && tu_below(&rng, 2))
            got = bitactor_ring_enqueue_mpsc(&m->r, &batch[0]) == BITACTOR_OK;
        else
            got = bitactor_ring_enqueue_burst_mpsc(&m->r, batch, k);
        for (uint32_t i = 0; i < got; i++)
            m->accepted[id][seq + i] = 1;
        m->rejected[id] += k - got;
        m->attempted[id] += k;
        m->ops[id]++;
        seq += k;
    }
    atomic_fetch_add_explicit(&m->finished, 1, memory_order_release); /* pairs with consumer */
    return NULL;
}

static void mp_consume(struct mp *m, int stop_when_finished)
{
    uint64_t last[PRODUCERS];
    int any[PRODUCERS] = {0};
    struct bitactor_signal out[32];
    struct tu_rng rng = {tu_seed() ^ 999};
    for (;;) {
        /* Acquire: pairs with each producer's release of finished. */
        const int fin = atomic_load_explicit(&m->finished, memory_order_acquire) == PRODUCERS;
        const struct bitactor_signal *p = out;
        uint32_t got;
        if (tu_below(&rng, 2))
            got = bitactor_ring_peek_mpsc(&m->r, &p, 1 + tu_below(&rng, 32));
        else
            got = bitactor_ring_dequeue_burst_mpsc(&m->r, out, 1 + tu_below(&rng, 32));
        for (uint32_t i = 0; i < got; i++) {
            const uint64_t id = p[i].key >> 32, seq = p[i].key & 0xffffffffu;
            if (id >= PRODUCERS || seq >= PER_THREAD || !intact(&p[i]) ||
                (any[id] && seq <= last[id])) {
                m->errors++;
                continue;
            }
            m->received[id][seq]++;
            last[id] = seq;
            any[id] = 1;
        }
        if (p != out)
            bitactor_ring_release_mpsc(&m->r, got);
        m->consumed += got;
        if (got == 0 && (fin || !stop_when_finished))
            break;
    }
}

static void *mp_consumer(void *p)
{
    mp_consume(p, 1);
    return NULL;
}

/* concurrent: the consumer runs with the producers; otherwise it drains after they end. */
static void run_mpsc(uint32_t cap, int concurrent)
{
    struct mp *m = tu_alloc(sizeof *m);
    struct bitactor_signal *slots = tu_alloc((size_t)cap * sizeof *slots);
    _Atomic uint32_t *ready = tu_alloc((size_t)cap * sizeof *ready);
    REQUIRE_EQ(bitactor_ring_init_mpsc(&m->r, slots, ready, cap), BITACTOR_OK);
    atomic_init(&m->finished, 0);
    atomic_init(&m->go, 0);
    pthread_t th[PRODUCERS], c;
    struct mp_arg args[PRODUCERS];
    for (int i = 0; i < PRODUCERS; i++) {
        args[i] = (struct mp_arg){m, i};
        REQUIRE(pthread_create(&th[i], NULL, mp_producer, &args[i]) == 0);
    }
    if (concurrent)
        REQUIRE(pthread_create(&c, NULL, mp_consumer, m) == 0);
    atomic_store_explicit(&m->go, 1, memory_order_release); /* pairs with the producers */
    for (int i = 0; i < PRODUCERS; i++)
        pthread_join(th[i], NULL);
    if (concurrent)
        pthread_join(c, NULL);
    else
        mp_consume(m, 0);

    uint64_t attempted = 0, rejected = 0, accepted = 0, ops = 0, mismatched = 0;
    for (int id = 0; id < PRODUCERS; id++) {
        attempted += m->attempted[id];
        rejected += m->rejected[id];
        ops += m->ops[id];
        for (int s = 0; s < PER_THREAD; s++) {
            accepted += m->accepted[id][s];
            mismatched += m->accepted[id][s] != m->received[id][s];
        }
    }
    struct bitactor_ring_stats st;
    bitactor_ring_stats(&m->r, &st);
    CHECK_EQ(ops, PRODUCERS * OPS);
    CHECK_EQ(accepted + rejected, attempted);
    CHECK_EQ(m->errors, 0);
    CHECK_EQ(mismatched, 0);
    CHECK_EQ(m->consumed, accepted);
    CHECK_EQ(st.enqueued, accepted);
    CHECK_EQ(st.dequeued, accepted);
    CHECK_EQ(st.full, rejected);
    CHECK_EQ(st.count, 0);
    if (!concurrent) { /* nobody consumed while they ran: exactly one ring's worth got in */
        CHECK_EQ(accepted, cap);
        CHECK_EQ(rejected, attempted - cap);
    }
    free(m);
    free(slots);
    free((void *)ready);
}

static void mpsc_8_threads_x_1000_ops_with_a_live_consumer(void) { run_mpsc(1024, 1); }
static void mpsc_8_threads_x_1000_ops_on_a_small_ring(void) { run_mpsc(16, 1); }
static void mpsc_8_threads_x_1000_ops_fill_1024_exactly(void) { run_mpsc(1024, 0); }

/* ---- 3. 8 corruption patterns x 100 corrupted wire signals --------------------------- */

static void corrupted_wire_8_patterns_x_100(void)
{
    enum { PATTERNS = 8, EACH = 100 };
    static const int status[PATTERNS] = {
        BITACTOR_E_TRUNCATED, /* 0: cut inside the header */
        BITACTOR_E_TRUNCATED, /* 1: cut inside the payload */
        BITACTOR_E_LENGTH,    /* 2: bytes after the payload */
        BITACTOR_E_KIND,      /* 3: kind 0 or > 255 */
        BITACTOR_E_FLAGS,     /* 4: an unknown flag bit */
        BITACTOR_E_FAMILY,    /* 5: family not 4 or 6 */
        BITACTOR_E_ADDR,      /* 6: IPv4 with a high byte set */
        BITACTOR_E_LENGTH,    /* 7: payload length above the maximum */
    };
    uint8_t *src_mem = tu_alloc(1u << 22), *dst_mem = tu_alloc(1u << 22);
    struct bitactor_arena src, dst;
    bitactor_arena_init(&src, src_mem, 1u << 22);
    bitactor_arena_init(&dst, dst_mem, 1u << 22);
    struct bitactor_counters c;
    bitactor_counters_reset(&c);
    uint64_t want[BITACTOR_STATUS_COUNT] = {0}, want_ok = 0;
    struct tu_rng rng = {tu_seed() ^ 300};
    static uint8_t wire[BITACTOR_WIRE_HEADER + BITACTOR_PAYLOAD_MAX + 64];
    for (int n = 0; n < PATTERNS * EACH * 9 / 8; n++) {
        /* Every ninth is left valid, to prove the decoder still accepts. */
        const int pattern = n % 9 == 8 ? -1 : n % 9;
        struct bitactor_signal s, out;
        if (src.capacity - src.used < BITACTOR_PAYLOAD_MAX)
            bitactor_arena_reset(&src);
        tu_random_valid(&rng, &s, &src, 2000);
        if (pattern == 1 && s.payload_len == 0) {
            uint32_t off;
            bitactor_arena_put(&src, "!", 1, &off);
            s.payload_off = off;
            s.payload_len = 1;
        }
        if (pattern == 6) {
            s.family = BITACTOR_AF_INET;
            memset(s.src + 4, 0, 12);
            memset(s.dst + 4, 0, 12);
        }
        size_t len;
        REQUIRE_EQ(bitactor_wire_encode(&s, &src, wire, sizeof wire, &len), BITACTOR_OK);
        switch (pattern) {
        case 0: len = tu_below(&rng, BITACTOR_WIRE_HEADER); break;
        case 1: len = BITACTOR_WIRE_HEADER + tu_below(&rng, s.payload_len); break;
        case 2: {
            const uint32_t extra = 1 + tu_below(&rng, 64);
            for (uint32_t i = 0; i < extra; i++)
                wire[len + i] = (uint8_t)tu_next(&rng);
            len += extra;
            break;
        }
        case 3: {
            const uint16_t k = tu_below(&rng, 2) ? 0 : (uint16_t)(256 + tu_below(&rng, 65280));
            wire[0] = (uint8_t)(k >> 8);
            wire[1] = (uint8_t)k;
            break;
        }
        case 4: {
            const unsigned bit = 4 + tu_below(&rng, 12);
            wire[bit < 8 ? 3 : 2] |= (uint8_t)(1u << (bit % 8));
            break;
        }
        case 5: {
            uint8_t f;
            do
                f = (uint8_t)tu_next(&rng);
            while (f == 4 || f == 6);
            wire[4] = f;
            break;
        }
        case 6: /* src[4..15] at 36..47, dst[4..15] at 52..63 */
            wire[32 + 4 + tu_below(&rng, 12) + (tu_below(&rng, 2) ? 16 : 0)] =
                (uint8_t)(1 + tu_below(&rng, 255));
            break;
        case 7: {
            const uint16_t l = (uint16_t)(BITACTOR_PAYLOAD_MAX + 1 +
                                          tu_below(&rng, 65535 - BITACTOR_PAYLOAD_MAX));
            wire[10] = (uint8_t)(l >> 8);
            wire[11] = (uint8_t)l;
            break;
        }
        default: break;
        }
        const uint32_t used = dst.used;
        const int st = bitactor_wire_decode(wire, len, &out, &dst, &c);
        if (pattern < 0) {
            CHECK_EQ(st, BITACTOR_OK);
            CHECK_EQ(bitactor_validate(&out, &dst, NULL), BITACTOR_OK);
            CHECK(memcmp(bitactor_payload(&out, &dst), bitactor_payload(&s, &src),
                         s.payload_len) == 0);
            want_ok++;
            if (dst.capacity - dst.used < BITACTOR_PAYLOAD_MAX)
                bitactor_arena_reset(&dst);
        } else {
            CHECK_EQ(st, status[pattern]);
            CHECK_EQ(dst.used, used); /* a rejected signal takes no arena space */
            want[status[pattern]]++;
        }
    }
    CHECK_EQ(want_ok, 100);
    CHECK_EQ(c.accepted, 100);
    CHECK_EQ(bitactor_counters_rejected(&c), PATTERNS * EACH);
    for (int st = 1; st < (int)BITACTOR_STATUS_COUNT; st++)
        CHECK_EQ(c.rejected[st], want[st]);
    CHECK_EQ(c.rejected[BITACTOR_E_TRUNCATED], 200);
    CHECK_EQ(c.rejected[BITACTOR_E_LENGTH], 200);
    CHECK_EQ(c.rejected[BITACTOR_E_KIND], 100);
    free(src_mem);
    free(dst_mem);
}

/* ---- 4. fill the 1,024 ring: the excess is rejected, every accepted signal drains in order */

static void fill_1024_ring_rejects_excess_and_drains_in_order(void)
{
    enum { CAP = BITACTOR_RING_DEFAULT_CAPACITY, EXCESS = 100 };
    struct bitactor_signal *slots = tu_alloc(CAP * sizeof *slots);
    _Atomic uint32_t *ready = tu_alloc(CAP * sizeof *ready);
    struct bitactor_signal *in = tu_alloc((CAP + EXCESS) * sizeof *in);
    struct bitactor_signal *out = tu_alloc((CAP + EXCESS) * sizeof *out);
    for (int mpsc = 0; mpsc < 2; mpsc++) {
        for (int burst = 0; burst < 2; burst++) {
            struct bitactor_ring r;
            REQUIRE_EQ(mpsc ? bitactor_ring_init_mpsc(&r, slots, ready, CAP)
                            : bitactor_ring_init_spsc(&r, slots, CAP),
                       BITACTOR_OK);
            uint64_t next = 0, drained = 0;
            for (int round = 0; round < 3; round++) {
                /* Round 0 fills an empty ring; later rounds refill after a partial drain, so
                 * the accepted run crosses the wrap. */
                struct bitactor_ring_stats st;
                bitactor_ring_stats(&r, &st);
                const uint64_t room = CAP - st.count;
                const uint64_t offered = room + EXCESS;
                for (uint64_t i = 0; i < offered; i++)
                    make(&in[i], next + i);
                uint64_t took = 0;
                if (burst) {
                    took = mpsc ? bitactor_ring_enqueue_burst_mpsc(&r, in, (uint32_t)offered)
                                : bitactor_ring_enqueue_burst_spsc(&r, in, (uint32_t)offered);
                } else {
                    for (uint64_t i = 0; i < offered; i++) {
                        const int s = mpsc ? bitactor_ring_enqueue_mpsc(&r, &in[i])
                                           : bitactor_ring_enqueue_spsc(&r, &in[i]);
                        CHECK_EQ(s, i < room ? BITACTOR_OK : BITACTOR_E_FULL);
                        took += s == BITACTOR_OK;
                    }
                }
                CHECK_EQ(took, room);
                next += room;
                bitactor_ring_stats(&r, &st);
                CHECK_EQ(st.count, CAP);
                CHECK_EQ(st.full, (uint64_t)(round + 1) * EXCESS);
                /* Drain part (rounds 0, 1) or all (round 2); check each is the next in order. */
                const uint32_t want = round == 2 ? CAP : 300 + 200 * (uint32_t)round;
                const uint32_t got = mpsc ? bitactor_ring_dequeue_burst_mpsc(&r, out, want)
                                          : bitactor_ring_dequeue_burst_spsc(&r, out, want);
                CHECK_EQ(got, want);
                for (uint32_t i = 0; i < got; i++)
                    CHECK(out[i].key == drained + i && intact(&out[i]));
                drained += got;
            }
            struct bitactor_signal one;
            CHECK_EQ(mpsc ? bitactor_ring_dequeue_mpsc(&r, &one)
                          : bitactor_ring_dequeue_spsc(&r, &one),
                     BITACTOR_E_EMPTY);
            struct bitactor_ring_stats st;
            bitactor_ring_stats(&r, &st);
            CHECK_EQ(st.enqueued, CAP + 300 + 500);
            CHECK_EQ(st.dequeued, st.enqueued);
            CHECK_EQ(drained, st.enqueued);
            CHECK_EQ(st.full, 3 * EXCESS);
        }
    }
    free(slots);
    free((void *)ready);
    free(in);
    free(out);
}

/* ---- 5. a 50 MB allocation-pressure run ------------------------------------------------ */

enum { PRESSURE_BYTES = 50u << 20, CHURN_LIVE = 256 };

struct pressure_sink {
    const struct bitactor_arena *arena;
    uint64_t calls, errors, bytes;
};

static void pressure_handler(void *ctx, const struct bitactor_signal *s)
{
    struct pressure_sink *k = ctx;
    const uint8_t *p = bitactor_payload(s, k->arena);
    /* The payload is the key's bytes repeated: any corruption or misplacement shows. */
    int ok = p != NULL;
    for (uint32_t i = 0; ok && i < s->payload_len; i++)
        ok = p[i] == (uint8_t)(s->key >> (i % 8 * 8));
    k->errors += !ok;
    k->bytes += s->payload_len;
    k->calls++;
}

static void allocation_pressure_50mb(void)
{
    /* 50 MB of caller-owned arena, filled to what fits, while the test churns another 50 MB
     * through malloc/free around every call: the core never allocates, so neither the
     * pressure nor the allocator's reuse of memory can change a result. */
    uint8_t *mem = tu_alloc(PRESSURE_BYTES);
    struct bitactor_arena a;
    bitactor_arena_init(&a, mem, PRESSURE_BYTES);
    struct bitactor_signal *slots = tu_alloc(BITACTOR_RING_DEFAULT_CAPACITY * sizeof *slots);
    struct bitactor_ring r;
    bitactor_ring_init_spsc(&r, slots, BITACTOR_RING_DEFAULT_CAPACITY);
    struct pressure_sink sink = {.arena = &a};
    struct bitactor_dispatch d;
    bitactor_dispatch_init(&d);
    for (uint16_t k = 1; k <= BITACTOR_KIND_MAX; k++)
        bitactor_dispatch_register(&d, k, pressure_handler, &sink);
    struct bitactor_counters c;
    bitactor_counters_reset(&c);
    void *live[CHURN_LIVE] = {0};
    uint64_t churned = 0, want_ok = 0, want_nospace = 0, want_bytes = 0;
    uint64_t model_used = 0, in_ring = 0;
    struct tu_rng rng = {tu_seed() ^ 500};
    static uint8_t wire[BITACTOR_WIRE_HEADER + BITACTOR_PAYLOAD_MAX];
    uint64_t n = 0;
    /* Until 50 MB have been churned and the arena has refused 200 payloads (it is full). */
    while (churned < PRESSURE_BYTES || want_nospace < 200) {
        /* Churn: replace a random live block with a new one of 1 B..64 KiB, touched. */
        const uint32_t slot = tu_below(&rng, CHURN_LIVE), size = 1 + tu_below(&rng, 1u << 16);
        free(live[slot]);
        live[slot] = malloc(size);
        REQUIRE(live[slot] != NULL);
        memset(live[slot], (int)n, size);
        churned += size;

        struct bitactor_signal s;
        bitactor_signal_init(&s, (uint16_t)(1 + n % BITACTOR_KIND_MAX));
        s.family = BITACTOR_AF_INET6;
        s.key = tu_next(&rng);
        s.payload_len = (uint16_t)tu_below(&rng, BITACTOR_PAYLOAD_MAX + 1);
        bitactor_header_pack(&s, wire);
        for (uint32_t i = 0; i < s.payload_len; i++)
            wire[BITACTOR_WIRE_HEADER + i] = (uint8_t)(s.key >> (i % 8 * 8));
        struct bitactor_signal out;
        const int st =
            bitactor_wire_decode(wire, BITACTOR_WIRE_HEADER + s.payload_len, &out, &a, &c);
        const int fits = model_used + s.payload_len <= PRESSURE_BYTES;
        CHECK_EQ(st, fits ? BITACTOR_OK : BITACTOR_E_NOSPACE);
        if (fits) {
            CHECK_EQ(out.payload_off, s.payload_len ? model_used : 0);
            model_used += s.payload_len;
            want_bytes += s.payload_len;
            want_ok++;
            CHECK_EQ(bitactor_ring_enqueue_spsc(&r, &out), BITACTOR_OK);
            if (++in_ring == BITACTOR_RING_DEFAULT_CAPACITY) {
                CHECK_EQ(bitactor_drain_spsc(&r, &d, BITACTOR_RING_DEFAULT_CAPACITY), in_ring);
                in_ring = 0;
            }
        } else {
            want_nospace++;
        }
        n++;
        if (tt_case_failed())
            break;
    }
    CHECK_EQ(bitactor_drain_spsc(&r, &d, BITACTOR_RING_DEFAULT_CAPACITY), in_ring);
    for (int i = 0; i < CHURN_LIVE; i++)
        free(live[i]);
    CHECK(churned >= PRESSURE_BYTES);
    CHECK(a.used + BITACTOR_PAYLOAD_MAX > PRESSURE_BYTES); /* the arena was filled */
    CHECK_EQ(c.accepted, want_ok);
    CHECK_EQ(c.rejected[BITACTOR_E_NOSPACE], want_nospace);
    CHECK_EQ(bitactor_counters_rejected(&c), want_nospace);
    CHECK_EQ(a.used, want_bytes);
    CHECK_EQ(sink.calls, want_ok);
    CHECK_EQ(sink.bytes, want_bytes);
    CHECK_EQ(sink.errors, 0);
    CHECK_EQ(d.dispatched, want_ok);
    CHECK_EQ(d.unknown, 0);
    free(mem);
    free(slots);
}

const struct tt_case tt_chaos_cases[] = {
    {"chaos.random_10000_signals_injected", random_10000_signals_injected},
    {"chaos.mpsc_8_threads_x_1000_ops_with_a_live_consumer",
     mpsc_8_threads_x_1000_ops_with_a_live_consumer},
    {"chaos.mpsc_8_threads_x_1000_ops_on_a_small_ring", mpsc_8_threads_x_1000_ops_on_a_small_ring},
    {"chaos.mpsc_8_threads_x_1000_ops_fill_1024_exactly",
     mpsc_8_threads_x_1000_ops_fill_1024_exactly},
    {"chaos.corrupted_wire_8_patterns_x_100", corrupted_wire_8_patterns_x_100},
    {"chaos.fill_1024_ring_rejects_excess_and_drains_in_order",
     fill_1024_ring_rejects_excess_and_drains_in_order},
    {"chaos.allocation_pressure_50mb", allocation_pressure_50mb},
    {NULL, NULL},
};
