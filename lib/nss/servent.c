/* The services(5)/protocols(5) model of the registry (servent.h). */
#include "servent.h"

#include <string.h>

int servent_is_token(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    if (!p || !*p)
        return 0;
    for (; *p; p++) {
        if (*p < 0x21 || *p > 0x7e || *p == '#')
            return 0;
    }
    return 1;
}

static int fold_equal(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return 0;
        if (!x)
            return 1;
    }
}

int servent_at_port(struct servent_entry *out, uint16_t port, unsigned proto)
{
    const portreg_entry *all[SERVENT_NAMES_MAX];
    size_t n = portreg_lookup_port_all(port, proto, all, SERVENT_NAMES_MAX), i, j;

    if (n > SERVENT_NAMES_MAX)
        n = SERVENT_NAMES_MAX;
    out->port = port;
    out->proto = proto;
    out->count = 0;
    for (i = 0; i < n; i++) {
        const char *name = portreg_entry_name(all[i]);
        int seen = 0;
        if (!servent_is_token(name))
            continue;
        for (j = 0; j < out->count && !seen; j++)
            seen = fold_equal(out->names[j], name);
        if (!seen)
            out->names[out->count++] = name;
    }
    return out->count ? 0 : -1;
}

/* The transport a record answers for: its own, or (a record without
 * <protocol>) the first transport asked. */
static unsigned answer_proto(const portreg_entry *e, unsigned protos)
{
    unsigned rp = portreg_entry_protos(e) & protos;
    if (!rp)
        rp = protos;
    return rp & ~(rp - 1); /* the lowest flag */
}

int servent_by_name(struct servent_entry *out, const char *name, unsigned protos)
{
    const portreg_entry *first, *all[16];
    uint16_t lo;
    size_t n, i;

    protos &= PORTREG_ANY;
    if (!protos || !servent_is_token(name))
        return -1;
    /* Nearly always the name's first record has a port: one probe. */
    first = portreg_lookup_name(name, protos);
    if (!first)
        return -1;
    if (portreg_entry_ports(first, &lo, NULL) == 0)
        return servent_at_port(out, lo, answer_proto(first, protos));
    /* A name-only record (DNS SRV) first: the first later one with a port. */
    n = portreg_lookup_name_all(name, protos, all, 16);
    for (i = 1; i < n && i < 16; i++) {
        if (portreg_entry_ports(all[i], &lo, NULL) == 0)
            return servent_at_port(out, lo, answer_proto(all[i], protos));
    }
    return -1;
}

int servent_next(struct servent_entry *out, uint32_t *cursor)
{
    uint32_t c;
    for (c = *cursor; c < SERVENT_CURSOR_END; c++) {
        if (servent_at_port(out, (uint16_t)(c / 4), 1u << (c % 4)) == 0) {
            *cursor = c;
            return 0;
        }
    }
    *cursor = SERVENT_CURSOR_END;
    return -1;
}

unsigned servent_protos(const char *proto)
{
    return proto ? portreg_proto_from_name(proto) : PORTREG_ANY;
}

static int protoent_of(struct protoent_entry *out, const portreg_protocol *p, unsigned number)
{
    const char *k = portreg_protocol_keyword(p);
    if (!p || !servent_is_token(k))
        return -1;
    out->number = number;
    out->keyword = k;
    return 0;
}

int protoent_at_number(struct protoent_entry *out, unsigned number)
{
    return protoent_of(out, portreg_protocol_by_number(number), number);
}

int protoent_by_keyword(struct protoent_entry *out, const char *keyword)
{
    const portreg_protocol *p = portreg_protocol_by_keyword(keyword);
    uint8_t lo;
    if (portreg_protocol_numbers(p, &lo, NULL) != 0)
        return -1;
    return protoent_of(out, p, lo);
}

int protoent_next(struct protoent_entry *out, unsigned *cursor)
{
    unsigned n;
    for (n = *cursor; n < 256; n++) {
        if (protoent_at_number(out, n) == 0) {
            *cursor = n;
            return 0;
        }
    }
    *cursor = 256;
    return -1;
}
