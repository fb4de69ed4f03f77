/*
 * libnss_portreg.so.2 through glibc: getservbyname_r(), getservbyport_r(),
 * getservent_r(), getprotobyname_r(), getprotobynumber_r() and
 * getprotoent_r() with an nsswitch.conf that names only portreg, in a
 * private mount namespace (nss_namespace.h).  The module is found through
 * LD_LIBRARY_PATH.  Expectations come from libportreg's own API, so that
 * the test holds for every registry edition.
 */
#include "nss_namespace.h"

#include <arpa/inet.h>
#include <check.h>
#include <netdb.h>
#include <nss.h>

#include <portreg.h>

#include "../tally.h"

/* The module's entry points, called directly for the buffer checks. */
enum nss_status _nss_portreg_getservbyname_r(const char *, const char *, struct servent *, char *,
                                             size_t, int *);
enum nss_status _nss_portreg_getservbyport_r(int, const char *, struct servent *, char *, size_t,
                                             int *);
enum nss_status _nss_portreg_getprotobyname_r(const char *, struct protoent *, char *, size_t,
                                              int *);
enum nss_status _nss_portreg_getprotobynumber_r(int, struct protoent *, char *, size_t, int *);
enum nss_status _nss_portreg_setservent(int);
enum nss_status _nss_portreg_getservent_r(struct servent *, char *, size_t, int *);
enum nss_status _nss_portreg_endservent(void);

static int has_name(const struct servent *s, const char *name)
{
    char **a;
    if (strcasecmp(s->s_name, name) == 0)
        return 1;
    for (a = s->s_aliases; *a; a++)
        if (strcasecmp(*a, name) == 0)
            return 1;
    return 0;
}

START_TEST(done_when_answers)
{
    struct servent se, *sp = NULL;
    struct protoent pe, *pp = NULL;
    char buf[1024];

    ck_assert_int_eq(getservbyname_r("https", "tcp", &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_nonnull(sp);
    ck_assert_int_eq(ntohs((uint16_t)sp->s_port), 443);
    ck_assert_str_eq(sp->s_proto, "tcp");
    ck_assert_int_eq(getservbyport_r((int)htons(6001), "tcp", &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_nonnull(sp);
    ck_assert_str_eq(sp->s_name, "x11");
    ck_assert_int_eq(getservbyport_r((int)htons(9), "sctp", &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_nonnull(sp);
    ck_assert_str_eq(sp->s_name, "discard");
    ck_assert_int_eq(getprotobyname_r("esp", &pe, buf, sizeof buf, &pp), 0);
    ck_assert_ptr_nonnull(pp);
    ck_assert_int_eq(pp->p_proto, 50);
    ck_assert_int_eq(getprotobynumber_r(132, &pe, buf, sizeof buf, &pp), 0);
    ck_assert_ptr_nonnull(pp);
    ck_assert_str_eq(pp->p_name, "sctp");
    ck_assert_str_eq(pp->p_aliases[0], "SCTP");
    /* names ignore ASCII case (RFC 6335); aliases are the port's other names */
    ck_assert_int_eq(getservbyname_r("HTTPS", "tcp", &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_nonnull(sp);
    ck_assert_str_eq(sp->s_name, "https");
    ck_assert_int_eq(getservbyname_r("www", "tcp", &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_nonnull(sp);
    ck_assert_str_eq(sp->s_name, portreg_entry_name(portreg_lookup_port(80, PORTREG_TCP)));
    ck_assert(has_name(sp, "www"));
    ck_assert_int_eq(getprotobyname_r("IPV6-icmp", &pe, buf, sizeof buf, &pp), 0);
    ck_assert_ptr_nonnull(pp);
    ck_assert_int_eq(pp->p_proto, 58);
}
END_TEST

/* proto == NULL: the first record in registry order that has a port. */
START_TEST(null_proto_takes_the_first_record)
{
    static const char *const names[] = {"domain", "http", "x11", "msp", "discard", "syslog"};
    struct servent se, *sp;
    char buf[1024];
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        const portreg_entry *all[8];
        size_t n = portreg_lookup_name_all(names[i], PORTREG_ANY, all, 8), j;
        uint16_t lo;
        for (j = 0; j < n && portreg_entry_ports(all[j], &lo, NULL) != 0; j++)
            ;
        ck_assert_uint_lt(j, n);
        sp = NULL;
        ck_assert_int_eq(getservbyname_r(names[i], NULL, &se, buf, sizeof buf, &sp), 0);
        ck_assert_msg(sp != NULL, "%s", names[i]);
        ck_assert_int_eq(ntohs((uint16_t)sp->s_port), lo);
        if (portreg_entry_protos(all[j]))
            ck_assert_str_eq(sp->s_proto, portreg_proto_name(portreg_entry_protos(all[j])));
    }
}
END_TEST

/* Every entry of the enumeration answers getservbyport_r() and every one
 * of its names getservbyname_r(), as libportreg says. */
START_TEST(every_entry_answers)
{
    struct tally t = TALLY_INIT;
    struct servent se, *sp;
    char buf[4096], b2[4096];
    size_t entries = 0;

    setservent(0);
    while (getservent_r(&se, buf, sizeof buf, &sp) == 0 && sp) {
        struct servent s2, *p2 = NULL;
        uint16_t port = ntohs((uint16_t)sp->s_port);
        unsigned proto = portreg_proto_from_name(sp->s_proto);
        char **a;
        entries++;
        TALLY(&t, portreg_entry_name(portreg_lookup_port(port, proto)) != NULL &&
                      strcmp(portreg_entry_name(portreg_lookup_port(port, proto)), sp->s_name) == 0,
              "%s %u/%s", sp->s_name, port, sp->s_proto);
        TALLY_EQ(&t, getservbyport_r(sp->s_port, sp->s_proto, &s2, b2, sizeof b2, &p2), 0,
                 "%u/%s", port, sp->s_proto);
        TALLY(&t, p2 && strcmp(p2->s_name, sp->s_name) == 0, "%u/%s", port, sp->s_proto);
        for (a = sp->s_aliases - 1; a == sp->s_aliases - 1 || *a; a++) {
            const char *name = a == sp->s_aliases - 1 ? sp->s_name : *a;
            const portreg_entry *all[8];
            size_t n = portreg_lookup_name_all(name, proto, all, 8), j;
            uint16_t lo = 0;
            for (j = 0; j < n && portreg_entry_ports(all[j], &lo, NULL) != 0; j++)
                ;
            p2 = NULL;
            TALLY_EQ(&t, getservbyname_r(name, sp->s_proto, &s2, b2, sizeof b2, &p2), 0, "%s", name);
            TALLY(&t, p2 && has_name(p2, name) && ntohs((uint16_t)p2->s_port) == lo &&
                          strcmp(p2->s_proto, sp->s_proto) == 0,
                  "%s/%s", name, sp->s_proto);
        }
    }
    endservent();
    ck_assert_uint_ge(entries, 10000);
    TALLY_VERDICT(&t);
}
END_TEST

START_TEST(protocols_enumerate)
{
    struct tally t = TALLY_INIT;
    struct protoent pe, *pp;
    char buf[1024];
    size_t entries = 0;

    setprotoent(0);
    while (getprotoent_r(&pe, buf, sizeof buf, &pp) == 0 && pp) {
        const portreg_protocol *p = portreg_protocol_by_number((unsigned)pp->p_proto);
        entries++;
        TALLY(&t, strcasecmp(portreg_protocol_keyword(p), pp->p_name) == 0, "%s", pp->p_name);
    }
    endprotoent();
    ck_assert_uint_ge(entries, 140);
    TALLY_VERDICT(&t);
}
END_TEST

START_TEST(bad_input_is_not_found)
{
    static const char *const names[] = {"", "\xc3\xa9t\xc3\xa9", "http ", " http", "a#b",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    struct servent se, *sp;
    struct protoent pe, *pp;
    char buf[1024];
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        sp = &se;
        ck_assert_int_eq(getservbyname_r(names[i], "tcp", &se, buf, sizeof buf, &sp), 0);
        ck_assert_ptr_null(sp);
        pp = &pe;
        ck_assert_int_eq(getprotobyname_r(names[i], &pe, buf, sizeof buf, &pp), 0);
        ck_assert_ptr_null(pp);
    }
    sp = &se;
    ck_assert_int_eq(getservbyname_r("https", "bogus", &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_null(sp);
    sp = &se;
    ck_assert_int_eq(getservbyport_r((int)htons(443), "", &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_null(sp);
    sp = &se;
    ck_assert_int_eq(getservbyport_r((int)htons(80) | 0x10000, "tcp", &se, buf, sizeof buf, &sp),
                     0);
    ck_assert_ptr_null(sp);
    sp = &se;
    ck_assert_int_eq(getservbyport_r(-1, NULL, &se, buf, sizeof buf, &sp), 0);
    ck_assert_ptr_null(sp);
    pp = &pe;
    ck_assert_int_eq(getprotobynumber_r(256, &pe, buf, sizeof buf, &pp), 0);
    ck_assert_ptr_null(pp);
    pp = &pe;
    ck_assert_int_eq(getprotobynumber_r(-1, &pe, buf, sizeof buf, &pp), 0);
    ck_assert_ptr_null(pp);
}
END_TEST

/* Every buffer size from 0 up: ERANGE (TRYAGAIN) until the entry fits,
 * then success; never a byte written at or past buflen. */
#define CANARY 0x5a
static int untouched(const unsigned char *b, size_t from, size_t to)
{
    for (; from < to; from++)
        if (b[from] != CANARY)
            return 0;
    return 1;
}

START_TEST(small_buffers_are_erange)
{
    struct tally t = TALLY_INIT;
    unsigned char buf[512];
    struct servent se;
    struct protoent pe;
    size_t len;
    int err, fitted = 0, glibc_fitted = 0;

    for (len = 0; len < 256; len++) {
        enum nss_status st;
        struct servent *sp;
        int rc;

        memset(buf, CANARY, sizeof buf);
        err = 0;
        st = _nss_portreg_getservbyname_r("http", "tcp", &se, (char *)buf, len, &err);
        TALLY(&t, untouched(buf, len, sizeof buf), "getservbyname_r buflen %zu", len);
        TALLY(&t, st == NSS_STATUS_SUCCESS || (st == NSS_STATUS_TRYAGAIN && err == ERANGE),
              "getservbyname_r buflen %zu: status %d errno %d", len, (int)st, err);
        if (st == NSS_STATUS_SUCCESS && !fitted++)
            TALLY(&t, strcmp(se.s_name, "http") == 0 && se.s_aliases[0] != NULL, "%zu", len);

        memset(buf, CANARY, sizeof buf);
        st = _nss_portreg_getservbyport_r((int)htons(6001), NULL, &se, (char *)buf, len, &err);
        TALLY(&t, untouched(buf, len, sizeof buf), "getservbyport_r buflen %zu", len);
        memset(buf, CANARY, sizeof buf);
        st = _nss_portreg_getprotobyname_r("ipv6-icmp", &pe, (char *)buf, len, &err);
        TALLY(&t, untouched(buf, len, sizeof buf), "getprotobyname_r buflen %zu", len);
        TALLY(&t, st == NSS_STATUS_SUCCESS || (st == NSS_STATUS_TRYAGAIN && err == ERANGE),
              "getprotobyname_r buflen %zu", len);
        memset(buf, CANARY, sizeof buf);
        st = _nss_portreg_getprotobynumber_r(50, &pe, (char *)buf, len, &err);
        TALLY(&t, untouched(buf, len, sizeof buf), "getprotobynumber_r buflen %zu", len);

        /* and through glibc, which reports ERANGE as its return value */
        memset(buf, CANARY, sizeof buf);
        sp = NULL;
        rc = getservbyname_r("http", "tcp", &se, (char *)buf, len, &sp);
        TALLY(&t, untouched(buf, len, sizeof buf), "glibc getservbyname_r buflen %zu", len);
        TALLY(&t, (rc == 0 && sp) || (rc == ERANGE && !sp), "glibc buflen %zu: %d", len, rc);
        glibc_fitted += rc == 0;
    }
    ck_assert_int_gt(fitted, 0);
    ck_assert_int_gt(glibc_fitted, 0);
    ck_assert_int_lt(fitted, 256);

    /* An enumeration retried after ERANGE gets the same entry. */
    _nss_portreg_setservent(0);
    ck_assert_int_eq(_nss_portreg_getservent_r(&se, (char *)buf, 4, &err), NSS_STATUS_TRYAGAIN);
    ck_assert_int_eq(err, ERANGE);
    ck_assert_int_eq(_nss_portreg_getservent_r(&se, (char *)buf, sizeof buf, &err),
                     NSS_STATUS_SUCCESS);
    ck_assert_int_eq(ntohs((uint16_t)se.s_port), 1);
    _nss_portreg_endservent();
    /* NULL buffer with a length, NULL name */
    ck_assert_int_eq(_nss_portreg_getservbyname_r("http", "tcp", &se, NULL, 100, &err),
                     NSS_STATUS_TRYAGAIN);
    ck_assert_int_eq(_nss_portreg_getservbyname_r(NULL, "tcp", &se, (char *)buf, 100, &err),
                     NSS_STATUS_NOTFOUND);
    ck_assert_int_eq(_nss_portreg_getprotobyname_r(NULL, &pe, (char *)buf, 100, &err),
                     NSS_STATUS_NOTFOUND);
    TALLY_VERDICT(&t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("nss");
    TCase *tc = tcase_create("nss");
    SRunner *sr;
    int failed;

    nss_test_enter("services: portreg\nprotocols: portreg\n");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, done_when_answers);
    tcase_add_test(tc, null_proto_takes_the_first_record);
    tcase_add_test(tc, every_entry_answers);
    tcase_add_test(tc, protocols_enumerate);
    tcase_add_test(tc, bad_input_is_not_found);
    tcase_add_test(tc, small_buffers_are_erange);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
