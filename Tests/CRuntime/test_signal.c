/* test_signal.c: the header layout, set-up helpers and the payload arena. */
#include "tt.h"
#include "test_util.h"

#include <string.h>

static void layout_is_64_bytes_at_documented_offsets(void)
{
    CHECK_EQ(sizeof(struct bitactor_signal), 64);
    CHECK_EQ(offsetof(struct bitactor_signal, kind), 0);
    CHECK_EQ(offsetof(struct bitactor_signal, flags), 2);
    CHECK_EQ(offsetof(struct bitactor_signal, family), 4);
    CHECK_EQ(offsetof(struct bitactor_signal, proto), 5);
    CHECK_EQ(offsetof(struct bitactor_signal, src_port), 6);
    CHECK_EQ(offsetof(struct bitactor_signal, dst_port), 8);
    CHECK_EQ(offsetof(struct bitactor_signal, payload_len), 10);
    CHECK_EQ(offsetof(struct bitactor_signal, payload_off), 12);
    CHECK_EQ(offsetof(struct bitactor_signal, timestamp), 16);
    CHECK_EQ(offsetof(struct bitactor_signal, key), 24);
    CHECK_EQ(offsetof(struct bitactor_signal, src), 32);
    CHECK_EQ(offsetof(struct bitactor_signal, dst), 48);
    CHECK_EQ(sizeof(struct bitactor_trace), 64);
    CHECK_EQ(bitactor_version(), BITACTOR_VERSION);
}

/* Fields written by different sides (or polled by the other side) lie >= 64 bytes apart, so
 * they never share a cache line whatever the struct's alignment. */
static void ring_fields_never_share_a_cache_line(void)
{
    const size_t groups[][2] = {
        /* first byte, one past the last byte of each group */
        {offsetof(struct bitactor_ring, prod_head), offsetof(struct bitactor_ring, prod_head) + 8},
        {offsetof(struct bitactor_ring, prod_cons_cache), offsetof(struct bitactor_ring, full) + 8},
        {offsetof(struct bitactor_ring, cons_tail), offsetof(struct bitactor_ring, cons_tail) + 8},
        {offsetof(struct bitactor_ring, cons_prod_cache),
         offsetof(struct bitactor_ring, cons_prod_cache) + 8},
        {offsetof(struct bitactor_ring, slots), sizeof(struct bitactor_ring)},
    };
    for (size_t i = 0; i + 1 < sizeof groups / sizeof groups[0]; i++)
        CHECK(groups[i + 1][0] - groups[i][1] >= 64);
    CHECK(offsetof(struct bitactor_telemetry, tail) -
              (offsetof(struct bitactor_telemetry, head_mac) + BITACTOR_MAC_BYTES) >=
          64);
    CHECK(offsetof(struct bitactor_telemetry, records) -
              (offsetof(struct bitactor_telemetry, head_cache) + sizeof(uint64_t)) >=
          64);
}

static void init_zeroes_and_sets_kind(void)
{
    struct bitactor_signal s;
    memset(&s, 0xA5, sizeof s);
    bitactor_signal_init(&s, 7);
    CHECK_EQ(s.kind, 7);
    const uint8_t *b = (const uint8_t *)&s;
    for (size_t i = 2; i < sizeof s; i++)
        CHECK_EQ(b[i], 0);
}

static void set_ipv4_clears_the_high_bytes(void)
{
    struct bitactor_signal s;
    memset(&s, 0xFF, sizeof s);
    const uint8_t src[4] = {192, 0, 2, 1}, dst[4] = {198, 51, 100, 7};
    bitactor_signal_set_ipv4(&s, src, dst);
    CHECK_EQ(s.family, BITACTOR_AF_INET);
    CHECK(memcmp(s.src, src, 4) == 0);
    CHECK(memcmp(s.dst, dst, 4) == 0);
    for (int i = 4; i < 16; i++) {
        CHECK_EQ(s.src[i], 0);
        CHECK_EQ(s.dst[i], 0);
    }
    uint8_t six[16];
    for (int i = 0; i < 16; i++)
        six[i] = (uint8_t)(0x20 + i);
    bitactor_signal_set_ipv6(&s, six, six);
    CHECK_EQ(s.family, BITACTOR_AF_INET6);
    CHECK(memcmp(s.src, six, 16) == 0 && memcmp(s.dst, six, 16) == 0);
}

static void arena_allocates_to_the_last_byte_and_no_further(void)
{
    uint8_t mem[100];
    struct bitactor_arena a;
    REQUIRE_EQ(bitactor_arena_init(&a, mem, sizeof mem), BITACTOR_OK);
    uint32_t off = 99;
    CHECK_EQ(bitactor_arena_alloc(&a, 0, &off), BITACTOR_OK);
    CHECK_EQ(off, 0);
    CHECK_EQ(bitactor_arena_put(&a, "abcdefghij", 10, &off), BITACTOR_OK);
    CHECK_EQ(off, 0);
    CHECK_EQ(bitactor_arena_alloc(&a, 90, &off), BITACTOR_OK);
    CHECK_EQ(off, 10);
    CHECK_EQ(a.used, 100);
    CHECK_EQ(bitactor_arena_alloc(&a, 1, &off), BITACTOR_E_NOSPACE);
    CHECK_EQ(bitactor_arena_alloc(&a, UINT32_MAX, &off), BITACTOR_E_NOSPACE);
    CHECK_EQ(a.used, 100);
    CHECK(memcmp(mem, "abcdefghij", 10) == 0);
    bitactor_arena_reset(&a);
    CHECK_EQ(a.used, 0);
    CHECK_EQ(bitactor_arena_alloc(&a, 101, &off), BITACTOR_E_NOSPACE);
    CHECK_EQ(bitactor_arena_init(NULL, mem, 1), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_arena_init(&a, NULL, 1), BITACTOR_E_INVAL);
    CHECK_EQ(bitactor_arena_init(&a, NULL, 0), BITACTOR_OK);
}

static void payload_is_found_only_inside_the_used_bytes(void)
{
    uint8_t mem[64];
    struct bitactor_arena a;
    bitactor_arena_init(&a, mem, sizeof mem);
    uint32_t off;
    bitactor_arena_put(&a, "0123456789", 10, &off);
    struct bitactor_signal s;
    bitactor_signal_init(&s, 1);
    s.payload_off = 2;
    s.payload_len = 8;
    CHECK(bitactor_payload(&s, &a) == mem + 2);
    s.payload_len = 9; /* one past used, still inside capacity: not a payload */
    CHECK(bitactor_payload(&s, &a) == NULL);
    s.payload_off = UINT32_MAX; /* off + len would wrap in 32 bits */
    s.payload_len = 2;
    CHECK(bitactor_payload(&s, &a) == NULL);
    s.payload_off = 10;
    s.payload_len = 0;
    CHECK(bitactor_payload(&s, &a) != NULL);
    s.payload_off = 11;
    CHECK(bitactor_payload(&s, &a) == NULL);
    s.payload_off = 0;
    CHECK(bitactor_payload(&s, NULL) != NULL);
    s.payload_len = 1;
    CHECK(bitactor_payload(&s, NULL) == NULL);
}

static void status_names_cover_every_code(void)
{
    for (int st = 0; st < (int)BITACTOR_STATUS_COUNT; st++) {
        const char *n = bitactor_strerror(st);
        CHECK(n != NULL && strcmp(n, "unknown status") != 0);
    }
    CHECK(strcmp(bitactor_strerror(-1), "unknown status") == 0);
    CHECK(strcmp(bitactor_strerror(BITACTOR_STATUS_COUNT), "unknown status") == 0);
    struct bitactor_counters c;
    bitactor_counters_reset(&c);
    c.rejected[BITACTOR_E_KIND] = 3;
    c.rejected[BITACTOR_E_TRUNCATED] = 4;
    c.accepted = 100;
    CHECK_EQ(bitactor_counters_rejected(&c), 7);
}

const struct tt_case tt_signal_cases[] = {
    {"signal.layout_is_64_bytes_at_documented_offsets", layout_is_64_bytes_at_documented_offsets},
    {"signal.ring_fields_never_share_a_cache_line", ring_fields_never_share_a_cache_line},
    {"signal.init_zeroes_and_sets_kind", init_zeroes_and_sets_kind},
    {"signal.set_ipv4_clears_the_high_bytes", set_ipv4_clears_the_high_bytes},
    {"signal.arena_allocates_to_the_last_byte_and_no_further",
     arena_allocates_to_the_last_byte_and_no_further},
    {"signal.payload_is_found_only_inside_the_used_bytes",
     payload_is_found_only_inside_the_used_bytes},
    {"signal.status_names_cover_every_code", status_names_cover_every_code},
    {NULL, NULL},
};
