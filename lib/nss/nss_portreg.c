/*
 * libnss_portreg.so.2: the registry behind getservbyname(3),
 * getservbyport(3), getservent(3), getprotobyname(3),
 * getprotobynumber(3) and getprotoent(3), for every program on a glibc
 * system, through /etc/nsswitch.conf ("services: files portreg").
 *
 * Semantics are nss_files' (docs/NSS.md), over the model of servent.h:
 *  - the first record in registry order for a (name, protocol) wins, and
 *    with no protocol the first record for the name;
 *  - an entry's aliases are the other names at its port and protocol;
 *  - a port inside a range answers (6001/tcp is x11);
 *  - names and keywords are matched ignoring ASCII case (RFC 6335
 *    section 5.1), which nss_files does not do;
 *  - a buffer too small is ERANGE through *errnop with
 *    NSS_STATUS_TRYAGAIN, and nothing is written past buflen; an
 *    enumeration does not advance then, so the retry gets the same entry.
 *
 * Enumeration lists every (name, port, protocol): ranges expanded port by
 * port, as Wireshark does, so that every answer of getservbyport() is
 * also an entry.  Its position is one process-wide cursor under a mutex,
 * as nss_files keeps one stream under a lock.
 *
 * The library is linked in statically (every portreg symbol hidden), so
 * that the module is one file that needs only libc.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <nss.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "servent.h"

#define NSS_API __attribute__((visibility("default")))

/* ---- Packing into the caller's buffer -------------------------------- */

/* A bump allocator over [buffer, buffer + buflen) that never goes past
 * the end: every piece is checked before it is written. */
struct pack {
    char *p;
    size_t left;
};

static void *pack_take(struct pack *k, size_t size, size_t align)
{
    size_t pad = (size_t)(-(uintptr_t)k->p) & (align - 1);
    void *at;
    if (pad > k->left || size > k->left - pad)
        return NULL;
    at = k->p + pad;
    k->p += pad + size;
    k->left -= pad + size;
    return at;
}

/* Copies `s`, ASCII-lowercased when `lower`. */
static char *pack_string(struct pack *k, const char *s, int lower)
{
    size_t n = strlen(s) + 1, i;
    char *at = pack_take(k, n, 1);
    if (!at)
        return NULL;
    for (i = 0; i < n; i++)
        at[i] = (char)(lower && s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    return at;
}

static enum nss_status erange(int *errnop)
{
    *errnop = ERANGE;
    return NSS_STATUS_TRYAGAIN;
}

static enum nss_status not_found(int *errnop)
{
    *errnop = ENOENT;
    return NSS_STATUS_NOTFOUND;
}

/* Fills `result` from `e`; NSS_STATUS_SUCCESS, or ERANGE. */
static enum nss_status fill_servent(const struct servent_entry *e, struct servent *result,
                                    char *buffer, size_t buflen, int *errnop)
{
    struct pack k = {buffer, buffer ? buflen : 0};
    char **aliases = pack_take(&k, e->count * sizeof *aliases, sizeof *aliases);
    char *name, *proto;
    size_t i;

    if (!aliases)
        return erange(errnop);
    name = pack_string(&k, e->names[0], 0);
    proto = pack_string(&k, portreg_proto_name(e->proto), 0);
    if (!name || !proto)
        return erange(errnop);
    for (i = 1; i < e->count; i++) {
        if (!(aliases[i - 1] = pack_string(&k, e->names[i], 0)))
            return erange(errnop);
    }
    aliases[e->count - 1] = NULL;
    result->s_name = name;
    result->s_aliases = aliases;
    result->s_port = (int)htons(e->port);
    result->s_proto = proto;
    return NSS_STATUS_SUCCESS;
}

/* The protocol's name is its keyword in lower case, as protocols(5) files
 * write it ("esp 50 ESP"); the keyword as the registry writes it is the
 * alias when it differs. */
static enum nss_status fill_protoent(const struct protoent_entry *e, struct protoent *result,
                                     char *buffer, size_t buflen, int *errnop)
{
    struct pack k = {buffer, buffer ? buflen : 0};
    char **aliases = pack_take(&k, 2 * sizeof *aliases, sizeof *aliases);
    char *name;

    if (!aliases || !(name = pack_string(&k, e->keyword, 1)))
        return erange(errnop);
    aliases[0] = aliases[1] = NULL;
    if (strcmp(name, e->keyword) != 0 && !(aliases[0] = pack_string(&k, e->keyword, 0)))
        return erange(errnop);
    result->p_name = name;
    result->p_aliases = aliases;
    result->p_proto = (int)e->number;
    return NSS_STATUS_SUCCESS;
}

/* ---- services --------------------------------------------------------- */

NSS_API enum nss_status _nss_portreg_getservbyname_r(const char *name, const char *proto,
                                                     struct servent *result, char *buffer,
                                                     size_t buflen, int *errnop)
{
    struct servent_entry e;
    unsigned protos = servent_protos(proto);

    if (!result || !errnop) {
        if (errnop)
            *errnop = EINVAL;
        return NSS_STATUS_UNAVAIL;
    }
    if (!name || !protos || servent_by_name(&e, name, protos) != 0)
        return not_found(errnop);
    return fill_servent(&e, result, buffer, buflen, errnop);
}

NSS_API enum nss_status _nss_portreg_getservbyport_r(int port, const char *proto,
                                                     struct servent *result, char *buffer,
                                                     size_t buflen, int *errnop)
{
    struct servent_entry e;
    unsigned protos = servent_protos(proto);
    unsigned t;

    if (!result || !errnop) {
        if (errnop)
            *errnop = EINVAL;
        return NSS_STATUS_UNAVAIL;
    }
    /* `port` is a 16-bit port in network byte order, as glibc passes it;
     * nss_files compares the whole int, so other bits find nothing. */
    if ((unsigned)port > 0xFFFFu)
        return not_found(errnop);
    for (t = 0; t < 4; t++) {
        if ((protos & (1u << t)) &&
            servent_at_port(&e, ntohs((uint16_t)port), 1u << t) == 0)
            return fill_servent(&e, result, buffer, buflen, errnop);
    }
    return not_found(errnop);
}

static pthread_mutex_t serv_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t serv_cursor;

NSS_API enum nss_status _nss_portreg_setservent(int stayopen)
{
    (void)stayopen;
    pthread_mutex_lock(&serv_lock);
    serv_cursor = 0;
    pthread_mutex_unlock(&serv_lock);
    return NSS_STATUS_SUCCESS;
}

NSS_API enum nss_status _nss_portreg_endservent(void)
{
    return _nss_portreg_setservent(0);
}

NSS_API enum nss_status _nss_portreg_getservent_r(struct servent *result, char *buffer,
                                                  size_t buflen, int *errnop)
{
    struct servent_entry e;
    enum nss_status status;
    uint32_t at;

    if (!result || !errnop) {
        if (errnop)
            *errnop = EINVAL;
        return NSS_STATUS_UNAVAIL;
    }
    pthread_mutex_lock(&serv_lock);
    at = serv_cursor;
    if (servent_next(&e, &at) != 0) {
        serv_cursor = at;
        status = not_found(errnop);
    } else {
        status = fill_servent(&e, result, buffer, buflen, errnop);
        /* On ERANGE the cursor stays: the caller retries with more room. */
        serv_cursor = status == NSS_STATUS_SUCCESS ? at + 1 : at;
    }
    pthread_mutex_unlock(&serv_lock);
    return status;
}

/* ---- protocols -------------------------------------------------------- */

NSS_API enum nss_status _nss_portreg_getprotobyname_r(const char *name, struct protoent *result,
                                                      char *buffer, size_t buflen, int *errnop)
{
    struct protoent_entry e;

    if (!result || !errnop) {
        if (errnop)
            *errnop = EINVAL;
        return NSS_STATUS_UNAVAIL;
    }
    if (protoent_by_keyword(&e, name) != 0)
        return not_found(errnop);
    return fill_protoent(&e, result, buffer, buflen, errnop);
}

NSS_API enum nss_status _nss_portreg_getprotobynumber_r(int number, struct protoent *result,
                                                        char *buffer, size_t buflen,
                                                        int *errnop)
{
    struct protoent_entry e;

    if (!result || !errnop) {
        if (errnop)
            *errnop = EINVAL;
        return NSS_STATUS_UNAVAIL;
    }
    if (number < 0 || number > 255 || protoent_at_number(&e, (unsigned)number) != 0)
        return not_found(errnop);
    return fill_protoent(&e, result, buffer, buflen, errnop);
}

static pthread_mutex_t proto_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned proto_cursor;

NSS_API enum nss_status _nss_portreg_setprotoent(int stayopen)
{
    (void)stayopen;
    pthread_mutex_lock(&proto_lock);
    proto_cursor = 0;
    pthread_mutex_unlock(&proto_lock);
    return NSS_STATUS_SUCCESS;
}

NSS_API enum nss_status _nss_portreg_endprotoent(void)
{
    return _nss_portreg_setprotoent(0);
}

NSS_API enum nss_status _nss_portreg_getprotoent_r(struct protoent *result, char *buffer,
                                                   size_t buflen, int *errnop)
{
    struct protoent_entry e;
    enum nss_status status;
    unsigned at;

    if (!result || !errnop) {
        if (errnop)
            *errnop = EINVAL;
        return NSS_STATUS_UNAVAIL;
    }
    pthread_mutex_lock(&proto_lock);
    at = proto_cursor;
    if (protoent_next(&e, &at) != 0) {
        proto_cursor = at;
        status = not_found(errnop);
    } else {
        status = fill_protoent(&e, result, buffer, buflen, errnop);
        proto_cursor = status == NSS_STATUS_SUCCESS ? at + 1 : at;
    }
    pthread_mutex_unlock(&proto_lock);
    return status;
}
