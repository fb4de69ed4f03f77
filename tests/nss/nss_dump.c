/*
 * nss_dump SOURCE: answers queries read from standard input through one
 * NSS source for the services and protocols databases (glibc's
 * __nss_configure_lookup(), what getent -s uses), one line per query, so
 * that two sources can be compared with diff.  Queries:
 *   n NAME PROTO    getservbyname_r (PROTO "-" for NULL)
 *   p PORT PROTO    getservbyport_r
 *   N NAME          getprotobyname_r
 *   P NUMBER        getprotobynumber_r
 * Answers: "name port/proto alias..." or "-" when not found.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int __nss_configure_lookup(const char *db, const char *service_line);

static void print_serv(const struct servent *s)
{
    char **a;
    if (!s) {
        puts("-");
        return;
    }
    printf("%s %u/%s", s->s_name, (unsigned)ntohs((uint16_t)s->s_port), s->s_proto);
    for (a = s->s_aliases; *a; a++)
        printf(" %s", *a);
    putchar('\n');
}

static void print_proto(const struct protoent *p)
{
    char **a;
    if (!p) {
        puts("-");
        return;
    }
    printf("%s %d", p->p_name, p->p_proto);
    for (a = p->p_aliases; *a; a++)
        printf(" %s", *a);
    putchar('\n');
}

int main(int argc, char **argv)
{
    char line[512], buf[8192];
    if (argc != 2 || __nss_configure_lookup("services", argv[1]) != 0 ||
        __nss_configure_lookup("protocols", argv[1]) != 0) {
        fprintf(stderr, "usage: nss_dump SOURCE < queries\n");
        return 2;
    }
    while (fgets(line, sizeof line, stdin)) {
        char kind[4], a[256], b[64] = "-";
        struct servent se, *sp = NULL;
        struct protoent pe, *pp = NULL;
        if (sscanf(line, "%3s %255s %63s", kind, a, b) < 2)
            continue;
        printf("%s %s %s => ", kind, a, b);
        const char *proto = strcmp(b, "-") == 0 ? NULL : b;
        if (kind[0] == 'n') {
            getservbyname_r(a, proto, &se, buf, sizeof buf, &sp);
            print_serv(sp);
        } else if (kind[0] == 'p') {
            getservbyport_r((int)htons((uint16_t)atoi(a)), proto, &se, buf, sizeof buf, &sp);
            print_serv(sp);
        } else if (kind[0] == 'N') {
            getprotobyname_r(a, &pe, buf, sizeof buf, &pp);
            print_proto(pp);
        } else {
            getprotobynumber_r(atoi(a), &pe, buf, sizeof buf, &pp);
            print_proto(pp);
        }
    }
    return ferror(stdout) ? 1 : 0;
}
