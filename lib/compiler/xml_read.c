/*
 * The reading of an IANA registry's XML that does not depend on which
 * registry it is (xml_read.h).
 *
 * The XML is untrusted input (it comes from the network), so the parser
 * runs with XML_PARSE_NONET, without entity substitution, without DTD
 * loading, and on a buffer of bounded size; a document with a DOCTYPE or
 * an entity reference is refused (IANA's registries have neither).  The
 * DOCTYPE is refused from the parser's own callback, before libxml2 reads
 * a single entity declaration, so that entity expansion bombs and external
 * entities never reach the entity code at all.
 */
#include "xml_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "text.h"

/* ---- Messages -------------------------------------------------------- */

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

void xml_vfail(struct xml_reader *x, long line, const char *fmt, va_list ap)
{
    va_list again;
    char small[256], *message = small;
    int n;

    va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small) {
        message = xmalloc((size_t)n + 1);
        vsnprintf(message, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    fprintf(stderr, "%s:%ld: ", x->path, line);
    put_escaped(n < 0 ? fmt : message);
    fputc('\n', stderr);
    if (message != small)
        free(message);
    x->failed = 1;
}

void xml_fail(struct xml_reader *x, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    xml_vfail(x, line, fmt, ap);
    va_end(ap);
}

/* libxml2 keeps an element's line in 16 bits.  Past line 65,535,
 * xmlGetLineNo() takes it from the element's first child, which for a
 * <record> that starts a line is on the next line, or from its next
 * sibling when it has none; so start_element() keeps the line in the
 * element's psvi, unused without schema validation (libxml2 does the
 * same for text nodes with XML_PARSE_BIG_LINES). */
#define LIBXML_LINE_MAX 65535

long xml_line(const xmlNode *node)
{
    if (!node)
        return 0;
    if (node->type == XML_ELEMENT_NODE && node->line == LIBXML_LINE_MAX && node->psvi)
        return (long)(ptrdiff_t)node->psvi;
    return (long)xmlGetLineNo(node);
}

int xml_is_named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

const char *xml_attribute(const xmlNode *node, const char *name)
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

int xml_check_chars(struct xml_reader *x, long line, const char *what, const char *text,
                    enum xml_text_rule rule)
                    {
    const unsigned char *p = (const unsigned char *)text;
    size_t len;

    for (; *p; p += len) {
        unsigned long c = utf8_decode(p, &len);
        int space = c == '\t' || c == '\n' || c == '\r';
        if ((c < 0x20 || (c >= 0x7f && c <= 0x9f)) && !(space && rule == XML_FREE_TEXT)) {
            xml_fail(x, line, "%s contains control character U+%04lX", what, c);
            return -1;
        }
        if (c > 0x7e && rule == XML_NAME) {
            /* Look-alikes (U+00A0 beside a space, U+202E reversing the
             * text) and the rest: RFC 6335 section 5.1 names are ASCII. */
            xml_fail(x, line, "%s contains U+%04lX: service names are ASCII (RFC 6335)", what,
                     c);
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
static void collect_text(struct xml_reader *x, const xmlNode *node, struct buf *b)
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
            collect_text(x, c, b);
            buf_add(b, " ", 1);
            break;
        case XML_ENTITY_REF_NODE:
            xml_fail(x, xml_line(c), "entity reference &%s; is not allowed", (const char *)c->name);
            break;
        default:
            break;
        }
    }
}

/* The raw text of an element, not yet collapsed; caller frees. */
char *xml_raw_text(struct xml_reader *x, const xmlNode *node)
{
    struct buf b = {NULL, 0, 0};
    buf_add(&b, "", 0);
    collect_text(x, node, &b);
    return b.data;
}

char *xml_element_text(struct xml_reader *x, const xmlNode *node)
{
    char *text = xml_raw_text(x, node);
    char what[48];

    snprintf(what, sizeof what, "<%s>", (const char *)node->name);
    xml_check_chars(x, xml_line(node), what, text, XML_FREE_TEXT);
    return text_collapse(text);
}

/* ---- Parsing -------------------------------------------------------- */

/* libxml2 2.12 made the structured error handler take a const pointer. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

static void report_xml_error(void *ctx, xml_error_arg error)
{
    struct xml_reader *x = ctx;
    char message[512];
    char *p;
    size_t n;

    if (!error || error->level < XML_ERR_ERROR)
        return;
    if (x->stopped)
        return; /* what follows a refused DOCTYPE is noise */
    snprintf(message, sizeof message, "%s", error->message ? error->message : "XML error");
    n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
        message[--n] = '\0';
    /* one line per problem: libxml2 adds the offending bytes on a second */
    for (p = message; (p = strchr(p, '\n')) != NULL;)
        *p = ' ';
    xml_fail(x, error->line > 0 ? (long)error->line : 1, "XML: %s", message);
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
    struct xml_reader *x = ctxt->_private;

    (void)name;
    (void)external_id;
    (void)system_id;
    xml_fail(x, ctxt->input && ctxt->input->line > 0 ? (long)ctxt->input->line : 1,
             "a DOCTYPE is not allowed (the IANA registry has none)");
    x->stopped = 1;
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
xmlDoc *xml_parse(struct xml_reader *x, const char *data, size_t len)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    xmlCharEncoding encoding;
    char *lf;
    int well_formed;

    if (len > (size_t)x->max_bytes) {
        xml_fail(x, 1, "%zu bytes is larger than the %ld a %s may have", len, x->max_bytes,
                 x->kind);
        return NULL;
    }
    if (len == 0) {
        xml_fail(x, 1, "the file is empty");
        return NULL;
    }
    /* The registry is UTF-8, whatever it declares: an encoding
     * declaration is ignored (XML_PARSE_IGNORE_ENC), so text in another
     * encoding fails as invalid UTF-8, and a UTF-16 or UTF-32 byte order
     * (which libxml2 would otherwise follow) is refused here. */
    encoding = xmlDetectCharEncoding((const unsigned char *)data, len < 4 ? (int)len : 4);
    if (encoding != XML_CHAR_ENCODING_NONE && encoding != XML_CHAR_ENCODING_UTF8) {
        xml_fail(x, 1, "the %s is not UTF-8 (it begins like %s)", x->kind,
                 xmlGetCharEncodingName(encoding));
        return NULL;
    }
    lf = lf_line_ends(data, len);
    ctxt = xmlCreateMemoryParserCtxt(lf ? lf : data, (int)len);
    if (!ctxt) {
        xml_fail(x, 1, "cannot create an XML parser");
        free(lf);
        return NULL;
    }
    /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD,
     * no XML_PARSE_HUGE (keeps libxml2's size and depth limits), no
     * network. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                                XML_PARSE_IGNORE_ENC);
    ctxt->_private = x;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->startElementNs = start_element;

    xmlSetStructuredErrorFunc(x, report_xml_error);
    xmlParseDocument(ctxt);
    xmlSetStructuredErrorFunc(NULL, NULL);

    doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    free(lf);
    if (!well_formed || x->failed || !doc) {
        if (!x->failed)
            xml_fail(x, 1, "not a well-formed XML document");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}


/* Reads the whole file, refusing one larger than x->max_bytes without
 * reading it.  Problems with the file itself are reported at line
 * 0: there is no line to point at.  Only a regular file is read: a
 * directory opens, and its size was once taken for 2^63 - 1 bytes; a FIFO
 * or a device has no size, and is opened without waiting for a writer. */
char *xml_slurp(struct xml_reader *x, size_t *len)
{
    struct stat st;
    FILE *f;
    char *data;
    size_t size;
    int fd = open(x->path, O_RDONLY | O_NONBLOCK);

    if (fd < 0) {
        xml_fail(x, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0) {
        xml_fail(x, 0, "cannot read: %s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        xml_fail(x, 0, "is %s; a %s is a regular file",
                 S_ISDIR(st.st_mode) ? "a directory"
                 : "not a regular file (a FIFO, socket or device)",
                 x->kind);
        close(fd);
        return NULL;
    }
    if (st.st_size > x->max_bytes) {
        xml_fail(x, 1, "%lld bytes is larger than the %ld a %s may have",
                 (long long)st.st_size, x->max_bytes, x->kind);
        close(fd);
        return NULL;
    }
    f = fdopen(fd, "rb");
    if (!f) {
        xml_fail(x, 0, "cannot read: %s", strerror(errno));
        close(fd);
        return NULL;
    }
    size = (size_t)st.st_size;
    data = xmalloc(size + 1);
    if (fread(data, 1, size, f) != size) {
        xml_fail(x, 0, "cannot read: %s",
                 ferror(f) ? strerror(errno) : "the file shrank while it was read");
        fclose(f);
        free(data);
        return NULL;
    }
    fclose(f);
    *len = size;
    return data;
}
