/* Helpers shared by the runtime's accessor files. */
#ifndef PORTREG_ENTRY_INTERNAL_H
#define PORTREG_ENTRY_INTERNAL_H

#include "portreg.h"
#include "portreg_table.h"

static inline const char *pool_string(uint32_t offset)
{
    return portreg__pool + offset;
}

#if defined(PORTREG_PROFILE_SMALL)
/* ---- The small profile's records and handles (portreg_table.h) ---- */

/* The lowest bit set in a 4-bit mask, as a transport number (0 for 0):
 * a table of 2-bit entries in one constant, without a branch. */
static inline unsigned lowest_bit(unsigned mask4)
{
    return (UINT32_C(0x12131210) >> (2 * (mask4 & 15u))) & 3u;
}

static inline size_t handle_offset(const portreg_entry *e)
{
    return (size_t)((const unsigned char *)e - portreg__s_records);
}

static inline unsigned small_u16(size_t at)
{
    return portreg__s_records[at] | (unsigned)portreg__s_records[at + 1] << 8;
}

static inline const char *small_name(unsigned m)
{
    uint32_t key = small_u16(PORTREG_SMALL_RECORD_BYTES * (size_t)m);
    return pool_string(PORTREG_SMALL_NAME_ALIGN * key);
}

static inline unsigned small_lo(unsigned m)
{
    return small_u16(PORTREG_SMALL_RECORD_BYTES * (size_t)m + 2);
}

/* The handle of small record m for transport t (0 for a record that names
 * no protocol). */
static inline const portreg_entry *small_handle(unsigned m, unsigned t)
{
    return (const portreg_entry *)(const void *)(portreg__s_records +
                                                  PORTREG_SMALL_RECORD_BYTES * (size_t)m + t);
}

/* How many handles (registry records) small record m stands for. */
static inline unsigned small_handles(unsigned flags)
{
    unsigned mask = flags & PORTREG_RF_MATCH;
    if (flags & PORTREG_RF_NOPROTO)
        return 1;
    return (mask & 1u) + (mask >> 1 & 1u) + (mask >> 2 & 1u) + (mask >> 3 & 1u);
}

/* The last port of small record m, which has a number. */
static inline unsigned small_hi(unsigned m)
{
    uint32_t lo = 0, hi = portreg__s_range_count;
    if (!(portreg__s_flags[m] & PORTREG_RF_RANGE))
        return small_lo(m);
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (portreg__s_ranges[mid].record < m)
            lo = mid + 1;
        else
            hi = mid;
    }
    return portreg__s_ranges[lo].hi;
}

/* ---- What the scans of runs read (lookup_name.c, lookup_port.c), under
 * the same names in both profiles: record i is a small record here. ---- */

static inline unsigned record_flags_at(unsigned m)
{
    return portreg__s_flags[m];
}

static inline const char *record_name_at(unsigned m)
{
    return small_name(m);
}

/* Whether small record m has a port or range that holds `port`. */
static inline int record_covers(unsigned m, unsigned port)
{
    return (portreg__s_flags[m] & PORTREG_RF_NUMBER) && small_lo(m) <= port &&
           port <= small_hi(m);
}

/* Appends the handles of small record m that are of `protos` to
 * out[0 .. cap); returns the new total, counting past cap. */
static inline size_t take_record(unsigned m, unsigned protos, const portreg_entry **out,
                                 size_t cap, size_t total)
{
    unsigned flags = portreg__s_flags[m], mask = flags & protos & PORTREG_RF_MATCH;
    if (!mask)
        return total;
    if (flags & PORTREG_RF_NOPROTO)
        mask = 1; /* one handle, transport 0 */
    for (; mask; mask &= mask - 1) {
        if (total < cap)
            out[total] = small_handle(m, lowest_bit(mask));
        total++;
    }
    return total;
}
#else
static inline size_t record_index(const portreg_entry *e)
{
    return (size_t)(e - portreg__records);
}

static inline unsigned record_flags(const portreg_entry *e)
{
    return portreg__record_flags[record_index(e)];
}
#endif

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

#if !defined(PORTREG_PROFILE_SMALL)
/* ---- What the scans of runs read, as in the small profile above ---- */

static inline unsigned record_flags_at(unsigned r)
{
    return portreg__record_flags[r];
}

static inline const char *record_name_at(unsigned r)
{
    return pool_string(portreg__records[r].name);
}

/* Whether record r has a port or range that holds `port`. */
static inline int record_covers(unsigned r, unsigned port)
{
    return portreg_covers_port(&portreg__records[r], portreg__record_flags[r], port);
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
#endif

/* The first record of `name` (lookup_name.c), in registry order, that
 * matches `protos` and has a port; NULL when none has.  The whole run is
 * walked: a name may have any number of name-only records (DNS-SD) before
 * its first port. */
const portreg_entry *portreg__lookup_name_with_port(const char *name, unsigned protos);

#endif
