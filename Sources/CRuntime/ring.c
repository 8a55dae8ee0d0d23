/* ring.c: ring set-up and statistics, shared by both contracts. */
#include "ring_pvt.h"

static int ring_init(struct bitactor_ring *r, struct bitactor_signal *slots,
                     _Atomic uint32_t *ready, uint32_t capacity, uint32_t contract)
{
    if (r == NULL || slots == NULL || capacity == 0 || capacity > BITACTOR_RING_MAX_CAPACITY ||
        (capacity & (capacity - 1)) != 0)
        return BITACTOR_E_INVAL;
    memset(r, 0, sizeof *r);
    /* Init runs before the ring is shared; the thread that hands the ring to producers and
     * the consumer (thread creation, or its own release) publishes these plain stores. */
    atomic_init(&r->prod_head, 0);
    atomic_init(&r->full, 0);
    atomic_init(&r->cons_tail, 0);
    r->slots = slots;
    r->ready = ready;
    r->mask = capacity - 1u;
    r->capacity = capacity;
    r->contract = contract;
    if (ready != NULL)
        for (uint32_t i = 0; i < capacity; i++)
            atomic_init(&ready[i], 0);
    return BITACTOR_OK;
}

int bitactor_ring_init_spsc(struct bitactor_ring *r, struct bitactor_signal *slots,
                            uint32_t capacity)
{
    return ring_init(r, slots, NULL, capacity, BA_RING_SPSC);
}

int bitactor_ring_init_mpsc(struct bitactor_ring *r, struct bitactor_signal *slots,
                            _Atomic uint32_t *ready, uint32_t capacity)
{
    if (ready == NULL)
        return BITACTOR_E_INVAL;
    return ring_init(r, slots, ready, capacity, BA_RING_MPSC);
}

void bitactor_ring_stats(const struct bitactor_ring *r, struct bitactor_ring_stats *out)
{
    /* Relaxed, all three: statistics for any thread, pair with nothing. The consumer index is
     * read first so that count never underflows: cons_tail only ever trails prod_head. */
    const uint64_t deq = atomic_load_explicit(&r->cons_tail, memory_order_relaxed);
    const uint64_t enq = atomic_load_explicit(&r->prod_head, memory_order_relaxed);
    out->enqueued = enq;
    out->dequeued = deq;
    out->full = atomic_load_explicit(&r->full, memory_order_relaxed);
    out->count = enq >= deq ? enq - deq : 0;
    out->capacity = r->capacity;
}
