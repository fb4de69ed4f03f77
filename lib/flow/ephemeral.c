/*
 * portreg_port_ephemeral() and portreg_ephemeral_range(): the ephemeral
 * port ranges of ephemeral.h, for callers (portinfo explains orientations
 * with them).
 */
#include <stddef.h>

#include "ephemeral.h"

static const struct {
    unsigned bit;
    uint16_t first, last;
    const char *name;
} ranges[] = {
    { PORTREG_EPHEMERAL_IANA, PORTREG__EPH_IANA_FIRST, PORTREG__EPH_IANA_LAST,
      "IANA/Windows/macOS" },
    { PORTREG_EPHEMERAL_LINUX, PORTREG__EPH_LINUX_FIRST, PORTREG__EPH_LINUX_LAST, "Linux" },
    { PORTREG_EPHEMERAL_FREEBSD, PORTREG__EPH_FREEBSD_FIRST, PORTREG__EPH_FREEBSD_LAST,
      "FreeBSD" },
    { PORTREG_EPHEMERAL_LEGACY, PORTREG__EPH_LEGACY_FIRST, PORTREG__EPH_LEGACY_LAST,
      "legacy Windows/BSD" },
};

unsigned portreg_port_ephemeral(uint16_t port)
{
    return portreg__port_ephemeral(port);
}

const char *portreg_ephemeral_range(unsigned range, uint16_t *first, uint16_t *last)
{
    size_t i;

    for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        if (ranges[i].bit != range)
            continue;
        if (first != NULL)
            *first = ranges[i].first;
        if (last != NULL)
            *last = ranges[i].last;
        return ranges[i].name;
    }
    return NULL;
}
