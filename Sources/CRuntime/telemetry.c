/* telemetry.c: the trace ring, its keyed BLAKE2b chain, and the verifier.
 *
 * Atomics (writer = the thread that appends, reader = the thread that exports):
 *   T0  writer reads tail      acquire  <- pairs with T3: the reader has copied out every
 *                                          record below tail, so the writer may reuse it.
 *   T1  writer publishes head  release  -> pairs with T2: a record is complete (fields and
 *                                          mac) before the reader can see it.
 *   T2  reader reads head      acquire  <- pairs with T1.
 *   T3  reader publishes tail  release  -> pairs with T0.
 *   Own-index loads are relaxed (one writer per index); `dropped` is a relaxed statistic.
 */
#include "telemetry_pvt.h"

static int genesis_mac(const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES], uint64_t chain_id,
                       uint8_t mac[BITACTOR_MAC_BYTES])
{
    uint8_t msg[sizeof BA_CHAIN_DOMAIN - 1 + 8];
    memcpy(msg, BA_CHAIN_DOMAIN, sizeof BA_CHAIN_DOMAIN - 1);
    ba_store_be64(msg + sizeof BA_CHAIN_DOMAIN - 1, chain_id);
    return crypto_generichash(mac, BITACTOR_MAC_BYTES, msg, sizeof msg, key,
                              BITACTOR_TELEMETRY_KEY_BYTES) == 0
               ? BITACTOR_OK
               : BITACTOR_E_CRYPTO;
}

int bitactor_telemetry_genesis(const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES], uint64_t chain_id,
                               struct bitactor_chain_head *out)
{
    if (key == NULL || out == NULL)
        return BITACTOR_E_INVAL;
    if (sodium_init() < 0)
        return BITACTOR_E_CRYPTO;
    out->seq = 0;
    return genesis_mac(key, chain_id, out->mac);
}

int bitactor_telemetry_init(struct bitactor_telemetry *t, struct bitactor_trace *records,
                            uint32_t capacity, const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES],
                            uint64_t chain_id)
{
    if (t == NULL || records == NULL || key == NULL || capacity == 0 ||
        capacity > BITACTOR_RING_MAX_CAPACITY || (capacity & (capacity - 1)) != 0)
        return BITACTOR_E_INVAL;
    if (sodium_init() < 0)
        return BITACTOR_E_CRYPTO;
    memset(t, 0, sizeof *t);
    /* Before sharing: the thread that hands t to the writer and reader publishes these. */
    atomic_init(&t->head, 0);
    atomic_init(&t->dropped, 0);
    atomic_init(&t->tail, 0);
    t->records = records;
    t->mask = capacity - 1u;
    t->capacity = capacity;
    t->chain_id = chain_id;
    memcpy(t->key, key, BITACTOR_TELEMETRY_KEY_BYTES);
    return genesis_mac(key, chain_id, t->head_mac);
}

int bitactor_telemetry_append(struct bitactor_telemetry *t, const struct bitactor_trace *ev,
                              uint64_t *seq)
{
    /* Own index: only the writer stores head. */
    const uint64_t head = atomic_load_explicit(&t->head, memory_order_relaxed);
    if (head - t->tail_cache >= t->capacity) {
        /* T0: acquire, pairs with T3 (reader's release of tail). */
        t->tail_cache = atomic_load_explicit(&t->tail, memory_order_acquire);
        if (head - t->tail_cache >= t->capacity) {
            /* Relaxed statistic; the writer is its only writer. */
            atomic_store_explicit(&t->dropped,
                                  atomic_load_explicit(&t->dropped, memory_order_relaxed) + 1,
                                  memory_order_relaxed);
            return BITACTOR_E_FULL;
        }
    }
    struct bitactor_trace *rec = &t->records[head & t->mask];
    rec->seq = head + 1;
    rec->timestamp = ev->timestamp;
    rec->key = ev->key;
    rec->value = ev->value;
    rec->kind = ev->kind;
    rec->event = ev->event;
    if (ba_trace_mac(t->key, t->head_mac, rec, rec->mac) != 0)
        return BITACTOR_E_CRYPTO;
    memcpy(t->head_mac, rec->mac, BITACTOR_MAC_BYTES);
    /* T1: release, pairs with T2 (reader's acquire of head). */
    atomic_store_explicit(&t->head, head + 1, memory_order_release);
    if (seq != NULL)
        *seq = head + 1;
    return BITACTOR_OK;
}

void bitactor_telemetry_head(const struct bitactor_telemetry *t, struct bitactor_chain_head *out)
{
    /* Own index (writer thread): relaxed. */
    out->seq = atomic_load_explicit(&t->head, memory_order_relaxed);
    memcpy(out->mac, t->head_mac, BITACTOR_MAC_BYTES);
}

uint32_t bitactor_telemetry_export(struct bitactor_telemetry *t, struct bitactor_trace *out,
                                   uint32_t max)
{
    /* Own index: only the reader stores tail. */
    const uint64_t tail = atomic_load_explicit(&t->tail, memory_order_relaxed);
    if (t->head_cache - tail < max)
        /* T2: acquire, pairs with T1 (writer's release of head). */
        t->head_cache = atomic_load_explicit(&t->head, memory_order_acquire);
    const uint64_t avail = t->head_cache - tail;
    const uint32_t n = avail < max ? (uint32_t)avail : max;
    for (uint32_t i = 0; i < n; i++)
        out[i] = t->records[(tail + i) & t->mask];
    /* T3: release, pairs with T0 (writer's acquire of tail). */
    atomic_store_explicit(&t->tail, tail + n, memory_order_release);
    return n;
}

/* Is seq anywhere in recs[from..n)? */
static int seq_later(const struct bitactor_trace *recs, size_t from, size_t n, uint64_t seq)
{
    for (size_t j = from; j < n; j++)
        if (recs[j].seq == seq)
            return 1;
    return 0;
}

static int fault(struct bitactor_verify_report *rep, enum bitactor_fault f, size_t index,
                 uint64_t expected, uint64_t found)
{
    rep->fault = f;
    rep->index = index;
    rep->expected_seq = expected;
    rep->found_seq = found;
    rep->verified = index;
    return BITACTOR_E_CHAIN;
}

int bitactor_telemetry_verify(const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES],
                              const struct bitactor_chain_head *from,
                              const struct bitactor_trace *recs, size_t n,
                              const struct bitactor_chain_head *to,
                              struct bitactor_verify_report *rep)
{
    if (key == NULL || from == NULL || rep == NULL || (recs == NULL && n != 0))
        return BITACTOR_E_INVAL;
    if (sodium_init() < 0)
        return BITACTOR_E_CRYPTO;
    memset(rep, 0, sizeof *rep);
    uint64_t seq = from->seq;
    uint8_t mac[BITACTOR_MAC_BYTES];
    memcpy(mac, from->mac, sizeof mac);
    for (size_t i = 0; i < n; i++) {
        const uint64_t want = seq + 1;
        const struct bitactor_trace *r = &recs[i];
        if (r->seq == want) {
            uint8_t m[BITACTOR_MAC_BYTES];
            if (ba_trace_mac(key, mac, r, m) != 0)
                return BITACTOR_E_CRYPTO;
            if (sodium_memcmp(m, r->mac, sizeof m) != 0)
                return fault(rep, BITACTOR_FAULT_ALTERED, i, want, r->seq);
            memcpy(mac, m, sizeof mac);
            seq = want;
            continue;
        }
        /* Behind: it belongs earlier (or is a replay). Ahead: `want` is either later in the
         * run (moved) or nowhere (removed). */
        if (r->seq < want || seq_later(recs, i + 1, n, want))
            return fault(rep, BITACTOR_FAULT_REORDERED, i, want, r->seq);
        return fault(rep, BITACTOR_FAULT_REMOVED, i, want, r->seq);
    }
    if (to != NULL) {
        if (seq < to->seq)
            return fault(rep, BITACTOR_FAULT_REMOVED, n, seq + 1, 0);
        if (seq > to->seq || sodium_memcmp(mac, to->mac, sizeof mac) != 0)
            return fault(rep, BITACTOR_FAULT_ALTERED, n, to->seq, seq);
    }
    rep->fault = BITACTOR_FAULT_NONE;
    rep->index = n;
    rep->verified = n;
    return BITACTOR_OK;
}
