/* test_wire.c: the big-endian header and the wire form. */
#include "tt.h"
#include "test_util.h"

#include <string.h>

static void set_field(struct bitactor_signal *s, int f)
{
    static const uint8_t addr[16] = {0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22, 0x33, 0x44,
                                     0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc};
    switch (f) {
    case 0: s->kind = 0xA1B2; break;
    case 1: s->flags = 0xC3D4; break;
    case 2: s->family = 0x06; break;
    case 3: s->proto = 0x84; break;
    case 4: s->src_port = 0x1F90; break;
    case 5: s->dst_port = 0xE5F6; break;
    case 6: s->payload_len = 0x2345; break;
    case 7: s->payload_off = 0x89ABCDEF; break;
    case 8: s->timestamp = 0x0102030405060708ull; break;
    case 9: s->key = 0xF0E1D2C3B4A59687ull; break;
    case 10: memcpy(s->src, addr, 16); break;
    default: memcpy(s->dst, addr, 16); s->dst[15] = 0xdd; break;
    }
}

/* Expected wire bytes of each field, written out by hand (big-endian). */
static const struct {
    const char *name;
    size_t off, size;
    uint8_t be[16];
} fields[] = {
    {"kind", 0, 2, {0xA1, 0xB2}},
    {"flags", 2, 2, {0xC3, 0xD4}},
    {"family", 4, 1, {0x06}},
    {"proto", 5, 1, {0x84}},
    {"src_port", 6, 2, {0x1F, 0x90}},
    {"dst_port", 8, 2, {0xE5, 0xF6}},
    {"payload_len", 10, 2, {0x23, 0x45}},
    {"payload_off", 12, 4, {0x89, 0xAB, 0xCD, 0xEF}},
    {"timestamp", 16, 8, {1, 2, 3, 4, 5, 6, 7, 8}},
    {"key", 24, 8, {0xF0, 0xE1, 0xD2, 0xC3, 0xB4, 0xA5, 0x96, 0x87}},
    {"src", 32, 16, {0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                     0x99, 0xaa, 0xbb, 0xcc}},
    {"dst", 48, 16, {0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                     0x99, 0xaa, 0xbb, 0xdd}},
};

static void every_field_is_big_endian_at_its_offset(void)
{
    for (int f = 0; f < (int)(sizeof fields / sizeof fields[0]); f++) {
        struct bitactor_signal s, back;
        memset(&s, 0, sizeof s);
        set_field(&s, f);
        uint8_t out[64];
        memset(out, 0xEE, sizeof out);
        bitactor_header_pack(&s, out);
        for (size_t i = 0; i < 64; i++) {
            const int inside = i >= fields[f].off && i < fields[f].off + fields[f].size;
            const uint8_t want = inside ? fields[f].be[i - fields[f].off] : 0;
            if (out[i] != want) {
                fprintf(stderr, "    field %s, byte %zu\n", fields[f].name, i);
                CHECK_EQ(out[i], want);
            }
        }
        memset(&back, 0xEE, sizeof back);
        bitactor_header_unpack(out, &back);
        if (!tu_signal_eq(&s, &back))
            fprintf(stderr, "    field %s does not round-trip\n", fields[f].name);
        CHECK(tu_signal_eq(&s, &back));
    }
}

static void random_headers_round_trip_both_ways(void)
{
    struct tu_rng rng = {tu_seed() ^ 1};
    for (int n = 0; n < 10000; n++) {
        uint8_t in[64], out[64];
        for (int i = 0; i < 64; i++)
            in[i] = (uint8_t)tu_next(&rng);
        struct bitactor_signal s, t;
        bitactor_header_unpack(in, &s);
        bitactor_header_pack(&s, out);
        CHECK(memcmp(in, out, 64) == 0);
        /* Any host value of each field survives pack then unpack. */
        memcpy(&t, in, sizeof t); /* random host-order fields */
        bitactor_header_pack(&t, out);
        bitactor_header_unpack(out, &s);
        CHECK(tu_signal_eq(&s, &t));
        if (tt_case_failed())
            return;
    }
}

static void valid_signals_round_trip_through_the_wire(void)
{
    static uint8_t mem_a[1 << 20], mem_b[1 << 20];
    struct bitactor_arena a, b;
    bitactor_arena_init(&a, mem_a, sizeof mem_a);
    bitactor_arena_init(&b, mem_b, sizeof mem_b);
    struct bitactor_counters c;
    bitactor_counters_reset(&c);
    struct tu_rng rng = {tu_seed() ^ 2};
    uint8_t buf[BITACTOR_WIRE_HEADER + BITACTOR_PAYLOAD_MAX], again[sizeof buf];
    for (int n = 0; n < 2000; n++) {
        if (a.capacity - a.used < BITACTOR_PAYLOAD_MAX ||
            b.capacity - b.used < BITACTOR_PAYLOAD_MAX) {
            bitactor_arena_reset(&a);
            bitactor_arena_reset(&b);
        }
        struct bitactor_signal s, d;
        tu_random_valid(&rng, &s, &a, n % 3 == 0 ? BITACTOR_PAYLOAD_MAX : 300);
        size_t len = 0, len2 = 0;
        REQUIRE_EQ(bitactor_wire_encode(&s, &a, buf, sizeof buf, &len), BITACTOR_OK);
        REQUIRE_EQ(len, 64u + s.payload_len);
        const uint32_t before = b.used;
        REQUIRE_EQ(bitactor_wire_decode(buf, len, &d, &b, &c), BITACTOR_OK);
        CHECK_EQ(d.payload_off, s.payload_len ? before : 0);
        CHECK_EQ(b.used, before + s.payload_len);
        d.payload_off = s.payload_off; /* the only field the arena decides */
        CHECK(tu_signal_eq(&s, &d));
        d.payload_off = s.payload_len ? before : 0;
        CHECK(memcmp(bitactor_payload(&s, &a), bitactor_payload(&d, &b), s.payload_len) == 0);
        REQUIRE_EQ(bitactor_wire_encode(&d, &b, again, sizeof again, &len2), BITACTOR_OK);
        CHECK(len2 == len && memcmp(buf, again, len) == 0);
        if (tt_case_failed())
            return;
    }
    CHECK_EQ(c.accepted, 2000);
    CHECK_EQ(bitactor_counters_rejected(&c), 0);
}

static void encode_refuses_invalid_signals_and_small_buffers(void)
{
    uint8_t mem[256];
    struct bitactor_arena a;
    bitactor_arena_init(&a, mem, sizeof mem);
    uint32_t off;
    bitactor_arena_put(&a, "payload!", 8, &off);
    struct bitactor_signal s;
    bitactor_signal_init(&s, 3);
    const uint8_t v4[4] = {10, 0, 0, 1};
    bitactor_signal_set_ipv4(&s, v4, v4);
    s.payload_off = off;
    s.payload_len = 8;
    uint8_t buf[128];
    memset(buf, 0x77, sizeof buf);
    size_t len = 12345;
    CHECK_EQ(bitactor_wire_encode(&s, &a, buf, 71, &len), BITACTOR_E_NOSPACE);
    CHECK_EQ(bitactor_wire_encode(&s, &a, NULL, 0, &len), BITACTOR_E_NOSPACE);
    s.kind = 0;
    CHECK_EQ(bitactor_wire_encode(&s, &a, buf, sizeof buf, &len), BITACTOR_E_KIND);
    s.kind = 3;
    s.payload_len = 9; /* past the arena's used bytes */
    CHECK_EQ(bitactor_wire_encode(&s, &a, buf, sizeof buf, &len), BITACTOR_E_BOUNDS);
    CHECK_EQ(len, 12345);
    for (size_t i = 0; i < sizeof buf; i++)
        CHECK_EQ(buf[i], 0x77);
    s.payload_len = 8;
    CHECK_EQ(bitactor_wire_encode(&s, &a, buf, 72, &len), BITACTOR_OK);
    CHECK_EQ(len, 72);
    CHECK_EQ(buf[72], 0x77);
    CHECK(memcmp(buf + 64, "payload!", 8) == 0);
}

static void encode_writes_a_zero_offset(void)
{
    uint8_t mem[64];
    struct bitactor_arena a;
    bitactor_arena_init(&a, mem, sizeof mem);
    uint32_t off;
    bitactor_arena_put(&a, "xxxxxxxxxxxxxxxxxxxxabc", 23, &off);
    struct bitactor_signal s;
    bitactor_signal_init(&s, 9);
    s.family = BITACTOR_AF_INET6;
    s.payload_off = 20;
    s.payload_len = 3;
    uint8_t buf[80];
    size_t len;
    REQUIRE_EQ(bitactor_wire_encode(&s, &a, buf, sizeof buf, &len), BITACTOR_OK);
    CHECK_EQ(buf[12] | buf[13] | buf[14] | buf[15], 0);
    CHECK(memcmp(buf + 64, "abc", 3) == 0);
}

/* A valid wire signal with a 16-byte payload, to be corrupted by the cases below. */
static size_t sample(uint8_t *buf, uint16_t proto)
{
    struct bitactor_signal s;
    bitactor_signal_init(&s, 42);
    const uint8_t v4s[4] = {192, 0, 2, 1}, v4d[4] = {203, 0, 113, 9};
    bitactor_signal_set_ipv4(&s, v4s, v4d);
    s.proto = (uint8_t)proto;
    s.src_port = proto == BITACTOR_PROTO_TCP ? 443 : 0;
    s.payload_len = 16;
    bitactor_header_pack(&s, buf);
    buf[12] = buf[13] = buf[14] = buf[15] = 0;
    for (int i = 0; i < 16; i++)
        buf[64 + i] = (uint8_t)('A' + i);
    return 80;
}

static void decode_rejects_each_defect_and_counts_it(void)
{
    uint8_t mem[40];
    struct bitactor_arena a;
    bitactor_arena_init(&a, mem, sizeof mem);
    struct bitactor_counters c;
    bitactor_counters_reset(&c);
    struct bitactor_signal d;
    uint8_t buf[128];
    size_t n = sample(buf, BITACTOR_PROTO_TCP);

    CHECK_EQ(bitactor_wire_decode(buf, 0, &d, &a, &c), BITACTOR_E_TRUNCATED);
    CHECK_EQ(bitactor_wire_decode(buf, 63, &d, &a, &c), BITACTOR_E_TRUNCATED);
    CHECK_EQ(bitactor_wire_decode(NULL, 80, &d, &a, &c), BITACTOR_E_TRUNCATED);
    CHECK_EQ(bitactor_wire_decode(buf, 64, &d, &a, &c), BITACTOR_E_TRUNCATED);
    CHECK_EQ(bitactor_wire_decode(buf, 79, &d, &a, &c), BITACTOR_E_TRUNCATED);
    buf[80] = 0;
    CHECK_EQ(bitactor_wire_decode(buf, 81, &d, &a, &c), BITACTOR_E_LENGTH);
    CHECK_EQ(c.rejected[BITACTOR_E_TRUNCATED], 5);
    CHECK_EQ(c.rejected[BITACTOR_E_LENGTH], 1);

    struct { int byte; uint8_t value; int status; } edits[] = {
        {0, 0x01, BITACTOR_E_KIND},      /* kind 0x012A = 298 */
        {1, 0x00, BITACTOR_E_KIND},      /* kind 0 */
        {2, 0x80, BITACTOR_E_FLAGS},     /* an unknown flag bit */
        {3, 0x03, BITACTOR_E_FLAGS},     /* ingress and egress */
        {4, 0x05, BITACTOR_E_FAMILY},
        {4, 0x00, BITACTOR_E_FAMILY},
        {36, 0x01, BITACTOR_E_ADDR},     /* IPv4 source byte 4 */
        {63, 0x01, BITACTOR_E_ADDR},     /* IPv4 destination byte 15 */
        {5, 0x01, BITACTOR_E_PORT},      /* ICMP with a port */
        {10, 0x24, BITACTOR_E_LENGTH},   /* 0x2410 = 9232 > 9216 */
        {15, 0x01, BITACTOR_E_OFFSET},
        {12, 0x80, BITACTOR_E_OFFSET},
    };
    uint64_t want[BITACTOR_STATUS_COUNT] = {0};
    want[BITACTOR_E_TRUNCATED] = 5;
    want[BITACTOR_E_LENGTH] = 1;
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        uint8_t bad[128];
        memcpy(bad, buf, n);
        bad[edits[e].byte] = edits[e].value;
        CHECK_EQ(bitactor_wire_decode(bad, n, &d, &a, &c), edits[e].status);
        want[edits[e].status]++;
    }
    for (int st = 0; st < (int)BITACTOR_STATUS_COUNT; st++)
        CHECK_EQ(c.rejected[st], want[st]);
    CHECK_EQ(c.accepted, 0);
    CHECK_EQ(a.used, 0); /* nothing rejected touched the arena */

    CHECK_EQ(bitactor_wire_decode(buf, n, &d, &a, &c), BITACTOR_OK);
    CHECK_EQ(bitactor_wire_decode(buf, n, &d, &a, &c), BITACTOR_OK);
    CHECK_EQ(d.payload_off, 16);
    CHECK_EQ(bitactor_wire_decode(buf, n, &d, &a, &c), BITACTOR_E_NOSPACE); /* 48 > 40 */
    CHECK_EQ(a.used, 32);
    CHECK_EQ(bitactor_wire_decode(buf, n, &d, NULL, &c), BITACTOR_E_NOSPACE);
    CHECK_EQ(c.accepted, 2);
    CHECK_EQ(c.rejected[BITACTOR_E_NOSPACE], 2);
    CHECK(memcmp(mem + 16, "ABCDEFGHIJKLMNOP", 16) == 0);

    /* No payload: no arena needed; and a decode without counters counts nothing. */
    buf[10] = buf[11] = 0;
    CHECK_EQ(bitactor_wire_decode(buf, 64, &d, NULL, NULL), BITACTOR_OK);
    CHECK_EQ(d.payload_len, 0);
    CHECK_EQ(d.payload_off, 0);
    CHECK_EQ(bitactor_validate(&d, NULL, NULL), BITACTOR_OK);
    CHECK_EQ(c.accepted, 2);
}

const struct tt_case tt_wire_cases[] = {
    {"wire.every_field_is_big_endian_at_its_offset", every_field_is_big_endian_at_its_offset},
    {"wire.random_headers_round_trip_both_ways", random_headers_round_trip_both_ways},
    {"wire.valid_signals_round_trip_through_the_wire", valid_signals_round_trip_through_the_wire},
    {"wire.encode_refuses_invalid_signals_and_small_buffers",
     encode_refuses_invalid_signals_and_small_buffers},
    {"wire.encode_writes_a_zero_offset", encode_writes_a_zero_offset},
    {"wire.decode_rejects_each_defect_and_counts_it", decode_rejects_each_defect_and_counts_it},
    {NULL, NULL},
};
