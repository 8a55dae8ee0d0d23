/* wire.c: the big-endian wire form (header, then payload), encode and decode. */
#include "validate_pvt.h"
#include "wire_pvt.h"

#include <string.h>

void bitactor_header_pack(const struct bitactor_signal *s, uint8_t out[BITACTOR_WIRE_HEADER])
{
    ba_store_be16(out + 0, s->kind);
    ba_store_be16(out + 2, s->flags);
    out[4] = s->family;
    out[5] = s->proto;
    ba_store_be16(out + 6, s->src_port);
    ba_store_be16(out + 8, s->dst_port);
    ba_store_be16(out + 10, s->payload_len);
    ba_store_be32(out + 12, s->payload_off);
    ba_store_be64(out + 16, s->timestamp);
    ba_store_be64(out + 24, s->key);
    memcpy(out + 32, s->src, 16);
    memcpy(out + 48, s->dst, 16);
}

void bitactor_header_unpack(const uint8_t in[BITACTOR_WIRE_HEADER], struct bitactor_signal *s)
{
    s->kind = ba_load_be16(in + 0);
    s->flags = ba_load_be16(in + 2);
    s->family = in[4];
    s->proto = in[5];
    s->src_port = ba_load_be16(in + 6);
    s->dst_port = ba_load_be16(in + 8);
    s->payload_len = ba_load_be16(in + 10);
    s->payload_off = ba_load_be32(in + 12);
    s->timestamp = ba_load_be64(in + 16);
    s->key = ba_load_be64(in + 24);
    memcpy(s->src, in + 32, 16);
    memcpy(s->dst, in + 48, 16);
}

size_t bitactor_wire_size(const struct bitactor_signal *s)
{
    return BITACTOR_WIRE_HEADER + (size_t)s->payload_len;
}

int bitactor_wire_encode(const struct bitactor_signal *s, const struct bitactor_arena *a,
                         uint8_t *out, size_t cap, size_t *written)
{
    const int st = bitactor_validate(s, a, NULL);
    if (st != BITACTOR_OK)
        return st;
    const size_t size = bitactor_wire_size(s);
    if (out == NULL || cap < size)
        return BITACTOR_E_NOSPACE;
    bitactor_header_pack(s, out);
    ba_store_be32(out + 12, 0); /* the payload follows the header */
    if (s->payload_len != 0)
        memcpy(out + BITACTOR_WIRE_HEADER, bitactor_payload(s, a), s->payload_len);
    if (written != NULL)
        *written = size;
    return BITACTOR_OK;
}

static int decode(const uint8_t *in, size_t len, struct bitactor_signal *out,
                  struct bitactor_arena *a)
{
    if (in == NULL || len < BITACTOR_WIRE_HEADER)
        return BITACTOR_E_TRUNCATED;
    bitactor_header_unpack(in, out);
    int st = ba_check_header(out);
    if (st != BITACTOR_OK)
        return st;
    if (out->payload_off != 0)
        return BITACTOR_E_OFFSET;
    const size_t want = bitactor_wire_size(out);
    if (len < want)
        return BITACTOR_E_TRUNCATED;
    if (len > want)
        return BITACTOR_E_LENGTH;
    if (out->payload_len == 0)
        return BITACTOR_OK; /* offset 0, length 0: in bounds of any arena */
    if (a == NULL)
        return BITACTOR_E_NOSPACE;
    uint32_t off;
    st = bitactor_arena_put(a, in + BITACTOR_WIRE_HEADER, out->payload_len, &off);
    if (st == BITACTOR_OK)
        out->payload_off = off;
    return st;
}

int bitactor_wire_decode(const uint8_t *in, size_t len, struct bitactor_signal *out,
                         struct bitactor_arena *a, struct bitactor_counters *c)
{
    return ba_count(c, decode(in, len, out, a));
}
