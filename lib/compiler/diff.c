/*
 * Record-by-record differences between two registry editions.
 *
 * A record is known by its key: name, protocol, and port or range.  Both
 * editions' records are sorted by key (registry order among equal keys),
 * and a merge pairs equal keys in order: a record of the new edition with
 * no partner was added, one of the old edition with no partner removed,
 * and a pair whose other fields differ changed.  Output follows the key
 * order, so it is the same on every run.
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "portreg_table.h"
#include "text.h"

/* qsort has no context argument in C99: the registry being sorted. */
static const struct registry *sorting;

static int compare_keys(const struct record *a, const struct record *b)
{
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    if (a->proto != b->proto)
        return a->proto < b->proto ? -1 : 1;
    if (a->has_number != b->has_number)
        return a->has_number - b->has_number;
    if (a->port_lo != b->port_lo)
        return a->port_lo < b->port_lo ? -1 : 1;
    if (a->port_hi != b->port_hi)
        return a->port_hi < b->port_hi ? -1 : 1;
    return 0;
}

static int compare_indexes(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int c = compare_keys(&sorting->records[i], &sorting->records[j]);
    return c ? c : (i > j) - (i < j);
}

static size_t *sorted_by_key(const struct registry *reg)
{
    size_t *order = xmalloc((reg->record_count + 1) * sizeof *order), i;
    for (i = 0; i < reg->record_count; i++)
        order[i] = i;
    sorting = reg;
    qsort(order, reg->record_count, sizeof *order, compare_indexes);
    sorting = NULL;
    return order;
}

/* "name/proto port", leaving out what the record lacks. */
static void write_key(FILE *out, const struct record *rec)
{
    fputs(rec->name[0] ? rec->name : "(unnamed)", out);
    if (rec->proto)
        fprintf(out, "/%s", portreg_transport_of_flag(rec->proto)->name);
    if (rec->has_number && rec->port_lo == rec->port_hi)
        fprintf(out, " %u", (unsigned)rec->port_lo);
    else if (rec->has_number)
        fprintf(out, " %u-%u", (unsigned)rec->port_lo, (unsigned)rec->port_hi);
}

static int same_ids(char *const *a, size_t na, char *const *b, size_t nb)
{
    size_t i;
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (strcmp(a[i], b[i]) != 0)
            return 0;
    return 1;
}

static int same_refs(const struct record *a, const struct record *b)
{
    size_t i;
    if (a->ref_count != b->ref_count)
        return 0;
    for (i = 0; i < a->ref_count; i++)
        if (a->refs[i].type != b->refs[i].type || strcmp(a->refs[i].data, b->refs[i].data) != 0)
            return 0;
    return 1;
}

/* Writes ": field, field" for the fields that differ; returns how many. */
static int write_changes(FILE *out, const struct record *a, const struct record *b)
{
    const char *changed[9];
    int n = 0, i;

    if (strcmp(a->description, b->description) != 0)
        changed[n++] = "description";
    if (strcmp(a->note, b->note) != 0)
        changed[n++] = "note";
    if (strcmp(a->unauthorized, b->unauthorized) != 0)
        changed[n++] = "unauthorized";
    if (strcmp(a->date, b->date) != 0)
        changed[n++] = "date";
    if (strcmp(a->updated, b->updated) != 0)
        changed[n++] = "updated";
    if (a->has_service_code != b->has_service_code || a->service_code != b->service_code)
        changed[n++] = "service code";
    if (!same_refs(a, b))
        changed[n++] = "references";
    if (!same_ids(a->assignees, a->assignee_count, b->assignees, b->assignee_count))
        changed[n++] = "assignees";
    if (!same_ids(a->contacts, a->contact_count, b->contacts, b->contact_count))
        changed[n++] = "contacts";
    if (n == 0)
        return 0;
    fputs("~ ", out);
    write_key(out, b);
    for (i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? ", " : ": ", changed[i]);
    fputc('\n', out);
    return n;
}

static void write_one(FILE *out, char mark, const struct record *rec)
{
    fprintf(out, "%c ", mark);
    write_key(out, rec);
    if (rec->description[0])
        fprintf(out, ": %s", rec->description);
    fputc('\n', out);
}

void diff_registries(FILE *out, const struct registry *old_reg, const struct registry *new_reg,
                     struct diff_counts *counts)
{
    size_t *a = sorted_by_key(old_reg), *b = sorted_by_key(new_reg);
    size_t i = 0, j = 0;

    memset(counts, 0, sizeof *counts);
    while (i < old_reg->record_count && j < new_reg->record_count) {
        const struct record *x = &old_reg->records[a[i]], *y = &new_reg->records[b[j]];
        int c = compare_keys(x, y);

        if (c < 0) {
            write_one(out, '-', x);
            counts->removed++;
            i++;
        } else if (c > 0) {
            write_one(out, '+', y);
            counts->added++;
            j++;
        } else {
            if (write_changes(out, x, y))
                counts->changed++;
            else
                counts->unchanged++;
            i++;
            j++;
        }
    }
    for (; i < old_reg->record_count; i++, counts->removed++)
        write_one(out, '-', &old_reg->records[a[i]]);
    for (; j < new_reg->record_count; j++, counts->added++)
        write_one(out, '+', &new_reg->records[b[j]]);
    fprintf(out, "%s (%s, %zu records) -> %s (%s, %zu records): %zu added, %zu removed, "
                 "%zu changed, %zu unchanged\n",
            old_reg->path, old_reg->updated, old_reg->record_count, new_reg->path,
            new_reg->updated, new_reg->record_count, counts->added, counts->removed,
            counts->changed, counts->unchanged);
    free(a);
    free(b);
}
