/*
 * The load-time choice of the port lookups' build (lib/registry/lookup_port.c) in
 * a fully static program whose every function is stack-protected and
 * unoptimised.  There the resolvers run from __libc_start_main before
 * thread-local storage exists, so a stack-protector canary or a call in
 * them crashes the program before main: reaching main is the first check.
 * Then every dispatched answer must agree with portreg_lookup_port_all,
 * which does not go through the resolvers.
 */
#include <stdio.h>

#include "portreg.h"

int main(void)
{
    static const unsigned protos[] = {PORTREG_TCP, PORTREG_UDP, PORTREG_SCTP, PORTREG_DCCP};
    unsigned long checked = 0, assigned = 0, wrong = 0;
    unsigned port, p;

    for (port = 0; port < 65536; port++) {
        for (p = 0; p < sizeof protos / sizeof *protos; p++) {
            const portreg_entry *first = NULL;
            size_t n = portreg_lookup_port_all((uint16_t)port, protos[p], &first, 1);
            const portreg_entry *e = portreg_lookup_port((uint16_t)port, protos[p]);
            portreg_status status = portreg_port_status((uint16_t)port, protos[p]);

            if (e != (n ? first : NULL) || (status == PORTREG_STATUS_ASSIGNED) != (e != NULL)) {
                if (wrong++ < 10)
                    fprintf(stderr, "port %u protocols 0x%x: lookup %p, first of all %p, %s\n",
                            port, protos[p], (const void *)e, (const void *)first,
                            portreg_status_name(status));
            }
            assigned += e != NULL;
            checked++;
        }
    }
    printf("check_dispatch_static: %lu lookups (%lu assigned), %lu wrong\n", checked, assigned,
           wrong);
    return wrong == 0 && assigned > 0 ? 0 : 1;
}
