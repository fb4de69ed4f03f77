/*
 * The protocol-numbers registry (since 1.1): number and keyword lookups,
 * the fields of a record, and bad input.  The facts asserted by name (ESP
 * at 50, IPv6-ICMP at 58, SCTP at 132, the 148-252 range) hold in every
 * edition since 2000; the rest is derived from the library's own records.
 * tests/cli/test_portreg.py compares every record with the XML.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

#include "tally.h"

START_TEST(esp_is_50)
{
    const portreg_protocol *p = portreg_protocol_by_number(50);
    uint8_t lo = 0, hi = 0;
    size_t i;
    int rfc = 0;

    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(portreg_protocol_keyword(p), "ESP");
#if defined(PORTREG_TEST_PROFILE_SMALL)
    /* The small profile keeps keywords, numbers and flags: no description
     * and no references (portreg.h). */
    ck_assert_str_eq(portreg_protocol_description(p), "");
    ck_assert_uint_eq(portreg_protocol_ref_count(p), 0);
    ck_assert_ptr_null(portreg_protocol_ref(p, 0));
    ck_assert_int_eq(portreg_protocol_ref_type(p, 0), 0);
    (void)i;
    (void)rfc;
#else
    ck_assert_str_eq(portreg_protocol_description(p), "Encap Security Payload");
#endif
    ck_assert_int_eq(portreg_protocol_ipv6_ext(p), 1);
    ck_assert_int_eq(portreg_protocol_deprecated(p), 0);
    ck_assert_int_eq(portreg_protocol_numbers(p, &lo, &hi), 0);
    ck_assert_uint_eq(lo, 50);
    ck_assert_uint_eq(hi, 50);
#if !defined(PORTREG_TEST_PROFILE_SMALL)
    ck_assert_uint_ge(portreg_protocol_ref_count(p), 1);
    for (i = 0; i < portreg_protocol_ref_count(p); i++)
        rfc += portreg_protocol_ref_type(p, i) == PORTREG_REF_RFC &&
               strncmp(portreg_protocol_ref(p, i), "rfc", 3) == 0;
    ck_assert_int_ge(rfc, 1);
#endif
    ck_assert_ptr_null(portreg_protocol_ref(p, portreg_protocol_ref_count(p)));
    ck_assert_int_eq(portreg_protocol_ref_type(p, portreg_protocol_ref_count(p)), 0);
    ck_assert_ptr_eq(portreg_protocol_by_keyword("esp"), p);
    ck_assert_ptr_eq(portreg_protocol_by_keyword("ESP"), p);
    ck_assert_ptr_eq(portreg_protocol_by_keyword("eSp"), p);
}
END_TEST

START_TEST(transports_and_icmp)
{
    ck_assert_str_eq(portreg_protocol_keyword(portreg_protocol_by_number(6)), "TCP");
    ck_assert_str_eq(portreg_protocol_keyword(portreg_protocol_by_number(17)), "UDP");
    ck_assert_str_eq(portreg_protocol_keyword(portreg_protocol_by_number(132)), "SCTP");
    ck_assert_str_eq(portreg_protocol_keyword(portreg_protocol_by_number(1)), "ICMP");
    ck_assert_ptr_eq(portreg_protocol_by_keyword("ipv6-icmp"), portreg_protocol_by_number(58));
    ck_assert_ptr_eq(portreg_protocol_by_keyword("gre"), portreg_protocol_by_number(47));
    ck_assert_int_eq(portreg_protocol_ipv6_ext(portreg_protocol_by_number(6)), 0);
    ck_assert_int_eq(portreg_protocol_ipv6_ext(portreg_protocol_by_number(0)), 1);
}
END_TEST

START_TEST(a_number_inside_a_range)
{
    const portreg_protocol *p = portreg_protocol_by_number(200);
    uint8_t lo, hi;
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(portreg_protocol_numbers(p, &lo, &hi), 0);
    ck_assert_uint_le(lo, 200);
    ck_assert_uint_ge(hi, 200);
    ck_assert_uint_lt(lo, hi);
    ck_assert_str_eq(portreg_protocol_keyword(p), "");
    ck_assert_ptr_eq(portreg_protocol_by_number(lo), p);
    ck_assert_ptr_eq(portreg_protocol_by_number(hi), p);
}
END_TEST

/* Every number, every record, every keyword in three cases, and every
 * prefix and extension of a keyword: the tables agree with one another. */
START_TEST(tables_agree)
{
    struct tally t = TALLY_INIT;
    size_t count = portreg_protocol_count(), i, keywords = 0;
    unsigned n;
    char buf[80];

    ck_assert_uint_ge(count, 100);
    ck_assert_ptr_null(portreg_protocol_at(count));
    for (i = 0; i < count; i++) {
        const portreg_protocol *p = portreg_protocol_at(i);
        const char *k = portreg_protocol_keyword(p);
        uint8_t lo, hi;
        size_t len = strlen(k), j;
        TALLY(&t, p != NULL && portreg_protocol_numbers(p, &lo, &hi) == 0 && lo <= hi, "record %zu", i);
        for (n = lo; n <= hi; n++)
            TALLY(&t, portreg_protocol_by_number(n) == p, "record %zu", i);
        if (i > 0) {
            uint8_t plo, phi;
            portreg_protocol_numbers(portreg_protocol_at(i - 1), &plo, &phi);
            TALLY(&t, phi < lo, "record %zu", i); /* number order, no overlap */
        }
        if (!len)
            continue;
        keywords++;
        TALLY(&t, len < sizeof buf - 2, "record %zu", i);
        TALLY(&t, portreg_protocol_by_keyword(k) == p, "record %zu", i);
        for (j = 0; j <= len; j++)
            buf[j] = (char)(k[j] >= 'a' && k[j] <= 'z' ? k[j] - 32 : k[j]);
        TALLY(&t, portreg_protocol_by_keyword(buf) == p, "record %zu", i);
        for (j = 0; j <= len; j++)
            buf[j] = (char)(k[j] >= 'A' && k[j] <= 'Z' ? k[j] + 32 : k[j]);
        TALLY(&t, portreg_protocol_by_keyword(buf) == p, "record %zu", i);
        TALLY(&t, strchr(k, ' ') == NULL && strchr(k, '#') == NULL, "record %zu", i);
        buf[len - 1] = '\0';
        TALLY(&t, portreg_protocol_by_keyword(buf) != p, "record %zu", i);
        memcpy(buf, k, len);
        buf[len] = 'x';
        buf[len + 1] = '\0';
        TALLY(&t, portreg_protocol_by_keyword(buf) != p, "record %zu", i);
    }
    ck_assert_uint_ge(keywords, 140);
    TALLY_VERDICT(&t);
}
END_TEST

START_TEST(bad_input_finds_nothing)
{
    char longer[200];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    ck_assert_ptr_null(portreg_protocol_by_keyword(NULL));
    ck_assert_ptr_null(portreg_protocol_by_keyword(""));
    ck_assert_ptr_null(portreg_protocol_by_keyword(longer));
    ck_assert_ptr_null(portreg_protocol_by_keyword("50"));
    ck_assert_ptr_null(portreg_protocol_by_keyword("\xc3\xa9sp"));
    ck_assert_ptr_null(portreg_protocol_by_keyword("esp "));
    ck_assert_ptr_null(portreg_protocol_by_keyword("Reserved"));
    ck_assert_ptr_null(portreg_protocol_by_number(256));
    ck_assert_ptr_null(portreg_protocol_by_number((unsigned)-1));
    ck_assert_int_eq(portreg_protocol_numbers(NULL, NULL, NULL), PORTREG_EINVAL);
    ck_assert_str_eq(portreg_protocol_keyword(NULL), "");
    ck_assert_str_eq(portreg_protocol_description(NULL), "");
    ck_assert_int_eq(portreg_protocol_ipv6_ext(NULL), 0);
    ck_assert_int_eq(portreg_protocol_deprecated(NULL), 0);
    ck_assert_uint_eq(portreg_protocol_ref_count(NULL), 0);
    ck_assert_ptr_null(portreg_protocol_ref(NULL, 0));
    ck_assert_int_eq(portreg_protocol_ref_type(NULL, 0), 0);
    ck_assert_int_eq(portreg_protocol_numbers(portreg_protocol_by_number(1), NULL, NULL), 0);
}
END_TEST

START_TEST(deprecated_names_and_updated)
{
    size_t i, deprecated = 0;
    const char *u = portreg_protocols_updated();
    for (i = 0; i < portreg_protocol_count(); i++)
        deprecated += (size_t)portreg_protocol_deprecated(portreg_protocol_at(i));
    ck_assert_uint_ge(deprecated, 1);
    ck_assert_uint_eq(strlen(u), 10);
    ck_assert_int_eq(u[4], '-');
    ck_assert_int_eq(u[7], '-');
}
END_TEST

static Suite *protocols_suite(void)
{
    Suite *s = suite_create("protocols");
    TCase *tc = tcase_create("protocols");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, esp_is_50);
    tcase_add_test(tc, transports_and_icmp);
    tcase_add_test(tc, a_number_inside_a_range);
    tcase_add_test(tc, tables_agree);
    tcase_add_test(tc, bad_input_finds_nothing);
    tcase_add_test(tc, deprecated_names_and_updated);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(protocols_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
