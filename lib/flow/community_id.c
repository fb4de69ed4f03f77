/*
 * Community ID v1 (https://github.com/corelight/community-id-spec):
 *
 *   "1:" + base64(sha1(seed . addr1 . addr2 . proto . 0 . port1 . port2))
 *
 * seed and ports are 16-bit big-endian, addresses 4 or 16 bytes as on the
 * wire, and the endpoints are ordered so that (addr1, port1) is the smaller
 * one.  Ports are hashed for TCP, UDP, SCTP, ICMP and ICMPv6 only, the
 * protocols the specification lists; every other protocol, DCCP included,
 * is hashed as "other IP-borne protocol" (addresses and proto), as the
 * specification says and as its reference implementations do.
 */
#include <string.h>

#include "sha1.h"
#include "tuple_internal.h"

/* "1:" + 40 hex digits + NUL is the longest output. */
#define CID_MAX 43

/*
 * The ICMP "port" pairs Community ID takes from Zeek (pycommunityid's
 * icmp.py and icmp6.py): a wider set than conntrack's, with router and
 * neighbour discovery, MLD and home agent discovery paired too.  These
 * tables must not change: they are part of every ID computed.
 */
static int cid_icmp4_partner(uint16_t type)
{
    switch (type) {
    case 8: return 0;   /* echo */
    case 0: return 8;
    case 13: return 14; /* timestamp */
    case 14: return 13;
    case 15: return 16; /* information */
    case 16: return 15;
    case 10: return 9;  /* router solicitation -> advertisement */
    case 9: return 10;
    case 17: return 18; /* address mask */
    case 18: return 17;
    default: return -1;
    }
}

static int cid_icmp6_partner(uint16_t type)
{
    switch (type) {
    case 128: return 129; /* echo */
    case 129: return 128;
    case 130: return 131; /* MLD query -> report */
    case 131: return 130;
    case 133: return 134; /* router solicitation -> advertisement */
    case 134: return 133;
    case 135: return 136; /* neighbour solicitation -> advertisement */
    case 136: return 135;
    case 139: return 140; /* who-are-you / node information */
    case 140: return 139;
    case 144: return 145; /* home agent address discovery */
    case 145: return 144;
    default: return -1;
    }
}

/* The hashed form of a tuple, before ordering. */
struct cid_key {
    const uint8_t *addr1, *addr2;
    uint16_t port1, port2;
    int has_ports;
    int one_way; /* ICMP without a partner: the order is kept as seen */
};

static void cid_key_ports(struct cid_key *k, const portreg_tuple *t)
{
    int partner = -1;

    k->has_ports = 1;
    k->one_way = 0;
    k->port1 = t->src_port;
    k->port2 = t->dst_port;
    if (t->proto == PORTREG_IPPROTO_ICMP)
        partner = cid_icmp4_partner(t->src_port);
    else if (t->proto == PORTREG_IPPROTO_ICMPV6)
        partner = cid_icmp6_partner(t->src_port);
    else if (t->proto == PORTREG_IPPROTO_TCP || t->proto == PORTREG_IPPROTO_UDP
             || t->proto == PORTREG_IPPROTO_SCTP)
        return;
    else {
        k->has_ports = 0;
        k->port1 = k->port2 = 0;
        return;
    }
    /* ICMP: type and partner type, or type and code for one-way types. */
    if (partner >= 0)
        k->port2 = (uint16_t)partner;
    else
        k->one_way = 1;
}

static void cid_key_order(struct cid_key *k, size_t len)
{
    const uint8_t *a;
    uint16_t p;
    int c;

    if (k->one_way)
        return;
    c = memcmp(k->addr1, k->addr2, len);
    if (c < 0 || (c == 0 && k->port1 <= k->port2))
        return;
    a = k->addr1;
    k->addr1 = k->addr2;
    k->addr2 = a;
    p = k->port1;
    k->port1 = k->port2;
    k->port2 = p;
}

static void put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void cid_digest(uint8_t digest[PORTREG__SHA1_DIGEST], const portreg_tuple *t,
                       uint16_t seed, size_t len)
{
    struct cid_key k;
    portreg__sha1 ctx;
    uint8_t buf[2 + 16 + 16 + 2 + 4];
    size_t n = 0;

    k.addr1 = t->src_addr;
    k.addr2 = t->dst_addr;
    cid_key_ports(&k, t);
    cid_key_order(&k, len);

    put_be16(buf, seed);
    n = 2;
    memcpy(buf + n, k.addr1, len);
    n += len;
    memcpy(buf + n, k.addr2, len);
    n += len;
    buf[n++] = t->proto;
    buf[n++] = 0; /* padding keeps the input 32-bit aligned */
    if (k.has_ports) {
        put_be16(buf + n, k.port1);
        put_be16(buf + n + 2, k.port2);
        n += 4;
    }
    portreg__sha1_init(&ctx);
    portreg__sha1_update(&ctx, buf, n);
    portreg__sha1_final(&ctx, digest);
}

static size_t encode_base64(char *out, const uint8_t *in, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, n = 0;

    for (i = 0; i + 2 < len; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];

        out[n++] = alphabet[v >> 18];
        out[n++] = alphabet[(v >> 12) & 63];
        out[n++] = alphabet[(v >> 6) & 63];
        out[n++] = alphabet[v & 63];
    }
    if (i < len) { /* one or two bytes left: pad to four characters */
        uint32_t v = (uint32_t)in[i] << 16;

        if (i + 1 < len)
            v |= (uint32_t)in[i + 1] << 8;
        out[n++] = alphabet[v >> 18];
        out[n++] = alphabet[(v >> 12) & 63];
        out[n++] = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
        out[n++] = '=';
    }
    return n;
}

static size_t encode_hex(char *out, const uint8_t *in, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < len; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    return 2 * len;
}

int portreg_community_id(const portreg_tuple *t, uint16_t seed, unsigned flags,
                         char *buf, size_t cap)
{
    uint8_t digest[PORTREG__SHA1_DIGEST];
    char text[CID_MAX];
    size_t len, n;

    if (t == NULL || (flags & ~PORTREG_CID_HEX) != 0 || (buf == NULL && cap > 0))
        return PORTREG_EINVAL;
    len = portreg__tuple_check(t);
    if (len == 0)
        return PORTREG_EINVAL;
    cid_digest(digest, t, seed, len);

    text[0] = '1';
    text[1] = ':';
    n = 2;
    if (flags & PORTREG_CID_HEX)
        n += encode_hex(text + n, digest, sizeof digest);
    else
        n += encode_base64(text + n, digest, sizeof digest);
    text[n] = '\0';

    if (cap > 0) {
        size_t copy = n < cap ? n : cap - 1;

        memcpy(buf, text, copy);
        buf[copy] = '\0';
    }
    return (int)n;
}
