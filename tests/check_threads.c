/*
 * Concurrency: the library promises that every function is safe from any
 * thread (portreg.h).  8 threads each make at least 10^6 random lookups
 * and 10^6 random tuple operations over a shared set of inputs, and every
 * answer is compared with the answer computed for the same input on one
 * thread before the threads start.
 *
 * Run under ThreadSanitizer by .ci/tsan.sh.  PORTREG_THREAD_ITERATIONS
 * overrides the per-thread count (e.g. lower under valgrind).
 */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

#define THREADS 8
#define INPUTS 4096
#define DEFAULT_ITERATIONS 1000000L

/* ---- inputs and the answers expected for them ---- */

struct lookup_case {
    uint16_t port;
    unsigned protos;
    char name[80];
    /* expected */
    const portreg_entry *by_port;
    const portreg_entry *by_name;
    size_t port_all, name_all;
    portreg_status status;
    int svc_rc;
    uint16_t svc_port;
};

struct tuple_case {
    portreg_tuple t;
    unsigned hints;
    uint16_t seed;
    char text[200];
    /* expected */
    int rev_rc;
    portreg_tuple rev;
    int orient_rc;
    portreg_tuple orient;
    portreg_orientation why;
    int canon_rc;
    portreg_tuple canon;
    int canon_swapped;
    int cid_len;
    char cid[48];
    int fmt_len;
    char fmt[200];
    int parse_rc;
    portreg_tuple parsed;
};

static struct lookup_case lookups[INPUTS];
static struct tuple_case tuples[INPUTS];

static uint64_t next_random(uint64_t *s)
{
    /* xorshift64* */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

static void make_name(char *out, size_t cap, uint64_t *rng)
{
    uint64_t r = next_random(rng);
    size_t n = portreg_count();

    switch (r % 4) {
    case 0:
    case 1: { /* a registered name, case scrambled */
        const char *s = portreg_entry_name(portreg_at((size_t)(next_random(rng) % n)));
        size_t i;
        snprintf(out, cap, "%s", s);
        for (i = 0; out[i]; i++) {
            if ((next_random(rng) & 1) && out[i] >= 'a' && out[i] <= 'z')
                out[i] = (char)(out[i] - 'a' + 'A');
        }
        break;
    }
    case 2: { /* random bytes, any value but NUL */
        size_t len = (size_t)(next_random(rng) % (cap - 1)), i;
        for (i = 0; i < len; i++)
            out[i] = (char)(1 + next_random(rng) % 255);
        out[len] = '\0';
        break;
    }
    default: /* a number */
        snprintf(out, cap, "%lu", (unsigned long)(next_random(rng) % 70000));
        break;
    }
}

static void expect_lookup(struct lookup_case *c)
{
    c->by_port = portreg_lookup_port(c->port, c->protos);
    c->by_name = portreg_lookup_name(c->name, c->protos);
    c->port_all = portreg_lookup_port_all(c->port, c->protos, NULL, 0);
    c->name_all = portreg_lookup_name_all(c->name, c->protos, NULL, 0);
    c->status = portreg_port_status(c->port, c->protos);
    c->svc_port = 0;
    c->svc_rc = portreg_parse_service(&c->svc_port, c->name, c->protos);
}

static const uint8_t protos_seen[] = {6, 6, 6, 17, 17, 132, 33, 1, 58, 47, 0, 255};
static const uint16_t ports_seen[] = {80, 443, 22, 53, 6000, 6010, 18, 2438, 8080, 0, 65535};

static void make_tuple(struct tuple_case *c, uint64_t *rng)
{
    portreg_tuple *t = &c->t;
    size_t alen;
    size_t i;

    memset(t, 0, sizeof *t);
    t->family = (next_random(rng) % 16) == 0 ? 5 : (next_random(rng) & 1) ? 6 : 4;
    t->proto = (next_random(rng) % 8) ? protos_seen[next_random(rng) % sizeof protos_seen]
                                      : (uint8_t)next_random(rng);
    alen = t->family == 6 ? 16 : 4;
    for (i = 0; i < alen; i++) {
        /* few distinct bytes, so that equal addresses happen */
        t->src_addr[i] = (uint8_t)(next_random(rng) % 3);
        t->dst_addr[i] = (uint8_t)(next_random(rng) % 3);
    }
    if (next_random(rng) % 4 == 0)
        t->dst_addr[0] = 224; /* multicast */
    if (t->proto == 1 || t->proto == 58) {
        t->src_port = (uint16_t)(next_random(rng) % 256);
        t->dst_port = (uint16_t)(next_random(rng) % 16);
    } else if (t->proto == 6 || t->proto == 17 || t->proto == 132 || t->proto == 33) {
        t->src_port = (next_random(rng) & 1) ? ports_seen[next_random(rng) % 11]
                                             : (uint16_t)next_random(rng);
        t->dst_port = (next_random(rng) & 1) ? ports_seen[next_random(rng) % 11]
                                             : (uint16_t)next_random(rng);
    }
    c->hints = (unsigned)(next_random(rng) % 5);
    c->seed = (uint16_t)(next_random(rng) % 3);

    /* text to parse: the tuple's own, or that text damaged */
    if (portreg_tuple_format(t, c->text, sizeof c->text) < 0)
        snprintf(c->text, sizeof c->text, "tcp 10.0.0.%u:http -> 10.0.0.1:%u",
                 (unsigned)(next_random(rng) % 256), (unsigned)(next_random(rng) % 70000));
    if (next_random(rng) % 3 == 0) {
        size_t len = strlen(c->text);
        if (len > 0)
            c->text[next_random(rng) % len] = (char)(1 + next_random(rng) % 127);
    }
}

static void expect_tuple(struct tuple_case *c)
{
    memset(&c->rev, 0, sizeof c->rev);
    c->rev_rc = portreg_tuple_reverse(&c->rev, &c->t);
    memset(&c->orient, 0, sizeof c->orient);
    memset(&c->why, 0, sizeof c->why);
    c->orient_rc = portreg_tuple_orient(&c->orient, &c->t, c->hints, &c->why);
    memset(&c->canon, 0, sizeof c->canon);
    c->canon_swapped = -1;
    c->canon_rc = portreg_tuple_canonical(&c->canon, &c->t, &c->canon_swapped);
    c->cid[0] = '\0';
    c->cid_len = portreg_community_id(&c->t, c->seed, c->hints & 1 ? PORTREG_CID_HEX : 0,
                                      c->cid, sizeof c->cid);
    c->fmt[0] = '\0';
    c->fmt_len = portreg_tuple_format(&c->t, c->fmt, sizeof c->fmt);
    memset(&c->parsed, 0, sizeof c->parsed);
    c->parse_rc = portreg_tuple_parse(&c->parsed, c->text);
}

/* ---- the threads ---- */

struct worker {
    pthread_t thread;
    unsigned id;
    long iterations;
    long lookups, tuple_ops, mismatches;
    char first_mismatch[240];
};

static void mismatch(struct worker *w, const char *what, long i)
{
    if (w->mismatches++ == 0)
        snprintf(w->first_mismatch, sizeof w->first_mismatch, "thread %u, iteration %ld: %s",
                 w->id, i, what);
}

/* As mismatch(), naming the input (a name, shown as C escapes). */
static void mismatch_name(struct worker *w, const char *what, long i, const char *name,
                          unsigned protos)
{
    char shown[100];
    size_t n = 0;
    const unsigned char *p;

    if (w->mismatches == 0) {
        for (p = (const unsigned char *)name; *p && n + 5 < sizeof shown; p++)
            n += (size_t)snprintf(shown + n, sizeof shown - n,
                                  *p >= 0x20 && *p < 0x7f ? "%c" : "\\x%02x", *p);
        shown[n] = '\0';
        w->mismatches++;
        snprintf(w->first_mismatch, sizeof w->first_mismatch,
                 "thread %u, iteration %ld: %s(\"%s\", 0x%x)", w->id, i, what, shown, protos);
        return;
    }
    w->mismatches++;
}

static void do_lookup(struct worker *w, const struct lookup_case *c, long i)
{
    uint16_t port = 0;
    int rc;

    switch (i % 6) {
    case 0:
        if (portreg_lookup_port(c->port, c->protos) != c->by_port)
            mismatch(w, "lookup_port", i);
        break;
    case 1:
        if (portreg_lookup_name(c->name, c->protos) != c->by_name)
            mismatch_name(w, "lookup_name", i, c->name, c->protos);
        break;
    case 2:
        if (portreg_port_status(c->port, c->protos) != c->status)
            mismatch(w, "port_status", i);
        break;
    case 3:
        if (portreg_lookup_port_all(c->port, c->protos, NULL, 0) != c->port_all)
            mismatch(w, "lookup_port_all", i);
        break;
    case 4:
        if (portreg_lookup_name_all(c->name, c->protos, NULL, 0) != c->name_all)
            mismatch_name(w, "lookup_name_all", i, c->name, c->protos);
        break;
    default:
        rc = portreg_parse_service(&port, c->name, c->protos);
        if (rc != c->svc_rc || (rc == 0 && port != c->svc_port))
            mismatch_name(w, "parse_service", i, c->name, c->protos);
        break;
    }
    w->lookups++;
}

static void do_tuple(struct worker *w, const struct tuple_case *c, long i)
{
    portreg_tuple out;
    portreg_orientation why;
    char buf[200];
    int rc, swapped;

    memset(&out, 0, sizeof out);
    switch (i % 6) {
    case 0:
        rc = portreg_tuple_reverse(&out, &c->t);
        if (rc != c->rev_rc || memcmp(&out, &c->rev, sizeof out) != 0)
            mismatch(w, "tuple_reverse", i);
        break;
    case 1:
        memset(&why, 0, sizeof why);
        rc = portreg_tuple_orient(&out, &c->t, c->hints, &why);
        if (rc != c->orient_rc || memcmp(&out, &c->orient, sizeof out) != 0 ||
            memcmp(&why, &c->why, sizeof why) != 0)
            mismatch(w, "tuple_orient", i);
        break;
    case 2:
        swapped = -1;
        rc = portreg_tuple_canonical(&out, &c->t, &swapped);
        if (rc != c->canon_rc || swapped != c->canon_swapped || memcmp(&out, &c->canon, sizeof out) != 0)
            mismatch(w, "tuple_canonical", i);
        break;
    case 3:
        buf[0] = '\0';
        rc = portreg_community_id(&c->t, c->seed, c->hints & 1 ? PORTREG_CID_HEX : 0, buf,
                                  sizeof c->cid);
        if (rc != c->cid_len || strcmp(buf, c->cid) != 0)
            mismatch(w, "community_id", i);
        break;
    case 4:
        buf[0] = '\0';
        rc = portreg_tuple_format(&c->t, buf, sizeof c->fmt);
        if (rc != c->fmt_len || strcmp(buf, c->fmt) != 0)
            mismatch(w, "tuple_format", i);
        break;
    default:
        rc = portreg_tuple_parse(&out, c->text);
        if (rc != c->parse_rc || memcmp(&out, &c->parsed, sizeof out) != 0)
            mismatch(w, "tuple_parse", i);
        break;
    }
    w->tuple_ops++;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    uint64_t rng = UINT64_C(0x9e3779b97f4a7c15) * (w->id + 1);
    long i;

    for (i = 0; i < w->iterations; i++) {
        uint64_t r = next_random(&rng);
        /* the operation rotates with i, the input is random */
        do_lookup(w, &lookups[r % INPUTS], i);
        do_tuple(w, &tuples[(r >> 32) % INPUTS], i);
    }
    return NULL;
}

START_TEST(threads_agree_with_one_thread)
{
    struct worker workers[THREADS];
    uint64_t rng = 12345;
    const char *env = getenv("PORTREG_THREAD_ITERATIONS");
    long iterations = env ? atol(env) : DEFAULT_ITERATIONS;
    long lookups_done = 0, tuples_done = 0;
    unsigned i;

    if (iterations <= 0)
        iterations = DEFAULT_ITERATIONS;
    for (i = 0; i < INPUTS; i++) {
        lookups[i].port = (uint16_t)next_random(&rng);
        if (i % 2)
            lookups[i].port = ports_seen[i / 2 % 11];
        lookups[i].protos = (unsigned)(next_random(&rng) % 16);
        if (i % 7 == 0)
            lookups[i].protos |= 0xF0u; /* junk bits */
        make_name(lookups[i].name, sizeof lookups[i].name, &rng);
        expect_lookup(&lookups[i]);
        make_tuple(&tuples[i], &rng);
        expect_tuple(&tuples[i]);
    }

    for (i = 0; i < THREADS; i++) {
        memset(&workers[i], 0, sizeof workers[i]);
        workers[i].id = i;
        workers[i].iterations = iterations;
        ck_assert_int_eq(pthread_create(&workers[i].thread, NULL, work, &workers[i]), 0);
    }
    for (i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_join(workers[i].thread, NULL), 0);
    for (i = 0; i < THREADS; i++) {
        ck_assert_msg(workers[i].mismatches == 0, "%ld mismatches; first: %s",
                      workers[i].mismatches, workers[i].first_mismatch);
        lookups_done += workers[i].lookups;
        tuples_done += workers[i].tuple_ops;
    }
    printf("check_threads: %d threads, %ld lookups and %ld tuple operations, all as on one "
           "thread\n", THREADS, lookups_done, tuples_done);
    ck_assert_int_eq(lookups_done, THREADS * iterations);
    ck_assert_int_eq(tuples_done, THREADS * iterations);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("agreement");
    SRunner *sr;
    int failed;

    /* generous: under ThreadSanitizer this runs ~10x slower */
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, threads_agree_with_one_thread);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
