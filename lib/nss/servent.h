/*
 * The registry as services(5) and protocols(5) see it: entries of one
 * port and transport with a name and aliases, and protocol entries with a
 * keyword.  One model for the NSS module (nss_portreg.c) and for
 * `portinfo --export`, so that the module and a file exported from the
 * same library answer alike.  Built on the public API only.
 *
 * Services.  An entry is one (port, transport) that has named records:
 * its names are those of portreg_lookup_port_all() in registry order (a
 * record without <protocol> counts for every transport, a range for each
 * of its ports), the first being the entry's name and the others its
 * aliases.  Names that services(5) cannot hold (white space, '#', bytes
 * outside printable ASCII) are left out everywhere.  A name lookup takes
 * the first record in registry order that has the name and a port, for
 * the transport asked (or any when none is), and answers the entry of
 * that record's (first) port and transport.
 *
 * Enumeration visits the entries in port order, then transport order
 * (tcp, udp, sctp, dccp): a cursor counts port * 4 + transport.  That
 * order is also the order of the export, and with it the files backend's
 * first-match rule gives the name lookups above (tests/nss checks it for
 * every name of the registry).
 */
#ifndef PORTREG_NSS_SERVENT_H
#define PORTREG_NSS_SERVENT_H

#include <stddef.h>
#include <stdint.h>

#include <portreg.h>

/* At most this many names per entry; the registry has at most 3. */
#define SERVENT_NAMES_MAX 16
/* Cursor values: port * PORTREG_TRANSPORT_COUNT + transport index. */
#define SERVENT_CURSOR_END (65536u * 4u)

struct servent_entry {
    uint16_t port;
    unsigned proto;      /* one PORTREG_* flag */
    size_t count;        /* names[0] is the name, the rest aliases */
    const char *names[SERVENT_NAMES_MAX];
};

/* 1 when `name` can stand in a services(5) or protocols(5) line. */
int servent_is_token(const char *name);

/* The entry of (port, proto flag); 0 when it has names, -1 when not. */
int servent_at_port(struct servent_entry *out, uint16_t port, unsigned proto);

/* The entry a lookup of `name` for the transports in `protos` answers
 * (see above); 0, or -1 when there is none. */
int servent_by_name(struct servent_entry *out, const char *name, unsigned protos);

/* The first entry at or after `*cursor`; 0 with *cursor set to that
 * entry's position, or -1 at the end. */
int servent_next(struct servent_entry *out, uint32_t *cursor);

/* The transport flag of a protocol argument: NULL is every transport
 * (PORTREG_ANY); an unknown name is 0. */
unsigned servent_protos(const char *proto);

/* Protocols: an entry is a number whose record has a keyword. */
struct protoent_entry {
    unsigned number;
    const char *keyword;     /* as the registry writes it ("ESP") */
};

/* The entry of `number`; 0, or -1 when it has no keyword. */
int protoent_at_number(struct protoent_entry *out, unsigned number);

/* The entry of `keyword` (ASCII case ignored); 0, or -1. */
int protoent_by_keyword(struct protoent_entry *out, const char *keyword);

/* The first entry at or after number `*cursor` (0-255); 0 or -1 at the end. */
int protoent_next(struct protoent_entry *out, unsigned *cursor);

#endif
