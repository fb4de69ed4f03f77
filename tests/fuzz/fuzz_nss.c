/*
 * libFuzzer harness: the NSS entry points of libnss_portreg.so.2 with
 * random names, protocols, numbers and buffer sizes.  The buffer is
 * allocated to exactly buflen bytes, so AddressSanitizer stops at any byte
 * written past it; every answer must point inside the buffer, and a
 * failure must be ERANGE/TRYAGAIN or NOTFOUND.
 *
 * Input: 2 bytes buffer size (0-2047), 1 byte selector, 1 byte protocol
 * choice, then the name (or the number's bytes).
 */
#include <errno.h>
#include <netdb.h>
#include <nss.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum nss_status _nss_portreg_getservbyname_r(const char *, const char *, struct servent *, char *,
                                             size_t, int *);
enum nss_status _nss_portreg_getservbyport_r(int, const char *, struct servent *, char *, size_t,
                                             int *);
enum nss_status _nss_portreg_getprotobyname_r(const char *, struct protoent *, char *, size_t,
                                              int *);
enum nss_status _nss_portreg_getprotobynumber_r(int, struct protoent *, char *, size_t, int *);
enum nss_status _nss_portreg_setservent(int);
enum nss_status _nss_portreg_getservent_r(struct servent *, char *, size_t, int *);
enum nss_status _nss_portreg_setprotoent(int);
enum nss_status _nss_portreg_getprotoent_r(struct protoent *, char *, size_t, int *);

static const char *buf_lo, *buf_hi;

static void inside(const char *s)
{
    if (s < buf_lo || s >= buf_hi || !memchr(s, 0, (size_t)(buf_hi - s)))
        abort();
}

static void check_status(enum nss_status st, int err)
{
    if (st == NSS_STATUS_TRYAGAIN ? err != ERANGE
                                  : st != NSS_STATUS_SUCCESS && st != NSS_STATUS_NOTFOUND)
        abort();
}

static void check_serv(enum nss_status st, int err, const struct servent *s)
{
    char **a;
    check_status(st, err);
    if (st != NSS_STATUS_SUCCESS)
        return;
    inside(s->s_name);
    inside(s->s_proto);
    if ((const char *)s->s_aliases < buf_lo || (const char *)s->s_aliases >= buf_hi)
        abort();
    for (a = s->s_aliases; *a; a++)
        inside(*a);
}

static void check_proto(enum nss_status st, int err, const struct protoent *p)
{
    char **a;
    check_status(st, err);
    if (st != NSS_STATUS_SUCCESS)
        return;
    inside(p->p_name);
    if (p->p_proto < 0 || p->p_proto > 255)
        abort();
    for (a = p->p_aliases; *a; a++)
        inside(*a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const protos[] = {NULL, "tcp", "udp", "sctp", "dccp", "TCP", "", "icmp"};
    size_t buflen, i;
    unsigned selector;
    const char *proto;
    char *buf, *name;
    struct servent se;
    struct protoent pe;
    int err = 0, number = 0;

    if (size < 4)
        return 0;
    buflen = ((size_t)data[0] << 8 | data[1]) & 2047;
    selector = data[2];
    proto = protos[data[3] % 8];
    data += 4;
    size -= 4;
    name = malloc(size + 1);
    memcpy(name, data, size);
    name[size] = '\0';
    /* any int, negative ones and those beyond 16 bits included */
    memcpy(&number, data, size < sizeof number ? size : sizeof number);
    buf = malloc(buflen ? buflen : 1);
    buf_lo = buf;
    buf_hi = buf + buflen;

    switch (selector % 8) {
    case 0:
        check_serv(_nss_portreg_getservbyname_r(name, proto, &se, buf, buflen, &err), err, &se);
        break;
    case 1:
        check_serv(_nss_portreg_getservbyport_r(number, proto, &se, buf, buflen, &err), err, &se);
        break;
    case 2:
        check_proto(_nss_portreg_getprotobyname_r(name, &pe, buf, buflen, &err), err, &pe);
        break;
    case 3:
        check_proto(_nss_portreg_getprotobynumber_r(number, &pe, buf, buflen, &err), err, &pe);
        break;
    case 4: /* an enumeration step from a position the input picks */
        if (selector & 0x80)
            _nss_portreg_setservent(0);
        for (i = 0; i < (selector >> 3 & 15); i++)
            check_serv(_nss_portreg_getservent_r(&se, buf, buflen, &err), err, &se);
        break;
    case 5:
        if (selector & 0x80)
            _nss_portreg_setprotoent(0);
        for (i = 0; i < (selector >> 3 & 15); i++)
            check_proto(_nss_portreg_getprotoent_r(&pe, buf, buflen, &err), err, &pe);
        break;
    case 6: /* NULL buffer, any length: never written, never a success */
        buf_lo = buf_hi = NULL;
        check_serv(_nss_portreg_getservbyname_r(name, proto, &se, NULL, buflen, &err), err, &se);
        break;
    default:
        check_serv(_nss_portreg_getservbyname_r(size ? name : NULL, proto, &se, buf, buflen, &err),
                   err, &se);
        break;
    }
    free(buf);
    free(name);
    return 0;
}
