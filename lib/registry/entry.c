/* Records and their fields. */
#include "entry_internal.h"

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

const char *portreg_registry_updated(void)
{
    return portreg__registry_updated;
}
