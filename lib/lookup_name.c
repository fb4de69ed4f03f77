/* Name lookups through the hash-and-displace index of portreg_table.h. */
#include "entry_internal.h"

/* ASCII upper case to lower case in eight bytes at once.  For each byte,
 * bit 7 of (low7 + 0x80 - 'A') says low7 >= 'A', and of (low7 + 0x80 -
 * 'Z' - 1) says low7 > 'Z' (no sum carries into the next byte); bytes with
 * bit 7 set are not ASCII and stay.  The 0x80 of a letter, shifted right
 * by two, is the 0x20 that makes it lower case. */
static uint64_t fold_word(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    uint64_t low7 = w & (0x7f * ones);
    uint64_t at_least_a = low7 + (0x80 - 'A') * ones;
    uint64_t above_z = low7 + (0x80 - 'Z' - 1) * ones;
    uint64_t upper = at_least_a & ~above_z & ~w & (0x80 * ones);
    return w | (upper >> 2);
}

/* The slot whose folded name equals `name`, or -1. */
static long find_slot(const char *name, size_t len)
{
    uint64_t key[PORTREG_NAME_WORDS_MAX];
    size_t words, i;
    uint64_t hash;
    uint32_t slot;
    const char *stored;

    /* A NUL inside the name makes it differ from every stored name in some
     * word, except a NUL at the end, which would read like the padding. */
    if (len == 0 || len > PORTREG_NAME_MAX || name[len - 1] == '\0')
        return -1;
    words = PORTREG_NAME_WORDS(len);
    key[words - 1] = 0; /* the NUL and the padding after the name */
    memcpy(key, name, len);
    for (i = 0; i < words; i++)
        key[i] = fold_word(key[i]);
    hash = portreg_name_hash(key, words, portreg__name_seed);
    slot = portreg_name_slot(hash,
                             portreg__name_pilots[portreg_name_bucket(hash,
                                                                      portreg__name_bucket_count)],
                             portreg__name_slot_count);
    /* Stored names are zero-padded words too, so equal words mean equal
     * names.  The pool has room for the words read past a short name. */
    stored = portreg__pool + portreg__name_keys[slot];
    for (i = 0; i < words; i++) {
        uint64_t w;
        memcpy(&w, stored + 8 * i, 8);
        if (w != key[i])
            return -1;
    }
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

const portreg_entry *portreg_lookup_name_len(const char *name, size_t len, unsigned protos)
{
    long slot = name ? find_slot(name, len) : -1;
    unsigned i, end;

    if (slot < 0)
        return NULL;
    end = portreg__name_start[slot + 1];
    for (i = portreg__name_start[slot]; i < end; i++) {
        unsigned r = portreg__name_records[i];
        if (portreg__record_flags[r] & protos & PORTREG_RF_MATCH)
            return &portreg__records[r]; /* the first in registry order */
    }
    return NULL;
}

const portreg_entry *portreg_lookup_name(const char *name, unsigned protos)
{
    return name ? portreg_lookup_name_len(name, strlen(name), protos) : NULL;
}

size_t portreg_lookup_name_all(const char *name, unsigned protos, const portreg_entry **out,
                               size_t cap)
{
    return name ? name_all(name, strlen(name), protos, out, cap) : 0;
}
