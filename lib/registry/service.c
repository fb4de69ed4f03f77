/* Service strings: a decimal port or a registered name. */
#include <string.h>

#include "decimal.h"
#include "portreg.h"

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
    size_t len;
    unsigned long value;

    if (!port || !service || !service[0])
        return PORTREG_EINVAL;
    /* Digits only is a number (decimal.h); anything else is a name,
     * however it starts. */
    len = strlen(service);
    if (portreg_decimal_digits(service, len) != len)
        return port_of_name(port, service, protos);
    if (!portreg_decimal_parse(service, len, 65535, &value))
        return PORTREG_EINVAL;
    *port = (uint16_t)value;
    return 0;
}
