/*
 * portreg_tuple_orient(): the rules one by one, the direction-free property
 * on 10^6 random tuples, and the labelled flows of real captures (read at
 * run time from PORTREG_TEST_DATA/flows).  Expectations about ports are
 * derived from the registry the library was built with, so the tests hold
 * for either registry edition.
 */
#define _POSIX_C_SOURCE 200112L
#include <arpa/inet.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portreg.h"
#include "tuple_support.h"

#ifndef PORTREG_TEST_DATA
#error "PORTREG_TEST_DATA must name tests/data"
#endif

/* ---- Helpers ---- */

static portreg_orientation orient(portreg_tuple *out, const portreg_tuple *in, unsigned hints)
{
    portreg_orientation why;

    memset(&why, 0x7f, sizeof why);
    REQUIRE(portreg_tuple_orient(out, in, hints, &why) == 0, "orient failed: %s", tuple_text(in));
    return why;
}

static portreg_orientation orient_ext(portreg_tuple *out, const portreg_tuple *in,
                                      const portreg_orient_options *o)
{
    portreg_orientation why;

    memset(&why, 0x7f, sizeof why);
    REQUIRE(portreg_tuple_orient_ext(out, in, o, &why) == 0, "orient_ext failed: %s",
            tuple_text(in));
    return why;
}

/* The rank of a port, from the registry, as docs/ORIENTATION.md states it. */
static int expected_score(uint16_t port, unsigned transport)
{
    portreg_status st = portreg_port_status(port, transport);

    switch (portreg_classify(port)) {
    case PORTREG_RANGE_SYSTEM:
        return st == PORTREG_STATUS_ASSIGNED ? 1 : 3;
    case PORTREG_RANGE_USER:
        return st == PORTREG_STATUS_ASSIGNED ? 2 : port < 32768 ? 4 : 5;
    default:
        return 5;
    }
}

/* The first port at or after `from` whose rank for TCP is `score`. */
static uint16_t find_port(unsigned from, int score)
{
    unsigned p;

    for (p = from; p < 65536; p++)
        if (expected_score((uint16_t)p, PORTREG_TCP) == score)
            return (uint16_t)p;
    ck_abort_msg("no port of rank %d from %u", score, from);
    return 0;
}

/* ---- The rules ---- */

START_TEST(test_hints)
{
    portreg_tuple t = mk(6, "10.0.0.1", 80, "10.0.0.2", 51515), out;
    portreg_orientation why;

    /* The handshake beats the registry. */
    why = orient(&out, &t, PORTREG_HINT_SYN);
    ck_assert(tuple_eq(&out, &t));
    ck_assert_int_eq(why.swapped, 0);
    ck_assert_int_eq(why.reason, PORTREG_REASON_HINT);
    ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_HIGH);

    t = mk(6, "10.0.0.1", 51515, "10.0.0.2", 80);
    why = orient(&out, &t, PORTREG_HINT_SYNACK);
    ck_assert_int_eq(why.swapped, 1);
    ck_assert_int_eq(why.reason, PORTREG_REASON_HINT);
    ck_assert_int_eq(out.dst_port, 51515);
    ck_assert_mem_eq(out.dst_addr, t.src_addr, 4);

    /* Contradictory hints are ignored, and so are hints on other protocols. */
    why = orient(&out, &t, PORTREG_HINT_SYN | PORTREG_HINT_SYNACK);
    ck_assert_int_ne(why.reason, PORTREG_REASON_HINT);
    t.proto = 17;
    why = orient(&out, &t, PORTREG_HINT_SYNACK);
    ck_assert_int_ne(why.reason, PORTREG_REASON_HINT);
}
END_TEST

START_TEST(test_icmp)
{
    static const uint16_t requests[][2] = { { 1, 8 }, { 1, 13 }, { 1, 15 }, { 1, 17 },
                                            { 58, 128 }, { 58, 139 } };
    portreg_tuple t, r, out;
    portreg_orientation why;
    size_t i;

    for (i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        uint8_t proto = (uint8_t)requests[i][0];

        t = proto == 1 ? mk(1, "10.0.0.1", requests[i][1], "10.0.0.2", 0)
                       : mk(58, "2001:db8::1", requests[i][1], "2001:db8::2", 0);
        /* The request goes to the server... */
        why = orient(&out, &t, 0);
        ck_assert(tuple_eq(&out, &t));
        ck_assert_int_eq(why.reason, PORTREG_REASON_ICMP);
        ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_HIGH);
        ck_assert_int_eq(why.src_score, 0);
        /* ...and the reply comes from it: oriented back to the request. */
        ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
        why = orient(&out, &r, 0);
        ck_assert_int_eq(why.swapped, 1);
        ck_assert_int_eq(why.reason, PORTREG_REASON_ICMP);
        ck_assert(tuple_eq(&out, &t));
    }

    /* No partner: no server. */
    t = mk(1, "10.0.0.1", 3, "10.0.0.2", 1);
    why = orient(&out, &t, 0);
    ck_assert(tuple_eq(&out, &t));
    ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_NONE);
    ck_assert_int_eq(why.reason, PORTREG_REASON_ICMP);

    /* ...unless the destination is a group. */
    t = mk(58, "fe80::200:86ff:fe05:80da", 133, "ff02::2", 0);
    why = orient(&out, &t, 0);
    ck_assert(tuple_eq(&out, &t));
    ck_assert_int_eq(why.reason, PORTREG_REASON_MULTICAST);
    ck_assert_int_ne(why.confidence, PORTREG_CONFIDENCE_NONE);
    /* A one-way type from a group cannot be turned around. */
    t = mk(58, "ff02::2", 134, "fe80::1", 0);
    why = orient(&out, &t, 0);
    ck_assert(tuple_eq(&out, &t));
    ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_NONE);
}
END_TEST

START_TEST(test_multicast_and_broadcast)
{
    static const char *const groups[][2] = {
        { "192.168.5.44", "224.0.0.252" }, { "192.168.5.57", "239.255.255.250" },
        { "0.0.0.0", "255.255.255.255" }, { "fe80::406:55a8:6453:25dd", "ff02::1:2" },
        { "2001:db8::1", "ff0e::101" },
    };
    portreg_tuple t, r, out, out_r;
    portreg_orientation why;
    size_t i;

    for (i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        /* 67 -> 68: the registry alone would make the source the server. */
        t = mk(17, groups[i][0], 67, groups[i][1], 68);
        why = orient(&out, &t, 0);
        ck_assert(tuple_eq(&out, &t));
        ck_assert_int_eq(why.reason, PORTREG_REASON_MULTICAST);
        ck_assert_int_ne(why.confidence, PORTREG_CONFIDENCE_NONE);
        ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
        why = orient(&out_r, &r, 0);
        ck_assert_int_eq(why.swapped, 1);
        ck_assert(tuple_eq(&out_r, &t));
    }

    /* A directed broadcast looks like a host without its netmask. */
    t = mk(17, "192.168.115.8", 137, "192.168.255.255", 137);
    why = orient(&out, &t, 0);
    ck_assert_int_ne(why.reason, PORTREG_REASON_MULTICAST);

    /* Both ends groups: the ports decide. */
    t = mk(17, "224.0.0.1", 51000, "224.0.0.2", 5000);
    why = orient(&out, &t, 0);
    ck_assert_int_ne(why.reason, PORTREG_REASON_MULTICAST);

    /* Port-less protocols too. */
    t = mk(89, "224.0.0.5", 0, "10.0.0.1", 0);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.swapped, 1);
    ck_assert_int_eq(why.reason, PORTREG_REASON_MULTICAST);
}
END_TEST

/* Whether `out` is `t` (kept) or its reverse (swapped), as why says. */
static int consistent(const portreg_tuple *out, const portreg_tuple *t, const portreg_orientation *why)
{
    portreg_tuple r;

    if (!why->swapped)
        return tuple_eq(out, t);
    return portreg_tuple_reverse(&r, t) == 0 && tuple_eq(out, &r);
}

/* Orients t and its reverse; both must give `want` with the same reason
 * and confidence, and that confidence NONE. */
static void check_tie_break(portreg_tuple t, const portreg_tuple *want, int reason)
{
    portreg_tuple r, out;
    portreg_orientation why;
    int d;

    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
    for (d = 0; d < 2; d++) {
        const portreg_tuple *in = d ? &r : &t;

        why = orient(&out, in, 0);
        ck_assert_msg(tuple_eq(&out, want), "%s: not the tie-break", tuple_text(in));
        ck_assert(consistent(&out, in, &why));
        ck_assert_int_eq(why.reason, reason);
        ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_NONE);
    }
}

/* Nothing decides: confidence NONE, and still one answer for both
 * directions (docs/ORIENTATION.md, "When nothing decides"). */
START_TEST(test_unknowns)
{
    portreg_tuple t, want, out;
    portreg_orientation why;
    uint16_t eph1 = find_port(49152, 5), eph2 = find_port(60000, 5);

    /* No ports: the larger address is the destination. */
    t = mk(47, "10.0.0.1", 0, "10.0.0.2", 0);
    check_tie_break(t, &t, PORTREG_REASON_NO_PORTS);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.src_score, 0);
    ck_assert_int_eq(why.dst_score, 0);
    t = mk(50, "2001:db8::ff", 0, "2001:db8::1:0", 0);
    check_tie_break(t, &t, PORTREG_REASON_NO_PORTS);

    /* Equal ports: the same. */
    t = mk(17, "10.0.0.1", 53, "10.0.0.2", 53);
    check_tie_break(t, &t, PORTREG_REASON_EQUAL_PORTS);
    t = mk(17, "10.0.0.227", 5353, "10.0.0.213", 5353);
    want = mk(17, "10.0.0.213", 5353, "10.0.0.227", 5353);
    check_tie_break(t, &want, PORTREG_REASON_EQUAL_PORTS);
    /* ...which is portreg_tuple_canonical()'s order. */
    ck_assert_int_eq(portreg_tuple_canonical(&out, &t, NULL), 0);
    ck_assert(tuple_eq(&out, &want));

    /* Both ports ephemeral: the lower port is the server. */
    t = mk(6, "10.0.0.1", eph2, "10.0.0.2", eph1);
    check_tie_break(t, &t, PORTREG_REASON_EPHEMERAL);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.swapped, 0);
    ck_assert_int_eq(why.src_score, 5);
    t = mk(6, "10.0.0.1", eph1, "10.0.0.2", eph2);
    want = mk(6, "10.0.0.2", eph2, "10.0.0.1", eph1);
    check_tie_break(t, &want, PORTREG_REASON_EPHEMERAL);

    /* An ICMP type without a partner has no reverse: kept. */
    t = mk(1, "10.0.0.2", 11, "10.0.0.1", 0);
    why = orient(&out, &t, 0);
    ck_assert(tuple_eq(&out, &t));
    ck_assert_int_eq(why.swapped, 0);
    ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_NONE);
}
END_TEST

START_TEST(test_scores_follow_registry)
{
    static const struct { uint8_t proto; unsigned flag; } transports[] = {
        { 6, PORTREG_TCP }, { 17, PORTREG_UDP }, { 132, PORTREG_SCTP }, { 33, PORTREG_DCCP },
    };
    struct tally tl = TALLY_INIT;
    size_t i;
    unsigned p;

    for (i = 0; i < 4; i++) {
        portreg_tuple t = mk(transports[i].proto, "10.0.0.1", 0, "10.0.0.2", 40000);
        for (p = 0; p < 65536; p++) {
            portreg_tuple out;
            portreg_orientation why;

            t.src_port = (uint16_t)p;
            why = orient(&out, &t, 0);
            TALLY_EQ(&tl, why.src_score, expected_score((uint16_t)p, transports[i].flag), "%s",
                     tuple_text(&t));
            TALLY_EQ(&tl, why.dst_score, expected_score(40000, transports[i].flag), "%s",
                     tuple_text(&t));
        }
    }
    TALLY_VERDICT(&tl);
}
END_TEST

/* The ephemeral ranges the rank weighs, as docs/ORIENTATION.md states
 * them: legacy Windows/BSD, FreeBSD, Linux, IANA/Windows/macOS. */
static int in_client_range(uint16_t port)
{
    return (port >= 1025 && port <= 5000) || port >= 10000;
}

/* Confidence as docs/ORIENTATION.md states it, for different ports whose
 * ranks are not both 5. */
static int expected_confidence(int s, int d)
{
    int better = s < d ? s : d, worse = s < d ? d : s;

    if (s == d)
        return s <= 2 ? PORTREG_CONFIDENCE_MEDIUM : PORTREG_CONFIDENCE_LOW;
    if (better <= 2 && worse >= 4)
        return PORTREG_CONFIDENCE_HIGH;
    return worse - better >= 2 ? PORTREG_CONFIDENCE_MEDIUM : PORTREG_CONFIDENCE_LOW;
}

/* The decision for random port pairs, against the rule as documented. */
START_TEST(test_decision_rule)
{
    struct tally tl = TALLY_INIT;
    portreg_tuple t = mk(6, "10.0.0.1", 0, "10.0.0.2", 0);
    int i;

    for (i = 0; i < 200000; i++) {
        uint16_t sp = (uint16_t)(rnd_below(2) ? rnd_below(1024) : rnd());
        uint16_t dp = rnd_below(10) == 0 ? sp : (uint16_t)(rnd_below(2) ? rnd_below(1024) : rnd());
        unsigned flag;
        int s, d, server_is_src;
        portreg_tuple out;
        portreg_orientation why;

        t.proto = rnd_below(2) ? 6 : 17;
        t.src_port = sp;
        t.dst_port = dp;
        flag = t.proto == 6 ? PORTREG_TCP : PORTREG_UDP;
        s = expected_score(sp, flag);
        d = expected_score(dp, flag);
        why = orient(&out, &t, 0);
        if (sp == dp) {
            TALLY_EQ(&tl, why.reason, PORTREG_REASON_EQUAL_PORTS, "%s", tuple_text(&t));
            continue;
        }
        if (s == d && s == 5) {
            TALLY_EQ(&tl, why.reason, PORTREG_REASON_EPHEMERAL, "%s", tuple_text(&t));
            TALLY_EQ(&tl, why.confidence, PORTREG_CONFIDENCE_NONE, "%s", tuple_text(&t));
            TALLY_EQ(&tl, why.swapped, sp < dp, "%s", tuple_text(&t));
            TALLY_EQ(&tl, out.dst_port, sp < dp ? sp : dp, "%s", tuple_text(&t));
            continue;
        }
        if (s == 2 && d == 2 && in_client_range(sp) != in_client_range(dp)) {
            TALLY_EQ(&tl, why.reason, PORTREG_REASON_CLIENT_RANGE, "%s", tuple_text(&t));
            TALLY_EQ(&tl, why.confidence, PORTREG_CONFIDENCE_MEDIUM, "%s", tuple_text(&t));
            server_is_src = in_client_range(dp);
            TALLY_EQ(&tl, why.swapped, server_is_src, "%s", tuple_text(&t));
            continue;
        }
        TALLY_EQ(&tl, why.reason, s != d ? PORTREG_REASON_SCORE : PORTREG_REASON_LOWER_PORT,
                 "%s", tuple_text(&t));
        TALLY_EQ(&tl, why.confidence, expected_confidence(s, d), "%s", tuple_text(&t));
        server_is_src = s != d ? s < d : sp < dp;
        TALLY_EQ(&tl, why.swapped, server_is_src, "%s", tuple_text(&t));
        TALLY_EQ(&tl, out.dst_port, server_is_src ? sp : dp, "%s", tuple_text(&t));
    }
    TALLY_VERDICT(&tl);
}
END_TEST

/*
 * Where the registry knows better than the port ranges: in each pair both
 * ports fall in the same RFC 6335 range, so a range-only rule (nfdump -B,
 * nDPI) cannot tell them apart, and the lower port is not the service.
 */
START_TEST(test_registry_beats_ranges)
{
    portreg_tuple t, out;
    portreg_orientation why;
    /* An unassigned or reserved system port below an assigned one. */
    uint16_t sys_other = find_port(1, 3);
    uint16_t sys_assigned = find_port(sys_other, 1);
    /* An unregistered user port below an assigned one. */
    uint16_t user_other = find_port(1024, 4);
    uint16_t user_assigned = find_port(user_other, 2);

    t = mk(6, "10.0.0.1", sys_assigned, "10.0.0.2", sys_other);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.swapped, 1);
    ck_assert_int_eq(out.dst_port, sys_assigned);
    ck_assert_int_eq(why.reason, PORTREG_REASON_SCORE);

    t = mk(6, "10.0.0.1", user_assigned, "10.0.0.2", user_other);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.swapped, 1);
    ck_assert_int_eq(out.dst_port, user_assigned);

    /* Two assigned ports: the lower. */
    t = mk(6, "10.0.0.1", find_port(sys_assigned + 1u, 1), "10.0.0.2", sys_assigned);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.reason, PORTREG_REASON_LOWER_PORT);
    ck_assert_int_eq(out.dst_port, sys_assigned);
}
END_TEST

/* The ranges as docs/ORIENTATION.md lists them. */
START_TEST(test_ephemeral_ranges)
{
    static const struct { unsigned bit; unsigned first, last; } want[] = {
        { PORTREG_EPHEMERAL_IANA, 49152, 65535 }, { PORTREG_EPHEMERAL_LINUX, 32768, 60999 },
        { PORTREG_EPHEMERAL_FREEBSD, 10000, 65535 }, { PORTREG_EPHEMERAL_LEGACY, 1025, 5000 },
    };
    struct tally tl = TALLY_INIT;
    uint16_t first = 7, last = 7;
    unsigned p, all = 0;
    size_t i;

    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        const char *name = portreg_ephemeral_range(want[i].bit, &first, &last);

        ck_assert_ptr_nonnull(name);
        ck_assert_uint_gt(strlen(name), 0);
        ck_assert_uint_eq(first, want[i].first);
        ck_assert_uint_eq(last, want[i].last);
        ck_assert_ptr_eq(portreg_ephemeral_range(want[i].bit, NULL, NULL), name);
        all |= want[i].bit;
    }
    /* Not exactly one known bit: NULL, and nothing written. */
    first = last = 7;
    ck_assert_ptr_null(portreg_ephemeral_range(0, &first, &last));
    ck_assert_ptr_null(portreg_ephemeral_range(all, &first, &last));
    ck_assert_ptr_null(portreg_ephemeral_range(0x100, &first, &last));
    ck_assert_uint_eq(first, 7);
    ck_assert_uint_eq(last, 7);

    for (p = 0; p < 65536; p++) {
        unsigned bits = 0;

        for (i = 0; i < sizeof want / sizeof want[0]; i++)
            if (p >= want[i].first && p <= want[i].last)
                bits |= want[i].bit;
        TALLY_EQ(&tl, portreg_port_ephemeral((uint16_t)p), bits, "port %u", p);
    }
    TALLY_VERDICT(&tl);
}
END_TEST

/* The first port in [from, to] that is assigned for TCP, 0 if none. */
static uint16_t find_assigned(unsigned from, unsigned to)
{
    unsigned p;

    for (p = from; p <= to; p++)
        if (portreg_port_status((uint16_t)p, PORTREG_TCP) == PORTREG_STATUS_ASSIGNED)
            return (uint16_t)p;
    return 0;
}

/* Two registered user ports, one in a client range: the other serves,
 * even when it is the higher (issue 17: an XP client's 1714 against 8080). */
START_TEST(test_client_range)
{
    uint16_t legacy = find_assigned(1025, 5000), outside = find_assigned(5001, 9999);
    uint16_t linux_ = find_assigned(32768, 49151), freebsd = find_assigned(10000, 32767);
    portreg_tuple t, r, out;
    portreg_orientation why;
    int d;

    ck_assert(legacy && outside && linux_ && freebsd);
    t = mk(6, "192.168.1.103", legacy, "192.168.1.146", outside);
    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
    for (d = 0; d < 2; d++) {
        why = orient(&out, d ? &r : &t, 0);
        ck_assert_int_eq(out.dst_port, outside);
        ck_assert_int_eq(why.reason, PORTREG_REASON_CLIENT_RANGE);
        ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_MEDIUM);
        ck_assert_int_eq(why.src_score, 2);
        ck_assert_int_eq(why.dst_score, 2);
    }
    /* Both in client ranges: the lower port, as before. */
    t = mk(6, "10.0.0.1", linux_, "10.0.0.2", legacy);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.reason, PORTREG_REASON_LOWER_PORT);
    ck_assert_int_eq(out.dst_port, legacy);
    t = mk(6, "10.0.0.1", freebsd, "10.0.0.2", legacy);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.reason, PORTREG_REASON_LOWER_PORT);
    /* ...and against a port outside all ranges, the range decides. */
    t = mk(6, "10.0.0.1", outside, "10.0.0.2", freebsd);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.reason, PORTREG_REASON_CLIENT_RANGE);
    ck_assert_int_eq(out.dst_port, outside);
    /* A system port still outranks any of them. */
    t = mk(6, "10.0.0.1", legacy, "10.0.0.2", find_port(1, 1));
    why = orient(&out, &t, 0);
    ck_assert_int_eq(why.reason, PORTREG_REASON_SCORE);
}
END_TEST

/* PORTREG_HINT_FIRST decides only where no port rule did. */
START_TEST(test_first_packet_hint)
{
    uint16_t eph1 = find_port(49152, 5), eph2 = find_port(60000, 5);
    portreg_tuple t, r, out;
    portreg_orientation why;
    int d;

    /* Unknown without it: with it, in's source is the client, either way round. */
    t = mk(6, "10.0.0.1", eph1, "10.0.0.2", eph2);
    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
    for (d = 0; d < 2; d++) {
        const portreg_tuple *in = d ? &r : &t;

        why = orient(&out, in, PORTREG_HINT_FIRST);
        ck_assert(tuple_eq(&out, in));
        ck_assert_int_eq(why.swapped, 0);
        ck_assert_int_eq(why.reason, PORTREG_REASON_FIRST_PACKET);
        ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_LOW);
    }
    t = mk(17, "10.0.0.227", 5353, "10.0.0.213", 5353);
    why = orient(&out, &t, PORTREG_HINT_FIRST);
    ck_assert(tuple_eq(&out, &t));
    ck_assert_int_eq(why.reason, PORTREG_REASON_FIRST_PACKET);
    t = mk(47, "10.0.0.2", 0, "10.0.0.1", 0);
    why = orient(&out, &t, PORTREG_HINT_FIRST);
    ck_assert(tuple_eq(&out, &t));
    ck_assert_int_eq(why.reason, PORTREG_REASON_FIRST_PACKET);

    /* Port evidence outranks it, a handshake hint too. */
    t = mk(6, "10.0.0.1", 443, "10.0.0.2", eph1);
    why = orient(&out, &t, PORTREG_HINT_FIRST);
    ck_assert_int_eq(why.reason, PORTREG_REASON_SCORE);
    ck_assert_int_eq(out.dst_port, 443);
    t = mk(6, "10.0.0.1", eph1, "10.0.0.2", eph2);
    why = orient(&out, &t, PORTREG_HINT_FIRST | PORTREG_HINT_SYNACK);
    ck_assert_int_eq(why.reason, PORTREG_REASON_HINT);
    ck_assert_int_eq(why.swapped, 1);
    /* An ICMP error has no server, hint or not. */
    t = mk(1, "10.0.0.2", 3, "10.0.0.1", 1);
    why = orient(&out, &t, PORTREG_HINT_FIRST);
    ck_assert_int_eq(why.reason, PORTREG_REASON_ICMP);
    ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_NONE);
}
END_TEST

START_TEST(test_options)
{
    portreg_orient_options o, init = PORTREG_ORIENT_OPTIONS_INIT;
    portreg_tuple t = mk(6, "10.0.0.1", 443, "10.0.0.2", 51515), out;

    /* init() and the macro agree; bad versions are refused. */
    memset(&o, 0x5a, sizeof o);
    ck_assert_int_eq(portreg_orient_options_init(&o, PORTREG_ORIENT_OPTIONS_VERSION), 0);
    ck_assert_uint_eq(o.version, PORTREG_ORIENT_OPTIONS_VERSION);
    ck_assert_uint_eq(o.hints, 0);
    ck_assert_uint_eq(o.local_ephemeral_first, 0);
    ck_assert_uint_eq(o.local_ephemeral_last, 0);
    ck_assert_uint_eq(init.version, PORTREG_ORIENT_OPTIONS_VERSION);
    ck_assert_int_eq(portreg_orient_options_init(&o, 0), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_orient_options_init(&o, PORTREG_ORIENT_OPTIONS_VERSION + 1),
                     PORTREG_EINVAL);
    ck_assert_int_eq(portreg_orient_options_init(NULL, 1), PORTREG_EINVAL);

    /* NULL options are the defaults; so is the macro. */
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, NULL, NULL), 0);
    ck_assert_int_eq(out.dst_port, 443);
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, &init, NULL), 0);
    ck_assert_int_eq(out.dst_port, 443);

    /* What is refused. */
    o = init;
    o.version = 0;
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, &o, NULL), PORTREG_EINVAL);
    o.version = PORTREG_ORIENT_OPTIONS_VERSION + 1; /* a newer caller's struct */
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, &o, NULL), PORTREG_EINVAL);
    o = init;
    o.local_ephemeral_first = 0;
    o.local_ephemeral_last = 5000;
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, &o, NULL), PORTREG_EINVAL);
    o.local_ephemeral_first = 6000;
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, &o, NULL), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_orient_ext(NULL, &t, NULL, NULL), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, NULL, NULL, NULL), PORTREG_EINVAL);
    t.reserved[5] = 1; /* reserved bytes are refused here too */
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, NULL, NULL), PORTREG_EINVAL);
    t.reserved[5] = 0;
    /* A one-port range is a range. */
    o.local_ephemeral_first = o.local_ephemeral_last = 51515;
    ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, &o, NULL), 0);
}
END_TEST

/* The caller's range: the documented weakness of the registry rule (a Linux
 * client on a registered port against an unregistered service) fixed. */
START_TEST(test_local_range)
{
    portreg_orient_options o = PORTREG_ORIENT_OPTIONS_INIT;
    uint16_t client = find_assigned(32768, 49151), server = find_port(1024, 4);
    uint16_t eph = find_port(61000, 5), eph_in = find_port(40000, 5);
    portreg_tuple t, r, out;
    portreg_orientation why;
    int d;

    ck_assert(client != 0);
    t = mk(6, "10.0.0.5", client, "10.0.0.9", server);
    why = orient(&out, &t, 0);
    ck_assert_int_eq(out.dst_port, client); /* wrong without the range */
    o.local_ephemeral_first = 32768;
    o.local_ephemeral_last = 60999;
    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
    for (d = 0; d < 2; d++) {
        why = orient_ext(&out, d ? &r : &t, &o);
        ck_assert_int_eq(out.dst_port, server);
        ck_assert_int_eq(why.reason, PORTREG_REASON_LOCAL_RANGE);
        ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_MEDIUM);
        ck_assert_int_eq(why.swapped, d);
    }
    /* Against a port that looks ephemeral too: LOW. */
    t = mk(6, "10.0.0.5", eph_in, "10.0.0.9", eph);
    why = orient_ext(&out, &t, &o);
    ck_assert_int_eq(out.dst_port, eph);
    ck_assert_int_eq(why.reason, PORTREG_REASON_LOCAL_RANGE);
    ck_assert_int_eq(why.confidence, PORTREG_CONFIDENCE_LOW);
    /* Both ports inside, or both outside: the registry decides. */
    t = mk(6, "10.0.0.5", 40001, "10.0.0.9", 40002);
    why = orient_ext(&out, &t, &o);
    ck_assert_int_ne(why.reason, PORTREG_REASON_LOCAL_RANGE);
    t = mk(6, "10.0.0.5", 51515, "10.0.0.9", 443);
    o.local_ephemeral_first = 1025;
    o.local_ephemeral_last = 5000;
    why = orient_ext(&out, &t, &o);
    ck_assert_int_eq(why.reason, PORTREG_REASON_SCORE);
    /* Hints in the options are the hints of portreg_tuple_orient(). */
    o.hints = PORTREG_HINT_SYNACK;
    why = orient_ext(&out, &t, &o);
    ck_assert_int_eq(why.reason, PORTREG_REASON_HINT);
    ck_assert_int_eq(out.dst_port, 51515);
    /* ICMP, port-less protocols and groups are not affected. */
    o.hints = 0;
    t = mk(1, "10.0.0.1", 8, "10.0.0.2", 0);
    ck_assert_int_eq(orient_ext(&out, &t, &o).reason, PORTREG_REASON_ICMP);
    t = mk(17, "10.0.0.1", 5353, "224.0.0.251", 2000);
    ck_assert_int_eq(orient_ext(&out, &t, &o).reason, PORTREG_REASON_MULTICAST);
}
END_TEST

START_TEST(test_arguments)
{
    portreg_tuple t = mk(6, "10.0.0.1", 443, "10.0.0.2", 51515), copy = t, out;

    ck_assert_int_eq(portreg_tuple_orient(NULL, &t, 0, NULL), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_orient(&out, NULL, 0, NULL), PORTREG_EINVAL);
    /* In place, without why. */
    ck_assert_int_eq(portreg_tuple_orient(&t, &t, 0, NULL), 0);
    ck_assert_int_eq(t.dst_port, copy.src_port);
    t.family = 3;
    ck_assert_int_eq(portreg_tuple_orient(&out, &t, 0, NULL), PORTREG_EINVAL);
}
END_TEST

/* ---- Direction-free, on 10^6 random tuples (a quarter with a local range) ---- */

static uint16_t random_port(void)
{
    switch (rnd_below(5)) {
    case 0: return (uint16_t)rnd_below(1024);
    case 1: return (uint16_t)(1024 + rnd_below(31744));
    case 2: return (uint16_t)(32768 + rnd_below(16384));
    case 3: return (uint16_t)(49152 + rnd_below(16384));
    default: return (uint16_t)rnd();
    }
}

static void random_addr(uint8_t *addr, int family)
{
    size_t i, len = family == 6 ? 16 : 4;

    for (i = 0; i < len; i++)
        addr[i] = (uint8_t)rnd();
    switch (rnd_below(6)) {
    case 0: /* multicast */
        if (family == 6)
            addr[0] = 0xff;
        else
            addr[0] = (uint8_t)(224 + rnd_below(16));
        break;
    case 1: /* the limited broadcast (an ordinary address in IPv6) */
        memset(addr, 0xff, len);
        break;
    default:
        break;
    }
}

static portreg_tuple random_flow(void)
{
    static const uint8_t protos[] = { 6, 6, 6, 17, 17, 17, 132, 33, 1, 1, 58, 58, 47, 89, 0 };
    portreg_tuple t;

    memset(&t, 0, sizeof t);
    t.family = rnd_below(3) == 0 ? 6 : 4;
    t.proto = protos[rnd_below(sizeof protos)];
    random_addr(t.src_addr, t.family);
    random_addr(t.dst_addr, t.family);
    if (t.proto == 1 || t.proto == 58) {
        t.src_port = (uint16_t)(rnd_below(2) ? rnd_below(20) : 128 + rnd_below(20));
        t.dst_port = (uint16_t)rnd_below(16);
    } else if (t.proto == 6 || t.proto == 17 || t.proto == 132 || t.proto == 33) {
        t.src_port = random_port();
        t.dst_port = rnd_below(20) == 0 ? t.src_port : random_port();
    }
    return t;
}

START_TEST(test_direction_free_1e6)
{
    struct tally tl = TALLY_INIT;
    long i, checked = 0, known = 0;

    /* Until 10^6 tuples have been compared with their reverse. */
    for (i = 0; checked < 1000000; i++) {
        portreg_tuple t = random_flow(), r, out_t, out_r;
        portreg_orient_options o = PORTREG_ORIENT_OPTIONS_INIT;
        portreg_orientation wt, wr;

        /* One in four with a local range, of any size and place. */
        if (rnd_below(4) == 0) {
            unsigned a = 1 + rnd_below(65535), b = 1 + rnd_below(65535);
            o.local_ephemeral_first = (uint16_t)(a < b ? a : b);
            o.local_ephemeral_last = (uint16_t)(a < b ? b : a);
        }
        wt = orient_ext(&out_t, &t, &o);

        /* Internal consistency of the answer itself. */
        TALLY(&tl, consistent(&out_t, &t, &wt), "%s", tuple_text(&t));
        if (portreg_tuple_reverse(&r, &t) != 0) {
            /* One-way ICMP: no reverse to agree with, nothing to swap to. */
            TALLY_EQ(&tl, wt.swapped, 0, "%s", tuple_text(&t));
            continue;
        }
        checked++;
        wr = orient_ext(&out_r, &r, &o);
        /* The same answer in both directions, the unknown ones included. */
        TALLY(&tl, tuple_eq(&out_t, &out_r), "%s and its reverse", tuple_text(&t));
        TALLY(&tl, tuple_eq(&t, &r) || wt.swapped != wr.swapped, "%s", tuple_text(&t));
        TALLY_EQ(&tl, wt.confidence, wr.confidence, "%s", tuple_text(&t));
        TALLY_EQ(&tl, wt.reason, wr.reason, "%s", tuple_text(&t));
        TALLY_EQ(&tl, wt.src_score, wr.dst_score, "%s", tuple_text(&t));
        known += wt.confidence != PORTREG_CONFIDENCE_NONE;
    }
    TALLY_VERDICT(&tl);
    printf("direction-free: %ld random tuples, %ld with a reverse, %ld of those decided by evidence\n",
           i, checked, known);
    fflush(stdout);
    ck_assert_int_ge(known, checked / 2); /* the generator does reach the rules */
}
END_TEST

/* ---- Labelled flows from real captures ---- */

/* The two sets of tests/data/flows (docs/ORIENTATION.md, "Measured"). */
static const char *const flow_files[] = { "labelled-flows.csv", "labelled-flows-more.csv" };
#define N_FILES (sizeof flow_files / sizeof flow_files[0])

struct flow {
    portreg_tuple t;    /* the first packet, as captured */
    int server_is_src;  /* -1 when unlabelled */
    int handshake;      /* evidence: 0 none or dns-qr, 1 tcp-syn, 2 tcp-synack */
    char capture[64];
};

#define MAX_FLOWS 4096

/* Reads one CSV of tests/data/flows; returns the number of flows. */
static size_t read_flows(const char *file, struct flow *flows, size_t cap)
{
    char path[1024], line[512];
    FILE *f;
    size_t n = 0;

    snprintf(path, sizeof path, "%s/flows/%s", PORTREG_TEST_DATA, file);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* header */
    ck_assert(strncmp(line, "proto,src,sport,dst,dport,server,evidence,capture", 48) == 0);
    while (fgets(line, sizeof line, f) != NULL) {
        char *col[8], *p = line;
        int k;

        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0')
            continue;
        for (k = 0; k < 8; k++) {
            col[k] = p;
            p = strchr(p, ',');
            if (p == NULL)
                break;
            *p++ = '\0';
        }
        REQUIRE(k == 7, "%s: a line with %d columns", path, k + 1);
        REQUIRE(n < cap, "%s: more than %zu flows", path, cap);
        REQUIRE(strcmp(col[0], "tcp") == 0 || strcmp(col[0], "udp") == 0, "%s: %s", path, col[0]);
        flows[n].t = mk(strcmp(col[0], "tcp") == 0 ? 6 : 17, col[1], (uint16_t)atoi(col[2]),
                        col[3], (uint16_t)atoi(col[4]));
        flows[n].server_is_src = strcmp(col[5], "src") == 0   ? 1
                                 : strcmp(col[5], "dst") == 0 ? 0
                                                              : -1;
        flows[n].handshake = strcmp(col[6], "tcp-syn") == 0      ? 1
                             : strcmp(col[6], "tcp-synack") == 0 ? 2
                                                                 : 0;
        snprintf(flows[n].capture, sizeof flows[n].capture, "%s", col[7]);
        n++;
    }
    fclose(f);
    return n;
}

/* Whether the destination of `t` is the labelled server of `f`. */
static int names_server(const portreg_tuple *t, const struct flow *f)
{
    const uint8_t *addr = f->server_is_src ? f->t.src_addr : f->t.dst_addr;
    uint16_t port = f->server_is_src ? f->t.src_port : f->t.dst_port;

    return memcmp(t->dst_addr, addr, 16) == 0 && t->dst_port == port;
}

/* "The lower port is the server"; equal ports keep the given order. */
static portreg_tuple lower_port_rule(const portreg_tuple *t)
{
    portreg_tuple out = *t;

    if (t->src_port < t->dst_port)
        REQUIRE(portreg_tuple_reverse(&out, t) == 0, "%s", tuple_text(t));
    return out;
}

/*
 * portreg with hints about the packets the capture holds.  The hints are
 * about the first packet, sent by the source of the flow as captured; in
 * the reversed presentation that is the destination, so the reverse is
 * oriented, as docs/ORIENTATION.md tells callers to do.
 */
static portreg_tuple with_hints(const portreg_tuple *in, int reversed, unsigned hints,
                                portreg_orientation *why)
{
    portreg_tuple r, out;

    if (reversed) {
        REQUIRE(portreg_tuple_reverse(&r, in) == 0, "%s", tuple_text(in));
        in = &r;
    }
    *why = orient(&out, in, hints);
    return out;
}

/* The SYN hint a capture gives about its first packet. */
static unsigned syn_hint(const struct flow *f)
{
    return f->handshake == 1 ? PORTREG_HINT_SYN : f->handshake == 2 ? PORTREG_HINT_SYNACK : 0;
}

/* Answers right, per method, over the labelled flows of one capture (or of
 * all), each flow presented as captured and reversed. */
enum { M_PORTREG, M_LOWER, M_FIRST, M_PORTREG_SYN, M_LOWER_SYN, M_FIRST_SYN,
       M_PORTREG_SYN_FIRST, M_LINUX, M_IANA, N_METHODS };

struct score {
    char capture[64];
    int answers, handshake_answers, right[N_METHODS], handshake_right;
};

/* Scores flows[from, to), which share one capture, into `sc`. */
static void score_flows(struct score *sc, const struct flow *flows, size_t from, size_t to)
{
    portreg_orient_options linux_ = PORTREG_ORIENT_OPTIONS_INIT, iana = linux_;
    size_t i;
    int d;

    linux_.local_ephemeral_first = 32768;
    linux_.local_ephemeral_last = 60999;
    iana.local_ephemeral_first = 49152;
    iana.local_ephemeral_last = 65535;
    for (i = from; i < to; i++) {
        const struct flow *f = &flows[i];
        unsigned syn = syn_hint(f);

        if (f->server_is_src < 0)
            continue;
        for (d = 0; d < 2; d++) {
            portreg_tuple in, out, lower;
            portreg_orientation why;
            int first_right = names_server(&f->t, f); /* the same in both presentations */

            in = f->t;
            if (d)
                REQUIRE(portreg_tuple_reverse(&in, &f->t) == 0, "%s", tuple_text(&f->t));
            sc->answers++;
            orient(&out, &in, 0);
            sc->right[M_PORTREG] += names_server(&out, f);
            lower = lower_port_rule(&in);
            sc->right[M_LOWER] += names_server(&lower, f);
            sc->right[M_FIRST] += first_right;
            out = with_hints(&in, d, syn, &why);
            sc->right[M_PORTREG_SYN] += names_server(&out, f);
            sc->right[M_LOWER_SYN] += syn ? names_server(&out, f) : names_server(&lower, f);
            sc->right[M_FIRST_SYN] += syn ? names_server(&out, f) : first_right;
            if (syn) {
                sc->handshake_answers++;
                sc->handshake_right += names_server(&out, f) && why.reason == PORTREG_REASON_HINT;
            }
            out = with_hints(&in, d, syn | PORTREG_HINT_FIRST, &why);
            sc->right[M_PORTREG_SYN_FIRST] += names_server(&out, f);
            orient_ext(&out, &in, &linux_);
            sc->right[M_LINUX] += names_server(&out, f);
            orient_ext(&out, &in, &iana);
            sc->right[M_IANA] += names_server(&out, f);
        }
    }
}

static void add_score(struct score *to, const struct score *from)
{
    int m;

    to->answers += from->answers;
    to->handshake_answers += from->handshake_answers;
    to->handshake_right += from->handshake_right;
    for (m = 0; m < N_METHODS; m++)
        to->right[m] += from->right[m];
}

static void print_score(const struct score *sc)
{
    int m;

    printf("| %s | %d", sc->capture, sc->answers);
    for (m = 0; m < N_METHODS; m++)
        printf(" | %d", sc->right[m]);
    printf(" |\n");
}

/* Per reason, over every labelled answer of a set without hints: how often
 * each rule decided, how often it was right, and how often the lower-port
 * rule was right on the same answers (each rule's effect). */
static void print_rule_effects(const struct flow *flows, size_t n)
{
    int decided[16] = { 0 }, right[16] = { 0 }, lower[16] = { 0 }, r;
    size_t i;
    int d;

    for (i = 0; i < n; i++) {
        if (flows[i].server_is_src < 0)
            continue;
        for (d = 0; d < 2; d++) {
            portreg_tuple in = flows[i].t, out, low;
            portreg_orientation why;

            if (d)
                REQUIRE(portreg_tuple_reverse(&in, &flows[i].t) == 0, "%s", tuple_text(&in));
            why = orient(&out, &in, 0);
            low = lower_port_rule(&in);
            r = why.reason < 16 ? why.reason : 0;
            decided[r]++;
            right[r] += names_server(&out, &flows[i]);
            lower[r] += names_server(&low, &flows[i]);
        }
    }
    printf("| reason | answers | right | lower port right |\n|---|---:|---:|---:|\n");
    for (r = 0; r < 16; r++)
        if (decided[r])
            printf("| %d | %d | %d | %d |\n", r, decided[r], right[r], lower[r]);
}

START_TEST(test_labelled_flows)
{
    static struct flow flows[MAX_FLOWS];
    static struct score caps[512];
    struct score all = { "all", 0, 0, { 0 }, 0 };
    size_t f, i, n, n_caps = 0;
    int m, below_lower = 0;

    printf("labelled flows, each as captured and reversed; right answers per method:\n"
           "portreg, lower port, first-packet destination; then with the SYN hints: portreg,\n"
           "lower port, first packet; portreg with SYN and first-packet hints; portreg with a\n"
           "local range of 32768-60999 (Linux), of 49152-65535 (IANA), no hints\n");
    for (f = 0; f < N_FILES; f++) {
        struct score set;
        size_t from = 0;

        memset(&set, 0, sizeof set);
        snprintf(set.capture, sizeof set.capture, "%s", flow_files[f]);
        n = read_flows(flow_files[f], flows, MAX_FLOWS);
        ck_assert_uint_gt(n, 0);
        printf("\n%s\n\n| capture | answers | portreg | lower | first | portreg+SYN | "
               "lower+SYN | first+SYN | portreg+SYN+first | local Linux | local IANA |\n"
               "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", flow_files[f]);
        /* One score per capture: the rows of a capture are contiguous. */
        for (i = 1; i <= n; i++) {
            struct score *sc;

            if (i < n && strcmp(flows[i].capture, flows[from].capture) == 0)
                continue;
            ck_assert_uint_lt(n_caps, sizeof caps / sizeof caps[0]);
            sc = &caps[n_caps++];
            memset(sc, 0, sizeof *sc);
            snprintf(sc->capture, sizeof sc->capture, "%s", flows[from].capture);
            score_flows(sc, flows, from, i);
            if (sc->answers > 0)
                print_score(sc);
            if (sc->right[M_PORTREG] < sc->right[M_LOWER]) {
                printf("  ^ below the lower-port rule\n");
                below_lower++;
            }
            add_score(&set, sc);
            from = i;
        }
        print_score(&set);
        printf("\nrules that decided in %s (reason numbers of portreg.h):\n\n", flow_files[f]);
        print_rule_effects(flows, n);
        add_score(&all, &set);
    }
    printf("\n| capture | answers | portreg | lower | first | portreg+SYN | lower+SYN | "
           "first+SYN | portreg+SYN+first | local Linux | local IANA |\n"
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    print_score(&all);
    for (m = 0; m < N_METHODS; m++)
        printf("%s%.2f%%", m ? ", " : "percent: ", 100.0 * all.right[m] / all.answers);
    printf("\nhandshake captured (tcp-syn, tcp-synack): %d of %d answers right by the hint\n",
           all.handshake_right, all.handshake_answers);
    fflush(stdout);

    /* The targets of issue 17. */
    ck_assert_int_gt(all.answers, 0);
    ck_assert_msg(all.right[M_PORTREG] * 1000 >= all.answers * 995,
                  "without hints only %d of %d right", all.right[M_PORTREG], all.answers);
    ck_assert_msg(below_lower == 0, "%d captures where portreg is below the lower-port rule",
                  below_lower);
    ck_assert_int_gt(all.handshake_answers, 0);
    ck_assert_int_eq(all.handshake_right, all.handshake_answers);
}
END_TEST

/* Every flow of both sets, labelled or not, and its reverse: one answer,
 * with and without a local range. */
START_TEST(test_captured_flows_direction_free)
{
    static struct flow flows[MAX_FLOWS];
    struct tally tl = TALLY_INIT;
    portreg_orient_options o = PORTREG_ORIENT_OPTIONS_INIT;
    size_t f, i, n, total = 0;
    int k;

    for (f = 0; f < N_FILES; f++) {
        n = read_flows(flow_files[f], flows, MAX_FLOWS);
        ck_assert_uint_gt(n, 0);
        total += n;
        for (i = 0; i < n; i++) {
            for (k = 0; k < 3; k++) {
                portreg_tuple r, out_t, out_r;
                portreg_orientation wt, wr;

                o.local_ephemeral_first = k == 0 ? 0 : k == 1 ? 32768 : 49152;
                o.local_ephemeral_last = k == 0 ? 0 : k == 1 ? 60999 : 65535;
                REQUIRE(portreg_tuple_reverse(&r, &flows[i].t) == 0, "%s",
                        tuple_text(&flows[i].t));
                wt = orient_ext(&out_t, &flows[i].t, &o);
                wr = orient_ext(&out_r, &r, &o);
                TALLY(&tl, tuple_eq(&out_t, &out_r), "%s and its reverse (range %d)",
                      tuple_text(&flows[i].t), k);
                TALLY_EQ(&tl, wt.confidence, wr.confidence, "%s", tuple_text(&flows[i].t));
                TALLY_EQ(&tl, wt.reason, wr.reason, "%s", tuple_text(&flows[i].t));
            }
        }
    }
    TALLY_VERDICT(&tl);
    printf("direction-free: all %zu captured flows, both ways, three option sets\n", total);
    fflush(stdout);
}
END_TEST

static Suite *orient_suite(void)
{
    Suite *s = suite_create("orient");
    TCase *rules = tcase_create("rules");
    TCase *prop = tcase_create("property");
    TCase *real = tcase_create("captures");

    tcase_set_timeout(rules, 60);
    tcase_add_test(rules, test_hints);
    tcase_add_test(rules, test_icmp);
    tcase_add_test(rules, test_multicast_and_broadcast);
    tcase_add_test(rules, test_unknowns);
    tcase_add_test(rules, test_scores_follow_registry);
    tcase_add_test(rules, test_decision_rule);
    tcase_add_test(rules, test_registry_beats_ranges);
    tcase_add_test(rules, test_ephemeral_ranges);
    tcase_add_test(rules, test_client_range);
    tcase_add_test(rules, test_first_packet_hint);
    tcase_add_test(rules, test_options);
    tcase_add_test(rules, test_local_range);
    tcase_add_test(rules, test_arguments);
    suite_add_tcase(s, rules);
    tcase_set_timeout(prop, 120);
    tcase_add_test(prop, test_direction_free_1e6);
    suite_add_tcase(s, prop);
    tcase_set_timeout(real, 60);
    tcase_add_test(real, test_labelled_flows);
    tcase_add_test(real, test_captured_flows_direction_free);
    suite_add_tcase(s, real);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(orient_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
