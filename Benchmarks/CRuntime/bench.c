/* bench.c: throughput of the BitActor ring + dispatch against two baselines, in one run.
 *
 *   ours   bitactor rings (library calls, one per batch) + bitactor_dispatch_burst_hot
 *          (kind 1 inlined, the table for the rest)
 *   bare   a plain C ring, push/pop one signal at a time, a function table; across two
 *          threads, acquire/release indices (as it must) published once per batch
 *   naive  a ring with a sequentially consistent atomic on every index access of every
 *          push and pop, and the function table
 *
 * Every handler is a distinct function, so a mix of kinds costs what it costs (indirect
 * branches that the predictor cannot learn). Timers are read around whole runs of batches of
 * 32 signals, never per signal. Each figure is the best of BENCH_REPS runs, the runs of the
 * implementations interleaved so that clock changes hit them alike; the median is printed too.
 * Prints figures only: it asserts nothing about time.
 */
#define _POSIX_C_SOURCE 200809L
#include "bitactor.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline uint64_t ticks(void) { return __rdtsc(); }
#else
static inline uint64_t ticks(void) { return 0; }
#endif

enum { BATCH = 32, POOL = 1 << 16, CAP = BITACTOR_RING_DEFAULT_CAPACITY };

/* ---- handlers: 256 distinct functions ------------------------------------------------ */

struct acc {
    uint64_t sum;
};
static struct acc ACC;

#define HDEF(n)                                                                                \
    static void h_##n(void *ctx, const struct bitactor_signal *s)                              \
    {                                                                                          \
        ((struct acc *)ctx)->sum += s->key ^ (uint64_t)0x##n;                                  \
    }
#define HROW(r)                                                                                \
    HDEF(r##0) HDEF(r##1) HDEF(r##2) HDEF(r##3) HDEF(r##4) HDEF(r##5) HDEF(r##6) HDEF(r##7)    \
    HDEF(r##8) HDEF(r##9) HDEF(r##a) HDEF(r##b) HDEF(r##c) HDEF(r##d) HDEF(r##e) HDEF(r##f)
HROW(0) HROW(1) HROW(2) HROW(3) HROW(4) HROW(5) HROW(6) HROW(7)
HROW(8) HROW(9) HROW(a) HROW(b) HROW(c) HROW(d) HROW(e) HROW(f)
#define HREF(n) h_##n,
#define HREFROW(r)                                                                             \
    HREF(r##0) HREF(r##1) HREF(r##2) HREF(r##3) HREF(r##4) HREF(r##5) HREF(r##6) HREF(r##7)    \
    HREF(r##8) HREF(r##9) HREF(r##a) HREF(r##b) HREF(r##c) HREF(r##d) HREF(r##e) HREF(r##f)
static const bitactor_handler_fn HANDLERS[256] = {
    HREFROW(0) HREFROW(1) HREFROW(2) HREFROW(3) HREFROW(4) HREFROW(5) HREFROW(6) HREFROW(7)
    HREFROW(8) HREFROW(9) HREFROW(a) HREFROW(b) HREFROW(c) HREFROW(d) HREFROW(e) HREFROW(f)};

#define HOT_KIND 1
#define HOT_FN h_01

/* The baselines' table: what a C program writes first. */
static struct {
    bitactor_handler_fn fn;
    void *ctx;
} TABLE[256];

/* ---- the bare ring ------------------------------------------------------------------- */

struct bare {
    struct bitactor_signal *slots;
    uint32_t mask;
    uint32_t head; /* single thread: plain */
    char pad[128];
    uint32_t tail;
};

static inline int bare_push(struct bare *b, const struct bitactor_signal *s)
{
    if (b->head - b->tail == CAP)
        return 0;
    b->slots[b->head++ & b->mask] = *s;
    return 1;
}

static inline int bare_pop(struct bare *b, struct bitactor_signal *s)
{
    if (b->head == b->tail)
        return 0;
    *s = b->slots[b->tail++ & b->mask];
    return 1;
}

/* Two threads: the bare ring needs acquire/release indices to be correct at all. The bare
 * baseline publishes once per batch (push_n / pop_n); the naive one does a sequentially
 * consistent load or store of an index on every single push and pop. */
struct bare_mt {
    struct bitactor_signal *slots;
    uint32_t mask;
    _Atomic uint32_t head;
    char pad[128];
    _Atomic uint32_t tail;
    char pad2[128];
};

static inline uint32_t bare_mt_push_n(struct bare_mt *b, const struct bitactor_signal *s,
                                      uint32_t n)
{
    const uint32_t h = atomic_load_explicit(&b->head, memory_order_relaxed);
    const uint32_t room = CAP - (h - atomic_load_explicit(&b->tail, memory_order_acquire));
    n = n < room ? n : room;
    for (uint32_t i = 0; i < n; i++)
        b->slots[(h + i) & b->mask] = s[i];
    atomic_store_explicit(&b->head, h + n, memory_order_release);
    return n;
}

static inline uint32_t bare_mt_pop_n(struct bare_mt *b, struct bitactor_signal *s, uint32_t n)
{
    const uint32_t t = atomic_load_explicit(&b->tail, memory_order_relaxed);
    const uint32_t avail = atomic_load_explicit(&b->head, memory_order_acquire) - t;
    n = n < avail ? n : avail;
    for (uint32_t i = 0; i < n; i++)
        s[i] = b->slots[(t + i) & b->mask];
    atomic_store_explicit(&b->tail, t + n, memory_order_release);
    return n;
}

static inline int naive_push(struct bare_mt *b, const struct bitactor_signal *s)
{
    const uint32_t h = atomic_load(&b->head);
    if (h - atomic_load(&b->tail) == CAP)
        return 0;
    b->slots[h & b->mask] = *s;
    atomic_store(&b->head, h + 1);
    return 1;
}

static inline int naive_pop(struct bare_mt *b, struct bitactor_signal *s)
{
    const uint32_t t = atomic_load(&b->tail);
    if (atomic_load(&b->head) == t)
        return 0;
    *s = b->slots[t & b->mask];
    atomic_store(&b->tail, t + 1);
    return 1;
}

/* ---- the workloads ------------------------------------------------------------------- */

static struct bitactor_signal *SIGS;        /* POOL signals of the current mix */
static struct bitactor_signal *SLOTS;
static _Atomic uint32_t *READY;
static uint64_t TOTAL;                      /* signals per run */
static struct bitactor_dispatch D;

static void setup_mix(unsigned kinds, uint64_t seed)
{
    for (uint32_t i = 0; i < POOL; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        bitactor_signal_init(&SIGS[i], (uint16_t)(1 + (kinds == 1 ? 0 : (seed >> 33) % kinds)));
        SIGS[i].family = BITACTOR_AF_INET;
        SIGS[i].key = seed;
        SIGS[i].timestamp = i;
    }
}

/* ours, one thread: enqueue a batch, then peek, dispatch in place and release it. */
static void run_ours_st(void)
{
    struct bitactor_ring r;
    bitactor_ring_init_spsc(&r, SLOTS, CAP);
    for (uint64_t i = 0; i < TOTAL; i += BATCH) {
        bitactor_ring_enqueue_burst_spsc(&r, &SIGS[i & (POOL - 1)], BATCH);
        for (uint32_t left = BATCH; left != 0;) {
            const struct bitactor_signal *p;
            const uint32_t n = bitactor_ring_peek_spsc(&r, &p, left);
            bitactor_dispatch_burst_hot(&D, p, n, HOT_KIND, HOT_FN, &ACC);
            bitactor_ring_release_spsc(&r, n);
            left -= n;
        }
    }
}

static void run_bare_st(void)
{
    struct bare b = {.slots = SLOTS, .mask = CAP - 1};
    for (uint64_t i = 0; i < TOTAL; i += BATCH) {
        const struct bitactor_signal *src = &SIGS[i & (POOL - 1)];
        for (int j = 0; j < BATCH; j++)
            bare_push(&b, &src[j]);
        struct bitactor_signal s;
        while (bare_pop(&b, &s))
            TABLE[s.kind].fn(TABLE[s.kind].ctx, &s);
    }
}

static struct bare_mt BMT;

static void run_naive_st(void)
{
    BMT.slots = SLOTS;
    BMT.mask = CAP - 1;
    atomic_store(&BMT.head, 0);
    atomic_store(&BMT.tail, 0);
    for (uint64_t i = 0; i < TOTAL; i += BATCH) {
        const struct bitactor_signal *src = &SIGS[i & (POOL - 1)];
        for (int j = 0; j < BATCH; j++)
            naive_push(&BMT, &src[j]);
        struct bitactor_signal s;
        while (naive_pop(&BMT, &s))
            TABLE[s.kind].fn(TABLE[s.kind].ctx, &s);
    }
}

/* Two threads: a producer thread feeds batches, the calling thread consumes. */
static struct bitactor_ring R2;
static int MT_IMPL; /* 0 ours spsc, 1 ours mpsc, 2 bare, 3 naive */
static _Atomic int GO;

static void *producer(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&GO, memory_order_acquire))
        ;
    for (uint64_t i = 0; i < TOTAL; i += BATCH) {
        const struct bitactor_signal *src = &SIGS[i & (POOL - 1)];
        uint32_t done = 0;
        switch (MT_IMPL) {
        case 0:
            while (done < BATCH)
                done += bitactor_ring_enqueue_burst_spsc(&R2, src + done, BATCH - done);
            break;
        case 1:
            while (done < BATCH)
                done += bitactor_ring_enqueue_burst_mpsc(&R2, src + done, BATCH - done);
            break;
        case 2:
            while (done < BATCH)
                done += bare_mt_push_n(&BMT, src + done, BATCH - done);
            break;
        default:
            for (; done < BATCH; done += (uint32_t)naive_push(&BMT, &src[done]))
                ;
            break;
        }
    }
    return NULL;
}

static void consume_mt(void)
{
    uint64_t got = 0;
    while (got < TOTAL) {
        if (MT_IMPL <= 1) {
            const struct bitactor_signal *p;
            const uint32_t n = MT_IMPL == 0 ? bitactor_ring_peek_spsc(&R2, &p, BATCH)
                                            : bitactor_ring_peek_mpsc(&R2, &p, BATCH);
            bitactor_dispatch_burst_hot(&D, p, n, HOT_KIND, HOT_FN, &ACC);
            if (MT_IMPL == 0)
                bitactor_ring_release_spsc(&R2, n);
            else
                bitactor_ring_release_mpsc(&R2, n);
            got += n;
        } else if (MT_IMPL == 2) {
            struct bitactor_signal s[BATCH];
            const uint32_t n = bare_mt_pop_n(&BMT, s, BATCH);
            for (uint32_t j = 0; j < n; j++)
                TABLE[s[j].kind].fn(TABLE[s[j].kind].ctx, &s[j]);
            got += n;
        } else {
            struct bitactor_signal s;
            for (int j = 0; j < BATCH && naive_pop(&BMT, &s); j++, got++)
                TABLE[s.kind].fn(TABLE[s.kind].ctx, &s);
        }
    }
}

static void run_mt(int impl)
{
    MT_IMPL = impl;
    if (impl == 0)
        bitactor_ring_init_spsc(&R2, SLOTS, CAP);
    else if (impl == 1)
        bitactor_ring_init_mpsc(&R2, SLOTS, READY, CAP);
    BMT.slots = SLOTS;
    BMT.mask = CAP - 1;
    atomic_store(&BMT.head, 0);
    atomic_store(&BMT.tail, 0);
    atomic_store(&GO, 0);
    pthread_t p;
    if (pthread_create(&p, NULL, producer, NULL) != 0) {
        perror("pthread_create");
        exit(1);
    }
    atomic_store_explicit(&GO, 1, memory_order_release);
    consume_mt();
    pthread_join(p, NULL);
}

static void run_mt_ours_spsc(void) { run_mt(0); }
static void run_mt_ours_mpsc(void) { run_mt(1); }
static void run_mt_bare(void) { run_mt(2); }
static void run_mt_naive(void) { run_mt(3); }

/* ---- measurement ---------------------------------------------------------------------- */

struct sample {
    double ns, ticks;
};

static struct sample measure(void (*fn)(void))
{
    struct timespec a, b;
    ACC.sum = 0;
    D.dispatched = D.unknown = 0;
    clock_gettime(CLOCK_MONOTONIC, &a);
    const uint64_t t0 = ticks();
    fn();
    const uint64_t t1 = ticks();
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (ACC.sum == 0) /* keeps the handlers' work alive */
        fprintf(stderr, "(empty sum)\n");
    return (struct sample){(double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec),
                           (double)(t1 - t0)};
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct row {
    const char *mode, *mix, *impl;
    void (*fn)(void);
    double best_ns, median_ns, best_ticks;
};

static void measure_rows(struct row *rows, int n, int reps)
{
    double ns[16][32], tk[16][32];
    for (int rep = 0; rep < reps; rep++)
        for (int i = 0; i < n; i++) {
            const struct sample s = measure(rows[i].fn);
            ns[i][rep] = s.ns;
            tk[i][rep] = s.ticks;
        }
    for (int i = 0; i < n; i++) {
        qsort(ns[i], (size_t)reps, sizeof(double), cmp_double);
        qsort(tk[i], (size_t)reps, sizeof(double), cmp_double);
        rows[i].best_ns = ns[i][0];
        rows[i].median_ns = ns[i][reps / 2];
        rows[i].best_ticks = tk[i][0];
    }
}

static void print_row(const struct row *r)
{
    const double sig = (double)TOTAL;
    printf("%-10s %-9s %-11s %9.1f %9.1f %8.2f %8.2f\n", r->mode, r->mix, r->impl,
           sig / r->best_ns * 1e3, sig / r->median_ns * 1e3, r->best_ns / sig,
           r->best_ticks / sig);
}

int main(void)
{
    const char *e = getenv("BENCH_SIGNALS");
    TOTAL = e ? strtoull(e, NULL, 0) : (1ull << 24);
    TOTAL = (TOTAL + POOL - 1) / POOL * POOL;
    e = getenv("BENCH_REPS");
    int reps = e ? atoi(e) : 7;
    if (reps < 1 || reps > 32)
        reps = 7;

    SIGS = aligned_alloc(64, POOL * sizeof *SIGS);
    SLOTS = aligned_alloc(64, CAP * sizeof *SLOTS);
    READY = aligned_alloc(64, CAP * sizeof *READY);
    if (!SIGS || !SLOTS || !READY)
        return 1;
    bitactor_dispatch_init(&D);
    for (unsigned k = 1; k < 256; k++) {
        bitactor_dispatch_register(&D, (uint16_t)k, HANDLERS[k], &ACC);
        TABLE[k].fn = HANDLERS[k];
        TABLE[k].ctx = &ACC;
    }

    /* TSC rate, for reading ticks against ns. */
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    const uint64_t t0 = ticks();
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < 100000000L);
    const double ghz = (double)(ticks() - t0) /
                       ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec));

    printf("BitActor ring + dispatch: %llu signals per run, batches of %d, ring %d, best of %d "
           "(median also shown); TSC %.2f GHz\n",
           (unsigned long long)TOTAL, BATCH, CAP, reps, ghz);
    printf("%-10s %-9s %-11s %9s %9s %8s %8s\n", "mode", "mix", "impl", "Msig/s", "median",
           "ns/sig", "ticks/sig");

    static const struct {
        const char *name;
        unsigned kinds;
    } mixes[] = {{"1 kind", 1}, {"8 kinds", 8}, {"255 kinds", 255}};
    double ratio_st[3], ratio_mt[2], med_st[3], med_mt[2];
    double ours_one_kind_ticks = 0, ours_one_kind_ms = 0;
    for (int m = 0; m < 3; m++) {
        setup_mix(mixes[m].kinds, 12345 + (uint64_t)m);
        struct row rows[3] = {
            {"1 thread", mixes[m].name, "ours", run_ours_st, 0, 0, 0},
            {"1 thread", mixes[m].name, "bare", run_bare_st, 0, 0, 0},
            {"1 thread", mixes[m].name, "naive", run_naive_st, 0, 0, 0},
        };
        measure_rows(rows, 3, reps);
        for (int i = 0; i < 3; i++)
            print_row(&rows[i]);
        ratio_st[m] = rows[1].best_ns / rows[0].best_ns;
        med_st[m] = rows[1].median_ns / rows[0].median_ns;
        if (m == 0) {
            ours_one_kind_ticks = rows[0].best_ticks / (double)TOTAL;
            ours_one_kind_ms = (double)TOTAL / rows[0].best_ns * 1e3;
        }
    }
    for (int m = 0; m < 2; m++) {
        setup_mix(mixes[m].kinds, 777 + (uint64_t)m);
        struct row rows[4] = {
            {"2 threads", mixes[m].name, "ours spsc", run_mt_ours_spsc, 0, 0, 0},
            {"2 threads", mixes[m].name, "ours mpsc", run_mt_ours_mpsc, 0, 0, 0},
            {"2 threads", mixes[m].name, "bare", run_mt_bare, 0, 0, 0},
            {"2 threads", mixes[m].name, "naive", run_mt_naive, 0, 0, 0},
        };
        measure_rows(rows, 4, reps);
        for (int i = 0; i < 4; i++)
            print_row(&rows[i]);
        ratio_mt[m] = rows[2].best_ns / rows[0].best_ns;
        med_mt[m] = rows[2].median_ns / rows[0].median_ns;
    }
    printf("\nratio ours/bare (throughput):   best   median\n");
    for (int m = 0; m < 3; m++)
        printf("  1 thread  %-9s             %5.2fx  %5.2fx\n", mixes[m].name, ratio_st[m],
               med_st[m]);
    for (int m = 0; m < 2; m++)
        printf("  2 threads %-9s (spsc)      %5.2fx  %5.2fx\n", mixes[m].name, ratio_mt[m],
               med_mt[m]);
    printf("\ntargets: ours/bare >= 0.80 per mix (1 thread): %s; one kind >= 57.8 Msig/s: %s "
           "(%.1f); <= 8 ticks/signal, one kind: %s (%.2f)\n",
           ratio_st[0] >= 0.8 && ratio_st[1] >= 0.8 && ratio_st[2] >= 0.8 ? "met" : "NOT met",
           ours_one_kind_ms >= 57.8 ? "met" : "NOT met", ours_one_kind_ms,
           ours_one_kind_ticks <= 8.0 ? "met" : "NOT met", ours_one_kind_ticks);
    free(SIGS);
    free(SLOTS);
    free((void *)READY);
    return 0;
}
