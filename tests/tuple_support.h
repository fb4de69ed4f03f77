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
#include <string.h>

#include <portreg.h>

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
    ck_assert_int_eq(inet_pton(family == 6 ? AF_INET6 : AF_INET, src, t.src_addr), 1);
    ck_assert_int_eq(inet_pton(family == 6 ? AF_INET6 : AF_INET, dst, t.dst_addr), 1);
    return t;
}

static inline int tuple_eq(const portreg_tuple *a, const portreg_tuple *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

#endif
