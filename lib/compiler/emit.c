/*
 * Turns the registry into the flat tables of portreg_table.h and writes
 * them as C.  Building and writing are kept apart: build_* functions fill
 * struct tables, write_* functions print it.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "name_index.h"
#include "portreg.h"
#include "portreg_table.h"
#include "strpool.h"
#include "text.h"


struct tables {
    struct strpool pool;

    size_t record_count;
    struct portreg_entry *records;
    uint8_t *flags;

    /* Interned dates, parties and extras: the index of each distinct value. */
    uint32_t *dates;
    size_t date_count;
    struct portreg_extra *extras;
    size_t extra_count;
    struct portreg_ref *refs;
    size_t ref_count;
    struct portreg_party *parties;
    size_t party_count;
    uint16_t *party_people;
    size_t party_people_count;
    struct portreg_person *people;
    size_t person_count;

    uint64_t port_bits[PORTREG_PORT_WORDS];
    uint16_t port_rank[PORTREG_PORT_WORDS];
    uint16_t (*port_first)[PORTREG_TRANSPORT_COUNT]; /* row 0: no record */
    size_t port_keys;
    uint16_t *port_start; /* while building: row - 1 -> port_records */
    uint16_t *port_records;
    struct run_list port_runs;

    struct name_index names;
    size_t name_count;
    struct portreg_name_slot *name_slots;
    struct run_list name_runs;
};

/*
 * The table format (lib/portreg_table.h) holds at most `limit` of `what`,
 * and the registry's `subject` (a record, or a person) at `line` is the
 * one that goes past it: said at that line, as every other problem with
 * the registry is.  Returns -1.
 */
int over_limit(const struct registry *reg, long line, const char *subject, size_t limit,
                      const char *what)
{
    fprintf(stderr, "%s:%ld: this %s takes the table past %zu %s, the most its format holds "
            "(lib/portreg_table.h)\n", reg->path, line, subject, limit, what);
    return -1;
}

/* ---- Runs that a scan would get wrong (portreg_table.h) ---- */

void run_list_init(struct run_list *l, size_t keys, size_t entries)
{
    l->runs = xmalloc((keys + 1) * sizeof *l->runs);
    l->records = xmalloc((entries + 1) * sizeof *l->records);
    l->count = 0;
    l->entries = 0;
}

/* Lists the run of `key`, records[0 .. n).  Keys come in increasing order. */
void run_list_add(struct run_list *l, size_t key, const uint16_t *records, size_t n)
{
    l->runs[l->count].key = (uint16_t)key;
    l->runs[l->count].start = (uint16_t)l->entries;
    l->count++;
    memcpy(l->records + l->entries, records, n * sizeof *records);
    l->entries += n;
}

/* The entry after the last, which gives the last run its end. */
void run_list_end(struct run_list *l)
{
    l->runs[l->count].key = UINT16_MAX;
    l->runs[l->count].start = (uint16_t)l->entries;
}

void run_list_free(struct run_list *l)
{
    free(l->runs);
    free(l->records);
}

/* ---- Interning: one index per distinct key string ---- */


void interner_init(struct interner *in)
{
    strpool_init(&in->keys);
    in->index_of = NULL;
    in->cap = 0;
    in->count = 1; /* index 0 means "none" */
}

/* The index of `key`; `*fresh` tells whether it was new. */
size_t intern(struct interner *in, const char *key, int *fresh)
{
    uint32_t offset = strpool_add(&in->keys, key);
    if (offset >= in->cap) {
        size_t old = in->cap;
        in->cap = in->keys.cap;
        in->index_of = xrealloc(in->index_of, in->cap * sizeof *in->index_of);
        memset(in->index_of + old, 0, (in->cap - old) * sizeof *in->index_of);
    }
    *fresh = in->index_of[offset] == 0;
    if (*fresh)
        in->index_of[offset] = (uint32_t)in->count++;
    return in->index_of[offset];
}

void interner_free(struct interner *in)
{
    strpool_free(&in->keys);
    free(in->index_of);
}

/* ---- Building ---- */

void fold_name(char *dst, const char *src)
{
    while (*src)
        *dst++ = (char)portreg_fold((unsigned char)*src++);
    *dst = '\0';
}

static uint16_t date_index(struct tables *t, struct interner *in, const char *date)
{
    int fresh;
    size_t i;
    if (!date[0])
        return 0;
    i = intern(in, date, &fresh);
    if (fresh) {
        t->dates = xgrow(t->dates, i, sizeof *t->dates);
        t->dates[i] = strpool_add(&t->pool, date);
        t->date_count = i + 1;
    }
    return (uint16_t)i;
}

static uint16_t person_index(const struct registry *reg, const char *id)
{
    return (uint16_t)registry_find_person(reg, id);
}

/* The bytes the key of `n` ids takes (each id and a newline, then a '|'). */
static size_t party_key_size(char *const *ids, size_t n)
{
    size_t i, size = 1;
    for (i = 0; i < n; i++)
        size += strlen(ids[i]) + 1;
    return size;
}

/* Appends the ids and the '|' at `end`; returns the new end. */
static char *append_party_key(char *end, char *const *ids, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        size_t len = strlen(ids[i]);
        memcpy(end, ids[i], len);
        end[len] = '\n';
        end += len + 1;
    }
    *end++ = '|';
    return end;
}

static uint16_t party_index(struct tables *t, struct interner *in, const struct registry *reg,
                            const struct record *rec)
{
    char *key, *end;
    int fresh;
    size_t i, j;
    struct portreg_party *party;

    if (rec->assignee_count == 0 && rec->contact_count == 0)
        return 0;
    /* The whole key, however long the ids: two sets that share a prefix
     * must not share a party. */
    key = xmalloc(party_key_size(rec->assignees, rec->assignee_count) +
                  party_key_size(rec->contacts, rec->contact_count) + 1);
    end = append_party_key(key, rec->assignees, rec->assignee_count);
    end = append_party_key(end, rec->contacts, rec->contact_count);
    *end = '\0';
    i = intern(in, key, &fresh);
    free(key);
    if (!fresh)
        return (uint16_t)i;
    t->parties = xgrow(t->parties, i, sizeof *t->parties);
    t->party_count = i + 1;
    party = &t->parties[i];
    party->first = (uint16_t)t->party_people_count;
    /* At most 255 each: registry_read.c, check_record_limits. */
    party->assignees = (uint8_t)rec->assignee_count;
    party->contacts = (uint8_t)rec->contact_count;
    for (j = 0; j < rec->assignee_count + rec->contact_count; j++) {
        const char *id = j < rec->assignee_count ? rec->assignees[j]
                                                 : rec->contacts[j - rec->assignee_count];
        t->party_people = xgrow(t->party_people, t->party_people_count, sizeof *t->party_people);
        t->party_people[t->party_people_count++] = person_index(reg, id);
    }
    return (uint16_t)i;
}

static uint16_t extra_index(struct tables *t, const struct record *rec)
{
    struct portreg_extra *x;
    size_t j;

    if (!rec->note[0] && !rec->unauthorized[0] && !rec->has_service_code && !rec->ref_count)
        return 0;
    if (t->extra_count == 0)
        t->extra_count = 1; /* [0] means none */
    t->extras = xgrow(t->extras, t->extra_count, sizeof *t->extras);
    x = &t->extras[t->extra_count];
    memset(x, 0, sizeof *x);
    x->note = strpool_add(&t->pool, rec->note);
    x->unauthorized = strpool_add(&t->pool, rec->unauthorized);
    x->service_code = rec->service_code;
    x->has_service_code = (uint8_t)rec->has_service_code;
    x->ref_first = (uint16_t)t->ref_count;
    x->ref_count = (uint8_t)rec->ref_count; /* at most 255: check_record_limits */
    for (j = 0; j < rec->ref_count; j++) {
        t->refs = xgrow(t->refs, t->ref_count, sizeof *t->refs);
        t->refs[t->ref_count].data = strpool_add(&t->pool, rec->refs[j].data);
        t->refs[t->ref_count].type = rec->refs[j].type;
        t->ref_count++;
    }
    return (uint16_t)t->extra_count++;
}

uint8_t record_flags(const struct record *rec)
{
    unsigned f = rec->proto ? rec->proto : PORTREG_ANY;
    if (!rec->proto)
        f |= PORTREG_RF_NOPROTO;
    if (rec->has_number)
        f |= PORTREG_RF_NUMBER;
    if (rec->name[0])
        f |= PORTREG_RF_NAMED;
    else if (strncasecmp(rec->description, "reserved", 8) == 0)
        f |= PORTREG_RF_RESERVED;
    return (uint8_t)f;
}

static int build_records(struct tables *t, const struct registry *reg)
{
    struct interner dates, parties;
    size_t i;
    int rc = 0;

    interner_init(&dates);
    interner_init(&parties);
    t->record_count = reg->record_count;
    t->records = xmalloc(reg->record_count * sizeof *t->records);
    t->flags = xmalloc(reg->record_count);
    for (i = 0; i < reg->record_count && rc == 0; i++) {
        const struct record *rec = &reg->records[i];
        struct portreg_entry *e = &t->records[i];
        e->name = strpool_add(&t->pool, rec->name);
        e->description = strpool_add(&t->pool, rec->description);
        e->port_lo = rec->port_lo;
        e->port_hi = rec->port_hi;
        e->date = date_index(t, &dates, rec->date);
        e->updated = date_index(t, &dates, rec->updated);
        e->parties = party_index(t, &parties, reg, rec);
        e->extra = extra_index(t, rec);
        t->flags[i] = record_flags(rec);
        /* The counts within one record, which the format keeps in a byte,
         * the reader has checked (check_record_limits); these are totals,
         * so the record that goes past is the one to name.  The number of
         * records (emit_table) bounds those of parties and extras, one at
         * most per record. */
        if (dates.count > UINT16_MAX) /* [0] is "no date" */
            rc = over_limit(reg, rec->line, "record", UINT16_MAX - 1, "distinct dates");
        else if (t->party_people_count > UINT16_MAX)
            rc = over_limit(reg, rec->line, "record", UINT16_MAX, "person references");
        else if (t->ref_count > UINT16_MAX)
            rc = over_limit(reg, rec->line, "record", UINT16_MAX, "references");
    }
    if (t->date_count == 0)
        t->date_count = 1;
    t->dates = xrealloc(t->dates, t->date_count * sizeof *t->dates);
    t->dates[0] = 0;
    if (t->party_count == 0)
        t->party_count = 1;
    t->parties = xrealloc(t->parties, t->party_count * sizeof *t->parties);
    memset(&t->parties[0], 0, sizeof t->parties[0]);
    if (t->extra_count == 0)
        t->extra_count = 1;
    t->extras = xrealloc(t->extras, t->extra_count * sizeof *t->extras);
    memset(&t->extras[0], 0, sizeof t->extras[0]);
    interner_free(&dates);
    interner_free(&parties);
    return rc;
}

static int compare_lines(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The line of the person at `n` (from 0) in document order (the reader
 * sorted them by id). */
static long nth_person_line(const struct registry *reg, size_t n)
{
    long *lines = xmalloc(reg->person_count * sizeof *lines), line;
    size_t i;

    for (i = 0; i < reg->person_count; i++)
        lines[i] = reg->people[i].line;
    qsort(lines, reg->person_count, sizeof *lines, compare_lines);
    line = lines[n];
    free(lines);
    return line;
}

static int build_people(struct tables *t, const struct registry *reg)
{
    size_t i;
    if (reg->person_count > UINT16_MAX)
        return over_limit(reg, nth_person_line(reg, UINT16_MAX), "person", UINT16_MAX, "people");
    t->person_count = reg->person_count;
    t->people = xmalloc((reg->person_count + 1) * sizeof *t->people);
    for (i = 0; i < reg->person_count; i++) {
        const struct person *p = &reg->people[i];
        const char *fields[4];
        char *block;
        size_t len = 0, k;
        fields[0] = p->id;
        fields[1] = p->name;
        fields[2] = p->org;
        fields[3] = p->uri;
        for (k = 0; k < 4; k++)
            len += strlen(fields[k]) + 1;
        block = xmalloc(len);
        for (len = 0, k = 0; k < 4; k++) {
            memcpy(block + len, fields[k], strlen(fields[k]) + 1);
            len += strlen(fields[k]) + 1;
        }
        t->people[i].strings = strpool_append(&t->pool, block, len);
        free(block);
    }
    return 0;
}

/* Records a port lookup considers: named ones, and unnamed "Reserved"
 * ones (for portreg_port_status; lookups skip them). */
static int in_port_index(const struct tables *t, size_t i)
{
    return (t->flags[i] & PORTREG_RF_NUMBER) &&
           (t->flags[i] & (PORTREG_RF_NAMED | PORTREG_RF_RESERVED));
}

/* The row of one port: per protocol the first named record in registry
 * order, else PORTREG_PORT_RESERVED when a reserved record covers it. */
static void fill_port_row(struct tables *t, uint16_t row[PORTREG_TRANSPORT_COUNT], size_t first,
                          size_t end)
{
    unsigned p;
    size_t k;
    for (p = 0; p < PORTREG_TRANSPORT_COUNT; p++) {
        row[p] = PORTREG_PORT_NONE;
        for (k = first; k < end; k++) {
            unsigned r = t->port_records[k], flags = t->flags[r];
            if (!(flags & (1u << p)))
                continue;
            if (flags & PORTREG_RF_NAMED) {
                row[p] = (uint16_t)r;
                break;
            }
            row[p] = PORTREG_PORT_RESERVED;
        }
    }
}

static void build_port_first(struct tables *t)
{
    size_t d;
    t->port_first = xmalloc((t->port_keys + 1) * sizeof *t->port_first);
    fill_port_row(t, t->port_first[0], 0, 0);
    for (d = 0; d < t->port_keys; d++)
        fill_port_row(t, t->port_first[d + 1], t->port_start[d], t->port_start[d + 1]);
}

/* The named records of row d's run, into `named`; returns how many. */
static size_t named_in_row(const struct tables *t, size_t d, uint16_t *named)
{
    size_t k, n = 0;
    for (k = t->port_start[d]; k < t->port_start[d + 1]; k++) {
        if (t->flags[t->port_records[k]] & PORTREG_RF_NAMED)
            named[n++] = t->port_records[k];
    }
    return n;
}

/* How many named records lookup_port.c's scan finds for `port`, starting
 * at the row's smallest entry. */
static size_t port_scan_count(const struct tables *t, unsigned port,
                              const uint16_t row[PORTREG_TRANSPORT_COUNT])
{
    size_t first = row[0], i, n = 0;
    unsigned p;
    for (p = 1; p < PORTREG_TRANSPORT_COUNT; p++)
        first = row[p] < first ? row[p] : first;
    if (first >= PORTREG_PORT_RESERVED)
        return 0;
    for (i = first; i < t->record_count; i++) {
        if (!portreg_covers_port(&t->records[i], t->flags[i], port))
            break;
        n += (t->flags[i] & PORTREG_RF_NAMED) != 0;
    }
    return n;
}

/* Lists the ports whose records are not together in the registry. */
static void list_port_runs(struct tables *t, const uint32_t *count)
{
    uint16_t *named = xmalloc((t->record_count + 1) * sizeof *named);
    size_t port, d = 0;

    run_list_init(&t->port_runs, t->port_keys, t->port_start[t->port_keys]);
    for (port = 0; port < 65536; port++) {
        size_t n;
        if (!count[port])
            continue;
        n = named_in_row(t, d, named);
        if (port_scan_count(t, (unsigned)port, t->port_first[d + 1]) != n)
            run_list_add(&t->port_runs, port, named, n);
        d++;
    }
    run_list_end(&t->port_runs);
    free(named);
}

static int build_port_index(struct tables *t, const struct registry *reg)
{
    uint32_t *count = xmalloc(65537 * sizeof *count);
    uint32_t *fill;
    size_t i, port, dense = 0, total = 0;

    memset(count, 0, 65537 * sizeof *count);
    for (i = 0; i < t->record_count; i++) {
        if (!in_port_index(t, i))
            continue;
        /* One entry per port of the record: "0-65535" alone is 65,536. */
        total += (size_t)t->records[i].port_hi - t->records[i].port_lo + 1;
        if (total > UINT16_MAX) {
            free(count);
            return over_limit(reg, reg->records[i].line, "record", UINT16_MAX,
                              "port index entries");
        }
        for (port = t->records[i].port_lo; port <= t->records[i].port_hi; port++)
            count[port]++;
    }
    memset(t->port_bits, 0, sizeof t->port_bits);
    for (port = 0; port < 65536; port++) {
        if (port % 64 == 0)
            t->port_rank[port / 64] = (uint16_t)(dense + 1); /* rows start at 1 */
        if (count[port])
            t->port_bits[port / 64] |= UINT64_C(1) << (port % 64);
        dense += count[port] != 0;
    }
    fill = xmalloc(65536 * sizeof *fill);
    t->port_keys = dense;
    t->port_start = xmalloc((dense + 1) * sizeof *t->port_start);
    t->port_records = xmalloc((total + 1) * sizeof *t->port_records);
    dense = 0;
    total = 0;
    for (port = 0; port < 65536; port++) {
        if (!count[port])
            continue;
        fill[port] = (uint32_t)total;
        t->port_start[dense++] = (uint16_t)total;
        total += count[port];
    }
    t->port_start[dense] = (uint16_t)total;
    for (i = 0; i < t->record_count; i++) {
        if (in_port_index(t, i))
            for (port = t->records[i].port_lo; port <= t->records[i].port_hi; port++)
                t->port_records[fill[port]++] = (uint16_t)i;
    }
    build_port_first(t);
    list_port_runs(t, count);
    free(count);
    free(fill);
    return 0;
}

/* Distinct folded names, each with its records in registry order. */
struct name_group {
    uint32_t folded; /* pool offset */
    size_t first, count; /* into a by-name list of record numbers */
};

/* Lists the names whose records lookup_name.c's scan, from the slot's
 * first record while the names fold to the slot's, would not all find. */
static void list_name_runs(struct tables *t, const struct registry *reg,
                           const size_t *name_start, const uint16_t *name_records)
{
    size_t slot;

    run_list_init(&t->name_runs, t->names.slot_count, name_start[t->names.slot_count]);
    for (slot = 0; slot < t->names.slot_count; slot++) {
        const char *folded = t->pool.data + 8 * (size_t)t->name_slots[slot].key;
        size_t n = name_start[slot + 1] - name_start[slot], i, scanned = 0;
        if (n == 0)
            continue;
        for (i = t->name_slots[slot].first; i < reg->record_count; i++) {
            if (!portreg_name_folds_to(reg->records[i].name, folded))
                break;
            scanned++;
        }
        if (scanned != n)
            run_list_add(&t->name_runs, slot, name_records + name_start[slot], n);
    }
    run_list_end(&t->name_runs);
}

/* Word-wise comparisons may read up to a word past a short stored name
 * while the query is longer; zeros after the names keep those reads inside
 * the pool. */
#define NAME_TAIL (8 * PORTREG_NAME_WORDS_MAX)

/*
 * Puts the distinct folded names into the pool, in `groups` (record i is
 * in group group_of[i]), and counts them in `*n` and the named records in
 * `*named`.  Slots address their names in 8-byte words of 16 bits, and
 * the index has 16-bit slot numbers: the record whose name goes past
 * either is named.  (Named records are records, within their limit.)
 */
static int group_names(struct tables *t, const struct registry *reg, struct name_group *groups,
                       size_t *group_of, size_t *n, size_t *named)
{
    struct interner seen;
    char folded[PORTREG_NAME_MAX + 1];
    size_t i;
    int rc = 0;

    *n = *named = 0;
    /* Folded names go into the pool first, so that the strings a name
     * lookup compares sit together in a few cache-friendly pages. */
    interner_init(&seen);
    for (i = 0; i < reg->record_count && rc == 0; i++) {
        int fresh;
        size_t g;
        if (!reg->records[i].name[0])
            continue;
        fold_name(folded, reg->records[i].name);
        g = intern(&seen, folded, &fresh) - 1;
        if (fresh) {
            groups[g].folded = strpool_add_words(&t->pool, folded);
            groups[g].count = 0;
            ++*n;
            if (t->pool.len + NAME_TAIL > 8 * (size_t)UINT16_MAX)
                rc = over_limit(reg, reg->records[i].line, "record's name",
                                8 * (size_t)UINT16_MAX, "bytes of folded names");
            else if (name_index_slots(*n) > UINT16_MAX)
                rc = over_limit(reg, reg->records[i].line, "record's name", UINT16_MAX,
                                "name slots");
        }
        groups[g].count++;
        group_of[i] = g;
        ++*named;
    }
    interner_free(&seen);
    return rc;
}

static int build_name_index(struct tables *t, const struct registry *reg)
{
    size_t *name_start;
    uint16_t *name_records;
    struct name_group *groups = xmalloc((reg->record_count + 1) * sizeof *groups);
    size_t *group_of = xmalloc((reg->record_count + 1) * sizeof *group_of);
    const char **keys;
    size_t i, slot, n, named;

    if (group_names(t, reg, groups, group_of, &n, &named) < 0) {
        free(groups);
        free(group_of);
        return -1;
    }
    strpool_append(&t->pool, (const char[NAME_TAIL]){0}, NAME_TAIL);
    keys = xmalloc((n + 1) * sizeof *keys);
    for (i = 0; i < n; i++)
        keys[i] = t->pool.data + groups[i].folded;
    if (name_index_build(&t->names, keys, n) < 0) {
        /* Not one record's fault, and never seen: line 0, as for the file. */
        fprintf(stderr, "%s:0: no seed placed the %zu distinct names in the index\n", reg->path,
                n);
        free(keys);
        free(groups);
        free(group_of);
        return -1;
    }
    t->name_count = n;

    /* Each slot's records, laid out in slot order: slot s owns
     * name_records[name_start[s] .. name_start[s + 1]). */
    t->name_slots = xmalloc(t->names.slot_count * sizeof *t->name_slots);
    name_start = xmalloc((t->names.slot_count + 1) * sizeof *name_start);
    name_records = xmalloc((named + 1) * sizeof *name_records);
    {
        size_t total = 0;
        for (slot = 0; slot < t->names.slot_count; slot++) {
            long k = t->names.slot_key[slot];
            name_start[slot] = total;
            t->name_slots[slot].key = (uint16_t)(k < 0 ? 0 : groups[k].folded / 8);
            if (k >= 0) {
                groups[k].first = total;
                total += groups[k].count;
                groups[k].count = 0; /* refilled below */
            }
        }
        name_start[slot] = total;
    }
    for (i = 0; i < reg->record_count; i++) {
        struct name_group *g;
        if (!reg->records[i].name[0])
            continue;
        g = &groups[group_of[i]];
        name_records[g->first + g->count++] = (uint16_t)i;
    }
    /* One more entry than there are named records: the sentinel that an
     * empty slot at the end names as its first record. */
    name_records[named] = 0;
    for (slot = 0; slot < t->names.slot_count; slot++)
        t->name_slots[slot].first = name_records[name_start[slot]];
    list_name_runs(t, reg, name_start, name_records);
    free(name_start);
    free(name_records);
    free(keys);
    free(groups);
    free(group_of);
    return 0;
}

/* ---- Writing ---- */

void write_u16s(FILE *out, const char *decl, const uint16_t *v, size_t n)
{
    size_t i;
    fprintf(out, "%s = {", decl);
    for (i = 0; i < n; i++)
        fprintf(out, "%s%u,", i % 16 ? "" : "\n", (unsigned)v[i]);
    fprintf(out, "%s};\n\n", n ? "\n" : "0");
}

static void write_u32s(FILE *out, const char *decl, const uint32_t *v, size_t n)
{
    size_t i;
    fprintf(out, "%s = {", decl);
    for (i = 0; i < n; i++)
        fprintf(out, "%s%lu,", i % 12 ? "" : "\n", (unsigned long)v[i]);
    fprintf(out, "%s};\n\n", n ? "\n" : "0");
}

/* The pool as rows of PORTREG_POOL_ROW bytes, each one string literal:
 * one literal of 659 KB would be far over the 4,095 characters that C99
 * promises a literal may hold (-pedantic: overlength-strings), and an
 * array of numbers takes the C compiler twice as long.  A row's literal
 * fills its row exactly, so it has no terminating NUL of its own, which C
 * allows.  Every byte that is not plain printable ASCII is a three-digit
 * octal escape (so no escape can run into the next character), and '?'
 * is escaped against trigraphs. */
void write_pool(FILE *out, const struct strpool *pool)
{
    size_t rows = (pool->len + PORTREG_POOL_ROW - 1) / PORTREG_POOL_ROW, i;

    fprintf(out, "const char portreg__pool_rows[%zu][PORTREG_POOL_ROW] PORTREG_POOL_ALIGN = {\n",
            rows);
    for (i = 0; i < rows * PORTREG_POOL_ROW; i++) {
        unsigned char c = i < pool->len ? (unsigned char)pool->data[i] : 0;
        if (i % PORTREG_POOL_ROW == 0)
            fputc('"', out);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '?')
            fprintf(out, "\\%03o", c);
        else
            fputc(c, out);
        if (c == '\0' && i % PORTREG_POOL_ROW != PORTREG_POOL_ROW - 1)
            fputs("\"\n\"", out); /* a line per string, for whoever reads this */
        if (i % PORTREG_POOL_ROW == PORTREG_POOL_ROW - 1)
            fputs("\",\n", out);
    }
    fputs("};\n\n", out);
}

static void write_records(FILE *out, const struct tables *t)
{
    size_t i;
    fprintf(out, "const uint32_t portreg__record_count = %zu;\n\n", t->record_count);
    fprintf(out, "/* name, description, port_lo, port_hi, date, updated, parties, extra */\n"
                 "const struct portreg_entry portreg__records[%zu] = {\n", t->record_count);
    for (i = 0; i < t->record_count; i++) {
        const struct portreg_entry *e = &t->records[i];
        fprintf(out, "{%lu,%lu,%u,%u,%u,%u,%u,%u},\n", (unsigned long)e->name,
                (unsigned long)e->description, e->port_lo, e->port_hi, e->date, e->updated,
                e->parties, e->extra);
    }
    fprintf(out, "};\n\nconst uint8_t portreg__record_flags[%zu] = {", t->record_count);
    for (i = 0; i < t->record_count; i++)
        fprintf(out, "%s%u,", i % 20 ? "" : "\n", t->flags[i]);
    fputs("\n};\n\n", out);
}

static void write_side_tables(FILE *out, const struct tables *t)
{
    size_t i;
    write_u32s(out, "const uint32_t portreg__dates[]", t->dates, t->date_count);
    fputs("const struct portreg_extra portreg__extras[] = {\n", out);
    for (i = 0; i < t->extra_count; i++) {
        const struct portreg_extra *x = &t->extras[i];
        fprintf(out, "{%lu,%lu,%lu,%u,%u,%u},\n", (unsigned long)x->note,
                (unsigned long)x->unauthorized, (unsigned long)x->service_code, x->ref_first,
                x->ref_count, x->has_service_code);
    }
    fputs("};\n\nconst struct portreg_ref portreg__refs[] = {\n", out);
    for (i = 0; i < t->ref_count; i++)
        fprintf(out, "{%lu,%lu},\n", (unsigned long)t->refs[i].data,
                (unsigned long)t->refs[i].type);
    fputs(t->ref_count ? "};\n\n" : "{0,0}};\n\n", out);
    fputs("const struct portreg_party portreg__parties[] = {\n", out);
    for (i = 0; i < t->party_count; i++)
        fprintf(out, "{%u,%u,%u},\n", t->parties[i].first, t->parties[i].assignees,
                t->parties[i].contacts);
    fputs("};\n\n", out);
    write_u16s(out, "const uint16_t portreg__party_people[]", t->party_people,
               t->party_people_count);
    fputs("const struct portreg_person portreg__people[] = {\n", out);
    for (i = 0; i < t->person_count; i++)
        fprintf(out, "{%lu},\n", (unsigned long)t->people[i].strings);
    fputs(t->person_count ? "};\n\n" : "{0}};\n\n", out);
}

void write_runs(FILE *out, const char *kind, const struct run_list *l)
{
    size_t i;
    char decl[64];
    fprintf(out, "const uint32_t portreg__%s_run_count = %zu;\n", kind, l->count);
    fprintf(out, "const struct portreg_run portreg__%s_runs[] = {\n", kind);
    for (i = 0; i <= l->count; i++)
        fprintf(out, "{%u,%u},\n", l->runs[i].key, l->runs[i].start);
    fputs("};\n\n", out);
    snprintf(decl, sizeof decl, "const uint16_t portreg__%s_run_records[]", kind);
    write_u16s(out, decl, l->records, l->entries);
}

void write_port_bitmap(FILE *out, const uint64_t *bits, const uint16_t *rank)
{
    size_t i;
    fputs("const uint64_t portreg__port_bits[PORTREG_PORT_WORDS] = {", out);
    for (i = 0; i < PORTREG_PORT_WORDS; i++)
        fprintf(out, "%sUINT64_C(0x%016llx),", i % 4 ? "" : "\n", (unsigned long long)bits[i]);
    fputs("\n};\n\n", out);
    write_u16s(out, "const uint16_t portreg__port_rank[PORTREG_PORT_WORDS]", rank,
               PORTREG_PORT_WORDS);
}

void write_name_hash(FILE *out, const struct name_index *names)
{
    fprintf(out, "const uint64_t portreg__name_seed = UINT64_C(0x%016llx);\n",
            (unsigned long long)names->seed);
    fprintf(out, "const uint32_t portreg__name_bucket_count = %lu;\n",
            (unsigned long)names->bucket_count);
    fprintf(out, "const uint32_t portreg__name_slot_count = %lu;\n\n",
            (unsigned long)names->slot_count);
    write_u16s(out, "const uint16_t portreg__name_pilots[]", names->pilots,
               names->bucket_count);
}

static void write_port_index(FILE *out, const struct tables *t)
{
    size_t i;
    write_port_bitmap(out, t->port_bits, t->port_rank);
    fputs("const uint16_t portreg__port_first[][PORTREG_TRANSPORT_COUNT] = {\n", out);
    for (i = 0; i <= t->port_keys; i++) {
        unsigned p;
        for (p = 0; p < PORTREG_TRANSPORT_COUNT; p++)
            fprintf(out, "%s%u", p ? "," : "{", t->port_first[i][p]);
        fputs("},\n", out);
    }
    fputs("};\n\n", out);
    write_runs(out, "port", &t->port_runs);
}

static void write_name_index(FILE *out, const struct tables *t)
{
    size_t i;

    write_name_hash(out, &t->names);
    fputs("const struct portreg_name_slot portreg__name_slots[] = {\n", out);
    for (i = 0; i < t->names.slot_count; i++)
        fprintf(out, "{%u,%u},%s", t->name_slots[i].key, t->name_slots[i].first,
                i % 8 == 7 ? "\n" : "");
    fputs("\n};\n\n", out);
    write_runs(out, "name", &t->name_runs);
}

static void fill_stats(const struct tables *t, struct emit_stats *s)
{
    size_t i;
    memset(s, 0, sizeof *s);
    s->records = t->record_count;
    for (i = 0; i < t->record_count; i++)
        s->named_records += (t->flags[i] & PORTREG_RF_NAMED) != 0;
    s->names = t->name_count;
    s->people = t->person_count;
    s->port_keys = t->port_keys;
    s->name_slots = t->names.slot_count;
    s->name_buckets = t->names.bucket_count;
    s->seeds_tried = t->names.attempts;
    s->bytes_records = t->record_count * (sizeof *t->records + 1);
    s->bytes_pool = t->pool.len;
    s->bytes_port_index = sizeof t->port_bits + sizeof t->port_rank +
                          (t->port_keys + 1) * sizeof *t->port_first;
    s->bytes_port_runs = (t->port_runs.count + 1) * sizeof *t->port_runs.runs +
                         t->port_runs.entries * sizeof *t->port_runs.records;
    s->bytes_name_index = t->names.bucket_count * 2 + t->names.slot_count * 4;
    s->bytes_name_runs = (t->name_runs.count + 1) * sizeof *t->name_runs.runs +
                         t->name_runs.entries * sizeof *t->name_runs.records;
    s->bytes_other = t->date_count * 4 + t->extra_count * sizeof *t->extras +
                     t->ref_count * sizeof *t->refs + t->party_count * sizeof *t->parties +
                     t->party_people_count * 2 + t->person_count * sizeof *t->people;
}

static void free_tables(struct tables *t)
{
    strpool_free(&t->pool);
    free(t->records);
    free(t->flags);
    free(t->dates);
    free(t->extras);
    free(t->refs);
    free(t->parties);
    free(t->party_people);
    free(t->people);
    free(t->port_first);
    free(t->port_start);
    free(t->port_records);
    run_list_free(&t->port_runs);
    name_index_free(&t->names);
    free(t->name_slots);
    run_list_free(&t->name_runs);
}

int emit_table(FILE *out, const struct registry *reg, struct emit_stats *stats)
{
    /* The file's base name only: a directory name may hold a comment's end. */
    const char *base = strrchr(reg->path, '/');
    struct tables *t;
    int rc;

    /* Record numbers are 16-bit throughout the format (rows, slots, runs),
     * and the port rows take 0xFFFE and 0xFFFF for "reserved" and "none". */
    if (reg->record_count > PORTREG_PORT_RESERVED)
        return over_limit(reg, reg->records[PORTREG_PORT_RESERVED].line, "record",
                          PORTREG_PORT_RESERVED, "records");
    t = xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    strpool_init(&t->pool);
    rc = build_name_index(t, reg);
    if (rc == 0)
        rc = build_records(t, reg);
    if (rc == 0)
        rc = build_people(t, reg);
    if (rc == 0)
        rc = build_port_index(t, reg);
    if (rc == 0) {
        fprintf(out, "/* Generated by portreg-compile from %s.  Do not edit. */\n"
                     "#include \"portreg_table.h\"\n\n", base ? base + 1 : reg->path);
        fprintf(out, "const char portreg__registry_updated[] = \"%s\";\n\n", reg->updated);
        write_pool(out, &t->pool);
        write_records(out, t);
        write_side_tables(out, t);
        write_port_index(out, t);
        write_name_index(out, t);
        fill_stats(t, stats);
    }
    free_tables(t);
    free(t);
    return rc;
}
