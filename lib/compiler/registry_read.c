/*
 * Reads the IANA service-names-port-numbers XML into a struct registry and
 * checks it.  Every problem is reported as "file:line: what is wrong".
 *
 * The XML is untrusted input (it comes from the network), so the parser
 * runs with XML_PARSE_NONET, without entity substitution, without DTD
 * loading, and on a buffer of bounded size; a document with a DOCTYPE or
 * an entity reference is refused (the registry has neither).  The DOCTYPE
 * is refused from the parser's own callback, before libxml2 reads a single
 * entity declaration, so that entity expansion bombs and external entities
 * never reach the entity code at all.
 */
#include "registry.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "decimal.h"
#include "portreg.h"
#include "portreg_table.h"
#include "text.h"

/* The 2026 registry is under 4 MB; anything far larger is not a registry. */
#define REGISTRY_MAX_BYTES (64L * 1024 * 1024)

struct reader {
    struct registry *reg;
    const char *path;
    int failed;
    int stopped; /* the parser was stopped at a DOCTYPE */
};

/* Writes `s` to stderr with its control characters escaped: C0 and DEL
 * as \xHH, C1 (UTF-8 C2 80 to C2 9F) as \uHHHH.  Messages quote the
 * registry's text, and a hostile registry must not drive the terminal of
 * whoever reads the build log (ESC, CSI). */
static void put_escaped(const char *s)
{
    const unsigned char *p;
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            fprintf(stderr, "\\x%02x", *p);
        } else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            fprintf(stderr, "\\u%04x", p[1]);
            p++;
        } else {
            fputc(*p, stderr);
        }
    }
}

static void fail(struct reader *r, long line, const char *fmt, ...)
{
    va_list ap, again;
    char small[256], *message = small;
    int n;

    va_start(ap, fmt);
    va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small) {
        message = xmalloc((size_t)n + 1);
        vsnprintf(message, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    va_end(ap);
    fprintf(stderr, "%s:%ld: ", r->path, line);
    put_escaped(n < 0 ? fmt : message);
    fputc('\n', stderr);
    if (message != small)
        free(message);
    r->failed = 1;
}

/* libxml2 keeps an element's line in 16 bits.  Past line 65,535,
 * xmlGetLineNo() takes it from the element's first child, which for a
 * <record> that starts a line is on the next line, or from its next
 * sibling when it has none; so start_element() keeps the line in the
 * element's psvi, unused without schema validation (libxml2 does the
 * same for text nodes with XML_PARSE_BIG_LINES). */
#define LIBXML_LINE_MAX 65535

static long line_of(const xmlNode *node)
{
    if (!node)
        return 0;
    if (node->type == XML_ELEMENT_NODE && node->line == LIBXML_LINE_MAX && node->psvi)
        return (long)(ptrdiff_t)node->psvi;
    return (long)xmlGetLineNo(node);
}

static int is_named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static const char *attribute(const xmlNode *node, const char *name)
{
    const xmlAttr *a;
    for (a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
        if (strcmp((const char *)a->name, name) == 0)
            return "";
    }
    return NULL;
}

/* ---- Characters ------------------------------------------------------ */

/* The code point of the UTF-8 sequence at `p`, its length in `*len`.
 * libxml2 hands over valid UTF-8 only; a malformed sequence reads as its
 * first byte rather than past a NUL. */
static unsigned long utf8_decode(const unsigned char *p, size_t *len)
{
    size_t n = p[0] < 0xc0 ? 1 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4, i;
    unsigned long c = n == 1 ? p[0] : (unsigned long)p[0] & (0x7fu >> n);

    for (i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            *len = 1;
            return p[0];
        }
        c = c << 6 | (p[i] & 0x3fu);
    }
    *len = n;
    return c;
}

/* What a text may hold.  Every rule refuses the control characters other
 * than the three below: C0, DEL and C1 (U+0080-U+009F, which XML 1.0
 * allows).  (XML itself refuses the other C0 characters, even written as
 * character references, but not DEL and C1.) */
enum text_rule {
    FREE_TEXT,  /* TAB, LF and CR are whitespace, collapsed to a space */
    IDENTIFIER, /* TAB, LF and CR refused too (person ids, dates) */
    NAME        /* as IDENTIFIER, and nothing but ASCII (service names) */
};

/*
 * Reports the first character of `text` that `rule` refuses, as "`what`
 * contains U+XXXX", at `line` plus the line breaks before it (`line` is
 * where the text starts), and returns -1; 0 when there is none.
 */
static int check_chars(struct reader *r, long line, const char *what, const char *text,
                       enum text_rule rule)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t len;

    for (; *p; p += len) {
        unsigned long c = utf8_decode(p, &len);
        int space = c == '\t' || c == '\n' || c == '\r';
        if ((c < 0x20 || (c >= 0x7f && c <= 0x9f)) && !(space && rule == FREE_TEXT)) {
            fail(r, line, "%s contains control character U+%04lX", what, c);
            return -1;
        }
        if (c > 0x7e && rule == NAME) {
            /* Look-alikes (U+00A0 beside a space, U+202E reversing the
             * text) and the rest: RFC 6335 section 5.1 names are ASCII. */
            fail(r, line, "%s contains U+%04lX: service names are ASCII (RFC 6335)", what, c);
            return -1;
        }
        line += c == '\n';
    }
    return 0;
}

/* ---- Text of an element ------------------------------------------- */

struct buf {
    char *data;
    size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Appends the text below `node`.  Element boundaries count as whitespace,
 * so <br/> reads as a space.  Entity references are refused. */
static void collect_text(struct reader *r, const xmlNode *node, struct buf *b)
{
    const xmlNode *c;
    for (c = node->children; c; c = c->next) {
        switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            buf_add(b, (const char *)c->content, strlen((const char *)c->content));
            break;
        case XML_ELEMENT_NODE:
            buf_add(b, " ", 1);
            collect_text(r, c, b);
            buf_add(b, " ", 1);
            break;
        case XML_ENTITY_REF_NODE:
            fail(r, line_of(c), "entity reference &%s; is not allowed", (const char *)c->name);
            break;
        default:
            break;
        }
    }
}

/* The raw text of an element, not yet collapsed; caller frees. */
static char *raw_text(struct reader *r, const xmlNode *node)
{
    struct buf b = {NULL, 0, 0};
    buf_add(&b, "", 0);
    collect_text(r, node, &b);
    return b.data;
}

/* The text of an element, its control characters checked (FREE_TEXT),
 * whitespace collapsed; caller frees. */
static char *element_text(struct reader *r, const xmlNode *node)
{
    char *text = raw_text(r, node);
    char what[48];

    snprintf(what, sizeof what, "<%s>", (const char *)node->name);
    check_chars(r, line_of(node), what, text, FREE_TEXT);
    return text_collapse(text);
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
    char *text = element_text(r, node);
    const char *end;

    if (parse_port(text, &end, &rec->port_lo) < 0 || (*end != '\0' && *end != '-')) {
        fail(r, line_of(node), "port number \"%s\" is not a number from 0 to 65535", text);
    } else if (*end == '\0') {
        rec->port_hi = rec->port_lo;
        rec->has_number = 1;
    } else if (parse_port(end + 1, &end, &rec->port_hi) < 0 || *end != '\0') {
        fail(r, line_of(node), "port range \"%s\" is not N or N-M with numbers from 0 to 65535",
             text);
    } else if (rec->port_hi < rec->port_lo) {
        fail(r, line_of(node), "port range \"%s\" is reversed", text);
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
    char *text = element_text(r, node);
    if (text[0] != '\0') {
        rec->proto = proto_flag(text);
        if (rec->proto == 0)
            fail(r, line_of(node), "unknown protocol \"%s\" (expected tcp, udp, sctp or dccp)",
                 text);
    }
    free(text);
}

/* An empty <name/> is how the registry writes a de-assigned port: no name.
 * A name of only spaces is an error.  Names are printable ASCII (NAME):
 * the spaces of legacy names are the only whitespace, collapsed. */
static void read_name(struct reader *r, struct record *rec, const xmlNode *node)
{
    char *text = raw_text(r, node);
    int was_empty = text[0] == '\0';

    check_chars(r, line_of(node), "service name", text, NAME);
    text_collapse(text);
    if (text[0] == '\0' && !was_empty)
        fail(r, line_of(node), "blank service name");
    else if (strlen(text) > PORTREG_NAME_MAX)
        fail(r, line_of(node), "service name \"%.20s...\" is longer than %d bytes", text,
             PORTREG_NAME_MAX);
    rec->name = text;
}

static void read_service_code(struct reader *r, struct record *rec, const xmlNode *node)
{
    char *text = element_text(r, node);
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(text, &end, 10);
    if (!isdigit((unsigned char)text[0]) || *end != '\0' || errno || v > UINT32_MAX)
        fail(r, line_of(node), "DCCP service code \"%s\" is not a 32-bit number", text);
    rec->has_service_code = 1;
    rec->service_code = (uint32_t)v;
    free(text);
}

static char *read_date_attribute(struct reader *r, const xmlNode *node, const char *name)
{
    const char *value = attribute(node, name);
    if (!value)
        return text_dup("");
    if (check_chars(r, line_of(node), name, value, IDENTIFIER) < 0)
        return text_dup("");
    if (!text_is_record_date(value))
        fail(r, line_of(node), "%s=\"%s\" is not a YYYY-MM-DD or YYYY-MM date", name, value);
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
    const char *type = attribute(node, "type");
    const char *data = attribute(node, "data");
    struct ref *ref;

    if (!type) {
        fail(r, line_of(node), "<xref> without a type");
        return;
    }
    if (check_chars(r, line_of(node), "<xref> type", type, IDENTIFIER) < 0)
        return;
    if (strcmp(type, "person") == 0) {
        if (!data || !data[0])
            fail(r, line_of(node), "person <xref> without data");
        else if (check_chars(r, line_of(node), "person reference", data, IDENTIFIER) == 0)
            add_id(people, people_count, data);
        return;
    }
    if (data)
        check_chars(r, line_of(node), "<xref> data", data, FREE_TEXT);
    rec->refs = xgrow(rec->refs, rec->ref_count, sizeof *rec->refs);
    ref = &rec->refs[rec->ref_count++];
    ref->type = ref_type(type);
    ref->data = data ? text_collapse(text_dup(data)) : element_text(r, node);
}

/* People inside <assignee> or <contact>. */
static void read_party(struct reader *r, struct record *rec, const xmlNode *node,
                       char ***people, size_t *people_count)
{
    const xmlNode *c;
    for (c = node->children; c; c = c->next) {
        if (is_named(c, "xref"))
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
        if (!is_named(c, single_elements[i]))
            continue;
        if (seen[i]) {
            fail(r, line_of(c), "a <record> has more than one <%s>", single_elements[i]);
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
    rec->line = line_of(node);
    rec->date = read_date_attribute(r, node, "date");
    rec->updated = read_date_attribute(r, node, "updated");

    for (c = node->children; c; c = c->next) {
        if (c->type == XML_ENTITY_REF_NODE) {
            fail(r, line_of(c), "entity reference &%s; is not allowed", (const char *)c->name);
        } else if (is_repeated(r, c, seen)) {
            continue;
        } else if (is_named(c, "name")) {
            free(rec->name);
            read_name(r, rec, c);
        } else if (is_named(c, "protocol")) {
            read_protocol(r, rec, c);
        } else if (is_named(c, "number")) {
            read_number(r, rec, c);
        } else if (is_named(c, "description")) {
            free(rec->description);
            rec->description = element_text(r, c);
            had_description = 1;
        } else if (is_named(c, "note")) {
            free(rec->note);
            rec->note = element_text(r, c);
        } else if (is_named(c, "unauthorized")) {
            free(rec->unauthorized);
            rec->unauthorized = element_text(r, c);
        } else if (is_named(c, "sc")) {
            read_service_code(r, rec, c);
        } else if (is_named(c, "xref")) {
            read_xref(r, rec, c, &bare, &bare_count);
        } else if (is_named(c, "assignee")) {
            read_party(r, rec, c, &rec->assignees, &rec->assignee_count);
            had_assignee = 1;
        } else if (is_named(c, "contact")) {
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
    const char *id = attribute(node, "id");

    memset(p, 0, sizeof *p);
    p->line = line_of(node);
    if (!id || !id[0])
        fail(r, p->line, "<person> without an id");
    else
        check_chars(r, p->line, "person id", id, IDENTIFIER);
    p->id = text_dup(id ? id : "");
    for (c = node->children; c; c = c->next) {
        char **field = is_named(c, "name") ? &p->name
                       : is_named(c, "org") ? &p->org
                       : is_named(c, "uri") ? &p->uri
                       : NULL;
        if (field) {
            free(*field);
            *field = element_text(r, c);
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
        if (!is_named(c, "person"))
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
            fail(r, line_of(c), "entity reference &%s; is not allowed", (const char *)c->name);
        } else if (is_named(c, "record")) {
            reg->records = xgrow(reg->records, reg->record_count, sizeof *reg->records);
            read_record(r, &reg->records[reg->record_count++], c);
        } else if (is_named(c, "people")) {
            read_people(r, c);
        } else if (is_named(c, "updated") && !reg->updated) {
            reg->updated = element_text(r, c);
            if (!text_is_date(reg->updated))
                fail(r, line_of(c), "registry <updated> \"%s\" is not a YYYY-MM-DD date",
                     reg->updated);
        } else if (is_named(c, "registry")) {
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

/* libxml2 2.12 made the structured error handler take a const pointer. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

static void report_xml_error(void *ctx, xml_error_arg error)
{
    struct reader *r = ctx;
    char message[512];
    char *p;
    size_t n;

    if (!error || error->level < XML_ERR_ERROR)
        return;
    if (r->stopped)
        return; /* what follows a refused DOCTYPE is noise */
    snprintf(message, sizeof message, "%s", error->message ? error->message : "XML error");
    n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
        message[--n] = '\0';
    /* one line per problem: libxml2 adds the offending bytes on a second */
    for (p = message; (p = strchr(p, '\n')) != NULL;)
        *p = ' ';
    fail(r, error->line > 0 ? (long)error->line : 1, "XML: %s", message);
}

/*
 * SAX callback for "<!DOCTYPE": libxml2 calls it once it has read the name
 * and external id, before it reads the internal subset ([...]) or would
 * load any external one.  Stopping the parser here means that no entity
 * declaration, parameter entity or DTD is ever processed.
 */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct reader *r = ctxt->_private;

    (void)name;
    (void)external_id;
    (void)system_id;
    fail(r, ctxt->input && ctxt->input->line > 0 ? (long)ctxt->input->line : 1,
         "a DOCTYPE is not allowed (the IANA registry has none)");
    r->stopped = 1;
    xmlStopParser(ctxt);
}

/*
 * `data` with every CR that is not followed by an LF turned into an LF,
 * in a copy; NULL when there is none.  libxml2 counts lines by LF only,
 * so a file with CR line ends (old Mac OS) was one line and every message
 * said line 1.  XML reads such a CR as an LF anyway (XML 1.0 section
 * 2.11), so the document is the same.  Only for UTF-8, where a 0x0D byte
 * is always a CR.
 */
static char *lf_line_ends(const char *data, size_t len)
{
    char *copy = NULL;
    size_t i;

    for (i = 0; i < len; i++) {
        if (data[i] != '\r' || (i + 1 < len && data[i + 1] == '\n'))
            continue;
        if (!copy)
            copy = memcpy(xmalloc(len), data, len);
        copy[i] = '\n';
    }
    return copy;
}

/* SAX callback for a start tag: libxml2's own, then the line of the
 * element when libxml2 cannot keep it (line_of). */
static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int namespace_count, const xmlChar **namespaces,
                          int attribute_count, int defaulted_count, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;

    xmlSAX2StartElementNs(ctx, localname, prefix, uri, namespace_count, namespaces,
                          attribute_count, defaulted_count, attributes);
    if (ctxt->node && ctxt->input && ctxt->input->line >= LIBXML_LINE_MAX)
        ctxt->node->psvi = (void *)(ptrdiff_t)ctxt->input->line; /* NOLINT(performance-no-int-to-ptr) */
}

/* Parses `len` bytes into a document; NULL (and a message) on failure. */
static xmlDoc *parse_xml(struct reader *r, const char *data, size_t len)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    xmlCharEncoding encoding;
    char *lf;
    int well_formed;

    if (len > (size_t)REGISTRY_MAX_BYTES) {
        fail(r, 1, "%zu bytes is larger than the %ld a registry may have", len,
             REGISTRY_MAX_BYTES);
        return NULL;
    }
    if (len == 0) {
        fail(r, 1, "the file is empty");
        return NULL;
    }
    /* The registry is UTF-8, whatever it declares: an encoding
     * declaration is ignored (XML_PARSE_IGNORE_ENC), so text in another
     * encoding fails as invalid UTF-8, and a UTF-16 or UTF-32 byte order
     * (which libxml2 would otherwise follow) is refused here. */
    encoding = xmlDetectCharEncoding((const unsigned char *)data, len < 4 ? (int)len : 4);
    if (encoding != XML_CHAR_ENCODING_NONE && encoding != XML_CHAR_ENCODING_UTF8) {
        fail(r, 1, "the registry is not UTF-8 (it begins like %s)",
             xmlGetCharEncodingName(encoding));
        return NULL;
    }
    lf = lf_line_ends(data, len);
    ctxt = xmlCreateMemoryParserCtxt(lf ? lf : data, (int)len);
    if (!ctxt) {
        fail(r, 1, "cannot create an XML parser");
        free(lf);
        return NULL;
    }
    /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD,
     * no XML_PARSE_HUGE (keeps libxml2's size and depth limits), no
     * network. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                                XML_PARSE_IGNORE_ENC);
    ctxt->_private = r;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->startElementNs = start_element;

    xmlSetStructuredErrorFunc(r, report_xml_error);
    xmlParseDocument(ctxt);
    xmlSetStructuredErrorFunc(NULL, NULL);

    doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    free(lf);
    if (!well_formed || r->failed || !doc) {
        if (!r->failed)
            fail(r, 1, "not a well-formed XML document");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

int registry_read_memory(struct registry *reg, const char *path, const char *data, size_t len)
{
    struct reader r = {reg, path, 0, 0};
    xmlDoc *doc;
    const xmlNode *root;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    doc = parse_xml(&r, data, len);
    if (!doc)
        return -1;

    root = xmlDocGetRootElement(doc);
    if (doc->intSubset || doc->extSubset) {
        /* unreachable: refuse_doctype() stopped the parser */
        fail(&r, 1, "a DOCTYPE is not allowed (the IANA registry has none)");
    } else if (!root || !is_named(root, "registry")) {
        fail(&r, root ? line_of(root) : 1, "the root element is <%s>, not <registry>",
             root ? (const char *)root->name : "");
    } else {
        read_registry_children(&r, root);
        if (!reg->updated)
            fail(&r, line_of(root), "the registry has no <updated> date");
        check_people(&r);
        check_duplicates(&r);
        if (!r.failed && reg->record_count == 0)
            fail(&r, line_of(root), "the registry has no <record>");
    }
    xmlFreeDoc(doc);
    return r.failed ? -1 : 0;
}

/* Reads the whole file, refusing one larger than a registry can be
 * without reading it.  Problems with the file itself are reported at line
 * 0: there is no line to point at.  Only a regular file is read: a
 * directory opens, and its size was once taken for 2^63 - 1 bytes; a FIFO
 * or a device has no size, and is opened without waiting for a writer. */
static char *slurp(const char *path, size_t *len)
{
    struct stat st;
    FILE *f;
    char *data;
    size_t size;
    int fd = open(path, O_RDONLY | O_NONBLOCK);

    if (fd < 0) {
        fprintf(stderr, "%s:0: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0) {
        fprintf(stderr, "%s:0: cannot read: %s\n", path, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "%s:0: is %s; a registry is a regular file\n", path,
                S_ISDIR(st.st_mode) ? "a directory"
                                    : "not a regular file (a FIFO, socket or device)");
        close(fd);
        return NULL;
    }
    if (st.st_size > REGISTRY_MAX_BYTES) {
        fprintf(stderr, "%s:1: %lld bytes is larger than the %ld a registry may have\n", path,
                (long long)st.st_size, REGISTRY_MAX_BYTES);
        close(fd);
        return NULL;
    }
    f = fdopen(fd, "rb");
    if (!f) {
        fprintf(stderr, "%s:0: cannot read: %s\n", path, strerror(errno));
        close(fd);
        return NULL;
    }
    size = (size_t)st.st_size;
    data = xmalloc(size + 1);
    if (fread(data, 1, size, f) != size) {
        fprintf(stderr, "%s:0: cannot read: %s\n", path,
                ferror(f) ? strerror(errno) : "the file shrank while it was read");
        fclose(f);
        free(data);
        return NULL;
    }
    fclose(f);
    *len = size;
    return data;
}

int registry_read(struct registry *reg, const char *path)
{
    size_t len = 0;
    char *data;
    int rc;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    data = slurp(path, &len);
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
