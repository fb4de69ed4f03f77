/*
 * The orientation benchmark: ns per portreg_tuple_orient() call, for one or
 * more builds of the library, measured in the same process, interleaved.
 *
 *   cmake --build build --target bench-orient
 *   build/tests/bench/portreg-bench-orient                  # this build
 *   build/tests/bench/portreg-bench-orient OLD.so NEW.so    # compare builds
 *
 * Each library is loaded with dlopen() by path, so two builds of
 * libportreg.so.1 (say main's and a branch's) can be compared on a noisy
 * machine: every run times each library once, in turn, and the report
 * gives the median of the runs and the new/old ratio of the medians.
 *
 * Workloads, each oriented without hints:
 *   captures  every flow of the two CSV files of tests/data/flows, as captured
 *             and reversed
 *   random    TCP, UDP, SCTP, DCCP, ICMP and port-less tuples, ports drawn
 *             from every range (the generator of tests/check_orient.c)
 * and, where the library has portreg_tuple_orient_ext() (1.1), the
 * captures again through it with a local ephemeral range.
 *
 * Options: --runs N (default 15), --calls N per run and workload (default
 * 2000000).
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portreg.h"
#include "bench_util.h"

#ifndef BENCH_DATA
#error "BENCH_DATA must name tests/data"
#endif
#ifndef BENCH_LIBRARY
#error "BENCH_LIBRARY must name this build's libportreg.so"
#endif

typedef int (*orient_fn)(portreg_tuple *, const portreg_tuple *, unsigned,
                         portreg_orientation *);
typedef int (*orient_ext_fn)(portreg_tuple *, const portreg_tuple *, const void *,
                             portreg_orientation *);

#define MAX_LIBS 4
#define MAX_RUNS 101
#define MAX_TUPLES 65536

struct lib {
    const char *path;
    orient_fn orient;
    orient_ext_fn orient_ext;
    double ns[3][MAX_RUNS];
};

static portreg_tuple captures[MAX_TUPLES], randoms[MAX_TUPLES];
static size_t n_captures, n_randoms;

/* ---- workloads ---- */

static int parse_addr(uint8_t *addr, uint8_t *family, const char *text)
{
    if (inet_pton(AF_INET, text, addr) == 1) {
        *family = 4;
        return 0;
    }
    if (inet_pton(AF_INET6, text, addr) == 1) {
        *family = 6;
        return 0;
    }
    return -1;
}

static void read_csv(const char *name)
{
    char path[1024], line[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/flows/%s", BENCH_DATA, name);
    f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    if (fgets(line, sizeof line, f) == NULL) /* header */
        exit(2);
    while (fgets(line, sizeof line, f) != NULL && n_captures + 2 <= MAX_TUPLES) {
        char *col[5], *p = line;
        portreg_tuple t;
        int k;

        for (k = 0; k < 5; k++) {
            col[k] = p;
            p = strchr(p, ',');
            if (p == NULL)
                break;
            *p++ = '\0';
        }
        if (k < 5)
            continue;
        memset(&t, 0, sizeof t);
        t.proto = strcmp(col[0], "tcp") == 0 ? PORTREG_IPPROTO_TCP : PORTREG_IPPROTO_UDP;
        if (parse_addr(t.src_addr, &t.family, col[1]) != 0
            || parse_addr(t.dst_addr, &t.family, col[3]) != 0)
            continue;
        t.src_port = (uint16_t)atoi(col[2]);
        t.dst_port = (uint16_t)atoi(col[4]);
        captures[n_captures++] = t;
        /* The reverse, by hand: the benchmark must not need the library. */
        t.src_port = captures[n_captures - 1].dst_port;
        t.dst_port = captures[n_captures - 1].src_port;
        memcpy(t.src_addr, captures[n_captures - 1].dst_addr, 16);
        memcpy(t.dst_addr, captures[n_captures - 1].src_addr, 16);
        captures[n_captures++] = t;
    }
    fclose(f);
}

static uint64_t rng = BENCH_RNG_SEED;

static uint64_t rnd(void)
{
    return bench_rng(&rng);
}

static unsigned rnd_below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

static uint16_t random_port(void)
{
    switch (rnd_below(5)) {
    case 0: return (uint16_t)rnd_below(1024);
    case 1: return (uint16_t)(1024 + rnd_below(31744));
    case 2: return (uint16_t)(32768 + rnd_below(16384));
    case 3: return (uint16_t)(49152 + rnd_below(16384));
    default: return (uint16_t)rnd();
    }
}

static void make_randoms(void)
{
    static const uint8_t protos[] = { 6, 6, 6, 17, 17, 17, 132, 33, 1, 58, 47 };
    size_t i, j;

    for (i = 0; i < MAX_TUPLES; i++) {
        portreg_tuple t;

        memset(&t, 0, sizeof t);
        t.family = rnd_below(3) == 0 ? 6 : 4;
        t.proto = protos[rnd_below(sizeof protos)];
        for (j = 0; j < (t.family == 6 ? 16u : 4u); j++) {
            t.src_addr[j] = (uint8_t)rnd();
            t.dst_addr[j] = (uint8_t)rnd();
        }
        if (rnd_below(8) == 0)
            t.dst_addr[0] = t.family == 6 ? 0xff : (uint8_t)(224 + rnd_below(16));
        if (t.proto == 1 || t.proto == 58) {
            t.src_port = (uint16_t)(t.proto == 1 ? rnd_below(20) : 128 + rnd_below(20));
            t.dst_port = (uint16_t)rnd_below(16);
        } else if (t.proto != 47) {
            t.src_port = random_port();
            t.dst_port = rnd_below(20) == 0 ? t.src_port : random_port();
        }
        randoms[i] = t;
    }
    n_randoms = MAX_TUPLES;
}

/* ---- timing ---- */

static volatile unsigned sink;

/* The options struct of 1.1, declared here so that the benchmark builds
 * against either header: { version, hints, first, last }. */
struct bench_options {
    unsigned int version;
    unsigned int hints;
    uint16_t local_ephemeral_first, local_ephemeral_last;
};

static double time_run(const struct lib *l, int workload, const portreg_tuple *v, size_t n,
                       unsigned long calls)
{
    struct bench_options o = { 1, 0, 32768, 60999 };
    portreg_orientation why;
    portreg_tuple out;
    unsigned acc = 0;
    unsigned long i;
    size_t k = 0;
    double t0 = bench_now_ns();

    for (i = 0; i < calls; i++) {
        if (workload == 2)
            l->orient_ext(&out, &v[k], &o, &why);
        else
            l->orient(&out, &v[k], 0, &why);
        acc += out.dst_port + why.reason;
        if (++k == n)
            k = 0;
    }
    sink += acc;
    return (bench_now_ns() - t0) / (double)calls;
}

int main(int argc, char **argv)
{
    static struct lib libs[MAX_LIBS];
    static const char *const names[3] = { "captures", "random", "captures, local range (ext)" };
    unsigned runs = 15, n_libs = 0, r, w, i;
    unsigned long calls = 2000000;
    int a;

    for (a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--runs") == 0 && a + 1 < argc)
            runs = (unsigned)strtoul(argv[++a], NULL, 10);
        else if (strcmp(argv[a], "--calls") == 0 && a + 1 < argc)
            calls = strtoul(argv[++a], NULL, 10);
        else if (argv[a][0] == '-' || n_libs == MAX_LIBS) {
            fprintf(stderr, "usage: portreg-bench-orient [--runs N] [--calls N] [LIB.so ...]\n");
            return 2;
        } else
            libs[n_libs++].path = argv[a];
    }
    if (runs < 3 || runs > MAX_RUNS || calls == 0) {
        fprintf(stderr, "portreg-bench-orient: --runs 3-%d, --calls > 0\n", MAX_RUNS);
        return 2;
    }
    if (n_libs == 0)
        libs[n_libs++].path = BENCH_LIBRARY;
    for (i = 0; i < n_libs; i++) {
        void *h = dlopen(libs[i].path, RTLD_NOW | RTLD_LOCAL);
        if (h == NULL) {
            fprintf(stderr, "portreg-bench-orient: %s\n", dlerror());
            return 2;
        }
        *(void **)&libs[i].orient = dlsym(h, "portreg_tuple_orient");
        *(void **)&libs[i].orient_ext = dlsym(h, "portreg_tuple_orient_ext");
        if (libs[i].orient == NULL) {
            fprintf(stderr, "portreg-bench-orient: %s has no portreg_tuple_orient\n",
                    libs[i].path);
            return 2;
        }
    }
    read_csv("labelled-flows.csv");
    read_csv("labelled-flows-more.csv");
    make_randoms();

    /* Warm up, then interleave: every run times each library in turn. */
    for (i = 0; i < n_libs; i++)
        time_run(&libs[i], 0, captures, n_captures, calls / 4);
    for (r = 0; r < runs; r++)
        for (w = 0; w < 3; w++)
            for (i = 0; i < n_libs; i++) {
                struct lib *l = &libs[(i + r) % n_libs]; /* rotate who goes first */
                if (w == 2 && l->orient_ext == NULL)
                    continue;
                l->ns[w][r] = w == 1 ? time_run(l, w, randoms, n_randoms, calls)
                                     : time_run(l, w, captures, n_captures, calls);
            }

    printf("portreg_tuple_orient, ns per call: median of %u interleaved runs of %lu calls\n"
           "(%zu capture tuples: every labelled flow both ways; %zu random tuples)\n\n",
           runs, calls, n_captures, n_randoms);
    printf("| library | captures | random | captures, local range (ext) |\n|---|---:|---:|---:|\n");
    for (i = 0; i < n_libs; i++) {
        printf("| %s", libs[i].path);
        for (w = 0; w < 3; w++) {
            if (w == 2 && libs[i].orient_ext == NULL)
                printf(" | -");
            else
                printf(" | %.1f", bench_median(libs[i].ns[w], runs));
        }
        printf(" |\n");
    }
    if (n_libs >= 2) {
        printf("\nratio to the first library (medians):\n");
        for (i = 1; i < n_libs; i++)
            for (w = 0; w < 2; w++)
                printf("  %s, %s: %.3f\n", libs[i].path, names[w],
                       bench_median(libs[i].ns[w], runs) / bench_median(libs[0].ns[w], runs));
    }
    return 0;
}
