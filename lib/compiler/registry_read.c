/*
 * Reads the IANA service-names-port-numbers XML into a struct registry and
 * checks it.  Every problem is reported as "file:line: what is wrong".
 * The file, the locked-down parser and the messages are xml_read.c's,
 * shared with the protocol-numbers reader; this file reads the elements.
 */
#include "registry.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
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

/* The 2026 registry is under 4 MB; anything far larger is not a registry. */
#define REGISTRY_MAX_BYTES (64L * 1024 * 1024)

struct reader {
    struct xml_reader x; /* the file, its messages, whether it failed */
    struct registry *reg;
};

/* Prints "path:line: message" and marks the reading failed (xml_fail()). */
static void fail(struct reader *r, long line, const char *fmt, ...) XML_READ_PRINTF(3, 4);
static void fail(struct reader *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    xml_vfail(&r->x, line, fmt, ap);
    va_end(ap);
}

/* ---- Fields ---------------------------------------------------------- */

/* A port (decimal.h) at the start of `s`; `*end` after its digits. */
static int parse_port(const char *s, const char **end, uint16_t *port)
{
    size_t n = portreg_decimal_digits(s, strlen(s));
    unsigned long v;

    if (!portreg_decimal_parse(s, n, 65535, &v))
        return -1;
    *end = s + n;
    *port = (uint16_t)v;
    return 0;
}

static void read_number(struct reader *r, struct record *rec, const xmlNode *node)
{
    char *text = xml_element_text(&r->x, node);
    const char *end;

    if (parse_port(text, &end, &rec->port_lo) < 0 || (*end != '\0' && *end != '-')) {
        fail(r, xml_line(node), "port number \"%s\" is not a number from 0 to 65535", text);
    } else if (*end == '\0') {
        rec->port_hi = rec->port_lo;
        rec->has_number = 1;
    } else if (parse_port(end + 1, &end, &rec->port_hi) < 0 || *end != '\0') {
        fail(r, xml_line(node), "port range \"%s\" is not N or N-M with numbers from 0 to 65535",
             text);
    } else if (rec->port_hi < rec->port_lo) {
        fail(r, xml_line(node), "port range \"%s\" is reversed", text);
    } else {
        rec->has_number = 1;
    }
    free(text);
}

static unsigned proto_flag(const char *name)
{
    unsigned i;
    for (i = 0; i < PORTREG_TRANSPORT_COUNT; i++) {
        if (strcasecmp(name, portreg_transports[i].name) == 0)
            return portreg_transports[i].flag;
    }
    return 0;
}

static void read_protocol(struct reader *r, struct record *rec, const xmlNode *node)
{
    char *text = xml_element_text(&r->x, node);
    if (text[0] != '\0') {
        rec->proto = proto_flag(text);
        if (rec->proto == 0)
            fail(r, xml_line(node), "unknown protocol \"%s\" (expected tcp, udp, sctp or dccp)",
                 text);
    }
    free(text);
}

/* An empty <name/> is how the registry writes a de-assigned port: no name.
 * A name of only spaces is an error.  Names are printable ASCII (XML_NAME):
 * the spaces of legacy names are the only whitespace, collapsed. */
static void read_name(struct reader *r, struct record *rec, const xmlNode *node)
{
    char *text = xml_raw_text(&r->x, node);
    int was_empty = text[0] == '\0';

    xml_check_chars(&r->x, xml_line(node), "service name", text, XML_NAME);
    text_collapse(text);
    if (text[0] == '\0' && !was_empty)
        fail(r, xml_line(node), "blank service name");
    else if (strlen(text) > PORTREG_NAME_MAX)
        fail(r, xml_line(node), "service name \"%.20s...\" is longer than %d bytes", text,
             PORTREG_NAME_MAX);
    rec->name = text;
}

static void read_service_code(struct reader *r, struct record *rec, const xmlNode *node)
{
    char *text = xml_element_text(&r->x, node);
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(text, &end, 10);
    if (!isdigit((unsigned char)text[0]) || *end != '\0' || errno || v > UINT32_MAX)
        fail(r, xml_line(node), "DCCP service code \"%s\" is not a 32-bit number", text);
    rec->has_service_code = 1;
    rec->service_code = (uint32_t)v;
    free(text);
}

static char *read_date_attribute(struct reader *r, const xmlNode *node, const char *name)
{
    const char *value = xml_attribute(node, name);
    if (!value)
        return text_dup("");
    if (xml_check_chars(&r->x, xml_line(node), name, value, XML_IDENTIFIER) < 0)
        return text_dup("");
    if (!text_is_record_date(value))
        fail(r, xml_line(node), "%s=\"%s\" is not a YYYY-MM-DD or YYYY-MM date", name, value);
    return text_dup(value);
}

static void add_id(char ***list, size_t *count, const char *id)
{
    *list = xgrow(*list, *count, sizeof **list);
    (*list)[(*count)++] = text_dup(id);
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

static void read_xref(struct reader *r, struct record *rec, const xmlNode *node,
                      char ***people, size_t *people_count)
{
    const char *type = xml_attribute(node, "type");
    const char *data = xml_attribute(node, "data");
    struct ref *ref;

    if (!type) {
        fail(r, xml_line(node), "<xref> without a type");
        return;
    }
    if (xml_check_chars(&r->x, xml_line(node), "<xref> type", type, XML_IDENTIFIER) < 0)
        return;
    if (strcmp(type, "person") == 0) {
        if (!data || !data[0])
            fail(r, xml_line(node), "person <xref> without data");
        else if (xml_check_chars(&r->x, xml_line(node), "person reference", data,
                                 XML_IDENTIFIER) == 0)
            add_id(people, people_count, data);
        return;
    }
    if (data)
        xml_check_chars(&r->x, xml_line(node), "<xref> data", data, XML_FREE_TEXT);
    rec->refs = xgrow(rec->refs, rec->ref_count, sizeof *rec->refs);
    ref = &rec->refs[rec->ref_count++];
    ref->type = ref_type(type);
    ref->data = data ? text_collapse(text_dup(data)) : xml_element_text(&r->x, node);
}

/* People inside <assignee> or <contact>. */
static void read_party(struct reader *r, struct record *rec, const xmlNode *node,
                       char ***people, size_t *people_count)
{
    const xmlNode *c;
    for (c = node->children; c; c = c->next) {
        if (xml_is_named(c, "xref"))
            read_xref(r, rec, c, people, people_count);
    }
}

/*
 * Assignee and contact.  The current form wraps the assignee in
 * <assignee> and lists the contact as a bare person reference.  The older
 * form has only bare references: the first names the assignee and the
 * last the contact (the same person when there is one).
 */
static void settle_parties(struct record *rec, char **bare, size_t bare_count, int had_assignee,
                           int had_contact)
{
    size_t i;
    if (!had_assignee && bare_count > 0)
        add_id(&rec->assignees, &rec->assignee_count, bare[0]);
    if (!had_contact) {
        if (had_assignee) {
            for (i = 0; i < bare_count; i++)
                add_id(&rec->contacts, &rec->contact_count, bare[i]);
        } else if (bare_count > 0) {
            add_id(&rec->contacts, &rec->contact_count, bare[bare_count - 1]);
        }
    }
    for (i = 0; i < bare_count; i++)
        free(bare[i]);
    free(bare);
}

/* Elements a <record> may hold at most once: a second one would silently
 * replace the first. */
static const char *const single_elements[] = {
    "name", "protocol", "number", "description", "note", "unauthorized", "sc",
};
#define SINGLE_ELEMENT_COUNT (sizeof single_elements / sizeof single_elements[0])

static int is_repeated(struct reader *r, const xmlNode *c, unsigned char seen[])
{
    size_t i;
    for (i = 0; i < SINGLE_ELEMENT_COUNT; i++) {
        if (!xml_is_named(c, single_elements[i]))
            continue;
        if (seen[i]) {
            fail(r, xml_line(c), "a <record> has more than one <%s>", single_elements[i]);
            return 1;
        }
        seen[i] = 1;
        return 0;
    }
    return 0;
}

/* The table format (lib/portreg_table.h) counts these in a byte.  The one
 * check of them, here where the record is read, so that --diff refuses
 * what a build would; the emitter relies on it.  Totals over the registry
 * are the emitter's (emit.c, over_limit). */
static void check_record_limits(struct reader *r, const struct record *rec)
{
    if (rec->ref_count > UINT8_MAX)
        fail(r, rec->line, "a <record> has more than %d references", UINT8_MAX);
    if (rec->assignee_count > UINT8_MAX)
        fail(r, rec->line, "a <record> has more than %d assignees", UINT8_MAX);
    if (rec->contact_count > UINT8_MAX)
        fail(r, rec->line, "a <record> has more than %d contacts", UINT8_MAX);
}

static void read_record(struct reader *r, struct record *rec, const xmlNode *node)
{
    const xmlNode *c;
    char **bare = NULL;
    size_t bare_count = 0;
    int had_assignee = 0, had_contact = 0, had_description = 0;
    unsigned char seen[SINGLE_ELEMENT_COUNT] = {0};

    memset(rec, 0, sizeof *rec);
    rec->line = xml_line(node);
    rec->date = read_date_attribute(r, node, "date");
    rec->updated = read_date_attribute(r, node, "updated");

    for (c = node->children; c; c = c->next) {
        if (c->type == XML_ENTITY_REF_NODE) {
            fail(r, xml_line(c), "entity reference &%s; is not allowed", (const char *)c->name);
        } else if (is_repeated(r, c, seen)) {
            continue;
        } else if (xml_is_named(c, "name")) {
            free(rec->name);
            read_name(r, rec, c);
        } else if (xml_is_named(c, "protocol")) {
            read_protocol(r, rec, c);
        } else if (xml_is_named(c, "number")) {
            read_number(r, rec, c);
        } else if (xml_is_named(c, "description")) {
            free(rec->description);
            rec->description = xml_element_text(&r->x, c);
            had_description = 1;
        } else if (xml_is_named(c, "note")) {
            free(rec->note);
            rec->note = xml_element_text(&r->x, c);
        } else if (xml_is_named(c, "unauthorized")) {
            free(rec->unauthorized);
            rec->unauthorized = xml_element_text(&r->x, c);
        } else if (xml_is_named(c, "sc")) {
            read_service_code(r, rec, c);
        } else if (xml_is_named(c, "xref")) {
            read_xref(r, rec, c, &bare, &bare_count);
        } else if (xml_is_named(c, "assignee")) {
            read_party(r, rec, c, &rec->assignees, &rec->assignee_count);
            had_assignee = 1;
        } else if (xml_is_named(c, "contact")) {
            read_party(r, rec, c, &rec->contacts, &rec->contact_count);
            had_contact = 1;
        }
        /* Other elements are ignored, so that a later schema addition does
         * not break the build; docs/REGISTRY.md lists what is read. */
    }
    settle_parties(rec, bare, bare_count, had_assignee, had_contact);
    check_record_limits(r, rec);

    if (!had_description)
        fail(r, rec->line, "record without a <description>");
    if (!rec->name)
        rec->name = text_dup("");
    if (!rec->description)
        rec->description = text_dup("");
    if (!rec->note)
        rec->note = text_dup("");
    if (!rec->unauthorized)
        rec->unauthorized = text_dup("");
    if (!rec->name[0] && !rec->has_number)
        fail(r, rec->line, "record with neither a <name> nor a <number>");
}

static void read_person(struct reader *r, struct person *p, const xmlNode *node)
{
    const xmlNode *c;
    const char *id = xml_attribute(node, "id");

    memset(p, 0, sizeof *p);
    p->line = xml_line(node);
    if (!id || !id[0])
        fail(r, p->line, "<person> without an id");
    else
        xml_check_chars(&r->x, p->line, "person id", id, XML_IDENTIFIER);
    p->id = text_dup(id ? id : "");
    for (c = node->children; c; c = c->next) {
        char **field = xml_is_named(c, "name") ? &p->name
                       : xml_is_named(c, "org") ? &p->org
                       : xml_is_named(c, "uri") ? &p->uri
                       : NULL;
        if (field) {
            free(*field);
            *field = xml_element_text(&r->x, c);
        }
    }
    if (!p->name)
        p->name = text_dup("");
    if (!p->org)
        p->org = text_dup("");
    if (!p->uri)
        p->uri = text_dup("");
}

static void read_people(struct reader *r, const xmlNode *node)
{
    struct registry *reg = r->reg;
    const xmlNode *c;
    for (c = node->children; c; c = c->next) {
        if (!xml_is_named(c, "person"))
            continue;
        reg->people = xgrow(reg->people, reg->person_count, sizeof *reg->people);
        read_person(r, &reg->people[reg->person_count++], c);
    }
}

static void read_registry_children(struct reader *r, const xmlNode *node)
{
    struct registry *reg = r->reg;
    const xmlNode *c;
    for (c = node->children; c; c = c->next) {
        if (c->type == XML_ENTITY_REF_NODE) {
            fail(r, xml_line(c), "entity reference &%s; is not allowed", (const char *)c->name);
        } else if (xml_is_named(c, "record")) {
            reg->records = xgrow(reg->records, reg->record_count, sizeof *reg->records);
            read_record(r, &reg->records[reg->record_count++], c);
        } else if (xml_is_named(c, "people")) {
            read_people(r, c);
        } else if (xml_is_named(c, "updated") && !reg->updated) {
            reg->updated = xml_element_text(&r->x, c);
            if (!text_is_date(reg->updated))
                fail(r, xml_line(c), "registry <updated> \"%s\" is not a YYYY-MM-DD date",
                     reg->updated);
        } else if (xml_is_named(c, "registry")) {
            read_registry_children(r, c); /* IANA nests sub-registries this way */
        }
    }
}

/* ---- Whole-registry checks ----------------------------------------- */

static int compare_person_ids(const void *a, const void *b)
{
    return strcmp(((const struct person *)a)->id, ((const struct person *)b)->id);
}

long registry_find_person(const struct registry *reg, const char *id)
{
    struct person key = {0, NULL, NULL, NULL, NULL};
    const struct person *found;
    if (reg->person_count == 0)
        return -1;
    key.id = (char *)id;
    found = bsearch(&key, reg->people, reg->person_count, sizeof *reg->people,
                    compare_person_ids);
    return found ? (long)(found - reg->people) : -1;
}

static int is_listed(char *const *ids, size_t count, const char *id)
{
    size_t i;
    for (i = 0; i < count; i++) {
        if (strcmp(ids[i], id) == 0)
            return 1;
    }
    return 0;
}

static void check_people(struct reader *r)
{
    struct registry *reg = r->reg;
    size_t i, j;

    /* qsort() and bsearch() take no NULL array, even empty: a registry
     * without <people> has none (found by fuzz_registry with UBSan). */
    if (reg->person_count > 1)
        qsort(reg->people, reg->person_count, sizeof *reg->people, compare_person_ids);
    for (i = 1; i < reg->person_count; i++) {
        if (strcmp(reg->people[i - 1].id, reg->people[i].id) == 0)
            fail(r, reg->people[i].line, "person id \"%s\" defined twice", reg->people[i].id);
    }
    for (i = 0; i < reg->record_count; i++) {
        const struct record *rec = &reg->records[i];
        for (j = 0; j < rec->assignee_count; j++) {
            if (registry_find_person(reg, rec->assignees[j]) < 0)
                fail(r, rec->line, "person \"%s\" is not in <people>", rec->assignees[j]);
        }
        for (j = 0; j < rec->contact_count; j++) {
            if (registry_find_person(reg, rec->contacts[j]) < 0 &&
                !is_listed(rec->assignees, rec->assignee_count, rec->contacts[j]))
                fail(r, rec->line, "person \"%s\" is not in <people>", rec->contacts[j]);
        }
    }
}

static int compare_for_duplicates(const void *a, const void *b)
{
    const struct record *x = *(const struct record *const *)a;
    const struct record *y = *(const struct record *const *)b;
    int c = strcasecmp(x->name, y->name);
    if (c)
        return c;
    if (x->proto != y->proto)
        return x->proto < y->proto ? -1 : 1;
    if (x->port_lo != y->port_lo)
        return x->port_lo < y->port_lo ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * A name may have several ports for one protocol (msp: 18 and 2438), but
 * two records with the same name and protocol whose ports overlap are a
 * duplicate registration, which RFC 6335 section 8.1 does not allow.
 */
static void check_duplicates(struct reader *r)
{
    struct registry *reg = r->reg;
    const struct record **sorted = xmalloc(reg->record_count * sizeof(const struct record *));
    size_t n = 0, i;

    for (i = 0; i < reg->record_count; i++) {
        if (reg->records[i].name[0] && reg->records[i].has_number)
            sorted[n++] = &reg->records[i];
    }
    if (n > 1)
        qsort((void *)sorted, n, sizeof(const struct record *), compare_for_duplicates);
    for (i = 1; i < n; i++) {
        const struct record *a = sorted[i - 1], *b = sorted[i];
        if (strcasecmp(a->name, b->name) == 0 && a->proto == b->proto &&
            b->port_lo <= a->port_hi)
            fail(r, b->line, "\"%s\" is registered again for the same protocol at an "
                 "overlapping port (first at line %ld)", b->name, a->line);
    }
    free(sorted);
}

/* ---- Entry point ----------------------------------------------------- */

static struct xml_reader registry_file(const char *path)
{
    struct xml_reader x = {path, "registry", REGISTRY_MAX_BYTES, 0, 0};
    return x;
}

int registry_read_memory(struct registry *reg, const char *path, const char *data, size_t len)
{
    struct reader r;
    xmlDoc *doc;
    const xmlNode *root;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    r.x = registry_file(path);
    r.reg = reg;
    doc = xml_parse(&r.x, data, len);
    if (!doc)
        return -1;

    root = xmlDocGetRootElement(doc);
    if (doc->intSubset || doc->extSubset) {
        /* unreachable: xml_parse() stops the parser at a DOCTYPE */
        fail(&r, 1, "a DOCTYPE is not allowed (the IANA registry has none)");
    } else if (!root || !xml_is_named(root, "registry")) {
        fail(&r, root ? xml_line(root) : 1, "the root element is <%s>, not <registry>",
             root ? (const char *)root->name : "");
    } else {
        read_registry_children(&r, root);
        if (!reg->updated)
            fail(&r, xml_line(root), "the registry has no <updated> date");
        check_people(&r);
        check_duplicates(&r);
        if (!r.x.failed && reg->record_count == 0)
            fail(&r, xml_line(root), "the registry has no <record>");
    }
    xmlFreeDoc(doc);
    return r.x.failed ? -1 : 0;
}

int registry_read(struct registry *reg, const char *path)
{
    struct xml_reader file = registry_file(path);
    size_t len = 0;
    char *data;
    int rc;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    data = xml_slurp(&file, &len);
    if (!data)
        return -1;
    rc = registry_read_memory(reg, path, data, len);
    free(data);
    return rc;
}

void registry_free(struct registry *reg)
{
    size_t i, j;
    for (i = 0; i < reg->record_count; i++) {
        struct record *rec = &reg->records[i];
        free(rec->name);
        free(rec->description);
        free(rec->note);
        free(rec->unauthorized);
        free(rec->date);
        free(rec->updated);
        for (j = 0; j < rec->ref_count; j++)
            free(rec->refs[j].data);
        free(rec->refs);
        for (j = 0; j < rec->assignee_count; j++)
            free(rec->assignees[j]);
        free(rec->assignees);
        for (j = 0; j < rec->contact_count; j++)
            free(rec->contacts[j]);
        free(rec->contacts);
    }
    free(reg->records);
    for (i = 0; i < reg->person_count; i++) {
        free(reg->people[i].id);
        free(reg->people[i].name);
        free(reg->people[i].org);
        free(reg->people[i].uri);
    }
    free(reg->people);
    free(reg->updated);
    memset(reg, 0, sizeof *reg);
}
