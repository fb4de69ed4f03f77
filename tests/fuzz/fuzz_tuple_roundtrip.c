/*
 * libFuzzer harness: tuples.  The first byte chooses the mode:
 *  - text: the rest is parsed; a parsed tuple is formatted (into a buffer
 *    whose cap the second byte chooses, guarded) and parsed again, and
 *    must come back the same;
 *  - raw: the rest is a portreg_tuple as bytes; with reserved bytes set,
 *    every flow function must refuse it; with them cleared, every flow
 *    function runs on it, and what can be formatted must parse back to it.
 * Either way the flow functions must agree with each other: reversing twice
 * is the identity, and a flow and its reverse have the same canonical form
 * and Community ID.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

#define GUARD 0xA5

static void check_format(const portreg_tuple *t, size_t cap)
{
    char buf[512];
    char full[512];
    portreg_tuple back;
    size_t i;
    int n;

    memset(buf, GUARD, sizeof buf);
    n = portreg_tuple_format(t, buf, cap);
    for (i = cap; i < sizeof buf; i++) {
        if ((unsigned char)buf[i] != GUARD)
            abort(); /* wrote past cap */
    }
    if (n < 0) {
        if (n != PORTREG_EINVAL || portreg_tuple_format(t, full, sizeof full) != n)
            abort();
        return;
    }
    if (cap > 0 && strlen(buf) != ((size_t)n < cap ? (size_t)n : cap - 1))
        abort();
    if (portreg_tuple_format(t, full, sizeof full) != n || strlen(full) != (size_t)n)
        abort();
    if (portreg_tuple_format(t, NULL, 0) != n)
        abort();
    if (cap > 0 && strncmp(buf, full, cap - 1) != 0)
        abort();
    /* what was written reads back as the same tuple */
    memset(&back, 0x11, sizeof back);
    if (portreg_tuple_parse(&back, full) != 0 || memcmp(&back, t, sizeof back) != 0)
        abort();
}

/* Equal in what a tuple means: the tail of an IPv4 address is the
 * caller's junk, carried along but never an answer. */
static int same_flow(const portreg_tuple *a, const portreg_tuple *b)
{
    size_t len = a->family == 6 ? 16 : 4;
    return a->family == b->family && a->proto == b->proto && a->src_port == b->src_port &&
           a->dst_port == b->dst_port && memcmp(a->src_addr, b->src_addr, len) == 0 &&
           memcmp(a->dst_addr, b->dst_addr, len) == 0;
}

static int has_reserved_bytes(const portreg_tuple *t)
{
    size_t i;
    for (i = 0; i < sizeof t->reserved; i++) {
        if (t->reserved[i])
            return 1;
    }
    return t->reserved0 != 0;
}

/* A tuple every flow function must refuse: no address family, or reserved
 * bytes that are not zero. */
static void check_refused(const portreg_tuple *t)
{
    portreg_tuple out;
    char buf[64];

    if (portreg_tuple_reverse(&out, t) != PORTREG_EINVAL ||
        portreg_tuple_orient(&out, t, 0, NULL) != PORTREG_EINVAL ||
        portreg_tuple_canonical(&out, t, NULL) != PORTREG_EINVAL ||
        portreg_community_id(t, 0, 0, buf, sizeof buf) != PORTREG_EINVAL ||
        portreg_tuple_format(t, buf, sizeof buf) != PORTREG_EINVAL)
        abort();
}

static void check_flows(const portreg_tuple *t, unsigned hints, uint16_t seed)
{
    portreg_tuple rev, rev2, c1, c2, o;
    portreg_orientation why;
    char id1[64], id2[64];
    int s1, s2, n1, n2;

    if (portreg_tuple_orient(&o, t, hints, &why) != 0)
        abort();
    if (why.swapped > 1 || why.confidence > PORTREG_CONFIDENCE_HIGH)
        abort();
    if (portreg_tuple_canonical(&c1, t, &s1) != 0)
        abort();
    n1 = portreg_community_id(t, seed, hints & PORTREG_CID_HEX, id1, sizeof id1);
    if (n1 <= 0 || (size_t)n1 >= sizeof id1 || strlen(id1) != (size_t)n1)
        abort();
    if (portreg_tuple_reverse(&rev, t) != 0)
        return; /* ICMP without a partner */
    if (portreg_tuple_reverse(&rev2, &rev) != 0 || memcmp(&rev2, t, sizeof rev2) != 0)
        abort();
    if (portreg_tuple_canonical(&c2, &rev, &s2) != 0 || !same_flow(&c1, &c2))
        abort();
    n2 = portreg_community_id(&rev, seed, hints & PORTREG_CID_HEX, id2, sizeof id2);
    if (n1 != n2 || strcmp(id1, id2) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    portreg_tuple t;

    if (size < 2)
        return 0;
    if (data[0] & 1) {
        /* raw tuple */
        memset(&t, 0, sizeof t);
        memcpy(&t, data + 2, size - 2 < sizeof t ? size - 2 : sizeof t);
        if (t.family != 4 && t.family != 6) {
            check_refused(&t);
            return 0;
        }
        if (has_reserved_bytes(&t)) {
            check_refused(&t); /* the header: reserved bytes must be zero */
            memset(t.reserved, 0, sizeof t.reserved);
            t.reserved0 = 0;
        }
        check_flows(&t, data[1], (uint16_t)(data[1] * 257u));
        /* the text carries no IPv4 tail */
        if (t.family == 4) {
            memset(t.src_addr + 4, 0, 12);
            memset(t.dst_addr + 4, 0, 12);
        }
        check_format(&t, data[1]);
    } else {
        char *text = malloc(size - 1);
        int rc;
        memcpy(text, data + 2, size - 2);
        text[size - 2] = '\0';
        rc = portreg_tuple_parse(&t, text);
        free(text);
        if (rc != 0)
            return 0;
        check_flows(&t, data[1], (uint16_t)(data[1] * 257u));
        check_format(&t, data[1]);
    }
    return 0;
}
