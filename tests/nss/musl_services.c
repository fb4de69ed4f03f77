/*
 * Built with musl-gcc by export_test.sh: musl's own parser reading the
 * exported /etc/services (bind-mounted).  musl knows tcp and udp only, and
 * its getservbyname answers the port (the name is the query), so the test
 * compares ports for names and names for ports.  Queries as nss_dump's
 * "n NAME PROTO" and "p PORT PROTO"; answers "PORT" or "NAME", "-" when
 * not found.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char line[512];
    while (fgets(line, sizeof line, stdin)) {
        char kind[4], a[256], b[64];
        struct servent *s;
        if (sscanf(line, "%3s %255s %63s", kind, a, b) != 3)
            continue;
        if (kind[0] == 'n')
            s = getservbyname(a, b);
        else
            s = getservbyport((int)htons((uint16_t)atoi(a)), b);
        printf("%s %s %s => ", kind, a, b);
        if (!s)
            puts("-");
        else if (kind[0] == 'n')
            printf("%u\n", (unsigned)ntohs((uint16_t)s->s_port));
        else
            printf("%s\n", s->s_name);
    }
    return 0;
}
