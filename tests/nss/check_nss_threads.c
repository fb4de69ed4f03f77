/*
 * 8 threads enumerating libnss_portreg.so.2 at once (and looking up while
 * they do), built with ThreadSanitizer by .ci/tsan.sh and run by CTest in
 * every build.  The module keeps one enumeration position per process, as
 * nss_files does, so concurrent enumerations share it: together the
 * threads must get every entry of a one-thread enumeration exactly once,
 * with small buffers (ERANGE, retried) mixed in.  Then every thread runs
 * its own lookups and compares them with the one-thread answers.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <nss.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define MAX_ENTRIES (65536 * 4)

enum nss_status _nss_portreg_getservbyname_r(const char *, const char *, struct servent *, char *,
                                             size_t, int *);
enum nss_status _nss_portreg_getservbyport_r(int, const char *, struct servent *, char *, size_t,
                                             int *);
enum nss_status _nss_portreg_setservent(int);
enum nss_status _nss_portreg_getservent_r(struct servent *, char *, size_t, int *);
enum nss_status _nss_portreg_endservent(void);
enum nss_status _nss_portreg_setprotoent(int);
enum nss_status _nss_portreg_getprotoent_r(struct protoent *, char *, size_t, int *);
enum nss_status _nss_portreg_endprotoent(void);

static unsigned key(const struct servent *s)
{
    unsigned proto = s->s_proto[0] == 't' ? 0 : s->s_proto[0] == 'u' ? 1
                   : s->s_proto[0] == 's' ? 2 : 3;
    return (unsigned)ntohs((uint16_t)s->s_port) * 4 + proto;
}

static unsigned char seen_once[MAX_ENTRIES], seen_threads[MAX_ENTRIES];
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned protos_got[THREADS];
static char (*names)[64]; /* one name per entry of the one-thread run */
static unsigned *name_ports;
static unsigned name_count;
static unsigned failures[THREADS];

static void *enumerate(void *arg)
{
    unsigned id = (unsigned)(size_t)arg, n = 0;
    struct servent se;
    struct protoent pe;
    char buf[1024];
    int err;

    for (;;) {
        /* Every 7th call starts with a buffer that is too small. */
        size_t len = (n++ % 7 == 0) ? 3 : sizeof buf;
        enum nss_status st = _nss_portreg_getservent_r(&se, buf, len, &err);
        if (st == NSS_STATUS_TRYAGAIN && err == ERANGE)
            continue;
        if (st != NSS_STATUS_SUCCESS)
            break;
        pthread_mutex_lock(&seen_lock);
        seen_threads[key(&se)]++;
        pthread_mutex_unlock(&seen_lock);
    }
    while (_nss_portreg_getprotoent_r(&pe, buf, sizeof buf, &err) == NSS_STATUS_SUCCESS)
        protos_got[id]++;
    return NULL;
}

static void *look_up(void *arg)
{
    unsigned id = (unsigned)(size_t)arg, i;
    struct servent se;
    char buf[1024];
    int err;

    for (i = id; i < name_count; i += 3) {
        if (_nss_portreg_getservbyname_r(names[i], NULL, &se, buf, sizeof buf, &err) !=
                NSS_STATUS_SUCCESS || (unsigned)ntohs((uint16_t)se.s_port) != name_ports[i])
            failures[id]++;
        if (_nss_portreg_getservbyport_r(se.s_port, se.s_proto, &se, buf, sizeof buf, &err) !=
            NSS_STATUS_SUCCESS)
            failures[id]++;
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    struct servent se;
    struct protoent pe;
    char buf[1024];
    unsigned i, entries = 0, protocols = 0, missing = 0, twice = 0, failed = 0, protos_total = 0;
    int err;

    names = calloc(MAX_ENTRIES, sizeof *names);
    name_ports = calloc(MAX_ENTRIES, sizeof *name_ports);
    _nss_portreg_setservent(0);
    while (_nss_portreg_getservent_r(&se, buf, sizeof buf, &err) == NSS_STATUS_SUCCESS) {
        seen_once[key(&se)] = 1;
        entries++;
        if (strlen(se.s_name) < 64 &&
            _nss_portreg_getservbyname_r(se.s_name, NULL, &se, buf, sizeof buf, &err) ==
                NSS_STATUS_SUCCESS) {
            strcpy(names[name_count], se.s_name);
            name_ports[name_count++] = ntohs((uint16_t)se.s_port);
        }
    }
    _nss_portreg_setprotoent(0);
    while (_nss_portreg_getprotoent_r(&pe, buf, sizeof buf, &err) == NSS_STATUS_SUCCESS)
        protocols++;

    _nss_portreg_setservent(0);
    _nss_portreg_setprotoent(0);
    for (i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, i % 2 ? look_up : enumerate, (void *)(size_t)i);
    for (i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    /* the lookup threads' share of the enumeration is read by the others */
    for (i = 0; i < MAX_ENTRIES; i++) {
        missing += seen_once[i] && !seen_threads[i];
        twice += seen_threads[i] > 1 || (seen_threads[i] && !seen_once[i]);
    }
    for (i = 0; i < THREADS; i++) {
        failed += failures[i];
        protos_total += protos_got[i];
    }
    _nss_portreg_endservent();
    _nss_portreg_endprotoent();
    printf("check_nss_threads: %u threads: %u entries enumerated together (%u missing, %u twice), "
           "%u protocols (%u got), %u lookups failed\n",
           THREADS, entries, missing, twice, protocols, protos_total, failed);
    free(names);
    free(name_ports);
    return entries >= 10000 && !missing && !twice && protos_total == protocols && !failed ? 0 : 1;
}
