/* ring_spsc.c: the single-producer single-consumer ring (algorithms in ring_pvt.h). */
#include "ring_pvt.h"

#include <assert.h>

int bitactor_ring_enqueue_spsc(struct bitactor_ring *r, const struct bitactor_signal *s)
{
    assert(r->contract == BA_RING_SPSC);
    return ba_enqueue_spsc(r, s, 1) == 1 ? BITACTOR_OK : BITACTOR_E_FULL;
}

uint32_t bitactor_ring_enqueue_burst_spsc(struct bitactor_ring *r,
                                          const struct bitactor_signal *s, uint32_t n)
{
    assert(r->contract == BA_RING_SPSC);
    return ba_enqueue_spsc(r, s, n);
}

int bitactor_ring_dequeue_spsc(struct bitactor_ring *r, struct bitactor_signal *out)
{
    assert(r->contract == BA_RING_SPSC);
    return ba_dequeue(r, out, 1, ba_peek_spsc) == 1 ? BITACTOR_OK : BITACTOR_E_EMPTY;
}

uint32_t bitactor_ring_dequeue_burst_spsc(struct bitactor_ring *r, struct bitactor_signal *out,
                                          uint32_t n)
{
    assert(r->contract == BA_RING_SPSC);
    return ba_dequeue(r, out, n, ba_peek_spsc);
}

uint32_t bitactor_ring_peek_spsc(struct bitactor_ring *r, const struct bitactor_signal **first,
                                 uint32_t max)
{
    assert(r->contract == BA_RING_SPSC);
    return ba_peek_spsc(r, first, max);
}

void bitactor_ring_release_spsc(struct bitactor_ring *r, uint32_t n)
{
    assert(r->contract == BA_RING_SPSC);
    /* The consumer may release only what it has seen (its cache covers every peeked slot). */
    assert(n <= r->cons_prod_cache - atomic_load_explicit(&r->cons_tail, memory_order_relaxed));
    ba_release(r, n);
}
