/* ring_pvt.h: the ring algorithms, inline, for ring_spsc.c, ring_mpsc.c and dispatch.c.
 *
 * Every atomic access carries a label and names the access it pairs with:
 *
 *   R0  producer publishes prod_head (_spsc)         release  -> pairs with A1
 *   A1  consumer reads prod_head (_spsc)             acquire  <- pairs with R0
 *   R2  producer marks a slot ready (_mpsc)          release  -> pairs with A3
 *   A3  consumer reads a slot's ready mark (_mpsc)   acquire  <- pairs with R2
 *   R1  consumer publishes cons_tail (both)          release  -> pairs with A0
 *   A0  producer reads cons_tail (both)              acquire  <- pairs with R1
 *   C0  producer claims positions on prod_head (_mpsc), compare-and-swap, relaxed: it orders
 *       nothing; it only hands each position to exactly one producer. Slot contents are
 *       ordered by R2/A3 and slot reuse by R1/A0.
 *   Own-index loads are relaxed: only this side writes the index it reads.
 *   Statistics (`full`) are relaxed: counters, read by nobody for ordering.
 *
 * R0/A1 and R2/A3: the consumer sees a slot's signal only after the producer wrote all of it.
 * R1/A0: the producer overwrites a slot only after the consumer finished reading it.
 */
#ifndef BITACTOR_RING_PVT_H
#define BITACTOR_RING_PVT_H

#include "bitactor.h"

#include <string.h>

enum { BA_RING_SPSC = 0x53505343u, BA_RING_MPSC = 0x4d505343u };

#if defined(__GNUC__)
#define BA_LIKELY(x) __builtin_expect(!!(x), 1)
#define BA_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define BA_PREFETCH(p) __builtin_prefetch((p), 0, 3)
#else
#define BA_LIKELY(x) (x)
#define BA_UNLIKELY(x) (x)
#define BA_PREFETCH(p) ((void)(p))
#endif

static inline uint32_t ba_min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }

/* Counts n rejected signals. _spsc: the one producer is the only writer, so a load and a
 * store suffice (relaxed: a statistic, pairs with nothing). */
static inline void ba_count_full_single(struct bitactor_ring *r, uint64_t n)
{
    atomic_store_explicit(&r->full, atomic_load_explicit(&r->full, memory_order_relaxed) + n,
                          memory_order_relaxed);
}

/* _mpsc: several producers, so an atomic add (relaxed: a statistic, pairs with nothing). */
static inline void ba_count_full_multi(struct bitactor_ring *r, uint64_t n)
{
    atomic_fetch_add_explicit(&r->full, n, memory_order_relaxed);
}

/* Copies s[0..n) into the slots of positions [pos, pos + n), split at the wrap. */
static inline void ba_copy_in(struct bitactor_ring *r, uint64_t pos,
                              const struct bitactor_signal *s, uint32_t n)
{
    const uint32_t idx = (uint32_t)(pos & r->mask);
    const uint32_t first = ba_min_u32(n, r->capacity - idx);
    memcpy(&r->slots[idx], s, (size_t)first * sizeof *s);
    if (first < n)
        memcpy(&r->slots[0], s + first, (size_t)(n - first) * sizeof *s);
}

/* ---- producer, _spsc ---------------------------------------------------------------- */

static inline uint32_t ba_enqueue_spsc(struct bitactor_ring *r, const struct bitactor_signal *s,
                                       uint32_t n)
{
    /* Own index: only this producer writes prod_head. */
    const uint64_t head = atomic_load_explicit(&r->prod_head, memory_order_relaxed);
    uint64_t free = (uint64_t)r->capacity - (head - r->prod_cons_cache);
    if (free < n) {
        /* A0: acquire, pairs with R1 (consumer's release of cons_tail): the consumer has
         * finished reading every slot below the value we read, so we may overwrite them. */
        r->prod_cons_cache = atomic_load_explicit(&r->cons_tail, memory_order_acquire);
        free = (uint64_t)r->capacity - (head - r->prod_cons_cache);
        if (free < n) {
            ba_count_full_single(r, n - free);
            n = (uint32_t)free;
            if (n == 0)
                return 0;
        }
    }
    ba_copy_in(r, head, s, n);
    /* R0: release, pairs with A1 (consumer's acquire of prod_head): the slot writes above are
     * visible to the consumer before the new head is. */
    atomic_store_explicit(&r->prod_head, head + n, memory_order_release);
    return n;
}

/* ---- producer, _mpsc ---------------------------------------------------------------- */

static inline uint32_t ba_enqueue_mpsc(struct bitactor_ring *r, const struct bitactor_signal *s,
                                       uint32_t n)
{
    uint32_t m;
    /* Relaxed: a guess; C0 below fails and reloads it if another producer moved it. */
    uint64_t head = atomic_load_explicit(&r->prod_head, memory_order_relaxed);
    for (;;) {
        /* A0: acquire, pairs with R1 (consumer's release of cons_tail): slots below
         * cons_tail + capacity are no longer read. Loaded after head, so a stale head can
         * only overstate the free space, and then C0 fails. */
        const uint64_t tail = atomic_load_explicit(&r->cons_tail, memory_order_acquire);
        const uint64_t free = (uint64_t)r->capacity + tail - head;
        m = free < n ? (uint32_t)free : n;
        if (m == 0)
            break;
        /* C0: claim [head, head + m); relaxed both ways (see the file comment). On failure
         * head receives the current value and we recompute. */
        if (atomic_compare_exchange_weak_explicit(&r->prod_head, &head, head + m,
                                                  memory_order_relaxed, memory_order_relaxed))
            break;
    }
    if (m < n)
        ba_count_full_multi(r, (uint64_t)(n - m));
    if (m == 0)
        return 0;
    ba_copy_in(r, head, s, m);
    for (uint32_t i = 0; i < m; i++) {
        const uint64_t pos = head + i;
        /* R2: release, pairs with A3 (consumer's acquire of this mark): the slot written
         * above is visible before the mark that says it is ready. */
        atomic_store_explicit(&r->ready[pos & r->mask], (uint32_t)(pos + 1), memory_order_release);
    }
    return m;
}

/* ---- consumer, both contracts ------------------------------------------------------- */

static inline uint32_t ba_peek_spsc(struct bitactor_ring *r, const struct bitactor_signal **first,
                                    uint32_t max)
{
    /* Own index: only the consumer writes cons_tail. */
    const uint64_t tail = atomic_load_explicit(&r->cons_tail, memory_order_relaxed);
    uint64_t avail = r->cons_prod_cache - tail;
    if (avail < max) {
        /* A1: acquire, pairs with R0 (producer's release of prod_head): every slot below the
         * value we read is fully written. */
        r->cons_prod_cache = atomic_load_explicit(&r->prod_head, memory_order_acquire);
        avail = r->cons_prod_cache - tail;
    }
    const uint32_t idx = (uint32_t)(tail & r->mask);
    const uint32_t n = ba_min_u32(avail < max ? (uint32_t)avail : max, r->capacity - idx);
    *first = &r->slots[idx];
    return n;
}

static inline uint32_t ba_peek_mpsc(struct bitactor_ring *r, const struct bitactor_signal **first,
                                    uint32_t max)
{
    /* Own index: only the consumer writes cons_tail. */
    const uint64_t tail = atomic_load_explicit(&r->cons_tail, memory_order_relaxed);
    const uint32_t idx = (uint32_t)(tail & r->mask);
    const uint32_t lim = ba_min_u32(max, r->capacity - idx);
    uint32_t n = 0;
    /* A3: acquire, pairs with R2 (the producer's release of the mark): the slot is fully
     * written. Stop at the first slot not yet marked for this lap. */
    while (n < lim && atomic_load_explicit(&r->ready[idx + n], memory_order_acquire) ==
                          (uint32_t)(tail + n + 1))
        n++;
    *first = &r->slots[idx];
    return n;
}

static inline void ba_release(struct bitactor_ring *r, uint32_t n)
{
    /* Own index: only the consumer writes cons_tail. */
    const uint64_t tail = atomic_load_explicit(&r->cons_tail, memory_order_relaxed);
    /* R1: release, pairs with A0 (producer's acquire of cons_tail): our reads of the released
     * slots happen before any producer overwrites them. */
    atomic_store_explicit(&r->cons_tail, tail + n, memory_order_release);
}

typedef uint32_t (*ba_peek_fn)(struct bitactor_ring *, const struct bitactor_signal **, uint32_t);

/* Copying dequeue on top of peek/release: at most two runs (before and after the wrap). */
static inline uint32_t ba_dequeue(struct bitactor_ring *r, struct bitactor_signal *out, uint32_t n,
                                  ba_peek_fn peek)
{
    uint32_t got = 0;
    for (int run = 0; run < 2 && got < n; run++) {
        const struct bitactor_signal *p;
        const uint32_t k = peek(r, &p, n - got);
        if (k == 0)
            break;
        memcpy(out + got, p, (size_t)k * sizeof *p);
        ba_release(r, k);
        got += k;
    }
    return got;
}

#endif /* BITACTOR_RING_PVT_H */
