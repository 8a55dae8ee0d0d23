/* rules_compile.c: from rule specs to the read-only tables of a struct bitactor_ruleset. */
#include "rules_pvt.h"

static const char *const action_names[BITACTOR_ACT_COUNT] = {
    "none", "allow", "drop", "block", "challenge", "log", "rate-limit"};

const char *bitactor_action_name(int action)
{
    return action >= 0 && action < BITACTOR_ACT_COUNT ? action_names[action] : "unknown";
}

int32_t rc_intern(struct rc_build *b, const struct bitactor_rule_mask *m)
{
    struct bitactor_rule_mask *masks = b->st->masks;
    for (uint32_t i = 0; i < b->n_masks; i++)
        if (memcmp(&masks[i], m, sizeof *m) == 0)
            return (int32_t)i;
    if (b->n_masks >= b->st->cap.masks || b->n_masks > UINT16_MAX)
        return -1;
    masks[b->n_masks] = *m;
    return (int32_t)b->n_masks++;
}

static int fail(struct bitactor_rules_error *err, int status, uint32_t rule, uint32_t item,
                const char *what)
{
    if (err != NULL) {
        err->status = status;
        err->rule = rule;
        err->item = item;
        err->what = what;
    }
    return status;
}

/* Every per-spec rule the compiler relies on; the first violation is reported. */
static int check_specs(const struct bitactor_rule_spec *specs, uint32_t n,
                       struct bitactor_rules_error *err)
{
    if (n > BITACTOR_RULES_MAX)
        return fail(err, BITACTOR_E_INVAL, BITACTOR_RULE_NONE, 0, "more rules than BITACTOR_RULES_MAX");
    for (uint32_t r = 0; r < n; r++) {
        const struct bitactor_rule_spec *s = &specs[r];
        if (r > 0 && s->priority < specs[r - 1].priority)
            return fail(err, BITACTOR_E_INVAL, r, 0, "rules out of priority order");
        if (s->action == BITACTOR_ACT_NONE || s->action >= BITACTOR_ACT_COUNT)
            return fail(err, BITACTOR_E_INVAL, r, 0, "unknown action");
        for (uint32_t i = 0; i < s->n_src + s->n_dst; i++) {
            const struct bitactor_prefix *p = i < s->n_src ? &s->src[i] : &s->dst[i - s->n_src];
            if (p->family != BITACTOR_AF_INET && p->family != BITACTOR_AF_INET6)
                return fail(err, BITACTOR_E_FAMILY, r, i, "prefix family is neither IPv4 nor IPv6");
            if (p->len > (p->family == BITACTOR_AF_INET ? 32 : 128))
                return fail(err, BITACTOR_E_INVAL, r, i, "prefix length out of range");
        }
        for (uint32_t i = 0; i < s->n_kinds; i++)
            if (s->kinds[i] == 0 || s->kinds[i] > BITACTOR_KIND_MAX)
                return fail(err, BITACTOR_E_KIND, r, i, "signal kind out of range");
        for (uint32_t i = 0; i < s->n_patterns; i++)
            if (s->patterns[i].len == 0 || s->patterns[i].len > BITACTOR_PATTERN_MAX ||
                s->patterns[i].bytes == NULL)
                return fail(err, BITACTOR_E_INVAL, r, i, "pattern length out of range");
        if (s->rate_key > BITACTOR_RATE_BY_SIGNAL_KEY)
            return fail(err, BITACTOR_E_INVAL, r, 0, "unknown rate key");
        if (s->rate_key != BITACTOR_RATE_NONE &&
            (s->rate_limit == 0 || s->rate_limit > BITACTOR_RATE_LIMIT_MAX ||
             s->rate_window < BITACTOR_RATE_WINDOW_MIN || s->rate_window > BITACTOR_RATE_WINDOW_MAX))
            return fail(err, BITACTOR_E_INVAL, r, 0, "rate limit or window out of range");
        if (s->action == BITACTOR_ACT_RATE_LIMIT && s->rate_key == BITACTOR_RATE_NONE)
            return fail(err, BITACTOR_E_INVAL, r, 0, "a rate-limit rule without a rate");
    }
    return BITACTOR_OK;
}

/* The trie a prefix goes into (enum bitactor_lpm_trie). */
static unsigned trie_of(const struct bitactor_prefix *p, int is_src)
{
    const int v6 = p->family == BITACTOR_AF_INET6;
    return v6 ? (is_src ? BITACTOR_LPM_SRC6 : BITACTOR_LPM_DST6) : (is_src ? BITACTOR_LPM_SRC4 : BITACTOR_LPM_DST4);
}

unsigned rc_lpm_direct_tries(const struct bitactor_rule_spec *specs, uint32_t n)
{
    uint32_t deep[4] = {0};
    for (uint32_t r = 0; r < n; r++)
        for (uint32_t i = 0; i < specs[r].n_src + specs[r].n_dst; i++) {
            const int is_src = i < specs[r].n_src;
            const struct bitactor_prefix *p = is_src ? &specs[r].src[i] : &specs[r].dst[i - specs[r].n_src];
            deep[trie_of(p, is_src)] += p->len > 8;
        }
    unsigned tries = 0;
    for (unsigned t = 0; t < 4; t++)
        if (deep[t] >= BITACTOR_LPM_DIRECT_PREFIXES)
            tries |= 1u << t;
    return tries;
}

int bitactor_rules_bounds(const struct bitactor_rule_spec *specs, uint32_t n,
                          struct bitactor_rules_bounds *bounds)
{
    memset(bounds, 0, sizeof *bounds);
    if (check_specs(specs, n, NULL) != BITACTOR_OK)
        return BITACTOR_E_INVAL;
    uint64_t nodes = 4, prefixes = 0, ports = 0, states = 1;
    uint8_t seen[256] = {0};
    uint32_t classes = 1;
    for (uint32_t r = 0; r < n; r++) {
        for (uint32_t i = 0; i < specs[r].n_src + specs[r].n_dst; i++) {
            const struct bitactor_prefix *p =
                i < specs[r].n_src ? &specs[r].src[i] : &specs[r].dst[i - specs[r].n_src];
            nodes += p->len == 0 ? 0 : (p->len - 1u) / 8u;
            prefixes++;
        }
        ports += specs[r].n_src_ports > specs[r].n_dst_ports ? specs[r].n_src_ports
                                                             : specs[r].n_dst_ports;
        for (uint32_t i = 0; i < specs[r].n_patterns; i++) {
            states += specs[r].patterns[i].len;
            for (uint32_t j = 0; j < specs[r].patterns[i].len; j++)
                if (seen[specs[r].patterns[i].bytes[j]] == 0) {
                    seen[specs[r].patterns[i].bytes[j]] = 1;
                    classes++;
                }
        }
    }
    /* Masks: the empty one, 4 trie bases, the rules with patterns and those with rates, one
     * per prefix insert, 2 per port, 2 x 256 for the protocol and kind tables, one per automaton
     * state for its own output and one for the inherited union. */
    const uint64_t masks = 1 + 4 + 2 + prefixes + 2 * (ports + 1) + 512 + 2 * states;
    if (states > BITACTOR_AC_STATES_MAX + 1)
        states = BITACTOR_AC_STATES_MAX + 1;
    bounds->rules = n;
    bounds->masks = masks > UINT16_MAX + 1u ? UINT16_MAX + 1u : (uint32_t)masks;
    bounds->lpm_nodes = nodes > UINT32_MAX / 256u ? UINT32_MAX / 256u : (uint32_t)nodes;
    bounds->lpm_direct = (uint32_t)__builtin_popcount(rc_lpm_direct_tries(specs, n)) * BITACTOR_LPM_DIRECT_ENTRIES;
    bounds->ports = ports > 65536 ? 65536 : (uint32_t)ports;
    bounds->ac_states = (uint32_t)states;
    bounds->ac_classes = classes;
    return BITACTOR_OK;
}

/* A table of 256 mask indexes: every entry the rules with no condition of this sort, then each
 * listed value adds its rules. */
static int fill_byte_table(struct rc_build *b, uint16_t *table, const struct bitactor_rule_spec *specs,
                           uint32_t n, int kinds)
{
    struct bitactor_rule_mask any = {{0}};
    for (uint32_t r = 0; r < n; r++)
        if ((kinds ? specs[r].n_kinds : specs[r].n_protos) == 0)
            rc_mask_set(&any, r);
    const int32_t base = rc_intern(b, &any);
    if (base < 0)
        return BITACTOR_E_NOSPACE;
    for (unsigned v = 0; v < 256; v++) {
        struct bitactor_rule_mask m = any;
        for (uint32_t r = 0; r < n; r++) {
            const uint32_t count = kinds ? specs[r].n_kinds : specs[r].n_protos;
            for (uint32_t i = 0; i < count; i++)
                if ((kinds ? specs[r].kinds[i] : specs[r].protos[i]) == v)
                    rc_mask_set(&m, r);
        }
        const int32_t idx = rc_intern(b, &m);
        if (idx < 0)
            return BITACTOR_E_NOSPACE;
        table[v] = (uint16_t)idx;
    }
    return BITACTOR_OK;
}

static int has_port(const uint16_t *ports, uint32_t n, uint32_t port)
{
    for (uint32_t i = 0; i < n; i++)
        if (ports[i] == port)
            return 1;
    return 0;
}

/* The sorted port table of one direction: each port some rule lists, with its mask; *other is
 * the mask of every port not listed (the rules with no port condition). */
static int fill_ports(struct rc_build *b, struct bitactor_port_entry *table, uint32_t *count,
                      uint16_t *other, const struct bitactor_rule_spec *specs, uint32_t n, int dst)
{
    struct bitactor_rule_mask any = {{0}};
    for (uint32_t r = 0; r < n; r++)
        if ((dst ? specs[r].n_dst_ports : specs[r].n_src_ports) == 0)
            rc_mask_set(&any, r);
    const int32_t base = rc_intern(b, &any);
    if (base < 0)
        return BITACTOR_E_NOSPACE;
    *other = (uint16_t)base;
    *count = 0;
    /* Ascending ports: the smallest listed port above the previous one, until none is left. */
    int64_t previous = -1;
    for (;;) {
        int64_t low = 65536;
        for (uint32_t r = 0; r < n; r++) {
            const uint16_t *ports = dst ? specs[r].dst_ports : specs[r].src_ports;
            const uint32_t np = dst ? specs[r].n_dst_ports : specs[r].n_src_ports;
            for (uint32_t i = 0; i < np; i++)
                if (ports[i] > previous && ports[i] < low)
                    low = ports[i];
        }
        if (low == 65536)
            return BITACTOR_OK;
        struct bitactor_rule_mask m = any;
        for (uint32_t r = 0; r < n; r++)
            if (has_port(dst ? specs[r].dst_ports : specs[r].src_ports,
                         dst ? specs[r].n_dst_ports : specs[r].n_src_ports, (uint32_t)low))
                rc_mask_set(&m, r);
        const int32_t idx = rc_intern(b, &m);
        if (idx < 0 || *count >= b->st->cap.ports)
            return BITACTOR_E_NOSPACE;
        table[*count].port = (uint16_t)low;
        table[*count].mask = (uint16_t)idx;
        (*count)++;
        previous = low;
    }
}

/* The four tries: bases first (rules without a prefix condition in that direction), then every
 * prefix, shortest first across all rules (see rules_lpm.c for why the order matters). */
static int fill_tries(struct rc_build *b, uint32_t roots[4], const struct bitactor_rule_spec *specs,
                      uint32_t n, uint32_t *bad_rule)
{
    uint16_t base[4];
    for (unsigned t = 0; t < 4; t++) {
        struct bitactor_rule_mask m = {{0}};
        for (uint32_t r = 0; r < n; r++)
            if (((t == BITACTOR_LPM_SRC4 || t == BITACTOR_LPM_SRC6) ? specs[r].n_src : specs[r].n_dst) == 0)
                rc_mask_set(&m, r);
        const int32_t idx = rc_intern(b, &m);
        if (idx < 0)
            return BITACTOR_E_NOSPACE;
        base[t] = (uint16_t)idx;
    }
    int st = rc_lpm_init(b, roots, base);
    if (st != BITACTOR_OK)
        return st;
    for (unsigned len = 0; len <= 128; len++) {
        for (uint32_t r = 0; r < n; r++) {
            for (uint32_t i = 0; i < specs[r].n_src + specs[r].n_dst; i++) {
                const int is_src = i < specs[r].n_src;
                const struct bitactor_prefix *p = is_src ? &specs[r].src[i] : &specs[r].dst[i - specs[r].n_src];
                if (p->len != len)
                    continue;
                st = rc_lpm_insert(b, roots[trie_of(p, is_src)], p, r);
                if (st != BITACTOR_OK) {
                    *bad_rule = r;
                    return st;
                }
            }
        }
    }
    return BITACTOR_OK;
}

int bitactor_rules_compile(const struct bitactor_rule_spec *specs, uint32_t n,
                           const struct bitactor_rules_storage *storage,
                           struct bitactor_ruleset *out, struct bitactor_rules_error *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
    int st = check_specs(specs, n, err);
    if (st != BITACTOR_OK)
        return st;
    struct bitactor_rules_bounds need;
    bitactor_rules_bounds(specs, n, &need);
    const struct bitactor_rules_bounds *cap = &storage->cap;
    if (cap->rules < need.rules || cap->masks < need.masks || cap->lpm_nodes < need.lpm_nodes ||
        cap->ports < need.ports || cap->ac_classes < 1 || cap->ac_states < 1)
        return fail(err, BITACTOR_E_NOSPACE, BITACTOR_RULE_NONE, 0, "storage below the bounds");

    struct rc_build b = {.st = storage};
    const struct bitactor_rule_mask empty = {{0}};
    if (rc_intern(&b, &empty) != 0)
        return fail(err, BITACTOR_E_NOSPACE, BITACTOR_RULE_NONE, 0, "no room for masks");

    for (uint32_t r = 0; r < n; r++) {
        struct bitactor_rule *rule = &storage->rules[r];
        memset(rule, 0, sizeof *rule);
        rule->name = specs[r].name;
        rule->priority = specs[r].priority;
        rule->action = specs[r].action;
        rule->rate_key = specs[r].rate_key;
        if (specs[r].rate_key != BITACTOR_RATE_NONE) {
            rule->rate_limit = specs[r].rate_limit;
            rule->rate_window = specs[r].rate_window;
        }
    }

    memset(out, 0, sizeof *out);
    uint32_t bad_rule = BITACTOR_RULE_NONE;
    if ((st = fill_tries(&b, out->lpm_root, specs, n, &bad_rule)) != BITACTOR_OK)
        return fail(err, st, bad_rule, 0, "no room for the prefix tries");
    uint32_t n_leaves = 0;
    if ((st = rc_lpm_compress(&b, out->lpm_root, &n_leaves)) != BITACTOR_OK)
        return fail(err, st, BITACTOR_RULE_NONE, 0, "no room for the compressed tries");
    /* The direct levels, where the storage has room for them (optional: without one a trie is
     * walked from its root, with the same result). */
    if (storage->lpm_direct != NULL && cap->lpm_direct >= need.lpm_direct) {
        const unsigned tries = rc_lpm_direct_tries(specs, n);
        uint16_t *next = storage->lpm_direct;
        for (unsigned t = 0; t < 4; t++) {
            if ((tries >> t & 1u) == 0)
                continue;
            if (rc_lpm_direct(storage->lpm_nodes, storage->lpm_leaves, out->lpm_root[t], next) == BITACTOR_OK)
                out->lpm_direct[t] = next;
            next += BITACTOR_LPM_DIRECT_ENTRIES;
        }
    }
    if ((st = fill_byte_table(&b, storage->proto_mask, specs, n, 0)) != BITACTOR_OK ||
        (st = fill_byte_table(&b, storage->kind_mask, specs, n, 1)) != BITACTOR_OK)
        return fail(err, st, BITACTOR_RULE_NONE, 0, "no room for masks");
    if ((st = fill_ports(&b, storage->src_ports, &out->n_src_ports, &out->src_port_other, specs, n, 0)) != BITACTOR_OK ||
        (st = fill_ports(&b, storage->dst_ports, &out->n_dst_ports, &out->dst_port_other, specs, n, 1)) != BITACTOR_OK)
        return fail(err, st, BITACTOR_RULE_NONE, 0, "no room for the port tables");
    if ((st = rc_ac_build(&b, specs, n)) != BITACTOR_OK)
        return fail(err, st, BITACTOR_RULE_NONE, 0,
                    "the payload patterns need more automaton states than the bound");

    struct bitactor_rule_mask payload = {{0}}, rated = {{0}};
    for (uint32_t r = 0; r < n; r++) {
        if (specs[r].n_patterns != 0)
            rc_mask_set(&payload, r);
        if (specs[r].rate_key != BITACTOR_RATE_NONE)
            rc_mask_set(&rated, r);
    }
    const int32_t pidx = rc_intern(&b, &payload);
    const int32_t ridx = pidx < 0 ? -1 : rc_intern(&b, &rated);
    if (ridx < 0)
        return fail(err, BITACTOR_E_NOSPACE, BITACTOR_RULE_NONE, 0, "no room for masks");

    out->n_rules = n;
    out->rules = storage->rules;
    out->masks = storage->masks;
    out->n_masks = b.n_masks;
    out->lpm = storage->lpm_nodes;
    out->lpm_leaves = storage->lpm_leaves;
    out->n_lpm_nodes = b.n_lpm_nodes;
    out->n_lpm_leaves = n_leaves;
    out->proto_mask = storage->proto_mask;
    out->kind_mask = storage->kind_mask;
    out->src_ports = storage->src_ports;
    out->dst_ports = storage->dst_ports;
    out->payload_rules = (uint16_t)pidx;
    out->pattern_min = (uint16_t)b.pattern_min;
    out->rate_rules = (uint16_t)ridx;
    out->ac_class = storage->ac_class;
    out->ac_next = storage->ac_next;
    out->ac_out = storage->ac_out;
    out->ac_depth = storage->ac_depth;
    out->prefilter = storage->prefilter;
    out->n_ac_states = b.n_ac_states;
    out->n_ac_classes = b.n_ac_classes;
    return BITACTOR_OK;
}
