/* Name lookups through the hash-and-displace index of portreg_table.h. */
#include "entry_internal.h"

/* A query as the index sees it: folded, zero-padded words. */
struct name_key {
    uint64_t words[PORTREG_NAME_WORDS_MAX];
    size_t count; /* PORTREG_NAME_WORDS(len) */
    size_t len;
};

/* ASCII upper case to lower case in eight bytes at once.  For each byte,
 * bit 7 of (low7 + 0x80 - 'A') says low7 >= 'A', and of (low7 + 0x80 -
 * 'Z' - 1) says low7 > 'Z' (no sum carries into the next byte); bytes with
 * bit 7 set are not ASCII and stay.  The 0x80 of a letter, shifted right
 * by two, is the 0x20 that makes it lower case. */
static inline uint64_t fold_word(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    uint64_t low7 = w & (0x7f * ones);
    uint64_t at_least_a = low7 + (0x80 - 'A') * ones;
    uint64_t above_z = low7 + (0x80 - 'Z' - 1) * ones;
    uint64_t upper = at_least_a & ~above_z & ~w & (0x80 * ones);
    return w | (upper >> 2);
}

static inline uint64_t load64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint64_t load32(const char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

/* The 1 to 15 bytes of a short name into two zero-padded words, reading
 * no byte past the name.  On little-endian machines two overlapping loads
 * and shifts do it without a call or a byte loop; the bytes land where
 * memcpy would put them, which is what the compiler's hash saw. */
static inline void read_short(uint64_t w[2], const char *s, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len >= 8) {
        w[0] = load64(s);
        w[1] = (load64(s + len - 8) >> (8 * (15 - len))) >> 8; /* bytes 8 .. len-1 */
    } else if (len >= 4) {
        w[0] = load32(s) | load32(s + len - 4) << (8 * (len - 4));
        w[1] = 0;
    } else {
        w[0] = (uint64_t)(unsigned char)s[0] |
               (uint64_t)(unsigned char)s[len / 2] << (8 * (len / 2)) |
               (uint64_t)(unsigned char)s[len - 1] << (8 * (len - 1));
        w[1] = 0;
    }
#else
    w[0] = w[1] = 0;
    memcpy(w, s, len);
#endif
}

/* Fills `k` from a name of 1 to PORTREG_NAME_MAX bytes. */
static inline void read_key(struct name_key *k, const char *name, size_t len)
{
    size_t i;
    k->len = len;
    k->count = PORTREG_NAME_WORDS(len);
    if (len < 16) {
        read_short(k->words, name, len);
    } else {
        k->words[k->count - 1] = 0;
        memcpy(k->words, name, len);
    }
    for (i = 0; i < k->count; i++)
        k->words[i] = fold_word(k->words[i]);
}

static inline uint32_t slot_of(const struct name_key *k)
{
    uint64_t hash = portreg_name_hash(k->words, k->count, portreg__name_seed);
    uint16_t pilot = portreg__name_pilots[portreg_name_bucket(hash, portreg__name_bucket_count)];
    return portreg_name_slot(hash, pilot, portreg__name_slot_count);
}

/* Whether the slot's folded name equals the key, without a branch for the
 * usual two words.  A name of under 8 bytes owns only its first word in
 * the pool (with its NUL in it), so the second word read is not compared. */
static inline int slot_matches(uint32_t slot, const struct name_key *k)
{
    const char *stored = portreg__pool + 8 * (size_t)portreg__name_slots[slot].key;
    uint64_t second = (uint64_t)0 - (uint64_t)(k->len >= 8);
    uint64_t diff = (load64(stored) ^ k->words[0]) | ((load64(stored + 8) ^ k->words[1]) & second);
    size_t i;
    for (i = 2; i < k->count; i++)
        diff |= load64(stored + 8 * i) ^ k->words[i];
    return diff == 0;
}

/* Whether a query can be a name at all.  A NUL inside the name makes it
 * differ from every stored name in some word, except a NUL at the end,
 * which would read like the padding: refused here. */
static int is_name_shaped(const char *name, size_t len)
{
    return name && len > 0 && len <= PORTREG_NAME_MAX && name[len - 1] != '\0';
}

/* The records of the slot's run that match `protos`, as the _all
 * functions count and write them. */
static size_t run_records(uint32_t slot, unsigned protos, const portreg_entry **out, size_t cap)
{
    unsigned i, end = portreg__name_start[slot + 1];
    size_t total = 0;

    if (!out)
        cap = 0;
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

static size_t name_all(const char *name, size_t len, unsigned protos,
                       const portreg_entry **out, size_t cap)
{
    struct name_key k;
    uint32_t slot;

    if (!is_name_shaped(name, len))
        return 0;
    read_key(&k, name, len);
    slot = slot_of(&k);
    return slot_matches(slot, &k) ? run_records(slot, protos, out, cap) : 0;
}

const portreg_entry *portreg_lookup_name_len(const char *name, size_t len, unsigned protos)
{
    struct name_key k;
    uint32_t slot;
    unsigned r, found, other;
    uintptr_t address;

    if (!is_name_shaped(name, len))
        return NULL;
    read_key(&k, name, len);
    slot = slot_of(&k);
    r = portreg__name_slots[slot].first;
    found = (unsigned)slot_matches(slot, &k);
    other = (portreg__record_flags[r] & protos & PORTREG_RF_MATCH) == 0;
    /* When the first record is not of a protocol asked for, a later one
     * may be.  Bitwise, not &&: a branch on `found` would be mispredicted
     * on half of a mixed stream of hits and misses. */
    if (found & other) {
        const portreg_entry *first = NULL;
        return run_records(slot, protos, &first, 1) ? first : NULL;
    }
    /* Masked to NULL on a miss, without a branch a mixed stream of hits
     * and misses would mispredict half the time. */
    address = (uintptr_t)&portreg__records[found * r];
    return (const portreg_entry *)(address & ((uintptr_t)0 - found)); /* NOLINT(performance-no-int-to-ptr) */
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
