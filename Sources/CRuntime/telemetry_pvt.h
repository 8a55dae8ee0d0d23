/* telemetry_pvt.h: the byte strings that the telemetry chain hashes. */
#ifndef BITACTOR_TELEMETRY_PVT_H
#define BITACTOR_TELEMETRY_PVT_H

#include "bitactor.h"
#include "wire_pvt.h"

#include <sodium.h>
#include <string.h>

#define BA_CHAIN_DOMAIN "bitactor.telemetry.v1"
#define BA_TRACE_BODY 32u /* seq, timestamp, key, value, kind, event: big-endian */

_Static_assert(sizeof(struct bitactor_trace) == 64, "a trace record is 64 bytes");
_Static_assert(offsetof(struct bitactor_trace, mac) == BA_TRACE_BODY, "mac follows the body");
_Static_assert(BITACTOR_MAC_BYTES == crypto_generichash_BYTES, "BLAKE2b-256");
_Static_assert(BITACTOR_TELEMETRY_KEY_BYTES >= crypto_generichash_KEYBYTES_MIN &&
                   BITACTOR_TELEMETRY_KEY_BYTES <= crypto_generichash_KEYBYTES_MAX,
               "key size accepted by crypto_generichash");

static inline void ba_trace_body(const struct bitactor_trace *r, uint8_t out[BA_TRACE_BODY])
{
    ba_store_be64(out + 0, r->seq);
    ba_store_be64(out + 8, r->timestamp);
    ba_store_be64(out + 16, r->key);
    ba_store_be32(out + 24, r->value);
    ba_store_be16(out + 28, r->kind);
    ba_store_be16(out + 30, r->event);
}

/* mac = BLAKE2b-256(key, prev || body(r)). 0 on success, -1 from libsodium. */
static inline int ba_trace_mac(const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES],
                               const uint8_t prev[BITACTOR_MAC_BYTES],
                               const struct bitactor_trace *r, uint8_t mac[BITACTOR_MAC_BYTES])
{
    uint8_t msg[BITACTOR_MAC_BYTES + BA_TRACE_BODY];
    memcpy(msg, prev, BITACTOR_MAC_BYTES);
    ba_trace_body(r, msg + BITACTOR_MAC_BYTES);
    return crypto_generichash(mac, BITACTOR_MAC_BYTES, msg, sizeof msg, key,
                              BITACTOR_TELEMETRY_KEY_BYTES);
}

#endif /* BITACTOR_TELEMETRY_PVT_H */
