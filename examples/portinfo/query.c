/*
 * From command-line queries to records.  Port and name queries go through
 * the library's lookups so that portinfo answers exactly what a program
 * calling portreg_lookup_*_all() would get; ranges and --search walk every
 * record with portreg_at(), which is the only way to see them all.
 */
#include <stdlib.h>
#include <string.h>

#include "portinfo.h"

static void hits_push(portinfo_hits *hits, const portreg_entry *e, const char *query)
{
    if (hits->n == hits->cap) {
        size_t cap = hits->cap ? hits->cap * 2 : 64;
        portinfo_hit *v = realloc(hits->v, cap * sizeof *v);
        if (!v)
            portinfo_out_of_memory();
        hits->v = v;
        hits->cap = cap;
    }
    hits->v[hits->n].entry = e;
    hits->v[hits->n].query = query;
    hits->n++;
}

void portinfo_hits_free(portinfo_hits *hits)
{
    free(hits->v);
    hits->v = NULL;
    hits->n = hits->cap = 0;
}

unsigned portinfo_parse_protos(const char *text)
{
    unsigned protos = 0;
    char word[8];

    while (*text) {
        size_t len = strcspn(text, ",");
        unsigned p;
        if (len == 0 || len >= sizeof word)
            return 0;
        memcpy(word, text, len);
        word[len] = '\0';
        p = strcmp(word, "any") == 0 ? PORTREG_ANY : portreg_proto_from_name(word);
        if (!p)
            return 0;
        protos |= p;
        text += len;
        if (*text == ',' && !*++text)
            return 0; /* trailing comma */
    }
    return protos;
}

/* A record with no <protocol> applies to every protocol (docs/REGISTRY.md). */
static int proto_matches(const portreg_entry *e, unsigned protos)
{
    unsigned p = portreg_entry_protos(e);
    return p == 0 || (p & protos) != 0;
}

int portinfo_parse_port(const char *s, size_t len, uint16_t *port)
{
    char *text = malloc(len + 1);
    int rc;

    if (!text)
        portinfo_out_of_memory();
    memcpy(text, s, len);
    text[len] = '\0';
    /* No protocol to look in: no service name can match (portreg.h,
     * "protos of 0 simply matches nothing"), so only a number passes. */
    rc = portreg_parse_service(port, text, 0);
    free(text);
    return rc == 0 ? 0 : -1;
}

/* Splits a trailing "/proto" off `query` into `*protos`.  Returns the
 * length of the part before it; the whole length when there is no known
 * protocol after the last slash (names such as "914c/g" hold slashes). */
static size_t split_proto(const char *query, unsigned *protos)
{
    const char *slash = strrchr(query, '/');
    unsigned p;

    if (!slash)
        return strlen(query);
    p = portreg_proto_from_name(slash + 1);
    if (!p)
        return strlen(query);
    *protos = p;
    return (size_t)(slash - query);
}

static long query_port(portinfo_hits *hits, const char *query, uint16_t port, unsigned protos)
{
    size_t total = portreg_lookup_port_all(port, protos, NULL, 0);
    const portreg_entry **found;
    size_t i;

    if (total == 0) {
        /* Say why nothing came back: reserved and unassigned differ. */
        char why[80];
        snprintf(why, sizeof why, ": nothing registered (%s range, %s)",
                 portreg_range_name(portreg_classify(port)),
                 portreg_status_name(portreg_port_status(port, protos)));
        complain("", query, why);
        return 0;
    }
    found = malloc(total * sizeof *found);
    if (!found)
        portinfo_out_of_memory();
    total = portreg_lookup_port_all(port, protos, found, total);
    for (i = 0; i < total; i++)
        hits_push(hits, found[i], query);
    free(found);
    return (long)total;
}

/* Named records overlapping lo-hi, in registry order: the same records a
 * port lookup at each port would give, without repeating ranges. */
static long query_range(portinfo_hits *hits, const char *query, uint16_t lo, uint16_t hi,
                        unsigned protos)
{
    size_t i, count = portreg_count();
    long n = 0;

    for (i = 0; i < count; i++) {
        const portreg_entry *e = portreg_at(i);
        uint16_t elo, ehi;
        if (!portreg_entry_name(e)[0] || !proto_matches(e, protos))
            continue;
        if (portreg_entry_ports(e, &elo, &ehi) != 0 || ehi < lo || elo > hi)
            continue;
        hits_push(hits, e, query);
        n++;
    }
    if (n == 0)
        complain("", query, ": nothing registered in that range");
    return n;
}

static long query_name(portinfo_hits *hits, const char *query, const char *name, size_t len,
                       unsigned protos)
{
    const portreg_entry *found[64];
    char buf[64];
    size_t total, i;

    /* Names are at most 63 bytes; longer ones cannot match. */
    if (len >= sizeof buf) {
        complain("", query, ": no such service");
        return 0;
    }
    memcpy(buf, name, len);
    buf[len] = '\0';
    total = portreg_lookup_name_all(buf, protos, found, sizeof found / sizeof found[0]);
    if (total > sizeof found / sizeof found[0]) {
        /* More registrations of one name than expected: fetch them all. */
        const portreg_entry **all = malloc(total * sizeof *all);
        if (!all)
            portinfo_out_of_memory();
        total = portreg_lookup_name_all(buf, protos, all, total);
        for (i = 0; i < total; i++)
            hits_push(hits, all[i], query);
        free(all);
        return (long)total;
    }
    for (i = 0; i < total; i++)
        hits_push(hits, found[i], query);
    if (total == 0)
        complain("", query, ": no such service");
    return (long)total;
}

/* Only digits and dashes: meant as a port or a range, never a name
 * (RFC 6335 names need a letter). */
static int port_chars_only(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((s[i] < '0' || s[i] > '9') && s[i] != '-')
            return 0;
    return 1;
}

/* "443/udp" with --proto tcp can match nothing; say so rather than let the
 * port lookup call 443/udp "unassigned". */
static int excluded(const char *query, unsigned protos)
{
    if (protos)
        return 0;
    complain("", query, ": its protocol is excluded by --proto");
    return 1;
}

long portinfo_query(portinfo_hits *hits, const char *query, unsigned protos)
{
    unsigned qprotos = PORTREG_ANY;
    size_t len = split_proto(query, &qprotos);
    const char *slash = strrchr(query, '/');
    uint16_t lo, hi;

    if (len == 0) {
        complain("empty query \"", query, "\"");
        return -1;
    }
    protos &= qprotos;
    if (port_chars_only(query, len)) {
        /* A port, or two joined by the first '-': a second '-' leaves a
         * half that is not a number. */
        size_t dash = strcspn(query, "-");
        if (dash >= len && portinfo_parse_port(query, len, &lo) == 0)
            return excluded(query, protos) ? 0 : query_port(hits, query, lo, protos);
        if (dash < len && portinfo_parse_port(query, dash, &lo) == 0
            && portinfo_parse_port(query + dash + 1, len - dash - 1, &hi) == 0 && lo <= hi)
            return excluded(query, protos) ? 0 : query_range(hits, query, lo, hi, protos);
        complain("bad port or range in \"", query, "\" (0-65535, LO-HI)");
        return -1;
    }
    if (slash && port_chars_only(query, (size_t)(slash - query))) {
        complain("unknown protocol in \"", query, "\" (tcp, udp, sctp, dccp)");
        return -1;
    }
    return excluded(query, protos) ? 0 : query_name(hits, query, query, len, protos);
}

/* ASCII-case-insensitive substring test.  The library never reads the
 * locale and neither does this: bytes above 0x7F compare exactly. */
static int contains_nocase(const char *hay, const char *needle)
{
    size_t i, j;
    for (i = 0; hay[i]; i++) {
        for (j = 0; needle[j]; j++) {
            unsigned char a = (unsigned char)hay[i + j], b = (unsigned char)needle[j];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (unsigned char)(b - 'A' + 'a');
            if (a != b)
                break;
        }
        if (!needle[j])
            return 1;
    }
    return needle[0] == '\0';
}

long portinfo_search(portinfo_hits *hits, const char *word, unsigned protos)
{
    size_t i, count = portreg_count();
    long n = 0;

    for (i = 0; i < count; i++) {
        const portreg_entry *e = portreg_at(i);
        if (!proto_matches(e, protos))
            continue;
        if (contains_nocase(portreg_entry_name(e), word)
            || contains_nocase(portreg_entry_description(e), word)) {
            hits_push(hits, e, word);
            n++;
        }
    }
    if (n == 0)
        complain("no name or description contains \"", word, "\"");
    return n;
}

long portinfo_all(portinfo_hits *hits, unsigned protos)
{
    size_t i, count = portreg_count();
    long n = 0;

    for (i = 0; i < count; i++) {
        const portreg_entry *e = portreg_at(i);
        if (proto_matches(e, protos)) {
            hits_push(hits, e, "");
            n++;
        }
    }
    return n;
}
