/*
 * Printing records: an aligned table (default), --long blocks, or --json
 * lines.  All three read the same fields through the same helpers, so the
 * formats cannot drift apart.  Registry text goes out through text_put()
 * in the table and the blocks, json_string() in JSON: portinfo prints a
 * file it did not write, and none of its control characters may reach a
 * terminal raw.
 */
#include <string.h>

#include "portinfo.h"

#define BOLD  "\033[1m"
#define GREEN "\033[32m"
#define DIM   "\033[2m"
#define RESET "\033[0m"

/* The text of the port column: "443", "6000-6063", or "-" for a record
 * without a number (a DNS SRV-only name). */
static void port_text(const portreg_entry *e, char *buf, size_t cap)
{
    uint16_t lo, hi;
    if (portreg_entry_ports(e, &lo, &hi) != 0)
        snprintf(buf, cap, "-");
    else if (lo == hi)
        snprintf(buf, cap, "%u", (unsigned)lo);
    else
        snprintf(buf, cap, "%u-%u", (unsigned)lo, (unsigned)hi);
}

/* A record without <protocol> applies to all of them. */
static const char *proto_text(const portreg_entry *e)
{
    unsigned p = portreg_entry_protos(e);
    return p ? portreg_proto_name(p) : "any";
}

/* The RFC 6335 class of the record's first port; NULL without a port. */
static const char *range_text(const portreg_entry *e)
{
    uint16_t lo;
    if (portreg_entry_ports(e, &lo, NULL) != 0)
        return NULL;
    return portreg_range_name(portreg_classify(lo));
}

/* The status of the record's first port for its own protocol; NULL
 * without a port.  For a named record this is "assigned"; for the unnamed
 * records --search finds it tells reserved from unassigned. */
static const char *status_text(const portreg_entry *e)
{
    uint16_t lo;
    unsigned p = portreg_entry_protos(e);
    if (portreg_entry_ports(e, &lo, NULL) != 0)
        return NULL;
    return portreg_status_name(portreg_port_status(lo, p ? p : PORTREG_ANY));
}

static const char *name_text(const portreg_entry *e)
{
    const char *n = portreg_entry_name(e);
    return n[0] ? n : "-";
}

/* ---- table ---- */

typedef struct widths {
    int port, proto, name, range;
} widths;

static int max_int(int a, size_t b)
{
    return (size_t)a > b ? a : (int)b;
}

static widths column_widths(const portinfo_hits *hits)
{
    widths w = { 4, 5, 4, 5 }; /* the headers PORT PROTO NAME RANGE */
    char ports[16];
    size_t i;

    for (i = 0; i < hits->n; i++) {
        const portreg_entry *e = hits->v[i].entry;
        const char *r = range_text(e);
        port_text(e, ports, sizeof ports);
        w.port = max_int(w.port, strlen(ports));
        w.proto = max_int(w.proto, strlen(proto_text(e)));
        w.name = max_int(w.name, text_put(NULL, name_text(e)));
        w.range = max_int(w.range, strlen(r ? r : "-"));
    }
    return w;
}

/* Pads after the text rather than with %-*s so that colour codes, which
 * take no columns, do not upset the alignment; and escapes in the text,
 * which do, are counted. */
static void cell(FILE *out, const char *text, int width, const char *color, int use_color)
{
    int len;
    if (use_color && color)
        fputs(color, out);
    len = (int)text_put(out, text);
    if (use_color && color)
        fputs(RESET, out);
    fprintf(out, "%*s  ", width > len ? width - len : 0, "");
}

static void print_table(FILE *out, const portinfo_hits *hits, int color)
{
    widths w = column_widths(hits);
    char ports[16];
    size_t i;

    if (color)
        fputs(BOLD, out);
    fprintf(out, "%-*s  %-*s  %-*s  %-*s  %s", w.port, "PORT", w.proto, "PROTO", w.name, "NAME",
            w.range, "RANGE", "DESCRIPTION");
    fputs(color ? RESET "\n" : "\n", out);
    for (i = 0; i < hits->n; i++) {
        const portreg_entry *e = hits->v[i].entry;
        const char *r = range_text(e);
        port_text(e, ports, sizeof ports);
        cell(out, ports, w.port, NULL, color);
        cell(out, proto_text(e), w.proto, NULL, color);
        cell(out, name_text(e), w.name, GREEN, color);
        cell(out, r ? r : "-", w.range, NULL, color);
        text_put(out, portreg_entry_description(e));
        putc('\n', out);
    }
}

/* ---- --long ---- */

static void field(FILE *out, const char *label, const char *value, int color)
{
    if (!value || !value[0])
        return; /* absent fields are left out rather than shown empty */
    fprintf(out, "  %s%-13s%s ", color ? DIM : "", label, color ? RESET : "");
    text_put(out, value);
    putc('\n', out);
}

static void person_line(FILE *out, const char *label, const portreg_person *p, int color)
{
    char line[512];
    const char *name = portreg_person_name(p), *org = portreg_person_org(p);
    const char *uri = portreg_person_uri(p);

    /* "Name, Org <uri> [id]", leaving out what the registry does not say. */
    snprintf(line, sizeof line, "%s%s%s%s%s%s [%s]", name[0] ? name : portreg_person_id(p),
             org[0] ? ", " : "", org, uri[0] ? " <" : "", uri, uri[0] ? ">" : "",
             portreg_person_id(p));
    field(out, label, line, color);
}

static void print_long_one(FILE *out, const portreg_entry *e, int color)
{
    char ports[16], buf[600];
    uint32_t sc;
    size_t i;

    port_text(e, ports, sizeof ports);
    fputs(color ? BOLD GREEN : "", out);
    text_put(out, name_text(e));
    fprintf(out, "%s ", color ? RESET : "");
    if (range_text(e))
        fprintf(out, "%s/%s\n", ports, proto_text(e));
    else /* a name used only with DNS SRV / DNS-SD */
        fprintf(out, "(no port) %s\n", proto_text(e));
    field(out, "range", range_text(e), color);
    field(out, "status", status_text(e), color);
    field(out, "description", portreg_entry_description(e), color);
    field(out, "registered", portreg_entry_date(e), color);
    field(out, "modified", portreg_entry_updated(e), color);
    for (i = 0; i < portreg_entry_assignee_count(e); i++)
        person_line(out, "assignee", portreg_entry_assignee(e, i), color);
    for (i = 0; i < portreg_entry_contact_count(e); i++)
        person_line(out, "contact", portreg_entry_contact(e, i), color);
    for (i = 0; i < portreg_entry_ref_count(e); i++) {
        snprintf(buf, sizeof buf, "%s %s", portreg_ref_type_name(portreg_entry_ref_type(e, i)),
                 portreg_entry_ref(e, i));
        field(out, "reference", buf, color);
    }
    field(out, "note", portreg_entry_note(e), color);
    field(out, "unauthorized", portreg_entry_unauthorized(e), color);
    if (portreg_entry_service_code(e, &sc) == 0) {
        snprintf(buf, sizeof buf, "%lu", (unsigned long)sc);
        field(out, "service code", buf, color);
    }
}

static void print_long(FILE *out, const portinfo_hits *hits, int color)
{
    size_t i;
    for (i = 0; i < hits->n; i++) {
        if (i)
            putc('\n', out);
        print_long_one(out, hits->v[i].entry, color);
    }
}

/* ---- --json ---- */

static void json_key(FILE *out, const char *key, const char *value)
{
    fprintf(out, ",\"%s\":", key);
    if (value)
        json_string(out, value);
    else
        fputs("null", out);
}

static void json_person(FILE *out, const portreg_person *p)
{
    fputs("{\"id\":", out);
    json_string(out, portreg_person_id(p));
    json_key(out, "name", portreg_person_name(p));
    json_key(out, "org", portreg_person_org(p));
    json_key(out, "uri", portreg_person_uri(p));
    putc('}', out);
}

typedef size_t (*count_fn)(const portreg_entry *);
typedef const portreg_person *(*person_fn)(const portreg_entry *, size_t);

static void json_people(FILE *out, const char *key, const portreg_entry *e, count_fn count,
                        person_fn get)
{
    size_t i, n = count(e);
    fprintf(out, ",\"%s\":[", key);
    for (i = 0; i < n; i++) {
        if (i)
            putc(',', out);
        json_person(out, get(e, i));
    }
    putc(']', out);
}

static void json_refs(FILE *out, const portreg_entry *e)
{
    size_t i, n = portreg_entry_ref_count(e);
    fputs(",\"references\":[", out);
    for (i = 0; i < n; i++) {
        fputs(i ? ",{\"type\":" : "{\"type\":", out);
        json_string(out, portreg_ref_type_name(portreg_entry_ref_type(e, i)));
        json_key(out, "data", portreg_entry_ref(e, i));
        putc('}', out);
    }
    putc(']', out);
}

static void print_json_one(FILE *out, const portinfo_hit *h)
{
    const portreg_entry *e = h->entry;
    unsigned p = portreg_entry_protos(e);
    uint16_t lo, hi;
    uint32_t sc;

    fprintf(out, "{\"index\":%lu", (unsigned long)portreg_entry_index(e));
    json_key(out, "query", h->query);
    json_key(out, "name", portreg_entry_name(e));
    json_key(out, "protocol", p ? portreg_proto_name(p) : NULL);
    if (portreg_entry_ports(e, &lo, &hi) == 0)
        fprintf(out, ",\"ports\":[%u,%u]", (unsigned)lo, (unsigned)hi);
    else
        fputs(",\"ports\":null", out);
    json_key(out, "range", range_text(e));
    json_key(out, "status", status_text(e));
    json_key(out, "description", portreg_entry_description(e));
    json_key(out, "date", portreg_entry_date(e));
    json_key(out, "updated", portreg_entry_updated(e));
    json_people(out, "assignees", e, portreg_entry_assignee_count, portreg_entry_assignee);
    json_people(out, "contacts", e, portreg_entry_contact_count, portreg_entry_contact);
    json_refs(out, e);
    json_key(out, "note", portreg_entry_note(e));
    json_key(out, "unauthorized", portreg_entry_unauthorized(e));
    if (portreg_entry_service_code(e, &sc) == 0)
        fprintf(out, ",\"service_code\":%lu", (unsigned long)sc);
    else
        fputs(",\"service_code\":null", out);
    fputs("}\n", out);
}

void portinfo_print(FILE *out, const portinfo_hits *hits, const portinfo_opts *o)
{
    size_t i;

    if (o->json) {
        for (i = 0; i < hits->n; i++)
            print_json_one(out, &hits->v[i]);
    } else if (o->longform) {
        print_long(out, hits, o->color);
    } else if (hits->n) {
        print_table(out, hits, o->color);
    }
}
