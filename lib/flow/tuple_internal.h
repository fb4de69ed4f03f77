/*
 * Private helpers shared by the flow functions (tuple.c, tuple_text.c,
 * orient.c, community_id.c).  Hidden like every other internal symbol.
 */
#ifndef PORTREG_TUPLE_INTERNAL_H
#define PORTREG_TUPLE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "portreg.h"

/* Bytes of the address arrays that are the address, 4 or 16, for a tuple
 * the flow functions accept; 0 for one they refuse with PORTREG_EINVAL: a
 * family other than 4 or 6, or a reserved byte that is not zero (kept for
 * later versions, so none may accept garbage there).  Every comparison
 * and hash uses only the address bytes, so whatever a caller left in the
 * tail of an IPv4 address cannot change an answer. */
size_t portreg__tuple_check(const portreg_tuple *t);

/* PORTREG_TCP/UDP/SCTP/DCCP for the IANA protocol numbers of the four
 * transports the registry covers; 0 for every other protocol. */
unsigned portreg__transport_flag(uint8_t proto);

/* Whether `proto` is ICMP (1) or ICMPv6 (58): there the tuple's ports
 * hold type and code. */
int portreg__is_icmp(uint8_t proto);

/* The request/reply partner of an ICMP or ICMPv6 type as Linux conntrack
 * maps it (nf_conntrack_proto_icmp.c, nf_conntrack_proto_icmpv6.c
 * invmap); -1 when the type has none. */
int portreg__icmp_partner(uint8_t proto, uint16_t type);

/* Whether the type is the request half of a conntrack pair. */
int portreg__icmp_is_request(uint8_t proto, uint16_t type);

/* Swaps addresses and ports in place, nothing else. */
void portreg__tuple_swap(portreg_tuple *t);

/* Text of IP addresses, without libc (see tuple_text.c). */
#define PORTREG__ADDR_TEXT_MAX 46 /* longest IPv6 text + NUL, as INET6_ADDRSTRLEN */

/* Writes the address (RFC 5952 for IPv6) and a NUL to `buf`, which holds at
 * least PORTREG__ADDR_TEXT_MAX bytes; returns the length. */
size_t portreg__addr_format(char *buf, const uint8_t *addr, int family);

/* Parses exactly `len` bytes as an IPv4 (family 4) or IPv6 (family 6)
 * address into `addr` (16 bytes, zero-filled); 0 or -1. */
int portreg__addr_parse(uint8_t addr[16], const char *text, size_t len, int family);

#endif /* PORTREG_TUPLE_INTERNAL_H */
