/*
 * The assignees of each record are its own, however long the person ids:
 * tests/data/good/long_party_keys.xml has two records whose assignee ids
 * share their first 4 KB and differ in the last one.  The compiler keyed
 * its sets of people on a 4,096-byte buffer, so both records got the
 * first one's set.  Built on that fixture's table (tests/runs.cmake).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "portreg.h"

static void check_last_assignee(const char *name, const char *want)
{
    const portreg_entry *e = portreg_lookup_name(name, PORTREG_TCP);
    size_t n = portreg_entry_assignee_count(e);

    ck_assert_ptr_nonnull(e);
#if defined(PORTREG_TEST_PROFILE_SMALL)
    /* The small profile keeps no people: no assignee (portreg.h). */
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(portreg_entry_assignee(e, 0));
    ck_assert_str_eq(portreg_person_id(portreg_entry_assignee(e, 0)), "");
    (void)want;
    return;
#endif
    ck_assert_uint_eq(n, 21);
    ck_assert_str_eq(portreg_person_id(portreg_entry_assignee(e, n - 1)), want);
    ck_assert_str_eq(portreg_person_name(portreg_entry_assignee(e, n - 1)), want);
}

START_TEST(each_record_keeps_its_assignees)
{
    check_last_assignee("alpha", "short-a");
    check_last_assignee("beta", "short-b");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("parties");
    TCase *tc = tcase_create("long_party_keys.xml");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, each_record_keeps_its_assignees);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
