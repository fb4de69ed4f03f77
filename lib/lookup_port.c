/* Port lookups through the rank dictionary of portreg_table.h. */
#include "entry_internal.h"

/* Bits set in x: the classic SWAR count (Hacker's Delight 5-2), since
 * __builtin_popcountll becomes a libgcc call unless the build targets a
 * CPU with POPCNT, and the library must run on any x86-64. */
static unsigned popcount64(uint64_t x)
{
    x -= (x >> 1) & UINT64_C(0x5555555555555555);
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
    return (unsigned)((x * UINT64_C(0x0101010101010101)) >> 56);
}

/* The run of record numbers for `port`: [*first, *end).  Empty when no
 * record covers the port. */
static void port_run(uint16_t port, unsigned *first, unsigned *end)
{
    uint64_t word = portreg__port_bits[port / 64];
    uint64_t bit = UINT64_C(1) << (port % 64);
    unsigned dense;

    if (!(word & bit)) {
        *first = *end = 0;
        return;
    }
    dense = portreg__port_rank[port / 64] + popcount64(word & (bit - 1));
    *first = portreg__port_start[dense];
    *end = portreg__port_start[dense + 1];
}

/* Named and matching one of `protos` (bits outside PORTREG_ANY ignored). */
static int port_match(unsigned flags, unsigned protos)
{
    return (flags & PORTREG_RF_NAMED) && (flags & protos & PORTREG_RF_MATCH);
}

const portreg_entry *portreg_lookup_port(uint16_t port, unsigned protos)
{
    unsigned i, end;
    port_run(port, &i, &end);
    for (; i < end; i++) {
        unsigned r = portreg__port_records[i];
        if (port_match(portreg__record_flags[r], protos))
            return &portreg__records[r];
    }
    return NULL;
}

size_t portreg_lookup_port_all(uint16_t port, unsigned protos, const portreg_entry **out,
                               size_t cap)
{
    unsigned i, end;
    size_t total = 0;

    if (!out)
        cap = 0;
    port_run(port, &i, &end);
    for (; i < end; i++) {
        unsigned r = portreg__port_records[i];
        if (!port_match(portreg__record_flags[r], protos))
            continue;
        if (total < cap)
            out[total] = &portreg__records[r];
        total++;
    }
    return total;
}

portreg_status portreg_port_status(uint16_t port, unsigned protos)
{
    portreg_status status = PORTREG_STATUS_UNASSIGNED;
    unsigned i, end;

    port_run(port, &i, &end);
    for (; i < end; i++) {
        unsigned flags = portreg__record_flags[portreg__port_records[i]];
        if (!(flags & protos & PORTREG_RF_MATCH))
            continue;
        if (flags & PORTREG_RF_NAMED)
            return PORTREG_STATUS_ASSIGNED;
        status = PORTREG_STATUS_RESERVED; /* only reserved records are indexed unnamed */
    }
    return status;
}
