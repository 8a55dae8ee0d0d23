/* bitactor_rules.h: the rule evaluator of the BitActor core.
 *
 * A rule set is compiled once into a `struct bitactor_ruleset`: read-only tables the evaluator
 * walks for every signal. The same layout is what `ttlc build` writes as const C data into
 * ops/rules/rules.c, so a table built in memory and one compiled from rules.c are the same bytes.
 *
 * Evaluation is a bit-vector classification (one bit per rule, rules in priority order):
 *   - each condition gives the set of rules it lets through: a longest-prefix-match trie per
 *     direction and family (stride 8, leaf-pushed: the longest matching prefix carries the
 *     union of every rule whose prefix covers it), a sorted port table per direction, a table
 *     per protocol and per signal kind;
 *   - the payload condition comes from an Aho–Corasick DFA over byte classes behind a
 *     prefilter that finds the positions where a pattern may start; only from those does the
 *     DFA walk, for as long as its state still spells a string that starts there (its depth).
 *     When every pattern has m >= 4 bytes, the prefilter is a bitmap of hashed windows of
 *     W bytes (8 KiB; W = 3 when m <= 6, else 4) looked up at every s-th position only,
 *     s = m - W + 1 up to 4 (the bitmap holds each pattern's first s windows), eight lookups at
 *     once with AVX2 where the CPU has it (chosen at run time); with a shorter pattern, a
 *     bitmap of every pattern's first two
 *     bytes (8 KiB) at every position. The scan runs only when a rule still standing has
 *     payload patterns, and stops once every such rule has matched;
 *   - the surviving bits are taken lowest first: a rule with a rate holds only when its token
 *     bucket is empty; a LOG rule is counted and evaluation goes on; any other rule decides.
 *     No rule decides: the verdict is BITACTOR_ACT_NONE (let through).
 *
 * Storage is the caller's: the compiled tables (bitactor_rules_bounds says how much), the
 * bucket table of the rate limits, and per-thread counters. Nothing here allocates.
 */
#ifndef BITACTOR_RULES_H
#define BITACTOR_RULES_H

#include "bitactor.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BITACTOR_RULES_MAX 256u        /* rules in one set (the width of a rule mask) */
#define BITACTOR_MASK_WORDS 4u         /* 4 x 64 bits */
#define BITACTOR_RULE_NONE 0xFFFFu     /* verdict.rule when no rule decided */
#define BITACTOR_PATTERN_MAX 255u      /* bytes in one payload pattern */
#define BITACTOR_AC_STATES_MAX 32767u  /* automaton states, the root included (15-bit ids) */
#define BITACTOR_LPM_CHILD 0x80000000u /* trie entry: a child node index, not a mask index */
#define BITACTOR_RATE_LIMIT_MAX 1000000u
#define BITACTOR_RATE_WINDOW_MIN 1000000ull          /* 1 ms, in ns */
#define BITACTOR_RATE_WINDOW_MAX 3600000000000ull    /* 1 h: limit x window fits 64 bits */
#define BITACTOR_VERDICT_LOGS 8u       /* LOG rules recorded in one verdict (all are counted) */
#define BITACTOR_PREFILTER_WORDS 2052u /* 65536 two-byte starts + 256 one-byte patterns + 65536
                                          * hashed window starts, in bits */

enum bitactor_action {
    BITACTOR_ACT_NONE = 0, /* no rule decided: the signal goes through */
    BITACTOR_ACT_ALLOW = 1,
    BITACTOR_ACT_DROP = 2,
    BITACTOR_ACT_BLOCK = 3,
    BITACTOR_ACT_CHALLENGE = 4,
    BITACTOR_ACT_LOG = 5,
    BITACTOR_ACT_RATE_LIMIT = 6,
    BITACTOR_ACT_COUNT = 7
};

/* Short lowercase names ("rate-limit"; "none" for BITACTOR_ACT_NONE); never NULL. */
const char *bitactor_action_name(int action);

enum bitactor_rate_key {
    BITACTOR_RATE_NONE = 0, /* the rule has no rate */
    BITACTOR_RATE_BY_SOURCE = 1,
    BITACTOR_RATE_BY_DESTINATION = 2,
    BITACTOR_RATE_BY_SIGNAL_KEY = 3
};

struct bitactor_rule_mask {
    uint64_t w[BITACTOR_MASK_WORDS]; /* bit r of word r/64: rule r */
};

/* ------------------------------------------------------------------------------------------
 * The compiled table (read-only once built; share it between any number of threads).
 * ------------------------------------------------------------------------------------------ */

struct bitactor_rule {
    const char *name;
    int32_t priority;
    uint8_t action;       /* enum bitactor_action, not NONE */
    uint8_t rate_key;     /* enum bitactor_rate_key */
    uint16_t reserved;
    uint32_t rate_limit;  /* signals per window per key; 0 without a rate */
    uint32_t reserved2;
    uint64_t rate_window; /* ns */
};

struct bitactor_port_entry {
    uint16_t port;
    uint16_t mask; /* index into masks */
};

enum bitactor_lpm_trie { BITACTOR_LPM_SRC4 = 0, BITACTOR_LPM_DST4, BITACTOR_LPM_SRC6, BITACTOR_LPM_DST6 };

/* A compressed trie node (after Poptrie): of its 256 entries, those whose bit is set in child
 * are child nodes, numbered consecutively from child_base in entry order; the others are leaves,
 * stored once per run of equal values: a bit in leaf marks where a run starts, and the value of
 * entry k is leaves[leaf_base + (runs started at or before k) - 1]. child_before[w] and
 * leaf_before[w] count the bits set in the words before word w, so that a rank is one popcount
 * of one word, not four. 80 bytes instead of 256 entries, so that the tries stay in cache. */
struct bitactor_lpm_node {
    uint64_t child[4];
    uint64_t leaf[4];
    uint32_t child_base;
    uint32_t leaf_base;
    uint8_t child_before[4];
    uint8_t leaf_before[4];
};

/* The direct level of a trie: one 16-bit entry for each value of an address's first two bytes,
 * the outcome of the walk's first two steps: BITACTOR_LPM_DIRECT_LEAF | a mask index when the
 * walk ends there, else the node it goes on from at the third byte. A trie gets one when it
 * holds at least BITACTOR_LPM_DIRECT_PREFIXES prefixes longer than 8 bits (below that most
 * addresses end at the root, one step) and the storage has room (bounds.lpm_direct); then a
 * random address costs one load of a 128 KiB table where it cost two dependent node steps,
 * each a bitmap test and a rank, and the rule evaluator's bursts about 0.88 of the time. */
#define BITACTOR_LPM_DIRECT_ENTRIES 65536u
#define BITACTOR_LPM_DIRECT_LEAF 0x8000u
#define BITACTOR_LPM_DIRECT_PREFIXES 64u

struct bitactor_ruleset {
    uint32_t n_rules;
    uint32_t n_masks;
    const struct bitactor_rule *rules;       /* [n_rules], in evaluation order */
    const struct bitactor_rule_mask *masks;  /* [n_masks]; masks[0] is empty */
    /* Tries, stride 8: compressed nodes and their leaf values (mask indexes). */
    const struct bitactor_lpm_node *lpm;     /* [n_lpm_nodes] */
    const uint16_t *lpm_leaves;              /* [n_lpm_leaves] */
    uint32_t n_lpm_nodes;
    uint32_t n_lpm_leaves;
    uint32_t lpm_root[4];                    /* by enum bitactor_lpm_trie */
    const uint16_t *lpm_direct[4];           /* [BITACTOR_LPM_DIRECT_ENTRIES] or NULL, by trie */
    const uint16_t *proto_mask;              /* [256] by IANA protocol */
    const uint16_t *kind_mask;               /* [256] by signal kind */
    const struct bitactor_port_entry *src_ports; /* [n_src_ports], sorted by port */
    const struct bitactor_port_entry *dst_ports;
    uint32_t n_src_ports;
    uint32_t n_dst_ports;
    uint16_t src_port_other;                 /* mask of a port not in the table */
    uint16_t dst_port_other;
    /* Payload: the byte-class map, the DFA and the output mask of each state. */
    uint16_t payload_rules;                  /* mask: rules with payload patterns */
    uint16_t pattern_min;                    /* bytes in the shortest pattern (0: none) */
    uint16_t rate_rules;                     /* mask: rules with a rate */
    uint16_t reserved;
    const uint8_t *ac_class;                 /* [256] */
    const uint16_t *ac_next;                 /* [n_ac_states * n_ac_classes]; bit 15: has output */
    const uint16_t *ac_out;                  /* [n_ac_states] mask index (0: none) */
    const uint8_t *ac_depth;                 /* [n_ac_states] length of the string a state spells */
    /* Bit (b0 | b1 << 8): some pattern starts with bytes b0 b1 (or is the single byte b0);
     * bit 65536 + b: some pattern is the single byte b (for the payload's last byte);
     * bit 65792 + ((w x 0x9E3779B1) mod 2^32) >> 16, w the first W bytes as a little-endian
     * word (W = 3 when pattern_min <= 6, else 4): w is the window at one of the first s
     * positions of some pattern, s the scan's stride (used when pattern_min >= 4). */
    const uint64_t *prefilter;               /* [BITACTOR_PREFILTER_WORDS] */
    uint32_t n_ac_states;
    uint32_t n_ac_classes;
};

/* ------------------------------------------------------------------------------------------
 * Compiling: from rule specs, in evaluation order (non-decreasing priority), into caller storage.
 * ------------------------------------------------------------------------------------------ */

struct bitactor_prefix {
    uint8_t family; /* BITACTOR_AF_INET or _INET6 */
    uint8_t len;    /* 0..32 or 0..128; bits past len are ignored */
    uint8_t addr[16];
};

struct bitactor_pattern {
    const uint8_t *bytes;
    uint32_t len; /* 1..BITACTOR_PATTERN_MAX */
};

/* Empty arrays mean "any" for that condition. */
struct bitactor_rule_spec {
    const char *name;
    int32_t priority;
    uint8_t action;   /* ALLOW..RATE_LIMIT */
    uint8_t rate_key; /* NONE: no rate; else rate_limit and rate_window must be in range */
    uint32_t rate_limit;
    uint64_t rate_window;
    const struct bitactor_prefix *src;
    uint32_t n_src;
    const struct bitactor_prefix *dst;
    uint32_t n_dst;
    const uint16_t *src_ports;
    uint32_t n_src_ports;
    const uint16_t *dst_ports;
    uint32_t n_dst_ports;
    const uint8_t *protos;
    uint32_t n_protos;
    const uint16_t *kinds; /* 1..BITACTOR_KIND_MAX */
    uint32_t n_kinds;
    const struct bitactor_pattern *patterns;
    uint32_t n_patterns;
};

/* Upper bounds on every table for a set of specs; size the storage from them. */
struct bitactor_rules_bounds {
    uint32_t rules;
    uint32_t masks;
    uint32_t lpm_nodes;
    uint32_t lpm_direct; /* entries of the tries' direct levels (0 or a multiple of 65,536) */
    uint32_t ports; /* per direction */
    uint32_t ac_states;
    uint32_t ac_classes;
};

/* Caller storage for one compiled set, each array at least as large as the bounds say
 * (ac_next: ac_states * ac_classes; ac_out, ac_depth, ac_fail, ac_queue: ac_states; the last
 * two are scratch for the build). */
struct bitactor_rules_storage {
    struct bitactor_rule *rules;
    struct bitactor_rule_mask *masks;
    uint32_t *lpm;        /* scratch: [lpm_nodes * 256] uncompressed entries */
    uint32_t *lpm_queue;  /* scratch: [lpm_nodes] */
    struct bitactor_lpm_node *lpm_nodes;   /* [lpm_nodes] */
    uint16_t *lpm_leaves;                  /* [lpm_nodes * 256] at most */
    uint16_t *lpm_direct;                  /* [lpm_direct], or NULL: the tries walk from the root */
    struct bitactor_port_entry *src_ports;
    struct bitactor_port_entry *dst_ports;
    uint16_t *proto_mask; /* [256] */
    uint16_t *kind_mask;  /* [256] */
    uint8_t *ac_class;    /* [256] */
    uint16_t *ac_next;
    uint16_t *ac_out;
    uint8_t *ac_depth;
    uint64_t *prefilter;  /* [BITACTOR_PREFILTER_WORDS] */
    uint16_t *ac_fail;
    uint16_t *ac_queue;
    struct bitactor_rules_bounds cap;
};

/* Where compiling failed: the rule (index into the specs) and the item within its list
 * (prefix, port, pattern), or BITACTOR_RULE_NONE. */
struct bitactor_rules_error {
    int status;
    uint32_t rule;
    uint32_t item;
    const char *what; /* static English text: "prefix length out of range" */
};

/* BITACTOR_E_INVAL with *bounds zeroed when the specs are out of range (see compile). */
int bitactor_rules_bounds(const struct bitactor_rule_spec *specs, uint32_t n,
                          struct bitactor_rules_bounds *bounds);

/* Checks every spec (more than BITACTOR_RULES_MAX rules, priorities out of order, a bad
 * action, prefix, kind, rate or pattern: BITACTOR_E_INVAL; more than BITACTOR_AC_STATES_MAX
 * automaton states: BITACTOR_E_NOSPACE; storage below the bounds: BITACTOR_E_NOSPACE), then
 * fills the storage and points *out at it. *err (if not NULL) says what failed. */
int bitactor_rules_compile(const struct bitactor_rule_spec *specs, uint32_t n,
                           const struct bitactor_rules_storage *storage,
                           struct bitactor_ruleset *out, struct bitactor_rules_error *err);

/* ------------------------------------------------------------------------------------------
 * Rate-limit state: a fixed table of token buckets, in sets of 3, keyed by (rule, key). A key
 * not in its set takes an empty slot or evicts the set's least recently used bucket (counted in
 * the evaluating thread's bitactor_rule_counters.rate_evictions).
 * Time is the signal's timestamp; a timestamp older than the bucket's counts as no time.
 * Shared by every consumer thread: each set has a spin lock (held for a few loads and stores).
 * ------------------------------------------------------------------------------------------ */

#define BITACTOR_BUCKET_WAYS 3u

/* 64 bytes: in an array aligned to 64 bytes, each set is exactly one cache line, so that taking
 * a token touches one line (four ways with 64-bit tags took two lines a set, and a take nearly
 * always read both: bursts 4 % slower at the same 2 MiB, which now holds 98,304 keys instead of
 * 65,536). Way w is tag[w], tokens[w] and last[w]: each field of the ways side by side, so that
 * finding a key reads one run of tags. A tag is the high half of the key's hash and the set comes
 * from its low bits, so two keys share a bucket only when 32 + log2(sets) bits of their hashes
 * agree. (No _Alignas: Swift does not import a struct with one.) */
struct bitactor_bucket_set {
    _Atomic uint32_t lock;                 /* 0 free, 1 held */
    uint32_t tag[BITACTOR_BUCKET_WAYS];    /* high half of the hash of (rule, key) | 1; 0: empty */
    uint64_t tokens[BITACTOR_BUCKET_WAYS]; /* scaled: tokens x window; full at limit x window */
    uint64_t last[BITACTOR_BUCKET_WAYS];   /* timestamp of the last refill */
};

struct bitactor_rate_table {
    struct bitactor_bucket_set *sets;
    uint32_t mask; /* n_sets - 1 */
};

/* sets[n_sets], n_sets a power of two (aligned to 64 bytes for speed); clears them. */
int bitactor_rate_table_init(struct bitactor_rate_table *t, struct bitactor_bucket_set *sets,
                             uint32_t n_sets);

/* ------------------------------------------------------------------------------------------
 * Evaluating
 * ------------------------------------------------------------------------------------------ */

struct bitactor_verdict {
    uint16_t rule;   /* index of the deciding rule, or BITACTOR_RULE_NONE */
    uint8_t action;  /* its action, or BITACTOR_ACT_NONE */
    uint8_t n_logs;  /* LOG rules that matched (the first BITACTOR_VERDICT_LOGS are listed) */
    uint16_t logs[BITACTOR_VERDICT_LOGS];
};

/* Per-thread counters (plain integers: one thread writes, the owner sums after). */
struct bitactor_rule_counters {
    uint64_t evaluated;
    uint64_t by_action[BITACTOR_ACT_COUNT]; /* deciding action (NONE: nothing decided) */
    uint64_t by_rule[BITACTOR_RULES_MAX];   /* matches, deciding or LOG */
    uint64_t payload_scans;
    /* Rate buckets this thread pushed out of the shared table for another key. Counted here, not
     * in the table: a locked add on a word of the table for every eviction was contended by every
     * consumer, and in the benchmark, whose table header sat on the stack beside these counters,
     * one call a signal took about 1.3 times as long as with the two apart (locked adds on a line
     * the evaluation keeps storing to). Plain integers need neither. */
    uint64_t rate_evictions;
};

void bitactor_rule_counters_reset(struct bitactor_rule_counters *c);

/* Evaluates one signal (already validated) whose payload is payload[0..s->payload_len).
 * rates may be NULL when no rule has a rate; c may be NULL. Never fails. */
void bitactor_rules_eval(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                         const struct bitactor_signal *s, const uint8_t *payload,
                         struct bitactor_rule_counters *c, struct bitactor_verdict *out);

/* bitactor_rules_eval over s[0..n), payloads in a, verdicts into out[0..n) (the same verdicts,
 * counters and buckets); when ticks is not NULL, ticks[i] receives the time of signal i's
 * evaluation in bitactor_ticks() units. Faster than one call a signal: every condition but the
 * rates is evaluated for a group of 8 signals first, prefetching the group's bucket sets, then
 * the group is decided in order, so that the bucket sets' cache misses overlap. */
void bitactor_rules_eval_burst(const struct bitactor_ruleset *rs, struct bitactor_rate_table *rates,
                               const struct bitactor_signal *s, uint32_t n,
                               const struct bitactor_arena *a, struct bitactor_rule_counters *c,
                               struct bitactor_verdict *out, uint32_t *ticks);

/* The CPU's time-stamp counter on x86-64 (not serialising: for spans of many instructions),
 * else CLOCK_MONOTONIC in ns. */
uint64_t bitactor_ticks(void);

/* The parts alone, for tests and the benchmark: the rule set a source or destination address
 * lets through (a mask index), and the rules whose payload patterns occur in bytes. */
uint16_t bitactor_rules_lpm(const struct bitactor_ruleset *rs, enum bitactor_lpm_trie trie,
                            const uint8_t *addr);
void bitactor_rules_scan(const struct bitactor_ruleset *rs, const uint8_t *bytes, uint32_t len,
                         struct bitactor_rule_mask *found);

#ifdef __cplusplus
}
#endif

#endif /* BITACTOR_RULES_H */
