/*
 * The text form of a tuple, "PROTO SRC -> DST", and the text of IP
 * addresses.  Written here rather than with inet_pton()/inet_ntop() and
 * snprintf() so that the result does not depend on the locale or the libc,
 * and so that parsing and formatting stay allocation-free and
 * async-signal-safe like the rest of the library.
 *
 * Grammar (tokens are separated by runs of spaces, tabs, CR or LF, and
 * white space around the text is ignored, so a line read with fgets()
 * parses as it is):
 *
 *   tuple    = proto SP endpoint SP "->" SP endpoint [SP "type" SP n SP "code" SP n]
 *   proto    = "tcp" / "udp" / "sctp" / "dccp" / "icmp" / "icmpv6"
 *            / keyword (of the IANA protocol-numbers registry) / 1*3DIGIT
 *   endpoint = ipv4 ":" port / "[" ipv6 "]" ":" port     (tcp, udp, sctp, dccp)
 *            / ipv4 / ipv6 / "[" ipv6 "]"                (every other protocol)
 *   port     = 1*5DIGIT / service-name (registered for that transport)
 *
 * The type/code tail is required for ICMP and ICMPv6 and refused for other
 * protocols.  Names are matched in any case; output is lowercase.  Other
 * protocols are written as their registry keyword ("esp", "gre") when it
 * has one of at most KEYWORD_TEXT_MAX bytes, so that the text stays within
 * the length the header promises; else as the number.
 */
#include <string.h>

#include "decimal.h"
#include "portreg_table.h"
#include "protocol_internal.h"
#include "tuple_internal.h"

/* Longest text portreg_tuple_format() writes: "icmpv6 " + two bracketed
 * IPv6 endpoints with ports + " -> " + " type 255 code 255", with room. */
#define TUPLE_TEXT_MAX 160

/* The longest keyword written instead of a number: a protocol without
 * ports has two bare IPv6 addresses (39 bytes each at most), " -> " and a
 * space, 83 bytes, and the text must stay within the 107 the header
 * promises.  The registry's longest keyword has 15 bytes. */
#define KEYWORD_TEXT_MAX 24

/* ---- Writing ---- */

static size_t put_uint(char *out, unsigned v)
{
    char digits[10];
    size_t n = 0, i;

    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (i = 0; i < n; i++)
        out[i] = digits[n - 1 - i];
    return n;
}

static size_t put_str(char *out, const char *s)
{
    size_t n = strlen(s);

    memcpy(out, s, n);
    return n;
}

static size_t format_v4(char *out, const uint8_t *a)
{
    size_t n = 0;
    int i;

    for (i = 0; i < 4; i++) {
        if (i > 0)
            out[n++] = '.';
        n += put_uint(out + n, a[i]);
    }
    return n;
}

static size_t put_hex16(char *out, unsigned v)
{
    static const char digits[] = "0123456789abcdef";
    size_t n = 0;
    int shift;

    /* RFC 5952 4.1: no leading zeros. */
    for (shift = 12; shift > 0 && (v >> shift) == 0; shift -= 4)
        ;
    for (; shift >= 0; shift -= 4)
        out[n++] = digits[(v >> shift) & 15];
    return n;
}

/* The longest run of two or more zero groups, the first on a tie
 * (RFC 5952 4.2); *start = 8 when there is none. */
static void longest_zero_run(const unsigned g[8], int *start, int *len)
{
    int i = 0;

    *start = 8;
    *len = 1;
    while (i < 8) {
        int j = i;

        while (j < 8 && g[j] == 0)
            j++;
        if (j - i > *len) {
            *start = i;
            *len = j - i;
        }
        i = j > i ? j : i + 1;
    }
}

static int is_v4_mapped(const uint8_t *a)
{
    static const uint8_t prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

    return memcmp(a, prefix, sizeof prefix) == 0;
}

static size_t format_v6(char *out, const uint8_t *a)
{
    unsigned g[8];
    int i, start, len;
    size_t n = 0;

    /* RFC 5952 5: IPv4-mapped addresses keep the dotted quad. */
    if (is_v4_mapped(a)) {
        n = put_str(out, "::ffff:");
        return n + format_v4(out + n, a + 12);
    }
    for (i = 0; i < 8; i++)
        g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
    longest_zero_run(g, &start, &len);
    for (i = 0; i < 8; i++) {
        if (i == start) {
            out[n++] = ':';
            out[n++] = ':';
            i += len - 1;
            continue;
        }
        if (i > 0 && i != start + len)
            out[n++] = ':';
        n += put_hex16(out + n, g[i]);
    }
    return n;
}

size_t portreg__addr_format(char *buf, const uint8_t *addr, int family)
{
    size_t n = family == 6 ? format_v6(buf, addr) : format_v4(buf, addr);

    buf[n] = '\0';
    return n;
}

/* ---- Reading ---- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* One part of a dotted quad: 1 to 3 digits, 0-255, no leading zero, as
 * inet_pton() reads it (so that "010" is not read as ten by some and
 * eight by others).  Numbers elsewhere in the text follow decimal.h. */
static int parse_v4_part(unsigned *v, const char *s, size_t len)
{
    size_t i;

    if (len == 0 || len > 3 || (len > 1 && s[0] == '0'))
        return -1;
    *v = 0;
    for (i = 0; i < len; i++) {
        if (!is_digit(s[i]))
            return -1;
        *v = *v * 10 + (unsigned)(s[i] - '0');
    }
    return 0;
}

/* Dotted quad, four decimal parts of 0-255. */
static int parse_v4(uint8_t out[4], const char *s, size_t len)
{
    size_t i = 0;
    int part;

    for (part = 0; part < 4; part++) {
        size_t j = i;
        unsigned v;

        while (j < len && s[j] != '.')
            j++;
        if (parse_v4_part(&v, s + i, j - i) != 0 || v > 255)
            return -1;
        out[part] = (uint8_t)v;
        if (part < 3 && j == len)
            return -1;
        i = j + 1;
    }
    return i == len + 1 ? 0 : -1;
}

/* One to four hex digits. */
static int parse_group(unsigned *v, const char *s, size_t len)
{
    size_t i;

    if (len == 0 || len > 4)
        return -1;
    *v = 0;
    for (i = 0; i < len; i++) {
        int h = hex_value(s[i]);

        if (h < 0)
            return -1;
        *v = *v << 4 | (unsigned)h;
    }
    return 0;
}

/* Groups read so far: those before "::" and those after it. */
struct v6_groups {
    unsigned g[8];
    int count;
    int gap; /* index in g where "::" stands, or -1 */
};

static int push_group(struct v6_groups *v, unsigned value)
{
    if (v->count >= 8)
        return -1;
    v->g[v->count++] = value;
    return 0;
}

/* A piece between colons: a group, or (last only) a dotted quad. */
static int parse_v6_piece(struct v6_groups *v, const char *s, size_t len, int last)
{
    unsigned value;

    if (memchr(s, '.', len) != NULL) {
        uint8_t q[4];

        if (!last || parse_v4(q, s, len) != 0)
            return -1;
        if (push_group(v, (unsigned)q[0] << 8 | q[1]) != 0)
            return -1;
        return push_group(v, (unsigned)q[2] << 8 | q[3]);
    }
    if (parse_group(&value, s, len) != 0)
        return -1;
    return push_group(v, value);
}

/* Expands "::" and writes the 16 bytes. */
static int finish_v6(uint8_t out[16], const struct v6_groups *v)
{
    unsigned full[8] = { 0 };
    int i;

    if (v->gap < 0) {
        if (v->count != 8)
            return -1;
        memcpy(full, v->g, sizeof full);
    } else {
        int tail = v->count - v->gap;

        if (v->count > 7) /* "::" stands for at least one group */
            return -1;
        for (i = 0; i < v->gap; i++)
            full[i] = v->g[i];
        for (i = 0; i < tail; i++)
            full[8 - tail + i] = v->g[v->gap + i];
    }
    for (i = 0; i < 8; i++) {
        out[2 * i] = (uint8_t)(full[i] >> 8);
        out[2 * i + 1] = (uint8_t)full[i];
    }
    return 0;
}

/* RFC 4291 2.2 text: hex groups, at most one "::", an optional trailing
 * dotted quad.  No zone index. */
static int parse_v6(uint8_t out[16], const char *s, size_t len)
{
    struct v6_groups v;
    size_t i = 0;

    if (len == 0)
        return -1;
    v.count = 0;
    v.gap = -1;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        v.gap = 0;
        i = 2;
    }
    while (i < len) {
        size_t j = i;

        while (j < len && s[j] != ':')
            j++;
        if (parse_v6_piece(&v, s + i, j - i, j == len) != 0)
            return -1;
        if (j == len)
            break;
        j++; /* the ':' */
        if (j < len && s[j] == ':') {
            if (v.gap >= 0)
                return -1;
            v.gap = v.count;
            j++;
        } else if (j == len) {
            return -1; /* a single trailing ':' */
        }
        i = j;
    }
    return finish_v6(out, &v);
}

int portreg__addr_parse(uint8_t addr[16], const char *text, size_t len, int family)
{
    memset(addr, 0, 16);
    if (family == 4)
        return parse_v4(addr, text, len);
    if (family == 6)
        return parse_v6(addr, text, len);
    return -1;
}

/* ---- Tuples ---- */

/* The protocol names tuple text knows besides the transports'
 * (portreg_transports).  Names are arrays, not pointers, so the table
 * needs no relocations. */
struct proto_name {
    char name[8];
    uint8_t number;
};

static const struct proto_name icmp_names[] = {
    { "icmp", PORTREG_IPPROTO_ICMP }, { "icmpv6", PORTREG_IPPROTO_ICMPV6 },
};

#define ICMP_NAME_COUNT (sizeof icmp_names / sizeof icmp_names[0])

/* The name tuple text writes for `proto` (not yet lowercased: a registry
 * keyword is written as the registry has it), or NULL for a number. */
static const char *proto_to_name(uint8_t proto)
{
    const struct portreg_transport *transport = portreg_transport_of_ip_proto(proto);
    const char *keyword;
    size_t i;

    if (transport != NULL)
        return transport->name;
    for (i = 0; i < ICMP_NAME_COUNT; i++)
        if (icmp_names[i].number == proto)
            return icmp_names[i].name;
    keyword = portreg_protocol_keyword(portreg_protocol_by_number(proto));
    if (keyword[0] != '\0' && strlen(keyword) <= KEYWORD_TEXT_MAX)
        return keyword;
    return NULL;
}

static int token_is(const char *tok, size_t len, const char *word)
{
    size_t i;

    if (strlen(word) != len)
        return 0;
    for (i = 0; i < len; i++) {
        char c = tok[i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return 0;
    }
    return 1;
}

static int parse_proto(uint8_t *proto, const char *tok, size_t len)
{
    const portreg_protocol *keyword;
    unsigned long v;
    size_t i;

    for (i = 0; i < PORTREG_TRANSPORT_COUNT; i++) {
        if (token_is(tok, len, portreg_transports[i].name)) {
            *proto = portreg_transports[i].ip_proto;
            return 0;
        }
    }
    for (i = 0; i < ICMP_NAME_COUNT; i++) {
        if (token_is(tok, len, icmp_names[i].name)) {
            *proto = icmp_names[i].number;
            return 0;
        }
    }
    /* Every keyword of the registry, "ipv6-icmp" and "esp" among them.  A
     * keyword is never a number (the compiler refuses one). */
    keyword = portreg__protocol_by_keyword_len(tok, len);
    if (keyword != NULL) {
        uint8_t lo;
        portreg_protocol_numbers(keyword, &lo, NULL);
        *proto = lo;
        return 0;
    }
    if (!portreg_decimal_parse(tok, len, 255, &v))
        return -1;
    *proto = (uint8_t)v;
    return 0;
}

/* The next white-space separated token; 0 at the end of the text. */
static int next_token(const char **p, const char **tok, size_t *len)
{
    const char *s = *p;

    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    *tok = s;
    while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
        s++;
    *len = (size_t)(s - *tok);
    *p = s;
    return *len > 0;
}

/* An address alone: a.b.c.d, v6 or [v6]. */
static int parse_bare_addr(uint8_t addr[16], int *family, const char *s, size_t len)
{
    if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
        *family = 6;
        return portreg__addr_parse(addr, s + 1, len - 2, 6);
    }
    *family = memchr(s, ':', len) != NULL ? 6 : 4;
    return portreg__addr_parse(addr, s, len, *family);
}

/* A port number or a service name registered for `transport`. */
static int parse_port(uint16_t *port, const char *s, size_t len, unsigned transport)
{
    char text[PORTREG_NAME_MAX + 1]; /* no longer name is registered */

    if (len == 0 || len >= sizeof text)
        return -1;
    memcpy(text, s, len);
    text[len] = '\0';
    return portreg_parse_service(port, text, transport) == 0 ? 0 : -1;
}

/* a.b.c.d:port or [v6]:port. */
static int parse_addr_port(uint8_t addr[16], int *family, uint16_t *port,
                           const char *s, size_t len, unsigned transport)
{
    const char *colon;
    size_t alen;

    if (len > 0 && s[0] == '[') {
        const char *close = memchr(s, ']', len);

        if (close == NULL || close + 1 >= s + len || close[1] != ':')
            return -1;
        *family = 6;
        alen = (size_t)(close - s) - 1;
        if (portreg__addr_parse(addr, s + 1, alen, 6) != 0)
            return -1;
        colon = close + 1;
    } else {
        colon = memchr(s, ':', len);
        if (colon == NULL)
            return -1;
        *family = 4;
        if (portreg__addr_parse(addr, s, (size_t)(colon - s), 4) != 0)
            return -1;
    }
    return parse_port(port, colon + 1, (size_t)(s + len - colon - 1), transport);
}

static int parse_endpoint(portreg_tuple *t, int dst, const char *s, size_t len)
{
    unsigned transport = portreg__transport_flag(t->proto);
    uint8_t *addr = dst ? t->dst_addr : t->src_addr;
    uint16_t *port = dst ? &t->dst_port : &t->src_port;
    int family;
    int rc;

    if (transport != 0)
        rc = parse_addr_port(addr, &family, port, s, len, transport);
    else
        rc = parse_bare_addr(addr, &family, s, len);
    if (rc != 0 || (dst && family != t->family))
        return -1;
    t->family = (uint8_t)family;
    return 0;
}

/* " type T code C", T and C 0-255. */
static int parse_icmp_tail(portreg_tuple *t, const char **p)
{
    const char *tok;
    size_t len;
    unsigned long type, code;

    if (!next_token(p, &tok, &len) || !token_is(tok, len, "type"))
        return -1;
    if (!next_token(p, &tok, &len) || !portreg_decimal_parse(tok, len, 255, &type))
        return -1;
    if (!next_token(p, &tok, &len) || !token_is(tok, len, "code"))
        return -1;
    if (!next_token(p, &tok, &len) || !portreg_decimal_parse(tok, len, 255, &code))
        return -1;
    t->src_port = (uint16_t)type;
    t->dst_port = (uint16_t)code;
    return 0;
}

static int parse_tuple(portreg_tuple *t, const char *text)
{
    const char *p = text, *tok;
    size_t len;

    if (!next_token(&p, &tok, &len) || parse_proto(&t->proto, tok, len) != 0)
        return -1;
    if (!next_token(&p, &tok, &len) || parse_endpoint(t, 0, tok, len) != 0)
        return -1;
    if (!next_token(&p, &tok, &len) || len != 2 || tok[0] != '-' || tok[1] != '>')
        return -1;
    if (!next_token(&p, &tok, &len) || parse_endpoint(t, 1, tok, len) != 0)
        return -1;
    if (portreg__is_icmp(t->proto) && parse_icmp_tail(t, &p) != 0)
        return -1;
    return next_token(&p, &tok, &len) ? -1 : 0; /* nothing may follow */
}

int portreg_tuple_parse(portreg_tuple *out, const char *text)
{
    portreg_tuple t;

    if (out == NULL || text == NULL)
        return PORTREG_EINVAL;
    memset(&t, 0, sizeof t);
    if (parse_tuple(&t, text) != 0)
        return PORTREG_EINVAL;
    *out = t;
    return 0;
}

/* What the text can say: ICMP type and code fit a byte, protocols without
 * ports have none.  Reserved bytes are ignored, like everywhere else. */
static int formattable(const portreg_tuple *t)
{
    if (portreg__tuple_check(t) == 0)
        return 0;
    if (portreg__is_icmp(t->proto))
        return t->src_port <= 255 && t->dst_port <= 255;
    if (portreg__transport_flag(t->proto) == 0)
        return t->src_port == 0 && t->dst_port == 0;
    return 1;
}

static size_t format_endpoint(char *out, const portreg_tuple *t, int dst)
{
    const uint8_t *addr = dst ? t->dst_addr : t->src_addr;
    uint16_t port = dst ? t->dst_port : t->src_port;
    int ported = portreg__transport_flag(t->proto) != 0;
    size_t n = 0;

    if (ported && t->family == 6)
        out[n++] = '[';
    n += portreg__addr_format(out + n, addr, t->family);
    if (ported) {
        if (t->family == 6)
            out[n++] = ']';
        out[n++] = ':';
        n += put_uint(out + n, port);
    }
    return n;
}

static size_t format_tuple(char *out, const portreg_tuple *t)
{
    const char *name = proto_to_name(t->proto);
    size_t n, i;

    if (name != NULL) {
        n = put_str(out, name);
        for (i = 0; i < n; i++)
            out[i] = (char)portreg_fold((unsigned char)out[i]);
    } else {
        n = put_uint(out, t->proto);
    }
    out[n++] = ' ';
    n += format_endpoint(out + n, t, 0);
    n += put_str(out + n, " -> ");
    n += format_endpoint(out + n, t, 1);
    if (portreg__is_icmp(t->proto)) {
        n += put_str(out + n, " type ");
        n += put_uint(out + n, t->src_port);
        n += put_str(out + n, " code ");
        n += put_uint(out + n, t->dst_port);
    }
    out[n] = '\0';
    return n;
}

int portreg_tuple_format(const portreg_tuple *t, char *buf, size_t cap)
{
    char text[TUPLE_TEXT_MAX];
    size_t n;

    if (t == NULL || (buf == NULL && cap > 0) || !formattable(t))
        return PORTREG_EINVAL;
    n = format_tuple(text, t);
    if (cap > 0) {
        size_t copy = n < cap ? n : cap - 1;

        memcpy(buf, text, copy);
        buf[copy] = '\0';
    }
    return (int)n;
}
