/*
 * The _all functions on a registry whose records are not all listed
 * together (tests/data/good/scattered_runs.xml), against a brute-force
 * walk over every record.  The runtime finds most runs by scanning from a
 * key's first record and looks the others up in the lists the compiler
 * wrote (lib/portreg_table.h, struct portreg_run); this fixture has both
 * kinds for ports and for names, which the real registry does not (its
 * port runs are all together).  Built with the runtime sources and the
 * fixture's table, not against libportreg.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portreg.h"
#include "portreg_table.h"
#include "tally.h"

#define MAX_RUN 16

static const unsigned masks[] = {PORTREG_TCP, PORTREG_UDP, PORTREG_SCTP, PORTREG_DCCP,
                                 PORTREG_TCP | PORTREG_UDP, PORTREG_ANY};

static int is_named(const portreg_entry *e)
{
    return portreg_entry_name(e)[0] != '\0';
}

/* A record without a protocol serves them all. */
static int serves(const portreg_entry *e, unsigned protos)
{
    unsigned own = portreg_entry_protos(e);
    return ((own ? own : PORTREG_ANY) & protos) != 0;
}

static int covers(const portreg_entry *e, unsigned port)
{
    uint16_t lo, hi;
    return portreg_entry_ports(e, &lo, &hi) == 0 && lo <= port && port <= hi;
}

/* ASCII case folding only, as the registry's names compare. */
static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if ((unsigned)(x - 'A') < 26u)
            x += 'a' - 'A';
        if ((unsigned)(y - 'A') < 26u)
            y += 'a' - 'A';
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static size_t expected_port(unsigned port, unsigned protos, const portreg_entry **out)
{
    size_t i, n = 0;
    for (i = 0; i < portreg_count(); i++) {
        const portreg_entry *e = portreg_at(i);
        if (is_named(e) && covers(e, port) && serves(e, protos) && n < MAX_RUN)
            out[n++] = e;
    }
    return n;
}

static size_t expected_name(const char *name, unsigned protos, const portreg_entry **out)
{
    size_t i, n = 0;
    for (i = 0; i < portreg_count(); i++) {
        const portreg_entry *e = portreg_at(i);
        if (is_named(e) && same_name(portreg_entry_name(e), name) && serves(e, protos) &&
            n < MAX_RUN)
            out[n++] = e;
    }
    return n;
}

/* Every port and name times every mask: the checks tally (tally.h). */
static struct tally tl = TALLY_INIT;

static void check_same(const portreg_entry **want, size_t nwant, const portreg_entry **got,
                       size_t ngot, const char *what, unsigned protos)
{
    size_t i;
    TALLY_EQ(&tl, ngot, nwant, "%s, protocols 0x%x", what, protos);
    for (i = 0; i < nwant && i < ngot; i++)
        TALLY_EQ(&tl, portreg_entry_index(got[i]), portreg_entry_index(want[i]),
                 "%s, protocols 0x%x, record %zu", what, protos, i);
}

/* Distinct names among the records, case folded. */
static size_t distinct_names(void)
{
    size_t i, j, n = 0;
    for (i = 0; i < portreg_count(); i++) {
        const char *name = portreg_entry_name(portreg_at(i));
        int seen = !name[0];
        for (j = 0; j < i && !seen; j++)
            seen = same_name(portreg_entry_name(portreg_at(j)), name);
        n += !seen;
    }
    return n;
}

START_TEST(fixture_has_both_kinds_of_run)
{
    /* Without listed runs this suite would test only the scan, and
     * without scanned ones only the lists (the port test counts those). */
    ck_assert_uint_gt(portreg__port_run_count, 0);
    ck_assert_uint_gt(portreg__name_run_count, 0);
    ck_assert_uint_lt(portreg__name_run_count, distinct_names());
}
END_TEST

START_TEST(every_port_every_mask)
{
    unsigned port;
    size_t m, listed_seen = 0, scanned_seen = 0;

    TALLY_RESET(&tl);
    for (port = 0; port < 65536; port++) {
        for (m = 0; m < sizeof masks / sizeof *masks; m++) {
            const portreg_entry *want[MAX_RUN], *got[MAX_RUN];
            size_t nwant = expected_port(port, masks[m], want);
            size_t ngot = portreg_lookup_port_all((uint16_t)port, masks[m], got, MAX_RUN);
            char what[32];
            snprintf(what, sizeof what, "port %u", port);
            check_same(want, nwant, got, ngot, what, masks[m]);
            TALLY_EQ(&tl, portreg_lookup_port_all((uint16_t)port, masks[m], NULL, 0), nwant,
                     "%s, protocols 0x%x, counted", what, masks[m]);
            TALLY(&tl, portreg_lookup_port((uint16_t)port, masks[m]) == (nwant ? want[0] : NULL),
                  "%s, protocols 0x%x, first", what, masks[m]);
            if (nwant && masks[m] == PORTREG_ANY) {
                size_t r;
                int listed = 0;
                for (r = 0; r < portreg__port_run_count; r++)
                    listed |= portreg__port_runs[r].key == port;
                listed_seen += listed;
                scanned_seen += !listed;
            }
        }
    }
    TALLY_VERDICT(&tl);
    ck_assert_uint_gt(listed_seen, 0);
    ck_assert_uint_gt(scanned_seen, 0);
}
END_TEST

START_TEST(every_name_every_mask)
{
    size_t i, m;

    TALLY_RESET(&tl);
    for (i = 0; i < portreg_count(); i++) {
        const char *name = portreg_entry_name(portreg_at(i));
        char upper[64];
        size_t k;
        if (!name[0])
            continue;
        for (k = 0; name[k] && k + 1 < sizeof upper; k++)
            upper[k] = (char)((unsigned)(name[k] - 'a') < 26u ? name[k] - ('a' - 'A') : name[k]);
        upper[k] = '\0';
        for (m = 0; m < sizeof masks / sizeof *masks; m++) {
            const portreg_entry *want[MAX_RUN], *got[MAX_RUN];
            size_t nwant = expected_name(name, masks[m], want);
            check_same(want, nwant, got,
                       portreg_lookup_name_all(name, masks[m], got, MAX_RUN), name, masks[m]);
            check_same(want, nwant, got,
                       portreg_lookup_name_all(upper, masks[m], got, MAX_RUN), upper, masks[m]);
            TALLY(&tl, portreg_lookup_name(upper, masks[m]) == (nwant ? want[0] : NULL),
                  "%s, protocols 0x%x, first", upper, masks[m]);
        }
    }
    TALLY_VERDICT(&tl);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runs");
    TCase *tc = tcase_create("scattered_runs.xml");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, fixture_has_both_kinds_of_run);
    tcase_add_test(tc, every_port_every_mask);
    tcase_add_test(tc, every_name_every_mask);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
