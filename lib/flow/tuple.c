/*
 * Flow tuples: the shared helpers, portreg_tuple_reverse() and
 * portreg_tuple_canonical().
 */
#include <string.h>

#include "portreg_table.h"
#include "tuple_internal.h"

/* Whether every reserved byte of `t` is zero. */
static int reserved_clear(const portreg_tuple *t)
{
    size_t i;
    for (i = 0; i < sizeof t->reserved; i++)
        if (t->reserved[i] != 0)
            return 0;
    return t->reserved0 == 0;
}

size_t portreg__tuple_check(const portreg_tuple *t)
{
    if (!reserved_clear(t))
        return 0;
    if (t->family == 4)
        return 4;
    if (t->family == 6)
        return 16;
    return 0;
}

unsigned portreg__transport_flag(uint8_t proto)
{
    const struct portreg_transport *t = portreg_transport_of_ip_proto(proto);
    return t ? t->flag : 0;
}

int portreg__is_icmp(uint8_t proto)
{
    return proto == PORTREG_IPPROTO_ICMP || proto == PORTREG_IPPROTO_ICMPV6;
}

/*
 * Linux conntrack's invmap tables, nothing more: only these types have a
 * reply that travels back along the same flow.  ICMPv6 neighbour and router
 * discovery (133-136) and MLD (130/131) are deliberately absent there: the
 * "answer" goes to a multicast group or to another host, so conntrack does
 * not pair them, and neither do we.  (Community ID pairs more types; it has
 * its own table in community_id.c.)
 */
static int icmp4_partner(uint16_t type)
{
    switch (type) {
    case 8: return 0;   /* echo request -> echo reply */
    case 0: return 8;
    case 13: return 14; /* timestamp -> timestamp reply */
    case 14: return 13;
    case 15: return 16; /* information request -> reply */
    case 16: return 15;
    case 17: return 18; /* address mask request -> reply */
    case 18: return 17;
    default: return -1;
    }
}

static int icmp6_partner(uint16_t type)
{
    switch (type) {
    case 128: return 129; /* echo request -> echo reply */
    case 129: return 128;
    case 139: return 140; /* node information query -> response (RFC 4620) */
    case 140: return 139;
    default: return -1;
    }
}

int portreg__icmp_partner(uint8_t proto, uint16_t type)
{
    if (proto == PORTREG_IPPROTO_ICMP)
        return icmp4_partner(type);
    if (proto == PORTREG_IPPROTO_ICMPV6)
        return icmp6_partner(type);
    return -1;
}

int portreg__icmp_is_request(uint8_t proto, uint16_t type)
{
    if (proto == PORTREG_IPPROTO_ICMP)
        return type == 8 || type == 13 || type == 15 || type == 17;
    if (proto == PORTREG_IPPROTO_ICMPV6)
        return type == 128 || type == 139;
    return 0;
}

void portreg__tuple_swap(portreg_tuple *t)
{
    uint8_t addr[16];
    uint16_t port = t->src_port;

    t->src_port = t->dst_port;
    t->dst_port = port;
    memcpy(addr, t->src_addr, sizeof addr);
    memcpy(t->src_addr, t->dst_addr, sizeof addr);
    memcpy(t->dst_addr, addr, sizeof addr);
}

/* Writes the reverse of `in` to `*rev`; the ICMP type/code pair is not a
 * pair of ports, so for ICMP only the addresses swap and the type maps. */
static int reverse_into(portreg_tuple *rev, const portreg_tuple *in)
{
    *rev = *in;
    if (portreg__is_icmp(in->proto)) {
        int partner = portreg__icmp_partner(in->proto, in->src_port);
        uint16_t code = in->dst_port;

        if (partner < 0)
            return PORTREG_ENOREPLY;
        portreg__tuple_swap(rev);
        rev->src_port = (uint16_t)partner;
        rev->dst_port = code;
        return 0;
    }
    portreg__tuple_swap(rev);
    return 0;
}

int portreg_tuple_reverse(portreg_tuple *out, const portreg_tuple *in)
{
    portreg_tuple rev;
    int rc;

    if (out == NULL || in == NULL || portreg__tuple_check(in) == 0)
        return PORTREG_EINVAL;
    rc = reverse_into(&rev, in);
    if (rc == 0)
        *out = rev; /* only now: out may alias in, and stays untouched on error */
    return rc;
}

/*
 * Whether (a_addr, a_port) sorts after (b_addr, b_port), the Community ID
 * v1 order: addresses as big-endian numbers, then ports.
 */
static int endpoint_after(const uint8_t *a_addr, uint16_t a_port,
                          const uint8_t *b_addr, uint16_t b_port, size_t len)
{
    int c = memcmp(a_addr, b_addr, len);

    return c > 0 || (c == 0 && a_port > b_port);
}

/*
 * For ICMP the "port" of the destination is the partner type, which is
 * what the reply would carry (as Community ID orders ICMP).  A type with no
 * conntrack partner is one-way: it has no reverse to agree with, so its
 * order is kept.
 */
static int canonical_swaps(const portreg_tuple *in, size_t len)
{
    if (portreg__is_icmp(in->proto)) {
        int partner = portreg__icmp_partner(in->proto, in->src_port);

        if (partner < 0)
            return 0;
        return endpoint_after(in->src_addr, in->src_port, in->dst_addr,
                              (uint16_t)partner, len);
    }
    return endpoint_after(in->src_addr, in->src_port, in->dst_addr, in->dst_port, len);
}

int portreg_tuple_canonical(portreg_tuple *out, const portreg_tuple *in, int *swapped)
{
    portreg_tuple tmp;
    size_t len;
    int swap;

    if (out == NULL || in == NULL)
        return PORTREG_EINVAL;
    len = portreg__tuple_check(in);
    if (len == 0)
        return PORTREG_EINVAL;
    swap = canonical_swaps(in, len);
    if (swap) {
        if (reverse_into(&tmp, in) != 0)
            return PORTREG_EINVAL; /* unreachable: swaps need a partner */
    } else {
        tmp = *in;
    }
    *out = tmp;
    if (swapped != NULL)
        *swapped = swap;
    return 0;
}
