/*
 * --flow: what the library says about a 5-tuple.  Each flow goes through
 * portreg_tuple_parse(), then reverse, orient and community_id, and is
 * printed as a block of labelled lines or as one JSON object.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "portinfo.h"

/* Everything computed about one flow, so that both output forms print
 * the same answers. */
typedef struct flow_report {
    char given[128], reverse[128], oriented[128], cid[64];
    char evidence[1024]; /* what decided, in words */
    int reverse_rc;
    portreg_orientation why;
} flow_report;

/* ---- the evidence in words ---- */

/* Appends printf-style text to a fixed buffer, truncating. */
static void add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;

    if (len + 1 >= cap)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
}

/* The address of one end of a tuple's text ("tcp A:1 -> B:2", "udp
 * [v6]:1 -> [v6]:2", "icmp A -> B type 8 code 0", "47 A -> B"): the source
 * (which 0) or the destination, without port, brackets or type. */
static void endpoint_addr(char *out, size_t cap, const char *text, int which, int has_ports)
{
    const char *p = strchr(text, ' '), *arrow = strstr(text, " -> "), *end;
    size_t len;

    if (!p || !arrow) {
        snprintf(out, cap, "?");
        return;
    }
    p = which == 0 ? p + 1 : arrow + 4;
    end = which == 0 ? arrow : p + strcspn(p, " ");
    if (has_ports) {
        while (end > p && end[-1] != ':')
            end--;
        if (end > p)
            end--; /* the ':' before the port */
        if (*p == '[') {
            p++;
            end--; /* the ']' */
        }
    }
    len = end > p ? (size_t)(end - p) : 0;
    if (len >= cap)
        len = cap - 1;
    memcpy(out, p, len);
    out[len] = '\0';
}

/* "the Linux and IANA/Windows/macOS ephemeral ranges" for a port. */
static void add_ranges(char *buf, size_t cap, uint16_t port)
{
    unsigned bits = portreg_port_ephemeral(port), bit;
    int n = 0, total = 0;

    for (bit = 1; bit && bit <= bits; bit <<= 1)
        total += (bits & bit) != 0;
    add(buf, cap, "the ");
    for (bit = 1; bit && bit <= bits; bit <<= 1) {
        const char *name = (bits & bit) ? portreg_ephemeral_range(bit, NULL, NULL) : NULL;
        if (!name)
            continue;
        n++;
        add(buf, cap, "%s%s", n == 1 ? "" : n == total ? " and " : ", ", name);
    }
    add(buf, cap, " ephemeral range%s", total > 1 ? "s" : "");
}

/* The names registered at a port, "nfs/shilp", at most three. */
static void add_names(char *buf, size_t cap, uint16_t port, unsigned transport)
{
    const portreg_entry *e[3];
    size_t n = portreg_lookup_port_all(port, transport, e, 3), i, shown = 0;

    for (i = 0; i < n && i < 3; i++) {
        const char *name = portreg_entry_name(e[i]);
        if (!name[0])
            continue;
        add(buf, cap, "%s%s", shown++ ? "/" : " (", name);
    }
    if (shown)
        add(buf, cap, ")");
}

/* "3389 is a registered service port (ms-wbt-server)", and, with
 * `ranges`, where it lies: 1 the ranges it is in, 2 also "outside every
 * range" when it is in none. */
static void add_port(char *buf, size_t cap, uint16_t port, int score, unsigned transport,
                     int ranges)
{
    switch (score) {
    case 1:
        add(buf, cap, "%u is a well-known service port", (unsigned)port);
        break;
    case 2:
        add(buf, cap, "%u is a registered service port", (unsigned)port);
        break;
    case 3:
        add(buf, cap, "%u is a system port that no service is assigned", (unsigned)port);
        break;
    default:
        add(buf, cap, "%u is not registered", (unsigned)port);
        break;
    }
    if (score <= 2)
        add_names(buf, cap, port, transport);
    if (!ranges)
        return;
    if (portreg_port_ephemeral(port)) {
        add(buf, cap, score <= 2 ? " but lies in " : " and lies in ");
        add_ranges(buf, cap, port);
    } else if (ranges > 1) {
        add(buf, cap, " outside every ephemeral range");
    }
}

/* The server's port, then the client's, as they decided. */
static void add_ports(char *buf, size_t cap, const portreg_tuple *t, const flow_report *r,
                      int server_ranges, int client_ranges)
{
    int server_is_src = r->why.swapped;
    uint16_t sp = server_is_src ? t->src_port : t->dst_port;
    uint16_t cp = server_is_src ? t->dst_port : t->src_port;
    int ss = server_is_src ? r->why.src_score : r->why.dst_score;
    int cs = server_is_src ? r->why.dst_score : r->why.src_score;
    unsigned transport = t->proto == PORTREG_IPPROTO_TCP    ? PORTREG_TCP
                         : t->proto == PORTREG_IPPROTO_UDP  ? PORTREG_UDP
                         : t->proto == PORTREG_IPPROTO_SCTP ? PORTREG_SCTP
                                                            : PORTREG_DCCP;

    add_port(buf, cap, sp, ss, transport, server_ranges);
    add(buf, cap, "; ");
    add_port(buf, cap, cp, cs, transport, client_ranges);
}

static void explain(flow_report *r, const portreg_tuple *t, const portinfo_opts *o)
{
    char *b = r->evidence, src[64], srv[64];
    size_t cap = sizeof r->evidence;
    const portreg_orientation *w = &r->why;
    int ports = t->proto == PORTREG_IPPROTO_TCP || t->proto == PORTREG_IPPROTO_UDP
                || t->proto == PORTREG_IPPROTO_SCTP || t->proto == PORTREG_IPPROTO_DCCP;

    endpoint_addr(src, sizeof src, r->given, 0, ports);
    endpoint_addr(srv, sizeof srv, r->oriented, 1, ports);
    b[0] = '\0';
    switch (w->reason) {
    case PORTREG_REASON_HINT:
        if (o->hints & PORTREG_HINT_SYN)
            add(b, cap, "%s:%u sent a TCP SYN, so it is the client", src, (unsigned)t->src_port);
        else
            add(b, cap, "%s:%u sent the TCP SYN+ACK, so it is the server", src,
                (unsigned)t->src_port);
        break;
    case PORTREG_REASON_ICMP:
        if (w->confidence == PORTREG_CONFIDENCE_NONE)
            add(b, cap, "ICMP type %u is an error or an announcement: it has no server",
                (unsigned)t->src_port);
        else
            add(b, cap, "ICMP type %u is a %s, which %s the server", (unsigned)t->src_port,
                w->swapped ? "reply" : "request", w->swapped ? "comes from" : "goes to");
        break;
    case PORTREG_REASON_MULTICAST:
        add(b, cap, "%s is a multicast or broadcast address, which is never a client", srv);
        break;
    case PORTREG_REASON_LOCAL_RANGE:
        add(b, cap, "%u lies in your hosts' ephemeral range %u-%u, so it is a client's port; "
                    "%u does not",
            (unsigned)(w->swapped ? t->dst_port : t->src_port), o->local_first, o->local_last,
            (unsigned)(w->swapped ? t->src_port : t->dst_port));
        break;
    case PORTREG_REASON_SCORE:
        add_ports(b, cap, t, r, 0, 1);
        break;
    case PORTREG_REASON_CLIENT_RANGE:
        add_ports(b, cap, t, r, 2, 1);
        break;
    case PORTREG_REASON_LOWER_PORT:
        add_ports(b, cap, t, r, 1, 1);
        add(b, cap, "; both rank the same, so the lower port, %u, is taken as the server",
            (unsigned)(w->swapped ? t->src_port : t->dst_port));
        break;
    case PORTREG_REASON_FIRST_PACKET:
        if (ports)
            add(b, cap, "the ports do not tell; %s:%u sent the first packet seen, so it is "
                        "taken as the client", src, (unsigned)t->src_port);
        else
            add(b, cap, "%s sent the first packet seen, so it is taken as the client", src);
        break;
    case PORTREG_REASON_EQUAL_PORTS:
        add(b, cap, "both ends use port %u: no evidence; the tie-break takes the larger "
                    "address, %s, as the server", (unsigned)t->src_port, srv);
        break;
    case PORTREG_REASON_EPHEMERAL:
        add_ports(b, cap, t, r, 1, 1);
        add(b, cap, "; both look like client ports: no evidence; the tie-break takes the "
                    "lower port, %u, as the server",
            (unsigned)(w->swapped ? t->src_port : t->dst_port));
        break;
    case PORTREG_REASON_NO_PORTS:
        add(b, cap, "protocol %u has no ports: no evidence; the tie-break takes the larger "
                    "address, %s, as the server", (unsigned)t->proto, srv);
        break;
    default:
        add(b, cap, "reason %u", (unsigned)w->reason);
        break;
    }
}

static int flow_compute(flow_report *r, const portreg_tuple *t, const portinfo_opts *o)
{
    portreg_tuple rev, ori;
    portreg_orient_options opts = PORTREG_ORIENT_OPTIONS_INIT;

    memset(r, 0, sizeof *r);
    opts.hints = o->hints;
    opts.local_ephemeral_first = (uint16_t)o->local_first;
    opts.local_ephemeral_last = (uint16_t)o->local_last;
    if (portreg_tuple_format(t, r->given, sizeof r->given) < 0
        || portreg_tuple_orient_ext(&ori, t, &opts, &r->why) != 0
        || portreg_tuple_format(&ori, r->oriented, sizeof r->oriented) < 0
        || portreg_community_id(t, (uint16_t)o->seed, 0, r->cid, sizeof r->cid) < 0)
        return -1;
    /* ICMP errors have no reply: not a failure, just nothing to show. */
    r->reverse_rc = portreg_tuple_reverse(&rev, t);
    if (r->reverse_rc == 0 && portreg_tuple_format(&rev, r->reverse, sizeof r->reverse) < 0)
        return -1;
    explain(r, t, o);
    return 0;
}

static void flow_print_text(FILE *out, const flow_report *r, int separate)
{
    if (separate)
        putc('\n', out);
    fprintf(out, "flow          %s\n", r->given);
    if (r->reverse_rc == 0)
        fprintf(out, "reverse       %s\n", r->reverse);
    else
        fprintf(out, "reverse       none (%s)\n", portreg_strerror(r->reverse_rc));
    fprintf(out, "server-side   %s (%s)\n", r->oriented,
            r->why.confidence != PORTREG_CONFIDENCE_NONE ? (r->why.swapped ? "swapped" : "as given")
            : r->why.reason == PORTREG_REASON_ICMP       ? "no server: kept as given"
            : r->why.swapped                             ? "unknown: tie-break, swapped"
                                                         : "unknown: tie-break, as given");
    fprintf(out, "orientation   reason %s, confidence %s",
            portreg_reason_name((portreg_reason)r->why.reason),
            portreg_confidence_name((portreg_confidence)r->why.confidence));
    if (r->why.src_score || r->why.dst_score)
        fprintf(out, ", port ranks %d -> %d (1 best, 5 ephemeral)", r->why.src_score,
                r->why.dst_score);
    /* The evidence quotes service names: registry text, escaped. */
    fputs("\nevidence      ", out);
    text_put(out, r->evidence);
    fputc('\n', out);
    fprintf(out, "community-id  %s\n", r->cid);
}

static void flow_print_json(FILE *out, const char *input, const flow_report *r)
{
    fputs("{\"input\":", out);
    json_string(out, input);
    fputs(",\"flow\":", out);
    json_string(out, r->given);
    fputs(",\"reverse\":", out);
    if (r->reverse_rc == 0)
        json_string(out, r->reverse);
    else
        fputs("null", out);
    fputs(",\"oriented\":", out);
    json_string(out, r->oriented);
    fprintf(out, ",\"swapped\":%s,\"reason\":\"%s\",\"confidence\":\"%s\"",
            r->why.swapped ? "true" : "false",
            portreg_reason_name((portreg_reason)r->why.reason),
            portreg_confidence_name((portreg_confidence)r->why.confidence));
    fprintf(out, ",\"src_score\":%d,\"dst_score\":%d,\"evidence\":", r->why.src_score,
            r->why.dst_score);
    json_string(out, r->evidence);
    fputs(",\"community_id\":", out);
    json_string(out, r->cid);
    fputs("}\n", out);
}

/* With --json, what stands in for the answer to a line that is not a
 * flow, so that output lines stay paired with input lines.  `input` is
 * `len` bytes, NUL bytes included. */
static void flow_print_error(FILE *out, const char *input, size_t len, const char *why,
                             const portinfo_opts *o)
{
    if (!o->json)
        return;
    fputs("{\"input\":", out);
    json_string_len(out, input, len);
    fputs(",\"error\":", out);
    json_string(out, why);
    fputs("}\n", out);
}

/* Parses and prints one flow; 0 on success, -1 for text that is not a
 * tuple.  `*shown` counts the flows printed, to put blank lines between
 * text blocks. */
static int flow_one(FILE *out, const char *text, const portinfo_opts *o, int *shown)
{
    portreg_tuple t;
    flow_report r;

    if (portreg_tuple_parse(&t, text) != 0 || flow_compute(&r, &t, o) != 0) {
        flow_print_error(out, text, strlen(text), portreg_strerror(PORTREG_EINVAL), o);
        return -1;
    }
    if (o->json)
        flow_print_json(out, text, &r);
    else
        flow_print_text(out, &r, (*shown)++ > 0);
    return 0;
}

int portinfo_flow_arg(FILE *out, const char *text, const portinfo_opts *o)
{
    int shown = 0;
    if (flow_one(out, text, o, &shown) != 0) {
        complain("not a flow: \"", text,
                 "\" (expected e.g. 'tcp 10.0.0.1:51515 -> 93.184.216.34:443')");
        return EXIT_USAGE;
    }
    return EXIT_FOUND;
}

/* The longest line --flow - reads, its line end ("\n" or "\r\n") not
 * counted: far more than any tuple needs (an IPv6 flow is about 100
 * bytes), and few enough to keep on the stack. */
#define FLOW_LINE_MAX 1024

/* One line of input.  Read a byte at a time, not with fgets(), whose
 * result ends at the first NUL byte: a NUL in a line must be a byte of
 * that line, not hide its end.  A line longer than FLOW_LINE_MAX is read
 * to its end and only its start kept. */
typedef struct flow_line {
    char text[FLOW_LINE_MAX + 2]; /* room for a CR before the "\n", and a NUL */
    size_t len;                   /* bytes in text, without the line end */
    int too_long;
    int has_nul;
} flow_line;

/* Reads the next line into `l`: 1 when there was one (the last line may
 * lack its "\n"), 0 at the end of the input, -1 on a read error. */
static int read_line(FILE *in, flow_line *l)
{
    size_t total = 0; /* bytes in the line, however many were kept */
    int c, last = EOF;

    l->len = 0;
    l->has_nul = 0;
    while ((c = getc(in)) != EOF && c != '\n') {
        if (l->len < sizeof l->text - 1)
            l->text[l->len++] = (char)c;
        l->has_nul |= c == '\0';
        last = c;
        total++;
    }
    if (ferror(in))
        return -1;
    if (c == EOF && total == 0)
        return 0;
    if (last == '\r') { /* part of a "\r\n" line end */
        if (l->len == total)
            l->len--;
        total--;
    }
    l->too_long = total > FLOW_LINE_MAX;
    l->text[l->len] = '\0';
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Answers one line: 0 when it was a flow or had nothing to answer (blank,
 * a comment), -1 when it was not a flow.  Every other line gets exactly
 * one answer: a flow, or an error on stderr (and in JSON, on stdout). */
static int flow_line_answer(FILE *out, flow_line *l, unsigned long lineno,
                            const portinfo_opts *o, int *shown)
{
    char *text = l->text, *end = l->text + l->len;

    while (text < end && is_blank(*text))
        text++;
    if (text < end && *text == '#')
        return 0; /* a comment, however long and whatever it holds */
    if (l->too_long) {
        fprintf(stderr, "portinfo: stdin:%lu: line too long (more than %d bytes)\n", lineno,
                FLOW_LINE_MAX);
        flow_print_error(out, "", 0, "line too long", o);
        return -1;
    }
    if (l->has_nul) {
        fprintf(stderr, "portinfo: stdin:%lu: not a flow: the line holds a NUL byte\n", lineno);
        flow_print_error(out, l->text, l->len, "line holds a NUL byte", o);
        return -1;
    }
    while (end > text && is_blank(end[-1]))
        *--end = '\0';
    if (text == end)
        return 0; /* a blank line, as in a hand-written list */
    if (flow_one(out, text, o, shown) != 0) {
        char where[48];
        snprintf(where, sizeof where, "stdin:%lu: not a flow: \"", lineno);
        complain(where, text, "\"");
        return -1;
    }
    return 0;
}

int portinfo_flow_stream(FILE *out, FILE *in, const portinfo_opts *o)
{
    flow_line line;
    unsigned long lineno = 0;
    int bad = 0, shown = 0, r;

    while ((r = read_line(in, &line)) > 0) {
        if (flow_line_answer(out, &line, ++lineno, o, &shown) != 0)
            bad = 1;
        /* A filter in a pipeline: pass each answer on at once.  Once
         * output fails, reading on is pointless; main() says why. */
        if (fflush(out) != 0)
            return EXIT_SYSTEM;
    }
    if (r < 0) {
        fprintf(stderr, "portinfo: stdin: %s\n", strerror(errno));
        return EXIT_SYSTEM;
    }
    return bad ? EXIT_NOTFOUND : EXIT_FOUND;
}
