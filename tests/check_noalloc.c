/*
 * No lookup path allocates.  tests/alloc_count.c interposes malloc and
 * friends, for libportreg.so too, and counts their calls; each test calls
 * every public function many times while counting and asserts the count
 * is 0.
 */
#define _GNU_SOURCE
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_count.h"
#include "portreg.h"

static volatile uintptr_t sink;
#define USE(x) (sink += (uintptr_t)(x))

/* Proves the wrappers do count: an allocation inside the window. */
START_TEST(test_wrappers_count)
{
    void *p;
    alloc_count_start();
    p = malloc(16);
    USE(p);
    free(p);
    ck_assert_uint_eq(alloc_count_stop(), 2);
}
END_TEST

/* Every field accessor on every record, people included. */
static void touch_entry(const portreg_entry *e)
{
    uint16_t lo, hi;
    uint32_t code;
    size_t i, n;

    USE(portreg_entry_name(e));
    USE(portreg_entry_protos(e));
    USE(portreg_entry_ports(e, &lo, &hi));
    USE(portreg_entry_description(e));
    USE(portreg_entry_date(e));
    USE(portreg_entry_updated(e));
    USE(portreg_entry_note(e));
    USE(portreg_entry_unauthorized(e));
    USE(portreg_entry_service_code(e, &code));
    USE(portreg_entry_index(e));
    n = portreg_entry_ref_count(e);
    for (i = 0; i <= n; i++) {
        USE(portreg_entry_ref(e, i));
        USE(portreg_ref_type_name(portreg_entry_ref_type(e, i)));
    }
    n = portreg_entry_assignee_count(e);
    for (i = 0; i <= n; i++) {
        const portreg_person *p = portreg_entry_assignee(e, i);
        if (p) {
            USE(portreg_person_id(p));
            USE(portreg_person_name(p));
            USE(portreg_person_org(p));
            USE(portreg_person_uri(p));
        }
    }
    n = portreg_entry_contact_count(e);
    for (i = 0; i <= n; i++) {
        const portreg_person *p = portreg_entry_contact(e, i);
        if (p) {
            USE(portreg_person_id(p));
            USE(portreg_person_name(p));
            USE(portreg_person_org(p));
            USE(portreg_person_uri(p));
        }
    }
}

START_TEST(test_entries_and_name_lookups)
{
    size_t count = portreg_count(), i;
    const portreg_entry *out[8];
    int round;

    alloc_count_start();
    for (round = 0; round < 3; round++) {
        for (i = 0; i <= count; i++) { /* one past the end too */
            const portreg_entry *e = portreg_at(i);
            const char *name = portreg_entry_name(e);
            char upper[80];
            size_t k, len = strlen(name);
            unsigned proto;
            uint16_t port;

            touch_entry(e);
            for (k = 0; k <= len && k < sizeof upper; k++)
                upper[k] = (char)(name[k] >= 'a' && name[k] <= 'z' ? name[k] - 32 : name[k]);
            upper[sizeof upper - 1] = '\0';
            for (proto = 0; proto <= PORTREG_ANY; proto++) {
                USE(portreg_lookup_name(name, proto));
                USE(portreg_lookup_name(upper, proto));
                USE(portreg_lookup_name_len(name, len, proto));
                USE(portreg_lookup_name_all(name, proto, out, 8));
                USE(portreg_lookup_name_all(name, proto, NULL, 0));
                USE(portreg_parse_service(&port, name, proto));
            }
        }
        /* Misses, bad input and the numeric form of services. */
        USE(portreg_lookup_name(NULL, PORTREG_ANY));
        USE(portreg_lookup_name("", PORTREG_ANY));
        USE(portreg_lookup_name("no-such-service-zz", PORTREG_ANY));
        USE(portreg_lookup_name("0123456789012345678901234567890123456789012345678901234567890123456789",
                                PORTREG_ANY));
        USE(portreg_lookup_name_len("http\0x", 6, PORTREG_ANY));
        {
            uint16_t port;
            USE(portreg_parse_service(&port, "443", PORTREG_TCP));
            USE(portreg_parse_service(&port, "65536", PORTREG_TCP));
            USE(portreg_parse_service(&port, "", PORTREG_TCP));
            USE(portreg_parse_service(&port, NULL, PORTREG_TCP));
        }
        USE(portreg_registry_updated());
        USE(portreg_version());
        USE(portreg_version_string());
        USE(portreg_count());
        USE(portreg_entry_index(NULL));
        touch_entry(NULL);
    }
    ck_assert_uint_eq(alloc_count_stop(), 0);
}
END_TEST

START_TEST(test_port_lookups)
{
    const portreg_entry *out[8];
    unsigned port, proto;
    int round;

    alloc_count_start();
    for (round = 0; round < 2; round++)
        for (port = 0; port < 65536; port++) {
            USE(portreg_classify((uint16_t)port));
            for (proto = 0; proto <= PORTREG_ANY; proto++) {
                USE(portreg_lookup_port((uint16_t)port, proto));
                USE(portreg_lookup_port_all((uint16_t)port, proto, out, 8));
                USE(portreg_lookup_port_all((uint16_t)port, proto, NULL, 0));
                USE(portreg_port_status((uint16_t)port, proto));
            }
        }
    ck_assert_uint_eq(alloc_count_stop(), 0);
}
END_TEST

START_TEST(test_names_of_enums)
{
    int i, round;
    static const char *const protos[] = {"tcp", "UDP", "sctp", "Dccp", "icmp", "", NULL};

    alloc_count_start();
    for (round = 0; round < 1000; round++) {
        for (i = -6; i < 10; i++) {
            USE(portreg_strerror(i));
            USE(portreg_range_name((portreg_range)i));
            USE(portreg_status_name((portreg_status)i));
            USE(portreg_ref_type_name((portreg_ref_type)i));
            USE(portreg_proto_name((unsigned)i));
        }
        for (i = 0; i < (int)(sizeof protos / sizeof protos[0]); i++)
            USE(portreg_proto_from_name(protos[i]));
    }
    ck_assert_uint_eq(alloc_count_stop(), 0);
}
END_TEST

/* The protocol-numbers API (1.1), and tuple text with keywords. */
START_TEST(test_protocols)
{
    static const char *const keywords[] = {"esp", "IPv6-ICMP", "gre", "nope", "", NULL};
    portreg_tuple t;
    char buf[128];
    size_t i, round;
    unsigned n;

    alloc_count_start();
    for (round = 0; round < 200; round++) {
        for (n = 0; n < 260; n++) {
            const portreg_protocol *p = portreg_protocol_by_number(n);
            uint8_t lo, hi;
            USE(p);
            USE(portreg_protocol_keyword(p));
            USE(portreg_protocol_description(p));
            USE(portreg_protocol_ipv6_ext(p));
            USE(portreg_protocol_deprecated(p));
            USE(portreg_protocol_numbers(p, &lo, &hi));
            for (i = 0; i <= portreg_protocol_ref_count(p); i++) {
                USE(portreg_protocol_ref(p, i));
                USE(portreg_protocol_ref_type(p, i));
            }
        }
        for (i = 0; i < portreg_protocol_count() + 1; i++)
            USE(portreg_protocol_at(i));
        for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
            USE(portreg_protocol_by_keyword(keywords[i]));
        USE(portreg_protocols_updated());
        USE(portreg_tuple_parse(&t, "esp 10.0.0.2 -> 10.0.0.1"));
        USE(portreg_tuple_format(&t, buf, sizeof buf));
    }
    ck_assert_uint_eq(alloc_count_stop(), 0);
}
END_TEST

START_TEST(test_tuples)
{
    static const char *const texts[] = {
        "tcp 192.0.2.1:51515 -> 198.51.100.7:443",
        "tcp 10.0.0.1:1234 -> 10.0.0.2:http",
        "udp [2001:DB8::1]:53 -> [2001:db8::2]:5353",
        "sctp 10.0.0.1:2905 -> 10.0.0.2:2905",
        "dccp [::1]:5004 -> [::2]:40000",
        "icmp 1.2.3.4 -> 5.6.7.8 type 8 code 0",
        "icmpv6 [fe80::1] -> [ff02::1] type 128 code 0",
        "47 10.0.0.1 -> 10.0.0.2",
        "tcp 10.0.0.1:99999 -> 10.0.0.2:1",
        "bogus",
        "",
    };
    portreg_tuple t, r;
    portreg_orientation why;
    char buf[256];
    int round, swapped, parsed = 0;
    size_t i;
    unsigned hints;

    alloc_count_start();
    for (round = 0; round < 500; round++)
        for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
            memset(&t, 0, sizeof t);
            if (portreg_tuple_parse(&t, texts[i]) != 0)
                continue;
            parsed++;
            USE(portreg_tuple_format(&t, buf, sizeof buf));
            USE(portreg_tuple_format(&t, NULL, 0));
            USE(portreg_tuple_reverse(&r, &t));
            USE(portreg_tuple_canonical(&r, &t, &swapped));
            for (hints = 0; hints <= 3; hints++)
                USE(portreg_tuple_orient(&r, &t, hints, &why));
            USE(portreg_tuple_orient(&r, &t, 0, NULL));
            USE(portreg_community_id(&t, 0, 0, buf, sizeof buf));
            USE(portreg_community_id(&t, 1, PORTREG_CID_HEX, buf, sizeof buf));
            USE(portreg_community_id(&t, 0, 0, NULL, 0));
            r = t;
            USE(portreg_tuple_reverse(&r, &r));
        }
    USE(portreg_tuple_parse(NULL, "tcp"));
    USE(portreg_tuple_reverse(NULL, NULL));
    USE(portreg_tuple_format(NULL, buf, sizeof buf));
    ck_assert_uint_eq(alloc_count_stop(), 0);
    ck_assert_int_ge(parsed, 500 * 5); /* the test exercised real tuples */
}
END_TEST

static Suite *noalloc_suite(void)
{
    Suite *s = suite_create("noalloc");
    TCase *tc = tcase_create("noalloc");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_wrappers_count);
    tcase_add_test(tc, test_entries_and_name_lookups);
    tcase_add_test(tc, test_port_lookups);
    tcase_add_test(tc, test_names_of_enums);
    tcase_add_test(tc, test_tuples);
    tcase_add_test(tc, test_protocols);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr;
    int failed;
    if (!alloc_count_available()) { /* no __libc_* entry points to forward to */
        puts("check_noalloc: needs glibc's __libc_malloc; skipped");
        return 77;
    }
    sr = srunner_create(noalloc_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
