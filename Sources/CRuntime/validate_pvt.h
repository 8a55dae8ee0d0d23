/* validate_pvt.h: the header rules shared by bitactor_validate and the wire decoder. */
#ifndef BITACTOR_VALIDATE_PVT_H
#define BITACTOR_VALIDATE_PVT_H

#include "bitactor.h"

/* Protocols whose headers carry ports. */
static inline int ba_proto_has_ports(uint8_t proto)
{
    return proto == BITACTOR_PROTO_TCP || proto == BITACTOR_PROTO_UDP ||
           proto == BITACTOR_PROTO_SCTP;
}

/* Every rule that needs only the header, in the documented order:
 * KIND, FLAGS, FAMILY, ADDR, PORT, LENGTH. */
static inline int ba_check_header(const struct bitactor_signal *s)
{
    if (s->kind == 0 || s->kind > BITACTOR_KIND_MAX)
        return BITACTOR_E_KIND;
    if ((s->flags & ~BITACTOR_F_KNOWN) != 0 ||
        (s->flags & (BITACTOR_F_INGRESS | BITACTOR_F_EGRESS)) ==
            (BITACTOR_F_INGRESS | BITACTOR_F_EGRESS))
        return BITACTOR_E_FLAGS;
    if (s->family != BITACTOR_AF_INET && s->family != BITACTOR_AF_INET6)
        return BITACTOR_E_FAMILY;
    if (s->family == BITACTOR_AF_INET) {
        uint8_t high = 0;
        for (int i = 4; i < 16; i++)
            high |= (uint8_t)(s->src[i] | s->dst[i]);
        if (high != 0)
            return BITACTOR_E_ADDR;
    }
    if (!ba_proto_has_ports(s->proto) && (s->src_port | s->dst_port) != 0)
        return BITACTOR_E_PORT;
    if (s->payload_len > BITACTOR_PAYLOAD_MAX)
        return BITACTOR_E_LENGTH;
    return BITACTOR_OK;
}

/* Counts a verdict when there is somewhere to count it. Returns st. */
static inline int ba_count(struct bitactor_counters *c, int st)
{
    if (c != NULL) {
        if (st == BITACTOR_OK)
            c->accepted++;
        else
            c->rejected[st]++;
    }
    return st;
}

#endif /* BITACTOR_VALIDATE_PVT_H */
