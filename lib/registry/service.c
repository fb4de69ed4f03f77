/* Service strings: a decimal port or a registered name. */
#include "portreg.h"

enum { NOT_DECIMAL = 0, DECIMAL = 1, OUT_OF_RANGE = -1 };

/* Digits only, as getaddrinfo's numeric service: no sign, no space.  A
 * string with any other character is a name, however it starts. */
static int parse_decimal(const char *s, uint16_t *port)
{
    unsigned long v = 0;
    int too_large = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return NOT_DECIMAL;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > 65535) {
            too_large = 1;
            v = 65536; /* keep v bounded while the rest is checked */
        }
    }
    if (too_large)
        return OUT_OF_RANGE;
    *port = (uint16_t)v;
    return DECIMAL;
}

/* The port of the first record, in registry order, that has one: a
 * name-only record (DNS-SD) has none.  No name has more records than
 * fit in `found` (a name/protocol pair has at most a few). */
static int port_of_name(uint16_t *port, const char *name, unsigned protos)
{
    const portreg_entry *found[32];
    size_t n = portreg_lookup_name_all(name, protos, found, 32), i;

    if (n > 32)
        n = 32;
    for (i = 0; i < n; i++) {
        if (portreg_entry_ports(found[i], port, NULL) == 0)
            return 0;
    }
    return PORTREG_ENOTFOUND;
}

int portreg_parse_service(uint16_t *port, const char *service, unsigned protos)
{
    uint16_t value;

    if (!port || !service || !service[0])
        return PORTREG_EINVAL;
    switch (parse_decimal(service, &value)) {
    case DECIMAL:
        *port = value;
        return 0;
    case OUT_OF_RANGE:
        return PORTREG_EINVAL;
    }
    return port_of_name(port, service, protos);
}
