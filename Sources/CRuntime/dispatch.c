/* dispatch.c: the handler table indexed by signal kind, and the consumer's drain loop. */
#include "ring_pvt.h"

void bitactor_dispatch_init(struct bitactor_dispatch *d) { memset(d, 0, sizeof *d); }

int bitactor_dispatch_register(struct bitactor_dispatch *d, uint16_t kind, bitactor_handler_fn fn,
                               void *ctx)
{
    if (kind == 0 || kind > BITACTOR_KIND_MAX)
        return BITACTOR_E_KIND;
    if (fn == NULL)
        return BITACTOR_E_INVAL;
    d->entry[kind].fn = fn;
    d->entry[kind].ctx = ctx;
    return BITACTOR_OK;
}

int bitactor_dispatch_unregister(struct bitactor_dispatch *d, uint16_t kind)
{
    if (kind == 0 || kind > BITACTOR_KIND_MAX)
        return BITACTOR_E_KIND;
    d->entry[kind].fn = NULL;
    d->entry[kind].ctx = NULL;
    return BITACTOR_OK;
}

/* The table lookup; kind 0 never has a handler (register refuses it). */
static inline const struct bitactor_dispatch_entry *lookup(const struct bitactor_dispatch *d,
                                                           uint16_t kind)
{
    if (BA_UNLIKELY(kind >= BITACTOR_KIND_COUNT) || BA_UNLIKELY(d->entry[kind].fn == NULL))
        return NULL;
    return &d->entry[kind];
}

int bitactor_dispatch_one(struct bitactor_dispatch *d, const struct bitactor_signal *s)
{
    const struct bitactor_dispatch_entry *e = lookup(d, s->kind);
    if (e == NULL) {
        d->unknown++;
        return BITACTOR_E_KIND;
    }
    e->fn(e->ctx, s);
    d->dispatched++;
    return BITACTOR_OK;
}

uint32_t bitactor_dispatch_burst(struct bitactor_dispatch *d, const struct bitactor_signal *s,
                                 uint32_t n)
{
    uint32_t done = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct bitactor_dispatch_entry *e = lookup(d, s[i].kind);
        if (e != NULL) {
            e->fn(e->ctx, &s[i]);
            done++;
        }
    }
    d->dispatched += done;
    d->unknown += n - done;
    return done;
}

static uint32_t drain(struct bitactor_ring *r, struct bitactor_dispatch *d, uint32_t max,
                      ba_peek_fn peek)
{
    uint32_t out = 0;
    for (int run = 0; run < 2 && out < max; run++) { /* at most one wrap */
        const struct bitactor_signal *p;
        const uint32_t k = peek(r, &p, max - out);
        if (k == 0)
            break;
        bitactor_dispatch_burst(d, p, k);
        ba_release(r, k);
        out += k;
    }
    return out;
}

uint32_t bitactor_drain_spsc(struct bitactor_ring *r, struct bitactor_dispatch *d, uint32_t max)
{
    return drain(r, d, max, ba_peek_spsc);
}

uint32_t bitactor_drain_mpsc(struct bitactor_ring *r, struct bitactor_dispatch *d, uint32_t max)
{
    return drain(r, d, max, ba_peek_mpsc);
}
