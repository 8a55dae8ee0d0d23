/* rules_lpm.c: building the longest-prefix-match tries (stride 8, leaf-pushed).
 *
 * Prefixes go in shortest first. A prefix of length p ends in the node at depth (p - 1) / 8 and
 * covers 2^(8 - r) entries of it (r = p - 8 * depth). Shorter prefixes went in before, so those
 * entries all hold the mask of the longest shorter prefix that covers them (or the trie's base),
 * and none is a child yet: children at that depth come only from longer prefixes. The new
 * entry value is that mask with the rule's bit added, so the longest match carries every rule
 * whose prefix covers the address. */
#include "rules_pvt.h"

static int32_t new_node(struct rc_build *b, uint32_t fill)
{
    if (b->n_lpm_nodes >= b->st->cap.lpm_nodes)
        return -1;
    uint32_t *node = b->st->lpm + (size_t)b->n_lpm_nodes * 256u;
    for (unsigned i = 0; i < 256; i++)
        node[i] = fill;
    return (int32_t)b->n_lpm_nodes++;
}

int rc_lpm_init(struct rc_build *b, uint32_t roots[4], uint16_t base[4])
{
    for (unsigned t = 0; t < 4; t++) {
        const int32_t n = new_node(b, base[t]);
        if (n < 0)
            return BITACTOR_E_NOSPACE;
        roots[t] = (uint32_t)n;
    }
    return BITACTOR_OK;
}

int rc_lpm_insert(struct rc_build *b, uint32_t root, const struct bitactor_prefix *p,
                  uint32_t rule)
{
    uint32_t *lpm = b->st->lpm;
    uint32_t node = root;
    const unsigned depth = p->len == 0 ? 0 : (p->len - 1u) / 8u;
    for (unsigned d = 0; d < depth; d++) {
        uint32_t *e = &lpm[(size_t)node * 256u + p->addr[d]];
        if ((*e & BITACTOR_LPM_CHILD) == 0) {
            const int32_t child = new_node(b, *e);
            if (child < 0)
                return BITACTOR_E_NOSPACE;
            e = &lpm[(size_t)node * 256u + p->addr[d]]; /* same slot; lpm did not move */
            *e = BITACTOR_LPM_CHILD | (uint32_t)child;
        }
        node = *e & ~BITACTOR_LPM_CHILD;
    }
    const unsigned rest = p->len - 8u * depth;          /* 0..8 bits fixed in this node */
    const unsigned span = 1u << (8u - rest);             /* entries covered */
    const unsigned first = rest == 0 ? 0 : (unsigned)(p->addr[depth] & (0xFFu << (8u - rest)) & 0xFFu);
    uint32_t last_old = UINT32_MAX, last_new = 0;
    for (unsigned i = first; i < first + span; i++) {
        uint32_t *e = &lpm[(size_t)node * 256u + i];
        if (*e != last_old) {
            struct bitactor_rule_mask m = b->st->masks[*e];
            rc_mask_set(&m, rule);
            const int32_t idx = rc_intern(b, &m);
            if (idx < 0)
                return BITACTOR_E_NOSPACE;
            last_old = *e;
            last_new = (uint32_t)idx;
        }
        *e = last_new;
    }
    return BITACTOR_OK;
}

/* The bits set in the words below each word of a node's bitmaps (at most 192: fits a byte). */
static void count_before(struct bitactor_lpm_node *n)
{
    for (unsigned w = 1; w < 4; w++) {
        n->child_before[w] = (uint8_t)(n->child_before[w - 1] + __builtin_popcountll(n->child[w - 1]));
        n->leaf_before[w] = (uint8_t)(n->leaf_before[w - 1] + __builtin_popcountll(n->leaf[w - 1]));
    }
}

/* Breadth first from the four roots (compressed 0..3): a node's children get consecutive
 * numbers, in entry order, from the end of the queue, which is exactly the order they are
 * compressed in. Leaves: one value per run of equal leaf entries. */
int rc_lpm_compress(struct rc_build *b, uint32_t roots[4], uint32_t *n_leaves)
{
    const struct bitactor_rules_storage *st = b->st;
    uint32_t *queue = st->lpm_queue;
    uint32_t tail = 0, leaves = 0;
    for (unsigned t = 0; t < 4; t++) {
        queue[tail] = roots[t];
        roots[t] = tail++;
    }
    for (uint32_t head = 0; head < tail; head++) {
        const uint32_t *e = &st->lpm[(size_t)queue[head] * 256u];
        struct bitactor_lpm_node *n = &st->lpm_nodes[head];
        memset(n, 0, sizeof *n);
        n->child_base = tail;
        n->leaf_base = leaves;
        int previous_leaf = 0;
        uint32_t previous = 0;
        for (unsigned k = 0; k < 256; k++) {
            if ((e[k] & BITACTOR_LPM_CHILD) != 0) {
                if (tail >= b->n_lpm_nodes)
                    return BITACTOR_E_NOSPACE;
                n->child[k >> 6] |= (uint64_t)1 << (k & 63);
                queue[tail++] = e[k] & ~BITACTOR_LPM_CHILD;
                previous_leaf = 0;
                continue;
            }
            if (!previous_leaf || e[k] != previous) {
                if (leaves >= b->n_lpm_nodes * 256u)
                    return BITACTOR_E_NOSPACE;
                n->leaf[k >> 6] |= (uint64_t)1 << (k & 63);
                st->lpm_leaves[leaves++] = (uint16_t)e[k];
            }
            previous_leaf = 1;
            previous = e[k];
        }
        count_before(n);
    }
    *n_leaves = leaves;
    return BITACTOR_OK;
}

/* Whether entry k of node n is a child node, and which (`child`). */
static int child_of(const struct bitactor_lpm_node *nodes, uint32_t n, unsigned k, uint32_t *child)
{
    const struct bitactor_lpm_node *node = &nodes[n];
    if (((node->child[k >> 6] >> (k & 63)) & 1) == 0)
        return 0;
    *child = node->child_base + ba_rank256(node->child, node->child_before, k) - 1;
    return 1;
}

/* The direct entry for entry k of node n: the child node the walk goes on from, or
 * BITACTOR_LPM_DIRECT_LEAF | the leaf's mask; UINT32_MAX when that needs more than 15 bits. */
static uint32_t direct_entry(const struct bitactor_lpm_node *nodes, const uint16_t *leaves, uint32_t n,
                             unsigned k)
{
    uint32_t child;
    if (child_of(nodes, n, k, &child))
        return child < BITACTOR_LPM_DIRECT_LEAF ? child : UINT32_MAX;
    const struct bitactor_lpm_node *node = &nodes[n];
    const uint16_t mask = leaves[node->leaf_base + ba_rank256(node->leaf, node->leaf_before, k) - 1];
    return mask < BITACTOR_LPM_DIRECT_LEAF ? (BITACTOR_LPM_DIRECT_LEAF | mask) : UINT32_MAX;
}

/* Entry v is what the walk from root reaches after bytes v >> 8 and v & 255: the second
 * byte's entry in the root's child, or, where the first byte ends at the root, that leaf for
 * all 256 values of the second. */
int rc_lpm_direct(const struct bitactor_lpm_node *nodes, const uint16_t *leaves, uint32_t root,
                  uint16_t *direct)
{
    for (unsigned k0 = 0; k0 < 256; k0++) {
        uint32_t child;
        const int deeper = child_of(nodes, root, k0, &child);
        const uint32_t leaf = deeper ? 0 : direct_entry(nodes, leaves, root, k0);
        for (unsigned k1 = 0; k1 < 256; k1++) {
            const uint32_t e = deeper ? direct_entry(nodes, leaves, child, k1) : leaf;
            if (e == UINT32_MAX)
                return BITACTOR_E_NOSPACE;
            direct[k0 << 8 | k1] = (uint16_t)e;
        }
    }
    return BITACTOR_OK;
}
