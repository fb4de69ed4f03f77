/*
 * portreg-compile: the registry compiler, run by the build.
 *
 *   portreg-compile [--quiet] [--small] REGISTRY.xml OUTPUT.c
 *       Writes OUTPUT.c through a temporary file renamed into place at the
 *       end, so that a failed run never leaves a partial table behind.
 *       Exit status 0 on success, 1 on a bad registry or I/O error, 2 on a
 *       usage error.  --small writes the small profile's table
 *       (PORTREG_PROFILE=small, emit_small.c): names, ports and protocols
 *       only.
 *   portreg-compile --diff OLD.xml NEW.xml
 *       Reads both editions with every check of a build and prints what
 *       changed, record by record (diff.c).  Exit status as diff(1): 0 when
 *       no record changed, 1 when some did, 2 on a bad registry or a usage
 *       error.
 *   portreg-compile --protocols [--quiet] [--small] PROTOCOL-NUMBERS.xml OUTPUT.c
 *   portreg-compile --protocols --diff OLD.xml NEW.xml
 *       The same for the IANA protocol-numbers registry (protocol_read.c,
 *       protocol_emit.c), whose table is a separate generated file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diff.h"
#include "emit.h"
#include "protocol.h"
#include "registry.h"
#include "text.h"

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* "Index" is what maps a key to its first record (ports: bitmap, rank
 * and rows; names: pilots and slots); "runs" list every record of a key,
 * for the _all functions. */
static void print_stats(const char *output, const struct emit_stats *s, double seconds)
{
    size_t keys = s->names + s->port_keys;
    size_t index = s->bytes_port_index + s->bytes_name_index;
    size_t runs = s->bytes_port_runs + s->bytes_name_runs;
    printf("portreg-compile: %zu records (%zu named), %zu distinct names, %zu ports, "
           "%zu people -> %s in %.3f s\n",
           s->records, s->named_records, s->names, s->port_keys, s->people, output, seconds);
    printf("portreg-compile: records %zu B, strings %zu B, other fields %zu B, "
           "port index %zu B, name index %zu B (%zu slots, %zu buckets, seed %u), "
           "%.2f index bytes per key; runs %zu B (%.2f bytes per key with the index)\n",
           s->bytes_records, s->bytes_pool, s->bytes_other, s->bytes_port_index,
           s->bytes_name_index, s->name_slots, s->name_buckets, s->seeds_tried,
           keys ? (double)index / (double)keys : 0.0, runs,
           keys ? (double)(index + runs) / (double)keys : 0.0);
}

static int write_output(const struct registry *reg, const char *output, struct emit_stats *s,
                        int small)
{
    size_t n = strlen(output) + 32;
    char *tmp = xmalloc(n);
    FILE *out;
    int rc;

    snprintf(tmp, n, "%s.tmp.%ld", output, (long)getpid());
    out = fopen(tmp, "w");
    if (!out) {
        fprintf(stderr, "%s: cannot create: %s\n", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    rc = small ? emit_small_table(out, reg, s) : emit_table(out, reg, s);
    if (ferror(out) && rc == 0) {
        fprintf(stderr, "%s: write error\n", tmp);
        rc = -1;
    }
    if (fclose(out) != 0 && rc == 0) {
        fprintf(stderr, "%s: %s\n", tmp, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && rename(tmp, output) != 0) {
        fprintf(stderr, "%s: cannot rename to %s: %s\n", tmp, output, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        remove(tmp);
    free(tmp);
    return rc;
}

static int diff_main(const char *old_path, const char *new_path)
{
    struct registry old_reg, new_reg;
    struct diff_counts counts;
    int rc = 2;

    memset(&new_reg, 0, sizeof new_reg); /* freed even when it is never read */
    if (registry_read(&old_reg, old_path) == 0 && registry_read(&new_reg, new_path) == 0) {
        diff_registries(stdout, &old_reg, &new_reg, &counts);
        rc = counts.added || counts.removed || counts.changed ? 1 : 0;
    }
    registry_free(&old_reg);
    registry_free(&new_reg);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "portreg-compile: write error: %s\n", strerror(errno));
        rc = 2;
    }
    return rc;
}

/* The protocol-numbers registry: `argv` holds what follows --protocols. */
static int protocols_main(int argc, char **argv)
{
    struct protocol_registry reg, other;
    struct timespec start;
    int quiet = 0, small = 0, rc = 0;

    if (argc == 3 && strcmp(argv[0], "--diff") == 0) {
        memset(&other, 0, sizeof other);
        rc = 2;
        /* exit status as diff(1): 1 when some number changed */
        if (protocol_read(&reg, argv[1]) == 0 && protocol_read(&other, argv[2]) == 0)
            rc = protocol_diff(stdout, &reg, &other) ? 1 : 0;
        protocol_free(&reg);
        protocol_free(&other);
        if (fflush(stdout) != 0)
            rc = 2;
        return rc;
    }
    while (argc > 0 && (strcmp(argv[0], "--quiet") == 0 || strcmp(argv[0], "--small") == 0)) {
        if (argv[0][2] == 'q')
            quiet = 1;
        else
            small = 1;
        argc--;
        argv++;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: portreg-compile --protocols [--quiet] [--small] PROTOCOL-NUMBERS.xml OUTPUT.c\n"
                        "       portreg-compile --protocols --diff OLD.xml NEW.xml\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (protocol_read(&reg, argv[0]) != 0) {
        protocol_free(&reg);
        return 1;
    }
    {
        size_t n = strlen(argv[1]) + 32;
        char *tmp = xmalloc(n);
        FILE *out;
        snprintf(tmp, n, "%s.tmp.%ld", argv[1], (long)getpid());
        out = fopen(tmp, "w");
        if (!out) {
            fprintf(stderr, "%s: cannot create: %s\n", tmp, strerror(errno));
            rc = -1;
        } else {
            rc = protocol_emit(out, &reg, small);
            if (ferror(out) && rc == 0)
                rc = -1;
            if (fclose(out) != 0)
                rc = -1;
            if (rc == 0 && rename(tmp, argv[1]) != 0) {
                fprintf(stderr, "%s: cannot rename to %s: %s\n", tmp, argv[1], strerror(errno));
                rc = -1;
            }
            if (rc != 0)
                remove(tmp);
        }
        free(tmp);
    }
    if (rc == 0 && !quiet)
        printf("portreg-compile: %zu protocol records -> %s in %.3f s\n", reg.record_count,
               argv[1], seconds_since(&start));
    protocol_free(&reg);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct registry reg;
    struct emit_stats stats;
    struct timespec start;
    int quiet = 0, small = 0, rc;

    if (argc > 1 && strcmp(argv[1], "--protocols") == 0)
        return protocols_main(argc - 2, argv + 2);
    if (argc == 4 && strcmp(argv[1], "--diff") == 0)
        return diff_main(argv[2], argv[3]);
    while (argc > 1 && (strcmp(argv[1], "--quiet") == 0 || strcmp(argv[1], "--small") == 0)) {
        if (argv[1][2] == 'q')
            quiet = 1;
        else
            small = 1;
        argc--;
        argv++;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: portreg-compile [--quiet] [--small] REGISTRY.xml OUTPUT.c\n"
                        "       portreg-compile --diff OLD.xml NEW.xml\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (registry_read(&reg, argv[1]) != 0) {
        registry_free(&reg);
        return 1;
    }
    rc = write_output(&reg, argv[2], &stats, small);
    registry_free(&reg);
    if (rc != 0)
        return 1;
    if (!quiet)
        print_stats(argv[2], &stats, seconds_since(&start));
    return 0;
}
