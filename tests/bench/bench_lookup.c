/*
 * The lookup benchmark across builds: ns per portreg_lookup_name() and
 * portreg_lookup_port() call, for one or more builds of the library,
 * measured in the same process, interleaved (as bench_orient.c does for
 * the orientation).  Made to compare the two profiles (issue 13):
 *
 *   cmake --build build --target bench-lookup
 *   build/tests/bench/portreg-bench-lookup FULL/libportreg.so.1 SMALL/libportreg.so.1
 *
 * Each library is loaded with dlopen() by path; every run times each
 * library once per workload, in turn (in the reverse order on odd runs),
 * and the report gives the median of the runs and the ratio of each
 * library's median to the first's.
 *
 * Workloads (queries drawn before timing, from the first library's
 * records, with a fixed seed, their names copied out of its memory;
 * lookups independent of each other, so this is throughput, as bench.c
 * measures it):
 *   names       every registered name, shuffled, PORTREG_ANY
 *   names-50%   the same, half of them changed into names that are not
 *   ports       registered (port, protocol) pairs, tcp or udp
 *   ports-50%   any port, tcp or udp (about half are not registered)
 *
 * Options: --runs N (default 15), --lookups N per run and workload
 * (default 1000000).
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portreg.h"
#include "bench_util.h"

#define BARRIER(x) __asm__ volatile("" : "+r"(x))
#define MAX_LIBS 4
#define MAX_RUNS 101
#define WORKLOADS 4

typedef const portreg_entry *(*by_name_fn)(const char *, unsigned);
typedef const portreg_entry *(*by_port_fn)(uint16_t, unsigned);

struct lib {
    const char *path;
    by_name_fn by_name;
    by_port_fn by_port;
    double ns[WORKLOADS][MAX_RUNS];
};

static const char *const workload_names[WORKLOADS] = {"names", "names-50%", "ports",
                                                      "ports-50%"};
static volatile uintptr_t sink;

struct port_query {
    uint16_t port;
    unsigned proto;
};

static const char **name_queries[2];
static struct port_query *port_queries[2];
static size_t lookups = 1000000, runs = 15;

static uint64_t rng_state = BENCH_RNG_SEED;
static uint64_t rng(void)
{
    return bench_rng(&rng_state);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "portreg-bench-lookup: out of memory\n");
        exit(1);
    }
    return p;
}

/* A copy of a library's name on the heap: a query that pointed into one
 * library's own string pool would share cache lines with what that
 * library compares it against, and favour it over the others. */
static const char *copy_name(const char *name)
{
    size_t len = strlen(name) + 1;
    char *copy = xmalloc(len);
    memcpy(copy, name, len);
    return copy;
}

/* Queries from the records of `h` (the first library), through its API. */
static void make_queries(void *h)
{
    size_t (*count)(void);
    const portreg_entry *(*at)(size_t);
    const char *(*name_of)(const portreg_entry *);
    int (*ports_of)(const portreg_entry *, uint16_t *, uint16_t *);
    unsigned (*protos_of)(const portreg_entry *);
    const char **names;
    struct port_query *ports;
    size_t n, i, nn = 0, np = 0;

    *(void **)&count = dlsym(h, "portreg_count");
    *(void **)&at = dlsym(h, "portreg_at");
    *(void **)&name_of = dlsym(h, "portreg_entry_name");
    *(void **)&ports_of = dlsym(h, "portreg_entry_ports");
    *(void **)&protos_of = dlsym(h, "portreg_entry_protos");
    n = count();
    names = xmalloc(n * sizeof *names);
    ports = xmalloc(n * sizeof *ports);
    for (i = 0; i < n; i++) {
        const portreg_entry *e = at(i);
        uint16_t lo, hi;
        unsigned p = protos_of(e);
        if (name_of(e)[0])
            names[nn++] = copy_name(name_of(e));
        if (ports_of(e, &lo, &hi) == 0 && (p == PORTREG_TCP || p == PORTREG_UDP)) {
            ports[np].port = lo;
            ports[np++].proto = p;
        }
    }
    for (i = 0; i < 2; i++) {
        name_queries[i] = xmalloc(lookups * sizeof *name_queries[i]);
        port_queries[i] = xmalloc(lookups * sizeof *port_queries[i]);
    }
    for (i = 0; i < lookups; i++) {
        const char *s = names[rng() % nn];
        name_queries[0][i] = s;
        if (rng() & 1) {
            /* a name that is not registered: the name with its last
             * character changed to one names do not use */
            size_t len = strlen(s);
            char *m = xmalloc(len + 1);
            memcpy(m, s, len + 1);
            m[len - 1] = '_';
            s = m;
        }
        name_queries[1][i] = s;
        port_queries[0][i] = ports[rng() % np];
        port_queries[1][i].port = (uint16_t)(rng() >> 48);
        port_queries[1][i].proto = rng() & 1 ? PORTREG_TCP : PORTREG_UDP;
    }
    free(names);
    free(ports);
}

static double time_workload(const struct lib *l, int w)
{
    uintptr_t acc = 0;
    double start = bench_now_ns();
    size_t i;
    if (w < 2) {
        const char **q = name_queries[w];
        for (i = 0; i < lookups; i++) {
            acc += (uintptr_t)l->by_name(q[i], PORTREG_ANY);
            BARRIER(acc);
        }
    } else {
        const struct port_query *q = port_queries[w - 2];
        for (i = 0; i < lookups; i++) {
            acc += (uintptr_t)l->by_port(q[i].port, q[i].proto);
            BARRIER(acc);
        }
    }
    sink = acc;
    return (bench_now_ns() - start) / (double)lookups;
}

int main(int argc, char **argv)
{
    struct lib libs[MAX_LIBS];
    size_t nlibs = 0, r, i, k;
    int a, w;
    double first[WORKLOADS];

    for (a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--runs") == 0 && a + 1 < argc) {
            runs = strtoul(argv[++a], NULL, 10);
        } else if (strcmp(argv[a], "--lookups") == 0 && a + 1 < argc) {
            lookups = strtoul(argv[++a], NULL, 10);
        } else if (argv[a][0] != '-' && nlibs < MAX_LIBS) {
            libs[nlibs++].path = argv[a];
        } else {
            fprintf(stderr, "usage: portreg-bench-lookup [--runs N] [--lookups N] LIB.so...\n");
            return 2;
        }
    }
    if (nlibs == 0 || runs < 3 || runs > MAX_RUNS || lookups == 0) {
        fprintf(stderr, "usage: portreg-bench-lookup [--runs N (3-%d)] [--lookups N] LIB.so...\n",
                MAX_RUNS);
        return 2;
    }
    for (i = 0; i < nlibs; i++) {
        void *h = dlopen(libs[i].path, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            fprintf(stderr, "portreg-bench-lookup: %s\n", dlerror());
            return 1;
        }
        *(void **)&libs[i].by_name = dlsym(h, "portreg_lookup_name");
        *(void **)&libs[i].by_port = dlsym(h, "portreg_lookup_port");
        if (!libs[i].by_name || !libs[i].by_port) {
            fprintf(stderr, "portreg-bench-lookup: %s: no lookups\n", libs[i].path);
            return 1;
        }
        if (i == 0)
            make_queries(h);
    }
    /* one warm-up round, then the timed runs, the libraries in turn */
    for (w = 0; w < WORKLOADS; w++)
        for (i = 0; i < nlibs; i++)
            time_workload(&libs[i], w);
    /* Odd runs take the libraries in the reverse order, so that none is
     * always timed right after another. */
    for (r = 0; r < runs; r++)
        for (w = 0; w < WORKLOADS; w++)
            for (k = 0; k < nlibs; k++) {
                i = r % 2 ? nlibs - 1 - k : k;
                libs[i].ns[w][r] = time_workload(&libs[i], w);
            }

    printf("%zu lookups x %zu runs per workload, median ns/lookup (ratio to the first "
           "library)\n\n| workload |", lookups, runs);
    for (i = 0; i < nlibs; i++)
        printf(" %s |", libs[i].path);
    printf("\n|---|");
    for (i = 0; i < nlibs; i++)
        printf("---:|");
    printf("\n");
    for (w = 0; w < WORKLOADS; w++) {
        printf("| %s |", workload_names[w]);
        for (i = 0; i < nlibs; i++) {
            double m = bench_median(libs[i].ns[w], runs);
            if (i == 0)
                first[w] = m;
            printf(" %.2f (%.2fx) |", m, m / first[w]);
        }
        printf("\n");
    }
    return 0;
}
