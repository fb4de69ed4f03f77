/* Service strings: a decimal port or a registered name. */
#include <string.h>

#include "decimal.h"
#include "entry_internal.h"

/* The port of the first record, in registry order, that has one: a
 * name-only record (DNS-SD) has none, and however many of those come
 * first, every record of the name is looked at. */
static int port_of_name(uint16_t *port, const char *name, unsigned protos)
{
    const portreg_entry *e = portreg__lookup_name_with_port(name, protos);

    return e ? portreg_entry_ports(e, port, NULL) : PORTREG_ENOTFOUND;
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
