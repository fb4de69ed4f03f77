/* The gperf peer: generated at build time from the registry (gen.c). */
#ifndef PORTREG_BENCH_GPERF_H
#define PORTREG_BENCH_GPERF_H

#include <stddef.h>

struct bench_gperf_entry;
const struct bench_gperf_entry *bench_gperf_lookup(const char *str, size_t len);
/* The record index of an entry bench_gperf_lookup() returned. */
unsigned bench_gperf_record(const struct bench_gperf_entry *e);

extern const size_t bench_gperf_bytes; /* words + lengths + pool + downcase */
extern const size_t bench_gperf_slots; /* entries of the word array */

#endif
