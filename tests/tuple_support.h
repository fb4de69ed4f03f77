/*
 * Helpers shared by the flow test suites (check_tuple, check_orient):
 * a deterministic random source, so that a failure can be replayed, and
 * tuples built from address text with the C library's inet_pton, which
 * shares nothing with portreg's own address code.
 */
#ifndef PORTREG_TEST_TUPLE_SUPPORT_H
#define PORTREG_TEST_TUPLE_SUPPORT_H

#include <arpa/inet.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <portreg.h>

#include "tally.h"

/* xorshift64* */
static uint64_t rng_state = UINT64_C(0x9e3779b97f4a7c15);

static inline uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(0x2545f4914f6cdd1d);
}

static inline unsigned rnd_below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

/* A tuple from "a.b.c.d" or IPv6 text. */
static inline portreg_tuple mk(uint8_t proto, const char *src, uint16_t sport, const char *dst,
                               uint16_t dport)
{
    portreg_tuple t;
    int family = strchr(src, ':') != NULL ? 6 : 4;

    memset(&t, 0, sizeof t);
    t.family = (uint8_t)family;
    t.proto = proto;
    t.src_port = sport;
    t.dst_port = dport;
    REQUIRE(inet_pton(family == 6 ? AF_INET6 : AF_INET, src, t.src_addr) == 1,
            "not an address: %s", src);
    REQUIRE(inet_pton(family == 6 ? AF_INET6 : AF_INET, dst, t.dst_addr) == 1,
            "not an address: %s", dst);
    return t;
}

/* `t` as text for a failure message, by the C library's inet_ntop (not
 * portreg's formatter, which the suites test).  One static buffer. */
static inline const char *tuple_text(const portreg_tuple *t)
{
    static char text[160];
    char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
    int af = t->family == 6 ? AF_INET6 : AF_INET;

    if (t->family != 4 && t->family != 6) {
        snprintf(text, sizeof text, "family %u proto %u", t->family, t->proto);
        return text;
    }
    inet_ntop(af, t->src_addr, src, sizeof src);
    inet_ntop(af, t->dst_addr, dst, sizeof dst);
    snprintf(text, sizeof text, "proto %u %s:%u -> %s:%u", t->proto, src, t->src_port, dst,
             t->dst_port);
    return text;
}

static inline int tuple_eq(const portreg_tuple *a, const portreg_tuple *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

#endif
