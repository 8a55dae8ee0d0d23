/* bitactor.h: public API of the BitActor core.
 *
 * Signals (a 64-byte header plus a payload in a caller-owned arena), their big-endian wire
 * form, validation, lock-free rings, table dispatch and tamper-evident telemetry.
 *
 * Conventions (after ck_ring and DPDK rte_ring):
 *   - Caller-owned storage. Every object lives in memory the caller passes in; no function in
 *     this library allocates, blocks or sleeps.
 *   - The suffix names the concurrency contract. `_spsc`: one producer thread and one consumer
 *     thread. `_mpsc`: any number of producer threads and one consumer thread. Functions
 *     without a suffix are for one thread at a time (the owner of the object).
 *   - Status codes: BITACTOR_OK (0) or a positive `enum bitactor_status`.
 *   - Structs are public so that callers can size them; their fields are read-only to callers
 *     unless a comment says otherwise. Internals live in the library's *_pvt.h files.
 *
 * docs/bitactor.md describes the layout, the wire format, the ring contracts, the counters and
 * the telemetry chain in more detail.
 */
#ifndef BITACTOR_H
#define BITACTOR_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version: bumped whenever a struct layout or a function signature changes. */
#define BITACTOR_VERSION 2

/* Returns BITACTOR_VERSION as compiled into the library. */
int bitactor_version(void);

/* ------------------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------------------ */

enum bitactor_status {
    BITACTOR_OK = 0,
    BITACTOR_E_KIND = 1,       /* kind is 0 or above BITACTOR_KIND_MAX; or no handler for it */
    BITACTOR_E_FLAGS = 2,      /* unknown flag bits, or INGRESS and EGRESS together */
    BITACTOR_E_FAMILY = 3,     /* address family is neither BITACTOR_AF_INET nor _INET6 */
    BITACTOR_E_ADDR = 4,       /* an IPv4 address with non-zero bytes beyond the first four */
    BITACTOR_E_PORT = 5,       /* ports set on a protocol that has none */
    BITACTOR_E_LENGTH = 6,     /* payload longer than BITACTOR_PAYLOAD_MAX; wire bytes left over */
    BITACTOR_E_BOUNDS = 7,     /* payload [off, off + len) outside the arena's used bytes */
    BITACTOR_E_OFFSET = 8,     /* wire form: payload offset field is not zero */
    BITACTOR_E_TRUNCATED = 9,  /* wire form: fewer bytes than the header or header + payload */
    BITACTOR_E_NOSPACE = 10,   /* the arena or the output buffer is too small */
    BITACTOR_E_FULL = 11,      /* the ring is full; the signal was rejected and counted */
    BITACTOR_E_EMPTY = 12,     /* the ring is empty */
    BITACTOR_E_INVAL = 13,     /* a bad argument (capacity not a power of two, null pointer) */
    BITACTOR_E_CHAIN = 14,     /* telemetry: the chain does not verify (see the report) */
    BITACTOR_E_CRYPTO = 15,    /* libsodium failed to initialise or to hash */
    BITACTOR_STATUS_COUNT = 16
};

/* A short, static, English name for a status ("bad kind"); never NULL. */
const char *bitactor_strerror(int status);

/* Outcome counters of validation and wire decoding. One instance per thread (plain integers,
 * no atomics): each ingest thread keeps its own and the owner sums them. */
struct bitactor_counters {
    uint64_t accepted;
    uint64_t rejected[BITACTOR_STATUS_COUNT]; /* indexed by enum bitactor_status; [0] unused */
};

void bitactor_counters_reset(struct bitactor_counters *c);
/* Sum of rejected[] over every status. */
uint64_t bitactor_counters_rejected(const struct bitactor_counters *c);

/* ------------------------------------------------------------------------------------------
 * Signals
 * ------------------------------------------------------------------------------------------ */

#define BITACTOR_KIND_COUNT 256u  /* dispatch table size */
#define BITACTOR_KIND_MAX 255u    /* valid kinds are 1..BITACTOR_KIND_MAX; 0 is reserved */
#define BITACTOR_PAYLOAD_MAX 9216u /* a jumbo frame */

#define BITACTOR_AF_INET 4u
#define BITACTOR_AF_INET6 6u

#define BITACTOR_PROTO_ICMP 1u
#define BITACTOR_PROTO_TCP 6u
#define BITACTOR_PROTO_UDP 17u
#define BITACTOR_PROTO_ICMPV6 58u
#define BITACTOR_PROTO_SCTP 132u

#define BITACTOR_F_INGRESS 0x0001u  /* arrived from outside */
#define BITACTOR_F_EGRESS 0x0002u   /* leaving; exclusive with INGRESS */
#define BITACTOR_F_FRAGMENT 0x0004u /* part of a fragmented datagram */
#define BITACTOR_F_TRACE 0x0008u    /* record this signal in telemetry */
#define BITACTOR_F_KNOWN 0x000Fu    /* every other bit must be zero */

/* The signal header: 64 bytes, host byte order in memory. The wire form has the same fields at
 * the same offsets, big-endian (addresses are already in network order). Offsets:
 *
 *   0 kind   2 flags   4 family   5 proto   6 src_port   8 dst_port   10 payload_len
 *  12 payload_off   16 timestamp   24 key   32 src[16]   48 dst[16]
 *
 * An IPv4 address takes src[0..3] / dst[0..3]; bytes 4..15 must be zero. The payload is
 * payload_len bytes at payload_off in an arena (struct bitactor_arena). Align arrays of
 * signals to 64 bytes for one signal per cache line (the structure itself needs only 8). */
struct bitactor_signal {
    uint16_t kind;        /* 1..BITACTOR_KIND_MAX: indexes the dispatch table */
    uint16_t flags;       /* BITACTOR_F_* */
    uint8_t family;       /* BITACTOR_AF_INET or BITACTOR_AF_INET6 */
    uint8_t proto;        /* IANA protocol number */
    uint16_t src_port;    /* zero unless proto is TCP, UDP or SCTP */
    uint16_t dst_port;
    uint16_t payload_len; /* 0..BITACTOR_PAYLOAD_MAX */
    uint32_t payload_off; /* offset in the arena; in the wire form, zero */
    uint64_t timestamp;   /* nanoseconds, any epoch the caller chooses */
    uint64_t key;         /* flow or rate-limit key, opaque to the core */
    uint8_t src[16];      /* network byte order */
    uint8_t dst[16];
};

/* Zeroes *s and sets its kind. */
void bitactor_signal_init(struct bitactor_signal *s, uint16_t kind);
/* Sets family BITACTOR_AF_INET and both addresses (4 bytes each, network order). */
void bitactor_signal_set_ipv4(struct bitactor_signal *s, const uint8_t src[4],
                              const uint8_t dst[4]);
/* Sets family BITACTOR_AF_INET6 and both addresses (16 bytes each). */
void bitactor_signal_set_ipv6(struct bitactor_signal *s, const uint8_t src[16],
                              const uint8_t dst[16]);

/* ------------------------------------------------------------------------------------------
 * Payload arena: a caller-owned byte buffer filled by bump allocation. One writer at a time;
 * a consumer on another thread may read a payload once the signal that names it has crossed a
 * ring (the ring's release/acquire pair orders the payload bytes too). The caller decides when
 * every reader is done and resets it.
 * ------------------------------------------------------------------------------------------ */

struct bitactor_arena {
    uint8_t *base;
    uint32_t capacity;
    uint32_t used; /* bytes [0, used) hold payloads */
};

int bitactor_arena_init(struct bitactor_arena *a, void *mem, uint32_t capacity);
/* Reserves len bytes; *off receives their offset. BITACTOR_E_NOSPACE when they do not fit. */
int bitactor_arena_alloc(struct bitactor_arena *a, uint32_t len, uint32_t *off);
/* bitactor_arena_alloc, then copies bytes in. */
int bitactor_arena_put(struct bitactor_arena *a, const void *bytes, uint32_t len, uint32_t *off);
void bitactor_arena_reset(struct bitactor_arena *a);
/* The payload of s, or NULL when it is outside the arena (a NULL arena allows only len 0). */
const uint8_t *bitactor_payload(const struct bitactor_signal *s, const struct bitactor_arena *a);

/* ------------------------------------------------------------------------------------------
 * Validation: every rule a signal must meet before it enters a ring. Returns BITACTOR_OK or
 * the first failed rule, in this order: KIND, FLAGS, FAMILY, ADDR, PORT, LENGTH, BOUNDS.
 * When c is not NULL the outcome is counted (accepted, or rejected[status]).
 * ------------------------------------------------------------------------------------------ */

int bitactor_validate(const struct bitactor_signal *s, const struct bitactor_arena *a,
                      struct bitactor_counters *c);

/* ------------------------------------------------------------------------------------------
 * Wire form: the header, big-endian, at the offsets above, then payload_len payload bytes.
 * The wire payload_off is zero (the payload follows the header).
 * ------------------------------------------------------------------------------------------ */

#define BITACTOR_WIRE_HEADER 64u

/* Byte order only, no checks: 64 bytes out / in. Every field round-trips. */
void bitactor_header_pack(const struct bitactor_signal *s, uint8_t out[BITACTOR_WIRE_HEADER]);
void bitactor_header_unpack(const uint8_t in[BITACTOR_WIRE_HEADER], struct bitactor_signal *s);

/* BITACTOR_WIRE_HEADER + s->payload_len. */
size_t bitactor_wire_size(const struct bitactor_signal *s);

/* Validates s against a, then writes the wire form into out[0..cap). *written (if not NULL)
 * receives the size. BITACTOR_E_NOSPACE if cap is too small; nothing is written on error. */
int bitactor_wire_encode(const struct bitactor_signal *s, const struct bitactor_arena *a,
                         uint8_t *out, size_t cap, size_t *written);

/* Decodes exactly len bytes: checks the header fields (as bitactor_validate, plus OFFSET),
 * then the length (TRUNCATED if short, LENGTH if bytes are left over), then copies the
 * payload into a (NOSPACE if it does not fit) and points out->payload_off at it. Counts the
 * outcome in c when c is not NULL. On error *out is unspecified and a is unchanged. */
int bitactor_wire_decode(const uint8_t *in, size_t len, struct bitactor_signal *out,
                         struct bitactor_arena *a, struct bitactor_counters *c);

/* ------------------------------------------------------------------------------------------
 * Rings of signal headers.
 *
 * Capacity is a power of two (BITACTOR_RING_DEFAULT_CAPACITY unless the caller needs other),
 * and every slot is usable: a ring of 1024 holds 1024 signals. Positions are free-running
 * 64-bit counters, so prod_head is the number of signals ever accepted and cons_tail the
 * number ever consumed.
 *
 * A full ring rejects: an enqueue takes what fits, rejects the rest and adds it to the `full`
 * counter. It never blocks, never overwrites, and never loses a signal it accepted. Producers
 * of an _mpsc ring never wait for one another (each slot has its own ready mark); the
 * consumer stops at the first slot whose producer has not finished writing it.
 *
 * Storage: slots[capacity] (64-byte aligned for speed), and for _mpsc also ready[capacity]
 * zeroed by init. Fields are padded so that the producer's and the consumer's written fields
 * never share a cache line, whatever the alignment of the struct.
 * ------------------------------------------------------------------------------------------ */

#define BITACTOR_RING_DEFAULT_CAPACITY 1024u
#define BITACTOR_RING_MAX_CAPACITY (1u << 30)
#define BITACTOR_RING_PAD 128 /* two cache lines: also defeats the adjacent-line prefetcher */

struct bitactor_ring {
    /* Written by producers, read by the consumer (_spsc). */
    _Atomic uint64_t prod_head;  /* next position to write (_spsc) or to claim (_mpsc) */
    char pad_head[BITACTOR_RING_PAD - sizeof(uint64_t)];
    /* Written by producers only: a producer spinning on a full ring writes here, not on the
     * line the consumer polls. */
    uint64_t prod_cons_cache;    /* _spsc producer's last view of cons_tail */
    _Atomic uint64_t full;       /* signals rejected because the ring was full */
    char pad_prod[BITACTOR_RING_PAD - 2 * sizeof(uint64_t)];
    /* Written by the consumer, read by producers. */
    _Atomic uint64_t cons_tail;  /* next position to read; positions below are free */
    char pad_tail[BITACTOR_RING_PAD - sizeof(uint64_t)];
    /* Written by the consumer only. */
    uint64_t cons_prod_cache;    /* _spsc consumer's last view of prod_head */
    char pad_cons[BITACTOR_RING_PAD - sizeof(uint64_t)];
    /* Read-only after init. */
    struct bitactor_signal *slots;
    _Atomic uint32_t *ready;     /* _mpsc only: per-slot mark (uint32_t)(position + 1) */
    uint64_t mask;
    uint32_t capacity;
    uint32_t contract;           /* internal: which init was used */
};

struct bitactor_ring_stats {
    uint64_t enqueued; /* accepted since init */
    uint64_t dequeued; /* consumed since init */
    uint64_t full;     /* rejected because full */
    uint64_t count;    /* in the ring now (enqueued - dequeued; approximate while running) */
    uint32_t capacity;
};

/* capacity: a power of two in 1..BITACTOR_RING_MAX_CAPACITY, else BITACTOR_E_INVAL. */
int bitactor_ring_init_spsc(struct bitactor_ring *r, struct bitactor_signal *slots,
                            uint32_t capacity);
int bitactor_ring_init_mpsc(struct bitactor_ring *r, struct bitactor_signal *slots,
                            _Atomic uint32_t *ready, uint32_t capacity);
/* Any thread; the figures are each exact, read one after the other. */
void bitactor_ring_stats(const struct bitactor_ring *r, struct bitactor_ring_stats *out);

/* Producer side. Single: BITACTOR_OK or BITACTOR_E_FULL. Burst: returns how many of
 * s[0..n) were accepted (a prefix); s[ret..n) were rejected and counted. */
int bitactor_ring_enqueue_spsc(struct bitactor_ring *r, const struct bitactor_signal *s);
uint32_t bitactor_ring_enqueue_burst_spsc(struct bitactor_ring *r,
                                          const struct bitactor_signal *s, uint32_t n);
int bitactor_ring_enqueue_mpsc(struct bitactor_ring *r, const struct bitactor_signal *s);
uint32_t bitactor_ring_enqueue_burst_mpsc(struct bitactor_ring *r,
                                          const struct bitactor_signal *s, uint32_t n);

/* Consumer side, copying. Single: BITACTOR_OK or BITACTOR_E_EMPTY. Burst: up to n, in order. */
int bitactor_ring_dequeue_spsc(struct bitactor_ring *r, struct bitactor_signal *out);
uint32_t bitactor_ring_dequeue_burst_spsc(struct bitactor_ring *r, struct bitactor_signal *out,
                                          uint32_t n);
int bitactor_ring_dequeue_mpsc(struct bitactor_ring *r, struct bitactor_signal *out);
uint32_t bitactor_ring_dequeue_burst_mpsc(struct bitactor_ring *r, struct bitactor_signal *out,
                                          uint32_t n);

/* Consumer side, zero-copy: peek returns up to max signals readable in place at *first (one
 * contiguous run, so fewer at the wrap), release(n) frees the first n of them. Peek again
 * before release sees the same signals. */
uint32_t bitactor_ring_peek_spsc(struct bitactor_ring *r, const struct bitactor_signal **first,
                                 uint32_t max);
void bitactor_ring_release_spsc(struct bitactor_ring *r, uint32_t n);
uint32_t bitactor_ring_peek_mpsc(struct bitactor_ring *r, const struct bitactor_signal **first,
                                 uint32_t max);
void bitactor_ring_release_mpsc(struct bitactor_ring *r, uint32_t n);

/* ------------------------------------------------------------------------------------------
 * Dispatch: a table indexed by kind. Owned by the consumer thread (plain counters).
 * ------------------------------------------------------------------------------------------ */

typedef void (*bitactor_handler_fn)(void *ctx, const struct bitactor_signal *s);

struct bitactor_dispatch_entry {
    bitactor_handler_fn fn; /* NULL: no handler, the kind is unknown */
    void *ctx;
};

struct bitactor_dispatch {
    struct bitactor_dispatch_entry entry[BITACTOR_KIND_COUNT];
    uint64_t dispatched; /* signals handed to a handler */
    uint64_t unknown;    /* signals rejected because their kind had no handler */
};

void bitactor_dispatch_init(struct bitactor_dispatch *d);
/* kind 1..BITACTOR_KIND_MAX, fn not NULL; replaces any previous handler. */
int bitactor_dispatch_register(struct bitactor_dispatch *d, uint16_t kind, bitactor_handler_fn fn,
                               void *ctx);
int bitactor_dispatch_unregister(struct bitactor_dispatch *d, uint16_t kind);
/* BITACTOR_OK, or BITACTOR_E_KIND (counted in d->unknown). */
int bitactor_dispatch_one(struct bitactor_dispatch *d, const struct bitactor_signal *s);
/* Dispatches s[0..n) in order; returns how many had a handler. */
uint32_t bitactor_dispatch_burst(struct bitactor_dispatch *d, const struct bitactor_signal *s,
                                 uint32_t n);

/* As bitactor_dispatch_burst, but signals of kind hot_kind (a valid kind) go to hot_fn
 * directly, whether or not the table has a handler for it. Inline so that a constant hot_fn
 * is inlined: no table load, no indirect call, and a run of hot signals is a tight loop with
 * no call in it, which the compiler can keep in registers. */
static inline uint32_t bitactor_dispatch_burst_hot(struct bitactor_dispatch *d,
                                                   const struct bitactor_signal *s, uint32_t n,
                                                   uint16_t hot_kind, bitactor_handler_fn hot_fn,
                                                   void *hot_ctx)
{
    const struct bitactor_signal *p = s, *const end = s + n;
    uint32_t unknown = 0;
    while (p != end) {
        if (p->kind == hot_kind) {
            do
                hot_fn(hot_ctx, p++);
            while (p != end && p->kind == hot_kind);
            continue;
        }
        const uint16_t k = p->kind;
        if (k < BITACTOR_KIND_COUNT && d->entry[k].fn != NULL)
            d->entry[k].fn(d->entry[k].ctx, p);
        else
            unknown++;
        p++;
    }
    d->dispatched += n - unknown;
    d->unknown += unknown;
    return n - unknown;
}

/* Peek, dispatch and release up to max signals from a ring (the consumer's loop body).
 * Returns how many signals left the ring (dispatched or counted unknown). */
uint32_t bitactor_drain_spsc(struct bitactor_ring *r, struct bitactor_dispatch *d, uint32_t max);
uint32_t bitactor_drain_mpsc(struct bitactor_ring *r, struct bitactor_dispatch *d, uint32_t max);

/* ------------------------------------------------------------------------------------------
 * Telemetry: a ring of trace records with sequence numbers, chained by keyed BLAKE2b-256
 * (libsodium crypto_generichash). One writer thread appends, one reader thread exports
 * (_spsc contract, without the suffix since there is no other). A full ring rejects the
 * record and counts it in `dropped`; dropped records take no sequence number.
 *
 *   mac(0)  = BLAKE2b-256(key, "bitactor.telemetry.v1" || chain_id as 8 bytes big-endian)
 *   mac(n)  = BLAKE2b-256(key, mac(n-1) || the record's first 32 bytes, big-endian)
 *
 * The chain head (seq, mac) after any record can be written to an audit log; the verifier
 * then proves that a run of exported records continues from one head and ends at another.
 * ------------------------------------------------------------------------------------------ */

#define BITACTOR_MAC_BYTES 32u
#define BITACTOR_TELEMETRY_KEY_BYTES 32u

/* Suggested event codes; the core gives no meaning to event or value. */
enum bitactor_event {
    BITACTOR_EV_ACCEPTED = 1, /* value: 0 */
    BITACTOR_EV_REJECTED = 2, /* value: the enum bitactor_status */
    BITACTOR_EV_DISPATCHED = 3,
    BITACTOR_EV_UNKNOWN_KIND = 4,
    BITACTOR_EV_RING_FULL = 5
};

/* 64 bytes: 0 seq, 8 timestamp, 16 key, 24 value, 28 kind, 30 event, 32 mac. */
struct bitactor_trace {
    uint64_t seq;       /* 1, 2, 3... assigned by append */
    uint64_t timestamp;
    uint64_t key;
    uint32_t value;
    uint16_t kind;
    uint16_t event;
    uint8_t mac[BITACTOR_MAC_BYTES]; /* mac(seq), assigned by append */
};

struct bitactor_chain_head {
    uint64_t seq; /* the last record's seq; 0 before the first */
    uint8_t mac[BITACTOR_MAC_BYTES];
};

struct bitactor_telemetry {
    /* Written by the writer. */
    _Atomic uint64_t head;     /* records appended = last seq */
    uint64_t tail_cache;       /* writer's last view of tail */
    _Atomic uint64_t dropped;  /* records rejected because the ring was full */
    uint8_t head_mac[BITACTOR_MAC_BYTES];
    char pad_writer[BITACTOR_RING_PAD - 3 * sizeof(uint64_t) - BITACTOR_MAC_BYTES];
    /* Written by the reader. */
    _Atomic uint64_t tail;     /* records exported */
    uint64_t head_cache;       /* reader's last view of head */
    char pad_reader[BITACTOR_RING_PAD - 2 * sizeof(uint64_t)];
    /* Read-only after init. */
    struct bitactor_trace *records;
    uint64_t mask;
    uint32_t capacity;
    uint32_t reserved;
    uint64_t chain_id;
    uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES];
};

/* records[capacity], capacity a power of two. Calls sodium_init(). BITACTOR_E_CRYPTO if
 * libsodium cannot start. */
int bitactor_telemetry_init(struct bitactor_telemetry *t, struct bitactor_trace *records,
                            uint32_t capacity, const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES],
                            uint64_t chain_id);
/* Writer: copies timestamp, key, value, kind and event from *ev, assigns seq and mac.
 * BITACTOR_OK, or BITACTOR_E_FULL (counted in dropped). *seq (if not NULL) receives the seq. */
int bitactor_telemetry_append(struct bitactor_telemetry *t, const struct bitactor_trace *ev,
                              uint64_t *seq);
/* Writer: the chain head after the last appended record. */
void bitactor_telemetry_head(const struct bitactor_telemetry *t, struct bitactor_chain_head *out);
/* Reader: moves up to max records, oldest first, into out[]; returns how many. */
uint32_t bitactor_telemetry_export(struct bitactor_telemetry *t, struct bitactor_trace *out,
                                   uint32_t max);

/* The head before the first record of a chain: seq 0, mac(0). */
int bitactor_telemetry_genesis(const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES], uint64_t chain_id,
                               struct bitactor_chain_head *out);

enum bitactor_fault {
    BITACTOR_FAULT_NONE = 0,
    BITACTOR_FAULT_REMOVED = 1,   /* a seq is missing and appears nowhere after */
    BITACTOR_FAULT_REORDERED = 2, /* a seq is out of place: it appears later, or came before */
    BITACTOR_FAULT_ALTERED = 3    /* the seq is right but the mac does not match */
};

struct bitactor_verify_report {
    enum bitactor_fault fault;
    size_t index;          /* first bad record; n when the fault is at the end (vs `to`) */
    uint64_t expected_seq; /* the seq the verifier expected at index */
    uint64_t found_seq;    /* the seq found there (expected_seq when altered; 0 at the end) */
    size_t verified;       /* records proven before the fault */
};

/* Checks that recs[0..n) continue the chain from head *from, one seq at a time, each mac
 * matching; and, when to is not NULL, that they end at head *to (records removed at the end
 * are REMOVED at index n). Returns BITACTOR_OK or BITACTOR_E_CHAIN; *rep says where. */
int bitactor_telemetry_verify(const uint8_t key[BITACTOR_TELEMETRY_KEY_BYTES],
                              const struct bitactor_chain_head *from,
                              const struct bitactor_trace *recs, size_t n,
                              const struct bitactor_chain_head *to,
                              struct bitactor_verify_report *rep);

#ifdef __cplusplus
}
#endif

#endif /* BITACTOR_H */
