/*
 * The registry as the benchmark's peers see it, enumerated through the
 * public API (portreg_at() and the entry accessors) so that every peer is
 * built from exactly the data portreg was compiled from.
 */
#ifndef PORTREG_BENCH_REG_H
#define PORTREG_BENCH_REG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One distinct service name, case-folded, with the first record in
 * registry order that carries it: what portreg_lookup_name(name,
 * PORTREG_ANY) answers. */
struct bench_name {
    const char *name; /* as written in that first record */
    char *folded;     /* ASCII lower case */
    uint32_t rec;     /* record index */
};

/* All distinct names sorted by folded name; returns the count, or 0 on
 * allocation failure.  Free with bench_names_free(). */
size_t bench_names(struct bench_name **out);
void bench_names_free(struct bench_name *names, size_t n);

/* The record index + 1 of the first named record in registry order that
 * covers (port, protocol index 0..3 for tcp, udp, sctp, dccp); 0 for none.
 * Fills a table of 4 * 65536 entries: portreg_lookup_port(port, 1 << p)
 * semantics. */
void bench_port_table(uint16_t table[4][65536]);

/* Writes a services(5) file: one line per named record with a number,
 * per port of its range and per protocol it matches (all four when it
 * names none), in registry order.  Returns the number of lines or -1. */
long bench_write_services(FILE *out);

/* Writes a gperf keyword file (%pic, %ignore-case) for the distinct
 * names.  Returns the number of keywords or -1. */
long bench_write_gperf(FILE *out);

/* ASCII lower case, as portreg folds. */
static inline char bench_fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
}

#endif
