/* test_validate.c: each rule of bitactor_validate at its boundaries, the order of the rules,
 * and the counters. */
#include "tt.h"
#include "test_util.h"

#include <string.h>

static uint8_t mem[256];
static struct bitactor_arena arena;

/* A valid IPv4 TCP signal with an 8-byte payload at offset 0 of a 10-byte arena fill. */
static void good(struct bitactor_signal *s)
{
    bitactor_arena_init(&arena, mem, sizeof mem);
    uint32_t off;
    bitactor_arena_put(&arena, "0123456789", 10, &off);
    bitactor_signal_init(s, 1);
    const uint8_t a[4] = {10, 1, 2, 3}, b[4] = {10, 3, 2, 1};
    bitactor_signal_set_ipv4(s, a, b);
    s->proto = BITACTOR_PROTO_TCP;
    s->src_port = 1234;
    s->dst_port = 80;
    s->payload_off = 0;
    s->payload_len = 8;
}

static int check(const struct bitactor_signal *s) { return bitactor_validate(s, &arena, NULL); }

static void kind_must_be_1_to_255(void)
{
    struct bitactor_signal s;
    good(&s);
    const struct { uint16_t kind; int st; } cases[] = {
        {0, BITACTOR_E_KIND}, {1, BITACTOR_OK}, {255, BITACTOR_OK},
        {256, BITACTOR_E_KIND}, {65535, BITACTOR_E_KIND},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        s.kind = cases[i].kind;
        CHECK_EQ(check(&s), cases[i].st);
    }
}

static void flags_must_be_known_and_not_both_directions(void)
{
    struct bitactor_signal s;
    good(&s);
    for (unsigned f = 0; f <= 0xF; f++) {
        s.flags = (uint16_t)f;
        const int both = (f & 3u) == 3u;
        CHECK_EQ(check(&s), both ? BITACTOR_E_FLAGS : BITACTOR_OK);
    }
    for (int bit = 4; bit < 16; bit++) {
        s.flags = (uint16_t)(1u << bit);
        CHECK_EQ(check(&s), BITACTOR_E_FLAGS);
    }
}

static void family_must_be_4_or_6(void)
{
    struct bitactor_signal s;
    good(&s);
    for (unsigned f = 0; f < 256; f++) {
        s.family = (uint8_t)f;
        CHECK_EQ(check(&s), f == 4 || f == 6 ? BITACTOR_OK : BITACTOR_E_FAMILY);
    }
}

static void ipv4_addresses_have_zero_high_bytes(void)
{
    struct bitactor_signal s;
    for (int i = 0; i < 16; i++) {
        for (int which = 0; which < 2; which++) {
            good(&s);
            (which ? s.dst : s.src)[i] = 0x80;
            CHECK_EQ(check(&s), i < 4 ? BITACTOR_OK : BITACTOR_E_ADDR);
            s.family = BITACTOR_AF_INET6; /* any byte is fine in IPv6 */
            CHECK_EQ(check(&s), BITACTOR_OK);
        }
    }
}

static void ports_only_on_tcp_udp_sctp(void)
{
    struct bitactor_signal s;
    good(&s);
    for (unsigned p = 0; p < 256; p++) {
        s.proto = (uint8_t)p;
        const int has = p == 6 || p == 17 || p == 132;
        s.src_port = 1;
        s.dst_port = 0;
        CHECK_EQ(check(&s), has ? BITACTOR_OK : BITACTOR_E_PORT);
        s.src_port = 0;
        s.dst_port = 1;
        CHECK_EQ(check(&s), has ? BITACTOR_OK : BITACTOR_E_PORT);
        s.dst_port = 0;
        CHECK_EQ(check(&s), BITACTOR_OK);
    }
}

static void length_at_most_payload_max(void)
{
    static uint8_t big[BITACTOR_PAYLOAD_MAX + 8];
    struct bitactor_arena a;
    bitactor_arena_init(&a, big, sizeof big);
    uint32_t off;
    bitactor_arena_alloc(&a, sizeof big, &off);
    struct bitactor_signal s;
    good(&s);
    s.payload_len = BITACTOR_PAYLOAD_MAX;
    CHECK_EQ(bitactor_validate(&s, &a, NULL), BITACTOR_OK);
    s.payload_len = BITACTOR_PAYLOAD_MAX + 1;
    CHECK_EQ(bitactor_validate(&s, &a, NULL), BITACTOR_E_LENGTH);
    s.payload_len = UINT16_MAX;
    CHECK_EQ(bitactor_validate(&s, &a, NULL), BITACTOR_E_LENGTH);
}

static void payload_must_lie_in_the_arena(void)
{
    struct bitactor_signal s;
    good(&s);
    s.payload_off = 2;
    s.payload_len = 8; /* ends at 10 == used */
    CHECK_EQ(check(&s), BITACTOR_OK);
    s.payload_off = 3;
    CHECK_EQ(check(&s), BITACTOR_E_BOUNDS);
    s.payload_off = UINT32_MAX;
    s.payload_len = 1;
    CHECK_EQ(check(&s), BITACTOR_E_BOUNDS);
    s.payload_off = 0;
    CHECK_EQ(bitactor_validate(&s, NULL, NULL), BITACTOR_E_BOUNDS);
    s.payload_len = 0;
    CHECK_EQ(bitactor_validate(&s, NULL, NULL), BITACTOR_OK);
}

static void rules_apply_in_documented_order(void)
{
    struct bitactor_signal s;
    good(&s);
    s.kind = 0;
    s.flags = 0xFFFF;
    s.family = 9;
    s.proto = 1;
    s.payload_len = 60000;
    s.payload_off = 5000;
    CHECK_EQ(check(&s), BITACTOR_E_KIND);
    s.kind = 5;
    CHECK_EQ(check(&s), BITACTOR_E_FLAGS);
    s.flags = 0;
    CHECK_EQ(check(&s), BITACTOR_E_FAMILY);
    s.family = 4;
    s.src[9] = 1;
    CHECK_EQ(check(&s), BITACTOR_E_ADDR);
    s.src[9] = 0;
    CHECK_EQ(check(&s), BITACTOR_E_PORT);
    s.proto = BITACTOR_PROTO_UDP;
    CHECK_EQ(check(&s), BITACTOR_E_LENGTH);
    s.payload_len = 100;
    CHECK_EQ(check(&s), BITACTOR_E_BOUNDS);
    s.payload_off = 0;
    s.payload_len = 10;
    CHECK_EQ(check(&s), BITACTOR_OK);
}

static void outcomes_are_counted_exactly(void)
{
    struct bitactor_counters c;
    bitactor_counters_reset(&c);
    struct bitactor_signal s;
    good(&s);
    for (int i = 0; i < 7; i++)
        bitactor_validate(&s, &arena, &c);
    s.kind = 0;
    for (int i = 0; i < 3; i++)
        bitactor_validate(&s, &arena, &c);
    s.kind = 1;
    s.payload_off = 100;
    bitactor_validate(&s, &arena, &c);
    CHECK_EQ(c.accepted, 7);
    CHECK_EQ(c.rejected[BITACTOR_E_KIND], 3);
    CHECK_EQ(c.rejected[BITACTOR_E_BOUNDS], 1);
    CHECK_EQ(bitactor_counters_rejected(&c), 4);
}

const struct tt_case tt_validate_cases[] = {
    {"validate.kind_must_be_1_to_255", kind_must_be_1_to_255},
    {"validate.flags_must_be_known_and_not_both_directions",
     flags_must_be_known_and_not_both_directions},
    {"validate.family_must_be_4_or_6", family_must_be_4_or_6},
    {"validate.ipv4_addresses_have_zero_high_bytes", ipv4_addresses_have_zero_high_bytes},
    {"validate.ports_only_on_tcp_udp_sctp", ports_only_on_tcp_udp_sctp},
    {"validate.length_at_most_payload_max", length_at_most_payload_max},
    {"validate.payload_must_lie_in_the_arena", payload_must_lie_in_the_arena},
    {"validate.rules_apply_in_documented_order", rules_apply_in_documented_order},
    {"validate.outcomes_are_counted_exactly", outcomes_are_counted_exactly},
    {NULL, NULL},
};
