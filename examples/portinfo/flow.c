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

static void flow_print_error(FILE *out, const char *input, const portinfo_opts *o)
{
    if (!o->json)
        return;
    /* In JSON mode a line still comes out, so that output lines stay
     * paired with input lines. */
    fputs("{\"input\":", out);
    json_string(out, input);
    fputs(",\"error\":", out);
    json_string(out, portreg_strerror(PORTREG_EINVAL));
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
        flow_print_error(out, text, o);
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
        fprintf(stderr, "portinfo: not a flow: \"%s\" (expected e.g. "
                        "'tcp 10.0.0.1:51515 -> 93.184.216.34:443')\n", text);
        return EXIT_USAGE;
    }
    return EXIT_FOUND;
}

/* Strips the line end and surrounding blanks in place. */
static char *trim(char *s)
{
    size_t len = strlen(s);
    while (len && strchr(" \t\r\n", s[len - 1]))
        s[--len] = '\0';
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

int portinfo_flow_stream(FILE *out, FILE *in, const portinfo_opts *o)
{
    char line[1024];
    unsigned long lineno = 0;
    int bad = 0, shown = 0;

    while (fgets(line, sizeof line, in)) {
        char *text;
        lineno++;
        if (!strchr(line, '\n') && !feof(in)) {
            int c;
            while ((c = getc(in)) != EOF && c != '\n')
                ; /* far longer than any tuple: skip the rest of it */
            fprintf(stderr, "portinfo: stdin:%lu: line too long\n", lineno);
            flow_print_error(out, "", o);
            bad = 1;
            continue;
        }
        text = trim(line);
        if (!text[0] || text[0] == '#')
            continue; /* blank lines and comments, as in a hand-written list */
        if (flow_one(out, text, o, &shown) != 0) {
            fprintf(stderr, "portinfo: stdin:%lu: not a flow: \"%s\"\n", lineno, text);
            bad = 1;
        }
        /* A filter in a pipeline: pass each answer on at once.  Once
         * output fails, reading on is pointless; main() says why. */
        if (fflush(out) != 0)
            return EXIT_SYSTEM;
    }
    if (ferror(in)) {
        fprintf(stderr, "portinfo: stdin: %s\n", strerror(errno));
        return EXIT_SYSTEM;
    }
    return bad ? EXIT_NOTFOUND : EXIT_FOUND;
}
