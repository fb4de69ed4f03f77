/*
 * portreg_parse_service() on every name of the registry it is built with,
 * against a walk over the records: a name's port is that of its first
 * record, in registry order, that serves one of the protocols asked for
 * and has a port, however many name-only records (DNS-SD) come first.
 *
 * Built twice (tests/runs.cmake):
 *  - check_service, against the library: the registry of the build, and
 *    the older edition in older_edition;
 *  - check_service_fixture, with the runtime sources on
 *    tests/data/good/name_only_first.xml (PORTREG_TEST_FIXTURE), whose
 *    names have more name-only records before their port than the 32
 *    that portreg_parse_service() once looked at, in a scanned run and in
 *    a listed one.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portreg.h"
#include "tally.h"
#ifdef PORTREG_TEST_FIXTURE
#include "portreg_table.h"
#endif

static const unsigned masks[] = {PORTREG_TCP, PORTREG_UDP, PORTREG_SCTP, PORTREG_DCCP,
                                 PORTREG_TCP | PORTREG_UDP, PORTREG_ANY};
#define MASK_COUNT (sizeof masks / sizeof masks[0])

static unsigned char fold(unsigned char c)
{
    return (unsigned)(c - 'A') < 26u ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* ASCII case folding only, as the registry's names compare. */
static int compare_names(const char *a, const char *b)
{
    for (; *a && fold((unsigned char)*a) == fold((unsigned char)*b); a++, b++)
        ;
    return (int)fold((unsigned char)*a) - (int)fold((unsigned char)*b);
}

/* Record indexes, grouped by name and in registry order within a name. */
static int by_name_then_index(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = compare_names(portreg_entry_name(portreg_at(a)), portreg_entry_name(portreg_at(b)));
    return c ? c : (a > b) - (a < b);
}

/* A record without a protocol serves them all. */
static int serves(const portreg_entry *e, unsigned protos)
{
    unsigned own = portreg_entry_protos(e);
    return ((own ? own : PORTREG_ANY) & protos) != 0;
}

/* The named records, grouped by name; `*n` of them. */
static size_t *named_records(size_t *n)
{
    size_t *order = malloc((portreg_count() + 1) * sizeof *order), i;

    ck_assert_ptr_nonnull(order);
    *n = 0;
    for (i = 0; i < portreg_count(); i++) {
        if (portreg_entry_name(portreg_at(i))[0])
            order[(*n)++] = i;
    }
    qsort(order, *n, sizeof *order, by_name_then_index);
    return order;
}

/* The end of the group of records[first]'s name. */
static size_t group_end(const size_t *records, size_t n, size_t first)
{
    const char *name = portreg_entry_name(portreg_at(records[first]));
    size_t end = first + 1;
    while (end < n && compare_names(portreg_entry_name(portreg_at(records[end])), name) == 0)
        end++;
    return end;
}

/* The port of the first record of the group that serves `protos` and has
 * one, and how many of its records serving `protos` come before it. */
static int expected_port(const size_t *group, size_t n, unsigned protos, uint16_t *port,
                         size_t *before)
{
    size_t i;
    *before = 0;
    for (i = 0; i < n; i++) {
        const portreg_entry *e = portreg_at(group[i]);
        if (!serves(e, protos))
            continue;
        if (portreg_entry_ports(e, port, NULL) == 0)
            return 0;
        ++*before;
    }
    return PORTREG_ENOTFOUND;
}

static struct tally tl = TALLY_INIT;

/* The most name-only records before a port, over every name and mask. */
static size_t most_before;

START_TEST(every_name_every_mask)
{
    size_t n, first, end, m;
    size_t *records = named_records(&n);

    TALLY_RESET(&tl);
    most_before = 0;
    for (first = 0; first < n; first = end) {
        const char *name = portreg_entry_name(portreg_at(records[first]));
        char upper[64];
        size_t k;

        end = group_end(records, n, first);
        if (strspn(name, "0123456789") == strlen(name))
            continue; /* read as a port number, by the rule of portreg.h */
        for (k = 0; name[k] && k + 1 < sizeof upper; k++)
            upper[k] = (char)((unsigned)(name[k] - 'a') < 26u ? name[k] - ('a' - 'A') : name[k]);
        upper[k] = '\0';
        for (m = 0; m < MASK_COUNT; m++) {
            uint16_t want = 0, got = 0, got_upper = 0;
            size_t before;
            int want_rc = expected_port(records + first, end - first, masks[m], &want, &before);
            int rc = portreg_parse_service(&got, name, masks[m]);
            int rc_upper = portreg_parse_service(&got_upper, upper, masks[m]);

            if (want_rc == 0 && before > most_before)
                most_before = before;
            TALLY_EQ(&tl, rc, want_rc, "\"%s\", protocols 0x%x", name, masks[m]);
            TALLY_EQ(&tl, rc_upper, want_rc, "\"%s\", protocols 0x%x", upper, masks[m]);
            if (want_rc == 0) {
                TALLY_EQ(&tl, got, want, "\"%s\", protocols 0x%x, port", name, masks[m]);
                TALLY_EQ(&tl, got_upper, want, "\"%s\", protocols 0x%x, port", upper, masks[m]);
            }
        }
    }
    free(records);
    TALLY_VERDICT(&tl);
#ifdef PORTREG_TEST_FIXTURE
    /* The fixture is there for names with more name-only records before
     * their port than a fixed buffer of 32 holds, and for a listed run. */
    ck_assert_uint_gt(most_before, 32);
    ck_assert_uint_gt(portreg__name_run_count, 0);
#endif
}
END_TEST

int main(void)
{
    Suite *s = suite_create("service");
    TCase *tc = tcase_create("parse_service");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_name_every_mask);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
