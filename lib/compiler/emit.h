/* Writes the compiled registry as C source in the format of portreg_table.h. */
#ifndef PORTREG_COMPILER_EMIT_H
#define PORTREG_COMPILER_EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "registry.h"

struct emit_stats {
    size_t records, named_records, names, people, port_keys;
    size_t name_slots, name_buckets;
    size_t bytes_records, bytes_pool, bytes_other;
    size_t bytes_port_index, bytes_name_index; /* key -> first record */
    size_t bytes_port_runs, bytes_name_runs;   /* key -> all its records */
    unsigned seeds_tried;
};

/* Builds every table from `reg` and writes them to `out`.  Returns 0, or
 * -1 after printing why (a limit of the format was exceeded). */
int emit_table(FILE *out, const struct registry *reg, struct emit_stats *stats);

#endif
