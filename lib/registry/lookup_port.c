/* Port lookups through the rank dictionary of portreg_table.h. */
#include <limits.h>

#include "entry_internal.h"

#if defined(PORTREG_POPCNT_DISPATCH)
#include <cpuid.h>
#endif

/* Whether the whole file is compiled for a CPU with POPCNT. */
#if defined(__POPCNT__)
#define HAVE_POPCNT 1
#else
#define HAVE_POPCNT 0
#endif

/* Bits set in x by the classic SWAR count (Hacker's Delight 5-2).  Without
 * a POPCNT instruction in the target (baseline x86-64 has none),
 * __builtin_popcountll is a libgcc call, slower than this. */
static inline unsigned popcount_swar(uint64_t x)
{
    x -= (x >> 1) & UINT64_C(0x5555555555555555);
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
    return (unsigned)((x * UINT64_C(0x0101010101010101)) >> 56);
}

/* Bits set in x.  `insn` is a constant wherever this is inlined: 1 where
 * the function it lands in is compiled for a CPU with POPCNT.  Compilers
 * without GCC's builtins (MSVC, tcc) take the portable count. */
static inline unsigned popcount64(uint64_t x, int insn)
{
#if defined(__GNUC__)
    return insn ? (unsigned)__builtin_popcountll(x) : popcount_swar(x);
#else
    (void)insn;
    return popcount_swar(x);
#endif
}

/* The position of the one bit set in `flag`, a single transport flag. */
static inline unsigned flag_index(unsigned flag)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(flag);
#else
    static const unsigned char index[PORTREG_DCCP + 1] = {0, 0, 1, 0, 2, 0, 0, 0, 3};
    return index[flag];
#endif
}

/* The port's row in portreg__port_first: 0 when no record covers it.
 * Hits and misses take the same instructions, with no branch to
 * mispredict, so independent lookups overlap in the CPU. */
static inline unsigned port_row(uint16_t port, int insn)
{
    uint64_t word = portreg__port_bits[port / 64];
    unsigned shift = port % 64u;
    unsigned present = (unsigned)(word >> shift) & 1u;
    uint64_t below = word & ((UINT64_C(1) << shift) - 1);
    return present * (portreg__port_rank[port / 64] + popcount64(below, insn));
}

/* The smallest of a row's four columns, a transport each: both profiles'
 * answer among several transports.  A tree two levels deep rather than a
 * chain of three; a fifth transport must widen it. */
typedef char rows_take_four_columns[PORTREG_TRANSPORT_COUNT == 4 ? 1 : -1];
static inline unsigned smallest_column(unsigned c0, unsigned c1, unsigned c2, unsigned c3)
{
    unsigned first_two = c0 < c1 ? c0 : c1, last_two = c2 < c3 ? c2 : c3;
    return first_two < last_two ? first_two : last_two;
}

#if defined(PORTREG_PROFILE_SMALL)
/*
 * The small profile's rows (portreg_table.h): the row's first record and a
 * code per transport.  A row's answer is a key: its handle's offset in
 * portreg__s_records (4 * record + transport), which orders as the
 * registry does, or KEY_OTHER with the code SCAN, RESERVED or NONE, above
 * every handle's and in the codes' order.
 */
#define KEY_OTHER UINT32_C(0xFFFFFF00)
#define KEY_RESERVED (KEY_OTHER | PORTREG_SMALL_CODE_RESERVED)

/* Code `t` of the row when `protos` has bit t, else NONE. */
static inline unsigned column(const struct portreg_small_row *row, unsigned protos, unsigned t)
{
    return row->code[t] | ((((protos >> t) & 1u) - 1u) & PORTREG_SMALL_CODE_NONE);
}

/* The smallest code of the row among `protos`, as row_first() of the full
 * profile takes the smallest entry: one protocol, the usual call, is one
 * column. */
static inline unsigned row_code(const struct portreg_small_row *row, unsigned protos)
{
    protos &= PORTREG_ANY;
    if (protos != 0 && (protos & (protos - 1)) == 0)
        return row->code[flag_index(protos)];
    return smallest_column(column(row, protos, 0), column(row, protos, 1),
                           column(row, protos, 2), column(row, protos, 3));
}

static inline const struct portreg_small_row *port_row_of(uint16_t port, int insn)
{
    return &portreg__s_port_rows[port_row(port, insn)];
}

/* The key of the port's answer among `protos`. */
static inline uint32_t row_key(uint16_t port, unsigned protos, int insn)
{
    const struct portreg_small_row *row = port_row_of(port, insn);
    uint32_t code = row_code(row, protos);
    if (code < PORTREG_SMALL_CODE_SCAN)
        return (uint32_t)PORTREG_SMALL_RECORD_BYTES * row->first + code;
    return KEY_OTHER | code;
}

#if defined(__GNUC__)
#define OUT_OF_LINE __attribute__((noinline))
#else
#define OUT_OF_LINE
#endif

/* The first handle of the port among `protos`, as the _all function
 * finds it: for the rows whose code says SCAN. */
static OUT_OF_LINE const portreg_entry *scan_first(uint16_t port, unsigned protos)
{
    const portreg_entry *first = NULL;
    return portreg_lookup_port_all(port, protos, &first, 1) ? first : NULL;
}

static inline const portreg_entry *lookup_port(uint16_t port, unsigned protos, int insn)
{
    const struct portreg_small_row *row = port_row_of(port, insn);
    uint32_t code = row_code(row, protos);
    uintptr_t found, address;
    if (code == PORTREG_SMALL_CODE_SCAN) /* rare: predicted not taken */
        return scan_first(port, protos);
    /* The handle, masked to NULL on a miss, without a branch (as the full
     * profile); computed on the address as an integer, so that no pointer
     * points outside the records on the way. */
    found = (uintptr_t)0 - (uintptr_t)(code < PORTREG_SMALL_CODE_SCAN);
    address = (uintptr_t)portreg__s_records +
              ((uint32_t)PORTREG_SMALL_RECORD_BYTES * row->first + code);
    return (const portreg_entry *)(address & found); /* NOLINT(performance-no-int-to-ptr) */
}

static inline portreg_status port_status(uint16_t port, unsigned protos, int insn)
{
    uint32_t key = row_key(port, protos, insn);
    if (key < KEY_RESERVED)
        return PORTREG_STATUS_ASSIGNED;
    return key == KEY_RESERVED ? PORTREG_STATUS_RESERVED : PORTREG_STATUS_UNASSIGNED;
}

#else /* the full profile */

/* Entry `p` of the row when `protos` has bit p, else PORTREG_PORT_NONE:
 * (bit - 1) is 0 for a set bit and all ones for a clear one. */
static inline unsigned column(const uint16_t *row, unsigned protos, unsigned p)
{
    return row[p] | ((((protos >> p) & 1u) - 1u) & PORTREG_PORT_NONE);
}

/* The smallest entry of the row among `protos`: the first named record in
 * registry order, else PORTREG_PORT_RESERVED, else PORTREG_PORT_NONE.
 * One protocol, the usual call, is one column: a branch on the kind of
 * call, which a caller keeps the same, so it predicts well. */
static inline unsigned row_first(uint16_t port, unsigned protos, int insn)
{
    const uint16_t *row = portreg__port_first[port_row(port, insn)];
    protos &= PORTREG_ANY;
    if (protos != 0 && (protos & (protos - 1)) == 0)
        return row[flag_index(protos)];
    return smallest_column(column(row, protos, 0), column(row, protos, 1),
                           column(row, protos, 2), column(row, protos, 3));
}

static inline const portreg_entry *lookup_port(uint16_t port, unsigned protos, int insn)
{
    unsigned r = row_first(port, protos, insn);
    unsigned found = r < PORTREG_PORT_RESERVED;
    /* The record's address masked to NULL on a miss: a branch here would
     * be mispredicted on half of a mixed stream of hits and misses, which
     * costs more than the whole lookup.  found * r keeps the index in
     * bounds either way. */
    uintptr_t address = (uintptr_t)&portreg__records[found * r];
    return (const portreg_entry *)(address & ((uintptr_t)0 - found)); /* NOLINT(performance-no-int-to-ptr) */
}

static inline portreg_status port_status(uint16_t port, unsigned protos, int insn)
{
    unsigned r = row_first(port, protos, insn);
    if (r < PORTREG_PORT_RESERVED)
        return PORTREG_STATUS_ASSIGNED;
    return r == PORTREG_PORT_RESERVED ? PORTREG_STATUS_RESERVED : PORTREG_STATUS_UNASSIGNED;
}

#endif

#if defined(PORTREG_POPCNT_DISPATCH)
/*
 * The library is built for baseline x86-64, which lacks POPCNT, so that it
 * runs on every x86-64; nearly every x86-64 in use has it (since 2008),
 * and it takes a third off a port lookup.  So the two constant-time port
 * functions come in two builds, and the dynamic linker binds each symbol
 * to one of them once, when it loads the library (a GNU indirect
 * function, as glibc does for memcpy): no call pays for the choice, and
 * nothing runs at start-up that the linker would not run anyway.
 * CMake enables this only where the toolchain and libc support it.
 */
__attribute__((target("popcnt"))) static const portreg_entry *
lookup_port_popcnt(uint16_t port, unsigned protos)
{
    return lookup_port(port, protos, 1);
}

static const portreg_entry *lookup_port_baseline(uint16_t port, unsigned protos)
{
    return lookup_port(port, protos, 0);
}

__attribute__((target("popcnt"))) static portreg_status port_status_popcnt(uint16_t port,
                                                                           unsigned protos)
{
    return port_status(port, protos, 1);
}

static portreg_status port_status_baseline(uint16_t port, unsigned protos)
{
    return port_status(port, protos, 0);
}

/*
 * Resolvers run while relocations are applied: in the dynamic linker, or
 * in a static program from __libc_start_main before thread-local storage
 * exists.  So they do nothing that needs relocating or TLS: the CPUID
 * instruction inline (no call, no address taken, even at -O0), and no
 * stack protector, whose canary lives in TLS.  Marked used:
 * clang before 15 does not count the ifunc attribute as a use.
 */
#define RESOLVER __attribute__((used, no_stack_protector))

/* Inlined into the resolvers even at -O0, so it is their own code. */
static inline __attribute__((always_inline)) int cpu_has_popcnt(void)
{
    unsigned eax, ebx, ecx, edx;
    __cpuid(1, eax, ebx, ecx, edx); /* leaf 1 exists on every x86-64 */
    (void)eax, (void)ebx, (void)edx;
    return (ecx & bit_POPCNT) != 0;
}

typedef const portreg_entry *lookup_port_fn(uint16_t, unsigned);
typedef portreg_status port_status_fn(uint16_t, unsigned);

RESOLVER static lookup_port_fn *resolve_lookup_port(void)
{
    return cpu_has_popcnt() ? lookup_port_popcnt : lookup_port_baseline;
}

RESOLVER static port_status_fn *resolve_port_status(void)
{
    return cpu_has_popcnt() ? port_status_popcnt : port_status_baseline;
}

const portreg_entry *portreg_lookup_port(uint16_t port, unsigned protos)
    __attribute__((ifunc("resolve_lookup_port")));
portreg_status portreg_port_status(uint16_t port, unsigned protos)
    __attribute__((ifunc("resolve_port_status")));

#else

const portreg_entry *portreg_lookup_port(uint16_t port, unsigned protos)
{
    return lookup_port(port, protos, HAVE_POPCNT);
}

portreg_status portreg_port_status(uint16_t port, unsigned protos)
{
    return port_status(port, protos, HAVE_POPCNT);
}

#endif

/* The record where the scan of the port's run starts (the row's first),
 * or NO_RUN when no named record covers the port. */
#define NO_RUN UINT_MAX
#if defined(PORTREG_PROFILE_SMALL)
static unsigned port_run_first(uint16_t port)
{
    const struct portreg_small_row *row = port_row_of(port, HAVE_POPCNT);
    return row_code(row, PORTREG_ANY) >= PORTREG_SMALL_CODE_RESERVED ? NO_RUN : row->first;
}
#else
static unsigned port_run_first(uint16_t port)
{
    unsigned first = row_first(port, PORTREG_ANY, HAVE_POPCNT);
    return first >= PORTREG_PORT_RESERVED ? NO_RUN : first;
}
#endif

size_t portreg_lookup_port_all(uint16_t port, unsigned protos, const portreg_entry **out,
                               size_t cap)
{
    unsigned first = port_run_first(port), i;
    const struct portreg_run *listed;
    size_t total = 0;

    if (first == NO_RUN)
        return 0;
    if (!out)
        cap = 0;
    listed = listed_run(portreg__port_runs, portreg__port_run_count, port);
    if (listed) {
        for (i = listed[0].start; i < listed[1].start; i++)
            total = take_record(portreg__port_run_records[i], protos, out, cap, total);
        return total;
    }
    for (i = first; i < portreg__record_count && record_covers(i, port); i++)
        total = take_record(i, protos, out, cap, total);
    return total;
}
