/*
 * Community ID v1: every row of the specification's baselines, read at run
 * time from PORTREG_TEST_DATA/community-id (tests/data/README.md names the source),
 * plus the SHA-1 behind it (lib/flow/sha1.c is compiled into this test).
 */
#define _POSIX_C_SOURCE 200112L
#include <arpa/inet.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portreg.h"
#include "../lib/flow/sha1.h"

#ifndef PORTREG_TEST_DATA
#error "PORTREG_TEST_DATA must name tests/data"
#endif

/* ---- A reader for the baselines: an array of flat objects whose values
 * are strings without escapes, integers or null. ---- */

#define MAX_FIELDS 8

struct json_row {
    int count;
    char key[MAX_FIELDS][32];
    char value[MAX_FIELDS][128]; /* strings unquoted; "null" for null */
    int is_string[MAX_FIELDS];
};

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    return p;
}

/* A "..." string into out; NULL on a malformed or over-long one. */
static const char *read_string(const char *p, char *out, size_t cap)
{
    size_t n = 0;

    if (*p != '"')
        return NULL;
    for (p++; *p != '"'; p++) {
        if (*p == '\0' || *p == '\\' || n + 1 >= cap)
            return NULL;
        out[n++] = *p;
    }
    out[n] = '\0';
    return p + 1;
}

static const char *read_value(const char *p, struct json_row *row)
{
    int i = row->count;
    size_t n = 0;

    if (*p == '"') {
        row->is_string[i] = 1;
        return read_string(p, row->value[i], sizeof row->value[i]);
    }
    row->is_string[i] = 0;
    while ((*p >= '0' && *p <= '9') || *p == '-' || (*p >= 'a' && *p <= 'z')) {
        if (n + 1 >= sizeof row->value[i])
            return NULL;
        row->value[i][n++] = *p++;
    }
    row->value[i][n] = '\0';
    return n > 0 ? p : NULL;
}

/* One {...}; returns the text after it, or NULL. */
static const char *read_object(const char *p, struct json_row *row)
{
    row->count = 0;
    p = skip_ws(p);
    if (*p++ != '{')
        return NULL;
    for (;;) {
        p = skip_ws(p);
        if (*p == '}')
            return p + 1;
        if (row->count == MAX_FIELDS)
            return NULL;
        p = read_string(p, row->key[row->count], sizeof row->key[row->count]);
        if (p == NULL)
            return NULL;
        p = skip_ws(p);
        if (*p++ != ':')
            return NULL;
        p = read_value(skip_ws(p), row);
        if (p == NULL)
            return NULL;
        row->count++;
        p = skip_ws(p);
        if (*p == ',')
            p++;
        else if (*p != '}')
            return NULL;
    }
}

static const char *field(const struct json_row *row, const char *key)
{
    int i;

    for (i = 0; i < row->count; i++)
        if (strcmp(row->key[i], key) == 0)
            return row->value[i];
    ck_abort_msg("row without \"%s\"", key);
    return NULL;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;

    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    size = ftell(f);
    ck_assert_int_ge(size, 0);
    rewind(f);
    text = malloc((size_t)size + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* ---- Tuples from rows ---- */

static portreg_tuple row_tuple(const struct json_row *row)
{
    portreg_tuple t;
    const char *saddr = field(row, "saddr"), *daddr = field(row, "daddr");
    const char *sport = field(row, "sport"), *dport = field(row, "dport");
    int af = strchr(saddr, ':') != NULL ? AF_INET6 : AF_INET;

    memset(&t, 0, sizeof t);
    t.family = af == AF_INET6 ? 6 : 4;
    t.proto = (uint8_t)atoi(field(row, "proto"));
    ck_assert_int_eq(inet_pton(af, saddr, t.src_addr), 1);
    ck_assert_int_eq(inet_pton(af, daddr, t.dst_addr), 1);
    /* ICMP: sport is the type, dport the code; null for port-less. */
    if (strcmp(sport, "null") != 0) {
        t.src_port = (uint16_t)atoi(sport);
        t.dst_port = (uint16_t)atoi(dport);
    } else {
        ck_assert_str_eq(dport, "null");
    }
    return t;
}

/* Checks every row of one baseline; returns how many rows it held. */
static int check_baseline(const char *name, uint16_t seed, unsigned flags)
{
    char path[1024];
    char *text;
    const char *p;
    struct json_row row;
    int rows = 0, matched = 0;

    snprintf(path, sizeof path, "%s/community-id/%s", PORTREG_TEST_DATA, name);
    text = slurp(path);
    p = skip_ws(text);
    ck_assert_int_eq(*p, '[');
    p = skip_ws(p + 1);
    while (*p != ']') {
        portreg_tuple t;
        char id[64];
        int n;

        p = read_object(p, &row);
        ck_assert_msg(p != NULL, "%s: malformed row %d", name, rows + 1);
        rows++;
        t = row_tuple(&row);
        n = portreg_community_id(&t, seed, flags, id, sizeof id);
        ck_assert_int_eq(n, (int)strlen(id));
        if (strcmp(id, field(&row, "communityid")) == 0)
            matched++;
        else
            fprintf(stderr, "%s row %d: proto %s %s %s -> %s %s: got %s, want %s\n", name, rows,
                    field(&row, "proto"), field(&row, "saddr"), field(&row, "sport"),
                    field(&row, "daddr"), field(&row, "dport"), id, field(&row, "communityid"));
        p = skip_ws(p);
        if (*p == ',')
            p = skip_ws(p + 1);
        else
            ck_assert_int_eq(*p, ']');
    }
    free(text);
    printf("%s: %d of %d rows reproduced\n", name, matched, rows);
    fflush(stdout);
    ck_assert_int_gt(rows, 0);
    ck_assert_int_eq(matched, rows);
    return rows;
}

START_TEST(test_baseline_default)
{
    check_baseline("baseline_deflt.json", 0, 0);
}
END_TEST

START_TEST(test_baseline_seed1)
{
    check_baseline("baseline_seed1.json", 1, 0);
}
END_TEST

START_TEST(test_baseline_hex)
{
    check_baseline("baseline_nob64.json", 0, PORTREG_CID_HEX);
}
END_TEST

/* ---- Behaviour beyond the baselines ---- */

static portreg_tuple mk(uint8_t proto, const char *src, uint16_t sport, const char *dst,
                        uint16_t dport)
{
    portreg_tuple t;
    int af = strchr(src, ':') != NULL ? AF_INET6 : AF_INET;

    memset(&t, 0, sizeof t);
    t.family = af == AF_INET6 ? 6 : 4;
    t.proto = proto;
    t.src_port = sport;
    t.dst_port = dport;
    ck_assert_int_eq(inet_pton(af, src, t.src_addr), 1);
    ck_assert_int_eq(inet_pton(af, dst, t.dst_addr), 1);
    return t;
}

static void cid(const portreg_tuple *t, uint16_t seed, unsigned flags, char *out, size_t cap)
{
    ck_assert_int_gt(portreg_community_id(t, seed, flags, out, cap), 0);
}

START_TEST(test_spec_example)
{
    /* The README of the specification: both directions give one ID. */
    portreg_tuple a = mk(6, "10.0.0.1", 1234, "127.0.0.1", 80);
    portreg_tuple b = mk(6, "127.0.0.1", 80, "10.0.0.1", 1234);
    char ia[64], ib[64];

    cid(&a, 0, 0, ia, sizeof ia);
    cid(&b, 0, 0, ib, sizeof ib);
    ck_assert_str_eq(ia, ib);
    ck_assert_uint_eq(strlen(ia), 30);
    ck_assert(strncmp(ia, "1:", 2) == 0);
    ck_assert_int_eq(ia[29], '=');
    cid(&a, 0, PORTREG_CID_HEX, ia, sizeof ia);
    ck_assert_uint_eq(strlen(ia), 42);
    cid(&a, 1, 0, ib, sizeof ib);
    ck_assert_str_ne(ia, ib);
}
END_TEST

START_TEST(test_direction_free_random)
{
    uint64_t x = UINT64_C(88172645463325252);
    int i;

    for (i = 0; i < 20000; i++) {
        portreg_tuple t, r;
        char it[64], ir[64];
        size_t k;

        memset(&t, 0, sizeof t);
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        t.family = (x & 1) ? 6 : 4;
        t.proto = (uint8_t)((x >> 1) % 4 == 0 ? 6 : (x >> 1) % 4 == 1 ? 17 : (x >> 1) % 4 == 2 ? 1 : 58);
        for (k = 0; k < (t.family == 6 ? 16u : 4u); k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            t.src_addr[k] = (uint8_t)x;
            t.dst_addr[k] = (x >> 8) % 4 == 0 ? (uint8_t)x : (uint8_t)(x >> 16);
        }
        t.src_port = (uint16_t)(x >> 24);
        t.dst_port = (uint16_t)(x >> 40);
        if (t.proto == 1 || t.proto == 58) {
            t.src_port %= 256;
            t.dst_port %= 256;
        }
        if (portreg_tuple_reverse(&r, &t) != 0)
            continue;
        cid(&t, (uint16_t)i, 0, it, sizeof it);
        cid(&r, (uint16_t)i, 0, ir, sizeof ir);
        ck_assert_str_eq(it, ir);
    }
}
END_TEST

START_TEST(test_icmp_tables)
{
    /* Community ID pairs more ICMP types than conntrack does (Zeek's
     * table): router solicitation/advertisement pairs, though reverse()
     * says it has no reply. */
    portreg_tuple sol = mk(1, "10.0.0.2", 10, "10.0.0.1", 0);
    portreg_tuple adv = mk(1, "10.0.0.1", 9, "10.0.0.2", 0);
    portreg_tuple r;
    char a[64], b[64];

    ck_assert_int_eq(portreg_tuple_reverse(&r, &sol), PORTREG_ENOREPLY);
    cid(&sol, 0, 0, a, sizeof a);
    cid(&adv, 0, 0, b, sizeof b);
    ck_assert_str_eq(a, b);

    /* A one-way type keeps its direction: swapping the endpoints of a
     * destination unreachable changes the ID. */
    sol = mk(1, "10.0.0.2", 3, "10.0.0.1", 1);
    adv = mk(1, "10.0.0.1", 3, "10.0.0.2", 1);
    cid(&sol, 0, 0, a, sizeof a);
    cid(&adv, 0, 0, b, sizeof b);
    ck_assert_str_ne(a, b);

    /* One-way types are hashed as seen even when the larger address comes
     * first (pycommunityid's is_one_way).  Expected values computed with
     * Python's hashlib over the byte layout of the specification:
     * seed . saddr . daddr . proto . 0 . type . code. */
    cid(&sol, 0, 0, a, sizeof a);
    ck_assert_str_eq(a, "1:JHjlyD5IJJjl3wHWOMj46lLWZag=");
    sol = mk(58, "2001:db8::9", 1, "2001:db8::1", 4);
    cid(&sol, 7, PORTREG_CID_HEX, a, sizeof a);
    ck_assert_str_eq(a, "1:c74ae2f9f072839a70e65b86359f0b5237bae319");
}
END_TEST

START_TEST(test_portless_ignores_ports_and_dccp)
{
    /* Other protocols hash no ports; DCCP is one of them (the
     * specification lists TCP, UDP, SCTP, ICMP and ICMPv6 only). */
    portreg_tuple a = mk(33, "10.0.0.1", 1000, "10.0.0.2", 2000);
    portreg_tuple b = mk(33, "10.0.0.1", 3000, "10.0.0.2", 4000);
    portreg_tuple c = mk(6, "10.0.0.1", 1000, "10.0.0.2", 2000);
    portreg_tuple d = mk(6, "10.0.0.1", 3000, "10.0.0.2", 4000);
    char ia[64], ib[64];

    cid(&a, 0, 0, ia, sizeof ia);
    cid(&b, 0, 0, ib, sizeof ib);
    ck_assert_str_eq(ia, ib);
    cid(&c, 0, 0, ia, sizeof ia);
    cid(&d, 0, 0, ib, sizeof ib);
    ck_assert_str_ne(ia, ib);
}
END_TEST

START_TEST(test_buffer_and_errors)
{
    portreg_tuple t = mk(17, "10.0.0.1", 53, "10.0.0.2", 5353);
    char full[64], buf[64];
    int n = portreg_community_id(&t, 0, 0, full, sizeof full);
    size_t cap;

    ck_assert_int_eq(n, 30);
    ck_assert_int_eq(portreg_community_id(&t, 0, 0, NULL, 0), 30);
    ck_assert_int_eq(portreg_community_id(&t, 0, PORTREG_CID_HEX, NULL, 0), 42);
    for (cap = 1; cap <= 31; cap++) {
        memset(buf, '#', sizeof buf);
        ck_assert_int_eq(portreg_community_id(&t, 0, 0, buf, cap), 30);
        ck_assert_uint_eq(strlen(buf), cap - 1);
        ck_assert(strncmp(buf, full, cap - 1) == 0);
        ck_assert_int_eq(buf[cap], '#');
    }
    ck_assert_int_eq(portreg_community_id(NULL, 0, 0, buf, sizeof buf), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(&t, 0, 0x2, buf, sizeof buf), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(&t, 0, 0, NULL, 4), PORTREG_EINVAL);
    t.family = 0;
    ck_assert_int_eq(portreg_community_id(&t, 0, 0, buf, sizeof buf), PORTREG_EINVAL);
}
END_TEST

/* ---- SHA-1 (FIPS 180-2 appendix A and B examples) ---- */

static void sha1_hex(char out[41], const void *data, size_t len, size_t chunk)
{
    portreg__sha1 ctx;
    uint8_t d[PORTREG__SHA1_DIGEST];
    const uint8_t *p = data;
    size_t i;

    portreg__sha1_init(&ctx);
    while (len > 0) {
        size_t n = len < chunk ? len : chunk;

        portreg__sha1_update(&ctx, p, n);
        p += n;
        len -= n;
    }
    portreg__sha1_final(&ctx, d);
    for (i = 0; i < sizeof d; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

START_TEST(test_sha1_vectors)
{
    static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    char hex[41], *million;
    size_t chunk;

    sha1_hex(hex, "", 0, 1);
    ck_assert_str_eq(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    sha1_hex(hex, "abc", 3, 3);
    ck_assert_str_eq(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
    for (chunk = 1; chunk <= 64; chunk++) {
        sha1_hex(hex, two_blocks, strlen(two_blocks), chunk);
        ck_assert_str_eq(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    }
    million = malloc(1000000);
    ck_assert_ptr_nonnull(million);
    memset(million, 'a', 1000000);
    sha1_hex(hex, million, 1000000, 4093);
    ck_assert_str_eq(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    free(million);
}
END_TEST

static Suite *community_id_suite(void)
{
    Suite *s = suite_create("community_id");
    TCase *base = tcase_create("baselines");
    TCase *more = tcase_create("behaviour");
    TCase *sha = tcase_create("sha1");

    tcase_set_timeout(base, 60);
    tcase_set_timeout(more, 60);
    tcase_set_timeout(sha, 60);

    tcase_add_test(base, test_baseline_default);
    tcase_add_test(base, test_baseline_seed1);
    tcase_add_test(base, test_baseline_hex);
    suite_add_tcase(s, base);
    tcase_add_test(more, test_spec_example);
    tcase_add_test(more, test_direction_free_random);
    tcase_add_test(more, test_icmp_tables);
    tcase_add_test(more, test_portless_ignores_ports_and_dccp);
    tcase_add_test(more, test_buffer_and_errors);
    suite_add_tcase(s, more);
    tcase_add_test(sha, test_sha1_vectors);
    suite_add_tcase(s, sha);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(community_id_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
