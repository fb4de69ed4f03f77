/*
 * portreg — the IANA Service Name and Transport Protocol Port Number
 * Registry, compiled into the library at build time.
 *
 * Every function here answers from read-only tables: no file I/O, no
 * locks, no allocation, no initialisation call.  All functions are safe to
 * call from any thread and from a signal handler.
 *
 * Time.  The single-record lookups take constant time, whatever the
 * registry holds: portreg_lookup_port(), portreg_lookup_name(),
 * portreg_lookup_name_len() (time in the name's length, at most
 * PORTREG_NAME_MAX bytes), portreg_port_status(), portreg_classify(),
 * portreg_at() and the accessors of a record or person.  The _all
 * functions take time in the number of records they visit: the records of
 * one port or one name, a handful.  portreg_parse_service() is a name
 * lookup plus, for a name, a walk over that name's records.  The flow
 * functions take constant time; parsing takes time linear in the text.
 *
 * Conventions
 *  - Functions that can fail return 0 (or a length) on success and a
 *    negative PORTREG_E* code on failure, never a bare number.
 *  - Lookups return NULL (or a count of 0) when nothing matches; bad input
 *    (NULL, empty or over-long names, protos of 0) simply matches nothing.
 *  - Every `const portreg_entry *` and every string returned lives for the
 *    lifetime of the process and must not be freed.
 *
 * Profiles.  A build configured with -DPORTREG_PROFILE=small (for
 * firmware) compiles in only what lookups, port status, classification
 * and flows need: the named records, their names, ports and protocols,
 * the protocol numbers' keywords, numbers and flags, and the registry
 * dates.  The ABI is the same; each accessor below says what it answers
 * for a field the small profile leaves out (always what it answers for a
 * record that lacks the field).  Every lookup answers as in the full
 * profile (the default).
 *
 * This header is the single source of the version number: CMake reads the
 * PORTREG_VERSION_* macros from it.
 */
#ifndef PORTREG_H
#define PORTREG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Marks every public declaration; everything else in the library is
 * hidden.  On Windows it exports from the DLL while the library is built
 * (PORTREG_BUILDING, which its build defines) and imports into programs;
 * a program that links the static library defines PORTREG_STATIC (the
 * CMake targets and pkg-config --static do).
 */
#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(PORTREG_STATIC)
#define PORTREG_API
#elif defined(PORTREG_BUILDING)
#define PORTREG_API __declspec(dllexport)
#else
#define PORTREG_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define PORTREG_API __attribute__((visibility("default")))
#else
#define PORTREG_API
#endif

/* ------------------------------------------------------------------ */
/* Version                                                              */
/* ------------------------------------------------------------------ */

#define PORTREG_VERSION_MAJOR 1
#define PORTREG_VERSION_MINOR 1
#define PORTREG_VERSION_PATCH 0
/** MAJOR * 10000 + MINOR * 100 + PATCH, e.g. 10100 for 1.1.0. */
#define PORTREG_VERSION_NUM \
    (PORTREG_VERSION_MAJOR * 10000 + PORTREG_VERSION_MINOR * 100 + PORTREG_VERSION_PATCH)

/** The library's version as PORTREG_VERSION_NUM, read at run time. */
PORTREG_API unsigned portreg_version(void);

/** The library's version as "MAJOR.MINOR.PATCH", read at run time. */
PORTREG_API const char *portreg_version_string(void);

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

/** Negative return codes.  0 means success. */
typedef enum portreg_error {
    PORTREG_OK = 0,
    PORTREG_ENOTFOUND = -1, /* no such record, field, port or partner */
    PORTREG_EINVAL = -2,    /* NULL pointer, malformed text or bad value */
    PORTREG_ENOREPLY = -3,  /* ICMP type with no request/reply partner */
    PORTREG_ENOSPC = -4     /* never returned: see below */
} portreg_error;

/* PORTREG_ENOSPC is never returned by 1.x.  The functions that write text
 * (portreg_tuple_format(), portreg_community_id()) are snprintf-like: with
 * a buffer too small they write what fits, NUL-terminated, and return the
 * length of the whole text, which tells the caller the size to use.  The
 * code keeps its value so that no later code can be given it. */

/** A static English message for a PORTREG_E* code; never NULL. */
PORTREG_API const char *portreg_strerror(int error);

/* ------------------------------------------------------------------ */
/* Transports and port ranges                                           */
/* ------------------------------------------------------------------ */

/* Transport protocol flags; `protos` arguments take any OR of them, and
 * ignore bits outside PORTREG_ANY. */
#define PORTREG_TCP  0x1u
#define PORTREG_UDP  0x2u
#define PORTREG_SCTP 0x4u
#define PORTREG_DCCP 0x8u
#define PORTREG_ANY  0xFu

/** The RFC 6335 section 6 port ranges. */
typedef enum portreg_range {
    PORTREG_RANGE_SYSTEM = 1,   /* 0-1023 (well-known) */
    PORTREG_RANGE_USER = 2,     /* 1024-49151 (registered) */
    PORTREG_RANGE_DYNAMIC = 3   /* 49152-65535 (dynamic/private) */
} portreg_range;

/** The range a port falls in. */
PORTREG_API portreg_range portreg_classify(uint16_t port);

/** "system", "user" or "dynamic"; "" for a value outside the enum. */
PORTREG_API const char *portreg_range_name(portreg_range range);

/** "tcp", "udp", "sctp" or "dccp" for a single flag; "" otherwise. */
PORTREG_API const char *portreg_proto_name(unsigned proto);

/**
 * The flag for a transport name ("tcp", "udp", "sctp", "dccp", in any
 * case); 0 when the name is NULL or unknown.
 */
PORTREG_API unsigned portreg_proto_from_name(const char *name);

/* ------------------------------------------------------------------ */
/* Records                                                              */
/* ------------------------------------------------------------------ */

/** One <record> of the registry: opaque, read-only, lives forever. */
typedef struct portreg_entry portreg_entry;

/** Every record of the registry, named or not, with a number or not.
 * Small profile: the named records only (lookups never answer others). */
PORTREG_API size_t portreg_count(void);

/** The record at `index` in registry order; NULL past the end.  (Small
 * profile: the order of the named records; an index differs from the full
 * profile's.) */
PORTREG_API const portreg_entry *portreg_at(size_t index);

/** The position of `e` in registry order (so portreg_at(i) == e); (size_t)-1 for NULL. */
PORTREG_API size_t portreg_entry_index(const portreg_entry *e);

/**
 * The first record in registry order that has a name, whose port or range
 * contains `port`, and whose protocol is in `protos`.  A record with no
 * <protocol> matches every protocol.  NULL when none does.
 * For 80/tcp that is "http", before "www" and "www-http".
 */
PORTREG_API const portreg_entry *portreg_lookup_port(uint16_t port, unsigned protos);

/**
 * Writes up to `cap` of the records portreg_lookup_port() would consider,
 * in registry order, to `out` and returns how many match in total (which
 * may exceed `cap`).  `out` may be NULL when `cap` is 0.
 */
PORTREG_API size_t portreg_lookup_port_all(uint16_t port, unsigned protos,
                                           const portreg_entry **out, size_t cap);

/**
 * The first record in registry order whose name equals `name` compared
 * ASCII-case-insensitively (RFC 6335 section 5.1) and otherwise exactly,
 * and whose protocol is in `protos`.  Records without a port number are
 * found too.  NULL for a NULL, empty or over-long (> 63 bytes) name.
 */
PORTREG_API const portreg_entry *portreg_lookup_name(const char *name, unsigned protos);

/** As portreg_lookup_name() for `len` bytes at `name`, which may hold NUL bytes (they never match). */
PORTREG_API const portreg_entry *portreg_lookup_name_len(const char *name, size_t len,
                                                         unsigned protos);

/** As portreg_lookup_port_all(), for a name. */
PORTREG_API size_t portreg_lookup_name_all(const char *name, unsigned protos,
                                           const portreg_entry **out, size_t cap);

/**
 * Parses a service string: a port number or a service name.
 *  - A string of ASCII digits and nothing else is a port number: decimal,
 *    leading zeros allowed and never octal ("080" is 80), at most 65535.
 *    No sign, no white space.  (getaddrinfo() implementations read a
 *    numeric service with strtoul(), which also skips leading blanks and
 *    takes a sign; portreg does not.)  Tuple text reads numbers by the
 *    same rule.
 *  - Any other string is a service name, found as portreg_lookup_name()
 *    finds it among the protocols in `protos`; its port is that of the
 *    first such record, in registry order, that has one.
 * Writes the port to `*port` and returns 0; PORTREG_EINVAL for a NULL
 * argument, an empty string or a number above 65535; PORTREG_ENOTFOUND
 * for a name with no port for those protocols.
 */
PORTREG_API int portreg_parse_service(uint16_t *port, const char *service, unsigned protos);

/* ---- Fields of a record.  NULL `e` gives "" / 0 / an error. ---- */

/** The service name as written in the registry; "" when the record has none. */
PORTREG_API const char *portreg_entry_name(const portreg_entry *e);

/** One PORTREG_* flag; 0 when the record names no protocol. */
PORTREG_API unsigned portreg_entry_protos(const portreg_entry *e);

/**
 * Writes the port or range to `*lo` and `*hi` (lo == hi for one port;
 * either may be NULL) and returns 0; PORTREG_ENOTFOUND when the record
 * has no number (or `e` is NULL).
 */
PORTREG_API int portreg_entry_ports(const portreg_entry *e, uint16_t *lo, uint16_t *hi);

/**
 * The <description>, with every <br/> read as a space, runs of whitespace
 * collapsed to one space and the ends trimmed.  "" when empty, and always
 * "" in the small profile.
 */
PORTREG_API const char *portreg_entry_description(const portreg_entry *e);

/** Registration date (the `date` attribute) as "YYYY-MM-DD"; "" when absent (always in the small profile). */
PORTREG_API const char *portreg_entry_date(const portreg_entry *e);

/** Modification date (the `updated` attribute) as "YYYY-MM-DD"; "" when absent (always in the small profile). */
PORTREG_API const char *portreg_entry_updated(const portreg_entry *e);

/** The <note>, normalised as the description; "" when absent (always in the small profile). */
PORTREG_API const char *portreg_entry_note(const portreg_entry *e);

/** Known unauthorized use of the port (<unauthorized>), normalised; "" when absent (always in the small profile). */
PORTREG_API const char *portreg_entry_unauthorized(const portreg_entry *e);

/**
 * The DCCP service code (<sc>): writes it to `*code` (which may be NULL)
 * and returns 0; PORTREG_ENOTFOUND when the record has none (always in
 * the small profile).
 */
PORTREG_API int portreg_entry_service_code(const portreg_entry *e, uint32_t *code);

/* ---- Port status ---- */

/** Whether a (port, protocol) pair is registered; see portreg_port_status(). */
typedef enum portreg_status {
    PORTREG_STATUS_UNASSIGNED = 0,
    PORTREG_STATUS_RESERVED = 1,
    PORTREG_STATUS_ASSIGNED = 2
} portreg_status;

/**
 * The status of a (port, protocol) pair.  The rule, for the protocols in
 * `protos` (a record with no <protocol> counts for all of them):
 *  - ASSIGNED   when a record with a name covers the port;
 *  - otherwise RESERVED when a record without a name whose description
 *    begins with "Reserved" (in any case) covers it;
 *  - otherwise UNASSIGNED: no record, or only records described as
 *    "Unassigned", "De-registered", "Removed" and the like.
 * With several flags in `protos` the strongest answer wins
 * (ASSIGNED > RESERVED > UNASSIGNED).  `protos` of 0 gives UNASSIGNED.
 */
PORTREG_API portreg_status portreg_port_status(uint16_t port, unsigned protos);

/** "unassigned", "reserved" or "assigned"; "" for a value outside the enum. */
PORTREG_API const char *portreg_status_name(portreg_status status);

/* ---- References (<xref> other than people) ---- */

typedef enum portreg_ref_type {
    PORTREG_REF_RFC = 1,   /* data like "rfc6335" */
    PORTREG_REF_DRAFT = 2, /* an Internet-Draft name */
    PORTREG_REF_URI = 3,   /* a URI */
    PORTREG_REF_TEXT = 4,  /* free text */
    PORTREG_REF_NOTE = 5,  /* a registry footnote number */
    PORTREG_REF_OTHER = 6  /* a type this version does not know */
} portreg_ref_type;

/** How many references the record holds; 0 in the small profile. */
PORTREG_API size_t portreg_entry_ref_count(const portreg_entry *e);

/** The text of reference `i` (its `data`, or its text for free text); NULL past the end. */
PORTREG_API const char *portreg_entry_ref(const portreg_entry *e, size_t i);

/** The type of reference `i`; 0 past the end. */
PORTREG_API portreg_ref_type portreg_entry_ref_type(const portreg_entry *e, size_t i);

/** "rfc", "draft", "uri", "text", "note" or "other"; "" for 0 or an unknown value. */
PORTREG_API const char *portreg_ref_type_name(portreg_ref_type type);

/* ---- People (<assignee>, contact, resolved through <people>) ---- */

/** One <person> of the registry's <people>: opaque, read-only, lives forever. */
typedef struct portreg_person portreg_person;

/**
 * The small profile keeps no people: every record has 0 assignees and 0
 * contacts, so the functions below answer 0 and NULL, and the person
 * functions "" (for NULL).
 * Assignees are the people inside the record's <assignee>.  Records of the
 * older form have no <assignee>, only bare person references: there the
 * first bare reference is the assignee.  Contacts are the bare person
 * references (for the older form, the last of them, which is the first
 * when there is only one).  See docs/REGISTRY.md.
 */
PORTREG_API size_t portreg_entry_assignee_count(const portreg_entry *e);
PORTREG_API const portreg_person *portreg_entry_assignee(const portreg_entry *e, size_t i);
PORTREG_API size_t portreg_entry_contact_count(const portreg_entry *e);
PORTREG_API const portreg_person *portreg_entry_contact(const portreg_entry *e, size_t i);

/** The person's id in the registry (the `data` of its xref). */
PORTREG_API const char *portreg_person_id(const portreg_person *p);
/** The person's <name>; "" when absent. */
PORTREG_API const char *portreg_person_name(const portreg_person *p);
/** The person's <org>; "" when absent. */
PORTREG_API const char *portreg_person_org(const portreg_person *p);
/** The person's <uri> (often "mailto:user&host"); "" when absent. */
PORTREG_API const char *portreg_person_uri(const portreg_person *p);

/* ---- The registry itself ---- */

/** The registry's own <updated> date, "YYYY-MM-DD". */
PORTREG_API const char *portreg_registry_updated(void);

/* ------------------------------------------------------------------ */
/* Protocol numbers (since 1.1)                                         */
/* ------------------------------------------------------------------ */

/*
 * The IANA "Assigned Internet Protocol Numbers" registry (the values of
 * the IPv4 Protocol and IPv6 Next Header fields), compiled into the
 * library from its XML like the ports.  Same conventions: read-only
 * tables, no allocation, constant time, NULL-safe accessors.
 *
 * Keywords.  A record's keyword is the registry's <name> as one token:
 * without a trailing " (deprecated)" (see portreg_protocol_deprecated()),
 * with each space written as '-' ("ISIS over IPv4" is "ISIS-over-IPv4"),
 * and "" for the records that have no name or are named "Reserved".
 * Keywords are matched ignoring ASCII case.  docs/REGISTRY.md.
 */

/** One <record> of the protocol-numbers registry: opaque, read-only, lives forever. */
typedef struct portreg_protocol portreg_protocol;

/** How many records the protocol-numbers registry holds (one per number or range). */
PORTREG_API size_t portreg_protocol_count(void);

/** The protocol record at `index` in registry (number) order; NULL past the end. */
PORTREG_API const portreg_protocol *portreg_protocol_at(size_t index);

/**
 * The record whose value or range holds `number` (50 gives ESP; 200 the
 * "Unassigned" range 148-252); NULL above 255 or when no record does.
 */
PORTREG_API const portreg_protocol *portreg_protocol_by_number(unsigned number);

/**
 * The record whose keyword equals `keyword` with ASCII case ignored
 * ("esp", "ESP", "ipv6-icmp"); NULL for NULL, empty, over-long (> 63
 * bytes) or unknown keywords.  Never matches a number: see
 * portreg_protocol_by_number().
 */
PORTREG_API const portreg_protocol *portreg_protocol_by_keyword(const char *keyword);

/**
 * Writes the record's value, or its range, to `*lo` and `*hi` (either may
 * be NULL; lo == hi for one value) and returns 0; PORTREG_EINVAL for NULL `p`.
 */
PORTREG_API int portreg_protocol_numbers(const portreg_protocol *p, uint8_t *lo, uint8_t *hi);

/** The keyword ("ESP", "IPv6-ICMP"); "" when the record has none or `p` is NULL. */
PORTREG_API const char *portreg_protocol_keyword(const portreg_protocol *p);

/** The <description>, whitespace collapsed ("Encap Security Payload"); "" when none (always in the small profile). */
PORTREG_API const char *portreg_protocol_description(const portreg_protocol *p);

/** 1 when the registry marks the number as an IPv6 extension header (<ipv6>Y</ipv6>), else 0. */
PORTREG_API int portreg_protocol_ipv6_ext(const portreg_protocol *p);

/** 1 when the registry's name ends in "(deprecated)" ("ARGUS (deprecated)"), else 0. */
PORTREG_API int portreg_protocol_deprecated(const portreg_protocol *p);

/** How many references (<xref> other than people) the record holds; 0 for NULL, and 0 in the small profile. */
PORTREG_API size_t portreg_protocol_ref_count(const portreg_protocol *p);

/** The text of reference `i`, as portreg_entry_ref(); NULL past the end. */
PORTREG_API const char *portreg_protocol_ref(const portreg_protocol *p, size_t i);

/** The type of reference `i`; 0 past the end. */
PORTREG_API portreg_ref_type portreg_protocol_ref_type(const portreg_protocol *p, size_t i);

/** The protocol-numbers registry's own <updated> date, "YYYY-MM-DD". */
PORTREG_API const char *portreg_protocols_updated(void);

/* ------------------------------------------------------------------ */
/* Flows: reverse, orient, key                                          */
/* ------------------------------------------------------------------ */

/* IANA protocol numbers that the tuple functions treat specially. */
#define PORTREG_IPPROTO_ICMP   1
#define PORTREG_IPPROTO_TCP    6
#define PORTREG_IPPROTO_UDP    17
#define PORTREG_IPPROTO_DCCP   33
#define PORTREG_IPPROTO_ICMPV6 58
#define PORTREG_IPPROTO_SCTP   132

/**
 * A flow's 5-tuple.  Fixed layout, 64 bytes, part of the ABI:
 *  - family: 4 or 6.  IPv4 addresses use the first 4 bytes of the
 *    address arrays, in network order; the other 12 are zero.
 *  - proto: the IANA protocol number (6 tcp, 17 udp, 1 icmp, ...).
 *  - src_port/dst_port: ports in host order for TCP, UDP, SCTP and DCCP.
 *    For ICMP and ICMPv6, src_port holds the type and dst_port the code.
 *    Other protocols have no ports: both are 0.
 *  - reserved0, reserved: must be zero; room for later versions.  Every
 *    function that takes a tuple refuses one where they are not, with
 *    PORTREG_EINVAL, so that a later 1.x release can give them a meaning
 *    without old callers' garbage being read as one.  Start from a zeroed
 *    tuple (memset, or `portreg_tuple t = {0};`).
 */
typedef struct portreg_tuple {
    uint8_t family;
    uint8_t proto;
    uint16_t src_port;
    uint16_t dst_port;
    uint16_t reserved0;
    uint8_t src_addr[16];
    uint8_t dst_addr[16];
    uint8_t reserved[24];
} portreg_tuple;

/**
 * The return traffic of `in`: addresses and ports swapped.  For ICMP and
 * ICMPv6 the addresses swap, the type becomes its reply (or request) type
 * and the code is kept.  The pairs are exactly Linux conntrack's (the
 * invmap tables of nf_conntrack_proto_icmp.c and _icmpv6.c): ICMP echo
 * 8<->0, timestamp 13<->14, information 15<->16, address mask 17<->18;
 * ICMPv6 echo 128<->129, node information 139<->140.  Every other type
 * (errors, MLD, router and neighbour discovery) has no partner.
 * `out == in` is allowed.
 * Returns 0; PORTREG_EINVAL for NULL, a bad family or a reserved byte that
 * is not zero; PORTREG_ENOREPLY for an ICMP type with no partner (then
 * `*out` is untouched).
 */
PORTREG_API int portreg_tuple_reverse(portreg_tuple *out, const portreg_tuple *in);

/* Hints for portreg_tuple_orient(), about the packets of `in` as given.
 * A hint about in's destination is passed by orienting the reverse of `in`.
 * The two handshake hints are honoured for TCP only, and only one at a
 * time (both are contradictory and ignored); they decide before any other
 * rule.  The first-packet hint (since 1.1; 1.0 ignores it) is weaker than
 * every port rule: it decides only where nothing else did (confidence NONE
 * without it), because a capture that starts in the middle of a flow sees
 * the server's packets first as often as not. */
#define PORTREG_HINT_SYN    0x1u /* a TCP SYN without ACK came from in's source */
#define PORTREG_HINT_SYNACK 0x2u /* a TCP SYN+ACK came from in's source */
#define PORTREG_HINT_FIRST  0x4u /* in's source sent the first packet of the flow seen */

/* Ephemeral port ranges: where operating systems take the client port of
 * an outgoing connection from, by default.  Bits of portreg_port_ephemeral()
 * and arguments of portreg_ephemeral_range(); docs/ORIENTATION.md cites the
 * source of each.  More may be added in later 1.x versions. */
#define PORTREG_EPHEMERAL_IANA    0x1u /* 49152-65535: RFC 6335's dynamic ports; Windows since Vista, macOS */
#define PORTREG_EPHEMERAL_LINUX   0x2u /* 32768-60999: Linux's net.ipv4.ip_local_port_range (and Android's) */
#define PORTREG_EPHEMERAL_FREEBSD 0x4u /* 10000-65535: FreeBSD's net.inet.ip.portrange.first/last */
#define PORTREG_EPHEMERAL_LEGACY  0x8u /* 1025-5000: Windows up to XP and Server 2003, 4.xBSD */

/**
 * The ephemeral ranges that contain `port`, as PORTREG_EPHEMERAL_* bits
 * ORed together; 0 when it is in none (every port below 1025, for one).
 * Since 1.1.
 */
PORTREG_API unsigned portreg_port_ephemeral(uint16_t port);

/**
 * One ephemeral range: writes its first and last port to `*first` and
 * `*last` (either may be NULL) and returns a short name for it ("Linux",
 * "legacy Windows/BSD"), static.  NULL, with nothing written, when `range`
 * is not exactly one known PORTREG_EPHEMERAL_* bit.  Since 1.1.
 */
PORTREG_API const char *portreg_ephemeral_range(unsigned range, uint16_t *first,
                                                uint16_t *last);

/** Why portreg_tuple_orient() chose as it did.  Later 1.x versions may add
 * reasons; for a value a caller does not know, the confidence still says
 * how far to trust the answer. */
typedef enum portreg_reason {
    PORTREG_REASON_HINT = 1,      /* a TCP handshake hint decided */
    PORTREG_REASON_SCORE = 2,     /* one port ranks higher (see docs/ORIENTATION.md) */
    PORTREG_REASON_LOWER_PORT = 3,/* both ports rank the same (e.g. both assigned): the lower one is the server */
    PORTREG_REASON_MULTICAST = 4, /* the destination is multicast or broadcast */
    PORTREG_REASON_ICMP = 5,      /* the ICMP type says request or reply */
    PORTREG_REASON_EQUAL_PORTS = 6, /* unknown: both ports are the same (tie-break: addresses) */
    PORTREG_REASON_EPHEMERAL = 7, /* unknown: both ports look ephemeral (tie-break: lower port) */
    PORTREG_REASON_NO_PORTS = 8,  /* unknown: the protocol has no ports (tie-break: addresses) */
    /* Since 1.1: both ports are assigned user ports and only one lies in
     * an ephemeral range (portreg_port_ephemeral()): the other, a port no
     * common system hands to clients, is the server. */
    PORTREG_REASON_CLIENT_RANGE = 9,
    /* Since 1.1: no port rule decided, and PORTREG_HINT_FIRST named in's
     * source as the sender of the first packet: it is taken as the client. */
    PORTREG_REASON_FIRST_PACKET = 10,
    /* Since 1.1: exactly one port lies in the caller's local ephemeral range
     * (portreg_orient_options): that one is the client's. */
    PORTREG_REASON_LOCAL_RANGE = 11
} portreg_reason;

typedef enum portreg_confidence {
    PORTREG_CONFIDENCE_NONE = 0, /* unknown: no evidence; out is the tie-break */
    PORTREG_CONFIDENCE_LOW = 1,
    PORTREG_CONFIDENCE_MEDIUM = 2,
    PORTREG_CONFIDENCE_HIGH = 3
} portreg_confidence;

/**
 * The name of a reason, the constant's suffix in lower case: "hint",
 * "score", "lower_port", "multicast", "icmp", "equal_ports", "ephemeral",
 * "no_ports", "client_range", "first_packet", "local_range"; "" for a value
 * outside the enum.  Since 1.1.
 */
PORTREG_API const char *portreg_reason_name(portreg_reason reason);

/**
 * The name of a confidence: "none", "low", "medium" or "high"; "" for a
 * value outside the enum.  Since 1.1.
 */
PORTREG_API const char *portreg_confidence_name(portreg_confidence confidence);

/** What portreg_tuple_orient() decided.  Fixed layout, 16 bytes. */
typedef struct portreg_orientation {
    uint8_t swapped;    /* 1 when out is the reverse of in */
    uint8_t confidence; /* a portreg_confidence */
    uint8_t reason;     /* a portreg_reason */
    uint8_t reserved0;
    int8_t src_score;   /* rank of in's source port, 1 (best) to 5; 0 when not scored */
    int8_t dst_score;   /* rank of in's destination port */
    uint8_t reserved[10];
} portreg_orientation;

/**
 * Writes `in` with the server as destination to `out` (`out == in` is
 * allowed) and, when `why` is not NULL, what decided it.  Hints decide
 * when present; then ICMP request/reply types, group addresses (multicast
 * and 255.255.255.255 are never the client) and the registry rank of the
 * two ports (docs/ORIENTATION.md).
 * When nothing decides (confidence NONE) `out` is a documented tie-break
 * that depends on the flow, not on its direction: the lower port as the
 * server when the ports differ, else the order of portreg_tuple_canonical()
 * (the larger address as the server).  An ICMP type without a partner has
 * no reverse and is kept as given.  (1.0 kept the given order whenever the
 * confidence was NONE.)
 * Without hints the answer is direction-free, always: a tuple and its
 * reverse give the same `out`, reason and confidence.
 * Returns 0, or PORTREG_EINVAL for NULL, a bad family or a reserved byte
 * that is not zero.
 */
PORTREG_API int portreg_tuple_orient(portreg_tuple *out, const portreg_tuple *in,
                                     unsigned hints, portreg_orientation *why);

/**
 * Options of portreg_tuple_orient_ext() (since 1.1).  Start from
 * PORTREG_ORIENT_OPTIONS_INIT or portreg_orient_options_init() and set the
 * fields wanted.  Later versions add fields at the end and raise the
 * version: the library reads (and portreg_orient_options_init() writes)
 * only the fields of the version a caller says it was built with, and
 * refuses a version it does not know rather than misread it.
 *  - version: PORTREG_ORIENT_OPTIONS_VERSION.
 *  - hints: PORTREG_HINT_* about the packets of `in` as given.
 *  - local_ephemeral_first, local_ephemeral_last: the range the caller's
 *    own hosts take client ports from (their ip_local_port_range, or
 *    Windows' "netsh int ipv4 show dynamicport tcp"), inclusive; both 0
 *    when not given.  A port inside it is taken to be a client's: when
 *    exactly one port of a flow lies inside, the other is the server
 *    (reason LOCAL_RANGE), before the registry is asked.  A service that
 *    listens inside the range defeats it.
 */
typedef struct portreg_orient_options {
    unsigned int version;
    unsigned int hints;
    uint16_t local_ephemeral_first;
    uint16_t local_ephemeral_last;
} portreg_orient_options;

#define PORTREG_ORIENT_OPTIONS_VERSION 1
#define PORTREG_ORIENT_OPTIONS_INIT { PORTREG_ORIENT_OPTIONS_VERSION, 0, 0, 0 }

/**
 * Sets `*opts` to the defaults of options version `version` (pass
 * PORTREG_ORIENT_OPTIONS_VERSION), as PORTREG_ORIENT_OPTIONS_INIT does.
 * Returns 0, or PORTREG_EINVAL for NULL or a version this library does not
 * know.  Since 1.1.
 */
PORTREG_API int portreg_orient_options_init(portreg_orient_options *opts, unsigned int version);

/**
 * portreg_tuple_orient() with options: hints and the caller's local
 * ephemeral range.  `opts` may be NULL for the defaults (no hints, no
 * range); portreg_tuple_orient(out, in, h, why) is this function with
 * hints h.  Returns 0, or PORTREG_EINVAL for NULL `out` or `in`, a bad
 * family, a reserved byte of `in` that is not zero, an unknown options
 * version, or a local range with first 0 (and last not 0) or first above
 * last.  Since 1.1.
 */
PORTREG_API int portreg_tuple_orient_ext(portreg_tuple *out, const portreg_tuple *in,
                                         const portreg_orient_options *opts,
                                         portreg_orientation *why);

/**
 * The direction-free form of `in`: endpoints ordered so that a flow and
 * its reverse give the same tuple (the ordering of Community ID v1:
 * smaller address first, then smaller port).  For ICMP with a request/reply
 * partner (as portreg_tuple_reverse()) the source's type is compared with
 * the partner type and a swap writes the reverse; a type with no partner
 * is kept as given.  Writes 1 to `*swapped` when it swapped (may be NULL).
 * `out == in` is allowed.  Returns 0, or PORTREG_EINVAL for NULL, a bad
 * family or a reserved byte that is not zero.
 */
PORTREG_API int portreg_tuple_canonical(portreg_tuple *out, const portreg_tuple *in,
                                        int *swapped);

/* Flags for portreg_community_id(). */
#define PORTREG_CID_HEX 0x1u /* hex digest instead of base64 */

/**
 * The Community ID v1 of the flow ("1:" followed by base64 or hex of the
 * SHA-1), with the given seed: 30 characters, 42 with PORTREG_CID_HEX.
 * As the specification: ports are hashed for TCP, UDP and SCTP; ICMP and
 * ICMPv6 hash the type and its Community ID partner type (Zeek's pairs, a
 * wider set than conntrack's), or type and code for a type without one,
 * which is then hashed as seen; every other protocol, DCCP included,
 * hashes addresses and protocol only.
 * snprintf-like: writes at most `cap` bytes
 * including the terminating NUL and returns the length of the full string;
 * PORTREG_EINVAL for NULL `t`, a bad family, a reserved byte that is not
 * zero, unknown flags, or NULL `buf` with `cap` > 0.
 */
PORTREG_API int portreg_community_id(const portreg_tuple *t, uint16_t seed, unsigned flags,
                                     char *buf, size_t cap);

/**
 * Parses "PROTO SRC -> DST" into `out`.  PROTO is tcp, udp, sctp, dccp,
 * icmp, icmpv6, since 1.1 any keyword of the protocol-numbers registry
 * (portreg_protocol_by_keyword(): "esp", "gre", "ipv6-icmp"), all in any
 * case, or a decimal protocol number 0-255.  Endpoints
 * are a.b.c.d:port or [v6]:port for port protocols, where a port may be a
 * service name registered for that transport; bare addresses for others
 * (IPv6 with or without brackets).  ICMP and ICMPv6 end with
 * " type T code C" (0-255 each).  Tokens are separated by white space.
 * Numbers (protocol numbers, ports, ICMP type and code) follow the rule of
 * portreg_parse_service(): digits only, leading zeros allowed and never
 * octal.  IPv4 addresses are dotted quads as inet_pton() reads them: no
 * leading zeros in a part.  No IPv6 zone index; an IPv6 address may end in
 * a dotted quad.  Never reads the locale.
 * Returns 0, or PORTREG_EINVAL for NULL or malformed text (then `*out` is
 * untouched).
 */
PORTREG_API int portreg_tuple_parse(portreg_tuple *out, const char *text);

/**
 * Writes `t` in the form portreg_tuple_parse() reads (ports as numbers,
 * names lowercase, a protocol other than tcp, udp, sctp, dccp, icmp and
 * icmpv6 as its registry keyword in lower case when it has one of at most
 * 24 bytes ("esp"; since 1.1), else as its number, IPv6 as RFC 5952 with
 * IPv4-mapped addresses as
 * ::ffff:a.b.c.d, bare IPv6 addresses without brackets), so that parsing
 * the text gives `t` back.  At most 107 characters.
 * snprintf-like: writes at most `cap` bytes including the NUL and returns
 * the length of the full text; PORTREG_EINVAL for a NULL or bad tuple (bad
 * family, a reserved byte that is not zero, ICMP type or code above 255,
 * ports on a protocol without them), or NULL `buf` with `cap` > 0.
 */
PORTREG_API int portreg_tuple_format(const portreg_tuple *t, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* PORTREG_H */
