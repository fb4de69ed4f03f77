/* Name lookups through the hash-and-displace index of portreg_table.h. */
#include "entry_internal.h"

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

/* For the one function a lookup is made of: compilers judge the short-name
 * probe too big to inline, and the call with its register saves cost a
 * tenth of a lookup. */
#if defined(__GNUC__)
#define LOOKUP_INLINE inline __attribute__((always_inline))
#else
#define LOOKUP_INLINE inline
#endif

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

/* Both words of a short name to lower case.  With SSE2 (every x86-64),
 * two signed byte compares find the upper-case letters among all sixteen
 * bytes at once; bytes from 0x80 up compare as negative and stay.  That
 * takes a tenth off a lookup against two fold_word calls. */
static inline void fold_short(uint64_t w[2])
{
#if defined(__SSE2__) && defined(__x86_64__)
    __m128i x = _mm_set_epi64x((long long)w[1], (long long)w[0]);
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                  _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
    x = _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8('a' - 'A')));
    w[0] = (uint64_t)_mm_cvtsi128_si64(x);
    w[1] = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(x, x));
#else
    w[0] = fold_word(w[0]);
    w[1] = fold_word(w[1]);
#endif
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

/* Sixteen zero bytes, read instead of the name by the loads that belong
 * to another length class than the name's (see read_short). */
static const char no_bytes[16];

/* `s` when `take` is 1, else no_bytes.  Chosen by a mask: compilers turn
 * a conditional between the two into a branch. */
static inline const char *name_or_nothing(const char *s, size_t take)
{
    uintptr_t mask = (uintptr_t)0 - (uintptr_t)take;
    return (const char *)(((uintptr_t)s & mask) | ((uintptr_t)no_bytes & ~mask)); /* NOLINT(performance-no-int-to-ptr) */
}

/* The 1 to 15 bytes of a short name into two zero-padded words, reading
 * no byte past the name.  On little-endian machines each length class has
 * its loads: two overlapping 8-byte loads for 8-15 bytes, two 4-byte
 * loads for 4-7, three byte loads for 1-3.  All three run every time; the
 * classes that are not the name's read no_bytes and add nothing.  A
 * branch on the class instead is mispredicted on a mix of lengths, which
 * cost about a third of a lookup.  The bytes land where memcpy would put
 * them, which is what the compiler's hash saw. */
static inline void read_short(uint64_t w[2], const char *s, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t is8 = len >= 8, is4 = len - 4 < 4, is1 = len < 4;
    size_t tail8 = (len - 8) & (0 - is8), tail4 = (len - 4) & (0 - is4);
    size_t mid1 = (len / 2) & (0 - is1), tail1 = (len - 1) & (0 - is1);
    const char *p8 = name_or_nothing(s, is8), *p4 = name_or_nothing(s, is4);
    const char *p1 = name_or_nothing(s, is1);

    w[0] = load64(p8) | load32(p4) | load32(p4 + tail4) << (8 * tail4) |
           (uint64_t)(unsigned char)p1[0] | (uint64_t)(unsigned char)p1[mid1] << (8 * mid1) |
           (uint64_t)(unsigned char)p1[tail1] << (8 * tail1);
    w[1] = (load64(p8 + tail8) >> (8 * (7 - tail8))) >> 8; /* bytes 8 .. len-1 */
#else
    w[0] = w[1] = 0;
    memcpy(w, s, len);
#endif
}

/* A query's place in the index: its slot, and 1 when the slot holds it. */
struct probe {
    uint32_t slot;
    unsigned found;
};

static inline uint32_t slot_of(const uint64_t *words, size_t count)
{
    uint64_t hash = portreg_name_hash(words, count, portreg__name_seed);
    uint16_t pilot = portreg__name_pilots[portreg_name_bucket(hash, portreg__name_bucket_count)];
    return portreg_name_slot(hash, pilot, portreg__name_slot_count);
}

#if defined(PORTREG_PROFILE_SMALL)
/* The slot's folded name. */
static inline const char *slot_name(uint32_t slot)
{
    return portreg__pool + PORTREG_SMALL_NAME_ALIGN * (size_t)portreg__s_name_slots[slot].key;
}

/* The record of the slot's first handle: where the scan of its run starts. */
static inline unsigned slot_first_record(uint32_t slot)
{
    return portreg__s_name_slots[slot].first / PORTREG_SMALL_RECORD_BYTES;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* For a name of len bytes (1 to 15), the two words' masks of its first
 * len + 1 bytes, its NUL included: name_masks[0][len] for the first word,
 * name_masks[1][len] for the second.  Read from a table, which costs less
 * than computing them on every lookup; first words, then second words,
 * so that both are one scaled index from one base. */
#define M(n) (~(uint64_t)0 >> (64 - 8 * (n)))
static const uint64_t name_masks[2][16] = {
    {0, M(2), M(3), M(4), M(5), M(6), M(7), ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0,
     ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0},
    {0, 0, 0, 0, 0, 0, 0, 0, M(1), M(2), M(3), M(4), M(5), M(6), M(7), ~(uint64_t)0}};
#undef M
#endif

/* Whether the stored folded name is the query's `len` folded bytes in
 * w[0..1], zero-padded: its first len + 1 bytes (with the NUL) are
 * compared, so that the next name in the pool does not count. */
static inline unsigned stored_equals_short(const char *stored, const uint64_t w[2], size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (((load64(stored) ^ w[0]) & name_masks[0][len & 15]) |
            ((load64(stored + 8) ^ w[1]) & name_masks[1][len & 15])) == 0;
#else
    unsigned char q[16];
    memcpy(q, w, 16);
    return memcmp(stored, q, len + 1) == 0;
#endif
}

/* The same for a folded query of any length, in words w (the stored name
 * is folded). */
static inline unsigned stored_equals(const char *stored, const uint64_t *w, size_t len)
{
    return memcmp(stored, w, len) == 0 && stored[len] == '\0';
}

#else
static inline const char *slot_name(uint32_t slot)
{
    return portreg__pool + 8 * (size_t)portreg__name_slots[slot].key;
}

/* The slot's first record: where the scan of its run starts. */
static inline unsigned slot_first_record(uint32_t slot)
{
    return portreg__name_slots[slot].first;
}

/* Whether the stored folded name, word-aligned and zero-padded to whole
 * words, is the query's folded words w[0..1] of a name of `len` bytes (1
 * to 15).  A stored name of under 8 bytes owns only its first word in the
 * pool (with its NUL in it), so the second word read is compared only for
 * a query of 8 bytes or more. */
static inline unsigned stored_equals_short(const char *stored, const uint64_t w[2], size_t len)
{
    uint64_t second = (uint64_t)0 - (uint64_t)(len >= 8);
    return ((load64(stored) ^ w[0]) | ((load64(stored + 8) ^ w[1]) & second)) == 0;
}

/* The same for the query's `PORTREG_NAME_WORDS(len)` words of a name of
 * any length. */
static inline unsigned stored_equals(const char *stored, const uint64_t *w, size_t len)
{
    uint64_t diff = 0;
    size_t i;
    for (i = 0; i < PORTREG_NAME_WORDS(len); i++)
        diff |= load64(stored + 8 * i) ^ w[i];
    return diff == 0;
}
#endif

/* A name of 1 to 15 bytes, nearly every query: two words kept in
 * registers, no loop and no branch. */
static LOOKUP_INLINE struct probe probe_short(const char *name, size_t len)
{
    uint64_t w[2];
    struct probe p;

    read_short(w, name, len);
    fold_short(w);
    p.slot = slot_of(w, 2);
    p.found = stored_equals_short(slot_name(p.slot), w, len);
    return p;
}

/* A legacy name of 16 to PORTREG_NAME_MAX bytes.  Its words reach past a
 * shorter stored name into the next ones, or the zero words that end the
 * folded names; either way, inside the pool. */
static struct probe probe_long(const char *name, size_t len)
{
    uint64_t w[PORTREG_NAME_WORDS_MAX] = {0};
    size_t count = PORTREG_NAME_WORDS(len), i;
    struct probe p;

    memcpy(w, name, len);
    for (i = 0; i < count; i++)
        w[i] = fold_word(w[i]);
    p.slot = slot_of(w, count);
    p.found = stored_equals(slot_name(p.slot), w, len);
    return p;
}

/* Whether a query can be a name at all, by its length.  NUL bytes are the
 * callers' concern: there are none before strlen's end, and
 * portreg_lookup_name_len refuses them. */
static inline int is_name_shaped(const char *name, size_t len)
{
    return name && len > 0 && len <= PORTREG_NAME_MAX;
}

/* For a name-shaped query. */
static LOOKUP_INLINE struct probe probe_name(const char *name, size_t len)
{
    return len < 16 ? probe_short(name, len) : probe_long(name, len);
}

/* The handles of the slot's run that match `protos` and whose records
 * have every flag of `need`, as the _all functions count and write them. */
static size_t run_records(uint32_t slot, unsigned protos, unsigned need,
                          const portreg_entry **out, size_t cap)
{
    const struct portreg_run *listed =
        listed_run(portreg__name_runs, portreg__name_run_count, slot);
    const char *folded = slot_name(slot);
    size_t total = 0;
    unsigned i;

    if (!out)
        cap = 0;
    if (listed) {
        for (i = listed[0].start; i < listed[1].start; i++) {
            unsigned r = portreg__name_run_records[i];
            if ((record_flags_at(r) & need) == need)
                total = take_record(r, protos, out, cap, total);
        }
        return total;
    }
    for (i = slot_first_record(slot); i < portreg__record_count; i++) {
        if (!portreg_name_folds_to(record_name_at(i), folded))
            break;
        if ((record_flags_at(i) & need) == need)
            total = take_record(i, protos, out, cap, total);
    }
    return total;
}

static size_t name_all(const char *name, size_t len, unsigned protos,
                       const portreg_entry **out, size_t cap)
{
    struct probe p;

    if (!is_name_shaped(name, len))
        return 0;
    p = probe_name(name, len);
    return p.found ? run_records(p.slot, protos, 0, out, cap) : 0;
}

static LOOKUP_INLINE const portreg_entry *name_first(const char *name, size_t len, unsigned protos)
{
    struct probe p;
    unsigned r, other;
    uintptr_t address;

    if (!is_name_shaped(name, len))
        return NULL;
    p = probe_name(name, len);
#if defined(PORTREG_PROFILE_SMALL)
    /* The slot holds the first handle (portreg_table.h), the answer when
     * `protos` has the handle's transport.  Otherwise a later record may
     * be.  (So may a record that names no protocol, transport 0, asked
     * without tcp: rare, and the run answers it right.) */
    r = portreg__s_name_slots[p.slot].first;
    other = ((protos >> (r % PORTREG_SMALL_RECORD_BYTES)) & 1u) == 0;
    address = (uintptr_t)portreg__s_records + r;
#else
    /* When the first record is not of a protocol asked for, a later one
     * may be. */
    r = portreg__name_slots[p.slot].first;
    other = (portreg__record_flags[r] & protos & PORTREG_RF_MATCH) == 0;
    address = (uintptr_t)&portreg__records[p.found * r];
#endif
    /* Bitwise, not &&: a branch on `found` would be mispredicted on half
     * of a mixed stream of hits and misses. */
    if (p.found & other) {
        const portreg_entry *first = NULL;
        return run_records(p.slot, protos, 0, &first, 1) ? first : NULL;
    }
    /* Masked to NULL on a miss, without a branch a mixed stream of hits
     * and misses would mispredict half the time. */
    return (const portreg_entry *)(address & ((uintptr_t)0 - p.found)); /* NOLINT(performance-no-int-to-ptr) */
}

/* A NUL inside the name would read like the zero padding after a shorter
 * stored name, or an empty slot's: refused, as portreg.h promises. */
const portreg_entry *portreg_lookup_name_len(const char *name, size_t len, unsigned protos)
{
    if (!is_name_shaped(name, len) || memchr(name, '\0', len))
        return NULL;
    return name_first(name, len, protos);
}

const portreg_entry *portreg_lookup_name(const char *name, unsigned protos)
{
    return name ? name_first(name, strlen(name), protos) : NULL;
}

size_t portreg_lookup_name_all(const char *name, unsigned protos, const portreg_entry **out,
                               size_t cap)
{
    return name ? name_all(name, strlen(name), protos, out, cap) : 0;
}

const portreg_entry *portreg__lookup_name_with_port(const char *name, unsigned protos)
{
    const portreg_entry *first = NULL;
    size_t len = name ? strlen(name) : 0;
    struct probe p;

    if (!is_name_shaped(name, len))
        return NULL;
    p = probe_name(name, len);
    if (p.found)
        run_records(p.slot, protos, PORTREG_RF_NUMBER, &first, 1);
    return first;
}
