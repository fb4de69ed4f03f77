/* Helpers shared by the runtime's accessor files. */
#ifndef PORTREG_ENTRY_INTERNAL_H
#define PORTREG_ENTRY_INTERNAL_H

#include "portreg.h"
#include "portreg_table.h"

static inline const char *pool_string(uint32_t offset)
{
    return portreg__pool + offset;
}

static inline size_t record_index(const portreg_entry *e)
{
    return (size_t)(e - portreg__records);
}

static inline unsigned record_flags(const portreg_entry *e)
{
    return portreg__record_flags[record_index(e)];
}

/* The listed run of `key` (portreg_table.h), or NULL when the key's run is
 * found by scanning. */
static inline const struct portreg_run *listed_run(const struct portreg_run *runs,
                                                   uint32_t count, unsigned key)
{
    uint32_t lo = 0, hi = count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (runs[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < count && runs[lo].key == key ? &runs[lo] : NULL;
}

/* Appends record r to out[0 .. cap) when it is named and of one of
 * `protos`; returns the new total, counting past cap. */
static inline size_t take_record(unsigned r, unsigned protos, const portreg_entry **out,
                                 size_t cap, size_t total)
{
    unsigned flags = portreg__record_flags[r];
    if (!(flags & PORTREG_RF_NAMED) || !(flags & protos & PORTREG_RF_MATCH))
        return total;
    if (total < cap)
        out[total] = &portreg__records[r];
    return total + 1;
}

/* The first record of `name` (lookup_name.c), in registry order, that
 * matches `protos` and has a port; NULL when none has.  The whole run is
 * walked: a name may have any number of name-only records (DNS-SD) before
 * its first port. */
const portreg_entry *portreg__lookup_name_with_port(const char *name, unsigned protos);

#endif
