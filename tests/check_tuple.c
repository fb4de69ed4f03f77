/*
 * Tuples: reverse, canonical, and the text form (parse/format), including
 * the IPv4/IPv6 address text, checked against libc's inet_pton/inet_ntop.
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

/* ---- Helpers ---- */

#if defined(__GLIBC__)
#define LIBC_IS_GLIBC 1
#else
#define LIBC_IS_GLIBC 0
#endif

static const uint8_t protos[] = { 6, 17, 132, 33, 1, 58, 0, 2, 46, 47, 50, 89, 255 };

/* A random well-formed tuple: what portreg_tuple_parse() could produce. */
static portreg_tuple random_tuple(void)
{
    portreg_tuple t;
    size_t len, i;

    memset(&t, 0, sizeof t);
    t.family = rnd_below(2) ? 6 : 4;
    t.proto = rnd_below(4) == 0 ? (uint8_t)rnd_below(256)
                                : protos[rnd_below(sizeof protos)];
    len = t.family == 6 ? 16 : 4;
    for (i = 0; i < len; i++) {
        /* Mostly zero bytes for IPv6, so that "::" runs of every length occur. */
        int zero = t.family == 6 && rnd_below(3) != 0;

        t.src_addr[i] = zero ? 0 : (uint8_t)rnd();
        t.dst_addr[i] = rnd_below(8) == 0 ? t.src_addr[i] : (uint8_t)rnd();
    }
    if (t.proto == 1 || t.proto == 58) {
        t.src_port = (uint16_t)rnd_below(256);
        t.dst_port = (uint16_t)rnd_below(256);
    } else if (t.proto == 6 || t.proto == 17 || t.proto == 132 || t.proto == 33) {
        t.src_port = (uint16_t)rnd();
        t.dst_port = rnd_below(8) == 0 ? t.src_port : (uint16_t)rnd();
    }
    return t;
}

/* ---- Reverse ---- */

START_TEST(test_reverse_ports)
{
    portreg_tuple t = mk(6, "192.0.2.1", 51515, "198.51.100.7", 443), r;

    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
    ck_assert_int_eq(r.src_port, 443);
    ck_assert_int_eq(r.dst_port, 51515);
    ck_assert_mem_eq(r.src_addr, t.dst_addr, 16);
    ck_assert_mem_eq(r.dst_addr, t.src_addr, 16);
    ck_assert_int_eq(r.proto, 6);
    ck_assert_int_eq(r.family, 4);

    /* In place. */
    r = t;
    ck_assert_int_eq(portreg_tuple_reverse(&r, &r), 0);
    ck_assert_int_eq(r.src_port, 443);
    ck_assert_int_eq(portreg_tuple_reverse(&r, &r), 0);
    ck_assert(tuple_eq(&r, &t));
}
END_TEST

struct icmp_pair {
    uint8_t proto;
    uint16_t request, reply;
};

/* Linux nf_conntrack_proto_icmp.c and nf_conntrack_proto_icmpv6.c invmap. */
static const struct icmp_pair conntrack_pairs[] = {
    { 1, 8, 0 }, { 1, 13, 14 }, { 1, 15, 16 }, { 1, 17, 18 },
    { 58, 128, 129 }, { 58, 139, 140 },
};

START_TEST(test_reverse_icmp_pairs)
{
    size_t i;

    for (i = 0; i < sizeof conntrack_pairs / sizeof conntrack_pairs[0]; i++) {
        const struct icmp_pair *p = &conntrack_pairs[i];
        const char *a = p->proto == 1 ? "10.0.0.1" : "2001:db8::1";
        const char *b = p->proto == 1 ? "10.0.0.2" : "2001:db8::2";
        portreg_tuple t = mk(p->proto, a, p->request, b, 3), r, rr;

        ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
        ck_assert_int_eq(r.src_port, p->reply);
        ck_assert_int_eq(r.dst_port, 3); /* the code is kept */
        ck_assert_mem_eq(r.src_addr, t.dst_addr, 16);
        ck_assert_int_eq(portreg_tuple_reverse(&rr, &r), 0);
        ck_assert(tuple_eq(&rr, &t));
    }
}
END_TEST

START_TEST(test_reverse_icmp_one_way)
{
    /* Errors, and pairs conntrack does not track (router/neighbour
     * discovery, MLD: their answers go elsewhere). */
    static const uint16_t v4[] = { 3, 4, 5, 9, 10, 11, 12, 19, 30, 42, 43, 255, 256, 65535 };
    static const uint16_t v6[] = { 1, 2, 3, 4, 127, 130, 131, 133, 134, 135, 136, 137,
                                   138, 141, 144, 145, 255, 0, 8 };
    portreg_tuple sentinel, out;
    size_t i;

    memset(&sentinel, 0xA5, sizeof sentinel);
    for (i = 0; i < sizeof v4 / sizeof v4[0]; i++) {
        portreg_tuple t = mk(1, "10.0.0.1", v4[i], "10.0.0.2", 0);

        out = sentinel;
        ck_assert_int_eq(portreg_tuple_reverse(&out, &t), PORTREG_ENOREPLY);
        ck_assert(tuple_eq(&out, &sentinel)); /* untouched */
    }
    for (i = 0; i < sizeof v6 / sizeof v6[0]; i++) {
        portreg_tuple t = mk(58, "fe80::1", v6[i], "ff02::1", 0);

        out = sentinel;
        ck_assert_int_eq(portreg_tuple_reverse(&out, &t), PORTREG_ENOREPLY);
        ck_assert(tuple_eq(&out, &sentinel));
    }
}
END_TEST

START_TEST(test_reverse_portless_and_errors)
{
    portreg_tuple t = mk(47, "10.0.0.1", 0, "10.0.0.2", 0), r;

    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), 0);
    ck_assert_mem_eq(r.src_addr, t.dst_addr, 4);
    ck_assert_int_eq(r.proto, 47);

    ck_assert_int_eq(portreg_tuple_reverse(NULL, &t), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_reverse(&r, NULL), PORTREG_EINVAL);
    t.family = 5;
    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), PORTREG_EINVAL);
    t.family = 0;
    ck_assert_int_eq(portreg_tuple_reverse(&r, &t), PORTREG_EINVAL);
}
END_TEST

START_TEST(test_reverse_random_involution)
{
    struct tally tl = TALLY_INIT;
    int i;

    for (i = 0; i < 100000; i++) {
        portreg_tuple t = random_tuple(), r, rr;
        int rc = portreg_tuple_reverse(&r, &t);

        if (rc == PORTREG_ENOREPLY) {
            TALLY(&tl, t.proto == 1 || t.proto == 58, "%s", tuple_text(&t));
            continue;
        }
        TALLY_EQ(&tl, rc, 0, "%s", tuple_text(&t));
        TALLY_EQ(&tl, portreg_tuple_reverse(&rr, &r), 0, "%s", tuple_text(&t));
        TALLY(&tl, tuple_eq(&rr, &t), "%s", tuple_text(&t));
    }
    TALLY_VERDICT(&tl);
}
END_TEST

/* ---- Canonical ---- */

START_TEST(test_canonical_order)
{
    portreg_tuple a = mk(6, "10.0.0.1", 1234, "127.0.0.1", 80);
    portreg_tuple b = mk(6, "127.0.0.1", 80, "10.0.0.1", 1234);
    portreg_tuple ca, cb;
    int swapped = -1;

    /* The example of the Community ID specification. */
    ck_assert_int_eq(portreg_tuple_canonical(&ca, &a, &swapped), 0);
    ck_assert_int_eq(swapped, 0);
    ck_assert(tuple_eq(&ca, &a));
    ck_assert_int_eq(portreg_tuple_canonical(&cb, &b, &swapped), 0);
    ck_assert_int_eq(swapped, 1);
    ck_assert(tuple_eq(&cb, &a));

    /* Equal addresses: the ports decide. */
    a = mk(17, "::1", 5000, "::1", 53);
    ck_assert_int_eq(portreg_tuple_canonical(&ca, &a, &swapped), 0);
    ck_assert_int_eq(swapped, 1);
    ck_assert_int_eq(ca.src_port, 53);

    /* In place, NULL swapped. */
    ck_assert_int_eq(portreg_tuple_canonical(&b, &b, NULL), 0);
    ck_assert_int_eq(b.src_port, 1234);

    ck_assert_int_eq(portreg_tuple_canonical(NULL, &a, NULL), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_canonical(&ca, NULL, NULL), PORTREG_EINVAL);
    a.family = 7;
    ck_assert_int_eq(portreg_tuple_canonical(&ca, &a, NULL), PORTREG_EINVAL);
}
END_TEST

START_TEST(test_canonical_icmp)
{
    portreg_tuple req = mk(1, "192.168.0.89", 8, "192.168.0.1", 0);
    portreg_tuple rep = mk(1, "192.168.0.1", 0, "192.168.0.89", 0);
    portreg_tuple one_way = mk(1, "10.0.0.2", 3, "10.0.0.1", 1);
    portreg_tuple c1, c2;
    int swapped;

    ck_assert_int_eq(portreg_tuple_canonical(&c1, &req, &swapped), 0);
    ck_assert_int_eq(swapped, 1);
    ck_assert_int_eq(portreg_tuple_canonical(&c2, &rep, &swapped), 0);
    ck_assert_int_eq(swapped, 0);
    ck_assert(tuple_eq(&c1, &c2));
    ck_assert(tuple_eq(&c2, &rep));

    /* No partner: one-way, kept as seen. */
    ck_assert_int_eq(portreg_tuple_canonical(&c1, &one_way, &swapped), 0);
    ck_assert_int_eq(swapped, 0);
    ck_assert(tuple_eq(&c1, &one_way));
}
END_TEST

START_TEST(test_canonical_random)
{
    struct tally tl = TALLY_INIT;
    int i;

    for (i = 0; i < 100000; i++) {
        portreg_tuple t = random_tuple(), r, ct, cr, cc;
        int st, sr;

        TALLY_EQ(&tl, portreg_tuple_canonical(&ct, &t, &st), 0, "%s", tuple_text(&t));
        TALLY_EQ(&tl, portreg_tuple_canonical(&cc, &ct, NULL), 0, "%s", tuple_text(&t));
        TALLY(&tl, tuple_eq(&cc, &ct), "%s: not idempotent", tuple_text(&t));
        if (portreg_tuple_reverse(&r, &t) != 0)
            continue;
        TALLY_EQ(&tl, portreg_tuple_canonical(&cr, &r, &sr), 0, "%s", tuple_text(&t));
        TALLY(&tl, tuple_eq(&ct, &cr), "%s: depends on the direction", tuple_text(&t));
        if (!tuple_eq(&t, &r))
            TALLY(&tl, st != sr, "%s", tuple_text(&t));
    }
    TALLY_VERDICT(&tl);
}
END_TEST

/* ---- Text ---- */

static void assert_format(const portreg_tuple *t, const char *want)
{
    char buf[200];
    int n = portreg_tuple_format(t, buf, sizeof buf);

    ck_assert_int_eq(n, (int)strlen(want));
    ck_assert_str_eq(buf, want);
}

static void assert_round_trip_text(const char *text)
{
    portreg_tuple t;
    char buf[200];

    ck_assert_msg(portreg_tuple_parse(&t, text) == 0, "cannot parse \"%s\"", text);
    ck_assert_int_gt(portreg_tuple_format(&t, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, text);
}

START_TEST(test_text_examples)
{
    portreg_tuple t, want;

    ck_assert_int_eq(portreg_tuple_parse(&t, "tcp 192.0.2.1:51515 -> 198.51.100.7:443"), 0);
    want = mk(6, "192.0.2.1", 51515, "198.51.100.7", 443);
    ck_assert(tuple_eq(&t, &want));

    ck_assert_int_eq(portreg_tuple_parse(&t, "icmp 1.2.3.4 -> 5.6.7.8 type 8 code 0"), 0);
    want = mk(1, "1.2.3.4", 8, "5.6.7.8", 0);
    ck_assert(tuple_eq(&t, &want));

    ck_assert_int_eq(portreg_tuple_parse(&t, "udp [2001:DB8::1]:53 -> [2001:db8::2]:5353"), 0);
    want = mk(17, "2001:db8::1", 53, "2001:db8::2", 5353);
    ck_assert(tuple_eq(&t, &want));

    /* Port-less: bare addresses, IPv6 with or without brackets. */
    ck_assert_int_eq(portreg_tuple_parse(&t, "47 10.0.0.1 -> 10.0.0.2"), 0);
    want = mk(47, "10.0.0.1", 0, "10.0.0.2", 0);
    ck_assert(tuple_eq(&t, &want));
    ck_assert_int_eq(portreg_tuple_parse(&t, "89 [fe80::1] -> ff02::5"), 0);
    want = mk(89, "fe80::1", 0, "ff02::5", 0);
    ck_assert(tuple_eq(&t, &want));
    /* 89 is OSPFIGP: the registry's keyword, lowercase, is written. */
    assert_format(&t, "ospfigp fe80::1 -> ff02::5");

    /* Names of protocols and keywords in any case, white space runs. */
    ck_assert_int_eq(portreg_tuple_parse(&t, "  ICMPv6\tfe80::1  ->  ff02::2 TYPE 133 Code 0 \n"), 0);
    want = mk(58, "fe80::1", 133, "ff02::2", 0);
    ck_assert(tuple_eq(&t, &want));

    /* A protocol number with a name is the named protocol. */
    ck_assert_int_eq(portreg_tuple_parse(&t, "6 192.0.2.1:1 -> 192.0.2.2:2"), 0);
    ck_assert_int_eq(t.proto, 6);
    assert_format(&t, "tcp 192.0.2.1:1 -> 192.0.2.2:2");

    assert_round_trip_text("tcp 192.0.2.1:51515 -> 198.51.100.7:443");
    assert_round_trip_text("icmp 1.2.3.4 -> 5.6.7.8 type 8 code 0");
    assert_round_trip_text("icmpv6 fe80::200:86ff:fe05:80da -> ff02::2 type 133 code 0");
    assert_round_trip_text("sctp [::1]:5000 -> [::ffff:192.0.2.1]:80");
    assert_round_trip_text("dccp 0.0.0.0:0 -> 255.255.255.255:65535");
    assert_round_trip_text("hopopt :: -> ::");
    assert_round_trip_text("253 :: -> ::"); /* no keyword: the number */
    assert_round_trip_text("255 1.1.1.1 -> 2.2.2.2");
    assert_round_trip_text("esp 10.0.0.2 -> 10.0.0.1");
    assert_round_trip_text("gre 2001:db8::1 -> 2001:db8::2");
}
END_TEST

/* Every keyword of the protocol-numbers registry, in any case, parses to
 * its number; the formatter writes it back, lowercase.  ipv6-icmp is a
 * synonym of icmpv6, which stays what is written for 58. */
START_TEST(test_text_protocol_keywords)
{
    struct tally tl = TALLY_INIT;
    portreg_tuple t;
    char text[160], buf[160], want[160];
    size_t i, j, keywords = 0;

    for (i = 0; i < portreg_protocol_count(); i++) {
        const portreg_protocol *p = portreg_protocol_at(i);
        const char *k = portreg_protocol_keyword(p);
        uint8_t lo;
        size_t len = strlen(k);
        if (!len || portreg_protocol_numbers(p, &lo, NULL) != 0)
            continue;
        keywords++;
        if (lo == 1 || lo == 58) /* icmp, ipv6-icmp: need the type/code tail */
            snprintf(text, sizeof text, "%s 1.1.1.1 -> 2.2.2.2 type 0 code 0", k);
        else if (lo == 6 || lo == 17 || lo == 33 || lo == 132)
            snprintf(text, sizeof text, "%s 1.1.1.1:1 -> 2.2.2.2:2", k);
        else
            snprintf(text, sizeof text, "%s 1.1.1.1 -> 2.2.2.2", k);
        TALLY_EQ(&tl, portreg_tuple_parse(&t, text), 0, "\"%s\"", text);
        TALLY_EQ(&tl, t.proto, lo, "\"%s\"", text);
        for (j = 0; text[j]; j++)
            want[j] = (char)(text[j] >= 'A' && text[j] <= 'Z' ? text[j] + 32 : text[j]);
        want[j] = '\0';
        TALLY(&tl, portreg_tuple_format(&t, buf, sizeof buf) > 0, "\"%s\"", text);
        if (lo != 58 && lo != 1 && lo != 6 && lo != 17 && lo != 33 && lo != 132)
            TALLY_STR_EQ(&tl, buf, want, "\"%s\"", text);
    }
    ck_assert_uint_ge(keywords, 140);
    TALLY_VERDICT(&tl);

    ck_assert_int_eq(portreg_tuple_parse(&t, "IPv6-ICMP fe80::1 -> ff02::2 type 133 code 0"), 0);
    ck_assert_int_eq(t.proto, 58);
    assert_format(&t, "icmpv6 fe80::1 -> ff02::2 type 133 code 0");
    ck_assert_int_eq(portreg_tuple_parse(&t, "ESP 10.0.0.2 -> 10.0.0.1"), 0);
    ck_assert_int_eq(t.proto, 50);
    assert_format(&t, "esp 10.0.0.2 -> 10.0.0.1");
    /* Keywords are whole tokens; a keyword never takes ports. */
    ck_assert_int_eq(portreg_tuple_parse(&t, "esp- 10.0.0.2 -> 10.0.0.1"), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_parse(&t, "es 10.0.0.2 -> 10.0.0.1"), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_parse(&t, "esp 10.0.0.2:1 -> 10.0.0.1:2"), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_parse(&t, "reserved 10.0.0.2 -> 10.0.0.1"), PORTREG_EINVAL);
}
END_TEST

START_TEST(test_text_service_names)
{
    portreg_tuple t;
    uint16_t http, domain;

    /* Expectations come from the registry itself, not from memory. */
    ck_assert_int_eq(portreg_parse_service(&http, "http", PORTREG_TCP), 0);
    ck_assert_int_eq(portreg_parse_service(&domain, "domain", PORTREG_UDP), 0);
    ck_assert_int_eq(portreg_tuple_parse(&t, "tcp 192.0.2.1:51515 -> 192.0.2.2:http"), 0);
    ck_assert_int_eq(t.dst_port, http);
    ck_assert_int_eq(portreg_tuple_parse(&t, "udp [::1]:domain -> [::2]:DOMAIN"), 0);
    ck_assert_int_eq(t.src_port, domain);
    ck_assert_int_eq(t.dst_port, domain);

    /* Names resolve for the tuple's transport only. */
    ck_assert_int_eq(portreg_tuple_parse(&t, "tcp 1.2.3.4:no-such-service-xyz -> 1.2.3.5:1"),
                     PORTREG_EINVAL);
    /* A name far longer than any registered one. */
    ck_assert_int_eq(portreg_tuple_parse(&t, "tcp 1.2.3.4:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -> 1.2.3.5:1"),
                     PORTREG_EINVAL);
}
END_TEST

/* Every number in tuple text follows one rule (lib/decimal.h), the rule of
 * portreg_parse_service(): digits only, leading zeros allowed and never
 * octal.  Each text parses to the same tuple as its form without zeros. */
START_TEST(test_text_numbers_one_rule)
{
    static const char *const pairs[][2] = {
        { "006 10.0.0.1:00080 -> 10.0.0.2:0443", "tcp 10.0.0.1:80 -> 10.0.0.2:443" },
        { "0017 10.0.0.1:010 -> 10.0.0.2:00000000000000000053", "udp 10.0.0.1:10 -> 10.0.0.2:53" },
        { "icmp 10.0.0.1 -> 10.0.0.2 type 008 code 00", "icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0" },
        { "047 10.0.0.1 -> 10.0.0.2", "47 10.0.0.1 -> 10.0.0.2" },
    };
    static const char *const too_large[] = {
        "0256 10.0.0.1 -> 10.0.0.2", "tcp 10.0.0.1:065536 -> 10.0.0.2:1",
        "icmp 10.0.0.1 -> 10.0.0.2 type 0256 code 0",
    };
    size_t i;

    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        portreg_tuple a, b;
        uint16_t port;
        char digits[8];

        ck_assert_msg(portreg_tuple_parse(&a, pairs[i][0]) == 0, "refused \"%s\"", pairs[i][0]);
        ck_assert_int_eq(portreg_tuple_parse(&b, pairs[i][1]), 0);
        ck_assert_msg(tuple_eq(&a, &b), "\"%s\" is not \"%s\"", pairs[i][0], pairs[i][1]);
        /* and the service-string rule reads the same ports */
        snprintf(digits, sizeof digits, "0%u", (unsigned)b.dst_port);
        ck_assert_int_eq(portreg_parse_service(&port, digits, PORTREG_ANY), 0);
        ck_assert_uint_eq(port, b.dst_port);
    }
    for (i = 0; i < sizeof too_large / sizeof too_large[0]; i++) {
        portreg_tuple t;
        ck_assert_msg(portreg_tuple_parse(&t, too_large[i]) == PORTREG_EINVAL, "accepted \"%s\"",
                      too_large[i]);
    }
}
END_TEST

START_TEST(test_text_ipv6_rfc5952)
{
    static const char *const cases[][2] = {
        { "2001:DB8:0:0:0:0:0:1", "2001:db8::1" },
        { "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },     /* first of equal runs */
        { "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },           /* longest run */
        { "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },  /* one zero group stays */
        { "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
        { "0:0:0:0:0:0:0:0", "::" },
        { "0:0:0:0:0:0:0:1", "::1" },
        { "1:0:0:0:0:0:0:0", "1::" },
        { "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0" },
        { "::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8" },
        { "FFFF:ffff:FFFF:ffff:FFFF:ffff:FFFF:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "::ffff:c000:0201", "::ffff:192.0.2.1" },          /* RFC 5952 section 5 */
        { "::1.2.3.4", "::102:304" },
        { "64:ff9b::192.0.2.33", "64:ff9b::c000:221" },
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[120], want[120], buf[120];
        portreg_tuple t;

        snprintf(text, sizeof text, "253 %s -> ::", cases[i][0]);
        snprintf(want, sizeof want, "253 %s -> ::", cases[i][1]);
        ck_assert_msg(portreg_tuple_parse(&t, text) == 0, "cannot parse %s", cases[i][0]);
        portreg_tuple_format(&t, buf, sizeof buf);
        ck_assert_str_eq(buf, want);
    }
}
END_TEST

/* Whether the longest runs of zero groups of an IPv6 address tie: RFC
 * 5952 4.2.3 compresses the first of them; musl's inet_ntop compresses
 * the last ("0:0:1:1::1:1" for ::1:1:0:0:1:1), glibc's follows the RFC. */
static int longest_zero_runs_tie(const uint8_t *addr)
{
    int g, run = 0, longest = 0, count = 0;

    for (g = 0; g <= 8; g++) {
        if (g < 8 && addr[2 * g] == 0 && addr[2 * g + 1] == 0) {
            run++;
            continue;
        }
        if (run > 1 && run > longest) {
            longest = run;
            count = 1;
        } else if (run > 1 && run == longest) {
            count++;
        }
        run = 0;
    }
    return count > 1;
}

/* Our address text against libc's, on random addresses full of zeros. */
START_TEST(test_text_ipv6_against_libc)
{
    struct tally tl = TALLY_INIT;
    int i;

    for (i = 0; i < 200000; i++) {
        portreg_tuple t, back;
        char text[200], libc[INET6_ADDRSTRLEN + 8], *arrow;
        int g;

        memset(&t, 0, sizeof t);
        t.family = 6;
        t.proto = 253; /* a number without a keyword: "253 " */
        for (g = 0; g < 8; g++) {
            unsigned v = rnd_below(2) ? 0 : (rnd_below(2) ? 1u : (unsigned)rnd() & 0xffffu);

            t.src_addr[2 * g] = (uint8_t)(v >> 8);
            t.src_addr[2 * g + 1] = (uint8_t)v;
        }
        REQUIRE(portreg_tuple_format(&t, text, sizeof text) > 0, "cannot format %s",
                tuple_text(&t));
        arrow = strstr(text, " -> ");
        REQUIRE(arrow != NULL, "no arrow in \"%s\"", text);
        *arrow = '\0';
        REQUIRE(inet_ntop(AF_INET6, t.src_addr, libc, sizeof libc) != NULL, "inet_ntop failed");
        /* glibc writes IPv4-compatible ::a.b.c.d (deprecated, RFC 4291
         * 2.5.5.1) in dotted form; RFC 5952 wants hex there.  Other libcs
         * part from the RFC where two longest zero runs tie.  Otherwise
         * the texts must be identical. */
        if (memcmp(t.src_addr, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) != 0 &&
            (LIBC_IS_GLIBC || !longest_zero_runs_tie(t.src_addr)))
            TALLY(&tl, strcmp(text + 4, libc) == 0, "\"%s\", libc \"%s\"", text + 4, libc);
        *arrow = ' ';
        TALLY_EQ(&tl, portreg_tuple_parse(&back, text), 0, "\"%s\"", text);
        TALLY(&tl, tuple_eq(&back, &t), "\"%s\" did not round-trip", text);
    }
    TALLY_VERDICT(&tl);
}
END_TEST

/* Random strings of address characters, parsed by portreg and by
 * inet_pton: we accept exactly what it accepts, and read the same bytes.
 * Returns how many were accepted. */
static int parse_like_libc(int family, const char *alphabet, size_t max_len, int rounds,
                           const char *other_end)
{
    struct tally tl = TALLY_INIT;
    int af = family == 6 ? AF_INET6 : AF_INET, size = family == 6 ? 16 : 4, i, accepted = 0;

    for (i = 0; i < rounds; i++) {
        char addr[48], text[120];
        uint8_t want[16];
        portreg_tuple t;
        size_t len = 1 + rnd_below((unsigned)max_len), k;
        int ours, theirs;

        for (k = 0; k < len; k++)
            addr[k] = alphabet[rnd_below((unsigned)strlen(alphabet))];
        addr[len] = '\0';
        snprintf(text, sizeof text, "50 %s -> %s", addr, other_end);
        theirs = inet_pton(af, addr, want) == 1;
        ours = portreg_tuple_parse(&t, text) == 0;
        TALLY_EQ(&tl, ours, theirs, "\"%s\" (1: accepted)", addr);
        if (ours && theirs) {
            TALLY(&tl, memcmp(t.src_addr, want, (size_t)size) == 0, "\"%s\"", addr);
            accepted++;
        }
    }
    TALLY_VERDICT(&tl);
    return accepted;
}

/* IPv6 without dotted quads, where libcs differ on leading zeros. */
START_TEST(test_text_ipv6_parse_against_libc)
{
    int accepted = parse_like_libc(6, "0123456789abcdefABCDEF:::::g", 40, 300000, "::");
    ck_assert_int_gt(accepted, 100); /* the generator does reach valid text */
}
END_TEST

START_TEST(test_text_ipv4_against_libc)
{
    int accepted = parse_like_libc(4, "0123456789.....", 17, 200000, "0.0.0.0");
    ck_assert_int_gt(accepted, 100);
}
END_TEST

START_TEST(test_text_random_round_trip)
{
    struct tally tl = TALLY_INIT;
    int i;

    for (i = 0; i < 200000; i++) {
        portreg_tuple t = random_tuple(), back;
        char buf[200];
        int n = portreg_tuple_format(&t, buf, sizeof buf);

        TALLY(&tl, n > 0 && n <= 107, "%s: length %d", tuple_text(&t), n);
        TALLY_EQ(&tl, (int)strlen(buf), n, "\"%s\"", buf);
        TALLY_EQ(&tl, portreg_tuple_parse(&back, buf), 0, "\"%s\"", buf);
        TALLY(&tl, tuple_eq(&back, &t), "\"%s\" did not round-trip", buf);
    }
    TALLY_VERDICT(&tl);
}
END_TEST

START_TEST(test_text_garbage)
{
    static const char *const bad[] = {
        "", " ", "tcp", "tcp 1.2.3.4:1", "tcp 1.2.3.4:1 ->", "tcp 1.2.3.4:1 -> ",
        "tcp 1.2.3.4:1 => 1.2.3.5:2", "tcp 1.2.3.4:1->1.2.3.5:2",
        "tcp 1.2.3.4 -> 1.2.3.5", "tcp 1.2.3.4: -> 1.2.3.5:2", "tcp 1.2.3.4:65536 -> 1.2.3.5:2",
        "tcp 1.2.3.4:-1 -> 1.2.3.5:2", "tcp 1.2.3.4:+1 -> 1.2.3.5:2",
        "tcp 1.2.3.4:1 -> 1.2.3.5:2 extra", "tcp 1.2.3.4:1 -> [::1]:2",
        "tcp ::1:80 -> ::2:80", "tcp [::1]80 -> [::2]:80", "tcp [::1 -> [::2]:80",
        "tcp [1.2.3.4]:1 -> [::2]:80", "tcp 1.2.3:1 -> 1.2.3.5:2", "tcp 1.2.3.256:1 -> 1.2.3.5:2",
        "tcp 01.2.3.4:1 -> 1.2.3.5:2", "tcp 1.2.3.4.5:1 -> 1.2.3.5:2",
        "tcp 1.2.3.4:1 -> 1.2.3.5:2 type 8 code 0",
        "icmp 1.2.3.4 -> 5.6.7.8", "icmp 1.2.3.4 -> 5.6.7.8 type 8",
        "icmp 1.2.3.4 -> 5.6.7.8 type 8 code", "icmp 1.2.3.4 -> 5.6.7.8 type 256 code 0",
        "icmp 1.2.3.4 -> 5.6.7.8 type 8 code 256", "icmp 1.2.3.4 -> 5.6.7.8 code 0 type 8",
        "icmp 1.2.3.4 -> 5.6.7.8 type x code 0", "icmp 1.2.3.4:1 -> 5.6.7.8:2 type 8 code 0",
        "icmp 1.2.3.4 -> 5.6.7.8 type 8 code 0 more",
        "256 1.2.3.4 -> 5.6.7.8", "-1 1.2.3.4 -> 5.6.7.8", "0x6 1.2.3.4 -> 5.6.7.8",
        "foo 1.2.3.4 -> 5.6.7.8", "47 1.2.3.4 -> ::1", "47 [1.2.3.4] -> 5.6.7.8",
        "47 fe80::1%eth0 -> ff02::1", "47 1:2:3:4:5:6:7:8:9 -> ::", "47 1::2::3 -> ::",
        "47 12345:: -> ::", "47 :1 -> ::", "47 1: -> ::", "47 ::1.2.3.4:5 -> ::",
        "47 []  -> ::", "47 [::1 -> ::", "tcp\x01 1.2.3.4:1 -> 1.2.3.5:2",
    };
    portreg_tuple sentinel, t;
    size_t i;

    memset(&sentinel, 0x5a, sizeof sentinel);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = sentinel;
        ck_assert_msg(portreg_tuple_parse(&t, bad[i]) == PORTREG_EINVAL, "accepted \"%s\"", bad[i]);
        ck_assert(tuple_eq(&t, &sentinel)); /* untouched on error */
    }
    ck_assert_int_eq(portreg_tuple_parse(NULL, "tcp 1.2.3.4:1 -> 1.2.3.5:2"), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_parse(&t, NULL), PORTREG_EINVAL);
}
END_TEST

/* Every byte string, every prefix and every one-byte corruption of valid
 * text: parse either refuses or gives a tuple that formats and parses back. */
START_TEST(test_text_fuzz)
{
    static const char *const seeds[] = {
        "tcp 192.0.2.1:51515 -> 198.51.100.7:443",
        "icmpv6 fe80::200:86ff:fe05:80da -> ff02::2 type 133 code 0",
        "udp [2001:db8::1]:53 -> [::ffff:1.2.3.4]:5353",
    };
    static const char noise[] = "0123456789abcdef:.[]-> \ttypecodx\x7f\x80\xff";
    struct tally tl = TALLY_INIT;
    int i;

    for (i = 0; i < 300000; i++) {
        char text[128], buf[200];
        portreg_tuple t, back;
        size_t len;

        strcpy(text, seeds[rnd_below(3)]);
        len = strlen(text);
        switch (rnd_below(3)) {
        case 0: /* prefix */
            text[rnd_below((unsigned)len)] = '\0';
            break;
        case 1: /* corrupt bytes */
            text[rnd_below((unsigned)len)] = noise[rnd_below(sizeof noise - 1)];
            if (rnd_below(2))
                text[rnd_below((unsigned)len)] = noise[rnd_below(sizeof noise - 1)];
            break;
        default: { /* random bytes */
            size_t k, n = rnd_below(60);

            for (k = 0; k < n; k++)
                text[k] = (char)(1 + rnd_below(255));
            text[n] = '\0';
        }
        }
        if (portreg_tuple_parse(&t, text) != 0)
            continue;
        TALLY(&tl, portreg_tuple_format(&t, buf, sizeof buf) > 0, "parsed \"%s\"", text);
        TALLY_EQ(&tl, portreg_tuple_parse(&back, buf), 0, "\"%s\" from \"%s\"", buf, text);
        TALLY(&tl, tuple_eq(&back, &t), "\"%s\" from \"%s\"", buf, text);
    }
    TALLY_VERDICT(&tl);
}
END_TEST

START_TEST(test_format_buffer_and_errors)
{
    portreg_tuple t = mk(6, "192.0.2.1", 51515, "198.51.100.7", 443);
    const char *want = "tcp 192.0.2.1:51515 -> 198.51.100.7:443";
    int full = (int)strlen(want);
    char buf[64];
    size_t cap;

    ck_assert_int_eq(portreg_tuple_format(&t, NULL, 0), full);
    for (cap = 1; cap <= (size_t)full + 1; cap++) {
        memset(buf, '#', sizeof buf);
        ck_assert_int_eq(portreg_tuple_format(&t, buf, cap), full);
        ck_assert_uint_eq(strlen(buf), cap - 1);
        ck_assert(strncmp(buf, want, cap - 1) == 0);
        ck_assert_int_eq(buf[cap], '#'); /* nothing written past cap */
    }
    ck_assert_int_eq(portreg_tuple_format(NULL, buf, sizeof buf), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_format(&t, NULL, 5), PORTREG_EINVAL);
    t.family = 0;
    ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);

    /* What the text could not say. */
    t = mk(1, "1.2.3.4", 256, "1.2.3.5", 0);
    ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);
    t = mk(58, "::1", 1, "::2", 300);
    ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);
    t = mk(47, "1.2.3.4", 1, "1.2.3.5", 0);
    ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);

    /* The longest text there is, as the header promises. */
    t = mk(58, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 255,
           "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 255);
    ck_assert_int_eq(portreg_tuple_format(&t, NULL, 0), 107);
}
END_TEST

static Suite *tuple_suite(void)
{
    Suite *s = suite_create("tuple");
    TCase *rev = tcase_create("reverse");
    TCase *canon = tcase_create("canonical");
    TCase *text = tcase_create("text");

    tcase_set_timeout(rev, 60);
    tcase_set_timeout(canon, 60);
    tcase_add_test(rev, test_reverse_ports);
    tcase_add_test(rev, test_reverse_icmp_pairs);
    tcase_add_test(rev, test_reverse_icmp_one_way);
    tcase_add_test(rev, test_reverse_portless_and_errors);
    tcase_add_test(rev, test_reverse_random_involution);
    suite_add_tcase(s, rev);

    tcase_add_test(canon, test_canonical_order);
    tcase_add_test(canon, test_canonical_icmp);
    tcase_add_test(canon, test_canonical_random);
    suite_add_tcase(s, canon);

    tcase_set_timeout(text, 60);
    tcase_add_test(text, test_text_examples);
    tcase_add_test(text, test_text_protocol_keywords);
    tcase_add_test(text, test_text_service_names);
    tcase_add_test(text, test_text_numbers_one_rule);
    tcase_add_test(text, test_text_ipv6_rfc5952);
    tcase_add_test(text, test_text_ipv6_against_libc);
    tcase_add_test(text, test_text_ipv6_parse_against_libc);
    tcase_add_test(text, test_text_ipv4_against_libc);
    tcase_add_test(text, test_text_random_round_trip);
    tcase_add_test(text, test_text_garbage);
    tcase_add_test(text, test_text_fuzz);
    tcase_add_test(text, test_format_buffer_and_errors);
    suite_add_tcase(s, text);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tuple_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
