/*
 * The independent exhaustive check: this test reads the registry XML
 * itself, with libxml2's streaming xmlTextReader (the compiler uses the
 * tree API), sharing no code with the compiler, and compares every answer
 * of the library against it:
 *  - every record through portreg_at(), field by field;
 *  - every (port, protocol) of the 65,536 x 4 grid, first and all matches,
 *    and the port status;
 *  - every name in lower, upper and mixed case, for every protocol.
 * In the small profile (PORTREG_TEST_PROFILE_SMALL) the library holds the
 * named records only, in registry order, and none of the fields it leaves
 * out: those answer "", 0, NULL or PORTREG_ENOTFOUND, as portreg.h says.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include <portreg.h>

#include "tally.h"

/* ---- What the XML says ---- */

struct xref {
    char *type, *data;
};

struct xrecord {
    char *name, *proto_text, *number, *description, *note, *unauthorized, *sc;
    char *date, *updated;
    struct xref *refs;
    size_t nrefs;
    char **assignee_ids, **bare_ids, **contact_ids;
    size_t nassignee, nbare, ncontact;
    int had_assignee, had_contact;
};

struct xperson {
    char *id, *name, *org, *uri;
};

static struct xrecord *recs;
static size_t nrecs;
/* The library's index of each record of the XML: itself, or in the small
 * profile its place among the named records ((size_t)-1 when unnamed). */
static size_t *lib_index;
static size_t lib_count;
#if defined(PORTREG_TEST_PROFILE_SMALL)
static const int small_profile = 1;
#else
static const int small_profile = 0;
#endif
static struct xperson *people;
static size_t npeople;
static char *registry_updated;

static char *dup(const char *s)
{
    return strdup(s ? s : "");
}

static void push(char ***list, size_t *n, const char *s)
{
    *list = realloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = dup(s);
}

/* Whitespace runs to one space, ends trimmed. */
static char *squeeze(char *s)
{
    char *w = s;
    const char *r;
    int space = 0;
    for (r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
            space = 1;
            continue;
        }
        if (space && w != s)
            *w++ = ' ';
        space = 0;
        *w++ = *r;
    }
    *w = '\0';
    return s;
}

static const char *local(xmlTextReaderPtr r)
{
    return (const char *)xmlTextReaderConstLocalName(r);
}

/* Reads the text of the element the reader is on, treating every nested
 * element (such as <br/>) as a space, and leaves the reader on its end. */
static char *element_text(xmlTextReaderPtr r)
{
    size_t cap = 256, len = 0;
    char *out = malloc(cap);
    int depth = xmlTextReaderDepth(r);
    out[0] = '\0';
    if (xmlTextReaderIsEmptyElement(r))
        return out;
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *piece = NULL;
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
            break;
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
            piece = (const char *)xmlTextReaderConstValue(r);
        else if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT)
            piece = " ";
        if (piece) {
            size_t n = strlen(piece);
            while (len + n + 1 > cap)
                out = realloc(out, cap *= 2);
            memcpy(out + len, piece, n + 1);
            len += n;
        }
    }
    return squeeze(out);
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    char *s = v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static void read_record(xmlTextReaderPtr r, struct xrecord *x)
{
    int depth = xmlTextReaderDepth(r);
    int in_assignee = 0, in_contact = 0;
    memset(x, 0, sizeof *x);
    x->date = attr(r, "date");
    x->updated = attr(r, "updated");
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *n = local(r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (xmlTextReaderDepth(r) == depth)
                break;
            if (strcmp(n, "assignee") == 0)
                in_assignee = 0;
            if (strcmp(n, "contact") == 0)
                in_contact = 0;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (strcmp(n, "assignee") == 0) {
            x->had_assignee = 1;
            in_assignee = !xmlTextReaderIsEmptyElement(r);
        } else if (strcmp(n, "contact") == 0) {
            x->had_contact = 1;
            in_contact = !xmlTextReaderIsEmptyElement(r);
        } else if (strcmp(n, "xref") == 0 && xmlTextReaderDepth(r) <= depth + 2) {
            char *t = attr(r, "type"), *d = attr(r, "data");
            if (t && strcmp(t, "person") == 0) {
                if (in_assignee)
                    push(&x->assignee_ids, &x->nassignee, d);
                else if (in_contact)
                    push(&x->contact_ids, &x->ncontact, d);
                else
                    push(&x->bare_ids, &x->nbare, d);
                free(d);
            } else {
                x->refs = realloc(x->refs, (x->nrefs + 1) * sizeof *x->refs);
                x->refs[x->nrefs].type = t ? strdup(t) : dup("");
                x->refs[x->nrefs].data = d ? squeeze(d) : element_text(r);
                x->nrefs++;
            }
            free(t);
        } else if (xmlTextReaderDepth(r) == depth + 1) {
            char **field = strcmp(n, "name") == 0          ? &x->name
                           : strcmp(n, "protocol") == 0     ? &x->proto_text
                           : strcmp(n, "number") == 0       ? &x->number
                           : strcmp(n, "description") == 0  ? &x->description
                           : strcmp(n, "note") == 0         ? &x->note
                           : strcmp(n, "unauthorized") == 0 ? &x->unauthorized
                           : strcmp(n, "sc") == 0           ? &x->sc
                                                            : NULL;
            if (field) {
                free(*field);
                *field = element_text(r);
            }
        }
    }
}

static void read_person(xmlTextReaderPtr r, struct xperson *p)
{
    int depth = xmlTextReaderDepth(r);
    memset(p, 0, sizeof *p);
    p->id = attr(r, "id");
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *n = local(r);
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
            break;
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        char **field = strcmp(n, "name") == 0 ? &p->name
                       : strcmp(n, "org") == 0 ? &p->org
                       : strcmp(n, "uri") == 0 ? &p->uri
                                                : NULL;
        if (field) {
            free(*field);
            *field = element_text(r);
        }
    }
}

static void load_registry(void)
{
    xmlTextReaderPtr r;
    if (recs)
        return;
    r = xmlReaderForFile(PORTREG_TEST_REGISTRY, NULL, XML_PARSE_NONET);
    ck_assert_msg(r != NULL, "cannot open %s", PORTREG_TEST_REGISTRY);
    while (xmlTextReaderRead(r) == 1) {
        const char *n;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        n = local(r);
        if (strcmp(n, "record") == 0) {
            recs = realloc(recs, (nrecs + 1) * sizeof *recs);
            read_record(r, &recs[nrecs++]);
        } else if (strcmp(n, "person") == 0) {
            people = realloc(people, (npeople + 1) * sizeof *people);
            read_person(r, &people[npeople++]);
        } else if (strcmp(n, "updated") == 0 && !registry_updated && xmlTextReaderDepth(r) == 1) {
            registry_updated = element_text(r);
        }
    }
    xmlFreeTextReader(r);
    ck_assert_uint_gt(nrecs, 1000);
    lib_index = malloc(nrecs * sizeof *lib_index);
    for (size_t i = 0; i < nrecs; i++) {
        int kept = !small_profile || (recs[i].name && recs[i].name[0]);
        lib_index[i] = kept ? lib_count++ : (size_t)-1;
    }
}

/* ---- What the library should answer, derived from the XML ---- */

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static unsigned expected_proto(const struct xrecord *x)
{
    const char *p = or_empty(x->proto_text);
    if (!p[0])
        return 0;
    if (strcasecmp(p, "tcp") == 0)
        return PORTREG_TCP;
    if (strcasecmp(p, "udp") == 0)
        return PORTREG_UDP;
    if (strcasecmp(p, "sctp") == 0)
        return PORTREG_SCTP;
    if (strcasecmp(p, "dccp") == 0)
        return PORTREG_DCCP;
    ck_abort_msg("unexpected protocol %s", p);
    return 0;
}

static int expected_ports(const struct xrecord *x, unsigned *lo, unsigned *hi)
{
    const char *n = or_empty(x->number);
    if (!n[0])
        return -1;
    if (sscanf(n, "%u-%u", lo, hi) != 2)
        *hi = *lo = (unsigned)strtoul(n, NULL, 10);
    return 0;
}

static int named(const struct xrecord *x)
{
    return or_empty(x->name)[0] != '\0';
}

static const struct xperson *find_person(const char *id)
{
    size_t i;
    for (i = 0; i < npeople; i++)
        if (strcmp(people[i].id, id) == 0)
            return &people[i];
    ck_abort_msg("person %s not in <people>", id);
    return NULL;
}

/*
 * The exhaustive checks make millions of comparisons, so they tally
 * (tally.h) and assert once per test; `where` names the input at hand.
 */
static struct tally tl;
static char where[200];
#define EXPECT(cond) TALLY(&tl, cond, "%s", where)
#define EXPECT_EQ(got, want) TALLY_EQ(&tl, got, want, "%s", where)
#define EXPECT_STR_EQ(got, want) TALLY_STR_EQ(&tl, got, want, "%s", where)


static void check_person(const portreg_person *got, const char *id)
{
    const struct xperson *want = find_person(id);
    EXPECT(got != NULL);
    if (!got)
        return;
    EXPECT_STR_EQ(portreg_person_id(got), want->id);
    EXPECT_STR_EQ(portreg_person_name(got), or_empty(want->name));
    EXPECT_STR_EQ(portreg_person_org(got), or_empty(want->org));
    EXPECT_STR_EQ(portreg_person_uri(got), or_empty(want->uri));
}

/* The documented assignee/contact rule (portreg.h). */
static void check_parties(const portreg_entry *e, const struct xrecord *x)
{
    size_t i;
    if (x->had_assignee) {
        EXPECT_EQ(portreg_entry_assignee_count(e), x->nassignee);
        for (i = 0; i < x->nassignee; i++)
            check_person(portreg_entry_assignee(e, i), x->assignee_ids[i]);
    } else {
        EXPECT_EQ(portreg_entry_assignee_count(e), x->nbare ? 1 : 0);
        if (x->nbare)
            check_person(portreg_entry_assignee(e, 0), x->bare_ids[0]);
    }
    if (x->had_contact) {
        EXPECT_EQ(portreg_entry_contact_count(e), x->ncontact);
        for (i = 0; i < x->ncontact; i++)
            check_person(portreg_entry_contact(e, i), x->contact_ids[i]);
    } else if (x->had_assignee) {
        EXPECT_EQ(portreg_entry_contact_count(e), x->nbare);
        for (i = 0; i < x->nbare; i++)
            check_person(portreg_entry_contact(e, i), x->bare_ids[i]);
    } else {
        EXPECT_EQ(portreg_entry_contact_count(e), x->nbare ? 1 : 0);
        if (x->nbare)
            check_person(portreg_entry_contact(e, 0), x->bare_ids[x->nbare - 1]);
    }
    EXPECT(portreg_entry_assignee(e, portreg_entry_assignee_count(e)) == NULL);
    EXPECT(portreg_entry_contact(e, portreg_entry_contact_count(e)) == NULL);
}

static void check_refs(const portreg_entry *e, const struct xrecord *x)
{
    size_t i;
    EXPECT_EQ(portreg_entry_ref_count(e), x->nrefs);
    for (i = 0; i < x->nrefs; i++) {
        const char *type = portreg_ref_type_name(portreg_entry_ref_type(e, i));
        EXPECT_STR_EQ(portreg_entry_ref(e, i), x->refs[i].data);
        if (strcmp(type, "other") != 0)
            EXPECT_STR_EQ(type, x->refs[i].type);
    }
    EXPECT(portreg_entry_ref(e, x->nrefs) == NULL);
}

START_TEST(every_record_with_every_field)
{
    size_t i;
    load_registry();
    TALLY_RESET(&tl);
    snprintf(where, sizeof where, "the registry");
    EXPECT_EQ(portreg_count(), lib_count);
    EXPECT(portreg_at(lib_count) == NULL);
    EXPECT_STR_EQ(portreg_registry_updated(), registry_updated);
    for (i = 0; i < nrecs; i++) {
        const struct xrecord *x = &recs[i];
        const portreg_entry *e;
        unsigned lo = 0, hi = 0;
        uint16_t glo, ghi;
        uint32_t sc;

        if (lib_index[i] == (size_t)-1)
            continue; /* unnamed: not in the small profile */
        e = portreg_at(lib_index[i]);
        snprintf(where, sizeof where, "record %zu (%s)", i, or_empty(x->name));
        REQUIRE(e != NULL, "no %s", where);
        EXPECT_EQ(portreg_entry_index(e), lib_index[i]);
        EXPECT_STR_EQ(portreg_entry_name(e), x->name ? squeeze(x->name) : "");
        EXPECT_EQ(portreg_entry_protos(e), expected_proto(x));
        if (expected_ports(x, &lo, &hi) == 0) {
            EXPECT_EQ(portreg_entry_ports(e, &glo, &ghi), 0);
            EXPECT_EQ(glo, lo);
            EXPECT_EQ(ghi, hi);
        } else {
            EXPECT_EQ(portreg_entry_ports(e, &glo, &ghi), -1);
        }
        if (small_profile) {
            /* The fields the small profile leaves out, as for a record
             * that lacks them. */
            EXPECT_STR_EQ(portreg_entry_description(e), "");
            EXPECT_STR_EQ(portreg_entry_note(e), "");
            EXPECT_STR_EQ(portreg_entry_unauthorized(e), "");
            EXPECT_STR_EQ(portreg_entry_date(e), "");
            EXPECT_STR_EQ(portreg_entry_updated(e), "");
            EXPECT_EQ(portreg_entry_service_code(e, &sc), PORTREG_ENOTFOUND);
            EXPECT_EQ(portreg_entry_ref_count(e), 0);
            EXPECT(portreg_entry_ref(e, 0) == NULL);
            EXPECT_EQ(portreg_entry_ref_type(e, 0), 0);
            EXPECT_EQ(portreg_entry_assignee_count(e), 0);
            EXPECT_EQ(portreg_entry_contact_count(e), 0);
            EXPECT(portreg_entry_assignee(e, 0) == NULL);
            EXPECT(portreg_entry_contact(e, 0) == NULL);
            continue;
        }
        EXPECT_STR_EQ(portreg_entry_description(e), or_empty(x->description));
        EXPECT_STR_EQ(portreg_entry_note(e), or_empty(x->note));
        EXPECT_STR_EQ(portreg_entry_unauthorized(e), or_empty(x->unauthorized));
        EXPECT_STR_EQ(portreg_entry_date(e), or_empty(x->date));
        EXPECT_STR_EQ(portreg_entry_updated(e), or_empty(x->updated));
        if (x->sc) {
            EXPECT_EQ(portreg_entry_service_code(e, &sc), 0);
            EXPECT_EQ(sc, strtoul(x->sc, NULL, 10));
        } else {
            EXPECT_EQ(portreg_entry_service_code(e, &sc), -1);
        }
        check_refs(e, x);
        check_parties(e, x);
    }
    TALLY_VERDICT(&tl);
}
END_TEST

/* Record numbers covering each port, all protocols, registry order. */
static size_t *cover_first, *cover_list;

static void build_cover(void)
{
    size_t *count = calloc(65537, sizeof *count), i, total = 0;
    unsigned lo, hi, p;
    if (cover_first)
        return;
    for (i = 0; i < nrecs; i++)
        if (expected_ports(&recs[i], &lo, &hi) == 0)
            for (p = lo; p <= hi; p++)
                count[p]++;
    cover_first = malloc(65537 * sizeof *cover_first);
    for (p = 0; p < 65536; p++) {
        cover_first[p] = total;
        total += count[p];
    }
    cover_first[65536] = total;
    cover_list = malloc((total + 1) * sizeof *cover_list);
    memset(count, 0, 65537 * sizeof *count);
    for (i = 0; i < nrecs; i++)
        if (expected_ports(&recs[i], &lo, &hi) == 0)
            for (p = lo; p <= hi; p++)
                cover_list[cover_first[p] + count[p]++] = i;
    free(count);
}

static int matches(const struct xrecord *x, unsigned protos)
{
    unsigned p = expected_proto(x);
    return p == 0 ? protos != 0 : (p & protos) != 0;
}

static portreg_status expected_status(unsigned port, unsigned protos)
{
    portreg_status s = PORTREG_STATUS_UNASSIGNED;
    size_t k;
    for (k = cover_first[port]; k < cover_first[port + 1]; k++) {
        const struct xrecord *x = &recs[cover_list[k]];
        if (!matches(x, protos))
            continue;
        if (named(x))
            return PORTREG_STATUS_ASSIGNED;
        if (strncasecmp(or_empty(x->description), "reserved", 8) == 0)
            s = PORTREG_STATUS_RESERVED;
    }
    return s;
}

START_TEST(every_port_and_protocol)
{
    static const unsigned protos[] = {PORTREG_TCP, PORTREG_UDP, PORTREG_SCTP, PORTREG_DCCP,
                                      PORTREG_ANY, PORTREG_TCP | PORTREG_UDP};
    const portreg_entry *got[64];
    unsigned port, j;
    size_t checked = 0, hits = 0;

    load_registry();
    build_cover();
    TALLY_RESET(&tl);
    for (port = 0; port < 65536; port++) {
        for (j = 0; j < sizeof protos / sizeof protos[0]; j++) {
            size_t want[64], nwant = 0, k, n;
            snprintf(where, sizeof where, "port %u, protos 0x%x", port, protos[j]);
            for (k = cover_first[port]; k < cover_first[port + 1]; k++) {
                const struct xrecord *x = &recs[cover_list[k]];
                if (named(x) && matches(x, protos[j]) && nwant < 64)
                    want[nwant++] = cover_list[k];
            }
            n = portreg_lookup_port_all((uint16_t)port, protos[j], got, 64);
            EXPECT_EQ(n, nwant);
            for (k = 0; k < n && k < 64; k++)
                EXPECT_EQ(portreg_entry_index(got[k]), lib_index[want[k]]);
            if (nwant)
                EXPECT_EQ(portreg_entry_index(portreg_lookup_port((uint16_t)port,
                                                                          protos[j])),
                                  lib_index[want[0]]);
            else
                EXPECT(portreg_lookup_port((uint16_t)port, protos[j]) == NULL);
            EXPECT_EQ(portreg_port_status((uint16_t)port, protos[j]),
                             expected_status(port, protos[j]));
            checked++;
            hits += nwant != 0;
        }
    }
    TALLY_VERDICT(&tl);
    ck_assert_uint_eq(checked, 65536u * 6);
    ck_assert_uint_gt(hits, 1000);
}
END_TEST

static void recase(char *dst, const char *src, int mode)
{
    size_t i;
    for (i = 0; src[i]; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c >= 0x80)
            dst[i] = (char)c;
        else if (mode == 0)
            dst[i] = (char)tolower(c);
        else if (mode == 1)
            dst[i] = (char)toupper(c);
        else
            dst[i] = (char)(i % 2 ? toupper(c) : tolower(c));
    }
    dst[i] = '\0';
}

static int by_name_then_order(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcasecmp(recs[x].name, recs[y].name);
    return c ? c : (x > y) - (x < y);
}

START_TEST(every_name_in_every_case)
{
    static const unsigned protos[] = {PORTREG_TCP, PORTREG_UDP, PORTREG_SCTP, PORTREG_DCCP,
                                      PORTREG_ANY};
    const portreg_entry *got[64];
    size_t *order, nnamed = 0, i, names = 0;

    load_registry();
    TALLY_RESET(&tl);
    order = malloc(nrecs * sizeof *order);
    for (i = 0; i < nrecs; i++)
        if (named(&recs[i]))
            order[nnamed++] = i;
    /* Records of one name, whatever its case, end up together, in registry order. */
    qsort(order, nnamed, sizeof *order, by_name_then_order);
    for (i = 0; i < nnamed;) {
        size_t end = i + 1, j, k;
        int mode;
        while (end < nnamed && strcasecmp(recs[order[end]].name, recs[order[i]].name) == 0)
            end++;
        names++;
        for (mode = 0; mode < 3; mode++) {
            char query[128];
            recase(query, recs[order[i]].name, mode);
            for (j = 0; j < sizeof protos / sizeof protos[0]; j++) {
                size_t want[64], nwant = 0, n;
                snprintf(where, sizeof where, "name \"%s\", protos 0x%x", query, protos[j]);
                for (k = i; k < end; k++)
                    if (matches(&recs[order[k]], protos[j]) && nwant < 64)
                        want[nwant++] = order[k];
                n = portreg_lookup_name_all(query, protos[j], got, 64);
                EXPECT_EQ(n, nwant);
                for (k = 0; k < n; k++)
                    EXPECT_EQ(portreg_entry_index(got[k]), lib_index[want[k]]);
                if (nwant)
                    EXPECT_EQ(portreg_entry_index(portreg_lookup_name(query, protos[j])),
                                      lib_index[want[0]]);
                else
                    EXPECT(portreg_lookup_name(query, protos[j]) == NULL);
            }
        }
        i = end;
    }
    free(order);
    TALLY_VERDICT(&tl);
    ck_assert_uint_gt(names, 1000);
}
END_TEST

static Suite *registry_suite(void)
{
    Suite *s = suite_create("registry");
    TCase *tc = tcase_create("exhaustive");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, every_record_with_every_field);
    tcase_add_test(tc, every_port_and_protocol);
    tcase_add_test(tc, every_name_in_every_case);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(registry_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
