/*
 * portinfo: what the IANA registry says about a port or a service name.
 *
 *   portinfo 443        every service at port 443
 *   portinfo 443/udp    only UDP
 *   portinfo https      the ports of a name, in any case
 *   portinfo 6010       a port inside a registered range (x11)
 *
 * Exit status: 0 found, 1 nothing found, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

#define MAX_MATCHES 256

static void print_entry(const portreg_entry *e)
{
    uint16_t lo, hi;
    const char *proto = portreg_proto_name(portreg_entry_protos(e));
    char ports[16] = "-";

    if (portreg_entry_ports(e, &lo, &hi) == 0) {
        if (lo == hi)
            snprintf(ports, sizeof ports, "%u", (unsigned)lo);
        else
            snprintf(ports, sizeof ports, "%u-%u", (unsigned)lo, (unsigned)hi);
    }
    printf("%-11s %-5s %-16s %-8s %s\n", ports, proto[0] ? proto : "any",
           portreg_entry_name(e),
           portreg_entry_ports(e, &lo, NULL) == 0 ? portreg_range_name(portreg_classify(lo)) : "-",
           portreg_entry_description(e));
}

static int print_all(const portreg_entry **found, size_t n)
{
    size_t i;
    if (n > MAX_MATCHES)
        n = MAX_MATCHES;
    for (i = 0; i < n; i++)
        print_entry(found[i]);
    return n ? 0 : 1;
}

/* "443" or "443/udp": returns 1 and fills port/protos, 0 when not a port. */
static int parse_port_query(const char *q, uint16_t *port, unsigned *protos)
{
    char *end;
    unsigned long v = strtoul(q, &end, 10);
    if (end == q || v > 65535 || (q[0] < '0' || q[0] > '9'))
        return 0;
    if (*end == '/') {
        *protos = portreg_proto_from_name(end + 1);
        if (!*protos)
            return -1;
    } else if (*end != '\0') {
        return 0;
    }
    *port = (uint16_t)v;
    return 1;
}

static int query_port(uint16_t port, unsigned protos)
{
    const portreg_entry *found[MAX_MATCHES];
    size_t n = portreg_lookup_port_all(port, protos, found, MAX_MATCHES);

    printf("port %u: %s range, %s\n", (unsigned)port,
           portreg_range_name(portreg_classify(port)),
           portreg_status_name(portreg_port_status(port, protos)));
    return print_all(found, n);
}

static int query_name(const char *name, unsigned protos)
{
    const portreg_entry *found[MAX_MATCHES];
    size_t n = portreg_lookup_name_all(name, protos, found, MAX_MATCHES);
    return print_all(found, n);
}

int main(int argc, char **argv)
{
    unsigned protos = PORTREG_ANY;
    uint16_t port;
    char name[128];
    const char *slash;
    int rc;

    if (argc != 2 || !argv[1][0]) {
        fprintf(stderr, "usage: portinfo PORT[/PROTO] | NAME[/PROTO]\n");
        return 2;
    }
    rc = parse_port_query(argv[1], &port, &protos);
    if (rc < 0) {
        fprintf(stderr, "portinfo: unknown protocol in \"%s\"\n", argv[1]);
        return 2;
    }
    if (rc > 0)
        return query_port(port, protos);

    slash = strrchr(argv[1], '/');
    if (slash && portreg_proto_from_name(slash + 1)) {
        size_t len = (size_t)(slash - argv[1]);
        if (len >= sizeof name)
            return 1;
        memcpy(name, argv[1], len);
        name[len] = '\0';
        return query_name(name, portreg_proto_from_name(slash + 1));
    }
    return query_name(argv[1], protos);
}
