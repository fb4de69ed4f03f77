/*
 * portreg-bench-gen: writes the gperf keyword file from the registry and
 * runs gperf on it, timing the generation.
 *
 *   portreg-bench-gen GPERF KEYWORDS.gperf OUTPUT.c TIME.txt
 *
 * TIME.txt receives "<seconds> <keywords> <asso_values entries>" for
 * portreg-bench to report.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_reg.h"

/* The number of entries of gperf's asso_values[] in OUTPUT.c (it is
 * static inside the hash function, so portreg-bench cannot sizeof it). */
static long count_asso_values(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    long n = 0;
    int in = 0;

    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        if (!in) {
            if (!strstr(line, "asso_values[] ="))
                continue;
            in = 1;
            continue;
        }
        if (strchr(line, '}'))
            *strchr(line, '}') = '\0', in = 2;
        while (*p) {
            if (*p >= '0' && *p <= '9') {
                n++;
                while (*p >= '0' && *p <= '9')
                    p++;
            } else {
                p++;
            }
        }
        if (in == 2)
            break;
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv)
{
    FILE *f;
    long keys;
    struct timespec t0, t1;
    pid_t pid;
    int status;
    char outopt[4096];

    if (argc != 5) {
        fprintf(stderr, "usage: portreg-bench-gen GPERF KEYWORDS.gperf OUTPUT.c TIME.txt\n");
        return 2;
    }
    f = fopen(argv[2], "w");
    if (!f || (keys = bench_write_gperf(f)) < 0 || fclose(f) != 0) {
        perror(argv[2]);
        return 1;
    }
    snprintf(outopt, sizeof outopt, "--output-file=%s", argv[3]);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        execl(argv[1], argv[1], outopt, argv[2], (char *)NULL);
        perror(argv[1]);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "portreg-bench-gen: gperf failed\n");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    f = fopen(argv[4], "w");
    if (!f)
        return 1;
    fprintf(f, "%.3f %ld %ld\n",
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, keys,
            count_asso_values(argv[3]));
    fclose(f);
    printf("portreg-bench-gen: gperf on %ld keywords took %.3f s\n", keys,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
