/* signal.c: signal set-up and the payload arena. */
#include "signal_pvt.h"

#include <string.h>

_Static_assert(sizeof(struct bitactor_signal) == 64, "the signal header is 64 bytes");
_Static_assert(offsetof(struct bitactor_signal, flags) == 2, "layout");
_Static_assert(offsetof(struct bitactor_signal, family) == 4, "layout");
_Static_assert(offsetof(struct bitactor_signal, proto) == 5, "layout");
_Static_assert(offsetof(struct bitactor_signal, src_port) == 6, "layout");
_Static_assert(offsetof(struct bitactor_signal, dst_port) == 8, "layout");
_Static_assert(offsetof(struct bitactor_signal, payload_len) == 10, "layout");
_Static_assert(offsetof(struct bitactor_signal, payload_off) == 12, "layout");
_Static_assert(offsetof(struct bitactor_signal, timestamp) == 16, "layout");
_Static_assert(offsetof(struct bitactor_signal, key) == 24, "layout");
_Static_assert(offsetof(struct bitactor_signal, src) == 32, "layout");
_Static_assert(offsetof(struct bitactor_signal, dst) == 48, "layout");
_Static_assert(BITACTOR_PAYLOAD_MAX <= UINT16_MAX, "payload_len is 16 bits");

void bitactor_signal_init(struct bitactor_signal *s, uint16_t kind)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
}

void bitactor_signal_set_ipv4(struct bitactor_signal *s, const uint8_t src[4],
                              const uint8_t dst[4])
{
    s->family = BITACTOR_AF_INET;
    memset(s->src, 0, sizeof s->src);
    memset(s->dst, 0, sizeof s->dst);
    memcpy(s->src, src, 4);
    memcpy(s->dst, dst, 4);
}

void bitactor_signal_set_ipv6(struct bitactor_signal *s, const uint8_t src[16],
                              const uint8_t dst[16])
{
    s->family = BITACTOR_AF_INET6;
    memcpy(s->src, src, 16);
    memcpy(s->dst, dst, 16);
}

int bitactor_arena_init(struct bitactor_arena *a, void *mem, uint32_t capacity)
{
    if (a == NULL || (mem == NULL && capacity != 0))
        return BITACTOR_E_INVAL;
    a->base = mem;
    a->capacity = capacity;
    a->used = 0;
    return BITACTOR_OK;
}

int bitactor_arena_alloc(struct bitactor_arena *a, uint32_t len, uint32_t *off)
{
    if (len > a->capacity - a->used) /* used <= capacity always: no underflow */
        return BITACTOR_E_NOSPACE;
    *off = a->used;
    a->used += len;
    return BITACTOR_OK;
}

int bitactor_arena_put(struct bitactor_arena *a, const void *bytes, uint32_t len, uint32_t *off)
{
    const int st = bitactor_arena_alloc(a, len, off);
    if (st == BITACTOR_OK && len != 0)
        memcpy(a->base + *off, bytes, len);
    return st;
}

void bitactor_arena_reset(struct bitactor_arena *a) { a->used = 0; }

const uint8_t ba_empty_payload[1];

const uint8_t *bitactor_payload(const struct bitactor_signal *s, const struct bitactor_arena *a)
{
    return ba_payload(s, a);
}
