/* signal_pvt.h: the arena's payload lookup, inline for the evaluator's bursts (a call a signal,
 * with the AVX state cleared around it, where the lookup itself is a compare and an add);
 * bitactor_payload (signal.c) is the same lookup out of line. */
#ifndef BITACTOR_SIGNAL_PVT_H
#define BITACTOR_SIGNAL_PVT_H

#include "bitactor.h"

/* What an empty payload points at when there is no arena storage (signal.c). */
extern const uint8_t ba_empty_payload[1];

static inline const uint8_t *ba_payload(const struct bitactor_signal *s, const struct bitactor_arena *a)
{
    const uint64_t used = a != NULL ? a->used : 0;
    /* 64-bit sum: off + len cannot wrap. */
    if ((uint64_t)s->payload_off + s->payload_len > used)
        return NULL;
    return a != NULL && a->base != NULL ? a->base + s->payload_off : ba_empty_payload;
}

#endif /* BITACTOR_SIGNAL_PVT_H */
