/*
 * --flow: what the library says about a 5-tuple.  Each flow goes through
 * portreg_tuple_parse(), then reverse, orient and community_id, and is
 * printed as a block of labelled lines or as one JSON object.
 */
#include <errno.h>
#include <string.h>

#include "portinfo.h"

/* Everything computed about one flow, so that both output forms print
 * the same answers. */
typedef struct flow_report {
    char given[128], reverse[128], oriented[128], cid[64];
    int reverse_rc;
    portreg_orientation why;
} flow_report;

static int flow_compute(flow_report *r, const portreg_tuple *t, const portinfo_opts *o)
{
    portreg_tuple rev, ori;

    memset(r, 0, sizeof *r);
    if (portreg_tuple_format(t, r->given, sizeof r->given) < 0
        || portreg_tuple_orient(&ori, t, 0, &r->why) != 0
        || portreg_tuple_format(&ori, r->oriented, sizeof r->oriented) < 0
        || portreg_community_id(t, (uint16_t)o->seed, 0, r->cid, sizeof r->cid) < 0)
        return -1;
    /* ICMP errors have no reply: not a failure, just nothing to show. */
    r->reverse_rc = portreg_tuple_reverse(&rev, t);
    if (r->reverse_rc == 0 && portreg_tuple_format(&rev, r->reverse, sizeof r->reverse) < 0)
        return -1;
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
            r->why.confidence == PORTREG_CONFIDENCE_NONE ? "unknown, order kept"
            : r->why.swapped                             ? "swapped"
                                                         : "as given");
    fprintf(out, "orientation   reason %s, confidence %s",
            portreg_reason_name((portreg_reason)r->why.reason),
            portreg_confidence_name((portreg_confidence)r->why.confidence));
    if (r->why.src_score || r->why.dst_score)
        fprintf(out, ", port ranks %d -> %d (1 best, 5 ephemeral)", r->why.src_score,
                r->why.dst_score);
    fprintf(out, "\ncommunity-id  %s\n", r->cid);
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
    fprintf(out, ",\"src_score\":%d,\"dst_score\":%d,\"community_id\":", r->why.src_score,
            r->why.dst_score);
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
