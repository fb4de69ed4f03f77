/* Records and their fields. */
#include "entry_internal.h"

#if defined(PORTREG_PROFILE_SMALL)
/*
 * The small profile (portreg_table.h): the named records only, as handles
 * into merged records, and no field but name, protocol and port.  The
 * accessors of the fields left out answer as for a record that lacks
 * them: "", 0, NULL or PORTREG_ENOTFOUND (portreg.h).
 */
size_t portreg_count(void)
{
    return portreg__s_entry_count;
}

/* Handles before small record m: the prefix of its block, then the
 * records before it in the block (fewer than PORTREG_SMALL_PREFIX_STEP). */
static size_t handles_before(unsigned m)
{
    unsigned k = m - m % PORTREG_SMALL_PREFIX_STEP;
    size_t n = portreg__s_prefix[k / PORTREG_SMALL_PREFIX_STEP];
    for (; k < m; k++)
        n += small_handles(portreg__s_flags[k]);
    return n;
}

const portreg_entry *portreg_at(size_t index)
{
    size_t lo = 0, hi = portreg__record_count / PORTREG_SMALL_PREFIX_STEP + 1, n;
    unsigned m, mask;

    if (index >= portreg__s_entry_count)
        return NULL;
    /* The last block whose prefix is at most `index`. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (portreg__s_prefix[mid] <= index)
            lo = mid;
        else
            hi = mid - 1;
    }
    m = (unsigned)(lo * PORTREG_SMALL_PREFIX_STEP);
    n = portreg__s_prefix[lo];
    while (n + small_handles(portreg__s_flags[m]) <= index)
        n += small_handles(portreg__s_flags[m++]);
    if (portreg__s_flags[m] & PORTREG_RF_NOPROTO)
        return small_handle(m, 0);
    mask = portreg__s_flags[m] & PORTREG_RF_MATCH;
    for (; n < index; n++)
        mask &= mask - 1;
    return small_handle(m, lowest_bit(mask));
}

size_t portreg_entry_index(const portreg_entry *e)
{
    size_t at;
    unsigned m, t, flags;
    if (!e)
        return (size_t)-1;
    at = handle_offset(e);
    m = (unsigned)(at / PORTREG_SMALL_RECORD_BYTES);
    t = (unsigned)(at % PORTREG_SMALL_RECORD_BYTES);
    flags = portreg__s_flags[m];
    if (flags & PORTREG_RF_NOPROTO)
        return handles_before(m);
    return handles_before(m) + small_handles(flags & PORTREG_RF_MATCH & ((1u << t) - 1));
}

const char *portreg_entry_name(const portreg_entry *e)
{
    return e ? small_name((unsigned)(handle_offset(e) / PORTREG_SMALL_RECORD_BYTES)) : "";
}

unsigned portreg_entry_protos(const portreg_entry *e)
{
    size_t at;
    if (!e)
        return 0;
    at = handle_offset(e);
    if (portreg__s_flags[at / PORTREG_SMALL_RECORD_BYTES] & PORTREG_RF_NOPROTO)
        return 0;
    return 1u << (at % PORTREG_SMALL_RECORD_BYTES);
}

int portreg_entry_ports(const portreg_entry *e, uint16_t *lo, uint16_t *hi)
{
    unsigned m;
    if (!e)
        return PORTREG_ENOTFOUND;
    m = (unsigned)(handle_offset(e) / PORTREG_SMALL_RECORD_BYTES);
    if (!(portreg__s_flags[m] & PORTREG_RF_NUMBER))
        return PORTREG_ENOTFOUND;
    if (lo)
        *lo = (uint16_t)small_lo(m);
    if (hi)
        *hi = (uint16_t)small_hi(m);
    return 0;
}

const char *portreg_entry_description(const portreg_entry *e)
{
    (void)e;
    return "";
}

const char *portreg_entry_date(const portreg_entry *e)
{
    (void)e;
    return "";
}

const char *portreg_entry_updated(const portreg_entry *e)
{
    (void)e;
    return "";
}

const char *portreg_entry_note(const portreg_entry *e)
{
    (void)e;
    return "";
}

const char *portreg_entry_unauthorized(const portreg_entry *e)
{
    (void)e;
    return "";
}

int portreg_entry_service_code(const portreg_entry *e, uint32_t *code)
{
    (void)e;
    (void)code;
    return PORTREG_ENOTFOUND;
}

size_t portreg_entry_ref_count(const portreg_entry *e)
{
    (void)e;
    return 0;
}

const char *portreg_entry_ref(const portreg_entry *e, size_t i)
{
    (void)e;
    (void)i;
    return NULL;
}

portreg_ref_type portreg_entry_ref_type(const portreg_entry *e, size_t i)
{
    (void)e;
    (void)i;
    return (portreg_ref_type)0;
}

#else /* the full profile */

size_t portreg_count(void)
{
    return portreg__record_count;
}

const portreg_entry *portreg_at(size_t index)
{
    return index < portreg__record_count ? &portreg__records[index] : NULL;
}

size_t portreg_entry_index(const portreg_entry *e)
{
    return e ? record_index(e) : (size_t)-1;
}

const char *portreg_entry_name(const portreg_entry *e)
{
    return e ? pool_string(e->name) : "";
}

unsigned portreg_entry_protos(const portreg_entry *e)
{
    if (!e || (record_flags(e) & PORTREG_RF_NOPROTO))
        return 0;
    return record_flags(e) & PORTREG_RF_MATCH;
}

int portreg_entry_ports(const portreg_entry *e, uint16_t *lo, uint16_t *hi)
{
    if (!e || !(record_flags(e) & PORTREG_RF_NUMBER))
        return PORTREG_ENOTFOUND;
    if (lo)
        *lo = e->port_lo;
    if (hi)
        *hi = e->port_hi;
    return 0;
}

const char *portreg_entry_description(const portreg_entry *e)
{
    return e ? pool_string(e->description) : "";
}

const char *portreg_entry_date(const portreg_entry *e)
{
    return e ? pool_string(portreg__dates[e->date]) : "";
}

const char *portreg_entry_updated(const portreg_entry *e)
{
    return e ? pool_string(portreg__dates[e->updated]) : "";
}

/* extras[0] is all zeros, so records without extras read "" and 0. */
static const struct portreg_extra *extra_of(const portreg_entry *e)
{
    return &portreg__extras[e ? e->extra : 0];
}

const char *portreg_entry_note(const portreg_entry *e)
{
    return pool_string(extra_of(e)->note);
}

const char *portreg_entry_unauthorized(const portreg_entry *e)
{
    return pool_string(extra_of(e)->unauthorized);
}

int portreg_entry_service_code(const portreg_entry *e, uint32_t *code)
{
    const struct portreg_extra *x = extra_of(e);
    if (!x->has_service_code)
        return PORTREG_ENOTFOUND;
    if (code)
        *code = x->service_code;
    return 0;
}

size_t portreg_entry_ref_count(const portreg_entry *e)
{
    return extra_of(e)->ref_count;
}

const char *portreg_entry_ref(const portreg_entry *e, size_t i)
{
    const struct portreg_extra *x = extra_of(e);
    return i < x->ref_count ? pool_string(portreg__refs[x->ref_first + i].data) : NULL;
}

portreg_ref_type portreg_entry_ref_type(const portreg_entry *e, size_t i)
{
    const struct portreg_extra *x = extra_of(e);
    return i < x->ref_count ? (portreg_ref_type)portreg__refs[x->ref_first + i].type
                            : (portreg_ref_type)0;
}

#endif

const char *portreg_registry_updated(void)
{
    return portreg__registry_updated;
}
