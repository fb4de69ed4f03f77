/* Builds the hash-and-displace index over case-folded service names. */
#ifndef PORTREG_COMPILER_NAME_INDEX_H
#define PORTREG_COMPILER_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>

struct name_index {
    uint64_t seed;
    uint32_t bucket_count;
    uint32_t slot_count;
    uint16_t *pilots;   /* per bucket */
    long *slot_key;     /* per slot: index of the key, or -1 */
    unsigned attempts;  /* seeds tried */
};

/* The number of slots an index of `n` names has. */
size_t name_index_slots(size_t n);

/* Places the `n` distinct folded names `keys` (each at most
 * PORTREG_NAME_MAX bytes).  Returns 0, or -1 when no seed worked. */
int name_index_build(struct name_index *ix, const char *const *keys, size_t n);
void name_index_free(struct name_index *ix);

#endif
