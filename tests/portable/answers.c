/*
 * portreg-answers: every answer the library gives, as text, so that two
 * builds can be compared line by line.  .ci/cross.sh runs it natively and
 * under qemu-user on big-endian, 32-bit and musl builds whose table was
 * generated on the build machine, and under wine for Windows: any line
 * that differs is an answer that depends on where the table was made or
 * where it runs.
 *
 * The answers, in this order:
 *  - every record: each field, its references and people;
 *  - every port under six protocol masks: the first record, the status,
 *    and every record of _all;
 *  - every name in three cases under five masks: the first record and
 *    the number of records, and portreg_parse_service's port;
 *  - a set of flows: parse, format, reverse, orient, canonical, and the
 *    Community ID.
 * Records are written as their index (portreg_entry_index), which is the
 * same in every build of one registry.
 *
 * portreg-answers --lookups compares builds of the two profiles
 * (PORTREG_PROFILE=full and small), which number their records apart (the
 * small one keeps the named records only): it writes the named records
 * without their index and without the fields the small profile leaves out
 * (description, dates, note, references, people), and every answer as the
 * record's name, protocol and ports instead of its index.
 */
#include <stdio.h>
#include <string.h>

#include <portreg.h>

static const unsigned masks[] = {PORTREG_TCP,  PORTREG_UDP, PORTREG_SCTP,
                                 PORTREG_DCCP, PORTREG_ANY, PORTREG_TCP | PORTREG_UDP};
#define MASK_COUNT (sizeof masks / sizeof masks[0])

static int by_content; /* --lookups */

/* A record as an answer: its index, or with --lookups what it says. */
static const char *answer(const portreg_entry *e)
{
    static char buf[4][128];
    static unsigned next;
    char *out = buf[next++ % 4];
    uint16_t lo = 0, hi = 0;
    if (!e)
        return "-1";
    if (!by_content) {
        snprintf(out, sizeof buf[0], "%lu", (unsigned long)portreg_entry_index(e));
        return out;
    }
    portreg_entry_ports(e, &lo, &hi);
    snprintf(out, sizeof buf[0], "%s/%u:%u-%u", portreg_entry_name(e), portreg_entry_protos(e),
             lo, hi);
    return out;
}

static long index_of(const portreg_entry *e)
{
    return e ? (long)portreg_entry_index(e) : -1;
}

static void write_person(const char *role, const portreg_person *p)
{
    printf("  %s %s|%s|%s|%s\n", role, portreg_person_id(p), portreg_person_name(p),
           portreg_person_org(p), portreg_person_uri(p));
}

static void write_record(size_t i)
{
    const portreg_entry *e = portreg_at(i);
    uint16_t lo = 0, hi = 0;
    uint32_t code = 0;
    int has_ports = portreg_entry_ports(e, &lo, &hi);
    int has_code = portreg_entry_service_code(e, &code);
    size_t k;

    if (by_content) {
        /* the named records, and what the small profile keeps of them */
        if (portreg_entry_name(e)[0])
            printf("record %s/%u %d:%u-%u\n", portreg_entry_name(e), portreg_entry_protos(e),
                   has_ports, lo, hi);
        return;
    }
    printf("record %lu %s/%u %d:%u-%u sc %d:%lu\n", (unsigned long)i, portreg_entry_name(e),
           portreg_entry_protos(e), has_ports, lo, hi, has_code, (unsigned long)code);
    printf("  %s|%s|%s|%s|%s\n", portreg_entry_description(e), portreg_entry_date(e),
           portreg_entry_updated(e), portreg_entry_note(e), portreg_entry_unauthorized(e));
    for (k = 0; k < portreg_entry_ref_count(e); k++)
        printf("  ref %s %s\n", portreg_ref_type_name(portreg_entry_ref_type(e, k)),
               portreg_entry_ref(e, k));
    for (k = 0; k < portreg_entry_assignee_count(e); k++)
        write_person("assignee", portreg_entry_assignee(e, k));
    for (k = 0; k < portreg_entry_contact_count(e); k++)
        write_person("contact", portreg_entry_contact(e, k));
}

static void write_port(unsigned port)
{
    const portreg_entry *all[64];
    size_t m, k, n;

    printf("port %u %s", port, portreg_range_name(portreg_classify((uint16_t)port)));
    for (m = 0; m < MASK_COUNT; m++) {
        n = portreg_lookup_port_all((uint16_t)port, masks[m], all, 64);
        printf(" | %s %s %lu:", answer(portreg_lookup_port((uint16_t)port, masks[m])),
               portreg_status_name(portreg_port_status((uint16_t)port, masks[m])),
               (unsigned long)n);
        for (k = 0; k < n && k < 64; k++)
            printf(" %s", answer(all[k]));
    }
    putchar('\n');
}

/* The name in lower, upper or mixed case (ASCII only, as lookups fold). */
static void recase(char *out, const char *name, int mode)
{
    size_t i;
    for (i = 0; name[i]; i++) {
        char c = name[i];
        int lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
        int want_upper = mode == 1 || (mode == 2 && i % 2 == 1);
        if (want_upper && lower)
            c = (char)(c - 'a' + 'A');
        else if (!want_upper && upper)
            c = (char)(c - 'A' + 'a');
        out[i] = c;
    }
    out[i] = '\0';
}

static void write_name(const char *name)
{
    char query[128];
    int mode;
    size_t m;

    for (mode = 0; mode < 3; mode++) {
        uint16_t port = 0;
        int rc;

        recase(query, name, mode);
        printf("name %s", query);
        for (m = 0; m < MASK_COUNT - 1; m++)
            printf(" | %s %lu", answer(portreg_lookup_name(query, masks[m])),
                   (unsigned long)portreg_lookup_name_all(query, masks[m], NULL, 0));
        rc = portreg_parse_service(&port, query, PORTREG_ANY);
        printf(" | service %d %u\n", rc, port);
    }
}

static void write_flow(const char *text)
{
    portreg_tuple t, r, o, c;
    portreg_orientation why;
    char out[128], cid[64];
    int rc, swapped = 0;

    memset(&t, 0, sizeof t);
    rc = portreg_tuple_parse(&t, text);
    printf("flow %s: parse %d", text, rc);
    if (rc != 0) {
        putchar('\n');
        return;
    }
    portreg_tuple_format(&t, out, sizeof out);
    printf(" | %s", out);
    rc = portreg_tuple_reverse(&r, &t);
    portreg_tuple_format(&r, out, sizeof out);
    printf(" | reverse %d %s", rc, rc == 0 ? out : "");
    portreg_tuple_orient(&o, &t, 0, &why);
    portreg_tuple_format(&o, out, sizeof out);
    printf(" | orient %s %u %u %u %d %d", out, why.swapped, why.reason, why.confidence,
           why.src_score, why.dst_score);
    portreg_tuple_canonical(&c, &t, &swapped);
    portreg_tuple_format(&c, out, sizeof out);
    printf(" | canonical %s %d", out, swapped);
    portreg_community_id(&t, 0, 0, cid, sizeof cid);
    printf(" | %s", cid);
    portreg_community_id(&t, 1, PORTREG_CID_HEX, cid, sizeof cid);
    printf(" %s\n", cid);
}

int main(int argc, char **argv)
{
    static const char *const flows[] = {
        "tcp 192.0.2.1:51515 -> 198.51.100.7:https",
        "tcp 198.51.100.7:443 -> 192.0.2.1:51515",
        "udp [2001:db8::1]:53 -> [2001:db8::2]:5353",
        "udp 10.0.0.1:5353 -> 224.0.0.251:5353",
        "sctp 10.0.0.1:1234 -> 10.0.0.2:2905",
        "dccp 10.0.0.1:40000 -> 10.0.0.2:5004",
        "icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0",
        "icmpv6 fe80::1 -> ff02::2 type 133 code 0",
        "47 10.0.0.1 -> 10.0.0.2",
        "tcp 172.21.128.16:1311 -> 10.226.24.52:3389",
        "tcp 141.142.220.235:33582 -> 199.233.217.249:61920",
        "tcp 10.0.0.1:x11 -> 10.0.0.2:ssh",
    };
    size_t i;
    unsigned port;

    if (argc == 2 && strcmp(argv[1], "--lookups") == 0) {
        by_content = 1;
    } else if (argc != 1) {
        fprintf(stderr, "usage: portreg-answers [--lookups]\n");
        return 2;
    }
    if (by_content)
        printf("portreg %s, registry %s\n", portreg_version_string(), portreg_registry_updated());
    else
        printf("portreg %s, registry %s, %lu records\n", portreg_version_string(),
               portreg_registry_updated(), (unsigned long)portreg_count());
    for (i = 0; i < portreg_count(); i++)
        write_record(i);
    for (port = 0; port < 65536; port++)
        write_port(port);
    for (i = 0; i < portreg_count(); i++) {
        const char *name = portreg_entry_name(portreg_at(i));
        if (name[0] && index_of(portreg_lookup_name(name, PORTREG_ANY)) == (long)i)
            write_name(name); /* each name once, at its first record */
    }
    for (i = 0; i < sizeof flows / sizeof flows[0]; i++)
        write_flow(flows[i]);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
