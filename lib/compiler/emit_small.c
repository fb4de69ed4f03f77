/*
 * The small profile's table (PORTREG_PROFILE=small; the format is the
 * "small profile" section of portreg_table.h): the named records, merged
 * across protocols, their names, ports and protocols, and the indexes
 * over them.  Nothing else of the registry is written.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "name_index.h"
#include "portreg.h"
#include "text.h"

/* Zeros after the last name: a name lookup reads 16 bytes of a stored
 * name whatever its length (lookup_name.c). */
#define SMALL_NAME_TAIL 16

struct small {
    struct strpool pool; /* only data and len: the names (PORTREG_SMALL_NAME_ALIGN) */
    size_t count;        /* small records, M; record M is the sentinel */
    uint16_t *name;      /* pool offset / PORTREG_SMALL_NAME_ALIGN */
    uint16_t *lo, *hi;
    uint8_t *flags;
    long *line;          /* of the first registry record, for messages */
    size_t entries;      /* handles: named registry records */

    uint64_t port_bits[PORTREG_PORT_WORDS];
    uint16_t port_rank[PORTREG_PORT_WORDS];
    uint16_t *port_first; /* per row; row 0 is a miss */
    uint8_t (*port_codes)[PORTREG_TRANSPORT_COUNT];
    size_t port_keys;
    struct run_list port_runs;

    struct name_index names;
    size_t name_count;
    uint16_t *name_slots;     /* per slot: first handle's offset, or the sentinel's */
    uint16_t *name_slot_keys; /* per slot: its folded name (pool offset / align) */
    struct run_list name_runs;
};

static size_t handles_of(unsigned flags)
{
    unsigned m = flags & PORTREG_RF_MATCH, n = 0;
    if (flags & PORTREG_RF_NOPROTO)
        return 1;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* Appends `s` at a multiple of PORTREG_SMALL_NAME_ALIGN; returns the offset
 * divided by it. */
static size_t pool_add_name(struct small *t, const char *s)
{
    size_t len = strlen(s) + 1, at = t->pool.len, a = PORTREG_SMALL_NAME_ALIGN;
    at = (at + a - 1) / a * a;
    if (at + len + SMALL_NAME_TAIL > t->pool.cap) {
        t->pool.cap = 2 * (at + len + SMALL_NAME_TAIL) + 4096;
        t->pool.data = xrealloc(t->pool.data, t->pool.cap);
    }
    memset(t->pool.data + t->pool.len, 0, at - t->pool.len);
    memcpy(t->pool.data + at, s, len);
    t->pool.len = at + len;
    return at / PORTREG_SMALL_NAME_ALIGN;
}

/* The first handle of small record m, whose flags are `flags`, as its
 * offset in portreg__s_records: its transport is the record's lowest, or
 * 0 for a record that names no protocol. */
static uint16_t first_handle(size_t m, unsigned flags)
{
    unsigned mask = flags & PORTREG_RF_MATCH, t = 0;
    if (!(flags & PORTREG_RF_NOPROTO))
        while (!(mask >> t & 1u))
            t++;
    return (uint16_t)(PORTREG_SMALL_RECORD_BYTES * m + t);
}

/* Whether registry record `rec` joins small record t->count - 1, whose
 * last registry record was `prev` (the named record before `rec`). */
static int joins(const struct small *t, const struct record *prev, const struct record *rec)
{
    unsigned mask;
    if (!prev || t->count == 0 || !rec->proto || !prev->proto)
        return 0;
    mask = t->flags[t->count - 1] & PORTREG_RF_MATCH;
    return strcmp(prev->name, rec->name) == 0 && prev->has_number == rec->has_number &&
           prev->port_lo == rec->port_lo && prev->port_hi == rec->port_hi && rec->proto > mask;
}

static int build_records(struct small *t, const struct registry *reg)
{
    struct interner seen;
    uint32_t *offset_of = NULL; /* by interned index */
    const struct record *prev = NULL;
    size_t i, cap = 0;
    int rc = 0;

    interner_init(&seen);
    t->pool.cap = 4096;
    t->pool.data = xmalloc(t->pool.cap);
    t->pool.data[0] = t->pool.data[1] = '\0'; /* offset 0: "" */
    t->pool.len = 2;
    t->name = xmalloc((reg->record_count + 1) * sizeof *t->name);
    t->lo = xmalloc((reg->record_count + 1) * sizeof *t->lo);
    t->hi = xmalloc((reg->record_count + 1) * sizeof *t->hi);
    t->flags = xmalloc(reg->record_count + 1);
    t->line = xmalloc((reg->record_count + 1) * sizeof *t->line);
    for (i = 0; i < reg->record_count && rc == 0; i++) {
        const struct record *rec = &reg->records[i];
        size_t m, k;
        int fresh;
        if (!rec->name[0])
            continue;
        t->entries++;
        if (joins(t, prev, rec)) {
            t->flags[t->count - 1] |= (uint8_t)rec->proto;
            prev = rec;
            continue;
        }
        prev = rec;
        m = t->count++;
        k = intern(&seen, rec->name, &fresh);
        if (k >= cap) {
            cap = 2 * k + 64;
            offset_of = xrealloc(offset_of, cap * sizeof *offset_of);
        }
        if (fresh)
            offset_of[k] = (uint32_t)pool_add_name(t, rec->name);
        if (offset_of[k] > UINT16_MAX)
            rc = over_limit(reg, rec->line, "record's name",
                            PORTREG_SMALL_NAME_ALIGN * (size_t)UINT16_MAX,
                            "bytes of names (small profile)");
        t->name[m] = (uint16_t)offset_of[k];
        t->lo[m] = rec->has_number ? rec->port_lo : 0;
        t->hi[m] = rec->has_number ? rec->port_hi : 0;
        t->line[m] = rec->line;
        t->flags[m] = (uint8_t)(record_flags(rec) | (t->hi[m] != t->lo[m] ? PORTREG_RF_RANGE : 0));
    }
    /* The sentinel: empty slots point at it, and its name is "". */
    t->name[t->count] = 0;
    t->lo[t->count] = t->hi[t->count] = 0;
    t->flags[t->count] = 0;
    free(offset_of);
    interner_free(&seen);
    return rc;
}

/* Whether small record m has a port or range that holds `port`. */
static int covers(const struct small *t, size_t m, size_t port)
{
    return (t->flags[m] & PORTREG_RF_NUMBER) && t->lo[m] <= port && port <= t->hi[m];
}

/* An unnamed "Reserved" record with a number (portreg_port_status). */
static int reserved_record(const struct record *rec)
{
    const unsigned both = PORTREG_RF_NUMBER | PORTREG_RF_RESERVED;
    return (record_flags(rec) & both) == both;
}

/* The row code (portreg_table.h) of transport p at a port whose first
 * small record for p is `m` (UINT16_MAX for none) and whose row starts at
 * small record `low`. */
static unsigned port_code(const struct small *t, unsigned m, unsigned low, unsigned p,
                          unsigned reserved)
{
    unsigned handle_transport, code;
    if (m == UINT16_MAX)
        return reserved ? PORTREG_SMALL_CODE_RESERVED : PORTREG_SMALL_CODE_NONE;
    handle_transport = (t->flags[m] & PORTREG_RF_NOPROTO) ? 0 : p;
    code = PORTREG_SMALL_RECORD_BYTES * (m - low) + handle_transport;
    return code < PORTREG_SMALL_CODE_SCAN ? code : PORTREG_SMALL_CODE_SCAN;
}

static int build_port_index(struct small *t, const struct registry *reg)
{
    /* Per port and transport: the first small record, or none. */
    uint16_t (*first)[PORTREG_TRANSPORT_COUNT] = xmalloc(65536 * sizeof *first);
    uint8_t *reserved = xmalloc(65536);
    uint32_t *count = xmalloc(65537 * sizeof *count), *fill = xmalloc(65536 * sizeof *fill);
    uint16_t *records;
    size_t m, i, port, row = 0, total = 0;
    unsigned p;
    int rc = 0;

    memset(first, 0xFF, 65536 * sizeof *first);
    memset(reserved, 0, 65536);
    memset(count, 0, 65537 * sizeof *count);
    for (m = 0; m < t->count && rc == 0; m++) {
        if (!(t->flags[m] & PORTREG_RF_NUMBER))
            continue;
        total += (size_t)t->hi[m] - t->lo[m] + 1;
        if (total > UINT16_MAX) {
            rc = over_limit(reg, t->line[m], "record", UINT16_MAX, "port index entries");
            break;
        }
        for (port = t->lo[m]; port <= t->hi[m]; port++) {
            count[port]++;
            for (p = 0; p < PORTREG_TRANSPORT_COUNT; p++)
                if ((t->flags[m] & (1u << p)) && first[port][p] == UINT16_MAX)
                    first[port][p] = (uint16_t)m;
        }
    }
    for (i = 0; i < reg->record_count && rc == 0; i++) {
        const struct record *rec = &reg->records[i];
        if (!reserved_record(rec))
            continue;
        for (port = rec->port_lo; port <= rec->port_hi; port++)
            reserved[port] |= (uint8_t)(rec->proto ? rec->proto : PORTREG_ANY);
    }
    t->port_first = xmalloc(65537 * sizeof *t->port_first);
    t->port_codes = xmalloc(65537 * sizeof *t->port_codes);
    t->port_first[0] = 0;
    memset(t->port_codes[0], PORTREG_SMALL_CODE_NONE, sizeof t->port_codes[0]);
    memset(t->port_bits, 0, sizeof t->port_bits);
    for (port = 0; port < 65536 && rc == 0; port++) {
        unsigned low = UINT16_MAX;
        if (port % 64 == 0)
            t->port_rank[port / 64] = (uint16_t)(row + 1); /* rows start at 1 */
        if (!count[port] && !reserved[port])
            continue;
        if (row + 1 > UINT16_MAX) {
            rc = over_limit(reg, 0, "registry", UINT16_MAX, "ports (small profile)");
            break;
        }
        t->port_bits[port / 64] |= UINT64_C(1) << (port % 64);
        for (p = 0; p < PORTREG_TRANSPORT_COUNT; p++)
            low = first[port][p] < low ? first[port][p] : low;
        row++;
        t->port_first[row] = (uint16_t)(low == UINT16_MAX ? 0 : low);
        for (p = 0; p < PORTREG_TRANSPORT_COUNT; p++)
            t->port_codes[row][p] = (uint8_t)port_code(t, first[port][p], low, p,
                                                       reserved[port] & (1u << p));
    }
    t->port_keys = row;

    /* Runs a scan from the row's first record would get wrong. */
    records = xmalloc((total + 1) * sizeof *records);
    for (port = 0, total = 0; port < 65536; port++) {
        fill[port] = (uint32_t)total;
        total += count[port];
    }
    for (m = 0; m < t->count && rc == 0; m++) {
        if (t->flags[m] & PORTREG_RF_NUMBER)
            for (port = t->lo[m]; port <= t->hi[m]; port++)
                records[fill[port]++] = (uint16_t)m;
    }
    run_list_init(&t->port_runs, t->port_keys, total);
    for (port = 0, row = 0; port < 65536 && rc == 0; port++) {
        size_t n = count[port], start = fill[port] - n, scanned = 0;
        if (!count[port] && !reserved[port])
            continue;
        row++;
        if (n == 0)
            continue;
        for (m = t->port_first[row]; m < t->count && covers(t, m, port);
             m++)
            scanned++;
        if (scanned != n)
            run_list_add(&t->port_runs, port, records + start, n);
    }
    run_list_end(&t->port_runs);
    free(records);
    free(first);
    free(reserved);
    free(count);
    free(fill);
    return rc;
}

static int build_name_index(struct small *t, const struct registry *reg)
{
    struct interner seen;
    char folded[PORTREG_NAME_MAX + 1];
    size_t *group_of = xmalloc((t->count + 1) * sizeof *group_of);
    size_t *group_first = xmalloc((t->count + 1) * sizeof *group_first);
    size_t *group_count = xmalloc((t->count + 1) * sizeof *group_count);
    const char **keys = xmalloc((t->count + 1) * sizeof *keys);
    uint16_t *list = xmalloc((t->count + 1) * sizeof *list);
    size_t m, g, slot, n = 0;
    int rc = 0;

    interner_init(&seen);
    for (m = 0; m < t->count; m++) {
        int fresh;
        fold_name(folded, t->pool.data + PORTREG_SMALL_NAME_ALIGN * (size_t)t->name[m]);
        g = intern(&seen, folded, &fresh) - 1;
        if (fresh) {
            group_first[g] = m;
            group_count[g] = 0;
            n++;
        }
        group_count[g]++;
        group_of[m] = g;
    }
    for (g = 0; g < n; g++) {
        char *k = xmalloc(PORTREG_NAME_MAX + 1);
        fold_name(k, t->pool.data + PORTREG_SMALL_NAME_ALIGN * (size_t)t->name[group_first[g]]);
        keys[g] = k;
    }
    t->name_count = n;
    if (name_index_slots(n) > UINT16_MAX) {
        rc = over_limit(reg, t->count ? t->line[t->count - 1] : 0, "record's name", UINT16_MAX,
                        "name slots");
    } else if (name_index_build(&t->names, keys, n) < 0) {
        fprintf(stderr, "%s:0: no seed placed the %zu distinct names in the index\n", reg->path,
                n);
        rc = -1;
    }
    if (rc == 0) {
        /* Slots point at the folded name, which lookups compare without
         * folding it: the record's own name when it is lower case (nearly
         * all), else a folded copy. */
        t->name_slot_keys = xmalloc(t->names.slot_count * sizeof *t->name_slot_keys);
        for (slot = 0; slot < t->names.slot_count && rc == 0; slot++) {
            long k = t->names.slot_key[slot];
            size_t at;
            const char *written;
            if (k < 0) {
                t->name_slot_keys[slot] = 0; /* "" */
                continue;
            }
            written = t->pool.data + PORTREG_SMALL_NAME_ALIGN * (size_t)t->name[group_first[k]];
            at = strcmp(written, keys[k]) == 0 ? t->name[group_first[k]]
                                               : pool_add_name(t, keys[k]);
            if (at > UINT16_MAX)
                rc = over_limit(reg, t->line[group_first[k]], "record's name",
                                PORTREG_SMALL_NAME_ALIGN * (size_t)UINT16_MAX,
                                "bytes of names (small profile)");
            t->name_slot_keys[slot] = (uint16_t)at;
        }
    }
    if (rc == 0) {
        t->name_slots = xmalloc(t->names.slot_count * sizeof *t->name_slots);
        run_list_init(&t->name_runs, t->names.slot_count, t->count);
        for (slot = 0; slot < t->names.slot_count; slot++) {
            long k = t->names.slot_key[slot];
            size_t listed = 0, scanned = 0;
            if (k < 0) {
                t->name_slots[slot] = (uint16_t)(PORTREG_SMALL_RECORD_BYTES * t->count);
                continue;
            }
            t->name_slots[slot] = first_handle(group_first[k], t->flags[group_first[k]]);
            for (m = group_first[k]; m < t->count && listed < group_count[k]; m++)
                if (group_of[m] == (size_t)k)
                    list[listed++] = (uint16_t)m;
            for (m = group_first[k]; m < t->count && group_of[m] == (size_t)k; m++)
                scanned++;
            if (scanned != listed)
                run_list_add(&t->name_runs, slot, list, listed);
        }
        run_list_end(&t->name_runs);
    }
    for (g = 0; g < n; g++)
        free((void *)keys[g]);
    free(keys);
    free(list);
    free(group_of);
    free(group_first);
    free(group_count);
    interner_free(&seen);
    return rc;
}

static void write_small(FILE *out, const struct small *t)
{
    size_t m, k;
    uint32_t handles = 0;
    uint16_t *prefix;

    write_pool(out, &t->pool);
    fprintf(out, "const uint32_t portreg__record_count = %zu;\n", t->count);
    fprintf(out, "const uint32_t portreg__s_entry_count = %zu;\n\n", t->entries);
    fprintf(out, "/* name (pool offset / %d) and first port, little-endian */\n"
                 "const unsigned char portreg__s_records[%zu] = {",
            PORTREG_SMALL_NAME_ALIGN, (t->count + 1) * PORTREG_SMALL_RECORD_BYTES);
    for (m = 0; m <= t->count; m++)
        fprintf(out, "%s%u,%u,%u,%u,", m % 6 ? " " : "\n", t->name[m] & 0xFFu,
                (unsigned)t->name[m] >> 8, t->lo[m] & 0xFFu, (unsigned)t->lo[m] >> 8);
    fputs("\n};\n\n", out);
    fprintf(out, "const uint8_t portreg__s_flags[%zu] = {", t->count + 1);
    for (m = 0; m <= t->count; m++)
        fprintf(out, "%s%u,", m % 20 ? "" : "\n", t->flags[m]);
    fputs("\n};\n\n", out);
    prefix = xmalloc((t->count / PORTREG_SMALL_PREFIX_STEP + 2) * sizeof *prefix);
    for (m = 0, k = 0; k < t->count / PORTREG_SMALL_PREFIX_STEP + 2; m++) {
        if (m % PORTREG_SMALL_PREFIX_STEP == 0)
            prefix[k++] = (uint16_t)handles;
        if (m < t->count)
            handles += (uint32_t)handles_of(t->flags[m]);
    }
    write_u16s(out, "const uint16_t portreg__s_prefix[]", prefix,
               t->count / PORTREG_SMALL_PREFIX_STEP + 2);
    free(prefix);
    for (m = 0, k = 0; m < t->count; m++)
        k += (t->flags[m] & PORTREG_RF_RANGE) != 0;
    fprintf(out, "const uint32_t portreg__s_range_count = %zu;\n", k);
    fputs("const struct portreg_small_range portreg__s_ranges[] = {\n", out);
    for (m = 0; m < t->count; m++)
        if (t->flags[m] & PORTREG_RF_RANGE)
            fprintf(out, "{%zu,%u},\n", m, t->hi[m]);
    fputs(k ? "};\n\n" : "{0,0}};\n\n", out);

    write_port_bitmap(out, t->port_bits, t->port_rank);
    fputs("const struct portreg_small_row portreg__s_port_rows[] = {", out);
    for (m = 0; m <= t->port_keys; m++)
        fprintf(out, "%s{%u,{%u,%u,%u,%u}},", m % 4 ? "" : "\n", t->port_first[m],
                t->port_codes[m][0], t->port_codes[m][1], t->port_codes[m][2],
                t->port_codes[m][3]);
    fputs("\n};\n\n", out);
    write_runs(out, "port", &t->port_runs);

    write_name_hash(out, &t->names);
    fputs("const struct portreg_name_slot portreg__s_name_slots[] = {", out);
    for (m = 0; m < t->names.slot_count; m++)
        fprintf(out, "%s{%u,%u},", m % 8 ? "" : "\n", t->name_slot_keys[m], t->name_slots[m]);
    fputs("\n};\n\n", out);
    write_runs(out, "name", &t->name_runs);
}

static void fill_stats(const struct small *t, struct emit_stats *s)
{
    memset(s, 0, sizeof *s);
    s->records = t->count;
    s->named_records = t->entries;
    s->names = t->name_count;
    s->port_keys = t->port_keys;
    s->name_slots = t->names.slot_count;
    s->name_buckets = t->names.bucket_count;
    s->seeds_tried = t->names.attempts;
    s->bytes_records = (t->count + 1) * (PORTREG_SMALL_RECORD_BYTES + 1) +
                       (t->count / PORTREG_SMALL_PREFIX_STEP + 2) * 2;
    s->bytes_pool = t->pool.len;
    s->bytes_port_index = sizeof t->port_bits + sizeof t->port_rank +
                         (t->port_keys + 1) * sizeof(struct portreg_small_row);
    s->bytes_port_runs = (t->port_runs.count + 1) * sizeof *t->port_runs.runs +
                         t->port_runs.entries * sizeof *t->port_runs.records;
    s->bytes_name_index = t->names.bucket_count * 2 + t->names.slot_count * 4;
    s->bytes_name_runs = (t->name_runs.count + 1) * sizeof *t->name_runs.runs +
                         t->name_runs.entries * sizeof *t->name_runs.records;
}

int emit_small_table(FILE *out, const struct registry *reg, struct emit_stats *stats)
{
    const char *base = strrchr(reg->path, '/');
    struct small *t;
    int rc;

    /* Handles are counted in 16 bits (portreg__s_prefix). */
    if (reg->record_count >= UINT16_MAX)
        return over_limit(reg, reg->records[UINT16_MAX - 1].line, "record", UINT16_MAX - 1,
                          "records");
    t = xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    rc = build_records(t, reg);
    /* A handle's offset, 4 * record + transport, is 16-bit in the name
     * slots, and record M is the sentinel (PORTREG_SMALL_RECORDS_MAX). */
    if (rc == 0 && t->count + 1 > PORTREG_SMALL_RECORDS_MAX)
        rc = over_limit(reg, t->line[PORTREG_SMALL_RECORDS_MAX - 1], "record",
                        PORTREG_SMALL_RECORDS_MAX - 1, "merged records (small profile)");
    if (rc == 0)
        rc = build_port_index(t, reg);
    if (rc == 0)
        rc = build_name_index(t, reg);
    if (rc == 0) {
        /* zeros after the last name (SMALL_NAME_TAIL) */
        pool_add_name(t, "");
        memset(t->pool.data + t->pool.len, 0, SMALL_NAME_TAIL);
        t->pool.len += SMALL_NAME_TAIL;
        fprintf(out, "/* Generated by portreg-compile --small from %s.  Do not edit. */\n"
                     "#include \"portreg_table.h\"\n\n", base ? base + 1 : reg->path);
        fprintf(out, "const char portreg__registry_updated[] = \"%s\";\n\n", reg->updated);
        write_small(out, t);
        fill_stats(t, stats);
    }
    free(t->pool.data);
    free(t->name);
    free(t->lo);
    free(t->hi);
    free(t->flags);
    free(t->line);
    free(t->port_first);
    free(t->port_codes);
    if (t->port_runs.runs)
        run_list_free(&t->port_runs);
    if (t->names.pilots)
        name_index_free(&t->names);
    free(t->name_slots);
    free(t->name_slot_keys);
    if (t->name_runs.runs)
        run_list_free(&t->name_runs);
    free(t);
    return rc;
}
