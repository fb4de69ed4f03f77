/*
 * The IANA protocol-numbers registry: number and keyword lookups and the
 * fields of a record, over the tables of portreg_table.h's protocol
 * section (written by compiler/protocol_emit.c).
 */
#include "protocol_internal.h"

#include "portreg_table.h"

static const char *protocol_string(uint32_t offset)
{
    return portreg__protocol_pool + offset;
}

size_t portreg_protocol_count(void)
{
    return portreg__protocol_count;
}

const portreg_protocol *portreg_protocol_at(size_t index)
{
    return index < portreg__protocol_count ? &portreg__protocols[index] : NULL;
}

const portreg_protocol *portreg_protocol_by_number(unsigned number)
{
    uint16_t i;
    if (number > 255)
        return NULL;
    i = portreg__protocol_number_index[number];
    return i == PORTREG_PROTOCOL_NONE ? NULL : &portreg__protocols[i];
}

/* One probe of the perfect hash, then one comparison with ASCII case
 * folded: a keyword that is not in the table lands on another keyword's
 * slot (or an empty one) and fails the comparison. */
const portreg_protocol *portreg__protocol_by_keyword_len(const char *keyword, size_t len)
{
    const struct portreg_protocol *p;
    const char *k;
    uint32_t slot;
    uint16_t i;
    size_t n;

    if (!keyword || len == 0 || len > PORTREG_NAME_MAX)
        return NULL;
    slot = portreg_keyword_hash(keyword, len, portreg__protocol_keyword_seed) &
           portreg__protocol_keyword_mask;
    i = portreg__protocol_keyword_slots[slot];
    if (i == PORTREG_PROTOCOL_NONE)
        return NULL;
    p = &portreg__protocols[i];
    k = protocol_string(p->keyword);
    for (n = 0; n < len; n++) {
        /* k ends in a NUL, which no folded byte of a match can equal: a
         * NUL in `keyword` or a keyword shorter than `len` stops here. */
        if (k[n] == '\0' || portreg_fold((unsigned char)k[n]) !=
                                portreg_fold((unsigned char)keyword[n]))
            return NULL;
    }
    return k[len] == '\0' ? p : NULL;
}

const portreg_protocol *portreg_protocol_by_keyword(const char *keyword)
{
    size_t len = 0;
    if (!keyword)
        return NULL;
    /* Bounded: a longer keyword matches nothing, however long it is. */
    while (len <= PORTREG_NAME_MAX && keyword[len])
        len++;
    return portreg__protocol_by_keyword_len(keyword, len);
}

int portreg_protocol_numbers(const portreg_protocol *p, uint8_t *lo, uint8_t *hi)
{
    if (!p)
        return PORTREG_EINVAL;
    if (lo)
        *lo = p->lo;
    if (hi)
        *hi = p->hi;
    return 0;
}

const char *portreg_protocol_keyword(const portreg_protocol *p)
{
    return p ? protocol_string(p->keyword) : "";
}

const char *portreg_protocol_description(const portreg_protocol *p)
{
    return p ? protocol_string(p->description) : "";
}

int portreg_protocol_ipv6_ext(const portreg_protocol *p)
{
    return p && (p->flags & PORTREG_PF_IPV6_EXT) ? 1 : 0;
}

int portreg_protocol_deprecated(const portreg_protocol *p)
{
    return p && (p->flags & PORTREG_PF_DEPRECATED) ? 1 : 0;
}

size_t portreg_protocol_ref_count(const portreg_protocol *p)
{
    return p ? p->ref_count : 0;
}

const char *portreg_protocol_ref(const portreg_protocol *p, size_t i)
{
    if (!p || i >= p->ref_count)
        return NULL;
    return protocol_string(portreg__protocol_refs[p->ref_first + i].data);
}

portreg_ref_type portreg_protocol_ref_type(const portreg_protocol *p, size_t i)
{
    if (!p || i >= p->ref_count)
        return (portreg_ref_type)0;
    return (portreg_ref_type)portreg__protocol_refs[p->ref_first + i].type;
}

const char *portreg_protocols_updated(void)
{
    return portreg__protocols_updated;
}
