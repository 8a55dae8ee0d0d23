/* ring_mpsc.c: the multi-producer single-consumer ring (algorithms in ring_pvt.h). */
#include "ring_pvt.h"

#include <assert.h>

int bitactor_ring_enqueue_mpsc(struct bitactor_ring *r, const struct bitactor_signal *s)
{
    assert(r->contract == BA_RING_MPSC);
    return ba_enqueue_mpsc(r, s, 1) == 1 ? BITACTOR_OK : BITACTOR_E_FULL;
}

uint32_t bitactor_ring_enqueue_burst_mpsc(struct bitactor_ring *r,
                                          const struct bitactor_signal *s, uint32_t n)
{
    assert(r->contract == BA_RING_MPSC);
    return ba_enqueue_mpsc(r, s, n);
}

int bitactor_ring_dequeue_mpsc(struct bitactor_ring *r, struct bitactor_signal *out)
{
    assert(r->contract == BA_RING_MPSC);
    return ba_dequeue(r, out, 1, ba_peek_mpsc) == 1 ? BITACTOR_OK : BITACTOR_E_EMPTY;
}

uint32_t bitactor_ring_dequeue_burst_mpsc(struct bitactor_ring *r, struct bitactor_signal *out,
                                          uint32_t n)
{
    assert(r->contract == BA_RING_MPSC);
    return ba_dequeue(r, out, n, ba_peek_mpsc);
}

uint32_t bitactor_ring_peek_mpsc(struct bitactor_ring *r, const struct bitactor_signal **first,
                                 uint32_t max)
{
    assert(r->contract == BA_RING_MPSC);
    return ba_peek_mpsc(r, first, max);
}

void bitactor_ring_release_mpsc(struct bitactor_ring *r, uint32_t n)
{
    assert(r->contract == BA_RING_MPSC);
#ifndef NDEBUG
    /* The consumer may release only ready slots. Debug builds only; the acquire pairs
     * with R2, as A3 does. */
    const uint64_t tail = atomic_load_explicit(&r->cons_tail, memory_order_relaxed);
    for (uint32_t i = 0; i < n; i++)
        assert(atomic_load_explicit(&r->ready[(tail + i) & r->mask], memory_order_acquire) ==
               (uint32_t)(tail + i + 1));
#endif
    ba_release(r, n);
}
