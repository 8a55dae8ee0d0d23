/* test_telemetry.c: the trace ring, the keyed chain and the verifier. */
#define _POSIX_C_SOURCE 200809L
#include "tt.h"
#include "test_util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Text with its terminator beyond the key's bytes (an array of exactly the key's size initialized
 * from the string is an error under clang's -Wunterminated-string-initialization). */
static const char KEY_TEXT[] = "0123456789abcdef0123456789abcdef";
_Static_assert(sizeof KEY_TEXT == BITACTOR_TELEMETRY_KEY_BYTES + 1, "the key is 32 bytes");
#define KEY ((const uint8_t *)KEY_TEXT)

static struct bitactor_trace event(uint64_t i)
{
    struct bitactor_trace e;
    memset(&e, 0, sizeof e);
    e.timestamp = 1000 + i;
    e.key = i * 0x9e3779b97f4a7c15ull;
    e.value = (uint32_t)(i * 7);
    e.kind = (uint16_t)(1 + i % 255);
    e.event = (uint16_t)(1 + i % 5);
    return e;
}

/* Appends n events to a fresh chain (capacity >= n) and exports them into out. */
static int chain(struct bitactor_telemetry *t, struct bitactor_trace *ring, uint32_t cap,
                 struct bitactor_trace *out, uint32_t n)
{
    if (bitactor_telemetry_init(t, ring, cap, KEY, 77) != BITACTOR_OK)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        const struct bitactor_trace e = event(i);
        uint64_t seq = 0;
        if (bitactor_telemetry_append(t, &e, &seq) != BITACTOR_OK || seq != i + 1)
            return -1;
    }
    return bitactor_telemetry_export(t, out, n) == n ? 0 : -1;
}

static void an_intact_chain_verifies_from_genesis_to_head(void)
{
    static struct bitactor_trace ring[128], out[100];
    struct bitactor_telemetry t;
    REQUIRE(chain(&t, ring, 128, out, 100) == 0);
    struct bitactor_chain_head g, h;
    REQUIRE_EQ(bitactor_telemetry_genesis(KEY, 77, &g), BITACTOR_OK);
    bitactor_telemetry_head(&t, &h);
    CHECK_EQ(g.seq, 0);
    CHECK_EQ(h.seq, 100);
    CHECK(memcmp(h.mac, out[99].mac, BITACTOR_MAC_BYTES) == 0);
    for (uint32_t i = 0; i < 100; i++) {
        const struct bitactor_trace e = event(i);
        CHECK_EQ(out[i].seq, i + 1);
        CHECK(out[i].key == e.key && out[i].timestamp == e.timestamp && out[i].value == e.value &&
              out[i].kind == e.kind && out[i].event == e.event);
    }
    struct bitactor_verify_report rep;
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, out, 100, &h, &rep), BITACTOR_OK);
    CHECK_EQ(rep.fault, BITACTOR_FAULT_NONE);
    CHECK_EQ(rep.verified, 100);
    /* A segment verifies from the head recorded before it. */
    struct bitactor_chain_head mid = {.seq = 40};
    memcpy(mid.mac, out[39].mac, BITACTOR_MAC_BYTES);
    CHECK_EQ(bitactor_telemetry_verify(KEY, &mid, out + 40, 60, &h, &rep), BITACTOR_OK);
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, out, 40, &mid, &rep), BITACTOR_OK);
    /* Another chain id or another key: the first record already fails. */
    struct bitactor_chain_head g2;
    bitactor_telemetry_genesis(KEY, 78, &g2);
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g2, out, 100, NULL, &rep), BITACTOR_E_CHAIN);
    CHECK(rep.fault == BITACTOR_FAULT_ALTERED && rep.index == 0);
    uint8_t key2[BITACTOR_TELEMETRY_KEY_BYTES];
    memcpy(key2, KEY, sizeof key2);
    key2[31] ^= 1;
    CHECK_EQ(bitactor_telemetry_verify(key2, &g, out, 100, NULL, &rep), BITACTOR_E_CHAIN);
    CHECK(rep.fault == BITACTOR_FAULT_ALTERED && rep.index == 0);
}

static void verify_names_the_first_removed_record(void)
{
    static struct bitactor_trace ring[64], out[50], cut[50];
    struct bitactor_telemetry t;
    REQUIRE(chain(&t, ring, 64, out, 50) == 0);
    struct bitactor_chain_head g, h;
    bitactor_telemetry_genesis(KEY, 77, &g);
    bitactor_telemetry_head(&t, &h);
    struct bitactor_verify_report rep;
    const size_t at[] = {0, 1, 25, 48};
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        size_t n = 0;
        for (size_t i = 0; i < 50; i++)
            if (i != at[k])
                cut[n++] = out[i];
        CHECK_EQ(bitactor_telemetry_verify(KEY, &g, cut, n, &h, &rep), BITACTOR_E_CHAIN);
        CHECK_EQ(rep.fault, BITACTOR_FAULT_REMOVED);
        CHECK_EQ(rep.index, at[k]);
        CHECK_EQ(rep.expected_seq, at[k] + 1);
        CHECK_EQ(rep.found_seq, at[k] + 2);
        CHECK_EQ(rep.verified, at[k]);
    }
    /* Removed at the end: only the recorded head can tell. */
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, out, 47, NULL, &rep), BITACTOR_OK);
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, out, 47, &h, &rep), BITACTOR_E_CHAIN);
    CHECK(rep.fault == BITACTOR_FAULT_REMOVED && rep.index == 47 && rep.expected_seq == 48);
    /* A run of several removed records. */
    memcpy(cut, out, 10 * sizeof *out);
    memcpy(cut + 10, out + 15, 35 * sizeof *out);
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, cut, 45, &h, &rep), BITACTOR_E_CHAIN);
    CHECK(rep.fault == BITACTOR_FAULT_REMOVED && rep.index == 10 && rep.found_seq == 16);
}

static void verify_names_the_first_reordered_record(void)
{
    static struct bitactor_trace ring[64], out[50], mix[50];
    struct bitactor_telemetry t;
    REQUIRE(chain(&t, ring, 64, out, 50) == 0);
    struct bitactor_chain_head g, h;
    bitactor_telemetry_genesis(KEY, 77, &g);
    bitactor_telemetry_head(&t, &h);
    struct bitactor_verify_report rep;
    /* Swap neighbours. */
    for (size_t i = 0; i + 1 < 50; i += 7) {
        memcpy(mix, out, sizeof mix);
        mix[i] = out[i + 1];
        mix[i + 1] = out[i];
        CHECK_EQ(bitactor_telemetry_verify(KEY, &g, mix, 50, &h, &rep), BITACTOR_E_CHAIN);
        CHECK(rep.fault == BITACTOR_FAULT_REORDERED && rep.index == i);
    }
    /* Move record 30 to position 10 (it comes too early). */
    memcpy(mix, out, 10 * sizeof *out);
    mix[10] = out[30];
    memcpy(mix + 11, out + 10, 20 * sizeof *out);
    memcpy(mix + 31, out + 31, 19 * sizeof *out);
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, mix, 50, &h, &rep), BITACTOR_E_CHAIN);
    CHECK(rep.fault == BITACTOR_FAULT_REORDERED && rep.index == 10 && rep.found_seq == 31);
    /* A replayed record (seq going back). */
    memcpy(mix, out, sizeof mix);
    mix[20] = out[5];
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, mix, 50, &h, &rep), BITACTOR_E_CHAIN);
    CHECK(rep.fault == BITACTOR_FAULT_REORDERED && rep.index == 20 && rep.found_seq == 6);
}

static void verify_names_the_first_altered_record(void)
{
    static struct bitactor_trace ring[64], out[50], bad[50];
    struct bitactor_telemetry t;
    REQUIRE(chain(&t, ring, 64, out, 50) == 0);
    struct bitactor_chain_head g, h;
    bitactor_telemetry_genesis(KEY, 77, &g);
    bitactor_telemetry_head(&t, &h);
    struct bitactor_verify_report rep;
    for (int field = 0; field < 6; field++) {
        memcpy(bad, out, sizeof bad);
        struct bitactor_trace *r = &bad[17];
        switch (field) {
        case 0: r->timestamp ^= 1; break;
        case 1: r->key ^= 1ull << 63; break;
        case 2: r->value += 1; break;
        case 3: r->kind ^= 0x100; break;
        case 4: r->event ^= 2; break;
        default: r->mac[31] ^= 0x80; break;
        }
        CHECK_EQ(bitactor_telemetry_verify(KEY, &g, bad, 50, &h, &rep), BITACTOR_E_CHAIN);
        CHECK(rep.fault == BITACTOR_FAULT_ALTERED && rep.index == 17 && rep.verified == 17);
    }
    /* A forged head: right seq, wrong mac. */
    struct bitactor_chain_head forged = h;
    forged.mac[0] ^= 1;
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, out, 50, &forged, &rep), BITACTOR_E_CHAIN);
    CHECK(rep.fault == BITACTOR_FAULT_ALTERED && rep.index == 50);
}

/* 2,000 random single tamperings, each found at its exact index. */
static void random_tampering_is_always_found_where_it_is(void)
{
    static struct bitactor_trace ring[256], out[200], bad[200];
    struct bitactor_telemetry t;
    REQUIRE(chain(&t, ring, 256, out, 200) == 0);
    struct bitactor_chain_head g, h;
    bitactor_telemetry_genesis(KEY, 77, &g);
    bitactor_telemetry_head(&t, &h);
    struct tu_rng rng = {tu_seed() ^ 5};
    struct bitactor_verify_report rep;
    unsigned found[4] = {0};
    for (int n = 0; n < 2000; n++) {
        memcpy(bad, out, sizeof bad);
        const uint32_t i = tu_below(&rng, 200);
        size_t len = 200;
        enum bitactor_fault want;
        switch (tu_below(&rng, 3)) {
        case 0: { /* flip one bit outside seq */
            uint8_t *b = (uint8_t *)&bad[i];
            const uint32_t bit = 64 + tu_below(&rng, 448);
            b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            want = BITACTOR_FAULT_ALTERED;
            break;
        }
        case 1: /* remove */
            memmove(&bad[i], &bad[i + 1], (199 - i) * sizeof *bad);
            len = 199;
            want = BITACTOR_FAULT_REMOVED;
            break;
        default: { /* move it later by 1..10 */
            const uint32_t j = i + 1 + tu_below(&rng, 10);
            if (j >= 200) {
                n--;
                continue;
            }
            const struct bitactor_trace keep = bad[i];
            memmove(&bad[i], &bad[i + 1], (j - i) * sizeof *bad);
            bad[j] = keep;
            want = BITACTOR_FAULT_REORDERED;
            break;
        }
        }
        CHECK_EQ(bitactor_telemetry_verify(KEY, &g, bad, len, &h, &rep), BITACTOR_E_CHAIN);
        /* Removing the last record leaves a valid prefix: the head finds it at the end. */
        CHECK_EQ(rep.fault, want);
        CHECK_EQ(rep.index, i);
        found[want]++;
        if (tt_case_failed())
            return;
    }
    CHECK(found[1] > 500 && found[2] > 500 && found[3] > 500);
}

static void a_full_ring_drops_and_counts_without_breaking_the_chain(void)
{
    static struct bitactor_trace ring[8], out[64];
    struct bitactor_telemetry t;
    REQUIRE_EQ(bitactor_telemetry_init(&t, ring, 8, KEY, 1), BITACTOR_OK);
    uint32_t got = 0, appended = 0, dropped = 0;
    for (uint32_t i = 0; i < 40; i++) {
        const struct bitactor_trace e = event(i);
        const int st = bitactor_telemetry_append(&t, &e, NULL);
        CHECK(st == BITACTOR_OK || st == BITACTOR_E_FULL);
        CHECK_EQ(st, appended - got < 8 ? BITACTOR_OK : BITACTOR_E_FULL);
        if (st == BITACTOR_OK)
            appended++;
        else
            dropped++;
        if (i % 10 == 9)
            got += bitactor_telemetry_export(&t, out + got, 64 - got);
    }
    got += bitactor_telemetry_export(&t, out + got, 64 - got);
    CHECK_EQ(appended, 32); /* 4 rounds: 8 accepted, 2 dropped */
    CHECK_EQ(dropped, 8);
    CHECK_EQ(atomic_load(&t.dropped), 8);
    CHECK_EQ(got, appended);
    struct bitactor_chain_head g, h;
    bitactor_telemetry_genesis(KEY, 1, &g);
    bitactor_telemetry_head(&t, &h);
    CHECK_EQ(h.seq, 32);
    struct bitactor_verify_report rep;
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, out, got, &h, &rep), BITACTOR_OK);
    CHECK_EQ(bitactor_telemetry_export(&t, out, 64), 0);
    struct bitactor_telemetry bad;
    CHECK_EQ(bitactor_telemetry_init(&bad, ring, 6, KEY, 1), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_telemetry_init(&bad, NULL, 8, KEY, 1), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, NULL, 1, NULL, &rep), BITACTOR_E_INVAL);
}

/* ---- two threads: the writer appends while the reader exports ----------------------- */

enum { TRACE_EVENTS = 20000 };

struct pair {
    struct bitactor_telemetry t;
    struct bitactor_trace ring[64];
    struct bitactor_trace *out;
    uint64_t appended, dropped_seen, exported;
    _Atomic int done; /* writer -> reader, release/acquire */
};

static void *writer(void *arg)
{
    struct pair *p = arg;
    for (uint64_t i = 0; i < TRACE_EVENTS; i++) {
        const struct bitactor_trace e = event(i);
        if (bitactor_telemetry_append(&p->t, &e, NULL) == BITACTOR_OK)
            p->appended++;
        else
            p->dropped_seen++;
    }
    atomic_store_explicit(&p->done, 1, memory_order_release); /* pairs with the reader */
    return NULL;
}

static void *reader(void *arg)
{
    struct pair *p = arg;
    for (;;) {
        const int fin = atomic_load_explicit(&p->done, memory_order_acquire); /* pairs above */
        const uint32_t n = bitactor_telemetry_export(&p->t, p->out + p->exported, 17);
        p->exported += n;
        if (n == 0 && fin)
            break;
    }
    return NULL;
}

static void writer_and_reader_threads_keep_an_exact_verifiable_chain(void)
{
    struct pair *p = tu_alloc(sizeof *p);
    p->out = tu_alloc(TRACE_EVENTS * sizeof *p->out);
    REQUIRE_EQ(bitactor_telemetry_init(&p->t, p->ring, 64, KEY, 9), BITACTOR_OK);
    atomic_init(&p->done, 0);
    pthread_t w, r;
    REQUIRE(pthread_create(&r, NULL, reader, p) == 0);
    REQUIRE(pthread_create(&w, NULL, writer, p) == 0);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    CHECK_EQ(p->appended + p->dropped_seen, TRACE_EVENTS);
    CHECK_EQ(p->exported, p->appended);
    CHECK_EQ(atomic_load(&p->t.dropped), p->dropped_seen);
    struct bitactor_chain_head g, h;
    bitactor_telemetry_genesis(KEY, 9, &g);
    bitactor_telemetry_head(&p->t, &h);
    CHECK_EQ(h.seq, p->appended);
    struct bitactor_verify_report rep;
    CHECK_EQ(bitactor_telemetry_verify(KEY, &g, p->out, p->exported, &h, &rep), BITACTOR_OK);
    free(p->out);
    free(p);
}

const struct tt_case tt_telemetry_cases[] = {
    {"telemetry.an_intact_chain_verifies_from_genesis_to_head",
     an_intact_chain_verifies_from_genesis_to_head},
    {"telemetry.verify_names_the_first_removed_record", verify_names_the_first_removed_record},
    {"telemetry.verify_names_the_first_reordered_record", verify_names_the_first_reordered_record},
    {"telemetry.verify_names_the_first_altered_record", verify_names_the_first_altered_record},
    {"telemetry.random_tampering_is_always_found_where_it_is",
     random_tampering_is_always_found_where_it_is},
    {"telemetry.a_full_ring_drops_and_counts_without_breaking_the_chain",
     a_full_ring_drops_and_counts_without_breaking_the_chain},
    {"telemetry.writer_and_reader_threads_keep_an_exact_verifiable_chain",
     writer_and_reader_threads_keep_an_exact_verifiable_chain},
    {NULL, NULL},
};
