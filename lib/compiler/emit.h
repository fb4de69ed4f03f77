/* Writes the compiled registry as C source in the format of portreg_table.h. */
#ifndef PORTREG_COMPILER_EMIT_H
#define PORTREG_COMPILER_EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "portreg_table.h"
#include "registry.h"
#include "strpool.h"

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

/* The small profile's table (PORTREG_PROFILE=small, emit_small.c): names,
 * ports and protocols only.  As emit_table(). */
int emit_small_table(FILE *out, const struct registry *reg, struct emit_stats *stats);

/* ---- Shared by emit.c and emit_small.c ---- */

/* Says that the registry's `subject` at `line` takes the table past
 * `limit` `what`, the most its format holds; returns -1. */
int over_limit(const struct registry *reg, long line, const char *subject, size_t limit,
               const char *what);

/* The runs a scan would get wrong (portreg_table.h), as written out. */
struct run_list {
    struct portreg_run *runs; /* count, then the end */
    size_t count;
    uint16_t *records;
    size_t entries;
};
void run_list_init(struct run_list *l, size_t keys, size_t entries);
void run_list_add(struct run_list *l, size_t key, const uint16_t *records, size_t n);
void run_list_end(struct run_list *l);
void run_list_free(struct run_list *l);

/* One index per distinct key string, from 1 (0 means none). */
struct interner {
    struct strpool keys;
    uint32_t *index_of; /* by key offset */
    size_t cap;
    size_t count;
};
void interner_init(struct interner *in);
size_t intern(struct interner *in, const char *key, int *fresh);
void interner_free(struct interner *in);

/* The PORTREG_RF_* flags of a registry record (transports, NOPROTO,
 * NUMBER, NAMED, or RESERVED for an unnamed "Reserved" record). */
uint8_t record_flags(const struct record *rec);

/* `src` with ASCII upper case folded to lower case, into `dst` (room for
 * strlen(src) + 1): the form names take in the name index. */
void fold_name(char *dst, const char *src);

/* The tables both profiles share: the port bitmap and its ranks
 * (portreg__port_bits, portreg__port_rank), and the name hash's seed,
 * counts and pilots. */
struct name_index;
void write_port_bitmap(FILE *out, const uint64_t *bits, const uint16_t *rank);
void write_name_hash(FILE *out, const struct name_index *names);

void write_u16s(FILE *out, const char *decl, const uint16_t *v, size_t n);
void write_pool(FILE *out, const struct strpool *pool);
void write_runs(FILE *out, const char *kind, const struct run_list *l);

#endif
