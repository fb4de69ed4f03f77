/*
 * What reading an IANA registry's XML takes, whichever registry it is: the
 * file read with a size bound, the parser locked down against hostile
 * input, messages as "file:line: what is wrong", and the small accessors
 * of libxml2's tree.  registry_read.c (service names and ports) and
 * protocol_read.c (protocol numbers) read their own elements on top.
 */
#ifndef PORTREG_COMPILER_XML_READ_H
#define PORTREG_COMPILER_XML_READ_H

#include <stdarg.h>
#include <stddef.h>

#include <libxml/tree.h>

#if defined(__GNUC__)
#define XML_READ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define XML_READ_PRINTF(f, a)
#endif

/* One reading of one file.  Set `path`, `kind` and `max_bytes`; the rest
 * starts at zero. */
struct xml_reader {
    const char *path; /* for messages */
    const char *kind; /* "registry", "protocol-numbers registry": for messages */
    long max_bytes;   /* a larger file is refused unread */
    int failed;       /* some message was printed */
    int stopped;      /* the parser was stopped at a DOCTYPE */
};

/* Prints "path:line: message" to stderr, the message's control
 * characters escaped, and marks the reading failed. */
void xml_fail(struct xml_reader *x, long line, const char *fmt, ...) XML_READ_PRINTF(3, 4);
void xml_vfail(struct xml_reader *x, long line, const char *fmt, va_list ap)
    XML_READ_PRINTF(3, 0);

/* The whole file at x->path; NULL, with a message at line 0 (or 1 for its
 * size), when it cannot be read, is not a regular file, or is larger than
 * x->max_bytes.  Caller frees. */
char *xml_slurp(struct xml_reader *x, size_t *len);

/* Parses `len` bytes into a document: UTF-8 only, no DOCTYPE, no entity
 * substitution, no network, lone CRs counted as line ends.  NULL, with a
 * message, when the text is not such a well-formed document.  Caller frees
 * with xmlFreeDoc(). */
xmlDoc *xml_parse(struct xml_reader *x, const char *data, size_t len);

/* The line of `node` in the file, also past the 65,535 that libxml2 keeps
 * in an element; 0 for NULL. */
long xml_line(const xmlNode *node);

/* 1 when `node` is the element `name`. */
int xml_is_named(const xmlNode *node, const char *name);

/* The value of attribute `name` of `node`; "" when it has no text; NULL
 * when it is absent. */
const char *xml_attribute(const xmlNode *node, const char *name);

/* The text below `node`, element boundaries read as spaces, not yet
 * collapsed; an entity reference is refused.  Caller frees. */
char *xml_raw_text(struct xml_reader *x, const xmlNode *node);

/* What a text may hold.  Every rule refuses the control characters other
 * than the three below: C0, DEL and C1 (U+0080-U+009F, which XML 1.0
 * allows).  (XML itself refuses the other C0 characters, even written as
 * character references, but not DEL and C1.) */
enum xml_text_rule {
    XML_FREE_TEXT,  /* TAB, LF and CR are whitespace, collapsed to a space */
    XML_IDENTIFIER, /* TAB, LF and CR refused too (person ids, dates) */
    XML_NAME        /* as XML_IDENTIFIER, and nothing but ASCII (service names) */
};

/* Reports the first character of `text` that `rule` refuses, as "`what`
 * contains U+XXXX", at `line` plus the line breaks before it (`line` is
 * where the text starts), and returns -1; 0 when there is none. */
int xml_check_chars(struct xml_reader *x, long line, const char *what, const char *text,
                    enum xml_text_rule rule);

/* The text of an element, its control characters checked (XML_FREE_TEXT),
 * whitespace collapsed.  Caller frees. */
char *xml_element_text(struct xml_reader *x, const xmlNode *node);

#endif
