/* Compiles the gperf output generated at build time and exports its size. */
#include <stddef.h>
#include <string.h>

#include "bench_gperf.h"

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif

#include "gperf_names.c"

/* The tables gperf emitted at file scope; asso_values[] is static inside
 * the hash function and added by portreg-bench from gperf_time.txt. */
const size_t bench_gperf_bytes =
    sizeof(bench_gperf_words) + sizeof(bench_gperf_lengths) + sizeof(bench_gperf_pool_contents)
#ifdef GPERF_DOWNCASE
    + sizeof(gperf_downcase)
#endif
    ;
const size_t bench_gperf_slots = sizeof(bench_gperf_words) / sizeof(bench_gperf_words[0]);

unsigned bench_gperf_record(const struct bench_gperf_entry *e)
{
    return e->rec;
}
