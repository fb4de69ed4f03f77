/*
 * portreg-bench: portreg against its peers, built from the same registry
 * in the same run (issue 5).  Not part of the test run:
 *
 *   cmake --build build --target bench && build/tests/bench/portreg-bench
 *
 * Options: --runs N (timed runs per method, default 7, at least 5),
 * --lookups N (per run, default 1000000), --glibc-lookups N (per run,
 * default 2000), --no-glibc, --no-startup, --only names|ports (to profile
 * one half, e.g. under perf).
 *
 * Method.  Queries are generated before timing from the registry itself
 * (portreg_at() and the accessors) with a fixed seed, and stored in arrays;
 * each timed run walks an array calling one method, adds every answer into
 * an accumulator kept in a register (an empty asm stops the compiler from
 * vectorising or dropping the calls) and stores it into a volatile sink.
 * Lookups are independent of each other, so this measures throughput, as
 * a server looking up many keys would see it.  Methods are interleaved
 * within each run so that drifting machine load hits all of them alike;
 * one warm-up round is discarded.  Times come from
 * clock_gettime(CLOCK_MONOTONIC).  Nothing is pinned.  Before timing, every
 * peer's answer to every query is checked against portreg's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <sched.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <portreg.h>

#include "alloc_count.h"
#include "bench_reg.h"
#ifdef BENCH_HAVE_NSS
#include "bench_nss.h"
#endif
#include "bench_util.h"
#include "direct_lib.h"
#ifdef BENCH_HAVE_GPERF
#include "bench_gperf.h"
#endif

#define BARRIER(x) __asm__ volatile("" : "+r"(x))

static volatile uintptr_t sink;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "portreg-bench: out of memory\n");
        exit(1);
    }
    return p;
}

/* Reproducible queries (bench_util.h). */
static uint64_t rng_state = BENCH_RNG_SEED;
static uint64_t rng(void)
{
    return bench_rng(&rng_state);
}
static size_t rng_below(size_t n)
{
    return (size_t)((rng() >> 11) % n);
}

/* ================================================================== */
/* Peers for names                                                      */
/* ================================================================== */

static struct bench_name *names;
static size_t name_count;

/* Folds at most PORTREG_NAME_MAX bytes into buf; returns the length or
 * (size_t)-1 when the name is empty or too long. */
static inline size_t fold_into(char *buf, const char *s)
{
    size_t n = 0;
    while (s[n]) {
        if (n >= 63)
            return (size_t)-1;
        buf[n] = bench_fold(s[n]);
        n++;
    }
    buf[n] = '\0';
    return n ? n : (size_t)-1;
}

/* ---- sorted array + bsearch(3) over the folded names ---- */

struct sorted_name {
    const char *folded;
    uint32_t rec;
};
static struct sorted_name *sorted_names;
static size_t sorted_names_bytes;

static int cmp_sorted_name(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const struct sorted_name *)elem)->folded);
}

static void build_sorted_names(void)
{
    size_t i;
    sorted_names = xmalloc(name_count * sizeof *sorted_names);
    sorted_names_bytes = name_count * sizeof *sorted_names;
    for (i = 0; i < name_count; i++) { /* bench_names() sorts by folded name */
        sorted_names[i].folded = names[i].folded;
        sorted_names[i].rec = names[i].rec;
        sorted_names_bytes += strlen(names[i].folded) + 1;
    }
}

static inline const struct sorted_name *bsearch_name(const char *s)
{
    char buf[64];
    if (fold_into(buf, s) == (size_t)-1)
        return NULL;
    return bsearch(buf, sorted_names, name_count, sizeof *sorted_names, cmp_sorted_name);
}

/* ---- open addressing: FNV-1a over the folded name, linear probing ---- */

struct oa_slot {
    uint32_t key; /* offset + 1 into oa_pool of the folded name; 0 = empty */
    uint32_t rec;
};
static struct oa_slot *oa_slots;
static char *oa_pool;
static uint32_t oa_mask;
static size_t oa_bytes;

static void build_oa(void)
{
    size_t cap = 16, pool_len = 0, i;
    while (cap < 2 * name_count) /* load factor at most 1/2 */
        cap *= 2;
    oa_mask = (uint32_t)(cap - 1);
    oa_slots = calloc(cap, sizeof *oa_slots);
    for (i = 0; i < name_count; i++)
        pool_len += strlen(names[i].folded) + 1;
    oa_pool = xmalloc(pool_len);
    if (!oa_slots) {
        fprintf(stderr, "portreg-bench: out of memory\n");
        exit(1);
    }
    oa_bytes = cap * sizeof *oa_slots + pool_len;
    pool_len = 0;
    for (i = 0; i < name_count; i++) {
        const char *k = names[i].folded;
        uint32_t h = 2166136261u;
        const char *p;
        for (p = k; *p; p++)
            h = (h ^ (unsigned char)*p) * 16777619u;
        h &= oa_mask;
        while (oa_slots[h].key)
            h = (h + 1) & oa_mask;
        memcpy(oa_pool + pool_len, k, strlen(k) + 1);
        oa_slots[h].key = (uint32_t)pool_len + 1;
        oa_slots[h].rec = names[i].rec;
        pool_len += strlen(k) + 1;
    }
}

static inline const struct oa_slot *oa_lookup(const char *s)
{
    char buf[64];
    uint32_t h = 2166136261u;
    size_t n = 0;
    while (s[n]) {
        char c;
        if (n >= 63)
            return NULL;
        c = bench_fold(s[n]);
        buf[n++] = c;
        h = (h ^ (unsigned char)c) * 16777619u;
    }
    if (!n)
        return NULL;
    buf[n] = '\0';
    for (h &= oa_mask; oa_slots[h].key; h = (h + 1) & oa_mask)
        if (strcmp(oa_pool + oa_slots[h].key - 1, buf) == 0)
            return &oa_slots[h];
    return NULL;
}

/* ================================================================== */
/* Peers for ports                                                      */
/* ================================================================== */

struct port_query {
    uint16_t port;
    uint16_t proto; /* one PORTREG_* flag */
};

static uint16_t (*port_table)[65536]; /* [protocol index][port] -> record + 1 */

struct sorted_port {
    uint32_t key; /* port << 4 | protocol flag */
    uint32_t rec;
};
static struct sorted_port *sorted_ports;
static size_t sorted_port_count;

static int cmp_sorted_port(const void *key, const void *elem)
{
    uint32_t a = *(const uint32_t *)key, b = ((const struct sorted_port *)elem)->key;
    return a < b ? -1 : a > b;
}

static void build_ports(void)
{
    unsigned p, port;
    port_table = xmalloc(sizeof(uint16_t) * 4 * 65536);
    bench_port_table(port_table);
    for (p = 0; p < 4; p++)
        for (port = 0; port < 65536; port++)
            bench_direct_set(p, (uint16_t)port, port_table[p][port]);
    sorted_ports = xmalloc(sizeof *sorted_ports * 4 * 65536);
    for (port = 0; port < 65536; port++)
        for (p = 0; p < 4; p++)
            if (port_table[p][port]) {
                sorted_ports[sorted_port_count].key = port << 4 | 1u << p;
                sorted_ports[sorted_port_count].rec = port_table[p][port] - 1u;
                sorted_port_count++;
            }
}

static inline unsigned proto_index(unsigned proto)
{
    return (unsigned)__builtin_ctz(proto);
}

static inline const struct sorted_port *bsearch_port(struct port_query q)
{
    uint32_t key = (uint32_t)q.port << 4 | q.proto;
    return bsearch(&key, sorted_ports, sorted_port_count, sizeof *sorted_ports,
                   cmp_sorted_port);
}

/* ================================================================== */
/* Timed loops                                                          */
/* ================================================================== */

#define NAME_LOOP(fn, EXPR)                                                    \
    static double fn(const char *const *q, size_t n)                           \
    {                                                                          \
        uintptr_t acc = 0;                                                     \
        size_t i;                                                              \
        double t0 = bench_now_ns(), t1;                                              \
        for (i = 0; i < n; i++) {                                              \
            const char *s = q[i];                                              \
            acc += (uintptr_t)(EXPR);                                          \
            BARRIER(acc);                                                      \
        }                                                                      \
        t1 = bench_now_ns();                                                         \
        sink += acc;                                                           \
        return (t1 - t0) / (double)n;                                          \
    }

#define PORT_LOOP(fn, EXPR)                                                    \
    static double fn(const struct port_query *q, size_t n)                     \
    {                                                                          \
        uintptr_t acc = 0;                                                     \
        size_t i;                                                              \
        double t0 = bench_now_ns(), t1;                                              \
        for (i = 0; i < n; i++) {                                              \
            struct port_query k = q[i];                                        \
            acc += (uintptr_t)(EXPR);                                          \
            BARRIER(acc);                                                      \
        }                                                                      \
        t1 = bench_now_ns();                                                         \
        sink += acc;                                                           \
        return (t1 - t0) / (double)n;                                          \
    }

static const struct servent *glibc_byname(const char *s)
{
    static struct servent se;
    static char buf[4096];
    struct servent *res = NULL;
    if (getservbyname_r(s, NULL, &se, buf, sizeof buf, &res) != 0)
        return NULL;
    return res;
}

static const struct servent *glibc_byport(struct port_query k)
{
    static struct servent se;
    static char buf[4096];
    struct servent *res = NULL;
    if (getservbyport_r(htons(k.port), portreg_proto_name(k.proto), &se, buf, sizeof buf,
                        &res) != 0)
        return NULL;
    return res;
}

NAME_LOOP(time_name_portreg, portreg_lookup_name(s, PORTREG_ANY))
#ifdef BENCH_HAVE_GPERF
NAME_LOOP(time_name_gperf, bench_gperf_lookup(s, strlen(s)))
#endif
NAME_LOOP(time_name_bsearch, bsearch_name(s))
NAME_LOOP(time_name_oa, oa_lookup(s))
NAME_LOOP(time_name_glibc, glibc_byname(s))
NAME_LOOP(time_name_empty, s)

PORT_LOOP(time_port_portreg, portreg_lookup_port(k.port, k.proto))
PORT_LOOP(time_port_bsearch, bsearch_port(k))
PORT_LOOP(time_port_direct, port_table[proto_index(k.proto)][k.port])
PORT_LOOP(time_port_direct_call, bench_direct_lookup(k.port, k.proto))
PORT_LOOP(time_port_glibc, glibc_byport(k))
PORT_LOOP(time_port_empty, k.port + k.proto)

/* Answers as record indexes (-1 for none), for the check against portreg. */
static long rec_of(const portreg_entry *e)
{
    return e ? (long)portreg_entry_index(e) : -1;
}

static long answer_name(int method, const char *s)
{
    switch (method) {
    case 0:
        return rec_of(portreg_lookup_name(s, PORTREG_ANY));
#ifdef BENCH_HAVE_GPERF
    case 1: {
        const struct bench_gperf_entry *e = bench_gperf_lookup(s, strlen(s));
        return e ? (long)bench_gperf_record(e) : -1;
    }
#endif
    case 2: {
        const struct sorted_name *e = bsearch_name(s);
        return e ? (long)e->rec : -1;
    }
    case 3: {
        const struct oa_slot *e = oa_lookup(s);
        return e ? (long)e->rec : -1;
    }
    }
    return -2;
}

static long answer_port(int method, struct port_query k)
{
    switch (method) {
    case 0:
        return rec_of(portreg_lookup_port(k.port, k.proto));
    case 2: {
        const struct sorted_port *e = bsearch_port(k);
        return e ? (long)e->rec : -1;
    }
    case 3: /* M_TABLE */
        return (long)port_table[proto_index(k.proto)][k.port] - 1;
    case 4: /* M_TABLE_CALL */
        return (long)bench_direct_lookup(k.port, k.proto) - 1;
    }
    return -2;
}

/* ================================================================== */
/* Methods and workloads                                                */
/* ================================================================== */

/* M_TABLE_CALL: the direct table behind a function in a shared library,
 * the floor for a library call; M_TABLE inlines it into the loop. */
enum { M_PORTREG, M_GPERF, M_BSEARCH, M_TABLE, M_TABLE_CALL, M_GLIBC, M_EMPTY, M_COUNT };

struct method {
    const char *name;
    double (*time_names)(const char *const *, size_t);
    double (*time_ports)(const struct port_query *, size_t);
};

static const struct method name_methods[M_COUNT] = {
    {"portreg", time_name_portreg, NULL},
#ifdef BENCH_HAVE_GPERF
    {"gperf %pic %ignore-case", time_name_gperf, NULL},
#else
    {"gperf (not installed)", NULL, NULL},
#endif
    {"sorted array + bsearch", time_name_bsearch, NULL},
    {"open addressing FNV-1a", time_name_oa, NULL},
    {NULL, NULL, NULL}, /* no library-call table row for names */
    {"glibc getservbyname_r", time_name_glibc, NULL},
    {"empty loop", time_name_empty, NULL},
};

static const struct method port_methods[M_COUNT] = {
    {"portreg", NULL, time_port_portreg},
    {NULL, NULL, NULL}, /* no gperf row for ports */
    {"sorted array + bsearch", NULL, time_port_bsearch},
    {"direct uint16_t[4][65536], inlined", NULL, time_port_direct},
    {"direct uint16_t[4][65536], library call", NULL, time_port_direct_call},
    {"glibc getservbyport_r", NULL, time_port_glibc},
    {"empty loop", NULL, time_port_empty},
};

enum { W_NAME_HIT, W_NAME_MISS, W_NAME_CASE, W_PORT_HIT, W_PORT_MISS, W_COUNT };

static const char *const workload_names[W_COUNT] = {
    "names, hits", "names, 50% misses", "names, mixed case", "ports, hits",
    "ports, 50% misses"};

struct result {
    int measured;
    double median, min, max;
    size_t lookups, runs;
    double answered; /* fraction of queries answered */
};

static struct result results[W_COUNT][M_COUNT];
static size_t method_bytes[W_COUNT][M_COUNT];

static const char **name_queries[3];
static struct port_query *port_queries[2];
static size_t lookups = 1000000, runs = 7, glibc_lookups = 2000, glibc_runs = 5;

static int is_name_workload(int w)
{
    return w <= W_NAME_CASE;
}

static const struct method *method_of(int w, int m)
{
    return is_name_workload(w) ? &name_methods[m] : &port_methods[m];
}

static int method_present(int w, int m)
{
    const struct method *me = method_of(w, m);
    return is_name_workload(w) ? me->time_names != NULL : me->time_ports != NULL;
}

static double time_method(int w, int m, size_t n)
{
    const struct method *me = method_of(w, m);
    if (is_name_workload(w))
        return me->time_names(name_queries[w], n);
    return me->time_ports(port_queries[w - W_PORT_HIT], n);
}

/* ---- query generation ---- */

static int registered_name(const char *s)
{
    char buf[64];
    if (fold_into(buf, s) == (size_t)-1)
        return 0;
    return bsearch(buf, sorted_names, name_count, sizeof *sorted_names, cmp_sorted_name) != NULL;
}

/* A plausible name that is not registered: one edit of a registered one. */
static char *mutated_name(void)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
    char buf[80];
    for (;;) {
        const char *base = names[rng_below(name_count)].name;
        size_t len = strlen(base), pos = rng_below(len);
        char c = alphabet[rng_below(sizeof alphabet - 1)];
        memcpy(buf, base, len + 1);
        switch (rng_below(4)) {
        case 0: /* substitute */
            buf[pos] = c;
            break;
        case 1: /* insert */
            memmove(buf + pos + 1, buf + pos, len - pos + 1);
            buf[pos] = c;
            break;
        case 2: /* delete */
            if (len < 2)
                continue;
            memmove(buf + pos, buf + pos + 1, len - pos);
            break;
        default: /* append a digit, as versioned names do */
            buf[len] = (char)('0' + rng_below(10));
            buf[len + 1] = '\0';
            break;
        }
        if (strlen(buf) <= 63 && !registered_name(buf)) {
            char *p = xmalloc(strlen(buf) + 1);
            memcpy(p, buf, strlen(buf) + 1);
            return p;
        }
    }
}

static char *mixed_case(const char *s)
{
    size_t len = strlen(s), i;
    char *p = xmalloc(len + 1);
    for (i = 0; i <= len; i++) {
        char c = bench_fold(s[i]);
        if (c >= 'a' && c <= 'z' && (rng() >> 63))
            c = (char)(c - ('a' - 'A'));
        p[i] = c;
    }
    return p;
}

static void make_queries(void)
{
    size_t i, pool = name_count;
    char **misses = xmalloc(pool * sizeof *misses), **cased = xmalloc(4 * pool * sizeof *cased);
    struct port_query *hits_pool = xmalloc(sizeof *hits_pool * 4 * 65536);
    size_t hit_pairs = 0;
    unsigned p, port;

    for (i = 0; i < pool; i++)
        misses[i] = mutated_name();
    for (i = 0; i < 4 * pool; i++)
        cased[i] = mixed_case(names[i % pool].name);
    for (i = 0; i < 3; i++)
        name_queries[i] = xmalloc(lookups * sizeof(char *));
    for (i = 0; i < lookups; i++) {
        name_queries[W_NAME_HIT][i] = names[rng_below(name_count)].name;
        name_queries[W_NAME_MISS][i] =
            (rng() >> 63) ? names[rng_below(name_count)].name : misses[rng_below(pool)];
        name_queries[W_NAME_CASE][i] = cased[rng_below(4 * pool)];
    }

    for (port = 0; port < 65536; port++)
        for (p = 0; p < 4; p++)
            if (port_table[p][port]) {
                hits_pool[hit_pairs].port = (uint16_t)port;
                hits_pool[hit_pairs].proto = (uint16_t)(1u << p);
                hit_pairs++;
            }
    port_queries[0] = xmalloc(lookups * sizeof(struct port_query));
    port_queries[1] = xmalloc(lookups * sizeof(struct port_query));
    for (i = 0; i < lookups; i++) {
        port_queries[0][i] = hits_pool[rng_below(hit_pairs)];
        if (rng() >> 63) {
            port_queries[1][i] = hits_pool[rng_below(hit_pairs)];
        } else {
            struct port_query k;
            do {
                k.port = (uint16_t)rng_below(65536);
                k.proto = (uint16_t)(1u << rng_below(4));
            } while (port_table[proto_index(k.proto)][k.port]);
            port_queries[1][i] = k;
        }
    }
    free(hits_pool);
    printf("queries: %zu distinct names, %zu mutated non-names, %zu mixed-case variants, "
           "%zu registered (port, protocol) pairs; %zu lookups per run\n",
           name_count, pool, 4 * pool, hit_pairs, lookups);
    /* misses and cased stay alive: the query arrays point into them */
}

/* Every peer must give portreg's answer to every query. */
static void verify(void)
{
    int w, m;
    for (w = 0; w < W_COUNT; w++) {
        size_t i, answered[M_COUNT] = {0};
        for (m = 0; m < M_COUNT; m++) {
            if (m == M_GLIBC || m == M_EMPTY || !method_present(w, m))
                continue;
            for (i = 0; i < lookups; i++) {
                long ref, got;
                if (is_name_workload(w)) {
                    ref = answer_name(M_PORTREG, name_queries[w][i]);
                    got = answer_name(m, name_queries[w][i]);
                } else {
                    ref = answer_port(M_PORTREG, port_queries[w - W_PORT_HIT][i]);
                    got = answer_port(m, port_queries[w - W_PORT_HIT][i]);
                }
                if (got != ref) {
                    fprintf(stderr, "portreg-bench: %s disagrees with portreg on %s query %zu "
                                    "(%s): %ld vs %ld\n",
                            method_of(w, m)->name, workload_names[w], i,
                            is_name_workload(w) ? name_queries[w][i] : "port", got, ref);
                    exit(1);
                }
                answered[m] += got >= 0;
            }
            results[w][m].answered = (double)answered[m] / (double)lookups;
        }
    }
}

/* ---- timing ---- */

static void summarise(struct result *r, double *v, size_t n, size_t per_run)
{
    r->measured = 1;
    r->runs = n;
    r->lookups = per_run;
    r->median = bench_median(v, n);
    r->min = v[0];
    r->max = v[n - 1];
}

static unsigned long portreg_allocs;
static int only; /* 0 all workloads, 1 names, 2 ports (--only, for profiling) */

static int workload_selected(int w)
{
    return !only || (only == 1) == is_name_workload(w);
}

static void time_fast_methods(void)
{
    int w, m;
    double *v = xmalloc(sizeof(double) * M_COUNT * runs);
    size_t r;

    for (w = 0; w < W_COUNT; w++) {
        if (!workload_selected(w))
            continue;
        for (m = 0; m < M_COUNT; m++) /* warm-up round, discarded */
            if (m != M_GLIBC && method_present(w, m))
                (void)time_method(w, m, lookups);
        for (r = 0; r < runs; r++)
            for (m = 0; m < M_COUNT; m++) {
                if (m == M_GLIBC || !method_present(w, m))
                    continue;
                if (m == M_PORTREG)
                    alloc_count_start();
                v[m * runs + r] = time_method(w, m, lookups);
                if (m == M_PORTREG)
                    portreg_allocs += alloc_count_stop();
            }
        for (m = 0; m < M_COUNT; m++)
            if (m != M_GLIBC && method_present(w, m))
                summarise(&results[w][m], v + m * runs, runs, lookups);
    }
    free(v);
}

/* ---- glibc, in a child with the generated file over /etc/services ---- */

static char glibc_file_used[256] = "not measured";

struct glibc_report {
    char file_used[256];
    double ns[W_COUNT][16];
    double answered[W_COUNT];
};

static void glibc_child(int fd, const char *generated)
{
    struct glibc_report rep;
    int w;
    size_t r, i;
    struct stat a, b;

    memset(&rep, 0, sizeof rep);
    snprintf(rep.file_used, sizeof rep.file_used,
             "system /etc/services (not root, or no mount namespace)");
    if (geteuid() == 0) {
        if (unshare(CLONE_NEWNS) != 0)
            snprintf(rep.file_used, sizeof rep.file_used,
                     "system /etc/services (unshare(CLONE_NEWNS): %s)", strerror(errno));
        else if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
                 mount(generated, "/etc/services", NULL, MS_BIND, NULL) != 0)
            snprintf(rep.file_used, sizeof rep.file_used, "system /etc/services (mount: %s)",
                     strerror(errno));
        else if (stat(generated, &a) == 0 && stat("/etc/services", &b) == 0 &&
                 a.st_ino == b.st_ino && a.st_dev == b.st_dev)
            snprintf(rep.file_used, sizeof rep.file_used,
                     "generated file (%lld bytes) bind-mounted over /etc/services "
                     "in a private mount namespace",
                     (long long)a.st_size);
    }
    for (w = 0; w < W_COUNT; w++) {
        size_t hits = 0;
        if (!workload_selected(w))
            continue;
        (void)time_method(w, M_GLIBC, glibc_lookups / 10 + 1); /* warm-up */
        for (r = 0; r < glibc_runs && r < 16; r++)
            rep.ns[w][r] = time_method(w, M_GLIBC, glibc_lookups);
        for (i = 0; i < glibc_lookups; i++)
            hits += is_name_workload(w)
                        ? glibc_byname(name_queries[w][i]) != NULL
                        : glibc_byport(port_queries[w - W_PORT_HIT][i]) != NULL;
        rep.answered[w] = (double)hits / (double)glibc_lookups;
    }
    if (write(fd, &rep, sizeof rep) != (ssize_t)sizeof rep)
        _exit(1);
    _exit(0);
}

static long services_bytes;

static void time_glibc(const char *dir)
{
    char path[512];
    FILE *f;
    long lines;
    int fds[2], w, status;
    pid_t pid;
    struct glibc_report rep;
    struct stat st;
    size_t got = 0;

    snprintf(path, sizeof path, "%s/services", dir);
    f = fopen(path, "w");
    if (!f || (lines = bench_write_services(f)) < 0 || fclose(f) != 0) {
        fprintf(stderr, "portreg-bench: cannot write %s\n", path);
        return;
    }
    if (stat(path, &st) == 0)
        services_bytes = (long)st.st_size;
    printf("glibc: generated services file: %ld lines, %ld bytes; %zu lookups x %zu runs "
           "per workload (glibc is far slower, so far fewer lookups)\n",
           lines, services_bytes, glibc_lookups, glibc_runs);
    fflush(stdout);
    if (pipe(fds) != 0)
        return;
    pid = fork();
    if (pid < 0)
        return;
    if (pid == 0) {
        close(fds[0]);
        glibc_child(fds[1], path);
    }
    close(fds[1]);
    while (got < sizeof rep) {
        ssize_t n = read(fds[0], (char *)&rep + got, sizeof rep - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fds[0]);
    waitpid(pid, &status, 0);
    if (got != sizeof rep) {
        fprintf(stderr, "portreg-bench: the glibc child failed\n");
        return;
    }
    memcpy(glibc_file_used, rep.file_used, sizeof glibc_file_used);
    for (w = 0; w < W_COUNT; w++) {
        if (!workload_selected(w))
            continue;
        summarise(&results[w][M_GLIBC], rep.ns[w], glibc_runs < 16 ? glibc_runs : 16,
                  glibc_lookups);
        results[w][M_GLIBC].answered = rep.answered[w];
        method_bytes[w][M_GLIBC] = (size_t)services_bytes;
    }
}

/* ================================================================== */
/* Build artefacts: compiler, library, start-up                         */
/* ================================================================== */

/* Runs a shell command and returns its whole stdout (static buffer). */
static const char *capture(const char *cmd)
{
    static char out[1 << 16];
    size_t n = 0;
    FILE *p = popen(cmd, "r");
    out[0] = '\0';
    if (!p)
        return out;
    while (n + 1 < sizeof out) {
        size_t k = fread(out + n, 1, sizeof out - 1 - n, p);
        if (k == 0)
            break;
        n += k;
    }
    out[n] = '\0';
    pclose(p);
    return out;
}

static double compile_median = -1, index_per_key = -1;
static long bytes_port_index = -1, bytes_name_index = -1;
static double with_runs_per_key = -1;

/* The number printed right before `suffix` in `line`, or -1. */
static double number_before(const char *line, const char *suffix)
{
    const char *e = strstr(line, suffix), *b;
    if (!e)
        return -1;
    for (b = e; b > line && b[-1] != ' ' && b[-1] != '('; b--)
        ;
    return strtod(b, NULL);
}
static long compiled_names = -1, compiled_ports = -1;
static char compile_line[2][512];

static void measure_compiler(const char *dir)
{
    double t[5];
    int i;
    char cmd[2048];
    for (i = 0; i < 5; i++) {
        const char *out, *nl;
        double t0 = bench_now_ns();
        snprintf(cmd, sizeof cmd, "'%s' '%s' '%s/table.c'", BENCH_COMPILER, BENCH_REGISTRY, dir);
        out = capture(cmd);
        t[i] = (bench_now_ns() - t0) / 1e9;
        nl = strchr(out, '\n');
        if (!nl)
            continue;
        snprintf(compile_line[0], sizeof compile_line[0], "%.*s", (int)(nl - out), out);
        snprintf(compile_line[1], sizeof compile_line[1], "%s", nl + 1);
        if (strchr(compile_line[1], '\n'))
            *strchr(compile_line[1], '\n') = '\0';
    }
    compile_median = bench_median(t, 5);
    {
        const char *s;
        if ((s = strstr(compile_line[0], "distinct names")) != NULL) {
            const char *c = strstr(compile_line[0], "named), ");
            if (c)
                compiled_names = strtol(c + 8, NULL, 10);
            c = strstr(compile_line[0], "names, ");
            if (c)
                compiled_ports = strtol(c + 7, NULL, 10);
        }
        if ((s = strstr(compile_line[1], "port index ")) != NULL)
            bytes_port_index = strtol(s + 11, NULL, 10);
        if ((s = strstr(compile_line[1], "name index ")) != NULL)
            bytes_name_index = strtol(s + 11, NULL, 10);
        index_per_key = number_before(compile_line[1], " index bytes per key");
        with_runs_per_key = number_before(compile_line[1], " bytes per key with the index");
    }
}

static long lib_text = -1, lib_data = -1, lib_bss = -1, lib_file = -1, lib_stripped = -1;
static long relocs_dyn = -1, relocs_plt = -1;
static char plt_symbols[2048];
static char port_lookup_build[256]; /* how portreg_lookup_port is bound */
static long init_array_entries = -1, portreg_ctor_objects = 0, objects_checked = 0;
static char init_array_symbols[512];

static void measure_library(const char *dir)
{
    char cmd[2048];
    const char *out, *s;
    struct stat st;

    snprintf(cmd, sizeof cmd, "size '%s' | tail -1", BENCH_LIBRARY);
    out = capture(cmd);
    sscanf(out, "%ld %ld %ld", &lib_text, &lib_data, &lib_bss);
    if (stat(BENCH_LIBRARY, &st) == 0)
        lib_file = (long)st.st_size;
    snprintf(cmd, sizeof cmd, "strip -o '%s/stripped.so' '%s' && wc -c < '%s/stripped.so'", dir,
             BENCH_LIBRARY, dir);
    out = capture(cmd);
    if (*out)
        lib_stripped = strtol(out, NULL, 10);

    /* Dynamic relocations, per section: "Relocation section '.rela.dyn' ...
     * contains N entries". */
    snprintf(cmd, sizeof cmd, "readelf -rW '%s'", BENCH_LIBRARY);
    out = capture(cmd);
    if ((s = strstr(out, "'.rela.dyn'")) != NULL && (s = strstr(s, "contains ")) != NULL)
        relocs_dyn = strtol(s + 9, NULL, 10);
    else
        relocs_dyn = 0;
    if ((s = strstr(out, "'.rela.plt'")) != NULL && (s = strstr(s, "contains ")) != NULL)
        relocs_plt = strtol(s + 9, NULL, 10);
    else
        relocs_plt = 0;
    snprintf(cmd, sizeof cmd,
             "readelf -rW '%s' | awk '/JUMP_SLOT/ {sub(/@.*/, \"\", $5); printf \"%%s \", $5}'",
             BENCH_LIBRARY);
    snprintf(plt_symbols, sizeof plt_symbols, "%s", capture(cmd));

    /* An IFUNC symbol is bound at load time to the baseline or the POPCNT
     * build (lib/registry/lookup_port.c); which one follows from the CPU. */
    snprintf(cmd, sizeof cmd,
             "readelf -W --dyn-syms '%s' | awk '$8 ~ /^portreg_lookup_port@/ {print $4; exit}'",
             BENCH_LIBRARY);
    out = capture(cmd);
    if (strncmp(out, "IFUNC", 5) == 0)
        snprintf(port_lookup_build, sizeof port_lookup_build,
                 "indirect function, bound at load time to the %s build",
#if defined(__x86_64__)
                 __builtin_cpu_supports("popcnt") ? "POPCNT" : "baseline");
#else
                 "baseline");
#endif
    else
        snprintf(port_lookup_build, sizeof port_lookup_build,
                 "one build (no load-time choice), %s",
                 strncmp(out, "FUNC", 4) == 0 ? "as compiled" : "symbol not found");

    /* .init_array entries of the library, named through the relocations
     * that fill them and the symbol table. */
    init_array_entries = 0;
    init_array_symbols[0] = '\0';
    {
        unsigned long ia_addr = 0, ia_size = 0;
        unsigned long addends[16];
        size_t n_addends = 0, k;
        char line[1024];
        FILE *p;

        snprintf(cmd, sizeof cmd, "readelf -SW '%s'", BENCH_LIBRARY);
        p = popen(cmd, "r");
        while (p && fgets(line, sizeof line, p)) {
            char name[64], type[64];
            const char *q = strchr(line, ']');
            if (q && sscanf(q + 1, "%63s %63s %lx %*x %lx", name, type, &ia_addr, &ia_size) == 4 &&
                strcmp(name, ".init_array") == 0)
                break;
            ia_addr = ia_size = 0;
        }
        if (p)
            pclose(p);
        init_array_entries = (long)(ia_size / sizeof(void *));
        snprintf(cmd, sizeof cmd, "readelf -rW '%s'", BENCH_LIBRARY);
        p = ia_size ? popen(cmd, "r") : NULL;
        while (p && fgets(line, sizeof line, p)) {
            unsigned long off, info, addend;
            char type[64];
            if (sscanf(line, "%lx %lx %63s %lx", &off, &info, type, &addend) == 4 &&
                strcmp(type, "R_X86_64_RELATIVE") == 0 && off >= ia_addr &&
                off < ia_addr + ia_size && n_addends < 16)
                addends[n_addends++] = addend;
        }
        if (p)
            pclose(p);
        snprintf(cmd, sizeof cmd, "nm '%s'", BENCH_LIBRARY);
        p = n_addends ? popen(cmd, "r") : NULL;
        while (p && fgets(line, sizeof line, p)) {
            unsigned long addr;
            char t, sym[256];
            if (sscanf(line, "%lx %c %255s", &addr, &t, sym) != 3)
                continue;
            for (k = 0; k < n_addends; k++)
                if (addends[k] == addr) {
                    size_t used = strlen(init_array_symbols);
                    snprintf(init_array_symbols + used, sizeof init_array_symbols - used, "%s%s",
                             used ? " " : "", sym);
                }
        }
        if (p)
            pclose(p);
    }

    /* Constructors in portreg's own objects. */
    snprintf(cmd, sizeof cmd,
             "n=0; c=0; while read o; do [ -n \"$o\" ] || continue; n=$((n+1)); "
             "if readelf -SW \"$o\" | grep -qE '\\.(init_array|ctors|preinit_array)'; then "
             "c=$((c+1)); fi; done < '%s'; echo $n $c",
             BENCH_OBJECTS_LIST);
    out = capture(cmd);
    sscanf(out, "%ld %ld", &objects_checked, &portreg_ctor_objects);
}

/* Start-up: spawn/exec of three tiny programs, alternated: no library,
 * a one-function library, libportreg.so. */
static double startup_plain[3] = {-1, -1, -1}, startup_portreg[3] = {-1, -1, -1},
              startup_empty_lib[3] = {-1, -1, -1};
static size_t startup_runs = 300;

/* posix_spawn (vfork-like in glibc), so that the cost does not grow with
 * this process's size as fork's page-table copy would. */
static double run_once(const char *path)
{
    char *const args[] = {(char *)path, NULL};
    double t0 = bench_now_ns();
    int status;
    pid_t pid;
    if (posix_spawn(&pid, path, NULL, NULL, args, environ) != 0 ||
        waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "portreg-bench: %s failed\n", path);
        exit(1);
    }
    return (bench_now_ns() - t0) / 1e3;
}

static void quartiles(double *v, size_t n, double q[3])
{
    q[1] = bench_median(v, n);
    q[0] = v[n / 4];
    q[2] = v[(3 * n) / 4];
}

static void measure_startup(void)
{
    double *a = xmalloc(startup_runs * sizeof(double)), *b = xmalloc(startup_runs * sizeof(double));
    double *c = xmalloc(startup_runs * sizeof(double));
    size_t i;
    for (i = 0; i < 20; i++) { /* warm-up */
        run_once(BENCH_STARTUP_PLAIN);
        run_once(BENCH_STARTUP_EMPTY_LIB);
        run_once(BENCH_STARTUP_PORTREG);
    }
    for (i = 0; i < startup_runs; i++) {
        a[i] = run_once(BENCH_STARTUP_PLAIN);
        c[i] = run_once(BENCH_STARTUP_EMPTY_LIB);
        b[i] = run_once(BENCH_STARTUP_PORTREG);
    }
    quartiles(a, startup_runs, startup_plain);
    quartiles(b, startup_runs, startup_portreg);
    quartiles(c, startup_runs, startup_empty_lib);
    free(a);
    free(b);
    free(c);
}

/* ================================================================== */
/* Report                                                               */
/* ================================================================== */

static void print_table(void)
{
    int w, m;
    printf("\n| workload | method | lookups x runs | median ns/lookup | min-max ns | "
           "time / portreg | answered | table bytes |\n");
    printf("|---|---|---|---:|---:|---:|---:|---:|\n");
    for (w = 0; w < W_COUNT; w++) {
        double base = results[w][M_PORTREG].median;
        for (m = 0; m < M_COUNT; m++) {
            const struct result *r = &results[w][m];
            const char *name = method_of(w, m)->name;
            char bytes[32] = "-", answered[16] = "-";
            if (!name)
                continue;
            if (!r->measured) {
                printf("| %s | %s | not measured | | | | | |\n", workload_names[w], name);
                continue;
            }
            if (method_bytes[w][m])
                snprintf(bytes, sizeof bytes, "%zu", method_bytes[w][m]);
            if (m != M_EMPTY)
                snprintf(answered, sizeof answered, "%.1f%%", 100 * r->answered);
            printf("| %s | %s | %zu x %zu | %.2f | %.2f-%.2f | %.2f | %s | %s |\n",
                   workload_names[w], name, r->lookups, r->runs, r->median, r->min, r->max,
                   r->median / base, answered, bytes);
        }
    }
}

static const char *verdict(int ok)
{
    return ok ? "MET" : "NOT MET";
}

static double ratio(int w, int m)
{
    return results[w][m].median / results[w][M_PORTREG].median;
}

static void print_targets(void)
{
    const struct result *R[W_COUNT];
    int w, glibc_full = strncmp(glibc_file_used, "generated", 9) == 0;
    double floor_ratio_hit, floor_ratio_miss, startup_delta, startup_iqr;
    long relocs = relocs_dyn + relocs_plt;

    for (w = 0; w < W_COUNT; w++)
        R[w] = results[w];
    printf("\n## Targets (this run)\n\n");
    printf("| target | measured | verdict |\n|---|---|---|\n");
    printf("| name lookup <= 15 ns (hits, 50%% misses) | %.2f ns, %.2f ns | %s |\n",
           R[W_NAME_HIT][M_PORTREG].median, R[W_NAME_MISS][M_PORTREG].median,
           verdict(R[W_NAME_HIT][M_PORTREG].median <= 15 &&
                   R[W_NAME_MISS][M_PORTREG].median <= 15));
    if (R[W_NAME_HIT][M_GPERF].measured)
        printf("| name lookup >= 1.5x faster than gperf (hits, 50%% misses) | "
               "gperf takes %.2fx, %.2fx portreg's time | %s |\n",
               ratio(W_NAME_HIT, M_GPERF), ratio(W_NAME_MISS, M_GPERF),
               verdict(ratio(W_NAME_HIT, M_GPERF) >= 1.5 && ratio(W_NAME_MISS, M_GPERF) >= 1.5));
    else
        printf("| name lookup >= 1.5x faster than gperf | gperf not installed | NOT MEASURED |\n");
    printf("| port lookup <= 3 ns (hits, 50%% misses) | %.2f ns, %.2f ns | %s |\n",
           R[W_PORT_HIT][M_PORTREG].median, R[W_PORT_MISS][M_PORTREG].median,
           verdict(R[W_PORT_HIT][M_PORTREG].median <= 3 && R[W_PORT_MISS][M_PORTREG].median <= 3));
    /* The floor a library can reach is the direct table behind the same
     * kind of call (M_TABLE_CALL); the inlined table is shown beside it. */
    floor_ratio_hit = 1 / ratio(W_PORT_HIT, M_TABLE_CALL);
    floor_ratio_miss = 1 / ratio(W_PORT_MISS, M_TABLE_CALL);
    printf("| port lookup within 2x of the direct table called as a library function "
           "(hits, 50%% misses) | %.2fx, %.2fx its time (inlined table: %.2fx, %.2fx) | %s |\n",
           floor_ratio_hit, floor_ratio_miss, 1 / ratio(W_PORT_HIT, M_TABLE),
           1 / ratio(W_PORT_MISS, M_TABLE),
           verdict(floor_ratio_hit <= 2 && floor_ratio_miss <= 2));
    printf("| port index < 64 KB | %ld B | %s |\n", bytes_port_index,
           verdict(bytes_port_index >= 0 && bytes_port_index < 65536));
    if (R[W_NAME_HIT][M_GLIBC].measured)
        printf("| >= 10,000x faster than getservbyname_r over the full registry | "
               "%.0fx (hits), %.0fx (50%% misses); %s | %s |\n",
               ratio(W_NAME_HIT, M_GLIBC), ratio(W_NAME_MISS, M_GLIBC),
               glibc_full ? "generated full-registry file" : glibc_file_used,
               glibc_full ? verdict(ratio(W_NAME_HIT, M_GLIBC) >= 10000 &&
                                    ratio(W_NAME_MISS, M_GLIBC) >= 10000)
                          : "NOT MEASURED (not the full registry)");
    else
        printf("| >= 10,000x faster than getservbyname_r | not measured | NOT MEASURED |\n");
    printf("| registry compiler <= 0.5 s | %.3f s (median of 5) | %s |\n", compile_median,
           verdict(compile_median >= 0 && compile_median <= 0.5));
    printf("| index memory <= 8 bytes per key | %.2f B/key for the lookup index (port %ld B + "
           "name %ld B over %ld names + %ld ports); %.2f B/key counting the run lists of the _all "
           "functions too | %s for the lookup index, %s with the run lists |\n",
           index_per_key, bytes_port_index, bytes_name_index, compiled_names, compiled_ports,
           with_runs_per_key, verdict(index_per_key >= 0 && index_per_key <= 8),
           verdict(with_runs_per_key >= 0 && with_runs_per_key <= 8));
    printf("| libportreg.so stripped <= 1 MiB | %ld B (%.2f MiB) | %s |\n", lib_stripped,
           (double)lib_stripped / 1048576.0, verdict(lib_stripped > 0 && lib_stripped <= 1048576));
    printf("| fewer than 30 dynamic relocations | %ld (.rela.dyn %ld + .rela.plt %ld) | %s |\n",
           relocs, relocs_dyn, relocs_plt, verdict(relocs >= 0 && relocs < 30));
    printf("| no constructor | %ld of %ld portreg objects have .init_array/.ctors; library "
           ".init_array: %ld entries (%s) | %s |\n",
           portreg_ctor_objects, objects_checked, init_array_entries,
           *init_array_symbols ? init_array_symbols : "none",
           verdict(objects_checked > 0 && portreg_ctor_objects == 0));
    if (startup_plain[1] >= 0) {
        startup_delta = startup_portreg[1] - startup_plain[1];
        startup_iqr = startup_plain[2] - startup_plain[0];
        printf("| start-up within noise (delta of medians <= IQR without portreg) | median %.0f us "
               "with portreg vs %.0f us without (delta %+.0f us; IQR without %.0f us; "
               "a one-function .so: %.0f us) | %s |\n",
               startup_portreg[1], startup_plain[1], startup_delta, startup_iqr,
               startup_empty_lib[1], verdict(startup_delta <= startup_iqr));
    } else {
        printf("| start-up within noise | not measured | NOT MEASURED |\n");
    }
    printf("| no allocation | %s | %s |\n",
           alloc_count_available() ? (portreg_allocs ? "malloc calls during portreg's timed "
                                                       "lookups: some"
                                                     : "0 malloc/calloc/realloc/free calls "
                                                       "during portreg's timed lookups")
                                   : "allocation counting unavailable",
           alloc_count_available() ? verdict(portreg_allocs == 0) : "NOT MEASURED");
}

static void print_artefacts(void)
{
    FILE *f;
    double gperf_s = -1;
    long gperf_keys = -1, gperf_asso = -1;

    printf("\n## Build artefacts\n\n");
    printf("- registry compiler: %.3f s wall (median of 5 runs of portreg-compile on %s)\n",
           compile_median, BENCH_REGISTRY);
    printf("  - %s\n  - %s\n", compile_line[0], compile_line[1]);
#ifdef BENCH_HAVE_GPERF
    f = fopen(BENCH_GPERF_TIME, "r");
    if (f) {
        if (fscanf(f, "%lf %ld %ld", &gperf_s, &gperf_keys, &gperf_asso) < 2)
            gperf_s = -1;
        fclose(f);
    }
    printf("- gperf generation (at build time): %.3f s for %ld keywords; %zu-entry word "
           "array\n",
           gperf_s, gperf_keys, bench_gperf_slots);
#else
    (void)f;
    (void)gperf_s;
    (void)gperf_keys;
    (void)gperf_asso;
    printf("- gperf: not installed\n");
#endif
    printf("- libportreg.so: size: text %ld, data %ld, bss %ld; file %ld B, stripped %ld B\n",
           lib_text, lib_data, lib_bss, lib_file, lib_stripped);
    printf("- dynamic relocations: .rela.dyn %ld, .rela.plt %ld (JUMP_SLOT: %s)\n", relocs_dyn,
           relocs_plt, plt_symbols);
    printf("- portreg_lookup_port: %s\n", port_lookup_build);
    printf("- constructors: %ld of %ld portreg objects have .init_array/.ctors sections; "
           "libportreg.so .init_array has %ld entries: %s\n",
           portreg_ctor_objects, objects_checked, init_array_entries,
           *init_array_symbols ? init_array_symbols : "-");
    if (startup_plain[1] >= 0)
        printf("- start-up (posix_spawn+exec+exit+wait, %zu alternated runs each): without portreg median "
               "%.0f us (IQR %.0f-%.0f), with libportreg.so median %.0f us (IQR %.0f-%.0f)\n",
               startup_runs, startup_plain[1], startup_plain[0], startup_plain[2],
               startup_portreg[1], startup_portreg[0], startup_portreg[2]);
    if (startup_empty_lib[1] >= 0)
        printf("- start-up control: linked against a one-function shared library instead: "
               "median %.0f us (IQR %.0f-%.0f)\n",
               startup_empty_lib[1], startup_empty_lib[0], startup_empty_lib[2]);
    printf("- glibc peer: %s\n", glibc_file_used);
    printf("- table bytes: portreg = its lookup index only (port: bitmap, rank, rows of first "
           "records; name: pilots, slots), excluding the run lists of the _all functions, "
           "records and "
           "the string pool that also holds its keys; peers = their whole structure including "
           "their own copy of the keys; glibc = the services file it reads on every call.\n");
}

static void usage(void)
{
    fprintf(stderr, "usage: portreg-bench [--runs N>=5] [--lookups N] [--glibc-lookups N] "
                    "[--no-glibc] [--no-startup] [--only names|ports]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int i, do_glibc = 1, do_startup = 1;
    char dir[] = "/tmp/portreg-bench-XXXXXX";
    char cpu[256] = "unknown";
    FILE *f;
    char cmd[600];

#ifdef BENCH_HAVE_NSS
    if (argc > 1 && strcmp(argv[1], "--nss-child") == 0)
        return bench_nss_child(argc - 2, argv + 2);
#endif
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--lookups") == 0 && i + 1 < argc)
            lookups = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--glibc-lookups") == 0 && i + 1 < argc)
            glibc_lookups = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--no-glibc") == 0)
            do_glibc = 0;
        else if (strcmp(argv[i], "--no-startup") == 0)
            do_startup = 0;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            i++;
            if (strcmp(argv[i], "names") == 0)
                only = 1;
            else if (strcmp(argv[i], "ports") == 0)
                only = 2;
            else
                usage();
        }
        else
            usage();
    }
    if (runs < 5 || lookups < 1 || glibc_lookups < 1)
        usage();
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }

    f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[512];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
                snprintf(cpu, sizeof cpu, "%s", strchr(line, ':') + 2);
                cpu[strcspn(cpu, "\n")] = '\0';
                break;
            }
        fclose(f);
    }
    printf("portreg-bench: portreg %s, registry updated %s, %zu records\n",
           portreg_version_string(), portreg_registry_updated(), portreg_count());
    printf("machine: %ld CPUs online, %s\n", sysconf(_SC_NPROCESSORS_ONLN), cpu);

    name_count = bench_names(&names);
    if (!name_count) {
        fprintf(stderr, "portreg-bench: no names\n");
        return 1;
    }
    build_sorted_names();
    build_oa();
    build_ports();
    make_queries();
    verify();

    measure_compiler(dir);
    measure_library(dir);
    for (i = W_NAME_HIT; i <= W_NAME_CASE; i++) {
        method_bytes[i][M_PORTREG] = bytes_name_index > 0 ? (size_t)bytes_name_index : 0;
#ifdef BENCH_HAVE_GPERF
        {
            long asso = -1;
            double s;
            long k;
            FILE *g = fopen(BENCH_GPERF_TIME, "r");
            if (g) {
                if (fscanf(g, "%lf %ld %ld", &s, &k, &asso) != 3)
                    asso = 0;
                fclose(g);
            }
            method_bytes[i][M_GPERF] = bench_gperf_bytes + (asso > 0 ? (size_t)asso * 4 : 0);
        }
#endif
        method_bytes[i][M_BSEARCH] = sorted_names_bytes;
        method_bytes[i][M_TABLE] = oa_bytes;
    }
    for (i = W_PORT_HIT; i <= W_PORT_MISS; i++) {
        method_bytes[i][M_PORTREG] = bytes_port_index > 0 ? (size_t)bytes_port_index : 0;
        method_bytes[i][M_BSEARCH] = sorted_port_count * sizeof *sorted_ports;
        method_bytes[i][M_TABLE] = sizeof(uint16_t) * 4 * 65536;
        method_bytes[i][M_TABLE_CALL] = sizeof(uint16_t) * 4 * 65536;
    }

    printf("timing: %zu runs of %zu lookups per method and workload (plus one warm-up run), "
           "methods interleaved\n",
           runs, lookups);
    fflush(stdout);
    time_fast_methods();
    if (do_glibc)
        time_glibc(dir);
#ifdef BENCH_HAVE_NSS
    if (do_glibc)
        bench_nss("/proc/self/exe", dir, runs);
#endif
    if (do_startup)
        measure_startup();

    print_table();
    print_artefacts();
    print_targets();

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "portreg-bench: could not remove %s\n", dir);
    return 0;
}
