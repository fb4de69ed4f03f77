/*
 * The format of the compiled registry: the one place where the build-time
 * compiler (compiler/emit.c writes it) and the runtime (reads it) agree.
 *
 * Everything is a flat array of integers referenced by index or by offset
 * into one string pool, never by pointer, so the table needs no dynamic
 * relocations and lives in read-only pages shared by every process.
 * Array names start with portreg__ and are hidden (-fvisibility=hidden).
 *
 * Indexes
 *  - Ports: a rank dictionary over the 65,536 possible ports.  A bitmap says
 *    which ports have records, a rank table counts set bits before each
 *    64-bit word, and rank + popcount gives the port's row: an
 *    order-preserving minimal perfect hash of the port universe, probed
 *    once, whose bit test is the verification.  The row holds the first
 *    named record for each protocol.  docs/DESIGN.md says why.
 *  - Names: hash-and-displace (PTHash style).  The case-folded name hashes
 *    to a bucket; the bucket's pilot displaces it to one slot; the slot's
 *    folded name is compared once, a word at a time.  The slot holds the
 *    name's first record.
 *  - Runs, all the records of a port or a name in registry order (for the
 *    _all functions): found by scanning from the first record, except for
 *    the few listed (see struct portreg_run).
 */
#ifndef PORTREG_TABLE_H
#define PORTREG_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "portreg.h"

/* Longest service name the compiler accepts and lookups consider (bytes).
 * RFC 6335 allows 15; older editions hold legacy names of up to 36. */
#define PORTREG_NAME_MAX 63

/* The transports of the registry, in the bit order of PORTREG_TCP ..
 * PORTREG_DCCP: each one's flag, name and IANA protocol number.  The one
 * list of them; everything that walks the transports walks this.  Names
 * are arrays, not pointers, so that the table needs no relocations. */
#define PORTREG_TRANSPORT_COUNT 4
struct portreg_transport {
    char name[8];
    unsigned flag;
    uint8_t ip_proto;
};
static const struct portreg_transport portreg_transports[PORTREG_TRANSPORT_COUNT] = {
    {"tcp", PORTREG_TCP, PORTREG_IPPROTO_TCP},
    {"udp", PORTREG_UDP, PORTREG_IPPROTO_UDP},
    {"sctp", PORTREG_SCTP, PORTREG_IPPROTO_SCTP},
    {"dccp", PORTREG_DCCP, PORTREG_IPPROTO_DCCP},
};

/* The transport of one flag; NULL for anything else. */
static inline const struct portreg_transport *portreg_transport_of_flag(unsigned flag)
{
    unsigned i;
    for (i = 0; i < PORTREG_TRANSPORT_COUNT; i++)
        if (portreg_transports[i].flag == flag)
            return &portreg_transports[i];
    return NULL;
}

/* The transport with IANA protocol number `ip_proto`; NULL for others. */
static inline const struct portreg_transport *portreg_transport_of_ip_proto(unsigned ip_proto)
{
    unsigned i;
    for (i = 0; i < PORTREG_TRANSPORT_COUNT; i++)
        if (portreg_transports[i].ip_proto == ip_proto)
            return &portreg_transports[i];
    return NULL;
}

#if defined(PORTREG_PROFILE_SMALL)
/* In the small profile a portreg_entry is a handle, a byte of
 * portreg__s_records (see the small profile's section below). */
struct portreg_entry {
    unsigned char byte;
};
#else
/* One record.  Strings are offsets into portreg__pool (0 is ""). */
struct portreg_entry {
    uint32_t name;        /* as written */
    uint32_t description; /* normalised */
    uint16_t port_lo;     /* valid when PORTREG_RF_NUMBER is set */
    uint16_t port_hi;
    uint16_t date;        /* index into portreg__dates; 0 = none */
    uint16_t updated;     /* index into portreg__dates; 0 = none */
    uint16_t parties;     /* index into portreg__parties; 0 = none */
    uint16_t extra;       /* index into portreg__extras; 0 = none */
};
#endif

/* portreg__record_flags[i] describes record i (kept apart from the records
 * so that index scans filter by protocol without touching them). */
#define PORTREG_RF_MATCH    0x0Fu /* protocols the record matches (all when none is named) */
#define PORTREG_RF_NOPROTO  0x10u /* the record names no protocol */
#define PORTREG_RF_NUMBER   0x20u /* the record has a port or range */
#define PORTREG_RF_NAMED    0x40u /* the record has a service name */
#define PORTREG_RF_RESERVED 0x80u /* unnamed, described as "Reserved" */

/* Fields most records lack. */
struct portreg_extra {
    uint32_t note;         /* pool offset */
    uint32_t unauthorized; /* pool offset */
    uint32_t service_code; /* valid when has_service_code */
    uint16_t ref_first;    /* index into portreg__refs */
    uint8_t ref_count;
    uint8_t has_service_code;
};

struct portreg_ref {
    uint32_t data; /* pool offset */
    uint32_t type; /* a portreg_ref_type */
};

/* Assignees then contacts: portreg__party_people[first ...]. */
struct portreg_party {
    uint16_t first;
    uint8_t assignees;
    uint8_t contacts;
};

/* A person is four consecutive pool strings, id, name, org and uri
 * (each possibly ""), so one offset locates them all. */
struct portreg_person {
    uint32_t strings; /* pool offset of the id */
};

/* ---- Generated by the compiler into the build tree ---- */

/* Declared hidden so that the runtime addresses the tables PC-relative,
 * without GOT entries (and their dynamic relocations). */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(hidden)
#endif

/* The string pool, generated as rows of PORTREG_POOL_ROW bytes (a literal
 * each, under C99's limit of 4,095 characters) and read as one array: a
 * pointer to an object, converted to a pointer to char, reaches every byte
 * of the object (C99 6.3.2.3p7), across rows too. */
#define PORTREG_POOL_ROW 4000
extern const char portreg__pool_rows[][PORTREG_POOL_ROW];
#define portreg__pool ((const char *)portreg__pool_rows)
/* Aligned so that the folded names at the start of the pool, each at a
 * multiple of 8, begin on word boundaries.  A matter of speed only: the
 * runtime reads words with memcpy, so a compiler without the attribute
 * still gives right answers. */
#if defined(__GNUC__)
#define PORTREG_POOL_ALIGN __attribute__((aligned(8)))
#else
#define PORTREG_POOL_ALIGN
#endif
extern const char portreg__registry_updated[];

extern const uint32_t portreg__record_count;
extern const struct portreg_entry portreg__records[];
extern const uint8_t portreg__record_flags[];
extern const uint32_t portreg__dates[];           /* pool offsets; [0] = "" */
extern const struct portreg_extra portreg__extras[]; /* [0] unused */
extern const struct portreg_ref portreg__refs[];
extern const struct portreg_party portreg__parties[]; /* [0] unused */
extern const uint16_t portreg__party_people[];
extern const struct portreg_person portreg__people[];

/* Port index.  Row 0 of port_first stands for "no record covers the
 * port", so that a miss reads a row like a hit does, without a branch;
 * covered ports have rows 1 and up, in port order.  Each row holds, per
 * protocol (bit order of PORTREG_TCP..PORTREG_DCCP), the first named
 * record, or PORTREG_PORT_RESERVED, or PORTREG_PORT_NONE.  The values are
 * ordered so that the smallest of several protocols is the answer. */
#define PORTREG_PORT_WORDS (65536 / 64)
#define PORTREG_PORT_RESERVED 0xFFFEu /* no named record; a "Reserved" one */
#define PORTREG_PORT_NONE 0xFFFFu     /* neither */
extern const uint64_t portreg__port_bits[PORTREG_PORT_WORDS];
extern const uint16_t portreg__port_rank[PORTREG_PORT_WORDS];
extern const uint16_t portreg__port_first[][PORTREG_TRANSPORT_COUNT];

/* Name index. */
extern const uint64_t portreg__name_seed;
extern const uint32_t portreg__name_bucket_count;
extern const uint32_t portreg__name_slot_count;
extern const uint16_t portreg__name_pilots[];
/* A slot: where its folded name starts in the pool, in 8-byte words (the
 * names come first in the pool and are word-aligned, so 16 bits reach
 * 512 KiB of them), and the first record of its run, so that the usual
 * lookup reads one slot and nothing else of the index.  An empty slot has
 * key 0 (the empty string). */
struct portreg_name_slot {
    uint16_t key;
    uint16_t first;
};
extern const struct portreg_name_slot portreg__name_slots[];

/*
 * Runs.  The registry lists the records of a port together, and nearly
 * always those of a name, so a key's run is usually the stretch of
 * consecutive records that starts at its first named record (a row's
 * smallest entry; a slot's first) and ends at the first record that is not
 * the key's (portreg_covers_port or, in the small profile, record_covers;
 * portreg_name_folds_to); the runtime
 * scans it, taking the named records.  The compiler checks each key's
 * scan against the registry and lists the keys whose scan would be wrong:
 * sorted by key (port, or slot), the run of entry i is
 * run_records[runs[i].start .. runs[i + 1].start); one more entry, after
 * the last, gives the end.  Listed runs hold named records only.
 */
struct portreg_run {
    uint16_t key;
    uint16_t start;
};
extern const uint32_t portreg__port_run_count;
extern const struct portreg_run portreg__port_runs[];
extern const uint16_t portreg__port_run_records[];
extern const uint32_t portreg__name_run_count;
extern const struct portreg_run portreg__name_runs[];
extern const uint16_t portreg__name_run_records[];

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

/* ---- The small profile (PORTREG_PROFILE=small) ----
 *
 * For firmware: only what lookups, port status, classification and flows
 * read.  No descriptions, dates, notes, references or people, and no
 * unnamed records; the pool holds names only.  The pool, the registry
 * date, the port bitmap and rank, the name hash (seed, buckets, slot
 * count, pilots) and the runs are as above; the rest is below.  The
 * runtime is built for one profile (PORTREG_PROFILE_SMALL defined or not)
 * and reads only that profile's tables.
 *
 * Records.  Consecutive named records of the registry that differ only in
 * their protocol (tcp, then udp, ...: ascending flags) are merged into one
 * small record, which keeps their protocols as a mask: the 2026 registry's
 * 12,809 named records become 7,555.  A portreg_entry handle still stands for
 * one registry record: it points at byte t of its small record's 4 bytes,
 * where t is the record's transport (PORTREG_TCP's bit 0, ...; 0 for a
 * record that names no protocol).  So handles are distinct, and in
 * registry order when compared as (small record, transport).  A small
 * record's 4 bytes are its name (pool offset / PORTREG_SMALL_NAME_ALIGN)
 * and its first port, each a little-endian 16-bit number; record M, after
 * the last, is a sentinel (no flags), whose handle empty name slots give
 * as their first.
 */
#define PORTREG_SMALL_RECORD_BYTES 4
/* Names in the small profile's pool start at multiples of this, and are
 * referred to by their offset divided by it. */
#define PORTREG_SMALL_NAME_ALIGN 2
#define PORTREG_RF_RANGE 0x80u /* small profile: the record's port_hi is in the range list */
/* Handles before small record 16k: portreg__s_prefix[k]. */
#define PORTREG_SMALL_PREFIX_STEP 16
/* Port rows: the row's first record (the smallest of the transports'),
 * and per transport a code: the offset of the transport's first handle
 * from the first record's handles, 4 * distance + the handle's transport
 * (0 for a record that names no protocol), or one of these.  Codes order
 * as the handles they stand for, and these three after them, so the
 * smallest code of the transports asked is the answer, as the smallest
 * entry of a full row is.  SCAN says that the runtime finds the answer as
 * the _all functions do (the runs above), for a record farther away than
 * a code can say. */
#define PORTREG_SMALL_CODE_SCAN 0xFDu
#define PORTREG_SMALL_CODE_RESERVED 0xFEu
#define PORTREG_SMALL_CODE_NONE 0xFFu
struct portreg_small_row {
    uint16_t first;
    uint8_t code[PORTREG_TRANSPORT_COUNT];
};
/* Rows are read as an array of these: no padding on any target. */
typedef char portreg_small_row_has_no_padding[sizeof(struct portreg_small_row) ==
                                                      2 + PORTREG_TRANSPORT_COUNT ? 1 : -1];
/* Small records, the sentinel included: a handle's offset, 4 * record +
 * transport, is 16-bit in the name slots. */
#define PORTREG_SMALL_RECORDS_MAX (0x10000u / PORTREG_SMALL_RECORD_BYTES)

struct portreg_small_range {
    uint16_t record;
    uint16_t hi;
};

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(hidden)
#endif
extern const unsigned char portreg__s_records[]; /* (M + 1) * 4 bytes */
extern const uint8_t portreg__s_flags[];         /* PORTREG_RF_*; M + 1 */
extern const uint32_t portreg__s_entry_count;    /* handles: the named records */
extern const uint16_t portreg__s_prefix[];       /* M / 16 + 2 */
extern const uint32_t portreg__s_range_count;
extern const struct portreg_small_range portreg__s_ranges[]; /* by record */
extern const struct portreg_small_row portreg__s_port_rows[]; /* row 0: a miss */
/* Name slots as the full profile's (struct portreg_name_slot), with two
 * differences.  The key is the pool offset / PORTREG_SMALL_NAME_ALIGN of
 * the folded name, not padded to whole words: the first record's name
 * when it has no upper-case letter, else a copy.  A lookup compares the
 * query's length and NUL only (the pool ends in 16 zero bytes, so that
 * reading a short name's two words stays inside).  And `first` is the name's first handle
 * in registry order, as its offset in portreg__s_records (4 * record +
 * transport; the sentinel's for an empty slot), so that the usual lookup
 * reads the slot and the name, and no record. */
extern const struct portreg_name_slot portreg__s_name_slots[];
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

/* ---- Shared by the compiler and the runtime ---- */

/* ASCII case folding only (RFC 6335 section 5.1); other bytes stay. */
static inline unsigned char portreg_fold(unsigned char c)
{
    return (unsigned char)((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c);
}

#if !defined(PORTREG_PROFILE_SMALL)
/* Whether a record with these flags is one of the port's: where the scan
 * of a port's run stops. */
static inline int portreg_covers_port(const struct portreg_entry *e, unsigned flags,
                                      unsigned port)
{
    return (flags & PORTREG_RF_NUMBER) && e->port_lo <= port && port <= e->port_hi;
}
#endif

/* Whether `name` folds to `folded`: where the scan of a name's run stops. */
static inline int portreg_name_folds_to(const char *name, const char *folded)
{
    for (; *folded; name++, folded++) {
        if (portreg_fold((unsigned char)*name) != (unsigned char)*folded)
            return 0;
    }
    return *name == '\0';
}

/*
 * Names are hashed and compared as 64-bit words.  A folded name of `len`
 * bytes with its terminating NUL, zero-padded, fills PORTREG_NAME_WORDS(len)
 * words; never fewer than two, so that every name of up to 15 bytes (nearly
 * all of them) takes the same, loop-free path.  The pool stores every
 * folded name from an 8-byte boundary, padded to a whole word; a name of
 * up to 7 bytes has only one word of its own there, and a lookup ignores
 * the second word it reads.
 * Words are loaded in host byte order (memcpy) and compared as loaded, but
 * hashed as little-endian numbers on every machine (portreg_le64), so that
 * a table generated on a machine of one byte order serves the other.
 */
#define PORTREG_NAME_WORDS(len) ((len) < 16 ? 2 : (len) / 8 + 1)
#define PORTREG_NAME_WORDS_MAX PORTREG_NAME_WORDS(PORTREG_NAME_MAX)

/* A word loaded from memory in host byte order, as the number its 8 bytes
 * make read little-endian.  The identity on little-endian machines, a byte
 * swap on big-endian ones; the portable form assembles the bytes. */
static inline uint64_t portreg_le64(uint64_t loaded)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return loaded;
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ && defined(__GNUC__)
    return __builtin_bswap64(loaded);
#else
    unsigned char b[8];
    uint64_t v = 0;
    int i;
    memcpy(b, &loaded, 8);
    for (i = 7; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
#endif
}

/* Odd multipliers, one per word position. */
static const uint64_t portreg_name_multipliers[PORTREG_NAME_WORDS_MAX] = {
    UINT64_C(0x9e3779b97f4a7c15), UINT64_C(0xc2b2ae3d27d4eb4f), UINT64_C(0x165667b19e3779f9),
    UINT64_C(0xd6e8feb86659fd93), UINT64_C(0xff51afd7ed558ccd), UINT64_C(0xc4ceb9fe1a85ec53),
    UINT64_C(0xbf58476d1ce4e5b9), UINT64_C(0x94d049bb133111eb)};

/*
 * The words are multiplied independently and summed, so the multiplies of
 * a name run side by side in the CPU instead of one after another; the
 * seed enters each word before its multiply, so a new seed gives a new
 * function.  A short finaliser spreads the sum over both halves: the
 * high half picks the bucket, the low half the slot.
 */
static inline uint64_t portreg_name_hash(const uint64_t *words, size_t count, uint64_t seed)
{
    uint64_t h = seed ^ count;
    size_t i;
    for (i = 0; i < count; i++)
        h += (portreg_le64(words[i]) ^ seed) * portreg_name_multipliers[i];
    h ^= h >> 32;
    h *= UINT64_C(0xd6e8feb86659fd93);
    h ^= h >> 32;
    return h;
}

/* Maps a 32-bit hash onto [0, n) without a division (Lemire's fastrange). */
static inline uint32_t portreg_reduce(uint32_t hash, uint32_t n)
{
    return (uint32_t)(((uint64_t)hash * n) >> 32);
}

static inline uint32_t portreg_name_bucket(uint64_t hash, uint32_t bucket_count)
{
    return portreg_reduce((uint32_t)(hash >> 32), bucket_count);
}

/* PTHash's displacement: the low half of the hash XOR a hash of the pilot. */
static inline uint32_t portreg_name_slot(uint64_t hash, uint16_t pilot, uint32_t slot_count)
{
    return portreg_reduce((uint32_t)hash ^ (uint32_t)(pilot * UINT32_C(0x9e3779b1)), slot_count);
}

/* ---- The protocol-numbers registry (compiler/protocol_emit.c) ----
 *
 * The IANA "Assigned Internet Protocol Numbers" registry is a second,
 * small table with its own string pool, so that the two registries can
 * change format or edition independently.  Its key space is 0-255:
 * number_index[n] is the record whose value or range holds n, so a
 * number lookup is one array read.  Keywords are found by a one-level
 * perfect hash: portreg_keyword_hash() of the ASCII-folded keyword, masked,
 * picks one slot; the slot's record is compared once. */
#define PORTREG_PROTOCOL_NONE 0xFFFFu   /* no record holds the number */
#define PORTREG_PF_IPV6_EXT   0x1u      /* <ipv6>Y</ipv6>: an IPv6 extension header */
#define PORTREG_PF_DEPRECATED 0x2u      /* the name ended in " (deprecated)" */

struct portreg_protocol {
    uint32_t keyword;     /* portreg__protocol_pool offset; "" when none */
    uint32_t description; /* normalised; "" when none */
    uint16_t ref_first;   /* index into portreg__protocol_refs */
    uint8_t ref_count;
    uint8_t flags;        /* PORTREG_PF_* */
    uint8_t lo, hi;       /* the value, or the range lo-hi */
    uint8_t unused[2];
};

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(hidden)
#endif
extern const char portreg__protocol_pool[];
extern const char portreg__protocols_updated[];
extern const uint32_t portreg__protocol_count;
extern const struct portreg_protocol portreg__protocols[];
extern const struct portreg_ref portreg__protocol_refs[];
extern const uint16_t portreg__protocol_number_index[256];
extern const uint32_t portreg__protocol_keyword_seed;
extern const uint32_t portreg__protocol_keyword_mask; /* slot count - 1 */
extern const uint16_t portreg__protocol_keyword_slots[]; /* record, or PORTREG_PROTOCOL_NONE */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

/* The keyword hash: FNV-1a over the ASCII-folded bytes, seeded, with a
 * final mix so that the low bits (the slot) depend on every byte. */
static inline uint32_t portreg_keyword_hash(const char *s, size_t len, uint32_t seed)
{
    uint32_t h = UINT32_C(2166136261) ^ seed;
    size_t i;
    for (i = 0; i < len; i++)
        h = (h ^ portreg_fold((unsigned char)s[i])) * UINT32_C(16777619);
    h ^= h >> 16;
    h *= UINT32_C(0x85ebca6b);
    h ^= h >> 13;
    return h;
}

#endif /* PORTREG_TABLE_H */
