/*
 * Reads the IANA protocol-numbers XML ("Assigned Internet Protocol
 * Numbers") into a struct protocol_registry and checks it.  Every problem
 * is reported as "file:line: what is wrong".
 *
 * The XML is untrusted input, read under the same rules as the service
 * registry (registry_read.c): no network, no entity substitution, no DTD,
 * a bounded size, and a DOCTYPE refused from the parser's own callback
 * before libxml2 reads any declaration in it.
 *
 * Keywords.  The registry's <name> is mostly a keyword ("ESP",
 * "IPv6-ICMP"), but a few are prose: "ARGUS (deprecated)", "ISIS over
 * IPv4", "Mobility Header", and 255 is named "Reserved".  Programs need
 * one token (protocols(5), tuple text, getprotobyname()), so the keyword
 * is the name without a trailing " (deprecated)" (which becomes a flag),
 * with each space written as '-'; "Reserved" is a status, not a keyword.
 */
#include "protocol.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "decimal.h"
#include "portreg.h"
#include "portreg_table.h"
#include "text.h"

/* The 2026 edition is 43 KB. */
#define PROTOCOL_MAX_BYTES (4L * 1024 * 1024)
#define DEPRECATED_SUFFIX " (deprecated)"

struct preader {
    struct protocol_registry *reg;
    const char *path;
    int failed;
    int stopped;
};

static void fail(struct preader *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%ld: ", r->path, line);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    r->failed = 1;
}

static long line_of(const xmlNode *node)
{
    return node ? (long)xmlGetLineNo(node) : 0;
}

static int is_named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static const char *attribute(const xmlNode *node, const char *name)
{
    const xmlAttr *a;
    for (a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        if (a->children && a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

/* The text below `node`, element boundaries read as spaces, collapsed;
 * caller frees.  Entity references are refused. */
static void collect(struct preader *r, const xmlNode *node, char **s, size_t *len)
{
    const xmlNode *c;
    for (c = node->children; c; c = c->next) {
        const char *add = NULL;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            add = (const char *)c->content;
        } else if (c->type == XML_ELEMENT_NODE) {
            collect(r, c, s, len);
            add = " ";
        } else if (c->type == XML_ENTITY_REF_NODE) {
            fail(r, line_of(c), "entity reference &%s; is not allowed", (const char *)c->name);
        }
        if (add) {
            size_t n = strlen(add);
            *s = xrealloc(*s, *len + n + 2);
            (*s)[(*len)++] = ' ';
            memcpy(*s + *len, add, n + 1);
            *len += n;
        }
    }
}

static char *element_text(struct preader *r, const xmlNode *node)
{
    char *s = text_dup("");
    size_t len = 0;
    collect(r, node, &s, &len);
    return text_collapse(s);
}

/* Refuses C0 controls, DEL and the UTF-8 form of C1 controls. */
static int has_control(const char *s)
{
    const unsigned char *p;
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return 1;
    }
    return 0;
}

static void read_value(struct preader *r, struct protocol_record *rec, const xmlNode *node)
{
    char *text = element_text(r, node);
    const char *dash = strchr(text, '-');
    size_t n = dash ? (size_t)(dash - text) : strlen(text);
    unsigned long lo = 0, hi = 0;

    if (!portreg_decimal_parse(text, n, 255, &lo) ||
        (dash && !portreg_decimal_parse(dash + 1, strlen(dash + 1), 255, &hi))) {
        fail(r, line_of(node), "protocol value \"%s\" is not N or N-M with numbers from 0 to 255",
             text);
    } else {
        if (!dash)
            hi = lo;
        if (hi < lo)
            fail(r, line_of(node), "protocol range \"%s\" is reversed", text);
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
    const char *type = attribute(node, "type"), *data = attribute(node, "data");
    struct ref *ref;

    if (!type) {
        fail(r, line_of(node), "<xref> without a type");
        return;
    }
    if (strcmp(type, "person") == 0)
        return; /* people are not part of the protocol table */
    if (rec->ref_count == 255) {
        fail(r, line_of(node), "more than 255 references in one record");
        return;
    }
    rec->refs = xrealloc(rec->refs, (rec->ref_count + 1) * sizeof *rec->refs);
    ref = &rec->refs[rec->ref_count++];
    ref->type = ref_type(type);
    ref->data = data ? text_collapse(text_dup(data)) : element_text(r, node);
}

static void read_record(struct preader *r, const xmlNode *node)
{
    struct protocol_registry *reg = r->reg;
    struct protocol_record *rec;
    const xmlNode *c;
    int have_value = 0, have_name = 0, have_description = 0, have_ipv6 = 0;

    if (reg->record_count == 256) {
        fail(r, line_of(node), "more than 256 records: the values overlap");
        return;
    }
    reg->records = xrealloc(reg->records, (reg->record_count + 1) * sizeof *reg->records);
    rec = &reg->records[reg->record_count++];
    memset(rec, 0, sizeof *rec);
    rec->line = line_of(node);
    for (c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_named(c, "value") || is_named(c, "name") || is_named(c, "description") ||
            is_named(c, "ipv6")) {
            int *seen = is_named(c, "value") ? &have_value
                        : is_named(c, "name") ? &have_name
                        : is_named(c, "description") ? &have_description
                                                        : &have_ipv6;
            if (*seen) {
                fail(r, line_of(c), "<%s> twice in one record", (const char *)c->name);
                continue;
            }
            *seen = 1;
        }
        if (is_named(c, "value")) {
            read_value(r, rec, c);
        } else if (is_named(c, "name")) {
            rec->name = element_text(r, c);
            if (has_control(rec->name))
                fail(r, line_of(c), "protocol name contains a control character");
        } else if (is_named(c, "description")) {
            rec->description = element_text(r, c);
        } else if (is_named(c, "ipv6")) {
            char *flag = element_text(r, c);
            if (strcmp(flag, "Y") != 0 && strcmp(flag, "N") != 0 && flag[0] != '\0')
                fail(r, line_of(c), "<ipv6>%s</ipv6> is neither Y nor N", flag);
            rec->ipv6_ext = strcmp(flag, "Y") == 0;
            free(flag);
        } else if (is_named(c, "xref")) {
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
        if (is_named(c, "updated") && node->parent && node->parent->type == XML_DOCUMENT_NODE) {
            free(r->reg->updated);
            r->reg->updated = element_text(r, c);
            if (!text_is_date(r->reg->updated))
                fail(r, line_of(c), "<updated>%s</updated> is not a YYYY-MM-DD date",
                     r->reg->updated);
        } else if (is_named(c, "registry")) {
            read_children(r, c);
        } else if (is_named(c, "record")) {
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

static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct preader *r = ctxt->_private;
    (void)name;
    (void)external_id;
    (void)system_id;
    fail(r, ctxt->input && ctxt->input->line > 0 ? (long)ctxt->input->line : 1,
         "a DOCTYPE is not allowed (the IANA registry has none)");
    r->stopped = 1;
    xmlStopParser(ctxt);
}

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

static void report_xml_error(void *ctx, xml_error_arg error)
{
    struct preader *r = ctx;
    char message[512], *p;
    size_t n;

    if (!error || error->level < XML_ERR_ERROR || r->stopped)
        return;
    snprintf(message, sizeof message, "%s", error->message ? error->message : "XML error");
    n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
        message[--n] = '\0';
    for (p = message; (p = strchr(p, '\n')) != NULL;)
        *p = ' ';
    fail(r, error->line > 0 ? (long)error->line : 1, "XML: %s", message);
}

int protocol_read_memory(struct protocol_registry *reg, const char *path, const char *data,
                         size_t len)
{
    struct preader r = {reg, path, 0, 0};
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    const xmlNode *root;
    const char *id;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    if (len == 0 || len > (size_t)PROTOCOL_MAX_BYTES) {
        fail(&r, 1, "%zu bytes is not the size of a protocol-numbers registry", len);
        return -1;
    }
    ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
    if (!ctxt) {
        fail(&r, 1, "cannot create an XML parser");
        return -1;
    }
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    ctxt->_private = &r;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->externalSubset = NULL;
    xmlSetStructuredErrorFunc(&r, report_xml_error);
    xmlParseDocument(ctxt);
    xmlSetStructuredErrorFunc(NULL, NULL);
    doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (!ctxt->wellFormed && !r.failed)
        fail(&r, 1, "not a well-formed XML document");
    xmlFreeParserCtxt(ctxt);
    if (r.failed || !doc) {
        xmlFreeDoc(doc);
        return -1;
    }

    root = xmlDocGetRootElement(doc);
    id = root ? attribute(root, "id") : NULL;
    if (!root || !is_named(root, "registry") || !id || strcmp(id, "protocol-numbers") != 0) {
        fail(&r, root ? line_of(root) : 1,
             "the root element is not <registry id=\"protocol-numbers\">");
    } else {
        read_children(&r, root);
        if (!reg->updated)
            fail(&r, line_of(root), "the registry has no <updated> date");
        if (!r.failed && reg->record_count == 0)
            fail(&r, line_of(root), "the registry has no <record>");
        if (!r.failed)
            check_unique(&r);
    }
    xmlFreeDoc(doc);
    return r.failed ? -1 : 0;
}

int protocol_read(struct protocol_registry *reg, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data;
    size_t len;
    int rc;

    memset(reg, 0, sizeof *reg);
    reg->path = path;
    if (!f) {
        fprintf(stderr, "%s:0: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    data = xmalloc((size_t)PROTOCOL_MAX_BYTES + 1);
    len = fread(data, 1, (size_t)PROTOCOL_MAX_BYTES + 1, f);
    if (ferror(f)) {
        fprintf(stderr, "%s:0: cannot read: %s\n", path, strerror(errno));
        fclose(f);
        free(data);
        return -1;
    }
    fclose(f);
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
