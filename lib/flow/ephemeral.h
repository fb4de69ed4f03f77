/*
 * The ephemeral port ranges portreg knows, as data: the single source of
 * the numbers for portreg_port_ephemeral(), portreg_ephemeral_range() and
 * the orientation rules.  docs/ORIENTATION.md cites where each comes from.
 */
#ifndef PORTREG_EPHEMERAL_H
#define PORTREG_EPHEMERAL_H

#include <stdint.h>

#include "portreg.h"

/* RFC 6335 section 6, the Dynamic Ports; Windows since Vista (Microsoft
 * KB 929851) and macOS (XNU in_pcb.c, ipport_firstauto) use them. */
#define PORTREG__EPH_IANA_FIRST 49152u
#define PORTREG__EPH_IANA_LAST 65535u
/* Linux's default net.ipv4.ip_local_port_range (ip-sysctl documentation). */
#define PORTREG__EPH_LINUX_FIRST 32768u
#define PORTREG__EPH_LINUX_LAST 60999u
/* FreeBSD's IPPORT_EPHEMERALFIRST and IPPORT_EPHEMERALLAST (netinet/in.h). */
#define PORTREG__EPH_FREEBSD_FIRST 10000u
#define PORTREG__EPH_FREEBSD_LAST 65535u
/* Windows up to XP and Server 2003 (KB 929851); 4.xBSD took 1024 to
 * IPPORT_USERRESERVED, 5000, and 1024 is reserved by IANA anyway. */
#define PORTREG__EPH_LEGACY_FIRST 1025u
#define PORTREG__EPH_LEGACY_LAST 5000u

/* The ranges the orientation rules weigh: all of them.  A port in none
 * (below 1025, or 5001-9999) is not any of these systems' client port. */
#define PORTREG__EPH_CLIENT_RANGES                                                    \
    (PORTREG_EPHEMERAL_IANA | PORTREG_EPHEMERAL_LINUX | PORTREG_EPHEMERAL_FREEBSD \
     | PORTREG_EPHEMERAL_LEGACY)

/* The PORTREG_EPHEMERAL_* bits of the ranges that hold `port`. */
static inline unsigned portreg__port_ephemeral(uint16_t port)
{
    unsigned bits = 0;

    if (port >= PORTREG__EPH_IANA_FIRST)
        bits |= PORTREG_EPHEMERAL_IANA;
    if (port >= PORTREG__EPH_LINUX_FIRST && port <= PORTREG__EPH_LINUX_LAST)
        bits |= PORTREG_EPHEMERAL_LINUX;
    if (port >= PORTREG__EPH_FREEBSD_FIRST)
        bits |= PORTREG_EPHEMERAL_FREEBSD;
    if (port >= PORTREG__EPH_LEGACY_FIRST && port <= PORTREG__EPH_LEGACY_LAST)
        bits |= PORTREG_EPHEMERAL_LEGACY;
    return bits;
}

#endif /* PORTREG_EPHEMERAL_H */
