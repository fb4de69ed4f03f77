/*
 * Reads the IANA protocol-numbers XML ("Assigned Internet Protocol
 * Numbers") into a struct protocol_registry and checks it.  Every problem
 * is reported as "file:line: what is wrong".
 *
 * The XML is untrusted input, read by xml_read.c under the same rules as
 * the service registry: no network, no entity substitution, no DTD, a
 * bounded size, UTF-8 only, a DOCTYPE refused before libxml2 reads any
 * declaration in it, and no control characters in any text.
 *
 * Keywords.  The registry's <name> is mostly a keyword ("ESP",
 * "IPv6-ICMP"), but a few are prose: "ARGUS (deprecated)", "ISIS over
 * IPv4", "Mobility Header", and 255 is named "Reserved".  Programs need
 * one token (protocols(5), tuple text, getprotobyname()), so the keyword
 * is the name without a trailing " (deprecated)" (which becomes a flag),
 * with each space written as '-'; "Reserved" is a status, not a keyword.
 */
#include "protocol.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "decimal.h"
#include "portreg.h"
#include "portreg_table.h"
#include "text.h"
#include "xml_read.h"

/* The 2026 edition is 43 KB. */
#define PROTOCOL_MAX_BYTES (4L * 1024 * 1024)
#define DEPRECATED_SUFFIX " (deprecated)"

struct preader {
    struct xml_reader x; /* the file, its messages, whether it failed */
    struct protocol_registry *reg;
};

/* Prints "path:line: message" and marks the reading failed (xml_fail()). */
static void fail(struct preader *r, long line, const char *fmt, ...) XML_READ_PRINTF(3, 4);
static void fail(struct preader *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    xml_vfail(&r->x, line, fmt, ap);
    va_end(ap);
}

static void read_value(struct preader *r, struct protocol_record *rec, const xmlNode *node)
{
    char *text = xml_element_text(&r->x, node);
    const char *dash = strchr(text, '-');
    size_t n = dash ? (size_t)(dash - text) : strlen(text);
    unsigned long lo = 0, hi = 0;

    if (!portreg_decimal_parse(text, n, 255, &lo) ||
        (dash && !portreg_decimal_parse(dash + 1, strlen(dash + 1), 255, &hi))) {
        fail(r, xml_line(node), "protocol value \"%s\" is not N or N-M with numbers from 0 to 255",
             text);
    } else {
        if (!dash)
            hi = lo;
        if (hi < lo)
            fail(r, xml_line(node), "protocol range \"%s\" is reversed", text);
        rec->lo = (unsigned)lo;
        rec->hi = (unsigned)hi;
    }
    free(text);
}

/* The keyword of a <name> (see the top of this file). */
static void derive_keyword(struct preader *r, struct protocol_record *rec, long line)
{
    size_t len = strlen(rec->name), suffix = strlen(DEPRECATED_SUFFIX);
    char *k = text_dup(rec->name), *p;

    if (len > suffix && strcasecmp(k + len - suffix, DEPRECATED_SUFFIX) == 0) {
        rec->deprecated = 1;
        k[len - suffix] = '\0';
    }
    if (strcasecmp(k, "Reserved") == 0)
        k[0] = '\0';
    for (p = k; *p; p++) {
        if (*p == ' ')
            *p = '-';
        else if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e || *p == '#') {
            fail(r, line, "protocol name \"%s\" holds a byte (0x%02x) a keyword cannot have",
                 rec->name, (unsigned char)*p);
            break;
        }
    }
    if (k[0] && portreg_decimal_digits(k, strlen(k)) == strlen(k))
        fail(r, line, "protocol keyword \"%s\" is a number", k);
    if (strlen(k) > PORTREG_NAME_MAX)
        fail(r, line, "protocol keyword \"%.20s...\" is longer than %d bytes", k,
             PORTREG_NAME_MAX);
    rec->keyword = k;
}

static unsigned ref_type(const char *type)
{
    static const char *const names[] = {"rfc", "draft", "uri", "text", "note"};
    unsigned i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(type, names[i]) == 0)
            return PORTREG_REF_RFC + i;
    }
    return PORTREG_REF_OTHER;
}

static void read_xref(struct preader *r, struct protocol_record *rec, const xmlNode *node)
{
    const char *type = xml_attribute(node, "type"), *data = xml_attribute(node, "data");
    struct ref *ref;

    if (!type) {
        fail(r, xml_line(node), "<xref> without a type");
        return;
    }
    if (strcmp(type, "person") == 0)
        return; /* people are not part of the protocol table */
    if (rec->ref_count == 255) {
        fail(r, xml_line(node), "more than 255 references in one record");
        return;
    }
    rec->refs = xrealloc(rec->refs, (rec->ref_count + 1) * sizeof *rec->refs);
    ref = &rec->refs[rec->ref_count++];
    ref->type = ref_type(type);
    ref->data = data ? text_collapse(text_dup(data)) : xml_element_text(&r->x, node);
}

static void read_record(struct preader *r, const xmlNode *node)
{
    struct protocol_registry *reg = r->reg;
    struct protocol_record *rec;
    const xmlNode *c;
    int have_value = 0, have_name = 0, have_description = 0, have_ipv6 = 0;

    if (reg->record_count == 256) {
        fail(r, xml_line(node), "more than 256 records: the values overlap");
        return;
    }
    reg->records = xrealloc(reg->records, (reg->record_count + 1) * sizeof *reg->records);
    rec = &reg->records[reg->record_count++];
    memset(rec, 0, sizeof *rec);
    rec->line = xml_line(node);
    for (c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xml_is_named(c, "value") || xml_is_named(c, "name") || xml_is_named(c, "description") ||
            xml_is_named(c, "ipv6")) {
            int *seen = xml_is_named(c, "value") ? &have_value
                        : xml_is_named(c, "name") ? &have_name
                        : xml_is_named(c, "description") ? &have_description
                                                        : &have_ipv6;
            if (*seen) {
                fail(r, xml_line(c), "<%s> twice in one record", (const char *)c->name);
                continue;
            }
            *seen = 1;
        }
        if (xml_is_named(c, "value")) {
            read_value(r, rec, c);
        } else if (xml_is_named(c, "name")) {
            rec->name = xml_element_text(&r->x, c);
        } else if (xml_is_named(c, "description")) {
            rec->description = xml_element_text(&r->x, c);
        } else if (xml_is_named(c, "ipv6")) {
            char *flag = xml_element_text(&r->x, c);
            if (strcmp(flag, "Y") != 0 && strcmp(flag, "N") != 0 && flag[0] != '\0')
                fail(r, xml_line(c), "<ipv6>%s</ipv6> is neither Y nor N", flag);
            rec->ipv6_ext = strcmp(flag, "Y") == 0;
            free(flag);
        } else if (xml_is_named(c, "xref")) {
            read_xref(r, rec, c);
        }
    }
    if (!rec->name)
        rec->name = text_dup("");
    if (!rec->description)
        rec->description = text_dup("");
    if (!have_value)
        fail(r, rec->line, "a protocol record without a <value>");
    derive_keyword(r, rec, rec->line);
}

static void read_children(struct preader *r, const xmlNode *node)
{
    const xmlNode *c;
    for (c = node->children; c; c = c->next) {
        if (xml_is_named(c, "updated") && node->parent && node->parent->type == XML_DOCUMENT_NODE) {
            free(r->reg->updated);
            r->reg->updated = xml_element_text(&r->x, c);
            if (!text_is_date(r->reg->updated))
                fail(r, xml_line(c), "<updated>%s</updated> is not a YYYY-MM-DD date",
                     r->reg->updated);
        } else if (xml_is_named(c, "registry")) {
            read_children(r, c);
        } else if (xml_is_named(c, "record")) {
            read_record(r, c);
        }
    }
}

static int fold_compare(const char *a, const char *b)
{
    for (; *a && portreg_fold((unsigned char)*a) == portreg_fold((unsigned char)*b); a++, b++)
        ;
    return portreg_fold((unsigned char)*a) - portreg_fold((unsigned char)*b);
}

/* No number in two records, no keyword twice (ASCII case ignored). */
static void check_unique(struct preader *r)
{
    const struct protocol_registry *reg = r->reg;
    long owner[256];
    size_t i, j;
    unsigned n;

    for (n = 0; n < 256; n++)
        owner[n] = -1;
    for (i = 0; i < reg->record_count; i++) {
        const struct protocol_record *rec = &reg->records[i];
        for (n = rec->lo; n <= rec->hi && rec->lo <= rec->hi; n++) {
            if (owner[n] >= 0) {
                fail(r, rec->line, "protocol number %u is also in the record at line %ld", n,
                     reg->records[owner[n]].line);
                break;
            }
            owner[n] = (long)i;
        }
        for (j = 0; j < i && rec->keyword[0]; j++) {
            if (fold_compare(rec->keyword, reg->records[j].keyword) == 0) {
                fail(r, rec->line, "protocol keyword \"%s\" is also at line %ld", rec->keyword,
                     reg->records[j].line);
                break;
            }
        }
    }
}

static struct xml_reader protocol_file(const char *path)
{
    struct xml_reader x = {path, "protocol-numbers registry", PROTOCOL_MAX_BYTES, 0, 0};
    return x;
}

int protocol_read_memory(struct protocol_registry *reg, const char *path, const char *data,
                         size_t len)
{
    struct preader r;
    xmlDoc *doc;
    const xmlNode *root;
    const char *id;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    r.x = protocol_file(path);
    r.reg = reg;
    doc = xml_parse(&r.x, data, len);
    if (!doc)
        return -1;

    root = xmlDocGetRootElement(doc);
    id = root ? xml_attribute(root, "id") : NULL;
    if (!root || !xml_is_named(root, "registry") || !id || strcmp(id, "protocol-numbers") != 0) {
        fail(&r, root ? xml_line(root) : 1,
             "the root element is not <registry id=\"protocol-numbers\">");
    } else {
        read_children(&r, root);
        if (!reg->updated)
            fail(&r, xml_line(root), "the registry has no <updated> date");
        if (!r.x.failed && reg->record_count == 0)
            fail(&r, xml_line(root), "the registry has no <record>");
        if (!r.x.failed)
            check_unique(&r);
    }
    xmlFreeDoc(doc);
    return r.x.failed ? -1 : 0;
}

int protocol_read(struct protocol_registry *reg, const char *path)
{
    struct xml_reader file = protocol_file(path);
    size_t len = 0;
    char *data;
    int rc;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    data = xml_slurp(&file, &len);
    if (!data)
        return -1;
    rc = protocol_read_memory(reg, path, data, len);
    free(data);
    return rc;
}

void protocol_free(struct protocol_registry *reg)
{
    size_t i, j;
    for (i = 0; i < reg->record_count; i++) {
        struct protocol_record *rec = &reg->records[i];
        free(rec->name);
        free(rec->keyword);
        free(rec->description);
        for (j = 0; j < rec->ref_count; j++)
            free(rec->refs[j].data);
        free(rec->refs);
    }
    free(reg->records);
    free(reg->updated);
    memset(reg, 0, sizeof *reg);
}
