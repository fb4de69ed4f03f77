/*
 * portinfo: what the IANA registry says about ports, service names and
 * flows, from the tables compiled into libportreg.
 *
 *   portinfo 443            every service at port 443
 *   portinfo 443/udp        only UDP
 *   portinfo 6000-6010      every service overlapping a range
 *   portinfo HTTPS          the ports of a name, in any case
 *   portinfo --search kerberos --long
 *   portinfo --json 53 | jq .name
 *   portinfo --flow 'tcp 10.0.0.1:51515 -> 93.184.216.34:443'
 *
 * Exit status: 0 found, 1 nothing found, 2 usage error, 3 a read or write
 * error or no memory (portinfo(1)).
 * The pieces live in portinfo/; this file reads the command line.
 */
#define _POSIX_C_SOURCE 200809L /* isatty(), fileno() */

#include <errno.h>
#include <getopt.h> /* getopt_long(): glibc, musl, the BSDs, macOS */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portinfo/portinfo.h"

static const char usage_text[] =
    "usage: portinfo [options] QUERY...\n"
    "       portinfo [options] --search WORD | --all\n"
    "       portinfo [--json] [--seed N] [--hint LIST] [--local-range A-B]\n"
    "                --flow 'PROTO SRC -> DST' | --flow -\n"
    "       portinfo [--json] --protocol NUMBER|KEYWORD\n"
    "       portinfo --export=services|protocols\n"
    "\n"
    "QUERY is a port (443), a port and protocol (443/udp), a range\n"
    "(6000-6010[/tcp]), a service name in any case (https) or a name and\n"
    "protocol (domain/udp).\n"
    "\n"
    "  -p, --proto LIST    only these protocols: tcp, udp, sctp, dccp, any (comma list)\n"
    "  -s, --search WORD   records whose name or description contains WORD (any case)\n"
    "  -a, --all           every record of the registry\n"
    "  -l, --long          every field: status, dates, people, references, notes\n"
    "  -j, --json          one JSON object per record or flow (JSON Lines)\n"
    "  -f, --flow TUPLE    reverse, orientation and Community ID of a flow;\n"
    "                      '-' reads one flow per line from standard input\n"
    "      --seed N        Community ID seed (0-65535, default 0)\n"
    "      --hint LIST     with --flow: what was seen of the flow's source, a comma\n"
    "                      list of syn, synack and first (it sent the first packet)\n"
    "      --local-range A-B  with --flow: your hosts take client ports from A-B\n"
    "  -P, --protocol Q    an IANA protocol number (50) or keyword (esp, any case)\n"
    "      --export WHAT   the registry as a services(5) or protocols(5) file\n"
    "      --color WHEN    auto (default: a terminal and NO_COLOR unset), always, never\n"
    "  -h, --help          this text\n"
    "  -V, --version       library version and registry date\n"
    "\n"
    "Exit status: 0 found, 1 nothing found (or a bad --flow - line), 2 usage error,\n"
    "3 a read or write error or out of memory.\n";

typedef struct cli {
    portinfo_opts o;
    unsigned protos;
    const char *search;
    const char *flow;
    const char *color;
    const char *protocol;
    const char *export_what;
    int all;
    char **queries;
    int nqueries;
} cli;

/* Says what is wrong, quoting the `untrusted` part (an argument, maybe
 * NULL) without its control characters. */
static int usage_error(const char *before, const char *untrusted, const char *after)
{
    complain(before, untrusted, after);
    fputs("Try 'portinfo --help'.\n", stderr);
    return EXIT_USAGE;
}

/* "syn,first" into PORTREG_HINT_* bits; -1 when malformed. */
static int parse_hints(const char *text, unsigned *hints)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        { "syn", PORTREG_HINT_SYN }, { "synack", PORTREG_HINT_SYNACK },
        { "first", PORTREG_HINT_FIRST },
    };
    unsigned bits = 0;
    size_t i;

    if (!text)
        return -1;
    while (*text) {
        size_t len = strcspn(text, ",");
        for (i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strlen(names[i].name) == len && strncmp(text, names[i].name, len) == 0)
                break;
        if (i == sizeof names / sizeof names[0])
            return -1;
        bits |= names[i].bit;
        text += len;
        if (*text == ',' && *++text == '\0')
            return -1;
    }
    if (!bits)
        return -1;
    *hints = bits;
    return 0;
}

/* "32768-60999" into a range of 1-65535, each number by the library's rule
 * for a port; -1 when malformed. */
static int parse_range(const char *text, unsigned *first, unsigned *last)
{
    const char *dash = strchr(text, '-');
    uint16_t a, b;

    if (!dash || portinfo_parse_port(text, (size_t)(dash - text), &a) != 0 ||
        portinfo_parse_port(dash + 1, strlen(dash + 1), &b) != 0 || a == 0 || a > b)
        return -1;
    *first = a;
    *last = b;
    return 0;
}

/* The seed is 16 bits, read by the same rule as a port. */
static int parse_seed(const char *text, unsigned *seed)
{
    uint16_t v;
    if (portinfo_parse_port(text, strlen(text), &v) != 0)
        return -1;
    *seed = v;
    return 0;
}

/* Long options without a short form. */
enum { OPT_SEED = 256, OPT_HINT, OPT_LOCAL_RANGE, OPT_COLOR, OPT_EXPORT };

/* Every option that takes a value requires one, after '=' or as the next
 * argument: an optional value (GNU ls's "--color[=WHEN]") cannot come as
 * the next argument, so "--color never 80" would look up "never". */
static const struct option long_options[] = {
    { "proto", required_argument, NULL, 'p' },
    { "search", required_argument, NULL, 's' },
    { "all", no_argument, NULL, 'a' },
    { "long", no_argument, NULL, 'l' },
    { "json", no_argument, NULL, 'j' },
    { "flow", required_argument, NULL, 'f' },
    { "seed", required_argument, NULL, OPT_SEED },
    { "hint", required_argument, NULL, OPT_HINT },
    { "local-range", required_argument, NULL, OPT_LOCAL_RANGE },
    { "color", required_argument, NULL, OPT_COLOR },
    { "colour", required_argument, NULL, OPT_COLOR },
    { "protocol", required_argument, NULL, 'P' },
    { "export", required_argument, NULL, OPT_EXPORT },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
};

/* '-': queries come back in order as option 1, so that options and
 * queries may be mixed even under POSIXLY_CORRECT; ':': a missing value
 * is told apart from an unknown option.  The messages are ours. */
static const char short_options[] = "-:p:s:aljf:P:hV";

/* What getopt_long() refused, said in the words of usage_error().  `arg`
 * is the argument it was reading; optopt is the option's code, 0 for an
 * unknown long option. */
static int option_error(int r, const char *arg)
{
    char shortopt[] = { '-', (char)optopt, '\0' }, name[64];

    if (strncmp(arg, "--", 2) == 0) {
        /* Only the name: "--json=yes" is about --json. */
        size_t len = strcspn(arg, "=");
        snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), arg);
        if (r == ':')
            return usage_error("", name, " needs a value");
        if (optopt)
            return usage_error("", name, " takes no value");
        return usage_error("unknown or ambiguous option '", name, "'");
    }
    if (r == ':')
        return usage_error("", shortopt, " needs a value");
    return usage_error("unknown option '", shortopt, "'");
}

/* Returns -1 to go on, or an exit code (for --help, --version, errors). */
static int parse_args(cli *c, int argc, char **argv)
{
    int r;

    opterr = 0;
    for (;;) {
        /* The argument getopt_long() is about to read from: the same one
         * while it works through bundled short options ("-lj"). */
        const char *arg = optind < argc ? argv[optind] : "";
        r = getopt_long(argc, argv, short_options, long_options, NULL);
        if (r == -1)
            break;
        switch (r) {
        case 1:
            c->queries[c->nqueries++] = optarg;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_FOUND;
        case 'V':
            printf("portinfo (portreg) %s\nregistry updated %s\n", portreg_version_string(),
                   portreg_registry_updated());
            return EXIT_FOUND;
        case 'l':
            c->o.longform = 1;
            break;
        case 'j':
            c->o.json = 1;
            break;
        case 'a':
            c->all = 1;
            break;
        case 'p':
            if (!(c->protos = portinfo_parse_protos(optarg)))
                return usage_error("--proto wants tcp, udp, sctp, dccp or any (comma list), not '",
                                   optarg, "'");
            break;
        case 's':
            c->search = optarg;
            break;
        case 'f':
            c->flow = optarg;
            break;
        case OPT_SEED:
            if (parse_seed(optarg, &c->o.seed) != 0)
                return usage_error("--seed wants a number 0-65535, not '", optarg, "'");
            break;
        case OPT_HINT:
            if (parse_hints(optarg, &c->o.hints) != 0)
                return usage_error("--hint wants syn, synack or first (comma list), not '",
                                   optarg, "'");
            break;
        case OPT_LOCAL_RANGE:
            if (parse_range(optarg, &c->o.local_first, &c->o.local_last) != 0)
                return usage_error("--local-range wants FIRST-LAST, 1 <= FIRST <= LAST <= 65535, "
                                   "not '", optarg, "'");
            break;
        case OPT_COLOR:
            c->color = optarg;
            break;
        case 'P':
            c->protocol = optarg;
            break;
        case OPT_EXPORT:
            if (strcmp(optarg, "services") != 0 && strcmp(optarg, "protocols") != 0)
                return usage_error("--export wants services or protocols, not '", optarg, "'");
            c->export_what = optarg;
            break;
        default: /* '?' or ':' */
            return option_error(r, arg);
        }
    }
    /* After "--", everything is a query, even "-x". */
    while (optind < argc)
        c->queries[c->nqueries++] = argv[optind++];
    return -1;
}

/* Colour only for a person at a terminal: never in pipes or files, and
 * never when NO_COLOR is set to a non-empty value (https://no-color.org),
 * unless --color=always says otherwise. */
static int resolve_color(const char *when, int *color)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

    if (!when || strcmp(when, "auto") == 0)
        *color = isatty(fileno(stdout)) && !(no_color && no_color[0])
                 && !(term && strcmp(term, "dumb") == 0);
    else if (strcmp(when, "always") == 0)
        *color = 1;
    else if (strcmp(when, "never") == 0)
        *color = 0;
    else
        return usage_error("--color wants auto, always or never, not '", when, "'");
    return 0;
}

static int run_flow(const cli *c)
{
    if (c->nqueries || c->search || c->all)
        return usage_error("--flow takes no other queries", NULL, "");
    if (strcmp(c->flow, "-") == 0)
        return portinfo_flow_stream(stdout, stdin, &c->o);
    return portinfo_flow_arg(stdout, c->flow, &c->o);
}

/* Runs every query; 1 when one of them found nothing. */
static int run_queries(const cli *c)
{
    portinfo_hits hits = { NULL, 0, 0 };
    int i, missed = 0;

    for (i = 0; i < c->nqueries; i++) {
        long n = portinfo_query(&hits, c->queries[i], c->protos);
        if (n < 0) {
            portinfo_hits_free(&hits);
            return EXIT_USAGE;
        }
        missed |= n == 0;
    }
    if (c->search)
        missed |= portinfo_search(&hits, c->search, c->protos) == 0;
    if (c->all)
        missed |= portinfo_all(&hits, c->protos) == 0;
    portinfo_print(stdout, &hits, &c->o);
    portinfo_hits_free(&hits);
    return missed ? EXIT_NOTFOUND : EXIT_FOUND;
}

void portinfo_out_of_memory(void)
{
    fputs("portinfo: out of memory\n", stderr);
    exit(EXIT_SYSTEM);
}

int main(int argc, char **argv)
{
    cli c;
    int rc;

    memset(&c, 0, sizeof c);
    c.protos = PORTREG_ANY;
    c.queries = calloc((size_t)argc, sizeof *c.queries);
    if (!c.queries)
        portinfo_out_of_memory();
    rc = parse_args(&c, argc, argv);
    if (rc < 0 && resolve_color(c.color, &c.o.color) != 0)
        rc = EXIT_USAGE;
    if (rc < 0 && !c.flow && (c.o.hints || c.o.local_first))
        rc = usage_error("--hint and --local-range go with --flow", NULL, "");
    if (rc < 0 && (c.protocol || c.export_what) &&
        (c.nqueries || c.search || c.all || c.flow || (c.protocol && c.export_what)))
        rc = usage_error("--protocol and --export take no other queries", NULL, "");
    if (rc < 0 && c.protocol)
        rc = portinfo_protocol(stdout, c.protocol, &c.o);
    if (rc < 0 && c.export_what)
        rc = portinfo_export(stdout, c.export_what) == 0 ? EXIT_FOUND : EXIT_USAGE;
    if (rc < 0 && c.flow)
        rc = run_flow(&c);
    if (rc < 0 && !c.nqueries && !c.search && !c.all)
        rc = usage_error("nothing to look up (a port, a name, --search, --all or --flow)", NULL,
                         "");
    if (rc < 0)
        rc = run_queries(&c);
    free(c.queries);
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        /* A full disk or a closed pipe must not look like success, nor
         * like a mistake in the command line.  errno is only this
         * flush's: an earlier failed write may have left it unset. */
        fprintf(stderr, "portinfo: error writing output%s%s\n", errno ? ": " : "",
                errno ? strerror(errno) : "");
        rc = EXIT_SYSTEM;
    }
    return rc;
}
