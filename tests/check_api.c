/*
 * The API contract: edge cases the registry is known for, and bad input.
 * Facts asserted by name here (http before www at 80/tcp, msp at 18 before
 * 2438, x11 at 6000-6063) hold in every edition the suite is built with;
 * everything else is derived from the library's own records.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

START_TEST(ranges_follow_rfc6335)
{
    ck_assert_int_eq(portreg_classify(0), PORTREG_RANGE_SYSTEM);
    ck_assert_int_eq(portreg_classify(1023), PORTREG_RANGE_SYSTEM);
    ck_assert_int_eq(portreg_classify(1024), PORTREG_RANGE_USER);
    ck_assert_int_eq(portreg_classify(49151), PORTREG_RANGE_USER);
    ck_assert_int_eq(portreg_classify(49152), PORTREG_RANGE_DYNAMIC);
    ck_assert_int_eq(portreg_classify(65535), PORTREG_RANGE_DYNAMIC);
    ck_assert_str_eq(portreg_range_name(PORTREG_RANGE_USER), "user");
    ck_assert_str_eq(portreg_range_name((portreg_range)0), "");
}
END_TEST

START_TEST(several_names_at_one_port_come_in_registry_order)
{
    const portreg_entry *all[8];
    size_t n = portreg_lookup_port_all(80, PORTREG_TCP, all, 8), i;
    ck_assert_str_eq(portreg_entry_name(portreg_lookup_port(80, PORTREG_TCP)), "http");
    ck_assert_uint_ge(n, 2);
    ck_assert_ptr_eq(all[0], portreg_lookup_port(80, PORTREG_TCP));
    for (i = 1; i < n && i < 8; i++)
        ck_assert_uint_gt(portreg_entry_index(all[i]), portreg_entry_index(all[i - 1]));
    /* cap 0 and NULL out still count */
    ck_assert_uint_eq(portreg_lookup_port_all(80, PORTREG_TCP, NULL, 0), n);
}
END_TEST

START_TEST(one_name_at_several_ports)
{
    const portreg_entry *all[8];
    uint16_t lo0, lo1;
    size_t n = portreg_lookup_name_all("msp", PORTREG_TCP, all, 8);
    ck_assert_uint_ge(n, 2);
    ck_assert_int_eq(portreg_entry_ports(all[0], &lo0, NULL), 0);
    ck_assert_int_eq(portreg_entry_ports(all[1], &lo1, NULL), 0);
    ck_assert_uint_eq(lo0, 18);
    ck_assert_uint_eq(lo1, 2438);
    ck_assert_ptr_eq(portreg_lookup_name("msp", PORTREG_TCP), all[0]);
}
END_TEST

START_TEST(a_port_inside_a_range)
{
    const portreg_entry *e = portreg_lookup_port(6010, PORTREG_TCP);
    uint16_t lo, hi;
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(portreg_entry_name(e), "x11");
    ck_assert_int_eq(portreg_entry_ports(e, &lo, &hi), 0);
    ck_assert_uint_eq(lo, 6000);
    ck_assert_uint_eq(hi, 6063);
    ck_assert_ptr_eq(portreg_lookup_port(6000, PORTREG_TCP), e);
    ck_assert_ptr_eq(portreg_lookup_port(6063, PORTREG_TCP), e);
    ck_assert_ptr_ne(portreg_lookup_port(6064, PORTREG_TCP), e);
    ck_assert_int_eq(portreg_port_status(6010, PORTREG_TCP), PORTREG_STATUS_ASSIGNED);
}
END_TEST

/* Found by walking the records, so that no edition's details are assumed. */
START_TEST(a_record_without_protocol_matches_every_protocol)
{
    size_t i, found = 0;
    for (i = 0; i < portreg_count(); i++) {
        const portreg_entry *e = portreg_at(i), *all[64];
        uint16_t lo;
        unsigned p;
        if (portreg_entry_protos(e) || !portreg_entry_name(e)[0] ||
            portreg_entry_ports(e, &lo, NULL) != 0)
            continue;
        for (p = PORTREG_TCP; p <= PORTREG_DCCP; p <<= 1) {
            size_t n = portreg_lookup_port_all(lo, p, all, 64), k, seen = 0;
            for (k = 0; k < n && k < 64; k++)
                seen += all[k] == e;
            ck_assert_uint_eq(seen, 1);
        }
        found++;
    }
    ck_assert_uint_gt(found, 0);
}
END_TEST

START_TEST(a_name_only_record_is_found_by_name)
{
    size_t i, found = 0;
    for (i = 0; i < portreg_count(); i++) {
        const portreg_entry *e = portreg_at(i), *all[64];
        size_t n, k, seen = 0;
        if (!portreg_entry_name(e)[0] || portreg_entry_ports(e, NULL, NULL) == 0)
            continue;
        n = portreg_lookup_name_all(portreg_entry_name(e), PORTREG_ANY, all, 64);
        for (k = 0; k < n && k < 64; k++)
            seen += all[k] == e;
        ck_assert_uint_eq(seen, 1);
        found++;
    }
    ck_assert_uint_gt(found, 100);
}
END_TEST

START_TEST(names_ignore_ascii_case_only)
{
    const portreg_entry *e = portreg_lookup_name("https", PORTREG_TCP);
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_eq(portreg_lookup_name("HTTPS", PORTREG_TCP), e);
    ck_assert_ptr_eq(portreg_lookup_name("hTtPs", PORTREG_TCP), e);
    /* A Latin-1 or UTF-8 lookalike is not folded. */
    ck_assert_ptr_null(portreg_lookup_name("http\xc5\x9f", PORTREG_TCP));
    ck_assert_ptr_eq(portreg_lookup_name_len("https!", 5, PORTREG_TCP), e);
}
END_TEST

START_TEST(bad_input_finds_nothing)
{
    char longname[4097];
    const portreg_entry *out[4];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';

    ck_assert_ptr_null(portreg_lookup_name(NULL, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name("", PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name(longname, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name("http", 0));
    ck_assert_ptr_null(portreg_lookup_name("http", 0xF0u));
    ck_assert_ptr_null(portreg_lookup_port(80, 0));
    ck_assert_ptr_null(portreg_lookup_port(80, 0xF0u));
    ck_assert_uint_eq(portreg_lookup_name_all(NULL, PORTREG_ANY, out, 4), 0);
    ck_assert_uint_eq(portreg_lookup_name_all("http", PORTREG_ANY, NULL, 4),
                      portreg_lookup_name_all("http", PORTREG_ANY, out, 4));
    ck_assert_ptr_null(portreg_lookup_name_len("http\0x", 6, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name_len(NULL, 4, PORTREG_ANY));
    ck_assert_int_eq(portreg_port_status(80, 0), PORTREG_STATUS_UNASSIGNED);

    ck_assert_str_eq(portreg_entry_name(NULL), "");
    ck_assert_str_eq(portreg_entry_description(NULL), "");
    ck_assert_uint_eq(portreg_entry_protos(NULL), 0);
    ck_assert_int_eq(portreg_entry_ports(NULL, NULL, NULL), -1);
    ck_assert_uint_eq(portreg_entry_ref_count(NULL), 0);
    ck_assert_ptr_null(portreg_entry_assignee(NULL, 0));
    ck_assert_str_eq(portreg_person_name(NULL), "");
    ck_assert_uint_eq(portreg_entry_index(NULL), (size_t)-1);
}
END_TEST

/* A NUL inside a counted name never matches: not where a stored name's
 * zero padding or the next stored name would be read (a short name with
 * NULs before it, a name with a NUL and more after it), for every name. */
START_TEST(names_with_nul_bytes_never_match)
{
    size_t i;
    for (i = 0; i < portreg_count(); i++) {
        const char *name = portreg_entry_name(portreg_at(i));
        size_t len = strlen(name), k;
        char buf[64] = {0};
        if (len == 0 || len > 31)
            continue;
        for (k = 1; k <= 8 && k + len < sizeof buf; k++) {
            memset(buf, 0, sizeof buf);
            memcpy(buf + k, name, len); /* k NULs, then the name */
            ck_assert_msg(portreg_lookup_name_len(buf, k + len, PORTREG_ANY) == NULL,
                          "%zu NULs + %s matched", k, name);
        }
        memcpy(buf, name, len);
        buf[len] = '\0';
        memcpy(buf + len + 1, name, len); /* the name, a NUL, the name again */
        ck_assert_msg(portreg_lookup_name_len(buf, 2 * len + 1, PORTREG_ANY) == NULL,
                      "%s NUL %s matched", name, name);
        ck_assert_msg(portreg_lookup_name_len(buf, len + 1, PORTREG_ANY) == NULL,
                      "%s NUL matched", name);
    }
}
END_TEST

START_TEST(service_strings)
{
    static const char *const invalid[] = {"65536", "-1", "+1", "", " 80", "80 ", "999999999999"};
    uint16_t port = 7;
    size_t i;

    ck_assert_int_eq(portreg_parse_service(&port, "443", PORTREG_TCP), 0);
    ck_assert_uint_eq(port, 443);
    ck_assert_int_eq(portreg_parse_service(&port, "0080", PORTREG_TCP), 0);
    ck_assert_uint_eq(port, 80);
    ck_assert_int_eq(portreg_parse_service(&port, "65535", PORTREG_TCP), 0);
    ck_assert_uint_eq(port, 65535);
    ck_assert_int_eq(portreg_parse_service(&port, "HTTPS", PORTREG_TCP), 0);
    ck_assert_uint_eq(port, 443);
    for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        int rc = portreg_parse_service(&port, invalid[i], PORTREG_TCP);
        ck_assert_msg(rc < 0, "\"%s\" parsed as %u", invalid[i], port);
    }
    ck_assert_int_eq(portreg_parse_service(&port, "123badport", PORTREG_TCP), PORTREG_ENOTFOUND);
    /* digits past 65535 followed by a letter: a name, not a number */
    ck_assert_int_eq(portreg_parse_service(&port, "999999x", PORTREG_TCP), PORTREG_ENOTFOUND);
    ck_assert_int_eq(portreg_parse_service(&port, "no-such-service-x", PORTREG_TCP),
                     PORTREG_ENOTFOUND);
    ck_assert_int_eq(portreg_parse_service(NULL, "80", PORTREG_TCP), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_parse_service(&port, NULL, PORTREG_TCP), PORTREG_EINVAL);
}
END_TEST

/* Port 2/tcp was compressnet until IANA de-assigned it (2026 edition). */
START_TEST(edition_difference_at_port_2)
{
    const portreg_entry *e = portreg_lookup_port(2, PORTREG_TCP);
    if (strcmp(portreg_registry_updated(), "2025-01-01") < 0) {
        ck_assert_ptr_nonnull(e);
        ck_assert_str_eq(portreg_entry_name(e), "compressnet");
        ck_assert_int_eq(portreg_port_status(2, PORTREG_TCP), PORTREG_STATUS_ASSIGNED);
    } else {
        ck_assert_ptr_null(e);
        ck_assert_int_eq(portreg_port_status(2, PORTREG_TCP), PORTREG_STATUS_RESERVED);
    }
}
END_TEST

START_TEST(names_of_values)
{
    ck_assert_str_eq(portreg_proto_name(PORTREG_SCTP), "sctp");
    ck_assert_str_eq(portreg_proto_name(PORTREG_ANY), "");
    ck_assert_uint_eq(portreg_proto_from_name("UDP"), PORTREG_UDP);
    ck_assert_uint_eq(portreg_proto_from_name("udpx"), 0);
    ck_assert_uint_eq(portreg_proto_from_name(NULL), 0);
    ck_assert_str_eq(portreg_status_name(PORTREG_STATUS_RESERVED), "reserved");
    ck_assert_str_eq(portreg_strerror(PORTREG_EINVAL), "invalid argument");
    ck_assert_str_eq(portreg_strerror(12345), "unknown error");
}
END_TEST

START_TEST(version_matches_header)
{
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", PORTREG_VERSION_MAJOR,
             PORTREG_VERSION_MINOR, PORTREG_VERSION_PATCH);
    ck_assert_uint_eq(portreg_version(), PORTREG_VERSION_NUM);
    ck_assert_str_eq(portreg_version_string(), expected);
    ck_assert_uint_eq(strlen(portreg_registry_updated()), 10);
}
END_TEST

/* Every reason and confidence that portreg_tuple_orient() reports has a
 * name: distinct, lower case, never "" (and "" outside the enums).  The
 * reasons are collected from the function itself, over flows that reach
 * every rule, so that a new reason without a name fails here. */
START_TEST(orientation_names)
{
    static const char *const flows[] = {
        "tcp 10.0.0.1:51515 -> 10.0.0.2:443", "tcp 10.0.0.1:443 -> 10.0.0.2:443",
        "udp 10.0.0.1:50000 -> 10.0.0.2:60000", "udp 10.0.0.1:5353 -> 224.0.0.251:5353",
        "icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0", "icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1",
        "47 10.0.0.1 -> 10.0.0.2", "tcp 10.0.0.1:22 -> 10.0.0.2:23",
        "tcp 10.0.0.1:1714 -> 10.0.0.2:8080", "tcp 10.0.0.1:50000 -> 10.0.0.2:8080",
    };
    portreg_orient_options o = PORTREG_ORIENT_OPTIONS_INIT;
    const char *seen[256] = {0};
    size_t i, j;
    unsigned hints;

    for (i = 0; i < sizeof flows / sizeof flows[0]; i++) {
        /* Bits 0-2: every combination of the three hints; bit 3: a local range. */
        for (hints = 0; hints < 16; hints++) {
            portreg_tuple t, out;
            portreg_orientation why;
            const char *reason, *confidence;

            o.hints = hints & (PORTREG_HINT_SYN | PORTREG_HINT_SYNACK | PORTREG_HINT_FIRST);
            o.local_ephemeral_first = hints & 8 ? 49152 : 0;
            o.local_ephemeral_last = hints & 8 ? 65535 : 0;
            ck_assert_int_eq(portreg_tuple_parse(&t, flows[i]), 0);
            ck_assert_int_eq(portreg_tuple_orient_ext(&out, &t, &o, &why), 0);
            reason = portreg_reason_name((portreg_reason)why.reason);
            confidence = portreg_confidence_name((portreg_confidence)why.confidence);
            ck_assert_msg(reason[0] != '\0', "reason %u of %s has no name", why.reason, flows[i]);
            ck_assert_msg(confidence[0] != '\0', "confidence %u has no name", why.confidence);
            seen[why.reason] = reason;
        }
    }
    for (i = 0; i < 256; i++) {
        for (j = 0; seen[i] && j < i; j++)
            ck_assert_msg(!seen[j] || strcmp(seen[i], seen[j]) != 0, "two reasons are \"%s\"",
                          seen[i]);
        if (seen[i])
            ck_assert_uint_eq(strspn(seen[i], "abcdefghijklmnopqrstuvwxyz_"), strlen(seen[i]));
    }
    ck_assert_str_eq(portreg_confidence_name(PORTREG_CONFIDENCE_NONE), "none");
    ck_assert_str_eq(portreg_confidence_name(PORTREG_CONFIDENCE_HIGH), "high");
    ck_assert_str_eq(portreg_reason_name((portreg_reason)0), "");
    ck_assert_str_eq(portreg_reason_name((portreg_reason)255), "");
    ck_assert_str_eq(portreg_confidence_name((portreg_confidence)4), "");
    ck_assert_str_eq(portreg_confidence_name((portreg_confidence)-1), "");
}
END_TEST

/* Functions that fail return a named code (portreg.h). */
START_TEST(failures_are_named_codes)
{
    uint16_t lo = 7, hi = 7;
    uint32_t code = 7;
    size_t i;
    int without_number = 0, without_code = 0;

    ck_assert_int_eq(portreg_entry_ports(NULL, &lo, &hi), PORTREG_ENOTFOUND);
    ck_assert_int_eq(portreg_entry_service_code(NULL, &code), PORTREG_ENOTFOUND);
    for (i = 0; i < portreg_count(); i++) {
        const portreg_entry *e = portreg_at(i);
        int rc = portreg_entry_ports(e, &lo, &hi);
        ck_assert(rc == 0 || rc == PORTREG_ENOTFOUND);
        without_number += rc == PORTREG_ENOTFOUND;
        rc = portreg_entry_service_code(e, &code);
        ck_assert(rc == 0 || rc == PORTREG_ENOTFOUND);
        without_code += rc == PORTREG_ENOTFOUND;
    }
    ck_assert_int_gt(without_number, 0);
    ck_assert_int_gt(without_code, 0);
}
END_TEST

static Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("contract");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, ranges_follow_rfc6335);
    tcase_add_test(tc, orientation_names);
    tcase_add_test(tc, failures_are_named_codes);
    tcase_add_test(tc, names_with_nul_bytes_never_match);
    tcase_add_test(tc, several_names_at_one_port_come_in_registry_order);
    tcase_add_test(tc, one_name_at_several_ports);
    tcase_add_test(tc, a_port_inside_a_range);
    tcase_add_test(tc, a_record_without_protocol_matches_every_protocol);
    tcase_add_test(tc, a_name_only_record_is_found_by_name);
    tcase_add_test(tc, names_ignore_ascii_case_only);
    tcase_add_test(tc, bad_input_finds_nothing);
    tcase_add_test(tc, service_strings);
    tcase_add_test(tc, edition_difference_at_port_2);
    tcase_add_test(tc, names_of_values);
    tcase_add_test(tc, version_matches_header);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(api_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
