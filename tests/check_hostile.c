/*
 * Hostile input at run time: every public function of portreg.h fed NULL
 * pointers, empty and over-long names, bytes 0x80-0xFF, embedded NULs,
 * protocol bits outside PORTREG_ANY, zero and tiny buffers, malformed and
 * huge service strings and tuple text.  Each must give the error its
 * declaration documents, and never crash or write past a buffer (run this
 * under ASan/valgrind too: .ci/sanitizers.sh).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

#define GUARD 0xA5

/* ---- helpers ---- */

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether `name` (len bytes) equals the entry's name as lookups compare
 * names: ASCII case folded, everything else exact. */
static int name_matches(const portreg_entry *e, const char *name, size_t len)
{
    const char *s = portreg_entry_name(e);
    size_t i;
    if (strlen(s) != len)
        return 0;
    for (i = 0; i < len; i++) {
        if (fold((unsigned char)s[i]) != fold((unsigned char)name[i]))
            return 0;
    }
    return 1;
}

/* Whether any registered name holds a byte above 0x7F. */
static int registry_has_non_ascii_names(void)
{
    size_t i, n = portreg_count();
    for (i = 0; i < n; i++) {
        const unsigned char *s = (const unsigned char *)portreg_entry_name(portreg_at(i));
        for (; *s; s++) {
            if (*s >= 0x80)
                return 1;
        }
    }
    return 0;
}

static portreg_tuple tcp4(uint8_t a, uint16_t sp, uint8_t b, uint16_t dp)
{
    portreg_tuple t;
    memset(&t, 0, sizeof t);
    t.family = 4;
    t.proto = PORTREG_IPPROTO_TCP;
    t.src_addr[0] = 10;
    t.src_addr[3] = a;
    t.dst_addr[0] = 10;
    t.dst_addr[3] = b;
    t.src_port = sp;
    t.dst_port = dp;
    return t;
}

/* ---- constants, enums, strings ---- */

START_TEST(strings_of_values_outside_their_enums)
{
    static const int codes[] = {1, -5, -100, 12345, -2147483647 - 1, 2147483647};
    unsigned i;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        ck_assert_ptr_nonnull(portreg_strerror(codes[i]));
    ck_assert_str_eq(portreg_range_name((portreg_range)0), "");
    ck_assert_str_eq(portreg_range_name((portreg_range)4), "");
    ck_assert_str_eq(portreg_range_name((portreg_range)-1), "");
    ck_assert_str_eq(portreg_status_name((portreg_status)3), "");
    ck_assert_str_eq(portreg_status_name((portreg_status)-1), "");
    ck_assert_str_eq(portreg_ref_type_name((portreg_ref_type)0), "");
    ck_assert_str_eq(portreg_ref_type_name((portreg_ref_type)7), "");
    ck_assert_str_eq(portreg_ref_type_name((portreg_ref_type)-1), "");
    /* proto_name: one flag only */
    ck_assert_str_eq(portreg_proto_name(0), "");
    ck_assert_str_eq(portreg_proto_name(PORTREG_TCP | PORTREG_UDP), "");
    ck_assert_str_eq(portreg_proto_name(PORTREG_ANY), "");
    ck_assert_str_eq(portreg_proto_name(0x10), "");
    ck_assert_str_eq(portreg_proto_name(0x80000000u), "");
    ck_assert_str_eq(portreg_proto_name(~0u), "");
    ck_assert_ptr_nonnull(portreg_version_string());
    ck_assert_ptr_nonnull(portreg_registry_updated());
}
END_TEST

START_TEST(proto_from_name_refuses_what_is_not_a_transport)
{
    static const char *const bad[] = {
        "", " tcp", "tcp ", "tc", "tcpp", "tcp\n", "udp6", "icmp", "6", "TCP/IP",
        "\xc4\xb1tcp", "t\xc3\xa7p", "\x80", "\xff\xfe", "sctp\x01",
    };
    unsigned i;
    ck_assert_uint_eq(portreg_proto_from_name(NULL), 0);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(portreg_proto_from_name(bad[i]) == 0, "\"%s\" read as a transport", bad[i]);
    ck_assert_uint_eq(portreg_proto_from_name("DcCp"), PORTREG_DCCP);
}
END_TEST

/* ---- records ---- */

START_TEST(record_accessors_take_null)
{
    uint16_t lo = 7, hi = 7;
    uint32_t code = 7;
    ck_assert_uint_eq(portreg_entry_index(NULL), (size_t)-1);
    ck_assert_str_eq(portreg_entry_name(NULL), "");
    ck_assert_uint_eq(portreg_entry_protos(NULL), 0);
    ck_assert_int_eq(portreg_entry_ports(NULL, &lo, &hi), -1);
    ck_assert_int_eq(portreg_entry_ports(NULL, NULL, NULL), -1);
    ck_assert_str_eq(portreg_entry_description(NULL), "");
    ck_assert_str_eq(portreg_entry_date(NULL), "");
    ck_assert_str_eq(portreg_entry_updated(NULL), "");
    ck_assert_str_eq(portreg_entry_note(NULL), "");
    ck_assert_str_eq(portreg_entry_unauthorized(NULL), "");
    ck_assert_int_eq(portreg_entry_service_code(NULL, &code), -1);
    ck_assert_uint_eq(portreg_entry_ref_count(NULL), 0);
    ck_assert_ptr_null(portreg_entry_ref(NULL, 0));
    ck_assert_int_eq(portreg_entry_ref_type(NULL, 0), 0);
    ck_assert_uint_eq(portreg_entry_assignee_count(NULL), 0);
    ck_assert_ptr_null(portreg_entry_assignee(NULL, 0));
    ck_assert_uint_eq(portreg_entry_contact_count(NULL), 0);
    ck_assert_ptr_null(portreg_entry_contact(NULL, 0));
    ck_assert_str_eq(portreg_person_id(NULL), "");
    ck_assert_str_eq(portreg_person_name(NULL), "");
    ck_assert_str_eq(portreg_person_org(NULL), "");
    ck_assert_str_eq(portreg_person_uri(NULL), "");
}
END_TEST

START_TEST(indexes_past_the_end)
{
    size_t n = portreg_count(), i;
    ck_assert_uint_gt(n, 0);
    ck_assert_ptr_null(portreg_at(n));
    ck_assert_ptr_null(portreg_at(n + 1));
    ck_assert_ptr_null(portreg_at((size_t)-1));
    ck_assert_ptr_null(portreg_at(SIZE_MAX / 2));
    /* every record, every list past its end */
    for (i = 0; i < n; i++) {
        const portreg_entry *e = portreg_at(i);
        size_t refs = portreg_entry_ref_count(e);
        ck_assert_ptr_null(portreg_entry_ref(e, refs));
        ck_assert_ptr_null(portreg_entry_ref(e, (size_t)-1));
        ck_assert_int_eq(portreg_entry_ref_type(e, refs), 0);
        ck_assert_int_eq(portreg_entry_ref_type(e, (size_t)-1), 0);
        ck_assert_ptr_null(portreg_entry_assignee(e, portreg_entry_assignee_count(e)));
        ck_assert_ptr_null(portreg_entry_assignee(e, (size_t)-1));
        ck_assert_ptr_null(portreg_entry_contact(e, portreg_entry_contact_count(e)));
        ck_assert_ptr_null(portreg_entry_contact(e, (size_t)-1));
        ck_assert(portreg_entry_ports(e, NULL, NULL) >= -1);
        ck_assert_uint_eq(portreg_entry_index(e), i);
    }
}
END_TEST

/* ---- port lookups ---- */

START_TEST(protos_outside_any_are_ignored)
{
    static const unsigned junk[] = {0x10, 0x20, 0x80, 0x100, 0xF0, 0x80000000u, 0xFFFFFFF0u};
    const portreg_entry *out[4];
    unsigned port, j;

    for (port = 0; port < 65536; port += 97) {
        uint16_t p = (uint16_t)port;
        ck_assert_ptr_null(portreg_lookup_port(p, 0));
        ck_assert_uint_eq(portreg_lookup_port_all(p, 0, out, 4), 0);
        ck_assert_int_eq(portreg_port_status(p, 0), PORTREG_STATUS_UNASSIGNED);
        for (j = 0; j < sizeof junk / sizeof junk[0]; j++) {
            /* junk alone is no protocol at all */
            ck_assert_ptr_null(portreg_lookup_port(p, junk[j]));
            ck_assert_int_eq(portreg_port_status(p, junk[j]), PORTREG_STATUS_UNASSIGNED);
            /* junk beside real flags changes nothing */
            ck_assert_ptr_eq(portreg_lookup_port(p, junk[j] | PORTREG_TCP),
                             portreg_lookup_port(p, PORTREG_TCP));
            ck_assert_uint_eq(portreg_lookup_port_all(p, junk[j] | PORTREG_ANY, NULL, 0),
                              portreg_lookup_port_all(p, PORTREG_ANY, NULL, 0));
            ck_assert_int_eq(portreg_port_status(p, junk[j] | PORTREG_UDP),
                             portreg_port_status(p, PORTREG_UDP));
        }
        ck_assert_ptr_eq(portreg_lookup_port(p, ~0u), portreg_lookup_port(p, PORTREG_ANY));
    }
}
END_TEST

START_TEST(cap_zero_and_null_out)
{
    const portreg_entry *one[1] = {NULL};
    const portreg_entry *sentinel = (const portreg_entry *)&one; /* never written */
    size_t n_port = portreg_lookup_port_all(80, PORTREG_TCP, NULL, 0);
    size_t n_name = portreg_lookup_name_all("msp", PORTREG_TCP, NULL, 0);

    ck_assert_uint_ge(n_port, 2);
    ck_assert_uint_ge(n_name, 2);
    /* cap 0 with a real buffer: counted, nothing written */
    one[0] = sentinel;
    ck_assert_uint_eq(portreg_lookup_port_all(80, PORTREG_TCP, one, 0), n_port);
    ck_assert_ptr_eq(one[0], sentinel);
    ck_assert_uint_eq(portreg_lookup_name_all("msp", PORTREG_TCP, one, 0), n_name);
    ck_assert_ptr_eq(one[0], sentinel);
    /* cap 1: exactly one written, total still counted */
    ck_assert_uint_eq(portreg_lookup_port_all(80, PORTREG_TCP, one, 1), n_port);
    ck_assert_ptr_eq(one[0], portreg_lookup_port(80, PORTREG_TCP));
    ck_assert_uint_eq(portreg_lookup_name_all("msp", PORTREG_TCP, one, 1), n_name);
    ck_assert_ptr_eq(one[0], portreg_lookup_name("msp", PORTREG_TCP));
    /* nothing registered: 0 whatever the buffer */
    ck_assert_uint_eq(portreg_lookup_name_all("no-such-service-xyzzy", PORTREG_ANY, NULL, 0), 0);
    ck_assert_uint_eq(portreg_lookup_name_all(NULL, PORTREG_ANY, one, 1), 0);
    ck_assert_uint_eq(portreg_lookup_name_all("", PORTREG_ANY, one, 1), 0);
}
END_TEST

/* ---- name lookups ---- */

START_TEST(null_empty_and_long_names)
{
    char *big = malloc(4097);
    size_t len;

    ck_assert_ptr_null(portreg_lookup_name(NULL, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name("", PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name_len(NULL, 4, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name_len(NULL, 0, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name_len("http", 0, PORTREG_ANY));
    ck_assert_uint_eq(portreg_lookup_name_all(NULL, PORTREG_ANY, NULL, 0), 0);

    /* 4 KiB names: of a letter, of a registered name repeated, of spaces */
    memset(big, 'a', 4096);
    big[4096] = '\0';
    ck_assert_ptr_null(portreg_lookup_name(big, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name_len(big, 4096, PORTREG_ANY));
    ck_assert_uint_eq(portreg_lookup_name_all(big, PORTREG_ANY, NULL, 0), 0);
    for (len = 0; len + 4 <= 4096; len += 4)
        memcpy(big + len, "http", 4);
    ck_assert_ptr_null(portreg_lookup_name(big, PORTREG_ANY));
    ck_assert_ptr_null(portreg_lookup_name_len(big, 4096, PORTREG_ANY));
    /* ...but its first 4 bytes, by length, are a name */
    ck_assert_ptr_eq(portreg_lookup_name_len(big, 4, PORTREG_TCP),
                     portreg_lookup_name("http", PORTREG_TCP));
    memset(big, ' ', 4096);
    ck_assert_ptr_null(portreg_lookup_name(big, PORTREG_ANY));
    /* every length from 0 to 70 of one letter: NULL past 63 */
    for (len = 0; len <= 70; len++) {
        memset(big, 'z', len);
        big[len] = '\0';
        if (len == 0 || len > 63)
            ck_assert_ptr_null(portreg_lookup_name(big, PORTREG_ANY));
        else {
            const portreg_entry *e = portreg_lookup_name(big, PORTREG_ANY);
            ck_assert(e == NULL || name_matches(e, big, len));
        }
    }
    free(big);
}
END_TEST

START_TEST(names_of_high_bytes)
{
    int strict = !registry_has_non_ascii_names();
    char name[8];
    unsigned b, c;

    for (b = 0x80; b <= 0xFF; b++) {
        const portreg_entry *e;
        name[0] = (char)b;
        name[1] = '\0';
        e = portreg_lookup_name(name, PORTREG_ANY);
        ck_assert(strict ? e == NULL : (e == NULL || name_matches(e, name, 1)));
        /* a high byte glued to a registered name */
        memcpy(name, "http", 4);
        name[4] = (char)b;
        name[5] = '\0';
        e = portreg_lookup_name(name, PORTREG_ANY);
        ck_assert(strict ? e == NULL : (e == NULL || name_matches(e, name, 5)));
        ck_assert_int_eq(portreg_lookup_name_all(name, PORTREG_ANY, NULL, 0) > 0, e != NULL);
        /* two high bytes, every second byte */
        for (c = 0x80; c <= 0xFF; c += 7) {
            name[0] = (char)b;
            name[1] = (char)c;
            e = portreg_lookup_name_len(name, 2, PORTREG_ANY);
            ck_assert(strict ? e == NULL : (e == NULL || name_matches(e, name, 2)));
        }
        /* case folding is ASCII only: a high byte is not folded into a letter */
        name[0] = (char)b;
        memcpy(name + 1, "ttp", 4);
        e = portreg_lookup_name(name, PORTREG_ANY);
        ck_assert(strict ? e == NULL : (e == NULL || name_matches(e, name, 4)));
    }
}
END_TEST

START_TEST(embedded_nul_never_matches)
{
    static const struct {
        const char *bytes;
        size_t len;
    } cases[] = {
        {"http\0", 5}, {"\0http", 5}, {"ht\0tp", 5}, {"\0", 1}, {"\0\0\0\0", 4},
        {"http\0\0\0\0\0\0\0\0", 12}, {"x11\0", 4}, {"msp\0msp", 7},
    };
    unsigned i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_msg(portreg_lookup_name_len(cases[i].bytes, cases[i].len, PORTREG_ANY) == NULL,
                      "case %u matched", i);
    }
    /* the length, not the NUL, ends the name */
    ck_assert_ptr_nonnull(portreg_lookup_name_len("http\0junk", 4, PORTREG_TCP));
    ck_assert_ptr_nonnull(portreg_lookup_name_len("HTTPS-and-more", 5, PORTREG_TCP));
    ck_assert_ptr_eq(portreg_lookup_name_len("httpjunk", 4, PORTREG_TCP),
                     portreg_lookup_name("http", PORTREG_TCP));
}
END_TEST

START_TEST(name_protos_outside_any)
{
    const portreg_entry *tcp = portreg_lookup_name("http", PORTREG_TCP);
    ck_assert_ptr_nonnull(tcp);
    ck_assert_ptr_null(portreg_lookup_name("http", 0));
    ck_assert_ptr_null(portreg_lookup_name("http", 0x10));
    ck_assert_ptr_null(portreg_lookup_name("http", 0xFFFFFFF0u));
    ck_assert_ptr_eq(portreg_lookup_name("http", 0xFFFFFFF0u | PORTREG_TCP), tcp);
    ck_assert_ptr_eq(portreg_lookup_name("http", ~0u), portreg_lookup_name("http", PORTREG_ANY));
    ck_assert_uint_eq(portreg_lookup_name_all("http", 0x100, NULL, 0), 0);
    ck_assert_ptr_eq(portreg_lookup_name_len("http", 4, 0x30u | PORTREG_TCP), tcp);
}
END_TEST

/* ---- service strings ---- */

struct service_case {
    const char *text;
    unsigned protos;
    int rc;
    int port; /* when rc == 0 */
};

static const struct service_case service_cases[] = {
    {"65536", PORTREG_TCP, PORTREG_EINVAL, 0},
    {"65535", PORTREG_TCP, 0, 65535},
    {"99999999999999999999999", PORTREG_TCP, PORTREG_EINVAL, 0},
    {"0", PORTREG_TCP, 0, 0},
    {"00080", PORTREG_TCP, 0, 80},         /* leading zeros, 5 digits after them */
    {"0000000000443", PORTREG_TCP, 0, 443},
    {"80", 0, 0, 80},                      /* a number needs no protocol */
    {"", PORTREG_TCP, PORTREG_EINVAL, 0},
    {"-1", PORTREG_TCP, PORTREG_ENOTFOUND, 0},  /* not a number, so a name: none */
    {"-0", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"+1", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"123badport", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {" 80", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"80 ", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"8 0", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"\t80", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"0x50", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"1e3", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"80.0", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"\xd9\xa8\xd9\xa0", PORTREG_TCP, PORTREG_ENOTFOUND, 0}, /* Arabic-Indic "80" */
    {"\xff", PORTREG_TCP, PORTREG_ENOTFOUND, 0},
    {"9pfs", PORTREG_TCP, 0, 564},         /* a name that starts with a digit */
    {"9PFS", PORTREG_UDP, 0, 564},
    {"http", PORTREG_TCP, 0, 80},
    {"http", 0, PORTREG_ENOTFOUND, 0},     /* no protocol, no port */
    {"http", 0xF0, PORTREG_ENOTFOUND, 0},  /* junk bits are no protocol */
};

START_TEST(service_strings)
{
    const struct service_case *c = &service_cases[_i];
    uint16_t port = 12345;
    int rc = portreg_parse_service(&port, c->text, c->protos);
    ck_assert_msg(rc == c->rc, "\"%s\": %d, expected %d", c->text, rc, c->rc);
    if (c->rc == 0)
        ck_assert_msg(port == c->port, "\"%s\": port %u, expected %d", c->text, port, c->port);
}
END_TEST

START_TEST(service_nulls_and_long_strings)
{
    uint16_t port;
    char *big = malloc(65537);
    ck_assert_int_eq(portreg_parse_service(NULL, "80", PORTREG_TCP), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_parse_service(NULL, NULL, PORTREG_TCP), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_parse_service(&port, NULL, PORTREG_TCP), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_parse_service(NULL, "http", PORTREG_TCP), PORTREG_EINVAL);
    memset(big, '0', 65536);
    big[65536] = '\0';
    ck_assert_int_eq(portreg_parse_service(&port, big, PORTREG_TCP), 0); /* all zeros */
    ck_assert_uint_eq(port, 0);
    big[65535] = '7';
    ck_assert_int_eq(portreg_parse_service(&port, big, PORTREG_TCP), 0);
    ck_assert_uint_eq(port, 7);
    memset(big, '9', 65536);
    ck_assert_int_eq(portreg_parse_service(&port, big, PORTREG_TCP), PORTREG_EINVAL);
    memset(big, 'a', 65536);
    ck_assert_int_eq(portreg_parse_service(&port, big, PORTREG_TCP), PORTREG_ENOTFOUND);
    free(big);
}
END_TEST

/* ---- tuples: parse ---- */

static const char *const bad_tuples[] = {
    /* truncated */
    "", " ", "tcp", "tcp ", "tcp 10.0.0.1", "tcp 10.0.0.1:", "tcp 10.0.0.1:80",
    "tcp 10.0.0.1:80 ", "tcp 10.0.0.1:80 -", "tcp 10.0.0.1:80 ->", "tcp 10.0.0.1:80 -> ",
    "tcp 10.0.0.1:80 -> 10.0.0.2", "tcp 10.0.0.1:80 -> 10.0.0.2:", "tcp 10.0.0.1:80 -> 10.0.",
    "tcp [::1]:80 -> [::2", "tcp [::1]:80 -> [::2]", "tcp [::1]:80 -> [::2]:",
    "icmp 10.0.0.1 -> 10.0.0.2", "icmp 10.0.0.1 -> 10.0.0.2 type", "icmp 10.0.0.1 -> 10.0.0.2 type 8",
    "icmp 10.0.0.1 -> 10.0.0.2 type 8 code", "icmpv6 ::1 -> ::2 type 128 code",
    /* malformed */
    "tcp 10.0.0.1:80 -> 10.0.0.2:80 extra", "tcp 10.0.0.1:80 => 10.0.0.2:80",
    "tcp 10.0.0.1:80->10.0.0.2:80", "tcp 10.0.0.1:80 <- 10.0.0.2:80",
    "tcp 256.0.0.1:80 -> 10.0.0.2:80", "tcp 10.0.0:80 -> 10.0.0.2:80",
    "tcp 10.0.0.1.5:80 -> 10.0.0.2:80", "tcp 010.0.0.1:80 -> 10.0.0.2:80",
    "tcp 10.0.0.1:80 -> [::1]:80", "tcp [::1]:80 -> 10.0.0.2:80", /* mixed families */
    "tcp [::1::2]:80 -> [::1]:80", "tcp [1:2:3:4:5:6:7:8:9]:80 -> [::1]:80",
    "tcp [12345::]:80 -> [::1]:80", "tcp [::1%eth0]:80 -> [::1]:80", "tcp [:::]:80 -> [::1]:80",
    "tcp ::1:80 -> ::2:80", "tcp [::1]80 -> [::2]:80", "tcp []:80 -> [::2]:80",
    "tcp 10.0.0.1 -> 10.0.0.2", "udp 10.0.0.1:80 -> 10.0.0.2", "no-such-protocol 10.0.0.1 -> 10.0.0.2",
    "esp 10.0.0.1:1 -> 10.0.0.2:2", "reserved 10.0.0.1 -> 10.0.0.2", /* keywords (1.1) */
    "256 10.0.0.1 -> 10.0.0.2", "-1 10.0.0.1 -> 10.0.0.2", "0x06 10.0.0.1:1 -> 10.0.0.2:2",
    "47 10.0.0.1:1 -> 10.0.0.2:2",
    "icmp 10.0.0.1 -> 10.0.0.2 type 256 code 0", "icmp 10.0.0.1 -> 10.0.0.2 type 8 code 256",
    "icmp 10.0.0.1 -> 10.0.0.2 code 0 type 8", "icmp 10.0.0.1:8 -> 10.0.0.2:0 type 8 code 0",
    "icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0 type 8", "tcp 10.0.0.1:1 -> 10.0.0.2:2 type 8 code 0",
    "icmp 10.0.0.1 -> 10.0.0.2 type -1 code 0", "icmp 10.0.0.1 -> 10.0.0.2 type +8 code 0",
    "tcp\x80" "10.0.0.1:1 -> 10.0.0.2:2", "tcp 10.0.0.1:1 \xe2\x86\x92 10.0.0.2:2",
    "\xff\xfe\xfd", "tcp 10.0.0.1:1 -> 10.0.0.2:2\x01",
    /* ports, through the service-string rules (and no name has these) */
    "tcp 10.0.0.1:65536 -> 10.0.0.2:80", "tcp 10.0.0.1:-1 -> 10.0.0.2:80",
    "tcp 10.0.0.1:+1 -> 10.0.0.2:80", "tcp 10.0.0.1:123badport -> 10.0.0.2:80",
    "tcp 10.0.0.1: -> 10.0.0.2:80", "tcp 10.0.0.1:0x50 -> 10.0.0.2:80",
    "tcp 10.0.0.1:1e3 -> 10.0.0.2:80", "tcp 10.0.0.1:80 -> 10.0.0.2:80:80",
    "tcp 10.0.0.1:80 -> 10.0.0.2:99999999999999999999",
    "tcp 10.0.0.1:no-such-service-xyzzy -> 10.0.0.2:80",
    "udp 10.0.0.1:http -> 10.0.0.2:80x",
};

START_TEST(tuple_parse_refuses)
{
    portreg_tuple t;
    int rc;
    memset(&t, 0x5a, sizeof t);
    rc = portreg_tuple_parse(&t, bad_tuples[_i]);
    ck_assert_msg(rc == PORTREG_EINVAL, "\"%s\" gave %d", bad_tuples[_i], rc);
}
END_TEST

START_TEST(tuple_parse_ports_as_services)
{
    portreg_tuple t;
    ck_assert_int_eq(portreg_tuple_parse(&t, "tcp 10.0.0.1:9pfs -> 10.0.0.2:00080"), 0);
    ck_assert_uint_eq(t.src_port, 564);
    ck_assert_uint_eq(t.dst_port, 80);
    ck_assert_int_eq(portreg_tuple_parse(&t, "TCP 10.0.0.1:65535 -> 10.0.0.2:HTTP"), 0);
    ck_assert_uint_eq(t.src_port, 65535);
    ck_assert_uint_eq(t.dst_port, 80);
}
END_TEST

START_TEST(tuple_parse_nulls_and_huge_text)
{
    portreg_tuple t;
    size_t n = 64 * 1024, i;
    char *big = malloc(n + 64);

    ck_assert_int_eq(portreg_tuple_parse(NULL, "tcp 10.0.0.1:1 -> 10.0.0.2:2"), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_parse(&t, NULL), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_parse(NULL, NULL), PORTREG_EINVAL);

    /* 64 KiB of one character, of each kind the grammar cares about */
    {
        static const char fill[] = {' ', 'a', '1', ':', '[', '.', '-', '>', '\t', '\x80'};
        for (i = 0; i < sizeof fill; i++) {
            memset(big, fill[i], n);
            big[n] = '\0';
            ck_assert_int_eq(portreg_tuple_parse(&t, big), PORTREG_EINVAL);
        }
    }
    /* a valid tuple buried in 64 KiB of spaces on both sides is still valid */
    memset(big, ' ', n);
    memcpy(big + n / 2, "tcp 10.0.0.1:1 -> 10.0.0.2:2", 28);
    big[n] = '\0';
    ck_assert_int_eq(portreg_tuple_parse(&t, big), 0);
    /* ...but not followed by 64 KiB of a token */
    memset(big, ' ', n);
    memcpy(big, "tcp 10.0.0.1:1 -> 10.0.0.2:2 ", 29);
    memset(big + 29, 'x', n - 29);
    ck_assert_int_eq(portreg_tuple_parse(&t, big), PORTREG_EINVAL);
    /* an overlong port, address and protocol number */
    strcpy(big, "tcp 10.0.0.1:");
    memset(big + 13, '8', n);
    strcpy(big + 13 + n, " -> 10.0.0.2:2");
    ck_assert_int_eq(portreg_tuple_parse(&t, big), PORTREG_EINVAL);
    strcpy(big, "tcp [");
    for (i = 5; i + 5 < n; i += 5)
        memcpy(big + i, "ffff:", 5);
    strcpy(big + i, "1]:1 -> [::1]:2");
    ck_assert_int_eq(portreg_tuple_parse(&t, big), PORTREG_EINVAL);
    memset(big, '6', n);
    strcpy(big + n, " 10.0.0.1 -> 10.0.0.2");
    ck_assert_int_eq(portreg_tuple_parse(&t, big), PORTREG_EINVAL);
    free(big);
}
END_TEST

/* ---- tuples: format, community id, reverse, orient, canonical ---- */

/* Every cap from 0 to past the length: returns the full length, writes at
 * most cap bytes, always NUL-terminates when cap > 0. */
static void check_snprintf_like(int (*write)(const portreg_tuple *, char *, size_t, unsigned),
                                const portreg_tuple *t, unsigned arg)
{
    char full[256], buf[256];
    int n = write(t, full, sizeof full, arg);
    size_t cap, i;

    ck_assert_int_gt(n, 0);
    ck_assert_int_lt(n, (int)sizeof full);
    ck_assert_uint_eq(strlen(full), (size_t)n);
    ck_assert_int_eq(write(t, NULL, 0, arg), n);
    for (cap = 0; cap <= (size_t)n + 2; cap++) {
        memset(buf, GUARD, sizeof buf);
        ck_assert_int_eq(write(t, buf, cap, arg), n);
        for (i = cap; i < sizeof buf; i++)
            ck_assert_msg((unsigned char)buf[i] == GUARD, "cap %zu: byte %zu written", cap, i);
        if (cap > 0) {
            size_t len = cap - 1 < (size_t)n ? cap - 1 : (size_t)n;
            ck_assert_uint_eq(strlen(buf), len);
            ck_assert(memcmp(buf, full, len) == 0);
        }
    }
}

static int format_adapter(const portreg_tuple *t, char *buf, size_t cap, unsigned unused)
{
    (void)unused;
    return portreg_tuple_format(t, buf, cap);
}

static int cid_adapter(const portreg_tuple *t, char *buf, size_t cap, unsigned flags)
{
    return portreg_community_id(t, 0, flags, buf, cap);
}

START_TEST(format_and_community_id_buffers)
{
    portreg_tuple t = tcp4(1, 40000, 2, 443), v6;
    char buf[64];

    ck_assert_int_eq(portreg_tuple_parse(&v6, "icmpv6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe -> "
                                              "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff type 255 code 255"), 0);
    check_snprintf_like(format_adapter, &t, 0);
    check_snprintf_like(format_adapter, &v6, 0);
    check_snprintf_like(cid_adapter, &t, 0);
    check_snprintf_like(cid_adapter, &t, PORTREG_CID_HEX);
    check_snprintf_like(cid_adapter, &v6, PORTREG_CID_HEX);

    ck_assert_int_eq(portreg_tuple_format(NULL, buf, sizeof buf), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_format(NULL, NULL, 0), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_format(&t, NULL, 1), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_format(&t, NULL, (size_t)-1), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(NULL, 0, 0, buf, sizeof buf), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(&t, 0, 0, NULL, 1), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(&t, 0, 0, NULL, (size_t)-1), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(&t, 0, 0x2, buf, sizeof buf), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(&t, 0, 0x80000000u, buf, sizeof buf), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_community_id(&t, 0, ~0u, NULL, 0), PORTREG_EINVAL);
    ck_assert_int_gt(portreg_community_id(&t, 65535, PORTREG_CID_HEX, NULL, 0), 0);
}
END_TEST

START_TEST(tuples_of_bad_family)
{
    static const uint8_t families[] = {0, 1, 2, 3, 5, 7, 10, 46, 255};
    portreg_tuple t, out, before;
    portreg_orientation why;
    char buf[64];
    int swapped = 9;
    unsigned i;

    for (i = 0; i < sizeof families; i++) {
        t = tcp4(1, 1234, 2, 80);
        t.family = families[i];
        memset(&out, 0x3c, sizeof out);
        before = out;
        ck_assert_int_eq(portreg_tuple_reverse(&out, &t), PORTREG_EINVAL);
        ck_assert_int_eq(portreg_tuple_orient(&out, &t, 0, &why), PORTREG_EINVAL);
        ck_assert_int_eq(portreg_tuple_canonical(&out, &t, &swapped), PORTREG_EINVAL);
        ck_assert(memcmp(&out, &before, sizeof out) == 0);
        ck_assert_int_eq(portreg_community_id(&t, 0, 0, buf, sizeof buf), PORTREG_EINVAL);
        ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);
        ck_assert_int_eq(portreg_tuple_format(&t, NULL, 0), PORTREG_EINVAL);
    }
}
END_TEST

START_TEST(tuple_functions_take_null)
{
    portreg_tuple t = tcp4(1, 1234, 2, 80), out;
    portreg_orientation why;
    int swapped;

    ck_assert_int_eq(portreg_tuple_reverse(NULL, &t), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_reverse(&out, NULL), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_reverse(NULL, NULL), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_orient(NULL, &t, 0, &why), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_orient(&out, NULL, 0, &why), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_orient(&out, &t, 0, NULL), 0); /* why is optional */
    ck_assert_int_eq(portreg_tuple_canonical(NULL, &t, &swapped), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_canonical(&out, NULL, &swapped), PORTREG_EINVAL);
    ck_assert_int_eq(portreg_tuple_canonical(&out, &t, NULL), 0); /* swapped is optional */
}
END_TEST

START_TEST(tuples_with_junk_in_fields)
{
    /* Unknown protocols, ports on protocols that have none, ICMP types
     * above 255, unknown hint bits and junk in the tail of IPv4 addresses:
     * answers, never crashes.  (Reserved bytes: the next test.) */
    portreg_tuple t, out, keep;
    portreg_orientation why;
    char buf[256];
    unsigned proto;
    int rc, swapped;

    for (proto = 0; proto < 256; proto++) {
        t = tcp4(9, 65535, 3, 65535);
        t.proto = (uint8_t)proto;
        memset(t.src_addr + 4, 0xee, 12);
        rc = portreg_tuple_reverse(&out, &t);
        ck_assert(rc == 0 || rc == PORTREG_ENOREPLY);
        ck_assert_int_eq(portreg_tuple_orient(&out, &t, ~0u, &why), 0);
        ck_assert_int_eq(portreg_tuple_canonical(&out, &t, &swapped), 0);
        ck_assert_int_gt(portreg_community_id(&t, 0xffff, PORTREG_CID_HEX, buf, sizeof buf), 0);
        rc = portreg_tuple_format(&t, buf, sizeof buf);
        ck_assert(rc == PORTREG_EINVAL || (rc > 0 && (size_t)rc == strlen(buf)));
    }
    /* ICMP with no partner: ENOREPLY and out untouched */
    t = tcp4(1, 3, 2, 1);
    t.proto = PORTREG_IPPROTO_ICMP;
    memset(&out, 0x77, sizeof out);
    keep = out;
    ck_assert_int_eq(portreg_tuple_reverse(&out, &t), PORTREG_ENOREPLY);
    ck_assert(memcmp(&out, &keep, sizeof out) == 0);
    t.src_port = 0xffff; /* a "type" no ICMP message has */
    ck_assert_int_eq(portreg_tuple_reverse(&out, &t), PORTREG_ENOREPLY);
    ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);
    /* a protocol without ports but with ports set cannot be written */
    t = tcp4(1, 5, 2, 6);
    t.proto = 47;
    ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);
}
END_TEST

/* The reserved bytes "must be zero" (portreg.h), and every function that
 * takes a tuple refuses one where they are not, so that a later 1.x can
 * give them a meaning: each byte of reserved0 and reserved[], alone. */
START_TEST(reserved_bytes_must_be_zero)
{
    portreg_tuple good = tcp4(1, 51515, 2, 443), t, out, before;
    portreg_orientation why;
    char buf[128];
    size_t i;
    int swapped = 7;

    ck_assert_int_eq(portreg_tuple_orient(&out, &good, 0, &why), 0);
    for (i = 0; i < 2 + sizeof good.reserved; i++) {
        t = good;
        if (i < 2)
            ((uint8_t *)&t.reserved0)[i] = 0x01;
        else
            t.reserved[i - 2] = 0x80;
        memset(&out, 0x5a, sizeof out);
        before = out;
        ck_assert_int_eq(portreg_tuple_reverse(&out, &t), PORTREG_EINVAL);
        ck_assert_int_eq(portreg_tuple_orient(&out, &t, 0, &why), PORTREG_EINVAL);
        ck_assert_int_eq(portreg_tuple_canonical(&out, &t, &swapped), PORTREG_EINVAL);
        ck_assert(memcmp(&out, &before, sizeof out) == 0);
        ck_assert_int_eq(swapped, 7);
        ck_assert_int_eq(portreg_tuple_format(&t, buf, sizeof buf), PORTREG_EINVAL);
        ck_assert_int_eq(portreg_community_id(&t, 0, 0, buf, sizeof buf), PORTREG_EINVAL);
    }
}
END_TEST

/* ---- suite ---- */

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("run time");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, strings_of_values_outside_their_enums);
    tcase_add_test(tc, proto_from_name_refuses_what_is_not_a_transport);
    tcase_add_test(tc, record_accessors_take_null);
    tcase_add_test(tc, indexes_past_the_end);
    tcase_add_test(tc, protos_outside_any_are_ignored);
    tcase_add_test(tc, cap_zero_and_null_out);
    tcase_add_test(tc, null_empty_and_long_names);
    tcase_add_test(tc, names_of_high_bytes);
    tcase_add_test(tc, embedded_nul_never_matches);
    tcase_add_test(tc, name_protos_outside_any);
    tcase_add_loop_test(tc, service_strings, 0,
                        (int)(sizeof service_cases / sizeof service_cases[0]));
    tcase_add_test(tc, service_nulls_and_long_strings);
    tcase_add_loop_test(tc, tuple_parse_refuses, 0, (int)(sizeof bad_tuples / sizeof bad_tuples[0]));
    tcase_add_test(tc, tuple_parse_ports_as_services);
    tcase_add_test(tc, tuple_parse_nulls_and_huge_text);
    tcase_add_test(tc, format_and_community_id_buffers);
    tcase_add_test(tc, tuples_of_bad_family);
    tcase_add_test(tc, tuple_functions_take_null);
    tcase_add_test(tc, tuples_with_junk_in_fields);
    tcase_add_test(tc, reserved_bytes_must_be_zero);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(hostile_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
