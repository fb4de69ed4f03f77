/*
 * portreg_tuple_orient(): which endpoint of a flow is the server.  The
 * rules, in the order they are tried, and why each is there, are in
 * docs/ORIENTATION.md.  Every rule but the hints is direction-free: it
 * reaches the same server for a tuple and for its reverse, because each
 * looks at the two endpoints symmetrically; so is the tie-break that
 * answers when no rule decides.
 */
#include <string.h>

#include "ephemeral.h"
#include "tuple_internal.h"

/* Ranks of a port, best first (docs/ORIENTATION.md). */
enum {
    SCORE_ASSIGNED_SYSTEM = 1,
    SCORE_ASSIGNED_USER = 2,
    SCORE_OTHER_SYSTEM = 3,
    SCORE_OTHER_USER = 4,
    SCORE_EPHEMERAL = 5
};

/* Linux allocates ephemeral ports from 32768 up; Windows, macOS and IANA
 * from 49152.  Below this an unregistered port is more likely a server's. */
#define EPHEMERAL_FLOOR PORTREG__EPH_LINUX_FIRST

/* What a rule decided: swap or keep, and how sure it is. */
struct verdict {
    int swap;
    portreg_confidence confidence;
    portreg_reason reason;
};

static int port_score(uint16_t port, unsigned transport)
{
    portreg_status status = portreg_port_status(port, transport);

    switch (portreg_classify(port)) {
    case PORTREG_RANGE_SYSTEM:
        return status == PORTREG_STATUS_ASSIGNED ? SCORE_ASSIGNED_SYSTEM : SCORE_OTHER_SYSTEM;
    case PORTREG_RANGE_USER:
        if (status == PORTREG_STATUS_ASSIGNED)
            return SCORE_ASSIGNED_USER;
        return port < EPHEMERAL_FLOOR ? SCORE_OTHER_USER : SCORE_EPHEMERAL;
    default:
        /* The dynamic range is never assigned to a service (RFC 6335 8.1.2). */
        return SCORE_EPHEMERAL;
    }
}

static int is_group_address(const uint8_t *addr, int family)
{
    if (family == 6)
        return addr[0] == 0xff; /* ff00::/8; IPv6 has no broadcast */
    /* 224.0.0.0/4, and the limited broadcast.  A directed broadcast such as
     * 192.0.2.255 cannot be told from a host address without the netmask,
     * so it is not recognised. */
    if ((addr[0] & 0xf0) == 0xe0)
        return 1;
    return addr[0] == 0xff && addr[1] == 0xff && addr[2] == 0xff && addr[3] == 0xff;
}

/* A TCP handshake hint, when exactly one is given: they describe packets
 * of `in` as given, so they are the only rule that is not direction-free
 * (and need not be: the caller saw the packets). */
static int rule_hint(struct verdict *v, const portreg_tuple *in, unsigned hints)
{
    unsigned h = hints & (PORTREG_HINT_SYN | PORTREG_HINT_SYNACK);

    if (in->proto != PORTREG_IPPROTO_TCP)
        return 0;
    if (h != PORTREG_HINT_SYN && h != PORTREG_HINT_SYNACK)
        return 0; /* none, or both: contradictory, so ignored */
    v->swap = h == PORTREG_HINT_SYNACK;
    v->confidence = PORTREG_CONFIDENCE_HIGH;
    v->reason = PORTREG_REASON_HINT;
    return 1;
}

/* ICMP: a request goes to the server, a reply comes from it.  Types with
 * no conntrack partner are errors and announcements: no server at all. */
static int rule_icmp(struct verdict *v, const portreg_tuple *in)
{
    if (!portreg__is_icmp(in->proto) || portreg__icmp_partner(in->proto, in->src_port) < 0)
        return 0;
    v->swap = !portreg__icmp_is_request(in->proto, in->src_port);
    v->confidence = PORTREG_CONFIDENCE_HIGH;
    v->reason = PORTREG_REASON_ICMP;
    return 1;
}

/* A group address is never the client.  When both ends are group
 * addresses nothing is learnt here. */
static int rule_group(struct verdict *v, const portreg_tuple *in, int can_swap)
{
    int src = is_group_address(in->src_addr, in->family);
    int dst = is_group_address(in->dst_addr, in->family);

    if (src == dst || (src && !can_swap))
        return 0;
    v->swap = src;
    v->confidence = PORTREG_CONFIDENCE_MEDIUM;
    v->reason = PORTREG_REASON_MULTICAST;
    return 1;
}

static portreg_confidence score_confidence(int better, int worse)
{
    if (better <= SCORE_ASSIGNED_USER && worse >= SCORE_OTHER_USER)
        return PORTREG_CONFIDENCE_HIGH; /* a registered service against a nobody */
    if (worse - better >= 2)
        return PORTREG_CONFIDENCE_MEDIUM;
    return PORTREG_CONFIDENCE_LOW;
}

/* When nothing decides, a tie-break that depends only on the flow, never
 * on its direction (docs/ORIENTATION.md): the lower port is the server, as
 * the classic rule has it; for equal ports (or none) the order of
 * portreg_tuple_canonical(), whose destination is the larger address.
 * The confidence stays NONE: it is an answer, not evidence. */
static void tie_break(struct verdict *v, const portreg_tuple *in, portreg_reason reason)
{
    int cmp;

    v->reason = reason;
    v->confidence = PORTREG_CONFIDENCE_NONE;
    if (reason != PORTREG_REASON_NO_PORTS && in->src_port != in->dst_port) {
        v->swap = in->src_port < in->dst_port;
        return;
    }
    /* Community ID order: address, then port (ports that a port-less
     * protocol should not have still make the answer direction-free). */
    cmp = memcmp(in->src_addr, in->dst_addr, in->family == 6 ? 16u : 4u);
    v->swap = cmp > 0 || (cmp == 0 && in->src_port > in->dst_port);
}

/* Whether a port lies in a range that some system takes client ports from. */
static int client_range(uint16_t port)
{
    return (portreg__port_ephemeral(port) & PORTREG__EPH_CLIENT_RANGES) != 0;
}

/* The registry rule, from the two scores. */
static void rule_scores(struct verdict *v, const portreg_tuple *in, int src, int dst)
{
    if (src != dst) {
        v->swap = src < dst;
        v->reason = PORTREG_REASON_SCORE;
        v->confidence = v->swap ? score_confidence(src, dst) : score_confidence(dst, src);
    } else if (in->src_port == in->dst_port) {
        tie_break(v, in, PORTREG_REASON_EQUAL_PORTS);
    } else if (src == SCORE_EPHEMERAL) {
        tie_break(v, in, PORTREG_REASON_EPHEMERAL);
    } else if (src == SCORE_ASSIGNED_USER
               && client_range(in->src_port) != client_range(in->dst_port)) {
        /* Two registered user ports, only one where some system takes
         * client ports from: the other is the server (an XP client's
         * 1714 against 8080). */
        v->swap = client_range(in->dst_port);
        v->reason = PORTREG_REASON_CLIENT_RANGE;
        v->confidence = PORTREG_CONFIDENCE_MEDIUM;
    } else {
        /* Same rank: the lower port.  Services take the low numbers of a
         * range first, clients are handed high ones. */
        v->swap = in->src_port < in->dst_port;
        v->reason = PORTREG_REASON_LOWER_PORT;
        v->confidence = src <= SCORE_ASSIGNED_USER ? PORTREG_CONFIDENCE_MEDIUM
                                                   : PORTREG_CONFIDENCE_LOW;
    }
}

/* The caller's own hosts take client ports from [first, last]: when
 * exactly one port lies there, the other is the server.  Weaker when the
 * other port looks ephemeral too. */
static int rule_local_range(struct verdict *v, const portreg_tuple *in, unsigned first,
                            unsigned last, int src_score, int dst_score)
{
    int src_in = in->src_port >= first && in->src_port <= last;
    int dst_in = in->dst_port >= first && in->dst_port <= last;

    if (first == 0 || src_in == dst_in)
        return 0;
    v->swap = dst_in;
    v->reason = PORTREG_REASON_LOCAL_RANGE;
    v->confidence = (dst_in ? src_score : dst_score) == SCORE_EPHEMERAL
                        ? PORTREG_CONFIDENCE_LOW
                        : PORTREG_CONFIDENCE_MEDIUM;
    return 1;
}

/* The first packet seen came from in's source: when no evidence decided,
 * it is taken as the client.  Below every port rule: captures start in
 * the middle of flows, so the first packet seen is often the server's. */
static void rule_first_packet(struct verdict *v, unsigned hints)
{
    if (!(hints & PORTREG_HINT_FIRST) || v->confidence != PORTREG_CONFIDENCE_NONE)
        return;
    v->swap = 0;
    v->reason = PORTREG_REASON_FIRST_PACKET;
    v->confidence = PORTREG_CONFIDENCE_LOW;
}

/* Runs the rules in order; an ICMP type with no partner cannot be
 * reversed, so no rule may swap it. */
static void decide(struct verdict *v, const portreg_tuple *in, const portreg_orient_options *o,
                   unsigned transport, int src_score, int dst_score)
{
    int icmp = portreg__is_icmp(in->proto);

    v->swap = 0;
    v->confidence = PORTREG_CONFIDENCE_NONE;
    if (rule_hint(v, in, o->hints) || rule_icmp(v, in) || rule_group(v, in, !icmp))
        return;
    if (icmp) {
        v->reason = PORTREG_REASON_ICMP;
        return;
    }
    if (transport == 0)
        tie_break(v, in, PORTREG_REASON_NO_PORTS);
    else if (!rule_local_range(v, in, o->local_ephemeral_first, o->local_ephemeral_last,
                               src_score, dst_score))
        rule_scores(v, in, src_score, dst_score);
    rule_first_packet(v, o->hints);
}

/* Checks the options' version and range; 0 or PORTREG_EINVAL. */
static int options_valid(const portreg_orient_options *o)
{
    if (o->version < 1 || o->version > PORTREG_ORIENT_OPTIONS_VERSION)
        return PORTREG_EINVAL;
    if (o->local_ephemeral_first == 0 && o->local_ephemeral_last == 0)
        return 0;
    if (o->local_ephemeral_first == 0 || o->local_ephemeral_first > o->local_ephemeral_last)
        return PORTREG_EINVAL;
    return 0;
}

/* A caller built against an older header has a smaller struct: when a
 * later version adds fields, this must write (and orient_ext read) only the
 * fields of `version`, never sizeof of the newest struct. */
int portreg_orient_options_init(portreg_orient_options *opts, unsigned int version)
{
    if (opts == NULL || version < 1 || version > PORTREG_ORIENT_OPTIONS_VERSION)
        return PORTREG_EINVAL;
    memset(opts, 0, sizeof *opts); /* version 1: the whole struct */
    opts->version = version;
    return 0;
}

/* Both public functions, on checked options. */
static int orient(portreg_tuple *out, const portreg_tuple *in, const portreg_orient_options *opts,
                  portreg_orientation *why)
{
    struct verdict v;
    portreg_tuple result;
    unsigned transport;
    int src_score = 0, dst_score = 0;

    if (out == NULL || in == NULL || portreg__tuple_check(in) == 0)
        return PORTREG_EINVAL;
    transport = portreg__transport_flag(in->proto);
    if (transport != 0) {
        src_score = port_score(in->src_port, transport);
        dst_score = port_score(in->dst_port, transport);
    }
    decide(&v, in, opts, transport, src_score, dst_score);

    /* ICMP swaps only with a partner, so reverse does not fail; were it to,
     * the given order is kept and reported as kept. */
    if (!v.swap || portreg_tuple_reverse(&result, in) != 0) {
        v.swap = 0;
        result = *in;
    }
    *out = result;
    if (why != NULL) {
        memset(why, 0, sizeof *why);
        why->swapped = (uint8_t)(v.swap != 0);
        why->confidence = (uint8_t)v.confidence;
        why->reason = (uint8_t)v.reason;
        why->src_score = (int8_t)src_score;
        why->dst_score = (int8_t)dst_score;
    }
    return 0;
}

int portreg_tuple_orient(portreg_tuple *out, const portreg_tuple *in, unsigned hints,
                         portreg_orientation *why)
{
    portreg_orient_options o = PORTREG_ORIENT_OPTIONS_INIT;

    o.hints = hints;
    return orient(out, in, &o, why);
}

int portreg_tuple_orient_ext(portreg_tuple *out, const portreg_tuple *in,
                             const portreg_orient_options *opts, portreg_orientation *why)
{
    static const portreg_orient_options defaults = PORTREG_ORIENT_OPTIONS_INIT;

    if (opts == NULL)
        opts = &defaults;
    else if (options_valid(opts) != 0)
        return PORTREG_EINVAL;
    return orient(out, in, opts, why);
}
