/* test_util.c: helpers shared by the tests (see test_util.h). */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t tu_seed(void)
{
    const char *e = getenv("BITACTOR_TEST_SEED");
    return e != NULL && *e != '\0' ? strtoull(e, NULL, 0) : 0x5eed0b17ac70ull;
}

uint64_t tu_fnv(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

void tu_random_valid(struct tu_rng *rng, struct bitactor_signal *s, struct bitactor_arena *a,
                     uint32_t max_payload)
{
    static const uint8_t protos[] = {BITACTOR_PROTO_ICMP, BITACTOR_PROTO_TCP, BITACTOR_PROTO_UDP,
                                     BITACTOR_PROTO_ICMPV6, BITACTOR_PROTO_SCTP, 47 /* GRE */};
    static const uint16_t flag_sets[] = {0,
                                         BITACTOR_F_INGRESS,
                                         BITACTOR_F_EGRESS,
                                         BITACTOR_F_INGRESS | BITACTOR_F_FRAGMENT,
                                         BITACTOR_F_EGRESS | BITACTOR_F_TRACE,
                                         BITACTOR_F_FRAGMENT | BITACTOR_F_TRACE,
                                         BITACTOR_F_INGRESS | BITACTOR_F_FRAGMENT |
                                             BITACTOR_F_TRACE};
    bitactor_signal_init(s, (uint16_t)(1 + tu_below(rng, BITACTOR_KIND_MAX)));
    s->flags = flag_sets[tu_below(rng, sizeof flag_sets / sizeof flag_sets[0])];
    uint8_t src[16], dst[16];
    for (int i = 0; i < 16; i++) {
        src[i] = (uint8_t)tu_next(rng);
        dst[i] = (uint8_t)tu_next(rng);
    }
    if (tu_below(rng, 2) == 0)
        bitactor_signal_set_ipv4(s, src, dst);
    else
        bitactor_signal_set_ipv6(s, src, dst);
    s->proto = protos[tu_below(rng, sizeof protos)];
    if (s->proto == BITACTOR_PROTO_TCP || s->proto == BITACTOR_PROTO_UDP ||
        s->proto == BITACTOR_PROTO_SCTP) {
        s->src_port = (uint16_t)tu_next(rng);
        s->dst_port = (uint16_t)tu_next(rng);
    }
    s->timestamp = tu_next(rng);
    s->key = tu_next(rng);
    uint32_t len = max_payload == 0 ? 0 : tu_below(rng, max_payload + 1);
    if (a == NULL || len > a->capacity - a->used)
        len = 0;
    uint32_t off = 0;
    if (len != 0) {
        if (bitactor_arena_alloc(a, len, &off) != BITACTOR_OK)
            abort();
        for (uint32_t i = 0; i < len; i++)
            a->base[off + i] = (uint8_t)tu_next(rng);
    }
    s->payload_len = (uint16_t)len;
    s->payload_off = off;
}

int tu_signal_eq(const struct bitactor_signal *x, const struct bitactor_signal *y)
{
    return x->kind == y->kind && x->flags == y->flags && x->family == y->family &&
           x->proto == y->proto && x->src_port == y->src_port && x->dst_port == y->dst_port &&
           x->payload_len == y->payload_len && x->payload_off == y->payload_off &&
           x->timestamp == y->timestamp && x->key == y->key &&
           memcmp(x->src, y->src, 16) == 0 && memcmp(x->dst, y->dst, 16) == 0;
}

int tu_write_seeds(const char *dir)
{
    static uint8_t mem[1 << 16];
    struct bitactor_arena a;
    bitactor_arena_init(&a, mem, sizeof mem);
    struct tu_rng rng = {42};
    for (int i = 0; i < 8; i++) {
        struct bitactor_signal s;
        tu_random_valid(&rng, &s, &a, i == 0 ? 0 : 64u << i);
        uint8_t buf[BITACTOR_WIRE_HEADER + BITACTOR_PAYLOAD_MAX];
        size_t n;
        if (bitactor_wire_encode(&s, &a, buf, sizeof buf, &n) != BITACTOR_OK)
            return -1;
        char path[4096];
        snprintf(path, sizeof path, "%s/seed-%d", dir, i);
        FILE *f = fopen(path, "wb");
        if (f == NULL || fwrite(buf, 1, n, f) != n || fclose(f) != 0)
            return -1;
    }
    return 0;
}

void *tu_alloc(size_t n)
{
    const size_t rounded = (n + 63) & ~(size_t)63;
    void *p = aligned_alloc(64, rounded == 0 ? 64 : rounded);
    if (p == NULL) {
        fprintf(stderr, "out of memory (%zu bytes)\n", n);
        abort();
    }
    memset(p, 0, rounded);
    return p;
}
