/* Name lookups through the hash-and-displace index of portreg_table.h. */
#include "entry_internal.h"

/* Folds `name` into `key` (zero-padded to a whole number of 8-byte words)
 * and returns the slot whose key equals it, or -1. */
static long find_slot(const char *name, size_t len)
{
    unsigned char key[PORTREG_NAME_MAX + 1 + 8];
    uint64_t hash;
    uint32_t slot;
    const char *stored;
    size_t i;

    if (len == 0 || len > PORTREG_NAME_MAX)
        return -1;
    for (i = 0; i < len; i++)
        key[i] = portreg_fold((unsigned char)name[i]);
    memset(key + len, 0, 8);
    hash = portreg_name_hash(key, len, portreg__name_seed);
    slot = portreg_name_slot(hash, portreg__name_pilots[portreg_name_bucket(
                                       hash, portreg__name_bucket_count)],
                             portreg__name_slot_count);
    stored = portreg__pool + portreg__name_keys[slot];
    /* A NUL in the query cannot match: stored names have none, and the
     * stored name must end exactly at len. */
    if (memcmp(stored, key, len) != 0 || stored[len] != '\0')
        return -1;
    return (long)slot;
}

static size_t name_all(const char *name, size_t len, unsigned protos,
                       const portreg_entry **out, size_t cap)
{
    long slot = name ? find_slot(name, len) : -1;
    unsigned i, end;
    size_t total = 0;

    if (slot < 0)
        return 0;
    if (!out)
        cap = 0;
    end = portreg__name_start[slot + 1];
    for (i = portreg__name_start[slot]; i < end; i++) {
        unsigned r = portreg__name_records[i];
        if (!(portreg__record_flags[r] & protos & PORTREG_RF_MATCH))
            continue;
        if (total < cap)
            out[total] = &portreg__records[r];
        total++;
    }
    return total;
}

/* strnlen is POSIX, not C99; the bound keeps a hostile unterminated
 * buffer from being read past PORTREG_NAME_MAX + 1 bytes. */
static size_t bounded_length(const char *s)
{
    size_t n = 0;
    while (n <= PORTREG_NAME_MAX && s[n])
        n++;
    return n;
}

const portreg_entry *portreg_lookup_name_len(const char *name, size_t len, unsigned protos)
{
    const portreg_entry *first = NULL;
    if (!name)
        return NULL;
    return name_all(name, len, protos, &first, 1) ? first : NULL;
}

const portreg_entry *portreg_lookup_name(const char *name, unsigned protos)
{
    if (!name)
        return NULL;
    return portreg_lookup_name_len(name, bounded_length(name), protos);
}

size_t portreg_lookup_name_all(const char *name, unsigned protos, const portreg_entry **out,
                               size_t cap)
{
    if (!name)
        return 0;
    return name_all(name, bounded_length(name), protos, out, cap);
}
